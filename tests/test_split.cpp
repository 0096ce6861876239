#include <gtest/gtest.h>

#include <set>

#include "core/error.h"
#include "data/dataset.h"
#include "data/split.h"
#include "test_support.h"

namespace {

const xdd::Dataset& small_train() {
  static const xdd::LoadedData data = xdd::load_dataset(xdd::test::small_mnist_dir());
  return data.train;
}

std::vector<int64_t> to_vector(const torch::Tensor& t) {
  torch::Tensor c = t.to(torch::kInt64).contiguous();
  return std::vector<int64_t>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
}

// Index in the training set of the image equal to `image` (the subset images are all distinct).
int64_t find_image(const torch::Tensor& image) {
  const torch::Tensor same = (small_train().images == image).flatten(1).all(1);
  const std::vector<int64_t> hits = to_vector(same.nonzero().flatten());
  return hits.size() == 1 ? hits[0] : -1;
}

}  // namespace

TEST(Split, ExcludeClassDropsOnlyTheHoldoutInOrder) {
  const xdd::Dataset& train = small_train();
  const xdd::Dataset pre = xdd::exclude_class(train, 3);
  EXPECT_EQ(pre.size(), 1000 - 93);  // 93 threes in the subset (numpy bincount)
  EXPECT_EQ((pre.labels == 3).sum().item<int64_t>(), 0);
  // The first train labels are 5 0 4 1 9 2 1 3 1 4: the 3 at index 7 disappears.
  const std::vector<int64_t> first = to_vector(pre.labels.slice(0, 0, 9));
  EXPECT_EQ(first, (std::vector<int64_t>{5, 0, 4, 1, 9, 2, 1, 1, 4}));
  EXPECT_TRUE(torch::equal(pre.images[7], train.images[8]));
  EXPECT_EQ(pre.images.sizes(), (std::vector<int64_t>{907, 1, 28, 28}));
}

TEST(Split, HoldoutOutOfRange) {
  EXPECT_THROW(xdd::exclude_class(small_train(), 10), xdd::InvalidArgument);
  EXPECT_THROW(xdd::exclude_class(small_train(), -1), xdd::InvalidArgument);
  EXPECT_THROW(xdd::draw_labeled(small_train(), 10, 5, 1), xdd::InvalidArgument);
}

TEST(Split, DrawLabeledCountsOrderAndMembership) {
  const xdd::Dataset drawn = xdd::draw_labeled(small_train(), 8, 10, 42);
  ASSERT_EQ(drawn.size(), 90);
  std::vector<int64_t> expected;
  for (int c = 0; c < 10; ++c) {
    if (c != 8) expected.insert(expected.end(), 10, c);
  }
  EXPECT_EQ(to_vector(drawn.labels), expected);  // ordered by class, holdout absent
  std::set<int64_t> sources;
  for (int64_t i = 0; i < drawn.size(); ++i) {
    const int64_t src = find_image(drawn.images[i]);
    ASSERT_GE(src, 0);
    EXPECT_EQ(small_train().labels[src].item<int64_t>(), drawn.labels[i].item<int64_t>());
    sources.insert(src);
  }
  EXPECT_EQ(sources.size(), 90u);  // drawn without replacement
}

TEST(Split, DrawIsDeterministicAndSeedDependent) {
  const xdd::Dataset a = xdd::draw_labeled(small_train(), 2, 10, 7);
  const xdd::Dataset b = xdd::draw_labeled(small_train(), 2, 10, 7);
  const xdd::Dataset c = xdd::draw_labeled(small_train(), 2, 10, 8);
  EXPECT_TRUE(torch::equal(a.images, b.images));
  EXPECT_TRUE(torch::equal(a.labels, b.labels));
  EXPECT_FALSE(torch::equal(a.images, c.images));
  EXPECT_TRUE(torch::equal(a.labels, c.labels));  // same classes, other images
}

