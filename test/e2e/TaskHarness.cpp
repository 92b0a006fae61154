// The task-level test harness (see TaskHarness.h).
#include "test/e2e/TaskHarness.h"

#include "codegen/Target.h"
#include "frontend/KerasImporter.h"
#include "ir/DlcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <random>

namespace rt = dlc::rt;
using namespace mlir;

namespace dlc::test {

const std::vector<std::string> &taskNames() {
  static const std::vector<std::string> names = {"mnist_mlp", "mnist_cnn", "cifar10_cnn",
                                                 "mnist_hrnn", "babi_rnn"};
  return names;
}

std::string dataDirectory() { return DLC_SHARED_DATA_DIR; }

namespace {

/// The module's dlc.training with `optimizer` replaced by SGD(lr).
void useSgd(ModuleOp module, double lr) {
  Builder b(module.getContext());
  auto training = module->getAttrOfType<DictionaryAttr>("dlc.training");
  NamedAttrList entries(training);
  entries.set("optimizer",
              b.getDictionaryAttr({b.getNamedAttr("class_name", b.getStringAttr("SGD")),
                                   b.getNamedAttr("config", b.getDictionaryAttr({b.getNamedAttr(
                                                                "lr", b.getF64FloatAttr(lr))}))}));
  module->setAttr("dlc.training", entries.getDictionary(module.getContext()));
}

} // namespace

std::shared_ptr<const rt::bundle::Bundle> compileTask(const std::string &task,
                                                      const std::string &targetName,
                                                      std::optional<double> sgdLearningRate) {
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
  if (sgdLearningRate)
    useSgd(*module, *sgdLearningRate);
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

const rt::train::TaskData *taskData(const rt::bundle::Manifest &m) {
  static std::mutex mutex;
  static std::map<std::string, rt::train::TaskData> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  const std::string key = m.task();
  if (auto it = loaded.find(key); it != loaded.end())
    return &it->second;
  auto data = rt::train::loadTaskData(m, dataDirectory());
  if (!data.ok()) {
    ADD_FAILURE() << data.status().message();
    return nullptr;
  }
  return &loaded.emplace(key, std::move(*data)).first->second;
}

absl::StatusOr<rt::data::Batch> trainingBatch(const rt::data::Dataset &train, int64_t batchSize,
                                              int64_t step) {
  const int64_t perEpoch = train.numSamples / batchSize;
  if (perEpoch < 1)
    return absl::InvalidArgumentError("the training set does not fill one batch");
  auto batcher = rt::data::Batcher::create(train, batchSize);
  if (!batcher.ok())
    return batcher.status();
  const std::vector<int64_t> order =
      rt::data::shuffledOrder(train.numSamples, 0, uint32_t(step / perEpoch));
  return batcher->batch(order, step % perEpoch);
}

std::string perturbInLastBit(const rt::bundle::Manifest &m, std::string state,
                             uint32_t perturbation) {
  std::mt19937 rng(perturbation);
  for (int index : m.tensorsWithRole(rt::bundle::Role::Param)) {
    const rt::bundle::TensorDesc &t = m.tensors[size_t(index)];
    for (int64_t i = 0; i < t.numElements(); ++i) {
      float v;
      char *at = state.data() + t.offset + i * int64_t(sizeof(float));
      std::memcpy(&v, at, sizeof v);
      v = std::nextafter(v, (rng() & 1) ? INFINITY : -INFINITY);
      std::memcpy(at, &v, sizeof v);
    }
  }
  return state;
}

absl::StatusOr<std::vector<double>> trainLosses(std::shared_ptr<const rt::bundle::Bundle> bundle,
                                                int64_t steps, const std::string *state,
                                                std::unique_ptr<rt::train::Session> *keep) {
  const rt::train::TaskData *data = taskData(bundle->manifest());
  if (!data)
    return absl::NotFoundError("no task data");
  auto session = rt::train::Session::open(bundle, 0, state);
  if (!session.ok())
    return session.status();
  std::vector<double> losses;
  for (int64_t step = 0; step < steps; ++step) {
    auto batch = trainingBatch(data->train, bundle->manifest().batchSize, step);
    if (!batch.ok())
      return batch.status();
    auto out = (*session)->trainStep(*batch);
    if (!out.ok())
      return out.status();
    losses.push_back(out->loss);
  }
  if (keep)
    *keep = std::move(*session);
  return losses;
}

double meanLoss(const std::vector<double> &losses, int64_t from, int64_t to) {
  double sum = 0;
  for (int64_t s = from; s <= to; ++s)
    sum += losses[size_t(s - 1)];
  return sum / double(to - from + 1);
}

} // namespace dlc::test
