// Loading and calling a bundle's native code (see NativeLibrary.h).
#include "runtime/backends/cpu/NativeLibrary.h"
#include "runtime/backends/cpu/CpuFeatures.h"

#include <dlfcn.h>
#include <sched.h>
#include <elf.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <optional>

#include "absl/strings/str_cat.h"

namespace dlc::rt::exec {
namespace {

#if defined(__x86_64__)
constexpr uint16_t kHostMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr uint16_t kHostMachine = EM_AARCH64;
#else
constexpr uint16_t kHostMachine = EM_NONE;
#endif

std::string machineName(uint16_t machine) {
  switch (machine) {
  case EM_X86_64: return "x86-64";
  case EM_AARCH64: return "AArch64";
  case EM_386: return "i386";
  case EM_ARM: return "ARM";
  case EM_RISCV: return "RISC-V";
  case EM_PPC64: return "PowerPC64";
  default: return absl::StrCat("ELF machine ", machine);
  }
}

/// The header checks dlopen would make with a worse message, or none.
absl::Status checkElf(std::string_view bytes, const std::string &what) {
  if (bytes.size() < sizeof(Elf64_Ehdr) || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0)
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": not an ELF shared object (", bytes.size(), " bytes)"));
  Elf64_Ehdr header;
  std::memcpy(&header, bytes.data(), sizeof header);
  if (header.e_ident[EI_CLASS] != ELFCLASS64)
    return absl::FailedPreconditionError(
        absl::StrCat(what, ": a 32-bit library; this runtime is 64-bit"));
  if (header.e_type != ET_DYN)
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": an ELF file but not a shared object (type ", header.e_type, ")"));
  // Every segment the loader maps must lie inside the bytes (a truncated
  // library would otherwise fault when mapped).
  auto truncated = [&](uint64_t offset, uint64_t size, const char *what_part) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": truncated or corrupt library (",
                                                   what_part, " at ", offset, "+", size,
                                                   " beyond its ", bytes.size(), " bytes)"));
  };
  if (header.e_phentsize != sizeof(Elf64_Phdr) ||
      header.e_phoff + uint64_t(header.e_phnum) * sizeof(Elf64_Phdr) > bytes.size())
    return truncated(header.e_phoff, uint64_t(header.e_phnum) * sizeof(Elf64_Phdr),
                     "program headers");
  for (uint16_t i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment;
    std::memcpy(&segment, bytes.data() + header.e_phoff + i * sizeof(Elf64_Phdr),
                sizeof segment);
    if (segment.p_offset + segment.p_filesz > bytes.size() ||
        segment.p_offset + segment.p_filesz < segment.p_offset)
      return truncated(segment.p_offset, segment.p_filesz, "a segment");
  }
  if (header.e_shoff + uint64_t(header.e_shnum) * header.e_shentsize > bytes.size())
    return truncated(header.e_shoff, uint64_t(header.e_shnum) * header.e_shentsize,
                     "section headers");
  if (header.e_machine != kHostMachine)
    return absl::FailedPreconditionError(
        absl::StrCat(what, ": native code built for ", machineName(header.e_machine),
                     ", this machine is ", machineName(kHostMachine),
                     "; recompile the model here (dlc compile --target=cpu)"));
  return absl::OkStatus();
}

} // namespace

