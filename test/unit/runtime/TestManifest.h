// Test helper: builds bundle manifests by hand (tensors placed at 64-byte
// aligned offsets in their regions, functions with steps) and bundles from
// them, for the bundle, exec and train tests.
#ifndef DLC_TEST_UNIT_RUNTIME_EXEC_TESTMANIFEST_H
#define DLC_TEST_UNIT_RUNTIME_EXEC_TESTMANIFEST_H

#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/bundle/BundleReader.h"
#include "abi/BundleContainer.h"
#include "runtime/bundle/Manifest.h"
#include "runtime/init/InitialState.h"

namespace dlc::rt::testing {

using nlohmann::json;

class ManifestBuilder {
public:
  /// Adds a tensor; returns its index.
  int tensor(const std::string &name, const std::string &dtype, std::vector<int64_t> shape,
             const std::string &region, const std::string &role, json init = nullptr) {
    const int r = region == "state" ? 0 : region == "io" ? 1 : 2;
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    const uint64_t bytes = uint64_t(n) * (dtype == "f32" || dtype == "i32" ? 4 : 8);
    json t = {{"name", name},     {"dtype", dtype}, {"shape", shape},
              {"region", region}, {"offset", offsets_[r]}, {"role", role}};
    if (!init.is_null()) t["init"] = init;
    offsets_[r] += (bytes + 63) / 64 * 64;
    tensors_.push_back(t);
    return int(tensors_.size()) - 1;
  }
  /// Adds a step to function `fn` (created on first use).
  void step(const std::string &fn, const std::string &op, std::vector<int> in,
            std::vector<int> out, json attrs = json::object()) {
    json &f = function(fn);
    f["steps"].push_back({{"op", op}, {"in", in}, {"out", out}, {"attrs", attrs}});
  }
  void io(const std::string &fn, std::vector<int> inputs, std::vector<int> outputs) {
    json &f = function(fn);
    f["inputs"] = inputs;
    f["outputs"] = outputs;
  }
  json &function(const std::string &fn) {
    if (!functions_.contains(fn))
      functions_[fn] = {{"inputs", json::array()}, {"outputs", json::array()},
                        {"steps", json::array()}};
    return functions_[fn];
  }

  json build(int64_t batchSize = 4, uint64_t seed = 7, const std::string &target = "cpu-ref",
             json training = json::object()) const {
    return {{"format_version", 1},
            {"target", target},
            {"producer", "test"},
            {"model", {{"name", "tiny"}, {"format", "test"}, {"source", "test"}}},
            {"training", training},
            {"batch_size", batchSize},
            {"seed", seed},
            {"regions", {{"state", offsets_[0]}, {"io", offsets_[1]}, {"arena", offsets_[2]}}},
            {"tensors", tensors_},
            {"functions", functions_}};
  }

private:
  std::array<uint64_t, 3> offsets_{};
  json tensors_ = json::array();
  json functions_ = json::object();
};

/// The bundle of `manifest` with its Philox initial state.
inline std::string bundleBytes(const json &manifest) {
  auto parsed = bundle::parseManifest(manifest.dump());
  if (!parsed.ok()) throw std::runtime_error(std::string(parsed.status().message()));
  auto state = init::initialStateBytes(*parsed, parsed->seed);
  if (!state.ok()) throw std::runtime_error(std::string(state.status().message()));
  auto bytes = abi::writeBundleContainer(manifest.dump(1), *state);
  if (!bytes) throw std::runtime_error(bytes.error().message);
  return *bytes;
}

inline std::shared_ptr<const bundle::Bundle> loadBundle(const json &manifest,
                                                        const std::string &name = "<test>") {
  auto b = bundle::readBundleBytes(bundleBytes(manifest), name);
  if (!b.ok()) throw std::runtime_error(std::string(b.status().message()));
  return std::make_shared<const bundle::Bundle>(std::move(*b));
}

template <typename T> T *at(uint8_t *p) { return reinterpret_cast<T *>(p); }

} // namespace dlc::rt::testing

#endif // DLC_TEST_UNIT_RUNTIME_EXEC_TESTMANIFEST_H
