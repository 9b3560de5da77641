#!/bin/sh
# tests/rules/run.sh BUILD_DIR - the context rules, label by label.
# Each tests/rules/LABEL.tsv holds SENTENCE<TAB>EXPECTED lines (the negative
# cases too); the sentences are annotated with the project's rules
# (gazetteers/rules/), its trigger and common-word lists, and the fixed
# lists of tests/rules/lists/ instead of the growing gazetteers.  Then the
# rule files' errors: file, line and column.
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
[ $# -eq 1 ] || { echo "usage: tests/rules/run.sh BUILD_DIR" >&2; exit 2; }
case "$1" in /*) BUILD=$1 ;; *) BUILD=$PWD/$1 ;; esac
cd "$(dirname "$0")/../.." || exit 2
ALAM="$BUILD/alam"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

data="$T/data"
mkdir -p "$data/rules"
cp gazetteers/rules/*.rules "$data/rules/"
cp gazetteers/triggers.tsv gazetteers/common-words.tsv gazetteers/namelike.ngrams tests/rules/lists/*.tsv "$data/"

# ---- sentences per label ----
for f in tests/rules/*.tsv; do
    grep -v '^#' "$f" | grep -v '^$' | cut -f1 >"$T/in"
    "$ALAM" --data "$data" --lines <"$T/in" >"$T/out" 2>"$T/err" ||
        { echo "not ok rules $(basename "$f"): exit $?: $(head -1 "$T/err")"; continue; }
    python3 - "$f" "$T/out" <<'PY'
import json, sys
cases = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8')
         if l.strip() and not l.startswith('#')]
outs = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
name = sys.argv[1].split('/')[-1][:-4]
for (sentence, want), got in zip(cases, outs):
    have = []
    for e in got['entities']:
        if e['label'] == 'DATE':
            continue
        s = '%s:%s' % (e['label'], e['text'])
        if ':country=' in want or ':iso=' in want:
            if e.get('country'):
                s += ':country=' + e['country']
            elif e.get('iso'):
                s += ':iso=' + e['iso']
        have.append(s)
    have = '|'.join(have) or '-'
    if have == want:
        print('ok rules %s: %s' % (name, sentence))
    else:
        print('not ok rules %s: %s: got %s, want %s' % (name, sentence, have, want))
if len(cases) != len(outs):
    print('not ok rules %s: %d outputs for %d sentences' % (name, len(outs), len(cases)))
PY
done

# ---- errors in rule files name the file, line and column ----
bad_rule() {    # name expected-message-part rule-text
    rm -rf "$T/bad"
    mkdir -p "$T/bad/rules"
    cp tests/rules/lists/test-lists.tsv "$T/bad/"
    printf '%s\n' "$3" >"$T/bad/rules/bad.rules"
    echo "x" | "$ALAM" --data "$T/bad" >/dev/null 2>"$T/err"
    rc=$?
    if [ "$rc" -eq 1 ] && grep -qF -- "$2" "$T/err"; then
        echo "ok rules error: $1"
    else
        echo "not ok rules error: $1: exit $rc: $(head -1 "$T/err")"
    fi
}
bad_rule "unknown class" "bad.rules:2:17: unknown class or pattern name (at 'TITEL')" \
    "rule x.a PERSON 50
    <[UNKNOWN]> TITEL"
bad_rule "unknown class in brackets" "bad.rules:1:29: unknown class name (at 'NOPE')" \
    "rule x.b PERSON 50: <[ART & NOPE]>"
bad_rule "no entity group" "bad.rules:1:6: rule x.c: a rule needs one entity < >" \
    "rule x.c PERSON 50
    TITLE UNKNOWN
"
bad_rule "two entity groups" "one entity < > per rule" \
    "rule x.d PERSON 50
    <TITLE> <UNKNOWN>"
bad_rule "bad label" "bad.rules:1:10: expected a label" \
    "rule x.e PEOPLE 50 <UNKNOWN>"
bad_rule "duplicate id" "rule id 'x.f' already used (" \
    "rule x.f PERSON 50 <UNKNOWN>
rule x.f ORG 50 <UNKNOWN>"
bad_rule "unterminated word" "bad.rules:1:21: unterminated \"word\"" \
    "rule x.g PERSON 50 <\"عبد>"
bad_rule "indented first statement" "bad.rules:1:3: a statement starts at column 1" \
    "  rule x.h PERSON 50 <UNKNOWN>"
bad_rule "never matching class" "can never match" \
    "rule x.i PERSON 50 <[TITLE & !TITLE]>"
bad_rule "unknown statement" "bad.rules:1:1: expected class, pattern or rule" \
    "rules x.j PERSON 50 <UNKNOWN>"

# ---- a rule with no trigger (its first token needs no class) is searched ----
rm -rf "$T/any"
mkdir -p "$T/any/rules"
cp tests/rules/lists/test-lists.tsv "$T/any/"
printf 'rule t.any PERSON 60\n    [!LATIN] <UNKNOWN UNKNOWN> "وصل"\n' >"$T/any/rules/t.rules"
out=$(echo "ثم نفتالي بينيت وصل" | "$ALAM" --data "$T/any" --format table --explain 2>"$T/err")
case "$out" in
*"نفتالي بينيت  <- rule t.any"*) echo "ok rules search: a rule without a trigger" ;;
*) echo "not ok rules search: $out $(head -1 "$T/err")" ;;
esac

# ---- the second-token check: a rule is tried at a token only when the next
# token can be its second; optional items, repetitions, alternatives of other
# lengths and named patterns must not hide a possible second token ----
rm -rf "$T/two"
mkdir -p "$T/two/rules"
cp tests/rules/lists/test-lists.tsv "$T/two/"
cat >"$T/two/rules/t.rules" <<'RULES'
pattern LEAD = "حضر" "أمس"?
rule t.opt PERSON 60
    "وصل" "السيد"? <UNKNOWN UNKNOWN> "فجأة"
rule t.rep PERSON 60
    "قابل"+ <UNKNOWN UNKNOWN> "فجأة"
rule t.alt PERSON 60
    ( "غادر" | "رحل" "أمس" ) <UNKNOWN UNKNOWN> "فجأة"
rule t.pat PERSON 60
    LEAD <UNKNOWN UNKNOWN> "فجأة"
RULES
two() {    # sentence rule-id
    out=$(echo "$1" | "$ALAM" --data "$T/two" --format table --explain 2>"$T/err")
    case "$out" in
    *"نفتالي بينيت  <- rule $2"*) echo "ok rules second token: $1" ;;
    *) echo "not ok rules second token: $1: $out $(head -1 "$T/err")" ;;
    esac
}
two "وصل نفتالي بينيت فجأة" t.opt
two "وصل السيد نفتالي بينيت فجأة" t.opt
two "قابل نفتالي بينيت فجأة" t.rep
two "قابل قابل نفتالي بينيت فجأة" t.rep
two "غادر نفتالي بينيت فجأة" t.alt
two "رحل أمس نفتالي بينيت فجأة" t.alt
two "حضر نفتالي بينيت فجأة" t.pat
two "حضر أمس نفتالي بينيت فجأة" t.pat

# ---- rule words: up to 511 distinct ones in up to 239 groups ----
# (words that every test takes or leaves together share a literal code)
word() {    # I: the I-th word of letters: qaa, qab, ...
    awk -v i="$1" 'BEGIN { a = "abcdefghijklmnopqrstuvwxyz"
        printf "q%s%s", substr(a, int(i / 26) + 1, 1), substr(a, i % 26 + 1, 1) }'
}
words() {    # N: one rule over a class of N words
    printf 'class W ='
    i=0
    while [ $i -lt "$1" ]; do
        [ $i -eq 0 ] || printf ' |'
        printf ' "%s"' "$(word $i)"
        i=$((i + 1))
    done
    printf '\nrule t.many PERSON 60\n    [W] <UNKNOWN UNKNOWN>\n'
}
groups() {    # N: N rules, each over a word of its own
    i=0
    while [ $i -lt "$1" ]; do
        printf 'rule t.w%d PERSON 60\n    "%s" <UNKNOWN UNKNOWN>\n' $i "$(word $i)"
        i=$((i + 1))
    done
}
rm -rf "$T/many"
mkdir -p "$T/many/rules"
cp tests/rules/lists/test-lists.tsv "$T/many/"
many() {    # NAME SENTENCE RULE: the rule found نفتالي بينيت after the word
    out=$(echo "$2 نفتالي بينيت" | "$ALAM" --data "$T/many" --format table --explain 2>"$T/err")
    case "$out" in
    *"نفتالي بينيت  <- rule $3"*) echo "ok rules words: $1" ;;
    *) echo "not ok rules words: $1: $out $(head -1 "$T/err")" ;;
    esac
}
too_many() {    # NAME PATTERN: loading the rules fails with PATTERN in the message
    echo "x" | "$ALAM" --data "$T/many" >/dev/null 2>"$T/err"
    if grep -q "$2" "$T/err"; then
        echo "ok rules words: $1"
    else
        echo "not ok rules words: $1: $(head -1 "$T/err")"
    fi
}
words 511 >"$T/many/rules/t.rules"
many "the 511th distinct word of one class" "$(word 510)" t.many
words 512 >"$T/many/rules/t.rules"
too_many "the 512th is an error, with its place" \
    "t.rules:1:.*too many distinct \"words\" in the rules (at most 511)"
groups 239 >"$T/many/rules/t.rules"
many "the 239th group of words" "$(word 238)" t.w238
many "the first group of words" "$(word 0)" t.w0
groups 240 >"$T/many/rules/t.rules"
too_many "the 240th group is an error, with its place" \
    "t.rules:480:.*too many groups of \"words\" in the rules (at most 239"

# ---- a rule file in the stamp: the compiled image goes stale when it changes ----
rm -rf "$T/img"
mkdir -p "$T/img/rules"
cp tests/rules/lists/test-lists.tsv "$T/img/"
printf 'rule t.a PERSON 60\n    "حضر" <UNKNOWN UNKNOWN>\n' >"$T/img/rules/t.rules"
"$ALAM" compile --data "$T/img" 2>"$T/err"
out=$(echo "حضر نفتالي بينيت" | "$ALAM" --data "$T/img" 2>"$T/err")
case "$out" in
*'"id":"t.a"'*) [ -s "$T/err" ] && echo "not ok rules image: $(head -1 "$T/err")" \
                                 || echo "ok rules image: rule words are in the image" ;;
*) echo "not ok rules image: $out" ;;
esac
sleep 0.01
printf 'rule t.b PERSON 60\n    "غادر" <UNKNOWN UNKNOWN>\n' >>"$T/img/rules/t.rules"
out=$(echo "غادر نفتالي بينيت" | "$ALAM" --data "$T/img" 2>"$T/err")
if grep -q "stale" "$T/err" && echo "$out" | grep -q '"id":"t.b"'; then
    echo "ok rules image: a changed rule file makes the image stale"
else
    echo "not ok rules image: stale image not detected: $(head -1 "$T/err") $out"
fi
