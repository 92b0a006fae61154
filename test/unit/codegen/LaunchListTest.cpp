// The cuda-ptx launch list (codegen/cuda/LaunchList.h) on hand-written host
// code: launches come out in order with their grids and blocks, a memref
// argument as its descriptor (two pointers as region + offset, then offset,
// sizes and strides), temporaries placed in the arena by the launches that use
// them (two temporaries alive at once never overlap; one that died is
// reused), a static host loop unrolled; library calls recorded in order with
// their operands (pointers to the views' first elements, shapes, strides),
// attributes and the function's one workspace (grown to what an RNN call
// asks, on every call; an RNN's reserve shared by its three calls, a strided
// RNN operand refused); and host code that computes on data is refused,
// naming the op it came from.
#include "codegen/cuda/LaunchList.h"
#include "codegen/cuda/LibraryOps.h"

#include "abi/CudaAbi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

namespace {

using namespace mlir;
using dlc::cuda::ArgumentPlace;

struct Parsed {
  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  std::string diagnostics;
};

std::unique_ptr<Parsed> parse(const char *text) {
  auto p = std::make_unique<Parsed>();
  p->context.loadDialect<arith::ArithDialect, func::FuncDialect, gpu::GPUDialect,
                         memref::MemRefDialect, scf::SCFDialect, dlc::cuda::DlcCudaDialect,
                         bufferization::BufferizationDialect, tensor::TensorDialect>();
  p->module = parseSourceString<ModuleOp>(text, &p->context);
  return p;
}

FailureOr<dlc::cuda::LaunchList> launchList(Parsed &p,
                                            std::vector<ArgumentPlace> places) {
  ScopedDiagnosticHandler handler(&p.context, [&](Diagnostic &d) {
    p.diagnostics += d.str() + "\n";
    return success();
  });
  std::map<std::string, std::vector<ArgumentPlace>> arguments{{"train_step", places}};
  return dlc::cuda::buildLaunchList(*p.module, {"train_step"}, arguments);
}

constexpr const char *kKernels = R"(
  gpu.module @dlc_kernels {
    gpu.func @scale(%a: memref<16xf32>, %b: memref<16xf32>) kernel { gpu.return }
    gpu.func @add(%a: memref<16xf32>, %b: memref<16xf32>, %n: index) kernel { gpu.return }
  }
)";

TEST(LaunchList, LaunchesTemporariesAndUnrolledLoops) {
  std::string text = std::string("module attributes {gpu.container_module} {") + kKernels + R"(
  func.func @train_step(%x: memref<16xf32>, %y: memref<16xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c4 = arith.constant 4 : index
    %c16 = arith.constant 16 : index
    %t = memref.alloc() : memref<16xf32>
    %u = memref.alloc() : memref<16xf32>
    gpu.launch_func @dlc_kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c16, %c1, %c1) args(%x : memref<16xf32>, %t : memref<16xf32>)
    gpu.launch_func @dlc_kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c16, %c1, %c1) args(%t : memref<16xf32>, %u : memref<16xf32>)
    %v = memref.alloc() : memref<16xf32>
    scf.for %i = %c0 to %c2 step %c1 {
      gpu.launch_func @dlc_kernels::@add blocks in (%c2, %c1, %c1) threads in (%c4, %c2, %c1) args(%u : memref<16xf32>, %v : memref<16xf32>, %i : index)
    }
    gpu.launch_func @dlc_kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c16, %c1, %c1) args(%v : memref<16xf32>, %y : memref<16xf32>)
    return
  }
})";
  auto p = parse(text.c_str());
  ASSERT_TRUE(p->module);
  auto list = launchList(*p, {{dlc::abi::Region::Io, 0}, {dlc::abi::Region::Io, 64}});
  ASSERT_TRUE(succeeded(list)) << p->diagnostics;

  // Two kernels; a 1-d memref is 2 pointers + offset, size, stride.
  ASSERT_EQ(list->kernels.size(), 2u);
  EXPECT_EQ(list->kernels[0].name, "scale");
  EXPECT_EQ(list->kernels[0].params, "ppuuuppuuu");
  EXPECT_EQ(list->kernels[1].params, "ppuuuppuuuu");

  std::vector<dlc::cuda::Launch> launches;
  for (const dlc::cuda::Step &step : list->functions.at("train_step"))
    launches.push_back(std::get<dlc::cuda::Launch>(step));
  ASSERT_EQ(launches.size(), 5u); // the loop of two is unrolled
  using dlc::abi::encodePointer;
  using dlc::abi::Region;
  // scale(x, t): x is io + 0; t, the first temporary, arena + 0.
  EXPECT_EQ(launches[0].kernel, 0u);
  EXPECT_EQ(launches[0].args, (std::vector<uint64_t>{
                                  encodePointer(Region::Io, 0), encodePointer(Region::Io, 0), 0,
                                  16, 1, encodePointer(Region::Arena, 0),
                                  encodePointer(Region::Arena, 0), 0, 16, 1}));
  // scale(t, u): both alive at once, so u does not overlap t (64-byte slots).
  const uint64_t t = dlc::abi::pointerOffset(launches[1].args[0]);
  const uint64_t u = dlc::abi::pointerOffset(launches[1].args[5]);
  EXPECT_EQ(dlc::abi::pointerRegion(launches[1].args[5]), Region::Arena);
  EXPECT_TRUE(u >= t + 64 || t >= u + 64) << t << " " << u;
  // add(u, v, i) for i = 0, 1: grid 2, block 4 x 2; v reuses t's bytes (t
  // is dead after the second launch).
  for (int i = 0; i < 2; ++i) {
    const auto &l = launches[2 + i];
    EXPECT_EQ(l.kernel, 1u);
    EXPECT_EQ(l.grid, (std::array<int64_t, 3>{2, 1, 1}));
    EXPECT_EQ(l.block, (std::array<int64_t, 3>{4, 2, 1}));
    EXPECT_EQ(l.args[5], encodePointer(Region::Arena, t));
    EXPECT_EQ(l.args.back(), uint64_t(i));
  }
  // scale(v, y): y is io + 64.
  EXPECT_EQ(launches[4].args[5], encodePointer(Region::Io, 64));
  EXPECT_GE(list->workspaceBytes, 128u);
}

