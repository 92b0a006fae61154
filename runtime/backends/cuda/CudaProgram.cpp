// A CUDA bundle's kernels, launches and library calls (implementation of
// CudaProgram.h).
#include "runtime/backends/cuda/CudaProgram.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "abi/CudaAbi.h"
#include "abi/CudnnRnnLayout.h"
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

absl::StatusOr<std::vector<int64_t>> intList(const json &v, absl::string_view path, size_t rank,
                                             int64_t min) {
  if (!v.is_array() || (rank && v.size() != rank))
    return fieldError(path, rank ? absl::StrCat("expected ", rank, " integers")
                                 : std::string("expected an array of integers"));
  std::vector<int64_t> out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_number_integer() || v[i].get<int64_t>() < min)
      return fieldError(absl::StrCat(path, "[", i, "]"),
                        absl::StrCat("expected an integer ≥ ", min, ", got ", v[i].dump()));
    out.push_back(v[i].get<int64_t>());
  }
  return out;
}

/// One operand of a library call: a view inside its region, f32.
absl::StatusOr<TensorView> readView(const bundle::Manifest &m, const json &o,
                                    absl::string_view path, size_t rank) {
  if (!o.is_object()) return fieldError(path, "expected an object");
  TensorView v;
  DLC_RT_ASSIGN_OR_RETURN(const json *ptr, member(o, path, "ptr"));
  DLC_RT_ASSIGN_OR_RETURN(v.pointer, unsignedValue(*ptr, absl::StrCat(path, ".ptr"), ~uint64_t(0)));
  DLC_RT_ASSIGN_OR_RETURN(const json *shape, member(o, path, "shape"));
  DLC_RT_ASSIGN_OR_RETURN(v.shape, intList(*shape, absl::StrCat(path, ".shape"), rank, 1));
  DLC_RT_ASSIGN_OR_RETURN(const json *strides, member(o, path, "strides"));
  DLC_RT_ASSIGN_OR_RETURN(v.strides, intList(*strides, absl::StrCat(path, ".strides"), rank, 0));
  if (!abi::validPointer(v.pointer))
    return fieldError(absl::StrCat(path, ".ptr"),
                      absl::StrCat("pointer into region ", uint64_t(abi::pointerRegion(v.pointer)),
                                   ", which does not exist"));
  // The last element it reaches must lie inside the region.
  uint64_t last = 0;
  for (size_t d = 0; d < rank; ++d) last += uint64_t(v.shape[d] - 1) * uint64_t(v.strides[d]);
  const bundle::Region r = abi::pointerRegion(v.pointer);
  const uint64_t end = abi::pointerOffset(v.pointer) + (last + 1) * sizeof(float);
  if (abi::pointerOffset(v.pointer) % sizeof(float) != 0 || end > m.regionBytes[size_t(r)])
    return fieldError(path, absl::StrCat("a view of bytes ", abi::pointerOffset(v.pointer), " to ",
                                         end, " of the ", bundle::regionName(r), " region, which has ",
                                         m.regionBytes[size_t(r)], " bytes"));
  return v;
}

/// A matrix the GEMM reads row by row: unit column stride (a one-column
/// matrix may have any), rows apart at least its width.
absl::Status checkRowMajor(const TensorView &v, absl::string_view path) {
  if (v.shape[1] > 1 && v.strides[1] != 1)
    return fieldError(path, absl::StrCat("column stride ", v.strides[1],
                                         "; cuBLASLt steps take row-major views (stride 1)"));
  if (v.shape[0] > 1 && v.strides[0] < v.shape[1])
    return fieldError(path, absl::StrCat("rows ", v.strides[0], " elements apart, narrower than the ",
                                         v.shape[1], " columns"));
  return absl::OkStatus();
}

