#!/usr/bin/env python3
"""tsv_gold.py — turn a hand-written gold TSV (test/gold/*.tsv) into the
JSON Lines gold format of `dyad eval code`.

TSV: TEXT <tab> EVENTS, where EVENTS is "NONE" or events joined by " ; ",
each "SOURCE CODE TARGET STATUS ATTRIBUTION" ("-" = none); an optional
third column gives the record's report date.  Lines starting
with "#" are comments.  Every record gets the report date given (default
2023-06-15).

usage: tsv_gold.py IN.tsv OUT.jsonl [DATE]
"""
import json
import sys


def main():
    src, dst = sys.argv[1], sys.argv[2]
    date = sys.argv[3] if len(sys.argv) > 3 else "2023-06-15"
    n = 0
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for i, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            text, ev = parts[0], parts[1]
            day = parts[2] if len(parts) > 2 and parts[2] else date
            events = []
            if ev.strip() != "NONE":
                for e in ev.split(" ; "):
                    s, c, t, st, a = e.split()
                    events.append({"source": s, "code": c, "target": None if t == "-" else t,
                                   "status": st, "attribution": None if a == "-" else a})
            n += 1
            out.write(json.dumps({"id": f"h{i:04d}", "date": day, "text": text, "events": events},
                                 ensure_ascii=False) + "\n")
    print(f"{n} records -> {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
