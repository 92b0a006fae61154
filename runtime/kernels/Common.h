// Shared vocabulary of the reference kernels: the activation and padding
// enums (same numbering as the dialect's `Activation` and `Padding`
// attributes), the TensorFlow window rule used by conv2d and the pools, and
// small helpers. Plain C++17 + Abseil: never include MLIR or LLVM here.
#ifndef DLC_RUNTIME_KERNELS_COMMON_H
#define DLC_RUNTIME_KERNELS_COMMON_H

#include <cstdint>

#include "absl/status/statusor.h"

namespace dlc::rt::kernels {

/// Element-wise activations; the values equal the dialect's `Activation`
/// enum cases (ir/DlcBase.td), so a compiled attribute maps by value.
enum class Activation : int32_t {
  Linear = 0,       ///< x
  Relu = 1,         ///< max(x, 0)
  Tanh = 2,         ///< tanh(x)
  Sigmoid = 3,      ///< 1 / (1 + exp(-x))
  HardSigmoid = 4,  ///< Keras 2: clip(0.2 x + 0.5, 0, 1)
  Elu = 5,          ///< x > 0 ? x : alpha (exp(x) - 1)
  HardSigmoid6 = 6, ///< Keras 3: relu6(x + 3) / 6
};

/// Window padding, numbered as the dialect's `Padding` enum.
enum class Padding : int32_t { Valid = 0, Same = 1 };

const char *activationName(Activation kind);
const char *paddingName(Padding padding);

/// One spatial axis of a sliding window (conv2d, max/avg pool), by
/// TensorFlow's rule (abi/WindowRules.h, which shape inference uses too).
/// Output position `o` reads input positions
/// `o * stride - padBefore + k * dilation`, k = 0 .. kernel-1; positions
/// outside [0, in) are padding.
struct Window1D {
  int64_t out = 0;
  int64_t padBefore = 0;
};

/// Errors: non-positive sizes, strides or dilations; a valid window larger
/// than the input (`what` names the axis in the message).
absl::StatusOr<Window1D> window1D(int64_t in, int64_t kernel, int64_t stride,
                                  int64_t dilation, Padding padding,
                                  const char *what);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_COMMON_H
