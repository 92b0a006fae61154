// libFuzzer target: arbitrary bytes as a training checkpoint (--resume, --checkpoint).
#include "runtime/train/Checkpoint.h"
#include "test/fuzz/FuzzTarget.h"

DLC_FUZZ_TARGET(checkpoint) {
  (void)dlc::rt::train::parseCheckpoint(
      std::string_view(reinterpret_cast<const char *>(data), size), "fuzz.ckpt");
  return 0;
}
