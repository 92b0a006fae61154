// dlc-micro-bench: Google Benchmark micro-benchmarks of one layer at a time
// on the cpu and cpu-ref targets, next to OpenBLAS sgemm on the equivalent
// GEMMs (README.md beside this file).
//
// Each case is a one-layer @forward at the shape and batch size one layer of
// the five tasks (models/*.yaml) runs. Benchmarks, per case:
//   CASE/fwd/{cpu,cpu-ref}      @predict of the one-layer model
//   CASE/fwdbwd/{cpu,cpu-ref}   @train_step (forward, loss, backward, SGD)
//   CASE/{fwd,fwdbwd}/cpu-unfused  the cpu target with --fusion=none, for
//                               the layers followed by a relu in their task
//                               and (fwdbwd) the LSTM layers
//   CASE/{fwd,fwdbwd}/openblas  cblas_sgemm on the equivalent GEMMs
// Every dlc row carries FLOPS (the compiler's FLOP count from the bundle
// manifest over real time), sgemm_FLOPS (the equivalent GEMMs' rate, timed
// once per case and mode at first use and cached) and sgemm_ratio; fwdbwd
// rows also carry bwd_FLOPS = (train_step - predict FLOPs) / (train_step -
// predict time) when the fwd row ran earlier in the same process.
//
// Threads: all cores by default (OpenBLAS' default; the cpu target's OpenMP
// on every core). --threads=N (or DLC_MICRO_BENCH_THREADS=N) caps both.
#include "codegen/Target.h"
#include "ir/DlcOps.h"
#include "passes/FusionPipeline.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/train/Session.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <benchmark/benchmark.h>
#include <cblas.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern "C" void openblas_set_num_threads(int);

using namespace mlir;
namespace rt = dlc::rt;

