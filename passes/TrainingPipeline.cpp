// The graph stage every target starts with (see TrainingPipeline.h).
#include "passes/TrainingPipeline.h"
#include "passes/Passes.h"
#include "passes/PipelineRegistration.h"

#include "mlir/Pass/PassOptions.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace dlc {

void buildTrainingPipeline(OpPassManager &pm, const TrainingPipelineOptions &options) {
  pm.addPass(createCanonicalizerPass());
  // Only @forward exists yet: stripping every function strips @forward.
  if (options.noDropout)
    pm.addNestedPass<func::FuncOp>(createDlcStripDropout());
  pm.addPass(createDlcBuildTrainStep());
  pm.addPass(createDlcBuildInference());
  addFusionPasses(pm, options.fusion);
}

llvm::ArrayRef<llvm::StringRef> trainingEntryFunctions() {
  static const llvm::StringRef names[] = {"train_step", "eval_step", "predict"};
  return names;
}

namespace {
struct TrainingPipelineCLOptions : PassPipelineOptions<TrainingPipelineCLOptions> {
  Option<std::string> fusion{*this, "fusion",
                             llvm::cl::desc("all, none or a comma-separated list of "
                                            "dense-bias-act, conv-bias-act, lstm-step, "
                                            "optimizer-update"),
                             llvm::cl::init("all")};
  Option<bool> noDropout{*this, "no-dropout",
                         llvm::cl::desc("Remove @forward's dropout layers first"),
                         llvm::cl::init(false)};
};
} // namespace

void registerTrainingPipeline() {
  registerCheckedPipeline<TrainingPipelineCLOptions>(
      "dlc-training-pipeline",
      "The graph stage of every target: @train_step, @eval_step and @predict from "
      "@forward, fused",
      [](OpPassManager &pm, const TrainingPipelineCLOptions &cl, auto error) {
        TrainingPipelineOptions options;
        options.noDropout = cl.noDropout;
        auto fusion = FusionSet::parse(cl.fusion);
        if (!fusion)
          return error("dlc-training-pipeline: " + llvm::toString(fusion.takeError()));
        options.fusion = *fusion;
        buildTrainingPipeline(pm, options);
        return success();
      });
}

} // namespace dlc
