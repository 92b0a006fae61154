// `dlc train`, `dlc eval` and `dlc predict` on the runtime side (implementation of Train.h).
#include "runtime/train/Train.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "runtime/bundle/StatusMacros.h"
#include "runtime/data/ImageAugmentation.h"
#include "runtime/data/Mnist.h"
#include "runtime/train/Checkpoint.h"
#include "runtime/train/Progress.h"
#include "runtime/train/Session.h"
#include "runtime/train/TaskData.h"

namespace dlc::rt::train {

using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

absl::StatusOr<std::shared_ptr<const bundle::Bundle>> loadBundle(const BundleSource &source) {
  if (source.bundle) return source.bundle;
  if (source.path.empty())
    return absl::InvalidArgumentError("no bundle given (a .dlcb file or a compiled model)");
  DLC_RT_ASSIGN_OR_RETURN(bundle::Bundle b, bundle::readBundleFile(source.path));
  return std::shared_ptr<const bundle::Bundle>(new bundle::Bundle(std::move(b)));
}

/// Loads `path` and checks it belongs to `b`.
absl::StatusOr<Checkpoint> loadCheckpointFor(const std::string &path, const bundle::Bundle &b) {
  DLC_RT_ASSIGN_OR_RETURN(Checkpoint c, loadCheckpoint(path));
  const bundle::Manifest &m = b.manifest();
  if (c.meta.manifestHash != m.contentHash())
    return absl::FailedPreconditionError(absl::StrCat(
        path, ": checkpoint of another model or bundle (task '", c.meta.task, "', target ",
        c.meta.target, ", manifest hash ", hashHex(c.meta.manifestHash), "); ", b.path(),
        " is task '", m.task(), "', target ", m.target, ", manifest hash ",
        hashHex(m.contentHash())));
  if (c.state.size() != m.regionBytes[size_t(bundle::Region::State)])
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": the checkpoint's state has ", c.state.size(),
                     " bytes, the bundle's state region ",
                     m.regionBytes[size_t(bundle::Region::State)]));
  return c;
}

std::string fmt4(double v) { return absl::StrFormat("%.4f", v); }

nlohmann::ordered_json orNull(const std::optional<double> &v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

} // namespace

