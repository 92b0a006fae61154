// Finite-difference checks of every op's gradient rule through the whole pipeline:
// autodiff pass, cpu-ref bundle, runtime executor and reference kernels.
//
// Each case is a small @forward. It is compiled with SGD (lr 1, no momentum),
// so one train_step moves each parameter by exactly minus its gradient;
// eval_step at parameter +- eps gives the central difference of the same loss.
#include "codegen/Target.h"
#include "ir/DlcOps.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/data/Dataset.h"
#include "runtime/train/Session.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

using namespace mlir;
namespace rt = dlc::rt;

namespace {
struct Case {
  const char *name;
  const char *forward; // PARAM("name") marks a parameter argument's attributes
};

/// `PARAM("w")` -> the attributes of a parameter drawn uniformly in [-0.5, 0.5].
std::string expandParams(std::string text) {
  const std::string open = "PARAM(\"";
  for (size_t at; (at = text.find(open)) != std::string::npos;) {
    size_t end = text.find("\")", at);
    std::string name = text.substr(at + open.size(), end - at - open.size());
    text.replace(at, end + 2 - at,
                 "{dlc.param = \"" + name +
                     "\", dlc.init = {kind = \"random_uniform\", minval = -5.0e-01 : "
                     "f64, maxval = 5.0e-01 : f64}}");
  }
  return "module attributes {dlc.training = {loss = \"categorical_crossentropy\", "
         "optimizer = {class_name = \"SGD\", config = {lr = 1.0 : f64}}}} {\n" +
         text + "\n}";
}

std::shared_ptr<const rt::bundle::Bundle> compile(const Case &c) {
  DialectRegistry registry;
  registry.insert<dlc::DlcDialect, func::FuncDialect>();
  MLIRContext context(registry);
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(expandParams(c.forward), &context);
  if (!module)
    return nullptr;
  const dlc::Target *target = dlc::lookupTarget("cpu-ref");
  PassManager pm(&context);
  target->buildPipeline(pm);
  if (failed(pm.run(*module)))
    return nullptr;
  auto bytes = target->serialize(*module, {7, c.name});
  if (failed(bytes))
    return nullptr;
  auto bundle = rt::bundle::readBundleBytes(std::move(*bytes), c.name);
  if (!bundle.ok()) {
    ADD_FAILURE() << bundle.status().message();
    return nullptr;
  }
  return std::make_shared<const rt::bundle::Bundle>(std::move(*bundle));
}

/// One batch of random inputs (ids below `vocabulary` for integer inputs)
/// with random one-hot labels, shaped like the bundle's train_step inputs.
rt::data::Dataset randomBatch(const rt::bundle::Manifest &m, int64_t vocabulary) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  rt::data::Dataset ds;
  ds.name = "random";
  ds.numSamples = m.batchSize;
  std::vector<int32_t> classes;
  for (int index : m.requireFunction("train_step").value()->inputs) {
    const rt::bundle::TensorDesc &t = m.tensors[index];
    if (t.role == rt::bundle::Role::Label) {
      ds.numClasses = t.shape.back();
      std::uniform_int_distribution<int32_t> cls(0, ds.numClasses - 1);
      for (int64_t i = 0; i < m.batchSize; ++i)
        classes.push_back(cls(rng));
      continue;
    }
    rt::data::InputTensor in;
    in.name = t.name;
    in.sampleShape.assign(t.shape.begin() + 1, t.shape.end());
    int64_t n = t.numElements();
    if (t.dtype == rt::bundle::DType::I32) {
      in.type = rt::data::ElementType::kInt32;
      std::uniform_int_distribution<int32_t> id(0, vocabulary - 1);
      for (int64_t i = 0; i < n; ++i)
        in.i32.push_back(id(rng));
    } else {
      for (int64_t i = 0; i < n; ++i)
        in.f32.push_back(value(rng));
    }
    ds.inputs.push_back(std::move(in));
  }
  EXPECT_TRUE(rt::data::setOneHotLabels(ds, classes, ds.numClasses).ok());
  return ds;
}

