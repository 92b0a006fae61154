// The cpu target against the cpu-ref oracle on the five tasks, first step:
// each model file is compiled for both targets with plain SGD (lr 2^10, so
// the step moves every parameter by 1024 times minus its gradient: with a
// gradient far smaller than its weight, lr 1 would leave only the last few
// bits of p0 − p1 to measure it by) from the same
// Philox initial weights; on the same real batch (the training loop's first,
// with the same dropout masks) the step's loss must agree within 1e-5 and
// the gradient of every parameter within 1e-4 (max |cpu − cpu-ref| /
// max |cpu-ref| per tensor): the agreement rule of docs/cpu-target.md. How
// training goes on from there is TaskTrainingTest.cpp's (label `long`).
// Skipped, visibly, without ../shared/data.
#include "test/common/RelativeError.h"
#include "test/e2e/TaskHarness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>

namespace rt = dlc::rt;

namespace {

constexpr double kLossTolerance = 1e-5;
constexpr double kLearningRate = 1024;
constexpr double kGradientTolerance = 1e-4;

class TaskAgreement : public ::testing::TestWithParam<std::string> {};

TEST_P(TaskAgreement, FirstStepLossAndGradientsMatchCpuRef) {
  if (!std::filesystem::exists(dlc::test::dataDirectory()))
    GTEST_SKIP() << "no data directory " << dlc::test::dataDirectory();
  const std::string task = GetParam();
  auto ref = dlc::test::compileTask(task, "cpu-ref", kLearningRate);
  auto cpu = dlc::test::compileTask(task, "cpu", kLearningRate);
  ASSERT_TRUE(ref && cpu);
  const rt::bundle::Manifest &m = ref->manifest();
  ASSERT_EQ(ref->initialState(), cpu->initialState()) << "initial weights differ";
  std::unique_ptr<rt::train::Session> sr, sc;
  auto lr = dlc::test::trainLosses(ref, 1, nullptr, &sr);
  auto lc = dlc::test::trainLosses(cpu, 1, nullptr, &sc);
  ASSERT_TRUE(lr.ok()) << lr.status().message();
  ASSERT_TRUE(lc.ok()) << lc.status().message();
  const double lossError = std::fabs((*lc)[0] - (*lr)[0]) / std::fabs((*lr)[0]);
  EXPECT_LE(lossError, kLossTolerance) << "loss cpu " << (*lc)[0] << ", cpu-ref " << (*lr)[0];

  auto stateRef = sr->state(), stateCpu = sc->state();
  ASSERT_TRUE(stateRef.ok() && stateCpu.ok());
  std::string_view initial = ref->initialState();
  double worst = 0;
  std::string worstName;
  for (int index : m.tensorsWithRole(rt::bundle::Role::Param)) {
    const rt::bundle::TensorDesc &t = m.tensors[size_t(index)];
    const auto *p0 = reinterpret_cast<const float *>(initial.data() + t.offset);
    const auto *pr = reinterpret_cast<const float *>(stateRef->data() + t.offset);
    const auto *pc = reinterpret_cast<const float *>(stateCpu->data() + t.offset);
    std::vector<double> gr(size_t(t.numElements())), gc(size_t(t.numElements()));
    for (int64_t i = 0; i < t.numElements(); ++i) {
      gr[size_t(i)] = (double(p0[i]) - double(pr[i])) / kLearningRate;
      gc[size_t(i)] = (double(p0[i]) - double(pc[i])) / kLearningRate;
    }
    const double e = dlc::test::relativeError(gc.data(), gr.data(), t.numElements());
    EXPECT_LE(e, kGradientTolerance) << task << ": gradient of " << t.name;
    if (getenv("DLC_VERBOSE")) std::cout << "  " << t.name << " " << e << "\n";
    if (e >= worst) {
      worst = e;
      worstName = t.name;
    }
  }
  std::cout << task << ": first step loss " << (*lr)[0] << ", relative difference " << lossError
            << "; largest gradient difference " << worst << " (" << worstName << ")\n";
}

INSTANTIATE_TEST_SUITE_P(Tasks, TaskAgreement, ::testing::ValuesIn(dlc::test::taskNames()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return info.param;
                         });

} // namespace
