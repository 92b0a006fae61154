// Small @forward functions that together use every op of the dialect with
// its gradient (and edge shapes), compiled for a target like a model file
// would be: the shared cases of the gradient and cross-target tests.
#ifndef DLC_TEST_UNIT_CODEGEN_OPCASES_H
#define DLC_TEST_UNIT_CODEGEN_OPCASES_H

#include "codegen/Target.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/data/Dataset.h"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace dlc::test {

struct Case {
  const char *name;
  const char *forward; // PARAM("name") marks a parameter argument's attributes
};

/// GoogleTest prints a case by its name (in test listings and failures).
inline void PrintTo(const Case &c, std::ostream *os) { *os << c.name; }

/// Every case; `edge` ones (batch 1, odd sizes, even kernels with 'same'
/// padding, stride 2) after the op-coverage ones.
const std::vector<Case> &opCases();

/// The case compiled for `target` with SGD (lr 1, no momentum), so one
/// train_step moves each parameter by exactly minus its gradient; parameters
/// drawn uniformly in [-0.5, 0.5] with seed 7. Null (after a test failure)
/// when it does not compile.
std::shared_ptr<const rt::bundle::Bundle> compileCase(const Case &c,
                                                      const std::string &target,
                                                      const PipelineOptions &pipeline = {});
/// The same for a target the build's list does not hold (a test's own).
std::shared_ptr<const rt::bundle::Bundle> compileCase(const Case &c, const Target &target,
                                                      const PipelineOptions &pipeline = {});

/// One batch of random inputs (ids below `vocabulary` for integer inputs)
/// with random one-hot labels, shaped like the bundle's train_step inputs.
rt::data::Dataset randomBatch(const rt::bundle::Manifest &m, int64_t vocabulary);

} // namespace dlc::test

#endif // DLC_TEST_UNIT_CODEGEN_OPCASES_H
