// A CUDA bundle's kernels and launches (implementation of CudaProgram.h).
#include "runtime/backends/cuda/CudaProgram.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "abi/CudaAbi.h"
#include "runtime/bundle/StatusMacros.h"

namespace dlc::rt::cuda {
namespace {

using nlohmann::json;

absl::Status fieldError(absl::string_view path, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("manifest: ", path, ": ", problem));
}

absl::StatusOr<const json *> member(const json &object, absl::string_view path,
                                    const char *key) {
  auto it = object.find(key);
  if (it == object.end()) return fieldError(absl::StrCat(path, ".", key), "missing");
  return &*it;
}

absl::StatusOr<std::string> stringMember(const json &object, absl::string_view path,
                                         const char *key) {
  DLC_RT_ASSIGN_OR_RETURN(const json *v, member(object, path, key));
  if (!v->is_string())
    return fieldError(absl::StrCat(path, ".", key), "expected a string");
  return v->get<std::string>();
}

absl::StatusOr<uint64_t> unsignedValue(const json &v, absl::string_view path, uint64_t max) {
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0))
    return fieldError(path, absl::StrCat("expected a non-negative integer, got ", v.dump()));
  uint64_t x = v.get<uint64_t>();
  if (x > max) return fieldError(path, absl::StrCat(x, " is over the limit ", max));
  return x;
}

absl::StatusOr<std::array<uint32_t, 3>> dims(const json &step, absl::string_view path,
                                             const char *key, uint64_t max) {
  DLC_RT_ASSIGN_OR_RETURN(const json *v, member(step, path, key));
  const std::string where = absl::StrCat(path, ".", key);
  if (!v->is_array() || v->size() != 3) return fieldError(where, "expected [x, y, z]");
  std::array<uint32_t, 3> d{};
  for (size_t i = 0; i < 3; ++i) {
    DLC_RT_ASSIGN_OR_RETURN(uint64_t x,
                            unsignedValue((*v)[i], absl::StrCat(where, "[", i, "]"), max));
    if (x == 0) return fieldError(absl::StrCat(where, "[", i, "]"), "must be at least 1");
    d[i] = uint32_t(x);
  }
  return d;
}

absl::StatusOr<Launch> readLaunch(const bundle::Manifest &m, const Program &p,
                                  const bundle::Step &step, absl::string_view path) {
  const json &s = step.raw;
  Launch l;
  DLC_RT_ASSIGN_OR_RETURN(const json *k, member(s, path, "k"));
  DLC_RT_ASSIGN_OR_RETURN(uint64_t kernel, unsignedValue(*k, absl::StrCat(path, ".k"),
                                                         uint64_t(1) << 31));
  if (kernel >= p.kernels.size())
    return fieldError(absl::StrCat(path, ".k"),
                      absl::StrCat("kernel ", kernel, " out of range (", p.kernels.size(),
                                   " kernels)"));
  l.kernel = int(kernel);
  DLC_RT_ASSIGN_OR_RETURN(l.grid, dims(s, path, "grid", (uint64_t(1) << 31) - 1));
  DLC_RT_ASSIGN_OR_RETURN(l.block, dims(s, path, "block", 1024));
  if (uint64_t(l.block[0]) * l.block[1] * l.block[2] > 1024)
    return fieldError(absl::StrCat(path, ".block"), "more than 1024 threads in a block");
  if (s.contains("shared")) {
    DLC_RT_ASSIGN_OR_RETURN(uint64_t shared,
                            unsignedValue(s["shared"], absl::StrCat(path, ".shared"), 48 * 1024));
    l.sharedBytes = uint32_t(shared);
  }
  DLC_RT_ASSIGN_OR_RETURN(const json *args, member(s, path, "args"));
  const std::string argsPath = absl::StrCat(path, ".args");
  const Kernel &info = p.kernels[size_t(kernel)];
  if (!args->is_array() || args->size() != info.params.size())
    return fieldError(argsPath, absl::StrCat("kernel ", info.name, " takes ",
                                             info.params.size(), " arguments, got ",
                                             args->is_array() ? args->size() : 0));
  for (size_t i = 0; i < args->size(); ++i) {
    const std::string where = absl::StrCat(argsPath, "[", i, "]");
    DLC_RT_ASSIGN_OR_RETURN(uint64_t a, unsignedValue((*args)[i], where, ~uint64_t(0)));
    if (info.params[i] == abi::kPointerParam) {
      if (!abi::validPointer(a))
        return fieldError(where, absl::StrCat("pointer into region ",
                                              uint64_t(abi::pointerRegion(a)),
                                              ", which does not exist"));
      const bundle::Region r = abi::pointerRegion(a);
      if (abi::pointerOffset(a) > m.regionBytes[size_t(r)])
        return fieldError(where, absl::StrCat("pointer at byte ", abi::pointerOffset(a),
                                              " of the ", bundle::regionName(r),
                                              " region, which has ",
                                              m.regionBytes[size_t(r)], " bytes"));
    }
    l.args.push_back(a);
  }
  return l;
}

