#pragma once
// Floating-point operations of the networks and of one GAN training step, counted from the layer
// shapes (a multiply-add is 2 FLOPs). Only convolutions and linear layers are counted: they are
// >98% of the arithmetic; BatchNorm, activations, the loss and Adam are memory-bound and left out,
// so the GFLOP/s derived from this count is a lower bound on the arithmetic rate.
#include "models/presets.h"

namespace xdd {

// Per image, forward pass.
double generator_forward_flops(const NetworkOptions& net);
double discriminator_forward_flops();
// Per image, the discriminator's first convolution alone (its input-gradient is skipped when the
// input is a real image, which needs no gradient).
double discriminator_first_conv_flops();
// Per image, the generator's first (linear) layer alone (z needs no gradient).
double generator_first_layer_flops(const NetworkOptions& net);

// Per image, one full GAN step as GanTrainer::step does it. A backward pass costs 2x the forward
// (input-gradient + weight-gradient, each as large as the forward) minus the gradients not needed:
//   G forward once (its graph is reused by the G step):      F_G
//   D step: D forward on real and on fake, backward of both
//           without the input-gradient of the first conv:    2 F_D + 2 (2 F_D - F_D1)
//   G step: D forward on fake, backward to its input only
//           (D's weights get no gradient in the G step):     F_D + F_D
//           G backward without the input-gradient of layer 1: 2 F_G - F_G1
// Total: 3 F_G - F_G1 + 8 F_D - 2 F_D1.
double gan_step_flops_per_image(const NetworkOptions& net);

}  // namespace xdd
