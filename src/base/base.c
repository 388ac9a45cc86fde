/*
 * base.c — allocation, the document arena, the growable buffer, JSON string
 * escaping and error filling.  See base.h for the contracts.
 */
#include "base.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

/* MARK: - strings */

const char *const DY_STATUS_NAMES[DY_STATUS_NSTATUS] = {"asserted", "reported", "alleged",
                                                      "denied",   "negated",  "hypothetical"};

int dy_status_index(const char *name, size_t n) {
    for (int k = 0; k < DY_STATUS_NSTATUS; k++)
        if (strlen(DY_STATUS_NAMES[k]) == n && !memcmp(DY_STATUS_NAMES[k], name, n)) return k;
    return -1;
}

bool dy_status_set(const char *list, unsigned *set) {
    if (!list) return false;
    if (!strcmp(list, "all")) {
        *set = DY_STATUS_ALL;
        return true;
    }
    unsigned s = 0;
    for (const char *p = list;;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        int k = dy_status_index(p, n);
        if (k < 0) return false;
        s |= 1u << k;
        if (!e) break;
        p = e + 1;
    }
    *set = s;
    return true;
}

bool dy_str_ieq(dy_str a, dy_str b) {
    if (a.n != b.n) return false;
    for (size_t i = 0; i < a.n; i++) {
        unsigned char x = (unsigned char)a.p[i], y = (unsigned char)b.p[i];
        if (x >= 'A' && x <= 'Z') x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (unsigned char)(y + 32);
        if (x != y) return false;
    }
    return true;
}

/* Length of a Unicode space at p (ASCII space/tab/CR/LF, U+00A0, U+2000-200B,
 * U+202F, U+205F, U+3000, U+FEFF), else 0. */
static size_t space_len(const unsigned char *p, size_t n) {
    if (n >= 1 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\n' || p[0] == '\r' ||
                   p[0] == '\f' || p[0] == '\v'))
        return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 2;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF)) return 3;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) return 3;
    if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return 3;
    return 0;
}

dy_str dy_str_trim(dy_str s) {
    const unsigned char *p = (const unsigned char *)s.p;
    size_t a = 0, b = s.n, k;
    while (a < b && (k = space_len(p + a, b - a)) > 0) a += k;
    for (;;) {
        if (b > a && space_len(p + b - 1, 1) == 1) { b--; continue; }
        if (b >= a + 2 && space_len(p + b - 2, 2) == 2) { b -= 2; continue; }
        if (b >= a + 3 && space_len(p + b - 3, 3) == 3) { b -= 3; continue; }
        break;
    }
    return (dy_str){s.p + a, b - a};
}

uint64_t dy_hash(const void *p, size_t n) {
    const unsigned char *s = p;
    uint64_t h = DY_FNV_BASIS;
    for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= DY_FNV_PRIME; }
    return h;
}

/* MARK: - allocation */

static void *std_malloc(size_t n, void *ud) { (void)ud; return malloc(n); }
static void *std_realloc(void *p, size_t n, void *ud) { (void)ud; return realloc(p, n); }
static void std_free(void *p, void *ud) { (void)ud; free(p); }
static const dyad_allocator std_alloc = {std_malloc, std_realloc, std_free, NULL};

const dyad_allocator *dyad_default_allocator(void) { return &std_alloc; }

void *dy_malloc(const dyad_allocator *a, size_t n) {
    if (n == SIZE_MAX) return NULL;
    return a->malloc(n ? n : 1, a->ud);
}
void *dy_malloc_big(const dyad_allocator *a, size_t n) {
    void *p = dy_malloc(a, n);
#ifdef MADV_HUGEPAGE
    /* the 2 MB pages inside the block: a model table of tens of MB is then
     * a few dozen page faults instead of thousands (a hint: ignored where
     * transparent huge pages are off) */
    const uintptr_t H = (uintptr_t)2 << 20;
    uintptr_t b = ((uintptr_t)p + H - 1) & ~(H - 1), e = ((uintptr_t)p + n) & ~(H - 1);
    if (p && e > b) madvise((void *)b, e - b, MADV_HUGEPAGE);
#endif
    return p;
}
void *dy_realloc(const dyad_allocator *a, void *p, size_t n) {
    if (n == SIZE_MAX) return NULL;
    return a->realloc(p, n ? n : 1, a->ud);
}
void dy_free(const dyad_allocator *a, void *p) {
    if (p) a->free(p, a->ud);
}

/* MARK: - arena */

