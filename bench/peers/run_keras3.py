#!/usr/bin/env python3
"""dlc bench peer: the five tasks in Keras 3 on one backend.

    python bench/peers/run_keras3.py --backend jax|tensorflow|torch \
        [--tasks all] [--epochs 1] [--steps N] [--validation-samples N] \
        [--data-dir D] [--out DIR]

Target names keras3-tensorflow, keras3-jax, keras3-torch. Per task: the model
from models/<task>.yaml (keras3_models.py), the dlc: section's optimizer, loss
and batch size, the data as dlc reads it (common.py), `--warmup` unmeasured
steps (the backend's tracing/JIT happens there; the weights and optimizer
state are restored afterwards), then per epoch one timed `model.fit` of
`--steps` batches (Keras' own shuffling; cifar10_cnn through a PyDataset that
applies the shift+flip augmentation per batch, inside the timed loop as in
Keras 2.0.8's fit_generator) and one `model.evaluate` on the first
`--validation-samples` test samples. Records: results.json, kind "peer".
"""
import os
import sys
import time

BACKENDS = ("tensorflow", "jax", "torch")

def main(argv):
    backend = None
    if "--backend" in argv:
        i = argv.index("--backend")
        backend = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if backend not in BACKENDS:
        sys.exit("run_keras3.py: --backend must be one of " + ", ".join(BACKENDS))
    os.environ["KERAS_BACKEND"] = backend
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import common
    args = common.parse_args(argv, "Keras 3 on " + backend)
    if backend == "jax" and args.threads:
        os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") +
                                   " --xla_cpu_multi_thread_eigen=%s intra_op_parallelism_threads=%d"
                                   % ("false" if args.threads == 1 else "true", args.threads))

    import numpy as np
    import keras
    import keras3_models as km

    versions = {"keras": keras.__version__, "numpy": np.__version__}
    if backend == "tensorflow":
        import tensorflow as tf
        versions["tensorflow"] = tf.__version__
        if args.threads:
            tf.config.threading.set_intra_op_parallelism_threads(args.threads)
            tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    elif backend == "jax":
        import jax
        versions["jax"] = jax.__version__
        versions["jaxlib"] = jax.lib.__version__ if hasattr(jax.lib, "__version__") else None
    else:
        import torch
        versions["torch"] = torch.__version__
        if args.threads:
            torch.set_num_threads(args.threads)
    rec = common.Recorder(args, "keras3-" + backend, dict(versions, peer="bench/peers/run_keras3.py"))
    keras.utils.set_random_seed(args.seed)
    failures = 0
    for task in args.tasks:
        try:
            run_task(task, args, rec, common, km, keras, np)
        except Exception as e:  # one task's failure is its record, the others still run
            import traceback
            traceback.print_exc()
            rec.not_run(task, "failed", "%s: %s" % (type(e).__name__, e))
            failures += 1
        rec.write()
    return 1 if failures else 0

def run_task(task, args, rec, common, km, keras, np):
    spec = common.load_model_file(task, args.models_dir)
    dlc = spec["dlc"]
    B = int(dlc["batch_size"])
    (xtr, ytr), (xte, yte) = common.load_task_data(task, spec, args.data_dir)
    n = len(ytr)
    full, steps = common.steps_for(n, B, args.steps)
    val_n = min(args.validation_samples or len(yte), len(yte))
    xval, yval = [x[:val_n] for x in xte], yte[:val_n]

    model = km.build_model(spec)
    opt_name, opt_cfg = common.optimizer_config(dlc["optimizer"])
    model.compile(optimizer=km.make_optimizer(opt_name, opt_cfg), loss=dlc["loss"],
                  metrics=[keras.metrics.CategoricalAccuracy(name="acc")])
    aug_cfg = dlc.get("augmentation")
    augment = common.ShiftFlip(aug_cfg, args.seed) if aug_cfg else None
    rng = np.random.RandomState(args.seed)

    class Batches(keras.utils.PyDataset):
        def __init__(self, order, nsteps):
            super().__init__()
            self.order, self.nsteps = order, nsteps

        def __len__(self):
            return self.nsteps

        def __getitem__(self, i):
            idx = self.order[i * B:(i + 1) * B]
            xs = [x[idx] for x in xtr]
            if augment:
                xs[0] = augment(xs[0])
            return (tuple(xs) if len(xs) > 1 else xs[0]), ytr[idx]

    def fit(nsteps):
        if augment:
            return model.fit(Batches(rng.permutation(n), nsteps), epochs=1, verbose=0)
        return model.fit(xtr if len(xtr) > 1 else xtr[0], ytr, batch_size=B, epochs=1,
                         steps_per_epoch=nsteps, shuffle=True, verbose=0)

    # Warm-up: traces/compiles the train function; then back to the initial state.
    started = common.utc_now()
    initial = model.get_weights()
    t0 = time.perf_counter()
    if args.warmup > 0:
        fit(args.warmup)
    warmup_seconds = time.perf_counter() - t0
    model.set_weights(initial)
    # The step counter and the slots back to zero; the learning rate (also an
    # optimizer variable) stays.
    for v in model.optimizer.variables:
        if "learning_rate" not in v.name:
            v.assign(keras.ops.zeros(v.shape, dtype=v.dtype))

    for e in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        hist = fit(steps)
        train_seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        ev = model.evaluate(xval if len(xval) > 1 else xval[0], yval, batch_size=B, verbose=0,
                            return_dict=True)
        eval_seconds = time.perf_counter() - t1
        rec.epoch(task, started, e, B, steps, full, steps * B, train_seconds,
                  hist.history["loss"][-1], hist.history["acc"][-1], ev["loss"], ev["acc"],
                  val_n, eval_seconds, peak_rss_bytes=common.peak_rss_bytes())
        rec.records[-1]["warmup_seconds"] = warmup_seconds

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
