# Sourced by the scripts: paths of the tools scripts/setup.sh installs.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Project-local npm tools (binaryen's wasm-opt); ignored by git (see setup.sh).
TOOLS="$ROOT/.tools"
export PATH="$TOOLS/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CI="${CI:-true}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
