#include "tsne/simd_kernels.h"

#include <atomic>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define XDD_TSNE_AVX2 1
#endif

namespace xdd::tsne {
namespace {

std::atomic<int> g_enabled{-1};  // -1: not decided yet

bool cpu_has_avx2() {
#ifdef XDD_TSNE_AVX2
  return __builtin_cpu_supports("avx2");
#else
  return false;
#endif
}

bool use_avx2() {
  int state = g_enabled.load(std::memory_order_relaxed);
  if (state < 0) {
    state = cpu_has_avx2() ? 1 : 0;
    g_enabled.store(state, std::memory_order_relaxed);
  }
  return state == 1;
}

// log(x) = e ln 2 + log(m), x = 2^e m with m in [sqrt(1/2), sqrt(2)); log(m) = 2 atanh(s),
// s = (m - 1) / (m + 1), |s| < 0.172, by its series up to s^9 (truncation below 1e-9).
constexpr float kSqrt2 = 1.41421356f;
constexpr float kLn2 = 0.693147181f;
constexpr float kC9 = 2.0f / 9.0f, kC7 = 2.0f / 7.0f, kC5 = 2.0f / 5.0f, kC3 = 2.0f / 3.0f;

// Per-lane arithmetic of the attraction kernel, shared by the portable path and the vector tails.
struct RowLanes {
  float x[kLanes] = {0.0f}, y[kLanes] = {0.0f}, kl[kLanes] = {0.0f};
};

void add_entry(float xi, float yi, std::int32_t j, float p, const float* y, bool with_kl, int lane,
               RowLanes* lanes) {
  const float dx = xi - y[2 * j];
  const float dy = yi - y[2 * j + 1];
  const float q = 1.0f + (dx * dx + dy * dy);
  const float pw = p / q;
  lanes->x[lane] = lanes->x[lane] + pw * dx;
  lanes->y[lane] = lanes->y[lane] + pw * dy;
  if (with_kl) lanes->kl[lane] = lanes->kl[lane] + p * log_at_least_one(q);
}

void finish_row(float xi, float yi, const std::int32_t* cols, const float* vals, std::int64_t from,
                std::int64_t len, const float* y, RowLanes* lanes, float* ax, float* ay,
                float* p_log_q) {
  for (std::int64_t e = from; e < len; ++e) {
    add_entry(xi, yi, cols[e], vals[e], y, p_log_q != nullptr, static_cast<int>(e - from), lanes);
  }
  *ax = lane_sum8(lanes->x);
  *ay = lane_sum8(lanes->y);
  if (p_log_q != nullptr) *p_log_q = lane_sum8(lanes->kl);
}

// One point against the whole list, in list order: the per-lane arithmetic of the vector path.
void repulsion_point(float px, float py, const float* lx, const float* ly, const float* lm,
                     int size, float* fx, float* fy, float* z) {
  float ax = 0.0f, ay = 0.0f, az = 0.0f;
  for (int e = 0; e < size; ++e) {
    const float dx = px - lx[e];
    const float dy = py - ly[e];
    const float d2 = dx * dx + dy * dy;
    const float w = 1.0f / (1.0f + d2);
    const float mw = lm[e] * w;
    az = az + mw;
    const float t = mw * w;
    ax = ax + t * dx;
    ay = ay + t * dy;
  }
  *fx += ax;
  *fy += ay;
  *z += az;
}

#ifdef XDD_TSNE_AVX2
// Repulsion on 8 * kBlocks points (lanes) from the whole list; one pass over the list serves all
// blocks, which also gives the adds independent chains to overlap.
template <int kBlocks>
__attribute__((target("avx2"))) void repel_blocks(const float* px, const float* py, const float* lx,
                                                  const float* ly, const float* lm, int size,
                                                  float* out) {
  const __m256 one = _mm256_set1_ps(1.0f);
  __m256 x[kBlocks], y[kBlocks], ax[kBlocks], ay[kBlocks], az[kBlocks];
  for (int b = 0; b < kBlocks; ++b) {
    x[b] = _mm256_loadu_ps(px + kLanes * b);
    y[b] = _mm256_loadu_ps(py + kLanes * b);
    ax[b] = ay[b] = az[b] = _mm256_setzero_ps();
  }
  for (int e = 0; e < size; ++e) {
    const __m256 ex = _mm256_broadcast_ss(lx + e);
    const __m256 ey = _mm256_broadcast_ss(ly + e);
    const __m256 em = _mm256_broadcast_ss(lm + e);
    for (int b = 0; b < kBlocks; ++b) {
      const __m256 dx = _mm256_sub_ps(x[b], ex);
      const __m256 dy = _mm256_sub_ps(y[b], ey);
      const __m256 d2 = _mm256_add_ps(_mm256_mul_ps(dx, dx), _mm256_mul_ps(dy, dy));
      const __m256 w = _mm256_div_ps(one, _mm256_add_ps(one, d2));
      const __m256 mw = _mm256_mul_ps(em, w);
      az[b] = _mm256_add_ps(az[b], mw);
      const __m256 t = _mm256_mul_ps(mw, w);
      ax[b] = _mm256_add_ps(ax[b], _mm256_mul_ps(t, dx));
      ay[b] = _mm256_add_ps(ay[b], _mm256_mul_ps(t, dy));
    }
  }
  for (int b = 0; b < kBlocks; ++b) {
    _mm256_storeu_ps(out + kLanes * (3 * b), ax[b]);
    _mm256_storeu_ps(out + kLanes * (3 * b + 1), ay[b]);
    _mm256_storeu_ps(out + kLanes * (3 * b + 2), az[b]);
  }
}

__attribute__((target("avx2"))) void repulsion_avx2(const float* px, const float* py, int count,
                                                    const float* lx, const float* ly,
                                                    const float* lm, int size, float* fx, float* fy,
                                                    float* z) {
  constexpr int kChunk = 2 * kLanes;
  for (int start = 0; start < count; start += kChunk) {
    // Up to 16 points per pass; a short chunk is padded by repeating its last point (whose extra
    // lanes are computed and dropped), so no point takes a slower scalar path.
    alignas(32) float bx[kChunk], by[kChunk], out[3 * kChunk];
    const int valid = count - start < kChunk ? count - start : kChunk;
    for (int l = 0; l < kChunk; ++l) {
      bx[l] = px[start + (l < valid ? l : valid - 1)];
      by[l] = py[start + (l < valid ? l : valid - 1)];
    }
    if (valid > kLanes) {
      repel_blocks<2>(bx, by, lx, ly, lm, size, out);
    } else {
      repel_blocks<1>(bx, by, lx, ly, lm, size, out);
    }
    for (int l = 0; l < valid; ++l) {
      const int b = l / kLanes, lane = l % kLanes;
      fx[start + l] += out[kLanes * (3 * b) + lane];
      fy[start + l] += out[kLanes * (3 * b + 1) + lane];
      z[start + l] += out[kLanes * (3 * b + 2) + lane];
    }
  }
}

__attribute__((target("avx2"))) __m256 log_at_least_one_avx2(__m256 x) {
  const __m256i bits = _mm256_castps_si256(x);
  __m256 e =
      _mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_srli_epi32(bits, 23), _mm256_set1_epi32(127)));
  __m256 m = _mm256_castsi256_ps(_mm256_or_si256(
      _mm256_and_si256(bits, _mm256_set1_epi32(0x007fffff)), _mm256_set1_epi32(0x3f800000)));
  const __m256 big = _mm256_cmp_ps(m, _mm256_set1_ps(kSqrt2), _CMP_GT_OQ);
  m = _mm256_blendv_ps(m, _mm256_mul_ps(m, _mm256_set1_ps(0.5f)), big);
  e = _mm256_add_ps(e, _mm256_and_ps(big, _mm256_set1_ps(1.0f)));
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256 s = _mm256_div_ps(_mm256_sub_ps(m, one), _mm256_add_ps(m, one));
  const __m256 s2 = _mm256_mul_ps(s, s);
  __m256 poly = _mm256_set1_ps(kC9);
  poly = _mm256_add_ps(_mm256_mul_ps(poly, s2), _mm256_set1_ps(kC7));
  poly = _mm256_add_ps(_mm256_mul_ps(poly, s2), _mm256_set1_ps(kC5));
  poly = _mm256_add_ps(_mm256_mul_ps(poly, s2), _mm256_set1_ps(kC3));
  poly = _mm256_add_ps(_mm256_mul_ps(poly, s2), _mm256_set1_ps(2.0f));
  return _mm256_add_ps(_mm256_mul_ps(e, _mm256_set1_ps(kLn2)), _mm256_mul_ps(poly, s));
}