/// "sm_80" -> 80, "sm_90a" -> 90; 0 when it is not an architecture name.
int computeCapability(absl::string_view arch) {
  if (!absl::ConsumePrefix(&arch, "sm_")) return 0;
  absl::ConsumeSuffix(&arch, "a");
  int cc = 0;
  return absl::SimpleAtoi(arch, &cc) && cc >= 30 && cc < 1000 ? cc : 0;
}

} // namespace

absl::StatusOr<Program> readProgram(const bundle::Manifest &m) {
  auto c = m.raw.find("cuda");
  if (c == m.raw.end() || !c->is_object())
    return fieldError("cuda", absl::StrCat("missing: a ", m.target,
                                           " bundle needs the manifest's \"cuda\" object"));
  Program p;
  DLC_RT_ASSIGN_OR_RETURN(const json *version, member(*c, "cuda", "abi_version"));
  if (!version->is_number_integer() || version->get<int64_t>() != abi::kCudaAbiVersion)
    return absl::FailedPreconditionError(absl::StrCat(
        "manifest: cuda.abi_version: the bundle's CUDA ABI is version ", version->dump(),
        ", this runtime runs version ", abi::kCudaAbiVersion, " (recompile the model)"));
  DLC_RT_ASSIGN_OR_RETURN(p.section, stringMember(*c, "cuda", "section"));
  DLC_RT_ASSIGN_OR_RETURN(p.arch, stringMember(*c, "cuda", "arch"));
  p.computeCapability = computeCapability(p.arch);
  if (p.computeCapability == 0)
    return fieldError("cuda.arch", absl::StrCat("\"", p.arch, "\" is not sm_XY"));

  DLC_RT_ASSIGN_OR_RETURN(const json *kernels, member(*c, "cuda", "kernels"));
  if (!kernels->is_array()) return fieldError("cuda.kernels", "expected an array");
  for (size_t i = 0; i < kernels->size(); ++i) {
    const std::string path = absl::StrCat("cuda.kernels[", i, "]");
    const json &k = (*kernels)[i];
    if (!k.is_object()) return fieldError(path, "expected an object");
    Kernel kernel;
    DLC_RT_ASSIGN_OR_RETURN(kernel.name, stringMember(k, path, "name"));
    DLC_RT_ASSIGN_OR_RETURN(kernel.params, stringMember(k, path, "params"));
    for (char ch : kernel.params)
      if (ch != abi::kPointerParam && ch != abi::kValueParam)
        return fieldError(absl::StrCat(path, ".params"),
                          absl::StrCat("'", std::string(1, ch), "' is neither '",
                                       std::string(1, abi::kPointerParam), "' nor '",
                                       std::string(1, abi::kValueParam), "'"));
    if (k.contains("op") && k["op"].is_string()) kernel.op = k["op"].get<std::string>();
    p.kernels.push_back(std::move(kernel));
  }
  DLC_RT_ASSIGN_OR_RETURN(const json *errors, member(*c, "cuda", "errors"));
  if (!errors->is_array()) return fieldError("cuda.errors", "expected an array of strings");
  for (const json &e : *errors) {
    if (!e.is_string()) return fieldError("cuda.errors", "expected an array of strings");
    p.errors.push_back(e.get<std::string>());
  }
  DLC_RT_ASSIGN_OR_RETURN(const json *globals, member(*c, "cuda", "globals"));
  if (!globals->is_object()) return fieldError("cuda.globals", "expected an object");
  DLC_RT_ASSIGN_OR_RETURN(p.seedGlobal, stringMember(*globals, "cuda.globals", "seed"));
  DLC_RT_ASSIGN_OR_RETURN(p.errorGlobal, stringMember(*globals, "cuda.globals", "error"));

  for (const auto &[name, fn] : m.functions) {
    FunctionProgram f;
    f.inputs = fn.inputs;
    f.outputs = fn.outputs;
    for (int t : fn.inputs)
      if (m.tensors[size_t(t)].region != bundle::Region::Io)
        return fieldError(absl::StrCat("functions.", name, ".inputs"),
                          absl::StrCat("tensor ", m.tensors[size_t(t)].name,
                                       " is not in the io region"));
    for (int t : fn.outputs)
      if (m.tensors[size_t(t)].region != bundle::Region::Io)
        return fieldError(absl::StrCat("functions.", name, ".outputs"),
                          absl::StrCat("tensor ", m.tensors[size_t(t)].name,
                                       " is not in the io region"));
    for (size_t i = 0; i < fn.steps.size(); ++i) {
      const std::string path = absl::StrCat("functions.", name, ".steps[", i, "]");
      if (fn.steps[i].kind != bundle::StepKind::Kernel)
        return fieldError(absl::StrCat(path, ".kind"),
                          absl::StrCat("a ", m.target,
                                       " bundle's steps are kernel launches; this one is \"",
                                       bundle::stepKindName(fn.steps[i].kind), "\""));
      DLC_RT_ASSIGN_OR_RETURN(Launch l, readLaunch(m, p, fn.steps[i], path));
      f.launches.push_back(std::move(l));
    }
    p.functions.emplace(name, std::move(f));
  }
  return p;
}

