// Result-type rules of the forward ops, shared with their backward ops (which
// check that a result gradient has the forward result's type).
#ifndef DLC_IR_SHAPEINFERENCE_H
#define DLC_IR_SHAPEINFERENCE_H

#include "ir/DlcOps.h"

namespace dlc::detail {

mlir::FailureOr<mlir::RankedTensorType>
inferDenseType(std::optional<mlir::Location> loc, mlir::Value input,
               mlir::Value kernel, mlir::Value bias);

mlir::FailureOr<mlir::RankedTensorType>
inferConv2DType(std::optional<mlir::Location> loc, mlir::Value input,
                mlir::Value filter, mlir::Value bias, Padding padding,
                llvm::ArrayRef<int64_t> strides,
                llvm::ArrayRef<int64_t> dilations);

mlir::FailureOr<mlir::RankedTensorType>
inferPool2DType(std::optional<mlir::Location> loc, mlir::Value input,
                llvm::ArrayRef<int64_t> poolSize,
                llvm::ArrayRef<int64_t> strides, Padding padding);

/// `gates` is 4 (LSTM), 3 (GRU) or 1 (SimpleRNN); `biasRows` is 2 for a
/// reset_after GRU, else 0 (a vector bias).
mlir::FailureOr<mlir::RankedTensorType>
inferRecurrentType(std::optional<mlir::Location> loc, llvm::StringRef layer,
                   int64_t gates, int64_t biasRows, mlir::Value input,
                   mlir::Value kernel, mlir::Value recurrentKernel,
                   mlir::Value bias, bool returnSequences);

/// Emits "result_grad has type T but the forward result has type U" unless
/// they agree.
mlir::LogicalResult checkResultGrad(std::optional<mlir::Location> loc,
                                    mlir::Type forwardResult,
                                    mlir::Value resultGrad);

} // namespace dlc::detail

#endif // DLC_IR_SHAPEINFERENCE_H
