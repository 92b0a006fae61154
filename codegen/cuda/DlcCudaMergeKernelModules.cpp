// dlc-cuda-merge-kernel-modules: every outlined kernel in one gpu.module, named
// after the function that launches it and the dlc op it computes.
#include "codegen/cuda/Passes.h"
#include "codegen/cuda/Payload.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace dlc::cuda {
#define GEN_PASS_DEF_DLCCUDAMERGEKERNELMODULES
#include "codegen/cuda/Passes.h.inc"
} // namespace dlc::cuda

using namespace mlir;

namespace {

/// The dlc op a kernel computes, from its location (the layer name and op
/// the lowering kept), as an identifier fragment.
std::string opNameOf(Location loc) {
  std::string name = dlc::cuda::locationName(loc);
  std::string clean;
  for (char c : name)
    clean += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return clean.empty() ? "op" : clean;
}

struct MergeKernelModules
    : dlc::cuda::impl::DlcCudaMergeKernelModulesBase<MergeKernelModules> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> modules(module.getOps<gpu::GPUModuleOp>());
    if (modules.empty())
      return;
    OpBuilder b(modules.front());
    auto merged = b.create<gpu::GPUModuleOp>(module.getLoc(), "dlc_kernels");
    SymbolTable mergedSymbols(merged);
    // Kernels by (old module, old name), and the launches to repoint.
    llvm::DenseMap<std::pair<StringAttr, StringAttr>, StringAttr> renamed;
    llvm::StringMap<unsigned> perFunction;
    module.walk([&](gpu::LaunchFuncOp launch) {
      auto key = std::make_pair(launch.getKernelModuleName(), launch.getKernelName());
      if (renamed.count(key))
        return;
      auto func = launch->getParentOfType<func::FuncOp>();
      std::string owner = func ? func.getSymName().str() : "kernel";
      unsigned n = perFunction[owner]++;
      auto gpuModule = module.lookupSymbol<gpu::GPUModuleOp>(key.first);
      auto kernel = gpuModule.lookupSymbol<gpu::GPUFuncOp>(key.second);
      std::string name = owner + "_" + std::to_string(n) + "_" + opNameOf(kernel.getLoc());
      renamed[key] = StringAttr::get(&getContext(), name);
    });
    for (gpu::GPUModuleOp old : modules) {
      for (Operation &op : llvm::make_early_inc_range(old.getBody()->getOperations())) {
        if (isa<gpu::ModuleEndOp>(op))
          continue;
        auto symbol = dyn_cast<SymbolOpInterface>(op);
        if (auto kernel = dyn_cast<gpu::GPUFuncOp>(op)) {
          auto it = renamed.find({old.getNameAttr(), kernel.getNameAttr()});
          if (it == renamed.end()) {
            op.erase(); // launched by nobody
            continue;
          }
          op.moveBefore(merged.getBody()->getTerminator());
          kernel.setName(it->second);
          continue;
        }
        // A global (the run seed, the error word): one copy.
        if (symbol && mergedSymbols.lookup(symbol.getName())) {
          op.erase();
          continue;
        }
        op.moveBefore(merged.getBody()->getTerminator());
        if (symbol)
          mergedSymbols.insert(&op);
      }
      old.erase();
    }
    module.walk([&](gpu::LaunchFuncOp launch) {
      StringAttr name = renamed.lookup({launch.getKernelModuleName(), launch.getKernelName()});
      launch.setKernelAttr(SymbolRefAttr::get(merged.getNameAttr(),
                                              {FlatSymbolRefAttr::get(name)}));
    });
  }
};
} // namespace
