// The cpu target against the cpu-ref oracle, op by op: every case of
// OpCases.h (every op of the dialect and its gradient, plus edge shapes) is
// compiled for both targets from the same initial weights; on the same
// random batch the forward outputs (@predict), the loss, and the parameters
// after one SGD(lr 1) step — that is, the gradients — must agree.
//
// The agreement rule (Agreement.h), per tensor: max |cpu − cpu-ref| /
// max |cpu-ref| ≤ 1e-5 for the forward outputs and the loss, ≤ 1e-4 for every
// gradient. The cpu target runs the fused graph (every fusion pass), with
// FMAs, register tiles and its own summation order; the op cases include
// shapes large enough for its tiled contractions and odd ones that leave
// remainders (OpCases.cpp).
#include "test/unit/codegen/Agreement.h"
#include "test/unit/codegen/OpCases.h"

#include "abi/BundleContainer.h"
#include "runtime/backends/Backends.h"
#include "runtime/backends/cpu/NativeLibrary.h"
#include "runtime/train/Session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

namespace rt = dlc::rt;
using dlc::test::Case;

namespace {

class CpuAgreement : public ::testing::TestWithParam<Case> {};

TEST_P(CpuAgreement, ForwardLossAndGradientsMatchCpuRef) {
  const Case &c = GetParam();
  dlc::test::Measured m = dlc::test::expectAgreement(dlc::test::compileCase(c, "cpu-ref"),
                                                     dlc::test::compileCase(c, "cpu"));
  std::cout << c.name << ": forward " << m.forward << ", loss " << m.loss << ", gradients "
            << m.gradient << "\n";
}

INSTANTIATE_TEST_SUITE_P(OpCases, CpuAgreement, ::testing::ValuesIn(dlc::test::opCases()),
                         [](const ::testing::TestParamInfo<Case> &info) {
                           return std::string(info.param.name);
                         });

TEST(CpuNativeCode, CorruptOrForeignLibraryIsRefused) {
  auto cpu = dlc::test::compileCase(dlc::test::opCases()[0], "cpu");
  ASSERT_TRUE(cpu);
  std::string_view code = cpu->section("code.cpu");
  ASSERT_GT(code.size(), 64u);
  const rt::bundle::Manifest &m = cpu->manifest();

  // The bundle with another code section, through the backend registry.
  std::vector<std::shared_ptr<const rt::bundle::Bundle>> keep;
  auto withCode = [&](std::string bytes) {
    auto container = dlc::abi::writeBundleContainer(cpu->manifestText(), cpu->initialState(),
                                                    {{"code.cpu", std::move(bytes)}});
    EXPECT_TRUE(container.ok());
    auto b = rt::bundle::readBundleBytes(*container, "case.dlcb");
    EXPECT_TRUE(b.ok()) << b.status();
    keep.push_back(std::make_shared<const rt::bundle::Bundle>(std::move(*b)));
    return keep.back();
  };
  auto refused = [&](std::string bytes) {
    return rt::openBackend(*withCode(std::move(bytes)), {}).status();
  };
  // Not an ELF file at all.
  absl::Status s = refused(std::string(code.size(), 'x'));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(std::string(s.message()).find("not an ELF shared object"), std::string::npos)
      << s.message();
  // An ELF library for another machine (AArch64's e_machine = 183).
  std::string foreign(code);
  foreign[18] = char(183);
  foreign[19] = 0;
  s = refused(foreign);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << s.message();
  EXPECT_NE(std::string(s.message()).find("built for AArch64"), std::string::npos)
      << s.message();
  // Truncated: the header is intact, the rest is missing.
  s = refused(std::string(code.substr(0, code.size() / 3)));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(std::string(s.message()).find("truncated or corrupt library"), std::string::npos)
      << s.message();
  // A well-formed shared library that is not dlc's (libz, which the runtime
  // itself links): the ABI symbols are checked before anything runs.
  std::ifstream in("/proc/self/maps");
  std::string line, libz;
  while (libz.empty() && std::getline(in, line))
    if (auto at = line.find('/'); at != std::string::npos &&
                                  line.find("libz.so") != std::string::npos)
      libz = line.substr(at);
  if (!libz.empty()) {
    std::ifstream file(libz, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    s = refused(bytes);
    EXPECT_NE(std::string(s.message()).find("not a dlc native library"), std::string::npos)
        << s.message();
  }
  // A CPU feature the machine lacks (a made-up AVX-512 variant is not
  // testable, so use one that is, when this machine lacks it) — and the
  // manifest records the features the code was built with.
  ASSERT_TRUE(m.native.has_value());
  EXPECT_EQ(m.native->section, "code.cpu");
  EXPECT_FALSE(m.native->features.empty());
  EXPECT_TRUE(rt::exec::checkCpuFeatures({"avx", "sse4.2"}, "x").ok() ||
              !__builtin_cpu_supports("avx"));
  if (!__builtin_cpu_supports("avx512ifma")) {
    s = rt::exec::checkCpuFeatures({"avx2", "avx512ifma"}, "section 'code.cpu'");
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_NE(std::string(s.message()).find("lacks (avx512ifma)"), std::string::npos)
        << s.message();
  }
  // The intact library loads.
  auto intact = rt::openBackend(*withCode(std::string(code)), {});
  ASSERT_TRUE(intact.ok()) << intact.status();
  EXPECT_EQ((*intact)->name(), "cpu");
}

// A failed run-time check in generated code (an embedding id outside its
// table) is a status naming the check, as on cpu-ref, not an abort; the next
// run with good ids succeeds (the error word is cleared before each call).
TEST(CpuNativeCode, RunTimeChecksAreStatuses) {
  const Case *babi = nullptr;
  for (const Case &c : dlc::test::opCases())
    if (std::string(c.name) == "babi") babi = &c;
  ASSERT_NE(babi, nullptr);
  for (const char *target : {"cpu-ref", "cpu"}) {
    SCOPED_TRACE(target);
    auto bundle = dlc::test::compileCase(*babi, target);
    ASSERT_TRUE(bundle);
    const rt::bundle::Manifest &m = bundle->manifest();
    auto session = rt::train::Session::open(bundle, 7);
    ASSERT_TRUE(session.ok()) << session.status();
    const rt::bundle::Function *predict = m.function("predict");
    ASSERT_NE(predict, nullptr);
    // Ids in range (the table has 7 rows), then one outside it.
    for (int bad : {0, 1}) {
      for (int index : predict->inputs) {
        const rt::bundle::TensorDesc &t = m.tensors[size_t(index)];
        ASSERT_EQ(t.dtype, rt::bundle::DType::I32);
        std::vector<int32_t> ids(size_t(t.numElements()), 3);
        if (bad) ids.back() = 9;
        std::memcpy((*session)->backend().io() + t.offset, ids.data(), ids.size() * 4);
      }
      absl::Status s = (*session)->backend().run("predict");
      if (!bad) {
        EXPECT_TRUE(s.ok()) << s;
        continue;
      }
      EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
      EXPECT_NE(s.message().find("predict"), std::string::npos) << s;
      EXPECT_NE(s.message().find(std::string(target) == "cpu"
                                     ? "run-time check failed: dlc.embedding: index outside "
                                       "[0, 7) of the table"
                                     : "(dlc.embedding): "),
                std::string::npos)
          << s;
    }
  }
}

} // namespace