template <bool kWithKl>
__attribute__((target("avx2"))) void attraction_row_avx2(float xi, float yi,
                                                         const std::int32_t* cols,
                                                         const float* vals, std::int64_t len,
                                                         const float* y, float* ax, float* ay,
                                                         float* p_log_q) {
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256 x0 = _mm256_set1_ps(xi);
  const __m256 y0 = _mm256_set1_ps(yi);
  __m256 sx = _mm256_setzero_ps(), sy = _mm256_setzero_ps(), skl = _mm256_setzero_ps();
  const std::int64_t full = len - len % kLanes;
  for (std::int64_t b = 0; b < full; b += kLanes) {
    // Each (x, y) pair is one 8-byte load; plain loads beat gather instructions here.
    double pair[kLanes];
    for (int l = 0; l < kLanes; ++l) std::memcpy(&pair[l], y + 2 * cols[b + l], sizeof(double));
    const __m256 lo = _mm256_castpd_ps(_mm256_loadu_pd(pair));      // x0 y0 x1 y1 | x2 y2 x3 y3
    const __m256 hi = _mm256_castpd_ps(_mm256_loadu_pd(pair + 4));  // x4 y4 x5 y5 | x6 y6 x7 y7
    // Split into x and y (in-lane shuffle gives x0 x1 x4 x5 | x2 x3 x6 x7; the permute restores
    // order).
    const __m256 gx = _mm256_castpd_ps(
        _mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(lo, hi, 0x88)), 0xD8));
    const __m256 gy = _mm256_castpd_ps(
        _mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(lo, hi, 0xDD)), 0xD8));
    const __m256 dx = _mm256_sub_ps(x0, gx);
    const __m256 dy = _mm256_sub_ps(y0, gy);
    const __m256 q =
        _mm256_add_ps(one, _mm256_add_ps(_mm256_mul_ps(dx, dx), _mm256_mul_ps(dy, dy)));
    const __m256 p = _mm256_loadu_ps(vals + b);
    const __m256 pw = _mm256_div_ps(p, q);
    sx = _mm256_add_ps(sx, _mm256_mul_ps(pw, dx));
    sy = _mm256_add_ps(sy, _mm256_mul_ps(pw, dy));
    if (kWithKl) skl = _mm256_add_ps(skl, _mm256_mul_ps(p, log_at_least_one_avx2(q)));
  }
  RowLanes lanes;
  _mm256_storeu_ps(lanes.x, sx);
  _mm256_storeu_ps(lanes.y, sy);
  _mm256_storeu_ps(lanes.kl, skl);
  finish_row(xi, yi, cols, vals, full, len, y, &lanes, ax, ay, kWithKl ? p_log_q : nullptr);
}
#endif

}  // namespace