/// The operands and attributes of a cudnn.rnn_* step (`operand` reads one
/// by role and rank); checks the shapes against each other and the weight
/// space against abi::RnnWeightSpace.
template <typename ReadOperand, typename Roles>
absl::Status readRnn(LibraryStep &l, ReadOperand &operand, const Roles &byRole, const json &attrs,
                     const std::string &cpath, const std::string &apath) {
  DLC_RT_ASSIGN_OR_RETURN(const json *cellJson, member(attrs, apath, "cell"));
  abi::RnnCell cell;
  if (!cellJson->is_string() || !abi::parseRnnCell(cellJson->get<std::string>(), cell))
    return fieldError(absl::StrCat(apath, ".cell"),
                      absl::StrCat(cellJson->dump(), " is not a cell (lstm, gru, rnn_tanh, rnn_relu)"));
  l.cell = cellJson->get<std::string>();
  using K = LibraryStep::Kind;
  std::vector<std::pair<const char *, TensorView *>> views;
  if (l.kind == K::RnnForward) {
    l.hasReserve = byRole.count("reserve") != 0;
    views = {{"x", &l.x}, {"w", &l.w}, {"seq_lengths", &l.seqLengths}, {"y", &l.y}};
    if (l.hasReserve) views.push_back({"reserve", &l.reserve});
    bool training = false;
    if (auto it = attrs.find("training"); it != attrs.end()) {
      if (!it->is_boolean()) return fieldError(absl::StrCat(apath, ".training"), "expected true or false");
      training = it->get<bool>();
    }
    if (training != l.hasReserve)
      return fieldError(absl::StrCat(cpath, ".operands"),
                        training ? "a training forward needs a \"reserve\" operand"
                                 : "a \"reserve\" operand, but the forward is not in training mode");
  } else if (l.kind == K::RnnBackwardData) {
    l.hasReserve = true;
    views = {{"y", &l.y},           {"dy", &l.dy}, {"w", &l.w},
             {"seq_lengths", &l.seqLengths}, {"dx", &l.x}, {"reserve", &l.reserve}};
  } else {
    l.hasReserve = true;
    views = {{"x", &l.x}, {"y", &l.y}, {"seq_lengths", &l.seqLengths}, {"reserve", &l.reserve},
             {"dw", &l.w}};
  }
  for (auto [role, view] : views) {
    const std::string r = role;
    const size_t rank = r == "x" || r == "y" || r == "dy" || r == "dx" ? 3 : 1;
    DLC_RT_RETURN_IF_ERROR(operand(role, rank, *view));
    if (!abi::isDenselyPacked(view->shape, view->strides))
      return fieldError(absl::StrCat(cpath, ".operands (", r, ")"),
                        "cuDNN's RNN takes densely packed row-major tensors");
  }
  const auto &x = l.x.shape, &y = l.y.shape;
  std::string problem;
  const abi::RnnWeightSpace space{cell, x[2], y[2]};
  if (x[0] != y[0] || x[1] != y[1])
    problem = absl::StrCat("x is ", x[0], " sequences of ", x[1], " steps, y ", y[0], " of ", y[1]);
  else if (l.kind == K::RnnBackwardData && l.dy.shape != l.y.shape)
    problem = "dy does not have y's shape";
  else if (l.w.shape[0] != space.size())
    problem = absl::StrCat("the weight space of a ", l.cell, " with ", x[2], " inputs and ", y[2],
                           " units has ", space.size(), " floats (abi/CudnnRnnLayout.h), the step's ",
                           l.w.shape[0]);
  else if (l.seqLengths.shape[0] != x[0])
    problem = absl::StrCat(l.seqLengths.shape[0], " sequence lengths for ", x[0], " sequences");
  if (!problem.empty())
    return fieldError(absl::StrCat(cpath, ".operands"), absl::StrCat("not an RNN: ", problem));
  return absl::OkStatus();
}

