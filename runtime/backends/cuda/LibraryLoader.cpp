// Finding and loading NVIDIA's libraries at run time (implementation of
// LibraryLoader.h).
#include "runtime/backends/cuda/LibraryLoader.h"

#include <dlfcn.h>
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace dlc::rt::cuda {
namespace {

std::optional<std::string> variable(const std::string &name) {
  const char *v = std::getenv(name.c_str());
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

bool isFolder(const std::string &p) {
  struct stat s;
  return ::stat(p.c_str(), &s) == 0 && S_ISDIR(s.st_mode);
}
bool isFile(const std::string &p) {
  struct stat s;
  return ::stat(p.c_str(), &s) == 0 && !S_ISDIR(s.st_mode);
}
bool isExecutable(const std::string &p) { return isFile(p) && ::access(p.c_str(), X_OK) == 0; }

std::string parentOf(const std::string &p) {
  size_t slash = p.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : p.substr(0, slash);
}

std::string realPath(const std::string &p) {
  char buffer[PATH_MAX];
  return ::realpath(p.c_str(), buffer) ? std::string(buffer) : p;
}

/// The site-packages-like folders under a Python prefix.
std::vector<std::string> sitePackagesOf(const std::string &prefix) {
  std::vector<std::string> out;
  for (const char *kind : {"site-packages", "dist-packages"}) {
    for (const std::string &lib : {std::string("lib"), std::string("lib64")}) {
      std::vector<std::string> found =
          globFolders(absl::StrCat(prefix, "/", lib, "/python3*/", kind));
      out.insert(out.end(), found.begin(), found.end());
    }
  }
  return out;
}

void addUnique(std::vector<SearchPlace> &places, std::set<std::string> &seen, std::string where,
               const std::string &folder) {
  const std::string key = isFolder(folder) ? realPath(folder) : folder;
  if (!seen.insert(key).second) return;
  places.push_back({std::move(where), folder});
}

/// What dlopen of `file` in `folder` gives: the handle, or why not.
void *tryOpen(const std::string &path, std::string &why) {
  void *handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *e = ::dlerror();
    why = e ? e : "dlopen failed";
  }
  return handle;
}

} // namespace

std::vector<std::string> globFolders(const std::string &pattern) {
  std::vector<std::string> out;
  glob_t g{};
  if (::glob(pattern.c_str(), GLOB_ONLYDIR | GLOB_NOSORT, nullptr, &g) == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i)
      if (isFolder(g.gl_pathv[i])) out.emplace_back(g.gl_pathv[i]);
  }
  ::globfree(&g);
  std::sort(out.begin(), out.end());
  return out;
}

SearchEnvironment SearchEnvironment::fromProcess(const LibrarySpec &spec) {
  SearchEnvironment env;
  env.override = variable(spec.overrideVariable);
  env.cudaHome = variable("CUDA_HOME");
  env.cudaPath = variable("CUDA_PATH");
  env.pythonPath = variable("PYTHONPATH");
  env.home = variable("HOME");
  if (std::optional<std::string> path = variable("PATH"))
    for (absl::string_view dir : absl::StrSplit(*path, ':', absl::SkipEmpty()))
      env.path.emplace_back(dir);
  return env;
}

std::vector<SearchPlace> searchPlaces(const LibrarySpec &spec, const SearchEnvironment &env) {
  std::vector<SearchPlace> places;
  std::set<std::string> seen;
  // 3. The toolkit.
  std::vector<std::pair<std::string, std::string>> roots;
  if (env.cudaHome) roots.push_back({"$CUDA_HOME", *env.cudaHome});
  if (env.cudaPath) roots.push_back({"$CUDA_PATH", *env.cudaPath});
  if (roots.empty()) roots.push_back({"the default toolkit", "/usr/local/cuda"});
  for (const auto &[name, root] : roots)
    for (const char *lib : {"lib64", "lib"})
      addUnique(places, seen, absl::StrCat(name, "/", lib), absl::StrCat(root, "/", lib));

  // 4. Python wheels: nvidia/<package>/lib under every site-packages found.
  std::vector<std::pair<std::string, std::string>> sites; // (how found, folder)
  for (const std::string &dir : env.path)
    for (const char *name : {"python3", "python"}) {
      const std::string exe = absl::StrCat(dir, "/", name);
      if (!isExecutable(exe)) continue;
      std::set<std::string> prefixes = {parentOf(dir), parentOf(parentOf(realPath(exe)))};
      for (const std::string &prefix : prefixes)
        for (const std::string &site : sitePackagesOf(prefix)) sites.push_back({exe, site});
    }
  if (env.pythonPath)
    for (absl::string_view dir : absl::StrSplit(*env.pythonPath, ':', absl::SkipEmpty()))
      sites.push_back({"$PYTHONPATH", std::string(dir)});
  if (env.home)
    for (const std::string &site : globFolders(absl::StrCat(*env.home, "/.local/lib/python3*/site-packages")))
      sites.push_back({"~/.local", site});
  for (const auto &[how, site] : sites) {
    std::vector<std::string> libs = globFolders(absl::StrCat(site, "/nvidia/*/lib"));
    if (libs.empty()) {
      addUnique(places, seen, absl::StrCat("Python wheels of ", how), absl::StrCat(site, "/nvidia/*/lib"));
      continue;
    }
    for (const std::string &lib : libs)
      addUnique(places, seen, absl::StrCat("Python wheels of ", how), lib);
  }
  return places;
}

