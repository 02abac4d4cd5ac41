#!/usr/bin/env bash
# Install what is missing, then build (release, wasm-opt) and serve the app at
# http://127.0.0.1:8080 (Ctrl+C to stop).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh" --app-only
cd "$ROOT"
echo "[serve] http://127.0.0.1:8080"
# --no-autoreload: Trunk's reload client is an inline <script>, which the page's
# Content-Security-Policy (no inline script) would block and report as an error.
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port 8080
