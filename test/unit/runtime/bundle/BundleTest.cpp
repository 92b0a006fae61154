// The bundle container and manifest: a written bundle reads back; every
// refusal BundleFormat.h lists happens with its message and the file's path.
#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "runtime/bundle/BundleReader.h"
#include "abi/BundleContainer.h"
#include "abi/BundleFormat.h"
#include "runtime/bundle/Manifest.h"
#include "test/unit/runtime/TestManifest.h"

namespace dlc::rt::bundle {
namespace {

using nlohmann::json;
using testing::ManifestBuilder;
using abi::kFormatVersion;
using abi::kHeaderSize;
using abi::kMagic;
using abi::kSectionAlignment;
using abi::SectionEntry;

json smallManifest(const std::string &target = "cpu-ref") {
  ManifestBuilder mb;
  int x = mb.tensor("x", "f32", {4, 3}, "io", "input");
  int w = mb.tensor("w", "f32", {3, 2}, "state", "param",
                    {{"kind", "variance_scaling"}, {"scale", 1.0}, {"mode", "fan_avg"},
                     {"distribution", "uniform"}});
  int y = mb.tensor("y", "f32", {4, 2}, "io", "output");
  mb.step("predict", "dlc.dense", {x, w}, {y});
  mb.io("predict", {x}, {y});
  return mb.build(4, 3, target);
}

std::string writeSmall(const json &manifest, const std::string &state) {
  auto bytes = abi::writeBundleContainer(manifest.dump(), state);
  EXPECT_TRUE(bytes.ok()) << bytes.error().message;
  return *bytes;
}

std::string stateOf(const json &manifest) {
  return std::string(manifest["regions"]["state"].get<uint64_t>(), '\x01');
}

uint32_t getU32(const std::string &b, size_t at) {
  uint32_t v;
  std::memcpy(&v, b.data() + at, 4);
  return v;
}
void putU32(std::string &b, size_t at, uint32_t v) { std::memcpy(b.data() + at, &v, 4); }
void putU64(std::string &b, size_t at, uint64_t v) { std::memcpy(b.data() + at, &v, 8); }

/// The section table entry of `name`.
size_t entryOf(const std::string &b, const std::string &name) {
  const uint32_t count = getU32(b, 12);
  for (uint32_t i = 0; i < count; ++i) {
    size_t e = kHeaderSize + i * sizeof(SectionEntry);
    if (std::string(b.data() + e) == name) return e;
  }
  ADD_FAILURE() << "no section " << name;
  return 0;
}
uint64_t sectionOffset(const std::string &b, const std::string &name) {
  uint64_t v;
  std::memcpy(&v, b.data() + entryOf(b, name) + 24, 8);
  return v;
}

absl::Status read(std::string bytes) {
  return readBundleBytes(std::move(bytes), "model.dlcb").status();
}

void expectError(const absl::Status &s, absl::StatusCode code, const std::string &text) {
  EXPECT_EQ(s.code(), code) << s;
  EXPECT_NE(s.message().find(text), std::string::npos) << s.message();
  EXPECT_EQ(s.message().rfind("model.dlcb: ", 0), 0u) << "the message names the file: "
                                                      << s.message();
}

TEST(Bundle, RoundTrip) {
  const json m = smallManifest();
  const std::string state = stateOf(m);
  auto bytes = abi::writeBundleContainer(m.dump(), state, {{"code.cpu", std::string(100, 'c')}});
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->compare(0, 8, std::string(kMagic, 8)), 0);
  EXPECT_EQ(getU32(*bytes, 8), kFormatVersion);
  EXPECT_EQ(getU32(*bytes, 12), 3u);
  auto b = readBundleBytes(*bytes, "model.dlcb");
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->initialState(), state);
  EXPECT_EQ(b->section("code.cpu"), std::string(100, 'c'));
  EXPECT_TRUE(b->hasSection("manifest"));
  EXPECT_FALSE(b->hasSection("code.cuda"));
  for (const SectionInfo &s : b->sections()) EXPECT_EQ(s.offset % kSectionAlignment, 0u) << s.name;
  const Manifest &man = b->manifest();
  EXPECT_EQ(man.target, "cpu-ref");
  EXPECT_EQ(man.batchSize, 4);
  EXPECT_EQ(man.seed, 3u);
  ASSERT_EQ(man.tensors.size(), 3u);
  EXPECT_EQ(man.tensors[1].name, "w");
  EXPECT_EQ(man.tensors[1].role, Role::Param);
  EXPECT_EQ(man.tensors[1].paramIndex, 0);
  EXPECT_EQ(man.tensors[1].byteSize(), 24u);
  ASSERT_NE(man.function("predict"), nullptr);
  EXPECT_EQ(man.function("predict")->steps[0].op, "dlc.dense");
  EXPECT_EQ(man.function("predict")->steps[0].where, "predict step 0 (dlc.dense)");
  EXPECT_EQ(man.task(), "tiny");
}

