// The cpu target's machine code: the LLVM-dialect module translated to LLVM
// IR, given the bundle ABI's entry points, optimised at -O3 for the chosen
// CPU (the host's by default) and emitted as an object file or assembly.
//
// The entry points and symbols follow the bundle ABI of
// abi/NativeAbi.h, which the runtime's loader checks.
#ifndef DLC_CODEGEN_CPU_NATIVECODE_H
#define DLC_CODEGEN_CPU_NATIVECODE_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>
#include <vector>

namespace dlc::cpu {

/// A target machine for this process's triple and `cpu` ("" or "native":
/// the host CPU with its features, e.g. AVX-512 where present), or an
/// error naming a CPU LLVM does not know.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(llvm::StringRef cpu);

/// Translates `module` (LLVM dialect, `entries` with C interfaces) and adds
/// the ABI's entry points for them; every other function becomes internal.
/// With `definesSharedSymbols` it also defines the ABI version and the
/// run-seed global, which an object linked beside it declares otherwise.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &context,
                  llvm::TargetMachine &machine, llvm::ArrayRef<llvm::StringRef> entries,
                  bool definesSharedSymbols = true);

/// The objects of the shared library for `lowered` (the LLVM-dialect module
/// of every entry function) on `cpu` (as createTargetMachine): one per entry
/// function, translated on this thread, then optimised at -O3 and emitted on
/// parallel threads, each with its own LLVM context and target machine. The
/// first defines the ABI's shared symbols.
llvm::Expected<std::vector<std::string>> compileObjects(mlir::ModuleOp lowered,
                                                        llvm::StringRef cpu);

/// The -O3 module pipeline (loop and SLP vectorisers on) for `machine`.
void optimize(llvm::Module &module, llvm::TargetMachine &machine);

/// Object-file bytes, or assembly text.
llvm::Expected<std::string> emitMachineCode(llvm::Module &module,
                                            llvm::TargetMachine &machine,
                                            bool assembly);

} // namespace dlc::cpu

#endif // DLC_CODEGEN_CPU_NATIVECODE_H
