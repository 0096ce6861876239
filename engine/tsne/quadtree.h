#pragma once
// The Barnes-Hut quadtree over a 2-D layout, rebuilt every iteration. Flat and cache-friendly: the
// points are sorted along a Morton (Z-order) curve, so every cell covers one contiguous run of
// sorted points, and the nodes are stored in depth-first order with a "skip to after my subtree"
// index. A traversal is then a single forward loop over one array, without a stack or pointers.
#include <cstdint>
#include <vector>

namespace xdd::tsne {

struct QuadNode {
  float com_x;  // centre of mass of the points in the cell
  float com_y;
  float width_sq;      // squared side length of the (square) cell
  std::int32_t count;  // points in the cell
  std::int32_t begin;  // first of them in the sorted order: they are begin .. begin + count - 1
  std::int32_t next;   // index of the first node after this subtree; next == self + 1 for a leaf
};

class QuadTree {
 public:
  // Cells with at most this many points are leaves (cells of identical points at the deepest level
  // may hold more).
  static constexpr int kLeafSize = 8;

  // (Re)builds over n points given as interleaved x, y; buffers are reused between calls.
  void build(const float* layout, std::int64_t n);

  const std::vector<QuadNode>& nodes() const { return nodes_; }
  // Coordinates in Morton order and, for each sorted position, the original point index.
  const std::vector<float>& sorted_x() const { return sorted_x_; }
  const std::vector<float>& sorted_y() const { return sorted_y_; }
  const std::vector<std::int32_t>& order() const { return order_; }

 private:
  void sort_by_code(std::int64_t n);
  std::int32_t build_node(std::int32_t lo, std::int32_t hi, int level, float width, double* sum_x,
                          double* sum_y);

  std::vector<QuadNode> nodes_;
  std::vector<float> sorted_x_, sorted_y_;
  std::vector<std::int32_t> order_, order_tmp_;
  std::vector<std::uint32_t> codes_, codes_tmp_;
};

}  // namespace xdd::tsne
