// `dlc tune MODEL|BUNDLE --cache FILE`: on this machine's GPU, times each op
// that has a library path (convolution forward, backward data, backward
// filter; GEMM) both ways — its steps of train_step as cuda-cudnn compiles
// them (the library call and the generated kernels around it) and as cuda
// compiles them with every op generated (its generated kernels) — each op's
// steps captured as one CUDA graph and repeated, so that launch overheads do
// not decide; and records the faster per op, keyed by layer and op shapes, in
// a cache file for this device (codegen/cuda/LibraryChoice.h), which `dlc
// compile --target=cuda --tune-cache FILE` follows. Which step computes which
// op is the key the library passes put on them (the manifest's "key").
// Without a GPU it stops with the runtime's error; it never falls back to
// anything.
#include "tools/dlc/Commands.h"
#include "tools/dlc/CompileModel.h"
#include "tools/dlc/DiagnosticPrinter.h"

#include "frontend/KerasImporter.h"
#include "runtime/backends/Backends.h"
#include "runtime/bundle/BundleReader.h"
// Both the CUDA targets (to compile both paths) and the CUDA backend (to time
// them) are needed.
#if defined(DLC_HAVE_CUDA_BACKEND) && defined(DLC_HAVE_CUDA_TARGETS)
#define DLC_TUNE_AVAILABLE 1
#include "codegen/cuda/LibraryChoice.h"
#include "runtime/backends/cuda/CudaBackend.h"
#endif

#include "abi/BundleContainer.h"
#include "abi/BundleFormat.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <fstream>
#include <map>
#include <set>

using namespace mlir;
namespace cl = llvm::cl;
namespace rt = dlc::rt;