TEST(LaunchList, LibraryCallsWithViewsAndAWorkspace) {
  // y (io + 256) = x[2:6, :] (a row block of an io argument) · t[4:20] (a
  // view of a temporary a kernel wrote); then a kernel reads y and t.
  std::string text = std::string("module attributes {gpu.container_module} {") + kKernels + R"(
  func.func @train_step(%x: memref<8x4xf32>, %y: memref<4x4xf32>) {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %t = memref.alloc() : memref<32xf32>
    %t16 = memref.reinterpret_cast %t to offset: [0], sizes: [16], strides: [1] : memref<32xf32> to memref<16xf32>
    gpu.launch_func @dlc_kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c16, %c1, %c1) args(%t16 : memref<16xf32>, %t16 : memref<16xf32>)
    %t2 = memref.reinterpret_cast %t to offset: [4], sizes: [4, 4], strides: [4, 1] : memref<32xf32> to memref<4x4xf32, strided<[4, 1], offset: 4>>
    %xs = memref.subview %x[2, 0] [4, 4] [1, 1] : memref<8x4xf32> to memref<4x4xf32, strided<[4, 1], offset: 8>>
    dlc_cuda.gemm ins(%xs, %t2 : memref<4x4xf32, strided<[4, 1], offset: 8>>, memref<4x4xf32, strided<[4, 1], offset: 4>>) outs(%y : memref<4x4xf32>) loc("dense_7")
    %y1 = memref.collapse_shape %y [[0, 1]] : memref<4x4xf32> into memref<16xf32>
    gpu.launch_func @dlc_kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c16, %c1, %c1) args(%y1 : memref<16xf32>, %t16 : memref<16xf32>)
    return
  }
})";
  auto p = parse(text.c_str());
  ASSERT_TRUE(p->module) << text;
  auto list = launchList(*p, {{dlc::abi::Region::Io, 0}, {dlc::abi::Region::Io, 256}});
  ASSERT_TRUE(succeeded(list)) << p->diagnostics;
  using dlc::abi::encodePointer;
  using dlc::abi::Region;
  const auto &steps = list->functions.at("train_step");
  ASSERT_EQ(steps.size(), 3u);
  ASSERT_TRUE(std::holds_alternative<dlc::cuda::Launch>(steps[0]));
  ASSERT_TRUE(std::holds_alternative<dlc::cuda::LibraryCall>(steps[1]));
  const auto &call = std::get<dlc::cuda::LibraryCall>(steps[1]);
  EXPECT_EQ(call.call, "cublaslt.gemm");
  EXPECT_EQ(call.layer, "dense_7");
  ASSERT_EQ(call.operands.size(), 3u);
  // a: row 2 of x, 4 floats a row: io + 2 * 4 * 4 bytes.
  EXPECT_EQ(call.operands[0].role, "a");
  EXPECT_EQ(call.operands[0].pointer, encodePointer(Region::Io, 32));
  EXPECT_EQ(call.operands[0].shape, (std::vector<int64_t>{4, 4}));
  EXPECT_EQ(call.operands[0].strides, (std::vector<int64_t>{4, 1}));
  // b: element 4 of the temporary t, wherever t was placed.
  const uint64_t t = dlc::abi::pointerOffset(std::get<dlc::cuda::Launch>(steps[0]).args[0]);
  EXPECT_EQ(dlc::abi::pointerRegion(std::get<dlc::cuda::Launch>(steps[0]).args[0]), Region::Arena);
  EXPECT_EQ(call.operands[1].role, "b");
  EXPECT_EQ(call.operands[1].pointer, encodePointer(Region::Arena, t + 16));
  EXPECT_EQ(call.operands[1].strides, (std::vector<int64_t>{4, 1}));
  EXPECT_EQ(call.operands[2].role, "c");
  EXPECT_EQ(call.operands[2].pointer, encodePointer(Region::Io, 256));
  EXPECT_EQ(call.attributes["transpose_a"], false);
  EXPECT_EQ(call.attributes["accumulate"], false);
  EXPECT_EQ(call.attributes["epilogue"], "none");
  // The workspace: in the arena, apart from t (alive across the call).
  EXPECT_EQ(call.workspaceBytes, dlc::cuda::kLibraryWorkspaceBytes);
  EXPECT_EQ(dlc::abi::pointerRegion(call.workspace), Region::Arena);
  const uint64_t w = dlc::abi::pointerOffset(call.workspace);
  EXPECT_TRUE(w >= t + 64 || t >= w + dlc::cuda::kLibraryWorkspaceBytes) << t << " " << w;
  EXPECT_GE(list->workspaceBytes, dlc::cuda::kLibraryWorkspaceBytes + 64);
  // The kernels' table has no entry for the call.
  EXPECT_EQ(list->kernels.size(), 1u);
}

