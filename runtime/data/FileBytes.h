// Reading a whole data file into memory, gzip-compressed or not, with errors as values.
#ifndef DLC_RUNTIME_DATA_FILEBYTES_H
#define DLC_RUNTIME_DATA_FILEBYTES_H

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace dlc::rt::data {

/// The bytes of a file, after decompression when it was gzip.
struct FileBytes {
  std::vector<uint8_t> bytes;
  bool wasGzip = false; ///< the file started with the gzip magic 1f 8b
};

/// Largest (decompressed) file the loaders accept: 4 GiB, far above any of the datasets.
inline constexpr uint64_t kMaxDataFileBytes = uint64_t(4) << 30;

/// Reads `path` whole. gzip is detected by its magic bytes (1f 8b), never by the name:
/// gzip files are inflated with zlib's gz* API (concatenated members included), other files
/// are read as they are. Errors name the path: missing or unreadable file (NotFound /
/// PermissionDenied / DataLoss), corrupt or truncated gzip stream (DataLoss), more than
/// `maxBytes` bytes after decompression (ResourceExhausted).
absl::StatusOr<FileBytes> readFileBytes(const std::string &path,
                                        uint64_t maxBytes = kMaxDataFileBytes);

/// True when `path` names an existing regular file (or a link to one).
bool isRegularFile(const std::string &path);

} // namespace dlc::rt::data

#endif // DLC_RUNTIME_DATA_FILEBYTES_H
