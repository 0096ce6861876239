#include "models/adjoint_conv_transpose.h"

#include <ATen/Context.h>
#include <ATen/ops/convolution_backward.h>
#include <torch/autograd.h>
#include <torch/nn/functional/conv.h>

namespace xdd {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::Function;
using torch::autograd::tensor_list;

struct AdjointConvTransposeFn : public Function<AdjointConvTransposeFn> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x,
                               const torch::Tensor& weight, const torch::Tensor& bias,
                               int64_t stride, int64_t padding, int64_t output_padding) {
    const int64_t k = weight.size(2);
    const int64_t out_h = (x.size(2) - 1) * stride - 2 * padding + k + output_padding;
    const int64_t out_w = (x.size(3) - 1) * stride - 2 * padding + k + output_padding;
    // convolution_backward reads only the sizes and memory format of `input` when it computes the
    // input-gradient alone; empty() allocates without touching memory.
    const auto format = x.suggest_memory_format();
    const torch::Tensor shape_only =
        torch::empty({x.size(0), weight.size(1), out_h, out_w}, x.options().memory_format(format));
    torch::Tensor y = std::get<0>(
        at::convolution_backward(x.contiguous(format), shape_only, weight, c10::nullopt,
                                 {stride, stride}, {padding, padding}, {1, 1}, /*transposed=*/false,
                                 {0, 0}, /*groups=*/1, {true, false, false}));
    if (bias.defined()) y.add_(bias.view({1, -1, 1, 1}));
    ctx->save_for_backward({x, weight});
    ctx->saved_data["stride"] = stride;
    ctx->saved_data["padding"] = padding;
    ctx->saved_data["has_bias"] = bias.defined();
    return y;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grad_outputs) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor& x = saved[0];
    const torch::Tensor& weight = saved[1];
    const int64_t stride = ctx->saved_data["stride"].toInt();
    const int64_t padding = ctx->saved_data["padding"].toInt();
    const auto format = x.suggest_memory_format();
    const torch::Tensor grad_y = grad_outputs[0].contiguous(format);

    torch::Tensor grad_x, grad_w, grad_b;
    if (ctx->needs_input_grad(0)) {
      grad_x = at::convolution(grad_y, weight, c10::nullopt, {stride, stride}, {padding, padding},
                               {1, 1}, false, {0, 0}, 1);
    }
    if (ctx->needs_input_grad(1)) {
      grad_w = std::get<1>(at::convolution_backward(
          x.contiguous(format), grad_y, weight, c10::nullopt, {stride, stride}, {padding, padding},
          {1, 1}, false, {0, 0}, 1, {false, true, false}));
    }
    if (ctx->saved_data["has_bias"].toBool() && ctx->needs_input_grad(2)) {
      grad_b = grad_y.sum({0, 2, 3});
    }
    return {grad_x, grad_w, grad_b, torch::Tensor(), torch::Tensor(), torch::Tensor()};
  }
};

constexpr int64_t kMinChannels = 8;

bool symmetric(torch::ExpandingArray<2> a) {
  return (*a)[0] == (*a)[1];
}

bool adjoint_path_applies(const torch::nn::ConvTranspose2d& conv, const torch::Tensor& x) {
  const auto& o = conv->options;
  const bool square = symmetric(o.kernel_size()) && symmetric(o.stride()) &&
                      symmetric(o.output_padding()) && symmetric(o.dilation()) &&
                      (*o.dilation())[0] == 1 && o.groups() == 1 &&
                      c10::get_if<torch::ExpandingArray<2>>(&o.padding()) != nullptr &&
                      symmetric(c10::get<torch::ExpandingArray<2>>(o.padding()));
  // oneDNN vectorises over channels: for Table 1's last layer (64 -> 1 channel) LibTorch's own path
  // measured 3x faster (2.1 ms against 7.4 ms forward + backward, batch 64, 1 thread).
  const bool wide = o.in_channels() >= kMinChannels && o.out_channels() >= kMinChannels;
  return square && wide && x.dim() == 4 && x.device().is_cpu() &&
         x.scalar_type() == torch::kFloat && at::hasMKLDNN() &&
         at::globalContext().userEnabledMkldnn();
}

}  // namespace

torch::Tensor conv_transpose_via_adjoint(torch::nn::ConvTranspose2d conv, const torch::Tensor& x) {
  if (!adjoint_path_applies(conv, x)) return conv->forward(x);
  const auto& o = conv->options;
  const int64_t padding = (*c10::get<torch::ExpandingArray<2>>(o.padding()))[0];
  return AdjointConvTransposeFn::apply(x, conv->weight, conv->bias, (*o.stride())[0], padding,
                                       (*o.output_padding())[0]);
}

}  // namespace xdd
