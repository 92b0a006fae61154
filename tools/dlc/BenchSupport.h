// dlc bench's pieces shared by the parent (BenchCommand.cpp: options,
// scheduling, records, report), the child runs it starts (BenchChild.cpp:
// one task x target trained, or the sgemm reference rate) and the machine
// and process helpers both use (BenchMachine.cpp).
#ifndef DLC_TOOLS_DLC_BENCHSUPPORT_H
#define DLC_TOOLS_DLC_BENCHSUPPORT_H

#include "tools/dlc/CompileModel.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dlc::tool::bench {

using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

constexpr const char *kSchema = "dlc-bench/1";
constexpr int kSgemmSize = 2048;

// Machine and process helpers (BenchMachine.cpp).
double since(Clock::time_point t);
std::vector<std::string> splitList(const std::string &s);
bool exists(const std::string &path);
std::string commandOutput(const std::string &command);
std::string isoNow();
int cpuCount();
/// "the NVIDIA GPU's model", or "" when the driver shows none.
std::string gpuModel();
json machineInfo(int threads);
json versionInfo();

/// Runs this executable with `args` (after argv[0] = "dlc"), waits and returns
/// its exit status and its own peak resident set (bytes).
struct ChildExit {
  int status = -1;
  int64_t peakRssBytes = 0;
  double seconds = 0;
};
ChildExit runChild(const std::vector<std::string> &args,
                   const std::vector<std::pair<std::string, std::string>> &env);

bool writeJson(const std::string &path, const json &value);
std::optional<json> readJson(const std::string &path);

// The child runs (BenchChild.cpp).

/// --child-sgemm: the best of a few n^3 sgemm runs with `threads` threads.
int childSgemm(int threads, const std::string &resultPath);

struct ChildRunOptions {
  std::string task, target, model, dataDir, label;
  PipelineOptions pipeline;
  int64_t epochs = 1;
  std::optional<int64_t> steps, validationSamples;
  int64_t warmup = 2;
};

/// --child-run: compile, warm up, train; the result file says what happened.
int childRun(const ChildRunOptions &o, const std::string &resultPath);

} // namespace dlc::tool::bench

#endif // DLC_TOOLS_DLC_BENCHSUPPORT_H
