#!/bin/sh
# The event-coding spec sentences as raw text through the whole pipeline
# (read, clean, segment, tag/parse, actors, code): test/spec-text/code_*.txt.
# Skipped (passes) until the parser model exists; the same sentences run
# on frozen parses in test/spec/code_*.txt in any case.
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
runner=$(dirname "$bin")/spec_runner
[ -f "$root/models/parser.bin" ] && [ -f "$root/models/tagger.bin" ] || { echo "skip: no parser model"; exit 0; }
[ -x "$runner" ] || { echo "skip: no spec_runner"; exit 0; }
out=$("$runner" "$bin" "$root"/test/spec-text/code_*.txt 2>&1)
echo "$out" | tail -n 20
echo "$out" | grep -qE 'spec: [0-9]+ passed, 0 failed'
