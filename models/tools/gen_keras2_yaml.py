#!/usr/bin/env python3
"""Generate models/<task>.yaml: the five task models exactly as Keras 2.0.8
(TensorFlow backend, channels_last) ``model.to_yaml()`` writes them for the
2017 Keras 2.0.8 ``examples/`` scripts, plus a top-level ``dlc:`` section with
what Keras keeps outside the model file (dataset, optimizer, batch size, ...).

Needs only Python 3 and PyYAML.  Usage:

    python3 models/tools/gen_keras2_yaml.py            # (re)write models/*.yaml
    python3 models/tools/gen_keras2_yaml.py --check    # exit 1 if a file differs
    python3 models/tools/gen_keras2_yaml.py --keras-only TASK   # to_yaml() text only

How it mirrors Keras 2.0.8 (keras/engine/topology.py, keras/models.py,
keras/layers/*.py of the 2.0.8 release):

* ``Model.to_yaml(**kwargs)`` is ``yaml.dump(self._updated_config(), **kwargs)``
  with ``_updated_config() == {'class_name', 'config', 'keras_version',
  'backend'}``.  The examples call it without kwargs under PyYAML 3.12, whose
  defaults are ``default_flow_style=None`` (innermost collections in flow style:
  ``!!python/tuple [null, 784]``, ``config: {name: dropout_1, ...}``) and sorted
  keys.  PyYAML >= 5.1 changed the default to False, so we pass None explicitly.
* PyYAML writes an anchor/alias pair (``&id001`` / ``*id001``) wherever the
  SAME Python object occurs twice in one document.  Keras shares objects as
  follows, and this script builds exactly that sharing:
    - Conv2D: ``strides`` and ``dilation_rate`` are the default-argument tuples
      ``(1, 1)`` of ``Conv2D.__init__`` (``conv_utils.normalize_tuple`` returns a
      tuple argument unchanged), so every Conv2D of a model shares one
      ``strides`` object and one (different) ``dilation_rate`` object.
      ``kernel_size`` is the caller's literal, a new object per call under the
      CPython 2.7/3.6 of 2017 (their peephole tuple folding did not merge
      constants).
    - MaxPooling2D: ``strides=None`` means ``strides = pool_size``: one object.
    - Functional inbound nodes: all entries of one node share the node's
      ``arguments`` dict ``{}`` (seen on ``Add``).
  ``Sequential.get_config`` / ``Model.get_config`` end with
  ``copy.deepcopy(config)``, which keeps that sharing.
* Functional ``Model.layers`` is ordered by decreasing depth, ties in the
  order Keras discovered them (see babi_rnn's input_2 before input_1).

``models/tools/keras208_examples.py`` builds the same models with the real
Keras 2.0.8; the text this script writes before the ``dlc:`` section was
checked byte for byte against it (keras 2.0.8, tensorflow 1.3.0, PyYAML 3.12,
CPython 3.6).
"""
import argparse
import os
import sys

import yaml

KERAS_VERSION = '2.0.8'
BACKEND = 'tensorflow'
MODELS_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))


def T(*items):
    """A fresh tuple object (literals in this file could be merged by CPython)."""
    return tuple(list(items))


# Default-argument tuples of keras 2.0.8 Conv2D.__init__: shared by every Conv2D.
CONV2D_DEFAULT_STRIDES = T(1, 1)
CONV2D_DEFAULT_DILATION = T(1, 1)


# ---------------------------------------------------------------- initializers
def glorot_uniform():
    return {'class_name': 'VarianceScaling',
            'config': {'scale': 1.0, 'mode': 'fan_avg', 'distribution': 'uniform', 'seed': None}}


def zeros():
    return {'class_name': 'Zeros', 'config': {}}


def orthogonal():
    return {'class_name': 'Orthogonal', 'config': {'gain': 1.0, 'seed': None}}


def random_uniform(minval=-0.05, maxval=0.05):
    return {'class_name': 'RandomUniform', 'config': {'minval': minval, 'maxval': maxval, 'seed': None}}


# ---------------------------------------------------------------- layers
class Namer(object):
    """keras 2.0.8 auto names: snake_case(class) + '_' + per-session counter."""

    def __init__(self):
        self.counts = {}

    def __call__(self, prefix):
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return '%s_%d' % (prefix, self.counts[prefix])


