// bAbI tasks v1.2 (implementation of Babi.h).
#include "runtime/data/Babi.h"

#include <algorithm>
#include <dirent.h>
#include <map>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "runtime/data/DataDir.h"
#include "runtime/data/FileBytes.h"

namespace dlc::rt::data {
namespace {

bool isWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool isSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

absl::string_view strip(absl::string_view s) {
  while (!s.empty() && isSpace(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back()))
    s.remove_suffix(1);
  return s;
}

std::string quote(absl::string_view s) {
  std::string shown(s.substr(0, 60));
  if (s.size() > 60)
    shown += "...";
  return absl::StrCat("'", shown, "'");
}

} // namespace

std::vector<std::string> babiTokenize(std::string_view sentence_) {
  const absl::string_view sentence(sentence_.data(), sentence_.size());
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < sentence.size()) {
    const bool word = isWordChar(sentence[i]);
    size_t j = i + 1;
    while (j < sentence.size() && isWordChar(sentence[j]) == word)
      ++j;
    absl::string_view t = strip(sentence.substr(i, j - i));
    if (!t.empty())
      tokens.emplace_back(t);
    i = j;
  }
  return tokens;
}

absl::StatusOr<std::vector<BabiSample>> parseBabiStories(std::string_view text_,
                                                         const std::string &path,
                                                         bool onlySupporting) {
  const absl::string_view text(text_.data(), text_.size());
  std::vector<BabiSample> data;
  std::vector<std::vector<std::string>> story; // an empty entry stands for a question line
  int64_t lineNo = 0;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++lineNo;
    absl::string_view line = strip(raw);
    if (line.empty())
      continue;
    auto err = [&](auto &&...what) {
      return absl::DataLossError(absl::StrCat(path, ":", lineNo, ": ", what...));
    };
    const size_t sp = line.find(' ');
    if (sp == absl::string_view::npos)
      return err("expected 'ID text', found ", quote(line));
    int64_t id;
    if (!absl::SimpleAtoi(line.substr(0, sp), &id) || id < 1)
      return err("expected a positive line ID, found ", quote(line.substr(0, sp)));
    absl::string_view body = line.substr(sp + 1);
    if (id == 1)
      story.clear();
    if (body.find('\t') != absl::string_view::npos) {
      std::vector<absl::string_view> parts = absl::StrSplit(body, '\t');
      if (parts.size() != 3)
        return err("expected 'question<TAB>answer<TAB>supporting ids' (3 fields), found ",
                   parts.size(), " fields");
      BabiSample s;
      s.query = babiTokenize(std::string_view(parts[0].data(), parts[0].size()));
      s.answer = std::string(parts[1]);
      if (onlySupporting) {
        for (absl::string_view f : absl::StrSplit(parts[2], ' ', absl::SkipWhitespace())) {
          int64_t k;
          if (!absl::SimpleAtoi(f, &k) || k < 1 || k > int64_t(story.size()))
            return err("expected supporting ids in 1..", story.size(), ", found ", quote(f));
          const std::vector<std::string> &sent = story[size_t(k - 1)];
          s.story.insert(s.story.end(), sent.begin(), sent.end());
        }
      } else {
        for (const std::vector<std::string> &sent : story)
          s.story.insert(s.story.end(), sent.begin(), sent.end());
      }
      data.push_back(std::move(s));
      story.emplace_back(); // story.append('')
    } else {
      story.push_back(babiTokenize(std::string_view(body.data(), body.size())));
    }
  }
  return data;
}

absl::StatusOr<std::vector<BabiSample>> readBabiFile(const std::string &path,
                                                     bool onlySupporting) {
  absl::StatusOr<FileBytes> file = readFileBytes(path);
  if (!file.ok())
    return file.status();
  std::string_view text(reinterpret_cast<const char *>(file->bytes.data()), file->bytes.size());
  absl::StatusOr<std::vector<BabiSample>> samples = parseBabiStories(text, path, onlySupporting);
  if (samples.ok() && samples->empty())
    return absl::DataLossError(
        absl::StrCat(path, ": expected at least one question line (with TABs), found none"));
  return samples;
}

