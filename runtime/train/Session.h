// A bundle loaded for running: its backend (runtime/backends/Backends.h,
// chosen by the manifest's target) with the state for a seed, and the glue
// between data batches and the bundle's io tensors. The training loop,
// evaluation, prediction and `dlc weights` are built on it and reach the
// device only through the backend: a batch goes into its io host memory
// before a run, the loss and correct count come back after it, and the state
// is copied out only when asked (a checkpoint, the weights).
//
// Binding a batch to a function: the function's "inputs" with role "input",
// in order, take the batch's inputs in order (the dataset's model order);
// the one with role "label" takes the labels: one-hot [B, C] floats, or [B]
// integer classes (sparse). Per sample, the element counts must agree (so a
// [784] dataset feeds a [28, 28, 1] tensor row-major); element types convert
// (f32 data to f32/f64 tensors, i32 token ids to i32/i64/f32). A batch of
// fewer rows than the compiled batch size fills the first rows and zeroes
// the rest.
#ifndef DLC_RUNTIME_TRAIN_SESSION_H
#define DLC_RUNTIME_TRAIN_SESSION_H

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/data/Dataset.h"
#include "runtime/exec/Backend.h"

namespace dlc::rt::train {

struct StepOutputs {
  double loss = 0;          ///< the batch-mean loss
  int64_t correct = -1;     ///< -1 when the function has no "correct" output
};

struct EvalResult {
  double loss = 0;          ///< mean over the samples
  double acc = 0;           ///< fraction correct
  int64_t samples = 0;
};

class Session {
public:
  /// Plans the bundle's functions and loads the state: `state` when given
  /// (a checkpoint's), else the initial state for `seed`: the bundle's state
  /// section when `seed` is the manifest's seed, else the parameters re-drawn
  /// with runtime/init for `seed` (slots and counter 0). `seed` also keys
  /// the dropout masks.
  static absl::StatusOr<std::unique_ptr<Session>> open(std::shared_ptr<const bundle::Bundle> b,
                                                       uint64_t seed,
                                                       const std::string *state = nullptr);
  /// The state open() starts from, without a backend (no device needed):
  /// `state` checked for size, or the initial state for `seed`.
  static absl::StatusOr<std::string> startingState(const bundle::Bundle &b, uint64_t seed,
                                                   const std::string *state = nullptr);

  const bundle::Bundle &bundle() const { return *bundle_; }
  const bundle::Manifest &manifest() const { return bundle_->manifest(); }
  exec::Backend &backend() { return *backend_; }
  const exec::Backend &backend() const { return *backend_; }
  /// The state region (parameters, slots, counter), copied from the device.
  absl::StatusOr<std::string> state() const;
  /// Whether the bundle has an iteration counter, and its value (copied from
  /// the device).
  bool hasIterations() const { return iterationsTensor_ >= 0; }
  absl::StatusOr<int64_t> iterations() const;
  uint64_t seed() const { return seed_; }
  int64_t batchSize() const { return manifest().batchSize; }

  /// Fills `function`'s input and label tensors from `batch` (header comment).
  absl::Status bind(const bundle::Function &function, const data::Batch &batch);

  /// Binds the batch, runs train_step (which counts the iteration itself) and
  /// reads its loss (and correct count). The batch must be full.
  absl::StatusOr<StepOutputs> trainStep(const data::Batch &batch);

  /// Loss and accuracy over every sample of `ds` with eval_step: full
  /// batches as compiled; the last, short one through the probabilities of
  /// eval_step's (or predict's) "output" tensor and the reference loss and
  /// accuracy kernels on its real rows only.
  absl::StatusOr<EvalResult> evaluate(const data::Dataset &ds);

  /// Class probabilities of every sample of `ds` with predict (the labels of
  /// `ds` are ignored): [numSamples][classes].
  absl::StatusOr<std::vector<std::vector<float>>> predict(const data::Dataset &ds);

private:
  Session() = default;
  absl::StatusOr<StepOutputs> readOutputs(const bundle::Function &f) const;
  std::shared_ptr<const bundle::Bundle> bundle_;
  std::unique_ptr<exec::Backend> backend_;
  uint64_t seed_ = 0;
  int iterationsTensor_ = -1;
};

/// Reads a scalar tensor of a float or integer type at `data` as a double.
double readScalar(const bundle::TensorDesc &tensor, const uint8_t *data);

} // namespace dlc::rt::train

#endif // DLC_RUNTIME_TRAIN_SESSION_H
