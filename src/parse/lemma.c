/*
 * lemma.c — lemmatizer: (1) the form/XPOS -> lemma table learned from the
 * training treebank (stored in the tagger model), (2) WordNet's exception
 * lists (data/lemma/NAME.exc: fought -> fight, children -> child, better ->
 * good), (3) suffix rules checked against WordNet's verb and adjective
 * lemma lists (data/lemma/NAME.idx) to choose between "seiz" and "seize".
 */
#include <stdio.h>
#include <stdlib.h>

#include "../base/model.h"
#include "pint.h"

typedef struct lent { uint64_t h; dy_str k; dy_str v; } lent;
typedef struct lmap { lent *e; size_t cap, n; } lmap;

struct dy_lemmatizer {
    lmap tab;       /* xpos byte + lower form -> lemma (training table) */
    lmap exc;       /* class byte ('n','v','a','r') + form -> base */
    lmap vocab;     /* class byte + lemma -> "" */
    char *files[8];
    char *tabcopy;
};

static uint64_t khash(char c, const char *p, size_t n) {
    return dy_fmix(dy_hash(p, n) ^ ((uint64_t)(unsigned char)c << 56)) | 1;
}

/* Make room for `more` further entries (load factor at most 1/2). */
static bool map_reserve(const dyad_allocator *a, lmap *m, size_t more) {
    if ((m->n + more) * 2 <= m->cap) return true;
    size_t nc = m->cap ? m->cap : 1024;
    while ((m->n + more) * 2 > nc) nc *= 2;
    lent *ne = dy_malloc(a, dy_mul(nc, sizeof *ne));
    if (!ne) return false;
    memset(ne, 0, nc * sizeof *ne);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->e[i].h) continue;
        size_t j = m->e[i].h & (nc - 1);
        while (ne[j].h) j = (j + 1) & (nc - 1);
        ne[j] = m->e[i];
    }
    dy_free(a, m->e);
    m->e = ne;
    m->cap = nc;
    return true;
}

static size_t count_lines(const char *p, size_t n) {
    size_t k = 1;
    for (const char *q = p; (q = memchr(q, '\n', (size_t)(p + n - q))) != NULL; q++) k++;
    return k;
}

static bool map_put(const dyad_allocator *a, lmap *m, char c, dy_str k, dy_str v, char *kbuf) {
    if (!map_reserve(a, m, 1)) return false;
    (void)kbuf;
    uint64_t h = khash(c, k.p, k.n);
    size_t j = h & (m->cap - 1);
    while (m->e[j].h) {
        if (m->e[j].h == h && dy_str_eq(m->e[j].k, k)) return true; /* first wins */
        j = (j + 1) & (m->cap - 1);
    }
    m->e[j] = (lent){h, k, v};
    m->n++;
    return true;
}

