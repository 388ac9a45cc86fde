#!/bin/sh
# dyad code --explain: after the event records, one line per candidate the
# coder dropped, with the rule ("dropped": code, source, target, trigger,
# why, detail), for each document on its own (-j 2 over JSON Lines);
# plain `dyad code` prints no such line.
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$root/models/parser.bin" ] && [ -f "$root/models/tagger.bin" ] || { echo "skip: no parser model"; exit 0; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/in.jsonl" <<'G'
{"id": "long", "date": "2024-05-01", "text": "On Tuesday morning, after several weeks of rising tension along the long and disputed border, Somalia attacked before dawn."}
{"id": "kept", "date": "2024-05-01", "text": "Somalia attacked Ethiopia."}
G
out=$("$bin" code --explain -j 2 "$tmp/in.jsonl") || { echo "$out"; exit 1; }
fail=0
echo "$out" | grep -qF '{"doc_id":"long","sentence_index":0,"dropped":{"code":"190","source":"SOM","target":null,"trigger":"attacked","why":"no target in a long sentence"' ||
  { echo "no dropped line for the long sentence"; fail=1; }
echo "$out" | grep -q '"doc_id":"kept".*"code":"190".*"explain":' || { echo "kept event missing"; fail=1; }
echo "$out" | grep -q '"doc_id":"kept","sentence_index":[0-9]*,"dropped"' && { echo "drop reported in the wrong document"; fail=1; }
[ "$(echo "$out" | wc -l)" -eq 2 ] || { echo "expected 2 lines"; fail=1; }
plain=$("$bin" code "$tmp/in.jsonl") || { echo "$plain"; exit 1; }
echo "$plain" | grep -q '"dropped"' && { echo "plain code printed a dropped line"; fail=1; }
[ $fail -eq 0 ] || { echo "$out"; exit 1; }
echo "code --explain drops ok"
