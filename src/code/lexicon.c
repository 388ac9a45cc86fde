/*
 * lexicon.c — loading the event lexicon (data/events/NN-NAME.txt), the CAMEO code
 * table (data/cameo/cameo_event_codes.tsv) and the CAMEO→PLOVER table
 * (data/plover/CAMEO2PLOVER-2021.txt).  The line format is documented in
 * docs/patterns.md; every malformed line is an error naming file and line,
 * because a silently skipped pattern is a silently lost event type.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include "lexicon.h"

/* MARK: - small helpers */

static void *lx_alloc(dy_lexicon *lx, size_t n) {
    if (lx->nallocs == lx->capallocs) {
        size_t cap = lx->capallocs ? lx->capallocs * 2 : 64;
        void **p = dy_realloc(&lx->alloc, lx->allocs, dy_mul(cap, sizeof *p));
        if (!p) return NULL;
        lx->allocs = p;
        lx->capallocs = cap;
    }
    void *q = dy_malloc(&lx->alloc, n ? n : 1);
    if (q) lx->allocs[lx->nallocs++] = q;
    return q;
}

static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

static uint64_t hash_ci(int kind, dy_str s) {
    uint64_t h = 1469598103934665603ull ^ (uint64_t)kind;
    for (size_t i = 0; i < s.n; i++) {
        h ^= (unsigned char)lower(s.p[i]);
        h *= 1099511628211ull;
    }
    return h;
}

static int cmp_ci(dy_str a, dy_str b) {
    size_t n = a.n < b.n ? a.n : b.n;
    for (size_t i = 0; i < n; i++) {
        int d = (unsigned char)lower(a.p[i]) - (unsigned char)lower(b.p[i]);
        if (d) return d;
    }
    return (a.n > b.n) - (a.n < b.n);
}

static bool is_code(dy_str s) {
    if (s.n < 2 || s.n > 4) return false;
    for (size_t i = 0; i < s.n; i++)
        if (s.p[i] < '0' || s.p[i] > '9') return false;
    return true;
}

/* Split s at the first c: head returned, *rest after it (empty if none). */
static dy_str split(dy_str s, char c, dy_str *rest) {
    const char *q = s.n ? memchr(s.p, c, s.n) : NULL;
    if (!q) { *rest = (dy_str){s.p + s.n, 0}; return s; }
    *rest = (dy_str){q + 1, s.n - (size_t)(q - s.p) - 1};
    return (dy_str){s.p, (size_t)(q - s.p)};
}

/* Next whitespace-separated word of *line. */
static dy_str next_word(dy_str *line) {
    size_t i = 0;
    while (i < line->n && (line->p[i] == ' ' || line->p[i] == '\t' || line->p[i] == '\r')) i++;
    size_t j = i;
    while (j < line->n && line->p[j] != ' ' && line->p[j] != '\t' && line->p[j] != '\r') j++;
    dy_str w = {line->p + i, j - i};
    line->p += j;
    line->n -= j;
    return w;
}

/* Lower-case a slice in place (the lexicon owns its texts). */
static void lower_inplace(dy_str s) {
    char *p = (char *)(uintptr_t)s.p;
    for (size_t i = 0; i < s.n; i++) p[i] = lower(p[i]);
}

static int class_find(const dy_lexicon *lx, dy_str name) {
    for (size_t i = 0; i < lx->nclasses; i++)
        if (dy_str_eq(lx->classes[i].name, name)) return (int)i;
    return -1;
}

static int family_find(const dy_lexicon *lx, dy_str name) {
    for (size_t i = 0; i < lx->nfams; i++)
        if (dy_str_eq(lx->fams[i].name, name)) return (int)i;
    return -1;
}

/* MARK: - lines */

