// The cpu target against the cpu-ref oracle on the five tasks: each model file
// is compiled for both targets (same Philox initial weights), and the first
// 20 training steps run on the same real batches (dataset order, so no
// shuffling or augmentation enters; dropout masks are the same Philox
// streams on both). Each step's loss must agree within 1e-4 relative.
// Skipped, visibly, without ../shared/data.
#include "codegen/Target.h"
#include "frontend/KerasImporter.h"
#include "ir/DlcOps.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/train/Session.h"
#include "runtime/train/TaskData.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

namespace rt = dlc::rt;
using namespace mlir;

namespace {

constexpr int kSteps = 20;
constexpr double kTolerance = 1e-4;

std::shared_ptr<const rt::bundle::Bundle> compileTask(const std::string &task,
                                                      const std::string &targetName) {
  DialectRegistry registry;
  registry.insert<dlc::DlcDialect, func::FuncDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return success();
  });
  const std::string path = std::string(DLC_MODELS_DIR) + "/" + task + ".yaml";
  OwningOpRef<ModuleOp> module = dlc::importKerasModel(path, context, {});
  if (!module) {
    ADD_FAILURE() << path << ": " << diagnostics;
    return nullptr;
  }
  const dlc::Target *target = dlc::lookupTarget(targetName);
  PassManager pm(&context);
  target->buildTrainingStage(pm, {});
  if (failed(pm.run(*module))) {
    ADD_FAILURE() << task << " " << targetName << ": " << diagnostics;
    return nullptr;
  }
  dlc::SerializeOptions options;
  options.seed = 0;
  options.modelPath = path;
  auto bytes = target->serialize(*module, options, {});
  if (failed(bytes)) {
    ADD_FAILURE() << task << " " << targetName << ": " << diagnostics;
    return nullptr;
  }
  auto bundle = rt::bundle::readBundleBytes(std::move(*bytes), task);
  if (!bundle.ok()) {
    ADD_FAILURE() << bundle.status().message();
    return nullptr;
  }
  return std::make_shared<const rt::bundle::Bundle>(std::move(*bundle));
}

class TaskAgreement : public ::testing::TestWithParam<std::string> {};

TEST_P(TaskAgreement, First20StepLossesMatchCpuRef) {
  const std::string dataDir = DLC_SHARED_DATA_DIR;
  if (!std::filesystem::exists(dataDir))
    GTEST_SKIP() << "no data directory " << dataDir;
  const std::string task = GetParam();
  auto ref = compileTask(task, "cpu-ref");
  auto cpu = compileTask(task, "cpu");
  ASSERT_TRUE(ref && cpu);
  auto data = rt::train::loadTaskData(ref->manifest(), dataDir);
  ASSERT_TRUE(data.ok()) << data.status().message();
  auto batcher = rt::data::Batcher::create(data->train, ref->manifest().batchSize);
  ASSERT_TRUE(batcher.ok()) << batcher.status().message();
  const std::vector<int64_t> order = rt::data::identityOrder(data->train.numSamples);

  auto sr = rt::train::Session::open(ref, 0);
  auto sc = rt::train::Session::open(cpu, 0);
  ASSERT_TRUE(sr.ok()) << sr.status().message();
  ASSERT_TRUE(sc.ok()) << sc.status().message();
  double worst = 0;
  for (int step = 0; step < kSteps; ++step) {
    auto batch = batcher->batch(order, step);
    ASSERT_TRUE(batch.ok()) << batch.status().message();
    auto lr = (*sr)->trainStep(*batch);
    auto lc = (*sc)->trainStep(*batch);
    ASSERT_TRUE(lr.ok()) << lr.status().message();
    ASSERT_TRUE(lc.ok()) << lc.status().message();
    double rel = std::fabs(lc->loss - lr->loss) / std::fabs(lr->loss);
    worst = std::max(worst, rel);
    EXPECT_LE(rel, kTolerance) << task << " step " << step + 1 << ": loss cpu " << lc->loss
                               << ", cpu-ref " << lr->loss;
  }
  std::cout << task << ": largest relative loss difference over " << kSteps
            << " steps: " << worst << "\n";
}

INSTANTIATE_TEST_SUITE_P(Tasks, TaskAgreement,
                         ::testing::Values("mnist_mlp", "mnist_cnn", "cifar10_cnn",
                                           "mnist_hrnn", "babi_rnn"),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return info.param;
                         });

} // namespace
