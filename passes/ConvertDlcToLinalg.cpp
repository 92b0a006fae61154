// convert-dlc-to-linalg: every dlc op becomes linalg/tensor/arith/math/scf on tensors.
#include "passes/Passes.h"
#include "passes/TrainingFunctions.h"
#include "passes/linalg/Lowering.h"

#include "ir/DlcOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace dlc {
#define GEN_PASS_DEF_CONVERTDLCTOLINALG
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;

namespace {

struct ConvertDlcToLinalg
    : dlc::impl::ConvertDlcToLinalgBase<ConvertDlcToLinalg> {
  using Base::Base;

  /// The mutable `memref<i64>` global the dropout masks read their key
  /// from, declared once (an existing one must have that type).
  LogicalResult declareSeedGlobal(Operation *root) {
    auto module = dyn_cast<ModuleOp>(root);
    if (auto existing = module.lookupSymbol(seedSymbol)) {
      auto global = dyn_cast<memref::GlobalOp>(existing);
      if (!global || global.getConstant() ||
          global.getType() != MemRefType::get({}, IntegerType::get(&getContext(), 64)))
        return existing->emitError()
               << "convert-dlc-to-linalg: seed-symbol '" << seedSymbol
               << "' names something other than a mutable memref<i64> global";
      return success();
    }
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    auto type = MemRefType::get({}, b.getI64Type());
    b.create<memref::GlobalOp>(module.getLoc(), seedSymbol,
                               b.getStringAttr("public"), type,
                               b.getZeroAttr(RankedTensorType::get({}, b.getI64Type())),
                               /*constant=*/false, /*alignment=*/IntegerAttr());
    return success();
  }

  void runOnOperation() override {
    Operation *root = getOperation();
    // time_distributed bodies become one batched application first (the
    // dlc-flatten-time-distributed rewrite, which names any op it refuses).
    if (failed(dlc::flattenTimeDistributed(root)))
      return signalPassFailure();
    // Shapes are checked before anything is rewritten, so a target never
    // gets a half-converted function.
    bool refused = false;
    root->walk([&](Operation *op) {
      if (!isa<dlc::DlcDialect>(op->getDialect()))
        return;
      if (auto dropout = dyn_cast<dlc::DropoutOp>(op);
          dropout && dropout.getStep() && dropout.getSeed() >= (1u << 28)) {
        op->emitError() << "convert-dlc-to-linalg: dlc.dropout seed "
                        << dropout.getSeed()
                        << " does not fit in the 28 bits below the Philox "
                           "stream id";
        refused = true;
      } else if (!llvm::all_of(op->getOperandTypes(), [](Type t) {
                   auto rt = dyn_cast<RankedTensorType>(t);
                   return !rt || rt.hasStaticShape();
                 }) ||
                 !llvm::all_of(op->getResultTypes(), [](Type t) {
                   auto rt = dyn_cast<RankedTensorType>(t);
                   return !rt || rt.hasStaticShape();
                 })) {
        op->emitError() << "convert-dlc-to-linalg: " << op->getName()
                        << " has a dynamic shape; the lowering needs static "
                           "shapes (compile for one batch size)";
        refused = true;
      }
    });
    if (refused)
      return signalPassFailure();

    dlc::linalg_lowering::LoweringOptions options;
    options.runSeed = runSeed;
    options.seedSymbol = seedSymbol;
    options.parallelChunks = parallelChunks;
    options.scatterAsReduction = scatterAsReduction;
    if (!seedSymbol.empty())
      if (failed(declareSeedGlobal(root)))
        return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    dlc::linalg_lowering::populateNNLoweringPatterns(patterns, options);
    dlc::linalg_lowering::populateShapeLoweringPatterns(patterns);
    dlc::linalg_lowering::populateRNNLoweringPatterns(patterns, options);
    dlc::linalg_lowering::populateGradLoweringPatterns(patterns, options);
    dlc::linalg_lowering::populateTrainLoweringPatterns(patterns, options);

    ConversionTarget target(getContext());
    target.addIllegalDialect<dlc::DlcDialect>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect,
                           scf::SCFDialect, cf::ControlFlowDialect,
                           memref::MemRefDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(root, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
