// Training checkpoints (implementation of Checkpoint.h).
#include "runtime/train/Checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "abi/Crc32.h"
#include "abi/LittleEndian.h"

namespace dlc::rt::train {

using abi::getU32;
using abi::getU64;
using abi::putU32;
using abi::putU64;

namespace {

constexpr char kMagic[8] = {'D', 'L', 'C', 'C', 'K', 'P', 'T', '\0'};
constexpr size_t kFixed = 32;

uint64_t stateOffset(uint64_t metaBytes) { return (kFixed + metaBytes + 63) / 64 * 64; }

} // namespace

std::string hashHex(uint64_t hash) { return absl::StrFormat("%016x", hash); }

absl::Status saveCheckpoint(const std::string &path, const Checkpoint &c) {
  const CheckpointMeta &m = c.meta;
  nlohmann::json meta = {
      {"manifest_hash", hashHex(m.manifestHash)},
      {"task", m.task},
      {"target", m.target},
      {"bundle", m.bundle},
      {"seed", m.seed},
      {"iterations", m.iterations},
      {"epoch", m.epoch},
      {"batch", m.batch},
      {"batch_size", m.batchSize},
      {"epoch_loss_sum", m.epochLossSum},
      {"epoch_correct", m.epochCorrect},
      {"epoch_samples", m.epochSamples},
      {"epoch_seconds", m.epochSeconds},
  };
  const std::string metaText = meta.dump();
  const uint64_t offset = stateOffset(metaText.size());
  const uint64_t fileSize = offset + c.state.size() + 4;
  std::string out(fileSize, '\0');
  std::memcpy(out.data(), kMagic, sizeof kMagic);
  putU32(out, 8, kCheckpointVersion);
  putU32(out, 12, uint32_t(metaText.size()));
  putU64(out, 16, c.state.size());
  putU64(out, 24, fileSize);
  std::memcpy(out.data() + kFixed, metaText.data(), metaText.size());
  if (!c.state.empty()) std::memcpy(out.data() + offset, c.state.data(), c.state.size());
  putU32(out, fileSize - 4, abi::crc32(std::string_view(out).substr(0, fileSize - 4)));

  const std::string tmp = path + ".tmp";
  auto failure = [&](const std::string &what, int err) {
    const std::string message = absl::StrCat(what, ": ", std::strerror(err));
    if (err == EACCES || err == EPERM || err == EROFS) return absl::PermissionDeniedError(message);
    return absl::DataLossError(message);
  };
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return failure(absl::StrCat(tmp, ": cannot create the checkpoint"), errno);
  // Written in chunks so a test can play a crash half-way (test_hooks::afterCheckpointChunk).
  constexpr size_t kChunk = size_t(1) << 20;
  for (size_t done = 0; done < out.size();) {
    const ssize_t n = ::write(fd, out.data() + done, std::min(kChunk, out.size() - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : ENOSPC;
      ::close(fd);
      ::unlink(tmp.c_str());
      return failure(absl::StrCat(tmp, ": writing the checkpoint"), err);
    }
    done += size_t(n);
    if (test_hooks::afterCheckpointChunk) test_hooks::afterCheckpointChunk(tmp, done);
  }
  // The data must be on disk before the rename makes it the checkpoint:
  // otherwise a power cut could leave the new name on empty blocks.
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    return failure(absl::StrCat(tmp, ": fsync"), err);
  }
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return failure(absl::StrCat(tmp, ": close"), err);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return failure(absl::StrCat(path, ": cannot rename ", tmp, " to it"), err);
  }
  // The rename is durable once the folder's entry is.
  std::string folder = std::filesystem::path(path).parent_path().string();
  if (folder.empty()) folder = ".";
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return failure(absl::StrCat(folder, ": cannot open the folder to fsync it"), errno);
  const int synced = ::fsync(dir);
  const int err = errno;
  ::close(dir);
  if (synced != 0) return failure(absl::StrCat(folder, ": fsync"), err);
  return absl::OkStatus();
}

bool hasCheckpointMagic(std::string_view head) {
  return head.size() >= sizeof kMagic && std::memcmp(head.data(), kMagic, sizeof kMagic) == 0;
}

