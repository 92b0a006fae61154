// The cpu-ref backend: runs a bundle function's steps, in order, over a
// statically planned host Arena by calling the reference kernels
// (runtime/kernels/). The oracle every other target is checked against.
//
// RefBackend::create plans every function of the manifest once: each step's op
// name, operand counts, element types, shapes and attributes are checked and
// turned into a call with fixed pointers, so a bad bundle fails at load time
// with a message naming the function, the step and the op, never at step
// 10,000. An op name the runtime does not know is a load-time error naming it;
// an op of the dialect whose reference kernel is not there yet is a load-time
// Unimplemented error "op X has no cpu-ref kernel yet". Memory-plan checks:
// a step's outputs may not overlap its inputs or each other, except the
// in-place pairs of the optimizer updates (param and slots) and of
// dlc.increment (the iteration counter), and dlc.reshape /
// dlc.flatten whose result is the same bytes as their input (a no-op).
//
// Semantics not held in a kernel:
//   dlc.reshape, dlc.flatten   copy (row-major, same bytes)
//   dlc.dropout with a `step` operand (training): the reference dropout keyed
//       by (run seed, Dropout | seed attr, step = the 0-d i64 value, element);
//       without one: the identity (a copy)
//   dlc.slice                  strided copy along `axis`
//   dlc.reduce_sum             over one run of consecutive axes (what the
//                              gradients emit: bias and repeat_vector grads)
//   dlc.time_distributed       the body once per time step: slice t of
//                              in[0] → body.arg, body steps, body.result →
//                              slice t of out[0]
//   step kind "copy"           in[0] → out[0] (same byte size)
// Steps of other kinds ("native", "kernel", "library") belong to other
// targets' backends and are refused.
#ifndef DLC_RUNTIME_BACKENDS_CPUREF_REFBACKEND_H
#define DLC_RUNTIME_BACKENDS_CPUREF_REFBACKEND_H

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/bundle/Manifest.h"
#include "runtime/exec/HostBackend.h"

namespace dlc::rt::exec {

/// Every op name the cpu-ref backend knows (the dialect's ops, "dlc.*").
const std::vector<std::string> &knownOps();

class RefBackend : public HostBackend {
public:
  /// Plans every function of `manifest` (which must outlive the backend) and
  /// allocates its regions, all zero (copy the state in before running).
  static absl::StatusOr<std::unique_ptr<RefBackend>> create(const bundle::Manifest &manifest,
                                                            const BackendOptions &options);

  std::string_view name() const override { return "cpu-ref"; }
  std::string device() const override { return "host CPU (reference kernels, 1 thread)"; }
  /// Runs function `name`'s steps in order. Errors: no such function, or a
  /// kernel's run-time error (e.g. an embedding id out of range), prefixed
  /// with the step ("train_step step 3 (dlc.embedding): ...").
  absl::Status run(std::string_view name) override;

  /// One planned step (public for the planner's helpers).
  struct Planned {
    std::function<absl::Status()> call;
    const bundle::Step *step = nullptr;
  };

private:
  RefBackend(const bundle::Manifest &manifest, Arena arena, uint64_t runSeed)
      : HostBackend(manifest, std::move(arena)), runSeed_(runSeed) {}

  uint64_t runSeed_;
  std::map<std::string, std::vector<Planned>, std::less<>> plans_;
};

} // namespace dlc::rt::exec

#endif // DLC_RUNTIME_BACKENDS_CPUREF_REFBACKEND_H