namespace {

int gThreads = 0; // 0: every core

enum class Kind { Dense, Conv, Lstm };

/// One layer of one task.
struct Case {
  std::string name;
  Kind kind;
  int64_t batch;
  // Dense: in -> out. Conv: h x w x in -> out, 3x3, `same` padding or valid.
  // LSTM: in -> out units over `steps` time steps.
  int64_t in, out;
  int64_t h = 0, w = 0;
  bool same = false;
  int64_t steps = 0;
  /// Not the model's first layer: its input gradient is part of the
  /// backward pass, so the one-layer model adds a parameter to its input
  /// (x + p, p of x's shape) to keep that gradient alive.
  bool inputGrad = false;
  /// Followed by a relu, as in the task (dense and conv), so the cpu
  /// target's dense/conv+bias+act fusion applies; such cases also get a
  /// `cpu-unfused` row (--fusion=none) to measure it.
  bool relu = false;
  /// Fewer timed iterations for cpu-ref (slow reference kernels).
  double refMinTime = 0.05;
};

std::vector<Case> cases() {
  std::vector<Case> c;
  // mnist_mlp: Dense 784->512->512->10, batch 128.
  c.push_back({"mnist_mlp/dense_784x512", Kind::Dense, 128, 784, 512, 0, 0, false, 0, false, true});
  c.push_back({"mnist_mlp/dense_512x512", Kind::Dense, 128, 512, 512, 0, 0, false, 0, true, true});
  c.push_back({"mnist_mlp/dense_512x10", Kind::Dense, 128, 512, 10, 0, 0, false, 0, true});
  // mnist_cnn: Conv 3x3 1->32 valid on 28x28, 32->64 valid on 26x26,
  // Dense 9216->128, batch 128.
  c.push_back({"mnist_cnn/conv_1x32_28x28_valid", Kind::Conv, 128, 1, 32, 28, 28, false, 0, false, true});
  c.push_back({"mnist_cnn/conv_32x64_26x26_valid", Kind::Conv, 128, 32, 64, 26, 26, false, 0, true, true});
  c.push_back({"mnist_cnn/dense_9216x128", Kind::Dense, 128, 9216, 128, 0, 0, false, 0, true, true});
  // cifar10_cnn: Conv 3->32 same 32x32, 32->32 valid 32x32, pool, 32->64
  // same 15x15, 64->64 valid 15x15, pool, Dense 2304->512, batch 32.
  c.push_back({"cifar10_cnn/conv_3x32_32x32_same", Kind::Conv, 32, 3, 32, 32, 32, true, 0, false, true});
  c.push_back({"cifar10_cnn/conv_32x32_32x32_valid", Kind::Conv, 32, 32, 32, 32, 32, false, 0, true, true});
  c.push_back({"cifar10_cnn/conv_32x64_15x15_same", Kind::Conv, 32, 32, 64, 15, 15, true, 0, true, true});
  c.push_back({"cifar10_cnn/conv_64x64_15x15_valid", Kind::Conv, 32, 64, 64, 15, 15, false, 0, true, true});
  c.push_back({"cifar10_cnn/dense_2304x512", Kind::Dense, 32, 2304, 512, 0, 0, false, 0, true, true});
  // mnist_hrnn: TimeDistributed(LSTM 128) over the 28 rows of 28 pixels of
  // 1 channel (batch 32 x 28 rows = 896 sequences of 28 steps, 1 feature),
  // then LSTM 128 -> 128 over 28 steps at batch 32.
  c.push_back({"mnist_hrnn/lstm_1x128_t28_b896", Kind::Lstm, 896, 1, 128, 0, 0, false, 28});
  c.push_back({"mnist_hrnn/lstm_128x128_t28", Kind::Lstm, 32, 128, 128, 0, 0, false, 28, true});
  // babi_rnn (qa2): embeddings of 50, LSTM 50 over the 5-word query, LSTM
  // 50 over the 552-word story, batch 32 (both after an embedding, so the
  // input gradient is live).
  c.push_back({"babi_rnn/lstm_50x50_t5", Kind::Lstm, 32, 50, 50, 0, 0, false, 5, true});
  c.push_back({"babi_rnn/lstm_50x50_t552", Kind::Lstm, 32, 50, 50, 0, 0, false, 552, true});
  return c;
}

std::string tensorType(std::initializer_list<int64_t> dims) {
  std::string s = "tensor<";
  for (int64_t d : dims)
    s += std::to_string(d) + "x";
  return s + "f32>";
}

std::string param(const std::string &name) {
  return "{dlc.param = \"" + name +
         "\", dlc.init = {kind = \"random_uniform\", minval = -5.0e-02 : f64, "
         "maxval = 5.0e-02 : f64}}";
}

int64_t convOut(const Case &c, int64_t size) { return c.same ? size : size - 2; }

/// The one-layer model: @forward with the layer (for conv, then a global
/// average pooling and a flatten: the output must be [batch, classes]),
/// categorical cross-entropy and
/// SGD with lr 0 (the weights stay put, so every step does the same work).
std::string moduleText(const Case &c) {
  std::ostringstream os;
  os << "module attributes {dlc.training = {loss = \"categorical_crossentropy\", "
        "optimizer = {class_name = \"SGD\", config = {lr = 0.0 : f64}}}} {\n";
  std::string xt, args, body, result;
  std::string x = "%x";
  if (c.kind == Kind::Dense)
    xt = tensorType({c.batch, c.in});
  else if (c.kind == Kind::Conv)
    xt = tensorType({c.batch, c.h, c.w, c.in});
  else
    xt = tensorType({c.batch, c.steps, c.in});
  args = "%x: " + xt + " {dlc.input = \"x\"}";
  if (c.inputGrad) {
    args += ", %p: " + xt + " " + param("p");
    body += "    %xp = dlc.add %x, %p : (" + xt + ", " + xt + ") -> " + xt + "\n";
    x = "%xp";
  }
  std::string yt = tensorType({c.batch, c.out});
  if (c.kind == Kind::Dense) {
    std::string wt = tensorType({c.in, c.out}), bt = tensorType({c.out});
    args += ", %w: " + wt + " " + param("kernel") + ", %b: " + bt + " " + param("bias");
    body += std::string("    %") + (c.relu ? "z" : "y") + " = dlc.dense " + x +
            ", %w, %b : (" + xt + ", " + wt + ", " + bt + ") -> " + yt + "\n";
    if (c.relu)
      body += "    %y = dlc.activation relu(%z) : " + yt + "\n";
  } else if (c.kind == Kind::Conv) {
    int64_t ho = convOut(c, c.h), wo = convOut(c, c.w);
    std::string ft = tensorType({3, 3, c.in, c.out}), bt = tensorType({c.out});
    std::string ct = tensorType({c.batch, ho, wo, c.out});
    std::string pt = tensorType({c.batch, 1, 1, c.out});
    args += ", %f: " + ft + " " + param("kernel") + ", %b: " + bt + " " + param("bias");
    body += std::string("    %") + (c.relu ? "z" : "c") + " = dlc.conv2d " + x +
            ", %f, %b padding(" + std::string(c.same ? "same" : "valid") + ") : (" + xt +
            ", " + ft + ", " + bt + ") -> " + ct + "\n";
    if (c.relu)
      body += "    %c = dlc.activation relu(%z) : " + ct + "\n";
    // Global average pooling to `out` classes: a loss over the flattened
    // output (21,632-32,768 classes) would cost more than the convolution.
    body += "    %a = dlc.avg_pool2d %c padding(valid) {pool_size = array<i64: " +
            std::to_string(ho) + ", " + std::to_string(wo) + ">, strides = array<i64: " +
            std::to_string(ho) + ", " + std::to_string(wo) + ">} : " + ct + " -> " + pt + "\n";
    body += "    %y = dlc.flatten %a : " + pt + " -> " + yt + "\n";
  } else {
    std::string kt = tensorType({c.in, 4 * c.out}), rt = tensorType({c.out, 4 * c.out});
    std::string bt = tensorType({4 * c.out});
    args += ", %k: " + kt + " " + param("kernel") + ", %r: " + rt + " " +
            param("recurrent_kernel") + ", %b: " + bt + " " + param("bias");
    body += "    %y = dlc.lstm " + x + ", %k, %r, %b recurrent_activation(hard_sigmoid) : (" +
            xt + ", " + kt + ", " + rt + ", " + bt + ") -> " + yt + "\n";
  }
  os << "  func.func @forward(" << args << ") -> " << yt << " {\n"
     << body << "    return %y : " << yt << "\n  }\n}\n";
  return os.str();
}

/// A compiled one-layer model on one target, ready to run.
struct Model {
  std::shared_ptr<const rt::bundle::Bundle> bundle;
  std::unique_ptr<rt::train::Session> session;
  int64_t flopsPredict = 0, flopsTrain = 0;
};

void fillInputs(rt::train::Session &session, const rt::bundle::Function &f, std::mt19937 &rng) {
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  for (int index : f.inputs) {
    const rt::bundle::TensorDesc &t = session.manifest().tensors[size_t(index)];
    uint8_t *p = session.backend().io() + t.offset;
    int64_t n = t.numElements();
    if (t.dtype == rt::bundle::DType::F32 && t.role == rt::bundle::Role::Label) {
      auto *v = reinterpret_cast<float *>(p);
      int64_t classes = t.shape.empty() ? 1 : t.shape.back();
      std::uniform_int_distribution<int64_t> cls(0, classes - 1);
      std::memset(p, 0, size_t(n) * sizeof(float));
      for (int64_t r = 0; r < n / classes; ++r)
        v[r * classes + cls(rng)] = 1.0f;
    } else if (t.dtype == rt::bundle::DType::F32) {
      auto *v = reinterpret_cast<float *>(p);
      for (int64_t i = 0; i < n; ++i)
        v[i] = value(rng);
    } else {
      std::memset(p, 0, size_t(t.byteSize()));
    }
  }
}

/// Compiled models by "case|target" (compiled at first use, then kept).
std::map<std::string, std::unique_ptr<Model>> gModels;

Model *model(const Case &c, const std::string &targetName, std::string &error) {
  std::string key = c.name + "|" + targetName;
  auto it = gModels.find(key);
  if (it != gModels.end())
    return it->second.get();
  DialectRegistry registry;
  registry.insert<dlc::DlcDialect, func::FuncDialect>();
  MLIRContext context(registry);
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return success();
  });
  std::string text = moduleText(c);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
  if (!module) {
    error = "did not parse:\n" + text;
    return nullptr;
  }
  // "cpu-unfused": the cpu target without its fusion passes.
  llvm::StringRef name = targetName;
  dlc::PipelineOptions pipeline;
  if (name.consume_back("-unfused"))
    pipeline.fusion = dlc::FusionSet::none();
  const dlc::Target *target = dlc::lookupTarget(name);
  if (!target) {
    error = "no target " + targetName;
    return nullptr;
  }
  PassManager pm(&context);
  target->buildTrainingStage(pm, pipeline);
  if (failed(pm.run(*module))) {
    error = "pipeline failed: " + diagnostics;
    return nullptr;
  }
  auto bytes = target->serialize(*module, {7, c.name}, pipeline);
  if (failed(bytes)) {
    error = "serialize failed: " + diagnostics;
    return nullptr;
  }
  auto bundle = rt::bundle::readBundleBytes(std::move(*bytes), c.name);
  if (!bundle.ok()) {
    error = std::string(bundle.status().message());
    return nullptr;
  }
  auto m = std::make_unique<Model>();
  m->bundle = std::make_shared<const rt::bundle::Bundle>(std::move(*bundle));
  auto session = rt::train::Session::open(m->bundle, 7);
  if (!session.ok()) {
    error = std::string(session.status().message());
    return nullptr;
  }
  m->session = std::move(*session);
  m->session->backend().setThreads(gThreads);
  const nlohmann::json &raw = m->bundle->manifest().raw;
  if (raw.contains("flops")) {
    m->flopsPredict = raw["flops"].value("predict", int64_t(0));
    m->flopsTrain = raw["flops"].value("train_step", int64_t(0));
  }
  std::mt19937 rng(11);
  const rt::bundle::Manifest &man = m->bundle->manifest();
  for (const char *fn : {"predict", "train_step"})
    if (const rt::bundle::Function *f = man.function(fn))
      fillInputs(*m->session, *f, rng);
  Model *raw_ptr = m.get();
  gModels[key] = std::move(m);
  return raw_ptr;
}

