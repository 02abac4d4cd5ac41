#!/usr/bin/env bash
# Install what is missing, then run every test: format, lints, native tests,
# browser component tests (wasm-bindgen-test in headless Chromium), the release
# build (with its wasm size) and the end-to-end tests (Playwright, real Chromium).
# Exits non-zero on the first failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
# One-shot builds gain nothing from incremental caches, which are the bulk of a
# test build's target directory; a developer's own CARGO_INCREMENTAL wins.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step() { echo; echo "==> $*"; }

step "cargo fmt --all --check"
cargo fmt --all --check

step "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test --workspace"
cargo test --workspace

step "browser component tests (wasm-bindgen-test, headless Chromium)"
WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}" \
  cargo test -p budget-form --target wasm32-unknown-unknown

# The e2e tests use the test hooks (`?synthetic=N`, `?panic-test=1`: src/hooks.rs),
# which a release for clerks leaves out; scripts/bench.sh measures the size without them.
step "trunk build --release --features test-hooks"
trunk build --release --features test-hooks
# The main wasm (first load) and the XLSX worker's (fetched on the first Excel action),
# with the test hooks.
for wasm in dist/budget-form-*_bg.wasm dist/xlsx_worker_bg.wasm; do
  raw=$(wc -c <"$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  echo "wasm size: $(basename "$wasm") raw ${raw} bytes ($((raw / 1024)) KiB), gzip ${gz} bytes ($((gz / 1024)) KiB)"
done

step "end-to-end tests (node --test tests/e2e/, Playwright + Chromium)"
node --test tests/e2e/

echo
echo "all tests passed"
