// `dlc weights`: the state tensors of a bundle (its initial state for a seed)
// or of a checkpoint, by their manifest names — Keras' `layer/weight` for
// parameters (e.g. `dense_1/kernel`, `time_distributed_1/lstm_1/bias`),
// `layer/weight/<slot>` for optimizer slots (`/m`, `/v`, `/accumulator`,
// `/delta_accumulator`, ...) and `iterations` — written as a NumPy .npz
// archive (uncompressed zip of .npy files, one per tensor, keyed by name;
// `numpy.load(path)["dense_1/kernel"]`). Values are the exact bytes of the
// state region (little-endian f32/f64/i32/i64), so a peer framework can load
// dlc's weights bit for bit and compare its own updates against them.
#ifndef DLC_RUNTIME_TRAIN_WEIGHTS_H
#define DLC_RUNTIME_TRAIN_WEIGHTS_H

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/bundle/Manifest.h"
#include "runtime/train/Train.h"

namespace dlc::rt::train {

struct StateTensor {
  std::string name;
  std::string role;              ///< "param", "slot", "iterations"
  bundle::DType dtype = bundle::DType::F32;
  std::vector<int64_t> shape;    ///< empty for a scalar
  std::string bytes;             ///< little-endian element bytes, C order
};

struct WeightsOptions {
  BundleSource source;
  std::string checkpointPath;    ///< "" = the initial state for `seed`
  std::optional<uint64_t> seed;  ///< without a checkpoint (default: the bundle's)
  bool paramsOnly = false;       ///< leave out slots and the iteration counter
  std::string outputPath;        ///< the .npz to write
  std::ostream *out = &std::cout;
  std::ostream *err = &std::cerr;
};

/// Every tensor of the state region in manifest order (or the parameters only).
absl::StatusOr<std::vector<StateTensor>> stateTensors(const WeightsOptions &options);

/// The .npy file (format 1.0) of one tensor.
std::string npyBytes(const StateTensor &tensor);

/// Writes `tensors` as an uncompressed .npz (zip, "stored") to `path`.
absl::Status writeNpz(const std::string &path, const std::vector<StateTensor> &tensors);

/// stateTensors + writeNpz; prints "wrote N tensors (B bytes) to PATH".
int runWeights(const WeightsOptions &options);

} // namespace dlc::rt::train

#endif // DLC_RUNTIME_TRAIN_WEIGHTS_H
