// The manifest of a bundle (the "manifest" section of abi/BundleFormat.h):
// the JSON schema the compiler writes and the runtime reads, and the names of
// its enumerations, so that both sides spell them from one table.
#ifndef DLC_ABI_MANIFESTSCHEMA_H
#define DLC_ABI_MANIFESTSCHEMA_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace dlc::abi {

// ---------------------------------------------------------------------------
// Manifest (JSON object), format version 1
//
// {
//   "format_version": 1,
//   "target": "cpu-ref",                 // the target whose steps follow
//   "producer": "dlc <version>",
//   "model": {"name": ..., "format": ..., "source": <model file path>},
//   "training": { ...the model file's dlc: section... },
//   "batch_size": 128,
//   "seed": 0,                           // the Philox seed of the initial state
//   "regions": {"state": B, "io": B, "arena": B},   // bytes of each buffer
//   "tensors": [                         // every buffer a step reads or writes
//     {"name": "dense_1/kernel", "dtype": "f32"|"f64"|"i32"|"i64",
//      "shape": [784, 512], "region": "state"|"io"|"arena",
//      "offset": bytes from the region's start (a multiple of 64),
//      "role": "param"|"slot"|"iterations"|"input"|"label"|"loss"|"correct"
//              |"output"|"temp",
//      "init": {"kind": ..., ...}}       // params only: the normalised
//                                        // initialiser (abi/Initializers.h);
//                                        // parameter #p (ordinal among "param"
//                                        // tensors) draws from Philox Init | p
//   ],
//   "functions": {                       // train_step, eval_step, predict
//     "train_step": {
//       "inputs":  [tensor index, ...],   // what the caller fills before a run
//       "outputs": [tensor index, ...],   // what the caller reads after it
//       "steps": [                        // executed in order
//         {"op": "dlc.dense", "in": [i, j, k], "out": [l],
//          "attrs": {<the op's attributes: ints, floats, bools, strings
//                     (enums by name), int arrays>}}, ...
//       ],
//       "capturable": true                // optional (default true): the whole
//                                         // function may be recorded once and
//                                         // replayed (static addresses)
//     }, ...
//   }
// }
//
// Optional step fields: "kind": "op" (default: run the reference kernel of
// "op"), "copy" (in[0] -> out[0], same byte size), "kernel" (a generated
// kernel launch, described by a "kernel" object) or "library" (a vendor
// library call, a "call" object) or "native" (a call of "symbol" in the
// bundle's native code section — the cpu target's shared library in section
// "code.cpu", whose ABI abi/NativeAbi.h specifies — with the
// descriptors of "in" then "out"; its "ir_hash" identifies the dlc IR the
// code was compiled from, so it enters the content hash; such a manifest also carries "native":
// {"abi_version", "section", "cpu", "triple", "threads", "features": the
// instruction-set extensions the code may use, checked against the machine
// before it is loaded, "errors": the messages of the code's run-time checks,
// error code c naming errors[c - 1]}); cpu-ref bundles
// hold "op" and "copy" steps only. A dlc.time_distributed step carries "body": {"arg": tensor,
// "result": tensor, "steps": [...]}, run once per time step. "in" lists
// the op's operands in the dialect's operand order. A region size may also be
// written {"bytes": B, "device": ...} (device targets).
//
// The "state" region holds the parameters, the optimizer slots and the
// iteration counter; the state section is its initial content (parameters
// drawn with Philox from "seed", slots and counter zero). "io" holds the
// batch inputs, labels and the results a caller reads; "arena" holds
// temporaries, placed by liveness so that buffers whose lifetimes do not
// overlap share bytes. A step may name the same tensor as an input and an
// output only where its op documents in-place operation (optimizer updates
// write the new parameter and slots over the old ones).
//
// Targets other than cpu-ref add fields to a step (a generated kernel's name
// and launch grid, a library call) and a "device" per region; a reader
// ignores fields it does not know only when the target is its own.
// ---------------------------------------------------------------------------


