// `dlc bench`: compiles and trains the task models on every requested target
// this machine has, measures them (compile time, s/epoch, samples/s, GFLOP/s
// from the compiler's FLOP count, fraction of the machine's sgemm rate, peak
// memory, loss and accuracy per epoch) and writes results.json; then
// tools/bench/report.py turns it into report.md and PNG plots. docs/bench.md
// documents the options and the results.json schema.
//
// Each task x target run is a child process (this executable re-invoked with
// the hidden --child-run), so its peak memory (wait4's ru_maxrss) is its own;
// the sgemm rate is measured in children too (--child-sgemm), so OpenBLAS'
// threads never run beside a training run.
#include "tools/dlc/BenchSupport.h"
#include "tools/dlc/Commands.h"
#include "tools/dlc/CompileModel.h"

#include "abi/Targets.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/cli/OutputFiles.h"
#include "runtime/cli/RuntimeCommands.h"
#include "runtime/train/Progress.h"
#include "runtime/train/TaskData.h"
#include "runtime/train/Train.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"

#include <nlohmann/json.hpp>

#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace cl = llvm::cl;
namespace rt = dlc::rt;

#ifndef DLC_SOURCE_DIR
#define DLC_SOURCE_DIR "."
#endif

namespace dlc::tool {
namespace {

using namespace bench;

/// The five tasks of the benchmark, in report order.
const char *const kTasks[] = {"mnist_mlp", "mnist_cnn", "cifar10_cnn",
                              "mnist_hrnn", "babi_rnn"};
/// Every target name the bench knows of, in report order, is the contract's
/// list (abi/Targets.h); what this build offers comes from codegen's
/// allTargets(), and a listed name the build lacks is reported "not
/// available here".
std::string knownTargetNames() {
  std::string names;
  for (const abi::TargetInfo &t : abi::kTargets)
    names += (names.empty() ? "" : ", ") + std::string(t.name);
  return names;
}

//===-- the parent ----------------------------------------------------------===//

std::string fmtSeconds(double s) { return rt::train::formatDuration(s); }

/// Where a task's model file is: --models-dir, ./models, then the source tree's.
std::string modelPath(const std::string &modelsDir, const std::string &task) {
  std::vector<std::string> dirs;
  if (!modelsDir.empty())
    dirs.push_back(modelsDir);
  dirs.push_back("models");
  dirs.push_back(std::string(DLC_SOURCE_DIR) + "/models");
  for (const std::string &d : dirs)
    if (exists(d + "/" + task + ".yaml"))
      return d + "/" + task + ".yaml";
  return "";
}

std::string reportScript(const std::string &flag) {
  if (!flag.empty())
    return flag;
  if (const char *env = std::getenv("DLC_BENCH_REPORT"))
    return env;
  return std::string(DLC_SOURCE_DIR) + "/tools/bench/report.py";
}

/// Runs report.py on `inputs`, writing into `outDir`.
int makeReport(const std::string &script, const std::vector<std::string> &inputs,
               const std::string &outDir) {
  if (!exists(script)) {
    std::cerr << "dlc bench: error: the report script " << script
              << " is missing (set DLC_BENCH_REPORT or --report-script)\n";
    return 1;
  }
  // The first Python that has matplotlib: $DLC_PYTHON, python3 on PATH, then
  // Debian's /usr/bin/python3 (where python3-matplotlib installs it).
  std::vector<std::string> pythons;
  if (const char *env = std::getenv("DLC_PYTHON"))
    pythons.push_back(env);
  pythons.push_back("python3");
  pythons.push_back("/usr/bin/python3");
  std::string python = pythons.front();
  for (const std::string &p : pythons)
    if (std::system(("'" + p + "' -c 'import matplotlib' >/dev/null 2>&1").c_str()) == 0) {
      python = p;
      break;
    }
  std::vector<std::string> args = {python, script, "--out", outDir};
  args.insert(args.end(), inputs.begin(), inputs.end());
  std::vector<char *> argv;
  for (std::string &a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::execvp(argv[0], argv.data());
    std::perror(("dlc bench: " + python).c_str());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
  if (code == 127)
    std::cerr << "dlc bench: error: python3 not found (apt-get install python3 "
                 "python3-matplotlib)\n";
  return code;
}

/// The records of one finished (or refused) task x target run.
void appendRecords(json &records, const json &common, const json &child,
                   const std::string &status, const std::string &reason,
                   int64_t peakRss, double sgemm, bool stepLimited) {
  json base = common;
  base["status"] = status;
  base["reason"] = reason.empty() ? json(nullptr) : json(reason);
  if (child.contains("fusion"))
    base["fusion"] = child["fusion"];
  if (status != "ok" || !child.contains("epochs")) {
    base["epoch"] = nullptr;
    if (child.contains("compile_seconds"))
      base["compile_seconds"] = child["compile_seconds"];
    records.push_back(base);
    return;
  }
  const int64_t fullSteps = child.value("steps_per_full_epoch", int64_t(0));
  const int64_t batch = child.value("batch_size", int64_t(0));
  int64_t flops = 0;
  if (child.contains("flops") && child["flops"].contains("train_step"))
    flops = child["flops"]["train_step"].get<int64_t>();
  for (const json &e : child["epochs"]) {
    json rec = base;
    const int64_t steps = e["steps"].get<int64_t>();
    const double seconds = e["seconds"].get<double>();
    const bool extrapolated = steps < fullSteps;
    rec["epoch"] = e["epoch"];
    rec["batch_size"] = batch;
    rec["steps"] = steps;
    rec["steps_per_full_epoch"] = fullSteps;
    rec["samples"] = e["samples"];
    rec["train_seconds"] = seconds;
    rec["seconds_per_epoch"] =
        extrapolated && steps > 0 ? seconds * double(fullSteps) / double(steps) : seconds;
    rec["extrapolated"] = extrapolated;
    rec["samples_per_s"] = e["samples_per_s"];
    rec["compile_seconds"] = child["compile_seconds"];
    rec["train_step_flops"] = flops;
    double gflops = seconds > 0 ? double(flops) * double(steps) / seconds / 1e9 : 0;
    rec["gflop_per_s"] = gflops;
    rec["sgemm_fraction"] = sgemm > 0 ? json(gflops / sgemm) : json(nullptr);
    rec["peak_rss_bytes"] = peakRss;
    rec["compile_peak_rss_bytes"] = child.value("compile_peak_rss_bytes", int64_t(0));
    rec["loss"] = e["loss"];
    rec["acc"] = e["acc"];
    rec["val_loss"] = e["val_loss"];
    rec["val_acc"] = e["val_acc"];
    rec["val_samples"] = child.value("val_samples", int64_t(0));
    rec["eval_seconds"] = e["eval_seconds"];
    rec["step_limited"] = stepLimited;
    records.push_back(std::move(rec));
  }
}

struct Run {
  std::string task, target, model;
  std::string unavailable; ///< the reason, when this target is not run
};

} // namespace

int runBench(int argc, char **argv) {
  cl::OptionCategory category("dlc bench options");
  cl::opt<std::string> tasks("tasks",
                             cl::desc("Comma-separated tasks, or all (mnist_mlp, "
                                      "mnist_cnn, cifar10_cnn, mnist_hrnn, babi_rnn)"),
                             cl::init("all"), cl::cat(category));
  cl::opt<std::string> targets("targets",
                               cl::desc("Comma-separated targets, or all (cpu-ref, "
                                        "cpu, cuda-ptx, cuda-cudnn, cuda)"),
                               cl::init("all"), cl::cat(category));
  cl::opt<int64_t> epochs("epochs", cl::desc("Epochs per run (default 1)"),
                          cl::init(1), cl::cat(category));
  cl::opt<int64_t> steps("steps",
                         cl::desc("Limit each epoch to N steps; s/epoch is then "
                                  "extrapolated to the full epoch (and marked so)"),
                         cl::cat(category));
  cl::opt<int64_t> validationSamples(
      "validation-samples",
      cl::desc("Evaluate each epoch on the first N test samples (default: all; "
               "500 with --steps)"),
      cl::cat(category));
  cl::opt<int64_t> warmup("warmup", cl::desc("Unmeasured warm-up steps per run (default 2)"),
                          cl::init(2), cl::cat(category));
  cl::opt<std::string> dataDir("data-dir",
                               cl::desc("Dataset directory (default: $DLC_DATA_DIR)"),
                               cl::value_desc("dir"), cl::cat(category));
  cl::opt<std::string> outDir("out", cl::desc("Output directory (default: bench-out)"),
                              cl::init("bench-out"), cl::value_desc("dir"),
                              cl::cat(category));
  cl::opt<std::string> modelsDir("models-dir",
                                 cl::desc("Where <task>.yaml files are (default: "
                                          "./models, then the source tree's)"),
                                 cl::value_desc("dir"), cl::cat(category));
  cl::opt<int> threads("sgemm-threads",
                       cl::desc("Threads of the sgemm reference rate (default: "
                                "every CPU this process may use)"),
                       cl::init(0), cl::cat(category));
  cl::opt<bool> merge("merge",
                      cl::desc("Fold the results.json of the directories (or "
                               "files) given into one report in --out"),
                      cl::cat(category));
  cl::list<std::string> inputs(cl::Positional, cl::desc("[DIR|results.json...] (with --merge)"),
                               cl::cat(category));
  cl::opt<bool> noReport("no-report", cl::desc("Write results.json only"),
                         cl::cat(category));
  cl::opt<std::string> reportFlag("report-script", cl::desc("report.py to run"),
                                  cl::Hidden, cl::cat(category));
  // Internal: the child processes.
  cl::opt<std::string> fusion("fusion", cl::desc(kFusionHelp), cl::value_desc("list"),
                             cl::cat(category));
  cl::opt<bool> childRunFlag("child-run", cl::Hidden, cl::cat(category));
  cl::opt<bool> childSgemmFlag("child-sgemm", cl::Hidden, cl::cat(category));
  cl::opt<std::string> task("child-task", cl::Hidden, cl::cat(category));
  cl::opt<std::string> target("child-target", cl::Hidden, cl::cat(category));
  cl::opt<std::string> model("child-model", cl::Hidden, cl::cat(category));
  cl::opt<std::string> label("child-label", cl::Hidden, cl::cat(category));
  cl::opt<std::string> resultPath("child-result", cl::Hidden, cl::cat(category));
  // compileToBundle applies the pass-manager and timing options.
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Compile and train the task models on every available target; write "
      "results.json, report.md and plots.\n\nExample: dlc bench --tasks "
      "mnist_mlp --steps 20 --data-dir ../shared/data --out /tmp/bench\n"
      "         dlc bench --merge machineA/ machineB/ --out merged/\n");

