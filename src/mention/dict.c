/*
 * dict.c — parser, checker and lookup table for the actor dictionaries
 * (format: docs/dictionaries.md).
 *
 * Every alias is split into words (dy_dict_split), each word normalised
 * (dy_dict_norm_word) and the words joined by one space form the key.  The
 * table holds every key and every word-prefix of a key, so the recogniser
 * can extend a match word by word and stop as soon as no alias starts with
 * the words seen (longest match without trying every length).
 */
#include <stdio.h>
#include <stdlib.h>

#include "dict.h"

/* MARK: - string pool */

struct dy_dict_pool {
    dy_dict_pool *next;
    size_t used, cap;
    char mem[];
};

struct dy_dict_slot {
    uint64_t h;
    const char *k;
    uint32_t kn;
    int32_t val;        /* first value, -1 when only a prefix */
};

struct dy_dict_val {
    uint32_t entry;
    int32_t next;
    uint64_t casemask;
    uint8_t nwords, implicit;
};

struct dy_dict_alias {
    const char *s;
    uint32_t n;
    uint32_t entry;
    uint8_t implicit;
};

static void *pool_alloc(dy_dict *d, size_t n) {
    n = (n + 7) & ~(size_t)7;
    dy_dict_pool *p = d->pool;
    if (!p || p->cap - p->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        p = dy_malloc(&d->alloc, sizeof *p + cap);
        if (!p) { d->oom = true; return NULL; }
        p->next = d->pool;
        p->used = 0;
        p->cap = cap;
        d->pool = p;
    }
    void *r = p->mem + p->used;
    p->used += n;
    return r;
}

static const char *pool_str(dy_dict *d, const char *s, size_t n) {
    char *r = pool_alloc(d, n + 1);
    if (!r) return NULL;
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

const char *dy_dict_str(dy_dict *d, const char *s, size_t n) { return pool_str(d, s, n); }

/* Grow an array *pa of *cap elements so index *n is valid. */
static bool grow(dy_dict *d, void **pa, size_t *cap, size_t n, size_t size) {
    if (n < *cap) return true;
    size_t nc = *cap ? *cap * 2 : 64;
    void *q = dy_realloc(&d->alloc, *pa, dy_mul(nc, size));
    if (!q) { d->oom = true; return false; }
    *pa = q;
    *cap = nc;
    return true;
}

void dy_dict_init(dy_dict *d, const dyad_allocator *a) {
    memset(d, 0, sizeof *d);
    d->alloc = *(a ? a : dyad_default_allocator());
}

void dy_dict_free(dy_dict *d) {
    if (!d) return;
    dy_dict_pool *p = d->pool;
    while (p) {
        dy_dict_pool *n = p->next;
        dy_free(&d->alloc, p);
        p = n;
    }
    dy_free(&d->alloc, d->e);
    dy_free(&d->alloc, d->codes);
    dy_free(&d->alloc, d->aliases);
    dy_free(&d->alloc, d->slots);
    dy_free(&d->alloc, d->vals);
    dy_free(&d->alloc, d->countries);
    memset(d, 0, sizeof *d);
}

/* MARK: - words */

/* Latin-1 Supplement and Latin Extended-A letters (U+00C0..U+017F) folded
 * to ASCII; the case of the folded letter is the case of the original. */
static const char fold_c0[] =
    "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty"
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/* Decode the code point at p (n bytes left); *len gets its byte length. */
static uint32_t utf8_at(const char *p, size_t n, size_t *len) {
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] < 0x80 || n < 2) { *len = 1; return u[0]; }
    if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80) {
        *len = 2;
        return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    }
    if ((u[0] & 0xF0) == 0xE0 && n >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *len = 3;
        return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    if ((u[0] & 0xF8) == 0xF0 && n >= 4 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
        (u[3] & 0xC0) == 0x80) {
        *len = 4;
        return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
               ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    }
    *len = 1;
    return 0xFFFD;
}

static bool is_apos(uint32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x2BC; }
static bool is_space(uint32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000;
}
/* Punctuation outside ASCII that must not glue to words. */
static bool is_upunct(uint32_t c) {
    return (c >= 0x2010 && c <= 0x2027) || c == 0xAB || c == 0xBB || c == 0xBF || c == 0xA1 ||
           c == 0xB7 || c == 0xFFFD || (c >= 0x3000 && c <= 0x303F);
}
static bool is_wordc(uint32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return !is_space(c) && !is_upunct(c) && !is_apos(c);
}
static bool is_hyphen(uint32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

/* Abbreviations whose final dot belongs to the word. */
static bool is_abbrev(const char *p, size_t n) {
    static const char *const ab[] = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt",
                                     "maj", "rep", "sen", "gov", "adm", "brig", "st", "jr", "sr",
                                     "cpl", "pvt", "rev", "prof", "pres", "cmdr", "supt", "insp",
                                     "messrs", NULL};
    if (n > 6) return false;
    for (int i = 0; ab[i]; i++) {
        size_t k = strlen(ab[i]);
        if (k != n) continue;
        size_t j = 0;
        while (j < n && (p[j] | 0x20) == ab[i][j]) j++;
        if (j == n) return true;
    }
    return false;
}

