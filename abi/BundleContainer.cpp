// Writing and reading bundle containers (implementation of BundleContainer.h).
#include "abi/BundleContainer.h"

#include "abi/BundleFormat.h"
#include "abi/Crc32.h"
#include "abi/LittleEndian.h"

#include <cstdio>
#include <cstring>
#include <set>

namespace dlc::abi {

namespace {

uint64_t alignUp(uint64_t v) {
  return (v + kSectionAlignment - 1) / kSectionAlignment * kSectionAlignment;
}

bool wellFormedName(std::string_view name) {
  if (name.empty() || name.size() >= sizeof(SectionEntry::name))
    return false;
  for (char c : name)
    if (c < 0x21 || c > 0x7e)
      return false;
  return true;
}

std::string str(uint64_t v) { return std::to_string(v); }

std::string hex32(uint32_t v) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", v);
  return text;
}

Error error(ErrorKind kind, std::string message) { return Error{kind, std::move(message)}; }

} // namespace

Expected<std::string> writeBundleContainer(std::string_view manifest, std::string_view state,
                                           const std::vector<Section> &others) {
  std::vector<std::pair<std::string_view, std::string_view>> all;
  all.emplace_back(kManifestSection, manifest);
  all.emplace_back(kStateSection, state);
  for (const Section &s : others) {
    if (!wellFormedName(s.name))
      return invalid("bundle section name '" + s.name + "' must have 1 to " +
                     str(sizeof(SectionEntry::name) - 1) + " printable ASCII characters");
    for (const auto &[name, bytes] : all)
      if (name == s.name)
        return invalid("bundle section '" + s.name + "' given twice");
    all.emplace_back(s.name, s.bytes);
  }

  const uint64_t tableEnd = kHeaderSize + all.size() * sizeof(SectionEntry);
  std::vector<uint64_t> offsets;
  uint64_t cursor = alignUp(tableEnd);
  for (const auto &[name, bytes] : all) {
    offsets.push_back(cursor);
    cursor = alignUp(cursor + bytes.size());
  }
  // The file ends right after the last section's bytes.
  const uint64_t fileSize = offsets.back() + all.back().second.size();
  std::string out(fileSize, '\0');
  std::memcpy(out.data(), kMagic, sizeof(kMagic));
  putU32(out, 8, kFormatVersion);
  putU32(out, 12, uint32_t(all.size()));
  putU64(out, 16, fileSize);
  for (size_t i = 0; i < all.size(); ++i) {
    const size_t entry = kHeaderSize + i * sizeof(SectionEntry);
    const auto &[name, bytes] = all[i];
    std::memcpy(out.data() + entry, name.data(), name.size());
    putU64(out, entry + 24, offsets[i]);
    putU64(out, entry + 32, bytes.size());
    putU32(out, entry + 40, crc32(bytes));
    putU32(out, entry + 44, 0);
    if (!bytes.empty())
      std::memcpy(out.data() + offsets[i], bytes.data(), bytes.size());
  }
  return out;
}

bool hasBundleMagic(std::string_view bytes) {
  return bytes.size() >= sizeof(kMagic) && std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) == 0;
}

Expected<std::vector<SectionInfo>> readBundleContainer(std::string_view b) {
  const size_t magicLen = sizeof(kMagic);
  if (b.size() < magicLen) {
    if (!b.empty() && std::memcmp(b.data(), kMagic, b.size()) == 0)
      return error(ErrorKind::DataLoss, "truncated: " + str(b.size()) +
                                            " bytes, shorter than the " + str(kHeaderSize) +
                                            "-byte header");
    return invalid("not a dlc bundle (bad magic)");
  }
  if (!hasBundleMagic(b))
    return invalid("not a dlc bundle (bad magic)");
  if (b.size() < kHeaderSize)
    return error(ErrorKind::DataLoss, "truncated: " + str(b.size()) +
                                          " bytes, shorter than the " + str(kHeaderSize) +
                                          "-byte header");
  const uint32_t version = getU32(b, 8);
  if (version != kFormatVersion)
    return error(ErrorKind::Version, "bundle format " + str(version) + ", this runtime reads " +
                                         str(kFormatVersion));
  const uint32_t count = getU32(b, 12);
  const uint64_t fileSize = getU64(b, 16);
  if (fileSize != b.size())
    return error(ErrorKind::DataLoss, "truncated or extended: the header says " +
                                          str(fileSize) + " bytes, the file has " +
                                          str(b.size()));
  const uint64_t tableEnd = kHeaderSize + uint64_t(count) * sizeof(SectionEntry);
  if (tableEnd > b.size())
    return error(ErrorKind::DataLoss, "the section table (" + str(count) +
                                          " entries) lies outside the file (" + str(b.size()) +
                                          " bytes)");

  std::vector<SectionInfo> sections;
  std::set<std::string> seen;
  for (uint32_t i = 0; i < count; ++i) {
    const size_t e = kHeaderSize + size_t(i) * sizeof(SectionEntry);
    const char *rawName = b.data() + e;
    size_t len = 0;
    while (len < sizeof(SectionEntry::name) && rawName[len] != '\0')
      ++len;
    bool nameOk = wellFormedName(std::string_view(rawName, len));
    for (size_t k = len; k < sizeof(SectionEntry::name) && nameOk; ++k)
      nameOk = rawName[k] == '\0';
    if (!nameOk)
      return invalid("section table entry " + str(i) + " has a malformed name");
    SectionInfo s;
    s.name.assign(rawName, len);
    s.offset = getU64(b, e + 24);
    s.size = getU64(b, e + 32);
    s.crc32 = getU32(b, e + 40);
    if (!seen.insert(s.name).second)
      return invalid("section '" + s.name + "' appears twice");
    if (s.offset > b.size() || s.size > b.size() - s.offset)
      return error(ErrorKind::DataLoss, "section '" + s.name + "' (bytes " + str(s.offset) +
                                            ".." + str(s.offset + s.size) +
                                            ") lies outside the file (" + str(b.size()) +
                                            " bytes)");
    if (s.offset % kSectionAlignment != 0 || s.offset < tableEnd)
      return invalid("section '" + s.name + "' starts at offset " + str(s.offset) +
                     ", not a multiple of " + str(kSectionAlignment) +
                     " after the section table");
    const uint32_t crc = crc32(b.substr(s.offset, s.size));
    if (crc != s.crc32)
      return error(ErrorKind::DataLoss, "corrupt section '" + s.name + "' (CRC-32 " +
                                            hex32(crc) + ", the table says " + hex32(s.crc32) +
                                            ")");
    sections.push_back(std::move(s));
  }
  for (const char *required : {kManifestSection, kStateSection})
    if (!seen.count(required))
      return invalid(std::string("missing required section '") + required + "'");
  return sections;
}

} // namespace dlc::abi