def base_config(name, input_shape=None, dtype='float32'):
    """Layer.get_config(): name, trainable, and batch_input_shape + dtype when
    the layer was given an input shape."""
    cfg = {'name': name, 'trainable': True}
    if input_shape is not None:
        cfg['batch_input_shape'] = T(None, *input_shape)
        cfg['dtype'] = dtype
    return cfg


def dense(name, units, activation='linear', input_shape=None):
    cfg = base_config(name, input_shape)
    cfg.update({
        'units': units, 'activation': activation, 'use_bias': True,
        'kernel_initializer': glorot_uniform(), 'bias_initializer': zeros(),
        'kernel_regularizer': None, 'bias_regularizer': None,
        'activity_regularizer': None, 'kernel_constraint': None, 'bias_constraint': None})
    return {'class_name': 'Dense', 'config': cfg}


def conv2d(name, filters, kernel_size, padding='valid', activation='linear',
           input_shape=None, data_format='channels_last'):
    cfg = base_config(name, input_shape)
    cfg.update({
        'filters': filters, 'kernel_size': T(*kernel_size),
        'strides': CONV2D_DEFAULT_STRIDES, 'padding': padding,
        'data_format': data_format, 'dilation_rate': CONV2D_DEFAULT_DILATION,
        'activation': activation, 'use_bias': True,
        'kernel_initializer': glorot_uniform(), 'bias_initializer': zeros(),
        'kernel_regularizer': None, 'bias_regularizer': None,
        'activity_regularizer': None, 'kernel_constraint': None, 'bias_constraint': None})
    return {'class_name': 'Conv2D', 'config': cfg}


def max_pooling2d(name, pool_size=(2, 2), data_format='channels_last'):
    pool = T(*pool_size)
    cfg = base_config(name)
    cfg.update({'pool_size': pool, 'padding': 'valid', 'strides': pool,
                'data_format': data_format})
    return {'class_name': 'MaxPooling2D', 'config': cfg}


def dropout(name, rate):
    cfg = base_config(name)
    cfg['rate'] = rate
    return {'class_name': 'Dropout', 'config': cfg}


def flatten(name):
    return {'class_name': 'Flatten', 'config': base_config(name)}


def activation(name, fn):
    cfg = base_config(name)
    cfg['activation'] = fn
    return {'class_name': 'Activation', 'config': cfg}


def lstm(name, units):
    cfg = base_config(name)
    cfg.update({
        'return_sequences': False, 'return_state': False, 'go_backwards': False,
        'stateful': False, 'unroll': False, 'implementation': 0,
        'units': units, 'activation': 'tanh', 'recurrent_activation': 'hard_sigmoid',
        'use_bias': True, 'kernel_initializer': glorot_uniform(),
        'recurrent_initializer': orthogonal(), 'bias_initializer': zeros(),
        'unit_forget_bias': True, 'kernel_regularizer': None,
        'recurrent_regularizer': None, 'bias_regularizer': None,
        'activity_regularizer': None, 'kernel_constraint': None,
        'recurrent_constraint': None, 'bias_constraint': None,
        'dropout': 0.0, 'recurrent_dropout': 0.0})
    return {'class_name': 'LSTM', 'config': cfg}


def time_distributed(name, inner):
    cfg = base_config(name)
    cfg['layer'] = inner
    return {'class_name': 'TimeDistributed', 'config': cfg}


def embedding(name, input_dim, output_dim, input_length=None):
    # keras 2.0.8 Embedding always sets input_shape=(input_length,) -> it always
    # carries batch_input_shape (null, input_length) and dtype float32.
    cfg = base_config(name, input_shape=(input_length,))
    cfg.update({'input_dim': input_dim, 'output_dim': output_dim,
                'embeddings_initializer': random_uniform(),
                'embeddings_regularizer': None, 'activity_regularizer': None,
                'embeddings_constraint': None, 'mask_zero': False,
                'input_length': input_length})
    return {'class_name': 'Embedding', 'config': cfg}


def repeat_vector(name, n):
    cfg = base_config(name)
    cfg['n'] = n
    return {'class_name': 'RepeatVector', 'config': cfg}


def add(name):
    return {'class_name': 'Add', 'config': base_config(name)}