// ---- OpenBLAS: the equivalent GEMMs ---------------------------------------

/// C[m x n] (+)= op(A) op(B), row-major; transA: A stored k x m.
struct Gemm {
  int64_t m, k, n;
  bool transA = false, transB = false;
  int64_t repeat = 1; ///< LSTM: once per time step
  double flops() const { return 2.0 * double(m) * double(k) * double(n) * double(repeat); }
};

/// The forward GEMM (dense: M=batch, K=in, N=out; conv: im2col M=N*Ho*Wo,
/// K=3*3*C, N=F; LSTM step: M=batch, K=in+units, N=4*units, once per step)
/// and, for fwdbwd, the backward ones: the weight gradient op(A)=X^T
/// (K x M times M x N) and, when the input gradient is live (always for
/// the LSTM's recurrent state), dX = dY W^T (M x N times N x K).
std::vector<Gemm> gemms(const Case &c, bool backward) {
  Gemm f{};
  if (c.kind == Kind::Dense)
    f = {c.batch, c.in, c.out};
  else if (c.kind == Kind::Conv)
    f = {c.batch * convOut(c, c.h) * convOut(c, c.w), 9 * c.in, c.out};
  else
    f = {c.batch, c.in + c.out, 4 * c.out, false, false, c.steps};
  std::vector<Gemm> g = {f};
  if (backward) {
    g.push_back({f.k, f.m, f.n, true, false, f.repeat});
    if (c.inputGrad || c.kind == Kind::Lstm)
      g.push_back({f.m, f.n, f.k, false, true, f.repeat});
  }
  return g;
}

