// Reference kernels of dlc.conv2d (Keras `Conv2D` without its activation)
// and its gradients (dlc.conv2d_grad_input, dlc.conv2d_grad_filter, and the
// bias gradient).
//
// Layouts (row-major): input [N, H, W, C] (NHWC), filter [KH, KW, C, F]
// (HWIO, Keras' layout), bias [F], result [N, OH, OW, F]. Strides and
// dilations per axis; padding valid/same with TensorFlow's split (see
// Window1D in Common.h). It is a cross-correlation, as in TF/Keras:
//   y[n, oh, ow, f] = bias[f] + Σ_{kh, kw, c} x[n, ih, iw, c] · w[kh, kw, c, f]
//   ih = oh · strideH − padTop  + kh · dilationH
//   iw = ow · strideW − padLeft + kw · dilationW   (out-of-range taps are 0)
#ifndef DLC_RUNTIME_KERNELS_CONV2D_H
#define DLC_RUNTIME_KERNELS_CONV2D_H

#include <array>
#include <cstdint>

#include "absl/status/statusor.h"
#include "runtime/kernels/Common.h"

namespace dlc::rt::kernels {

/// Every size a conv2d kernel needs; build it with makeConv2DShape, which
/// validates it and derives the output size and the leading padding.
struct Conv2DShape {
  int64_t n = 0, h = 0, w = 0, c = 0; ///< input
  int64_t kh = 0, kw = 0, f = 0;      ///< filter taps and output channels
  int64_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  Padding padding = Padding::Valid;
  int64_t outH = 0, outW = 0;   ///< derived
  int64_t padTop = 0, padLeft = 0; ///< derived (TF split)
};

/// Errors: non-positive sizes, strides or dilations; a valid window larger
/// than the input.
absl::StatusOr<Conv2DShape>
makeConv2DShape(int64_t n, int64_t h, int64_t w, int64_t c, int64_t kh,
                int64_t kw, int64_t f, Padding padding,
                std::array<int64_t, 2> strides = {1, 1},
                std::array<int64_t, 2> dilations = {1, 1});

/// y = conv(x, filter) + bias; `bias` may be null. Overwrites y.
template <typename T>
void conv2dForward(const Conv2DShape &shape, const T *x, const T *filter,
                   const T *bias, T *y);

/// dx[n, ih, iw, c] = Σ over the (oh, ow, kh, kw) that read (ih, iw) of
/// Σ_f dy[n, oh, ow, f] · w[kh, kw, c, f]. Overwrites dx.
template <typename T>
void conv2dBackwardInput(const Conv2DShape &shape, const T *filter,
                         const T *dy, T *dx);

/// dfilter[kh, kw, c, f] = Σ_{n, oh, ow} x[n, ih, iw, c] · dy[n, oh, ow, f]
/// over the in-range taps. Overwrites dfilter.
template <typename T>
void conv2dBackwardFilter(const Conv2DShape &shape, const T *x, const T *dy,
                          T *dfilter);

/// dbias[f] = Σ_{n, oh, ow} dy[n, oh, ow, f]. Overwrites dbias.
template <typename T>
void conv2dBackwardBias(const Conv2DShape &shape, const T *dy, T *dbias);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_CONV2D_H
