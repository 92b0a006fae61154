// Data directory resolution (--data-dir, DLC_DATA_DIR) and the missing-file messages.
#include "runtime/data/DataDir.h"

#include <cstdlib>
#include <optional>

#include <gtest/gtest.h>

#include "TestFiles.h"

namespace dlc::rt::data {
namespace {

using testing::TempDir;

/// Sets or unsets DLC_DATA_DIR for one test and restores it afterwards.
class ScopedEnv {
public:
  explicit ScopedEnv(const char *value) {
    if (const char *old = std::getenv(kDataDirEnv))
      old_ = old;
    if (value)
      ::setenv(kDataDirEnv, value, 1);
    else
      ::unsetenv(kDataDirEnv);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(kDataDirEnv, old_->c_str(), 1);
    else
      ::unsetenv(kDataDirEnv);
  }

private:
  std::optional<std::string> old_;
};

TEST(DataDir, FlagWinsOverEnvironment) {
  TempDir a, b;
  ScopedEnv env(b.path().c_str());
  absl::StatusOr<std::string> d = resolveDataDir(a.path());
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(*d, a.path());
  d = resolveDataDir("");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(*d, b.path());
}

TEST(DataDir, NeitherGivenSaysBoth) {
  ScopedEnv env(nullptr);
  absl::StatusOr<std::string> d = resolveDataDir("");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(d.status().message(), "no data directory: expected --data-dir=DIR or the environment "
                                  "variable DLC_DATA_DIR, found neither");
  ScopedEnv empty("");
  EXPECT_FALSE(resolveDataDir("").ok());
}

TEST(DataDir, MissingOrNotADirectory) {
  ScopedEnv env("/nonexistent-dlc-data");
  absl::StatusOr<std::string> d = resolveDataDir("");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "/nonexistent-dlc-data: data directory (from DLC_DATA_DIR) does not exist");
  TempDir tmp;
  std::string file = tmp.file("f");
  testing::writeText(file, "x");
  d = resolveDataDir(file);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(), file + ": data directory (from --data-dir) is not a directory");
}

TEST(DataDir, MissingFileSaysWhereToGetIt) {
  absl::Status st = missingFileError("/d/mnist/train-images-idx3-ubyte.gz",
                                     "MNIST training images", DataSource::kMnist);
  EXPECT_EQ(st.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(st.message(), "/d/mnist/train-images-idx3-ubyte.gz: no such file (MNIST training "
                          "images). Get the official MNIST files (IDX format, gzipped or not) "
                          "from Yann LeCun's MNIST page, http://yann.lecun.com/exdb/mnist/.");
  EXPECT_CONTAINS(officialSource(DataSource::kFashionMnist),
                  "apt-get install dataset-fashion-mnist");
  EXPECT_CONTAINS(officialSource(DataSource::kCifar10), "Alex Krizhevsky's CIFAR page");
  EXPECT_CONTAINS(officialSource(DataSource::kCifar10), "binary version");
  EXPECT_CONTAINS(officialSource(DataSource::kBabi), "Facebook Research");
  EXPECT_CONTAINS(officialSource(DataSource::kBabi), "v1.2");
  EXPECT_EQ(joinPath("/a/", "b"), "/a/b");
  EXPECT_EQ(joinPath("/a", "b"), "/a/b");
}

} // namespace
} // namespace dlc::rt::data
