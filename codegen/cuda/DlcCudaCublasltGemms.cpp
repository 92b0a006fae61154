// dlc-cuda-cublaslt-gemms: linalg matrix products become cuBLASLt GEMM calls,
// a zero fill as beta = 0, a bias broadcast and a following relu as the
// epilogue (see Passes.td).
#include "codegen/cuda/LibraryChoice.h"
#include "codegen/cuda/Payload.h"
#include "codegen/cuda/LibraryOps.h"
#include "codegen/cuda/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

namespace dlc::cuda {
#define GEN_PASS_DEF_DLCCUDACUBLASLTGEMMS
#include "codegen/cuda/Passes.h.inc"
} // namespace dlc::cuda

using namespace mlir;

namespace dlc::cuda {
namespace {

bool isZero(Value v) { return matchPattern(v, m_PosZeroFloat()); }

/// The in-place relu a dense layer's lowering puts after its product: a
/// generic without inputs over `value` yielding max(x, 0).
linalg::GenericOp reluOf(Value value) {
  if (!value.hasOneUse())
    return {};
  auto g = dyn_cast<linalg::GenericOp>(*value.getUsers().begin());
  if (!g || g.getNumDpsInputs() != 0 || g.getNumDpsInits() != 1 ||
      g.getDpsInits()[0] != value || g.getNumReductionLoops() != 0 ||
      !g.getIndexingMapsArray()[0].isIdentity())
    return {};
  Block &body = g.getRegion().front();
  if (body.getOperations().size() != 2)
    return {};
  auto max = dyn_cast<arith::MaximumFOp>(body.front());
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (!max || yield.getValues().size() != 1 || yield.getValues()[0] != max.getResult())
    return {};
  Value arg = body.getArgument(0);
  if (!((max.getLhs() == arg && isZero(max.getRhs())) ||
        (max.getRhs() == arg && isZero(max.getLhs()))))
    return {};
  return g;
}

/// A dense layer's bias gradient over `dy`: `db[n] = Σ_m dy[m, n]`, a
/// reduction generic over the rows of `dy` into a zero fill, after
/// `product` in its block. The product, whose `b` is `dy`, can write it with
/// its bgrad epilogue (the sum's users all come after the product).
linalg::GenericOp columnSumOf(Value dy, Operation *product) {
  for (Operation *user : dy.getUsers()) {
    auto g = dyn_cast<linalg::GenericOp>(user);
    if (!g || g->getBlock() != product->getBlock() || !product->isBeforeInBlock(g) ||
        g.getNumDpsInputs() != 1 || g.getNumDpsInits() != 1 || g.getDpsInputs()[0] != dy ||
        g->getNumResults() != 1)
      continue;
    MLIRContext *ctx = g.getContext();
    AffineExpr d0, d1;
    bindDims(ctx, d0, d1);
    SmallVector<AffineMap> maps = g.getIndexingMapsArray();
    if (maps[0] != AffineMap::get(2, 0, {d0, d1}, ctx) ||
        maps[1] != AffineMap::get(2, 0, {d1}, ctx) ||
        g.getIteratorTypesArray() !=
            SmallVector<utils::IteratorType>{utils::IteratorType::reduction,
                                             utils::IteratorType::parallel})
      continue;
    auto fill = g.getDpsInits()[0].getDefiningOp<linalg::FillOp>();
    if (!fill || !isZero(fill.getInputs()[0]))
      continue;
    Block &body = g.getRegion().front();
    if (body.getOperations().size() != 2)
      continue;
    auto add = dyn_cast<arith::AddFOp>(body.front());
    auto yield = cast<linalg::YieldOp>(body.getTerminator());
    if (!add || yield.getValues()[0] != add.getResult())
      continue;
    Value in = body.getArgument(0), out = body.getArgument(1);
    if ((add.getLhs() == in && add.getRhs() == out) || (add.getLhs() == out && add.getRhs() == in))
      return g;
  }
  return {};
}

struct CublasltGemms : impl::DlcCudaCublasltGemmsBase<CublasltGemms> {
  using DlcCudaCublasltGemmsBase::DlcCudaCublasltGemmsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<LibraryPassOptions> options =
        readLibraryPassOptions(module, "dlc-cuda-cublaslt-gemms", policy, tuneCache);
    if (failed(options))
      return signalPassFailure();
    SmallVector<linalg::LinalgOp> products;
    module.walk([&](Operation *op) {
      if (isa<linalg::MatmulOp, linalg::MatmulTransposeAOp, linalg::MatmulTransposeBOp>(op))
        products.push_back(cast<linalg::LinalgOp>(op));
    });
    IRRewriter b(&getContext());
    for (linalg::LinalgOp op : products)
      rewrite(module, b, op, options->policy, options->tuneCache());
  }

