// Bad model files: each gives one located `file:line:col: error:` naming the layer, and no module.
#include "FrontendTestUtil.h"

using namespace dlc::test;

namespace {

struct InvalidCase {
  const char *file;
  /// The whole diagnostic; line and column checked by hand against the file
  /// (test/frontend/inputs/invalid/EXPECTED.md gives the line of each fault).
  const char *diagnostic;
};

std::ostream &operator<<(std::ostream &os, const InvalidCase &c) { return os << c.file; }

class InvalidFile : public FrontendTest,
                    public ::testing::WithParamInterface<InvalidCase> {};

TEST_P(InvalidFile, ReportsOneLocatedError) {
  const InvalidCase &c = GetParam();
  ImportResult r = importFile(std::string("test/frontend/inputs/invalid/") + c.file);
  EXPECT_FALSE(r.module);
  ASSERT_EQ(r.diagnostics.size(), 1u) << r.text();
  EXPECT_EQ(r.diagnostics[0],
            std::string("test/frontend/inputs/invalid/") + c.file + ":" + c.diagnostic);
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(Files, InvalidFile, ::testing::Values(
    // The flow sequence "[null, 784" on line 11 is never closed; yaml-cpp only
    // notices at line 12, so the error points back at the '['.
    InvalidCase{"yaml_syntax_error.yaml", "11:39: error: syntax error: the flow sequence '[' opened here is never closed (the parser gave up at line 12, column 20) (while reading layer 'dense_1' (Dense))"},
    InvalidCase{"json_truncated.json", "1:714: error: syntax error: illegal EOF in scalar (while reading layer 'dense_2' (Dense))"},
    // The entry "- config: {name: dropout_1, ...}" starts at 27:3.
    InvalidCase{"missing_class_name.yaml", "27:3: error: layer 'dropout_1': missing required field 'class_name' (the layer's Keras class)"},
    // A missing field is reported at the layer's name (line 43, "    name: dense_2").
    InvalidCase{"dense_missing_units.yaml", "43:5: error: layer 'dense_2' (Dense): missing required field 'units'"},
    InvalidCase{"dense_units_string.yaml", "45:5: error: layer 'dense_2' (Dense): 'units' must be a positive integer, got \"abc\""},
    InvalidCase{"dense_units_negative.yaml", "45:5: error: layer 'dense_2' (Dense): 'units' must be a positive integer, got -5"},
    InvalidCase{"dense_units_absurd.yaml", "45:5: error: layer 'dense_2' (Dense): 'units' must be a positive integer no larger than 2147483647, got 10000000000000"},
    InvalidCase{"conv_kernel_too_big.yaml", "26:5: error: layer 'conv2d_1' (Conv2D): the convolution window 32x32 does not fit the 28x28 input with 'valid' padding"},
    InvalidCase{"dense_then_conv2d_rank.yaml", "45:5: error: layer 'conv2d_1' (Conv2D): expects an input of rank 4 (batch, rows, cols, channels), got shape [1, 64]"},
    // add_1's second inbound reference ("- - dense_2", 25:9) closes the cycle.
    InvalidCase{"functional_cycle.yaml", "25:9: error: layer 'add_1' (Add): the layer graph has a cycle: add_1 -> dense_1 -> dense_2 -> add_1"},
    InvalidCase{"functional_missing_inbound.yaml", "61:9: error: layer 'dense_2' (Dense): refers to layer 'dense_99', which is not a layer of this model"},
    InvalidCase{"functional_missing_output.yaml", "68:5: error: output_layers: refers to layer 'dense_9', which is not a layer of this model"},
    InvalidCase{"empty.yaml", "1:1: error: the model file is empty"},
    InvalidCase{"top_level_array.json", "1:1: error: expected a Keras model config (a mapping with 'class_name' and 'config'), got a list"},
    InvalidCase{"not_a_zip.keras", "1:1: error: not a .keras archive: a Keras 3 .keras file is a zip holding config.json, but this file does not start with a zip header"},
    InvalidCase{"dlc_batch_size_negative.yaml", "77:3: error: dlc: 'batch_size' must be a positive integer, got -1"},
    InvalidCase{"duplicate_layer_names.yaml", "43:5: error: layer 'dense_1' (Dense): duplicate layer name 'dense_1' (first used at line 7)"},
    // 28:24 is the `name` key in "    config: {axis: -1, name: concatenate_1, ...}".
    InvalidCase{"concatenate_shape_mismatch.yaml", "28:24: error: layer 'concatenate_1' (Concatenate): input 1 has shape [1, 12, 4], which differs from input 0's [1, 10, 4] on axis 1 (only the concatenation axis 2 may differ)"},
    InvalidCase{"add_shape_mismatch.yaml", "28:14: error: layer 'add_1' (Add): inputs must all have one shape (dlc does not broadcast), got [1, 32] and [1, 16]"}));
// clang-format on

using InvalidFileExtra = FrontendTest;

TEST_F(InvalidFileExtra, UnknownLayerListsTheSupportedOnes) {
  ImportResult r = importFile("test/frontend/inputs/invalid/unknown_layer.yaml");
  EXPECT_FALSE(r.module);
  ASSERT_EQ(r.diagnostics.size(), 1u) << r.text();
  const std::string &d = r.diagnostics[0];
  EXPECT_EQ(d.rfind("test/frontend/inputs/invalid/unknown_layer.yaml:27:3: error: layer "
                    "'fancy_layer_1' (FancyLayer): unknown layer class 'FancyLayer'; "
                    "supported layers: Activation, Add, ",
                    0),
            0u)
      << d;
  for (const char *cls : {"AveragePooling2D (AvgPool2D)", "Concatenate",
                          "Conv2D (Convolution2D)", "Dense", "Dropout", "Embedding",
                          "Flatten", "GRU", "InputLayer", "LSTM",
                          "MaxPooling2D (MaxPool2D)", "Merge", "Permute",
                          "RepeatVector", "Reshape", "SimpleRNN", "TimeDistributed"})
    EXPECT_NE(d.find(cls), std::string::npos) << cls;
}

TEST_F(InvalidFileExtra, MissingFileIsReported) {
  ImportResult r = importFile("test/frontend/inputs/invalid/no_such_file.yaml");
  EXPECT_FALSE(r.module);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].find("cannot read model file"), std::string::npos);
}

