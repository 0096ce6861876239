#pragma once
// ConvTranspose2d computed through ordinary-convolution kernels.
//
// Why: LibTorch 1.13 on CPU runs a transposed convolution through slow_conv_transpose2d (one im2col
// + GEMM + col2im per image, ~15 GFLOP/s on 2 cores), while ordinary convolutions go to oneDNN,
// which runs near the machine's GEMM rate. A transposed convolution *is* the adjoint of an ordinary
// one: with conv(u; W, s, p) mapping Cout channels to Cin channels (W: [Cin, Cout, k, k], the
// transposed layer's own weight layout),
//   forward     y  = conv_transpose(x; W)  = d conv / d u applied to x   (convolution
//   input-gradient) backward    dx = conv(dy; W) (ordinary convolution)
//               dW = weight-gradient of conv with input dy and output-gradient x
//               db = sum of dy over batch and space.
// The sums are the same as ConvTranspose2d's; only the summation order (floating-point rounding)
// differs.
#include <torch/nn/modules/conv.h>
#include <torch/types.h>

namespace xdd {

// Same result as conv->forward(x). Uses the adjoint path on CPU float tensors when oneDNN is
// available and both channel counts are >= 8, and the module's own forward elsewhere (CUDA has fast
// transposed convolutions already; oneDNN is slow for a single output channel). Requires square
// kernels, equal strides/paddings/output paddings, no dilation and no groups (all of Table 1);
// other configurations also fall back to the module's forward.
torch::Tensor conv_transpose_via_adjoint(torch::nn::ConvTranspose2d conv, const torch::Tensor& x);

}  // namespace xdd