struct dy_arena_block {
    dy_arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

#define ARENA_MIN_BLOCK ((size_t)64 * 1024)

void dy_arena_init(dy_arena *a, const dyad_allocator *alloc) {
    a->alloc = alloc ? alloc : &std_alloc;
    a->head = NULL;
    a->used_total = 0;
    a->limit = 0;
}

void *dy_arena_alloc(dy_arena *a, size_t n) {
    if (n > SIZE_MAX - 32) return NULL;
    n = (n + 15) & ~(size_t)15;
    if (a->limit && a->used_total + n > a->limit) return NULL;
    dy_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_MIN_BLOCK ? n : ARENA_MIN_BLOCK;
        if (b && b->size * 2 > size && b->size < ((size_t)16 << 20)) size = b->size * 2;
        dy_arena_block *nb = dy_malloc(a->alloc, sizeof *nb + size);
        if (!nb) return NULL;
        nb->size = size;
        nb->used = 0;
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->used_total += n;
    return p;
}

void *dy_arena_zalloc(dy_arena *a, size_t n) {
    void *p = dy_arena_alloc(a, n);
    if (p) memset(p, 0, n);
    return p;
}

void *dy_arena_grow(dy_arena *a, void *old, size_t old_n, size_t new_n, size_t size) {
    size_t bytes = dy_mul(new_n, size);
    void *p = dy_arena_alloc(a, bytes);
    if (p && old && old_n) memcpy(p, old, dy_mul(old_n < new_n ? old_n : new_n, size));
    return p;
}

dy_str dy_arena_strdup(dy_arena *a, const char *p, size_t n) {
    char *s = dy_arena_alloc(a, n + 1);
    if (!s) return DY_NULLSTR;
    if (n) memcpy(s, p, n);
    s[n] = 0;
    return (dy_str){s, n};
}

void dy_arena_reset(dy_arena *a) {
    dy_arena_block *b = a->head;
    if (!b) return;
    /* Keep the largest (most recent) block, free the rest. */
    dy_arena_block *rest = b->next;
    while (rest) {
        dy_arena_block *nx = rest->next;
        dy_free(a->alloc, rest);
        rest = nx;
    }
    b->next = NULL;
    b->used = 0;
    a->used_total = 0;
}

void dy_arena_free(dy_arena *a) {
    dy_arena_block *b = a->head;
    while (b) {
        dy_arena_block *nx = b->next;
        dy_free(a->alloc, b);
        b = nx;
    }
    a->head = NULL;
    a->used_total = 0;
}

/* MARK: - buffer */

void dy_buf_init(dy_buf *b, const dyad_allocator *alloc) {
    b->alloc = alloc ? alloc : &std_alloc;
    b->p = NULL;
    b->n = b->cap = 0;
    b->err = false;
}

void dy_buf_free(dy_buf *b) {
    dy_free(b->alloc, b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

void dy_buf_clear(dy_buf *b) { b->n = 0; b->err = false; }

static bool buf_reserve(dy_buf *b, size_t extra) {
    if (b->err) return false;
    if (extra > SIZE_MAX / 2 - b->n) { b->err = true; return false; }
    size_t need = b->n + extra + 1;
    if (need <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap *= 2;
    char *p = dy_realloc(b->alloc, b->p, cap);
    if (!p) { b->err = true; return false; }
    b->p = p;
    b->cap = cap;
    return true;
}

void dy_buf_put(dy_buf *b, const void *p, size_t n) {
    if (!n || !buf_reserve(b, n)) return;
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

void dy_buf_putc(dy_buf *b, char c) {
    if (!buf_reserve(b, 1)) return;
    b->p[b->n++] = c;
}

void dy_buf_printf(dy_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0) { b->err = true; return; }
    if ((size_t)k < sizeof tmp) { dy_buf_put(b, tmp, (size_t)k); return; }
    if (!buf_reserve(b, (size_t)k + 1)) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
}

const char *dy_buf_cstr(dy_buf *b) {
    if (!buf_reserve(b, 1)) return "";
    b->p[b->n] = 0;
    return b->p;
}

/* Length of a valid UTF-8 sequence at p, or 0 if invalid. */
size_t dy_utf8_valid_len(const unsigned char *p, size_t n) {
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;
        if (c == 0xED && p[1] >= 0xA0) return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;
        if (c == 0xF4 && p[1] >= 0x90) return 0;
        return 4;
    }
    return 0;
}

void dy_buf_json_str(dy_buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    dy_buf_putc(b, '"');
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = p[i];
        const char *esc = NULL;
        char u[7];
        size_t k = 1;
        if (c == '"') esc = "\\\"";
        else if (c == '\\') esc = "\\\\";
        else if (c == '\n') esc = "\\n";
        else if (c == '\r') esc = "\\r";
        else if (c == '\t') esc = "\\t";
        else if (c < 0x20 || c == 0x7f) {
            u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
            u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = 0;
            esc = u;
        } else if (c >= 0x80) {
            k = dy_utf8_valid_len(p + i, n - i);
            if (k == 0) { esc = "\xEF\xBF\xBD"; k = 1; }
        }
        if (esc) {
            if (run) dy_buf_put(b, s + i - run, run);
            run = 0;
            dy_buf_puts(b, esc);
            i += k;
        } else {
            run += k;
            i += k;
        }
    }
    if (run) dy_buf_put(b, s + n - run, run);
    dy_buf_putc(b, '"');
}

void dy_buf_json_str_or_null(dy_buf *b, dy_str s) {
    if (!s.p) dy_buf_puts(b, "null");
    else dy_buf_json_str(b, s.p, s.n);
}

/* MARK: - errors and files */

dyad_status dy_err(dyad_error *err, dyad_status code, const char *fmt, ...) {
    if (err) {
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

dyad_status dy_read_file(const dyad_allocator *a, const char *path, char **out, size_t *n) {
    *out = NULL;
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return DYAD_EIO;
    size_t cap = 1 << 16, len = 0;
    char *p = dy_malloc(a, cap);
    if (!p) { fclose(f); return DYAD_ENOMEM; }
    for (;;) {
        if (len + 1 >= cap) {
            char *q = dy_realloc(a, p, cap * 2);
            if (!q) { dy_free(a, p); fclose(f); return DYAD_ENOMEM; }
            p = q;
            cap *= 2;
        }
        size_t k = fread(p + len, 1, cap - len - 1, f);
        len += k;
        if (k == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) { dy_free(a, p); return DYAD_EIO; }
    p[len] = 0;
    *out = p;
    *n = len;
    return DYAD_OK;
}
