// Reads config.json and metadata.json out of a Keras 3 `.keras` zip archive with libzip.
#include "frontend/KerasArchive.h"

#include "frontend/ConfigNode.h"

#include <zip.h>

#include <memory>

namespace dlc::frontend {

namespace {

/// config.json of the project's models is a few kB; a larger entry is a
/// corrupt or hostile archive, not a model.
constexpr zip_uint64_t kMaxEntrySize = 64u << 20;

[[noreturn]] void fail(const std::string &archive, const std::string &message) {
  throw ImportError{SourcePos{archive, 1, 1}, message};
}

struct ZipCloser {
  void operator()(zip_t *z) const { zip_discard(z); }
};

std::optional<std::string> readEntry(zip_t *zip, const char *name,
                                     const std::string &archive) {
  zip_int64_t index = zip_name_locate(zip, name, 0);
  if (index < 0)
    return std::nullopt;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    fail(archive, std::string("cannot read ") + name + " in the .keras archive: " +
                      zip_strerror(zip));
  if (st.size > kMaxEntrySize)
    fail(archive, std::string(name) + " in the .keras archive is " +
                      std::to_string(st.size) + " bytes, more than the 64 MiB "
                      "a model config can reasonably be");
  zip_file_t *file = zip_fopen_index(zip, index, 0);
  if (!file)
    fail(archive, std::string("cannot open ") + name + " in the .keras archive: " +
                      zip_strerror(zip));
  std::string data(static_cast<size_t>(st.size), '\0');
  zip_int64_t got = data.empty() ? 0 : zip_fread(file, data.data(), st.size);
  std::string error = got < 0 ? zip_file_strerror(file) : "";
  zip_fclose(file);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size)
    fail(archive, std::string("cannot read ") + name + " in the .keras archive" +
                      (error.empty() ? std::string(": truncated entry")
                                     : ": " + error));
  return data;
}

} // namespace

bool looksLikeZip(const std::string &bytes) {
  return bytes.size() >= 4 && bytes.compare(0, 4, "PK\x03\x04", 4) == 0;
}

KerasArchive readKerasArchive(const std::string &bytes,
                              const std::string &archiveName) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t *source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    std::string msg = zip_error_strerror(&error);
    zip_error_fini(&error);
    fail(archiveName, "cannot read the .keras archive: " + msg);
  }
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!zip) {
    zip_source_free(source);
    std::string msg = zip_error_strerror(&error);
    zip_error_fini(&error);
    fail(archiveName, "not a valid .keras (zip) archive: " + msg);
  }
  zip_error_fini(&error);
  KerasArchive out;
  auto config = readEntry(zip.get(), "config.json", archiveName);
  if (!config)
    fail(archiveName, "the .keras archive has no config.json");
  out.config = std::move(*config);
  // metadata.json only supplies keras_version for dlc.model; a missing or
  // unreadable one leaves the version unset rather than failing the import.
  if (auto meta = readEntry(zip.get(), "metadata.json", archiveName)) {
    try {
      YAML::Node node = YAML::Load(*meta);
      if (node.IsMap())
        for (auto it = node.begin(); it != node.end(); ++it) {
          YAML::Node key = it->first, value = it->second;
          if (key.IsScalar() && key.Scalar() == "keras_version" && value.IsScalar())
            out.kerasVersion = value.Scalar();
        }
    } catch (const YAML::Exception &) {
    }
  }
  return out;
}

} // namespace dlc::frontend
