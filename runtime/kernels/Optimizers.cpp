// Reference parameter updates of the Keras 2.0.8 optimizers (implementation of Optimizers.h).
#include "runtime/kernels/Optimizers.h"

#include <cmath>

namespace dlc::rt::kernels {

template <typename T>
T decayedLearningRate(double lr, double decay, int64_t iterations) {
  return T(lr) * (T(1) / (T(1) + T(decay) * T(iterations)));
}

template <typename T>
void sgdUpdate(const SgdParams &p, int64_t iterations, T *param, const T *grad,
               T *moment, int64_t n) {
  const T lr = decayedLearningRate<T>(p.lr, p.decay, iterations);
  const T momentum = T(p.momentum);
  for (int64_t i = 0; i < n; ++i) {
    const T v = momentum * moment[i] - lr * grad[i];
    moment[i] = v;
    if (p.nesterov)
      param[i] = param[i] + momentum * v - lr * grad[i];
    else
      param[i] = param[i] + v;
  }
}

template <typename T>
void rmspropUpdate(const RmspropParams &p, int64_t iterations, T *param,
                   const T *grad, T *accumulator, int64_t n) {
  const T lr = decayedLearningRate<T>(p.lr, p.decay, iterations);
  const T rho = T(p.rho), eps = T(p.epsilon);
  for (int64_t i = 0; i < n; ++i) {
    const T g = grad[i];
    const T a = rho * accumulator[i] + (T(1) - rho) * g * g;
    accumulator[i] = a;
    param[i] = param[i] - lr * g / (std::sqrt(a) + eps);
  }
}

template <typename T>
void adadeltaUpdate(const AdadeltaParams &p, int64_t iterations, T *param,
                    const T *grad, T *accumulator, T *deltaAccumulator,
                    int64_t n) {
  const T lr = decayedLearningRate<T>(p.lr, p.decay, iterations);
  const T rho = T(p.rho), eps = T(p.epsilon);
  for (int64_t i = 0; i < n; ++i) {
    const T g = grad[i];
    const T a = rho * accumulator[i] + (T(1) - rho) * g * g;
    accumulator[i] = a;
    const T d = deltaAccumulator[i];
    const T update = g * std::sqrt(d + eps) / std::sqrt(a + eps);
    param[i] = param[i] - lr * update;
    deltaAccumulator[i] = rho * d + (T(1) - rho) * update * update;
  }
}

template <typename T>
void adamUpdate(const AdamParams &p, int64_t iterations, T *param,
                const T *grad, T *m, T *v, int64_t n) {
  const T lr = decayedLearningRate<T>(p.lr, p.decay, iterations);
  const T beta1 = T(p.beta1), beta2 = T(p.beta2), eps = T(p.epsilon);
  const T t = T(iterations) + T(1);
  const T lrT =
      lr * (std::sqrt(T(1) - std::pow(beta2, t)) / (T(1) - std::pow(beta1, t)));
  for (int64_t i = 0; i < n; ++i) {
    const T g = grad[i];
    m[i] = beta1 * m[i] + (T(1) - beta1) * g;
    v[i] = beta2 * v[i] + (T(1) - beta2) * g * g;
    param[i] = param[i] - lrT * m[i] / (std::sqrt(v[i]) + eps);
  }
}

#define DLC_INSTANTIATE(T)                                                     \
  template T decayedLearningRate<T>(double, double, int64_t);                  \
  template void sgdUpdate<T>(const SgdParams &, int64_t, T *, const T *, T *,  \
                             int64_t);                                         \
  template void rmspropUpdate<T>(const RmspropParams &, int64_t, T *,          \
                                 const T *, T *, int64_t);                     \
  template void adadeltaUpdate<T>(const AdadeltaParams &, int64_t, T *,        \
                                  const T *, T *, T *, int64_t);               \
  template void adamUpdate<T>(const AdamParams &, int64_t, T *, const T *,     \
                              T *, T *, int64_t);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

} // namespace dlc::rt::kernels
