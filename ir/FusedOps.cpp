// Shape rules and verifiers of the ops the fusion passes form: those of the
// dense and conv2d they replace, plus the activation's attribute rule.
#include "ir/DlcOps.h"
#include "ir/ShapeInference.h"
#include "ir/VerifyUtils.h"

using namespace mlir;
using namespace dlc;
using namespace dlc::detail;

namespace {
/// `alpha` belongs to elu only, as on dlc.activation.
LogicalResult verifyActivation(Operation *op, Activation kind,
                               std::optional<llvm::APFloat> alpha) {
  if (alpha && kind != Activation::elu)
    return op->emitOpError("'alpha' is only allowed with elu, not ")
           << stringifyActivation(kind);
  return success();
}
} // namespace

LogicalResult FusedDenseOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location> loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  auto type = inferDenseType(loc, adaptor.getInput(), adaptor.getKernel(),
                             adaptor.getBias());
  if (failed(type))
    return failure();
  inferred.push_back(*type);
  return success();
}

LogicalResult FusedDenseOp::verify() {
  return verifyActivation(*this, getActivation(), getAlpha());
}

LogicalResult FusedConv2DOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  static const int64_t ones[2] = {1, 1};
  auto type = inferConv2DType(loc, adaptor.getInput(), adaptor.getFilter(),
                              adaptor.getBias(), adaptor.getPadding(),
                              valueOr(adaptor.getStridesAttr(), ones),
                              valueOr(adaptor.getDilationsAttr(), ones));
  if (failed(type))
    return failure();
  inferred.push_back(*type);
  return success();
}

LogicalResult FusedConv2DOp::verify() {
  return verifyActivation(*this, getActivation(), getAlpha());
}

LogicalResult FusedOptimizerUpdateOp::verifyRegions() {
  Block &block = getBody().front();
  if (block.getNumArguments() != 0)
    return emitOpError("body takes no arguments");
  auto yield = dyn_cast<YieldOp>(block.getTerminator());
  if (!yield)
    return emitOpError("body must end with dlc.yield");
  SmallVector<Value> produced;
  for (Operation &op : block.without_terminator()) {
    if (!isa<SGDUpdateOp, RMSpropUpdateOp, AdadeltaUpdateOp, AdamUpdateOp>(op))
      return op.emitOpError("is not an optimizer update; the body of "
                            "dlc.fused_optimizer_update holds only those");
    llvm::append_range(produced, op.getResults());
  }
  if (!llvm::equal(yield.getValues(), produced))
    return emitOpError("body must yield the results of its updates, in order (")
           << produced.size() << " values)";
  if (!llvm::equal(getResultTypes(), yield.getValues().getTypes()))
    return emitOpError("result types must be the yielded types");
  return success();
}