absl::StatusOr<BabiFiles> resolveBabiFiles(const std::string &dataDir, int task,
                                           std::string_view variant_) {
  const absl::string_view variant(variant_.data(), variant_.size());
  if (task < 1 || task > 20)
    return absl::InvalidArgumentError(
        absl::StrCat("bAbI: expected a task in 1..20, found ", task));
  const std::string dir =
      joinPath(joinPath(joinPath(dataDir, "babi"), "tasks_1-20_v1-2"), variant_);
  const std::string prefix = absl::StrCat("qa", task, "_");
  std::string found[2];
  const char *suffix[2] = {"_train.txt", "_test.txt"};
  std::vector<std::string> names;
  if (DIR *d = ::opendir(dir.c_str())) {
    while (const dirent *e = ::readdir(d))
      names.emplace_back(e->d_name);
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  for (int k = 0; k < 2; ++k) {
    for (const std::string &name : names)
      if (absl::StartsWith(name, prefix) && absl::EndsWith(name, suffix[k]) &&
          isRegularFile(joinPath(dir, name))) {
        found[k] = joinPath(dir, name);
        break;
      }
    if (found[k].empty())
      return missingFileError(joinPath(dir, absl::StrCat(prefix, "*", suffix[k])),
                              absl::StrCat("bAbI task ", task, " ", variant,
                                           k == 0 ? " training" : " test", " file"),
                              DataSource::kBabi);
  }
  return BabiFiles{found[0], found[1]};
}

std::vector<int32_t> padSequencePre(const std::vector<int32_t> &ids, int64_t maxlen) {
  std::vector<int32_t> out(size_t(std::max<int64_t>(maxlen, 0)), 0);
  const size_t n = std::min(ids.size(), out.size());
  // truncating='pre' keeps the last n ids; padding='pre' puts them at the end.
  std::copy(ids.end() - n, ids.end(), out.end() - n);
  return out;
}

absl::StatusOr<BabiTask> vectorizeBabi(const std::vector<BabiSample> &train,
                                       const std::vector<BabiSample> &test, std::string name) {
  BabiTask task;
  std::set<std::string> vocab;
  for (const std::vector<BabiSample> *split : {&train, &test})
    for (const BabiSample &s : *split) {
      vocab.insert(s.story.begin(), s.story.end());
      vocab.insert(s.query.begin(), s.query.end());
      vocab.insert(s.answer);
      task.storyMaxlen = std::max<int64_t>(task.storyMaxlen, int64_t(s.story.size()));
      task.queryMaxlen = std::max<int64_t>(task.queryMaxlen, int64_t(s.query.size()));
    }
  if (train.empty() || test.empty())
    return absl::InvalidArgumentError(absl::StrCat(
        "bAbI '", name, "': expected samples in both splits, found ", train.size(),
        " training and ", test.size(), " test samples"));
  if (task.storyMaxlen == 0 || task.queryMaxlen == 0)
    return absl::InvalidArgumentError(absl::StrCat(
        "bAbI '", name, "': expected non-empty stories and questions, found story_maxlen ",
        task.storyMaxlen, " and query_maxlen ", task.queryMaxlen));
  task.vocab.assign(vocab.begin(), vocab.end()); // std::set<std::string>: byte order
  task.vocabSize = int64_t(task.vocab.size()) + 1;
  std::map<std::string, int32_t, std::less<>> wordIdx;
  for (size_t i = 0; i < task.vocab.size(); ++i)
    wordIdx.emplace(task.vocab[i], int32_t(i + 1));
  auto ids = [&](const std::vector<std::string> &words) {
    std::vector<int32_t> out;
    out.reserve(words.size());
    for (const std::string &w : words)
      out.push_back(wordIdx.find(w)->second);
    return out;
  };
  auto build = [&](const std::vector<BabiSample> &samples, const char *split) {
    Dataset ds;
    ds.name = absl::StrCat(name, "/", split);
    ds.numSamples = int64_t(samples.size());
    InputTensor story{"story", ElementType::kInt32, {task.storyMaxlen}, {}, {}};
    InputTensor question{"question", ElementType::kInt32, {task.queryMaxlen}, {}, {}};
    story.i32.reserve(samples.size() * size_t(task.storyMaxlen));
    question.i32.reserve(samples.size() * size_t(task.queryMaxlen));
    std::vector<int32_t> classes;
    for (const BabiSample &s : samples) {
      std::vector<int32_t> x = padSequencePre(ids(s.story), task.storyMaxlen);
      std::vector<int32_t> xq = padSequencePre(ids(s.query), task.queryMaxlen);
      story.i32.insert(story.i32.end(), x.begin(), x.end());
      question.i32.insert(question.i32.end(), xq.begin(), xq.end());
      classes.push_back(wordIdx.find(s.answer)->second);
    }
    ds.inputs.push_back(std::move(story));
    ds.inputs.push_back(std::move(question));
    (void)setOneHotLabels(ds, classes, task.vocabSize); // ids are in 1..vocabSize-1
    return ds;
  };
  task.train = build(train, "train");
  task.test = build(test, "test");
  return task;
}

absl::StatusOr<BabiTask> loadBabi(const BabiFiles &files, bool onlySupporting, std::string name) {
  absl::StatusOr<std::vector<BabiSample>> train = readBabiFile(files.train, onlySupporting);
  if (!train.ok())
    return train.status();
  absl::StatusOr<std::vector<BabiSample>> test = readBabiFile(files.test, onlySupporting);
  if (!test.ok())
    return test.status();
  return vectorizeBabi(*train, *test, std::move(name));
}

} // namespace dlc::rt::data
