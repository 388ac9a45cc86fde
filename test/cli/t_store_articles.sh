# Ingest of raw articles (the bundled examples) through the coder: the
# store must hold what `dyad code` prints, twice ingesting changes nothing.
# Needs the trained models; until they are there the coder exits 3 and this
# test prints a note and passes.
d=$1
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
ex="$root/examples/wire.jsonl"
[ -f "$ex" ] || { echo "note: no $ex"; exit 0; }
$d code "$ex" >"$T/code.jsonl" 2>"$T/err"; rc=$?
if [ $rc -eq 3 ]; then echo "note: no model yet ($(head -n 1 "$T/err")); article ingest not tested"; exit 0; fi
[ $rc -eq 0 ] || fail "dyad code exit $rc: $(cat "$T/err")"
n=$(wc -l <"$T/code.jsonl")
$d ingest --db "$T/s.db" "$ex" 2>"$T/err" || fail "ingest: $(cat "$T/err")"
t1=$($d stats --db "$T/s.db" --totals | tail -n 1)
docs=${t1%%,*}
[ "$docs" -eq "$(grep -c . "$ex")" ] || fail "documents: $t1"
mentions=$(echo "$t1" | cut -d, -f4)
[ "$mentions" -eq "$n" ] || fail "stored reports $mentions, dyad code printed $n"
sents=$(echo "$t1" | cut -d, -f2)
[ "$sents" -gt 0 ] || fail "no sentences stored"
$d ingest -q --db "$T/s.db" "$ex" || fail "re-ingest"
[ "$($d stats --db "$T/s.db" --totals | tail -n 1)" = "$t1" ] || fail "re-ingest changed the store"
# -j 2 codes on two threads and stores the same.
$d ingest -q -j 2 --db "$T/j.db" "$ex" || fail "ingest -j 2"
[ "$($d stats --db "$T/j.db" --totals | tail -n 1)" = "$t1" ] || fail "-j 2 stored something else"
# What the store gives back is what the coder printed (ids match).
$d query --db "$T/s.db" --limit 100000 | grep -o '"id":"[^"]*"' | sort >"$T/q"
grep -o '"id":"[^"]*"' "$T/code.jsonl" | sort >"$T/c"
# De-duplication may fold a reciprocal or repeated event: every stored
# record id must come from the coder's output.
[ -z "$(comm -23 "$T/q" "$T/c")" ] || fail "stored ids not from the coder: $(comm -23 "$T/q" "$T/c" | head -3)"
exit 0
