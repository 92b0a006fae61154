// Compiling a Keras model file to a target's bundle: what `dlc compile` and
// `dlc train MODEL` share.
#ifndef DLC_TOOLS_DLC_COMPILEMODEL_H
#define DLC_TOOLS_DLC_COMPILEMODEL_H

#include "codegen/Target.h"

#include "mlir/IR/MLIRContext.h"

#include <cstdint>
#include <string>

namespace dlc::tool {

/// A context with every dialect the driver uses loaded.
std::unique_ptr<mlir::MLIRContext> createContext();

/// The target named `name`, or an error listing this build's targets.
const Target *findTarget(llvm::StringRef name, llvm::raw_ostream &errs);

/// Imports `modelPath` (batch size `batchSize`, 0 = the model's), runs the
/// import clean-up and `target`'s pipeline (with the pass-manager options of
/// the command line) and serialises the bundle. Diagnostics go to `context`'s
/// handler.
/// Runs the import clean-up and, when `target` is set, its pipeline on
/// `module`, with the pass-manager and timing options of the command line.
mlir::LogicalResult runPipeline(mlir::ModuleOp module, const Target *target);

/// A non-empty `dataset` (name[:task[:variant]]) replaces the model's
/// `dlc.training.dataset` (e.g. fashion_mnist for a model written for mnist,
/// babi:qa1:en-10k for the qa2 model). `cpu` is SerializeOptions::cpu
/// (the cpu target's CPU; "" = this machine's).
mlir::FailureOr<std::string> compileToBundle(mlir::MLIRContext &context,
                                             llvm::StringRef modelPath,
                                             const Target &target,
                                             int64_t batchSize, uint64_t seed,
                                             llvm::StringRef dataset = "",
                                             llvm::StringRef cpu = "");

} // namespace dlc::tool

#endif // DLC_TOOLS_DLC_COMPILEMODEL_H
