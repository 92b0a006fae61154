#!/usr/bin/env python3
"""Writes `status: "unavailable"` records for a peer target that cannot run here.

    <peers venv>/bin/python bench/peers/unavailable.py --target keras2-mxnet \
        --reason "why, with the error" --out DIR [--tasks all] [--epochs 1]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main(argv):
    import common
    target = reason = None
    rest = []
    i = 0
    while i < len(argv):
        if argv[i] in ("--target", "--reason"):
            if argv[i] == "--target":
                target = argv[i + 1]
            else:
                reason = argv[i + 1]
            i += 2
        else:
            rest.append(argv[i])
            i += 1
    if not target or not reason:
        sys.exit("unavailable.py: --target and --reason are required")
    args = common.parse_args(rest + ["--data-dir", os.environ.get("DLC_DATA_DIR") or "-"]
                             if "--data-dir" not in rest else rest, target)
    rec = common.Recorder(args, target, {"peer": "bench/peers/unavailable.py"})
    for task in args.tasks:
        rec.not_run(task, "unavailable", reason)
    rec.write()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
