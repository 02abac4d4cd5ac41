#!/usr/bin/env bash
# The district-wide check of issue 25: N generated unit files (default 300,
# crates/budget-synthetic via the synthetic_units example) checked at once with
# `budget-check check --summary`, built with the bench profile (opt-level 3).
# Prints the wall time of each of 5 runs and the median. Asserts nothing.
#
#   scripts/bench-summary.sh [N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-300}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
DIR="$TARGET/bench/summary-units-$N"

cargo build --profile bench -p budget-check --bin budget-check --example synthetic_units
if [ ! -f "$DIR/unit-$(printf %03d "$N").json" ]; then
  rm -rf "$DIR"
  "$TARGET/release/examples/synthetic_units" "$DIR" "$N"
fi
# The bench profile builds into release/.
BIN="$TARGET/release/budget-check"
echo "$(ls "$DIR" | wc -l) files, $(du -sh "$DIR" | cut -f1); $(nproc) CPUs"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows the wall time; the CPU time is the program's)"
walls=()
for run in 1 2 3 4 5; do
  code=0
  /usr/bin/time -o "$DIR.time" -f "%e %U %S" \
    "$BIN" check --summary "$DIR"/*.json > "$DIR.summary.txt" || code=$?
  # GNU time writes "Command exited with non-zero status N" first when the
  # check finds errors: the figures are on the last line.
  read -r wall user sys < <(tail -n 1 "$DIR.time")
  walls+=("$wall")
  echo "run $run: wall ${wall} s, CPU ${user} s user + ${sys} s sys (exit $code)"
done
median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 3p)
tail -1 "$DIR.summary.txt"
echo "check --summary of $N unit files: median wall ${median} s (budget: 2 s)"
