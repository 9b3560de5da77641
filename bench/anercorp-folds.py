#!/usr/bin/env python3
"""bench/anercorp-folds.py - k-fold scores of alam on ANERcorp text it has not seen.

Usage: python3 bench/anercorp-folds.py [--alam BIN] [--folds K] [--context N] GOLD

Cuts GOLD (token-per-line, sentences between blank lines; the tune part, or a part of it) into K
folds in file order.  Each fold is scored by `alam eval --scheme anercorp` with a data directory
that holds every project list except anercorp-harvest.tsv (harvested from the tune part) and a
common-word list made by gazetteers/scripts/common_words.py from the other K-1 folds (and Wojood)
only, people-nerar.tsv filtered by those common words (gazetteers/scripts/generate.py
--people-nerar) and namelike.ngrams learnt from those lists (gazetteers/scripts/namelike.py): so
every fold is text whose words the lists have not seen, as new news is.  Prints the
summed counts and exact P/R/F1 per label.

Errors read on such folds show the false positives that rules make on unseen words, which the
tune part itself hides (its own words are its common words).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, 'gazetteers')
WOJOOD = os.path.join(ROOT, '..', 'shared', 'data', 'wojood-train', 'wojood-train.conll')
LEFT_OUT = {'anercorp-harvest.tsv', 'common-words.tsv', 'people-nerar.tsv'}
SOURCES = os.path.join(ROOT, '..', 'shared', 'gazetteer-sources')
LABELS = ('PERSON', 'LOCATION', 'ORG', 'micro')


def sentences(path):
    out, cur = [], []
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                cur.append(line if line.endswith('\n') else line + '\n')
            elif cur:
                out.append(cur)
                cur = []
    if cur:
        out.append(cur)
    return out


def write(path, sents):
    with open(path, 'w', encoding='utf-8') as f:
        for s in sents:
            f.write(''.join(s) + '\n')


def data_dir(path, train):
    """A data directory: the project's lists (links) and common words of train."""
    os.makedirs(path)
    for name in os.listdir(GAZ):
        if (name.endswith('.tsv') and name not in LEFT_OUT) or name in ('hand', 'rules'):
            os.symlink(os.path.join(GAZ, name), os.path.join(path, name))
    cmd = [sys.executable, os.path.join(GAZ, 'scripts', 'common_words.py'), train]
    if os.path.exists(WOJOOD):
        cmd.append(WOJOOD)
    cmd.append(os.path.join(path, 'common-words.tsv'))
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # NERAr's names are filtered by the common words: by this fold's own (the shipped list where the
    # sources are missing).
    if os.path.isdir(SOURCES):
        subprocess.run([sys.executable, os.path.join(GAZ, 'scripts', 'generate.py'), SOURCES,
                        '--people-nerar', path], check=True, stdout=subprocess.DEVNULL)
    else:
        os.symlink(os.path.join(GAZ, 'people-nerar.tsv'), os.path.join(path, 'people-nerar.tsv'))
    # The letters of name-like words, learnt from this directory's names and common words.
    subprocess.run([sys.executable, os.path.join(GAZ, 'scripts', 'namelike.py'), '--lists', path,
                    '--out', os.path.join(path, 'namelike.ngrams')], check=True, stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--alam', default=os.path.join(ROOT, 'build', 'alam'))
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--context', type=int, default=0)
    ap.add_argument('gold')
    a = ap.parse_args()
    if not os.path.exists(WOJOOD):
        print('anercorp-folds: %s not found: the common words come from the folds alone, '
              'and the figures differ from those made beside ../shared' % WOJOOD, file=sys.stderr)
    if not os.path.isdir(SOURCES):
        print('anercorp-folds: %s not found: the shipped people-nerar.tsv is used, filtered by the common '
              'words of every fold' % SOURCES, file=sys.stderr)
    sents = sentences(a.gold)
    k = a.folds
    if k < 2 or len(sents) < k:
        sys.exit('anercorp-folds: need at least 2 folds and a sentence per fold')
    total = {lab: [0, 0, 0] for lab in LABELS}
    with tempfile.TemporaryDirectory(prefix='alam-folds-') as tmp:
        for i in range(k):
            lo, hi = len(sents) * i // k, len(sents) * (i + 1) // k
            test, train = os.path.join(tmp, 'test%d' % i), os.path.join(tmp, 'train%d' % i)
            write(test, sents[lo:hi])
            write(train, sents[:lo] + sents[hi:])
            data = os.path.join(tmp, 'data%d' % i)
            data_dir(data, train)
            cmd = [a.alam, 'eval', '--data', data, '--scheme', 'anercorp', '--json']
            if a.context:
                cmd += ['--context', str(a.context)]
            r = json.loads(subprocess.run(cmd + [test], check=True, capture_output=True,
                                          text=True).stdout)
            for lab in LABELS:
                v = r['micro'] if lab == 'micro' else r['labels'][lab]
                t = total[lab]
                t[0] += v['gold']
                t[1] += v['pred']
                t[2] += round(v['precision'] * v['pred'])
    print('%d folds of %s (%d sentences)%s' % (k, a.gold, len(sents),
                                               ', --context %d' % a.context if a.context else ''))
    print('LABEL       GOLD   PRED       P      R     F1')
    for lab in LABELS:
        g, p, tp = total[lab]
        prec = tp / p if p else 0.0
        rec = tp / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print('%-9s %6d %6d  %6.2f %6.2f %6.2f' % (lab, g, p, 100 * prec, 100 * rec, 100 * f1))


if __name__ == '__main__':
    main()
