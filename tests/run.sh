#!/bin/sh
# tests/run.sh BUILD_DIR... - every test against each build directory:
# unit binaries, golden CLI cases, the eval checks, the installed library.
# Prints one line per check and ends with "N passed, M failed".
set -u
cd "$(dirname "$0")/.." || exit 2
pass=0
fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export TMP

# Reads "ok ..." / "not ok ..." lines on stdin, echoes and counts them.
count() {
    while IFS= read -r line; do
        case "$line" in
        "ok "*) pass=$((pass + 1)) ;;
        "not ok "*) fail=$((fail + 1)) ;;
        esac
        printf '%s\n' "$line"
    done <"$TMP/log"
}

report() {    # name status
    if [ "$2" -eq 0 ]; then echo "ok $1"; else echo "not ok $1"; fi
}

unit_tests() {    # build
    for t in "$1"/tests/test_*; do
        [ -x "$t" ] || continue
        out=$("$t" 2>&1)
        rc=$?
        printf '%s\n' "$out"
        # A crash or a sanitizer report counts as a failure on its own.
        report "$(basename "$t") exits cleanly" "$rc"
    done
}

cli_case() {    # build dir
    name=$(basename "$2")
    want_code=0
    [ -f "$2/code" ] && want_code=$(cat "$2/code")
    ALAM="$PWD/$1/alam --data $PWD/tests/data/gaz" sh -c "$(cat "$2/cmd")" \
        >"$TMP/out" 2>"$TMP/err"
    code=$?
    ok=0
    cmp -s "$TMP/out" "$2/out" || { ok=1; diff "$2/out" "$TMP/out" | sed 's/^/# /' | head -20; }
    if [ -f "$2/err" ]; then
        cmp -s "$TMP/err" "$2/err" || { ok=1; diff "$2/err" "$TMP/err" | sed 's/^/# /' | head -20; }
    elif [ -s "$TMP/err" ]; then
        ok=1; sed 's/^/# stderr: /' "$TMP/err" | head -5
    fi
    [ "$code" = "$want_code" ] || { ok=1; echo "# exit $code, want $want_code"; }
    report "cli $name" "$ok"
}

cli_tests() {    # build
    for d in tests/cli/*/; do
        cli_case "$1" "${d%/}"
    done
}

install_test() {    # build
    dest="$TMP/stage"
    rm -rf "$dest"
    make --no-print-directory -s BUILD="$1" DESTDIR="$dest" PREFIX=/usr/local install >/dev/null 2>&1
    report "make install DESTDIR stages the files" $?
    pc="$dest/usr/local/lib/pkgconfig"
    flags=$(PKG_CONFIG_PATH="$pc" PKG_CONFIG_SYSROOT_DIR="$dest" pkg-config --cflags --libs alam)
    # shellcheck disable=SC2086
    ${CC:-cc} examples/annotate.c $flags ${LDFLAGS:-} ${SAN_FLAGS:-} -o "$TMP/annotate" 2>"$TMP/cc.err"
    rc=$?
    report "example links the installed library through pkg-config" "$rc"
    [ "$rc" -eq 0 ] || { sed 's/^/# /' "$TMP/cc.err"; return; }
    out=$(LD_LIBRARY_PATH="$dest/usr/local/lib" ALAM_DATA="$dest/usr/local/share/alam" \
        "$TMP/annotate" "زار الرئيس الفرنسي إيمانويل ماكرون بغداد يوم الخميس")
    case "$out" in
    *"PERSON	19	34	إيمانويل ماكرون"*"DATE	41	51	يوم الخميس"*) rc=0 ;;
    *) rc=1; printf '%s\n' "$out" | sed 's/^/# /' ;;
    esac
    report "installed example annotates with the installed data" "$rc"
    make --no-print-directory -s BUILD="$1" DESTDIR="$dest" PREFIX=/usr/local uninstall >/dev/null 2>&1
    left=$(find "$dest" -type f -o -type l | wc -l)
    report "make uninstall removes every file" "$left"
}

for build in "$@"; do
    echo "== $build"
    SAN_FLAGS=""
    case "$build" in *asan*) SAN_FLAGS="-fsanitize=address,undefined" ;; esac
    export SAN_FLAGS
    unit_tests "$build" >"$TMP/log" 2>&1; count
    cli_tests "$build" >"$TMP/log" 2>&1; count
    for suite in tests/*/run.sh; do    # eval, gazetteers, ...: each prints ok/not ok
        sh "$suite" "$build" >"$TMP/log" 2>&1 || echo "not ok $suite exits cleanly" >>"$TMP/log"
        count
    done
    install_test "$build" >"$TMP/log" 2>&1; count
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
