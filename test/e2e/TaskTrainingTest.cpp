// The cpu target against the cpu-ref oracle over training (label `long`):
// from the same initial weights, on the same batches (the training loop's
// shuffled order for seed 0, the same dropout masks), the mean loss of steps
// 181–200 of each task, and mnist_mlp's test accuracy after one epoch, must
// lie within the spread cpu-ref itself shows when its initial weights are
// perturbed in the last bit. RMSprop, Adadelta and Adam amplify last-bit
// differences, so after 200 steps that spread, not a fixed tolerance, is
// what agreement can mean; docs/cpu-target.md has the measured spreads
// (kSpreads below) and how they were measured: the DISABLED_ tests here,
//   build/bin/dlc-task-training-tests --gtest_also_run_disabled_tests \
//       --gtest_filter='CpuRefSpread*'
// which train cpu-ref unperturbed and with DLC_SPREAD_RUNS (default 4)
// perturbations and print max |perturbed − unperturbed| per task.
// Skipped, visibly, without ../shared/data.
#include "test/e2e/TaskHarness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

namespace rt = dlc::rt;

namespace {

constexpr int64_t kSteps = 200, kFrom = 181;

/// max |perturbed − unperturbed| of cpu-ref's mean loss of steps 181–200
/// over the perturbations (docs/cpu-target.md, "The spread of cpu-ref under
/// a last-bit perturbation": measured by the DISABLED_ tests below).
const std::map<std::string, double> kSpreads = {
    {"mnist_mlp", 1.67e-3}, {"mnist_cnn", 3.22e-3}, {"cifar10_cnn", 1.61e-3},
    {"mnist_hrnn", 3.11e-2}, {"babi_rnn", 2.57e-5},
};
/// The same for mnist_mlp's test accuracy after one epoch (a fraction: 12
/// of the 10,000 test images).
constexpr double kAccuracySpread = 1.2e-3;

bool haveData() { return std::filesystem::exists(dlc::test::dataDirectory()); }

/// mnist_mlp trained one epoch (every full batch, shuffled) from `state`,
/// then evaluated on the test set: the accuracy.
double oneEpochAccuracy(std::shared_ptr<const rt::bundle::Bundle> bundle,
                        const std::string *state = nullptr) {
  const rt::train::TaskData *data = dlc::test::taskData(bundle->manifest());
  EXPECT_TRUE(data && data->test);
  if (!data || !data->test)
    return -1;
  std::unique_ptr<rt::train::Session> session;
  auto losses = dlc::test::trainLosses(
      bundle, data->train.numSamples / bundle->manifest().batchSize, state, &session);
  EXPECT_TRUE(losses.ok()) << losses.status().message();
  if (!losses.ok())
    return -1;
  auto eval = session->evaluate(*data->test);
  EXPECT_TRUE(eval.ok()) << eval.status().message();
  return eval.ok() ? eval->acc : -1;
}

class TaskTraining : public ::testing::TestWithParam<std::string> {};

TEST_P(TaskTraining, MeanLossOfSteps181To200WithinCpuRefSpread) {
  if (!haveData())
    GTEST_SKIP() << "no data directory " << dlc::test::dataDirectory();
  const std::string task = GetParam();
  auto ref = dlc::test::compileTask(task, "cpu-ref");
  auto cpu = dlc::test::compileTask(task, "cpu");
  ASSERT_TRUE(ref && cpu);
  auto lr = dlc::test::trainLosses(ref, kSteps);
  auto lc = dlc::test::trainLosses(cpu, kSteps);
  ASSERT_TRUE(lr.ok()) << lr.status().message();
  ASSERT_TRUE(lc.ok()) << lc.status().message();
  const double mr = dlc::test::meanLoss(*lr, kFrom, kSteps);
  const double mc = dlc::test::meanLoss(*lc, kFrom, kSteps);
  std::cout << task << ": mean loss of steps " << kFrom << "-" << kSteps << ": cpu " << mc
            << ", cpu-ref " << mr << ", difference " << std::fabs(mc - mr) << " (spread "
            << kSpreads.at(task) << ")\n";
  EXPECT_LE(std::fabs(mc - mr), kSpreads.at(task));
}

INSTANTIATE_TEST_SUITE_P(Tasks, TaskTraining, ::testing::ValuesIn(dlc::test::taskNames()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return info.param;
                         });

TEST(TaskTrainingMnistMlp, OneEpochTestAccuracyWithinCpuRefSpread) {
  if (!haveData())
    GTEST_SKIP() << "no data directory " << dlc::test::dataDirectory();
  auto ref = dlc::test::compileTask("mnist_mlp", "cpu-ref");
  auto cpu = dlc::test::compileTask("mnist_mlp", "cpu");
  ASSERT_TRUE(ref && cpu);
  const double ar = oneEpochAccuracy(ref), ac = oneEpochAccuracy(cpu);
  std::cout << "mnist_mlp: test accuracy after one epoch: cpu " << ac << ", cpu-ref " << ar
            << " (spread " << kAccuracySpread << ")\n";
  EXPECT_LE(std::fabs(ac - ar), kAccuracySpread);
}

/// How many perturbed runs the spread measurement makes.
uint32_t spreadRuns() {
  const char *runs = std::getenv("DLC_SPREAD_RUNS");
  return runs ? uint32_t(std::atoi(runs)) : 4u;
}

class CpuRefSpread : public ::testing::TestWithParam<std::string> {};

TEST_P(CpuRefSpread, DISABLED_MeanLossOfSteps181To200) {
  if (!haveData())
    GTEST_SKIP() << "no data directory " << dlc::test::dataDirectory();
  const std::string task = GetParam();
  auto ref = dlc::test::compileTask(task, "cpu-ref");
  ASSERT_TRUE(ref);
  auto base = dlc::test::trainLosses(ref, kSteps);
  ASSERT_TRUE(base.ok()) << base.status().message();
  const double m0 = dlc::test::meanLoss(*base, kFrom, kSteps);
  std::cout << task << " unperturbed: " << m0 << std::endl;
  double spread = 0;
  for (uint32_t k = 1; k <= spreadRuns(); ++k) {
    const std::string state = dlc::test::perturbInLastBit(ref->manifest(), std::string(ref->initialState()), k);
    auto losses = dlc::test::trainLosses(ref, kSteps, &state);
    ASSERT_TRUE(losses.ok()) << losses.status().message();
    const double mk = dlc::test::meanLoss(*losses, kFrom, kSteps);
    spread = std::max(spread, std::fabs(mk - m0));
    std::cout << task << " perturbation " << k << ": " << mk << " (first step "
              << (*losses)[0] << " vs " << (*base)[0] << ")" << std::endl;
  }
  std::cout << task << ": spread of the mean loss of steps " << kFrom << "-" << kSteps << ": "
            << spread << std::endl;
}

INSTANTIATE_TEST_SUITE_P(Tasks, CpuRefSpread, ::testing::ValuesIn(dlc::test::taskNames()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return info.param;
                         });

TEST(CpuRefSpreadMnistMlp, DISABLED_OneEpochTestAccuracy) {
  if (!haveData())
    GTEST_SKIP() << "no data directory " << dlc::test::dataDirectory();
  auto ref = dlc::test::compileTask("mnist_mlp", "cpu-ref");
  ASSERT_TRUE(ref);
  const double a0 = oneEpochAccuracy(ref);
  std::cout << "mnist_mlp unperturbed accuracy: " << a0 << std::endl;
  double spread = 0;
  for (uint32_t k = 1; k <= spreadRuns(); ++k) {
    const std::string state = dlc::test::perturbInLastBit(ref->manifest(), std::string(ref->initialState()), k);
    const double ak = oneEpochAccuracy(ref, &state);
    spread = std::max(spread, std::fabs(ak - a0));
    std::cout << "mnist_mlp perturbation " << k << " accuracy: " << ak << std::endl;
  }
  std::cout << "mnist_mlp: spread of the one-epoch test accuracy: " << spread << std::endl;
}

} // namespace
