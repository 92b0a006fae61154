// The contract between the CUDA targets' generated code and the runtime's CUDA
// backend: how a bundle's kernel launches are written in the manifest, and the
// device globals the runtime reads and writes.
//
// A bundle for a CUDA target carries its PTX in section "code.ptx" (one
// module, NUL-terminated text) and a manifest object
//   "cuda": {"section": "code.ptx", "arch": "sm_80", "ptx_isa": "7.0",
//            "kernels": [{"name": K, "params": "ppuuu…", "op": "dlc.dense"}, …],
//            "errors": [message of error code 1, …]}
// Every function is a static list of steps {"kind": "kernel", "k": kernel
// index, "grid": [x, y, z], "block": [x, y, z], "shared": dynamic shared
// bytes, "args": [u64, …]} run in order on one stream (captured once as a
// CUDA graph). Kernel parameters are all 64-bit (a memref is its descriptor:
// allocated pointer, aligned pointer, offset, sizes, strides); "params" says
// which are pointers ('p') and which plain values ('u'). A pointer argument is
// encodePointer(region, byte offset): the runtime adds the region's base in its
// one device allocation.
//
// Version 2 adds library steps (cuda-cudnn and cuda bundles; "cuda" lists
// the libraries called, "libraries": ["cublaslt", "cudnn"]):
//   {"kind": "library", "call": {"name": N, "layer": dlc op,
//     "operands": [{"role": R, "ptr": encoded pointer of element 0,
//                   "shape": [...], "strides": [...] (elements)}, ...],
//     "attrs": {...}, "workspace": {"ptr": encoded pointer, "bytes": B}}}
// run in order with the launches on the same stream (in the same graph):
//   cublaslt.gemm                 a, b, [bias], c (row-major, unit column
//                                 stride): c = epilogue(op(a)·op(b) [+ bias])
//                                 or c += op(a)·op(b) (accumulate); attrs
//                                 transpose_a, transpose_b, accumulate,
//                                 epilogue (none, bias, relu, relu_bias)
//   cudnn.conv2d_forward          x, w, y     NHWC x and y, KRSC filter w
//   cudnn.conv2d_backward_data    dy, w, dx   (cross-correlation; attrs
//   cudnn.conv2d_backward_filter  x, dy, dw    pre_padding, post_padding,
//                                               strides, dilations [h, w],
//                                               accumulate)
//   cudnn.rnn_forward             x, w, seq_lengths, y, [reserve]
//   cudnn.rnn_backward_data       y, dy, w, seq_lengths, dx, reserve
//   cudnn.rnn_backward_weights    x, y, seq_lengths, reserve, dw (added to)
//                                 one layer, one direction, zero initial
//                                 state: x [N, T, F], y [N, T, U] densely
//                                 packed batch-major, w / dw the weight space
//                                 of abi/CudnnRnnLayout.h, seq_lengths N int32
//                                 copies of T, reserve at least what cuDNN
//                                 asks (the forward is in training mode when
//                                 it has one; attrs cell: lstm, gru, rnn_tanh,
//                                 rnn_relu; training)
// float32 throughout (sequence lengths int32), float32 math (no TF32). A
// version 1 bundle (launches only) is a version 2 bundle without library
// steps.
//
// Version 3 adds fused library steps that a device may be unable to run,
// each with a "fallback": the steps (kernel launches and library calls, as
// above) that compute the same without the fusion, which the runtime runs
// instead when the library has no algorithm or engine for the fused call on
// the device (decided once, when the bundle is opened):
//   {"kind": "library", "call": {...}, "fallback": [step, ...]}
//   cublaslt.gemm with epilogue    a, b, c, bias_grad: c = op(a)·op(b) and
//     bgrad                        bias_grad[n] = Σ_k op(b)[k, n] (a dense
//                                  layer's bias gradient; cuBLASLt BGRADA)
//   cudnn.conv2d_bias_activation   x, w, bias, y: y = activation(conv(x, w)
//                                  + bias[k]) as one cuDNN graph; attrs as
//                                  conv2d_forward, activation (relu, none)
// A version 3 bundle without fallbacks is a version 2 bundle. A kernel and a
// library call may carry "key": the op (and its shapes) of a library pass it
// is part of ("GEMM Aᵀ·B 784x512x128"), which `dlc tune` times per op.
//
// Device globals of the PTX module (abi/NativeAbi.h's names): the run seed
// `dlc_run_seed` (i64, the dropout key, set before the first run) and the error
// word `dlc_error` (i32, zeroed before each run and read after it: code c names
// "errors"[c - 1]).
#ifndef DLC_ABI_CUDAABI_H
#define DLC_ABI_CUDAABI_H

#include "abi/ManifestSchema.h"

#include <cstdint>
#include <vector>

namespace dlc::abi {

inline constexpr int kCudaAbiVersion = 3;

/// Pointer parameters: the region in the top byte, the byte offset below.
inline constexpr int kPointerRegionShift = 56;
inline constexpr uint64_t kPointerOffsetMask = (uint64_t(1) << kPointerRegionShift) - 1;

constexpr uint64_t encodePointer(Region region, uint64_t offset) {
  return (uint64_t(region) << kPointerRegionShift) | (offset & kPointerOffsetMask);
}
constexpr Region pointerRegion(uint64_t encoded) {
  return Region(encoded >> kPointerRegionShift);
}
constexpr uint64_t pointerOffset(uint64_t encoded) { return encoded & kPointerOffsetMask; }
/// Whether `encoded` names one of the three regions.
constexpr bool validPointer(uint64_t encoded) {
  return (encoded >> kPointerRegionShift) < uint64_t(kNumRegions);
}

/// The parameter kinds of a kernel's "params" string.
inline constexpr char kPointerParam = 'p';
inline constexpr char kValueParam = 'u';

/// Whether a view of `shape` with `strides` (in elements) is densely packed
/// row-major, dimensions of size 1 aside: what cuDNN's RNN calls read and
/// write (the compiler's launch list and the runtime's reader both check it).
inline bool isDenselyPacked(const std::vector<int64_t> &shape,
                            const std::vector<int64_t> &strides) {
  if (shape.size() != strides.size()) return false;
  int64_t expected = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    if (shape[d] > 1 && strides[d] != expected) return false;
    expected *= shape[d];
  }
  return true;
}

/// Device regions start at multiples of this (cuMemAlloc's alignment).
inline constexpr uint64_t kDeviceRegionAlignment = 256;

} // namespace dlc::abi

#endif // DLC_ABI_CUDAABI_H
