// The .npy reader: files whose bytes are written out by hand here (NumPy's
// layout: magic, version, header length, the header dictionary, the data), good
// ones checked against their hand-written values and bad ones (issue 14: shapes
// that abort std::stoll or overflow the element count) refused with messages.
#include "runtime/data/Npy.h"

#include <cstring>

#include <gtest/gtest.h>

#include "TestFiles.h"

namespace dlc::rt::data {
namespace {

/// A version-1 .npy file: the header padded with spaces to a multiple of 64
/// bytes, ending in '\n', as numpy.save writes it.
std::string npyV1(const std::string &dict, const std::string &data) {
  std::string header = dict;
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += char(header.size() & 0xff);
  out += char(header.size() >> 8);
  return out + header + data;
}

std::string floats(std::initializer_list<float> values) {
  std::string out(values.size() * 4, '\0');
  size_t i = 0;
  for (float v : values) std::memcpy(&out[4 * i++], &v, 4);
  return out;
}

TEST(Npy, ReadsAFloat32Matrix) {
  auto a = parseNpy(npyV1("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                          floats({1, 2, 3, -4, 0.5f, 6})),
                    "m.npy");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(a->values, (std::vector<double>{1, 2, 3, -4, 0.5, 6}));
  EXPECT_FALSE(a->integer);
}

TEST(Npy, ReadsUint8AndInt64AndVersion2AndPython2Longs) {
  auto u = parseNpy(npyV1("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }",
                          std::string("\x00\x80\xff", 3)),
                    "u.npy");
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->values, (std::vector<double>{0, 128, 255}));
  EXPECT_TRUE(u->uint8);

  int64_t big = -5;
  std::string i8(8, '\0');
  std::memcpy(i8.data(), &big, 8);
  // Version 2: a 4-byte header length. Python 2's NumPy wrote "1L".
  std::string dict = "{'fortran_order': False, 'shape': (1L,), 'descr': '<i8'}";
  std::string v2 = std::string("\x93NUMPY\x02\x00", 8);
  v2 += char(dict.size());
  v2 += std::string(3, '\0');
  auto i = parseNpy(v2 + dict + i8, "i.npy");
  ASSERT_TRUE(i.ok()) << i.status();
  EXPECT_EQ(i->shape, (std::vector<int64_t>{1}));
  EXPECT_EQ(i->values, (std::vector<double>{-5}));
}

TEST(Npy, ScalarShapeIsOneElement) {
  auto a = parseNpy(npyV1("{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
                          floats({7})),
                    "s.npy");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_TRUE(a->shape.empty());
  EXPECT_EQ(a->values, (std::vector<double>{7}));
}

/// The message of parsing `dict` with `data`, "" when it parsed.
std::string errorOf(const std::string &dict, const std::string &data = "") {
  auto a = parseNpy(npyV1(dict, data), "x.npy");
  return a.ok() ? "" : std::string(a.status().message());
}

// Issue 14: std::stoll threw on these and dlc predict aborted (rc 134).
TEST(Npy, NonNumericDimensionIsAnError) {
  EXPECT_EQ(errorOf("{'descr': '<f4', 'fortran_order': False, 'shape': (abc, 784), }"),
            "x.npy: shape (abc, 784): 'abc' is not a dimension (a whole number)");
}

TEST(Npy, DimensionBeyondInt64IsAnError) {
  EXPECT_EQ(errorOf("{'descr': '<f4', 'fortran_order': False, "
                    "'shape': (99999999999999999999, 784), }"),
            "x.npy: shape: dimension 99999999999999999999 is too large");
}

TEST(Npy, OverflowingElementCountIsAnError) {
  EXPECT_EQ(errorOf("{'descr': '<f4', 'fortran_order': False, "
                    "'shape': (4611686018427387904, 2), }"),
            "x.npy: shape (4611686018427387904, 2) has more than 2^40 elements");
}

// Issue 14: 4611686018427387905 * 784 wrapped to 784 in 64 bits, so 3,136
// bytes passed the size check and predict ran one sample from garbage.
TEST(Npy, WrappedElementCountDoesNotPassTheSizeCheck) {
  EXPECT_EQ(errorOf("{'descr': '<f4', 'fortran_order': False, "
                    "'shape': (4611686018427387905, 784), }",
                    std::string(3136, '\0')),
            "x.npy: shape (4611686018427387905, 784) has more than 2^40 elements");
}

TEST(Npy, MalformedHeadersAreErrors) {
  EXPECT_EQ(errorOf("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", floats({1})),
            "x.npy: Fortran order is not supported (save the array in C order)");
  EXPECT_EQ(errorOf("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", floats({1})),
            "x.npy: element type '>f4' is not supported (<f4, <f8, |u1, <i4, <i8)");
  EXPECT_EQ(errorOf("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", floats({1})),
            "x.npy: holds 4 data bytes, the shape (2) of <f4 needs 8");
  EXPECT_EQ(errorOf("{'descr': '<f4', 'shape': (1,), }", floats({1})),
            "x.npy: the header lacks 'fortran_order'");
  EXPECT_EQ(errorOf("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}"),
            "x.npy: malformed header: 'descr' is given twice");
  EXPECT_EQ(errorOf("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}"),
            "x.npy: unknown header key 'x' (a .npy header has 'descr', 'fortran_order' and "
            "'shape')");
  EXPECT_EQ(errorOf("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }"),
            "x.npy: shape (-1,): '-1' is not a dimension (a whole number)");
  EXPECT_EQ(errorOf("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }"),
            "x.npy: malformed header: expected True or False for 'fortran_order', found "
            "'Maybe, 'shap' at header byte 34");
}

TEST(Npy, TruncatedAndForeignFilesAreErrors) {
  auto notNpy = parseNpy("PK\x03\x04 not an array", "z.npy");
  EXPECT_EQ(notNpy.status().message(), "z.npy: not a .npy file (bad magic)");
  std::string cut = npyV1("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", "");
  auto truncated = parseNpy(cut.substr(0, 40), "t.npy");
  EXPECT_EQ(truncated.status().message(),
            "t.npy: truncated header: it says 118 bytes, the file has 30 after the preamble");
  auto version9 = parseNpy(std::string("\x93NUMPY\x09\x00\x00\x00", 10), "v.npy");
  EXPECT_EQ(version9.status().message(),
            "v.npy: unsupported .npy format version 9 (this reader knows 1, 2 and 3)");
}

TEST(Npy, ReadsAFile) {
  testing::TempDir tmp;
  const std::string path = tmp.file("a.npy");
  const std::string bytes =
      npyV1("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", std::string(8, '\0'));
  testing::writeText(path, bytes);
  auto a = readNpy(path);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->values, (std::vector<double>{0.0}));
  EXPECT_EQ(readNpy(tmp.file("missing.npy")).status().code(), absl::StatusCode::kNotFound);
}

} // namespace
} // namespace dlc::rt::data
