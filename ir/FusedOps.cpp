// Shape rules and verifiers of the ops the fusion passes form: those of the
// dense, conv2d and lstm they replace, plus the activation's attribute rule,
// the shapes of the LSTM tape and the fused optimizer update's body.
#include "ir/DlcOps.h"
#include "ir/ShapeInference.h"

#include <array>

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
  return inferDenseResult(loc, adaptor, inferred);
}

LogicalResult FusedDenseOp::verify() {
  return verifyActivation(*this, getActivation(), getAlpha());
}

LogicalResult FusedConv2DOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  return inferConv2DResult(loc, adaptor, inferred);
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

namespace {
/// The tape of an LSTM over `input` [N, T, F] with `recurrentKernel`
/// [U, 4U]: gates [N, T, 4U], h_prev and c_prev [N, T, U].
std::array<RankedTensorType, 3> lstmTapeTypes(Value input, Value recurrentKernel) {
  auto in = tensorOf(input);
  auto rk = tensorOf(recurrentKernel);
  int64_t n = in.getDimSize(0), t = in.getDimSize(1), u = rk.getDimSize(0);
  Type elt = in.getElementType();
  auto state = RankedTensorType::get({n, t, u}, elt);
  return {RankedTensorType::get({n, t, 4 * u}, elt), state, state};
}
} // namespace

LogicalResult LSTMRecordOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location> loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  auto type = inferRecurrentType(loc, "LSTM", 4, 0, adaptor.getInput(),
                                 adaptor.getKernel(), adaptor.getRecurrentKernel(),
                                 adaptor.getBias(),
                                 valueOr(adaptor.getReturnSequencesAttr(), false));
  if (failed(type))
    return failure();
  inferred.push_back(*type);
  llvm::append_range(inferred,
                     lstmTapeTypes(adaptor.getInput(), adaptor.getRecurrentKernel()));
  return success();
}

LogicalResult LSTMGradRecordedOp::inferReturnTypes(MLIRContext *,
                                                   std::optional<Location> loc,
                                                   Adaptor a,
                                                   SmallVectorImpl<Type> &inferred) {
  auto forward = inferRecurrentType(loc, "LSTM", 4, 0, a.getInput(), a.getKernel(),
                                    a.getRecurrentKernel(), a.getBias(),
                                    valueOr(a.getReturnSequencesAttr(), false));
  if (failed(forward) || failed(checkResultGrad(loc, *forward, a.getResultGrad())))
    return failure();
  inferred.append({a.getInput().getType(), a.getKernel().getType(),
                   a.getRecurrentKernel().getType()});
  if (a.getBias())
    inferred.push_back(a.getBias().getType());
  return success();
}

LogicalResult LSTMGradRecordedOp::verify() {
  auto want = lstmTapeTypes(getInput(), getRecurrentKernel());
  Value tape[3] = {getGates(), getHPrev(), getCPrev()};
  const char *names[3] = {"gates", "h_prev", "c_prev"};
  for (int i = 0; i < 3; ++i)
    if (tape[i].getType() != want[i])
      return emitOpError("tape ") << names[i] << " has shape "
                                  << formatShape(tensorOf(tape[i]).getShape())
                                  << " but this LSTM records "
                                  << formatShape(want[i].getShape());
  return success();
}