TEST(LaunchList, RnnCallsGrowTheSharedWorkspace) {
  // A GEMM (64 MiB of workspace), then an LSTM's three cuDNN calls asking for
  // 100 MiB: the function's one workspace is 100 MiB, and every call, the
  // GEMM recorded before too, is told so. The reserve is a temporary alive
  // from the forward to the weight gradient.
  std::string text = std::string("module attributes {gpu.container_module} {") + kKernels + R"(
  func.func @train_step(%x: memref<2x4x2xf32>, %w: memref<84xf32>, %a: memref<4x4xf32>, %dw: memref<84xf32>) {
    %c = memref.alloc() : memref<4x4xf32>
    dlc_cuda.gemm ins(%a, %a : memref<4x4xf32>, memref<4x4xf32>) outs(%c : memref<4x4xf32>) loc("dense_1")
    %n = memref.alloc() : memref<2xi32>
    %y = memref.alloc() : memref<2x4x3xf32>
    %r = memref.alloc() : memref<1000xf32>
    dlc_cuda.rnn_forward ins(%x, %w, %n : memref<2x4x2xf32>, memref<84xf32>, memref<2xi32>) outs(%y, %r : memref<2x4x3xf32>, memref<1000xf32>) {cell = "lstm", workspace_bytes = 104857600 : i64} loc("lstm_1")
    %dx = memref.alloc() : memref<2x4x2xf32>
    dlc_cuda.rnn_backward_data ins(%y, %y, %w, %n : memref<2x4x3xf32>, memref<2x4x3xf32>, memref<84xf32>, memref<2xi32>) outs(%dx, %r : memref<2x4x2xf32>, memref<1000xf32>) {cell = "lstm", workspace_bytes = 104857600 : i64} loc("lstm_1")
    dlc_cuda.rnn_backward_weights ins(%x, %y, %n, %r : memref<2x4x2xf32>, memref<2x4x3xf32>, memref<2xi32>, memref<1000xf32>) outs(%dw : memref<84xf32>) {cell = "lstm", workspace_bytes = 104857600 : i64} loc("lstm_1")
    return
  }
})";
  auto p = parse(text.c_str());
  ASSERT_TRUE(p->module) << text;
  using dlc::abi::Region;
  auto list = launchList(*p, {{Region::Io, 0}, {Region::State, 0}, {Region::Io, 256}, {Region::State, 512}});
  ASSERT_TRUE(succeeded(list)) << p->diagnostics;
  const auto &steps = list->functions.at("train_step");
  ASSERT_EQ(steps.size(), 4u);
  const uint64_t mib100 = uint64_t(100) << 20;
  for (const auto &step : steps)
    EXPECT_EQ(std::get<dlc::cuda::LibraryCall>(step).workspaceBytes, mib100);
  const auto &fwd = std::get<dlc::cuda::LibraryCall>(steps[1]);
  EXPECT_EQ(fwd.call, "cudnn.rnn_forward");
  EXPECT_EQ(fwd.layer, "lstm_1");
  std::vector<std::string> roles;
  for (const auto &o : fwd.operands) roles.push_back(o.role);
  EXPECT_EQ(roles, (std::vector<std::string>{"x", "w", "seq_lengths", "y", "reserve"}));
  EXPECT_EQ(fwd.attributes["cell"], "lstm");
  EXPECT_EQ(fwd.attributes["training"], true);
  EXPECT_EQ(fwd.operands[1].pointer, dlc::abi::encodePointer(Region::State, 0));
  const auto &data = std::get<dlc::cuda::LibraryCall>(steps[2]);
  const auto &weights = std::get<dlc::cuda::LibraryCall>(steps[3]);
  EXPECT_EQ(data.call, "cudnn.rnn_backward_data");
  EXPECT_EQ(weights.call, "cudnn.rnn_backward_weights");
  EXPECT_EQ(weights.operands[4].role, "dw");
  EXPECT_EQ(weights.operands[4].pointer, dlc::abi::encodePointer(Region::State, 512));
  // One reserve buffer for the three calls, in the arena, apart from the
  // workspace (both alive across them).
  const uint64_t reserve = fwd.operands[4].pointer;
  EXPECT_EQ(data.operands[5].pointer, reserve);
  EXPECT_EQ(weights.operands[3].pointer, reserve);
  EXPECT_EQ(dlc::abi::pointerRegion(reserve), Region::Arena);
  const uint64_t r = dlc::abi::pointerOffset(reserve), w = dlc::abi::pointerOffset(fwd.workspace);
  EXPECT_TRUE(r >= w + mib100 || w >= r + 4000) << r << " " << w;
  EXPECT_GE(list->workspaceBytes, mib100 + 4000);
}

