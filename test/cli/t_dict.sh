# dyad dict check / import: file:line errors and exit codes; the importer on
# the peers' TABARI/PETRARCH dictionaries (../shared/peers; skipped without it).
d=$1
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the shipped dictionaries are clean
$d dict check "$here"/data/actors/*.txt >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/out"; echo "shipped dictionaries have errors"; exit 1; }
grep -q ' 0 errors' "$tmp/err" || { echo "no summary"; exit 1; }
# errors name file and line, exit 1
printf 'A | | ABC | type=state\nB | | RUSGOV 2000..2010; RUSELI 2005..2012 | type=person\nC | | xyz | type=state\nA | | ABC | type=state\n' >"$tmp/bad.txt"
$d dict check "$tmp/bad.txt" >"$tmp/out" 2>/dev/null; [ $? -eq 1 ] || { echo "errors should exit 1"; exit 1; }
grep -q "bad.txt:2: error: overlapping" "$tmp/out" || { cat "$tmp/out"; echo "overlap not reported"; exit 1; }
grep -q "bad.txt:3: error: bad code" "$tmp/out" || { echo "bad code not reported"; exit 1; }
grep -q "bad.txt:4: error: duplicate entry 'A'" "$tmp/out" || { echo "duplicate not reported"; exit 1; }
$d dict 2>/dev/null; [ $? -eq 2 ] || { echo "dict without subcommand should exit 2"; exit 1; }
$d dict import x 2>/dev/null; [ $? -eq 2 ] || { echo "import without --from should exit 2"; exit 1; }
# importer on the peers' files: counts (entries + skipped = the peers' README counts)
peers="$here/../shared/peers"
[ -d "$peers" ] || exit 0
imp() { # file, format, expected stderr fragment
  $d dict import --from "$2" "$peers/$1" >"$tmp/imp.txt" 2>"$tmp/imp.err" || { cat "$tmp/imp.err"; exit 1; }
  grep -q "$3" "$tmp/imp.err" || { cat "$tmp/imp.err"; echo "want: $3"; exit 1; }
}
imp petrarch2/dictionaries/Phoenix.Countries.actors.txt petrarch "18350 entries, 7495 synonyms, 28379 codes (26102 date-restricted), 0 agents, 40 skipped"
grep -q '^Afghanistan | Afghan; Afganistan' "$tmp/imp.txt" || { echo "Afghanistan synonyms"; exit 1; }
imp petrarch2/dictionaries/Phoenix.MilNonState.actors.txt petrarch "1021 entries, 772 synonyms"
imp petrarch2/dictionaries/Phoenix.agents.txt petrarch "2243 entries, 2825 synonyms, 2243 codes (0 date-restricted), 2243 agents"
grep -q '^foreign minister | foreign ministers; foreign ministry; foreign ministries | GOV | type=agent' "$tmp/imp.txt" || { echo "agent macro expansion"; exit 1; }
imp petrarch2/dictionaries/PETR.Validate.actors.txt petrarch "121 entries, 33 synonyms, 130 codes (12 date-restricted)"
imp petrarch2/dictionaries/PETR.Validate.agents.txt petrarch "88 entries, 75 synonyms, 88 codes (0 date-restricted), 88 agents"
$d dict check "$tmp/imp.txt" >/dev/null 2>&1 || { echo "imported validation agents should check clean"; exit 1; }
imp TABARI-Dictionaries/Internatnl.120521.actors tabari "7479 entries, 0 synonyms, 7557 codes (488 date-restricted)"
grep -q '^Aldo Moro |  | IGOEUREEC 1971-07-01..1972-01-01 | type=person' "$tmp/imp.txt" || { grep -i 'aldo moro' "$tmp/imp.txt"; echo "dated TABARI code"; exit 1; }
imp TABARI-Dictionaries/PSU.120522.agents tabari "2131 entries, 1947 synonyms, 2131 codes (0 date-restricted), 2131 agents"
exit 0
