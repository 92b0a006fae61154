// bAbI tasks v1.2 (Weston et al. 2015) through exactly the pipeline of Keras 2.0.8
// examples/babi_rnn.py: tokenize, parse_stories, get_stories, vocabulary, vectorize_stories
// with pad_sequences. No random draws here.
//
// File format: one `ID text` per line; ID 1 starts a new story; a question line is
// `ID question<TAB>answer<TAB>supporting ids`. Keras' steps, as implemented here:
//   tokenize(s)   = [x.strip() for x in re.split(r'(\W+)?', s) if x.strip()]  (Python 2 split:
//                   the maximal runs of word characters [A-Za-z0-9_] and of other characters,
//                   each stripped of ASCII whitespace, empty ones dropped)
//   parse_stories = for each line (stripped): split at the first space into ID and text; ID 1
//                   empties the story; a question (text has a TAB) yields (substory,
//                   tokenize(q), a) and appends an empty placeholder sentence; any other line
//                   appends tokenize(text). substory = all non-empty sentences so far
//                   (only_supporting=False), or story[id - 1] for each supporting id (True).
//   get_stories   = each substory flattened into one token list; the answer is NOT tokenized.
//   vocab         = sorted(set of every story, question and answer token of train + test)
//                   (byte order = Python's code-point order for UTF-8), vocab_size = len + 1,
//                   word_idx = 1-based position in vocab (0 is padding).
//   story_maxlen, query_maxlen = max lengths over train + test.
//   vectorize     = ids padded/truncated to maxlen by pad_sequences (padding='pre',
//                   truncating='pre', value=0, int32); answer one-hot of size vocab_size.
// Differences from the script, none of which changes a valid file's result: blank lines are
// skipped; malformed lines are errors naming path:line instead of Python exceptions; a
// question before any sentence gives an empty story (all padding) instead of a TypeError.
#ifndef DLC_RUNTIME_DATA_BABI_H
#define DLC_RUNTIME_DATA_BABI_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/data/Dataset.h"

namespace dlc::rt::data {

/// One question with its (flattened) story, as get_stories returns it.
struct BabiSample {
  std::vector<std::string> story;
  std::vector<std::string> query;
  std::string answer;
};

/// Keras babi_rnn.py tokenize().
std::vector<std::string> babiTokenize(std::string_view sentence);

/// parse_stories + get_stories on the text of one file; `path` is used in error messages
/// (`path:line: expected ..., found ...`).
absl::StatusOr<std::vector<BabiSample>> parseBabiStories(std::string_view text,
                                                         const std::string &path,
                                                         bool onlySupporting = false);

/// Reads and parses one file (gzip allowed, detected by magic).
absl::StatusOr<std::vector<BabiSample>> readBabiFile(const std::string &path,
                                                     bool onlySupporting = false);

struct BabiFiles {
  std::string train, test;
};

/// <dataDir>/babi/tasks_1-20_v1-2/<variant>/qa<task>_*_{train,test}.txt, found by the
/// `qa<task>_` prefix (so qa1_ never matches qa10_); variant is "en" or "en-10k" (any folder
/// name is accepted). Missing → NotFound naming the folder and pattern and the bAbI download.
absl::StatusOr<BabiFiles> resolveBabiFiles(const std::string &dataDir, int task,
                                           std::string_view variant = "en");

/// Keras pad_sequences for one sequence: padding='pre', truncating='pre', value=0.
std::vector<int32_t> padSequencePre(const std::vector<int32_t> &ids, int64_t maxlen);

/// The vectorized task: datasets with inputs "story" int32 [storyMaxlen] and "question" int32
/// [queryMaxlen] (the order babi_rnn.py fits [x, xq]), one-hot answers over vocabSize classes.
struct BabiTask {
  std::vector<std::string> vocab; ///< sorted; word id = position + 1
  int64_t vocabSize = 0;          ///< vocab.size() + 1
  int64_t storyMaxlen = 0, queryMaxlen = 0;
  Dataset train, test;
};

/// Vocabulary, max lengths and vectorization from parsed train and test samples.
absl::StatusOr<BabiTask> vectorizeBabi(const std::vector<BabiSample> &train,
                                       const std::vector<BabiSample> &test,
                                       std::string name = "babi");

/// Reads both files and vectorizes them.
absl::StatusOr<BabiTask> loadBabi(const BabiFiles &files, bool onlySupporting = false,
                                  std::string name = "babi");

} // namespace dlc::rt::data

#endif // DLC_RUNTIME_DATA_BABI_H
