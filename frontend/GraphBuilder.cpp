// Builds func @forward from a KerasModel: inputs, parameters, layout switches, and the layer-importer context.
#include "frontend/GraphBuilder.h"

#include "frontend/LayerRegistry.h"

#include <algorithm>
#include <set>

using namespace mlir;

namespace dlc::frontend {

bool Tensor::isInteger() const {
  return isa<IntegerType>(cast<RankedTensorType>(value.getType()).getElementType());
}

//===----------------------------------------------------------------------===//
// LayerContext
//===----------------------------------------------------------------------===//

LayerContext::LayerContext(GraphBuilder &graph, const LayerSpec &spec,
                           OpBuilder &b, std::vector<Tensor> inputs,
                           std::string paramPrefix, int64_t ordinal)
    : graph(graph), spec(spec), config(spec.config), b(b),
      loc(graph.layerLoc(spec)), inputs(std::move(inputs)),
      paramPrefix(std::move(paramPrefix)), ordinal(ordinal) {}

KerasFormat LayerContext::format() const { return graph.model.format; }
int64_t LayerContext::batchSize() const { return graph.batchSize; }

void LayerContext::fail(const std::string &message) const {
  spec.nameNode.withContext(layerContext(spec.name, spec.className)).fail(message);
}

const Tensor &LayerContext::input(bool allowInteger) const {
  if (inputs.size() != 1)
    fail("expects exactly 1 input, got " + std::to_string(inputs.size()));
  if (!allowInteger && inputs[0].isInteger())
    fail("expects a float input, got integer indices (only Embedding takes "
         "an integer Input)");
  return inputs[0];
}

void LayerContext::expectRank(const Tensor &t, int64_t rank,
                              const char *what) const {
  if (t.rank() != rank)
    fail("expects an input of rank " + std::to_string(rank) + " " + what +
         ", got shape " + formatShape(t.shape));
}

Value LayerContext::transpose(Value v, ArrayRef<int64_t> perm,
                              Location at) const {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(type.getDimSize(p));
  return b.create<TransposeOp>(at, RankedTensorType::get(shape, type.getElementType()),
                               v, b.getDenseI64ArrayAttr(perm));
}

Tensor LayerContext::kerasLayout(const Tensor &t) const {
  if (!t.nchw)
    return t;
  auto key = std::make_pair(t.value, 0);
  auto it = graph.layoutCache.find(key);
  Value v = it != graph.layoutCache.end() ? it->second
                                          : transpose(t.value, {0, 3, 1, 2}, t.loc);
  graph.layoutCache[key] = v;
  return Tensor{v, t.shape, false, t.loc};
}

Tensor LayerContext::channelsFirstAsNHWC(const Tensor &t) const {
  if (t.nchw)
    return t;
  auto key = std::make_pair(t.value, 1);
  auto it = graph.layoutCache.find(key);
  Value v = it != graph.layoutCache.end() ? it->second
                                          : transpose(t.value, {0, 2, 3, 1}, t.loc);
  graph.layoutCache[key] = v;
  return Tensor{v, t.shape, true, t.loc};
}

RankedTensorType LayerContext::floatType(const std::vector<int64_t> &shape) const {
  return RankedTensorType::get(shape, b.getF32Type());
}

void LayerContext::checkShape(const std::vector<int64_t> &shape,
                              const std::string &what) const {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 1)
      fail(what + " shape " + formatShape(shape) +
           " has an empty dimension (the layer does not fit its input)");
    if (d > kMaxDimSize)
      fail(what + " shape " + formatShape(shape) + " has a dimension above 2^31 - 1");
    if (count > kMaxElements / d)
      fail(what + " shape " + formatShape(shape) +
           " has more than 2^40 elements");
    count *= d;
  }
}

Tensor LayerContext::result(Value v, std::vector<int64_t> shape, bool nchw) const {
  return Tensor{v, std::move(shape), nchw, loc};
}

