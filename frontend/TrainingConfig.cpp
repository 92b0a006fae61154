// Validates the `dlc:` training section of a model file and converts it to the dlc.training attribute.
#include "frontend/TrainingConfig.h"

#include "mlir/IR/Builders.h"

#include <algorithm>
#include <cstdlib>

using namespace mlir;

namespace dlc::frontend {

namespace {

std::string join(const std::vector<std::string> &items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i ? ", " : "") + items[i];
  return out;
}

/// Fails on any key not in `known`, naming the allowed ones.
void checkKeys(const ConfigNode &map, const std::vector<std::string> &known,
               const std::string &what) {
  for (auto &[key, value] : map.entries())
    if (std::find(known.begin(), known.end(), key) == known.end())
      value.fail("unknown key '" + key + "' in " + what + "; expected one of: " +
                 join(known));
}

std::string oneOf(const ConfigNode &node, const std::vector<std::string> &allowed) {
  std::string v = node.asString();
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end())
    node.failField("must be one of " + join(allowed) + ", got " + node.describe());
  return v;
}

class Reader {
public:
  explicit Reader(MLIRContext &ctx) : b(&ctx) {}

  TrainingConfig read(const ConfigNode &section) {
    TrainingConfig out;
    if (!section.isMap())
      section.failField("must be a mapping of training settings, got " +
                        section.describe());
    checkKeys(section,
              {"task", "dataset", "preprocessing", "loss", "metrics",
               "optimizer", "batch_size", "epochs", "validation",
               "augmentation"},
              "the dlc section");
    SmallVector<NamedAttribute> attrs;
    for (auto &[key, value] : section.entries()) {
      Attribute a;
      if (key == "task") {
        a = b.getStringAttr(value.asString());
      } else if (key == "dataset") {
        a = dataset(value);
      } else if (key == "preprocessing") {
        checkKeys(value, {"rescale"}, "preprocessing");
        SmallVector<NamedAttribute> p;
        if (auto r = value.find("rescale")) {
          double v = r->asFloat();
          if (!(v > 0))
            r->failField("must be a positive number, got " + r->describe());
          p.push_back(b.getNamedAttr("rescale", b.getF64FloatAttr(v)));
        }
        a = b.getDictionaryAttr(p);
      } else if (key == "loss") {
        a = b.getStringAttr(oneOf(value, {"categorical_crossentropy",
                                          "sparse_categorical_crossentropy"}));
      } else if (key == "metrics") {
        SmallVector<Attribute> m;
        for (const ConfigNode &e : value.elements())
          m.push_back(b.getStringAttr(oneOf(e, {"accuracy"})));
        a = b.getArrayAttr(m);
      } else if (key == "optimizer") {
        a = optimizer(value);
      } else if (key == "batch_size") {
        out.batchSize = value.asInt(1, kMaxDimSize);
        a = b.getI64IntegerAttr(out.batchSize);
      } else if (key == "epochs") {
        a = b.getI64IntegerAttr(value.asInt(1, kMaxDimSize));
      } else if (key == "validation") {
        a = b.getStringAttr(validation(value));
      } else if (key == "augmentation") {
        a = augmentation(value);
      }
      attrs.push_back(b.getNamedAttr(key, a));
    }
    out.attr = b.getDictionaryAttr(attrs);
    return out;
  }

private:
  Attribute dataset(const ConfigNode &d) {
    if (!d.isMap())
      d.failField("must be a mapping {name: ...}, got " + d.describe());
    std::string name =
        oneOf(d.get("name"), {"mnist", "fashion_mnist", "cifar10", "babi"});
    SmallVector<NamedAttribute> attrs{
        b.getNamedAttr("name", b.getStringAttr(name))};
    if (name == "babi") {
      checkKeys(d, {"name", "task", "variant"}, "a babi dataset");
      attrs.push_back(b.getNamedAttr(
          "task", b.getStringAttr(oneOf(d.get("task"), {"qa1", "qa2"}))));
      std::string variant = "en";
      if (auto v = d.find("variant"))
        variant = oneOf(*v, {"en", "en-10k"});
      attrs.push_back(b.getNamedAttr("variant", b.getStringAttr(variant)));
    } else {
      checkKeys(d, {"name"}, "dataset '" + name + "'");
    }
    return b.getDictionaryAttr(attrs);
  }

  Attribute optimizer(const ConfigNode &o) {
    if (!o.isMap())
      o.failField("must be a mapping {class_name, config}, got " + o.describe());
    checkKeys(o, {"class_name", "config"}, "the optimizer");
    std::string cls =
        oneOf(o.get("class_name"), {"SGD", "RMSprop", "Adadelta", "Adam"});
    std::vector<std::string> keys;
    if (cls == "SGD")
      keys = {"lr", "momentum", "decay", "nesterov"};
    else if (cls == "RMSprop" || cls == "Adadelta")
      keys = {"lr", "rho", "epsilon", "decay"};
    else
      keys = {"lr", "beta_1", "beta_2", "epsilon", "decay"};
    SmallVector<NamedAttribute> cfg;
    if (auto c = o.find("config"); c && !c->isNull()) {
      checkKeys(*c, keys, "the " + cls + " optimizer config");
      for (auto &[key, value] : c->entries()) {
        if (key == "nesterov") {
          cfg.push_back(b.getNamedAttr(key, b.getBoolAttr(value.asBool())));
          continue;
        }
        double v = value.asFloat();
        if (v < 0)
          value.failField("must be a number >= 0, got " + value.describe());
        // Moment decay rates of 1 or more make the optimizer diverge.
        if ((key == "rho" || key == "beta_1" || key == "beta_2") && v >= 1)
          value.failField("must be in [0, 1), got " + value.describe());
        cfg.push_back(b.getNamedAttr(key, b.getF64FloatAttr(v)));
      }
    }
    return b.getDictionaryAttr(
        {b.getNamedAttr("class_name", b.getStringAttr(cls)),
         b.getNamedAttr("config", b.getDictionaryAttr(cfg))});
  }

  std::string validation(const ConfigNode &v) {
    std::string s = v.asString();
    if (s == "test")
      return s;
    if (s.rfind("split:", 0) == 0) {
      std::string frac = s.substr(6);
      char *end = nullptr;
      double f = std::strtod(frac.c_str(), &end);
      bool digitsOnly = !frac.empty() &&
                        frac.find_first_not_of("0123456789.") == std::string::npos;
      if (digitsOnly && end && *end == '\0' && f > 0 && f < 1)
        return s;
    }
    v.failField("must be 'test' or 'split:<fraction in (0, 1)>', got " +
                v.describe());
  }

  Attribute augmentation(const ConfigNode &a) {
    checkKeys(a, {"width_shift_range", "height_shift_range", "horizontal_flip"},
              "augmentation");
    SmallVector<NamedAttribute> attrs;
    for (auto &[key, value] : a.entries()) {
      if (key == "horizontal_flip")
        attrs.push_back(b.getNamedAttr(key, b.getBoolAttr(value.asBool())));
      else
        attrs.push_back(b.getNamedAttr(
            key, b.getF64FloatAttr(value.asFloatIn(0.0, 1.0, true))));
    }
    return b.getDictionaryAttr(attrs);
  }

  Builder b;
};

} // namespace

TrainingConfig readTrainingConfig(const ConfigNode &section,
                                  MLIRContext &context) {
  return Reader(context).read(section.withContext("dlc: "));
}

} // namespace dlc::frontend
