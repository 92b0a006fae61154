// The graph stage every target starts with, registered as
// `dlc-training-pipeline`: from the imported @forward to the functions a
// bundle exports (@train_step, @eval_step, @predict), fused as the target
// asks. What `dlc compile --emit=train-mlir` prints.
#ifndef DLC_PASSES_TRAININGPIPELINE_H
#define DLC_PASSES_TRAININGPIPELINE_H

#include "passes/FusionPipeline.h"

#include "mlir/Pass/PassManager.h"

namespace dlc {

struct TrainingPipelineOptions {
  /// The fusion passes to run (the default: every one).
  FusionSet fusion = FusionSet::all();
  /// Remove every dlc.dropout of @forward first (dlc-strip-dropout), so
  /// train_step applies none: for step-by-step comparisons with other
  /// frameworks (`--no-dropout`).
  bool noDropout = false;
};

/// canonicalize, [dlc-strip-dropout,] dlc-build-train-step,
/// dlc-build-inference, then the fusion passes of `options`.
void buildTrainingPipeline(mlir::OpPassManager &pm, const TrainingPipelineOptions &options);

/// The functions the training pipeline produces and a bundle exports, in the
/// order of their native entry points.
llvm::ArrayRef<llvm::StringRef> trainingEntryFunctions();

/// Registers `dlc-training-pipeline{fusion=LIST no-dropout}` for dlc-opt.
void registerTrainingPipeline();

} // namespace dlc

#endif // DLC_PASSES_TRAININGPIPELINE_H
