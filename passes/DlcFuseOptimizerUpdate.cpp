// dlc-fuse-optimizer-update: a function's optimizer updates -> one
// dlc.fused_optimizer_update.
#include "passes/Passes.h"

#include "ir/DlcOps.h"

#include "mlir/IR/Builders.h"

namespace dlc {
#define GEN_PASS_DEF_DLCFUSEOPTIMIZERUPDATE
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;

namespace {

bool isUpdate(Operation *op) {
  return isa<dlc::SGDUpdateOp, dlc::RMSpropUpdateOp, dlc::AdadeltaUpdateOp,
             dlc::AdamUpdateOp>(op);
}

struct FuseOptimizerUpdate
    : dlc::impl::DlcFuseOptimizerUpdateBase<FuseOptimizerUpdate> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.getBody().empty())
      return;
    // The updates of the function's one block, in order.
    Block &block = func.getBody().front();
    SmallVector<Operation *> updates;
    for (Operation &op : block)
      if (isUpdate(&op))
        updates.push_back(&op);
    if (updates.size() < 2)
      return;
    // The group takes the place of the last update: every operand of an
    // update is defined before it. Every other user of an update's result
    // must come after it (a training step returns them).
    Operation *last = updates.back();
    for (Operation *update : updates)
      for (Operation *user : update->getUsers())
        if (!isUpdate(user) && !last->isBeforeInBlock(user))
          return;
    SmallVector<Type> types;
    SmallVector<Value> results;
    for (Operation *update : updates) {
      llvm::append_range(types, update->getResultTypes());
      llvm::append_range(results, update->getResults());
    }
    OpBuilder b(last);
    auto group = b.create<dlc::FusedOptimizerUpdateOp>(last->getLoc(), types);
    Block *body = b.createBlock(&group.getBody());
    for (Operation *update : updates)
      update->moveBefore(body, body->end());
    b.setInsertionPointToEnd(body);
    b.create<dlc::YieldOp>(last->getLoc(), results);
    for (auto [inner, outer] : llvm::zip(results, group.getResults()))
      inner.replaceUsesWithIf(outer, [&](OpOperand &use) {
        return use.getOwner()->getParentOp() != group.getOperation();
      });
  }
};

} // namespace
