// Reference kernels of the training loss and metric: Keras 2.0.8's
// categorical cross-entropy on probabilities (TensorFlow backend,
// from_logits=False), its sparse variant, their gradients with respect to
// the probabilities, and the accuracy count.
//
// Layout: probabilities and one-hot targets [rows, classes] (rows = every
// leading axis, e.g. N); sparse labels [rows] (integers). The batch loss is
// the MEAN over the rows, as Keras' training loss with unit sample weights.
// eps = T(1e-7) (K.epsilon()).
//
// categorical (keras/backend/tensorflow_backend.py, categorical_crossentropy):
//   q = p / Σ_j p_j ;  c = clip(q, eps, 1 - eps) ;  loss_r = -Σ_j t_j log c_j
// sparse (sparse_categorical_crossentropy: clip, log, then TF's
// sparse_softmax_cross_entropy_with_logits):
//   c = clip(p, eps, 1 - eps) ; loss_r = -log c_y + log Σ_j c_j
//   (it renormalises AFTER the clip; for a softmax output that no clip
//   touches both equal -log p_y).
// Gradients are TensorFlow's, through the normalisation, with the clip's
// gradient passing where eps <= value <= 1 - eps (bounds included) and 0
// where the clip binds.
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

/// dprobs = dloss · ∂(mean loss)/∂probs; per row, with q, c as above and
/// g_j = [clip passes at q_j] · (-t_j / c_j) / rows:
///   dprobs_j = dloss · (g_j - Σ_k g_k q_k) / Σ_k p_k
/// (for a row that sums to 1 and no binding clip: dloss · (-t_j/p_j + Σt)/rows).
template <typename T>
void categoricalCrossentropyBackward(const LossShape &shape, const T *probs,
                                     const T *targets, T dloss, T *dprobs);

/// Mean over rows of the sparse categorical cross-entropy (formula above).
/// Errors: a label outside [0, classes) (names its row and value).
template <typename T, typename Index>
absl::StatusOr<T> sparseCategoricalCrossentropy(const LossShape &shape,
                                                const T *probs,
                                                const Index *labels);

/// dprobs_j = dloss / rows · [clip passes at p_j] · (1/Σ_k c_k - [j = y]/c_y).
/// Errors as the forward (dprobs untouched).
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
