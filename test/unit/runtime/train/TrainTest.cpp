// The training loop on a tiny hand-written bundle (dropout keyed by the
// iteration counter + dense + softmax + cross-entropy + Adam): checkpoint
// resume is bit-identical to an uninterrupted run, the log and the progress
// output, evaluation of a short last batch, predict from files, refusals.
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "runtime/train/Checkpoint.h"
#include "runtime/train/Progress.h"
#include "runtime/train/Session.h"
#include "runtime/train/TaskData.h"
#include "runtime/train/Train.h"
#include "test/unit/runtime/TestManifest.h"

namespace dlc::rt::train {
namespace {

using nlohmann::json;
using testing::ManifestBuilder;

constexpr int64_t kFeatures = 4, kClasses = 3, kBatch = 4;

json tinyModel(double lr = 0.01, uint64_t seed = 7) {
  ManifestBuilder mb;
  const int x = mb.tensor("x", "f32", {kBatch, kFeatures}, "io", "input");
  const int t = mb.tensor("labels", "f32", {kBatch, kClasses}, "io", "label");
  const int loss = mb.tensor("loss", "f32", {}, "io", "loss");
  const int correct = mb.tensor("correct", "i64", {}, "io", "correct");
  const int probsOut = mb.tensor("probs", "f32", {kBatch, kClasses}, "io", "output");
  const int w = mb.tensor("dense/kernel", "f32", {kFeatures, kClasses}, "state", "param",
                          {{"kind", "variance_scaling"}, {"scale", 1.0}, {"mode", "fan_avg"},
                           {"distribution", "uniform"}});
  const int b = mb.tensor("dense/bias", "f32", {kClasses}, "state", "param", {{"kind", "zeros"}});
  const int wm = mb.tensor("dense/kernel/m", "f32", {kFeatures, kClasses}, "state", "slot");
  const int wv = mb.tensor("dense/kernel/v", "f32", {kFeatures, kClasses}, "state", "slot");
  const int bm = mb.tensor("dense/bias/m", "f32", {kClasses}, "state", "slot");
  const int bv = mb.tensor("dense/bias/v", "f32", {kClasses}, "state", "slot");
  const int it = mb.tensor("iterations", "i64", {}, "state", "iterations");
  const int xd = mb.tensor("xd", "f32", {kBatch, kFeatures}, "arena", "temp");
  const int z = mb.tensor("z", "f32", {kBatch, kClasses}, "arena", "temp");
  const int p = mb.tensor("p", "f32", {kBatch, kClasses}, "arena", "temp");
  const int dp = mb.tensor("dp", "f32", {kBatch, kClasses}, "arena", "temp");
  const int dz = mb.tensor("dz", "f32", {kBatch, kClasses}, "arena", "temp");
  const int dw = mb.tensor("dw", "f32", {kFeatures, kClasses}, "arena", "temp");
  const int db = mb.tensor("db", "f32", {kClasses}, "arena", "temp");
  const json adam = {{"lr", lr}, {"beta_1", 0.9}, {"beta_2", 0.999}, {"epsilon", 1e-8}};
  mb.step("train_step", "dlc.dropout", {x, it}, {xd}, {{"rate", 0.25}, {"seed", 1}});
  mb.step("train_step", "dlc.dense", {xd, w, b}, {z});
  mb.step("train_step", "dlc.softmax", {z}, {p});
  mb.step("train_step", "dlc.categorical_crossentropy", {p, t}, {loss});
  mb.step("train_step", "dlc.accuracy", {p, t}, {correct});
  mb.step("train_step", "dlc.categorical_crossentropy_grad", {p, t}, {dp});
  mb.step("train_step", "dlc.softmax_grad", {p, dp}, {dz});
  mb.step("train_step", "dlc.dense_grad_kernel", {xd, w, dz}, {dw});
  mb.step("train_step", "dlc.reduce_sum", {dz}, {db}, {{"axes", {0}}});
  mb.step("train_step", "dlc.adam_update", {w, dw, wm, wv, it}, {w, wm, wv}, adam);
  mb.step("train_step", "dlc.adam_update", {b, db, bm, bv, it}, {b, bm, bv}, adam);
  mb.step("train_step", "dlc.increment", {it}, {it});
  mb.io("train_step", {x, t}, {loss, correct});
  for (const char *fn : {"eval_step", "predict"}) {
    mb.step(fn, "dlc.dense", {x, w, b}, {z});
    mb.step(fn, "dlc.softmax", {z}, {probsOut});
  }
  mb.step("eval_step", "dlc.categorical_crossentropy", {probsOut, t}, {loss});
  mb.step("eval_step", "dlc.accuracy", {probsOut, t}, {correct});
  mb.io("eval_step", {x, t}, {loss, correct, probsOut});
  mb.io("predict", {x}, {probsOut});
  return mb.build(kBatch, seed, "cpu-ref", {{"task", "tiny"}, {"epochs", 2}});
}

/// n samples in 3 separable-ish classes.
data::Dataset tinyData(int64_t n, const std::string &name = "tiny/train") {
  data::Dataset ds;
  ds.name = name;
  ds.numSamples = n;
  data::InputTensor in;
  in.name = "x";
  in.sampleShape = {kFeatures};
  std::vector<int32_t> classes;
  uint32_t state = 12345;
  for (int64_t i = 0; i < n; ++i) {
    const int c = int(i % kClasses);
    classes.push_back(c);
    for (int64_t f = 0; f < kFeatures; ++f) {
      state = state * 1664525u + 1013904223u;
      const float noise = float(state >> 8) / 16777216.0f - 0.5f;
      in.f32.push_back((f == c ? 1.5f : 0.0f) + noise);
    }
  }
  ds.inputs.push_back(std::move(in));
  EXPECT_TRUE(data::setOneHotLabels(ds, classes, kClasses).ok());
  return ds;
}

std::string tempPath(const std::string &name) { return ::testing::TempDir() + "/" + name; }

struct TrainRun {
  std::ostringstream out, err;
  TrainOptions opts;
  TrainRun(std::shared_ptr<const bundle::Bundle> b, const data::Dataset &train,
      const data::Dataset *val) {
    opts.source.bundle = std::move(b);
    opts.trainData = &train;
    opts.validationData = val;
    opts.out = &out;
    opts.err = &err;
    opts.terminal = false;
  }
  TrainResult go() {
    auto r = train(opts);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : TrainResult{};
  }
};

class TrainTest : public ::testing::Test {
protected:
  std::shared_ptr<const bundle::Bundle> bundle_ = testing::loadBundle(tinyModel(), "tiny.dlcb");
  data::Dataset train_ = tinyData(40);
  data::Dataset val_ = tinyData(10, "tiny/test");
};

TEST_F(TrainTest, TrainsAndReportsPerEpoch) {
  TrainRun a(bundle_, train_, &val_);
  a.opts.epochs = 3;
  TrainResult r = a.go();
  ASSERT_EQ(r.epochs.size(), 3u);
  EXPECT_EQ(r.stepLosses.size(), 30u); // 40 samples / batch 4
  EXPECT_EQ(r.iterations, 30);
  EXPECT_LT(r.epochs[2].loss, r.epochs[0].loss);
  for (const EpochStats &e : r.epochs) {
    EXPECT_EQ(e.samples, 40);
    EXPECT_GT(e.seconds, 0);
    EXPECT_GT(e.samplesPerSecond, 0);
    ASSERT_TRUE(e.valLoss && e.valAcc);
    EXPECT_GE(*e.valAcc, 0);
    EXPECT_LE(*e.valAcc, 1);
  }
  const std::string out = a.out.str();
  EXPECT_NE(out.find("Epoch 1/3\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Epoch 3/3\n"), std::string::npos);
  EXPECT_NE(out.find("10/10 [==============================] - "), std::string::npos) << out;
  EXPECT_NE(out.find(" samples/s - loss: "), std::string::npos);
  EXPECT_NE(out.find(" - val_loss: "), std::string::npos);
  EXPECT_NE(out.find(" - val_acc: "), std::string::npos);
  EXPECT_EQ(out.find('\r'), std::string::npos) << "plain lines when not a terminal";
  EXPECT_NE(out.find(" 1/10 ["), std::string::npos) << "a plain progress line per tenth";
}

TEST_F(TrainTest, TerminalProgressRedrawsOneLine) {
  TrainRun a(bundle_, train_, nullptr);
  a.opts.epochs = 1;
  a.opts.terminal = true;
  a.go();
  const std::string out = a.out.str();
  EXPECT_NE(out.find("\r 5/10 [==============>...............] - ETA: "), std::string::npos)
      << out;
  EXPECT_EQ(out.find("val_loss"), std::string::npos);
}

TEST_F(TrainTest, ResumeMidEpochIsBitIdentical) {
  TrainRun a(bundle_, train_, &val_);
  a.opts.epochs = 3;
  const TrainResult full = a.go();

  const std::string ckpt = tempPath("mid.ckpt");
  TrainRun b(bundle_, train_, &val_);
  b.opts.epochs = 3;
  b.opts.stopAfterSteps = 13; // epoch 2 (0-based 1), batch 3
  b.opts.savePath = ckpt;
  const TrainResult first = b.go();
  ASSERT_EQ(first.stepLosses.size(), 13u);
  EXPECT_NE(b.out.str().find("stopped after 13 steps"), std::string::npos);
  auto saved = loadCheckpoint(ckpt);
  ASSERT_TRUE(saved.ok()) << saved.status();
  EXPECT_EQ(saved->meta.epoch, 1);
  EXPECT_EQ(saved->meta.batch, 3);
  EXPECT_EQ(saved->meta.iterations, 13);
  EXPECT_EQ(saved->meta.seed, 7u);

  // A fresh process: a new bundle object and session.
  TrainRun c(testing::loadBundle(tinyModel(), "tiny.dlcb"), train_, &val_);
  c.opts.epochs = 3;
  c.opts.resumePath = ckpt;
  const TrainResult rest = c.go();
  ASSERT_EQ(rest.stepLosses.size(), 17u);
  for (size_t i = 0; i < rest.stepLosses.size(); ++i)
    EXPECT_EQ(rest.stepLosses[i], full.stepLosses[13 + i]) << "step " << 13 + i;
  ASSERT_EQ(rest.epochs.size(), 2u);
  for (size_t e = 0; e < 2; ++e) {
    EXPECT_EQ(rest.epochs[e].epoch, full.epochs[1 + e].epoch);
    EXPECT_EQ(rest.epochs[e].loss, full.epochs[1 + e].loss);
    EXPECT_EQ(rest.epochs[e].acc, full.epochs[1 + e].acc);
    EXPECT_EQ(*rest.epochs[e].valLoss, *full.epochs[1 + e].valLoss);
  }
  EXPECT_EQ(rest.iterations, full.iterations);
  std::remove(ckpt.c_str());
}

TEST_F(TrainTest, ResumeAtAnEpochBoundaryIsBitIdentical) {
  TrainRun a(bundle_, train_, nullptr);
  a.opts.epochs = 2;
  const TrainResult full = a.go();
  const std::string ckpt = tempPath("epoch.ckpt");
  TrainRun b(bundle_, train_, nullptr);
  b.opts.epochs = 1;
  b.opts.savePath = ckpt;
  b.go();
  TrainRun c(bundle_, train_, nullptr);
  c.opts.epochs = 2;
  c.opts.resumePath = ckpt;
  const TrainResult rest = c.go();
  ASSERT_EQ(rest.stepLosses.size(), 10u);
  EXPECT_EQ(rest.stepLosses[0], full.stepLosses[10]); // the next step's loss, bit for bit
  for (size_t i = 0; i < 10; ++i) EXPECT_EQ(rest.stepLosses[i], full.stepLosses[10 + i]);
  std::remove(ckpt.c_str());
}

// Issue 14: resuming a finished run, or --epochs 0, trained nothing and
// exited 0 without a word.
TEST_F(TrainTest, RefusesToResumeAFinishedRunAndZeroEpochs) {
  const std::string ckpt = tempPath("finished.ckpt");
  TrainRun a(bundle_, train_, nullptr);
  a.opts.epochs = 1;
  a.opts.savePath = ckpt;
  a.go();
  TrainRun b(bundle_, train_, nullptr);
  b.opts.epochs = 1;
  b.opts.resumePath = ckpt;
  auto r = train(b.opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            ckpt + " has already trained 1 epoch, so --epochs 1 leaves nothing to train (epochs "
                   "count from the run's start, as Keras' initial_epoch does): give --epochs 2 "
                   "or more to continue");
  EXPECT_EQ(b.out.str(), "");
  TrainRun c(bundle_, train_, nullptr);
  c.opts.epochs = 0;
  EXPECT_EQ(train(c.opts).status().message(),
            "--epochs 0: nothing to train (give --epochs N, N >= 1)");
  std::remove(ckpt.c_str());
}

// A crash in the middle of a save (here: the process ends after the first
// 1 MiB chunk of the temporary file) leaves the previous checkpoint whole and
// loadable; the next successful save leaves no temporary file behind.
TEST(CheckpointFile, ACrashMidSaveKeepsThePreviousCheckpoint) {
  const std::string path = tempPath("crash.ckpt");
  std::remove(path.c_str());
  std::remove((path + ".tmp").c_str());
  Checkpoint first;
  first.meta.task = "tiny";
  first.meta.epoch = 1;
  first.state.assign(3u << 20, '\x11');
  ASSERT_TRUE(saveCheckpoint(path, first).ok());
  Checkpoint second = first;
  second.meta.epoch = 2;
  second.state.assign(3u << 20, '\x22');
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    test_hooks::afterCheckpointChunk = [](const std::string &, uint64_t) { _exit(42); };
    (void)saveCheckpoint(path, second);
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 42) << "the save was not interrupted";
  // The crash left a partial temporary file and the old checkpoint intact.
  std::ifstream tmp(path + ".tmp", std::ios::binary | std::ios::ate);
  ASSERT_TRUE(tmp.good());
  EXPECT_EQ(tmp.tellg(), std::streamoff(1) << 20);
  auto loaded = loadCheckpoint(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->meta.epoch, 1);
  EXPECT_EQ(loaded->state, first.state);
  // The next save replaces both.
  ASSERT_TRUE(saveCheckpoint(path, second).ok());
  EXPECT_FALSE(std::ifstream(path + ".tmp").good()) << "a stray temporary file";
  loaded = loadCheckpoint(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->meta.epoch, 2);
  EXPECT_EQ(loaded->state, second.state);
  std::remove(path.c_str());
}

TEST(CheckpointFile, SaveErrorsGiveTheReason) {
  const std::string file = tempPath("not-a-folder");
  std::ofstream(file) << "x";
  Checkpoint c;
  absl::Status s = saveCheckpoint(file + "/x.ckpt", c);
  EXPECT_EQ(s.message(), file + "/x.ckpt.tmp: cannot create the checkpoint: Not a directory");
  std::remove(file.c_str());
}

TEST_F(TrainTest, RefusesACheckpointOfAnotherBundle) {
  const std::string ckpt = tempPath("other.ckpt");
  TrainRun b(bundle_, train_, nullptr);
  b.opts.epochs = 1;
  b.opts.savePath = ckpt;
  b.go();
  TrainRun c(testing::loadBundle(tinyModel(/*lr=*/0.5), "other.dlcb"), train_, nullptr);
  c.opts.resumePath = ckpt;
  auto r = train(c.opts);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("checkpoint of another model or bundle"), std::string::npos)
      << r.status();
  // Same computation compiled with another seed and producer: accepted.
  TrainRun d(testing::loadBundle(tinyModel(0.01, /*seed=*/99), "reseeded.dlcb"), train_, nullptr);
  d.opts.resumePath = ckpt;
  d.opts.epochs = 2;
  EXPECT_TRUE(train(d.opts).ok());
  // A --seed that contradicts the checkpoint's.
  TrainRun e(bundle_, train_, nullptr);
  e.opts.resumePath = ckpt;
  e.opts.seed = 8;
  EXPECT_NE(train(e.opts).status().message().find("a resumed run keeps its seed"),
            std::string::npos);
  std::remove(ckpt.c_str());
}

