// NumPy .npy arrays (implementation of Npy.h).
#include "runtime/data/Npy.h"

#include <cstring>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/data/FileBytes.h"

namespace dlc::rt::data {
namespace {

/// The header dictionary as NumPy writes it with repr(): a Python literal of
/// strings, True/False, integers and tuples. Anything else is an error, so
/// no value is ever guessed from a malformed header.
class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : text_(text) {}

  struct Fields {
    std::string descr;
    bool fortranOrder = false;
    std::vector<int64_t> shape;
  };

  /// The three fields, or an error message (without the file name).
  std::optional<std::string> parse(Fields &out) {
    bool haveDescr = false, haveFortran = false, haveShape = false;
    skipSpace();
    if (!eat('{')) return expected("'{' at the start of the header");
    for (;;) {
      skipSpace();
      if (eat('}')) break;
      std::string key;
      if (auto e = parseString(key)) return e;
      skipSpace();
      if (!eat(':')) return expected(absl::StrCat("':' after '", key, "'"));
      skipSpace();
      if (key == "descr") {
        if (haveDescr) return duplicate(key);
        haveDescr = true;
        if (auto e = parseString(out.descr)) return e;
      } else if (key == "fortran_order") {
        if (haveFortran) return duplicate(key);
        haveFortran = true;
        if (auto e = parseBool(out.fortranOrder)) return e;
      } else if (key == "shape") {
        if (haveShape) return duplicate(key);
        haveShape = true;
        if (auto e = parseShape(out.shape)) return e;
      } else {
        return absl::StrCat("unknown header key '", key,
                            "' (a .npy header has 'descr', 'fortran_order' and 'shape')");
      }
      skipSpace();
      if (eat(',')) continue;
      skipSpace();
      if (eat('}')) break;
      return expected("',' or '}' in the header");
    }
    skipSpace();
    if (pos_ != text_.size()) return expected("the end of the header after '}'");
    if (!haveDescr || !haveFortran || !haveShape)
      return absl::StrCat("the header lacks '",
                          !haveDescr ? "descr" : !haveFortran ? "fortran_order" : "shape", "'");
    return std::nullopt;
  }

private:
  void skipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t' ||
            text_[pos_] == '\r'))
      ++pos_;
  }
  bool eat(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string shown() const {
    if (pos_ >= text_.size()) return "the end of the header";
    std::string s(text_.substr(pos_, 12));
    for (char &c : s)
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
    return absl::StrCat("'", s, "'");
  }
  std::string expected(const std::string &what) const {
    return absl::StrCat("malformed header: expected ", what, ", found ", shown(),
                        " at header byte ", pos_);
  }
  std::string duplicate(const std::string &key) const {
    return absl::StrCat("malformed header: '", key, "' is given twice");
  }
  /// 'text' or "text"; NumPy's keys and type strings need no escapes.
  std::optional<std::string> parseString(std::string &out) {
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
      return expected("a quoted string");
    const char quote = text_[pos_++];
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' || text_[pos_] == '\n') return expected("a plain quoted string");
      ++pos_;
    }
    if (pos_ >= text_.size()) return expected(absl::StrCat("the closing ", std::string(1, quote)));
    out.assign(text_.substr(start, pos_ - start));
    ++pos_;
    return std::nullopt;
  }
  std::optional<std::string> parseBool(bool &out) {
    if (text_.substr(pos_, 4) == "True") {
      pos_ += 4;
      out = true;
    } else if (text_.substr(pos_, 5) == "False") {
      pos_ += 5;
      out = false;
    } else {
      return expected("True or False for 'fortran_order'");
    }
    return std::nullopt;
  }
  /// (d0, d1, ...) with Python 2's long suffix (3L) allowed.
  std::optional<std::string> parseShape(std::vector<int64_t> &out) {
    const size_t start = pos_;
    if (!eat('(')) return expected("a tuple '(' for 'shape'");
    for (;;) {
      skipSpace();
      if (eat(')')) break;
      const size_t numberStart = pos_;
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ')' &&
             text_[pos_] != ' ')
        ++pos_;
      std::string_view word = text_.substr(numberStart, pos_ - numberStart);
      std::string_view digits = word;
      if (!digits.empty() && (digits.back() == 'L' || digits.back() == 'l'))
        digits.remove_suffix(1);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        size_t end = text_.find(')', start);
        std::string_view tuple =
            text_.substr(start, end == std::string_view::npos ? 24 : end + 1 - start);
        return absl::StrCat("shape ", std::string(tuple), ": '", std::string(word),
                            "' is not a dimension (a whole number)");
      }
      uint64_t value = 0;
      for (char c : digits) {
        if (value > (uint64_t(1) << 62) / 10)
          return absl::StrCat("shape: dimension ", std::string(word), " is too large");
        value = value * 10 + uint64_t(c - '0');
      }
      out.push_back(int64_t(value));
      skipSpace();
      if (eat(',')) continue;
      skipSpace();
      if (eat(')')) break;
      return expected("',' or ')' in 'shape'");
    }
    return std::nullopt;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

