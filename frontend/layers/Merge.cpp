// Importers of the merging layers: Add, Concatenate, and Keras 1 Merge (modes sum and concat).
#include "frontend/layers/Layers.h"

using namespace mlir;

namespace dlc::frontend::layers {

namespace {

void needTwoInputs(LayerContext &ctx) {
  if (ctx.inputs.size() < 2)
    ctx.fail("expects at least 2 inputs, got " + std::to_string(ctx.inputs.size()));
  for (const Tensor &t : ctx.inputs)
    if (t.isInteger())
      ctx.fail("expects float inputs, got integer indices");
}

Tensor add(LayerContext &ctx) {
  needTwoInputs(ctx);
  for (const Tensor &t : ctx.inputs)
    if (t.shape != ctx.inputs[0].shape)
      ctx.fail("inputs must all have one shape (dlc does not broadcast), got " +
               formatShape(ctx.inputs[0].shape) + " and " + formatShape(t.shape));
  // Element-wise: channels_first values held as NHWC can stay so if all are.
  bool allNHWC = true;
  for (const Tensor &t : ctx.inputs)
    allNHWC &= t.nchw;
  SmallVector<Value> values;
  for (const Tensor &t : ctx.inputs)
    values.push_back(allNHWC ? t.value : ctx.kerasLayout(t).value);
  Value v = ctx.b.create<AddOp>(ctx.loc, values[0].getType(), values);
  return ctx.result(v, ctx.inputs[0].shape, allNHWC);
}

Tensor concatenate(LayerContext &ctx, const ConfigNode *axisNode, int64_t axis) {
  needTwoInputs(ctx);
  std::vector<Tensor> in;
  for (const Tensor &t : ctx.inputs)
    in.push_back(ctx.kerasLayout(t));
  int64_t rank = in[0].rank();
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) {
    std::string msg = "axis " + std::to_string(axis) +
                      " is out of range for inputs of rank " + std::to_string(rank);
    if (axisNode)
      axisNode->fail(msg);
    ctx.fail(msg);
  }
  if (a == 0)
    ctx.fail("cannot concatenate along the batch axis");
  std::vector<int64_t> out = in[0].shape;
  for (size_t i = 1; i < in.size(); ++i) {
    if (in[i].rank() != rank)
      ctx.fail("input " + std::to_string(i) + " has shape " +
               formatShape(in[i].shape) + ", whose rank differs from input 0's " +
               formatShape(in[0].shape));
    for (int64_t d = 0; d < rank; ++d)
      if (d != a && in[i].shape[d] != in[0].shape[d])
        ctx.fail("input " + std::to_string(i) + " has shape " +
                 formatShape(in[i].shape) + ", which differs from input 0's " +
                 formatShape(in[0].shape) + " on axis " + std::to_string(d) +
                 " (only the concatenation axis " + std::to_string(a) +
                 " may differ)");
    out[a] += in[i].shape[a];
    if (out[a] > kMaxDimSize)
      ctx.fail("the concatenated axis exceeds 2^31 - 1");
  }
  ctx.checkShape(out, "output");
  SmallVector<Value> values;
  for (const Tensor &t : in)
    values.push_back(t.value);
  Value v = ctx.b.create<ConcatenateOp>(ctx.loc, ctx.floatType(out), values,
                                        ctx.b.getI64IntegerAttr(a));
  return ctx.result(v, out);
}

} // namespace

Tensor importAdd(LayerContext &ctx) {
  ctx.checkCommonOptions();
  return add(ctx);
}

Tensor importConcatenate(LayerContext &ctx) {
  ctx.checkCommonOptions();
  auto axisNode = ctx.config.find("axis");
  int64_t axis = -1;
  if (axisNode && !axisNode->isNull())
    axis = axisNode->asInt(-kMaxDimSize, kMaxDimSize);
  return concatenate(ctx, axisNode ? &*axisNode : nullptr, axis);
}

Tensor importMerge(LayerContext &ctx) {
  const ConfigNode &cfg = ctx.config;
  if (auto mt = cfg.find("mode_type"); mt && !mt->isNull() && mt->asString() != "raw")
    mt->failField("must be raw (a Python function as mode is not supported), "
                  "got " + mt->describe());
  std::string mode = "sum";
  auto modeNode = cfg.find("mode");
  if (modeNode && !modeNode->isNull())
    mode = modeNode->asString();
  if (mode == "sum")
    return add(ctx);
  if (mode == "concat") {
    auto axisNode = cfg.find("concat_axis");
    int64_t axis = -1;
    if (axisNode && !axisNode->isNull())
      axis = axisNode->asInt(-kMaxDimSize, kMaxDimSize);
    return concatenate(ctx, axisNode ? &*axisNode : nullptr, axis);
  }
  modeNode->failField("'" + mode + "' is not supported; supported modes: sum, concat");
}

} // namespace dlc::frontend::layers