Value LayerContext::param(const std::string &name,
                          const std::vector<int64_t> &shape,
                          const Initializer &init) const {
  std::string full = paramPrefix + "/" + name;
  auto it = graph.paramIndex.find(full);
  if (it != graph.paramIndex.end()) {
    const GraphBuilder::Param &p = graph.params[it->second];
    if (p.shape != shape)
      fail("is called again on an input of another shape: its weight '" +
           name + "' is " + formatShape(p.shape) +
           " from its first call, this call needs " + formatShape(shape));
    return p.arg;
  }
  checkShape(shape, "weight '" + name + "'");
  BlockArgument arg = graph.entry->addArgument(floatType(shape), loc);
  SmallVector<NamedAttribute> fields{
      b.getNamedAttr("kind", b.getStringAttr(init.kind))};
  for (const Initializer::Field &f : init.fields) {
    Attribute a;
    switch (f.type) {
    case Initializer::Field::Float:
      a = b.getF64FloatAttr(f.f);
      break;
    case Initializer::Field::String:
      a = b.getStringAttr(f.s);
      break;
    case Initializer::Field::Int:
      a = b.getI64IntegerAttr(f.i);
      break;
    }
    fields.push_back(b.getNamedAttr(f.key, a));
  }
  graph.paramIndex[full] = graph.params.size();
  graph.params.push_back({full, arg, b.getDictionaryAttr(fields), ordinal,
                          graph.params.size(), shape});
  return arg;
}

Initializer LayerContext::initializer(std::initializer_list<const char *> keys,
                                      const std::string &defaultName) const {
  return readInitializer(config.findAny(keys), defaultName, format(), config);
}

ActivationSpec LayerContext::activation(const ConfigNode &node,
                                        bool allowSoftmax) const {
  ActivationSpec spec;
  if (node.isNull())
    return spec;
  std::string name;
  if (node.isMap()) {
    // Keras 3 may serialise a built-in activation as
    // {class_name: function, config: relu}.
    ConfigNode cfg = node.get("config");
    if (node.getString("class_name") != "function" || !cfg.isScalar())
      node.failField("must be the name of an activation, got " + node.describe());
    name = cfg.asString();
  } else {
    name = node.asString();
  }
  static const char *kSupported =
      "linear, relu, tanh, sigmoid, hard_sigmoid, elu, softmax";
  if (name == "linear" || name == "None")
    spec.kind = Activation::linear;
  else if (name == "relu")
    spec.kind = Activation::relu;
  else if (name == "tanh")
    spec.kind = Activation::tanh;
  else if (name == "sigmoid")
    spec.kind = Activation::sigmoid;
  else if (name == "hard_sigmoid")
    // Keras 3 redefined hard_sigmoid as relu6(x + 3) / 6.
    spec.kind = format() == KerasFormat::Keras3 ? Activation::hard_sigmoid6
                                                : Activation::hard_sigmoid;
  else if (name == "elu")
    spec.kind = Activation::elu;
  else if (name == "softmax") {
    if (!allowSoftmax)
      node.failField("softmax is not supported here (only an element-wise "
                     "activation is)");
    spec.softmax = true;
  } else {
    node.failField("has unsupported activation '" + name + "'; supported: " +
                   kSupported);
  }
  return spec;
}

Activation LayerContext::recurrentActivation(
    std::initializer_list<const char *> keys, const char *defaultName) const {
  auto node = config.findAny(keys);
  if (!node || node->isNull()) {
    YAML::Node n(defaultName);
    return activation(ConfigNode(n, nullptr).at(config), false).kind;
  }
  return activation(*node, false).kind;
}

Tensor LayerContext::applyActivation(const Tensor &t,
                                     const ActivationSpec &act) const {
  if (act.softmax) {
    // Softmax runs over Keras' last axis, so the value needs Keras' layout.
    Tensor k = kerasLayout(t);
    Value v = b.create<SoftmaxOp>(loc, k.value.getType(), k.value,
                                  b.getI64IntegerAttr(-1));
    return result(v, k.shape);
  }
  if (act.kind == Activation::linear)
    return t;
  Value v = b.create<ActivationOp>(loc, t.value.getType(), act.kind, t.value,
                                   FloatAttr(), FloatAttr(), FloatAttr());
  return result(v, t.shape, t.nchw);
}

void LayerContext::rejectOptions(std::initializer_list<const char *> keys) const {
  for (const char *k : keys) {
    auto node = config.find(k);
    if (!node || node->isFalsy())
      continue;
    node->failField("is not supported (it changes what the layer computes or "
                    "how it trains), got " +
                    node->describe());
  }
}

