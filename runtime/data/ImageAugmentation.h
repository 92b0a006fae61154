// Per-sample image augmentation of Keras 2.0.8's
//   ImageDataGenerator(width_shift_range=w, height_shift_range=h, horizontal_flip=True,
//                      fill_mode='nearest')            (cifar10_cnn: w = h = 0.1)
// on HWC float images, with Philox instead of numpy's global generator.
//
// What Keras 2.0.8 random_transform does for such a generator (no rotation/shear/zoom), and so
// what this file does, per image of height H, width W:
//   tx = uniform(-h, h) * H    (rows; numpy uniform(lo, hi) = lo + (hi - lo) * u)
//   ty = uniform(-w, w) * W    (columns)
//   M  = offset(H/2+0.5, W/2+0.5) · [[1,0,tx],[0,1,ty],[0,0,1]] · offset(-(H/2+0.5), -(W/2+0.5))
//        whose translation part is (tx + oH) - oH and (ty + oW) - oW in double precision
//   each channel: scipy.ndimage.affine_transform(x, M[:2,:2], M[:2,2], order=0, mode='nearest')
//        i.e. out[i, j] = in[r(i), c(j)] with
//        r(i) = floor(clamp(i + offR, 0, H-1) + 0.5),  c(j) = floor(clamp(j + offC, 0, W-1) + 0.5)
//        (order 0 rounds half up; 'nearest' clamps the coordinate to the edge first)
//   then, if uniform() < 0.5: flip the columns (out[i, j] = out[i, W-1-j]).
// Values are copied, never interpolated, so the result does not depend on the rescale factor.
//
// Random draws (abi/Philox.h):
//   block = philoxDraw(seed, uint32_t(Stream::Augmentation) | 0, /*step=*/epoch,
//                      /*index=*/sampleIndex)       sampleIndex = the sample's index in the
//                                                   training Dataset (not its batch position)
//   u0 = uniform01(block[0]) → height shift tx;  u1 = uniform01(block[1]) → width shift ty;
//   u2 = uniform01(block[2]) → flip when u2 < 0.5.  Words are used even when a range is 0 or
//   the flip is off (then they are ignored), so turning one on never changes the others.
#ifndef DLC_RUNTIME_DATA_IMAGEAUGMENTATION_H
#define DLC_RUNTIME_DATA_IMAGEAUGMENTATION_H

#include <cstdint>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "runtime/data/Dataset.h"

namespace dlc::rt::data {

struct ShiftFlipConfig {
  double heightShiftRange = 0.0; ///< fraction of the height, in [0, 1)
  double widthShiftRange = 0.0;  ///< fraction of the width, in [0, 1)
  bool horizontalFlip = false;
};

/// The transform of one image, in Keras' terms.
struct ShiftFlip {
  double tx = 0.0;   ///< row shift in pixels: out row i reads input row ≈ i + tx
  double ty = 0.0;   ///< column shift in pixels
  bool flip = false; ///< mirror the columns after the shift
};

/// The transform of sample `sampleIndex` in epoch `epoch` (the draws in the header comment).
ShiftFlip drawShiftFlip(const ShiftFlipConfig &config, uint64_t seed, uint32_t epoch,
                        uint64_t sampleIndex, int64_t height, int64_t width);

/// scipy order-0 'nearest' source index of output index `o` along an axis of length `len` for
/// the shift `t` (the formula r(i) / c(j) of the header comment).
int64_t nearestSourceIndex(int64_t o, double t, int64_t len);

/// dst = the transformed src; both [height, width, channels] row-major, distinct buffers.
void applyShiftFlip(const ShiftFlip &t, const float *src, float *dst, int64_t height,
                    int64_t width, int64_t channels);

/// Augments input `inputIndex` of the batch in place: it must be float32 with sample shape
/// [H, W, C]; row r uses sample index batch.sampleIndices[r]. Errors on a wrong input or ranges
/// outside [0, 1).
absl::Status augmentBatch(const ShiftFlipConfig &config, uint64_t seed, uint32_t epoch,
                          Batch &batch, size_t inputIndex = 0);

} // namespace dlc::rt::data

#endif // DLC_RUNTIME_DATA_IMAGEAUGMENTATION_H
