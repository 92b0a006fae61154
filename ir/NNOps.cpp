// Shape rules and verifiers of dense, conv2d, pooling, activation, softmax and dropout.
#include "ir/DlcOps.h"
#include "ir/ShapeRules.h"
#include "ir/ShapeInference.h"
#include "ir/VerifyUtils.h"

using namespace mlir;
using namespace dlc;
using namespace dlc::detail;

namespace {

/// Checks an optional bias against the output-channel count `channels`.
LogicalResult checkBias(std::optional<Location> loc, Value input, Value bias,
                        int64_t channels, StringRef layer) {
  if (!bias)
    return success();
  auto type = tensorOf(bias);
  if (failed(checkElementType(loc, input.getType(), type, "bias")))
    return failure();
  if (!sizesMatch(type.getDimSize(0), channels))
    return emitOptionalError(loc, "bias has ", type.getDimSize(0),
                             " entries but the ", layer, " has ", channels,
                             " output channels");
  return success();
}

/// Output [N, H', W', C'] of a 2-D window op over NHWC `input`.
FailureOr<SmallVector<int64_t>>
windowOutputShape(std::optional<Location> loc, RankedTensorType input,
                  ArrayRef<int64_t> window, ArrayRef<int64_t> strides,
                  ArrayRef<int64_t> dilations, Padding padding,
                  int64_t channels) {
  if (failed(checkRank(loc, input, 4, "input (NHWC)")))
    return failure();
  if (failed(checkPositiveArray(loc, strides, 2, "strides")) ||
      failed(checkPositiveArray(loc, dilations, 2, "dilations")))
    return failure();
  SmallVector<int64_t> out{input.getDimSize(0), 0, 0, channels};
  static const char *axisName[] = {"height", "width"};
  for (int i = 0; i < 2; ++i) {
    int64_t in = input.getDimSize(1 + i);
    int64_t size = windowOutputSize(in, window[i], strides[i], dilations[i],
                                    padding == Padding::same);
    if (size == 0)
      return emitOptionalError(
          loc, "window ", axisName[i], " ",
          effectiveWindow(window[i], dilations[i]),
          " (with dilation) is larger than the input ", axisName[i], " ", in,
          " with 'valid' padding; input shape ",
          formatShape(input.getShape()));
    out[1 + i] = size;
  }
  return out;
}
} // namespace

FailureOr<RankedTensorType> dlc::detail::inferDenseType(
    std::optional<Location> loc, Value inputV, Value kernelV, Value bias) {
  auto input = tensorOf(inputV);
  auto kernel = tensorOf(kernelV);
  if (input.getRank() < 2)
    return emitOptionalError(loc, "input must have rank >= 2 (batch, ..., "
                                  "features), got shape ",
                             formatShape(input.getShape()));
  if (failed(checkRank(loc, kernel, 2, "kernel")) ||
      failed(checkElementType(loc, input, kernel, "kernel")))
    return failure();
  if (!sizesMatch(input.getShape().back(), kernel.getDimSize(0)))
    return emitOptionalError(loc, "kernel has ", kernel.getDimSize(0),
                             " input rows but the input has ",
                             input.getShape().back(), " features; input shape ",
                             formatShape(input.getShape()), ", kernel shape ",
                             formatShape(kernel.getShape()));
  int64_t units = kernel.getDimSize(1);
  if (failed(checkBias(loc, inputV, bias, units, "dense layer")))
    return failure();
  SmallVector<int64_t> shape(input.getShape());
  shape.back() = units;
  return RankedTensorType::get(shape, input.getElementType());
}

LogicalResult DenseOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  return inferDenseResult(loc, adaptor, inferred);
}

FailureOr<RankedTensorType> dlc::detail::inferConv2DType(
    std::optional<Location> loc, Value inputV, Value filterV, Value bias,
    Padding padding, ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations) {
  auto input = tensorOf(inputV);
  auto filter = tensorOf(filterV);
  if (failed(checkRank(loc, filter, 4, "filter (KH, KW, C, F)")) ||
      failed(checkElementType(loc, input, filter, "filter")))
    return failure();
  if (input.getRank() == 4 &&
      !sizesMatch(input.getDimSize(3), filter.getDimSize(2)))
    return emitOptionalError(loc, "filter expects ", filter.getDimSize(2),
                             " input channels but the input has ",
                             input.getDimSize(3), "; input shape ",
                             formatShape(input.getShape()), ", filter shape ",
                             formatShape(filter.getShape()));
  for (int i = 0; i < 2; ++i)
    if (ShapedType::isDynamic(filter.getDimSize(i)) ||
        filter.getDimSize(i) <= 0)
      return emitOptionalError(loc, "filter window must be static and positive, got ",
                               formatShape(filter.getShape()));
  int64_t window[2] = {filter.getDimSize(0), filter.getDimSize(1)};
  auto shape = windowOutputShape(loc, input, window, strides, dilations,
                                 padding, filter.getDimSize(3));
  if (failed(shape) ||
      failed(checkBias(loc, inputV, bias, filter.getDimSize(3), "convolution")))
    return failure();
  return RankedTensorType::get(*shape, input.getElementType());
}

