/*
 * times.c — temporal expressions: recognition over the tokens of each
 * sentence and TIMEX3-style normalisation against the publication date.
 *
 * Tokens are first cut into "words": punctuation glued to a token ("Homs,",
 * "Jan.", "(Monday", "year's", "mid-2019") becomes words of its own, so the
 * matcher behaves the same whether the segmenter split it or not.  Matching
 * is a hand-written longest-match at each word: an optional modifier (early,
 * late, mid, the end of, ...) then one core form (dates, months, seasons,
 * years, decades, weekdays, relative expressions).  Underspecified values
 * take their year/day from the publication date using the tense of the
 * clause (past: most recent one on or before; future: next one on or after),
 * and "a week later" / "the next day" count from the previous date in the
 * text.  Values: 2019-01-09, 2019-01, 2019, 2014-SU, 2019-W05, 2019-W05-WE,
 * 2019-Q1, 2019-H1, 198 (decade), 19 (century).  See docs/places.md.
 */
#include <stdio.h>
#include <stdlib.h>

#include "mention.h"
#include "timex.h"

/* MARK: - calendar */

int64_t dy_days_from_civil(int y, int m, int d) {
    /* H. Hinnant's days_from_civil */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void dy_civil_from_days(int64_t z, int *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int month_days(int y, int m) {
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return n[(m - 1) % 12];
}

static bool valid_ymd(int y, int m, int d) {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

static int dig2(const char *p) {
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9') return -1;
    return (p[0] - '0') * 10 + (p[1] - '0');
}

bool dy_timex_parse_date(dy_str s, int *y, int *m, int *d) {
    if (s.n < 10 || s.p[4] != '-' || s.p[7] != '-') return false;
    int a = dig2(s.p), b = dig2(s.p + 2), c = dig2(s.p + 5), e = dig2(s.p + 8);
    if (a < 0 || b < 0 || c < 0 || e < 0) return false;
    *y = a * 100 + b;
    *m = c;
    *d = e;
    return valid_ymd(*y, *m, *d);
}

/* ISO weekday, Monday = 1 .. Sunday = 7 (1970-01-01 was a Thursday). */
static int iso_wday(int64_t days) {
    int64_t w = (days + 3) % 7;
    if (w < 0) w += 7;
    return (int)w + 1;
}

static void iso_week(int64_t days, int *wy, int *wk) {
    int64_t thu = days - (iso_wday(days) - 1) + 3;
    int y, m, d;
    dy_civil_from_days(thu, &y, &m, &d);
    *wy = y;
    *wk = (int)((thu - dy_days_from_civil(y, 1, 1)) / 7) + 1;
}

/* Monday of ISO week wk of year wy. */
static int64_t iso_week_monday(int wy, int wk) {
    int64_t jan4 = dy_days_from_civil(wy, 1, 4);
    return jan4 - (iso_wday(jan4) - 1) + (int64_t)(wk - 1) * 7;
}

size_t dy_timex_cut(dy_str v, char out[11]) {
    out[0] = 0;
    if (v.n < 4) return 0;
    for (int i = 0; i < 4; i++)
        if (v.p[i] < '0' || v.p[i] > '9') return 0;
    int y = dig2(v.p) * 100 + dig2(v.p + 2);
    if (v.n == 4 || v.p[4] != '-') {
        if (v.n > 4 && v.p[4] != 'T') return 0;
        memcpy(out, v.p, 4), out[4] = 0;
        return 4;
    }
    if (v.n >= 7 && dig2(v.p + 5) >= 1 && dig2(v.p + 5) <= 12) {
        int m = dig2(v.p + 5);
        if (v.n >= 10 && v.p[7] == '-' && dig2(v.p + 8) >= 1 && valid_ymd(y, m, dig2(v.p + 8))) {
            memcpy(out, v.p, 10), out[10] = 0;
            return 10;
        }
        memcpy(out, v.p, 7), out[7] = 0;
        return 7;
    }
    if (v.n >= 8 && v.p[5] == 'W' && dig2(v.p + 6) >= 1 && dig2(v.p + 6) <= 53) {
        bool we = v.n >= 11 && v.p[8] == '-' && v.p[9] == 'W' && v.p[10] == 'E';
        int64_t mon = iso_week_monday(y, dig2(v.p + 6));
        int64_t a = we ? mon + 5 : mon, b = mon + 6;
        int y1, m1, d1, y2, m2, d2;
        dy_civil_from_days(a, &y1, &m1, &d1);
        dy_civil_from_days(b, &y2, &m2, &d2);
        if (y1 == y2 && m1 == m2) return (size_t)snprintf(out, 11, "%04d-%02d", y1 % 10000, m1);
        if (y1 == y2) return (size_t)snprintf(out, 11, "%04d", y1 % 10000);
        return 0;
    }
    /* seasons, quarters, halves */
    memcpy(out, v.p, 4), out[4] = 0;
    return 4;
}

/* MARK: - words */

typedef struct tw {
    char s[24];       /* lowercased ASCII form; "" when too long */
    uint8_t n;
    uint8_t punct;    /* punctuation only */
    uint8_t cap;      /* starts with an uppercase letter */
    uint8_t ndig;     /* digits in a numeric word */
    uint8_t ord;      /* 4th, 22nd */
    uint8_t decs;     /* 1980s, '80s */
    uint8_t apos;     /* written with a leading apostrophe: '80s */
    int32_t num;      /* numeric value, or -1 */
    uint32_t tok;     /* token index within the sentence */
    uint32_t cs, ce;  /* clean offsets */
    uint8_t kw;       /* KW_CORE, KW_MOD: word_kw */
} tw;

static bool is_punct_byte(unsigned char c) {
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' ||
           c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* Length of a UTF-8 quote or dash at p (3 bytes), else 0. */
static size_t uni_punct(const char *p, size_t n) {
    if (n >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80) {
        unsigned char c = (unsigned char)p[2];
        if (c == 0x93 || c == 0x94 || c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D) return 3;
    }
    return 0;
}

static void word_set(tw *w, const char *p, uint32_t cs, uint32_t ce, uint32_t tok, bool punct) {
    memset(w, 0, sizeof *w);
    w->cs = cs;
    w->ce = ce;
    w->tok = tok;
    w->num = -1;
    w->punct = punct;
    size_t n = ce - cs;
    if (punct) {
        if (n < sizeof w->s) memcpy(w->s, p, n), w->n = (uint8_t)n;
        return;
    }
    size_t i = 0;
    if (n >= 2 && (p[0] == '\'' || uni_punct(p, n) == 3)) { /* '80s */
        size_t k = p[0] == '\'' ? 1 : 3;
        if (k < n && p[k] >= '0' && p[k] <= '9') w->apos = 1, i = k;
    }
    w->cap = p[i] >= 'A' && p[i] <= 'Z';
    if (n - i >= sizeof w->s) return;
    for (size_t k = i; k < n; k++) {
        char c = p[k];
        w->s[w->n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    size_t d = 0;
    while (d < w->n && w->s[d] >= '0' && w->s[d] <= '9') d++;
    if (d > 0 && d <= 9) {
        const char *rest = w->s + d;
        bool num = rest[0] == 0;
        if (!strcmp(rest, "st") || !strcmp(rest, "nd") || !strcmp(rest, "rd") || !strcmp(rest, "th"))
            w->ord = 1, num = true;
        if (!strcmp(rest, "s")) w->decs = 1, num = true;
        if (num) {
            int32_t v = 0;
            for (size_t k = 0; k < d; k++) v = v * 10 + (w->s[k] - '0');
            w->num = v;
            w->ndig = (uint8_t)d;
        }
    }
}

/* Cut token text [a, b) (clean offsets) into words, appending to ws. */
static size_t split_token(const char *text, uint32_t a, uint32_t b, uint32_t tok, tw *ws, size_t nw,
                          size_t cap) {
#define PUSH(x, y, pu)                                                          \
    do {                                                                        \
        if (nw < cap) word_set(&ws[nw++], text + (x), (x), (y), tok, (pu));     \
    } while (0)
    /* a possessive the segmenter split off ("'s", "’s") stays one word */
    if ((b - a == 2 && text[a] == '\'' && (text[a + 1] | 0x20) == 's') ||
        (b - a == 4 && uni_punct(text + a, 3) == 3 && (text[a + 3] | 0x20) == 's')) {
        PUSH(a, b, 1);
        return nw;
    }
    /* leading punctuation, but keep the apostrophe of '80s */
    while (a < b) {
        size_t u = uni_punct(text + a, b - a);
        bool dig_follows = a + (u ? u : 1) < b && text[a + (u ? u : 1)] >= '0' && text[a + (u ? u : 1)] <= '9';
        if ((u == 3 || text[a] == '\'') && dig_follows) break;
        if (u) { PUSH(a, a + (uint32_t)u, 1); a += (uint32_t)u; continue; }
        if (is_punct_byte((unsigned char)text[a]) || text[a] == '-') { PUSH(a, a + 1, 1); a++; continue; }
        break;
    }
    /* trailing punctuation and possessive 's, pushed after the body */
    uint32_t tail[8], tailn[8];
    int nt = 0;
    while (b > a && nt < 8) {
        if (b - a >= 3 && uni_punct(text + b - 3, 3)) { tail[nt] = b - 3; tailn[nt++] = 3; b -= 3; continue; }
        if (b - a >= 5 && (text[b - 1] == 's' || text[b - 1] == 'S') && uni_punct(text + b - 4, 3) &&
            (unsigned char)text[b - 2] == 0x99) {
            tail[nt] = b - 4; tailn[nt++] = 4; b -= 4; continue;
        }
        if (b - a >= 2 && text[b - 2] == '\'' && (text[b - 1] == 's' || text[b - 1] == 'S') && !(b - a > 2 && text[b - 3] >= '0' && text[b - 3] <= '9')) {
            tail[nt] = b - 2; tailn[nt++] = 2; b -= 2; continue;
        }
        if (is_punct_byte((unsigned char)text[b - 1])) { tail[nt] = b - 1; tailn[nt++] = 1; b--; continue; }
        break;
    }
    /* body, split at hyphens and dashes */
    uint32_t s = a;
    for (uint32_t i = a; i <= b;) {
        size_t u = i < b ? uni_punct(text + i, b - i) : 0;
        bool dash = i < b && (text[i] == '-' || text[i] == '/' || (u == 3 && (unsigned char)text[i + 2] <= 0x94));
        if (i == b || dash) {
            if (i > s) PUSH(s, i, 0);
            if (i == b) break;
            uint32_t len = u == 3 ? 3 : 1;
            PUSH(i, i + len, 1);
            i += len;
            s = i;
        } else {
            i++;
        }
    }
    while (nt > 0) {
        nt--;
        PUSH(tail[nt], tail[nt] + tailn[nt], 1);
    }
#undef PUSH
    return nw;
}

/* MARK: - lexicon */

static bool weq(const tw *w, const char *s) { return !w->punct && !strcmp(w->s, s); }
static bool wpu(const tw *w, char c) { return w->punct && w->n == 1 && w->s[0] == c; }

static int month_of(const tw *w, const tw *next) {
    static const char *const full[12] = {"january", "february", "march", "april", "may", "june",
                                         "july", "august", "september", "october", "november", "december"};
    static const char *const abbr[12] = {"jan", "feb", "mar", "apr", "", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    if (w->punct || !w->cap) return 0;
    for (int i = 0; i < 12; i++)
        if (!strcmp(w->s, full[i])) return i + 1;
    bool dotted = next && wpu(next, '.');
    for (int i = 0; i < 12; i++)
        if (abbr[i][0] && !strcmp(w->s, abbr[i]) && (dotted || (next && next->num >= 0))) return i + 1;
    if (!strcmp(w->s, "sept") && (dotted || (next && next->num >= 0))) return 9;
    return 0;
}

static int weekday_of(const tw *w) {
    static const char *const n[7] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    if (w->punct || !w->cap) return 0;
    for (int i = 0; i < 7; i++)
        if (!strcmp(w->s, n[i])) return i + 1;
    return 0;
}

/* Season index: 0 spring, 1 summer, 2 autumn, 3 winter; -1 none. */
static int season_of(const tw *w) {
    if (weq(w, "spring")) return 0;
    if (weq(w, "summer")) return 1;
    if (weq(w, "autumn") || weq(w, "fall")) return 2;
    if (weq(w, "winter")) return 3;
    return -1;
}

enum { U_NONE, U_DAY, U_WEEK, U_MONTH, U_YEAR, U_DECADE, U_HOUR, U_FORTNIGHT };

static int unit_of(const tw *w, bool *plural) {
    static const struct { const char *s; int u; bool pl; } t[] = {
        {"day", U_DAY, 0}, {"days", U_DAY, 1}, {"week", U_WEEK, 0}, {"weeks", U_WEEK, 1},
        {"month", U_MONTH, 0}, {"months", U_MONTH, 1}, {"year", U_YEAR, 0}, {"years", U_YEAR, 1},
        {"decade", U_DECADE, 0}, {"decades", U_DECADE, 1}, {"hour", U_HOUR, 0}, {"hours", U_HOUR, 1},
        {"fortnight", U_FORTNIGHT, 0}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (weq(w, t[i].s)) {
            if (plural) *plural = t[i].pl;
            return t[i].u;
        }
    return U_NONE;
}

static int numword(const tw *w) {
    static const char *const n[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                                    "eight", "nine", "ten", "eleven", "twelve"};
    if (w->punct) return -1;
    if (w->num >= 0 && !w->ord && !w->decs && w->ndig <= 3) return w->num;
    for (int i = 1; i <= 12; i++)
        if (!strcmp(w->s, n[i])) return i;
    if (!strcmp(w->s, "a") || !strcmp(w->s, "an")) return 1;
    if (!strcmp(w->s, "fifteen")) return 15;
    if (!strcmp(w->s, "twenty")) return 20;
    if (!strcmp(w->s, "thirty")) return 30;
    if (!strcmp(w->s, "fifty")) return 50;
    return -1;
}

static int ordword(const tw *w) {
    static const char *const n[] = {"", "first", "second", "third", "fourth"};
    if (w->ord && w->num >= 1) return w->num;
    for (int i = 1; i <= 4; i++)
        if (weq(w, n[i])) return i;
    if (weq(w, "twentieth")) return 20;
    if (weq(w, "nineteenth")) return 19;
    if (weq(w, "twenty-first")) return 21;
    return -1;
}

static bool is_year(const tw *w) {
    return !w->punct && w->ndig == 4 && !w->ord && !w->decs && w->num >= 1800 && w->num <= 2199;
}

/* Which words can start a time expression (KW_CORE: the first word some
 * matcher of m_core tests for, or a number, ordinal or decade) or a
 * modifier() (KW_MOD); checked once per word, the matchers skip the rest. */
enum { KW_CORE = 1, KW_MOD = 2 };

typedef struct kword { const char *s; uint8_t kw; } kword;

static int kword_cmp(const void *a, const void *b) {
    return strcmp(((const kword *)a)->s, ((const kword *)b)->s);
}

static uint8_t word_kw(const tw *w) {
    /* sorted (strcmp order) */
    static const kword k[] = {
        {"a", KW_CORE}, {"an", KW_CORE}, {"apr", KW_CORE}, {"april", KW_CORE}, {"aug", KW_CORE},
        {"august", KW_CORE}, {"autumn", KW_CORE}, {"beginning", KW_MOD}, {"christmas", KW_CORE},
        {"close", KW_MOD}, {"coming", KW_CORE}, {"current", KW_CORE}, {"dec", KW_CORE},
        {"december", KW_CORE}, {"earlier", KW_MOD}, {"early", KW_MOD}, {"eight", KW_CORE},
        {"eleven", KW_CORE}, {"end", KW_MOD}, {"fall", KW_CORE}, {"feb", KW_CORE},
        {"february", KW_CORE}, {"fifteen", KW_CORE}, {"fifty", KW_CORE}, {"first", KW_CORE},
        {"five", KW_CORE}, {"four", KW_CORE}, {"fourth", KW_CORE}, {"friday", KW_CORE},
        {"jan", KW_CORE}, {"january", KW_CORE}, {"jul", KW_CORE}, {"july", KW_CORE},
        {"jun", KW_CORE}, {"june", KW_CORE}, {"last", KW_CORE}, {"late", KW_MOD}, {"later", KW_MOD},
        {"mar", KW_CORE}, {"march", KW_CORE}, {"may", KW_CORE}, {"mid", KW_MOD}, {"middle", KW_MOD},
        {"monday", KW_CORE}, {"new", KW_CORE}, {"next", KW_CORE}, {"nine", KW_CORE},
        {"nineteenth", KW_CORE}, {"nov", KW_CORE}, {"november", KW_CORE}, {"oct", KW_CORE},
        {"october", KW_CORE}, {"one", KW_CORE}, {"past", KW_CORE}, {"saturday", KW_CORE},
        {"second", KW_CORE}, {"sep", KW_CORE}, {"sept", KW_CORE}, {"september", KW_CORE},
        {"seven", KW_CORE}, {"six", KW_CORE}, {"spring", KW_CORE}, {"start", KW_MOD},
        {"summer", KW_CORE}, {"sunday", KW_CORE}, {"ten", KW_CORE}, {"that", KW_CORE},
        {"the", KW_CORE | KW_MOD}, {"third", KW_CORE}, {"thirty", KW_CORE}, {"this", KW_CORE},
        {"three", KW_CORE}, {"thursday", KW_CORE}, {"today", KW_CORE}, {"tomorrow", KW_CORE},
        {"tonight", KW_CORE}, {"tuesday", KW_CORE}, {"turn", KW_MOD}, {"twelve", KW_CORE},
        {"twentieth", KW_CORE}, {"twenty", KW_CORE}, {"twenty-first", KW_CORE}, {"two", KW_CORE},
        {"wednesday", KW_CORE}, {"winter", KW_CORE}, {"yesterday", KW_CORE}};
    if (w->punct) return 0;
    uint8_t r = w->num >= 0 || w->decs || w->ord ? KW_CORE : 0;
    kword key = {w->s, 0};
    const kword *x = bsearch(&key, k, sizeof k / sizeof k[0], sizeof k[0], kword_cmp);
    return (uint8_t)(r | (x ? x->kw : 0));
}

/* MARK: - values */

enum { G_NONE, G_DAY, G_MONTH, G_YEAR, G_SEASON, G_WEEK, G_WEEKEND, G_QUARTER, G_HALF, G_DECADE, G_CENTURY };

typedef struct tval {
    int g;
    int y, m, d;      /* m = week / quarter / half / season index by g */
} tval;

typedef struct tstate {
    bool have_pub;
    int64_t pub;      /* days */
    int py, pm, pd;
    tval last;        /* previous resolved value in the text */
    bool have_last;
    /* the parse gate (doc.h): an unparsed sentence's tense comes from cue
     * words, not its tree; such a value only matters as the anchor of a
     * later "the next day", which then wants that sentence parsed */
    bool unsure;      /* the expression read the tense of an unparsed sentence */
    int64_t last_unsure; /* sentence whose unsure tense gave last, or -1 */
    int64_t want;     /* sentence to mark DY_SENT_WANT_PARSE, or -1 */
} tstate;

static tval tv_day(int64_t days) {
    tval v = {G_DAY, 0, 0, 0};
    dy_civil_from_days(days, &v.y, &v.m, &v.d);
    return v;
}

static tval tv_week(int64_t days, int g) {
    tval v = {g, 0, 0, 0};
    iso_week(days, &v.y, &v.m);
    return v;
}

static tval tv_month_add(int y, int m, int k) {
    int64_t t = (int64_t)y * 12 + (m - 1) + k;
    tval v = {G_MONTH, (int)(t / 12), (int)(t % 12) + 1, 0};
    return v;
}

static int tv_format(const tval *v, char *out, size_t n) {
    static const char *const seas[4] = {"SP", "SU", "FA", "WI"};
    if (v->y < 0 || v->y > 9999) return 0;
    switch (v->g) {
    case G_DAY: return snprintf(out, n, "%04d-%02d-%02d", v->y, v->m, v->d);
    case G_MONTH: return snprintf(out, n, "%04d-%02d", v->y, v->m);
    case G_YEAR: return snprintf(out, n, "%04d", v->y);
    case G_SEASON: return snprintf(out, n, "%04d-%s", v->y, seas[v->m & 3]);
    case G_WEEK: return snprintf(out, n, "%04d-W%02d", v->y, v->m);
    case G_WEEKEND: return snprintf(out, n, "%04d-W%02d-WE", v->y, v->m);
    case G_QUARTER: return snprintf(out, n, "%04d-Q%d", v->y, v->m);
    case G_HALF: return snprintf(out, n, "%04d-H%d", v->y, v->m);
    case G_DECADE: return snprintf(out, n, "%03d", v->y);
    case G_CENTURY: return snprintf(out, n, "%02d", v->y);
    }
    return 0;
}

/* Direction for underspecified values: PAST = most recent on/before the
 * publication date, FUTURE = next on/after, LAST/NEXT strictly before/after,
 * THIS = the one nearest (same year for months). */
enum { D_PAST, D_FUTURE, D_LAST, D_NEXT, D_THIS, D_NEAR };

static tval res_month(const tstate *st, int m, int dir) {
    tval v = {G_MONTH, st->py, m, 0};
    switch (dir) {
    case D_PAST: if (m > st->pm) v.y--; break;
    case D_FUTURE: if (m < st->pm) v.y++; break;
    case D_LAST: if (m >= st->pm) v.y--; break;
    case D_NEXT: if (m <= st->pm) v.y++; break;
    case D_NEAR: /* within six months either way */
        if (m - st->pm > 6) v.y--;
        else if (st->pm - m > 6) v.y++;
        break;
    default: break;
    }
    return v;
}

static tval res_md(const tstate *st, int m, int d, int dir) {
    int cmp = m != st->pm ? m - st->pm : d - st->pd;
    tval v = {G_DAY, st->py, m, d};
    if ((dir == D_PAST && cmp > 0) || (dir == D_LAST && cmp >= 0)) v.y--;
    if ((dir == D_FUTURE && cmp < 0) || (dir == D_NEXT && cmp <= 0)) v.y++;
    if (dir == D_NEAR) {
        if (m - st->pm > 6) v.y--;
        else if (st->pm - m > 6) v.y++;
    }
    if (!valid_ymd(v.y, m, d)) v.g = G_NONE;
    return v;
}

static tval res_weekday(const tstate *st, int wd, int dir) {
    int pw = iso_wday(st->pub);
    int back = (pw - wd + 7) % 7, fwd = (wd - pw + 7) % 7;
    switch (dir) {
    case D_FUTURE: return tv_day(st->pub + fwd);
    case D_LAST: return tv_day(st->pub - (back ? back : 7));
    case D_NEXT: return tv_day(st->pub + (fwd ? fwd : 7));
    case D_THIS:
    case D_NEAR: return tv_day(back <= fwd ? st->pub - back : st->pub + fwd);
    default: return tv_day(st->pub - back);
    }
}

/* Seasons on one axis: index = year*4 + season; winter belongs to the year
 * of its December. */
static tval res_season(const tstate *st, int s, int dir) {
    int pm = st->pm, py = st->py, cur;
    if (pm <= 2) cur = (py - 1) * 4 + 3;
    else if (pm == 12) cur = py * 4 + 3;
    else cur = py * 4 + (pm - 3) / 3;
    int cand = (cur / 4) * 4 + s; /* same season-year */
    int lo = cand <= cur ? cand : cand - 4;  /* latest <= cur */
    int hi = cand >= cur ? cand : cand + 4;  /* earliest >= cur */
    int idx;
    switch (dir) {
    case D_FUTURE: idx = hi; break;
    case D_LAST: idx = lo == cur ? lo - 4 : lo; break;
    case D_NEXT: idx = hi == cur ? hi + 4 : hi; break;
    case D_NEAR: idx = (cur - lo) < (hi - cur) ? lo : hi; break; /* a tie goes forward */
    case D_THIS: /* the one in the publication year (winter: the current one) */
        idx = s == 3 ? (st->pm <= 2 ? (py - 1) * 4 + 3 : py * 4 + 3) : py * 4 + s;
        break;
    default: idx = lo; break;
    }
    tval v = {G_SEASON, idx / 4, idx % 4, 0};
    return v;
}

static tval res_weekend(const tstate *st, int dir) {
    int pw = iso_wday(st->pub);
    int64_t sat;
    if (pw >= 6) sat = st->pub - (pw - 6);
    else if (dir == D_FUTURE || dir == D_NEXT) sat = st->pub + (6 - pw);
    else sat = st->pub - (pw + 1);
    if (dir == D_LAST && pw >= 6) sat -= 7;
    if (dir == D_NEXT && pw >= 6) sat += 7;
    return tv_week(sat, G_WEEKEND);
}

static int64_t tv_days(const tval *v) { return dy_days_from_civil(v->y, v->m, v->d); }

/* Shift a value by k units (a week later, two days earlier). */
static tval shift(const tval *base, int unit, int k) {
    tval v = *base;
    switch (unit) {
    case U_DAY:
    case U_HOUR:
        if (base->g == G_DAY) return tv_day(tv_days(base) + (unit == U_DAY ? k : 0));
        break;
    case U_WEEK:
    case U_FORTNIGHT:
        if (unit == U_FORTNIGHT) k *= 2;
        if (base->g == G_DAY) return tv_week(tv_days(base) + 7 * k, G_WEEK);
        if (base->g == G_WEEK || base->g == G_WEEKEND) {
            tval w = tv_week(iso_week_monday(base->y, base->m) + 7 * k, G_WEEK);
            return w;
        }
        break;
    case U_MONTH:
        if (base->g == G_DAY || base->g == G_MONTH) return tv_month_add(base->y, base->m, k);
        break;
    case U_YEAR:
        v.g = G_YEAR;
        v.y = base->y + k;
        if (base->g == G_DECADE || base->g == G_CENTURY) v.g = G_NONE;
        return v;
    case U_DECADE:
        v.g = G_DECADE;
        v.y = base->g == G_DECADE ? base->y + k : (base->y + 10 * k) / 10;
        return v;
    }
    /* coarser base: move its year */
    v.g = G_YEAR;
    if (unit == U_MONTH && base->g == G_YEAR) v.g = G_YEAR;
    if (base->g == G_DECADE || base->g == G_CENTURY) v.g = G_NONE;
    return v;
}

/* MARK: - tense */

static bool ends_with(const tw *w, const char *suf) { return dy_str_ends((dy_str){w->s, w->n}, suf); }

/* +1 future cue, -1 past cue, 0 none. */
static int cue(const tw *ws, size_t nw, size_t i) {
    const tw *w = &ws[i];
    if (w->punct || w->n == 0) return 0;
    static const char *const fut[] = {"will", "shall", "won't", "wo", "'ll", "upcoming", "scheduled",
                                      "plans", "plan", "planned", "planning", "expected", "expects",
                                      "due", "intends", "aims", "hopes", "tomorrow", "next",
                                      "forthcoming", "postponed", "delayed", "ahead"};
    static const char *const past[] = {"said", "says", "was", "were", "had", "did", "ago", "last",
                                       "told", "yesterday", "earlier", "been", "took", "began",
                                       "came", "went", "fled", "fought", "met", "held", "won", "lost",
                                       "left", "shot", "struck", "hit", "broke", "led", "made",
                                       "saw", "since", "sent", "spoke", "gave", "fell", "rose",
                                       "died", "arrived"};
    for (size_t k = 0; k < sizeof fut / sizeof fut[0]; k++)
        if (!strcmp(w->s, fut[k])) return 1;
    /* "would": future seen from the past ("said it would leave in
     * February"): neither way, the nearest one */
    if (!strcmp(w->s, "would") || !strcmp(w->s, "could") || !strcmp(w->s, "might")) return 2;
    if (ends_with(w, "'ll") || ends_with(w, "\xe2\x80\x99ll")) return 1;
    if ((!strcmp(w->s, "set") || !strcmp(w->s, "going")) && i + 1 < nw && weq(&ws[i + 1], "to")) return 1;
    for (size_t k = 0; k < sizeof past / sizeof past[0]; k++)
        if (!strcmp(w->s, past[k])) return -1;
    if (!w->cap && w->n >= 5 && ends_with(w, "ed") && !ends_with(w, "need") && !ends_with(w, "eed"))
        return -1;
    return 0;
}

/* Tense around words [i0, i1): parse first (aux will/would → future; VBD
 * verb → past), else the nearest cue word before, else after. */
static int tense(const dyad_doc *doc, const dy_sentence *s, const tw *ws, size_t nw, size_t i0,
                 size_t i1) {
    const dy_token *T = doc->toks + s->tok0;
    uint32_t t = ws[i0].tok;
    if (T[t].upos != 0 && !(s->flags & DY_SENT_UNPARSED)) {
        int32_t h = T[ws[i1 - 1].tok].head;
        for (int hops = 0; h >= 0 && (uint32_t)h < s->ntok && hops < 3; hops++) {
            if (T[h].upos == DY_UPOS_VERB || T[h].upos == DY_UPOS_AUX) break;
            h = T[h].head;
        }
        if (h >= 0 && (uint32_t)h < s->ntok && T[h].upos == DY_UPOS_VERB) {
            for (uint32_t k = 0; k < s->ntok; k++) {
                if (T[k].head != h || T[k].deprel != DY_DEP_AUX) continue;
                dy_str f = T[k].norm;
                if (dy_str_ieq(f, DY_STR("will")) || dy_str_ieq(f, DY_STR("shall")) ||
                    dy_str_ieq(f, DY_STR("'ll")) || dy_str_ieq(f, DY_STR("wo")))
                    return 1;
                if (dy_str_ieq(f, DY_STR("would"))) return 2;
            }
            const char *x = T[h].xpos ? dy_xpos_names[T[h].xpos] : "";
            if (!strcmp(x, "VBD")) return -1;
        }
    }
    for (size_t k = i0; k-- > 0 && k + 12 >= i0;) {
        if (wpu(&ws[k], ';')) break;
        int c = cue(ws, nw, k);
        /* "will be held", "plans to be signed": the participle is not past */
        if (c < 0 && k > 0 && (weq(&ws[k - 1], "be") || weq(&ws[k - 1], "to"))) continue;
        if (c) return c;
    }
    for (size_t k = i1; k < nw && k < i1 + 10; k++) {
        if (wpu(&ws[k], ';')) break;
        int c = cue(ws, nw, k);
        if (c) return c;
    }
    return 0;
}

/* MARK: - matcher */

typedef struct tmatch {
    size_t end;       /* one past the last word */
    size_t head;      /* word that heads the expression */
    tval v;
    bool anchored;    /* value computed from the previous date, not the pub date */
} tmatch;

typedef struct tcx {
    const dyad_doc *doc;
    const dy_sentence *s;
    const tw *ws;
    size_t nw;
    tstate *st;
} tcx;

/* Next word index at or after i that is not one of the punctuation chars. */
static size_t skip_p(const tcx *c, size_t i, const char *chars) {
    while (i < c->nw && c->ws[i].punct && c->ws[i].n == 1 && strchr(chars, c->ws[i].s[0])) i++;
    return i;
}

static bool at(const tcx *c, size_t i, const char *s) { return i < c->nw && weq(&c->ws[i], s); }

static int dir_of_tense(const tcx *c, size_t i0, size_t i1) {
    if (c->s->flags & DY_SENT_UNPARSED) {
        c->st->unsure = true;
        /* a year out of range drops the value, whatever the tense says */
        if (c->st->py < 1 || c->st->py > 9998) c->st->want = c->s - c->doc->sents;
    }
    int t = tense(c->doc, c->s, c->ws, c->nw, i0, i1);
    return t == 2 ? D_NEAR : t > 0 ? D_FUTURE : D_PAST;
}

/* Is word i preceded by a word that makes a bare month/year temporal? */
static bool date_context(const tcx *c, size_t i) {
    static const char *const pre[] = {"in", "since", "until", "till", "by", "of", "from", "to", "through",
                                      "during", "before", "after", "between", "and", "or", "early",
                                      "late", "mid", "until", "around", "as", "for", "on", "last", "next",
                                      "this", "that", "every", "throughout", "into", "circa", "about",
                                      "the", "each", "least", "latest", "earliest", "than", "starting",
                                      "beginning", "ending"};
    size_t k = i;
    while (k > 0 && c->ws[k - 1].punct && (wpu(&c->ws[k - 1], '-') || wpu(&c->ws[k - 1], '(')))
        k--;
    if (k == 0) return false;
    const tw *p = &c->ws[k - 1];
    if (p->punct) return false;
    for (size_t j = 0; j < sizeof pre / sizeof pre[0]; j++)
        if (!strcmp(p->s, pre[j])) return true;
    return false;
}

/* "Month [.] Day[,] [Year]", "Month [of|,] Year", "Month" (context).  j at
 * the month word. */
static bool m_month(const tcx *c, size_t j, int dir_hint, tmatch *out) {
    const tw *ws = c->ws;
    int mo = month_of(&ws[j], j + 1 < c->nw ? &ws[j + 1] : NULL);
    if (!mo) return false;
    size_t k = skip_p(c, j + 1, ".");
    if (k < c->nw && ws[k].num >= 1 && ws[k].num <= 31 && ws[k].ndig <= 2 && !ws[k].decs &&
        !(k + 1 < c->nw && ((wpu(&ws[k + 1], ':') && k + 2 < c->nw && ws[k + 2].cs == ws[k + 1].ce) ||
                            unit_of(&ws[k + 1], NULL) ||
                            weq(&ws[k + 1], "percent") || weq(&ws[k + 1], "people")))) {
        int day = ws[k].num;
        size_t e = k + 1;
        size_t y = skip_p(c, e, ",");
        if (y < c->nw && is_year(&ws[y])) {
            if (!valid_ymd(ws[y].num, mo, day)) return false;
            *out = (tmatch){y + 1, j, {G_DAY, ws[y].num, mo, day}, false};
            return true;
        }
        if (!c->st->have_pub) return false;
        int dir = dir_hint >= 0 ? dir_hint : dir_of_tense(c, j, e);
        out->v = res_md(c->st, mo, day, dir);
        out->end = e;
        out->head = j;
        out->anchored = false;
        return out->v.g != G_NONE;
    }
    size_t y = skip_p(c, j + 1, ".,");
    if (at(c, y, "of") && y + 1 < c->nw && is_year(&ws[y + 1])) y++;
    if (y < c->nw && is_year(&ws[y])) {
        *out = (tmatch){y + 1, j, {G_MONTH, ws[y].num, mo, 0}, false};
        return true;
    }
    /* bare month: May and March need context; so do abbreviations */
    bool needs = mo == 5 || mo == 3 || ws[j].n <= 4;
    if (needs && dir_hint < 0 && !date_context(c, j)) return false;
    if (j == 0 && dir_hint < 0 && (mo == 5 || mo == 3)) return false;
    if (!c->st->have_pub) return false;
    int dir = dir_hint >= 0 ? dir_hint : dir_of_tense(c, j, j + 1);
    *out = (tmatch){j + 1, j, res_month(c->st, mo, dir), false};
    if (dir_hint == D_THIS) out->v.y = c->st->py;
    return true;
}

/* "14 July [2016]", "the 4th of July" */
static bool m_day_month(const tcx *c, size_t j, tmatch *out) {
    const tw *ws = c->ws;
    if (ws[j].num < 1 || ws[j].num > 31 || ws[j].ndig > 2 || ws[j].decs) return false;
    size_t k = j + 1;
    if (ws[j].ord && at(c, k, "of")) k++;
    if (k >= c->nw) return false;
    int mo = month_of(&ws[k], k + 1 < c->nw ? &ws[k + 1] : NULL);
    if (!mo) return false;
    size_t y = skip_p(c, k + 1, ".,");
    if (y < c->nw && is_year(&ws[y])) {
        if (!valid_ymd(ws[y].num, mo, ws[j].num)) return false;
        *out = (tmatch){y + 1, k, {G_DAY, ws[y].num, mo, ws[j].num}, false};
        return true;
    }
    if (!c->st->have_pub) return false;
    out->v = res_md(c->st, mo, ws[j].num, dir_of_tense(c, j, k + 1));
    out->end = k + 1;
    out->head = k;
    out->anchored = false;
    return out->v.g != G_NONE;
}

static bool is_daypart(const tw *w) {
    return weq(w, "morning") || weq(w, "afternoon") || weq(w, "evening") || weq(w, "night") ||
           weq(w, "overnight");
}

/* Weekday, optionally followed by a date ("Monday, March 4") or a part of
 * the day ("Tuesday night"). */
static bool m_weekday(const tcx *c, size_t j, int dir_hint, tmatch *out) {
    int wd = weekday_of(&c->ws[j]);
    if (!wd) return false;
    /* "the Sunday Times", "Bloody Sunday", "Good Friday" */
    if (j > 0 && weq(&c->ws[j - 1], "the")) return false;
    if (j > 0 && !c->ws[j - 1].punct && c->ws[j - 1].cap && !weekday_of(&c->ws[j - 1])) {
        size_t k = j - 1;
        while (k > 0 && c->ws[k - 1].punct) k--;
        if (k > 0) return false; /* not the sentence's first word */
    }
    size_t k = skip_p(c, j + 1, ",");
    tmatch dm;
    if (k < c->nw && (m_month(c, k, -1, &dm) || m_day_month(c, k, &dm)) && dm.v.g == G_DAY) {
        dm.head = j;
        *out = dm;
        return true;
    }
    if (!c->st->have_pub) return false;
    size_t e = j + 1;
    if (e < c->nw && is_daypart(&c->ws[e])) e++;
    int dir = dir_hint >= 0 ? dir_hint : dir_of_tense(c, j, e);
    *out = (tmatch){e, j, res_weekday(c->st, wd, dir), false};
    return true;
}

/* "[the] summer [of] 2014", "last autumn", "in the spring". */
static bool m_season(const tcx *c, size_t j, int dir_hint, tmatch *out) {
    const tw *ws = c->ws;
    int se = season_of(&ws[j]);
    if (se < 0) return false;
    /* "Arab Spring", "Prague Spring" */
    if (ws[j].cap && j > 0 && !(ws[j - 1].punct) && ws[j - 1].cap) return false;
    size_t y = j + 1;
    if (at(c, y, "of")) y++;
    if (y < c->nw && is_year(&ws[y])) {
        int yr = ws[y].num;
        *out = (tmatch){y + 1, j, {G_SEASON, yr, se, 0}, false};
        return true;
    }
    if (at(c, j + 1, "of")) return false; /* the fall of Kabul */
    bool ctx = dir_hint >= 0;
    if (!ctx && j > 0) {
        const tw *p = &ws[j - 1];
        if (weq(p, "the") && j > 1) p = &ws[j - 2];
        ctx = weq(p, "in") || weq(p, "during") || weq(p, "over") || weq(p, "since") ||
              weq(p, "until") || weq(p, "by") || weq(p, "through") || weq(p, "early") ||
              weq(p, "late") || weq(p, "this") || weq(p, "past") || weq(p, "throughout") ||
              weq(p, "mid");
    }
    if (!ctx || !c->st->have_pub) return false;
    int dir = dir_hint >= 0 ? dir_hint : dir_of_tense(c, j, j + 1);
    *out = (tmatch){j + 1, j, res_season(c->st, se, dir), false};
    return true;
}

/* Years and decades: "2003" (with context), "the 1980s", "'90s". */
static bool m_year(const tcx *c, size_t j, tmatch *out) {
    const tw *w = &c->ws[j];
    if (w->decs && w->num >= 0) {
        int dec;
        if (w->ndig == 4 && w->num % 100 == 0 && w->num < 2000) { /* the 1800s: a century */
            *out = (tmatch){j + 1, j, {G_CENTURY, w->num / 100, 0, 0}, false};
            return true;
        }
        if (w->ndig == 4 && w->num % 10 == 0) dec = w->num / 10;
        else if (w->ndig == 2 && w->num % 10 == 0 &&
                 (w->apos || (j > 0 && (weq(&c->ws[j - 1], "the") || weq(&c->ws[j - 1], "early") ||
                                         weq(&c->ws[j - 1], "late") || weq(&c->ws[j - 1], "mid") ||
                                         wpu(&c->ws[j - 1], '-')))))
            dec = w->num >= 30 ? 190 + w->num / 10 : 200 + w->num / 10;
        else return false;
        *out = (tmatch){j + 1, j, {G_DECADE, dec, 0, 0}, false};
        return true;
    }
    if (!is_year(w)) return false;
    bool ok = date_context(c, j);
    if (!ok && j + 1 < c->nw) {
        const tw *n = &c->ws[j + 1];
        /* "the 2003 invasion", "2014 elections" : year then a lowercase word */
        ok = !n->punct && !n->cap && n->num < 0 && j > 0 && weq(&c->ws[j - 1], "the") &&
             strcmp(n->s, "people") && strcmp(n->s, "troops") && strcmp(n->s, "soldiers");
        if (!ok && (wpu(n, ',') || wpu(n, '.')) && j > 0 && weq(&c->ws[j - 1], "year")) ok = true;
    }
    if (!ok && j > 0 && weq(&c->ws[j - 1], "year")) ok = true;
    if (!ok) return false;
    /* counts: "by 2000 votes", "in 2000 cases" */
    if (j + 1 < c->nw && !c->ws[j + 1].punct && !c->ws[j + 1].cap && j > 0 &&
        !weq(&c->ws[j - 1], "the") && !weq(&c->ws[j - 1], "early") && !weq(&c->ws[j - 1], "late") &&
        !weq(&c->ws[j - 1], "mid") && !wpu(&c->ws[j - 1], '-')) {
        const tw *n = &c->ws[j + 1];
        bool ok2 = weq(n, "and") || weq(n, "or") || weq(n, "to") || weq(n, "when") || weq(n, "after") ||
                   weq(n, "before") || weq(n, "until") || weq(n, "as") || weq(n, "but") || weq(n, "the") ||
                   weq(n, "that") || weq(n, "while") || weq(n, "because") || weq(n, "with") ||
                   weq(n, "in") || weq(n, "at") || weq(n, "for") || weq(n, "of") || weq(n, "on") ||
                   weq(n, "amid") || weq(n, "during") || weq(n, "by") || weq(n, "from") ||
                   weq(n, "if") || weq(n, "he") || weq(n, "she") || weq(n, "they") || weq(n, "it") ||
                   weq(n, "we") || weq(n, "i") || weq(n, "there") || weq(n, "a") || weq(n, "an") ||
                   weq(n, "alone") || weq(n, "election") || weq(n, "elections") || weq(n, "war");
        if (!ok2) return false;
    }
    *out = (tmatch){j + 1, j, {G_YEAR, w->num, 0, 0}, false};
    return true;
}

/* "the first quarter [of 2019]", "the second half of 2018", "the 20th century" */
static bool m_ordinal_period(const tcx *c, size_t j, tmatch *out) {
    int o = ordword(&c->ws[j]);
    size_t k = j + 1;
    if (o < 0) {
        if (!at(c, j, "last") || !(at(c, k, "quarter"))) return false;
        o = 0;
    }
    if (k >= c->nw) return false;
    if (at(c, k, "century") && o >= 1 && o <= 30) {
        *out = (tmatch){k + 1, k, {G_CENTURY, o - 1, 0, 0}, false};
        return true;
    }
    bool q = at(c, k, "quarter"), h = at(c, k, "half");
    if (!q && !h) return false;
    if (o > (q ? 4 : 2)) return false;
    size_t y = k + 1;
    if (at(c, y, "of")) y++;
    if (y < c->nw && is_year(&c->ws[y])) {
        if (o == 0) o = q ? 4 : 2;
        *out = (tmatch){y + 1, k, {q ? G_QUARTER : G_HALF, c->ws[y].num, o, 0}, false};
        return true;
    }
    if (!c->st->have_pub) return false;
    int yr = c->st->py;
    if (at(c, y, "of") && at(c, y + 1, "last") && at(c, y + 2, "year")) y += 3, yr--;
    else if (at(c, y, "of") && at(c, y + 1, "this") && at(c, y + 2, "year")) y += 3;
    else if (at(c, y, "of") && at(c, y + 1, "next") && at(c, y + 2, "year")) y += 3, yr++;
    else if (y == k + 1) {
        if (!q) return false;
        int cq = (c->st->pm - 1) / 3 + 1;
        if (o == 0) o = cq == 1 ? 4 : cq - 1, yr = cq == 1 ? yr - 1 : yr;
        else if (o > cq && dir_of_tense(c, j, k + 1) == D_PAST) yr--;
    } else return false;
    if (o == 0) return false;
    *out = (tmatch){y, k, {q ? G_QUARTER : G_HALF, yr, o, 0}, false};
    return true;
}

/* Current/last/next periods: "this week", "last month", "next year". */
static bool m_deictic(const tcx *c, size_t j, tmatch *out) {
    const tw *ws = c->ws;
    const tstate *st = c->st;
    int dir;
    if (weq(&ws[j], "this") || weq(&ws[j], "current")) dir = D_THIS;
    else if (weq(&ws[j], "last") || weq(&ws[j], "past")) dir = D_LAST;
    else if (weq(&ws[j], "next") || weq(&ws[j], "coming")) dir = D_NEXT;
    else return false;
    size_t k = j + 1;
    if (dir == D_THIS && at(c, k, "past")) k++, dir = D_LAST; /* this past weekend */
    if (k >= c->nw || !st->have_pub) return false;
    const tw *w = &ws[k];
    tmatch m;
    if (weekday_of(w)) return m_weekday(c, k, dir, out);
    if (month_of(w, k + 1 < c->nw ? &ws[k + 1] : NULL) && m_month(c, k, dir == D_THIS ? D_THIS : dir, &m)) {
        *out = m;
        return true;
    }
    if (season_of(w) >= 0) {
        if (weq(w, "fall") && !(dir != D_THIS || !at(c, k + 1, "of"))) return false;
        *out = (tmatch){k + 1, k, res_season(st, season_of(w), dir), false};
        return true;
    }
    /* "past week" is a duration, not a period */
    if (weq(&ws[j], "past") && dir == D_LAST && !weq(&ws[j], "this")) {
        if (!(j > 0 && weq(&ws[j - 1], "this"))) return false;
    }
    if (weq(&ws[j], "coming")) return false;
    int k1 = dir == D_LAST ? -1 : dir == D_NEXT ? 1 : 0;
    if (weq(w, "week")) {
        *out = (tmatch){k + 1, k, tv_week(st->pub + 7 * k1, G_WEEK), false};
        return true;
    }
    if (weq(w, "weekend")) {
        int d = dir == D_THIS ? dir_of_tense(c, j, k + 1) : dir;
        *out = (tmatch){k + 1, k, res_weekend(st, d), false};
        return true;
    }
    if (weq(w, "month")) {
        *out = (tmatch){k + 1, k, tv_month_add(st->py, st->pm, k1), false};
        return true;
    }
    if (weq(w, "year")) {
        *out = (tmatch){k + 1, k, {G_YEAR, st->py + k1, 0, 0}, false};
        return true;
    }
    if (dir == D_THIS && (weq(w, "morning") || weq(w, "afternoon") || weq(w, "evening"))) {
        *out = (tmatch){k + 1, k, tv_day(st->pub), false};
        return true;
    }
    if (dir == D_LAST && weq(w, "night") && !weq(&ws[j], "past")) {
        *out = (tmatch){k + 1, k, tv_day(st->pub - 1), false};
        return true;
    }
    if (dir == D_THIS && weq(w, "century")) {
        *out = (tmatch){k + 1, k, {G_CENTURY, st->py / 100, 0, 0}, false};
        return true;
    }
    if (dir == D_LAST && weq(w, "decade") && weq(&ws[j], "last")) return false;
    return false;
}

/* Previous date in the text (or the publication date). */
static bool anchor(const tcx *c, tval *a) {
    if (c->st->have_last) {
        if (c->st->last_unsure >= 0) c->st->want = c->st->last_unsure;
        *a = c->st->last;
        return true;
    }
    if (!c->st->have_pub) return false;
    *a = tv_day(c->st->pub);
    return true;
}

/* "three weeks ago", "a week later", "two days earlier", "the next day",
 * "the following week", "that day", "today", "yesterday", "tomorrow". */
static bool m_relative(const tcx *c, size_t j, tmatch *out) {
    const tw *ws = c->ws;
    const tstate *st = c->st;
    const tw *w = &ws[j];
    if (st->have_pub) {
        if (weq(w, "today") || weq(w, "tonight")) {
            size_t e = j + 1;
            *out = (tmatch){e, j, tv_day(st->pub), false};
            return true;
        }
        if (weq(w, "yesterday") || weq(w, "tomorrow")) {
            size_t e = j + 1;
            if (e < c->nw && is_daypart(&ws[e])) e++;
            *out = (tmatch){e, j, tv_day(st->pub + (weq(w, "tomorrow") ? 1 : -1)), false};
            return true;
        }
        if (weq(w, "the") && at(c, j + 1, "day") && (at(c, j + 2, "before") || at(c, j + 2, "after")) &&
            (at(c, j + 3, "yesterday") || at(c, j + 3, "tomorrow"))) {
            *out = (tmatch){j + 4, j + 1, tv_day(st->pub + (at(c, j + 3, "tomorrow") ? 2 : -2)), false};
            return true;
        }
    }
    /* N units ago / later / earlier */
    int n = numword(w);
    size_t k = j + 1;
    if (n < 0 && weq(w, "a") && at(c, j + 1, "couple") && at(c, j + 2, "of")) n = 2, k = j + 3;
    if (n >= 0 && k < c->nw) {
        bool pl = false;
        int u = unit_of(&ws[k], &pl);
        if (u != U_NONE && (n == 1) == !pl && !(u == U_HOUR && n != 1 && 0)) {
            size_t e = k + 1;
            if (e < c->nw) {
                const tw *d = &ws[e];
                if (weq(d, "ago") && st->have_pub) {
                    tval base = tv_day(st->pub);
                    if (u == U_HOUR) {
                        *out = (tmatch){e + 1, k, base, false};
                        return true;
                    }
                    *out = (tmatch){e + 1, k, shift(&base, u, -n), false};
                    if (u == U_YEAR) out->v = (tval){G_YEAR, st->py - n, 0, 0};
                    if (u == U_DECADE) out->v = (tval){G_YEAR, st->py - 10 * n, 0, 0};
                    return out->v.g != G_NONE;
                }
                bool later = weq(d, "later"), earlier = weq(d, "earlier");
                /* "after"/"before" only when nothing follows: "a week after
                 * the vote" is relative to an event, not a date */
                if ((weq(d, "after") || weq(d, "before")) &&
                    (e + 1 >= c->nw || ws[e + 1].punct)) {
                    later = weq(d, "after");
                    earlier = !later;
                }
                tval a;
                if ((later || earlier) && anchor(c, &a)) {
                    *out = (tmatch){e + 1, k, shift(&a, u, later ? n : -n), true};
                    /* "a week later" after a full date names a day */
                    if (a.g == G_DAY && (u == U_WEEK || u == U_FORTNIGHT))
                        out->v = tv_day(tv_days(&a) + (later ? n : -n) * (u == U_WEEK ? 7 : 14));
                    return out->v.g != G_NONE;
                }
            }
        }
    }
    /* "over the weekend" */
    if (weq(w, "the") && at(c, j + 1, "weekend") && st->have_pub) {
        *out = (tmatch){j + 2, j + 1, res_weekend(st, dir_of_tense(c, j, j + 2)), false};
        return true;
    }
    /* the next/following/previous day|week|month|year; the day before/after */
    if (weq(w, "the") || weq(w, "that")) {
        size_t q = j + 1;
        int k1 = 0;
        bool rel = false;
        if (weq(w, "the") && (at(c, q, "next") || at(c, q, "following") || at(c, q, "previous") ||
                              at(c, q, "preceding"))) {
            k1 = (at(c, q, "next") || at(c, q, "following")) ? 1 : -1;
            q++;
            rel = true;
        } else if (weq(w, "the") && at(c, q, "same")) {
            q++;
            rel = true;
        } else if (weq(w, "that") ||
                   (at(c, q, "day") && (at(c, q + 1, "before") || at(c, q + 1, "after")))) {
            rel = true;
        }
        if (!rel || q >= c->nw) return false;
        bool pl = false;
        int u = unit_of(&ws[q], &pl);
        bool night = weq(&ws[q], "night") || weq(&ws[q], "morning") || weq(&ws[q], "evening") ||
                     weq(&ws[q], "afternoon");
        if (night && k1 == 0) u = U_DAY;
        if (night && k1 != 0) u = U_DAY;
        if (u == U_NONE || u == U_HOUR || u == U_DECADE || pl) return false;
        size_t e = q + 1;
        if (weq(w, "the") && q == j + 1 && (at(c, e, "before") || at(c, e, "after")) &&
            (e + 1 >= c->nw || ws[e + 1].punct)) {
            k1 = at(c, e, "after") ? 1 : -1;
            e++;
        }
        if (weq(w, "the") && k1 == 0 && q == j + 1) return false;
        if (k1 != 0 && at(c, e, "of")) return false; /* the next day of talks */
        tval a;
        if (!anchor(c, &a)) return false;
        if (k1 == 0) {
            /* "that day", "the same week": the anchor's period */
            tval v = a;
            if (u == U_WEEK && a.g == G_DAY) v = tv_week(tv_days(&a), G_WEEK);
            else if (u == U_MONTH && a.g == G_DAY) v.g = G_MONTH;
            else if (u == U_YEAR) v = (tval){G_YEAR, a.y, 0, 0};
            else if (u == U_DAY && a.g != G_DAY) return false;
            if (v.g == G_DECADE || v.g == G_CENTURY) return false;
            *out = (tmatch){e, q, v, true};
            return true;
        }
        *out = (tmatch){e, q, shift(&a, u, k1), true};
        return out->v.g != G_NONE;
    }
    return false;
}

/* Christmas, New Year's Day/Eve */
static bool m_holiday(const tcx *c, size_t j, tmatch *out) {
    const tw *ws = c->ws;
    int m = 0, d = 0;
    size_t e = j + 1;
    if (weq(&ws[j], "christmas") && ws[j].cap) {
        m = 12, d = 25;
        if (at(c, e, "eve")) d = 24, e++;
        else if (at(c, e, "day")) e++;
        else if (e < c->nw && ws[e].cap) return false; /* "Christmas Charity" */
    } else if (weq(&ws[j], "new") && ws[j].cap && at(c, j + 1, "year") && j + 2 < c->nw &&
               ws[j + 2].punct && (!strcmp(ws[j + 2].s, "'s") || !strcmp(ws[j + 2].s, "\xe2\x80\x99s") ||
                                   wpu(&ws[j + 2], '\''))) {
        size_t k = j + 3;
        if (k < c->nw && ws[k].punct) k++;
        if (at(c, k, "day")) m = 1, d = 1, e = k + 1;
        else if (at(c, k, "eve")) m = 12, d = 31, e = k + 1;
    }
    if (!m || !c->st->have_pub) return false;
    size_t y = skip_p(c, e, ",");
    if (y < c->nw && is_year(&ws[y])) {
        *out = (tmatch){y + 1, j, {G_DAY, ws[y].num, m, d}, false};
        return true;
    }
    *out = (tmatch){e, j, res_md(c->st, m, d, dir_of_tense(c, j, e)), false};
    return true;
}

/* ISO date "2019-01-09" (split at the hyphens by the word cutter). */
static bool m_iso(const tcx *c, size_t j, tmatch *out) {
    const tw *ws = c->ws;
    if (!is_year(&ws[j]) || j + 4 >= c->nw) return false;
    if (!wpu(&ws[j + 1], '-') || !wpu(&ws[j + 3], '-')) return false;
    if (ws[j + 2].ndig != 2 || ws[j + 4].ndig != 2 || ws[j + 2].ord || ws[j + 4].ord) return false;
    if (!valid_ymd(ws[j].num, ws[j + 2].num, ws[j + 4].num)) return false;
    if (ws[j + 1].ce != ws[j + 2].cs || ws[j].ce != ws[j + 1].cs) return false;
    *out = (tmatch){j + 5, j, {G_DAY, ws[j].num, ws[j + 2].num, ws[j + 4].num}, false};
    return true;
}

static bool m_core(const tcx *c, size_t j, tmatch *out) {
    if (j >= c->nw || c->ws[j].punct || !(c->ws[j].kw & KW_CORE)) return false;
    return m_iso(c, j, out) || m_weekday(c, j, -1, out) || m_month(c, j, -1, out) ||
           m_day_month(c, j, out) || m_deictic(c, j, out) || m_ordinal_period(c, j, out) ||
           m_season(c, j, -1, out) || m_relative(c, j, out) || m_holiday(c, j, out) ||
           m_year(c, j, out);
}

/* Modifier before a core: early, late, mid(-), the end/beginning/start/
 * middle/turn of, earlier/later (this week). Returns the core position. */
static size_t modifier(const tcx *c, size_t i) {
    size_t k = i;
    if (i >= c->nw || !(c->ws[i].kw & KW_MOD)) return i;
    if (at(c, k, "early") || at(c, k, "late") || at(c, k, "mid") || at(c, k, "earlier") ||
        at(c, k, "later")) {
        bool el = at(c, k, "earlier") || at(c, k, "later");
        k++;
        if (k < c->nw && wpu(&c->ws[k], '-')) k++;
        if (at(c, k, "on") && !el) k++;
        if (el && !(at(c, k, "this") || at(c, k, "today") || at(c, k, "that") || at(c, k, "in") ||
                    at(c, k, "tonight")))
            return i;
        if (el && at(c, k, "in")) {
            if (at(c, k + 1, "the") && (at(c, k + 2, "week") || at(c, k + 2, "month") ||
                                         at(c, k + 2, "year") || at(c, k + 2, "day")))
                return i;
            k++;
        }
        return k;
    }
    size_t q = k;
    if (at(c, q, "the")) q++;
    if ((at(c, q, "end") || at(c, q, "beginning") || at(c, q, "start") || at(c, q, "middle") ||
         at(c, q, "turn") || at(c, q, "close")) &&
        at(c, q + 1, "of"))
        return q + 2;
    return i;
}

static dyad_status emit(dyad_ctx *ctx, dyad_doc *doc, uint32_t si, const tcx *c, size_t i0,
                        const tmatch *m, dyad_error *err) {
    char val[24];
    int vn = tv_format(&m->v, val, sizeof val);
    if (vn <= 0) return DYAD_OK;
    const dy_sentence *s = c->s;
    const tw *a = &c->ws[i0], *b = &c->ws[m->end - 1];
    dy_mention *mt = dy_mention_push(ctx, doc);
    if (!mt) return dy_err(err, DYAD_ENOMEM, "out of memory");
    mt->kind = DY_MENTION_TIME;
    mt->sent = si;
    mt->tok_start = a->tok;
    mt->tok_end = b->tok + 1;
    mt->head_tok = c->ws[m->head].tok;
    const dy_token *T = doc->toks + s->tok0;
    if (dy_sent_parsed(doc, s)) {
        /* the parse's head: the span token whose head lies outside the span */
        for (uint32_t t = mt->tok_start; t < mt->tok_end; t++)
            if (T[t].head < (int32_t)mt->tok_start || T[t].head >= (int32_t)mt->tok_end) {
                mt->head_tok = t;
                break;
            }
    }
    /* documents built from CoNLL-U have no map: raw = text */
    mt->start = doc->map ? doc->map[a->cs] : a->cs;
    mt->end = doc->map ? doc->map[b->ce] : b->ce;
    mt->text = (dy_str){doc->text.p + a->cs, b->ce - a->cs};
    mt->value = dy_arena_strdup(&ctx->arena, val, (size_t)vn);
    if (!mt->value.p) return dy_err(err, DYAD_ENOMEM, "out of memory");
    return DYAD_OK;
}

dyad_status dy_times_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    tstate st;
    memset(&st, 0, sizeof st);
    st.last_unsure = st.want = -1;
    if (dy_timex_parse_date(doc->date, &st.py, &st.pm, &st.pd)) {
        st.have_pub = true;
        st.pub = dy_days_from_civil(st.py, st.pm, st.pd);
    }
    size_t cap = 0;
    for (size_t si = 0; si < doc->nsent; si++) {
        size_t n = doc->sents[si].cend - doc->sents[si].cstart + 1;
        if (n > cap) cap = n;
    }
    if (cap > 200000) cap = 200000;
    tw *ws = cap ? DY_ANEW(&ctx->arena, tw, cap) : NULL;
    if (cap && !ws) return dy_err(err, DYAD_ENOMEM, "out of memory");
    for (size_t si = 0; si < doc->nsent; si++) {
        const dy_sentence *s = &doc->sents[si];
        size_t nw = 0;
        for (uint32_t t = 0; t < s->ntok; t++) {
            const dy_token *tk = &doc->toks[s->tok0 + t];
            if (tk->cend <= tk->cstart || tk->cend > doc->text.n) continue;
            nw = split_token(doc->text.p, tk->cstart, tk->cend, t, ws, nw, cap);
        }
        for (size_t k = 0; k < nw; k++) ws[k].kw = word_kw(&ws[k]);
        tcx c = {doc, s, ws, nw, &st};
        for (size_t i = 0; i < nw;) {
            if (ws[i].punct) { i++; continue; }
            tmatch m;
            st.unsure = false;
            size_t j = modifier(&c, i);
            bool ok = false;
            if (j != i && m_core(&c, j, &m)) ok = true;
            else if (m_core(&c, i, &m)) ok = true;
            if (st.want >= 0 && (size_t)st.want < doc->nsent) doc->sents[st.want].flags |= DY_SENT_WANT_PARSE;
            st.want = -1;
            if (!ok) { i++; continue; }
            dyad_status r = emit(ctx, doc, (uint32_t)si, &c, i, &m, err);
            if (r != DYAD_OK) return r;
            if (m.v.g != G_DECADE && m.v.g != G_CENTURY) {
                st.last = m.v;
                st.have_last = true;
                st.last_unsure = st.unsure ? (int64_t)si : -1;
            }
            i = m.end > i ? m.end : i + 1;
        }
    }
    return DYAD_OK;
}
