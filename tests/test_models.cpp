// The networks of SPEC section 3 (paper Table 1): shapes, parameter counts, presets, the transposed
// convolution's adjoint computation and the FLOP count used by `xdd bench pretrain`.
#include <gtest/gtest.h>

#include "core/error.h"
#include "models/adjoint_conv_transpose.h"
#include "models/discriminator.h"
#include "models/flop_count.h"
#include "models/generator.h"
#include "models/presets.h"

namespace {

int64_t count_parameters(torch::nn::Module& m) {
  int64_t n = 0;
  for (const auto& p : m.parameters()) n += p.numel();
  return n;
}

template <typename F>
std::string error_message(F&& f) {
  try {
    f();
  } catch (const xdd::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Presets, EachPresetCarriesItsSettingNameAndSizes) {
  EXPECT_EQ(xdd::setting_names<xdd::GanPreset>(),
            (std::vector<std::string>{"paper", "fast", "tiny"}));
  const xdd::Preset paper = xdd::preset_for(xdd::GanPreset::kPaper);
  EXPECT_EQ(paper.name, "paper");
  EXPECT_EQ(paper.net.gen_channels, 512);
  EXPECT_EQ(paper.net.latent_dim, 100);
  EXPECT_EQ(paper.batch_size, 64);
  EXPECT_EQ(xdd::preset_for(xdd::GanPreset::kFast).name, "fast");
  EXPECT_LT(xdd::preset_for(xdd::GanPreset::kFast).net.gen_channels, 512);
  EXPECT_EQ(xdd::preset_for(xdd::GanPreset::kTiny).name, "tiny");
}

TEST(Presets, AnUnknownNameListsTheNames) {
  EXPECT_THROW(xdd::parse_setting<xdd::GanPreset>("preset", "huge"), xdd::InvalidArgument);
  const std::string msg =
      error_message([] { xdd::parse_setting<xdd::GanPreset>("preset", "huge"); });
  EXPECT_NE(msg.find("huge"), std::string::npos);
  EXPECT_NE(msg.find("paper, fast, tiny"), std::string::npos) << msg;
}

TEST(Presets, RejectsWidthsThatCannotBeHalvedThreeTimes) {
  EXPECT_THROW(xdd::Generator(xdd::NetworkOptions{100, 12}), xdd::InvalidArgument);
  EXPECT_THROW(xdd::Generator(xdd::NetworkOptions{0, 64}), xdd::InvalidArgument);
}

TEST(Generator, OutputShapeAndRangeForEveryPreset) {
  for (const auto preset : {xdd::GanPreset::kPaper, xdd::GanPreset::kFast, xdd::GanPreset::kTiny}) {
    SCOPED_TRACE(xdd::setting_name(preset));
    torch::manual_seed(1);
    xdd::Generator g(xdd::preset_for(preset).net);
    const torch::Tensor out = g->forward(torch::randn({3, 100}));
    EXPECT_EQ(out.sizes(), (std::vector<int64_t>{3, 1, 28, 28}));
    EXPECT_LT(out.abs().max().item<float>(), 1.0f);  // Tanh
    g->eval();
    EXPECT_EQ(g->forward(torch::randn({1, 100})).sizes(), (std::vector<int64_t>{1, 1, 28, 28}));
  }
}

TEST(Generator, RejectsWrongLatentShape) {
  xdd::Generator g(xdd::NetworkOptions{100, 16});
  EXPECT_THROW(g->forward(torch::randn({4, 99})), xdd::InvalidArgument);
  EXPECT_THROW(g->forward(torch::randn({100})), xdd::InvalidArgument);
}

TEST(Discriminator, EmbeddingIs3136AndBlocksReach14Then7) {
  xdd::Discriminator d;
  const torch::Tensor x = torch::rand({5, 1, 28, 28}) * 2 - 1;
  EXPECT_EQ(xdd::DiscriminatorImpl::kEmbeddingDim, 3136);
  EXPECT_EQ(d->embed(x).sizes(), (std::vector<int64_t>{5, 3136}));
  EXPECT_EQ(d->forward(x).sizes(), (std::vector<int64_t>{5, 1}));
  const auto blocks = d->block_outputs(x);
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_EQ(blocks[0].sizes(), (std::vector<int64_t>{5, 8, 14, 14}));
  EXPECT_EQ(blocks[1].sizes(), (std::vector<int64_t>{5, 16, 14, 14}));
  EXPECT_EQ(blocks[2].sizes(), (std::vector<int64_t>{5, 32, 7, 7}));
  EXPECT_EQ(blocks[3].sizes(), (std::vector<int64_t>{5, 64, 7, 7}));
  // f is the flattened last block, and the head is applied to exactly f.
  d->eval();
  const torch::Tensor z = d->embed(x);
  EXPECT_TRUE(torch::equal(z, d->block_outputs(x)[3].flatten(1)));
  EXPECT_TRUE(torch::allclose(d->forward(x), d->head(z)));
}

TEST(Discriminator, RejectsWrongShapesAndBlocks) {
  xdd::Discriminator d;
  EXPECT_THROW(d->embed(torch::rand({2, 3, 28, 28})), xdd::InvalidArgument);
  EXPECT_THROW(d->embed(torch::rand({2, 1, 32, 32})), xdd::InvalidArgument);
  EXPECT_THROW(d->head(torch::rand({2, 100})), xdd::InvalidArgument);
  EXPECT_THROW(d->block_parameters(4), xdd::InvalidArgument);
  EXPECT_THROW(d->block_parameters(-1), xdd::InvalidArgument);
}

TEST(Discriminator, BlockParametersAndBatchNorms) {
  xdd::Discriminator d;
  const int64_t channels[] = {8, 16, 32, 64};
  int64_t in = 1;
  for (int b = 0; b < 4; ++b) {
    const auto params = d->block_parameters(b);
    ASSERT_EQ(params.size(), 4u);
    EXPECT_EQ(params[0].sizes(), (std::vector<int64_t>{channels[b], in, 3, 3}));  // conv weight
    EXPECT_EQ(params[1].numel(), channels[b]);                                    // conv bias
    EXPECT_EQ(params[2].numel(), channels[b]);                                    // BN weight
    EXPECT_EQ(params[3].numel(), channels[b]);                                    // BN bias
    EXPECT_EQ(d->batch_norms()[b]->options.num_features(), channels[b]);
    in = channels[b];
  }
  EXPECT_EQ(d->batch_norms().size(), 4u);
}

// Hand count from Table 1 (weights + biases; BatchNorm: weight + bias; running statistics are
// buffers, not parameters).
// Generator, c = 512:
//   Linear(100, 25088)             100*25088 + 25088      = 2,533,888
//   BatchNorm1d(25088)             2*25088                =    50,176
//   ConvT(512,256,3)               512*256*9 + 256        = 1,179,904
//   BatchNorm2d(256)                                      =       512
//   ConvT(256,128,3)               256*128*9 + 128        =   295,040
//   BatchNorm2d(128)                                      =       256
//   ConvT(128,64,3)                128*64*9 + 64          =    73,792
//   BatchNorm2d(64)                                       =       128
//   ConvT(64,1,3)                  64*9 + 1               =       577
//                                                   total = 4,134,273
// Discriminator:
//   Conv(1,8,3) 72+8 = 80, BN 16;  Conv(8,16,3) 1152+16 = 1,168, BN 32;
//   Conv(16,32,3) 4608+32 = 4,640, BN 64;  Conv(32,64,3) 18432+64 = 18,496, BN 128;
//   Linear(3136,1) 3136+1 = 3,137                        total = 27,761
TEST(Networks, PaperParameterCountsMatchTable1) {
  xdd::Generator g(xdd::preset_for(xdd::GanPreset::kPaper).net);
  xdd::Discriminator d;
  EXPECT_EQ(count_parameters(*g), 4134273);
  EXPECT_EQ(count_parameters(*d), 27761);
}

// The adjoint computation of ConvTranspose2d must agree with LibTorch's own, forward and backward,
// for both layer kinds of Table 1 (stride 2 with output padding 1, and stride 1).
TEST(AdjointConvTranspose, MatchesLibTorchForwardAndGradients) {
  for (int64_t stride : {2, 1}) {
    SCOPED_TRACE(stride);
    torch::manual_seed(3);
    torch::nn::ConvTranspose2d conv(
        torch::nn::ConvTranspose2dOptions(16, 8, 3).stride(stride).padding(1).output_padding(
            stride - 1));
    const torch::Tensor x = torch::randn({4, 16, 7, 7}).requires_grad_(true);
    const torch::Tensor x_ref = x.detach().clone().requires_grad_(true);
    const torch::Tensor y = xdd::conv_transpose_via_adjoint(conv, x);
    EXPECT_EQ(y.sizes(), (std::vector<int64_t>{4, 8, 7 * stride, 7 * stride}));
    ASSERT_NE(y.grad_fn()->name().find("AdjointConvTranspose"), std::string::npos)
        << y.grad_fn()->name();
    const torch::Tensor weight_for_y = torch::randn(y.sizes());  // a generic downstream loss
    (y * weight_for_y).sum().backward();
    const torch::Tensor gw = conv->weight.grad().clone(), gb = conv->bias.grad().clone();
    conv->zero_grad();
    const torch::Tensor y_ref = conv->forward(x_ref);
    (y_ref * weight_for_y).sum().backward();
    EXPECT_TRUE(torch::allclose(y, y_ref, 1e-4, 1e-5));
    EXPECT_TRUE(torch::allclose(x.grad(), x_ref.grad(), 1e-4, 1e-5));
    EXPECT_TRUE(torch::allclose(gw, conv->weight.grad(), 1e-4, 1e-4));
    EXPECT_TRUE(torch::allclose(gb, conv->bias.grad(), 1e-4, 1e-4));
  }
}

TEST(AdjointConvTranspose, SingleOutputChannelUsesLibTorchsOwnPath) {
  torch::nn::ConvTranspose2d conv(
      torch::nn::ConvTranspose2dOptions(16, 1, 3).stride(2).padding(1).output_padding(1));
  const torch::Tensor y =
      xdd::conv_transpose_via_adjoint(conv, torch::randn({2, 16, 14, 14}).requires_grad_(true));
  EXPECT_EQ(y.sizes(), (std::vector<int64_t>{2, 1, 28, 28}));
  EXPECT_EQ(y.grad_fn()->name().find("AdjointConvTranspose"), std::string::npos);
}

// Hand count (multiply-add = 2 FLOPs), paper width, per image:
//   G forward: Linear 2*100*25088 = 5,017,600; ConvT1 2*512*256*9*49 = 115,605,504;
//              ConvT2 2*256*128*9*196 = 115,605,504; ConvT3 2*128*64*9*196 = 28,901,376;
//              ConvT4 2*64*1*9*196 = 225,792; total F_G = 265,355,776
//   D forward: 2*1*8*9*196 = 28,224; 2*8*16*9*196 = 451,584; 2*16*32*9*49 = 451,584;
//              2*32*64*9*49 = 1,806,336; head 2*3136 = 6,272; total F_D = 2,744,000
//   step: 3 F_G - F_G1 + 8 F_D - 2 F_D1 = 796,067,328 - 5,017,600 + 21,952,000 - 56,448 =
//   812,945,280
TEST(FlopCount, PaperStepMatchesHandCount) {
  const auto net = xdd::preset_for(xdd::GanPreset::kPaper).net;
  EXPECT_DOUBLE_EQ(xdd::generator_forward_flops(net), 265355776.0);
  EXPECT_DOUBLE_EQ(xdd::discriminator_forward_flops(), 2744000.0);
  EXPECT_DOUBLE_EQ(xdd::gan_step_flops_per_image(net), 812945280.0);
}