  if (childSgemmFlag)
    return childSgemm(threads > 0 ? int(threads) : cpuCount(), resultPath);
  if (childRunFlag) {
    ChildRunOptions o;
    o.task = task;
    o.target = target;
    o.model = model;
    o.dataDir = dataDir;
    o.label = label;
    auto pipeline = parsePipelineOptions(fusion, llvm::errs());
    if (!pipeline)
      return 1;
    o.pipeline = *pipeline;
    o.epochs = epochs;
    if (steps.getNumOccurrences())
      o.steps = steps;
    if (validationSamples.getNumOccurrences())
      o.validationSamples = validationSamples;
    o.warmup = warmup;
    return childRun(o, resultPath);
  }

  const std::string report = reportScript(reportFlag);
  // The OpenMP runtime of every run aborts on a malformed value.
  if (const char *omp = std::getenv("OMP_NUM_THREADS")) {
    std::string why;
    if (rt::cli::parseOmpNumThreads(omp, why) == 0) {
      std::cerr << "dlc bench: error: OMP_NUM_THREADS='" << omp << "': " << why
                << "; unset it\n";
      return 1;
    }
  }
  // The output folder is checked before anything runs: a file of that name,
  // or a folder that takes no files, would otherwise fail every run.
  if (::mkdir(outDir.c_str(), 0777) != 0 && errno != EEXIST) {
    std::cerr << "dlc bench: error: --out " << outDir << ": cannot create the folder: "
              << std::strerror(errno) << "\n";
    return 1;
  }
  struct stat outStat;
  if (::stat(outDir.c_str(), &outStat) != 0 || !S_ISDIR(outStat.st_mode)) {
    std::cerr << "dlc bench: error: --out " << outDir
              << ": a file, not a folder (results.json, report.md and the plots go into a "
                 "folder; name another)\n";
    return 1;
  }
  if (absl::Status files =
          rt::cli::checkOutputFiles({}, {{"--out", std::string(outDir) + "/results.json"}});
      !files.ok()) {
    std::cerr << "dlc bench: error: " << std::string(files.message()) << "\n";
    return 1;
  }
  if (merge) {
    if (inputs.empty()) {
      std::cerr << "dlc bench: error: --merge needs result directories or files\n";
      return 1;
    }
    json all = json::array();
    std::vector<std::string> files;
    for (const std::string &in : inputs) {
      std::string file = exists(in + "/results.json") ? in + "/results.json" : in;
      auto j = readJson(file);
      if (!j || !j->is_array()) {
        std::cerr << "dlc bench: error: " << file
                  << ": not a results.json (a JSON list of records)\n";
        return 1;
      }
      for (json &rec : *j)
        all.push_back(std::move(rec));
    }
    std::string merged = std::string(outDir) + "/results.json";
    if (!writeJson(merged, all)) {
      std::cerr << "dlc bench: error: cannot write " << merged << "\n";
      return 1;
    }
    std::cout << "dlc bench: merged " << all.size() << " records from "
              << inputs.size() << " inputs into " << merged << "\n";
    return noReport ? 0 : makeReport(report, {merged}, outDir);
  }
  if (!inputs.empty()) {
    std::cerr << "dlc bench: error: unexpected argument '" << inputs.front()
              << "' (directories are for --merge)\n";
    return 1;
  }
  if (epochs < 1 || (steps.getNumOccurrences() && steps < 1) || warmup < 0) {
    std::cerr << "dlc bench: error: --epochs and --steps must be at least 1\n";
    return 1;
  }

