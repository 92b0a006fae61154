// Training checkpoints: everything a run needs to continue exactly where it
// stopped — the whole state region (parameters, optimizer slots, iteration
// counter), the position (epoch, next batch), the seed (which, with the
// position, is the whole RNG state: every draw is Philox keyed by counters),
// and the running sums of the epoch in progress.
//
// File layout, version 1 (integers little-endian):
//   offset 0   char    magic[8]     "DLCCKPT\0"
//   offset 8   uint32  version      1
//   offset 12  uint32  metaBytes    length of the JSON metadata
//   offset 16  uint64  stateBytes   length of the state image
//   offset 24  uint64  fileSize     total bytes, CRC included
//   offset 32  metadata: UTF-8 JSON object (CheckpointMeta's fields)
//   then zero padding to a multiple of 64, the state image, and
//   uint32 crc32 (zlib) of every byte before it.
// A checkpoint belongs to one compiled computation: its manifest_hash is
// Manifest::contentHash(), compared on resume.
#ifndef DLC_RUNTIME_TRAIN_CHECKPOINT_H
#define DLC_RUNTIME_TRAIN_CHECKPOINT_H

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dlc::rt::train {

inline constexpr uint32_t kCheckpointVersion = 1;

struct CheckpointMeta {
  uint64_t manifestHash = 0; ///< Manifest::contentHash() of the bundle
  std::string task;          ///< for messages
  std::string target;
  std::string bundle;        ///< the bundle's path or name when saved (informative)
  uint64_t seed = 0;         ///< the run's seed
  int64_t iterations = 0;    ///< completed training steps (also in the state)
  int64_t epoch = 0;         ///< 0-based epoch to continue in
  int64_t batch = 0;         ///< next batch of that epoch
  int64_t batchSize = 0;
  // Running sums of the epoch in progress (zero at an epoch boundary).
  double epochLossSum = 0;   ///< Σ batch loss · batch rows
  int64_t epochCorrect = 0;
  int64_t epochSamples = 0;
  double epochSeconds = 0;
};

struct Checkpoint {
  CheckpointMeta meta;
  std::string state;
};

/// Writes `path` so that a crash at any moment leaves either the previous
/// file or the new one, whole: the bytes go to `path`.tmp, which is fsynced,
/// renamed over `path`, and the folder fsynced (the rename itself made
/// durable). A `path`.tmp left by a crash is replaced by the next save.
/// Errors name the file and give the system's reason.
absl::Status saveCheckpoint(const std::string &path, const Checkpoint &checkpoint);

/// Whether `head` (a file's first bytes) starts with the checkpoint magic.
bool hasCheckpointMagic(std::string_view head);

namespace test_hooks {
/// Called after each chunk of the temporary file is written (tests stop the
/// process there to play a crash in the middle of a save); null normally.
inline void (*afterCheckpointChunk)(const std::string &tmpPath, uint64_t bytesWritten) = nullptr;
} // namespace test_hooks

/// Reads and validates `path`. Errors start with the path: "not a dlc
/// checkpoint", "checkpoint format N, this runtime reads 1", "truncated or
/// extended", "corrupt (CRC-32 ...)", "metadata: <field> ...".
absl::StatusOr<Checkpoint> loadCheckpoint(const std::string &path);

/// The same checks on a checkpoint's bytes; `path` names it in errors.
absl::StatusOr<Checkpoint> parseCheckpoint(std::string_view bytes, const std::string &path);

/// The hash as 16 hex digits.
std::string hashHex(uint64_t hash);

} // namespace dlc::rt::train

#endif // DLC_RUNTIME_TRAIN_CHECKPOINT_H
