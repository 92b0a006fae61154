// A file that lives in memory (memfd), for fuzzing readers that take a path: each
// input replaces its contents and is read back through /proc/self/fd, so the
// readers' own file handling (gzip detection included) is fuzzed too.
#ifndef DLC_TEST_FUZZ_MEMORYFILE_H
#define DLC_TEST_FUZZ_MEMORYFILE_H

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace dlc::fuzz {

class MemoryFile {
public:
  MemoryFile() : fd_(memfd_create("dlc-fuzz", MFD_CLOEXEC)) {
    if (fd_ < 0) std::abort();
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile &) = delete;
  MemoryFile &operator=(const MemoryFile &) = delete;

  /// Replaces the contents and returns the path that reads them.
  const std::string &set(const uint8_t *data, size_t size) {
    if (::ftruncate(fd_, 0) != 0) std::abort();
    for (size_t done = 0; done < size;) {
      ssize_t n = ::pwrite(fd_, data + done, size - done, off_t(done));
      if (n <= 0) std::abort();
      done += size_t(n);
    }
    return path_;
  }

private:
  int fd_;
  std::string path_;
};

} // namespace dlc::fuzz

#endif // DLC_TEST_FUZZ_MEMORYFILE_H
