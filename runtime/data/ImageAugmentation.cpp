// Keras 2.0.8's shift-and-flip image augmentation (implementation of ImageAugmentation.h).
#include "runtime/data/ImageAugmentation.h"

#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "abi/Philox.h"

namespace dlc::rt::data {
using abi::PhiloxCounter;
using abi::uniform01;
using abi::philoxDraw;
using abi::Stream;
namespace {

/// numpy.random.uniform(-range, range) from u in [0, 1).
double symmetricUniform(double range, float u) {
  return -range + (range - -range) * double(u);
}

/// The translation part of offset(o) · shift(t) · offset(-o) as numpy computes it.
double centredOffset(double t, int64_t len) {
  const double o = double(len) / 2 + 0.5;
  return (t + o) - o;
}

} // namespace

ShiftFlip drawShiftFlip(const ShiftFlipConfig &config, uint64_t seed, uint32_t epoch,
                        uint64_t sampleIndex, int64_t height, int64_t width) {
  const PhiloxCounter block =
      philoxDraw(seed, uint32_t(Stream::Augmentation) | 0u, epoch, sampleIndex);
  ShiftFlip t;
  if (config.heightShiftRange != 0.0)
    t.tx = symmetricUniform(config.heightShiftRange, uniform01(block[0])) * double(height);
  if (config.widthShiftRange != 0.0)
    t.ty = symmetricUniform(config.widthShiftRange, uniform01(block[1])) * double(width);
  t.flip = config.horizontalFlip && uniform01(block[2]) < 0.5f;
  return t;
}

int64_t nearestSourceIndex(int64_t o, double t, int64_t len) {
  double cc = t + double(o);
  if (cc < 0.0)
    cc = 0.0;
  else if (cc > double(len - 1))
    cc = double(len - 1);
  return int64_t(std::floor(cc + 0.5));
}

void applyShiftFlip(const ShiftFlip &t, const float *src, float *dst, int64_t height,
                    int64_t width, int64_t channels) {
  const double offR = centredOffset(t.tx, height);
  const double offC = centredOffset(t.ty, width);
  std::vector<int64_t> cols(static_cast<size_t>(width));
  for (int64_t j = 0; j < width; ++j) {
    const int64_t outCol = t.flip ? width - 1 - j : j;
    cols[size_t(outCol)] = nearestSourceIndex(j, offC, width);
  }
  for (int64_t i = 0; i < height; ++i) {
    const int64_t r = nearestSourceIndex(i, offR, height);
    const float *srcRow = src + r * width * channels;
    float *dstRow = dst + i * width * channels;
    for (int64_t j = 0; j < width; ++j) {
      const float *s = srcRow + cols[size_t(j)] * channels;
      float *d = dstRow + j * channels;
      for (int64_t c = 0; c < channels; ++c)
        d[c] = s[c];
    }
  }
}

absl::Status augmentBatch(const ShiftFlipConfig &config, uint64_t seed, uint32_t epoch,
                          Batch &batch, size_t inputIndex) {
  auto ranged = [](double r) { return r >= 0.0 && r < 1.0; };
  if (!ranged(config.heightShiftRange) || !ranged(config.widthShiftRange))
    return absl::InvalidArgumentError(
        absl::StrCat("augmentation: expected shift ranges in [0, 1), found height ",
                     config.heightShiftRange, " and width ", config.widthShiftRange));
  if (inputIndex >= batch.inputs.size())
    return absl::InvalidArgumentError(absl::StrCat("augmentation: expected input #", inputIndex,
                                                   ", the batch has ", batch.inputs.size()));
  InputTensor &in = batch.inputs[inputIndex];
  if (in.type != ElementType::kFloat32 || in.sampleShape.size() != 3)
    return absl::InvalidArgumentError(absl::StrCat(
        "augmentation: input '", in.name, "': expected float32 images [H, W, C], found ",
        elementTypeName(in.type), " [", absl::StrJoin(in.sampleShape, ","), "]"));
  const int64_t h = in.sampleShape[0], w = in.sampleShape[1], c = in.sampleShape[2];
  const int64_t e = h * w * c;
  if (int64_t(in.f32.size()) != batch.size * e || int64_t(batch.sampleIndices.size()) != batch.size)
    return absl::InvalidArgumentError(
        absl::StrCat("augmentation: input '", in.name, "': expected ", batch.size, " images of ",
                     e, " values and as many sample indices, found ", in.f32.size(), " values and ",
                     batch.sampleIndices.size(), " indices"));
  std::vector<float> tmp(static_cast<size_t>(e));
  for (int64_t r = 0; r < batch.size; ++r) {
    const ShiftFlip t =
        drawShiftFlip(config, seed, epoch, uint64_t(batch.sampleIndices[size_t(r)]), h, w);
    float *img = in.f32.data() + r * e;
    applyShiftFlip(t, img, tmp.data(), h, w, c);
    std::copy(tmp.begin(), tmp.end(), img);
  }
  return absl::OkStatus();
}

} // namespace dlc::rt::data
