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
    The `cpu` target's loop order for the linalg ops with reductions that
    dlc-cpu-tile-contractions does not register-tile (pooling, convolutions
    strided along the width, contractions of other element types), before
    they become loops. A named op as lowered (`linalg.matmul`: m, n, k)
    leaves the reduction innermost, a scalar dot product LLVM's vectoriser
    does not reorder. This pass generalises each such op and moves the loop
    that indexes the output's last (contiguous) dimension to the innermost
    position, when an input is contiguous along it too: matmul becomes
    m, k, n (an AXPY of B's rows into C's row, vectorised along n),
    `conv_2d_nhwc_hwcf` becomes n, oh, ow, kh, kw, c, f.
    `linalg.matmul_transpose_b` is rewritten as a `linalg.transpose` of B
    and a `linalg.matmul` first (for every element type: the register
    tiles read B by rows), the transpose before the outermost enclosing
    loop B does not depend on (BPTT's reverse loop multiplies by the
    transposed recurrent kernel at every step). The f32 matmuls, `matmul_transpose_a`s, stride-1
    convolutions and filter gradients keep their form
    (`dlc::cpu::isRegisterTiledContraction`). The outermost loop stays
    parallel (the batch or row loop), which
    `convert-linalg-to-parallel-loops` then spreads over threads.

    ```mlir
    %c = linalg.matmul ins(%a, %b : tensor<8x16xf64>, tensor<16x4xf64>)
                       outs(%init : tensor<8x4xf64>) -> tensor<8x4xf64>
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

def DlcCpuTileContractions : Pass<"dlc-cpu-tile-contractions", "mlir::func::FuncOp"> {
  let summary = "Tile matmuls and convolutions on buffers into thread, cache and register tiles, and vectorise the register tiles";
  let description = [{
    The cpu target's GEMM and convolution schedule, after bufferization
    (`../shared/docs/CPU-NOTES.md` has the recipe it follows). Each
    static-shaped f32 contraction of one of these forms is scheduled:

    | op | loops | register tile (rows × columns, reduction) |
    |---|---|---|
    | `linalg.matmul`, `linalg.matmul_transpose_a` | (m, n, k) | 8 m × 32 n, k |
    | `linalg.conv_2d_nhwc_hwcf`, width stride 1 | (n, oh, ow, f, kh, kw, c) | 8 ow × 32 f, c (kh, kw loops around it) |
    | the filter gradient of convert-dlc-to-linalg (a generic), width stride 1 | (n, oh, ow, kh, kw, c, f) | 8 c × 32 f, ow (oh loop around it, images outermost) |

    1. Full tiles: the op is split (`TilingInterface::getTiledImplementation`
       on static pieces) so every row and column extent is a multiple of
       its register tile or smaller than it; the remainder pieces get
       smaller tiles (an 8-column remainder of babi_rnn's 200 gates, 2
       pixels of a 26-wide row). Every tile is static, so every one is
       vectorised.
    2. Threads: when the op is not already inside a parallel loop and has
       at least `min-thread-work` multiply-adds, an `scf.forall` over the
       GEMM's (MC, NC) cache tiles, a convolution's images or a filter
       gradient's filter or channel tiles, converted to an `scf.parallel`
       marked `dlc.cpu.threads` (dlc-outer-parallel-loops keeps it).
    3. Cache tiles of a GEMM: (MC, NC, KC) up to (64, 256, 512), divisors
       of the extents, as OpenBLAS blocks: a KC × NC panel of B stays in
       the second-level cache while MC rows of A stream past it.
    4. Register tiles as `scf.for` loops, the reduction innermost; the
       convolutions' other loops (taps, images, output rows) become loops
       of extent-1 tiles that `linalg::dropUnitDims` then removes, so each
       register tile is a small matmul: 8 × 1 by 1 × 32 (AVX-512; 1 × 16
       columns per vector register on AVX2 with `vector-lanes=8`).
    5. `linalg::vectorize` of every register tile, and the patterns of
       `vectorize_children_and_apply_patterns` (multiply and reduction to
       `vector.contract`, transfer permutations).

    Hoisting the accumulators (dlc-cpu-hoist-accumulators) and lowering the
    contractions to FMAs (dlc-cpu-lower-vectors) follow. Other linalg ops
    are left to the loop lowering.

    ```mlir
    linalg.matmul ins(%a, %b : memref<128x512xf32>, memref<512x512xf32>)
                  outs(%c : memref<128x512xf32>)
    // becomes
    scf.parallel (%i, %j) = (%c0, %c0) to (%c128, %c512) step (%c64, %c256) {
      scf.for %k0 = %c0 to %c512 step %c512 {
        scf.for %m = %c0 to %c64 step %c8 {
          scf.for %n = %c0 to %c256 step %c32 {
            scf.for %k = %c0 to %c512 step %c1 {
              %acc = vector.transfer_read %c[...] : memref<128x512xf32>, vector<8x32xf32>
              %r = vector.contract {...} %lhs, %rhs, %acc
                  : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
              vector.transfer_write %r, %c[...]
    } } } } } {dlc.cpu.threads}
    ```
  }];
  let options = [
    Option<"vectorLanes", "vector-lanes", "int64_t", /*default=*/"16",
           "f32 lanes of a vector register (16: AVX-512, 8: AVX2); a register tile is 2 registers wide">,
    Option<"minThreadWork", "min-thread-work", "int64_t", /*default=*/"262144",
           "Multiply-adds below which a contraction runs on one thread">,
  ];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def DlcCpuVectorizeElementwise : Pass<"dlc-cpu-vectorize-elementwise", "mlir::func::FuncOp"> {
  let summary = "Vectorise element-wise linalg ops along their contiguous rows and 2-D transposes as 16 x 16 tiles, on thread chunks";
  let description = [{
    The cpu target's element-wise schedule, on buffers after
    dlc-cpu-tile-contractions. An all-parallel linalg op of static shape
    whose innermost loop runs along the last dimension of every operand
    that depends on it (an activation, a bias broadcast, a dropout mask, an
    optimizer update, a max-pooling gradient over its window's taps) is
    tiled as rows of `vector-lanes` elements (a remainder row is a piece of
    its own; rows narrower than half a vector are left to LLVM's loop
    vectoriser) and vectorised with `linalg::vectorize` — what LLVM's
    vectoriser does not do for bodies such as the dropout masks' Philox
    rounds (64-bit products of 32-bit counters). A 2-D `linalg.transpose`
    (the B of an A·Bᵀ product) becomes 16 × 16 tiles, each read as 16 rows,
    transposed in registers (dlc-cpu-lower-vectors' shuffles) and written
    as 16 rows, instead of a scalar loop with one strided access per
    element. With at least `min-thread-elements` elements and not already
    inside a parallel loop, the outermost loop is split among threads (an
    `scf.parallel` marked `dlc.cpu.threads`). Reductions stay loops.

    ```mlir
    linalg.generic {... iterator_types = ["parallel", "parallel"]}
        outs(%y : memref<128x512xf32>) { max(%out, 0) }
    // becomes
    scf.parallel (%i) = (%c0) to (%c128) step (%c1) {
      scf.for %j = %c0 to %c512 step %c16 {
        %v = vector.transfer_read %y[%i, %j] ... : vector<1x16xf32>
        %r = arith.maximumf %v, %zero : vector<1x16xf32>
        vector.transfer_write %r, %y[%i, %j] ...
      }
    } {dlc.cpu.threads}
    ```
  }];
  let options = [
    Option<"vectorLanes", "vector-lanes", "int64_t", /*default=*/"16",
           "Elements of a vector row (f32 lanes of a register)">,
    Option<"minThreadElements", "min-thread-elements", "int64_t", /*default=*/"32768",
           "Elements below which an op runs on one thread">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def DlcCpuHoistAccumulators : Pass<"dlc-cpu-hoist-accumulators", "mlir::func::FuncOp"> {
  let summary = "Keep register tiles' accumulators in registers across their reduction loops, summed in blocks";
  let description = [{
    Runs after dlc-cpu-tile-contractions, `fold-memref-alias-ops`,
    canonicalize and CSE (in MLIR 19 the hoisting does nothing while the
    transfers read through `memref.subview`s). Two steps:

    1. `linalg::hoistRedundantVectorTransfers`: the read and write of a
       register tile's accumulator move out of the loops that do not index
       it, so the reduction loop carries the tile in vector registers
       (one load and store of C per tile instead of one per FMA).
    2. Blocked sums: every loop of at least 16 iterations whose iteration
       argument only gains `vector.contract`/`vector.fma` terms (a tile's
       reduction loops, innermost first) starts from zero, and what it
       started from is added after it. Each loop's terms (a GEMM's KC
       block; one output row, one image of a filter gradient) are summed
       among themselves before they meet the running sum around them, so
       the rounding error grows with the blocks' sizes, not with the
       reduction's length (73,728 terms per element of mnist_cnn's filter
       gradient): the reference kernels' double sums are approached
       without their cost. Where C's tile is read just before the
       outermost loop and the loop writes no memory, the read moves after
       it, so the tile does not occupy registers during the reduction.

    ```mlir
    scf.for %k0 = ... {
      %c = vector.transfer_read %C[%i, %j] ...
      %r = scf.for %k = ... iter_args(%a = %c) -> (vector<8x32xf32>) {
        %n = vector.contract ... %x, %y, %a ...
        scf.yield %n
      }
      vector.transfer_write %r, %C[%i, %j]
    }
    // step 2: the loop starts from zeros, %c is read after it and
    // %c + %r is written
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::vector::VectorDialect"];
}

