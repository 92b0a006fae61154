// Importers of the 2-D image layers: Conv2D (Keras 1 Convolution2D), MaxPooling2D, AveragePooling2D.
#include "frontend/layers/Layers.h"

#include "ir/ShapeRules.h"

using namespace mlir;

namespace dlc::frontend::layers {

namespace {

/// The layer's padding: Keras 2/3 `padding` or Keras 1 `border_mode`.
Padding readPadding(LayerContext &ctx) {
  auto node = ctx.config.findAny({"padding", "border_mode"});
  if (!node || node->isNull())
    return Padding::valid;
  std::string p = node->asString();
  if (p == "valid")
    return Padding::valid;
  if (p == "same")
    return Padding::same;
  node->failField("must be valid or same, got " + node->describe());
}

std::vector<int64_t> optionalPair(LayerContext &ctx,
                                  std::initializer_list<const char *> keys,
                                  std::vector<int64_t> dflt) {
  auto node = ctx.config.findAny(keys);
  if (!node || node->isNull())
    return dflt;
  return node->asIntTuple(2, 1, kMaxDimSize);
}

struct Window {
  /// The input as NHWC IR value, and its NHWC sizes.
  Value nhwc;
  int64_t n, h, w, c;
  bool channelsFirst;
};

Window imageInput(LayerContext &ctx) {
  bool cf = ctx.channelsFirst();
  const Tensor &in = ctx.input();
  ctx.expectRank(in, 4,
                 cf ? "(batch, channels, rows, cols)" : "(batch, rows, cols, channels)");
  const std::vector<int64_t> &s = in.shape;
  if (cf)
    return {ctx.channelsFirstAsNHWC(in).value, s[0], s[2], s[3], s[1], true};
  return {ctx.kerasLayout(in).value, s[0], s[1], s[2], s[3], false};
}

/// Output rows and columns of a window op, or a located error when a 'valid'
/// window does not fit.
std::pair<int64_t, int64_t> windowOutput(LayerContext &ctx, const Window &in,
                                         const std::vector<int64_t> &window,
                                         const std::vector<int64_t> &strides,
                                         const std::vector<int64_t> &dilation,
                                         Padding padding, const char *what,
                                         std::optional<ConfigNode> where) {
  bool same = padding == Padding::same;
  int64_t oh = windowOutputSize(in.h, window[0], strides[0], dilation[0], same);
  int64_t ow = windowOutputSize(in.w, window[1], strides[1], dilation[1], same);
  if (oh == 0 || ow == 0) {
    std::string size = std::to_string(effectiveWindow(window[0], dilation[0])) +
                       "x" + std::to_string(effectiveWindow(window[1], dilation[1]));
    std::string msg = std::string("the ") + what + " window " + size +
                      " does not fit the " + std::to_string(in.h) + "x" +
                      std::to_string(in.w) + " input with 'valid' padding";
    if (where && !where->isNull())
      where->fail(msg);
    ctx.fail(msg);
  }
  return {oh, ow};
}

Tensor finishImage(LayerContext &ctx, Value v, const Window &in, int64_t oh,
                   int64_t ow, int64_t channels) {
  std::vector<int64_t> keras =
      in.channelsFirst ? std::vector<int64_t>{in.n, channels, oh, ow}
                       : std::vector<int64_t>{in.n, oh, ow, channels};
  return ctx.result(v, keras, in.channelsFirst);
}

Tensor importPool(LayerContext &ctx, bool max) {
  ctx.checkCommonOptions();
  std::vector<int64_t> pool = optionalPair(ctx, {"pool_size"}, {2, 2});
  std::vector<int64_t> strides = optionalPair(ctx, {"strides"}, pool);
  Padding padding = readPadding(ctx);
  Window in = imageInput(ctx);
  auto [oh, ow] = windowOutput(ctx, in, pool, strides, {1, 1}, padding,
                               "pooling", ctx.config.find("pool_size"));
  std::vector<int64_t> out{in.n, oh, ow, in.c};
  ctx.checkShape(out, "output");
  Type type = ctx.floatType(out);
  Value v = max ? ctx.b.create<MaxPool2DOp>(ctx.loc, type, in.nhwc, pool, strides,
                                            padding)
                      .getResult()
                : ctx.b.create<AvgPool2DOp>(ctx.loc, type, in.nhwc, pool, strides,
                                            padding)
                      .getResult();
  return finishImage(ctx, v, in, oh, ow, in.c);
}

} // namespace

Tensor importConv2D(LayerContext &ctx) {
  ctx.checkCommonOptions();
  ctx.rejectOptions({"kernel_regularizer", "bias_regularizer",
                     "activity_regularizer", "kernel_constraint",
                     "bias_constraint", "W_regularizer", "b_regularizer",
                     "W_constraint", "b_constraint", "lora_rank"});
  const ConfigNode &cfg = ctx.config;
  auto filtersNode = cfg.findAny({"filters", "nb_filter"});
  int64_t filters =
      (filtersNode ? *filtersNode : cfg.get("filters")).asInt(1, kMaxDimSize);
  std::vector<int64_t> kernel;
  if (auto k = cfg.find("kernel_size"); k || !cfg.find("nb_row"))
    kernel = cfg.get("kernel_size").asIntTuple(2, 1, kMaxDimSize);
  else
    kernel = {cfg.get("nb_row").asInt(1, kMaxDimSize),
              cfg.get("nb_col").asInt(1, kMaxDimSize)};
  std::vector<int64_t> strides = optionalPair(ctx, {"strides", "subsample"}, {1, 1});
  std::vector<int64_t> dilation = optionalPair(ctx, {"dilation_rate"}, {1, 1});
  Padding padding = readPadding(ctx);
  if (auto g = cfg.find("groups"); g && !g->isNull()) {
    int64_t groups = g->asInt(1, kMaxDimSize);
    if (groups != 1)
      g->failField("= " + std::to_string(groups) +
                   " is not supported (grouped convolution); only 1 is");
  }
  if ((strides[0] > 1 || strides[1] > 1) && (dilation[0] > 1 || dilation[1] > 1))
    cfg.get("dilation_rate")
        .failField("> 1 cannot be combined with strides > 1 (Keras rejects it too)");
  ActivationSpec act;
  if (auto a = cfg.find("activation"))
    act = ctx.activation(*a, true);
  bool useBias = true;
  if (auto ub = cfg.findAny({"use_bias", "bias"}); ub && !ub->isNull())
    useBias = ub->asBool();

  Window in = imageInput(ctx);
  auto [oh, ow] =
      windowOutput(ctx, in, kernel, strides, dilation, padding, "convolution",
                   ctx.config.findAny({"kernel_size", "nb_row"}));
  std::vector<int64_t> out{in.n, oh, ow, filters};
  ctx.checkShape(out, "output");
  Value filter = ctx.param(
      "kernel", {kernel[0], kernel[1], in.c, filters},
      ctx.initializer({"kernel_initializer", "init"}, "glorot_uniform"));
  Value bias;
  if (useBias)
    bias = ctx.param("bias", {filters},
                     ctx.initializer({"bias_initializer"}, "zeros"));
  Value v = ctx.b.create<Conv2DOp>(ctx.loc, ctx.floatType(out), in.nhwc, filter,
                                   bias, padding, strides, dilation);
  return ctx.applyActivation(finishImage(ctx, v, in, oh, ow, filters), act);
}

Tensor importMaxPooling2D(LayerContext &ctx) { return importPool(ctx, true); }

Tensor importAveragePooling2D(LayerContext &ctx) { return importPool(ctx, false); }

} // namespace dlc::frontend::layers
