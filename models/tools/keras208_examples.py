"""Build the five task models with the REAL Keras 2.0.8 library, using the
model-building code of the Keras 2.0.8 ``examples/`` scripts verbatim
(data loading replaced by the shapes the data has).

This is the oracle for ``gen_keras2_yaml.py``: it needs a Python 3.6 virtualenv
with ``keras==2.0.8 tensorflow==1.3.0 pyyaml==3.12`` (the 2017 stack), which is
not part of the project's build.  Usage:

    python keras208_examples.py TASK yaml|json   > out

Run one task per process: Keras numbers layers (dense_1, dense_2, ...) per
session, exactly as a fresh run of the example script does.
"""
from __future__ import print_function

import sys


def mnist_mlp():
    # keras-2.0.8/examples/mnist_mlp.py
    from keras.models import Sequential
    from keras.layers import Dense, Dropout
    num_classes = 10
    model = Sequential()
    model.add(Dense(512, activation='relu', input_shape=(784,)))
    model.add(Dropout(0.2))
    model.add(Dense(512, activation='relu'))
    model.add(Dropout(0.2))
    model.add(Dense(10, activation='softmax'))
    return model


def mnist_cnn():
    # keras-2.0.8/examples/mnist_cnn.py (K.image_data_format() == 'channels_last')
    from keras.models import Sequential
    from keras.layers import Dense, Dropout, Flatten
    from keras.layers import Conv2D, MaxPooling2D
    num_classes = 10
    img_rows, img_cols = 28, 28
    input_shape = (img_rows, img_cols, 1)
    model = Sequential()
    model.add(Conv2D(32, kernel_size=(3, 3),
                     activation='relu',
                     input_shape=input_shape))
    model.add(Conv2D(64, (3, 3), activation='relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.25))
    model.add(Flatten())
    model.add(Dense(128, activation='relu'))
    model.add(Dropout(0.5))
    model.add(Dense(num_classes, activation='softmax'))
    return model


def mnist_cnn_cf():
    # keras-2.0.8/examples/mnist_cnn.py with image_data_format 'channels_first'
    # (~/.keras/keras.json); the layers then carry data_format: channels_first.
    from keras import backend as K
    K.set_image_data_format('channels_first')
    return mnist_cnn_with_input((1, 28, 28))


def mnist_cnn_with_input(input_shape):
    from keras.models import Sequential
    from keras.layers import Dense, Dropout, Flatten
    from keras.layers import Conv2D, MaxPooling2D
    num_classes = 10
    model = Sequential()
    model.add(Conv2D(32, kernel_size=(3, 3),
                     activation='relu',
                     input_shape=input_shape))
    model.add(Conv2D(64, (3, 3), activation='relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.25))
    model.add(Flatten())
    model.add(Dense(128, activation='relu'))
    model.add(Dropout(0.5))
    model.add(Dense(num_classes, activation='softmax'))
    return model


def cifar10_cnn():
    # keras-2.0.8/examples/cifar10_cnn.py; x_train.shape[1:] == (32, 32, 3)
    from keras.models import Sequential
    from keras.layers import Dense, Dropout, Activation, Flatten
    from keras.layers import Conv2D, MaxPooling2D
    import numpy as np
    num_classes = 10
    x_train = np.zeros((1, 32, 32, 3), dtype='uint8')
    model = Sequential()
    model.add(Conv2D(32, (3, 3), padding='same',
                     input_shape=x_train.shape[1:]))
    model.add(Activation('relu'))
    model.add(Conv2D(32, (3, 3)))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.25))

    model.add(Conv2D(64, (3, 3), padding='same'))
    model.add(Activation('relu'))
    model.add(Conv2D(64, (3, 3)))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.25))

    model.add(Flatten())
    model.add(Dense(512))
    model.add(Activation('relu'))
    model.add(Dropout(0.5))
    model.add(Dense(num_classes))
    model.add(Activation('softmax'))
    return model


def mnist_hrnn():
    # keras-2.0.8/examples/mnist_hierarchical_rnn.py
    from keras.models import Model
    from keras.layers import Input, Dense, TimeDistributed
    from keras.layers import LSTM
    num_classes = 10
    row_hidden = 128
    col_hidden = 128
    row, col, pixel = 28, 28, 1
    x = Input(shape=(row, col, pixel))
    encoded_rows = TimeDistributed(LSTM(row_hidden))(x)
    encoded_columns = LSTM(col_hidden)(encoded_rows)
    prediction = Dense(num_classes, activation='softmax')(encoded_columns)
    model = Model(x, prediction)
    return model


def babi_rnn():
    # keras-2.0.8/examples/babi_rnn.py, challenge qa2 (en, 1k):
    # vocab_size 36, story_maxlen 552, query_maxlen 5
    from keras import layers
    from keras.layers import recurrent
    from keras.models import Model
    RNN = recurrent.LSTM
    EMBED_HIDDEN_SIZE = 50
    vocab_size, story_maxlen, query_maxlen = 36, 552, 5
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

    model = Model([sentence, question], preds)
    return model


TASKS = {f.__name__: f for f in (mnist_mlp, mnist_cnn, cifar10_cnn, mnist_hrnn,
                                 babi_rnn, mnist_cnn_cf)}

if __name__ == '__main__':
    task, fmt = sys.argv[1], sys.argv[2]
    model = TASKS[task]()
    sys.stderr.write('%s params %d\n' % (task, model.count_params()))
    sys.stdout.write(model.to_yaml() if fmt == 'yaml' else model.to_json())
