# lit configuration of the dlc test suite (dialect round-trips, invalid IR, passes, frontend, models).
import os
import sys

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "dlc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.join(os.path.dirname(__file__), "lit")
config.test_exec_root = os.path.join(config.dlc_obj_root, "test", "lit")
config.excludes = ["Inputs", "CMakeLists.txt", "README.md"]

config.substitutions.append(("%src_root", config.dlc_src_root))
config.substitutions.append(("%inputs", os.path.join(config.dlc_src_root, "test", "frontend", "inputs")))
config.substitutions.append(("%models", os.path.join(config.dlc_src_root, "models")))
config.substitutions.append(("%python", config.python_executable or sys.executable))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
tool_dirs = [config.dlc_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(["dlc-opt", "dlc-run", "dlc"], tool_dirs)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

# The CUDA targets: "cuda-ptx" when this dlc has them, "ptxas" when the
# toolkit's assembler is there to check their PTX (tests that need either are
# reported UNSUPPORTED without it).
if getattr(config, "dlc_cuda_targets", "OFF").upper() in ("ON", "TRUE", "1"):
    config.available_features.add("cuda-ptx")
ptxas = os.path.join(getattr(config, "cuda_bin_dir", "") or "", "ptxas")
if "cuda-ptx" in config.available_features and os.access(ptxas, os.X_OK):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
# The toolkit's stub libcuda.so (cuInit answers CUDA_ERROR_STUB_LIBRARY): the
# runtime's error for a machine with the toolkit but no driver.
for stub in ("lib64/stubs/libcuda.so", "lib/stubs/libcuda.so", "targets/x86_64-linux/lib/stubs/libcuda.so"):
    path = os.path.join(getattr(config, "cuda_bin_dir", "") or "", "..", stub)
    if "cuda-ptx" in config.available_features and os.path.exists(path):
        config.available_features.add("cuda-stub")
        config.substitutions.append(("%cuda_stub", os.path.normpath(path)))
        break
# The runtime built with cuDNN's and cuBLASLt's headers runs cuda-cudnn and
# cuda bundles ("cuda-libraries"); "cuda-library-files" when the toolkit's
# libcudnn.so.9 and libcublasLt.so.13 are there to point $DLC_CUDNN and
# $DLC_CUBLASLT at (%cuda_lib), so the tests do not depend on the search.
if "cuda-ptx" in config.available_features and \
        getattr(config, "dlc_cuda_libraries", "OFF").upper() in ("ON", "TRUE", "1"):
    config.available_features.add("cuda-libraries")
    for lib in ("lib64", "lib"):
        folder = os.path.normpath(os.path.join(getattr(config, "cuda_bin_dir", "") or "", "..", lib))
        if os.path.exists(os.path.join(folder, "libcudnn.so.9")) and \
                os.path.exists(os.path.join(folder, "libcublasLt.so.13")):
            config.available_features.add("cuda-library-files")
            config.substitutions.append(("%cuda_lib", folder))
            break

# Tests of code built for CPU features this machine lacks need a machine that
# lacks them (the runtime reads CPUID; /proc/cpuinfo says the same).
try:
    with open("/proc/cpuinfo") as cpuinfo:
        if " amx_tile" not in cpuinfo.read():
            config.available_features.add("host-lacks-amx")
except OSError:
    pass
