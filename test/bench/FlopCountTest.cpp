// The compiler's FLOP count (passes/FlopCount.h) against hand-computed counts:
// mnist_mlp's whole train step, and single conv, pooling and LSTM ops.
#include "passes/FlopCount.h"

#include "codegen/Target.h"
#include "frontend/KerasImporter.h"
#include "ir/DlcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {
std::unique_ptr<MLIRContext> makeContext() {
  DialectRegistry registry;
  registry.insert<dlc::DlcDialect, func::FuncDialect>();
  auto context = std::make_unique<MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

/// The FLOPs of @f in `text`.
int64_t flopsOf(const std::string &text) {
  auto context = makeContext();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, context.get());
  EXPECT_TRUE(module);
  if (!module)
    return -1;
  return dlc::countFlops(module->lookupSymbol<func::FuncOp>("f")).total;
}

TEST(FlopCount, MnistMlpTrainStep) {
  auto context = makeContext();
  OwningOpRef<ModuleOp> module = dlc::importKerasModel(
      DLC_SOURCE_DIR "/models/mnist_mlp.yaml", *context, dlc::ImportOptions());
  ASSERT_TRUE(module);
  PassManager pm(context.get());
  dlc::lookupTarget("cpu-ref")->buildTrainingStage(pm, {});
  ASSERT_TRUE(succeeded(pm.run(*module)));

  // Dense 784-512-relu, dropout, 512-512-relu, dropout, 10-softmax; batch 128;
  // RMSprop; categorical cross-entropy.
  const int64_t b = 128;
  const int64_t products = 784 * 512 + 512 * 512 + 512 * 10; // K*N of the 3 layers
  const int64_t biases = 512 + 512 + 10;
  const int64_t params = products + biases;
  const int64_t forward = 2 * b * products + b * biases;     // dense + bias
  const int64_t gradKernel = 2 * b * products;                // x^T . dy
  const int64_t gradInput = 2 * b * (512 * 512 + 512 * 10);   // dy . W^T, not for the images
  const int64_t elementwise = 2 * b * 512 * 2                 // relu and its gradient
                              + 4 * b * 512                   // dropout, forward and back
                              + 2 * 3 * b * 10                // softmax and its gradient
                              + 2 * b * 10 + b * 10 + b * 10  // loss, its gradient, accuracy
                              + b * biases;                   // bias gradients (reduce_sum)
  const int64_t optimizer = 9 * params;                       // RMSprop
  // Forward 2*128*(784*512+512*512+512*10) = 171,180,032 of them.
  EXPECT_EQ(2 * b * products, 171180032);

  dlc::FlopCount count =
      dlc::countFlops(module->lookupSymbol<func::FuncOp>("train_step"));
  EXPECT_EQ(count.byOp["dense"], forward);
  EXPECT_EQ(count.byOp["dense_grad_kernel"], gradKernel);
  EXPECT_EQ(count.byOp["dense_grad_input"], gradInput);
  EXPECT_EQ(count.byOp["rmsprop_update"], optimizer);
  EXPECT_EQ(count.total, forward + gradKernel + gradInput + elementwise + optimizer);
  EXPECT_EQ(count.total, 417608794);

  // eval_step: the forward pass (no dropout), loss and accuracy.
  dlc::FlopCount eval = dlc::countFlops(module->lookupSymbol<func::FuncOp>("eval_step"));
  EXPECT_EQ(eval.byOp["dense"], forward);
}

TEST(FlopCount, Conv2DAndGradients) {
  // 2*N*Ho*Wo*KH*KW*C*F (+ N*Ho*Wo*F bias) forward; the same product per gradient.
  const int64_t conv = 2LL * 8 * 26 * 26 * 3 * 3 * 4 * 32;
  EXPECT_EQ(flopsOf(R"(
    func.func @f(%x: tensor<8x28x28x4xf32>, %w: tensor<3x3x4x32xf32>, %b: tensor<32xf32>,
                 %dy: tensor<8x26x26x32xf32>) -> (tensor<8x26x26x32xf32>, tensor<8x28x28x4xf32>, tensor<3x3x4x32xf32>) {
      %y = dlc.conv2d %x, %w, %b padding(valid)
          : (tensor<8x28x28x4xf32>, tensor<3x3x4x32xf32>, tensor<32xf32>) -> tensor<8x26x26x32xf32>
      %dx = dlc.conv2d_grad_input %x, %w, %dy padding(valid)
          : (tensor<8x28x28x4xf32>, tensor<3x3x4x32xf32>, tensor<8x26x26x32xf32>) -> tensor<8x28x28x4xf32>
      %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(valid)
          : (tensor<8x28x28x4xf32>, tensor<3x3x4x32xf32>, tensor<8x26x26x32xf32>) -> tensor<3x3x4x32xf32>
      return %y, %dx, %dw : tensor<8x26x26x32xf32>, tensor<8x28x28x4xf32>, tensor<3x3x4x32xf32>
    })"),
            3 * conv + 8 * 26 * 26 * 32);
}

