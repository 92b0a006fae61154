// The datasets of a bundle's task (implementation of TaskData.h).
#include "runtime/train/TaskData.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/bundle/StatusMacros.h"
#include "runtime/data/Babi.h"
#include "runtime/data/Cifar10.h"
#include "runtime/data/DataDir.h"
#include "runtime/data/Mnist.h"

namespace dlc::rt::train {

using nlohmann::json;

namespace {

absl::Status settingError(const std::string &field, const std::string &message) {
  return absl::InvalidArgumentError(absl::StrCat("training settings: ", field, ": ", message));
}

/// Element count of one sample of the first "input" tensor of train_step
/// (else of any input tensor).
int64_t firstInputRank(const bundle::Manifest &m) {
  for (const bundle::TensorDesc &t : m.tensors)
    if (t.role == bundle::Role::Input) return int64_t(t.shape.size()) - 1;
  return -1;
}

} // namespace

absl::StatusOr<double> rescaleFactor(const json &training) {
  if (!training.contains("preprocessing")) return 1.0;
  const json &p = training["preprocessing"];
  if (!p.is_object()) return settingError("preprocessing", "expected an object");
  if (!p.contains("rescale")) return 1.0;
  if (!p["rescale"].is_number()) return settingError("preprocessing.rescale", "expected a number");
  return p["rescale"].get<double>();
}

absl::StatusOr<ValidationPlan> validationPlan(const json &training) {
  ValidationPlan plan;
  if (!training.contains("validation")) {
    plan.useTest = true; // the task's test set when it has one
    return plan;
  }
  const json &v = training["validation"];
  if (v.is_string() && v.get<std::string>() == "test") {
    plan.useTest = true;
  } else if (v.is_string() && v.get<std::string>() == "none") {
  } else if (v.is_number()) {
    plan.split = v.get<double>();
    if (!(plan.split > 0 && plan.split < 1))
      return settingError("validation", "a validation split must be in (0, 1)");
  } else if (v.is_object() && v.contains("split") && v["split"].is_number()) {
    plan.split = v["split"].get<double>();
    if (!(plan.split > 0 && plan.split < 1))
      return settingError("validation.split", "must be in (0, 1)");
  } else {
    return settingError("validation", absl::StrCat("expected \"test\", \"none\" or a fraction, got ",
                                                   v.dump()));
  }
  return plan;
}

absl::StatusOr<std::optional<data::ShiftFlipConfig>> augmentationConfig(const json &training) {
  if (!training.contains("augmentation")) return std::optional<data::ShiftFlipConfig>();
  const json &a = training["augmentation"];
  if (!a.is_object()) return settingError("augmentation", "expected an object");
  data::ShiftFlipConfig c;
  for (auto it = a.begin(); it != a.end(); ++it) {
    const std::string &key = it.key();
    if (key == "width_shift_range" || key == "height_shift_range") {
      if (!it->is_number()) return settingError("augmentation." + key, "expected a number");
      (key == "width_shift_range" ? c.widthShiftRange : c.heightShiftRange) = it->get<double>();
    } else if (key == "horizontal_flip") {
      if (!it->is_boolean()) return settingError("augmentation." + key, "expected a boolean");
      c.horizontalFlip = it->get<bool>();
    } else {
      return settingError("augmentation." + key,
                          "not supported (width_shift_range, height_shift_range, "
                          "horizontal_flip are)");
    }
  }
  return std::optional<data::ShiftFlipConfig>(c);
}

namespace {

/// The dataset a model's training settings name, and where its files are.
struct DatasetSpec {
  std::string name;     ///< mnist, fashion_mnist, cifar10, babi
  int task = 1;         ///< bAbI task (qaN)
  std::string variant;  ///< bAbI variant (en, en-10k)
  std::string dataDir;  ///< resolved --data-dir / $DLC_DATA_DIR
  std::string label;    ///< for messages: "mnist", "babi:qa1:en-10k"
};

absl::StatusOr<DatasetSpec> datasetSpec(const json &training, const std::string &dataDirFlag) {
  if (!training.contains("dataset") || !training["dataset"].is_object())
    return settingError("dataset", "missing (the model file's dlc: section names the dataset)");
  const json &ds = training["dataset"];
  if (!ds.contains("name") || !ds["name"].is_string())
    return settingError("dataset.name", "missing or not a string");
  DatasetSpec spec;
  spec.name = ds["name"].get<std::string>();
  if (spec.name != "mnist" && spec.name != "fashion_mnist" && spec.name != "cifar10" &&
      spec.name != "babi")
    return settingError("dataset.name",
                        absl::StrCat("unknown dataset \"", spec.name,
                                     "\" (known: mnist, fashion_mnist, cifar10, babi)"));
  spec.label = spec.name;
  if (spec.name == "babi") {
    if (ds.contains("task")) {
      const json &t = ds["task"];
      std::string text = t.is_string() ? t.get<std::string>() : "";
      if (text.rfind("qa", 0) == 0) text = text.substr(2);
      if (t.is_number_integer()) spec.task = t.get<int>();
      else if (!absl::SimpleAtoi(text, &spec.task))
        return settingError("dataset.task", absl::StrCat("expected qaN, got ", t.dump()));
    }
    spec.variant = "en";
    if (ds.contains("variant")) {
      if (!ds["variant"].is_string()) return settingError("dataset.variant", "expected a string");
      spec.variant = ds["variant"].get<std::string>();
    }
    spec.label = absl::StrCat("babi:qa", spec.task, ":", spec.variant);
  }
  // Fashion-MNIST needs no data directory when Debian's dataset-fashion-mnist
  // package is installed (resolveMnistFiles falls back to its folder).
  absl::StatusOr<std::string> dir = data::resolveDataDir(dataDirFlag);
  if (!dir.ok() && spec.name != "fashion_mnist") return dir.status();
  spec.dataDir = dir.ok() ? *dir : std::string();
  return spec;
}

int64_t elements(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

/// "784" or "3072 (32x32x3)".
std::string valuesOf(const std::vector<int64_t> &shape) {
  std::string text = absl::StrCat(elements(shape));
  if (shape.size() > 1) absl::StrAppend(&text, " (", absl::StrJoin(shape, "x"), ")");
  return text;
}

} // namespace

absl::StatusOr<TaskData> loadTaskData(const bundle::Manifest &manifest,
                                      const std::string &dataDirFlag, data::Splits splits) {
  DLC_RT_ASSIGN_OR_RETURN(DatasetSpec spec, datasetSpec(manifest.training, dataDirFlag));
  DLC_RT_ASSIGN_OR_RETURN(double rescale, rescaleFactor(manifest.training));
  const std::string &name = spec.name;
  TaskData out;
  if (name == "mnist" || name == "fashion_mnist") {
    DLC_RT_ASSIGN_OR_RETURN(
        data::MnistFiles files,
        data::resolveMnistFiles(spec.dataDir, name, data::kFashionMnistSystemDir, splits));
    DLC_RT_ASSIGN_OR_RETURN(data::MnistData mnist, data::loadMnist(files));
    const data::MnistLayout layout =
        firstInputRank(manifest) == 1 ? data::MnistLayout::kFlat : data::MnistLayout::kImage;
    if (splits.train)
      out.train = data::mnistToDataset(mnist.train, layout, rescale, name + "/train");
    if (splits.test)
      out.test = data::mnistToDataset(mnist.test, layout, rescale, name + "/test");
  } else if (name == "cifar10") {
    DLC_RT_ASSIGN_OR_RETURN(data::Cifar10Files files,
                            data::resolveCifar10Files(spec.dataDir, splits));
    DLC_RT_ASSIGN_OR_RETURN(data::Cifar10Data cifar, data::loadCifar10(files));
    if (splits.train) out.train = data::cifarToDataset(cifar.train, rescale, "cifar10/train");
    if (splits.test) out.test = data::cifarToDataset(cifar.test, rescale, "cifar10/test");
  } else {
    DLC_RT_ASSIGN_OR_RETURN(data::BabiFiles files,
                            data::resolveBabiFiles(spec.dataDir, spec.task, spec.variant));
    DLC_RT_ASSIGN_OR_RETURN(data::BabiTask babi, data::loadBabi(files, false, "babi"));
    out.train = std::move(babi.train);
    out.test = std::move(babi.test);
  }
  return out;
}

absl::StatusOr<DataShape> taskDataShape(const json &training, const std::string &dataDirFlag,
                                        data::Splits splits) {
  DLC_RT_ASSIGN_OR_RETURN(DatasetSpec spec, datasetSpec(training, dataDirFlag));
  DataShape shape;
  shape.label = spec.label;
  if (spec.name == "mnist" || spec.name == "fashion_mnist") {
    DLC_RT_ASSIGN_OR_RETURN(
        data::MnistFiles files,
        data::resolveMnistFiles(spec.dataDir, spec.name, data::kFashionMnistSystemDir, splits));
    DLC_RT_ASSIGN_OR_RETURN(
        std::vector<int64_t> idx,
        data::readIdxDims(splits.train ? files.trainImages : files.testImages, 3));
    shape.inputs.push_back({"image", {idx[1], idx[2]}});
    shape.classes = 10;
  } else if (spec.name == "cifar10") {
    DLC_RT_RETURN_IF_ERROR(data::resolveCifar10Files(spec.dataDir, splits).status());
    shape.inputs.push_back(
        {"image", {data::kCifarHeight, data::kCifarWidth, data::kCifarChannels}});
    shape.classes = 10;
  } else {
    // Lengths and vocabulary come from both files, as in Keras' babi_rnn.py.
    DLC_RT_ASSIGN_OR_RETURN(data::BabiFiles files,
                            data::resolveBabiFiles(spec.dataDir, spec.task, spec.variant));
    DLC_RT_ASSIGN_OR_RETURN(data::BabiTask babi, data::loadBabi(files, false, "babi"));
    shape.inputs.push_back({"story", {babi.storyMaxlen}});
    shape.inputs.push_back({"question", {babi.queryMaxlen}});
    shape.classes = babi.vocabSize;
  }
  return shape;
}

DataShape datasetShape(const data::Dataset &ds, const json &training) {
  DataShape shape;
  absl::StatusOr<DatasetSpec> spec = datasetSpec(training, "");
  shape.label = spec.ok() ? spec->label : ds.name;
  for (const data::InputTensor &in : ds.inputs) shape.inputs.push_back({in.name, in.sampleShape});
  shape.classes = ds.numClasses;
  return shape;
}

absl::StatusOr<ModelShape> modelShape(const bundle::Manifest &m) {
  const char *names[] = {"train_step", "eval_step", "predict"};
  const bundle::Function *f = nullptr;
  for (const char *n : names)
    if (!f && m.functions.count(n)) f = &m.functions.at(n);
  if (!f) return absl::InvalidArgumentError("the bundle has no train_step, eval_step or predict");
  ModelShape shape;
  for (int idx : f->inputs) {
    const bundle::TensorDesc &t = m.tensors[size_t(idx)];
    if (t.role == bundle::Role::Input)
      shape.inputs.push_back({t.name, std::vector<int64_t>(t.shape.begin() + 1, t.shape.end())});
    if (t.role == bundle::Role::Label && !t.shape.empty()) shape.classes = t.shape.back();
  }
  // predict has no label tensor: its output's last axis.
  for (int idx : f->outputs) {
    const bundle::TensorDesc &t = m.tensors[size_t(idx)];
    if (shape.classes == 0 && t.role == bundle::Role::Output && !t.shape.empty())
      shape.classes = t.shape.back();
  }
  return shape;
}

absl::Status checkDataFits(const ModelShape &model, const DataShape &data) {
  std::vector<std::string> problems;
  const bool babi = data.label.rfind("babi", 0) == 0;
  if (model.inputs.size() != data.inputs.size()) {
    std::vector<std::string> mine, theirs;
    for (const auto &in : model.inputs) mine.push_back("'" + in.name + "'");
    for (const auto &in : data.inputs) theirs.push_back("'" + in.name + "'");
    problems.push_back(absl::StrCat("the model takes ", model.inputs.size(), " input",
                                    model.inputs.size() == 1 ? "" : "s", " (",
                                    absl::StrJoin(mine, ", "), "), the data has ",
                                    data.inputs.size(), " (", absl::StrJoin(theirs, ", "), ")"));
  } else {
    for (size_t i = 0; i < model.inputs.size(); ++i) {
      const auto &want = model.inputs[i];
      const auto &have = data.inputs[i];
      if (elements(want.sample) == elements(have.sample)) continue;
      problems.push_back(
          babi ? absl::StrCat("its ", have.name, " sequences are ", elements(have.sample),
                              " words long, the model's input '", want.name, "' takes ",
                              elements(want.sample))
               : absl::StrCat("its '", have.name, "' has ", valuesOf(have.sample),
                              " values per sample, the model's input '", want.name, "' takes ",
                              valuesOf(want.sample)));
    }
  }
  if (model.classes != data.classes)
    problems.push_back(absl::StrCat("it has ", data.classes, " classes",
                                    babi ? " (its vocabulary and padding)" : "",
                                    ", the model's output ", model.classes));
  if (problems.empty()) return absl::OkStatus();
  std::string message =
      absl::StrCat(data.label, " does not fit the model: ", absl::StrJoin(problems, "; "));
  if (babi && data.inputs.size() == 2) {
    const int64_t story = elements(data.inputs[0].sample), query = elements(data.inputs[1].sample);
    absl::StrAppend(&message, ". The bAbI models fix these sizes; for this data the story input "
                              "needs batch_input_shape [null, ",
                    story, "] (and RepeatVector n: ", story,
                    "), the question input [null, ", query, "], the Embeddings input_dim ",
                    data.classes, " and the output Dense units ", data.classes,
                    " (models/babi_rnn_qa1_10k.yaml is babi_rnn sized for babi:qa1:en-10k)");
  } else {
    absl::StrAppend(&message, " (compile a model for this data; --dataset names a dataset of "
                              "the same shape, e.g. fashion_mnist for an MNIST model)");
  }
  return absl::InvalidArgumentError(message);
}

} // namespace dlc::rt::train
