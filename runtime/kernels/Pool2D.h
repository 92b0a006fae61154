// Reference kernels of dlc.max_pool2d and dlc.avg_pool2d (Keras
// `MaxPooling2D`, `AveragePooling2D`) and their gradients
// (dlc.max_pool2d_grad, dlc.avg_pool2d_grad).
//
// Layouts: input [N, H, W, C] (NHWC), result [N, OH, OW, C]. Output sizes and
// padding follow conv2d's rule with dilation 1 (Window1D in Common.h). A
// window only ever covers the positions inside the input: 'same' padding
// never selects a padded position (max) and the mean is over the in-bounds
// positions only (avg), as TensorFlow does.
#ifndef DLC_RUNTIME_KERNELS_POOL2D_H
#define DLC_RUNTIME_KERNELS_POOL2D_H

#include <array>
#include <cstdint>

#include "absl/status/statusor.h"
#include "runtime/kernels/Common.h"

namespace dlc::rt::kernels {

struct Pool2DShape {
  int64_t n = 0, h = 0, w = 0, c = 0;
  int64_t poolH = 1, poolW = 1, strideH = 1, strideW = 1;
  Padding padding = Padding::Valid;
  int64_t outH = 0, outW = 0;      ///< derived
  int64_t padTop = 0, padLeft = 0; ///< derived (TF split)
};

/// Errors: non-positive sizes or strides; a valid window larger than the
/// input. (Keras' default strides equal pool_size; the caller passes them.)
absl::StatusOr<Pool2DShape> makePool2DShape(int64_t n, int64_t h, int64_t w,
                                            int64_t c,
                                            std::array<int64_t, 2> poolSize,
                                            std::array<int64_t, 2> strides,
                                            Padding padding);

/// y = max over each window's in-bounds positions. Overwrites y.
template <typename T>
void maxPool2dForward(const Pool2DShape &shape, const T *x, T *y);

/// Each dy goes, whole, to the FIRST maximum of its window in row-major
/// scan order (rows, then columns) — TensorFlow's rule for ties. Windows
/// that overlap add up. Reads the forward input x. Overwrites dx.
template <typename T>
void maxPool2dBackward(const Pool2DShape &shape, const T *x, const T *dy,
                       T *dx);

/// y = mean over each window's in-bounds positions. Overwrites y.
template <typename T>
void avgPool2dForward(const Pool2DShape &shape, const T *x, T *y);

/// Each dy is shared evenly by its window's in-bounds positions
/// (dy / count each). Overwrites dx.
template <typename T>
void avgPool2dBackward(const Pool2DShape &shape, const T *dy, T *dx);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_POOL2D_H
