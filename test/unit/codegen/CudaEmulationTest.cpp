// The cuda-ptx target's kernels without a GPU: every case of OpCases.h goes
// through the CUDA lowering (dlc-cuda-to-linalg, then dlc-cuda-to-kernels with
// the kernels emulated as host loops over blocks and threads: the same schedules,
// tiles, index arithmetic, split-K partial sums and reduction trees), then the
// cpu target's code generation, and must agree with cpu-ref: forward outputs,
// loss and every parameter gradient (Agreement.h's measure; the kernels sum in
// their own order, so by tolerance).
#include "test/unit/codegen/Agreement.h"
#include "test/unit/codegen/OpCases.h"

#include "codegen/cpu/CpuTarget.h"
#include "codegen/cuda/CudaPipeline.h"

#include <gtest/gtest.h>

using dlc::test::Case;

namespace {


const dlc::Target &emulation() {
  static const std::unique_ptr<dlc::Target> target =
      dlc::createCpuTargetWithLinalgStage([](mlir::OpPassManager &pm) {
        dlc::cuda::buildToLinalgPipeline(pm);
        dlc::cuda::buildToKernelsPipeline(pm, /*emulate=*/true);
      });
  return *target;
}

class CudaEmulation : public ::testing::TestWithParam<Case> {};

TEST_P(CudaEmulation, KernelsMatchCpuRef) {
  const Case &c = GetParam();
  dlc::test::expectAgreement(dlc::test::compileCase(c, "cpu-ref"),
                             dlc::test::compileCase(c, emulation()));
}

INSTANTIATE_TEST_SUITE_P(OpCases, CudaEmulation, ::testing::ValuesIn(dlc::test::opCases()),
                         [](const ::testing::TestParamInfo<Case> &info) {
                           return std::string(info.param.name);
                         });

/// Shapes large enough for every schedule: block tiles with partial edges,
/// split K (few tiles, long K: many splits), block reductions (a bias
/// gradient over thousands of pixels), next to the thread-per-output ones.
const std::vector<Case> &scheduleCases() {
  static const std::vector<Case> cases = {
      {"tiles_with_edges", R"(
  func.func @forward(%x: tensor<70x100xf32> {dlc.input = "x"}, %w1: tensor<100x80xf32> PARAM("d1/kernel"),
                     %b1: tensor<80xf32> PARAM("d1/bias"), %w2: tensor<80x10xf32> PARAM("d2/kernel")) -> tensor<70x10xf32> {
    %h = dlc.dense %x, %w1, %b1 : (tensor<70x100xf32>, tensor<100x80xf32>, tensor<80xf32>) -> tensor<70x80xf32>
    %r = dlc.activation relu(%h) : tensor<70x80xf32>
    %y = dlc.dense %r, %w2 : (tensor<70x80xf32>, tensor<80x10xf32>) -> tensor<70x10xf32>
    %p = dlc.softmax %y : tensor<70x10xf32>
    return %p : tensor<70x10xf32>
  })"},
      {"split_k", R"(
  func.func @forward(%x: tensor<8x600xf32> {dlc.input = "x"}, %w1: tensor<600x40xf32> PARAM("d1/kernel"),
                     %w2: tensor<40x5xf32> PARAM("d2/kernel")) -> tensor<8x5xf32> {
    %h = dlc.dense %x, %w1 : (tensor<8x600xf32>, tensor<600x40xf32>) -> tensor<8x40xf32>
    %t = dlc.activation tanh(%h) : tensor<8x40xf32>
    %y = dlc.dense %t, %w2 : (tensor<8x40xf32>, tensor<40x5xf32>) -> tensor<8x5xf32>
    %p = dlc.softmax %y : tensor<8x5xf32>
    return %p : tensor<8x5xf32>
  })"},
      {"conv_reductions", R"(
  func.func @forward(%x: tensor<2x40x40x8xf32> {dlc.input = "x"}, %f: tensor<3x3x8x16xf32> PARAM("c/kernel"),
                     %b: tensor<16xf32> PARAM("c/bias"), %w: tensor<5776x3xf32> PARAM("d/kernel")) -> tensor<2x3xf32> {
    %c = dlc.conv2d %x, %f, %b padding(valid) : (tensor<2x40x40x8xf32>, tensor<3x3x8x16xf32>, tensor<16xf32>) -> tensor<2x38x38x16xf32>
    %r = dlc.activation relu(%c) : tensor<2x38x38x16xf32>
    %m = dlc.max_pool2d %r padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x38x38x16xf32> -> tensor<2x19x19x16xf32>
    %v = dlc.flatten %m : tensor<2x19x19x16xf32> -> tensor<2x5776xf32>
    %y = dlc.dense %v, %w : (tensor<2x5776xf32>, tensor<5776x3xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %y : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  })"},
  };
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Schedules, CudaEmulation, ::testing::ValuesIn(scheduleCases()),
                         [](const ::testing::TestParamInfo<Case> &info) {
                           return std::string(info.param.name);
                         });

} // namespace
