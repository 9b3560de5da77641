#!/usr/bin/env python3
"""ANERcorp as evidence: word counts for the ambiguity mark (amb=1), and the harvest of entity names.

    python3 gazetteers/scripts/corpus.py [--anercorp FILE] NAME...      counts of each NAME
    python3 gazetteers/scripts/corpus.py [--anercorp FILE] --check DIR  checks the amb= decisions
                                                                        of the hand-written lists in DIR

Only the first 80% of the sentences of the ANERcorp training file are read (a sentence is a block between
blank lines; the first floor(0.8 * n) blocks).  The last 20% are the development part on which alam is
measured, and must not shape the lists.

Counting mirrors the C matcher: a corpus token stands for a name when it equals the name's folded key
once a proclitic ([و|ف][ب|ل|ك], or ل + ال written لل) is taken off, as the matcher does on text.  A
name of several tokens is counted where its tokens follow each other.  Each occurrence counts as 'O'
(every token tagged O), as the entity type of its tags (PERS, LOC, ORG, MISC: every token inside an
entity), or as 'mixed'.

The ambiguity rule (a key that is also a common word), for single-token keys only (a phrase of several
words is not a common word; ANERcorp leaving a phrase O, as it does for governments and ministries, is an
annotation convention, not evidence):

    words = O(key) + O(ال + key)       the article form counts unless the key starts with ال or
                                       ال + key is itself a nationality adjective (التشيلي is the
                                       adjective of تشيلي, not a common word)
    names = occurrences inside an entity: PERS only for first names, any type for entity lists
    ambiguous  <=>  words >= AMB_MIN  and  words > AMB_RATIO * names

A first name rarely takes the article, so the article form tagged O (الجمعة، الكريم، النصر) shows that the
bare word is a common noun or adjective.  Standard library only.
"""

import argparse
import collections
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gazlib import fold, strip_diacritics  # noqa: E402

TRAIN_SHARE = 0.8     # the first 80% of the sentences; the rest is the development part
AMB_MIN = 3           # at least this many plain-word (O) occurrences ...
AMB_RATIO = 1.0       # ... and more than AMB_RATIO times as many as inside a name

# Proclitic prefixes the matcher strips: [و|ف] [ب|ل|ك]; the stem keeps at least two letters.
PREFIXES = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك']


def default_path(sources):
    return os.path.join(sources, '..', 'data', 'anercorp-train', 'anercorp-train.conll')


def read_sentences(path):
    """All sentences of a CoNLL file as lists of (token, tag)."""
    sents, sent = [], []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line:
                if sent:
                    sents.append(sent)
                sent = []
                continue
            w, _, tag = line.rpartition(' ')
            sent.append((w, tag))
    if sent:
        sents.append(sent)
    return sents


def stems(w):
    """Every key the matcher could look up for corpus token w (folded)."""
    out = set()
    for p in PREFIXES:
        if w.startswith(p) and len(w) >= len(p) + 2:
            out.add(w[len(p):])
        # ل + ال written لل
        if w.startswith(p + 'لل') and len(w) >= len(p) + 4:
            out.add('ال' + w[len(p) + 2:])
    return out


class Corpus:
    """The training share of ANERcorp, indexed by every proclitic-stripped key."""

    def __init__(self, path):
        allsents = read_sentences(path)
        self.total = len(allsents)
        self.cut = int(self.total * TRAIN_SHARE)
        self.raw = allsents[:self.cut]
        self.sents = [[(fold(strip_diacritics(w)), t) for w, t in s] for s in self.raw]
        self.tokens = sum(len(s) for s in self.sents)
        self.index = collections.defaultdict(list)
        for si, s in enumerate(self.sents):
            for pi, (w, _) in enumerate(s):
                for st in stems(w):
                    self.index[st].append((si, pi))
        self._cache = {}

    def counts(self, name):
        """Counter of O / PERS / LOC / ORG / MISC / mixed occurrences of a name."""
        key = fold(strip_diacritics(name))
        if key in self._cache:
            return self._cache[key]
        toks = key.split()
        c = collections.Counter()
        for si, pi in self.index.get(toks[0], ()):
            s = self.sents[si]
            if pi + len(toks) > len(s):
                continue
            if any(s[pi + k][0] != toks[k] for k in range(1, len(toks))):
                continue
            tags = [s[pi + k][1] for k in range(len(toks))]
            if all(t == 'O' for t in tags):
                c['O'] += 1
            elif all(t != 'O' for t in tags):
                c[tags[0][2:]] += 1
            else:
                c['mixed'] += 1
        self._cache[key] = c
        return c

    def evidence(self, name, person=False, nisba_keys=frozenset()):
        """(words, names, detail) for the ambiguity rule, or None for a key of several tokens."""
        key = fold(strip_diacritics(name))
        if ' ' in key:
            return None
        c = self.counts(key)
        words = c['O']
        art = 0
        if not key.startswith('ال') and ('ال' + key) not in nisba_keys:
            art = self.counts('ال' + key)['O']
        words += art
        if person:
            names = c['PERS']
        else:
            names = sum(v for t, v in c.items() if t not in ('O', 'mixed'))
        detail = 'O %d, article form O %d, %s %d' % (c['O'], art, 'PERS' if person else 'entity', names)
        return words, names, detail

    def ambiguous(self, name, person=False, nisba_keys=frozenset()):
        ev = self.evidence(name, person, nisba_keys)
        if ev is None:
            return False, 'several tokens'
        words, names, detail = ev
        return words >= AMB_MIN and words > AMB_RATIO * names, detail


