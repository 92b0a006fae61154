// A typed, validated view of a bundle's manifest (implementation of Manifest.h).
#include "runtime/bundle/Manifest.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "runtime/bundle/StatusMacros.h"

namespace dlc::rt::bundle {

using nlohmann::json;

int64_t TensorDesc::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

uint64_t TensorDesc::byteSize() const {
  return uint64_t(numElements()) * dtypeSize(dtype);
}

//===-- JSON helpers --------------------------------------------------------===//

namespace {

std::string describe(const json &value) {
  std::string text = value.dump();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return absl::StrCat(value.type_name(), " ", text);
}

absl::Status fieldError(const std::string &path, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("manifest: ", path, ": ", message));
}

absl::Status expected(const std::string &path, absl::string_view what, const json &got) {
  return fieldError(path, absl::StrCat("expected ", what, ", got ", describe(got)));
}

std::string join(const std::string &path, absl::string_view key) {
  return path.empty() ? std::string(key) : absl::StrCat(path, ".", key);
}

std::string at(const std::string &path, size_t i) { return absl::StrCat(path, "[", i, "]"); }

absl::StatusOr<const json *> member(const json &object, const std::string &path,
                                    absl::string_view key) {
  auto it = object.find(std::string(key));
  if (it == object.end())
    return fieldError(join(path, key), "missing");
  return &*it;
}

bool isInteger(const json &v) { return v.is_number_integer() || v.is_number_unsigned(); }

absl::StatusOr<int64_t> asInt(const json &v, const std::string &path, int64_t min = std::numeric_limits<int64_t>::min()) {
  if (v.is_number_unsigned()) {
    uint64_t u = v.get<uint64_t>();
    if (u > uint64_t(std::numeric_limits<int64_t>::max()))
      return fieldError(path, absl::StrCat("integer ", u, " too large"));
    if (int64_t(u) < min) return fieldError(path, absl::StrCat("must be >= ", min, ", got ", u));
    return int64_t(u);
  }
  if (!v.is_number_integer())
    return expected(path, min >= 0 ? "a non-negative integer" : "an integer", v);
  int64_t i = v.get<int64_t>();
  if (i < min) return fieldError(path, absl::StrCat("must be >= ", min, ", got ", i));
  return i;
}

absl::StatusOr<std::string> asString(const json &v, const std::string &path) {
  if (!v.is_string()) return expected(path, "a string", v);
  return v.get<std::string>();
}

absl::StatusOr<int64_t> intMember(const json &o, const std::string &path, absl::string_view key,
                                  int64_t min = std::numeric_limits<int64_t>::min()) {
  auto v = member(o, path, key);
  if (!v.ok()) return v.status();
  return asInt(**v, join(path, key), min);
}

absl::StatusOr<std::string> stringMember(const json &o, const std::string &path,
                                         absl::string_view key) {
  auto v = member(o, path, key);
  if (!v.ok()) return v.status();
  return asString(**v, join(path, key));
}

absl::StatusOr<const json *> objectMember(const json &o, const std::string &path,
                                          absl::string_view key) {
  auto v = member(o, path, key);
  if (!v.ok()) return v.status();
  if (!(*v)->is_object()) return expected(join(path, key), "an object", **v);
  return *v;
}

absl::StatusOr<const json *> arrayMember(const json &o, const std::string &path,
                                         absl::string_view key) {
  auto v = member(o, path, key);
  if (!v.ok()) return v.status();
  if (!(*v)->is_array()) return expected(join(path, key), "an array", **v);
  return *v;
}


template <typename E, size_t N>
absl::StatusOr<E> enumMember(const json &o, const std::string &path, absl::string_view key,
                             const std::array<std::pair<const char *, E>, N> &names) {
  DLC_RT_ASSIGN_OR_RETURN(std::string s, stringMember(o, path, key));
  for (const auto &[name, value] : names)
    if (s == name) return value;
  std::vector<std::string> known;
  for (const auto &[name, value] : names) known.push_back(absl::StrCat("\"", name, "\""));
  return fieldError(join(path, key), absl::StrCat("unknown value \"", s, "\" (expected one of ",
                                                  absl::StrJoin(known, ", "), ")"));
}

absl::StatusOr<std::vector<int>> indexList(const json &o, const std::string &path,
                                           absl::string_view key, size_t numTensors) {
  DLC_RT_ASSIGN_OR_RETURN(const json *list, arrayMember(o, path, key));
  std::vector<int> out;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string p = at(join(path, key), i);
    DLC_RT_ASSIGN_OR_RETURN(int64_t idx, asInt((*list)[i], p, 0));
    if (uint64_t(idx) >= numTensors)
      return fieldError(p, absl::StrCat("tensor index ", idx, " out of range (", numTensors,
                                        " tensors)"));
    out.push_back(int(idx));
  }
  return out;
}