TEST(Bundle, WriteAndReadFile) {
  const json m = smallManifest();
  const std::string path = ::testing::TempDir() + "/roundtrip.dlcb";
  {
    std::ofstream f(path, std::ios::binary);
    f << writeSmall(m, stateOf(m));
  }
  auto b = readBundleFile(path);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->path(), path);
  std::remove(path.c_str());
  auto missing = readBundleFile(path);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find(path), std::string::npos);
}

TEST(Bundle, RefusesBadMagic) {
  std::string b = writeSmall(smallManifest(), stateOf(smallManifest()));
  b[0] = 'X';
  expectError(read(b), absl::StatusCode::kInvalidArgument, "not a dlc bundle");
  expectError(read("hello"), absl::StatusCode::kInvalidArgument, "not a dlc bundle");
}

TEST(Bundle, RefusesAnotherFormatVersion) {
  std::string b = writeSmall(smallManifest(), stateOf(smallManifest()));
  putU32(b, 8, 2);
  expectError(read(b), absl::StatusCode::kFailedPrecondition,
              "bundle format 2, this runtime reads 1");
}

TEST(Bundle, RefusesTruncatedOrExtended) {
  const std::string b = writeSmall(smallManifest(), stateOf(smallManifest()));
  expectError(read(b.substr(0, b.size() - 1)), absl::StatusCode::kDataLoss,
              "truncated or extended: the header says");
  expectError(read(b + "x"), absl::StatusCode::kDataLoss, "truncated or extended");
  expectError(read(b.substr(0, 16)), absl::StatusCode::kDataLoss, "truncated: 16 bytes");
  expectError(read(b.substr(0, 5)), absl::StatusCode::kDataLoss, "truncated");
}

TEST(Bundle, RefusesCorruptSections) {
  const json m = smallManifest();
  const std::string good = writeSmall(m, stateOf(m));
  for (const char *name : {"state", "manifest"}) {
    std::string b = good;
    b[sectionOffset(b, name) + 3] ^= 0x20;
    expectError(read(b), absl::StatusCode::kDataLoss,
                std::string("corrupt section '") + name + "'");
  }
}

TEST(Bundle, RefusesSectionOutsideTheFile) {
  std::string b = writeSmall(smallManifest(), stateOf(smallManifest()));
  putU64(b, entryOf(b, "state") + 32, uint64_t(1) << 40);
  expectError(read(b), absl::StatusCode::kDataLoss, "section 'state'");
  expectError(read(b), absl::StatusCode::kDataLoss, "lies outside the file");
  std::string t = writeSmall(smallManifest(), stateOf(smallManifest()));
  putU32(t, 12, 1000); // a section table longer than the file
  expectError(read(t), absl::StatusCode::kDataLoss, "section table");
}

TEST(Bundle, RefusesMissingRequiredSection) {
  std::string b = writeSmall(smallManifest(), stateOf(smallManifest()));
  b[entryOf(b, "state") + 4] = 'x'; // "statx": the CRC still matches the bytes
  expectError(read(b), absl::StatusCode::kInvalidArgument, "missing required section 'state'");
}

