#!/bin/sh
# make demo: code the bundled example article and show what dyad made of it.
set -e
cd "$(dirname "$0")/.."
d=build/dyad
echo "== cleaned article text (examples/analysis.html) =="
$d clean examples/analysis.html
echo
echo "== what cleaning dropped, and why =="
$d clean --explain examples/analysis.html
echo
echo "== events =="
$d code examples/analysis.html examples/wire.jsonl
