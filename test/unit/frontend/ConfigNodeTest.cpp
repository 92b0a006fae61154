// ConfigNode: scalar parsing rules, located errors, and assignment that never edits the document.
#include "frontend/ConfigNode.h"

#include <gtest/gtest.h>

using namespace dlc::frontend;

namespace {

ImportError errorOf(const std::function<void()> &f) {
  try {
    f();
  } catch (const ImportError &e) {
    return e;
  }
  ADD_FAILURE() << "expected an ImportError";
  return {};
}

TEST(ConfigNode, IntegersAreStrict) {
  ConfigNode root = parseConfig("a: 12\nb: 1.5\nc: '7'\nd: 1e3\ne: -3\nf: 99999999999999999999\n", "t.yaml");
  EXPECT_EQ(root.get("a").asInt(), 12);
  EXPECT_EQ(root.get("e").asInt(), -3);
  ImportError e = errorOf([&] { root.get("b").asInt(1, kMaxDimSize); });
  EXPECT_EQ(e.message, "'b' must be a positive integer, got 1.5");
  EXPECT_EQ(e.pos.line, 2u);
  EXPECT_EQ(e.pos.col, 1u);
  // A quoted number is a string.
  EXPECT_EQ(errorOf([&] { root.get("c").asInt(); }).message,
            "'c' must be an integer, got \"7\"");
  EXPECT_EQ(errorOf([&] { root.get("d").asInt(); }).message,
            "'d' must be an integer, got 1e3");
  EXPECT_EQ(errorOf([&] { root.get("f").asInt(); }).message,
            "'f' must be an integer no larger than 9223372036854775807, got "
            "99999999999999999999");
}

TEST(ConfigNode, FloatsBoolsAndStrings) {
  ConfigNode root = parseConfig(
      "{\"x\": 1.0e-07, \"y\": 3, \"z\": \".inf\", \"t\": true, \"n\": null, \"s\": \"a\\\"b\"}",
      "t.json");
  EXPECT_DOUBLE_EQ(root.get("x").asFloat(), 1e-7);
  EXPECT_DOUBLE_EQ(root.get("y").asFloat(), 3.0);
  EXPECT_EQ(errorOf([&] { root.get("z").asFloat(); }).message,
            "'z' must be a number, got \".inf\"");
  EXPECT_TRUE(root.get("t").asBool());
  EXPECT_TRUE(root.get("n").isNull());
  EXPECT_EQ(errorOf([&] { root.get("n").asString(); }).message,
            "'n' must be a string, got null");
  EXPECT_EQ(root.get("s").asString(), "a\"b");
  // JSON on one line: columns locate the key.
  ImportError e = errorOf([&] { root.get("t").asInt(); });
  EXPECT_EQ(e.pos.line, 1u);
  EXPECT_EQ(e.pos.col, 37u);
}

TEST(ConfigNode, TuplesAndAnchors) {
  ConfigNode root = parseConfig(
      "k: !!python/tuple [3, 5]\ns: &id001 !!python/tuple [2, 2]\nt: *id001\nu: 4\n", "t.yaml");
  EXPECT_EQ(root.get("k").asIntTuple(2, 1, 10), (std::vector<int64_t>{3, 5}));
  EXPECT_EQ(root.get("t").asIntTuple(2, 1, 10), (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(root.get("u").asIntTuple(2, 1, 10), (std::vector<int64_t>{4, 4}));
  ImportError e = errorOf([&] { root.get("k").asIntTuple(3, 1, 10); });
  EXPECT_EQ(e.message, "'k' must have 3 entries, got 2");
  // An element is blamed at its own place.
  e = errorOf([&] { root.get("k").asIntTuple(2, 4, 10); });
  EXPECT_EQ(e.message, "'k[0]' must be an integer in [4, 10], got 3");
  EXPECT_EQ(e.pos.col, 20u);
}

TEST(ConfigNode, AssignmentRebindsWithoutEditingTheDocument) {
  // YAML::Node::operator= would copy b's value into a's node.
  ConfigNode root = parseConfig("a: 1\nb: 2\n", "t.yaml");
  ConfigNode x = root.get("a");
  x = root.get("b");
  EXPECT_EQ(x.asInt(), 2);
  EXPECT_EQ(root.get("a").asInt(), 1);
  std::optional<ConfigNode> opt = root.get("a");
  opt = root.get("b");
  EXPECT_EQ(root.get("a").asInt(), 1);
}

TEST(ConfigNode, MissingDuplicateAndContext) {
  ConfigNode root = parseConfig("layer:\n  name: d\n  units: 3\n  units: 4\n", "t.yaml");
  ConfigNode layer = root.get("layer").withContext("layer 'd' (Dense): ");
  ImportError e = errorOf([&] { layer.get("activation"); });
  EXPECT_EQ(e.message, "layer 'd' (Dense): missing required field 'activation'");
  EXPECT_EQ(e.pos.line, 2u);
  // With an anchor, missing fields point at it.
  e = errorOf([&] { layer.withAnchor(layer.get("name")).get("activation"); });
  EXPECT_EQ(e.pos.line, 2u);
  EXPECT_EQ(e.pos.col, 3u);
}

// Issue 14: PyYAML (and Python's json) keep the last value of a repeated key;
// dlc did not load such a file at all.
TEST(ConfigNode, RepeatedKeyTakesTheLastValueWithAWarningNamingBothLines) {
  std::vector<ImportError> warnings;
  ConfigNode root =
      parseConfig("layer:\n  name: d\n  units: 3\n  units: 4\n", "t.yaml", &warnings);
  ConfigNode layer = root.get("layer");
  EXPECT_EQ(layer.get("units").asInt(), 4);
  EXPECT_EQ(layer.get("units").pos().line, 4u);
  // entries(): the first place, the last value.
  auto entries = layer.entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].first, "units");
  EXPECT_EQ(entries[1].second.asInt(), 4);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].pos.line, 4u);
  EXPECT_EQ(warnings[0].pos.col, 3u);
  EXPECT_EQ(warnings[0].message, "duplicate key 'units' (first at line 3): the last value is "
                                 "used, as PyYAML and Python's json do");
}

