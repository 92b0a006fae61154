// What the backends whose device is this machine's CPU share (cpu-ref, cpu):
// the bundle's regions as one host Arena, so copies are memcpy and io() is the
// io region itself.
#ifndef DLC_RUNTIME_EXEC_HOSTBACKEND_H
#define DLC_RUNTIME_EXEC_HOSTBACKEND_H

#include "runtime/exec/Arena.h"
#include "runtime/exec/Backend.h"

namespace dlc::rt::exec {

class HostBackend : public Backend {
public:
  absl::Status copyIn(bundle::Region region, uint64_t offset, const void *src,
                      uint64_t bytes) override;
  absl::Status copyOut(bundle::Region region, uint64_t offset, void *dst,
                       uint64_t bytes) const override;
  uint8_t *io() override { return arena_.base(bundle::Region::Io); }
  const uint8_t *io() const override { return arena_.base(bundle::Region::Io); }

  const bundle::Manifest &manifest() const { return manifest_; }
  Arena &arena() { return arena_; }
  /// A tensor's first byte in host memory.
  uint8_t *data(int tensor) { return arena_.data(manifest_.tensors[size_t(tensor)]); }
  const uint8_t *data(int tensor) const {
    return arena_.data(manifest_.tensors[size_t(tensor)]);
  }

protected:
  /// `manifest` must outlive the backend.
  HostBackend(const bundle::Manifest &manifest, Arena arena)
      : manifest_(manifest), arena_(std::move(arena)) {}

  const bundle::Manifest &manifest_;
  Arena arena_;
};

} // namespace dlc::rt::exec

#endif // DLC_RUNTIME_EXEC_HOSTBACKEND_H
