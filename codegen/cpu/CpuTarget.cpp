// The cpu target: the training and inference functions lowered through
// linalg to LLVM and compiled ahead of time into a shared library that the
// bundle carries (section "code.cpu"); the runtime dlopens it and calls one
// native entry per function over the same state and io regions as cpu-ref.
#include "codegen/Target.h"
#include "codegen/common/BufferPlan.h"
#include "codegen/common/ManifestBuilder.h"
#include "codegen/cpu/CpuPipeline.h"
#include "codegen/cpu/CpuTarget.h"
#include "codegen/cpu/NativeCode.h"
#include "codegen/cpu/SharedLibraryLinker.h"

#include "passes/TrainingPipeline.h"
#include "abi/NativeAbi.h"
#include "abi/Targets.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

using namespace mlir;
using nlohmann::json;

namespace dlc {
namespace {

/// The bundle's native section.
const std::string kCodeSection(abi::findTarget("cpu")->codeSection);

/// Replaces each function's op steps by one native call of `dlc_<name>`
/// over the function's arguments and results, and drops the arena
/// temporaries (the native code keeps its own): tensors are renumbered.
json nativeManifest(json m, ModuleOp module, const BufferPlan &plan) {
  std::vector<int> remap;
  m = compiledManifest(std::move(m), plan, trainingEntryFunctions(), remap);
  for (StringRef name : trainingEntryFunctions()) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    // ir_hash: two models with the same tensors (with and without dropout,
    // say) differ only in what their code computes.
    json step = {{"kind", "native"},
                 {"symbol", (abi::kEntryPrefix + name).str()},
                 {"ir_hash", irHash(func)},
                 {"in", json::array()},
                 {"out", json::array()}};
    for (BlockArgument arg : func.getArguments())
      step["in"].push_back(remap[plan.tensorOf(arg)]);
    for (Value v : func.getBody().front().getTerminator()->getOperands())
      step["out"].push_back(remap[plan.tensorOf(v)]);
    m["functions"][name.str()]["steps"] = json::array({std::move(step)});
  }
  return m;
}

class CpuTarget : public Target {
public:
  explicit CpuTarget(std::function<void(OpPassManager &)> linalgStage = nullptr) {
    stages_[0] = {"linalg", "linalg on tensors: loop order, row tiles, element-wise fusion",
                  [linalgStage](OpPassManager &pm, const PipelineOptions &) {
                    if (linalgStage)
                      linalgStage(pm);
                    else
                      cpu::buildToLinalgPipeline(pm);
                  }};
    stages_[1] = {"llvm-dialect", "MLIR's LLVM dialect: buffers, loops, OpenMP threads",
                  [](OpPassManager &pm, const PipelineOptions &) {
                    cpu::buildToLLVMPipeline(pm, cpu::parallelByDefault());
                  }};
  }

  StringRef name() const override { return "cpu"; }

  ArrayRef<LoweringStage> loweringStages() const override { return stages_; }

  void prepareContext(MLIRContext &context) const override {
    cpu::registerLoweringInterfaces(context);
  }

  void registerPasses() const override { cpu::registerCpuPasses(); }

  LogicalResult checkSerializeOptions(const SerializeOptions &options,
                                      llvm::raw_ostream &errs) const override {
    auto machine = cpu::createTargetMachine(options.cpu);
    if (machine)
      return success();
    errs << "error: " << llvm::toString(machine.takeError()) << "\n";
    return failure();
  }

  ArrayRef<StringRef> translations() const override {
    static const StringRef names[] = {"llvm", "asm"};
    return names;
  }

