// Reference kernels of the data-movement ops and their gradients:
// dlc.transpose, dlc.concatenate (backward: split), dlc.repeat_vector
// (backward: sum over the repeated axis) and dlc.add (backward: dy to every
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
