// The library steps of cuda-cudnn and cuda bundles without a GPU: the
// manifest's steps read into LibraryStep (shapes, strides, paddings,
// epilogues, workspace) and refused field by field when they are not a
// product or a convolution; the translation to the libraries' terms
// (cuBLASLt's column-major call, cuDNN's NCHW dimensions and strides) against
// hand-computed values; the RNN steps read and refused likewise (weight-space
// size, cell, reserve, packed views); the descriptors built by the toolkit's
// cuDNN and cuBLASLt themselves (they need no device; the RNN and RNN data
// descriptors of every cell too); and a bundle with library steps
// on a machine without the driver, or without the library, is a clear error.
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "abi/BundleContainer.h"
#include "abi/CudaAbi.h"
#include "runtime/backends/Backends.h"
#include "runtime/backends/cuda/CudaProgram.h"
#include "runtime/backends/cuda/LibraryCalls.h"
#include "runtime/backends/cuda/VendorLibraries.h"
#include "test/unit/runtime/ScopedEnv.h"
#include "test/unit/runtime/TestManifest.h"

namespace dlc::rt::cuda {
namespace {

using nlohmann::json;
using rt::testing::ManifestBuilder;

uint64_t io(uint64_t offset) { return abi::encodePointer(abi::Region::Io, offset); }
uint64_t state(uint64_t offset) { return abi::encodePointer(abi::Region::State, offset); }
uint64_t arena(uint64_t offset) { return abi::encodePointer(abi::Region::Arena, offset); }

json operand(const std::string &role, uint64_t ptr, std::vector<int64_t> shape,
             std::vector<int64_t> strides) {
  return {{"role", role}, {"ptr", ptr}, {"shape", shape}, {"strides", strides}};
}

json libraryStep(const std::string &name, json operands, json attrs) {
  return {{"kind", "library"},
          {"call",
           {{"name", name},
            {"layer", "layer_1"},
            {"operands", std::move(operands)},
            {"attrs", std::move(attrs)},
            {"workspace", {{"ptr", arena(0)}, {"bytes", 4096}}}}},
          {"in", json::array()},
          {"out", json::array()}};
}

/// A predict function of four library steps:
///   0  c[4,5] = relu(a[4,3] · b[3,5] + bias[5])        (cublaslt.gemm, relu_bias)
///   1  y[2,6,6,4] = conv(x[2,6,6,3], w[4,3,3,3]), 'same' (cudnn.conv2d_forward)
///   2  dx = conv_backward_data(y as dy, w)
///   3  dw = conv_backward_filter(x, y as dy)
/// Offsets (64-byte aligned): io a 0, c 64, x 192, y 1088, dx 2240 (3136
/// bytes); state b 0, bias 64, w 128, dw 576; arena 4096 bytes of workspace.
json libraryManifest(const std::string &target = "cuda-cudnn") {
  ManifestBuilder mb;
  const int a = mb.tensor("a", "f32", {4, 3}, "io", "input");               // io 0
  const int c = mb.tensor("c", "f32", {4, 5}, "io", "output");              // io 64
  mb.tensor("x", "f32", {2, 6, 6, 3}, "io", "temp");                  // io 192
  mb.tensor("y", "f32", {2, 6, 6, 4}, "io", "temp");                  // io 1088
  mb.tensor("dx", "f32", {2, 6, 6, 3}, "io", "temp");                 // io 2240
  mb.tensor("b", "f32", {3, 5}, "state", "param", {{"kind", "ones"}});      // state 0
  mb.tensor("bias", "f32", {5}, "state", "param", {{"kind", "zeros"}});     // state 64
  mb.tensor("w", "f32", {4, 3, 3, 3}, "state", "param", {{"kind", "ones"}}); // state 128
  mb.tensor("dw", "f32", {4, 3, 3, 3}, "state", "param", {{"kind", "zeros"}}); // state 576
  mb.io("predict", {a}, {c});
  json m = mb.build(4, 0, target);
  m["regions"]["arena"] = 4096;
  const std::vector<int64_t> nhwc3 = {2, 6, 6, 3}, nhwc3s = {108, 18, 3, 1};
  const std::vector<int64_t> nhwc4 = {2, 6, 6, 4}, nhwc4s = {144, 24, 4, 1};
  const std::vector<int64_t> krsc = {4, 3, 3, 3}, krscs = {27, 9, 3, 1};
  const json conv = {{"pre_padding", {1, 1}},
                     {"post_padding", {1, 1}},
                     {"strides", {1, 1}},
                     {"dilations", {1, 1}},
                     {"accumulate", false}};
  m["functions"]["predict"]["steps"] = json::array(
      {libraryStep("cublaslt.gemm",
                   {operand("a", io(0), {4, 3}, {3, 1}), operand("b", state(0), {3, 5}, {5, 1}),
                    operand("bias", state(64), {5}, {1}), operand("c", io(64), {4, 5}, {5, 1})},
                   {{"transpose_a", false},
                    {"transpose_b", false},
                    {"accumulate", false},
                    {"epilogue", "relu_bias"}}),
       libraryStep("cudnn.conv2d_forward",
                   {operand("x", io(192), nhwc3, nhwc3s), operand("w", state(128), krsc, krscs),
                    operand("y", io(1088), nhwc4, nhwc4s)},
                   conv),
       libraryStep("cudnn.conv2d_backward_data",
                   {operand("dy", io(1088), nhwc4, nhwc4s), operand("w", state(128), krsc, krscs),
                    operand("dx", io(2240), nhwc3, nhwc3s)},
                   conv),
       libraryStep("cudnn.conv2d_backward_filter",
                   {operand("x", io(192), nhwc3, nhwc3s), operand("dy", io(1088), nhwc4, nhwc4s),
                    operand("dw", state(576), krsc, krscs)},
                   conv)});
  m["cuda"] = {{"abi_version", abi::kCudaAbiVersion},
               {"section", "code.ptx"},
               {"arch", "sm_80"},
               {"kernels", json::array()},
               {"errors", json::array()},
               {"globals", {{"seed", "dlc_run_seed"}, {"error", "dlc_error"}}},
               {"libraries", {"cublaslt", "cudnn"}}};
  return m;
}

/// libraryManifest with two fused steps after the four, each with its
/// fallback (CUDA ABI 3):
///   4  c2[3,5] = a[4,3]ᵀ · c[4,5] and db[5] = Σ_rows c (gemm, bgrad),
///      fallback: the plain gemm, then kernel 0 (a column sum) on c and db
///   5  y = relu(conv(x, w) + bias4[4]) (cudnn.conv2d_bias_activation),
///      fallback: cudnn.conv2d_forward, then kernel 0 on bias4 and y
/// c2 is state 1040 (60 bytes), db state 1104, bias4 state 1168 (the
/// state region is 1184 bytes: the four parameters and these three).
json fusedManifest() {
  json m = libraryManifest();
  m["regions"]["state"] = 1184;
  m["cuda"]["kernels"] = json::array(
      {{{"name", "colsum"}, {"params", "pp"}, {"op", "layer_1"}, {"key", "GEMM Aᵀ·B 3x5x4"}}});
  const json kernel = {{"kind", "kernel"}, {"k", 0}, {"grid", {1, 1, 1}}, {"block", {32, 1, 1}},
                       {"shared", 0}, {"args", {io(64), state(1104)}},
                       {"in", json::array()}, {"out", json::array()}};
  const json gemmAttrs = {{"transpose_a", true}, {"transpose_b", false}, {"accumulate", false}};
  json bgrad = libraryStep("cublaslt.gemm",
                           {operand("a", io(0), {4, 3}, {3, 1}), operand("b", io(64), {4, 5}, {5, 1}),
                            operand("c", state(1040), {3, 5}, {5, 1}),
                            operand("bias_grad", state(1104), {5}, {1})},
                           gemmAttrs);
  bgrad["call"]["attrs"]["epilogue"] = "bgrad";
  bgrad["call"]["key"] = "GEMM Aᵀ·B 3x5x4";
  json plain = libraryStep("cublaslt.gemm",
                           {operand("a", io(0), {4, 3}, {3, 1}), operand("b", io(64), {4, 5}, {5, 1}),
                            operand("c", state(1040), {3, 5}, {5, 1})},
                           gemmAttrs);
  plain["call"]["attrs"]["epilogue"] = "none";
  bgrad["fallback"] = json::array({plain, kernel});
  const json x = operand("x", io(192), {2, 6, 6, 3}, {108, 18, 3, 1});
  const json w = operand("w", state(128), {4, 3, 3, 3}, {27, 9, 3, 1});
  const json y = operand("y", io(1088), {2, 6, 6, 4}, {144, 24, 4, 1});
  json conv = {{"pre_padding", {1, 1}}, {"post_padding", {1, 1}}, {"strides", {1, 1}},
               {"dilations", {1, 1}}, {"accumulate", false}};
  json fusedAttrs = conv;
  fusedAttrs["activation"] = "relu";
  json fused = libraryStep("cudnn.conv2d_bias_activation",
                           {x, w, operand("bias", state(1168), {4}, {1}), y}, fusedAttrs);
  json unfused = kernel;
  unfused["args"] = {state(1168), io(1088)};
  fused["fallback"] = json::array({libraryStep("cudnn.conv2d_forward", {x, w, y}, conv), unfused});
  m["functions"]["predict"]["steps"].push_back(bgrad);
  m["functions"]["predict"]["steps"].push_back(fused);
  return m;
}

absl::StatusOr<Program> programOf(const json &m) {
  auto parsed = bundle::parseManifest(m.dump());
  if (!parsed.ok()) return parsed.status();
  return readProgram(*parsed);
}

std::string errorOf(const json &m) {
  auto p = programOf(m);
  return p.ok() ? "(no error)" : std::string(p.status().message());
}

const LibraryStep &stepOf(const Program &p, size_t i) {
  return std::get<LibraryStep>(p.functions.at("predict").steps.at(i));
}

TEST(LibrarySteps, ReadFromTheManifest) {
  auto p = programOf(libraryManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(p->usesCudnn);
  EXPECT_TRUE(p->usesCublasLt);
  ASSERT_EQ(p->functions.at("predict").steps.size(), 4u);

  const LibraryStep &gemm = stepOf(*p, 0);
  EXPECT_EQ(gemm.kind, LibraryStep::Kind::Gemm);
  EXPECT_EQ(gemm.library(), "cublaslt");
  EXPECT_EQ(gemm.where, "predict step 0 (cublaslt.gemm of layer_1)");
  EXPECT_EQ(gemm.epilogue, "relu_bias");
  EXPECT_TRUE(gemm.hasBias);
  EXPECT_EQ(gemm.bias.pointer, state(64));
  EXPECT_EQ(gemm.c.shape, (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(gemm.workspace, arena(0));
  EXPECT_EQ(gemm.workspaceBytes, 4096u);

  const LibraryStep &fwd = stepOf(*p, 1);
  EXPECT_EQ(fwd.kind, LibraryStep::Kind::ConvForward);
  EXPECT_EQ(fwd.library(), "cudnn");
  EXPECT_EQ(fwd.x.pointer, io(192));
  EXPECT_EQ(fwd.w.pointer, state(128));
  EXPECT_EQ(fwd.y.pointer, io(1088));
  EXPECT_EQ(fwd.prePadding, (std::array<int64_t, 2>{1, 1}));
  // Backward data: dy is read into y, dx written through x.
  const LibraryStep &bwdData = stepOf(*p, 2);
  EXPECT_EQ(bwdData.kind, LibraryStep::Kind::ConvBackwardData);
  EXPECT_EQ(bwdData.y.pointer, io(1088));
  EXPECT_EQ(bwdData.x.pointer, io(2240));
  const LibraryStep &bwdFilter = stepOf(*p, 3);
  EXPECT_EQ(bwdFilter.kind, LibraryStep::Kind::ConvBackwardFilter);
  EXPECT_EQ(bwdFilter.w.pointer, state(576));
  EXPECT_EQ(bwdFilter.y.pointer, io(1088));
}

TEST(LibrarySteps, FusedStepsAndTheirFallbacks) {
  auto p = programOf(fusedManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  const FunctionProgram &f = p->functions.at("predict");
  ASSERT_EQ(f.steps.size(), 6u);
  const LibraryStep &bgrad = stepOf(*p, 4);
  EXPECT_EQ(bgrad.epilogue, "bgrad");
  EXPECT_TRUE(bgrad.hasBiasGrad);
  EXPECT_FALSE(bgrad.hasBias);
  EXPECT_EQ(bgrad.biasGrad.pointer, state(1104));
  EXPECT_EQ(bgrad.biasGrad.shape, (std::vector<int64_t>{5}));
  const LibraryStep &fused = stepOf(*p, 5);
  EXPECT_EQ(fused.kind, LibraryStep::Kind::ConvBiasActivation);
  EXPECT_TRUE(fused.isConvolution());
  EXPECT_EQ(fused.activation, "relu");
  EXPECT_EQ(fused.bias.pointer, state(1168));
  EXPECT_EQ(fused.y.pointer, io(1088));
  // Each fallback: a library call, then a launch, named after the step.
  ASSERT_EQ(f.fallbacks.size(), 2u);
  for (size_t i : {4u, 5u}) {
    const std::vector<ProgramStep> &fb = f.fallbacks.at(i);
    ASSERT_EQ(fb.size(), 2u);
    const auto &call = std::get<LibraryStep>(fb[0]);
    EXPECT_EQ(call.where, "predict step " + std::to_string(i) + " fallback step 0 (" + call.name +
                              " of layer_1)");
    EXPECT_TRUE(std::holds_alternative<Launch>(fb[1]));
  }
  EXPECT_EQ(std::get<LibraryStep>(f.fallbacks.at(4)[0]).epilogue, "none");
  EXPECT_EQ(std::get<LibraryStep>(f.fallbacks.at(5)[0]).kind, LibraryStep::Kind::ConvForward);

  // The bias gradient is cuBLASLt's BGRADA: the step's b (dy, 4 rows of 5)
  // is cuBLASLt's A, m x k = 5 x 4 untransposed, so summing A over k sums dy
  // over its rows, one value per row of D (m = 5 = the bias gradient's size).
  const ColumnMajorGemm g = columnMajorGemm(bgrad);
  EXPECT_EQ(g.m, 5u);
  EXPECT_EQ(g.n, 3u);
  EXPECT_EQ(g.k, 4u);
  EXPECT_FALSE(g.transA);
  EXPECT_EQ(g.a.rows, 5u);
  EXPECT_EQ(g.a.cols, 4u);
  EXPECT_EQ(int64_t(g.m), bgrad.biasGrad.shape[0]);
}

TEST(LibrarySteps, AFallbackTakesItsFusedStepsPlace) {
  // What the backend does at open when the device has no algorithm for the
  // bgrad GEMM (step 4) but an engine for the fused convolution (step 5):
  // step 4 becomes its fallback's two steps, step 5 stays; each fused step
  // is asked about once, in order.
  auto p = programOf(fusedManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  FunctionProgram f = p->functions.at("predict");
  std::vector<size_t> asked;
  auto origins = spliceFallbacks(f, [&](size_t i) {
    asked.push_back(i);
    return i == 4;
  });
  EXPECT_EQ(asked, (std::vector<size_t>{4, 5}));
  EXPECT_EQ(origins, (std::vector<StepOrigin>{{0, -1}, {1, -1}, {2, -1}, {3, -1}, {4, 0}, {4, 1},
                                              {5, -1}}));
  ASSERT_EQ(f.steps.size(), 7u);
  EXPECT_TRUE(f.fallbacks.empty());
  EXPECT_EQ(std::get<LibraryStep>(f.steps[4]).epilogue, "none");
  EXPECT_EQ(std::get<LibraryStep>(f.steps[4]).where, "predict step 4 fallback step 0 (cublaslt.gemm of layer_1)");
  EXPECT_TRUE(std::holds_alternative<Launch>(f.steps[5]));
  EXPECT_EQ(std::get<LibraryStep>(f.steps[6]).kind, LibraryStep::Kind::ConvBiasActivation);
  // Neither: the function as read, without its fallbacks.
  FunctionProgram g = p->functions.at("predict");
  origins = spliceFallbacks(g, [](size_t) { return false; });
  EXPECT_EQ(g.steps.size(), 6u);
  EXPECT_TRUE(g.fallbacks.empty());
  EXPECT_EQ(origins.back(), (StepOrigin{5, -1}));
}

TEST(LibrarySteps, StepsByTheOpTheyCompute) {
  // What dlc tune times per op: the steps carrying an op's key, by layer.
  // predict: steps 0-3 carry none, step 4 (the bgrad GEMM) "GEMM Aᵀ·B
  // 3x5x4", step 5 none; a kernel's layer is its "op".
  auto p = programOf(fusedManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(stepOf(*p, 4).key, "GEMM Aᵀ·B 3x5x4");
  EXPECT_EQ(p->kernels[0].key, "GEMM Aᵀ·B 3x5x4");
  auto byOp = stepsByOp(*p, "predict");
  ASSERT_EQ(byOp.size(), 1u);
  EXPECT_EQ(byOp.begin()->first, (OpId{"layer_1", "GEMM Aᵀ·B 3x5x4"}));
  EXPECT_EQ(byOp.begin()->second, (std::vector<size_t>{4}));
  // After open, a fallback's steps take the fused call's place: its kernel
  // (key and layer from the kernel table) counts for the op too.
  Program spliced = *p;
  spliceFallbacks(spliced.functions.at("predict"), [](size_t i) { return i == 4; });
  byOp = stepsByOp(spliced, "predict");
  ASSERT_EQ(byOp.size(), 1u);
  EXPECT_EQ(byOp.begin()->second, (std::vector<size_t>{5})); // the plain GEMM has no key here
  EXPECT_TRUE(stepsByOp(spliced, "train_step").empty());
}

TEST(LibrarySteps, MalformedFusedStepsNameTheField) {
  const std::string step4 = "manifest: functions.predict.steps[4]";
  json m = fusedManifest();
  m["functions"]["predict"]["steps"][4]["call"]["operands"].erase(3);
  EXPECT_EQ(errorOf(m), step4 + ".call.operands: epilogue bgrad needs a \"bias_grad\" operand");
  m = fusedManifest();
  m["functions"]["predict"]["steps"][4]["call"]["operands"][3]["shape"] = {4};
  EXPECT_EQ(errorOf(m), step4 + ".call.operands: the bias gradient must be 5 contiguous floats");
  // Only a fused step has a fallback; a fallback step has none.
  m = fusedManifest();
  m["functions"]["predict"]["steps"][0]["fallback"] = m["functions"]["predict"]["steps"][4]["fallback"];
  EXPECT_EQ(errorOf(m), "manifest: functions.predict.steps[0].fallback: only a fused library step "
                        "(a bgrad GEMM, a cudnn.conv2d_bias_activation) has a fallback");
  m = fusedManifest();
  m["functions"]["predict"]["steps"][4]["fallback"][1]["fallback"] = json::array();
  EXPECT_EQ(errorOf(m), step4 + ".fallback[1].fallback: a fallback's step has none");
  // A fallback's steps are checked like the function's.
  m = fusedManifest();
  m["functions"]["predict"]["steps"][5]["fallback"][1]["args"] = {io(0)};
  EXPECT_EQ(errorOf(m), "manifest: functions.predict.steps[5].fallback[1].args: kernel colsum "
                        "takes 2 arguments, got 1");
  m = fusedManifest();
  m["functions"]["predict"]["steps"][5]["call"]["attrs"]["activation"] = "tanh";
  EXPECT_EQ(errorOf(m), "manifest: functions.predict.steps[5].call.attrs.activation: unknown "
                        "activation \"tanh\" (relu, none)");
  m = fusedManifest();
  m["functions"]["predict"]["steps"][5]["call"]["operands"][2]["shape"] = {3};
  EXPECT_EQ(errorOf(m), "manifest: functions.predict.steps[5].call.operands: the bias must be 4 "
                        "contiguous floats");
}

TEST(LibrarySteps, MalformedStepsNameTheField) {
  const std::string step0 = "manifest: functions.predict.steps[0].call";
  const std::string step1 = "manifest: functions.predict.steps[1].call";
  json m = libraryManifest();
  m["functions"]["predict"]["steps"][0]["call"]["name"] = "cublas.sgemm";
  EXPECT_EQ(errorOf(m), step0 + ".name: unknown call \"cublas.sgemm\" (this runtime makes "
                                "cublaslt.gemm, cudnn.conv2d_forward, cudnn.conv2d_backward_data, "
                                "cudnn.conv2d_backward_filter, cudnn.conv2d_bias_activation, "
                                "cudnn.rnn_forward, cudnn.rnn_backward_data, "
                                "cudnn.rnn_backward_weights)");

  // k of a (3) is not k of b (4).
  m = libraryManifest();
  m["functions"]["predict"]["steps"][0]["call"]["operands"][1]["shape"] = {4, 5};
  m["functions"]["predict"]["steps"][0]["call"]["operands"][1]["strides"] = {5, 1};
  EXPECT_EQ(errorOf(m), step0 + ".operands: op(a) is 4x3, op(b) 4x5, c 4x5: not a matrix product");

  m = libraryManifest();
  m["functions"]["predict"]["steps"][0]["call"]["attrs"]["epilogue"] = "gelu";
  EXPECT_EQ(errorOf(m), step0 + ".attrs.epilogue: unknown epilogue \"gelu\" (none, bias, relu, "
                                "relu_bias, bgrad)");

  m = libraryManifest();
  m["functions"]["predict"]["steps"][0]["call"]["attrs"]["epilogue"] = "relu";
  EXPECT_EQ(errorOf(m), step0 + ".operands: a \"bias\" operand, but epilogue relu");

  // A column stride: cuBLASLt's layouts here are row-major views.
  m = libraryManifest();
  m["functions"]["predict"]["steps"][0]["call"]["operands"][0]["strides"] = {1, 4};
  EXPECT_EQ(errorOf(m), step0 + ".operands (a): column stride 4; cuBLASLt steps take row-major "
                                "views (stride 1)");

  // c reaching past the io region (3136 bytes: dx ends there).
  m = libraryManifest();
  m["functions"]["predict"]["steps"][0]["call"]["operands"][3]["ptr"] = io(3072);
  EXPECT_EQ(errorOf(m), step0 + ".operands[3]: a view of bytes 3072 to 3152 of the io region, "
                                "which has 3136 bytes");

  m = libraryManifest();
  m["functions"]["predict"]["steps"][0]["call"]["operands"].erase(3);
  EXPECT_EQ(errorOf(m), step0 + ".operands: cublaslt.gemm needs an operand \"c\"");

  // 'valid' padding would give 4x4 outputs, y is 6x6.
  m = libraryManifest();
  m["functions"]["predict"]["steps"][1]["call"]["attrs"]["pre_padding"] = {0, 0};
  m["functions"]["predict"]["steps"][1]["call"]["attrs"]["post_padding"] = {0, 0};
  EXPECT_EQ(errorOf(m), step1 + ".operands: not a convolution: height: x 6 padded by 0+0 with a "
                                "window of 3 gives 4, y has 6");

  m = libraryManifest();
  m["functions"]["predict"]["steps"][1]["call"]["operands"][1]["shape"] = {4, 3, 3, 2};
  EXPECT_EQ(errorOf(m), step1 + ".operands: not a convolution: x has 3 channels, the KRSC filter 2");

  m = libraryManifest();
  m["functions"]["predict"]["steps"][1]["call"]["attrs"]["strides"] = {0, 1};
  EXPECT_EQ(errorOf(m), step1 + ".attrs.strides[0]: expected an integer ≥ 1, got 0");

  m = libraryManifest();
  m["functions"]["predict"]["steps"][1]["call"]["workspace"]["bytes"] = 8192;
  EXPECT_EQ(errorOf(m), step1 + ".workspace: 8192 bytes that do not lie inside a region");

  m = libraryManifest();
  m["functions"]["predict"]["steps"][1]["call"]["workspace"]["ptr"] = arena(64);
  m["functions"]["predict"]["steps"][1]["call"]["workspace"]["bytes"] = 1024;
  EXPECT_EQ(errorOf(m), step1 + ".workspace.ptr: byte 64 of its region, not a multiple of 256");

  // A cuda-ptx bundle calls no library.
  m = libraryManifest("cuda-ptx");
  EXPECT_EQ(errorOf(m), "manifest: functions.predict.steps[0].kind: a cuda-ptx bundle calls no "
                        "library (its steps are kernel launches)");
}

TEST(LibrarySteps, GemmAsColumnMajorCall) {
  // c[4,5] = a[4,3] · b[3,5], row-major: cuBLASLt computes cᵀ[5,4] = bᵀ · aᵀ
  // with A = b (5 x 3, ld 5), B = a (3 x 4, ld 3), C = c (5 x 4, ld 5).
  auto p = programOf(libraryManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  LibraryStep s = stepOf(*p, 0);
  ColumnMajorGemm g = columnMajorGemm(s);
  EXPECT_EQ(g.m, 5u);
  EXPECT_EQ(g.n, 4u);
  EXPECT_EQ(g.k, 3u);
  EXPECT_FALSE(g.transA);
  EXPECT_FALSE(g.transB);
  EXPECT_EQ(g.a.rows, 5u);
  EXPECT_EQ(g.a.cols, 3u);
  EXPECT_EQ(g.a.ld, 5);
  EXPECT_EQ(g.b.rows, 3u);
  EXPECT_EQ(g.b.cols, 4u);
  EXPECT_EQ(g.b.ld, 3);
  EXPECT_EQ(g.c.rows, 5u);
  EXPECT_EQ(g.c.cols, 4u);
  EXPECT_EQ(g.c.ld, 5);

  // A dense layer's weight gradient: dw[3,5] = xᵀ · dy with x stored [4,3]
  // and dy [4,5] (transpose_a): cuBLASLt's B is x (3 x 4, ld 3) transposed.
  s.transposeA = true;
  s.a.shape = {4, 3};
  s.a.strides = {3, 1};
  s.b.shape = {4, 5};
  s.b.strides = {5, 1};
  s.c.shape = {3, 5};
  s.c.strides = {8, 1}; // rows of c 8 floats apart (a view into a wider buffer)
  g = columnMajorGemm(s);
  EXPECT_EQ(g.m, 5u);
  EXPECT_EQ(g.n, 3u);
  EXPECT_EQ(g.k, 4u);
  EXPECT_FALSE(g.transA);
  EXPECT_TRUE(g.transB);
  EXPECT_EQ(g.a.rows, 5u);
  EXPECT_EQ(g.a.cols, 4u);
  EXPECT_EQ(g.a.ld, 5);
  EXPECT_EQ(g.b.rows, 3u);
  EXPECT_EQ(g.b.cols, 4u);
  EXPECT_EQ(g.b.ld, 3);
  EXPECT_EQ(g.c.ld, 8);

  // The input gradient dx[4,3] = dy[4,5] · wᵀ with w stored [3,5]
  // (transpose_b): cuBLASLt's A is w (5 x 3, ld 5) transposed.
  s = stepOf(*p, 0);
  s.transposeB = true;
  s.a.shape = {4, 5};
  s.a.strides = {5, 1};
  s.b.shape = {3, 5};
  s.b.strides = {5, 1};
  s.c.shape = {4, 3};
  s.c.strides = {3, 1};
  g = columnMajorGemm(s);
  EXPECT_EQ(g.m, 3u);
  EXPECT_EQ(g.n, 4u);
  EXPECT_EQ(g.k, 5u);
  EXPECT_TRUE(g.transA);
  EXPECT_FALSE(g.transB);
  EXPECT_EQ(g.a.rows, 5u);
  EXPECT_EQ(g.a.cols, 3u);
  EXPECT_EQ(g.a.ld, 5);
  EXPECT_EQ(g.b.rows, 5u);
  EXPECT_EQ(g.b.cols, 4u);
  EXPECT_EQ(g.b.ld, 5);

  // One row: the leading dimension is the width whatever the row stride.
  s = stepOf(*p, 0);
  s.a.shape = {1, 3};
  s.a.strides = {0, 1};
  s.c.shape = {1, 5};
  s.c.strides = {0, 1};
  g = columnMajorGemm(s);
  EXPECT_EQ(g.b.ld, 3);
  EXPECT_EQ(g.c.ld, 5);
}

TEST(LibrarySteps, NhwcViewsAsCudnnDimensions) {
  auto p = programOf(libraryManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  const LibraryStep &s = stepOf(*p, 1);
  const CudnnTensor x = cudnnDims(s.x);
  EXPECT_EQ(x.dims, (std::array<int64_t, 4>{2, 3, 6, 6}));     // N C H W
  EXPECT_EQ(x.strides, (std::array<int64_t, 4>{108, 1, 18, 3})); // NHWC in memory
  const CudnnTensor w = cudnnDims(s.w);
  EXPECT_EQ(w.dims, (std::array<int64_t, 4>{4, 3, 3, 3}));      // K C R S
  EXPECT_EQ(w.strides, (std::array<int64_t, 4>{27, 1, 9, 3}));  // KRSC in memory
  const CudnnTensor y = cudnnDims(s.y);
  EXPECT_EQ(y.dims, (std::array<int64_t, 4>{2, 4, 6, 6}));
  EXPECT_EQ(y.strides, (std::array<int64_t, 4>{144, 1, 24, 4}));

  EXPECT_EQ(alignmentOf(0), 256u);
  EXPECT_EQ(alignmentOf(1088), 64u);
  EXPECT_EQ(alignmentOf(2240), 64u);
  EXPECT_EQ(alignmentOf(12), 4u);
  EXPECT_EQ(alignmentOf(4096 + 512), 256u);
}

/// The toolkit's libraries, or a skip.
const Cudnn *toolkitCudnn() {
  static absl::StatusOr<const Cudnn *> c = Cudnn::get();
  return c.ok() ? *c : nullptr;
}
const CublasLt *toolkitCublasLt() {
  static absl::StatusOr<const CublasLt *> c = CublasLt::get();
  return c.ok() ? *c : nullptr;
}

TEST(LibraryDescriptors, TheLibrariesAcceptTheSteps) {
  const Cudnn *cudnn = toolkitCudnn();
  const CublasLt *lt = toolkitCublasLt();
  if (!cudnn || !lt) GTEST_SKIP() << "cuDNN 9 or cuBLASLt not found on this machine";
  auto p = programOf(libraryManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  auto gemm = describeGemm(*lt, stepOf(*p, 0));
  EXPECT_TRUE(gemm.ok()) << gemm.status();
  for (size_t i = 1; i < 4; ++i) {
    auto conv = describeConvolution(*cudnn, stepOf(*p, i));
    EXPECT_TRUE(conv.ok()) << conv.status();
  }
}

TEST(LibraryDescriptors, TheLibrariesAcceptTheFusedSteps) {
  // cuBLASLt takes the BGRADA epilogue with a float bias gradient, and cuDNN
  // finalizes the fused graph's operations: the convolution into a virtual
  // tensor, the pointwise add of the [1, K, 1, 1] bias, the pointwise relu
  // into y (and, without relu, the add straight into y). Whether a device
  // has an algorithm or engine for them is for the GPU check.
  const Cudnn *cudnn = toolkitCudnn();
  const CublasLt *lt = toolkitCublasLt();
  if (!cudnn || !lt) GTEST_SKIP() << "cuDNN 9 or cuBLASLt not found on this machine";
  auto p = programOf(fusedManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  auto gemm = describeGemm(*lt, stepOf(*p, 4));
  EXPECT_TRUE(gemm.ok()) << gemm.status();
  LibraryStep fused = stepOf(*p, 5);
  for (const char *activation : {"relu", "none"}) {
    fused.activation = activation;
    auto conv = describeConvolution(*cudnn, fused);
    EXPECT_TRUE(conv.ok()) << activation << ": " << conv.status();
  }
  // A filter of 3 output channels for the 4 of y and the bias, past the
  // manifest's checks: cuDNN refuses the graph.
  fused.activation = "relu";
  fused.y.shape = {2, 6, 6, 4};
  LibraryStep wrong = fused;
  wrong.w.shape = {3, 3, 3, 3};
  wrong.w.strides = {27, 9, 3, 1};
  auto refused = describeConvolution(*cudnn, wrong);
  EXPECT_FALSE(refused.ok());
}

TEST(LibraryDescriptors, CudnnRefusesWhatIsNoConvolution) {
  const Cudnn *cudnn = toolkitCudnn();
  if (!cudnn) GTEST_SKIP() << "cuDNN 9 not found on this machine";
  auto p = programOf(libraryManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  // Past the manifest's checks: a y of 5x5 for a 'same' 3x3 window over 6x6.
  LibraryStep s = stepOf(*p, 1);
  s.y.shape = {2, 5, 5, 4};
  s.y.strides = {100, 20, 4, 1};
  auto conv = describeConvolution(*cudnn, s);
  ASSERT_FALSE(conv.ok());
  EXPECT_NE(conv.status().message().find("predict step 1 (cudnn.conv2d_forward of layer_1): "
                                         "finalizing the operation"),
            std::string::npos)
      << conv.status();
  EXPECT_NE(conv.status().message().find("CUDNN_STATUS_BAD_PARAM"), std::string::npos)
      << conv.status();
}


/// A train function of the three RNN steps of an LSTM with F = 2 inputs,
/// U = 3 units over N = 2 sequences of T = 4 steps (weight space
/// 4·3·(2 + 3 + 2) = 84 floats):
///   0  y = rnn_forward(x, w) in training mode, reserve
///   1  dx = rnn_backward_data(y, dy, w), reserve
///   2  dw += rnn_backward_weights(x, y, reserve)
/// Offsets: io x 0, y 64, dy 192, dx 320, seq 384; state w 0, dw 384;
/// arena workspace 0 (4096 bytes), reserve 4096 (1024 floats).
json rnnManifest() {
  ManifestBuilder mb;
  const int x = mb.tensor("x", "f32", {2, 4, 2}, "io", "input");
  mb.tensor("y", "f32", {2, 4, 3}, "io", "temp");
  mb.tensor("dy", "f32", {2, 4, 3}, "io", "temp");
  const int dx = mb.tensor("dx", "f32", {2, 4, 2}, "io", "output");
  mb.tensor("seq", "i32", {2}, "io", "temp");
  mb.tensor("w", "f32", {84}, "state", "param", {{"kind", "ones"}});
  mb.tensor("dw", "f32", {84}, "state", "param", {{"kind", "zeros"}});
  mb.io("train_step", {x}, {dx});
  json m = mb.build(2, 0, "cuda-cudnn");
  m["regions"]["arena"] = 8192;
  const json xv = operand("x", io(0), {2, 4, 2}, {8, 2, 1});
  const json yv = operand("y", io(64), {2, 4, 3}, {12, 3, 1});
  const json seq = operand("seq_lengths", io(384), {2}, {1});
  const json reserve = operand("reserve", arena(4096), {1024}, {1});
  const json lstm = {{"cell", "lstm"}};
  m["functions"]["train_step"]["steps"] = json::array(
      {libraryStep("cudnn.rnn_forward",
                   {xv, operand("w", state(0), {84}, {1}), seq, yv, reserve},
                   {{"cell", "lstm"}, {"training", true}}),
       libraryStep("cudnn.rnn_backward_data",
                   {yv, operand("dy", io(192), {2, 4, 3}, {12, 3, 1}),
                    operand("w", state(0), {84}, {1}), seq,
                    operand("dx", io(320), {2, 4, 2}, {8, 2, 1}), reserve},
                   lstm),
       libraryStep("cudnn.rnn_backward_weights",
                   {xv, yv, seq, reserve, operand("dw", state(384), {84}, {1})}, lstm)});
  m["cuda"] = libraryManifest()["cuda"];
  m["cuda"]["libraries"] = {"cudnn"};
  return m;
}

const LibraryStep &rnnStep(const Program &p, size_t i) {
  return std::get<LibraryStep>(p.functions.at("train_step").steps.at(i));
}

TEST(LibrarySteps, RnnStepsReadFromTheManifest) {
  auto p = programOf(rnnManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(p->usesCudnn);
  EXPECT_FALSE(p->usesCublasLt);
  const LibraryStep &fwd = rnnStep(*p, 0);
  EXPECT_EQ(fwd.kind, LibraryStep::Kind::RnnForward);
  EXPECT_TRUE(fwd.isRnn());
  EXPECT_FALSE(fwd.isConvolution());
  EXPECT_EQ(fwd.library(), "cudnn");
  EXPECT_EQ(fwd.cell, "lstm");
  EXPECT_TRUE(fwd.hasReserve);
  EXPECT_EQ(fwd.reserve.pointer, arena(4096));
  EXPECT_EQ(fwd.seqLengths.pointer, io(384));
  // Backward data writes dx through x and reads dy; backward weights dw through w.
  const LibraryStep &data = rnnStep(*p, 1);
  EXPECT_EQ(data.kind, LibraryStep::Kind::RnnBackwardData);
  EXPECT_EQ(data.x.pointer, io(320));
  EXPECT_EQ(data.dy.pointer, io(192));
  EXPECT_EQ(data.w.pointer, state(0));
  const LibraryStep &weights = rnnStep(*p, 2);
  EXPECT_EQ(weights.kind, LibraryStep::Kind::RnnBackwardWeights);
  EXPECT_EQ(weights.w.pointer, state(384));
  EXPECT_EQ(weights.x.pointer, io(0));
}

TEST(LibrarySteps, MalformedRnnStepsNameTheField) {
  const std::string step0 = "manifest: functions.train_step.steps[0].call";
  auto steps = [](json &m) -> json & { return m["functions"]["train_step"]["steps"]; };
  // An LSTM of 2 inputs and 3 units has 84 floats of weights, not 80.
  json m = rnnManifest();
  steps(m)[0]["call"]["operands"][1]["shape"] = {80};
  EXPECT_EQ(errorOf(m), step0 + ".operands: not an RNN: the weight space of a lstm with 2 inputs "
                                "and 3 units has 84 floats (abi/CudnnRnnLayout.h), the step's 80");
  // The same weights as a GRU's would be 3·3·7 = 63.
  m = rnnManifest();
  steps(m)[0]["call"]["attrs"]["cell"] = "gru";
  EXPECT_EQ(errorOf(m), step0 + ".operands: not an RNN: the weight space of a gru with 2 inputs "
                                "and 3 units has 63 floats (abi/CudnnRnnLayout.h), the step's 84");
  m = rnnManifest();
  steps(m)[0]["call"]["attrs"]["cell"] = "peephole_lstm";
  EXPECT_EQ(errorOf(m), step0 + ".attrs.cell: \"peephole_lstm\" is not a cell (lstm, gru, "
                                "rnn_tanh, rnn_relu)");
  m = rnnManifest();
  steps(m)[0]["call"]["attrs"]["training"] = false;
  EXPECT_EQ(errorOf(m), step0 + ".operands: a \"reserve\" operand, but the forward is not in "
                                "training mode");
  // y of 3 steps for x of 4.
  m = rnnManifest();
  steps(m)[0]["call"]["operands"][3]["shape"] = {2, 3, 3};
  steps(m)[0]["call"]["operands"][3]["strides"] = {9, 3, 1};
  EXPECT_EQ(errorOf(m), step0 + ".operands: not an RNN: x is 2 sequences of 4 steps, y 2 of 3");
  // A strided view: every other time step of a longer sequence.
  m = rnnManifest();
  steps(m)[0]["call"]["operands"][0]["strides"] = {8, 4, 1};
  EXPECT_EQ(errorOf(m), step0 + ".operands (x): cuDNN's RNN takes densely packed row-major "
                                "tensors");
  m = rnnManifest();
  steps(m)[1]["call"]["operands"].erase(5);
  EXPECT_EQ(errorOf(m), "manifest: functions.train_step.steps[1].call.operands: "
                        "cudnn.rnn_backward_data needs an operand \"reserve\"");
}

TEST(LibrarySteps, RnnWeightMatrixShapes) {
  // cuDNN's [1, U, F] for U = 3 rows of F = 2, row-major: strides [6, 2, 1].
  const int a[3] = {1, 3, 2}, as[3] = {6, 2, 1};
  EXPECT_TRUE(isRowMajorMatrix(3, a, as, 3, 2));
  // The unit dimension last does not matter.
  const int b[3] = {3, 2, 1}, bs[3] = {2, 1, 1};
  EXPECT_TRUE(isRowMajorMatrix(3, b, bs, 3, 2));
  // Column-major, transposed, or another size: not what the bundle packed.
  const int cs[3] = {6, 1, 3};
  EXPECT_FALSE(isRowMajorMatrix(3, a, cs, 3, 2));
  const int t[3] = {1, 2, 3}, ts[3] = {6, 3, 1};
  EXPECT_FALSE(isRowMajorMatrix(3, t, ts, 3, 2));
  EXPECT_FALSE(isRowMajorMatrix(3, a, as, 3, 3));
  // One unit (U = 1): a [1, 1, F] row.
  const int r[3] = {1, 1, 2}, rs[3] = {2, 2, 1};
  EXPECT_TRUE(isRowMajorMatrix(3, r, rs, 1, 2));
}

TEST(LibraryDescriptors, CudnnAcceptsTheRnnSteps) {
  const Cudnn *cudnn = toolkitCudnn();
  if (!cudnn) GTEST_SKIP() << "cuDNN 9 not found on this machine";
  auto p = programOf(rnnManifest());
  ASSERT_TRUE(p.ok()) << p.status();
  for (size_t i = 0; i < 3; ++i) {
    auto call = describeRnn(*cudnn, rnnStep(*p, i));
    EXPECT_TRUE(call.ok()) << call.status();
  }
  // Every cell cuDNN has, and an inference forward.
  for (const char *cell : {"gru", "rnn_tanh", "rnn_relu"}) {
    LibraryStep s = rnnStep(*p, 0);
    s.cell = cell;
    s.hasReserve = false;
    auto call = describeRnn(*cudnn, s);
    EXPECT_TRUE(call.ok()) << cell << ": " << call.status();
  }
}

using rt::testing::ScopedEnv;

std::string bundleWithPtx(const json &m) {
  auto parsed = bundle::parseManifest(m.dump());
  if (!parsed.ok()) return std::string(parsed.status().message());
  auto state = init::initialStateBytes(*parsed, parsed->seed);
  if (!state.ok()) return std::string(state.status().message());
  const std::string ptx = std::string(".version 7.0\n.target sm_80\n.address_size 64\n") + '\0';
  auto bytes = abi::writeBundleContainer(m.dump(1), *state, {{"code.ptx", ptx}});
  return bytes ? *bytes : bytes.error().message;
}

TEST(LibraryBundles, WithoutTheDriverTheErrorSaysSo) {
  if (!toolkitCudnn() || !toolkitCublasLt())
    GTEST_SKIP() << "cuDNN 9 or cuBLASLt not found on this machine";
  ScopedEnv env("DLC_LIBCUDA", "/nonexistent/libcuda.so.1");
  for (const std::string target : {"cuda-cudnn", "cuda"}) {
    auto b = bundle::readBundleBytes(bundleWithPtx(libraryManifest(target)), "lib.dlcb");
    ASSERT_TRUE(b.ok()) << b.status();
    auto backend = openBackend(*b, {});
    ASSERT_FALSE(backend.ok());
    EXPECT_EQ(backend.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_NE(backend.status().message().find(
                  "lib.dlcb: the NVIDIA driver's /nonexistent/libcuda.so.1 could not be loaded"),
              std::string::npos)
        << target << ": " << backend.status();
  }
}

} // namespace
} // namespace dlc::rt::cuda
