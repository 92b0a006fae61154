// dlc-build-train-step: @train_step = forward + Keras loss + reverse-mode gradients + optimizer updates.
#include "passes/Passes.h"
#include "passes/TrainingFunctions.h"

#include "ir/DlcOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace dlc {
#define GEN_PASS_DEF_DLCBUILDTRAINSTEP
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;
using namespace dlc;

namespace {
/// A Keras 2.0.8 optimizer with its hyper-parameters, from dlc.training.
struct Optimizer {
  enum Kind { SGD, RMSprop, Adadelta, Adam } kind;
  llvm::StringMap<double> values;
  bool nesterov = false;

  unsigned slotCount() const { return kind == SGD || kind == RMSprop ? 1 : 2; }
  SmallVector<StringRef, 2> slotNames() const {
    switch (kind) {
    case SGD:
      return {"moment"};
    case RMSprop:
      return {"accumulator"};
    case Adadelta:
      return {"accumulator", "delta_accumulator"};
    case Adam:
      return {"m", "v"};
    }
    return {};
  }
};

double numberOf(Attribute attr, double fallback) {
  if (auto f = dyn_cast_or_null<FloatAttr>(attr))
    return f.getValueAsDouble();
  if (auto i = dyn_cast_or_null<IntegerAttr>(attr))
    return static_cast<double>(i.getInt());
  return fallback;
}

/// Reads `optimizer = {class_name, config}`; Keras 2.0.8's defaults fill in
/// what the config leaves out (`learning_rate` is Keras ≥ 2.3's `lr`).
FailureOr<Optimizer> readOptimizer(ModuleOp module) {
  auto training = module->getAttrOfType<DictionaryAttr>("dlc.training");
  DictionaryAttr opt = training ? training.getAs<DictionaryAttr>("optimizer")
                                : DictionaryAttr();
  if (!opt)
    return module.emitError(
        "dlc-build-train-step: the model has no optimizer: add a dlc: section "
        "with `optimizer: {class_name: RMSprop, config: {lr: 0.001}}` (see "
        "docs/frontend.md)");
  auto name = opt.getAs<StringAttr>("class_name");
  DictionaryAttr config = opt.getAs<DictionaryAttr>("config");
  Optimizer o;
  struct Default {
    const char *key;
    double value;
  };
  SmallVector<Default> defaults;
  StringRef n = name ? name.getValue() : "";
  if (n == "SGD") {
    o.kind = Optimizer::SGD;
    defaults = {{"lr", 0.01}, {"momentum", 0.0}, {"decay", 0.0}};
  } else if (n == "RMSprop") {
    o.kind = Optimizer::RMSprop;
    defaults = {{"lr", 0.001}, {"rho", 0.9}, {"epsilon", 1e-8}, {"decay", 0.0}};
  } else if (n == "Adadelta") {
    o.kind = Optimizer::Adadelta;
    defaults = {{"lr", 1.0}, {"rho", 0.95}, {"epsilon", 1e-8}, {"decay", 0.0}};
  } else if (n == "Adam") {
    o.kind = Optimizer::Adam;
    defaults = {{"lr", 0.001},   {"beta_1", 0.9}, {"beta_2", 0.999},
                {"epsilon", 1e-8}, {"decay", 0.0}};
  } else {
    return module.emitError("dlc-build-train-step: optimizer '")
           << n << "' is not supported; supported: SGD, RMSprop, Adadelta, Adam";
  }
  for (const Default &d : defaults) {
    Attribute v = config ? config.get(d.key) : Attribute();
    if (!v && StringRef(d.key) == "lr" && config)
      v = config.get("learning_rate");
    o.values[d.key] = numberOf(v, d.value);
  }
  if (config)
    if (auto nesterov = config.getAs<BoolAttr>("nesterov"))
      o.nesterov = nesterov.getValue();
  return o;
}

/// The optimizer op for one parameter; returns the new parameter and slots.
SmallVector<Value> buildUpdate(OpBuilder &b, Location loc, const Optimizer &o,
                               Value param, Value grad, ValueRange slots,
                               Value iterations) {
  auto f = [&](StringRef key) { return b.getF64FloatAttr(o.values.lookup(key)); };
  Type t = param.getType();
  Operation *op = nullptr;
  switch (o.kind) {
  case Optimizer::SGD:
    op = b.create<SGDUpdateOp>(loc, TypeRange{t, t}, param, grad, slots[0],
                               iterations, f("lr"), f("momentum"), f("decay"),
                               b.getBoolAttr(o.nesterov));
    break;
  case Optimizer::RMSprop:
    op = b.create<RMSpropUpdateOp>(loc, TypeRange{t, t}, param, grad, slots[0],
                                   iterations, f("lr"), f("rho"), f("epsilon"),
                                   f("decay"));
    break;
  case Optimizer::Adadelta:
    op = b.create<AdadeltaUpdateOp>(loc, TypeRange{t, t, t}, param, grad,
                                    slots[0], slots[1], iterations, f("lr"),
                                    f("rho"), f("epsilon"), f("decay"));
    break;
  case Optimizer::Adam:
    op = b.create<AdamUpdateOp>(loc, TypeRange{t, t, t}, param, grad, slots[0],
                                slots[1], iterations, f("lr"), f("beta_1"),
                                f("beta_2"), f("epsilon"), f("decay"));
    break;
  }
  return SmallVector<Value>(op->getResults());
}

struct BuildTrainStep : dlc::impl::DlcBuildTrainStepBase<BuildTrainStep> {
  void runOnOperation() override {
    if (failed(build()))
      signalPassFailure();
  }

