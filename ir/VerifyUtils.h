// Helpers the op files share to check shapes and to word shape errors alike.
#ifndef DLC_IR_VERIFYUTILS_H
#define DLC_IR_VERIFYUTILS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"

#include <optional>
#include <string>

namespace dlc::detail {

using mlir::LogicalResult;

// While an op is parsed, its inferReturnTypes runs before default-valued
// attributes are filled in, so shape rules read those through these.
inline llvm::ArrayRef<int64_t> valueOr(mlir::DenseI64ArrayAttr attr,
                                       llvm::ArrayRef<int64_t> fallback) {
  return attr ? attr.asArrayRef() : fallback;
}
inline int64_t valueOr(mlir::IntegerAttr attr, int64_t fallback) {
  return attr ? attr.getInt() : fallback;
}
inline bool valueOr(mlir::BoolAttr attr, bool fallback) {
  return attr ? attr.getValue() : fallback;
}

inline mlir::RankedTensorType tensorOf(mlir::Value v) {
  return llvm::cast<mlir::RankedTensorType>(v.getType());
}

/// "[128, ?, 10]": a shape as the error messages print it.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// True when two sizes may be equal (either is dynamic, or they are).
inline bool sizesMatch(int64_t a, int64_t b) {
  return mlir::ShapedType::isDynamic(a) || mlir::ShapedType::isDynamic(b) ||
         a == b;
}

/// Emits "<what> must have the element type of the input (T), got U" unless
/// `type` has the element type of `input`.
LogicalResult checkElementType(std::optional<mlir::Location> loc,
                               mlir::Type input, mlir::Type type,
                               llvm::StringRef what);

/// Emits "<what> must have rank R, got [..]" unless `type` has rank `rank`.
LogicalResult checkRank(std::optional<mlir::Location> loc,
                        mlir::RankedTensorType type, int64_t rank,
                        llvm::StringRef what);

/// Emits "<what> must have N entries, got M" unless `values` has `n` entries
/// and, when `positive`, each is > 0.
LogicalResult checkPositiveArray(std::optional<mlir::Location> loc,
                                 llvm::ArrayRef<int64_t> values, size_t n,
                                 llvm::StringRef what);

/// Normalises a possibly negative `axis` of a rank-`rank` tensor, or emits
/// "axis A is out of range for rank R".
mlir::FailureOr<int64_t> normalizeAxis(std::optional<mlir::Location> loc,
                                       int64_t axis, int64_t rank);

} // namespace dlc::detail

#endif // DLC_IR_VERIFYUTILS_H
