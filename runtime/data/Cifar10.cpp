// CIFAR-10, binary version (implementation of Cifar10.h).
#include "runtime/data/Cifar10.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "runtime/data/DataDir.h"
#include "runtime/data/FileBytes.h"

namespace dlc::rt::data {

absl::Status readCifarBatch(const std::string &path, CifarSplit &into) {
  absl::StatusOr<FileBytes> file = readFileBytes(path);
  if (!file.ok())
    return file.status();
  const std::vector<uint8_t> &b = file->bytes;
  if (b.empty() || b.size() % kCifarRecordBytes != 0)
    return absl::DataLossError(absl::StrCat(
        path, ": expected a non-zero multiple of ", kCifarRecordBytes,
        " bytes (records of 1 label byte + 1024 R + 1024 G + 1024 B bytes), found ", b.size(),
        b.empty() ? "" : absl::StrCat(" (", b.size() / kCifarRecordBytes, " records + ",
                                      b.size() % kCifarRecordBytes, " bytes)")));
  const int64_t n = int64_t(b.size() / kCifarRecordBytes);
  constexpr int64_t kPlane = kCifarHeight * kCifarWidth;
  const size_t base = into.imagesHWC.size();
  into.imagesHWC.resize(base + size_t(n * kPlane * kCifarChannels));
  into.labels.reserve(into.labels.size() + size_t(n));
  for (int64_t r = 0; r < n; ++r) {
    const uint8_t *rec = b.data() + r * kCifarRecordBytes;
    if (rec[0] > 9)
      return absl::DataLossError(absl::StrCat(path, ": record ", r, " (byte offset ",
                                              r * kCifarRecordBytes,
                                              "): expected a label in 0..9, found ", int(rec[0])));
    into.labels.push_back(rec[0]);
    uint8_t *dst = into.imagesHWC.data() + base + size_t(r * kPlane * kCifarChannels);
    for (int64_t p = 0; p < kPlane; ++p)
      for (int64_t c = 0; c < kCifarChannels; ++c)
        dst[p * kCifarChannels + c] = rec[1 + c * kPlane + p];
  }
  into.count += n;
  return absl::OkStatus();
}

absl::StatusOr<Cifar10Files> resolveCifar10Files(const std::string &dataDir, Splits splits) {
  const std::string dir = joinPath(joinPath(dataDir, "cifar10"), "cifar-10-batches-bin");
  Cifar10Files files;
  std::vector<std::pair<uint64_t, std::string>> train;
  if (DIR *d = ::opendir(dir.c_str())) {
    while (const dirent *e = ::readdir(d)) {
      absl::string_view name = e->d_name;
      if (!absl::StartsWith(name, "data_batch_") || !absl::EndsWith(name, ".bin"))
        continue;
      absl::string_view num = name.substr(11, name.size() - 11 - 4);
      uint64_t k;
      if (num.empty() || !std::all_of(num.begin(), num.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
          !absl::SimpleAtoi(num, &k))
        continue;
      std::string path = joinPath(dir, std::string_view(name.data(), name.size()));
      if (isRegularFile(path))
        train.emplace_back(k, std::move(path));
    }
    ::closedir(d);
  }
  if (train.empty() && splits.train)
    return missingFileError(joinPath(dir, "data_batch_1.bin"),
                            "CIFAR-10 training batches data_batch_<N>.bin", DataSource::kCifar10);
  std::sort(train.begin(), train.end());
  for (auto &[k, path] : train)
    files.train.push_back(std::move(path));
  if (!splits.train)
    files.train.clear();
  if (!splits.test)
    return files;
  files.test = joinPath(dir, "test_batch.bin");
  if (!isRegularFile(files.test))
    return missingFileError(files.test, "CIFAR-10 test batch", DataSource::kCifar10);
  return files;
}

absl::StatusOr<Cifar10Data> loadCifar10(const Cifar10Files &files) {
  Cifar10Data data;
  for (const std::string &path : files.train)
    if (absl::Status st = readCifarBatch(path, data.train); !st.ok())
      return st;
  if (!files.test.empty())
    if (absl::Status st = readCifarBatch(files.test, data.test); !st.ok())
      return st;
  return data;
}

Dataset cifarToDataset(const CifarSplit &split, double rescale, std::string name) {
  Dataset ds;
  ds.name = std::move(name);
  ds.numSamples = split.count;
  InputTensor image;
  image.name = "image";
  image.type = ElementType::kFloat32;
  image.sampleShape = {kCifarHeight, kCifarWidth, kCifarChannels};
  const std::vector<float> table = pixelTable(rescale);
  image.f32.resize(split.imagesHWC.size());
  for (size_t i = 0; i < split.imagesHWC.size(); ++i)
    image.f32[i] = table[split.imagesHWC[i]];
  ds.inputs.push_back(std::move(image));
  std::vector<int32_t> classes(split.labels.begin(), split.labels.end());
  (void)setOneHotLabels(ds, classes, 10); // labels were checked to be in 0..9 when read
  return ds;
}

} // namespace dlc::rt::data
