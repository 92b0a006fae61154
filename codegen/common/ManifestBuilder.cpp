// Builds the target-independent part of a bundle manifest from planned dlc functions.
#include "codegen/common/ManifestBuilder.h"

#include "ir/DlcOps.h"
#include "passes/FlopCount.h"
#include "runtime/bundle/BundleWriter.h"
#include "runtime/bundle/Manifest.h"
#include "runtime/init/Initializers.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;
using json = nlohmann::json;

namespace dlc {

json attributeToJson(Attribute attr) {
  if (auto b = dyn_cast<BoolAttr>(attr))
    return b.getValue();
  if (auto i = dyn_cast<IntegerAttr>(attr))
    return i.getType().isUnsignedInteger() ? json(i.getValue().getZExtValue())
                                           : json(i.getValue().getSExtValue());
  if (auto f = dyn_cast<FloatAttr>(attr))
    return f.getValueAsDouble();
  if (auto s = dyn_cast<StringAttr>(attr))
    return s.str();
  if (auto a = dyn_cast<DenseI64ArrayAttr>(attr))
    return json(std::vector<int64_t>(a.asArrayRef()));
  if (auto a = dyn_cast<ArrayAttr>(attr)) {
    json list = json::array();
    for (Attribute e : a)
      list.push_back(attributeToJson(e));
    return list;
  }
  if (auto d = dyn_cast<DictionaryAttr>(attr)) {
    json object = json::object();
    for (NamedAttribute e : d)
      object[e.getName().str()] = attributeToJson(e.getValue());
    return object;
  }
  if (isa<UnitAttr>(attr))
    return true;
  std::string text;
  llvm::raw_string_ostream(text) << attr;
  return text;
}

namespace {
const char *dtypeName(Type t) {
  if (t.isF32())
    return "f32";
  if (t.isF64())
    return "f64";
  if (t.isInteger(32))
    return "i32";
  if (t.isInteger(64))
    return "i64";
  return nullptr;
}

const char *regionName(BufferRegion r) {
  switch (r) {
  case BufferRegion::State:
    return "state";
  case BufferRegion::Io:
    return "io";
  case BufferRegion::Arena:
    return "arena";
  }
  return "arena";
}

/// The op's attributes with defaults filled in and enums by name.
json opAttributes(Operation *op) {
  NamedAttrList attrs;
  if (auto props = dyn_cast_or_null<DictionaryAttr>(op->getPropertiesAsAttribute()))
    attrs.append(props.getValue());
  attrs.append(op->getDiscardableAttrs());
  op->getName().populateDefaultAttrs(attrs);
  json object = json::object();
  for (NamedAttribute a : attrs) {
    StringRef key = a.getName().getValue();
    if (key == "operandSegmentSizes" || key == "resultSegmentSizes")
      continue;
    auto i = dyn_cast<IntegerAttr>(a.getValue());
    if (i && key == "padding") {
      object[key.str()] = stringifyPadding(static_cast<Padding>(i.getInt())).str();
    } else if (i && (key == "kind" || key == "activation" ||
                     key == "recurrent_activation")) {
      object[key.str()] =
          stringifyActivation(static_cast<Activation>(i.getInt())).str();
    } else {
      object[key.str()] = attributeToJson(a.getValue());
    }
  }
  return object;
}
} // namespace

FailureOr<json> buildManifest(ModuleOp module, const BufferPlan &plan,
                              ArrayRef<StringRef> functions, StringRef target,
                              int64_t batchSize, uint64_t seed,
                              StringRef modelPath) {
  json m = json::object();
  m["format_version"] = 1;
  m["target"] = target.str();
  m["producer"] = "dlc 0.1";
  json model = json::object();
  if (auto attr = module->getAttrOfType<DictionaryAttr>("dlc.model"))
    model = attributeToJson(attr);
  model["source"] = modelPath.str();
  m["model"] = model;
  m["training"] = json::object();
  if (auto training = module->getAttrOfType<DictionaryAttr>("dlc.training"))
    m["training"] = attributeToJson(training);
  m["batch_size"] = batchSize;
  m["seed"] = seed;
  m["regions"] = {{"state", plan.regionBytes(BufferRegion::State)},
                  {"io", plan.regionBytes(BufferRegion::Io)},
                  {"arena", plan.regionBytes(BufferRegion::Arena)}};
  json tensors = json::array();
  for (const PlannedTensor &t : plan.tensors()) {
    const char *dtype = dtypeName(t.type.getElementType());
    if (!dtype)
      return module.emitError("bundle: tensor '")
             << t.name << "' has element type " << t.type.getElementType()
             << "; bundles hold f32, f64, i32 and i64";
    json entry = {{"name", t.name},
                  {"dtype", dtype},
                  {"shape", std::vector<int64_t>(t.type.getShape())},
                  {"region", regionName(t.region)},
                  {"offset", t.offset},
                  {"role", t.role}};
    if (t.role == "param") {
      if (!t.init)
        return module.emitError("bundle: parameter '")
               << t.name << "' has no dlc.init initialiser";
      entry["init"] = attributeToJson(t.init);
    }
    tensors.push_back(std::move(entry));
  }
  m["tensors"] = std::move(tensors);

  json fns = json::object();
  for (StringRef name : functions) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    json f = {{"inputs", json::array()}, {"outputs", json::array()},
              {"steps", json::array()}};
    for (BlockArgument arg : func.getArguments()) {
      const PlannedTensor &t = plan.tensors()[plan.tensorOf(arg)];
      if (t.region == BufferRegion::Io)
        f["inputs"].push_back(plan.tensorOf(arg));
    }
    Block &block = func.getBody().front();
    for (Value v : block.getTerminator()->getOperands())
      if (plan.tensors()[plan.tensorOf(v)].region == BufferRegion::Io)
        f["outputs"].push_back(plan.tensorOf(v));
    for (Operation &op : block.without_terminator()) {
      json step = {{"op", op.getName().getStringRef().str()},
                   {"in", json::array()},
                   {"out", json::array()},
                   {"attrs", opAttributes(&op)}};
      for (Value v : op.getOperands())
        step["in"].push_back(plan.tensorOf(v));
      for (Value v : op.getResults())
        step["out"].push_back(plan.tensorOf(v));
      f["steps"].push_back(std::move(step));
    }
    fns[name.str()] = std::move(f);
  }
  m["functions"] = std::move(fns);
  // The compiler's FLOP count per call of each function (passes/FlopCount.h);
  // informational: the runtime does not read it.
  json flops = json::object();
  for (StringRef name : functions) {
    FlopCount count = countFlops(module.lookupSymbol<func::FuncOp>(name));
    flops[name.str()] = count.total;
    if (name == "train_step")
      flops["train_step_by_op"] = count.byOp;
  }
  m["flops"] = std::move(flops);
  return m;
}

