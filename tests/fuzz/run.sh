#!/bin/sh
# tests/fuzz/run.sh BUILD_DIR - replays every fuzz seed and past crash
# through the fuzz targets built without libFuzzer (under the sanitizers
# in the ASan build), and corrupted images through the image loader.
set -u
B=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
replay() {    # target files...
    t=$1
    shift
    out=$(ALAM_FUZZ_DATA=gazetteers "$B/tests/replay_$t" "$@" 2>&1)
    rc=$?
    printf '%s\n' "$out" | grep '^ok\|^not ok' | sed "s|^ok replay .*/|ok replay $t |"
    [ $rc -eq 0 ] || { echo "not ok replay $t exits cleanly"; printf '%s\n' "$out" | tail -20 | sed 's/^/# /'; fails=1; }
}
replay annotate tests/fuzz/seeds/annotate/*
replay jsonl tests/fuzz/seeds/jsonl/*
replay lists tests/fuzz/seeds/lists/*
cp -r tests/data/gaz "$T/gaz"
cp -r gazetteers/rules "$T/gaz/rules"    # an image with parsed rules
"$B/alam" compile --data "$T/gaz"
img="$T/gaz/alam.img"
size=$(stat -c %s "$img")
head -c $((size / 2)) "$img" >"$T/half.img"
cp "$img" "$T/flip.img"
printf '\377\377\377\377' | dd of="$T/flip.img" bs=1 seek=100 conv=notrunc 2>/dev/null
cp "$img" "$T/edge.img"
printf '\377\377\377\177' | dd of="$T/edge.img" bs=1 seek=$((size - 64)) conv=notrunc 2>/dev/null
replay image "$img" "$T/half.img" "$T/flip.img" "$T/edge.img"
if [ -d tests/fuzz/regressions ] && ls tests/fuzz/regressions/* >/dev/null 2>&1; then
    for f in tests/fuzz/regressions/*; do
        t=$(basename "$f" | cut -d- -f1)
        replay "$t" "$f"
    done
fi
[ $fails -eq 0 ]
