#!/bin/sh
# tests/batch/run.sh BUILD_DIR - corpus-scale behaviour of the command:
# JSONL records, one output per input, -j, trees, formats, pipes, signals.
# Prints "ok NAME" / "not ok NAME: why" per check.
set -u
B=$1
ROOT=$(pwd)
A="$ROOT/$B/alam --data $ROOT/tests/data/gaz"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok $1"; }
no() { echo "not ok $1: $2"; fails=$((fails + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else no "$1" "got '$2', want '$3'"; fi; }
starts() {    # name text prefix
    case "$2" in "$3"*) ok "$1" ;; *) no "$1" "got '$2', want it to start '$3'" ;; esac
}

# ---- JSONL: one output line per input line, fields kept, errors in place
printf '%s\n' '{"id":1,"text":"زار إيمانويل ماكرون بغداد","n":12345678901234567890,"x":1.10}' \
    'not json' '[1,2]' '{"id":3}' '{"text":5}' '' \
    '{"text":"فرنسا","entities":"old"}' '{"body":"باريس"}' >"$T/in.jsonl"
$A --jsonl "$T/in.jsonl" >"$T/out.jsonl" 2>"$T/err"
rc=$?
check "jsonl: exit 1 when records were bad" "$rc" 1
check "jsonl: one output line per input line" "$(wc -l <"$T/out.jsonl")" 8
starts "jsonl: fields kept byte for byte, in order" \
    "$(head -1 "$T/out.jsonl")" \
    '{"id":1,"text":"زار إيمانويل ماكرون بغداد","n":12345678901234567890,"x":1.10,"entities":[{'
check "jsonl: bad line answered in its place" "$(sed -n 2p "$T/out.jsonl")" \
    '{"error":"not valid JSON","line":2}'
check "jsonl: missing field" "$(sed -n 4p "$T/out.jsonl")" \
    '{"error":"no string field \"text\"","line":4}'
check "jsonl: empty line is a bad record" "$(sed -n 6p "$T/out.jsonl")" \
    '{"error":"not valid JSON","line":6}'
starts "jsonl: existing entities field replaced" \
    "$(sed -n 7p "$T/out.jsonl")" '{"text":"فرنسا","entities":[{"s'
check "jsonl: count of bad records on stderr" "$(tail -1 "$T/err")" \
    'alam: error: 6 bad records (error records written in their place)'
starts "jsonl: --text-field" \
    "$(printf '{"body":"باريس"}\n' | $A --jsonl --text-field body)" \
    '{"body":"باريس","entities":[{"'

# ---- -j: the same bytes for every N
for i in $(seq 300); do
    sed -n "$((i % 40 + 1))p" examples/pegasus.txt
    printf 'line %d: زار بيني غانتس باريس يوم الخميس \377\n' "$i"
done >"$T/many.txt"
$A --lines -j 1 "$T/many.txt" >"$T/j1" 2>"$T/e1"
same=0
for j in 2 3 8; do
    $A --lines -j $j "$T/many.txt" >"$T/jn" 2>"$T/en"
    cmp -s "$T/j1" "$T/jn" && cmp -s "$T/e1" "$T/en" || same=1
done
check "-j 1, 2, 3, 8 give identical output and messages" "$same" 0
check "-j: one record per line" "$(wc -l <"$T/j1")" "$(wc -l <"$T/many.txt")"
printf '{"text":"باريس"}\n%.0s' $(seq 5000) >"$T/big.jsonl"
$A --jsonl -j 1 "$T/big.jsonl" >"$T/b1"
$A --jsonl -j 4 "$T/big.jsonl" >"$T/b4"
cmp -s "$T/b1" "$T/b4"; check "-j with jsonl across many batches" "$?" 0

# ---- many files: -o mirrors the tree, complete files only
mkdir -p "$T/corpus/a/b" "$T/corpus/c"
printf 'زار إيمانويل ماكرون باريس' >"$T/corpus/a/one.txt"
printf 'قالت فرنسا' >"$T/corpus/a/b/two.txt"
printf 'في بغداد' >"$T/corpus/c/three.txt"
$A -r -o "$T/out" "$T/corpus"
check "-r -o: exit 0" "$?" 0
check "-r -o: mirrors the tree" "$(cd "$T/out" && find . -type f | sort | tr '\n' ' ')" \
    "./a/b/two.json ./a/one.json ./c/three.json "
