#!/usr/bin/env bash
# The benchmark of issue 7, one command: install what is missing, build the
# release app, run the native core bench (derive + check) and the browser
# benchmark (Playwright, real Chromium), which prints one table of every figure
# with its target. Prints figures; asserts nothing (never part of the tests).
#
#   scripts/bench.sh [--no-build] [--no-core] [--quick] [--vsync]
#
#   --no-build  use the existing build in $BUDGET_DIST (default dist/)
#   --no-core   skip `cargo bench -p budget-core --bench derive_check`
#   --quick     fewer edits and repetitions, criterion --quick (to try it out)
#   --vsync     also time 10,000-row keystrokes at 60 Hz (passed to bench.mjs)
#
# BUDGET_DIST selects the dist folder (built into, then served); CARGO_TARGET_DIR
# is honoured. Takes several minutes (more on the first build).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

BUILD=true
CORE=true
QUICK=()
EXTRA=()
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=false ;;
    --no-core) CORE=false ;;
    --quick) QUICK=(--quick) ;;
    --vsync) EXTRA+=(--vsync) ;;
    *) echo "usage: scripts/bench.sh [--no-build] [--no-core] [--quick] [--vsync]" >&2; exit 2 ;;
  esac
done

"$ROOT/scripts/setup.sh"
cd "$ROOT"
DIST="$(realpath -m "${BUDGET_DIST:-$ROOT/dist}")"
export BUDGET_DIST="$DIST"

step() { echo; echo "==> $*"; }

if $BUILD; then
  step "trunk build --release --dist $DIST"
  trunk build --release --dist "$DIST"
fi

CORE_OUT="$(mktemp)"
trap 'rm -f "$CORE_OUT"' EXIT
CORE_ARGS=()
if $CORE; then
  step "cargo bench -p budget-core --bench derive_check"
  cargo bench -p budget-core --bench derive_check -- "${QUICK[@]}" | tee "$CORE_OUT"
  CORE_ARGS=(--core-summary "$CORE_OUT")
fi

step "browser benchmark (node tests/e2e/bench/bench.mjs, Chromium)"
node tests/e2e/bench/bench.mjs "${CORE_ARGS[@]}" "${QUICK[@]}" "${EXTRA[@]}"
