// libFuzzer target: arbitrary text as a bAbI task file: parsed (both story
// modes) and vectorised as the training and the test file of one task.
#include "runtime/data/Babi.h"
#include "test/fuzz/FuzzTarget.h"

DLC_FUZZ_TARGET(babi) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  for (bool onlySupporting : {false, true}) {
    auto samples = dlc::rt::data::parseBabiStories(text, "fuzz.txt", onlySupporting);
    if (samples.ok()) (void)dlc::rt::data::vectorizeBabi(*samples, *samples);
  }
  return 0;
}
