#!/usr/bin/env python3
"""Regenerates alam's generated gazetteers.

    python3 gazetteers/scripts/generate.py [SOURCES_DIR [OUT_DIR]] [--anercorp FILE] [--report]
    python3 gazetteers/scripts/generate.py [SOURCES_DIR] --people-nerar DIR

SOURCES_DIR  the gazetteer sources (default: ../shared/gazetteer-sources relative to the repo root)
OUT_DIR      where to write (default: gazetteers/ in the repo)
--anercorp   ANERcorp training CoNLL file, for the word counts (amb=1) and the harvest
             (default: SOURCES_DIR/../data/anercorp-train/anercorp-train.conll)
--report     print dropped entries and decisions on stderr
--people-nerar DIR  only write DIR/people-nerar.tsv, filtered against the lists in DIR

Writes the files in GENERATED (countries, locations, nisbas, first names, generated orgs, people from
ArWikiCats, the ANERcorp harvest) from the sources, the first 80% of ANERcorp (scripts/corpus.py) and the
hand-written inputs in gazetteers/hand/.  The harvest leaves out names the other lists have, hand-written
ones included.  Output is sorted and carries no date, so two runs give identical files.  Standard library
only, no network.
"""

import argparse
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gazlib import (clean, fold, format_line, read_tsv, sort_key,  # noqa: E402
                    strip_diacritics, valid_name, write_gazetteer)
import corpus as anercorp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(GAZ_DIR)
HAND = os.path.join(GAZ_DIR, 'hand')

GENERATED = ['countries.tsv', 'locations.tsv', 'nisbas.tsv', 'first-names.tsv', 'orgs-generated.tsv',
             'surnames.tsv',
             'people-arwikicats.tsv', 'people-nerar.tsv', 'anercorp-harvest.tsv']

# ISO codes in ICU's list that are not sovereign states: dependent territories, special areas,
# Antarctica.  Their names go to locations.tsv as LOCATION.  Kosovo (XK), Taiwan (TW), Palestine (PS)
# and the Vatican (VA) are kept as states.
NON_STATES = set('''
AI AQ AS AW AX BL BM BQ BV CC CK CW CX DG EA EH FK FO GF GG GI GL GP GS GU HK HM IC IM IO JE KY
MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT
'''.split())
# Territory entries not worth listing as places (administrative groupings, uninhabited).
SKIP_TERRITORIES = set('BV DG GS HM IO TF UM'.split())

# Arab League members.
ARAB_LEAGUE = set('DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE'.split())
POP_WORLD = 100000     # GeoNames cities of this many people or more, everywhere
POP_ARAB = 20000       # ... and of this many in Arab League states
# Head nouns of first-level regions in GeoNames' Arabic names; the name without them is listed too.
REGION_HEADS = ('محافظة', 'منطقة', 'ولاية', 'إمارة', 'شعبية', 'بلدية', 'إقليم', 'مقاطعة', 'لواء', 'جهة')
# The head noun of a state's first-level regions, for the regions GeoNames names without it.
REGION_HEAD = {'AE': 'إمارة', 'BH': 'محافظة', 'DJ': 'إقليم', 'DZ': 'ولاية', 'EG': 'محافظة', 'IQ': 'محافظة',
               'JO': 'محافظة', 'KW': 'محافظة', 'LB': 'محافظة', 'LY': 'شعبية', 'MA': 'جهة', 'MR': 'ولاية',
               'OM': 'محافظة', 'QA': 'بلدية', 'SA': 'منطقة', 'SD': 'ولاية', 'SY': 'محافظة', 'TN': 'ولاية',
               'YE': 'محافظة'}

# Titles that open some Wikipedia titles of people; a PERSON entry never starts with one.
TITLES = set('''الملك الملكة الأمير الأميرة البابا الإمام الشيخ السلطان الرئيس السير القديس القديسة الإمبراطور
الإمبراطورة الخليفة الشاه الدوق الكونت اللورد الليدي المهاتما آية'''.split())
# Family-name particles: never first names (they are NAME_PARTICLE, name-particles.tsv).
PARTICLES = set('بن ابن بنت أبو أبي أبا أم آل عبد ولد ال دي دو دا دل ديل فون فان فان دير لا لو'.split())

SOURCE_NAMES = {
    'icu': 'ICU 72 / CLDR 42 Arabic territory names (Unicode License, MIT-style)',
    'i18n': 'npm i18n-iso-countries 7.14.0, ar.json (MIT)',
    'geonames': 'GeoNames Arabic names from Debian libgeonames-common 0.3.0 (CC BY 4.0, data by geonames.org)',
    'arwikicats': 'ArWikiCats (github ArWikiCats/ArWikiCats; MIT as stated in its README and pyproject)',
    'arabic-names': 'github AKhateeb/arabic-names, male and female first names (MIT)',
    'hand': 'written by hand, gazetteers/hand/ (MIT, same as the code)',
    'people': 'first tokens of the hand-written people.tsv (MIT)',
    'nerar': 'NERAr person dictionaries (github SouhirG/NERAr, (c) 2013 CNRS, BSD-2-Clause)',
}


def warn(msg):
    sys.stderr.write('generate.py: %s\n' % msg)


def tsv_with_header(path):
    with open(path, encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        idx = {k: i for i, k in enumerate(header)}
        rows = []
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) >= len(header):
                rows.append({k: c[i] for k, i in idx.items()})
    return rows


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
    for r in tsv_with_header(os.path.join(src, 'geonames', 'geonames_ar.tsv')):
        pop = r['population'].strip()
        rows.append({
            'key': r['key'].strip(),
            'kind': r['kind'].strip(),
            'ar': clean(r['ar_notashkeel'] or r['ar']),
            'en': r['en_name'].strip(),
            'cc': r['country'].strip(),
            'feature': r['feature'].strip(),
            'pop': int(pop) if pop.isdigit() else 0,
        })
    return rows


def load_nationalities(src):
    return tsv_with_header(os.path.join(src, 'arwikicats', 'nationalities.tsv'))


def load_portfolios(src):
    return {r['en'].strip(): clean(r['with_al']) for r in
            tsv_with_header(os.path.join(src, 'arwikicats', 'ministry_portfolios.tsv'))}


def load_arwikicats_people(src):
    out = {}
    with open(os.path.join(src, 'arwikicats', 'peoples.tsv'), encoding='utf-8') as f:
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) >= 2:
                out.setdefault(c[1].strip(), clean(c[0]))
    return out


def load_wordlist(path):
    with open(path, encoding='utf-8') as f:
        return [clean(l) for l in f if clean(l)]


# ---------------------------------------------------------------- ambiguity

