// `dlc weights` on the runtime side (see Weights.h).
#include "runtime/train/Weights.h"

#include <fstream>
#include <memory>

#include <zlib.h>

#include "absl/strings/str_cat.h"
#include "runtime/bundle/StatusMacros.h"
#include "runtime/train/Checkpoint.h"
#include "runtime/train/Session.h"

namespace dlc::rt::train {

namespace {

const char *npyDescr(bundle::DType t) {
  switch (t) {
  case bundle::DType::F32: return "<f4";
  case bundle::DType::F64: return "<f8";
  case bundle::DType::I32: return "<i4";
  case bundle::DType::I64: return "<i8";
  }
  return "?";
}

const char *roleString(bundle::Role r) { return bundle::roleName(r); }

void put16(std::string &s, uint32_t v) {
  s.push_back(char(v & 0xff));
  s.push_back(char((v >> 8) & 0xff));
}
void put32(std::string &s, uint32_t v) {
  put16(s, v & 0xffff);
  put16(s, v >> 16);
}

} // namespace

absl::StatusOr<std::vector<StateTensor>> stateTensors(const WeightsOptions &opts) {
  std::shared_ptr<const bundle::Bundle> b = opts.source.bundle;
  if (!b) {
    if (opts.source.path.empty())
      return absl::InvalidArgumentError("no bundle given (a .dlcb file or a compiled model)");
    DLC_RT_ASSIGN_OR_RETURN(bundle::Bundle read, bundle::readBundleFile(opts.source.path));
    b = std::make_shared<const bundle::Bundle>(std::move(read));
  }
  const bundle::Manifest &m = b->manifest();
  // The state itself, from the bundle or the checkpoint: no device needed.
  std::string stateBytes;
  if (!opts.checkpointPath.empty()) {
    DLC_RT_ASSIGN_OR_RETURN(Checkpoint c, loadCheckpoint(opts.checkpointPath));
    if (c.meta.manifestHash != m.contentHash())
      return absl::FailedPreconditionError(absl::StrCat(
          opts.checkpointPath, ": checkpoint of another model or bundle (task '", c.meta.task,
          "', manifest hash ", hashHex(c.meta.manifestHash), "); this one is task '", m.task(),
          "', manifest hash ", hashHex(m.contentHash()),
          " (compile it with the same options, e.g. --no-dropout, as the run that saved it)"));
    DLC_RT_ASSIGN_OR_RETURN(stateBytes, Session::startingState(*b, c.meta.seed, &c.state));
  } else {
    DLC_RT_ASSIGN_OR_RETURN(stateBytes, Session::startingState(*b, opts.seed.value_or(m.seed)));
  }
  std::string_view state = stateBytes;
  std::vector<StateTensor> result;
  for (const bundle::TensorDesc &t : m.tensors) {
    if (t.region != bundle::Region::State) continue;
    if (opts.paramsOnly && t.role != bundle::Role::Param) continue;
    if (t.offset + t.byteSize() > state.size())
      return absl::InternalError(absl::StrCat("tensor ", t.name, " lies outside the state (",
                                              state.size(), " bytes)"));
    StateTensor s;
    s.name = t.name;
    s.role = roleString(t.role);
    s.dtype = t.dtype;
    s.shape = t.shape;
    s.bytes.assign(state.substr(t.offset, t.byteSize()));
    result.push_back(std::move(s));
  }
  return result;
}

std::string npyBytes(const StateTensor &t) {
  std::string shape = "(";
  for (size_t i = 0; i < t.shape.size(); ++i)
    absl::StrAppend(&shape, t.shape[i], t.shape.size() == 1 ? "," : (i + 1 < t.shape.size() ? ", " : ""));
  shape += ")";
  std::string header = absl::StrCat("{'descr': '", npyDescr(t.dtype),
                                    "', 'fortran_order': False, 'shape': ", shape, ", }");
  // magic (6) + version (2) + header length (2) + header + '\n', padded to 64.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  put16(out, uint32_t(header.size()));
  out += header;
  out += t.bytes;
  return out;
}

absl::Status writeNpz(const std::string &path, const std::vector<StateTensor> &tensors) {
  // A zip archive of "stored" (uncompressed) members, what numpy.savez writes.
  std::string zip, central;
  const uint32_t dosTime = 0, dosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
  for (const StateTensor &t : tensors) {
    std::string name = t.name + ".npy";
    std::string data = npyBytes(t);
    if (zip.size() > 0xffffffffu - data.size() - 1024)
      return absl::ResourceExhaustedError(path + ": the state exceeds a zip32 archive (4 GiB)");
    uint32_t crc = uint32_t(crc32(0L, reinterpret_cast<const Bytef *>(data.data()),
                                  uInt(data.size())));
    uint32_t offset = uint32_t(zip.size());
    put32(zip, 0x04034b50); put16(zip, 20); put16(zip, 0); put16(zip, 0);
    put16(zip, dosTime); put16(zip, dosDate); put32(zip, crc);
    put32(zip, uint32_t(data.size())); put32(zip, uint32_t(data.size()));
    put16(zip, uint32_t(name.size())); put16(zip, 0);
    zip += name;
    zip += data;
    put32(central, 0x02014b50); put16(central, 20); put16(central, 20); put16(central, 0);
    put16(central, 0); put16(central, dosTime); put16(central, dosDate); put32(central, crc);
    put32(central, uint32_t(data.size())); put32(central, uint32_t(data.size()));
    put16(central, uint32_t(name.size())); put16(central, 0); put16(central, 0);
    put16(central, 0); put16(central, 0); put32(central, 0); put32(central, offset);
    central += name;
  }
  uint32_t centralOffset = uint32_t(zip.size());
  zip += central;
  put32(zip, 0x06054b50); put16(zip, 0); put16(zip, 0);
  put16(zip, uint32_t(tensors.size())); put16(zip, uint32_t(tensors.size()));
  put32(zip, uint32_t(central.size())); put32(zip, centralOffset); put16(zip, 0);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::PermissionDeniedError(path + ": cannot open for writing");
  out.write(zip.data(), std::streamsize(zip.size()));
  out.close();
  if (!out) return absl::DataLossError(path + ": write failed");
  return absl::OkStatus();
}

int runWeights(const WeightsOptions &opts) {
  auto fail = [&](const absl::Status &s) {
    *opts.err << "error: " << s.message() << "\n";
    return 1;
  };
  if (opts.outputPath.empty())
    return fail(absl::InvalidArgumentError("--out FILE.npz is required"));
  absl::StatusOr<std::vector<StateTensor>> tensors = stateTensors(opts);
  if (!tensors.ok()) return fail(tensors.status());
  if (absl::Status s = writeNpz(opts.outputPath, *tensors); !s.ok()) return fail(s);
  uint64_t bytes = 0;
  for (const StateTensor &t : *tensors) bytes += t.bytes.size();
  *opts.out << "wrote " << tensors->size() << " tensors (" << bytes << " bytes) to "
            << opts.outputPath << "\n";
  return 0;
}

} // namespace dlc::rt::train
