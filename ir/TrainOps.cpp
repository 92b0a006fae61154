// Result types and checks of the loss, metric and optimizer-update ops.
#include "ir/DlcOps.h"
#include "ir/VerifyUtils.h"

using namespace mlir;
using namespace dlc;
using namespace dlc::detail;

namespace {
/// probs [N, C] float; labels either [N, C] of the same float type (one-hot)
/// or [N] integers (class indices).
LogicalResult checkProbsAndLabels(std::optional<Location> loc, Value probsV,
                                  Value labelsV) {
  auto probs = tensorOf(probsV);
  auto labels = tensorOf(labelsV);
  if (failed(checkRank(loc, probs, 2, "probs (batch, classes)")))
    return failure();
  if (labels.getElementType().isSignlessInteger()) {
    if (labels.getRank() != 1 ||
        !sizesMatch(labels.getDimSize(0), probs.getDimSize(0)))
      return emitOptionalError(loc, "integer labels must be [",
                               probs.getDimSize(0), "] (one class per sample), got ",
                               formatShape(labels.getShape()));
    return success();
  }
  if (labels.getElementType() != probs.getElementType() ||
      labels.getRank() != 2 ||
      !sizesMatch(labels.getDimSize(0), probs.getDimSize(0)) ||
      !sizesMatch(labels.getDimSize(1), probs.getDimSize(1)))
    return emitOptionalError(
        loc, "one-hot labels must have the probabilities' type and shape ",
        formatShape(probs.getShape()), ", got ", formatShape(labels.getShape()));
  return success();
}

/// An optimizer's operands: param, grad, `slots` slots, iterations. Every
/// slot and the gradient have the parameter's type; results are the new
/// parameter and slots.
LogicalResult inferOptimizer(std::optional<Location> loc, ValueRange operands,
                             unsigned slots, ArrayRef<double> positive,
                             SmallVectorImpl<Type> &types) {
  Type param = operands[0].getType();
  static const char *names[] = {"grad", "first slot", "second slot"};
  for (unsigned i = 1; i <= 1 + slots; ++i)
    if (operands[i].getType() != param) {
      std::string want, got;
      llvm::raw_string_ostream(want) << param;
      llvm::raw_string_ostream(got) << operands[i].getType();
      return emitOptionalError(loc, names[i - 1], " has type ", got,
                               " but the parameter has type ", want);
    }
  for (double v : positive)
    if (!(v >= 0.0))
      return emitOptionalError(loc, "hyper-parameters must be >= 0, got ", v);
  types.assign(1 + slots, param);
  return success();
}
} // namespace

LogicalResult CategoricalCrossentropyOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor a,
    SmallVectorImpl<Type> &types) {
  if (failed(checkProbsAndLabels(loc, a.getProbs(), a.getLabels())))
    return failure();
  types.push_back(RankedTensorType::get({}, tensorOf(a.getProbs()).getElementType()));
  return success();
}

LogicalResult CategoricalCrossentropyGradOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor a,
    SmallVectorImpl<Type> &types) {
  if (failed(checkProbsAndLabels(loc, a.getProbs(), a.getLabels())))
    return failure();
  types.push_back(a.getProbs().getType());
  return success();
}

LogicalResult AccuracyOp::inferReturnTypes(MLIRContext *ctx,
                                           std::optional<Location> loc,
                                           Adaptor a,
                                           SmallVectorImpl<Type> &types) {
  if (failed(checkProbsAndLabels(loc, a.getProbs(), a.getLabels())))
    return failure();
  types.push_back(RankedTensorType::get({}, IntegerType::get(ctx, 64)));
  return success();
}

LogicalResult IncrementOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                            Adaptor a, SmallVectorImpl<Type> &types) {
  types.push_back(a.getCounter().getType());
  return success();
}

static double value(FloatAttr attr) {
  return attr ? attr.getValueAsDouble() : 0.0;
}

LogicalResult SGDUpdateOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor a,
                                            SmallVectorImpl<Type> &types) {
  return inferOptimizer(loc, a.getOperands(), 1,
                        {value(a.getLrAttr()), value(a.getMomentumAttr()),
                         value(a.getDecayAttr())},
                        types);
}

LogicalResult RMSpropUpdateOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor a,
                                                SmallVectorImpl<Type> &types) {
  return inferOptimizer(loc, a.getOperands(), 1,
                        {value(a.getLrAttr()), value(a.getRhoAttr()),
                         value(a.getEpsilonAttr()), value(a.getDecayAttr())},
                        types);
}

LogicalResult AdadeltaUpdateOp::inferReturnTypes(MLIRContext *,
                                                 std::optional<Location> loc,
                                                 Adaptor a,
                                                 SmallVectorImpl<Type> &types) {
  return inferOptimizer(loc, a.getOperands(), 2,
                        {value(a.getLrAttr()), value(a.getRhoAttr()),
                         value(a.getEpsilonAttr()), value(a.getDecayAttr())},
                        types);
}

LogicalResult AdamUpdateOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location> loc,
                                             Adaptor a,
                                             SmallVectorImpl<Type> &types) {
  return inferOptimizer(loc, a.getOperands(), 2,
                        {value(a.getLrAttr()), value(a.getBeta_1Attr()),
                         value(a.getBeta_2Attr()), value(a.getEpsilonAttr()),
                         value(a.getDecayAttr())},
                        types);
}
