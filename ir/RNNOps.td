//===- RNNOps.td - recurrent layers and time distribution --*- tablegen -*-===//

#ifndef DLC_IR_RNNOPS_TD
#define DLC_IR_RNNOPS_TD

include "ir/DlcBase.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

// Operands and attributes shared by the three recurrent layers. `units` is
// not an attribute: it is the row count of `recurrent_kernel`.
class Dlc_RecurrentOp<string mnemonic, list<Trait> traits = []>
    : Dlc_Op<mnemonic, traits> {
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $kernel `,` $recurrent_kernel (`,` $bias^)?
    (`activation` `(` $activation^ `)`)?
    (`recurrent_activation` `(` $recurrent_activation^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Dlc_LSTMOp : Dlc_RecurrentOp<"lstm", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "long short-term memory layer over a sequence";
  let description = [{
    Keras `LSTM` over `input` `[N, T, F]` from zero initial state. With
    `U = units`, `kernel` is `[F, 4U]`, `recurrent_kernel` `[U, 4U]` and
    `bias` `[4U]`, their columns grouped in Keras gate order i, f, c, o:

    ```
    z = x_t · kernel + h_{t-1} · recurrent_kernel + bias
    i = ra(z_i)  f = ra(z_f)  o = ra(z_o)   (ra = recurrent_activation)
    c_t = f * c_{t-1} + i * a(z_c)          (a = activation)
    h_t = o * a(c_t)
    ```

    The result is `h_T` (`[N, U]`), or every `h_t` (`[N, T, U]`) when
    `return_sequences` is set. With `go_backwards` the sequence is read from
    the last step to the first and the returned sequence is in that order,
    as in Keras. Keras' `unit_forget_bias` is an initialiser of `bias`: the
    frontend records it on the bias parameter, not here. Keras 2.0.8 uses
    `recurrent_activation = hard_sigmoid`, Keras 3 `sigmoid`.

    ```mlir
    %h = dlc.lstm %x, %k, %rk, %b recurrent_activation(hard_sigmoid)
        : (tensor<32x28x128xf32>, tensor<128x512xf32>, tensor<128x512xf32>,
           tensor<512xf32>) -> tensor<32x128xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                       Dlc_FloatTensor:$recurrent_kernel,
                       Optional<Dlc_FloatVector>:$bias,
                       DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::tanh">:$activation,
                       DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::sigmoid">:$recurrent_activation,
                       DefaultValuedAttr<BoolAttr, "false">:$return_sequences,
                       DefaultValuedAttr<BoolAttr, "false">:$go_backwards);
}

def Dlc_GRUOp : Dlc_RecurrentOp<"gru", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "gated recurrent unit layer over a sequence";
  let description = [{
    Keras `GRU` over `[N, T, F]` from zero state, gates in Keras order z, r, h:
    `kernel` `[F, 3U]`, `recurrent_kernel` `[U, 3U]`. Without `reset_after`
    (Keras 2.0.8) `bias` is `[3U]` and the candidate is
    `a(x_t · W_h + (r * h_{t-1}) · U_h + b_h)`; with `reset_after` (Keras ≥ 2.3
    default, Keras 3) `bias` is `[2, 3U]` (input and recurrent biases) and
    the candidate is `a(x_t · W_h + b_h + r * (h_{t-1} · U_h + rb_h))`.
    Then `h_t = z * h_{t-1} + (1 - z) * candidate`. `return_sequences` and
    `go_backwards` are as for `dlc.lstm`.

    ```mlir
    %h = dlc.gru %x, %k, %rk, %b {reset_after = true}
        : (tensor<8x10x4xf32>, tensor<4x24xf32>, tensor<8x24xf32>,
           tensor<2x24xf32>) -> tensor<8x8xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                       Dlc_FloatTensor:$recurrent_kernel,
                       Optional<Dlc_FloatTensor>:$bias,
                       DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::tanh">:$activation,
                       DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::sigmoid">:$recurrent_activation,
                       DefaultValuedAttr<BoolAttr, "false">:$return_sequences,
                       DefaultValuedAttr<BoolAttr, "false">:$go_backwards,
                       DefaultValuedAttr<BoolAttr, "false">:$reset_after);
}

def Dlc_SimpleRNNOp : Dlc_RecurrentOp<"simple_rnn", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "fully connected recurrent layer over a sequence";
  let description = [{
    Keras `SimpleRNN`: `h_t = a(x_t · kernel + h_{t-1} · recurrent_kernel + bias)`
    with `kernel` `[F, U]`, `recurrent_kernel` `[U, U]`, `bias` `[U]`.
    `return_sequences` and `go_backwards` are as for `dlc.lstm`.

    ```mlir
    %h = dlc.simple_rnn %x, %k, %rk, %b {return_sequences = true}
        : (tensor<8x10x4xf32>, tensor<4x6xf32>, tensor<6x6xf32>, tensor<6xf32>)
        -> tensor<8x10x6xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                       Dlc_FloatTensor:$recurrent_kernel,
                       Optional<Dlc_FloatVector>:$bias,
                       DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::tanh">:$activation,
                       DefaultValuedAttr<BoolAttr, "false">:$return_sequences,
                       DefaultValuedAttr<BoolAttr, "false">:$go_backwards);
  let assemblyFormat = [{
    $input `,` $kernel `,` $recurrent_kernel (`,` $bias^)?
    (`activation` `(` $activation^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Dlc_TimeDistributedOp : Dlc_Op<"time_distributed",
    [SingleBlock, RecursiveMemoryEffects]> {
  let summary = "apply a sub-computation to every time step";
  let description = [{
    Keras `TimeDistributed(layer)`: for `input` `[N, T, d...]` the body runs
    once per step `t` on the slice `[N, d...]` (its one block argument) and
    yields `[N, e...]`; the result stacks the yields to `[N, T, e...]`. The
    body may use values defined outside it (the wrapped layer's weights),
    and every step uses the same ones.

    ```mlir
    %r = dlc.time_distributed %x : tensor<32x28x28x1xf32> -> tensor<32x28x128xf32> {
    ^bb0(%row: tensor<32x28x1xf32>):
      %h = dlc.lstm %row, %k, %rk, %b
          : (tensor<32x28x1xf32>, tensor<1x512xf32>, tensor<128x512xf32>,
             tensor<512xf32>) -> tensor<32x128xf32>
      dlc.yield %h : tensor<32x128xf32>
    }
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input);
  let results = (outs Dlc_FloatTensor:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result) $body
  }];
  let hasRegionVerifier = 1;
}

def Dlc_YieldOp : Op<Dlc_Dialect, "yield",
    [Pure, Terminator, ReturnLike,
     ParentOneOf<["::dlc::TimeDistributedOp", "::dlc::FusedOptimizerUpdateOp"]>]> {
  let summary = "the values a dlc region produces";
  let description = [{
    Ends the body of `dlc.time_distributed` (with the step's one result) and
    of `dlc.fused_optimizer_update` (with the updated parameters and slots).

    ```mlir
    dlc.yield %h : tensor<32x128xf32>
    ```
  }];
  let arguments = (ins Variadic<Dlc_FloatTensor>:$values);
  let assemblyFormat = "$values attr-dict `:` type($values)";
}

#endif // DLC_IR_RNNOPS_TD
