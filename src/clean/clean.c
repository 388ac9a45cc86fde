/*
 * clean.c — article cleaning.
 *
 *   1. normalise doc->raw into a work buffer w with a byte map to raw:
 *      NFC, odd spaces → ' ', soft hyphens / zero-width / bidi marks and
 *      control characters removed, CRLF → LF, runs of spaces collapsed;
 *   2. cut w into units (paragraphs): blank lines always separate; a single
 *      line break separates too unless the line looks soft-wrapped (long and
 *      without final punctuation), then it becomes a space;
 *   3. the rules of data/clean/rules.txt (drop / strip-prefix / strip-suffix
 *      / tail / dateline, PCRE2 patterns, see docs/cleaning.md);
 *   4. built-in structural checks: a repeated paragraph is kept once, a body
 *      paragraph repeating a figure caption is dropped, a pull quote (short
 *      paragraph whose words stand inside another paragraph) is dropped, a
 *      paragraph without letters or digits is dropped;
 *   5. the dateline of the first paragraph is cut off and kept as metadata;
 *   6. the kept units are joined by "\n\n" into doc->text with doc->map.
 *
 * map[i] is the raw offset of the character text byte i comes from; the
 * "\n\n" between paragraphs maps to the raw end of the paragraph before it,
 * and map[text.n] is the raw end of the last kept paragraph, so for any
 * text span [cs, ce) the raw span is [map[cs], map[ce]).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "clean.h"

#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

/* MARK: - rules */

enum rule_kind { RK_DROP, RK_PREFIX, RK_SUFFIX, RK_TAIL, RK_DATELINE, RK_FURNITURE, RK_COUNT };
static const char *const kind_names[RK_COUNT] = {"drop", "strip-prefix", "strip-suffix", "tail",
                                                 "dateline", "furniture"};
static const char *const kind_why[RK_COUNT] = {
    "paragraph matches the rule", "leading text matches the rule",
    "trailing text matches the rule", "promo block: this paragraph and all after it",
    "dateline; the place is kept as metadata",
    "page furniture beside the article's prose"};

typedef struct rule {
    char id[64];
    int kind;
    pcre2_code *re;
} crule;

struct dy_clean_rules {
    crule *r;
    size_t n;
    uint32_t max_groups;
};

static void *pc_malloc(size_t n, void *ud) { return dy_malloc(ud, n); }
static void pc_free(void *p, void *ud) { dy_free(ud, p); }

void dy_clean_rules_free(const dyad_allocator *a, dy_clean_rules *r) {
    if (!r) return;
    for (size_t i = 0; i < r->n; i++) pcre2_code_free(r->r[i].re);
    dy_free(a, r->r);
    dy_free(a, r);
}

static dyad_status load_fail(const dyad_allocator *a, dy_clean_rules *r, dyad_error *err,
                             char *text, dyad_status st) {
    dy_free(a, text);
    dy_clean_rules_free(a, r);
    return st;
}

