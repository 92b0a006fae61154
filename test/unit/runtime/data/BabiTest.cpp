// bAbI through Keras 2.0.8 babi_rnn.py's pipeline: tokenizer, a 2-story file written here
// (token ids, padding, one-hot worked out by hand), errors, and the real v1.2 files.
// The real-data numbers come from babi_reference.py (plain Python, run when these tests were
// written), not from this loader.
#include "runtime/data/Babi.h"

#include <gtest/gtest.h>

#include "TestFiles.h"

namespace dlc::rt::data {
namespace {

using testing::TempDir;
using Tokens = std::vector<std::string>;

TEST(Babi, TokenizeLikePython2ReSplit) {
  // Expected lists from Python: [x.strip() for x in re.split(r'(\W+)', s) if x.strip()].
  EXPECT_EQ(babiTokenize("Mary moved to the bathroom."),
            (Tokens{"Mary", "moved", "to", "the", "bathroom", "."}));
  EXPECT_EQ(babiTokenize("Where is Mary? "), (Tokens{"Where", "is", "Mary", "?"}));
  EXPECT_EQ(babiTokenize("a, b.c"), (Tokens{"a", ",", "b", ".", "c"}));
  EXPECT_EQ(babiTokenize("don't"), (Tokens{"don", "'", "t"}));
  EXPECT_EQ(babiTokenize("x  ...  y"), (Tokens{"x", "...", "y"}));
  EXPECT_EQ(babiTokenize("a . , b"), (Tokens{"a", ". ,", "b"}));
  EXPECT_EQ(babiTokenize("?!"), (Tokens{"?!"}));
  EXPECT_EQ(babiTokenize("tab\there_2"), (Tokens{"tab", "here_2"}));
  EXPECT_EQ(babiTokenize("  "), Tokens{});
}

const char *kTrain = "1 Mary moved to the bathroom.\n"
                     "2 John went to the hallway.\n"
                     "3 Where is Mary? \tbathroom\t1\n"
                     "4 Daniel went back to the hallway.\n"
                     "5 Where is Daniel? \thallway\t4\n"
                     "1 Sandra journeyed to the garden.\n"
                     "2 Where is Sandra? \tgarden\t1\n";
const char *kTest = "1 John journeyed to the garden.\n"
                    "2 Where John?\tgarden\t1\n";

TEST(Babi, ParsesStoriesWithAllPreviousSentences) {
  absl::StatusOr<std::vector<BabiSample>> s = parseBabiStories(kTrain, "train.txt");
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->size(), 3u);
  EXPECT_EQ((*s)[0].story, (Tokens{"Mary", "moved", "to", "the", "bathroom", ".", "John", "went",
                                   "to", "the", "hallway", "."}));
  EXPECT_EQ((*s)[0].query, (Tokens{"Where", "is", "Mary", "?"}));
  EXPECT_EQ((*s)[0].answer, "bathroom");
  EXPECT_EQ((*s)[1].story.size(), 19u); // both sentences before, the question line skipped
  EXPECT_EQ((*s)[1].story[12], "Daniel");
  EXPECT_EQ((*s)[2].story, (Tokens{"Sandra", "journeyed", "to", "the", "garden", "."}));
  EXPECT_EQ((*s)[2].answer, "garden");
}

TEST(Babi, OnlySupportingSelectsByLineId) {
  absl::StatusOr<std::vector<BabiSample>> s = parseBabiStories(kTrain, "train.txt", true);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ((*s)[0].story, (Tokens{"Mary", "moved", "to", "the", "bathroom", "."}));
  EXPECT_EQ((*s)[1].story, (Tokens{"Daniel", "went", "back", "to", "the", "hallway", "."}));
}

TEST(Babi, VectorizesWithPrePaddingAndOneHotAnswers) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/babi/tasks_1-20_v1-2/en";
  testing::writeText(tmp.file("babi/tasks_1-20_v1-2/en/qa1_tiny_train.txt"), kTrain);
  testing::writeText(tmp.file("babi/tasks_1-20_v1-2/en/qa1_tiny_test.txt"), kTest);
  absl::StatusOr<BabiFiles> files = resolveBabiFiles(tmp.path(), 1, "en");
  ASSERT_TRUE(files.ok()) << files.status();
  EXPECT_EQ(files->train, dir + "/qa1_tiny_train.txt");
  EXPECT_EQ(files->test, dir + "/qa1_tiny_test.txt");
  absl::StatusOr<BabiTask> t = loadBabi(*files);
  ASSERT_TRUE(t.ok()) << t.status();
  // Sorted by byte: . ? Daniel John Mary Sandra Where back bathroom garden hallway is journeyed
  //                 moved the to went  → ids 1..17, vocab_size 18.
  EXPECT_EQ(t->vocab, (Tokens{".", "?", "Daniel", "John", "Mary", "Sandra", "Where", "back",
                              "bathroom", "garden", "hallway", "is", "journeyed", "moved", "the",
                              "to", "went"}));
  EXPECT_EQ(t->vocabSize, 18);
  EXPECT_EQ(t->storyMaxlen, 19);
  EXPECT_EQ(t->queryMaxlen, 4);
  const Dataset &tr = t->train;
  ASSERT_TRUE(validateDataset(tr).ok());
  ASSERT_EQ(tr.numSamples, 3);
  ASSERT_EQ(tr.inputs.size(), 2u);
  EXPECT_EQ(tr.inputs[0].name, "story");
  EXPECT_EQ(tr.inputs[0].type, ElementType::kInt32);
  EXPECT_EQ(tr.inputs[0].sampleShape, (std::vector<int64_t>{19}));
  EXPECT_EQ(tr.inputs[1].sampleShape, (std::vector<int64_t>{4}));
  const std::vector<int32_t> story0(tr.inputs[0].i32.begin(), tr.inputs[0].i32.begin() + 19);
  EXPECT_EQ(story0, (std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, // 7 pads
                                          5, 14, 16, 15, 9, 1, 4, 17, 16, 15, 11, 1}));
  const std::vector<int32_t> story1(tr.inputs[0].i32.begin() + 19, tr.inputs[0].i32.begin() + 38);
  EXPECT_EQ(story1, (std::vector<int32_t>{5, 14, 16, 15, 9, 1, 4, 17, 16, 15, 11, 1, //
                                          3, 17, 8, 16, 15, 11, 1}));
  const std::vector<int32_t> story2(tr.inputs[0].i32.begin() + 38, tr.inputs[0].i32.end());
  EXPECT_EQ(story2, (std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
                                          6, 13, 16, 15, 10, 1}));
  EXPECT_EQ(tr.inputs[1].i32, (std::vector<int32_t>{7, 12, 5, 2, 7, 12, 3, 2, 7, 12, 6, 2}));
  EXPECT_EQ(tr.classes, (std::vector<int32_t>{9, 11, 10}));
  EXPECT_EQ(tr.numClasses, 18);
  std::vector<float> y0(tr.labels.begin(), tr.labels.begin() + 18);
  EXPECT_EQ(y0, (std::vector<float>{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}));
  const Dataset &te = t->test;
  ASSERT_EQ(te.numSamples, 1);
  EXPECT_EQ(te.inputs[0].i32, (std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
                                                    4, 13, 16, 15, 10, 1}));
  EXPECT_EQ(te.inputs[1].i32, (std::vector<int32_t>{0, 7, 4, 2})); // "Where John ?" padded
  EXPECT_EQ(te.classes, (std::vector<int32_t>{10}));
}