  LogicalResult build() {
    ModuleOp module = getOperation();
    if (module.lookupSymbol("train_step"))
      return module.emitError("dlc-build-train-step: @train_step exists already");
    auto sig = analyzeForward(module, "dlc-build-train-step");
    auto opt = readOptimizer(module);
    if (failed(sig) || failed(opt))
      return failure();
    MLIRContext *ctx = module.getContext();
    func::FuncOp forward = sig->forward;
    Location loc = forward.getLoc();

    // Signature: params, slots (per parameter, consecutively), iterations,
    // inputs, labels -> new params, new slots, loss, correct, iterations + 1.
    unsigned numParams = sig->params.size(), numSlots = opt->slotCount();
    SmallVector<Type> argTypes, resultTypes;
    for (unsigned p : sig->params)
      argTypes.push_back(forward.getArgument(p).getType());
    for (unsigned p : sig->params)
      argTypes.append(numSlots, forward.getArgument(p).getType());
    resultTypes = argTypes;
    auto counterType = RankedTensorType::get({}, IntegerType::get(ctx, 64));
    argTypes.push_back(counterType);
    for (unsigned i : sig->inputs)
      argTypes.push_back(forward.getArgument(i).getType());
    argTypes.push_back(labelsType(*sig));
    Type lossType = RankedTensorType::get({}, sig->output.getElementType());
    resultTypes.push_back(lossType);
    resultTypes.push_back(counterType);
    resultTypes.push_back(counterType);

    OpBuilder b(ctx);
    b.setInsertionPointAfter(forward);
    auto func = b.create<func::FuncOp>(loc, "train_step",
                                       FunctionType::get(ctx, argTypes, resultTypes));
    Block *entry = func.addEntryBlock();
    unsigned iterationsArg = numParams * (1 + numSlots);
    unsigned firstInput = iterationsArg + 1;
    Value iterations = entry->getArgument(iterationsArg);
    Value labels = entry->getArgument(firstInput + sig->inputs.size());

    // Argument attributes say what each argument is.
    SmallVector<StringRef, 2> slotNames = opt->slotNames();
    for (auto [k, p] : llvm::enumerate(sig->params)) {
      copyArgAttrs(*sig, p, func, k);
      auto name = forward.getArgAttrOfType<StringAttr>(p, "dlc.param").getValue();
      for (unsigned s = 0; s < numSlots; ++s) {
        unsigned arg = numParams + k * numSlots + s;
        auto slot = b.getStringAttr(name + "/" + slotNames[s]);
        func.setArgAttr(arg, "dlc.slot", slot);
        func.setResultAttr(arg, "dlc.slot", slot);
      }
      func.setResultAttr(k, "dlc.param", b.getStringAttr(name));
    }
    func.setArgAttr(iterationsArg, "dlc.iterations", b.getUnitAttr());
    for (auto [k, i] : llvm::enumerate(sig->inputs))
      copyArgAttrs(*sig, i, func, firstInput + k);
    func.setArgAttr(firstInput + sig->inputs.size(), "dlc.labels", b.getUnitAttr());
    func.setResultAttr(resultTypes.size() - 3, "dlc.loss", b.getUnitAttr());
    func.setResultAttr(resultTypes.size() - 2, "dlc.correct", b.getUnitAttr());
    func.setResultAttr(resultTypes.size() - 1, "dlc.iterations", b.getUnitAttr());

    // Forward.
    b.setInsertionPointToStart(entry);
    IRMapping map;
    for (auto [k, p] : llvm::enumerate(sig->params))
      map.map(forward.getArgument(p), entry->getArgument(k));
    for (auto [k, i] : llvm::enumerate(sig->inputs))
      map.map(forward.getArgument(i), entry->getArgument(firstInput + k));
    Value probs = cloneForwardBody(b, *sig, map);
    auto ret = b.create<func::ReturnOp>(loc);
    if (failed(flattenTimeDistributed(func)))
      return failure();
    setDropoutStep(func, iterations);
    SmallVector<Operation *> forwardOps;
    for (Operation &op : entry->without_terminator())
      forwardOps.push_back(&op);

    // Loss, metric and the loss gradient.
    b.setInsertionPoint(ret);
    Value loss = b.create<CategoricalCrossentropyOp>(loc, lossType, probs, labels);
    Value correct = b.create<AccuracyOp>(loc, counterType, probs, labels);
    llvm::DenseMap<Value, Value> grads;
    grads[probs] = b.create<CategoricalCrossentropyGradOp>(loc, probs.getType(),
                                                           probs, labels);

    // Reverse sweep over the forward ops.
    for (Operation *op : llvm::reverse(forwardOps)) {
      SmallVector<Value> resultGrads;
      bool any = false;
      for (Value r : op->getResults()) {
        resultGrads.push_back(grads.lookup(r));
        any |= static_cast<bool>(resultGrads.back());
      }
      if (!any)
        continue;
      auto rule = dyn_cast<GradientOpInterface>(op);
      if (!rule)
        return op->emitOpError("has no gradient rule (dlc-build-train-step)");
      if (llvm::is_contained(resultGrads, Value()))
        return op->emitOpError("has a result without gradient; gradient rules "
                               "need every result's gradient");
      SmallVector<Value> operandGrads;
      if (failed(rule.buildGradients(b, resultGrads, operandGrads)))
        return failure();
      if (operandGrads.size() != op->getNumOperands())
        return op->emitOpError("gradient rule returned ")
               << operandGrads.size() << " gradients for "
               << op->getNumOperands() << " operands";
      for (auto [operand, g] : llvm::zip(op->getOperands(), operandGrads)) {
        if (!g)
          continue;
        Value &acc = grads[operand];
        acc = acc ? b.create<AddOp>(op->getLoc(), g.getType(), ValueRange{acc, g})
                        .getResult()
                  : g;
      }
    }

    // Optimizer updates.
    SmallVector<Value> newParams, newSlots;
    for (unsigned k = 0; k < numParams; ++k) {
      Value param = entry->getArgument(k);
      Value g = grads.lookup(param);
      if (!g)
        return forward.emitError("dlc-build-train-step: parameter '")
               << forward.getArgAttrOfType<StringAttr>(sig->params[k], "dlc.param")
                      .getValue()
               << "' does not affect the loss, so it has no gradient";
      auto slots = entry->getArguments().slice(numParams + k * numSlots, numSlots);
      SmallVector<Value> updated =
          buildUpdate(b, param.getLoc(), *opt, param, g, slots, iterations);
      newParams.push_back(updated[0]);
      newSlots.append(updated.begin() + 1, updated.end());
    }
    SmallVector<Value> results(newParams);
    results.append(newSlots);
    results.push_back(loss);
    results.push_back(correct);
    // Last: every op above reads the counter it overwrites.
    b.setInsertionPoint(ret);
    results.push_back(b.create<IncrementOp>(loc, iterations));
    ret->setOperands(results);
    // Gradients nothing reads (those of the model inputs, say) go away.
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*entry)))
      if (isOpTriviallyDead(&op))
        op.erase();
    return success();
  }
};
} // namespace
