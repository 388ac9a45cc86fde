# Store: ingest of event JSONL, idempotence, cross-story de-duplication,
# whole-document rejection, the query filters, CSV and stats.
d=$1
set -u
F=$(dirname "$0")/fixtures
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
totals() { $d stats --db "$T/s.db" --totals | tail -n 1; }

$d ingest --db "$T/s.db" --events "$F/events_a.jsonl" "$F/events_b.jsonl" 2>"$T/err" || fail "ingest a+b: $(cat "$T/err")"
# 2 documents, 6 records; story-b repeats story-a's Iran arming the Taliban.
[ "$(totals)" = "2,5,5,6,4" ] || fail "totals after a+b: $(totals)"
q=$($d query --db "$T/s.db" --source IRN --target AFGINSTAL)
[ "$(echo "$q" | wc -l)" -eq 1 ] || fail "one de-duplicated event expected: $q"
echo "$q" | grep -q '"mentions":2' || fail "mentions 2: $q"
echo "$q" | grep -q '"sources":\["story-a","story-b"\]' || fail "sources: $q"
echo "$q" | grep -q '"goldstein":8.3,' || fail "goldstein kept as written: $q"

# Idempotent: the same documents again change nothing.
$d ingest --db "$T/s.db" --events "$F/events_b.jsonl" "$F/events_a.jsonl" 2>"$T/err" || fail "re-ingest"
grep -q '0 stored, 2 already stored' "$T/err" || fail "re-ingest summary: $(cat "$T/err")"
[ "$(totals)" = "2,5,5,6,4" ] || fail "totals after re-ingest: $(totals)"
# Same id, other content: kept the stored one, a warning, nothing added.
sed 's/arming/supplying/' "$F/events_a.jsonl" >"$T/a2.jsonl"
$d ingest --db "$T/s.db" --events "$T/a2.jsonl" 2>"$T/err"
grep -q 'other content' "$T/err" || fail "conflict warning: $(cat "$T/err")"
[ "$(totals)" = "2,5,5,6,4" ] || fail "totals after conflict: $(totals)"

$d ingest --db "$T/s.db" --events "$F/events_c.jsonl" 2>/dev/null || fail "ingest c"
[ "$(totals)" = "3,10,10,11,8" ] || fail "totals after c: $(totals)"

# A document with one bad record is not stored at all; others are.
{ cat "$F/events_c.jsonl" | sed 's/story-c/story-d/g'
  echo '{"id":"story-d-000009-0","doc_id":"story-d","source":{"code":"RUS"}}'
  sed 's/story-c/story-e/g' "$F/events_c.jsonl"
  echo 'not json'; } >"$T/bad.jsonl"
$d ingest --db "$T/s.db" --events "$T/bad.jsonl" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] || fail "bad records should exit 1, got $rc"
grep -q 'story-d' "$T/err" || fail "message names the document: $(cat "$T/err")"
$d query --db "$T/s.db" | grep -q '"story-d"' && fail "story-d must not be stored"
$d query --db "$T/s.db" | grep -q '"story-e"' || fail "story-e must be stored"

nd() { $d query --db "$T/s.db" "$@" | wc -l; }
# The filters, over every status (--status all); the default is below.
n() { $d query --db "$T/s.db" --status all "$@" | wc -l; }
[ "$(n --source RUS)" -eq 4 ] || fail "prefix RUS: $(n --source RUS)"
[ "$(n --source RUSMIL)" -eq 1 ] || fail "RUSMIL"
[ "$(n --target RUS)" -eq 4 ] || fail "target RUS: $(n --target RUS)"
[ "$(n --actor taliban)" -eq 5 ] || fail "actor taliban: $(n --actor taliban)"
[ "$(n --actor Lavrov)" -eq 1 ] || fail "actor words"
[ "$(n --root 07)" -eq 2 ] || fail "root 07"
[ "$(n --code 19)" -eq 2 ] || fail "code 19"
[ "$(nd --status denied)" -eq 1 ] || fail "status denied"
$d query --db "$T/s.db" --status reported --source IRN | grep -q '"status":"reported"' || fail "record of the matching mention"
[ "$(n --place AFG)" -eq 1 ] || fail "place AFG"
[ "$(n --since 2018)" -eq 5 ] || fail "since 2018: $(n --since 2018)"
[ "$(n --until 2017-11)" -eq 2 ] || fail "until 2017-11: $(n --until 2017-11)"
[ "$(n --since 2017-12-01 --until 2017-12-31)" -eq 3 ] || fail "december 2017: $(n --since 2017-12-01 --until 2017-12-31)"
[ "$(n --quad 4)" -eq 3 ] || fail "quad 4"
[ "$(n --limit 2)" -eq 2 ] || fail "limit"
$d query --db "$T/s.db" --limit 1 | grep -q '"date":"2018-03-05"' || fail "newest first"