absl::StatusOr<TrainResult> train(const TrainOptions &opts) {
  std::ostream &out = *opts.out;
  DLC_RT_ASSIGN_OR_RETURN(std::shared_ptr<const bundle::Bundle> b, loadBundle(opts.source));
  const bundle::Manifest &m = b->manifest();
  const int64_t B = m.batchSize;
  if (opts.batchSize && *opts.batchSize != B)
    return absl::InvalidArgumentError(
        absl::StrCat("--batch-size ", *opts.batchSize, ": ", b->path(),
                     " was compiled for batch size ", B, " (recompile with --batch-size ",
                     *opts.batchSize, ")"));
  DLC_RT_RETURN_IF_ERROR(m.requireFunction("train_step").status());

  // Seed, state and position.
  std::optional<Checkpoint> ckpt;
  if (!opts.resumePath.empty()) {
    DLC_RT_ASSIGN_OR_RETURN(ckpt, loadCheckpointFor(opts.resumePath, *b));
    if (ckpt->meta.batchSize != B)
      return absl::FailedPreconditionError(absl::StrCat(opts.resumePath, ": saved at batch size ",
                                                        ckpt->meta.batchSize, ", the bundle's is ",
                                                        B));
    if (opts.seed && *opts.seed != ckpt->meta.seed)
      return absl::InvalidArgumentError(absl::StrCat("--seed ", *opts.seed, " differs from ",
                                                     opts.resumePath, "'s seed ",
                                                     ckpt->meta.seed,
                                                     " (a resumed run keeps its seed)"));
  }
  // The number of epochs, and whether a resumed run has any left: both
  // known before the session opens or any data is read.
  int64_t epochs = 1;
  if (opts.epochs) {
    epochs = *opts.epochs;
  } else if (m.training.contains("epochs") && m.training["epochs"].is_number_integer()) {
    epochs = m.training["epochs"].get<int64_t>();
  }
  const std::string epochsSource =
      opts.epochs ? absl::StrCat("--epochs ", epochs) : absl::StrCat("the model's ", epochs,
                                                                     " epochs");
  if (epochs < 1)
    return absl::InvalidArgumentError(
        absl::StrCat(epochsSource, ": nothing to train (give --epochs N, N >= 1)"));
  if (ckpt && ckpt->meta.epoch >= epochs)
    return absl::InvalidArgumentError(absl::StrCat(
        opts.resumePath, " has already trained ", ckpt->meta.epoch, " epoch",
        ckpt->meta.epoch == 1 ? "" : "s", ", so ", epochsSource,
        " leaves nothing to train (epochs count from the run's start, as Keras' "
        "initial_epoch does): give --epochs ",
        ckpt->meta.epoch + 1, " or more to continue"));
  const uint64_t seed = ckpt ? ckpt->meta.seed : opts.seed.value_or(m.seed);
  DLC_RT_ASSIGN_OR_RETURN(std::unique_ptr<Session> session,
                          Session::open(b, seed, ckpt ? &ckpt->state : nullptr));
  if (ckpt && session->hasIterations()) {
    DLC_RT_ASSIGN_OR_RETURN(int64_t counter, session->iterations());
    if (counter != ckpt->meta.iterations)
      return absl::DataLossError(absl::StrCat(opts.resumePath,
                                              ": the state's iteration counter (", counter,
                                              ") differs from the metadata's (",
                                              ckpt->meta.iterations, ")"));
  }

  // Data.
  std::optional<TaskData> task;
  std::optional<std::pair<data::Dataset, data::Dataset>> split;
  const data::Dataset *trainSet = opts.trainData, *valSet = opts.validationData;
  DLC_RT_ASSIGN_OR_RETURN(ModelShape modelIo, modelShape(m));
  if (!trainSet) {
    // The model against the data's shape before the data is loaded (a
    // mismatch would otherwise surface at the first step).
    DLC_RT_ASSIGN_OR_RETURN(DataShape expected, taskDataShape(m.training, opts.dataDir));
    DLC_RT_RETURN_IF_ERROR(checkDataFits(modelIo, expected));
    DLC_RT_ASSIGN_OR_RETURN(task, loadTaskData(m, opts.dataDir));
    trainSet = &task->train;
    DLC_RT_ASSIGN_OR_RETURN(ValidationPlan plan, validationPlan(m.training));
    if (plan.useTest && task->test) {
      valSet = &*task->test;
    } else if (plan.split > 0) {
      DLC_RT_ASSIGN_OR_RETURN(split, data::splitValidation(task->train, plan.split));
      trainSet = &split->first;
      valSet = &split->second;
    }
  }
  // --validation-samples: a quick run evaluates on a prefix of the validation set.
  std::optional<data::Dataset> valPrefix;
  if (opts.validationSamples && valSet) {
    if (*opts.validationSamples < 1)
      return absl::InvalidArgumentError("--validation-samples must be at least 1");
    DLC_RT_ASSIGN_OR_RETURN(
        valPrefix, data::sliceDataset(*valSet, 0,
                                      std::min(*opts.validationSamples, valSet->numSamples)));
    valSet = &*valPrefix;
  }
  DLC_RT_RETURN_IF_ERROR(checkDataFits(modelIo, datasetShape(*trainSet, m.training)));
  DLC_RT_ASSIGN_OR_RETURN(std::optional<data::ShiftFlipConfig> augmentation,
                          augmentationConfig(m.training));
  const int64_t n = trainSet->numSamples;
  const int64_t fullBatches = n / B;
  if (fullBatches < 1)
    return absl::InvalidArgumentError(absl::StrCat("the training set ", trainSet->name, " (", n,
                                                   " samples) does not fill one batch of ", B));
  int64_t steps = fullBatches;
  if (opts.stepsPerEpoch) {
    if (*opts.stepsPerEpoch < 1)
      return absl::InvalidArgumentError("--steps-per-epoch must be at least 1");
    steps = std::min(steps, *opts.stepsPerEpoch);
  }
  DLC_RT_ASSIGN_OR_RETURN(data::Batcher batcher, data::Batcher::create(*trainSet, B));

  std::ofstream log;
  if (!opts.logPath.empty()) {
    log.open(opts.logPath, ckpt ? std::ios::app : std::ios::trunc);
    if (!log) return absl::PermissionDeniedError(absl::StrCat(opts.logPath, ": cannot open the log"));
  }
  const bool terminal = opts.terminal.value_or(isTerminal(out));
  const std::string taskName = m.task();

  auto save = [&](int64_t epoch, int64_t batch, double lossSum, int64_t correct, int64_t samples,
                  double seconds) -> absl::Status {
    if (opts.savePath.empty()) return absl::OkStatus();
    Checkpoint c;
    c.meta.manifestHash = m.contentHash();
    c.meta.task = taskName;
    c.meta.target = m.target;
    c.meta.bundle = b->path();
    c.meta.seed = seed;
    DLC_RT_ASSIGN_OR_RETURN(c.meta.iterations, session->iterations());
    c.meta.epoch = epoch;
    c.meta.batch = batch;
    c.meta.batchSize = B;
    c.meta.epochLossSum = lossSum;
    c.meta.epochCorrect = correct;
    c.meta.epochSamples = samples;
    c.meta.epochSeconds = seconds;
    DLC_RT_ASSIGN_OR_RETURN(c.state, session->state());
    return saveCheckpoint(opts.savePath, c);
  };

  TrainResult result;
  int64_t stepsThisRun = 0;
  const int64_t startEpoch = ckpt ? ckpt->meta.epoch : 0;
  data::Batch batch;
  for (int64_t e = startEpoch; e < epochs; ++e) {
    const bool resumedEpoch = ckpt && e == startEpoch;
    const int64_t firstBatch = resumedEpoch ? ckpt->meta.batch : 0;
    double lossSum = resumedEpoch ? ckpt->meta.epochLossSum : 0;
    int64_t correct = resumedEpoch ? ckpt->meta.epochCorrect : 0;
    int64_t samples = resumedEpoch ? ckpt->meta.epochSamples : 0;
    double seconds = resumedEpoch ? ckpt->meta.epochSeconds : 0;
    bool haveAcc = true;
    std::vector<int64_t> order;
    if (opts.shuffle) {
      order = data::shuffledOrder(n, seed, uint32_t(e));
    } else {
      order.resize(size_t(n));
      for (int64_t i = 0; i < n; ++i) order[size_t(i)] = i;
    }
    out << "Epoch " << e + 1 << "/" << epochs << "\n" << std::flush;
    ProgressBar bar(out, terminal, steps);
    const Clock::time_point t0 = Clock::now();
    for (int64_t bi = firstBatch; bi < steps; ++bi) {
      if (opts.stopAfterSteps && stepsThisRun >= *opts.stopAfterSteps) {
        seconds += since(t0);
        DLC_RT_RETURN_IF_ERROR(save(e, bi, lossSum, correct, samples, seconds));
        bar.finish(absl::StrCat("stopped after ", stepsThisRun, " steps",
                                opts.savePath.empty() ? "" : absl::StrCat(" (saved ", opts.savePath, ")")));
        DLC_RT_ASSIGN_OR_RETURN(result.iterations, session->iterations());
        return result;
      }
      DLC_RT_RETURN_IF_ERROR(batcher.fill(order, bi, batch));
      if (augmentation && opts.augment)
        DLC_RT_RETURN_IF_ERROR(data::augmentBatch(*augmentation, seed, uint32_t(e), batch));
      DLC_RT_ASSIGN_OR_RETURN(StepOutputs o, session->trainStep(batch));
      if (!std::isfinite(o.loss)) {
        DLC_RT_ASSIGN_OR_RETURN(int64_t step, session->iterations());
        *opts.err << "warning: step " << step << " has a non-finite loss\n";
      }
      result.stepLosses.push_back(o.loss);
      ++stepsThisRun;
      lossSum += o.loss * double(batch.size);
      samples += batch.size;
      if (o.correct < 0) haveAcc = false;
      else correct += o.correct;
      bar.update(bi + 1, seconds + since(t0), lossSum / double(samples),
                 double(correct) / double(samples));
    }
    seconds += since(t0);

    EpochStats st;
    st.epoch = e + 1;
    st.steps = steps;
    st.samples = samples;
    st.seconds = seconds;
    st.samplesPerSecond = seconds > 0 ? double(samples) / seconds : 0;
    st.loss = samples ? lossSum / double(samples) : 0;
    st.acc = samples ? double(correct) / double(samples) : 0;
    if (valSet) {
      const Clock::time_point t1 = Clock::now();
      DLC_RT_ASSIGN_OR_RETURN(EvalResult v, session->evaluate(*valSet));
      st.evalSeconds = since(t1);
      st.valLoss = v.loss;
      st.valAcc = v.acc;
    }
    std::string line = absl::StrFormat(
        "%d/%d [%s] - %s - %.0f samples/s - loss: %s", steps, steps, std::string(30, '='),
        formatDuration(seconds), st.samplesPerSecond, fmt4(st.loss));
    if (haveAcc) absl::StrAppend(&line, " - acc: ", fmt4(st.acc));
    if (st.valLoss)
      absl::StrAppend(&line, " - val_loss: ", fmt4(*st.valLoss), " - val_acc: ", fmt4(*st.valAcc));
    bar.finish(line);
    if (log.is_open()) {
      DLC_RT_ASSIGN_OR_RETURN(int64_t iterations, session->iterations());
      nlohmann::ordered_json rec = {{"task", taskName},
                  {"target", m.target},
                  {"epoch", st.epoch},
                  {"epochs", epochs},
                  {"seconds", st.seconds},
                  {"samples_per_s", st.samplesPerSecond},
                  {"samples", st.samples},
                  {"steps", st.steps},
                  {"batch_size", B},
                  {"loss", st.loss},
                  {"acc", haveAcc ? nlohmann::ordered_json(st.acc) : nlohmann::ordered_json(nullptr)},
                  {"val_loss", orNull(st.valLoss)},
                  {"val_acc", orNull(st.valAcc)},
                  {"eval_seconds", st.evalSeconds},
                  {"iterations", iterations},
                  {"seed", seed}};
      log << rec.dump() << "\n" << std::flush;
      if (!log) return absl::DataLossError(absl::StrCat(opts.logPath, ": write failed"));
    }
    result.epochs.push_back(st);
    DLC_RT_RETURN_IF_ERROR(save(e + 1, 0, 0, 0, 0, 0));
  }
  DLC_RT_ASSIGN_OR_RETURN(result.iterations, session->iterations());
  return result;
}

