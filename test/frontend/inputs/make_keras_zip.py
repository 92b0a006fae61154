#!/usr/bin/env python3
"""Pack a Keras 3 ``config.json`` into a ``.keras`` zip, the way Keras 3
``model.save()`` lays it out (metadata.json, then config.json; stored, not
deflated; entries dated 1980-01-01), but without ``model.weights.h5``: enough
for a reader of the model architecture, so tests can build .keras files of the
big models at test time without committing weights.  Standard library only.

    make_keras_zip.py IN_CONFIG_JSON OUT.keras [--keras-version 3.15.1]
                      [--date-saved 2000-01-01@00:00:00] [--weights FILE.h5]

--weights adds FILE.h5 as model.weights.h5 (a full, loadable .keras).
The output is byte-for-byte reproducible for the same inputs.
"""
import argparse
import json
import sys
import zipfile


def entry(name):
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    return info


def main(argv):
    ap = argparse.ArgumentParser(description='pack config.json into a .keras zip')
    ap.add_argument('config_json')
    ap.add_argument('out_keras')
    ap.add_argument('--keras-version', default='3.15.1')
    ap.add_argument('--date-saved', default='2000-01-01@00:00:00')
    ap.add_argument('--weights', help='optional model.weights.h5 to include')
    args = ap.parse_args(argv)

    with open(args.config_json, 'rb') as f:
        config = f.read()
    json.loads(config.decode('utf-8'))  # refuse to pack something that is not JSON
    metadata = json.dumps({'keras_version': args.keras_version,
                           'date_saved': args.date_saved}).encode('utf-8')
    with zipfile.ZipFile(args.out_keras, 'w') as z:
        z.writestr(entry('metadata.json'), metadata)
        z.writestr(entry('config.json'), config)
        if args.weights:
            with open(args.weights, 'rb') as f:
                z.writestr(entry('model.weights.h5'), f.read())
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
