// Keras weight initialisers (Keras 1 names, Keras 2/3 classes) normalised to the dlc.init schema.
#ifndef DLC_FRONTEND_INITIALIZERS_H
#define DLC_FRONTEND_INITIALIZERS_H

#include "frontend/ConfigNode.h"
#include "frontend/KerasModel.h"

#include <optional>
#include <string>
#include <vector>

namespace dlc::frontend {

/// One `dlc.init` dictionary before it becomes an attribute: `kind` plus
/// typed fields in a fixed order.
struct Initializer {
  struct Field {
    std::string key;
    enum Type { Float, String, Int } type;
    double f = 0;
    std::string s;
    int64_t i = 0;
  };
  std::string kind;
  std::vector<Field> fields;

  static Initializer zeros() { return {"zeros", {}}; }
  Initializer &add(std::string key, double v) {
    fields.push_back({std::move(key), Field::Float, v, {}, 0});
    return *this;
  }
  Initializer &add(std::string key, std::string v) {
    fields.push_back({std::move(key), Field::String, 0, std::move(v), 0});
    return *this;
  }
  Initializer &addInt(std::string key, int64_t v) {
    fields.push_back({std::move(key), Field::Int, 0, {}, v});
    return *this;
  }
};

/// Reads an initialiser field (`kernel_initializer`, Keras 1 `init`, ...):
/// a name string or a {class_name, config} mapping. `node` absent or null
/// means the layer's Keras default `defaultName` (a Keras 2 string name,
/// read with `format`'s meaning: Keras 1 *_normal are untruncated, its
/// orthogonal has gain 1.1).
Initializer readInitializer(const std::optional<ConfigNode> &node,
                            const std::string &defaultName, KerasFormat format,
                            const ConfigNode &layerConfig);

} // namespace dlc::frontend

#endif // DLC_FRONTEND_INITIALIZERS_H