struct GemmBuffers {
  std::vector<float> a, b, c;
  explicit GemmBuffers(const std::vector<Gemm> &gs) {
    size_t sa = 0, sb = 0, sc = 0;
    for (const Gemm &g : gs) {
      sa = std::max(sa, size_t(g.m * g.k));
      sb = std::max(sb, size_t(g.k * g.n));
      sc = std::max(sc, size_t(g.m * g.n));
    }
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> v(-1.0f, 1.0f);
    a.resize(sa);
    b.resize(sb);
    c.resize(sc);
    for (float &x : a)
      x = v(rng);
    for (float &x : b)
      x = v(rng);
  }
};

void runGemms(const std::vector<Gemm> &gs, GemmBuffers &buf) {
  for (const Gemm &g : gs)
    for (int64_t r = 0; r < g.repeat; ++r)
      cblas_sgemm(CblasRowMajor, g.transA ? CblasTrans : CblasNoTrans,
                  g.transB ? CblasTrans : CblasNoTrans, int(g.m), int(g.n), int(g.k), 1.0f,
                  buf.a.data(), int(g.transA ? g.m : g.k), buf.b.data(),
                  int(g.transB ? g.k : g.n), 0.0f, buf.c.data(), int(g.n));
}

double totalFlops(const std::vector<Gemm> &gs) {
  double f = 0;
  for (const Gemm &g : gs)
    f += g.flops();
  return f;
}

/// The equivalent GEMMs' sgemm rate (FLOP/s) of a case and mode, timed at
/// first use (one warm-up, then the best of repeats over >= 0.1 s) and cached.
std::map<std::string, double> gSgemmRate;

double sgemmRate(const Case &c, bool backward) {
  std::string key = c.name + (backward ? "|fwdbwd" : "|fwd");
  auto it = gSgemmRate.find(key);
  if (it != gSgemmRate.end())
    return it->second;
  std::vector<Gemm> gs = gemms(c, backward);
  GemmBuffers buf(gs);
  runGemms(gs, buf);
  double best = 1e30, spent = 0;
  int runs = 0;
  while ((spent < 0.1 || runs < 3) && runs < 1000) {
    auto t0 = std::chrono::steady_clock::now();
    runGemms(gs, buf);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
    spent += s;
    ++runs;
  }
  double rate = totalFlops(gs) / best;
  gSgemmRate[key] = rate;
  // OpenBLAS' threads spin a while after a call: let them go to sleep
  // before the dlc row times its OpenMP threads on the same cores.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  return rate;
}

