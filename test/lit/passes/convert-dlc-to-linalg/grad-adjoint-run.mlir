// The lowered conv2d and pooling gradients, compiled to LLVM and run, are the adjoints of the lowered forward ops: <f(x), dy> = <x, f_x^T(dy)> (and <w, f_w^T(dy)> for the filter), to 1e-4 relative, for valid/same padding, strides and dilations. Inputs are 3 sin(k i).
// RUN: dlc-opt %s -convert-dlc-to-linalg -dlc-cpu-to-llvm=parallel=false \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_runner_utils.so,$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_c_runner_utils.so \
// RUN:   | FileCheck %s

// conv2d: valid; same, stride 2; valid, strides (2, 3), dilations (2, 1); same, strides (3, 2), dilations (1, 2).
// CHECK-COUNT-4: {{^}}[1,  1]
// max valid 2/2; max same 3/2; avg same 3/2; avg valid 2/1; max valid (3, 2)/(1, 2).
// CHECK-COUNT-5: {{^}}[1]{{$}}
module {
  func.func private @printMemrefF32(tensor<*xf32>)
  func.func @f0() {
    %x_e = tensor.empty() : tensor<2x7x6x3xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%x_e : tensor<2x7x6x3xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 7 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 6 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 3 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x7x6x3xf32>
    %w_e = tensor.empty() : tensor<3x3x3x4xf32>
    %w = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%w_e : tensor<3x3x3x4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 3 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 4 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x3x3x4xf32>
    %dy_e = tensor.empty() : tensor<2x5x4x4xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%dy_e : tensor<2x5x4x4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 5 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 4 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 4 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x4x4xf32>
    %y = dlc.conv2d %x, %w padding(valid) {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<2x7x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<2x5x4x4xf32>
    %dx = dlc.conv2d_grad_input %x, %w, %dy padding(valid) {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<2x7x6x3xf32>, tensor<3x3x3x4xf32>, tensor<2x5x4x4xf32>) -> tensor<2x7x6x3xf32>
    %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(valid) {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<2x7x6x3xf32>, tensor<3x3x3x4xf32>, tensor<2x5x4x4xf32>) -> tensor<3x3x3x4xf32>
    %l_z = arith.constant 0.0 : f32
    %l_e = tensor.empty() : tensor<f32>
    %l_f = linalg.fill ins(%l_z : f32) outs(%l_e : tensor<f32>) -> tensor<f32>
    %l = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%y, %dy : tensor<2x5x4x4xf32>, tensor<2x5x4x4xf32>) outs(%l_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r1_z = arith.constant 0.0 : f32
    %r1_e = tensor.empty() : tensor<f32>
    %r1_f = linalg.fill ins(%r1_z : f32) outs(%r1_e : tensor<f32>) -> tensor<f32>
    %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %dx : tensor<2x7x6x3xf32>, tensor<2x7x6x3xf32>) outs(%r1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r2_z = arith.constant 0.0 : f32
    %r2_e = tensor.empty() : tensor<f32>
    %r2_f = linalg.fill ins(%r2_z : f32) outs(%r2_e : tensor<f32>) -> tensor<f32>
    %r2 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%w, %dw : tensor<3x3x3x4xf32>, tensor<3x3x3x4xf32>) outs(%r2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %lv = tensor.extract %l[] : tensor<f32>
    %alv = math.absf %lv : f32
    %onef = arith.constant 1.0 : f32
    %scale = arith.maximumf %alv, %onef : f32
    %tol0 = arith.constant 1.0e-4 : f32
    %tol = arith.mulf %scale, %tol0 : f32
    %r1v = tensor.extract %r1[] : tensor<f32>
    %r1d = arith.subf %lv, %r1v : f32
    %r1a = math.absf %r1d : f32
    %r1ok = arith.cmpf ole, %r1a, %tol : f32
    %r1f = arith.uitofp %r1ok : i1 to f32
    %r2v = tensor.extract %r2[] : tensor<f32>
    %r2d = arith.subf %lv, %r2v : f32
    %r2a = math.absf %r2d : f32
    %r2ok = arith.cmpf ole, %r2a, %tol : f32
    %r2f = arith.uitofp %r2ok : i1 to f32
    %oks = tensor.from_elements %r1f, %r2f : tensor<2xf32>
    %uo = tensor.cast %oks : tensor<2xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @f1() {
    %x_e = tensor.empty() : tensor<2x7x6x3xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%x_e : tensor<2x7x6x3xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 7 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 6 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 3 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x7x6x3xf32>
    %w_e = tensor.empty() : tensor<3x2x3x4xf32>
    %w = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%w_e : tensor<3x2x3x4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 2 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 4 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x2x3x4xf32>
    %dy_e = tensor.empty() : tensor<2x4x3x4xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%dy_e : tensor<2x4x3x4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 4 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 4 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x4x3x4xf32>
    %y = dlc.conv2d %x, %w padding(same) {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>} : (tensor<2x7x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<2x4x3x4xf32>
    %dx = dlc.conv2d_grad_input %x, %w, %dy padding(same) {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>} : (tensor<2x7x6x3xf32>, tensor<3x2x3x4xf32>, tensor<2x4x3x4xf32>) -> tensor<2x7x6x3xf32>
    %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(same) {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>} : (tensor<2x7x6x3xf32>, tensor<3x2x3x4xf32>, tensor<2x4x3x4xf32>) -> tensor<3x2x3x4xf32>
    %l_z = arith.constant 0.0 : f32
    %l_e = tensor.empty() : tensor<f32>
    %l_f = linalg.fill ins(%l_z : f32) outs(%l_e : tensor<f32>) -> tensor<f32>
    %l = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%y, %dy : tensor<2x4x3x4xf32>, tensor<2x4x3x4xf32>) outs(%l_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r1_z = arith.constant 0.0 : f32
    %r1_e = tensor.empty() : tensor<f32>
    %r1_f = linalg.fill ins(%r1_z : f32) outs(%r1_e : tensor<f32>) -> tensor<f32>
    %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %dx : tensor<2x7x6x3xf32>, tensor<2x7x6x3xf32>) outs(%r1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r2_z = arith.constant 0.0 : f32
    %r2_e = tensor.empty() : tensor<f32>
    %r2_f = linalg.fill ins(%r2_z : f32) outs(%r2_e : tensor<f32>) -> tensor<f32>
    %r2 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%w, %dw : tensor<3x2x3x4xf32>, tensor<3x2x3x4xf32>) outs(%r2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %lv = tensor.extract %l[] : tensor<f32>
    %alv = math.absf %lv : f32
    %onef = arith.constant 1.0 : f32
    %scale = arith.maximumf %alv, %onef : f32
    %tol0 = arith.constant 1.0e-4 : f32
    %tol = arith.mulf %scale, %tol0 : f32
    %r1v = tensor.extract %r1[] : tensor<f32>
    %r1d = arith.subf %lv, %r1v : f32
    %r1a = math.absf %r1d : f32
    %r1ok = arith.cmpf ole, %r1a, %tol : f32
    %r1f = arith.uitofp %r1ok : i1 to f32
    %r2v = tensor.extract %r2[] : tensor<f32>
    %r2d = arith.subf %lv, %r2v : f32
    %r2a = math.absf %r2d : f32
    %r2ok = arith.cmpf ole, %r2a, %tol : f32
    %r2f = arith.uitofp %r2ok : i1 to f32
    %oks = tensor.from_elements %r1f, %r2f : tensor<2xf32>
    %uo = tensor.cast %oks : tensor<2xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @f2() {
    %x_e = tensor.empty() : tensor<1x9x8x2xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%x_e : tensor<1x9x8x2xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 1 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 9 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 8 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 2 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<1x9x8x2xf32>
    %w_e = tensor.empty() : tensor<3x3x2x3xf32>
    %w = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%w_e : tensor<3x3x2x3xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 3 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 2 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 3 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x3x2x3xf32>
    %dy_e = tensor.empty() : tensor<1x3x2x3xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%dy_e : tensor<1x3x2x3xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 1 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 3 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 2 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 3 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<1x3x2x3xf32>
    %y = dlc.conv2d %x, %w padding(valid) {strides = array<i64: 2, 3>, dilations = array<i64: 2, 1>} : (tensor<1x9x8x2xf32>, tensor<3x3x2x3xf32>) -> tensor<1x3x2x3xf32>
    %dx = dlc.conv2d_grad_input %x, %w, %dy padding(valid) {strides = array<i64: 2, 3>, dilations = array<i64: 2, 1>} : (tensor<1x9x8x2xf32>, tensor<3x3x2x3xf32>, tensor<1x3x2x3xf32>) -> tensor<1x9x8x2xf32>
    %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(valid) {strides = array<i64: 2, 3>, dilations = array<i64: 2, 1>} : (tensor<1x9x8x2xf32>, tensor<3x3x2x3xf32>, tensor<1x3x2x3xf32>) -> tensor<3x3x2x3xf32>
    %l_z = arith.constant 0.0 : f32
    %l_e = tensor.empty() : tensor<f32>
    %l_f = linalg.fill ins(%l_z : f32) outs(%l_e : tensor<f32>) -> tensor<f32>
    %l = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%y, %dy : tensor<1x3x2x3xf32>, tensor<1x3x2x3xf32>) outs(%l_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r1_z = arith.constant 0.0 : f32
    %r1_e = tensor.empty() : tensor<f32>
    %r1_f = linalg.fill ins(%r1_z : f32) outs(%r1_e : tensor<f32>) -> tensor<f32>
    %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %dx : tensor<1x9x8x2xf32>, tensor<1x9x8x2xf32>) outs(%r1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r2_z = arith.constant 0.0 : f32
    %r2_e = tensor.empty() : tensor<f32>
    %r2_f = linalg.fill ins(%r2_z : f32) outs(%r2_e : tensor<f32>) -> tensor<f32>
    %r2 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%w, %dw : tensor<3x3x2x3xf32>, tensor<3x3x2x3xf32>) outs(%r2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %lv = tensor.extract %l[] : tensor<f32>
    %alv = math.absf %lv : f32
    %onef = arith.constant 1.0 : f32
    %scale = arith.maximumf %alv, %onef : f32
    %tol0 = arith.constant 1.0e-4 : f32
    %tol = arith.mulf %scale, %tol0 : f32
    %r1v = tensor.extract %r1[] : tensor<f32>
    %r1d = arith.subf %lv, %r1v : f32
    %r1a = math.absf %r1d : f32
    %r1ok = arith.cmpf ole, %r1a, %tol : f32
    %r1f = arith.uitofp %r1ok : i1 to f32
    %r2v = tensor.extract %r2[] : tensor<f32>
    %r2d = arith.subf %lv, %r2v : f32
    %r2a = math.absf %r2d : f32
    %r2ok = arith.cmpf ole, %r2a, %tol : f32
    %r2f = arith.uitofp %r2ok : i1 to f32
    %oks = tensor.from_elements %r1f, %r2f : tensor<2xf32>
    %uo = tensor.cast %oks : tensor<2xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @f3() {
    %x_e = tensor.empty() : tensor<1x8x7x2xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%x_e : tensor<1x8x7x2xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 1 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 8 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 7 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 2 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<1x8x7x2xf32>
    %w_e = tensor.empty() : tensor<2x3x2x3xf32>
    %w = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%w_e : tensor<2x3x2x3xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 3 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 2 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 3 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x3x2x3xf32>
    %dy_e = tensor.empty() : tensor<1x3x4x3xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%dy_e : tensor<1x3x4x3xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 1 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 3 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 4 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 3 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<1x3x4x3xf32>
    %y = dlc.conv2d %x, %w padding(same) {strides = array<i64: 3, 2>, dilations = array<i64: 1, 2>} : (tensor<1x8x7x2xf32>, tensor<2x3x2x3xf32>) -> tensor<1x3x4x3xf32>
    %dx = dlc.conv2d_grad_input %x, %w, %dy padding(same) {strides = array<i64: 3, 2>, dilations = array<i64: 1, 2>} : (tensor<1x8x7x2xf32>, tensor<2x3x2x3xf32>, tensor<1x3x4x3xf32>) -> tensor<1x8x7x2xf32>
    %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(same) {strides = array<i64: 3, 2>, dilations = array<i64: 1, 2>} : (tensor<1x8x7x2xf32>, tensor<2x3x2x3xf32>, tensor<1x3x4x3xf32>) -> tensor<2x3x2x3xf32>
    %l_z = arith.constant 0.0 : f32
    %l_e = tensor.empty() : tensor<f32>
    %l_f = linalg.fill ins(%l_z : f32) outs(%l_e : tensor<f32>) -> tensor<f32>
    %l = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%y, %dy : tensor<1x3x4x3xf32>, tensor<1x3x4x3xf32>) outs(%l_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r1_z = arith.constant 0.0 : f32
    %r1_e = tensor.empty() : tensor<f32>
    %r1_f = linalg.fill ins(%r1_z : f32) outs(%r1_e : tensor<f32>) -> tensor<f32>
    %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %dx : tensor<1x8x7x2xf32>, tensor<1x8x7x2xf32>) outs(%r1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r2_z = arith.constant 0.0 : f32
    %r2_e = tensor.empty() : tensor<f32>
    %r2_f = linalg.fill ins(%r2_z : f32) outs(%r2_e : tensor<f32>) -> tensor<f32>
    %r2 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%w, %dw : tensor<2x3x2x3xf32>, tensor<2x3x2x3xf32>) outs(%r2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %lv = tensor.extract %l[] : tensor<f32>
    %alv = math.absf %lv : f32
    %onef = arith.constant 1.0 : f32
    %scale = arith.maximumf %alv, %onef : f32
    %tol0 = arith.constant 1.0e-4 : f32
    %tol = arith.mulf %scale, %tol0 : f32
    %r1v = tensor.extract %r1[] : tensor<f32>
    %r1d = arith.subf %lv, %r1v : f32
    %r1a = math.absf %r1d : f32
    %r1ok = arith.cmpf ole, %r1a, %tol : f32
    %r1f = arith.uitofp %r1ok : i1 to f32
    %r2v = tensor.extract %r2[] : tensor<f32>
    %r2d = arith.subf %lv, %r2v : f32
    %r2a = math.absf %r2d : f32
    %r2ok = arith.cmpf ole, %r2a, %tol : f32
    %r2f = arith.uitofp %r2ok : i1 to f32
    %oks = tensor.from_elements %r1f, %r2f : tensor<2xf32>
    %uo = tensor.cast %oks : tensor<2xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @f4() {
    %x_e = tensor.empty() : tensor<2x6x6x3xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%x_e : tensor<2x6x6x3xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 6 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 6 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 3 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x6x6x3xf32>
    %dy_e = tensor.empty() : tensor<2x3x3x3xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%dy_e : tensor<2x3x3x3xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 3 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 3 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x3x3x3xf32>
    %y = dlc.max_pool2d %x padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x6x6x3xf32> -> tensor<2x3x3x3xf32>
    %dx = dlc.max_pool2d_grad %x, %dy padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<2x6x6x3xf32>, tensor<2x3x3x3xf32>) -> tensor<2x6x6x3xf32>
    %l_z = arith.constant 0.0 : f32
    %l_e = tensor.empty() : tensor<f32>
    %l_f = linalg.fill ins(%l_z : f32) outs(%l_e : tensor<f32>) -> tensor<f32>
    %l = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%y, %dy : tensor<2x3x3x3xf32>, tensor<2x3x3x3xf32>) outs(%l_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r1_z = arith.constant 0.0 : f32
    %r1_e = tensor.empty() : tensor<f32>
    %r1_f = linalg.fill ins(%r1_z : f32) outs(%r1_e : tensor<f32>) -> tensor<f32>
    %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %dx : tensor<2x6x6x3xf32>, tensor<2x6x6x3xf32>) outs(%r1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %lv = tensor.extract %l[] : tensor<f32>
    %alv = math.absf %lv : f32
    %onef = arith.constant 1.0 : f32
    %scale = arith.maximumf %alv, %onef : f32
    %tol0 = arith.constant 1.0e-4 : f32
    %tol = arith.mulf %scale, %tol0 : f32
    %r1v = tensor.extract %r1[] : tensor<f32>
    %r1d = arith.subf %lv, %r1v : f32
    %r1a = math.absf %r1d : f32
    %r1ok = arith.cmpf ole, %r1a, %tol : f32
    %r1f = arith.uitofp %r1ok : i1 to f32
    %oks = tensor.from_elements %r1f : tensor<1xf32>
    %uo = tensor.cast %oks : tensor<1xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @f5() {
    %x_e = tensor.empty() : tensor<1x7x7x2xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%x_e : tensor<1x7x7x2xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 1 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 7 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 7 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 2 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<1x7x7x2xf32>
    %dy_e = tensor.empty() : tensor<1x4x4x2xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%dy_e : tensor<1x4x4x2xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 1 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 4 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 4 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 2 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<1x4x4x2xf32>
    %y = dlc.max_pool2d %x padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<1x7x7x2xf32> -> tensor<1x4x4x2xf32>
    %dx = dlc.max_pool2d_grad %x, %dy padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x7x7x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x7x7x2xf32>
    %l_z = arith.constant 0.0 : f32
    %l_e = tensor.empty() : tensor<f32>
    %l_f = linalg.fill ins(%l_z : f32) outs(%l_e : tensor<f32>) -> tensor<f32>
    %l = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%y, %dy : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) outs(%l_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r1_z = arith.constant 0.0 : f32
    %r1_e = tensor.empty() : tensor<f32>
    %r1_f = linalg.fill ins(%r1_z : f32) outs(%r1_e : tensor<f32>) -> tensor<f32>
    %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %dx : tensor<1x7x7x2xf32>, tensor<1x7x7x2xf32>) outs(%r1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %lv = tensor.extract %l[] : tensor<f32>
    %alv = math.absf %lv : f32
    %onef = arith.constant 1.0 : f32
    %scale = arith.maximumf %alv, %onef : f32
    %tol0 = arith.constant 1.0e-4 : f32
    %tol = arith.mulf %scale, %tol0 : f32
    %r1v = tensor.extract %r1[] : tensor<f32>
    %r1d = arith.subf %lv, %r1v : f32
    %r1a = math.absf %r1d : f32
    %r1ok = arith.cmpf ole, %r1a, %tol : f32
    %r1f = arith.uitofp %r1ok : i1 to f32
    %oks = tensor.from_elements %r1f : tensor<1xf32>
    %uo = tensor.cast %oks : tensor<1xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @f6() {
    %x_e = tensor.empty() : tensor<2x7x7x3xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%x_e : tensor<2x7x7x3xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 7 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 7 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 3 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x7x7x3xf32>
    %dy_e = tensor.empty() : tensor<2x4x4x3xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%dy_e : tensor<2x4x4x3xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 4 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 4 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 3 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x4x4x3xf32>
    %y = dlc.avg_pool2d %x padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<2x7x7x3xf32> -> tensor<2x4x4x3xf32>
    %dx = dlc.avg_pool2d_grad %x, %dy padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<2x7x7x3xf32>, tensor<2x4x4x3xf32>) -> tensor<2x7x7x3xf32>
    %l_z = arith.constant 0.0 : f32
    %l_e = tensor.empty() : tensor<f32>
    %l_f = linalg.fill ins(%l_z : f32) outs(%l_e : tensor<f32>) -> tensor<f32>
    %l = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%y, %dy : tensor<2x4x4x3xf32>, tensor<2x4x4x3xf32>) outs(%l_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r1_z = arith.constant 0.0 : f32
    %r1_e = tensor.empty() : tensor<f32>
    %r1_f = linalg.fill ins(%r1_z : f32) outs(%r1_e : tensor<f32>) -> tensor<f32>
    %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %dx : tensor<2x7x7x3xf32>, tensor<2x7x7x3xf32>) outs(%r1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %lv = tensor.extract %l[] : tensor<f32>
    %alv = math.absf %lv : f32
    %onef = arith.constant 1.0 : f32
    %scale = arith.maximumf %alv, %onef : f32
    %tol0 = arith.constant 1.0e-4 : f32
    %tol = arith.mulf %scale, %tol0 : f32
    %r1v = tensor.extract %r1[] : tensor<f32>
    %r1d = arith.subf %lv, %r1v : f32
    %r1a = math.absf %r1d : f32
    %r1ok = arith.cmpf ole, %r1a, %tol : f32
    %r1f = arith.uitofp %r1ok : i1 to f32
    %oks = tensor.from_elements %r1f : tensor<1xf32>
    %uo = tensor.cast %oks : tensor<1xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @f7() {
    %x_e = tensor.empty() : tensor<1x6x5x2xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%x_e : tensor<1x6x5x2xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 1 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 6 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 5 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 2 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<1x6x5x2xf32>
    %dy_e = tensor.empty() : tensor<1x5x4x2xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%dy_e : tensor<1x5x4x2xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 1 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 5 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 4 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 2 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<1x5x4x2xf32>
    %y = dlc.avg_pool2d %x padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 1, 1>} : tensor<1x6x5x2xf32> -> tensor<1x5x4x2xf32>
    %dx = dlc.avg_pool2d_grad %x, %dy padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 1, 1>} : (tensor<1x6x5x2xf32>, tensor<1x5x4x2xf32>) -> tensor<1x6x5x2xf32>
    %l_z = arith.constant 0.0 : f32
    %l_e = tensor.empty() : tensor<f32>
    %l_f = linalg.fill ins(%l_z : f32) outs(%l_e : tensor<f32>) -> tensor<f32>
    %l = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%y, %dy : tensor<1x5x4x2xf32>, tensor<1x5x4x2xf32>) outs(%l_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r1_z = arith.constant 0.0 : f32
    %r1_e = tensor.empty() : tensor<f32>
    %r1_f = linalg.fill ins(%r1_z : f32) outs(%r1_e : tensor<f32>) -> tensor<f32>
    %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %dx : tensor<1x6x5x2xf32>, tensor<1x6x5x2xf32>) outs(%r1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %lv = tensor.extract %l[] : tensor<f32>
    %alv = math.absf %lv : f32
    %onef = arith.constant 1.0 : f32
    %scale = arith.maximumf %alv, %onef : f32
    %tol0 = arith.constant 1.0e-4 : f32
    %tol = arith.mulf %scale, %tol0 : f32
    %r1v = tensor.extract %r1[] : tensor<f32>
    %r1d = arith.subf %lv, %r1v : f32
    %r1a = math.absf %r1d : f32
    %r1ok = arith.cmpf ole, %r1a, %tol : f32
    %r1f = arith.uitofp %r1ok : i1 to f32
    %oks = tensor.from_elements %r1f : tensor<1xf32>
    %uo = tensor.cast %oks : tensor<1xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @f8() {
    %x_e = tensor.empty() : tensor<1x7x6x2xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%x_e : tensor<1x7x6x2xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 1 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 7 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 6 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 2 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<1x7x6x2xf32>
    %dy_e = tensor.empty() : tensor<1x5x3x2xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%dy_e : tensor<1x5x3x2xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 1 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 5 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %i2 = linalg.index 2 : index
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %i3 = linalg.index 3 : index
      %c3 = arith.constant 2 : index
      %m3 = arith.muli %a2, %c3 : index
      %a3 = arith.addi %m3, %i3 : index
      %ii = arith.index_cast %a3 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 3.0 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<1x5x3x2xf32>
    %y = dlc.max_pool2d %x padding(valid) {pool_size = array<i64: 3, 2>, strides = array<i64: 1, 2>} : tensor<1x7x6x2xf32> -> tensor<1x5x3x2xf32>
    %dx = dlc.max_pool2d_grad %x, %dy padding(valid) {pool_size = array<i64: 3, 2>, strides = array<i64: 1, 2>} : (tensor<1x7x6x2xf32>, tensor<1x5x3x2xf32>) -> tensor<1x7x6x2xf32>
    %l_z = arith.constant 0.0 : f32
    %l_e = tensor.empty() : tensor<f32>
    %l_f = linalg.fill ins(%l_z : f32) outs(%l_e : tensor<f32>) -> tensor<f32>
    %l = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%y, %dy : tensor<1x5x3x2xf32>, tensor<1x5x3x2xf32>) outs(%l_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %r1_z = arith.constant 0.0 : f32
    %r1_e = tensor.empty() : tensor<f32>
    %r1_f = linalg.fill ins(%r1_z : f32) outs(%r1_e : tensor<f32>) -> tensor<f32>
    %r1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> ()>], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %dx : tensor<1x7x6x2xf32>, tensor<1x7x6x2xf32>) outs(%r1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %o, %m : f32
      linalg.yield %s : f32
    } -> tensor<f32>
    %lv = tensor.extract %l[] : tensor<f32>
    %alv = math.absf %lv : f32
    %onef = arith.constant 1.0 : f32
    %scale = arith.maximumf %alv, %onef : f32
    %tol0 = arith.constant 1.0e-4 : f32
    %tol = arith.mulf %scale, %tol0 : f32
    %r1v = tensor.extract %r1[] : tensor<f32>
    %r1d = arith.subf %lv, %r1v : f32
    %r1a = math.absf %r1d : f32
    %r1ok = arith.cmpf ole, %r1a, %tol : f32
    %r1f = arith.uitofp %r1ok : i1 to f32
    %oks = tensor.from_elements %r1f : tensor<1xf32>
    %uo = tensor.cast %oks : tensor<1xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @main() {
    call @f0() : () -> ()
    call @f1() : () -> ()
    call @f2() : () -> ()
    call @f3() : () -> ()
    call @f4() : () -> ()
    call @f5() : () -> ()
    call @f6() : () -> ()
    call @f7() : () -> ()
    call @f8() : () -> ()
    return
  }
}