class Ambiguity:
    """amb= decisions: the ANERcorp count (corpus.py), with the overrides of hand/amb.tsv."""

    def __init__(self, corpus):
        self.corpus = corpus
        self.nisba_keys = frozenset()
        self.over = {}
        for n, cols in read_tsv(os.path.join(HAND, 'amb.tsv'), 3):
            if cols[1] not in ('0', '1'):
                raise SystemExit('hand/amb.tsv:%d: expected 0 or 1' % n)
            self.over[fold(clean(cols[0]))] = cols[1]
        self.used = set()
        self.marked = collections.Counter()

    def field(self, name, person=False, what='entity'):
        """Value of amb= for an entry: '1', or None (not ambiguous), or '0' (hand: kept although counted)."""
        k = fold(name)
        if k in self.over:
            self.used.add(k)
            v = self.over[k]
            if v == '1':
                self.marked[what] += 1
            return v
        amb, _ = self.corpus.ambiguous(name, person, self.nisba_keys)
        if amb:
            self.marked[what] += 1
            return '1'
        return None


# ---------------------------------------------------------------- countries

def build_countries(src, report):
    icu = load_icu(src)
    states = [iso for iso, _ in icu if iso not in NON_STATES]
    icu_name = dict(icu)
    drops = set()
    canon = {}
    extra = []
    for n, cols in read_tsv(os.path.join(HAND, 'countries.tsv'), 2):
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
    for iso, name, source in candidates:
        if (iso, fold(name)) in drops:
            if report:
                warn('country dropped by hand: %s (%s, %s)' % (name, iso, source))
            continue
        if iso not in state_set:
            territories.append((iso, name, source))
            continue
        if not valid_name(name):
            if report:
                warn('country dropped, not a plain Arabic name: %s (%s, %s)' % (name, iso, source))
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
    return by_key, canon, territories, states


def country_lines(by_key, canon, amb):
    lines = []
    for k, (name, iso, source) in by_key.items():
        c = canon[iso]
        fields = [('iso', iso), ('canon', c if fold(c) != k else None), ('src', source),
                  ('amb', amb.field(name, what='country'))]
        lines.append((sort_key(name), format_line(name, 'COUNTRY', fields)))
    return [l for _, l in sorted(lines)]


# ---------------------------------------------------------------- nationality adjectives

FORMS = ('m', 'f', 'mpl', 'fpl')


def with_article(s):
    return s if s.startswith('ال') else 'ال' + s


# First words of compound adjectives that take the article alone (الجنوب أفريقي، الجنوب سوداني); in other
# multi-word adjectives every word takes it (الكوري الجنوبي).
COMPOUND_HEADS = ('جنوب', 'شمال', 'شرق', 'غرب', 'وسط')


def definite(form):
    words = form.split()
    if len(words) > 1 and words[0] in COMPOUND_HEADS:
        return ' '.join([with_article(words[0])] + words[1:])
    return ' '.join(with_article(w) for w in words)


def regular_forms(male):
    """Forms of a regular nisba from its masculine singular (فرنسي، كوري جنوبي، جنوب أفريقي)."""
    def inflect(suffix):
        return ' '.join(w if w in COMPOUND_HEADS else w + suffix for w in male.split())
    return {'m': male, 'f': inflect('ة'), 'mpl': inflect('ون'), 'fpl': inflect('ات')}


def expand(forms):
    """Every written form of an adjective: each with and without the article, and the oblique
    plural (ين) beside a sound masculine plural (ون)."""
    out = []
    for k in FORMS:
        v = forms.get(k)
        if not v:
            continue
        variants = [v]
        if k == 'mpl' and v.endswith('ون'):
            variants.append(' '.join(w[:-2] + 'ين' if w.endswith('ون') else w for w in v.split()))
        for x in variants:
            out.append(x)
            out.append(definite(x))
    return out


def build_nisbas(src, country_keys, states, report):
    """{(iso, folded form): (form, src)}, the masculine and feminine definite singulars per iso
    (for the ORG patterns), and the rows not mapped to a state."""
    state_set = set(states) | {'ZZ'}
    name_to_iso = {k: iso for k, (_, iso, _) in country_keys.items()}
    drops = collections.defaultdict(set)     # iso -> folded forms
    adds = []                                # (iso, forms dict, src)
    maps = {}                                # arwikicats country_ar -> iso
    for n, cols in read_tsv(os.path.join(HAND, 'nisbas.tsv'), 3):
        iso, action, rest = cols[0], cols[1], [clean(c) for c in cols[2:] if c]
        if iso not in state_set:
            raise SystemExit('hand/nisbas.tsv:%d: unknown ISO code %s' % (n, iso))
        if action == 'add':
            forms = regular_forms(rest[0]) if len(rest) == 1 else dict(zip(FORMS, rest))
            adds.append((iso, forms, 'hand'))
        elif action == 'drop':
            for r in rest:
                drops[iso].add(fold(r))
        elif action == 'map':
            maps[fold(rest[0])] = iso
        else:
            raise SystemExit('hand/nisbas.tsv:%d: unknown action %s' % (n, action))

    lemmas = []          # (iso, forms, src)
    skipped = []
    for r in load_nationalities(src):
        k = fold(clean(r['country_ar']))
        iso = maps.get(k, name_to_iso.get(k))
        if iso is None or iso not in state_set:
            skipped.append((r['key_en'], r['country_ar']))
            continue
        forms = {'m': clean(r['male']), 'f': clean(r['female']),
                 'mpl': clean(r['males']), 'fpl': clean(r['females'])}
        lemmas.append((iso, forms, 'arwikicats'))
    lemmas += adds

    out = {}
    defs = collections.defaultdict(lambda: {"m": [], "f": []})
    owner = {}
    for iso, forms, s in lemmas:
        if fold(forms.get('m', '')) in drops[iso]:
            continue
        for form in expand(forms):
            k = fold(form)
            if k in drops[iso] or not valid_name(form):
                continue
            if k in owner and owner[k] != iso:
                raise SystemExit('nationality adjective %s given for %s and %s (drop it from one in '
                                 'hand/nisbas.tsv)' % (form, owner[k], iso))
            owner[k] = iso
            out.setdefault((iso, k), (form, s))
        for g in ('m', 'f'):
            v = forms.get(g)
            if v and fold(v) not in drops[iso]:
                d = definite(v)
                if fold(d) not in drops[iso] and valid_name(d) and \
                        fold(d) not in [fold(x) for x, _ in defs[iso][g]]:
                    defs[iso][g].append((d, s))
    if report:
        for key_en, c in skipped:
            warn('nationality not mapped to a state: %s (%s)' % (key_en, c))
    return out, defs, skipped


