// dlc-cpu-lower-vectors: vector.contract as outer products (FMAs on whole vector registers), transfers as loads and stores.
#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorTransforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace dlc::cpu {
#define GEN_PASS_DEF_DLCCPULOWERVECTORS
#include "codegen/cpu/Passes.h.inc"
} // namespace dlc::cpu

using namespace mlir;

namespace {

struct LowerVectors : dlc::cpu::impl::DlcCpuLowerVectorsBase<LowerVectors> {
  void runOnOperation() override {
    vector::VectorTransformsOptions options;
    options.setVectorTransformsOptions(vector::VectorContractLowering::OuterProduct);
    // A 16x16 tile of a transpose as shuffles of whole registers.
    options.setVectorTransposeLowering(vector::VectorTransposeLowering::Shuffle16x16);
    RewritePatternSet patterns(&getContext());
    vector::populateVectorContractLoweringPatterns(patterns, options);
    vector::populateVectorOuterProductLoweringPatterns(patterns);
    vector::populateVectorBroadcastLoweringPatterns(patterns);
    vector::populateVectorTransferLoweringPatterns(patterns, /*maxTransferRank=*/1);
    vector::populateVectorShapeCastLoweringPatterns(patterns);
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateVectorTransposeLoweringPatterns(patterns, options);
    vector::populateVectorMultiReductionLoweringPatterns(
        patterns, vector::VectorMultiReductionLowering::InnerParallel);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
