// Helpers of the data-loader tests: a temporary folder, writing raw and gzip files, IDX files.
#ifndef DLC_TEST_UNIT_RUNTIME_DATA_TESTFILES_H
#define DLC_TEST_UNIT_RUNTIME_DATA_TESTFILES_H

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <zlib.h>

/// Expects `text` (anything convertible to std::string) to contain `part`.
#define EXPECT_CONTAINS(text, part)                                                                \
  do {                                                                                             \
    const std::string dlcText_(text), dlcPart_(part);                                              \
    EXPECT_NE(dlcText_.find(dlcPart_), std::string::npos)                                          \
        << "expected to contain: " << dlcPart_ << "\n                found: " << dlcText_;          \
  } while (0)

namespace dlc::rt::data::testing {

/// A fresh folder under TMPDIR, removed with everything in it when the object dies.
class TempDir {
public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "dlc-data-test-XXXXXX").string();
    if (char *p = ::mkdtemp(tmpl.data()))
      path_ = p;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty())
      std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }
  /// path()/rel, creating the parent folders.
  std::string file(const std::string &rel) const {
    std::filesystem::path p = std::filesystem::path(path_) / rel;
    std::filesystem::create_directories(p.parent_path());
    return p.string();
  }

private:
  std::string path_;
};

inline void writeBytes(const std::string &path, const std::vector<uint8_t> &bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

inline void writeText(const std::string &path, const std::string &text) {
  writeBytes(path, std::vector<uint8_t>(text.begin(), text.end()));
}

/// gzip-compresses `bytes` (a gzip stream with header and trailer).
inline std::vector<uint8_t> gzipBytes(const std::vector<uint8_t> &bytes) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<uint8_t> out(deflateBound(&zs, uLong(bytes.size())) + 64);
  zs.next_in = const_cast<Bytef *>(bytes.data());
  zs.avail_in = uInt(bytes.size());
  zs.next_out = out.data();
  zs.avail_out = uInt(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline void appendBigEndian32(std::vector<uint8_t> &out, uint32_t v) {
  out.push_back(uint8_t(v >> 24));
  out.push_back(uint8_t(v >> 16));
  out.push_back(uint8_t(v >> 8));
  out.push_back(uint8_t(v));
}

/// An IDX file: magic, dims, payload (not checked against the dims: tests make bad files too).
inline std::vector<uint8_t> idxBytes(uint32_t magic, const std::vector<uint32_t> &dims,
                                     const std::vector<uint8_t> &payload) {
  std::vector<uint8_t> out;
  appendBigEndian32(out, magic);
  for (uint32_t d : dims)
    appendBigEndian32(out, d);
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

/// The shared data folder, or "" (and the reason in `why`) when it is not there.
inline std::string sharedDataDir(const std::string &sub) {
  std::string dir = DLC_SHARED_DATA_DIR;
  std::filesystem::path p = std::filesystem::path(dir) / sub;
  std::error_code ec;
  return std::filesystem::is_directory(p, ec) ? dir : std::string();
}

} // namespace dlc::rt::data::testing

#endif // DLC_TEST_UNIT_RUNTIME_DATA_TESTFILES_H
