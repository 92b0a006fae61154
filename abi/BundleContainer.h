// Writing and reading the bundle container of abi/BundleFormat.h: the section
// table, alignment and CRC-32 checks. The manifest inside is not parsed here
// (the runtime's reader parses and validates it; abi/ManifestSchema.h says
// what it holds).
#ifndef DLC_ABI_BUNDLECONTAINER_H
#define DLC_ABI_BUNDLECONTAINER_H

#include "abi/Expected.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlc::abi {

/// One named section's bytes.
struct Section {
  std::string name;
  std::string bytes;
};

/// The whole file: header, section table (manifest, state, then `others` in
/// order), sections at 64-byte-aligned offsets, each with its CRC-32.
/// Errors (Invalid): a section name that is not 1..23 printable ASCII
/// characters, a name given twice, or "manifest"/"state" among `others`.
Expected<std::string> writeBundleContainer(std::string_view manifest, std::string_view state,
                                           const std::vector<Section> &others = {});

/// Where a section lies in a container.
struct SectionInfo {
  std::string name;
  uint64_t offset = 0;
  uint64_t size = 0;
  uint32_t crc32 = 0;
};

/// The section table of `bytes`, every check of BundleFormat.h done (magic,
/// format version, file size, sections inside the file and aligned, unique
/// and well-formed names, CRC-32s, the required sections present). Errors:
///   Invalid  "not a dlc bundle (bad magic)", malformed or repeated names,
///            misaligned sections, a missing required section
///   Version  "bundle format N, this runtime reads 1"
///   DataLoss truncated or extended files, sections outside the file,
///            "corrupt section 'NAME' (CRC-32 0x..., the table says 0x...)"
Expected<std::vector<SectionInfo>> readBundleContainer(std::string_view bytes);

/// True when `bytes` start with the bundle magic (a file that claims to be a
/// bundle, intact or not).
bool hasBundleMagic(std::string_view bytes);

} // namespace dlc::abi

#endif // DLC_ABI_BUNDLECONTAINER_H