dyad_status dy_clean_rules_load(const dyad_allocator *a, const char *path, dy_clean_rules **out,
                                dyad_error *err) {
    *out = NULL;
    char *text = NULL;
    size_t n = 0;
    dyad_status st = dy_read_file(a, path, &text, &n);
    if (st != DYAD_OK)
        return dy_err(err, st == DYAD_ENOMEM ? DYAD_ENOMEM : DYAD_EMODEL, "%s: cannot read: %s",
                      path, st == DYAD_ENOMEM ? "out of memory" : "missing or unreadable");
    dy_clean_rules *r = dy_malloc(a, sizeof *r);
    if (!r) return load_fail(a, NULL, err, text, dy_err(err, DYAD_ENOMEM, "out of memory"));
    memset(r, 0, sizeof *r);
    size_t cap = 0, lineno = 0;
    pcre2_general_context *gc = pcre2_general_context_create(pc_malloc, pc_free, (void *)(uintptr_t)a);
    pcre2_compile_context *cc = gc ? pcre2_compile_context_create(gc) : NULL;
    if (!cc) {
        pcre2_general_context_free(gc);
        return load_fail(a, r, err, text, dy_err(err, DYAD_ENOMEM, "out of memory"));
    }
    char *line = text, *end = text + n;
    st = DYAD_OK;
    while (line < end && st == DYAD_OK) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        char *le = nl ? nl : end;
        char *next = nl ? nl + 1 : end;
        lineno++;
        while (le > line && (le[-1] == '\r' || le[-1] == ' ' || le[-1] == '\t')) le--;
        char *s = line;
        while (s < le && (*s == ' ' || *s == '\t')) s++;
        line = next;
        if (s == le || *s == '#') continue;
        /* id */
        char *id = s;
        while (s < le && *s != ' ' && *s != '\t') s++;
        size_t idn = (size_t)(s - id);
        while (s < le && (*s == ' ' || *s == '\t')) s++;
        char *kd = s;
        while (s < le && *s != ' ' && *s != '\t') s++;
        size_t kn = (size_t)(s - kd);
        while (s < le && (*s == ' ' || *s == '\t')) s++;
        if (kn == 0 || s == le) {
            st = dy_err(err, DYAD_EMODEL, "%s:%zu: want 'ID KIND PATTERN'", path, lineno);
            break;
        }
        if (idn >= sizeof r->r[0].id) {
            st = dy_err(err, DYAD_EMODEL, "%s:%zu: rule id longer than %zu bytes", path, lineno,
                        sizeof r->r[0].id - 1);
            break;
        }
        int kind = -1;
        for (int k = 0; k < RK_COUNT; k++)
            if (strlen(kind_names[k]) == kn && !memcmp(kd, kind_names[k], kn)) kind = k;
        if (kind < 0) {
            st = dy_err(err, DYAD_EMODEL,
                        "%s:%zu: unknown rule kind '%.*s' (drop, strip-prefix, strip-suffix, "
                        "tail, dateline, furniture)",
                        path, lineno, (int)(kn > 40 ? 40 : kn), kd);
            break;
        }
        for (size_t i = 0; i < r->n; i++)
            if (strlen(r->r[i].id) == idn && !memcmp(r->r[i].id, id, idn)) {
                st = dy_err(err, DYAD_EMODEL, "%s:%zu: duplicate rule id '%.*s'", path, lineno,
                            (int)idn, id);
                break;
            }
        if (st != DYAD_OK) break;
        int ecode;
        PCRE2_SIZE eoff;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)s, (PCRE2_SIZE)(le - s),
                                       PCRE2_UTF | PCRE2_UCP, &ecode,
                                       &eoff, cc);
        if (!re) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(ecode, msg, sizeof msg);
            st = dy_err(err, DYAD_EMODEL, "%s:%zu: bad pattern at offset %zu: %s", path, lineno,
                        (size_t)eoff, (const char *)msg);
            break;
        }
        uint32_t groups = 0;
        pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
        if (kind == RK_DATELINE && groups < 1) {
            pcre2_code_free(re);
            st = dy_err(err, DYAD_EMODEL, "%s:%zu: a dateline pattern needs a group for the place",
                        path, lineno);
            break;
        }
        (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* optional speed-up */
        if (r->n == cap) {
            size_t nc = cap ? cap * 2 : 32;
            crule *q = dy_realloc(a, r->r, dy_mul(nc, sizeof *q));
            if (!q) {
                pcre2_code_free(re);
                st = dy_err(err, DYAD_ENOMEM, "out of memory");
                break;
            }
            r->r = q;
            cap = nc;
        }
        crule *ru = &r->r[r->n++];
        memcpy(ru->id, id, idn);
        ru->id[idn] = 0;
        ru->kind = kind;
        ru->re = re;
        if (groups > r->max_groups) r->max_groups = groups;
    }
    pcre2_compile_context_free(cc);
    pcre2_general_context_free(gc);
    if (st != DYAD_OK) return load_fail(a, r, err, text, st);
    dy_free(a, text);
    *out = r;
    return DYAD_OK;
}

/* MARK: - the work buffer */

typedef struct work {
    dy_arena *A;
    char *p;
    uint32_t *map; /* raw offset of the character each byte comes from */
    size_t n, cap;
    bool oom;
    bool pending_space;
    uint32_t space_at;
} work;

static bool w_reserve(work *w, size_t extra) {
    if (w->oom) return false;
    if (w->n + extra <= w->cap) return true;
    size_t nc = w->cap * 2;
    if (nc < w->n + extra) nc = w->n + extra + 64;
    char *p = dy_arena_grow(w->A, w->p, w->cap, nc, 1);
    uint32_t *m = dy_arena_grow(w->A, w->map, w->cap, nc, sizeof *m);
    if (!p || !m) { w->oom = true; return false; }
    w->p = p;
    w->map = m;
    w->cap = nc;
    return true;
}