def nisba_lines(nisbas):
    lines = []
    for (iso, k), (form, s) in nisbas.items():
        lines.append((sort_key(form), format_line(form, 'NISBA', [('iso', iso), ('src', s)])))
    return [l for _, l in sorted(lines)]


# ---------------------------------------------------------------- locations

def city_name(raw):
    """A GeoNames city name as a plain name: the part before a comma (a state or county), hyphens as
    spaces, no brackets."""
    s = re.split('[،,(]', raw)[0]
    s = s.replace('-', ' ')
    return clean(s)


def build_locations(src, country_keys, territories, report):
    entries = {}   # folded -> [name, canon, src]
    stats = collections.Counter()
    dropped = []

    def add(name, canon, source, stat):
        k = fold(name)
        if k in country_keys:
            stats['country name'] += 1
            dropped.append((name, source, 'is a country name'))
            return False
        if k in entries:
            stats['dup'] += 1
            return False
        if canon and fold(canon) == k:
            canon = None
        entries[k] = [name, canon, source]
        stats[stat] += 1
        return True

    # 1. hand-written regions and places
    for n, cols in read_tsv(os.path.join(HAND, 'locations.tsv'), 1):
        name = clean(cols[0])
        canon = clean(cols[1]) if len(cols) > 1 and cols[1] else None
        if not valid_name(name) or (canon and not valid_name(canon)):
            raise SystemExit('hand/locations.tsv:%d: invalid name %r' % (n, name))
        add(name, canon, 'hand', 'hand')

    # 2. capitals, by hand (the test places each of them in sentences)
    capitals = []
    for n, cols in read_tsv(os.path.join(HAND, 'capitals.tsv'), 2):
        iso = cols[0]
        names = [clean(c) for c in cols[1:] if c]
        for name in names:
            if not valid_name(name):
                raise SystemExit('hand/capitals.tsv:%d: invalid name %r' % (n, name))
            capitals.append((iso, name))
            add(name, names[0], 'hand', 'capital')

    # 3. dependent territories from the country lists
    for iso, name, source in territories:
        if iso in SKIP_TERRITORIES:
            continue
        if '(' in name:          # "جزر كوكوس (كيلينغ)" -> "جزر كوكوس"
            name = clean(name.split('(')[0])
        if not valid_name(name):
            dropped.append((name, source, 'not a plain Arabic name'))
            stats['invalid'] += 1
            continue
        add(name, None, source, 'territory')

    # 4. GeoNames cities and (5.) first-level regions of Arab League states
    fixes = {}
    for n, cols in read_tsv(os.path.join(HAND, 'geonames_fixes.tsv'), 2):
        fixes[cols[0]] = cols[1]
    region_fixes = {}
    for n, cols in read_tsv(os.path.join(HAND, 'admin1_fixes.tsv'), 3):
        region_fixes[cols[0]] = (cols[1], cols[2])
    used = set()
    geon = load_geonames(src)
    for r in sorted(geon, key=lambda r: (-r['pop'], r['key'])):
        if r['kind'] != 'city':
            continue
        if not (r['feature'] == 'PPLC' or r['pop'] >= POP_WORLD
                or (r['cc'] in ARAB_LEAGUE and r['pop'] >= POP_ARAB)):
            continue
        stats['geonames cities selected'] += 1
        name = city_name(r['ar'])
        if r['key'] in fixes:
            used.add(r['key'])
            if fixes[r['key']] == '-':
                stats['hand drop'] += 1
                dropped.append((r['ar'], 'geonames', 'hand drop'))
                continue
            name = clean(fixes[r['key']])
        if not valid_name(name):
            stats['invalid'] += 1
            dropped.append((r['ar'], 'geonames', 'not a plain Arabic name'))
            continue
        add(strip_diacritics(name), None, 'geonames', 'geonames city')
    for r in sorted(geon, key=lambda r: r['key']):
        if r['kind'] != 'admin1' or r['cc'] not in ARAB_LEAGUE:
            continue
        stats['geonames regions selected'] += 1
        full, bare = region_forms(r['ar'])
        if full is None and r['cc'] in REGION_HEAD and valid_name(bare):
            full = REGION_HEAD[r['cc']] + ' ' + bare
        if r['key'] in region_fixes:
            used.add(r['key'])
            f2, b2 = region_fixes[r['key']]
            full = full if f2 == '=' else (None if f2 == '-' else clean(f2))
            bare = bare if b2 == '=' else (None if b2 == '-' else clean(b2))
        # The head noun stays out of the entity (ANNOTATION.md, rules/location.rules): where the
        # bare name is listed, محافظة X is found by the head rule as X; the form with its head is
        # listed only for a region whose bare name is a common word (admin1_fixes.tsv: bare '-').
        if bare and valid_name(bare):
            full = None
        for name in (full, bare):
            if not name:
                continue
            if not valid_name(name):
                stats['invalid'] += 1
                dropped.append((name, 'geonames', 'region name not plain Arabic'))
                continue
            add(strip_diacritics(name), None, 'geonames', 'geonames region')
    for k in sorted((set(fixes) | set(region_fixes)) - used):
        warn('hand fixes: GeoNames id %s did not match a selected entry' % k)
    if report:
        for d in dropped:
            warn('location dropped: %s (%s): %s' % d)
    return entries, capitals, stats


def region_forms(raw):
    """(name with its head noun or None, name without it) of a GeoNames admin1 name."""
    name = clean(raw)
    toks = name.split()
    if len(toks) > 1 and toks[0] in REGION_HEADS:
        return name, ' '.join(toks[1:])
    return None, name


def location_lines(entries, amb):
    lines = []
    for k, (name, canon, source) in entries.items():
        fields = [('canon', canon), ('src', source), ('amb', amb.field(name, what='location'))]
        lines.append((sort_key(name), format_line(name, 'LOCATION', fields)))
    return [l for _, l in sorted(lines)]


# ---------------------------------------------------------------- generated orgs

def parse_scope(text, states, where):
    """States a pattern applies to: '*' (every state), ARAB, ISO codes, '-XX' to leave one out."""
    state_set = set(states)
    scope = set()
    for code in text.split(','):
        code = code.strip()
        if code == '*':
            scope |= state_set
        elif code == 'ARAB':
            scope |= ARAB_LEAGUE
        elif code.startswith('-') and code[1:] in state_set:
            scope.discard(code[1:])
        elif code in state_set:
            scope.add(code)
        else:
            raise SystemExit('%s: unknown scope %s' % (where, code))
    return scope


