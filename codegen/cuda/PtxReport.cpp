// The kernels of a cuda-ptx bundle and what ptxas says of them (see PtxReport.h).
#include "codegen/cuda/PtxReport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <map>

namespace dlc::cuda {

std::optional<std::string> findPtxas() {
  if (const char *env = std::getenv("DLC_PTXAS"))
    return llvm::sys::fs::can_execute(env) ? std::optional<std::string>(env) : std::nullopt;
#ifdef DLC_CUDA_PTXAS
  if (llvm::sys::fs::can_execute(DLC_CUDA_PTXAS))
    return std::string(DLC_CUDA_PTXAS);
#endif
  if (auto found = llvm::sys::findProgramByName("ptxas"))
    return *found;
  return std::nullopt;
}

std::optional<std::string> assemblePtx(llvm::StringRef ptx, llvm::StringRef arch,
                                       std::string &error) {
  std::optional<std::string> ptxas = findPtxas();
  if (!ptxas) {
    error = "no ptxas ($DLC_PTXAS, the CUDA toolkit's bin, PATH)";
    return std::nullopt;
  }
  llvm::SmallString<128> input, output, log;
  int fd;
  if (llvm::sys::fs::createTemporaryFile("dlc-kernels", "ptx", fd, input) ||
      llvm::sys::fs::createTemporaryFile("dlc-kernels", "cubin", output) ||
      llvm::sys::fs::createTemporaryFile("dlc-ptxas", "log", log)) {
    error = "cannot create temporary files for ptxas";
    return std::nullopt;
  }
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << ptx;
  }
  std::string archFlag = ("-arch=" + arch).str();
  llvm::SmallVector<llvm::StringRef> args = {*ptxas, "-v", archFlag, input, "-o", output};
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(log),
                                                llvm::StringRef(log)};
  int rc = llvm::sys::ExecuteAndWait(*ptxas, args, std::nullopt, redirects, 120, 0, &error);
  std::string text;
  if (auto buffer = llvm::MemoryBuffer::getFile(log))
    text = (*buffer)->getBuffer().str();
  for (const auto &path : {input, output, log})
    llvm::sys::fs::remove(path);
  if (rc != 0) {
    error = "ptxas -arch=" + arch.str() + " failed (" + std::to_string(rc) + "): " + text + error;
    return std::nullopt;
  }
  return text;
}

void writeReport(llvm::raw_ostream &os, llvm::StringRef target, const LaunchList &list,
                 llvm::StringRef ptx, llvm::StringRef arch, llvm::StringRef paths) {
  // Per kernel: launches per function; per library call: calls per function.
  std::map<unsigned, std::map<std::string, int>> launches;
  std::map<std::string, std::map<std::string, int>> calls; // "layer: call" -> f -> n
  // A fused call's fallback steps count under "F (fallback)".
  for (const auto &[function, steps] : list.functions)
    for (const Step &step : steps) {
      const std::string f = fallbackOf(step) < 0 ? function : function + " (fallback)";
      if (const auto *l = std::get_if<Launch>(&step))
        ++launches[l->kernel][f];
      else {
        const auto &c = std::get<LibraryCall>(step);
        std::string shapes;
        for (const LibraryOperand &o : c.operands) {
          shapes += shapes.empty() ? " " : ", ";
          shapes += o.role + "[";
          for (size_t i = 0; i < o.shape.size(); ++i)
            shapes += (i ? "x" : "") + std::to_string(o.shape[i]);
          shapes += "]";
        }
        ++calls[(c.layer.empty() ? "?" : c.layer) + "  " + c.call + shapes + " " +
                c.attributes.dump()][f];
      }
    }
  // ptxas -v: "Compiling entry function 'NAME' for 'sm_80'", then
  // "Used N registers, ..." and "N bytes spill stores, N bytes spill loads".
  std::map<std::string, std::string> usage, spills;
  std::string error;
  std::optional<std::string> log = assemblePtx(ptx, arch, error);
  if (log) {
    llvm::Regex entry("Compiling entry function '([A-Za-z0-9_]+)'");
    llvm::Regex used("Used ([0-9]+ registers.*)$");
    llvm::Regex spill("([0-9]+ bytes spill stores, [0-9]+ bytes spill loads)");
    std::string current;
    llvm::SmallVector<llvm::StringRef> lines;
    llvm::StringRef(*log).split(lines, '\n');
    for (llvm::StringRef line : lines) {
      llvm::SmallVector<llvm::StringRef> m;
      if (entry.match(line, &m))
        current = m[1].str();
      else if (used.match(line, &m))
        usage[current] = m[1].trim().str();
      else if (spill.match(line, &m))
        spills[current] = m[1].str();
    }
  }
  os << target << ": " << list.kernels.size() << " kernels, PTX for " << arch << "; arena "
     << list.workspaceBytes << " bytes of temporaries\n";
  for (const auto &[f, steps] : list.functions) {
    size_t library = 0, fallback = 0, fused = 0;
    for (size_t i = 0; i < steps.size(); ++i) {
      if (fallbackOf(steps[i]) >= 0) {
        ++fallback;
        fused += i == 0 || fallbackOf(steps[i - 1]) != fallbackOf(steps[i]);
        continue;
      }
      library += std::holds_alternative<LibraryCall>(steps[i]);
    }
    os << "  @" << f << ": " << steps.size() - fallback - library << " launches";
    if (library)
      os << ", " << library << " library calls";
    if (fallback)
      os << "; " << fused << " of the calls fused, with " << fallback
         << " fallback steps the runtime runs instead where the device has no algorithm or "
            "engine for the fused call";
    os << "\n";
  }
  if (!paths.empty())
    os << "\nPath of each op (library call or generated kernel), and why:\n" << paths
       << "  every other op (element-wise, softmax, losses, dropout, embedding, optimizer "
          "updates, the filter transposes around cuDNN calls, the RNN weight packing): generated kernel (cuda-cudnn and "
          "cuda call no library for them; they are the cuda-ptx kernels listed below)\n";
  if (!calls.empty()) {
    uint64_t workspace = 0;
    for (const auto &[f, steps] : list.functions)
      for (const Step &step : steps)
        if (const auto *c = std::get_if<LibraryCall>(&step))
          workspace = std::max(workspace, c->workspaceBytes);
    os << "\nLibrary calls (workspace " << workspace
       << " bytes of the arena, shared; algorithms chosen when the bundle is opened):\n";
    for (const auto &[what, perFunction] : calls) {
      os << "  " << what;
      for (const auto &[f, n] : perFunction)
        os << "  " << f << " x" << n;
      os << "\n";
    }
  }
  os << "\nGenerated kernels:\n";
  if (!log)
    os << "  (no register counts: " << error << ")\n";
  for (size_t k = 0; k < list.kernels.size(); ++k) {
    const KernelEntry &e = list.kernels[k];
    os << "  " << e.name << "  [" << (e.op.empty() ? "?" : e.op) << "]";
    for (const auto &[f, n] : launches[unsigned(k)])
      os << "  " << f << " x" << n;
    if (log)
      os << "  " << (usage.count(e.name) ? usage[e.name] : "?") << "; "
         << (spills.count(e.name) ? spills[e.name] : "no spill report");
    os << "\n";
  }
}

} // namespace dlc::cuda
