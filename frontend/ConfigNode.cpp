// Typed, located access to a parsed Keras config: scalar parsing, lookups, and located errors.
#include "frontend/ConfigNode.h"

#include <yaml-cpp/eventhandler.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace dlc::frontend {

namespace {

/// A YAML/JSON integer literal: [+-]?[0-9]+ (no hex, octal or underscores,
/// which neither Keras nor JSON writes).
bool isIntegerLiteral(const std::string &s) {
  size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  if (i >= s.size())
    return false;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

/// A decimal float literal as PyYAML and json.dumps write them: optional sign,
/// digits with an optional fraction, optional exponent. strtod alone would also
/// take "inf", "nan" and hex floats.
bool isFloatLiteral(const std::string &s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-'))
    ++i;
  size_t digits = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9')
    ++i, ++digits;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
      ++i, ++digits;
  }
  if (digits == 0)
    return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-'))
      ++i;
    size_t exp = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
      ++i, ++exp;
    if (exp == 0)
      return false;
  }
  return i == n;
}

std::string quote(const std::string &s) {
  std::string out = "\"";
  size_t shown = 0;
  for (char c : s) {
    if (++shown > 60) {
      out += "...";
      break;
    }
    if (c == '"' || c == '\\')
      out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += '?';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

} // namespace

std::string formatShape(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

ConfigNode::ConfigNode(YAML::Node node, std::shared_ptr<const std::string> file)
    : node_(std::move(node)), file_(std::move(file)) {}

ConfigNode &ConfigNode::operator=(const ConfigNode &other) {
  if (this == &other)
    return *this;
  node_.reset(other.node_);
  file_ = other.file_;
  keyMark_ = other.keyMark_;
  field_ = other.field_;
  context_ = other.context_;
  override_ = other.override_;
  anchor_ = other.anchor_;
  return *this;
}

bool ConfigNode::isQuoted() const {
  return node_.IsScalar() && node_.Tag() == "!";
}

bool ConfigNode::isFalsy() const {
  if (isNull())
    return true;
  if (node_.IsMap() || node_.IsSequence())
    return node_.size() == 0;
  if (isQuoted())
    return false;
  const std::string &s = node_.Scalar();
  if (s == "false" || s == "False" || s == "FALSE")
    return true;
  return isFloatLiteral(s) && std::strtod(s.c_str(), nullptr) == 0.0;
}

SourcePos ConfigNode::toPos(const YAML::Mark &mark) const {
  SourcePos p;
  p.file = file_ ? *file_ : std::string("<unknown>");
  if (!mark.is_null() && mark.line >= 0 && mark.column >= 0) {
    p.line = static_cast<unsigned>(mark.line) + 1;
    p.col = static_cast<unsigned>(mark.column) + 1;
  }
  return p;
}

SourcePos ConfigNode::pos() const {
  if (override_)
    return *override_;
  if (keyMark_)
    return toPos(*keyMark_);
  return valuePos();
}

SourcePos ConfigNode::valuePos() const {
  if (override_)
    return *override_;
  if (!node_.IsDefined())
    return toPos(keyMark_ ? *keyMark_ : YAML::Mark::null_mark());
  return toPos(node_.Mark());
}

ConfigNode ConfigNode::withContext(std::string context) const {
  ConfigNode c = *this;
  c.context_ = std::move(context);
  return c;
}

ConfigNode ConfigNode::withAnchor(const ConfigNode &anchor) const {
  ConfigNode c = *this;
  c.anchor_ = anchor.pos();
  return c;
}

ConfigNode ConfigNode::at(const ConfigNode &other) const {
  ConfigNode c = *this;
  c.override_ = other.pos();
  return c;
}

void ConfigNode::fail(const std::string &message) const {
  throw ImportError{pos(), context_ + message};
}

void ConfigNode::failField(const std::string &message) const {
  if (field_.empty())
    fail(message);
  fail("'" + field_ + "' " + message);
}

std::string ConfigNode::describe() const {
  if (isNull())
    return "null";
  if (node_.IsMap())
    return "a mapping";
  if (node_.IsSequence())
    return "a list";
  const std::string &s = node_.Scalar();
  if (!isQuoted() && (isFloatLiteral(s) || s == "true" || s == "false" ||
                      s == "True" || s == "False"))
    return s;
  return quote(s);
}

ConfigNode ConfigNode::child(YAML::Node node, YAML::Mark keyMark,
                             std::string field) const {
  ConfigNode c(std::move(node), file_);
  c.keyMark_ = keyMark;
  // anchor_ belongs to this mapping only; children report their own places.
  c.field_ = std::move(field);
  c.context_ = context_;
  return c;
}

std::optional<ConfigNode> ConfigNode::find(const std::string &key) const {
  if (!node_.IsMap())
    failField("must be a mapping, got " + describe());
  std::optional<ConfigNode> found;
  // Iterating instead of node_[key] keeps const access, sees duplicate keys,
  // and never converts non-scalar keys.
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    // Copies: `it->first` lives in a proxy that dies with the statement.
    YAML::Node k = it->first;
    YAML::Node v = it->second;
    if (!k.IsScalar() || k.Scalar() != key)
      continue;
    // A repeated key: the last value wins (parseConfig warned).
    found = child(v, k.Mark(), key);
  }
  return found;
}

ConfigNode ConfigNode::get(const std::string &key) const {
  if (auto c = find(key))
    return *c;
  ConfigNode where = *this;
  // A missing field is reported at the mapping's anchor, else where the
  // mapping starts.
  where.keyMark_.reset();
  if (anchor_)
    where.override_ = anchor_;
  where.fail("missing required field '" + key + "'");
}

std::optional<ConfigNode>
ConfigNode::findAny(std::initializer_list<const char *> keys) const {
  for (const char *k : keys)
    if (auto c = find(k))
      return c;
  return std::nullopt;
}

bool ConfigNode::hasValue(const std::string &key) const {
  auto c = find(key);
  return c && !c->isNull();
}

std::vector<std::pair<std::string, ConfigNode>> ConfigNode::entries() const {
  if (!node_.IsMap())
    failField("must be a mapping, got " + describe());
  std::vector<std::pair<std::string, ConfigNode>> out;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    YAML::Node k = it->first;
    YAML::Node v = it->second;
    if (!k.IsScalar()) {
      ConfigNode bad = child(k, k.Mark(), "");
      bad.fail("mapping keys must be strings, got " + bad.describe());
    }
    // A repeated key keeps its first place and takes the last value, as a
    // Python dict built from the file does.
    bool repeated = false;
    for (auto &prev : out)
      if (prev.first == k.Scalar()) {
        prev.second = child(v, k.Mark(), k.Scalar());
        repeated = true;
      }
    if (!repeated)
      out.emplace_back(k.Scalar(), child(v, k.Mark(), k.Scalar()));
  }
  return out;
}

