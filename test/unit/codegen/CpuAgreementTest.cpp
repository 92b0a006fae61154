// The cpu target against the cpu-ref oracle, op by op: every case of
// OpCases.h (every op of the dialect and its gradient, plus edge shapes) is
// compiled for both targets from the same initial weights; on the same
// random batch the forward outputs (@predict), the loss, and the parameters
// after one SGD(lr 1) step — that is, the gradients — must agree.
//
// The metric, per tensor: max |cpu − cpu-ref| / max |cpu-ref| ≤ 1e-5 (the
// relative error of the tensor as a whole, so an element near zero among
// large ones does not count as a large relative error; the cpu target sums
// in a different order and fuses multiply-adds).
#include "test/unit/codegen/OpCases.h"

#include "runtime/train/Session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

namespace rt = dlc::rt;
using dlc::test::Case;

namespace {

constexpr double kTolerance = 1e-5;

/// max |a − b| / max |b| over `n` floats.
double relativeError(const float *a, const float *b, int64_t n) {
  double diff = 0, scale = 0;
  for (int64_t i = 0; i < n; ++i) {
    diff = std::max(diff, std::fabs(double(a[i]) - double(b[i])));
    scale = std::max(scale, std::fabs(double(b[i])));
  }
  return scale > 0 ? diff / scale : diff;
}

class CpuAgreement : public ::testing::TestWithParam<Case> {};

TEST_P(CpuAgreement, ForwardLossAndGradientsMatchCpuRef) {
  const Case &c = GetParam();
  auto ref = dlc::test::compileCase(c, "cpu-ref");
  auto cpu = dlc::test::compileCase(c, "cpu");
  ASSERT_TRUE(ref && cpu);
  const rt::bundle::Manifest &mr = ref->manifest(), &mc = cpu->manifest();
  ASSERT_EQ(mr.regionBytes[0], mc.regionBytes[0]) << "state regions differ";
  EXPECT_EQ(ref->initialState(), cpu->initialState()) << "initial weights differ";

  rt::data::Dataset ds = dlc::test::randomBatch(mr, 7);
  auto batcher = rt::data::Batcher::create(ds, mr.batchSize);
  ASSERT_TRUE(batcher.ok());
  auto batch = batcher->batch(rt::data::identityOrder(ds.numSamples), 0);
  ASSERT_TRUE(batch.ok());

  auto sr = rt::train::Session::open(ref, 7);
  auto sc = rt::train::Session::open(cpu, 7);
  ASSERT_TRUE(sr.ok()) << sr.status().message();
  ASSERT_TRUE(sc.ok()) << sc.status().message();

  // Forward: the probabilities of @predict.
  auto pr = (*sr)->predict(ds);
  auto pc = (*sc)->predict(ds);
  ASSERT_TRUE(pr.ok() && pc.ok());
  ASSERT_EQ(pr->size(), pc->size());
  for (size_t row = 0; row < pr->size(); ++row)
    EXPECT_LE(relativeError((*pc)[row].data(), (*pr)[row].data(), int64_t((*pr)[row].size())),
              kTolerance)
        << "predict row " << row;

  // One training step: the loss, then every parameter (p − gradient).
  auto lr = (*sr)->trainStep(*batch);
  auto lc = (*sc)->trainStep(*batch);
  ASSERT_TRUE(lr.ok()) << lr.status().message();
  ASSERT_TRUE(lc.ok()) << lc.status().message();
  EXPECT_LE(std::fabs(lc->loss - lr->loss), kTolerance * std::fabs(lr->loss))
      << "loss cpu " << lc->loss << " cpu-ref " << lr->loss;
  EXPECT_EQ(lc->correct, lr->correct);

  std::string_view stateRef = (*sr)->executor().state();
  std::string_view stateCpu = (*sc)->executor().state();
  int params = 0;
  for (int index : mr.tensorsWithRole(rt::bundle::Role::Param)) {
    const rt::bundle::TensorDesc &t = mr.tensors[size_t(index)];
    const auto *a = reinterpret_cast<const float *>(stateCpu.data() + t.offset);
    const auto *b = reinterpret_cast<const float *>(stateRef.data() + t.offset);
    // The gradient itself: initial value minus the updated one.
    const auto *p0 = reinterpret_cast<const float *>(ref->initialState().data() + t.offset);
    std::vector<float> gc(size_t(t.numElements())), gr(size_t(t.numElements()));
    for (int64_t i = 0; i < t.numElements(); ++i) {
      gc[size_t(i)] = p0[i] - a[i];
      gr[size_t(i)] = p0[i] - b[i];
    }
    EXPECT_LE(relativeError(gc.data(), gr.data(), t.numElements()), kTolerance)
        << "gradient of " << t.name;
    ++params;
  }
  EXPECT_GT(params, 0);
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

  auto refused = [&](std::string bytes) {
    return rt::exec::Executor::create(m, 7, bytes).status();
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
  std::string intact(code);
  EXPECT_TRUE(rt::exec::Executor::create(m, 7, intact).ok());
}

} // namespace
