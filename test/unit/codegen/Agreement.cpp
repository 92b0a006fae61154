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

/// The comparison itself (ASSERTs return from here), filling `measured`.
void compare(const std::shared_ptr<const rt::bundle::Bundle> &ref,
             const std::shared_ptr<const rt::bundle::Bundle> &test,
             const Tolerances &tolerances, Measured &measured) {
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
  for (size_t row = 0; row < pr->size(); ++row) {
    double e = relativeError((*pc)[row].data(), (*pr)[row].data(), int64_t((*pr)[row].size()));
    measured.forward = std::max(measured.forward, e);
    EXPECT_LE(e, tolerances.forward) << "predict row " << row;
  }

  // One training step: the loss, then every parameter (p − gradient).
  auto lr = (*sr)->trainStep(*batch);
  auto lc = (*sc)->trainStep(*batch);
  ASSERT_TRUE(lr.ok()) << lr.status().message();
  ASSERT_TRUE(lc.ok()) << lc.status().message();
  measured.loss = std::fabs(lc->loss - lr->loss) / std::fabs(lr->loss);
  EXPECT_LE(measured.loss, tolerances.loss)
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
    double e = relativeError(gc.data(), gr.data(), t.numElements());
    measured.gradient = std::max(measured.gradient, e);
    EXPECT_LE(e, tolerances.gradient) << "gradient of " << t.name;
    ++params;
  }
  EXPECT_GT(params, 0);
}

} // namespace

Measured expectAgreement(std::shared_ptr<const rt::bundle::Bundle> ref,
                         std::shared_ptr<const rt::bundle::Bundle> test,
                         const Tolerances &tolerances) {
  Measured measured;
  if (!ref || !test)
    ADD_FAILURE() << "a bundle did not compile";
  else
    compare(ref, test, tolerances, measured);
  return measured;
}

} // namespace dlc::test