TEST_F(TrainTest, RefusesDamagedCheckpoints) {
  const std::string ckpt = tempPath("damaged.ckpt");
  TrainRun b(bundle_, train_, nullptr);
  b.opts.epochs = 1;
  b.opts.savePath = ckpt;
  b.go();
  std::string bytes;
  {
    std::ifstream f(ckpt, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(f), {});
  }
  auto writeAndLoad = [&](const std::string &content) {
    std::ofstream(ckpt, std::ios::binary | std::ios::trunc) << content;
    return loadCheckpoint(ckpt).status();
  };
  std::string flipped = bytes;
  flipped[flipped.size() - 10] ^= 1;
  EXPECT_NE(writeAndLoad(flipped).message().find("corrupt checkpoint"), std::string::npos);
  EXPECT_NE(writeAndLoad(bytes.substr(0, bytes.size() - 3)).message().find("truncated or extended"),
            std::string::npos);
  EXPECT_NE(writeAndLoad("not a checkpoint at all, really").message().find("not a dlc checkpoint"),
            std::string::npos);
  std::string version = bytes;
  version[8] = 2;
  EXPECT_NE(writeAndLoad(version).message().find("checkpoint format 2, this runtime reads 1"),
            std::string::npos);
  EXPECT_TRUE(writeAndLoad(bytes).ok());
  std::remove(ckpt.c_str());
}