absl::StatusOr<int> indexMember(const json &o, const std::string &path, absl::string_view key,
                                size_t numTensors) {
  DLC_RT_ASSIGN_OR_RETURN(int64_t idx, intMember(o, path, key, 0));
  if (uint64_t(idx) >= numTensors)
    return fieldError(join(path, key),
                      absl::StrCat("tensor index ", idx, " out of range (", numTensors, " tensors)"));
  return int(idx);
}

absl::StatusOr<TensorDesc> parseTensor(const json &t, const std::string &path, int index,
                                       const std::array<uint64_t, kNumRegions> &regionBytes) {
  if (!t.is_object()) return expected(path, "an object", t);
  TensorDesc d;
  d.index = index;
  DLC_RT_ASSIGN_OR_RETURN(d.name, stringMember(t, path, "name"));
  DLC_RT_ASSIGN_OR_RETURN(d.dtype, enumMember(t, path, "dtype", abi::kDTypeNames));
  DLC_RT_ASSIGN_OR_RETURN(const json *shape, arrayMember(t, path, "shape"));
  uint64_t elements = 1;
  for (size_t i = 0; i < shape->size(); ++i) {
    DLC_RT_ASSIGN_OR_RETURN(int64_t dim, asInt((*shape)[i], at(join(path, "shape"), i), 0));
    d.shape.push_back(dim);
    if (dim != 0 && elements > (uint64_t(1) << 48) / uint64_t(dim))
      return fieldError(join(path, "shape"), "too many elements");
    elements *= uint64_t(dim);
  }
  DLC_RT_ASSIGN_OR_RETURN(d.region, enumMember(t, path, "region", abi::kRegionNames));
  DLC_RT_ASSIGN_OR_RETURN(int64_t offset, intMember(t, path, "offset", 0));
  d.offset = uint64_t(offset);
  if (d.offset % abi::kTensorAlignment != 0)
    return fieldError(join(path, "offset"),
                      absl::StrCat(offset, " is not a multiple of ", abi::kTensorAlignment));
  DLC_RT_ASSIGN_OR_RETURN(d.role, enumMember(t, path, "role", abi::kRoleNames));
  if (d.role == Role::Param) {
    DLC_RT_ASSIGN_OR_RETURN(const json *init, objectMember(t, path, "init"));
    d.init = *init;
    if (!d.init.contains("kind"))
      return fieldError(join(join(path, "init"), "kind"), "missing");
  }
  auto checkPlacement = [&](Region want, absl::string_view what) -> absl::Status {
    if (d.region != want)
      return fieldError(join(path, "region"),
                        absl::StrCat("a ", what, " tensor must be in region \"",
                                     regionName(want), "\", got \"", regionName(d.region), "\""));
    return absl::OkStatus();
  };
  switch (d.role) {
  case Role::Param:
  case Role::Slot:
    DLC_RT_RETURN_IF_ERROR(checkPlacement(Region::State, roleName(d.role)));
    if (!isFloat(d.dtype))
      return fieldError(join(path, "dtype"), absl::StrCat("a ", roleName(d.role),
                                                          " tensor must be f32 or f64"));
    break;
  case Role::Iterations:
    DLC_RT_RETURN_IF_ERROR(checkPlacement(Region::State, "iterations"));
    if (d.dtype != DType::I64 || !d.shape.empty())
      return fieldError(path, "the iterations tensor must be a 0-d i64");
    break;
  case Role::Input:
  case Role::Label:
  case Role::Loss:
  case Role::Correct:
  case Role::Output:
    DLC_RT_RETURN_IF_ERROR(checkPlacement(Region::Io, roleName(d.role)));
    break;
  case Role::Temp:
    break;
  }
  uint64_t regionSize = regionBytes[size_t(d.region)];
  if (d.offset > regionSize || d.byteSize() > regionSize - d.offset)
    return fieldError(path, absl::StrFormat("tensor '%s' (%d bytes at offset %d) lies outside "
                                            "region %s (%d bytes)",
                                            d.name, d.byteSize(), d.offset,
                                            regionName(d.region), regionSize));
  if (d.role == Role::Loss && (!isFloat(d.dtype) || !d.shape.empty()))
    return fieldError(path, "the loss tensor must be a 0-d float");
  if (d.role == Role::Correct && (d.dtype != DType::I64 || !d.shape.empty()))
    return fieldError(path, "the correct tensor must be a 0-d i64");
  return d;
}

