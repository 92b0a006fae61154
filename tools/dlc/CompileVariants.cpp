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
                                                     int64_t batchSize, uint64_t seed,
                                                     llvm::StringRef cpu) {
  ImportOptions options;
  options.batchSize = batchSize;
  OwningOpRef<ModuleOp> module = importKerasModel(modelPath, context, options);
  if (!module)
    return failure();
  auto forward = (*module).lookupSymbol<func::FuncOp>("forward");
  if (!forward)
    return (*module).emitError("--no-dropout: the module has no @forward function");
  stripDropout(forward);
  if (failed(runPipeline(*module, &target)))
    return failure();
  SerializeOptions serialize;
  serialize.seed = seed;
  serialize.modelPath = modelPath.str();
  serialize.cpu = cpu.str();
  return target.serialize(*module, serialize);
}

} // namespace dlc::tool
