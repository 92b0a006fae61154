// The list of code-generation targets this build of dlc offers, and what every
// target shares about its pipeline (see Target.h).
#include "codegen/Target.h"

#include "passes/PipelineRegistration.h"
#include "passes/TrainingPipeline.h"

#include "abi/Targets.h"

#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassOptions.h"
#include "llvm/Support/CommandLine.h"

#include <cassert>

using namespace mlir;

namespace dlc {

namespace {
/// Verifying the IR after each of the lowering stages' passes took a fifth
/// of babi_rnn's compile time (0.6 of 2.8 s); the stages' passes are
/// tested with verification on (dlc-opt, lit), so a compile verifies the
/// lowered module once unless asked.
llvm::cl::opt<bool> verifyEachLoweringPass(
    "dlc-verify-each",
    llvm::cl::desc("Verify the IR after every pass of a target's lowering stages "
                   "(default: once, after the last)"),
    llvm::cl::init(false));
} // namespace

std::unique_ptr<Target> createCpuRefTarget();
std::unique_ptr<Target> createCpuTarget();
#ifdef DLC_HAVE_CUDA_TARGETS
std::unique_ptr<Target> createCudaPtxTarget();
std::unique_ptr<Target> createCudaCudnnTarget();
std::unique_ptr<Target> createCudaTarget();
#endif

const std::vector<std::unique_ptr<Target>> &allTargets() {
  static const std::vector<std::unique_ptr<Target>> targets = [] {
    std::vector<std::unique_ptr<Target>> list;
    list.push_back(createCpuRefTarget());
    list.push_back(createCpuTarget());
#ifdef DLC_HAVE_CUDA_TARGETS
    list.push_back(createCudaPtxTarget());
    list.push_back(createCudaCudnnTarget());
    list.push_back(createCudaTarget());
#endif
    for (const auto &target : list)
      assert(abi::findTarget(target->name().str()) &&
             "every target is in the contract's list (abi/Targets.h)");
    return list;
  }();
  return targets;
}

const Target *lookupTarget(llvm::StringRef name) {
  for (const auto &target : allTargets())
    if (target->name() == name)
      return target.get();
  return nullptr;
}

void Target::buildTrainingStage(OpPassManager &pm, const PipelineOptions &options) const {
  TrainingPipelineOptions training;
  training.fusion = fuses() ? options.fusion : FusionSet::none();
  training.noDropout = options.noDropout;
  buildTrainingPipeline(pm, training);
}

const LoweringStage *Target::loweringStage(llvm::StringRef stageName) const {
  for (const LoweringStage &stage : loweringStages())
    if (stage.name == stageName)
      return &stage;
  return nullptr;
}

void Target::buildLoweringStages(OpPassManager &pm, const PipelineOptions &options,
                                 llvm::StringRef last) const {
  for (const LoweringStage &stage : loweringStages()) {
    stage.build(pm, options);
    if (stage.name == last)
      return;
  }
}

LogicalResult Target::lower(ModuleOp module, const PipelineOptions &options,
                            llvm::StringRef last) const {
  prepareContext(*module.getContext());
  PassManager pm(module.getContext());
  // Fails, changing nothing, when the tool registered no such options.
  (void)applyPassManagerCLOptions(pm);
  pm.enableVerifier(verifyEachLoweringPass);
  buildLoweringStages(pm, options, last);
  if (failed(pm.run(module)))
    return failure();
  // Without per-pass verification the lowered module is still verified,
  // once.
  return verifyEachLoweringPass ? success() : verify(module);
}

namespace {
struct TargetPipelineCLOptions : PassPipelineOptions<TargetPipelineCLOptions> {
  Option<std::string> fusion{*this, "fusion",
                             llvm::cl::desc("Fusion passes: all, none or a list"),
                             llvm::cl::init("all")};
  Option<bool> noDropout{*this, "no-dropout",
                         llvm::cl::desc("Remove @forward's dropout layers first"),
                         llvm::cl::init(false)};
  Option<std::string> gpuArch{*this, "gpu-arch",
                              llvm::cl::desc("GPU architecture of the CUDA targets' PTX"),
                              llvm::cl::init("sm_80")};
};
} // namespace

void registerTargetDialects(DialectRegistry &registry) {
  for (const auto &target : allTargets())
    target->registerDialects(registry);
}

void registerTargetPasses() {
  registerTrainingPipeline();
  for (const auto &target : allTargets()) {
    const Target *t = target.get();
    t->registerPasses();
    registerCheckedPipeline<TargetPipelineCLOptions>(
        "dlc-" + t->name().str() + "-pipeline",
        "The whole pipeline of one target: the training stage and every lowering stage",
        [t](OpPassManager &pm, const TargetPipelineCLOptions &cl, auto error) {
          auto fusion = FusionSet::parse(cl.fusion);
          if (!fusion)
            return error("dlc-" + t->name() + "-pipeline: " +
                         llvm::toString(fusion.takeError()));
          PipelineOptions options;
          options.fusion = *fusion;
          options.noDropout = cl.noDropout;
          options.gpuArch = cl.gpuArch;
          t->buildTrainingStage(pm, options);
          t->buildLoweringStages(pm, options);
          return success();
        });
  }
}

} // namespace dlc
