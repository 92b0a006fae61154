// libFuzzer target: arbitrary bytes into importKerasModelFromString; it must never crash, hang or leak.
#include "frontend/KerasImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A fresh context per input: a shared one would intern every fuzzed layer
  // name forever and read as a leak; threading off keeps runs deterministic.
  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  // Bad input is the common case: its diagnostics are expected, not printed.
  mlir::ScopedDiagnosticHandler swallow(
      &context, [](mlir::Diagnostic &) { return mlir::success(); });
  dlc::ImportOptions options;
  llvm::StringRef contents(reinterpret_cast<const char *>(data), size);
  (void)dlc::importKerasModelFromString(contents, "fuzz-input", context, options);
  return 0;
}
