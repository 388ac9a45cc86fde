# Which parser model a verb loads (dyad_model_options.parser, --parser):
# `dyad code` takes models/parser-code.bin when it is there, else
# parser.bin; `dyad parse` always parser.bin; --parser overrides both.
# A corrupt file tells which one was read (exit 3 naming it).
d=$1
set -u
here=$(cd "$(dirname "$0")" && pwd)
mdir=$(dirname "$d")/../models
[ -f "$mdir/tagger.bin" ] || mdir=$here/../../models
mdir=$(cd "$mdir" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
txt="Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Tuesday."
mkdir "$tmp/m"
ln -s "$mdir/tagger.bin" "$tmp/m/tagger.bin"
ln -s "$mdir/parser.bin" "$tmp/m/parser.bin"
printf 'not a model' >"$tmp/m/parser-code.bin"
# code reads parser-code.bin, parse does not
echo "$txt" | $d code --model "$tmp/m" --date 2025-03-01 >/dev/null 2>"$tmp/err"; [ $? -eq 3 ] \
  || { echo "code should read the corrupt parser-code.bin and exit 3"; cat "$tmp/err"; exit 1; }
grep -q 'parser-code.bin' "$tmp/err" || { echo "message should name parser-code.bin"; cat "$tmp/err"; exit 1; }
echo "$txt" | $d parse --model "$tmp/m" >"$tmp/p1" 2>"$tmp/err" || { echo "parse should use parser.bin"; cat "$tmp/err"; exit 1; }
# --parser overrides: a name in --model's directory, or a path
echo "$txt" | $d code --model "$tmp/m" --parser parser.bin --date 2025-03-01 >"$tmp/c1" 2>"$tmp/err" \
  || { echo "code --parser parser.bin failed"; cat "$tmp/err"; exit 1; }
echo "$txt" | $d code --model "$tmp/m" --parser "$mdir/parser.bin" --date 2025-03-01 >"$tmp/c2" || exit 1
cmp -s "$tmp/c1" "$tmp/c2" || { echo "--parser as a path differs"; exit 1; }
echo "$txt" | $d parse --model "$tmp/m" --parser parser-code.bin >/dev/null 2>"$tmp/err"; [ $? -eq 3 ] \
  || { echo "parse --parser parser-code.bin should read it"; exit 1; }
# a named file that is missing is an error, not a fallback
echo "$txt" | $d code --model "$tmp/m" --parser nosuch.bin >/dev/null 2>"$tmp/err"; [ $? -eq 3 ] \
  || { echo "missing --parser file should exit 3"; exit 1; }
grep -q 'nosuch.bin' "$tmp/err" || { echo "message should name nosuch.bin"; cat "$tmp/err"; exit 1; }
# no parser-code.bin: code falls back to parser.bin
rm "$tmp/m/parser-code.bin"
echo "$txt" | $d code --model "$tmp/m" --date 2025-03-01 >"$tmp/c3" || { echo "fallback to parser.bin failed"; exit 1; }
cmp -s "$tmp/c1" "$tmp/c3" || { echo "fallback output differs from --parser parser.bin"; exit 1; }
grep -q '"code":"' "$tmp/c3" || { echo "no event coded"; cat "$tmp/c3"; exit 1; }
# the default load (all parts, as --version) names the coder's parser when
# models/ has one, and does not name a file when it takes parser.bin
if [ -f "$mdir/parser-code.bin" ]; then
  $d --version | grep -q '(parser-code.bin)' || { echo "--version should name parser-code.bin"; $d --version; exit 1; }
else
  $d --version | grep -q 'parser ewt-.*)' && { echo "--version names a parser file"; $d --version; exit 1; }
fi
exit 0
