// Reference kernel of dlc.dropout in training (implementation of Dropout.h).
#include "runtime/kernels/Dropout.h"

#include "absl/strings/str_cat.h"
#include "abi/Philox.h"

namespace dlc::rt::kernels {
using abi::philoxDraw;
using abi::Stream;
using abi::uniform01;

absl::Status validateDropout(const DropoutParams &p) {
  if (!(p.rate >= 0.0 && p.rate < 1.0))
    return absl::InvalidArgumentError(
        absl::StrCat("dropout: rate ", p.rate, " is outside [0, 1)"));
  if (p.opSeed >= (1u << 28))
    return absl::InvalidArgumentError(
        absl::StrCat("dropout: op seed ", p.opSeed,
                     " does not fit in the 28 bits below the stream id"));
  return absl::OkStatus();
}

bool dropoutKeeps(const DropoutParams &p, uint64_t index) {
  const uint32_t tensorId = uint32_t(Stream::Dropout) | p.opSeed;
  const double u = uniform01(philoxDraw(p.runSeed, tensorId, p.step, index)[0]);
  return u >= p.rate;
}

namespace {
template <typename T>
absl::Status applyMask(const DropoutParams &p, const T *in, T *out,
                       int64_t n) {
  if (absl::Status status = validateDropout(p); !status.ok())
    return status;
  const T keepProbability = T(1.0 - p.rate);
  for (int64_t i = 0; i < n; ++i)
    out[i] = dropoutKeeps(p, uint64_t(i)) ? in[i] / keepProbability : T(0);
  return absl::OkStatus();
}
} // namespace

template <typename T>
absl::Status dropoutForward(const DropoutParams &p, const T *x, T *y,
                            int64_t n) {
  return applyMask(p, x, y, n);
}

template <typename T>
absl::Status dropoutBackward(const DropoutParams &p, const T *dy, T *dx,
                             int64_t n) {
  return applyMask(p, dy, dx, n);
}

#define DLC_INSTANTIATE(T)                                                     \
  template absl::Status dropoutForward<T>(const DropoutParams &, const T *,    \
                                          T *, int64_t);                       \
  template absl::Status dropoutBackward<T>(const DropoutParams &, const T *,   \
                                           T *, int64_t);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

} // namespace dlc::rt::kernels
