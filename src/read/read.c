/*
 * read.c — the plain-text and JSON Lines readers, format detection, UTF-8
 * repair and date normalisation.  The HTML extractor is in html.c.
 */
#include "read.h"

#include <jansson.h>
#include <stdio.h>

/* MARK: - UTF-8 */

dy_str dy_utf8_repair(dy_arena *a, const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    size_t bad = 0, i = 0;
    while (i < n) {
        size_t k = p[i] ? dy_utf8_valid_len(p + i, n - i) : 0;
        if (k == 0) { bad++; k = 1; }
        i += k;
    }
    if (bad == 0) return dy_arena_strdup(a, s, n);
    if (bad > (SIZE_MAX - n - 1) / 2) return DY_NULLSTR;
    char *out = dy_arena_alloc(a, n + 2 * bad + 1);
    if (!out) return DY_NULLSTR;
    size_t o = 0;
    i = 0;
    while (i < n) {
        size_t k = p[i] ? dy_utf8_valid_len(p + i, n - i) : 0;
        if (k == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        }
    }
    out[o] = 0;
    return (dy_str){out, o};
}

/* True when the bytes look like binary data rather than text: many NULs,
 * control characters or invalid UTF-8 in the first 64 KB. */
static bool looks_binary(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    size_t lim = n < 65536 ? n : 65536, bad = 0, i = 0;
    while (i < lim) {
        unsigned char c = p[i];
        size_t k = 1;
        if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')) bad++;
        else if (c >= 0x80 && (k = dy_utf8_valid_len(p + i, n - i)) == 0) { bad++; k = 1; }
        i += k;
    }
    return bad >= 4 && bad * 10 >= lim;
}

static bool all_space(const char *p, size_t n) {
    return !p || dy_str_trim((dy_str){p, n}).n == 0;
}

/* MARK: - dates */

static int month_of(const char *s, size_t n) {
    static const char *const m[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3) return 0;
    char t[3];
    for (int i = 0; i < 3; i++) {
        char c = s[i];
        t[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    for (int i = 0; i < 12; i++)
        if (!memcmp(t, m[i], 3)) {
            /* The rest must be letters of the month's name (or "t" for Sept). */
            static const char *const full[12] = {"january", "february", "march", "april",
                                                 "may", "june", "july", "august",
                                                 "september", "october", "november",
                                                 "december"};
            if (n > strlen(full[i])) return (i == 8 && n == 4) ? 9 : 0;
            for (size_t k = 3; k < n; k++) {
                char c = s[k];
                if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
                if (c != full[i][k] && !(i == 8 && k == 3 && c == 't')) return 0;
            }
            return i + 1;
        }
    return 0;
}

static bool valid_ymd(int y, int mo, int d) {
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1]) return false;
    if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
    return true;
}

static bool put_ymd(char out[11], int y, int mo, int d) {
    if (!valid_ymd(y, mo, d)) return false;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + mo / 10);
    out[6] = (char)('0' + mo % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = 0;
    return true;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool dy_date_norm(const char *s, size_t n, char out[11]) {
    if (!s) return false;
    dy_str t = dy_str_trim((dy_str){s, n});
    s = t.p;
    n = t.n;
    if (n > 200) n = 200;
    /* ISO-like: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, then anything. */
    if (n >= 8 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3])) {
        int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        char sep = s[4];
        if (sep == '-' || sep == '/' || sep == '.') {
            size_t i = 5;
            int mo = 0, d = 0, k = 0;
            while (i < n && is_digit(s[i]) && k < 2) { mo = mo * 10 + (s[i++] - '0'); k++; }
            if (k == 0 || i >= n || s[i] != sep) return false;
            i++;
            k = 0;
            while (i < n && is_digit(s[i]) && k < 2) { d = d * 10 + (s[i++] - '0'); k++; }
            if (k == 0 || (i < n && is_digit(s[i]))) return false;
            return put_ymd(out, y, mo, d);
        }
        if (is_digit(s[4]) && is_digit(s[5]) && is_digit(s[6]) && is_digit(s[7]) &&
            (n == 8 || !is_digit(s[8]))) {
            int mo = (s[4] - '0') * 10 + (s[5] - '0'), d = (s[6] - '0') * 10 + (s[7] - '0');
            return put_ymd(out, y, mo, d);
        }
        return false;
    }
    /* Words: find a month name, a day (1-2 digits) and a year (4 digits). */
    int y = 0, mo = 0, d = 0;
    size_t i = 0;
    while (i < n) {
        if (is_alpha(s[i])) {
            size_t b = i;
            while (i < n && is_alpha(s[i])) i++;
            int m = month_of(s + b, i - b);
            if (m && !mo) mo = m;
        } else if (is_digit(s[i])) {
            size_t b = i;
            int v = 0;
            while (i < n && is_digit(s[i]) && i - b < 6) v = v * 10 + (s[i++] - '0');
            size_t len = i - b;
            if (i < n && s[i] == ':') { /* a time: skip it */
                while (i < n && (is_digit(s[i]) || s[i] == ':')) i++;
                continue;
            }
            if (len == 4 && !y) y = v;
            else if (len <= 2 && !d && v >= 1 && v <= 31) d = v;
            /* ordinals: 4th, 1st, 22nd */
            while (i < n && is_alpha(s[i]) && i - b < len + 2) i++;
        } else {
            i++;
        }
    }
    if (y && mo && d) return put_ymd(out, y, mo, d);
    return false;
}

