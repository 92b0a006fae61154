// The agreement metric every cross-target test uses: the error of a tensor as
// a whole, max |test − ref| / max |ref|, so an element near zero among large
// ones does not count as a large relative error.
#ifndef DLC_TEST_COMMON_RELATIVEERROR_H
#define DLC_TEST_COMMON_RELATIVEERROR_H

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace dlc::test {

/// max |a − b| / max |b| over `n` values (the absolute difference when b is
/// all zeros).
template <typename T>
double relativeError(const T *a, const T *b, int64_t n) {
  double diff = 0, scale = 0;
  for (int64_t i = 0; i < n; ++i) {
    diff = std::max(diff, std::fabs(double(a[i]) - double(b[i])));
    scale = std::max(scale, std::fabs(double(b[i])));
  }
  return scale > 0 ? diff / scale : diff;
}

} // namespace dlc::test

#endif // DLC_TEST_COMMON_RELATIVEERROR_H
