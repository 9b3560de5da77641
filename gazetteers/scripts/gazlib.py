"""Shared helpers for the gazetteer scripts: folding, cleaning, TSV reading and writing.

Standard library only.  The folding here mirrors the C matcher's (diacritics and tatweel removed,
alef forms to bare alef, alef maqsura to ya, ta marbuta to ha), so that two names with the same
fold are one entry for the matcher and are listed once.
"""

import re
import unicodedata

# Arabic diacritics (tashkeel), superscript alef, tatweel.
_DIACRITICS = re.compile('[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]')
_FOLD = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه'})
# Invisible format characters found in the sources (bidi marks, zero-width joiners, BOM).
_INVISIBLE = re.compile('[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]')
# Persian/Urdu letters that stand for Arabic ones in some source entries.
_PERSIAN = str.maketrans({'ی': 'ي', 'ک': 'ك', 'ۀ': 'ة', 'ە': 'ه'})

# A valid NAME: Arabic letters (with optional diacritics) in tokens separated by single spaces.
_ARABIC_TOKEN = '[\u0621-\u063a\u0641-\u064a\u0671][\u0621-\u063a\u0641-\u0652\u0670\u0671]*'
VALID_NAME = re.compile('^%s( %s)*$' % (_ARABIC_TOKEN, _ARABIC_TOKEN))

PROCLITIC_LETTERS = ('و', 'ف', 'ب', 'ل', 'ك')


def fold(s):
    """Matching key of a phrase (without proclitic stripping, which the matcher does on text)."""
    s = _DIACRITICS.sub('', s)
    return s.translate(_FOLD)


def clean(s):
    """Display form of a source name: invisible marks and tatweel removed, Persian letters mapped,
    white space collapsed.  Diacritics are kept (they are folded at match time)."""
    s = unicodedata.normalize('NFC', s)
    s = _INVISIBLE.sub('', s)
    s = s.translate(_PERSIAN).replace('\u0640', '')
    return ' '.join(s.split())


def strip_diacritics(s):
    return _DIACRITICS.sub('', s)


def valid_name(s):
    return bool(VALID_NAME.match(s))


def read_tsv(path, min_cols=1):
    """Rows of a hand-written TSV: comment ('#') and blank lines skipped, fields stripped."""
    rows = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n').rstrip('\r')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            cols = [c.strip() for c in line.split('\t')]
            if len(cols) < min_cols:
                raise SystemExit('%s:%d: expected %d columns' % (path, n, min_cols))
            rows.append((n, cols))
    return rows


def format_line(name, label, fields):
    """One gazetteer line; fields is a list of (key, value) written in the given order."""
    parts = [name, label]
    for k, v in fields:
        if v is None or v == '':
            continue
        if '\t' in v or '\n' in v:
            raise ValueError('bad value %r' % v)
        parts.append('%s=%s' % (k, v))
    return '\t'.join(parts)


def write_gazetteer(path, header_lines, lines):
    """Writes header comments then the entry lines, sorted by folded name then name (stable)."""
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for h in header_lines:
            f.write(('# ' + h).rstrip() + '\n')
        f.write('\n')
        for line in lines:
            f.write(line + '\n')


def sort_key(name):
    return (fold(name), name)
