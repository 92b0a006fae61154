// `dlc weights MODEL|BUNDLE [--checkpoint ckpt] --out weights.npz`: the state
// tensors (parameters by their Keras names, optimizer slots, the iteration
// counter) of a bundle's initial state or of a checkpoint, as a NumPy .npz
// (runtime/train/Weights.h). With the same --no-dropout/--batch-size/--seed
// as the `dlc train` run that saved the checkpoint.
#include "tools/dlc/Commands.h"
#include "tools/dlc/RuntimeOptions.h"

#include "runtime/train/Weights.h"

namespace dlc::tool {

int runWeights(int argc, char **argv) {
  CommonOptions o("dlc weights options");
  cl::opt<std::string> checkpoint(
      "checkpoint", cl::desc("Weights to export (default: the initial ones)"),
      cl::value_desc("ckpt"), cl::cat(o.category));
  cl::opt<std::string> out("out", cl::desc("The .npz file to write"),
                           cl::value_desc("weights.npz"), cl::Required,
                           cl::cat(o.category));
  cl::opt<bool> paramsOnly(
      "params-only",
      cl::desc("Only the parameters (no optimizer slots, no iteration counter)"),
      cl::cat(o.category));
  parseRuntimeOptions(
      argc, argv, o.category,
      "Export a bundle's or checkpoint's state tensors by name as .npz.\n\n"
      "Example: dlc weights models/mnist_mlp.yaml --checkpoint mlp.ckpt --out "
      "mlp.npz\n");
  auto source = bundleSource(o);
  if (!source)
    return 1;
  rt::train::WeightsOptions w;
  w.source = *source;
  w.checkpointPath = checkpoint;
  w.seed = seedOf(o);
  w.paramsOnly = paramsOnly;
  w.outputPath = out;
  return rt::train::runWeights(w);
}

} // namespace dlc::tool
