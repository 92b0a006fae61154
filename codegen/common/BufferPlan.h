// Static memory planning shared by the targets: every tensor of the training and
// inference functions gets a region (state, io, arena) and a byte offset.
#ifndef DLC_CODEGEN_COMMON_BUFFERPLAN_H
#define DLC_CODEGEN_COMMON_BUFFERPLAN_H

#include "abi/ManifestSchema.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace dlc {

struct PlannedTensor {
  std::string name;
  abi::Role role = abi::Role::Temp;
  abi::Region region = abi::Region::Arena;
  mlir::RankedTensorType type;
  uint64_t offset = 0;
  mlir::DictionaryAttr init; ///< params only: the normalised initialiser
  uint64_t bytes() const;
};

/// The plan of a whole module: tensors shared by name across functions for
/// the state and io regions; arena temporaries per function, placed by
/// liveness (first fit) so that buffers whose lifetimes do not overlap share
/// bytes; the arena is reused by every function (they never run at once).
class BufferPlan {
public:
  /// Plans `functions` of `module`; reports problems on the module.
  static mlir::FailureOr<BufferPlan> build(mlir::ModuleOp module,
                                           llvm::ArrayRef<llvm::StringRef> functions);

  const std::vector<PlannedTensor> &tensors() const { return tensors_; }
  /// The tensor a value of `func` lives in.
  int tensorOf(mlir::Value value) const { return valueTensor_.lookup(value); }
  uint64_t regionBytes(abi::Region region) const {
    return regionBytes_[static_cast<int>(region)];
  }

  static constexpr uint64_t kAlignment = abi::kTensorAlignment;

private:
  mlir::LogicalResult planFunction(mlir::func::FuncOp func);
  int sharedTensor(llvm::StringRef key, PlannedTensor tensor);

  std::vector<PlannedTensor> tensors_;
  llvm::StringMap<int> shared_;
  llvm::DenseMap<mlir::Value, int> valueTensor_;
  uint64_t regionBytes_[3] = {0, 0, 0};
};

} // namespace dlc

#endif // DLC_CODEGEN_COMMON_BUFFERPLAN_H
