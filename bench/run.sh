#!/bin/sh
# bench/run.sh — `make bench`: runs every benchmark on the shared corpus.
# Benchmarks are not tests: they print figures, they do not pass or fail.
# Add one line per benchmark below.  Reuters text is read at run time from
# ../shared and never copied into the repository.
cd "$(dirname "$0")/.." || exit 2
b=${BUILD:-build}
shared=${DYAD_SHARED:-../shared}
[ -d "$shared/corpus" ] || { echo "bench: no corpus at $shared/corpus" >&2; exit 0; }

[ -x "$b/bench_segment" ] && "$b/bench_segment" "$shared/corpus"
[ -x "$b/dyad" ] && sh bench/http-load.sh "${DYAD_HTTP_SECONDS:-10}"
[ -x "$b/bench_code" ] && "$b/bench_code" "$shared/corpus" test/gold/petr_validate.jsonl
