// Every model file in every supported format imports, verifies, and matches Keras' parameter counts and shapes.
#include "FrontendTestUtil.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace dlc::test;

namespace {

struct ModelCase {
  const char *file;
  /// Keras' model.count_params() (the task table in models/*.yaml headers,
  /// by hand for the small functional models).
  int64_t params;
  std::vector<int64_t> output;
  const char *format;
  const char *kerasVersion; // "" when the file has none
};

std::ostream &operator<<(std::ostream &os, const ModelCase &c) { return os << c.file; }

class ModelImport : public FrontendTest,
                    public ::testing::WithParamInterface<ModelCase> {};

TEST_P(ModelImport, ImportsWithKerasParamCountAndOutputShape) {
  const ModelCase &c = GetParam();
  // models/ carry dlc.batch_size; the other files compile for batch 8.
  bool taskFile = std::string(c.file).rfind("models/", 0) == 0;
  ImportResult r = importFile(c.file, taskFile ? 0 : 8);
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_TRUE(r.diagnostics.empty()) << r.text();
  EXPECT_EQ(paramCount(*r.module), c.params);
  EXPECT_EQ(resultShape(*r.module), c.output);
  auto info = (*r.module)->getAttrOfType<DictionaryAttr>("dlc.model");
  ASSERT_TRUE(info);
  EXPECT_EQ(str(info.get("format")), std::string("\"") + c.format + "\"");
  if (*c.kerasVersion)
    EXPECT_EQ(str(info.get("keras_version")), std::string("\"") + c.kerasVersion + "\"");
  else
    EXPECT_FALSE(info.get("keras_version"));
  // dlc.training exactly when the file has a dlc: section (only models/).
  EXPECT_EQ(static_cast<bool>((*r.module)->getAttr("dlc.training")), taskFile);
}

const std::vector<int64_t> b128x10{128, 10}, b32x10{32, 10}, b32x36{32, 36},
    b8x10{8, 10}, b8x36{8, 36}, b8x3{8, 3}, b8x4{8, 4};

// clang-format off
INSTANTIATE_TEST_SUITE_P(TaskModels, ModelImport, ::testing::Values(
    ModelCase{"models/mnist_mlp.yaml", 669706, b128x10, "keras2-yaml", "2.0.8"},
    ModelCase{"models/mnist_cnn.yaml", 1199882, b128x10, "keras2-yaml", "2.0.8"},
    ModelCase{"models/cifar10_cnn.yaml", 1250858, b32x10, "keras2-yaml", "2.0.8"},
    ModelCase{"models/mnist_hrnn.yaml", 199434, b32x10, "keras2-yaml", "2.0.8"},
    ModelCase{"models/babi_rnn.yaml", 45836, b32x36, "keras2-yaml", "2.0.8"}));

INSTANTIATE_TEST_SUITE_P(Keras2JsonList208, ModelImport, ::testing::Values(
    ModelCase{"test/frontend/inputs/keras2-json-list/mnist_mlp.json", 669706, b8x10, "keras2-json", "2.0.8"},
    ModelCase{"test/frontend/inputs/keras2-json-list/mnist_cnn.json", 1199882, b8x10, "keras2-json", "2.0.8"},
    ModelCase{"test/frontend/inputs/keras2-json-list/cifar10_cnn.json", 1250858, b8x10, "keras2-json", "2.0.8"},
    ModelCase{"test/frontend/inputs/keras2-json-list/mnist_hrnn.json", 199434, b8x10, "keras2-json", "2.0.8"},
    ModelCase{"test/frontend/inputs/keras2-json-list/babi_rnn.json", 45836, b8x36, "keras2-json", "2.0.8"}));

INSTANTIATE_TEST_SUITE_P(Keras2JsonList222, ModelImport, ::testing::Values(
    ModelCase{"test/frontend/inputs/keras2-json-list-2.2.2/mnist_mlp.json", 669706, b8x10, "keras2-json", "2.2.2"},
    ModelCase{"test/frontend/inputs/keras2-json-list-2.2.2/mnist_cnn.json", 1199882, b8x10, "keras2-json", "2.2.2"},
    ModelCase{"test/frontend/inputs/keras2-json-list-2.2.2/cifar10_cnn.json", 1250858, b8x10, "keras2-json", "2.2.2"},
    ModelCase{"test/frontend/inputs/keras2-json-list-2.2.2/mnist_hrnn.json", 199434, b8x10, "keras2-json", "2.2.2"},
    ModelCase{"test/frontend/inputs/keras2-json-list-2.2.2/babi_rnn.json", 45836, b8x36, "keras2-json", "2.2.2"}));

INSTANTIATE_TEST_SUITE_P(Keras2JsonDict224, ModelImport, ::testing::Values(
    ModelCase{"test/frontend/inputs/keras2-json-2.2.4/mnist_mlp.json", 669706, b8x10, "keras2-json", "2.2.4"},
    ModelCase{"test/frontend/inputs/keras2-json-2.2.4/mnist_cnn.json", 1199882, b8x10, "keras2-json", "2.2.4"},
    ModelCase{"test/frontend/inputs/keras2-json-2.2.4/cifar10_cnn.json", 1250858, b8x10, "keras2-json", "2.2.4"},
    ModelCase{"test/frontend/inputs/keras2-json-2.2.4/mnist_hrnn.json", 199434, b8x10, "keras2-json", "2.2.4"},
    ModelCase{"test/frontend/inputs/keras2-json-2.2.4/babi_rnn.json", 45836, b8x36, "keras2-json", "2.2.4"}));

INSTANTIATE_TEST_SUITE_P(TfKeras215Json, ModelImport, ::testing::Values(
    ModelCase{"test/frontend/inputs/keras2-json/mnist_mlp.json", 669706, b8x10, "keras2-json", "2.15.0"},
    ModelCase{"test/frontend/inputs/keras2-json/mnist_cnn.json", 1199882, b8x10, "keras2-json", "2.15.0"},
    ModelCase{"test/frontend/inputs/keras2-json/cifar10_cnn.json", 1250858, b8x10, "keras2-json", "2.15.0"},
    ModelCase{"test/frontend/inputs/keras2-json/mnist_hrnn.json", 199434, b8x10, "keras2-json", "2.15.0"},
    ModelCase{"test/frontend/inputs/keras2-json/babi_rnn.json", 45836, b8x36, "keras2-json", "2.15.0"}));

INSTANTIATE_TEST_SUITE_P(Keras1, ModelImport, ::testing::Values(
    ModelCase{"test/frontend/inputs/keras1/mnist_mlp.json", 669706, b8x10, "keras1", "1.2.2"},
    ModelCase{"test/frontend/inputs/keras1/mnist_cnn.json", 1199882, b8x10, "keras1", "1.2.2"},
    ModelCase{"test/frontend/inputs/keras1/mnist_cnn.yaml", 1199882, b8x10, "keras1", "1.2.2"},
    ModelCase{"test/frontend/inputs/keras1/cifar10_cnn.json", 1250858, b8x10, "keras1", "1.2.2"},
    ModelCase{"test/frontend/inputs/keras1/mnist_hrnn.json", 199434, b8x10, "keras1", "1.2.2"},
    ModelCase{"test/frontend/inputs/keras1/babi_rnn.json", 45836, b8x36, "keras1", "1.2.2"},
    ModelCase{"test/frontend/inputs/keras1/babi_rnn_merge.json", 45836, b8x36, "keras1", "1.2.2"},
    // Dense 784->64 (50,240) + Dense 784->32 (25,120) + Dense 96->10 (970).
    ModelCase{"test/frontend/inputs/keras1/merge_concat.json", 76330, b8x10, "keras1", "1.2.2"}));

INSTANTIATE_TEST_SUITE_P(Keras3, ModelImport, ::testing::Values(
    ModelCase{"test/frontend/inputs/keras3/mnist_mlp.config.json", 669706, b8x10, "keras3", ""},
    ModelCase{"test/frontend/inputs/keras3/mnist_cnn.config.json", 1199882, b8x10, "keras3", ""},
    ModelCase{"test/frontend/inputs/keras3/cifar10_cnn.config.json", 1250858, b8x10, "keras3", ""},
    ModelCase{"test/frontend/inputs/keras3/mnist_hrnn.config.json", 199434, b8x10, "keras3", ""},
    ModelCase{"test/frontend/inputs/keras3/babi_rnn.config.json", 45836, b8x36, "keras3", ""},
    // Dense 5->4 (24) + Dense 6->3 (21).
    ModelCase{"test/frontend/inputs/keras3/tiny_functional.config.json", 45, b8x3, "keras3", ""},
    ModelCase{"test/frontend/inputs/keras3/tiny_functional.keras", 45, b8x3, "keras3", "3.15.1"},
    // Conv 3x3x1x3+3 = 30; PReLU alpha [1, 1, 3] = 3; Dense 48->8 = 392, 8->8
    // twice = 144, 8->4 = 36 (Keras' count_params(): 605).
    ModelCase{"test/frontend/inputs/keras3/advanced_activations.config.json", 605, b8x4, "keras3", ""}));

INSTANTIATE_TEST_SUITE_P(Functional, ModelImport, ::testing::Values(
    ModelCase{"test/frontend/inputs/functional/concat_branches.yaml", 76330, b8x10, "keras2-yaml", "2.0.8"},
    ModelCase{"test/frontend/inputs/functional/concat_branches.json", 76330, b8x10, "keras2-json", "2.0.8"},
    // Dense 784->64 (50,240) used twice, one set of weights; Dense 128->10 (1,290).
    ModelCase{"test/frontend/inputs/functional/shared_dense.yaml", 51530, b8x10, "keras2-yaml", "2.0.8"},
    ModelCase{"test/frontend/inputs/functional/shared_dense.json", 51530, b8x10, "keras2-json", "2.0.8"},
    // GRU 64 on 28 features: 3 * (28*64 + 64*64 + 64) = 17,856; SimpleRNN 32 on
    // 64: 64*32 + 32*32 + 32 = 3,104; Dense 32->10: 330.
    ModelCase{"test/frontend/inputs/functional/gru_simplernn.yaml", 21290, b8x10, "keras2-yaml", "2.0.8"},
    ModelCase{"test/frontend/inputs/functional/gru_simplernn.json", 21290, b8x10, "keras2-json", "2.0.8"},
    ModelCase{"test/frontend/inputs/functional/gru_simplernn.keras-2.2.4.json", 21290, b8x10, "keras2-json", "2.2.4"},
    // Keras 3 GRU is reset_after: a second bias row, 3 * 64 more.
    ModelCase{"test/frontend/inputs/functional/gru_simplernn.keras3.config.json", 21482, b8x10, "keras3", ""},
    // Conv 3x3x1x16+16 = 160; Conv 3x3x16x16+16 = 2,320; Dense 5*5*16->10 = 4,010.
    ModelCase{"test/frontend/inputs/functional/conv_misc.yaml", 6490, b8x10, "keras2-yaml", "2.0.8"},
    ModelCase{"test/frontend/inputs/functional/conv_misc.json", 6490, b8x10, "keras2-json", "2.0.8"},
    ModelCase{"test/frontend/inputs/channels_first/mnist_cnn_cf.yaml", 1199882, b8x10, "keras2-yaml", "2.0.8"},
    ModelCase{"test/frontend/inputs/channels_first/mnist_cnn_cf.json", 1199882, b8x10, "keras2-json", "2.2.4"}));
// Issue 14: a bare get_config() dictionary (no class_name wrapper) imports as
// the wrapped file does.
INSTANTIATE_TEST_SUITE_P(GetConfig, ModelImport, ::testing::Values(
    ModelCase{"test/frontend/inputs/get_config/mnist_mlp.keras-2.2.4.json", 669706, b8x10, "keras2-json", ""},
    ModelCase{"test/frontend/inputs/get_config/babi_rnn.tf-keras-2.15.json", 45836, b8x36, "keras2-json", ""},
    ModelCase{"test/frontend/inputs/get_config/mnist_mlp.keras3.json", 669706, b8x10, "keras3", ""},
    ModelCase{"test/frontend/inputs/get_config/tiny_functional.keras3.json", 45, b8x3, "keras3", ""}));
// clang-format on

//===----------------------------------------------------------------------===//
// The five task models in detail
//===----------------------------------------------------------------------===//

using TaskModels = FrontendTest;

TEST_F(TaskModels, MnistMlpOpsParamsAndTraining) {
  ImportResult r = importFile("models/mnist_mlp.yaml");
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(opNames(*r.module),
            (std::vector<std::string>{"dlc.dense", "dlc.activation", "dlc.dropout",
                                      "dlc.dense", "dlc.activation", "dlc.dropout",
                                      "dlc.dense", "dlc.softmax", "func.return"}));
  EXPECT_EQ(paramNames(*r.module),
            (std::vector<std::string>{"dense_1/kernel", "dense_1/bias", "dense_2/kernel",
                                      "dense_2/bias", "dense_3/kernel", "dense_3/bias"}));
  func::FuncOp f = forward(*r.module);
  EXPECT_EQ(str(f.getArgAttr(0, "dlc.input")), "\"dense_1_input\"");
  EXPECT_EQ(shapeOf(f.getArgument(0).getType()), (std::vector<int64_t>{128, 784}));
  EXPECT_EQ(shapeOf(f.getArgument(1).getType()), (std::vector<int64_t>{784, 512}));
  EXPECT_EQ(str(f.getResultAttr(0, "dlc.output")), "\"dense_3\"");
  // Keras 2.0.8 glorot_uniform is VarianceScaling(1, fan_avg, uniform).
  EXPECT_EQ(initOf(*r.module, "dense_1/kernel"),
            "{distribution = \"uniform\", kind = \"variance_scaling\", mode = "
            "\"fan_avg\", scale = 1.000000e+00 : f64}");
  EXPECT_EQ(initOf(*r.module, "dense_1/bias"), "{kind = \"zeros\"}");
  // Without a Keras seed, each dropout is seeded with its layer's position.
  Operation *d1 = findOp(*r.module, "dlc.dropout", 0);
  Operation *d2 = findOp(*r.module, "dlc.dropout", 1);
  ASSERT_TRUE(d1 && d2);
  EXPECT_EQ(str(d1->getAttr("seed")), "1 : i64");
  EXPECT_EQ(str(d2->getAttr("seed")), "3 : i64");
  EXPECT_EQ(str(d1->getAttr("rate")), "2.000000e-01 : f64");
  // Ops are located at their layer's entry: "- class_name: Dense" is line 10.
  Operation *dense = findOp(*r.module, "dlc.dense");
  EXPECT_EQ(locText(dense->getLoc()), "models/mnist_mlp.yaml:10:3");
  EXPECT_EQ(str(cast<NameLoc>(dense->getLoc()).getName()), "\"dense_1\"");

  auto training = (*r.module)->getAttrOfType<DictionaryAttr>("dlc.training");
  ASSERT_TRUE(training);
  EXPECT_EQ(str(training.get("batch_size")), "128 : i64");
  EXPECT_EQ(str(training.get("epochs")), "20 : i64");
  EXPECT_EQ(str(training.get("loss")), "\"categorical_crossentropy\"");
  EXPECT_EQ(str(training.get("dataset")), "{name = \"mnist\"}");
  EXPECT_EQ(str(training.get("metrics")), "[\"accuracy\"]");
  EXPECT_EQ(str(training.get("validation")), "\"test\"");
  EXPECT_EQ(str(training.get("optimizer")),
            "{class_name = \"RMSprop\", config = {decay = 0.000000e+00 : f64, "
            "epsilon = 1.000000e-08 : f64, lr = 1.000000e-03 : f64, rho = "
            "9.000000e-01 : f64}}");
  auto info = (*r.module)->getAttrOfType<DictionaryAttr>("dlc.model");
  // Keras 2.0.8 Sequential YAML has no model name: the file's stem stands in.
  EXPECT_EQ(str(info.get("name")), "\"mnist_mlp\"");
}

TEST_F(TaskModels, BatchSizeOptionOverridesTheDlcSection) {
  ImportResult r = importFile("models/mnist_mlp.yaml", 7);
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(resultShape(*r.module), (std::vector<int64_t>{7, 10}));
  // Still records the file's training batch size.
  auto training = (*r.module)->getAttrOfType<DictionaryAttr>("dlc.training");
  EXPECT_EQ(str(training.get("batch_size")), "128 : i64");
}

TEST_F(TaskModels, MnistCnnShapes) {
  ImportResult r = importFile("models/mnist_cnn.yaml");
  ASSERT_TRUE(r.module) << r.text();
  // 28 -(3x3 valid)-> 26 -(3x3 valid)-> 24 -(pool 2)-> 12; 12*12*64 = 9216.
  EXPECT_EQ(shapeOf(findOp(*r.module, "dlc.conv2d", 0)->getResult(0).getType()),
            (std::vector<int64_t>{128, 26, 26, 32}));
  EXPECT_EQ(shapeOf(findOp(*r.module, "dlc.conv2d", 1)->getResult(0).getType()),
            (std::vector<int64_t>{128, 24, 24, 64}));
  EXPECT_EQ(shapeOf(findOp(*r.module, "dlc.max_pool2d")->getResult(0).getType()),
            (std::vector<int64_t>{128, 12, 12, 64}));
  EXPECT_EQ(shapeOf(findOp(*r.module, "dlc.flatten")->getResult(0).getType()),
            (std::vector<int64_t>{128, 9216}));
  // channels_last needs no layout change.
  EXPECT_EQ(findOp(*r.module, "dlc.transpose"), nullptr);
  auto training = (*r.module)->getAttrOfType<DictionaryAttr>("dlc.training");
  EXPECT_EQ(str(training.get("optimizer")),
            "{class_name = \"Adadelta\", config = {decay = 0.000000e+00 : f64, "
            "epsilon = 1.000000e-08 : f64, lr = 1.000000e+00 : f64, rho = "
            "0.94999999999999996 : f64}}");
}

TEST_F(TaskModels, Cifar10CnnSamePaddingAndAugmentation) {
  ImportResult r = importFile("models/cifar10_cnn.yaml");
  ASSERT_TRUE(r.module) << r.text();
  Operation *conv0 = findOp(*r.module, "dlc.conv2d", 0);
  EXPECT_EQ(padding(conv0), "same");
  // 32 same -> 32, valid -> 30, pool -> 15, same -> 15, valid -> 13, pool -> 6.
  EXPECT_EQ(shapeOf(findOp(*r.module, "dlc.flatten")->getResult(0).getType()),
            (std::vector<int64_t>{32, 6 * 6 * 64}));
  auto training = (*r.module)->getAttrOfType<DictionaryAttr>("dlc.training");
  EXPECT_EQ(str(training.get("augmentation")),
            "{height_shift_range = 1.000000e-01 : f64, horizontal_flip = true, "
            "width_shift_range = 1.000000e-01 : f64}");
}

TEST_F(TaskModels, MnistHrnnTimeDistributedLstm) {
  ImportResult r = importFile("models/mnist_hrnn.yaml");
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(opNames(*r.module),
            (std::vector<std::string>{"dlc.time_distributed", "dlc.lstm", "dlc.dense",
                                      "dlc.softmax", "func.return"}));
  EXPECT_EQ(paramNames(*r.module),
            (std::vector<std::string>{
                "time_distributed_1/lstm_1/kernel",
                "time_distributed_1/lstm_1/recurrent_kernel",
                "time_distributed_1/lstm_1/bias", "lstm_2/kernel",
                "lstm_2/recurrent_kernel", "lstm_2/bias", "dense_1/kernel",
                "dense_1/bias"}));
  Operation *td = findOp(*r.module, "dlc.time_distributed");
  EXPECT_EQ(shapeOf(td->getResult(0).getType()), (std::vector<int64_t>{32, 28, 128}));
  // The inner LSTM runs on one row: [32, 28, 1] -> [32, 128].
  Operation *inner = findOp(*r.module, "dlc.lstm", 0);
  ASSERT_EQ(inner->getParentOp(), td);
  EXPECT_EQ(shapeOf(inner->getOperand(0).getType()), (std::vector<int64_t>{32, 28, 1}));
  EXPECT_EQ(activation(inner, "recurrent_activation"), "hard_sigmoid");
  EXPECT_EQ(initOf(*r.module, "lstm_2/bias"), "{kind = \"lstm_unit_forget_bias\"}");
  EXPECT_EQ(initOf(*r.module, "lstm_2/recurrent_kernel"),
            "{gain = 1.000000e+00 : f64, kind = \"orthogonal\"}");
  // The wrapped layer is located at its own {class_name, config} mapping.
  EXPECT_EQ(locText(inner->getLoc()), "models/mnist_hrnn.yaml:25:9");
  EXPECT_EQ(str(cast<NameLoc>(inner->getLoc()).getName()), "\"lstm_1\"");
}

TEST_F(TaskModels, BabiRnnIntegerInputsAndLayerOrder) {
  ImportResult r = importFile("models/babi_rnn.yaml");
  ASSERT_TRUE(r.module) << r.text();
  func::FuncOp f = forward(*r.module);
  // Inputs in input_layers order (input_1 = story, input_2 = question), i32
  // because they feed Embedding layers.
  EXPECT_EQ(str(f.getArgAttr(0, "dlc.input")), "\"input_1\"");
  EXPECT_EQ(str(f.getArgAttr(1, "dlc.input")), "\"input_2\"");
  EXPECT_EQ(str(TypeAttr::get(f.getArgument(0).getType())), "tensor<32x552xi32>");
  EXPECT_EQ(str(TypeAttr::get(f.getArgument(1).getType())), "tensor<32x5xi32>");
  // Parameters follow the file's layer list, where embedding_2 comes first.
  std::vector<std::string> names = paramNames(*r.module);
  ASSERT_EQ(names.size(), 10u);
  EXPECT_EQ(names[0], "embedding_2/embeddings");
  EXPECT_EQ(names[1], "embedding_1/embeddings");
  EXPECT_EQ(initOf(*r.module, "embedding_1/embeddings"),
            "{kind = \"random_uniform\", maxval = 5.000000e-02 : f64, minval = "
            "-5.000000e-02 : f64}");
  EXPECT_EQ(shapeOf(findOp(*r.module, "dlc.add")->getResult(0).getType()),
            (std::vector<int64_t>{32, 552, 50}));
  auto training = (*r.module)->getAttrOfType<DictionaryAttr>("dlc.training");
  EXPECT_EQ(str(training.get("dataset")),
            "{name = \"babi\", task = \"qa2\", variant = \"en\"}");
}

//===----------------------------------------------------------------------===//
// Format specifics
//===----------------------------------------------------------------------===//

using Formats = FrontendTest;

TEST_F(Formats, ChannelsFirstTransposesInputAndFlattensInKerasOrder) {
  // Keras 2.0.8's Flatten flattens the NCHW tensor as it is: it must be
  // transposed back from NHWC. (Keras 2.2.4's Flatten has data_format, see
  // the next test.)
  {
    ImportResult r = importFile("test/frontend/inputs/channels_first/mnist_cnn_cf.yaml", 2);
    ASSERT_TRUE(r.module) << r.text();
    func::FuncOp f = forward(*r.module);
    // The input keeps Keras' NCHW shape; one transpose brings it to NHWC.
    EXPECT_EQ(shapeOf(f.getArgument(0).getType()), (std::vector<int64_t>{2, 1, 28, 28}));
    Operation *toNHWC = findOp(*r.module, "dlc.transpose", 0);
    ASSERT_TRUE(toNHWC);
    EXPECT_EQ(toNHWC->getOperand(0), f.getArgument(0));
    EXPECT_EQ(str(toNHWC->getAttr("permutation")), "array<i64: 0, 2, 3, 1>");
    // The convolutions and the pooling run in NHWC.
    EXPECT_EQ(shapeOf(findOp(*r.module, "dlc.max_pool2d")->getResult(0).getType()),
              (std::vector<int64_t>{2, 12, 12, 64}));
    // Keras flattens the channels_first tensor in NCHW order: transposed back.
    Operation *toNCHW = findOp(*r.module, "dlc.transpose", 1);
    ASSERT_TRUE(toNCHW);
    EXPECT_EQ(str(toNCHW->getAttr("permutation")), "array<i64: 0, 3, 1, 2>");
    Operation *flatten = findOp(*r.module, "dlc.flatten");
    EXPECT_EQ(flatten->getOperand(0), toNCHW->getResult(0));
    EXPECT_EQ(shapeOf(toNCHW->getResult(0).getType()), (std::vector<int64_t>{2, 64, 12, 12}));
    EXPECT_EQ(findOp(*r.module, "dlc.transpose", 2), nullptr);
  }
}

TEST_F(Formats, ChannelsFirstFlattenWithDataFormatNeedsNoTransposeBack) {
  // Keras >= 2.1.6 writes Flatten(data_format='channels_first'), which moves
  // the channels last before flattening: exactly dlc's NHWC order.
  ImportResult r = importFile("test/frontend/inputs/channels_first/mnist_cnn_cf.json", 2);
  ASSERT_TRUE(r.module) << r.text();
  func::FuncOp f = forward(*r.module);
  Operation *toNHWC = findOp(*r.module, "dlc.transpose", 0);
  ASSERT_TRUE(toNHWC);
  EXPECT_EQ(toNHWC->getOperand(0), f.getArgument(0));
  EXPECT_EQ(findOp(*r.module, "dlc.transpose", 1), nullptr);
  Operation *flatten = findOp(*r.module, "dlc.flatten");
  EXPECT_EQ(shapeOf(flatten->getOperand(0).getType()), (std::vector<int64_t>{2, 12, 12, 64}));
}

// Issue 14: PyYAML loads a repeated key with its last value; so does dlc,
// warning at the later key and naming the earlier one's line.
TEST_F(Formats, RepeatedKeyLoadsAsPyYAMLLoadsIt) {
  ImportResult r = importText("class_name: Sequential\n"
                              "config:\n"
                              "- class_name: Dense\n"
                              "  config:\n"
                              "    name: d\n"
                              "    units: 3\n"
                              "    batch_input_shape: [null, 5]\n"
                              "    units: 7\n",
                              "dup.yaml", 2);
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(resultShape(*r.module), (std::vector<int64_t>{2, 7}));
  ASSERT_EQ(r.diagnostics.size(), 1u) << r.text();
  EXPECT_EQ(r.diagnostics[0], "dup.yaml:8:5: warning: duplicate key 'units' (first at line 6): "
                              "the last value is used, as PyYAML and Python's json do");
}

TEST_F(Formats, SharedLayerReusesItsWeights) {
  ImportResult r = importFile("test/frontend/inputs/functional/shared_dense.yaml");
  ASSERT_TRUE(r.module) << r.text();
  Operation *first = findOp(*r.module, "dlc.dense", 0);
  Operation *second = findOp(*r.module, "dlc.dense", 1);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->getOperand(1), second->getOperand(1));
  EXPECT_EQ(first->getOperand(2), second->getOperand(2));
  EXPECT_NE(first->getOperand(0), second->getOperand(0));
  // Two inputs, one kernel + bias for the shared layer, one for the head.
  EXPECT_EQ(paramNames(*r.module).size(), 4u);
}