// Issue 14: bytes that are not UTF-8 reached layer names, the IR and bundles.
TEST(ConfigNode, TextMustBeUtf8) {
  ImportError e = errorOf([] { parseConfig("{\"name\": \"dense_\xff\xfe\"}", "m.json"); });
  EXPECT_EQ(e.message, "invalid UTF-8 (byte 0xFF): a model file must be UTF-8 text, as JSON "
                       "and Keras require");
  EXPECT_EQ(e.pos.line, 1u);
  EXPECT_EQ(e.pos.col, 17u);
  // Overlong forms, surrogates and truncated sequences too; the column counts
  // characters.
  EXPECT_EQ(errorOf([] { parseConfig("a: \xc3\xa9\nb: \xc0\xaf\n", "t.yaml"); }).pos.col, 4u);
  EXPECT_EQ(errorOf([] { parseConfig("a: \xed\xa0\x80\n", "t.yaml"); }).pos.line, 1u);
  EXPECT_EQ(errorOf([] { parseConfig("a: b\xe2\x82", "t.yaml"); }).pos.col, 5u);
  // Well-formed multi-byte text parses.
  EXPECT_EQ(parseConfig("name: \"d\xc3\xa9nse \xe2\x82\xac \xf0\x9f\x98\x80\"\n", "t.yaml")
                .get("name")
                .asString(),
            "d\xc3\xa9nse \xe2\x82\xac \xf0\x9f\x98\x80");
}

TEST(ConfigNode, SyntaxErrorsAreLocated) {
  ImportError e = errorOf([] { parseConfig("a: [1, 2\nb: 3\n", "t.yaml"); });
  EXPECT_EQ(e.pos.file, "t.yaml");
  EXPECT_EQ(e.pos.line, 1u);
  EXPECT_EQ(e.pos.col, 4u);
  EXPECT_NE(e.message.find("never closed"), std::string::npos) << e.message;
  e = errorOf([] { parseConfig("", "t.yaml"); });
  EXPECT_EQ(e.message, "the model file is empty");
  e = errorOf([] { parseConfig("a: 1\n---\nb: 2\n", "t.yaml"); });
  EXPECT_EQ(e.message, "unexpected content after the model config (a second YAML "
                       "document, or a stray token)");
  EXPECT_EQ(e.pos.line, 2u);
  e = errorOf([] { parseConfig("[1, 2]", "t.json"); });
  EXPECT_EQ(e.message, "expected a Keras model config (a mapping with 'class_name' "
                       "and 'config'), got a list");
}

TEST(ConfigNode, Keras1NumpyScalarsParse) {
  // Keras 1 to_yaml() writes numpy scalars as tagged block scalars in a
  // sequence, which yaml-cpp 0.7 rejects unless the tag is blanked.
  ConfigNode root = parseConfig("input_dim: !!python/object/apply:numpy.core.multiarray.scalar\n"
                                "- !!python/object/apply:numpy.dtype\n"
                                "  args: [i8, false, true]\n"
                                "- !!binary |\n"
                                "  ACQAAAAAAAA=\n"
                                "name: dense_1\n",
                                "t.yaml");
  EXPECT_EQ(root.get("name").asString(), "dense_1");
  EXPECT_EQ(root.get("name").pos().line, 6u);
}

} // namespace
