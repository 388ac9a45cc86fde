#!/bin/sh
# End to end on a saved analysis page: test/cli/data/analysis.html (a
# Foreign-Affairs-style piece on the Turkish-Israeli rivalry in Syria,
# written for dyad, MIT) with a site header and menu, byline, date
# metadata, a lead photo with caption and credit, an inline photo whose
# caption is no <figcaption>, two pull quotes that repeat body sentences, a
# "Related" box, a paywall promo in mid-article, a newsletter sign-up and a
# footer.  Its gold (test/gold/analysis.jsonl, 29 events, written before
# dyad coded it; notes in test/gold/analysis.md) holds the article text the
# cleaner should give and the events with status and attribution.
#   1. `dyad clean`: none of the page furniture in the text, each body
#      sentence that a pull quote repeats there once; the same for the page
#      flattened by a tag stripper (test/cli/data/analysis_flat.txt: title,
#      dek, captions, related titles, promo, sign-up, bio and tags as plain
#      paragraphs), which must code the same events as the page;
#   2. `dyad code`: no furniture in any event's sentence, no event twice
#      (same source, code, target), no sentence that is not the article's;
#   3. root P/R against the gold, status and attribution agreement of the
#      matched events: floors;
#   4. `dyad network`: the dyads of the gold (source -> target, asserted,
#      reported or alleged, as `dyad network` counts by default): P/R floors
#      and the dyads the article is about.
# Floors are the figures when the test was written minus about one event;
# raise them when the figures rise.  When written (main bb8148d): root P/R
# 0.519/0.483 (14 of 29 gold, 27 predicted), status 13/14, attribution
# 13/14, network P/R 0.706/0.444 (12 of 27 gold dyads, 17 in all).  After
# the discourse rules (own intention, recommendation, 'no such'): root P/R
# 0.583/0.483 (24 predicted), status and attribution 14/14, network
# 0.800/0.444; 'any X that ...': 0.609/0.483 (23 predicted).  The network
# counting only what happened (main 548294a): every status against every
# status 0.833/0.556 (15 of 27 gold dyads, 18 in all); by default, against
# the gold's asserted/reported/alleged dyads, 0.867/0.565 (13 of 23, 15).
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
page=$root/test/cli/data/analysis.html
gold=$root/test/gold/analysis.jsonl
[ -f "$root/models/parser.bin" ] && [ -f "$root/models/tagger.bin" ] || { echo "skip: no parser model"; exit 0; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 0; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$bin" clean --input html "$page" >"$tmp/clean.txt" || fail "dyad clean"
"$bin" code --input html --date 2026-10-14 "$page" >"$tmp/ev.jsonl" || fail "dyad code"
"$bin" network --format json "$tmp/ev.jsonl" >"$tmp/net.json" || fail "dyad network"
# the same page flattened by a tag stripper (what a scraper's text gives):
# the cleaner alone must take the furniture out
flat=$root/test/cli/data/analysis_flat.txt
"$bin" clean "$flat" >"$tmp/clean_flat.txt" || fail "dyad clean (flat)"
"$bin" code --date 2026-10-14 "$flat" >"$tmp/ev_flat.jsonl" || fail "dyad code (flat)"

python3 - "$gold" "$tmp/clean.txt" "$tmp/ev.jsonl" "$tmp/net.json" "$tmp/clean_flat.txt" "$tmp/ev_flat.jsonl" <<'PY' || exit 1
import json, sys
gold = json.loads(open(sys.argv[1], encoding="utf-8").readline())
clean = open(sys.argv[2], encoding="utf-8").read()
evs = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8") if l.strip()]
net = json.load(open(sys.argv[4], encoding="utf-8"))
clean_flat = open(sys.argv[5], encoding="utf-8").read()
evs_flat = [json.loads(l) for l in open(sys.argv[6], encoding="utf-8") if l.strip()]
bad = []

# page furniture: none of it in the text nor in any event's sentence
furniture = [
    "Turkish and Syrian troops during joint exercises",     # lead caption
    "Emre Sari", "AFP via Getty Images",                    # its credit
    "speaks to reporters in Hasakah",                       # inline caption (no figcaption)
    "Dalia Hamad",                                          # its credit
    "Israel could bomb them —", "might retaliate.”",        # pull quote 2
    "free articles", "unlimited access", "Cancel anytime",  # paywall promo
    "Already a subscriber", "Subscribe",
    "Weekly Brief", "delivered to your inbox", "Privacy Policy",  # newsletter, footer
    "Erdogan’s Syrian Gamble", "Buffer Zone in Syria. Now",  # related box
    "More from the Middle East", "Skip to main content", "Podcasts",
    "Leyla Demir", "© 2026",
]
furniture_flat = furniture + ["Syria Between Two Patrons", "Why Washington Cannot Ignore It",
                              "Turkey Israel Syria Security", "By Leyla Demir"]
for what, ctext, cevs, furn in (("", clean, evs, furniture), (" (flat)", clean_flat, evs_flat, furniture_flat)):
    for f in furn:
        if f in ctext:
            bad.append("furniture in the cleaned text%s: %r" % (what, f))
        for e in cevs:
            if f in e.get("sentence", ""):
                bad.append("furniture in the evidence of %s %s %s%s: %r" % (
                    e["source"]["code"], e["code"], (e["target"] or {}).get("code"), what, f))
    # a pull quote repeats a body sentence: the sentence is there once
    for s in ["To Israeli planners, a Syrian army trained by Turkish officers is simply a Turkish army by another name.",
              "If Ankara sends troops into central Syria, Israel could bomb them, and Turkey might retaliate against Israel."]:
        if ctext.count(s) != 1:
            bad.append("body sentence %d times in the cleaned text%s: %r" % (ctext.count(s), what, s[:50]))
    # the flat text codes what the page codes
    if what and sorted(json.dumps([e["source"]["code"], e["code"], (e["target"] or {}).get("code"), e["status"]]) for e in cevs) != \
            sorted(json.dumps([e["source"]["code"], e["code"], (e["target"] or {}).get("code"), e["status"]]) for e in evs):
        bad.append("the flat text codes other events than the page")

# every event from a sentence of the article; nothing twice
text = gold["text"]
seen = {}
for e in evs:
    if e.get("sentence", "") not in text:
        bad.append("event from a sentence not in the article: %r" % e.get("sentence", "")[:80])
    k = (e["source"]["code"], e["code"], (e["target"] or {}).get("code"))
    if k in seen:
        bad.append("coded twice: %s %s %s (sentences %d and %d)" % (k + (seen[k], e["sentence_index"])))
    seen[k] = e["sentence_index"]

# gold: root P/R, status and attribution agreement
pred = [dict(s=e["source"]["code"], c=e["code"], t=(e["target"] or {}).get("code"), st=e["status"],
             a=(e.get("attribution") or {}).get("code")) for e in evs]
used = [False] * len(pred)
tp = st_ok = at_ok = 0
missed = []
for g in gold["events"]:
    for j, p in enumerate(pred):
        if used[j] or p["s"] != g["source"] or p["t"] != g["target"] or p["c"][:2] != g["code"][:2]:
            continue
        used[j] = True
        tp += 1
        st_ok += p["st"] == g["status"]
        at_ok += p["a"] == g["attribution"]
        break
    else:
        missed.append("%s-%s-%s" % (g["source"], g["code"], g["target"]))
P = tp / len(pred) if pred else 0
R = tp / len(gold["events"])
print("analysis page: root precision %.3f, recall %.3f (%d matched, %d predicted, %d gold); "
      "status %d/%d, attribution %d/%d" % (P, R, tp, len(pred), len(gold["events"]), st_ok, tp, at_ok, tp))
FP, FR, FST, FAT = 0.57, 0.44, 0.90, 0.90
if P < FP or R < FR:
    bad.append("root P/R %.3f/%.3f below the floors %.2f/%.2f" % (P, R, FP, FR))
if tp and (st_ok / tp < FST or at_ok / tp < FAT):
    bad.append("status %d/%d or attribution %d/%d below %.2f/%.2f" % (st_ok, tp, at_ok, tp, FST, FAT))

# network: the dyads of the gold that the text says happened (dyad network
# leaves denied, negated and hypothetical events out by default)
want = {(g["source"], g["target"]) for g in gold["events"]
        if g["target"] and g["status"] in ("asserted", "reported", "alleged")}
got = {(x["source"], x["target"]) for x in net["edges"]}
np_ = len(want & got) / len(got) if got else 0
nr = len(want & got) / len(want)
print("network: %d dyads, %d of the %d in the gold; precision %.3f, recall %.3f" % (len(got), len(want & got), len(want), np_, nr))
NP, NR = 0.75, 0.40
if np_ < NP or nr < NR:
    bad.append("network P/R %.3f/%.3f below %.2f/%.2f; missing %s; extra %s" % (
        np_, nr, NP, NR, sorted(want - got), sorted(got - want)))
# 'Turkey might retaliate against Israel' is hypothetical: no TUR -> ISR
for d in [("SYRREBSDF", "SYRMIL"), ("SYRMIL", "SYRREBSDF"), ("ISRGOV", "TURMIL")]:
    if d not in got:
        bad.append("network: no %s -> %s" % d)
if bad:
    print("\n".join(bad))
    print("missed: " + " ".join(missed))
    sys.exit(1)
PY