TEST(Split, DrawOfAClassDoesNotDependOnTheHoldout) {
  // Class 5's examples for seed 3: rows 50..59 when holdout is 9 (classes 0..8), rows 40..49 when
  // holdout is 0 (classes 1..9).
  const xdd::Dataset h9 = xdd::draw_labeled(small_train(), 9, 10, 3);
  const xdd::Dataset h0 = xdd::draw_labeled(small_train(), 0, 10, 3);
  EXPECT_TRUE(torch::equal(h9.images.slice(0, 50, 60), h0.images.slice(0, 40, 50)));
}

TEST(Split, DrawMatchesIndependentReimplementation) {
  // Indices printed by scripts/reference_draw_labeled.py, a Python re-implementation of the draw
  // (mt19937_64 checked against the C++ standard's 10000th output, splitmix64, Fisher-Yates).
  const std::vector<int64_t> seed7 = {114, 776, 765, 982, 410, 568, 574, 909, 237,
                                      700, 912, 480, 430, 565, 436, 934, 471, 755};
  const xdd::Dataset a = xdd::draw_labeled(small_train(), 8, 2, 7);
  ASSERT_EQ(a.size(), 18);
  for (int64_t i = 0; i < a.size(); ++i)
    EXPECT_EQ(find_image(a.images[i]), seed7[i]) << "row " << i;
  const std::vector<int64_t> big_seed = {711, 693, 279, 706, 236, 32, 230, 265, 285};
  const xdd::Dataset b = xdd::draw_labeled(small_train(), 0, 1, 12345678901234567890ULL);
  ASSERT_EQ(b.size(), 9);
  for (int64_t i = 0; i < b.size(); ++i)
    EXPECT_EQ(find_image(b.images[i]), big_seed[i]) << "row " << i;
}

TEST(Split, TooFewExamplesOfAClass) {
  // The subset holds 87 eights, fewer than any other digit.
  EXPECT_NO_THROW(xdd::draw_labeled(small_train(), 8, 92, 1));
  try {
    xdd::draw_labeled(small_train(), 0, 88, 1);
    FAIL() << "expected InvalidArgument";
  } catch (const xdd::InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("class 8 has only 87"), std::string::npos) << e.what();
  }
  EXPECT_THROW(xdd::draw_labeled(small_train(), 0, 0, 1), xdd::InvalidArgument);
}

TEST(Split, HeadTakesThePrefix) {
  const xdd::Dataset h = xdd::head(small_train(), 4);
  EXPECT_EQ(h.size(), 4);
  EXPECT_EQ(to_vector(h.labels), (std::vector<int64_t>{5, 0, 4, 1}));
  EXPECT_TRUE(torch::equal(h.images, small_train().images.slice(0, 0, 4)));
  EXPECT_EQ(xdd::head(small_train(), 5000).size(), 1000);
  EXPECT_EQ(xdd::head(small_train(), 0).size(), 0);
  EXPECT_THROW(xdd::head(small_train(), -1), xdd::InvalidArgument);
}

TEST(Split, SubsetPicksRowsInTheGivenOrder) {
  const xdd::Dataset s = xdd::subset(small_train(), torch::tensor({2, 0, 2}, torch::kInt64));
  EXPECT_EQ(to_vector(s.labels), (std::vector<int64_t>{4, 5, 4}));
  EXPECT_TRUE(torch::equal(s.images[1], small_train().images[0]));
  EXPECT_TRUE(torch::equal(s.images[0], s.images[2]));
  EXPECT_EQ(xdd::subset(small_train(), torch::tensor({9}, torch::kInt32)).labels[0].item<int64_t>(),
            4);
  EXPECT_THROW(xdd::subset(small_train(), torch::tensor({1000}, torch::kInt64)),
               xdd::InvalidArgument);
  EXPECT_THROW(xdd::subset(small_train(), torch::tensor({-1}, torch::kInt64)),
               xdd::InvalidArgument);
  EXPECT_THROW(xdd::subset(small_train(), torch::tensor({1.0})), xdd::InvalidArgument);
  EXPECT_THROW(xdd::subset(small_train(), torch::zeros({2, 2}, torch::kInt64)),
               xdd::InvalidArgument);
}