static void w_raw(work *w, const char *s, size_t n, uint32_t at) {
    if (!w_reserve(w, n + 1)) return;
    memcpy(w->p + w->n, s, n);
    for (size_t i = 0; i < n; i++) w->map[w->n + i] = at;
    w->n += n;
}

/* Emit visible text: a pending space goes first.  seq: byte k maps to
 * at + k (the text is unchanged), else every byte maps to at. */
static void w_put(work *w, const char *s, size_t n, uint32_t at, bool seq) {
    if (w->pending_space) {
        w->pending_space = false;
        w_raw(w, " ", 1, w->space_at);
    }
    size_t o = w->n;
    w_raw(w, s, n, at);
    if (seq && !w->oom)
        for (size_t k = 1; k < n; k++) w->map[o + k] = at + (uint32_t)k;
}

static void w_space(work *w, uint32_t at) {
    if (w->n == 0 || w->p[w->n - 1] == '\n' || w->pending_space) return;
    w->pending_space = true;
    w->space_at = at;
}

static void w_newline(work *w, uint32_t at) {
    w->pending_space = false;
    w_raw(w, "\n", 1, at);
}

/* Characters removed outright: soft hyphen, zero-width, bidi controls, BOM. */
static bool invisible(int32_t c) {
    return c == 0xAD || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x034F;
}

