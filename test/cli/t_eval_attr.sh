#!/bin/sh
# dyad eval code: attribution agreement counts the matched events whose gold
# names who says so, and only those; a predicted attribution of another
# actor (or none) is a disagreement.  Three documents, each coded
# SOM 190 ETH: the first two reported by Kenya (gold KEN, then gold USA:
# one agrees, one does not), the third asserted (gold attribution null:
# not counted).  Expected 0.500 over 2.
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$root/models/parser.bin" ] && [ -f "$root/models/tagger.bin" ] || { echo "skip: no parser model"; exit 0; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/gold.jsonl" <<'G'
{"id": "a1", "date": "2024-05-01", "text": "Kenya said that Somalia attacked Ethiopia.", "events": [{"source": "SOM", "code": "190", "target": "ETH", "status": "reported", "attribution": "KEN"}]}
{"id": "a2", "date": "2024-05-01", "text": "Kenya said that Somalia attacked Ethiopia.", "events": [{"source": "SOM", "code": "190", "target": "ETH", "status": "reported", "attribution": "USA"}]}
{"id": "a3", "date": "2024-05-01", "text": "Somalia attacked Ethiopia.", "events": [{"source": "SOM", "code": "190", "target": "ETH", "status": "asserted", "attribution": null}]}
G
out=$("$bin" eval code --gold "$tmp/gold.jsonl") || { echo "$out"; exit 1; }
echo "$out" | grep -q '^root   precision 1.000  recall 1.000' || { echo "not all three matched:"; echo "$out"; exit 1; }
echo "$out" | grep -q '^status agreement 1.000 (over 3 ' || { echo "status agreement:"; echo "$out"; exit 1; }
echo "$out" | grep -q '^attribution agreement 0.500 (over 2 matched events with a gold attribution)$' ||
  { echo "attribution agreement wrong:"; echo "$out"; exit 1; }
echo "eval attribution agreement ok"
