// Compiling a model file with a change to its @forward before the target's
// pipeline builds the training and inference functions from it. Kept apart
// from CompileModel.h, whose compileToBundle is the plain path.
#ifndef DLC_TOOLS_DLC_COMPILEVARIANTS_H
#define DLC_TOOLS_DLC_COMPILEVARIANTS_H

#include "codegen/Target.h"
#include "tools/dlc/CompileModel.h"

#include "mlir/IR/MLIRContext.h"

#include <cstdint>
#include <string>

namespace dlc::tool {

/// compileToBundle with every dlc.dropout of @forward removed (the
/// dlc-strip-dropout rewrite, run before dlc-build-train-step): train_step
/// then applies no dropout, as Keras does with rate 0. For checks that
/// compare one training step with another framework's on the same batch
/// (`dlc train --no-dropout`, bench/peers/fidelity.py). The parameters, their
/// order and their initial values are the model's; the manifest differs, so
/// checkpoints of such a bundle belong to it alone.
mlir::FailureOr<std::string>
compileToBundleWithoutDropout(mlir::MLIRContext &context, llvm::StringRef modelPath,
                              const Target &target, const CompileOptions &options);

} // namespace dlc::tool

#endif // DLC_TOOLS_DLC_COMPILEVARIANTS_H
