// dlc-cpu-approximate-math: f32 tanh and exp, scalar or vector, become
// arithmetic (no math.tanh / math.exp left for libm); f64 is left alone.
// RUN: dlc-opt %s -pass-pipeline='builtin.module(func.func(dlc-cpu-approximate-math))' | FileCheck %s

// CHECK-LABEL: func.func @gates
// CHECK-NOT: math.tanh
// CHECK-NOT: math.exp
// CHECK: arith.mulf {{.*}} : vector<16xf32>
// CHECK: return
func.func @gates(%x: vector<16xf32>, %y: f32) -> (vector<16xf32>, f32) {
  %t = math.tanh %x : vector<16xf32>
  %e = math.exp %y : f32
  return %t, %e : vector<16xf32>, f32
}

// CHECK-LABEL: func.func @double
// CHECK: math.tanh %{{.*}} : f64
func.func @double(%x: f64) -> f64 {
  %t = math.tanh %x : f64
  return %t : f64
}
