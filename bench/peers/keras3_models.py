"""Keras 3 models built from the Keras 2.0.8 YAML files in models/.

Keras 3 cannot load these files (keras.models.model_from_yaml is gone, and
its from_config expects Keras 3 configs), so the YAML's layer list is parsed
and each Keras 2 layer config is mapped to the Keras 3 layer with the same
semantics, layer names kept (so `dlc weights`' `layer/weight` names address
the Keras weights). Chosen over a YAML→Keras-3-JSON converter because the
mapping is the same work and this way it stays readable in one table.

Keras 2 → Keras 3 differences handled here:
  * LSTM recurrent_activation 'hard_sigmoid' is Keras 2's clip(0.2 x + 0.5, 0, 1);
    Keras 3's hard_sigmoid is relu6(x + 3) / 6, so Keras 2's is passed as a function.
  * initializers are given explicitly (VarianceScaling fan_avg uniform = glorot_uniform,
    Orthogonal, RandomUniform ±0.05 embeddings, Zeros, LSTM unit_forget_bias).
  * Embedding has no input_length; the sequence length comes from the Input.
  * RMSprop: Keras 2.0.8 divides by sqrt(v) + epsilon, Keras 3 by sqrt(v + epsilon),
    which differs wherever v = (1 - rho) g² is not far above epsilon (small
    gradients: up to the whole first update). RMSpropKeras2 keeps Keras 2's rule
    (what the model files and dlc mean); Adam and Adadelta agree already.
  * optimizers: Keras 2.0.8's `decay` (lr / (1 + decay · iterations)) becomes an
    InverseTimeDecay schedule; epsilon is given explicitly (Keras 3's default is 1e-7).
"""
import keras
from keras import layers, ops


def hard_sigmoid_keras2(x):
    """Keras 2.0.8's hard_sigmoid (what dlc and the model files mean)."""
    return ops.clip(0.2 * x + 0.5, 0.0, 1.0)


def _activation(name):
    if name == "hard_sigmoid":
        return hard_sigmoid_keras2
    return name


def _initializer(spec):
    if spec is None:
        return None
    cls, cfg = spec["class_name"], dict(spec.get("config") or {})
    cfg.pop("seed", None)
    if cls == "VarianceScaling":
        return keras.initializers.VarianceScaling(scale=cfg.get("scale", 1.0),
                                                  mode=cfg.get("mode", "fan_in"),
                                                  distribution=cfg.get("distribution", "truncated_normal"))
    if cls == "Orthogonal":
        return keras.initializers.Orthogonal(gain=cfg.get("gain", 1.0))
    if cls == "RandomUniform":
        return keras.initializers.RandomUniform(minval=cfg.get("minval", -0.05),
                                                maxval=cfg.get("maxval", 0.05))
    if cls == "Zeros":
        return keras.initializers.Zeros()
    if cls == "Ones":
        return keras.initializers.Ones()
    raise ValueError("initializer %s is not mapped" % cls)


def make_layer(class_name, c, no_dropout=False):
    """The Keras 3 layer for a Keras 2 layer config (None for an identity)."""
    name = c.get("name")
    if class_name == "Dense":
        return layers.Dense(c["units"], activation=_activation(c.get("activation", "linear")),
                            use_bias=c.get("use_bias", True),
                            kernel_initializer=_initializer(c.get("kernel_initializer")),
                            bias_initializer=_initializer(c.get("bias_initializer")), name=name)
    if class_name == "Conv2D":
        return layers.Conv2D(c["filters"], tuple(c["kernel_size"]), strides=tuple(c.get("strides", (1, 1))),
                             padding=c.get("padding", "valid"),
                             data_format=c.get("data_format", "channels_last"),
                             dilation_rate=tuple(c.get("dilation_rate", (1, 1))),
                             activation=_activation(c.get("activation", "linear")),
                             use_bias=c.get("use_bias", True),
                             kernel_initializer=_initializer(c.get("kernel_initializer")),
                             bias_initializer=_initializer(c.get("bias_initializer")), name=name)
    if class_name == "MaxPooling2D":
        return layers.MaxPooling2D(tuple(c.get("pool_size", (2, 2))),
                                   strides=None if c.get("strides") is None else tuple(c["strides"]),
                                   padding=c.get("padding", "valid"),
                                   data_format=c.get("data_format", "channels_last"), name=name)
    if class_name == "Dropout":
        if no_dropout:
            return None
        return layers.Dropout(c["rate"], name=name)
    if class_name == "Flatten":
        return layers.Flatten(name=name)
    if class_name == "Activation":
        return layers.Activation(_activation(c["activation"]), name=name)
    if class_name == "Embedding":
        return layers.Embedding(c["input_dim"], c["output_dim"],
                                embeddings_initializer=_initializer(c.get("embeddings_initializer")),
                                mask_zero=c.get("mask_zero", False), name=name)
    if class_name == "LSTM":
        if c.get("dropout") or c.get("recurrent_dropout"):
            if not no_dropout:
                pass
        return layers.LSTM(c["units"], activation=_activation(c.get("activation", "tanh")),
                           recurrent_activation=_activation(c.get("recurrent_activation", "hard_sigmoid")),
                           use_bias=c.get("use_bias", True),
                           kernel_initializer=_initializer(c.get("kernel_initializer")),
                           recurrent_initializer=_initializer(c.get("recurrent_initializer")),
                           bias_initializer=_initializer(c.get("bias_initializer")),
                           unit_forget_bias=c.get("unit_forget_bias", True),
                           dropout=0.0 if no_dropout else c.get("dropout", 0.0),
                           recurrent_dropout=0.0 if no_dropout else c.get("recurrent_dropout", 0.0),
                           return_sequences=c.get("return_sequences", False),
                           go_backwards=c.get("go_backwards", False),
                           unroll=c.get("unroll", False), name=name)
    if class_name == "RepeatVector":
        return layers.RepeatVector(c["n"], name=name)
    if class_name == "Add":
        return layers.Add(name=name)
    if class_name == "TimeDistributed":
        inner = c["layer"]
        return layers.TimeDistributed(make_layer(inner["class_name"], inner["config"], no_dropout),
                                      name=name)
    raise ValueError("layer %s is not mapped to Keras 3" % class_name)


