#!/usr/bin/env python3
"""Keras fidelity check: does dlc's training step compute what Keras computes?

    python bench/peers/fidelity.py --dlc build/bin/dlc [--data-dir D] [--tasks all] [--target cpu-ref]
                                   [--tolerance 1e-5] [--keep DIR]

For each task, with dropout disabled on both sides:
  1. dlc: `dlc weights MODEL --no-dropout --params-only` (the initial weights),
     `dlc train MODEL --no-dropout --no-shuffle --no-augmentation --epochs 1
     --steps-per-epoch 1` (ONE step on the first batch_size training samples
     in dataset order) saving a checkpoint, and `dlc weights --checkpoint` of it.
  2. Keras 3 on JAX: the model built from the same YAML without its Dropout
     layers (keras3_models.py), dlc's initial weights loaded by name, the
     model file's optimizer, `train_on_batch` on the same batch read by this
     side's own loader (common.py, not dlc's), no augmentation.
     RMSprop is keras3_models.RMSpropKeras2 (Keras 2.0.8's epsilon placement,
     which the model files mean); the difference to Keras 3's stock RMSprop
     is printed too.
  3. Compared, per parameter tensor, relative to the tensor's magnitude:
       weights  rel = max|w_dlc - w_keras| / max(max|w_keras|, 1e-30) after the step;
       gradient rel = max|g_dlc - g_f64| / max|g_f64|, g recovered from the
                optimizer's first slot (RMSprop/Adadelta sqrt(a/(1-rho)), Adam
                m/(1-beta_1)) on both sides, against the same step computed by
                Keras in float64 (JAX x64); Keras float32's own distance is printed;
       loss     |loss_dlc - loss_keras| / |loss_keras| (dlc's --log, train_on_batch).
     The brief's goal is weights rel <= 1e-5 (--tolerance), reported per task
     ("strict goal met"). It is not a pass condition: a first RMSprop/Adam/
     Adadelta step divides by sqrt(v) + epsilon (Adadelta sqrt(v + epsilon)),
     so where |g| is near sqrt(epsilon)-scale, float32 round-off in the
     gradient (summation order) moves an element's update by up to a few % of
     lr — in Keras float32 against float64 as well (1.6e-3 on mnist_mlp), so
     two float32 implementations can be that far apart and more. A task
     PASSES when weights rel <= 1e-2, gradient rel <= 1e-4 and loss rel <= 1e-5 (--weight-,
     --grad-, --loss-tolerance): float32 noise passes, a semantic difference
     does not (e.g. Keras 3's stock RMSprop, epsilon inside the sqrt: weights
     rel ~1, printed for the RMSprop tasks; Keras 3's hard_sigmoid instead of
     Keras 2's in babi_rnn's LSTMs: gradient rel 0.40, loss rel 1e-4). The
     bounds were set after measuring (docs/bench.md gives the values).
Exit 0 all pass, 1 a task fails, 77 (skip) without the peers venv's keras/jax
or without the data. Writes fidelity.json (per task and tensor) to --keep or a
temporary folder.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def gradient_of_slots(opt_name, cfg, first_slot):
    """|g| (or g) of the first step from the optimizer's first slot after it:
    RMSprop/Adadelta a = (1 - rho) g²; Adam m = (1 - beta_1) g."""
    import numpy as np
    s = np.asarray(first_slot, np.float64)
    if opt_name in ("RMSprop", "Adadelta"):
        return np.sqrt(np.maximum(s, 0) / (1 - cfg["rho"]))
    if opt_name == "Adam":
        return s / (1 - cfg["beta_1"])
    return None


def keras_first_slots(model, opt_name):
    """{id(variable): its first optimizer slot} of a Keras 3 optimizer."""
    opt = model.optimizer
    slots = {"RMSprop": "_velocities", "Adadelta": "_accumulated_grads", "Adam": "_momentums"}
    if opt_name not in slots:
        return {}
    out = {}
    for v in model.trainable_weights:
        out[id(v)] = getattr(opt, slots[opt_name])[opt._get_variable_index(v)].numpy()
    return out


DLC_FIRST_SLOT = {"RMSprop": "accumulator", "Adadelta": "accumulator", "Adam": "m"}


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dlc", default=os.environ.get("DLC", os.path.join(HERE, "..", "..", "build",
                                                                       "bin", "dlc")))
    ap.add_argument("--data-dir", default=os.environ.get("DLC_DATA_DIR"))
    ap.add_argument("--tasks", default="all")
    ap.add_argument("--target", default="cpu-ref",
                    help="dlc target that runs the step (default cpu-ref, the oracle)")
    ap.add_argument("--tolerance", type=float, default=1e-5,
                    help="the strict goal for the weights after one step (reported)")
    ap.add_argument("--weight-tolerance", type=float, default=1e-2,
                    help="pass bound for the weights (float32 noise through a first step; "
                         "above Keras float32's own 1.6e-3 from float64)")
    ap.add_argument("--grad-tolerance", type=float, default=1e-4,
                    help="pass bound for the gradients against Keras float64")
    ap.add_argument("--loss-tolerance", type=float, default=1e-5,
                    help="pass bound for the step's loss (relative)")
    ap.add_argument("--keep", default=None, help="folder for the npz files and fidelity.json")
    a = ap.parse_args(argv)
    try:
        os.environ["KERAS_BACKEND"] = "jax"
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        import numpy as np
        import jax
        # float64 next to float32: the exact step the float32 ones approximate.
        jax.config.update("jax_enable_x64", True)
        import keras
    except ImportError as e:
        print("fidelity: SKIP: %s (create the peers venv: bench/peers/setup.sh)" % e)
        return 77
    import common
    import keras3_models as km
    if not a.data_dir or not os.path.isdir(a.data_dir):
        print("fidelity: SKIP: no data dir (--data-dir or $DLC_DATA_DIR): %r" % a.data_dir)
        return 77
    if not os.path.exists(a.dlc):
        print("fidelity: FAIL: no dlc at %s (--dlc)" % a.dlc)
        return 1
    tasks = common.TASKS if a.tasks == "all" else a.tasks.split(",")
    work = a.keep or tempfile.mkdtemp(prefix="dlc-fidelity-")
    os.makedirs(work, exist_ok=True)
    keras.config.set_floatx("float32")
    results, failed = {}, []
    for task in tasks:
        model_path = os.path.join(common.MODELS_DIR, task + ".yaml")
        p = lambda name: os.path.join(work, "%s.%s" % (task, name))

        def dlc(*cmd):
            r = subprocess.run([a.dlc] + list(cmd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True)
            if r.returncode:
                raise SystemExit("fidelity: FAIL: dlc %s:\n%s" % (" ".join(cmd), r.stdout))
            return r.stdout

        target = "--target=" + a.target
        dlc("weights", model_path, target, "--no-dropout", "--params-only", "--out", p("init.npz"))
        dlc("train", model_path, target, "--no-dropout", "--no-shuffle", "--no-augmentation", "--epochs",
            "1", "--steps-per-epoch", "1", "--validation-samples", "1", "--data-dir", a.data_dir,
            "--save", p("step1.ckpt"), "--log", p("step1.jsonl"))
        dlc("weights", model_path, target, "--no-dropout", "--checkpoint", p("step1.ckpt"),
            "--out", p("step1.npz"))
        w0 = dict(np.load(p("init.npz")))
        w1 = dict(np.load(p("step1.npz")))
        with open(p("step1.jsonl")) as f:
            dlc_loss = json.loads(f.readline())["loss"]

        spec = common.load_model_file(task)
        B = int(spec["dlc"]["batch_size"])
        (xtr, ytr), _ = common.load_task_data(task, spec, a.data_dir)
        xb = [x[:B] for x in xtr]
        yb = ytr[:B]
        model = km.build_model(spec, no_dropout=True)
        named = km.keras2_weight_names(model)
        missing = [n for n, _ in named if n not in w0]
        if missing or len(named) != len(w0):
            raise SystemExit("fidelity: FAIL: %s: Keras weights %s vs dlc's %s"
                             % (task, [n for n, _ in named], sorted(w0)))
        for name, var in named:
            if tuple(var.shape) != w0[name].shape:
                raise SystemExit("fidelity: FAIL: %s: %s shape %s vs dlc's %s"
                                 % (task, name, tuple(var.shape), w0[name].shape))
            var.assign(w0[name])
        opt_name, opt_cfg = common.optimizer_config(spec["dlc"]["optimizer"])
        model.compile(optimizer=km.make_optimizer(opt_name, opt_cfg), loss=spec["dlc"]["loss"])
        keras_loss = float(model.train_on_batch(xb if len(xb) > 1 else xb[0], yb))
        # The same step in float64.
        # Keras 3 fixes its global dtype policy at the first layer built;
        # floatx alone would leave this model float32 throughout.
        keras.config.set_floatx("float64")
        keras.config.set_dtype_policy("float64")
        try:
            m64 = km.build_model(spec, no_dropout=True)
            not64 = sorted(({str(v.dtype) for v in m64.weights}
                            | {str(layer.compute_dtype) for layer in m64.layers}) - {"float64"})
            if not64:
                raise SystemExit("fidelity: FAIL: %s: the float64 reference model has %s "
                                 "weights or computations" % (task, ", ".join(not64)))
            for name, var in km.keras2_weight_names(m64):
                var.assign(w0[name].astype(np.float64))
            m64.compile(optimizer=km.make_optimizer(opt_name, opt_cfg), loss=spec["dlc"]["loss"])
            x64 = [x.astype(np.float64) if x.dtype == np.float32 else x for x in xb]
            m64.train_on_batch(x64 if len(x64) > 1 else x64[0], yb.astype(np.float64))
            k64 = {n: np.asarray(v.numpy(), np.float64) for n, v in km.keras2_weight_names(m64)}
            s64 = keras_first_slots(m64, opt_name)
            g64 = {n: gradient_of_slots(opt_name, opt_cfg, s64[id(v)])
                   for n, v in km.keras2_weight_names(m64) if id(v) in s64}
        finally:
            keras.config.set_floatx("float32")
            keras.config.set_dtype_policy("float32")
        stock_note = None
        if opt_name == "RMSprop":
            # For the record: Keras 3's own RMSprop (epsilon inside the sqrt).
            stock = km.build_model(spec, no_dropout=True)
            for (name, var) in km.keras2_weight_names(stock):
                var.assign(w0[name])
            stock.compile(optimizer=km.make_optimizer(opt_name, opt_cfg, stock=True),
                          loss=spec["dlc"]["loss"])
            stock.train_on_batch(xb if len(xb) > 1 else xb[0], yb)
            stock_note = max(float(np.max(np.abs(w1[n].astype(np.float64) - np.asarray(v.numpy(), np.float64)))
                                   / max(float(np.max(np.abs(np.asarray(v.numpy())))), 1e-30))
                             for n, v in km.keras2_weight_names(stock))
        s32 = keras_first_slots(model, opt_name)
        g32 = {n: gradient_of_slots(opt_name, opt_cfg, s32[id(v)]) for n, v in named if id(v) in s32}
        per = {}
        worst = worst64 = worst_k = 0.0
        gworst = gworst_k = None
        for name, var in named:
            k1 = np.asarray(var.numpy(), dtype=np.float64)
            d1 = w1[name].astype(np.float64)
            base = w0[name].astype(np.float64)
            e = k64[name]
            rel = float(np.max(np.abs(d1 - k1)) / max(np.max(np.abs(k1)), 1e-30))
            rel64 = float(np.max(np.abs(d1 - e)) / max(np.max(np.abs(e)), 1e-30))
            relk = float(np.max(np.abs(k1 - e)) / max(np.max(np.abs(e)), 1e-30))
            dk = k1 - base
            upd = float(np.max(np.abs((d1 - base) - dk)) / max(np.max(np.abs(dk)), 1e-30))
            per[name] = {"rel": rel, "rel_dlc_vs_keras_f64": rel64, "rel_keras_f32_vs_f64": relk,
                         "rel_to_update": upd, "max_abs_keras": float(np.max(np.abs(k1)))}
            slot = "%s/%s" % (name, DLC_FIRST_SLOT.get(opt_name, ""))
            if name in g64 and slot in w1:
                gd = gradient_of_slots(opt_name, opt_cfg, w1[slot])
                scale = max(float(np.max(np.abs(g64[name]))), 1e-30)
                per[name]["grad_rel_dlc_vs_keras_f64"] = float(np.max(np.abs(gd - g64[name])) / scale)
                per[name]["grad_rel_keras_f32_vs_f64"] = float(np.max(np.abs(g32[name] - g64[name])) / scale)
                per[name]["grad_rel_dlc_vs_keras_f32"] = float(np.max(np.abs(gd - g32[name])) / scale)
                gworst = max(gworst or 0.0, per[name]["grad_rel_dlc_vs_keras_f64"])
                gworst_k = max(gworst_k or 0.0, per[name]["grad_rel_keras_f32_vs_f64"])
            worst, worst64, worst_k = max(worst, rel), max(worst64, rel64), max(worst_k, relk)
        strict = worst <= a.tolerance
        loss_rel = abs(dlc_loss - keras_loss) / max(abs(keras_loss), 1e-30)
        ok = (worst <= a.weight_tolerance and loss_rel <= a.loss_tolerance
              and (gworst is None or gworst <= a.grad_tolerance))
        results[task] = {"max_rel": worst, "max_rel_dlc_vs_keras_f64": worst64,
                         "max_rel_keras_f32_vs_f64": worst_k,
                         "grad_max_rel_dlc_vs_keras_f64": gworst,
                         "grad_max_rel_keras_f32_vs_f64": gworst_k, "loss_rel": loss_rel,
                         "pass": ok, "strict_goal_met": strict, "tolerance": a.tolerance,
                         "weight_tolerance": a.weight_tolerance, "grad_tolerance": a.grad_tolerance,
                         "loss_tolerance": a.loss_tolerance,
                         "loss_dlc": dlc_loss, "loss_keras": keras_loss,
                         "optimizer": opt_name, "batch_size": B, "tensors": per,
                         "max_rel_vs_stock_keras3_rmsprop": stock_note}
        print("fidelity: %-12s %s  weights max rel %.2e (strict goal %.0e %s; pass bound %.0e); "
              "vs Keras float64: dlc %.2e, Keras float32 %.2e; loss dlc %.7f keras %.7f"
              % (task, "PASS" if ok else "FAIL", worst, a.tolerance, "met" if strict else "NOT met",
                 a.weight_tolerance, worst64, worst_k, dlc_loss, keras_loss), flush=True)
        if gworst is not None:
            print("fidelity: %-12s gradients (from the optimizer's first slot) vs Keras float64: "
                  "dlc %.2e, Keras float32 %.2e" % (task, gworst, gworst_k), flush=True)
        if stock_note is not None:
            print("fidelity: %-12s (against Keras 3's stock RMSprop, epsilon inside the sqrt: "
                  "max rel %.2e; not judged)" % (task, stock_note), flush=True)
        if not ok:
            failed.append(task)
        if not strict:
            for name, v in per.items():
                print("    %-42s rel %.2e | vs float64: dlc %.2e, Keras f32 %.2e | grad vs f64: "
                      "dlc %.2e, Keras f32 %.2e"
                      % (name, v["rel"], v["rel_dlc_vs_keras_f64"], v["rel_keras_f32_vs_f64"],
                         v.get("grad_rel_dlc_vs_keras_f64", float("nan")),
                         v.get("grad_rel_keras_f32_vs_f64", float("nan"))))
    versions = {"keras": keras.__version__, "jax": jax.__version__, "numpy": np.__version__}
    with open(os.path.join(work, "fidelity.json"), "w") as f:
        json.dump({"versions": versions, "metric": "max|w_dlc - w_keras| / max|w_keras| per tensor "
                   "after one step", "tasks": results}, f, indent=1)
    print("fidelity: strict 1e-5 goal on the weights met by %d of %d tasks"
          % (sum(r["strict_goal_met"] for r in results.values()), len(results)))
    print("fidelity: %d passed, %d failed (%s)" % (len(tasks) - len(failed), len(failed),
                                                  os.path.join(work, "fidelity.json")))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