def build_orgs(src, definite, states):
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
        scope = parse_scope(cols[2], states, 'hand/ministries.tsv:%d' % n) if len(cols) > 2 and cols[2] \
            else set(states)
        if fold(p) in [fold(q) for q, _, _ in portfolios]:
            raise SystemExit('hand/ministries.tsv:%d: portfolio %s listed twice' % (n, p))
        portfolios.append((p, s, scope))

    patterns = []
    for n, cols in read_tsv(os.path.join(HAND, 'institutions.tsv'), 2):
        pat = cols[0]
        if pat.count('{m}') + pat.count('{f}') != 1:
            raise SystemExit('hand/institutions.tsv:%d: a pattern needs one {m} or {f}' % n)
        patterns.append((pat, parse_scope(cols[1], states, 'hand/institutions.tsv:%d' % n)))

    out = {}

    def put(name, s, stat):
        if not valid_name(name):
            raise SystemExit('generated ORG name is not plain Arabic: %r' % name)
        if fold(name) not in out:
            out[fold(name)] = (name, s)
            stats[stat] += 1

    stats = collections.Counter()
    for p, psrc, _ in portfolios:
        put('وزارة ' + p, psrc, 'ministries without adjective')
    for iso in sorted(definite):
        if iso == 'ZZ':
            continue
        for p, psrc, scope in portfolios:
            if iso not in scope:
                continue
            for nisba, nsrc in definite[iso]['f']:
                put('وزارة %s %s' % (p, nisba), '+'.join(sorted({psrc, nsrc})), 'ministries')
        for pat, scope in patterns:
            if iso not in scope:
                continue
            g = 'm' if '{m}' in pat else 'f'
            for nisba, nsrc in definite[iso][g]:
                put(pat.replace('{%s}' % g, nisba), '+'.join(sorted({'hand', nsrc})), 'institutions')
    lines = sorted((sort_key(n), format_line(n, 'ORG', [('src', s)])) for n, s in out.values())
    return [l for _, l in lines], stats, len(portfolios), len(patterns)


# ---------------------------------------------------------------- people from ArWikiCats

def build_people_arwikicats(src, hand_keys, report):
    people = load_arwikicats_people(src)
    out = {}
    stats = collections.Counter()
    for n, cols in read_tsv(os.path.join(HAND, 'arwikicats_people.tsv'), 1):
        en = cols[0]
        if en not in people:
            raise SystemExit('hand/arwikicats_people.tsv:%d: %s not in arwikicats/peoples.tsv' % (n, en))
        name = clean(re.split('[(]', people[en])[0])
        if len(cols) > 1 and cols[1]:
            name = clean(cols[1])          # the press form, when the Wikipedia title has a title or gloss
        toks = name.split()
        while toks and toks[0] in TITLES:
            toks = toks[1:]
        name = ' '.join(toks)
        if len(toks) < 2 or not valid_name(name):
            stats['not a full name'] += 1
            if report:
                warn('arwikicats person skipped, not a full plain name: %s (%s)' % (people[en], en))
            continue
        if fold(name) in hand_keys:
            stats['in people.tsv'] += 1
            continue
        out.setdefault(fold(name), name)
        stats['listed'] += 1
    lines = sorted((sort_key(n), format_line(n, 'PERSON', [('src', 'arwikicats')])) for n in out.values())
    return [l for _, l in lines], stats


# ---------------------------------------------------------------- people from NERAr

NERAR_FILES = ('dico-mono-PERS.ar.tsv', 'dico-bi-ar-fr.PERS.ar.tsv')
NERAR_TOKENS = (2, 4)          # full names only, of two to four words
TRIGGER_LABELS = ('TITLE', 'SPEECH_VERB', 'ORG_HEAD', 'LOC_HEAD', 'STATE_HEAD')
PLACE_LABELS = ('COUNTRY', 'LOCATION', 'ORG', 'NISBA')


def load_nerar_people(src):
    """Folded names of NERAr's person dictionaries (first column; the files hold a few bytes that are
    not UTF-8, which are left out with their entry)."""
    out = set()
    for fn in NERAR_FILES:
        with open(os.path.join(src, 'nerar', fn), encoding='utf-8', errors='replace') as f:
            for line in f:
                name = fold(strip_diacritics(clean(line.split('\t')[0])))
                if name and '\ufffd' not in name:
                    out.add(name)
    return out


def nerar_drop_reason(toks, keys, first_tokens):
    """Why a NERAr name is not listed, or None.  keys: {label: folded names} of the other lists."""
    firsts, common = keys['FIRST_NAME'], keys['COMMON']
    particles = {fold(p) for p in PARTICLES} | keys['NAME_PARTICLE']
    if not NERAR_TOKENS[0] <= len(toks) <= NERAR_TOKENS[1] or not valid_name(' '.join(toks)) or \
            min(len(t) for t in toks) < 2 or any(t.startswith('اء') for t in toks):
        return 'not a full plain name'
    if any(t in keys[l] for t in toks for l in TRIGGER_LABELS + PLACE_LABELS):
        return 'a word of another list'
    # A name that ends on a given name or a particle is a part of a longer name (محمد عبد، جان بيير،
    # محمد علي + السعدي), and عبد X alone is a given name: the rules find such names whole.
    if toks[-1] in particles or toks[-1] in firsts or ' '.join(toks[-2:]) in firsts or \
            toks[-1] in SURNAME_TAILS or (len(toks) == 2 and toks[0] == 'عبد'):
        return 'ends on a given name'
    if any(t in common and t not in firsts and t not in particles and t not in keys['PERSON'] for t in toks):
        return 'a common word'               # ان واشنطن، الرجل الثاني، عيد الميلاد
    t0 = toks[0]
    if len(t0) >= 5 and t0[0] in 'لوب' and (t0[1:] in firsts or t0[1:] in first_tokens):
        return 'a proclitic glued on'        # لاميلي موريسمو
    return None


def build_people_nerar(src, keys, report):
    """Full names of NERAr's person dictionaries that no other list has, with the filters of
    nerar_drop_reason."""
    names = load_nerar_people(src)
    listed = set().union(*keys.values())
    first_tokens = {n.split()[0] for n in names}
    stats = collections.Counter()
    out = []
    for name in sorted(names):
        if name in listed:
            stats['listed elsewhere'] += 1
            continue
        why = nerar_drop_reason(name.split(), keys, first_tokens)
        if why:
            stats[why] += 1
            if report and why != 'not a full plain name':
                warn('nerar person dropped (%s): %s' % (why, name))
            continue
        out.append(name)
    lines = sorted((sort_key(n), format_line(n, 'PERSON', [('src', 'nerar')])) for n in out)
    return [l for _, l in lines], stats


GEN_NOTE = 'Generated by gazetteers/scripts/generate.py from gazetteers/hand/ and the sources below; do not edit.'
FORMAT_NOTE = 'Format: NAME<TAB>LABEL[<TAB>key=value]... (see gazetteers/README.md).'