size_t dy_dict_split(const char *p, size_t n, dy_word_span *out, size_t max) {
    size_t k = 0, i = 0;
#define EMIT(o, l, pu, po)                                                                  \
    do {                                                                                    \
        if (k < max) out[k] = (dy_word_span){(uint32_t)(o), (uint32_t)(l), (pu), (po)};     \
        k++;                                                                                \
    } while (0)
    while (i < n) {
        size_t cl;
        uint32_t c = utf8_at(p + i, n - i, &cl);
        if (is_space(c) || is_hyphen(c)) { i += cl; continue; }
        if (is_wordc(c)) {
            size_t b = i;
            bool single_letters = true;     /* "U.S." pattern so far */
            size_t letters_since_dot = 0;
            while (i < n) {
                c = utf8_at(p + i, n - i, &cl);
                if (is_wordc(c)) {
                    letters_since_dot++;
                    if (letters_since_dot > 1) single_letters = false;
                    i += cl;
                    continue;
                }
                if (c == '.') {
                    size_t nl;
                    uint32_t nx = i + 1 < n ? utf8_at(p + i + 1, n - i - 1, &nl) : 0;
                    if (i + 1 < n && is_wordc(nx) && nx < 0x80 && single_letters) {
                        letters_since_dot = 0;
                        i++;
                        continue;
                    }
                    if (single_letters && letters_since_dot == 1 && (i - b) >= 1) {
                        i++; /* final dot of "U.S." or of an initial "W." */
                        break;
                    }
                    if (is_abbrev(p + b, i - b)) i++;
                    break;
                }
                if (is_apos(c)) {
                    /* inside a word ("d'Ivoire", "Shi'ite") unless possessive */
                    size_t al = cl, nl;
                    uint32_t nx = i + al < n ? utf8_at(p + i + al, n - i - al, &nl) : 0;
                    if ((nx == 's' || nx == 'S')) {
                        size_t after = i + al + 1;
                        size_t l2;
                        uint32_t a2 = after < n ? utf8_at(p + after, n - after, &l2) : 0;
                        if (after >= n || !is_wordc(a2)) break; /* possessive 's */
                    }
                    if (i + al < n && is_wordc(nx)) {
                        single_letters = false;
                        i += al;
                        continue;
                    }
                    break;
                }
                break;
            }
            EMIT(b, i - b, 0, 0);
            /* possessive after the word */
            if (i < n) {
                c = utf8_at(p + i, n - i, &cl);
                if (is_apos(c)) {
                    size_t nl;
                    uint32_t nx = i + cl < n ? utf8_at(p + i + cl, n - i - cl, &nl) : 0;
                    if (nx == 's' || nx == 'S') {
                        size_t after = i + cl + 1, l2;
                        uint32_t a2 = after < n ? utf8_at(p + after, n - after, &l2) : 0;
                        if (after >= n || !is_wordc(a2)) {
                            EMIT(i, cl + 1, 0, 1);
                            i = after;
                        }
                    } else if (i > b && (p[i - 1] == 's' || p[i - 1] == 'S') &&
                               (i + cl >= n || !is_wordc(nx))) {
                        EMIT(i, cl, 0, 1); /* rebels' */
                        i += cl;
                    }
                }
            }
            continue;
        }
        /* punctuation: one mark per word */
        EMIT(i, cl, 1, 0);
        i += cl;
    }
#undef EMIT
    return k;
}

