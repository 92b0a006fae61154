// The dlc bundle container (format version 1): the file every target's
// compiled model is, written by the compiler and read by the runtime. What the
// manifest section says is abi/ManifestSchema.h; reading and writing the
// container is abi/BundleContainer.h.
#ifndef DLC_ABI_BUNDLEFORMAT_H
#define DLC_ABI_BUNDLEFORMAT_H

#include <cstdint>

namespace dlc::abi {

// ---------------------------------------------------------------------------
// Container (all integers little-endian)
//
//   offset 0   char     magic[8]        "DLCBNDL\0"
//   offset 8   uint32   formatVersion   kFormatVersion
//   offset 12  uint32   sectionCount
//   offset 16  uint64   fileSize        total bytes; a shorter file is truncated
//   offset 24  SectionEntry[sectionCount]
//   then the sections' bytes, each starting at a multiple of kSectionAlignment
//
// A reader refuses: a wrong magic ("not a dlc bundle"), another format
// version ("bundle format N, this runtime reads 1"), a fileSize that differs
// from the file's ("truncated or extended"), a section outside the file, a
// section whose CRC-32 (abi/Crc32.h, zlib's polynomial) differs ("corrupt
// section NAME"), a missing required section, and a target that is not one of
// abi/Targets.h ("bundle for unknown target T").
// ---------------------------------------------------------------------------

inline constexpr char kMagic[8] = {'D', 'L', 'C', 'B', 'N', 'D', 'L', '\0'};
inline constexpr uint32_t kFormatVersion = 1;
inline constexpr uint64_t kSectionAlignment = 64;
inline constexpr uint64_t kHeaderSize = 24;

struct SectionEntry {
  char name[24];     ///< NUL-padded ASCII
  uint64_t offset;   ///< from the start of the file
  uint64_t size;     ///< bytes
  uint32_t crc32;    ///< of the section's bytes
  uint32_t reserved; ///< 0
};
static_assert(sizeof(SectionEntry) == 48, "SectionEntry is 48 bytes on disk");

// Required sections.
inline constexpr const char *kManifestSection = "manifest"; ///< UTF-8 JSON (ManifestSchema.h)
inline constexpr const char *kStateSection = "state";       ///< initial state bytes
// Target sections are named "code.<target>" (e.g. the cpu target's shared
// library, abi/Targets.h names each target's); cpu-ref has none.
inline constexpr const char *kCodeSectionPrefix = "code.";

} // namespace dlc::abi

#endif // DLC_ABI_BUNDLEFORMAT_H