  // What to run.
  std::vector<std::string> taskList =
      tasks == "all" ? std::vector<std::string>(std::begin(kTasks), std::end(kTasks))
                     : splitList(tasks);
  std::vector<std::string> targetList;
  if (targets == "all") {
    for (const abi::TargetInfo &t : abi::kTargets)
      targetList.emplace_back(t.name);
  } else {
    targetList = splitList(targets);
  }
  std::string built;
  for (const auto &t : allTargets())
    built += (built.empty() ? "" : ", ") + t->name().str();
  std::vector<Run> runs;
  for (const std::string &tk : taskList) {
    std::string path = modelPath(modelsDir, tk);
    if (path.empty()) {
      std::cerr << "dlc bench: error: no model file " << tk
                << ".yaml (tasks: mnist_mlp, mnist_cnn, cifar10_cnn, "
                   "mnist_hrnn, babi_rnn; --models-dir names their folder)\n";
      return 1;
    }
    for (const std::string &tg : targetList) {
      Run run{tk, tg, path, ""};
      if (!lookupTarget(tg)) {
        const abi::TargetInfo *info = abi::findTarget(tg);
        if (!info) {
          std::cerr << "dlc bench: error: unknown target '" << tg
                    << "' (known: " << knownTargetNames() << ")\n";
          return 1;
        }
        run.unavailable = "this dlc build has no '" + tg + "' target (it has: " + built + ")";
        if (info->device == abi::Device::Cuda && gpuModel().empty())
          run.unavailable += "; no NVIDIA GPU (no /proc/driver/nvidia/gpus)";
      }
      runs.push_back(run);
    }
  }
  std::optional<int64_t> valSamples;
  if (validationSamples.getNumOccurrences())
    valSamples = validationSamples;
  else if (steps.getNumOccurrences())
    valSamples = 500;