absl::StatusOr<std::unique_ptr<NativeLibrary>> NativeLibrary::load(std::string_view bytes,
                                                                   std::string_view whatView) {
  const std::string what(whatView);
  if (absl::Status s = checkElf(bytes, what); !s.ok()) return s;
  std::unique_ptr<NativeLibrary> lib(new NativeLibrary());
  lib->what_ = what;
  lib->fd_ = memfd_create("dlc-native", MFD_CLOEXEC);
  if (lib->fd_ < 0)
    return absl::InternalError(absl::StrCat(what, ": memfd_create: ", std::strerror(errno)));
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(lib->fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0)
      return absl::InternalError(absl::StrCat(what, ": writing the library: ",
                                              std::strerror(errno)));
    done += size_t(n);
  }
  std::string path = absl::StrCat("/proc/self/fd/", lib->fd_);
  lib->handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib->handle_) {
    const char *message = dlerror();
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": the native library does not load: ", message ? message : "?"));
  }
  auto *version = static_cast<const int32_t *>(dlsym(lib->handle_, abi::kAbiVersionSymbol));
  if (!version)
    return absl::InvalidArgumentError(absl::StrCat(
        what, ": not a dlc native library (no ", abi::kAbiVersionSymbol, " symbol)"));
  if (*version != abi::kNativeAbiVersion)
    return absl::FailedPreconditionError(absl::StrCat(what, ": native ABI version ", *version,
                                                      ", this runtime runs ",
                                                      abi::kNativeAbiVersion));
  lib->runSeed_ = static_cast<int64_t *>(dlsym(lib->handle_, abi::kRunSeedSymbol));
  lib->error_ = static_cast<int32_t *>(dlsym(lib->handle_, abi::kErrorSymbol));
  for (const auto &[symbol, address] :
       {std::pair<const char *, void *>{abi::kRunSeedSymbol, lib->runSeed_},
        {abi::kErrorSymbol, lib->error_}})
    if (!address)
      return absl::InvalidArgumentError(
          absl::StrCat(what, ": not a dlc native library (no ", symbol, " symbol)"));
  return lib;
}

NativeLibrary::~NativeLibrary() {
  if (handle_) dlclose(handle_);
  if (fd_ >= 0) ::close(fd_);
}

absl::StatusOr<NativeLibrary::Entry> NativeLibrary::entry(std::string_view symbol) const {
  std::string name(symbol);
  void *address = dlsym(handle_, name.c_str());
  if (!address)
    return absl::NotFoundError(
        absl::StrCat(what_, ": the native library has no entry point '", name, "'"));
  return reinterpret_cast<Entry>(address);
}

bool NativeLibrary::setThreads(int threads) const {
  using SetThreads = void (*)(int);
  auto set = reinterpret_cast<SetThreads>(dlsym(handle_, "omp_set_num_threads"));
  if (!set) return false;
  if (threads <= 0) {
    // Every core this process may run on.
    cpu_set_t cpus;
    threads = sched_getaffinity(0, sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus) : 1;
  }
  set(threads);
  return true;
}

absl::Status checkCpuFeatures(const std::vector<std::string> &features,
                              std::string_view whatView) {
  std::string missing, unknown;
  for (const std::string &f : features) {
    const std::optional<bool> has = hostHasCpuFeature(f);
    if (!has) unknown += (unknown.empty() ? "" : ", ") + f;
    else if (!*has) missing += (missing.empty() ? "" : ", ") + f;
  }
  if (!missing.empty())
    return absl::FailedPreconditionError(
        absl::StrCat(std::string(whatView), ": native code needs CPU features this machine lacks (",
                     missing, "); recompile here, or for an older CPU with --cpu (e.g. x86-64-v3)"));
  // Only what is known to be present runs: an unknown extension may be one
  // this machine lacks, and its code would die of SIGILL mid-training.
  if (!unknown.empty())
    return absl::FailedPreconditionError(absl::StrCat(
        std::string(whatView), ": native code built for CPU features this runtime cannot check (",
        unknown, "); recompile here, or for an older CPU with --cpu (e.g. x86-64-v3)"));
  return absl::OkStatus();
}

std::vector<int64_t> memrefDescriptor(void *data, const std::vector<int64_t> &shape) {
  size_t rank = shape.size();
  std::vector<int64_t> d(3 + 2 * rank);
  int64_t address = int64_t(reinterpret_cast<intptr_t>(data));
  d[0] = address;
  d[1] = address;
  d[2] = 0;
  int64_t stride = 1;
  for (size_t i = rank; i-- > 0;) {
    d[3 + i] = shape[i];
    d[3 + rank + i] = stride;
    stride *= shape[i];
  }
  return d;
}

} // namespace dlc::rt::exec
