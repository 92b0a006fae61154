// Reference kernels of the data-movement ops and their gradients:
// dlc.transpose, dlc.concatenate (backward: split), dlc.slice (backward:
// zero-padding), dlc.repeat_vector (backward: sum over the repeated axis),
// dlc.reduce_sum (backward: broadcast) and dlc.add (backward: dy to every
// operand). dlc.flatten and dlc.reshape are row-major reinterpretations of
// the same bytes and need no kernel (a copy at most), and so do their
// gradients.
#ifndef DLC_RUNTIME_KERNELS_SHAPEOPS_H
#define DLC_RUNTIME_KERNELS_SHAPEOPS_H

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dlc::rt::kernels {

//===-- transpose ---------------------------------------------------------===//

/// OK when `permutation` is a permutation of 0 .. dims.size()-1 and every
/// dimension is positive.
absl::Status checkPermutation(const std::vector<int64_t> &dims,
                              const std::vector<int64_t> &permutation);

/// Result axis k is input axis permutation[k]:
///   y[i_0, .., i_{r-1}] = x[j] with j[permutation[k]] = i_k.
/// `dims` are the INPUT's dimensions; the result's are
/// dims[permutation[k]]. Errors: see checkPermutation (y untouched).
template <typename T>
absl::Status transposeForward(const std::vector<int64_t> &dims,
                              const std::vector<int64_t> &permutation,
                              const T *x, T *y);

/// The gradient: dx = transpose(dy) by the inverse permutation. `dims` and
/// `permutation` are the FORWARD op's (dims of x); dy has the forward
/// result's shape.
template <typename T>
absl::Status transposeBackward(const std::vector<int64_t> &dims,
                               const std::vector<int64_t> &permutation,
                               const T *dy, T *dx);

//===-- concatenate / split ----------------------------------------------===//

/// Inputs concatenated along one axis, each viewed as [outer, axisSizes[i],
/// inner]; the result is [outer, Σ axisSizes, inner].
struct ConcatShape {
  int64_t outer = 1; ///< product of the dimensions before the axis
  int64_t inner = 1; ///< product of the dimensions after the axis
  std::vector<int64_t> axisSizes;
  int64_t axisTotal() const;
};

/// From the operands' shapes and the `axis` attribute (negative counts from
/// the end). Errors: no operand, ranks differ, axis out of range, a
/// non-positive dimension, or sizes differing off the axis.
absl::StatusOr<ConcatShape>
makeConcatShape(const std::vector<std::vector<int64_t>> &inputShapes,
                int64_t axis);

/// y = concatenate(inputs[0], .., inputs[k-1]) along the axis,
/// k = shape.axisSizes.size().
template <typename T>
void concatenateForward(const ConcatShape &shape, const T *const *inputs,
                        T *y);

/// The gradient (a split): dxs[i] = the slice of dy that came from input i.
template <typename T>
void concatenateBackward(const ConcatShape &shape, const T *dy,
                         T *const *dxs);

//===-- slice ------------------------------------------------------------===//

/// `size` entries from `start` along one axis of a tensor viewed as
/// [outer, axisSize, inner]; the result is [outer, size, inner].
struct SliceShape {
  int64_t outer = 1, axisSize = 0, inner = 1, start = 0, size = 0;
};

/// From the input's dimensions and the `axis` (negative counts from the
/// end), `start`, `size` attributes. Errors: axis out of range, a
/// non-positive dimension or size, or [start, start + size) not inside the
/// axis.
absl::StatusOr<SliceShape> makeSliceShape(const std::vector<int64_t> &dims,
                                          int64_t axis, int64_t start,
                                          int64_t size);

/// y = x[..., start : start + size, ...].
template <typename T>
void sliceForward(const SliceShape &shape, const T *x, T *y);

/// dx = 0 everywhere but the slice, which receives dy.
template <typename T>
void sliceBackward(const SliceShape &shape, const T *dy, T *dx);

//===-- reduce_sum --------------------------------------------------------===//

/// OK when the axes are distinct and in range (negative values count from
/// the end) and every dimension is positive.
absl::Status checkReduceAxes(const std::vector<int64_t> &dims,
                             const std::vector<int64_t> &axes);

/// y = Σ of x over `axes`, which are dropped from the shape (the others keep
/// their order). Errors: see checkReduceAxes (y untouched).
template <typename T>
absl::Status reduceSumForward(const std::vector<int64_t> &dims,
                              const std::vector<int64_t> &axes, const T *x,
                              T *y);

/// The gradient: dx[i] = dy[i with the reduced axes removed] (broadcast).
/// `dims` and `axes` are the forward op's.
template <typename T>
absl::Status reduceSumBackward(const std::vector<int64_t> &dims,
                               const std::vector<int64_t> &axes, const T *dy,
                               T *dx);

//===-- repeat_vector -----------------------------------------------------===//

/// x [N, D] -> y [N, times, D], y[n, t, :] = x[n, :].
template <typename T>
void repeatVectorForward(int64_t n, int64_t d, int64_t times, const T *x,
                         T *y);

/// dx[n, :] = Σ_t dy[n, t, :].
template <typename T>
void repeatVectorBackward(int64_t n, int64_t d, int64_t times, const T *dy,
                          T *dx);

//===-- add ---------------------------------------------------------------===//

/// y = Σ_k inputs[k], element-wise over `size` elements (no broadcasting).
template <typename T>
void addForward(const T *const *inputs, int64_t numInputs, int64_t size,
                T *y);

/// dxs[k] = dy for every operand k.
template <typename T>
void addBackward(const T *dy, int64_t numInputs, int64_t size, T *const *dxs);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_SHAPEOPS_H
