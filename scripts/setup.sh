#!/usr/bin/env bash
# Install whatever is missing to build (and, unless --app-only, to test) the app.
# Idempotent, non-interactive; skips what is already installed.
#   scripts/setup.sh            everything: build tools, Chromium + driver + CJK fonts, poppler-utils
#                               (pdfinfo/pdftotext for the PDF test), e2e npm deps
#   scripts/setup.sh --app-only only what `trunk build/serve` needs
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

APP_ONLY=false
[[ "${1:-}" == "--app-only" ]] && APP_ONLY=true

log() { echo "[setup] $*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Trunk: newer releases need a newer rustc than 1.95.
if ! trunk --version 2>/dev/null | grep -q ' 0\.21\.14'; then
  log "installing trunk 0.21.14 (compiles for a few minutes, once)"
  cargo install trunk --version 0.21.14 --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen crate (=0.2.130) exactly.
# Not --locked: its lock file pins a yanked dependency.
if ! wasm-bindgen --version 2>/dev/null | grep -q ' 0\.2\.130' \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  log "installing wasm-bindgen-cli 0.2.130"
  cargo install wasm-bindgen-cli --version 0.2.130
fi

# wasm-opt from npm binaryen 132 (never Debian's binaryen 108: its output never mounts).
if ! wasm-opt --version 2>/dev/null | grep -q 'version 132'; then
  log "installing wasm-opt (npm binaryen@132) into $TOOLS"
  mkdir -p "$TOOLS"
  printf '*\n' >"$TOOLS/.gitignore"
  [[ -f "$TOOLS/package.json" ]] || printf '{ "private": true }\n' >"$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error binaryen@132
fi

if $APP_ONLY; then
  log "build tools ready"
  exit 0
fi

missing=()
for pkg in chromium chromium-driver fonts-noto-cjk poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""
  [[ "$(id -u)" == 0 ]] || SUDO="sudo"
  log "installing ${missing[*]} (apt)"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [[ ! -d tests/e2e/node_modules/playwright-core || ! -d tests/e2e/node_modules/axe-core ]]; then
  log "installing e2e npm dependencies (playwright-core, axe-core; no browser download)"
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

log "all tools ready"
