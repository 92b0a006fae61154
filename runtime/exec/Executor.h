// The cpu-ref step executor: runs a bundle function's steps, in order, over a
// statically planned Arena by calling the reference kernels (runtime/kernels/).
//
// Executor::create plans every function of the manifest once: each step's op
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
//   step kind "native"         a call of the bundle's native code (the cpu
//       target): NativeLibrary loads it; in..., out... are passed as memref
//       descriptors over their tensors, dlc_run_seed set to the run seed
// Steps of kind "kernel" or "library" belong to other targets and are refused.
#ifndef DLC_RUNTIME_EXEC_EXECUTOR_H
#define DLC_RUNTIME_EXEC_EXECUTOR_H

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
#include "runtime/exec/Arena.h"
#include "runtime/exec/NativeLibrary.h"

namespace dlc::rt::exec {

/// Every op name the cpu-ref executor knows (the dialect's ops, "dlc.*").
const std::vector<std::string> &knownOps();

class Executor {
public:
  /// Plans every function of `manifest` (which must outlive the executor)
  /// and allocates its arena. `runSeed` keys the dropout masks (the run's
  /// --seed). The state region starts zero: call loadState.
  /// `nativeCode` is the bundle's native code section (the manifest's
  /// native.section: the cpu target's shared library; empty for cpu-ref). It
  /// is loaded, after checking native.features against this CPU, when given.
  static absl::StatusOr<std::unique_ptr<Executor>> create(const bundle::Manifest &manifest,
                                                          uint64_t runSeed,
                                                          std::string_view nativeCode = {});
  ~Executor();

  /// Caps the native code's threads (0: every core); false when there is
  /// no multi-threaded native code.
  bool setThreads(int threads);

  const bundle::Manifest &manifest() const { return manifest_; }
  Arena &arena() { return arena_; }
  uint64_t runSeed() const { return runSeed_; }
  void setRunSeed(uint64_t seed) { runSeed_ = seed; }

  /// Runs function `name`'s steps in order. Errors: no such function, or a
  /// kernel's run-time error (e.g. an embedding id out of range), prefixed
  /// with the step ("train_step step 3 (dlc.embedding): ...").
  absl::Status run(std::string_view name);

  /// The state region's bytes (parameters, slots, counter).
  std::string_view state() const;
  /// Copies `bytes` (exactly regionBytes.state of them) into the state region.
  absl::Status loadState(std::string_view bytes);

  /// The iterations counter (0 when the manifest has none).
  int64_t iterations() const;
  void setIterations(int64_t value);
  bool hasIterations() const { return iterationsTensor_ >= 0; }

  /// A tensor's first byte.
  uint8_t *data(int tensor) { return arena_.data(manifest_.tensors[size_t(tensor)]); }
  const uint8_t *data(int tensor) const {
    return arena_.data(manifest_.tensors[size_t(tensor)]);
  }
  const bundle::TensorDesc &tensor(int index) const {
    return manifest_.tensors[size_t(index)];
  }

  /// One planned step (public for the planner's helpers).
  struct Planned {
    std::function<absl::Status()> call;
    const bundle::Step *step = nullptr;
  };

private:
  Executor(const bundle::Manifest &manifest, Arena arena, uint64_t runSeed)
      : manifest_(manifest), arena_(std::move(arena)), runSeed_(runSeed) {}

  const bundle::Manifest &manifest_;
  Arena arena_;
  uint64_t runSeed_;
  int iterationsTensor_ = -1;
  std::unique_ptr<NativeLibrary> native_;
  std::map<std::string, std::vector<Planned>, std::less<>> plans_;
};

} // namespace dlc::rt::exec

#endif // DLC_RUNTIME_EXEC_EXECUTOR_H