namespace dlc::tool {
#ifdef DLC_TUNE_AVAILABLE
namespace {

/// Per layer, the keys (op and shapes) of the ops a library could compute:
/// the `dlc.paths` the cuda-cudnn target's linalg stage records.
FailureOr<std::map<std::string, std::vector<std::string>>>
libraryOps(MLIRContext &context, llvm::StringRef modelPath, int64_t batchSize,
           const PipelineOptions &pipeline) {
  const Target *target = findTarget("cuda-cudnn", llvm::errs());
  if (!target)
    return failure();
  ImportOptions import;
  import.batchSize = batchSize;
  OwningOpRef<ModuleOp> module = importKerasModel(modelPath, context, import);
  if (!module || failed(runPipeline(*module, target, pipeline, "linalg")))
    return failure();
  std::map<std::string, std::vector<std::string>> ops;
  if (auto paths = (*module)->getAttrOfType<ArrayAttr>("dlc.paths"))
    for (Attribute a : paths) {
      auto d = cast<DictionaryAttr>(a);
      auto text = [&](llvm::StringRef key) { return cast<StringAttr>(d.get(key)).str(); };
      if (text("path") == cuda::kPathGenerated || text("layer").empty())
        continue;
      std::vector<std::string> &list = ops[text("layer")];
      if (!llvm::is_contained(list, text("key")))
        list.push_back(text("key"));
    }
  return ops;
}

} // namespace
#endif

int runTune(int argc, char **argv) {
  cl::OptionCategory tuneCategory("dlc tune options");
  cl::opt<std::string> input(cl::Positional, cl::Required,
                             cl::desc("<model file, or a CUDA bundle compiled from one>"),
                             cl::cat(tuneCategory));
  cl::opt<std::string> cachePath("cache", cl::Required,
                                 cl::desc("The tune cache to write (one device's; an existing "
                                          "file of this device is updated)"),
                                 cl::value_desc("file"), cl::cat(tuneCategory));
  cl::opt<int> repeats("repeats",
                       cl::desc("Repetitions of each op's steps in its timed graph (default 50)"),
                       cl::init(50), cl::cat(tuneCategory));
  cl::opt<int64_t> batchSize("batch-size",
                             cl::desc("Batch size (default: the model file's, or the bundle's)"),
                             cl::init(0), cl::cat(tuneCategory));
  cl::opt<std::string> gpuArch("gpu-arch", cl::desc(kGpuArchHelp), cl::value_desc("sm_XY"),
                               cl::cat(tuneCategory));
  // runPipeline applies the pass-manager and timing options: registered, so
  // that they exist (--help-hidden lists them).
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  cl::HideUnrelatedOptions(tuneCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Time, on this machine's GPU, each op that has a library path (convolution forward, "
      "backward data, backward filter; GEMM) with its library call (as cuda-cudnn compiles "
      "it) and with generated kernels, each op's steps repeated inside one CUDA graph, and "
      "record the faster per op in a cache for this device, which "
      "`dlc compile --target=cuda --tune-cache FILE` follows.\n\nExample:\n"
      "  dlc tune models/mnist_cnn.yaml --cache h200.tune.json\n"
      "  dlc compile models/mnist_cnn.yaml --target=cuda --tune-cache h200.tune.json -o cnn.dlcb\n");
  if (repeats < 1) {
    llvm::errs() << "dlc tune: error: --repeats must be at least 1\n";
    return 1;
  }

  // A bundle names the model it was compiled from, its batch and its GPU.
  std::string modelPath = input;
  int64_t batch = batchSize;
  PipelineOptions pipeline;
  std::ifstream probe(input, std::ios::binary);
  char magic[sizeof(abi::kMagic)] = {};
  probe.read(magic, sizeof magic);
  if (probe && abi::hasBundleMagic(std::string_view(magic, sizeof magic))) {
    auto bundle = rt::bundle::readBundleFile(input);
    if (!bundle.ok()) {
      llvm::errs() << "dlc tune: error: " << std::string(bundle.status().message()) << "\n";
      return 1;
    }
    const rt::bundle::Manifest &m = bundle->manifest();
    const nlohmann::json &raw = m.raw;
    if (!raw.contains("cuda")) {
      llvm::errs() << "dlc tune: error: " << input << " is a " << m.target
                   << " bundle; dlc tune times CUDA bundles (cuda-ptx, cuda-cudnn, cuda)\n";
      return 1;
    }
    if (!raw.contains("model") || !raw["model"].contains("source") ||
        !raw["model"]["source"].is_string() ||
        !llvm::sys::fs::exists(raw["model"]["source"].get<std::string>())) {
      llvm::errs() << "dlc tune: error: " << input
                   << " does not name a model file that is here (manifest model.source); "
                      "give the model file instead\n";
      return 1;
    }
    modelPath = raw["model"]["source"].get<std::string>();
    if (!batch)
      batch = m.batchSize;
    if (raw["cuda"].contains("arch") && raw["cuda"]["arch"].is_string())
      pipeline.gpuArch = raw["cuda"]["arch"].get<std::string>();
  }
  if (gpuArch.getNumOccurrences())
    pipeline.gpuArch = gpuArch;

#ifndef DLC_TUNE_AVAILABLE
  llvm::errs() << "dlc tune: error: this dlc was built without the CUDA toolkit: it has no "
                  "CUDA targets and backend to time\n";
  return 1;
#else
  auto context = createContext();
  DiagnosticPrinter diagnostics(*context);
  auto keys = libraryOps(*context, modelPath, batch, pipeline);
  if (failed(keys))
    return 1;
  if (keys->empty()) {
    llvm::errs() << "dlc tune: error: " << modelPath
                 << " has no layer a library could compute (no convolution, no GEMM)\n";
    return 1;
  }

  // The generated side: --target=cuda with a cache that says "generated"
  // for every op (so both sides carry the same op keys).
  cuda::TuneCache everyGenerated;
  everyGenerated.device = "dlc tune's generated side";
  for (const auto &[layer, ops] : *keys)
    for (const std::string &op : ops)
      everyGenerated.ops.push_back({layer, op, 0, 0, false});
  llvm::SmallString<128> generatedCache;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("dlc-tune-generated", "json", generatedCache)) {
    llvm::errs() << "dlc tune: error: a temporary file: " << ec.message() << "\n";
    return 1;
  }
  llvm::FileRemover removeGeneratedCache(generatedCache);
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(generatedCache, ec);
    out << cuda::printTuneCache(everyGenerated);
  }

  // Both paths' bundles, opened on the GPU (the runtime's error without one).
  using rt::cuda::OpId;
  struct Side {
    const char *target;
    std::string tuneCache; ///< the generated side's: every op generated
    std::shared_ptr<const rt::bundle::Bundle> bundle;
    std::unique_ptr<rt::exec::Backend> backend;
    std::map<OpId, double> ms;
    std::map<OpId, size_t> steps;
  };
  Side sides[2] = {{"cuda-cudnn", "", nullptr, nullptr, {}, {}},
                   {"cuda", std::string(generatedCache), nullptr, nullptr, {}, {}}};
  std::string device;
  std::vector<std::string> choices;
  for (Side &side : sides) {
    const Target *target = findTarget(side.target, llvm::errs());
    if (!target)
      return 1;
    CompileOptions compile;
    compile.batchSize = batch;
    compile.pipeline = pipeline;
    compile.pipeline.tuneCache = side.tuneCache;
    if (!checkTargetChoices(*target, compile.pipeline, gpuArch.getNumOccurrences(), false,
                            llvm::errs()))
      return 1;
    auto bytes = compileToBundle(*context, modelPath, *target, compile);
    if (failed(bytes))
      return 1;
    auto bundle = rt::bundle::readBundleBytes(std::move(*bytes),
                                              modelPath + " (" + side.target + ")");
    if (!bundle.ok()) {
      llvm::errs() << "dlc tune: error: " << std::string(bundle.status().message()) << "\n";
      return 1;
    }
    side.bundle = std::make_shared<const rt::bundle::Bundle>(std::move(*bundle));
    auto backend = rt::openBackend(*side.bundle, {});
    if (!backend.ok()) {
      llvm::errs() << "dlc tune: error: " << std::string(backend.status().message()) << "\n";
      return 1;
    }
    side.backend = std::move(*backend);
    auto *cuda = dynamic_cast<rt::exec::CudaBackend *>(side.backend.get());
    if (!cuda) {
      llvm::errs() << "dlc tune: error: the " << side.target << " bundle did not open on the "
                   << "CUDA backend\n";
      return 1;
    }
    device = cuda->device();
    for (const std::string &c : cuda->libraryChoices())
      choices.push_back(std::string(side.target) + ": " + c);
    const std::string_view state = side.bundle->initialState();
    if (absl::Status s = cuda->copyIn(rt::bundle::Region::State, 0, state.data(), state.size());
        !s.ok()) {
      llvm::errs() << "dlc tune: error: " << std::string(s.message()) << "\n";
      return 1;
    }
    // Each op's steps (after open: a fused call the device cannot run is its
    // fallback's steps), by the key the library passes put on them.
    std::vector<OpId> ids;
    std::vector<std::vector<size_t>> groups;
    for (auto &[id, steps] : rt::cuda::stepsByOp(cuda->program(), "train_step")) {
      ids.push_back(id);
      groups.push_back(steps);
      side.steps[id] = steps.size();
    }
    auto ms = cuda->timeStepGroups("train_step", groups, repeats);
    if (!ms.ok()) {
      llvm::errs() << "dlc tune: error: " << side.target << ": "
                   << std::string(ms.status().message()) << "\n";
      return 1;
    }
    for (size_t g = 0; g < ids.size(); ++g)
      side.ms[ids[g]] = (*ms)[g];
  }

  // The cache: this device's, updated op by op.
  cuda::TuneCache cache;
  if (llvm::sys::fs::exists(cachePath)) {
    if (std::string problem = cuda::readTuneCache(cachePath, cache); !problem.empty()) {
      llvm::errs() << "dlc tune: error: " << problem << " (remove it, or give another --cache)\n";
      return 1;
    }
    if (cache.device != device) {
      llvm::errs() << "dlc tune: error: " << cachePath << " holds the choices of "
                   << cache.device << "; this is " << device
                   << ": write this device's to another file\n";
      return 1;
    }
  }
  cache.device = device;
  llvm::outs() << "dlc tune: " << modelPath << " on " << device << ", train_step: each op's "
               << "steps captured as one CUDA graph, " << repeats << " repetitions\n";
  for (const std::string &c : choices)
    llvm::outs() << "  " << c << "\n";
  llvm::outs() << "  layer  op  library ms (steps)  generated ms (steps)  choice\n";
  for (const auto &[layer, ops] : *keys)
    for (const std::string &op : ops) {
      const OpId id{layer, op};
      const bool measured = sides[0].steps.count(id) && sides[1].steps.count(id);
      llvm::outs() << "  " << layer << "  " << op << "  ";
      if (!measured) {
        // An op one side has no step of (say, a product the library pass
        // folded away): nothing to compare, nothing written.
        llvm::outs() << "not measured (no steps of it in the "
                     << (sides[0].steps.count(id) ? "generated" : "library")
                     << " bundle's train_step)\n";
        continue;
      }
      cuda::TunedOp tuned{layer, op, sides[0].ms[id], sides[1].ms[id], false};
      tuned.library = tuned.libraryMs < tuned.generatedMs;
      llvm::outs() << llvm::format("%.4f", tuned.libraryMs) << " (" << sides[0].steps[id]
                   << ")  " << llvm::format("%.4f", tuned.generatedMs) << " ("
                   << sides[1].steps[id] << ")  " << (tuned.library ? "library" : "generated")
                   << "\n";
      llvm::erase_if(cache.ops, [&](const cuda::TunedOp &o) {
        return o.layer == layer && o.op == op;
      });
      cache.ops.push_back(std::move(tuned));
    }
  std::error_code ec;
  llvm::raw_fd_ostream out(cachePath, ec);
  if (ec) {
    llvm::errs() << "dlc tune: error: " << cachePath << ": " << ec.message() << "\n";
    return 1;
  }
  out << cuda::printTuneCache(cache);
  llvm::outs() << "wrote " << cachePath << "\n";
  return 0;
#endif
}

} // namespace dlc::tool