# By default what the text says happened (asserted, reported, alleged), as
# the network and /api/events: not the denied RUSGOV 072 AFGINSTAL nor the
# hypothetical USAGOV 163 RUSGOV.
[ "$(nd --source RUS)" -eq 3 ] || fail "default source RUS: $(nd --source RUS)"
[ "$(nd --target RUS)" -eq 3 ] || fail "default target RUS: $(nd --target RUS)"
[ "$(nd --actor taliban)" -eq 4 ] || fail "default actor taliban: $(nd --actor taliban)"
[ "$(nd --status asserted,reported,alleged)" -eq "$(nd)" ] || fail "default is the factual list"
[ "$(nd --status all)" -eq "$(n)" ] || fail "--status all"
$d query --db "$T/s.db" --status bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad --status should exit 2"
# Mentions and sources of an event are then the reports with those statuses:
# Iran arming the Taliban is alleged in story-a and reported in story-b.
q=$($d query --db "$T/s.db" --source IRN --status reported)
echo "$q" | grep -q '"mentions":1,"sources":\["story-b"\]' || fail "mentions of the reported reports: $q"
q=$($d query --db "$T/s.db" --source IRN)
echo "$q" | grep -q '"mentions":2,"sources":\["story-a","story-b"\]' || fail "default mentions: $q"

csv=$($d query --db "$T/s.db" --source IRN --format csv)
echo "$csv" | head -n 1 | grep -q '^id,doc_id,date,source' || fail "csv header"
echo "$csv" | grep -q ',2,story-a;story-b,' || fail "csv mentions and sources: $csv"

st=$($d stats --db "$T/s.db" --by month --source IRN)
echo "$st" | grep -qx '2017-12,IRN,AFGINSTAL,1,2,0,1,0,0,8.3' || fail "stats month: $st"
$d stats --db "$T/s.db" --by year | grep -q '^2018,RUSMIL,UKR,1,2,0,0,0,1,-10.0$' || fail "stats year"
$d stats --db "$T/s.db" --by week | grep -q '^2017-W48,' || fail "stats week"
# stats: the same default and mention counts as query
$d stats --db "$T/s.db" --by month --source IRN --status reported | grep -qx '2017-12,IRN,AFGINSTAL,1,1,0,1,0,0,8.3' ||
  fail "stats mentions of the reported reports"
$d stats --db "$T/s.db" --by month --source RUSGOV | grep -q '^2017-12,RUSGOV,AFGINSTAL,' && fail "stats default counts the denied"
$d stats --db "$T/s.db" --by month --source RUSGOV --status all | grep -q '^2017-12,RUSGOV,AFGINSTAL,1,1,0,1,0,0,' ||
  fail "stats --status all: $($d stats --db "$T/s.db" --by month --source RUSGOV --status all)"

# Usage errors.
$d query 2>/dev/null; [ $? -eq 2 ] || fail "query without --db should exit 2"
$d query --db "$T/s.db" --since 2017-13 2>/dev/null; [ $? -eq 2 ] || fail "bad --since should exit 2"
$d query --db "$T/s.db" --source 'R%' 2>/dev/null; [ $? -eq 2 ] || fail "bad code should exit 2"
$d stats --db "$T/s.db" --by decade 2>/dev/null; [ $? -eq 2 ] || fail "bad --by should exit 2"
$d query --db "$T/missing.db" 2>/dev/null; [ $? -eq 1 ] || fail "missing store should exit 1"
echo "not a database" >"$T/junk.db"
$d ingest --db "$T/junk.db" --events "$F/events_a.jsonl" 2>/dev/null; [ $? -ne 0 ] || fail "junk store"
exit 0