absl::StatusOr<Checkpoint> loadCheckpoint(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  if (!f)
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot open the checkpoint: ", std::strerror(errno)));
  std::ostringstream buf;
  buf << f.rdbuf();
  return parseCheckpoint(std::move(buf).str(), path);
}

absl::StatusOr<Checkpoint> parseCheckpoint(std::string_view b, const std::string &path) {
  auto fail = [&](absl::StatusCode code, const std::string &msg) {
    return absl::Status(code, absl::StrCat(path, ": ", msg));
  };
  if (b.size() < sizeof kMagic || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0)
    return fail(absl::StatusCode::kInvalidArgument, "not a dlc checkpoint (bad magic)");
  if (b.size() < kFixed + 4)
    return fail(absl::StatusCode::kDataLoss, "truncated checkpoint header");
  const uint32_t version = getU32(b, 8);
  if (version != kCheckpointVersion)
    return fail(absl::StatusCode::kFailedPrecondition,
                absl::StrCat("checkpoint format ", version, ", this runtime reads ",
                             kCheckpointVersion));
  const uint64_t metaBytes = getU32(b, 12), stateBytes = getU64(b, 16), fileSize = getU64(b, 24);
  if (fileSize != b.size())
    return fail(absl::StatusCode::kDataLoss,
                absl::StrCat("truncated or extended: the header says ", fileSize,
                             " bytes, the file has ", b.size()));
  const uint64_t offset = stateOffset(metaBytes);
  if (stateBytes > b.size() || offset > b.size() - 4 - stateBytes ||
      offset + stateBytes + 4 != b.size())
    return fail(absl::StatusCode::kDataLoss, "inconsistent section sizes");
  const uint32_t stored = getU32(b, b.size() - 4);
  const uint32_t crc = abi::crc32(b.substr(0, b.size() - 4));
  if (crc != stored)
    return fail(absl::StatusCode::kDataLoss,
                absl::StrFormat("corrupt checkpoint (CRC-32 0x%08x, stored 0x%08x)", crc, stored));
  const std::string_view metaText = b.substr(kFixed, metaBytes);
  nlohmann::json meta =
      nlohmann::json::parse(metaText.begin(), metaText.end(), nullptr, false);
  if (meta.is_discarded() || !meta.is_object())
    return fail(absl::StatusCode::kInvalidArgument, "metadata: not a JSON object");
  Checkpoint c;
  CheckpointMeta &m = c.meta;
  auto need = [&](const char *key, auto &dst) -> absl::Status {
    using D = std::decay_t<decltype(dst)>;
    auto it = meta.find(key);
    bool ok = it != meta.end();
    if (ok) {
      if constexpr (std::is_same_v<D, std::string>) ok = it->is_string();
      else if constexpr (std::is_floating_point_v<D>) ok = it->is_number();
      else if constexpr (std::is_unsigned_v<D>) ok = it->is_number_unsigned();
      else ok = it->is_number_integer();
    }
    if (!ok)
      return fail(absl::StatusCode::kInvalidArgument,
                  absl::StrCat("metadata: '", key, "' missing or ill-typed"));
    dst = it->get<D>();
    return absl::OkStatus();
  };
  std::string hash;
  for (absl::Status s :
       {need("manifest_hash", hash), need("task", m.task), need("target", m.target),
        need("bundle", m.bundle), need("seed", m.seed), need("iterations", m.iterations),
        need("epoch", m.epoch), need("batch", m.batch), need("batch_size", m.batchSize),
        need("epoch_loss_sum", m.epochLossSum), need("epoch_correct", m.epochCorrect),
        need("epoch_samples", m.epochSamples), need("epoch_seconds", m.epochSeconds)})
    if (!s.ok()) return s;
  if (hash.size() != 16 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)
    return fail(absl::StatusCode::kInvalidArgument, "metadata: 'manifest_hash' is not 16 hex digits");
  m.manifestHash = std::stoull(hash, nullptr, 16);
  if (m.epoch < 0 || m.batch < 0 || m.iterations < 0)
    return fail(absl::StatusCode::kInvalidArgument, "metadata: negative position");
  c.state.assign(b.substr(offset, stateBytes));
  return c;
}

} // namespace dlc::rt::train
