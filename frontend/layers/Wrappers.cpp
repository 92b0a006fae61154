// Importer of TimeDistributed: the wrapped layer's ops become the body of dlc.time_distributed.
#include "frontend/layers/Layers.h"

#include <algorithm>

using namespace mlir;

namespace dlc::frontend::layers {

/// TimeDistributed inside TimeDistributed is legal Keras, but a YAML alias can
/// make a wrapper contain itself; the nesting depth bounds the recursion.
constexpr size_t kMaxWrapperDepth = 8;

Tensor importTimeDistributed(LayerContext &ctx) {
  ctx.checkCommonOptions();
  if (std::count(ctx.paramPrefix.begin(), ctx.paramPrefix.end(), '/') >=
      static_cast<long>(kMaxWrapperDepth))
    ctx.fail("TimeDistributed layers are nested more than " +
             std::to_string(kMaxWrapperDepth) + " deep");
  ConfigNode layerNode = ctx.config.get("layer");
  if (!layerNode.isMap())
    layerNode.failField("must be a layer {class_name, config}, got " +
                        layerNode.describe());
  LayerSpec inner;
  inner.className = layerNode.getString("class_name");
  ConfigNode innerConfig = layerNode.get("config");
  if (!innerConfig.isMap())
    innerConfig.failField("must be a mapping, got " + innerConfig.describe());
  inner.nameNode = innerConfig.get("name");
  inner.name = inner.nameNode.asString();
  if (inner.name.empty())
    inner.nameNode.failField("must be a non-empty layer name");
  inner.node = layerNode;
  inner.nameNode =
      inner.nameNode.withContext(layerContext(inner.name, inner.className));
  inner.config = innerConfig.withContext(layerContext(inner.name, inner.className))
                     .withAnchor(inner.nameNode);
  inner.ordinal = ctx.ordinal;

  // The wrapped layer sees one time step: the input without its time axis.
  Tensor in = ctx.kerasLayout(ctx.input());
  if (in.rank() < 3)
    ctx.fail("expects an input of rank >= 3 (batch, time, ...), got shape " +
             formatShape(in.shape));
  std::vector<int64_t> step = in.shape;
  step.erase(step.begin() + 1);
  Type elem = cast<RankedTensorType>(in.value.getType()).getElementType();

  // The body is built in a detached block first: the op's result type is
  // known only once the inner layer has been imported.
  auto body = std::make_unique<Block>();
  BlockArgument arg = body->addArgument(RankedTensorType::get(step, elem), ctx.loc);
  // OpBuilder::atBlockEnd would ask the (absent) parent region for the context.
  OpBuilder innerBuilder(ctx.b.getContext());
  innerBuilder.setInsertionPointToEnd(body.get());
  Tensor stepOut = ctx.graph.importLayer(inner, innerBuilder,
                                         {Tensor{arg, step, false, ctx.loc}},
                                         ctx.paramPrefix + "/" + inner.name,
                                         ctx.ordinal);
  LayerContext innerCtx(ctx.graph, inner, innerBuilder, {}, "", ctx.ordinal);
  stepOut = innerCtx.kerasLayout(stepOut);
  if (stepOut.rank() < 1 || stepOut.shape[0] != in.shape[0])
    ctx.fail("the wrapped layer must keep the batch axis first, got shape " +
             formatShape(stepOut.shape));
  innerBuilder.create<YieldOp>(innerCtx.loc, ValueRange{stepOut.value});

  std::vector<int64_t> out = stepOut.shape;
  out.insert(out.begin() + 1, in.shape[1]);
  ctx.checkShape(out, "output");
  auto td = ctx.b.create<TimeDistributedOp>(ctx.loc, ctx.floatType(out), in.value);
  td.getBody().push_back(body.release());
  return ctx.result(td.getResult(), out);
}

} // namespace dlc::frontend::layers
