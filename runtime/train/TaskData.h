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

/// Loads the task's train and test splits. `dataDirFlag` is --data-dir ("" =
/// DLC_DATA_DIR). Errors name the missing field or file.
absl::StatusOr<TaskData> loadTaskData(const bundle::Manifest &manifest,
                                      const std::string &dataDirFlag);

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
