//===- TrainOps.td - loss, metric and optimizer-update ops -*- tablegen -*-===//

#ifndef DLC_IR_TRAINOPS_TD
#define DLC_IR_TRAINOPS_TD

include "ir/DlcBase.td"

def Dlc_Scalar : 0DTensorOf<[AnyFloat]>;

def Dlc_CategoricalCrossentropyOp : Dlc_Op<"categorical_crossentropy"> {
  let summary = "Keras categorical cross-entropy of probabilities, batch mean";
  let description = [{
    Keras' `categorical_crossentropy` on a softmax output (TensorFlow
    backend, `from_logits=False`): per sample `p = p / sum(p)`,
    `p = clip(p, 1e-7, 1 - 1e-7)`, `loss = -sum(labels * log(p))`; the result
    is the mean over the batch (axis 0). `labels` are one-hot `[N, C]`
    floats, or `[N]` integer classes (Keras' sparse variant).

    ```mlir
    %loss = dlc.categorical_crossentropy %p, %t
        : (tensor<128x10xf32>, tensor<128x10xf32>) -> tensor<f32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$probs, AnyRankedTensor:$labels);
  let results = (outs Dlc_Scalar:$loss);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Dlc_CategoricalCrossentropyGradOp : Dlc_Op<"categorical_crossentropy_grad"> {
  let summary = "gradient of the batch-mean cross-entropy w.r.t. the probabilities";
  let description = [{
    `d_probs = -labels / p / N` where the clip to `[1e-7, 1 - 1e-7]` did not
    bind and 0 where it did (TensorFlow's clip gradient), for a loss
    gradient of 1.

    ```mlir
    %dp = dlc.categorical_crossentropy_grad %p, %t
        : (tensor<128x10xf32>, tensor<128x10xf32>) -> tensor<128x10xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$probs, AnyRankedTensor:$labels);
  let results = (outs Dlc_FloatTensor:$probs_grad);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Dlc_AccuracyOp : Dlc_Op<"accuracy"> {
  let summary = "number of samples whose predicted class is the label";
  let description = [{
    Counts the samples `n` with `argmax(probs[n]) == argmax(labels[n])`
    (or `== labels[n]` for integer labels), the first maximum winning ties,
    as Keras' `categorical_accuracy` does before averaging.

    ```mlir
    %correct = dlc.accuracy %p, %t : (tensor<128x10xf32>, tensor<128x10xf32>) -> tensor<i64>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$probs, AnyRankedTensor:$labels);
  let results = (outs 0DTensorOf<[I64]>:$correct);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Dlc_IncrementOp : Dlc_Op<"increment"> {
  let summary = "the iteration counter plus one: the step the next train_step runs";
  let description = [{
    `@train_step` ends with the counter it read plus one, written over the
    counter in place (its result has the `dlc.iterations` role), so the
    step count lives with the parameters on the device that runs the step:
    no host code touches the state between steps.

    ```mlir
    %next = dlc.increment %iterations : tensor<i64>
    ```
  }];
  let arguments = (ins Dlc_Counter:$counter);
  let results = (outs 0DTensorOf<[I64]>:$next);
  let assemblyFormat = "$counter attr-dict `:` type($counter)";
}

// Keras 2.0.8 optimizers. `iterations` counts the completed steps (0 on the
// first); every update uses lr_t = lr / (1 + decay * iterations). Results:
// the new parameter, then the new value of each slot, in operand order.
class Dlc_OptimizerOp<string mnemonic, string rule> : Dlc_Op<mnemonic> {
  let summary = "one Keras 2.0.8 optimizer step for one parameter";
  let description = [{
    }] # rule # [{

    Functional: the op returns the new parameter and slots; bufferisation
    updates them in place.
  }];
  let results = (outs Variadic<Dlc_FloatTensor>:$updated);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Dlc_SGDUpdateOp : Dlc_OptimizerOp<"sgd_update", [{
    `v = momentum * moment - lr_t * grad`; the new moment is `v`; the new
    parameter is `param + momentum * v - lr_t * grad` with `nesterov`, else
    `param + v`.

    ```mlir
    %p2, %m2 = dlc.sgd_update %p, %g, %m, %it {lr = 1.0e-02 : f64, momentum = 9.0e-01 : f64}
        : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>)
        -> (tensor<10xf32>, tensor<10xf32>)
    ```}]> {
  let arguments = (ins Dlc_FloatTensor:$param, Dlc_FloatTensor:$grad,
                       Dlc_FloatTensor:$moment, Dlc_Counter:$iterations,
                       F64Attr:$lr, DefaultValuedAttr<F64Attr, "0.0">:$momentum,
                       DefaultValuedAttr<F64Attr, "0.0">:$decay,
                       DefaultValuedAttr<BoolAttr, "false">:$nesterov);
}

def Dlc_RMSpropUpdateOp : Dlc_OptimizerOp<"rmsprop_update", [{
    `a = rho * accum + (1 - rho) * grad^2`;
    `param - lr_t * grad / (sqrt(a) + epsilon)`.

    ```mlir
    %p2, %a2 = dlc.rmsprop_update %p, %g, %a, %it
        {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-08 : f64}
        : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>)
        -> (tensor<10xf32>, tensor<10xf32>)
    ```}]> {
  let arguments = (ins Dlc_FloatTensor:$param, Dlc_FloatTensor:$grad,
                       Dlc_FloatTensor:$accum, Dlc_Counter:$iterations,
                       F64Attr:$lr, F64Attr:$rho, F64Attr:$epsilon,
                       DefaultValuedAttr<F64Attr, "0.0">:$decay);
}

def Dlc_AdadeltaUpdateOp : Dlc_OptimizerOp<"adadelta_update", [{
    `a = rho * accum + (1 - rho) * grad^2`;
    `u = grad * sqrt(delta_accum + epsilon) / sqrt(a + epsilon)`;
    `param - lr_t * u`; `delta_accum = rho * delta_accum + (1 - rho) * u^2`.

    ```mlir
    %p2, %a2, %d2 = dlc.adadelta_update %p, %g, %a, %d, %it
        {lr = 1.0 : f64, rho = 9.5e-01 : f64, epsilon = 1.0e-08 : f64}
        : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>)
        -> (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>)
    ```}]> {
  let arguments = (ins Dlc_FloatTensor:$param, Dlc_FloatTensor:$grad,
                       Dlc_FloatTensor:$accum, Dlc_FloatTensor:$delta_accum,
                       Dlc_Counter:$iterations,
                       F64Attr:$lr, F64Attr:$rho, F64Attr:$epsilon,
                       DefaultValuedAttr<F64Attr, "0.0">:$decay);
}

def Dlc_AdamUpdateOp : Dlc_OptimizerOp<"adam_update", [{
    `t = iterations + 1`; `lr_a = lr_t * sqrt(1 - beta_2^t) / (1 - beta_1^t)`;
    `m = beta_1 * m + (1 - beta_1) * grad`; `v = beta_2 * v + (1 - beta_2) * grad^2`;
    `param - lr_a * m / (sqrt(v) + epsilon)`.

    ```mlir
    %p2, %m2, %v2 = dlc.adam_update %p, %g, %m, %v, %it
        {lr = 1.0e-03 : f64, beta_1 = 9.0e-01 : f64, beta_2 = 9.99e-01 : f64, epsilon = 1.0e-08 : f64}
        : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>)
        -> (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>)
    ```}]> {
  let arguments = (ins Dlc_FloatTensor:$param, Dlc_FloatTensor:$grad,
                       Dlc_FloatTensor:$m, Dlc_FloatTensor:$v,
                       Dlc_Counter:$iterations,
                       F64Attr:$lr, F64Attr:$beta_1, F64Attr:$beta_2,
                       F64Attr:$epsilon, DefaultValuedAttr<F64Attr, "0.0">:$decay);
}

#endif // DLC_IR_TRAINOPS_TD
