// Compiling a Keras model file to a target's bundle: what `dlc compile` and
// `dlc train MODEL` share.
#ifndef DLC_TOOLS_DLC_COMPILEMODEL_H
#define DLC_TOOLS_DLC_COMPILEMODEL_H

#include "codegen/Target.h"

#include "mlir/IR/MLIRContext.h"

#include <cstdint>
#include <functional>
#include <map>
#include <vector>
#include <optional>
#include <string>

namespace dlc::tool {

/// A context with every dialect the driver uses loaded.
std::unique_ptr<mlir::MLIRContext> createContext();

/// The target named `name`, or an error listing this build's targets.
const Target *findTarget(llvm::StringRef name, llvm::raw_ostream &errs);

/// What `dlc compile`, `dlc train MODEL` and `dlc bench` choose about a
/// compilation.
struct CompileOptions {
  int64_t batchSize = 0; ///< 0 = the model file's
  uint64_t seed = 0;     ///< Philox seed of the initial weights
  /// name[:task[:variant]] replacing the model's `dlc.training.dataset`
  /// (fashion_mnist for a model written for mnist; the data must fit the
  /// model, which dlc train checks); "" keeps it.
  std::string dataset;
  std::string cpu; ///< SerializeOptions::cpu ("" = this machine's)
  PipelineOptions pipeline; ///< fusion, --no-dropout, --gpu-arch
  llvm::raw_ostream *report = nullptr; ///< SerializeOptions::report
  /// --input-shape: sizes for the dimensions the model file leaves open.
  std::map<std::string, std::vector<int64_t>> inputShapes;
  /// Called on the imported model (its dataset overridden) before the
  /// compilation proper: a failure (its error already printed) stops there,
  /// e.g. when the model does not fit the data it is about to train on.
  std::function<mlir::LogicalResult(mlir::ModuleOp)> checkImported;
};

/// The option text of `--fusion` (one for every command that compiles).
extern const char *const kFusionHelp;
/// The option text of `--target`: this build's targets and what each is.
std::string targetHelp();
/// The option text of `--gpu-arch`.
extern const char *const kGpuArchHelp;
/// The option text of `--report`.
extern const char *const kReportHelp;

/// Checks the choices only some targets take, before any work: --gpu-arch
/// (a CUDA target, a chip it generates code for) and --report (a target that
/// writes one). Prints the error and returns false.
bool checkTargetChoices(const Target &target, const PipelineOptions &pipeline,
                        bool gpuArchGiven, bool reportGiven, llvm::raw_ostream &errs);

/// PipelineOptions with `--fusion=spec`; prints the error and returns
/// nullopt for an unknown fusion name.
std::optional<PipelineOptions> parsePipelineOptions(llvm::StringRef fusionSpec,
                                                    llvm::raw_ostream &errs);

/// The option text of `--input-shape`.
extern const char *const kInputShapeHelp;

/// Parses `--input-shape` values: NAME=D1xD2... (or D1xD2... for a model with
/// one input), into `shapes`; prints the error and returns false.
bool parseInputShapes(const std::vector<std::string> &specs,
                      std::map<std::string, std::vector<int64_t>> &shapes,
                      llvm::raw_ostream &errs);

/// Runs the import clean-up (canonicalize) or, when `target` is set, its
/// training stage and its lowering stages up to `lastStage` ("" = none) on
/// `module`, with the pass-manager and timing options of the command line.
mlir::LogicalResult runPipeline(mlir::ModuleOp module, const Target *target,
                                const PipelineOptions &pipeline = {},
                                llvm::StringRef lastStage = "");

/// Replaces the module's `dlc.training.dataset` by `spec` = name[:task[:variant]]
/// (bAbI: `babi:qa1:en-10k`), keeping the keys the spec does not name.
mlir::LogicalResult overrideDataset(mlir::ModuleOp module, llvm::StringRef spec);

/// Imports `modelPath`, runs runPipeline and serialises `target`'s bundle.
/// Diagnostics go to `context`'s handler.
mlir::FailureOr<std::string> compileToBundle(mlir::MLIRContext &context,
                                             llvm::StringRef modelPath,
                                             const Target &target,
                                             const CompileOptions &options);

} // namespace dlc::tool

#endif // DLC_TOOLS_DLC_COMPILEMODEL_H
