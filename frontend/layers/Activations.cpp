// Importers of Keras' advanced activation layers: ELU, LeakyReLU, PReLU, ReLU
// (with its options), Softmax and ThresholdedReLU, on dlc.activation (relu's
// options, elu's alpha), dlc.softmax and dlc.prelu.
#include "frontend/layers/Layers.h"

#include <algorithm>

using namespace mlir;

namespace dlc::frontend::layers {

namespace {

/// An optional number field (the first of `keys` present and not null), or
/// `fallback`.
double numberOr(const LayerContext &ctx, std::initializer_list<const char *> keys,
                double fallback) {
  auto node = ctx.config.findAny(keys);
  return node && !node->isNull() ? node->asFloat() : fallback;
}

/// A relu with Keras' options; the options that are 0 (or absent) are left
/// out, so a plain relu stays one (and may be fused).
Tensor relu(LayerContext &ctx, double alpha, std::optional<double> maxValue,
            double threshold) {
  // Keras' activations work on the channels-last tensor Keras sees; an
  // element-wise one does not care, but the layout of the result must be kept.
  const Tensor &in = ctx.input();
  auto attr = [&](double v, bool keep) {
    return keep ? ctx.b.getF64FloatAttr(v) : FloatAttr();
  };
  Value v = ctx.b.create<ActivationOp>(ctx.loc, in.value.getType(), Activation::relu, in.value,
                                       attr(alpha, alpha != 0),
                                       attr(maxValue.value_or(0), maxValue.has_value()),
                                       attr(threshold, threshold != 0));
  return ctx.result(v, in.shape, in.nchw);
}

} // namespace

Tensor importReLU(LayerContext &ctx) {
  ctx.checkCommonOptions();
  std::optional<double> maxValue;
  if (auto m = ctx.config.find("max_value"); m && !m->isNull()) {
    maxValue = m->asFloat();
    if (*maxValue < 0)
      m->failField("must be at least 0 (Keras refuses a negative cap), got " + m->describe());
  }
  double slope = 0;
  if (auto s = ctx.config.find("negative_slope"); s && !s->isNull()) {
    slope = s->asFloat();
    if (slope < 0)
      s->failField("must be at least 0 (Keras refuses a negative slope), got " + s->describe());
  }
  return relu(ctx, slope, maxValue, numberOr(ctx, {"threshold"}, 0.0));
}

Tensor importLeakyReLU(LayerContext &ctx) {
  ctx.checkCommonOptions();
  // Keras 3 calls the slope negative_slope, Keras 1 and 2 alpha; 0.3 in all.
  return relu(ctx, numberOr(ctx, {"negative_slope", "alpha"}, 0.3), std::nullopt, 0.0);
}

Tensor importThresholdedReLU(LayerContext &ctx) {
  ctx.checkCommonOptions();
  // x > theta ? x : 0, which is relu with that threshold.
  return relu(ctx, 0.0, std::nullopt, numberOr(ctx, {"theta"}, 1.0));
}

Tensor importELU(LayerContext &ctx) {
  ctx.checkCommonOptions();
  const Tensor &in = ctx.input();
  Value v = ctx.b.create<ActivationOp>(ctx.loc, in.value.getType(), Activation::elu, in.value,
                                       ctx.b.getF64FloatAttr(numberOr(ctx, {"alpha"}, 1.0)),
                                       FloatAttr(), FloatAttr());
  return ctx.result(v, in.shape, in.nchw);
}

Tensor importSoftmax(LayerContext &ctx) {
  ctx.checkCommonOptions();
  // The axis counts in Keras' layout (batch first, channels last).
  Tensor in = ctx.kerasLayout(ctx.input());
  int64_t axis = -1;
  if (auto a = ctx.config.find("axis"); a && !a->isNull()) {
    if (a->isSequence())
      a->failField("must be one axis; a softmax over several axes is not supported, got " +
                   a->describe());
    const int64_t rank = in.rank();
    axis = a->asInt(-rank, rank - 1);
  }
  Value v = ctx.b.create<SoftmaxOp>(ctx.loc, in.value.getType(), in.value,
                                    ctx.b.getI64IntegerAttr(axis));
  return ctx.result(v, in.shape);
}

Tensor importPReLU(LayerContext &ctx) {
  ctx.checkCommonOptions();
  ctx.rejectOptions({"alpha_regularizer", "alpha_constraint", "weights"});
  // shared_axes count in Keras' layout, from 1 (the batch is 0).
  Tensor in = ctx.kerasLayout(ctx.input());
  if (in.rank() < 2)
    ctx.fail("expects an input of rank >= 2 (batch, features...), got shape " +
             formatShape(in.shape));
  std::vector<int64_t> alpha(in.shape.begin() + 1, in.shape.end());
  if (auto shared = ctx.config.find("shared_axes"); shared && !shared->isNull()) {
    const int64_t last = in.rank() - 1;
    std::vector<int64_t> axes = shared->isSequence()
                                    ? shared->asIntList(1, last)
                                    : std::vector<int64_t>{shared->asInt(1, last)};
    for (int64_t a : axes)
      alpha[size_t(a - 1)] = 1;
  }
  ctx.checkShape(alpha, "weight 'alpha'");
  Value a = ctx.param("alpha", alpha, ctx.initializer({"alpha_initializer", "init"}, "zeros"));
  Value v = ctx.b.create<PReLUOp>(ctx.loc, in.value, a);
  return ctx.result(v, in.shape);
}

} // namespace dlc::frontend::layers
