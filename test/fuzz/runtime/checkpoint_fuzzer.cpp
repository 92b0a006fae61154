// libFuzzer target: arbitrary bytes as a training checkpoint (--resume,
// --checkpoint), read as they are and again with the file size and the CRC-32
// fixed up, so the fuzzer reaches the metadata and state checks past the
// checksum it could not forge.
#include "abi/Crc32.h"
#include "abi/LittleEndian.h"
#include "runtime/train/Checkpoint.h"
#include "test/fuzz/FuzzTarget.h"

DLC_FUZZ_TARGET(checkpoint) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  (void)dlc::rt::train::parseCheckpoint(bytes, "fuzz.ckpt");
  if (bytes.size() >= 36) {
    dlc::abi::putU64(bytes, 24, bytes.size());
    dlc::abi::putU32(bytes, bytes.size() - 4,
                     dlc::abi::crc32(std::string_view(bytes).substr(0, bytes.size() - 4)));
    (void)dlc::rt::train::parseCheckpoint(bytes, "fuzz.ckpt");
  }
  return 0;
}
