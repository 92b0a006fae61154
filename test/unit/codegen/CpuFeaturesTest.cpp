// The runtime's CPU feature check (runtime/backends/cpu/CpuFeatures.h) against
// LLVM's: on the machine the test runs on, every feature LLVM's host detection
// reports gets the same answer from the runtime's CPUID table; every feature of
// every x86 processor LLVM knows is a name the table knows; and code for a CPU
// with features this machine lacks, or with names the runtime does not know,
// is refused (issue 14: the old check knew 16 names and passed the rest).
#include "runtime/backends/cpu/CpuFeatures.h"
#include "runtime/backends/cpu/NativeLibrary.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>

namespace {

namespace exec = dlc::rt::exec;

/// LLVM's subtarget of this machine's architecture, for CPU `cpu` with
/// `features` ("+avx2,-pku").
std::unique_ptr<llvm::MCSubtargetInfo> subtarget(llvm::StringRef cpu,
                                                 llvm::StringRef features = "") {
  llvm::InitializeNativeTarget();
  std::string error, triple = llvm::sys::getProcessTriple();
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;
  return std::unique_ptr<llvm::MCSubtargetInfo>(
      target->createMCSubtargetInfo(triple, cpu, features));
}

/// The features LLVM enables for `cpu`, as the cpu target records them in a
/// bundle's manifest (codegen/cpu/CpuTarget.cpp).
std::vector<std::string> featuresOf(llvm::StringRef cpu, llvm::StringRef features = "") {
  std::vector<std::string> out;
  auto sti = subtarget(cpu, features);
  for (const llvm::SubtargetFeatureKV &kv : sti->getAllProcessorFeatures())
    if (sti->getFeatureBits().test(kv.Value))
      out.push_back(kv.Key);
  return out;
}

bool isX86() {
#if defined(__x86_64__)
  return true;
#else
  return false;
#endif
}

TEST(CpuFeatures, AgreesWithLLVMsHostDetection) {
  if (!isX86())
    GTEST_SKIP() << "the table is x86-64's";
  int compared = 0;
  for (const auto &kv : llvm::sys::getHostCPUFeatures()) {
    const std::string name = kv.first().str();
    std::optional<bool> mine = exec::hostHasCpuFeature(name);
    if (kv.second) {
      ASSERT_TRUE(mine.has_value()) << name << ": LLVM finds it here, the runtime does not know it";
    }
    if (!mine)
      continue; // a name LLVM can detect but no processor of LLVM 19 uses
    EXPECT_EQ(*mine, kv.second) << name;
    ++compared;
  }
  EXPECT_GT(compared, 40);
}

TEST(CpuFeatures, KnowsEveryFeatureOfLLVMsProcessors) {
  if (!isX86())
    GTEST_SKIP() << "the table is x86-64's";
  auto sti = subtarget("");
  std::set<std::string> unknown;
  for (const llvm::SubtargetSubTypeKV &cpu : sti->getAllProcessorDescriptions())
    for (const std::string &f : featuresOf(cpu.Key))
      if (!exec::hostHasCpuFeature(f))
        unknown.insert(f + " (" + cpu.Key + ")");
  EXPECT_TRUE(unknown.empty()) << "e.g. " << *unknown.begin();
  // Code for this machine (its CPU name and the features it has, as --cpu
  // native compiles) always passes.
  std::string hostFeatures;
  for (const auto &kv : llvm::sys::getHostCPUFeatures())
    hostFeatures += (hostFeatures.empty() ? "" : ",") + std::string(kv.second ? "+" : "-") +
                    kv.first().str();
  std::vector<std::string> native = featuresOf(llvm::sys::getHostCPUName(), hostFeatures);
  EXPECT_TRUE(exec::checkCpuFeatures(native, "native").ok())
      << exec::checkCpuFeatures(native, "native");
}

TEST(CpuFeatures, RefusesNamesItCannotCheck) {
  absl::Status s = exec::checkCpuFeatures({"sse2", "avx9000-quantum"}, "section 'code.cpu'");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(s.message()),
            "section 'code.cpu': native code built for CPU features this runtime cannot check "
            "(avx9000-quantum); recompile here, or for an older CPU with --cpu (e.g. x86-64-v3)");
}

// Issue 14: `--cpu sapphirerapids` code (AMX, AVX512-FP16) was accepted on a
// machine without them.
TEST(CpuFeatures, RefusesSapphireRapidsCodeWhereAMXIsMissing) {
  if (!isX86())
    GTEST_SKIP() << "x86-64 only";
  if (exec::hostHasCpuFeature("amx-tile").value_or(false))
    GTEST_SKIP() << "this machine has AMX";
  absl::Status s = exec::checkCpuFeatures(featuresOf("sapphirerapids"), "code.cpu");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(s.message()).find("amx-tile"), std::string::npos) << s.message();
}

} // namespace
