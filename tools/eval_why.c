/*
 * eval_why.c — `dyad eval code --why` (eval_why.h).
 *
 * A gold event's sentences are those its "evidence" names: each piece of
 * the evidence between the annotator's ellipses, slashes, semicolons,
 * brackets and quotes that is 12 bytes or longer and occurs in the text
 * as written; "(same ...)" evidence is the previous event's; failing
 * that, the sentence sharing most of its words (at least 3 and half).
 * A gold file without evidence (one sentence per line) gives the whole
 * document.  The first cause of a miss is taken in pipeline order: the
 * cleaner, the actor mentions (source, then target), the parse gate, the
 * triggers, the rules that drop candidates (ctx->trace, model.h), the
 * actors of what was produced.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/doc.h"
#include "eval_why.h"

static const char *const CAUSE[WHY_NCAUSE] = {
    "evidence not found in the text",
    "sentence removed by the cleaner",
    "source: no actor mention with its code",
    "source: its country found, with another code",
    "target: no actor or place mention with its code",
    "target: its country found, with another code",
    "gate: sentence not parsed (no trigger word)",
    "lexicon: no candidate event in the sentence",
    "lexicon: triggers of other roots only",
    "candidate of the root dropped by a rule",
    "root coded with other source/target",
    "produced, but matched to another gold event",
};

static const char *const FPCAUSE[WHY_NFP] = {
    "no gold event in the sentence",
    "gold event of another root in the sentence",
    "gold event of this root with other actors",
    "gold event already matched (a repeat)",
};

static const char *find_bytes(const char *h, size_t hn, const char *n, size_t nn) {
    if (!nn || nn > hn) return NULL;
    for (size_t i = 0; i + nn <= hn; i++)
        if (h[i] == n[0] && !memcmp(h + i, n, nn)) return h + i;
    return NULL;
}

static int sent_at(const dyad_doc *doc, uint32_t off) {
    for (size_t si = 0; si < doc->nsent; si++)
        if (doc->sents[si].start <= off && off < doc->sents[si].end) return (int)si;
    return -1;
}

/* Evidence sentences of e into in[0..nsent); returns the number found,
 * 0 with *drop set when the evidence lies in text the cleaner removed. */
static int locate(const dyad_doc *doc, const char *ev, bool *in, const dy_drop **drop) {
    size_t n = strlen(ev);
    int found = 0;
    *drop = NULL;
    static const char *const SEP[] = {"...", "\xe2\x80\xa6", " / ", ";", "[", "]", "\"", "\xe2\x80\x9c",
                                      "\xe2\x80\x9d", "(", ")", NULL};
    size_t a = 0;
    while (a < n) {
        size_t b = a, sl = 0;
        for (; b < n; b++) {
            for (const char *const *s = SEP; *s && !sl; s++)
                if (!strncmp(ev + b, *s, strlen(*s))) sl = strlen(*s);
            if (sl) break;
        }
        size_t x = a, y = b;
        while (x < y && (isspace((unsigned char)ev[x]) || ev[x] == ',' || ev[x] == ':')) x++;
        while (y > x && (isspace((unsigned char)ev[y - 1]) || ev[y - 1] == ',' || ev[y - 1] == ':' || ev[y - 1] == '.'))
            y--;
        if (y - x >= 12) {
            const char *p = find_bytes(doc->raw.p, doc->raw.n, ev + x, y - x);
            if (p) {
                uint32_t o = (uint32_t)(p - doc->raw.p);
                int s1 = sent_at(doc, o), s2 = sent_at(doc, o + (uint32_t)(y - x) - 1);
                if (s1 >= 0 && !in[s1]) { in[s1] = true; found++; }
                if (s2 >= 0 && !in[s2]) { in[s2] = true; found++; }
                if (s1 < 0 && s2 < 0)
                    for (size_t d = 0; d < doc->ndrop; d++)
                        if (doc->drops[d].start <= o && o < doc->drops[d].end) *drop = &doc->drops[d];
            }
        }
        a = b + sl;
    }
    return found;
}

