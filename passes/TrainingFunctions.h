// Pieces the training passes share: reading @forward and its training settings,
// copying its body, and the loss.
#ifndef DLC_PASSES_TRAININGFUNCTIONS_H
#define DLC_PASSES_TRAININGFUNCTIONS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"

namespace dlc {

/// @forward's arguments by role and its single result.
struct ForwardSignature {
  mlir::func::FuncOp forward;
  llvm::SmallVector<unsigned> params; ///< argument numbers with dlc.param
  llvm::SmallVector<unsigned> inputs; ///< argument numbers with dlc.input
  mlir::RankedTensorType output;      ///< [N, classes] probabilities
  bool sparseLabels = false;          ///< loss is sparse_categorical_crossentropy
};

/// Finds @forward in `module` and checks what training needs: every argument
/// is a dlc.param or a dlc.input, one [N, C] float result, and a supported
/// loss in `dlc.training` (categorical cross-entropy when there is none).
/// Errors name the pass `passName`.
mlir::FailureOr<ForwardSignature> analyzeForward(mlir::ModuleOp module,
                                                 llvm::StringRef passName);

/// The labels' type: one-hot like the output, or [N] i32 for sparse labels.
mlir::RankedTensorType labelsType(const ForwardSignature &sig);

/// Copies @forward's body (without its return) to the builder's insertion
/// point with `map` holding its arguments; returns the copied result.
mlir::Value cloneForwardBody(mlir::OpBuilder &builder,
                             const ForwardSignature &sig, mlir::IRMapping &map);

/// Gives every dlc.dropout under `root` the training step `step`.
void setDropoutStep(mlir::Operation *root, mlir::Value step);

/// Removes every dlc.dropout under `root` (the identity at inference).
void stripDropout(mlir::Operation *root);

/// Copies @forward's argument attributes (dlc.param, dlc.init, dlc.input)
/// for argument `from` onto argument `to` of `func`.
void copyArgAttrs(const ForwardSignature &sig, unsigned from,
                  mlir::func::FuncOp func, unsigned to);

/// Rewrites every dlc.time_distributed under `root` as one batched
/// application of its body (the dlc-flatten-time-distributed rewrite).
mlir::LogicalResult flattenTimeDistributed(mlir::Operation *root);

} // namespace dlc

#endif // DLC_PASSES_TRAININGFUNCTIONS_H
