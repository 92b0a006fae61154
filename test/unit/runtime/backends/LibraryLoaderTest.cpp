// Finding cuDNN and cuBLASLt (runtime/backends/cuda/LibraryLoader.h,
// VendorLibraries.h) without a GPU: the toolkit's copies load and report
// their versions; an override naming a missing file, a folder without the
// library or a file that is no library is an error naming it; the wheels of
// a Python found on PATH are searched; and a library found nowhere is an
// error that lists every place looked in, in the documented order.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "runtime/backends/cuda/LibraryLoader.h"
#include "runtime/backends/cuda/VendorLibraries.h"

namespace dlc::rt::cuda {
namespace {

namespace fs = std::filesystem;

/// A fresh folder under the test's temporary directory.
fs::path scratch(const std::string &name) {
  fs::path p = fs::path(::testing::TempDir()) / ("dlc-loader-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

void touch(const fs::path &p, bool executable = false) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << "#!/bin/sh\n";
  if (executable) ::chmod(p.c_str(), 0755);
}

/// An environment that finds nothing by itself (no system search, an empty
/// toolkit folder, no PATH).
SearchEnvironment bare(const fs::path &root) {
  SearchEnvironment env;
  env.systemSearch = false;
  env.cudaHome = (root / "no-cuda").string();
  return env;
}

std::string messageOf(const absl::Status &s) { return std::string(s.message()); }

TEST(LibraryLoader, FindsTheToolkitsCudnnAndCublasLt) {
#ifndef DLC_TEST_TOOLKIT_LIBRARY_DIR
  GTEST_SKIP() << "the CUDA toolkit's library folder is unknown to this build";
#else
  const fs::path dir = DLC_TEST_TOOLKIT_LIBRARY_DIR;
  if (!fs::exists(dir / "libcudnn.so.9") || !fs::exists(dir / "libcublasLt.so.13"))
    GTEST_SKIP() << dir << " has no libcudnn.so.9 / libcublasLt.so.13";
  // The usual search (the system path, then the toolkit) finds them here.
  absl::StatusOr<const Cudnn *> cudnn = Cudnn::get();
  ASSERT_TRUE(cudnn.ok()) << cudnn.status();
  EXPECT_GE((*cudnn)->version, 90000u);
  EXPECT_LT((*cudnn)->version, 100000u);
  EXPECT_NE((*cudnn)->path.find("libcudnn.so.9"), std::string::npos) << (*cudnn)->path;
  absl::StatusOr<const CublasLt *> lt = CublasLt::get();
  ASSERT_TRUE(lt.ok()) << lt.status();
  EXPECT_GE((*lt)->version, 130000u);
  EXPECT_NE((*lt)->path.find("libcublasLt.so.1"), std::string::npos) << (*lt)->path;

  // $CUDA_HOME alone (no system search) finds them too, in lib64 or lib.
  SearchEnvironment env;
  env.systemSearch = false;
  env.cudaHome = dir.parent_path().string();
  absl::StatusOr<Cudnn> viaHome = Cudnn::load(env);
  ASSERT_TRUE(viaHome.ok()) << viaHome.status();
  EXPECT_EQ(fs::path(viaHome->path).filename(), "libcudnn.so.9");
  EXPECT_EQ(viaHome->versionText(), (*cudnn)->versionText());

  // An override naming the folder, or the file.
  env = bare(scratch("toolkit"));
  env.override = dir.string();
  absl::StatusOr<CublasLt> viaFolder = CublasLt::load(env);
  ASSERT_TRUE(viaFolder.ok()) << viaFolder.status();
  EXPECT_EQ(viaFolder->path, (dir / "libcublasLt.so.13").string());
  env.override = (dir / "libcudnn.so.9").string();
  absl::StatusOr<Cudnn> viaFile = Cudnn::load(env);
  ASSERT_TRUE(viaFile.ok()) << viaFile.status();
  EXPECT_EQ(viaFile->path, (dir / "libcudnn.so.9").string());
#endif
}

TEST(LibraryLoader, OverrideNamingAMissingFile) {
  const fs::path root = scratch("missing");
  SearchEnvironment env = bare(root);
  env.override = (root / "nowhere" / "libcudnn.so.9").string();
  absl::StatusOr<Cudnn> c = Cudnn::load(env);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(messageOf(c.status()).find("$DLC_CUDNN=" + *env.override + " names no file or folder"),
            std::string::npos)
      << c.status();
}

TEST(LibraryLoader, OverrideNamingAFolderWithoutTheLibrary) {
  const fs::path root = scratch("empty-folder");
  SearchEnvironment env = bare(root);
  env.override = root.string();
  absl::StatusOr<CublasLt> c = CublasLt::load(env);
  ASSERT_FALSE(c.ok());
  const std::string m = messageOf(c.status());
  EXPECT_NE(m.find("$DLC_CUBLASLT=" + root.string() +
                   " has no loadable libcublasLt.so.13 or libcublasLt.so.12"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find((root / "libcublasLt.so.13").string() + ": no such file"), std::string::npos) << m;
  EXPECT_NE(m.find((root / "libcublasLt.so.12").string() + ": no such file"), std::string::npos) << m;
}

TEST(LibraryLoader, OverrideNamingAFileThatIsNoLibrary) {
  const fs::path root = scratch("not-elf");
  touch(root / "libcudnn.so.9");
  SearchEnvironment env = bare(root);
  env.override = (root / "libcudnn.so.9").string();
  absl::StatusOr<Cudnn> c = Cudnn::load(env);
  ASSERT_FALSE(c.ok());
  const std::string m = messageOf(c.status());
  // dlopen's own reason follows the file's name.
  EXPECT_NE(m.find(*env.override + ": " + *env.override + ": "), std::string::npos) << m;
}

TEST(LibraryLoader, ListsEveryPlaceLookedInInOrder) {
  const fs::path root = scratch("listing");
  // A toolkit with lib but no lib64; a virtual environment whose python3 has
  // two wheel folders; a $PYTHONPATH folder without wheels.
  fs::create_directories(root / "cuda" / "lib");
  touch(root / "venv" / "bin" / "python3", /*executable=*/true);
  const fs::path site = root / "venv" / "lib" / "python3.11" / "site-packages";
  fs::create_directories(site / "nvidia" / "cudnn" / "lib");
  fs::create_directories(site / "nvidia" / "cu13" / "lib");
  fs::create_directories(root / "pp");
  LibrarySpec spec{"Test library", {"libdlc-test-missing.so.1"}, "DLC_TEST_MISSING",
                   "Install it"};
  SearchEnvironment env;
  env.cudaHome = (root / "cuda").string();
  env.path = {(root / "venv" / "bin").string(), (root / "no-such-bin").string()};
  env.pythonPath = (root / "pp").string();
  absl::StatusOr<LoadedLibrary> lib = loadLibrary(spec, env);
  ASSERT_FALSE(lib.ok());
  const std::string m = messageOf(lib.status());
  const std::string lines[] = {
      "Test library (libdlc-test-missing.so.1) not found; looked in:",
      "$DLC_TEST_MISSING: not set",
      "the system library path (LD_LIBRARY_PATH, /etc/ld.so.cache): libdlc-test-missing.so.1",
      "$CUDA_HOME/lib64: " + (root / "cuda" / "lib64").string() + ": no such folder",
      "$CUDA_HOME/lib: " + (root / "cuda" / "lib").string() + ": no libdlc-test-missing.so.1",
      "Python wheels of " + (root / "venv" / "bin" / "python3").string() + ": " +
          (site / "nvidia" / "cu13" / "lib").string() + ": no libdlc-test-missing.so.1",
      "Python wheels of " + (root / "venv" / "bin" / "python3").string() + ": " +
          (site / "nvidia" / "cudnn" / "lib").string() + ": no libdlc-test-missing.so.1",
      "Python wheels of $PYTHONPATH: " + (root / "pp").string() + "/nvidia/*/lib: no such folder",
      "Install it, or set DLC_TEST_MISSING to the library or its folder",
  };
  size_t at = 0;
  for (const std::string &line : lines) {
    size_t found = m.find(line, at);
    EXPECT_NE(found, std::string::npos) << "missing or out of order: " << line << "\nin:\n" << m;
    if (found != std::string::npos) at = found + line.size();
  }
  // searchPlaces is the same list without the first two steps.
  std::vector<SearchPlace> places = searchPlaces(spec, env);
  ASSERT_EQ(places.size(), 5u);
  EXPECT_EQ(places[0].where, "$CUDA_HOME/lib64");
  EXPECT_EQ(places[2].folder, (site / "nvidia" / "cu13" / "lib").string());
}

TEST(LibraryLoader, NoPythonIsSaid) {
  const fs::path root = scratch("no-python");
  LibrarySpec spec{"Test library", {"libdlc-test-missing.so.1"}, "DLC_TEST_MISSING", "Install it"};
  absl::StatusOr<LoadedLibrary> lib = loadLibrary(spec, bare(root));
  ASSERT_FALSE(lib.ok());
  EXPECT_NE(messageOf(lib.status()).find("Python wheels: no python3 or python on PATH"),
            std::string::npos)
      << lib.status();
}

TEST(LibraryLoader, FindsCudnnInAPythonWheel) {
#ifndef DLC_TEST_TOOLKIT_LIBRARY_DIR
  GTEST_SKIP() << "the CUDA toolkit's library folder is unknown to this build";
#else
  const fs::path real = fs::path(DLC_TEST_TOOLKIT_LIBRARY_DIR) / "libcudnn.so.9";
  if (!fs::exists(real)) GTEST_SKIP() << "no " << real;
  // PyTorch's layout: <prefix>/lib/python3.X/site-packages/nvidia/cudnn/lib.
  const fs::path root = scratch("wheel");
  touch(root / "env" / "bin" / "python3", /*executable=*/true);
  const fs::path lib = root / "env" / "lib" / "python3.12" / "site-packages" / "nvidia" / "cudnn" / "lib";
  fs::create_directories(lib);
  fs::create_symlink(real, lib / "libcudnn.so.9");
  SearchEnvironment env = bare(root);
  env.path = {(root / "env" / "bin").string()};
  absl::StatusOr<Cudnn> c = Cudnn::load(env);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->path, (lib / "libcudnn.so.9").string());
  EXPECT_GE(c->version, 90000u);
#endif
}

TEST(LibraryLoader, GlobFoldersMatchesOneComponent) {
  const fs::path root = scratch("glob");
  fs::create_directories(root / "nvidia" / "a" / "lib");
  fs::create_directories(root / "nvidia" / "b" / "lib");
  fs::create_directories(root / "nvidia" / "c");
  touch(root / "nvidia" / "d" / "lib"); // a file, not a folder
  std::vector<std::string> found = globFolders((root / "nvidia" / "*" / "lib").string());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], (root / "nvidia" / "a" / "lib").string());
  EXPECT_EQ(found[1], (root / "nvidia" / "b" / "lib").string());
}

} // namespace
} // namespace dlc::rt::cuda
