// The registry of the runtime's backends (runtime/exec/Backend.h): which
// targets' bundles this build runs, and the backend of a bundle's target.
#ifndef DLC_RUNTIME_BACKENDS_BACKENDS_H
#define DLC_RUNTIME_BACKENDS_BACKENDS_H

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/exec/Backend.h"

namespace dlc::rt {

/// The targets whose bundles this runtime runs, in abi/Targets.h's order
/// (cpu-ref and cpu always; the CUDA targets in builds with the toolkit).
std::vector<std::string> backendTargets();

/// The backend for the target of `bundle` (the manifest's "target"), with its
/// regions allocated, its code loaded and every function planned; the state
/// region is zero (copy the state in). `bundle` must outlive it. A target
/// this runtime has no backend for is FailedPrecondition naming the ones it
/// has.
absl::StatusOr<std::unique_ptr<exec::Backend>> openBackend(const bundle::Bundle &bundle,
                                                           const exec::BackendOptions &options);

} // namespace dlc::rt

#endif // DLC_RUNTIME_BACKENDS_BACKENDS_H
