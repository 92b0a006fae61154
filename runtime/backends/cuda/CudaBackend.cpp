// The cuda backend (implementation of CudaBackend.h).
#include "runtime/backends/cuda/CudaBackend.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "abi/CudaAbi.h"
#include "runtime/bundle/StatusMacros.h"
#ifdef DLC_HAVE_CUDA_LIBRARIES
#include "runtime/backends/cuda/VendorLibraries.h"
#endif

namespace dlc::rt::exec {
namespace {

uint64_t alignUp(uint64_t x, uint64_t a) { return (x + a - 1) / a * a; }

} // namespace

absl::StatusOr<std::unique_ptr<CudaBackend>> CudaBackend::create(const bundle::Bundle &bundle,
                                                                 const BackendOptions &options) {
  // Everything the bundle can get wrong, before the driver.
  DLC_RT_ASSIGN_OR_RETURN(cuda::Program program, cuda::readProgram(bundle.manifest()));
  const std::string what = absl::StrCat("section '", program.section, "'");
  if (!bundle.hasSection(program.section))
    return absl::InvalidArgumentError(absl::StrCat(what, " (the PTX module) is missing"));
  DLC_RT_RETURN_IF_ERROR(cuda::checkPtx(bundle.section(program.section), program, what));

  // The library calls: cuDNN and cuBLASLt found and loaded, and every call's
  // descriptors built, which checks its shapes and layouts (no GPU needed).
  std::map<std::string, std::vector<std::unique_ptr<cuda::LibraryCall>>> calls;
  std::map<std::string, std::map<size_t, std::vector<std::unique_ptr<cuda::LibraryCall>>>>
      fallbackCalls;
  std::map<std::string, std::map<size_t, absl::Status>> refused;
  const cuda::Cudnn *cudnn = nullptr;
  const cuda::CublasLt *cublasLt = nullptr;
  if (program.usesCudnn || program.usesCublasLt) {
#ifdef DLC_HAVE_CUDA_LIBRARIES
    if (program.usesCublasLt) {
      DLC_RT_ASSIGN_OR_RETURN(cublasLt, cuda::CublasLt::get());
    }
    if (program.usesCudnn) {
      DLC_RT_ASSIGN_OR_RETURN(cudnn, cuda::Cudnn::get());
    }
    auto describe = [&](const cuda::ProgramStep &step)
        -> absl::StatusOr<std::unique_ptr<cuda::LibraryCall>> {
      const auto *l = std::get_if<cuda::LibraryStep>(&step);
      if (!l) return std::unique_ptr<cuda::LibraryCall>();
      return l->isRnn()           ? cuda::describeRnn(*cudnn, *l)
             : l->isConvolution() ? cuda::describeConvolution(*cudnn, *l)
                                  : cuda::describeGemm(*cublasLt, *l);
    };
    for (const auto &[fname, fn] : program.functions) {
      std::vector<std::unique_ptr<cuda::LibraryCall>> &list = calls[fname];
      for (size_t i = 0; i < fn.steps.size(); ++i) {
        absl::StatusOr<std::unique_ptr<cuda::LibraryCall>> call = describe(fn.steps[i]);
        auto fallback = fn.fallbacks.find(i);
        if (fallback == fn.fallbacks.end()) {
          if (!call.ok()) return call.status();
          list.push_back(std::move(*call));
          continue;
        }
        // A fused step: its fallback's calls are described too; a fused call
        // these libraries refuse already here is replaced at plan.
        std::vector<std::unique_ptr<cuda::LibraryCall>> &spare = fallbackCalls[fname][i];
        for (const cuda::ProgramStep &step : fallback->second) {
          DLC_RT_ASSIGN_OR_RETURN(std::unique_ptr<cuda::LibraryCall> c, describe(step));
          spare.push_back(std::move(c));
        }
        if (!call.ok()) {
          refused[fname][i] = call.status();
          list.emplace_back();
        } else {
          list.push_back(std::move(*call));
        }
      }
    }
#else
    return absl::FailedPreconditionError(absl::StrCat(
        "the bundle calls ", program.usesCudnn ? "cuDNN" : "cuBLASLt",
        "; this runtime was built without the cuDNN and cuBLASLt headers, so it runs cuda-ptx "
        "bundles only"));
#endif
  }

  DLC_RT_ASSIGN_OR_RETURN(const cuda::Driver *driver, cuda::Driver::get());
  std::unique_ptr<CudaBackend> b(new CudaBackend(bundle.manifest(), *driver));
  b->program_ = std::move(program);
  b->calls_ = std::move(calls);
  b->fallbackCalls_ = std::move(fallbackCalls);
  b->refusedAtDescribe_ = std::move(refused);
  b->cudnn_ = cudnn;
  b->cublasLt_ = cublasLt;
  DLC_RT_RETURN_IF_ERROR(b->open(bundle, options));
  return b;
}

absl::Status CudaBackend::open(const bundle::Bundle &bundle, const BackendOptions &options) {
  auto check = [&](CUresult r, std::string_view call) { return driver_.check(r, call); };

  // The device and its context.
  int count = 0;
  DLC_RT_RETURN_IF_ERROR(check(api_.cuDeviceGetCount(&count), "cuDeviceGetCount"));
  if (count == 0)
    return absl::FailedPreconditionError(
        "no CUDA device (the driver is installed, but it sees no GPU)");
  DLC_RT_RETURN_IF_ERROR(check(api_.cuDeviceGet(&dev_, 0), "cuDeviceGet"));
  char name[256] = {};
  DLC_RT_RETURN_IF_ERROR(check(api_.cuDeviceGetName(name, sizeof name, dev_), "cuDeviceGetName"));
  int major = 0, minor = 0, sms = 0;
  DLC_RT_RETURN_IF_ERROR(check(api_.cuDeviceGetAttribute(
      &major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev_), "cuDeviceGetAttribute"));
  DLC_RT_RETURN_IF_ERROR(check(api_.cuDeviceGetAttribute(
      &minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev_), "cuDeviceGetAttribute"));
  DLC_RT_RETURN_IF_ERROR(check(api_.cuDeviceGetAttribute(
      &sms, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev_), "cuDeviceGetAttribute"));
  size_t memory = 0;
  DLC_RT_RETURN_IF_ERROR(check(api_.cuDeviceTotalMem(&memory, dev_), "cuDeviceTotalMem"));
  const int cc = major * 10 + minor;
  device_ = absl::StrCat(name, " (sm_", cc, ", ", sms, " SMs, ", memory >> 30,
                         " GiB), driver ", driver_.version());
  const bool archSpecific = program_.arch.back() == 'a';
  if (cc < program_.computeCapability || (archSpecific && cc != program_.computeCapability))
    return absl::FailedPreconditionError(absl::StrCat(
        "the bundle is compiled for ", program_.arch, "; this GPU (", name, ") is sm_", cc,
        ": recompile with --gpu-arch=sm_", cc));
  DLC_RT_RETURN_IF_ERROR(
      check(api_.cuDevicePrimaryCtxRetain(&context_, dev_), "cuDevicePrimaryCtxRetain"));
  retained_ = true;
  DLC_RT_RETURN_IF_ERROR(check(api_.cuCtxSetCurrent(context_), "cuCtxSetCurrent"));
  DLC_RT_RETURN_IF_ERROR(check(api_.cuStreamCreate(&stream_, CU_STREAM_NON_BLOCKING),
                               "cuStreamCreate"));

  // The PTX module, JIT-compiled by the driver.
  std::string_view ptx = bundle.section(program_.section);
  std::vector<char> log(16384, '\0');
  CUjit_option jitOptions[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *jitValues[] = {log.data(), reinterpret_cast<void *>(uintptr_t(log.size() - 1))};
  if (CUresult r = api_.cuModuleLoadDataEx(&module_, ptx.data(), 2, jitOptions, jitValues);
      r != CUDA_SUCCESS) {
    module_ = nullptr;
    absl::Status s = check(r, "cuModuleLoadDataEx");
    return absl::Status(s.code(), absl::StrCat("loading the PTX of section '", program_.section,
                                               "': ", s.message(),
                                               log[0] ? absl::StrCat("\n", log.data()) : ""));
  }
  for (const cuda::Kernel &k : program_.kernels) {
    CUfunction f = nullptr;
    DLC_RT_RETURN_IF_ERROR(check(api_.cuModuleGetFunction(&f, module_, k.name.c_str()),
                                 absl::StrCat("cuModuleGetFunction(", k.name, ")")));
    functions_.push_back(f);
  }
  auto checkBlocks = [&](const std::string &where, const std::vector<cuda::ProgramStep> &steps)
      -> absl::Status {
    for (size_t i = 0; i < steps.size(); ++i) {
      const auto *launch = std::get_if<cuda::Launch>(&steps[i]);
      if (!launch) continue;
      const cuda::Launch &l = *launch;
      int maxThreads = 0;
      DLC_RT_RETURN_IF_ERROR(check(
          api_.cuFuncGetAttribute(&maxThreads, CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK,
                                  functions_[size_t(l.kernel)]),
          "cuFuncGetAttribute"));
      const uint64_t threads = uint64_t(l.block[0]) * l.block[1] * l.block[2];
      if (threads > uint64_t(maxThreads))
        return absl::FailedPreconditionError(absl::StrCat(
            where, " launch ", i, ": kernel ", program_.kernels[size_t(l.kernel)].name,
            " is launched with ", threads, " threads a block; compiled for this GPU it allows ",
            maxThreads));
    }
    return absl::OkStatus();
  };
  for (const auto &[fname, fn] : program_.functions) {
    DLC_RT_RETURN_IF_ERROR(checkBlocks(fname, fn.steps));
    for (const auto &[i, steps] : fn.fallbacks)
      DLC_RT_RETURN_IF_ERROR(checkBlocks(absl::StrCat(fname, " step ", i, " fallback"), steps));
  }

  // The regions: one device allocation, each region 256-byte aligned.
  std::array<uint64_t, bundle::kNumRegions> offsets{};
  uint64_t total = 0;
  for (size_t r = 0; r < bundle::kNumRegions; ++r) {
    offsets[r] = total;
    total = alignUp(total + manifest_.regionBytes[r], abi::kDeviceRegionAlignment);
  }
  total = std::max<uint64_t>(total, abi::kDeviceRegionAlignment);
  DLC_RT_RETURN_IF_ERROR(check(api_.cuMemAlloc(&allocation_, total),
                               absl::StrCat("cuMemAlloc(", total, " bytes)")));
  allocationBytes_ = total;
  for (size_t r = 0; r < bundle::kNumRegions; ++r) base_[r] = allocation_ + offsets[r];
  DLC_RT_RETURN_IF_ERROR(check(api_.cuMemsetD8(allocation_, 0, total), "cuMemsetD8"));
  void *host = nullptr;
  const uint64_t ioBytes = manifest_.regionBytes[size_t(bundle::Region::Io)];
  DLC_RT_RETURN_IF_ERROR(check(api_.cuMemHostAlloc(&host, alignUp(ioBytes + 64, 64), 0),
                               "cuMemHostAlloc"));
  io_ = static_cast<uint8_t *>(host);
  std::memset(io_, 0, alignUp(ioBytes + 64, 64));
  hostError_ = reinterpret_cast<int32_t *>(io_ + alignUp(ioBytes, 64));

  // The module's globals: the run seed and the error word (absent when no
  // kernel uses them).
  auto global = [&](const std::string &symbol, size_t expected,
                    CUdeviceptr &at) -> absl::Status {
    size_t bytes = 0;
    CUresult r = api_.cuModuleGetGlobal(&at, &bytes, module_, symbol.c_str());
    if (r == CUDA_ERROR_NOT_FOUND) {
      at = 0;
      return absl::OkStatus();
    }
    DLC_RT_RETURN_IF_ERROR(check(r, absl::StrCat("cuModuleGetGlobal(", symbol, ")")));
    if (bytes != expected)
      return absl::InvalidArgumentError(absl::StrCat("global ", symbol, " of the PTX has ",
                                                     bytes, " bytes, not ", expected));
    return absl::OkStatus();
  };
  CUdeviceptr seed = 0;
  DLC_RT_RETURN_IF_ERROR(global(program_.seedGlobal, sizeof(int64_t), seed));
  if (seed) {
    const int64_t value = int64_t(options.runSeed);
    DLC_RT_RETURN_IF_ERROR(check(api_.cuMemcpyHtoD(seed, &value, sizeof value), "cuMemcpyHtoD"));
  }
  DLC_RT_RETURN_IF_ERROR(global(program_.errorGlobal, sizeof(int32_t), errorWord_));

  DLC_RT_RETURN_IF_ERROR(planLibraryCalls());
  for (const auto &[fname, fn] : program_.functions)
    DLC_RT_RETURN_IF_ERROR(capture(fname, fn));
  return absl::OkStatus();
}

absl::Status CudaBackend::planLibraryCalls() {
#ifdef DLC_HAVE_CUDA_LIBRARIES
  // One handle per library, on the backend's stream (cuDNN's is set once;
  // cuBLASLt takes the stream per call); the algorithm or engine of every
  // call chosen once, here, with its device addresses.
  if (cudnn_) {
    cudnnHandle_t h = nullptr;
    DLC_RT_RETURN_IF_ERROR(cudnn_->check(cudnn_->api.cudnnCreate(&h), "cudnnCreate"));
    cudnnHandle_ = h;
    DLC_RT_RETURN_IF_ERROR(cudnn_->check(
        cudnn_->api.cudnnSetStream(h, reinterpret_cast<cudaStream_t>(stream_)), "cudnnSetStream"));
  }
  if (cublasLt_) {
    cublasLtHandle_t h = nullptr;
    DLC_RT_RETURN_IF_ERROR(cublasLt_->check(cublasLt_->api.cublasLtCreate(&h), "cublasLtCreate"));
    cublasLtHandle_ = h;
  }
  const cuda::AddressOf addressOf = [this](uint64_t encoded) {
    return uint64_t(address(abi::pointerRegion(encoded), abi::pointerOffset(encoded)));
  };
  bool any = false;
  // A check's switch: every fused call's fallback, as on a device without
  // the fused algorithms or engines (tools/gpu/check.sh compares both).
  const bool forceFallbacks = std::getenv("DLC_CUDA_FORCE_FALLBACK") != nullptr;
  const bool verbose = std::getenv("DLC_CUDA_VERBOSE") != nullptr;
  for (auto &[fname, list] : calls_) {
    cuda::FunctionProgram &fn = program_.functions.at(fname);
    // A fused call: planned and run once here; when the library has no
    // algorithm or engine for it on this device (or refuses to run it), its
    // fallback's steps take its place.
    absl::Status failed;
    auto useFallback = [&](size_t i) {
      if (!failed.ok()) return false;
      std::unique_ptr<cuda::LibraryCall> &call = list[i];
      const std::string &where = std::get<cuda::LibraryStep>(fn.steps[i]).where;
      absl::Status fused =
          refusedAtDescribe_[fname].count(i) ? refusedAtDescribe_[fname][i]
          : forceFallbacks ? absl::FailedPreconditionError("DLC_CUDA_FORCE_FALLBACK is set")
                           : call->plan(handleOf(*call), addressOf);
      if (fused.ok()) {
        fused = call->enqueue(handleOf(*call), stream_);
        failed = driver_.check(api_.cuStreamSynchronize(stream_),
                               absl::StrCat(where, ": running the fused call once"));
        if (!failed.ok()) return false;
      }
      if (fused.ok()) {
        libraryChoices_.push_back(absl::StrCat(where, ": fused (", call->chosen(), ")"));
        if (verbose) std::cerr << "dlc: " << libraryChoices_.back() << "\n";
        return false;
      }
      libraryChoices_.push_back(absl::StrCat(
          where, ": not fused on this device (", fused.message(), "); running its fallback (",
          fn.fallbacks.at(i).size(), " steps: the unfused library call and generated kernels)"));
      std::cerr << "dlc: note: " << libraryChoices_.back() << "\n";
      return true;
    };
    const std::set<size_t> fusedSteps = [&] {
      std::set<size_t> s;
      for (const auto &[i, steps] : fn.fallbacks) s.insert(i);
      return s;
    }();
    const std::vector<cuda::StepOrigin> origins = cuda::spliceFallbacks(fn, useFallback);
    DLC_RT_RETURN_IF_ERROR(failed);
    std::vector<std::unique_ptr<cuda::LibraryCall>> calls;
    for (const cuda::StepOrigin &o : origins) {
      std::unique_ptr<cuda::LibraryCall> call =
          o.fallbackStep < 0 ? std::move(list[o.step])
                             : std::move(fallbackCalls_[fname][o.step][size_t(o.fallbackStep)]);
      // Every call but a fused one kept (planned above) is planned here.
      const bool planned = o.fallbackStep < 0 && fusedSteps.count(o.step);
      if (call && !planned) DLC_RT_RETURN_IF_ERROR(call->plan(handleOf(*call), addressOf));
      any = any || call;
      calls.push_back(std::move(call));
    }
    list = std::move(calls);
  }
  fallbackCalls_.clear();
  if (!any) return absl::OkStatus();
  // Each call run once outside the capture, on the zeroed regions: whatever
  // a library does on an engine's first use (loading its kernels) happens
  // here, and a call that cannot run on this GPU fails here, naming its step,
  // not inside the capture. The regions are zeroed again afterwards (the
  // session copies the state in after open).
  for (auto &[fname, list] : calls_)
    for (std::unique_ptr<cuda::LibraryCall> &call : list)
      if (call)
        DLC_RT_RETURN_IF_ERROR(
            call->enqueue(handleOf(*call), stream_));
  DLC_RT_RETURN_IF_ERROR(driver_.check(api_.cuStreamSynchronize(stream_),
                                       "running each library call once (cuStreamSynchronize)"));
  DLC_RT_RETURN_IF_ERROR(driver_.check(api_.cuMemsetD8(allocation_, 0, allocationBytes_),
                                       "cuMemsetD8"));
#endif
  return absl::OkStatus();
}

CudaBackend::Arguments CudaBackend::resolveArguments(const cuda::FunctionProgram &f) const {
  // The kernels' arguments with the pointers resolved (none for a library
  // step); cuLaunchKernel (and a graph) copies them.
  Arguments a;
  for (const cuda::ProgramStep &step : f.steps) {
    const auto *launch = std::get_if<cuda::Launch>(&step);
    if (!launch) {
      a.values.emplace_back();
      continue;
    }
    const cuda::Launch &l = *launch;
    const std::string &kinds = program_.kernels[size_t(l.kernel)].params;
    std::vector<uint64_t> v = l.args;
    for (size_t i = 0; i < v.size(); ++i)
      if (kinds[i] == abi::kPointerParam)
        v[i] = address(abi::pointerRegion(v[i]), abi::pointerOffset(v[i]));
    a.values.push_back(std::move(v));
  }
  for (std::vector<uint64_t> &v : a.values) {
    std::vector<void *> p;
    for (uint64_t &x : v) p.push_back(&x);
    a.params.push_back(std::move(p));
  }
  return a;
}

absl::Status CudaBackend::enqueueStep(const std::string &name, const cuda::FunctionProgram &f,
                                      size_t i, Arguments &args) {
  if (std::holds_alternative<cuda::LibraryStep>(f.steps[i])) {
#ifdef DLC_HAVE_CUDA_LIBRARIES
    cuda::LibraryCall &call = *calls_.at(name)[i];
    return call.enqueue(handleOf(call), stream_);
#else
    return absl::InternalError("a library step in a runtime without the libraries");
#endif
  }
  const cuda::Launch &l = std::get<cuda::Launch>(f.steps[i]);
  return driver_.check(
      api_.cuLaunchKernel(functions_[size_t(l.kernel)], l.grid[0], l.grid[1], l.grid[2],
                          l.block[0], l.block[1], l.block[2], l.sharedBytes, stream_,
                          args.params[i].data(), nullptr),
      absl::StrCat(name, ": cuLaunchKernel(", program_.kernels[size_t(l.kernel)].name, ")"));
}

absl::StatusOr<std::vector<double>> CudaBackend::timeStepGroups(
    std::string_view function, const std::vector<std::vector<size_t>> &groups, int repeats) {
  auto it = program_.functions.find(function);
  if (it == program_.functions.end())
    return absl::InvalidArgumentError(absl::StrCat("the bundle has no function ", std::string(function)));
  if (repeats < 1) return absl::InvalidArgumentError("repeats must be at least 1");
  const std::string name(function);
  const cuda::FunctionProgram &f = it->second;
  for (const std::vector<size_t> &group : groups)
    for (size_t i : group)
      if (i >= f.steps.size())
        return absl::InvalidArgumentError(absl::StrCat(name, " has no step ", i));
  Arguments args = resolveArguments(f);
  auto check = [&](CUresult r, std::string_view call) {
    return driver_.check(r, absl::StrCat(name, ": timing: ", std::string(call)));
  };
  DLC_RT_RETURN_IF_ERROR(check(api_.cuCtxSetCurrent(context_), "cuCtxSetCurrent"));
  CUevent start = nullptr, stop = nullptr;
  DLC_RT_RETURN_IF_ERROR(check(api_.cuEventCreate(&start, CU_EVENT_DEFAULT), "cuEventCreate"));
  if (absl::Status s = check(api_.cuEventCreate(&stop, CU_EVENT_DEFAULT), "cuEventCreate"); !s.ok()) {
    api_.cuEventDestroy(start);
    return s;
  }
  std::vector<double> ms;
  absl::Status status = [&]() -> absl::Status {
    for (const std::vector<size_t> &group : groups) {
      if (group.empty()) {
        ms.push_back(0);
        continue;
      }
      // The group's steps, `repeats` times over, as one graph: no host
      // launch overhead between them, as in a run's graph.
      DLC_RT_RETURN_IF_ERROR(check(
          api_.cuStreamBeginCapture(stream_, CU_STREAM_CAPTURE_MODE_THREAD_LOCAL),
          "cuStreamBeginCapture"));
      absl::Status recorded = [&]() -> absl::Status {
        for (int r = 0; r < repeats; ++r)
          for (size_t i : group) DLC_RT_RETURN_IF_ERROR(enqueueStep(name, f, i, args));
        return absl::OkStatus();
      }();
      DLC_RT_ASSIGN_OR_RETURN(const Graph g,
                              endCapture(recorded, absl::StrCat(name, ": timing")));
      absl::Status timed = [&]() -> absl::Status {
        // Once untimed (the graph's upload, caches warm), then timed.
        DLC_RT_RETURN_IF_ERROR(check(api_.cuGraphLaunch(g.exec, stream_), "cuGraphLaunch"));
        DLC_RT_RETURN_IF_ERROR(check(api_.cuEventRecord(start, stream_), "cuEventRecord"));
        DLC_RT_RETURN_IF_ERROR(check(api_.cuGraphLaunch(g.exec, stream_), "cuGraphLaunch"));
        DLC_RT_RETURN_IF_ERROR(check(api_.cuEventRecord(stop, stream_), "cuEventRecord"));
        DLC_RT_RETURN_IF_ERROR(check(api_.cuEventSynchronize(stop), "cuEventSynchronize"));
        float elapsed = 0;
        DLC_RT_RETURN_IF_ERROR(
            check(api_.cuEventElapsedTime(&elapsed, start, stop), "cuEventElapsedTime"));
        ms.push_back(double(elapsed) / repeats);
        return absl::OkStatus();
      }();
      api_.cuGraphExecDestroy(g.exec);
      api_.cuGraphDestroy(g.graph);
      DLC_RT_RETURN_IF_ERROR(timed);
    }
    return absl::OkStatus();
  }();
  api_.cuEventDestroy(start);
  api_.cuEventDestroy(stop);
  if (!status.ok()) return status;
  return ms;
}

absl::Status CudaBackend::capture(const std::string &name, const cuda::FunctionProgram &f) {
  auto check = [&](CUresult r, std::string_view call) {
    return driver_.check(r, absl::StrCat(name, ": ", std::string(call)));
  };
  Arguments args = resolveArguments(f);

  DLC_RT_RETURN_IF_ERROR(check(api_.cuStreamBeginCapture(stream_,
                                                         CU_STREAM_CAPTURE_MODE_THREAD_LOCAL),
                               "cuStreamBeginCapture"));
  absl::Status recorded = [&]() -> absl::Status {
    for (int t : f.inputs) {
      const bundle::TensorDesc &d = manifest_.tensors[size_t(t)];
      DLC_RT_RETURN_IF_ERROR(check(api_.cuMemcpyHtoDAsync(address(d.region, d.offset),
                                                          io_ + d.offset, d.byteSize(), stream_),
                                   "cuMemcpyHtoDAsync"));
    }
    if (errorWord_)
      DLC_RT_RETURN_IF_ERROR(
          check(api_.cuMemsetD32Async(errorWord_, 0, 1, stream_), "cuMemsetD32Async"));
    for (size_t i = 0; i < f.steps.size(); ++i)
      DLC_RT_RETURN_IF_ERROR(enqueueStep(name, f, i, args));
    for (int t : f.outputs) {
      const bundle::TensorDesc &d = manifest_.tensors[size_t(t)];
      DLC_RT_RETURN_IF_ERROR(check(api_.cuMemcpyDtoHAsync(io_ + d.offset,
                                                          address(d.region, d.offset),
                                                          d.byteSize(), stream_),
                                   "cuMemcpyDtoHAsync"));
    }
    if (errorWord_)
      DLC_RT_RETURN_IF_ERROR(check(
          api_.cuMemcpyDtoHAsync(hostError_, errorWord_, sizeof(int32_t), stream_),
          "cuMemcpyDtoHAsync"));
    return absl::OkStatus();
  }();
  DLC_RT_ASSIGN_OR_RETURN(const Graph g, endCapture(recorded, name));
  graphs_.emplace(name, g);
  return absl::OkStatus();
}

absl::StatusOr<CudaBackend::Graph> CudaBackend::endCapture(const absl::Status &recorded,
                                                           std::string_view what) {
  auto check = [&](CUresult r, std::string_view call) {
    return driver_.check(r, absl::StrCat(std::string(what), ": ", std::string(call)));
  };
  Graph g;
  CUresult ended = api_.cuStreamEndCapture(stream_, &g.graph);
  DLC_RT_RETURN_IF_ERROR(recorded);
  DLC_RT_RETURN_IF_ERROR(check(ended, "cuStreamEndCapture"));
  if (CUresult r = api_.cuGraphInstantiate(&g.exec, g.graph, 0); r != CUDA_SUCCESS) {
    api_.cuGraphDestroy(g.graph);
    return check(r, "cuGraphInstantiate");
  }
  return g;
}

CudaBackend::~CudaBackend() {
  if (!context_) return;
  api_.cuCtxSetCurrent(context_);
  if (stream_) api_.cuStreamSynchronize(stream_);
  for (auto &[name, g] : graphs_) {
    api_.cuGraphExecDestroy(g.exec);
    api_.cuGraphDestroy(g.graph);
  }
#ifdef DLC_HAVE_CUDA_LIBRARIES
  calls_.clear();
  if (cudnnHandle_) cudnn_->api.cudnnDestroy(static_cast<cudnnHandle_t>(cudnnHandle_));
  if (cublasLtHandle_)
    cublasLt_->api.cublasLtDestroy(static_cast<cublasLtHandle_t>(cublasLtHandle_));
#endif
  if (module_) api_.cuModuleUnload(module_);
  if (allocation_) api_.cuMemFree(allocation_);
  if (io_) api_.cuMemFreeHost(io_);
  if (stream_) api_.cuStreamDestroy(stream_);
  if (retained_) api_.cuDevicePrimaryCtxRelease(dev_);
}

absl::Status CudaBackend::copyIn(bundle::Region region, uint64_t offset, const void *src,
                                 uint64_t bytes) {
  DLC_RT_RETURN_IF_ERROR(checkRegionCopy(manifest_, region, offset, bytes));
  if (bytes == 0) return absl::OkStatus();
  DLC_RT_RETURN_IF_ERROR(driver_.check(api_.cuCtxSetCurrent(context_), "cuCtxSetCurrent"));
  return driver_.check(api_.cuMemcpyHtoD(address(region, offset), src, bytes), "cuMemcpyHtoD");
}

absl::Status CudaBackend::copyOut(bundle::Region region, uint64_t offset, void *dst,
                                  uint64_t bytes) const {
  DLC_RT_RETURN_IF_ERROR(checkRegionCopy(manifest_, region, offset, bytes));
  if (bytes == 0) return absl::OkStatus();
  DLC_RT_RETURN_IF_ERROR(driver_.check(api_.cuCtxSetCurrent(context_), "cuCtxSetCurrent"));
  return driver_.check(api_.cuMemcpyDtoH(dst, address(region, offset), bytes), "cuMemcpyDtoH");
}

absl::Status CudaBackend::run(std::string_view function) {
  auto it = graphs_.find(function);
  if (it == graphs_.end()) return manifest_.requireFunction(function).status();
  const std::string name(function);
  DLC_RT_RETURN_IF_ERROR(driver_.check(api_.cuCtxSetCurrent(context_), "cuCtxSetCurrent"));
  DLC_RT_RETURN_IF_ERROR(
      driver_.check(api_.cuGraphLaunch(it->second.exec, stream_), absl::StrCat(name, ": cuGraphLaunch")));
  DLC_RT_RETURN_IF_ERROR(driver_.check(api_.cuStreamSynchronize(stream_),
                                       absl::StrCat(name, ": running its kernels")));
  if (errorWord_ && *hostError_ != 0) {
    const int32_t code = *hostError_;
    const std::string message = code > 0 && size_t(code) <= program_.errors.size()
                                    ? program_.errors[size_t(code - 1)]
                                    : absl::StrCat("error code ", code);
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": run-time check failed: ", message));
  }
  return absl::OkStatus();
}

} // namespace dlc::rt::exec