size_t dy_dict_norm_word(const char *p, size_t n, char *out, size_t cap, int *case_out) {
    size_t o = 0, i = 0;
    int upper = 0, lower = 0, letters = 0, first = -1, inner_upper = 0;
    bool dotted = false;
    while (i < n) {
        size_t cl;
        uint32_t c = utf8_at(p + i, n - i, &cl);
        char f = 0;
        int up = -1;
        if (c < 0x80) {
            if (c == '.') { dotted = true; i += cl; continue; }
            if (is_apos(c)) { i += cl; continue; }
            f = (char)c;
            if (c >= 'A' && c <= 'Z') { up = 1; f = (char)(c + 32); }
            else if (c >= 'a' && c <= 'z') up = 0;
        } else if (c >= 0xC0 && c <= 0x17F && c != 0xD7 && c != 0xF7) {
            char g = fold_c0[c - 0xC0];
            up = (g >= 'A' && g <= 'Z');
            f = up ? (char)(g + 32) : g;
        } else if (is_apos(c)) {
            i += cl;
            continue;
        }
        if (up >= 0) {
            letters++;
            if (up && letters > 1) inner_upper++;
            if (up) upper++;
            else lower++;
            if (first < 0) first = up;
        }
        if (f) {
            if (o + 1 < cap) out[o++] = f;
        } else {
            /* other code points are kept as they are (lowercasing left alone) */
            for (size_t j = 0; j < cl; j++)
                if (o + 1 < cap) out[o++] = p[i + j];
        }
        i += cl;
    }
    if (cap) out[o < cap ? o : cap - 1] = 0;
    if (case_out) {
        if (upper && !lower && (letters >= 2 || dotted)) *case_out = 2;
        else if (inner_upper && lower && letters <= 5) *case_out = 3; /* "LeT", "ZANU-PF" parts */
        else if (first == 1) *case_out = 1;
        else *case_out = 0;
    }
    return o;
}

/* MARK: - dates and codes */

static bool all_digits(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return false;
    return n > 0;
}

static int num(const char *p, size_t n) {
    int v = 0;
    for (size_t i = 0; i < n; i++) v = v * 10 + (p[i] - '0');
    return v;
}

int32_t dy_dict_date(const char *p, size_t n, bool end) {
    int y, m = 0, dd = 0;
    if (n == 4 && all_digits(p, 4)) {
        y = num(p, 4);
    } else if (n == 7 && all_digits(p, 4) && p[4] == '-' && all_digits(p + 5, 2)) {
        y = num(p, 4);
        m = num(p + 5, 2);
    } else if (n == 10 && all_digits(p, 4) && p[4] == '-' && all_digits(p + 5, 2) &&
               p[7] == '-' && all_digits(p + 8, 2)) {
        y = num(p, 4);
        m = num(p + 5, 2);
        dd = num(p + 8, 2);
    } else {
        return -1;
    }
    if (y < 1000 || (n >= 7 && (m < 1 || m > 12))) return -1;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (n == 10) {
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        int md = mdays[m - 1] - (m == 2 && !leap ? 1 : 0);
        if (dd < 1 || dd > md) return -1;
        if (!end) return y * 10000 + m * 100 + dd;
        /* the day after: exact day is inclusive for TO as written, but the
         * stored range is half-open on TO only when TO is a full date (the
         * successor takes over that day), so a full TO stays as it is. */
        return y * 10000 + m * 100 + dd;
    }
    if (n == 7) {
        if (!end) return y * 10000 + m * 100 + 1;
        return m == 12 ? (y + 1) * 10000 + 101 : y * 10000 + (m + 1) * 100 + 1;
    }
    return end ? (y + 1) * 10000 + 101 : y * 10000 + 101;
}

