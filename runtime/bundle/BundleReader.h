// Reads and validates a bundle (abi/BundleFormat.h, abi/ManifestSchema.h). A bundle that loads is
// well-formed down to its manifest's structure; every refusal is an error
// whose message starts with the file's path and says which check failed:
//   PATH: not a dlc bundle (bad magic)
//   PATH: bundle format 2, this runtime reads 1
//   PATH: truncated or extended: the header says N bytes, the file has M
//   PATH: section 'code.cpu' (bytes A..B) lies outside the file (M bytes)
//   PATH: corrupt section 'state' (CRC-32 0x..., the table says 0x...)
//   PATH: missing required section 'manifest'
//   PATH: bundle for unknown target 'cuda9' (dlc's targets: cpu-ref, ...)
//   PATH: manifest: tensors[3].dtype: unknown value "f16" (...)
//   PATH: state section holds N bytes, the manifest's state region M
// Status codes: NotFound (no file), DataLoss (truncated, corrupt, outside),
// FailedPrecondition (format version, target), InvalidArgument (the rest).
#ifndef DLC_RUNTIME_BUNDLE_BUNDLEREADER_H
#define DLC_RUNTIME_BUNDLE_BUNDLEREADER_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "abi/BundleContainer.h"
#include "runtime/bundle/Manifest.h"

namespace dlc::rt::bundle {

struct ReadOptions {
  /// The targets the caller wants (empty: any target of abi/Targets.h); a
  /// bundle for another one is refused. Whether this runtime can run a
  /// bundle is the backend registry's question (runtime/backends/Backends.h).
  std::vector<std::string> targets;
};

using abi::SectionInfo;

/// A loaded bundle: the file's bytes, its section table and its manifest.
class Bundle {
public:
  const std::string &path() const { return path_; }
  const Manifest &manifest() const { return manifest_; }
  const std::vector<SectionInfo> &sections() const { return sections_; }
  /// The bytes of section `name`; empty view when there is none.
  std::string_view section(std::string_view name) const;
  bool hasSection(std::string_view name) const;
  /// The initial state (the "state" section).
  std::string_view initialState() const { return section("state"); }
  /// The manifest section's JSON text, as stored.
  std::string_view manifestText() const { return section("manifest"); }

private:
  friend absl::StatusOr<Bundle> readBundleBytes(std::string, std::string,
                                                const ReadOptions &);
  std::string path_;
  std::string bytes_;
  std::vector<SectionInfo> sections_;
  Manifest manifest_;
};

/// Reads and validates the bundle at `path`.
absl::StatusOr<Bundle> readBundleFile(const std::string &path,
                                      const ReadOptions &options = {});
/// Validates a bundle held in memory; `displayName` stands for the path in
/// messages (e.g. "<compiled mnist_mlp>").
absl::StatusOr<Bundle> readBundleBytes(std::string bytes, std::string displayName,
                                       const ReadOptions &options = {});

} // namespace dlc::rt::bundle

#endif // DLC_RUNTIME_BUNDLE_BUNDLEREADER_H
