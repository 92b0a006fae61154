// Region copies of the host backends (see HostBackend.h).
#include "runtime/exec/HostBackend.h"

#include <cstring>

namespace dlc::rt::exec {

absl::Status HostBackend::copyIn(bundle::Region region, uint64_t offset, const void *src,
                                 uint64_t bytes) {
  if (absl::Status s = checkRegionCopy(manifest_, region, offset, bytes); !s.ok()) return s;
  if (bytes) std::memcpy(arena_.base(region) + offset, src, size_t(bytes));
  return absl::OkStatus();
}

absl::Status HostBackend::copyOut(bundle::Region region, uint64_t offset, void *dst,
                                  uint64_t bytes) const {
  if (absl::Status s = checkRegionCopy(manifest_, region, offset, bytes); !s.ok()) return s;
  if (bytes) std::memcpy(dst, arena_.base(region) + offset, size_t(bytes));
  return absl::OkStatus();
}

} // namespace dlc::rt::exec
