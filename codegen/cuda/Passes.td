//===- Passes.td - the CUDA targets' own passes ------------*- tablegen -*-===//
//
// The passes only the CUDA targets run, in the order of their lowering
// (codegen/cuda/CudaPipeline.h registers the stages as `dlc-cuda-to-linalg`,
// `dlc-cuda-to-kernels` and `dlc-cuda-to-nvvm`, and the whole lowering as
// `dlc-cuda-ptx-pipeline`). What every target shares is passes/Passes.td.
//
//===----------------------------------------------------------------------===//

#ifndef DLC_CODEGEN_CUDA_PASSES_TD
#define DLC_CODEGEN_CUDA_PASSES_TD

include "mlir/Pass/PassBase.td"

def DlcCudaAnnotatePlaces : Pass<"dlc-cuda-annotate-places", "mlir::ModuleOp"> {
  let summary = "Mark the entry functions' arguments and results with their place in the bundle's regions";
  let description = [{
    The bundle's buffer plan (codegen/common/BufferPlan.h) puts every
    argument and result of `@train_step`, `@eval_step` and `@predict` at a
    fixed place: a parameter's updated value where the parameter was. This
    pass writes that place on each as `dlc.place = array<i64: region,
    offset, bytes>`, which bufferization carries to the out-parameters, so
    that later passes know exactly which buffers share bytes (two arguments
    without it are assumed to). A module the plan cannot place (not a
    training module) is left unmarked.

    ```mlir
    func.func @train_step(%w: tensor<784x512xf32> {dlc.param = "dense_1/kernel"}, ...)
        -> (tensor<784x512xf32> {dlc.param = "dense_1/kernel"}, ...)
    // becomes
    func.func @train_step(%w: tensor<784x512xf32> {dlc.param = "dense_1/kernel",
                                                   dlc.place = array<i64: 0, 0, 1605632>}, ...)
        -> (tensor<784x512xf32> {dlc.param = "dense_1/kernel",
                                 dlc.place = array<i64: 0, 0, 1605632>}, ...)
    ```
  }];
}

