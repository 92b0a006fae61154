// The datasets of a bundle's task (implementation of TaskData.h).
#include "runtime/train/TaskData.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
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

absl::StatusOr<TaskData> loadTaskData(const bundle::Manifest &manifest,
                                      const std::string &dataDirFlag) {
  const json &training = manifest.training;
  if (!training.contains("dataset") || !training["dataset"].is_object())
    return settingError("dataset", "missing (the model file's dlc: section names the dataset)");
  const json &ds = training["dataset"];
  if (!ds.contains("name") || !ds["name"].is_string())
    return settingError("dataset.name", "missing or not a string");
  const std::string name = ds["name"].get<std::string>();
  DLC_RT_ASSIGN_OR_RETURN(double rescale, rescaleFactor(training));
  // Fashion-MNIST needs no data directory when Debian's dataset-fashion-mnist
  // package is installed (resolveMnistFiles falls back to its folder).
  absl::StatusOr<std::string> dir = data::resolveDataDir(dataDirFlag);
  if (!dir.ok() && name != "fashion_mnist") return dir.status();
  const std::string dataDir = dir.ok() ? *dir : std::string();
  TaskData out;
  if (name == "mnist" || name == "fashion_mnist") {
    DLC_RT_ASSIGN_OR_RETURN(data::MnistFiles files, data::resolveMnistFiles(dataDir, name));
    DLC_RT_ASSIGN_OR_RETURN(data::MnistData mnist, data::loadMnist(files));
    const data::MnistLayout layout =
        firstInputRank(manifest) == 1 ? data::MnistLayout::kFlat : data::MnistLayout::kImage;
    out.train = data::mnistToDataset(mnist.train, layout, rescale, name + "/train");
    out.test = data::mnistToDataset(mnist.test, layout, rescale, name + "/test");
  } else if (name == "cifar10") {
    DLC_RT_ASSIGN_OR_RETURN(data::Cifar10Files files, data::resolveCifar10Files(dataDir));
    DLC_RT_ASSIGN_OR_RETURN(data::Cifar10Data cifar, data::loadCifar10(files));
    out.train = data::cifarToDataset(cifar.train, rescale, "cifar10/train");
    out.test = data::cifarToDataset(cifar.test, rescale, "cifar10/test");
  } else if (name == "babi") {
    int task = 1;
    if (ds.contains("task")) {
      const json &t = ds["task"];
      std::string text = t.is_string() ? t.get<std::string>() : "";
      if (text.rfind("qa", 0) == 0) text = text.substr(2);
      if (t.is_number_integer()) task = t.get<int>();
      else if (!absl::SimpleAtoi(text, &task))
        return settingError("dataset.task", absl::StrCat("expected qaN, got ", t.dump()));
    }
    std::string variant = "en";
    if (ds.contains("variant")) {
      if (!ds["variant"].is_string()) return settingError("dataset.variant", "expected a string");
      variant = ds["variant"].get<std::string>();
    }
    DLC_RT_ASSIGN_OR_RETURN(data::BabiFiles files, data::resolveBabiFiles(dataDir, task, variant));
    DLC_RT_ASSIGN_OR_RETURN(data::BabiTask babi, data::loadBabi(files, false, "babi"));
    out.train = std::move(babi.train);
    out.test = std::move(babi.test);
  } else {
    return settingError("dataset.name",
                        absl::StrCat("unknown dataset \"", name,
                                     "\" (known: mnist, fashion_mnist, cifar10, babi)"));
  }
  return out;
}

} // namespace dlc::rt::train
