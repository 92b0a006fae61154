// dlc-cuda-form-kernels: each linalg op on buffers becomes a gpu.launch with a
// static grid and block, by the schedule its shape asks for (the numbers
// below are worked out by hand from the shapes: 256 threads a block; 64 x 64
// output tiles over K tiles of 16 for contractions).
// RUN: dlc-opt %s -dlc-cuda-form-kernels -cse | FileCheck %s
// With emulate, the same kernels are host loops over blocks and threads.
// RUN: dlc-opt %s -dlc-cuda-form-kernels=emulate=true | FileCheck %s --check-prefix=EMU

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>

// 128 x 512 points: 65536 / 256 = 256 blocks of 256 threads, one point each.
// CHECK-LABEL: func.func @relu
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: arith.maximumf
// CHECK: gpu.terminator
// CHECK-NEXT: } {dlc.schedule = "elementwise"}
// CHECK-NOT: linalg.generic
// EMU-LABEL: func.func @relu
// EMU: scf.for %{{.*}} = %{{.*}} to %{{.*}} step
// EMU: arith.maximumf
// EMU: } {dlc.schedule = "elementwise"}
// EMU-NOT: gpu.launch
func.func @relu(%x: memref<128x512xf32>, %y: memref<128x512xf32>) {
  linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<128x512xf32>) outs(%y : memref<128x512xf32>) {
  ^bb0(%v: f32, %o: f32):
    %z = arith.constant 0.0 : f32
    %r = arith.maximumf %v, %z : f32
    linalg.yield %r : f32
  }
  return
}

// Softmax's row sums (128 rows of 10): one thread per row, 128 threads in one block.
// CHECK-LABEL: func.func @row_sums
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c128, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for
// CHECK: arith.addf
// CHECK: } {dlc.schedule = "thread-per-output"}
func.func @row_sums(%x: memref<128x10xf32>, %s: memref<128xf32>) {
  linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<128x10xf32>) outs(%s : memref<128xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %acc, %v : f32
    linalg.yield %r : f32
  }
  return
}

// A convolution's bias gradient: 32 outputs, each a sum of 86528 values:
// one block per output, a fixed-order tree in workgroup memory.
// CHECK-LABEL: func.func @bias_grad
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c32, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK-SAME: workgroup(%{{.*}} : memref<256xf32, #gpu.address_space<workgroup>>)
// CHECK: gpu.barrier
// CHECK: } {dlc.schedule = "block-reduction"}
func.func @bias_grad(%dy: memref<86528x32xf32>, %db: memref<32xf32>) {
  linalg.generic {indexing_maps = [#id2, #col], iterator_types = ["reduction", "parallel"]}
      ins(%dy : memref<86528x32xf32>) outs(%db : memref<32xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %acc, %v : f32
    linalg.yield %r : f32
  }
  return
}

// 512 x 64 times 64 x 512: 8 x 8 tiles of 64 x 64, 256 threads with 4 x 4
// outputs each, K in 4 tiles of 16 through workgroup memory.
// CHECK-LABEL: func.func @matmul
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c8, %{{[a-z0-9]+}} = %c8, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK-SAME: workgroup(%{{.*}} : memref<16x64xf32, #gpu.address_space<workgroup>>, %{{.*}} : memref<16x64xf32, #gpu.address_space<workgroup>>)
// CHECK: gpu.barrier
// CHECK: math.fma
// CHECK: } {dlc.schedule = "contraction"}
func.func @matmul(%a: memref<512x64xf32>, %b: memref<64x512xf32>, %c: memref<512x512xf32>) {
  linalg.matmul ins(%a, %b : memref<512x64xf32>, memref<64x512xf32>) outs(%c : memref<512x512xf32>)
  return
}

// 128 x 512 times 512 x 10 (a classifier's dense layer): 2 tiles only, and 32
// K tiles: K is split 4 ways (min(96 / 2, 32 / 8)) into partial sums, which a
// second kernel adds in split order: 1280 outputs, 5 blocks.
// CHECK-LABEL: func.func @split_k
// CHECK: %[[P:.*]] = memref.alloc() : memref<4x1x128x10xf32>
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c2, %{{[a-z0-9]+}} = %c4) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: memref.store %{{.*}}, %[[P]]
// CHECK: } {dlc.schedule = "contraction-split-k"}
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c5, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: memref.load %[[P]]
// CHECK: } {dlc.schedule = "split-k-sum"}
func.func @split_k(%a: memref<128x512xf32>, %b: memref<512x10xf32>, %c: memref<128x10xf32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<128x512xf32>, memref<512x10xf32>) outs(%c : memref<128x10xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  }
  return
}

// A copy between buffers is a kernel too (1000 elements: 4 blocks): nothing
// moves data on the host.
// CHECK-LABEL: func.func @copy
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c4, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK-NOT: memref.copy
func.func @copy(%x: memref<1000xf32>, %y: memref<1000xf32>) {
  memref.copy %x, %y : memref<1000xf32> to memref<1000xf32>
  return
}

// A fill right before a reduction into the same buffer is the reduction's
// start: one kernel, each row's sum starting from 1.5, no fill kernel.
// CHECK-LABEL: func.func @fill_then_sum
// CHECK: %[[START:.*]] = arith.constant 1.500000e+00 : f32
// CHECK-NOT: gpu.launch
// CHECK: gpu.launch
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[START]])
// CHECK: } {dlc.schedule = "thread-per-output"}
// CHECK-NOT: gpu.launch
// CHECK: return
func.func @fill_then_sum(%x: memref<128x10xf32>, %s: memref<128xf32>) {
  %c = arith.constant 1.5 : f32
  linalg.fill ins(%c : f32) outs(%s : memref<128xf32>)
  linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<128x10xf32>) outs(%s : memref<128xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %acc, %v : f32
    linalg.yield %r : f32
  }
  return
}

