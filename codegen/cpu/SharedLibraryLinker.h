// Links the cpu target's object code into the shared library a bundle
// carries, with the system's C compiler driver as the linker (`cc`, or
// $DLC_CC): `cc -shared -o lib.so code.o -lm [OpenMP runtime]`.
#ifndef DLC_CODEGEN_CPU_SHAREDLIBRARYLINKER_H
#define DLC_CODEGEN_CPU_SHAREDLIBRARYLINKER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace dlc::cpu {

/// The OpenMP runtime library this build links parallel code against
/// ("" when the build found none: the cpu target then runs on one thread).
llvm::StringRef openMPLibrary();

/// The shared library's bytes, linked from `objects` (and the OpenMP runtime
/// when `openMP`). Errors name the linker and carry its output.
llvm::Expected<std::string> linkSharedLibrary(llvm::ArrayRef<std::string> objects,
                                              bool openMP);

} // namespace dlc::cpu

#endif // DLC_CODEGEN_CPU_SHAREDLIBRARYLINKER_H
