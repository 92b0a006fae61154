// dlc bench's machine and process helpers: the machine's description and
// versions for the records, child processes with their own peak memory, JSON
// files (see BenchSupport.h).
#include "tools/dlc/BenchSupport.h"

#include "llvm/Config/llvm-config.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

namespace dlc::tool::bench {

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::vector<std::string> splitList(const std::string &s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty())
      out.push_back(item);
  return out;
}

bool exists(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string commandOutput(const std::string &command) {
  std::string out;
  if (FILE *p = ::popen(command.c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof(buf), p))
      out += buf;
    ::pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  return out;
}

std::string isoNow() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

int cpuCount() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0)
    return CPU_COUNT(&set);
  return int(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
}

/// "the NVIDIA GPU's model", or "" when the driver shows none.
std::string gpuModel() {
  std::string out = commandOutput(
      "cat /proc/driver/nvidia/gpus/*/information 2>/dev/null | sed -n "
      "'s/^Model:[[:space:]]*//p' | head -1");
  return out;
}

json machineInfo(int threads) {
  json m = json::object();
  char host[256] = {};
  ::gethostname(host, sizeof(host) - 1);
  // Reports tell machines apart by this name; DLC_BENCH_HOSTNAME names a
  // machine whose hostname another shares (cloud VMs all called "vm").
  const char *named = std::getenv("DLC_BENCH_HOSTNAME");
  m["hostname"] = named && *named ? std::string(named) : std::string(host);
  std::string cpu = commandOutput(
      "sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -1");
  m["cpu"] = cpu.empty() ? json(nullptr) : json(cpu);
  m["cpus"] = cpuCount();
  m["threads"] = threads;
  std::string mem = commandOutput("sed -n 's/^MemTotal:[[:space:]]*\\([0-9]*\\).*/\\1/p' /proc/meminfo");
  m["memory_bytes"] = mem.empty() ? json(nullptr) : json(std::stoll(mem) * 1024);
  struct utsname u;
  if (::uname(&u) == 0)
    m["os"] = std::string(u.sysname) + " " + u.release + " " + u.machine;
  std::string gpu = gpuModel();
  m["gpu"] = gpu.empty() ? json(nullptr) : json(gpu);
  return m;
}

json versionInfo() {
  json v = json::object();
  v["dlc"] = "0.1";
  std::string src = DLC_SOURCE_DIR;
  std::string commit = commandOutput("git -C '" + src +
                                     "' rev-parse --short=12 HEAD 2>/dev/null");
  if (!commit.empty() &&
      !commandOutput("git -C '" + src + "' status --porcelain --untracked-files=no "
                     "2>/dev/null | head -1").empty())
    commit += "-dirty";
  v["git"] = commit.empty() ? json(nullptr) : json(commit);
  v["llvm"] = LLVM_VERSION_STRING;
#ifdef __VERSION__
  v["compiler"] = __VERSION__;
#endif
#ifdef NDEBUG
  v["build"] = "release";
#else
  v["build"] = "debug";
#endif
  return v;
}

//===-- children ------------------------------------------------------------===//

ChildExit runChild(const std::vector<std::string> &args,
                   const std::vector<std::pair<std::string, std::string>> &env) {
  ChildExit result;
  std::vector<std::string> argvStore = {"dlc"};
  argvStore.insert(argvStore.end(), args.begin(), args.end());
  std::vector<char *> argv;
  for (std::string &a : argvStore)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  // The environment with `env` set, built before fork (only exec after it).
  std::vector<std::string> envStore;
  for (char **e = environ; *e; ++e) {
    std::string entry = *e;
    bool replaced = false;
    for (const auto &[k, v] : env)
      replaced |= entry.rfind(k + "=", 0) == 0;
    if (!replaced)
      envStore.push_back(entry);
  }
  for (const auto &[k, v] : env)
    envStore.push_back(k + "=" + v);
  std::vector<char *> envp;
  for (std::string &e : envStore)
    envp.push_back(e.data());
  envp.push_back(nullptr);
  std::cout.flush();
  std::cerr.flush();
  Clock::time_point start = Clock::now();
  pid_t pid = ::fork();
  if (pid < 0)
    return result;
  if (pid == 0) {
    ::execve("/proc/self/exe", argv.data(), envp.data());
    std::perror("dlc bench: exec /proc/self/exe");
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage = {};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  result.seconds = since(start);
  result.peakRssBytes = int64_t(usage.ru_maxrss) * 1024;
  result.status = WIFEXITED(status) ? WEXITSTATUS(status)
                                    : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return result;
}

bool writeJson(const std::string &path, const json &value) {
  std::ofstream out(path);
  out << value.dump(1) << "\n";
  return bool(out);
}

std::optional<json> readJson(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    return std::nullopt;
  json value = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    return std::nullopt;
  return value;
}

} // namespace dlc::tool::bench
