// Shape arithmetic shared by verifiers, frontend and code generators (see ShapeRules.h).
#include "ir/ShapeRules.h"

#include "abi/WindowRules.h"

#include <algorithm>

namespace dlc {

int64_t effectiveWindow(int64_t window, int64_t dilation) {
  return abi::effectiveWindow(window, dilation);
}

int64_t windowOutputSize(int64_t in, int64_t window, int64_t stride,
                         int64_t dilation, bool same) {
  if (in == kDynamicSize)
    return kDynamicSize;
  return abi::windowOutputSize(in, window, stride, dilation, same);
}

std::pair<int64_t, int64_t> samePadding(int64_t in, int64_t window,
                                        int64_t stride, int64_t dilation) {
  abi::WindowPadding p = abi::samePadding(in, window, stride, dilation);
  return {p.before, p.after};
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
