// Pieces the training passes share: @forward's signature, copying its body, the labels' type.
#include "passes/TrainingFunctions.h"

#include "ir/DlcOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;

namespace dlc {

FailureOr<ForwardSignature> analyzeForward(ModuleOp module, StringRef passName) {
  ForwardSignature sig;
  sig.forward = module.lookupSymbol<func::FuncOp>("forward");
  if (!sig.forward)
    return module.emitError(passName) << ": the module has no @forward function";
  func::FuncOp f = sig.forward;
  for (unsigned i = 0; i < f.getNumArguments(); ++i) {
    if (f.getArgAttr(i, "dlc.param"))
      sig.params.push_back(i);
    else if (f.getArgAttr(i, "dlc.input"))
      sig.inputs.push_back(i);
    else
      return f.emitError(passName)
             << ": argument " << i << " of @forward is neither a dlc.param "
             << "nor a dlc.input";
  }
  if (f.getNumResults() != 1)
    return f.emitError(passName)
           << ": training needs one model output, @forward has "
           << f.getNumResults();
  sig.output = dyn_cast<RankedTensorType>(f.getResultTypes()[0]);
  if (!sig.output || sig.output.getRank() != 2 ||
      !isa<FloatType>(sig.output.getElementType()) ||
      !sig.output.hasStaticShape())
    return f.emitError(passName)
           << ": the model output must be static [batch, classes] "
              "probabilities, got "
           << f.getResultTypes()[0];
  if (auto training = module->getAttrOfType<DictionaryAttr>("dlc.training"))
    if (auto loss = training.getAs<StringAttr>("loss")) {
      if (loss.getValue() == "sparse_categorical_crossentropy")
        sig.sparseLabels = true;
      else if (loss.getValue() != "categorical_crossentropy")
        return module.emitError(passName)
               << ": loss '" << loss.getValue()
               << "' is not supported; supported: categorical_crossentropy, "
                  "sparse_categorical_crossentropy";
    }
  return sig;
}

RankedTensorType labelsType(const ForwardSignature &sig) {
  if (sig.sparseLabels)
    return RankedTensorType::get({sig.output.getDimSize(0)},
                                 IntegerType::get(sig.output.getContext(), 32));
  return sig.output;
}

Value cloneForwardBody(OpBuilder &builder, const ForwardSignature &sig,
                       IRMapping &map) {
  func::FuncOp forward = sig.forward;
  Block &body = forward.getBody().front();
  for (Operation &op : body.without_terminator())
    builder.clone(op, map);
  return map.lookup(body.getTerminator()->getOperand(0));
}

void setDropoutStep(Operation *root, Value step) {
  SmallVector<DropoutOp> dropouts;
  root->walk([&](DropoutOp op) { dropouts.push_back(op); });
  for (DropoutOp op : dropouts) {
    OpBuilder b(op);
    auto stepped = b.create<DropoutOp>(op.getLoc(), op.getType(),
                                       op.getInput(), step, op.getRateAttr(),
                                       op.getSeedAttr());
    op.getResult().replaceAllUsesWith(stepped.getResult());
    op.erase();
  }
}

void stripDropout(Operation *root) {
  root->walk([](DropoutOp op) {
    op.getResult().replaceAllUsesWith(op.getInput());
    op.erase();
  });
}

void copyArgAttrs(const ForwardSignature &sig, unsigned from,
                  func::FuncOp func, unsigned to) {
  func::FuncOp forward = sig.forward;
  for (NamedAttribute attr : function_interface_impl::getArgAttrs(forward, from))
    func.setArgAttr(to, attr.getName(), attr.getValue());
}

} // namespace dlc
