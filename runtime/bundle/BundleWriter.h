// Writes a bundle container (BundleFormat.h): the compiler's code generators
// give it the manifest JSON, the initial state bytes and any target sections;
// it lays the sections out at 64-byte-aligned offsets and records each one's
// CRC-32 (zlib's crc32) in the section table.
#ifndef DLC_RUNTIME_BUNDLE_BUNDLEWRITER_H
#define DLC_RUNTIME_BUNDLE_BUNDLEWRITER_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dlc::rt::bundle {

class BundleWriter {
public:
  /// The manifest section: UTF-8 JSON text (not parsed here; the reader
  /// validates it).
  void setManifest(std::string json) { manifest_ = std::move(json); }
  /// The state section: the initial content of the "state" region.
  void setState(std::string bytes) { state_ = std::move(bytes); }
  /// Any other section, e.g. "code.cpu". Names are 1..23 printable ASCII
  /// characters and unique; "manifest" and "state" have their own setters.
  absl::Status addSection(std::string_view name, std::string bytes);

  /// The whole file: header, section table (manifest, state, then the other
  /// sections in the order added), sections. Errors when the manifest or the
  /// state was not set.
  absl::StatusOr<std::string> serialize() const;
  /// serialize() written to `path` (through `path`.tmp and a rename, so a
  /// reader never sees half a bundle).
  absl::Status writeFile(const std::string &path) const;

private:
  std::optional<std::string> manifest_;
  std::optional<std::string> state_;
  std::vector<std::pair<std::string, std::string>> sections_;
};

/// zlib's crc32 of `bytes` (the CRC-32 of the section table and checkpoints).
uint32_t crc32Of(std::string_view bytes);

} // namespace dlc::rt::bundle

#endif // DLC_RUNTIME_BUNDLE_BUNDLEWRITER_H
