#!/bin/sh
# Word clusters for the parser (docs/models.md): tokenise the openly licensed
# news text of ../shared/corpus (Wikinews CC BY 2.5, Wikipedia Current events
# CC BY-SA 4.0, VOA public domain; never Reuters) with `dyad parse`, then
# cluster it together with the EWT training forms.
# usage: sh scripts/cluster-corpus.sh OUT.tsv [train clusters options]
# (from the repository root, after `make build`; the corpus text stays in a
# temporary directory)
set -eu
out=${1:?usage: cluster-corpus.sh OUT.tsv [options]}
shift
shared=${SHARED:-../shared}
dyad=${DYAD:-build/dyad}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$shared/corpus/wikinews" "$tmp/wikinews.jsonl" <<'PY'
import csv, glob, json, sys
csv.field_size_limit(1 << 30)
with open(sys.argv[2], "w") as out:
    for path in sorted(glob.glob(sys.argv[1] + "/*.csv")):
        with open(path, newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                out.write(json.dumps({"id": "%s-%d" % (path.rsplit("/", 1)[-1], i),
                                      "text": row["text"]}) + "\n")
PY
cat "$shared"/corpus/wikipedia-current-events/*.jsonl "$shared"/corpus/voa/*.jsonl > "$tmp/other.jsonl"
"$dyad" parse -q --input jsonl "$tmp/wikinews.jsonl" > "$tmp/wikinews.conllu"
"$dyad" parse -q --input jsonl "$tmp/other.jsonl" > "$tmp/other.conllu"
"$dyad" train clusters -o "$out" "$@" "$shared/ud/en_ewt-ud-train.conllu" "$tmp/wikinews.conllu" "$tmp/other.conllu"
