/* main.c — runs every registered unit test (or those whose name contains
 * argv[1]) and prints "N passed, N failed". */
#include <stdlib.h>

#include "harness.h"

typedef struct tcase {
    const char *name;
    test_fn fn;
} tcase;

static tcase *cases;
static size_t ncases, capcases;

void test_register(const char *name, test_fn fn) {
    if (ncases == capcases) {
        capcases = capcases ? capcases * 2 : 64;
        cases = realloc(cases, capcases * sizeof *cases);
        if (!cases) abort();
    }
    cases[ncases++] = (tcase){name, fn};
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const tcase *)a)->name, ((const tcase *)b)->name);
}

int main(int argc, char **argv) {
    const char *filter = argc > 1 ? argv[1] : NULL;
    qsort(cases, ncases, sizeof *cases, by_name);
    int passed = 0, failed = 0;
    for (size_t i = 0; i < ncases; i++) {
        if (filter && !strstr(cases[i].name, filter)) continue;
        int f = 0;
        cases[i].fn(&f);
        if (f) {
            fprintf(stderr, "FAIL %s\n", cases[i].name);
            failed++;
        } else {
            passed++;
        }
    }
    free(cases);
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
