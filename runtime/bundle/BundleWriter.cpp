// Writing bundle containers (implementation of BundleWriter.h).
#include "runtime/bundle/BundleWriter.h"

#include <cstdio>
#include <cstring>
#include <fstream>

#include <zlib.h>

#include "absl/strings/str_cat.h"
#include "runtime/bundle/BundleFormat.h"
#include "runtime/bundle/LittleEndian.h"

namespace dlc::rt::bundle {

uint32_t crc32Of(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  const auto *p = reinterpret_cast<const Bytef *>(bytes.data());
  size_t left = bytes.size();
  while (left > 0) { // zlib takes uInt lengths
    uInt chunk = uInt(std::min<size_t>(left, 1u << 30));
    crc = crc32(crc, p, chunk);
    p += chunk;
    left -= chunk;
  }
  return uint32_t(crc);
}

namespace {

uint64_t alignUp(uint64_t v) {
  return (v + kSectionAlignment - 1) / kSectionAlignment * kSectionAlignment;
}

absl::Status checkName(std::string_view name) {
  if (name.empty() || name.size() >= sizeof(SectionEntry::name))
    return absl::InvalidArgumentError(
        absl::StrCat("bundle section name '", std::string(name), "' must have 1 to ",
                     sizeof(SectionEntry::name) - 1, " characters"));
  for (char c : name)
    if (c < 0x21 || c > 0x7e)
      return absl::InvalidArgumentError(
          absl::StrCat("bundle section name '", std::string(name), "' must be printable ASCII"));
  return absl::OkStatus();
}

} // namespace

absl::Status BundleWriter::addSection(std::string_view name, std::string bytes) {
  if (absl::Status s = checkName(name); !s.ok()) return s;
  if (name == kManifestSection || name == kStateSection)
    return absl::InvalidArgumentError(
        absl::StrCat("bundle section '", std::string(name), "' is set with its own setter"));
  for (const auto &[n, b] : sections_)
    if (n == name)
      return absl::InvalidArgumentError(absl::StrCat("bundle section '", std::string(name), "' added twice"));
  sections_.emplace_back(std::string(name), std::move(bytes));
  return absl::OkStatus();
}

absl::StatusOr<std::string> BundleWriter::serialize() const {
  if (!manifest_) return absl::FailedPreconditionError("bundle writer: no manifest set");
  if (!state_) return absl::FailedPreconditionError("bundle writer: no state set");
  std::vector<std::pair<std::string_view, std::string_view>> all;
  all.emplace_back(kManifestSection, *manifest_);
  all.emplace_back(kStateSection, *state_);
  for (const auto &[n, b] : sections_) all.emplace_back(n, b);

  const uint64_t tableEnd = kHeaderSize + all.size() * sizeof(SectionEntry);
  std::vector<uint64_t> offsets;
  uint64_t cursor = alignUp(tableEnd);
  for (const auto &[n, b] : all) {
    offsets.push_back(cursor);
    cursor = alignUp(cursor + b.size());
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
    putU32(out, entry + 40, crc32Of(bytes));
    putU32(out, entry + 44, 0);
    if (!bytes.empty()) std::memcpy(out.data() + offsets[i], bytes.data(), bytes.size());
  }
  return out;
}

absl::Status BundleWriter::writeFile(const std::string &path) const {
  absl::StatusOr<std::string> bytes = serialize();
  if (!bytes.ok()) return bytes.status();
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return absl::PermissionDeniedError(absl::StrCat(tmp, ": cannot open for writing"));
    f.write(bytes->data(), std::streamsize(bytes->size()));
    f.close();
    if (!f) return absl::DataLossError(absl::StrCat(tmp, ": write failed"));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return absl::PermissionDeniedError(absl::StrCat(path, ": cannot rename ", tmp, " to it"));
  }
  return absl::OkStatus();
}

} // namespace dlc::rt::bundle
