// The contract's CRC-32 against zlib's and the standard check value, and the
// container writer's refusals (the reader's are in runtime/bundle's tests).
#include "abi/BundleContainer.h"
#include "abi/BundleFormat.h"
#include "abi/Crc32.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

using namespace dlc::abi;

TEST(Crc32, MatchesTheStandardCheckValueAndZlib) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(crc32(""), 0u);
  std::mt19937 rng(5);
  for (size_t n : {1u, 7u, 64u, 1000u, 65537u}) {
    std::string bytes(n, '\0');
    for (char &c : bytes) c = char(rng());
    const uint32_t z = uint32_t(::crc32(0L, reinterpret_cast<const Bytef *>(bytes.data()), uInt(n)));
    EXPECT_EQ(crc32(bytes), z) << n << " bytes";
    // Continued over two halves, as zlib continues.
    EXPECT_EQ(crc32(std::string_view(bytes).substr(n / 2), crc32(bytes.substr(0, n / 2))), z);
  }
}

TEST(BundleContainer, WriterChecksSectionNames) {
  EXPECT_TRUE(writeBundleContainer("{}", "").ok());
  EXPECT_FALSE(writeBundleContainer("{}", "", {{"", "x"}}).ok());
  EXPECT_FALSE(writeBundleContainer("{}", "", {{"a-name-that-is-far-too-long", "x"}}).ok());
  EXPECT_FALSE(writeBundleContainer("{}", "", {{"state", "x"}}).ok());
  EXPECT_FALSE(writeBundleContainer("{}", "", {{"bad name", "x"}}).ok());
  EXPECT_TRUE(writeBundleContainer("{}", "", {{"code.cpu", "x"}}).ok());
  auto twice = writeBundleContainer("{}", "", {{"code.cpu", "x"}, {"code.cpu", "y"}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, "bundle section 'code.cpu' given twice");
}

TEST(BundleContainer, ReadsWhatItWrites) {
  auto bytes = writeBundleContainer("{\"a\":1}", std::string(100, 's'), {{"code.x", "xyz"}});
  ASSERT_TRUE(bytes.ok());
  auto sections = readBundleContainer(*bytes);
  ASSERT_TRUE(sections.ok()) << sections.error().message;
  ASSERT_EQ(sections->size(), 3u);
  EXPECT_EQ((*sections)[0].name, kManifestSection);
  EXPECT_EQ(bytes->substr((*sections)[0].offset, (*sections)[0].size), "{\"a\":1}");
  EXPECT_EQ((*sections)[2].name, "code.x");
  EXPECT_EQ(bytes->substr((*sections)[2].offset, (*sections)[2].size), "xyz");
  for (const SectionInfo &s : *sections) EXPECT_EQ(s.offset % kSectionAlignment, 0u);
  // One flipped byte in a section is a corrupt section.
  std::string damaged = *bytes;
  damaged[(*sections)[1].offset + 5] ^= 1;
  auto corrupt = readBundleContainer(damaged);
  ASSERT_FALSE(corrupt.ok());
  EXPECT_EQ(corrupt.error().kind, ErrorKind::DataLoss);
  EXPECT_NE(corrupt.error().message.find("corrupt section 'state'"), std::string::npos);
}
