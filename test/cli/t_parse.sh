# dyad parse --conllu keeps the input's lines and words; -j gives the same
# output; raw text parses; a missing or corrupt model exits 3 naming the file.
d=$1
set -u
here=$(cd "$(dirname "$0")" && pwd)
in=$here/data/tricky.conllu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$d parse --conllu "$in" >"$tmp/out" || { echo "parse --conllu failed"; exit 1; }
[ "$(wc -l <"$in")" -eq "$(wc -l <"$tmp/out")" ] || { echo "line count differs"; exit 1; }
# comments, multiword ranges, empty nodes and blank lines unchanged
grep -vP '^\d+\t' "$in" >"$tmp/a"; grep -vP '^\d+\t' "$tmp/out" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || { echo "non-word lines changed"; diff "$tmp/a" "$tmp/b"; exit 1; }
# ID, FORM, FEATS, DEPS, MISC unchanged; UPOS/XPOS/HEAD/DEPREL filled
cut -f1,2,6,9,10 "$in" >"$tmp/a"; cut -f1,2,6,9,10 "$tmp/out" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || { echo "kept columns changed"; diff "$tmp/a" "$tmp/b"; exit 1; }
awk -F'\t' '$1 ~ /^[0-9]+$/ && ($4 == "_" || $5 == "_" || $7 == "_" || $8 == "_" || NF != 10) {bad=1} END {exit bad}' "$tmp/out" \
  || { echo "unfilled columns"; cat "$tmp/out"; exit 1; }
# one root per sentence
awk -F'\t' 'BEGIN{r=0} /^$/ {if (r != 1) bad=1; r=0} $1 ~ /^[0-9]+$/ && $7 == 0 {r++} END {if (r > 1) bad=1; exit bad}' "$tmp/out" \
  || { echo "not exactly one root per sentence"; exit 1; }
grep -qP '^4\tseized\tseize\t' "$tmp/out" || { echo "lemma of seized"; exit 1; }
# threads: same output
cat "$in" "$in" "$in" "$in" >"$tmp/four"
$d parse --conllu -j 3 "$tmp/four" >"$tmp/j3" || exit 1
$d parse --conllu -j 1 "$tmp/four" >"$tmp/j1" || exit 1
cmp -s "$tmp/j1" "$tmp/j3" || { echo "-j 3 output differs"; exit 1; }
# stdin works too
$d parse --conllu <"$in" | cmp -s - "$tmp/out" || { echo "stdin output differs"; exit 1; }
# raw text through the segmenter
echo "Rebels seized the town on Monday." | $d parse >"$tmp/raw" || { echo "raw parse failed"; exit 1; }
grep -qP '^\d+\tseized\tseize\tVERB\tVBD\t' "$tmp/raw" || { echo "raw parse output"; cat "$tmp/raw"; exit 1; }
# no finite verb in the tagger's reading: the -ed word after the subject is the verb
echo "Police arrested protesters in Nairobi." | $d parse >"$tmp/news" || { echo "news parse failed"; exit 1; }
grep -qP '^2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t' "$tmp/news" || { echo "finite verb"; cat "$tmp/news"; exit 1; }
echo "Protesters arrested by police in Nairobi." | $d parse | grep -qP '^2\tarrested\tarrest\tVERB\tVBN\t' || { echo "reduced passive stays VBN"; exit 1; }
# in the coding pipeline a run of names is parsed as one word: both directions of the meeting
echo "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Tuesday." \
  | $d code --date 2025-03-01 --no-text >"$tmp/names" || { echo "code failed"; exit 1; }
grep -q '"source":{"code":"CHNGOV".*"target":{"code":"RUSGOV".*"code":"040"' "$tmp/names" || { echo "names: CHN-RUS"; cat "$tmp/names"; exit 1; }
grep -q '"source":{"code":"RUSGOV".*"target":{"code":"CHNGOV".*"code":"040"' "$tmp/names" || { echo "names: RUS-CHN"; cat "$tmp/names"; exit 1; }
# models: missing, truncated
$d parse --conllu --model /nonexistent-models "$in" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ] || { echo "missing model should exit 3"; exit 1; }
grep -q 'nonexistent-models/tagger.bin' "$tmp/err" || { echo "message should name the file"; cat "$tmp/err"; exit 1; }
mdir=$(dirname "$d")/../models
[ -f "$mdir/tagger.bin" ] || mdir=$here/../../models
mkdir "$tmp/m"
cp "$mdir/tagger.bin" "$tmp/m/"
head -c 100000 "$mdir/parser.bin" >"$tmp/m/parser.bin"
$d parse --conllu --model "$tmp/m" "$in" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ] || { echo "truncated model should exit 3"; exit 1; }
grep -q 'parser.bin' "$tmp/err" || { echo "message should name parser.bin"; cat "$tmp/err"; exit 1; }
# the tag dictionary (docs/models.md, section 7): `train tagdict` remakes the
# shipped one byte for byte, refuses bad options, and a model whose dictionary
# names a tag class it does not have exits 3 naming tagger.bin
train=$here/../../../shared/ud/en_ewt-ud-train.conllu
if [ -f "$train" ] && command -v python3 >/dev/null; then
  $d train tagdict --train "$train" --tagger "$mdir/tagger.bin" -o "$tmp/td.bin" 2>/dev/null || { echo "train tagdict failed"; exit 1; }
  cmp -s "$tmp/td.bin" "$mdir/tagger.bin" || { echo "train tagdict does not remake the shipped tagger"; exit 1; }
  $d train tagdict --train "$train" --tagger "$mdir/tagger.bin" -o "$tmp/td.bin" --purity 0 2>/dev/null; [ $? -eq 2 ] || { echo "--purity 0 should exit 2"; exit 1; }
  $d train tagdict --train "$train" -o "$tmp/td.bin" 2>/dev/null; [ $? -eq 2 ] || { echo "tagdict without --tagger should exit 2"; exit 1; }
  mkdir "$tmp/bad"
  ln -s "$(cd "$mdir" && pwd)/parser.bin" "$tmp/bad/parser.bin"
  python3 - "$mdir/tagger.bin" "$tmp/bad/tagger.bin" <<'PY' || { echo "no tag dictionary in the shipped tagger"; exit 1; }
import struct, sys, zlib
b = bytearray(open(sys.argv[1], 'rb').read())
for i in range(struct.unpack_from('<I', b, 16)[0]):
    sid, _, off, ln = struct.unpack_from('<IIQQ', b, 64 + 24 * i)
    if sid == 7:
        s = next(j for j in range(struct.unpack_from('<I', b, off)[0]) if struct.unpack_from('<Q', b, off + 8 + 16 * j)[0])
        struct.pack_into('<I', b, off + 8 + 16 * s + 8, 255)
        struct.pack_into('<I', b, len(b) - 4, zlib.crc32(bytes(b[:-4])))
        open(sys.argv[2], 'wb').write(b)
        sys.exit(0)
sys.exit(1)
PY
  $d parse --conllu --model "$tmp/bad" "$in" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ] || { echo "bad tag dictionary should exit 3"; exit 1; }
  grep -q 'tagger.bin.*tag dictionary' "$tmp/err" || { echo "message should name tagger.bin and the dictionary"; cat "$tmp/err"; exit 1; }
fi
# eval parse prints the scores
$d eval parse --gold "$in" | grep -q '^LAS:' || { echo "eval parse output"; exit 1; }
exit 0