//===----------------------------------------------------------------------===//
// Inline models: one fault each
//===----------------------------------------------------------------------===//

/// A functional Keras 2 model: an Input of `shape` (YAML list without the
/// batch) then `layers` (YAML entries, each already indented by 2 and with
/// inbound_nodes). The first layer listed after the input starts at line 10.
std::string functional(const std::string &shape, const std::string &layers,
                       const std::string &output) {
  return "class_name: Model\n"                               // 1
         "config:\n"                                         // 2
         "  name: m\n"                                       // 3
         "  input_layers: [[in, 0, 0]]\n"                    // 4
         "  output_layers: [[" + output + ", 0, 0]]\n"       // 5
         "  layers:\n"                                       // 6
         "  - class_name: InputLayer\n"                      // 7
         "    config: {name: in, batch_input_shape: [null, " + shape + "]}\n" // 8
         "    inbound_nodes: []\n" +                         // 9
         layers;
}

std::string layer(const std::string &cls, const std::string &name,
                  const std::string &config, const std::string &inbound) {
  return "  - class_name: " + cls + "\n"
         "    name: " + name + "\n"
         "    config: {name: " + name + (config.empty() ? "" : ", " + config) + "}\n"
         "    inbound_nodes: [[" + inbound + "]]\n";
}

struct InlineCase {
  const char *what;
  std::string model;
  const char *diagnostic;
};

std::ostream &operator<<(std::ostream &os, const InlineCase &c) { return os << c.what; }

class InvalidInline : public FrontendTest,
                      public ::testing::WithParamInterface<InlineCase> {};

TEST_P(InvalidInline, ReportsOneLocatedError) {
  const InlineCase &c = GetParam();
  ImportResult r = importText(c.model, "m.yaml");
  EXPECT_FALSE(r.module);
  ASSERT_EQ(r.diagnostics.size(), 1u) << r.text();
  EXPECT_EQ(r.diagnostics[0], std::string("m.yaml:") + c.diagnostic);
}

const std::string kIn = "[in, 0, 0, {}]";