/* Fallback: the sentence sharing most words of 4+ letters with ev. */
static int overlap(const dyad_doc *doc, const char *ev, bool *in) {
    char w[64][32];
    int nw = 0;
    for (const char *p = ev; *p && nw < 64;) {
        while (*p && !isalpha((unsigned char)*p)) p++;
        const char *q = p;
        while (*q && isalpha((unsigned char)*q)) q++;
        if (q - p >= 4 && q - p < 32) {
            for (int i = 0; i < q - p; i++) w[nw][i] = (char)tolower((unsigned char)p[i]);
            w[nw++][q - p] = 0;
        }
        p = q;
    }
    int best = -1, bestk = 0;
    for (size_t si = 0; si < doc->nsent; si++) {
        const dy_sentence *s = &doc->sents[si];
        int k = 0;
        for (int i = 0; i < nw; i++)
            for (uint32_t t = 0; t < s->ntok; t++) {
                dy_str f = doc->toks[s->tok0 + t].form;
                if (f.n != strlen(w[i])) continue;
                size_t j = 0;
                while (j < f.n && tolower((unsigned char)f.p[j]) == w[i][j]) j++;
                if (j == f.n) { k++; break; }
            }
        if (k > bestk) { bestk = k; best = (int)si; }
    }
    if (best < 0 || bestk < 3 || 2 * bestk < nw) return 0;
    in[best] = true;
    return 1;
}

static bool root_eq(const char *a, const char *b) { return a[0] && b[0] && a[0] == b[0] && a[1] == b[1]; }

/* The country part of an actor code: 3 letters, 6 for IGO/NGO/MNC codes. */
static size_t country_len(const char *c) {
    if (!strncmp(c, "IGO", 3) || !strncmp(c, "NGO", 3) || !strncmp(c, "MNC", 3)) return strlen(c) >= 6 ? 6 : strlen(c);
    return strlen(c) >= 3 ? 3 : strlen(c);
}

/* Whether actor code c is among the mentions of sentences in[]; *same
 * when one of its country is; found gets the codes seen. */
static bool actor_in(const dyad_doc *doc, const bool *in, const char *c, bool places, bool *same, char *found,
                     size_t cap) {
    bool ok = false;
    *same = false;
    size_t cl = country_len(c), fl = 0;
    found[0] = 0;
    for (size_t i = 0; i < doc->nment; i++) {
        const dy_mention *m = &doc->ments[i];
        if (m->sent >= doc->nsent || !in[m->sent]) continue;
        dy_str k = m->kind == DY_MENTION_ACTOR ? m->code
                 : m->kind == DY_MENTION_PLACE && places ? m->pcountry : (dy_str){NULL, 0};
        if (!k.n) continue;
        if (k.n == strlen(c) && !memcmp(k.p, c, k.n)) ok = true;
        else if (k.n >= cl && !memcmp(k.p, c, cl)) *same = true;
        if (fl + k.n + 2 < cap && !(fl >= k.n && find_bytes(found, fl, k.p, k.n))) {
            fl += (size_t)snprintf(found + fl, cap - fl, "%s%.*s", fl ? " " : "", (int)k.n, k.p);
        }
    }
    return ok;
}

/* Lemmas of the verbs (else nouns) of sentences in[], for a lexicon gap. */
static void words_of(const dyad_doc *doc, const bool *in, char *out, size_t cap) {
    size_t l = 0;
    out[0] = 0;
    for (int pass = 0; pass < 2 && !l; pass++)
        for (size_t si = 0; si < doc->nsent; si++) {
            if (!in[si]) continue;
            const dy_sentence *s = &doc->sents[si];
            for (uint32_t t = 0; t < s->ntok; t++) {
                const dy_token *k = &doc->toks[s->tok0 + t];
                if (k->upos != (pass ? DY_UPOS_NOUN : DY_UPOS_VERB)) continue;
                dy_str w = k->lemma.n ? k->lemma : k->form;
                if (l + w.n + 2 >= cap) return;
                l += (size_t)snprintf(out + l, cap - l, "%s%.*s", l ? " " : "", (int)w.n, w.p);
            }
        }
}

static void put_actors(char *out, size_t cap, const char *s, const char *t) {
    size_t l = strlen(out);
    if (l + 4 < cap) snprintf(out + l, cap - l, "%s%s-%s", l ? ", " : "", s[0] ? s : "?", t[0] ? t : "null");
}

static void note_rule(why_tally *t, const char *r) {
    for (size_t i = 0; i < t->nrule; i++)
        if (!strcmp(t->rule[i], r)) { t->rulecount[i]++; return; }
    if (t->nrule < WHY_MAXRULE) {
        t->rule[t->nrule] = r;
        t->rulecount[t->nrule++] = 1;
    }
}

static void print_sentences(const dyad_doc *doc, const bool *in) {
    int k = 0;
    for (size_t si = 0; si < doc->nsent && k < 2; si++) {
        if (!in[si]) continue;
        const dy_sentence *s = &doc->sents[si];
        int n = (int)(s->end - s->start);
        printf(" | s%zu \"%.*s%s\"", si, n > 110 ? 110 : n, doc->raw.p + s->start, n > 110 ? "..." : "");
        k++;
    }
}

