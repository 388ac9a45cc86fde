#!/usr/bin/env python3
"""Actor dictionary coverage on real news (python3 stdlib only).

Runs `dyad parse`, `dyad mentions` and `dyad code` over a corpus and reports
  - sentences, sentences with a lexicon trigger (a VERB whose lemma has a
    `v LEMMA` line in data/events/30-verbs.txt), and the share of those with
    no coded event that has a source actor ("trigger but no source");
  - the most frequent capitalised names (runs of PROPN tokens joined by
    flat/compound) in subject, object or oblique position (nsubj*, obj,
    iobj, obl*, and their conj) that no actor, place or time mention covers:
    the candidates for the actor dictionaries.

Corpora (paths relative to the repository; ../shared is the shared data):
  wcep      Wikipedia Portal:Current events 2025-2026, one item per document
  voa       VOA stories 2025
  wikinews  Wikinews 2019-2020
Usage:
  python3 scripts/actor_coverage.py [--corpus wcep,voa,wikinews] [--limit N]
        [--top N] [--dyad build/dyad] [--dict DIR] [-j N] [--names-only]
"""
import argparse
import collections
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/corpus"

ARG_RELS = ("nsubj", "obj", "iobj", "obl")
JOIN_RELS = ("flat", "compound", "flat:name")
CITE_RE = re.compile(r"\s*\((?:[A-Z][^()]{0,40})\)\s*$")


def load_wcep(limit):
    d = os.path.join(SHARED, "wikipedia-current-events")
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".jsonl"):
            continue
        with open(os.path.join(d, fn), encoding="utf-8") as f:
            for line in f:
                day = json.loads(line)
                n = 0
                for para in day["text"].split("\n\n"):
                    para = para.strip()
                    if not para or "\n" in para or not para.endswith(")"):
                        continue  # category headings have no citation
                    # strip the trailing "(Reuters) (AP)" citations
                    while True:
                        p2 = CITE_RE.sub("", para)
                        if p2 == para:
                            break
                        para = p2
                    n += 1
                    yield {"id": "%s-%03d" % (day["date"], n),
                           "date": day["date"], "text": para}


def load_voa(limit):
    d = os.path.join(SHARED, "voa")
    for fn in sorted(os.listdir(d)):
        if fn.startswith("voa_stories") and fn.endswith(".jsonl"):
            with open(os.path.join(d, fn), encoding="utf-8") as f:
                for line in f:
                    s = json.loads(line)
                    yield {"id": "voa-" + s["id"],
                           "date": s["published"][:10], "text": s["text"]}


def load_wikinews(limit):
    csv.field_size_limit(1 << 30)
    d = os.path.join(SHARED, "wikinews")
    for fn in sorted(os.listdir(d)):
        if fn.endswith(".csv"):
            with open(os.path.join(d, fn), encoding="utf-8") as f:
                for i, r in enumerate(csv.DictReader(f)):
                    yield {"id": "wn-%s-%d" % (fn[9:13], i),
                           "date": r["date"][:10], "text": r["text"]}


LOADERS = {"wcep": load_wcep, "voa": load_voa, "wikinews": load_wikinews}


def run(dyad, verb, args, path):
    cmd = [dyad, verb, "-q"] + args + [path]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        sys.exit("%s failed: %s" % (" ".join(cmd), p.stderr.decode()[:500]))
    return p.stdout.decode("utf-8", "replace")


def parse_conllu(text):
    sents = {}
    doc = sid = stext = None
    toks = []
    for line in text.split("\n"):
        if line.startswith("# doc_id = "):
            doc = line[11:]
        elif line.startswith("# sent_id = "):
            sid = int(line[12:])
        elif line.startswith("# text = "):
            stext = line[9:]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if toks:
                sents[(doc, sid)] = (stext, toks)
            toks = []
        else:
            c = line.split("\t")
            if "-" in c[0] or "." in c[0]:
                continue
            toks.append({"id": int(c[0]), "form": c[1], "lemma": c[2],
                         "upos": c[3], "head": int(c[6]), "rel": c[7],
                         "misc": c[9]})
    if toks:
        sents[(doc, sid)] = (stext, toks)
    return sents


def token_offsets(stext, toks):
    pos = 0
    for t in toks:
        i = stext.find(t["form"], pos)
        if i < 0:
            t["s"], t["e"] = -1, -1
            continue
        t["s"], t["e"] = i, i + len(t["form"])
        pos = t["e"]


def lexicon_verbs():
    verbs = set()
    with open(os.path.join(ROOT, "data", "events", "30-verbs.txt"),
              encoding="utf-8") as f:
        for line in f:
            m = re.match(r"v\s+(\S+)", line)
            if m:
                verbs.add(m.group(1).lower())
    return verbs