  // The machine and its sgemm rate, each measured in a child.
  const int nThreads = threads > 0 ? int(threads) : cpuCount();
  json machine = machineInfo(nThreads);
  const std::string exe = "/proc/self/exe";
  std::string tmpResult = std::string(outDir) + "/.child-result.json";
  json sgemm = json::object();
  double sgemmRate = 0;
  std::cout << "dlc bench: measuring OpenBLAS sgemm " << kSgemmSize << "^3 ...\n";
  std::vector<int> sgemmThreads = {nThreads};
  if (nThreads != 1)
    sgemmThreads.insert(sgemmThreads.begin(), 1);
  for (int th : sgemmThreads) {
    std::remove(tmpResult.c_str());
    runChild({"bench", "--child-sgemm", "--sgemm-threads", std::to_string(th), "--child-result",
              tmpResult},
             {{"OPENBLAS_NUM_THREADS", std::to_string(th)}});
    auto j = readJson(tmpResult);
    json rate = j && j->contains("gflop_per_s") ? (*j)["gflop_per_s"] : json(nullptr);
    if (th == nThreads) {
      sgemm["size"] = kSgemmSize;
      sgemm["threads"] = nThreads;
      sgemm["gflop_per_s"] = rate;
      if (j && j->contains("reason"))
        sgemm["reason"] = (*j)["reason"];
      if (rate.is_number())
        sgemmRate = rate.get<double>();
    }
    if (th == 1)
      sgemm["gflop_per_s_1_thread"] = rate;
  }
  machine["sgemm"] = sgemm;
  std::cout << "dlc bench: sgemm " << (sgemmRate > 0 ? std::to_string(int(sgemmRate)) : "n/a")
            << " GFLOP/s on " << nThreads << " threads\n";
  json version = versionInfo();
  const std::string runId = isoNow() + "@" + machine["hostname"].get<std::string>();