// Not when something between them reads the buffer, nor when the reduction
// reads the buffer as an input too: then the fill is a kernel of its own.
// CHECK-LABEL: func.func @no_fold
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK: } {dlc.schedule = "thread-per-output"}
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK: } {dlc.schedule = "thread-per-output"}
func.func @no_fold(%x: memref<128x10xf32>, %s: memref<128xf32>, %t: memref<128xf32>, %u: memref<128x128xf32>) {
  %c = arith.constant 0.0 : f32
  linalg.fill ins(%c : f32) outs(%s : memref<128xf32>)
  memref.copy %s, %t : memref<128xf32> to memref<128xf32>
  linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<128x10xf32>) outs(%s : memref<128xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %acc, %v : f32
    linalg.yield %r : f32
  }
  linalg.fill ins(%c : f32) outs(%t : memref<128xf32>)
  linalg.generic {indexing_maps = [#col, #row], iterator_types = ["parallel", "reduction"]}
      ins(%t : memref<128xf32>) outs(%t : memref<128xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %acc, %v : f32
    linalg.yield %r : f32
  }
  return
}

// Consecutive element-wise ops that write no buffer another of them touches
// run as one kernel: 1000 + 512 + 512 points laid end to end, 2024 threads
// in 8 blocks, each running the one point it lands on. The third op reads
// what the second writes, so it starts a kernel of its own... unless, as
// here, it reads only fresh buffers of its own. Arguments are told apart by
// their dlc.place (region, offset, bytes).
// CHECK-LABEL: func.func @group
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c8, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256,
// CHECK: arith.cmpi ult, %{{.*}}, %c1000
// CHECK: math.sqrt
// CHECK: arith.cmpi ult, %{{.*}}, %c1512
// CHECK: arith.cmpi uge, %{{.*}}, %c1000
// CHECK: arith.mulf
// CHECK: arith.cmpi ult, %{{.*}}, %c2024
// CHECK: arith.cmpi uge, %{{.*}}, %c1512
// CHECK: arith.negf
// CHECK: } {dlc.schedule = "elementwise-group"}
// CHECK-NOT: gpu.launch
// CHECK: return
#vec = affine_map<(d0) -> (d0)>
func.func @group(%a: memref<1000xf32> {dlc.place = array<i64: 0, 0, 4000>},
                 %b: memref<512xf32> {dlc.place = array<i64: 0, 4032, 2048>},
                 %c: memref<512xf32> {dlc.place = array<i64: 0, 6080, 2048>}) {
  %t = memref.alloc() : memref<512xf32>
  linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%a : memref<1000xf32>) outs(%a : memref<1000xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = math.sqrt %v : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%b : memref<512xf32>) outs(%t : memref<512xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = arith.mulf %v, %v : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%c : memref<512xf32>) outs(%c : memref<512xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = arith.negf %v : f32
    linalg.yield %r : f32
  }
  return
}

// Not when one reads what another writes (%t), nor for two arguments whose
// places overlap, nor for arguments without places (they may be one buffer).
// CHECK-LABEL: func.func @no_group
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK-NOT: elementwise-group
func.func @no_group(%a: memref<512xf32> {dlc.place = array<i64: 0, 0, 2048>},
                    %b: memref<512xf32> {dlc.place = array<i64: 0, 1024, 2048>},
                    %c: memref<512xf32>, %d: memref<512xf32>) {
  %t = memref.alloc() : memref<512xf32>
  linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%a : memref<512xf32>) outs(%t : memref<512xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%t : memref<512xf32>) outs(%b : memref<512xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%a : memref<512xf32>) outs(%c : memref<512xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%a : memref<512xf32>) outs(%d : memref<512xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  }
  return
}
