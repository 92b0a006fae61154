// Early-return helpers for absl::Status / absl::StatusOr, shared by the runtime's
// bundle, exec, init and train libraries.
#ifndef DLC_RUNTIME_BUNDLE_STATUSMACROS_H
#define DLC_RUNTIME_BUNDLE_STATUSMACROS_H

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define DLC_RT_CONCAT2(a, b) a##b
#define DLC_RT_CONCAT(a, b) DLC_RT_CONCAT2(a, b)

/// `lhs = *expr`, or return expr's status from the enclosing function.
#define DLC_RT_ASSIGN_OR_RETURN(lhs, expr)                                     \
  auto DLC_RT_CONCAT(dlcRtResult_, __LINE__) = (expr);                         \
  if (!DLC_RT_CONCAT(dlcRtResult_, __LINE__).ok())                             \
    return DLC_RT_CONCAT(dlcRtResult_, __LINE__).status();                     \
  lhs = std::move(*DLC_RT_CONCAT(dlcRtResult_, __LINE__))

/// Return `expr` from the enclosing function unless it is OK.
#define DLC_RT_RETURN_IF_ERROR(expr)                                           \
  do {                                                                         \
    absl::Status dlcRtStatus_ = (expr);                                        \
    if (!dlcRtStatus_.ok()) return dlcRtStatus_;                               \
  } while (0)

#endif // DLC_RUNTIME_BUNDLE_STATUSMACROS_H
