// Compiling a model file with a change to its @forward (see CompileVariants.h).
#include "tools/dlc/CompileVariants.h"
#include "tools/dlc/CompileModel.h"

#include "frontend/KerasImporter.h"
#include "passes/TrainingFunctions.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;

namespace dlc::tool {

FailureOr<std::string> compileToBundleWithoutDropout(MLIRContext &context,
                                                     llvm::StringRef modelPath,
                                                     const Target &target,
                                                     const CompileOptions &options) {
  if (!options.dataset.empty()) {
    emitError(UnknownLoc::get(&context), "--no-dropout and --dataset cannot be combined");
    return failure();
  }
  ImportOptions import;
  import.batchSize = options.batchSize;
  OwningOpRef<ModuleOp> module = importKerasModel(modelPath, context, import);
  if (!module)
    return failure();
  auto forward = (*module).lookupSymbol<func::FuncOp>("forward");
  if (!forward)
    return (*module).emitError("--no-dropout: the module has no @forward function");
  stripDropout(forward);
  if (failed(runPipeline(*module, &target, options.pipeline)))
    return failure();
  SerializeOptions serialize;
  serialize.seed = options.seed;
  serialize.modelPath = modelPath.str();
  serialize.cpu = options.cpu;
  return target.serialize(*module, serialize);
}

} // namespace dlc::tool
