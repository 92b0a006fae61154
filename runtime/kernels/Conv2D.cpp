// Reference kernels of dlc.conv2d (implementation of Conv2D.h).
#include "runtime/kernels/Conv2D.h"

#include <algorithm>

#include "runtime/kernels/Gemm.h"

#include "absl/status/status.h"

namespace dlc::rt::kernels {

absl::StatusOr<Conv2DShape> makeConv2DShape(int64_t n, int64_t h, int64_t w,
                                            int64_t c, int64_t kh, int64_t kw,
                                            int64_t f, Padding padding,
                                            std::array<int64_t, 2> strides,
                                            std::array<int64_t, 2> dilations) {
  if (n <= 0 || c <= 0 || f <= 0)
    return absl::InvalidArgumentError(
        "conv2d: batch, input channels and filters must be positive");
  absl::StatusOr<Window1D> rows =
      window1D(h, kh, strides[0], dilations[0], padding, "conv2d height");
  if (!rows.ok())
    return rows.status();
  absl::StatusOr<Window1D> cols =
      window1D(w, kw, strides[1], dilations[1], padding, "conv2d width");
  if (!cols.ok())
    return cols.status();
  Conv2DShape s;
  s.n = n, s.h = h, s.w = w, s.c = c, s.kh = kh, s.kw = kw, s.f = f;
  s.strideH = strides[0], s.strideW = strides[1];
  s.dilationH = dilations[0], s.dilationW = dilations[1];
  s.padding = padding;
  s.outH = rows->out, s.outW = cols->out;
  s.padTop = rows->padBefore, s.padLeft = cols->padBefore;
  return s;
}

namespace {
// Calls body(xOffset, yOffset, wOffset) for every in-range tap (n, oh, ow,
// kh, kw) in row-major order, where xOffset is the offset of x[n, ih, iw, 0],
// yOffset of y[n, oh, ow, 0] and wOffset of filter[kh, kw, 0, 0].
template <typename Body> void forEachTap(const Conv2DShape &s, Body body) {
  for (int64_t n = 0; n < s.n; ++n)
    for (int64_t oh = 0; oh < s.outH; ++oh)
      for (int64_t ow = 0; ow < s.outW; ++ow) {
        const int64_t yOffset = ((n * s.outH + oh) * s.outW + ow) * s.f;
        for (int64_t kh = 0; kh < s.kh; ++kh) {
          const int64_t ih = oh * s.strideH - s.padTop + kh * s.dilationH;
          if (ih < 0 || ih >= s.h)
            continue;
          for (int64_t kw = 0; kw < s.kw; ++kw) {
            const int64_t iw = ow * s.strideW - s.padLeft + kw * s.dilationW;
            if (iw < 0 || iw >= s.w)
              continue;
            const int64_t xOffset = ((n * s.h + ih) * s.w + iw) * s.c;
            const int64_t wOffset = (kh * s.kw + kw) * s.c * s.f;
            body(xOffset, yOffset, wOffset);
          }
        }
      }
}
} // namespace

// Every reduction sums in double (detail::Accumulator) and rounds once: the
// forward per output pixel over its taps, the backward ones into
// accumulator copies of dx, dW and db.

template <typename T>
void conv2dForward(const Conv2DShape &s, const T *x, const T *filter,
                   const T *bias, T *y) {
  auto pixel = detail::accumulators<T>(s.f);
  int64_t current = -1;
  auto flush = [&] {
    if (current >= 0)
      for (int64_t f = 0; f < s.f; ++f)
        y[current + f] = T(pixel[f]);
  };
  const int64_t pixels = s.n * s.outH * s.outW;
  // A pixel whose window lies wholly in the padding has no taps.
  for (int64_t p = 0; p < pixels; ++p)
    for (int64_t f = 0; f < s.f; ++f)
      y[p * s.f + f] = bias ? bias[f] : T(0);
  // forEachTap visits the taps of one output pixel one after the other.
  forEachTap(s, [&](int64_t xo, int64_t yo, int64_t wo) {
    if (yo != current) {
      flush();
      current = yo;
      for (int64_t f = 0; f < s.f; ++f)
        pixel[f] = bias ? bias[f] : T(0);
    }
    for (int64_t c = 0; c < s.c; ++c) {
      const detail::Accumulator<T> xv = x[xo + c];
      const T *wRow = filter + wo + c * s.f;
      for (int64_t f = 0; f < s.f; ++f)
        pixel[f] += xv * wRow[f];
    }
  });
  flush();
}

template <typename T>
void conv2dBackwardInput(const Conv2DShape &s, const T *filter, const T *dy,
                         T *dx) {
  auto acc = detail::accumulators<T>(s.n * s.h * s.w * s.c);
  forEachTap(s, [&](int64_t xo, int64_t yo, int64_t wo) {
    for (int64_t c = 0; c < s.c; ++c) {
      const T *wRow = filter + wo + c * s.f;
      detail::Accumulator<T> sum = 0;
      for (int64_t f = 0; f < s.f; ++f)
        sum += detail::Accumulator<T>(dy[yo + f]) * wRow[f];
      acc[xo + c] += sum;
    }
  });
  detail::roundInto(acc, dx);
}

template <typename T>
void conv2dBackwardFilter(const Conv2DShape &s, const T *x, const T *dy,
                          T *dfilter) {
  auto acc = detail::accumulators<T>(s.kh * s.kw * s.c * s.f);
  forEachTap(s, [&](int64_t xo, int64_t yo, int64_t wo) {
    for (int64_t c = 0; c < s.c; ++c) {
      const detail::Accumulator<T> xv = x[xo + c];
      detail::Accumulator<T> *dwRow = acc.data() + wo + c * s.f;
      for (int64_t f = 0; f < s.f; ++f)
        dwRow[f] += xv * dy[yo + f];
    }
  });
  detail::roundInto(acc, dfilter);
}

template <typename T>
void conv2dBackwardBias(const Conv2DShape &s, const T *dy, T *dbias) {
  auto acc = detail::accumulators<T>(s.f);
  const int64_t pixels = s.n * s.outH * s.outW;
  for (int64_t p = 0; p < pixels; ++p)
    for (int64_t f = 0; f < s.f; ++f)
      acc[f] += dy[p * s.f + f];
  detail::roundInto(acc, dbias);
}

#define DLC_INSTANTIATE(T)                                                     \
  template void conv2dForward<T>(const Conv2DShape &, const T *, const T *,    \
                                 const T *, T *);                              \
  template void conv2dBackwardInput<T>(const Conv2DShape &, const T *,         \
                                       const T *, T *);                        \
  template void conv2dBackwardFilter<T>(const Conv2DShape &, const T *,        \
                                        const T *, T *);                       \
  template void conv2dBackwardBias<T>(const Conv2DShape &, const T *, T *);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

} // namespace dlc::rt::kernels
