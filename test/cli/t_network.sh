# dyad network: from event JSONL files (every record counts) and from the
# store (--db, filtered, de-duplicated); GraphML, DOT and JSON.  By default
# only what the text says happened (asserted, reported, alleged); --status.
d=$1
set -u
F=$(dirname "$0")/fixtures
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

j=$($d network --status all --format json "$F/events_a.jsonl" "$F/events_b.jsonl") || fail "network json"
echo "$j" | grep -q '{"source":"IRN","target":"AFGINSTAL","events":2,"mentions":2,"quad":\[0,2,0,0\],"goldstein":16.6,"tone":"cooperation"}' || fail "file edge: $j"
echo "$j" | grep -q '{"id":"AFGINSTAL","name":"Taliban","country":"AFG","role":"INS","out_events":2,"in_events":4}' || fail "file node: $j"
# The same file twice: the records' ids are counted once.
j2=$($d network --status all --format json "$F/events_a.jsonl" "$F/events_b.jsonl" "$F/events_a.jsonl" "$F/events_b.jsonl") || fail "network twice"
[ "$j2" = "$j" ] || fail "a repeated record counted again: $j2"
# Default: 'Putin denied that Moscow armed the militants' is no edge weight,
# nor the hypothetical USAGOV 163 RUSGOV.
j=$($d network --format json "$F/events_a.jsonl" "$F/events_b.jsonl") || fail "network default"
echo "$j" | grep -q '{"id":"AFGINSTAL","name":"Taliban","country":"AFG","role":"INS","out_events":2,"in_events":3}' || fail "denied counted: $j"
$d network --format json "$F/events_c.jsonl" | grep -q '"source":"USAGOV","target":"RUSGOV"' && fail "hypothetical counted"
$d network --status hypothetical --format json "$F/events_c.jsonl" | grep -c '"source":' | grep -qx 1 || fail "--status hypothetical"
$d network --status bogus "$F/events_c.jsonl" >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad status should exit 2"
cat "$F/events_c.jsonl" | $d network --status all --format dot >"$T/c.dot" || fail "stdin dot"
grep -q '"RUSMIL" -> "UKR" \[label="1", color="#c0392b"' "$T/c.dot" || fail "dot edge: $(cat "$T/c.dot")"
head -n 1 "$T/c.dot" | grep -q '^digraph dyad {' || fail "dot header"
$d network --status all --format graphml "$F/events_c.jsonl" >"$T/c.graphml" || fail "graphml"
grep -q '<edge id="e0" source="LBNHEZ" target="RUSGOV">' "$T/c.graphml" || fail "graphml edge"
[ "$(grep -c '<node ' "$T/c.graphml")" -eq 5 ] || fail "graphml nodes"
tail -n 1 "$T/c.graphml" | grep -q '</graphml>' || fail "graphml end"
if command -v xmllint >/dev/null; then xmllint --noout "$T/c.graphml" || fail "graphml not well-formed"; fi

$d ingest -q --db "$T/s.db" --events "$F/events_a.jsonl" "$F/events_b.jsonl" "$F/events_c.jsonl" || fail "ingest"
j=$($d network --db "$T/s.db" --status all --format json) || fail "network --db"
# The store de-duplicates: Iran arming the Taliban is one event with 2 mentions.
echo "$j" | grep -q '{"source":"IRN","target":"AFGINSTAL","events":1,"mentions":2,' || fail "db edge: $j"
[ "$(echo "$j" | grep -c '"source":')" -eq 8 ] || fail "db edge count"
# Default: the denied arming is an event of its own (other date) and the
# hypothetical USAGOV 163 RUSGOV: neither counts.
j=$($d network --db "$T/s.db" --format json) || fail "network --db default"
echo "$j" | grep -q '"source":"USAGOV","target":"RUSGOV"' && fail "db: hypothetical counted"
[ "$(echo "$j" | grep -c '"source":')" -eq 7 ] || fail "db default edge count: $j"
$d network --db "$T/s.db" --status bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "db: bad status should exit 2"
j=$($d network --db "$T/s.db" --status all --since 2018 --format json)
[ "$(echo "$j" | grep -c '"source":')" -eq 4 ] || fail "filtered edges: $j"
$d network --db "$T/s.db" --status all --quad 4 --format dot | grep -c -- '->' | grep -qx 3 || fail "quad 4 edges"

$d network --format svg "$F/events_a.jsonl" 2>/dev/null; [ $? -eq 2 ] || fail "bad format should exit 2"
$d network --since 2018 "$F/events_a.jsonl" 2>/dev/null; [ $? -eq 2 ] || fail "filters need --db"
echo 'nope' | $d network >/dev/null 2>&1; [ $? -eq 1 ] || fail "bad line should exit 1"
exit 0