def DlcCudaCudnnCalls : Pass<"dlc-cuda-cudnn-calls", "mlir::ModuleOp"> {
  let summary = "Turn the dlc convolutions cuDNN computes into dlc_cuda calls";
  let description = [{
    The first library pass of `cuda-cudnn` and `cuda`, on the dlc IR before
    `convert-dlc-to-linalg`. Each `dlc.conv2d` / `dlc.fused_conv2d` becomes
    a `dlc_cuda.conv2d_bias_activation` when it has a bias and relu or no
    activation (one cuDNN graph: convolution, bias, relu), else a
    `dlc_cuda.conv2d_forward` (NHWC images, the Keras `[R, S, C, K]`
    filter transposed to cuDNN's channels-last `[K, R, S, C]` by a
    generated kernel, TensorFlow's padding as pre/post paddings) followed by
    the bias and the activation as element-wise ops (which the element-wise
    fusion makes one generated kernel); `dlc.conv2d_grad_input` becomes
    `dlc_cuda.conv2d_backward_data` and `dlc.conv2d_grad_filter`
    `dlc_cuda.conv2d_backward_filter` (its `[K, R, S, C]` result transposed
    back). With `policy=default` (`--target=cuda`) the default table of
    codegen/cuda/LibraryChoice.h decides per op.

    Every decision is recorded on the module (`dlc.paths`) for `--report`
    (the recurrent layers' by `dlc-cuda-cudnn-rnns`). Pooling and its gradient stay
    generated kernels, recorded with the reason: dlc's max-pooling gradient
    goes to the window's first maximum (TensorFlow's rule), and cuDNN does
    not document which element of a tied window its pooling backward picks.

    ```mlir
    %y = dlc.fused_conv2d %x, %w, %b padding(valid) activation(relu)
        : (tensor<128x28x28x1xf32>, tensor<3x3x1x32xf32>, tensor<32xf32>) -> tensor<128x26x26x32xf32>
    // becomes
    %wk = linalg.transpose ins(%w : tensor<3x3x1x32xf32>) outs(%e0 : tensor<32x3x3x1xf32>) permutation = [3, 0, 1, 2]
    %y = dlc_cuda.conv2d_bias_activation ins(%x, %wk, %b : ...) outs(%e1 : tensor<128x26x26x32xf32>)
        {activation = "relu", pre_padding = array<i64: 0, 0>, post_padding = array<i64: 0, 0>, ...}
        -> tensor<128x26x26x32xf32>
    ```
  }];
  let options = [
    Option<"policy", "policy", "std::string", /*default=*/"\"library\"",
           "library: every convolution calls cuDNN (cuda-cudnn); default: the default table (cuda)">,
    Option<"tuneCache", "tune-cache", "std::string", /*default=*/"\"\"",
           "with policy=default: a dlc tune cache whose measured layers override the default table">,
  ];
  let dependentDialects = ["::dlc::cuda::DlcCudaDialect", "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect", "::mlir::arith::ArithDialect"];
}

def DlcCudaCudnnRnns : Pass<"dlc-cuda-cudnn-rnns", "mlir::ModuleOp"> {
  let summary = "Turn the recurrent layers cuDNN computes exactly into cuDNN RNN calls";
  let description = [{
    The first library pass of `cuda-cudnn` and `cuda`, on the dlc IR before
    `dlc-cuda-cudnn-calls`. A recurrent layer whose math is cuDNN's — an
    LSTM with tanh activation and sigmoid gates, a GRU with tanh, sigmoid
    gates and `reset_after` (Keras 3's GRU: the reset gate applied after the
    recurrent product, cuDNN's form), a SimpleRNN with tanh or relu —
    over static f32 shapes becomes cuDNN RNN calls on a weight space packed
    by generated copy kernels (abi/CudnnRnnLayout.h):

    - `dlc.lstm`, `dlc.gru`, `dlc.simple_rnn` (inference): the weight
      pack, `dlc_cuda.rnn_forward` without a reserve, and for
      `return_sequences = false` the last step's slice;
    - `dlc.lstm_record` and its `dlc.lstm_grad_recorded`: one
      `dlc_cuda.rnn_forward` in training mode whose reserve the gradient's
      `dlc_cuda.rnn_backward_data` and `dlc_cuda.rnn_backward_weights` read
      (the tape is not recorded);
    - `dlc.lstm_grad`, `dlc.gru_grad`, `dlc.simple_rnn_grad`: the forward in
      training mode recomputed, then both backward calls;
    - the weight-space gradient unpacked into the Keras-layout gradients by
      generated copies (an LSTM's or SimpleRNN's one bias gets cuDNN's input
      bias gradient, which equals the recurrent one); `go_backwards` reverses
      the input and the input gradient along time with generated kernels.

    Every other recurrent layer keeps the generated path (its gate kernels,
    its GEMMs dlc-cuda-cublaslt-gemms' to decide), recorded with the reason:
    Keras 2's `hard_sigmoid` gates (cuDNN's RNN has only logistic-sigmoid
    gates: it would change the model's math), another activation,
    `reset_after = false`, a tape read by other ops. With `policy=default`
    (`--target=cuda`) the default table calls cuDNN for every layer it
    computes exactly, or a tune cache decides per layer. Every decision is
    recorded on the module (`dlc.paths`).

    ```mlir
    %h = dlc.lstm %x, %k, %rk, %b : (tensor<32x28x128xf32>, tensor<128x512xf32>,
        tensor<128x512xf32>, tensor<512xf32>) -> tensor<32x128xf32>
    // becomes (the pack: per gate a transpose of the kernel's and the
    // recurrent kernel's columns, the bias, zeros for the recurrent bias)
    %w = tensor.insert_slice ... : tensor<131584xf32>
    %y = dlc_cuda.rnn_forward ins(%x, %w, %len : ...) outs(%e : tensor<32x28x128xf32>)
        {cell = "lstm", workspace_bytes = ... : i64} -> tensor<32x28x128xf32>
    %h = tensor.extract_slice %y[0, 27, 0] [32, 1, 128] [1, 1, 1] : ... to tensor<32x128xf32>
    ```
  }];
  let options = [
    Option<"policy", "policy", "std::string", /*default=*/"\"library\"",
           "library: every layer cuDNN computes exactly calls it (cuda-cudnn); default: the default table (cuda)">,
    Option<"tuneCache", "tune-cache", "std::string", /*default=*/"\"\"",
           "with policy=default: a dlc tune cache whose measured layers override the default table">,
  ];
  let dependentDialects = ["::dlc::cuda::DlcCudaDialect", "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect", "::mlir::arith::ArithDialect"];
}

def DlcCudaCublasltGemms : Pass<"dlc-cuda-cublaslt-gemms", "mlir::ModuleOp"> {
  let summary = "Turn linalg matrix products into cuBLASLt GEMM calls with epilogues";
  let description = [{
    The second library pass of `cuda-cudnn` and `cuda`, on linalg on tensors
    right after `convert-dlc-to-linalg` (before generalisation): every
    `linalg.matmul`, `linalg.matmul_transpose_a` and
    `linalg.matmul_transpose_b` over f32 — dense layers and both their
    gradients, the recurrent layers' input projections, per-step recurrent
    products and weight gradients — becomes a `dlc_cuda.gemm`. A product
    into zeros (`linalg.fill` of 0) overwrites its output (beta = 0); a
    product into a bias broadcast along the rows (`linalg.broadcast`) takes
    the bias as cuBLASLt's `bias` epilogue, and a following in-place relu
    (a dense layer's activation) becomes the `relu_bias` epilogue; any other
    initial value is accumulated into (beta = 1). A product into zeros whose
    untransposed `b` is also summed over its rows into zeros (a weight
    gradient `xᵀ·dy` and its layer's bias gradient) takes the `bgrad`
    epilogue, which writes that sum as a second output (cuBLASLt's BGRADA),
    and the reduction is gone. Each product's location, and its relu's and
    column sum's, gets its key (the op and its shapes) whichever path it
    takes, for `dlc tune`. With `policy=default` the
    default table decides per product (codegen/cuda/LibraryChoice.h). Every
    decision is recorded on the module (`dlc.paths`).

    ```mlir
    %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<128x512xf32>) -> tensor<128x512xf32>
    %dx = linalg.matmul_transpose_b ins(%dy, %w : tensor<128x10xf32>, tensor<512x10xf32>)
        outs(%z : tensor<128x512xf32>) -> tensor<128x512xf32>
    // becomes
    %dx = dlc_cuda.gemm ins(%dy, %w : tensor<128x10xf32>, tensor<512x10xf32>)
        outs(%e : tensor<128x512xf32>) {transpose_b = true} -> tensor<128x512xf32>
    ```
  }];
  let options = [
    Option<"policy", "policy", "std::string", /*default=*/"\"library\"",
           "library: every GEMM calls cuBLASLt (cuda-cudnn); default: the default table (cuda)">,
    Option<"tuneCache", "tune-cache", "std::string", /*default=*/"\"\"",
           "with policy=default: a dlc tune cache whose measured layers override the default table">,
  ];
  let dependentDialects = ["::dlc::cuda::DlcCudaDialect", "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def DlcCudaLibraryFallbacks : Pass<"dlc-cuda-library-fallbacks", "mlir::func::FuncOp"> {
  let summary = "Follow each fused library call a device may not run by what runs instead";
  let description = [{
    After bufferization, before dlc-cuda-form-kernels: a fused call that
    needs support a device may lack — a `dlc_cuda.gemm` with the `bgrad`
    epilogue (cuBLASLt's BGRADA; its heuristic may have no float32
    algorithm for it) or a `dlc_cuda.conv2d_bias_activation` (a cuDNN graph
    that needs a runtime-fusion engine) — is followed by a
    `dlc_cuda.fallback` holding the same computation unfused: the plain
    GEMM and the bias gradient as a generated column sum (a zero fill and a
    reduction over the rows of `b`), or the plain convolution and the bias
    and activation as one generated element-wise kernel (in place on `y`).
    Its body becomes kernels like any host code; the launch list records
    its steps as the call's fallback, and the runtime decides when it opens
    the bundle on a device which of the two it runs (and says so).
    ```mlir
    dlc_cuda.gemm ins(%x, %dy : memref<128x784xf32>, memref<128x512xf32>)
        outs(%dw : memref<784x512xf32>) bias_grad(%db : memref<512xf32>)
        {epilogue = "bgrad", transpose_a = true}
    // is followed by
    dlc_cuda.fallback {
      dlc_cuda.gemm ins(%x, %dy : ...) outs(%dw : ...) {transpose_a = true}
      linalg.generic {iterator_types = ["parallel"]} outs(%db : memref<512xf32>) { yield 0 }
      linalg.generic {iterator_types = ["reduction", "parallel"]}
          ins(%dy : memref<128x512xf32>) outs(%db : memref<512xf32>) { addf }
    }
    ```
  }];
  let dependentDialects = ["::dlc::cuda::DlcCudaDialect", "::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect"];
}

def DlcCudaFormKernels : Pass<"dlc-cuda-form-kernels", "mlir::func::FuncOp"> {
  let summary = "Turn every linalg op and buffer copy on the host into GPU kernels by a schedule";
  let description = [{
    After bufferization, each linalg op (named ops generalised first) and
    each `memref.copy` outside a kernel becomes one or two `gpu.launch`
    ops with a static grid and block, by the schedule its shape asks for
    (codegen/cuda/Schedules.h): element-wise (a thread per point of the
    flattened loop nest, coalesced along the last loop), contraction
    (64 x 64 block tiles over K tiles of 16 in workgroup memory, a 4 x 4
    register tile per thread, FMAs, a deterministic split of long K over
    blocks), block reduction (one block per output, a fixed-order tree) or
    a thread per output. An element-wise op filling a reduction's output
    right before it becomes the reduction's starting values; consecutive
    element-wise ops that share no written buffer (`dlc.place` tells
    arguments apart) become one kernel. Scalars the host computed for an op (the dropout
    key, the decayed learning rate) are recomputed inside its kernel from
    their sources, so no computation is left on the host: what remains
    there is views, loops with static bounds, allocations and launches,
    which the launch list evaluates at compile time.

    With `emulate`, the kernels are host loops over blocks and threads
    instead (phases as loops over a block's threads, workgroup memory as
    buffers): the same index arithmetic runs on a CPU, which is how the
    tests check the schedules against cpu-ref without a GPU.

    ```mlir
    linalg.generic {iterator_types = ["parallel"]} ins(%a : memref<1000xf32>)
        outs(%b : memref<1000xf32>) { ... }
    // becomes
    gpu.launch blocks(%bx, ...) in (%c4, %c1, %c1) threads(%tx, ...) in (%c256, %c1, %c1) {
      %i = ... %bx * 256 + %tx
      scf.if %i < 1000 { %v = memref.load %a[%i] ... memref.store ..., %b[%i] }
    }
    ```
  }];
  let options = [
    Option<"emulate", "emulate", "bool", /*default=*/"false",
           "Host loops over blocks and threads instead of gpu.launch (tests)">,
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect", "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect", "::mlir::affine::AffineDialect",
                           "::mlir::linalg::LinalgDialect"];
}

def DlcCudaMergeKernelModules : Pass<"dlc-cuda-merge-kernel-modules", "mlir::ModuleOp"> {
  let summary = "Put every outlined kernel into one gpu.module with names after their ops";
  let description = [{
    `gpu-kernel-outlining` makes a `gpu.module` per kernel; a bundle carries
    one PTX module. This pass moves every `gpu.func` into one module,
    `@dlc_kernels`, renamed `<function>_<n>_<op>` after the function that
    launches it, its position and the dlc op it computes (from the
    kernel's location), keeps one copy of each global they use (the run
    seed, the error word) and points every `gpu.launch_func` at the new
    name.

    ```mlir
    gpu.module @train_step_kernel { gpu.func @train_step_kernel(...) kernel {...} }
    gpu.launch_func @train_step_kernel::@train_step_kernel ...
    // becomes
    gpu.module @dlc_kernels { gpu.func @train_step_0_dense(...) kernel {...} }
    gpu.launch_func @dlc_kernels::@train_step_0_dense ...
    ```
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

#endif // DLC_CODEGEN_CUDA_PASSES_TD