def _input(c):
    shape = tuple(c["batch_input_shape"][1:])
    return keras.Input(shape=shape, dtype=c.get("dtype", "float32"), name=c["name"])


def build_model(spec, no_dropout=False):
    """The keras.Model of a parsed model file (common.load_model_file)."""
    cls, config = spec["class_name"], spec["config"]
    if cls == "Sequential":
        entries = config if isinstance(config, list) else config["layers"]
        first = entries[0]["config"]
        x = inp = keras.Input(shape=tuple(first["batch_input_shape"][1:]),
                              dtype=first.get("dtype", "float32"))
        for e in entries:
            layer = make_layer(e["class_name"], e["config"], no_dropout)
            if layer is not None:
                x = layer(x)
        return keras.Model(inp, x, name=spec.get("name", "sequential"))
    if cls == "Model":
        tensors = {}
        pending = list(config["layers"])
        while pending:
            progressed = False
            for e in list(pending):
                c = e["config"]
                if e["class_name"] == "InputLayer":
                    tensors[e["name"]] = _input(c)
                else:
                    nodes = e["inbound_nodes"]
                    if len(nodes) != 1:
                        raise ValueError("%s: shared layers are not supported" % e["name"])
                    srcs = [n[0] for n in nodes[0]]
                    if not all(s in tensors for s in srcs):
                        continue
                    layer = make_layer(e["class_name"], c, no_dropout)
                    args = [tensors[s] for s in srcs]
                    if layer is None:
                        tensors[e["name"]] = args[0]
                    else:
                        tensors[e["name"]] = layer(args if len(args) > 1 else args[0])
                pending.remove(e)
                progressed = True
            if not progressed:
                raise ValueError("unresolvable inbound nodes: %s" % [e["name"] for e in pending])
        ins = [tensors[i[0]] for i in config["input_layers"]]
        outs = [tensors[o[0]] for o in config["output_layers"]]
        return keras.Model(ins, outs[0] if len(outs) == 1 else outs, name=config.get("name"))
    raise ValueError("model class %s is not supported" % cls)


class RMSpropKeras2(keras.optimizers.RMSprop):
    """keras.optimizers.RMSprop with Keras 2.0.8's update
    p -= lr * g / (sqrt(v) + epsilon), v = rho * v + (1 - rho) * g²."""

    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        gradient = ops.cast(gradient, variable.dtype)
        velocity = self._velocities[self._get_variable_index(variable)]
        self.assign(velocity, ops.add(ops.multiply(self.rho, velocity),
                                      ops.multiply(1 - self.rho, ops.square(gradient))))
        self.assign_sub(variable, ops.divide(ops.multiply(lr, gradient),
                                             ops.add(ops.sqrt(velocity), self.epsilon)))


def make_optimizer(name, cfg, stock=False):
    """The Keras 3 optimizer of a model file's optimizer (Keras 2.0.8 semantics;
    `stock`: Keras 3's own RMSprop instead of RMSpropKeras2)."""
    lr = cfg["lr"]
    if cfg.get("decay"):
        lr = keras.optimizers.schedules.InverseTimeDecay(cfg["lr"], decay_steps=1,
                                                         decay_rate=cfg["decay"])
    if name == "RMSprop":
        cls = keras.optimizers.RMSprop if stock else RMSpropKeras2
        return cls(learning_rate=lr, rho=cfg["rho"], epsilon=cfg["epsilon"])
    if name == "Adam":
        return keras.optimizers.Adam(learning_rate=lr, beta_1=cfg["beta_1"], beta_2=cfg["beta_2"],
                                     epsilon=cfg["epsilon"])
    if name == "Adadelta":
        return keras.optimizers.Adadelta(learning_rate=lr, rho=cfg["rho"], epsilon=cfg["epsilon"])
    if name == "SGD":
        return keras.optimizers.SGD(learning_rate=lr, momentum=cfg["momentum"],
                                    nesterov=cfg["nesterov"])
    raise ValueError("optimizer %s is not mapped" % name)


def keras2_weight_names(model):
    """[(dlc/Keras-2 name, keras.Variable)] for the model's trainable weights:
    `layer/kernel`, `layer/recurrent_kernel`, `layer/bias`, `layer/embeddings`,
    and `time_distributed_1/lstm_1/...` inside TimeDistributed."""
    out = []
    for layer in model.layers:
        inner = getattr(layer, "layer", None)
        prefix = layer.name + "/" + (inner.name + "/" if inner is not None else "")
        for w in layer.trainable_weights:
            short = w.path.split("/")[-1]
            out.append((prefix + short, w))
    return out