TEST_F(TrainTest, SeedRedrawsTheInitialWeights) {
  auto firstLoss = [&](std::optional<uint64_t> seed) {
    TrainRun r(bundle_, train_, nullptr);
    r.opts.epochs = 1;
    r.opts.stepsPerEpoch = 1;
    r.opts.seed = seed;
    return r.go().stepLosses.at(0);
  };
  EXPECT_EQ(firstLoss(std::nullopt), firstLoss(7)); // the bundle's seed is 7
  EXPECT_EQ(firstLoss(8), firstLoss(8));
  EXPECT_NE(firstLoss(8), firstLoss(7));
}

TEST_F(TrainTest, WritesOneJsonObjectPerEpoch) {
  const std::string log = tempPath("run.jsonl");
  TrainRun a(bundle_, train_, &val_);
  a.opts.epochs = 2;
  a.opts.stepsPerEpoch = 4;
  a.opts.logPath = log;
  a.go();
  std::ifstream f(log);
  std::string line;
  int epoch = 0;
  while (std::getline(f, line)) {
    json j = json::parse(line);
    ++epoch;
    EXPECT_EQ(j["task"], "tiny");
    EXPECT_EQ(j["target"], "cpu-ref");
    EXPECT_EQ(j["epoch"], epoch);
    EXPECT_EQ(j["steps"], 4);
    EXPECT_EQ(j["samples"], 16);
    EXPECT_GT(j["seconds"].get<double>(), 0);
    EXPECT_GT(j["samples_per_s"].get<double>(), 0);
    for (const char *k : {"loss", "acc", "val_loss", "val_acc"}) EXPECT_TRUE(j[k].is_number()) << k;
    EXPECT_LE(j["acc"].get<double>(), 1.0);
    EXPECT_EQ(j["iterations"], 4 * epoch);
  }
  EXPECT_EQ(epoch, 2);
  std::remove(log.c_str());
}

