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

def DlcFlattenTimeDistributed : Pass<"dlc-flatten-time-distributed", "mlir::func::FuncOp"> {
  let summary = "Rewrite dlc.time_distributed as one batched application of its body";
  let description = [{
    Every dlc op treats axis 0 as a batch of independent samples, so applying
    a body to each of the T steps of `[N, T, d...]` equals applying it once
    to the `[N * T, d...]` reshape and reshaping the result back to
    `[N, T, e...]`. The rewrite removes the region (so the autodiff pass and
    every target see only plain ops) and gives the body one large batch.
    Bodies whose ops mix the batch axis (softmax or concatenate along axis 0,
    reduce_sum over it) are refused with an error naming the op.

    ```mlir
    %r = dlc.time_distributed %x : tensor<32x28x28x1xf32> -> tensor<32x28x128xf32> {
    ^bb0(%row: tensor<32x28x1xf32>):
      %h = dlc.lstm %row, %k, %rk, %b : (...) -> tensor<32x128xf32>
      dlc.yield %h : tensor<32x128xf32>
    }
    // becomes
    %f = dlc.reshape %x {shape = array<i64: 896, 28, 1>} : tensor<32x28x28x1xf32> -> tensor<896x28x1xf32>
    %h = dlc.lstm %f, %k, %rk, %b : (...) -> tensor<896x128xf32>
    %r = dlc.reshape %h {shape = array<i64: 32, 28, 128>} : tensor<896x128xf32> -> tensor<32x28x128xf32>
    ```
  }];
  let dependentDialects = ["::dlc::DlcDialect"];
}

//===----------------------------------------------------------------------===//
// Training
//===----------------------------------------------------------------------===//

def DlcBuildTrainStep : Pass<"dlc-build-train-step", "mlir::ModuleOp"> {
  let summary = "Build @train_step (forward, loss, backward, optimizer) from @forward";
  let description = [{
    Reads `@forward` and the module's `dlc.training` settings (loss and
    optimizer) and adds

    ```
    func.func @train_step(params..., slots..., %iterations: tensor<i64>,
                          inputs..., %labels) -> (new params..., new slots...,
                                                  loss: tensor<f32>, correct: tensor<i64>)
    ```

    The forward ops are copied with every `dlc.dropout` given the step
    (`%iterations`), so masks change per step and are the same on every
    target; `dlc.time_distributed` is flattened first. The loss is Keras'
    categorical cross-entropy of the forward result; the backward ops come
    from each op's gradient rule (`GradientOpInterface`, `ir/gradients/`),
    applied in reverse order, with gradients of values used more than once
    summed by `dlc.add`. Each parameter is then updated by the optimizer op
    (`dlc.sgd_update`, `dlc.rmsprop_update`, `dlc.adadelta_update`,
    `dlc.adam_update`) with Keras 2.0.8 semantics; its slots are arguments
    and results next to the parameters (`dlc.slot = "<param>/<slot>"`).
    The caller counts `%iterations` up after each step.
  }];
  let dependentDialects = ["::dlc::DlcDialect", "::mlir::func::FuncDialect"];
}

def DlcBuildInference : Pass<"dlc-build-inference", "mlir::ModuleOp"> {
  let summary = "Build @eval_step and @predict from @forward";
  let description = [{
    Adds `@predict(inputs...) -> probabilities` (the forward function with
    dropout removed) and `@eval_step(inputs..., %labels) -> (loss, correct)`
    (the same, followed by the loss and accuracy of `dlc-build-train-step`).
    Both take the parameters first, as `@forward` does.
  }];
  let dependentDialects = ["::dlc::DlcDialect", "::mlir::func::FuncDialect"];
}

#endif // DLC_PASSES_PASSES_TD
