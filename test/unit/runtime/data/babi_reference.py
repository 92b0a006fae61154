#!/usr/bin/env python3
"""Independent reference for the bAbI numbers asserted in BabiTest.cpp.

A plain-Python transcription of Keras 2.0.8 examples/babi_rnn.py (tokenize, parse_stories,
get_stories, vocab, maxlens, vectorize with pad_sequences 'pre'), run once when the tests were
written; it does not use the C++ loader. Python 2's re.split ignored empty matches of
r'(\\W+)?'; Python >= 3.7 splits on them, so the equivalent r'(\\W+)' is used here.
Usage: babi_reference.py <data_dir>/babi/tasks_1-20_v1-2
"""
import re
import sys
from functools import reduce


def tokenize(sent):
    return [x.strip() for x in re.split(r'(\W+)', sent) if x and x.strip()]


def parse_stories(lines):
    data, story = [], []
    for line in lines:
        line = line.strip()
        nid, line = line.split(' ', 1)
        if int(nid) == 1:
            story = []
        if '\t' in line:
            q, a, supporting = line.split('\t')
            data.append(([x for x in story if x], tokenize(q), a))
            story.append('')
        else:
            story.append(tokenize(line))
    return data


def get_stories(path):
    with open(path) as f:
        data = parse_stories(f.readlines())
    return [(reduce(lambda x, y: x + y, s), q, a) for s, q, a in data]


def main(root):
    for sub, task in [('en', 'qa1_single-supporting-fact'), ('en', 'qa2_two-supporting-facts'),
                      ('en-10k', 'qa1_single-supporting-fact'), ('en-10k', 'qa2_two-supporting-facts')]:
        train = get_stories(f'{root}/{sub}/{task}_train.txt')
        test = get_stories(f'{root}/{sub}/{task}_test.txt')
        vocab = set()
        for s, q, a in train + test:
            vocab |= set(s + q + [a])
        vocab = sorted(vocab)
        word_idx = {c: i + 1 for i, c in enumerate(vocab)}
        story_maxlen = max(len(s) for s, _, _ in train + test)
        query_maxlen = max(len(q) for _, q, _ in train + test)
        print(f'{sub}/{task}: vocab_size {len(vocab) + 1} story_maxlen {story_maxlen} '
              f'query_maxlen {query_maxlen} train {len(train)} test {len(test)}')
        print('  vocab', vocab)
        s, q, a = train[0]
        print('  train[0] story', len(s), s[:8], 'query', q, 'answer', a)
        print('  train[0] story ids (last 8 of padded):', [word_idx[w] for w in s][-8:],
              'pads', story_maxlen - len(s))
        print('  train[0] query ids padded:', [0] * (query_maxlen - len(q)) + [word_idx[w] for w in q],
              'answer id', word_idx[a])
        s, q, a = test[-1]
        print('  test[-1] story len', len(s), 'query', q, 'answer', a, 'answer id', word_idx[a])


if __name__ == '__main__':
    main(sys.argv[1])
