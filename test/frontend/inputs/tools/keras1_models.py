"""Build models with the REAL Keras 1.2.2 (TensorFlow backend, dim_ordering
'tf', Python 3.6: ``pip install keras==1.2.2 tensorflow==1.3.0 pyyaml==3.12``)
and print what ``to_json()`` / ``to_yaml()`` writes.

The task models are the keras 2.0.8 example architectures written in the
Keras 1 API (Convolution2D(nb_filter, nb_row, nb_col), Dense(output_dim),
Model(input=, output=), merge()/Merge).  babi_rnn is the Keras 1 example's own
form: two Sequential branches joined by a Merge(mode='sum') layer inside a
Sequential model.

    python keras1_models.py MODEL json|yaml
"""
from __future__ import print_function

import sys

import keras
from keras.layers import (Activation, Convolution2D, Dense, Dropout, Embedding,
                          Flatten, Input, LSTM, MaxPooling2D, Merge, RepeatVector,
                          TimeDistributed, merge)
from keras.models import Model, Sequential


def mnist_mlp():
    model = Sequential()
    model.add(Dense(512, activation='relu', input_shape=(784,)))
    model.add(Dropout(0.2))
    model.add(Dense(512, activation='relu'))
    model.add(Dropout(0.2))
    model.add(Dense(10, activation='softmax'))
    return model


def mnist_cnn():
    model = Sequential()
    model.add(Convolution2D(32, 3, 3, activation='relu', border_mode='valid',
                            input_shape=(28, 28, 1)))
    model.add(Convolution2D(64, 3, 3, activation='relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.25))
    model.add(Flatten())
    model.add(Dense(128, activation='relu'))
    model.add(Dropout(0.5))
    model.add(Dense(10, activation='softmax'))
    return model


def cifar10_cnn():
    model = Sequential()
    model.add(Convolution2D(32, 3, 3, border_mode='same', input_shape=(32, 32, 3)))
    model.add(Activation('relu'))
    model.add(Convolution2D(32, 3, 3))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.25))
    model.add(Convolution2D(64, 3, 3, border_mode='same'))
    model.add(Activation('relu'))
    model.add(Convolution2D(64, 3, 3))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.25))
    model.add(Flatten())
    model.add(Dense(512))
    model.add(Activation('relu'))
    model.add(Dropout(0.5))
    model.add(Dense(10))
    model.add(Activation('softmax'))
    return model


def mnist_hrnn():
    x = Input(shape=(28, 28, 1))
    encoded_rows = TimeDistributed(LSTM(128))(x)
    encoded_columns = LSTM(128)(encoded_rows)
    prediction = Dense(10, activation='softmax')(encoded_columns)
    return Model(input=x, output=prediction)


def babi_rnn():
    # the Keras 1 examples/babi_rnn.py form (RNN = recurrent.LSTM)
    vocab_size, story_maxlen, query_maxlen, EMBED_HIDDEN_SIZE = 36, 552, 5, 50
    RNN = LSTM
    sentrnn = Sequential()
    sentrnn.add(Embedding(vocab_size, EMBED_HIDDEN_SIZE, input_length=story_maxlen))
    sentrnn.add(Dropout(0.3))
    qrnn = Sequential()
    qrnn.add(Embedding(vocab_size, EMBED_HIDDEN_SIZE, input_length=query_maxlen))
    qrnn.add(Dropout(0.3))
    qrnn.add(RNN(EMBED_HIDDEN_SIZE, return_sequences=False))
    qrnn.add(RepeatVector(story_maxlen))
    model = Sequential()
    model.add(Merge([sentrnn, qrnn], mode='sum'))
    model.add(RNN(EMBED_HIDDEN_SIZE, return_sequences=False))
    model.add(Dropout(0.3))
    model.add(Dense(vocab_size, activation='softmax'))
    return model


def babi_rnn_merge():
    # the keras 2.0.8 functional babi_rnn, with merge(mode='sum') for add()
    vocab_size, story_maxlen, query_maxlen, EMBED_HIDDEN_SIZE = 36, 552, 5, 50
    sentence = Input(shape=(story_maxlen,), dtype='int32')
    encoded_sentence = Embedding(vocab_size, EMBED_HIDDEN_SIZE)(sentence)
    encoded_sentence = Dropout(0.3)(encoded_sentence)
    question = Input(shape=(query_maxlen,), dtype='int32')
    encoded_question = Embedding(vocab_size, EMBED_HIDDEN_SIZE)(question)
    encoded_question = Dropout(0.3)(encoded_question)
    encoded_question = LSTM(EMBED_HIDDEN_SIZE)(encoded_question)
    encoded_question = RepeatVector(story_maxlen)(encoded_question)
    merged = merge([encoded_sentence, encoded_question], mode='sum')
    merged = LSTM(EMBED_HIDDEN_SIZE)(merged)
    merged = Dropout(0.3)(merged)
    preds = Dense(vocab_size, activation='softmax')(merged)
    return Model(input=[sentence, question], output=preds)


def merge_concat():
    # two branches over one input joined by merge(mode='concat', concat_axis=-1)
    inp = Input(shape=(784,))
    a = Dense(64, activation='relu')(inp)
    b = Dense(32, activation='tanh')(inp)
    merged = merge([a, b], mode='concat', concat_axis=-1)
    out = Dense(10, activation='softmax')(merged)
    return Model(input=inp, output=out)


MODELS = {f.__name__: f for f in (mnist_mlp, mnist_cnn, cifar10_cnn, mnist_hrnn,
                                  babi_rnn, babi_rnn_merge, merge_concat)}

if __name__ == '__main__':
    name, fmt = sys.argv[1], sys.argv[2]
    model = MODELS[name]()
    sys.stderr.write('%s keras %s params %d\n' % (name, keras.__version__, model.count_params()))
    sys.stdout.write(model.to_yaml() if fmt == 'yaml' else model.to_json())
