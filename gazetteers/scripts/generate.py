#!/usr/bin/env python3
"""Regenerates alam's generated gazetteers.

    python3 gazetteers/scripts/generate.py [SOURCES_DIR [OUT_DIR]] [--anercorp FILE] [--report]

SOURCES_DIR  the gazetteer sources (default: ../shared/gazetteer-sources relative to the repo root)
OUT_DIR      where to write (default: gazetteers/ in the repo)
--anercorp   ANERcorp training CoNLL file used as a common-word filter for GeoNames names
             (default: SOURCES_DIR/../data/anercorp-train/anercorp-train.conll)
--report     print the dropped entries and the word-filter counts on stderr

Writes countries.tsv, locations.tsv and orgs-generated.tsv from the sources and the hand-written inputs
in gazetteers/hand/.  Output is sorted and contains no date, so two runs give identical files.
Standard library only, no network.
"""

import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gazlib import (clean, fold, format_line, read_tsv, sort_key,  # noqa: E402
                    strip_diacritics, valid_name, write_gazetteer)

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(GAZ_DIR)
HAND = os.path.join(GAZ_DIR, 'hand')

# ISO codes in ICU's list that are not sovereign states: dependent territories, special areas,
# Antarctica.  Their names go to locations.tsv as LOCATION.  Kosovo (XK), Taiwan (TW), Palestine (PS)
# and the Vatican (VA) are kept as states.
NON_STATES = set('''
AI AQ AS AW AX BL BM BQ BV CC CK CW CX DG EA EH FK FO GF GG GI GL GP GS GU HK HM IC IM IO JE KY
MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT
'''.split())
# Territory entries not worth listing as places (administrative groupings, uninhabited).
SKIP_TERRITORIES = set('BV DG GS HM IO TF UM'.split())

# Arab League members: GeoNames cities of 100,000+ are taken there, 1,000,000+ elsewhere.
ARAB_LEAGUE = set('DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE'.split())
POP_WORLD = 1000000
POP_ARAB = 100000

# Word filter: a GeoNames name is dropped when ANERcorp has it at least FILTER_MIN times outside any
# entity (tag O) and more often so than as a location.
FILTER_MIN = 3


def warn(msg):
    sys.stderr.write('generate.py: %s\n' % msg)


# ---------------------------------------------------------------- sources

def load_icu(src):
    rows = []
    with open(os.path.join(src, 'icu-cldr', 'countries_icu_ar.tsv'), encoding='utf-8') as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if len(cols) >= 2 and cols[0].strip():
                rows.append((cols[0].strip(), clean(cols[1])))
    return rows


def load_i18n(src):
    with open(os.path.join(src, 'i18n-iso-countries', 'ar.json'), encoding='utf-8') as f:
        data = json.load(f)
    out = []
    for iso, val in sorted(data['countries'].items()):
        for v in (val if isinstance(val, list) else [val]):
            out.append((iso, clean(v)))
    return out


def load_geonames(src):
    rows = []
    with open(os.path.join(src, 'geonames', 'geonames_ar.tsv'), encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        idx = {k: i for i, k in enumerate(header)}
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) < len(header):
                continue
            pop = c[idx['population']].strip()
            rows.append({
                'key': c[idx['key']].strip(),
                'kind': c[idx['kind']].strip(),
                'ar': clean(c[idx['ar_notashkeel']] or c[idx['ar']]),
                'en': c[idx['en_name']].strip(),
                'cc': c[idx['country']].strip(),
                'feature': c[idx['feature']].strip(),
                'pop': int(pop) if pop.isdigit() else 0,
            })
    return rows


def load_nationalities(src):
    path = os.path.join(src, 'arwikicats', 'nationalities.tsv')
    with open(path, encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        idx = {k: i for i, k in enumerate(header)}
        rows = []
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) < len(header):
                continue
            rows.append((c[idx['key_en']], clean(c[idx['country_ar']]), clean(c[idx['the_female']])))
    return rows


def load_portfolios(src):
    path = os.path.join(src, 'arwikicats', 'ministry_portfolios.tsv')
    with open(path, encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        idx = {k: i for i, k in enumerate(header)}
        out = {}
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) < len(header):
                continue
            out[c[idx['en']].strip()] = clean(c[idx['with_al']])
    return out


# ---------------------------------------------------------------- ANERcorp word filter