bool dy_dict_code_ok(const char *p, size_t n) {
    if (n < 3 || n > 21 || n % 3) return false;
    for (size_t i = 0; i < n; i++)
        if (!((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9'))) return false;
    return true;
}

/* MARK: - parser */

typedef struct pctx {
    dy_dict *d;
    const char *file;
    unsigned line;
    dy_dict_diag diag;
    void *ud;
    size_t *nerr;
    bool bad;
} pctx;

static void perr(pctx *c, int sev, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void perr(pctx *c, int sev, const char *fmt, ...) {
    if (sev == 0) {
        c->bad = true;
        if (c->nerr) (*c->nerr)++;
    }
    if (!c->diag) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->diag(c->ud, c->file, c->line, sev, msg);
}

static dy_str trim(const char *p, size_t n) { return dy_str_trim((dy_str){p, n}); }

/* Next ';'-separated item of s starting at *pos; false at the end. */
static bool next_item(dy_str s, size_t *pos, dy_str *item) {
    if (*pos > s.n) return false;
    size_t b = *pos, e = b;
    while (e < s.n && s.p[e] != ';') e++;
    *item = trim(s.p + b, e - b);
    *pos = e + 1;
    return true;
}

static bool add_alias(dy_dict *d, const char *s, size_t n, uint32_t entry, uint8_t implicit) {
    if (!grow(d, (void **)&d->aliases, &d->capaliases, d->naliases, sizeof *d->aliases)) return false;
    const char *q = pool_str(d, s, n);
    if (!q) return false;
    d->aliases[d->naliases++] = (dy_dict_alias){q, (uint32_t)n, entry, implicit};
    return true;
}

static void parse_line(pctx *c, const char *p, size_t n) {
    dy_dict *d = c->d;
    dy_str f[5];
    int nf = 0;
    size_t b = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || p[i] == '|') {
            if (nf < 5) f[nf] = trim(p + b, i - b);
            nf++;
            b = i + 1;
        }
    }
    if (nf < 3 || nf > 4) {
        perr(c, 0, "expected 4 fields 'NAME | ALIASES | CODES | ATTRS', found %d", nf);
        return;
    }
    if (nf == 3) f[3] = (dy_str){"", 0};
    if (f[0].n == 0) { perr(c, 0, "empty NAME"); return; }
    if (f[2].n == 0) { perr(c, 0, "'%.*s' has no code", (int)f[0].n, f[0].p); return; }

    dy_dict_entry e;
    memset(&e, 0, sizeof e);
    e.type = 255;
    e.file = c->file;
    e.line = c->line;
    e.code0 = (uint32_t)d->ncodes;
    c->bad = false;

    /* codes */
    size_t pos = 0;
    dy_str it;
    int ndefault = 0;
    while (next_item(f[2], &pos, &it)) {
        if (!it.n) continue;
        size_t k = 0;
        while (k < it.n && it.p[k] != ' ' && it.p[k] != '\t') k++;
        if (!dy_dict_code_ok(it.p, k)) {
            perr(c, 0, "bad code '%.*s' (uppercase letters/digits in groups of three)", (int)k, it.p);
            continue;
        }
        dy_dict_code dc;
        memset(&dc, 0, sizeof dc);
        memcpy(dc.code, it.p, k);
        dc.from = DY_DATE_OPEN_FROM;
        dc.to = DY_DATE_OPEN_TO;
        dy_str r = trim(it.p + k, it.n - k);
        if (r.n) {
            size_t dots = 0;
            while (dots + 1 < r.n && !(r.p[dots] == '.' && r.p[dots + 1] == '.')) dots++;
            if (dots + 1 >= r.n) {
                perr(c, 0, "bad date range '%.*s' (FROM..TO)", (int)r.n, r.p);
                continue;
            }
            dy_str a = trim(r.p, dots), z = trim(r.p + dots + 2, r.n - dots - 2);
            dc.ranged = 1;
            if (a.n) {
                dc.from = dy_dict_date(a.p, a.n, false);
                if (dc.from < 0) { perr(c, 0, "bad date '%.*s'", (int)a.n, a.p); continue; }
            }
            if (z.n) {
                dc.to = dy_dict_date(z.p, z.n, true);
                if (dc.to < 0) { perr(c, 0, "bad date '%.*s'", (int)z.n, z.p); continue; }
            }
            if (!a.n && !z.n) { perr(c, 0, "range '..' open on both sides"); continue; }
            if (dc.from >= dc.to) {
                perr(c, 0, "empty date range '%.*s'", (int)r.n, r.p);
                continue;
            }
        } else {
            ndefault++;
        }
        if (!grow(d, (void **)&d->codes, &d->capcodes, d->ncodes, sizeof *d->codes)) return;
        d->codes[d->ncodes++] = dc;
    }
    e.ncode = (uint32_t)(d->ncodes - e.code0);
    if (ndefault > 1) perr(c, 0, "%d codes without a date range (at most one default)", ndefault);
    for (uint32_t i = 0; i < e.ncode; i++)
        for (uint32_t j = i + 1; j < e.ncode; j++) {
            const dy_dict_code *x = &d->codes[e.code0 + i], *y = &d->codes[e.code0 + j];
            if (!x->ranged || !y->ranged) continue;
            if (x->from < y->to && y->from < x->to)
                perr(c, 0, "overlapping date ranges for %s and %s", x->code, y->code);
        }
    if (e.ncode == 0 && !c->bad) perr(c, 0, "no valid code");

    /* attributes */
    pos = 0;
    while (next_item(f[3], &pos, &it)) {
        if (!it.n) continue;
        size_t eq = 0;
        while (eq < it.n && it.p[eq] != '=') eq++;
        if (eq == it.n) { perr(c, 0, "attribute '%.*s' is not key=value", (int)it.n, it.p); continue; }
        dy_str k = trim(it.p, eq), v = trim(it.p + eq + 1, it.n - eq - 1);
        if (dy_str_eqc(k, "type")) {
            static const char *const tn[] = {"state", "person", "group", "org", "agent", "place"};
            for (int t = 0; t < 6; t++)
                if (dy_str_eqc(v, tn[t])) e.type = (uint8_t)t;
            if (e.type == 255)
                perr(c, 0, "bad type '%.*s' (person, state, group, org, agent or place)", (int)v.n, v.p);
        } else if (dy_str_eqc(k, "country")) {
            if (v.n != 3 || !dy_dict_code_ok(v.p, 3))
                perr(c, 0, "bad country '%.*s' (ISO 3166 alpha-3, uppercase)", (int)v.n, v.p);
            else memcpy(e.country, v.p, 3);
        } else if (dy_str_eqc(k, "plural") || dy_str_eqc(k, "capital") || dy_str_eqc(k, "person")) {
            if (!dy_str_eqc(v, "0") && !dy_str_eqc(v, "1"))
                perr(c, 0, "%.*s takes 0 or 1", (int)k.n, k.p);
            uint8_t bit = v.n && v.p[0] == '1';
            if (k.p[1] == 'l') e.plural = bit;
            else if (k.p[1] == 'a') e.capital = bit;
            else e.person = (uint8_t)(bit ? 1 : 2); /* 2 = said "not a person" */
        } else if (dy_str_eqc(k, "gender")) {
            if (dy_str_eqc(v, "m") || dy_str_eqc(v, "f")) e.gender = (uint8_t)v.p[0];
            else perr(c, 0, "gender takes m or f");
        } else if (dy_str_eqc(k, "note") || dy_str_eqc(k, "source") || dy_str_eqc(k, "role") ||
                   dy_str_eqc(k, "title")) {
            /* free text */
        } else {
            perr(c, 1, "unknown attribute '%.*s'", (int)k.n, k.p);
        }
    }
    if (e.type == 255) {
        if (!c->bad) perr(c, 1, "no type= (taken as group)");
        e.type = DY_DT_GROUP;
    }
    if (c->bad) {
        d->ncodes = e.code0; /* drop the entry */
        return;
    }
    e.name = pool_str(d, f[0].p, f[0].n);
    if (!e.name || !grow(d, (void **)&d->e, &d->cap, d->n, sizeof *d->e)) return;
    uint32_t idx = (uint32_t)d->n;
    d->e[d->n++] = e;
    add_alias(d, f[0].p, f[0].n, idx, 0);
    pos = 0;
    while (next_item(f[1], &pos, &it))
        if (it.n) add_alias(d, it.p, it.n, idx, 0);
}

dyad_status dy_dict_parse(dy_dict *d, const char *file, const char *text, size_t n,
                          dy_dict_diag diag, void *ud, size_t *nerr) {
    pctx c = {d, file ? file : "<dict>", 0, diag, ud, nerr, false};
    size_t i = 0;
    if (n >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) i = 3; /* BOM */
    while (i < n && !d->oom) {
        size_t b = i;
        while (i < n && text[i] != '\n') i++;
        c.line++;
        dy_str l = trim(text + b, i - b);
        i++;
        if (!l.n || l.p[0] == '#') continue;
        if (memchr(l.p, 0, l.n)) {
            perr(&c, 0, "NUL byte in line");
            continue;
        }
        parse_line(&c, l.p, l.n);
    }
    return d->oom ? DYAD_ENOMEM : DYAD_OK;
}

/* MARK: - compiled table */

static dy_dict_slot *slot_find(const dy_dict *d, const char *k, size_t n, uint64_t h) {
    size_t mask = d->nslots - 1, i = (size_t)h & mask;
    for (;;) {
        dy_dict_slot *s = &d->slots[i];
        if (!s->k || (s->h == h && s->kn == n && !memcmp(s->k, k, n))) return s;
        i = (i + 1) & mask;
    }
}

static bool table_grow(dy_dict *d) {
    size_t nn = d->nslots ? d->nslots * 2 : 1024;
    dy_dict_slot *ns = dy_malloc(&d->alloc, dy_mul(nn, sizeof *ns));
    if (!ns) { d->oom = true; return false; }
    memset(ns, 0, nn * sizeof *ns);
    dy_dict_slot *old = d->slots;
    size_t on = d->nslots;
    d->slots = ns;
    d->nslots = nn;
    for (size_t i = 0; i < on; i++)
        if (old[i].k) *slot_find(d, old[i].k, old[i].kn, old[i].h) = old[i];
    dy_free(&d->alloc, old);
    return true;
}

static dy_dict_slot *slot_add(dy_dict *d, const char *k, size_t n) {
    if ((d->used + 1) * 4 >= d->nslots * 3 && !table_grow(d)) return NULL;
    uint64_t h = dy_hash(k, n);
    dy_dict_slot *s = slot_find(d, k, n, h);
    if (!s->k) {
        const char *q = pool_str(d, k, n);
        if (!q) return NULL;
        *s = (dy_dict_slot){h, q, (uint32_t)n, -1};
        d->used++;
    }
    return s;
}

static int cmp_c3(const void *a, const void *b) { return memcmp(a, b, 4); }

/* by code, then file order */
static int cmp_country(const void *a, const void *b) {
    const dy_dict_country *x = a, *y = b;
    int c = memcmp(x->code, y->code, 4);
    return c ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

static const dy_dict_country *country_find(const dy_dict *d, const char *code3) {
    char k[4] = {code3[0], code3[1], code3[2], 0};
    return d->ncountries ? bsearch(k, d->countries, d->ncountries, sizeof *d->countries, cmp_c3) : NULL;
}

bool dy_dict_is_country(const dy_dict *d, const char *code3) { return country_find(d, code3) != NULL; }

const char *dy_dict_country_name(const dy_dict *d, const char *code3) {
    const dy_dict_country *c = country_find(d, code3);
    return c ? d->e[c->entry].name : NULL;
}

static const dy_dict_code *default_code(const dy_dict *d, const dy_dict_entry *e) {
    for (uint32_t i = 0; i < e->ncode; i++)
        if (!d->codes[e->code0 + i].ranged) return &d->codes[e->code0 + i];
    return NULL;
}

#define KEYMAX 512

/* Build the key of an alias; false when it has no words or is too long. */
static bool alias_key(const char *s, size_t n, char *key, size_t *kn, size_t *ends, int *nw,
                      uint64_t *mask) {
    dy_word_span w[40];
    size_t k = dy_dict_split(s, n, w, 40);
    if (k == 0 || k > 40) return false;
    size_t o = 0;
    *mask = 0;
    for (size_t i = 0; i < k; i++) {
        char buf[80];
        int cs = 0;
        size_t l = w[i].punct ? (w[i].len < sizeof buf ? w[i].len : 0)
                              : dy_dict_norm_word(s + w[i].off, w[i].len, buf, sizeof buf, &cs);
        if (w[i].punct) memcpy(buf, s + w[i].off, l);
        if (w[i].poss) { memcpy(buf, "'s", 2); l = 2; }
        if (l == 0) return false;
        if (o + l + 1 >= KEYMAX) return false;
        if (i) key[o++] = ' ';
        memcpy(key + o, buf, l);
        o += l;
        ends[i] = o;
        /* acronyms of up to 3 letters must be written in capitals ("US", "UN"
         * but not "us", "un"); longer ones only capitalised ("Nato") */
        int need = cs == 2 ? (l <= 3 ? 2 : 1) : cs == 3 ? 3 : cs == 1 ? 1 : 0;
        if (i < 32) *mask |= (uint64_t)need << (2 * i);
    }
    *kn = o;
    *nw = (int)k;
    return true;
}

static bool add_key(dy_dict *d, const char *s, size_t n, uint32_t entry, uint8_t implicit) {
    char key[KEYMAX];
    size_t ends[40], kn;
    int nw;
    uint64_t mask;
    if (!alias_key(s, n, key, &kn, ends, &nw, &mask)) return true; /* nothing to add */
    for (int i = 0; i + 1 < nw; i++)
        if (!slot_add(d, key, ends[i])) return false;
    dy_dict_slot *sl = slot_add(d, key, kn);
    if (!sl) return false;
    /* append, keeping dictionary order; skip a repeat of the same entry */
    int32_t *link = &sl->val;
    while (*link >= 0) {
        dy_dict_val *v = &d->vals[*link];
        if (v->entry == entry && v->casemask == mask) return true;
        link = &v->next;
    }
    if (!grow(d, (void **)&d->vals, &d->capvals, d->nvals, sizeof *d->vals)) return false;
    /* the slot pointer stays valid: vals and slots are distinct arrays */
    d->vals[d->nvals] = (dy_dict_val){entry, -1, mask, (uint8_t)(nw > 255 ? 255 : nw), implicit};
    *link = (int32_t)d->nvals++;
    return true;
}

/* Words that end a person's name but are not the surname. */
static bool name_suffix(const char *p, size_t n) {
    static const char *const sx[] = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", NULL};
    for (int i = 0; sx[i]; i++)
        if (strlen(sx[i]) == n && dy_str_ieq((dy_str){p, n}, dy_str_c(sx[i]))) return true;
    return false;
}

/* The last word of words that institutions, not people, end with. */
static bool body_word(const char *w) {
    static const char *const bw[] = {
        "government", "governments", "army", "armies", "military", "police", "parliament",
        "ministry", "court", "navy", "force", "forces", "administration", "regime", "cabinet",
        "council", "opposition", "media", "press", "authorities", "authority", "junta",
        "legislature", "assembly", "congress", "senate", "committee", "agency", "service",
        "services", "guard", "command", "office", "department", "embassy", "mission",
        "coalition", "party", "movement", "group", "militia", "militias", "troops", "people",
        "public", "population", "community", NULL};
    for (int i = 0; bw[i]; i++)
        if (!strcmp(bw[i], w)) return true;
    return false;
}

/* Countries whose names are written family name first in English. */
static bool family_first(const char *c3) {
    static const char *const cc[] = {"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "VNM", "KHM", "MNG", NULL};
    for (int i = 0; cc[i]; i++)
        if (!strcmp(cc[i], c3)) return true;
    return false;
}

/* Surnames too common (or too much like ordinary words) to stand alone. */
static bool common_surname(const char *p, size_t n) {
    static const char *const cs[] = {
        "khan", "singh", "kumar", "sharma", "ali", "ahmed", "ahmad", "mohammed", "muhammad",
        "mohamed", "hassan", "hussein", "hussain", "ibrahim", "abdullah", "rahman", "hasan",
        "johnson", "smith", "brown", "jones", "williams", "miller", "davis", "wilson", "taylor",
        "thomas", "moore", "white", "martin", "clark", "lewis", "walker", "hall", "young", "king",
        "wright", "green", "baker", "adams", "nelson", "hill", "scott", "allen", "carter",
        "lee", "kim", "park", "wang", "zhang", "chen", "liu", "nguyen", "tran", "garcia",
        "rodriguez", "martinez", "lopez", "gonzalez", "perez", "sanchez", "fernandez", "silva",
        "santos", "rossi", "muller", "schmidt", "rice", "gates", "price", "may", "long",
        "rich", "little", "power", "graham", "reid", "cook", "wood", "fox", "bell", "ward",
        "rose", "love", "joy", "hope", "grant", "page", "chance",
        "abe",
        /* given names more often than surnames: "Hamid Arabnejad", "Sahra Abdi
         * Ahmed", "Richard Grenell" are not Abdul Hamid, Muse Bihi Abdi or
         * Alain Richard */
        "richard", "hamid", "abdi", "abdullahi", "yusuf", "omar", "george", "henry",
        "rashid", "hamad", "sultan", "ismail", NULL};
    for (int i = 0; cs[i]; i++)
        if (strlen(cs[i]) == n && dy_str_ieq((dy_str){p, n}, dy_str_c(cs[i]))) return true;
    return false;
}

dyad_status dy_dict_compile(dy_dict *d) {
    /* countries: from state entries */
    dy_free(&d->alloc, d->countries);
    d->countries = dy_malloc(&d->alloc, dy_mul(d->n + 1, sizeof *d->countries));
    if (!d->countries) return DYAD_ENOMEM;
    d->ncountries = 0;
    for (size_t i = 0; i < d->n; i++) {
        dy_dict_entry *e = &d->e[i];
        if (e->type != DY_DT_STATE || e->capital) continue;
        const dy_dict_code *dc = default_code(d, e);
        if (!dc && e->ncode) dc = &d->codes[e->code0];
        const char *c3 = e->country[0] ? e->country : (dc && strlen(dc->code) == 3 ? dc->code : NULL);
        if (!c3) continue;
        dy_dict_country *c = &d->countries[d->ncountries++];
        memcpy(c->code, c3, 3);
        c->code[3] = 0;
        c->entry = (uint32_t)i;
    }
    qsort(d->countries, d->ncountries, sizeof *d->countries, cmp_country);
    size_t u = 0;
    for (size_t i = 0; i < d->ncountries; i++)
        if (!u || memcmp(d->countries[u - 1].code, d->countries[i].code, 4)) d->countries[u++] = d->countries[i];
    d->ncountries = u;

    for (size_t i = 0; i < d->n; i++) {
        dy_dict_entry *e = &d->e[i];
        if (!e->country[0] && e->type != DY_DT_AGENT && e->ncode) {
            const dy_dict_code *dc = default_code(d, e);
            if (!dc) dc = &d->codes[e->code0];
            if (strlen(dc->code) >= 3 && dy_dict_is_country(d, dc->code)) memcpy(e->country, dc->code, 3);
        }
        if (e->country[0]) snprintf(e->eli, sizeof e->eli, "%.3sELI", e->country);
        if (e->type == DY_DT_AGENT && e->person == 0) {
            /* a singular agent names one person unless its head is a body */
            char key[KEYMAX];
            size_t ends[40], kn;
            int nw;
            uint64_t mask;
            e->person = 2;
            if (!e->plural && alias_key(e->name, strlen(e->name), key, &kn, ends, &nw, &mask)) {
                const char *last = key + (nw > 1 ? ends[nw - 2] + 1 : 0);
                if (!body_word(last)) e->person = 1;
            }
        }
    }

    for (size_t i = 0; i < d->naliases; i++)
        if (!add_key(d, d->aliases[i].s, d->aliases[i].n, d->aliases[i].entry, d->aliases[i].implicit))
            return DYAD_ENOMEM;
    /* Surnames of people ("Putin" for "Vladimir Putin"), below written
     * aliases; a surname two people share names both (the one in office
     * wins).  A common name or word ("Khan", "Johnson", "May") alone would
     * tag strangers: its key is marked, and the actor pass takes it only
     * after a title that fits ("Prime Minister Johnson") or once the
     * document has named the person.  Names written family name first
     * (Chinese, Korean, Vietnamese) get none: their aliases are written out. */
    for (size_t i = 0; i < d->n; i++) {
        const dy_dict_entry *e = &d->e[i];
        if (e->type != DY_DT_PERSON || family_first(e->country)) continue;
        dy_word_span w[40];
        size_t k = dy_dict_split(e->name, strlen(e->name), w, 40);
        if (k < 2 || k > 40) continue;
        size_t last = k - 1;
        while (last > 0 && (w[last].punct || name_suffix(e->name + w[last].off, w[last].len))) last--;
        if (last == 0 || w[last].len < 3) continue;
        uint8_t kind = common_surname(e->name + w[last].off, w[last].len) ? DY_SURNAME_COMMON : DY_SURNAME;
        if (!add_key(d, e->name + w[last].off, w[last].len, (uint32_t)i, kind)) return DYAD_ENOMEM;
    }
    return d->oom ? DYAD_ENOMEM : DYAD_OK;
}

int dy_dict_lookup(const dy_dict *d, const char *key, size_t n, dy_dict_hit *hits, int max) {
    if (!d->nslots) return -1;
    dy_dict_slot *s = slot_find(d, key, n, dy_hash(key, n));
    if (!s->k) return -1;
    int k = 0;
    for (int32_t v = s->val; v >= 0; v = d->vals[v].next) {
        if (k < max)
            hits[k] = (dy_dict_hit){d->vals[v].entry, d->vals[v].nwords, d->vals[v].implicit,
                                    d->vals[v].casemask};
        k++;
    }
    return k < max ? k : max;
}

bool dy_dict_active(const dy_dict *d, const dy_dict_entry *e, int32_t date) {
    if (date <= 0) return false;
    for (uint32_t i = 0; i < e->ncode; i++) {
        const dy_dict_code *c = &d->codes[e->code0 + i];
        if (c->ranged && c->from <= date && date < c->to) return true;
    }
    return false;
}

const char *dy_dict_code_at(const dy_dict *d, const dy_dict_entry *e, int32_t date) {
    const dy_dict_code *latest = NULL;
    for (uint32_t i = 0; i < e->ncode; i++) {
        const dy_dict_code *c = &d->codes[e->code0 + i];
        if (!c->ranged) continue;
        if (date > 0 && c->from <= date && date < c->to) return c->code;
        if (!latest || c->from > latest->from) latest = c;
    }
    /* no date: the role held now (an open range) is the best guess for news */
    if (date <= 0 && latest && latest->to == DY_DATE_OPEN_TO) return latest->code;
    const dy_dict_code *dc = default_code(d, e);
    if (dc) return dc->code;
    if (date > 0 && e->type == DY_DT_PERSON && e->eli[0]) return e->eli;
    return latest ? latest->code : "";
}

/* MARK: - checks across entries */

void dy_dict_check(const dy_dict *d, dy_dict_diag diag, void *ud, size_t *nerr, size_t *nwarn) {
    if (!d->nslots) return;
    for (size_t i = 0; i < d->nslots; i++) {
        const dy_dict_slot *s = &d->slots[i];
        if (!s->k || s->val < 0) continue;
        /* each later entry is compared with the first written one only, so a
         * key shared by many entries costs linear time */
        for (int32_t a = s->val; a >= 0; a = -1) {
            while (a >= 0 && d->vals[a].implicit) a = d->vals[a].next;
            if (a < 0) break;
            for (int32_t b = d->vals[a].next; b >= 0; b = d->vals[b].next) {
                if (d->vals[b].implicit || d->vals[b].entry == d->vals[a].entry) continue;
                const dy_dict_entry *x = &d->e[d->vals[a].entry], *y = &d->e[d->vals[b].entry];
                char msg[700];
                bool same_name = dy_str_ieq(dy_str_c(x->name), dy_str_c(y->name));
                if (same_name && x->type == y->type) {
                    snprintf(msg, sizeof msg, "duplicate entry '%s' (also at %s:%u)", y->name, x->file, x->line);
                    if (nerr) (*nerr)++;
                    if (diag) diag(ud, y->file, y->line, 0, msg);
                } else {
                    snprintf(msg, sizeof msg, "'%s' names both '%s' and '%s' (%s:%u)", s->k, y->name,
                             x->name, x->file, x->line);
                    if (nwarn) (*nwarn)++;
                    if (diag) diag(ud, y->file, y->line, 1, msg);
                }
            }
        }
    }
}
