// Little-endian integers in byte strings: how bundles and checkpoints store theirs.
#ifndef DLC_ABI_LITTLEENDIAN_H
#define DLC_ABI_LITTLEENDIAN_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dlc::abi {

/// Writes the `Bytes` low bytes of `v` at `out[at]`, least significant first.
template <int Bytes, typename U>
inline void putLittleEndian(std::string &out, size_t at, U v) {
  for (int i = 0; i < Bytes; ++i)
    out[at + i] = char((v >> (8 * i)) & 0xff);
}
inline void putU32(std::string &out, size_t at, uint32_t v) { putLittleEndian<4>(out, at, v); }
inline void putU64(std::string &out, size_t at, uint64_t v) { putLittleEndian<8>(out, at, v); }

/// Reads `Bytes` bytes at `b[at]`, least significant first.
template <typename U, int Bytes = sizeof(U)>
inline U getLittleEndian(std::string_view b, size_t at) {
  U v = 0;
  for (int i = 0; i < Bytes; ++i)
    v |= U(uint8_t(b[at + i])) << (8 * i);
  return v;
}
inline uint32_t getU32(std::string_view b, size_t at) { return getLittleEndian<uint32_t>(b, at); }
inline uint64_t getU64(std::string_view b, size_t at) { return getLittleEndian<uint64_t>(b, at); }

} // namespace dlc::abi

#endif // DLC_ABI_LITTLEENDIAN_H
