// Reading and validating bundles (implementation of BundleReader.h).
#include "runtime/bundle/BundleReader.h"

#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "abi/BundleContainer.h"
#include "abi/BundleFormat.h"
#include "abi/Targets.h"

namespace dlc::rt::bundle {

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
  abi::Expected<std::vector<abi::SectionInfo>> sections = abi::readBundleContainer(bytes);
  if (!sections) {
    const abi::Error &e = sections.error();
    const absl::StatusCode code = e.kind == abi::ErrorKind::DataLoss ? absl::StatusCode::kDataLoss
                                  : e.kind == abi::ErrorKind::Version
                                      ? absl::StatusCode::kFailedPrecondition
                                      : absl::StatusCode::kInvalidArgument;
    return absl::Status(code, absl::StrCat(displayName, ": ", e.message));
  }
  Bundle bundle;
  bundle.sections_ = std::move(*sections);
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
    if (!abi::findTarget(target)) {
      std::vector<std::string> names;
      for (const abi::TargetInfo &t : abi::kTargets) names.emplace_back(t.name);
      return absl::FailedPreconditionError(absl::StrCat(p, ": bundle for unknown target '", target,
                                                        "' (dlc's targets: ",
                                                        absl::StrJoin(names, ", "), ")"));
    }
    bool wanted = options.targets.empty();
    for (const std::string &t : options.targets) wanted = wanted || t == target;
    if (!wanted)
      return absl::FailedPreconditionError(
          absl::StrCat(p, ": bundle for target ", target, "; expected one for ",
                       absl::StrJoin(options.targets, ", ")));
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
