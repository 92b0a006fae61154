// The cpu-ref target: every op runs as a call of its reference kernel in the runtime;
// the bundle holds the manifest (steps over a planned arena) and the initial state.
#include "codegen/Target.h"
#include "codegen/common/BufferPlan.h"
#include "codegen/common/ManifestBuilder.h"

#include "passes/Passes.h"
#include "runtime/bundle/BundleWriter.h"
#include "runtime/bundle/Manifest.h"
#include "runtime/init/Initializers.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;

namespace dlc {
namespace {
const StringRef kFunctions[] = {"train_step", "eval_step", "predict"};

class CpuRefTarget : public Target {
public:
  StringRef name() const override { return "cpu-ref"; }

  void buildPipeline(OpPassManager &pm) const override {
    pm.addPass(createDlcBuildTrainStep());
    pm.addPass(createDlcBuildInference());
  }

  FailureOr<std::string> serialize(ModuleOp module,
                                   const SerializeOptions &options) const override {
    auto plan = BufferPlan::build(module, kFunctions);
    if (failed(plan))
      return failure();
    auto forward = module.lookupSymbol<func::FuncOp>("forward");
    int64_t batch = forward ? cast<RankedTensorType>(forward.getResultTypes()[0])
                                  .getDimSize(0)
                            : 0;
    auto manifest = buildManifest(module, *plan, kFunctions, name(), batch,
                                  options.seed, options.modelPath);
    if (failed(manifest))
      return failure();
    std::string text = manifest->dump(1);
    // The runtime's own reader checks what it will load; the initial state
    // comes from the same Philox initialisers every target uses.
    auto parsed = rt::bundle::parseManifest(text);
    if (!parsed.ok())
      return module.emitError("cpu-ref: the manifest does not validate: ")
             << parsed.status().message();
    auto state = rt::init::initialStateBytes(*parsed, options.seed);
    if (!state.ok())
      return module.emitError("cpu-ref: initial state: ")
             << state.status().message();
    rt::bundle::BundleWriter writer;
    writer.setManifest(std::move(text));
    writer.setState(std::move(*state));
    auto bytes = writer.serialize();
    if (!bytes.ok())
      return module.emitError("cpu-ref: ") << bytes.status().message();
    return std::move(*bytes);
  }
};
} // namespace

std::unique_ptr<Target> createCpuRefTarget() {
  return std::make_unique<CpuRefTarget>();
}

} // namespace dlc
