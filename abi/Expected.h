// A value or an error message: how the contract folder's functions report
// failure without depending on anything but the C++ standard library (the
// compiler turns the message into a diagnostic, the runtime into a status).
#ifndef DLC_ABI_EXPECTED_H
#define DLC_ABI_EXPECTED_H

#include <optional>
#include <string>
#include <utility>

namespace dlc::abi {

/// Why a call failed, so that a caller can pick its own error code.
enum class ErrorKind {
  Invalid,  ///< malformed input (a bad spec, a bad section name)
  DataLoss, ///< truncated, corrupt or out-of-bounds bytes
  Version,  ///< a format version this code does not read
};

struct Error {
  ErrorKind kind = ErrorKind::Invalid;
  std::string message;
};

template <typename T> class Expected {
public:
  Expected(T value) : value_(std::move(value)) {}
  Expected(Error error) : error_(std::move(error)) {}

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  T &operator*() { return *value_; }
  const T &operator*() const { return *value_; }
  T *operator->() { return &*value_; }
  const T *operator->() const { return &*value_; }
  /// The error; meaningful only when !ok().
  const Error &error() const { return error_; }

private:
  std::optional<T> value_;
  Error error_;
};

inline Error invalid(std::string message) { return Error{ErrorKind::Invalid, std::move(message)}; }

} // namespace dlc::abi

#endif // DLC_ABI_EXPECTED_H