absl::StatusOr<LoadedLibrary> loadLibrary(const LibrarySpec &spec, const SearchEnvironment &env) {
  const std::string names = absl::StrJoin(spec.files, " or ");
  // 1. The override: the only place looked in.
  if (env.override) {
    const std::string &o = *env.override;
    std::vector<std::string> candidates;
    if (isFolder(o)) {
      for (const std::string &f : spec.files) candidates.push_back(absl::StrCat(o, "/", f));
    } else if (isFile(o)) {
      candidates.push_back(o);
    } else {
      return absl::FailedPreconditionError(absl::StrCat(
          spec.what, ": $", spec.overrideVariable, "=", o,
          " names no file or folder (set it to the library, e.g. .../", spec.files.front(),
          ", or to its folder, or unset it to search the usual places)"));
    }
    std::vector<std::string> problems;
    for (const std::string &c : candidates) {
      if (!isFile(c)) {
        problems.push_back(absl::StrCat(c, ": no such file"));
        continue;
      }
      std::string why;
      if (void *h = tryOpen(c, why)) return LoadedLibrary{h, c};
      problems.push_back(absl::StrCat(c, ": ", why));
    }
    return absl::FailedPreconditionError(absl::StrCat(
        spec.what, ": $", spec.overrideVariable, "=", o, " has no loadable ", names, " (",
        absl::StrJoin(problems, "; "), ")"));
  }

  std::vector<std::string> looked;
  looked.push_back(absl::StrCat("$", spec.overrideVariable, ": not set"));
  // 2. The dynamic linker's own search.
  if (env.systemSearch) {
    std::vector<std::string> problems;
    for (const std::string &f : spec.files) {
      std::string why;
      if (void *h = tryOpen(f, why)) {
        char origin[PATH_MAX] = {};
        std::string path = f;
        if (::dlinfo(h, RTLD_DI_ORIGIN, origin) == 0 && origin[0])
          path = absl::StrCat(origin, "/", f);
        return LoadedLibrary{h, path};
      }
      problems.push_back(why);
    }
    looked.push_back(absl::StrCat("the system library path (LD_LIBRARY_PATH, /etc/ld.so.cache): ",
                                  absl::StrJoin(problems, "; ")));
  }
  // 3 and 4.
  for (const SearchPlace &place : searchPlaces(spec, env)) {
    if (!isFolder(place.folder)) {
      looked.push_back(absl::StrCat(place.where, ": ", place.folder, ": no such folder"));
      continue;
    }
    std::vector<std::string> problems;
    for (const std::string &f : spec.files) {
      const std::string path = absl::StrCat(place.folder, "/", f);
      if (!isFile(path)) continue;
      std::string why;
      if (void *h = tryOpen(path, why)) return LoadedLibrary{h, path};
      problems.push_back(why);
    }
    looked.push_back(absl::StrCat(place.where, ": ", place.folder, ": ",
                                  problems.empty() ? absl::StrCat("no ", names)
                                                   : absl::StrJoin(problems, "; ")));
  }
  const std::vector<SearchPlace> places = searchPlaces(spec, env);
  if (std::none_of(places.begin(), places.end(), [](const SearchPlace &p) {
        return p.where.rfind("Python wheels", 0) == 0;
      }))
    looked.push_back("Python wheels: no python3 or python on PATH, no $PYTHONPATH, no "
                     "~/.local/lib/python3*/site-packages");
  return absl::FailedPreconditionError(absl::StrCat(
      spec.what, " (", names, ") not found; looked in:\n  ", absl::StrJoin(looked, "\n  "),
      "\n", spec.install, ", or set ", spec.overrideVariable, " to the library or its folder"));
}

} // namespace dlc::rt::cuda
