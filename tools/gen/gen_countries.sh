#!/bin/sh
# Regenerate data/actors/countries.txt from the pinned npm package
# world-countries (ODbL 1.0) and tools/gen/countries_extra.txt.
# Needs node and npm (registry access); run from the repository root:
#   sh tools/gen/gen_countries.sh
set -e
VERSION=5.1.0
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "world-countries@$VERSION" >/dev/null 2>&1 && tar xzf "world-countries-$VERSION.tgz")
node "$root/tools/gen/gen_countries.js" "$tmp/package/countries.json" \
  "$root/tools/gen/countries_extra.txt" >"$root/data/actors/countries.txt"
