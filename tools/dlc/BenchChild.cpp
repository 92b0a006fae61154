// dlc bench's child runs: one task x target compiled, warmed up and trained
// (--child-run), or OpenBLAS' sgemm rate (--child-sgemm), each in a process of
// its own so its peak memory is its own (see BenchSupport.h).
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

#ifdef DLC_HAVE_OPENBLAS
#include <cblas.h>
#endif

#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>
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
#include <random>
#include <sstream>
#include <streambuf>

namespace cl = llvm::cl;
namespace rt = dlc::rt;

namespace dlc::tool::bench {
namespace {

/// Prefixes every line the training loop prints with the run's label and
/// epoch ("[2/10] mnist_cnn on cpu-ref, epoch 1/3 | "); the epoch advances
/// after each epoch's final line (the one with "samples/s").
class LabelledBuf : public std::streambuf {
public:
  LabelledBuf(std::ostream &to, std::string label, int64_t epochs)
      : to_(to), label_(std::move(label)), epochs_(epochs) {}

protected:
  int overflow(int ch) override {
    if (ch == EOF)
      return 0;
    if (atLineStart_ && ch != '\n' && ch != '\r') {
      to_ << label_ << ", epoch " << epoch_ << "/" << epochs_ << " | ";
      atLineStart_ = false;
    }
    to_.put(char(ch));
    line_ += char(ch);
    if (ch == '\n' || ch == '\r') {
      atLineStart_ = true;
      if (ch == '\n' && line_.find("samples/s") != std::string::npos)
        ++epoch_;
      line_.clear();
    }
    return ch;
  }
  int sync() override {
    to_.flush();
    return 0;
  }

private:
  std::ostream &to_;
  std::string label_;
  int64_t epochs_;
  int64_t epoch_ = 1;
  bool atLineStart_ = true;
  std::string line_;
};

} // namespace

/// --child-sgemm: the best of a few n^3 sgemm runs with `threads` threads.
int childSgemm(int threads, const std::string &resultPath) {
  json r = json::object();
  r["size"] = kSgemmSize;
  r["threads"] = threads;
#ifdef DLC_HAVE_OPENBLAS
  openblas_set_num_threads(threads);
  const int n = kSgemmSize;
  std::vector<float> a(size_t(n) * n), b(size_t(n) * n), c(size_t(n) * n);
  std::mt19937 gen(1);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (size_t i = 0; i < a.size(); ++i) {
    a[i] = dist(gen);
    b[i] = dist(gen);
  }
  double best = 1e30;
  for (int rep = 0; rep < 4; ++rep) { // the first is the warm-up
    Clock::time_point t = Clock::now();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f,
                a.data(), n, b.data(), n, 0.0f, c.data(), n);
    double s = since(t);
    if (rep > 0)
      best = std::min(best, s);
  }
  r["gflop_per_s"] = 2.0 * double(n) * n * n / best / 1e9;
  r["library"] = "OpenBLAS";
  r["config"] = openblas_get_config();
#else
  r["gflop_per_s"] = nullptr;
  r["reason"] = "this dlc was built without OpenBLAS (apt-get install libopenblas-dev)";
#endif
  return writeJson(resultPath, r) ? 0 : 1;
}

