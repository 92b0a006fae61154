// Which of LLVM's x86 CPU feature names this machine has (see CpuFeatures.h).
// The bit positions are those of the Intel and AMD manuals (CPUID leaves 1, 7,
// 0xD, 0x14, 0x19, 0x80000001, 0x80000008); a unit test compares every answer
// with LLVM's own host detection on the machine it runs on.
#include "runtime/backends/cpu/CpuFeatures.h"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace dlc::rt::exec {
namespace {

enum Reg { EAX, EBX, ECX, EDX };

/// The register state an extension needs the operating system to save on a
/// context switch (XCR0), else its instructions fault.
enum class State { None, Xsave, Avx, Avx512, Amx };

struct Isa {
  const char *name;
  uint32_t leaf, subleaf;
  Reg reg;
  int bit;
  State state;
};

// clang-format off
constexpr Isa kIsa[] = {
    {"x87", 1, 0, EDX, 0, State::None},        {"cx8", 1, 0, EDX, 8, State::None},
    {"cmov", 1, 0, EDX, 15, State::None},      {"mmx", 1, 0, EDX, 23, State::None},
    {"fxsr", 1, 0, EDX, 24, State::None},      {"sse", 1, 0, EDX, 25, State::None},
    {"sse2", 1, 0, EDX, 26, State::None},      {"sse3", 1, 0, ECX, 0, State::None},
    {"pclmul", 1, 0, ECX, 1, State::None},     {"ssse3", 1, 0, ECX, 9, State::None},
    {"fma", 1, 0, ECX, 12, State::Avx},        {"cx16", 1, 0, ECX, 13, State::None},
    {"sse4.1", 1, 0, ECX, 19, State::None},    {"sse4.2", 1, 0, ECX, 20, State::None},
    {"crc32", 1, 0, ECX, 20, State::None},     {"movbe", 1, 0, ECX, 22, State::None},
    {"popcnt", 1, 0, ECX, 23, State::None},    {"aes", 1, 0, ECX, 25, State::None},
    {"xsave", 1, 0, ECX, 26, State::Xsave},     {"avx", 1, 0, ECX, 28, State::Avx},
    {"f16c", 1, 0, ECX, 29, State::Avx},       {"rdrnd", 1, 0, ECX, 30, State::None},
    {"fsgsbase", 7, 0, EBX, 0, State::None},   {"bmi", 7, 0, EBX, 3, State::None},
    {"avx2", 7, 0, EBX, 5, State::Avx},        {"bmi2", 7, 0, EBX, 8, State::None},
    {"invpcid", 7, 0, EBX, 10, State::None},   {"rtm", 7, 0, EBX, 11, State::None},
    {"avx512f", 7, 0, EBX, 16, State::Avx512}, {"evex512", 7, 0, EBX, 16, State::Avx512},
    {"avx512dq", 7, 0, EBX, 17, State::Avx512}, {"rdseed", 7, 0, EBX, 18, State::None},
    {"adx", 7, 0, EBX, 19, State::None},       {"avx512ifma", 7, 0, EBX, 21, State::Avx512},
    {"clflushopt", 7, 0, EBX, 23, State::None}, {"clwb", 7, 0, EBX, 24, State::None},
    {"avx512cd", 7, 0, EBX, 28, State::Avx512}, {"sha", 7, 0, EBX, 29, State::None},
    {"avx512bw", 7, 0, EBX, 30, State::Avx512}, {"avx512vl", 7, 0, EBX, 31, State::Avx512},
    {"avx512vbmi", 7, 0, ECX, 1, State::Avx512}, {"pku", 7, 0, ECX, 4, State::None},
    {"waitpkg", 7, 0, ECX, 5, State::None},    {"avx512vbmi2", 7, 0, ECX, 6, State::Avx512},
    {"shstk", 7, 0, ECX, 7, State::None},      {"gfni", 7, 0, ECX, 8, State::None},
    {"vaes", 7, 0, ECX, 9, State::Avx},        {"vpclmulqdq", 7, 0, ECX, 10, State::Avx},
    {"avx512vnni", 7, 0, ECX, 11, State::Avx512}, {"avx512bitalg", 7, 0, ECX, 12, State::Avx512},
    {"avx512vpopcntdq", 7, 0, ECX, 14, State::Avx512}, {"rdpid", 7, 0, ECX, 22, State::None},
    {"kl", 7, 0, ECX, 23, State::None},        {"cldemote", 7, 0, ECX, 25, State::None},
    {"movdiri", 7, 0, ECX, 27, State::None},   {"movdir64b", 7, 0, ECX, 28, State::None},
    {"enqcmd", 7, 0, ECX, 29, State::None},    {"uintr", 7, 0, EDX, 5, State::None},
    {"avx512vp2intersect", 7, 0, EDX, 8, State::Avx512}, {"serialize", 7, 0, EDX, 14, State::None},
    {"tsxldtrk", 7, 0, EDX, 16, State::None},  {"pconfig", 7, 0, EDX, 18, State::None},
    {"amx-bf16", 7, 0, EDX, 22, State::Amx},   {"avx512fp16", 7, 0, EDX, 23, State::Avx512},
    {"amx-tile", 7, 0, EDX, 24, State::Amx},   {"amx-int8", 7, 0, EDX, 25, State::Amx},
    {"sha512", 7, 1, EAX, 0, State::Avx},      {"sm3", 7, 1, EAX, 1, State::Avx},
    {"sm4", 7, 1, EAX, 2, State::Avx},         {"raoint", 7, 1, EAX, 3, State::None},
    {"avxvnni", 7, 1, EAX, 4, State::Avx},     {"avx512bf16", 7, 1, EAX, 5, State::Avx512},
    {"cmpccxadd", 7, 1, EAX, 7, State::None},  {"amx-fp16", 7, 1, EAX, 21, State::Amx},
    {"hreset", 7, 1, EAX, 22, State::None},    {"avxifma", 7, 1, EAX, 23, State::Avx},
    {"avxvnniint8", 7, 1, EDX, 4, State::Avx}, {"avxneconvert", 7, 1, EDX, 5, State::Avx},
    {"amx-complex", 7, 1, EDX, 8, State::Amx}, {"avxvnniint16", 7, 1, EDX, 10, State::Avx},
    {"prefetchi", 7, 1, EDX, 14, State::None}, {"usermsr", 7, 1, EDX, 15, State::None},
    {"xsaveopt", 0xD, 1, EAX, 0, State::Xsave}, {"xsavec", 0xD, 1, EAX, 1, State::Xsave},
    {"xsaves", 0xD, 1, EAX, 3, State::Xsave},   {"ptwrite", 0x14, 0, EBX, 4, State::None},
    {"widekl", 0x19, 0, EBX, 2, State::None},
    {"sahf", 0x80000001, 0, ECX, 0, State::None}, {"lzcnt", 0x80000001, 0, ECX, 5, State::None},
    {"sse4a", 0x80000001, 0, ECX, 6, State::None}, {"prfchw", 0x80000001, 0, ECX, 8, State::None},
    {"xop", 0x80000001, 0, ECX, 11, State::Avx}, {"lwp", 0x80000001, 0, ECX, 15, State::None},
    {"fma4", 0x80000001, 0, ECX, 16, State::Avx}, {"tbm", 0x80000001, 0, ECX, 21, State::None},
    {"mwaitx", 0x80000001, 0, ECX, 29, State::None}, {"64bit", 0x80000001, 0, EDX, 29, State::None},
    {"clzero", 0x80000008, 0, EBX, 0, State::None}, {"rdpru", 0x80000008, 0, EBX, 4, State::None},
    {"wbnoinvd", 0x80000008, 0, EBX, 9, State::None},
};
// clang-format on

/// LLVM features that change how code is scheduled, padded or chosen among
/// instructions every x86-64 CPU has (and NOPL, which every x86-64 CPU runs):
/// code built with them runs anywhere.
constexpr const char *kTuning[] = {
    "64bit-mode", "allow-light-256-bit", "branch-hint", "branchfusion", "ermsb",
    "false-deps-getmant", "false-deps-lzcnt-tzcnt", "false-deps-mulc", "false-deps-mullq",
    "false-deps-perm", "false-deps-popcnt", "false-deps-range", "fast-11bytenop",
    "fast-15bytenop", "fast-7bytenop", "fast-bextr", "fast-dpwssd", "fast-gather", "fast-hops",
    "fast-imm16", "fast-lzcnt", "fast-movbe", "fast-scalar-fsqrt", "fast-scalar-shift-masks",
    "fast-shld-rotate", "fast-variable-crosslane-shuffle", "fast-variable-perlane-shuffle",
    "fast-vector-fsqrt", "fast-vector-shift-masks", "faster-shift-than-shuffle", "fsrm",
    "idivl-to-divb", "idivq-to-divl", "lea-sp", "lea-uses-ag", "macrofusion", "no-bypass-delay",
    "no-bypass-delay-blend", "no-bypass-delay-mov", "no-bypass-delay-shuffle", "nopl",
    "pad-short-functions", "prefer-256-bit", "prefer-mask-registers", "prefer-movmsk-over-vtest",
    "sbb-dep-breaking", "slow-3ops-lea", "slow-incdec", "slow-lea", "slow-pmaddwd",
    "slow-pmulld", "slow-shld", "slow-two-mem-ops", "slow-unaligned-mem-16",
    "slow-unaligned-mem-32", "tuning-fast-imm-vector-shift", "use-glm-div-sqrt-costs",
    "use-slm-arith-costs", "vzeroupper",
};

#if defined(__x86_64__)
struct Cpuid {
  uint32_t maxBasic = 0, maxExtended = 0, maxLeaf7Sub = 0;
  uint64_t xcr0 = 0;
  Cpuid() {
    uint32_t a, b, c, d;
    __cpuid(0, a, b, c, d);
    maxBasic = a;
    __cpuid(0x80000000, a, b, c, d);
    maxExtended = a;
    if (maxBasic >= 7) {
      __cpuid_count(7, 0, a, b, c, d);
      maxLeaf7Sub = a;
    }
    __cpuid(1, a, b, c, d);
    if ((c >> 27) & 1) { // OSXSAVE: XGETBV is available
      uint32_t lo, hi;
      __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
      xcr0 = (uint64_t(hi) << 32) | lo;
    }
  }
  bool bit(const Isa &f) const {
    if (f.leaf >= 0x80000000u ? f.leaf > maxExtended : f.leaf > maxBasic) return false;
    if (f.leaf == 7 && f.subleaf > maxLeaf7Sub) return false;
    uint32_t r[4];
    __cpuid_count(f.leaf, f.subleaf, r[0], r[1], r[2], r[3]);
    return (r[f.reg] >> f.bit) & 1;
  }
  bool saved(State s) const {
    switch (s) {
    case State::None: return true;
    case State::Xsave: return xcr0 != 0; // the OS enabled XSAVE (OSXSAVE)
    case State::Avx: return (xcr0 & 0x6) == 0x6;         // SSE and AVX state
    case State::Avx512: return (xcr0 & 0xe6) == 0xe6;    // and opmask, ZMM halves
    case State::Amx: return (xcr0 & 0x60000) == 0x60000; // TILECFG and TILEDATA
    }
    return false;
  }
};
#endif

} // namespace

std::optional<bool> hostHasCpuFeature(std::string_view name) {
#if defined(__x86_64__)
  static const Cpuid cpu;
  for (const Isa &f : kIsa)
    if (name == f.name) return cpu.bit(f) && cpu.saved(f.state);
  for (const char *t : kTuning)
    if (name == t) return true;
#else
  (void)name;
#endif
  return std::nullopt;
}

std::vector<std::string> knownCpuFeatures() {
  std::vector<std::string> names;
  for (const Isa &f : kIsa) names.emplace_back(f.name);
  for (const char *t : kTuning) names.emplace_back(t);
  return names;
}

} // namespace dlc::rt::exec
