// Reads a Keras 3 `.keras` zip archive: its config.json and the keras_version of its metadata.json.
#ifndef DLC_FRONTEND_KERASARCHIVE_H
#define DLC_FRONTEND_KERASARCHIVE_H

#include <optional>
#include <string>

namespace dlc::frontend {

struct KerasArchive {
  std::string config;
  std::optional<std::string> kerasVersion;
};

/// True when `bytes` start like a zip file.
bool looksLikeZip(const std::string &bytes);

/// Extracts config.json from the archive in `bytes`; throws ImportError at
/// `archiveName` when it is not a readable zip or has no config.json.
KerasArchive readKerasArchive(const std::string &bytes,
                              const std::string &archiveName);

} // namespace dlc::frontend

#endif // DLC_FRONTEND_KERASARCHIVE_H