TEST(Bundle, RefusesAnUnknownTargetOrOneNotAskedFor) {
  const json unknown = smallManifest("cuda9");
  expectError(read(writeSmall(unknown, stateOf(unknown))), absl::StatusCode::kFailedPrecondition,
              "bundle for unknown target 'cuda9' (dlc's targets: cpu-ref, cpu, cuda-ptx, "
              "cuda-cudnn, cuda)");
  // A target of the contract reads (whether this runtime can run it is the
  // backend registry's question), unless the caller asks for others.
  const json m = smallManifest("cuda-ptx");
  const std::string b = writeSmall(m, stateOf(m));
  EXPECT_TRUE(read(b).ok());
  ReadOptions options;
  options.targets = {"cpu-ref", "cpu"};
  expectError(readBundleBytes(b, "model.dlcb", options).status(),
              absl::StatusCode::kFailedPrecondition,
              "bundle for target cuda-ptx; expected one for cpu-ref, cpu");
}

TEST(Bundle, RefusesStateOfTheWrongSize) {
  const json m = smallManifest();
  expectError(read(writeSmall(m, "abc")), absl::StatusCode::kInvalidArgument,
              "the state section holds 3 bytes");
}

TEST(Bundle, ManifestErrorsCarryThePath) {
  json m = smallManifest();
  m["tensors"][0]["dtype"] = "f16";
  expectError(read(writeSmall(m, stateOf(m))), absl::StatusCode::kInvalidArgument,
              "manifest: tensors[0].dtype: unknown value \"f16\"");
}

//===-- manifest ------------------------------------------------------------===//

std::string manifestError(const json &m) {
  auto r = parseManifest(m.dump());
  EXPECT_FALSE(r.ok());
  return std::string(r.status().message());
}

TEST(Manifest, NamesMissingAndIllTypedFields) {
  json m = smallManifest();
  m.erase("batch_size");
  EXPECT_EQ(manifestError(m), "manifest: batch_size: missing");

  m = smallManifest();
  m["regions"]["io"] = "lots";
  EXPECT_EQ(manifestError(m), "manifest: regions.io: expected a non-negative integer, got string \"lots\"");

  m = smallManifest();
  m["tensors"][1]["shape"][1] = -2;
  EXPECT_EQ(manifestError(m), "manifest: tensors[1].shape[1]: must be >= 0, got -2");

  m = smallManifest();
  m["tensors"][2].erase("role");
  EXPECT_EQ(manifestError(m), "manifest: tensors[2].role: missing");

  m = smallManifest();
  m["tensors"][2]["role"] = "weights";
  EXPECT_NE(manifestError(m).find("tensors[2].role: unknown value \"weights\""), std::string::npos);

  m = smallManifest();
  m["tensors"][1].erase("init");
  EXPECT_EQ(manifestError(m), "manifest: tensors[1].init: missing");

  m = smallManifest();
  m["functions"]["predict"]["steps"][0]["in"][1] = 9;
  EXPECT_EQ(manifestError(m),
            "manifest: functions.predict.steps[0].in[1]: tensor index 9 out of range (3 tensors)");

  m = smallManifest();
  m["functions"]["predict"]["steps"][0].erase("op");
  EXPECT_EQ(manifestError(m), "manifest: functions.predict.steps[0].op: missing");

  m = smallManifest();
  m["format_version"] = 2;
  EXPECT_NE(manifestError(m).find("manifest format 2, this runtime reads 1"), std::string::npos);

  EXPECT_EQ(std::string(parseManifest("{oops").status().message()), "manifest: not valid JSON");
}

TEST(Manifest, NativeCodeDescription) {
  json m = smallManifest();
  EXPECT_FALSE(parseManifest(m.dump())->native.has_value());
  m["native"] = {{"section", "code.cpu"}, {"features", {"avx2", "fma"}}, {"cpu", "znver4"}};
  auto r = parseManifest(m.dump());
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_TRUE(r->native.has_value());
  EXPECT_EQ(r->native->section, "code.cpu");
  EXPECT_EQ(r->native->features, (std::vector<std::string>{"avx2", "fma"}));

  m["native"].erase("section");
  EXPECT_EQ(manifestError(m), "manifest: native.section: missing");
  m["native"]["section"] = "code.cpu";
  m["native"]["features"] = "avx2";
  EXPECT_EQ(manifestError(m), "manifest: native.features: expected an array, got string \"avx2\"");
  m["native"]["features"] = {"avx2", 3};
  EXPECT_NE(manifestError(m).find("native.features[1]"), std::string::npos);
  m["native"] = 7;
  EXPECT_NE(manifestError(m).find("native"), std::string::npos);
}