def input_layer(name, shape, dtype='float32'):
    return {'class_name': 'InputLayer',
            'config': {'batch_input_shape': T(None, *shape), 'dtype': dtype,
                       'sparse': False, 'name': name}}


def node(layer, *inbound):
    """Give a layer its functional-API entry: name and inbound_nodes.  Each
    inbound is a layer name (node_index 0, tensor_index 0); all entries of
    one node share one arguments dict, as in Keras."""
    kwargs = {}
    entry = {'name': layer['config']['name'], 'class_name': layer['class_name'],
             'config': layer['config'],
             'inbound_nodes': [[[src, 0, 0, kwargs] for src in inbound]] if inbound else []}
    return entry


def functional(name, layers, inputs, outputs):
    return {'name': name, 'layers': layers,
            'input_layers': [[n, 0, 0] for n in inputs],
            'output_layers': [[n, 0, 0] for n in outputs]}


# ---------------------------------------------------------------- the five models
def mnist_mlp():
    n = Namer()
    return 'Sequential', [
        dense(n('dense'), 512, 'relu', input_shape=(784,)),
        dropout(n('dropout'), 0.2),
        dense(n('dense'), 512, 'relu'),
        dropout(n('dropout'), 0.2),
        dense(n('dense'), 10, 'softmax'),
    ]


def mnist_cnn():
    n = Namer()
    return 'Sequential', [
        conv2d(n('conv2d'), 32, (3, 3), activation='relu', input_shape=(28, 28, 1)),
        conv2d(n('conv2d'), 64, (3, 3), activation='relu'),
        max_pooling2d(n('max_pooling2d'), (2, 2)),
        dropout(n('dropout'), 0.25),
        flatten(n('flatten')),
        dense(n('dense'), 128, 'relu'),
        dropout(n('dropout'), 0.5),
        dense(n('dense'), 10, 'softmax'),
    ]


def cifar10_cnn():
    n = Namer()
    return 'Sequential', [
        conv2d(n('conv2d'), 32, (3, 3), padding='same', input_shape=(32, 32, 3)),
        activation(n('activation'), 'relu'),
        conv2d(n('conv2d'), 32, (3, 3)),
        activation(n('activation'), 'relu'),
        max_pooling2d(n('max_pooling2d'), (2, 2)),
        dropout(n('dropout'), 0.25),
        conv2d(n('conv2d'), 64, (3, 3), padding='same'),
        activation(n('activation'), 'relu'),
        conv2d(n('conv2d'), 64, (3, 3)),
        activation(n('activation'), 'relu'),
        max_pooling2d(n('max_pooling2d'), (2, 2)),
        dropout(n('dropout'), 0.25),
        flatten(n('flatten')),
        dense(n('dense'), 512),
        activation(n('activation'), 'relu'),
        dropout(n('dropout'), 0.5),
        dense(n('dense'), 10),
        activation(n('activation'), 'softmax'),
    ]


def mnist_hrnn():
    # x = Input(shape=(28, 28, 1))
    # encoded_rows = TimeDistributed(LSTM(128))(x)     (LSTM is built first: lstm_1)
    # encoded_columns = LSTM(128)(encoded_rows)
    # prediction = Dense(10, activation='softmax')(encoded_columns)
    n = Namer()
    inp = input_layer(n('input'), (28, 28, 1))
    inner = lstm(n('lstm'), 128)
    td = time_distributed(n('time_distributed'), inner)
    l2 = lstm(n('lstm'), 128)
    out = dense(n('dense'), 10, 'softmax')
    layers = [node(inp), node(td, 'input_1'), node(l2, 'time_distributed_1'),
              node(out, 'lstm_2')]
    return 'Model', functional(n('model'), layers, ['input_1'], ['dense_1'])


