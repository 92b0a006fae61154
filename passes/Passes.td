//===- Passes.td - the passes every target shares, by stage -*- tablegen -*-===//

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
                                                  loss: tensor<f32>, correct: tensor<i64>,
                                                  next iterations: tensor<i64>)
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
    The step ends with `dlc.increment %iterations`, the next step's counter,
    returned with the `dlc.iterations` role (written over the counter), so
    no caller touches the state between steps.
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

//===----------------------------------------------------------------------===//
// Fusion (after training and inference functions are built; passes/
// FusionPipeline.h runs them in this order, `--fusion=` picks them)
//===----------------------------------------------------------------------===//

def DlcFuseDenseBiasAct : Pass<"dlc-fuse-dense-bias-act", "mlir::func::FuncOp"> {
  let summary = "Fuse dlc.dense (with its bias) and the dlc.activation of its result";
  let description = [{
    `dlc.activation kind(dlc.dense x, w, b)` becomes
    `dlc.fused_dense x, w, b activation(kind)` when the product has no use
    but the activation and, in a training step, the activation's gradient.
    That gradient (`dlc.activation_grad relu(z, dy)`) reads the
    pre-activation `z`; for `relu` it reads the activation's result instead,
    since `relu'(relu(z)) = relu'(z)` exactly (`relu(z) > 0` iff `z > 0`), so
    `z` need not be kept and the activation runs in place. Other kinds are
    fused only where nothing else reads `z` (inference functions).

    ```mlir
    %z = dlc.dense %x, %w, %b : (tensor<8x16xf32>, tensor<16x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
    %a = dlc.activation relu(%z) : tensor<8x4xf32>
    %dz = dlc.activation_grad relu(%z, %da) : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
    // becomes
    %a = dlc.fused_dense %x, %w, %b activation(relu) : (tensor<8x16xf32>, tensor<16x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
    %dz = dlc.activation_grad relu(%a, %da) : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
    ```
  }];
  let dependentDialects = ["::dlc::DlcDialect"];
}

def DlcFuseConvBiasAct : Pass<"dlc-fuse-conv-bias-act", "mlir::func::FuncOp"> {
  let summary = "Fuse dlc.conv2d (with its bias) and the dlc.activation of its result";
  let description = [{
    `dlc.activation kind(dlc.conv2d x, f, b ...)` becomes
    `dlc.fused_conv2d x, f, b ... activation(kind)` under the conditions of
    `dlc-fuse-dense-bias-act` (a `relu` gradient reads the activation's
    result; other kinds fuse only where nothing else reads the convolution's
    result). The cpu target then applies the activation to each image's
    output right after computing it, while it is in cache.

    ```mlir
    %z = dlc.conv2d %x, %f, %b padding(valid) : (tensor<2x5x5x1xf32>, tensor<3x3x1x4xf32>, tensor<4xf32>) -> tensor<2x3x3x4xf32>
    %a = dlc.activation relu(%z) : tensor<2x3x3x4xf32>
    // becomes
    %a = dlc.fused_conv2d %x, %f, %b padding(valid) activation(relu) : (tensor<2x5x5x1xf32>, tensor<3x3x1x4xf32>, tensor<4xf32>) -> tensor<2x3x3x4xf32>
    ```
  }];
  let dependentDialects = ["::dlc::DlcDialect"];
}

def DlcFuseLstmStep : Pass<"dlc-fuse-lstm-step", "mlir::func::FuncOp"> {
  let summary = "Let an LSTM's gradient read the forward pass's tape instead of recomputing it";
  let description = [{
    In a training step each `dlc.lstm` has a `dlc.lstm_grad` with the same
    operands and attributes, which runs the whole forward recurrence again
    to get each step's gate pre-activations and states. This pass makes the
    forward keep them: the pair becomes `dlc.lstm_record` (the same result,
    plus the tape: gate pre-activations `[N, T, 4U]`, `h_prev` and `c_prev`
    `[N, T, U]`, by input position) and `dlc.lstm_grad_recorded` (the
    reverse loop and the weight products only). The recurrence, latency
    bound by one small matrix product per step, then runs once per training
    step instead of twice, at the cost of keeping the tape from the forward
    pass to the backward. The values are those of the unfused pair, bit for
    bit: the tape is what the gradient's recomputation produced. A `dlc.lstm`
    without such a gradient (inference) and a gradient whose forward op
    differs in an operand or attribute are left alone.

    ```mlir
    %h = dlc.lstm %x, %k, %rk, %b : (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> tensor<4x2xf32>
    ...
    %dx, %dk, %drk, %db = dlc.lstm_grad %dh, %x, %k, %rk, %b : (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>
    // becomes
    %h, %gates, %hp, %cp = dlc.lstm_record %x, %k, %rk, %b : (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> (tensor<4x2xf32>, tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>)
    ...
    %dx, %dk, %drk, %db = dlc.lstm_grad_recorded %dh, %x, %k, %rk, %b tape(%gates, %hp, %cp) : (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) tape(tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>) -> tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>
    ```
  }];
  let dependentDialects = ["::dlc::DlcDialect"];
}