static bool odd_space(int32_t c) {
    return c == '\t' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

static bool joins_cluster(int32_t c) {
    if ((c >= 0x1161 && c <= 0x1175) || (c >= 0x11A8 && c <= 0x11C2)) return true;
    return utf8proc_get_property(c)->combining_class != 0;
}

/* Normalise raw into w. */
static void normalise(work *w, const char *raw, size_t n) {
    const uint8_t *p = (const uint8_t *)raw;
    size_t i = 0;
    while (i < n && !w->oom) {
        uint8_t b = p[i];
        if (b < 0x80) {
            uint32_t at = (uint32_t)i;
            if (b == '\r') {
                if (i + 1 < n && p[i + 1] == '\n') { i++; continue; }
                w_newline(w, at);
                i++;
            } else if (b == '\n') {
                /* strip trailing spaces of the line */
                w_newline(w, at);
                i++;
            } else if (b == ' ' || b == '\t' || b == '\f' || b == '\v') {
                w_space(w, at);
                i++;
            } else if (b < 0x20 || b == 0x7F) {
                i++;
            } else if (i + 1 < n && p[i + 1] >= 0x80) {
                goto cluster; /* maybe a base letter of a combining sequence */
            } else {
                /* a run of plain ASCII */
                size_t j = i + 1;
                while (j < n && p[j] >= 0x20 && p[j] < 0x7F && p[j] != ' ' &&
                       !(j + 1 < n && p[j + 1] >= 0x80))
                    j++;
                w_put(w, raw + i, j - i, at, true);
                i = j;
            }
            continue;
        }
    cluster:;
        int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) { i++; continue; } /* cannot happen: raw is valid */
        uint32_t at = (uint32_t)i;
        if (invisible(c) || (c >= 0x80 && c < 0xA0 && c != 0x85)) { i += (size_t)k; continue; }
        if (c == 0x85 || c == 0x2028) { w_newline(w, at); i += (size_t)k; continue; }
        if (c == 0x2029) { w_newline(w, at); w_newline(w, at); i += (size_t)k; continue; }
        if (odd_space(c)) { w_space(w, at); i += (size_t)k; continue; }
        /* a cluster: this character and the combining ones after it */
        size_t j = i + (size_t)k;
        int count = 1;
        while (j < n && count < 32) {
            int32_t d;
            utf8proc_ssize_t kk = utf8proc_iterate(p + j, (utf8proc_ssize_t)(n - j), &d);
            if (kk <= 0 || !joins_cluster(d)) break;
            j += (size_t)kk;
            count++;
        }
        int32_t buf[160];
        utf8proc_ssize_t m = utf8proc_decompose(p + i, (utf8proc_ssize_t)(j - i), buf, 128,
                                                UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
        if (m > 0 && m <= 128)
            m = utf8proc_normalize_utf32(buf, m, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
        if (m <= 0 || m > 128) {
            w_put(w, raw + i, j - i, at, true); /* too long to normalise: keep as is */
        } else {
            uint8_t enc[4 * 128];
            size_t e = 0;
            for (utf8proc_ssize_t q = 0; q < m; q++) {
                if (invisible(buf[q])) continue;
                e += (size_t)utf8proc_encode_char(buf[q], enc + e);
            }
            /* unchanged text keeps its exact byte offsets */
            if (e) w_put(w, (const char *)enc, e, at, e == j - i && !memcmp(enc, raw + i, e));
        }
        i = j;
    }
}

/* Raw end of the character whose text starts at raw offset r: the character
 * and any combining or invisible characters after it. */
static uint32_t raw_char_end(const dyad_doc *doc, uint32_t r) {
    const uint8_t *p = (const uint8_t *)doc->raw.p;
    size_t n = doc->raw.n, i = r;
    if (i >= n) return (uint32_t)n;
    int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
    i += k > 0 ? (size_t)k : 1;
    while (i < n) {
        k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0 || !(c >= 0x80 && (joins_cluster(c) || invisible(c)))) break;
        i += (size_t)k;
    }
    return (uint32_t)i;
}

/* MARK: - units */

typedef struct unit {
    uint32_t s, e;          /* range in w */
    uint32_t key_s, key_n;  /* normalised key in the key buffer */
    bool dropped;
} unit;

typedef struct cleaner {
    dyad_ctx *ctx;
    dyad_doc *doc;
    const dy_clean_rules *rules;
    work w;
    unit *u;
    size_t nu, ucap;
    dy_drop *drops;
    size_t ndrop, dcap;
    char *keys;
    size_t nkeys;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    bool oom;
} cleaner;

static bool is_space(char c) { return c == ' ' || c == '\n'; }

static void add_unit(cleaner *C, uint32_t s, uint32_t e) {
    while (s < e && is_space(C->w.p[s])) s++;
    while (e > s && is_space(C->w.p[e - 1])) e--;
    if (s == e) return;
    if (C->nu == C->ucap) {
        size_t nc = C->ucap ? C->ucap * 2 : 32;
        unit *q = dy_arena_grow(&C->ctx->arena, C->u, C->ucap, nc, sizeof *q);
        if (!q) { C->oom = true; return; }
        C->u = q;
        C->ucap = nc;
    }
    C->u[C->nu++] = (unit){s, e, 0, 0, false};
}

/* Does the line [s, e) end like a finished sentence or heading? */
static bool line_ends(const char *p, uint32_t s, uint32_t e) {
    if (e - s < 40) return true; /* short lines stand alone */
    const uint8_t *q = (const uint8_t *)p;
    char c = p[e - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == ')' || c == ';')
        return true;
    /* ” ’ … */
    if (e - s >= 3 && q[e - 3] == 0xE2 && q[e - 2] == 0x80 &&
        (q[e - 1] == 0x9D || q[e - 1] == 0x99 || q[e - 1] == 0xA6))
        return true;
    return false;
}

static bool starts_lower(const char *p, uint32_t s, uint32_t e) {
    return s < e && p[s] >= 'a' && p[s] <= 'z';
}

static void split_units(cleaner *C) {
    char *p = C->w.p;
    uint32_t n = (uint32_t)C->w.n, i = 0;
    uint32_t us = 0; /* start of the current unit */
    while (i < n) {
        uint32_t ls = i;
        while (i < n && p[i] != '\n') i++;
        uint32_t le = i;
        if (i >= n) { add_unit(C, us, le); break; }
        /* p[i] == '\n' */
        uint32_t j = i + 1;
        bool blank = j < n && p[j] == '\n';
        if (blank || le == ls) {
            add_unit(C, us, le);
            while (j < n && p[j] == '\n') j++;
            us = i = j;
            continue;
        }
        /* a single line break: soft wrap or paragraph? */
        if (j >= n) { add_unit(C, us, le); break; } /* the text's last line */
        uint32_t ns = j, ne = j;
        while (ne < n && p[ne] != '\n') ne++;
        if (!line_ends(p, ls, le) || starts_lower(p, ns, ne)) {
            p[i] = ' '; /* soft wrap: the newline becomes a space */
            i = j;
            continue;
        }
        add_unit(C, us, le);
        us = i = j;
    }
}

/* MARK: - drops */

static void add_drop(cleaner *C, uint32_t rs, uint32_t re_, const char *rule, const char *why) {
    if (C->ndrop == C->dcap) {
        size_t nc = C->dcap ? C->dcap * 2 : 16;
        dy_drop *q = dy_arena_grow(&C->ctx->arena, C->drops, C->dcap, nc, sizeof *q);
        if (!q) { C->oom = true; return; }
        C->drops = q;
        C->dcap = nc;
    }
    dy_str r = dy_arena_strdup(&C->ctx->arena, rule, strlen(rule));
    dy_str y = dy_arena_strdup(&C->ctx->arena, why, strlen(why));
    if (!r.p || !y.p) { C->oom = true; return; }
    C->drops[C->ndrop++] = (dy_drop){rs, re_ < rs ? rs : re_, r, y};
}

static uint32_t raw_start(const cleaner *C, uint32_t ws) { return C->w.map[ws]; }

static uint32_t raw_end(const cleaner *C, uint32_t ws, uint32_t we) {
    if (we <= ws) return raw_start(C, ws);
    uint32_t k = we - 1;
    while (k > ws && ((uint8_t)C->w.p[k] & 0xC0) == 0x80) k--;
    return raw_char_end(C->doc, C->w.map[k]);
}

static void drop_unit(cleaner *C, size_t i, const char *rule, const char *why) {
    unit *u = &C->u[i];
    u->dropped = true;
    add_drop(C, raw_start(C, u->s), raw_end(C, u->s, u->e), rule, why);
}

/* MARK: - pattern rules */

/* Match crule r on unit text [s, e); returns true and the match span. */
static bool rmatch(cleaner *C, const crule *r, uint32_t s, uint32_t e, uint32_t opts,
                   uint32_t *ms, uint32_t *me) {
    int rc = pcre2_match(r->re, (PCRE2_SPTR)(C->w.p + s), e - s, 0, opts | PCRE2_NO_UTF_CHECK,
                         C->md, C->mc);
    if (rc < 0) return false;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(C->md);
    *ms = s + (uint32_t)ov[0];
    *me = s + (uint32_t)ov[1];
    return true;
}

static void trim_unit(cleaner *C, unit *u) {
    while (u->s < u->e && (is_space(C->w.p[u->s]))) u->s++;
    while (u->e > u->s && (is_space(C->w.p[u->e - 1]))) u->e--;
}

/* A real paragraph: long and ending like a sentence. */
static bool is_prose(const cleaner *C, const unit *u) {
    if (u->e - u->s < 120) return false;
    return line_ends(C->w.p, u->s, u->e);
}

static void apply_rules(cleaner *C) {
    const dy_clean_rules *R = C->rules;
    if (!R) return;
    for (size_t i = 0; i < C->nu && !C->oom; i++) {
        unit *u = &C->u[i];
        for (size_t k = 0; k < R->n && !u->dropped; k++) {
            const crule *r = &R->r[k];
            uint32_t ms, me;
            switch (r->kind) {
            case RK_DROP:
                if (rmatch(C, r, u->s, u->e, 0, &ms, &me)) drop_unit(C, i, r->id, kind_why[RK_DROP]);
                break;
            case RK_PREFIX:
                if (rmatch(C, r, u->s, u->e, PCRE2_ANCHORED, &ms, &me) && me > ms) {
                    add_drop(C, raw_start(C, u->s), raw_start(C, me < u->e ? me : u->e - 1),
                             r->id, kind_why[RK_PREFIX]);
                    if (me >= u->e) { u->dropped = true; break; }
                    u->s = me;
                    trim_unit(C, u);
                }
                break;
            case RK_SUFFIX:
                if (rmatch(C, r, u->s, u->e, 0, &ms, &me) && me == u->e && me > ms) {
                    if (ms <= u->s) { drop_unit(C, i, r->id, kind_why[RK_SUFFIX]); break; }
                    add_drop(C, raw_start(C, ms), raw_end(C, ms, me), r->id, kind_why[RK_SUFFIX]);
                    u->e = ms;
                    trim_unit(C, u);
                    if (u->e == u->s) u->dropped = true;
                }
                break;
            case RK_FURNITURE: {
                /* only beside a real paragraph: a headline or a caption
                 * given alone is the whole document, not furniture */
                if (!rmatch(C, r, u->s, u->e, 0, &ms, &me)) break;
                bool prose = false;
                for (size_t j = 0; j < C->nu && !prose; j++)
                    if (j != i && !C->u[j].dropped && is_prose(C, &C->u[j])) prose = true;
                if (prose) drop_unit(C, i, r->id, kind_why[RK_FURNITURE]);
                break;
            }
            case RK_TAIL: {
                if (i == 0 || !rmatch(C, r, u->s, u->e, 0, &ms, &me)) break;
                /* Only near the end: past the middle, or nothing long after. */
                bool late = false;
                if (!late) {
                    late = true;
                    for (size_t j = i + 1; j < C->nu && late; j++)
                        if (!C->u[j].dropped && is_prose(C, &C->u[j])) late = false;
                }
                if (!late) break;
                uint32_t rs = raw_start(C, u->s), rend = raw_end(C, u->s, u->e);
                for (size_t j = i; j < C->nu; j++) {
                    if (C->u[j].dropped) continue;
                    C->u[j].dropped = true;
                    rend = raw_end(C, C->u[j].s, C->u[j].e);
                }
                add_drop(C, rs, rend, r->id, kind_why[RK_TAIL]);
                break;
            }
            default: break;
            }
        }
    }
}

/* MARK: - duplicates and pull quotes */

/* Key of a text: lowercase letters and digits only (non-ASCII bytes kept),
 * so punctuation, quotes and spacing differences do not matter. */
static void make_key(cleaner *C, const char *s, size_t n, uint32_t *ks, uint32_t *kn) {
    *ks = (uint32_t)C->nkeys;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)) continue;
        if (c >= 0x80) {
            /* skip typographic punctuation: U+2000-U+206F (quotes, dashes) */
            if (c == 0xE2 && i + 2 < n && ((unsigned char)s[i + 1] == 0x80 ||
                                           (unsigned char)s[i + 1] == 0x81)) {
                i += 2;
                continue;
            }
            if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xBB)) {
                i += 1;
                continue;
            }
        }
        C->keys[C->nkeys++] = (char)c;
    }
    *kn = (uint32_t)(C->nkeys - *ks);
}