std::vector<ConfigNode> ConfigNode::elements() const {
  if (!node_.IsSequence())
    failField("must be a list, got " + describe());
  std::vector<ConfigNode> out;
  size_t i = 0;
  for (auto it = node_.begin(); it != node_.end(); ++it, ++i) {
    ConfigNode c(*it, file_);
    c.field_ = field_.empty() ? "[" + std::to_string(i) + "]"
                              : field_ + "[" + std::to_string(i) + "]";
    c.context_ = context_;
    // Elements are blamed at their own position: in `[3, "x"]` the "x".
    out.push_back(std::move(c));
  }
  return out;
}

std::string ConfigNode::rangeText(int64_t min, int64_t max) const {
  if (min == 1 && max >= kMaxDimSize)
    return "a positive integer";
  if (min == 0 && max >= kMaxDimSize)
    return "a non-negative integer";
  if (min == INT64_MIN && max == INT64_MAX)
    return "an integer";
  return "an integer in [" + std::to_string(min) + ", " + std::to_string(max) +
         "]";
}

int64_t ConfigNode::asInt(int64_t min, int64_t max) const {
  std::string what = rangeText(min, max);
  if (!node_.IsScalar() || isQuoted() || !isIntegerLiteral(node_.Scalar()))
    failField("must be " + what + ", got " + describe());
  errno = 0;
  char *end = nullptr;
  long long v = std::strtoll(node_.Scalar().c_str(), &end, 10);
  bool tooLarge = errno == ERANGE ? node_.Scalar()[0] != '-' : v > max;
  bool tooSmall = errno == ERANGE ? node_.Scalar()[0] == '-' : v < min;
  // An integer of the right sign but absurd size gets the bound in the text.
  if (tooLarge && what.rfind("an integer in", 0) != 0)
    failField("must be " + what + " no larger than " + std::to_string(max) +
              ", got " + describe());
  if (tooSmall || tooLarge)
    failField("must be " + what + ", got " + describe());
  return v;
}

