#!/bin/sh
# The codebook battery, set A (test/gold/codebook_a.jsonl: two sentences per
# CAMEO code written before coding, plus no-event sentences) through the
# whole pipeline.  Floors a little under the figures in README "Event
# coding", so a lexicon or coder change that loses codebook coverage or
# precision shows.  Set B is held out and not tested here.
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$root/models/parser.bin" ] && [ -f "$root/models/tagger.bin" ] || { echo "skip: no parser model"; exit 0; }
out=$("$bin" eval code --gold "$root/test/gold/codebook_a.jsonl") || { echo "$out"; exit 1; }
# "root   precision 0.753  recall 0.703  F1 0.727  (...)"
get() { echo "$out" | awk -v w="$1" -v f="$2" '$1 == w { for (i = 2; i < NF; i++) if ($i == f) print $(i + 1) }'; }
rp=$(get root precision); cp=$(get code precision); cf=$(get code F1)
echo "codebook A: root precision $rp, code precision $cp, code F1 $cf"
ok=$(awk -v rp="$rp" -v cp="$cp" -v cf="$cf" 'BEGIN { print (rp >= 0.82 && cp >= 0.75 && cf >= 0.72) ? 1 : 0 }')
[ "$ok" = 1 ] || { echo "codebook A below its floor (root P 0.82, code P 0.75, code F1 0.72)"; echo "$out"; exit 1; }
