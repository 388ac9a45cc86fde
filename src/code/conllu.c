/*
 * conllu.c — a document from pre-parsed CoNLL-U with actor annotations, so
 * the coder can be run and tested on gold parses, independent of the tagger
 * and the actor recogniser (`dyad code --conllu`, test/unit/test_code*.c).
 *
 *   # actors = 1-2:IRN 7:AFGINSTAL=Taliban 9:IRN@1
 *   1  Iran  Iran  PROPN  NNP  _  3  nsubj  _  _
 *   ...
 *
 * Each actor is TOKENS:CODE[=NAME][@ANTECEDENT-ACTOR-INDEX]; TOKENS is an id
 * or a range of 1-based ids.  The head of the span is the token whose head
 * lies outside it.  Country is the code's first three letters when they are
 * upper-case letters; role the next three; a role alone ("MIL", "COP") is
 * an agent with no country.  Sentences end at a blank line.
 */
#include <stdlib.h>

#include "code.h"

static dy_str cut(dy_str *s, char c) {
    const char *q = s->n ? memchr(s->p, c, s->n) : NULL;
    dy_str h = {s->p, q ? (size_t)(q - s->p) : s->n};
    if (q) { s->p = q + 1; s->n -= h.n + 1; }
    else { s->p += s->n; s->n = 0; }
    return h;
}

/* The roles of data/actors/agents.txt: a code that is one of them alone
 * is an agent with no country ("troops" → MIL). */
static bool bare_role(dy_str c) {
    static const char *const k[] = {"GOV", "MIL", "COP", "OPP", "CVL", "UAF", "REB", "PTY", "JUD",
                                    "LEG", "REF", "MED", "SPY", "IGO", "NGO", "BUS", "LAB", "EDU",
                                    "HLH", "REL", "MUS", "CHR", "JEW", "HIN", "BUD", "ELI", "CRM",
                                    "AGR", "HRI", "RAD", "SET", "DEV", "ENV", "INS", "SEP", NULL};
    for (const char *const *w = k; *w; w++)
        if (!memcmp(c.p, *w, 3)) return true;
    return false;
}

static long num(dy_str s) {
    long v = 0;
    if (!s.n || s.n > 6) return -1;
    for (size_t i = 0; i < s.n; i++) {
        if (s.p[i] < '0' || s.p[i] > '9') return -1;
        v = v * 10 + (s.p[i] - '0');
    }
    return v;
}

typedef struct pending_actor {
    uint32_t sent, a, b;        /* token ids, 1-based, inclusive */
    dy_str code, name;
    long ante;
} pending_actor;

static bool is_upper3(dy_str s, size_t at) {
    if (s.n < at + 3) return false;
    for (size_t i = at; i < at + 3; i++)
        if (s.p[i] < 'A' || s.p[i] > 'Z') return false;
    return true;
}

