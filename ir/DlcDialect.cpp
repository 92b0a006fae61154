// The dlc dialect: registration, generated definitions, folders and shared verifier helpers.
#include "ir/DlcOps.h"
#include "ir/VerifyUtils.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace dlc;

#include "ir/DlcDialect.cpp.inc"
#include "ir/DlcEnums.cpp.inc"
#include "ir/GradientInterface.cpp.inc"

void DlcDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ir/DlcOps.cpp.inc"
      >();
}

#define GET_OP_CLASSES
#include "ir/DlcOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

OpFoldResult ActivationOp::fold(FoldAdaptor) {
  if (getKind() == Activation::linear)
    return getInput();
  return {};
}

OpFoldResult DropoutOp::fold(FoldAdaptor) {
  if (getRate().convertToDouble() == 0.0)
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// Shared verifier helpers
//===----------------------------------------------------------------------===//

namespace dlc::detail {

std::string formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  llvm::raw_string_ostream os(s);
  llvm::interleave(
      shape, os,
      [&](int64_t d) {
        if (ShapedType::isDynamic(d))
          os << "?";
        else
          os << d;
      },
      ", ");
  os << "]";
  return s;
}

LogicalResult checkElementType(std::optional<Location> loc, Type input,
                               Type type, StringRef what) {
  Type want = getElementTypeOrSelf(input), got = getElementTypeOrSelf(type);
  if (want == got)
    return success();
  std::string ws, gs;
  llvm::raw_string_ostream(ws) << want;
  llvm::raw_string_ostream(gs) << got;
  return emitOptionalError(loc, what, " must have the element type of the input (",
                           ws, "), got ", gs);
}

LogicalResult checkRank(std::optional<Location> loc, RankedTensorType type,
                        int64_t rank, StringRef what) {
  if (type.getRank() == rank)
    return success();
  return emitOptionalError(loc, what, " must have rank ", rank, ", got shape ",
                           formatShape(type.getShape()));
}

LogicalResult checkPositiveArray(std::optional<Location> loc,
                                 ArrayRef<int64_t> values, size_t n,
                                 StringRef what) {
  if (values.size() != n)
    return emitOptionalError(loc, what, " must have ", n, " entries, got ",
                             values.size());
  for (int64_t v : values)
    if (v <= 0)
      return emitOptionalError(loc, what, " must be positive, got ",
                               formatShape(values));
  return success();
}

FailureOr<int64_t> normalizeAxis(std::optional<Location> loc, int64_t axis,
                                 int64_t rank) {
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) {
    (void)emitOptionalError(loc, "axis ", axis, " is out of range for rank ",
                            rank);
    return failure();
  }
  return a;
}

} // namespace dlc::detail
