// The cuda-ptx launch list (codegen/cuda/LaunchList.h) on hand-written host
// code: launches come out in order with their grids and blocks, a memref
// argument as its descriptor (two pointers as region + offset, then offset,
// sizes and strides), temporaries placed in the arena by the launches that use
// them (two temporaries alive at once never overlap; one that died is
// reused), a static host loop unrolled; and host code that computes on data is
// refused, naming the op it came from.
#include "codegen/cuda/LaunchList.h"

#include "abi/CudaAbi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
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
                         memref::MemRefDialect, scf::SCFDialect>();
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

  const auto &launches = list->functions.at("train_step");
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
