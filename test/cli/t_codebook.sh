#!/bin/sh
# The codebook battery, set A (test/gold/codebook_a.jsonl: two sentences per
# CAMEO code written before coding, plus no-event sentences) through the
# whole pipeline.  Floors a little under the figures in README "Event
# coding", so a lexicon or coder change that loses codebook coverage or
# precision shows.  Set B is held out and not tested here.
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$root/models/parser.bin" ] && [ -f "$root/models/tagger.bin" ] || { echo "skip: no parser model"; exit 0; }
. "$root/test/cli/eval_floor.sh"
eval_floor "$bin" "codebook A" "$root/test/gold/codebook_a.jsonl" \
  "root precision 0.82" "code precision 0.75" "code F1 0.72"
