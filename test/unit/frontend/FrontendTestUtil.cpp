// Shared helpers of the frontend tests: import with captured diagnostics, and read back @forward.
#include "FrontendTestUtil.h"

#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "ir/DlcOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace dlc::test {

std::string sourcePath(const std::string &relative) {
  return std::string(DLC_SOURCE_DIR) + "/" + relative;
}

std::string ImportResult::text() const {
  std::string out;
  for (const std::string &d : diagnostics)
    out += d + "\n";
  return out;
}

namespace {
std::string stripSourceDir(std::string file) {
  std::string prefix = std::string(DLC_SOURCE_DIR) + "/";
  if (file.rfind(prefix, 0) == 0)
    file = file.substr(prefix.size());
  return file;
}

/// Collects diagnostics instead of printing them.
struct Capture {
  Capture(MLIRContext &context, std::vector<std::string> &out)
      : handler(&context, [&out](Diagnostic &diag) {
          const char *sev = diag.getSeverity() == DiagnosticSeverity::Error
                                ? "error"
                                : diag.getSeverity() == DiagnosticSeverity::Warning
                                      ? "warning"
                                      : "note";
          out.push_back(locText(diag.getLocation()) + ": " + sev + ": " + diag.str());
          return success();
        }) {}
  ScopedDiagnosticHandler handler;
};
} // namespace

std::string locText(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return locText(name.getChildLoc());
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    return stripSourceDir(file.getFilename().str()) + ":" +
           std::to_string(file.getLine()) + ":" + std::to_string(file.getColumn());
  std::string s;
  llvm::raw_string_ostream(s) << loc;
  return s;
}

ImportResult FrontendTest::importFile(const std::string &relative,
                                      int64_t batchSize) {
  ImportResult r;
  Capture capture(context, r.diagnostics);
  ImportOptions options;
  options.batchSize = batchSize;
  r.module = importKerasModel(sourcePath(relative), context, options);
  return r;
}

ImportResult FrontendTest::importText(const std::string &text,
                                      const std::string &name,
                                      int64_t batchSize) {
  ImportOptions options;
  options.batchSize = batchSize;
  return importText(text, name, options);
}

ImportResult FrontendTest::importText(const std::string &text, const std::string &name,
                                      const ImportOptions &options) {
  ImportResult r;
  Capture capture(context, r.diagnostics);
  r.module = importKerasModelFromString(text, name, context, options);
  return r;
}

func::FuncOp forward(ModuleOp module) {
  return module.lookupSymbol<func::FuncOp>("forward");
}

std::vector<int64_t> shapeOf(Type type) {
  auto t = cast<RankedTensorType>(type);
  return std::vector<int64_t>(t.getShape().begin(), t.getShape().end());
}

int64_t paramCount(ModuleOp module) {
  func::FuncOp f = forward(module);
  int64_t n = 0;
  for (unsigned i = 0; i < f.getNumArguments(); ++i)
    if (f.getArgAttr(i, "dlc.param"))
      n += cast<RankedTensorType>(f.getArgument(i).getType()).getNumElements();
  return n;
}

std::vector<int64_t> resultShape(ModuleOp module, unsigned index) {
  return shapeOf(forward(module).getFunctionType().getResult(index));
}

std::vector<std::string> opNames(ModuleOp module) {
  std::vector<std::string> names;
  for (Operation &op : forward(module).getBody().front())
    names.push_back(op.getName().getStringRef().str());
  return names;
}

std::vector<std::string> paramNames(ModuleOp module) {
  std::vector<std::string> names;
  func::FuncOp f = forward(module);
  for (unsigned i = 0; i < f.getNumArguments(); ++i)
    if (auto p = f.getArgAttrOfType<StringAttr>(i, "dlc.param"))
      names.push_back(p.str());
  return names;
}

std::string initOf(ModuleOp module, const std::string &name) {
  func::FuncOp f = forward(module);
  for (unsigned i = 0; i < f.getNumArguments(); ++i)
    if (auto p = f.getArgAttrOfType<StringAttr>(i, "dlc.param"))
      if (p.str() == name)
        return str(f.getArgAttr(i, "dlc.init"));
  return "<no parameter " + name + ">";
}

Operation *findOp(ModuleOp module, const std::string &opName, unsigned nth) {
  Operation *found = nullptr;
  unsigned seen = 0;
  module.walk([&](Operation *op) {
    if (!found && op->getName().getStringRef() == opName && seen++ == nth)
      found = op;
  });
  return found;
}

std::string padding(Operation *op) {
  auto attr = dyn_cast_or_null<IntegerAttr>(op->getAttr("padding"));
  return attr ? dlc::stringifyPadding(static_cast<dlc::Padding>(attr.getInt())).str()
              : "<none>";
}

std::string activation(Operation *op, const char *name) {
  auto attr = dyn_cast_or_null<IntegerAttr>(op->getAttr(name));
  return attr ? dlc::stringifyActivation(static_cast<dlc::Activation>(attr.getInt())).str()
              : "<none>";
}

std::string str(Attribute attr) {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (attr)
    attr.print(os);
  else
    os << "<null>";
  return s;
}

} // namespace dlc::test
