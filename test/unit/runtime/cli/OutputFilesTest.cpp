// The checks on output files and thread settings that the runtime commands make
// before any work (runtime/cli/OutputFiles.h, RuntimeCommands.h): files written
// here and the messages they must give.
#include "runtime/cli/OutputFiles.h"
#include "runtime/cli/RuntimeCommands.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace dlc::rt::cli {
namespace {

namespace fs = std::filesystem;

class OutputFiles : public ::testing::Test {
protected:
  void SetUp() override {
    // One folder per test and process: ctest runs the cases of this file as
    // parallel processes, which must not remove each other's files.
    dir_ = fs::path(::testing::TempDir()) /
           ("dlc-output-files-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    model_ = path("m.yaml");
    std::ofstream(model_) << "class_name: Sequential\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string &name) const { return (dir_ / name).string(); }
  std::string error(const std::vector<InputFile> &in, const std::vector<OutputFile> &out) {
    absl::Status s = checkOutputFiles(in, out);
    return s.ok() ? "" : std::string(s.message());
  }
  fs::path dir_;
  std::string model_;
};

TEST_F(OutputFiles, AnInputIsNeverAnOutputByAnyName) {
  const InputFile model{"the model", model_};
  EXPECT_EQ(error({model}, {{"-o", model_}}),
            "-o " + model_ + ": that is the model (" + model_ +
                "); writing there would destroy it (choose another name)");
  // Another spelling, a symbolic link and a hard link are the same file.
  fs::create_symlink(model_, path("link.yaml"));
  fs::create_hard_link(model_, path("hard.yaml"));
  for (const std::string &other :
       {(dir_ / "." / "m.yaml").string(), path("link.yaml"), path("hard.yaml")})
    EXPECT_NE(error({model}, {{"--log", other, Replaces::Log}}), "") << other;
  // --save may replace the checkpoint it resumes from.
  std::ofstream(path("r.ckpt")) << std::string("DLCCKPT\0", 8);
  EXPECT_EQ(error({model, {"the --resume checkpoint", path("r.ckpt"), "--save"}},
                  {{"--save", path("r.ckpt"), Replaces::Checkpoint}}),
            "");
}

TEST_F(OutputFiles, TwoOutputsAreTwoFiles) {
  // Neither exists yet: compared by their absolute, normalised paths.
  fs::create_directories(dir_ / "sub");
  EXPECT_EQ(error({}, {{"--log", path("x"), Replaces::Log},
                       {"--save", (dir_ / "sub" / ".." / "x").string(), Replaces::Checkpoint}}),
            "--save " + (dir_ / "sub" / ".." / "x").string() + " and --log " + path("x") +
                " name the same file");
}

TEST_F(OutputFiles, WhatAnExistingFileMayBe) {
  std::ofstream(path("notes.txt")) << "my notes\n";
  EXPECT_EQ(error({}, {{"--save", path("notes.txt"), Replaces::Checkpoint}}),
            "--save " + path("notes.txt") +
                ": it exists and is not a dlc checkpoint; dlc does not overwrite it (choose "
                "another name, or remove the file)");
  EXPECT_EQ(error({}, {{"--log", path("notes.txt"), Replaces::Log}}),
            "--log " + path("notes.txt") +
                ": it exists and is not a dlc training log; dlc does not overwrite it (choose "
                "another name, or remove the file)");
  std::ofstream(path("run.jsonl")) << "{\"task\":\"t\",\"epoch\":1}\n";
  std::ofstream(path("empty.jsonl"));
  EXPECT_EQ(error({}, {{"--log", path("run.jsonl"), Replaces::Log},
                       {"--log2", path("empty.jsonl"), Replaces::Log}}),
            "");
  // -o replaces what it names; /dev/null is written, not created.
  EXPECT_EQ(error({}, {{"-o", path("notes.txt")}, {"--out", "/dev/null"}}), "");
  EXPECT_EQ(error({}, {{"-o", dir_.string()}}), "-o " + dir_.string() + ": a folder; name a file");
}

TEST_F(OutputFiles, AFolderThatTakesNoFileIsFoundWithTheReason) {
  EXPECT_EQ(error({}, {{"--save", model_ + "/x.ckpt", Replaces::Checkpoint}}),
            "--save " + model_ + "/x.ckpt: cannot create a file in " + model_ +
                ": Not a directory");
  EXPECT_EQ(error({}, {{"--save", path("missing/x.ckpt"), Replaces::Checkpoint}}),
            "--save " + path("missing/x.ckpt") + ": cannot create a file in " +
                path("missing") + ": No such file or directory");
  // Nothing is left behind by the check.
  size_t files = 0;
  for (const auto &e : fs::directory_iterator(dir_)) files += e.path().filename() != "m.yaml";
  EXPECT_EQ(files, 0u);
}

TEST(OmpNumThreads, ParsedAsTheOpenMPRuntimeReadsIt) {
  std::string why;
  EXPECT_EQ(parseOmpNumThreads("4", why), 4);
  EXPECT_EQ(parseOmpNumThreads(" 3 ", why), 3);
  EXPECT_EQ(parseOmpNumThreads("4,2", why), 4);
  for (const char *bad : {"abc", "", "0", "-1", "2,abc", "4,", "1e3", "99999999999"}) {
    EXPECT_EQ(parseOmpNumThreads(bad, why), 0) << bad;
    EXPECT_EQ(why, "expected a positive whole number (or a comma-separated list of them, one per "
                   "nesting level)");
  }
}

} // namespace
} // namespace dlc::rt::cli