  /// LLVM IR after -O3, or the machine code as assembly, of the module the
  /// lowering stages made.
  FailureOr<std::string> translate(ModuleOp lowered, StringRef what,
                                   const SerializeOptions &options) const override {
    if (!llvm::is_contained(translations(), what))
      return Target::translate(lowered, what, options);
    llvm::LLVMContext context;
    auto machine = cpu::createTargetMachine(options.cpu);
    if (!machine)
      return lowered.emitError(llvm::toString(machine.takeError()));
    auto llvmModule =
        cpu::translateToLLVMIR(lowered, context, **machine, trainingEntryFunctions());
    if (!llvmModule)
      return lowered.emitError(llvm::toString(llvmModule.takeError()));
    cpu::optimize(**llvmModule, **machine);
    if (what == "llvm") {
      std::string text;
      llvm::raw_string_ostream os(text);
      (*llvmModule)->print(os, nullptr);
      return text;
    }
    auto assembly = cpu::emitMachineCode(**llvmModule, **machine, /*assembly=*/true);
    if (!assembly)
      return lowered.emitError(llvm::toString(assembly.takeError()));
    return std::move(*assembly);
  }

  FailureOr<std::string> serialize(ModuleOp module, const SerializeOptions &options,
                                   const PipelineOptions &pipeline) const override {
    auto plan = BufferPlan::build(module, trainingEntryFunctions());
    if (failed(plan))
      return failure();
    auto manifest = buildManifest(module, *plan, trainingEntryFunctions(), name(),
                                  forwardBatchSize(module), options.seed, options.modelPath);
    if (failed(manifest))
      return failure();
    json m = nativeManifest(std::move(*manifest), module, *plan);
    m["native"] = {{"abi_version", abi::kNativeAbiVersion},
                   {"section", kCodeSection},
                   {"threads", cpu::parallelByDefault() ? "openmp" : "single"}};

    // Native code: a copy of the module through the lowering stages.
    OwningOpRef<ModuleOp> copy = cast<ModuleOp>(module->clone());
    if (failed(lower(*copy, pipeline)))
      return failure();
    // The messages of the code's run-time checks, by error code.
    json errors = json::array();
    if (auto messages = (*copy)->getAttrOfType<ArrayAttr>("dlc.error_messages"))
      for (Attribute message : messages)
        errors.push_back(cast<StringAttr>(message).str());
    m["native"]["errors"] = std::move(errors);
    auto machine = cpu::createTargetMachine(options.cpu);
    if (!machine)
      return module.emitError(llvm::toString(machine.takeError()));
    m["native"]["cpu"] = (*machine)->getTargetCPU().str();
    // The instruction-set extensions the code may use, which the runtime
    // checks against the machine it runs on (code for AVX-512 on an AVX2
    // machine would die of SIGILL).
    json features = json::array();
    const llvm::MCSubtargetInfo *subtarget = (*machine)->getMCSubtargetInfo();
    for (const llvm::SubtargetFeatureKV &kv : subtarget->getAllProcessorFeatures())
      if (subtarget->getFeatureBits().test(kv.Value))
        features.push_back(kv.Key);
    m["native"]["features"] = std::move(features);
    m["native"]["triple"] = (*machine)->getTargetTriple().str();
    // One object per entry function, compiled on parallel threads.
    auto objects = cpu::compileObjects(*copy, options.cpu);
    if (!objects)
      return module.emitError(llvm::toString(objects.takeError()));
    auto library = cpu::linkSharedLibrary(*objects, cpu::parallelByDefault());
    if (!library)
      return module.emitError(llvm::toString(library.takeError()));

    auto state = initialState(module, *plan, options.seed);
    if (failed(state))
      return failure();
    return writeBundle(module, m, *state, name(), {{kCodeSection, std::move(*library)}});
  }

private:
  LoweringStage stages_[2];
};
} // namespace

std::unique_ptr<Target> createCpuTarget() { return std::make_unique<CpuTarget>(); }

std::unique_ptr<Target>
createCpuTargetWithLinalgStage(std::function<void(OpPassManager &)> linalgStage) {
  return std::make_unique<CpuTarget>(std::move(linalgStage));
}

} // namespace dlc
