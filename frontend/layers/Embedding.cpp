// Importer of the Embedding layer: integer indices → rows of a [vocabulary, dim] table.
#include "frontend/layers/Layers.h"

using namespace mlir;

namespace dlc::frontend::layers {

Tensor importEmbedding(LayerContext &ctx) {
  ctx.checkCommonOptions();
  // Keras 1 Embedding also had a `dropout` on whole words.
  ctx.rejectOptions({"embeddings_regularizer", "activity_regularizer",
                     "embeddings_constraint", "W_regularizer", "W_constraint",
                     "dropout", "lora_rank", "sparse"});
  const ConfigNode &cfg = ctx.config;
  if (auto mz = cfg.find("mask_zero"); mz && !mz->isNull() && mz->asBool())
    mz->failField("true is not supported: the mask would change what the "
                  "following layers compute");
  int64_t vocab = cfg.get("input_dim").asInt(1, kMaxDimSize);
  int64_t dim = cfg.get("output_dim").asInt(1, kMaxDimSize);
  const Tensor &in = ctx.input(/*allowInteger=*/true);
  if (!in.isInteger())
    ctx.fail("expects integer word indices, got a float tensor of shape " +
             formatShape(in.shape) + " (feed it from an Input layer)");
  if (auto len = cfg.find("input_length"); len && !len->isNull()) {
    // Keras checks input_length against the input's sequence axes.
    std::vector<int64_t> want = len->isSequence()
                                    ? len->asIntList(1, kMaxDimSize)
                                    : std::vector<int64_t>{len->asInt(1, kMaxDimSize)};
    std::vector<int64_t> have(in.shape.begin() + 1, in.shape.end());
    if (want != have)
      len->failField(formatShape(want) + " does not match the input's shape " +
                     formatShape(in.shape));
  }
  std::vector<int64_t> out = in.shape;
  out.push_back(dim);
  ctx.checkShape(out, "output");
  Value table = ctx.param("embeddings", {vocab, dim},
                          ctx.initializer({"embeddings_initializer", "init"},
                                          "uniform"));
  Value v = ctx.b.create<EmbeddingOp>(ctx.loc, ctx.floatType(out), in.value, table);
  return ctx.result(v, out);
}

} // namespace dlc::frontend::layers
