/*
 * conllu.c — a CoNLL-U reader that keeps every line as written (comments,
 * multiword-token ranges "1-2", empty nodes "8.1") so `dyad parse --conllu`
 * can write the input back with only the predicted columns replaced.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pint.h"

static bool grow(const dyad_allocator *a, void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return true;
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc < need) nc *= 2;
    void *q = dy_realloc(a, *p, dy_mul(nc, size));
    if (!q) return false;
    *p = q;
    *cap = nc;
    return true;
}

/* Split line into up to 10 tab-separated columns; returns their count. */
static int columns(dy_str line, dy_str col[10]) {
    int k = 0;
    size_t b = 0;
    for (size_t i = 0; i <= line.n && k < 10; i++) {
        if (i == line.n || line.p[i] == '\t') {
            col[k++] = (dy_str){line.p + b, i - b};
            b = i + 1;
        }
    }
    return k;
}

static bool all_digits(dy_str s) {
    if (!s.n || s.n > 9) return false;
    for (size_t i = 0; i < s.n; i++)
        if (s.p[i] < '0' || s.p[i] > '9') return false;
    return true;
}

static long to_int(dy_str s) {
    long v = 0;
    for (size_t i = 0; i < s.n; i++) v = v * 10 + (s.p[i] - '0');
    return v;
}

static int find_deprel(dy_str s) {
    int d = dy_deprel_find(s);
    if (d) return d;
    for (size_t i = 0; i < s.n; i++)
        if (s.p[i] == ':') return dy_deprel_find((dy_str){s.p, i});
    return 0;
}

typedef struct cbuild {
    dy_str *lines; size_t nl, lcap;
    dy_cword *w; size_t nw, wcap;
} cbuild;

static dyad_status finish(const dyad_allocator *a, dy_conllu *c, cbuild *b, size_t lineno,
                          dyad_error *err) {
    if (!b->nl) return DYAD_OK;
    if (!b->nw) {
        /* comments only (e.g. at end of file): keep them as a sentence without words */
    }
    if (!grow(a, (void **)&c->s, &c->cap, c->ns + 1, sizeof *c->s))
        return dy_err(err, DYAD_ENOMEM, "out of memory reading CoNLL-U");
    for (size_t i = 0; i < b->nw; i++) {
        if (b->w[i].head >= (int32_t)b->nw) {
            if (err) err->line = lineno;
            return dy_err(err, DYAD_EINPUT, "line %zu: HEAD %d beyond the sentence's %zu words",
                          lineno, b->w[i].head + 1, b->nw);
        }
    }
    c->s[c->ns++] = (dy_csent){b->lines, b->nl, b->w, b->nw};
    c->nwords += b->nw;
    memset(b, 0, sizeof *b);
    return DYAD_OK;
}

