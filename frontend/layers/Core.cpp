// Importers of the core Keras layers: Dense, Activation, Dropout, Flatten, Reshape, Permute, RepeatVector.
#include "frontend/layers/Layers.h"

using namespace mlir;

namespace dlc::frontend::layers {

namespace {
ActivationSpec optionalActivation(LayerContext &ctx) {
  auto a = ctx.config.find("activation");
  return a ? ctx.activation(*a, /*allowSoftmax=*/true) : ActivationSpec{};
}

int64_t product(const std::vector<int64_t> &shape, size_t from) {
  int64_t n = 1;
  for (size_t i = from; i < shape.size(); ++i)
    n *= shape[i]; // shapes are checked to stay below 2^40 elements
  return n;
}
} // namespace

Tensor importInputLayer(LayerContext &ctx) {
  ctx.fail("an InputLayer can only be a model input, not be called or wrapped");
}

Tensor importDense(LayerContext &ctx) {
  ctx.checkCommonOptions();
  ctx.rejectOptions({"kernel_regularizer", "bias_regularizer",
                     "activity_regularizer", "kernel_constraint",
                     "bias_constraint", "W_regularizer", "b_regularizer",
                     "W_constraint", "b_constraint", "lora_rank"});
  const ConfigNode &cfg = ctx.config;
  auto unitsNode = cfg.findAny({"units", "output_dim"});
  int64_t units = (unitsNode ? *unitsNode : cfg.get("units")).asInt(1, kMaxDimSize);
  ActivationSpec act = optionalActivation(ctx);
  bool useBias = true;
  if (auto ub = cfg.findAny({"use_bias", "bias"}); ub && !ub->isNull())
    useBias = ub->asBool();

  // Dense contracts Keras' last axis, so the value needs Keras' layout.
  Tensor in = ctx.kerasLayout(ctx.input());
  if (in.rank() < 2)
    ctx.fail("expects an input of rank >= 2 (batch, ..., features), got shape " +
             formatShape(in.shape));
  std::vector<int64_t> out = in.shape;
  out.back() = units;
  ctx.checkShape(out, "output");
  Value kernel = ctx.param("kernel", {in.shape.back(), units},
                           ctx.initializer({"kernel_initializer", "init"},
                                           "glorot_uniform"));
  Value bias;
  if (useBias)
    bias = ctx.param("bias", {units},
                     ctx.initializer({"bias_initializer"}, "zeros"));
  Value v = ctx.b.create<DenseOp>(ctx.loc, ctx.floatType(out), in.value, kernel,
                                  bias);
  return ctx.applyActivation(ctx.result(v, out), act);
}

Tensor importActivation(LayerContext &ctx) {
  ctx.checkCommonOptions();
  ActivationSpec act = ctx.activation(ctx.config.get("activation"), true);
  return ctx.applyActivation(ctx.input(), act);
}

Tensor importDropout(LayerContext &ctx) {
  ctx.checkCommonOptions();
  ctx.rejectOptions({"noise_shape"});
  const ConfigNode &cfg = ctx.config;
  auto rateNode = cfg.findAny({"rate", "p"});
  double rate = (rateNode ? *rateNode : cfg.get("rate")).asFloatIn(0.0, 1.0, true);
  // Without a Keras seed, the layer's position in the model: every dropout
  // gets a distinct mask stream that stays stable across compilations.
  int64_t seed = ctx.ordinal;
  if (auto s = cfg.getOptInt("seed"))
    seed = *s;
  const Tensor &in = ctx.input();
  // No training step in @forward: the autodiff pass threads it in.
  Value v = ctx.b.create<DropoutOp>(ctx.loc, in.value.getType(), in.value,
                                    /*step=*/Value(), ctx.b.getF64FloatAttr(rate),
                                    ctx.b.getI64IntegerAttr(seed));
  return ctx.result(v, in.shape, in.nchw);
}

Tensor importFlatten(LayerContext &ctx) {
  ctx.checkCommonOptions();
  bool channelsFirst = ctx.channelsFirst();
  const Tensor &in = ctx.input();
  if (in.rank() < 2)
    ctx.fail("expects an input of rank >= 2 (batch, ...), got shape " +
             formatShape(in.shape));
  Value v;
  if (channelsFirst && in.rank() >= 3) {
    // Flatten(data_format='channels_first') moves the channels last before
    // flattening, which is the NHWC order dlc already holds.
    if (in.rank() == 4) {
      v = ctx.channelsFirstAsNHWC(in).value;
    } else {
      SmallVector<int64_t> perm{0};
      for (int64_t i = 2; i < in.rank(); ++i)
        perm.push_back(i);
      perm.push_back(1);
      v = ctx.transpose(in.value, perm, ctx.loc);
    }
  } else {
    // Keras flattens in its own element order: a channels_first tensor held
    // as NHWC goes back to NCHW first.
    v = ctx.kerasLayout(in).value;
  }
  std::vector<int64_t> out{in.shape[0], product(in.shape, 1)};
  Value r = ctx.b.create<FlattenOp>(ctx.loc, ctx.floatType(out), v);
  return ctx.result(r, out);
}

Tensor importReshape(LayerContext &ctx) {
  ctx.checkCommonOptions();
  ConfigNode target = ctx.config.get("target_shape");
  Tensor in = ctx.kerasLayout(ctx.input(/*allowInteger=*/true));
  std::vector<int64_t> dims;
  int64_t inferred = -1, known = 1;
  std::vector<ConfigNode> elems = target.elements();
  for (size_t i = 0; i < elems.size(); ++i) {
    int64_t d = elems[i].asInt(-1, kMaxDimSize);
    if (d == 0)
      elems[i].failField("must be a positive size or -1, got 0");
    if (d == -1) {
      if (inferred >= 0)
        elems[i].failField("is a second -1; at most one size can be inferred");
      inferred = static_cast<int64_t>(i);
    } else {
      if (known > kMaxElements / d)
        target.failField("has more than 2^40 elements");
      known *= d;
    }
    dims.push_back(d);
  }
  int64_t total = product(in.shape, 1);
  if (inferred >= 0) {
    if (total % known != 0)
      target.failField("cannot hold the input's " + std::to_string(total) +
                       " elements per sample (input shape " +
                       formatShape(in.shape) + ")");
    dims[inferred] = total / known;
  } else if (known != total) {
    target.failField(formatShape(dims) + " has " + std::to_string(known) +
                     " elements per sample but the input has " +
                     std::to_string(total) + " (input shape " +
                     formatShape(in.shape) + ")");
  }
  std::vector<int64_t> out{in.shape[0]};
  out.insert(out.end(), dims.begin(), dims.end());
  ctx.checkShape(out, "output");
  Type elem = cast<RankedTensorType>(in.value.getType()).getElementType();
  Value v = ctx.b.create<ReshapeOp>(ctx.loc, RankedTensorType::get(out, elem),
                                    in.value, ctx.b.getDenseI64ArrayAttr(out));
  return ctx.result(v, out);
}

Tensor importPermute(LayerContext &ctx) {
  ctx.checkCommonOptions();
  ConfigNode dimsNode = ctx.config.get("dims");
  Tensor in = ctx.kerasLayout(ctx.input(/*allowInteger=*/true));
  std::vector<int64_t> dims = dimsNode.asIntList(1, kMaxDimSize);
  int64_t n = in.rank() - 1;
  std::vector<bool> seen(static_cast<size_t>(std::max<int64_t>(n, 0)) + 1, false);
  bool ok = static_cast<int64_t>(dims.size()) == n;
  for (size_t i = 0; ok && i < dims.size(); ++i) {
    ok = dims[i] <= n && !seen[dims[i]];
    if (ok)
      seen[dims[i]] = true;
  }
  if (!ok)
    dimsNode.failField("must be a permutation of 1.." + std::to_string(n) +
                       " for an input of shape " + formatShape(in.shape) +
                       ", got " + formatShape(dims));
  SmallVector<int64_t> perm{0};
  std::vector<int64_t> out{in.shape[0]};
  for (int64_t d : dims) {
    perm.push_back(d);
    out.push_back(in.shape[d]);
  }
  return ctx.result(ctx.transpose(in.value, perm, ctx.loc), out);
}

Tensor importRepeatVector(LayerContext &ctx) {
  ctx.checkCommonOptions();
  int64_t n = ctx.config.get("n").asInt(1, kMaxDimSize);
  const Tensor &in = ctx.input();
  ctx.expectRank(in, 2, "(batch, features)");
  std::vector<int64_t> out{in.shape[0], n, in.shape[1]};
  ctx.checkShape(out, "output");
  Value v = ctx.b.create<RepeatVectorOp>(ctx.loc, ctx.floatType(out), in.value,
                                         ctx.b.getI64IntegerAttr(n));
  return ctx.result(v, out);
}

} // namespace dlc::frontend::layers