TEST_F(Formats, KerasArchiveIsLocatedInsideTheArchive) {
  ImportResult r = importFile("test/frontend/inputs/keras3/tiny_functional.keras");
  ASSERT_TRUE(r.module) << r.text();
  Operation *dense = findOp(*r.module, "dlc.dense");
  EXPECT_EQ(locText(dense->getLoc()).rfind(
                "test/frontend/inputs/keras3/tiny_functional.keras/config.json:1:", 0),
            0u)
      << locText(dense->getLoc());
  func::FuncOp f = forward(*r.module);
  EXPECT_EQ(str(f.getArgAttr(0, "dlc.input")), "\"a\"");
  EXPECT_EQ(str(f.getArgAttr(1, "dlc.input")), "\"b\"");
  auto info = (*r.module)->getAttrOfType<DictionaryAttr>("dlc.model");
  EXPECT_EQ(str(info.get("name")), "\"tiny_functional\"");
}

TEST_F(Formats, Keras3GruIsResetAfterAndSigmoid) {
  ImportResult r =
      importFile("test/frontend/inputs/functional/gru_simplernn.keras3.config.json");
  ASSERT_TRUE(r.module) << r.text();
  Operation *gru = findOp(*r.module, "dlc.gru");
  ASSERT_TRUE(gru);
  EXPECT_EQ(str(gru->getAttr("reset_after")), "true");
  EXPECT_EQ(activation(gru, "recurrent_activation"), "sigmoid");
  EXPECT_EQ(shapeOf(gru->getOperand(3).getType()), (std::vector<int64_t>{2, 192}));
}