def DlcCpuApproximateMath : Pass<"dlc-cpu-approximate-math", "mlir::func::FuncOp"> {
  let summary = "Replace f32 tanh, exp, log and the like by MLIR's polynomial approximations";
  let description = [{
    `populateMathPolynomialApproximationPatterns`: `math.tanh`, `math.exp`,
    `math.expm1`, `math.log`, `math.log1p`, `math.erf` (and the other
    functions it covers) on f32 scalars and vectors become branch-free
    arithmetic (range reduction, a polynomial or rational function, FMAs),
    within a few ulps of the correctly rounded value. Without it every such
    op is a call of libm per element — on vectors, one call per lane: the
    LSTMs' gates (sigmoid's exp, tanh) spent a sixth of babi_rnn's step in
    `tanhf` and `expm1f`. Runs after the element-wise vectorisation, so the
    approximations are vector code.

    ```mlir
    %y = math.tanh %x : vector<16xf32>
    // becomes a clamp, a rational polynomial in %x (arith.mulf, addf,
    // divf) and a select for tiny |x|, on vector<16xf32>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def DlcCpuLowerVectors : Pass<"dlc-cpu-lower-vectors", "mlir::func::FuncOp"> {
  let summary = "Lower vector.contract to outer products and FMAs, transfers to loads and stores";
  let description = [{
    The vector lowering of the cpu target's register tiles, before
    `convert-vector-to-scf{full-unroll}` and `convert-vector-to-llvm`:
    leading unit dimensions of element-wise tiles are dropped first
    (`vector<1x16xi32>` ops become `vector<16xi32>` ones), then
    `vector.contract` becomes `vector.outerproduct`s and those
    `vector.fma`s on whole rows of the tile (with AVX-512 an 8 × 32 tile's
    reduction step is 16 `vfmadd` on zmm registers, 8 broadcasts of A and
    2 loads of B), broadcasts and shape casts become element operations,
    transfers of rank 1 become `vector.load`/`vector.store` (higher ranks
    are unrolled first by convert-vector-to-scf), transposes of 16 × 16
    tiles become shuffles, and multi-reductions become element reductions.

    ```mlir
    %r = vector.contract {...} %a, %b, %acc
        : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    // becomes, per row i of the tile
    %ai = vector.extract %a[i, 0] : f32 from vector<8x1xf32>
    %s = vector.splat %ai : vector<32xf32>
    %ri = vector.fma %s, %b0, %acci : vector<32xf32>
    ```
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect"];
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
    than it saves; an op on vectors counts its elements), so each remaining
    parallel loop is one thread fork. The thread tiles of
    dlc-cpu-tile-contractions (marked `dlc.cpu.threads`) stay parallel
    at the top level whatever their count.

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