int runTrain(const TrainOptions &options) {
  absl::StatusOr<TrainResult> r = train(options);
  if (!r.ok()) {
    *options.err << "error: " << r.status().message() << "\n";
    return 1;
  }
  return 0;
}

//===-- eval ----------------------------------------------------------------===//

namespace {

/// The session for eval/predict: the checkpoint's state, else the initial
/// state for the seed.
absl::StatusOr<std::unique_ptr<Session>> openForInference(const BundleSource &source,
                                                          const std::string &checkpointPath,
                                                          std::optional<uint64_t> seed) {
  DLC_RT_ASSIGN_OR_RETURN(std::shared_ptr<const bundle::Bundle> b, loadBundle(source));
  if (checkpointPath.empty()) return Session::open(b, seed.value_or(b->manifest().seed));
  DLC_RT_ASSIGN_OR_RETURN(Checkpoint c, loadCheckpointFor(checkpointPath, *b));
  return Session::open(b, c.meta.seed, &c.state);
}

} // namespace

absl::StatusOr<EvalSummary> evaluateModel(const EvalOptions &opts) {
  DLC_RT_ASSIGN_OR_RETURN(std::unique_ptr<Session> session,
                          openForInference(opts.source, opts.checkpointPath, opts.seed));
  const bundle::Manifest &m = session->manifest();
  std::optional<TaskData> task;
  std::optional<std::pair<data::Dataset, data::Dataset>> split;
  const data::Dataset *ds = opts.data;
  if (!ds) {
    // The test set is scored: its files are the only ones read.
    data::Splits testOnly;
    testOnly.train = false;
    DLC_RT_ASSIGN_OR_RETURN(ModelShape modelIo, modelShape(m));
    DLC_RT_ASSIGN_OR_RETURN(DataShape expected, taskDataShape(m.training, opts.dataDir, testOnly));
    DLC_RT_RETURN_IF_ERROR(checkDataFits(modelIo, expected));
    DLC_RT_ASSIGN_OR_RETURN(task, loadTaskData(m, opts.dataDir, testOnly));
    if (task->test) {
      ds = &*task->test;
    } else {
      DLC_RT_ASSIGN_OR_RETURN(ValidationPlan plan, validationPlan(m.training));
      if (plan.split <= 0)
        return absl::FailedPreconditionError(
            "the task has no test set and no validation split to evaluate on");
      DLC_RT_ASSIGN_OR_RETURN(split, data::splitValidation(task->train, plan.split));
      ds = &split->second;
    }
  }
  const Clock::time_point t0 = Clock::now();
  DLC_RT_ASSIGN_OR_RETURN(EvalResult r, session->evaluate(*ds));
  EvalSummary s{r.loss, r.acc, r.samples, since(t0)};
  *opts.out << absl::StrFormat("%s: %d samples - %s - loss: %.4f - acc: %.4f\n", ds->name,
                               s.samples, formatDuration(s.seconds), s.loss, s.acc)
            << std::flush;
  return s;
}

