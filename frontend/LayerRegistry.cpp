// The table of supported Keras layer classes and their aliases (Keras 1 Convolution2D, MaxPool2D, ...).
#include "frontend/LayerRegistry.h"

#include "frontend/layers/Layers.h"

namespace dlc::frontend {

namespace {
struct Entry {
  const char *className;
  LayerImporter importer;
  /// Other spellings of the class (Keras 1 names, Keras 2 short aliases).
  const char *aliases[2];
};

// Sorted by class name, so the unknown-layer message lists them in order.
const Entry kLayers[] = {
    {"Activation", layers::importActivation, {}},
    {"Add", layers::importAdd, {}},
    {"AveragePooling2D", layers::importAveragePooling2D, {"AvgPool2D"}},
    {"Concatenate", layers::importConcatenate, {}},
    {"Conv2D", layers::importConv2D, {"Convolution2D"}},
    {"Dense", layers::importDense, {}},
    {"Dropout", layers::importDropout, {}},
    {"ELU", layers::importELU, {}},
    {"Embedding", layers::importEmbedding, {}},
    {"Flatten", layers::importFlatten, {}},
    {"GRU", layers::importGRU, {}},
    {"InputLayer", layers::importInputLayer, {}},
    {"LSTM", layers::importLSTM, {}},
    {"LeakyReLU", layers::importLeakyReLU, {}},
    {"MaxPooling2D", layers::importMaxPooling2D, {"MaxPool2D"}},
    {"Merge", layers::importMerge, {}},
    {"PReLU", layers::importPReLU, {}},
    {"Permute", layers::importPermute, {}},
    {"ReLU", layers::importReLU, {}},
    {"RepeatVector", layers::importRepeatVector, {}},
    {"Reshape", layers::importReshape, {}},
    {"SimpleRNN", layers::importSimpleRNN, {}},
    {"Softmax", layers::importSoftmax, {}},
    {"ThresholdedReLU", layers::importThresholdedReLU, {}},
    {"TimeDistributed", layers::importTimeDistributed, {}},
};
} // namespace

LayerImporter findLayerImporter(const std::string &className) {
  for (const Entry &e : kLayers) {
    if (className == e.className)
      return e.importer;
    for (const char *alias : e.aliases)
      if (alias && className == alias)
        return e.importer;
  }
  return nullptr;
}

std::string supportedLayerList() {
  std::string out;
  for (const Entry &e : kLayers) {
    if (!out.empty())
      out += ", ";
    out += e.className;
    std::string aliases;
    for (const char *alias : e.aliases)
      if (alias)
        aliases += (aliases.empty() ? "" : ", ") + std::string(alias);
    if (!aliases.empty())
      out += " (" + aliases + ")";
  }
  return out;
}

} // namespace dlc::frontend
