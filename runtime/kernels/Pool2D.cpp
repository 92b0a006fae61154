// Reference kernels of dlc.max_pool2d, dlc.avg_pool2d and their gradients (implementation of Pool2D.h).
#include "runtime/kernels/Pool2D.h"

#include <algorithm>
#include <vector>

#include "absl/status/status.h"

namespace dlc::rt::kernels {

absl::StatusOr<Pool2DShape> makePool2DShape(int64_t n, int64_t h, int64_t w,
                                            int64_t c,
                                            std::array<int64_t, 2> poolSize,
                                            std::array<int64_t, 2> strides,
                                            Padding padding) {
  if (n <= 0 || c <= 0)
    return absl::InvalidArgumentError(
        "pool2d: batch and channels must be positive");
  absl::StatusOr<Window1D> rows =
      window1D(h, poolSize[0], strides[0], 1, padding, "pool2d height");
  if (!rows.ok())
    return rows.status();
  absl::StatusOr<Window1D> cols =
      window1D(w, poolSize[1], strides[1], 1, padding, "pool2d width");
  if (!cols.ok())
    return cols.status();
  Pool2DShape s;
  s.n = n, s.h = h, s.w = w, s.c = c;
  s.poolH = poolSize[0], s.poolW = poolSize[1];
  s.strideH = strides[0], s.strideW = strides[1];
  s.padding = padding;
  s.outH = rows->out, s.outW = cols->out;
  s.padTop = rows->padBefore, s.padLeft = cols->padBefore;
  return s;
}

namespace {
/// The in-bounds part of one window: rows [h0, h1), columns [w0, w1).
struct Span {
  int64_t h0, h1, w0, w1;
  int64_t count() const { return (h1 - h0) * (w1 - w0); }
};

Span windowAt(const Pool2DShape &s, int64_t oh, int64_t ow) {
  const int64_t hStart = oh * s.strideH - s.padTop;
  const int64_t wStart = ow * s.strideW - s.padLeft;
  return {std::max<int64_t>(hStart, 0), std::min(hStart + s.poolH, s.h),
          std::max<int64_t>(wStart, 0), std::min(wStart + s.poolW, s.w)};
}

/// Offset (within image n's [H, W, C] block, channel c) of the first
/// maximum of the window, scanning rows then columns; ties keep the first.
template <typename T>
int64_t argmaxOf(const Pool2DShape &s, const T *image, const Span &span,
                 int64_t c) {
  int64_t best = (span.h0 * s.w + span.w0) * s.c + c;
  for (int64_t ih = span.h0; ih < span.h1; ++ih)
    for (int64_t iw = span.w0; iw < span.w1; ++iw) {
      const int64_t at = (ih * s.w + iw) * s.c + c;
      if (image[at] > image[best])
        best = at;
    }
  return best;
}
} // namespace

template <typename T>
void maxPool2dForward(const Pool2DShape &s, const T *x, T *y) {
  for (int64_t n = 0; n < s.n; ++n) {
    const T *image = x + n * s.h * s.w * s.c;
    for (int64_t oh = 0; oh < s.outH; ++oh)
      for (int64_t ow = 0; ow < s.outW; ++ow) {
        const Span span = windowAt(s, oh, ow);
        T *out = y + ((n * s.outH + oh) * s.outW + ow) * s.c;
        for (int64_t c = 0; c < s.c; ++c)
          out[c] = image[argmaxOf(s, image, span, c)];
      }
  }
}

template <typename T>
void maxPool2dBackward(const Pool2DShape &s, const T *x, const T *dy, T *dx) {
  std::fill(dx, dx + s.n * s.h * s.w * s.c, T(0));
  for (int64_t n = 0; n < s.n; ++n) {
    const T *image = x + n * s.h * s.w * s.c;
    T *dImage = dx + n * s.h * s.w * s.c;
    for (int64_t oh = 0; oh < s.outH; ++oh)
      for (int64_t ow = 0; ow < s.outW; ++ow) {
        const Span span = windowAt(s, oh, ow);
        const T *g = dy + ((n * s.outH + oh) * s.outW + ow) * s.c;
        for (int64_t c = 0; c < s.c; ++c)
          dImage[argmaxOf(s, image, span, c)] += g[c];
      }
  }
}

template <typename T>
void avgPool2dForward(const Pool2DShape &s, const T *x, T *y) {
  // Each window sums in double, rounded once.
  std::vector<double> sum(static_cast<size_t>(s.c));
  for (int64_t n = 0; n < s.n; ++n) {
    const T *image = x + n * s.h * s.w * s.c;
    for (int64_t oh = 0; oh < s.outH; ++oh)
      for (int64_t ow = 0; ow < s.outW; ++ow) {
        const Span span = windowAt(s, oh, ow);
        T *out = y + ((n * s.outH + oh) * s.outW + ow) * s.c;
        std::fill(sum.begin(), sum.end(), 0.0);
        for (int64_t ih = span.h0; ih < span.h1; ++ih)
          for (int64_t iw = span.w0; iw < span.w1; ++iw)
            for (int64_t c = 0; c < s.c; ++c)
              sum[c] += image[(ih * s.w + iw) * s.c + c];
        const T count = T(span.count());
        for (int64_t c = 0; c < s.c; ++c)
          out[c] = T(sum[c]) / count;
      }
  }
}

template <typename T>
void avgPool2dBackward(const Pool2DShape &s, const T *dy, T *dx) {
  std::fill(dx, dx + s.n * s.h * s.w * s.c, T(0));
  for (int64_t n = 0; n < s.n; ++n) {
    T *dImage = dx + n * s.h * s.w * s.c;
    for (int64_t oh = 0; oh < s.outH; ++oh)
      for (int64_t ow = 0; ow < s.outW; ++ow) {
        const Span span = windowAt(s, oh, ow);
        const T *g = dy + ((n * s.outH + oh) * s.outW + ow) * s.c;
        const T count = T(span.count());
        for (int64_t ih = span.h0; ih < span.h1; ++ih)
          for (int64_t iw = span.w0; iw < span.w1; ++iw)
            for (int64_t c = 0; c < s.c; ++c)
              dImage[(ih * s.w + iw) * s.c + c] += g[c] / count;
      }
  }
}

#define DLC_INSTANTIATE(T)                                                     \
  template void maxPool2dForward<T>(const Pool2DShape &, const T *, T *);      \
  template void maxPool2dBackward<T>(const Pool2DShape &, const T *,           \
                                     const T *, T *);                          \
  template void avgPool2dForward<T>(const Pool2DShape &, const T *, T *);      \
  template void avgPool2dBackward<T>(const Pool2DShape &, const T *, T *);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

} // namespace dlc::rt::kernels