TEST(Babi, PadSequencesPreTruncatesAtTheFront) {
  EXPECT_EQ(padSequencePre({1, 2, 3}, 5), (std::vector<int32_t>{0, 0, 1, 2, 3}));
  EXPECT_EQ(padSequencePre({1, 2, 3}, 2), (std::vector<int32_t>{2, 3}));
  EXPECT_EQ(padSequencePre({}, 2), (std::vector<int32_t>{0, 0}));
}

TEST(Babi, MalformedLinesNamePathAndLine) {
  auto s = parseBabiStories("1 Mary went home.\nWhere?\n", "/d/qa1_x_train.txt");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "/d/qa1_x_train.txt:2: expected 'ID text', found 'Where?'");
  s = parseBabiStories("1 Mary went home.\n2 Where is Mary?\thome\n", "/d/f.txt");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "/d/f.txt:2: expected 'question<TAB>answer<TAB>supporting ids' "
                                  "(3 fields), found 2 fields");
  s = parseBabiStories("x Mary went home.\n", "/d/f.txt");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "/d/f.txt:1: expected a positive line ID, found 'x'");
  s = parseBabiStories("1 Mary went home.\n2 Where is Mary?\thome\t5\n", "/d/f.txt", true);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "/d/f.txt:2: expected supporting ids in 1..1, found '5'");
  // Blank lines and CRLF endings are tolerated.
  s = parseBabiStories("1 Mary went home.\r\n\r\n2 Where is Mary?\thome\t1\r\n", "/d/f.txt");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ((*s)[0].answer, "home");
}