void LayerContext::checkCommonOptions() const {
  if (auto dtype = config.find("dtype"); dtype && !dtype->isNull()) {
    std::string name;
    if (dtype->isMap()) {
      // Keras 3 dtype policy: {class_name: DTypePolicy, config: {name: float32}}.
      ConfigNode cfg = dtype->get("config");
      name = cfg.isMap() ? cfg.getString("name") : cfg.asString();
    } else {
      name = dtype->asString();
    }
    if (name != "float32")
      dtype->failField("must be float32 (dlc computes in float32), got '" +
                       name + "'");
  }
  if (auto t = config.find("trainable"); t && !t->isNull() && !t->asBool())
    t->failField("false is not supported: dlc trains every layer's weights");
}

bool LayerContext::channelsFirst() const {
  if (auto df = config.find("data_format"); df && !df->isNull()) {
    std::string v = df->asString();
    if (v == "channels_last")
      return false;
    if (v == "channels_first")
      return true;
    df->failField("must be channels_last or channels_first, got " + df->describe());
  }
  if (auto dim = config.find("dim_ordering"); dim && !dim->isNull()) {
    std::string v = dim->asString();
    if (v == "tf" || v == "default")
      return false;
    if (v == "th")
      return true;
    dim->failField("must be tf or th, got " + dim->describe());
  }
  return false;
}

//===----------------------------------------------------------------------===//
// GraphBuilder
//===----------------------------------------------------------------------===//

GraphBuilder::GraphBuilder(MLIRContext &context, const KerasModel &model,
                           int64_t batchSize)
    : context(context), model(model), batchSize(batchSize) {}

Location GraphBuilder::posLoc(const SourcePos &pos) const {
  return FileLineColLoc::get(&context, pos.file, pos.line, pos.col);
}

Location GraphBuilder::layerLoc(const LayerSpec &spec) const {
  return NameLoc::get(StringAttr::get(&context, spec.name),
                      posLoc(spec.node.valuePos()));
}

Tensor GraphBuilder::importLayer(const LayerSpec &spec, OpBuilder &b,
                                 std::vector<Tensor> inputs,
                                 const std::string &paramPrefix,
                                 int64_t ordinal) {
  LayerImporter importer = findLayerImporter(spec.className);
  if (!importer) {
    ConfigNode where = spec.node.isMap() ? spec.node.get("class_name") : spec.node;
    where.withContext(layerContext(spec.name, spec.className))
        .fail("unknown layer class '" + spec.className +
              "'; supported layers: " + supportedLayerList());
  }
  LayerContext ctx(*this, spec, b, std::move(inputs), paramPrefix, ordinal);
  Tensor out = importer(ctx);
  ctx.checkShape(out.shape, "output");
  return out;
}

namespace {
/// dtype of an InputLayer: Keras 2 string, Keras 3 string or policy, Keras 1
/// `input_dtype`. Returns true for integer types.
bool readInputDtype(const ConfigNode &cfg) {
  auto dtype = cfg.findAny({"dtype", "input_dtype"});
  if (!dtype || dtype->isNull())
    return false;
  std::string name;
  if (dtype->isMap()) {
    ConfigNode c = dtype->get("config");
    name = c.isMap() ? c.getString("name") : c.asString();
  } else {
    name = dtype->asString();
  }
  if (name == "float32")
    return false;
  for (const char *i : {"int32", "int64", "int16", "int8", "uint8", "uint16",
                        "uint32", "uint64"})
    if (name == i)
      return true;
  dtype->failField("must be float32 or an integer type (dlc inputs are f32 or "
                   "i32), got '" + name + "'");
}
} // namespace

/// "--input-shape input_1=D1xD2 (every dimension but the batch; the model
/// file leaves some open)".
static std::string inputShapeHint(const std::string &name, size_t rank) {
  std::string dims;
  for (size_t i = 0; i < rank; ++i)
    dims += (i ? "x" : "") + std::string("D") + std::to_string(i + 1);
  return "give its size with --input-shape " + name + "=" + (dims.empty() ? "D1" : dims) +
         " (every dimension but the batch)";
}

