// TensorFlow's rule for sliding windows (convolution, pooling): output size
// and 'same' padding along one axis. Shape inference in the dialect and the
// runtime's reference kernels both use it, so they cannot disagree.
//
// With effective = (window - 1) * dilation + 1:
//   valid: out = floor((in - effective) / stride) + 1   (0 when it does not fit)
//          no padding
//   same:  out = ceil(in / stride),
//          total = max((out - 1) * stride + effective - in, 0),
//          before = total / 2, after = total - before (the odd extra row or
//          column goes at the end)
// Output position o reads input positions o * stride - before + k * dilation,
// k = 0 .. window-1; positions outside [0, in) are padding.
#ifndef DLC_ABI_WINDOWRULES_H
#define DLC_ABI_WINDOWRULES_H

#include <cstdint>

namespace dlc::abi {

/// Size of a window of `window` taps spaced `dilation` apart.
constexpr int64_t effectiveWindow(int64_t window, int64_t dilation) {
  return (window - 1) * dilation + 1;
}

/// Output size along one axis; 0 when a 'valid' window does not fit in
/// `in`. Sizes, strides and dilations must be positive.
constexpr int64_t windowOutputSize(int64_t in, int64_t window, int64_t stride,
                                   int64_t dilation, bool same) {
  if (same)
    return (in + stride - 1) / stride;
  const int64_t effective = effectiveWindow(window, dilation);
  return effective > in ? 0 : (in - effective) / stride + 1;
}

struct WindowPadding {
  int64_t before = 0;
  int64_t after = 0;
};

/// The padding 'same' applies along one axis.
constexpr WindowPadding samePadding(int64_t in, int64_t window, int64_t stride,
                                    int64_t dilation) {
  const int64_t out = windowOutputSize(in, window, stride, dilation, /*same=*/true);
  int64_t total = (out - 1) * stride + effectiveWindow(window, dilation) - in;
  if (total < 0)
    total = 0;
  return {total / 2, total - total / 2};
}

} // namespace dlc::abi

#endif // DLC_ABI_WINDOWRULES_H
