#!/usr/bin/env bash
# Renders a simulator report.html to a PNG with headless Chromium (Debian package `chromium`).
# Usage: scripts/render-png.sh [report.html] [out.png] [width] [height]
# Defaults: out/default/report.html -> out/default/report.png, 1140x1500. (The README's picture is
# report.svg, which the simulator writes itself: no browser needed.)
# Not part of CI. Install Chromium with: apt-get update && apt-get install -y chromium
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
html="$(realpath "${1:-$here/out/default/report.html}")"
png="${2:-$here/out/default/report.png}"
width="${3:-1140}"
height="${4:-1500}"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "render-png: chromium not found (apt-get install -y chromium)" >&2
  exit 1
fi
mkdir -p "$(dirname "$png")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars \
  --screenshot="$(realpath -m "$png")" --window-size="$width,$height" "file://$html" 2>/dev/null
echo "wrote $png"
