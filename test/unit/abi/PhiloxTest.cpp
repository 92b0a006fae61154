// Philox4x32-10 against Random123's published known-answer vectors (kat_vectors,
// philox4x32_10 lines), and the keying every target relies on.
#include "abi/Philox.h"

#include <gtest/gtest.h>

#include <set>

using namespace dlc::abi;

TEST(Philox, Random123KnownAnswers) {
  EXPECT_EQ(philox4x32_10({0, 0, 0, 0}, {0, 0}),
            (PhiloxCounter{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
  EXPECT_EQ(philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
                          {0xffffffff, 0xffffffff}),
            (PhiloxCounter{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
  EXPECT_EQ(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                          {0xa4093822, 0x299f31d0}),
            (PhiloxCounter{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(Philox, DrawIsKeyedBySeedTensorStepAndIndex) {
  // counter = (index lo, index hi, step, tensor), key = (seed lo, seed hi).
  uint64_t seed = 0x299f31d0a4093822ull;
  uint64_t index = 0x85a308d3243f6a88ull;
  EXPECT_EQ(philoxDraw(seed, 0x03707344, 0x13198a2e, index),
            (PhiloxCounter{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
  std::set<uint32_t> words;
  for (uint32_t tensor : {1u, 2u})
    for (uint32_t step : {0u, 1u})
      for (uint64_t i : {0ull, 1ull, 1ull << 32})
        for (uint64_t s : {0ull, 1ull, 1ull << 32})
          words.insert(philoxDraw(s, tensor, step, i)[0]);
  EXPECT_EQ(words.size(), 2u * 2 * 3 * 3) << "every key field must matter";
}

TEST(Philox, Uniform01) {
  EXPECT_EQ(uniform01(0), 0.0f);
  EXPECT_EQ(uniform01(0xffffffffu), 16777215.0f / 16777216.0f); // < 1
  EXPECT_EQ(uniform01(0x80000000u), 0.5f);
}
