// Reference kernels of dlc.activation (with relu's Keras options), dlc.prelu,
// dlc.softmax and their gradients (dlc.activation_grad, dlc.prelu_grad,
// dlc.softmax_grad).
//
// Every backward kernel here reads the forward INPUT x (not the output), as
// dlc.activation_grad does, and returns dx = dy · f'(x). At the kinks the
// values are the dialect's (ir/GradOps.td), which are TensorFlow's except
// for hard_sigmoid's two end points:
//   linear         1
//   relu           x > 0 ? 1 : 0                    (0 at 0, TF's ReluGrad)
//   tanh           1 - tanh(x)²
//   sigmoid        s (1 - s), s = sigmoid(x)
//   hard_sigmoid   0.2 for x in the OPEN interval (-2.5, 2.5), else 0 (the
//                  dialect's rule; TF's clip_by_value gradient also passes at
//                  x = ±2.5 exactly, where 0.2x + 0.5 hits 0 or 1)
//   elu            x > 0 ? 1 : alpha · exp(x)       (alpha at 0, as TF)
//   hard_sigmoid6  1/6 where 0 < x + 3 < 6 (TF's Relu6Grad), else 0
// Softmax's backward reads the forward OUTPUT y (dlc.softmax_grad).
#ifndef DLC_RUNTIME_KERNELS_ACTIVATION_H
#define DLC_RUNTIME_KERNELS_ACTIVATION_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "runtime/kernels/Common.h"

namespace dlc::rt::kernels {

/// f(x) for one element. `alpha` is only read by elu (Keras default 1).
template <typename T> inline T activate(Activation kind, T alpha, T x) {
  switch (kind) {
  case Activation::Linear:
    return x;
  case Activation::Relu:
    return x > T(0) ? x : T(0);
  case Activation::Tanh:
    return std::tanh(x);
  case Activation::Sigmoid:
    return T(1) / (T(1) + std::exp(-x));
  case Activation::HardSigmoid:
    return std::min(std::max(T(0.2) * x + T(0.5), T(0)), T(1));
  case Activation::Elu:
    return x > T(0) ? x : alpha * std::expm1(x);
  case Activation::HardSigmoid6:
    return std::min(std::max(x + T(3), T(0)), T(6)) / T(6);
  }
  return x;
}

/// f'(x) for one element, with TensorFlow's choices at the kinks (see the
/// table at the top of this file).
template <typename T>
inline T activateDerivative(Activation kind, T alpha, T x) {
  switch (kind) {
  case Activation::Linear:
    return T(1);
  case Activation::Relu:
    return x > T(0) ? T(1) : T(0);
  case Activation::Tanh: {
    const T t = std::tanh(x);
    return T(1) - t * t;
  }
  case Activation::Sigmoid: {
    const T s = T(1) / (T(1) + std::exp(-x));
    return s * (T(1) - s);
  }
  case Activation::HardSigmoid:
    return (x > T(-2.5) && x < T(2.5)) ? T(0.2) : T(0);
  case Activation::Elu:
    return x > T(0) ? T(1) : alpha * std::exp(x);
  case Activation::HardSigmoid6: {
    const T u = x + T(3);
    return (u > T(0) && u < T(6)) ? T(1) / T(6) : T(0);
  }
  }
  return T(1);
}

/// y[i] = f(x[i]) for i < n. `alpha` is elu's negative-side scale (cast to
/// T); ignored by the other kinds. y may alias x.
template <typename T>
void activationForward(Activation kind, double alpha, const T *x, T *y,
                       int64_t n);

/// dx[i] = dy[i] · f'(x[i]) for i < n, x being the forward INPUT. dx may
/// alias dy.
template <typename T>
void activationBackward(Activation kind, double alpha, const T *x, const T *dy,
                        T *dx, int64_t n);

/// Keras' relu options (dlc.activation relu {alpha, max_value, threshold};
/// ir/NNOps.td): LeakyReLU, ThresholdedReLU and ReLU with its options.
struct ReluOptions {
  double alpha = 0;     ///< negative slope
  double threshold = 0;
  bool hasMaxValue = false;
  double maxValue = 0;  ///< the cap, when hasMaxValue
};

/// a = x > threshold ? x : 0, clipped to [0, max_value] when given;
/// y = a - alpha · max(threshold - x, 0).
template <typename T> inline T reluWithOptions(const ReluOptions &o, T x) {
  T a = x > T(o.threshold) ? x : T(0);
  if (o.hasMaxValue) a = std::min(std::max(a, T(0)), T(o.maxValue));
  return a - T(o.alpha) * std::max(T(o.threshold) - x, T(0));
}

/// (x > threshold and (no cap, or 0 <= x < max_value) ? 1 : 0) +
/// (x < threshold ? alpha : 0): 0 at the kinks, as TensorFlow's relu and
/// relu6 gradients are.
template <typename T> inline T reluWithOptionsDerivative(const ReluOptions &o, T x) {
  bool pass = x > T(o.threshold);
  if (o.hasMaxValue) pass = pass && x >= T(0) && x < T(o.maxValue);
  return (pass ? T(1) : T(0)) + (x < T(o.threshold) ? T(o.alpha) : T(0));
}

/// y[i] = reluWithOptions(x[i]); dx[i] = dy[i] · its derivative at x[i].
template <typename T>
void reluOptionsForward(const ReluOptions &o, const T *x, T *y, int64_t n);
template <typename T>
void reluOptionsBackward(const ReluOptions &o, const T *x, const T *dy, T *dx, int64_t n);

/// dlc.prelu's shapes: the input [batch, d1, ..., dk] and alpha [a1, ..., ak],
/// each ai equal to di or 1 (shared along that axis).
struct PReLUShape {
  std::vector<int64_t> input;
  std::vector<int64_t> alpha;
};

/// Errors: alpha's rank is not the input's minus 1, or a size is neither the
/// input's nor 1.
absl::Status checkPReLUShape(const PReLUShape &s);

/// y = x > 0 ? x : alpha · x (Keras: relu(x) - alpha · relu(-x)).
template <typename T>
void preluForward(const PReLUShape &s, const T *x, const T *alpha, T *y);

/// dx = dy · (x > 0 ? 1 : x < 0 ? alpha : 0);
/// dalpha = Σ dy · min(x, 0) over the batch and the shared axes.
template <typename T>
void preluBackward(const PReLUShape &s, const T *x, const T *alpha, const T *dy, T *dx,
                   T *dalpha);

/// Softmax along one axis of a row-major tensor viewed as [outer, axis,
/// inner] (inner = 1 for the last axis, Keras' default):
///   y = exp(x - max(x)) / Σ exp(x - max(x))   along the axis.
/// y may alias x.
template <typename T>
void softmaxForward(const T *x, T *y, int64_t outer, int64_t axis,
                    int64_t inner = 1);

/// dx = y ⊙ (dy − Σ_axis(dy ⊙ y)), y being the forward OUTPUT; same view as
/// softmaxForward. dx may alias dy.
template <typename T>
void softmaxBackward(const T *y, const T *dy, T *dx, int64_t outer,
                     int64_t axis, int64_t inner = 1);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_ACTIVATION_H
