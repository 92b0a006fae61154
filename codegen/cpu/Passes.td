//===- Passes.td - the cpu target's own passes -------------*- tablegen -*-===//
//
// The passes only the `cpu` target runs, in the order of its lowering
// (codegen/cpu/CpuPipeline.h registers the whole lowering as
// `dlc-cpu-pipeline` and its stages as `dlc-cpu-to-linalg` and
// `dlc-cpu-to-llvm`). What every target shares is passes/Passes.td.
//
//===----------------------------------------------------------------------===//

#ifndef DLC_CODEGEN_CPU_PASSES_TD
#define DLC_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// On linalg (the `linalg` stage)
//===----------------------------------------------------------------------===//

def DlcLinalgLoopOrder : Pass<"dlc-linalg-loop-order", "mlir::func::FuncOp"> {
  let summary = "Order the loops of contractions so the innermost loop runs along contiguous memory";
  let description = [{
    The `cpu` target's loop order for linalg ops with reductions (matmul,
    convolution, pooling and their gradients), before they become loops. A
    named op as lowered (`linalg.matmul`: m, n, k) leaves the reduction
    innermost, a scalar dot product the LLVM vectoriser cannot reorder
    without changing rounding. This pass generalises each such op and moves
    the loop that indexes the output's last (contiguous) dimension to the
    innermost position, when an input is contiguous along it too: matmul
    becomes m, k, n (an AXPY of B's rows into C's row, vectorised along n),
    `conv_2d_nhwc_hwcf` becomes n, oh, ow, kh, kw, c, f. Every output
    element still sums its terms in the same order, so results are
    bit-identical to the unordered loops. `linalg.matmul_transpose_b` is
    rewritten as a `linalg.transpose` of B and a `linalg.matmul` first.
    The outermost loop stays parallel (the batch or row loop), which
    `convert-linalg-to-parallel-loops` then spreads over threads.

    ```mlir
    %c = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x4xf32>)
                       outs(%init : tensor<8x4xf32>) -> tensor<8x4xf32>
    // becomes a linalg.generic with
    //   indexing_maps = [(d0, d1, d2) -> (d0, d1), (d0, d1, d2) -> (d1, d2),
    //                    (d0, d1, d2) -> (d0, d2)]
    //   iterator_types = ["parallel", "reduction", "parallel"]
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def DlcLinalgTileRows : Pass<"dlc-linalg-tile-rows", "mlir::func::FuncOp"> {
  let summary = "Tile matmul-like contractions by rows so a block of rows shares each row of B";
  let description = [{
    After `dlc-linalg-loop-order` a matmul runs (m, k, n): each row of C
    streams the whole of B. This pass tiles m by `rows` (an `scf.forall`
    over row blocks, parallel) and runs each block as (k, m, n), so every
    row of B is read once per block while the block's rows of C stay in the
    first-level cache. Each C element still sums over k in order, so the
    results do not change. Applies to 3-loop generics with iterators
    (parallel, reduction, parallel) and static shapes with more than `rows`
    rows.

    A convolution (7 loops, batch outermost) whose result's only use is an
    in-place epilogue (an all-parallel generic with no inputs whose init is
    the result: how `dlc.fused_conv2d` lowers its activation) is tiled
    through that epilogue, one image per tile, with the convolution and its
    bias broadcast fused into each tile: each image's activation runs while
    its output is in cache. A matmul's epilogue (`dlc.fused_dense`) is left
    after the row-tiled matmul: fused into the row blocks, it made
    mnist_mlp's training step 5 % slower.

    ```mlir
    // (m, k, n) over 128 x 784 x 512 becomes
    scf.forall (%i) in (16) {   // row blocks of 8
      linalg.generic {iterator_types = ["reduction", "parallel", "parallel"]}
          ins(%a_rows, %b : tensor<8x784xf32>, tensor<784x512xf32>) ...
    }
    ```
  }];
  let options = [
    Option<"rows", "rows", "int64_t", /*default=*/"8", "Rows per block">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

//===----------------------------------------------------------------------===//
// On buffers and loops (the `llvm-dialect` stage)
//===----------------------------------------------------------------------===//

def DlcCpuMemrefCopyToLinalg : Pass<"dlc-cpu-memref-copy-to-linalg", "mlir::func::FuncOp"> {
  let summary = "Turn memref.copy into linalg.copy, so copies become loops";
  let description = [{
    Bufferization leaves `memref.copy` ops, which MLIR lowers to calls of its
    runner library (`memrefCopy`); a bundle's library does not link that
    library. As `linalg.copy` they become (vectorised, parallel) loops like
    everything else.

    ```mlir
    memref.copy %a, %b : memref<8x4xf32> to memref<8x4xf32>
    // becomes
    linalg.copy ins(%a : memref<8x4xf32>) outs(%b : memref<8x4xf32>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def DlcCpuEmitCInterface : Pass<"dlc-cpu-emit-c-interface", "mlir::ModuleOp"> {
  let summary = "Give the entry functions C interfaces for the native ABI";
  let description = [{
    Marks `@train_step`, `@eval_step` and `@predict` with
    `llvm.emit_c_interface` (memref arguments passed as pointers to
    descriptors, what abi/NativeAbi.h specifies) and drops their `dlc.*`
    argument and result attributes, which served the manifest and mean
    nothing to LLVM. Runs before any conversion to LLVM.

    ```mlir
    func.func @predict(%x: memref<8x784xf32> {dlc.input = "x"}, ...)
    // becomes
    func.func @predict(%x: memref<8x784xf32>, ...) attributes {llvm.emit_c_interface}
    ```
  }];
}

def DlcOuterParallelLoops : Pass<"dlc-outer-parallel-loops", "mlir::func::FuncOp"> {
  let summary = "Keep only the outermost scf.parallel of each loop nest with enough work";
  let description = [{
    `convert-linalg-to-parallel-loops` makes every parallel dimension an
    `scf.parallel`, including those nested inside a reduction loop (matmul's
    n inside k) — as OpenMP regions, one fork per outer iteration. This pass,
    run before `convert-scf-to-openmp`, turns every `scf.parallel` nested in
    another loop into `scf.for` loops, and also a top-level one whose nest
    runs fewer than `min-iterations` innermost iterations (a fork costs more
    than it saves), so each remaining parallel loop is one thread fork.

    ```mlir
    scf.parallel (%i) = (%c0) to (%c128) step (%c1) {
      scf.for %k = %c0 to %c784 step %c1 {
        scf.parallel (%j) = (%c0) to (%c512) step (%c1) { ... }
      }
    }
    // becomes
    scf.parallel (%i) = (%c0) to (%c128) step (%c1) {
      scf.for %k = %c0 to %c784 step %c1 {
        scf.for %j = %c0 to %c512 step %c1 { ... }
      }
    }
    ```
  }];
  let options = [
    Option<"minIterations", "min-iterations", "int64_t", /*default=*/"32768",
           "Innermost iterations below which a loop nest stays serial">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

#endif // DLC_CODEGEN_CPU_PASSES_TD
