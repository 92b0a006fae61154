// `dlc tune MODEL|BUNDLE --cache FILE`: on this machine's GPU, times each
// layer that has a library path (convolutions, GEMMs) both ways — its steps
// of one train_step as cuda-cudnn compiles them (library calls and the
// generated kernels around them) and as cuda-ptx does (generated kernels
// only) — and records the faster per layer and its ops' shapes in a cache
// file for this device (codegen/cuda/LibraryChoice.h), which `dlc compile
// --target=cuda --tune-cache FILE` follows. Without a GPU it stops with the
// runtime's error; it never falls back to anything.
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
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
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
  cl::opt<int> repeats("repeats", cl::desc("Timed runs of each step (default 20)"), cl::init(20),
                       cl::cat(tuneCategory));
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
      "Time, on this machine's GPU, each layer that has a library path (convolutions, "
      "GEMMs) with library calls (as cuda-cudnn compiles it) and with generated kernels (as "
      "cuda-ptx does), and record the faster per layer in a cache for this device, which "
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

  // Both paths' bundles, opened on the GPU (the runtime's error without one).
  struct Side {
    const char *target;
    std::shared_ptr<const rt::bundle::Bundle> bundle;
    std::unique_ptr<rt::exec::Backend> backend;
    std::map<std::string, double> msPerLayer;
  };
  Side sides[2] = {{"cuda-cudnn", nullptr, nullptr, {}}, {"cuda-ptx", nullptr, nullptr, {}}};
  std::string device;
  for (Side &side : sides) {
    const Target *target = findTarget(side.target, llvm::errs());
    if (!target)
      return 1;
    CompileOptions compile;
    compile.batchSize = batch;
    compile.pipeline = pipeline;
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
    const std::string_view state = side.bundle->initialState();
    if (absl::Status s = cuda->copyIn(rt::bundle::Region::State, 0, state.data(), state.size());
        !s.ok()) {
      llvm::errs() << "dlc tune: error: " << std::string(s.message()) << "\n";
      return 1;
    }
    auto ms = cuda->timeSteps("train_step", repeats);
    if (!ms.ok()) {
      llvm::errs() << "dlc tune: error: " << side.target << ": "
                   << std::string(ms.status().message()) << "\n";
      return 1;
    }
    // Each step's time to the layer it computes.
    const rt::cuda::Program &program = cuda->program();
    const rt::cuda::FunctionProgram &f = program.functions.at("train_step");
    for (size_t i = 0; i < f.steps.size(); ++i) {
      const std::string layer =
          std::holds_alternative<rt::cuda::Launch>(f.steps[i])
              ? program.kernels[size_t(std::get<rt::cuda::Launch>(f.steps[i]).kernel)].op
              : std::get<rt::cuda::LibraryStep>(f.steps[i]).layer;
      side.msPerLayer[layer] += (*ms)[i];
    }
  }

  // The cache: this device's, updated layer by layer.
  cuda::TuneCache cache;
  if (llvm::sys::fs::exists(cachePath)) {
    if (std::string problem = cuda::readTuneCache(cachePath, cache); !problem.empty()) {
      llvm::errs() << "dlc tune: error: " << problem << "\n";
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
  llvm::outs() << "dlc tune: " << modelPath << " on " << device << ", train_step, "
               << repeats << " timed runs of each step\n";
  llvm::outs() << "  layer  library ms  generated ms  choice\n";
  for (const auto &[layer, ops] : *keys) {
    cuda::TunedLayer tuned;
    tuned.layer = layer;
    tuned.ops = ops;
    tuned.libraryMs = sides[0].msPerLayer[layer];
    tuned.generatedMs = sides[1].msPerLayer[layer];
    tuned.library = tuned.libraryMs < tuned.generatedMs;
    llvm::outs() << "  " << layer << "  " << llvm::format("%.3f", tuned.libraryMs) << "  "
                 << llvm::format("%.3f", tuned.generatedMs) << "  "
                 << (tuned.library ? "library" : "generated") << "\n";
    llvm::erase_if(cache.layers, [&](const cuda::TunedLayer &l) {
      return l.layer == layer && l.ops == tuned.ops;
    });
    cache.layers.push_back(std::move(tuned));
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