Tensor GraphBuilder::importInput(const LayerSpec &spec, bool feedsEmbedding) {
  const ConfigNode &cfg = spec.config;
  std::vector<int64_t> dims;
  std::optional<ConfigNode> shapeNode =
      cfg.findAny({"batch_input_shape", "batch_shape"});
  // --input-shape for this input (or, by "", for the only one).
  const std::vector<int64_t> *pinned = nullptr;
  if (auto it = inputShapes.find(spec.name); it != inputShapes.end())
    pinned = &it->second;
  else if (auto only = inputShapes.find(""); only != inputShapes.end() && model.inputs.size() == 1)
    pinned = &only->second;
  // The file's dimensions (nullopt where it says null) against the pinned ones.
  auto resolve = [&](const std::vector<ConfigNode> &elems, size_t first) {
    const size_t rank = elems.size() - first;
    if (pinned && pinned->size() != rank)
      elems.front().fail("--input-shape " + spec.name + " gives " +
                         std::to_string(pinned->size()) + " dimension(s), the input has " +
                         std::to_string(rank) + " besides the batch");
    for (size_t i = first; i < elems.size(); ++i) {
      if (elems[i].isNull()) {
        if (!pinned)
          elems[i].failField("is null (Keras leaves this size open) and dlc compiles for fixed "
                             "sizes: " + inputShapeHint(spec.name, rank));
        dims.push_back((*pinned)[i - first]);
        continue;
      }
      int64_t d = elems[i].asInt(1, kMaxDimSize);
      if (pinned && (*pinned)[i - first] != d)
        elems[i].failField("is " + std::to_string(d) + " in the model file, --input-shape " +
                           spec.name + " gives " + std::to_string((*pinned)[i - first]));
      dims.push_back(d);
    }
  };
  if (shapeNode && !shapeNode->isNull()) {
    std::vector<ConfigNode> elems = shapeNode->elements();
    if (elems.empty())
      shapeNode->failField("must list the batch dimension and the input's "
                           "dimensions, got an empty list");
    if (!elems[0].isNull()) {
      int64_t fixed = elems[0].asInt(1, kMaxDimSize);
      if (fixed != batchSize)
        elems[0].failField(
            "fixes the batch size to " + std::to_string(fixed) +
            ", but the model is compiled for batch size " +
            std::to_string(batchSize) +
            " (set the batch size to " + std::to_string(fixed) + ")");
    }
    resolve(elems, 1);
  } else if (auto s = cfg.find("input_shape"); s && !s->isNull()) {
    std::vector<ConfigNode> elems = s->elements();
    if (elems.empty())
      s->failField("must list the input's dimensions, got an empty list");
    resolve(elems, 0);
  } else if (std::optional<ConfigNode> bs = model.config;
             spec.synthesized && bs->isMap() && bs->hasValue("build_input_shape")) {
    // Keras 3 Sequential built with model.build(shape).
    std::vector<ConfigNode> elems = bs->get("build_input_shape").elements();
    if (elems.empty())
      bs->get("build_input_shape").failField("must list the batch dimension and the input's "
                                             "dimensions, got an empty list");
    resolve(elems, 1);
  } else if (spec.synthesized) {
    spec.nameNode.withContext(cfg.context())
        .fail("the first layer of a Sequential model must give the model's "
              "input shape ('batch_input_shape')");
  } else {
    cfg.get("batch_input_shape");
  }
  if (auto sparse = cfg.find("sparse"); sparse && !sparse->isFalsy())
    sparse->failField("true is not supported: dlc inputs are dense tensors");
  if (auto ragged = cfg.find("ragged"); ragged && !ragged->isFalsy())
    ragged->failField("true is not supported: dlc inputs are dense tensors");
  // A synthesised input reads the first layer's dtype: that is its compute
  // dtype, not the input's, except for Keras 1's `input_dtype`.
  bool isInt = feedsEmbedding ||
               (!spec.synthesized ? readInputDtype(cfg)
                                  : (cfg.find("input_dtype") && readInputDtype(cfg)));

  std::vector<int64_t> shape{batchSize};
  shape.insert(shape.end(), dims.begin(), dims.end());
  OpBuilder b(&context);
  b.setInsertionPointToEnd(entry);
  LayerContext ctx(*this, spec, b, {}, spec.name, spec.ordinal);
  ctx.checkShape(shape, "input");
  Type elem = isInt ? Type(b.getI32Type()) : Type(b.getF32Type());
  BlockArgument arg =
      entry->addArgument(RankedTensorType::get(shape, elem), layerLoc(spec));
  return Tensor{arg, shape, false, layerLoc(spec)};
}

