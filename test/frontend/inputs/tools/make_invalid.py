#!/usr/bin/env python3
"""Write test/frontend/inputs/invalid/: one malformed model file per fault,
each a valid Keras 2.0.8 model (from models/tools/gen_keras2_yaml.py, or the
real keras 2.0.8 to_json() text) with exactly one fault injected, plus
invalid/EXPECTED.md listing the error a good compiler reports for each
(what, which layer, and the line the fault is on).

    python3 test/frontend/inputs/tools/make_invalid.py
"""
import importlib.util
import os
import sys

import yaml

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.dirname(HERE)
REPO = os.path.normpath(os.path.join(INPUTS, '..', '..', '..'))
OUT = os.path.join(INPUTS, 'invalid')

spec = importlib.util.spec_from_file_location(
    'gen_keras2_yaml', os.path.join(REPO, 'models', 'tools', 'gen_keras2_yaml.py'))
g = importlib.util.module_from_spec(spec)
spec.loader.exec_module(g)


def keras_yaml(class_name, config):
    return yaml.dump({'class_name': class_name, 'config': config,
                      'keras_version': g.KERAS_VERSION, 'backend': g.BACKEND},
                     default_flow_style=None)


def replace_once(text, old, new, nth=1):
    parts = text.split(old)
    assert len(parts) > nth, (old, len(parts))
    return old.join(parts[:nth]) + new + old.join(parts[nth:])


def concatenate(name, axis=-1):
    return {'class_name': 'Concatenate', 'config': {'name': name, 'trainable': True, 'axis': axis}}


def flatten(name):
    return g.flatten(name)


MLP = g.keras_to_yaml('mnist_mlp')
CNN = g.keras_to_yaml('mnist_cnn')
MLP_DLC = yaml.dump({'dlc': g.TASKS['mnist_mlp']['dlc']}, default_flow_style=None, sort_keys=False)

with open(os.path.join(INPUTS, 'keras2-json-list', 'mnist_mlp.json')) as f:
    MLP_JSON = f.read()

# (file, expected error, layer, text with the fault, marker: text on the faulty line)
CASES = []

# What the real libraries did with each file (keras 2.0.8 + tensorflow 1.3.0
# model_from_yaml / model_from_json; keras 3.15.1 load_model for .keras),
# observed when the files were made: context for the frontend, not a target.
KERAS_SAYS = {
    'yaml_syntax_error.yaml': 'PyYAML: while parsing a flow sequence ... line 11, column 39: '
                              "expected ',' or ']', but got ':' (line 12, column 20)",
    'json_truncated.json': 'JSONDecodeError: Unterminated string starting at: line 1 column 708',
    'missing_class_name.yaml': 'ValueError: Improper config format',
    'dense_missing_units.yaml': "TypeError: __init__() missing 1 required positional argument: 'units'",
    'dense_units_string.yaml': "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
    'dense_units_negative.yaml': 'ValueError: initial_value must have a shape specified',
    'dense_units_absurd.yaml': 'accepted it (5,230,000,000,401,930 params; nothing allocated yet)',
    'conv_kernel_too_big.yaml': 'ValueError: Negative dimension size caused by subtracting 32 from 28',
    'dense_then_conv2d_rank.yaml': 'ValueError: Input 0 is incompatible with layer conv2d_1: '
                                   'expected ndim=4, found ndim=2',
    'unknown_layer.yaml': 'ValueError: Unknown layer: FancyLayer',
    'functional_cycle.yaml': 'hangs (killed after 9 minutes)',
    'functional_missing_inbound.yaml': 'hangs (killed after 60 s)',
    'functional_missing_output.yaml': 'AssertionError (no message)',
    'empty.yaml': 'TypeError: must be str, not NoneType',
    'top_level_array.json': 'TypeError: must be str, not list',
    'not_a_zip.keras': 'keras 3.15.1: ValueError: File not found: filepath=not_a_zip.keras. '
                       'Please ensure the file is an accessible `.keras` zip file.',
    'dlc_batch_size_negative.yaml': 'accepted it (Keras ignores the dlc: key)',
    'duplicate_layer_names.yaml': 'RuntimeError: The name "dense_1" is used 2 times in the model',
    'concatenate_shape_mismatch.yaml': 'ValueError: `Concatenate` layer requires inputs with matching '
                                       'shapes except for the concat axis. Got inputs shapes: '
                                       '[(None, 10, 4), (None, 12, 4)]',
    'add_shape_mismatch.yaml': 'ValueError: Operands could not be broadcast together with shapes (32,) (16,)',
}


def case(name, expected, layer, text, marker=None):
    CASES.append((name, expected, layer, text, marker))


case('yaml_syntax_error.yaml',
     'YAML syntax error: the flow sequence "[null, 784" opened on this line is never closed '
     '(the parser notices at the next line\'s ":"); report file:line:col, no model is built',
     'dense_1 (while reading)',
     replace_once(MLP, 'batch_input_shape: !!python/tuple [null, 784]',
                  'batch_input_shape: !!python/tuple [null, 784'),
     '[null, 784')

