// Reading and validating bundles (implementation of BundleReader.h).
#include "runtime/bundle/BundleReader.h"

#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "runtime/bundle/BundleFormat.h"
#include "runtime/bundle/BundleWriter.h"
#include "runtime/bundle/LittleEndian.h"

namespace dlc::rt::bundle {

std::vector<std::string> runtimeTargets() { return {"cpu-ref", "cpu"}; }

std::string_view Bundle::section(std::string_view name) const {
  for (const SectionInfo &s : sections_)
    if (s.name == name) return std::string_view(bytes_).substr(s.offset, s.size);
  return {};
}

bool Bundle::hasSection(std::string_view name) const {
  for (const SectionInfo &s : sections_)
    if (s.name == name) return true;
  return false;
}

namespace {


} // namespace

absl::StatusOr<Bundle> readBundleFile(const std::string &path, const ReadOptions &options) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return absl::NotFoundError(absl::StrCat(path, ": cannot open the bundle file"));
  std::ostringstream buffer;
  buffer << f.rdbuf();
  if (f.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  return readBundleBytes(std::move(buffer).str(), path, options);
}

absl::StatusOr<Bundle> readBundleBytes(std::string bytes, std::string displayName,
                                       const ReadOptions &options) {
  const std::string &path = displayName;
  const std::string_view b = bytes;
  auto err = [&](absl::StatusCode code, std::string_view message) {
    return absl::Status(code, absl::StrCat(path, ": ", std::string(message)));
  };
  const size_t magicLen = sizeof(kMagic);
  if (b.size() < magicLen) {
    if (!b.empty() && std::memcmp(b.data(), kMagic, b.size()) == 0)
      return err(absl::StatusCode::kDataLoss,
                 absl::StrCat("truncated: ", b.size(), " bytes, shorter than the ", kHeaderSize,
                              "-byte header"));
    return err(absl::StatusCode::kInvalidArgument, "not a dlc bundle (bad magic)");
  }
  if (std::memcmp(b.data(), kMagic, magicLen) != 0)
    return err(absl::StatusCode::kInvalidArgument, "not a dlc bundle (bad magic)");
  if (b.size() < kHeaderSize)
    return err(absl::StatusCode::kDataLoss,
               absl::StrCat("truncated: ", b.size(), " bytes, shorter than the ", kHeaderSize,
                            "-byte header"));
  const uint32_t version = getU32(b, 8);
  if (version != kFormatVersion)
    return err(absl::StatusCode::kFailedPrecondition,
               absl::StrCat("bundle format ", version, ", this runtime reads ", kFormatVersion));
  const uint32_t count = getU32(b, 12);
  const uint64_t fileSize = getU64(b, 16);
  if (fileSize != b.size())
    return err(absl::StatusCode::kDataLoss,
               absl::StrCat("truncated or extended: the header says ", fileSize,
                            " bytes, the file has ", b.size()));
  const uint64_t tableEnd = kHeaderSize + uint64_t(count) * sizeof(SectionEntry);
  if (tableEnd > b.size())
    return err(absl::StatusCode::kDataLoss,
               absl::StrCat("the section table (", count, " entries) lies outside the file (",
                            b.size(), " bytes)"));

  Bundle bundle;
  std::set<std::string> seen;
  for (uint32_t i = 0; i < count; ++i) {
    const size_t e = kHeaderSize + size_t(i) * sizeof(SectionEntry);
    const char *rawName = b.data() + e;
    size_t len = 0;
    while (len < sizeof(SectionEntry::name) && rawName[len] != '\0') ++len;
    bool nameOk = len > 0 && len < sizeof(SectionEntry::name);
    for (size_t k = 0; k < len && nameOk; ++k)
      nameOk = rawName[k] >= 0x21 && rawName[k] <= 0x7e;
    for (size_t k = len; k < sizeof(SectionEntry::name) && nameOk; ++k)
      nameOk = rawName[k] == '\0';
    if (!nameOk)
      return err(absl::StatusCode::kInvalidArgument,
                 absl::StrCat("section table entry ", i, " has a malformed name"));
    SectionInfo s;
    s.name.assign(rawName, len);
    s.offset = getU64(b, e + 24);
    s.size = getU64(b, e + 32);
    s.crc32 = getU32(b, e + 40);
    if (!seen.insert(s.name).second)
      return err(absl::StatusCode::kInvalidArgument,
                 absl::StrCat("section '", s.name, "' appears twice"));
    if (s.offset > b.size() || s.size > b.size() - s.offset)
      return err(absl::StatusCode::kDataLoss,
                 absl::StrCat("section '", s.name, "' (bytes ", s.offset, "..",
                              s.offset + s.size, ") lies outside the file (", b.size(),
                              " bytes)"));
    if (s.offset % kSectionAlignment != 0 || s.offset < tableEnd)
      return err(absl::StatusCode::kInvalidArgument,
                 absl::StrCat("section '", s.name, "' starts at offset ", s.offset,
                              ", not a multiple of ", kSectionAlignment,
                              " after the section table"));
    const uint32_t crc = crc32Of(b.substr(s.offset, s.size));
    if (crc != s.crc32)
      return err(absl::StatusCode::kDataLoss,
                 absl::StrFormat("corrupt section '%s' (CRC-32 0x%08x, the table says 0x%08x)",
                                 s.name, crc, s.crc32));
    bundle.sections_.push_back(std::move(s));
  }
  for (const char *required : {kManifestSection, kStateSection})
    if (!seen.count(required))
      return err(absl::StatusCode::kInvalidArgument,
                 absl::StrCat("missing required section '", required, "'"));
  bundle.path_ = std::move(displayName);
  bundle.bytes_ = std::move(bytes);
  const std::string &p = bundle.path_;

  // The target first: a bundle for another target may use fields this
  // runtime does not know.
  const std::string_view text = bundle.manifestText();
  nlohmann::json root =
      nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded())
    return absl::InvalidArgumentError(absl::StrCat(p, ": manifest: not valid JSON"));
  if (root.is_object() && root.contains("target") && root["target"].is_string()) {
    const std::string target = root["target"].get<std::string>();
    bool known = false;
    for (const std::string &t : options.targets) known = known || t == target;
    if (!known)
      return absl::FailedPreconditionError(
          absl::StrCat(p, ": bundle for target ", target, "; this runtime has: ",
                       options.targets.empty() ? "none" : absl::StrJoin(options.targets, ", ")));
  }
  absl::StatusOr<Manifest> manifest = parseManifest(text);
  if (!manifest.ok())
    return absl::Status(manifest.status().code(),
                        absl::StrCat(p, ": ", manifest.status().message()));
  bundle.manifest_ = std::move(*manifest);
  const uint64_t stateBytes = bundle.manifest_.regionBytes[size_t(Region::State)];
  if (bundle.initialState().size() != stateBytes)
    return absl::InvalidArgumentError(absl::StrCat(
        p, ": the state section holds ", bundle.initialState().size(),
        " bytes, the manifest's state region ", stateBytes));
  return bundle;
}

} // namespace dlc::rt::bundle
