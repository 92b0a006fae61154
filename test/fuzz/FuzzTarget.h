// One source per libFuzzer target of the runtime's readers, built two ways: as a
// fuzzer (DLC_FUZZ_TARGET defines LLVMFuzzerTestOneInput) and into
// dlc-fuzz-replay (it registers the function under the target's name), which
// the default test suite runs on test/fuzz/regressions/<target>/.
#ifndef DLC_TEST_FUZZ_FUZZTARGET_H
#define DLC_TEST_FUZZ_FUZZTARGET_H

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace dlc::fuzz {

using TestOneInput = int (*)(const uint8_t *data, size_t size);

/// The replay tool's targets, by name.
inline std::map<std::string, TestOneInput> &targets() {
  static std::map<std::string, TestOneInput> all;
  return all;
}

struct Registration {
  Registration(const char *name, TestOneInput f) { targets()[name] = f; }
};

} // namespace dlc::fuzz

#ifdef DLC_FUZZ_REPLAY
#define DLC_FUZZ_TARGET(name)                                                                      \
  static int name##TestOneInput(const uint8_t *data, size_t size);                                 \
  static const ::dlc::fuzz::Registration name##Registration(#name, name##TestOneInput);            \
  static int name##TestOneInput(const uint8_t *data, size_t size)
#else
#define DLC_FUZZ_TARGET(name) extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif

#endif // DLC_TEST_FUZZ_FUZZTARGET_H
