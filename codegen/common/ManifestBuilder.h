// Builds a bundle manifest (runtime/bundle/BundleFormat.h) from planned dlc functions:
// the part every target shares (tensors, regions, one step per op).
#ifndef DLC_CODEGEN_COMMON_MANIFESTBUILDER_H
#define DLC_CODEGEN_COMMON_MANIFESTBUILDER_H

#include "codegen/common/BufferPlan.h"

#include "mlir/IR/BuiltinOps.h"

#include <nlohmann/json.hpp>

namespace dlc {

/// The manifest of `module` for `target`: model, training settings, regions,
/// tensors and, for each of `functions`, its inputs, outputs and one
/// {"op", "in", "out", "attrs"} step per op. Op attributes become JSON
/// (enums by name, default-valued attributes spelled out).
mlir::FailureOr<nlohmann::json>
buildManifest(mlir::ModuleOp module, const BufferPlan &plan,
              llvm::ArrayRef<llvm::StringRef> functions, llvm::StringRef target,
              int64_t batchSize, uint64_t seed, llvm::StringRef modelPath);

/// An MLIR attribute as JSON (dictionaries, arrays, numbers, strings, bools).
nlohmann::json attributeToJson(mlir::Attribute attr);

} // namespace dlc

#endif // DLC_CODEGEN_COMMON_MANIFESTBUILDER_H
