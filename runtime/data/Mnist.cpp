// MNIST and Fashion-MNIST in the IDX format (implementation of Mnist.h).
#include "runtime/data/Mnist.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <zlib.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "runtime/data/DataDir.h"
#include "runtime/data/FileBytes.h"

namespace dlc::rt::data {
namespace {

uint32_t bigEndian32(const uint8_t *p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

std::string magicName(uint32_t magic) { return absl::StrFormat("0x%08X", magic); }

std::string describeMagic(uint32_t magic) {
  const char *type = "unknown type";
  switch ((magic >> 8) & 0xff) {
  case 0x08: type = "unsigned byte"; break;
  case 0x09: type = "signed byte"; break;
  case 0x0B: type = "short"; break;
  case 0x0C: type = "int"; break;
  case 0x0D: type = "float"; break;
  case 0x0E: type = "double"; break;
  }
  return absl::StrCat(type, ", ", magic & 0xff, " dims");
}

} // namespace

absl::StatusOr<IdxArray> readIdxUbyte(const std::string &path, int expectedRank) {
  absl::StatusOr<FileBytes> file = readFileBytes(path);
  if (!file.ok())
    return file.status();
  const std::vector<uint8_t> &b = file->bytes;
  const uint32_t want = 0x00000800u | uint32_t(expectedRank);
  const std::string wantText =
      absl::StrCat("IDX magic ", magicName(want), " (", describeMagic(want), ")");
  if (b.size() < 4)
    return absl::DataLossError(
        absl::StrCat(path, ": expected ", wantText, ", found a file of ", b.size(), " bytes"));
  const uint32_t magic = bigEndian32(b.data());
  if (magic != want)
    return absl::DataLossError(absl::StrCat(path, ": expected ", wantText, ", found ",
                                            magicName(magic),
                                            (magic >> 16) == 0
                                                ? absl::StrCat(" (", describeMagic(magic), ")")
                                                : std::string(" (not an IDX file)")));
  const size_t header = 4 + 4 * size_t(expectedRank);
  if (b.size() < header)
    return absl::DataLossError(absl::StrCat(path, ": expected an IDX header of ", header,
                                            " bytes, found a file of ", b.size(), " bytes"));
  IdxArray out;
  uint64_t elements = 1;
  bool overflow = false;
  const uint64_t payload = b.size() - header;
  for (int i = 0; i < expectedRank; ++i) {
    uint32_t d = bigEndian32(b.data() + 4 + 4 * i);
    if (d == 0)
      return absl::DataLossError(
          absl::StrCat(path, ": expected non-zero IDX dimensions, found dim ", i, " = 0"));
    out.dims.push_back(int64_t(d));
    if (!overflow)
      overflow = __builtin_mul_overflow(elements, uint64_t(d), &elements);
  }
  overflow = overflow || elements > (uint64_t(1) << 62);
  if (overflow || elements != payload)
    return absl::DataLossError(absl::StrCat(
        path, ": expected ",
        overflow ? std::string("more than 2^64") : absl::StrCat(header + elements), " bytes (",
        header, "-byte header + ", absl::StrJoin(out.dims, "x"), " unsigned bytes), found ",
        b.size(), overflow || payload < elements ? " (truncated)" : " (trailing bytes)",
        file->wasGzip ? " after gzip decompression" : ""));
  out.data.assign(b.begin() + header, b.end());
  return out;
}

absl::StatusOr<std::vector<int64_t>> readIdxDims(const std::string &path, int expectedRank) {
  // zlib reads a file that is not gzip as it is.
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz)
    return absl::NotFoundError(absl::StrCat(path, ": cannot open: ", std::strerror(errno)));
  std::vector<uint8_t> header(4 + 4 * size_t(expectedRank));
  const int got = gzread(gz, header.data(), unsigned(header.size()));
  gzclose(gz);
  const uint32_t want = 0x00000800u | uint32_t(expectedRank);
  if (got < 4 || bigEndian32(header.data()) != want)
    return absl::DataLossError(absl::StrCat(path, ": expected IDX magic ", magicName(want), " (",
                                            describeMagic(want), ")"));
  if (size_t(got) < header.size())
    return absl::DataLossError(absl::StrCat(path, ": expected an IDX header of ", header.size(),
                                            " bytes, found ", got));
  std::vector<int64_t> dims;
  for (int i = 0; i < expectedRank; ++i) {
    const uint32_t d = bigEndian32(header.data() + 4 + 4 * i);
    if (d == 0)
      return absl::DataLossError(
          absl::StrCat(path, ": expected non-zero IDX dimensions, found dim ", i, " = 0"));
    dims.push_back(int64_t(d));
  }
  return dims;
}

absl::StatusOr<MnistSplit> loadMnistSplit(const std::string &imagesPath,
                                          const std::string &labelsPath) {
  absl::StatusOr<IdxArray> images = readIdxUbyte(imagesPath, 3);
  if (!images.ok())
    return images.status();
  absl::StatusOr<IdxArray> labels = readIdxUbyte(labelsPath, 1);
  if (!labels.ok())
    return labels.status();
  if (images->dims[0] != labels->dims[0])
    return absl::DataLossError(absl::StrCat(labelsPath, ": expected ", images->dims[0],
                                            " labels (the image count of ", imagesPath,
                                            "), found ", labels->dims[0]));
  for (size_t i = 0; i < labels->data.size(); ++i)
    if (labels->data[i] > 9)
      return absl::DataLossError(absl::StrCat(labelsPath, ": label ", i,
                                              ": expected a class in 0..9, found ",
                                              int(labels->data[i])));
  MnistSplit split;
  split.count = images->dims[0];
  split.rows = images->dims[1];
  split.cols = images->dims[2];
  split.images = std::move(images->data);
  split.labels = std::move(labels->data);
  return split;
}

absl::StatusOr<MnistFiles> resolveMnistFiles(const std::string &dataDir, std::string_view name,
                                             const std::string &fashionFallbackDir,
                                             Splits splits) {
  std::vector<std::string> dirs;
  DataSource source;
  if (name == "mnist") {
    dirs = {joinPath(dataDir, "mnist")};
    source = DataSource::kMnist;
  } else if (name == "fashion_mnist") {
    dirs = {joinPath(dataDir, "fashion-mnist")};
    if (!fashionFallbackDir.empty())
      dirs.push_back(fashionFallbackDir);
    source = DataSource::kFashionMnist;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown IDX dataset '", absl::string_view(name.data(), name.size()), "': expected one of mnist, fashion_mnist"));
  }
  const char *kBases[4] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                           "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
  const char *kWhat[4] = {"training images", "training labels", "test images", "test labels"};
  auto find = [](const std::string &dir, const char *base) -> std::string {
    for (std::string candidate : {joinPath(dir, base), joinPath(dir, std::string(base) + ".gz")})
      if (isRegularFile(candidate))
        return candidate;
    return "";
  };
  const bool needed[4] = {splits.train, splits.train, splits.test, splits.test};
  const int first = splits.train ? 0 : 2;
  // The folder that holds the first file needed is the one used, for all of them.
  std::string dir;
  for (const std::string &d : dirs)
    if (!find(d, kBases[first]).empty()) {
      dir = d;
      break;
    }
  const std::string datasetName = source == DataSource::kMnist ? "MNIST" : "Fashion-MNIST";
  std::string paths[4];
  for (int i = 0; i < 4; ++i) {
    if (!needed[i])
      continue;
    if (!dir.empty())
      paths[i] = find(dir, kBases[i]);
    if (paths[i].empty()) {
      std::vector<std::string> tried;
      for (const std::string &d : dir.empty() ? dirs : std::vector<std::string>{dir}) {
        tried.push_back(joinPath(d, kBases[i]));
        tried.push_back(joinPath(d, kBases[i]) + ".gz");
      }
      return missingFileError(absl::StrJoin(tried, ", "),
                              absl::StrCat(datasetName, " ", kWhat[i]), source);
    }
  }
  return MnistFiles{paths[0], paths[1], paths[2], paths[3]};
}

absl::StatusOr<MnistData> loadMnist(const MnistFiles &files) {
  MnistData data;
  if (files.trainImages.empty() || files.testImages.empty()) {
    const bool train = !files.trainImages.empty();
    absl::StatusOr<MnistSplit> one = train ? loadMnistSplit(files.trainImages, files.trainLabels)
                                           : loadMnistSplit(files.testImages, files.testLabels);
    if (!one.ok())
      return one.status();
    (train ? data.train : data.test) = *std::move(one);
    return data;
  }
  absl::StatusOr<MnistSplit> train = loadMnistSplit(files.trainImages, files.trainLabels);
  if (!train.ok())
    return train.status();
  absl::StatusOr<MnistSplit> test = loadMnistSplit(files.testImages, files.testLabels);
  if (!test.ok())
    return test.status();
  if (test->rows != train->rows || test->cols != train->cols)
    return absl::DataLossError(absl::StrCat(files.testImages, ": expected ", train->rows, "x",
                                            train->cols, " images (as in ", files.trainImages,
                                            "), found ", test->rows, "x", test->cols));
  data.train = *std::move(train);
  data.test = *std::move(test);
  return data;
}

Dataset mnistToDataset(const MnistSplit &split, MnistLayout layout, double rescale,
                       std::string name) {
  Dataset ds;
  ds.name = std::move(name);
  ds.numSamples = split.count;
  InputTensor image;
  image.name = "image";
  image.type = ElementType::kFloat32;
  image.sampleShape = layout == MnistLayout::kFlat
                          ? std::vector<int64_t>{split.rows * split.cols}
                          : std::vector<int64_t>{split.rows, split.cols, 1};
  const std::vector<float> table = pixelTable(rescale);
  image.f32.resize(split.images.size());
  for (size_t i = 0; i < split.images.size(); ++i)
    image.f32[i] = table[split.images[i]];
  ds.inputs.push_back(std::move(image));
  std::vector<int32_t> classes(split.labels.begin(), split.labels.end());
  (void)setOneHotLabels(ds, classes, 10); // labels were checked to be in 0..9 when read
  return ds;
}

} // namespace dlc::rt::data
