#pragma once
// The two inner loops of the t-SNE gradient, vectorised with AVX2 when the CPU has it (chosen at
// run time, so the program still runs on any x86-64). The portable versions perform the same float
// operations in the same order for every lane, so both paths give bit-identical results and the
// layout does not depend on which one ran.
#include <cstdint>

namespace xdd::tsne {

// Vector width the kernels are organised around (also used by the portable versions).
constexpr int kLanes = 8;

// The fixed order in which the kernels add their 8 lane sums.
inline float lane_sum8(const float* v) {
  return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
}

// Repulsion on `count` points (px, py) from `size` interaction-list entries (lx, ly: position, lm:
// mass = number of points summarised). For each point p and entry e, with d = p - l_e and
// w = 1 / (1 + |d|^2): fx += m w^2 dx, fy += m w^2 dy, z += m w, entries summed in list order.
void repulsion_kernel(const float* px, const float* py, int count, const float* lx, const float* ly,
                      const float* lm, int size, float* fx, float* fy, float* z);

// Attraction on the point (xi, yi) from one row of P: out = sum_e p_e w_e (xi - x_j, yi - y_j)
// over the `len` entries (cols, vals) with coordinates in the interleaved layout y. Entry e goes to
// lane e mod 8; the lanes are added in a fixed order at the end. When p_log_q is not null it also
// receives sum_e p_e log(1 + |y_i - y_j|^2) (= -sum p log w, for the KL divergence).
void attraction_row(float xi, float yi, const std::int32_t* cols, const float* vals,
                    std::int64_t len, const float* y, float* ax, float* ay, float* p_log_q);

// Squared Euclidean distance of two d-vectors; element t goes to lane t mod 8, lanes added in a
// fixed order (the neighbour search's inner loop).
float squared_distance(const float* a, const float* b, std::int64_t d);
// The implementation squared_distance would call now, for loops that call it millions of times.
using DistanceFunction = float (*)(const float* a, const float* b, std::int64_t d);
DistanceFunction squared_distance_function();

// One 4 x 16 block of a scatter matrix over a run of rows: acc[i * 16 + j] += sum_r a[r s + i] *
// b[r s + j] for i < 4, j < 16, r < rows, s = stride; rows summed in order (the PCA's inner loop).
void scatter_block(const float* a, const float* b, std::int64_t stride, std::int64_t rows,
                   float* acc);

// Natural log for x >= 1 with about 1e-7 relative error; the same operations as the vector path.
float log_at_least_one(float x);

// Whether the AVX2 versions run; tests turn them off to compare with the portable versions.
bool simd_kernels_enabled();
void set_simd_kernels_enabled(bool enabled);

}  // namespace xdd::tsne
