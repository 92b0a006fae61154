// Two bundles of one case run side by side on the same random batch: the
// forward outputs (@predict), the loss, and the parameters after one
// SGD(lr 1) step — that is, the gradients — must agree. The metric, per
// tensor: max |test − ref| / max |ref| (the relative error of the tensor as
// a whole, so an element near zero among large ones does not count as a
// large relative error); for the loss |test − ref| / |ref|.
#ifndef DLC_TEST_UNIT_CODEGEN_AGREEMENT_H
#define DLC_TEST_UNIT_CODEGEN_AGREEMENT_H

#include "test/common/RelativeError.h"
#include "test/unit/codegen/OpCases.h"

namespace dlc::test {

/// The agreement rule of every target but the oracle (docs/cpu-target.md,
/// "Agreement with cpu-ref"): forward outputs and the loss within 1e-5,
/// every gradient within 1e-4. No fast kernel sums in the reference
/// kernels' order, so bit-identity is not asked for.
struct Tolerances {
  double forward = 1e-5;
  double loss = 1e-5;
  double gradient = 1e-4;
};

/// The largest errors one comparison measured (for the test's log).
struct Measured {
  double forward = 0, loss = 0, gradient = 0;
};

/// Adds a test failure for each tensor of `test` further from `ref`'s than
/// `tolerances` allow, and returns the largest errors it saw.
Measured expectAgreement(std::shared_ptr<const rt::bundle::Bundle> ref,
                         std::shared_ptr<const rt::bundle::Bundle> test,
                         const Tolerances &tolerances = {});

} // namespace dlc::test

#endif // DLC_TEST_UNIT_CODEGEN_AGREEMENT_H
