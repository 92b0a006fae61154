// Layer by layer: Keras 1/2/3 spellings, options, shapes, layouts and initialisers map to the expected dlc IR.
#include "FrontendTestUtil.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace dlc::test;

namespace {

using Layers = FrontendTest;

/// A Sequential Keras 2 model whose first layer gets `inputShape`. Layers
/// are "{class_name: X, config: {...}}" flow mappings.
std::string sequential(const std::string &inputShape,
                       const std::vector<std::string> &layers,
                       const std::string &version = "2.0.8") {
  std::string s = "class_name: Sequential\nkeras_version: " + version + "\nconfig:\n";
  for (size_t i = 0; i < layers.size(); ++i) {
    std::string cfg = layers[i];
    if (i == 0) {
      // Before the config's closing brace (the entry's is the last one).
      size_t close = cfg.rfind('}', cfg.rfind('}') - 1);
      cfg.insert(close, ", batch_input_shape: [null, " + inputShape + "]");
    }
    s += "- " + cfg + "\n";
  }
  return s;
}

TEST_F(Layers, YamlAnchorsAndPythonTuples) {
  // PyYAML writes tuples as !!python/tuple and repeated values as anchors.
  std::string model = "class_name: Sequential\n"
                      "keras_version: 2.0.8\n"
                      "config:\n"
                      "- class_name: Conv2D\n"
                      "  config:\n"
                      "    name: c1\n"
                      "    filters: 2\n"
                      "    kernel_size: !!python/tuple [3, 3]\n"
                      "    strides: &id001 !!python/tuple [1, 1]\n"
                      "    dilation_rate: *id001\n"
                      "    padding: valid\n"
                      "    batch_input_shape: !!python/tuple [null, 6, 6, 1]\n"
                      "- class_name: Conv2D\n"
                      "  config: {name: c2, filters: 2, kernel_size: !!python/tuple\n"
                      "      [3, 3], strides: *id001, padding: same}\n";
  ImportResult r = importText(model);
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(resultShape(*r.module), (std::vector<int64_t>{1, 4, 4, 2}));
  Operation *c1 = findOp(*r.module, "dlc.conv2d", 0);
  EXPECT_EQ(str(c1->getAttr("strides")), "array<i64: 1, 1>");
  EXPECT_EQ(str(c1->getAttr("dilations")), "array<i64: 1, 1>");
}

TEST_F(Layers, Keras1ConvolutionWithThOrdering) {
  std::string model =
      "{\"class_name\": \"Sequential\", \"keras_version\": \"1.2.2\", \"config\": [\n"
      "{\"class_name\": \"Convolution2D\", \"config\": {\"name\": \"convolution2d_1\",\n"
      " \"nb_filter\": 8, \"nb_row\": 3, \"nb_col\": 5, \"border_mode\": \"same\",\n"
      " \"subsample\": [2, 2], \"dim_ordering\": \"th\", \"init\": \"he_normal\",\n"
      " \"activation\": \"relu\", \"bias\": true, \"batch_input_shape\": [null, 3, 9, 10],\n"
      " \"input_dtype\": \"float32\", \"W_regularizer\": null}},\n"
      "{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"maxpooling2d_1\",\n"
      " \"pool_size\": [2, 2], \"strides\": null, \"border_mode\": \"valid\", \"dim_ordering\": \"th\"}},\n"
      "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flatten_1\"}},\n"
      "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\", \"output_dim\": 4,\n"
      " \"init\": \"glorot_normal\", \"activation\": \"linear\", \"bias\": false}},\n"
      "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"dropout_1\", \"p\": 0.5}}]}\n";
  ImportResult r = importText(model, "k1.json", 2);
  ASSERT_TRUE(r.module) << r.text();
  auto info = (*r.module)->getAttrOfType<DictionaryAttr>("dlc.model");
  EXPECT_EQ(str(info.get("format")), "\"keras1\"");
  Operation *conv = findOp(*r.module, "dlc.conv2d");
  // th: [2, 3, 9, 10] is NCHW; same padding, stride 2: ceil(9/2)=5, ceil(10/2)=5.
  EXPECT_EQ(shapeOf(conv->getOperand(0).getType()), (std::vector<int64_t>{2, 9, 10, 3}));
  EXPECT_EQ(shapeOf(conv->getOperand(1).getType()), (std::vector<int64_t>{3, 5, 3, 8}));
  EXPECT_EQ(shapeOf(conv->getResult(0).getType()), (std::vector<int64_t>{2, 5, 5, 8}));
  EXPECT_EQ(str(conv->getAttr("strides")), "array<i64: 2, 2>");
  EXPECT_EQ(padding(conv), "same");
  // Keras 1 he_normal/glorot_normal drew from an untruncated normal.
  EXPECT_EQ(initOf(*r.module, "convolution2d_1/kernel"),
            "{distribution = \"normal\", kind = \"variance_scaling\", mode = "
            "\"fan_in\", scale = 2.000000e+00 : f64}");
  EXPECT_EQ(initOf(*r.module, "dense_1/kernel"),
            "{distribution = \"normal\", kind = \"variance_scaling\", mode = "
            "\"fan_avg\", scale = 1.000000e+00 : f64}");
  // pool 2 (strides default to the pool size): 5 -> 2; Keras 1 Flatten
  // flattens the th tensor in NCHW order: 8 * 2 * 2.
  Operation *flatten = findOp(*r.module, "dlc.flatten");
  EXPECT_EQ(shapeOf(flatten->getOperand(0).getType()), (std::vector<int64_t>{2, 8, 2, 2}));
  EXPECT_EQ(shapeOf(flatten->getResult(0).getType()), (std::vector<int64_t>{2, 32}));
  // bias: false -> no bias operand, no bias parameter.
  Operation *dense = findOp(*r.module, "dlc.dense");
  EXPECT_EQ(dense->getNumOperands(), 2u);
  EXPECT_EQ(paramNames(*r.module),
            (std::vector<std::string>{"convolution2d_1/kernel", "convolution2d_1/bias",
                                      "dense_1/kernel"}));
  EXPECT_EQ(str(findOp(*r.module, "dlc.dropout")->getAttr("rate")), "5.000000e-01 : f64");
}

TEST_F(Layers, FlattenChannelsFirstKeepsNHWC) {
  // Flatten(data_format='channels_first') moves channels last itself, which
  // is the NHWC order the conv already produces: no transpose back.
  ImportResult r = importText(sequential(
      "3, 4, 4",
      {"{class_name: Conv2D, config: {name: c, filters: 2, kernel_size: 3, data_format: channels_first}}",
       "{class_name: Flatten, config: {name: f, data_format: channels_first}}"}));
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(opNames(*r.module),
            (std::vector<std::string>{"dlc.transpose", "dlc.conv2d", "dlc.flatten",
                                      "func.return"}));
  EXPECT_EQ(resultShape(*r.module), (std::vector<int64_t>{1, 8}));
}

TEST_F(Layers, ChannelsFirstOutputIsReturnedInKerasLayout) {
  ImportResult r = importText(sequential(
      "3, 5, 5",
      {"{class_name: AveragePooling2D, config: {name: p, pool_size: 3, strides: 2, padding: same, data_format: channels_first}}"}));
  ASSERT_TRUE(r.module) << r.text();
  // ceil(5 / 2) = 3 with 'same' padding; NCHW in and out, NHWC inside.
  EXPECT_EQ(opNames(*r.module),
            (std::vector<std::string>{"dlc.transpose", "dlc.avg_pool2d", "dlc.transpose",
                                      "func.return"}));
  EXPECT_EQ(resultShape(*r.module), (std::vector<int64_t>{1, 3, 3, 3}));
}

TEST_F(Layers, PoolAliasesAndWindowSizes) {
  ImportResult r = importText(sequential(
      "7, 7, 2", {"{class_name: MaxPool2D, config: {name: p1, pool_size: [3, 3], strides: [2, 2], padding: valid}}",
                  "{class_name: AvgPool2D, config: {name: p2, pool_size: [2, 2], padding: same}}"}));
  ASSERT_TRUE(r.module) << r.text();
  // valid: (7 - 3) / 2 + 1 = 3; same with stride 2: ceil(3 / 2) = 2.
  EXPECT_EQ(shapeOf(findOp(*r.module, "dlc.max_pool2d")->getResult(0).getType()),
            (std::vector<int64_t>{1, 3, 3, 2}));
  EXPECT_EQ(resultShape(*r.module), (std::vector<int64_t>{1, 2, 2, 2}));
}

TEST_F(Layers, DilatedConvolution) {
  ImportResult r = importText(sequential(
      "10, 10, 1", {"{class_name: Conv2D, config: {name: c, filters: 1, kernel_size: 3, dilation_rate: 2, use_bias: false}}"}));
  ASSERT_TRUE(r.module) << r.text();
  // Effective window (3 - 1) * 2 + 1 = 5: 10 - 5 + 1 = 6.
  EXPECT_EQ(resultShape(*r.module), (std::vector<int64_t>{1, 6, 6, 1}));
  EXPECT_EQ(str(findOp(*r.module, "dlc.conv2d")->getAttr("dilations")), "array<i64: 2, 2>");
  EXPECT_EQ(paramNames(*r.module), (std::vector<std::string>{"c/kernel"}));
}

TEST_F(Layers, GruResetAfterFalseAndTrue) {
  for (bool resetAfter : {false, true}) {
    ImportResult r = importText(sequential(
        "7, 3", {std::string("{class_name: GRU, config: {name: g, units: 4, return_sequences: true, reset_after: ") +
                 (resetAfter ? "true" : "false") + "}}"}));
    ASSERT_TRUE(r.module) << r.text();
    Operation *gru = findOp(*r.module, "dlc.gru");
    EXPECT_EQ(str(gru->getAttr("reset_after")), resetAfter ? "true" : "false");
    // Keras 2.0.8 default recurrent activation.
    EXPECT_EQ(activation(gru, "recurrent_activation"), "hard_sigmoid");
    std::vector<int64_t> biasShape = resetAfter ? std::vector<int64_t>{2, 12}
                                                : std::vector<int64_t>{12};
    EXPECT_EQ(shapeOf(gru->getOperand(3).getType()), biasShape);
    EXPECT_EQ(resultShape(*r.module), (std::vector<int64_t>{1, 7, 4}));
    // 3 * (3*4 + 4*4 + 4) = 96, plus 12 for the second bias row.
    EXPECT_EQ(paramCount(*r.module), resetAfter ? 108 : 96);
  }
}

TEST_F(Layers, SimpleRnnGoBackwardsAndRelu) {
  ImportResult r = importText(sequential(
      "7, 3", {"{class_name: SimpleRNN, config: {name: s, units: 5, activation: relu, go_backwards: true}}"}));
  ASSERT_TRUE(r.module) << r.text();
  Operation *rnn = findOp(*r.module, "dlc.simple_rnn");
  EXPECT_EQ(activation(rnn, "activation"), "relu");
  EXPECT_EQ(str(rnn->getAttr("go_backwards")), "true");
  EXPECT_EQ(resultShape(*r.module), (std::vector<int64_t>{1, 5}));
  // 3*5 + 5*5 + 5.
  EXPECT_EQ(paramCount(*r.module), 45);
}

TEST_F(Layers, Keras3HardSigmoidIsTheNewFormula) {
  std::string model =
      "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [\n"
      "{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 4, 2], \"dtype\": \"float32\", \"name\": \"input_layer\"}},\n"
      "{\"module\": \"keras.layers\", \"class_name\": \"LSTM\", \"config\": {\"name\": \"lstm\", \"units\": 3,\n"
      " \"recurrent_activation\": \"hard_sigmoid\", \"activation\": \"tanh\", \"unit_forget_bias\": true,\n"
      " \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}},\n"
      " \"kernel_initializer\": {\"module\": \"keras.initializers\", \"class_name\": \"GlorotUniform\", \"config\": {\"seed\": 7}},\n"
      " \"recurrent_initializer\": {\"module\": \"keras.initializers\", \"class_name\": \"Orthogonal\", \"config\": {\"gain\": 2.0, \"seed\": null}},\n"
      " \"bias_initializer\": {\"module\": \"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {}}},\n"
      " \"registered_name\": null},\n"
      "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 2, \"activation\": \"hard_sigmoid\"}}]}}\n";
  ImportResult r = importText(model, "k3.json");
  ASSERT_TRUE(r.module) << r.text();
  Operation *lstm = findOp(*r.module, "dlc.lstm");
  EXPECT_EQ(activation(lstm, "recurrent_activation"), "hard_sigmoid6");
  EXPECT_EQ(activation(findOp(*r.module, "dlc.activation"), "kind"), "hard_sigmoid6");
  EXPECT_EQ(initOf(*r.module, "lstm/kernel"),
            "{distribution = \"uniform\", kind = \"variance_scaling\", mode = "
            "\"fan_avg\", scale = 1.000000e+00 : f64, seed = 7 : i64}");
  EXPECT_EQ(initOf(*r.module, "lstm/recurrent_kernel"),
            "{gain = 2.000000e+00 : f64, kind = \"orthogonal\"}");
  EXPECT_EQ(initOf(*r.module, "lstm/bias"), "{kind = \"lstm_unit_forget_bias\"}");
  EXPECT_EQ(str(forward(*r.module).getArgAttr(0, "dlc.input")), "\"input_layer\"");
}

TEST_F(Layers, InitialiserNormalisation) {
  struct Case {
    const char *keras;
    const char *dlc;
  };
  const Case cases[] = {
      {"{class_name: VarianceScaling, config: {scale: 2.0, mode: fan_out, distribution: normal, seed: 3}}",
       "{distribution = \"truncated_normal\", kind = \"variance_scaling\", mode = \"fan_out\", scale = 2.000000e+00 : f64, seed = 3 : i64}"},
      {"{class_name: VarianceScaling, config: {distribution: untruncated_normal}}",
       "{distribution = \"normal\", kind = \"variance_scaling\", mode = \"fan_in\", scale = 1.000000e+00 : f64}"},
      {"he_uniform",
       "{distribution = \"uniform\", kind = \"variance_scaling\", mode = \"fan_in\", scale = 2.000000e+00 : f64}"},
      {"{class_name: LecunNormal, config: {seed: null}}",
       "{distribution = \"truncated_normal\", kind = \"variance_scaling\", mode = \"fan_in\", scale = 1.000000e+00 : f64}"},
      {"{class_name: RandomNormal, config: {mean: 0.5, stddev: 0.25, seed: null}}",
       "{kind = \"random_normal\", mean = 5.000000e-01 : f64, stddev = 2.500000e-01 : f64}"},
      {"{class_name: TruncatedNormal, config: {mean: 0.0, stddev: 0.1, seed: 11}}",
       "{kind = \"truncated_normal\", mean = 0.000000e+00 : f64, seed = 11 : i64, stddev = 1.000000e-01 : f64}"},
      {"{class_name: RandomUniform, config: {minval: -1.0, maxval: 2.0}}",
       "{kind = \"random_uniform\", maxval = 2.000000e+00 : f64, minval = -1.000000e+00 : f64}"},
      {"{class_name: Constant, config: {value: 0.75}}",
       "{kind = \"constant\", value = 7.500000e-01 : f64}"},
      {"{class_name: Ones, config: {}}", "{kind = \"ones\"}"},
      {"zeros", "{kind = \"zeros\"}"},
      {"{class_name: Identity, config: {gain: 3.0}}",
       "{gain = 3.000000e+00 : f64, kind = \"identity\"}"},
  };
  for (const Case &c : cases) {
    ImportResult r = importText(sequential(
        "4", {std::string("{class_name: Dense, config: {name: d, units: 4, kernel_initializer: ") +
              c.keras + "}}"}));
    ASSERT_TRUE(r.module) << c.keras << "\n" << r.text();
    EXPECT_EQ(initOf(*r.module, "d/kernel"), c.dlc) << c.keras;
  }
}

TEST_F(Layers, UnitForgetBiasOff) {
  ImportResult r = importText(sequential(
      "4, 2", {"{class_name: LSTM, config: {name: l, units: 3, unit_forget_bias: false, bias_initializer: ones}}"}));
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(initOf(*r.module, "l/bias"), "{kind = \"ones\"}");
}

TEST_F(Layers, ActivationLayersAndDropoutSeed) {
  ImportResult r = importText(sequential(
      "6", {"{class_name: Activation, config: {name: a1, activation: elu}}",
            "{class_name: Dropout, config: {name: d, rate: 0.3, seed: 42}}",
            "{class_name: Activation, config: {name: a2, activation: softmax}}",
            "{class_name: Activation, config: {name: a3, activation: linear}}"}));
  ASSERT_TRUE(r.module) << r.text();
  // linear is no op at all.
  EXPECT_EQ(opNames(*r.module),
            (std::vector<std::string>{"dlc.activation", "dlc.dropout", "dlc.softmax",
                                      "func.return"}));
  EXPECT_EQ(str(findOp(*r.module, "dlc.dropout")->getAttr("seed")), "42 : i64");
  EXPECT_EQ(activation(findOp(*r.module, "dlc.activation"), "kind"), "elu");
}

// Issue 14: Keras' advanced activation layers, with their Keras 1/2 keys
// (alpha, theta; Keras 3's are in test/frontend/inputs/keras3/
// advanced_activations.config.json).
TEST_F(Layers, AdvancedActivations) {
  ImportResult r = importText(
      sequential("4, 4, 2", {"{class_name: LeakyReLU, config: {name: l, alpha: 0.25}}",
                             "{class_name: ThresholdedReLU, config: {name: t, theta: 0.5}}",
                             "{class_name: ELU, config: {name: e}}",
                             "{class_name: ReLU, config: {name: r, max_value: 6.0}}",
                             "{class_name: ReLU, config: {name: plain}}",
                             "{class_name: PReLU, config: {name: p, shared_axes: [1, 2], "
                             "alpha_initializer: {class_name: Constant, config: {value: 0.25}}}}",
                             "{class_name: LeakyReLU, config: {name: default_slope}}",
                             "{class_name: Softmax, config: {name: s, axis: 1}}"}),
      "adv.yaml", 2);
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(opNames(*r.module),
            (std::vector<std::string>{"dlc.activation", "dlc.activation", "dlc.activation",
                                      "dlc.activation", "dlc.activation", "dlc.prelu",
                                      "dlc.activation", "dlc.softmax", "func.return"}));
  auto attrs = [&](unsigned nth) {
    Operation *op = findOp(*r.module, "dlc.activation", nth);
    return activation(op, "kind") + " " + str(op->getDiscardableAttrDictionary()) + " " +
           str(op->getPropertiesAsAttribute());
  };
  EXPECT_EQ(attrs(0), "relu {} {alpha = 2.500000e-01 : f64, kind = 1 : i32}");
  EXPECT_EQ(attrs(1), "relu {} {kind = 1 : i32, threshold = 5.000000e-01 : f64}");
  EXPECT_EQ(attrs(2), "elu {} {alpha = 1.000000e+00 : f64, kind = 5 : i32}");
  EXPECT_EQ(attrs(3), "relu {} {kind = 1 : i32, max_value = 6.000000e+00 : f64}");
  EXPECT_EQ(attrs(4), "relu {} {kind = 1 : i32}");
  EXPECT_EQ(attrs(5), "relu {} {alpha = 3.000000e-01 : f64, kind = 1 : i32}");
  // PReLU: one alpha per channel, shared along height and width (Keras'
  // shared_axes count from the batch axis 0), a parameter named like Keras'.
  EXPECT_EQ(paramNames(*r.module), (std::vector<std::string>{"p/alpha"}));
  EXPECT_EQ(shapeOf(findOp(*r.module, "dlc.prelu")->getOperand(1).getType()),
            (std::vector<int64_t>{1, 1, 2}));
  EXPECT_EQ(initOf(*r.module, "p/alpha"), "{kind = \"constant\", value = 2.500000e-01 : f64}");
  EXPECT_EQ(str(findOp(*r.module, "dlc.softmax")->getAttr("axis")), "1 : i64");
}

TEST_F(Layers, AdvancedActivationsRefuseWhatKerasRefuses) {
  ImportResult r = importText(
      sequential("4", {"{class_name: ReLU, config: {name: r, max_value: -1.0}}"}), "m.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].find("layer 'r' (ReLU): 'max_value' must be at least 0 (Keras "
                                  "refuses a negative cap), got -1.0"),
            std::string::npos)
      << r.text();
  r = importText(sequential("4", {"{class_name: ReLU, config: {name: r, negative_slope: -0.5}}"}),
                 "m.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].find("'negative_slope' must be at least 0"), std::string::npos);
  r = importText(sequential("4, 3", {"{class_name: PReLU, config: {name: p, shared_axes: [3]}}"}),
                 "m.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].find("'shared_axes[0]' must be an integer in [1, 2], got 3"),
            std::string::npos)
      << r.text();
  r = importText(sequential("4", {"{class_name: PReLU, config: {name: p, alpha_regularizer: "
                                  "{class_name: L1L2, config: {l1: 0.1}}}}"}),
                 "m.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].find("'alpha_regularizer' is not supported"), std::string::npos);
  r = importText(sequential("4, 3", {"{class_name: Softmax, config: {name: s, axis: [1, 2]}}"}),
                 "m.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].find("'axis' must be one axis"), std::string::npos);
}

TEST_F(Layers, ReshapeInfersOneSizeAndPermuteTransposes) {
  ImportResult r = importText(sequential(
      "12", {"{class_name: Reshape, config: {name: r, target_shape: [-1, 3]}}",
             "{class_name: Permute, config: {name: p, dims: [2, 1]}}",
             "{class_name: RepeatVector, config: {name: rv, n: 5}}"}));
  // RepeatVector needs rank 2: [1, 3, 4] is rank 3.
  EXPECT_FALSE(r.module);
  r = importText(sequential("12", {"{class_name: Reshape, config: {name: r, target_shape: [-1, 3]}}",
                                   "{class_name: Permute, config: {name: p, dims: [2, 1]}}",
                                   "{class_name: Flatten, config: {name: f}}",
                                   "{class_name: RepeatVector, config: {name: rv, n: 5}}"}));
  ASSERT_TRUE(r.module) << r.text();
  Operation *reshape = findOp(*r.module, "dlc.reshape");
  EXPECT_EQ(str(reshape->getAttr("shape")), "array<i64: 1, 4, 3>");
  Operation *transpose = findOp(*r.module, "dlc.transpose");
  EXPECT_EQ(str(transpose->getAttr("permutation")), "array<i64: 0, 2, 1>");
  EXPECT_EQ(shapeOf(transpose->getResult(0).getType()), (std::vector<int64_t>{1, 3, 4}));
  EXPECT_EQ(resultShape(*r.module), (std::vector<int64_t>{1, 5, 12}));
}

TEST_F(Layers, TimeDistributedDenseParamsAreNestedNames) {
  ImportResult r = importText(sequential(
      "6, 4", {"{class_name: TimeDistributed, config: {name: td, layer: {class_name: Dense, config: {name: inner, units: 3, activation: relu}}}}"}));
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(paramNames(*r.module), (std::vector<std::string>{"td/inner/kernel", "td/inner/bias"}));
  Operation *td = findOp(*r.module, "dlc.time_distributed");
  EXPECT_EQ(shapeOf(td->getResult(0).getType()), (std::vector<int64_t>{1, 6, 3}));
  // The body: dense + relu on one [1, 4] step, then the yield.
  Block &body = td->getRegion(0).front();
  std::vector<std::string> names;
  for (Operation &op : body)
    names.push_back(op.getName().getStringRef().str());
  EXPECT_EQ(names, (std::vector<std::string>{"dlc.dense", "dlc.activation", "dlc.yield"}));
}

TEST_F(Layers, ParametersFollowLayerOrderNotEvaluationOrder) {
  // "b" is listed first but consumes "a": @forward still lists b's weights first.
  std::string model = "class_name: Model\n"
                      "config:\n"
                      "  input_layers: [[x, 0, 0]]\n"
                      "  output_layers: [[b, 0, 0]]\n"
                      "  layers:\n"
                      "  - {class_name: InputLayer, name: x, config: {name: x, batch_input_shape: [null, 3]}, inbound_nodes: []}\n"
                      "  - {class_name: Dense, name: b, config: {name: b, units: 2}, inbound_nodes: [[[a, 0, 0, {}]]]}\n"
                      "  - {class_name: Dense, name: a, config: {name: a, units: 5}, inbound_nodes: [[[x, 0, 0, {}]]]}\n";
  ImportResult r = importText(model);
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(paramNames(*r.module),
            (std::vector<std::string>{"b/kernel", "b/bias", "a/kernel", "a/bias"}));
  func::FuncOp f = forward(*r.module);
  EXPECT_EQ(shapeOf(f.getArgument(1).getType()), (std::vector<int64_t>{5, 2}));
  EXPECT_EQ(shapeOf(f.getArgument(3).getType()), (std::vector<int64_t>{3, 5}));
  EXPECT_EQ(opNames(*r.module),
            (std::vector<std::string>{"dlc.dense", "dlc.dense", "func.return"}));
}

TEST_F(Layers, MultipleOutputsAndConcatenateAxis) {
  std::string model = "class_name: Model\n"
                      "config:\n"
                      "  input_layers: [[x, 0, 0], [y, 0, 0]]\n"
                      "  output_layers: [[c, 0, 0], [x, 0, 0]]\n"
                      "  layers:\n"
                      "  - {class_name: InputLayer, name: x, config: {name: x, batch_input_shape: [null, 2, 3]}, inbound_nodes: []}\n"
                      "  - {class_name: InputLayer, name: y, config: {name: y, batch_input_shape: [null, 4, 3]}, inbound_nodes: []}\n"
                      "  - {class_name: Concatenate, name: c, config: {name: c, axis: 1}, inbound_nodes: [[[x, 0, 0, {}], [y, 0, 0, {}]]]}\n";
  ImportResult r = importText(model, "m.yaml", 3);
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(resultShape(*r.module, 0), (std::vector<int64_t>{3, 6, 3}));
  EXPECT_EQ(resultShape(*r.module, 1), (std::vector<int64_t>{3, 2, 3}));
  func::FuncOp f = forward(*r.module);
  EXPECT_EQ(str(f.getResultAttr(0, "dlc.output")), "\"c\"");
  EXPECT_EQ(str(f.getResultAttr(1, "dlc.output")), "\"x\"");
  EXPECT_EQ(str(findOp(*r.module, "dlc.concatenate")->getAttr("axis")), "1 : i64");
}

TEST_F(Layers, IntegerInputWithoutEmbeddingIsI32) {
  std::string model = "class_name: Model\n"
                      "config:\n"
                      "  input_layers: [[x, 0, 0]]\n"
                      "  output_layers: [[x, 0, 0]]\n"
                      "  layers:\n"
                      "  - {class_name: InputLayer, name: x, config: {name: x, batch_input_shape: [null, 2], dtype: int64}}\n";
  ImportResult r = importText(model);
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(str(TypeAttr::get(forward(*r.module).getArgument(0).getType())), "tensor<1x2xi32>");
}

} // namespace