def babi_rnn(vocab_size=36, story_maxlen=552, query_maxlen=5):
    # Defaults: bAbI qa2 (en, 1k). The example sizes the model from the data.
    n = Namer()
    sentence = input_layer(n('input'), (story_maxlen,), dtype='int32')  # input_1
    emb_s = embedding(n('embedding'), vocab_size, 50)                 # embedding_1
    drop_s = dropout(n('dropout'), 0.3)                               # dropout_1
    question = input_layer(n('input'), (query_maxlen,), dtype='int32')  # input_2
    emb_q = embedding(n('embedding'), vocab_size, 50)                 # embedding_2
    drop_q = dropout(n('dropout'), 0.3)                               # dropout_2
    rnn_q = lstm(n('lstm'), 50)                                       # lstm_1
    rep = repeat_vector(n('repeat_vector'), story_maxlen)             # repeat_vector_1
    merged = add(n('add'))                                            # add_1
    rnn = lstm(n('lstm'), 50)                                         # lstm_2
    drop = dropout(n('dropout'), 0.3)                                 # dropout_3
    preds = dense(n('dense'), vocab_size, 'softmax')                  # dense_1
    # Model.layers order: by decreasing depth (Keras 2.0.8 topological sort).
    layers = [
        node(question),
        node(emb_q, 'input_2'),
        node(sentence),
        node(drop_q, 'embedding_2'),
        node(emb_s, 'input_1'),
        node(rnn_q, 'dropout_2'),
        node(drop_s, 'embedding_1'),
        node(rep, 'lstm_1'),
        node(merged, 'dropout_1', 'repeat_vector_1'),
        node(rnn, 'add_1'),
        node(drop, 'lstm_2'),
        node(preds, 'dropout_3'),
    ]
    return 'Model', functional(n('model'), layers, ['input_1', 'input_2'], ['dense_1'])


# ---------------------------------------------------------------- dlc: section
RESCALE_255 = 1.0 / 255


def rmsprop(lr=0.001, rho=0.9, epsilon=1e-08, decay=0.0):
    return {'class_name': 'RMSprop', 'config': {'lr': lr, 'rho': rho, 'epsilon': epsilon, 'decay': decay}}


def adadelta(lr=1.0, rho=0.95, epsilon=1e-08, decay=0.0):
    return {'class_name': 'Adadelta', 'config': {'lr': lr, 'rho': rho, 'epsilon': epsilon, 'decay': decay}}


def adam(lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-08, decay=0.0):
    return {'class_name': 'Adam', 'config': {'lr': lr, 'beta_1': beta_1, 'beta_2': beta_2,
                                             'epsilon': epsilon, 'decay': decay}}


def dlc_section(task, dataset, preprocessing, optimizer, batch_size, epochs, augmentation=None):
    d = {'task': task, 'dataset': dataset, 'preprocessing': preprocessing,
         'loss': 'categorical_crossentropy', 'metrics': ['accuracy'],
         'optimizer': optimizer, 'batch_size': batch_size, 'epochs': epochs,
         'validation': 'test'}
    if augmentation is not None:
        d['augmentation'] = augmentation
    return d


