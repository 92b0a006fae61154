// Replays inputs the fuzzer once crashed on (test/fuzz/regressions/): each must import or fail cleanly.
#include "FrontendTestUtil.h"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace dlc::test;

namespace {

using FuzzRegressions = FrontendTest;

TEST_F(FuzzRegressions, EveryInputImportsOrFailsWithALocatedError) {
  namespace fs = std::filesystem;
  fs::path dir = sourcePath("test/fuzz/regressions");
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  int count = 0;
  for (const fs::directory_entry &entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md")
      continue;
    ++count;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::string name = entry.path().filename().string();
    ImportResult r = importText(bytes.str(), name);
    if (r.module) {
      EXPECT_TRUE(r.diagnostics.empty()) << name << "\n" << r.text();
      continue;
    }
    // A failure is one error, located in this buffer (or the archive in it).
    ASSERT_FALSE(r.diagnostics.empty()) << name;
    EXPECT_EQ(r.diagnostics[0].rfind(name + ":", 0), 0u) << r.diagnostics[0];
    EXPECT_NE(r.diagnostics[0].find(": error: "), std::string::npos) << r.diagnostics[0];
  }
  EXPECT_GT(count, 0);
}

} // namespace
