#pragma once
// Leading eigenpairs of a symmetric positive semi-definite matrix, for PCA. Own code rather than
// LAPACK: LibTorch's eigh runs through OpenBLAS's OpenMP threads, which stall for seconds when the
// cores are shared with training or other processes; this runs on our worker pool.
#include <cstdint>
#include <vector>

#include "tsne/worker_pool.h"

namespace xdd::tsne {

struct EigenPairs {
  std::vector<double> values;  // descending
  std::vector<double>
      vectors;  // m x count, row-major: column j is the unit eigenvector of values[j]
};

// All eigenpairs of the m x m symmetric matrix `a` (row-major) by cyclic Jacobi rotations; for
// small m (the cost grows as m^3 per sweep). Sorted by descending eigenvalue.
EigenPairs jacobi_eigen(std::vector<double> a, int m);

// The `count` largest eigenpairs of the m x m symmetric positive semi-definite matrix `a`:
// Jacobi for m <= 128, otherwise block subspace iteration (a seeded random start, products on
// `pool`) with a Rayleigh-Ritz step, until the wanted eigenvalues settle to 1e-9 relative.
EigenPairs top_eigen(const std::vector<double>& a, int m, int count, WorkerPool& pool);

}  // namespace xdd::tsne
