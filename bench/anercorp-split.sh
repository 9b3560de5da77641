#!/bin/sh
# bench/anercorp-split.sh [GOLD] [OUT_DIR] - splits the ANERcorp training file
# by sentence (blocks between blank lines), in file order: the first 80% go to
# OUT_DIR/anercorp-tune.conll (for tuning, and the only part any list may be
# harvested from), the last 20% to OUT_DIR/anercorp-dev.conll (measuring only).
set -eu
cd "$(dirname "$0")/.."
GOLD=${1:-../shared/data/anercorp-train/anercorp-train.conll}
OUT=${2:-build}
mkdir -p "$OUT"
# Count sentences first, then cut at the 80% boundary.
n=$(awk 'NF == 0 { if (open) n++; open = 0; next } { open = 1 }
         END { if (open) n++; print n + 0 }' "$GOLD")
cut=$((n * 8 / 10))
awk -v cut="$cut" -v tune="$OUT/anercorp-tune.conll" -v dev="$OUT/anercorp-dev.conll" '
    BEGIN { s = 0; printf "" > tune; printf "" > dev }
    NF == 0 { if (open) { print "" > (s < cut ? tune : dev); s++ } open = 0; next }
    { sub(/\r$/, ""); print > (s < cut ? tune : dev); open = 1 }
    END { if (open) print "" > (s < cut ? tune : dev) }' "$GOLD"
echo "anercorp: $n sentences: $cut in $OUT/anercorp-tune.conll, $((n - cut)) in $OUT/anercorp-dev.conll"
