// NumPy .npy arrays (format versions 1.0, 2.0 and 3.0), read strictly: the
// header dictionary is parsed as the Python literal NumPy writes (exactly the
// keys 'descr', 'fortran_order' and 'shape'), every dimension is checked for
// overflow, and the data must be exactly the bytes the shape and element type
// need. `dlc predict` reads its inputs with it.
#ifndef DLC_RUNTIME_DATA_NPY_H
#define DLC_RUNTIME_DATA_NPY_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace dlc::rt::data {

/// An array's shape and its values as doubles (exact for every supported
/// type: float32, float64, uint8, int32; int64 beyond 2^53 rounds).
struct NpyArray {
  std::vector<int64_t> shape;
  std::vector<double> values;
  bool integer = false; ///< an integer element type
  bool uint8 = false;   ///< uint8 (images: multiplied by the model's rescale)
};

/// Largest element count accepted (2^40, the frontend's tensor limit).
inline constexpr uint64_t kMaxNpyElements = uint64_t(1) << 40;

/// Parses the bytes of a .npy file; `name` starts every error message
/// ("x.npy: shape (abc, 784): 'abc' is not a whole number").
absl::StatusOr<NpyArray> parseNpy(std::string_view bytes, const std::string &name);

/// Reads and parses the file at `path`.
absl::StatusOr<NpyArray> readNpy(const std::string &path);

} // namespace dlc::rt::data

#endif // DLC_RUNTIME_DATA_NPY_H
