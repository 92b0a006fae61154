#!/usr/bin/env python3
"""dlc bench peer: the five tasks in multi-backend Keras 2 on Theano or MXNet
(the article's other backends), Python 3.6.

    <venv>/bin/python bench/peers/legacy/run_keras2.py --backend theano|mxnet|cntk \
        [--tasks all] [--epochs 1] [--steps N] [--validation-samples N] [--data-dir D] [--out DIR]

Targets keras2-theano (Keras 2.3.1 + Theano 1.0.5), keras2-mxnet
(keras-mxnet 2.2.4.3 + MXNet 1.9.1) and keras2-cntk (Keras 2.3.1 + CNTK
2.7.post2, CPU build). Keras 2 reads the model files' Keras
2.0.8 configs itself (keras.models.model_from_config), so the models and the
optimizers are the model files' exactly (Keras 2 semantics throughout). Per
epoch: a fresh permutation, its first --steps x batch samples given to one
timed `fit` (cifar10_cnn: `fit_generator` over shifted and flipped batches),
then `evaluate` on the first --validation-samples test samples. A task that
cannot be built or run is recorded `failed` with the error.
"""
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))


def main(argv):
    backend = None
    if "--backend" in argv:
        i = argv.index("--backend")
        backend = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if backend not in ("theano", "mxnet", "cntk"):
        sys.exit("run_keras2.py: --backend theano|mxnet|cntk")
    compat = os.path.join(sys.prefix, "mpicompat")
    if backend == "cntk" and os.path.isdir(compat) and \
            compat not in os.environ.get("LD_LIBRARY_PATH", "").split(":"):
        # CNTK's OpenMPI sonames (legacy/setup.sh): the loader reads the path at start.
        env = dict(os.environ, LD_LIBRARY_PATH=":".join(
            p for p in (compat, os.environ.get("LD_LIBRARY_PATH")) if p))
        os.execve(sys.executable, [sys.executable] + sys.argv, env)
    os.environ["KERAS_BACKEND"] = backend
    if backend == "theano":
        flags = "floatX=float32,device=cpu"
        # Theano finds no BLAS in a venv by itself; the system's OpenBLAS (what dlc bench
        # links for its sgemm reference) when present.
        if any(os.path.exists(os.path.join(d, "libopenblas.so"))
               for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")):
            flags += ",blas.ldflags=-lopenblas"
        os.environ.setdefault("THEANO_FLAGS", flags)
    import common
    args = common.parse_args(argv, "Keras 2 on " + backend)
    import numpy as np
    import keras
    from keras import backend as K
    versions = {"keras": keras.__version__, "numpy": np.__version__,
                "peer": "bench/peers/legacy/run_keras2.py"}
    if backend == "theano":
        import theano
        versions["theano"] = theano.__version__
    elif backend == "mxnet":
        import mxnet
        versions["mxnet"] = mxnet.__version__
    else:
        import cntk
        versions["cntk"] = cntk.__version__
    rec = common.Recorder(args, "keras2-" + backend, versions)
    np.random.seed(args.seed)
    failures = 0
    for task in args.tasks:
        try:
            run_task(task, args, rec, common, np, keras, K)
        except Exception as e:
            import traceback
            traceback.print_exc()
            msg = str(e).strip().splitlines()
            rec.not_run(task, "failed", "%s: %s" % (type(e).__name__, msg[0] if msg else ""))
            failures += 1
        rec.write()
    return 1 if failures else 0


def run_task(task, args, rec, common, np, keras, K):
    spec = common.load_model_file(task, args.models_dir)
    dlc = spec["dlc"]
    B = int(dlc["batch_size"])
    (xtr, ytr), (xte, yte) = common.load_task_data(task, spec, args.data_dir)
    n = len(ytr)
    full, steps = common.steps_for(n, B, args.steps)
    val_n = min(args.validation_samples or len(yte), len(yte))
    xval = [x[:val_n] for x in xte]
    yval = yte[:val_n]
    t0 = time.perf_counter()
    model = keras.models.model_from_config({"class_name": spec["class_name"],
                                            "config": spec["config"]})
    name, cfg = common.optimizer_config(dlc["optimizer"])
    kw = {k: v for k, v in cfg.items() if k != "nesterov" or name == "SGD"}
    opt = getattr(keras.optimizers, name)(**kw)
    model.compile(loss=dlc["loss"], optimizer=opt, metrics=["accuracy"])
    build_seconds = time.perf_counter() - t0
    aug_cfg = dlc.get("augmentation")
    augment = common.ShiftFlip(aug_cfg, args.seed) if aug_cfg else None
    rng = np.random.RandomState(args.seed)

    def fit(nsteps):
        order = rng.permutation(n)[:nsteps * B]
        if augment:
            def batches():
                while True:
                    for b in range(nsteps):
                        idx = order[b * B:(b + 1) * B]
                        yield augment(xtr[0][idx]), ytr[idx]
            return model.fit_generator(batches(), steps_per_epoch=nsteps, epochs=1, verbose=0)
        xs = [x[order] for x in xtr]
        return model.fit(xs if len(xs) > 1 else xs[0], ytr[order], batch_size=B, epochs=1,
                         shuffle=False, verbose=0)

    started = common.utc_now()
    initial = model.get_weights()
    t0 = time.perf_counter()
    if args.warmup > 0:
        fit(args.warmup)
    warmup_seconds = time.perf_counter() - t0
    model.set_weights(initial)
    for w in model.optimizer.weights:   # iterations and the slots
        K.set_value(w, np.zeros(K.int_shape(w), dtype=K.dtype(w)))
    for e in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        hist = fit(steps)
        train_seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        vloss, vacc = model.evaluate(xval if len(xval) > 1 else xval[0], yval, batch_size=B,
                                     verbose=0)
        eval_seconds = time.perf_counter() - t1
        h = hist.history
        acc = (h.get("accuracy") or h.get("acc"))[-1]
        rec.epoch(task, started, e, B, steps, full, steps * B, train_seconds, h["loss"][-1], acc,
                  vloss, vacc, val_n, eval_seconds, peak_rss_bytes=common.peak_rss_bytes())
        rec.records[-1]["warmup_seconds"] = warmup_seconds
        rec.records[-1]["build_seconds"] = build_seconds


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
