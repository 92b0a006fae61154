// The one small interface every code-generation target implements, and the
// list of targets the `dlc` driver offers (their names and what each needs
// come from the contract's list, abi/Targets.h).
//
// A target's whole pipeline is the shared training stage
// (dlc-training-pipeline, `--emit=train-mlir`), then the target's own
// lowering stages in order, each `--emit=NAME`-able, then its translations
// (text beyond MLIR, e.g. LLVM IR or assembly). `dlc-<target>-pipeline` is
// the training stage and every lowering stage, registered for dlc-opt;
// serialize() plans the bundle from the training stage's output and lowers a
// copy through the same stage builders.
#ifndef DLC_CODEGEN_TARGET_H
#define DLC_CODEGEN_TARGET_H

#include "passes/FusionPipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dlc {

struct SerializeOptions {
  uint64_t seed = 0;     ///< Philox seed of the initial weights
  std::string modelPath; ///< recorded in the manifest
  /// The CPU native code is generated for ("" = the host's, with its vector
  /// width); targets without native host code ignore it.
  std::string cpu;
  /// Where a report of the compilation goes (`dlc compile --report`: kernels,
  /// registers, shared memory, the path each op took), or null.
  llvm::raw_ostream *report = nullptr;
};

/// The user's choices about the training stage.
struct PipelineOptions {
  /// The fusion passes of a target that fuses (cpu-ref never fuses: the
  /// oracle runs the graph as imported).
  FusionSet fusion = FusionSet::all();
  /// Compile without the model's dropout layers (`--no-dropout`).
  bool noDropout = false;
  /// The GPU architecture of the CUDA targets' PTX (`--gpu-arch`).
  std::string gpuArch = "sm_80";
  /// A `dlc tune` cache whose measured layers override the default table of
  /// --target=cuda (`--tune-cache`; "" = none).
  std::string tuneCache;
};

/// One lowering stage of a target: a name (`--emit=NAME`) and the passes.
struct LoweringStage {
  llvm::StringRef name;
  llvm::StringRef summary;
  std::function<void(mlir::OpPassManager &, const PipelineOptions &)> build;
};

class Target {
public:
  virtual ~Target() = default;
  /// The --target name, e.g. "cpu-ref" (one of abi/Targets.h).
  virtual llvm::StringRef name() const = 0;
  /// "" when this target can compile with `options`, else what is wrong
  /// (e.g. a --gpu-arch the CUDA targets do not generate code for).
  virtual std::string checkOptions(const PipelineOptions &options) const { return ""; }
  /// Whether serialize writes SerializeOptions::report (`dlc compile --report`).
  virtual bool writesReport() const { return false; }
  /// Whether the training stage runs the fusion passes the user chose.
  virtual bool fuses() const { return true; }
  /// The target's lowering stages after the training stage, in order.
  virtual llvm::ArrayRef<LoweringStage> loweringStages() const { return {}; }
  /// What the target's dialects and interfaces need registered in `context`
  /// before its lowering stages run.
  virtual void prepareContext(mlir::MLIRContext &context) const {}
  /// Registers the target's own passes and stage pipelines (dlc-opt).
  virtual void registerPasses() const {}
  /// Adds the target's own dialects to `registry` (dlc-opt parses them).
  virtual void registerDialects(mlir::DialectRegistry &registry) const {}
  /// Text the target makes from the module after its last lowering stage
  /// (`--emit=NAME`), e.g. "llvm" or "asm"; none by default.
  virtual llvm::ArrayRef<llvm::StringRef> translations() const { return {}; }
  virtual mlir::FailureOr<std::string> translate(mlir::ModuleOp lowered, llvm::StringRef what,
                                                 const SerializeOptions &options) const {
    return lowered.emitError("target '") << name() << "' has no translation '" << what << "'";
  }
  /// The bundle's bytes (abi/BundleFormat.h) for `module`, the training
  /// stage's output, lowered with `pipeline`; reports errors as diagnostics
  /// on the module.
  virtual mlir::FailureOr<std::string> serialize(mlir::ModuleOp module,
                                                 const SerializeOptions &options,
                                                 const PipelineOptions &pipeline) const = 0;

  /// Checks the options serialize() and translate() will get (e.g. that
  /// SerializeOptions::cpu names a CPU the target compiles for), so a bad
  /// option is refused before any model is read; the reason goes to `errs`
  /// as "error: ...". Everything passes by default.
  virtual mlir::LogicalResult checkSerializeOptions(const SerializeOptions &options,
                                                    llvm::raw_ostream &errs) const {
    return mlir::success();
  }

  /// The training stage with this target's choices.
  void buildTrainingStage(mlir::OpPassManager &pm, const PipelineOptions &options) const;
  /// The lowering stages up to and including `last` ("" = all of them).
  void buildLoweringStages(mlir::OpPassManager &pm, const PipelineOptions &options,
                           llvm::StringRef last = "") const;
  /// Runs the lowering stages up to `last` on `module` (the training stage's
  /// output), with the command line's pass-manager options (--mlir-print-ir-*,
  /// --mlir-timing) when the tool registered them.
  mlir::LogicalResult lower(mlir::ModuleOp module, const PipelineOptions &options,
                            llvm::StringRef last = "") const;
  /// The stage called `name`, or null.
  const LoweringStage *loweringStage(llvm::StringRef name) const;
};

/// Every target this build of dlc has, in the order --help lists them.
const std::vector<std::unique_ptr<Target>> &allTargets();

/// The target called `name`, or null.
const Target *lookupTarget(llvm::StringRef name);

/// Adds every target's own dialects to `registry` (dlc-opt).
void registerTargetDialects(mlir::DialectRegistry &registry);

/// Registers every target's whole pipeline as `dlc-<name>-pipeline{fusion=LIST
/// no-dropout}` and the targets' own passes and stages (for dlc-opt).
void registerTargetPasses();

} // namespace dlc

#endif // DLC_CODEGEN_TARGET_H
