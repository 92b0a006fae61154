// Each fusion pass against the unfused graph: every case of OpCases.h
// compiled for the cpu target without fusion and with one fusion pass (then
// all of them) must agree within the rule every target meets against
// cpu-ref (Agreement.h: forward and loss 1e-5, gradients 1e-4). A fused op
// may round differently (an epilogue in registers, another summation
// order); bit-identity is welcome where it is free, never required. That the
// passes do fuse these cases is checked by the lit tests
// (test/lit/passes/dlc-fuse-*.mlir).
#include "test/unit/codegen/Agreement.h"
#include "test/unit/codegen/OpCases.h"

#include "ir/DlcOps.h"
#include "passes/FusionPipeline.h"
#include "passes/Passes.h"
#include "runtime/train/Session.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

using dlc::test::Case;

namespace {

dlc::PipelineOptions with(llvm::StringRef fusion) {
  auto set = dlc::FusionSet::parse(fusion);
  EXPECT_TRUE(bool(set)) << llvm::toString(set.takeError());
  dlc::PipelineOptions options;
  options.fusion = *set;
  return options;
}

/// (case, fusion) pairs: each pass alone, and all of them.
struct FusionCase {
  Case c;
  std::string fusion;
};

/// "case with fusion", for test listings (not the struct's bytes).
void PrintTo(const FusionCase &fc, std::ostream *os) { *os << fc.c.name << " with " << fc.fusion; }

std::vector<FusionCase> fusionCases() {
  std::vector<FusionCase> cases;
  std::vector<std::string> fusions(dlc::FusionSet::names().begin(),
                                   dlc::FusionSet::names().end());
  fusions.push_back("all");
  for (const Case &c : dlc::test::opCases())
    for (const std::string &f : fusions)
      cases.push_back({c, f});
  return cases;
}

class FusionAgreement : public ::testing::TestWithParam<FusionCase> {};

TEST_P(FusionAgreement, AgreesWithTheUnfusedGraph) {
  const FusionCase &fc = GetParam();
  dlc::test::expectAgreement(dlc::test::compileCase(fc.c, "cpu", with("none")),
                             dlc::test::compileCase(fc.c, "cpu", with(fc.fusion)));
}

INSTANTIATE_TEST_SUITE_P(OpCases, FusionAgreement, ::testing::ValuesIn(fusionCases()),
                         [](const ::testing::TestParamInfo<FusionCase> &info) {
                           std::string name = std::string(info.param.c.name) + "_" +
                                              info.param.fusion;
                           for (char &ch : name)
                             if (!isalnum(static_cast<unsigned char>(ch)))
                               ch = '_';
                           return name;
                         });

TEST(FusionSet, ParsesNamesAndRefusesUnknownOnes) {
  EXPECT_EQ(dlc::FusionSet::parse("all")->str(), "all");
  EXPECT_EQ(dlc::FusionSet::parse("none")->str(), "none");
  EXPECT_EQ(dlc::FusionSet::parse("conv-bias-act")->str(), "conv-bias-act");
  auto bad = dlc::FusionSet::parse("dense-bias-act,conv-relu");
  ASSERT_FALSE(bool(bad));
  std::string message = llvm::toString(bad.takeError());
  EXPECT_NE(message.find("unknown fusion 'conv-relu'"), std::string::npos) << message;
  EXPECT_NE(message.find("dense-bias-act"), std::string::npos) << message;
}

// cpu-ref (the oracle) never fuses and has no kernel for the fused ops: a
// bundle that reaches it with one (here a train step fused by hand) is
// refused when loaded, naming the op, before any step runs.
TEST(FusedOps, CpuRefRefusesThemByName) {
  mlir::DialectRegistry registry;
  registry.insert<dlc::DlcDialect, mlir::func::FuncDialect>();
  mlir::MLIRContext context(registry);
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return mlir::success();
  });
  const char *text = R"(
module attributes {dlc.training = {loss = "categorical_crossentropy",
                   optimizer = {class_name = "SGD", config = {lr = 1.0 : f64}}}} {
  func.func @forward(%x: tensor<2x3x4xf32> {dlc.input = "x"},
                     %k: tensor<4x12xf32> {dlc.param = "l/kernel", dlc.init = {kind = "zeros"}},
                     %rk: tensor<3x12xf32> {dlc.param = "l/recurrent_kernel", dlc.init = {kind = "zeros"}})
      -> tensor<2x3xf32> {
    %h = dlc.lstm %x, %k, %rk : (tensor<2x3x4xf32>, tensor<4x12xf32>, tensor<3x12xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %h : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  }
})";
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(text, &context);
  ASSERT_TRUE(module) << diagnostics;
  const dlc::Target *ref = dlc::lookupTarget("cpu-ref");
  ASSERT_TRUE(ref);
  mlir::PassManager pm(&context);
  ref->buildTrainingStage(pm, with("all"));
  pm.addNestedPass<mlir::func::FuncOp>(dlc::createDlcFuseLstmStep());
  ASSERT_TRUE(mlir::succeeded(pm.run(*module))) << diagnostics;
  auto bytes = ref->serialize(*module, {7, "fused"}, with("all"));
  ASSERT_TRUE(mlir::succeeded(bytes)) << diagnostics;
  auto bundle = dlc::rt::bundle::readBundleBytes(std::move(*bytes), "fused");
  ASSERT_TRUE(bundle.ok()) << bundle.status().message();
  auto session = dlc::rt::train::Session::open(
      std::make_shared<const dlc::rt::bundle::Bundle>(std::move(*bundle)), 7);
  ASSERT_FALSE(session.ok());
  std::string message(session.status().message());
  EXPECT_NE(message.find("unknown op 'dlc.lstm_record'"), std::string::npos) << message;
}

} // namespace
