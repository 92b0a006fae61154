// Reference kernels of dlc.dense (implementation of Dense.h).
#include "runtime/kernels/Dense.h"

#include <algorithm>

#include "runtime/kernels/Gemm.h"

namespace dlc::rt::kernels {

template <typename T>
void denseForward(const DenseShape &s, const T *x, const T *kernel,
                  const T *bias, T *y) {
  for (int64_t m = 0; m < s.rows; ++m)
    for (int64_t j = 0; j < s.out; ++j)
      y[m * s.out + j] = bias ? bias[j] : T(0);
  detail::gemmNN(s.rows, s.out, s.in, x, s.in, kernel, s.out, y, s.out);
}

template <typename T>
void denseBackwardInput(const DenseShape &s, const T *kernel, const T *dy,
                        T *dx) {
  std::fill(dx, dx + s.rows * s.in, T(0));
  detail::gemmNT(s.rows, s.in, s.out, dy, s.out, kernel, s.out, dx, s.in);
}

template <typename T>
void denseBackwardKernel(const DenseShape &s, const T *x, const T *dy,
                         T *dkernel) {
  std::fill(dkernel, dkernel + s.in * s.out, T(0));
  detail::gemmTN(s.rows, s.out, s.in, x, s.in, dy, s.out, dkernel, s.out);
}

template <typename T>
void denseBackwardBias(const DenseShape &s, const T *dy, T *dbias) {
  auto acc = detail::accumulators<T>(s.out);
  for (int64_t m = 0; m < s.rows; ++m)
    for (int64_t j = 0; j < s.out; ++j)
      acc[j] += dy[m * s.out + j];
  detail::roundInto(acc, dbias);
}

#define DLC_INSTANTIATE(T)                                                     \
  template void denseForward<T>(const DenseShape &, const T *, const T *,      \
                                const T *, T *);                               \
  template void denseBackwardInput<T>(const DenseShape &, const T *,           \
                                      const T *, T *);                         \
  template void denseBackwardKernel<T>(const DenseShape &, const T *,          \
                                       const T *, T *);                        \
  template void denseBackwardBias<T>(const DenseShape &, const T *, T *);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

} // namespace dlc::rt::kernels
