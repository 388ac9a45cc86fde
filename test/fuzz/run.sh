#!/bin/sh
# Replay saved crashers and corpus files through every fuzz target, then fuzz
# each for a few seconds (DYAD_FUZZ_SECONDS, default 10).
# Ends with "fuzz: N passed, N failed".
b=${1:-build-fuzz}
secs=${DYAD_FUZZ_SECONDS:-10}
dir=$(dirname "$0")
p=0; f=0
for t in "$b"/fuzz_*; do
  [ -x "$t" ] || continue
  n=$(basename "$t")
  corp="$dir/corpus/$n"
  mkdir -p "$corp"
  work=$(mktemp -d)
  cp "$corp"/* "$work"/ 2>/dev/null
  if "$t" -runs=0 "$corp" >/dev/null 2>&1 && \
     "$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 "$work" >"$work.log" 2>&1; then
    p=$((p + 1))
  else
    f=$((f + 1)); echo "FAIL $n"; tail -n 30 "$work.log" 2>/dev/null
    for c in crash-* leak-* timeout-* oom-*; do [ -f "$c" ] && mv "$c" "$corp/" && echo "saved $corp/$c"; done
  fi
  rm -rf "$work" "$work.log"
done
echo "fuzz: $p passed, $f failed"
[ $f -eq 0 ]
