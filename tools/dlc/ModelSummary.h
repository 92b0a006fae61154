// `dlc compile --emit=summary`: a Keras-style table of layers, shapes and parameter counts.
#ifndef DLC_TOOLS_DLC_MODELSUMMARY_H
#define DLC_TOOLS_DLC_MODELSUMMARY_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace dlc::tool {

/// Prints, for `@forward` of `module`, one row per layer (the name of the
/// ops' NameLoc): its ops, its output shape and its parameter count (the
/// `dlc.param = "layer/..."` arguments), then the total, like Keras'
/// `model.summary()`. Fails when the module has no `@forward`.
mlir::LogicalResult printModelSummary(mlir::ModuleOp module,
                                      llvm::raw_ostream &os);

} // namespace dlc::tool

#endif // DLC_TOOLS_DLC_MODELSUMMARY_H
