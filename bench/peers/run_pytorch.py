#!/usr/bin/env python3
"""dlc bench peer: the five tasks as plain PyTorch training loops (target
`pytorch`): torch.nn modules written out per task, torch.optim, a hand-written
loop over shuffled batches — what a PyTorch user would write for the same
models, hyper-parameters and data (common.py).

    python bench/peers/run_pytorch.py [--tasks all] [--epochs 1] [--steps N]
        [--validation-samples N] [--data-dir D] [--out DIR] [--threads T]

Same as the model files: layers and sizes, Keras' initialisers (Glorot uniform
kernels, orthogonal recurrent kernels, zero biases, LSTM forget-gate bias 1,
uniform ±0.05 embeddings), dropout rates, optimizer and its hyper-parameters
(RMSprop/Adam/Adadelta with Keras' rho/betas/epsilon; Keras 2's decay as a
per-step LambdaLR), batch size, categorical cross-entropy, the data and the
augmentation. Idiomatic PyTorch where Keras differs, stated here:
  * images are NCHW (converted once, outside the timed loop);
  * nn.LSTM (fused) has sigmoid gates, not Keras 2's hard_sigmoid, and two
    bias vectors (b_ih carries the forget bias, b_hh is zero);
  * the loss is F.cross_entropy on logits (softmax + log fused), where Keras
    clips the probabilities to [1e-7, 1 - 1e-7];
  * torch.optim.Adam adds epsilon to sqrt(v̂) (bias-corrected), Keras to sqrt(v).
"""
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def build(task, spec, nn, torch, data_shapes):
    """The torch.nn.Module of `task`, initialised like Keras."""
    F = torch.nn.functional

    def glorot(m):
        nn.init.xavier_uniform_(m.weight)
        nn.init.zeros_(m.bias)
        return m

    def lstm(inp, units):
        m = nn.LSTM(inp, units, batch_first=True)
        # PyTorch's weight_ih is [4U, F] with gates i, f, g, o (Keras: i, f, c, o).
        nn.init.xavier_uniform_(m.weight_ih_l0)  # fan_avg of [F, 4U], as Keras
        for k in range(4):
            nn.init.orthogonal_(m.weight_hh_l0.data[k * units:(k + 1) * units])
        nn.init.zeros_(m.bias_ih_l0)
        nn.init.zeros_(m.bias_hh_l0)
        m.bias_ih_l0.data[units:2 * units] = 1.0
        return m

    class MnistMlp(nn.Module):
        def __init__(self):
            super().__init__()
            self.d1, self.d2, self.d3 = glorot(nn.Linear(784, 512)), glorot(nn.Linear(512, 512)), \
                glorot(nn.Linear(512, 10))
            self.drop = nn.Dropout(0.2)

        def forward(self, x):
            x = self.drop(F.relu(self.d1(x)))
            x = self.drop(F.relu(self.d2(x)))
            return self.d3(x)

    class MnistCnn(nn.Module):
        def __init__(self):
            super().__init__()
            self.c1, self.c2 = glorot(nn.Conv2d(1, 32, 3)), glorot(nn.Conv2d(32, 64, 3))
            self.d1, self.d2 = glorot(nn.Linear(9216, 128)), glorot(nn.Linear(128, 10))
            self.drop1, self.drop2 = nn.Dropout(0.25), nn.Dropout(0.5)

        def forward(self, x):
            x = F.relu(self.c2(F.relu(self.c1(x))))
            x = self.drop1(F.max_pool2d(x, 2))
            x = self.drop2(F.relu(self.d1(torch.flatten(x, 1))))
            return self.d2(x)

    class Cifar10Cnn(nn.Module):
        def __init__(self):
            super().__init__()
            self.c1 = glorot(nn.Conv2d(3, 32, 3, padding=1))
            self.c2 = glorot(nn.Conv2d(32, 32, 3))
            self.c3 = glorot(nn.Conv2d(32, 64, 3, padding=1))
            self.c4 = glorot(nn.Conv2d(64, 64, 3))
            self.d1, self.d2 = glorot(nn.Linear(2304, 512)), glorot(nn.Linear(512, 10))
            self.drop1, self.drop2, self.drop3 = nn.Dropout(0.25), nn.Dropout(0.25), nn.Dropout(0.5)

        def forward(self, x):
            x = F.relu(self.c2(F.relu(self.c1(x))))
            x = self.drop1(F.max_pool2d(x, 2))
            x = F.relu(self.c4(F.relu(self.c3(x))))
            x = self.drop2(F.max_pool2d(x, 2))
            x = self.drop3(F.relu(self.d1(torch.flatten(x, 1))))
            return self.d2(x)

    class MnistHrnn(nn.Module):
        def __init__(self):
            super().__init__()
            self.rows, self.img = lstm(1, 128), lstm(128, 128)
            self.d = glorot(nn.Linear(128, 10))

        def forward(self, x):                      # [N, 28, 28, 1]
            n = x.shape[0]
            _, (h, _) = self.rows(x.reshape(n * 28, 28, 1))   # TimeDistributed(LSTM) over rows
            _, (h, _) = self.img(h[-1].reshape(n, 28, 128))
            return self.d(h[-1])

    class BabiRnn(nn.Module):
        def __init__(self, vocab, story_len):
            super().__init__()
            self.story_len = story_len
            self.e_story, self.e_q = nn.Embedding(vocab, 50), nn.Embedding(vocab, 50)
            for e in (self.e_story, self.e_q):
                nn.init.uniform_(e.weight, -0.05, 0.05)
            self.q_lstm, self.lstm = lstm(50, 50), lstm(50, 50)
            self.d = glorot(nn.Linear(50, vocab))
            self.drop = nn.Dropout(0.3)

        def forward(self, story, q):
            s = self.drop(self.e_story(story))
            _, (h, _) = self.q_lstm(self.drop(self.e_q(q)))
            x = s + h[-1].unsqueeze(1).expand(-1, self.story_len, -1)   # RepeatVector + Add
            _, (h, _) = self.lstm(x)
            return self.d(self.drop(h[-1]))

    if task == "mnist_mlp":
        return MnistMlp()
    if task == "mnist_cnn":
        return MnistCnn()
    if task == "cifar10_cnn":
        return Cifar10Cnn()
    if task == "mnist_hrnn":
        return MnistHrnn()
    if task == "babi_rnn":
        vocab = spec["config"]["layers"][1]["config"]["input_dim"]
        return BabiRnn(vocab, data_shapes[0][1])
    raise ValueError("no PyTorch model for task %r" % task)


