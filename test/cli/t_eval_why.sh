#!/bin/sh
# dyad eval code --why: the first cause of each missed gold event and what
# the gold has in the sentence of each extra event, written by hand for
# one small case each (a source absent or coded at another level, a target
# absent, the root coded the other way round, a sentence the gate left
# unparsed, a trigger of another root, a candidate dropped by the long-
# sentence rule, evidence not in the text), then the tables.
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$root/models/parser.bin" ] && [ -f "$root/models/tagger.bin" ] || { echo "skip: no parser model"; exit 0; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/gold.jsonl" <<'G'
{"id": "ok", "date": "2024-05-01", "text": "Somalia attacked Ethiopia.", "events": [{"source": "SOM", "code": "190", "target": "ETH"}]}
{"id": "srcabsent", "date": "2024-05-01", "text": "Somalia attacked Ethiopia.", "events": [{"source": "FRA", "code": "190", "target": "ETH"}]}
{"id": "srcother", "date": "2024-05-01", "text": "Somalia attacked Ethiopia.", "events": [{"source": "SOMMIL", "code": "190", "target": "ETH"}]}
{"id": "tgtabsent", "date": "2024-05-01", "text": "Somalia attacked Ethiopia.", "events": [{"source": "SOM", "code": "190", "target": "KEN"}]}
{"id": "actors", "date": "2024-05-01", "text": "Somalia attacked Ethiopia.", "events": [{"source": "ETH", "code": "190", "target": "SOM"}]}
{"id": "gate", "date": "2024-05-01", "text": "Somalia pondered Ethiopia.", "events": [{"source": "SOM", "code": "190", "target": "ETH"}]}
{"id": "otherroot", "date": "2024-05-01", "text": "Somalia met Ethiopia.", "events": [{"source": "SOM", "code": "190", "target": "ETH"}]}
{"id": "dropped", "date": "2024-05-01", "text": "On Tuesday morning, after several weeks of rising tension along the long and disputed border, Somalia attacked before dawn.", "events": [{"source": "SOM", "code": "190", "target": null}]}
{"id": "evidence", "date": "2024-05-01", "text": "Kenya hosted talks. Somalia attacked Ethiopia.", "events": [{"source": "SOM", "code": "190", "target": "ETH", "evidence": "Somalia attacked Ethiopia"}, {"source": "KEN", "code": "042", "target": "ETH", "evidence": "Kenya visited Ethiopia on Monday"}]}
{"id": "extra", "date": "2024-05-01", "text": "Somalia attacked Ethiopia.", "events": []}
G
out=$("$bin" eval code --gold "$tmp/gold.jsonl" --why) || { echo "$out"; exit 1; }
fail=0
expect() { # id, tuple, cause
  echo "$out" | grep -qF "MISS $1 $2 | $3 |" || { echo "expected: MISS $1 $2 | $3"; fail=1; }
}
expect srcabsent FRA-190-ETH "source: no actor mention with its code"
expect srcother SOMMIL-190-ETH "source: its country found, with another code"
expect tgtabsent SOM-190-KEN "target: no actor or place mention with its code"
expect actors ETH-190-SOM "root coded with other source/target"
expect gate SOM-190-ETH "gate: sentence not parsed (no trigger word)"
expect otherroot SOM-190-ETH "lexicon: triggers of other roots only"
expect dropped SOM-190-null "candidate of the root dropped by a rule"
expect evidence KEN-042-ETH "evidence not found in the text"
echo "$out" | grep -q "^MISS ok \|^MISS evidence SOM-190" && { echo "a matched event reported missed"; fail=1; }
echo "$out" | grep -qF "dropped: no target in a long sentence" || { echo "no drop rule named"; fail=1; }
echo "$out" | grep -qF "EXTRA extra SOM-190-ETH | no gold event in the sentence" || { echo "extra: no gold"; fail=1; }
echo "$out" | grep -qF "EXTRA otherroot SOM-040-ETH | gold event of another root in the sentence" || { echo "extra: other root"; fail=1; }
echo "$out" | grep -qF "EXTRA actors SOM-190-ETH | gold event of this root with other actors" || { echo "extra: other actors"; fail=1; }
echo "$out" | grep -q "^why missed: 8 gold events" || { echo "miss total"; fail=1; }
# --why-counts: the tables only
c=$("$bin" eval code --gold "$tmp/gold.jsonl" --why-counts) || { echo "$c"; exit 1; }
echo "$c" | grep -q "^MISS\|^EXTRA" && { echo "--why-counts printed lines"; fail=1; }
echo "$c" | grep -q "^ *1  gate: sentence not parsed" || { echo "--why-counts table"; echo "$c"; fail=1; }
[ $fail -eq 0 ] || { echo "$out"; exit 1; }
echo "eval --why ok"
