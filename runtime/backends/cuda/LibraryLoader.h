// Finding and loading NVIDIA's libraries at run time (cuDNN 9, cuBLASLt): the
// runtime never links them, so a bundle that calls them runs wherever they
// can be found, and a machine without them gets an error that lists every
// place looked in. The search, in order:
//   1. an environment override ($DLC_CUDNN, $DLC_CUBLASLT) naming the file or
//      its folder; when set, it is the only place looked in;
//   2. the system library path (the dynamic linker's own search:
//      LD_LIBRARY_PATH, the ld.so cache, the default folders);
//   3. $CUDA_HOME/lib64 and $CUDA_HOME/lib (then $CUDA_PATH; /usr/local/cuda
//      when neither is set);
//   4. the nvidia/*/lib folders of Python wheels (PyTorch ships cuDNN and
//      cuBLAS as the wheels nvidia-cudnn-cu*, nvidia-cublas-cu*): in the
//      site-packages (and dist-packages) of every python3 / python on PATH —
//      its prefix both as found on PATH (a virtual environment) and after
//      resolving links (the interpreter it runs) — of $PYTHONPATH's folders,
//      and of ~/.local (user installs).
// No interpreter is run: the folders are derived from where it is.
#ifndef DLC_RUNTIME_BACKENDS_CUDA_LIBRARYLOADER_H
#define DLC_RUNTIME_BACKENDS_CUDA_LIBRARYLOADER_H

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace dlc::rt::cuda {

/// What to look for.
struct LibrarySpec {
  std::string what;               ///< for messages: "cuDNN 9"
  std::vector<std::string> files; ///< file names in order of preference: "libcudnn.so.9"
  std::string overrideVariable;   ///< "DLC_CUDNN"
  std::string install;            ///< how to get it, for the error: "pip install nvidia-cudnn-cu13"
};

/// The environment the search reads (the process's, or a test's).
struct SearchEnvironment {
  std::optional<std::string> override; ///< the value of spec.overrideVariable
  std::optional<std::string> cudaHome, cudaPath, pythonPath, home;
  std::vector<std::string> path; ///< $PATH's folders
  /// Whether step 2 (the dynamic linker's search by file name) runs; tests
  /// turn it off to see the later steps on a machine that has the library.
  bool systemSearch = true;

  static SearchEnvironment fromProcess(const LibrarySpec &spec);
};

/// One place the search looks in, and what it found there.
struct SearchPlace {
  std::string where;  ///< "$CUDA_HOME/lib64 (/usr/local/cuda/lib64)"
  std::string folder; ///< the folder ("" for the system search)
};

/// Every place step 1-4 would look in, in order (folders that exist or not).
std::vector<SearchPlace> searchPlaces(const LibrarySpec &spec, const SearchEnvironment &env);

/// A loaded library: the handle of dlopen (never closed) and where it is.
struct LoadedLibrary {
  void *handle = nullptr;
  std::string path;
};

/// Searches and dlopens the library. Errors are FailedPrecondition: an
/// override naming no such file or a folder without it, or, when the search
/// found nothing, every place looked in with what was there.
absl::StatusOr<LoadedLibrary> loadLibrary(const LibrarySpec &spec, const SearchEnvironment &env);

/// The folders `pattern` names, with '*' matching one path component ("a/*/lib").
std::vector<std::string> globFolders(const std::string &pattern);

} // namespace dlc::rt::cuda

#endif // DLC_RUNTIME_BACKENDS_CUDA_LIBRARYLOADER_H
