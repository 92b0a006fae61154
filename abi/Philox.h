// Philox4x32-10, the counter-based generator behind every random number dlc draws
// (initial weights, dropout masks, shuffling, augmentation), and how it is keyed.
// Part of the compiler/runtime contract: the compiler generates the same draws in
// IR (dropout masks in kernels) that the runtime makes on the host.
#ifndef DLC_ABI_PHILOX_H
#define DLC_ABI_PHILOX_H

#include <array>
#include <cstdint>

namespace dlc::abi {

using PhiloxCounter = std::array<uint32_t, 4>;
using PhiloxKey = std::array<uint32_t, 2>;

/// Philox4x32 with 10 rounds (Salmon et al., SC'11; Random123's philox4x32_R(10)).
inline PhiloxCounter philox4x32_10(PhiloxCounter ctr, PhiloxKey key) {
  constexpr uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;
  constexpr uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    if (round) {
      key[0] += kWeyl0;
      key[1] += kWeyl1;
    }
    uint64_t p0 = uint64_t(kMul0) * ctr[0];
    uint64_t p1 = uint64_t(kMul1) * ctr[2];
    ctr = {uint32_t(p1 >> 32) ^ ctr[1] ^ key[0], uint32_t(p1),
           uint32_t(p0 >> 32) ^ ctr[3] ^ key[1], uint32_t(p0)};
  }
  return ctr;
}

/// What a random draw is for: the high bits of the tensor id, so the streams
/// of different purposes never meet.
enum class Stream : uint32_t {
  Init = 0x1u << 28,         ///< initial value of parameter #i: id = Init | i
  Dropout = 0x2u << 28,      ///< mask of the dropout op with seed s: id = Dropout | s
  Shuffle = 0x3u << 28,      ///< per-epoch permutation of the training set
  Augmentation = 0x4u << 28, ///< per-epoch image shifts and flips
};

/// The keying every target implements, so all of them draw the same bits:
///   key     = (seed & 0xffffffff, seed >> 32)   -- the run's --seed
///   counter = (index & 0xffffffff, index >> 32, step, tensorId)
/// `index` is the element's row-major index in its tensor (or the sample's
/// index for Shuffle/Augmentation), `step` the training step (0 for Init;
/// the epoch for Shuffle/Augmentation) and `tensorId` = stream | id.
/// One block gives four 32-bit words; a draw uses word 0 unless it needs more.
inline PhiloxCounter philoxDraw(uint64_t seed, uint32_t tensorId, uint32_t step,
                                uint64_t index) {
  return philox4x32_10({uint32_t(index), uint32_t(index >> 32), step, tensorId},
                       {uint32_t(seed), uint32_t(seed >> 32)});
}

/// A float in [0, 1) from the top 24 bits of a word (exact in float).
inline float uniform01(uint32_t word) {
  return float(word >> 8) * (1.0f / 16777216.0f);
}

} // namespace dlc::abi

#endif // DLC_ABI_PHILOX_H
