// Ops built through the C++ API infer the result types worked out by hand.
#include "ir/DlcOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace dlc;

namespace {
class OpBuild : public ::testing::Test {
protected:
  OpBuild() : builder(&context) {
    context.loadDialect<DlcDialect>();
    module = ModuleOp::create(builder.getUnknownLoc());
    builder.setInsertionPointToEnd(module->getBody());
  }
  /// A block argument of the given shape to feed ops with.
  Value arg(ArrayRef<int64_t> shape, Type elt = {}) {
    if (!block) {
      block = new Block();
      module->getBodyRegion().push_back(block); // scratch block, never printed
    }
    return block->addArgument(
        RankedTensorType::get(shape, elt ? elt : builder.getF32Type()),
        builder.getUnknownLoc());
  }
  ArrayRef<int64_t> shapeOf(Value v) {
    return cast<RankedTensorType>(v.getType()).getShape();
  }

  MLIRContext context;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
  Block *block = nullptr;
};
} // namespace

TEST_F(OpBuild, DenseOverLastAxis) {
  auto loc = builder.getUnknownLoc();
  Value y = builder.create<DenseOp>(loc, arg({128, 784}), arg({784, 512}),
                                    arg({512}));
  EXPECT_EQ(shapeOf(y), ArrayRef<int64_t>({128, 512}));
  Value z = builder.create<DenseOp>(loc, arg({8, 5, 16}), arg({16, 3}), Value());
  EXPECT_EQ(shapeOf(z), ArrayRef<int64_t>({8, 5, 3}));
}

TEST_F(OpBuild, Conv2DSameStride2AndValidDilated) {
  auto loc = builder.getUnknownLoc();
  Value y = builder.create<Conv2DOp>(
      loc, arg({32, 32, 32, 3}), arg({3, 3, 3, 32}), arg({32}), Padding::same,
      builder.getDenseI64ArrayAttr({2, 2}), builder.getDenseI64ArrayAttr({1, 1}));
  EXPECT_EQ(shapeOf(y), ArrayRef<int64_t>({32, 16, 16, 32}));
  Value z = builder.create<Conv2DOp>(
      loc, arg({1, 9, 10, 2}), arg({3, 2, 2, 4}), Value(), Padding::valid,
      builder.getDenseI64ArrayAttr({1, 2}), builder.getDenseI64ArrayAttr({2, 1}));
  // height: eff 5 -> 9-5+1 = 5; width: eff 2, stride 2 -> (10-2)/2+1 = 5.
  EXPECT_EQ(shapeOf(z), ArrayRef<int64_t>({1, 5, 5, 4}));
}

TEST_F(OpBuild, RecurrentLayers) {
  auto loc = builder.getUnknownLoc();
  Value h = builder.create<LSTMOp>(loc, arg({32, 28, 1}), arg({1, 512}),
                                   arg({128, 512}), arg({512}));
  EXPECT_EQ(shapeOf(h), ArrayRef<int64_t>({32, 128}));
  auto seq = builder.create<GRUOp>(
      loc, arg({8, 10, 4}), arg({4, 24}), arg({8, 24}), arg({2, 24}),
      Activation::tanh, Activation::sigmoid, /*return_sequences=*/true,
      /*go_backwards=*/false, /*reset_after=*/true);
  EXPECT_EQ(shapeOf(seq), ArrayRef<int64_t>({8, 10, 8}));
}

TEST_F(OpBuild, VerifierRejectsMisfitWithPreciseMessage) {
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    message += d.str() + "\n";
    return success();
  });
  auto loc = builder.getUnknownLoc();
  auto type = RankedTensorType::get({128, 10}, builder.getF32Type());
  // Explicit (wrong) result type: the verifier must re-infer and reject.
  auto op = builder.create<DenseOp>(loc, type, arg({128, 784}), arg({700, 10}),
                                    Value());
  EXPECT_TRUE(failed(verify(op)));
  EXPECT_NE(message.find("kernel has 700 input rows but the input has 784 "
                         "features"),
            std::string::npos)
      << message;
}
