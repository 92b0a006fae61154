// Prints MLIR diagnostics as `file:line:col: error: message` (see DiagnosticPrinter.h).
#include "tools/dlc/DiagnosticPrinter.h"

#include "mlir/IR/Location.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace dlc::tool {
namespace {
/// The first file location inside `loc` (through names, call sites, fusions).
std::optional<FileLineColLoc> fileLocation(Location loc) {
  std::optional<FileLineColLoc> found;
  loc->walk([&](Location l) {
    if (auto f = dyn_cast<FileLineColLoc>(l)) {
      found = f;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return found;
}

const char *severityName(DiagnosticSeverity s) {
  switch (s) {
  case DiagnosticSeverity::Error:
    return "error";
  case DiagnosticSeverity::Warning:
    return "warning";
  case DiagnosticSeverity::Note:
    return "note";
  case DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

void print(llvm::raw_ostream &os, Location loc, DiagnosticSeverity severity,
           const Diagnostic &diag) {
  if (auto f = fileLocation(loc))
    os << f->getFilename().getValue() << ":" << f->getLine() << ":"
       << f->getColumn() << ": ";
  else
    os << "dlc: ";
  os << severityName(severity) << ": " << diag << "\n";
}
} // namespace

DiagnosticPrinter::DiagnosticPrinter(MLIRContext &context)
    : handler(&context, [](Diagnostic &diag) {
        print(llvm::errs(), diag.getLocation(), diag.getSeverity(), diag);
        for (const Diagnostic &note : diag.getNotes())
          print(llvm::errs(), note.getLocation(), note.getSeverity(), note);
        llvm::errs().flush();
        return success();
      }) {}

} // namespace dlc::tool
