// Reference parameter updates of the Keras 2.0.8 optimizers
// (keras/optimizers.py, get_updates), one parameter tensor of n elements per
// call, in place.
//
// `iterations` is the number of completed steps before this one (Keras'
// `self.iterations` as read by this step's update: 0 on the first step).
// Every optimizer decays its learning rate the same way:
//   lr_t = lr / (1 + decay · iterations)   (Keras: lr * (1. / (1. + decay * it)))
// Hyper-parameters are given as doubles and rounded to T, as Keras holds
// them in float32 variables. Optimizer state (moments, accumulators) starts
// at zero (Keras' K.zeros) and is owned by the caller.
// Keras 2.0.8's defaults are the structs' defaults (epsilon 1e-8; Keras 2.1
// later changed epsilon to K.epsilon() = 1e-7).
#ifndef DLC_RUNTIME_KERNELS_OPTIMIZERS_H
#define DLC_RUNTIME_KERNELS_OPTIMIZERS_H

#include <cstdint>

namespace dlc::rt::kernels {

struct SgdParams {
  double lr = 0.01, momentum = 0.0, decay = 0.0;
  bool nesterov = false;
};

struct RmspropParams {
  double lr = 0.001, rho = 0.9, epsilon = 1e-8, decay = 0.0;
};

struct AdadeltaParams {
  double lr = 1.0, rho = 0.95, epsilon = 1e-8, decay = 0.0;
};

struct AdamParams {
  double lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, decay = 0.0;
};

/// lr / (1 + decay · iterations) in T (the shared learning-rate decay).
template <typename T>
T decayedLearningRate(double lr, double decay, int64_t iterations);

/// SGD: v = momentum·m − lr_t·g; m ← v;
///      p ← p + momentum·v − lr_t·g  (nesterov)  or  p ← p + v.
/// `moment` [n] is Keras' per-parameter moment (kept even when momentum = 0).
template <typename T>
void sgdUpdate(const SgdParams &params, int64_t iterations, T *param,
               const T *grad, T *moment, int64_t n);

/// RMSprop: a ← rho·a + (1−rho)·g²; p ← p − lr_t·g / (√a + eps).
template <typename T>
void rmspropUpdate(const RmspropParams &params, int64_t iterations, T *param,
                   const T *grad, T *accumulator, int64_t n);

/// Adadelta: a ← rho·a + (1−rho)·g²; u = g·√(d + eps) / √(a + eps)
/// (new a, old d); p ← p − lr_t·u; d ← rho·d + (1−rho)·u².
template <typename T>
void adadeltaUpdate(const AdadeltaParams &params, int64_t iterations, T *param,
                    const T *grad, T *accumulator, T *deltaAccumulator,
                    int64_t n);

/// Adam: t = iterations + 1; lr_a = lr_t·√(1−β2^t) / (1−β1^t);
///       m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
///       p ← p − lr_a·m / (√v + eps).
template <typename T>
void adamUpdate(const AdamParams &params, int64_t iterations, T *param,
                const T *grad, T *m, T *v, int64_t n);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_OPTIMIZERS_H