LogicalResult Conv2DOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  return inferConv2DResult(loc, adaptor, inferred);
}

FailureOr<RankedTensorType>
dlc::detail::inferPool2DType(std::optional<Location> loc, Value inputV,
                             ArrayRef<int64_t> poolSize,
                             ArrayRef<int64_t> strides, Padding padding) {
  auto input = tensorOf(inputV);
  if (failed(checkPositiveArray(loc, poolSize, 2, "pool_size")))
    return failure();
  int64_t ones[2] = {1, 1};
  auto shape = windowOutputShape(loc, input, poolSize, strides, ones, padding,
                                 input.getRank() == 4 ? input.getDimSize(3) : 0);
  if (failed(shape))
    return failure();
  return RankedTensorType::get(*shape, input.getElementType());
}

/// Shared by max_pool2d and avg_pool2d.
template <typename Adaptor>
static LogicalResult inferPool2D(std::optional<Location> loc, Adaptor adaptor,
                                 SmallVectorImpl<Type> &inferred) {
  auto type = inferPool2DType(loc, adaptor.getInput(), adaptor.getPoolSize(),
                              adaptor.getStrides(), adaptor.getPadding());
  if (failed(type))
    return failure();
  inferred.push_back(*type);
  return success();
}

LogicalResult MaxPool2DOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  return inferPool2D(loc, adaptor, inferred);
}

LogicalResult AvgPool2DOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  return inferPool2D(loc, adaptor, inferred);
}

LogicalResult ActivationOp::verify() {
  return verifyActivationOptions(getLoc(), getKind(), getAlpha(), getMaxValue(),
                                 getThreshold());
}

LogicalResult dlc::detail::verifyActivationOptions(std::optional<Location> loc,
                                                   Activation kind,
                                                   std::optional<llvm::APFloat> alpha,
                                                   std::optional<llvm::APFloat> maxValue,
                                                   std::optional<llvm::APFloat> threshold) {
  if (alpha && kind != Activation::elu && kind != Activation::relu)
    return emitOptionalError(loc, "'alpha' is only allowed with elu and relu, not ",
                             stringifyActivation(kind));
  if ((maxValue || threshold) && kind != Activation::relu)
    return emitOptionalError(loc, "'", maxValue ? "max_value" : "threshold",
                             "' is only allowed with relu, not ", stringifyActivation(kind));
  for (auto [name, v] : {std::pair{"alpha", alpha}, std::pair{"max_value", maxValue},
                         std::pair{"threshold", threshold}})
    if (v && !v->isFinite())
      return emitOptionalError(loc, "'", name, "' must be finite");
  if (maxValue && maxValue->isNegative())
    return emitOptionalError(loc, "'max_value' must be at least 0, got ",
                             maxValue->convertToDouble());
  return success();
}

LogicalResult PReLUOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor adaptor, SmallVectorImpl<Type> &inferred) {
  if (failed(checkPReLUAlpha(loc, adaptor.getInput(), adaptor.getAlpha())))
    return failure();
  inferred.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult dlc::detail::checkPReLUAlpha(std::optional<Location> loc, Value inputV,
                                           Value alphaV) {
  auto input = tensorOf(inputV), alpha = tensorOf(alphaV);
  if (failed(checkElementType(loc, input, alpha, "alpha")))
    return failure();
  if (input.getRank() < 2 || alpha.getRank() != input.getRank() - 1)
    return emitOptionalError(loc, "alpha must have the input's shape without the batch axis "
                                  "(input ", formatShape(input.getShape()), "), got ",
                             formatShape(alpha.getShape()));
  for (int64_t i = 0; i < alpha.getRank(); ++i) {
    int64_t a = alpha.getDimSize(i), x = input.getDimSize(i + 1);
    if (a != 1 && !sizesMatch(a, x))
      return emitOptionalError(loc, "alpha's axis ", i, " has size ", a,
                               "; it must be 1 (shared) or the input's ", x, " (input ",
                               formatShape(input.getShape()), ", alpha ",
                               formatShape(alpha.getShape()), ")");
  }
  return success();
}

LogicalResult SoftmaxOp::verify() {
  auto rank = cast<RankedTensorType>(getInput().getType()).getRank();
  return failure(failed(
      normalizeAxis(getLoc(), static_cast<int64_t>(getAxis()), rank)));
}

LogicalResult DropoutOp::verify() {
  double rate = getRate().convertToDouble();
  if (!(rate >= 0.0 && rate < 1.0))
    return emitOpError("rate must be in [0, 1), got ") << rate;
  return success();
}
