// The contract between the cpu target's generated shared library and the
// runtime that loads it (codegen/cpu/NativeCode.cpp writes it,
// the runtime's cpu backend checks and calls it):
//   int32_t dlc_abi_version;          // = kNativeAbiVersion
//   int64_t dlc_run_seed;             // the dropout masks' Philox key
//   int32_t dlc_error;                // 0, or the code of a failed run-time check
//   void dlc_<function>(void **args); // train_step, eval_step, predict
// args[i] points to the memref descriptor of argument i: the function's
// inputs in order, then its results (out-parameters). A rank-r descriptor is
// { T *allocated, T *aligned, int64 offset, int64 sizes[r], int64 strides[r] }.
// The runtime sets dlc_run_seed and zeroes dlc_error before each call; after
// it, a non-zero dlc_error is the largest code among the checks that failed,
// code c naming the message native.errors[c - 1] of the manifest.
#ifndef DLC_ABI_NATIVEABI_H
#define DLC_ABI_NATIVEABI_H

#include <cstdint>

namespace dlc::abi {

inline constexpr int32_t kNativeAbiVersion = 2;
inline constexpr const char *kAbiVersionSymbol = "dlc_abi_version";
inline constexpr const char *kRunSeedSymbol = "dlc_run_seed";
inline constexpr const char *kErrorSymbol = "dlc_error";
/// An entry point is this prefix followed by the function's name.
inline constexpr const char *kEntryPrefix = "dlc_";

} // namespace dlc::abi

#endif // DLC_ABI_NATIVEABI_H
