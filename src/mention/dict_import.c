/*
 * dict_import.c — TABARI/PETRARCH .actors and .agents → dyad's format.
 *
 * Source forms (TABARI manual ch. 5; PETRARCH keeps them):
 *   NAME_WORDS_ [CODE] [CODE date] ; comment      one-line entry
 *   NAME_WORDS                                     block head, then
 *   +SYNONYM_WORDS_                                 synonyms and
 *   <tab>[CODE yymmdd-yymmdd] / [CODE >date] / [CODE <date] / [CODE]
 *   PHRASE {PLURAL FORMS} [~AGT]                   agents (~ marks where the
 *                                                  country code goes)
 * A line without any code is a TABARI "null actor" (a phrase that blocks a
 * wrong match); dyad has no such thing, so it is counted as skipped.
 * TABARI ranges are inclusive, dyad's TO is exclusive: TO becomes the day
 * after.  Six-digit years: 00-30 are 20xx, 31-99 are 19xx.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dict.h"
#include "dict_import.h"

typedef struct icode {
    char code[24];
    char range[96];
} icode;

typedef struct ientry {
    bool open;
    bool agent;
    dy_buf name;
    dy_buf syn;         /* "; "-joined */
    size_t nsyn;
    icode codes[16];
    size_t ncode;
    size_t line;
} ientry;

typedef struct imacro {
    char name[32];          /* "!MINIST!" */
    char vals[16][48];
    int nval;
} imacro;

typedef struct ictx {
    imacro macros[64];
    int nmacro;
    dy_buf out;
    ientry e;
    dy_import_stats *st;
    const char *fname;
} ictx;

static bool valid_utf8(const char *p, size_t n) {
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) { i++; continue; }
        size_t k = (u[i] & 0xE0) == 0xC0 ? 2 : (u[i] & 0xF0) == 0xE0 ? 3 : (u[i] & 0xF8) == 0xF0 ? 4 : 0;
        if (!k || i + k > n) return false;
        for (size_t j = 1; j < k; j++)
            if ((u[i + j] & 0xC0) != 0x80) return false;
        i += k;
    }
    return true;
}

static const char *const k_small[] = {"of", "the", "and", "for", "in", "on", "to", "a", "an",
                                      "de", "del", "la", "le", "du", "des", "al", "el", "bin",
                                      "ibn", "van", "von", "da", "di", "at", NULL};

