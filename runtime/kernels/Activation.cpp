// Reference kernels of dlc.activation, dlc.softmax and their gradients (implementation of Activation.h).
#include "runtime/kernels/Activation.h"

namespace dlc::rt::kernels {

template <typename T>
void activationForward(Activation kind, double alpha, const T *x, T *y,
                       int64_t n) {
  const T a = T(alpha);
  for (int64_t i = 0; i < n; ++i)
    y[i] = activate(kind, a, x[i]);
}

template <typename T>
void activationBackward(Activation kind, double alpha, const T *x, const T *dy,
                        T *dx, int64_t n) {
  const T a = T(alpha);
  for (int64_t i = 0; i < n; ++i)
    dx[i] = dy[i] * activateDerivative(kind, a, x[i]);
}

template <typename T>
void softmaxForward(const T *x, T *y, int64_t outer, int64_t axis,
                    int64_t inner) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t in = 0; in < inner; ++in) {
      const T *xs = x + o * axis * inner + in;
      T *ys = y + o * axis * inner + in;
      T maxValue = xs[0];
      for (int64_t k = 1; k < axis; ++k)
        maxValue = std::max(maxValue, xs[k * inner]);
      // The normaliser sums in double and is rounded once.
      double sum = 0;
      for (int64_t k = 0; k < axis; ++k) {
        ys[k * inner] = std::exp(xs[k * inner] - maxValue);
        sum += ys[k * inner];
      }
      for (int64_t k = 0; k < axis; ++k)
        ys[k * inner] /= T(sum);
    }
  }
}

template <typename T>
void softmaxBackward(const T *y, const T *dy, T *dx, int64_t outer,
                     int64_t axis, int64_t inner) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t in = 0; in < inner; ++in) {
      const int64_t base = o * axis * inner + in;
      double sum = 0;
      for (int64_t k = 0; k < axis; ++k)
        sum += double(dy[base + k * inner]) * y[base + k * inner];
      const T dot = T(sum);
      for (int64_t k = 0; k < axis; ++k)
        dx[base + k * inner] = y[base + k * inner] * (dy[base + k * inner] - dot);
    }
  }
}

#define DLC_INSTANTIATE(T)                                                     \
  template void activationForward<T>(Activation, double, const T *, T *,      \
                                     int64_t);                                 \
  template void activationBackward<T>(Activation, double, const T *,           \
                                      const T *, T *, int64_t);                \
  template void softmaxForward<T>(const T *, T *, int64_t, int64_t, int64_t);  \
  template void softmaxBackward<T>(const T *, const T *, T *, int64_t,         \
                                   int64_t, int64_t);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

} // namespace dlc::rt::kernels
