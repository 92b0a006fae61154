// Shape arithmetic shared by verifiers, frontend and code generators (see ShapeRules.h).
#include "ir/ShapeRules.h"

#include <algorithm>

namespace dlc {

int64_t effectiveWindow(int64_t window, int64_t dilation) {
  return (window - 1) * dilation + 1;
}

int64_t windowOutputSize(int64_t in, int64_t window, int64_t stride,
                         int64_t dilation, bool same) {
  if (in == kDynamicSize)
    return kDynamicSize;
  if (same)
    return (in + stride - 1) / stride;
  int64_t eff = effectiveWindow(window, dilation);
  if (eff > in)
    return 0;
  return (in - eff) / stride + 1;
}

std::pair<int64_t, int64_t> samePadding(int64_t in, int64_t window,
                                        int64_t stride, int64_t dilation) {
  int64_t out = (in + stride - 1) / stride;
  int64_t total = std::max<int64_t>(
      (out - 1) * stride + effectiveWindow(window, dilation) - in, 0);
  return {total / 2, total - total / 2};
}

int64_t elementCount(const int64_t *dims, size_t rank) {
  int64_t n = 1;
  for (size_t i = 0; i < rank; ++i) {
    if (dims[i] == kDynamicSize || dims[i] < 0)
      return kDynamicSize;
    if (dims[i] != 0 && n > std::numeric_limits<int64_t>::max() / dims[i])
      return kDynamicSize;
    n *= dims[i];
  }
  return n;
}

} // namespace dlc