def write_people_nerar(src, out, dirs, report):
    """Writes OUT/people-nerar.tsv, filtered against the lists of dirs (first file name wins); returns
    its lines."""
    keys = list_keys_by_label(dirs, {'anercorp-harvest.tsv', 'people-nerar.tsv'})
    r_lines, r_stats = build_people_nerar(src, keys, report)
    write_gazetteer(os.path.join(out, 'people-nerar.tsv'), [
        'alam gazetteer: full names of people (PERSON) from NERAr, generated.',
        GEN_NOTE, FORMAT_NOTE,
        'Source: ' + SOURCE_NAMES['nerar'] + '; its copyright notice and',
        'license are in gazetteers/README.md.  NERAr stores names in matching form (every alef as ا, ة as ه,',
        'ى as ي, no hamza on alef): so are they here, which matching folds anyway; an entity\'s text is always',
        'taken from the input, never from this list.',
        'Kept: names of %d to %d words of Arabic letters that no other list has.  Left out: a name with a word'
        % NERAR_TOKENS,
        'of a trigger, place, state, organization or nationality list; a name ending on a given name, a',
        'particle or a compound tail (محمد عبد، جان بيير، عبد الفتاح، بهاء الدين: parts of longer names, which the',
        'rules find whole); a name with a common word (common-words.tsv) that is no given name, particle or',
        'surname (ان واشنطن، الرجل الثاني); a first word with a proclitic glued on (لاميلي موريسمو).',
        'Names only: single words are not taken (as surnames alone they cost more precision than they add).',
        'Entries: %d; left out: %s.' % (len(r_lines), counts_text(r_stats)),
    ], r_lines)
    return r_lines


# ---------------------------------------------------------------- first names

def build_first_names(src, hand_people, amb, report):
    drops = set()
    extra = []
    for n, cols in read_tsv(os.path.join(HAND, 'first_names.tsv'), 1):
        flag = cols[1] if len(cols) > 1 else ''
        if flag == 'drop':
            drops.add(fold(clean(cols[0])))
        elif flag == '':
            extra.append(clean(cols[0]))
        else:
            raise SystemExit('hand/first_names.tsv:%d: unknown flag %r' % (n, flag))
    cands = []    # (name, src) in priority order
    for fn in ('male-first--names-in-arabic.txt', 'female-first-names-in-arabic.txt'):
        for name in load_wordlist(os.path.join(src, 'arabic-names', fn)):
            cands.append((name, 'arabic-names'))

    def first_of(full):
        toks = full.split()
        while toks and toks[0] in TITLES:
            toks = toks[1:]
        if len(toks) < 2:
            return None
        if toks[0] == 'عبد' and len(toks) >= 3:
            return toks[0] + ' ' + toks[1]       # عبد الله، عبد الفتاح: the given name is two words
        return toks[0]

    for name in hand_people:
        f = first_of(name)
        if f:
            cands.append((f, 'people'))
    for name in extra:
        cands.append((name, 'hand'))
    for en, ar in sorted(load_arwikicats_people(src).items()):
        f = first_of(clean(re.split('[(]', ar)[0]))
        if f:
            cands.append((f, 'arwikicats'))
    out = {}
    stats = collections.Counter()
    for name, s in cands:
        name = strip_diacritics(name)
        k = fold(name)
        if k in out:
            continue
        if k in drops:
            stats['hand drop'] += 1
            continue
        if not valid_name(name) or len(k.replace(' ', '')) < 2 or name in PARTICLES:
            stats['invalid or particle'] += 1
            continue
        out[k] = (name, s)
        stats[s] += 1
    lines = []
    for k, (name, s) in out.items():
        lines.append((sort_key(name), format_line(name, 'FIRST_NAME', [
            ('src', s), ('amb', amb.field(name, person=True, what='first name'))])))
    return [l for _, l in sorted(lines)], stats


# ---------------------------------------------------------------- surnames

# Last words that never stand for a person alone: regnal numbers, kinship and honorific words.
NOT_SURNAMES = set('''الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الأولى الثانية
الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة عشر الأكبر الأصغر الابن الأب الجد الكبير
الصغير باشا بك بيك خان شاه'''.split())
# Last words that make a surname with the word before them: نصر الله، صلاح الدين، عبد الرحمن.
SURNAME_TAILS = ('الله', 'الدين', 'الرحمن', 'الرحيم', 'العزيز', 'الكريم', 'الحسين')


def list_keys_by_label(dirs, skip):
    """{label: set of folded names} over the lists of the given directories (first file name wins)."""
    seen = set()
    out = collections.defaultdict(set)
    for d in dirs:
        for fn in sorted(os.listdir(d)):
            if not fn.endswith('.tsv') or fn in skip or fn in seen:
                continue
            seen.add(fn)
            with open(os.path.join(d, fn), encoding='utf-8') as f:
                for line in f:
                    if line.startswith('#') or not line.strip():
                        continue
                    cols = line.rstrip('\n').split('\t')
                    if len(cols) > 1:
                        out[cols[1]].add(fold(cols[0]))
    return out


def surname_of(full):
    """The surname of a full name: its last word, or its last two (نصر الله); None when it has none."""
    toks = full.split()
    while toks and toks[0] in TITLES:
        toks = toks[1:]
    if len(toks) < 2:
        return None
    last = toks[-1]
    if last in SURNAME_TAILS:
        if len(toks) < 3 or toks[-2] in PARTICLES:
            return None               # عبد الله، أبو بكر عبد الرحمن: a given name
        return toks[-2] + ' ' + last
    if toks[-2] in ('آل', 'بن', 'ابن', 'ولد') and len(toks) >= 3:
        return toks[-2] + ' ' + last  # آل ثاني، بن سلمان
    if toks[-2] in PARTICLES or last in PARTICLES:
        return None                   # أبو مازن: a kunya, no surname
    return last


