// The registry of the runtime's backends (see Backends.h).
#include "runtime/backends/Backends.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "abi/Targets.h"
#include "runtime/backends/cpu-ref/RefBackend.h"
#include "runtime/backends/cpu/NativeBackend.h"
#ifdef DLC_HAVE_CUDA_BACKEND
#include "runtime/backends/cuda/CudaBackend.h"
#endif

namespace dlc::rt {
namespace {

using Open = absl::StatusOr<std::unique_ptr<exec::Backend>> (*)(const bundle::Bundle &,
                                                                const exec::BackendOptions &);
struct Entry {
  const char *target;
  Open open;
};

template <typename B>
absl::StatusOr<std::unique_ptr<exec::Backend>> upcast(absl::StatusOr<std::unique_ptr<B>> b) {
  if (!b.ok()) return b.status();
  return std::unique_ptr<exec::Backend>(std::move(*b));
}

const Entry kBackends[] = {
    {"cpu-ref",
     [](const bundle::Bundle &b, const exec::BackendOptions &o) {
       return upcast(exec::RefBackend::create(b.manifest(), o));
     }},
    {"cpu",
     [](const bundle::Bundle &b, const exec::BackendOptions &o) {
       return upcast(exec::NativeBackend::create(b, o));
     }},
#ifdef DLC_HAVE_CUDA_BACKEND
    {"cuda-ptx",
     [](const bundle::Bundle &b, const exec::BackendOptions &o) {
       return upcast(exec::CudaBackend::create(b, o));
     }},
#endif
};

} // namespace

std::vector<std::string> backendTargets() {
  std::vector<std::string> names;
  for (const abi::TargetInfo &t : abi::kTargets)
    for (const Entry &e : kBackends)
      if (std::string_view(t.name) == e.target) names.emplace_back(t.name);
  return names;
}

absl::StatusOr<std::unique_ptr<exec::Backend>> openBackend(const bundle::Bundle &bundle,
                                                           const exec::BackendOptions &options) {
  const std::string &target = bundle.manifest().target;
  for (const Entry &e : kBackends) {
    if (target != e.target) continue;
    absl::StatusOr<std::unique_ptr<exec::Backend>> b = e.open(bundle, options);
    if (!b.ok())
      return absl::Status(b.status().code(),
                          absl::StrCat(bundle.path(), ": ", b.status().message()));
    return b;
  }
  const abi::TargetInfo *info = abi::findTarget(target);
  return absl::FailedPreconditionError(absl::StrCat(
      bundle.path(), ": bundle for target ", target,
      info ? absl::StrCat(" (", info->summary, ")") : "", "; this runtime runs ",
      absl::StrJoin(backendTargets(), ", "),
      info && info->device == abi::Device::Cuda
          ? " (it was built without the CUDA toolkit, so it has no CUDA backend)"
          : ""));
}

} // namespace dlc::rt