TEST(LaunchList, RnnCallOnAStridedViewIsRefused) {
  // Every other time step of a longer sequence: cuDNN reads packed data only.
  std::string text = std::string("module attributes {gpu.container_module} {") + kKernels + R"(
  func.func @train_step(%xl: memref<2x8x2xf32>, %w: memref<84xf32>) {
    %x = memref.subview %xl[0, 0, 0] [2, 4, 2] [1, 2, 1] : memref<2x8x2xf32> to memref<2x4x2xf32, strided<[16, 4, 1]>>
    %n = memref.alloc() : memref<2xi32>
    %y = memref.alloc() : memref<2x4x3xf32>
    dlc_cuda.rnn_forward ins(%x, %w, %n : memref<2x4x2xf32, strided<[16, 4, 1]>>, memref<84xf32>, memref<2xi32>) outs(%y : memref<2x4x3xf32>) {cell = "lstm", workspace_bytes = 0 : i64} loc("lstm_1")
    return
  }
})";
  auto p = parse(text.c_str());
  ASSERT_TRUE(p->module) << text;
  auto list = launchList(*p, {{dlc::abi::Region::Io, 0}, {dlc::abi::Region::State, 0}});
  ASSERT_TRUE(failed(list));
  EXPECT_NE(p->diagnostics.find("operand 'x' is not densely packed; cuDNN's RNN needs it to be"),
            std::string::npos)
      << p->diagnostics;
}