TASKS = {
    'mnist_mlp': dict(
        build=mnist_mlp,
        header=[
            'keras 2.0.8 examples/mnist_mlp.py: MLP on MNIST, 784-512-512-10, 669,706 params.',
            'model.compile(loss=categorical_crossentropy, optimizer=RMSprop(), metrics=[accuracy]);',
            'fit(batch_size=128, epochs=20, validation_data=(x_test, y_test)); x /= 255.',
        ],
        dlc=dlc_section('mnist_mlp', {'name': 'mnist'}, {'rescale': RESCALE_255},
                        rmsprop(), 128, 20)),
    'mnist_cnn': dict(
        build=mnist_cnn,
        header=[
            'keras 2.0.8 examples/mnist_cnn.py: convnet on MNIST (channels_last), 1,199,882 params.',
            'model.compile(loss=categorical_crossentropy, optimizer=Adadelta(), metrics=[accuracy]);',
            'fit(batch_size=128, epochs=12, validation_data=(x_test, y_test)); x /= 255.',
        ],
        dlc=dlc_section('mnist_cnn', {'name': 'mnist'}, {'rescale': RESCALE_255},
                        adadelta(), 128, 12)),
    'cifar10_cnn': dict(
        build=cifar10_cnn,
        header=[
            'keras 2.0.8 examples/cifar10_cnn.py: CNN on CIFAR-10 (channels_last), 1,250,858 params.',
            'optimizer rmsprop(lr=0.0001, decay=1e-6); batch_size=32, epochs=200; x /= 255;',
            'data_augmentation=True: ImageDataGenerator(width_shift_range=0.1,',
            'height_shift_range=0.1, horizontal_flip=True), validation_data=(x_test, y_test).',
        ],
        dlc=dlc_section('cifar10_cnn', {'name': 'cifar10'}, {'rescale': RESCALE_255},
                        rmsprop(lr=0.0001, decay=1e-06), 32, 200,
                        augmentation={'width_shift_range': 0.1, 'height_shift_range': 0.1,
                                      'horizontal_flip': True})),
    'mnist_hrnn': dict(
        build=mnist_hrnn,
        header=[
            'keras 2.0.8 examples/mnist_hierarchical_rnn.py: TimeDistributed(LSTM 128) -> LSTM 128',
            '-> Dense 10 softmax on MNIST (28, 28, 1), 199,434 params.',
            "model.compile(loss=categorical_crossentropy, optimizer='rmsprop', metrics=[accuracy]);",
            'fit(batch_size=32, epochs=5, validation_data=(x_test, y_test)); x /= 255.',
        ],
        dlc=dlc_section('mnist_hrnn', {'name': 'mnist'}, {'rescale': RESCALE_255},
                        rmsprop(), 32, 5)),
    'babi_rnn': dict(
        build=babi_rnn,
        header=[
            'keras 2.0.8 examples/babi_rnn.py (RNN = LSTM, EMBED_HIDDEN_SIZE = 50) on bAbI',
            'tasks_1-20_v1-2/en/qa2_two-supporting-facts: vocab_size 36, story_maxlen 552,',
            'query_maxlen 5; 45,836 params.',
            "model.compile(optimizer='adam', loss=categorical_crossentropy, metrics=[accuracy]);",
            'batch_size=32, epochs=40.  Note: the example itself validates with',
            'validation_split=0.05 and evaluates on the test set after training; here',
            'validation is on the test set like the other four tasks.',
        ],
        dlc=dlc_section('babi_rnn', {'name': 'babi', 'task': 'qa2', 'variant': 'en'}, {},
                        adam(), 32, 40)),
    'babi_rnn_qa1_10k': dict(
        build=lambda: babi_rnn(vocab_size=22, story_maxlen=68, query_maxlen=4),
        header=[
            'The babi_rnn model sized for bAbI tasks_1-20_v1-2/en-10k/qa1_single-supporting-fact',
            '(vocab_size 22, story_maxlen 68, query_maxlen 4), the known-easy task the',
            'training tests use; otherwise exactly babi_rnn.yaml.',
        ],
        dlc=dlc_section('babi_rnn_qa1_10k', {'name': 'babi', 'task': 'qa1', 'variant': 'en-10k'},
                        {}, adam(), 32, 40)),
}

ORDER = ['mnist_mlp', 'mnist_cnn', 'cifar10_cnn', 'mnist_hrnn', 'babi_rnn', 'babi_rnn_qa1_10k']


def keras_to_yaml(task):
    """What keras 2.0.8 model.to_yaml() returns for the task."""
    class_name, config = TASKS[task]['build']()
    model_config = {'class_name': class_name, 'config': config,
                    'keras_version': KERAS_VERSION, 'backend': BACKEND}
    return yaml.dump(model_config, default_flow_style=None)


def model_file(task):
    spec = TASKS[task]
    out = ['# %s' % line if line else '#' for line in spec['header']]
    out.append('# Generated by models/tools/gen_keras2_yaml.py: do not edit by hand.')
    out.append('# The dlc: key is not Keras; it carries the training settings Keras keeps')
    out.append('# outside the model file (Keras ignores unknown top-level keys).')
    text = '\n'.join(out) + '\n' + keras_to_yaml(task)
    text += yaml.dump({'dlc': spec['dlc']}, default_flow_style=None, sort_keys=False)
    return text


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--check', action='store_true', help='compare instead of writing')
    ap.add_argument('--keras-only', metavar='TASK', help='print only the to_yaml() text of TASK')
    ap.add_argument('--out-dir', default=MODELS_DIR)
    args = ap.parse_args(argv)
    if args.keras_only:
        sys.stdout.write(keras_to_yaml(args.keras_only))
        return 0
    bad = 0
    for task in ORDER:
        path = os.path.join(args.out_dir, task + '.yaml')
        text = model_file(task)
        if args.check:
            try:
                with open(path) as f:
                    same = f.read() == text
            except IOError:
                same = False
            if not same:
                print('differs: %s' % path)
                bad = 1
        else:
            with open(path, 'w') as f:
                f.write(text)
            print('wrote %s' % path)
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