void dy_read_set_date(dyad_ctx *ctx, dyad_doc *doc, const char *s, size_t n) {
    char d[11];
    if (doc->date.p || !s || !dy_date_norm(s, n, d)) return;
    doc->date = dy_arena_strdup(&ctx->arena, d, 10);
}

/* MARK: - detection and plain text */

dyad_input dy_read_detect(const char *p, size_t n) {
    size_t i = 0;
    if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')) i++;
    if (i < n && p[i] == '<') return DYAD_INPUT_HTML;
    if (i < n && p[i] == '{') return DYAD_INPUT_JSONL;
    return DYAD_INPUT_TEXT;
}

static dyad_status check_size(size_t n, dyad_error *err) {
    if (n > DY_READ_MAX_BYTES)
        return dy_err(err, DYAD_ELIMIT, "document too large: %zu bytes (the limit is %zu MiB)", n,
                      DY_READ_MAX_BYTES >> 20);
    return DYAD_OK;
}

dyad_status dy_read_text(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err) {
    dyad_status st = check_size(n, err);
    if (st != DYAD_OK) return st;
    if (n == 0 || all_space(p, n)) return dy_err(err, DYAD_EINPUT, "empty document: no text");
    if (looks_binary(p, n))
        return dy_err(err, DYAD_EINPUT, "binary data, not text (UTF-8 expected)");
    doc->raw = dy_utf8_repair(&ctx->arena, p, n);
    if (!doc->raw.p) return dy_err(err, DYAD_ENOMEM, "out of memory");
    return DYAD_OK;
}

/* MARK: - JSON Lines */

