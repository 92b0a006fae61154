// The per-epoch progress display of `dlc train`, after Keras' Progbar:
//   on a terminal, one line redrawn in place (\r) after every batch:
//      37/468 [==>...........................] - ETA: 21s - loss: 0.4511 - acc: 0.8612
//   otherwise (a file, a pipe) plain lines, one per tenth of the epoch, in the
//   same format. finish() prints the epoch's final line (Keras' last Progbar
//   line with the validation metrics), replacing the bar on a terminal.
#ifndef DLC_RUNTIME_TRAIN_PROGRESS_H
#define DLC_RUNTIME_TRAIN_PROGRESS_H

#include <cstdint>
#include <ostream>
#include <string>

namespace dlc::rt::train {

/// isatty() of the stream's file descriptor when it is std::cout / std::cerr;
/// false for any other stream.
bool isTerminal(const std::ostream &out);

/// "1m05s", "12s", "0.4s" (what an ETA or a duration prints as).
std::string formatDuration(double seconds);

class ProgressBar {
public:
  ProgressBar(std::ostream &out, bool terminal, int64_t total, int64_t width = 30)
      : out_(out), terminal_(terminal), total_(total), width_(width) {}

  /// Batches [0, done) are finished, `elapsed` seconds in; loss and acc are
  /// the running means.
  void update(int64_t done, double elapsed, double loss, double acc);
  /// Ends the display with `finalLine` (replacing the bar on a terminal).
  void finish(const std::string &finalLine);

  /// The text of one update (without \r or newline).
  std::string line(int64_t done, double elapsed, double loss, double acc) const;

private:
  std::ostream &out_;
  bool terminal_;
  int64_t total_;
  int64_t width_;
  int64_t lastPrinted_ = -1;
  size_t lastLength_ = 0;
  bool drawn_ = false;
};

} // namespace dlc::rt::train

#endif // DLC_RUNTIME_TRAIN_PROGRESS_H
