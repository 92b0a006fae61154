// The cpu backend: runs a bundle compiled for the `cpu` target, whose code is a
// shared library in the bundle (section "code.cpu", loaded by NativeLibrary)
// with one entry point per function (abi/NativeAbi.h). Each function of the
// manifest is one "native" step; a run calls its entry with the memref
// descriptors of the function's tensors in the host Arena, after setting the
// run's seed (the dropout key) and clearing the error word, and reports a
// failed run-time check of the code as a status.
#ifndef DLC_RUNTIME_BACKENDS_CPU_NATIVEBACKEND_H
#define DLC_RUNTIME_BACKENDS_CPU_NATIVEBACKEND_H

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/backends/cpu/NativeLibrary.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/exec/HostBackend.h"

namespace dlc::rt::exec {

class NativeBackend : public HostBackend {
public:
  /// Checks the manifest's CPU features against this machine, loads the
  /// library of section `native.section` and plans every function (each one
  /// native step). `bundle` must outlive the backend.
  static absl::StatusOr<std::unique_ptr<NativeBackend>> create(const bundle::Bundle &bundle,
                                                               const BackendOptions &options);

  std::string_view name() const override { return "cpu"; }
  std::string device() const override;
  absl::Status run(std::string_view function) override;
  bool setThreads(int threads) override { return library_->setThreads(threads); }

private:
  NativeBackend(const bundle::Manifest &manifest, Arena arena, uint64_t runSeed)
      : HostBackend(manifest, std::move(arena)), runSeed_(runSeed) {}

  struct Call {
    NativeLibrary::Entry entry = nullptr;
    std::vector<std::vector<int64_t>> descriptors;
    std::vector<void *> args;
    std::string where;
  };
  uint64_t runSeed_;
  std::unique_ptr<NativeLibrary> library_;
  std::map<std::string, Call, std::less<>> calls_;
  std::vector<std::string> errors_; ///< native.errors: the message of error code i + 1
};

} // namespace dlc::rt::exec

#endif // DLC_RUNTIME_BACKENDS_CPU_NATIVEBACKEND_H
