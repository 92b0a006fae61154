// libFuzzer target: arbitrary bytes as a bundle (.dlcb): the container and
// manifest checks; a cpu-ref bundle that passes them and is small is opened
// (every function planned against its regions) and each function run once on
// zeroed regions, the way dlc train would first use it. Native code (cpu) is
// never loaded: that would run whatever the input holds.
#include "runtime/backends/Backends.h"
#include "runtime/bundle/BundleReader.h"
#include "test/fuzz/FuzzTarget.h"

DLC_FUZZ_TARGET(bundle) {
  namespace bundle = dlc::rt::bundle;
  auto b = bundle::readBundleBytes(std::string(reinterpret_cast<const char *>(data), size),
                                   "fuzz.dlcb");
  if (!b.ok() || b->manifest().target != "cpu-ref") return 0;
  uint64_t bytes = 0;
  for (uint64_t r : b->manifest().regionBytes) bytes += r;
  // Larger regions are valid bundles too, but allocating and running them
  // would measure the machine, not the reader.
  if (bytes > (uint64_t(1) << 20)) return 0;
  auto backend = dlc::rt::openBackend(*b, {});
  if (!backend.ok()) return 0;
  for (const auto &[name, function] : b->manifest().functions) (void)(*backend)->run(name);
  return 0;
}
