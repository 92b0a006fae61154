// dlc-build-inference: @predict (forward without dropout) and @eval_step (plus loss and accuracy).
#include "passes/Passes.h"
#include "passes/TrainingFunctions.h"

#include "ir/DlcOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

namespace dlc {
#define GEN_PASS_DEF_DLCBUILDINFERENCE
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;
using namespace dlc;

namespace {
struct BuildInference : dlc::impl::DlcBuildInferenceBase<BuildInference> {
  void runOnOperation() override {
    if (failed(build()))
      signalPassFailure();
  }

  /// Adds `name` taking @forward's arguments (plus labels when `withLoss`),
  /// with its body copied and dropout removed; returns the copied output.
  func::FuncOp addFunction(OpBuilder &b, const ForwardSignature &sig,
                           StringRef name, bool withLoss) {
    func::FuncOp forward = sig.forward;
    MLIRContext *ctx = b.getContext();
    SmallVector<Type> args(forward.getArgumentTypes());
    SmallVector<Type> results;
    Type lossType = RankedTensorType::get({}, sig.output.getElementType());
    Type counterType = RankedTensorType::get({}, IntegerType::get(ctx, 64));
    if (withLoss) {
      args.push_back(labelsType(sig));
      results = {lossType, counterType};
    } else {
      results = {sig.output};
    }
    auto func = b.create<func::FuncOp>(forward.getLoc(), name,
                                       FunctionType::get(ctx, args, results));
    for (unsigned i = 0; i < forward.getNumArguments(); ++i)
      copyArgAttrs(sig, i, func, i);
    Block *entry = func.addEntryBlock();
    OpBuilder body = OpBuilder::atBlockBegin(entry);
    IRMapping map;
    for (unsigned i = 0; i < forward.getNumArguments(); ++i)
      map.map(forward.getArgument(i), entry->getArgument(i));
    Value probs = cloneForwardBody(body, sig, map);
    Location loc = forward.getLoc();
    if (withLoss) {
      Value labels = entry->getArguments().back();
      func.setArgAttr(args.size() - 1, "dlc.labels", b.getUnitAttr());
      Value loss = body.create<CategoricalCrossentropyOp>(loc, lossType, probs, labels);
      Value correct = body.create<AccuracyOp>(loc, counterType, probs, labels);
      body.create<func::ReturnOp>(loc, ValueRange{loss, correct});
      func.setResultAttr(0, "dlc.loss", b.getUnitAttr());
      func.setResultAttr(1, "dlc.correct", b.getUnitAttr());
    } else {
      body.create<func::ReturnOp>(loc, probs);
      func.setResultAttr(0, "dlc.output", b.getStringAttr("probabilities"));
    }
    stripDropout(func);
    return func;
  }

  LogicalResult build() {
    ModuleOp module = getOperation();
    for (StringRef name : {"predict", "eval_step"})
      if (module.lookupSymbol(name))
        return module.emitError("dlc-build-inference: @") << name << " exists already";
    auto sig = analyzeForward(module, "dlc-build-inference");
    if (failed(sig))
      return failure();
    OpBuilder b(module.getContext());
    b.setInsertionPointToEnd(module.getBody());
    for (auto [name, withLoss] : {std::pair("predict", false), {"eval_step", true}})
      if (failed(flattenTimeDistributed(addFunction(b, *sig, name, withLoss))))
        return failure();
    return success();
  }
};
} // namespace