absl::StatusOr<Step> parseStep(const json &s, const std::string &path, const std::string &fn,
                               size_t stepIndex, size_t numTensors) {
  if (!s.is_object()) return expected(path, "an object", s);
  Step step;
  step.raw = s;
  if (s.contains("kind")) {
    DLC_RT_ASSIGN_OR_RETURN(step.kind, enumMember(s, path, "kind", abi::kStepKindNames));
  }
  if (step.kind == StepKind::Op || s.contains("op")) {
    DLC_RT_ASSIGN_OR_RETURN(step.op, stringMember(s, path, "op"));
  }
  if (step.kind == StepKind::Native) {
    DLC_RT_ASSIGN_OR_RETURN(step.symbol, stringMember(s, path, "symbol"));
  }
  DLC_RT_ASSIGN_OR_RETURN(step.in, indexList(s, path, "in", numTensors));
  DLC_RT_ASSIGN_OR_RETURN(step.out, indexList(s, path, "out", numTensors));
  step.where = absl::StrCat(fn, " step ", stepIndex,
                            !step.op.empty()       ? absl::StrCat(" (", step.op, ")")
                            : !step.symbol.empty() ? absl::StrCat(" (", step.symbol, ")")
                                                   : "");
  json attrs = json::object();
  if (s.contains("attrs")) {
    if (!s["attrs"].is_object()) return expected(join(path, "attrs"), "an object", s["attrs"]);
    attrs = s["attrs"];
  }
  step.attrs = Attrs(std::move(attrs), step.where);
  if (s.contains("body")) {
    const std::string bpath = join(path, "body");
    DLC_RT_ASSIGN_OR_RETURN(const json *body, objectMember(s, path, "body"));
    DLC_RT_ASSIGN_OR_RETURN(step.bodyArg, indexMember(*body, bpath, "arg", numTensors));
    DLC_RT_ASSIGN_OR_RETURN(step.bodyResult, indexMember(*body, bpath, "result", numTensors));
    DLC_RT_ASSIGN_OR_RETURN(const json *steps, arrayMember(*body, bpath, "steps"));
    for (size_t i = 0; i < steps->size(); ++i) {
      DLC_RT_ASSIGN_OR_RETURN(Step inner, parseStep((*steps)[i], at(join(bpath, "steps"), i),
                                                 absl::StrCat(step.where, " body"), i,
                                                 numTensors));
      step.body.push_back(std::move(inner));
    }
  }
  return step;
}

absl::StatusOr<Function> parseFunction(const std::string &name, const json &f,
                                       const std::string &path, size_t numTensors) {
  if (!f.is_object()) return expected(path, "an object", f);
  Function fn;
  fn.name = name;
  DLC_RT_ASSIGN_OR_RETURN(fn.inputs, indexList(f, path, "inputs", numTensors));
  DLC_RT_ASSIGN_OR_RETURN(fn.outputs, indexList(f, path, "outputs", numTensors));
  if (f.contains("capturable")) {
    if (!f["capturable"].is_boolean())
      return expected(join(path, "capturable"), "a boolean", f["capturable"]);
    fn.capturable = f["capturable"].get<bool>();
  }
  DLC_RT_ASSIGN_OR_RETURN(const json *steps, arrayMember(f, path, "steps"));
  for (size_t i = 0; i < steps->size(); ++i) {
    DLC_RT_ASSIGN_OR_RETURN(Step step,
                         parseStep((*steps)[i], at(join(path, "steps"), i), name, i, numTensors));
    fn.steps.push_back(std::move(step));
  }
  return fn;
}

// FNV-1a, 64 bits.
uint64_t fnv1a(absl::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

} // namespace

//===-- Attrs ---------------------------------------------------------------===//

bool Attrs::has(std::string_view name) const { return json_.contains(std::string(name)); }

absl::Status Attrs::missing(std::string_view name) const {
  return absl::InvalidArgumentError(
      absl::StrCat(where_, ": missing attribute '", std::string(name), "'"));
}

absl::Status Attrs::illTyped(std::string_view name, const char *what) const {
  return absl::InvalidArgumentError(absl::StrCat(where_, ": attribute '", std::string(name), "' must be ",
                                                 what, ", got ",
                                                 describe(json_.at(std::string(name)))));
}

