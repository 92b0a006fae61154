// The in-memory dataset the training loop reads: input tensors, one-hot labels, the per-epoch
// shuffled order, batches, and Keras' validation_split.
//
// Random draws made here (abi/Philox.h; nothing else is random):
//   shuffledOrder(n, seed, epoch): for position i = n-1 down to 1 (Fisher–Yates),
//     w = philoxDraw(seed, uint32_t(Stream::Shuffle) | 0, /*step=*/epoch, /*index=*/i)[0]
//     j = (uint64_t(w) * (i + 1)) >> 32          (uniform in [0, i]; bias < (i+1)/2^32)
//     swap(order[i], order[j])
//   one block per position i >= 1, word 0 only; the id part of the tensor id is 0 (one
//   training set per run).
#ifndef DLC_RUNTIME_DATA_DATASET_H
#define DLC_RUNTIME_DATA_DATASET_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace dlc::rt::data {

enum class ElementType { kFloat32, kInt32 };

const char *elementTypeName(ElementType type);

/// One input of the model, for every sample: row-major [numSamples, sampleShape...].
/// Images are float32 (already multiplied by the rescale factor); token ids are int32.
struct InputTensor {
  std::string name;                  ///< what it holds: "image", "story", "question"
  ElementType type = ElementType::kFloat32;
  std::vector<int64_t> sampleShape;  ///< shape of one sample, e.g. {28, 28, 1} or {552}
  std::vector<float> f32;            ///< the values when type == kFloat32
  std::vector<int32_t> i32;          ///< the values when type == kInt32

  int64_t sampleElements() const;    ///< product of sampleShape
  int64_t storedElements() const;    ///< size of f32 or i32, whichever `type` says
};

/// A labelled dataset held in memory: inputs in model order, one-hot float32 labels.
struct Dataset {
  std::string name;                  ///< e.g. "mnist/train"
  int64_t numSamples = 0;
  int64_t numClasses = 0;
  std::vector<InputTensor> inputs;   ///< in the order the model takes its inputs
  std::vector<float> labels;         ///< one-hot, row-major [numSamples, numClasses]
  std::vector<int32_t> classes;      ///< the integer class of each sample, [numSamples]
};

/// Which splits of a dataset a command reads: `dlc eval` scores the test set
/// and needs no training files.
struct Splits {
  bool train = true;
  bool test = true;
};

/// Checks that every size agrees with numSamples/numClasses/sampleShape and that classes
/// are in [0, numClasses) and match the one-hot rows. The message names the dataset.
absl::Status validateDataset(const Dataset &ds);

/// Sets `classes` and the one-hot `labels` of `ds` from integer classes in [0, numClasses).
absl::Status setOneHotLabels(Dataset &ds, absl::Span<const int32_t> classes, int64_t numClasses);

/// The 256 values float(double(v) * rescale), v = 0..255: how every image loader turns a uint8
/// pixel into its float32 input (for rescale = 1/255 this equals float32 v / 255.0f, Keras'
/// `x /= 255`, bit for bit).
std::vector<float> pixelTable(double rescale);

/// 0, 1, ..., n-1: the order of an epoch without shuffling (and of evaluation).
std::vector<int64_t> identityOrder(int64_t numSamples);

/// The permutation of epoch `epoch`: Fisher–Yates driven by Philox (see the header comment).
/// Same (n, seed, epoch) → same permutation on every machine and target.
std::vector<int64_t> shuffledOrder(int64_t numSamples, uint64_t seed, uint32_t epoch);

/// Samples [begin, end) of `ds` as a new dataset (name gets the range appended).
absl::StatusOr<Dataset> sliceDataset(const Dataset &ds, int64_t begin, int64_t end);

/// Keras' fit(validation_split=fraction): split_at = int(numSamples * (1 - fraction)) in double
/// precision; the first split_at samples train, the LAST numSamples - split_at validate.
/// `fraction` must be in [0, 1). Returns {train, validation}.
absl::StatusOr<std::pair<Dataset, Dataset>> splitValidation(const Dataset &ds, double fraction);

/// One batch: the rows of the dataset named by order[b*batchSize, min(n, (b+1)*batchSize)).
struct Batch {
  int64_t size = 0;                       ///< rows in this batch (the last one may be short)
  std::vector<int64_t> sampleIndices;     ///< dataset index of each row
  std::vector<InputTensor> inputs;        ///< [size, sampleShape...] each
  std::vector<float> labels;              ///< [size, numClasses]
  std::vector<int32_t> classes;           ///< [size]
};

/// Builds batch b of an epoch from the epoch's order (Keras' make_batches: ceil(n / batchSize)
/// batches, the last one holding the remainder). Reuses a Batch's buffers when filled again.
/// It keeps a pointer to the dataset: the dataset must outlive it.
class Batcher {
public:
  /// Fails when the dataset is inconsistent or batchSize < 1.
  static absl::StatusOr<Batcher> create(const Dataset &ds, int64_t batchSize);

  int64_t batchSize() const { return batchSize_; }
  int64_t numBatches() const;             ///< ceil(numSamples / batchSize)

  /// Fills `out` with batch `b` of the epoch whose order is `order` (a permutation of
  /// 0..numSamples-1, e.g. shuffledOrder()). Errors on b out of range, a wrong-sized order or
  /// an index out of range.
  absl::Status fill(absl::Span<const int64_t> order, int64_t b, Batch &out) const;
  absl::StatusOr<Batch> batch(absl::Span<const int64_t> order, int64_t b) const;

private:
  Batcher(const Dataset &ds, int64_t batchSize) : ds_(&ds), batchSize_(batchSize) {}
  const Dataset *ds_;
  int64_t batchSize_;
};

} // namespace dlc::rt::data

#endif // DLC_RUNTIME_DATA_DATASET_H
