// The backend registry picks a bundle's backend from its target and names the
// ones it has when it has none; host backends check their region copies.
#include <cstring>

#include <gtest/gtest.h>

#include "abi/BundleContainer.h"
#include "runtime/backends/Backends.h"
#include "runtime/init/InitialState.h"
#include "test/unit/runtime/TestManifest.h"

namespace dlc::rt {
namespace {

using nlohmann::json;
using testing::ManifestBuilder;

json smallManifest(const std::string &target) {
  ManifestBuilder mb;
  const int x = mb.tensor("x", "f32", {2, 3}, "io", "input");
  const int w = mb.tensor("w", "f32", {3, 2}, "state", "param", {{"kind", "ones"}});
  const int y = mb.tensor("y", "f32", {2, 2}, "io", "output");
  mb.step("predict", "dlc.dense", {x, w}, {y});
  mb.io("predict", {x}, {y});
  return mb.build(2, 0, target);
}

std::shared_ptr<const bundle::Bundle> bundleOf(const json &m) {
  auto b = bundle::readBundleBytes(testing::bundleBytes(m), "small.dlcb");
  EXPECT_TRUE(b.ok()) << b.status();
  return std::make_shared<const bundle::Bundle>(std::move(*b));
}

TEST(Backends, TheTargetPicksTheBackend) {
  const std::vector<std::string> targets = backendTargets();
  ASSERT_GE(targets.size(), 2u);
  EXPECT_EQ(targets[0], "cpu-ref");
  EXPECT_EQ(targets[1], "cpu");
  auto b = bundleOf(smallManifest("cpu-ref"));
  auto backend = openBackend(*b, {});
  ASSERT_TRUE(backend.ok()) << backend.status();
  EXPECT_EQ((*backend)->name(), "cpu-ref");
  // Run predict through the interface: inputs in io(), state copied in.
  const bundle::Manifest &m = b->manifest();
  ASSERT_TRUE((*backend)
                  ->copyIn(bundle::Region::State, 0, b->initialState().data(),
                           b->initialState().size())
                  .ok());
  const float x[6] = {1, 2, 3, 4, 5, 6};
  std::memcpy((*backend)->io() + m.tensors[0].offset, x, sizeof x);
  ASSERT_TRUE((*backend)->run("predict").ok());
  float y[4];
  std::memcpy(y, (*backend)->io() + m.tensors[2].offset, sizeof y);
  EXPECT_EQ(std::vector<float>(y, y + 4), (std::vector<float>{6, 6, 15, 15})); // w = ones
  // A cpu bundle without its "native" object is refused with the reason.
  auto cpu = bundleOf(smallManifest("cpu"));
  auto refused = openBackend(*cpu, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("small.dlcb: a cpu bundle needs the manifest's "
                                            "\"native\" object"),
            std::string::npos)
      << refused.status();
}

TEST(Backends, ATargetWithoutBackendNamesTheOnesThereAre) {
  auto b = bundleOf(smallManifest("cuda-ptx"));
  bool hasCuda = false;
  for (const std::string &t : backendTargets()) hasCuda = hasCuda || t == "cuda-ptx";
  auto backend = openBackend(*b, {});
  if (hasCuda) {
    // This build runs cuda-ptx bundles: this one is refused for what it lacks.
    ASSERT_FALSE(backend.ok());
    EXPECT_EQ(backend.status().message(),
              "small.dlcb: manifest: cuda: missing: a cuda-ptx bundle needs the manifest's "
              "\"cuda\" object");
    return;
  }
  ASSERT_FALSE(backend.ok());
  EXPECT_EQ(backend.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(backend.status().message().find("small.dlcb: bundle for target cuda-ptx (GPU "
                                            "kernels generated as PTX, no vendor libraries); "
                                            "this runtime runs cpu-ref, cpu"),
            std::string::npos)
      << backend.status();
}

TEST(Backends, RegionCopiesAreChecked) {
  auto b = bundleOf(smallManifest("cpu-ref"));
  auto backend = openBackend(*b, {});
  ASSERT_TRUE(backend.ok());
  const uint64_t state = b->manifest().regionBytes[size_t(bundle::Region::State)];
  std::vector<uint8_t> bytes(state + 1);
  absl::Status s = (*backend)->copyIn(bundle::Region::State, 0, bytes.data(), state + 1);
  EXPECT_EQ(s.code(), absl::StatusCode::kOutOfRange);
  EXPECT_NE(s.message().find("of the state region"), std::string::npos) << s;
  EXPECT_FALSE((*backend)->copyOut(bundle::Region::Io, 8, bytes.data(), uint64_t(-4)).ok());
  EXPECT_TRUE((*backend)->copyOut(bundle::Region::State, 0, bytes.data(), state).ok());
}

} // namespace
} // namespace dlc::rt
