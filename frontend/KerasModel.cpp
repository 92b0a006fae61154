// Normalises Keras 1/2/3 Sequential and functional configs into one layer graph, and orders it.
#include "frontend/KerasModel.h"

#include <algorithm>
#include <set>

namespace dlc::frontend {

const char *formatName(KerasFormat format) {
  switch (format) {
  case KerasFormat::Keras1:
    return "keras1";
  case KerasFormat::Keras2Yaml:
    return "keras2-yaml";
  case KerasFormat::Keras2Json:
    return "keras2-json";
  case KerasFormat::Keras3:
    return "keras3";
  }
  return "keras2-yaml";
}

std::string layerContext(const std::string &name, const std::string &className) {
  return "layer '" + name + "' (" + className + "): ";
}

const LayerSpec *KerasModel::findLayer(const std::string &name) const {
  auto it = layerIndex.find(name);
  return it == layerIndex.end() ? nullptr : &layers[it->second];
}

namespace {

/// Config keys only Keras 1 wrote; a file without keras_version that uses
/// them is read as Keras 1 (initialiser defaults differ).
bool hasKeras1Keys(const ConfigNode &layerConfig) {
  if (!layerConfig.isMap())
    return false;
  for (const char *k : {"nb_filter", "nb_row", "border_mode", "dim_ordering",
                        "subsample", "inner_init", "inner_activation", "init",
                        "input_dtype", "W_regularizer", "forget_bias_init"})
    if (layerConfig.find(k))
      return true;
  return false;
}

/// Keyword arguments recorded with a layer call. `training` is the mode the
/// model was traced in; Keras overrides it on every real call (fit/predict),
/// so it carries no meaning. Any other non-null argument (a mask tensor, a
/// constant) would change the computation.
void checkCallKwargs(const ConfigNode &kwargs) {
  for (auto &[key, value] : kwargs.entries()) {
    if (key == "training" || value.isNull())
      continue;
    value.fail("call keyword argument '" + key +
               "' is not supported (it may change what the layer computes)");
  }
}

class ModelReader {
public:
  ModelReader(KerasModel &model) : model(model) {}

  void read(const ConfigNode &root, bool jsonSyntax,
            const std::optional<std::string> &archiveVersion,
            const std::string &defaultName);

private:
  LayerSpec &addLayer(const ConfigNode &entry, std::string className,
                      std::string name, const ConfigNode &nameNode);
  TensorRef addSequential(const ConfigNode &list, std::optional<TensorRef> prev,
                          int depth);
  std::vector<TensorRef> readMergeBranches(const ConfigNode &layersNode,
                                           int depth);
  void readFunctional(const ConfigNode &config);
  std::vector<LayerCall> readInboundNodes(const ConfigNode &inbound);
  TensorRef readRef(const ConfigNode &ref, bool allowKwargs);
  TensorRef readKerasTensor(const ConfigNode &tensor);
  std::vector<TensorRef> readRefList(const ConfigNode &list);
  void checkRefs();
  void detectFormat(const ConfigNode &root, bool jsonSyntax);

