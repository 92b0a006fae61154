// Reference kernels of dlc.lstm, dlc.gru, dlc.simple_rnn (Keras 2.0.8's
// LSTM, GRU, SimpleRNN from zero initial state; GRU also with Keras ≥ 2.3's
// reset_after) and their gradients by backpropagation through time
// (dlc.lstm_grad, dlc.gru_grad, dlc.simple_rnn_grad).
//
// Layouts (row-major): input x [N, T, F]; kernel W [F, G·U];
// recurrent kernel Uk [U, G·U]; columns grouped by gate in Keras order
// (LSTM G = 4: i, f, c, o; GRU G = 3: z, r, h; SimpleRNN G = 1).
// Bias: LSTM [4U], GRU [3U], GRU with reset_after [2, 3U] (row 0 the input
// bias b, row 1 the recurrent bias rb), SimpleRNN [U]; null means no bias.
// Result y: h of the last processed step [N, U], or with returnSequences
// every h in PROCESSED order [N, T, U]. With goBackwards, step s reads
// x[:, T-1-s, :] and y[:, s, :] is the state after step s (Keras' order).
// a = activation, ra = recurrent_activation (Common.h; elu with alpha 1):
//
// LSTM:  z = x_t·W + b + h·Uk;  i = ra(z_i), f = ra(z_f), o = ra(z_o)
//        c' = f ⊙ c + i ⊙ a(z_c);  h' = o ⊙ a(c')
// GRU (reset_after = false):
//        z = ra(x_t·W_z + b_z + h·Uk_z);  r = ra(x_t·W_r + b_r + h·Uk_r)
//        hh = a(x_t·W_h + b_h + (r ⊙ h)·Uk_h)
//        h' = z ⊙ h + (1 - z) ⊙ hh
// GRU (reset_after = true):
//        z = ra(x_t·W_z + b_z + h·Uk_z + rb_z);  r likewise
//        hh = a(x_t·W_h + b_h + r ⊙ (h·Uk_h + rb_h))
//        h' = z ⊙ h + (1 - z) ⊙ hh
// SimpleRNN: h' = a(x_t·W + b + h·Uk)
//
// Backward: given dy (the gradient of y, same shape as y), returns dx
// [N, T, F], dW [F, G·U], dU [U, G·U], db (bias layout); each output pointer
// may be null to skip it, db must be null when there is no bias. All
// outputs are overwritten. The backward RECOMPUTES the forward internally
// (it keeps every step's pre-activations and states: O(T·N·G·U) memory) and
// reads nothing the forward kept. Derivatives of a and ra are
// activateDerivative's (TensorFlow's choices at the kinks).
#ifndef DLC_RUNTIME_KERNELS_RECURRENT_H
#define DLC_RUNTIME_KERNELS_RECURRENT_H

#include <cstdint>

#include "runtime/kernels/Common.h"

namespace dlc::rt::kernels {

struct RecurrentShape {
  int64_t batch = 0;    ///< N
  int64_t steps = 0;    ///< T
  int64_t features = 0; ///< F
  int64_t units = 0;    ///< U
};

/// Defaults are the dialect's attribute defaults (Keras 2.0.8 layers use
/// recurrent_activation = hard_sigmoid: the frontend sets it explicitly).
struct RecurrentOptions {
  Activation activation = Activation::Tanh;
  Activation recurrentActivation = Activation::Sigmoid; ///< LSTM and GRU only
  bool returnSequences = false;
  bool goBackwards = false;
  bool resetAfter = false; ///< GRU only
};

template <typename T>
void lstmForward(const RecurrentShape &shape, const RecurrentOptions &options,
                 const T *x, const T *kernel, const T *recurrentKernel,
                 const T *bias, T *y);

template <typename T>
void lstmBackward(const RecurrentShape &shape, const RecurrentOptions &options,
                  const T *x, const T *kernel, const T *recurrentKernel,
                  const T *bias, const T *dy, T *dx, T *dKernel,
                  T *dRecurrentKernel, T *dBias);

template <typename T>
void gruForward(const RecurrentShape &shape, const RecurrentOptions &options,
                const T *x, const T *kernel, const T *recurrentKernel,
                const T *bias, T *y);

template <typename T>
void gruBackward(const RecurrentShape &shape, const RecurrentOptions &options,
                 const T *x, const T *kernel, const T *recurrentKernel,
                 const T *bias, const T *dy, T *dx, T *dKernel,
                 T *dRecurrentKernel, T *dBias);

/// options.recurrentActivation and options.resetAfter are ignored.
template <typename T>
void simpleRnnForward(const RecurrentShape &shape,
                      const RecurrentOptions &options, const T *x,
                      const T *kernel, const T *recurrentKernel, const T *bias,
                      T *y);

template <typename T>
void simpleRnnBackward(const RecurrentShape &shape,
                       const RecurrentOptions &options, const T *x,
                       const T *kernel, const T *recurrentKernel,
                       const T *bias, const T *dy, T *dx, T *dKernel,
                       T *dRecurrentKernel, T *dBias);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_RECURRENT_H
