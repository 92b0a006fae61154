// The cpu backend (implementation of NativeBackend.h).
#include "runtime/backends/cpu/NativeBackend.h"

#include <mutex>
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "absl/strings/str_cat.h"
#include "runtime/bundle/StatusMacros.h"

namespace dlc::rt::exec {

namespace {
/// The generated code allocates its intermediates with malloc on every call
/// and frees them before it returns (tens of MB per mnist_cnn step, a 51 MB
/// tape per mnist_hrnn step). glibc serves blocks over its mmap threshold
/// (128 KiB, adapting up to 32 MiB) with fresh mappings, so every step
/// faulted every page in again: a quarter of mnist_cnn's step went to the
/// kernel zeroing pages. With no mmap'd blocks and no trimming, the freed
/// blocks stay in the heap and the next call reuses them.
void keepFreedBlocksMapped() {
#if defined(__GLIBC__)
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
  });
#endif
}
} // namespace

absl::StatusOr<std::unique_ptr<NativeBackend>> NativeBackend::create(
    const bundle::Bundle &bundle, const BackendOptions &options) {
  const bundle::Manifest &m = bundle.manifest();
  if (!m.native)
    return absl::InvalidArgumentError(
        "a cpu bundle needs the manifest's \"native\" object (its code section), which is "
        "missing");
  const std::string what = absl::StrCat("section '", m.native->section, "'");
  if (!bundle.hasSection(m.native->section))
    return absl::InvalidArgumentError(absl::StrCat(what, " (the native code) is missing"));
  DLC_RT_RETURN_IF_ERROR(checkCpuFeatures(m.native->features, what));
  keepFreedBlocksMapped();
  DLC_RT_ASSIGN_OR_RETURN(Arena arena, Arena::create(m.regionBytes));
  std::unique_ptr<NativeBackend> b(new NativeBackend(m, std::move(arena), options.runSeed));
  DLC_RT_ASSIGN_OR_RETURN(b->library_, NativeLibrary::load(bundle.section(m.native->section), what));
  b->errors_ = m.native->errors;
  for (const auto &[name, fn] : m.functions) {
    if (fn.steps.size() != 1 || fn.steps[0].kind != bundle::StepKind::Native)
      return absl::InvalidArgumentError(absl::StrCat(
          name, ": a cpu bundle's function is one \"native\" step; this one has ",
          fn.steps.size(), " steps",
          fn.steps.empty() ? ""
                           : absl::StrCat(", the first of kind \"",
                                          bundle::stepKindName(fn.steps[0].kind), "\"")));
    const bundle::Step &step = fn.steps[0];
    Call call;
    call.where = step.where;
    DLC_RT_ASSIGN_OR_RETURN(call.entry, b->library_->entry(step.symbol));
    auto add = [&](int index) {
      const bundle::TensorDesc &t = m.tensors[size_t(index)];
      call.descriptors.push_back(memrefDescriptor(b->arena_.data(t), t.shape));
    };
    for (int index : step.in) add(index);
    for (int index : step.out) add(index);
    for (auto &d : call.descriptors) call.args.push_back(d.data());
    b->calls_.emplace(name, std::move(call));
  }
  return b;
}

std::string NativeBackend::device() const {
  return absl::StrCat("host CPU (", std::thread::hardware_concurrency(), " cores)");
}

absl::Status NativeBackend::run(std::string_view function) {
  auto it = calls_.find(function);
  if (it == calls_.end()) return manifest_.requireFunction(function).status();
  library_->setRunSeed(runSeed_);
  library_->clearError();
  it->second.entry(it->second.args.data());
  if (int32_t code = library_->error(); code != 0) {
    const std::string message = code > 0 && size_t(code) <= errors_.size()
                                    ? errors_[size_t(code - 1)]
                                    : absl::StrCat("error code ", code);
    return absl::InvalidArgumentError(
        absl::StrCat(it->second.where, ": run-time check failed: ", message));
  }
  return absl::OkStatus();
}

} // namespace dlc::rt::exec