void GraphBuilder::reorderParams(size_t numInputs) {
  std::vector<size_t> order(params.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return params[a].ordinal < params[b].ordinal;
  });
  bool sorted = true;
  for (size_t i = 0; i < order.size(); ++i)
    sorted &= order[i] == i;
  if (sorted)
    return;
  // Parameters were created in evaluation order; @forward lists them in
  // layer order. Re-create the arguments in that order.
  std::vector<Param> reordered;
  for (size_t i : order) {
    Param p = params[i];
    BlockArgument fresh =
        entry->addArgument(p.arg.getType(), p.arg.getLoc());
    p.arg.replaceAllUsesWith(fresh);
    p.arg = fresh;
    reordered.push_back(p);
  }
  entry->eraseArguments(numInputs, params.size());
  params = std::move(reordered);
  paramIndex.clear();
  for (size_t i = 0; i < params.size(); ++i)
    paramIndex[params[i].name] = i;
}

void GraphBuilder::build(ModuleOp module) {
  OpBuilder b(&context);
  Location rootLoc = posLoc(model.root.valuePos());
  b.setInsertionPointToEnd(module.getBody());
  auto func = b.create<func::FuncOp>(rootLoc, "forward", b.getFunctionType({}, {}));
  entry = func.addEntryBlock();
  b.setInsertionPointToStart(entry);

  std::set<std::string> embeddingInputs;
  for (const LayerSpec &l : model.layers)
    if (l.className == "Embedding")
      for (const LayerCall &c : l.calls)
        for (const TensorRef &r : c.inputs)
          embeddingInputs.insert(r.layer);

  // Every --input-shape names an input of the model.
  for (const auto &[name, dims] : inputShapes) {
    bool known = name.empty() && model.inputs.size() == 1;
    std::string names;
    for (const TensorRef &ref : model.inputs) {
      known |= ref.layer == name;
      names += (names.empty() ? "" : ", ") + ref.layer;
    }
    if (!known)
      throw ImportError{model.root.valuePos(),
                        name.empty() ? "--input-shape without a NAME= needs a model with one "
                                       "input; this one has " + names
                                     : "--input-shape names '" + name +
                                           "', which is not an input of the model (its inputs: " +
                                           names + ")"};
  }
  std::vector<std::string> inputNames;
  for (const TensorRef &ref : model.inputs) {
    size_t li = model.layerIndex.at(ref.layer);
    Tensor t = importInput(model.layers[li], embeddingInputs.count(ref.layer) > 0);
    values.emplace(std::make_pair(li, size_t(0)), t);
    inputNames.push_back(ref.layer);
  }
  size_t numInputs = inputNames.size();

  for (auto [li, ci] : topologicalOrder(model)) {
    const LayerSpec &spec = model.layers[li];
    if (spec.isInput())
      continue;
    std::vector<Tensor> inputs;
    for (const TensorRef &r : spec.calls[ci].inputs)
      inputs.push_back(values.at({model.layerIndex.at(r.layer), size_t(r.node)}));
    Tensor out = importLayer(spec, b, std::move(inputs), spec.name, spec.ordinal);
    values.emplace(std::make_pair(li, ci), out);
  }

  SmallVector<Value> results;
  std::vector<std::string> outputNames;
  for (const TensorRef &ref : model.outputs) {
    size_t li = model.layerIndex.at(ref.layer);
    const Tensor &t = values.at({li, size_t(ref.node)});
    LayerContext ctx(*this, model.layers[li], b, {}, "", 0);
    results.push_back(ctx.kerasLayout(t).value);
    outputNames.push_back(ref.layer);
  }
  b.create<func::ReturnOp>(rootLoc, results);

  reorderParams(numInputs);
  SmallVector<Type> argTypes(entry->getArgumentTypes());
  SmallVector<Type> resultTypes;
  for (Value v : results)
    resultTypes.push_back(v.getType());
  func.setFunctionType(b.getFunctionType(argTypes, resultTypes));
  for (size_t i = 0; i < numInputs; ++i)
    func.setArgAttrs(i, b.getDictionaryAttr({b.getNamedAttr(
                            "dlc.input", b.getStringAttr(inputNames[i]))}));
  for (size_t i = 0; i < params.size(); ++i)
    func.setArgAttrs(numInputs + i,
                     b.getDictionaryAttr(
                         {b.getNamedAttr("dlc.param", b.getStringAttr(params[i].name)),
                          b.getNamedAttr("dlc.init", params[i].init)}));
  for (size_t i = 0; i < outputNames.size(); ++i)
    func.setResultAttrs(i, b.getDictionaryAttr({b.getNamedAttr(
                               "dlc.output", b.getStringAttr(outputNames[i]))}));
}

} // namespace dlc::frontend
