// One layer graph for every Keras dialect: Keras 1/2/3, Sequential or functional, YAML or JSON.
#ifndef DLC_FRONTEND_KERASMODEL_H
#define DLC_FRONTEND_KERASMODEL_H

#include "frontend/ConfigNode.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dlc::frontend {

enum class KerasFormat { Keras1, Keras2Yaml, Keras2Json, Keras3 };

/// "keras1", "keras2-yaml", "keras2-json", "keras3": the dlc.model format value.
const char *formatName(KerasFormat format);

/// A reference to one output of one call of a layer: Keras'
/// [layer_name, node_index, tensor_index].
struct TensorRef {
  std::string layer;
  int64_t node = 0;
  int64_t tensor = 0;
  ConfigNode where;
};

/// One call of a layer (a Keras "inbound node"): the tensors it consumed.
struct LayerCall {
  std::vector<TensorRef> inputs;
  ConfigNode where;
};

struct LayerSpec {
  std::string className;
  std::string name;
  /// The layer's entry ({class_name, config, ...}); ops are located here.
  ConfigNode node;
  /// The layer's `name` field (in its config when there is one): errors
  /// about the layer as a whole point here.
  ConfigNode nameNode;
  /// Its `config` mapping, with the "layer 'name' (Class): " error context.
  ConfigNode config;
  std::vector<LayerCall> calls;
  /// Position in the model's layer list, counting from 0; the default
  /// dropout seed.
  int64_t ordinal = 0;
  /// An InputLayer that the file does not spell out (Sequential models): its
  /// shape and dtype are read from `config`, the first real layer's config.
  bool synthesized = false;
  bool isInput() const { return className == "InputLayer"; }
};

struct KerasModel {
  KerasFormat format = KerasFormat::Keras2Yaml;
  std::string name;
  std::optional<std::string> kerasVersion;
  std::vector<LayerSpec> layers;
  std::map<std::string, size_t> layerIndex;
  std::vector<TensorRef> inputs;
  std::vector<TensorRef> outputs;
  ConfigNode root;
  /// The model's config mapping (or Sequential layer list): the root's
  /// `config`, or the root itself for a bare get_config() dictionary.
  ConfigNode config;
  /// The top-level `dlc:` section (training settings), when present.
  std::optional<ConfigNode> training;

  const LayerSpec *findLayer(const std::string &name) const;
};

/// "layer 'dense_1' (Dense): ".
std::string layerContext(const std::string &name, const std::string &className);

/// Reads the model graph from a parsed config. `jsonSyntax` tells the Keras 2
/// YAML and JSON forms apart; `archiveVersion` is the keras_version of a
/// .keras archive's metadata.json. Checks names, references and node indices;
/// cycles are found by topologicalOrder().
KerasModel readKerasModel(const ConfigNode &root, bool jsonSyntax,
                          const std::optional<std::string> &archiveVersion,
                          const std::string &defaultName);

/// Every (layer index, call index) in an order where each call comes after
/// the calls it consumes; fails at a layer on a cycle.
std::vector<std::pair<size_t, size_t>> topologicalOrder(const KerasModel &model);

} // namespace dlc::frontend

#endif // DLC_FRONTEND_KERASMODEL_H
