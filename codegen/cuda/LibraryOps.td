//===- LibraryOps.td - the CUDA targets' vendor library calls -*- tablegen -*-===//
//
// The `dlc_cuda` dialect: one op per cuBLASLt / cuDNN call a cuda-cudnn or
// cuda bundle makes. They are formed from dlc ops and linalg contractions by
// dlc-cuda-cudnn-calls, dlc-cuda-cudnn-rnns and dlc-cuda-cublaslt-gemms, bufferize like
// linalg's destination-style ops (on tensors they return the written
// `outs`; on memrefs they have no results), stay on the host through the
// kernel stage, and become "library" steps of the launch list
// (codegen/cuda/LaunchList.h, abi/CudaAbi.h). All tensors are row-major f32
// (an RNN's sequence lengths i32).
//
//===----------------------------------------------------------------------===//

#ifndef DLC_CODEGEN_CUDA_LIBRARYOPS_TD
#define DLC_CODEGEN_CUDA_LIBRARYOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.td"

def DlcCuda_Dialect : Dialect {
  let name = "dlc_cuda";
  let cppNamespace = "::dlc::cuda";
  let summary = "Calls of NVIDIA's libraries (cuBLASLt, cuDNN) by the CUDA targets";
  let description = [{
    Each op is one library call the runtime's CUDA backend makes inside a
    function's CUDA graph, with the descriptors, algorithm and workspace it
    chose when the bundle was opened. The ops are destination-style: `ins`
    are read, `outs` written (and read first when `accumulate` is set).
  }];
}

class DlcCuda_Op<string mnemonic, list<Trait> traits = []>
    : Op<DlcCuda_Dialect, mnemonic, !listconcat(traits, [
        DeclareOpInterfaceMethods<DestinationStyleOpInterface>,
        DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
        DeclareOpInterfaceMethods<BufferizableOpInterface,
            ["bufferizesToMemoryRead", "bufferizesToMemoryWrite",
             "getAliasingValues", "bufferize"]>])> {
  let hasVerifier = 1;
}

def DlcCuda_Float : AnyTypeOf<[RankedTensorOf<[F32]>, MemRefOf<[F32]>]>;