TEST(Manifest, ChecksPlacement) {
  json m = smallManifest();
  m["tensors"][0]["offset"] = 32;
  EXPECT_NE(manifestError(m).find("tensors[0].offset: 32 is not a multiple of 64"),
            std::string::npos);
  m = smallManifest();
  m["tensors"][0]["offset"] = 64 * 100;
  EXPECT_NE(manifestError(m).find("lies outside region io"), std::string::npos);
  m = smallManifest();
  m["tensors"][1]["region"] = "arena";
  EXPECT_NE(manifestError(m).find("a param tensor must be in region \"state\""),
            std::string::npos);
}

TEST(Manifest, AttrsAreTyped) {
  json m = smallManifest();
  m["functions"]["predict"]["steps"][0]["attrs"] = {
      {"n", 3}, {"f", 0.5}, {"s", "same"}, {"b", true}, {"v", {1, 2}}, {"bad", "x"}};
  auto r = parseManifest(m.dump());
  ASSERT_TRUE(r.ok()) << r.status();
  const Attrs &a = r->function("predict")->steps[0].attrs;
  EXPECT_EQ(*a.getInt("n"), 3);
  EXPECT_EQ(*a.getFloat("f"), 0.5);
  EXPECT_EQ(*a.getFloat("n"), 3.0); // an integer is a number
  EXPECT_EQ(*a.getString("s"), "same");
  EXPECT_TRUE(*a.getBool("b", false));
  EXPECT_EQ(*a.getInts("v"), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(*a.getInt("absent", 42), 42);
  EXPECT_EQ(std::string(a.getInt("absent").status().message()),
            "predict step 0 (dlc.dense): missing attribute 'absent'");
  EXPECT_EQ(std::string(a.getInt("bad").status().message()),
            "predict step 0 (dlc.dense): attribute 'bad' must be an integer, got string \"x\"");
  EXPECT_FALSE(a.getFloat("s").ok());
  EXPECT_FALSE(a.getInts("n").ok());
}

TEST(Manifest, StepKindsBodiesAndFunctions) {
  json m = smallManifest();
  m["functions"]["predict"]["steps"].push_back(
      {{"kind", "kernel"}, {"in", {0}}, {"out", {2}}, {"kernel", {{"name", "k0"}}}});
  m["functions"]["predict"]["steps"].push_back(
      {{"op", "dlc.time_distributed"},
       {"in", {0}},
       {"out", {2}},
       {"body", {{"arg", 0}, {"result", 2}, {"steps", json::array()}}}});
  m["functions"]["predict"]["capturable"] = false;
  auto r = parseManifest(m.dump());
  ASSERT_TRUE(r.ok()) << r.status();
  const Function *f = r->function("predict");
  EXPECT_FALSE(f->capturable);
  EXPECT_EQ(f->steps[1].kind, StepKind::Kernel);
  EXPECT_EQ(f->steps[1].raw["kernel"]["name"], "k0");
  EXPECT_EQ(f->steps[2].bodyArg, 0);
  EXPECT_EQ(f->steps[2].bodyResult, 2);
  auto missing = r->requireFunction("train_step");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("(it has: predict)"), std::string::npos);
  m["functions"]["predict"]["steps"][1]["kind"] = "magic";
  EXPECT_NE(manifestError(m).find("steps[1].kind: unknown value \"magic\""), std::string::npos);
}

TEST(Manifest, ContentHashIgnoresProvenance) {
  json a = smallManifest();
  json b = a;
  b["producer"] = "dlc 9";
  b["model"]["source"] = "/elsewhere/model.yaml";
  b["seed"] = 99;
  EXPECT_EQ(parseManifest(a.dump())->contentHash(), parseManifest(b.dump())->contentHash());
  json c = a;
  c["tensors"][1]["shape"] = {3, 2};
  c["tensors"][1]["name"] = "w2";
  EXPECT_NE(parseManifest(a.dump())->contentHash(), parseManifest(c.dump())->contentHash());
}

} // namespace
} // namespace dlc::rt::bundle
