// Result-type rules of the forward ops, shared with their backward ops (which
// check that a result gradient has the forward result's type).
#ifndef DLC_IR_SHAPEINFERENCE_H
#define DLC_IR_SHAPEINFERENCE_H

#include "ir/DlcOps.h"
#include "ir/VerifyUtils.h"

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

/// inferReturnTypes of an op with dense's operands (dlc.dense,
/// dlc.fused_dense).
template <typename Adaptor>
mlir::LogicalResult inferDenseResult(std::optional<mlir::Location> loc, Adaptor adaptor,
                                     llvm::SmallVectorImpl<mlir::Type> &inferred) {
  auto type = inferDenseType(loc, adaptor.getInput(), adaptor.getKernel(), adaptor.getBias());
  if (mlir::failed(type))
    return mlir::failure();
  inferred.push_back(*type);
  return mlir::success();
}

/// inferReturnTypes of an op with conv2d's operands and attributes
/// (dlc.conv2d, dlc.fused_conv2d).
template <typename Adaptor>
mlir::LogicalResult inferConv2DResult(std::optional<mlir::Location> loc, Adaptor adaptor,
                                      llvm::SmallVectorImpl<mlir::Type> &inferred) {
  static const int64_t ones[2] = {1, 1};
  auto type = inferConv2DType(loc, adaptor.getInput(), adaptor.getFilter(), adaptor.getBias(),
                              adaptor.getPadding(), valueOr(adaptor.getStridesAttr(), ones),
                              valueOr(adaptor.getDilationsAttr(), ones));
  if (mlir::failed(type))
    return mlir::failure();
  inferred.push_back(*type);
  return mlir::success();
}

/// dlc.activation's and dlc.activation_grad's attributes: `alpha` with elu
/// or relu, `max_value` (>= 0) and `threshold` with relu only, all finite.
mlir::LogicalResult verifyActivationOptions(std::optional<mlir::Location> loc,
                                            Activation kind,
                                            std::optional<llvm::APFloat> alpha,
                                            std::optional<llvm::APFloat> maxValue,
                                            std::optional<llvm::APFloat> threshold);

/// dlc.prelu's alpha against its input: the input's shape without the batch
/// axis, each size the input's or 1; the same element type.
mlir::LogicalResult checkPReLUAlpha(std::optional<mlir::Location> loc, mlir::Value input,
                                    mlir::Value alpha);

} // namespace dlc::detail

#endif // DLC_IR_SHAPEINFERENCE_H
