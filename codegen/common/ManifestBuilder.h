// Builds a bundle (abi/BundleFormat.h, abi/ManifestSchema.h) from planned dlc
// functions: the manifest every target shares (tensors, regions, one step per
// op), the initial state and the container.
#ifndef DLC_CODEGEN_COMMON_MANIFESTBUILDER_H
#define DLC_CODEGEN_COMMON_MANIFESTBUILDER_H

#include "codegen/common/BufferPlan.h"

#include "abi/BundleContainer.h"

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

/// The manifest of a target whose code keeps its own temporaries (it is
/// compiled per function): the arena tensors dropped, the others renumbered
/// (`remap[old]` = new index, -1 for a dropped one), every function's steps
/// cleared for the target to fill.
nlohmann::json compiledManifest(nlohmann::json manifest, const BufferPlan &plan,
                                llvm::ArrayRef<llvm::StringRef> functions,
                                std::vector<int> &remap);

/// A hash of `func`'s dlc IR (xxh3, hex): what compiled code computes, so that
/// two models with the same tensors (with and without dropout, say) are told
/// apart by their manifests, and their checkpoints with them.
std::string irHash(mlir::func::FuncOp func);

/// The batch size of the module's @forward result (0 without @forward).
int64_t forwardBatchSize(mlir::ModuleOp module);

/// The initial state region of `plan` for `seed`: every parameter drawn with
/// the contract's initialisers (abi/Initializers.h) from its dlc.init spec,
/// parameter #p from Philox stream Init | p, every other byte zero.
mlir::FailureOr<std::string> initialState(mlir::ModuleOp module, const BufferPlan &plan,
                                          uint64_t seed);

/// The bundle container of a finished manifest, its initial state and the
/// target's `sections`. Errors are diagnostics on `module`, prefixed with
/// `target`. (`dlc` validates every bundle it writes with the runtime's own
/// reader.)
mlir::FailureOr<std::string> writeBundle(mlir::ModuleOp module, const nlohmann::json &manifest,
                                         std::string_view state, llvm::StringRef target,
                                         const std::vector<abi::Section> &sections = {});

/// An MLIR attribute as JSON (dictionaries, arrays, numbers, strings, bools).
nlohmann::json attributeToJson(mlir::Attribute attr);

} // namespace dlc

#endif // DLC_CODEGEN_COMMON_MANIFESTBUILDER_H
