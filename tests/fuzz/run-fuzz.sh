#!/bin/sh
# tests/fuzz/run-fuzz.sh SECONDS TARGET... - rebuilds each libFuzzer target
# if the code changed, then runs it for SECONDS on a working corpus seeded
# from tests/fuzz/seeds/TARGET and tests/fuzz/regressions/; prints
# executions and coverage per target.
set -u
secs=$1
shift
status=0
for t in "$@"; do
    work=build-fuzz/corpus/$t
    mkdir -p "$work" build-fuzz/crashes/$t
    for d in tests/fuzz/seeds/$t tests/fuzz/regressions; do
        [ -d "$d" ] && cp -n "$d"/* "$work"/ 2>/dev/null
    done
    if [ "$t" = image ]; then    # seeds: real images, made by alam compile
        rm -rf build-fuzz/gaz && cp -r tests/data/gaz build-fuzz/gaz
        cp -r gazetteers/rules build-fuzz/gaz/rules
        build/alam compile --data build-fuzz/gaz && cp build-fuzz/gaz/alam.img "$work"/test.img
        cp gazetteers/alam.img "$work"/full.img
    fi
    # A target older than the code would fuzz the code as it was.
    make -s "build-fuzz/fuzz_$t" || { status=1; continue; }
    echo "== fuzz_$t for ${secs}s"
    ALAM_FUZZ_DATA=gazetteers ./build-fuzz/fuzz_$t -max_total_time="$secs" \
        -rss_limit_mb=4096 -artifact_prefix=build-fuzz/crashes/$t/ "$work" \
        >build-fuzz/$t.log 2>&1 || status=1
    grep -E '^#[0-9]+' build-fuzz/$t.log | tail -1
    grep -E '^Done' build-fuzz/$t.log
    grep -E 'ERROR|SUMMARY' build-fuzz/$t.log | head -5
done
exit $status
