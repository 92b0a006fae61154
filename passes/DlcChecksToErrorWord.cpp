// dlc-checks-to-error-word: cf.assert becomes an atomic store of an error code
// that the runtime reads after each call.
#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

namespace dlc {
#define GEN_PASS_DEF_DLCCHECKSTOERRORWORD
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;

namespace {
struct ChecksToErrorWord : dlc::impl::DlcChecksToErrorWordBase<ChecksToErrorWord> {
  using DlcChecksToErrorWordBase::DlcChecksToErrorWordBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = module.getContext();
    SmallVector<cf::AssertOp> asserts;
    module.walk([&](cf::AssertOp op) { asserts.push_back(op); });
    auto wordType = MemRefType::get({}, IntegerType::get(ctx, 32));
    auto global = module.lookupSymbol<memref::GlobalOp>(symbol);
    if (global && global.getType() != wordType) {
      global.emitError("dlc-checks-to-error-word: @")
          << symbol << " must be a memref<i32>, not " << global.getType();
      return signalPassFailure();
    }
    if (!global) {
      OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
      global = b.create<memref::GlobalOp>(
          module.getLoc(), symbol, /*sym_visibility=*/StringAttr(), wordType,
          DenseElementsAttr::get(RankedTensorType::get({}, b.getI32Type()), int32_t(0)),
          /*constant=*/false, /*alignment=*/nullptr);
    }
    // Codes by message, in the order the checks appear.
    SmallVector<Attribute> messages;
    if (auto old = module->getAttrOfType<ArrayAttr>("dlc.error_messages"))
      messages.assign(old.begin(), old.end());
    auto codeOf = [&](StringRef message) {
      for (auto [i, m] : llvm::enumerate(messages))
        if (cast<StringAttr>(m).getValue() == message)
          return int32_t(i + 1);
      messages.push_back(StringAttr::get(ctx, message));
      return int32_t(messages.size());
    };
    for (cf::AssertOp op : asserts) {
      OpBuilder b(op);
      Location loc = op.getLoc();
      int32_t code = codeOf(op.getMsg());
      Value isTrue = b.create<arith::ConstantIntOp>(loc, 1, 1);
      Value failed = b.create<arith::XOrIOp>(loc, op.getArg(), isTrue);
      b.create<scf::IfOp>(loc, failed, [&](OpBuilder &then, Location l) {
        Value word = then.create<memref::GetGlobalOp>(l, wordType, symbol);
        Value value = then.create<arith::ConstantIntOp>(l, code, 32);
        then.create<memref::AtomicRMWOp>(l, arith::AtomicRMWKind::maxs, value, word,
                                         ValueRange{});
        then.create<scf::YieldOp>(l);
      });
      op.erase();
    }
    module->setAttr("dlc.error_messages", ArrayAttr::get(ctx, messages));
  }
};
} // namespace
