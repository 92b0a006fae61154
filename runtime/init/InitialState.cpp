// The initial state region of a bundle (implementation of InitialState.h).
#include "runtime/init/InitialState.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "runtime/bundle/Manifest.h"

namespace dlc::rt::init {

using nlohmann::json;

absl::StatusOr<abi::InitSpec> parseInitSpec(const json &spec) {
  if (!spec.is_object())
    return absl::InvalidArgumentError(absl::StrCat("init: expected an object, got ", spec.dump()));
  abi::InitFields fields;
  for (const auto &[key, value] : spec.items()) {
    abi::InitField f;
    if (value.is_number()) {
      f.type = abi::InitField::Type::Number;
      f.number = value.get<double>();
    } else if (value.is_string()) {
      f.type = abi::InitField::Type::String;
      f.text = value.get<std::string>();
    } else {
      f.text = value.dump();
    }
    fields[key] = std::move(f);
  }
  abi::Expected<abi::InitSpec> parsed = abi::parseInitSpec(fields);
  if (!parsed) return absl::InvalidArgumentError(parsed.error().message);
  return *parsed;
}

absl::Status fillInitialState(const bundle::Manifest &manifest, uint64_t seed, uint8_t *state) {
  const uint64_t size = manifest.regionBytes[size_t(bundle::Region::State)];
  if (size) std::memset(state, 0, size);
  for (const bundle::TensorDesc &t : manifest.tensors) {
    if (t.role != bundle::Role::Param) continue;
    auto fail = [&](const std::string &message) {
      return absl::InvalidArgumentError(absl::StrCat("tensor '", t.name, "': ", message));
    };
    absl::StatusOr<abi::InitSpec> spec = parseInitSpec(t.init);
    if (!spec.ok()) return fail(std::string(spec.status().message()));
    abi::Error error;
    if (!abi::initializeTensor(*spec, t.shape, seed, uint32_t(t.paramIndex), t.dtype,
                               state + t.offset, &error))
      return fail(error.message);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> initialStateBytes(const bundle::Manifest &manifest, uint64_t seed) {
  std::string out(manifest.regionBytes[size_t(bundle::Region::State)], '\0');
  if (absl::Status s = fillInitialState(manifest, seed, reinterpret_cast<uint8_t *>(out.data()));
      !s.ok())
    return s;
  return out;
}

} // namespace dlc::rt::init
