// The lowered recurrent layers and their gradients (BPTT), compiled to LLVM and run, match the reference kernels (runtime/kernels/Recurrent.cpp) to 1e-5: the dense constants are those kernels' outputs on the same inputs (x, kernels, bias, dy = 0.5 sin(k i)). Each line prints 1 per compared tensor.
// RUN: dlc-opt %s -convert-dlc-to-linalg -dlc-cpu-to-llvm=parallel=false \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_runner_utils.so,$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_c_runner_utils.so \
// RUN:   | FileCheck %s

// Forward: lstm; lstm hard_sigmoid, return_sequences, go_backwards; gru (Keras 2);
// gru reset_after, return_sequences; simple_rnn go_backwards.
// CHECK-COUNT-5: {{^}}[1]{{$}}
// Gradients (input, kernel, recurrent kernel, bias): lstm; lstm hard_sigmoid,
// return_sequences, go_backwards; simple_rnn go_backwards; simple_rnn
// return_sequences; gru; gru hard_sigmoid, return_sequences, go_backwards;
// gru reset_after; gru reset_after, return_sequences, go_backwards.
// CHECK-COUNT-8: {{^}}[1,  1,  1,  1]{{$}}
module {
  func.func private @printMemrefF32(tensor<*xf32>)
  func.func @c0() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x16xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 16 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x16xf32>
    %rkk_e = tensor.empty() : tensor<4x16xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 16 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x16xf32>
    %bb_e = tensor.empty() : tensor<16xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bb_e : tensor<16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 16 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %ii = arith.index_cast %a0 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<16xf32>
    %y = dlc.lstm %xx, %kk, %rkk, %bb  : (tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<2x4xf32>
    %y_ref = arith.constant dense<[0.168195099, -0.144520104, 0.113362007, -0.0433400683, 0.147321582, -0.151006877, 0.163778231, -0.104145117]> : tensor<8xf32>
    %y_exp = tensor.expand_shape %y_ref [[0, 1]] output_shape [2, 4] : tensor<8xf32> into tensor<2x4xf32>
    %y_z = arith.constant 0.0 : f32
    %y_e = tensor.empty() : tensor<f32>
    %y_f = linalg.fill ins(%y_z : f32) outs(%y_e : tensor<f32>) -> tensor<f32>
    %y_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%y, %y_exp : tensor<2x4xf32>, tensor<2x4xf32>) outs(%y_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %y_mv = tensor.extract %y_m[] : tensor<f32>
    %y_tol = arith.constant 1.0e-5 : f32
    %y_ok = arith.cmpf ole, %y_mv, %y_tol : f32
    %okf = arith.uitofp %y_ok : i1 to f32
    %oks = tensor.from_elements %okf : tensor<1xf32>
    %uo = tensor.cast %oks : tensor<1xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c1() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x16xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 16 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x16xf32>
    %rkk_e = tensor.empty() : tensor<4x16xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 16 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x16xf32>
    %bb_e = tensor.empty() : tensor<16xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bb_e : tensor<16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 16 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %ii = arith.index_cast %a0 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<16xf32>
    %y = dlc.lstm %xx, %kk, %rkk, %bb recurrent_activation(hard_sigmoid) {return_sequences = true, go_backwards = true} : (tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<2x5x4xf32>
    %y_ref = arith.constant dense<[0.0922809169, -0.0760468841, 0.0569803603, -0.0229768641, 0.13460663, -0.111582868, 0.0835150853, -0.0301254075, 0.154051557, -0.127360582, 0.0922981948, -0.0281142853, 0.16355367, -0.133188665, 0.0913985521, -0.021436397, 0.168622732, -0.133804902, 0.0852732509, -0.0127682174, 0.0814293474, -0.0800531134, 0.0892127082, -0.0586305186, 0.118234627, -0.11796803, 0.128214166, -0.0805654973, 0.136067048, -0.136229903, 0.142150491, -0.0845758915, 0.146189287, -0.144754604, 0.144068077, -0.0797423944, 0.152982756, -0.148116797, 0.139999658, -0.0705938861]> : tensor<40xf32>
    %y_exp = tensor.expand_shape %y_ref [[0, 1, 2]] output_shape [2, 5, 4] : tensor<40xf32> into tensor<2x5x4xf32>
    %y_z = arith.constant 0.0 : f32
    %y_e = tensor.empty() : tensor<f32>
    %y_f = linalg.fill ins(%y_z : f32) outs(%y_e : tensor<f32>) -> tensor<f32>
    %y_m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]} ins(%y, %y_exp : tensor<2x5x4xf32>, tensor<2x5x4xf32>) outs(%y_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %y_mv = tensor.extract %y_m[] : tensor<f32>
    %y_tol = arith.constant 1.0e-5 : f32
    %y_ok = arith.cmpf ole, %y_mv, %y_tol : f32
    %okf = arith.uitofp %y_ok : i1 to f32
    %oks = tensor.from_elements %okf : tensor<1xf32>
    %uo = tensor.cast %oks : tensor<1xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c2() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x12xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x12xf32>
    %rkk_e = tensor.empty() : tensor<4x12xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x12xf32>
    %bb_e = tensor.empty() : tensor<12xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bb_e : tensor<12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 12 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %ii = arith.index_cast %a0 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<12xf32>
    %y = dlc.gru %xx, %kk, %rkk, %bb {reset_after = false} : (tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<12xf32>) -> tensor<2x4xf32>
    %y_ref = arith.constant dense<[-0.162335277, 0.173187554, -0.034424454, -0.210578069, -0.119540989, 0.0500056073, 0.136953533, -0.371837497]> : tensor<8xf32>
    %y_exp = tensor.expand_shape %y_ref [[0, 1]] output_shape [2, 4] : tensor<8xf32> into tensor<2x4xf32>
    %y_z = arith.constant 0.0 : f32
    %y_e = tensor.empty() : tensor<f32>
    %y_f = linalg.fill ins(%y_z : f32) outs(%y_e : tensor<f32>) -> tensor<f32>
    %y_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%y, %y_exp : tensor<2x4xf32>, tensor<2x4xf32>) outs(%y_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %y_mv = tensor.extract %y_m[] : tensor<f32>
    %y_tol = arith.constant 1.0e-5 : f32
    %y_ok = arith.cmpf ole, %y_mv, %y_tol : f32
    %okf = arith.uitofp %y_ok : i1 to f32
    %oks = tensor.from_elements %okf : tensor<1xf32>
    %uo = tensor.cast %oks : tensor<1xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c3() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x12xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x12xf32>
    %rkk_e = tensor.empty() : tensor<4x12xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x12xf32>
    %bb_e = tensor.empty() : tensor<2x12xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%bb_e : tensor<2x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x12xf32>
    %y = dlc.gru %xx, %kk, %rkk, %bb {reset_after = true, return_sequences = true} : (tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>) -> tensor<2x5x4xf32>
    %y_ref = arith.constant dense<[0.0397564061, 0.0438496992, 0.0722739249, -0.207274675, 0.0950876921, 0.0529940873, 0.141845331, -0.302205443, 0.136489838, 0.0464245826, 0.205602735, -0.358806551, 0.165844902, 0.0317691453, 0.263595402, -0.401360393, 0.188528612, 0.0123604648, 0.316734314, -0.43767333, 0.0100248279, 0.0239150859, 0.105425358, -0.295416266, 0.0833766982, 0.0093113333, 0.20696643, -0.415508032, 0.147463024, -0.0193441734, 0.298751116, -0.479299724, 0.195323482, -0.0541756153, 0.378963023, -0.523291707, 0.232205242, -0.0919612125, 0.448001653, -0.558145881]> : tensor<40xf32>
    %y_exp = tensor.expand_shape %y_ref [[0, 1, 2]] output_shape [2, 5, 4] : tensor<40xf32> into tensor<2x5x4xf32>
    %y_z = arith.constant 0.0 : f32
    %y_e = tensor.empty() : tensor<f32>
    %y_f = linalg.fill ins(%y_z : f32) outs(%y_e : tensor<f32>) -> tensor<f32>
    %y_m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]} ins(%y, %y_exp : tensor<2x5x4xf32>, tensor<2x5x4xf32>) outs(%y_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %y_mv = tensor.extract %y_m[] : tensor<f32>
    %y_tol = arith.constant 1.0e-5 : f32
    %y_ok = arith.cmpf ole, %y_mv, %y_tol : f32
    %okf = arith.uitofp %y_ok : i1 to f32
    %oks = tensor.from_elements %okf : tensor<1xf32>
    %uo = tensor.cast %oks : tensor<1xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c4() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x4xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 4 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x4xf32>
    %rkk_e = tensor.empty() : tensor<4x4xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 4 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x4xf32>
    %bb_e = tensor.empty() : tensor<4xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bb_e : tensor<4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %ii = arith.index_cast %a0 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4xf32>
    %y = dlc.simple_rnn %xx, %kk, %rkk, %bb {go_backwards = true} : (tensor<2x5x3xf32>, tensor<3x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
    %y_ref = arith.constant dense<[-0.444048107, 0.096690923, 0.258921504, -0.447183579, -0.411750257, 0.0189622566, 0.335492551, -0.490098804]> : tensor<8xf32>
    %y_exp = tensor.expand_shape %y_ref [[0, 1]] output_shape [2, 4] : tensor<8xf32> into tensor<2x4xf32>
    %y_z = arith.constant 0.0 : f32
    %y_e = tensor.empty() : tensor<f32>
    %y_f = linalg.fill ins(%y_z : f32) outs(%y_e : tensor<f32>) -> tensor<f32>
    %y_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%y, %y_exp : tensor<2x4xf32>, tensor<2x4xf32>) outs(%y_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %y_mv = tensor.extract %y_m[] : tensor<f32>
    %y_tol = arith.constant 1.0e-5 : f32
    %y_ok = arith.cmpf ole, %y_mv, %y_tol : f32
    %okf = arith.uitofp %y_ok : i1 to f32
    %oks = tensor.from_elements %okf : tensor<1xf32>
    %uo = tensor.cast %oks : tensor<1xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c5() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x16xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 16 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x16xf32>
    %rkk_e = tensor.empty() : tensor<4x16xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 16 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x16xf32>
    %bb_e = tensor.empty() : tensor<16xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bb_e : tensor<16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 16 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %ii = arith.index_cast %a0 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<16xf32>
    %dy_e = tensor.empty() : tensor<2x4xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%dy_e : tensor<2x4xf32>) {
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
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.55 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x4xf32>
    %g:4 = dlc.lstm_grad %dy, %xx, %kk, %rkk, %bb  : (tensor<2x4xf32>, tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>
    %g0_ref = arith.constant dense<[0.000393119495, 0.00347730797, 0.00119175494, -0.00275058532, 0.00752157765, 0.00617873808, -0.0114968922, 0.0146111744, 0.0181563031, -0.0333681367, 0.0265351087, 0.0454621725, -0.0796719193, 0.0397562645, 0.0977918655, 0.00469258148, 0.00752815185, -0.001261428, 0.00597625133, 0.0162471458, 0.00142880285, 0.00759653561, 0.0328531154, 0.0073770904, 0.00713514583, 0.0659366921, 0.0229170807, -0.00783320516, 0.109056883, 0.0575384349]> : tensor<30xf32>
    %g0_exp = tensor.expand_shape %g0_ref [[0, 1, 2]] output_shape [2, 5, 3] : tensor<30xf32> into tensor<2x5x3xf32>
    %g0_z = arith.constant 0.0 : f32
    %g0_e = tensor.empty() : tensor<f32>
    %g0_f = linalg.fill ins(%g0_z : f32) outs(%g0_e : tensor<f32>) -> tensor<f32>
    %g0_m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]} ins(%g#0, %g0_exp : tensor<2x5x3xf32>, tensor<2x5x3xf32>) outs(%g0_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g0_mv = tensor.extract %g0_m[] : tensor<f32>
    %g0_tol = arith.constant 1.0e-5 : f32
    %g0_ok = arith.cmpf ole, %g0_mv, %g0_tol : f32
    %g1_ref = arith.constant dense<[-0.00832556933, -0.0152574936, -0.00531041622, -0.00323586329, -0.00840540323, -0.0117173623, -0.00464776531, -0.00205203099, -0.0615778826, 0.0742711872, -0.0309337862, 0.0387923792, -0.00974928588, -0.0180299338, -0.00603344152, -0.00433845539, 0.0154387755, 0.0350808091, 0.011027718, 0.00825713202, 0.0150004299, 0.0254564062, 0.00985130388, 0.00477044052, 0.111134999, -0.177797332, 0.0660035387, -0.126941815, 0.0165078565, 0.037390843, 0.0109650306, 0.0104320841, -0.00645632483, -0.0183307193, -0.0052480991, -0.00466994755, -0.00595679739, -0.012655938, -0.00478439173, -0.00251543988, -0.0448286086, 0.09596131, -0.0322614722, 0.0827483684, -0.00605620211, -0.0177700259, -0.00446505565, -0.00564976968]> : tensor<48xf32>
    %g1_exp = tensor.expand_shape %g1_ref [[0, 1]] output_shape [3, 16] : tensor<48xf32> into tensor<3x16xf32>
    %g1_z = arith.constant 0.0 : f32
    %g1_e = tensor.empty() : tensor<f32>
    %g1_f = linalg.fill ins(%g1_z : f32) outs(%g1_e : tensor<f32>) -> tensor<f32>
    %g1_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#1, %g1_exp : tensor<3x16xf32>, tensor<3x16xf32>) outs(%g1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g1_mv = tensor.extract %g1_m[] : tensor<f32>
    %g1_tol = arith.constant 1.0e-5 : f32
    %g1_ok = arith.cmpf ole, %g1_mv, %g1_tol : f32
    %g2_ref = arith.constant dense<[0.0043878858, 0.00933116954, 0.00397610897, 0.0025971795, 0.00441668183, 0.00748110516, 0.00322538638, 0.00150949461, 0.031920135, -0.046870172, 0.0253054947, -0.0389824808, 0.0050770645, 0.0112420348, 0.00389044895, 0.00338830124, -0.00407702709, -0.00818308629, -0.00357024698, -0.002227752, -0.00413289014, -0.00661037024, -0.00290354202, -0.00132082985, -0.0298664607, 0.0407863557, -0.0224061869, 0.032144554, -0.00487352535, -0.0101313815, -0.00366829406, -0.00296179508, 0.00399997225, 0.00723212864, 0.00316094328, 0.00182220992, 0.00409563864, 0.00590585638, 0.00259353803, 0.00112944935, 0.0296217147, -0.035434328, 0.019223446, -0.0237641726, 0.00492809946, 0.00926744565, 0.00346757309, 0.00248942035, -0.00221820828, -0.00351390499, -0.00153726956, -0.000784008298, -0.00229623751, -0.00290995138, -0.00127894757, -0.000520810776, -0.0166209526, 0.0168214627, -0.00889803376, 0.00842867978, -0.00285147619, -0.00472396798, -0.0018445279, -0.00111799326]> : tensor<64xf32>
    %g2_exp = tensor.expand_shape %g2_ref [[0, 1]] output_shape [4, 16] : tensor<64xf32> into tensor<4x16xf32>
    %g2_z = arith.constant 0.0 : f32
    %g2_e = tensor.empty() : tensor<f32>
    %g2_f = linalg.fill ins(%g2_z : f32) outs(%g2_e : tensor<f32>) -> tensor<f32>
    %g2_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#2, %g2_exp : tensor<4x16xf32>, tensor<4x16xf32>) outs(%g2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g2_mv = tensor.extract %g2_m[] : tensor<f32>
    %g2_tol = arith.constant 1.0e-5 : f32
    %g2_ok = arith.cmpf ole, %g2_mv, %g2_tol : f32
    %g3_exp = arith.constant dense<[0.0313156135, 0.0715705454, 0.0224024579, 0.0168811064, 0.0303683598, 0.051792793, 0.0200552177, 0.00971473381, 0.225116462, -0.36366877, 0.13351053, -0.262535006, 0.0336018093, 0.0760964975, 0.0222161394, 0.0212725364]> : tensor<16xf32>
    %g3_z = arith.constant 0.0 : f32
    %g3_e = tensor.empty() : tensor<f32>
    %g3_f = linalg.fill ins(%g3_z : f32) outs(%g3_e : tensor<f32>) -> tensor<f32>
    %g3_m = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%g#3, %g3_exp : tensor<16xf32>, tensor<16xf32>) outs(%g3_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g3_mv = tensor.extract %g3_m[] : tensor<f32>
    %g3_tol = arith.constant 1.0e-5 : f32
    %g3_ok = arith.cmpf ole, %g3_mv, %g3_tol : f32
    %okf0 = arith.uitofp %g0_ok : i1 to f32
    %okf1 = arith.uitofp %g1_ok : i1 to f32
    %okf2 = arith.uitofp %g2_ok : i1 to f32
    %okf3 = arith.uitofp %g3_ok : i1 to f32
    %oks = tensor.from_elements %okf0, %okf1, %okf2, %okf3 : tensor<4xf32>
    %uo = tensor.cast %oks : tensor<4xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c6() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x16xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 16 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x16xf32>
    %rkk_e = tensor.empty() : tensor<4x16xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 16 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x16xf32>
    %bb_e = tensor.empty() : tensor<16xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bb_e : tensor<16xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 16 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %ii = arith.index_cast %a0 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<16xf32>
    %dy_e = tensor.empty() : tensor<2x5x4xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%dy_e : tensor<2x5x4xf32>) {
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
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.55 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x4xf32>
    %g:4 = dlc.lstm_grad %dy, %xx, %kk, %rkk, %bb recurrent_activation(hard_sigmoid) {return_sequences = true, go_backwards = true} : (tensor<2x5x4xf32>, tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>
    %g0_ref = arith.constant dense<[-0.0839336142, 0.0674753934, 0.114687197, -0.0235314611, -0.0596767403, -0.00366757973, 0.0665725619, -0.0905813277, -0.107857212, 0.00805705879, 0.0616311952, 0.0200327542, -0.0730220228, 0.0774155706, 0.10830605, 0.0275741443, 0.0740713179, 0.00618556142, -0.059111055, 0.127598196, 0.11726705, -0.0381004699, -0.0127027426, 0.0323109999, 0.0600128919, -0.0875624269, -0.0999215618, 0.0340333544, 0.0538132302, -0.00950678345]> : tensor<30xf32>
    %g0_exp = tensor.expand_shape %g0_ref [[0, 1, 2]] output_shape [2, 5, 3] : tensor<30xf32> into tensor<2x5x3xf32>
    %g0_z = arith.constant 0.0 : f32
    %g0_e = tensor.empty() : tensor<f32>
    %g0_f = linalg.fill ins(%g0_z : f32) outs(%g0_e : tensor<f32>) -> tensor<f32>
    %g0_m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]} ins(%g#0, %g0_exp : tensor<2x5x3xf32>, tensor<2x5x3xf32>) outs(%g0_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g0_mv = tensor.extract %g0_m[] : tensor<f32>
    %g0_tol = arith.constant 1.0e-5 : f32
    %g0_ok = arith.cmpf ole, %g0_mv, %g0_tol : f32
    %g1_ref = arith.constant dense<[-0.00487890188, -0.00584392995, -0.000252641214, 0.000478992355, -0.0014472967, -0.00371995196, 0.00012397673, -0.000999915064, -0.0363642126, 0.0379493907, -0.0077058156, 0.00550900027, -0.0051456783, -0.00534874387, 0.000151516637, 0.000577687344, 0.0102974735, 0.0155957732, 0.00437607942, 0.000707885949, 0.00258044596, 0.00969024841, 0.00208322192, 0.00301767001, 0.0788907856, -0.103421926, 0.0602755882, -0.0756334364, 0.0111013697, 0.0162243918, 0.00357879279, 0.00121039571, -0.00498044118, -0.00908828434, -0.00393724861, -0.00115675991, -0.00102335855, -0.00555800367, -0.00211856468, -0.00188936142, -0.0391699746, 0.0610722005, -0.0500052013, 0.0669064447, -0.00548335863, -0.0101853441, -0.00357804331, -0.001736584]> : tensor<48xf32>
    %g1_exp = tensor.expand_shape %g1_ref [[0, 1]] output_shape [3, 16] : tensor<48xf32> into tensor<3x16xf32>
    %g1_z = arith.constant 0.0 : f32
    %g1_e = tensor.empty() : tensor<f32>
    %g1_f = linalg.fill ins(%g1_z : f32) outs(%g1_e : tensor<f32>) -> tensor<f32>
    %g1_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#1, %g1_exp : tensor<3x16xf32>, tensor<3x16xf32>) outs(%g1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g1_mv = tensor.extract %g1_m[] : tensor<f32>
    %g1_tol = arith.constant 1.0e-5 : f32
    %g1_ok = arith.cmpf ole, %g1_mv, %g1_tol : f32
    %g2_ref = arith.constant dense<[0.000688224332, 0.00289848261, 0.000375449541, 0.000564460468, 0.000699760974, 0.00300202146, 0.0012317514, 0.00105812133, 0.00599293131, -0.0194295943, 0.00744917244, -0.0213123839, 0.000672838185, 0.00307787769, -0.000343391555, 0.000584747992, -0.000880097563, -0.00296122627, -0.000404663733, -0.000598060491, -0.000909164548, -0.00302413618, -0.00121615455, -0.0010337031, -0.00718238205, 0.0197611749, -0.00711228326, 0.0192761123, -0.000842028589, -0.00315998308, 0.000304812682, -0.000650990987, 0.00104823802, 0.00307118054, 0.000295026228, 0.000645060907, 0.00114032766, 0.00310889445, 0.00112751231, 0.00103265711, 0.00797804818, -0.0203691181, 0.00551720615, -0.0164731182, 0.000869183743, 0.00311839697, -0.000580375548, 0.00066438131, -0.000697164505, -0.00177117728, -4.55109403e-05, -0.000383237289, -0.000783802127, -0.00178117712, -0.000536898035, -0.000573706406, -0.00493415119, 0.0116391014, -0.00157076027, 0.00692307856, -0.000524473668, -0.00166863063, 0.000575685757, -0.000349536305]> : tensor<64xf32>
    %g2_exp = tensor.expand_shape %g2_ref [[0, 1]] output_shape [4, 16] : tensor<64xf32> into tensor<4x16xf32>
    %g2_z = arith.constant 0.0 : f32
    %g2_e = tensor.empty() : tensor<f32>
    %g2_f = linalg.fill ins(%g2_z : f32) outs(%g2_e : tensor<f32>) -> tensor<f32>
    %g2_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#2, %g2_exp : tensor<4x16xf32>, tensor<4x16xf32>) outs(%g2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g2_mv = tensor.extract %g2_m[] : tensor<f32>
    %g2_tol = arith.constant 1.0e-5 : f32
    %g2_ok = arith.cmpf ole, %g2_mv, %g2_tol : f32
    %g3_exp = arith.constant dense<[0.0202872641, 0.0315861776, 0.00915777218, 0.00140210381, 0.00459795119, 0.0196303427, 0.00450970326, 0.00621074392, 0.156326935, -0.210115224, 0.127644509, -0.16376546, 0.0217666831, 0.0329849757, 0.00767472619, 0.00247736159]> : tensor<16xf32>
    %g3_z = arith.constant 0.0 : f32
    %g3_e = tensor.empty() : tensor<f32>
    %g3_f = linalg.fill ins(%g3_z : f32) outs(%g3_e : tensor<f32>) -> tensor<f32>
    %g3_m = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%g#3, %g3_exp : tensor<16xf32>, tensor<16xf32>) outs(%g3_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g3_mv = tensor.extract %g3_m[] : tensor<f32>
    %g3_tol = arith.constant 1.0e-5 : f32
    %g3_ok = arith.cmpf ole, %g3_mv, %g3_tol : f32
    %okf0 = arith.uitofp %g0_ok : i1 to f32
    %okf1 = arith.uitofp %g1_ok : i1 to f32
    %okf2 = arith.uitofp %g2_ok : i1 to f32
    %okf3 = arith.uitofp %g3_ok : i1 to f32
    %oks = tensor.from_elements %okf0, %okf1, %okf2, %okf3 : tensor<4xf32>
    %uo = tensor.cast %oks : tensor<4xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c7() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x4xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 4 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x4xf32>
    %rkk_e = tensor.empty() : tensor<4x4xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 4 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x4xf32>
    %bb_e = tensor.empty() : tensor<4xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bb_e : tensor<4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %ii = arith.index_cast %a0 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4xf32>
    %dy_e = tensor.empty() : tensor<2x4xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%dy_e : tensor<2x4xf32>) {
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
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.55 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x4xf32>
    %g:4 = dlc.simple_rnn_grad %dy, %xx, %kk, %rkk, %bb {go_backwards = true} : (tensor<2x4xf32>, tensor<2x5x3xf32>, tensor<3x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<2x5x3xf32>, tensor<3x4xf32>, tensor<4x4xf32>, tensor<4xf32>
    %g0_ref = arith.constant dense<[-0.393111289, 0.368691653, -0.303227186, -0.0233061314, -0.0194812417, 0.0600998625, 0.0143770343, -0.0169453975, 0.0176272877, 0.00236401754, -0.00368998852, 0.00460516568, 0.000671945512, -0.00105133478, 0.00131368288, -0.328774184, 0.187466338, -0.0252886713, 0.0245880485, -0.102139905, 0.168320894, 0.0308137387, -0.0420461074, 0.0485976264, 0.00690183183, -0.0110452734, 0.0139590818, 0.00202280702, -0.00327157183, 0.00415612385]> : tensor<30xf32>
    %g0_exp = tensor.expand_shape %g0_ref [[0, 1, 2]] output_shape [2, 5, 3] : tensor<30xf32> into tensor<2x5x3xf32>
    %g0_z = arith.constant 0.0 : f32
    %g0_e = tensor.empty() : tensor<f32>
    %g0_f = linalg.fill ins(%g0_z : f32) outs(%g0_e : tensor<f32>) -> tensor<f32>
    %g0_m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]} ins(%g#0, %g0_exp : tensor<2x5x3xf32>, tensor<2x5x3xf32>) outs(%g0_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g0_mv = tensor.extract %g0_m[] : tensor<f32>
    %g0_tol = arith.constant 1.0e-5 : f32
    %g0_ok = arith.cmpf ole, %g0_mv, %g0_tol : f32
    %g1_ref = arith.constant dense<[-0.0601496287, 0.232484743, -0.00215098774, -0.076959081, 0.0887451917, -0.803842068, 0.208092868, 0.130618379, -0.0248196796, 0.537155986, -0.197088137, -0.0481017232]> : tensor<12xf32>
    %g1_exp = tensor.expand_shape %g1_ref [[0, 1]] output_shape [3, 4] : tensor<12xf32> into tensor<3x4xf32>
    %g1_z = arith.constant 0.0 : f32
    %g1_e = tensor.empty() : tensor<f32>
    %g1_f = linalg.fill ins(%g1_z : f32) outs(%g1_e : tensor<f32>) -> tensor<f32>
    %g1_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#1, %g1_exp : tensor<3x4xf32>, tensor<3x4xf32>) outs(%g1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g1_mv = tensor.extract %g1_m[] : tensor<f32>
    %g1_tol = arith.constant 1.0e-5 : f32
    %g1_ok = arith.cmpf ole, %g1_mv, %g1_tol : f32
    %g2_ref = arith.constant dense<[-0.04682469, 0.652819574, -0.223290324, -0.0788740814, -0.0177782476, -0.0127104446, 0.0464854389, -0.0225598067, 0.0656921193, -0.55792129, 0.131642625, 0.100435868, -0.0794969872, 0.804719448, -0.222669289, -0.125399262]> : tensor<16xf32>
    %g2_exp = tensor.expand_shape %g2_ref [[0, 1]] output_shape [4, 4] : tensor<16xf32> into tensor<4x4xf32>
    %g2_z = arith.constant 0.0 : f32
    %g2_e = tensor.empty() : tensor<f32>
    %g2_f = linalg.fill ins(%g2_z : f32) outs(%g2_e : tensor<f32>) -> tensor<f32>
    %g2_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#2, %g2_exp : tensor<4x4xf32>, tensor<4x4xf32>) outs(%g2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g2_mv = tensor.extract %g2_m[] : tensor<f32>
    %g2_tol = arith.constant 1.0e-5 : f32
    %g2_ok = arith.cmpf ole, %g2_mv, %g2_tol : f32
    %g3_exp = arith.constant dense<[0.162618324, -1.67151797, 0.465406805, 0.244934499]> : tensor<4xf32>
    %g3_z = arith.constant 0.0 : f32
    %g3_e = tensor.empty() : tensor<f32>
    %g3_f = linalg.fill ins(%g3_z : f32) outs(%g3_e : tensor<f32>) -> tensor<f32>
    %g3_m = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%g#3, %g3_exp : tensor<4xf32>, tensor<4xf32>) outs(%g3_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g3_mv = tensor.extract %g3_m[] : tensor<f32>
    %g3_tol = arith.constant 1.0e-5 : f32
    %g3_ok = arith.cmpf ole, %g3_mv, %g3_tol : f32
    %okf0 = arith.uitofp %g0_ok : i1 to f32
    %okf1 = arith.uitofp %g1_ok : i1 to f32
    %okf2 = arith.uitofp %g2_ok : i1 to f32
    %okf3 = arith.uitofp %g3_ok : i1 to f32
    %oks = tensor.from_elements %okf0, %okf1, %okf2, %okf3 : tensor<4xf32>
    %uo = tensor.cast %oks : tensor<4xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c8() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x4xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 4 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x4xf32>
    %rkk_e = tensor.empty() : tensor<4x4xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 4 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x4xf32>
    %bb_e = tensor.empty() : tensor<4xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bb_e : tensor<4xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %ii = arith.index_cast %a0 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4xf32>
    %dy_e = tensor.empty() : tensor<2x5x4xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%dy_e : tensor<2x5x4xf32>) {
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
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.55 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x4xf32>
    %g:4 = dlc.simple_rnn_grad %dy, %xx, %kk, %rkk, %bb {return_sequences = true} : (tensor<2x5x4xf32>, tensor<2x5x3xf32>, tensor<3x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<2x5x3xf32>, tensor<3x4xf32>, tensor<4x4xf32>, tensor<4xf32>
    %g0_ref = arith.constant dense<[-0.367093354, 0.275784016, -0.15377295, -0.344996333, 0.2593638, -0.144857422, 0.415609956, -0.306310534, 0.162910953, 0.262050122, -0.187080562, 0.0912841111, -0.457174003, 0.397718072, -0.293985873, -0.220014691, 0.146058261, -0.0558417886, 0.475071162, -0.352540821, 0.190763682, 0.168254942, -0.128243148, 0.0739545077, -0.46351248, 0.324514568, -0.149389952, -0.0950360894, -0.0146583579, 0.122720942]> : tensor<30xf32>
    %g0_exp = tensor.expand_shape %g0_ref [[0, 1, 2]] output_shape [2, 5, 3] : tensor<30xf32> into tensor<2x5x3xf32>
    %g0_z = arith.constant 0.0 : f32
    %g0_e = tensor.empty() : tensor<f32>
    %g0_f = linalg.fill ins(%g0_z : f32) outs(%g0_e : tensor<f32>) -> tensor<f32>
    %g0_m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]} ins(%g#0, %g0_exp : tensor<2x5x3xf32>, tensor<2x5x3xf32>) outs(%g0_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g0_mv = tensor.extract %g0_m[] : tensor<f32>
    %g0_tol = arith.constant 1.0e-5 : f32
    %g0_ok = arith.cmpf ole, %g0_mv, %g0_tol : f32
    %g1_ref = arith.constant dense<[-0.111214697, 0.168002129, -0.0426474288, -0.00282695144, 0.271808833, -0.357957006, 0.222052604, -0.143230498, -0.149029285, 0.174724847, -0.169957474, 0.139963359]> : tensor<12xf32>
    %g1_exp = tensor.expand_shape %g1_ref [[0, 1]] output_shape [3, 4] : tensor<12xf32> into tensor<3x4xf32>
    %g1_z = arith.constant 0.0 : f32
    %g1_e = tensor.empty() : tensor<f32>
    %g1_f = linalg.fill ins(%g1_z : f32) outs(%g1_e : tensor<f32>) -> tensor<f32>
    %g1_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#1, %g1_exp : tensor<3x4xf32>, tensor<3x4xf32>) outs(%g1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g1_mv = tensor.extract %g1_m[] : tensor<f32>
    %g1_tol = arith.constant 1.0e-5 : f32
    %g1_ok = arith.cmpf ole, %g1_mv, %g1_tol : f32
    %g2_ref = arith.constant dense<[0.0702553242, 0.238498539, -0.0489760712, -0.0711790994, -0.0741137564, -0.0945441574, 0.0373923704, 0.0246299542, 0.0580128878, -0.0481019616, -0.0149808526, 0.0161807984, -0.0365875587, 0.121446669, -0.00284402072, -0.034849856]> : tensor<16xf32>
    %g2_exp = tensor.expand_shape %g2_ref [[0, 1]] output_shape [4, 4] : tensor<16xf32> into tensor<4x4xf32>
    %g2_z = arith.constant 0.0 : f32
    %g2_e = tensor.empty() : tensor<f32>
    %g2_f = linalg.fill ins(%g2_z : f32) outs(%g2_e : tensor<f32>) -> tensor<f32>
    %g2_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#2, %g2_exp : tensor<4x4xf32>, tensor<4x4xf32>) outs(%g2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g2_mv = tensor.extract %g2_m[] : tensor<f32>
    %g2_tol = arith.constant 1.0e-5 : f32
    %g2_ok = arith.cmpf ole, %g2_mv, %g2_tol : f32
    %g3_exp = arith.constant dense<[0.562092066, -0.775625587, 0.491970539, -0.311330706]> : tensor<4xf32>
    %g3_z = arith.constant 0.0 : f32
    %g3_e = tensor.empty() : tensor<f32>
    %g3_f = linalg.fill ins(%g3_z : f32) outs(%g3_e : tensor<f32>) -> tensor<f32>
    %g3_m = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%g#3, %g3_exp : tensor<4xf32>, tensor<4xf32>) outs(%g3_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g3_mv = tensor.extract %g3_m[] : tensor<f32>
    %g3_tol = arith.constant 1.0e-5 : f32
    %g3_ok = arith.cmpf ole, %g3_mv, %g3_tol : f32
    %okf0 = arith.uitofp %g0_ok : i1 to f32
    %okf1 = arith.uitofp %g1_ok : i1 to f32
    %okf2 = arith.uitofp %g2_ok : i1 to f32
    %okf3 = arith.uitofp %g3_ok : i1 to f32
    %oks = tensor.from_elements %okf0, %okf1, %okf2, %okf3 : tensor<4xf32>
    %uo = tensor.cast %oks : tensor<4xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c9() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x12xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x12xf32>
    %rkk_e = tensor.empty() : tensor<4x12xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x12xf32>
    %bb_e = tensor.empty() : tensor<12xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bb_e : tensor<12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 12 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %ii = arith.index_cast %a0 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<12xf32>
    %dy_e = tensor.empty() : tensor<2x4xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%dy_e : tensor<2x4xf32>) {
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
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.55 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x4xf32>
    %g:4 = dlc.gru_grad %dy, %xx, %kk, %rkk, %bb  : (tensor<2x4xf32>, tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<12xf32>) -> tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<12xf32>
    %g0_ref = arith.constant dense<[-0.046075657, -0.0269096345, 0.0748972371, -0.0579599887, -0.0340665691, 0.0944469869, -0.0756391287, -0.0406934172, 0.119223788, -0.10887523, -0.0393758118, 0.15104863, -0.195854068, 0.0031028688, 0.192530498, -0.051098451, -0.0357814878, 0.089422226, -0.0621168613, -0.0474741831, 0.112964079, -0.0726896673, -0.0663931817, 0.14380008, -0.070345819, -0.107217439, 0.185181037, 0.00188069791, -0.229451448, 0.243873283]> : tensor<30xf32>
    %g0_exp = tensor.expand_shape %g0_ref [[0, 1, 2]] output_shape [2, 5, 3] : tensor<30xf32> into tensor<2x5x3xf32>
    %g0_z = arith.constant 0.0 : f32
    %g0_e = tensor.empty() : tensor<f32>
    %g0_f = linalg.fill ins(%g0_z : f32) outs(%g0_e : tensor<f32>) -> tensor<f32>
    %g0_m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]} ins(%g#0, %g0_exp : tensor<2x5x3xf32>, tensor<2x5x3xf32>) outs(%g0_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g0_mv = tensor.extract %g0_m[] : tensor<f32>
    %g0_tol = arith.constant 1.0e-5 : f32
    %g0_ok = arith.cmpf ole, %g0_mv, %g0_tol : f32
    %g1_ref = arith.constant dense<[0.000685699866, 0.00104205287, 0.00689931028, 0.00391889922, 0.000201563496, 0.00571259856, -0.0033067544, -0.0124169709, -0.138773412, 0.189099133, -0.219901487, 0.143719167, -0.0001905401, 0.00398003263, -0.0117253819, -0.0116338441, -0.00171555369, -0.016344456, 0.00331649603, 0.0251675658, 0.266817093, -0.461853862, 0.642738521, -0.428329855, -0.000503266929, -0.00485274661, 0.00432718545, 0.00721995533, 0.00144099782, 0.00993644353, 0.000131366993, -0.0116797769, -0.116691306, 0.253104061, -0.39549011, 0.26638639]> : tensor<36xf32>
    %g1_exp = tensor.expand_shape %g1_ref [[0, 1]] output_shape [3, 12] : tensor<36xf32> into tensor<3x12xf32>
    %g1_z = arith.constant 0.0 : f32
    %g1_e = tensor.empty() : tensor<f32>
    %g1_f = linalg.fill ins(%g1_z : f32) outs(%g1_e : tensor<f32>) -> tensor<f32>
    %g1_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#1, %g1_exp : tensor<3x12xf32>, tensor<3x12xf32>) outs(%g1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g1_mv = tensor.extract %g1_m[] : tensor<f32>
    %g1_tol = arith.constant 1.0e-5 : f32
    %g1_ok = arith.cmpf ole, %g1_mv, %g1_tol : f32
    %g2_ref = arith.constant dense<[0.00031761991, 0.000348069996, 0.00351289823, 0.00227980269, 0.000541045854, 0.00474913931, -0.000851076853, -0.00703728525, -0.0456144325, 0.07571657, -0.0995767415, 0.0761194229, -0.000137114155, 9.08340735e-05, -0.00244645821, -0.00196275604, -0.000670288398, -0.00440616161, -3.21933367e-05, 0.00506851869, 0.0170370247, -0.0333724618, 0.0475165956, -0.0395947285, -0.000356511824, -0.00106124592, -0.00129939115, -4.56866692e-05, 0.000373649906, 0.00027050465, 0.00158882083, 0.00249609933, 0.0200495906, -0.0126899462, 0.00232648174, 0.00559161138, 0.00095944159, 0.00191968097, 0.00689029647, 0.00351756113, 0.000369578542, 0.00706135575, -0.00324517093, -0.0140095409, -0.0734771416, 0.0993721113, -0.115538105, 0.0817489773]> : tensor<48xf32>
    %g2_exp = tensor.expand_shape %g2_ref [[0, 1]] output_shape [4, 12] : tensor<48xf32> into tensor<4x12xf32>
    %g2_z = arith.constant 0.0 : f32
    %g2_e = tensor.empty() : tensor<f32>
    %g2_f = linalg.fill ins(%g2_z : f32) outs(%g2_e : tensor<f32>) -> tensor<f32>
    %g2_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#2, %g2_exp : tensor<4x12xf32>, tensor<4x12xf32>) outs(%g2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g2_mv = tensor.extract %g2_m[] : tensor<f32>
    %g2_tol = arith.constant 1.0e-5 : f32
    %g2_ok = arith.cmpf ole, %g2_mv, %g2_tol : f32
    %g3_exp = arith.constant dense<[-0.000251449062, 0.00898914598, -0.0230529848, -0.0239892863, -0.0035645694, -0.0335847624, 0.00640294096, 0.0511344932, 0.543222964, -0.94707346, 1.32839918, -0.881765366]> : tensor<12xf32>
    %g3_z = arith.constant 0.0 : f32
    %g3_e = tensor.empty() : tensor<f32>
    %g3_f = linalg.fill ins(%g3_z : f32) outs(%g3_e : tensor<f32>) -> tensor<f32>
    %g3_m = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%g#3, %g3_exp : tensor<12xf32>, tensor<12xf32>) outs(%g3_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g3_mv = tensor.extract %g3_m[] : tensor<f32>
    %g3_tol = arith.constant 1.0e-5 : f32
    %g3_ok = arith.cmpf ole, %g3_mv, %g3_tol : f32
    %okf0 = arith.uitofp %g0_ok : i1 to f32
    %okf1 = arith.uitofp %g1_ok : i1 to f32
    %okf2 = arith.uitofp %g2_ok : i1 to f32
    %okf3 = arith.uitofp %g3_ok : i1 to f32
    %oks = tensor.from_elements %okf0, %okf1, %okf2, %okf3 : tensor<4xf32>
    %uo = tensor.cast %oks : tensor<4xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c10() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x12xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x12xf32>
    %rkk_e = tensor.empty() : tensor<4x12xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x12xf32>
    %bb_e = tensor.empty() : tensor<12xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bb_e : tensor<12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 12 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %ii = arith.index_cast %a0 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<12xf32>
    %dy_e = tensor.empty() : tensor<2x5x4xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%dy_e : tensor<2x5x4xf32>) {
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
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.55 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x4xf32>
    %g:4 = dlc.gru_grad %dy, %xx, %kk, %rkk, %bb recurrent_activation(hard_sigmoid) {return_sequences = true, go_backwards = true} : (tensor<2x5x4xf32>, tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<12xf32>) -> tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<12xf32>
    %g0_ref = arith.constant dense<[-0.193227321, -0.0563331172, 0.253562689, -0.145123512, 0.149817601, -0.0153387804, 0.157995537, 0.0746640861, -0.237964302, 0.108082689, -0.154170066, 0.0570412576, -0.17697233, -0.0516061299, 0.232244939, 0.0859234482, -0.189234585, 0.11675638, -0.175576746, -0.188970998, 0.377973974, -0.220521882, 0.0744383261, 0.140794545, 0.0726433843, 0.0770163983, -0.155131668, 0.109287858, -0.169935346, 0.072721526]> : tensor<30xf32>
    %g0_exp = tensor.expand_shape %g0_ref [[0, 1, 2]] output_shape [2, 5, 3] : tensor<30xf32> into tensor<2x5x3xf32>
    %g0_z = arith.constant 0.0 : f32
    %g0_e = tensor.empty() : tensor<f32>
    %g0_f = linalg.fill ins(%g0_z : f32) outs(%g0_e : tensor<f32>) -> tensor<f32>
    %g0_m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]} ins(%g#0, %g0_exp : tensor<2x5x3xf32>, tensor<2x5x3xf32>) outs(%g0_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g0_mv = tensor.extract %g0_m[] : tensor<f32>
    %g0_tol = arith.constant 1.0e-5 : f32
    %g0_ok = arith.cmpf ole, %g0_mv, %g0_tol : f32
    %g1_ref = arith.constant dense<[-0.00565858837, -0.00304048089, 0.000547209464, -0.00247893715, 0.000225182914, 0.000758355949, -0.00295216404, -0.00410515536, -0.0893508345, 0.108066618, -0.120924421, 0.0351948179, 0.0111061484, 0.00825221278, 0.000549594522, 0.000203100964, -0.00105482829, -0.00442679645, 0.0064407168, 0.0110798283, 0.195558205, -0.285061598, 0.367616087, -0.223674074, -0.00497502182, -0.00486062234, -0.00107342086, 0.002284477, 0.000784765289, 0.00348009332, -0.00321451551, -0.0065032565, -0.0978868827, 0.164866373, -0.231050596, 0.178962559]> : tensor<36xf32>
    %g1_exp = tensor.expand_shape %g1_ref [[0, 1]] output_shape [3, 12] : tensor<36xf32> into tensor<3x12xf32>
    %g1_z = arith.constant 0.0 : f32
    %g1_e = tensor.empty() : tensor<f32>
    %g1_f = linalg.fill ins(%g1_z : f32) outs(%g1_e : tensor<f32>) -> tensor<f32>
    %g1_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#1, %g1_exp : tensor<3x12xf32>, tensor<3x12xf32>) outs(%g1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g1_mv = tensor.extract %g1_m[] : tensor<f32>
    %g1_tol = arith.constant 1.0e-5 : f32
    %g1_ok = arith.cmpf ole, %g1_mv, %g1_tol : f32
    %g2_ref = arith.constant dense<[-0.000149218031, -0.000188709833, -0.000389260211, -0.00166015164, 0.000375532662, 0.00119409815, -0.00154205621, -0.00253999862, -0.00393488258, 0.0253737345, -0.0449146517, 0.0267363284, 0.000172327622, 0.00014059394, 0.000657731551, 0.0013575058, -0.00038491399, -0.0012056235, 0.000554094091, 0.00132128235, -0.00104255974, -0.00905091129, 0.019000832, -0.0153685203, -0.000192124542, 0.000128822663, -0.000332993863, 3.71627393e-05, 3.15043508e-07, -0.000335548364, 0.00189608906, 0.00285297865, 0.017611336, -0.0229804367, 0.0255054906, -0.0111353491, 8.19914276e-05, -0.00048568871, -0.000355333759, -0.0023772344, 0.000635312055, 0.00261358102, -0.00482532382, -0.00795944687, -0.0246723592, 0.0559555031, -0.0819689855, 0.0490342304]> : tensor<48xf32>
    %g2_exp = tensor.expand_shape %g2_ref [[0, 1]] output_shape [4, 12] : tensor<48xf32> into tensor<4x12xf32>
    %g2_z = arith.constant 0.0 : f32
    %g2_e = tensor.empty() : tensor<f32>
    %g2_f = linalg.fill ins(%g2_z : f32) outs(%g2_e : tensor<f32>) -> tensor<f32>
    %g2_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#2, %g2_exp : tensor<4x12xf32>, tensor<4x12xf32>) outs(%g2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g2_mv = tensor.extract %g2_m[] : tensor<f32>
    %g2_tol = arith.constant 1.0e-5 : f32
    %g2_ok = arith.cmpf ole, %g2_mv, %g2_tol : f32
    %g3_exp = arith.constant dense<[0.0226601493, 0.0168799683, 0.00165747525, 0.000809705816, -0.00236228155, -0.00966442097, 0.0126348501, 0.0222973675, 0.387982428, -0.580483556, 0.760037065, -0.477419257]> : tensor<12xf32>
    %g3_z = arith.constant 0.0 : f32
    %g3_e = tensor.empty() : tensor<f32>
    %g3_f = linalg.fill ins(%g3_z : f32) outs(%g3_e : tensor<f32>) -> tensor<f32>
    %g3_m = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%g#3, %g3_exp : tensor<12xf32>, tensor<12xf32>) outs(%g3_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g3_mv = tensor.extract %g3_m[] : tensor<f32>
    %g3_tol = arith.constant 1.0e-5 : f32
    %g3_ok = arith.cmpf ole, %g3_mv, %g3_tol : f32
    %okf0 = arith.uitofp %g0_ok : i1 to f32
    %okf1 = arith.uitofp %g1_ok : i1 to f32
    %okf2 = arith.uitofp %g2_ok : i1 to f32
    %okf3 = arith.uitofp %g3_ok : i1 to f32
    %oks = tensor.from_elements %okf0, %okf1, %okf2, %okf3 : tensor<4xf32>
    %uo = tensor.cast %oks : tensor<4xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c11() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x12xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x12xf32>
    %rkk_e = tensor.empty() : tensor<4x12xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x12xf32>
    %bb_e = tensor.empty() : tensor<2x12xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%bb_e : tensor<2x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x12xf32>
    %dy_e = tensor.empty() : tensor<2x4xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%dy_e : tensor<2x4xf32>) {
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
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.55 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x4xf32>
    %g:4 = dlc.gru_grad %dy, %xx, %kk, %rkk, %bb {reset_after = true} : (tensor<2x4xf32>, tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>) -> tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>
    %g0_ref = arith.constant dense<[-0.0305621959, -0.0298412256, 0.0625236332, -0.0383789763, -0.0373090729, 0.0783388466, -0.0523503646, -0.0437627733, 0.0992224514, -0.0827404261, -0.0424677208, 0.128225401, -0.172439426, -0.000853996724, 0.173353881, -0.0324964076, -0.0408202484, 0.0762169212, -0.0390557759, -0.0531126112, 0.095942013, -0.0490092784, -0.0696794391, 0.123639405, -0.0528380498, -0.102221847, 0.162322715, 0.0138226897, -0.212336749, 0.213600576]> : tensor<30xf32>
    %g0_exp = tensor.expand_shape %g0_ref [[0, 1, 2]] output_shape [2, 5, 3] : tensor<30xf32> into tensor<2x5x3xf32>
    %g0_z = arith.constant 0.0 : f32
    %g0_e = tensor.empty() : tensor<f32>
    %g0_f = linalg.fill ins(%g0_z : f32) outs(%g0_e : tensor<f32>) -> tensor<f32>
    %g0_m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]} ins(%g#0, %g0_exp : tensor<2x5x3xf32>, tensor<2x5x3xf32>) outs(%g0_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g0_mv = tensor.extract %g0_m[] : tensor<f32>
    %g0_tol = arith.constant 1.0e-5 : f32
    %g0_ok = arith.cmpf ole, %g0_mv, %g0_tol : f32
    %g1_ref = arith.constant dense<[0.0038197292, 0.00560890231, 0.0211669579, 0.00502403686, -0.0191687234, -0.0273856558, -0.0208143909, -0.0153145287, -0.128327996, 0.199756473, -0.15858157, 0.119802468, -0.00734832557, -0.00945165846, -0.0562499687, -0.0157547221, 0.0346961543, 0.0639442131, 0.0567126572, 0.0433733091, 0.241040558, -0.504178166, 0.46486342, -0.353455186, 0.00321594393, 0.0034406106, 0.0326897204, 0.0100603625, -0.0140511924, -0.0338378958, -0.0334852934, -0.0262133572, -0.10245692, 0.28297025, -0.286503136, 0.218614087]> : tensor<36xf32>
    %g1_exp = tensor.expand_shape %g1_ref [[0, 1]] output_shape [3, 12] : tensor<36xf32> into tensor<3x12xf32>
    %g1_z = arith.constant 0.0 : f32
    %g1_e = tensor.empty() : tensor<f32>
    %g1_f = linalg.fill ins(%g1_z : f32) outs(%g1_e : tensor<f32>) -> tensor<f32>
    %g1_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#1, %g1_exp : tensor<3x12xf32>, tensor<3x12xf32>) outs(%g1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g1_mv = tensor.extract %g1_m[] : tensor<f32>
    %g1_tol = arith.constant 1.0e-5 : f32
    %g1_ok = arith.cmpf ole, %g1_mv, %g1_tol : f32
    %g2_ref = arith.constant dense<[-0.00214159652, -0.00344844046, -0.0104900273, -0.00268695853, 0.0114570828, 0.0159565303, 0.0127747208, 0.0114894323, 0.0513339899, -0.0358212031, 0.0620732605, -0.033832904, 0.000337122125, 0.000389204593, -0.00110205833, -0.000486068253, -0.00229261396, -0.000203426389, 0.00127975503, 0.00146101601, -0.00930161681, -0.000895307283, 0.00915083475, -0.00515457615, -0.00431264518, -0.00680043316, -0.0209688544, -0.00500763161, 0.0225362033, 0.0310195405, 0.0240501333, 0.0203605052, 0.101186663, -0.0697512403, 0.116434641, -0.0599666461, 0.00668439688, 0.0105972365, 0.0371957719, 0.00880349148, -0.0333416685, -0.0508014001, -0.0410172902, -0.0334949046, -0.151858166, 0.116885997, -0.203662351, 0.100272447]> : tensor<48xf32>
    %g2_exp = tensor.expand_shape %g2_ref [[0, 1]] output_shape [4, 12] : tensor<48xf32> into tensor<4x12xf32>
    %g2_z = arith.constant 0.0 : f32
    %g2_e = tensor.empty() : tensor<f32>
    %g2_f = linalg.fill ins(%g2_z : f32) outs(%g2_e : tensor<f32>) -> tensor<f32>
    %g2_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#2, %g2_exp : tensor<4x12xf32>, tensor<4x12xf32>) outs(%g2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g2_mv = tensor.extract %g2_m[] : tensor<f32>
    %g2_tol = arith.constant 1.0e-5 : f32
    %g2_ok = arith.cmpf ole, %g2_mv, %g2_tol : f32
    %g3_ref = arith.constant dense<[-0.0149355801, -0.0188086685, -0.115457043, -0.0325900204, 0.0704057217, 0.130823389, 0.116711468, 0.0890411958, 0.490019441, -1.03572381, 0.960523605, -0.72716099, -0.0149355801, -0.0188086685, -0.115457043, -0.0325900204, 0.0704057217, 0.130823389, 0.116711468, 0.0890411958, 0.333913177, -0.32886523, 0.626171172, -0.27978164]> : tensor<24xf32>
    %g3_exp = tensor.expand_shape %g3_ref [[0, 1]] output_shape [2, 12] : tensor<24xf32> into tensor<2x12xf32>
    %g3_z = arith.constant 0.0 : f32
    %g3_e = tensor.empty() : tensor<f32>
    %g3_f = linalg.fill ins(%g3_z : f32) outs(%g3_e : tensor<f32>) -> tensor<f32>
    %g3_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#3, %g3_exp : tensor<2x12xf32>, tensor<2x12xf32>) outs(%g3_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g3_mv = tensor.extract %g3_m[] : tensor<f32>
    %g3_tol = arith.constant 1.0e-5 : f32
    %g3_ok = arith.cmpf ole, %g3_mv, %g3_tol : f32
    %okf0 = arith.uitofp %g0_ok : i1 to f32
    %okf1 = arith.uitofp %g1_ok : i1 to f32
    %okf2 = arith.uitofp %g2_ok : i1 to f32
    %okf3 = arith.uitofp %g3_ok : i1 to f32
    %oks = tensor.from_elements %okf0, %okf1, %okf2, %okf3 : tensor<4xf32>
    %uo = tensor.cast %oks : tensor<4xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @c12() {
    %xx_e = tensor.empty() : tensor<2x5x3xf32>
    %xx = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%xx_e : tensor<2x5x3xf32>) {
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
      %c2 = arith.constant 3 : index
      %m2 = arith.muli %a1, %c2 : index
      %a2 = arith.addi %m2, %i2 : index
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.07 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x3xf32>
    %kk_e = tensor.empty() : tensor<3x12xf32>
    %kk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%kk_e : tensor<3x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 3 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.44 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<3x12xf32>
    %rkk_e = tensor.empty() : tensor<4x12xf32>
    %rkk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%rkk_e : tensor<4x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 4 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 2.8099999999999996 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<4x12xf32>
    %bb_e = tensor.empty() : tensor<2x12xf32>
    %bb = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%bb_e : tensor<2x12xf32>) {
    ^bb0(%o: f32):
      %acc0 = arith.constant 0 : index
      %i0 = linalg.index 0 : index
      %c0 = arith.constant 2 : index
      %m0 = arith.muli %acc0, %c0 : index
      %a0 = arith.addi %m0, %i0 : index
      %i1 = linalg.index 1 : index
      %c1 = arith.constant 12 : index
      %m1 = arith.muli %a0, %c1 : index
      %a1 = arith.addi %m1, %i1 : index
      %ii = arith.index_cast %a1 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.1799999999999997 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x12xf32>
    %dy_e = tensor.empty() : tensor<2x5x4xf32>
    %dy = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%dy_e : tensor<2x5x4xf32>) {
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
      %ii = arith.index_cast %a2 : index to i64
      %f = arith.sitofp %ii : i64 to f32
      %k = arith.constant 3.55 : f32
      %g = arith.mulf %f, %k : f32
      %sn = math.sin %g : f32
      %big = arith.constant 0.5 : f32
      %r = arith.mulf %sn, %big : f32
      linalg.yield %r : f32
    } -> tensor<2x5x4xf32>
    %g:4 = dlc.gru_grad %dy, %xx, %kk, %rkk, %bb {reset_after = true, return_sequences = true, go_backwards = true} : (tensor<2x5x4xf32>, tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>) -> tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>
    %g0_ref = arith.constant dense<[-0.182230234, -0.0520258583, 0.237952292, -0.126642928, 0.140430808, -0.0237656292, 0.170081019, 0.0623894073, -0.236902952, 0.10095375, -0.139416844, 0.0483687446, -0.188973248, -0.0327639431, 0.224064857, 0.0848567635, -0.176296085, 0.103965253, -0.152758345, -0.170515716, 0.335388958, -0.179887831, 0.0613361821, 0.114193529, 0.0954100639, 0.0570302941, -0.156492203, 0.111854024, -0.164260104, 0.0640768707]> : tensor<30xf32>
    %g0_exp = tensor.expand_shape %g0_ref [[0, 1, 2]] output_shape [2, 5, 3] : tensor<30xf32> into tensor<2x5x3xf32>
    %g0_z = arith.constant 0.0 : f32
    %g0_e = tensor.empty() : tensor<f32>
    %g0_f = linalg.fill ins(%g0_z : f32) outs(%g0_e : tensor<f32>) -> tensor<f32>
    %g0_m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]} ins(%g#0, %g0_exp : tensor<2x5x3xf32>, tensor<2x5x3xf32>) outs(%g0_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g0_mv = tensor.extract %g0_m[] : tensor<f32>
    %g0_tol = arith.constant 1.0e-5 : f32
    %g0_ok = arith.cmpf ole, %g0_mv, %g0_tol : f32
    %g1_ref = arith.constant dense<[-0.00154162315, -2.84560956e-05, 0.00799981318, -0.00277343998, -0.00867403578, -0.014891752, -0.0108824801, -0.00460963696, -0.0831178948, 0.116923131, -0.0758106261, 0.0232024919, 0.00126370566, 0.000758913753, -0.0215652045, -0.00514554791, 0.0200447254, 0.0391779207, 0.034181837, 0.026274601, 0.18028371, -0.305238992, 0.248610958, -0.185222596, 0.000331685325, -0.000698167831, 0.0126478495, 0.00770006003, -0.0105178375, -0.022619253, -0.0218450129, -0.0205470528, -0.0894951969, 0.175328776, -0.162222579, 0.154139429]> : tensor<36xf32>
    %g1_exp = tensor.expand_shape %g1_ref [[0, 1]] output_shape [3, 12] : tensor<36xf32> into tensor<3x12xf32>
    %g1_z = arith.constant 0.0 : f32
    %g1_e = tensor.empty() : tensor<f32>
    %g1_f = linalg.fill ins(%g1_z : f32) outs(%g1_e : tensor<f32>) -> tensor<f32>
    %g1_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#1, %g1_exp : tensor<3x12xf32>, tensor<3x12xf32>) outs(%g1_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g1_mv = tensor.extract %g1_m[] : tensor<f32>
    %g1_tol = arith.constant 1.0e-5 : f32
    %g1_ok = arith.cmpf ole, %g1_mv, %g1_tol : f32
    %g2_ref = arith.constant dense<[-0.000138482181, -0.000639686419, -0.00602584286, 0.000115636547, 0.00747832889, 0.0130482521, 0.0123278694, 0.0123285195, 0.0278298482, -0.0264435876, 0.0566920526, -0.0326303877, 2.89828167e-05, 0.000172744665, 0.00201788987, 0.000331537914, -0.00285837194, -0.00332517573, -0.00231762999, -0.00179687713, -0.0116328746, 0.00671583274, -0.0104157226, 0.00525579974, 0.000332271564, -0.000992981717, -0.0104974592, 0.00184652384, 0.0127407275, 0.0231712088, 0.0211856887, 0.018244233, 0.0474105217, -0.0462179966, 0.0947082862, -0.0448349379, -0.00209257845, 0.00112888112, 0.01367197, -0.00541347126, -0.0121523533, -0.0305909254, -0.0290938132, -0.0219928585, -0.0402880311, 0.0597579591, -0.126284748, 0.0475137942]> : tensor<48xf32>
    %g2_exp = tensor.expand_shape %g2_ref [[0, 1]] output_shape [4, 12] : tensor<48xf32> into tensor<4x12xf32>
    %g2_z = arith.constant 0.0 : f32
    %g2_e = tensor.empty() : tensor<f32>
    %g2_f = linalg.fill ins(%g2_z : f32) outs(%g2_e : tensor<f32>) -> tensor<f32>
    %g2_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#2, %g2_exp : tensor<4x12xf32>, tensor<4x12xf32>) outs(%g2_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g2_mv = tensor.extract %g2_m[] : tensor<f32>
    %g2_tol = arith.constant 1.0e-5 : f32
    %g2_ok = arith.cmpf ole, %g2_mv, %g2_tol : f32
    %g3_ref = arith.constant dense<[0.00267002196, 0.001591095, -0.0434418134, -0.0104045961, 0.03942094, 0.0796776786, 0.0708567053, 0.0559372157, 0.357028842, -0.621649384, 0.516373992, -0.396065921, 0.00267002196, 0.001591095, -0.0434418134, -0.0104045961, 0.03942094, 0.0796776786, 0.0708567053, 0.0559372157, 0.238830313, -0.202450603, 0.338912576, -0.146854311]> : tensor<24xf32>
    %g3_exp = tensor.expand_shape %g3_ref [[0, 1]] output_shape [2, 12] : tensor<24xf32> into tensor<2x12xf32>
    %g3_z = arith.constant 0.0 : f32
    %g3_e = tensor.empty() : tensor<f32>
    %g3_f = linalg.fill ins(%g3_z : f32) outs(%g3_e : tensor<f32>) -> tensor<f32>
    %g3_m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g#3, %g3_exp : tensor<2x12xf32>, tensor<2x12xf32>) outs(%g3_f : tensor<f32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %d = arith.subf %p, %q : f32
      %a = math.absf %d : f32
      %mx = arith.maximumf %o, %a : f32
      linalg.yield %mx : f32
    } -> tensor<f32>
    %g3_mv = tensor.extract %g3_m[] : tensor<f32>
    %g3_tol = arith.constant 1.0e-5 : f32
    %g3_ok = arith.cmpf ole, %g3_mv, %g3_tol : f32
    %okf0 = arith.uitofp %g0_ok : i1 to f32
    %okf1 = arith.uitofp %g1_ok : i1 to f32
    %okf2 = arith.uitofp %g2_ok : i1 to f32
    %okf3 = arith.uitofp %g3_ok : i1 to f32
    %oks = tensor.from_elements %okf0, %okf1, %okf2, %okf3 : tensor<4xf32>
    %uo = tensor.cast %oks : tensor<4xf32> to tensor<*xf32>
    call @printMemrefF32(%uo) : (tensor<*xf32>) -> ()
    return
  }
  func.func @main() {
    call @c0() : () -> ()
    call @c1() : () -> ()
    call @c2() : () -> ()
    call @c3() : () -> ()
    call @c4() : () -> ()
    call @c5() : () -> ()
    call @c6() : () -> ()
    call @c7() : () -> ()
    call @c8() : () -> ()
    call @c9() : () -> ()
    call @c10() : () -> ()
    call @c11() : () -> ()
    call @c12() : () -> ()
    return
  }
}
