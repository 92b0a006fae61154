// The cpu target: the training and inference functions lowered through
// linalg to LLVM and compiled ahead of time into a shared library that the
// bundle carries (section "code.cpu"); the runtime dlopens it and calls one
// native entry per function over the same state and io regions as cpu-ref.
#include "codegen/Target.h"
#include "codegen/common/BufferPlan.h"
#include "codegen/common/ManifestBuilder.h"
#include "codegen/cpu/CpuPipeline.h"
#include "codegen/cpu/NativeCode.h"
#include "codegen/cpu/SharedLibraryLinker.h"

#include "passes/Passes.h"
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
  std::vector<int> remap(plan.tensors().size(), -1);
  json tensors = json::array();
  for (size_t i = 0; i < plan.tensors().size(); ++i) {
    if (plan.tensors()[i].region == abi::Region::Arena)
      continue;
    remap[i] = int(tensors.size());
    tensors.push_back(m["tensors"][i]);
  }
  m["tensors"] = std::move(tensors);
  m["regions"]["arena"] = 0;
  for (StringRef name : cpu::entryFunctions()) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    json &f = m["functions"][name.str()];
    for (auto &index : f["inputs"])
      index = remap[index.get<size_t>()];
    for (auto &index : f["outputs"])
      index = remap[index.get<size_t>()];
    // The function's dlc IR identifies what the native code computes (two
    // models with the same tensors, e.g. with and without dropout, differ
    // only there), so checkpoints and bundles of one are refused by the other.
    std::string ir;
    llvm::raw_string_ostream os(ir);
    func->print(os, OpPrintingFlags().printGenericOpForm());
    json step = {{"kind", "native"},
                 {"symbol", (abi::kEntryPrefix + name).str()},
                 {"ir_hash", llvm::utohexstr(llvm::xxh3_64bits(ir))},
                 {"in", json::array()},
                 {"out", json::array()}};
    for (BlockArgument arg : func.getArguments())
      step["in"].push_back(remap[plan.tensorOf(arg)]);
    for (Value v : func.getBody().front().getTerminator()->getOperands())
      step["out"].push_back(remap[plan.tensorOf(v)]);
    f["steps"] = json::array({std::move(step)});
  }
  return m;
}

class CpuTarget : public Target {
public:
  StringRef name() const override { return "cpu"; }

  void buildPipeline(OpPassManager &pm, const PipelineOptions &options) const override {
    pm.addPass(createDlcBuildTrainStep());
    pm.addPass(createDlcBuildInference());
    addFusionPasses(pm, options.fusion);
  }

  ArrayRef<StringRef> stages() const override {
    static const StringRef names[] = {"linalg", "llvm-dialect", "llvm", "asm"};
    return names;
  }

  FailureOr<std::string> emitStage(ModuleOp module, StringRef stage,
                                   const SerializeOptions &options) const override {
    if (!llvm::is_contained(stages(), stage))
      return Target::emitStage(module, stage, options);
    OwningOpRef<ModuleOp> copy = cast<ModuleOp>(module->clone());
    if (failed(lowerToLinalg(*copy)))
      return failure();
    if (stage != "linalg" && failed(lowerToLLVMDialect(*copy)))
      return failure();
    if (stage == "linalg" || stage == "llvm-dialect") {
      std::string text;
      llvm::raw_string_ostream os(text);
      copy->print(os);
      return text;
    }
    llvm::LLVMContext context;
    auto machine = createMachine(module, options);
    if (failed(machine))
      return failure();
    auto llvmModule = translate(module, *copy, context, **machine);
    if (failed(llvmModule))
      return failure();
    cpu::optimize(**llvmModule, **machine);
    if (stage == "llvm") {
      std::string text;
      llvm::raw_string_ostream os(text);
      (*llvmModule)->print(os, nullptr);
      return text;
    }
    auto assembly = cpu::emitMachineCode(**llvmModule, **machine, /*assembly=*/true);
    if (!assembly)
      return module.emitError(llvm::toString(assembly.takeError()));
    return std::move(*assembly);
  }

  FailureOr<std::string> serialize(ModuleOp module,
                                   const SerializeOptions &options) const override {
    auto plan = BufferPlan::build(module, cpu::entryFunctions());
    if (failed(plan))
      return failure();
    auto manifest = buildManifest(module, *plan, cpu::entryFunctions(), name(),
                                  forwardBatchSize(module),
                                  options.seed, options.modelPath);
    if (failed(manifest))
      return failure();
    json m = nativeManifest(std::move(*manifest), module, *plan);
    m["native"] = {{"abi_version", abi::kNativeAbiVersion},
                   {"section", kCodeSection},
                   {"threads", parallel() ? "openmp" : "single"}};

    // Native code.
    OwningOpRef<ModuleOp> copy = cast<ModuleOp>(module->clone());
    if (failed(lowerToLinalg(*copy)) || failed(lowerToLLVMDialect(*copy)))
      return failure();
    auto machine = createMachine(module, options);
    if (failed(machine))
      return failure();
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
    auto library = cpu::linkSharedLibrary(*objects, parallel());
    if (!library)
      return module.emitError(llvm::toString(library.takeError()));

    auto state = initialState(module, *plan, options.seed);
    if (failed(state))
      return failure();
    return writeBundle(module, m, *state, name(), {{kCodeSection, std::move(*library)}});
  }

private:
  /// Parallel loops over OpenMP threads when the build has the runtime.
  static bool parallel() { return !cpu::openMPLibrary().empty(); }

  static LogicalResult runPasses(ModuleOp module,
                                 llvm::function_ref<void(OpPassManager &)> add) {
    cpu::registerLoweringInterfaces(*module.getContext());
    PassManager pm(module.getContext());
    // The command line's --mlir-print-ir-*, ... see the lowering too when
    // the tool registered them (it fails, changing nothing, when not).
    (void)applyPassManagerCLOptions(pm);
    add(pm);
    return pm.run(module);
  }
  static LogicalResult lowerToLinalg(ModuleOp module) {
    return runPasses(module, [](OpPassManager &pm) { cpu::addLinalgPasses(pm); });
  }
  static LogicalResult lowerToLLVMDialect(ModuleOp module) {
    return runPasses(module, [](OpPassManager &pm) {
      cpu::addLLVMDialectPasses(pm, parallel());
    });
  }
  static FailureOr<std::unique_ptr<llvm::TargetMachine>>
  createMachine(ModuleOp module, const SerializeOptions &options) {
    auto machine = cpu::createTargetMachine(options.cpu);
    if (!machine)
      return module.emitError(llvm::toString(machine.takeError()));
    return std::move(*machine);
  }
  static FailureOr<std::unique_ptr<llvm::Module>>
  translate(ModuleOp module, ModuleOp lowered, llvm::LLVMContext &context,
            llvm::TargetMachine &machine) {
    auto llvmModule = cpu::translateToLLVMIR(lowered, context, machine, cpu::entryFunctions());
    if (!llvmModule)
      return module.emitError(llvm::toString(llvmModule.takeError()));
    return std::move(*llvmModule);
  }
};
} // namespace

std::unique_ptr<Target> createCpuTarget() { return std::make_unique<CpuTarget>(); }

} // namespace dlc
