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

/// The batch size of the module's @forward result (0 without @forward).
int64_t forwardBatchSize(mlir::ModuleOp module);

/// The bundle of a finished manifest: the runtime's own reader validates the
/// manifest, the initial state is drawn from `seed` with the Philox
/// initialisers every target shares, and `sections` (name, bytes) are added.
/// Errors are diagnostics on `module`, prefixed with `target`.
mlir::FailureOr<std::string>
writeBundle(mlir::ModuleOp module, const nlohmann::json &manifest, uint64_t seed,
            llvm::StringRef target,
            std::vector<std::pair<std::string, std::string>> sections = {});

/// An MLIR attribute as JSON (dictionaries, arrays, numbers, strings, bools).
nlohmann::json attributeToJson(mlir::Attribute attr);

} // namespace dlc

#endif // DLC_CODEGEN_COMMON_MANIFESTBUILDER_H
