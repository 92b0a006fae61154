// libFuzzer target: arbitrary bytes as a CIFAR-10 binary batch file (raw or gzip).
#include "runtime/data/Cifar10.h"
#include "test/fuzz/FuzzTarget.h"
#include "test/fuzz/MemoryFile.h"

DLC_FUZZ_TARGET(cifar) {
  static dlc::fuzz::MemoryFile file;
  dlc::rt::data::CifarSplit split;
  (void)dlc::rt::data::readCifarBatch(file.set(data, size), split);
  return 0;
}
