# A quick corpus run: a few real documents of each kind from ../shared/corpus
# through `dyad sentences` (skipped when the corpus is absent).
dir=$(cd "$(dirname "$0")/../.." && pwd)
sh "$dir/scripts/corpus-check.sh" "$1" --quick >/tmp/dyad-corpus-$$.log 2>&1
rc=$?
[ $rc -eq 0 ] || cat /tmp/dyad-corpus-$$.log
rm -f /tmp/dyad-corpus-$$.log
exit $rc
