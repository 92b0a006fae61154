// A bundle loaded for running (implementation of Session.h).
#include "runtime/train/Session.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/backends/Backends.h"
#include "runtime/bundle/StatusMacros.h"
#include "runtime/init/InitialState.h"
#include "runtime/kernels/Loss.h"

namespace dlc::rt::train {

using bundle::DType;
using bundle::Role;
using bundle::TensorDesc;

double readScalar(const TensorDesc &t, const uint8_t *p) {
  switch (t.dtype) {
  case DType::F32: { float v; std::memcpy(&v, p, 4); return v; }
  case DType::F64: { double v; std::memcpy(&v, p, 8); return v; }
  case DType::I32: { int32_t v; std::memcpy(&v, p, 4); return v; }
  case DType::I64: { int64_t v; std::memcpy(&v, p, 8); return double(v); }
  }
  return 0;
}

absl::StatusOr<std::unique_ptr<Session>> Session::open(std::shared_ptr<const bundle::Bundle> b,
                                                       uint64_t seed, const std::string *state) {
  std::unique_ptr<Session> s(new Session());
  s->bundle_ = std::move(b);
  s->seed_ = seed;
  const bundle::Manifest &m = s->bundle_->manifest();
  exec::BackendOptions options;
  options.runSeed = seed;
  DLC_RT_ASSIGN_OR_RETURN(s->backend_, openBackend(*s->bundle_, options));
  if (!state && seed == m.seed) {
    // The bundle's own initial state, without a copy.
    std::string_view initial = s->bundle_->initialState();
    DLC_RT_RETURN_IF_ERROR(
        s->backend_->copyIn(bundle::Region::State, 0, initial.data(), initial.size()));
  } else {
    DLC_RT_ASSIGN_OR_RETURN(std::string initial, startingState(*s->bundle_, seed, state));
    DLC_RT_RETURN_IF_ERROR(
        s->backend_->copyIn(bundle::Region::State, 0, initial.data(), initial.size()));
  }
  std::vector<int> its = m.tensorsWithRole(Role::Iterations);
  s->iterationsTensor_ = its.empty() ? -1 : its[0];
  return s;
}

absl::StatusOr<std::string> Session::startingState(const bundle::Bundle &b, uint64_t seed,
                                                    const std::string *state) {
  const bundle::Manifest &m = b.manifest();
  const uint64_t stateBytes = m.regionBytes[size_t(bundle::Region::State)];
  if (state) {
    if (state->size() != stateBytes)
      return absl::InvalidArgumentError(absl::StrCat("state of ", state->size(),
                                                     " bytes for a state region of ",
                                                     stateBytes));
    return *state;
  }
  if (seed == m.seed) return std::string(b.initialState());
  return init::initialStateBytes(m, seed);
}

absl::StatusOr<std::string> Session::state() const {
  std::string bytes(manifest().regionBytes[size_t(bundle::Region::State)], '\0');
  DLC_RT_RETURN_IF_ERROR(
      backend_->copyOut(bundle::Region::State, 0, bytes.data(), bytes.size()));
  return bytes;
}

absl::StatusOr<int64_t> Session::iterations() const {
  if (iterationsTensor_ < 0) return 0;
  int64_t value = 0;
  DLC_RT_RETURN_IF_ERROR(backend_->copyOut(bundle::Region::State,
                                           manifest().tensors[size_t(iterationsTensor_)].offset,
                                           &value, sizeof value));
  return value;
}

namespace {

template <typename Src>
void convertRows(const Src *src, int64_t n, DType dtype, uint8_t *dst) {
  switch (dtype) {
  case DType::F32: {
    float *d = reinterpret_cast<float *>(dst);
    if constexpr (std::is_same_v<Src, float>) std::memcpy(d, src, size_t(n) * 4);
    else for (int64_t i = 0; i < n; ++i) d[i] = float(src[i]);
    break;
  }
  case DType::F64: {
    double *d = reinterpret_cast<double *>(dst);
    for (int64_t i = 0; i < n; ++i) d[i] = double(src[i]);
    break;
  }
  case DType::I32: {
    int32_t *d = reinterpret_cast<int32_t *>(dst);
    if constexpr (std::is_same_v<Src, int32_t>) std::memcpy(d, src, size_t(n) * 4);
    else for (int64_t i = 0; i < n; ++i) d[i] = int32_t(src[i]);
    break;
  }
  case DType::I64: {
    int64_t *d = reinterpret_cast<int64_t *>(dst);
    for (int64_t i = 0; i < n; ++i) d[i] = int64_t(src[i]);
    break;
  }
  }
}

} // namespace

absl::Status Session::bind(const bundle::Function &f, const data::Batch &batch) {
  const bundle::Manifest &m = manifest();
  const int64_t B = m.batchSize;
  const int64_t rows = batch.size;
  auto fail = [&](const std::string &msg) {
    return absl::InvalidArgumentError(absl::StrCat(f.name, ": ", msg));
  };
  if (rows < 1 || rows > B)
    return fail(absl::StrCat("a batch of ", rows, " rows for batch size ", B));
  std::vector<int> inputs;
  int label = -1;
  for (int idx : f.inputs) {
    const TensorDesc &t = m.tensors[size_t(idx)];
    if (t.role == Role::Input) inputs.push_back(idx);
    else if (t.role == Role::Label) label = idx;
  }
  if (inputs.size() != batch.inputs.size())
    return fail(absl::StrCat("the bundle takes ", inputs.size(), " inputs, the data has ",
                             batch.inputs.size()));
  for (size_t k = 0; k < inputs.size(); ++k) {
    const TensorDesc &t = m.tensors[size_t(inputs[k])];
    const data::InputTensor &in = batch.inputs[k];
    if (t.shape.empty() || t.shape[0] != B)
      return fail(absl::StrCat("input tensor '", t.name, "' does not start with the batch size ", B));
    const int64_t per = t.numElements() / B;
    if (in.sampleElements() != per)
      return fail(absl::StrCat("input '", in.name, "' of the data has ", in.sampleElements(),
                               " values per sample, the bundle's input tensor '", t.name,
                               "' takes ", per));
    if (in.storedElements() < rows * per)
      return fail(absl::StrCat("input '", in.name, "' holds fewer values than its rows"));
    uint8_t *dst = backend_->io() + t.offset;
    const bool tensorFloat = bundle::isFloat(t.dtype);
    if (in.type == data::ElementType::kFloat32) {
      if (!tensorFloat)
        return fail(absl::StrCat("input '", in.name, "' is float32, the bundle's tensor '",
                                 t.name, "' is ", bundle::dtypeName(t.dtype)));
      convertRows(in.f32.data(), rows * per, t.dtype, dst);
    } else {
      convertRows(in.i32.data(), rows * per, t.dtype, dst);
    }
    const size_t elem = bundle::dtypeSize(t.dtype);
    std::memset(dst + size_t(rows * per) * elem, 0, size_t((B - rows) * per) * elem);
  }
  if (label >= 0) {
    const TensorDesc &t = m.tensors[size_t(label)];
    uint8_t *dst = backend_->io() + t.offset;
    const size_t elem = bundle::dtypeSize(t.dtype);
    if (bundle::isFloat(t.dtype)) {
      if (t.shape.size() != 2 || t.shape[0] != B)
        return fail(absl::StrCat("label tensor '", t.name, "' must be [", B, ", classes]"));
      const int64_t classes = t.shape[1];
      if (int64_t(batch.labels.size()) != rows * classes)
        return fail(absl::StrCat("the data has ", int64_t(batch.labels.size()) / rows,
                                 " classes, the bundle's label tensor '", t.name, "' ",
                                 classes));
      convertRows(batch.labels.data(), rows * classes, t.dtype, dst);
      std::memset(dst + size_t(rows * classes) * elem, 0, size_t((B - rows) * classes) * elem);
    } else {
      if (t.shape.size() != 1 || t.shape[0] != B)
        return fail(absl::StrCat("label tensor '", t.name, "' must be [", B, "]"));
      if (int64_t(batch.classes.size()) != rows) return fail("the batch has no class per row");
      convertRows(batch.classes.data(), rows, t.dtype, dst);
      std::memset(dst + size_t(rows) * elem, 0, size_t(B - rows) * elem);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<StepOutputs> Session::readOutputs(const bundle::Function &f) const {
  StepOutputs out;
  bool haveLoss = false;
  for (int idx : f.outputs) {
    const TensorDesc &t = manifest().tensors[size_t(idx)];
    if (t.role == Role::Loss) {
      out.loss = readScalar(t, backend_->io() + t.offset);
      haveLoss = true;
    } else if (t.role == Role::Correct) {
      out.correct = int64_t(readScalar(t, backend_->io() + t.offset));
    }
  }
  if (!haveLoss)
    return absl::InvalidArgumentError(
        absl::StrCat(f.name, ": the function has no output with role \"loss\""));
  return out;
}

absl::StatusOr<StepOutputs> Session::trainStep(const data::Batch &batch) {
  DLC_RT_ASSIGN_OR_RETURN(const bundle::Function *f, manifest().requireFunction("train_step"));
  if (batch.size != batchSize())
    return absl::InvalidArgumentError(absl::StrCat("train_step: a batch of ", batch.size,
                                                   " rows; training needs full batches of ",
                                                   batchSize()));
  DLC_RT_RETURN_IF_ERROR(bind(*f, batch));
  DLC_RT_RETURN_IF_ERROR(backend_->run("train_step"));
  return readOutputs(*f);
}

namespace {

/// The first output of `f` with role "output" (the probabilities), or -1.
int probabilitiesOf(const bundle::Manifest &m, const bundle::Function *f) {
  if (!f) return -1;
  for (int idx : f->outputs)
    if (m.tensors[size_t(idx)].role == Role::Output) return idx;
  return -1;
}

template <typename T>
void hostLossAndCorrect(const T *probs, const data::Batch &batch, int64_t classes, bool sparse,
                        double &loss, int64_t &correct) {
  const kernels::LossShape s{batch.size, classes};
  if (!sparse) {
    std::vector<T> targets(batch.labels.begin(), batch.labels.end());
    loss = double(kernels::categoricalCrossentropy<T>(s, probs, targets.data()));
    correct = kernels::categoricalAccuracyCount<T>(s, probs, targets.data());
  } else {
    loss = double(*kernels::sparseCategoricalCrossentropy<T, int32_t>(s, probs,
                                                                     batch.classes.data()));
    correct = *kernels::sparseCategoricalAccuracyCount<T, int32_t>(s, probs,
                                                                  batch.classes.data());
  }
}

} // namespace

absl::StatusOr<EvalResult> Session::evaluate(const data::Dataset &ds) {
  const bundle::Manifest &m = manifest();
  DLC_RT_ASSIGN_OR_RETURN(const bundle::Function *f, m.requireFunction("eval_step"));
  DLC_RT_ASSIGN_OR_RETURN(data::Batcher batcher, data::Batcher::create(ds, batchSize()));
  const std::vector<int64_t> order = data::identityOrder(ds.numSamples);
  data::Batch batch;
  double lossSum = 0;
  int64_t correct = 0, samples = 0;
  for (int64_t b = 0; b < batcher.numBatches(); ++b) {
    DLC_RT_RETURN_IF_ERROR(batcher.fill(order, b, batch));
    if (batch.size == batchSize()) {
      DLC_RT_RETURN_IF_ERROR(bind(*f, batch));
      DLC_RT_RETURN_IF_ERROR(backend_->run("eval_step"));
      DLC_RT_ASSIGN_OR_RETURN(StepOutputs o, readOutputs(*f));
      lossSum += o.loss * double(batch.size);
      correct += std::max<int64_t>(o.correct, 0);
      samples += batch.size;
      continue;
    }
    // The short last batch: probabilities of its real rows, loss on the host.
    const bundle::Function *pf = f;
    int probs = probabilitiesOf(m, pf);
    if (probs < 0) {
      pf = m.function("predict");
      probs = probabilitiesOf(m, pf);
    }
    if (probs < 0)
      return absl::FailedPreconditionError(absl::StrCat(
          "evaluation of ", ds.name, ": ", batch.size, " samples do not fill a batch of ",
          batchSize(), " and neither eval_step nor predict has an \"output\" tensor"));
    DLC_RT_RETURN_IF_ERROR(bind(*pf, batch));
    DLC_RT_RETURN_IF_ERROR(backend_->run(pf->name));
    const TensorDesc &pt = m.tensors[size_t(probs)];
    const int64_t classes = pt.shape.empty() ? 0 : pt.shape.back();
    bool sparse = false;
    for (int idx : f->inputs)
      if (m.tensors[size_t(idx)].role == Role::Label)
        sparse = !bundle::isFloat(m.tensors[size_t(idx)].dtype);
    if (!sparse && int64_t(batch.labels.size()) != batch.size * classes)
      return absl::InvalidArgumentError(absl::StrCat("evaluation of ", ds.name,
                                                     ": the data's classes differ from the "
                                                     "bundle's ", classes));
    double loss = 0;
    int64_t c = 0;
    const uint8_t *probsData = backend_->io() + pt.offset;
    if (pt.dtype == DType::F32)
      hostLossAndCorrect(reinterpret_cast<const float *>(probsData), batch, classes, sparse,
                         loss, c);
    else
      hostLossAndCorrect(reinterpret_cast<const double *>(probsData), batch, classes, sparse,
                         loss, c);
    lossSum += loss * double(batch.size);
    correct += c;
    samples += batch.size;
  }
  EvalResult r;
  r.samples = samples;
  r.loss = samples ? lossSum / double(samples) : 0;
  r.acc = samples ? double(correct) / double(samples) : 0;
  return r;
}

absl::StatusOr<std::vector<std::vector<float>>> Session::predict(const data::Dataset &ds) {
  const bundle::Manifest &m = manifest();
  DLC_RT_ASSIGN_OR_RETURN(const bundle::Function *f, m.requireFunction("predict"));
  const int probs = probabilitiesOf(m, f);
  if (probs < 0)
    return absl::InvalidArgumentError("predict: the function has no \"output\" tensor");
  const TensorDesc &pt = m.tensors[size_t(probs)];
  if (pt.shape.size() != 2 || pt.shape[0] != batchSize())
    return absl::InvalidArgumentError(absl::StrCat("predict: output tensor '", pt.name,
                                                   "' must be [batch, classes]"));
  const int64_t classes = pt.shape[1];
  DLC_RT_ASSIGN_OR_RETURN(data::Batcher batcher, data::Batcher::create(ds, batchSize()));
  const std::vector<int64_t> order = data::identityOrder(ds.numSamples);
  std::vector<std::vector<float>> out;
  data::Batch batch;
  for (int64_t b = 0; b < batcher.numBatches(); ++b) {
    DLC_RT_RETURN_IF_ERROR(batcher.fill(order, b, batch));
    DLC_RT_RETURN_IF_ERROR(bind(*f, batch));
    DLC_RT_RETURN_IF_ERROR(backend_->run("predict"));
    const uint8_t *probsData = backend_->io() + pt.offset;
    for (int64_t r = 0; r < batch.size; ++r) {
      std::vector<float> row(static_cast<size_t>(classes));
      for (int64_t j = 0; j < classes; ++j) {
        if (pt.dtype == DType::F32)
          row[size_t(j)] = reinterpret_cast<const float *>(probsData)[r * classes + j];
        else
          row[size_t(j)] = float(reinterpret_cast<const double *>(probsData)[r * classes + j]);
      }
      out.push_back(std::move(row));
    }
  }
  return out;
}

} // namespace dlc::rt::train
