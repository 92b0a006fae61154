#!/usr/bin/env python3
"""First-step gradients of a dlc bundle from its state, for the GPU check.

After one training step from the initial state, every optimizer dlc has holds
the step's gradient g of each parameter exactly enough to read it back:
  RMSprop, Adadelta  accumulator a1 = (1 - rho) g^2, so |g| = sqrt(a1 / (1 - rho)),
                     and the update w1 - w0 has the sign of -g
  Adam               m1 = (1 - beta_1) g
  SGD                w1 = w0 - lr g
This script reads the states `dlc-run weights` writes (.npz of .npy members)
and the bundle's optimizer, with the Python standard library only (the GPU
machine and this one need nothing else):

  gradients.py reference BUNDLE STATE0.npz STATE1.npz OUT.npz
      writes the gradients (float32) of a reference run (cpu-ref)
  gradients.py compare BUNDLE STATE0.npz STATE1.npz REFERENCE.npz [--tolerance 1e-4] [--json OUT]
      per parameter, max |g - g_ref| / max |g_ref|; exit 1 when one is over the
      tolerance (or a parameter is missing)
"""
import argparse
import array
import io
import json
import math
import struct
import sys
import zipfile

DTYPES = {"<f4": "f", "<f8": "d", "<i4": "i", "<i8": "q"}


def read_npy(data):
    if data[:6] != b"\x93NUMPY":
        raise ValueError("not a .npy member")
    major = data[6]
    if major == 1:
        (hlen,) = struct.unpack_from("<H", data, 8)
        start = 10
    else:
        (hlen,) = struct.unpack_from("<I", data, 8)
        start = 12
    header = eval(data[start:start + hlen].decode("latin1"), {"__builtins__": {}})  # a dict literal
    if header.get("fortran_order"):
        raise ValueError("Fortran-ordered arrays are not supported")
    code = DTYPES.get(header["descr"])
    if code is None:
        raise ValueError("unsupported dtype %s" % header["descr"])
    values = array.array(code)
    values.frombytes(data[start + hlen:])
    return tuple(header["shape"]), values


def read_npz(path):
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".npy"):
                out[name[:-4]] = read_npy(z.read(name))
    return out


def write_npz(path, tensors):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, (shape, values) in tensors.items():
            body = values.tobytes()
            header = "{'descr': '<f4', 'fortran_order': False, 'shape': %s, }" % (
                "(%s)" % "".join("%d," % d for d in shape) if shape else "()")
            total = 10 + len(header) + 1
            header += " " * ((64 - total % 64) % 64) + "\n"
            z.writestr(name + ".npy", b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header))
                       + header.encode("latin1") + body)


def bundle_manifest(path):
    """The manifest of a dlc bundle (abi/BundleFormat.h)."""
    with open(path, "rb") as f:
        head = f.read(24)
        if head[:8] != b"DLCBNDL\0":
            raise ValueError("%s: not a dlc bundle" % path)
        (count,) = struct.unpack_from("<I", head, 12)
        table = f.read(48 * count)
        for i in range(count):
            name, offset, size, _crc, _ = struct.unpack_from("<24sQQII", table, 48 * i)
            if name.rstrip(b"\0") == b"manifest":
                f.seek(offset)
                return json.loads(f.read(size))
    raise ValueError("%s: no manifest section" % path)


def gradients(manifest, state0, state1):
    """{parameter: (shape, array('d') gradient)} from the states before and
    after the first step."""
    optimizer = manifest.get("training", {}).get("optimizer", {})
    kind = optimizer.get("class_name", "")
    config = optimizer.get("config", {})
    params = [t["name"] for t in manifest["tensors"]
              if t["region"] == "state" and t["role"] == "param"]
    out = {}
    for p in params:
        if p not in state0 or p not in state1:
            raise KeyError("parameter %s is missing from a state" % p)
        shape, w0 = state0[p]
        _, w1 = state1[p]
        n = len(w0)
        g = array.array("d", bytes(8 * n))
        if kind in ("RMSprop", "Adadelta"):
            _, a1 = state1[p + "/accumulator"]
            scale = 1.0 / (1.0 - config.get("rho", 0.9))
            for i in range(n):
                d = w1[i] - w0[i]
                if d != 0.0:
                    m = math.sqrt(a1[i] * scale)
                    g[i] = -m if d > 0 else m
        elif kind == "Adam":
            _, m1 = state1[p + "/m"]
            scale = 1.0 / (1.0 - config.get("beta_1", 0.9))
            for i in range(n):
                g[i] = m1[i] * scale
        elif kind == "SGD":
            scale = 1.0 / config.get("lr", 0.01)
            for i in range(n):
                g[i] = (w0[i] - w1[i]) * scale
        else:
            raise ValueError("no first-step gradient rule for optimizer %r" % kind)
        out[p] = (shape, g)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["reference", "compare"])
    ap.add_argument("bundle")
    ap.add_argument("state0")
    ap.add_argument("state1")
    ap.add_argument("other", help="reference: the output .npz; compare: the reference .npz")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    ap.add_argument("--json", help="compare: write the per-tensor results here")
    a = ap.parse_args()
    grads = gradients(bundle_manifest(a.bundle), read_npz(a.state0), read_npz(a.state1))
    if a.mode == "reference":
        write_npz(a.other, {k: (s, array.array("f", g)) for k, (s, g) in grads.items()})
        print("%s: %d gradients" % (a.other, len(grads)))
        return 0
    ref = read_npz(a.other)
    rows, worst, ok = [], 0.0, True
    for name, (shape, g_ref) in ref.items():
        if name not in grads:
            rows.append({"tensor": name, "error": "missing"})
            ok = False
            continue
        g = grads[name][1]
        scale = max((abs(x) for x in g_ref), default=0.0)
        diff = max((abs(x - y) for x, y in zip(g, g_ref)), default=0.0)
        rel = diff / scale if scale > 0 else (0.0 if diff == 0 else math.inf)
        worst = max(worst, rel)
        ok = ok and rel <= a.tolerance
        rows.append({"tensor": name, "max_abs_ref": scale, "max_abs_diff": diff, "relative": rel})
    for r in rows:
        if "error" in r:
            print("  %-40s MISSING" % r["tensor"])
        else:
            print("  %-40s max|g_ref| %.3e  max|diff| %.3e  relative %.2e %s"
                  % (r["tensor"], r["max_abs_ref"], r["max_abs_diff"], r["relative"],
                     "" if r["relative"] <= a.tolerance else "OVER"))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"tolerance": a.tolerance, "worst": worst, "ok": ok, "tensors": rows}, f, indent=1)
    print("worst relative difference %.2e (tolerance %.0e): %s" % (worst, a.tolerance, "ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