void why_doc(const dyad_doc *doc, const dy_trace *tr, const why_gold *g, size_t ng, const bool *pmatched,
             bool lines, why_tally *t) {
    size_t ns = doc->nsent ? doc->nsent : 1;
    bool *in = calloc(ng * ns + 1, 1);
    bool *ok = calloc(ng + 1, 1);
    if (!in || !ok) { free(in); free(ok); return; }
    const char *id = doc->id.p ? doc->id.p : "?";
    /* the sentences of each gold event */
    const dy_drop **drop = calloc(ng + 1, sizeof *drop);
    for (size_t i = 0; i < ng && drop; i++) {
        bool *e = in + i * ns;
        const char *ev = g[i].evidence;
        if (!ev || !ev[0]) {
            for (size_t si = 0; si < doc->nsent; si++) e[si] = true;
            ok[i] = doc->nsent > 0;
            continue;
        }
        ok[i] = locate(doc, ev, e, &drop[i]) > 0;
        if (!ok[i] && !drop[i] && !strncmp(ev, "(same", 5) && i > 0) {
            memcpy(e, in + (i - 1) * ns, ns);
            ok[i] = ok[i - 1];
            drop[i] = drop[i - 1];
        }
        if (!ok[i] && !drop[i]) ok[i] = overlap(doc, ev, e) > 0;
    }
    for (size_t i = 0; i < ng && drop; i++) {
        if (g[i].matched) continue;
        const bool *e = in + i * ns;
        int cause;
        char detail[512] = "";
        char found[256];
        bool same;
        if (drop[i]) {
            cause = WHY_CLEANER;
            snprintf(detail, sizeof detail, "rule %.*s", (int)drop[i]->rule.n, drop[i]->rule.p);
        } else if (!ok[i]) {
            cause = WHY_EVIDENCE;
        } else if (!actor_in(doc, e, g[i].src, false, &same, found, sizeof found)) {
            cause = same ? WHY_SRC_OTHER : WHY_SRC_ABSENT;
            snprintf(detail, sizeof detail, "found: %s", found[0] ? found : "none");
        } else if (g[i].tgt[0] && !actor_in(doc, e, g[i].tgt, true, &same, found, sizeof found)) {
            cause = same ? WHY_TGT_OTHER : WHY_TGT_ABSENT;
            snprintf(detail, sizeof detail, "found: %s", found[0] ? found : "none");
        } else {
            /* what the coder made of the sentences: events, dropped candidates */
            const dy_trace_ev *exact = NULL, *loose = NULL;
            char other[256] = "", roots[128] = "";
            bool parsed = false, produced = false;
            for (size_t si = 0; si < doc->nsent; si++)
                if (e[si] && dy_sent_parsed(doc, &doc->sents[si])) parsed = true;
            for (size_t k = 0; k < doc->nevent; k++) {
                const dy_event *x = &doc->events[k];
                if (!e[x->sent]) continue;
                const char *xs = doc->ments[x->src].code.p ? doc->ments[x->src].code.p : "";
                char xsb[32], xtb[32] = "";
                snprintf(xsb, sizeof xsb, "%.*s", (int)doc->ments[x->src].code.n, xs);
                if (x->tgt >= 0) snprintf(xtb, sizeof xtb, "%.*s", (int)doc->ments[x->tgt].code.n, doc->ments[x->tgt].code.p);
                if (root_eq(x->code, g[i].code)) {
                    if (!strcmp(xsb, g[i].src) && !strcmp(xtb, g[i].tgt)) produced = true;
                    else put_actors(other, sizeof other, xsb, xtb);
                } else if (strlen(roots) + 8 < sizeof roots && !strstr(roots, x->code)) {
                    size_t l = strlen(roots);
                    snprintf(roots + l, sizeof roots - l, "%s%s", l ? " " : "", x->code);
                }
            }
            for (size_t k = 0; tr && k < tr->n; k++) {
                const dy_trace_ev *x = &tr->ev[k];
                if (x->sent >= doc->nsent || !e[x->sent]) continue;
                if (!root_eq(x->code, g[i].code)) {
                    char tag[24];
                    snprintf(tag, sizeof tag, "%s(dropped)", x->code);
                    if (strlen(roots) + 24 < sizeof roots && x->code[0] && !strstr(roots, tag)) {
                        size_t l = strlen(roots);
                        snprintf(roots + l, sizeof roots - l, "%s%s(dropped)", l ? " " : "", x->code);
                    }
                    continue;
                }
                bool s_ok = !strcmp(x->src, g[i].src), t_ok = !strcmp(x->tgt, g[i].tgt);
                if (s_ok && t_ok && !exact) exact = x;
                else if ((s_ok || !x->src[0]) && (t_ok || !x->tgt[0]) && !loose) loose = x;
                else if (strlen(other) + 80 < sizeof other) {
                    put_actors(other, sizeof other, x->src, x->tgt);
                    size_t l = strlen(other);
                    snprintf(other + l, sizeof other - l, " (dropped: %s)", x->why);
                }
            }
            const dy_trace_ev *d = exact ? exact : loose;
            if (produced) {
                cause = WHY_ELSEWHERE;
            } else if (d) {
                cause = WHY_DROPPED;
                note_rule(t, d->why);
                snprintf(detail, sizeof detail, "%s-%s-%s dropped: %s%s%s", d->src[0] ? d->src : "?", d->code,
                         d->tgt[0] ? d->tgt : "null", d->why, d->detail[0] ? "; " : "", d->detail);
            } else if (other[0]) {
                cause = WHY_OTHER_ACTORS;
                snprintf(detail, sizeof detail, "coded %s", other);
            } else if (!parsed) {
                cause = WHY_GATE;
                words_of(doc, e, found, sizeof found);
                snprintf(detail, sizeof detail, "words: %s", found);
            } else {
                cause = roots[0] ? WHY_OTHER_ROOT : WHY_NO_TRIGGER;
                words_of(doc, e, found, sizeof found);
                snprintf(detail, sizeof detail, "%s%s%swords: %s", roots[0] ? "roots: " : "", roots,
                         roots[0] ? "; " : "", found);
            }
        }
        t->miss[cause]++;
        if (lines) {
            printf("MISS %s %s-%s-%s | %s | %s", id, g[i].src, g[i].code, g[i].tgt[0] ? g[i].tgt : "null",
                   CAUSE[cause], detail);
            print_sentences(doc, e);
            putchar('\n');
        }
    }
    /* events that matched nothing */
    for (size_t k = 0; k < doc->nevent && drop; k++) {
        if (pmatched[k]) continue;
        const dy_event *x = &doc->events[k];
        char xs[32], xt[32] = "";
        snprintf(xs, sizeof xs, "%.*s", (int)doc->ments[x->src].code.n, doc->ments[x->src].code.p);
        if (x->tgt >= 0) snprintf(xt, sizeof xt, "%.*s", (int)doc->ments[x->tgt].code.n, doc->ments[x->tgt].code.p);
        int cause = WHY_FP_NO_GOLD;
        for (size_t i = 0; i < ng; i++) {
            if (!in[i * ns + x->sent]) continue;
            int c = !root_eq(g[i].code, x->code) ? WHY_FP_OTHER_ROOT
                  : strcmp(g[i].src, xs) || strcmp(g[i].tgt, xt) ? WHY_FP_OTHER_ACTORS : WHY_FP_REPEAT;
            if (c > cause) cause = c;
        }
        t->fp[cause]++;
        if (lines) {
            size_t pl = 0;
            while (pl < x->explain.n && x->explain.p[pl] != ';') pl++;
            printf("EXTRA %s %s-%s-%s | %s | %.*s", id, xs, x->code, xt[0] ? xt : "null", FPCAUSE[cause], (int)pl,
                   x->explain.p ? x->explain.p : "");
            const dy_sentence *s = &doc->sents[x->sent];
            int n = (int)(s->end - s->start);
            printf(" | s%u \"%.*s%s\"\n", x->sent, n > 110 ? 110 : n, doc->raw.p + s->start, n > 110 ? "..." : "");
        }
    }
    free(drop);
    free(in);
    free(ok);
}

void why_report(const why_tally *t) {
    size_t nm = 0, nf = 0;
    for (int i = 0; i < WHY_NCAUSE; i++) nm += t->miss[i];
    for (int i = 0; i < WHY_NFP; i++) nf += t->fp[i];
    printf("why missed: %zu gold events not matched at root level\n", nm);
    for (int i = 0; i < WHY_NCAUSE; i++)
        if (t->miss[i]) printf("  %4zu  %s\n", t->miss[i], CAUSE[i]);
    if (t->nrule) {
        printf("dropped by:\n");
        for (size_t i = 0; i < t->nrule; i++) printf("  %4zu  %s\n", t->rulecount[i], t->rule[i]);
    }
    printf("why extra: %zu predicted events not matched at root level\n", nf);
    for (int i = 0; i < WHY_NFP; i++)
        if (t->fp[i]) printf("  %4zu  %s\n", t->fp[i], FPCAUSE[i]);
}
