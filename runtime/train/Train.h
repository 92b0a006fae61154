// `dlc train`, `dlc eval` and `dlc predict` on the runtime side: the CLI
// (tools/dlc) parses the flags, compiles a MODEL into an in-memory bundle or
// names a bundle file, and calls runTrain / runEval / runPredict, which print
// progress and results and return the process exit status (0, or 1 after an
// "error: ..." line on `err`). The StatusOr functions below them do the work
// and are what tests call.
//
// Training loop (train):
//   * seed: --resume's, else --seed, else the bundle's; a --seed other than
//     the bundle's re-draws the initial parameters (runtime/init).
//   * epoch e (0-based): order = shuffledOrder(n, seed, e) (Keras fit's
//     shuffle=True; 0..n-1 with --no-shuffle); batches = floor(n / batch size), capped by
//     --steps-per-epoch (the static batch size cannot run the short last
//     batch; Keras trains it). With augmentation (cifar10_cnn) each batch is
//     augmentBatch(config, seed, e, ...) (not with --no-augmentation). Each step: bind the batch, run
//     train_step, read loss and correct, iterations += 1 (the counter in the
//     state that train_step's dropout and optimizer decay read).
//   * per epoch: a progress bar (Progress.h), then one Keras-like line
//       468/468 [==============================] - 12.3s - 4876 samples/s - loss: 0.2436 -
//       acc: 0.9253 - val_loss: 0.1059 - val_acc: 0.9664
//     where seconds are the epoch's training time (no compilation, no
//     evaluation); val_* is eval_step over the test set ("validation: test")
//     or over Keras' validation_split (then the training set is its first
//     part), every sample counted.
//   * --log: one JSON object per epoch: task, target, epoch (1-based),
//     epochs, seconds, samples_per_s, samples, steps, batch_size, loss, acc,
//     val_loss, val_acc (fractions; null without validation), eval_seconds,
//     iterations, seed. Truncated at the start of a run, appended on --resume.
//   * --save: a checkpoint (Checkpoint.h) at the end of every epoch (and when
//     stopAfterSteps stops the run); --resume continues from one: same
//     bundle (manifest hash), same batch size, its seed; the next step's loss
//     equals the uninterrupted run's bit for bit. --epochs counts from the
//     run's start (Keras' initial_epoch semantics).
#ifndef DLC_RUNTIME_TRAIN_TRAIN_H
#define DLC_RUNTIME_TRAIN_TRAIN_H

#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/data/Dataset.h"
#include "runtime/data/Npy.h"

namespace dlc::rt::train {

/// Where the bundle comes from: a file, or one compiled in memory.
struct BundleSource {
  std::string path;                              ///< a .dlcb file
  std::shared_ptr<const bundle::Bundle> bundle;  ///< used instead of `path` when set
};

struct TrainOptions {
  BundleSource source;
  std::string dataDir;                  ///< --data-dir ("" = $DLC_DATA_DIR)
  std::optional<int64_t> epochs;        ///< --epochs (default: training.epochs, else 1)
  std::optional<int64_t> stepsPerEpoch; ///< --steps-per-epoch (default: all full batches)
  std::optional<int64_t> batchSize;     ///< --batch-size: must be the bundle's
  std::optional<uint64_t> seed;         ///< --seed (default: the bundle's)
  std::optional<int64_t> validationSamples; ///< --validation-samples: evaluate on the first N
  std::string logPath;                  ///< --log
  std::string savePath;                 ///< --save
  std::string resumePath;               ///< --resume
  bool shuffle = true;                  ///< --no-shuffle: every epoch in dataset order
  bool augment = true;                  ///< --no-augmentation: the model's augmentation off

  // Not flags: output streams, the progress style (default: isatty), data
  // given directly (tests), and a stop after this many steps of this run
  // (saving a mid-epoch checkpoint when savePath is set).
  std::ostream *out = &std::cout;
  std::ostream *err = &std::cerr;
  std::optional<bool> terminal;
  const data::Dataset *trainData = nullptr;       ///< instead of loading the task's
  const data::Dataset *validationData = nullptr;  ///< with trainData; null = none
  std::optional<int64_t> stopAfterSteps;
};

struct EpochStats {
  int64_t epoch = 0;          ///< 1-based
  int64_t steps = 0, samples = 0;
  double seconds = 0, samplesPerSecond = 0;
  double loss = 0, acc = 0;
  std::optional<double> valLoss, valAcc;
  double evalSeconds = 0;
};

struct TrainResult {
  std::vector<EpochStats> epochs;  ///< epochs completed by this run
  std::vector<double> stepLosses;  ///< every step's loss, in order
  int64_t iterations = 0;          ///< the counter at the end
};

absl::StatusOr<TrainResult> train(const TrainOptions &options);
int runTrain(const TrainOptions &options);

struct EvalOptions {
  BundleSource source;
  std::string checkpointPath;   ///< "" = the bundle's initial weights
  std::string dataDir;
  std::optional<uint64_t> seed; ///< without a checkpoint: the weights' seed
  std::ostream *out = &std::cout;
  std::ostream *err = &std::cerr;
  const data::Dataset *data = nullptr; ///< instead of the task's test set
};

struct EvalSummary {
  double loss = 0, acc = 0;
  int64_t samples = 0;
  double seconds = 0;
};

/// Loss and accuracy on the task's test set (else its validation split).
/// Prints "test: N samples - loss: L - acc: A".
absl::StatusOr<EvalSummary> evaluateModel(const EvalOptions &options);
int runEval(const EvalOptions &options);

struct PredictOptions {
  BundleSource source;
  std::string checkpointPath;       ///< "" = the bundle's initial weights
  std::optional<uint64_t> seed;
  /// One file per model input, in the model's input order: .npy (float32,
  /// float64, uint8, int32, int64; C order; shape [n, sample...] or one
  /// sample) or an IDX unsigned-byte file (e.g. MNIST's t10k-images). Integer
  /// images (uint8) are multiplied by preprocessing.rescale; other values are
  /// taken as they are.
  std::vector<std::string> inputPaths;
  std::string outputPath;           ///< "" = `out`
  std::string format = "jsonl";     ///< "jsonl": {"sample", "class", "probs"}; "csv"
  std::ostream *out = &std::cout;
  std::ostream *err = &std::cerr;
};

/// Class probabilities, [samples][classes].
absl::StatusOr<std::vector<std::vector<float>>> predictFiles(const PredictOptions &options);
int runPredict(const PredictOptions &options);

/// .npy arrays (runtime/data/Npy.h), which predict reads.
using data::NpyArray;
using data::readNpy;

} // namespace dlc::rt::train

#endif // DLC_RUNTIME_TRAIN_TRAIN_H