static size_t count_words(const char *s, size_t n) {
    size_t k = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = s[i] == ' ' || s[i] == '\n';
        if (!sp && !in) k++;
        in = !sp;
    }
    return k;
}

static void dedupe(cleaner *C) {
    size_t total = 0;
    for (size_t i = 0; i < C->nu; i++) total += C->u[i].e - C->u[i].s;
    for (size_t i = 0; i < C->doc->ncaptions; i++) total += C->doc->captions[i].n;
    /* room for every key plus one pull-quote candidate (at most 400 bytes) */
    C->keys = dy_arena_alloc(&C->ctx->arena, total + 512);
    if (!C->keys) { C->oom = true; return; }
    for (size_t i = 0; i < C->nu; i++)
        make_key(C, C->w.p + C->u[i].s, C->u[i].e - C->u[i].s, &C->u[i].key_s, &C->u[i].key_n);
    /* caption keys */
    size_t nc = C->doc->ncaptions;
    uint32_t *cks = nc ? DY_ANEW(&C->ctx->arena, uint32_t, 2 * nc) : NULL;
    if (nc && !cks) { C->oom = true; return; }
    for (size_t i = 0; i < nc; i++)
        make_key(C, C->doc->captions[i].p, C->doc->captions[i].n, &cks[2 * i], &cks[2 * i + 1]);
    /* hash table of kept keys */
    size_t hn = 64;
    while (hn < C->nu * 2) hn *= 2;
    int32_t *ht = dy_arena_alloc(&C->ctx->arena, dy_mul(hn, sizeof *ht));
    if (!ht) { C->oom = true; return; }
    for (size_t i = 0; i < hn; i++) ht[i] = -1;
    size_t kept = 0;
    for (size_t i = 0; i < C->nu && !C->oom; i++) {
        unit *u = &C->u[i];
        if (u->dropped) continue;
        if (u->key_n == 0) { drop_unit(C, i, "junk.nowords", "no letters or digits"); continue; }
        const char *k = C->keys + u->key_s;
        bool cap = false;
        for (size_t c = 0; c < nc && !cap; c++)
            cap = cks[2 * c + 1] == u->key_n && !memcmp(C->keys + cks[2 * c], k, u->key_n);
        if (cap) { drop_unit(C, i, "dup.caption", "repeats a figure caption"); continue; }
        uint64_t h = dy_hash(k, u->key_n);
        size_t slot = (size_t)h & (hn - 1);
        bool dup = false;
        while (ht[slot] >= 0) {
            unit *v = &C->u[ht[slot]];
            if (v->key_n == u->key_n && !memcmp(C->keys + v->key_s, k, u->key_n)) {
                char why[64];
                snprintf(why, sizeof why, "repeats paragraph %d", ht[slot] + 1);
                drop_unit(C, i, "dup.para", why);
                dup = true;
                break;
            }
            slot = (slot + 1) & (hn - 1);
        }
        if (!dup) { ht[slot] = (int32_t)i; kept++; }
    }
    (void)kept;
}

