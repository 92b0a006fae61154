// Reference kernels of dlc.dropout in training (with a step) and its
// gradient. The keep mask is a pure function of the key, so the backward
// recomputes it: no mask is stored between forward and backward.
//
//   keep(i) = uniform01(philoxDraw(runSeed, uint32(Stream::Dropout) | opSeed,
//                                  step, i)[0]) >= rate      (rate compared
//             as a double, exactly as given)
//   y[i]    = keep(i) ? x[i] / T(1 - rate) : 0
//
// i is the element's row-major index in the tensor. Like TensorFlow's
// tf.nn.dropout (what Keras 2.0.8 calls), kept values are DIVIDED by the keep
// probability rounded to T. The op is linear in x, so the backward is the
// same map applied to dy.
#ifndef DLC_RUNTIME_KERNELS_DROPOUT_H
#define DLC_RUNTIME_KERNELS_DROPOUT_H

#include <cstdint>

#include "absl/status/status.h"

namespace dlc::rt::kernels {

struct DropoutParams {
  double rate = 0.0;    ///< fraction dropped, 0 <= rate < 1
  uint64_t runSeed = 0; ///< the run's --seed (the Philox key)
  uint32_t opSeed = 0;  ///< the op's `seed` attribute, < 2^28
  uint32_t step = 0;    ///< training step (Philox counter word 2)
};

/// OK, or InvalidArgument when rate is outside [0, 1) or opSeed does not fit
/// below the stream bits (>= 2^28).
absl::Status validateDropout(const DropoutParams &params);

/// Whether element `index` is kept (see the formula above). Requires valid
/// params.
bool dropoutKeeps(const DropoutParams &params, uint64_t index);

/// y = mask(x) / (1 - rate), n elements. y may alias x. Returns the
/// validateDropout error without touching y.
template <typename T>
absl::Status dropoutForward(const DropoutParams &params, const T *x, T *y,
                            int64_t n);

/// dx = mask(dy) / (1 - rate) with the same mask as the forward of the same
/// params. dx may alias dy.
template <typename T>
absl::Status dropoutBackward(const DropoutParams &params, const T *dy, T *dx,
                             int64_t n);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_DROPOUT_H