  static void rewrite(ModuleOp module, IRRewriter &b, linalg::LinalgOp op, LibraryPolicy policy,
                      const TuneCache *cache) {
    const bool transposeA = isa<linalg::MatmulTransposeAOp>(op);
    const bool transposeB = isa<linalg::MatmulTransposeBOp>(op);
    Value a = op.getDpsInputs()[0], bb = op.getDpsInputs()[1], init = op.getDpsInits()[0];
    auto at = dyn_cast<RankedTensorType>(a.getType());
    auto bt = dyn_cast<RankedTensorType>(bb.getType());
    auto ct = dyn_cast<RankedTensorType>(init.getType());
    const char *form = transposeA ? "Aᵀ·B" : transposeB ? "A·Bᵀ" : "A·B";
    if (!at || !bt || !ct || !at.hasStaticShape() || !bt.hasStaticShape() ||
        !ct.hasStaticShape() || !at.getElementType().isF32() || !bt.getElementType().isF32() ||
        !ct.getElementType().isF32()) {
      recordPath(module, op.getLoc(), std::string("GEMM ") + form + " (not static f32 tensors)",
                 kPathGenerated, "cuBLASLt calls are made for static float32 tensors only");
      return;
    }
    const int64_t m = ct.getDimSize(0), n = ct.getDimSize(1),
                  k = at.getDimSize(transposeA ? 0 : 1);

    // What the product starts from.
    Value c = init, bias;
    bool accumulate = true;
    std::string epilogue = "none";
    if (auto fill = init.getDefiningOp<linalg::FillOp>(); fill && isZero(fill.getInputs()[0])) {
      c = fill.getOutputs()[0];
      accumulate = false;
    } else if (auto bc = init.getDefiningOp<linalg::BroadcastOp>();
               bc && bc.getDimensions() == ArrayRef<int64_t>{0} &&
               cast<ShapedType>(bc.getInput().getType()).getRank() == 1) {
      c = bc.getInit();
      bias = bc.getInput();
      accumulate = false;
      epilogue = "bias";
    }
    linalg::GenericOp relu = accumulate ? linalg::GenericOp() : reluOf(op->getResult(0));
    if (relu)
      epilogue = bias ? "relu_bias" : "relu";
    // A weight gradient xᵀ·dy whose dy is also summed over its rows (the
    // bias gradient): cuBLASLt writes that sum in the same call.
    linalg::GenericOp columnSum;
    if (epilogue == "none" && !accumulate && !transposeB &&
        (columnSum = columnSumOf(bb, op)))
      epilogue = "bgrad";

    // The product and its shapes (a tune cache's key), then how cuBLASLt
    // would take it.
    const std::string key = "GEMM " + std::string(form) + " " + std::to_string(m) + "x" +
                            std::to_string(n) + "x" + std::to_string(k);
    std::string what = key;
    if (epilogue == "bgrad")
      what += " with the bgrad epilogue (the bias gradient, B's column sums, written by the "
              "same call; the plain GEMM and the generated column sum when the device has no "
              "algorithm for it)";
    else if (epilogue != "none")
      what += " with the " + epilogue + " epilogue";
    else if (accumulate)
      what += " accumulating";
    // Whichever path it takes, what it becomes says which op it computes
    // (dlc tune times each op's steps): the product and the ops a library
    // call would take in (its relu, its bias gradient).
    op->setLoc(withOpKey(op.getLoc(), key));
    for (Operation *part : {relu.getOperation(), columnSum.getOperation()})
      if (part)
        part->setLoc(withOpKey(part->getLoc(), key));
    PathChoice choice = chooseGemm(policy, m, n, k);
    if (policy == LibraryPolicy::Default)
      choice = applyTuneCache(cache, locationName(op.getLoc()), key, choice);
    if (!choice.library) {
      // The generated kernel computes the whole expression as lowered.
      recordPath(module, op.getLoc(), key, kPathGenerated, choice.why, key);
      return;
    }
    recordPath(module, op.getLoc(), what, kPathCublasLt, choice.why, key);

    b.setInsertionPoint(op);
    Value biasGrad;
    SmallVector<Type> types = {ct};
    if (columnSum) {
      auto dbType = cast<RankedTensorType>(columnSum->getResult(0).getType());
      biasGrad = b.create<tensor::EmptyOp>(columnSum.getLoc(), dbType.getShape(),
                                           dbType.getElementType());
      types.push_back(dbType);
    }
    auto gemm = b.create<GemmOp>(op.getLoc(), types, a, bb, bias, c, biasGrad,
                                 b.getBoolAttr(transposeA), b.getBoolAttr(transposeB),
                                 b.getBoolAttr(accumulate), b.getStringAttr(epilogue));
    b.replaceOp(op, gemm->getResult(0));
    if (relu)
      b.replaceOp(relu, gemm->getResult(0));
    if (columnSum)
      b.replaceOp(columnSum, gemm->getResult(1));
  }
};

} // namespace
} // namespace dlc::cuda