absl::StatusOr<LibraryStep> readLibrary(const bundle::Manifest &m, const bundle::Step &step,
                                        absl::string_view path, absl::string_view stepName) {
  if (m.target == "cuda-ptx")
    return fieldError(absl::StrCat(path, ".kind"),
                      "a cuda-ptx bundle calls no library (its steps are kernel launches)");
  DLC_RT_ASSIGN_OR_RETURN(const json *call, member(step.raw, path, "call"));
  const std::string cpath = absl::StrCat(path, ".call");
  if (!call->is_object()) return fieldError(cpath, "expected an object");
  LibraryStep l;
  DLC_RT_ASSIGN_OR_RETURN(l.name, stringMember(*call, cpath, "name"));
  if (call->contains("layer") && (*call)["layer"].is_string())
    l.layer = (*call)["layer"].get<std::string>();
  if (call->contains("key") && (*call)["key"].is_string())
    l.key = (*call)["key"].get<std::string>();
  l.where = absl::StrCat(stepName, " (", l.name,
                         l.layer.empty() ? "" : absl::StrCat(" of ", l.layer), ")");
  static const std::pair<const char *, LibraryStep::Kind> kCalls[] = {
      {"cublaslt.gemm", LibraryStep::Kind::Gemm},
      {"cudnn.conv2d_forward", LibraryStep::Kind::ConvForward},
      {"cudnn.conv2d_backward_data", LibraryStep::Kind::ConvBackwardData},
      {"cudnn.conv2d_backward_filter", LibraryStep::Kind::ConvBackwardFilter},
      {"cudnn.conv2d_bias_activation", LibraryStep::Kind::ConvBiasActivation},
      {"cudnn.rnn_forward", LibraryStep::Kind::RnnForward},
      {"cudnn.rnn_backward_data", LibraryStep::Kind::RnnBackwardData},
      {"cudnn.rnn_backward_weights", LibraryStep::Kind::RnnBackwardWeights}};
  bool known = false;
  for (const auto &[name, kind] : kCalls)
    if (l.name == name) {
      l.kind = kind;
      known = true;
    }
  if (!known)
    return fieldError(absl::StrCat(cpath, ".name"),
                      absl::StrCat("unknown call \"", l.name,
                                   "\" (this runtime makes cublaslt.gemm, cudnn.conv2d_forward, "
                                   "cudnn.conv2d_backward_data, cudnn.conv2d_backward_filter, "
                                   "cudnn.conv2d_bias_activation, cudnn.rnn_forward, "
                                   "cudnn.rnn_backward_data, cudnn.rnn_backward_weights)"));

  // Operands by role, in the order the compiler writes them.
  DLC_RT_ASSIGN_OR_RETURN(const json *operands, member(*call, cpath, "operands"));
  if (!operands->is_array()) return fieldError(absl::StrCat(cpath, ".operands"), "expected an array");
  std::map<std::string, std::pair<const json *, std::string>> byRole;
  for (size_t i = 0; i < operands->size(); ++i) {
    const std::string opath = absl::StrCat(cpath, ".operands[", i, "]");
    const json &o = (*operands)[i];
    if (!o.is_object()) return fieldError(opath, "expected an object");
    DLC_RT_ASSIGN_OR_RETURN(std::string role, stringMember(o, opath, "role"));
    if (!byRole.emplace(role, std::make_pair(&o, opath)).second)
      return fieldError(opath, absl::StrCat("a second operand \"", role, "\""));
  }
  auto operand = [&](const char *role, size_t rank, TensorView &out) -> absl::Status {
    auto it = byRole.find(role);
    if (it == byRole.end())
      return fieldError(absl::StrCat(cpath, ".operands"),
                        absl::StrCat(l.name, " needs an operand \"", role, "\""));
    DLC_RT_ASSIGN_OR_RETURN(out, readView(m, *it->second.first, it->second.second, rank));
    byRole.erase(it);
    return absl::OkStatus();
  };
  DLC_RT_ASSIGN_OR_RETURN(const json *attrs, member(*call, cpath, "attrs"));
  const std::string apath = absl::StrCat(cpath, ".attrs");
  if (!attrs->is_object()) return fieldError(apath, "expected an object");
  auto flag = [&](const char *name, bool &out) -> absl::Status {
    auto it = attrs->find(name);
    if (it == attrs->end()) return absl::OkStatus();
    if (!it->is_boolean()) return fieldError(absl::StrCat(apath, ".", name), "expected true or false");
    out = it->get<bool>();
    return absl::OkStatus();
  };
  DLC_RT_RETURN_IF_ERROR(flag("accumulate", l.accumulate));

  if (l.kind == LibraryStep::Kind::Gemm) {
    DLC_RT_RETURN_IF_ERROR(operand("a", 2, l.a));
    DLC_RT_RETURN_IF_ERROR(operand("b", 2, l.b));
    l.hasBias = byRole.count("bias") != 0;
    if (l.hasBias) DLC_RT_RETURN_IF_ERROR(operand("bias", 1, l.bias));
    DLC_RT_RETURN_IF_ERROR(operand("c", 2, l.c));
    DLC_RT_RETURN_IF_ERROR(flag("transpose_a", l.transposeA));
    DLC_RT_RETURN_IF_ERROR(flag("transpose_b", l.transposeB));
    if (attrs->contains("epilogue")) {
      if (!(*attrs)["epilogue"].is_string())
        return fieldError(absl::StrCat(apath, ".epilogue"), "expected a string");
      l.epilogue = (*attrs)["epilogue"].get<std::string>();
    }
    if (l.epilogue != "none" && l.epilogue != "bias" && l.epilogue != "relu" &&
        l.epilogue != "relu_bias" && l.epilogue != "bgrad")
      return fieldError(absl::StrCat(apath, ".epilogue"),
                        absl::StrCat("unknown epilogue \"", l.epilogue,
                                     "\" (none, bias, relu, relu_bias, bgrad)"));
    l.hasBiasGrad = byRole.count("bias_grad") != 0;
    if (l.hasBiasGrad) DLC_RT_RETURN_IF_ERROR(operand("bias_grad", 1, l.biasGrad));
    if ((l.epilogue == "bgrad") != l.hasBiasGrad)
      return fieldError(absl::StrCat(cpath, ".operands"),
                        l.hasBiasGrad ? absl::StrCat("a \"bias_grad\" operand, but epilogue ", l.epilogue)
                                      : std::string("epilogue bgrad needs a \"bias_grad\" operand"));
    if (l.epilogue == "bgrad" && l.transposeB)
      return fieldError(absl::StrCat(apath, ".transpose_b"),
                        "the bgrad epilogue sums b over its rows, cuBLASLt's BGRADA over a "
                        "non-transposed A (the step's b): b cannot be transposed");
    const bool wantsBias = l.epilogue == "bias" || l.epilogue == "relu_bias";
    if (wantsBias != l.hasBias)
      return fieldError(absl::StrCat(cpath, ".operands"),
                        wantsBias ? absl::StrCat("epilogue ", l.epilogue, " needs a \"bias\" operand")
                                  : absl::StrCat("a \"bias\" operand, but epilogue ", l.epilogue));
    if (l.accumulate && l.epilogue != "none")
      return fieldError(apath, "accumulate with an epilogue (the epilogue would apply to the sum)");
    const int64_t m_ = l.transposeA ? l.a.shape[1] : l.a.shape[0];
    const int64_t ka = l.transposeA ? l.a.shape[0] : l.a.shape[1];
    const int64_t kb = l.transposeB ? l.b.shape[1] : l.b.shape[0];
    const int64_t n = l.transposeB ? l.b.shape[0] : l.b.shape[1];
    if (ka != kb || l.c.shape[0] != m_ || l.c.shape[1] != n)
      return fieldError(absl::StrCat(cpath, ".operands"),
                        absl::StrCat("op(a) is ", m_, "x", ka, ", op(b) ", kb, "x", n, ", c ",
                                     l.c.shape[0], "x", l.c.shape[1], ": not a matrix product"));
    if (l.hasBias && (l.bias.shape[0] != n || (n > 1 && l.bias.strides[0] != 1)))
      return fieldError(absl::StrCat(cpath, ".operands"),
                        absl::StrCat("the bias must be ", n, " contiguous floats"));
    if (l.hasBiasGrad && (l.biasGrad.shape[0] != n || (n > 1 && l.biasGrad.strides[0] != 1)))
      return fieldError(absl::StrCat(cpath, ".operands"),
                        absl::StrCat("the bias gradient must be ", n, " contiguous floats"));
    DLC_RT_RETURN_IF_ERROR(checkRowMajor(l.a, absl::StrCat(cpath, ".operands (a)")));
    DLC_RT_RETURN_IF_ERROR(checkRowMajor(l.b, absl::StrCat(cpath, ".operands (b)")));
    DLC_RT_RETURN_IF_ERROR(checkRowMajor(l.c, absl::StrCat(cpath, ".operands (c)")));
  } else if (l.isRnn()) {
    DLC_RT_RETURN_IF_ERROR(readRnn(l, operand, byRole, *attrs, cpath, apath));
  } else {
    const char *roles[4][3] = {
        {"x", "w", "y"}, {"dy", "w", "dx"}, {"x", "dy", "dw"}, {"x", "w", "y"}};
    const auto &r = roles[int(l.kind) - 1];
    TensorView in0, in1, out;
    DLC_RT_RETURN_IF_ERROR(operand(r[0], 4, in0));
    DLC_RT_RETURN_IF_ERROR(operand(r[1], 4, in1));
    DLC_RT_RETURN_IF_ERROR(operand(r[2], 4, out));
    if (l.kind == LibraryStep::Kind::ConvBiasActivation) {
      DLC_RT_RETURN_IF_ERROR(operand("bias", 1, l.bias));
      l.hasBias = true;
      if (attrs->contains("activation")) {
        if (!(*attrs)["activation"].is_string())
          return fieldError(absl::StrCat(apath, ".activation"), "expected a string");
        l.activation = (*attrs)["activation"].get<std::string>();
      }
      if (l.activation != "relu" && l.activation != "none")
        return fieldError(absl::StrCat(apath, ".activation"),
                          absl::StrCat("unknown activation \"", l.activation, "\" (relu, none)"));
      if (l.accumulate)
        return fieldError(apath, "accumulate with a bias and activation (they would apply to the sum)");
      if (l.bias.shape[0] != out.shape[3] || (out.shape[3] > 1 && l.bias.strides[0] != 1))
        return fieldError(absl::StrCat(cpath, ".operands"),
                          absl::StrCat("the bias must be ", out.shape[3], " contiguous floats"));
    }
    if (l.kind == LibraryStep::Kind::ConvForward ||
        l.kind == LibraryStep::Kind::ConvBiasActivation) { l.x = in0; l.w = in1; l.y = out; }
    else if (l.kind == LibraryStep::Kind::ConvBackwardData) { l.y = in0; l.w = in1; l.x = out; }
    else { l.x = in0; l.y = in1; l.w = out; }
    for (auto [name, field] : {std::pair<const char *, std::array<int64_t, 2> *>{"pre_padding", &l.prePadding},
                               {"post_padding", &l.postPadding},
                               {"strides", &l.strides},
                               {"dilations", &l.dilations}}) {
      DLC_RT_ASSIGN_OR_RETURN(const json *v, member(*attrs, apath, name));
      const bool padding = name[0] == 'p';
      DLC_RT_ASSIGN_OR_RETURN(std::vector<int64_t> values,
                              intList(*v, absl::StrCat(apath, ".", name), 2, padding ? 0 : 1));
      (*field)[0] = values[0];
      (*field)[1] = values[1];
    }
    // x [N,H,W,C], w [K,R,S,C], y [N,P,Q,K].
    const auto &x = l.x.shape, &w = l.w.shape, &y = l.y.shape;
    std::string problem;
    if (x[0] != y[0]) problem = absl::StrCat("x has ", x[0], " images, y ", y[0]);
    else if (x[3] != w[3]) problem = absl::StrCat("x has ", x[3], " channels, the KRSC filter ", w[3]);
    else if (y[3] != w[0]) problem = absl::StrCat("y has ", y[3], " channels, the KRSC filter ", w[0]);
    for (int d = 0; d < 2 && problem.empty(); ++d) {
      const int64_t effective = (w[1 + d] - 1) * l.dilations[d] + 1;
      const int64_t padded = x[1 + d] + l.prePadding[d] + l.postPadding[d];
      const int64_t o = padded < effective ? 0 : (padded - effective) / l.strides[d] + 1;
      if (o != y[1 + d])
        problem = absl::StrCat(d ? "width" : "height", ": x ", x[1 + d], " padded by ",
                               l.prePadding[d], "+", l.postPadding[d], " with a window of ",
                               w[1 + d], " gives ", o, ", y has ", y[1 + d]);
    }
    if (!problem.empty())
      return fieldError(absl::StrCat(cpath, ".operands"),
                        absl::StrCat("not a convolution: ", problem));
  }
  if (!byRole.empty())
    return fieldError(byRole.begin()->second.second,
                      absl::StrCat(l.name, " takes no operand \"", byRole.begin()->first, "\""));

  DLC_RT_ASSIGN_OR_RETURN(const json *workspace, member(*call, cpath, "workspace"));
  const std::string wpath = absl::StrCat(cpath, ".workspace");
  if (!workspace->is_object()) return fieldError(wpath, "expected an object");
  DLC_RT_ASSIGN_OR_RETURN(const json *wptr, member(*workspace, wpath, "ptr"));
  DLC_RT_ASSIGN_OR_RETURN(l.workspace, unsignedValue(*wptr, absl::StrCat(wpath, ".ptr"), ~uint64_t(0)));
  DLC_RT_ASSIGN_OR_RETURN(const json *wbytes, member(*workspace, wpath, "bytes"));
  DLC_RT_ASSIGN_OR_RETURN(l.workspaceBytes,
                          unsignedValue(*wbytes, absl::StrCat(wpath, ".bytes"), ~uint64_t(0)));
  if (!abi::validPointer(l.workspace) ||
      abi::pointerOffset(l.workspace) + l.workspaceBytes >
          m.regionBytes[size_t(abi::pointerRegion(l.workspace))])
    return fieldError(wpath, absl::StrCat(l.workspaceBytes, " bytes that do not lie inside a region"));
  // cuBLASLt and cuDNN take workspaces aligned to 256 bytes (the regions are).
  if (abi::pointerOffset(l.workspace) % abi::kDeviceRegionAlignment != 0)
    return fieldError(absl::StrCat(wpath, ".ptr"),
                      absl::StrCat("byte ", abi::pointerOffset(l.workspace), " of its region, not a multiple of ",
                                   abi::kDeviceRegionAlignment));
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
  if (!version->is_number_integer() || version->get<int64_t>() < 1 ||
      version->get<int64_t>() > abi::kCudaAbiVersion)
    return absl::FailedPreconditionError(absl::StrCat(
        "manifest: cuda.abi_version: the bundle's CUDA ABI is version ", version->dump(),
        ", this runtime runs versions 1 to ", abi::kCudaAbiVersion, " (recompile the model)"));
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
    if (k.contains("key") && k["key"].is_string()) kernel.key = k["key"].get<std::string>();
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
    // One step (a launch or a library call) of the function or of a
    // fallback.
    auto readStep = [&](const bundle::Step &step, const std::string &path,
                        const std::string &stepName) -> absl::StatusOr<ProgramStep> {
      if (step.kind == bundle::StepKind::Library) {
        DLC_RT_ASSIGN_OR_RETURN(LibraryStep l, readLibrary(m, step, path, stepName));
        (l.library() == "cudnn" ? p.usesCudnn : p.usesCublasLt) = true;
        return ProgramStep(std::move(l));
      }
      if (step.kind != bundle::StepKind::Kernel)
        return fieldError(absl::StrCat(path, ".kind"),
                          absl::StrCat("a ", m.target,
                                       " bundle's steps are kernel launches",
                                       m.target == "cuda-ptx" ? "" : " and library calls",
                                       "; this one is \"",
                                       bundle::stepKindName(step.kind), "\""));
      DLC_RT_ASSIGN_OR_RETURN(Launch l, readLaunch(m, p, step, path));
      return ProgramStep(std::move(l));
    };
    for (size_t i = 0; i < fn.steps.size(); ++i) {
      const std::string path = absl::StrCat("functions.", name, ".steps[", i, "]");
      const std::string stepName = absl::StrCat(name, " step ", i);
      DLC_RT_ASSIGN_OR_RETURN(ProgramStep step, readStep(fn.steps[i], path, stepName));
      auto fallback = fn.steps[i].raw.find("fallback");
      if (fallback != fn.steps[i].raw.end()) {
        const std::string fpath = absl::StrCat(path, ".fallback");
        const auto *l = std::get_if<LibraryStep>(&step);
        if (!l || !(l->epilogue == "bgrad" || l->kind == LibraryStep::Kind::ConvBiasActivation))
          return fieldError(fpath, "only a fused library step (a bgrad GEMM, a "
                                   "cudnn.conv2d_bias_activation) has a fallback");
        if (!fallback->is_array() || fallback->empty())
          return fieldError(fpath, "expected a non-empty array of steps");
        std::vector<ProgramStep> &steps = f.fallbacks[i];
        for (size_t j = 0; j < fallback->size(); ++j) {
          const std::string spath = absl::StrCat(fpath, "[", j, "]");
          const nlohmann::json &raw = (*fallback)[j];
          if (!raw.is_object() || !raw.contains("kind") || !raw["kind"].is_string())
            return fieldError(spath, "expected a step object with a \"kind\"");
          if (raw.contains("fallback"))
            return fieldError(absl::StrCat(spath, ".fallback"), "a fallback's step has none");
          bundle::Step s;
          s.raw = raw;
          const std::string kind = raw["kind"].get<std::string>();
          s.kind = kind == "library" ? bundle::StepKind::Library
                   : kind == "kernel" ? bundle::StepKind::Kernel
                                      : bundle::StepKind::Op;
          DLC_RT_ASSIGN_OR_RETURN(
              ProgramStep fs, readStep(s, spath, absl::StrCat(stepName, " fallback step ", j)));
          steps.push_back(std::move(fs));
        }
      }
      f.steps.push_back(std::move(step));
    }
    p.functions.emplace(name, std::move(f));
  }
  return p;
}