TEST_F(TrainTest, EvaluateCountsTheShortLastBatch) {
  auto session = Session::open(bundle_, 7);
  ASSERT_TRUE(session.ok());
  const data::Dataset ten = tinyData(10); // batches of 4, 4 and 2
  auto r = (*session)->evaluate(ten);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->samples, 10);
  auto probs = (*session)->predict(ten);
  ASSERT_TRUE(probs.ok());
  ASSERT_EQ(probs->size(), 10u);
  double loss = 0;
  int correct = 0;
  for (size_t i = 0; i < 10; ++i) {
    const std::vector<float> &p = (*probs)[i];
    const int c = ten.classes[i];
    loss -= std::log(double(p[size_t(c)]));
    correct += int(std::max_element(p.begin(), p.end()) - p.begin()) == c;
  }
  EXPECT_NEAR(r->loss, loss / 10, 1e-6);
  EXPECT_DOUBLE_EQ(r->acc, correct / 10.0);
}

TEST_F(TrainTest, TrainsFromABundleFileAndEvaluatesACheckpoint) {
  const std::string path = tempPath("tiny.dlcb");
  {
    std::ofstream f(path, std::ios::binary);
    f << testing::bundleBytes(tinyModel());
  }
  const std::string ckpt = tempPath("eval.ckpt");
  TrainRun a(nullptr, train_, nullptr);
  a.opts.source.path = path;
  a.opts.epochs = 2;
  a.opts.savePath = ckpt;
  a.go();
  std::ostringstream out, err;
  EvalOptions e;
  e.source.path = path;
  e.checkpointPath = ckpt;
  e.data = &val_;
  e.out = &out;
  e.err = &err;
  auto trained = evaluateModel(e);
  ASSERT_TRUE(trained.ok()) << trained.status();
  EXPECT_NE(out.str().find("tiny/test: 10 samples"), std::string::npos) << out.str();
  e.checkpointPath.clear();
  auto initial = evaluateModel(e);
  ASSERT_TRUE(initial.ok());
  EXPECT_LT(trained->loss, initial->loss);
  EXPECT_EQ(runEval(e), 0);
  std::remove(path.c_str());
  std::remove(ckpt.c_str());
}

