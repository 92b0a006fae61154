// dlc-cuda-merge-kernel-modules: the kernels gpu-kernel-outlining put in one
// gpu.module each go into @dlc_kernels, named <function>_<n>_<op> (n counts
// a function's kernels in launch order; the op is the kernel's location
// name), with one copy of the globals they share; a kernel nobody launches
// is dropped, and every launch points at the new name.
// RUN: dlc-opt %s -dlc-cuda-merge-kernel-modules | FileCheck %s
// RUN: dlc-opt %s -dlc-cuda-merge-kernel-modules | FileCheck %s --check-prefix=ONCE

// CHECK-LABEL: func.func @train_step
// CHECK: gpu.launch_func @dlc_kernels::@train_step_0_dense_1 blocks
// CHECK: gpu.launch_func @dlc_kernels::@train_step_1_dropout_1 blocks
// CHECK: gpu.launch_func @dlc_kernels::@train_step_0_dense_1 blocks
// CHECK-LABEL: func.func @predict
// CHECK: gpu.launch_func @dlc_kernels::@predict_0_op blocks
// CHECK: gpu.module @dlc_kernels
// CHECK-DAG: gpu.func @train_step_0_dense_1(
// CHECK-DAG: gpu.func @train_step_1_dropout_1(
// CHECK-DAG: gpu.func @predict_0_op(
// CHECK-DAG: memref.global "public" @dlc_run_seed
// ONCE-COUNT-1: memref.global "public" @dlc_run_seed
// ONCE-NOT: memref.global
// ONCE-NOT: gpu.module @k
// ONCE-NOT: @unused
module attributes {gpu.container_module} {
  func.func @train_step(%a: memref<16xf32>) {
    %c1 = arith.constant 1 : index
    gpu.launch_func @k0::@k0 blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%a : memref<16xf32>)
    gpu.launch_func @k1::@k1 blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%a : memref<16xf32>)
    gpu.launch_func @k0::@k0 blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%a : memref<16xf32>)
    return
  }
  func.func @predict(%a: memref<16xf32>) {
    %c1 = arith.constant 1 : index
    gpu.launch_func @k2::@k2 blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%a : memref<16xf32>)
    return
  }
  gpu.module @k0 {
    gpu.func @k0(%a: memref<16xf32>) kernel {
      gpu.return
    } loc("dense_1")
  }
  gpu.module @k1 {
    memref.global "public" @dlc_run_seed : memref<i64> = dense<0>
    gpu.func @k1(%a: memref<16xf32>) kernel {
      %s = memref.get_global @dlc_run_seed : memref<i64>
      gpu.return
    } loc("dropout_1")
  }
  gpu.module @k2 {
    memref.global "public" @dlc_run_seed : memref<i64> = dense<0>
    gpu.func @k2(%a: memref<16xf32>) kernel {
      %s = memref.get_global @dlc_run_seed : memref<i64>
      gpu.return
    }
    gpu.func @unused(%a: memref<16xf32>) kernel {
      gpu.return
    }
  }
}