TEST(FlopCount, MaxPool) {
  EXPECT_EQ(flopsOf(R"(
    func.func @f(%x: tensor<8x24x24x64xf32>) -> tensor<8x12x12x64xf32> {
      %y = dlc.max_pool2d %x padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>}
          : tensor<8x24x24x64xf32> -> tensor<8x12x12x64xf32>
      return %y : tensor<8x12x12x64xf32>
    })"),
            8 * 12 * 12 * 64 * 4);
}

TEST(FlopCount, LSTMAndItsGradient) {
  // Per step: 2*N*(F+U)*4U for the gate products, 13*N*U element-wise; T steps.
  const int64_t n = 32, t = 28, f = 16, u = 128;
  const int64_t forward = t * (2 * n * (f + u) * 4 * u + 13 * n * u);
  EXPECT_EQ(flopsOf(R"(
    func.func @f(%x: tensor<32x28x16xf32>, %k: tensor<16x512xf32>, %rk: tensor<128x512xf32>,
                 %b: tensor<512xf32>, %dh: tensor<32x128xf32>) -> tensor<32x128xf32> {
      %h = dlc.lstm %x, %k, %rk, %b : (tensor<32x28x16xf32>, tensor<16x512xf32>,
          tensor<128x512xf32>, tensor<512xf32>) -> tensor<32x128xf32>
      %dx, %dk, %drk, %db = dlc.lstm_grad %dh, %x, %k, %rk, %b
          : (tensor<32x128xf32>, tensor<32x28x16xf32>, tensor<16x512xf32>, tensor<128x512xf32>,
             tensor<512xf32>)
          -> tensor<32x28x16xf32>, tensor<16x512xf32>, tensor<128x512xf32>, tensor<512xf32>
      return %h : tensor<32x128xf32>
    })"),
            3 * forward);
}

TEST(FlopCount, RecordedLSTMPairCountsAsTheUnfusedPair) {
  // dlc-fuse-lstm-step keeps the count: lstm_record as lstm (1x forward),
  // lstm_grad_recorded as lstm_grad (2x), whatever the tape.
  const int64_t n = 32, t = 28, f = 16, u = 128;
  const int64_t forward = t * (2 * n * (f + u) * 4 * u + 13 * n * u);
  EXPECT_EQ(flopsOf(R"(
    func.func @f(%x: tensor<32x28x16xf32>, %k: tensor<16x512xf32>, %rk: tensor<128x512xf32>,
                 %b: tensor<512xf32>, %dh: tensor<32x128xf32>) -> tensor<32x128xf32> {
      %h, %g, %hp, %cp = dlc.lstm_record %x, %k, %rk, %b : (tensor<32x28x16xf32>, tensor<16x512xf32>,
          tensor<128x512xf32>, tensor<512xf32>)
          -> (tensor<32x128xf32>, tensor<32x28x512xf32>, tensor<32x28x128xf32>, tensor<32x28x128xf32>)
      %dx, %dk, %drk, %db = dlc.lstm_grad_recorded %dh, %x, %k, %rk, %b tape(%g, %hp, %cp)
          : (tensor<32x128xf32>, tensor<32x28x16xf32>, tensor<16x512xf32>, tensor<128x512xf32>,
             tensor<512xf32>) tape(tensor<32x28x512xf32>, tensor<32x28x128xf32>, tensor<32x28x128xf32>)
          -> tensor<32x28x16xf32>, tensor<16x512xf32>, tensor<128x512xf32>, tensor<512xf32>
      return %h : tensor<32x128xf32>
    })"),
            3 * forward);
}
} // namespace