void writeNpyF32(const std::string &path, const std::vector<int64_t> &shape,
                 const std::vector<float> &v) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
  for (int64_t d : shape) header += std::to_string(d) + ", ";
  header += "), }";
  while ((10 + header.size() + 1) % 64) header += ' ';
  header += '\n';
  std::ofstream f(path, std::ios::binary);
  f.write("\x93NUMPY\x01\x00", 8);
  const uint16_t len = uint16_t(header.size());
  f.write(reinterpret_cast<const char *>(&len), 2);
  f << header;
  f.write(reinterpret_cast<const char *>(v.data()), std::streamsize(v.size() * 4));
}

TEST_F(TrainTest, PredictsFromAnNpyFile) {
  const std::string npy = tempPath("inputs.npy");
  const data::Dataset six = tinyData(6);
  writeNpyF32(npy, {6, kFeatures}, six.inputs[0].f32);
  auto arr = readNpy(npy);
  ASSERT_TRUE(arr.ok()) << arr.status();
  EXPECT_EQ(arr->shape, (std::vector<int64_t>{6, kFeatures}));

  std::ostringstream out, err;
  PredictOptions p;
  p.source.bundle = bundle_;
  p.inputPaths = {npy};
  p.out = &out;
  p.err = &err;
  ASSERT_EQ(runPredict(p), 0) << err.str();
  std::istringstream lines(out.str());
  std::string line;
  auto session = Session::open(bundle_, 7);
  auto expected = (*session)->predict(six);
  int n = 0;
  while (std::getline(lines, line)) {
    json j = json::parse(line);
    EXPECT_EQ(j["sample"], n);
    std::vector<float> probs = j["probs"].get<std::vector<float>>();
    EXPECT_EQ(probs, (*expected)[size_t(n)]);
    EXPECT_NEAR(probs[0] + probs[1] + probs[2], 1.0, 1e-6);
    EXPECT_EQ(j["class"], std::max_element(probs.begin(), probs.end()) - probs.begin());
    ++n;
  }
  EXPECT_EQ(n, 6);

  std::ostringstream csv;
  p.out = &csv;
  p.format = "csv";
  ASSERT_EQ(runPredict(p), 0);
  EXPECT_EQ(csv.str().rfind("sample,class,p0,p1,p2\n0,", 0), 0u) << csv.str();

  writeNpyF32(npy, {5, 3}, std::vector<float>(15, 0.0f)); // 15 values: not samples of 4
  std::ostringstream e2;
  p.err = &e2;
  EXPECT_EQ(runPredict(p), 1);
  EXPECT_NE(e2.str().find("not a whole number of samples of 4"), std::string::npos) << e2.str();
  std::remove(npy.c_str());
}

