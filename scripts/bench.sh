#!/usr/bin/env bash
# The benchmark of issue 21's budgets, one command: install what is missing,
# build the app twice in release mode (the clerk's build, for the wasm sizes;
# the build with the `test-hooks` feature, whose `?synthetic=N` loader every
# timing uses), run the native core bench (derive + check) and the browser
# benchmark (Playwright, real Chromium), which prints one table of every figure
# with its budget. Prints figures; asserts nothing (never part of the tests).
#
#   scripts/bench.sh [--no-build] [--no-core] [--quick] [--vsync] [--loads-only] [--template=ID [--no-texts]]
#
#   --no-build  use the existing builds in $BUDGET_DIST and $BUDGET_DIST_PLAIN
#   --no-core   skip `cargo bench -p budget-core --bench derive_check`
#   --quick     fewer edits and repetitions, criterion --quick (to try it out)
#   --vsync     also time 10,000-row keystrokes at 60 Hz (passed to bench.mjs)
#   --template=ID  the synthetic forms laid out by template ID (passed to
#               bench.mjs; e.g. shanghai-district-2025: the budgets under it)
#   --no-texts  with --template: the forms without the texts that template
#               prints (passed to bench.mjs)
#   --loads-only  only the cold (10 Mbit/s, 40 ms) and warm (service worker)
#               loads of tests/e2e/bench/pwa-load.mjs, 5 of each (a minute)
#
# BUDGET_DIST selects the hooks build's folder (default target/bench/dist-hooks,
# built into, then served); BUDGET_DIST_PLAIN the clerk's build (default
# target/bench/dist; only its sizes are read). CARGO_TARGET_DIR is honoured.
# Takes 10-15 minutes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

BUILD=true
CORE=true
QUICK=()
EXTRA=()
LOADS_ONLY=false
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=false ;;
    --no-core) CORE=false ;;
    --quick) QUICK=(--quick) ;;
    --vsync) EXTRA+=(--vsync) ;;
    --template=?*) EXTRA+=(--template "${arg#--template=}") ;;
    --no-texts) EXTRA+=(--no-texts) ;;
    --loads-only) LOADS_ONLY=true; CORE=false ;;
    *) echo "usage: scripts/bench.sh [--no-build] [--no-core] [--quick] [--vsync] [--loads-only] [--template=ID [--no-texts]]" >&2; exit 2 ;;
  esac
done

"$ROOT/scripts/setup.sh"
cd "$ROOT"
DIST="$(realpath -m "${BUDGET_DIST:-$ROOT/target/bench/dist-hooks}")"
DIST_PLAIN="$(realpath -m "${BUDGET_DIST_PLAIN:-$ROOT/target/bench/dist}")"
export BUDGET_DIST="$DIST"

step() { echo; echo "==> $*"; }

if $BUILD; then
  step "trunk build --release --dist $DIST_PLAIN (the clerk's build: sizes)"
  trunk build --release --dist "$DIST_PLAIN"
  step "trunk build --release --features test-hooks --dist $DIST (timings)"
  trunk build --release --features test-hooks --dist "$DIST"
fi

if $LOADS_ONLY; then
  step "cold and warm loads (node tests/e2e/bench/pwa-load.mjs, Chromium)"
  node tests/e2e/bench/pwa-load.mjs 5
  exit 0
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
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
node tests/e2e/bench/bench.mjs --size-dist "$DIST_PLAIN" "${CORE_ARGS[@]}" "${QUICK[@]}" "${EXTRA[@]}"
