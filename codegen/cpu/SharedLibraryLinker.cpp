// Linking a bundle's shared library with the system linker (see SharedLibraryLinker.h).
#include "codegen/cpu/SharedLibraryLinker.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <optional>
#include <vector>

namespace dlc::cpu {

llvm::StringRef openMPLibrary() {
#ifdef DLC_OPENMP_LIBRARY
  return DLC_OPENMP_LIBRARY;
#else
  return "";
#endif
}

namespace {
llvm::Error error(const llvm::Twine &message) {
  return llvm::make_error<llvm::StringError>(message, llvm::inconvertibleErrorCode());
}

/// Removes its files when it goes out of scope.
struct TempFiles {
  std::vector<std::string> paths;
  ~TempFiles() {
    for (const std::string &p : paths)
      llvm::sys::fs::remove(p);
  }
  llvm::Expected<std::string> create(llvm::StringRef suffix) {
    llvm::SmallString<128> path;
    if (std::error_code ec = llvm::sys::fs::createTemporaryFile("dlc-cpu", suffix, path))
      return error("cpu target: cannot create a temporary file: " + ec.message());
    paths.push_back(path.str().str());
    return paths.back();
  }
};
} // namespace

llvm::Expected<std::string> linkSharedLibrary(llvm::ArrayRef<std::string> objects,
                                              bool openMP) {
  const char *override = std::getenv("DLC_CC");
  std::string driverName = override && *override ? override : "cc";
  llvm::ErrorOr<std::string> driver = llvm::sys::findProgramByName(driverName);
  if (!driver)
    return error("cpu target: no linker: '" + driverName +
                 "' is not on PATH (install gcc or clang, or set DLC_CC)");
  TempFiles temps;
  std::vector<std::string> objectPaths;
  for (const std::string &object : objects) {
    auto objectPath = temps.create("o");
    if (!objectPath)
      return objectPath.takeError();
    std::error_code ec;
    llvm::raw_fd_ostream out(*objectPath, ec);
    if (ec)
      return error("cpu target: cannot write " + *objectPath + ": " + ec.message());
    out << object;
    objectPaths.push_back(*objectPath);
  }
  auto libraryPath = temps.create("so");
  if (!libraryPath)
    return libraryPath.takeError();
  auto logPath = temps.create("log");
  if (!logPath)
    return logPath.takeError();
  std::vector<std::string> args = {*driver, "-shared", "-o", *libraryPath};
  args.insert(args.end(), objectPaths.begin(), objectPaths.end());
  args.push_back("-lm");
  if (openMP) {
    llvm::StringRef omp = openMPLibrary();
    if (omp.empty())
      return error("cpu target: parallel code needs the OpenMP runtime, which this "
                   "build did not find (apt-get install libomp-19-dev)");
    args.push_back(omp.str());
    args.push_back(("-Wl,-rpath," + llvm::sys::path::parent_path(omp)).str());
  }
  std::vector<llvm::StringRef> argRefs(args.begin(), args.end());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(*logPath),
                                                llvm::StringRef(*logPath)};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(*driver, argRefs, std::nullopt, redirects, 0, 0,
                                         &message);
  if (status != 0) {
    std::string log;
    if (auto buffer = llvm::MemoryBuffer::getFile(*logPath))
      log = (*buffer)->getBuffer().str();
    std::string command;
    for (const std::string &a : args)
      command += (command.empty() ? "" : " ") + a;
    return error("cpu target: linking the shared library failed (" + command + ")" +
                 (message.empty() ? "" : ": " + message) + (log.empty() ? "" : "\n" + log));
  }
  auto library = llvm::MemoryBuffer::getFile(*libraryPath, /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false);
  if (!library)
    return error("cpu target: cannot read the linked library " + *libraryPath + ": " +
                 library.getError().message());
  return (*library)->getBuffer().str();
}

} // namespace dlc::cpu
