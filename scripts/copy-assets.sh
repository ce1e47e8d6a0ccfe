#!/usr/bin/env bash
# Copy the query UI's front-end assets (YASGUI, from npm: see package.json) into
# server/static/vendor/, where the Flask app serves them. No CDN: the pages work
# offline. Run after `npm ci`; scripts/setup.sh does both.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/@zazuko/yasgui/build
dst=server/static/vendor/yasgui
if [ ! -f "$src/yasgui.min.js" ]; then
  echo "copy-assets: $src/yasgui.min.js missing (run npm ci first)" >&2
  exit 1
fi
mkdir -p "$dst"
for f in yasgui.min.js yasgui.min.css; do
  if [ ! -f "$dst/$f" ] || [ "$src/$f" -nt "$dst/$f" ]; then
    cp "$src/$f" "$dst/$f"
  fi
done
cp node_modules/@zazuko/yasgui/package.json "$dst/package.json"
