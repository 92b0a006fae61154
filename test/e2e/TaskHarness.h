// What the task-level agreement tests share: a task's model file compiled for
// a target in memory (optionally with plain SGD, so one step moves every
// parameter by minus its gradient), the task's batches in the training
// loop's shuffled order, a state perturbed in the last bit, and training
// runs that record every step's loss.
#ifndef DLC_TEST_E2E_TASKHARNESS_H
#define DLC_TEST_E2E_TASKHARNESS_H

#include "runtime/bundle/BundleReader.h"
#include "runtime/data/Dataset.h"
#include "runtime/train/Session.h"
#include "runtime/train/TaskData.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dlc::test {

/// The five tasks, in the order of the docs' tables.
const std::vector<std::string> &taskNames();

/// models/TASK.yaml compiled for `target` (seed 0, every fusion pass the
/// target runs), or null after a test failure. With `sgdLearningRate` the
/// model's optimizer is replaced by SGD with that rate (no momentum).
std::shared_ptr<const rt::bundle::Bundle>
compileTask(const std::string &task, const std::string &target,
            std::optional<double> sgdLearningRate = std::nullopt);

/// The task's data (../shared/data), loaded once per task and process.
const rt::train::TaskData *taskData(const rt::bundle::Manifest &m);

/// The directory the data comes from; tests skip when it does not exist.
std::string dataDirectory();

/// Step `step` (0-based) of a run in the training loop's order: epoch
/// step / B of the shuffled order for seed 0, full batches only (B of them
/// per epoch), no augmentation.
absl::StatusOr<rt::data::Batch> trainingBatch(const rt::data::Dataset &train,
                                              int64_t batchSize, int64_t step);

/// `state` (a bundle's state region) with every parameter element moved by
/// one unit in the last place, up or down at random (Mersenne Twister keyed
/// by `perturbation`); slots and counters untouched.
std::string perturbInLastBit(const rt::bundle::Manifest &m, std::string state,
                             uint32_t perturbation);

/// Trains `steps` steps from `state` (the bundle's initial state when null)
/// and returns each step's loss.
absl::StatusOr<std::vector<double>> trainLosses(std::shared_ptr<const rt::bundle::Bundle> bundle,
                                                int64_t steps, const std::string *state = nullptr,
                                                std::unique_ptr<rt::train::Session> *keep = nullptr);

/// The mean of losses[from - 1 .. to - 1] (1-based, inclusive step numbers).
double meanLoss(const std::vector<double> &losses, int64_t from, int64_t to);

} // namespace dlc::test

#endif // DLC_TEST_E2E_TASKHARNESS_H
