//===- Passes.td - every dlc pass, grouped by pipeline stage -*- tablegen -*-===//

#ifndef DLC_PASSES_PASSES_TD
#define DLC_PASSES_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Graph clean-up
//===----------------------------------------------------------------------===//

def DlcStripDropout : Pass<"dlc-strip-dropout", "mlir::func::FuncOp"> {
  let summary = "Replace every dlc.dropout by its input, for inference functions";
  let description = [{
    Dropout is the identity at inference. The `predict` and `eval_step`
    functions are built from the forward graph with this pass, so no target
    has to know whether a dropout runs in training or not.

    ```mlir
    %y = dlc.dropout %x {rate = 5.0e-01 : f64} : tensor<8x128xf32>
    %z = dlc.activation relu(%y) : tensor<8x128xf32>
    // becomes
    %z = dlc.activation relu(%x) : tensor<8x128xf32>
    ```
  }];
  let dependentDialects = ["::dlc::DlcDialect"];
}

#endif // DLC_PASSES_PASSES_TD
