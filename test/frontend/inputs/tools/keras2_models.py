"""Build the five task models and the extra functional models with a REAL
Keras 2 library and print what it writes.

Runs unchanged under standalone keras 2.0.8 / 2.2.2 / 2.2.4 (TensorFlow 1.x
backend, Python 3.6) and under tf.keras 2.15 (``pip install tensorflow-cpu==2.15.*``,
whose ``import keras`` is keras 2.15).  The task models use the model code of
the keras 2.0.8 ``examples/`` scripts (see models/tools/keras208_examples.py);
only ``from keras import layers`` spellings are used so every version accepts it.

    python keras2_models.py MODEL yaml|json

One model per process: Keras numbers auto-named layers per session.
"""
from __future__ import print_function

import sys

import keras
from keras import layers
from keras import backend as K
from keras.models import Model, Sequential


def mnist_mlp():
    model = Sequential()
    model.add(layers.Dense(512, activation='relu', input_shape=(784,)))
    model.add(layers.Dropout(0.2))
    model.add(layers.Dense(512, activation='relu'))
    model.add(layers.Dropout(0.2))
    model.add(layers.Dense(10, activation='softmax'))
    return model


def _mnist_cnn(input_shape):
    model = Sequential()
    model.add(layers.Conv2D(32, kernel_size=(3, 3),
                            activation='relu',
                            input_shape=input_shape))
    model.add(layers.Conv2D(64, (3, 3), activation='relu'))
    model.add(layers.MaxPooling2D(pool_size=(2, 2)))
    model.add(layers.Dropout(0.25))
    model.add(layers.Flatten())
    model.add(layers.Dense(128, activation='relu'))
    model.add(layers.Dropout(0.5))
    model.add(layers.Dense(10, activation='softmax'))
    return model


def mnist_cnn():
    return _mnist_cnn((28, 28, 1))


def mnist_cnn_cf():
    # image_data_format 'channels_first' (as set in ~/.keras/keras.json)
    K.set_image_data_format('channels_first')
    return _mnist_cnn((1, 28, 28))


def cifar10_cnn():
    model = Sequential()
    model.add(layers.Conv2D(32, (3, 3), padding='same',
                            input_shape=(32, 32, 3)))
    model.add(layers.Activation('relu'))
    model.add(layers.Conv2D(32, (3, 3)))
    model.add(layers.Activation('relu'))
    model.add(layers.MaxPooling2D(pool_size=(2, 2)))
    model.add(layers.Dropout(0.25))
    model.add(layers.Conv2D(64, (3, 3), padding='same'))
    model.add(layers.Activation('relu'))
    model.add(layers.Conv2D(64, (3, 3)))
    model.add(layers.Activation('relu'))
    model.add(layers.MaxPooling2D(pool_size=(2, 2)))
    model.add(layers.Dropout(0.25))
    model.add(layers.Flatten())
    model.add(layers.Dense(512))
    model.add(layers.Activation('relu'))
    model.add(layers.Dropout(0.5))
    model.add(layers.Dense(10))
    model.add(layers.Activation('softmax'))
    return model


def mnist_hrnn():
    x = layers.Input(shape=(28, 28, 1))
    encoded_rows = layers.TimeDistributed(layers.LSTM(128))(x)
    encoded_columns = layers.LSTM(128)(encoded_rows)
    prediction = layers.Dense(10, activation='softmax')(encoded_columns)
    return Model(x, prediction)


def babi_rnn():
    vocab_size, story_maxlen, query_maxlen, EMBED_HIDDEN_SIZE = 36, 552, 5, 50
    RNN = layers.LSTM
    sentence = layers.Input(shape=(story_maxlen,), dtype='int32')
    encoded_sentence = layers.Embedding(vocab_size, EMBED_HIDDEN_SIZE)(sentence)
    encoded_sentence = layers.Dropout(0.3)(encoded_sentence)
    question = layers.Input(shape=(query_maxlen,), dtype='int32')
    encoded_question = layers.Embedding(vocab_size, EMBED_HIDDEN_SIZE)(question)
    encoded_question = layers.Dropout(0.3)(encoded_question)
    encoded_question = RNN(EMBED_HIDDEN_SIZE)(encoded_question)
    encoded_question = layers.RepeatVector(story_maxlen)(encoded_question)
    merged = layers.add([encoded_sentence, encoded_question])
    merged = RNN(EMBED_HIDDEN_SIZE)(merged)
    merged = layers.Dropout(0.3)(merged)
    preds = layers.Dense(vocab_size, activation='softmax')(merged)
    return Model([sentence, question], preds)


# ------------------------------------------------------------ extra functional models
def concat_branches():
    """Two branches over one input joined by Concatenate(axis=-1)."""
    inp = layers.Input(shape=(784,))
    a = layers.Dense(64, activation='relu')(inp)
    b = layers.Dense(32, activation='tanh')(inp)
    merged = layers.concatenate([a, b], axis=-1)
    out = layers.Dense(10, activation='softmax')(merged)
    return Model(inp, out)


def shared_dense():
    """One Dense layer called on two inputs (shared weights): its second call is
    node_index 1, which the Concatenate downstream references."""
    left = layers.Input(shape=(784,))
    right = layers.Input(shape=(784,))
    shared = layers.Dense(64, activation='relu')
    merged = layers.concatenate([shared(left), shared(right)])
    out = layers.Dense(10, activation='softmax')(merged)
    return Model([left, right], out)


def gru_simplernn():
    """GRU (return_sequences) -> SimpleRNN -> Dense over (28, 28) sequences."""
    inp = layers.Input(shape=(28, 28))
    seq = layers.GRU(64, return_sequences=True)(inp)
    vec = layers.SimpleRNN(32)(seq)
    out = layers.Dense(10, activation='softmax')(vec)
    return Model(inp, out)


def conv_misc():
    """Reshape -> Conv2D(strides 2, ELU) -> Conv2D(dilation_rate 2, ELU) ->
    AveragePooling2D -> Flatten -> Dense.  Keras refuses strides > 1 together
    with dilation_rate > 1 in one Conv2D, so the two are separate layers."""
    inp = layers.Input(shape=(784,))
    x = layers.Reshape((28, 28, 1))(inp)
    x = layers.Conv2D(16, (3, 3), strides=(2, 2), padding='same', activation='elu')(x)
    x = layers.Conv2D(16, (3, 3), dilation_rate=(2, 2), activation='elu')(x)
    x = layers.AveragePooling2D(pool_size=(2, 2))(x)
    x = layers.Flatten()(x)
    out = layers.Dense(10, activation='softmax')(x)
    return Model(inp, out)


MODELS = {f.__name__: f for f in (mnist_mlp, mnist_cnn, mnist_cnn_cf, cifar10_cnn,
                                  mnist_hrnn, babi_rnn, concat_branches, shared_dense,
                                  gru_simplernn, conv_misc)}

if __name__ == '__main__':
    name, fmt = sys.argv[1], sys.argv[2]
    model = MODELS[name]()
    sys.stderr.write('%s keras %s params %d\n' % (name, keras.__version__, model.count_params()))
    sys.stdout.write(model.to_yaml() if fmt == 'yaml' else model.to_json())
