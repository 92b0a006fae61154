// Reference kernels of the data-movement ops and their gradients (implementation of ShapeOps.h).
#include "runtime/kernels/ShapeOps.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace dlc::rt::kernels {

absl::Status checkPermutation(const std::vector<int64_t> &dims,
                              const std::vector<int64_t> &permutation) {
  const int64_t rank = int64_t(dims.size());
  std::vector<bool> seen(dims.size(), false);
  bool ok = int64_t(permutation.size()) == rank;
  for (int64_t axis : permutation) {
    if (!ok || axis < 0 || axis >= rank || seen[axis]) {
      ok = false;
      break;
    }
    seen[axis] = true;
  }
  if (!ok)
    return absl::InvalidArgumentError(
        absl::StrCat("transpose: [", absl::StrJoin(permutation, ", "),
                     "] is not a permutation of the ", rank,
                     " axes of the input"));
  for (int64_t d : dims)
    if (d <= 0)
      return absl::InvalidArgumentError(
          absl::StrCat("transpose: dimensions [", absl::StrJoin(dims, ", "),
                       "] must be positive"));
  return absl::OkStatus();
}

namespace {
/// Visits every element of the transposed tensor in row-major order and
/// calls body(resultOffset, inputOffset).
template <typename Body>
void forEachTransposed(const std::vector<int64_t> &dims,
                       const std::vector<int64_t> &permutation, Body body) {
  const int64_t rank = int64_t(dims.size());
  // Per result axis k: its size and the input stride it moves along.
  struct Axis {
    int64_t size, inputStride, index;
  };
  std::vector<Axis> axes(dims.size());
  int64_t total = 1;
  for (int64_t k = 0; k < rank; ++k) {
    int64_t stride = 1; // row-major stride of input axis permutation[k]
    for (int64_t j = permutation[k] + 1; j < rank; ++j)
      stride *= dims[j];
    axes[k] = {dims[permutation[k]], stride, 0};
    total *= dims[permutation[k]];
  }
  int64_t inputOffset = 0;
  for (int64_t resultOffset = 0; resultOffset < total; ++resultOffset) {
    body(resultOffset, inputOffset);
    for (int64_t k = rank - 1; k >= 0; --k) { // odometer, last axis fastest
      Axis &axis = axes[k];
      ++axis.index;
      inputOffset += axis.inputStride;
      if (axis.index < axis.size)
        break;
      inputOffset -= axis.index * axis.inputStride;
      axis.index = 0;
    }
  }
}
} // namespace

template <typename T>
absl::Status transposeForward(const std::vector<int64_t> &dims,
                              const std::vector<int64_t> &permutation,
                              const T *x, T *y) {
  if (absl::Status status = checkPermutation(dims, permutation); !status.ok())
    return status;
  forEachTransposed(dims, permutation,
                    [&](int64_t out, int64_t in) { y[out] = x[in]; });
  return absl::OkStatus();
}

template <typename T>
absl::Status transposeBackward(const std::vector<int64_t> &dims,
                               const std::vector<int64_t> &permutation,
                               const T *dy, T *dx) {
  if (absl::Status status = checkPermutation(dims, permutation); !status.ok())
    return status;
  forEachTransposed(dims, permutation,
                    [&](int64_t out, int64_t in) { dx[in] = dy[out]; });
  return absl::OkStatus();
}

int64_t ConcatShape::axisTotal() const {
  int64_t total = 0;
  for (int64_t size : axisSizes)
    total += size;
  return total;
}

absl::StatusOr<ConcatShape>
makeConcatShape(const std::vector<std::vector<int64_t>> &inputShapes,
                int64_t axis) {
  if (inputShapes.empty())
    return absl::InvalidArgumentError("concatenate: no operands");
  const std::vector<int64_t> &first = inputShapes.front();
  const int64_t rank = int64_t(first.size());
  const int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    return absl::InvalidArgumentError(absl::StrCat(
        "concatenate: axis ", axis, " is out of range for rank ", rank));
  ConcatShape shape;
  for (size_t i = 0; i < inputShapes.size(); ++i) {
    const std::vector<int64_t> &s = inputShapes[i];
    if (int64_t(s.size()) != rank)
      return absl::InvalidArgumentError(absl::StrCat(
          "concatenate: operand ", i, " has rank ", s.size(), ", not ", rank));
    for (int64_t k = 0; k < rank; ++k) {
      if (s[k] <= 0)
        return absl::InvalidArgumentError(absl::StrCat(
            "concatenate: operand ", i, " has a non-positive dimension"));
      if (k != a && s[k] != first[k])
        return absl::InvalidArgumentError(absl::StrCat(
            "concatenate: operand ", i, " has size ", s[k], " on axis ", k,
            ", operand 0 has ", first[k]));
    }
    shape.axisSizes.push_back(s[a]);
  }
  for (int64_t k = 0; k < a; ++k)
    shape.outer *= first[k];
  for (int64_t k = a + 1; k < rank; ++k)
    shape.inner *= first[k];
  return shape;
}

