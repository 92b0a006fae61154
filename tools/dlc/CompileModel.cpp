// Compiling a Keras model file to a target's bundle (see CompileModel.h).
#include "tools/dlc/CompileModel.h"

#include "frontend/KerasImporter.h"
#include "ir/DlcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace dlc::tool {

std::unique_ptr<MLIRContext> createContext() {
  DialectRegistry registry;
  registry.insert<DlcDialect, func::FuncDialect>();
  auto context = std::make_unique<MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

const Target *findTarget(llvm::StringRef name, llvm::raw_ostream &errs) {
  if (const Target *target = lookupTarget(name))
    return target;
  errs << "error: unknown target '" << name << "'; this build has:";
  for (const auto &t : allTargets())
    errs << " " << t->name();
  errs << "\n";
  return nullptr;
}

LogicalResult runPipeline(ModuleOp module, const Target *target) {
  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  PassManager pm(module.getContext());
  if (failed(applyPassManagerCLOptions(pm)))
    return failure();
  TimingScope timingScope = timing.getRootScope();
  pm.enableTiming(timingScope);
  pm.addPass(createCanonicalizerPass());
  if (target)
    target->buildPipeline(pm);
  return pm.run(module);
}

/// Replaces `dlc.training.dataset` by `spec` = name[:task[:variant]] (bAbI:
/// `babi:qa1:en-10k`), keeping the keys the spec does not name.
static LogicalResult overrideDataset(ModuleOp module, StringRef spec) {
  SmallVector<StringRef, 3> parts;
  spec.split(parts, ':');
  StringRef name = parts[0];
  auto training = module->getAttrOfType<DictionaryAttr>("dlc.training");
  if (!training)
    return module.emitError("--dataset needs the model's dlc: section (loss, "
                            "optimizer) to train");
  Builder b(module.getContext());
  NamedAttrList dataset;
  if (auto old = training.getAs<DictionaryAttr>("dataset"))
    dataset.append(old.getValue());
  dataset.set("name", b.getStringAttr(name));
  if (parts.size() > 1)
    dataset.set("task", b.getStringAttr(parts[1]));
  if (parts.size() > 2)
    dataset.set("variant", b.getStringAttr(parts[2]));
  NamedAttrList updated(training.getValue());
  updated.set("dataset", dataset.getDictionary(module.getContext()));
  module->setAttr("dlc.training", updated.getDictionary(module.getContext()));
  return success();
}

FailureOr<std::string> compileToBundle(MLIRContext &context,
                                       llvm::StringRef modelPath,
                                       const Target &target, int64_t batchSize,
                                       uint64_t seed, llvm::StringRef dataset,
                                       llvm::StringRef cpu) {
  ImportOptions options;
  options.batchSize = batchSize;
  OwningOpRef<ModuleOp> module = importKerasModel(modelPath, context, options);
  if (!module || (!dataset.empty() && failed(overrideDataset(*module, dataset))) ||
      failed(runPipeline(*module, &target)))
    return failure();
  SerializeOptions serialize;
  serialize.cpu = cpu.str();
  serialize.seed = seed;
  serialize.modelPath = modelPath.str();
  return target.serialize(*module, serialize);
}

} // namespace dlc::tool