# ---------------------------------------------------------------- harvest

TYPES = {'PERS': 'PERSON', 'LOC': 'LOCATION', 'ORG': 'ORG'}


def spans(sent):
    """(type, start, end) of the entities of a sentence (IOB2; a stray I- starts an entity)."""
    out = []
    i = 0
    while i < len(sent):
        tag = sent[i][1]
        if tag == 'O' or len(tag) < 3:
            i += 1
            continue
        typ = tag[2:]
        j = i + 1
        while j < len(sent) and sent[j][1] == 'I-' + typ:
            j += 1
        out.append((typ, i, j))
        i = j
    return out


def strip_proclitic(w, known):
    """The first token of an entity without its proclitic: kept whole when known (as a listed name's
    first token, or an entity's first token that does not start with a proclitic letter), else the
    longest prefix whose rest is known is taken off."""
    k = fold(strip_diacritics(w))
    if k in known:
        return w
    best = None
    for p in PREFIXES:
        if k.startswith(p + 'لل') and len(k) >= len(p) + 4 and ('ال' + k[len(p) + 2:]) in known:
            if best is None or len(p) + 1 > best[0]:
                best = (len(p) + 1, 'lil')
        if p and k.startswith(p) and len(k) >= len(p) + 2 and k[len(p):] in known:
            if best is None or len(p) > best[0]:
                best = (len(p), 'plain')
    if best is None:
        return w
    n, kind = best
    # cut the surface form after n letters (diacritics were stripped: the corpus has almost none)
    s = strip_diacritics(w)
    return ('ا' + s[n:]) if kind == 'lil' else s[n:]


def harvest(corpus, known):
    """Entities of the training share: {folded key: {'forms': Counter, 'types': Counter}}.
    known: folded first tokens that are names as they stand (see strip_proclitic)."""
    found = {}
    for s in corpus.raw:
        for typ, i, j in spans(s):
            toks = [w for w, _ in s[i:j]]
            toks[0] = strip_proclitic(toks[0], known)
            form = ' '.join(strip_diacritics(t) for t in toks)
            k = fold(form)
            e = found.setdefault(k, {'forms': collections.Counter(), 'types': collections.Counter()})
            e['forms'][form] += 1
            e['types'][typ] += 1
    return found


# ---------------------------------------------------------------- command line

def check_dir(corpus, gdir, out):
    """Hand-written lists (not generated ones): every single-token entry that the rule finds
    ambiguous must say amb=1 or amb=0 (a decision taken); returns the number of problems."""
    problems = 0
    nisba_keys = set()
    for path in glob.glob(os.path.join(gdir, '*.tsv')):
        for name, label, fields in _entries(path):
            if label == 'NISBA':
                nisba_keys.add(fold(name))
    for path in sorted(glob.glob(os.path.join(gdir, '*.tsv'))):
        if _generated(path):
            continue
        for name, label, fields in _entries(path):
            if label not in ('PERSON', 'ORG', 'COUNTRY', 'LOCATION', 'FIRST_NAME', 'NAME_PARTICLE'):
                continue
            amb, detail = corpus.ambiguous(name, label in ('FIRST_NAME', 'NAME_PARTICLE'), nisba_keys)
            if amb and 'amb' not in fields:
                problems += 1
                out.write('%s: %s is also a common word (%s): add amb=1, or amb=0 to keep it\n'
                          % (os.path.basename(path), name, detail))
    return problems


def _generated(path):
    with open(path, encoding='utf-8') as f:
        head = f.read(2000)
    return 'Generated by gazetteers/scripts/generate.py' in head


def _entries(path):
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) < 2:
                continue
            fields = dict(c.partition('=')[::2] for c in cols[2:])
            yield cols[0], cols[1], fields


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--anercorp', default=default_path(os.path.join(repo, '..', 'shared', 'gazetteer-sources')))
    ap.add_argument('--check', metavar='DIR')
    ap.add_argument('--person', action='store_true', help='count names against PERS only (first names)')
    ap.add_argument('names', nargs='*')
    a = ap.parse_args()
    corpus = Corpus(a.anercorp)
    if a.check:
        n = check_dir(corpus, a.check, sys.stdout)
        print('%d undecided ambiguous entr%s' % (n, 'y' if n == 1 else 'ies'))
        return 1 if n else 0
    print('ANERcorp training share: sentences 1-%d of %d, %d tokens' % (corpus.cut, corpus.total, corpus.tokens))
    for n in a.names:
        amb, detail = corpus.ambiguous(n, a.person)
        print('%s\t%s\t%s\t%s' % (n, dict(corpus.counts(n)), detail, 'AMBIGUOUS' if amb else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