struct ElementType {
  const char *descr;
  size_t size;
  bool integer, uint8;
};
// NumPy writes '|u1' for uint8; '<u1' is accepted as the same type.
constexpr ElementType kTypes[] = {
    {"<f4", 4, false, false}, {"<f8", 8, false, false}, {"|u1", 1, true, true},
    {"<u1", 1, true, true},   {"<i4", 4, true, false},  {"<i8", 8, true, false},
};

} // namespace

absl::StatusOr<NpyArray> parseNpy(std::string_view bytes, const std::string &name) {
  auto fail = [&](const std::string &msg) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": ", msg));
  };
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
    return fail("not a .npy file (bad magic)");
  const int major = uint8_t(bytes[6]);
  size_t headerLen = 0, headerStart = 0;
  if (major == 1) {
    headerLen = uint8_t(bytes[8]) | (size_t(uint8_t(bytes[9])) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) return fail("truncated header");
    for (int i = 0; i < 4; ++i) headerLen |= size_t(uint8_t(bytes[8 + i])) << (8 * i);
    headerStart = 12;
  } else {
    return fail(absl::StrCat("unsupported .npy format version ", major,
                             " (this reader knows 1, 2 and 3)"));
  }
  if (headerLen > bytes.size() - headerStart)
    return fail(absl::StrCat("truncated header: it says ", headerLen, " bytes, the file has ",
                             bytes.size() - headerStart, " after the preamble"));
  HeaderParser::Fields fields;
  if (auto error = HeaderParser(bytes.substr(headerStart, headerLen)).parse(fields))
    return fail(*error);
  if (fields.fortranOrder)
    return fail("Fortran order is not supported (save the array in C order)");
  const ElementType *type = nullptr;
  for (const ElementType &t : kTypes)
    if (fields.descr == t.descr) type = &t;
  if (!type)
    return fail(absl::StrCat("element type '", fields.descr,
                             "' is not supported (<f4, <f8, |u1, <i4, <i8)"));
  uint64_t count = 1;
  for (int64_t d : fields.shape)
    if (__builtin_mul_overflow(count, uint64_t(d), &count) || count > kMaxNpyElements)
      return fail(absl::StrCat("shape (", absl::StrJoin(fields.shape, ", "),
                               ") has more than 2^40 elements"));
  const uint64_t dataBytes = bytes.size() - headerStart - headerLen;
  if (dataBytes != count * type->size)
    return fail(absl::StrCat("holds ", dataBytes, " data bytes, the shape (",
                             absl::StrJoin(fields.shape, ", "), ") of ", fields.descr, " needs ",
                             count * type->size));
  NpyArray a;
  a.shape = std::move(fields.shape);
  a.integer = type->integer;
  a.uint8 = type->uint8;
  a.values.resize(size_t(count));
  const char *p = bytes.data() + headerStart + headerLen;
  for (uint64_t i = 0; i < count; ++i, p += type->size) {
    double &v = a.values[size_t(i)];
    if (type->uint8) {
      v = uint8_t(*p);
    } else if (!type->integer && type->size == 4) {
      float f;
      std::memcpy(&f, p, 4);
      v = f;
    } else if (!type->integer) {
      std::memcpy(&v, p, 8);
    } else if (type->size == 4) {
      int32_t x;
      std::memcpy(&x, p, 4);
      v = x;
    } else {
      int64_t x;
      std::memcpy(&x, p, 8);
      v = double(x);
    }
  }
  return a;
}

absl::StatusOr<NpyArray> readNpy(const std::string &path) {
  absl::StatusOr<FileBytes> file = readFileBytes(path);
  if (!file.ok()) return file.status();
  return parseNpy(std::string_view(reinterpret_cast<const char *>(file->bytes.data()),
                                   file->bytes.size()),
                  path);
}

} // namespace dlc::rt::data
