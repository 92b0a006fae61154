// Running two bundles of one case side by side (see Agreement.h).
#include "test/unit/codegen/Agreement.h"

#include "runtime/train/Session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace rt = dlc::rt;

namespace dlc::test {
namespace {

/// max |a − b| / max |b| over `n` floats.
double relativeError(const float *a, const float *b, int64_t n) {
  double diff = 0, scale = 0;
  for (int64_t i = 0; i < n; ++i) {
    diff = std::max(diff, std::fabs(double(a[i]) - double(b[i])));
    scale = std::max(scale, std::fabs(double(b[i])));
  }
  return scale > 0 ? diff / scale : diff;
}

} // namespace

void expectAgreement(std::shared_ptr<const rt::bundle::Bundle> ref,
                     std::shared_ptr<const rt::bundle::Bundle> test, double tolerance) {
  ASSERT_TRUE(ref && test);
  const rt::bundle::Manifest &mr = ref->manifest(), &mc = test->manifest();
  ASSERT_EQ(mr.regionBytes[0], mc.regionBytes[0]) << "state regions differ";
  EXPECT_EQ(ref->initialState(), test->initialState()) << "initial weights differ";

  rt::data::Dataset ds = randomBatch(mr, 7);
  auto batcher = rt::data::Batcher::create(ds, mr.batchSize);
  ASSERT_TRUE(batcher.ok());
  auto batch = batcher->batch(rt::data::identityOrder(ds.numSamples), 0);
  ASSERT_TRUE(batch.ok());

  auto sr = rt::train::Session::open(ref, 7);
  auto sc = rt::train::Session::open(test, 7);
  ASSERT_TRUE(sr.ok()) << sr.status().message();
  ASSERT_TRUE(sc.ok()) << sc.status().message();
  // Forward: the probabilities of @predict.
  auto pr = (*sr)->predict(ds);
  auto pc = (*sc)->predict(ds);
  ASSERT_TRUE(pr.ok() && pc.ok());
  ASSERT_EQ(pr->size(), pc->size());
  for (size_t row = 0; row < pr->size(); ++row)
    EXPECT_LE(relativeError((*pc)[row].data(), (*pr)[row].data(), int64_t((*pr)[row].size())),
              tolerance)
        << "predict row " << row;

  // One training step: the loss, then every parameter (p − gradient).
  auto lr = (*sr)->trainStep(*batch);
  auto lc = (*sc)->trainStep(*batch);
  ASSERT_TRUE(lr.ok()) << lr.status().message();
  ASSERT_TRUE(lc.ok()) << lc.status().message();
  EXPECT_LE(std::fabs(lc->loss - lr->loss), tolerance * std::fabs(lr->loss))
      << "loss " << lc->loss << " against " << lr->loss;
  EXPECT_EQ(lc->correct, lr->correct);

  auto stateRefBytes = (*sr)->state(), stateCpuBytes = (*sc)->state();
  ASSERT_TRUE(stateRefBytes.ok() && stateCpuBytes.ok());
  std::string_view stateRef = *stateRefBytes, stateCpu = *stateCpuBytes;
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
    EXPECT_LE(relativeError(gc.data(), gr.data(), t.numElements()), tolerance)
        << "gradient of " << t.name;
    ++params;
  }
  EXPECT_GT(params, 0);
}

} // namespace dlc::test