/// --child-run: compile, warm up, train; the result file says what happened.
int childRun(const ChildRunOptions &o, const std::string &resultPath) {
  json r = json::object();
  r["status"] = "failed";
  auto finish = [&](int code) {
    struct rusage usage = {};
    ::getrusage(RUSAGE_SELF, &usage);
    r["peak_rss_bytes_self"] = int64_t(usage.ru_maxrss) * 1024;
    return writeJson(resultPath, r) ? code : 1;
  };
  const Target *target = lookupTarget(o.target);
  if (!target) {
    r["reason"] = "this dlc has no target '" + o.target + "'";
    return finish(1);
  }
  // Compile, timed; the first error becomes the reason (all are printed).
  auto context = createContext();
  std::string firstError;
  auto handler = std::make_unique<mlir::ScopedDiagnosticHandler>(context.get(), [&](mlir::Diagnostic &d) {
    std::string text = d.str();
    std::string where;
    llvm::raw_string_ostream(where) << d.getLocation();
    llvm::errs() << where << ": "
                 << (d.getSeverity() == mlir::DiagnosticSeverity::Error ? "error: "
                                                                        : "note: ")
                 << text << "\n";
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error && firstError.empty())
      firstError = text;
    return mlir::success();
  });
  Clock::time_point t0 = Clock::now();
  CompileOptions compile;
  compile.pipeline = o.pipeline;
  auto bytes = compileToBundle(*context, o.model, *target, compile);
  r["compile_seconds"] = since(t0);
  r["fusion"] = o.target == "cpu-ref" ? "none" : o.pipeline.fusion.str();
  {
    struct rusage usage = {};
    ::getrusage(RUSAGE_SELF, &usage);
    r["compile_peak_rss_bytes"] = int64_t(usage.ru_maxrss) * 1024;
  }
  if (mlir::failed(bytes)) {
    r["reason"] = "compilation failed: " + (firstError.empty() ? "see the log" : firstError);
    return finish(1);
  }
  handler.reset();
  context.reset();
  auto bundle = rt::bundle::readBundleBytes(std::move(*bytes), o.model);
  if (!bundle.ok()) {
    r["status"] = "unavailable";
    r["reason"] = std::string(bundle.status().message());
    return finish(1);
  }
  auto shared = std::make_shared<const rt::bundle::Bundle>(std::move(*bundle));
  const rt::bundle::Manifest &m = shared->manifest();
  r["batch_size"] = m.batchSize;
  if (m.raw.contains("flops"))
    r["flops"] = m.raw["flops"];
  r["bundle_bytes"] = {{"state", m.regionBytes[0]}, {"io", m.regionBytes[1]},
                       {"arena", m.regionBytes[2]}};

  // The task's data, loaded once (outside the timed loop) for both runs.
  auto data = rt::train::loadTaskData(m, o.dataDir);
  if (!data.ok()) {
    r["reason"] = std::string(data.status().message());
    return finish(1);
  }
  const rt::data::Dataset *trainSet = &data->train, *valSet = nullptr;
  std::optional<std::pair<rt::data::Dataset, rt::data::Dataset>> split;
  auto plan = rt::train::validationPlan(m.training);
  if (plan.ok() && plan->useTest && data->test) {
    valSet = &*data->test;
  } else if (plan.ok() && plan->split > 0) {
    auto s = rt::data::splitValidation(data->train, plan->split);
    if (s.ok()) {
      split = std::move(*s);
      trainSet = &split->first;
      valSet = &split->second;
    }
  }
  const int64_t fullSteps = trainSet->numSamples / std::max<int64_t>(1, m.batchSize);
  r["train_samples"] = trainSet->numSamples;
  r["steps_per_full_epoch"] = fullSteps;
  r["val_samples"] = valSet ? (o.validationSamples ? std::min(*o.validationSamples,
                                                              valSet->numSamples)
                                                   : valSet->numSamples)
                            : 0;

  rt::train::TrainOptions t;
  t.source.bundle = shared;
  t.dataDir = o.dataDir;
  t.trainData = trainSet;
  std::ostringstream sink;
  // Warm-up: a few steps (page faults, caches, lazy loading) not measured.
  if (o.warmup > 0) {
    t.epochs = 1;
    t.stopAfterSteps = o.warmup;
    t.validationData = nullptr;
    t.out = &sink;
    t.err = &sink;
    t.terminal = false;
    Clock::time_point w = Clock::now();
    auto warm = rt::train::train(t);
    r["warmup_seconds"] = since(w);
    r["warmup_steps"] = o.warmup;
    if (!warm.ok()) {
      absl::StatusCode code = warm.status().code();
      bool unavailable = code == absl::StatusCode::kUnavailable ||
                         code == absl::StatusCode::kFailedPrecondition ||
                         code == absl::StatusCode::kUnimplemented;
      r["status"] = unavailable ? "unavailable" : "failed";
      r["reason"] = std::string(warm.status().message());
      return finish(1);
    }
  }
  t.stopAfterSteps.reset();
  t.epochs = o.epochs;
  t.stepsPerEpoch = o.steps;
  t.validationData = valSet;
  t.validationSamples = o.validationSamples;
  LabelledBuf labelled(std::cout, o.label, o.epochs);
  std::ostream out(&labelled);
  t.out = &out;
  t.err = &std::cerr;
  t.terminal = rt::train::isTerminal(std::cout);
  auto result = rt::train::train(t);
  out.flush();
  if (!result.ok()) {
    r["reason"] = std::string(result.status().message());
    return finish(1);
  }
  json epochs = json::array();
  for (const rt::train::EpochStats &e : result->epochs) {
    json je = {{"epoch", e.epoch},
               {"steps", e.steps},
               {"samples", e.samples},
               {"seconds", e.seconds},
               {"samples_per_s", e.samplesPerSecond},
               {"loss", e.loss},
               {"acc", e.acc},
               {"val_loss", e.valLoss ? json(*e.valLoss) : json(nullptr)},
               {"val_acc", e.valAcc ? json(*e.valAcc) : json(nullptr)},
               {"eval_seconds", e.evalSeconds}};
    epochs.push_back(std::move(je));
  }
  r["epochs"] = std::move(epochs);
  r["status"] = "ok";
  return finish(0);
}

} // namespace dlc::tool::bench
