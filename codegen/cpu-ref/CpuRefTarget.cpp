// The cpu-ref target: every op runs as a call of its reference kernel in the runtime;
// the bundle holds the manifest (steps over a planned arena) and the initial state.
#include "codegen/Target.h"
#include "codegen/common/BufferPlan.h"
#include "codegen/common/ManifestBuilder.h"

#include "passes/TrainingPipeline.h"

using namespace mlir;

namespace dlc {
namespace {

class CpuRefTarget : public Target {
public:
  StringRef name() const override { return "cpu-ref"; }

  /// No fusion: the oracle runs the graph as imported. No lowering either:
  /// each op is a call of its reference kernel.
  bool fuses() const override { return false; }

  FailureOr<std::string> serialize(ModuleOp module, const SerializeOptions &options,
                                   const PipelineOptions &) const override {
    auto plan = BufferPlan::build(module, trainingEntryFunctions());
    if (failed(plan))
      return failure();
    auto manifest = buildManifest(module, *plan, trainingEntryFunctions(), name(),
                                  forwardBatchSize(module), options.seed, options.modelPath);
    if (failed(manifest))
      return failure();
    auto state = initialState(module, *plan, options.seed);
    if (failed(state))
      return failure();
    return writeBundle(module, *manifest, *state, name());
  }
};
} // namespace

std::unique_ptr<Target> createCpuRefTarget() {
  return std::make_unique<CpuRefTarget>();
}

} // namespace dlc
