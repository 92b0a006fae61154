#!/usr/bin/env python3
"""Moves every float32 parameter of a dlc checkpoint by one unit in the last
place (its lowest mantissa bit flipped), for the GPU check's reference spread:
how far cpu-ref's own losses move when its weights change in the last bit,
which is the size of difference a correct target that sums in another order
shows. Standard library only.

  perturb.py BUNDLE CHECKPOINT OUT   (runtime/train/Checkpoint.h's layout)
"""
import json
import struct
import sys
import zlib

sys.path.insert(0, __import__("os").path.dirname(__file__))
from gradients import bundle_manifest  # noqa: E402


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    bundle, path, out = sys.argv[1:]
    data = bytearray(open(path, "rb").read())
    if data[:8] != b"DLCCKPT\0":
        sys.exit("%s: not a dlc checkpoint" % path)
    version, meta_bytes, state_bytes, file_size = struct.unpack_from("<IIQQ", data, 8)
    if version != 1 or file_size != len(data):
        sys.exit("%s: checkpoint version %d of %d bytes; this reads version 1" % (path, version, len(data)))
    (stored,) = struct.unpack_from("<I", data, len(data) - 4)
    if zlib.crc32(bytes(data[:-4])) != stored:
        sys.exit("%s: corrupt (CRC-32)" % path)
    state_at = len(data) - 4 - state_bytes
    manifest = bundle_manifest(bundle)
    moved = 0
    for t in manifest["tensors"]:
        if t["region"] != "state" or t["role"] != "param" or t["dtype"] != "f32":
            continue
        n = 1
        for d in t["shape"]:
            n *= d
        start = state_at + t["offset"]
        words = struct.unpack_from("<%dI" % n, data, start)
        struct.pack_into("<%dI" % n, data, start, *[w ^ 1 for w in words])
        moved += n
    struct.pack_into("<I", data, len(data) - 4, zlib.crc32(bytes(data[:-4])))
    open(out, "wb").write(bytes(data))
    print("%s: %d parameters moved by one ulp" % (out, moved))


if __name__ == "__main__":
    main()