static const lent *map_get(const lmap *m, char c, const char *p, size_t n) {
    if (!m->cap) return NULL;
    uint64_t h = khash(c, p, n);
    size_t j = h & (m->cap - 1);
    while (m->e[j].h) {
        if (m->e[j].h == h && m->e[j].k.n == n && !memcmp(m->e[j].k.p, p, n)) return &m->e[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

/* Load "word base ..." lines (exc) or "word" lines (idx). */
static dyad_status load_list(const dyad_allocator *a, dy_lemmatizer *l, int slot, const char *dir,
                             const char *name, char cls, bool exc, dyad_error *err) {
    char path[1200];
    if (!dy_path_join(path, sizeof path, dir, name)) return dy_err(err, DYAD_EINVAL, "path too long");
    size_t n;
    if (dy_read_file(a, path, &l->files[slot], &n) != DYAD_OK)
        return dy_err(err, DYAD_EMODEL, "%s: cannot read lemmatizer list", path);
    char *p = l->files[slot];
    if (!map_reserve(a, exc ? &l->exc : &l->vocab, count_lines(p, n)))
        return dy_err(err, DYAD_ENOMEM, "out of memory loading %s", path);
    size_t pos = 0;
    while (pos < n) {
        size_t e = pos;
        while (e < n && p[e] != '\n') e++;
        size_t sp = pos;
        while (sp < e && p[sp] != ' ') sp++;
        dy_str k = {p + pos, sp - pos};
        dy_str v = DY_STR("");
        if (exc) {
            size_t s2 = sp + 1, e2 = s2;
            while (e2 < e && p[e2] != ' ') e2++;
            if (s2 >= e) { pos = e + 1; continue; }
            v = (dy_str){p + s2, e2 - s2};
        }
        if (k.n && !map_put(a, exc ? &l->exc : &l->vocab, cls, k, v, NULL))
            return dy_err(err, DYAD_ENOMEM, "out of memory loading %s", path);
        pos = e + 1;
    }
    return DYAD_OK;
}

dyad_status dy_lemma_load(const dyad_allocator *a, const char *data_dir, const char *tab,
                          size_t tabn, dy_lemmatizer **out, dyad_error *err) {
    *out = NULL;
    dy_lemmatizer *l = dy_malloc(a, sizeof *l);
    if (!l) return dy_err(err, DYAD_ENOMEM, "out of memory");
    memset(l, 0, sizeof *l);
    char dir[1100];
    dyad_status st = DYAD_OK;
    if (!dy_path_join(dir, sizeof dir, data_dir, "lemma")) st = dy_err(err, DYAD_EINVAL, "path too long");
    static const struct { const char *name; char c; bool exc; } lists[] = {
        {"noun.exc", 'n', true}, {"verb.exc", 'v', true}, {"adj.exc", 'a', true},
        {"adv.exc", 'r', true}, {"verb.idx", 'v', false}, {"adj.idx", 'a', false}};
    for (int i = 0; i < 6 && st == DYAD_OK; i++)
        st = load_list(a, l, i, dir, lists[i].name, lists[i].c, lists[i].exc, err);
    /* training table: lower \t xpos \t lemma */
    if (st == DYAD_OK && tabn) {
        l->tabcopy = dy_malloc(a, tabn);
        if (!l->tabcopy) st = dy_err(err, DYAD_ENOMEM, "out of memory");
        else memcpy(l->tabcopy, tab, tabn);
    }
    if (st == DYAD_OK && tabn && !map_reserve(a, &l->tab, count_lines(tab, tabn)))
        st = dy_err(err, DYAD_ENOMEM, "out of memory");
    size_t pos = 0;
    while (st == DYAD_OK && pos < tabn) {
        const char *p = l->tabcopy;
        size_t e = pos;
        while (e < tabn && p[e] != '\n') e++;
        size_t t1 = pos;
        while (t1 < e && p[t1] != '\t') t1++;
        size_t t2 = t1 + 1;
        while (t2 < e && p[t2] != '\t') t2++;
        if (t1 < e && t2 < e) {
            int x = dy_xpos_find((dy_str){p + t1 + 1, t2 - t1 - 1});
            dy_str k = {p + pos, t1 - pos}, v = {p + t2 + 1, e - t2 - 1};
            if (x && k.n && v.n && !map_put(a, &l->tab, (char)x, k, v, NULL))
                st = dy_err(err, DYAD_ENOMEM, "out of memory");
        }
        pos = e + 1;
    }
    if (st != DYAD_OK) {
        dy_lemma_free(a, l);
        return st;
    }
    *out = l;
    return DYAD_OK;
}

void dy_lemma_free(const dyad_allocator *a, dy_lemmatizer *l) {
    if (!l) return;
    dy_free(a, l->tab.e);
    dy_free(a, l->exc.e);
    dy_free(a, l->vocab.e);
    for (int i = 0; i < 8; i++) dy_free(a, l->files[i]);
    dy_free(a, l->tabcopy);
    dy_free(a, l);
}

/* MARK: - rules */

static bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static bool known(const dy_lemmatizer *l, char cls, const char *p, size_t n) {
    return map_get(&l->vocab, cls, p, n) != NULL;
}

/* Stem of an -ed/-ing/-er/-est form w[0..stem): pick stem, stem+"e" or the
 * undoubled stem; written to out. */
static size_t restore(const dy_lemmatizer *l, char cls, const char *w, size_t stem, char *out) {
    memcpy(out, w, stem);
    if (stem < 2) return stem;
    bool dbl = out[stem - 1] == out[stem - 2] && !is_vowel(out[stem - 1]);
    out[stem] = 'e';
    if (known(l, cls, out, stem)) {
        if (dbl && known(l, cls, out, stem - 1)) return stem - 1;
        return stem;
    }
    if (known(l, cls, out, stem + 1)) return stem + 1;
    if (dbl && known(l, cls, out, stem - 1)) return stem - 1;
    /* unknown: guesses */
    char c1 = out[stem - 1], c2 = out[stem - 2];
    if (dbl && c1 != 'l' && c1 != 's' && c1 != 'z' && c1 != 'f') return stem - 1;
    if (c1 == 'v' || c1 == 'z' || (c1 == 'c' && !is_vowel(c2) && c2 != 'c' ) ||
        (c1 == 's' && is_vowel(c2) && stem >= 3 && !is_vowel(out[stem - 3])) ||
        (c1 == 'g' && c2 == 'n' && 0) ||
        (!is_vowel(c1) && c1 != 'w' && c1 != 'x' && c1 != 'y' && is_vowel(c2) && stem >= 3 &&
         is_vowel(out[stem - 3]) && c1 != 'r' && c1 != 'n' && c1 != 'l' && c1 != 't' && c1 != 'd' && c1 != 'k' && c1 != 'm' && c1 != 'p'))
        return stem + 1;
    if ((c1 == 'u' && stem >= 2) ) return stem + 1; /* continu-ed, argu-ed */
    return stem;
}

static bool ends(const char *w, size_t n, const char *suf) {
    size_t k = strlen(suf);
    return n > k && !memcmp(w + n - k, suf, k);
}

dy_str dy_lemma(const dy_lemmatizer *l, dy_arena *ar, dy_str form, int xpos, int upos) {
    (void)upos;
    char low[64];
    if (!form.n || form.n >= sizeof low - 4) return form;
    size_t n = form.n;
    for (size_t i = 0; i < n; i++) low[i] = (form.p[i] >= 'A' && form.p[i] <= 'Z') ? (char)(form.p[i] + 32) : form.p[i];
    const char *xn = xpos > 0 && (size_t)xpos < dy_xpos_count ? dy_xpos_names[xpos] : "";
    bool proper = !strcmp(xn, "NNP");
    const lent *e = map_get(&l->tab, (char)xpos, low, n);
    if (e) {
        if (proper && dy_str_ieq(e->v, form)) return form;
        return e->v;
    }
    if (proper) return form;
    char cls = 0;
    if (xn[0] == 'N' && !strcmp(xn, "NNS")) cls = 'n';
    else if (!strcmp(xn, "NNPS")) cls = 'n';
    else if (xn[0] == 'V' && xn[1] == 'B' && xn[2]) cls = 'v';
    else if (!strcmp(xn, "JJR") || !strcmp(xn, "JJS")) cls = 'a';
    else if (!strcmp(xn, "RBR") || !strcmp(xn, "RBS")) cls = 'r';
    const char *keep = !strcmp(xn, "NNPS") ? form.p : low;
    if (cls) {
        const lent *x = map_get(&l->exc, cls, low, n);
        if (x) return x->v;
    }
    char out[72];
    size_t m = n;
    memcpy(out, keep, n);
    if (cls == 'n') {
        if (ends(low, n, "ies") && n > 4) { m = n - 3; out[m++] = 'y'; }
        else if (ends(low, n, "sses") || ends(low, n, "xes") || ends(low, n, "zes") ||
                 ends(low, n, "ches") || ends(low, n, "shes")) m = n - 2;
        else if (ends(low, n, "men") && n > 4) { m = n; out[n - 2] = 'a'; }
        else if (ends(low, n, "s") && !ends(low, n, "ss") && !ends(low, n, "us") && !ends(low, n, "is") && n > 3) m = n - 1;
    } else if (cls == 'v') {
        if (!strcmp(xn, "VBZ")) {
            if (ends(low, n, "ies") && n > 4) { m = n - 3; out[m++] = 'y'; }
            else if (ends(low, n, "sses") || ends(low, n, "xes") || ends(low, n, "zes") ||
                     ends(low, n, "ches") || ends(low, n, "shes") || ends(low, n, "oes")) m = n - 2;
            else if (ends(low, n, "s") && !ends(low, n, "ss")) m = n - 1;
        } else if (!strcmp(xn, "VBG") && ends(low, n, "ing") && n > 4) {
            if (ends(low, n, "ying") && n > 5 && 0) m = n - 3;
            else m = restore(l, 'v', low, n - 3, out);
        } else if ((!strcmp(xn, "VBD") || !strcmp(xn, "VBN")) && ends(low, n, "ed") && n > 3) {
            if (ends(low, n, "ied") && n > 4) { m = n - 3; out[m++] = 'y'; }
            else if (ends(low, n, "eed") && known(l, 'v', low, n - 1)) m = n - 1;
            else m = restore(l, 'v', low, n - 2, out);
        }
    } else if (cls == 'a') {
        size_t k = !strcmp(xn, "JJR") ? 2 : 3;
        if (ends(low, n, k == 2 ? "er" : "est") && n > k + 2) {
            if (low[n - k - 1] == 'i') { m = n - k - 1; out[m++] = 'y'; }
            else m = restore(l, 'a', low, n - k, out);
        }
    }
    if (m == n && !memcmp(out, form.p, n)) return form;
    return dy_arena_strdup(ar, out, m);
}

bool dy_lemma_seen(const dy_lemmatizer *l, dy_str lower, int xpos) {
    return l && lower.n && map_get(&l->tab, (char)xpos, lower.p, lower.n) != NULL;
}

/* MARK: - table from training data */

typedef struct tcount { dy_str low, lemma; uint8_t xpos; uint32_t c; } tcount;

static int tc_cmp(const void *a, const void *b) {
    const tcount *x = a, *y = b;
    size_t n = x->low.n < y->low.n ? x->low.n : y->low.n;
    int r = memcmp(x->low.p, y->low.p, n);
    if (r) return r;
    if (x->low.n != y->low.n) return x->low.n < y->low.n ? -1 : 1;
    if (x->xpos != y->xpos) return x->xpos < y->xpos ? -1 : 1;
    n = x->lemma.n < y->lemma.n ? x->lemma.n : y->lemma.n;
    r = memcmp(x->lemma.p, y->lemma.p, n);
    if (r) return r;
    return x->lemma.n < y->lemma.n ? -1 : x->lemma.n > y->lemma.n;
}

bool dy_lemma_table(const dy_conllu *train, dy_buf *out) {
    size_t nw = train->nwords, k = 0;
    tcount *t = malloc((nw ? nw : 1) * sizeof *t);
    char *low = malloc(nw * 64 + 1);
    if (!t || !low) { free(t); free(low); return false; }
    for (size_t i = 0; i < train->ns; i++) {
        const dy_csent *s = &train->s[i];
        for (size_t j = 0; j < s->nw; j++) {
            const dy_cword *w = &s->w[j];
            if (!w->form.n || w->form.n >= 60 || !w->xpos || !w->lemma.n || dy_str_eqc(w->lemma, "_")) continue;
            char *p = low + k * 64;
            char fold[64];
            size_t fl = dy_pfold(w->form.p, w->form.n, fold, sizeof fold);
            for (size_t c = 0; c < fl; c++) p[c] = (fold[c] >= 'A' && fold[c] <= 'Z') ? (char)(fold[c] + 32) : fold[c];
            bool bad = false;
            for (size_t c = 0; c < w->lemma.n; c++)
                if (w->lemma.p[c] == '\t' || w->lemma.p[c] == '\n') bad = true;
            if (bad) continue;
            t[k++] = (tcount){{p, fl}, w->lemma, w->xpos, 1};
        }
    }
    qsort(t, k, sizeof *t, tc_cmp);
    /* For each (low, xpos) the most frequent lemma. */
    for (size_t i = 0; i < k;) {
        size_t j = i, best_c = 0;
        dy_str best = t[i].lemma;
        while (j < k && dy_str_eq(t[j].low, t[i].low) && t[j].xpos == t[i].xpos) {
            size_t r = j;
            while (r < k && dy_str_eq(t[r].low, t[j].low) && t[r].xpos == t[j].xpos && dy_str_eq(t[r].lemma, t[j].lemma)) r++;
            if (r - j > best_c) { best_c = r - j; best = t[j].lemma; }
            j = r;
        }
        dy_buf_putstr(out, t[i].low);
        dy_buf_printf(out, "\t%s\t", dy_xpos_names[t[i].xpos]);
        dy_buf_putstr(out, best);
        dy_buf_putc(out, '\n');
        i = j;
    }
    free(t);
    free(low);
    return !out->err;
}