dyad_status dy_code_conllu_doc(dyad_ctx *ctx, const char *text, size_t n, const char *id,
                               const char *date, dyad_doc **out, dyad_error *err) {
    *out = NULL;
    dy_arena *A = &ctx->arena;
    /* lemmas, codes and names borrow from the copy */
    dy_str copy = dy_arena_strdup(A, text ? text : "", text ? n : 0);
    if (!copy.p) return dy_err(err, DYAD_ENOMEM, "out of memory");
    text = copy.p;
    dyad_doc *doc = DY_ANEW(A, dyad_doc, 1);
    if (!doc) return dy_err(err, DYAD_ENOMEM, "out of memory");
    doc->ctx = ctx;
    doc->id = dy_arena_strdup(A, id ? id : "conllu", strlen(id ? id : "conllu"));
    if (date) doc->date = dy_arena_strdup(A, date, strlen(date));
    size_t lines = 2;
    for (size_t i = 0; i < n; i++) lines += text[i] == '\n';
    doc->toks = DY_ANEW(A, dy_token, lines);
    doc->sents = DY_ANEW(A, dy_sentence, lines);
    pending_actor *pa = DY_ANEW(A, pending_actor, lines * 4);
    char *clean = dy_arena_alloc(A, n * 2 + 2);
    if (!doc->toks || !doc->sents || !pa || !clean) return dy_err(err, DYAD_ENOMEM, "out of memory");
    size_t npa = 0, cn = 0, ln = 0;
    bool in_sent = false;
    dy_str rest = {text, n};
    while (rest.n || in_sent) {
        dy_str line = rest.n ? cut(&rest, '\n') : DY_STR("");
        ln++;
        if (line.n && line.p[line.n - 1] == '\r') line.n--;
        if (!line.n) {
            if (in_sent) {
                dy_sentence *s = &doc->sents[doc->nsent - 1];
                s->cend = (uint32_t)cn;
                s->end = s->cend;
                if (cn + 2 <= n * 2 + 2) { clean[cn++] = ' '; }
                in_sent = false;
            }
            if (!rest.n) break;
            continue;
        }
        if (!in_sent) {
            dy_sentence *s = &doc->sents[doc->nsent++];
            memset(s, 0, sizeof *s);
            s->tok0 = (uint32_t)doc->ntok;
            s->cstart = s->start = (uint32_t)cn;
            in_sent = true;
        }
        uint32_t si = (uint32_t)doc->nsent - 1;
        if (line.p[0] == '#') {
            dy_str l2 = line;
            l2.p++, l2.n--;
            l2 = dy_str_trim(l2);
            if (l2.n > 6 && !memcmp(l2.p, "actors", 6)) {
                dy_str v = l2;
                cut(&v, '=');
                for (;;) {
                    v = dy_str_trim(v);
                    if (!v.n) break;
                    dy_str item = cut(&v, ' ');
                    dy_str span = cut(&item, ':');
                    dy_str code = cut(&item, '@');
                    long ante = item.n ? num(item) : -1;
                    dy_str name = DY_NULLSTR;
                    const char *eq = code.n ? memchr(code.p, '=', code.n) : NULL;
                    if (eq) {
                        name = (dy_str){eq + 1, code.n - (size_t)(eq + 1 - code.p)};
                        code.n = (size_t)(eq - code.p);
                    }
                    dy_str a = cut(&span, '-');
                    long ia = num(a), ib = span.n ? num(span) : ia;
                    if (ia < 1 || ib < ia || !code.n)
                        return dy_err(err, DYAD_EINPUT, "line %zu: bad actor '%.*s'", ln, (int)a.n, a.p);
                    pending_actor *p = &pa[npa++];
                    p->sent = si;
                    p->a = (uint32_t)ia;
                    p->b = (uint32_t)ib;
                    p->code = code;
                    p->name = name;
                    p->ante = ante;
                }
            } else if (l2.n > 7 && !memcmp(l2.p, "doc_id", 6)) {
                dy_str v = l2;
                cut(&v, '=');
                v = dy_str_trim(v);
                if (!id && v.n) doc->id = dy_arena_strdup(A, v.p, v.n);
            }
            continue;
        }
        dy_str f[10];
        dy_str l2 = line;
        int nf = 0;
        while (nf < 10 && (l2.n || nf == 0)) f[nf++] = cut(&l2, '\t');
        if (nf < 8) return dy_err(err, DYAD_EINPUT, "line %zu: a CoNLL-U row has 10 columns", ln);
        if (memchr(f[0].p, '-', f[0].n) || memchr(f[0].p, '.', f[0].n)) continue; /* multiword/empty */
        long tid = num(f[0]), head = num(f[6]);
        const dy_sentence *s = &doc->sents[si];
        if (tid != (long)(doc->ntok - s->tok0) + 1 || head < 0)
            return dy_err(err, DYAD_EINPUT, "line %zu: token ids must run 1, 2, ...", ln);
        dy_token *t = &doc->toks[doc->ntok++];
        memset(t, 0, sizeof *t);
        if (cn + f[1].n + 1 > n * 2 + 2) return dy_err(err, DYAD_ELIMIT, "line %zu: too long", ln);
        t->cstart = t->start = (uint32_t)cn;
        memcpy(clean + cn, f[1].p, f[1].n);
        t->form = (dy_str){clean + cn, f[1].n};
        t->norm = t->form;
        cn += f[1].n;
        t->cend = t->end = (uint32_t)cn;
        bool space = true;
        if (nf >= 10)
            for (size_t k = 0; k + 13 <= f[9].n; k++)
                if (!memcmp(f[9].p + k, "SpaceAfter=No", 13)) space = false;
        if (space) { clean[cn++] = ' '; t->flags |= DY_TOK_SPACE_AFTER; }
        t->lemma = (f[2].n == 1 && f[2].p[0] == '_') ? t->form : f[2];
        t->upos = (uint8_t)dy_upos_find(f[3]);
        t->xpos = (uint8_t)dy_xpos_find(f[4]);
        t->deprel = (uint8_t)dy_deprel_find(f[7]);
        t->head = (int32_t)head - 1;
    }
    /* trailing spaces are not part of a sentence */
    for (size_t i = 0; i < doc->nsent; i++) {
        dy_sentence *s = &doc->sents[i];
        s->ntok = (uint32_t)(i + 1 < doc->nsent ? doc->sents[i + 1].tok0 : doc->ntok) - s->tok0;
        if (s->ntok) s->cend = s->end = doc->toks[s->tok0 + s->ntok - 1].cend;
    }
    doc->text = (dy_str){clean, cn};
    doc->raw = doc->text;
    doc->ments = DY_ANEW(A, dy_mention, npa + 1);
    if (!doc->ments) return dy_err(err, DYAD_ENOMEM, "out of memory");
    for (size_t i = 0; i < npa; i++) {
        const pending_actor *p = &pa[i];
        const dy_sentence *s = &doc->sents[p->sent];
        if (p->b > s->ntok) return dy_err(err, DYAD_EINPUT, "actor span %u-%u beyond the sentence", p->a, p->b);
        dy_mention *m = &doc->ments[doc->nment++];
        memset(m, 0, sizeof *m);
        m->kind = DY_MENTION_ACTOR;
        m->sent = p->sent;
        m->tok_start = p->a - 1;
        m->tok_end = p->b;
        m->head_tok = p->b - 1;
        for (uint32_t k = m->tok_start; k < m->tok_end; k++) {
            int32_t h = doc->toks[s->tok0 + k].head;
            if (h < (int32_t)m->tok_start || h >= (int32_t)m->tok_end) { m->head_tok = k; break; }
        }
        const dy_token *ta = &doc->toks[s->tok0 + m->tok_start], *tb = &doc->toks[s->tok0 + m->tok_end - 1];
        m->start = ta->start;
        m->end = tb->end;
        m->text = (dy_str){doc->text.p + ta->cstart, tb->cend - ta->cstart};
        m->code = p->code;
        m->name = p->name.n ? p->name : m->text;
        if (p->code.n == 3 && bare_role(p->code)) {
            /* "3:MIL": an agent with no country, as the actor stage gives */
            m->role = p->code;
            m->ent = DY_ENT_AGENT;
        } else {
            if (is_upper3(p->code, 0)) m->country = (dy_str){p->code.p, 3};
            if (is_upper3(p->code, 3)) m->role = (dy_str){p->code.p + 3, 3};
        }
        m->antecedent = -1;
        if (p->ante >= 0 && (size_t)p->ante < i) {
            m->antecedent = (int32_t)p->ante;
            m->pronoun = 1;
            m->name = doc->ments[p->ante].name;
        }
    }
    doc->stage = DYAD_STAGE_MENTION;
    *out = doc;
    return DYAD_OK;
}