  // The runs.
  json records = json::array();
  std::map<std::string, double> taskSeconds; // wall time of a finished run per task
  std::vector<double> finished;
  Clock::time_point benchStart = Clock::now();
  int index = 0, toRun = 0;
  for (const Run &run : runs)
    toRun += run.unavailable.empty();
  for (const Run &run : runs) {
    json common = {{"schema", kSchema},
                   {"run_id", runId},
                   {"started_at", isoNow()},
                   {"task", run.task},
                   {"target", run.target},
                   {"kind", "dlc"},
                   {"epochs", int64_t(epochs)},
                   {"machine", machine},
                   {"version", version}};
    if (!run.unavailable.empty()) {
      std::cout << "dlc bench: " << run.task << " on " << run.target
                << ": not available here: " << run.unavailable << "\n";
      appendRecords(records, common, json::object(), "unavailable", run.unavailable, 0,
                    sgemmRate, false);
      continue;
    }
    ++index;
    // Time left: a finished run of the same task, else the mean finished run.
    double left = 0;
    bool know = !finished.empty();
    int i = 0;
    for (const Run &r : runs) {
      if (!r.unavailable.empty() || ++i < index)
        continue;
      if (taskSeconds.count(r.task))
        left += taskSeconds[r.task];
      else if (know) {
        double mean = 0;
        for (double s : finished)
          mean += s;
        left += mean / double(finished.size());
      }
    }
    std::string runLabel = "[" + std::to_string(index) + "/" + std::to_string(toRun) +
                           "] " + run.task + " on " + run.target;
    std::cout << "dlc bench: " << runLabel << " - compiling and warming up"
              << " (elapsed " << fmtSeconds(since(benchStart)) << ", about "
              << (know ? fmtSeconds(left) : std::string("? (no run finished yet)"))
              << " left)\n";
    std::vector<std::string> args = {
        "bench",          "--child-run", "--child-task",   run.task,
        "--child-target", run.target,    "--child-model",  run.model,
        "--epochs",       std::to_string(epochs),
        "--warmup",       std::to_string(warmup),
        "--child-label",  runLabel,      "--child-result", tmpResult};
    if (!dataDir.empty())
      args.insert(args.end(), {"--data-dir", dataDir});
    if (!fusion.empty())
      args.insert(args.end(), {"--fusion", fusion});
    if (steps.getNumOccurrences())
      args.insert(args.end(), {"--steps", std::to_string(steps)});
    if (valSamples)
      args.insert(args.end(), {"--validation-samples", std::to_string(*valSamples)});
    std::remove(tmpResult.c_str());
    ChildExit exit = runChild(args, {{"OPENBLAS_NUM_THREADS", "1"}});
    finished.push_back(exit.seconds);
    taskSeconds[run.task] = exit.seconds;
    auto child = readJson(tmpResult);
    std::string status = "failed", reason;
    if (!child) {
      reason = "the run exited with status " + std::to_string(exit.status) +
               " and wrote no result";
    } else {
      status = child->value("status", std::string("failed"));
      reason = child->value("reason", std::string());
      if (status == "ok" && exit.status != 0)
        status = "failed", reason = "exit status " + std::to_string(exit.status);
    }
    if (status != "ok")
      std::cout << "dlc bench: " << run.task << " on " << run.target << ": "
                << (status == "unavailable" ? "not available here: " : "failed: ")
                << reason << "\n";
    appendRecords(records, common, child ? *child : json::object(), status, reason,
                  exit.peakRssBytes, sgemmRate, steps.getNumOccurrences() > 0);
  }
  std::remove(tmpResult.c_str());
  std::string resultsFile = std::string(outDir) + "/results.json";
  if (!writeJson(resultsFile, records)) {
    std::cerr << "dlc bench: error: cannot write " << resultsFile << "\n";
    return 1;
  }
  std::cout << "dlc bench: " << records.size() << " records in " << resultsFile
            << " (" << fmtSeconds(since(benchStart)) << ")\n";
  int failedRuns = 0;
  for (const json &r : records)
    failedRuns += r["status"] == "failed";
  int code = noReport ? 0 : makeReport(report, {resultsFile}, outDir);
  if (code == 0 && failedRuns) {
    std::cerr << "dlc bench: " << failedRuns << " record(s) of failed runs\n";
    return 1;
  }
  return code;
}

} // namespace dlc::tool