/* Cut an attribution (" — Name", " - Name") off the end of a pull quote. */
static size_t quote_body_len(const char *s, size_t n) {
    for (size_t i = n; i-- > 0;) {
        bool dash = false;
        size_t dl = 0;
        if (s[i] == '-' && i > 0 && s[i - 1] == ' ') { dash = true; dl = 1; }
        else if (i >= 2 && (unsigned char)s[i - 2] == 0xE2 && (unsigned char)s[i - 1] == 0x80 &&
                 ((unsigned char)s[i] == 0x94 || (unsigned char)s[i] == 0x93) && i >= 3 && s[i - 3] == ' ') {
            dash = true;
            dl = 3;
        }
        if (dash) {
            size_t at = i + 1 - dl;
            if (count_words(s + i + 1, n - i - 1) <= 6) return at;
            return n;
        }
        if (n - i > 80) break;
    }
    return n;
}

static bool contains(const char *h, size_t hn, const char *nd, size_t nn) {
    if (nn == 0) return true;
    for (size_t i = 0; i + nn <= hn; i++) {
        const char *q = memchr(h + i, nd[0], hn - nn + 1 - i);
        if (!q) return false;
        i = (size_t)(q - h);
        if (!memcmp(q, nd, nn)) return true;
    }
    return false;
}

