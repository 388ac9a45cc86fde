#!/bin/sh
# CLI tests: each test/cli/t_*.sh gets the dyad binary as $1 and exits 0 on
# success.  Ends with "cli: N passed, N failed".
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(dirname "$0")
p=0; f=0
for t in "$dir"/t_*.sh; do
  [ -f "$t" ] || continue
  if out=$(sh "$t" "$bin" 2>&1); then p=$((p + 1)); else f=$((f + 1)); echo "FAIL $t"; echo "$out" | tail -n 20; fi
done
echo "cli: $p passed, $f failed"
[ $f -eq 0 ]