template <typename T>
void concatenateForward(const ConcatShape &s, const T *const *inputs, T *y) {
  const int64_t rowLength = s.axisTotal() * s.inner;
  for (int64_t o = 0; o < s.outer; ++o) {
    T *out = y + o * rowLength;
    for (size_t i = 0; i < s.axisSizes.size(); ++i) {
      const int64_t chunk = s.axisSizes[i] * s.inner;
      const T *in = inputs[i] + o * chunk;
      out = std::copy(in, in + chunk, out);
    }
  }
}

template <typename T>
void concatenateBackward(const ConcatShape &s, const T *dy, T *const *dxs) {
  const int64_t rowLength = s.axisTotal() * s.inner;
  for (int64_t o = 0; o < s.outer; ++o) {
    const T *in = dy + o * rowLength;
    for (size_t i = 0; i < s.axisSizes.size(); ++i) {
      const int64_t chunk = s.axisSizes[i] * s.inner;
      std::copy(in, in + chunk, dxs[i] + o * chunk);
      in += chunk;
    }
  }
}

absl::StatusOr<SliceShape> makeSliceShape(const std::vector<int64_t> &dims,
                                          int64_t axis, int64_t start,
                                          int64_t size) {
  const int64_t rank = int64_t(dims.size());
  const int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    return absl::InvalidArgumentError(absl::StrCat(
        "slice: axis ", axis, " is out of range for rank ", rank));
  for (int64_t d : dims)
    if (d <= 0)
      return absl::InvalidArgumentError(
          absl::StrCat("slice: dimensions [", absl::StrJoin(dims, ", "),
                       "] must be positive"));
  if (size <= 0 || start < 0 || start + size > dims[a])
    return absl::InvalidArgumentError(
        absl::StrCat("slice: [", start, ", ", start + size,
                     ") is not a non-empty range inside axis ", a, " of size ",
                     dims[a]));
  SliceShape shape;
  for (int64_t k = 0; k < a; ++k)
    shape.outer *= dims[k];
  for (int64_t k = a + 1; k < rank; ++k)
    shape.inner *= dims[k];
  shape.axisSize = dims[a];
  shape.start = start;
  shape.size = size;
  return shape;
}

template <typename T>
void sliceForward(const SliceShape &s, const T *x, T *y) {
  const int64_t chunk = s.size * s.inner;
  for (int64_t o = 0; o < s.outer; ++o) {
    const T *in = x + (o * s.axisSize + s.start) * s.inner;
    std::copy(in, in + chunk, y + o * chunk);
  }
}

template <typename T>
void sliceBackward(const SliceShape &s, const T *dy, T *dx) {
  std::fill(dx, dx + s.outer * s.axisSize * s.inner, T(0));
  const int64_t chunk = s.size * s.inner;
  for (int64_t o = 0; o < s.outer; ++o)
    std::copy(dy + o * chunk, dy + (o + 1) * chunk,
              dx + (o * s.axisSize + s.start) * s.inner);
}

absl::Status checkReduceAxes(const std::vector<int64_t> &dims,
                             const std::vector<int64_t> &axes) {
  const int64_t rank = int64_t(dims.size());
  std::vector<bool> seen(dims.size(), false);
  for (int64_t axis : axes) {
    const int64_t a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank || seen[a])
      return absl::InvalidArgumentError(
          absl::StrCat("reduce_sum: axes [", absl::StrJoin(axes, ", "),
                       "] are not distinct axes of a rank-", rank, " tensor"));
    seen[a] = true;
  }
  for (int64_t d : dims)
    if (d <= 0)
      return absl::InvalidArgumentError(
          absl::StrCat("reduce_sum: dimensions [", absl::StrJoin(dims, ", "),
                       "] must be positive"));
  return absl::OkStatus();
}

namespace {
/// Calls body(inputOffset, resultOffset) for every input element in
/// row-major order, resultOffset being its position in the reduced tensor.
template <typename Body>
void forEachReduced(const std::vector<int64_t> &dims,
                    const std::vector<int64_t> &axes, Body body) {
  const int64_t rank = int64_t(dims.size());
  std::vector<bool> reduced(dims.size(), false);
  for (int64_t axis : axes)
    reduced[axis < 0 ? axis + rank : axis] = true;
  // Result stride of each input axis (0 for a reduced one).
  struct Axis {
    int64_t size, resultStride, index;
  };
  std::vector<Axis> view(dims.size());
  int64_t stride = 1, total = 1;
  for (int64_t k = rank - 1; k >= 0; --k) {
    view[k] = {dims[k], reduced[k] ? 0 : stride, 0};
    if (!reduced[k])
      stride *= dims[k];
    total *= dims[k];
  }
  int64_t resultOffset = 0;
  for (int64_t inputOffset = 0; inputOffset < total; ++inputOffset) {
    body(inputOffset, resultOffset);
    for (int64_t k = rank - 1; k >= 0; --k) { // odometer, last axis fastest
      Axis &axis = view[k];
      ++axis.index;
      resultOffset += axis.resultStride;
      if (axis.index < axis.size)
        break;
      resultOffset -= axis.index * axis.resultStride;
      axis.index = 0;
    }
  }
}
} // namespace

