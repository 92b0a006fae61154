// The cpu-ref backend (implementation of RefBackend.h).
#include "runtime/backends/cpu-ref/RefBackend.h"
#include "runtime/backends/cpu-ref/PlanContext.h"

namespace dlc::rt::exec {

using namespace detail;

namespace {

//===-- the op table -------------------------------------------------------===//

using Planner = std::function<absl::StatusOr<Kernel>(PlanCtx &)>;

const std::map<std::string, Planner, std::less<>> &opTable() {
  static const auto *table = new std::map<std::string, Planner, std::less<>>{
      {"dlc.dense", planDense},
      {"dlc.conv2d", planConv2D},
      {"dlc.max_pool2d", [](PlanCtx &c) { return planPool(c, true); }},
      {"dlc.avg_pool2d", [](PlanCtx &c) { return planPool(c, false); }},
      {"dlc.activation", planActivation},
      {"dlc.prelu", [](PlanCtx &c) { return planPReLU(c, false); }},
      {"dlc.softmax", [](PlanCtx &c) { return planSoftmax(c, false); }},
      {"dlc.dropout", planDropout},
      {"dlc.flatten", [](PlanCtx &c) { return planReshape(c, true); }},
      {"dlc.reshape", [](PlanCtx &c) { return planReshape(c, false); }},
      {"dlc.transpose", planTranspose},
      {"dlc.add", planAdd},
      {"dlc.concatenate", planConcatenate},
      {"dlc.repeat_vector", planRepeatVector},
      {"dlc.embedding", [](PlanCtx &c) { return planEmbedding(c, false); }},
      {"dlc.reduce_sum", planReduceSum},
      {"dlc.slice", planSlice},
      {"dlc.lstm", [](PlanCtx &c) { return planRecurrent(c, Cell::Lstm, false); }},
      {"dlc.gru", [](PlanCtx &c) { return planRecurrent(c, Cell::Gru, false); }},
      {"dlc.simple_rnn", [](PlanCtx &c) { return planRecurrent(c, Cell::SimpleRnn, false); }},
      {"dlc.dense_grad_input", [](PlanCtx &c) { return planDenseGrad(c, true); }},
      {"dlc.dense_grad_kernel", [](PlanCtx &c) { return planDenseGrad(c, false); }},
      {"dlc.conv2d_grad_input", [](PlanCtx &c) { return planConv2DGrad(c, true); }},
      {"dlc.conv2d_grad_filter", [](PlanCtx &c) { return planConv2DGrad(c, false); }},
      {"dlc.max_pool2d_grad", [](PlanCtx &c) { return planPoolGrad(c, true); }},
      {"dlc.avg_pool2d_grad", [](PlanCtx &c) { return planPoolGrad(c, false); }},
      {"dlc.activation_grad", planActivationGrad},
      {"dlc.prelu_grad", [](PlanCtx &c) { return planPReLU(c, true); }},
      {"dlc.softmax_grad", [](PlanCtx &c) { return planSoftmax(c, true); }},
      {"dlc.embedding_grad", [](PlanCtx &c) { return planEmbedding(c, true); }},
      {"dlc.lstm_grad", [](PlanCtx &c) { return planRecurrent(c, Cell::Lstm, true); }},
      {"dlc.gru_grad", [](PlanCtx &c) { return planRecurrent(c, Cell::Gru, true); }},
      {"dlc.simple_rnn_grad",
       [](PlanCtx &c) { return planRecurrent(c, Cell::SimpleRnn, true); }},
      {"dlc.categorical_crossentropy", [](PlanCtx &c) { return planLoss(c, LossOp::Loss); }},
      {"dlc.categorical_crossentropy_grad",
       [](PlanCtx &c) { return planLoss(c, LossOp::Grad); }},
      {"dlc.accuracy", [](PlanCtx &c) { return planLoss(c, LossOp::Accuracy); }},
      {"dlc.sgd_update", [](PlanCtx &c) { return planOptimizer(c, Opt::Sgd); }},
      {"dlc.rmsprop_update", [](PlanCtx &c) { return planOptimizer(c, Opt::Rmsprop); }},
      {"dlc.adadelta_update", [](PlanCtx &c) { return planOptimizer(c, Opt::Adadelta); }},
      {"dlc.adam_update", [](PlanCtx &c) { return planOptimizer(c, Opt::Adam); }},
      {"dlc.increment", planIncrement},
      // planned separately (it has a body): listed so that knownOps() has it
      {"dlc.time_distributed", nullptr},
  };
  return *table;
}

bool isUpdateOp(const std::string &op) {
  return op == "dlc.sgd_update" || op == "dlc.rmsprop_update" ||
         op == "dlc.adadelta_update" || op == "dlc.adam_update";
}

/// The memory-plan checks of the header comment.
absl::Status checkMemory(const Manifest &m, const Step &s) {
  struct Range {
    Region region;
    uint64_t begin, end;
  };
  auto range = [&](int i) {
    const TensorDesc &t = m.tensors[size_t(i)];
    return Range{t.region, t.offset, t.offset + t.byteSize()};
  };
  auto overlaps = [](const Range &a, const Range &b) {
    return a.region == b.region && a.begin < b.end && b.begin < a.end;
  };
  auto name = [&](int i) { return m.tensors[size_t(i)].name; };
  const bool update = isUpdateOp(s.op);
  const bool increment = s.op == "dlc.increment";
  const bool view = s.op == "dlc.reshape" || s.op == "dlc.flatten";
  for (size_t o = 0; o < s.out.size(); ++o) {
    const Range ro = range(s.out[o]);
    for (size_t o2 = o + 1; o2 < s.out.size(); ++o2)
      if (s.out[o] == s.out[o2] || overlaps(ro, range(s.out[o2])))
        return absl::InvalidArgumentError(absl::StrCat(s.where, ": results '", name(s.out[o]),
                                                       "' and '", name(s.out[o2]),
                                                       "' overlap"));
    for (size_t i = 0; i < s.in.size(); ++i) {
      const Range ri = range(s.in[i]);
      if (s.out[o] == s.in[i]) {
        // in-place pairs: out[0] <- in[0] (param), out[1 + j] <- in[2 + j] (slots)
        const bool pair = (update && ((o == 0 && i == 0) || (o >= 1 && i == o + 1))) ||
                          (increment && o == 0 && i == 0);
        if (!pair)
          return absl::InvalidArgumentError(
              absl::StrCat(s.where, ": tensor '", name(s.out[o]),
                           "' is both an operand and a result, which this op does not allow"));
        continue;
      }
      if (!overlaps(ro, ri)) continue;
      if (view && ro.begin == ri.begin && ro.end == ri.end) continue;
      return absl::InvalidArgumentError(
          absl::StrCat(s.where, ": result '", name(s.out[o]), "' overlaps operand '",
                       name(s.in[i]), "' (a memory-plan error)"));
    }
  }
  return absl::OkStatus();
}

absl::Status planSteps(const Manifest &m, Arena &arena, const uint64_t *runSeed,
                       const std::vector<Step> &steps, std::vector<RefBackend::Planned> &out);

absl::StatusOr<Kernel> planTimeDistributed(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  if (c.step.bodyArg < 0) return c.error("missing 'body'");
  const TensorDesc &x = c.in(0), &y = c.out(0);
  const TensorDesc &arg = c.m.tensors[size_t(c.step.bodyArg)];
  const TensorDesc &res = c.m.tensors[size_t(c.step.bodyResult)];
  if (x.shape.size() < 2 || y.shape.size() < 2)
    return c.error("input and result need rank >= 2 ([N, T, ...])");
  std::vector<int64_t> argShape = x.shape, resShape = y.shape;
  argShape.erase(argShape.begin() + 1);
  resShape.erase(resShape.begin() + 1);
  DLC_RT_RETURN_IF_ERROR(c.dtypeIs(arg, x.dtype, "body argument"));
  DLC_RT_RETURN_IF_ERROR(c.dtypeIs(res, y.dtype, "body result"));
  DLC_RT_RETURN_IF_ERROR(c.shapeIs(arg, argShape, "body argument"));
  DLC_RT_RETURN_IF_ERROR(c.shapeIs(res, resShape, "body result"));
  if (x.shape[1] != y.shape[1])
    return c.error(absl::StrCat("input ", shapeStr(x.shape), " and result ", shapeStr(y.shape),
                                " differ in time steps"));
  auto body = std::make_shared<std::vector<RefBackend::Planned>>();
  DLC_RT_RETURN_IF_ERROR(planSteps(c.m, c.arena, c.runSeed, c.step.body, *body));
  const int64_t n = x.shape[0], steps = x.shape[1];
  const size_t inRow = size_t(product(x.shape, 2, x.shape.size())) * bundle::dtypeSize(x.dtype);
  const size_t outRow = size_t(product(y.shape, 2, y.shape.size())) * bundle::dtypeSize(y.dtype);
  const uint8_t *px = c.bytes(x);
  uint8_t *py = c.bytes(y), *pa = c.bytes(arg);
  const uint8_t *pr = c.bytes(res);
  return Kernel([=]() -> absl::Status {
    for (int64_t t = 0; t < steps; ++t) {
      for (int64_t i = 0; i < n; ++i)
        std::memcpy(pa + size_t(i) * inRow, px + size_t(i * steps + t) * inRow, inRow);
      for (const RefBackend::Planned &p : *body)
        if (absl::Status s = p.call(); !s.ok()) return s;
      for (int64_t i = 0; i < n; ++i)
        std::memcpy(py + size_t(i * steps + t) * outRow, pr + size_t(i) * outRow, outRow);
    }
    return absl::OkStatus();
  });
}

absl::Status planSteps(const Manifest &m, Arena &arena, const uint64_t *runSeed,
                       const std::vector<Step> &steps, std::vector<RefBackend::Planned> &out) {
  for (const Step &step : steps) {
    PlanCtx c{m, arena, step, runSeed};
    absl::StatusOr<Kernel> kernel;
    switch (step.kind) {
    case bundle::StepKind::Native:
    case bundle::StepKind::Kernel:
    case bundle::StepKind::Library:
      return absl::InvalidArgumentError(
          absl::StrCat(step.where, ": a step of kind \"", bundle::stepKindName(step.kind),
                       "\" belongs to another target; cpu-ref runs \"op\" and \"copy\" steps"));
    case bundle::StepKind::Copy: {
      DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
      if (c.in(0).byteSize() != c.out(0).byteSize())
        return c.error("a copy needs operand and result of the same byte size");
      DLC_RT_RETURN_IF_ERROR(checkMemory(m, step));
      kernel = copyKernel(c.bytes(c.out(0)), c.bytes(c.in(0)), c.in(0).byteSize());
      break;
    }
    case bundle::StepKind::Op: {
      const auto &table = opTable();
      auto it = table.find(step.op);
      if (it == table.end())
        return absl::InvalidArgumentError(
            absl::StrCat(step.where, ": unknown op '", step.op, "' (the cpu-ref runtime runs ",
                         table.size(), " dlc ops; see knownOps())"));
      DLC_RT_RETURN_IF_ERROR(checkMemory(m, step));
      if (step.op == "dlc.time_distributed")
        kernel = planTimeDistributed(c);
      else
        kernel = it->second(c);
      break;
    }
    }
    if (!kernel.ok()) return kernel.status();
    out.push_back(RefBackend::Planned{std::move(*kernel), &step});
  }
  return absl::OkStatus();
}

} // namespace

const std::vector<std::string> &knownOps() {
  static const auto *ops = [] {
    auto *v = new std::vector<std::string>();
    for (const auto &[name, planner] : opTable()) v->push_back(name);
    return v;
  }();
  return *ops;
}

absl::StatusOr<std::unique_ptr<RefBackend>> RefBackend::create(const Manifest &manifest,
                                                                const BackendOptions &options) {
  DLC_RT_ASSIGN_OR_RETURN(Arena arena, Arena::create(manifest.regionBytes));
  std::unique_ptr<RefBackend> b(new RefBackend(manifest, std::move(arena), options.runSeed));
  for (const auto &[name, fn] : manifest.functions) {
    std::vector<Planned> plan;
    DLC_RT_RETURN_IF_ERROR(planSteps(manifest, b->arena_, &b->runSeed_, fn.steps, plan));
    b->plans_.emplace(name, std::move(plan));
  }
  return b;
}

absl::Status RefBackend::run(std::string_view name) {
  auto it = plans_.find(name);
  if (it == plans_.end()) {
    absl::StatusOr<const bundle::Function *> f = manifest_.requireFunction(name);
    return f.status();
  }
  for (const Planned &p : it->second) {
    absl::Status s = p.call();
    if (!s.ok())
      return absl::Status(s.code(), absl::StrCat(p.step->where, ": ", s.message()));
  }
  return absl::OkStatus();
}

} // namespace dlc::rt::exec