// Line 12 col 14 is the `name` key of the first layer after the input
// ("    config: {name: ..."); its fields follow on the same line.
INSTANTIATE_TEST_SUITE_P(Layers, InvalidInline, ::testing::Values(
    InlineCase{"lstm_return_state",
               functional("5, 3", layer("LSTM", "l", "units: 4, return_state: true", kIn), "l"),
               "12:33: error: layer 'l' (LSTM): 'return_state' is not supported (it changes what the layer computes or how it trains), got true"},
    InlineCase{"lstm_stateful",
               functional("5, 3", layer("LSTM", "l", "units: 4, stateful: true", kIn), "l"),
               "12:33: error: layer 'l' (LSTM): 'stateful' is not supported (it changes what the layer computes or how it trains), got true"},
    InlineCase{"gru_dropout",
               functional("5, 3", layer("GRU", "g", "units: 4, dropout: 0.5", kIn), "g"),
               "12:33: error: layer 'g' (GRU): 'dropout' is not supported (it changes what the layer computes or how it trains), got 0.5"},
    InlineCase{"simple_rnn_recurrent_dropout",
               functional("5, 3", layer("SimpleRNN", "s", "units: 4, recurrent_dropout: 0.1", kIn), "s"),
               "12:33: error: layer 's' (SimpleRNN): 'recurrent_dropout' is not supported (it changes what the layer computes or how it trains), got 0.1"},
    InlineCase{"lstm_rank2_input",
               functional("5", layer("LSTM", "l", "units: 4", kIn), "l"),
               "12:14: error: layer 'l' (LSTM): expects an input of rank 3 (batch, time, features), got shape [1, 5]"},
    InlineCase{"lstm_softmax_recurrent_activation",
               functional("5, 3", layer("LSTM", "l", "units: 4, recurrent_activation: softmax", kIn), "l"),
               "12:33: error: layer 'l' (LSTM): 'recurrent_activation' softmax is not supported here (only an element-wise activation is)"},
    InlineCase{"conv_groups",
               functional("8, 8, 4", layer("Conv2D", "c", "filters: 4, kernel_size: 3, groups: 2", kIn), "c"),
               "12:51: error: layer 'c' (Conv2D): 'groups' = 2 is not supported (grouped convolution); only 1 is"},
    InlineCase{"unknown_activation",
               functional("5", layer("Dense", "d", "units: 4, activation: swish", kIn), "d"),
               "12:33: error: layer 'd' (Dense): 'activation' has unsupported activation 'swish'; supported: linear, relu, tanh, sigmoid, hard_sigmoid, elu, softmax"},
    InlineCase{"dense_regularizer",
               functional("5", layer("Dense", "d", "units: 4, kernel_regularizer: {class_name: L1L2, config: {l1: 0.1}}", kIn), "d"),
               "12:33: error: layer 'd' (Dense): 'kernel_regularizer' is not supported (it changes what the layer computes or how it trains), got a mapping"},
    InlineCase{"units_not_int",
               functional("5", layer("Dense", "d", "units: 4.5", kIn), "d"),
               "12:23: error: layer 'd' (Dense): 'units' must be a positive integer, got 4.5"},
    InlineCase{"units_quoted",
               functional("5", layer("Dense", "d", "units: '4'", kIn), "d"),
               "12:23: error: layer 'd' (Dense): 'units' must be a positive integer, got \"4\""},
    InlineCase{"dim_above_2_31",
               functional("2147483648", layer("Dense", "d", "units: 4", kIn), "d"),
               "8:50: error: layer 'in' (InputLayer): 'batch_input_shape[1]' must be a positive integer no larger than 2147483647, got 2147483648"},
    // 2^21 * 2^20 = 2^41 elements in one kernel.
    InlineCase{"tensor_above_2_40",
               functional("2097152", layer("Dense", "d", "units: 1048576", kIn), "d"),
               "12:14: error: layer 'd' (Dense): weight 'kernel' shape [2097152, 1048576] has more than 2^40 elements"},
    InlineCase{"null_dimension",
               functional("null, 3", layer("LSTM", "l", "units: 4", kIn), "l"),
               "8:50: error: layer 'in' (InputLayer): 'batch_input_shape[1]' is null (Keras leaves this size open) and dlc compiles for fixed sizes: give its size with --input-shape in=D1xD2 (every dimension but the batch)"},
    InlineCase{"dropout_rate_one",
               functional("5", layer("Dropout", "d", "rate: 1.0", kIn), "d"),
               "12:23: error: layer 'd' (Dropout): 'rate' must be a number in [0, 1), got 1.0"},
    InlineCase{"reshape_misfit",
               functional("6", layer("Reshape", "r", "target_shape: [4, 2]", kIn), "r"),
               "12:23: error: layer 'r' (Reshape): 'target_shape' [4, 2] has 8 elements per sample but the input has 6 (input shape [1, 6])"},
    InlineCase{"permute_not_a_permutation",
               functional("2, 3", layer("Permute", "p", "dims: [1, 1]", kIn), "p"),
               "12:23: error: layer 'p' (Permute): 'dims' must be a permutation of 1..2 for an input of shape [1, 2, 3], got [1, 1]"},
    InlineCase{"embedding_float_input",
               functional("5", layer("Dense", "d", "units: 4", kIn) +
                               layer("Embedding", "e", "input_dim: 10, output_dim: 3", "[d, 0, 0, {}]"), "e"),
               "16:14: error: layer 'e' (Embedding): expects integer word indices, got a float tensor of shape [1, 4] (feed it from an Input layer)"},
    InlineCase{"embedding_mask_zero",
               functional("5", layer("Embedding", "e", "input_dim: 10, output_dim: 3, mask_zero: true", kIn), "e"),
               "12:53: error: layer 'e' (Embedding): 'mask_zero' true is not supported: the mask would change what the following layers compute"},
    InlineCase{"inbound_node_index_out_of_range",
               functional("5", layer("Dense", "d", "units: 4", "[in, 1, 0, {}]"), "d"),
               "13:22: error: layer 'd' (Dense): refers to call 1 of layer 'in', which is called 1 time(s)"},
    InlineCase{"self_cycle",
               functional("5", layer("Add", "a", "", "[in, 0, 0, {}], [a, 0, 0, {}]"), "a"),
               "13:38: error: layer 'a' (Add): the layer graph has a cycle: a -> a"},
    InlineCase{"shared_layer_on_other_shape",
               "class_name: Model\n"
               "config:\n"
               "  input_layers: [[x, 0, 0], [y, 0, 0]]\n"
               "  output_layers: [[d, 1, 0]]\n"
               "  layers:\n"
               "  - {class_name: InputLayer, name: x, config: {name: x, batch_input_shape: [null, 5]}, inbound_nodes: []}\n"
               "  - {class_name: InputLayer, name: y, config: {name: y, batch_input_shape: [null, 6]}, inbound_nodes: []}\n"
               "  - {class_name: Dense, name: d, config: {name: d, units: 2}, inbound_nodes: [[[x, 0, 0, {}]], [[y, 0, 0, {}]]]}\n",
               "8:43: error: layer 'd' (Dense): is called again on an input of another shape: its weight 'kernel' is [5, 2] from its first call, this call needs [6, 2]"},
    InlineCase{"fixed_batch_conflict",
               "class_name: Sequential\n"
               "config:\n"
               "- class_name: Dense\n"
               "  config: {name: d, units: 2, batch_input_shape: [16, 5]}\n"
               "dlc: {batch_size: 8}\n",
               "4:51: error: layer 'd' (Dense): 'batch_input_shape[0]' fixes the batch size to 16, but the model is compiled for batch size 8 (set the batch size to 16)"},
    InlineCase{"sequential_without_input_shape",
               "class_name: Sequential\n"
               "config:\n"
               "- class_name: Dense\n"
               "  config: {name: d, units: 2}\n",
               "4:12: error: layer 'd' (Dense): the first layer of a Sequential model must give the model's input shape ('batch_input_shape')"},
    InlineCase{"wrong_model_class",
               "class_name: Graph\nconfig: {}\n",
               "1:1: error: unsupported model class 'Graph'; expected Sequential, Model or Functional"},
    InlineCase{"config_not_a_list",
               "class_name: Sequential\nconfig: 12\n",
               "2:1: error: 'config' must be a list, got 12"},
    InlineCase{"invalid_utf8_layer_name",
               "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", "
               "\"config\": {\"name\": \"d\xff\", \"units\": 2}}]}",
               "1:86: error: invalid UTF-8 (byte 0xFF): a model file must be UTF-8 text, as JSON and Keras require"},
    InlineCase{"dlc_unknown_key",
               "class_name: Sequential\n"
               "config:\n"
               "- class_name: Dense\n"
               "  config: {name: d, units: 2, batch_input_shape: [null, 5]}\n"
               "dlc:\n"
               "  optimiser: {class_name: SGD}\n",
               "6:3: error: dlc: unknown key 'optimiser' in the dlc section; expected one of: task, dataset, preprocessing, loss, metrics, optimizer, batch_size, epochs, validation, augmentation"},
    InlineCase{"dlc_optimizer_key_of_another_optimizer",
               "class_name: Sequential\n"
               "config:\n"
               "- class_name: Dense\n"
               "  config: {name: d, units: 2, batch_input_shape: [null, 5]}\n"
               "dlc:\n"
               "  optimizer: {class_name: SGD, config: {lr: 0.1, rho: 0.9}}\n",
               "6:50: error: dlc: unknown key 'rho' in the SGD optimizer config; expected one of: lr, momentum, decay, nesterov"},
    InlineCase{"dlc_negative_lr",
               "class_name: Sequential\n"
               "config:\n"
               "- class_name: Dense\n"
               "  config: {name: d, units: 2, batch_input_shape: [null, 5]}\n"
               "dlc:\n"
               "  optimizer: {class_name: Adam, config: {lr: -0.1}}\n",
               "6:42: error: dlc: 'lr' must be a number >= 0, got -0.1"},
    InlineCase{"dlc_babi_without_task",
               "class_name: Sequential\n"
               "config:\n"
               "- class_name: Dense\n"
               "  config: {name: d, units: 2, batch_input_shape: [null, 5]}\n"
               "dlc:\n"
               "  dataset: {name: babi}\n",
               "6:12: error: dlc: missing required field 'task'"},
    InlineCase{"dlc_validation_split",
               "class_name: Sequential\n"
               "config:\n"
               "- class_name: Dense\n"
               "  config: {name: d, units: 2, batch_input_shape: [null, 5]}\n"
               "dlc: {validation: 'split:1.5'}\n",
               "5:7: error: dlc: 'validation' must be 'test' or 'split:<fraction in (0, 1)>', got \"split:1.5\""},
    InlineCase{"dlc_augmentation_range",
               "class_name: Sequential\n"
               "config:\n"
               "- class_name: Dense\n"
               "  config: {name: d, units: 2, batch_input_shape: [null, 5]}\n"
               "dlc: {augmentation: {width_shift_range: 1.0}}\n",
               "5:22: error: dlc: 'width_shift_range' must be a number in [0, 1), got 1.0"}));

} // namespace

