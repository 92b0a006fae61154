// dlc-opt: mlir-opt with the dlc dialect, every dlc pass and every target's
// registered pipeline (dlc-training-pipeline, dlc-<target>-pipeline and the
// targets' stages), the driver of the lit tests.
#include "codegen/Target.h"
#include "ir/DlcOps.h"
#include "passes/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  // Upstream's passes too, so a lit test can continue a dlc stage with them.
  mlir::registerAllPasses();
  dlc::registerDlcPasses();
  dlc::registerTargetPasses();
  mlir::DialectRegistry registry;
  registry.insert<dlc::DlcDialect>();
  dlc::registerTargetDialects(registry);
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "dlc optimizer driver\n", registry));
}
