#!/bin/sh
# Run every document of ../shared/corpus through `dyad sentences` and report
# the documents that fail.  usage: scripts/corpus-check.sh [DYAD_BIN] [--quick]
# --quick: a few documents of each kind (used by test/cli/t_read_corpus.sh).
# Exit 0 when every document was read; 1 otherwise; 0 with a note when the
# corpus is absent.  Reuters text is read in place, never copied.
d=${1:-build/dyad}
quick=0; [ "${2:-}" = "--quick" ] && quick=1
root=$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus
[ -d "$root" ] || { echo "corpus-check: $root absent, skipped"; exit 0; }
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
bad=0; total=0
lim() { if [ $quick -eq 1 ]; then head -n "$1"; else cat; fi; }
check() { # name, dyad args...
  name=$1; shift
  "$d" sentences -q "$@" >"$t/out" 2>"$t/err"; rc=$?
  n=$(wc -l <"$t/out")
  e=$(grep -c '^dyad: ' "$t/err")
  echo "$name: rc $rc, $n sentences, $e errors"
  [ "$e" -gt 0 ] && head -n 5 "$t/err"
  [ $rc -eq 0 ] || bad=$((bad + 1))
  total=$((total + 1))
}
# VOA and Wikipedia current events: JSON Lines as they are
cat "$root"/voa/*.jsonl | lim 5 >"$t/voa.jsonl"; check voa "$t/voa.jsonl"
cat "$root"/wikipedia-current-events/*.jsonl | lim 20 >"$t/wcep.jsonl"; check wikipedia-current-events "$t/wcep.jsonl"
# Wikinews CSV → JSON Lines on the fly
python3 - "$root/wikinews" "$quick" >"$t/wn.jsonl" <<'PY'
import csv, json, glob, sys
n = 0
for f in sorted(glob.glob(sys.argv[1] + "/*.csv")):
    for r in csv.DictReader(open(f, encoding="utf-8")):
        print(json.dumps({"id": r["url"].rsplit("/", 1)[-1], "date": r["date"], "title": r["title"], "url": r["url"], "text": r["text"]}))
        n += 1
        if sys.argv[2] == "1" and n >= 10: sys.exit(0)
PY
check wikinews "$t/wn.jsonl"
# Reuters-21578 bodies → JSON Lines (in the temp dir only)
python3 - "$root/reuters21578" "$quick" >"$t/reuters.jsonl" <<'PY'
import glob, html, json, re, sys
n = 0
for f in sorted(glob.glob(sys.argv[1] + "/reut2-*.sgm")):
    s = open(f, encoding="latin-1").read()
    for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)".*?</REUTERS>', s, re.S):
        b = re.search(r"<BODY>(.*?)</BODY>", m.group(0), re.S)
        if not b: continue
        print(json.dumps({"id": "reuters-" + m.group(1), "text": html.unescape(b.group(1))}))
        n += 1
        if sys.argv[2] == "1" and n >= 20: sys.exit(0)
    if sys.argv[2] == "1": break
PY
check reuters "$t/reuters.jsonl"
# HTML pages
for f in "$root"/html/readability-test-pages/*/source.html; do
  [ -f "$f" ] || continue
  check "readability/$(basename "$(dirname "$f")")" --input html "$f"
  [ $quick -eq 1 ] && break
done
k=0
for f in "$root"/html/scrapinghub-article-extraction-benchmark/html/*.html.gz; do
  [ -f "$f" ] || continue
  gzip -dc "$f" >"$t/page.html"
  "$d" sentences -q --input html "$t/page.html" >/dev/null 2>"$t/err" || { bad=$((bad + 1)); echo "scrapinghub/$(basename "$f"):"; head -n 2 "$t/err"; }
  total=$((total + 1)); k=$((k + 1))
  [ $quick -eq 1 ] && [ $k -ge 5 ] && break
done
echo "scrapinghub: $k pages"
echo "corpus-check: $total inputs, $bad with errors"
[ $bad -eq 0 ]
