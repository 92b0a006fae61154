// Test helper: sets an environment variable for the lifetime of the object
// and restores its old value (or unsets it) afterwards.
#ifndef DLC_TEST_UNIT_RUNTIME_SCOPEDENV_H
#define DLC_TEST_UNIT_RUNTIME_SCOPEDENV_H

#include <cstdlib>
#include <optional>
#include <string>

namespace dlc::rt::testing {

class ScopedEnv {
public:
  ScopedEnv(const char *name, const std::string &value) : name_(name) {
    if (const char *old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv &) = delete;
  ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
  const char *name_;
  std::optional<std::string> old_;
};

} // namespace dlc::rt::testing

#endif // DLC_TEST_UNIT_RUNTIME_SCOPEDENV_H