def build_surnames(people, keys, amb, report):
    """Surnames of the listed people, for the press's lone mentions (بوش، بلير، أولمرت).  Left out: what
    another list knows (first names, nisbas, places, states, organizations, trigger words), common words,
    words under three letters, regnal numbers; hand/surnames.tsv adds and drops."""
    adds, drops = [], set()
    for n, cols in read_tsv(os.path.join(HAND, 'surnames.tsv'), 1):
        flag = cols[1] if len(cols) > 1 else ''
        if flag == 'drop':
            drops.add(fold(clean(cols[0])))
        elif flag == '':
            adds.append(clean(cols[0]))
        else:
            raise SystemExit('hand/surnames.tsv:%d: unknown flag %r' % (n, flag))
    other = set()
    for label in ('FIRST_NAME', 'NISBA', 'COUNTRY', 'LOCATION', 'ORG', 'TITLE', 'SPEECH_VERB', 'ORG_HEAD',
                  'LOC_HEAD', 'STATE_HEAD', 'NAME_PARTICLE'):
        other |= keys.get(label, set())
    common = keys.get('COMMON', set())
    places = keys.get('COUNTRY', set()) | keys.get('LOCATION', set()) | keys.get('NISBA', set())
    out = {}
    stats = collections.Counter()
    for name, s in [(a, 'hand') for a in adds] + people:
        sn = surname_of(name)
        if s == 'hand':
            sn = name
        if not sn:
            stats['no surname'] += 1
            continue
        sn = strip_diacritics(sn)
        k = fold(sn)
        if k in out:
            continue
        if k in drops:
            stats['hand drop'] += 1
            continue
        if s != 'hand':
            if ' ' not in k and (sn in NOT_SURNAMES or len(k) < 3):
                stats['short or regnal'] += 1
                continue
            if k in common:
                stats['common word'] += 1
                continue
            if k in other or (k.startswith('ال') and k[2:] in places):
                stats['known to another list'] += 1
                if report:
                    warn('surname skipped, known to another list: %s (%s)' % (sn, name))
                continue
        out[k] = (sn, s)
        stats[s] += 1
    lines = []
    for k, (sn, s) in out.items():
        a = amb.field(sn, person=True, what='surname')
        if a is None and k.startswith('ال') and k[2:] in common:
            a = '1'                           # a common word with the article (الأسد): only with context
            amb.marked['surname'] += 1
        lines.append((sort_key(sn), format_line(sn, 'PERSON', [('src', s), ('amb', a)])))
    return [l for _, l in sorted(lines)], stats


# ---------------------------------------------------------------- ANERcorp harvest

HARVEST_MIN = 2