static dyad_status parse_alts(dy_lexicon *lx, dy_str s, dy_lex_alts *out, const char *name,
                              size_t line, dyad_error *err) {
    memset(out, 0, sizeof *out);
    size_t n = 1;
    for (size_t i = 0; i < s.n; i++) n += s.p[i] == '|';
    if (n > 1000) return dy_err(err, DYAD_EMODEL, "%s:%zu: too many alternatives", name, line);
    out->words = lx_alloc(lx, n * sizeof *out->words);
    out->classes = lx_alloc(lx, n * sizeof *out->classes);
    if (!out->words || !out->classes) return dy_err(err, DYAD_ENOMEM, "out of memory");
    dy_str rest = s;
    while (rest.n) {
        dy_str a = split(rest, '|', &rest);
        if (!a.n) return dy_err(err, DYAD_EMODEL, "%s:%zu: empty alternative", name, line);
        if (a.n == 1 && a.p[0] == '*') out->any = true;
        else if (a.p[0] == '@') {
            int c = class_find(lx, (dy_str){a.p + 1, a.n - 1});
            if (c < 0)
                return dy_err(err, DYAD_EMODEL, "%s:%zu: unknown class '%.*s' (define @%.*s first)",
                              name, line, (int)a.n, a.p, (int)a.n - 1, a.p + 1);
            out->classes[out->nclasses++] = (int16_t)c;
        } else {
            lower_inplace(a);
            out->words[out->nwords++] = a;
        }
    }
    if (!out->any && !out->nwords && !out->nclasses)
        return dy_err(err, DYAD_EMODEL, "%s:%zu: empty condition", name, line);
    return DYAD_OK;
}

static dyad_status parse_class(dy_lexicon *lx, dy_str line, const char *name, size_t ln,
                               dyad_error *err) {
    dy_str cname = next_word(&line);
    cname.p++, cname.n--;
    if (!cname.n) return dy_err(err, DYAD_EMODEL, "%s:%zu: class without a name", name, ln);
    int c = class_find(lx, cname);
    if (c < 0) {
        size_t cap = lx->nclasses;
        if (lx->nclasses >= 32000) return dy_err(err, DYAD_EMODEL, "%s:%zu: too many classes", name, ln);
        dy_lex_class *p = dy_realloc(&lx->alloc, lx->classes, dy_mul(cap + 1, sizeof *p));
        if (!p) return dy_err(err, DYAD_ENOMEM, "out of memory");
        lx->classes = p;
        c = (int)lx->nclasses++;
        memset(&p[c], 0, sizeof p[c]);
        p[c].name = cname;
    }
    dy_lex_class *cl = &lx->classes[c];
    size_t cap = cl->nwords;
    for (;;) {
        dy_str w = next_word(&line);
        if (!w.n) break;
        if (w.p[0] == '#') break;
        lower_inplace(w);
        if (cl->nwords == cap) {
            size_t nc = cap ? cap * 2 : 16;
            dy_str *p = dy_realloc(&lx->alloc, cl->words, dy_mul(nc, sizeof *p));
            if (!p) return dy_err(err, DYAD_ENOMEM, "out of memory");
            cl->words = p;
            cap = nc;
        }
        cl->words[cl->nwords++] = w;
    }
    /* keep capacity == count so the next line of the same class regrows */
    if (cl->nwords) {
        dy_str *p = dy_realloc(&lx->alloc, cl->words, dy_mul(cl->nwords, sizeof *p));
        if (p) cl->words = p;
    }
    return DYAD_OK;
}

