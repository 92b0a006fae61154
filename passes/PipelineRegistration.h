// Registering a pass pipeline whose builder can refuse its options with a
// message (MLIR's PassPipelineRegistration cannot: an unknown --fusion name
// must be an error, not a pipeline that silently does less).
#ifndef DLC_PASSES_PIPELINEREGISTRATION_H
#define DLC_PASSES_PIPELINEREGISTRATION_H

#include "mlir/Pass/PassRegistry.h"

#include <functional>

namespace dlc {

template <typename Options>
using CheckedPipelineBuilder = std::function<mlir::LogicalResult(
    mlir::OpPassManager &, const Options &,
    llvm::function_ref<mlir::LogicalResult(const llvm::Twine &)> error)>;

/// Registers pipeline `arg` with options `Options` (a
/// mlir::PassPipelineOptions): `builder` adds the passes, or returns
/// error(message) for options it cannot use.
template <typename Options>
void registerCheckedPipeline(llvm::StringRef arg, llvm::StringRef description,
                             CheckedPipelineBuilder<Options> builder) {
  mlir::registerPassPipeline(
      arg, description,
      [builder](mlir::OpPassManager &pm, llvm::StringRef text,
                llvm::function_ref<mlir::LogicalResult(const llvm::Twine &)> error) {
        Options options;
        if (mlir::failed(options.parseFromString(text)))
          return mlir::failure();
        return builder(pm, options, error);
      },
      [](llvm::function_ref<void(const mlir::detail::PassOptions &)> handler) {
        handler(Options());
      });
}

} // namespace dlc

#endif // DLC_PASSES_PIPELINEREGISTRATION_H