int runEval(const EvalOptions &options) {
  absl::StatusOr<EvalSummary> r = evaluateModel(options);
  if (!r.ok()) {
    *options.err << "error: " << r.status().message() << "\n";
    return 1;
  }
  return 0;
}

//===-- predict -------------------------------------------------------------===//

namespace {

absl::StatusOr<NpyArray> readInputFile(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  char head[4] = {0, 0, 0, 0};
  f.read(head, 4);
  if (head[0] == '\x93') return readNpy(path);
  if (head[0] == 0 && head[1] == 0 && head[2] == 8 && head[3] > 0) {
    DLC_RT_ASSIGN_OR_RETURN(data::IdxArray idx, data::readIdxUbyte(path, head[3]));
    NpyArray a;
    a.shape = idx.dims;
    a.integer = a.uint8 = true;
    a.values.assign(idx.data.begin(), idx.data.end());
    return a;
  }
  if (uint8_t(head[0]) == 0x1f && uint8_t(head[1]) == 0x8b) {
    // gzipped IDX: readIdxUbyte detects gzip itself; the rank is read from it
    for (int rank = 1; rank <= 4; ++rank) {
      absl::StatusOr<data::IdxArray> idx = data::readIdxUbyte(path, rank);
      if (!idx.ok()) continue;
      NpyArray a;
      a.shape = idx->dims;
      a.integer = a.uint8 = true;
      a.values.assign(idx->data.begin(), idx->data.end());
      return a;
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat(path, ": not a .npy or IDX (unsigned byte) file"));
}

} // namespace

absl::StatusOr<std::vector<std::vector<float>>> predictFiles(const PredictOptions &opts) {
  DLC_RT_ASSIGN_OR_RETURN(std::unique_ptr<Session> session,
                          openForInference(opts.source, opts.checkpointPath, opts.seed));
  const bundle::Manifest &m = session->manifest();
  DLC_RT_ASSIGN_OR_RETURN(const bundle::Function *f, m.requireFunction("predict"));
  std::vector<int> inputs;
  int probs = -1;
  for (int idx : f->inputs)
    if (m.tensors[size_t(idx)].role == bundle::Role::Input) inputs.push_back(idx);
  for (int idx : f->outputs)
    if (probs < 0 && m.tensors[size_t(idx)].role == bundle::Role::Output) probs = idx;
  if (probs < 0 || m.tensors[size_t(probs)].shape.size() != 2)
    return absl::InvalidArgumentError("predict: no [batch, classes] output tensor");
  if (opts.inputPaths.size() != inputs.size())
    return absl::InvalidArgumentError(absl::StrCat("the model takes ", inputs.size(),
                                                   " inputs; give one file per input (got ",
                                                   opts.inputPaths.size(), ")"));
  DLC_RT_ASSIGN_OR_RETURN(double rescale, rescaleFactor(m.training));
  data::Dataset ds;
  ds.name = "predict";
  ds.numClasses = m.tensors[size_t(probs)].shape[1];
  const int64_t B = m.batchSize;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const bundle::TensorDesc &t = m.tensors[size_t(inputs[k])];
    DLC_RT_ASSIGN_OR_RETURN(NpyArray a, readInputFile(opts.inputPaths[k]));
    const int64_t per = t.numElements() / B;
    const int64_t total = int64_t(a.values.size());
    if (per <= 0 || total % per != 0 || total == 0)
      return absl::InvalidArgumentError(absl::StrCat(
          opts.inputPaths[k], ": ", total, " values are not a whole number of samples of ", per,
          " (the model's input '", t.name, "')"));
    const int64_t count = total / per;
    if (k == 0) ds.numSamples = count;
    else if (count != ds.numSamples)
      return absl::InvalidArgumentError(absl::StrCat(opts.inputPaths[k], ": ", count,
                                                     " samples, the first input has ",
                                                     ds.numSamples));
    data::InputTensor in;
    in.name = t.name;
    in.sampleShape.assign(t.shape.begin() + 1, t.shape.end());
    if (bundle::isFloat(t.dtype)) {
      in.type = data::ElementType::kFloat32;
      in.f32.resize(a.values.size());
      for (size_t i = 0; i < a.values.size(); ++i)
        in.f32[i] = a.uint8 ? float(a.values[i] * rescale) : float(a.values[i]);
    } else {
      in.type = data::ElementType::kInt32;
      in.i32.resize(a.values.size());
      for (size_t i = 0; i < a.values.size(); ++i) in.i32[i] = int32_t(a.values[i]);
    }
    ds.inputs.push_back(std::move(in));
  }
  std::vector<int32_t> classes(size_t(ds.numSamples), 0);
  DLC_RT_RETURN_IF_ERROR(data::setOneHotLabels(ds, classes, ds.numClasses));
  return session->predict(ds);
}

