// Shared pieces of the reference kernels (implementation of Common.h).
#include "runtime/kernels/Common.h"

#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "abi/WindowRules.h"

namespace dlc::rt::kernels {

const char *activationName(Activation kind) {
  switch (kind) {
  case Activation::Linear:
    return "linear";
  case Activation::Relu:
    return "relu";
  case Activation::Tanh:
    return "tanh";
  case Activation::Sigmoid:
    return "sigmoid";
  case Activation::HardSigmoid:
    return "hard_sigmoid";
  case Activation::Elu:
    return "elu";
  case Activation::HardSigmoid6:
    return "hard_sigmoid6";
  }
  return "<unknown activation>";
}

const char *paddingName(Padding padding) {
  return padding == Padding::Same ? "same" : "valid";
}

absl::StatusOr<Window1D> window1D(int64_t in, int64_t kernel, int64_t stride,
                                  int64_t dilation, Padding padding,
                                  const char *what) {
  if (in <= 0 || kernel <= 0 || stride <= 0 || dilation <= 0)
    return absl::InvalidArgumentError(absl::StrCat(
        what, ": sizes, strides and dilations must be positive (input ", in,
        ", window ", kernel, ", stride ", stride, ", dilation ", dilation, ")"));
  const int64_t effective = abi::effectiveWindow(kernel, dilation);
  const bool same = padding == Padding::Same;
  if (!same && effective > in)
    return absl::InvalidArgumentError(absl::StrCat(
        what, ": window of ", effective, " (", kernel, " taps, dilation ",
        dilation, ") is larger than the input (", in,
        ") with valid padding"));
  Window1D window;
  window.out = abi::windowOutputSize(in, kernel, stride, dilation, same);
  window.padBefore = same ? abi::samePadding(in, kernel, stride, dilation).before : 0;
  return window;
}

} // namespace dlc::rt::kernels
