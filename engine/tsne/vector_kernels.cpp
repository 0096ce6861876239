// The PCA's and the neighbour search's inner loops: squared distances and scatter-matrix blocks,
// AVX2 where the CPU has it, with portable versions that give the same bits (see simd_kernels.h).
#include <cstring>

#include "tsne/simd_kernels.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define XDD_TSNE_AVX2 1
#endif

namespace xdd::tsne {
namespace {

float squared_distance_portable(const float* a, const float* b, std::int64_t d) {
  float lane[kLanes] = {0.0f};
  const std::int64_t full = d - d % kLanes;
  for (std::int64_t t = 0; t < full; t += kLanes) {
    for (int l = 0; l < kLanes; ++l) {
      const float diff = a[t + l] - b[t + l];
      lane[l] = lane[l] + diff * diff;
    }
  }
  for (std::int64_t t = full; t < d; ++t) {
    const float diff = a[t] - b[t];
    lane[t - full] = lane[t - full] + diff * diff;
  }
  return lane_sum8(lane);
}

void scatter_block_portable(const float* a, const float* b, std::int64_t stride, std::int64_t rows,
                            float* acc) {
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* ar = a + r * stride;
    const float* br = b + r * stride;
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 16; ++j) acc[i * 16 + j] = acc[i * 16 + j] + ar[i] * br[j];
    }
  }
}

#ifdef XDD_TSNE_AVX2
// The 64 sums live in 8 registers for the whole run of rows: no stores in the loop.
__attribute__((target("avx2"))) void scatter_block_avx2(const float* a, const float* b,
                                                        std::int64_t stride, std::int64_t rows,
                                                        float* acc) {
  __m256 s[8];
  for (int k = 0; k < 8; ++k) s[k] = _mm256_loadu_ps(acc + 8 * k);
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* ar = a + r * stride;
    const __m256 b0 = _mm256_loadu_ps(b + r * stride);
    const __m256 b1 = _mm256_loadu_ps(b + r * stride + 8);
    for (int i = 0; i < 4; ++i) {
      const __m256 ai = _mm256_broadcast_ss(ar + i);
      s[2 * i] = _mm256_add_ps(s[2 * i], _mm256_mul_ps(ai, b0));
      s[2 * i + 1] = _mm256_add_ps(s[2 * i + 1], _mm256_mul_ps(ai, b1));
    }
  }
  for (int k = 0; k < 8; ++k) _mm256_storeu_ps(acc + 8 * k, s[k]);
}

__attribute__((target("avx2"))) float squared_distance_avx2(const float* a, const float* b,
                                                            std::int64_t d) {
  __m256 acc = _mm256_setzero_ps();
  const std::int64_t full = d - d % kLanes;
  for (std::int64_t t = 0; t < full; t += kLanes) {
    const __m256 diff = _mm256_sub_ps(_mm256_loadu_ps(a + t), _mm256_loadu_ps(b + t));
    acc = _mm256_add_ps(acc, _mm256_mul_ps(diff, diff));
  }
  if (full < d) {  // the tail t goes to lane t - full, as in the portable version
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(d - full)), lanes);
    const __m256 diff =
        _mm256_sub_ps(_mm256_maskload_ps(a + full, mask), _mm256_maskload_ps(b + full, mask));
    acc = _mm256_add_ps(acc, _mm256_mul_ps(diff, diff));
  }
  // ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)), the portable order.
  const __m256 pairs = _mm256_hadd_ps(acc, acc);
  const __m256 quads = _mm256_hadd_ps(pairs, pairs);
  return _mm_cvtss_f32(_mm_add_ss(_mm256_castps256_ps128(quads), _mm256_extractf128_ps(quads, 1)));
}
#endif

}  // namespace

float squared_distance(const float* a, const float* b, std::int64_t d) {
  return squared_distance_function()(a, b, d);
}

DistanceFunction squared_distance_function() {
#ifdef XDD_TSNE_AVX2
  if (simd_kernels_enabled()) return squared_distance_avx2;
#endif
  return squared_distance_portable;
}

void scatter_block(const float* a, const float* b, std::int64_t stride, std::int64_t rows,
                   float* acc) {
#ifdef XDD_TSNE_AVX2
  if (simd_kernels_enabled()) {
    scatter_block_avx2(a, b, stride, rows, acc);
    return;
  }
#endif
  scatter_block_portable(a, b, stride, rows, acc);
}

}  // namespace xdd::tsne
