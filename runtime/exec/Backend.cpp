// What every backend shares (see Backend.h).
#include "runtime/exec/Backend.h"

#include "absl/strings/str_cat.h"

namespace dlc::rt::exec {

absl::Status checkRegionCopy(const bundle::Manifest &manifest, bundle::Region region,
                             uint64_t offset, uint64_t bytes) {
  const uint64_t size = manifest.regionBytes[size_t(region)];
  if (offset > size || bytes > size - offset)
    return absl::OutOfRangeError(absl::StrCat("a copy of ", bytes, " bytes at offset ", offset,
                                              " of the ", bundle::regionName(region),
                                              " region (", size, " bytes)"));
  return absl::OkStatus();
}

} // namespace dlc::rt::exec