namespace {

// Issue 14: dimensions Keras leaves open (None time steps, image sizes) are
// pinned with --input-shape instead of being a dead end.
TEST_F(FrontendTest, InputShapePinsOpenDimensions) {
  const std::string model = functional("null, 3", layer("LSTM", "l", "units: 4", kIn), "l");
  dlc::ImportOptions options;
  options.batchSize = 2;
  options.inputShapes["in"] = {7, 3};
  ImportResult r = importText(model, "m.yaml", options);
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(shapeOf(forward(*r.module).getArgument(0).getType()),
            (std::vector<int64_t>{2, 7, 3}));
  // The only input may be named by "" (--input-shape 7x3).
  options.inputShapes = {{"", {9, 3}}};
  r = importText(model, "m.yaml", options);
  ASSERT_TRUE(r.module) << r.text();
  EXPECT_EQ(shapeOf(forward(*r.module).getArgument(0).getType()),
            (std::vector<int64_t>{2, 9, 3}));
  // A fixed dimension must agree; the rank must match; the name must exist.
  options.inputShapes = {{"in", {7, 4}}};
  r = importText(model, "m.yaml", options);
  ASSERT_EQ(r.diagnostics.size(), 1u) << r.text();
  EXPECT_EQ(r.diagnostics[0], "m.yaml:8:56: error: layer 'in' (InputLayer): "
                              "'batch_input_shape[2]' is 3 in the model file, --input-shape in "
                              "gives 4");
  options.inputShapes = {{"in", {7}}};
  r = importText(model, "m.yaml", options);
  ASSERT_EQ(r.diagnostics.size(), 1u) << r.text();
  EXPECT_EQ(r.diagnostics[0], "m.yaml:8:44: error: layer 'in' (InputLayer): --input-shape in "
                              "gives 1 dimension(s), the input has 2 besides the batch");
  options.inputShapes = {{"story", {7, 3}}};
  r = importText(model, "m.yaml", options);
  ASSERT_EQ(r.diagnostics.size(), 1u) << r.text();
  EXPECT_EQ(r.diagnostics[0], "m.yaml:1:1: error: --input-shape names 'story', which is not an "
                              "input of the model (its inputs: in)");
}

} // namespace
