// Reading a whole data file into memory (implementation of FileBytes.h).
#include "runtime/data/FileBytes.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sys/stat.h>

#include <zlib.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace dlc::rt::data {
namespace {

absl::Status openError(const std::string &path, int err) {
  std::string what = absl::StrCat(path, ": cannot open: ", std::strerror(err));
  if (err == ENOENT || err == ENOTDIR)
    return absl::NotFoundError(what);
  if (err == EACCES || err == EPERM)
    return absl::PermissionDeniedError(what);
  return absl::DataLossError(what);
}

absl::Status tooLarge(const std::string &path, uint64_t maxBytes) {
  return absl::ResourceExhaustedError(
      absl::StrCat(path, ": expected at most ", maxBytes,
                   " bytes (decompressed), found more; this is not a dataset file"));
}

struct FileCloser {
  void operator()(FILE *f) const { std::fclose(f); }
};

absl::StatusOr<FileBytes> readGzip(const std::string &path, uint64_t maxBytes) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz)
    return openError(path, errno ? errno : ENOMEM);
  gzbuffer(gz, 1 << 17);
  FileBytes out;
  out.wasGzip = true;
  constexpr unsigned kChunk = 1u << 20;
  for (;;) {
    size_t old = out.bytes.size();
    if (old > maxBytes) {
      gzclose(gz);
      return tooLarge(path, maxBytes);
    }
    out.bytes.resize(old + kChunk);
    int got = gzread(gz, out.bytes.data() + old, kChunk);
    int errnum = Z_OK;
    const char *msg = gzerror(gz, &errnum);
    if (got < 0 || (errnum != Z_OK && errnum != Z_STREAM_END)) {
      std::string detail = msg && *msg ? msg : "read error";
      // zlib prefixes its message with the path: say it once.
      if (detail.compare(0, path.size() + 2, path + ": ") == 0)
        detail.erase(0, path.size() + 2);
      gzclose(gz);
      return absl::DataLossError(absl::StrCat(
          path, ": expected a complete gzip stream, found a corrupt or truncated one (zlib: ",
          detail, ")"));
    }
    out.bytes.resize(old + size_t(got));
    if (got == 0)
      break;
  }
  if (out.bytes.size() > maxBytes) {
    gzclose(gz);
    return tooLarge(path, maxBytes);
  }
  int rc = gzclose(gz);
  if (rc != Z_OK)
    return absl::DataLossError(
        absl::StrCat(path, ": expected a complete gzip stream, found a corrupt or truncated one "
                           "(zlib error ",
                     rc, " at close)"));
  out.bytes.shrink_to_fit();
  return out;
}

} // namespace

bool isRegularFile(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

absl::StatusOr<FileBytes> readFileBytes(const std::string &path, uint64_t maxBytes) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return openError(path, errno);
  if (S_ISDIR(st.st_mode))
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": expected a data file, found a directory"));
  std::unique_ptr<FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f)
    return openError(path, errno);
  unsigned char magic[2] = {0, 0};
  size_t nMagic = std::fread(magic, 1, 2, f.get());
  if (nMagic == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    f.reset();
    return readGzip(path, maxBytes);
  }
  // Not gzip: the bytes as they are.
  if (std::fseek(f.get(), 0, SEEK_SET) != 0)
    return absl::DataLossError(absl::StrCat(path, ": cannot seek: ", std::strerror(errno)));
  FileBytes out;
  if (S_ISREG(st.st_mode)) {
    if (uint64_t(st.st_size) > maxBytes)
      return tooLarge(path, maxBytes);
    out.bytes.resize(size_t(st.st_size));
    size_t got = out.bytes.empty() ? 0 : std::fread(out.bytes.data(), 1, out.bytes.size(), f.get());
    if (got != out.bytes.size())
      return absl::DataLossError(absl::StrCat(path, ": expected to read ", out.bytes.size(),
                                              " bytes, read ", got));
    return out;
  }
  // A pipe or device: read until end of file.
  unsigned char buf[1 << 16];
  size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    out.bytes.insert(out.bytes.end(), buf, buf + got);
    if (out.bytes.size() > maxBytes)
      return tooLarge(path, maxBytes);
  }
  if (std::ferror(f.get()))
    return absl::DataLossError(absl::StrCat(path, ": read error"));
  return out;
}

} // namespace dlc::rt::data