def base_rel(rel):
    return rel.split(":")[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="wcep,voa,wikinews")
    ap.add_argument("--limit", type=int, default=0,
                    help="documents per corpus (0 = all)")
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--dyad", default=os.path.join(ROOT, "build", "dyad"))
    ap.add_argument("--dict", default=None)
    ap.add_argument("-j", default="1")
    ap.add_argument("--names-only", action="store_true")
    a = ap.parse_args()

    verbs = lexicon_verbs()
    extra = ["-j", a.j] + (["--dict", a.dict] if a.dict else [])
    for corpus in a.corpus.split(","):
        docs = []
        for d in LOADERS[corpus](a.limit):
            docs.append(d)
            if a.limit and len(docs) >= a.limit:
                break
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                         encoding="utf-8") as tf:
            for d in docs:
                tf.write(json.dumps(d, ensure_ascii=False) + "\n")
            path = tf.name
        try:
            sents = parse_conllu(run(a.dyad, "parse", extra, path))
            covered = collections.defaultdict(list)  # (doc,sid) -> texts
            actor_sents = set()
            for line in run(a.dyad, "mentions", extra, path).splitlines():
                m = json.loads(line)
                key = (m["doc_id"], m["sentence_index"])
                covered[key].append(m.get("text", ""))
                if m.get("kind") == "actor":
                    actor_sents.add(key)
            sourced = set()
            for line in run(a.dyad, "code", extra + ["--no-text"],
                            path).splitlines():
                e = json.loads(line)
                if e.get("source"):
                    sourced.add((e["doc_id"], e["sentence_index"]))
        finally:
            os.unlink(path)

        names = collections.Counter()
        n_trig = n_trig_nosrc = n_trig_noactor = 0
        for key, (stext, toks) in sents.items():
            token_offsets(stext, toks)
            cov = [False] * (len(toks) + 1)
            for mt in covered.get(key, ()):
                i = stext.find(mt) if mt else -1
                while i >= 0:
                    for t in toks:
                        if t["s"] >= i and t["e"] <= i + len(mt):
                            cov[t["id"]] = True
                    i = stext.find(mt, i + 1)
            if any(t["upos"] in ("VERB", "AUX") and t["lemma"].lower() in verbs
                   and t["upos"] == "VERB" for t in toks):
                n_trig += 1
                if key not in sourced:
                    n_trig_nosrc += 1
                if key not in actor_sents:
                    n_trig_noactor += 1
            byid = {t["id"]: t for t in toks}
            for t in toks:
                if t["upos"] != "PROPN" or cov[t["id"]]:
                    continue
                rel = base_rel(t["rel"])
                if rel in JOIN_RELS and t["head"] in byid and \
                        byid[t["head"]]["upos"] == "PROPN":
                    continue  # part of a run headed elsewhere
                r = rel
                if r == "conj" and t["head"] in byid:
                    r = base_rel(byid[t["head"]]["rel"])
                if r not in ARG_RELS:
                    continue
                # the run: this token and its flat/compound PROPN dependents
                ids = {t["id"]}
                changed = True
                while changed:
                    changed = False
                    for u in toks:
                        if u["id"] not in ids and u["head"] in ids and \
                                u["upos"] == "PROPN" and \
                                base_rel(u["rel"]) in JOIN_RELS:
                            ids.add(u["id"])
                            changed = True
                lo, hi = min(ids), max(ids)
                if any(cov[i] for i in range(lo, hi + 1)):
                    continue
                run_toks = [byid[i] for i in range(lo, hi + 1) if i in byid]
                if any(u["upos"] not in ("PROPN", "PART") and
                       u["form"] not in ("-", ".", "&") for u in run_toks):
                    run_toks = [byid[i] for i in sorted(ids)]
                names[" ".join(u["form"] for u in run_toks)] += 1

        n = len(sents)
        print("== %s: %d documents, %d sentences" % (corpus, len(docs), n))
        if not a.names_only:
            print("sentences with an actor mention: %d (%.1f%%)"
                  % (len(actor_sents), 100.0 * len(actor_sents) / max(n, 1)))
            print("sentences with a lexicon trigger: %d" % n_trig)
            print("  ... with no coded event with a source: %d (%.1f%%)"
                  % (n_trig_nosrc, 100.0 * n_trig_nosrc / max(n_trig, 1)))
            print("  ... with no actor mention at all:     %d (%.1f%%)"
                  % (n_trig_noactor, 100.0 * n_trig_noactor / max(n_trig, 1)))
            print("uncovered names in subject/object/oblique position: "
                  "%d tokens, %d types" % (sum(names.values()), len(names)))
        for name, c in names.most_common(a.top):
            print("%5d  %s" % (c, name))


if __name__ == "__main__":
    main()