static const char *json_kind(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* A string field: absent or null → *out unchanged, true.  Else false with
 * err set when it is not a string. */
static bool get_string(json_t *o, const char *key, const char **s, size_t *n, dyad_error *err) {
    json_t *v = json_object_get(o, key);
    *s = NULL;
    *n = 0;
    if (!v || json_is_null(v)) return true;
    if (!json_is_string(v)) {
        dy_err(err, DYAD_EINPUT, "field \"%s\" must be a string, not %s", key, json_kind(v));
        return false;
    }
    *s = json_string_value(v);
    *n = json_string_length(v);
    return true;
}

static dyad_status set_field(dyad_ctx *ctx, dy_str *dst, json_t *o, const char *key,
                             dyad_error *err) {
    const char *s;
    size_t n;
    if (!get_string(o, key, &s, &n, err)) return DYAD_EINPUT;
    if (!s || dst->p) return DYAD_OK;
    dy_str t = dy_str_trim((dy_str){s, n});
    *dst = dy_utf8_repair(&ctx->arena, t.p, t.n);
    return dst->p ? DYAD_OK : dy_err(err, DYAD_ENOMEM, "out of memory");
}

static dyad_status jsonl_fill(dyad_ctx *ctx, dyad_doc *doc, json_t *o, dyad_error *err) {
    dyad_status st;
    /* id: a string or an integer. */
    json_t *id = json_object_get(o, "id");
    if (id && json_is_integer(id)) {
        if (!doc->id.p) {
            char t[32];
            int k = snprintf(t, sizeof t, "%lld", (long long)json_integer_value(id));
            doc->id = dy_arena_strdup(&ctx->arena, t, (size_t)k);
        }
    } else if (id && !json_is_null(id) && !json_is_string(id)) {
        return dy_err(err, DYAD_EINPUT, "field \"id\" must be a string or an integer, not %s",
                      json_kind(id));
    } else if ((st = set_field(ctx, &doc->id, o, "id", err)) != DYAD_OK) {
        return st;
    }
    if ((st = set_field(ctx, &doc->title, o, "title", err)) != DYAD_OK ||
        (st = set_field(ctx, &doc->source, o, "source", err)) != DYAD_OK ||
        (st = set_field(ctx, &doc->url, o, "url", err)) != DYAD_OK)
        return st;
    /* date, or the names other feeds use for it. */
    static const char *const date_keys[] = {"date", "published", "published_at", "datePublished",
                                            "pubdate"};
    for (size_t k = 0; k < sizeof date_keys / sizeof *date_keys; k++) {
        const char *s;
        size_t n;
        if (!get_string(o, date_keys[k], &s, &n, err)) return DYAD_EINPUT;
        if (s) dy_read_set_date(ctx, doc, s, n);
    }
    const char *text, *html;
    size_t tn, hn;
    if (!get_string(o, "text", &text, &tn, err) || !get_string(o, "html", &html, &hn, err))
        return DYAD_EINPUT;
    if (text) {
        if (all_space(text, tn)) return dy_err(err, DYAD_EINPUT, "empty document: \"text\" is blank");
        doc->raw = dy_utf8_repair(&ctx->arena, text, tn);
        if (!doc->raw.p) return dy_err(err, DYAD_ENOMEM, "out of memory");
    } else if (html) {
        doc->input = DYAD_INPUT_HTML;
        st = dy_html_extract(ctx, doc, html, hn, err);
        if (st != DYAD_OK) return st;
    } else {
        return dy_err(err, DYAD_EINPUT, "no \"text\" or \"html\" field");
    }
    if (!doc->id.p) {
        /* A stable id from the content: "sha-" and 16 hex digits of FNV-1a. */
        char t[32];
        uint64_t h = dy_hash(doc->raw.p, doc->raw.n);
        if (doc->url.p) h ^= dy_hash(doc->url.p, doc->url.n) * 31;
        int k = snprintf(t, sizeof t, "doc-%016llx", (unsigned long long)h);
        doc->id = dy_arena_strdup(&ctx->arena, t, (size_t)k);
        if (!doc->id.p) return dy_err(err, DYAD_ENOMEM, "out of memory");
    }
    return DYAD_OK;
}

dyad_status dy_read_jsonl(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err) {
    dyad_status st = check_size(n, err);
    if (st != DYAD_OK) return st;
    if (n == 0 || all_space(p, n)) return dy_err(err, DYAD_EINPUT, "empty line: no JSON object");
    /* jansson refuses invalid UTF-8: repair it first (the arena copy is
     * released with the document). */
    dy_str fixed = dy_utf8_repair(&ctx->arena, p, n);
    if (!fixed.p) return dy_err(err, DYAD_ENOMEM, "out of memory");
    json_error_t je;
    json_t *o = json_loadb(fixed.p, fixed.n, JSON_ALLOW_NUL | JSON_DISABLE_EOF_CHECK, &je);
    if (!o) {
        if (je.position >= (int)fixed.n - 1 || strstr(je.text, "end of file") ||
            strstr(je.text, "premature"))
            return dy_err(err, DYAD_EINPUT, "truncated JSON: the line ends inside the object (%s)",
                          je.text);
        return dy_err(err, DYAD_EINPUT, "bad JSON at column %d: %s", je.column, je.text);
    }
    /* Only white space may follow the object. */
    size_t used = je.position > 0 ? (size_t)je.position : 0;
    if (used < fixed.n && !all_space(fixed.p + used, fixed.n - used)) {
        json_decref(o);
        return dy_err(err, DYAD_EINPUT, "bad JSON: text after the object at column %zu", used + 1);
    }
    if (!json_is_object(o)) {
        st = dy_err(err, DYAD_EINPUT, "expected a JSON object, got %s", json_kind(o));
        json_decref(o);
        return st;
    }
    st = jsonl_fill(ctx, doc, o, err);
    json_decref(o);
    return st;
}

dyad_status dy_read_html(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n, dyad_error *err) {
    dyad_status st = check_size(n, err);
    if (st != DYAD_OK) return st;
    if (n == 0 || all_space(p, n)) return dy_err(err, DYAD_EINPUT, "empty document: no HTML");
    if (looks_binary(p, n))
        return dy_err(err, DYAD_EINPUT, "binary data, not HTML (UTF-8 expected)");
    return dy_html_extract(ctx, doc, p, n, err);
}