inline constexpr uint32_t kManifestFormatVersion = 1;

/// Element types of tensors ("dtype").
enum class DType : uint8_t { F32, F64, I32, I64 };
/// The three buffers of a bundle ("region"), numbered in the order of
/// "regions" sizes.
enum class Region : uint8_t { State = 0, Io = 1, Arena = 2 };
inline constexpr int kNumRegions = 3;
/// What a tensor is ("role").
enum class Role : uint8_t {
  Param,      ///< a trainable parameter (state; has "init")
  Slot,       ///< an optimizer slot (state, zero initially)
  Iterations, ///< the 0-d i64 step counter (state; train_step increments it)
  Input,      ///< a batch input the caller fills (io)
  Label,      ///< the batch labels the caller fills (io)
  Loss,       ///< the batch-mean loss a caller reads (io, 0-d float)
  Correct,    ///< the count of correct predictions a caller reads (io, 0-d i64)
  Output,     ///< another result a caller reads, e.g. predict's probabilities
  Temp,       ///< a temporary (usually arena)
};
/// What a step does ("kind").
enum class StepKind : uint8_t {
  Op,      ///< "op": run the reference kernel of dialect op `op`
  Kernel,  ///< "kernel": launch a generated kernel
  Library, ///< "library": call a vendor library
  Copy,    ///< "copy": copy in[0] to out[0] (same byte size)
  Native,  ///< "native": call `symbol` of the bundle's native code section
};

inline constexpr std::array<std::pair<const char *, DType>, 4> kDTypeNames{{
    {"f32", DType::F32}, {"f64", DType::F64}, {"i32", DType::I32}, {"i64", DType::I64}}};
inline constexpr std::array<std::pair<const char *, Region>, 3> kRegionNames{{
    {"state", Region::State}, {"io", Region::Io}, {"arena", Region::Arena}}};
inline constexpr std::array<std::pair<const char *, Role>, 9> kRoleNames{{
    {"param", Role::Param}, {"slot", Role::Slot}, {"iterations", Role::Iterations},
    {"input", Role::Input}, {"label", Role::Label}, {"loss", Role::Loss},
    {"correct", Role::Correct}, {"output", Role::Output}, {"temp", Role::Temp}}};
inline constexpr std::array<std::pair<const char *, StepKind>, 5> kStepKindNames{{
    {"op", StepKind::Op}, {"kernel", StepKind::Kernel}, {"library", StepKind::Library},
    {"copy", StepKind::Copy}, {"native", StepKind::Native}}};

/// The name of `value` in `table` ("?" when it has none).
template <typename E, size_t N>
constexpr const char *nameOf(const std::array<std::pair<const char *, E>, N> &table, E value) {
  for (const auto &[name, v] : table)
    if (v == value)
      return name;
  return "?";
}

/// The value called `name` in `table`.
template <typename E, size_t N>
constexpr std::optional<E> valueOf(const std::array<std::pair<const char *, E>, N> &table,
                                   std::string_view name) {
  for (const auto &[n, v] : table)
    if (n == name)
      return v;
  return std::nullopt;
}

constexpr const char *dtypeName(DType d) { return nameOf(kDTypeNames, d); }
constexpr const char *regionName(Region r) { return nameOf(kRegionNames, r); }
constexpr const char *roleName(Role r) { return nameOf(kRoleNames, r); }
constexpr const char *stepKindName(StepKind k) { return nameOf(kStepKindNames, k); }

/// Bytes of one element.
constexpr size_t dtypeSize(DType d) {
  return d == DType::F32 || d == DType::I32 ? 4 : 8;
}
constexpr bool isFloat(DType d) { return d == DType::F32 || d == DType::F64; }

/// The alignment of every tensor offset in its region, in bytes.
inline constexpr uint64_t kTensorAlignment = 64;

} // namespace dlc::abi

#endif // DLC_ABI_MANIFESTSCHEMA_H