def DlcCuda_GemmOp : DlcCuda_Op<"gemm", [AttrSizedOperandSegments]> {
  let summary = "cuBLASLt matrix product with an epilogue";
  let description = [{
    `c = epilogue(op(a) · op(b) + (accumulate ? c : 0))`, row-major:
    `op(a)` is `a` (`[M, K]`) or, with `transpose_a`, `aᵀ` (`a` is
    `[K, M]`); likewise `b` (`[K, N]` or `[N, K]`); `c` is `[M, N]`. A
    matrix may be a strided view whose rows are apart more than its width
    (an RNN's time step of a projection). `epilogue`: `none`, `bias`
    (`+ bias[n]` on every row), `relu` or `relu_bias` (then `max(·, 0)`),
    computed by cuBLASLt in the same kernel; or `bgrad`: `c` as with
    `none`, and `bias_grad[n] = Σ_k op(b)[k, n]` (a dense layer's bias
    gradient: the sum of dY over the batch, when dY is the weight gradient's
    `b`), a second output written by the same call (cuBLASLt's BGRADA
    epilogue: the step's `b` is cuBLASLt's A, see
    runtime/backends/cuda/LibraryCalls.h). Float32 math
    (CUBLAS_COMPUTE_32F: no TF32). A `bgrad` GEMM may have no cuBLASLt
    algorithm on a device; after bufferization
    dlc-cuda-library-fallbacks follows it with a `dlc_cuda.fallback` (the
    plain GEMM and a generated reduction) that the runtime runs instead.

    ```mlir
    %y = dlc_cuda.gemm ins(%x, %w : tensor<128x784xf32>, tensor<784x512xf32>)
        bias(%b : tensor<512xf32>) outs(%e : tensor<128x512xf32>)
        {epilogue = "relu_bias", layer = "dense_1"} -> tensor<128x512xf32>
    ```
  }];
  let arguments = (ins DlcCuda_Float:$a, DlcCuda_Float:$b, Optional<DlcCuda_Float>:$bias,
                       DlcCuda_Float:$c, Optional<DlcCuda_Float>:$bias_grad,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_b,
                       DefaultValuedAttr<BoolAttr, "false">:$accumulate,
                       DefaultValuedAttr<StrAttr, "\"none\"">:$epilogue);
  let results = (outs Variadic<RankedTensorOf<[F32]>>:$result);
  let assemblyFormat = [{
    `ins` `(` $a `,` $b `:` type($a) `,` type($b) `)`
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    `outs` `(` $c `:` type($c) `)`
    (`bias_grad` `(` $bias_grad^ `:` type($bias_grad) `)`)? attr-dict (`->` type($result)^)?
  }];
  let extraClassDeclaration = [{
    /// M, N, K of the product.
    int64_t getM();
    int64_t getN();
    int64_t getK();
    /// Whether the epilogue adds the bias / applies relu.
    bool hasBiasEpilogue() { return getEpilogue().ends_with("bias"); }
    bool hasReluEpilogue() { return getEpilogue().starts_with("relu"); }
    /// Whether the epilogue writes the bias gradient into `bias_grad`.
    bool hasBiasGradEpilogue() { return getEpilogue() == "bgrad"; }
  }];
}

class DlcCuda_ConvOp<string mnemonic, string what, string in0, string in1, string out>
    : DlcCuda_Op<mnemonic> {
  let summary = "cuDNN 2-D convolution " # what;
  let description = [{
    Images are NHWC (`[N, H, W, C]`), the filter KRSC (`[K, R, S, C]`: output
    channels first, as cuDNN's channels-last filters; a Keras `[R, S, C, K]`
    filter is transposed into it by a generated kernel). Output position
    `p` reads input rows `p * stride - pre_padding + r * dilation`; outside
    `[0, H)` is zero. Cross-correlation (Keras' convolution), float32 math
    without tensor-core conversion, a deterministic engine. With
    `accumulate`, the result is added to what `outs` holds (cuDNN's beta = 1).

    ```mlir
    %r = dlc_cuda.}] # mnemonic # [{ ins(%}] # in0 # [{, %}] # in1 # [{ : ...) outs(%}] # out # [{ : ...)
        {pre_padding = array<i64: 0, 0>, post_padding = array<i64: 0, 0>,
         strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} -> ...
    ```
  }];
  let arguments = (ins DlcCuda_Float:$input0, DlcCuda_Float:$input1, DlcCuda_Float:$output,
                       DenseI64ArrayAttr:$pre_padding, DenseI64ArrayAttr:$post_padding,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                       DefaultValuedAttr<BoolAttr, "false">:$accumulate);
  let results = (outs Variadic<RankedTensorOf<[F32]>>:$result);
  let assemblyFormat = [{
    `ins` `(` $input0 `,` $input1 `:` type($input0) `,` type($input1) `)`
    `outs` `(` $output `:` type($output) `)` attr-dict (`->` type($result)^)?
  }];
  let extraClassDeclaration = [{
    /// The three tensors in cuDNN's terms.
    mlir::Value getX();
    mlir::Value getW();
    mlir::Value getY();
  }];
}

def DlcCuda_Conv2DForwardOp
    : DlcCuda_ConvOp<"conv2d_forward", "forward: y = conv(x, w)", "x", "w", "y">;
def DlcCuda_Conv2DBackwardDataOp
    : DlcCuda_ConvOp<"conv2d_backward_data",
                     "backward data: dx = the input gradient of conv(x, w) from dy",
                     "dy", "w", "dx">;
def DlcCuda_Conv2DBackwardFilterOp
    : DlcCuda_ConvOp<"conv2d_backward_filter",
                     "backward filter: dw = the filter gradient of conv(x, w) from dy",
                     "x", "dy", "dw">;

def DlcCuda_Conv2DBiasActivationOp : DlcCuda_Op<"conv2d_bias_activation"> {
  let summary = "cuDNN 2-D convolution forward with the bias and activation in its graph";
  let description = [{
    `y = activation(conv(x, w) + bias[k])`: the convolution of
    `dlc_cuda.conv2d_forward` (same layouts and attributes), the bias added
    per output channel (broadcast over N, H, W) and `activation` (`relu` or
    `none`) applied, as one cuDNN operation graph (convolution forward, then
    pointwise add and pointwise relu on virtual intermediates) run by one
    `cudnnBackendExecute`. Such graphs need cuDNN's runtime-fusion engines,
    which a device may lack: after bufferization
    dlc-cuda-library-fallbacks follows it with a `dlc_cuda.fallback` (the
    plain convolution and the generated bias and activation kernel) that the
    runtime runs instead when no engine config of the fused graph finalizes.

    ```mlir
    %y = dlc_cuda.conv2d_bias_activation ins(%x, %w, %b : ...) outs(%e : ...)
        {activation = "relu", pre_padding = array<i64: 0, 0>, post_padding = array<i64: 0, 0>,
         strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} -> ...
    ```
  }];
  let arguments = (ins DlcCuda_Float:$input0, DlcCuda_Float:$input1, DlcCuda_Float:$bias,
                       DlcCuda_Float:$output,
                       DenseI64ArrayAttr:$pre_padding, DenseI64ArrayAttr:$post_padding,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                       StrAttr:$activation,
                       DefaultValuedAttr<BoolAttr, "false">:$accumulate);
  let results = (outs Variadic<RankedTensorOf<[F32]>>:$result);
  let assemblyFormat = [{
    `ins` `(` $input0 `,` $input1 `,` $bias `:` type($input0) `,` type($input1) `,` type($bias) `)`
    `outs` `(` $output `:` type($output) `)` attr-dict (`->` type($result)^)?
  }];
  let extraClassDeclaration = [{
    /// The three tensors in cuDNN's terms.
    mlir::Value getX();
    mlir::Value getW();
    mlir::Value getY();
  }];
}

def DlcCuda_FallbackOp : Op<DlcCuda_Dialect, "fallback", [NoTerminator, SingleBlock]> {
  let summary = "What the runtime runs instead of the library call before it";
  let description = [{
    On buffers, right after a fused library call that a device may be unable
    to run (a `bgrad` GEMM, a `conv2d_bias_activation`): the same
    computation without the fusion (the plain call and generated kernels).
    The launch list records its steps as the call's `fallback`; the runtime
    runs the call when cuBLASLt's heuristic or cuDNN's engine configs give
    it a plan on the device, and these steps otherwise (and says so). Made
    by dlc-cuda-library-fallbacks; its body is lowered like any host code.

    ```mlir
    dlc_cuda.gemm ins(%x, %dy : ...) outs(%dw : ...) bias_grad(%db : ...)
        {epilogue = "bgrad", transpose_a = true}
    dlc_cuda.fallback {
      dlc_cuda.gemm ins(%x, %dy : ...) outs(%dw : ...) {transpose_a = true}
      linalg.generic ... outs(%db : memref<512xf32>) { zero }
      linalg.generic ... ins(%dy : memref<128x512xf32>) outs(%db : memref<512xf32>) { addf }
    }
    ```
  }];
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def DlcCuda_Int32 : AnyTypeOf<[RankedTensorOf<[I32]>, MemRefOf<[I32]>]>;

// The three calls of one cuDNN RNN (one layer, one direction, zero initial
// state, batch-major sequences [N, T, ·] of equal length T). `cell` is
// "lstm", "gru", "rnn_tanh" or "rnn_relu"; `w` the packed weight space
// (abi/CudnnRnnLayout.h); `seq_lengths` N copies of T in device memory (cuDNN
// reads them there); `reserve` what the training forward keeps for the two
// backward calls (its size the compiler's bound, which the runtime checks
// against cuDNN's); `workspace_bytes` the workspace the call may need (the
// function's shared library workspace is at least that large).
class DlcCuda_RnnOp<string mnemonic> : DlcCuda_Op<mnemonic> {
  let results = (outs Variadic<RankedTensorOf<[F32]>>:$result);
  let extraClassDeclaration = [{
    /// The cell as abi::RnnCell (the verifier checks the name).
    ::dlc::abi::RnnCell getCellKind();
  }];
}

def DlcCuda_RnnForwardOp : DlcCuda_RnnOp<"rnn_forward"> {
  let summary = "cuDNN RNN forward (cudnnRNNForward), inference or training";
  let description = [{
    `y[n, t]` is the hidden state after step `t` of sequence `n` of `x`
    (`[N, T, F]` → `[N, T, U]`). With a `reserve` operand the call runs in
    training mode and fills it for `rnn_backward_data` and
    `rnn_backward_weights`; without, in inference mode.

    ```mlir
    %y, %r = dlc_cuda.rnn_forward ins(%x, %w, %len : tensor<32x28x128xf32>, tensor<131584xf32>, tensor<32xi32>)
        outs(%e0, %e1 : tensor<32x28x128xf32>, tensor<1000000xf32>)
        {cell = "lstm", workspace_bytes = 17000000 : i64} -> tensor<32x28x128xf32>, tensor<1000000xf32>
    ```
  }];
  let arguments = (ins DlcCuda_Float:$x, DlcCuda_Float:$w, DlcCuda_Int32:$seq_lengths,
                       DlcCuda_Float:$y, Optional<DlcCuda_Float>:$reserve,
                       StrAttr:$cell, I64Attr:$workspace_bytes);
  let assemblyFormat = [{
    `ins` `(` $x `,` $w `,` $seq_lengths `:` type($x) `,` type($w) `,` type($seq_lengths) `)`
    `outs` `(` $y (`,` $reserve^)? `:` type($y) (`,` type($reserve)^)? `)` attr-dict
    (`->` type($result)^)?
  }];
}

def DlcCuda_RnnBackwardDataOp : DlcCuda_RnnOp<"rnn_backward_data"> {
  let summary = "cuDNN RNN backward data (cudnnRNNBackwardData_v8)";
  let description = [{
    `dx` (`[N, T, F]`), the gradient of `x` from `dy` (`[N, T, U]`, the
    gradient of every `y[n, t]`), for the training forward that wrote `y` and
    `reserve`. cuDNN updates `reserve` for `rnn_backward_weights`, which must
    read this call's `reserve` result.

    ```mlir
    %dx, %r2 = dlc_cuda.rnn_backward_data ins(%y, %dy, %w, %len : ...)
        outs(%e, %r : tensor<32x28x128xf32>, tensor<1000000xf32>) {cell = "lstm", ...} -> ...
    ```
  }];
  let arguments = (ins DlcCuda_Float:$y, DlcCuda_Float:$dy, DlcCuda_Float:$w,
                       DlcCuda_Int32:$seq_lengths, DlcCuda_Float:$dx, DlcCuda_Float:$reserve,
                       StrAttr:$cell, I64Attr:$workspace_bytes);
  let assemblyFormat = [{
    `ins` `(` $y `,` $dy `,` $w `,` $seq_lengths `:` type($y) `,` type($dy) `,` type($w) `,`
    type($seq_lengths) `)` `outs` `(` $dx `,` $reserve `:` type($dx) `,` type($reserve) `)`
    attr-dict (`->` type($result)^)?
  }];
}

def DlcCuda_RnnBackwardWeightsOp : DlcCuda_RnnOp<"rnn_backward_weights"> {
  let summary = "cuDNN RNN backward weights (cudnnRNNBackwardWeights_v8)";
  let description = [{
    Adds the gradient of the weight space to `dw` (cuDNN's
    CUDNN_WGRAD_MODE_ADD: `dw` is read, so it starts as zeros), from `x`,
    `y` and the `reserve` `rnn_backward_data` left.

    ```mlir
    %dw = dlc_cuda.rnn_backward_weights ins(%x, %y, %len, %r2 : ...)
        outs(%zeros : tensor<131584xf32>) {cell = "lstm", ...} -> tensor<131584xf32>
    ```
  }];
  let arguments = (ins DlcCuda_Float:$x, DlcCuda_Float:$y, DlcCuda_Int32:$seq_lengths,
                       DlcCuda_Float:$reserve, DlcCuda_Float:$dw,
                       StrAttr:$cell, I64Attr:$workspace_bytes);
  let assemblyFormat = [{
    `ins` `(` $x `,` $y `,` $seq_lengths `,` $reserve `:` type($x) `,` type($y) `,`
    type($seq_lengths) `,` type($reserve) `)` `outs` `(` $dw `:` type($dw) `)`
    attr-dict (`->` type($result)^)?
  }];
}

#endif // DLC_CODEGEN_CUDA_LIBRARYOPS_TD
