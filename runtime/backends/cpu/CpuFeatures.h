// Which of LLVM's x86 CPU feature names this machine has, read from CPUID (and
// XGETBV for the register state the operating system saves), so a bundle's
// native code is run only where every feature it was compiled for is known to
// be present. A name the table does not know is never assumed present.
#ifndef DLC_RUNTIME_BACKENDS_CPU_CPUFEATURES_H
#define DLC_RUNTIME_BACKENDS_CPU_CPUFEATURES_H

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dlc::rt::exec {

/// Whether this machine has the feature LLVM calls `name` ("avx2",
/// "amx-tile", "avx512fp16"): true or false for an instruction-set extension
/// (with the OS saving its registers, for AVX, AVX-512 and AMX), true for a
/// tuning flag that changes no instruction ("fast-gather", "slow-3ops-lea"),
/// nullopt for a name this runtime does not know, or on a machine it cannot
/// test (not x86-64).
std::optional<bool> hostHasCpuFeature(std::string_view name);

/// Every name hostHasCpuFeature knows (the instruction-set extensions and
/// tuning flags of LLVM 19's x86 processors), for tests.
std::vector<std::string> knownCpuFeatures();

} // namespace dlc::rt::exec

#endif // DLC_RUNTIME_BACKENDS_CPU_CPUFEATURES_H