absl::StatusOr<int64_t> Attrs::getInt(std::string_view name) const {
  if (!has(name)) return missing(name);
  const nlohmann::json &v = json_.at(std::string(name));
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_unsigned() && v.get<uint64_t>() <= uint64_t(std::numeric_limits<int64_t>::max()))
    return int64_t(v.get<uint64_t>());
  return illTyped(name, "an integer");
}

absl::StatusOr<int64_t> Attrs::getInt(std::string_view name, int64_t fallback) const {
  if (!has(name)) return fallback;
  return getInt(name);
}

absl::StatusOr<double> Attrs::getFloat(std::string_view name) const {
  if (!has(name)) return missing(name);
  const nlohmann::json &v = json_.at(std::string(name));
  if (!v.is_number()) return illTyped(name, "a number");
  return v.get<double>();
}

absl::StatusOr<double> Attrs::getFloat(std::string_view name, double fallback) const {
  if (!has(name)) return fallback;
  return getFloat(name);
}

absl::StatusOr<bool> Attrs::getBool(std::string_view name, bool fallback) const {
  if (!has(name)) return fallback;
  const nlohmann::json &v = json_.at(std::string(name));
  if (!v.is_boolean()) return illTyped(name, "a boolean");
  return v.get<bool>();
}

absl::StatusOr<std::string> Attrs::getString(std::string_view name) const {
  if (!has(name)) return missing(name);
  const nlohmann::json &v = json_.at(std::string(name));
  if (!v.is_string()) return illTyped(name, "a string");
  return v.get<std::string>();
}

absl::StatusOr<std::string> Attrs::getString(std::string_view name,
                                             std::string_view fallback) const {
  if (!has(name)) return std::string(fallback);
  return getString(name);
}

absl::StatusOr<std::vector<int64_t>> Attrs::getInts(std::string_view name) const {
  if (!has(name)) return missing(name);
  const nlohmann::json &v = json_.at(std::string(name));
  if (!v.is_array()) return illTyped(name, "an array of integers");
  std::vector<int64_t> out;
  for (const nlohmann::json &e : v) {
    if (!isInteger(e) || (e.is_number_unsigned() &&
                          e.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max())))
      return illTyped(name, "an array of integers");
    out.push_back(e.get<int64_t>());
  }
  return out;
}

absl::StatusOr<std::vector<int64_t>> Attrs::getInts(std::string_view name,
                                                    std::vector<int64_t> fallback) const {
  if (!has(name)) return fallback;
  return getInts(name);
}

//===-- Manifest ------------------------------------------------------------===//

const Function *Manifest::function(std::string_view name) const {
  auto it = functions.find(std::string(name));
  return it == functions.end() ? nullptr : &it->second;
}

absl::StatusOr<const Function *> Manifest::requireFunction(std::string_view name) const {
  if (const Function *f = function(name)) return f;
  std::vector<std::string> names;
  for (const auto &[n, f] : functions) names.push_back(n);
  return absl::NotFoundError(absl::StrCat("the bundle has no function '", std::string(name), "' (it has: ",
                                          names.empty() ? "none" : absl::StrJoin(names, ", "),
                                          ")"));
}

std::vector<int> Manifest::tensorsWithRole(Role role) const {
  std::vector<int> out;
  for (const TensorDesc &t : tensors)
    if (t.role == role) out.push_back(t.index);
  return out;
}

std::string Manifest::task() const {
  if (training.is_object() && training.contains("task") && training["task"].is_string())
    return training["task"].get<std::string>();
  if (model.is_object() && model.contains("name") && model["name"].is_string())
    return model["name"].get<std::string>();
  return "";
}

uint64_t Manifest::contentHash() const {
  json canonical = json::object();
  for (const char *key : {"target", "batch_size", "regions", "tensors", "functions"})
    if (raw.contains(key)) canonical[key] = raw[key];
  return fnv1a(canonical.dump());
}