cut = MLP_JSON.index('"name": "dense_2"') + 25
case('json_truncated.json',
     'JSON syntax error: unexpected end of input (file truncated inside a string) at line 1, '
     'column %d; no model is built' % (cut + 1),
     'dense_2 (while reading)', MLP_JSON[:cut], None)

case('missing_class_name.yaml',
     "layer #2 of the Sequential model (config name 'dropout_1') has no 'class_name' key",
     'dropout_1',
     replace_once(MLP, '- class_name: Dropout\n  config: {name: dropout_1',
                  '- config: {name: dropout_1'),
     'config: {name: dropout_1')

case('dense_missing_units.yaml',
     "Dense layer 'dense_2' is missing the required key 'units'",
     'dense_2',
     replace_once(MLP, '    units: 512\n', '', nth=2),
     'name: dense_2')

case('dense_units_string.yaml',
     "Dense layer 'dense_2': 'units' must be a positive integer, got the string \"abc\"",
     'dense_2',
     replace_once(MLP, '    units: 512\n', '    units: "abc"\n', nth=2),
     'units: "abc"')

case('dense_units_negative.yaml',
     "Dense layer 'dense_2': 'units' must be a positive integer, got -5",
     'dense_2',
     replace_once(MLP, '    units: 512\n', '    units: -5\n', nth=2),
     'units: -5')

case('dense_units_absurd.yaml',
     "Dense layer 'dense_2': 'units' = 10000000000000 is out of range (kernel 512 x 1e13 "
     "elements overflows any supported tensor size / int32 dimension); refuse, do not allocate",
     'dense_2',
     replace_once(MLP, '    units: 512\n', '    units: 10000000000000\n', nth=2),
     'units: 10000000000000')

case('conv_kernel_too_big.yaml',
     "Conv2D layer 'conv2d_1': kernel 32x32 with padding 'valid' does not fit its 28x28 input "
     "(output size 28 - 32 + 1 = -3)",
     'conv2d_1',
     replace_once(CNN, 'kernel_size: !!python/tuple [3, 3]', 'kernel_size: !!python/tuple [32, 32]'),
     '[32, 32]')

n = g.Namer()
case('dense_then_conv2d_rank.yaml',
     "Conv2D layer 'conv2d_1' needs a rank-4 input (batch, rows, cols, channels) but gets "
     "the rank-2 output (None, 64) of 'dense_1' (input_shape (784,))",
     'conv2d_1',
     keras_yaml('Sequential', [g.dense(n('dense'), 64, 'relu', input_shape=(784,)),
                               g.conv2d(n('conv2d'), 32, (3, 3), activation='relu'),
                               flatten(n('flatten')),
                               g.dense(n('dense'), 10, 'softmax')]),
     'name: conv2d_1')

case('unknown_layer.yaml',
     "unknown layer class 'FancyLayer' (layer 'fancy_layer_1'); the error lists the supported "
     "layer classes",
     'fancy_layer_1',
     replace_once(MLP, '- class_name: Dropout\n  config: {name: dropout_1',
                  '- class_name: FancyLayer\n  config: {name: fancy_layer_1'),
     'FancyLayer')


def fmodel(layers, inputs, outputs):
    return keras_yaml('Model', g.functional('model_1', layers, inputs, outputs))


n = g.Namer()
inp = g.input_layer(n('input'), (16,))
case('functional_cycle.yaml',
     "the functional graph has a cycle: add_1 -> dense_1 -> dense_2 -> add_1 "
     "(add_1's second inbound is dense_2, which depends on add_1)",
     'add_1',
     fmodel([g.node(inp), g.node(g.add('add_1'), 'input_1', 'dense_2'),
             g.node(g.dense('dense_1', 16, 'relu'), 'add_1'),
             g.node(g.dense('dense_2', 16, 'relu'), 'dense_1')],
            ['input_1'], ['dense_2']),
     '- - dense_2')

case('functional_missing_inbound.yaml',
     "layer 'dense_2': inbound node refers to layer 'dense_99', which the model does not have",
     'dense_2',
     fmodel([g.node(g.input_layer('input_1', (784,))),
             g.node(g.dense('dense_1', 64, 'relu'), 'input_1'),
             g.node(g.dense('dense_2', 10, 'softmax'), 'dense_99')],
            ['input_1'], ['dense_2']),
     'dense_99')

case('functional_missing_output.yaml',
     "output_layers names layer 'dense_9', which the model does not have",
     '(model) output_layers',
     fmodel([g.node(g.input_layer('input_1', (784,))),
             g.node(g.dense('dense_1', 64, 'relu'), 'input_1'),
             g.node(g.dense('dense_2', 10, 'softmax'), 'dense_1')],
            ['input_1'], ['dense_9']),
     'dense_9')

