// Result types and checks of the backward ops: each returns gradients typed
// like the forward operands, for a result gradient typed like the forward result.
#include "ir/DlcOps.h"
#include "ir/ShapeInference.h"
#include "ir/VerifyUtils.h"

using namespace mlir;
using namespace dlc;
using namespace dlc::detail;

LogicalResult dlc::detail::checkResultGrad(std::optional<Location> loc,
                                           Type forwardResult,
                                           Value resultGrad) {
  if (resultGrad.getType() == forwardResult)
    return success();
  std::string want, got;
  llvm::raw_string_ostream(want) << forwardResult;
  llvm::raw_string_ostream(got) << resultGrad.getType();
  return emitOptionalError(loc, "result_grad has type ", got,
                           " but the forward result has type ", want);
}

namespace {
/// Pushes `grads`' types after checking `resultGrad` against `forward`.
LogicalResult inferGrads(std::optional<Location> loc,
                         FailureOr<RankedTensorType> forward, Value resultGrad,
                         ValueRange grads, SmallVectorImpl<Type> &inferred) {
  if (failed(forward) || failed(checkResultGrad(loc, *forward, resultGrad)))
    return failure();
  for (Value v : grads)
    inferred.push_back(v.getType());
  return success();
}

const int64_t kOnes[2] = {1, 1};
} // namespace

LogicalResult DenseGradInputOp::inferReturnTypes(MLIRContext *,
                                                 std::optional<Location> loc,
                                                 Adaptor a,
                                                 SmallVectorImpl<Type> &types) {
  return inferGrads(loc, inferDenseType(loc, a.getInput(), a.getKernel(), {}),
                    a.getResultGrad(), a.getInput(), types);
}

LogicalResult DenseGradKernelOp::inferReturnTypes(MLIRContext *,
                                                  std::optional<Location> loc,
                                                  Adaptor a,
                                                  SmallVectorImpl<Type> &types) {
  return inferGrads(loc, inferDenseType(loc, a.getInput(), a.getKernel(), {}),
                    a.getResultGrad(), a.getKernel(), types);
}

template <typename Adaptor>
static FailureOr<RankedTensorType> convForward(std::optional<Location> loc,
                                               Adaptor a) {
  return inferConv2DType(loc, a.getInput(), a.getFilter(), {}, a.getPadding(),
                         valueOr(a.getStridesAttr(), kOnes),
                         valueOr(a.getDilationsAttr(), kOnes));
}

LogicalResult Conv2DGradInputOp::inferReturnTypes(MLIRContext *,
                                                  std::optional<Location> loc,
                                                  Adaptor a,
                                                  SmallVectorImpl<Type> &types) {
  return inferGrads(loc, convForward(loc, a), a.getResultGrad(), a.getInput(),
                    types);
}

LogicalResult Conv2DGradFilterOp::inferReturnTypes(MLIRContext *,
                                                   std::optional<Location> loc,
                                                   Adaptor a,
                                                   SmallVectorImpl<Type> &types) {
  return inferGrads(loc, convForward(loc, a), a.getResultGrad(), a.getFilter(),
                    types);
}

/// Shared by max_pool2d_grad and avg_pool2d_grad.
template <typename Adaptor>
static LogicalResult inferPoolGrad(std::optional<Location> loc, Adaptor a,
                                   SmallVectorImpl<Type> &types) {
  return inferGrads(loc,
                    inferPool2DType(loc, a.getInput(), a.getPoolSize(),
                                    a.getStrides(), a.getPadding()),
                    a.getResultGrad(), a.getInput(), types);
}

LogicalResult MaxPool2DGradOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor a,
                                                SmallVectorImpl<Type> &types) {
  return inferPoolGrad(loc, a, types);
}

LogicalResult AvgPool2DGradOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor a,
                                                SmallVectorImpl<Type> &types) {
  return inferPoolGrad(loc, a, types);
}

LogicalResult ActivationGradOp::inferReturnTypes(MLIRContext *,
                                                 std::optional<Location> loc,
                                                 Adaptor a,
                                                 SmallVectorImpl<Type> &types) {
  if (failed(verifyActivationOptions(loc, a.getKind(), a.getAlpha(), a.getMaxValue(),
                                     a.getThreshold())))
    return failure();
  return inferGrads(loc, tensorOf(a.getInput()), a.getResultGrad(),
                    a.getInput(), types);
}

LogicalResult PReLUGradOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a, SmallVectorImpl<Type> &types) {
  if (failed(checkPReLUAlpha(loc, a.getInput(), a.getAlpha())))
    return failure();
  return inferGrads(loc, tensorOf(a.getInput()), a.getResultGrad(),
                    ValueRange{a.getInput(), a.getAlpha()}, types);
}

LogicalResult SoftmaxGradOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> loc,
                                              Adaptor a,
                                              SmallVectorImpl<Type> &types) {
  auto result = tensorOf(a.getResult());
  if (failed(normalizeAxis(loc, valueOr(a.getAxisAttr(), -1), result.getRank())))
    return failure();
  return inferGrads(loc, result, a.getResultGrad(), a.getResult(), types);
}

LogicalResult EmbeddingGradOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor a,
                                                SmallVectorImpl<Type> &types) {
  auto table = tensorOf(a.getTable());
  if (failed(checkRank(loc, table, 2, "table (vocabulary, dim)")))
    return failure();
  SmallVector<int64_t> shape(tensorOf(a.getIds()).getShape());
  shape.push_back(table.getDimSize(1));
  return inferGrads(loc, RankedTensorType::get(shape, table.getElementType()),
                    a.getResultGrad(), a.getTable(), types);
}

template <typename Adaptor>
static LogicalResult inferRecurrentGrads(std::optional<Location> loc,
                                         StringRef layer, int64_t gates,
                                         int64_t biasRows, Adaptor a,
                                         SmallVectorImpl<Type> &types) {
  auto forward = inferRecurrentType(
      loc, layer, gates, biasRows, a.getInput(), a.getKernel(),
      a.getRecurrentKernel(), a.getBias(),
      valueOr(a.getReturnSequencesAttr(), false));
  SmallVector<Value> grads{a.getInput(), a.getKernel(), a.getRecurrentKernel()};
  if (a.getBias())
    grads.push_back(a.getBias());
  return inferGrads(loc, forward, a.getResultGrad(), grads, types);
}

LogicalResult LSTMGradOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location> loc,
                                           Adaptor a,
                                           SmallVectorImpl<Type> &types) {
  return inferRecurrentGrads(loc, "LSTM", 4, 0, a, types);
}

LogicalResult GRUGradOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor a,
                                          SmallVectorImpl<Type> &types) {
  bool resetAfter = valueOr(a.getResetAfterAttr(), false);
  return inferRecurrentGrads(loc, resetAfter ? "reset_after GRU" : "GRU", 3,
                             resetAfter ? 2 : 0, a, types);
}

LogicalResult SimpleRNNGradOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor a,
                                                SmallVectorImpl<Type> &types) {
  return inferRecurrentGrads(loc, "SimpleRNN", 1, 0, a, types);
}
