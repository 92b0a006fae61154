// The dlc bundle format (version 1): the one contract between the compiler and the
// runtime. A bundle is everything a target needs to train and run one model.
#ifndef DLC_RUNTIME_BUNDLE_BUNDLEFORMAT_H
#define DLC_RUNTIME_BUNDLE_BUNDLEFORMAT_H

#include <cstdint>

namespace dlc::rt::bundle {

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
// section whose CRC-32 (zlib's crc32) differs ("corrupt section NAME"), a
// missing required section, and a target it lacks ("bundle for target T;
// this runtime has: ...").
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
inline constexpr const char *kManifestSection = "manifest"; ///< UTF-8 JSON, below
inline constexpr const char *kStateSection = "state";       ///< initial state bytes
// Target sections are named "code.<target>" (e.g. the cpu target's shared
// library); cpu-ref has none.

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
//                                        // initialiser (runtime/init/Initializers.h);
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
// "code.cpu", whose ABI runtime/exec/NativeAbi.h specifies — with the
// descriptors of "in" then "out"; its "ir_hash" identifies the dlc IR the
// code was compiled from, so it enters the content hash; such a manifest also carries "native":
// {"abi_version", "section", "cpu", "triple", "threads", "features": the
// instruction-set extensions the code may use, checked against the machine
// before it is loaded}); cpu-ref bundles
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

} // namespace dlc::rt::bundle

#endif // DLC_RUNTIME_BUNDLE_BUNDLEFORMAT_H
