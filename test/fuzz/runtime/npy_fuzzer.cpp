// libFuzzer target: arbitrary bytes as a .npy file (dlc predict's input reader).
#include "runtime/data/Npy.h"
#include "test/fuzz/FuzzTarget.h"

DLC_FUZZ_TARGET(npy) {
  (void)dlc::rt::data::parseNpy(std::string_view(reinterpret_cast<const char *>(data), size),
                                "fuzz.npy");
  return 0;
}