/* Append a TABARI phrase ("UN_SECRETARY-GENERAL_BAN_KI-MOON_") as words. */
static void put_phrase(dy_buf *b, const char *p, size_t n, bool agent) {
    while (n && (p[n - 1] == '_' || p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
    while (n && (p[0] == '_' || p[0] == ' ' || p[0] == '\t')) { p++; n--; }
    /* count words: a one-word name of up to 4 letters is an acronym */
    size_t words = 1;
    for (size_t i = 0; i < n; i++)
        if (p[i] == '_' || p[i] == ' ' || p[i] == '\t') words++;
    bool acronym = words == 1 && n <= 4;
    size_t i = 0;
    bool first_word = true;
    while (i < n) {
        if (p[i] == '_' || p[i] == ' ' || p[i] == '\t') {
            while (i < n && (p[i] == '_' || p[i] == ' ' || p[i] == '\t')) i++;
            dy_buf_putc(b, ' ');
            first_word = false;
            continue;
        }
        size_t j = i;
        while (j < n && p[j] != '_' && p[j] != ' ' && p[j] != '\t') j++;
        /* one word [i, j) */
        bool dotted = memchr(p + i, '.', j - i) != NULL;
        bool small = false;
        if (!first_word)
            for (int s = 0; k_small[s]; s++)
                if (strlen(k_small[s]) == j - i && dy_str_ieq((dy_str){p + i, j - i}, dy_str_c(k_small[s])))
                    small = true;
        bool start = true;
        for (size_t k = i; k < j; k++) {
            char c = p[k];
            bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (agent || small) {
                if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
            } else if (!acronym && !dotted && letter) {
                if (start) { if (c >= 'a' && c <= 'z') c = (char)(c - 32); }
                else if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
            }
            if (c == '|' || c == ';') c = ',';
            dy_buf_putc(b, c);
            start = (c == '-' || c == '\'') ? (c == '-') : !letter && !(c >= '0' && c <= '9') ? true : false;
        }
        i = j;
    }
}

static int mdays(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d[m - 1] + (m == 2 && leap ? 1 : 0);
}

/* yymmdd or yyyymmdd → y, m, d (day and month clamped: sources have
 * "20100631"); false when not digits. */
static bool tdate(const char *p, size_t n, int *y, int *m, int *d) {
    if (n != 6 && n != 8) return false;
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return false;
    int v[8];
    for (size_t i = 0; i < n; i++) v[i] = p[i] - '0';
    if (n == 6) {
        int yy = v[0] * 10 + v[1];
        *y = yy <= 30 ? 2000 + yy : 1900 + yy;
        *m = v[2] * 10 + v[3];
        *d = v[4] * 10 + v[5];
    } else if (n == 8) {
        *y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        *m = v[4] * 10 + v[5];
        *d = v[6] * 10 + v[7];
    } else {
        return false;
    }
    if (*m < 1) *m = 1;
    if (*m > 12) *m = 12;
    if (*d < 1) *d = 1;
    if (*d > mdays(*y, *m)) *d = mdays(*y, *m);
    return true;
}

static void fmt_date(char *out, size_t cap, int y, int m, int d, bool next_day) {
    if (next_day) {
        if (++d > mdays(y, m)) {
            d = 1;
            if (++m > 12) { m = 1; y++; }
        }
    }
    snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
}

/* One bracket's content "CODE", "CODE 610101-000101", "CODE >050527". */
static void add_code(ictx *X, const char *p, size_t n) {
    dy_str s = dy_str_trim((dy_str){p, n});
    size_t k = 0;
    while (k < s.n && s.p[k] != ' ' && s.p[k] != '\t') k++;
    dy_str code = {s.p, k};
    dy_str rest = dy_str_trim((dy_str){s.p + k, s.n - k});
    bool agent = false;
    while (code.n && code.p[0] == '~') { code.p++; code.n--; agent = true; }
    while (code.n && code.p[code.n - 1] == '~') { code.n--; agent = true; }
    if (!code.n || code.n >= 24 || X->e.ncode >= 16) return;
    if (agent) X->e.agent = true;
    icode *c = &X->e.codes[X->e.ncode];
    memset(c, 0, sizeof *c);
    memcpy(c->code, code.p, code.n);
    for (char *q = c->code; *q; q++)
        if (*q >= 'a' && *q <= 'z') *q = (char)(*q - 32);
    if (!dy_dict_code_ok(c->code, strlen(c->code))) return;
    if (rest.n) {
        int y, m, d, y2, m2, d2;
        char a[40], b[40];
        if (rest.p[0] == '>' || rest.p[0] == '<') {
            dy_str dt = dy_str_trim((dy_str){rest.p + 1, rest.n - 1});
            if (!tdate(dt.p, dt.n, &y, &m, &d)) return;
            fmt_date(a, sizeof a, y, m, d, rest.p[0] == '<');
            snprintf(c->range, sizeof c->range, rest.p[0] == '>' ? "%s.." : "..%s", a);
        } else {
            const char *dash = memchr(rest.p, '-', rest.n);
            if (!dash) return;
            dy_str d1 = dy_str_trim((dy_str){rest.p, (size_t)(dash - rest.p)});
            dy_str d2s = dy_str_trim((dy_str){dash + 1, rest.n - (size_t)(dash - rest.p) - 1});
            if (!tdate(d1.p, d1.n, &y, &m, &d) || !tdate(d2s.p, d2s.n, &y2, &m2, &d2)) return;
            fmt_date(a, sizeof a, y, m, d, false);
            fmt_date(b, sizeof b, y2, m2, d2, true);
            if (strcmp(a, b) >= 0) return;
            snprintf(c->range, sizeof c->range, "%s..%s", a, b);
        }
    }
    X->e.ncode++;
}

/* Codes in the brackets of p (up to a ';' or '#' outside brackets). */
static void scan_codes(ictx *X, const char *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        if (p[i] == ';' || p[i] == '#') break;
        if (p[i] == '[') {
            size_t j = i + 1;
            while (j < n && p[j] != ']') j++;
            if (j >= n) break;
            add_code(X, p + i + 1, j - i - 1);
            i = j + 1;
            continue;
        }
        i++;
    }
}

static bool is_state_code(const char *c) {
    static const char *const nonstate[] = {"IGO", "NGO", "NGM", "MNC", "IMG", "UIS", "REB", "INS",
                                           "OPP", "GOV", "MIL", "COP", "CVL", "BUS", "MED", NULL};
    if (strlen(c) != 3) return false;
    for (int i = 0; nonstate[i]; i++)
        if (!strcmp(c, nonstate[i])) return false;
    return true;
}

static void flush(ictx *X) {
    ientry *e = &X->e;
    if (!e->open) return;
    e->open = false;
    if (!e->ncode || !e->name.n) {
        X->st->skipped++;
        return;
    }
    dy_buf *o = &X->out;
    dy_buf_putstr(o, (dy_str){e->name.p, e->name.n});
    dy_buf_puts(o, " | ");
    dy_buf_putstr(o, (dy_str){e->syn.p ? e->syn.p : "", e->syn.n});
    dy_buf_puts(o, " | ");
    bool dated = false;
    for (size_t i = 0; i < e->ncode; i++) {
        if (i) dy_buf_puts(o, "; ");
        dy_buf_puts(o, e->codes[i].code);
        if (e->codes[i].range[0]) {
            dy_buf_putc(o, ' ');
            dy_buf_puts(o, e->codes[i].range);
            dated = true;
            X->st->dated++;
        }
        X->st->codes++;
    }
    const char *type = e->agent ? "agent"
                       : dated ? "person"
                       : is_state_code(e->codes[0].code) ? "state"
                       : (!strncmp(e->codes[0].code, "IGO", 3) || !strncmp(e->codes[0].code, "NGO", 3)) ? "org"
                       : "group";
    dy_buf_printf(o, " | type=%s; note=%s:%zu\n", type, X->fname, e->line);
    X->st->entries++;
    X->st->synonyms += e->nsyn;
    if (e->agent) X->st->agents++;
}

/* Regular plural of an agent's last word (TABARI makes these itself). */
static void put_plural(dy_buf *b, const char *s, size_t n) {
    dy_buf_put(b, s, n);
    if (!n) return;
    char c = s[n - 1], c2 = n > 1 ? s[n - 2] : 0;
    if (c == 'y' && c2 && !strchr("aeiou", c2)) { b->n--; dy_buf_puts(b, "ies"); }
    else if (c == 's' || c == 'x' || (c == 'h' && (c2 == 'c' || c2 == 's'))) dy_buf_puts(b, "es");
    else if (n > 3 && !memcmp(s + n - 3, "man", 3)) { b->n -= 2; dy_buf_puts(b, "en"); }
    else dy_buf_putc(b, 's');
}

static void add_syn(ientry *e, const char *p, size_t n, bool agent) {
    if (e->syn.n) dy_buf_puts(&e->syn, "; ");
    put_phrase(&e->syn, p, n, agent);
    e->nsyn++;
}

/* PETRARCH substitution sets: "!MINIST! = MINISTER, MINISTERS, ..." */
static bool read_macro(ictx *X, const char *p, size_t n) {
    if (n < 3 || p[0] != '!') return false;
    const char *e = memchr(p + 1, '!', n - 1);
    if (!e) return false;
    size_t nl = (size_t)(e - p) + 1;
    const char *eq = memchr(e, '=', n - nl);
    if (!eq || nl >= 32 || X->nmacro >= 64) return false;
    imacro *m = &X->macros[X->nmacro];
    memset(m, 0, sizeof *m);
    memcpy(m->name, p, nl);
    const char *q = eq + 1, *end = p + n;
    while (q < end && m->nval < 16) {
        while (q < end && (*q == ' ' || *q == ',')) q++;
        const char *w = q;
        while (q < end && *q != ',') q++;
        dy_str v = dy_str_trim((dy_str){w, (size_t)(q - w)});
        if (v.n && v.n < 48) memcpy(m->vals[m->nval++], v.p, v.n);
    }
    if (m->nval) X->nmacro++;
    return true;
}

/* The macro used in phrase p, or NULL; *at gets its offset. */
static const imacro *find_macro(const ictx *X, const char *p, size_t n, size_t *at) {
    for (int i = 0; i < X->nmacro; i++) {
        size_t l = strlen(X->macros[i].name);
        for (size_t k = 0; k + l <= n; k++)
            if (!memcmp(p + k, X->macros[i].name, l)) { *at = k; return &X->macros[i]; }
    }
    return NULL;
}

/* Phrase p with macro value v in place of the macro at `at` (len ml). */
static size_t expand(char *out, size_t cap, const char *p, size_t n, size_t at, size_t ml, const char *v) {
    size_t vl = strlen(v);
    if (n - ml + vl >= cap) return 0;
    memcpy(out, p, at);
    memcpy(out + at, v, vl);
    memcpy(out + at + vl, p + at + ml, n - at - ml);
    return n - ml + vl;
}

dyad_status dy_dict_import(int format, const char *name, const char *text, size_t n,
                           dyad_sink sink, void *ud, dy_import_stats *stats) {
    (void)format;
    ictx X;
    memset(&X, 0, sizeof X);
    dy_import_stats st0;
    memset(&st0, 0, sizeof st0);
    X.st = stats ? stats : &st0;
    memset(X.st, 0, sizeof *X.st);
    X.fname = name ? name : "-";
    const char *base = strrchr(X.fname, '/');
    if (base) X.fname = base + 1;
    dy_buf_init(&X.out, NULL);
    dy_buf_init(&X.e.name, NULL);
    dy_buf_init(&X.e.syn, NULL);
    /* Latin-1 files become UTF-8 */
    dy_buf conv;
    dy_buf_init(&conv, NULL);
    if (!valid_utf8(text, n)) {
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)text[i];
            if (c < 0x80) dy_buf_putc(&conv, (char)c);
            else {
                dy_buf_putc(&conv, (char)(0xC0 | (c >> 6)));
                dy_buf_putc(&conv, (char)(0x80 | (c & 0x3F)));
            }
        }
        text = conv.p ? conv.p : "";
        n = conv.n;
    }
    dy_buf_printf(&X.out, "# imported by `dyad dict import` from %s; check types and names\n", X.fname);
    size_t i = 0, line = 0;
    while (i < n) {
        size_t b = i;
        while (i < n && text[i] != '\n') i++;
        line++;
        const char *p = text + b;
        size_t len = i - b;
        i++;
        while (len && (p[len - 1] == '\r' || p[len - 1] == ' ' || p[len - 1] == '\t')) len--;
        if (!len) continue;
        if (p[0] == '#') continue;
        if (p[0] == ' ' || p[0] == '\t') {
            size_t k = 0;
            while (k < len && (p[k] == ' ' || p[k] == '\t')) k++;
            if (k < len && p[k] == '[' && X.e.open) scan_codes(&X, p + k, len - k);
            continue;
        }
        if (p[0] == '+') {
            if (!X.e.open) { X.st->skipped++; continue; }
            size_t k = 1, at;
            while (k < len && p[k] != '[' && p[k] != '{' && p[k] != ';' && p[k] != '#' && p[k] != '"') k++;
            const imacro *mac = find_macro(&X, p + 1, k - 1, &at);
            if (mac) {
                char tmp[512];
                for (int v = 0; v < mac->nval; v++) {
                    size_t tn = expand(tmp, sizeof tmp, p + 1, k - 1, at, strlen(mac->name), mac->vals[v]);
                    if (tn) add_syn(&X.e, tmp, tn, X.e.agent);
                }
            } else {
                add_syn(&X.e, p + 1, k - 1, X.e.agent);
            }
            scan_codes(&X, p + k, len - k);
            continue;
        }
        if (p[0] == ';' || p[0] == '<' || p[0] == '=' ) continue; /* comments, options */
        if (p[0] == '!' && read_macro(&X, p, len)) continue;
        flush(&X);
        X.e.open = true;
        X.e.agent = false;
        X.e.ncode = 0;
        X.e.nsyn = 0;
        X.e.line = line;
        dy_buf_clear(&X.e.name);
        dy_buf_clear(&X.e.syn);
        size_t k = 0;
        /* the phrase runs to the first bracket or comment (it may hold spaces) */
        while (k < len && p[k] != '[' && p[k] != '{' && p[k] != ';' && p[k] != '#' && p[k] != '"') k++;
        /* codes first: they say whether this is an agent (lowercase names) */
        scan_codes(&X, p + k, len - k);
        size_t at;
        const imacro *mac = find_macro(&X, p, k, &at);
        if (mac) {
            char tmp[512];
            size_t tn = expand(tmp, sizeof tmp, p, k, at, strlen(mac->name), mac->vals[0]);
            put_phrase(&X.e.name, tmp, tn, X.e.agent);
            for (int v = 1; v < mac->nval; v++) {
                tn = expand(tmp, sizeof tmp, p, k, at, strlen(mac->name), mac->vals[v]);
                if (tn) add_syn(&X.e, tmp, tn, X.e.agent);
            }
        } else {
            put_phrase(&X.e.name, p, k, X.e.agent);
        }
        /* agent plural forms: {PLURAL_ONE PLURAL_TWO}; none given → regular */
        const char *br = memchr(p + k, '{', len - k);
        if (X.e.agent && br) {
            const char *end = memchr(br, '}', len - (size_t)(br - p));
            if (end) {
                const char *q = br + 1;
                while (q < end) {
                    while (q < end && *q == ' ') q++;
                    const char *w = q;
                    while (q < end && *q != ' ') q++;
                    if (q > w) add_syn(&X.e, w, (size_t)(q - w), true);
                }
            }
        } else if (X.e.agent && !mac && X.e.name.n && X.e.name.p[X.e.name.n - 1] != 's') {
            if (X.e.syn.n) dy_buf_puts(&X.e.syn, "; ");
            put_plural(&X.e.syn, X.e.name.p, X.e.name.n);
            X.e.nsyn++;
        }
    }
    flush(&X);
    dyad_status rc = DYAD_OK;
    if (X.out.err || conv.err || X.e.name.err || X.e.syn.err) rc = DYAD_ENOMEM;
    else if (X.out.n && sink(X.out.p, X.out.n, ud) != 0) rc = DYAD_EIO;
    dy_buf_free(&X.out);
    dy_buf_free(&X.e.name);
    dy_buf_free(&X.e.syn);
    dy_buf_free(&conv);
    return rc;
}
