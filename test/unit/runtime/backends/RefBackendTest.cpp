// The cpu-ref backend: a hand-written train_step (dense + softmax +
// cross-entropy + gradients + RMSprop on 4 samples, counting its own step)
// against hand-computed numbers, the load-time refusals, and the ops the
// backend implements itself (copies, slice, reduce_sum, dropout,
// time_distributed).
#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

#include "abi/Philox.h"
#include "runtime/bundle/Manifest.h"
#include "runtime/backends/cpu-ref/RefBackend.h"
#include "runtime/init/InitialState.h"
#include "runtime/kernels/Dropout.h"
#include "test/unit/runtime/TestManifest.h"

namespace dlc::rt::exec {
namespace {
using namespace dlc::abi;

using nlohmann::json;
using testing::ManifestBuilder;

struct Loaded {
  bundle::Manifest manifest;
  std::unique_ptr<RefBackend> ex;
};

BackendOptions seeded(uint64_t seed) {
  BackendOptions o;
  o.runSeed = seed;
  return o;
}

std::unique_ptr<Loaded> load(const json &m, uint64_t seed = 7) {
  auto parsed = bundle::parseManifest(m.dump());
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  auto l = std::make_unique<Loaded>();
  l->manifest = std::move(*parsed);
  auto ex = RefBackend::create(l->manifest, seeded(seed));
  EXPECT_TRUE(ex.ok()) << ex.status();
  if (!ex.ok()) return nullptr;
  l->ex = std::move(*ex);
  auto state = init::initialStateBytes(l->manifest, l->manifest.seed);
  EXPECT_TRUE(state.ok());
  EXPECT_TRUE(l->ex->copyIn(bundle::Region::State, 0, state->data(), state->size()).ok());
  return l;
}

absl::Status planError(const json &m) {
  auto parsed = bundle::parseManifest(m.dump());
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  auto ex = RefBackend::create(*parsed, seeded(0));
  EXPECT_FALSE(ex.ok());
  return ex.ok() ? absl::OkStatus() : ex.status();
}

template <typename T> void put(RefBackend &ex, int t, const std::vector<T> &v) {
  std::memcpy(ex.data(t), v.data(), v.size() * sizeof(T));
}
template <typename T> std::vector<T> get(RefBackend &ex, int t) {
  std::vector<T> v(size_t(ex.manifest().tensors[size_t(t)].numElements()));
  std::memcpy(v.data(), ex.data(t), v.size() * sizeof(T));
  return v;
}
int64_t counter(RefBackend &ex, int t) { return get<int64_t>(ex, t)[0]; }
void setCounter(RefBackend &ex, int t, int64_t value) { put(ex, t, std::vector<int64_t>{value}); }

//===-- the tiny training step ---------------------------------------------===//

struct Tiny {
  json manifest;
  int x, t, w, b, wa, ba, it, loss, correct, probs;
};

Tiny tinyTrainStep() {
  const json zeros = {{"kind", "zeros"}};
  ManifestBuilder mb;
  Tiny k;
  k.x = mb.tensor("x", "f32", {4, 2}, "io", "input");
  k.t = mb.tensor("labels", "f32", {4, 2}, "io", "label");
  k.loss = mb.tensor("loss", "f32", {}, "io", "loss");
  k.correct = mb.tensor("correct", "i64", {}, "io", "correct");
  k.w = mb.tensor("dense/kernel", "f32", {2, 2}, "state", "param", zeros);
  k.b = mb.tensor("dense/bias", "f32", {2}, "state", "param", zeros);
  k.wa = mb.tensor("dense/kernel/rms", "f32", {2, 2}, "state", "slot");
  k.ba = mb.tensor("dense/bias/rms", "f32", {2}, "state", "slot");
  k.it = mb.tensor("iterations", "i64", {}, "state", "iterations");
  const int z = mb.tensor("z", "f32", {4, 2}, "arena", "temp");
  k.probs = mb.tensor("p", "f32", {4, 2}, "arena", "temp");
  const int dp = mb.tensor("dp", "f32", {4, 2}, "arena", "temp");
  const int dz = mb.tensor("dz", "f32", {4, 2}, "arena", "temp");
  const int dw = mb.tensor("dw", "f32", {2, 2}, "arena", "temp");
  const int db = mb.tensor("db", "f32", {2}, "arena", "temp");
  const json rms = {{"lr", 0.01}, {"rho", 0.9}, {"epsilon", 1e-8}, {"decay", 0.0}};
  mb.step("train_step", "dlc.dense", {k.x, k.w, k.b}, {z});
  mb.step("train_step", "dlc.softmax", {z}, {k.probs}, {{"axis", -1}});
  mb.step("train_step", "dlc.categorical_crossentropy", {k.probs, k.t}, {k.loss});
  mb.step("train_step", "dlc.accuracy", {k.probs, k.t}, {k.correct});
  mb.step("train_step", "dlc.categorical_crossentropy_grad", {k.probs, k.t}, {dp});
  mb.step("train_step", "dlc.softmax_grad", {k.probs, dp}, {dz}, {{"axis", -1}});
  mb.step("train_step", "dlc.dense_grad_kernel", {k.x, k.w, dz}, {dw});
  mb.step("train_step", "dlc.reduce_sum", {dz}, {db}, {{"axes", {0}}});
  mb.step("train_step", "dlc.rmsprop_update", {k.w, dw, k.wa, k.it}, {k.w, k.wa}, rms);
  mb.step("train_step", "dlc.rmsprop_update", {k.b, db, k.ba, k.it}, {k.b, k.ba}, rms);
  mb.step("train_step", "dlc.increment", {k.it}, {k.it});
  mb.io("train_step", {k.x, k.t}, {k.loss, k.correct});
  k.manifest = mb.build(4, 7);
  return k;
}

const std::vector<float> kX = {1, 2, 3, -1, -2, 1, 1, 0.5f};
const std::vector<float> kT = {1, 0, 0, 1, 1, 0, 0, 1}; // classes 0, 1, 0, 1

/// The same step in double, written out from the formulas.
struct Reference {
  double w[2][2] = {{0, 0}, {0, 0}}, b[2] = {0, 0}, wa[2][2] = {{0, 0}, {0, 0}}, ba[2] = {0, 0};
  double step(int64_t &correct) {
    double p[4][2], loss = 0;
    correct = 0;
    for (int n = 0; n < 4; ++n) {
      double z[2];
      for (int j = 0; j < 2; ++j) z[j] = kX[2 * n] * w[0][j] + kX[2 * n + 1] * w[1][j] + b[j];
      const double m = std::max(z[0], z[1]);
      const double e0 = std::exp(z[0] - m), e1 = std::exp(z[1] - m);
      p[n][0] = e0 / (e0 + e1);
      p[n][1] = e1 / (e0 + e1);
      for (int j = 0; j < 2; ++j) loss -= kT[2 * n + j] * std::log(p[n][j]) / 4;
      const int predicted = p[n][1] > p[n][0] ? 1 : 0;
      correct += kT[2 * n + predicted] == 1;
    }
    double gw[2][2] = {{0, 0}, {0, 0}}, gb[2] = {0, 0};
    for (int n = 0; n < 4; ++n)
      for (int j = 0; j < 2; ++j) {
        const double dz = (p[n][j] - kT[2 * n + j]) / 4;
        gw[0][j] += kX[2 * n] * dz;
        gw[1][j] += kX[2 * n + 1] * dz;
        gb[j] += dz;
      }
    auto rms = [](double &param, double &acc, double g) {
      acc = 0.9 * acc + 0.1 * g * g;
      param -= 0.01 * g / (std::sqrt(acc) + 1e-8);
    };
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j) rms(w[i][j], wa[i][j], gw[i][j]);
    for (int j = 0; j < 2; ++j) rms(b[j], ba[j], gb[j]);
    return loss;
  }
};

TEST(TinyTrainStep, FirstStepMatchesHandComputedNumbers) {
  Tiny k = tinyTrainStep();
  auto l = load(k.manifest);
  ASSERT_TRUE(l);
  RefBackend &ex = *l->ex;
  put(ex, k.x, kX);
  put(ex, k.t, kT);
  ASSERT_TRUE(ex.run("train_step").ok());
  // W = 0, b = 0: every probability is 1/2, the loss ln 2, and the first
  // maximum (class 0) is predicted: the two class-0 samples are correct.
  EXPECT_NEAR(get<float>(ex, k.loss)[0], std::log(2.0), 1e-7);
  EXPECT_EQ(get<int64_t>(ex, k.correct)[0], 2);
  // dz = (p - t) / 4 = ±1/8; dW = xᵀ dz = [[0.625, -0.625], [-0.4375, 0.4375]];
  // db = 0. RMSprop from a zero accumulator moves each weight by
  // -lr · g / (sqrt(0.1 g²) + eps) = -0.01 / sqrt(0.1) · sign(g) (eps negligible),
  // and leaves b at 0 (g = 0 → 0 / eps).
  const double step = 0.01 / std::sqrt(0.1);
  const std::vector<float> w = get<float>(ex, k.w);
  EXPECT_NEAR(w[0], -step, 1e-7);
  EXPECT_NEAR(w[1], step, 1e-7);
  EXPECT_NEAR(w[2], step, 1e-7);
  EXPECT_NEAR(w[3], -step, 1e-7);
  EXPECT_EQ(get<float>(ex, k.b), (std::vector<float>{0, 0}));
  const std::vector<float> wa = get<float>(ex, k.wa);
  EXPECT_NEAR(wa[0], 0.1 * 0.625 * 0.625, 1e-8);
  EXPECT_NEAR(wa[2], 0.1 * 0.4375 * 0.4375, 1e-8);
  // The step counts itself (dlc.increment, in place).
  EXPECT_EQ(counter(ex, k.it), 1);
}

TEST(TinyTrainStep, FiveStepsFollowTheDoubleReference) {
  Tiny k = tinyTrainStep();
  auto l = load(k.manifest);
  ASSERT_TRUE(l);
  RefBackend &ex = *l->ex;
  Reference ref;
  for (int s = 0; s < 5; ++s) {
    put(ex, k.x, kX);
    put(ex, k.t, kT);
    ASSERT_TRUE(ex.run("train_step").ok());
    int64_t correct;
    const double loss = ref.step(correct);
    EXPECT_NEAR(get<float>(ex, k.loss)[0], loss, 2e-6) << "step " << s;
    EXPECT_EQ(get<int64_t>(ex, k.correct)[0], correct) << "step " << s;
    const std::vector<float> w = get<float>(ex, k.w), b = get<float>(ex, k.b);
    for (int i = 0; i < 4; ++i) EXPECT_NEAR(w[size_t(i)], ref.w[i / 2][i % 2], 2e-6) << s;
    for (int j = 0; j < 2; ++j) EXPECT_NEAR(b[size_t(j)], ref.b[j], 2e-6) << s;
  }
  EXPECT_EQ(counter(ex, k.it), 5);
  EXPECT_LT(get<float>(ex, k.loss)[0], std::log(2.0));
}

TEST(TinyTrainStep, DecayReadsTheIterationsCounter) {
  Tiny k = tinyTrainStep();
  for (json &s : k.manifest["functions"]["train_step"]["steps"])
    if (s["op"] == "dlc.rmsprop_update") s["attrs"]["decay"] = 1.0;
  auto l = load(k.manifest);
  ASSERT_TRUE(l);
  put(*l->ex, k.x, kX);
  put(*l->ex, k.t, kT);
  setCounter(*l->ex, k.it, 1); // lr_t = lr / (1 + 1 · 1)
  ASSERT_TRUE(l->ex->run("train_step").ok());
  EXPECT_NEAR(get<float>(*l->ex, k.w)[0], -0.5 * 0.01 / std::sqrt(0.1), 1e-7);
}

//===-- load-time refusals -------------------------------------------------===//

TEST(Plan, UnknownOpIsALoadTimeErrorNamingIt) {
  Tiny k = tinyTrainStep();
  k.manifest["functions"]["train_step"]["steps"][3]["op"] = "dlc.frobnicate";
  absl::Status s = planError(k.manifest);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("train_step step 3 (dlc.frobnicate): unknown op 'dlc.frobnicate'"),
            std::string::npos)
      << s;
}