def build_harvest(corp, listed_keys, first_tokens, amb, report):
    drops = {}
    for n, cols in read_tsv(os.path.join(HAND, 'harvest_drops.tsv'), 2):
        drops[fold(clean(cols[0]))] = cols[1]
    # first tokens that are names as they stand: those of the lists, and those of the corpus's entities
    # unless a proclitic could be taken off them leaving another entity's first token (وإسرائيل)
    firsts = set()
    for s in corp.raw:
        for typ, i, j in anercorp.spans(s):
            firsts.add(fold(strip_diacritics(s[i][0])))
    known = set(first_tokens)
    names = firsts | known
    for w in firsts:
        if not (anercorp.stems(w) - {w}) & names:
            known.add(w)
    found = anercorp.harvest(corp, known)
    stats = collections.Counter()
    lines = []
    used = set()
    for k in sorted(found):
        e = found[k]
        n = sum(e['forms'].values())
        if n < HARVEST_MIN:
            continue
        stats['candidates'] += 1
        form = sorted(e['forms'].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        types = e['types'].most_common()
        typ = types[0][0]
        if len(types) > 1 and types[1][1] == types[0][1]:
            stats['tie between types'] += 1
            continue
        if typ not in anercorp.TYPES:
            stats['MISC'] += 1
            continue
        label = anercorp.TYPES[typ]
        if not valid_name(form):
            stats['not plain Arabic'] += 1
            continue
        if k in listed_keys:
            stats['already listed'] += 1
            continue
        if k in drops:
            used.add(k)
            stats['hand drop'] += 1
            if report:
                warn('harvest dropped by hand: %s (%s)' % (form, drops[k]))
            continue
        if label == 'PERSON' and ' ' not in k:
            stats['single-token person'] += 1
            continue
        if ' ' not in k:
            common, detail = corp.ambiguous(form, False, amb.nisba_keys)
            words = corp.evidence(form, False, amb.nisba_keys)[0]
            if common or words >= 1:
                stats['single token also a word'] += 1
                if report:
                    warn('harvest skipped, also a word: %s (%s)' % (form, detail))
                continue
        stats[label] += 1
        lines.append((sort_key(form), format_line(form, label, [('src', 'anercorp')])))
    for k in sorted(set(drops) - used):
        warn('hand/harvest_drops.tsv: %s did not match a candidate' % k)
    return [l for _, l in sorted(lines)], stats


# ---------------------------------------------------------------- main

def read_hand_list(path, label):
    out = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            cols = line.rstrip('\n').split('\t')
            if len(cols) > 1 and cols[1] == label:
                out.append(cols[0])
    return out


def all_list_keys(out_dir, skip):
    """Folded names of every list in the directory except the files in skip."""
    keys = set()
    for fn in sorted(os.listdir(out_dir)):
        if fn.endswith('.tsv') and fn not in skip:
            with open(os.path.join(out_dir, fn), encoding='utf-8') as f:
                for line in f:
                    if line.startswith('#') or not line.strip():
                        continue
                    keys.add(fold(line.split('\t')[0]))
    return keys


def counts_text(srcs):
    return ', '.join('%s %d' % kv for kv in sorted(srcs.items()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('sources', nargs='?', default=os.path.join(REPO, '..', 'shared', 'gazetteer-sources'))
    ap.add_argument('out', nargs='?', default=GAZ_DIR)
    ap.add_argument('--anercorp', default=None)
    ap.add_argument('--report', action='store_true')
    ap.add_argument('--people-nerar', metavar='DIR', help='only write DIR/people-nerar.tsv, filtered against '
                    'the lists in DIR (bench/anercorp-folds.py: a fold\'s own common words)')
    a = ap.parse_args()
    src = os.path.normpath(a.sources)
    if a.people_nerar:
        target = os.path.join(a.people_nerar, 'people-nerar.tsv')
        if os.path.islink(target):
            os.unlink(target)             # a data directory of links: write its own file, not the link's
        print('people-nerar.tsv %d' % len(write_people_nerar(src, a.people_nerar, [a.people_nerar], a.report)))
        return
    ner = a.anercorp or anercorp.default_path(src)
    if not os.path.isdir(src):
        raise SystemExit('sources not found: %s' % src)
    if not os.path.isfile(ner):
        raise SystemExit('ANERcorp file not found (needed for amb= and the harvest): %s' % ner)
    os.makedirs(a.out, exist_ok=True)
    corp = anercorp.Corpus(ner)
    amb = Ambiguity(corp)

    gen, fmt = GEN_NOTE, FORMAT_NOTE
    amb_doc = [
        'amb=1: the key is also a common word, counted in the first %d%% of the ANERcorp training sentences'
        % int(anercorp.TRAIN_SHARE * 100),
        '  (sentences 1-%d of %d; CC BY-SA 4.0, read only to count): a single-token key is ambiguous when'
        % (corp.cut, corp.total),
        '  O(key) + O(ال + key) >= %d and more than %g x its occurrences inside %s'
        % (anercorp.AMB_MIN, anercorp.AMB_RATIO, '{person}'),
        '  (gazetteers/scripts/corpus.py); hand/amb.tsv overrides a few counts, with reasons.  An amb=1',
        '  entry counts only with support from context.',
    ]

    def amb_header(person=False):
        return [l.replace('{person}', 'a person name (B-PERS/I-PERS)' if person else 'an entity')
                for l in amb_doc]

    # countries and nationality adjectives
    c_keys, canon, territories, states = build_countries(src, a.report)
    nisbas, definite, skipped = build_nisbas(src, c_keys, states, a.report)
    amb.nisba_keys = frozenset(k for (_, k) in nisbas)
    c_lines = country_lines(c_keys, canon, amb)
    c_srcs = collections.Counter(s for _, _, s in c_keys.values())
    write_gazetteer(os.path.join(a.out, 'countries.tsv'), [
        'alam gazetteer: sovereign states (COUNTRY), every line with its ISO 3166-1 alpha-2 code.',
        gen, fmt,
        'Sources:',
        '  icu      ' + SOURCE_NAMES['icu'],
        '  i18n     ' + SOURCE_NAMES['i18n'],
        '  geonames ' + SOURCE_NAMES['geonames'],
        '  hand     press forms, gazetteers/hand/countries.tsv (MIT)',
        'States: %d (ICU codes minus dependent territories and areas, which are in locations.tsv).' % len(states),
        'canon= is the usual name of the state; a name that differs from another only by hamza/alef form,',
        'ى/ي or ة/ه is listed once (matching folds them).  "دولة X" is listed only where the press uses it',
        'as the name of the state (دولة الإمارات); elsewhere دولة stays out of the span.',
    ] + amb_header() + [
        'Entries: %d (%s); amb=1: %d.' % (len(c_lines), counts_text(c_srcs), amb.marked['country']),
    ], c_lines)

    n_lines = nisba_lines(nisbas)
    n_srcs = collections.Counter(s for (_, s) in nisbas.values())
    write_gazetteer(os.path.join(a.out, 'nisbas.tsv'), [
        'alam gazetteer: nationality adjectives (NISBA), a class label: not entities by themselves, an input',
        'to rules (context, and the country attribute of an ORG they end: وزارة الدفاع الفرنسية -> FR).',
        gen, fmt,
        'Every form: masculine and feminine singular, masculine plural (ون and ين) and feminine plural (ات),',
        'each with and without the article ال.  iso= is the state the adjective refers to; iso=ZZ marks an',
        'adjective of no single state (regional or international: العربية، الأوروبية، الخليجية، الدولية،',
        'الأممية ...).',
        'Sources:',
        '  arwikicats  ArWikiCats nationalities.tsv (MIT as stated in its README): rows mapped to a state',
        '              through the country names of countries.tsv; %d rows of non-states left out' % len(skipped),
        '  hand        adjectives added, mapped or dropped by hand, gazetteers/hand/nisbas.tsv (MIT); dropped',
        '              among others: المالي/المالية (Mali; also "financial")',
        'Entries: %d for %d states and ZZ (%s).' % (len(n_lines), len({i for i, _ in nisbas}) - 1,
                                                 counts_text(n_srcs)),
    ], n_lines)

    # locations
    l_entries, capitals, l_stats = build_locations(src, set(c_keys), territories, a.report)
    l_lines = location_lines(l_entries, amb)
    l_srcs = collections.Counter(e[2] for e in l_entries.values())
    write_gazetteer(os.path.join(a.out, 'locations.tsv'), [
        'alam gazetteer: places other than states (LOCATION).',
        gen, fmt,
        'Sources:',
        '  hand      regions, seas, rivers and news places (gazetteers/hand/locations.tsv) and the capital of',
        '            every state with its press variants (gazetteers/hand/capitals.tsv); MIT',
        '  icu/i18n  names of dependent territories from the country lists (see countries.tsv)',
        '  geonames  ' + SOURCE_NAMES['geonames'] + ':',
        '            every capital (PPLC), cities of %d+ people worldwide and of %d+ in Arab League states,'
        % (POP_WORLD, POP_ARAB),
        '            and the first-level regions (admin1) of Arab League states, without their head noun (the',
        '            head rule finds محافظة X as X), with it (محافظة، ولاية، منطقة ...: the state\'s usual one',
        '            where GeoNames has none) only where the bare name is a common word; corrected',
        '            or dropped by hand in gazetteers/hand/',
        '            geonames_fixes.tsv and admin1_fixes.tsv',
        'GeoNames cities selected: %d, regions: %d; dropped by hand: %d; not plain Arabic script: %d.'
        % (l_stats['geonames cities selected'], l_stats['geonames regions selected'], l_stats['hand drop'],
           l_stats['invalid']),
        'Names that are also country names are left out (the COUNTRY reading wins): %d.' % l_stats['country name'],
    ] + amb_header() + [
        'Entries: %d (%s); amb=1: %d.' % (len(l_lines), counts_text(l_srcs), amb.marked['location']),
    ], l_lines)

    # generated orgs
    o_lines, o_stats, n_port, n_pat = build_orgs(src, definite, states)
    write_gazetteer(os.path.join(a.out, 'orgs-generated.tsv'), [
        'alam gazetteer: state institutions (ORG), generated.',
        gen, fmt,
        'Patterns: "وزارة <portfolio>" alone and "وزارة <portfolio> <adjective>" for the states that have such a',
        'ministry (gazetteers/hand/ministries.tsv: %d portfolios), and the institutions of' % n_port,
        'gazetteers/hand/institutions.tsv (%d patterns: الحكومة، البرلمان، الجيش، البنك المركزي، مجلس النواب ...' % n_pat,
        'followed by the adjective of a state that has one).  The adjectives are the definite singulars of',
        'nisbas.tsv (feminine or masculine as the head noun requires).',
        'Sources:',
        '  arwikicats  ArWikiCats nationalities.tsv and ministry_portfolios.tsv (MIT, as stated in its README)',
        '  hand        adjectives, portfolios and patterns by hand, gazetteers/hand/ (MIT)',
        'src= names the source of each part: arwikicats+hand is a hand pattern or portfolio with an ArWikiCats',
        'adjective.',
        'Entries: %d (%s). Hand-written organizations are in orgs.tsv.' % (len(o_lines), counts_text(o_stats)),
    ], o_lines)

    # people from ArWikiCats
    hand_people = read_hand_list(os.path.join(GAZ_DIR, 'people.tsv'), 'PERSON')
    p_lines, p_stats = build_people_arwikicats(src, {fold(n) for n in hand_people}, a.report)
    write_gazetteer(os.path.join(a.out, 'people-arwikicats.tsv'), [
        'alam gazetteer: people (PERSON) from ArWikiCats peoples.tsv, generated.',
        gen, fmt,
        'Source: ' + SOURCE_NAMES['arwikicats'] + '; names are Arabic Wikipedia titles.',
        'Only the politicians and historic figures chosen by hand in gazetteers/hand/arwikicats_people.tsv',
        '(by English key), as full names of two or more tokens, titles (الملك، البابا ...) taken off; names',
        'already in the hand-written people.tsv are left to it.',
        'Entries: %d; skipped as not full plain names: %d, as already in people.tsv: %d.'
        % (len(p_lines), p_stats['not a full name'], p_stats['in people.tsv']),
    ], p_lines)

    # first names
    f_lines, f_stats = build_first_names(src, hand_people, amb, a.report)
    write_gazetteer(os.path.join(a.out, 'first-names.tsv'), [
        'alam gazetteer: given names (FIRST_NAME), a class label: not entities by themselves, an input to rules.',
        gen, fmt,
        'Arabic and foreign given names as the Arabic press writes them; "عبد X" compounds as one name.',
        'Sources (src=):',
        '  arabic-names  ' + SOURCE_NAMES['arabic-names'],
        '  people        ' + SOURCE_NAMES['people'],
        '  hand          additions and drops, gazetteers/hand/first_names.tsv (MIT)',
        '  arwikicats    first tokens of the full names of ArWikiCats peoples.tsv (MIT as stated in its',
        '                README; Wikipedia titles), titles and particles left out',
        'NERAr is not used here: its first words as given names did not help (people-nerar.tsv has its',
        'full names).',
    ] + amb_header(person=True) + [
        'Entries: %d (%s); amb=1: %d.' % (len(f_lines), counts_text({k: v for k, v in f_stats.items()
                                                                       if k in SOURCE_NAMES}),
                                        amb.marked['first name']),
    ], f_lines)

    # surnames of the listed people: every other list must be written first
    keys = list_keys_by_label([a.out, GAZ_DIR], {'anercorp-harvest.tsv', 'surnames.tsv'})
    arw_people = read_hand_list(os.path.join(a.out, 'people-arwikicats.tsv'), 'PERSON')
    s_lines, s_stats = build_surnames([(n, 'people') for n in hand_people] +
                                      [(n, 'arwikicats') for n in arw_people], keys, amb, a.report)
    write_gazetteer(os.path.join(a.out, 'surnames.tsv'), [
        'alam gazetteer: surnames of listed people (PERSON, single words), generated.',
        gen, fmt,
        'The press names a known figure by the surname alone (بوش، بلير، أولمرت، السنيورة), often with no',
        'full name in the same text.  Sources (src=):',
        '  people      the last word of each full name of people.tsv (MIT)',
        '  arwikicats  the same for people-arwikicats.tsv (ArWikiCats, MIT as stated in its README)',
        '  hand        additions and drops, gazetteers/hand/surnames.tsv (MIT)',
        'A surname is the last word (two with نصر الله، صلاح الدين، آل ثاني، بن سلمان); none for a kunya',
        '(أبو مازن) or a given name (عبد الله).  Left out: words of fewer than three letters, regnal numbers,',
        'and every word another list knows: first names (a first name alone needs a title or a verb: the',
        'rules), nationality adjectives, places and states (with and without the article), organizations,',
        'trigger words, common words (common-words.tsv).  A common word with the article (الأسد "the lion")',
        'gets amb=1.',
    ] + amb_header(person=True) + [
        'Entries: %d (%s); amb=1: %d.' % (len(s_lines), counts_text({k: v for k, v in s_stats.items()
                                                                       if k in SOURCE_NAMES}),
                                        amb.marked['surname']),
    ], s_lines)

    # people from NERAr: after every list but the harvest, whose names it leaves out
    r_lines = write_people_nerar(src, a.out, [a.out, GAZ_DIR], a.report)

    # ANERcorp harvest: everything else must be written first (names already listed are left out)
    listed = all_list_keys(a.out, {'anercorp-harvest.tsv'})
    listed |= all_list_keys(GAZ_DIR, {'anercorp-harvest.tsv'} | set(GENERATED))
    first_tokens = {k.split(' ')[0] for k in listed}
    h_lines, h_stats = build_harvest(corp, listed, first_tokens, amb, a.report)
    write_gazetteer(os.path.join(a.out, 'anercorp-harvest.tsv'), [
        'alam gazetteer: names harvested from ANERcorp (PERSON, ORG, LOCATION), generated.',
        'LICENSE: CC BY-SA 4.0, like ANERcorp (Benajiba & Rosso 2007; CAMeL Lab split, Obeid et al. 2020),',
        'and unlike the other lists of this folder: keep this file separate, and credit ANERcorp if you',
        'redistribute it.',
        gen, fmt,
        'Only the first %d%% of the sentences of the training file are read (sentences 1-%d of %d; a'
        % (int(anercorp.TRAIN_SHARE * 100), corp.cut, corp.total),
        'sentence is a block between blank lines): the last 20% are the development part on which alam is',
        'measured and are never harvested.',
        'Kept: entities (PERS -> PERSON, ORG, LOC -> LOCATION; MISC left out) seen at least %d times, under'
        % HARVEST_MIN,
        'their most frequent type and spelling, proclitic taken off (والعراق -> العراق); PERSON only with two',
        'or more tokens; not a single token that the corpus also has as a plain word (any O occurrence of it',
        'or of its article form); not a name any other list already has; not the noise of',
        'gazetteers/hand/harvest_drops.tsv.  Spellings are the corpus\'s (often without hamza: matching folds',
        'it).',
        'Entries: %d (%s).' % (len(h_lines), counts_text({k: v for k, v in h_stats.items()
                                                         if k in ('PERSON', 'ORG', 'LOCATION')})),
    ], h_lines)

    for k in sorted(set(amb.over) - amb.used):
        warn('hand/amb.tsv: %s matched no generated entry' % k)
    if a.report:
        warn('locations: %s' % dict(l_stats))
        warn('first names: %s' % dict(f_stats))
        warn('people-arwikicats: %s' % dict(p_stats))
        warn('harvest: %s' % dict(h_stats))
    for fn, lines in (('countries.tsv', c_lines), ('locations.tsv', l_lines), ('nisbas.tsv', n_lines),
                      ('first-names.tsv', f_lines), ('orgs-generated.tsv', o_lines),
                      ('people-arwikicats.tsv', p_lines), ('surnames.tsv', s_lines),
                      ('people-nerar.tsv', r_lines),
                      ('anercorp-harvest.tsv', h_lines)):
        print('%s %d' % (fn, len(lines)))


if __name__ == '__main__':
    main()
