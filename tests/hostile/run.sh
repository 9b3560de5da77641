#!/bin/sh
# tests/hostile/run.sh BUILD_DIR - hostile conditions: every allocation
# failing in turn, memcheck, ThreadSanitizer on the threaded batch mode, and
# thousands of malformed records.  The injection and valgrind runs need the
# plain build (they fight AddressSanitizer), so they run for it alone.
set -u
B=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok $1"; }
no() { echo "not ok $1: $2"; fails=$((fails + 1)); }

python3 tests/hostile/nothing_lost.py "$B/alam" --data gazetteers || fails=$((fails + 1))

case "$B" in *asan*) [ $fails -eq 0 ]; exit ;; esac

# ---- every allocation fails once: a clean error or success, never a crash
shim=$B/tests/failmalloc.so
printf '{"text":"زار ماكرون باريس في 4 مارس 2021"}\nnot json\n{"text":"فرنسا"}\n' >"$T/in.jsonl"
sweep() {    # name args...
    name=$1
    shift
    total=$(ALAM_COUNT_ALLOCS=1 LD_PRELOAD=$shim "$B/alam" "$@" 2>&1 >/dev/null | tail -1)
    bad=""
    n=1
    while [ "$n" -le $((total + 3)) ]; do
        ALAM_FAIL_AT=$n LD_PRELOAD=$shim timeout 20 "$B/alam" "$@" >/dev/null 2>"$T/err"
        rc=$?
        if [ $rc -gt 1 ] || { [ $rc -eq 1 ] && ! grep -q '^alam: error:' "$T/err"; }; then
            bad="$bad $n:rc=$rc"
        fi
        n=$((n + ${STEP:-1}))
    done
    if [ -z "$bad" ]; then ok "$name: each of $total allocations failing gives a clean error"
    else no "$name: allocation failures" "$(echo "$bad" | cut -c1-200)"; fi
}
sweep "document mode" -j 1 examples/pegasus.txt
STEP=3 sweep "jsonl, 2 threads" -j 2 --jsonl "$T/in.jsonl"

# ---- write failures
mkdir -p "$T/ro" && chmod 500 "$T/ro"
if [ "$(id -u)" != 0 ]; then
    "$B/alam" -o "$T/ro/out" examples/pegasus.txt 2>"$T/err"
    [ $? -eq 1 ] && grep -q '^alam: error:' "$T/err" && ok "unwritable output directory: error, exit 1" ||
        no "unwritable output directory" "$(cat "$T/err")"
else
    echo "ok unwritable output directory # skipped: root writes anywhere"
fi

# ---- valgrind memcheck of the command on the sample
if command -v valgrind >/dev/null 2>&1; then
    ALAM_NO_JIT=1 valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$B/alam" -j 2 examples/pegasus.txt >/dev/null 2>"$T/vg"
    rc=$?
    [ $rc -eq 0 ] && ok "valgrind: no errors, no leaks on the sample" || no "valgrind" "$(head -20 "$T/vg")"
    ALAM_NO_JIT=1 valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$B/alam" -j 2 --jsonl "$T/in.jsonl" >/dev/null 2>"$T/vg"
    [ $? -eq 1 ] && ! grep -q '==[0-9]*==' "$T/vg" && ok "valgrind: jsonl with a bad record" ||
        no "valgrind jsonl" "$(head -20 "$T/vg")"
else
    echo "ok valgrind # skipped: not installed"
fi

# ---- ThreadSanitizer on the threaded batch mode
if [ -x build-tsan/alam ]; then
    for i in $(seq 400); do sed -n "$((i % 40 + 1))p" examples/pegasus.txt; done >"$T/many.txt"
    build-tsan/alam --lines -j 4 "$T/many.txt" >"$T/t4" 2>"$T/tsan"
    build-tsan/alam --lines -j 1 "$T/many.txt" >"$T/t1" 2>/dev/null
    if grep -q 'ThreadSanitizer' "$T/tsan"; then no "ThreadSanitizer, -j 4" "$(head -30 "$T/tsan")"
    else ok "ThreadSanitizer: no race in -j 4 batch mode"; fi
    cmp -s "$T/t1" "$T/t4" && ok "ThreadSanitizer build: -j 4 output equals -j 1" || no "tsan output" "differs"
    if build-tsan/tests/test_jit >"$T/tj" 2>&1 && ! grep -q 'ThreadSanitizer' "$T/tj"; then
        ok "ThreadSanitizer: patterns switched to JIT while 4 threads match"
    else
        no "ThreadSanitizer, test_jit" "$(head -30 "$T/tj")"
    fi
else
    echo "ok ThreadSanitizer # skipped: build-tsan/alam not built"
fi
[ $fails -eq 0 ]