TEST(Plan, ShapeErrorsNameTheStep) {
  Tiny k = tinyTrainStep();
  k.manifest["functions"]["train_step"]["steps"][0]["in"] = {k.x, k.t, k.b}; // kernel [4, 2]
  absl::Status s = planError(k.manifest);
  EXPECT_NE(s.message().find("train_step step 0 (dlc.dense)"), std::string::npos) << s;
  EXPECT_NE(s.message().find("does not match kernel"), std::string::npos) << s;
}

TEST(Plan, OperandCountAndAttributeTypes) {
  Tiny k = tinyTrainStep();
  k.manifest["functions"]["train_step"]["steps"][1]["in"] = json::array();
  EXPECT_NE(planError(k.manifest).message().find("expected 1 operands, got 0"), std::string::npos);
  k = tinyTrainStep();
  k.manifest["functions"]["train_step"]["steps"][8]["attrs"]["lr"] = "fast";
  EXPECT_NE(planError(k.manifest).message().find(
                "train_step step 8 (dlc.rmsprop_update): attribute 'lr' must be a number"),
            std::string::npos);
  k = tinyTrainStep();
  k.manifest["functions"]["train_step"]["steps"][8]["attrs"].erase("rho");
  EXPECT_NE(planError(k.manifest).message().find("missing attribute 'rho'"), std::string::npos);
}