static dyad_status parse_family(dy_lexicon *lx, dy_str line, const char *name, size_t ln,
                                dyad_error *err) {
    dy_str fname = next_word(&line);
    fname.p++, fname.n--;
    if (!fname.n) return dy_err(err, DYAD_EMODEL, "%s:%zu: family without a name", name, ln);
    if (family_find(lx, fname) >= 0)
        return dy_err(err, DYAD_EMODEL, "%s:%zu: family '!%.*s' defined twice", name, ln,
                      (int)fname.n, fname.p);
    dy_str d = next_word(&line);
    if (!is_code(d)) return dy_err(err, DYAD_EMODEL, "%s:%zu: family needs a default code", name, ln);
    if (lx->nfams >= 1000) return dy_err(err, DYAD_EMODEL, "%s:%zu: too many families", name, ln);
    dy_lex_family *p = dy_realloc(&lx->alloc, lx->fams, dy_mul(lx->nfams + 1, sizeof *p));
    if (!p) return dy_err(err, DYAD_ENOMEM, "out of memory");
    lx->fams = p;
    dy_lex_family *f = &p[lx->nfams++];
    memset(f, 0, sizeof *f);
    f->name = fname;
    memcpy(f->dflt, d.p, d.n);
    size_t n = 0;
    for (dy_str l2 = line; next_word(&l2).n;) n++;
    f->map = lx_alloc(lx, (n ? n : 1) * sizeof *f->map);
    if (!f->map) return dy_err(err, DYAD_ENOMEM, "out of memory");
    for (;;) {
        dy_str w = next_word(&line);
        if (!w.n || w.p[0] == '#') break;
        dy_str to;
        dy_str from = split(w, '=', &to);
        if (!is_code(from) || !is_code(to))
            return dy_err(err, DYAD_EMODEL, "%s:%zu: bad family mapping '%.*s' (want PREFIX=CODE)",
                          name, ln, (int)w.n, w.p);
        memset(&f->map[f->nmap], 0, sizeof f->map[0]);
        memcpy(f->map[f->nmap].from, from.p, from.n);
        memcpy(f->map[f->nmap].to, to.p, to.n);
        f->nmap++;
    }
    return DYAD_OK;
}

