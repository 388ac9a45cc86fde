/* fuzz_dict.c — any bytes as an actor dictionary file (parse, compile,
 * check, look up, code by date) and as a TABARI/PETRARCH file for the
 * importer, whose output must parse.  Must never crash. */
#include <stdint.h>
#include <stdlib.h>

#include "mention/dict.h"
#include "mention/dict_import.h"

static int to_buf(const char *p, size_t n, void *ud) {
    dy_buf_put(ud, p, n);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    dy_dict d;
    dy_dict_init(&d, NULL);
    size_t nerr = 0, nwarn = 0;
    if (dy_dict_parse(&d, "fuzz", text, size, NULL, NULL, &nerr) == DYAD_OK &&
        dy_dict_compile(&d) == DYAD_OK) {
        dy_dict_check(&d, NULL, NULL, &nerr, &nwarn);
        dy_dict_hit h[8];
        for (size_t i = 0; i < d.n; i++) {
            (void)dy_dict_code_at(&d, &d.e[i], 20120501);
            (void)dy_dict_code_at(&d, &d.e[i], 0);
        }
        for (size_t i = 0; i < d.naliases && i < 64; i++) {
            char key[256];
            size_t n = dy_dict_norm_word(text + (i % (size ? size : 1)), size > i ? size - i : 0, key,
                                         sizeof key, NULL);
            (void)dy_dict_lookup(&d, key, n, h, 8);
        }
    }
    dy_dict_free(&d);
    dy_buf b;
    dy_buf_init(&b, NULL);
    dy_import_stats st;
    if (dy_dict_import(DY_IMPORT_TABARI, "fuzz", text, size, to_buf, &b, &st) == DYAD_OK) {
        dy_dict e;
        dy_dict_init(&e, NULL);
        dy_dict_parse(&e, "imported", b.p ? b.p : "", b.n, NULL, NULL, &nerr);
        dy_dict_free(&e);
    }
    dy_buf_free(&b);
    return 0;
}