TEST(Plan, MemoryPlanErrors) {
  Tiny k = tinyTrainStep();
  // softmax writing over its own input is not an in-place op
  k.manifest["functions"]["train_step"]["steps"][1]["out"] = {k.probs - 1};
  EXPECT_NE(planError(k.manifest).message().find("is both an operand and a result"),
            std::string::npos);
  // a result placed over an operand's bytes
  k = tinyTrainStep();
  json &tensors = k.manifest["tensors"];
  tensors[size_t(k.probs)]["offset"] = tensors[size_t(k.probs - 1)]["offset"];
  EXPECT_NE(planError(k.manifest).message().find("overlaps operand 'z'"), std::string::npos);
  // an optimizer update may write its param in place, but not its grad
  k = tinyTrainStep();
  k.manifest["functions"]["train_step"]["steps"][8]["out"] = {k.w, k.w};
  EXPECT_NE(planError(k.manifest).message().find("overlap"), std::string::npos);
}

TEST(Plan, StepsOfOtherTargetsAreRefused) {
  Tiny k = tinyTrainStep();
  k.manifest["functions"]["train_step"]["steps"][0] = {
      {"kind", "kernel"}, {"in", {k.x}}, {"out", {k.probs}}, {"kernel", {{"name", "fused0"}}}};
  EXPECT_NE(planError(k.manifest).message().find("belongs to another target"), std::string::npos);
}

