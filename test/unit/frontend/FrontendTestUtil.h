// Shared helpers of the frontend tests: import with captured diagnostics, and read back @forward.
#ifndef DLC_TEST_UNIT_FRONTEND_FRONTENDTESTUTIL_H
#define DLC_TEST_UNIT_FRONTEND_FRONTENDTESTUTIL_H

#include "frontend/KerasImporter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dlc::test {

/// Absolute path of `relative` in the source tree.
std::string sourcePath(const std::string &relative);

struct ImportResult {
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// Every diagnostic as the tool prints it: "file:line:col: error: message",
  /// with file relative to the source tree.
  std::vector<std::string> diagnostics;
  /// All diagnostics joined by newlines, for failure messages.
  std::string text() const;
};

class FrontendTest : public ::testing::Test {
protected:
  ImportResult importFile(const std::string &relative, int64_t batchSize = 0);
  ImportResult importText(const std::string &text,
                          const std::string &name = "model.yaml",
                          int64_t batchSize = 0);
  ImportResult importText(const std::string &text, const std::string &name,
                          const ImportOptions &options);
  mlir::MLIRContext context;
};

mlir::func::FuncOp forward(mlir::ModuleOp module);
/// Sum of the element counts of the @forward arguments tagged dlc.param.
int64_t paramCount(mlir::ModuleOp module);
std::vector<int64_t> shapeOf(mlir::Type type);
std::vector<int64_t> resultShape(mlir::ModuleOp module, unsigned index = 0);
/// Names of the ops in @forward's body (not nested regions), in order.
std::vector<std::string> opNames(mlir::ModuleOp module);
/// The dlc.param names of @forward's arguments, in argument order.
std::vector<std::string> paramNames(mlir::ModuleOp module);
/// The dlc.init attribute of parameter `name`, printed.
std::string initOf(mlir::ModuleOp module, const std::string &name);
/// The first op named `opName` (searching nested regions too), or null.
mlir::Operation *findOp(mlir::ModuleOp module, const std::string &opName,
                        unsigned nth = 0);
/// An attribute printed as MLIR text.
std::string str(mlir::Attribute attr);
/// "file:line:col" of an op's location (through its NameLoc), and the name.
std::string locText(mlir::Location loc);
/// An enum attribute of a dlc op by its keyword: "same", "hard_sigmoid", ...
std::string padding(mlir::Operation *op);
std::string activation(mlir::Operation *op, const char *attr);

} // namespace dlc::test

#endif // DLC_TEST_UNIT_FRONTEND_FRONTENDTESTUTIL_H