TEST(Babi, ResolverMatchesTheQaPrefixExactly) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/babi/tasks_1-20_v1-2/en-10k";
  testing::writeText(tmp.file("babi/tasks_1-20_v1-2/en-10k/qa10_indefinite-knowledge_train.txt"),
                     kTrain);
  absl::StatusOr<BabiFiles> f = resolveBabiFiles(tmp.path(), 1, "en-10k");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(f.status().message(),
            dir + "/qa1_*_train.txt: no such file (bAbI task 1 en-10k training file). Get the "
                  "bAbI tasks v1.2 (tasks_1-20_v1-2.tar.gz) from Facebook Research's bAbI page, "
                  "https://research.facebook.com/downloads/babi/.");
  f = resolveBabiFiles(tmp.path(), 10, "en-10k");
  ASSERT_FALSE(f.ok());
  EXPECT_CONTAINS(std::string(f.status().message()), dir + "/qa10_*_test.txt: no such file");
  EXPECT_FALSE(resolveBabiFiles(tmp.path(), 21, "en").ok());
}

struct RealCase {
  const char *variant;
  int task;
  int64_t vocabSize, storyMaxlen, queryMaxlen, train, test;
};

TEST(Babi, RealFilesFromSharedData) {
  const std::string dir = testing::sharedDataDir("babi/tasks_1-20_v1-2");
  if (dir.empty())
    GTEST_SKIP() << "no shared data at " << DLC_SHARED_DATA_DIR << "/babi/tasks_1-20_v1-2";
  // From babi_reference.py on these files (and, for qa2 en, the numbers Keras prints).
  for (RealCase c : {RealCase{"en", 2, 36, 552, 5, 1000, 1000},
                     RealCase{"en-10k", 1, 22, 68, 4, 10000, 1000},
                     RealCase{"en", 1, 22, 66, 4, 1000, 1000}}) {
    SCOPED_TRACE(std::string(c.variant) + " qa" + std::to_string(c.task));
    absl::StatusOr<BabiFiles> f = resolveBabiFiles(dir, c.task, c.variant);
    ASSERT_TRUE(f.ok()) << f.status();
    absl::StatusOr<BabiTask> t = loadBabi(*f);
    ASSERT_TRUE(t.ok()) << t.status();
    EXPECT_EQ(t->vocabSize, c.vocabSize);
    EXPECT_EQ(t->storyMaxlen, c.storyMaxlen);
    EXPECT_EQ(t->queryMaxlen, c.queryMaxlen);
    EXPECT_EQ(t->train.numSamples, c.train);
    EXPECT_EQ(t->test.numSamples, c.test);
    EXPECT_TRUE(validateDataset(t->train).ok());
    EXPECT_TRUE(validateDataset(t->test).ok());
  }
  // qa2 en, first training sample: 38 story tokens after 514 pads, query "Where is the
  // football ?", answer garden (id 16).
  absl::StatusOr<BabiTask> t = loadBabi(*resolveBabiFiles(dir, 2, "en"));
  ASSERT_TRUE(t.ok()) << t.status();
  const std::vector<int32_t> &x = t->train.inputs[0].i32;
  EXPECT_EQ(std::count(x.begin(), x.begin() + 514, 0), 514);
  EXPECT_NE(x[514], 0);
  EXPECT_EQ(std::vector<int32_t>(x.begin() + 544, x.begin() + 552),
            (std::vector<int32_t>{1, 5, 35, 9, 31, 29, 16, 1}));
  EXPECT_EQ(std::vector<int32_t>(t->train.inputs[1].i32.begin(), t->train.inputs[1].i32.begin() + 5),
            (std::vector<int32_t>{7, 20, 29, 15, 2}));
  EXPECT_EQ(t->train.classes[0], 16);
  EXPECT_EQ(t->test.classes[999], 19); // hallway
  EXPECT_EQ(t->vocab[0], ".");
  EXPECT_EQ(t->vocab[34], "went");
}

} // namespace
} // namespace dlc::rt::data
