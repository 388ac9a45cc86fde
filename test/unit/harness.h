/*
 * harness.h — a tiny unit-test harness.  Each test file defines cases with
 * TEST(name) { ... } and checks with CHECK/CHECK_EQ_INT/CHECK_EQ_STR; cases
 * register themselves at start-up, so no central list needs editing.
 * The runner (test/unit/main.c) ends with "N passed, N failed".
 */
#ifndef DYAD_HARNESS_H
#define DYAD_HARNESS_H

#include <stdio.h>
#include <string.h>

typedef void (*test_fn)(int *failed);
void test_register(const char *name, test_fn fn);

#define TEST(name)                                                                 \
    static void test_##name(int *failed_);                                          \
    __attribute__((constructor)) static void register_##name(void) {               \
        test_register(#name, test_##name);                                         \
    }                                                                               \
    static void test_##name(int *failed_)

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
            *failed_ = 1;                                                           \
        }                                                                           \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                          \
    do {                                                                            \
        long long a_ = (long long)(a), b_ = (long long)(b);                         \
        if (a_ != b_) {                                                             \
            fprintf(stderr, "  %s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, \
                    #a, a_, b_);                                                    \
            *failed_ = 1;                                                           \
        }                                                                           \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                          \
    do {                                                                            \
        const char *a_ = (a), *b_ = (b);                                            \
        if (!a_ || !b_ || strcmp(a_, b_)) {                                         \
            fprintf(stderr, "  %s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__,   \
                    __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");          \
            *failed_ = 1;                                                           \
        }                                                                           \
    } while (0)

/* Compare a (pointer, length) slice with a C string. */
#define CHECK_EQ_SLICE(p, n, b)                                                     \
    do {                                                                            \
        const char *b2_ = (b);                                                      \
        size_t n_ = (size_t)(n);                                                    \
        if (strlen(b2_) != n_ || memcmp((p), b2_, n_)) {                            \
            fprintf(stderr, "  %s:%d: %s == \"%.*s\", expected \"%s\"\n", __FILE__, \
                    __LINE__, #p, (int)n_, (const char *)(p), b2_);                 \
            *failed_ = 1;                                                           \
        }                                                                           \
    } while (0)

/* The repository's data directory and ../shared (may be absent). */
#ifndef DYAD_SOURCE_DIR
#define DYAD_SOURCE_DIR "."
#endif
#ifndef DYAD_SHARED_DIR
#define DYAD_SHARED_DIR "../shared"
#endif

#endif
