// Importers of the recurrent layers: LSTM, GRU (reset_after false/true) and SimpleRNN.
#include "frontend/layers/Layers.h"

using namespace mlir;

namespace dlc::frontend::layers {

namespace {

/// What the three recurrent layers share.
struct Recurrent {
  Tensor in;
  int64_t units = 0;
  Activation activation = Activation::tanh;
  bool returnSequences = false;
  bool goBackwards = false;
  bool useBias = true;
  std::vector<int64_t> out;
};

Recurrent readRecurrent(LayerContext &ctx) {
  ctx.checkCommonOptions();
  // Each of these changes the computation (state carried across batches,
  // extra outputs, masks) or the training (dropout, penalties); Keras 1
  // spelled the dropouts dropout_W / dropout_U.
  ctx.rejectOptions({"return_state", "stateful", "dropout", "recurrent_dropout",
                     "dropout_W", "dropout_U", "time_major",
                     "kernel_regularizer", "recurrent_regularizer",
                     "bias_regularizer", "activity_regularizer",
                     "kernel_constraint", "recurrent_constraint",
                     "bias_constraint", "W_regularizer", "U_regularizer",
                     "b_regularizer", "W_constraint", "U_constraint",
                     "b_constraint"});
  const ConfigNode &cfg = ctx.config;
  Recurrent r;
  auto unitsNode = cfg.findAny({"units", "output_dim"});
  r.units = (unitsNode ? *unitsNode : cfg.get("units")).asInt(1, kMaxDimSize);
  r.activation = ctx.recurrentActivation({"activation"}, "tanh");
  r.returnSequences = cfg.getBool("return_sequences", false);
  r.goBackwards = cfg.getBool("go_backwards", false);
  r.useBias = cfg.getBool("use_bias", true);
  r.in = ctx.input();
  ctx.expectRank(r.in, 3, "(batch, time, features)");
  r.out = r.returnSequences
              ? std::vector<int64_t>{r.in.shape[0], r.in.shape[1], r.units}
              : std::vector<int64_t>{r.in.shape[0], r.units};
  ctx.checkShape(r.out, "output");
  return r;
}

/// Keras 2.0.8 and Keras 1 default recurrent_activation to hard_sigmoid,
/// Keras 3 to sigmoid.
Activation gateActivation(LayerContext &ctx) {
  return ctx.recurrentActivation(
      {"recurrent_activation", "inner_activation"},
      ctx.format() == KerasFormat::Keras3 ? "sigmoid" : "hard_sigmoid");
}

Value kernels(LayerContext &ctx, const Recurrent &r, int64_t gates,
              Value &recurrentKernel) {
  int64_t width = gates * r.units;
  Value kernel = ctx.param(
      "kernel", {r.in.shape[2], width},
      ctx.initializer({"kernel_initializer", "init"}, "glorot_uniform"));
  recurrentKernel = ctx.param(
      "recurrent_kernel", {r.units, width},
      ctx.initializer({"recurrent_initializer", "inner_init"}, "orthogonal"));
  return kernel;
}

/// The LSTM bias initialiser: with unit_forget_bias (Keras 1:
/// forget_bias_init: one) the forget-gate quarter starts at one.
Initializer lstmBiasInit(LayerContext &ctx) {
  const ConfigNode &cfg = ctx.config;
  if (auto fb = cfg.find("forget_bias_init"); fb && !fb->isNull()) {
    std::string name = fb->asString();
    if (name == "one" || name == "ones")
      return {"lstm_unit_forget_bias", {}};
    if (name == "zero" || name == "zeros")
      return Initializer::zeros();
    fb->failField("must be one or zero, got " + fb->describe());
  }
  Initializer bias = ctx.initializer({"bias_initializer"}, "zeros");
  auto ufb = cfg.find("unit_forget_bias");
  bool unitForgetBias = !ufb || ufb->isNull() || ufb->asBool();
  if (!unitForgetBias)
    return bias;
  if (bias.kind != "zeros")
    ufb->failField("true with a bias_initializer other than zeros is not "
                   "supported (dlc.init has no such combination)");
  return {"lstm_unit_forget_bias", {}};
}

} // namespace

Tensor importLSTM(LayerContext &ctx) {
  Recurrent r = readRecurrent(ctx);
  Activation gate = gateActivation(ctx);
  Value rk;
  Value kernel = kernels(ctx, r, 4, rk);
  Value bias;
  if (r.useBias)
    bias = ctx.param("bias", {4 * r.units}, lstmBiasInit(ctx));
  Value v = ctx.b.create<LSTMOp>(ctx.loc, ctx.floatType(r.out), r.in.value,
                                 kernel, rk, bias, r.activation, gate,
                                 r.returnSequences, r.goBackwards);
  return ctx.result(v, r.out);
}

Tensor importGRU(LayerContext &ctx) {
  Recurrent r = readRecurrent(ctx);
  Activation gate = gateActivation(ctx);
  // reset_after is absent before Keras 2.1.6 (then false) and defaults to
  // true in Keras 3.
  bool resetAfter =
      ctx.config.getBool("reset_after", ctx.format() == KerasFormat::Keras3);
  Value rk;
  Value kernel = kernels(ctx, r, 3, rk);
  Value bias;
  if (r.useBias) {
    std::vector<int64_t> shape = resetAfter
                                     ? std::vector<int64_t>{2, 3 * r.units}
                                     : std::vector<int64_t>{3 * r.units};
    bias = ctx.param("bias", shape, ctx.initializer({"bias_initializer"}, "zeros"));
  }
  Value v = ctx.b.create<GRUOp>(ctx.loc, ctx.floatType(r.out), r.in.value,
                                kernel, rk, bias, r.activation, gate,
                                r.returnSequences, r.goBackwards, resetAfter);
  return ctx.result(v, r.out);
}

Tensor importSimpleRNN(LayerContext &ctx) {
  Recurrent r = readRecurrent(ctx);
  Value rk;
  Value kernel = kernels(ctx, r, 1, rk);
  Value bias;
  if (r.useBias)
    bias = ctx.param("bias", {r.units},
                     ctx.initializer({"bias_initializer"}, "zeros"));
  Value v = ctx.b.create<SimpleRNNOp>(ctx.loc, ctx.floatType(r.out), r.in.value,
                                      kernel, rk, bias, r.activation,
                                      r.returnSequences, r.goBackwards);
  return ctx.result(v, r.out);
}

} // namespace dlc::frontend::layers