int runPredict(const PredictOptions &opts) {
  absl::StatusOr<std::vector<std::vector<float>>> r = predictFiles(opts);
  if (!r.ok()) {
    *opts.err << "error: " << r.status().message() << "\n";
    return 1;
  }
  if (opts.format != "jsonl" && opts.format != "csv") {
    *opts.err << "error: unknown output format '" << opts.format << "' (jsonl, csv)\n";
    return 1;
  }
  std::ofstream file;
  std::ostream *os = opts.out;
  if (!opts.outputPath.empty()) {
    file.open(opts.outputPath, std::ios::trunc);
    if (!file) {
      *opts.err << "error: " << opts.outputPath << ": cannot open for writing\n";
      return 1;
    }
    os = &file;
  }
  if (opts.format == "csv" && !r->empty()) {
    *os << "sample,class";
    for (size_t j = 0; j < (*r)[0].size(); ++j) *os << ",p" << j;
    *os << "\n";
  }
  for (size_t i = 0; i < r->size(); ++i) {
    const std::vector<float> &p = (*r)[i];
    const size_t cls = size_t(std::max_element(p.begin(), p.end()) - p.begin());
    if (opts.format == "jsonl") {
      *os << json{{"sample", i}, {"class", cls}, {"probs", p}}.dump() << "\n";
    } else {
      *os << i << "," << cls;
      for (float v : p) *os << "," << absl::StrFormat("%.9g", v);
      *os << "\n";
    }
  }
  os->flush();
  if (!*os) {
    *opts.err << "error: writing the predictions failed\n";
    return 1;
  }
  return 0;
}

} // namespace dlc::rt::train
