// Internal to the reference kernels: the three plain matrix products they
// are built from. Row-major, explicit leading dimensions (so a time step of
// an [N, T, F] tensor is a matrix with leading dimension T * F), and every
// one ACCUMULATES into C: callers zero C first when they want a plain product.
// Loop orders keep the innermost loop contiguous; no blocking, no threads.
// Summation order is not part of any kernel's contract.
#ifndef DLC_RUNTIME_KERNELS_GEMM_H
#define DLC_RUNTIME_KERNELS_GEMM_H

#include <cstdint>
#include <vector>

namespace dlc::rt::kernels::detail {

/// C[m, n] += A[m, k] · B[k, n]
template <typename T>
inline void gemmNN(int64_t m, int64_t n, int64_t k, const T *a, int64_t lda,
                   const T *b, int64_t ldb, T *c, int64_t ldc) {
  for (int64_t i = 0; i < m; ++i) {
    T *cRow = c + i * ldc;
    for (int64_t p = 0; p < k; ++p) {
      const T aip = a[i * lda + p];
      const T *bRow = b + p * ldb;
      for (int64_t j = 0; j < n; ++j)
        cRow[j] += aip * bRow[j];
    }
  }
}

/// C[m, n] += A[m, k] · B[n, k]ᵀ. B is transposed into a scratch [k, n]
/// copy first, so the product runs as gemmNN with a contiguous, vectorisable
/// inner loop instead of a strict-order dot product.
template <typename T>
inline void gemmNT(int64_t m, int64_t n, int64_t k, const T *a, int64_t lda,
                   const T *b, int64_t ldb, T *c, int64_t ldc) {
  std::vector<T> bt(static_cast<size_t>(k * n));
  for (int64_t j = 0; j < n; ++j)
    for (int64_t p = 0; p < k; ++p)
      bt[p * n + j] = b[j * ldb + p];
  gemmNN(m, n, k, a, lda, bt.data(), n, c, ldc);
}

/// C[k, n] += A[m, k]ᵀ · B[m, n]
template <typename T>
inline void gemmTN(int64_t m, int64_t n, int64_t k, const T *a, int64_t lda,
                   const T *b, int64_t ldb, T *c, int64_t ldc) {
  for (int64_t i = 0; i < m; ++i) {
    const T *bRow = b + i * ldb;
    for (int64_t p = 0; p < k; ++p) {
      const T aip = a[i * lda + p];
      T *cRow = c + p * ldc;
      for (int64_t j = 0; j < n; ++j)
        cRow[j] += aip * bRow[j];
    }
  }
}

} // namespace dlc::rt::kernels::detail

#endif // DLC_RUNTIME_KERNELS_GEMM_H