double lossAt(std::shared_ptr<const rt::bundle::Bundle> bundle,
              const std::string &state, const rt::data::Dataset &ds) {
  auto session = rt::train::Session::open(bundle, 7, &state);
  EXPECT_TRUE(session.ok()) << session.status().message();
  auto result = (*session)->evaluate(ds);
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result->loss;
}

void checkGradients(const Case &c, int64_t vocabulary = 7) {
  SCOPED_TRACE(c.name);
  auto bundle = compile(c);
  ASSERT_TRUE(bundle) << "did not compile";
  const rt::bundle::Manifest &m = bundle->manifest();
  rt::data::Dataset ds = randomBatch(m, vocabulary);
  auto batcher = rt::data::Batcher::create(ds, m.batchSize);
  ASSERT_TRUE(batcher.ok());
  auto batch = batcher->batch(rt::data::identityOrder(ds.numSamples), 0);
  ASSERT_TRUE(batch.ok());

  auto session = rt::train::Session::open(bundle, 7);
  ASSERT_TRUE(session.ok()) << session.status().message();
  const std::string before((*session)->executor().state());
  ASSERT_TRUE((*session)->trainStep(*batch).ok());
  const std::string after((*session)->executor().state());

  std::mt19937 rng(3);
  int checked = 0;
  for (int index : m.tensorsWithRole(rt::bundle::Role::Param)) {
    const rt::bundle::TensorDesc &t = m.tensors[index];
    std::uniform_int_distribution<int64_t> pick(0, t.numElements() - 1);
    for (int k = 0; k < 3; ++k) {
      int64_t e = pick(rng);
      size_t at = t.offset + e * sizeof(float);
      float p0, p1;
      std::memcpy(&p0, before.data() + at, 4);
      std::memcpy(&p1, after.data() + at, 4);
      double grad = double(p0) - double(p1); // SGD with lr 1: p1 = p0 - g
      const float eps = 5e-3f;
      std::string plus = before, minus = before;
      float up = p0 + eps, down = p0 - eps;
      std::memcpy(plus.data() + at, &up, 4);
      std::memcpy(minus.data() + at, &down, 4);
      double fd = (lossAt(bundle, plus, ds) - lossAt(bundle, minus, ds)) /
                  (double(up) - double(down));
      EXPECT_NEAR(grad, fd, 1e-3 + 0.03 * std::max(std::fabs(fd), std::fabs(grad)))
          << t.name << "[" << e << "]";
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}
} // namespace

TEST(TrainStepGradient, DenseReluSoftmax) {
  checkGradients({"dense", R"(
  func.func @forward(%x: tensor<4x6xf32> {dlc.input = "x"}, %w1: tensor<6x5xf32> PARAM("d1/kernel"),
                     %b1: tensor<5xf32> PARAM("d1/bias"), %w2: tensor<5x3xf32> PARAM("d2/kernel")) -> tensor<4x3xf32> {
    %h = dlc.dense %x, %w1, %b1 : (tensor<4x6xf32>, tensor<6x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
    %r = dlc.activation relu(%h) : tensor<4x5xf32>
    %y = dlc.dense %r, %w2 : (tensor<4x5xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
    %p = dlc.softmax %y : tensor<4x3xf32>
    return %p : tensor<4x3xf32>
  })"});
}

TEST(TrainStepGradient, ConvSameStride2EluMaxPoolFlatten) {
  checkGradients({"conv_max", R"(
  func.func @forward(%x: tensor<2x7x7x2xf32> {dlc.input = "x"}, %f: tensor<3x3x2x4xf32> PARAM("c/kernel"),
                     %b: tensor<4xf32> PARAM("c/bias"), %w: tensor<16x3xf32> PARAM("d/kernel")) -> tensor<2x3xf32> {
    %c = dlc.conv2d %x, %f, %b padding(same) {strides = array<i64: 2, 2>} : (tensor<2x7x7x2xf32>, tensor<3x3x2x4xf32>, tensor<4xf32>) -> tensor<2x4x4x4xf32>
    %e = dlc.activation elu(%c) {alpha = 0.7 : f64} : tensor<2x4x4x4xf32>
    %m = dlc.max_pool2d %e padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x4x4x4xf32> -> tensor<2x2x2x4xf32>
    %v = dlc.flatten %m : tensor<2x2x2x4xf32> -> tensor<2x16xf32>
    %y = dlc.dense %v, %w : (tensor<2x16xf32>, tensor<16x3xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %y : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  })"});
}

TEST(TrainStepGradient, ConvDilatedTanhAvgPoolSameReshape) {
  checkGradients({"conv_avg", R"(
  func.func @forward(%x: tensor<2x8x8x1xf32> {dlc.input = "x"}, %f: tensor<3x3x1x3xf32> PARAM("c/kernel"),
                     %w: tensor<12x3xf32> PARAM("d/kernel")) -> tensor<2x3xf32> {
    %c = dlc.conv2d %x, %f padding(valid) {dilations = array<i64: 2, 2>} : (tensor<2x8x8x1xf32>, tensor<3x3x1x3xf32>) -> tensor<2x4x4x3xf32>
    %t = dlc.activation tanh(%c) : tensor<2x4x4x3xf32>
    %a = dlc.avg_pool2d %t padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<2x4x4x3xf32> -> tensor<2x2x2x3xf32>
    %v = dlc.reshape %a {shape = array<i64: 2, 12>} : tensor<2x2x2x3xf32> -> tensor<2x12xf32>
    %y = dlc.dense %v, %w : (tensor<2x12xf32>, tensor<12x3xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %y : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  })"});
}

TEST(TrainStepGradient, StackedLSTMSequencesBackwards) {
  checkGradients({"lstm", R"(
  func.func @forward(%x: tensor<3x4x5xf32> {dlc.input = "x"},
                     %k1: tensor<5x16xf32> PARAM("l1/kernel"), %r1: tensor<4x16xf32> PARAM("l1/recurrent_kernel"),
                     %b1: tensor<16xf32> PARAM("l1/bias"),
                     %k2: tensor<4x12xf32> PARAM("l2/kernel"), %r2: tensor<3x12xf32> PARAM("l2/recurrent_kernel"),
                     %w: tensor<3x3xf32> PARAM("d/kernel")) -> tensor<3x3xf32> {
    %s = dlc.lstm %x, %k1, %r1, %b1 recurrent_activation(hard_sigmoid) {return_sequences = true, go_backwards = true}
        : (tensor<3x4x5xf32>, tensor<5x16xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<3x4x4xf32>
    %h = dlc.lstm %s, %k2, %r2 : (tensor<3x4x4xf32>, tensor<4x12xf32>, tensor<3x12xf32>) -> tensor<3x3xf32>
    %y = dlc.dense %h, %w : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %y : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"});
}

TEST(TrainStepGradient, GRUResetAfterIntoSimpleRNN) {
  checkGradients({"gru_rnn", R"(
  func.func @forward(%x: tensor<3x4x5xf32> {dlc.input = "x"},
                     %k1: tensor<5x12xf32> PARAM("g/kernel"), %r1: tensor<4x12xf32> PARAM("g/recurrent_kernel"),
                     %b1: tensor<2x12xf32> PARAM("g/bias"),
                     %k2: tensor<4x3xf32> PARAM("s/kernel"), %r2: tensor<3x3xf32> PARAM("s/recurrent_kernel"),
                     %b2: tensor<3xf32> PARAM("s/bias")) -> tensor<3x3xf32> {
    %s = dlc.gru %x, %k1, %r1, %b1 {reset_after = true, return_sequences = true}
        : (tensor<3x4x5xf32>, tensor<5x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>) -> tensor<3x4x4xf32>
    %h = dlc.simple_rnn %s, %k2, %r2, %b2 : (tensor<3x4x4xf32>, tensor<4x3xf32>, tensor<3x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %h : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"});
}

TEST(TrainStepGradient, GRUKeras2Backwards) {
  checkGradients({"gru2", R"(
  func.func @forward(%x: tensor<3x4x5xf32> {dlc.input = "x"},
                     %k: tensor<5x9xf32> PARAM("g/kernel"), %r: tensor<3x9xf32> PARAM("g/recurrent_kernel"),
                     %b: tensor<9xf32> PARAM("g/bias")) -> tensor<3x3xf32> {
    %h = dlc.gru %x, %k, %r, %b recurrent_activation(hard_sigmoid) {go_backwards = true}
        : (tensor<3x4x5xf32>, tensor<5x9xf32>, tensor<3x9xf32>, tensor<9xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %h : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"});
}

// The babi_rnn pattern: embeddings, an LSTM over the question repeated along
// the story, add, LSTM; plus concatenate.
TEST(TrainStepGradient, EmbeddingRepeatAddConcatenate) {
  checkGradients({"babi", R"(
  func.func @forward(%story: tensor<3x5xi32> {dlc.input = "story"}, %question: tensor<3x2xi32> {dlc.input = "question"},
                     %es: tensor<7x4xf32> PARAM("es/embeddings"), %eq: tensor<7x4xf32> PARAM("eq/embeddings"),
                     %k1: tensor<4x16xf32> PARAM("l1/kernel"), %r1: tensor<4x16xf32> PARAM("l1/recurrent_kernel"),
                     %k2: tensor<4x16xf32> PARAM("l2/kernel"), %r2: tensor<4x16xf32> PARAM("l2/recurrent_kernel"),
                     %w: tensor<8x3xf32> PARAM("d/kernel")) -> tensor<3x3xf32> {
    %s = dlc.embedding %story, %es : (tensor<3x5xi32>, tensor<7x4xf32>) -> tensor<3x5x4xf32>
    %q = dlc.embedding %question, %eq : (tensor<3x2xi32>, tensor<7x4xf32>) -> tensor<3x2x4xf32>
    %qh = dlc.lstm %q, %k1, %r1 : (tensor<3x2x4xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<3x4xf32>
    %rq = dlc.repeat_vector %qh {n = 5} : tensor<3x4xf32> -> tensor<3x5x4xf32>
    %m = dlc.add %s, %rq : (tensor<3x5x4xf32>, tensor<3x5x4xf32>) -> tensor<3x5x4xf32>
    %h = dlc.lstm %m, %k2, %r2 : (tensor<3x5x4xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<3x4xf32>
    %c = dlc.concatenate %h, %qh : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x8xf32>
    %y = dlc.dense %c, %w : (tensor<3x8xf32>, tensor<8x3xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %y : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"});
}

TEST(TrainStepGradient, TimeDistributedTransposeSigmoids) {
  checkGradients({"td", R"(
  func.func @forward(%x: tensor<2x3x4xf32> {dlc.input = "x"}, %w: tensor<4x5xf32> PARAM("td/d/kernel"),
                     %b: tensor<5xf32> PARAM("td/d/bias"), %v: tensor<15x3xf32> PARAM("out/kernel")) -> tensor<2x3xf32> {
    %t = dlc.time_distributed %x : tensor<2x3x4xf32> -> tensor<2x3x5xf32> {
    ^bb0(%s: tensor<2x4xf32>):
      %d = dlc.dense %s, %w, %b : (tensor<2x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<2x5xf32>
      %g = dlc.activation sigmoid(%d) : tensor<2x5xf32>
      dlc.yield %g : tensor<2x5xf32>
    }
    %tr = dlc.transpose %t {permutation = array<i64: 0, 2, 1>} : tensor<2x3x5xf32> -> tensor<2x5x3xf32>
    %hs = dlc.activation hard_sigmoid(%tr) : tensor<2x5x3xf32>
    %f = dlc.flatten %hs : tensor<2x5x3xf32> -> tensor<2x15xf32>
    %y = dlc.dense %f, %v : (tensor<2x15xf32>, tensor<15x3xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %y : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  })"});
}
