// Each fusion pass against the unfused graph: every case of OpCases.h
// compiled for the cpu target without fusion and with one fusion pass (then
// all of them) must give bit-identical predictions, loss and gradients (the
// fused ops compute the same sums in the same order; only where the
// activation runs changes). That the passes do fuse these cases is checked
// by the lit tests (test/lit/passes/dlc-fuse-*.mlir).
#include "test/unit/codegen/Agreement.h"
#include "test/unit/codegen/OpCases.h"

#include "passes/FusionPipeline.h"

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

TEST_P(FusionAgreement, BitIdenticalToTheUnfusedGraph) {
  const FusionCase &fc = GetParam();
  dlc::test::expectAgreement(dlc::test::compileCase(fc.c, "cpu", with("none")),
                             dlc::test::compileCase(fc.c, "cpu", with(fc.fusion)),
                             /*tolerance=*/0.0);
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

} // namespace