static int role_find(dy_str s) {
    static const char *const names[] = {"event", "say", "claim", "deny", "accuse",
                                        "family", "pass", "light", "neg", "hypo", "topic"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (dy_str_eqc(s, names[i])) return (int)i;
    return -1;
}

static dyad_status parse_entry(dy_lexicon *lx, dy_str line, dy_str whole, const char *name,
                               size_t ln, dyad_error *err) {
    dy_str kind = next_word(&line);
    dy_lex_entry e;
    memset(&e, 0, sizeof e);
    e.family = -1;
    e.kind = kind.p[0] == 'v' ? DY_LEX_VERB : DY_LEX_NOUN;
    dy_str lem = next_word(&line);
    if (!lem.n) return dy_err(err, DYAD_EMODEL, "%s:%zu: entry without a lemma", name, ln);
    lower_inplace(lem);
    /* split at '_': verbs LEMMA_PARTICLE, nouns MOD_MOD_LEMMA */
    dy_str parts[4];
    size_t np = 0;
    dy_str rest = lem;
    while (rest.n || np == 0) {
        if (np == 4) return dy_err(err, DYAD_EMODEL, "%s:%zu: too many words in '%.*s'", name, ln, (int)lem.n, lem.p);
        parts[np++] = split(rest, '_', &rest);
        if (!parts[np - 1].n) return dy_err(err, DYAD_EMODEL, "%s:%zu: empty word in '%.*s'", name, ln, (int)lem.n, lem.p);
    }
    if (e.kind == DY_LEX_VERB) {
        if (np > 2) return dy_err(err, DYAD_EMODEL, "%s:%zu: a verb takes one particle at most", name, ln);
        e.lemma = parts[0];
        if (np == 2) e.prt = parts[1];
    } else {
        e.lemma = parts[np - 1];
        for (size_t i = 0; i + 1 < np; i++) e.pre[e.npre++] = parts[i];
    }
    bool have_code = false, explicit_role = false;
    for (;;) {
        dy_str w = next_word(&line);
        if (!w.n || w.p[0] == '#') break;
        if (is_code(w)) {
            if (have_code) return dy_err(err, DYAD_EMODEL, "%s:%zu: two codes", name, ln);
            memcpy(e.code, w.p, w.n);
            have_code = true;
        } else if (w.p[0] == '!') {
            if (have_code) return dy_err(err, DYAD_EMODEL, "%s:%zu: two codes", name, ln);
            int f = family_find(lx, (dy_str){w.p + 1, w.n - 1});
            if (f < 0) return dy_err(err, DYAD_EMODEL, "%s:%zu: unknown family '%.*s'", name, ln, (int)w.n, w.p);
            e.family = (int16_t)f;
            if (!explicit_role) e.role = DY_ROLE_FAMILY;
            memcpy(e.code, lx->fams[f].dflt, sizeof e.code);
            have_code = true;
        } else if (dy_str_eqc(w, "recip")) e.recip = 1;
        else if (dy_str_eqc(w, "mutual")) e.mutual = 1;
        else if (dy_str_eqc(w, "needtgt")) e.needtgt = 1;
        else if (dy_str_eqc(w, "ofsrc")) e.of_src = 1;
        else if (dy_str_eqc(w, "noobj")) e.noobj = 1;
        else if (dy_str_eqc(w, "ctl=obj")) e.ctl_obj = 1;
        else {
            dy_str val;
            dy_str key = split(w, '=', &val);
            if (!val.n) return dy_err(err, DYAD_EMODEL, "%s:%zu: unknown word '%.*s'", name, ln, (int)w.n, w.p);
            if (dy_str_eqc(key, "role")) {
                int r = role_find(val);
                if (r < 0 || r == DY_ROLE_FAMILY)
                    return dy_err(err, DYAD_EMODEL, "%s:%zu: unknown role '%.*s'", name, ln, (int)val.n, val.p);
                e.role = (uint8_t)r;
                explicit_role = true;
            } else if (dy_str_eqc(key, "obj")) {
                dyad_status st = parse_alts(lx, val, &e.obj, name, ln, err);
                if (st) return st;
                e.has_obj = 1;
            } else {
                if (e.npreps == 2) return dy_err(err, DYAD_EMODEL, "%s:%zu: two prepositions at most", name, ln);
                lower_inplace(key);
                e.preps[e.npreps].prep = key;
                dyad_status st = parse_alts(lx, val, &e.preps[e.npreps].what, name, ln, err);
                if (st) return st;
                e.npreps++;
            }
        }
    }
    if (!have_code) {
        if (e.role == DY_ROLE_EVENT)
            return dy_err(err, DYAD_EMODEL, "%s:%zu: entry without a CAMEO code", name, ln);
        /* a pure frame verb (say, decide, launch) */
    }
    if (lx->nents >= 1000000) return dy_err(err, DYAD_EMODEL, "%s: too many entries", name);
    static const size_t chunk = 256;
    if (lx->nents % chunk == 0) {
        dy_lex_entry *p = dy_realloc(&lx->alloc, lx->ents, dy_mul(lx->nents + chunk, sizeof *p));
        if (!p) return dy_err(err, DYAD_ENOMEM, "out of memory");
        lx->ents = p;
    }
    char *src = lx_alloc(lx, strlen(name) + 24);
    if (!src) return dy_err(err, DYAD_ENOMEM, "out of memory");
    const char *base = strrchr(name, '/');
    snprintf(src, strlen(name) + 24, "%s:%zu", base ? base + 1 : name, ln);
    e.src = dy_str_c(src);
    e.text = dy_str_trim(whole);
    e.seq = (uint32_t)lx->nents;
    lx->ents[lx->nents++] = e;
    return DYAD_OK;
}

dyad_status dy_lexicon_add_text(dy_lexicon *lx, const char *name, char *text, size_t n,
                                dyad_error *err) {
    char **t2 = dy_realloc(&lx->alloc, lx->texts, dy_mul(lx->ntexts + 1, sizeof *t2));
    if (!t2) {
        dy_free(&lx->alloc, text);
        return dy_err(err, DYAD_ENOMEM, "out of memory");
    }
    lx->texts = t2;
    lx->texts[lx->ntexts++] = text;
    size_t ln = 0;
    dy_str rest = {text, n};
    while (rest.n) {
        dy_str line = split(rest, '\n', &rest);
        ln++;
        dy_str t = dy_str_trim(line);
        if (!t.n || t.p[0] == '#') continue;
        if (memchr(t.p, 0, t.n)) return dy_err(err, DYAD_EMODEL, "%s:%zu: NUL byte", name, ln);
        dyad_status st;
        if (t.p[0] == '@') st = parse_class(lx, t, name, ln, err);
        else if (t.p[0] == '!') st = parse_family(lx, t, name, ln, err);
        else if ((t.p[0] == 'v' || t.p[0] == 'n') && t.n > 1 && (t.p[1] == ' ' || t.p[1] == '\t'))
            st = parse_entry(lx, t, t, name, ln, err);
        else
            st = dy_err(err, DYAD_EMODEL, "%s:%zu: a line starts with v, n, @ or ! (see docs/patterns.md)", name, ln);
        if (st) {
            if (err) err->line = ln;
            return st;
        }
    }
    return DYAD_OK;
}

/* MARK: - index */

static int specificity(const dy_lex_entry *e) {
    return 2 * e->npreps + 2 * e->has_obj + 3 * (e->prt.n > 0) + 3 * e->npre + e->noobj;
}

/* Conditions that take anything ("to=*", "obj=*"): between entries of one
 * specificity, the one naming its words is tried first, whichever file it
 * is in ("agree to=demand 083" before the frame "agree to=* !intent"). */
static int wildcards(const dy_lex_entry *e) {
    int k = e->has_obj && e->obj.any;
    for (int i = 0; i < e->npreps; i++) k += e->preps[i].what.any;
    return k;
}

static int cmp_entry(const void *a, const void *b) {
    const dy_lex_entry *x = a, *y = b;
    if (x->kind != y->kind) return x->kind - y->kind;
    int c = cmp_ci(x->lemma, y->lemma);
    if (c) return c;
    int sx = specificity(x), sy = specificity(y);
    if (sx != sy) return sy - sx;
    int wx = wildcards(x), wy = wildcards(y);
    if (wx != wy) return wx - wy;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

dyad_status dy_lexicon_finish(dy_lexicon *lx, dyad_error *err) {
    if (lx->nents) qsort(lx->ents, lx->nents, sizeof *lx->ents, cmp_entry);
    lx->quantity = class_find(lx, DY_STR("quantity"));
    for (size_t i = 0; i < lx->nents; i++) {
        const dy_lex_entry *e = &lx->ents[i];
        if (lx->ncameo && e->code[0] && !dy_cameo_find(lx, e->code))
            return dy_err(err, DYAD_EMODEL, "%.*s: code %s is not in the CAMEO table",
                          (int)e->src.n, e->src.p, e->code);
    }
    for (size_t f = 0; f < lx->nfams; f++)
        for (size_t k = 0; k < lx->fams[f].nmap; k++)
            if (lx->ncameo && !dy_cameo_find(lx, lx->fams[f].map[k].to))
                return dy_err(err, DYAD_EMODEL, "family !%.*s: code %s is not in the CAMEO table",
                              (int)lx->fams[f].name.n, lx->fams[f].name.p, lx->fams[f].map[k].to);
    size_t cap = 64;
    while (cap < lx->nents * 2 + 2) cap *= 2;
    uint32_t *h = dy_malloc(&lx->alloc, dy_mul(cap, sizeof *h));
    if (!h) return dy_err(err, DYAD_ENOMEM, "out of memory");
    memset(h, 0, cap * sizeof *h);
    for (size_t i = 0; i < lx->nents; i++) {
        if (i && lx->ents[i].kind == lx->ents[i - 1].kind &&
            !cmp_ci(lx->ents[i].lemma, lx->ents[i - 1].lemma))
            continue;
        size_t k = hash_ci(lx->ents[i].kind, lx->ents[i].lemma) & (cap - 1);
        while (h[k]) k = (k + 1) & (cap - 1);
        h[k] = (uint32_t)i + 1;
    }
    dy_free(&lx->alloc, lx->hslot);
    lx->hslot = h;
    lx->hcap = cap;
    return DYAD_OK;
}

bool dy_lexicon_lookup(const dy_lexicon *lx, int kind, dy_str lemma, size_t *first, size_t *n) {
    if (!lx->hcap || !lemma.n) return false;
    size_t k = hash_ci(kind, lemma) & (lx->hcap - 1);
    while (lx->hslot[k]) {
        size_t i = lx->hslot[k] - 1;
        const dy_lex_entry *e = &lx->ents[i];
        if (e->kind == kind && !cmp_ci(e->lemma, lemma)) {
            size_t j = i;
            while (j < lx->nents && lx->ents[j].kind == kind && !cmp_ci(lx->ents[j].lemma, lemma)) j++;
            *first = i;
            *n = j - i;
            return true;
        }
        k = (k + 1) & (lx->hcap - 1);
    }
    return false;
}

bool dy_lex_class_has(const dy_lexicon *lx, int cls, dy_str word) {
    if (cls < 0 || (size_t)cls >= lx->nclasses) return false;
    const dy_lex_class *c = &lx->classes[cls];
    for (size_t i = 0; i < c->nwords; i++)
        if (!cmp_ci(c->words[i], word)) return true;
    return false;
}

bool dy_lex_alts_match(const dy_lexicon *lx, const dy_lex_alts *a, dy_str word) {
    if (a->any) return true;
    for (size_t i = 0; i < a->nwords; i++)
        if (!cmp_ci(a->words[i], word)) return true;
    for (size_t i = 0; i < a->nclasses; i++)
        if (dy_lex_class_has(lx, a->classes[i], word)) return true;
    return false;
}

const char *dy_lex_family_map(const dy_lexicon *lx, int fam, const char *code) {
    if (fam < 0 || (size_t)fam >= lx->nfams) return NULL;
    const dy_lex_family *f = &lx->fams[fam];
    const char *best = f->dflt;
    size_t bestn = 0;
    size_t cn = code ? strlen(code) : 0;
    for (size_t i = 0; i < f->nmap; i++) {
        size_t m = strlen(f->map[i].from);
        if (m <= cn && m > bestn && !memcmp(f->map[i].from, code, m)) {
            best = f->map[i].to;
            bestn = m;
        }
    }
    return best;
}

/* MARK: - CAMEO table */

static int cmp_cameo(const void *a, const void *b) {
    return strcmp(((const dy_cameo_entry *)a)->code, ((const dy_cameo_entry *)b)->code);
}

dyad_status dy_cameo_parse(dy_lexicon *lx, char *text, size_t n, dyad_error *err) {
    lx->cameo_text = text;
    size_t lines = 0;
    for (size_t i = 0; i < n; i++) lines += text[i] == '\n';
    lx->cameo = dy_malloc(&lx->alloc, dy_mul(lines + 1, sizeof *lx->cameo));
    if (!lx->cameo) return dy_err(err, DYAD_ENOMEM, "out of memory");
    char *p = text, *end = text + n;
    size_t ln = 0;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        *nl = 0;
        ln++;
        char *f[8] = {0};
        size_t nf = 0;
        char *q = p;
        while (nf < 8) {
            f[nf++] = q;
            char *t = strchr(q, '\t');
            if (!t) break;
            *t = 0;
            q = t + 1;
        }
        p = nl + 1;
        if (ln == 1 || !f[0][0]) continue; /* header */
        if (nf < 6 || !is_code(dy_str_c(f[0])))
            return dy_err(err, DYAD_EMODEL, "cameo_event_codes.tsv:%zu: malformed row", ln);
        dy_cameo_entry *c = &lx->cameo[lx->ncameo++];
        c->code = f[0];
        c->quad_class = atoi(f[2]);
        c->goldstein = strtod(f[4], NULL);
        c->name = f[5];
    }
    qsort(lx->cameo, lx->ncameo, sizeof *lx->cameo, cmp_cameo);
    return DYAD_OK;
}

const dy_cameo_entry *dy_cameo_find(const dy_lexicon *lx, const char *code) {
    if (!lx || !code) return NULL;
    size_t lo = 0, hi = lx->ncameo;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(lx->cameo[mid].code, code);
        if (!c) return &lx->cameo[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* MARK: - PLOVER table: "CODE: TYPE, mode, context # description" */

static dy_str trim_c(char *p, char *e) {
    dy_str s = {p, (size_t)(e - p)};
    return dy_str_trim(s);
}

static dyad_status plover_parse(dy_lexicon *lx, char *text, size_t n, dyad_error *err) {
    lx->plover_text = text;
    size_t lines = 1;
    for (size_t i = 0; i < n; i++) lines += text[i] == '\n';
    lx->plover = dy_malloc(&lx->alloc, dy_mul(lines, sizeof *lx->plover));
    if (!lx->plover) return dy_err(err, DYAD_ENOMEM, "out of memory");
    char *p = text, *end = text + n;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        char *hash = memchr(p, '#', (size_t)(nl - p));
        char *le = hash ? hash : nl;
        char *colon = memchr(p, ':', (size_t)(le - p));
        if (colon && colon - p >= 2 && colon - p <= 4 && is_code((dy_str){p, (size_t)(colon - p)})) {
            dy_plover_row *r = &lx->plover[lx->nplover];
            memset(r, 0, sizeof *r);
            memcpy(r->code, p, (size_t)(colon - p));
            char *f = colon + 1;
            dy_str parts[3] = {{0, 0}, {0, 0}, {0, 0}};
            for (int k = 0; k < 3 && f <= le; k++) {
                char *c = memchr(f, ',', (size_t)(le - f));
                char *fe = c ? c : le;
                parts[k] = trim_c(f, fe);
                f = fe + 1;
                if (!c) break;
            }
            r->type = parts[0];
            r->mode = parts[1];
            r->context = parts[2];
            if (r->type.n) lx->nplover++;
        }
        p = nl + 1;
    }
    return DYAD_OK;
}

const dy_plover_row *dy_plover_find(const dy_lexicon *lx, const char *code) {
    if (!lx || !code) return NULL;
    /* exact code, else its longest prefix (0231 → 023 → 02) */
    char c[5];
    snprintf(c, sizeof c, "%s", code);
    for (size_t len = strlen(c); len >= 2; len--) {
        c[len] = 0;
        for (size_t i = 0; i < lx->nplover; i++)
            if (!strcmp(lx->plover[i].code, c)) return &lx->plover[i];
    }
    return NULL;
}

/* MARK: - load / free */

dy_lexicon *dy_lexicon_new(const dyad_allocator *a) {
    dy_lexicon *lx = dy_malloc(a, sizeof *lx);
    if (!lx) return NULL;
    memset(lx, 0, sizeof *lx);
    lx->alloc = *a;
    lx->quantity = -1;
    return lx;
}

static int cmp_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static dyad_status read_into(const dyad_allocator *a, const char *path, char **text, size_t *n,
                             dyad_error *err) {
    dyad_status st = dy_read_file(a, path, text, n);
    if (st == DYAD_ENOMEM) return dy_err(err, st, "out of memory reading %s", path);
    if (st) return dy_err(err, DYAD_EMODEL, "cannot read %s", path);
    return DYAD_OK;
}

dyad_status dy_lexicon_load(const dyad_allocator *a, const char *data_dir, dy_lexicon **out,
                            dyad_error *err) {
    *out = NULL;
    dy_lexicon *lx = dy_lexicon_new(a);
    if (!lx) return dy_err(err, DYAD_ENOMEM, "out of memory");
    char path[1200];
    char *text;
    size_t n;
    dyad_status st;
    if (!dy_path_join(path, sizeof path, data_dir, "cameo/cameo_event_codes.tsv")) {
        st = dy_err(err, DYAD_EINVAL, "data directory name too long");
        goto fail;
    }
    if ((st = read_into(a, path, &text, &n, err))) goto fail;
    if ((st = dy_cameo_parse(lx, text, n, err))) goto fail;
    if (dy_path_join(path, sizeof path, data_dir, "plover/CAMEO2PLOVER-2021.txt") &&
        dy_read_file(a, path, &text, &n) == DYAD_OK &&
        (st = plover_parse(lx, text, n, err)))
        goto fail;
    char dir[1200];
    if (!dy_path_join(dir, sizeof dir, data_dir, "events")) {
        st = dy_err(err, DYAD_EINVAL, "data directory name too long");
        goto fail;
    }
    DIR *d = opendir(dir);
    if (!d) {
        st = dy_err(err, DYAD_EMODEL, "cannot open %s (the event lexicon)", dir);
        goto fail;
    }
    char *names[256];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(d)) && nn < 256) {
        size_t l = strlen(de->d_name);
        if (l > 4 && !strcmp(de->d_name + l - 4, ".txt") && de->d_name[0] != '.') {
            names[nn] = dy_malloc(a, l + 1);
            if (!names[nn]) break;
            memcpy(names[nn++], de->d_name, l + 1);
        }
    }
    closedir(d);
    /* classes and families must come before the entries that use them:
     * files load in name order (00-classes.txt, 10-families.txt, ...) */
    qsort(names, nn, sizeof *names, cmp_name);
    st = DYAD_OK;
    for (size_t i = 0; i < nn; i++) {
        if (st == DYAD_OK) {
            if (!dy_path_join(path, sizeof path, dir, names[i]))
                st = dy_err(err, DYAD_EINVAL, "data directory name too long");
            else
                st = read_into(a, path, &text, &n, err);
            if (st == DYAD_OK) st = dy_lexicon_add_text(lx, path, text, n, err);
        }
        dy_free(a, names[i]);
    }
    if (st) goto fail;
    if (!lx->nents) {
        st = dy_err(err, DYAD_EMODEL, "%s holds no event patterns", dir);
        goto fail;
    }
    if ((st = dy_lexicon_finish(lx, err))) goto fail;
    *out = lx;
    return DYAD_OK;
fail:
    dy_lexicon_free(a, lx);
    return st;
}