PREFIXES = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك']


class WordFilter:
    """Counts how a phrase is tagged in ANERcorp (tokens keep their proclitics there)."""

    def __init__(self, path):
        self.sents = []
        sent = []
        with open(path, encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if not line:
                    if sent:
                        self.sents.append(sent)
                    sent = []
                    continue
                w, _, tag = line.rpartition(' ')
                sent.append((fold(w), tag))
        if sent:
            self.sents.append(sent)
        # stem -> [(sentence, position)] for every way of stripping a proclitic prefix
        self.index = collections.defaultdict(list)
        for si, s in enumerate(self.sents):
            for pi, (w, _) in enumerate(s):
                stems = set()
                for p in PREFIXES:
                    if w.startswith(p) and len(w) > len(p) + 1:
                        stems.add(w[len(p):])
                    # ل + ال written لل
                    if w.startswith(p + 'لل') and len(w) > len(p) + 3:
                        stems.add('ال' + w[len(p) + 2:])
                for st in stems:
                    self.index[st].append((si, pi))

    def counts(self, name):
        toks = fold(strip_diacritics(name)).split()
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
            elif tags[0] == 'B-LOC' and all(t == 'I-LOC' for t in tags[1:]):
                c['LOC'] += 1
            elif tags[0].endswith('-LOC'):
                c['LOC'] += 1
            else:
                c['OTHER'] += 1
        return c

    def is_common_word(self, name):
        c = self.counts(name)
        return c['O'] >= FILTER_MIN and c['O'] > c['LOC'], c


# ---------------------------------------------------------------- countries

def build_countries(src, report):
    icu = load_icu(src)
    states = [iso for iso, _ in icu if iso not in NON_STATES]
    icu_name = dict(icu)
    hand = read_tsv(os.path.join(HAND, 'countries.tsv'), 2)
    drops = set()
    canon = {}
    extra = []
    for n, cols in hand:
        iso, name = cols[0], clean(cols[1])
        flag = cols[2] if len(cols) > 2 else ''
        if iso not in icu_name:
            raise SystemExit('hand/countries.tsv:%d: unknown ISO code %s' % (n, iso))
        if flag == 'drop':
            drops.add((iso, fold(name)))
        elif flag == 'canon':
            canon[iso] = name
            extra.append((iso, name))
        elif flag == '':
            extra.append((iso, name))
        else:
            raise SystemExit('hand/countries.tsv:%d: unknown flag %r' % (n, flag))

    geon = [(r['key'], r['ar']) for r in load_geonames(src) if r['kind'] == 'country']
    candidates = ([(iso, nm, 'icu') for iso, nm in icu]
                  + [(iso, nm, 'i18n') for iso, nm in load_i18n(src)]
                  + [(iso, nm, 'geonames') for iso, nm in geon if iso in icu_name]
                  + [(iso, nm, 'hand') for iso, nm in extra])
    state_set = set(states)
    by_key = {}          # folded name -> (name, iso, src)
    territories = []     # (iso, name, src) of non-states, for locations.tsv
    dropped = []
    for iso, name, source in candidates:
        if (iso, fold(name)) in drops:
            dropped.append((name, iso, source, 'hand drop'))
            continue
        if iso not in state_set:
            territories.append((iso, name, source))
            continue
        if not valid_name(name):
            dropped.append((name, iso, source, 'not a plain Arabic name'))
            continue
        k = fold(name)
        if k in by_key:
            if by_key[k][1] != iso:
                raise SystemExit('country name %s given for both %s and %s' % (name, by_key[k][1], iso))
            continue
        by_key[k] = (name, iso, source)
    for iso in states:
        if iso not in canon:
            canon[iso] = icu_name[iso]
        if fold(canon[iso]) not in by_key:
            raise SystemExit('canonical name %s of %s is not listed' % (canon[iso], iso))
    lines = []
    for k, (name, iso, source) in by_key.items():
        c = canon[iso]
        fields = [('iso', iso), ('canon', c if fold(c) != k else None), ('src', source)]
        lines.append((sort_key(name), format_line(name, 'COUNTRY', fields)))
    lines.sort()
    if report:
        for d in dropped:
            warn('country dropped: %s (%s, %s): %s' % d)
    srcs = collections.Counter(s for _, _, s in by_key.values())
    return [l for _, l in lines], by_key, territories, states, srcs, dropped


# ---------------------------------------------------------------- locations

def build_locations(src, country_keys, territories, wf, report):
    entries = {}   # folded -> (name, canon, src)
    stats = collections.Counter()
    dropped = []

    def add(name, canon, source, stat):
        k = fold(name)
        if k in country_keys:
            stats['country'] += 1
            dropped.append((name, source, 'is a country name'))
            return
        if k in entries:
            stats['dup'] += 1
            return
        entries[k] = (name, canon, source)
        stats[stat] += 1

    # 1. hand-written regions and places
    for n, cols in read_tsv(os.path.join(HAND, 'locations.tsv'), 1):
        name = clean(cols[0])
        canon = clean(cols[1]) if len(cols) > 1 and cols[1] else None
        if not valid_name(name) or (canon and not valid_name(canon)):
            raise SystemExit('hand/locations.tsv:%d: invalid name %r' % (n, name))
        if canon and fold(canon) == fold(name):
            canon = None
        add(name, canon, 'hand', 'hand')

    # 2. dependent territories from the country lists
    for iso, name, source in territories:
        if iso in SKIP_TERRITORIES:
            continue
        # drop a bracketed gloss: "جزر كوكوس (كيلينغ)" -> "جزر كوكوس"
        if '(' in name:
            name = clean(name.split('(')[0])
        if not valid_name(name):
            dropped.append((name, source, 'not a plain Arabic name'))
            stats['invalid'] += 1
            continue
        add(name, None, source, 'territory')

    # 3. GeoNames capitals and large cities
    fixes = {}
    for n, cols in read_tsv(os.path.join(HAND, 'geonames_fixes.tsv'), 2):
        fixes[cols[0]] = cols[1]
    used_fixes = set()
    for r in sorted(load_geonames(src), key=lambda r: (-r['pop'], r['key'])):
        if r['kind'] != 'city':
            continue
        if not (r['feature'] == 'PPLC' or r['pop'] >= POP_WORLD
                or (r['cc'] in ARAB_LEAGUE and r['pop'] >= POP_ARAB)):
            continue
        stats['geonames selected'] += 1
        name = r['ar']
        if r['key'] in fixes:
            used_fixes.add(r['key'])
            if fixes[r['key']] == '-':
                stats['hand drop'] += 1
                dropped.append((name, 'geonames', 'hand drop'))
                continue
            name = clean(fixes[r['key']])
        if not valid_name(name):
            stats['invalid'] += 1
            dropped.append((name, 'geonames', 'not a plain Arabic name'))
            continue
        name = strip_diacritics(name)
        if fold(name) in entries:
            stats['dup'] += 1
            continue
        if fold(name) in country_keys:
            stats['country'] += 1
            dropped.append((name, 'geonames', 'is a country name'))
            continue
        common, c = wf.is_common_word(name)
        if common and r['feature'] != 'PPLC':
            stats['word filter'] += 1
            dropped.append((name, 'geonames', 'common word in ANERcorp (O %d, LOC %d)' % (c['O'], c['LOC'])))
            continue
        if common:
            stats['capital kept despite filter'] += 1
            if report:
                warn('capital kept although ANERcorp has it as a word: %s %s' % (name, dict(c)))
        add(name, None, 'geonames', 'geonames')
    for k in sorted(set(fixes) - used_fixes):
        warn('hand/geonames_fixes.tsv: id %s did not match a selected entry' % k)

    lines = []
    for k, (name, canon, source) in entries.items():
        lines.append((sort_key(name), format_line(name, 'LOCATION', [('canon', canon), ('src', source)])))
    lines.sort()
    if report:
        for d in dropped:
            warn('location dropped: %s (%s): %s' % d)
        # hand entries that ANERcorp mostly has as plain words: review, not dropped
        for k, (name, canon, source) in sorted(entries.items()):
            if source == 'hand':
                common, c = wf.is_common_word(name)
                if common:
                    warn('review hand location %s: %s' % (name, dict(c)))
    srcs = collections.Counter(s for _, _, s in entries.values())
    return [l for _, l in lines], stats, srcs


# ---------------------------------------------------------------- generated orgs

def build_orgs(src, country_keys, states):
    state_set = set(states)
    name_to_iso = {k: iso for k, (_, iso, _) in country_keys.items()}
    nisbas = {}   # (iso, folded nisba) -> (nisba, src)
    drops = set()
    extra = []
    for n, cols in read_tsv(os.path.join(HAND, 'nisbas.tsv'), 2):
        flag = cols[2] if len(cols) > 2 else ''
        if flag == 'drop':
            drops.add(fold(clean(cols[1])))
        elif flag == '':
            extra.append((cols[0], clean(cols[1])))
        else:
            raise SystemExit('hand/nisbas.tsv:%d: unknown flag %r' % (n, flag))
    skipped = []
    for key_en, country_ar, nisba in load_nationalities(src):
        iso = name_to_iso.get(fold(country_ar))
        if iso is None or iso not in state_set:
            skipped.append((key_en, country_ar))
            continue
        if fold(nisba) in drops or not valid_name(nisba):
            continue
        nisbas.setdefault((iso, fold(nisba)), (nisba, 'arwikicats'))
    for iso, nisba in extra:
        if iso not in state_set or not valid_name(nisba):
            raise SystemExit('hand/nisbas.tsv: bad entry %s %s' % (iso, nisba))
        nisbas.setdefault((iso, fold(nisba)), (nisba, 'hand'))
    # one adjective must not stand for two states
    owner = {}
    for (iso, k) in nisbas:
        if k in owner and owner[k] != iso:
            raise SystemExit('nationality adjective %s used for %s and %s' % (k, owner[k], iso))
        owner[k] = iso

    portfolios_src = load_portfolios(src)
    portfolios = []
    for n, cols in read_tsv(os.path.join(HAND, 'ministries.tsv'), 2):
        kind, val = cols[0], cols[1]
        if kind == 'en':
            if val not in portfolios_src:
                raise SystemExit('hand/ministries.tsv:%d: %s not in ministry_portfolios.tsv' % (n, val))
            p, s = portfolios_src[val], 'arwikicats'
        elif kind == 'ar':
            p, s = clean(val), 'hand'
        else:
            raise SystemExit('hand/ministries.tsv:%d: unknown kind %s' % (n, kind))
        if not valid_name(p):
            raise SystemExit('hand/ministries.tsv:%d: invalid portfolio %r' % (n, p))
        scope = None
        if len(cols) > 2 and cols[2]:
            scope = set()
            for code in cols[2].split(','):
                code = code.strip()
                if code == 'ARAB':
                    scope |= ARAB_LEAGUE
                elif code in state_set:
                    scope.add(code)
                else:
                    raise SystemExit('hand/ministries.tsv:%d: unknown scope %s' % (n, code))
        if fold(p) in [fold(q) for q, _, _ in portfolios]:
            raise SystemExit('hand/ministries.tsv:%d: portfolio %s listed twice' % (n, p))
        portfolios.append((p, s, scope))

    out = {}
    for (iso, _), (nisba, nsrc) in nisbas.items():
        name = 'الحكومة ' + nisba
        out.setdefault(fold(name), (name, nsrc))
        for p, psrc, scope in portfolios:
            if scope is not None and iso not in scope:
                continue
            name = 'وزارة %s %s' % (p, nisba)
            s = 'hand' if 'hand' in (nsrc, psrc) else 'arwikicats'
            out.setdefault(fold(name), (name, s))
    lines = sorted((sort_key(n), format_line(n, 'ORG', [('src', s)])) for n, s in out.values())
    n_states = len({iso for iso, _ in nisbas})
    return [l for _, l in lines], len(nisbas), n_states, len(portfolios), skipped


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('sources', nargs='?', default=os.path.join(REPO, '..', 'shared', 'gazetteer-sources'))
    ap.add_argument('out', nargs='?', default=GAZ_DIR)
    ap.add_argument('--anercorp', default=None)
    ap.add_argument('--report', action='store_true')
    a = ap.parse_args()
    src = os.path.normpath(a.sources)
    anercorp = a.anercorp or os.path.join(src, '..', 'data', 'anercorp-train', 'anercorp-train.conll')
    if not os.path.isdir(src):
        raise SystemExit('sources not found: %s' % src)
    if not os.path.isfile(anercorp):
        raise SystemExit('ANERcorp file not found (needed for the word filter): %s' % anercorp)
    os.makedirs(a.out, exist_ok=True)

    c_lines, c_keys, territories, states, c_srcs, c_dropped = build_countries(src, a.report)
    wf = WordFilter(anercorp)
    l_lines, l_stats, l_srcs = build_locations(src, set(c_keys), territories, wf, a.report)
    o_lines, n_nisbas, n_nstates, n_port, skipped = build_orgs(src, c_keys, states)

    gen = 'Generated by gazetteers/scripts/generate.py from gazetteers/hand/ and the sources below; do not edit.'
    fmt = 'Format: NAME<TAB>LABEL[<TAB>key=value]... (see gazetteers/README.md).'

    write_gazetteer(os.path.join(a.out, 'countries.tsv'), [
        'alam gazetteer: sovereign states (COUNTRY), every line with its ISO 3166-1 alpha-2 code.',
        gen, fmt,
        'Sources:',
        '  icu      ICU 72 / CLDR 42 Arabic territory names (Unicode License, MIT-style)',
        '  i18n     npm i18n-iso-countries 7.14.0, ar.json (MIT)',
        '  geonames GeoNames Arabic country names, from Debian libgeonames-common 0.3.0',
        '           (CC BY 4.0, data by geonames.org)',
        '  hand     press forms written by hand, gazetteers/hand/countries.tsv (MIT)',
        'States: %d (ICU codes minus dependent territories and areas, which are in locations.tsv).' % len(states),
        'canon= is the usual name of the state; a name that differs from another only by hamza/alef form,',
        'ى/ي or ة/ه is listed once (matching folds them).',
        'Entries: %d (%s).' % (len(c_lines), ', '.join('%s %d' % kv for kv in sorted(c_srcs.items()))),
    ], c_lines)

    write_gazetteer(os.path.join(a.out, 'locations.tsv'), [
        'alam gazetteer: places other than states (LOCATION).',
        gen, fmt,
        'Sources:',
        '  hand     regions, seas, rivers and news places written by hand, gazetteers/hand/locations.tsv (MIT)',
        '  icu/i18n/geonames  names of dependent territories from the country lists (see countries.tsv)',
        '  geonames GeoNames cities (CC BY 4.0, data by geonames.org): every capital (PPLC), cities of',
        '           %d+ people, and cities of %d+ in Arab League states; names corrected or dropped by' % (POP_WORLD, POP_ARAB),
        '           hand in gazetteers/hand/geonames_fixes.tsv',
        'GeoNames cities selected: %d; dropped by hand: %d; dropped as not plain Arabic script (Latin-only'
        % (l_stats['geonames selected'], l_stats['hand drop']),
        '  names, punctuation): %d; dropped as common Arabic words: %d (the name occurs at least %d times'
        % (l_stats['invalid'], l_stats['word filter'], FILTER_MIN),
        '  outside any entity in ANERcorp training data, CAMeL split, and more often so than as a location;',
        '  ANERcorp (CC BY-SA 4.0) is only read to filter, no name is taken from it); capitals kept although',
        '  the filter flags them: %d.' % l_stats['capital kept despite filter'],
        'Names that are also country names were left out (the COUNTRY reading wins): %d.' % l_stats['country'],
        'Entries: %d (%s).' % (len(l_lines), ', '.join('%s %d' % kv for kv in sorted(l_srcs.items()))),
    ], l_lines)

    write_gazetteer(os.path.join(a.out, 'orgs-generated.tsv'), [
        'alam gazetteer: governments and ministries of states (ORG), generated.',
        gen, fmt,
        'Patterns: "الحكومة <nationality adjective>" and "وزارة <portfolio> <nationality adjective>".',
        'Sources:',
        '  arwikicats  ArWikiCats nationalities.tsv (feminine adjective with the article) and',
        '              ministry_portfolios.tsv (MIT, as stated in the ArWikiCats README)',
        '  hand        extra adjectives and portfolios, gazetteers/hand/nisbas.tsv and ministries.tsv (MIT)',
        'Adjectives: %d for %d states; portfolios: %d. Hand-written organizations are in orgs.tsv.'
        % (n_nisbas, n_nstates, n_port),
        'Entries: %d.' % len(o_lines),
    ], o_lines)

    if a.report:
        for k, c in skipped:
            warn('nationality not mapped to a state: %s (%s)' % (k, c))
    print('countries.tsv %d' % len(c_lines))
    print('locations.tsv %d' % len(l_lines))
    print('orgs-generated.tsv %d' % len(o_lines))


if __name__ == '__main__':
    main()
