// The memory a bundle's steps run over: one buffer per region (state, io,
// arena), each allocated once, 64-byte aligned and zero-filled. Tensors live
// at their manifest offsets; nothing is allocated while steps run.
#ifndef DLC_RUNTIME_EXEC_ARENA_H
#define DLC_RUNTIME_EXEC_ARENA_H

#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "absl/status/statusor.h"
#include "runtime/bundle/Manifest.h"

namespace dlc::rt::exec {

inline constexpr size_t kArenaAlignment = 64;

class Arena {
public:
  /// Allocates every region (sizes in bytes; 0 is allowed). ResourceExhausted
  /// naming the region when an allocation fails.
  static absl::StatusOr<Arena> create(const std::array<uint64_t, bundle::kNumRegions> &bytes);

  uint8_t *base(bundle::Region region) { return buffers_[size_t(region)].get(); }
  const uint8_t *base(bundle::Region region) const { return buffers_[size_t(region)].get(); }
  uint64_t size(bundle::Region region) const { return sizes_[size_t(region)]; }

  /// The first byte of a tensor (its region's base + offset).
  uint8_t *data(const bundle::TensorDesc &t) { return base(t.region) + t.offset; }
  const uint8_t *data(const bundle::TensorDesc &t) const { return base(t.region) + t.offset; }

private:
  struct Free {
    void operator()(uint8_t *p) const { std::free(p); }
  };
  std::array<std::unique_ptr<uint8_t, Free>, bundle::kNumRegions> buffers_;
  std::array<uint64_t, bundle::kNumRegions> sizes_{};
};

} // namespace dlc::rt::exec

#endif // DLC_RUNTIME_EXEC_ARENA_H
