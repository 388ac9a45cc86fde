# Store atomicity: kill -9 an ingest midway; what was committed is whole
# (documents come in whole batches, each with all its records), and a rerun
# completes the store without doubles.
d=$1
set -u
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
N=1500
sh "$(dirname "$0")/gen_events.sh" $N >"$T/ev.jsonl"
$d ingest -q --db "$T/s.db" --events --batch 10 "$T/ev.jsonl" 2>"$T/err" &
pid=$!
docs=0
i=0
while [ $i -lt 400 ]; do
  line=$($d stats --db "$T/s.db" --totals 2>/dev/null | tail -n 1)
  docs=${line%%,*}
  case $docs in ''|*[!0-9]*) docs=0 ;; esac
  [ "$docs" -gt 0 ] && break
  sleep 0.02
  i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
pid=
line=$($d stats --db "$T/s.db" --totals | tail -n 1)
IFS=, read docs sents events mentions actors <<EOT
$line
EOT
[ "$docs" -gt 0 ] || fail "nothing committed before the kill"
[ "$docs" -lt $N ] || echo "note: ingest finished before the kill ($docs documents)"
[ $((docs % 10)) -eq 0 ] || fail "committed documents $docs are not whole batches of 10"
[ "$mentions" -eq $((docs * 3)) ] || fail "mentions $mentions for $docs documents"
[ "$events" -eq $((docs * 2 + 1)) ] || fail "events $events for $docs documents"
$d ingest -q --db "$T/s.db" --events --batch 10 "$T/ev.jsonl" || fail "rerun"
line=$($d stats --db "$T/s.db" --totals | tail -n 1)
[ "$line" = "$N,$((N * 3)),$((N * 2 + 1)),$((N * 3)),$((N + 4))" ] || fail "after rerun: $line"
echo "killed after $docs of $N documents; rerun completed: $line"
exit 0
