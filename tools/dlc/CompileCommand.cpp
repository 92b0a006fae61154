// `dlc compile MODEL`: import a Keras model file, run the compile pipeline, emit a stage.
#include "tools/dlc/Commands.h"
#include "tools/dlc/DiagnosticPrinter.h"
#include "tools/dlc/ModelSummary.h"

#include "frontend/KerasImporter.h"
#include "ir/DlcOps.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
namespace cl = llvm::cl;

namespace dlc::tool {
namespace {
enum class Emit { Mlir, Summary };

cl::OptionCategory compileCategory("dlc compile options");

cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                               cl::desc("<model file: .yaml, .json, .keras>"),
                               cl::cat(compileCategory));
cl::opt<Emit> emit(
    "emit", cl::desc("What to produce"), cl::init(Emit::Mlir),
    cl::values(clEnumValN(Emit::Mlir, "mlir",
                          "the model as dlc dialect IR (forward function)"),
               clEnumValN(Emit::Summary, "summary",
                          "a Keras-style table of layers, shapes and "
                          "parameter counts")),
    cl::cat(compileCategory));
cl::opt<std::string> outputPath("o", cl::desc("Output file (default: stdout)"),
                                cl::value_desc("file"), cl::init("-"),
                                cl::cat(compileCategory));
cl::opt<int64_t> batchSize(
    "batch-size",
    cl::desc("Batch size of the compiled functions (default: the model "
             "file's dlc.batch_size, else 1)"),
    cl::init(0), cl::cat(compileCategory));
} // namespace

int runCompile(int argc, char **argv) {
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  cl::HideUnrelatedOptions({&compileCategory, &cl::getGeneralCategory()});
  cl::ParseCommandLineOptions(
      argc, argv,
      "Compile a Keras model file (Keras 1/2 to_yaml/to_json, Keras 3 "
      "config.json or .keras).\n\nExample: dlc compile models/mnist_mlp.yaml "
      "--emit=mlir\n\nThe MLIR pass-manager options (--mlir-print-ir-after-all, "
      "--mlir-timing, ...) are accepted too; --help-hidden lists them.\n");
  if (batchSize < 0) {
    llvm::errs() << "dlc compile: error: --batch-size must be positive, got "
                 << batchSize << "\n";
    return 1;
  }

  DialectRegistry registry;
  registry.insert<DlcDialect, func::FuncDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  DiagnosticPrinter diagnostics(context);

  ImportOptions options;
  options.batchSize = batchSize;
  OwningOpRef<ModuleOp> module = importKerasModel(modelPath, context, options);
  if (!module)
    return 1;

  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  PassManager pm(&context);
  if (failed(applyPassManagerCLOptions(pm)))
    return 1;
  TimingScope timingScope = timing.getRootScope();
  pm.enableTiming(timingScope);
  // The import clean-up; later issues grow this into the compile pipeline.
  pm.addPass(createCanonicalizerPass());
  if (failed(pm.run(*module)))
    return 1;

  std::string error;
  auto output = openOutputFile(outputPath, &error);
  if (!output) {
    llvm::errs() << "dlc compile: error: " << error << "\n";
    return 1;
  }
  if (emit == Emit::Summary) {
    if (failed(printModelSummary(*module, output->os())))
      return 1;
  } else {
    module->print(output->os(), OpPrintingFlags());
    output->os() << "\n";
  }
  output->keep();
  return 0;
}

} // namespace dlc::tool