def main(argv):
    import common
    args = common.parse_args(argv, "plain PyTorch")
    import numpy as np
    import torch
    from torch import nn
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rec = common.Recorder(args, "pytorch", {"torch": torch.__version__, "numpy": np.__version__,
                                            "threads": torch.get_num_threads(),
                                            "peer": "bench/peers/run_pytorch.py"})
    failures = 0
    for task in args.tasks:
        try:
            run_task(task, args, rec, common, np, torch, nn)
        except Exception as e:
            import traceback
            traceback.print_exc()
            rec.not_run(task, "failed", "%s: %s" % (type(e).__name__, e))
            failures += 1
        rec.write()
    return 1 if failures else 0


def run_task(task, args, rec, common, np, torch, nn):
    F = torch.nn.functional
    spec = common.load_model_file(task, args.models_dir)
    dlc = spec["dlc"]
    B = int(dlc["batch_size"])
    (xtr, ytr), (xte, yte) = common.load_task_data(task, spec, args.data_dir)
    n = len(ytr)
    full, steps = common.steps_for(n, B, args.steps)
    val_n = min(args.validation_samples or len(yte), len(yte))
    image = task in ("mnist_cnn", "cifar10_cnn")
    aug_cfg = dlc.get("augmentation")
    augment = common.ShiftFlip(aug_cfg, args.seed) if aug_cfg else None

    def tensors(xs, idx=None):
        out = []
        for x in xs:
            x = x if idx is None else x[idx]
            if augment is not None and idx is not None and x.dtype == np.float32 and x.ndim == 4:
                x = augment(x)
            if image:
                x = np.ascontiguousarray(x.transpose(0, 3, 1, 2))  # NHWC -> NCHW
            out.append(torch.from_numpy(x).long() if x.dtype == np.int32 else torch.from_numpy(x))
        return out

    model = build(task, spec, nn, torch, [x.shape for x in xtr])
    name, cfg = common.optimizer_config(dlc["optimizer"])
    decay = cfg.get("decay", 0.0)

    def make_optimizer():
        if name == "RMSprop":
            o = torch.optim.RMSprop(model.parameters(), lr=cfg["lr"], alpha=cfg["rho"],
                                    eps=cfg["epsilon"])
        elif name == "Adam":
            o = torch.optim.Adam(model.parameters(), lr=cfg["lr"],
                                 betas=(cfg["beta_1"], cfg["beta_2"]), eps=cfg["epsilon"])
        elif name == "Adadelta":
            o = torch.optim.Adadelta(model.parameters(), lr=cfg["lr"], rho=cfg["rho"],
                                     eps=cfg["epsilon"])
        else:
            o = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=cfg["momentum"],
                                nesterov=cfg["nesterov"])
        # Keras 2's decay: lr / (1 + decay * iterations), stepped per batch.
        s = torch.optim.lr_scheduler.LambdaLR(o, lambda it: 1.0 / (1.0 + decay * it)) if decay else None
        return o, s

    opt, sched = make_optimizer()
    ylabels = torch.from_numpy(ytr.argmax(1))
    rng = np.random.RandomState(args.seed)

    def train(nsteps, order):
        model.train()
        loss_sum, correct = 0.0, 0
        for b in range(nsteps):
            idx = order[b * B:(b + 1) * B]
            xs = tensors(xtr, idx)
            y = ylabels[idx]
            opt.zero_grad(set_to_none=True)
            logits = model(*xs)
            loss = F.cross_entropy(logits, y)
            loss.backward()
            opt.step()
            if sched:
                sched.step()
            loss_sum += float(loss.detach()) * B
            correct += int((logits.detach().argmax(1) == y).sum())
        return loss_sum / (nsteps * B), correct / (nsteps * B)

    started = common.utc_now()
    state = {k: v.clone() for k, v in model.state_dict().items()}
    t0 = time.perf_counter()
    if args.warmup > 0:
        train(args.warmup, rng.permutation(n))
    warmup_seconds = time.perf_counter() - t0
    # Back to the initial weights and a fresh optimizer (dlc warms up on a throw-away session).
    model.load_state_dict(state)
    opt, sched = make_optimizer()
    xval = tensors([x[:val_n] for x in xte])
    yval = torch.from_numpy(yte[:val_n].argmax(1))
    for e in range(1, args.epochs + 1):
        order = rng.permutation(n)
        t0 = time.perf_counter()
        loss, acc = train(steps, order)
        train_seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        model.eval()
        with torch.no_grad():
            vl, vc = 0.0, 0
            for s in range(0, val_n, B):
                logits = model(*[x[s:s + B] for x in xval])
                y = yval[s:s + B]
                vl += float(F.cross_entropy(logits, y, reduction="sum"))
                vc += int((logits.argmax(1) == y).sum())
        eval_seconds = time.perf_counter() - t1
        rec.epoch(task, started, e, B, steps, full, steps * B, train_seconds, loss, acc,
                  vl / val_n, vc / val_n, val_n, eval_seconds, peak_rss_bytes=common.peak_rss_bytes())
        rec.records[-1]["warmup_seconds"] = warmup_seconds


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
