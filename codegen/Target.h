// The one small interface every code-generation target implements, and the
// list of targets the `dlc` driver offers.
#ifndef DLC_CODEGEN_TARGET_H
#define DLC_CODEGEN_TARGET_H

#include "passes/FusionPipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include <cstdint>
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
};

/// Choices of the dlc-level part of a target's pipeline.
struct PipelineOptions {
  /// The fusion passes a target that fuses runs (cpu-ref never fuses: the
  /// oracle runs the graph as imported).
  FusionSet fusion = FusionSet::all();
};

class Target {
public:
  virtual ~Target() = default;
  /// The --target name, e.g. "cpu-ref".
  virtual llvm::StringRef name() const = 0;
  /// Adds the passes that turn a module with @forward into what serialize()
  /// consumes (training and inference functions, fusion, lowering).
  virtual void buildPipeline(mlir::OpPassManager &pm,
                             const PipelineOptions &options) const = 0;
  /// The bundle's bytes (abi/BundleFormat.h); reports errors as
  /// diagnostics on the module.
  virtual mlir::FailureOr<std::string>
  serialize(mlir::ModuleOp module, const SerializeOptions &options) const = 0;
  /// The intermediate stages after the target pipeline that `dlc compile
  /// --emit=STAGE` can print (e.g. "linalg", "llvm", "asm"); none by default.
  virtual llvm::ArrayRef<llvm::StringRef> stages() const { return {}; }
  /// The text of `stage` (one of stages()) for `module`, the output of
  /// buildPipeline; reports errors as diagnostics on the module.
  virtual mlir::FailureOr<std::string> emitStage(mlir::ModuleOp module,
                                                 llvm::StringRef stage,
                                                 const SerializeOptions &options) const {
    return module.emitError("target '") << name() << "' has no stage '" << stage << "'";
  }
};

/// Every target this build of dlc has, in the order --help lists them.
const std::vector<std::unique_ptr<Target>> &allTargets();

/// The target called `name`, or null.
const Target *lookupTarget(llvm::StringRef name);

} // namespace dlc

#endif // DLC_CODEGEN_TARGET_H
