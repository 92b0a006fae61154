// Prints MLIR diagnostics as compilers do: `file:line:col: error: message`.
#ifndef DLC_TOOLS_DLC_DIAGNOSTICPRINTER_H
#define DLC_TOOLS_DLC_DIAGNOSTICPRINTER_H

#include "mlir/IR/Diagnostics.h"

namespace dlc::tool {

/// While alive, every diagnostic of `context` goes to stderr as
/// `file:line:col: error: message` (the innermost file location of the
/// diagnostic's location; `dlc: error: message` when it has none), followed
/// by its notes.
class DiagnosticPrinter {
public:
  explicit DiagnosticPrinter(mlir::MLIRContext &context);

private:
  mlir::ScopedDiagnosticHandler handler;
};

} // namespace dlc::tool

#endif // DLC_TOOLS_DLC_DIAGNOSTICPRINTER_H
