// Two bundles of one case run side by side on the same random batch: the
// forward outputs (@predict), the loss, and the parameters after one
// SGD(lr 1) step — that is, the gradients — must agree. The metric, per
// tensor: max |test − ref| / max |ref| (the relative error of the tensor as
// a whole, so an element near zero among large ones does not count as a
// large relative error).
#ifndef DLC_TEST_UNIT_CODEGEN_AGREEMENT_H
#define DLC_TEST_UNIT_CODEGEN_AGREEMENT_H

#include "test/unit/codegen/OpCases.h"

namespace dlc::test {

/// Adds a test failure for each tensor of `test` further than `tolerance`
/// from `ref`'s (0: bit-identical).
void expectAgreement(std::shared_ptr<const rt::bundle::Bundle> ref,
                     std::shared_ptr<const rt::bundle::Bundle> test, double tolerance);

} // namespace dlc::test

#endif // DLC_TEST_UNIT_CODEGEN_AGREEMENT_H
