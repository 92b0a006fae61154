// Shape arithmetic shared by the verifiers, the frontend and the code generators:
// window (conv/pool) output sizes and TensorFlow-style 'same' padding (the
// contract's rule, abi/WindowRules.h, with dynamic sizes passed through).
#ifndef DLC_IR_SHAPERULES_H
#define DLC_IR_SHAPERULES_H

#include <cstdint>
#include <limits>
#include <utility>

namespace dlc {

/// A dimension whose size is not known at compile time (equal to
/// mlir::ShapedType::kDynamic).
constexpr int64_t kDynamicSize = std::numeric_limits<int64_t>::min();

/// Size of a window of `window` taps spaced `dilation` apart.
int64_t effectiveWindow(int64_t window, int64_t dilation);

/// Output size along one axis of a window op (convolution or pooling);
/// 0 when a 'valid' window does not fit in `in`. `in` may be kDynamicSize,
/// then so is the result.
int64_t windowOutputSize(int64_t in, int64_t window, int64_t stride,
                         int64_t dilation, bool same);

/// Padding (before, after) that TensorFlow applies for 'same': the total is
/// split with the odd element at the end.
std::pair<int64_t, int64_t> samePadding(int64_t in, int64_t window,
                                        int64_t stride, int64_t dilation);

/// Product of `dims`, or kDynamicSize if any is dynamic or the product
/// overflows int64.
int64_t elementCount(const int64_t *dims, size_t rank);

} // namespace dlc

#endif // DLC_IR_SHAPERULES_H
