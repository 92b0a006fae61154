// Reference kernels of dlc.categorical_crossentropy (Keras 2.0.8's
// categorical cross-entropy on probabilities, TensorFlow backend,
// from_logits=False), dlc.categorical_crossentropy_grad and dlc.accuracy,
// for one-hot (or soft) float targets and for integer labels.
//
// Layout: probabilities and targets [rows, classes] (rows = every leading
// axis, N for the tasks); integer labels [rows]. The batch loss is the MEAN
// over the rows (Keras' training loss with unit sample weights).
// eps = T(1e-7) (K.epsilon()). Per row (keras/backend/tensorflow_backend.py):
//   q = p / Σ_j p_j ;  c = clip(q, eps, 1 - eps) ;  loss = -Σ_j t_j log c_j
// Integer labels y are the one-hot t = e_y in the same formula (the
// dialect's definition; see "sparse" below for how Keras 2.0.8 differs).
//
// Gradient (the dialect's dlc.categorical_crossentropy_grad):
//   dp_j = dloss · [eps <= q_j <= 1 - eps] · (-t_j / p_j) / rows
// i.e. 0 where the clip binds (a value strictly outside the bounds; at a
// bound TF's clip gradient passes), -t/p/N elsewhere. This leaves out the
// derivative of the normalisation q = p / Σp: TensorFlow's full derivative of
// the loss is dp_j + k_row on EVERY class j of a row, with the per-row
// constant
//   k_row = dloss · Σ_k [eps <= q_k <= 1 - eps] t_k / (rows · Σ_k p_k).
// A per-row constant vanishes through softmax's backward
// (y ⊙ (k − Σ k y) = k y (1 − Σy) = 0 for Σy = 1), so after dlc.softmax_grad
// the logits' gradient is Keras' (up to rounding): (y − t) / rows.
//
// Sparse: Keras 2.0.8's sparse_categorical_crossentropy is NOT the one-hot
// formula: it clips p (no normalisation), takes the log and applies TF's
// sparse_softmax_cross_entropy_with_logits, i.e. loss = log Σ_j c_j - log c_y
// with c = clip(p). It equals the formula above when the row sums to 1 and no
// clip binds (any softmax output away from 1e-7). Here integer labels follow
// the dialect (the one-hot formula); none of the five tasks uses integer
// labels.
#ifndef DLC_RUNTIME_KERNELS_LOSS_H
#define DLC_RUNTIME_KERNELS_LOSS_H

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dlc::rt::kernels {

struct LossShape {
  int64_t rows = 0;    ///< samples (product of the leading axes)
  int64_t classes = 0; ///< last axis
};

/// Mean over rows of the categorical cross-entropy (formula above).
template <typename T>
T categoricalCrossentropy(const LossShape &shape, const T *probs,
                          const T *targets);

/// dprobs = the dialect's gradient above (overwrites dprobs).
template <typename T>
void categoricalCrossentropyBackward(const LossShape &shape, const T *probs,
                                     const T *targets, T dloss, T *dprobs);

/// The loss with integer labels (one-hot e_label in the formula above).
/// Errors: a label outside [0, classes) (names its row and value).
template <typename T, typename Index>
absl::StatusOr<T> sparseCategoricalCrossentropy(const LossShape &shape,
                                                const T *probs,
                                                const Index *labels);

/// The gradient with integer labels (one-hot e_label above). Errors as the
/// forward, leaving dprobs untouched.
template <typename T, typename Index>
absl::Status sparseCategoricalCrossentropyBackward(const LossShape &shape,
                                                   const T *probs,
                                                   const Index *labels,
                                                   T dloss, T *dprobs);

/// Keras' categorical_accuracy, as a count: the rows where
/// argmax(probs) == argmax(targets), argmax taking the FIRST maximum.
template <typename T>
int64_t categoricalAccuracyCount(const LossShape &shape, const T *probs,
                                 const T *targets);

/// Keras' sparse_categorical_accuracy, as a count: rows where
/// argmax(probs) (first maximum) == label. Errors: a label out of range.
template <typename T, typename Index>
absl::StatusOr<int64_t> sparseCategoricalAccuracyCount(const LossShape &shape,
                                                       const T *probs,
                                                       const Index *labels);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_LOSS_H