template <typename T>
absl::Status reduceSumForward(const std::vector<int64_t> &dims,
                              const std::vector<int64_t> &axes, const T *x,
                              T *y) {
  if (absl::Status status = checkReduceAxes(dims, axes); !status.ok())
    return status;
  int64_t resultSize = 1;
  for (size_t k = 0; k < dims.size(); ++k)
    resultSize *= dims[k];
  for (int64_t axis : axes)
    resultSize /= dims[axis < 0 ? axis + int64_t(dims.size()) : axis];
  // Sums in double, rounded once.
  std::vector<double> acc(static_cast<size_t>(resultSize), 0.0);
  forEachReduced(dims, axes, [&](int64_t in, int64_t out) { acc[out] += x[in]; });
  for (int64_t i = 0; i < resultSize; ++i)
    y[i] = T(acc[i]);
  return absl::OkStatus();
}

template <typename T>
absl::Status reduceSumBackward(const std::vector<int64_t> &dims,
                               const std::vector<int64_t> &axes, const T *dy,
                               T *dx) {
  if (absl::Status status = checkReduceAxes(dims, axes); !status.ok())
    return status;
  forEachReduced(dims, axes, [&](int64_t in, int64_t out) { dx[in] = dy[out]; });
  return absl::OkStatus();
}

template <typename T>
void repeatVectorForward(int64_t n, int64_t d, int64_t times, const T *x,
                         T *y) {
  for (int64_t i = 0; i < n; ++i)
    for (int64_t t = 0; t < times; ++t)
      std::copy(x + i * d, x + (i + 1) * d, y + (i * times + t) * d);
}

template <typename T>
void repeatVectorBackward(int64_t n, int64_t d, int64_t times, const T *dy,
                          T *dx) {
  std::vector<double> acc(static_cast<size_t>(d));
  for (int64_t i = 0; i < n; ++i) {
    std::fill(acc.begin(), acc.end(), 0.0);
    for (int64_t t = 0; t < times; ++t)
      for (int64_t k = 0; k < d; ++k)
        acc[k] += dy[(i * times + t) * d + k];
    for (int64_t k = 0; k < d; ++k)
      dx[i * d + k] = T(acc[k]);
  }
}

template <typename T>
void addForward(const T *const *inputs, int64_t numInputs, int64_t size,
                T *y) {
  for (int64_t e = 0; e < size; ++e) {
    T sum = inputs[0][e];
    for (int64_t k = 1; k < numInputs; ++k)
      sum += inputs[k][e];
    y[e] = sum;
  }
}

template <typename T>
void addBackward(const T *dy, int64_t numInputs, int64_t size, T *const *dxs) {
  for (int64_t k = 0; k < numInputs; ++k)
    std::copy(dy, dy + size, dxs[k]);
}

#define DLC_INSTANTIATE(T)                                                     \
  template absl::Status transposeForward<T>(const std::vector<int64_t> &,      \
                                            const std::vector<int64_t> &,      \
                                            const T *, T *);                   \
  template absl::Status transposeBackward<T>(const std::vector<int64_t> &,     \
                                             const std::vector<int64_t> &,     \
                                             const T *, T *);                  \
  template void concatenateForward<T>(const ConcatShape &, const T *const *,   \
                                      T *);                                    \
  template void concatenateBackward<T>(const ConcatShape &, const T *,         \
                                       T *const *);                            \
  template void sliceForward<T>(const SliceShape &, const T *, T *);          \
  template void sliceBackward<T>(const SliceShape &, const T *, T *);         \
  template absl::Status reduceSumForward<T>(const std::vector<int64_t> &,      \
                                            const std::vector<int64_t> &,      \
                                            const T *, T *);                   \
  template absl::Status reduceSumBackward<T>(const std::vector<int64_t> &,     \
                                             const std::vector<int64_t> &,     \
                                             const T *, T *);                  \
  template void repeatVectorForward<T>(int64_t, int64_t, int64_t, const T *,   \
                                       T *);                                   \
  template void repeatVectorBackward<T>(int64_t, int64_t, int64_t, const T *,  \
                                        T *);                                  \
  template void addForward<T>(const T *const *, int64_t, int64_t, T *);        \
  template void addBackward<T>(const T *, int64_t, int64_t, T *const *);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

} // namespace dlc::rt::kernels