starts "-r -o: output content" "$(cat "$T/out/a/b/two.json")" \
    "{\"file\":\"$T/corpus/a/b/two.txt\",\"entities\":[{\"start\":5,"
printf 'x' >"$T/out/c/three.json"
$A -r --skip-existing -o "$T/out" "$T/corpus"
check "--skip-existing leaves existing outputs" "$(cat "$T/out/c/three.json")" x
check "no temporary files left" "$(find "$T/out" -name '*.tmp*' | wc -l)" 0
$A -o "$T/brat" --format brat "$T/corpus/a/one.txt"
check "brat: .ann standoff" "$(cat "$T/brat/$T/corpus/a/one.ann" 2>/dev/null | head -1)" \
    "$(printf 'T1\tPERSON 4 19\tإيمانويل ماكرون')"
check "brat: the text beside it" "$(cat "$T/brat/$T/corpus/a/one.txt" 2>/dev/null)" 'زار إيمانويل ماكرون باريس'
$A --format brat "$T/corpus/a/one.txt" >/dev/null 2>&1
check "brat without -o is misuse" "$?" 2
$A -o "$T/html" --format html "$T/corpus/a/one.txt"
page="$T/html/$T/corpus/a/one.html"
grep -q 'dir="rtl"' "$page" && grep -q '<mark class="LOCATION" title="LOCATION' "$page"
check "html: right-to-left page with marked entities" "$?" 0
if command -v chromium >/dev/null 2>&1; then
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --user-data-dir="$T/chr" --dump-dom "file://$page" 2>/dev/null >"$T/dom"
    grep -q '<mark class="PERSON"' "$T/dom"
    check "html: a real browser renders the marks" "$?" 0
else
    echo "ok html in a browser # skipped: no chromium installed"
fi

# ---- pipes and failures
$A --lines "$T/many.txt" 2>"$T/pipe.err" | head -1 >/dev/null
check "| head ends quietly" "$(grep -c 'error' "$T/pipe.err")" 0
$A --lines "$T/many.txt" >/dev/full 2>"$T/full.err"
check "a full disk is an error (exit 1)" "$?" 1
grep -q 'alam: error: writing output: No space left on device' "$T/full.err"
check "a full disk is reported" "$?" 0
$A --quiet --lines "$T/many.txt" 2>"$T/q.err" >/dev/null
check "--quiet silences warnings" "$(wc -c <"$T/q.err")" 0
$A --progress --lines "$T/many.txt" 2>"$T/p.err" >/dev/null
grep -q 'records, ' "$T/p.err"; check "--progress shows records done" "$?" 0
$A --lines "$T/many.txt" 2>"$T/np.err" >/dev/null
grep -q 'records, ' "$T/np.err"; check "no progress when stderr is no terminal" "$?" 1

# ---- a signal leaves no partial output file
mkfifo "$T/fifo"
( for i in $(seq 3000); do echo "زار ماكرون باريس $i"; done; sleep 5 ) >"$T/fifo" &
feeder=$!
$A --lines -j 1 -o "$T/sig" "$T/fifo" &
pid=$!
sleep 1
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
kill $feeder 2>/dev/null
check "killed mid-file: no output and no temporary file" \
    "$(find "$T/sig" -type f 2>/dev/null | wc -l)" 0

# ---- GNU parallel, one machine: byte-identical to one run
if command -v parallel >/dev/null 2>&1; then
    parallel --will-cite --pipe --keep-order -j 3 --block 2k $A --lines <"$T/many.txt" >"$T/par" 2>/dev/null
    cmp -s "$T/par" "$T/j1"; check "GNU parallel --pipe --keep-order gives the same bytes" "$?" 0
else
    echo "ok GNU parallel # skipped: not installed"
fi
[ "$fails" -eq 0 ]
