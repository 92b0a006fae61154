// dlc-run: the runtime alone — train, eval, predict and weights on a compiled
// bundle, with dlc's options and output, on a machine that has no MLIR, LLVM or
// Abseil (runtime/cli/RuntimeCommands.h).
#include "runtime/cli/RuntimeCommands.h"

int main(int argc, char **argv) { return dlc::rt::cli::runBundleTool(argc, argv); }