float log_at_least_one(float x) {
  std::uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  float e = static_cast<float>(static_cast<std::int32_t>(bits >> 23) - 127);
  const std::uint32_t mantissa = (bits & 0x007fffffu) | 0x3f800000u;
  float m;
  std::memcpy(&m, &mantissa, sizeof m);
  if (m > kSqrt2) {
    m = m * 0.5f;
    e = e + 1.0f;
  } else {
    e = e + 0.0f;
  }
  const float s = (m - 1.0f) / (m + 1.0f);
  const float s2 = s * s;
  float poly = kC9;
  poly = poly * s2 + kC7;
  poly = poly * s2 + kC5;
  poly = poly * s2 + kC3;
  poly = poly * s2 + 2.0f;
  return e * kLn2 + poly * s;
}

void repulsion_kernel(const float* px, const float* py, int count, const float* lx, const float* ly,
                      const float* lm, int size, float* fx, float* fy, float* z) {
#ifdef XDD_TSNE_AVX2
  if (use_avx2()) {
    repulsion_avx2(px, py, count, lx, ly, lm, size, fx, fy, z);
    return;
  }
#endif
  for (int b = 0; b < count; ++b) {
    repulsion_point(px[b], py[b], lx, ly, lm, size, fx + b, fy + b, z + b);
  }
}

void attraction_row(float xi, float yi, const std::int32_t* cols, const float* vals,
                    std::int64_t len, const float* y, float* ax, float* ay, float* p_log_q) {
#ifdef XDD_TSNE_AVX2
  if (use_avx2()) {
    if (p_log_q != nullptr) {
      attraction_row_avx2<true>(xi, yi, cols, vals, len, y, ax, ay, p_log_q);
    } else {
      attraction_row_avx2<false>(xi, yi, cols, vals, len, y, ax, ay, nullptr);
    }
    return;
  }
#endif
  RowLanes lanes;
  const std::int64_t full = len - len % kLanes;
  for (std::int64_t b = 0; b < full; b += kLanes) {
    for (int l = 0; l < kLanes; ++l) {
      add_entry(xi, yi, cols[b + l], vals[b + l], y, p_log_q != nullptr, l, &lanes);
    }
  }
  finish_row(xi, yi, cols, vals, full, len, y, &lanes, ax, ay, p_log_q);
}

bool simd_kernels_enabled() {
  return use_avx2();
}

void set_simd_kernels_enabled(bool enabled) {
  g_enabled.store(enabled && cpu_has_avx2() ? 1 : 0, std::memory_order_relaxed);
}

}  // namespace xdd::tsne
