// Normalises Keras 1/2/3 initialisers into dlc.init {kind, ...} (see docs in Initializers.h).
#include "frontend/Initializers.h"

#include <algorithm>
#include <cctype>

namespace dlc::frontend {

namespace {

/// "GlorotUniform", "glorot_uniform" and "Glorot_Uniform" are one name.
std::string canonical(const std::string &name) {
  std::string out;
  for (char c : name)
    if (c != '_')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Initializer varianceScaling(double scale, const std::string &mode,
                            const std::string &distribution) {
  Initializer init{"variance_scaling", {}};
  init.add("scale", scale).add("mode", mode).add("distribution", distribution);
  return init;
}

const char *kSupported =
    "zeros, ones, constant, random_uniform, random_normal, truncated_normal, "
    "variance_scaling, glorot_uniform, glorot_normal, he_uniform, he_normal, "
    "lecun_uniform, lecun_normal, orthogonal, identity";

double floatOr(const std::optional<ConfigNode> &config, const char *key,
               double dflt) {
  if (!config)
    return dflt;
  auto v = config->find(key);
  return v && !v->isNull() ? v->asFloat() : dflt;
}

} // namespace

Initializer readInitializer(const std::optional<ConfigNode> &node,
                            const std::string &defaultName, KerasFormat format,
                            const ConfigNode &layerConfig) {
  bool keras1 = format == KerasFormat::Keras1;
  std::string name = defaultName;
  std::optional<ConfigNode> config;
  ConfigNode where = node ? *node : layerConfig;
  if (node && !node->isNull()) {
    if (node->isScalar()) {
      name = node->asString();
    } else if (node->isMap()) {
      name = node->getString("class_name");
      if (auto c = node->find("config"); c && !c->isNull()) {
        if (!c->isMap())
          c->failField("must be a mapping, got " + c->describe());
        config = c;
      }
    } else {
      node->failField("must be an initializer name or {class_name, config}, "
                      "got " +
                      node->describe());
    }
  }

  std::string c = canonical(name);
  // Keras 1 *_normal initialisers drew from an untruncated normal; Keras 2's
  // and 3's from a truncated one.
  std::string normal = keras1 ? "normal" : "truncated_normal";
  Initializer init;
  if (c == "glorotuniform" || c == "xavieruniform")
    init = varianceScaling(1.0, "fan_avg", "uniform");
  else if (c == "glorotnormal" || c == "xaviernormal")
    init = varianceScaling(1.0, "fan_avg", normal);
  else if (c == "heuniform")
    init = varianceScaling(2.0, "fan_in", "uniform");
  else if (c == "henormal")
    init = varianceScaling(2.0, "fan_in", normal);
  else if (c == "lecununiform")
    init = varianceScaling(1.0, "fan_in", "uniform");
  else if (c == "lecunnormal")
    init = varianceScaling(1.0, "fan_in", normal);
  else if (c == "variancescaling") {
    double scale = floatOr(config, "scale", 1.0);
    if (!(scale > 0))
      config->get("scale").failField("must be positive, got " +
                                     config->get("scale").describe());
    std::string mode = "fan_in";
    std::string dist = "truncated_normal";
    if (config) {
      if (auto m = config->getOptString("mode"))
        mode = *m;
      if (auto d = config->getOptString("distribution"))
        dist = *d;
    }
    if (mode != "fan_in" && mode != "fan_out" && mode != "fan_avg")
      config->get("mode").failField("must be fan_in, fan_out or fan_avg, got " +
                                    config->get("mode").describe());
    // Keras 2.0.8's `normal` is a truncated normal (so is its alias in later
    // versions); Keras 3 spells the plain normal `untruncated_normal`.
    if (dist == "normal" || dist == "truncated_normal")
      dist = "truncated_normal";
    else if (dist == "untruncated_normal")
      dist = "normal";
    else if (dist != "uniform")
      config->get("distribution")
          .failField("must be uniform, normal, truncated_normal or "
                     "untruncated_normal, got " +
                     config->get("distribution").describe());
    init = varianceScaling(scale, mode, dist);
  } else if (c == "zeros" || c == "zero") {
    init = Initializer::zeros();
  } else if (c == "ones" || c == "one") {
    init = {"ones", {}};
  } else if (c == "constant") {
    init = {"constant", {}};
    init.add("value", floatOr(config, "value", 0.0));
  } else if (c == "randomuniform" || c == "uniform") {
    double lo = floatOr(config, "minval", -0.05), hi = floatOr(config, "maxval", 0.05);
    if (keras1 && c == "uniform")
      lo = -0.05, hi = 0.05;
    if (lo > hi)
      config->get("minval").failField("must not exceed 'maxval'");
    init = {"random_uniform", {}};
    init.add("minval", lo).add("maxval", hi);
  } else if (c == "randomnormal" || c == "normal" || c == "truncatednormal") {
    double mean = floatOr(config, "mean", 0.0);
    double stddev = floatOr(config, "stddev", 0.05);
    if (stddev < 0)
      config->get("stddev").failField("must not be negative");
    init = {c == "truncatednormal" ? "truncated_normal" : "random_normal", {}};
    init.add("mean", mean).add("stddev", stddev);
  } else if (c == "orthogonal" || c == "orthogonalinitializer") {
    init = {"orthogonal", {}};
    // Keras 1's orthogonal() defaulted to scale 1.1.
    init.add("gain", floatOr(config, "gain", keras1 && !config ? 1.1 : 1.0));
  } else if (c == "identity" || c == "identityinitializer") {
    init = {"identity", {}};
    init.add("gain", floatOr(config, "gain", 1.0));
  } else {
    where.failField("has unknown initializer '" + name + "'; supported: " +
                    kSupported);
  }
  if (config)
    if (auto seed = config->find("seed"); seed && !seed->isNull())
      init.addInt("seed", seed->asInt());
  return init;
}

} // namespace dlc::frontend