absl::Status checkPtx(std::string_view ptxText, const Program &program,
                      std::string_view whatText) {
  absl::string_view ptx(ptxText.data(), ptxText.size());
  absl::string_view what(whatText.data(), whatText.size());
  auto bad = [&](absl::string_view problem) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": ", problem));
  };
  if (ptx.empty() || ptx.back() != '\0')
    return bad("not NUL-terminated PTX text");
  ptx.remove_suffix(1);
  if (ptx.find('\0') != absl::string_view::npos) return bad("not PTX text (a NUL inside)");

  // The module's directives, before its first function.
  std::string version, target, addressSize;
  for (absl::string_view line : absl::StrSplit(ptx, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (absl::ConsumePrefix(&line, ".version")) version = std::string(absl::StripAsciiWhitespace(line));
    else if (absl::ConsumePrefix(&line, ".target")) target = std::string(absl::StripAsciiWhitespace(line));
    else if (absl::ConsumePrefix(&line, ".address_size"))
      addressSize = std::string(absl::StripAsciiWhitespace(line));
    if (!version.empty() && !target.empty() && !addressSize.empty()) break;
  }
  if (version.empty()) return bad("not PTX text (no .version directive)");
  if (target.empty()) return bad("PTX without a .target directive");
  absl::string_view firstTarget = target;
  firstTarget = firstTarget.substr(0, firstTarget.find(','));
  if (firstTarget != program.arch)
    return bad(absl::StrCat("PTX for ", firstTarget, ", but the manifest says ",
                            program.arch));
  if (addressSize != "64")
    return bad(absl::StrCat("PTX with .address_size ", addressSize.empty() ? "32" : addressSize,
                            "; the runtime passes 64-bit arguments"));

  for (const Kernel &k : program.kernels) {
    const std::string entry = absl::StrCat(".entry ", k.name, "(");
    size_t at = ptx.find(entry);
    if (at == absl::string_view::npos)
      return bad(absl::StrCat("no kernel ", k.name, " in the PTX"));
    size_t close = ptx.find(')', at + entry.size());
    if (close == absl::string_view::npos) return bad(absl::StrCat("kernel ", k.name, " is cut off"));
    absl::string_view params = ptx.substr(at + entry.size(), close - at - entry.size());
    size_t count = 0, u64 = 0;
    for (size_t pos = params.find(".param"); pos != absl::string_view::npos;
         pos = params.find(".param", pos + 1)) {
      ++count;
      if (absl::StartsWith(params.substr(pos), ".param .u64") ||
          absl::StartsWith(params.substr(pos), ".param .b64"))
        ++u64;
    }
    if (count != k.params.size() || u64 != count)
      return bad(absl::StrCat("kernel ", k.name, " has ", count, " parameters (", u64,
                              " of 64 bits); the manifest launches it with ",
                              k.params.size(), " 64-bit arguments"));
  }
  return absl::OkStatus();
}

} // namespace dlc::rt::cuda
