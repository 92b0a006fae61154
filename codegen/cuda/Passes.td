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