TEST_F(Formats, Keras1InitialisersAndMerge) {
  ImportResult r = importFile("test/frontend/inputs/keras1/babi_rnn.json");
  ASSERT_TRUE(r.module) << r.text();
  // Keras 1 LSTM: inner_init orthogonal had scale 1.1, forget_bias_init one.
  std::vector<std::string> names = paramNames(*r.module);
  std::string lstm;
  for (const std::string &n : names)
    if (n.find("/recurrent_kernel") != std::string::npos && lstm.empty())
      lstm = n.substr(0, n.find('/'));
  ASSERT_FALSE(lstm.empty());
  EXPECT_EQ(initOf(*r.module, lstm + "/recurrent_kernel"),
            "{gain = 1.100000e+00 : f64, kind = \"orthogonal\"}");
  EXPECT_EQ(initOf(*r.module, lstm + "/bias"), "{kind = \"lstm_unit_forget_bias\"}");
  // Merge(mode='sum') of the two Sequential branches is one dlc.add; the
  // branches' inputs are the model's two (integer) inputs.
  EXPECT_TRUE(findOp(*r.module, "dlc.add"));
  func::FuncOp f = forward(*r.module);
  EXPECT_EQ(str(TypeAttr::get(f.getArgument(0).getType())), "tensor<1x552xi32>");
  EXPECT_EQ(str(TypeAttr::get(f.getArgument(1).getType())), "tensor<1x5xi32>");
}

} // namespace