TEST_F(TrainTest, CommandErrorsReturnOne) {
  std::ostringstream out, err;
  TrainOptions o;
  o.source.path = tempPath("missing.dlcb");
  o.out = &out;
  o.err = &err;
  EXPECT_EQ(runTrain(o), 1);
  EXPECT_NE(err.str().find("error: "), std::string::npos);
  EXPECT_NE(err.str().find("missing.dlcb: cannot open the bundle file"), std::string::npos)
      << err.str();

  TrainRun r(bundle_, train_, nullptr);
  r.opts.batchSize = 32;
  EXPECT_NE(train(r.opts).status().message().find("was compiled for batch size 4"),
            std::string::npos);

  data::Dataset three = tinyData(3);
  TrainRun small(bundle_, three, nullptr);
  EXPECT_NE(train(small.opts).status().message().find("does not fill one batch of 4"),
            std::string::npos);
}

TEST(Progress, KerasLikeLines) {
  std::ostringstream out;
  ProgressBar bar(out, false, 468);
  EXPECT_EQ(bar.line(37, 10.0, 0.45113, 0.86123).substr(0, 46),
            " 37/468 [=>............................] - ETA");
  EXPECT_NE(bar.line(37, 10.0, 0.45113, 0.86123).find(" - loss: 0.4511 - acc: 0.8612"),
            std::string::npos);
  EXPECT_EQ(formatDuration(3.21), "3.2s");
  EXPECT_EQ(formatDuration(65), "1m05s");
  EXPECT_EQ(formatDuration(3725), "1h02m05s");
}

