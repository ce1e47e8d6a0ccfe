#!/usr/bin/env bash
# Copy the query UI's front-end assets (from npm: see package.json) into
# server/static/vendor/, where the Flask app serves them. No CDN: the pages work
# offline. Run after `npm ci`; scripts/setup.sh does both. Quiet unless something fails.
#   yasgui          the query editor and result table
#   echarts         chart, timeline and graph result views
#   leaflet         map result view
#   topojson-client + world-atlas   the map's offline base map (Natural Earth country outlines)
set -euo pipefail
cd "$(dirname "$0")/.."

copy() {  # copy SRC DST: only when missing or older than the package's file
  local src=$1 dst=$2
  if [ ! -f "$src" ]; then
    echo "copy-assets: $src missing (run npm ci first)" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$dst")"
  if [ ! -f "$dst" ] || [ "$src" -nt "$dst" ]; then
    cp "$src" "$dst"
  fi
}

nm=node_modules
v=server/static/vendor
copy $nm/@zazuko/yasgui/build/yasgui.min.js $v/yasgui/yasgui.min.js
copy $nm/@zazuko/yasgui/build/yasgui.min.css $v/yasgui/yasgui.min.css
copy $nm/@zazuko/yasgui/package.json $v/yasgui/package.json
copy $nm/echarts/dist/echarts.min.js $v/echarts/echarts.min.js
copy $nm/echarts/LICENSE $v/echarts/LICENSE
copy $nm/leaflet/dist/leaflet.js $v/leaflet/leaflet.js
copy $nm/leaflet/dist/leaflet.css $v/leaflet/leaflet.css
copy $nm/leaflet/LICENSE $v/leaflet/LICENSE
for img in $nm/leaflet/dist/images/*.png; do
  copy "$img" "$v/leaflet/images/$(basename "$img")"
done
copy $nm/topojson-client/dist/topojson-client.min.js $v/topojson/topojson-client.min.js
copy $nm/topojson-client/LICENSE $v/topojson/LICENSE
copy $nm/world-atlas/countries-50m.json $v/world-atlas/countries-50m.json
copy $nm/world-atlas/LICENSE $v/world-atlas/LICENSE