std::vector<StepOrigin> spliceFallbacks(FunctionProgram &f,
                                        const std::function<bool(size_t)> &useFallback) {
  std::vector<ProgramStep> steps;
  std::vector<StepOrigin> origin;
  for (size_t i = 0; i < f.steps.size(); ++i) {
    auto fallback = f.fallbacks.find(i);
    if (fallback == f.fallbacks.end() || !useFallback(i)) {
      steps.push_back(std::move(f.steps[i]));
      origin.push_back({i, -1});
      continue;
    }
    for (size_t j = 0; j < fallback->second.size(); ++j) {
      steps.push_back(std::move(fallback->second[j]));
      origin.push_back({i, int(j)});
    }
  }
  f.steps = std::move(steps);
  f.fallbacks.clear();
  return origin;
}

std::map<OpId, std::vector<size_t>> stepsByOp(const Program &program, std::string_view function) {
  std::map<OpId, std::vector<size_t>> byOp;
  auto it = program.functions.find(function);
  if (it == program.functions.end()) return byOp;
  const std::vector<ProgramStep> &steps = it->second.steps;
  for (size_t i = 0; i < steps.size(); ++i) {
    OpId id;
    if (const auto *l = std::get_if<Launch>(&steps[i])) {
      const Kernel &k = program.kernels[size_t(l->kernel)];
      id = {k.op, k.key};
    } else {
      const auto &c = std::get<LibraryStep>(steps[i]);
      id = {c.layer, c.key};
    }
    if (!id.second.empty()) byOp[id].push_back(i);
  }
  return byOp;
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
