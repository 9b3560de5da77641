#!/usr/bin/env python3
"""Checks the gazetteer files and prints the number of entries of each.

    python3 gazetteers/scripts/check.py [GAZETTEER_DIR] [--anercorp FILE]

Checks every *.tsv in the directory (not hand/): line format, labels (entity labels PERSON ORG COUNTRY
LOCATION, class labels NISBA FIRST_NAME NAME_PARTICLE), known keys (iso canon src amb), iso= on every
COUNTRY and NISBA line (ZZ, "no single state", on NISBA only) and on no other, amb= 0 or 1, no empty or
padded names, no tab inside a name, no Latin letters or other non-Arabic characters in a name, no
duplicate name within a file (also after folding), no name given two entity labels, nor the same entity
label in two files, no single-token PERSON entry (but in surnames.tsv); with the ANERcorp file present (--anercorp, default
../shared/data/anercorp-train/anercorp-train.conll), that every single-token entry of a hand-written list
that the corpus count finds ambiguous says amb=1 or amb=0 (scripts/corpus.py); and reports names that look
like a glued proclitic (و ف ب ل ك + a name that is itself listed) for review.
Exits 1 on any error.  Standard library only.
"""

import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gazlib import PROCLITIC_LETTERS, fold, valid_name  # noqa: E402

ENTITY_LABELS = {'PERSON', 'ORG', 'COUNTRY', 'LOCATION'}
CLASS_LABELS = {'NISBA', 'FIRST_NAME', 'NAME_PARTICLE', 'TITLE', 'SPEECH_VERB', 'ORG_HEAD', 'LOC_HEAD',
                'STATE_HEAD', 'COMMON'}
LABELS = ENTITY_LABELS | CLASS_LABELS
KEYS = {'iso', 'canon', 'src', 'amb'}
ISO = re.compile('^[A-Z]{2}$')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    args = sys.argv[1:]
    anercorp = os.path.join(os.path.dirname(os.path.dirname(here)), '..', 'shared', 'data', 'anercorp-train',
                            'anercorp-train.conll')
    if '--anercorp' in args:
        i = args.index('--anercorp')
        anercorp = args[i + 1]
        del args[i:i + 2]
    gdir = args[0] if args else os.path.dirname(here)
    errors = 0
    warnings = 0
    counts = {}
    labels_of = {}     # folded name -> {label: file}
    all_keys = set()
    entries = []

    def err(path, n, msg):
        nonlocal errors
        errors += 1
        print('%s:%d: error: %s' % (os.path.basename(path), n, msg))

    for path in sorted(glob.glob(os.path.join(gdir, '*.tsv'))):
        seen = {}
        count = 0
        with open(path, encoding='utf-8') as f:
            lines = f.read().split('\n')
        if lines and lines[-1] == '':
            lines.pop()
        if not lines or not lines[0].startswith('#'):
            err(path, 1, 'file does not begin with a comment header')
        for n, line in enumerate(lines, 1):
            if line.startswith('#') or line.strip() == '':
                if line.strip() == '' and line != '':
                    err(path, n, 'blank line with white space')
                continue
            if line != line.rstrip() or line != line.lstrip():
                err(path, n, 'leading or trailing white space')
            cols = line.split('\t')
            if len(cols) < 2:
                err(path, n, 'no label column')
                continue
            name, label = cols[0], cols[1]
            if not name:
                err(path, n, 'empty name')
                continue
            if label not in LABELS:
                err(path, n, 'unknown label %r' % label)
            if name != ' '.join(name.split()):
                err(path, n, 'name not single-space separated')
            if re.search('[A-Za-z]', name):
                err(path, n, 'Latin letters in name %r' % name)
            elif not valid_name(name):
                err(path, n, 'not a plain Arabic name: %r' % name)
            fields = {}
            for c in cols[2:]:
                k, eq, v = c.partition('=')
                if not eq or not v or k not in KEYS:
                    err(path, n, 'bad field %r' % c)
                    continue
                if k in fields:
                    err(path, n, 'field %s twice' % k)
                fields[k] = v
            if label == 'PERSON' and ' ' not in name and os.path.basename(path) != 'surnames.tsv':
                err(path, n, 'PERSON entry with a single token: %s' % name)
            if label in ('COUNTRY', 'NISBA'):
                if 'iso' not in fields:
                    err(path, n, '%s without iso=' % label)
                elif not ISO.match(fields['iso']):
                    err(path, n, 'bad iso=%s' % fields['iso'])
                elif fields['iso'] == 'ZZ' and label != 'NISBA':
                    err(path, n, 'iso=ZZ on a %s line' % label)
            elif 'iso' in fields:
                err(path, n, 'iso= on a %s line' % label)
            if 'amb' in fields and fields['amb'] not in ('0', '1'):
                err(path, n, 'amb= takes 0 or 1')
            if 'canon' in fields and not valid_name(fields['canon']):
                err(path, n, 'bad canon=%r' % fields['canon'])
            key = (fold(name), label)
            if key in seen:
                err(path, n, 'duplicate of line %d (%s)' % (seen[key], name))
            seen[key] = n
            if label in ENTITY_LABELS:
                files = labels_of.setdefault(fold(name), {}).setdefault(label, [])
                if os.path.basename(path) not in files:
                    files.append(os.path.basename(path))
            all_keys.add(fold(name))
            entries.append((path, n, name))
            count += 1
        counts[os.path.basename(path)] = count

    for k, labs in sorted(labels_of.items()):
        if len(labs) > 1:
            errors += 1
            print('error: %s listed as %s' % (k, ', '.join('%s (%s)' % (l, ' '.join(f)) for l, f in
                                                           sorted(labs.items()))))
        for l, f in labs.items():
            if len(f) > 1:
                errors += 1
                print('error: %s listed as %s in %s' % (k, l, ' and '.join(f)))

    if os.path.isfile(anercorp):
        import corpus
        n = corpus.check_dir(corpus.Corpus(anercorp), gdir, sys.stdout)
        if n:
            errors += n
            print('%d hand-written entr%s without an amb= decision' % (n, 'y' if n == 1 else 'ies'))
    else:
        print('note: %s not found: amb= decisions of the hand-written lists not checked' % anercorp)

    # A name that is a proclitic letter glued to another listed name (وفرنسا، بباريس) is suspect.
    first_tokens = {k.split(' ')[0] for k in all_keys}
    for path, n, name in entries:
        k = fold(name)
        head = k.split(' ')[0]
        if head[0] in PROCLITIC_LETTERS:
            rest = head[1:]
            cands = [rest] + (['ا' + rest[1:]] if rest.startswith('ل') else [])
            if any(c in first_tokens and len(c) > 2 for c in cands):
                warnings += 1
                print('%s:%d: review: %s may be a proclitic + a listed name' % (os.path.basename(path), n, name))

    for fn in sorted(counts):
        print('%-22s %6d' % (fn, counts[fn]))
    print('%-22s %6d' % ('total', sum(counts.values())))
    if errors:
        print('%d error(s)' % errors)
        return 1
    print('ok (%d to review)' % warnings)
    return 0


if __name__ == '__main__':
    sys.exit(main())
