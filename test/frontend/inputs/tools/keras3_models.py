"""Build the five task models (and two small extras) with REAL Keras 3 and
save them as .keras zips; the config.json inside is what test/frontend/inputs/
keras3/*.config.json holds, byte for byte.

    KERAS_BACKEND=jax python keras3_models.py OUT_DIR [MODEL...]

Needs ``pip install keras jax jaxlib`` (Keras 3).  The models are compiled
with the task's optimizer, so config.json carries a compile_config too.
Keras 3 has no ``decay`` argument: cifar10_cnn's rmsprop(lr=1e-4, decay=1e-6)
(lr_t = lr / (1 + decay * iterations)) becomes InverseTimeDecay(1e-4,
decay_steps=1, decay_rate=1e-6), which is the same schedule.
"""
import os
import sys
import zipfile

import keras
from keras import layers, optimizers


def mnist_mlp():
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        layers.Dense(512, activation='relu'),
        layers.Dropout(0.2),
        layers.Dense(512, activation='relu'),
        layers.Dropout(0.2),
        layers.Dense(10, activation='softmax'),
    ])
    model.compile(loss='categorical_crossentropy', metrics=['accuracy'],
                  optimizer=optimizers.RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-08))
    return model


def mnist_cnn():
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation='relu'),
        layers.Conv2D(64, (3, 3), activation='relu'),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Dropout(0.25),
        layers.Flatten(),
        layers.Dense(128, activation='relu'),
        layers.Dropout(0.5),
        layers.Dense(10, activation='softmax'),
    ])
    model.compile(loss='categorical_crossentropy', metrics=['accuracy'],
                  optimizer=optimizers.Adadelta(learning_rate=1.0, rho=0.95, epsilon=1e-08))
    return model


def cifar10_cnn():
    model = keras.Sequential([
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(32, (3, 3), padding='same'),
        layers.Activation('relu'),
        layers.Conv2D(32, (3, 3)),
        layers.Activation('relu'),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Dropout(0.25),
        layers.Conv2D(64, (3, 3), padding='same'),
        layers.Activation('relu'),
        layers.Conv2D(64, (3, 3)),
        layers.Activation('relu'),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Dropout(0.25),
        layers.Flatten(),
        layers.Dense(512),
        layers.Activation('relu'),
        layers.Dropout(0.5),
        layers.Dense(10),
        layers.Activation('softmax'),
    ])
    schedule = optimizers.schedules.InverseTimeDecay(
        initial_learning_rate=0.0001, decay_steps=1, decay_rate=1e-06)
    model.compile(loss='categorical_crossentropy', metrics=['accuracy'],
                  optimizer=optimizers.RMSprop(learning_rate=schedule, rho=0.9, epsilon=1e-08))
    return model


def mnist_hrnn():
    x = keras.Input(shape=(28, 28, 1))
    encoded_rows = layers.TimeDistributed(layers.LSTM(128))(x)
    encoded_columns = layers.LSTM(128)(encoded_rows)
    prediction = layers.Dense(10, activation='softmax')(encoded_columns)
    model = keras.Model(x, prediction)
    model.compile(loss='categorical_crossentropy', metrics=['accuracy'],
                  optimizer=optimizers.RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-08))
    return model


def babi_rnn():
    vocab_size, story_maxlen, query_maxlen, EMBED_HIDDEN_SIZE = 36, 552, 5, 50
    sentence = keras.Input(shape=(story_maxlen,), dtype='int32')
    encoded_sentence = layers.Embedding(vocab_size, EMBED_HIDDEN_SIZE)(sentence)
    encoded_sentence = layers.Dropout(0.3)(encoded_sentence)
    question = keras.Input(shape=(query_maxlen,), dtype='int32')
    encoded_question = layers.Embedding(vocab_size, EMBED_HIDDEN_SIZE)(question)
    encoded_question = layers.Dropout(0.3)(encoded_question)
    encoded_question = layers.LSTM(EMBED_HIDDEN_SIZE)(encoded_question)
    encoded_question = layers.RepeatVector(story_maxlen)(encoded_question)
    merged = layers.add([encoded_sentence, encoded_question])
    merged = layers.LSTM(EMBED_HIDDEN_SIZE)(merged)
    merged = layers.Dropout(0.3)(merged)
    preds = layers.Dense(vocab_size, activation='softmax')(merged)
    model = keras.Model([sentence, question], preds)
    model.compile(loss='categorical_crossentropy', metrics=['accuracy'],
                  optimizer=optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999,
                                            epsilon=1e-08))
    return model


def gru_simplernn():
    """Same graph as functional/gru_simplernn.* (Keras 2); Keras 3 GRU defaults
    to reset_after=True (separate input and recurrent biases)."""
    inp = keras.Input(shape=(28, 28))
    seq = layers.GRU(64, return_sequences=True)(inp)
    vec = layers.SimpleRNN(32)(seq)
    out = layers.Dense(10, activation='softmax')(vec)
    return keras.Model(inp, out)


def tiny_functional():
    """Deliberately tiny: two Inputs, Dense 4, Concatenate, Dense 3 softmax."""
    a = keras.Input(shape=(5,), name='a')
    b = keras.Input(shape=(2,), name='b')
    h = layers.Dense(4, activation='relu', name='hidden')(a)
    c = layers.Concatenate(axis=-1, name='concat')([h, b])
    out = layers.Dense(3, activation='softmax', name='probs')(c)
    model = keras.Model([a, b], out, name='tiny_functional')
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
    return model


def advanced_activations():
    """Every advanced activation layer Keras 3 has (ThresholdedReLU was removed
    in Keras 3), with non-default options: PReLU shared along height and width,
    LeakyReLU, ReLU with a cap, a slope and a threshold, ELU and Softmax."""
    model = keras.Sequential([
        keras.Input(shape=(6, 6, 1)),
        layers.Conv2D(3, (3, 3)),
        layers.PReLU(shared_axes=[1, 2]),
        layers.Flatten(),
        layers.Dense(8),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Dense(8),
        layers.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5),
        layers.Dense(8),
        layers.ELU(alpha=0.7),
        layers.Dense(4),
        layers.Softmax(axis=-1),
    ], name='advanced_activations')
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
    return model


MODELS = [mnist_mlp, mnist_cnn, cifar10_cnn, mnist_hrnn, babi_rnn, gru_simplernn,
          tiny_functional, advanced_activations]

if __name__ == '__main__':
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    only = sys.argv[2:]   # model names; all by default
    for build in MODELS:
        if only and build.__name__ not in only:
            continue
        keras.utils.clear_session(free_memory=False)   # fresh auto-names per model
        keras.utils.set_random_seed(0)
        model = build()
        path = os.path.join(out_dir, build.__name__ + '.keras')
        model.save(path)
        with zipfile.ZipFile(path) as z:
            with open(os.path.join(out_dir, build.__name__ + '.config.json'), 'wb') as f:
                f.write(z.read('config.json'))
            names = z.namelist()
        print(build.__name__, 'keras', keras.__version__, 'params', model.count_params(), names)