int64_t forwardBatchSize(ModuleOp module) {
  auto forward = module.lookupSymbol<func::FuncOp>("forward");
  return forward ? cast<RankedTensorType>(forward.getResultTypes()[0]).getDimSize(0) : 0;
}

FailureOr<std::string> writeBundle(ModuleOp module, const json &manifest, uint64_t seed,
                                   StringRef target,
                                   std::vector<std::pair<std::string, std::string>> sections) {
  std::string text = manifest.dump(1);
  auto parsed = rt::bundle::parseManifest(text);
  if (!parsed.ok())
    return module.emitError(target) << ": the manifest does not validate: "
                                    << parsed.status().message();
  auto state = rt::init::initialStateBytes(*parsed, seed);
  if (!state.ok())
    return module.emitError(target) << ": initial state: " << state.status().message();
  rt::bundle::BundleWriter writer;
  writer.setManifest(std::move(text));
  writer.setState(std::move(*state));
  for (auto &[name, bytes] : sections)
    if (auto status = writer.addSection(name, std::move(bytes)); !status.ok())
      return module.emitError(target) << ": " << status.message();
  auto bytes = writer.serialize();
  if (!bytes.ok())
    return module.emitError(target) << ": " << bytes.status().message();
  return std::move(*bytes);
}

} // namespace dlc
