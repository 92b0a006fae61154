// libFuzzer target: a bundle (.dlcb) from arbitrary bytes, two ways. Input that
// starts with the bundle magic is the file itself: the container and manifest
// checks. Any other input is a manifest's JSON text, wrapped in a valid
// container with a zero state of the size its regions name, so the fuzzer
// reaches the manifest's validation and the planner past the CRC-32s it could
// not forge. A cpu-ref bundle that passes and is small is opened (every
// function planned against its regions) and each function run once on zeroed
// regions, the way dlc train would first use it. Native code (cpu) is never
// loaded: that would run whatever the input holds.
#include "abi/BundleContainer.h"
#include "runtime/backends/Backends.h"
#include "runtime/bundle/BundleReader.h"
#include "test/fuzz/FuzzTarget.h"

#include <nlohmann/json.hpp>

namespace {

/// Largest region total the target allocates and runs: bigger bundles are
/// valid, but opening them would measure the machine, not the reader.
constexpr uint64_t kMaxRegionBytes = uint64_t(1) << 20;

std::string containerFor(std::string_view manifestText) {
  uint64_t stateBytes = 0;
  nlohmann::json m = nlohmann::json::parse(manifestText, nullptr, false);
  if (m.is_object() && m.contains("regions") && m["regions"].is_object() &&
      m["regions"].contains("state")) {
    // {"state": B} or {"state": {"bytes": B, ...}}
    const nlohmann::json &state = m["regions"]["state"];
    const nlohmann::json *value = &state;
    if (state.is_object() && state.contains("bytes")) value = &state["bytes"];
    if (value->is_number_unsigned()) stateBytes = value->get<uint64_t>();
  }
  if (stateBytes > kMaxRegionBytes)
    stateBytes = 0; // the reader then says the sizes differ
  auto bytes = dlc::abi::writeBundleContainer(manifestText, std::string(stateBytes, '\0'));
  return bytes ? *bytes : std::string();
}

} // namespace

DLC_FUZZ_TARGET(bundle) {
  namespace bundle = dlc::rt::bundle;
  std::string bytes(reinterpret_cast<const char *>(data), size);
  if (!dlc::abi::hasBundleMagic(bytes)) {
    bytes = containerFor(bytes);
    if (bytes.empty()) return 0;
  }
  auto b = bundle::readBundleBytes(std::move(bytes), "fuzz.dlcb");
  if (!b.ok() || b->manifest().target != "cpu-ref") return 0;
  uint64_t total = 0;
  for (uint64_t r : b->manifest().regionBytes) total += r;
  if (total > kMaxRegionBytes) return 0;
  auto backend = dlc::rt::openBackend(*b, {});
  if (!backend.ok()) return 0;
  for (const auto &[name, function] : b->manifest().functions) (void)(*backend)->run(name);
  return 0;
}
