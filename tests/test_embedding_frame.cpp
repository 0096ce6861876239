// The test embedding held once: the pipeline embeds the test and labeled images into one tensor,
// the points the session hands to the live t-SNE share that tensor's memory, and the t-SNE reads
// them in place.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>

#include "core/error.h"
#include "models/discriminator.h"
#include "pipeline/embedding.h"
#include "pipeline/run_outputs.h"
#include "session/snapshot_conversions.h"
#include "session/tsne_input.h"
#include "test_support.h"

namespace xdd {
namespace {

TEST(EmbeddingFrame, SetsEmbeddedTogetherEqualEachSetAlone) {
  torch::manual_seed(3);
  Discriminator d;
  const torch::Tensor test = torch::rand({7, 1, 28, 28}) * 2 - 1;
  const torch::Tensor labeled = torch::rand({3, 1, 28, 28}) * 2 - 1;
  const torch::Tensor both = embed_image_sets(d, {test, labeled}, torch::kCPU, 4);
  ASSERT_EQ(both.size(0), 10);
  EXPECT_TRUE(torch::allclose(both.slice(0, 0, 7), embed_images(d, test, torch::kCPU), 1e-6, 1e-6));
  EXPECT_TRUE(torch::allclose(both.slice(0, 7), embed_images(d, labeled, torch::kCPU), 1e-6, 1e-6));
}

EmbeddingUpdate update_of(const torch::Tensor& z, int64_t test_rows) {
  EmbeddingUpdate u;
  u.z_test = z.slice(0, 0, test_rows);
  u.z_labeled = z.slice(0, test_rows);
  u.labels = torch::arange(test_rows) % 10;
  u.scores = torch::zeros({test_rows}, torch::kFloat64);
  return u;
}

TEST(EmbeddingFrame, PointsShareThePipelinesTensorAndTheTsneReadsThemInPlace) {
  const torch::Tensor z = torch::randn({12, 5});
  const EmbeddingUpdate update = update_of(z, 9);
  auto frame = std::make_shared<const EmbeddingFrame>(to_frame(update));
  EXPECT_EQ(frame->labels.size(), 9u);
  const EmbeddingPoints points = to_points(update, frame);
  EXPECT_EQ(points.frame, frame);
  EXPECT_EQ(points.dim, 5);
  EXPECT_EQ(points.z_test.data(), z.data_ptr<float>());  // no copy
  EXPECT_EQ(points.z_test.size(), 45u);
  EXPECT_TRUE(points.z_test.continued_by(points.z_labeled));

  PointMatrix scratch;
  const PointView with_labeled = tsne_points(points, true, scratch);
  EXPECT_EQ(with_labeled.rows, 12);
  EXPECT_EQ(with_labeled.data, z.data_ptr<float>());
  EXPECT_TRUE(scratch.values.empty());
  const PointView test_only = tsne_points(points, false, scratch);
  EXPECT_EQ(test_only.rows, 9);
  EXPECT_EQ(test_only.data, z.data_ptr<float>());

  // The points keep the memory alive after the pipeline lets its tensor go.
  const float first = z[0][0].item<float>();
  EmbeddingPoints kept;
  {
    const torch::Tensor temporary = z.clone();
    kept = to_points(update_of(temporary, 9), frame);
  }
  EXPECT_EQ(kept.z_test[0], first);
}

TEST(EmbeddingFrame, SeparateBuffersAreCopiedTestRowsFirst) {
  auto frame = std::make_shared<EmbeddingFrame>();
  frame->labels = {0, 1, 2};
  EmbeddingPoints points;
  points.frame = frame;
  points.dim = 2;
  points.z_test = SharedFloats({1, 2, 3, 4, 5, 6});
  points.z_labeled = SharedFloats({7, 8});
  PointMatrix scratch;
  const PointView view = tsne_points(points, true, scratch);
  ASSERT_EQ(view.rows, 4);
  EXPECT_EQ(view.data, scratch.values.data());
  EXPECT_EQ(scratch.values, (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8}));

  points.z_labeled = SharedFloats({7, 8, 9});  // not a whole row
  EXPECT_THROW(tsne_points(points, true, scratch), DataError);
  points.frame = nullptr;
  EXPECT_THROW(tsne_points(points, false, scratch), DataError);
}

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The run folder's layout reads the pipeline's one tensor in place; separate tensors (another
// caller's) are joined first. Both give the same file. 60 columns: the PCA-50 path.
TEST(EmbeddingFrame, LayoutOfOneTensorEqualsLayoutOfSeparateOnes) {
  torch::manual_seed(5);
  const torch::Tensor z = torch::randn({110, 60});
  EmbeddingUpdate joined = update_of(z, 100);
  joined.labeled_labels = torch::arange(10);
  EmbeddingUpdate separate = joined;
  separate.z_test = z.slice(0, 0, 100).clone();
  separate.z_labeled = z.slice(0, 100).clone();
  test::ScratchDir dir;
  write_run_layout(joined, dir.path() / "joined.csv", 1);
  write_run_layout(separate, dir.path() / "separate.csv", 1);
  const std::string text = file_text(dir.path() / "joined.csv");
  EXPECT_GT(std::count(text.begin(), text.end(), '\n'), 110);
  EXPECT_EQ(text, file_text(dir.path() / "separate.csv"));
}

}  // namespace
}  // namespace xdd
