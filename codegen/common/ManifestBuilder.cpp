// Builds the target-independent part of a bundle manifest from planned dlc functions.
#include "codegen/common/ManifestBuilder.h"

#include "ir/DlcOps.h"
#include "passes/FlopCount.h"

#include "abi/BundleContainer.h"
#include "abi/Initializers.h"
#include "abi/ManifestSchema.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

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
std::optional<abi::DType> dtypeOf(Type t) {
  if (t.isF32())
    return abi::DType::F32;
  if (t.isF64())
    return abi::DType::F64;
  if (t.isInteger(32))
    return abi::DType::I32;
  if (t.isInteger(64))
    return abi::DType::I64;
  return std::nullopt;
}

std::string name(const char *n) { return n; }

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
  m["format_version"] = abi::kManifestFormatVersion;
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
  m["regions"] = json::object();
  for (abi::Region r : {abi::Region::State, abi::Region::Io, abi::Region::Arena})
    m["regions"][name(abi::regionName(r))] = plan.regionBytes(r);
  json tensors = json::array();
  for (const PlannedTensor &t : plan.tensors()) {
    std::optional<abi::DType> dtype = dtypeOf(t.type.getElementType());
    if (!dtype)
      return module.emitError("bundle: tensor '")
             << t.name << "' has element type " << t.type.getElementType()
             << "; bundles hold f32, f64, i32 and i64";
    json entry = {{"name", t.name},
                  {"dtype", name(abi::dtypeName(*dtype))},
                  {"shape", std::vector<int64_t>(t.type.getShape())},
                  {"region", name(abi::regionName(t.region))},
                  {"offset", t.offset},
                  {"role", name(abi::roleName(t.role))}};
    if (t.role == abi::Role::Param) {
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
      if (t.region == abi::Region::Io)
        f["inputs"].push_back(plan.tensorOf(arg));
    }
    Block &block = func.getBody().front();
    for (Value v : block.getTerminator()->getOperands())
      if (plan.tensors()[plan.tensorOf(v)].region == abi::Region::Io)
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

json compiledManifest(json m, const BufferPlan &plan, ArrayRef<StringRef> functions,
                      std::vector<int> &remap) {
  remap.assign(plan.tensors().size(), -1);
  json tensors = json::array();
  for (size_t i = 0; i < plan.tensors().size(); ++i) {
    if (plan.tensors()[i].region == abi::Region::Arena)
      continue;
    remap[i] = int(tensors.size());
    tensors.push_back(m["tensors"][i]);
  }
  m["tensors"] = std::move(tensors);
  m["regions"]["arena"] = 0;
  for (StringRef name : functions) {
    json &f = m["functions"][name.str()];
    for (auto &index : f["inputs"])
      index = remap[index.get<size_t>()];
    for (auto &index : f["outputs"])
      index = remap[index.get<size_t>()];
    f["steps"] = json::array();
  }
  return m;
}

std::string irHash(func::FuncOp func) {
  std::string ir;
  llvm::raw_string_ostream os(ir);
  func->print(os, OpPrintingFlags().printGenericOpForm());
  return llvm::utohexstr(llvm::xxh3_64bits(ir));
}

int64_t forwardBatchSize(ModuleOp module) {
  auto forward = module.lookupSymbol<func::FuncOp>("forward");
  return forward ? cast<RankedTensorType>(forward.getResultTypes()[0]).getDimSize(0) : 0;
}

FailureOr<std::string> initialState(ModuleOp module, const BufferPlan &plan, uint64_t seed) {
  std::string state(plan.regionBytes(abi::Region::State), '\0');
  uint32_t paramIndex = 0;
  for (const PlannedTensor &t : plan.tensors()) {
    if (t.role != abi::Role::Param)
      continue;
    if (!t.init)
      return module.emitError("bundle: parameter '") << t.name << "' has no dlc.init initialiser";
    abi::InitFields fields;
    for (NamedAttribute a : t.init) {
      abi::InitField f;
      if (auto s = dyn_cast<StringAttr>(a.getValue())) {
        f.type = abi::InitField::Type::String;
        f.text = s.str();
      } else if (auto v = dyn_cast<FloatAttr>(a.getValue())) {
        f.type = abi::InitField::Type::Number;
        f.number = v.getValueAsDouble();
      } else if (auto v = dyn_cast<IntegerAttr>(a.getValue())) {
        f.type = abi::InitField::Type::Number;
        f.number = double(v.getValue().getSExtValue());
      } else {
        llvm::raw_string_ostream(f.text) << a.getValue();
      }
      fields[a.getName().str()] = std::move(f);
    }
    abi::Expected<abi::InitSpec> spec = abi::parseInitSpec(fields);
    abi::Error error = spec ? abi::Error{} : spec.error();
    if (spec && abi::initializeTensor(*spec, std::vector<int64_t>(t.type.getShape()), seed,
                                      paramIndex, *dtypeOf(t.type.getElementType()),
                                      state.data() + t.offset, &error)) {
      ++paramIndex;
      continue;
    }
    return module.emitError("bundle: parameter '") << t.name << "': " << error.message;
  }
  return state;
}

FailureOr<std::string> writeBundle(ModuleOp module, const json &manifest,
                                   std::string_view state, StringRef target,
                                   const std::vector<abi::Section> &sections) {
  abi::Expected<std::string> bytes =
      abi::writeBundleContainer(manifest.dump(1), state, sections);
  if (!bytes)
    return module.emitError(target) << ": " << bytes.error().message;
  return std::move(*bytes);
}

} // namespace dlc
