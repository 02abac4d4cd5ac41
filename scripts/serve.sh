#!/usr/bin/env bash
# Install what is missing, then build (release, wasm-opt) and serve the app at
# http://127.0.0.1:8080 (Ctrl+C to stop).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh" --app-only
cd "$ROOT"
echo "[serve] http://127.0.0.1:8080"
exec trunk serve --release --address 127.0.0.1 --port 8080
