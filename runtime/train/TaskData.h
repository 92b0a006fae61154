// The datasets of a bundle's task, from the manifest's "training" section (the
// model file's dlc: section):
//   dataset: {name: mnist | fashion_mnist | cifar10 | babi, task: qaN, variant: en}
//   preprocessing: {rescale: r}            (pixels become float(double(v) * r))
//   validation: test | <fraction>          (the test set, or Keras' validation_split)
//   augmentation: {width_shift_range, height_shift_range, horizontal_flip}
// MNIST's layout (flat 784 or 28x28x1) follows the bundle's input tensor.
#ifndef DLC_RUNTIME_TRAIN_TASKDATA_H
#define DLC_RUNTIME_TRAIN_TASKDATA_H

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "runtime/bundle/Manifest.h"
#include "runtime/data/Dataset.h"
#include "runtime/data/ImageAugmentation.h"

namespace dlc::rt::train {

struct TaskData {
  data::Dataset train;
  std::optional<data::Dataset> test; ///< when the dataset has a test split
};

/// Loads the task's train and test splits, or those of `splits` (the files of
/// the others are not needed; bAbI always reads both, its vocabulary and
/// lengths come from both). `dataDirFlag` is --data-dir ("" = DLC_DATA_DIR).
/// Errors name the missing field or file.
absl::StatusOr<TaskData> loadTaskData(const bundle::Manifest &manifest,
                                      const std::string &dataDirFlag,
                                      data::Splits splits = {});

/// What the task's data looks like: each input's per-sample shape in the
/// model's input order, and the number of classes.
struct DataShape {
  std::string label; ///< the dataset for messages: "cifar10", "babi:qa1:en-10k"
  struct Input {
    std::string name; ///< "image", "story", "question"
    std::vector<int64_t> sample;
  };
  std::vector<Input> inputs;
  int64_t classes = 0;
};

/// The data's shape without loading it (for a check before compiling): MNIST
/// from an IDX header, CIFAR-10 from its format (files checked to exist),
/// bAbI by reading and vectorising both files (small text). Errors name the
/// missing setting or file, as loadTaskData's.
absl::StatusOr<DataShape> taskDataShape(const nlohmann::json &training,
                                        const std::string &dataDirFlag,
                                        data::Splits splits = {});

/// The shape of loaded data (`training` gives the label).
DataShape datasetShape(const data::Dataset &ds, const nlohmann::json &training);

/// What the model takes: each "input" tensor's per-sample shape (the batch
/// axis dropped), in order, and its classes.
struct ModelShape {
  struct Input {
    std::string name;
    std::vector<int64_t> sample;
  };
  std::vector<Input> inputs;
  int64_t classes = 0;
};

/// The bundle's: train_step's (else eval_step's, predict's) inputs and label
/// (else output) classes.
absl::StatusOr<ModelShape> modelShape(const bundle::Manifest &manifest);

/// Whether data of `data`'s shape can feed the model: the same number of
/// inputs, each with as many values per sample (a [784] image feeds a
/// [28, 28, 1] input), and the same number of classes. The error names every
/// mismatch and what to change (for bAbI: the lengths and vocabulary the
/// model must be compiled with).
absl::Status checkDataFits(const ModelShape &model, const DataShape &data);

/// Where validation metrics come from (the "validation" setting).
struct ValidationPlan {
  bool useTest = false;     ///< the test set
  double split = 0.0;       ///< else Keras' validation_split when > 0
};
absl::StatusOr<ValidationPlan> validationPlan(const nlohmann::json &training);

/// The "augmentation" setting, if any.
absl::StatusOr<std::optional<data::ShiftFlipConfig>>
augmentationConfig(const nlohmann::json &training);

/// The "preprocessing.rescale" factor (1 when absent).
absl::StatusOr<double> rescaleFactor(const nlohmann::json &training);

} // namespace dlc::rt::train

#endif // DLC_RUNTIME_TRAIN_TASKDATA_H
