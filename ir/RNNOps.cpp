// Shape rules and verifiers of lstm, gru, simple_rnn and time_distributed.
#include "ir/DlcOps.h"
#include "ir/ShapeInference.h"
#include "ir/VerifyUtils.h"

using namespace mlir;
using namespace dlc;
using namespace dlc::detail;

/// The checks every recurrent layer shares; infers [N, T, U] or [N, U].
FailureOr<RankedTensorType> dlc::detail::inferRecurrentType(
    std::optional<Location> loc, StringRef layer, int64_t gates,
    int64_t biasRows, Value inputV, Value kernelV, Value recurrentV,
    Value biasV, bool returnSequences) {
  auto input = tensorOf(inputV);
  auto kernel = tensorOf(kernelV);
  auto recurrent = tensorOf(recurrentV);
  if (failed(checkRank(loc, input, 3, "input (batch, time, features)")) ||
      failed(checkRank(loc, kernel, 2, "kernel")) ||
      failed(checkRank(loc, recurrent, 2, "recurrent_kernel")) ||
      failed(checkElementType(loc, input, kernel, "kernel")) ||
      failed(checkElementType(loc, input, recurrent, "recurrent_kernel")))
    return failure();
  int64_t units = recurrent.getDimSize(0);
  if (ShapedType::isDynamic(units) || units <= 0)
    return emitOptionalError(loc, "recurrent_kernel must have a static, "
                                  "positive row count (the units), got ",
                             formatShape(recurrent.getShape()));
  int64_t width = gates * units;
  std::string gateText =
      gates == 1 ? std::string("units") : std::to_string(gates) + " * units";
  if (!sizesMatch(recurrent.getDimSize(1), width))
    return emitOptionalError(loc, "recurrent_kernel must be [units, ", gateText,
                             "] = [", units, ", ", width, "] for a ", layer,
                             ", got ", formatShape(recurrent.getShape()));
  if (!sizesMatch(kernel.getDimSize(0), input.getDimSize(2)) ||
      !sizesMatch(kernel.getDimSize(1), width))
    return emitOptionalError(loc, "kernel must be [features, ", gateText,
                             "] = [", input.getDimSize(2), ", ", width,
                             "] for this input and ", units, " units, got ",
                             formatShape(kernel.getShape()));
  if (biasV) {
    auto bias = tensorOf(biasV);
    if (failed(checkElementType(loc, input, bias, "bias")))
      return failure();
    SmallVector<int64_t> want;
    if (biasRows)
      want.push_back(biasRows);
    want.push_back(width);
    bool ok = bias.getRank() == static_cast<int64_t>(want.size());
    for (size_t i = 0; ok && i < want.size(); ++i)
      ok = sizesMatch(bias.getDimSize(i), want[i]);
    if (!ok)
      return emitOptionalError(loc, "bias must be ", formatShape(want),
                               " for this ", layer, ", got ",
                               formatShape(bias.getShape()));
  }
  SmallVector<int64_t> shape{input.getDimSize(0)};
  if (returnSequences)
    shape.push_back(input.getDimSize(1));
  shape.push_back(units);
  return RankedTensorType::get(shape, input.getElementType());
}

namespace {
LogicalResult inferRecurrent(std::optional<Location> loc, StringRef layer,
                             int64_t gates, int64_t biasRows, Value input,
                             Value kernel, Value recurrent, Value bias,
                             bool returnSequences,
                             SmallVectorImpl<Type> &inferred) {
  auto type = inferRecurrentType(loc, layer, gates, biasRows, input, kernel,
                                 recurrent, bias, returnSequences);
  if (failed(type))
    return failure();
  inferred.push_back(*type);
  return success();
}
} // namespace

LogicalResult LSTMOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  return inferRecurrent(loc, "LSTM", 4, 0, adaptor.getInput(),
                        adaptor.getKernel(), adaptor.getRecurrentKernel(),
                        adaptor.getBias(), valueOr(adaptor.getReturnSequencesAttr(), false),
                        inferred);
}

LogicalResult GRUOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  bool resetAfter = valueOr(adaptor.getResetAfterAttr(), false);
  return inferRecurrent(loc, resetAfter ? "reset_after GRU" : "GRU", 3,
                        resetAfter ? 2 : 0, adaptor.getInput(),
                        adaptor.getKernel(), adaptor.getRecurrentKernel(),
                        adaptor.getBias(), valueOr(adaptor.getReturnSequencesAttr(), false),
                        inferred);
}

LogicalResult SimpleRNNOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  return inferRecurrent(loc, "SimpleRNN", 1, 0, adaptor.getInput(),
                        adaptor.getKernel(), adaptor.getRecurrentKernel(),
                        adaptor.getBias(), valueOr(adaptor.getReturnSequencesAttr(), false),
                        inferred);
}

//===----------------------------------------------------------------------===//
// time_distributed
//===----------------------------------------------------------------------===//

/// The slice type the body's argument must have: the input without its time axis.
static FailureOr<RankedTensorType>
stepType(std::optional<Location> loc, RankedTensorType input) {
  if (input.getRank() < 3) {
    (void)emitOptionalError(loc, "input must have rank >= 3 (batch, time, "
                                 "...), got shape ",
                            formatShape(input.getShape()));
    return failure();
  }
  SmallVector<int64_t> shape(input.getShape());
  shape.erase(shape.begin() + 1);
  return RankedTensorType::get(shape, input.getElementType());
}

LogicalResult TimeDistributedOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  auto input = tensorOf(adaptor.getInput());
  if (failed(stepType(loc, input)))
    return failure();
  Region &body = adaptor.getBody();
  if (body.empty() || body.front().empty())
    return emitOptionalError(loc, "body must end with dlc.yield");
  auto yield = dyn_cast<YieldOp>(body.front().getTerminator());
  if (!yield || yield.getValues().size() != 1)
    return emitOptionalError(loc, "body must end with dlc.yield of one value");
  auto step = tensorOf(yield.getValues()[0]);
  if (step.getRank() < 1 ||
      !sizesMatch(step.getDimSize(0), input.getDimSize(0)))
    return emitOptionalError(loc, "body must yield a tensor with the batch "
                                  "axis first (",
                             input.getDimSize(0), "), got ",
                             formatShape(step.getShape()));
  SmallVector<int64_t> shape(step.getShape());
  shape.insert(shape.begin() + 1, input.getDimSize(1));
  inferred.push_back(RankedTensorType::get(shape, step.getElementType()));
  return success();
}

LogicalResult TimeDistributedOp::verifyRegions() {
  auto want = stepType(getLoc(), getInput().getType());
  if (failed(want))
    return failure();
  Block &block = getBody().front();
  if (block.getNumArguments() != 1)
    return emitOpError("body must take exactly one argument (the step "
                       "slice), got ")
           << block.getNumArguments();
  if (block.getArgument(0).getType() != *want)
    return emitOpError("body argument must be the input without its time "
                       "axis, ")
           << *want << ", got " << block.getArgument(0).getType();
  return success();
}
