/*
 * tokenize.c — cut a paragraph of cleaned text into tokens, UD English-EWT
 * style.  One left-to-right pass over whitespace-separated chunks; within a
 * chunk, words are scanned with their inner connectors (hyphens, decimal
 * points, thousands commas, apostrophes, initials' periods) and everything
 * else becomes punctuation or symbol tokens.  Linear in the input: every
 * look-ahead is bounded or consumes what it scans.
 */
#include <string.h>

#include "seg_internal.h"

/* MARK: - Character classes */

int dy_seg_class(uint32_t c) {
    if (c < 0x80) {
        if (c <= 0x20 || c == 0x7F) return DY_CC_SPACE; /* controls count as space */
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return DY_CC_WORD;
        if (c >= '0' && c <= '9') return DY_CC_WORD;
        if (c == '_') return DY_CC_WORD;
        return DY_CC_OTHER;
    }
    if (c < 0xA0) return DY_CC_SPACE; /* C1 controls, NEL */
    if (c == 0xA0) return DY_CC_SPACE;
    if (c < 0xC0) { /* Latin-1 punctuation and symbols; keep the letter-like ones */
        if (c == 0xAA || c == 0xB5 || c == 0xBA || c == 0xAD || c == 0xB2 || c == 0xB3 ||
            c == 0xB9 || (c >= 0xBC && c <= 0xBE))
            return DY_CC_WORD;
        return DY_CC_OTHER;
    }
    if (c == 0xD7 || c == 0xF7) return DY_CC_OTHER;
    if (c < 0x2000) return DY_CC_WORD;
    if (c <= 0x200B || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F) return DY_CC_SPACE;
    if (c == 0x200C || c == 0x200D) return DY_CC_WORD; /* joiners */
    if (c <= 0x206F) return DY_CC_OTHER;               /* general punctuation */
    if (c >= 0x20A0 && c <= 0x20CF) return DY_CC_OTHER; /* currency */
    if (c >= 0x2100 && c <= 0x214F) return DY_CC_OTHER; /* letterlike symbols */
    if (c >= 0x2190 && c <= 0x2BFF) return DY_CC_OTHER; /* arrows, math, shapes */
    if (c >= 0x2E00 && c <= 0x2E7F) return DY_CC_OTHER;
    if (c == 0x3000 || c == 0xFEFF) return DY_CC_SPACE;
    if (c >= 0x3001 && c <= 0x303F) return DY_CC_OTHER;
    if (c >= 0xFE10 && c <= 0xFE6F) return DY_CC_OTHER;
    if ((c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
        (c >= 0xFF5B && c <= 0xFF65))
        return DY_CC_OTHER;
    if (c == 0xFFFD || (c >= 0xFFF0 && c <= 0xFFFF)) return DY_CC_OTHER;
    if (c >= 0x1F000 && c <= 0x1FAFF) return DY_CC_OTHER; /* emoji and pictographs */
    return DY_CC_WORD;
}

bool dy_seg_upper(uint32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
    if (c >= 0x100 && c <= 0x137) return (c & 1) == 0;
    if (c >= 0x139 && c <= 0x148) return (c & 1) == 1;
    if (c >= 0x14A && c <= 0x177) return (c & 1) == 0;
    if (c == 0x178 || c == 0x179 || c == 0x17B || c == 0x17D) return true;
    if (c >= 0x391 && c <= 0x3AB) return true;
    if (c >= 0x400 && c <= 0x42F) return true;
    if (c >= 0x1E00 && c <= 0x1EFF) return (c & 1) == 0;
    return false;
}

bool dy_seg_lower(uint32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z';
    if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
    if (c >= 0x100 && c <= 0x17F) return !dy_seg_upper(c) && c != 0x138;
    if (c >= 0x3AC && c <= 0x3CE) return true;
    if (c >= 0x430 && c <= 0x45F) return true;
    if (c >= 0x1E00 && c <= 0x1EFF) return (c & 1) == 1;
    return false;
}

/* MARK: - Emitting */

static dyad_status push(dy_seg *S, size_t b, size_t e, int kind, dyad_error *err) {
    dyad_doc *d = S->doc;
    if (d->ntok == S->cap) {
        size_t nc = S->cap ? S->cap * 2 : 256;
        if (nc > UINT32_MAX) return dy_err(err, DYAD_ELIMIT, "too many tokens");
        dy_token *t = dy_arena_grow(S->A, d->toks, d->ntok, nc, sizeof *t);
        uint8_t *k = dy_arena_grow(S->A, S->kind, d->ntok, nc, 1);
        if (!t || !k) return dy_err(err, DYAD_ENOMEM, "out of memory segmenting");
        d->toks = t;
        S->kind = k;
        S->cap = nc;
    }
    dy_token *t = &d->toks[d->ntok];
    memset(t, 0, sizeof *t);
    t->cstart = (uint32_t)b;
    t->cend = (uint32_t)e;
    t->form = (dy_str){d->text.p + b, e - b};
    t->head = -1;
    S->kind[d->ntok++] = (uint8_t)kind;
    return DYAD_OK;
}

/* MARK: - Scanning helpers */

typedef const unsigned char *ucp;

static inline uint32_t cp_at(ucp p, size_t k, size_t e, size_t *l) {
    if (k >= e) { *l = 0; return 0; }
    return dy_u8dec(p + k, e - k, l);
}

static inline bool word_at(ucp p, size_t k, size_t e) {
    size_t l;
    return k < e && dy_seg_class(cp_at(p, k, e, &l)) == DY_CC_WORD;
}

static inline bool letter_cp(uint32_t c) {
    return dy_seg_class(c) == DY_CC_WORD && !(c >= '0' && c <= '9') && c != '_';
}

static inline bool digit_at(ucp p, size_t k, size_t e) { return k < e && p[k] >= '0' && p[k] <= '9'; }
static inline bool alpha_at(ucp p, size_t k, size_t e) {
    return k < e && ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z');
}

/* Length of an apostrophe (' or ’) at k, else 0. */
static inline size_t apos_at(ucp p, size_t k, size_t e) {
    if (k < e && p[k] == '\'') return 1;
    if (k + 3 <= e && p[k] == 0xE2 && p[k + 1] == 0x80 && p[k + 2] == 0x99) return 3;
    return 0;
}

/* Length of a hyphen joining word parts at k (- U+2010 U+2011), else 0. */
static inline size_t hyphen_at(ucp p, size_t k, size_t e) {
    if (k < e && p[k] == '-') return 1;
    if (k + 3 <= e && p[k] == 0xE2 && p[k + 1] == 0x80 && (p[k + 2] == 0x90 || p[k + 2] == 0x91)) return 3;
    return 0;
}

/* Clitic after an apostrophe: s re ve ll d m (any case), then no letter. */
static size_t clitic_len(ucp p, size_t k, size_t e) {
    static const char *const cl[] = {"s", "re", "ve", "ll", "d", "m"};
    for (size_t i = 0; i < sizeof cl / sizeof *cl; i++) {
        size_t n = strlen(cl[i]), j;
        if (k + n > e) continue;
        for (j = 0; j < n; j++)
            if ((p[k + j] | 0x20) != (unsigned char)cl[i][j]) break;
        if (j == n && !word_at(p, k + n, e)) return n;
    }
    return 0;
}

/* Letters of a short initials group after a period ("S" in "U.S"): 1-2
 * ASCII letters followed by '.' or a non-letter. */
static bool short_group(ucp p, size_t k, size_t e) {
    size_t n = 0;
    while (alpha_at(p, k + n, e) && n < 3) n++;
    if (n == 0 || n > 2) return false;
    size_t l;
    uint32_t c = cp_at(p, k + n, e, &l);
    return k + n >= e || c == '.' || !letter_cp(c);
}

/* MARK: - Words */

/* Scan a word from k (a word character) to its end: word characters joined
 * by hyphens, decimal points, thousands commas, clock colons, slashes,
 * ampersands (AT&T), apostrophes and initials' periods; a final period when
 * the word is an abbreviation.  *abbr gets the abbreviation kind. */
static size_t scan_word(ucp p, size_t k, size_t e, int *abbr) {
    size_t j = k, part = k; /* part: start of the current hyphen/slash part */
    size_t grp = 0;         /* letters in the current period-separated group */
    bool grp_alpha = true;
    uint32_t prev = 0;
    *abbr = DY_TK_WORD;
    for (;;) {
        while (j < e) {
            unsigned char a = p[j];
            if (a < 0x80) { /* ASCII fast path */
                if ((a | 0x20) >= 'a' && (a | 0x20) <= 'z') { grp++; prev = a; j++; continue; }
                if ((a >= '0' && a <= '9') || a == '_') { grp_alpha = false; grp++; prev = a; j++; continue; }
                break;
            }
            size_t l;
            uint32_t c = cp_at(p, j, e, &l);
            if (dy_seg_class(c) != DY_CC_WORD) break;
            if (!(c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) grp_alpha = false;
            grp++;
            prev = c;
            j += l;
        }
        if (j >= e) return j;
        unsigned char ch = p[j];
        bool pdig = prev >= '0' && prev <= '9';
        size_t hl = hyphen_at(p, j, e);
        if (hl && word_at(p, j + hl, e)) {
            j += hl; part = j; grp = 0; grp_alpha = true;
            continue;
        }
        if (ch == '.') {
            if (pdig && digit_at(p, j + 1, e)) { j++; grp = 0; continue; }
            if (grp_alpha && grp <= 2 && short_group(p, j + 1, e)) {
                j++; grp = 0; grp_alpha = true;
                continue;
            }
            /* A final period belongs to an abbreviation, not before "..". */
            if (!(j + 1 < e && p[j + 1] == '.')) {
                int kind = dy_seg_abbrev((const char *)p + part, j + 1 - part);
                if (kind != DY_TK_WORD) {
                    j++;
                    *abbr = kind;
                    size_t h2 = hyphen_at(p, j, e);
                    if (h2 && word_at(p, j + h2, e)) { /* U.S.-backed */
                        j += h2; part = j; grp = 0; grp_alpha = true; *abbr = DY_TK_WORD;
                        continue;
                    }
                }
            }
            return j;
        }
        if (ch == ',' && pdig && digit_at(p, j + 1, e) && digit_at(p, j + 2, e) && digit_at(p, j + 3, e) &&
            !digit_at(p, j + 4, e)) {
            j += 4; prev = '0'; grp = 0;
            continue;
        }
        if (ch == ':' && pdig && digit_at(p, j + 1, e)) { j++; grp = 0; continue; }
        if (ch == '/' && word_at(p, j + 1, e)) { j++; part = j; grp = 0; grp_alpha = true; continue; }
        if (ch == '&' && prev < 0x80 && ((prev | 0x20) >= 'a' && (prev | 0x20) <= 'z') && alpha_at(p, j + 1, e)) {
            j++; continue;
        }
        size_t al = apos_at(p, j, e);
        if (al) {
            size_t l;
            uint32_t c = cp_at(p, j + al, e, &l);
            if (l && letter_cp(c)) { j += al; grp = 0; grp_alpha = false; continue; }
        }
        return j;
    }
}

static bool ieq(ucp p, size_t n, const char *w) {
    if (strlen(w) != n) return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != (unsigned char)w[i]) return false;
    return true;
}

/* Emit word [k, w), splitting EWT clitics: n't 's 're 've 'll 'd 'm and
 * cannot / gonna / wanna / gotta. */
static dyad_status emit_word(dy_seg *S, ucp p, size_t k, size_t w, int abbr, dyad_error *err) {
    if (abbr != DY_TK_WORD) return push(S, k, w, abbr, err);
    size_t n = w - k;
    if (n == 6 && ieq(p + k, 6, "cannot")) {
        if (push(S, k, k + 3, DY_TK_WORD, err)) return DYAD_ENOMEM;
        return push(S, k + 3, w, DY_TK_WORD, err);
    }
    if (n == 5 && (ieq(p + k, 5, "gonna") || ieq(p + k, 5, "wanna") || ieq(p + k, 5, "gotta"))) {
        if (push(S, k, k + 3, DY_TK_WORD, err)) return DYAD_ENOMEM;
        return push(S, k + 3, w, DY_TK_WORD, err);
    }
    /* The last apostrophe within the word's last 5 bytes. */
    size_t a = 0, al = 0;
    for (size_t i = w; i > k && w - i < 6; i--) {
        size_t x = i - 1;
        if (p[x] == '\'') { a = x; al = 1; break; }
        if (x >= k + 2 && p[x] == 0x99 && p[x - 1] == 0x80 && p[x - 2] == 0xE2) { a = x - 2; al = 3; break; }
    }
    if (al && a > k) {
        size_t tail = w - (a + al);
        if (tail == 1 && (p[a + al] | 0x20) == 't' && (p[a - 1] | 0x20) == 'n' && a - 1 > k) {
            if (push(S, k, a - 1, DY_TK_WORD, err)) return DYAD_ENOMEM;
            return push(S, a - 1, w, DY_TK_WORD, err);
        }
        if (tail && clitic_len(p, a + al, w) == tail) {
            if (push(S, k, a, DY_TK_WORD, err)) return DYAD_ENOMEM;
            return push(S, a, w, DY_TK_WORD, err);
        }
    }
    return push(S, k, w, DY_TK_WORD, err);
}

/* MARK: - URLs, e-mails, domains */

static bool iprefix(ucp p, size_t k, size_t e, const char *s) {
    size_t n = strlen(s);
    if (k + n > e) return false;
    for (size_t i = 0; i < n; i++)
        if ((p[k + i] | 0x20) != (unsigned char)s[i]) return false;
    return true;
}

static bool is_url_trail(ucp p, size_t k, size_t e, size_t *l) {
    uint32_t c = cp_at(p, k, e, l);
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == '\'' ||
           c == ')' || c == ']' || c == '}' || c == 0x2019 || c == 0x201D || c == 0xBB || c == 0x2026;
}

/* Drop trailing punctuation from [k, u); keep a ')' closing a '(' inside. */
static size_t trim_url(ucp p, size_t k, size_t u) {
    size_t opens = 0, closes = 0;
    for (size_t i = k; i < u; i++) {
        if (p[i] == '(') opens++;
        else if (p[i] == ')') closes++;
    }
    while (u > k) {
        size_t b = u - 1;
        while (b > k && (p[b] & 0xC0) == 0x80) b--;
        size_t l;
        if (!is_url_trail(p, b, u, &l) || b + l != u) break;
        if (p[b] == ')' && opens >= closes) break;
        if (p[b] == ')') closes--;
        u = b;
    }
    return u;
}

static bool url_char(unsigned char c) { return c > 0x20 && c != 0x7F; }

static const char *const tlds[] = {"com", "org", "net", "gov", "edu", "int", "mil", "io", "info", "uk",
                                   "us", "ca", "au", "de", "fr", "ru", "cn", "jp", "eu", "ly", "ua",
                                   "il", "ps", "ke", "ng", "za", "tv", "news", "ir"};

/* At a chunk start (or after an opener): a URL, e-mail address or bare
 * domain (bbc.co.uk) running from k; its end, or k when there is none. */
static size_t special_at(ucp p, size_t k, size_t e) {
    if (iprefix(p, k, e, "http://") || iprefix(p, k, e, "https://") || iprefix(p, k, e, "www.") ||
        iprefix(p, k, e, "ftp://")) {
        size_t u = k;
        while (u < e && url_char(p[u])) u++;
        u = trim_url(p, k, u);
        return u > k + 4 ? u : k;
    }
    /* local@domain.tld */
    size_t j = k;
    while (j < e && (alpha_at(p, j, e) || digit_at(p, j, e) || p[j] == '.' || p[j] == '_' || p[j] == '%' ||
                     p[j] == '+' || p[j] == '-'))
        j++;
    if (j > k && j < e && p[j] == '@') {
        size_t d = j + 1, lastdot = 0;
        while (d < e && (alpha_at(p, d, e) || digit_at(p, d, e) || p[d] == '.' || p[d] == '-')) d++;
        while (d > j + 1 && (p[d - 1] == '.' || p[d - 1] == '-')) d--;
        for (size_t x = j + 1; x < d; x++)
            if (p[x] == '.') lastdot = x;
        if (lastdot > j + 1 && lastdot + 1 < d) return d;
        return k;
    }
    /* bare domain: name(.name)*.tld, lowercase tld, not followed by a word char */
    if (j > k && alpha_at(p, k, e)) {
        size_t end = j;
        while (end > k && (p[end - 1] == '.' || p[end - 1] == '-')) end--;
        size_t dot = end;
        while (dot > k && p[dot - 1] != '.') dot--;
        if (dot <= k + 2 || word_at(p, j, e) || (j < e && p[j] == '@')) return k;
        size_t tl = end - dot;
        for (size_t i = 0; i < sizeof tlds / sizeof *tlds; i++)
            if (strlen(tlds[i]) == tl && !memcmp(p + dot, tlds[i], tl)) {
                /* every label alphanumeric or hyphen, none empty */
                for (size_t x = k; x < end; x++)
                    if (p[x] == '.' && (x == k || p[x - 1] == '.')) return k;
                for (size_t x = k; x < end; x++)
                    if (p[x] == '_' || p[x] == '%' || p[x] == '+') return k;
                return end;
            }
    }
    return k;
}

/* MARK: - Chunks */

/* Zero-width modifiers that stay with the symbol before them (emoji
 * variation selectors, joiners, skin tones, keycaps, tags). */
static bool modifier(uint32_t c) {
    return (c >= 0xFE00 && c <= 0xFE0F) || c == 0x200D || c == 0x20E3 || (c >= 0x1F3FB && c <= 0x1F3FF) ||
           (c >= 0xE0020 && c <= 0xE007F);
}

static bool run_char(uint32_t c) {
    return c == '-' || c == '_' || c == '=' || c == '*' || c == '~' || c == '#' || c == '+' ||
           (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2026 || c == 0x2022 || c == 0xB7;
}

static dyad_status tok_chunk(dy_seg *S, size_t b, size_t e, dyad_error *err) {
    ucp p = (ucp)S->doc->text.p;
    size_t k = b;
    bool at_start = true;
    while (k < e) {
        size_t l;
        uint32_t c = cp_at(p, k, e, &l);
        int kind = DY_TK_PUNCT;
        if (at_start && (c < 0x80 && (c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' || c == 'F' ||
                                      alpha_at(p, k, e) || digit_at(p, k, e)))) {
            size_t u = special_at(p, k, e);
            if (u > k) {
                if (push(S, k, u, DY_TK_WORD, err)) return DYAD_ENOMEM;
                k = u; at_start = false;
                continue;
            }
        }
        if (dy_seg_class(c) == DY_CC_WORD) {
            int abbr;
            size_t w = scan_word(p, k, e, &abbr);
            if (emit_word(S, p, k, w, abbr, err)) return DYAD_ENOMEM;
            k = w; at_start = false;
            continue;
        }
        size_t m = k + l;
        switch (c) {
        case '\'':
        case 0x2019: {
            /* '90s */
            if (at_start && digit_at(p, m, e) && digit_at(p, m + 1, e)) {
                size_t x = m + 2;
                if (x < e && p[x] == 's') x++;
                if (!word_at(p, x, e)) { m = x; kind = DY_TK_WORD; break; }
            }
            /* a clitic after an abbreviation or other token: U.S.'s */
            size_t cl = k > b ? clitic_len(p, m, e) : 0;
            if (cl && (p[k - 1] == '.' || word_at(p, k - 1, e))) { m += cl; kind = DY_TK_WORD; break; }
            kind = (at_start && m < e) ? DY_TK_OPEN : DY_TK_CLOSE;
            break;
        }
        case '"':
            kind = (at_start && m < e) ? DY_TK_OPEN : DY_TK_CLOSE;
            break;
        case 0x2018: case 0x201C: case 0x201E: case 0x201A: case 0xAB: case 0x2039:
        case '(': case '[': case '{':
            kind = DY_TK_OPEN;
            break;
        case 0x201D: case 0xBB: case 0x203A: case ')': case ']': case '}':
            kind = DY_TK_CLOSE;
            break;
        case '.': case '?': case '!': {
            bool qe = c != '.';
            size_t dots = 1;
            while (m < e && (p[m] == '.' || p[m] == '?' || p[m] == '!')) {
                if (p[m] != '.') qe = true;
                else dots++;
                m++;
            }
            kind = qe ? DY_TK_FINAL_QE : (dots >= 3 ? DY_TK_ELLIPSIS : DY_TK_FINAL);
            break;
        }
        case 0x2026:
            while (m < e) {
                size_t l2;
                uint32_t c2 = cp_at(p, m, e, &l2);
                if (c2 != 0x2026 && c2 != '.') break;
                m += l2;
            }
            kind = DY_TK_ELLIPSIS;
            break;
        case '@': case '#':
            if (m < e && (alpha_at(p, m, e) || digit_at(p, m, e) || p[m] == '_')) {
                while (m < e && (alpha_at(p, m, e) || digit_at(p, m, e) || p[m] == '_')) m++;
                kind = DY_TK_WORD;
                break;
            }
            kind = DY_TK_SYM;
            break;
        case ',': case ';': case ':':
            kind = DY_TK_PUNCT;
            break;
        default:
            if (run_char(c)) {
                for (;;) {
                    size_t l2;
                    uint32_t c2 = cp_at(p, m, e, &l2);
                    if (!l2 || c2 != c) break;
                    m += l2;
                }
                kind = DY_TK_PUNCT;
            } else {
                kind = (c == '/' || c == '\\' || c == '&' || c == '%' || c == '$' || c == '+' || c == '<' ||
                        c == '>' || c == '=' || c == '|' || c == '^' || c == '`' || c >= 0x80)
                           ? DY_TK_SYM
                           : DY_TK_PUNCT;
                for (;;) {
                    size_t l2;
                    uint32_t c2 = cp_at(p, m, e, &l2);
                    if (!l2 || !modifier(c2)) break;
                    m += l2;
                    if (c2 == 0x200D && m < e) { /* joined pictograph */
                        cp_at(p, m, e, &l2);
                        m += l2;
                    }
                }
            }
            break;
        }
        if (push(S, k, m, kind, err)) return DYAD_ENOMEM;
        at_start = kind == DY_TK_OPEN;
        k = m;
    }
    return DYAD_OK;
}

dyad_status dy_seg_tokenize(dy_seg *S, size_t b, size_t e, dyad_error *err) {
    ucp p = (ucp)S->doc->text.p;
    size_t i = b;
    while (i < e) {
        if (p[i] < 0x80) { /* fast path for ASCII spaces */
            if (p[i] <= 0x20 || p[i] == 0x7F) { i++; continue; }
        } else {
            size_t l;
            uint32_t c = dy_u8dec(p + i, e - i, &l);
            if (dy_seg_class(c) == DY_CC_SPACE) { i += l; continue; }
        }
        size_t j = i;
        while (j < e) {
            if (p[j] < 0x80) {
                if (p[j] <= 0x20 || p[j] == 0x7F) break;
                j++;
            } else {
                size_t l;
                uint32_t c = dy_u8dec(p + j, e - j, &l);
                if (dy_seg_class(c) == DY_CC_SPACE) break;
                j += l;
            }
        }
        dyad_status st = tok_chunk(S, i, j, err);
        if (st) return st;
        i = j;
    }
    return DYAD_OK;
}