TEST(TaskSettings, ValidationAndAugmentation) {
  EXPECT_TRUE(validationPlan(json{{"validation", "test"}})->useTest);
  EXPECT_EQ(validationPlan(json{{"validation", 0.1}})->split, 0.1);
  EXPECT_FALSE(validationPlan(json{{"validation", 1.5}}).ok());
  auto aug = augmentationConfig(json{{"augmentation",
                                      {{"width_shift_range", 0.1},
                                       {"height_shift_range", 0.2},
                                       {"horizontal_flip", true}}}});
  ASSERT_TRUE(aug.ok() && aug->has_value());
  EXPECT_EQ((*aug)->widthShiftRange, 0.1);
  EXPECT_EQ((*aug)->heightShiftRange, 0.2);
  EXPECT_TRUE((*aug)->horizontalFlip);
  EXPECT_FALSE(augmentationConfig(json{{"augmentation", {{"zoom_range", 0.2}}}}).ok());
  auto m = bundle::parseManifest(
      testing::ManifestBuilder().build(4, 0, "cpu-ref", {{"dataset", {{"name", "imagenet"}}}})
          .dump());
  ASSERT_TRUE(m.ok());
  auto t = loadTaskData(*m, ::testing::TempDir());
  EXPECT_NE(t.status().message().find("unknown dataset \"imagenet\""), std::string::npos)
      << t.status();
}

} // namespace
} // namespace dlc::rt::train
