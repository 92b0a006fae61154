// Internal to the reference kernels: the three plain matrix products they
// are built from. Row-major, explicit leading dimensions (so a time step of
// an [N, T, F] tensor is a matrix with leading dimension T * F), and every
// one ACCUMULATES into C: callers zero C first when they want a plain product.
// Each element of C sums its terms in double precision (Accumulator) and is
// rounded once, so the oracle is the most accurate target rather than the
// least: a float sum of K terms in order drifts by up to K ulps. C may itself
// be an accumulator (a kernel summing over several products, like BPTT's
// weight gradients over time steps, keeps its sums in double across calls).
// Loop orders keep the innermost loop contiguous; no blocking, no threads.
#ifndef DLC_RUNTIME_KERNELS_GEMM_H
#define DLC_RUNTIME_KERNELS_GEMM_H

#include <cstdint>
#include <vector>

namespace dlc::rt::kernels::detail {

/// The type every reference reduction of T values accumulates in.
template <typename T> using Accumulator = double;

/// C[m, n] += A[m, k] · B[k, n]
template <typename T, typename C>
inline void gemmNN(int64_t m, int64_t n, int64_t k, const T *a, int64_t lda,
                   const T *b, int64_t ldb, C *c, int64_t ldc) {
  std::vector<Accumulator<T>> row(static_cast<size_t>(n));
  for (int64_t i = 0; i < m; ++i) {
    C *cRow = c + i * ldc;
    for (int64_t j = 0; j < n; ++j)
      row[j] = cRow[j];
    for (int64_t p = 0; p < k; ++p) {
      const Accumulator<T> aip = a[i * lda + p];
      const T *bRow = b + p * ldb;
      for (int64_t j = 0; j < n; ++j)
        row[j] += aip * Accumulator<T>(bRow[j]);
    }
    for (int64_t j = 0; j < n; ++j)
      cRow[j] = C(row[j]);
  }
}

/// C[m, n] += A[m, k] · B[n, k]ᵀ. B is transposed into a scratch [k, n]
/// copy first, so the product runs as gemmNN with a contiguous, vectorisable
/// inner loop.
template <typename T, typename C>
inline void gemmNT(int64_t m, int64_t n, int64_t k, const T *a, int64_t lda,
                   const T *b, int64_t ldb, C *c, int64_t ldc) {
  std::vector<T> bt(static_cast<size_t>(k * n));
  for (int64_t j = 0; j < n; ++j)
    for (int64_t p = 0; p < k; ++p)
      bt[p * n + j] = b[j * ldb + p];
  gemmNN(m, n, k, a, lda, bt.data(), n, c, ldc);
}

/// C[k, n] += A[m, k]ᵀ · B[m, n]
template <typename T, typename C>
inline void gemmTN(int64_t m, int64_t n, int64_t k, const T *a, int64_t lda,
                   const T *b, int64_t ldb, C *c, int64_t ldc) {
  std::vector<Accumulator<T>> acc(static_cast<size_t>(k * n));
  for (int64_t p = 0; p < k; ++p)
    for (int64_t j = 0; j < n; ++j)
      acc[p * n + j] = c[p * ldc + j];
  for (int64_t i = 0; i < m; ++i) {
    const T *bRow = b + i * ldb;
    for (int64_t p = 0; p < k; ++p) {
      const Accumulator<T> aip = a[i * lda + p];
      Accumulator<T> *accRow = acc.data() + p * n;
      for (int64_t j = 0; j < n; ++j)
        accRow[j] += aip * Accumulator<T>(bRow[j]);
    }
  }
  for (int64_t p = 0; p < k; ++p)
    for (int64_t j = 0; j < n; ++j)
      c[p * ldc + j] = C(acc[p * n + j]);
}

/// A buffer of accumulators for `count` outputs, and its values rounded to
/// T into `out`.
template <typename T> std::vector<Accumulator<T>> accumulators(int64_t count) {
  return std::vector<Accumulator<T>>(static_cast<size_t>(count), Accumulator<T>(0));
}
template <typename T>
inline void roundInto(const std::vector<Accumulator<T>> &acc, T *out) {
  for (size_t i = 0; i < acc.size(); ++i)
    out[i] = T(acc[i]);
}

} // namespace dlc::rt::kernels::detail

#endif // DLC_RUNTIME_KERNELS_GEMM_H