case('empty.yaml',
     'empty model file: no YAML document / no top-level mapping with class_name and config',
     '-', '', None)

case('top_level_array.json',
     "the top level is a JSON array (a bare layer list), but a Keras model file is an object "
     "with 'class_name' and 'config'",
     '-', MLP_JSON[MLP_JSON.index('"config": [') + len('"config": '):MLP_JSON.rindex(']') + 1],
     None)

case('not_a_zip.keras',
     ".keras file is not a zip archive (no 'PK\\x03\\x04' local file header at offset 0); "
     "a Keras 3 .keras file is a zip holding config.json",
     '-', 'This file is named .keras but is plain text, not a zip archive.\n', None)

case('dlc_batch_size_negative.yaml',
     "dlc.batch_size must be a positive integer, got -1 (the model itself is valid)",
     'dlc section',
     MLP + MLP_DLC.replace('batch_size: 128', 'batch_size: -1'),
     'batch_size: -1')

case('duplicate_layer_names.yaml',
     "duplicate layer name 'dense_1': the layers at positions 1 and 3 of the Sequential "
     "model are both called 'dense_1'",
     'dense_1 (second one)',
     replace_once(MLP, 'name: dense_2', 'name: dense_1'),
     None)

n = g.Namer()
case('concatenate_shape_mismatch.yaml',
     "Concatenate layer 'concatenate_1' (axis -1): input shapes (None, 10, 4) and (None, 12, 4) "
     "differ on axis 1; all axes but the concat axis must match",
     'concatenate_1',
     fmodel([g.node(g.input_layer('input_1', (10, 4))), g.node(g.input_layer('input_2', (12, 4))),
             g.node(concatenate('concatenate_1'), 'input_1', 'input_2'),
             g.node(flatten('flatten_1'), 'concatenate_1'),
             g.node(g.dense('dense_1', 10, 'softmax'), 'flatten_1')],
            ['input_1', 'input_2'], ['dense_1']),
     'name: concatenate_1')

case('add_shape_mismatch.yaml',
     "Add layer 'add_1': input shapes (None, 32) and (None, 16) differ (Add needs equal shapes)",
     'add_1',
     fmodel([g.node(g.input_layer('input_1', (32,))), g.node(g.input_layer('input_2', (16,))),
             g.node(g.add('add_1'), 'input_1', 'input_2'),
             g.node(g.dense('dense_1', 10, 'softmax'), 'add_1')],
            ['input_1', 'input_2'], ['dense_1']),
     'name: add_1')


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for name, expected, layer, text, marker in CASES:
        if name.endswith('.yaml') and text:
            header = ['# INVALID on purpose (test/frontend/inputs/invalid/EXPECTED.md).',
                      '# Expected error: ' + expected + '.',
                      '# Layer: ' + layer]
            text = '\n'.join(header) + '\n' + text
        line = '-'
        if marker is not None:
            for i, l in enumerate(text.split('\n'), 1):
                if marker in l and not l.startswith('#'):
                    line = str(i)
                    break
            assert line != '-', (name, marker)
        if name == 'duplicate_layer_names.yaml':
            hits = [i for i, l in enumerate(text.split('\n'), 1) if l.strip() == 'name: dense_1']
            line = str(hits[1])
        with open(os.path.join(OUT, name), 'w') as f:
            f.write(text)
        rows.append('| `%s` | %s | %s | %s | %s |' % (name, layer, line, expected,
                                                   KERAS_SAYS[name].replace('|', '/')))
    with open(os.path.join(OUT, 'EXPECTED.md'), 'w') as f:
        f.write('# Malformed model files and the error each must produce\n\n'
                'Generated by `test/frontend/inputs/tools/make_invalid.py`. Each file is a\n'
                'valid Keras 2.0.8 model (from `models/tools/gen_keras2_yaml.py`, or the real\n'
                'keras 2.0.8 `to_json()` text of mnist_mlp) with exactly one fault. A good\n'
                'compiler refuses each with `file:line:col: error: ...` naming the layer, and\n'
                'never crashes, hangs or allocates for it. "Line" is the 1-based line of the\n'
                'fault in the file (YAML files start with a 3-line `#` comment header that\n'
                'repeats the expectation); `-` where the fault has no line (whole file).\n'
                'Only `dlc_batch_size_negative.yaml` has a `dlc:` section: for the other\n'
                'files the error must be the fault below, not a missing `dlc:` section.\n\n'
                'The last column is what the real Keras did with the file when it was made\n'
                '(keras 2.0.8 `model_from_yaml`/`model_from_json`; keras 3.15.1 `load_model`\n'
                'for the .keras file): context only. Keras itself hangs on two of them and\n'
                'accepts two.\n\n'
                '| file | layer | line | expected error | real Keras |\n|---|---|---|---|---|\n')
        f.write('\n'.join(rows) + '\n')
    print('wrote %d files to %s' % (len(CASES), OUT))


if __name__ == '__main__':
    main()