// ---- benchmarks ------------------------------------------------------------

/// Predict times (seconds per run) by "case|target", for bwd_FLOPS.
std::map<std::string, double> gPredictSeconds;

void BM_Dlc(benchmark::State &state, Case c, std::string target, bool backward) {
  std::string error;
  Model *m = model(c, target, error);
  if (!m) {
    state.SkipWithError(error.c_str());
    return;
  }
  const char *fn = backward ? "train_step" : "predict";
  rt::exec::Backend &ex = m->session->backend();
  if (absl::Status s = ex.run(fn); !s.ok()) { // warm-up
    state.SkipWithError(std::string(s.message()).c_str());
    return;
  }
  double rate = sgemmRate(c, backward);
  ex.run(fn).IgnoreError(); // warm again after the sgemm timing
  auto t0 = std::chrono::steady_clock::now();
  for (auto _ : state) {
    absl::Status s = ex.run(fn);
    if (!s.ok()) {
      state.SkipWithError(std::string(s.message()).c_str());
      break;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double perRun = seconds / double(std::max<int64_t>(state.iterations(), 1));
  int64_t flops = backward ? m->flopsTrain : m->flopsPredict;
  state.counters["FLOPS"] =
      benchmark::Counter(double(flops), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["flop"] = double(flops);
  state.counters["sgemm_FLOPS"] = rate;
  state.counters["sgemm_ratio"] = double(flops) / perRun / rate;
  std::string key = c.name + "|" + target;
  if (!backward) {
    gPredictSeconds[key] = perRun;
  } else if (auto it = gPredictSeconds.find(key);
             it != gPredictSeconds.end() && perRun > it->second) {
    state.counters["bwd_FLOPS"] =
        double(m->flopsTrain - m->flopsPredict) / (perRun - it->second);
  }
}

void BM_OpenBlas(benchmark::State &state, Case c, bool backward) {
  std::vector<Gemm> gs = gemms(c, backward);
  GemmBuffers buf(gs);
  runGemms(gs, buf);
  for (auto _ : state)
    runGemms(gs, buf);
  state.counters["FLOPS"] =
      benchmark::Counter(totalFlops(gs), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["flop"] = totalFlops(gs);
}

/// `refMinTime`: the cpu-ref rows' minimum time when the command line gave
/// no --benchmark_min_time (which then holds for every row).
void registerAll(bool refMinTime) {
  for (const Case &c : cases())
    for (bool backward : {false, true}) {
      std::string base = c.name + (backward ? "/fwdbwd" : "/fwd");
      benchmark::RegisterBenchmark((base + "/openblas").c_str(), BM_OpenBlas, c, backward)
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark((base + "/cpu").c_str(), BM_Dlc, c, std::string("cpu"),
                                   backward)
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
      if (c.relu || (backward && c.kind == Kind::Lstm))
        benchmark::RegisterBenchmark((base + "/cpu-unfused").c_str(), BM_Dlc, c,
                                     std::string("cpu-unfused"), backward)
            ->UseRealTime()
            ->Unit(benchmark::kMillisecond);
      auto *ref = benchmark::RegisterBenchmark((base + "/cpu-ref").c_str(), BM_Dlc, c,
                                               std::string("cpu-ref"), backward)
                      ->UseRealTime()
                      ->Unit(benchmark::kMillisecond);
      if (refMinTime)
        ref->MinTime(c.refMinTime);
    }
}

} // namespace

int main(int argc, char **argv) {
  if (const char *env = std::getenv("DLC_MICRO_BENCH_THREADS"))
    gThreads = std::atoi(env);
  std::vector<char *> args;
  bool minTimeGiven = false;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--threads=", 10) == 0) {
      gThreads = std::atoi(argv[i] + 10);
      continue;
    }
    if (std::strncmp(argv[i], "--benchmark_min_time", 20) == 0)
      minTimeGiven = true;
    args.push_back(argv[i]);
  }
  // A short default (Google Benchmark's is 0.5 s per row): 90 rows.
  static char defaultMinTime[] = "--benchmark_min_time=0.2";
  if (!minTimeGiven)
    args.insert(args.begin() + 1, defaultMinTime);
  // The cpu target's lowering applies the pass manager's command-line
  // options, which must exist (else its serialize fails without a message).
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  int n = int(args.size());
  if (gThreads > 0)
    openblas_set_num_threads(gThreads);
  benchmark::AddCustomContext("threads", gThreads > 0 ? std::to_string(gThreads) : "all");
  registerAll(!minTimeGiven);
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data()))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