void dy_lexicon_free(const dyad_allocator *a, dy_lexicon *lx) {
    if (!lx) return;
    for (size_t i = 0; i < lx->ntexts; i++) dy_free(a, lx->texts[i]);
    dy_free(a, lx->texts);
    dy_free(a, lx->ents);
    dy_free(a, lx->hslot);
    for (size_t i = 0; i < lx->nclasses; i++) dy_free(a, lx->classes[i].words);
    dy_free(a, lx->classes);
    dy_free(a, lx->fams);
    dy_free(a, lx->cameo);
    dy_free(a, lx->cameo_text);
    dy_free(a, lx->plover);
    dy_free(a, lx->plover_text);
    for (size_t i = 0; i < lx->nallocs; i++) dy_free(a, lx->allocs[i]);
    dy_free(a, lx->allocs);
    dy_free(a, lx);
}

/* MARK: - coverage */

size_t dy_lexicon_coverage(const dy_lexicon *lx, uint32_t *roots) {
    *roots = 0;
    size_t n = 0;
    for (size_t i = 0; i < lx->ncameo; i++) {
        const char *c = lx->cameo[i].code;
        if (strlen(c) < 3) continue; /* root headings are not codes we emit */
        bool hit = false;
        for (size_t k = 0; k < lx->nents && !hit; k++) hit = !strcmp(lx->ents[k].code, c);
        for (size_t f = 0; f < lx->nfams && !hit; f++)
            for (size_t k = 0; k < lx->fams[f].nmap && !hit; k++) hit = !strcmp(lx->fams[f].map[k].to, c);
        if (hit) {
            n++;
            *roots |= 1u << ((c[0] - '0') * 10 + (c[1] - '0'));
        }
    }
    return n;
}
