// The subcommands of the `dlc` driver; each parses its own options.
#ifndef DLC_TOOLS_DLC_COMMANDS_H
#define DLC_TOOLS_DLC_COMMANDS_H

namespace dlc::tool {

/// `dlc compile MODEL [options]`; argv[0] is "dlc compile".
int runCompile(int argc, char **argv);

/// `dlc train MODEL|BUNDLE [options]`.
int runTrain(int argc, char **argv);

/// `dlc eval MODEL|BUNDLE [--checkpoint ckpt]`.
int runEval(int argc, char **argv);

/// `dlc predict MODEL|BUNDLE --input FILE...`.
int runPredict(int argc, char **argv);

/// `dlc weights MODEL|BUNDLE [--checkpoint ckpt] --out weights.npz`.
int runWeights(int argc, char **argv);

/// `dlc bench [--tasks ...] [--targets ...] [--epochs N] [--steps N] [--out DIR]`
/// and `dlc bench --merge DIR...` (docs/bench.md).
int runBench(int argc, char **argv);

/// `dlc tune MODEL|BUNDLE --cache FILE`: the library and generated paths of
/// each layer timed on the GPU, the faster recorded (docs/cuda-cudnn.md).
int runTune(int argc, char **argv);

} // namespace dlc::tool

#endif // DLC_TOOLS_DLC_COMMANDS_H