double ConfigNode::asFloat() const {
  if (!node_.IsScalar() || isQuoted() || !isFloatLiteral(node_.Scalar()))
    failField("must be a number, got " + describe());
  double v = std::strtod(node_.Scalar().c_str(), nullptr);
  if (!std::isfinite(v))
    failField("must be a finite number, got " + describe());
  return v;
}

double ConfigNode::asFloatIn(double min, double max, bool maxOpen) const {
  double v = asFloat();
  if (v < min || v > max || (maxOpen && v == max)) {
    std::ostringstream os;
    os << "must be a number in [" << min << ", " << max << (maxOpen ? ")" : "]")
       << ", got " << describe();
    failField(os.str());
  }
  return v;
}

std::string ConfigNode::asString() const {
  if (!node_.IsScalar())
    failField("must be a string, got " + describe());
  return node_.Scalar();
}

bool ConfigNode::asBool() const {
  if (node_.IsScalar() && !isQuoted()) {
    const std::string &s = node_.Scalar();
    if (s == "true" || s == "True" || s == "TRUE")
      return true;
    if (s == "false" || s == "False" || s == "FALSE")
      return false;
  }
  failField("must be true or false, got " + describe());
}

std::vector<int64_t> ConfigNode::asIntTuple(size_t n, int64_t min,
                                            int64_t max) const {
  if (node_.IsScalar() && !isQuoted())
    return std::vector<int64_t>(n, asInt(min, max));
  if (!node_.IsSequence())
    failField("must be an integer or a list of " + std::to_string(n) +
              " integers, got " + describe());
  std::vector<ConfigNode> elems = elements();
  if (elems.size() != n)
    failField("must have " + std::to_string(n) + " entries, got " +
              std::to_string(elems.size()));
  std::vector<int64_t> out;
  for (const ConfigNode &e : elems)
    out.push_back(e.asInt(min, max));
  return out;
}

std::vector<int64_t> ConfigNode::asIntList(int64_t min, int64_t max) const {
  std::vector<int64_t> out;
  for (const ConfigNode &e : elements())
    out.push_back(e.asInt(min, max));
  return out;
}

std::optional<std::string> ConfigNode::getOptString(const std::string &key) const {
  auto c = find(key);
  if (!c || c->isNull())
    return std::nullopt;
  return c->asString();
}

std::optional<int64_t> ConfigNode::getOptInt(const std::string &key, int64_t min,
                                             int64_t max) const {
  auto c = find(key);
  if (!c || c->isNull())
    return std::nullopt;
  return c->asInt(min, max);
}

bool ConfigNode::getBool(const std::string &key, bool defaultValue) const {
  auto c = find(key);
  if (!c || c->isNull())
    return defaultValue;
  return c->asBool();
}

