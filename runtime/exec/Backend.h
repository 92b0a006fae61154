// The runtime's device interface: what runs a bundle's functions. One
// implementation per kind of code a bundle carries (runtime/backends/):
// cpu-ref (the reference kernels, one call per step), cpu (the generated
// native library) and, in builds with the CUDA toolkit, cuda (PTX kernels and
// library calls on a GPU). The registry (runtime/backends/Backends.h) picks
// one from the manifest's "target".
//
// A backend's life, and what each part of the interface is for:
//   open       allocate the bundle's three regions (state, io, arena) in the
//              device's memory, once; load the bundle's code section (the
//              cpu library, the PTX module) and check it; plan every function
//              (bad bundles fail here, never at step 10,000)
//   copyIn /   copy bytes into / out of a region: the state when a session
//   copyOut    starts or resumes (a checkpoint), the state again only when
//              asked (checkpoint, `dlc weights`), never per step
//   io()       host memory of the io region that callers fill with a
//              function's inputs and read its outputs from: the region itself
//              on host backends, a pinned mirror on a GPU
//   run        one call of a function: its "inputs" go from io() to the
//              device, it runs (a GPU backend replays one captured graph),
//              its "outputs" (the loss and the correct count of a training
//              step) come back to io(); a run-time check that failed in the
//              code (an embedding id outside its table, a label outside the
//              classes) is returned as a status naming the function and the
//              check
// Everything a step needs (the iteration counter, the dropout key) lives in
// the state region or in the backend, so a training loop touches the device
// only through run().
#ifndef DLC_RUNTIME_EXEC_BACKEND_H
#define DLC_RUNTIME_EXEC_BACKEND_H

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/bundle/Manifest.h"

namespace dlc::rt::exec {

struct BackendOptions {
  /// The run's Philox seed (--seed): the key of the dropout masks.
  uint64_t runSeed = 0;
};

class Backend {
public:
  virtual ~Backend() = default;

  /// "cpu-ref", "cpu", "cuda": the kind of backend, for messages.
  virtual std::string_view name() const = 0;
  /// The device it runs on, in words (e.g. "host CPU, 2 threads").
  virtual std::string device() const = 0;

  /// Copies `bytes` bytes from `src` into `region` at `offset`.
  virtual absl::Status copyIn(bundle::Region region, uint64_t offset, const void *src,
                              uint64_t bytes) = 0;
  /// Copies `bytes` bytes of `region` at `offset` to `dst`.
  virtual absl::Status copyOut(bundle::Region region, uint64_t offset, void *dst,
                               uint64_t bytes) const = 0;

  /// Host memory of the io region (regionBytes[Io] bytes, at least 64-byte
  /// aligned): a function's inputs are written here before run(), its
  /// outputs are read here after it.
  virtual uint8_t *io() = 0;
  virtual const uint8_t *io() const = 0;

  /// Runs function `name` (see the header comment). Errors: no such
  /// function; a run-time check of the code, prefixed with where it failed
  /// ("train_step step 3 (dlc.embedding): ..." on cpu-ref, "train_step: ..."
  /// on compiled code). After such an error the state is undefined.
  virtual absl::Status run(std::string_view function) = 0;

  /// Caps the host threads of multi-threaded code (0: every core); false when
  /// the backend's code is single-threaded or not on the host.
  virtual bool setThreads(int threads) { return false; }
};

/// Checks the bounds of a region copy; the message names the region.
absl::Status checkRegionCopy(const bundle::Manifest &manifest, bundle::Region region,
                             uint64_t offset, uint64_t bytes);

} // namespace dlc::rt::exec

#endif // DLC_RUNTIME_EXEC_BACKEND_H
