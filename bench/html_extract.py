#!/usr/bin/env python3
"""Article-body extraction quality of `dyad clean --input html` on the saved
pages in ../shared/corpus/html (not shipped: publishers' content).

Scores are word-level precision/recall/F1 of the cleaned text against the
expected article text, as bags of words (lowercased \\w+ tokens, counted with
multiplicity), averaged over pages (macro); a page that fails to read scores 0.

usage: bench/html_extract.py [DYAD_BIN] [CORPUS_HTML_DIR] [-v [--all]]
"""
import collections, gzip, json, os, re, subprocess, sys, tempfile

args = [a for a in sys.argv[1:] if not a.startswith("-")]
verbose = "-v" in sys.argv
every = "--all" in sys.argv  # with -v: every page, not the 15 worst
dyad = args[0] if args else "build/dyad"
root = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "../../shared/corpus/html")
WORD = re.compile(r"\w+", re.UNICODE)

def words(t):
    return collections.Counter(w.lower() for w in WORD.findall(t))

def prf(got, want):
    g, w = words(got), words(want)
    common = sum((g & w).values())
    p = common / sum(g.values()) if g else 0.0
    r = common / sum(w.values()) if w else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f

def extract(path):
    r = subprocess.run([dyad, "clean", "--input", "html", "-q", path], capture_output=True)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")

def report(name, rows):
    if not rows:
        print(f"{name}: no pages found"); return
    n = len(rows)
    p = sum(r[1] for r in rows) / n; rc = sum(r[2] for r in rows) / n; f = sum(r[3] for r in rows) / n
    fails = sum(1 for r in rows if r[4])
    print(f"{name}: {n} pages, precision {p:.3f}, recall {rc:.3f}, F1 {f:.3f}, failed {fails}")
    if verbose:
        for r in sorted(rows, key=lambda r: r[3])[:None if every else 15]:
            print(f"   {r[3]:.3f} P{r[1]:.2f} R{r[2]:.2f} {r[0]} {r[5][:80]}")

rows = []
rp = os.path.join(root, "readability-test-pages")
if os.path.isdir(rp):
    for d in sorted(os.listdir(rp)):
        src = os.path.join(rp, d, "source.html"); exp = os.path.join(rp, d, "expected.txt")
        if not os.path.isfile(src): continue
        rc, out, errt = extract(src)
        p, r, f = prf(out, open(exp, encoding="utf-8").read())
        rows.append((d, p, r, f, rc != 0, errt.strip()))
report("readability-test-pages", rows)

rows = []
sp = os.path.join(root, "scrapinghub-article-extraction-benchmark")
gt_path = os.path.join(sp, "ground-truth.json")
if os.path.isfile(gt_path):
    gt = json.load(open(gt_path, encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for key in sorted(gt):
            gz = os.path.join(sp, "html", key + ".html.gz")
            if not os.path.isfile(gz): continue
            page = os.path.join(tmp, "page.html")
            with gzip.open(gz) as fi, open(page, "wb") as fo: fo.write(fi.read())
            rc, out, errt = extract(page)
            p, r, f = prf(out, gt[key]["articleBody"])
            rows.append((key[:12] + " " + gt[key].get("url", "")[:50], p, r, f, rc != 0, errt.strip()))
report("scrapinghub-article-extraction-benchmark", rows)