static void pull_quotes(cleaner *C) {
    size_t budget = (size_t)64 << 20; /* bytes compared, at most */
    for (size_t i = 0; i < C->nu && !C->oom; i++) {
        unit *u = &C->u[i];
        if (u->dropped) continue;
        size_t len = u->e - u->s;
        if (len > 400 || count_words(C->w.p + u->s, len) < 6) continue; /* see dedupe() */
        size_t bl = quote_body_len(C->w.p + u->s, len);
        uint32_t ks, kn;
        size_t save = C->nkeys;
        make_key(C, C->w.p + u->s, bl, &ks, &kn);
        C->nkeys = save; /* the key stays readable until the next make_key */
        if (kn < 20) continue;
        const char *k = C->keys + ks;
        for (size_t j = 0; j < C->nu; j++) {
            unit *v = &C->u[j];
            if (j == i || v->dropped || v->key_n < kn + 20) continue;
            if (budget < v->key_n) return;
            budget -= v->key_n;
            if (contains(C->keys + v->key_s, v->key_n, k, kn)) {
                char why[64];
                snprintf(why, sizeof why, "pull quote: its words stand in paragraph %zu", j + 1);
                drop_unit(C, i, "pullquote", why);
                break;
            }
        }
    }
}

/* MARK: - dateline */

/* The dateline is looked for at the start of the first three kept
 * paragraphs (a caption or a standfirst may come before it). */
static void dateline(cleaner *C) {
    const dy_clean_rules *R = C->rules;
    if (!R) return;
    size_t tried = 0;
    for (size_t i = 0; i < C->nu && tried < 3; i++) {
        unit *u = &C->u[i];
        if (u->dropped) continue;
        tried++;
        for (size_t k = 0; k < R->n; k++) {
            const crule *r = &R->r[k];
            uint32_t ms, me;
            if (r->kind != RK_DATELINE || !rmatch(C, r, u->s, u->e, PCRE2_ANCHORED, &ms, &me))
                continue;
            if (me >= u->e) continue; /* nothing after it: not a dateline */
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(C->md);
            if (ov[2] == PCRE2_UNSET) continue;
            dy_str place = dy_str_trim((dy_str){C->w.p + u->s + ov[2], ov[3] - ov[2]});
            while (place.n && (place.p[place.n - 1] == ',' || place.p[place.n - 1] == ' '))
                place.n--;
            C->doc->dateline = dy_arena_strdup(&C->ctx->arena, place.p, place.n);
            uint32_t rs = raw_start(C, u->s), re_ = raw_end(C, u->s, me);
            dy_str whole = dy_str_trim((dy_str){C->doc->raw.p + rs, re_ - rs});
            C->doc->dateline_text = dy_arena_strdup(&C->ctx->arena, whole.p, whole.n);
            if (!C->doc->dateline.p || !C->doc->dateline_text.p) { C->oom = true; return; }
            add_drop(C, rs, re_, r->id, kind_why[RK_DATELINE]);
            u->s = me;
            trim_unit(C, u);
            return;
        }
    }
}

