// Reference kernels of the Keras loss and accuracy (implementation of Loss.h).
#include "runtime/kernels/Loss.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace dlc::rt::kernels {

namespace {
template <typename T> T epsilon() { return T(1e-7); }

template <typename T> T clip(T v) {
  return std::min(std::max(v, epsilon<T>()), T(1) - epsilon<T>());
}

/// TensorFlow's clip_by_value gradient mask: passes where the value lies in
/// [eps, 1 - eps], bounds included.
template <typename T> bool clipPasses(T v) {
  return v >= epsilon<T>() && v <= T(1) - epsilon<T>();
}

template <typename T> int64_t argmaxFirst(const T *row, int64_t n) {
  int64_t best = 0;
  for (int64_t j = 1; j < n; ++j)
    if (row[j] > row[best])
      best = j;
  return best;
}

template <typename Index>
absl::Status checkLabels(const LossShape &s, const Index *labels) {
  for (int64_t r = 0; r < s.rows; ++r) {
    const int64_t label = int64_t(labels[r]);
    if (label < 0 || label >= s.classes)
      return absl::InvalidArgumentError(
          absl::StrCat("categorical cross-entropy: label ", label,
                       " of row ", r, " is outside [0, ", s.classes, ")"));
  }
  return absl::OkStatus();
}
} // namespace

/// One row's loss with targets given by target(j).
template <typename T, typename Target>
T rowLoss(const T *p, int64_t classes, Target target) {
  double total = 0;
  for (int64_t j = 0; j < classes; ++j)
    total += p[j];
  const T sum = T(total);
  T loss = T(0);
  for (int64_t j = 0; j < classes; ++j) {
    const T t = target(j);
    if (t != T(0))
      loss -= t * std::log(clip(p[j] / sum));
  }
  return loss;
}

/// One row's gradient (the dialect's rule), scaled by `scale` = dloss / rows.
template <typename T, typename Target>
void rowGradient(const T *p, int64_t classes, Target target, T scale, T *d) {
  double total = 0;
  for (int64_t j = 0; j < classes; ++j)
    total += p[j];
  const T sum = T(total);
  for (int64_t j = 0; j < classes; ++j) {
    const T t = target(j);
    d[j] = (t != T(0) && clipPasses(p[j] / sum)) ? -t / p[j] * scale : T(0);
  }
}

template <typename T>
T categoricalCrossentropy(const LossShape &s, const T *probs,
                          const T *targets) {
  double total = 0;
  for (int64_t r = 0; r < s.rows; ++r) {
    const T *t = targets + r * s.classes;
    total += rowLoss(probs + r * s.classes, s.classes,
                     [&](int64_t j) { return t[j]; });
  }
  return T(total / double(s.rows));
}

template <typename T>
void categoricalCrossentropyBackward(const LossShape &s, const T *probs,
                                     const T *targets, T dloss, T *dprobs) {
  const T scale = dloss / T(s.rows);
  for (int64_t r = 0; r < s.rows; ++r) {
    const T *t = targets + r * s.classes;
    rowGradient(probs + r * s.classes, s.classes,
                [&](int64_t j) { return t[j]; }, scale,
                dprobs + r * s.classes);
  }
}

template <typename T, typename Index>
absl::StatusOr<T> sparseCategoricalCrossentropy(const LossShape &s,
                                                const T *probs,
                                                const Index *labels) {
  if (absl::Status status = checkLabels(s, labels); !status.ok())
    return status;
  double total = 0;
  for (int64_t r = 0; r < s.rows; ++r) {
    const int64_t y = int64_t(labels[r]);
    total += rowLoss(probs + r * s.classes, s.classes,
                     [&](int64_t j) { return j == y ? T(1) : T(0); });
  }
  return T(total / double(s.rows));
}

template <typename T, typename Index>
absl::Status sparseCategoricalCrossentropyBackward(const LossShape &s,
                                                   const T *probs,
                                                   const Index *labels,
                                                   T dloss, T *dprobs) {
  if (absl::Status status = checkLabels(s, labels); !status.ok())
    return status;
  const T scale = dloss / T(s.rows);
  for (int64_t r = 0; r < s.rows; ++r) {
    const int64_t y = int64_t(labels[r]);
    rowGradient(probs + r * s.classes, s.classes,
                [&](int64_t j) { return j == y ? T(1) : T(0); }, scale,
                dprobs + r * s.classes);
  }
  return absl::OkStatus();
}

template <typename T>
int64_t categoricalAccuracyCount(const LossShape &s, const T *probs,
                                 const T *targets) {
  int64_t correct = 0;
  for (int64_t r = 0; r < s.rows; ++r)
    correct += argmaxFirst(probs + r * s.classes, s.classes) ==
               argmaxFirst(targets + r * s.classes, s.classes);
  return correct;
}

template <typename T, typename Index>
absl::StatusOr<int64_t> sparseCategoricalAccuracyCount(const LossShape &s,
                                                       const T *probs,
                                                       const Index *labels) {
  if (absl::Status status = checkLabels(s, labels); !status.ok())
    return status;
  int64_t correct = 0;
  for (int64_t r = 0; r < s.rows; ++r)
    correct += argmaxFirst(probs + r * s.classes, s.classes) ==
               int64_t(labels[r]);
  return correct;
}

#define DLC_INSTANTIATE(T)                                                     \
  template T categoricalCrossentropy<T>(const LossShape &, const T *,          \
                                        const T *);                            \
  template void categoricalCrossentropyBackward<T>(                            \
      const LossShape &, const T *, const T *, T, T *);                        \
  template int64_t categoricalAccuracyCount<T>(const LossShape &, const T *,   \
                                               const T *);
#define DLC_INSTANTIATE_SPARSE(T, Index)                                       \
  template absl::StatusOr<T> sparseCategoricalCrossentropy<T, Index>(          \
      const LossShape &, const T *, const Index *);                            \
  template absl::Status sparseCategoricalCrossentropyBackward<T, Index>(       \
      const LossShape &, const T *, const Index *, T, T *);                    \
  template absl::StatusOr<int64_t> sparseCategoricalAccuracyCount<T, Index>(   \
      const LossShape &, const T *, const Index *);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
DLC_INSTANTIATE_SPARSE(float, int32_t)
DLC_INSTANTIATE_SPARSE(float, int64_t)
DLC_INSTANTIATE_SPARSE(double, int32_t)
DLC_INSTANTIATE_SPARSE(double, int64_t)
#undef DLC_INSTANTIATE
#undef DLC_INSTANTIATE_SPARSE

} // namespace dlc::rt::kernels
