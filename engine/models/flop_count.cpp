#include "models/flop_count.h"

#include "models/discriminator.h"

namespace xdd {

namespace {

// A k x k convolution (or its transpose) between cin and cout channels whose *larger* side has
// `positions` pixels per output (ordinary conv) or input (transposed conv): 2 * cin * cout * k^2
// each.
double conv_flops(double cin, double cout, double positions) {
  return 2.0 * cin * cout * 9.0 * positions;
}

}  // namespace

double generator_first_layer_flops(const NetworkOptions& net) {
  return 2.0 * net.latent_dim * 49.0 * net.gen_channels;
}

double generator_forward_flops(const NetworkOptions& net) {
  const double c = net.gen_channels;
  // A transposed convolution costs one multiply-add per input pixel, input channel, output channel
  // and kernel tap: inputs 7x7, 14x14, 14x14, 14x14.
  return generator_first_layer_flops(net) + conv_flops(c, c / 2, 49) +
         conv_flops(c / 2, c / 4, 196) + conv_flops(c / 4, c / 8, 196) + conv_flops(c / 8, 1, 196);
}

double discriminator_first_conv_flops() {
  return conv_flops(1, 8, 196);
}

double discriminator_forward_flops() {
  // An ordinary convolution costs one multiply-add per output pixel: outputs 14x14, 14x14, 7x7,
  // 7x7.
  return discriminator_first_conv_flops() + conv_flops(8, 16, 196) + conv_flops(16, 32, 49) +
         conv_flops(32, 64, 49) + 2.0 * DiscriminatorImpl::kEmbeddingDim;
}

double gan_step_flops_per_image(const NetworkOptions& net) {
  return 3.0 * generator_forward_flops(net) - generator_first_layer_flops(net) +
         8.0 * discriminator_forward_flops() - 2.0 * discriminator_first_conv_flops();
}

}  // namespace xdd
