// The memory a bundle's steps run over (implementation of Arena.h).
#include "runtime/exec/Arena.h"

#include <cstring>

#include "absl/strings/str_cat.h"

namespace dlc::rt::exec {

absl::StatusOr<Arena> Arena::create(const std::array<uint64_t, bundle::kNumRegions> &bytes) {
  Arena arena;
  for (int r = 0; r < bundle::kNumRegions; ++r) {
    // At least one aligned block, so every base is a valid distinct pointer.
    const uint64_t rounded =
        std::max<uint64_t>(kArenaAlignment,
                           (bytes[size_t(r)] + kArenaAlignment - 1) / kArenaAlignment *
                               kArenaAlignment);
    void *p = std::aligned_alloc(kArenaAlignment, size_t(rounded));
    if (!p)
      return absl::ResourceExhaustedError(
          absl::StrCat("cannot allocate the ", bundle::regionName(bundle::Region(r)),
                       " region (", bytes[size_t(r)], " bytes)"));
    std::memset(p, 0, size_t(rounded));
    arena.buffers_[size_t(r)].reset(static_cast<uint8_t *>(p));
    arena.sizes_[size_t(r)] = bytes[size_t(r)];
  }
  return arena;
}

} // namespace dlc::rt::exec
