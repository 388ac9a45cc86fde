# Bad input to the readers: a clear message naming the document (and line),
# exit 1, whole output lines only, never a crash (exit >= 128).
d=$1
set -u
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; [ -f "$t/err" ] && cat "$t/err"; exit 1; }
run() { # expected-exit, grep-pattern-in-stderr, args...
  want=$1; pat=$2; shift 2
  "$d" "$@" >"$t/out" 2>"$t/err"; rc=$?
  [ $rc -ge 128 ] && fail "crash ($rc): $*"
  [ $rc -eq "$want" ] || fail "exit $rc, want $want: $*"
  [ -z "$pat" ] || grep -q -- "$pat" "$t/err" || fail "stderr lacks '$pat': $*"
  # no half-written line: output is empty or ends with a newline
  if [ -s "$t/out" ]; then [ "$(tail -c 1 "$t/out" | od -An -c | tr -d ' ')" = '\n' ] || fail "partial line: $*"; fi
}
# empty file, empty stdin, blank file
: >"$t/empty.txt"
run 1 "empty.txt: empty document" sentences "$t/empty.txt"
run 1 "empty" sentences </dev/null
printf '  \n\n ' >"$t/blank.txt"
run 1 "blank.txt: empty document" sentences "$t/blank.txt"
# binary junk (no '[' or '{': a first one would make it JSON Lines)
head -c 8192 /dev/urandom | tr '[{' '..' >"$t/junk.bin"
run 1 "junk.bin: binary data" sentences "$t/junk.bin"
printf '\0\1\2\3\0\0\0\0binary\0\0\0' >"$t/nul.txt"
run 1 "nul.txt: binary data" sentences "$t/nul.txt"
# invalid UTF-8 in text: read, with U+FFFD
printf 'Troops crossed the border \377\376 on Monday.\n' >"$t/bad-utf8.txt"
run 0 "" sentences "$t/bad-utf8.txt"
grep -q 'Monday' "$t/out" || fail "invalid UTF-8 document not read"
grep -q "$(printf '\357\277\275')" "$t/out" || fail "invalid UTF-8 not replaced by U+FFFD"
# JSON Lines: truncated, wrong types, no text, not an object; good lines go on
cat >"$t/docs.jsonl" <<'J'
{"id": "ok1", "text": "Troops crossed the border."}
{"id": "cut", "text": "Troops crossed
{"id": "num", "text": 5}
{"id": "arr", "text": ["a"]}
{"id": 7, "title": 3, "text": "x"}
{"id": "none", "title": "no body"}
[1, 2]
{"id": "ok2", "text": "The UN called for calm.", "extra": {"a": 1}}
{"id": "ok3", "date": "Wed, 04 Mar 2020 10:00:00 GMT", "text": "Talks resumed."}
J
run 1 "docs.jsonl:2: truncated JSON" sentences "$t/docs.jsonl"
grep -q 'docs.jsonl:3: field "text" must be a string, not an integer' "$t/err" || fail "wrong type message"
grep -q 'docs.jsonl:4: field "text" must be a string, not an array' "$t/err" || fail "array type message"
grep -q 'docs.jsonl:5: field "title" must be a string' "$t/err" || fail "title type message"
grep -q 'docs.jsonl:6: no "text" or "html" field' "$t/err" || fail "missing text message"
grep -q 'docs.jsonl:7: expected a JSON object' "$t/err" || fail "array message"
[ "$(wc -l <"$t/out")" -eq 3 ] || fail "the three good lines should be read"
grep -q '"doc_id":"ok2"' "$t/out" || fail "good line after bad ones not read"
# invalid UTF-8 inside JSON: repaired, read
printf '{"id":"u","text":"Troops \377 crossed."}\n' >"$t/u.jsonl"
run 0 "" sentences "$t/u.jsonl"
# missing id: a stable content id
printf '{"text":"Troops crossed the border."}\n' >"$t/noid.jsonl"
run 0 "" sentences "$t/noid.jsonl"
id1=$(cat "$t/out")
run 0 "" sentences "$t/noid.jsonl"
[ "$id1" = "$(cat "$t/out")" ] || fail "derived id not stable"
grep -q '"doc_id":"doc-[0-9a-f]\{16\}"' "$t/out" || fail "derived id format"
# HTML without body / without article text
printf '<html><head><title>x</title></head></html>' >"$t/nobody.html"
run 1 "nobody.html: no article text found" sentences "$t/nobody.html"
printf '<html><body><nav><a href="/">Home</a></nav><script>var x=1;</script></body></html>' >"$t/navonly.html"
run 1 "navonly.html: no article text found" sentences "$t/navonly.html"
# a 100 MB single line (JSON Lines), then a good line: refused, the rest goes on
{ printf '{"id":"big","text":"'; head -c 104857600 /dev/zero | tr '\0' 'a'; printf '"}\n'; printf '{"id":"after","text":"Troops crossed the border."}\n'; } >"$t/big.jsonl"
run 1 "big.jsonl:1: document too large" sentences "$t/big.jsonl"
grep -q '"doc_id":"after"' "$t/out" || fail "line after the 100 MB line not read"
rm -f "$t/big.jsonl"
exit 0
