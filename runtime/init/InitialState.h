// The initial "state" region of a bundle for a seed: every parameter drawn
// with the contract's initialisers (abi/Initializers.h, the spec read from the
// manifest tensor's "init" object), every other byte zero. What the compiler
// writes as the state section, and what the runtime recomputes when a run
// asks for another --seed.
#ifndef DLC_RUNTIME_INIT_INITIALSTATE_H
#define DLC_RUNTIME_INIT_INITIALSTATE_H

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "abi/Initializers.h"

namespace dlc::rt::bundle {
struct Manifest;
}

namespace dlc::rt::init {

/// The fields of a manifest "init" object as the contract's parser takes
/// them; errors (InvalidArgument, "init: ...") name the field.
absl::StatusOr<abi::InitSpec> parseInitSpec(const nlohmann::json &spec);

/// The whole initial state region of `manifest` for `seed`. Errors name the
/// tensor.
absl::StatusOr<std::string> initialStateBytes(const bundle::Manifest &manifest, uint64_t seed);
/// The same, into an existing buffer of regionBytes[State] bytes.
absl::Status fillInitialState(const bundle::Manifest &manifest, uint64_t seed, uint8_t *state);

} // namespace dlc::rt::init

#endif // DLC_RUNTIME_INIT_INITIALSTATE_H
