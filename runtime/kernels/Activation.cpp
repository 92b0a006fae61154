// Reference kernels of dlc.activation, dlc.softmax and their gradients (implementation of Activation.h).
#include "runtime/kernels/Activation.h"

#include "absl/strings/str_cat.h"

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
void reluOptionsForward(const ReluOptions &o, const T *x, T *y, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    y[i] = reluWithOptions(o, x[i]);
}

template <typename T>
void reluOptionsBackward(const ReluOptions &o, const T *x, const T *dy, T *dx, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    dx[i] = dy[i] * reluWithOptionsDerivative(o, x[i]);
}

absl::Status checkPReLUShape(const PReLUShape &s) {
  if (s.input.size() < 2 || s.alpha.size() + 1 != s.input.size())
    return absl::InvalidArgumentError(absl::StrCat(
        "prelu: alpha must have the input's rank minus 1 (input rank ", s.input.size(),
        ", alpha rank ", s.alpha.size(), ")"));
  for (size_t i = 0; i < s.alpha.size(); ++i)
    if (s.alpha[i] != 1 && s.alpha[i] != s.input[i + 1])
      return absl::InvalidArgumentError(absl::StrCat("prelu: alpha's axis ", i, " has size ",
                                                     s.alpha[i], ", the input's ",
                                                     s.input[i + 1], " (or 1, shared)"));
  return absl::OkStatus();
}

namespace {

/// Walks the input in row-major order and calls f(input index, alpha index).
template <typename F> void forEachWithAlpha(const PReLUShape &s, F f) {
  const size_t rank = s.input.size();
  // Row-major strides of alpha, per input axis; 0 along the batch and the
  // shared axes.
  std::vector<int64_t> step(rank, 0);
  int64_t stride = 1;
  for (size_t a = s.alpha.size(); a-- > 0;) {
    if (s.alpha[a] != 1) step[a + 1] = stride;
    stride *= s.alpha[a];
  }
  int64_t total = 1;
  for (int64_t d : s.input) total *= d;
  std::vector<int64_t> index(rank, 0);
  int64_t alphaIndex = 0;
  for (int64_t i = 0; i < total; ++i) {
    f(i, alphaIndex);
    for (size_t a = rank; a-- > 0;) {
      alphaIndex += step[a];
      if (++index[a] < s.input[a]) break;
      alphaIndex -= step[a] * index[a];
      index[a] = 0;
    }
  }
}

} // namespace

template <typename T>
void preluForward(const PReLUShape &s, const T *x, const T *alpha, T *y) {
  forEachWithAlpha(s, [&](int64_t i, int64_t a) { y[i] = x[i] > T(0) ? x[i] : alpha[a] * x[i]; });
}

template <typename T>
void preluBackward(const PReLUShape &s, const T *x, const T *alpha, const T *dy, T *dx,
                   T *dalpha) {
  int64_t alphaElements = 1;
  for (int64_t d : s.alpha) alphaElements *= d;
  std::fill(dalpha, dalpha + alphaElements, T(0));
  forEachWithAlpha(s, [&](int64_t i, int64_t a) {
    dx[i] = dy[i] * (x[i] > T(0) ? T(1) : x[i] < T(0) ? alpha[a] : T(0));
    dalpha[a] += dy[i] * std::min(x[i], T(0));
  });
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
  template void reluOptionsForward<T>(const ReluOptions &, const T *, T *, int64_t); \
  template void reluOptionsBackward<T>(const ReluOptions &, const T *, const T *, T *, \
                                       int64_t);                               \
  template void preluForward<T>(const PReLUShape &, const T *, const T *, T *); \
  template void preluBackward<T>(const PReLUShape &, const T *, const T *,     \
                                 const T *, T *, T *);                         \
  template void softmaxForward<T>(const T *, T *, int64_t, int64_t, int64_t);  \
  template void softmaxBackward<T>(const T *, const T *, T *, int64_t,         \
                                   int64_t, int64_t);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

} // namespace dlc::rt::kernels
