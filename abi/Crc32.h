// CRC-32 (the IEEE 802.3 polynomial, reflected; the value zlib's crc32()
// gives), the checksum of bundle sections and checkpoints. Defined here so
// that the contract folder needs nothing but the C++ standard library.
#ifndef DLC_ABI_CRC32_H
#define DLC_ABI_CRC32_H

#include <array>
#include <cstdint>
#include <string_view>

namespace dlc::abi {

namespace detail {
constexpr std::array<uint32_t, 256> crc32Table() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k)
      c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}
inline constexpr std::array<uint32_t, 256> kCrc32Table = crc32Table();
} // namespace detail

/// Continues a CRC-32 over `bytes` (start with crc = 0).
inline uint32_t crc32(std::string_view bytes, uint32_t crc = 0) {
  crc = ~crc;
  for (char ch : bytes)
    crc = detail::kCrc32Table[(crc ^ uint8_t(ch)) & 0xffu] ^ (crc >> 8);
  return ~crc;
}

} // namespace dlc::abi

#endif // DLC_ABI_CRC32_H