/// yaml-cpp 0.7 rejects a tagged block scalar as a block-sequence entry
/// ("- !!binary |"), which Keras 1 `to_yaml()` writes for numpy scalars.
/// Blanking the tag (same length, so every line and column stays put) lets
/// it parse; dlc reads no such value.
static std::string blankTagsOfBlockSequenceScalars(const std::string &text) {
  std::string out = text;
  size_t lineStart = 0;
  while (lineStart < out.size()) {
    size_t lineEnd = out.find('\n', lineStart);
    if (lineEnd == std::string::npos)
      lineEnd = out.size();
    size_t i = lineStart;
    while (i < lineEnd && out[i] == ' ')
      ++i;
    bool entry = false;
    while (i + 1 < lineEnd && out[i] == '-' && out[i + 1] == ' ') {
      entry = true;
      i += 2;
      while (i < lineEnd && out[i] == ' ')
        ++i;
    }
    if (entry && i < lineEnd && out[i] == '!') {
      size_t tagEnd = i;
      while (tagEnd < lineEnd && out[tagEnd] != ' ')
        ++tagEnd;
      size_t k = tagEnd;
      while (k < lineEnd && out[k] == ' ')
        ++k;
      if (k < lineEnd && (out[k] == '|' || out[k] == '>')) {
        size_t r = k + 1;
        while (r < lineEnd && (out[r] == '-' || out[r] == '+' ||
                               (out[r] >= '0' && out[r] <= '9')))
          ++r;
        while (r < lineEnd && (out[r] == ' ' || out[r] == '\r'))
          ++r;
        if (r == lineEnd || out[r] == '#')
          for (size_t t = i; t < tagEnd; ++t)
            out[t] = ' ';
      }
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

/// Counts documents (and where they start) without building nodes.
class DocumentCounter : public YAML::EventHandler {
public:
  int documents = 0;
  YAML::Mark firstStart, secondStart;
  void OnDocumentStart(const YAML::Mark &mark) override {
    if (++documents == 1)
      firstStart = mark;
    else if (documents == 2)
      secondStart = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t,
                const std::string &) override {}
  void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

/// Where the innermost flow collection (`open` = '[' or '{') still open at
/// `offset` was opened, skipping quoted strings and comments; yaml-cpp
/// reports an unclosed one only where it gives up, often lines later.
static std::optional<std::pair<int, int>>
unclosedFlowStart(const std::string &text, size_t offset, char open) {
  char close = open == '[' ? ']' : '}';
  std::vector<std::pair<int, int>> stack;
  int line = 0, col = 0;
  for (size_t i = 0; i < text.size() && i < offset; ++i, ++col) {
    char c = text[i];
    if (c == '\n') {
      line++, col = -1;
    } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) {
      while (i + 1 < text.size() && i + 1 < offset && text[i + 1] != '\n')
        ++i, ++col;
    } else if (c == '"' || c == '\'') {
      for (++i, ++col; i < text.size() && i < offset; ++i, ++col) {
        if (text[i] == '\n')
          line++, col = -1;
        else if (c == '"' && text[i] == '\\')
          ++i, ++col;
        else if (text[i] == c) {
          if (c == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
            ++i, ++col;
          else
            break;
        }
      }
    } else if (c == open) {
      stack.emplace_back(line, col);
    } else if (c == close && !stack.empty()) {
      stack.pop_back();
    }
  }
  if (stack.empty())
    return std::nullopt;
  return stack.back();
}

/// The offset of the first byte that is not part of well-formed UTF-8
/// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or
/// npos.
static size_t firstInvalidUtf8(const std::string &text) {
  const auto *p = reinterpret_cast<const unsigned char *>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF; // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = 3;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    else return i;
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi)
      return i;
    for (size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF)
        return i;
    i += len;
  }
  return std::string::npos;
}

/// Records every key written twice in one mapping. PyYAML and Python's json
/// keep the last value; so does ConfigNode (find, entries), and the user is
/// told, at the later key, where the earlier one is.
static void warnDuplicateKeys(const YAML::Node &root, const std::string &fileName,
                              std::vector<ImportError> &warnings) {
  std::vector<YAML::Node> pending{root};
  size_t visited = 0;
  while (!pending.empty() && ++visited < 1000000) {
    YAML::Node node = pending.back();
    pending.pop_back();
    if (node.IsSequence()) {
      for (auto it = node.begin(); it != node.end(); ++it)
        pending.push_back(*it);
      continue;
    }
    if (!node.IsMap())
      continue;
    std::vector<std::pair<std::string, YAML::Mark>> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      YAML::Node k = it->first;
      YAML::Node v = it->second;
      pending.push_back(v);
      if (!k.IsScalar())
        continue;
      for (const auto &[name, mark] : seen) {
        if (name != k.Scalar())
          continue;
        SourcePos pos{fileName, unsigned(k.Mark().line) + 1, unsigned(k.Mark().column) + 1};
        warnings.push_back(ImportError{
            pos, "duplicate key '" + name + "' (first at line " +
                     std::to_string(mark.line + 1) +
                     "): the last value is used, as PyYAML and Python's json do"});
        break;
      }
      seen.emplace_back(k.Scalar(), k.Mark());
    }
  }
}

ConfigNode parseConfig(const std::string &text, const std::string &fileName,
                       std::vector<ImportError> *warnings) {
  // YAML and JSON are Unicode text; Keras writes UTF-8. Bytes that are not
  // UTF-8 would otherwise reach layer names, the IR and a bundle's manifest.
  if (size_t bad = firstInvalidUtf8(text); bad != std::string::npos) {
    SourcePos pos{fileName, 1, 1};
    for (size_t i = 0; i < bad; ++i) {
      if (text[i] == '\n')
        ++pos.line, pos.col = 1;
      else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
        ++pos.col;
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw ImportError{pos, std::string("invalid UTF-8 (byte ") + hex +
                               "): a model file must be UTF-8 text, as JSON and Keras require"};
  }
  auto file = std::make_shared<const std::string>(fileName);
  auto errorAt = [&](const YAML::Mark &mark, const std::string &msg) {
    SourcePos p;
    p.file = fileName;
    if (!mark.is_null() && mark.line >= 0 && mark.column >= 0) {
      p.line = mark.line + 1;
      p.col = mark.column + 1;
    }
    return ImportError{p, msg};
  };
  std::string input = text.find('!') == std::string::npos
                          ? text
                          : blankTagsOfBlockSequenceScalars(text);
  YAML::Node doc;
  DocumentCounter counter;
  try {
    doc = YAML::Load(input);
    // YAML::LoadAll loops forever on some malformed inputs (yaml-cpp #1319:
    // a token no rule consumes yields an endless run of empty documents), so
    // the documents after the first are counted by hand, at most one.
    std::stringstream stream(input);
    YAML::Parser parser(stream);
    if (parser.HandleNextDocument(counter))
      parser.HandleNextDocument(counter);
  } catch (const YAML::Exception &e) {
    ImportError err = errorAt(e.mark, "syntax error: " + e.msg);
    err.syntaxOffset = e.mark.is_null() || e.mark.pos < 0 ? -1 : e.mark.pos;
    bool seq = e.msg.find("end of sequence flow") != std::string::npos;
    bool map = e.msg.find("end of map flow") != std::string::npos;
    if ((seq || map) && err.syntaxOffset >= 0) {
      if (auto start = unclosedFlowStart(text, err.syntaxOffset, seq ? '[' : '{')) {
        err.message = std::string("syntax error: the flow ") +
                      (seq ? "sequence '['" : "mapping '{'") +
                      " opened here is never closed (the parser gave up at "
                      "line " + std::to_string(err.pos.line) + ", column " +
                      std::to_string(err.pos.col) + ")";
        err.pos.line = start->first + 1;
        err.pos.col = start->second + 1;
      }
    }
    throw err;
  }
  if (counter.documents > 1) {
    ImportError err = errorAt(counter.secondStart,
                              "unexpected content after the model config (a "
                              "second YAML document, or a stray token)");
    err.syntaxOffset = counter.secondStart.pos;
    throw err;
  }
  if (!doc.IsDefined() || doc.IsNull()) {
    bool blank = true;
    for (size_t i = 0; i < text.size() && blank; ++i) {
      char ch = text[i];
      if (ch == '#')
        while (i < text.size() && text[i] != '\n')
          ++i;
      else if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
        blank = false;
    }
    if (blank)
      throw errorAt(YAML::Mark(), "the model file is empty");
    throw errorAt(counter.firstStart,
                  "syntax error: this is not a YAML or JSON document that can "
                  "be read (the parser found no value here)");
  }
  if (warnings)
    warnDuplicateKeys(doc, fileName, *warnings);
  ConfigNode root(doc, file);
  if (!root.isMap())
    throw errorAt(doc.Mark(),
                  "expected a Keras model config (a mapping with 'class_name' "
                  "and 'config'), got " +
                      root.describe());
  return root;
}

} // namespace dlc::frontend
