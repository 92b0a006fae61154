// A typed, validated view of a bundle's manifest (the JSON object described in
// abi/ManifestSchema.h). parseManifest checks the structure every consumer relies on:
// every field's presence and type, enum spellings, tensor indices in range,
// tensors inside their regions at 64-byte-aligned offsets, and parameter
// initialisers present. It does not check op semantics (operand counts,
// shapes): the executor does that when it plans a function.
//
// Every error names the field by its JSON path, e.g.
//   manifest: tensors[3].shape[1]: expected a non-negative integer, got "x"
//   manifest: functions.train_step.steps[4].in[0]: tensor index 99 out of range (12 tensors)
#ifndef DLC_RUNTIME_BUNDLE_MANIFEST_H
#define DLC_RUNTIME_BUNDLE_MANIFEST_H

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "abi/ManifestSchema.h"

namespace dlc::rt::bundle {

// The schema's enumerations and their names are the contract's
// (abi/ManifestSchema.h).
using abi::DType;
using abi::dtypeName;
using abi::dtypeSize;
using abi::isFloat;
using abi::kNumRegions;
using abi::Region;
using abi::regionName;
using abi::Role;
using abi::roleName;
using abi::StepKind;
using abi::stepKindName;

/// One tensor of the manifest's "tensors" array.
struct TensorDesc {
  int index = 0;              ///< its position in "tensors"
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape; ///< empty for a scalar
  Region region = Region::Arena;
  uint64_t offset = 0;        ///< bytes from the region's start, multiple of 64
  Role role = Role::Temp;
  /// Role::Param only: the normalised initialiser spec (abi/
  /// Initializers.h), e.g. {"kind": "orthogonal", "gain": 1.0}; null otherwise.
  nlohmann::json init;
  /// Role::Param only: the parameter's ordinal among the "param" tensors in
  /// manifest order. Its initial value is drawn from Philox stream
  /// Init | paramIndex. -1 for other roles.
  int paramIndex = -1;

  int64_t numElements() const;
  uint64_t byteSize() const;
};

/// The attributes of a step: a JSON object with typed accessors whose errors
/// name the step and the attribute.
class Attrs {
public:
  Attrs() = default;
  Attrs(nlohmann::json object, std::string where)
      : json_(std::move(object)), where_(std::move(where)) {}

  bool has(std::string_view name) const;
  absl::StatusOr<int64_t> getInt(std::string_view name) const;
  absl::StatusOr<int64_t> getInt(std::string_view name, int64_t fallback) const;
  /// Any JSON number.
  absl::StatusOr<double> getFloat(std::string_view name) const;
  absl::StatusOr<double> getFloat(std::string_view name, double fallback) const;
  absl::StatusOr<bool> getBool(std::string_view name, bool fallback) const;
  absl::StatusOr<std::string> getString(std::string_view name) const;
  absl::StatusOr<std::string> getString(std::string_view name,
                                        std::string_view fallback) const;
  absl::StatusOr<std::vector<int64_t>> getInts(std::string_view name) const;
  absl::StatusOr<std::vector<int64_t>>
  getInts(std::string_view name, std::vector<int64_t> fallback) const;

  const nlohmann::json &json() const { return json_; }

private:
  absl::Status missing(std::string_view name) const;
  absl::Status illTyped(std::string_view name, const char *expected) const;
  nlohmann::json json_ = nlohmann::json::object();
  std::string where_;
};

struct Step {
  StepKind kind = StepKind::Op;
  std::string op;         ///< e.g. "dlc.dense" (Op); optional otherwise
  std::string symbol;     ///< Native only: the entry point, e.g. "dlc_train_step"
  std::vector<int> in;    ///< tensor indices
  std::vector<int> out;   ///< tensor indices
  Attrs attrs;
  /// dlc.time_distributed only: the body run once per time step. `bodyArg`
  /// receives the slice [N, d...] of step t, `bodyResult` holds the body's
  /// [N, e...] result, which is copied to out[0][:, t].
  std::vector<Step> body;
  int bodyArg = -1;
  int bodyResult = -1;
  nlohmann::json raw;     ///< the whole step object (target-specific fields)
  std::string where;      ///< "train_step step 3 (dlc.dense)", for messages
};

struct Function {
  std::string name;
  std::vector<int> inputs;  ///< what the caller fills before a run
  std::vector<int> outputs; ///< what the caller reads after it
  std::vector<Step> steps;
  /// Every address is static and the step count fixed, so a target may
  /// record the whole function once and replay it ("capturable", default
  /// true; a target sets it false when a step needs host decisions).
  bool capturable = true;
};

/// The "native" object of a bundle with native code (the cpu target).
struct NativeCode {
  std::string section;               ///< the bundle section holding the library
  std::vector<std::string> features; ///< CPU extensions the code may use
  /// The messages of the code's run-time checks: error code c is errors[c - 1].
  std::vector<std::string> errors;
};

struct Manifest {
  uint32_t formatVersion = 0;
  std::string target;
  std::string producer;
  nlohmann::json model;    ///< {"name", "format", "source"} (object)
  nlohmann::json training; ///< the model file's dlc: section (object)
  std::optional<NativeCode> native; ///< set when the manifest has "native"
  int64_t batchSize = 0;
  uint64_t seed = 0;
  std::array<uint64_t, kNumRegions> regionBytes{};
  std::vector<TensorDesc> tensors;
  std::map<std::string, Function> functions;
  nlohmann::json raw;      ///< the whole manifest object

  /// Null when the bundle has no function of that name.
  const Function *function(std::string_view name) const;
  /// NotFound naming the function and the ones the bundle has.
  absl::StatusOr<const Function *> requireFunction(std::string_view name) const;
  /// Indices of the tensors with `role`, in manifest order.
  std::vector<int> tensorsWithRole(Role role) const;
  /// training.task, else model.name, else "".
  std::string task() const;
  /// A 64-bit FNV-1a hash of what defines the compiled computation: target,
  /// batch size, regions, tensors and functions (canonical JSON). Producer,
  /// model path, seed and training settings do not enter it, so recompiling
  /// the same model gives the same hash.
  uint64_t contentHash() const;
};

/// Parses and validates a manifest. Errors are InvalidArgument and start
/// with "manifest: ".
absl::StatusOr<Manifest> parseManifest(std::string_view jsonText);

} // namespace dlc::rt::bundle

#endif // DLC_RUNTIME_BUNDLE_MANIFEST_H
