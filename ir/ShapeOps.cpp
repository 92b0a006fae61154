// Shape rules and verifiers of flatten, reshape, transpose, add, concatenate,
// repeat_vector and embedding.
#include "ir/DlcOps.h"
#include "ir/ShapeRules.h"
#include "ir/VerifyUtils.h"

using namespace mlir;
using namespace dlc;
using namespace dlc::detail;

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  auto input = tensorOf(adaptor.getInput());
  if (input.getRank() < 2)
    return emitOptionalError(loc, "input must have rank >= 2, got shape ",
                             formatShape(input.getShape()));
  ArrayRef<int64_t> rest = input.getShape().drop_front();
  int64_t n = elementCount(rest.data(), rest.size());
  if (n == kDynamicSize && llvm::none_of(rest, ShapedType::isDynamic))
    return emitOptionalError(loc, "flattened size of ",
                             formatShape(input.getShape()),
                             " overflows 64 bits");
  inferred.push_back(RankedTensorType::get({input.getDimSize(0), n},
                                           input.getElementType()));
  return success();
}

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  auto input = tensorOf(adaptor.getInput());
  ArrayRef<int64_t> shape = adaptor.getShape();
  for (int64_t d : shape)
    if (d <= 0)
      return emitOptionalError(loc, "shape sizes must be positive, got ",
                               formatShape(shape));
  int64_t want = elementCount(shape.data(), shape.size());
  int64_t have = elementCount(input.getShape().data(), input.getRank());
  if (want == kDynamicSize)
    return emitOptionalError(loc, "shape ", formatShape(shape),
                             " has more than 2^63 elements");
  if (have != kDynamicSize && have != want)
    return emitOptionalError(loc, "cannot reshape ",
                             formatShape(input.getShape()), " (", have,
                             " elements) to ", formatShape(shape), " (", want,
                             " elements)");
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  auto input = tensorOf(adaptor.getInput());
  ArrayRef<int64_t> perm = adaptor.getPermutation();
  if (static_cast<int64_t>(perm.size()) != input.getRank())
    return emitOptionalError(loc, "permutation has ", perm.size(),
                             " entries but the input has rank ",
                             input.getRank());
  SmallVector<bool> seen(perm.size(), false);
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= input.getRank() || seen[p])
      return emitOptionalError(loc, "permutation ", formatShape(perm),
                               " is not a permutation of 0..",
                               input.getRank() - 1);
    seen[p] = true;
    shape.push_back(input.getDimSize(p));
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult AddOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  auto inputs = adaptor.getInputs();
  if (inputs.size() < 2)
    return emitOptionalError(loc, "needs at least 2 inputs, got ",
                             inputs.size());
  auto first = tensorOf(inputs[0]);
  for (auto [i, v] : llvm::enumerate(inputs))
    if (v.getType() != first)
      return emitOptionalError(loc, "input ", i, " has shape ",
                               formatShape(tensorOf(v).getShape()),
                               " but input 0 has ",
                               formatShape(first.getShape()),
                               " (no broadcasting; element types must agree)");
  inferred.push_back(first);
  return success();
}

LogicalResult ConcatenateOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  auto inputs = adaptor.getInputs();
  if (inputs.empty())
    return emitOptionalError(loc, "needs at least 1 input");
  auto first = tensorOf(inputs[0]);
  auto axis = normalizeAxis(loc, valueOr(adaptor.getAxisAttr(), -1),
                            first.getRank());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(first.getShape());
  for (auto [i, v] : llvm::enumerate(inputs.drop_front())) {
    auto t = tensorOf(v);
    if (failed(checkElementType(loc, first, t, "every input")))
      return failure();
    bool ok = t.getRank() == first.getRank();
    for (int64_t d = 0; ok && d < first.getRank(); ++d)
      ok = d == *axis || sizesMatch(t.getDimSize(d), first.getDimSize(d));
    if (!ok)
      return emitOptionalError(loc, "input ", i + 1, " has shape ",
                               formatShape(t.getShape()),
                               " which does not match input 0's ",
                               formatShape(first.getShape()),
                               " on every axis but ", *axis);
    int64_t a = t.getDimSize(*axis);
    shape[*axis] = ShapedType::isDynamic(a) || ShapedType::isDynamic(shape[*axis])
                       ? ShapedType::kDynamic
                       : shape[*axis] + a;
  }
  inferred.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

LogicalResult RepeatVectorOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor adaptor,
                                               SmallVectorImpl<Type> &inferred) {
  auto input = tensorOf(adaptor.getInput());
  if (failed(checkRank(loc, input, 2, "input (batch, features)")))
    return failure();
  if (adaptor.getN() <= 0)
    return emitOptionalError(loc, "n must be positive, got ", adaptor.getN());
  inferred.push_back(RankedTensorType::get(
      {input.getDimSize(0), static_cast<int64_t>(adaptor.getN()),
       input.getDimSize(1)},
      input.getElementType()));
  return success();
}

LogicalResult EmbeddingOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  auto ids = tensorOf(adaptor.getIds());
  auto table = tensorOf(adaptor.getTable());
  if (failed(checkRank(loc, table, 2, "table (vocabulary, dim)")))
    return failure();
  SmallVector<int64_t> shape(ids.getShape());
  shape.push_back(table.getDimSize(1));
  inferred.push_back(RankedTensorType::get(shape, table.getElementType()));
  return success();
}

LogicalResult ReduceSumOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  auto input = tensorOf(adaptor.getInput());
  SmallVector<bool> drop(input.getRank(), false);
  for (int64_t axis : adaptor.getAxes()) {
    if (axis < 0 || axis >= input.getRank() || drop[axis])
      return emitOptionalError(loc, "axes ", formatShape(adaptor.getAxes()),
                               " must be distinct axes of a rank-",
                               input.getRank(), " tensor");
    drop[axis] = true;
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < input.getRank(); ++d)
    if (!drop[d])
      shape.push_back(input.getDimSize(d));
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  auto input = tensorOf(adaptor.getInput());
  auto axis = normalizeAxis(loc, static_cast<int64_t>(adaptor.getAxis()),
                            input.getRank());
  if (failed(axis))
    return failure();
  int64_t start = adaptor.getStart(), size = adaptor.getSize();
  int64_t extent = input.getDimSize(*axis);
  if (start < 0 || size <= 0 ||
      (!ShapedType::isDynamic(extent) && start + size > extent))
    return emitOptionalError(loc, "slice [", start, ", ", start + size,
                             ") does not fit axis ", *axis, " of size ",
                             extent);
  SmallVector<int64_t> shape(input.getShape());
  shape[*axis] = size;
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}