absl::StatusOr<Manifest> parseManifest(std::string_view jsonText) {
  json root = json::parse(jsonText.begin(), jsonText.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded())
    return absl::InvalidArgumentError("manifest: not valid JSON");
  if (!root.is_object()) return expected("(root)", "an object", root);
  Manifest m;
  m.raw = root;
  const std::string top;
  DLC_RT_ASSIGN_OR_RETURN(int64_t version, intMember(root, top, "format_version", 0));
  m.formatVersion = uint32_t(version);
  if (version != abi::kManifestFormatVersion)
    return fieldError("format_version", absl::StrCat("manifest format ", version,
                                                     ", this runtime reads ", abi::kManifestFormatVersion));
  DLC_RT_ASSIGN_OR_RETURN(m.target, stringMember(root, top, "target"));
  if (m.target.empty()) return fieldError("target", "empty");
  if (root.contains("producer")) {
    DLC_RT_ASSIGN_OR_RETURN(m.producer, asString(root["producer"], "producer"));
  }
  if (root.contains("model")) {
    DLC_RT_ASSIGN_OR_RETURN(const json *model, objectMember(root, top, "model"));
    m.model = *model;
  } else {
    m.model = json::object();
  }
  if (root.contains("training")) {
    DLC_RT_ASSIGN_OR_RETURN(const json *training, objectMember(root, top, "training"));
    m.training = *training;
  } else {
    m.training = json::object();
  }
  if (root.contains("native")) {
    DLC_RT_ASSIGN_OR_RETURN(const json *native, objectMember(root, top, "native"));
    NativeCode code;
    DLC_RT_ASSIGN_OR_RETURN(code.section, stringMember(*native, "native", "section"));
    for (auto [key, list] : {std::pair<const char *, std::vector<std::string> *>{
                                 "features", &code.features},
                             {"errors", &code.errors}}) {
      if (!native->contains(key)) continue;
      const std::string path = absl::StrCat("native.", key);
      const json &values = (*native)[key];
      if (!values.is_array()) return expected(path, "an array", values);
      for (size_t i = 0; i < values.size(); ++i) {
        DLC_RT_ASSIGN_OR_RETURN(std::string v, asString(values[i], at(path, i)));
        list->push_back(std::move(v));
      }
    }
    m.native = std::move(code);
  }
  DLC_RT_ASSIGN_OR_RETURN(m.batchSize, intMember(root, top, "batch_size", 1));
  DLC_RT_ASSIGN_OR_RETURN(const json *seedValue, member(root, top, "seed"));
  if (seedValue->is_number_unsigned())
    m.seed = seedValue->get<uint64_t>();
  else if (seedValue->is_number_integer() && seedValue->get<int64_t>() >= 0)
    m.seed = uint64_t(seedValue->get<int64_t>());
  else
    return expected("seed", "a non-negative integer", *seedValue);

  DLC_RT_ASSIGN_OR_RETURN(const json *regions, objectMember(root, top, "regions"));
  for (int r = 0; r < kNumRegions; ++r) {
    const char *name = regionName(Region(r));
    DLC_RT_ASSIGN_OR_RETURN(const json *v, member(*regions, "regions", name));
    const std::string p = join("regions", name);
    if (v->is_object()) { // {"bytes": B, "device": ...} (targets with devices)
      DLC_RT_ASSIGN_OR_RETURN(int64_t bytes, intMember(*v, p, "bytes", 0));
      m.regionBytes[size_t(r)] = uint64_t(bytes);
    } else {
      DLC_RT_ASSIGN_OR_RETURN(int64_t bytes, asInt(*v, p, 0));
      m.regionBytes[size_t(r)] = uint64_t(bytes);
    }
    if (m.regionBytes[size_t(r)] > (uint64_t(1) << 40))
      return fieldError(p, absl::StrCat("region of ", m.regionBytes[size_t(r)],
                                        " bytes: larger than 1 TiB"));
  }

  DLC_RT_ASSIGN_OR_RETURN(const json *tensors, arrayMember(root, top, "tensors"));
  int params = 0;
  for (size_t i = 0; i < tensors->size(); ++i) {
    DLC_RT_ASSIGN_OR_RETURN(TensorDesc d,
                         parseTensor((*tensors)[i], at("tensors", i), int(i), m.regionBytes));
    if (d.role == Role::Param) d.paramIndex = params++;
    m.tensors.push_back(std::move(d));
  }
  if (m.tensorsWithRole(Role::Iterations).size() > 1)
    return fieldError("tensors", "more than one tensor has role \"iterations\"");
  if (params >= (1 << 28))
    return fieldError("tensors", "too many parameters for the Philox tensor id");

  DLC_RT_ASSIGN_OR_RETURN(const json *functions, objectMember(root, top, "functions"));
  for (auto it = functions->begin(); it != functions->end(); ++it) {
    DLC_RT_ASSIGN_OR_RETURN(Function fn, parseFunction(it.key(), it.value(),
                                                    join("functions", it.key()),
                                                    m.tensors.size()));
    m.functions.emplace(it.key(), std::move(fn));
  }
  return m;
}

} // namespace dlc::rt::bundle