TEST(LaunchList, AFusedCallsFallbackStepsAreMarked) {
  // dw = xᵀ·dy with db = Σ_rows dy (bgrad), then its fallback (the plain
  // GEMM and a kernel writing db), then a kernel of the function: the
  // fallback's two steps are marked as the call's (index 0), the last not.
  std::string text = std::string("module attributes {gpu.container_module} {") + kKernels + R"(
  func.func @train_step(%x: memref<4x4xf32>, %dy: memref<4x4xf32>, %dw: memref<4x4xf32>, %db: memref<4xf32>, %y: memref<16xf32>) {
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    dlc_cuda.gemm ins(%x, %dy : memref<4x4xf32>, memref<4x4xf32>) outs(%dw : memref<4x4xf32>) bias_grad(%db : memref<4xf32>) {epilogue = "bgrad", transpose_a = true} loc(fused<{dlc.op_key = "GEMM Aᵀ·B 4x4x4"}>["dense_1"])
    dlc_cuda.fallback {
      dlc_cuda.gemm ins(%x, %dy : memref<4x4xf32>, memref<4x4xf32>) outs(%dw : memref<4x4xf32>) {transpose_a = true} loc("dense_1")
      %dy1 = memref.collapse_shape %dy [[0, 1]] : memref<4x4xf32> into memref<16xf32>
      gpu.launch_func @dlc_kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c16, %c1, %c1) args(%dy1 : memref<16xf32>, %dy1 : memref<16xf32>)
    }
    gpu.launch_func @dlc_kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c16, %c1, %c1) args(%y : memref<16xf32>, %y : memref<16xf32>)
    return
  }
})";
  auto p = parse(text.c_str());
  ASSERT_TRUE(p->module) << text;
  auto list = launchList(*p, {{dlc::abi::Region::Io, 0},
                              {dlc::abi::Region::Io, 64},
                              {dlc::abi::Region::State, 0},
                              {dlc::abi::Region::State, 64},
                              {dlc::abi::Region::Io, 128}});
  ASSERT_TRUE(succeeded(list)) << p->diagnostics;
  const auto &steps = list->functions.at("train_step");
  ASSERT_EQ(steps.size(), 4u);
  const auto &fused = std::get<dlc::cuda::LibraryCall>(steps[0]);
  EXPECT_EQ(fused.attributes["epilogue"], "bgrad");
  ASSERT_EQ(fused.operands.size(), 4u);
  EXPECT_EQ(fused.operands[3].role, "bias_grad");
  EXPECT_EQ(fused.operands[3].pointer, dlc::abi::encodePointer(dlc::abi::Region::State, 64));
  // Its location's op key (what dlc tune groups steps by) and its layer.
  EXPECT_EQ(fused.key, "GEMM Aᵀ·B 4x4x4");
  EXPECT_EQ(fused.layer, "dense_1");
  EXPECT_EQ(std::get<dlc::cuda::LibraryCall>(steps[1]).key, "");
  EXPECT_EQ(dlc::cuda::fallbackOf(steps[0]), -1);
  EXPECT_EQ(std::get<dlc::cuda::LibraryCall>(steps[1]).attributes["epilogue"], "none");
  EXPECT_EQ(dlc::cuda::fallbackOf(steps[1]), 0);
  EXPECT_EQ(dlc::cuda::fallbackOf(steps[2]), 0);
  EXPECT_TRUE(std::holds_alternative<dlc::cuda::Launch>(steps[3]));
  EXPECT_EQ(dlc::cuda::fallbackOf(steps[3]), -1);
}

TEST(LaunchList, LibraryCallOnTensorsIsRefused) {
  std::string text = std::string("module attributes {gpu.container_module} {") + kKernels + R"(
  func.func @train_step(%x: memref<4x4xf32>, %y: memref<4x4xf32>) {
    %a = bufferization.to_tensor %x : memref<4x4xf32>
    %e = tensor.empty() : tensor<4x4xf32>
    %r = dlc_cuda.gemm ins(%a, %a : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32> loc("dense_1")
    return
  }
})";
  auto p = parse(text.c_str());
  ASSERT_TRUE(p->module) << p->diagnostics;
  auto list = launchList(*p, {{dlc::abi::Region::Io, 0}, {dlc::abi::Region::Io, 64}});
  ASSERT_TRUE(failed(list));
  EXPECT_NE(p->diagnostics.find("host code left on the device's data: 'bufferization.to_tensor'"),
            std::string::npos)
      << p->diagnostics;
}

TEST(LaunchList, HostComputeIsAnErrorNamingTheOp) {
  std::string text = std::string("module attributes {gpu.container_module} {") + kKernels + R"(
  func.func @train_step(%x: memref<16xf32>, %y: memref<16xf32>) {
    %c0 = arith.constant 0 : index
    %v = memref.load %x[%c0] : memref<16xf32> loc("dense_1")
    %w = arith.addf %v, %v : f32 loc("dense_1")
    memref.store %w, %y[%c0] : memref<16xf32> loc("dense_1")
    return
  }
})";
  auto p = parse(text.c_str());
  ASSERT_TRUE(p->module);
  auto list = launchList(*p, {{dlc::abi::Region::Io, 0}, {dlc::abi::Region::Io, 64}});
  ASSERT_TRUE(failed(list));
  EXPECT_NE(p->diagnostics.find("cuda-ptx: host code left on the device's data: "
                                "'memref.load' (from 'dense_1')"),
            std::string::npos)
      << p->diagnostics;
}

} // namespace
