// Finite-difference checks of every op's gradient rule through the whole pipeline:
// autodiff pass, cpu-ref bundle, runtime executor and reference kernels.
//
// Each case is a small @forward. It is compiled with SGD (lr 1, no momentum),
// so one train_step moves each parameter by exactly minus its gradient;
// eval_step at parameter +- eps gives the central difference of the same loss.
#include "test/unit/codegen/OpCases.h"

#include "runtime/bundle/BundleReader.h"
#include "runtime/data/Dataset.h"
#include "runtime/train/Session.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

using namespace mlir;
namespace rt = dlc::rt;

namespace {
using dlc::test::Case;

double lossAt(std::shared_ptr<const rt::bundle::Bundle> bundle,
              const std::string &state, const rt::data::Dataset &ds) {
  auto session = rt::train::Session::open(bundle, 7, &state);
  EXPECT_TRUE(session.ok()) << session.status().message();
  auto result = (*session)->evaluate(ds);
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result->loss;
}

void checkGradients(const Case &c, int64_t vocabulary = 7) {
  SCOPED_TRACE(c.name);
  auto bundle = dlc::test::compileCase(c, "cpu-ref");
  ASSERT_TRUE(bundle) << "did not compile";
  const rt::bundle::Manifest &m = bundle->manifest();
  rt::data::Dataset ds = dlc::test::randomBatch(m, vocabulary);
  auto batcher = rt::data::Batcher::create(ds, m.batchSize);
  ASSERT_TRUE(batcher.ok());
  auto batch = batcher->batch(rt::data::identityOrder(ds.numSamples), 0);
  ASSERT_TRUE(batch.ok());

  auto session = rt::train::Session::open(bundle, 7);
  ASSERT_TRUE(session.ok()) << session.status().message();
  const std::string before(*(*session)->state());
  ASSERT_TRUE((*session)->trainStep(*batch).ok());
  const std::string after(*(*session)->state());

  std::mt19937 rng(3);
  int checked = 0;
  for (int index : m.tensorsWithRole(rt::bundle::Role::Param)) {
    const rt::bundle::TensorDesc &t = m.tensors[index];
    std::uniform_int_distribution<int64_t> pick(0, t.numElements() - 1);
    for (int k = 0; k < 3; ++k) {
      int64_t e = pick(rng);
      size_t at = t.offset + e * sizeof(float);
      float p0, p1;
      std::memcpy(&p0, before.data() + at, 4);
      std::memcpy(&p1, after.data() + at, 4);
      double grad = double(p0) - double(p1); // SGD with lr 1: p1 = p0 - g
      const float eps = 5e-3f;
      std::string plus = before, minus = before;
      float up = p0 + eps, down = p0 - eps;
      std::memcpy(plus.data() + at, &up, 4);
      std::memcpy(minus.data() + at, &down, 4);
      double fd = (lossAt(bundle, plus, ds) - lossAt(bundle, minus, ds)) /
                  (double(up) - double(down));
      EXPECT_NEAR(grad, fd, 1e-3 + 0.03 * std::max(std::fabs(fd), std::fabs(grad)))
          << t.name << "[" << e << "]";
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}
} // namespace

class TrainStepGradient : public ::testing::TestWithParam<Case> {};

TEST_P(TrainStepGradient, MatchesFiniteDifferences) { checkGradients(GetParam()); }

INSTANTIATE_TEST_SUITE_P(OpCases, TrainStepGradient, ::testing::ValuesIn(dlc::test::opCases()),
                         [](const ::testing::TestParamInfo<Case> &info) {
                           return std::string(info.param.name);
                         });
