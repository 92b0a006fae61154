// The cpu target's native code, loaded from a bundle section: the shared
// library's bytes are checked (an ELF shared object for this machine's
// architecture and word size), written to an anonymous in-memory file and
// dlopen'ed from there, so no file is left behind; its ABI version and entry
// points (abi/NativeAbi.h) are checked before anything runs. The
// runtime still never links LLVM.
#ifndef DLC_RUNTIME_BACKENDS_CPU_NATIVELIBRARY_H
#define DLC_RUNTIME_BACKENDS_CPU_NATIVELIBRARY_H

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "abi/NativeAbi.h"

namespace dlc::rt::exec {

class NativeLibrary {
public:
  using Entry = void (*)(void **args);

  /// Loads `bytes` (`what` names them in errors, e.g. "section 'code.cpu'").
  /// Errors (FailedPrecondition for a foreign library, InvalidArgument for a
  /// corrupt one): "not an ELF shared object", "built for <machine>, this is
  /// <machine>", "ABI version N, this runtime runs 1", dlopen's message.
  static absl::StatusOr<std::unique_ptr<NativeLibrary>> load(std::string_view bytes,
                                                             std::string_view what);
  ~NativeLibrary();
  NativeLibrary(const NativeLibrary &) = delete;
  NativeLibrary &operator=(const NativeLibrary &) = delete;

  /// The entry `symbol`, or NotFound naming it.
  absl::StatusOr<Entry> entry(std::string_view symbol) const;
  /// Sets the dropout masks' key (dlc_run_seed).
  void setRunSeed(uint64_t seed) const { *runSeed_ = int64_t(seed); }
  /// The error word (dlc_error): zeroed before a call, read after it.
  void clearError() const { *error_ = 0; }
  int32_t error() const { return *error_; }
  /// Caps the OpenMP threads of the library's parallel loops (0: every
  /// core); false when the library is single-threaded.
  bool setThreads(int threads) const;

private:
  NativeLibrary() = default;
  void *handle_ = nullptr;
  int fd_ = -1;
  int64_t *runSeed_ = nullptr;
  int32_t *error_ = nullptr;
  std::string what_;
};

/// OK when this machine has every feature in `features` (LLVM's names, e.g.
/// "avx2", "avx512f", "fma"; tuning flags count as present, CpuFeatures.h);
/// FailedPrecondition naming the missing ones otherwise, and naming the ones
/// the runtime does not know (never assumed present).
absl::Status checkCpuFeatures(const std::vector<std::string> &features,
                              std::string_view what);

/// A memref descriptor over `data` with a row-major `shape`, laid out as
/// the native ABI expects (a vector of 3 + 2·rank 64-bit words).
std::vector<int64_t> memrefDescriptor(void *data, const std::vector<int64_t> &shape);

} // namespace dlc::rt::exec

#endif // DLC_RUNTIME_BACKENDS_CPU_NATIVELIBRARY_H
