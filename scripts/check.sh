#!/bin/sh
# Runs every test suite and prints the total last: "N passed, N failed".
# DYAD_CHECK_QUICK=1: release build only (no ASan, no fuzzing).
cd "$(dirname "$0")/.." || exit 2
total_p=0; total_f=0
log=$(mktemp)
suite() { # name, command...
  name=$1; shift
  "$@" >"$log" 2>&1
  rc=$?
  line=$(grep -E '^[a-z-]*:? ?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
  f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
  [ -z "$p" ] && p=0
  [ -z "$f" ] && f=0
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$f" -ne 0 ]; then cat "$log"; fi
  echo "$name: $p passed, $f failed"
  total_p=$((total_p + p)); total_f=$((total_f + f))
}
run_all() { # build dir, label
  b=$1; l=$2
  suite "unit$l" "$b/unit_tests"
  suite "spec$l" "$b/spec_runner" "$b/dyad" test/spec/*.txt
  suite "cli$l" sh test/cli/run.sh "$b/dyad"
}
run_all build ""
if [ -z "$DYAD_CHECK_QUICK" ]; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_all build-asan " (asan)"
  suite "fuzz" sh test/fuzz/run.sh build-fuzz
fi
rm -f "$log"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
