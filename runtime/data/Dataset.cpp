// The in-memory dataset the training loop reads (implementation of Dataset.h).
#include "runtime/data/Dataset.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "abi/Philox.h"

namespace dlc::rt::data {
using abi::philoxDraw;
using abi::Stream;

const char *elementTypeName(ElementType type) {
  return type == ElementType::kFloat32 ? "float32" : "int32";
}

int64_t InputTensor::sampleElements() const {
  int64_t n = 1;
  for (int64_t d : sampleShape)
    n *= d;
  return n;
}

int64_t InputTensor::storedElements() const {
  return type == ElementType::kFloat32 ? int64_t(f32.size()) : int64_t(i32.size());
}

absl::Status validateDataset(const Dataset &ds) {
  auto bad = [&](auto &&...what) {
    return absl::FailedPreconditionError(absl::StrCat("dataset '", ds.name, "': ", what...));
  };
  if (ds.numSamples < 0 || ds.numClasses < 1)
    return bad("expected numSamples >= 0 and numClasses >= 1, found ", ds.numSamples, " and ",
               ds.numClasses);
  if (ds.inputs.empty())
    return bad("expected at least one input tensor, found none");
  for (const InputTensor &in : ds.inputs) {
    for (int64_t d : in.sampleShape)
      if (d < 1)
        return bad("input '", in.name, "': expected positive dimensions, found [",
                   absl::StrJoin(in.sampleShape, ","), "]");
    int64_t want = ds.numSamples * in.sampleElements();
    if (in.storedElements() != want)
      return bad("input '", in.name, "': expected ", want, " ", elementTypeName(in.type),
                 " values (", ds.numSamples, " x [", absl::StrJoin(in.sampleShape, ","),
                 "]), found ", in.storedElements());
    const size_t other = in.type == ElementType::kFloat32 ? in.i32.size() : in.f32.size();
    if (other != 0)
      return bad("input '", in.name, "': holds values of the type it is not (", other, ")");
  }
  if (int64_t(ds.classes.size()) != ds.numSamples)
    return bad("expected ", ds.numSamples, " classes, found ", ds.classes.size());
  if (int64_t(ds.labels.size()) != ds.numSamples * ds.numClasses)
    return bad("expected ", ds.numSamples * ds.numClasses, " one-hot label values (",
               ds.numSamples, " x ", ds.numClasses, "), found ", ds.labels.size());
  for (int64_t i = 0; i < ds.numSamples; ++i) {
    int32_t c = ds.classes[size_t(i)];
    if (c < 0 || c >= ds.numClasses)
      return bad("sample ", i, ": expected a class in [0, ", ds.numClasses, "), found ", c);
    const float *row = ds.labels.data() + i * ds.numClasses;
    for (int64_t k = 0; k < ds.numClasses; ++k)
      if (row[k] != (k == c ? 1.0f : 0.0f))
        return bad("sample ", i, ": one-hot label row does not match class ", c);
  }
  return absl::OkStatus();
}

absl::Status setOneHotLabels(Dataset &ds, absl::Span<const int32_t> classes, int64_t numClasses) {
  if (numClasses < 1)
    return absl::InvalidArgumentError(
        absl::StrCat("dataset '", ds.name, "': expected numClasses >= 1, found ", numClasses));
  for (size_t i = 0; i < classes.size(); ++i)
    if (classes[i] < 0 || classes[i] >= numClasses)
      return absl::InvalidArgumentError(absl::StrCat("dataset '", ds.name, "': sample ", i,
                                                     ": expected a class in [0, ", numClasses,
                                                     "), found ", classes[i]));
  ds.numClasses = numClasses;
  ds.classes.assign(classes.begin(), classes.end());
  ds.labels.assign(classes.size() * size_t(numClasses), 0.0f);
  for (size_t i = 0; i < classes.size(); ++i)
    ds.labels[i * size_t(numClasses) + size_t(classes[i])] = 1.0f;
  return absl::OkStatus();
}

std::vector<float> pixelTable(double rescale) {
  std::vector<float> table(256);
  for (int v = 0; v < 256; ++v)
    table[size_t(v)] = float(double(v) * rescale);
  return table;
}

std::vector<int64_t> identityOrder(int64_t numSamples) {
  std::vector<int64_t> order(size_t(std::max<int64_t>(numSamples, 0)));
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = int64_t(i);
  return order;
}

std::vector<int64_t> shuffledOrder(int64_t numSamples, uint64_t seed, uint32_t epoch) {
  std::vector<int64_t> order = identityOrder(numSamples);
  const uint32_t tensorId = uint32_t(Stream::Shuffle) | 0u;
  for (int64_t i = numSamples - 1; i >= 1; --i) {
    uint32_t w = philoxDraw(seed, tensorId, epoch, uint64_t(i))[0];
    int64_t j = int64_t((uint64_t(w) * uint64_t(i + 1)) >> 32);
    std::swap(order[size_t(i)], order[size_t(j)]);
  }
  return order;
}

absl::StatusOr<Dataset> sliceDataset(const Dataset &ds, int64_t begin, int64_t end) {
  if (absl::Status st = validateDataset(ds); !st.ok())
    return st;
  if (begin < 0 || end < begin || end > ds.numSamples)
    return absl::OutOfRangeError(absl::StrCat("dataset '", ds.name, "': expected a range within [0, ",
                                              ds.numSamples, "], found [", begin, ", ", end, ")"));
  Dataset out;
  out.name = absl::StrCat(ds.name, "[", begin, ":", end, "]");
  out.numSamples = end - begin;
  out.numClasses = ds.numClasses;
  for (const InputTensor &in : ds.inputs) {
    InputTensor t;
    t.name = in.name;
    t.type = in.type;
    t.sampleShape = in.sampleShape;
    const size_t e = size_t(in.sampleElements());
    if (in.type == ElementType::kFloat32)
      t.f32.assign(in.f32.begin() + begin * e, in.f32.begin() + end * e);
    else
      t.i32.assign(in.i32.begin() + begin * e, in.i32.begin() + end * e);
    out.inputs.push_back(std::move(t));
  }
  out.labels.assign(ds.labels.begin() + begin * ds.numClasses,
                    ds.labels.begin() + end * ds.numClasses);
  out.classes.assign(ds.classes.begin() + begin, ds.classes.begin() + end);
  return out;
}

absl::StatusOr<std::pair<Dataset, Dataset>> splitValidation(const Dataset &ds, double fraction) {
  if (!(fraction >= 0.0 && fraction < 1.0))
    return absl::InvalidArgumentError(absl::StrCat(
        "dataset '", ds.name, "': expected a validation fraction in [0, 1), found ", fraction));
  // Keras 2: split_at = int(len(x) * (1. - validation_split)).
  const int64_t splitAt = int64_t(double(ds.numSamples) * (1.0 - fraction));
  absl::StatusOr<Dataset> train = sliceDataset(ds, 0, splitAt);
  if (!train.ok())
    return train.status();
  absl::StatusOr<Dataset> val = sliceDataset(ds, splitAt, ds.numSamples);
  if (!val.ok())
    return val.status();
  return std::make_pair(*std::move(train), *std::move(val));
}

absl::StatusOr<Batcher> Batcher::create(const Dataset &ds, int64_t batchSize) {
  if (batchSize < 1)
    return absl::InvalidArgumentError(
        absl::StrCat("dataset '", ds.name, "': expected a batch size >= 1, found ", batchSize));
  if (absl::Status st = validateDataset(ds); !st.ok())
    return st;
  return Batcher(ds, batchSize);
}

int64_t Batcher::numBatches() const {
  return (ds_->numSamples + batchSize_ - 1) / batchSize_;
}

absl::Status Batcher::fill(absl::Span<const int64_t> order, int64_t b, Batch &out) const {
  const Dataset &ds = *ds_;
  if (int64_t(order.size()) != ds.numSamples)
    return absl::InvalidArgumentError(absl::StrCat("dataset '", ds.name, "': expected an order of ",
                                                   ds.numSamples, " indices, found ",
                                                   order.size()));
  if (b < 0 || b >= numBatches())
    return absl::OutOfRangeError(absl::StrCat("dataset '", ds.name, "': expected a batch in [0, ",
                                              numBatches(), "), found ", b));
  const int64_t begin = b * batchSize_;
  const int64_t end = std::min(ds.numSamples, begin + batchSize_);
  out.size = end - begin;
  out.sampleIndices.assign(order.begin() + begin, order.begin() + end);
  for (int64_t idx : out.sampleIndices)
    if (idx < 0 || idx >= ds.numSamples)
      return absl::OutOfRangeError(absl::StrCat("dataset '", ds.name, "': order holds index ",
                                                idx, ", expected one in [0, ", ds.numSamples,
                                                ")"));
  out.inputs.resize(ds.inputs.size());
  for (size_t k = 0; k < ds.inputs.size(); ++k) {
    const InputTensor &in = ds.inputs[k];
    InputTensor &t = out.inputs[k];
    t.name = in.name;
    t.type = in.type;
    t.sampleShape = in.sampleShape;
    const size_t e = size_t(in.sampleElements());
    if (in.type == ElementType::kFloat32) {
      t.i32.clear();
      t.f32.resize(size_t(out.size) * e);
      for (int64_t r = 0; r < out.size; ++r)
        std::copy_n(in.f32.begin() + out.sampleIndices[size_t(r)] * e, e, t.f32.begin() + r * e);
    } else {
      t.f32.clear();
      t.i32.resize(size_t(out.size) * e);
      for (int64_t r = 0; r < out.size; ++r)
        std::copy_n(in.i32.begin() + out.sampleIndices[size_t(r)] * e, e, t.i32.begin() + r * e);
    }
  }
  const size_t c = size_t(ds.numClasses);
  out.labels.resize(size_t(out.size) * c);
  out.classes.resize(size_t(out.size));
  for (int64_t r = 0; r < out.size; ++r) {
    const int64_t idx = out.sampleIndices[size_t(r)];
    std::copy_n(ds.labels.begin() + idx * int64_t(c), c, out.labels.begin() + r * int64_t(c));
    out.classes[size_t(r)] = ds.classes[size_t(idx)];
  }
  return absl::OkStatus();
}

absl::StatusOr<Batch> Batcher::batch(absl::Span<const int64_t> order, int64_t b) const {
  Batch out;
  if (absl::Status st = fill(order, b, out); !st.ok())
    return st;
  return out;
}

} // namespace dlc::rt::data
