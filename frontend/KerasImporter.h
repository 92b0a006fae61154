// Entry point of the Keras frontend: reads a Keras model file and builds dlc IR.
#ifndef DLC_FRONTEND_KERASIMPORTER_H
#define DLC_FRONTEND_KERASIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dlc {

struct ImportOptions {
  /// Batch size of the compiled functions; 0 takes `dlc.batch_size` from the
  /// model file, or 1 when it has none.
  int64_t batchSize = 0;
  /// Sizes of the dimensions a model file leaves open (Keras' `None` time
  /// steps or image sizes), by input name; every dimension but the batch,
  /// and where the file fixes one it must agree. "" names a model's only
  /// input. (`--input-shape NAME=D1xD2...`.)
  std::map<std::string, std::vector<int64_t>> inputShapes;
};

/// Reads a Keras model description: Keras 1.x/2.x `to_yaml()`/`to_json()`
/// output, a Keras 3 `config.json`, or a `.keras` zip archive. On success
/// returns a module holding `func.func @forward`; on failure reports every
/// problem as an MLIR diagnostic located at `file:line:col` of the offending
/// node (naming the layer) and returns null.
mlir::OwningOpRef<mlir::ModuleOp> importKerasModel(llvm::StringRef path,
                                                   mlir::MLIRContext &context,
                                                   const ImportOptions &options);

/// Same, for a model description already in memory; `bufferName` is the name
/// diagnostics use for the file.
mlir::OwningOpRef<mlir::ModuleOp>
importKerasModelFromString(llvm::StringRef contents, llvm::StringRef bufferName,
                           mlir::MLIRContext &context,
                           const ImportOptions &options);

} // namespace dlc

#endif // DLC_FRONTEND_KERASIMPORTER_H