TEST(Plan, KnownOpsCoverTheDialect) {
  const std::vector<std::string> &ops = knownOps();
  for (const char *op :
       {"dlc.dense", "dlc.conv2d", "dlc.max_pool2d", "dlc.avg_pool2d", "dlc.activation",
        "dlc.softmax", "dlc.dropout", "dlc.flatten", "dlc.reshape", "dlc.transpose", "dlc.add",
        "dlc.concatenate", "dlc.repeat_vector", "dlc.embedding", "dlc.reduce_sum", "dlc.slice",
        "dlc.lstm", "dlc.gru", "dlc.simple_rnn", "dlc.time_distributed", "dlc.dense_grad_input",
        "dlc.dense_grad_kernel", "dlc.conv2d_grad_input", "dlc.conv2d_grad_filter",
        "dlc.max_pool2d_grad", "dlc.avg_pool2d_grad", "dlc.activation_grad",
        "dlc.softmax_grad", "dlc.embedding_grad", "dlc.lstm_grad", "dlc.gru_grad",
        "dlc.simple_rnn_grad", "dlc.categorical_crossentropy",
        "dlc.categorical_crossentropy_grad", "dlc.accuracy", "dlc.sgd_update",
        "dlc.rmsprop_update", "dlc.adadelta_update", "dlc.adam_update"})
    EXPECT_NE(std::find(ops.begin(), ops.end(), op), ops.end()) << op;
}

TEST(Arena, RegionsAre64ByteAligned) {
  auto a = Arena::create({100, 0, 7});
  ASSERT_TRUE(a.ok());
  for (int r = 0; r < 3; ++r) {
    EXPECT_EQ(reinterpret_cast<uintptr_t>(a->base(bundle::Region(r))) % 64, 0u);
    EXPECT_NE(a->base(bundle::Region(r)), nullptr);
  }
  EXPECT_EQ(a->size(bundle::Region::State), 100u);
  EXPECT_EQ(a->base(bundle::Region::State)[99], 0);
}

//===-- ops the executor implements itself ----------------------------------===//

