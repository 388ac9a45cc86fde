#!/usr/bin/env python3
"""petr_gold.py — convert the UD-PETRARCH validation suites (MIT,
openeventdata/UniversalPetrarch) into dyad gold files for `dyad eval code`.

Each <Sentence> with a CoNLL-U <Parse> becomes one JSON line
  {"id", "date", "text", "conllu", "events": [{"source", "code", "target"}]}
where "conllu" is the record's own parse (UD v1 relations mapped to v2) with
a "# actors = ..." line built from the suite's own actor and agent
dictionaries (TABARI format: phrase words joined by "_", a trailing "_"
means an exact final word, else a prefix; agents "[~GOV]" join an adjacent
actor: "Arnor's president" -> ARNGOV).  So the coder is measured on gold
parses and gold actor spans, independent of our tagger and dictionaries.

usage: petr_gold.py RECORDS.xml OUT.jsonl ACTORS[,ACTORS...] AGENTS
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

V1 = {"dobj": "obj", "nsubjpass": "nsubj:pass", "auxpass": "aux:pass", "csubjpass": "csubj:pass",
      "neg": "advmod", "name": "flat", "mwe": "fixed", "nmod:agent": "obl:agent", "nmod:poss": "nmod:poss"}


def norm_phrase(p):
    p = p.strip()
    exact = p.endswith("_")
    words = [w for w in re.split(r"[_\s]+", p.upper()) if w]
    return tuple(words), exact


def load_actors(paths):
    ents = []
    for path in paths:
        group, code = [], None

        def flush():
            if group and code and code != "---":
                for ph in group:
                    w, ex = norm_phrase(ph)
                    if w:
                        ents.append((w, ex, code))
        with open(path, encoding="latin-1") as f:
            for raw in f:
                line = raw.rstrip("\n")
                s = line.split("#", 1)[0]
                if not s.strip() or s.lstrip().startswith("<"):
                    if not s.strip() and not line.strip():
                        flush(); group, code = [], None
                    continue
                if s.startswith("+"):
                    group.append(s[1:].split("[")[0])
                    continue
                if s[0] in " \t":
                    m = re.search(r"\[([^\]\s]+)", s)
                    if m and code is None:
                        code = m.group(1).upper()
                    continue
                flush()
                group, code = [s.split("[")[0].split("{")[0]], None
                m = re.search(r"\[([^\]\s]+)", s)
                if m:
                    code = m.group(1).upper()
            flush()
    return ents


def load_agents(path):
    macros, ents = {}, []
    with open(path, encoding="latin-1") as f:
        for raw in f:
            s = raw.split("#", 1)[0].strip()
            if not s or s.startswith("<"):
                continue
            m = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", s)
            if m:
                macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
                continue
            m = re.search(r"\[~?([A-Z0-9]+)~?\]", s)
            if not m:
                continue
            code = m.group(1)
            ph = s.split("[")[0]
            plural = re.search(r"\{([^}]*)\}", ph)
            ph = re.sub(r"\{[^}]*\}", "", ph).strip()
            forms = [ph]
            for mac, subs in macros.items():
                if mac in ph:
                    forms = [ph.replace(mac, x) for x in subs]
            if plural and plural.group(1).strip():
                forms += [x.strip() for x in plural.group(1).split(",")]
            else:
                forms += [x + "S" for x in forms]
            for fm in forms:
                w, ex = norm_phrase(fm)
                if w:
                    ents.append((w, True, code))
    return ents


def index(ents):
    idx = {}
    for w, ex, code in ents:
        idx.setdefault(w[0][:3], []).append((w, ex, code))
    for k in idx:
        idx[k].sort(key=lambda e: -len(e[0]))
    return idx


def match_at(idx, toks, i):
    """Longest phrase starting at token i: (ntokens, code) or None."""
    t = toks[i].upper()
    best = None
    for w, ex, code in idx.get(t[:3], []):
        if i + len(w) > len(toks):
            continue
        ok = True
        for k, word in enumerate(w):
            tk = toks[i + k].upper()
            last = k == len(w) - 1
            if last and not ex:
                ok = tk.startswith(word)
            else:
                ok = tk == word
            if not ok:
                break
        if ok and (best is None or len(w) > best[0]):
            best = (len(w), code)
    return best


def actors_line(toks, aidx, gidx):
    spans = []
    i, n = 0, len(toks)
    while i < n:
        m = match_at(aidx, toks, i)
        if m:
            a, b, code = i, i + m[0], m[1]
            j = b
            if j < n and toks[j] in ("'s", "’s", "'"):
                j += 1
            g = match_at(gidx, toks, j) if j < n else None
            if g:
                b, code = j + g[0], code + g[1]
            spans.append((a, b, code))
            i = b
            continue
        g = match_at(gidx, toks, i)
        if g and i + g[0] < n:
            # "the president of Arnor"
            j = i + g[0]
            if toks[j].lower() == "of" and j + 1 < n:
                m2 = match_at(aidx, toks, j + 1)
                if m2:
                    spans.append((i, j + 1 + m2[0], m2[1] + g[1]))
                    i = j + 1 + m2[0]
                    continue
        i += 1
    return " ".join(f"{a + 1}-{b}:{c}" if b - a > 1 else f"{a + 1}:{c}" for a, b, c in spans)


def convert_parse(parse):
    rows = [l.split("\t") for l in parse.strip().split("\n") if l.strip() and not l.startswith("#")]
    rows = [r for r in rows if len(r) >= 8 and r[0].isdigit()]
    upos = {r[0]: r[3] for r in rows}
    out = []
    for r in rows:
        r = r + ["_"] * (10 - len(r))
        d = V1.get(r[7], r[7])
        if d.startswith("nmod") and d not in ("nmod:poss",) and upos.get(r[6]) in ("VERB", "ADJ", "AUX"):
            d = "obl" + d[4:]
        r[7] = d
        out.append(r)
    return out


def main():
    src, dst, actors, agents = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4]
    aidx, gidx = index(load_actors(actors)), index(load_agents(agents))
    text = open(src, encoding="utf-8").read()
    # records are loosely XML (GSR has self-closed <Sentence .../>): split by hand
    n = 0
    with open(dst, "w") as out:
        for m in re.finditer(r"<Sentence ([^>]*?)/?>(.*?)</Sentence>", text, re.S):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
            body = m.group(2)
            if attrs.get("evaluate", "true") != "true":
                continue
            pm = re.search(r"<Parse>(.*?)</Parse>", body, re.S)
            tm = re.search(r"<Text>(.*?)</Text>", body, re.S)
            if not pm or not tm:
                continue
            rows = convert_parse(pm.group(1))
            if not rows:
                continue
            events = []
            for e in re.findall(r"<EventCoding ([^>]*)/?>", body):
                ea = dict(re.findall(r'(\w+)="([^"]*)"', e))
                if ea.get("noevents") == "True" or "eventcode" not in ea:
                    continue
                for s in ea.get("sourcecode", "").split("/"):
                    for t in ea.get("targetcode", "---").split("/"):
                        events.append({"source": s, "code": ea["eventcode"],
                                       "target": None if t in ("---", "") else t})
            toks = [r[1] for r in rows]
            conllu = "# actors = " + actors_line(toks, aidx, gidx) + "\n" + \
                "\n".join("\t".join(r[:10]) for r in rows) + "\n\n"
            d = attrs.get("date", "")
            date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 else None
            out.write(json.dumps({"id": attrs.get("id"), "date": date,
                                  "text": " ".join(tm.group(1).split()), "conllu": conllu,
                                  "events": events}) + "\n")
            n += 1
    print(f"{n} records -> {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