dyad_status dy_conllu_parse(const dyad_allocator *a, const char *text, size_t n, dy_conllu *c,
                            dyad_error *err) {
    memset(c, 0, sizeof *c);
    cbuild b;
    memset(&b, 0, sizeof b);
    size_t pos = 0, lineno = 0;
    dyad_status st = DYAD_OK;
    while (pos < n && st == DYAD_OK) {
        size_t e = pos;
        while (e < n && text[e] != '\n') e++;
        dy_str line = {text + pos, e - pos};
        if (line.n && line.p[line.n - 1] == '\r') line.n--;
        pos = e + 1;
        lineno++;
        bool blank = true;
        for (size_t i = 0; i < line.n; i++)
            if (line.p[i] != ' ' && line.p[i] != '\t') { blank = false; break; }
        if (blank) {
            st = finish(a, c, &b, lineno, err);
            continue;
        }
        if (!grow(a, (void **)&b.lines, &b.lcap, b.nl + 1, sizeof *b.lines)) {
            st = dy_err(err, DYAD_ENOMEM, "out of memory reading CoNLL-U");
            break;
        }
        b.lines[b.nl++] = line;
        if (line.p[0] == '#') continue;
        dy_str col[10];
        int k = columns(line, col);
        if (k != 10) {
            if (err) err->line = lineno;
            st = dy_err(err, DYAD_EINPUT, "line %zu: %d columns, CoNLL-U has 10", lineno, k);
            break;
        }
        if (!all_digits(col[0])) {
            /* "1-2" multiword token or "8.1" empty node: kept as a line only. */
            bool ok = col[0].n > 0 && col[0].p[0] >= '0' && col[0].p[0] <= '9';
            for (size_t i = 0; ok && i < col[0].n; i++)
                ok = (col[0].p[i] >= '0' && col[0].p[i] <= '9') || col[0].p[i] == '-' || col[0].p[i] == '.';
            if (!ok) {
                if (err) err->line = lineno;
                st = dy_err(err, DYAD_EINPUT, "line %zu: bad ID '%.*s'", lineno, (int)col[0].n, col[0].p);
                break;
            }
            continue;
        }
        long id = to_int(col[0]);
        if (id != (long)b.nw + 1) {
            if (err) err->line = lineno;
            st = dy_err(err, DYAD_EINPUT, "line %zu: word ID %ld, expected %zu", lineno, id, b.nw + 1);
            break;
        }
        if (!grow(a, (void **)&b.w, &b.wcap, b.nw + 1, sizeof *b.w)) {
            st = dy_err(err, DYAD_ENOMEM, "out of memory reading CoNLL-U");
            break;
        }
        dy_cword *w = &b.w[b.nw++];
        memset(w, 0, sizeof *w);
        w->form = col[1];
        w->lemma = col[2];
        w->upos = (uint8_t)dy_upos_find(col[3]);
        w->xpos = (uint8_t)dy_xpos_find(col[4]);
        w->head = all_digits(col[6]) ? (int32_t)to_int(col[6]) - 1 : -2;
        w->deprel = (uint8_t)find_deprel(col[7]);
        w->line = (uint32_t)(b.nl - 1);
    }
    if (st == DYAD_OK) st = finish(a, c, &b, lineno, err);
    if (st != DYAD_OK) {
        dy_free(a, b.lines);
        dy_free(a, b.w);
        dy_conllu_free(a, c);
    }
    return st;
}

void dy_conllu_free(const dyad_allocator *a, dy_conllu *c) {
    for (size_t i = 0; i < c->ns; i++) {
        dy_free(a, c->s[i].lines);
        dy_free(a, c->s[i].w);
    }
    dy_free(a, c->s);
    memset(c, 0, sizeof *c);
}

bool dy_csent_projective(const dy_csent *s) {
    size_t n = s->nw, roots = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t h = s->w[i].head;
        if (h < -1 || h >= (int32_t)n || h == (int32_t)i) return false;
        if (h == -1) roots++;
    }
    if (roots != 1) return false;
    /* acyclic: walk up from every word */
    for (size_t i = 0; i < n; i++) {
        int32_t h = s->w[i].head;
        size_t steps = 0;
        while (h != -1 && steps <= n) { h = s->w[h].head; steps++; }
        if (steps > n) return false;
    }
    /* no crossing arcs (root arcs from a virtual node at position -1... at n) */
    for (size_t i = 0; i < n; i++) {
        int32_t hi = s->w[i].head < 0 ? (int32_t)n : s->w[i].head;
        int32_t a1 = (int32_t)i < hi ? (int32_t)i : hi, b1 = (int32_t)i < hi ? hi : (int32_t)i;
        for (size_t j = 0; j < n; j++) {
            int32_t hj = s->w[j].head < 0 ? (int32_t)n : s->w[j].head;
            int32_t a2 = (int32_t)j < hj ? (int32_t)j : hj, b2 = (int32_t)j < hj ? hj : (int32_t)j;
            if (a1 < a2 && a2 < b1 && b1 < b2) return false;
        }
    }
    return true;
}