/* MARK: - assembly */

static void assemble(cleaner *C) {
    dyad_doc *doc = C->doc;
    dy_arena *A = &C->ctx->arena;
    size_t total = 0, np = 0;
    for (size_t i = 0; i < C->nu; i++)
        if (!C->u[i].dropped) { total += C->u[i].e - C->u[i].s + 2; np++; }
    char *t = dy_arena_alloc(A, total + 1);
    doc->map = dy_arena_alloc(A, dy_mul(total + 1, sizeof *doc->map));
    doc->paras = DY_ANEW(A, dy_para, np ? np : 1);
    if (!t || !doc->map || !doc->paras) { C->oom = true; return; }
    size_t o = 0;
    uint32_t last_end = 0;
    doc->npara = 0;
    for (size_t i = 0; i < C->nu; i++) {
        unit *u = &C->u[i];
        if (u->dropped) continue;
        if (o) {
            t[o] = '\n'; doc->map[o++] = last_end;
            t[o] = '\n'; doc->map[o++] = last_end;
        }
        uint32_t len = u->e - u->s;
        memcpy(t + o, C->w.p + u->s, len);
        memcpy(doc->map + o, C->w.map + u->s, len * sizeof *doc->map);
        uint32_t rs = raw_start(C, u->s);
        last_end = raw_end(C, u->s, u->e);
        doc->paras[doc->npara++] = (dy_para){(uint32_t)o, (uint32_t)(o + len), rs, last_end,
                                             DY_PARA_BODY};
        o += len;
    }
    t[o] = 0;
    doc->map[o] = last_end;
    doc->text = (dy_str){t, o};
}

static int cmp_drop(const void *a, const void *b) {
    const dy_drop *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

dyad_status dy_clean(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    dy_arena *A = &ctx->arena;
    cleaner C;
    memset(&C, 0, sizeof C);
    C.ctx = ctx;
    C.doc = doc;
    C.rules = ctx->model ? ctx->model->clean : NULL;
    C.w.A = A;
    C.w.cap = doc->raw.n + 64;
    C.w.p = dy_arena_alloc(A, C.w.cap);
    C.w.map = dy_arena_alloc(A, dy_mul(C.w.cap, sizeof *C.w.map));
    if (!C.w.p || !C.w.map) return dy_err(err, DYAD_ENOMEM, "out of memory cleaning the document");
    doc->dateline = doc->dateline_text = DY_NULLSTR;
    normalise(&C.w, doc->raw.p, doc->raw.n);
    if (C.w.oom) return dy_err(err, DYAD_ENOMEM, "out of memory cleaning the document");
    split_units(&C);
    pcre2_general_context *gc = NULL;
    if (C.rules) {
        gc = pcre2_general_context_create(pc_malloc, pc_free, (void *)(uintptr_t)A->alloc);
        C.md = gc ? pcre2_match_data_create(C.rules->max_groups + 1, gc) : NULL;
        C.mc = gc ? pcre2_match_context_create(gc) : NULL;
        if (!C.md || !C.mc) C.oom = true;
        else {
            pcre2_set_match_limit(C.mc, 200000);
            pcre2_set_depth_limit(C.mc, 2000);
        }
    }
    if (!C.oom) apply_rules(&C);
    if (!C.oom) dedupe(&C);
    if (!C.oom) pull_quotes(&C);
    if (!C.oom) dateline(&C);
    if (!C.oom) assemble(&C);
    pcre2_match_data_free(C.md);
    pcre2_match_context_free(C.mc);
    pcre2_general_context_free(gc);
    if (C.oom) return dy_err(err, DYAD_ENOMEM, "out of memory cleaning the document");
    if (C.ndrop > 1) qsort(C.drops, C.ndrop, sizeof *C.drops, cmp_drop);
    doc->drops = C.drops;
    doc->ndrop = C.ndrop;
    return DYAD_OK;
}
