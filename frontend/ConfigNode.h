// Typed, located access to a parsed Keras config (YAML or JSON via yaml-cpp); errors carry file:line:col.
#ifndef DLC_FRONTEND_CONFIGNODE_H
#define DLC_FRONTEND_CONFIGNODE_H

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dlc::frontend {

/// A 1-based position in a model file.
struct SourcePos {
  std::string file;
  unsigned line = 1;
  unsigned col = 1;
};

/// A problem in the model file. Thrown by the readers and turned into an MLIR
/// diagnostic at the API boundary (KerasImporter.cpp); nothing else throws it
/// across MLIR code.
struct ImportError {
  SourcePos pos;
  std::string message;
  /// For syntax errors: the byte offset in the text where the parser
  /// stopped, so the caller can say which layer it was reading; else -1.
  int64_t syntaxOffset = -1;
};

/// Largest size the frontend accepts for one dimension (2^31 - 1): larger
/// sizes are either typos or overflow the 32-bit index arithmetic of kernels.
constexpr int64_t kMaxDimSize = (int64_t(1) << 31) - 1;
/// Largest element count of one tensor (2^40): no model of this project comes
/// near it, and it keeps every byte count far from int64 overflow.
constexpr int64_t kMaxElements = int64_t(1) << 40;

/// One node of the parsed document plus what is needed to blame it: the file
/// name, where its key was written (for `key: value` fields the key is the
/// location reported), the key name for messages, and the context prefix
/// ("layer 'dense_1' (Dense): ") that every message of a layer starts with.
class ConfigNode {
public:
  ConfigNode() = default;
  ConfigNode(YAML::Node node, std::shared_ptr<const std::string> file);
  ConfigNode(const ConfigNode &) = default;
  /// YAML::Node::operator= writes the right-hand node's contents through to
  /// the document node the left-hand side refers to; assigning a ConfigNode
  /// must only rebind it (YAML::Node::reset), never edit the document.
  ConfigNode &operator=(const ConfigNode &other);

  const YAML::Node &yaml() const { return node_; }
  const std::string &file() const { return *file_; }
  /// The field name this node was read from ("units", "kernel_size[1]"), or "".
  const std::string &field() const { return field_; }
  const std::string &context() const { return context_; }

  bool isNull() const { return !node_.IsDefined() || node_.IsNull(); }
  bool isMap() const { return node_.IsMap(); }
  bool isSequence() const { return node_.IsSequence(); }
  bool isScalar() const { return node_.IsScalar(); }
  /// A scalar written in quotes: a string even if it looks like a number.
  bool isQuoted() const;
  /// Absent, null, false, a zero number, or an empty list or mapping: the
  /// "off" value of an optional Keras feature.
  bool isFalsy() const;

  /// Where diagnostics about this node point: its key when it has one, else
  /// the node itself.
  SourcePos pos() const;
  /// Where the node's own value starts.
  SourcePos valuePos() const;

  /// Same node, reported with `context` before each message.
  ConfigNode withContext(std::string context) const;
  /// Same node, reported at `other`'s position (for synthesised nodes).
  ConfigNode at(const ConfigNode &other) const;
  /// Same mapping; a missing required field is reported at `anchor` (a
  /// layer config's `name` key: the place that says which layer it is).
  ConfigNode withAnchor(const ConfigNode &anchor) const;

  /// Throws ImportError "<context><message>" at pos().
  [[noreturn]] void fail(const std::string &message) const;
  /// Throws ImportError "<context>'<field>' <message>" at pos().
  [[noreturn]] void failField(const std::string &message) const;

  /// Short description of the value for "got ..." texts: "abc" (quoted), 12,
  /// null, a list, a mapping.
  std::string describe() const;

  //===--- maps ---===//
  /// The entry `key` (its last value when written twice), or nullopt when
  /// absent. Fails when this is not a map.
  std::optional<ConfigNode> find(const std::string &key) const;
  /// The entry `key`; fails with "missing required field 'key'" when absent.
  ConfigNode get(const std::string &key) const;
  /// The first of `keys` that is present (for Keras 1/2/3 spellings of one
  /// field), or nullopt.
  std::optional<ConfigNode> findAny(std::initializer_list<const char *> keys) const;
  /// Present and not null.
  bool hasValue(const std::string &key) const;
  /// All entries in file order (a repeated key at its first place, with its
  /// last value). Fails when this is not a map or a key is not a string.
  std::vector<std::pair<std::string, ConfigNode>> entries() const;

  //===--- sequences ---===//
  /// The elements; fails unless this is a list.
  std::vector<ConfigNode> elements() const;

  //===--- scalars (fail with "'<field>' must be ..., got ...") ---===//
  int64_t asInt(int64_t min = INT64_MIN, int64_t max = INT64_MAX) const;
  double asFloat() const;
  /// A finite number in [min, max] (maxOpen: max itself excluded).
  double asFloatIn(double min, double max, bool maxOpen = false) const;
  std::string asString() const;
  bool asBool() const;
  /// Either one integer (repeated `n` times, as Keras accepts for
  /// kernel_size=3) or a list of exactly `n` integers, each in [min, max].
  std::vector<int64_t> asIntTuple(size_t n, int64_t min, int64_t max) const;
  std::vector<int64_t> asIntList(int64_t min, int64_t max) const;

  //===--- shorthands on map entries ---===//
  std::string getString(const std::string &key) const { return get(key).asString(); }
  std::optional<std::string> getOptString(const std::string &key) const;
  std::optional<int64_t> getOptInt(const std::string &key, int64_t min = INT64_MIN,
                                    int64_t max = INT64_MAX) const;
  bool getBool(const std::string &key, bool defaultValue) const;

private:
  ConfigNode child(YAML::Node node, YAML::Mark keyMark, std::string field) const;
  SourcePos toPos(const YAML::Mark &mark) const;
  std::string rangeText(int64_t min, int64_t max) const;

  YAML::Node node_;
  std::shared_ptr<const std::string> file_;
  std::optional<YAML::Mark> keyMark_;
  std::string field_;
  std::string context_;
  /// Set by at(): report here instead of the node's own marks.
  std::optional<SourcePos> override_;
  /// Set by withAnchor(): where missing fields of this mapping are reported.
  std::optional<SourcePos> anchor_;
};

/// Parses `text` (YAML or JSON) with yaml-cpp; syntax errors become
/// ImportError at the reported line and column. Also rejects text that is not
/// UTF-8 (at the first bad byte) and documents that yaml-cpp accepts but that
/// are not one Keras config (empty, several documents, a scalar). A key
/// written twice in one mapping takes its last value, as PyYAML and Python's
/// json do; each is reported in `warnings` (at the later key, naming the
/// earlier one's line) when given.
ConfigNode parseConfig(const std::string &text, const std::string &fileName,
                       std::vector<ImportError> *warnings = nullptr);

/// "[1, 28, 28, 1]".
std::string formatShape(const std::vector<int64_t> &shape);

} // namespace dlc::frontend

#endif // DLC_FRONTEND_CONFIGNODE_H
