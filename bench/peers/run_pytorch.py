#!/usr/bin/env python3
"""dlc bench peer: the five tasks as plain PyTorch training loops (target
`pytorch`, or `pytorch-cuda` with --device cuda): torch.nn modules written out
per task, torch.optim, a hand-written loop over shuffled batches — what a
PyTorch user would write for the same models, hyper-parameters and data
(common.py).

    python bench/peers/run_pytorch.py [--device cpu|cuda] [--tasks all] [--epochs 1]
        [--steps N] [--validation-samples N] [--data-dir D] [--out DIR] [--threads T]

--device cuda trains on torch's first GPU (cuda:0; CUDA_VISIBLE_DEVICES picks
it): model, optimizer state and loss on the GPU. Each training batch is
gathered (and augmented) from the numpy arrays on the CPU and copied to the
GPU inside the timed loop, as a user's loop does (`.to(device)`; no pinned
memory, no prefetch); the test inputs are copied once, before evaluation is
timed. Loss and accuracy are summed on the device and read once per epoch, and
torch.cuda.synchronize() runs before every clock read, so the seconds are the
GPU's. The records name the GPU (device and machine.gpu; version.cuda/cudnn)
and carry peak_device_bytes (torch.cuda.max_memory_allocated over the task's warm-up,
training and evaluation). Without a usable GPU (torch.cuda.is_available()
False, e.g. a CPU-only build or no driver) every task is written
`unavailable` with the reason, and the exit status is 0. cuDNN and TF32 are
left at torch's defaults (cudnn.benchmark off; version.tf32 records whether
matmuls and cuDNN may use TF32); nothing is compiled (no torch.compile).

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

    def device_option(ap):
        ap.add_argument("--device", choices=("cpu", "cuda"), default="cpu",
                        help="cpu (target pytorch) or cuda: torch's first GPU (target "
                        "pytorch-cuda; unavailable records without one)")
    args = common.parse_args(argv, "plain PyTorch", device_option)
    import numpy as np
    import torch
    from torch import nn
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    cuda = args.device == "cuda"
    version = {"torch": torch.__version__, "numpy": np.__version__,
               "threads": torch.get_num_threads(), "peer": "bench/peers/run_pytorch.py"}
    if cuda:
        version["cuda"] = torch.version.cuda
        try:
            version["cudnn"] = torch.backends.cudnn.version()
        except Exception:
            version["cudnn"] = None
        try:  # left at torch's defaults; recorded because they change fp32 results and speed
            version["tf32"] = "matmul %s, cudnn %s" % (
                "on" if torch.backends.cuda.matmul.allow_tf32 else "off",
                "on" if torch.backends.cudnn.allow_tf32 else "off")
        except Exception:
            pass
    rec = common.Recorder(args, "pytorch-cuda" if cuda else "pytorch", version)
    device = torch.device("cpu")
    if cuda:
        reason = cuda_unavailable(torch)
        if reason:
            for task in args.tasks:
                rec.not_run(task, "unavailable", reason)
            rec.write()
            return 0
        device = torch.device("cuda", 0)
        props = torch.cuda.get_device_properties(device)
        rec.machine["gpu"] = torch.cuda.get_device_name(device)
        rec.machine["gpu_memory_bytes"] = int(props.total_memory)
        rec.machine["gpus"] = torch.cuda.device_count()
    failures = 0
    for task in args.tasks:
        try:
            run_task(task, args, rec, common, np, torch, nn, device)
        except Exception as e:
            import traceback
            traceback.print_exc()
            rec.not_run(task, "failed", "%s: %s" % (type(e).__name__, e))
            failures += 1
        rec.write()
    return 1 if failures else 0


def cuda_unavailable(torch):
    """Why torch cannot train on a GPU here, or None."""
    if torch.version.cuda is None and getattr(torch.version, "hip", None) is None:
        return ("no CUDA device: this torch %s is a CPU-only build (torch.version.cuda is None)"
                % torch.__version__)
    if not torch.cuda.is_available():
        return ("no CUDA device: torch.cuda.is_available() is False (torch %s, CUDA %s; "
                "no NVIDIA GPU or driver, or CUDA_VISIBLE_DEVICES hides it)"
                % (torch.__version__, torch.version.cuda))
    try:
        torch.zeros(1, device="cuda").add_(1).cpu()
    except Exception as e:
        return "no usable CUDA device: a first tensor on cuda:0 failed: %s: %s" % (
            type(e).__name__, str(e).splitlines()[0] if str(e) else "")
    return None


def run_task(task, args, rec, common, np, torch, nn, device):
    F = torch.nn.functional
    cuda = device.type == "cuda"

    def sync():
        if cuda:
            torch.cuda.synchronize(device)
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

    model = build(task, spec, nn, torch, [x.shape for x in xtr]).to(device)
    if cuda:
        torch.cuda.reset_peak_memory_stats(device)
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
        # Summed where the step ran and read once: a float() per step would make
        # the CPU wait for the GPU after every step.
        loss_sum = torch.zeros((), dtype=torch.float64, device=device)
        correct = torch.zeros((), dtype=torch.int64, device=device)
        for b in range(nsteps):
            idx = order[b * B:(b + 1) * B]
            xs = [x.to(device) for x in tensors(xtr, idx)]   # host -> device, timed
            y = ylabels[idx].to(device)
            opt.zero_grad(set_to_none=True)
            logits = model(*xs)
            loss = F.cross_entropy(logits, y)
            loss.backward()
            opt.step()
            if sched:
                sched.step()
            loss_sum += loss.detach().double() * B
            correct += (logits.detach().argmax(1) == y).sum()
        return float(loss_sum) / (nsteps * B), int(correct) / (nsteps * B)

    started = common.utc_now()
    state = {k: v.clone() for k, v in model.state_dict().items()}
    sync()
    t0 = time.perf_counter()
    if args.warmup > 0:
        train(args.warmup, rng.permutation(n))
    sync()
    warmup_seconds = time.perf_counter() - t0
    # Back to the initial weights and a fresh optimizer (dlc warms up on a throw-away session).
    model.load_state_dict(state)
    opt, sched = make_optimizer()
    # The test inputs go to the device once, before evaluation is timed.
    xval = [x.to(device) for x in tensors([x[:val_n] for x in xte])]
    yval = torch.from_numpy(yte[:val_n].argmax(1)).to(device)
    for e in range(1, args.epochs + 1):
        order = rng.permutation(n)
        sync()
        t0 = time.perf_counter()
        loss, acc = train(steps, order)
        sync()
        train_seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        model.eval()
        with torch.no_grad():
            vl = torch.zeros((), dtype=torch.float64, device=device)
            vc = torch.zeros((), dtype=torch.int64, device=device)
            for s in range(0, val_n, B):
                logits = model(*[x[s:s + B] for x in xval])
                y = yval[s:s + B]
                vl += F.cross_entropy(logits, y, reduction="sum").double()
                vc += (logits.argmax(1) == y).sum()
            vl, vc = float(vl), int(vc)
        sync()
        eval_seconds = time.perf_counter() - t1
        rec.epoch(task, started, e, B, steps, full, steps * B, train_seconds, loss, acc,
                  vl / val_n, vc / val_n, val_n, eval_seconds, peak_rss_bytes=common.peak_rss_bytes())
        rec.records[-1]["warmup_seconds"] = warmup_seconds
        if cuda:
            rec.records[-1]["device"] = rec.machine["gpu"]
            rec.records[-1]["peak_device_bytes"] = int(torch.cuda.max_memory_allocated(device))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
