// libFuzzer target: arbitrary bytes as an MNIST IDX file (raw or gzip), read as
// labels (rank 1) and as images (rank 3), as dlc train and dlc predict read
// them, and its header alone, as the check of a model against its data does.
#include "runtime/data/Mnist.h"
#include "test/fuzz/FuzzTarget.h"
#include "test/fuzz/MemoryFile.h"

DLC_FUZZ_TARGET(idx) {
  static dlc::fuzz::MemoryFile file;
  const std::string &path = file.set(data, size);
  for (int rank : {1, 3}) {
    (void)dlc::rt::data::readIdxUbyte(path, rank);
    (void)dlc::rt::data::readIdxDims(path, rank);
  }
  return 0;
}
