// The per-epoch progress display of `dlc train` (implementation of Progress.h).
#include "runtime/train/Progress.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace dlc::rt::train {

bool isTerminal(const std::ostream &out) {
  if (&out == &std::cout) return ::isatty(STDOUT_FILENO) != 0;
  if (&out == &std::cerr) return ::isatty(STDERR_FILENO) != 0;
  return false;
}

std::string formatDuration(double seconds) {
  if (seconds < 0 || !std::isfinite(seconds)) seconds = 0;
  if (seconds < 10) return absl::StrFormat("%.1fs", seconds);
  const int64_t s = int64_t(std::llround(seconds));
  if (s < 60) return absl::StrCat(s, "s");
  if (s < 3600) return absl::StrFormat("%dm%02ds", s / 60, s % 60);
  return absl::StrFormat("%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
}

std::string ProgressBar::line(int64_t done, double elapsed, double loss, double acc) const {
  const int digits = int(std::to_string(total_).size());
  std::string bar;
  if (total_ > 0) {
    const int64_t filled = done * width_ / total_;
    bar = std::string(size_t(filled), '=');
    if (done < total_) {
      if (filled > 0) bar.back() = '>';
      else bar = ">";
    }
    bar.resize(size_t(width_), '.');
  }
  std::string text = absl::StrFormat("%*d/%d [%s]", digits, done, total_, bar);
  if (done < total_ && done > 0)
    absl::StrAppend(&text, " - ETA: ", formatDuration(elapsed / double(done) * double(total_ - done)));
  else
    absl::StrAppend(&text, " - ", formatDuration(elapsed));
  if (done > 0) absl::StrAppend(&text, absl::StrFormat(" - loss: %.4f - acc: %.4f", loss, acc));
  return text;
}

void ProgressBar::update(int64_t done, double elapsed, double loss, double acc) {
  if (terminal_) {
    std::string text = line(done, elapsed, loss, acc);
    const size_t length = text.size();
    if (length < lastLength_) text.append(lastLength_ - length, ' ');
    lastLength_ = length;
    out_ << '\r' << text << std::flush;
    drawn_ = true;
    return;
  }
  // Plain lines: every tenth of the epoch (rounded up) and at its end.
  const int64_t step = std::max<int64_t>(1, (total_ + 9) / 10);
  if (done == lastPrinted_) return;
  if (done == 0 || done == total_ || done % step != 0) return; // finish() prints the end
  out_ << line(done, elapsed, loss, acc) << '\n' << std::flush;
  lastPrinted_ = done;
}

void ProgressBar::finish(const std::string &finalLine) {
  if (terminal_) {
    std::string text = finalLine;
    if (text.size() < lastLength_) text.append(lastLength_ - text.size(), ' ');
    out_ << '\r' << text << '\n' << std::flush;
  } else {
    out_ << finalLine << '\n' << std::flush;
  }
  drawn_ = false;
  lastLength_ = 0;
}

} // namespace dlc::rt::train