def DlcFuseOptimizerUpdate : Pass<"dlc-fuse-optimizer-update", "mlir::func::FuncOp"> {
  let summary = "Group a training step's optimizer updates into one dlc.fused_optimizer_update";
  let description = [{
    The optimizer ops of a function (`dlc.sgd_update`, `dlc.rmsprop_update`,
    `dlc.adadelta_update`, `dlc.adam_update`; two or more) move into the
    body of one `dlc.fused_optimizer_update` at the place of the last one,
    which yields their results; their users (the step's return) take the
    group's results. A target then updates every parameter in one pass: the
    cpu target lowers the group to one `scf.forall` whose every iteration
    updates one slice of each parameter and its slots, so a step forks its
    threads once for the whole update instead of once per large parameter,
    and small parameters (biases) are no longer updated by one thread
    alone. Nothing changes if another op uses an update's result before the
    last update.

    ```mlir
    %w2, %aw2 = dlc.rmsprop_update %w, %gw, %aw, %it {...} : (...) -> (tensor<4x2xf32>, tensor<4x2xf32>)
    %b2, %ab2 = dlc.rmsprop_update %b, %gb, %ab, %it {...} : (...) -> (tensor<2xf32>, tensor<2xf32>)
    return %w2, %b2, %aw2, %ab2 : ...
    // becomes
    %r:4 = dlc.fused_optimizer_update : tensor<4x2xf32>, tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32> {
      %0, %1 = dlc.rmsprop_update %w, %gw, %aw, %it {...} : ...
      %2, %3 = dlc.rmsprop_update %b, %gb, %ab, %it {...} : ...
      dlc.yield %0, %1, %2, %3 : ...
    }
    return %r#0, %r#2, %r#1, %r#3 : ...
    ```
  }];
  let dependentDialects = ["::dlc::DlcDialect"];
}

//===----------------------------------------------------------------------===//
// Lowering: what every lowering target (cpu, the CUDA targets) shares; each
// target's own passes are in codegen/<target>/Passes.td.
//===----------------------------------------------------------------------===//

def DlcKeepEntryFunctions : Pass<"dlc-keep-entry-functions", "mlir::ModuleOp"> {
  let summary = "Erase every function a bundle does not export (the imported @forward)";
  let description = [{
    The first step of every lowering target: after the training pipeline,
    only `@train_step`, `@eval_step` and `@predict` are entry points of the
    bundle; `@forward` (and anything else) is erased so the lowering and
    code generation spend no time on it.

    ```mlir
    func.func @forward(...) { ... }      // erased
    func.func @train_step(...) { ... }   // kept
    ```
  }];
}

def ConvertDlcToLinalg : Pass<"convert-dlc-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower every dlc op to linalg, tensor, arith, math, scf and cf on tensors";
  let description = [{
    The first step of the `cpu` (and `cuda-ptx`) target: forward, backward
    and optimizer ops become destination-style linalg on tensors, ready for
    tiling, vectorisation and one-shot bufferization. Named ops are used
    where they exist (`linalg.matmul`, `linalg.matmul_transpose_a/b`,
    `linalg.conv_2d_nhwc_hwcf` with `tensor.pad` for `same` padding,
    `linalg.pooling_nhwc_max/sum`, `linalg.transpose`), `linalg.generic`
    elsewhere (activations and their gradients, softmax, reductions, loss,
    accuracy, optimizer updates, embedding gathers whose ids are checked
    with `cf.assert`); reshapes become
    `tensor.collapse_shape`/`expand_shape`, concatenate and slice
    `tensor.insert_slice`/`extract_slice`. Recurrent layers are an `scf.for`
    over time around linalg cell computations, with the input projection of
    every step hoisted into one matmul; their gradients (lstm, gru,
    simple_rnn) recompute the forward loop, run a reverse loop storing each
    step's gate gradients, and finish with one matmul each for the input, kernel and
    recurrent-kernel gradients. A training dropout computes its mask
    with Philox4x32-10 in arith ops, keyed as `abi/Philox.h` documents
    (`run-seed` is the key, or the run-time value of the global named by
    `seed-symbol`, which is how the `cpu` target's native code gets the
    run's `--seed`), so it drops the units the reference kernels
    drop. `dlc.time_distributed` is first flattened as
    `dlc-flatten-time-distributed` does; dynamic shapes make the pass fail
    with an error naming the op.

    ```mlir
    %y = dlc.dense %x, %w, %b
        : (tensor<8x16xf32>, tensor<16x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
    // becomes
    %e = tensor.empty() : tensor<8x4xf32>
    %bb = linalg.broadcast ins(%b : tensor<4xf32>) outs(%e : tensor<8x4xf32>) dimensions = [0]
    %y = linalg.matmul ins(%x, %w : tensor<8x16xf32>, tensor<16x4xf32>)
                       outs(%bb : tensor<8x4xf32>) -> tensor<8x4xf32>
    ```
  }];
  let options = [
    Option<"runSeed", "run-seed", "uint64_t", /*default=*/"0",
           "The run's Philox seed (--seed), the key of dropout masks">,
    Option<"seedSymbol", "seed-symbol", "std::string", /*default=*/"\"\"",
           "Read the key at run time from this mutable i64 memref.global "
           "(declared by the pass; the runtime sets it) instead of run-seed">,
    Option<"parallelChunks", "parallel-chunks", "bool", /*default=*/"true",
           "Split the fused optimizer update (64 chunks) and the recurrences' "
           "batches (chunks of 32 or 8 rows, each running every time step) into "
           "scf.forall iterations for host threads; off, plain ops and loops for "
           "a target that maps its own parallelism">,
    Option<"scatterAsReduction", "scatter-as-reduction", "bool", /*default=*/"false",
           "Lower dlc.embedding_grad as a reduction over the ids per table "
           "element (rows x width x ids work, every element in parallel) "
           "instead of a sequential scatter-add loop over the ids">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::cf::ControlFlowDialect",
                           "::mlir::memref::MemRefDialect"];
}

def DlcChecksToErrorWord : Pass<"dlc-checks-to-error-word", "mlir::ModuleOp"> {
  let summary = "Turn run-time checks (cf.assert) into stores of an error code the runtime reads";
  let description = [{
    Generated code must report a failed run-time check (an embedding id
    outside its table, a label outside the classes) to the runtime as a
    status, not abort the process (the CPU) or fail to compile (a GPU kernel
    cannot assert). Each `cf.assert %ok, "message"` becomes: when `%ok` is
    false, store the message's code (its position in the module's
    `dlc.error_messages` list, plus one) into the i32 global `symbol` with an
    atomic maximum, so concurrent failures leave one deterministic code. The
    lowering reads clamped indices after such a check, so execution stays in
    bounds until the runtime reads the word (zeroed before each call), names
    the message and stops. Runs on loops over memrefs (after bufferization
    and linalg-to-loops).

    ```mlir
    cf.assert %ok, "dlc.embedding: index outside [0, 22) of the table"
    // becomes (the module gets dlc.error_messages = ["dlc.embedding: ..."])
    %bad = arith.xori %ok, %true : i1
    scf.if %bad {
      %w = memref.get_global @dlc_error : memref<i32>
      %c1 = arith.constant 1 : i32
      %0 = memref.atomic_rmw maxs %c1, %w[] : (i32, memref<i32>) -> i32
    }
    ```
  }];
  let options = [
    Option<"symbol", "symbol", "std::string", /*default=*/"\"dlc_error\"",
           "The i32 memref.global that holds the error code (declared when missing)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

def DlcLinalgFuseElementwise : Pass<"dlc-linalg-fuse-elementwise", "mlir::func::FuncOp"> {
  let summary = "linalg's element-wise producer/consumer fusion, safe for in-place producers";
  let description = [{
    Upstream `linalg-fuse-elementwise-ops` (the same patterns: element-wise
    generics fused into their consumers, reshapes folded by expansion,
    constants folded), with one more condition on the producer: its payload
    must not read its init. A producer that updates its init in place (the
    activation epilogue of `dlc.fused_dense`) fused into a consumer with
    more loops (a matmul) would be applied again at every extra iteration:
    MLIR 19 keeps the producer's init as an init of the fused op, so
    `sigmoid` ran once per column of the next layer.

    With `gathers=false` a producer whose payload reads a tensor by index
    (`tensor.extract`: an embedding's gather) is not fused into its
    consumer either: a target that vectorises element-wise ops along their
    rows but not gathers (the cpu target) keeps the gather a loop of its own
    and the consumer vector code (babi_rnn's embedding fused with its
    dropout ran the dropout's Philox rounds one element at a time: a sixth
    of the step).

    Where the consumer's map of the operand leaves out some of its loops,
    the fused producer would run once per element of those loops. Such a
    fusion is refused into a consumer with reduction loops (a
    contraction's operand: an addition before a convolution, fused into the
    filter gradient, ran 576 times per element, and the consumer was no
    longer a contraction a target can tile), and into an element-wise
    consumer unless the producer has at most four operations (a dropout
    gradient's Philox rounds, fused into a 2x2 max-pooling gradient, ran
    four times per element). Fusing into a reduction that reads each
    element once (a row sum) is kept.

    ```mlir
    %a = linalg.generic {iterator_types = ["parallel", "parallel"]}
        outs(%z : tensor<1x5xf32>) { ^bb0(%o: f32): ... sigmoid(%o) }
    %y = linalg.generic {iterator_types = ["parallel", "reduction", "parallel"]}
        ins(%a, %w : ...) outs(%acc : ...)
    // stays as it is; so does an element-wise producer reading only its
    // inputs, here: %y's map of %a, (m, k, n) -> (m, k), leaves out n
    ```
  }];
  let options = [
    Option<"gathers", "gathers", "bool", /*default=*/"true",
           "Fuse producers whose payload reads a tensor by index (tensor.extract)">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::affine::AffineDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // DLC_PASSES_PASSES_TD
