#!/usr/bin/env bash
# Rasterise web/icons/icon.svg into the PNG icons of the web app manifest
# (192 and 512 px) with headless Chromium. Run after changing the SVG; the
# PNGs are committed, so builds need no browser.
set -euo pipefail
ICONS="$(cd "$(dirname "${BASH_SOURCE[0]}")/../web/icons" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
for size in 192 512; do
  # A page of exactly the icon's size, the SVG filling it.
  printf '<!doctype html><style>html,body{margin:0;background:transparent}img{display:block;width:%spx;height:%spx}</style><img src="%s">' \
    "$size" "$size" "file://$ICONS/icon.svg" > "$TMP/icon.html"
  "${CHROMIUM:-chromium}" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --default-background-color=00000000 --window-size="$size,$size" \
    --screenshot="$ICONS/icon-$size.png" "file://$TMP/icon.html" 2>/dev/null
done
ls -l "$ICONS"