  KerasModel &model;
  int64_t synthesizedCount = 0;
};

LayerSpec &ModelReader::addLayer(const ConfigNode &entry, std::string className,
                                 std::string name, const ConfigNode &nameNode) {
  if (name.empty())
    nameNode.failField("must be a non-empty layer name");
  if (const LayerSpec *prev = model.findLayer(name))
    nameNode.fail("duplicate layer name '" + name +
                  "' (first used at line " +
                  std::to_string(prev->node.valuePos().line) + ")");
  LayerSpec spec;
  spec.className = std::move(className);
  spec.name = std::move(name);
  spec.node = entry;
  spec.nameNode = nameNode;
  // The position among the layers the file spells out (a Sequential
  // model's implicit input shares its first layer's ordinal).
  spec.ordinal = static_cast<int64_t>(model.layers.size()) - synthesizedCount;
  model.layerIndex[spec.name] = model.layers.size();
  model.layers.push_back(std::move(spec));
  return model.layers.back();
}

/// Reads the class name and config of one layer entry.
static void readEntry(const ConfigNode &entry, std::string &className,
                      ConfigNode &config, ConfigNode &nameNode,
                      std::string &name) {
  if (!entry.isMap())
    entry.fail("each layer must be a mapping with 'class_name' and 'config', "
               "got " +
               entry.describe());
  auto cls = entry.find("class_name");
  auto cfg = entry.find("config");
  // The layer's name, for the messages: config.name, else the entry's name.
  std::optional<ConfigNode> configName;
  if (cfg && cfg->isMap())
    configName = cfg->find("name");
  auto entryName = entry.find("name");
  std::string guess = configName && configName->isScalar() ? configName->asString()
                      : entryName && entryName->isScalar() ? entryName->asString()
                                                           : "";
  if (!cls) {
    ConfigNode e = entry;
    if (!guess.empty())
      e = e.withContext("layer '" + guess + "': ");
    e.fail("missing required field 'class_name' (the layer's Keras class)");
  }
  className = cls->asString();
  std::string ctx = guess.empty() ? "layer (" + className + "): "
                                  : layerContext(guess, className);
  if (!cfg)
    entry.withContext(ctx).fail("missing required field 'config'");
  config = *cfg;
  if (!config.isMap())
    config.withContext(ctx).failField("must be a mapping, got " +
                                      config.describe());
  // Keras uses the entry's name for references; config.name is where the
  // layer is blamed, since every Keras version writes it.
  if (entryName && !entryName->isNull())
    name = entryName->asString();
  else
    name = config.withContext(ctx).get("name").asString();
  nameNode = configName && !configName->isNull() ? *configName : *entryName;
  config = config.withAnchor(nameNode);
}

TensorRef ModelReader::addSequential(const ConfigNode &list,
                                     std::optional<TensorRef> prev, int depth) {
  std::vector<ConfigNode> entries = list.elements();
  if (entries.empty())
    list.fail("a Sequential model needs at least one layer");
  for (const ConfigNode &entry : entries) {
    std::string cls, name;
    ConfigNode config, nameNode;
    readEntry(entry, cls, config, nameNode, name);
    std::string ctx = layerContext(name, cls);
    LayerCall call;
    call.where = entry;
    if (cls == "InputLayer") {
      if (prev)
        entry.withContext(ctx).fail(
            "an InputLayer must be the first layer of a Sequential model");
      LayerSpec &spec = addLayer(entry, cls, name, nameNode.withContext(ctx));
      spec.config = config.withContext(ctx);
      spec.calls.push_back(call);
      TensorRef ref{name, 0, 0, entry};
      model.inputs.push_back(ref);
      prev = ref;
      continue;
    }
    if (!prev) {
      auto branches = config.find("layers");
      if (cls == "Merge" && branches && !branches->isNull()) {
        // Keras 1 `Merge([seq_a, seq_b])` as the first layer: each branch is
        // a Sequential model with its own input.
        call.inputs =
            readMergeBranches(branches->withContext(ctx), depth + 1);
      } else {
        // Keras 2 Sequential names its implicit input "<first layer>_input"
        // and takes its shape from the first layer's batch_input_shape.
        std::string inputName = name + "_input";
        LayerSpec &in = addLayer(entry, "InputLayer", inputName,
                                 nameNode.withContext(ctx));
        in.synthesized = true;
        ++synthesizedCount;
        in.config = config.withContext(ctx);
        in.calls.push_back(LayerCall{{}, entry});
        TensorRef ref{inputName, 0, 0, entry};
        model.inputs.push_back(ref);
        call.inputs.push_back(ref);
      }
    } else {
      call.inputs.push_back(*prev);
    }
    LayerSpec &spec = addLayer(entry, cls, name, nameNode.withContext(ctx));
    spec.config = config.withContext(ctx);
    spec.calls.push_back(call);
    prev = TensorRef{name, 0, 0, entry};
  }
  return *prev;
}

std::vector<TensorRef> ModelReader::readMergeBranches(const ConfigNode &layersNode,
                                                      int depth) {
  if (depth > 64)
    layersNode.fail("Merge branches are nested too deeply");
  std::vector<TensorRef> outs;
  for (const ConfigNode &branch : layersNode.elements()) {
    if (!branch.isMap())
      branch.failField("must be a Sequential model, got " + branch.describe());
    std::string cls = branch.getString("class_name");
    if (cls != "Sequential")
      branch.fail("Merge branches must be Sequential models, got '" + cls + "'");
    ConfigNode cfg = branch.get("config");
    ConfigNode list = cfg.isMap() ? cfg.get("layers") : cfg;
    outs.push_back(addSequential(list.withContext(""), std::nullopt, depth));
  }
  if (outs.size() < 2)
    layersNode.fail("Merge needs at least 2 branches, got " +
                    std::to_string(outs.size()));
  return outs;
}

TensorRef ModelReader::readKerasTensor(const ConfigNode &tensor) {
  std::string cls = tensor.getString("class_name");
  if (cls != "__keras_tensor__")
    tensor.fail("call arguments must be Keras tensors, got class '" + cls + "'");
  ConfigNode cfg = tensor.get("config");
  ConfigNode history = cfg.get("keras_history");
  std::vector<ConfigNode> h = history.elements();
  if (h.size() != 3)
    history.failField("must be [layer, node_index, tensor_index], got " +
                      std::to_string(h.size()) + " entries");
  return TensorRef{h[0].asString(), h[1].asInt(0, kMaxDimSize),
                   h[2].asInt(0, kMaxDimSize), tensor};
}

TensorRef ModelReader::readRef(const ConfigNode &ref, bool allowKwargs) {
  if (!ref.isSequence())
    ref.fail("expected [layer_name, node_index, tensor_index], got " +
             ref.describe());
  std::vector<ConfigNode> e = ref.elements();
  size_t maxSize = allowKwargs ? 4 : 3;
  if (e.size() < 3 || e.size() > maxSize)
    ref.fail("expected [layer_name, node_index, tensor_index" +
             std::string(allowKwargs ? ", kwargs" : "") + "], got " +
             std::to_string(e.size()) + " entries");
  if (e.size() == 4 && !e[3].isNull())
    checkCallKwargs(e[3]);
  return TensorRef{e[0].asString(), e[1].asInt(0, kMaxDimSize),
                   e[2].asInt(0, kMaxDimSize), ref};
}

std::vector<LayerCall> ModelReader::readInboundNodes(const ConfigNode &inbound) {
  std::vector<LayerCall> calls;
  if (inbound.isNull())
    return calls;
  for (const ConfigNode &node : inbound.elements()) {
    LayerCall call;
    call.where = node;
    if (node.isMap()) {
      // Keras 3: {"args": [tensor or [tensors]], "kwargs": {...}}.
      for (const ConfigNode &arg : node.get("args").elements()) {
        if (arg.isSequence()) {
          for (const ConfigNode &t : arg.elements())
            call.inputs.push_back(readKerasTensor(t));
        } else if (arg.isMap()) {
          call.inputs.push_back(readKerasTensor(arg));
        } else {
          arg.fail("non-tensor call argument " + arg.describe() +
                   " is not supported");
        }
      }
      if (auto kwargs = node.find("kwargs"); kwargs && !kwargs->isNull())
        checkCallKwargs(*kwargs);
    } else {
      // Keras 1/2: [[name, node, tensor(, kwargs)], ...].
      for (const ConfigNode &ref : node.elements())
        call.inputs.push_back(readRef(ref, /*allowKwargs=*/true));
    }
    if (call.inputs.empty())
      node.fail("a layer call needs at least one input tensor");
    calls.push_back(std::move(call));
  }
  return calls;
}

std::vector<TensorRef> ModelReader::readRefList(const ConfigNode &list) {
  std::vector<ConfigNode> e = list.elements();
  // Keras 3 writes a single input or output as one flat [name, node, tensor].
  if (!e.empty() && e[0].isScalar())
    return {readRef(list, false)};
  std::vector<TensorRef> refs;
  for (const ConfigNode &r : e)
    refs.push_back(readRef(r, false));
  return refs;
}

void ModelReader::readFunctional(const ConfigNode &config) {
  if (!config.isMap())
    config.failField("must be a mapping with 'layers', 'input_layers' and "
                     "'output_layers', got " +
                     config.describe());
  for (const ConfigNode &entry : config.get("layers").elements()) {
    std::string cls, name;
    ConfigNode cfg, nameNode;
    readEntry(entry, cls, cfg, nameNode, name);
    std::string ctx = layerContext(name, cls);
    std::vector<LayerCall> calls;
    auto inbound = entry.find("inbound_nodes");
    if (inbound)
      calls = readInboundNodes(inbound->withContext(ctx));
    if (cls == "InputLayer") {
      if (!calls.empty())
        inbound->withContext(ctx).fail("an InputLayer has no inbound nodes");
      calls.push_back(LayerCall{{}, entry});
    } else if (calls.empty()) {
      entry.withContext(ctx).fail(
          "the layer is never called: 'inbound_nodes' is missing or empty");
    }
    LayerSpec &spec = addLayer(entry, cls, name, nameNode.withContext(ctx));
    spec.config = cfg.withContext(ctx);
    spec.calls = std::move(calls);
  }
  model.inputs = readRefList(config.get("input_layers"));
  model.outputs = readRefList(config.get("output_layers"));
  if (model.inputs.empty())
    config.get("input_layers").failField("must name at least one input");
  if (model.outputs.empty())
    config.get("output_layers").failField("must name at least one output");
}

void ModelReader::checkRefs() {
  auto check = [&](const TensorRef &ref, const std::string &ctx) {
    const LayerSpec *target = model.findLayer(ref.layer);
    ConfigNode where = ref.where.withContext(ctx);
    if (!target)
      where.fail("refers to layer '" + ref.layer +
                 "', which is not a layer of this model");
    if (ref.node >= static_cast<int64_t>(target->calls.size()))
      where.fail("refers to call " + std::to_string(ref.node) + " of layer '" +
                 ref.layer + "', which is called " +
                 std::to_string(target->calls.size()) + " time(s)");
    if (ref.tensor != 0)
      where.fail("refers to output " + std::to_string(ref.tensor) +
                 " of layer '" + ref.layer +
                 "', but every supported layer has exactly one output");
  };
  for (const LayerSpec &l : model.layers)
    for (const LayerCall &c : l.calls)
      for (const TensorRef &r : c.inputs)
        check(r, layerContext(l.name, l.className));
  std::set<std::string> inputNames;
  for (const TensorRef &r : model.inputs) {
    check(r, "input_layers: ");
    const LayerSpec *l = model.findLayer(r.layer);
    if (!l->isInput())
      r.where.fail("model input '" + r.layer + "' is a " + l->className +
                   " layer, not an InputLayer");
    if (!inputNames.insert(r.layer).second)
      r.where.fail("model input '" + r.layer + "' is listed twice");
  }
  for (const TensorRef &r : model.outputs)
    check(r, "output_layers: ");
  for (const LayerSpec &l : model.layers)
    if (l.isInput() && !inputNames.count(l.name))
      l.node.withContext(layerContext(l.name, l.className))
          .fail("this InputLayer is not one of the model's 'input_layers'");
}

void ModelReader::detectFormat(const ConfigNode &root, bool jsonSyntax) {
  const std::optional<std::string> &v = model.kerasVersion;
  if (v && !v->empty() && (*v)[0] == '3') {
    model.format = KerasFormat::Keras3;
    return;
  }
  if (v && v->size() >= 2 && (*v)[0] == '1' && (*v)[1] == '.') {
    model.format = KerasFormat::Keras1;
    return;
  }
  if (!v) {
    // Keras 3 config.json has no keras_version (it is in metadata.json) but
    // tags every object with `module`.
    if (root.find("module") || root.find("registered_name")) {
      model.format = KerasFormat::Keras3;
      return;
    }
    // tf.keras 2.13+ tags its layers with `module` too; Keras 3 alone writes
    // dtype policies as objects and calls as {args, kwargs}. (A wrapped file
    // says which through keras_version or a root `module`.)
    for (const LayerSpec &l : model.layers) {
      if (!l.node.isMap() || !(l.node.find("module") || l.node.find("registered_name")))
        continue;
      std::optional<ConfigNode> dtype = l.config.isMap() ? l.config.find("dtype") : std::nullopt;
      bool keras3Call = false;
      if (auto inbound = l.node.find("inbound_nodes"); inbound && inbound->isSequence())
        for (const ConfigNode &call : inbound->elements())
          keras3Call |= call.isMap();
      if ((dtype && dtype->isMap()) || keras3Call) {
        model.format = KerasFormat::Keras3;
        return;
      }
    }
    for (const LayerSpec &l : model.layers)
      if (l.className == "Merge" || l.className == "Convolution2D" ||
          hasKeras1Keys(l.config)) {
        model.format = KerasFormat::Keras1;
        return;
      }
  }
  model.format = jsonSyntax ? KerasFormat::Keras2Json : KerasFormat::Keras2Yaml;
}

void ModelReader::read(const ConfigNode &root, bool jsonSyntax,
                       const std::optional<std::string> &archiveVersion,
                       const std::string &defaultName) {
  model.root = root;
  model.kerasVersion = root.getOptString("keras_version");
  if (!model.kerasVersion)
    model.kerasVersion = archiveVersion;
  if (auto dlc = root.find("dlc"); dlc && !dlc->isNull())
    model.training = dlc;
  std::optional<ConfigNode> classNode = root.find("class_name");
  std::string cls;
  ConfigNode config;
  if (!classNode && root.find("layers")) {
    // A model saved as its bare get_config() dictionary (what
    // Sequential.from_config and Functional.from_config take): a functional
    // model names its inputs and outputs, a Sequential one only its layers.
    cls = root.find("input_layers") || root.find("output_layers") ? "Functional" : "Sequential";
    config = root;
  } else {
    classNode = root.get("class_name");
    cls = classNode->asString();
    config = root.get("config");
  }
  model.config = config;
  model.name = defaultName;
  if (config.isMap())
    if (auto n = config.getOptString("name"))
      model.name = *n;
  if (cls == "Sequential") {
    ConfigNode list = config.isMap() ? config.get("layers") : config;
    TensorRef out = addSequential(list, std::nullopt, 0);
    model.outputs.push_back(out);
  } else if (cls == "Model" || cls == "Functional") {
    readFunctional(config);
  } else {
    classNode->fail("unsupported model class '" + cls +
                   "'; expected Sequential, Model or Functional");
  }
  checkRefs();
  detectFormat(root, jsonSyntax);
}

} // namespace

KerasModel readKerasModel(const ConfigNode &root, bool jsonSyntax,
                          const std::optional<std::string> &archiveVersion,
                          const std::string &defaultName) {
  KerasModel model;
  ModelReader(model).read(root, jsonSyntax, archiveVersion, defaultName);
  return model;
}

std::vector<std::pair<size_t, size_t>> topologicalOrder(const KerasModel &model) {
  // Iterative depth-first search: a long chain of layers must not overflow
  // the stack.
  std::vector<std::vector<int>> state(model.layers.size());
  for (size_t i = 0; i < model.layers.size(); ++i)
    state[i].assign(model.layers[i].calls.size(), 0); // 0 new, 1 open, 2 done
  std::vector<std::pair<size_t, size_t>> order;
  struct Frame {
    size_t layer, call, nextInput;
  };
  for (size_t li = 0; li < model.layers.size(); ++li) {
    for (size_t ci = 0; ci < model.layers[li].calls.size(); ++ci) {
      if (state[li][ci])
        continue;
      std::vector<Frame> stack{{li, ci, 0}};
      state[li][ci] = 1;
      while (!stack.empty()) {
        Frame &f = stack.back();
        const LayerCall &call = model.layers[f.layer].calls[f.call];
        if (f.nextInput == call.inputs.size()) {
          state[f.layer][f.call] = 2;
          order.emplace_back(f.layer, f.call);
          stack.pop_back();
          continue;
        }
        const TensorRef &ref = call.inputs[f.nextInput++];
        size_t dl = model.layerIndex.at(ref.layer);
        size_t dc = static_cast<size_t>(ref.node);
        if (state[dl][dc] == 2)
          continue;
        if (state[dl][dc] == 1) {
          // The stack runs against the data flow (each frame consumes the
          // next); print the cycle in data-flow order.
          size_t start = 0;
          while (stack[start].layer != dl || stack[start].call != dc)
            ++start;
          std::string path = model.layers[dl].name;
          for (size_t i = stack.size(); i-- > start;)
            path += " -> " + model.layers[stack[i].layer].name;
          // Blame the first layer of the cycle at its inbound reference
          // that leads into the cycle.
          const Frame &first = stack[start];
          const LayerSpec &l = model.layers[first.layer];
          const TensorRef &into = l.calls[first.call].inputs[first.nextInput - 1];
          into.where.withContext(layerContext(l.name, l.className))
              .fail("the layer graph has a cycle: " + path);
        }
        state[dl][dc] = 1;
        stack.push_back({dl, dc, 0});
      }
    }
  }
  return order;
}

} // namespace dlc::frontend
