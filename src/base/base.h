/*
 * base.h — slices, the per-document arena, the growable buffer and error
 * helpers every stage uses.  Internal: prefix dy_.
 *
 * Slices (dy_str) borrow: they point into the input, the arena or the model
 * and never own.  The arena hands out memory for one document and is rewound
 * as a whole.  dy_buf errors are sticky: append calls return nothing and the
 * caller checks buf->err once at the end.
 */
#ifndef DY_BASE_H
#define DY_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dyad.h"

typedef struct dy_str {
    const char *p;
    size_t n;
} dy_str;

#define DY_STR(lit) ((dy_str){(lit), sizeof(lit) - 1})
#define DY_NULLSTR ((dy_str){NULL, 0})

static inline dy_str dy_str_c(const char *s) { return (dy_str){s, s ? strlen(s) : 0}; }
static inline bool dy_str_eq(dy_str a, dy_str b) {
    return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}
static inline bool dy_str_eqc(dy_str a, const char *c) { return dy_str_eq(a, dy_str_c(c)); }
static inline bool dy_str_ends(dy_str a, const char *suf) {
    size_t k = strlen(suf);
    return a.n >= k && memcmp(a.p + a.n - k, suf, k) == 0;
}
bool dy_str_ieq(dy_str a, dy_str b); /* ASCII case-insensitive */
dy_str dy_str_trim(dy_str s);         /* ASCII and Unicode spaces */
uint64_t dy_hash(const void *p, size_t n); /* FNV-1a 64 */
/* dy_hash's constants: h = BASIS, then h = (h ^ byte) * PRIME per byte */
#define DY_FNV_BASIS 1469598103934665603ULL
#define DY_FNV_PRIME 1099511628211ULL
/* Length of the valid UTF-8 sequence at p (1-4), or 0 when invalid
 * (overlong, surrogate, above U+10FFFF, truncated). */
size_t dy_utf8_valid_len(const unsigned char *p, size_t n);

/* MARK: allocation */
void *dy_malloc(const dyad_allocator *a, size_t n);
/* dy_malloc for a large table filled once and read for the whole run
 * (model weights): asks the kernel for huge pages where it can. */
void *dy_malloc_big(const dyad_allocator *a, size_t n);
void *dy_realloc(const dyad_allocator *a, void *p, size_t n);
void dy_free(const dyad_allocator *a, void *p);
/* n*size with overflow check; SIZE_MAX on overflow (which then fails). */
static inline size_t dy_mul(size_t n, size_t size) {
    return (size && n > SIZE_MAX / size) ? SIZE_MAX : n * size;
}

/* MARK: arena */
typedef struct dy_arena_block dy_arena_block;
typedef struct dy_arena {
    const dyad_allocator *alloc;
    dy_arena_block *head;
    size_t used_total;      /* bytes handed out since reset */
    size_t limit;           /* 0 = none; else DYAD_ELIMIT beyond it */
} dy_arena;

void dy_arena_init(dy_arena *a, const dyad_allocator *alloc);
/* NULL on OOM or when the limit would be passed.  Memory is 16-aligned and
 * NOT zeroed; dy_arena_zalloc zeroes. */
void *dy_arena_alloc(dy_arena *a, size_t n);
void *dy_arena_zalloc(dy_arena *a, size_t n);
#define DY_ANEW(a, T, count) ((T *)dy_arena_zalloc((a), dy_mul((count), sizeof(T))))
/* Grow an arena array: returns a new array of new_n elements holding the old
 * contents (the old one is abandoned to the arena). */
void *dy_arena_grow(dy_arena *a, void *old, size_t old_n, size_t new_n, size_t size);
dy_str dy_arena_strdup(dy_arena *a, const char *p, size_t n); /* NUL-terminated copy */
void dy_arena_reset(dy_arena *a);   /* keeps the first block */
void dy_arena_free(dy_arena *a);

/* MARK: growable buffer (heap, sticky error) */
typedef struct dy_buf {
    const dyad_allocator *alloc;
    char *p;
    size_t n, cap;
    bool err;               /* sticky: set on OOM */
} dy_buf;

void dy_buf_init(dy_buf *b, const dyad_allocator *alloc);
void dy_buf_free(dy_buf *b);
void dy_buf_put(dy_buf *b, const void *p, size_t n);
static inline void dy_buf_puts(dy_buf *b, const char *s) { dy_buf_put(b, s, strlen(s)); }
static inline void dy_buf_putstr(dy_buf *b, dy_str s) { dy_buf_put(b, s.p, s.n); }
void dy_buf_putc(dy_buf *b, char c);
void dy_buf_printf(dy_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* JSON string with quotes; invalid UTF-8 → U+FFFD; control chars escaped. */
void dy_buf_json_str(dy_buf *b, const char *p, size_t n);
static inline void dy_buf_json_dystr(dy_buf *b, dy_str s) { dy_buf_json_str(b, s.p, s.n); }
/* JSON string, or null when s.p == NULL. */
void dy_buf_json_str_or_null(dy_buf *b, dy_str s);
void dy_buf_clear(dy_buf *b);
/* NUL-terminate without counting it in n; returns p or "" on error. */
const char *dy_buf_cstr(dy_buf *b);

/* MARK: errors */
/* Fill err (if not NULL) and return code. */
dyad_status dy_err(dyad_error *err, dyad_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* MARK: event statuses (spec/event-record.md) */
/* A set of statuses: bit k stands for DY_STATUS_NAMES[k]. */
enum { DY_STATUS_NSTATUS = 6 };
extern const char *const DY_STATUS_NAMES[DY_STATUS_NSTATUS];
#define DY_STATUS_ALL 0x3fu
/* What the text says happened: asserted, reported, alleged (the default of
 * `dyad network`); denied, negated and hypothetical events did not, or may
 * not have. */
#define DY_STATUS_FACTUAL 0x7u
#define DY_STATUS_FACTUAL_LIST "asserted,reported,alleged"
/* The index of a status name, -1 when it is none. */
int dy_status_index(const char *name, size_t n);
/* A comma-separated list of status names, or "all", as a set; false on an
 * empty list or an unknown name (*set then untouched). */
bool dy_status_set(const char *list, unsigned *set);

/* MARK: files (used by model loaders) */
/* Read a whole file into heap memory (NUL-terminated).  DYAD_EMODEL-style
 * message on failure is left to the caller; returns DYAD_EIO/ENOMEM. */
dyad_status dy_read_file(const dyad_allocator *a, const char *path, char **out, size_t *n);

#endif