TEST(Ops, ReshapeFlattenSliceReduceSum) {
  ManifestBuilder mb;
  const int x = mb.tensor("x", "f32", {2, 3, 2}, "io", "input");
  const int flat = mb.tensor("flat", "f32", {2, 6}, "arena", "temp");
  const int re = mb.tensor("re", "f32", {3, 4}, "io", "output");
  const int sl = mb.tensor("sl", "f32", {2, 2, 2}, "io", "output");
  const int r1 = mb.tensor("r1", "f32", {2, 2}, "io", "output");   // sum over axis 1
  const int r01 = mb.tensor("r01", "f32", {2}, "io", "output");    // over axes 0, 1
  mb.step("f", "dlc.flatten", {x}, {flat});
  mb.step("f", "dlc.reshape", {flat}, {re}, {{"shape", {3, 4}}});
  mb.step("f", "dlc.slice", {x}, {sl}, {{"axis", 1}, {"start", 1}, {"size", 2}});
  mb.step("f", "dlc.reduce_sum", {x}, {r1}, {{"axes", {1}}});
  mb.step("f", "dlc.reduce_sum", {x}, {r01}, {{"axes", {1, 0}}});
  mb.io("f", {x}, {re, sl, r1, r01});
  auto l = load(mb.build(2));
  ASSERT_TRUE(l);
  put(*l->ex, x, std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  ASSERT_TRUE(l->ex->run("f").ok());
  EXPECT_EQ(get<float>(*l->ex, re), (std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
  EXPECT_EQ(get<float>(*l->ex, sl), (std::vector<float>{2, 3, 4, 5, 8, 9, 10, 11}));
  EXPECT_EQ(get<float>(*l->ex, r1), (std::vector<float>{6, 9, 24, 27}));
  EXPECT_EQ(get<float>(*l->ex, r01), (std::vector<float>{30, 36}));
}

TEST(Ops, ReduceSumOverSeparateAxesHasNoKernelYet) {
  ManifestBuilder mb;
  const int x = mb.tensor("x", "f32", {2, 3, 2}, "io", "input");
  const int y = mb.tensor("y", "f32", {3}, "io", "output");
  mb.step("f", "dlc.reduce_sum", {x}, {y}, {{"axes", {0, 2}}});
  absl::Status s = planError(mb.build(2));
  EXPECT_EQ(s.code(), absl::StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("op dlc.reduce_sum has no cpu-ref kernel yet"), std::string::npos);
}

TEST(Ops, DropoutWithAStepUsesTheCounterWithoutOneIsTheIdentity) {
  ManifestBuilder mb;
  const int x = mb.tensor("x", "f32", {4, 64}, "io", "input");
  const int it = mb.tensor("iterations", "i64", {}, "state", "iterations");
  const int y = mb.tensor("y", "f32", {4, 64}, "io", "output");
  const int id = mb.tensor("id", "f32", {4, 64}, "io", "output");
  mb.step("f", "dlc.dropout", {x, it}, {y}, {{"rate", 0.25}, {"seed", 3}});
  mb.step("f", "dlc.dropout", {x}, {id}, {{"rate", 0.25}, {"seed", 3}});
  auto l = load(mb.build(4), /*seed=*/99);
  ASSERT_TRUE(l);
  std::vector<float> in(256);
  for (size_t i = 0; i < in.size(); ++i) in[i] = float(i + 1);
  put(*l->ex, x, in);
  setCounter(*l->ex, it, 5);
  ASSERT_TRUE(l->ex->run("f").ok());
  const std::vector<float> out = get<float>(*l->ex, y);
  kernels::DropoutParams p{0.25, 99, 3, 5};
  int dropped = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    if (kernels::dropoutKeeps(p, i)) {
      EXPECT_EQ(out[i], in[i] / float(1 - 0.25)) << i;
    } else {
      EXPECT_EQ(out[i], 0.0f) << i;
      ++dropped;
    }
  }
  EXPECT_GT(dropped, 30);
  EXPECT_LT(dropped, 100);
  EXPECT_EQ(get<float>(*l->ex, id), in);
  // Another step draws another mask.
  setCounter(*l->ex, it, 6);
  ASSERT_TRUE(l->ex->run("f").ok());
  EXPECT_NE(get<float>(*l->ex, y), out);
}

TEST(Ops, TimeDistributedRunsItsBodyPerStep) {
  ManifestBuilder mb;
  const int x = mb.tensor("x", "f32", {2, 3, 2}, "io", "input");
  const int w = mb.tensor("w", "f32", {2, 1}, "state", "param", {{"kind", "ones"}});
  const int arg = mb.tensor("row", "f32", {2, 2}, "arena", "temp");
  const int res = mb.tensor("row_out", "f32", {2, 1}, "arena", "temp");
  const int y = mb.tensor("y", "f32", {2, 3, 1}, "io", "output");
  mb.function("f")["steps"].push_back(
      {{"op", "dlc.time_distributed"},
       {"in", {x}},
       {"out", {y}},
       {"attrs", json::object()},
       {"body",
        {{"arg", arg},
         {"result", res},
         {"steps", {{{"op", "dlc.dense"}, {"in", {arg, w}}, {"out", {res}}}}}}}});
  auto l = load(mb.build(2));
  ASSERT_TRUE(l);
  put(*l->ex, x, std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  ASSERT_TRUE(l->ex->run("f").ok());
  EXPECT_EQ(get<float>(*l->ex, y), (std::vector<float>{3, 7, 11, 15, 19, 23}));
}

TEST(Ops, RunTimeErrorsNameTheStep) {
  ManifestBuilder mb;
  const int ids = mb.tensor("ids", "i32", {2, 3}, "io", "input");
  const int table = mb.tensor("table", "f32", {5, 4}, "state", "param", {{"kind", "ones"}});
  const int y = mb.tensor("y", "f32", {2, 3, 4}, "io", "output");
  mb.step("predict", "dlc.embedding", {ids, table}, {y});
  auto l = load(mb.build(2));
  ASSERT_TRUE(l);
  put(*l->ex, ids, std::vector<int32_t>{0, 1, 2, 3, 4, 7});
  absl::Status s = l->ex->run("predict");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("predict step 0 (dlc.embedding): ", 0), 0u) << s;
  EXPECT_EQ(l->ex->run("train_step").code(), absl::StatusCode::kNotFound);
}

TEST(Ops, SparseLabelsAndInPlaceCopiesOfFunctionalUpdates) {
  // categorical_crossentropy with [N] integer labels; an sgd update whose
  // results are other tensors than its operands (functional form).
  ManifestBuilder mb;
  const int p = mb.tensor("p", "f32", {2, 3}, "io", "input");
  const int l = mb.tensor("l", "i32", {2}, "io", "label");
  const int loss = mb.tensor("loss", "f32", {}, "io", "loss");
  const int correct = mb.tensor("correct", "i64", {}, "io", "correct");
  const int w = mb.tensor("w", "f32", {3}, "state", "param", {{"kind", "ones"}});
  const int m = mb.tensor("m", "f32", {3}, "state", "slot");
  const int it = mb.tensor("iterations", "i64", {}, "state", "iterations");
  const int g = mb.tensor("g", "f32", {3}, "io", "input");
  const int w2 = mb.tensor("w2", "f32", {3}, "arena", "temp");
  const int m2 = mb.tensor("m2", "f32", {3}, "arena", "temp");
  mb.step("f", "dlc.categorical_crossentropy", {p, l}, {loss});
  mb.step("f", "dlc.accuracy", {p, l}, {correct});
  mb.step("f", "dlc.sgd_update", {w, g, m, it}, {w2, m2}, {{"lr", 0.5}});
  auto ld = load(mb.build(2));
  ASSERT_TRUE(ld);
  put(*ld->ex, p, std::vector<float>{0.2f, 0.5f, 0.3f, 0.6f, 0.3f, 0.1f});
  put(*ld->ex, l, std::vector<int32_t>{1, 2});
  put(*ld->ex, g, std::vector<float>{1, 2, 4});
  ASSERT_TRUE(ld->ex->run("f").ok());
  EXPECT_NEAR(get<float>(*ld->ex, loss)[0], -(std::log(0.5) + std::log(0.1)) / 2, 1e-6);
  EXPECT_EQ(get<int64_t>(*ld->ex, correct)[0], 1);
  EXPECT_EQ(get<float>(*ld->ex, w2), (std::vector<float>{0.5f, 0.0f, -1.0f}));
  EXPECT_EQ(get<float>(*ld->ex, w), (std::vector<float>{1, 1, 1})); // untouched
}

} // namespace
} // namespace dlc::rt::exec
