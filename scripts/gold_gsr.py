#!/usr/bin/env python3
"""gold_gsr.py — the PETRARCH-2 gold-standard validation records as a gold
file for `dyad eval code --gold`.

Reads ../shared/peers/UniversalPetrarch/master/text/PETR2_GSR_validation.xml
(openeventdata/UniversalPetrarch, MIT; the AFP sentences in it are excerpts
the upstream repository publishes as test data: never commit the output)
and writes JSON Lines to stdout: {"id", "date", "category", "text",
"events": [{"source", "code", "target"}]}, one line per <Sentence> with
evaluate="true" and some text; a record whose coding is noevents="True" has no events.
The gold is PETRARCH's, not ours: actor codes are the Phoenix dictionaries'
(country + role, e.g. GUYJUD), and the expected codes are what PETRARCH-2
was meant to produce (no status or attribution).

usage: python3 scripts/gold_gsr.py [XML] > build/gsr.jsonl
       build/dyad eval code --gold build/gsr.jsonl
"""
import json
import os
import re
import sys

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "peers",
                       "UniversalPetrarch", "master", "text", "PETR2_GSR_validation.xml")


def attrs(tag):
    return dict(re.findall(r'(\w+)="([^"]*)"', tag))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    try:
        with open(path, encoding="utf-8") as f:
            xml = f.read()
    except OSError as e:
        sys.exit(f"gold_gsr: {e}")
    # A record: <Sentence .../> <EventCoding .../>... <Text>...</Text>
    starts = [m for m in re.finditer(r"<Sentence\b[^>]*>", xml)]
    if not starts:
        sys.exit(f"gold_gsr: {path}: no <Sentence> records")
    n = skipped = 0
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(xml)
        body = xml[m.end():end]
        a = attrs(m.group(0))
        if a.get("evaluate", "true") != "true":
            continue
        t = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not t:
            sys.exit(f"gold_gsr: {path}: record {a.get('id')} has no <Text>")
        text = " ".join(t.group(1).split())
        if not text:
            skipped += 1        # one record (abc12_3) has codings but no text
            continue
        events = []
        for c in re.findall(r"<EventCoding\b[^>]*>", body):
            ca = attrs(c)
            if ca.get("noevents") == "True":
                continue
            if "eventcode" not in ca:
                sys.exit(f"gold_gsr: {path}: record {a.get('id')}: coding without eventcode")
            events.append({"source": ca.get("sourcecode") or None, "code": ca["eventcode"],
                           "target": ca.get("targetcode") or None})
        d = a.get("date", "")
        date = f"{d[0:4]}-{d[4:6]}-{d[6:8]}" if re.fullmatch(r"\d{8}", d) else None
        print(json.dumps({"id": a.get("id"), "date": date, "category": a.get("category"),
                          "text": text, "events": events}, ensure_ascii=False))
        n += 1
    print(f"gold_gsr: {n} records ({skipped} without text skipped)", file=sys.stderr)


if __name__ == "__main__":
    main()
