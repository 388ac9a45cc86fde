/* fuzz_model.c — any bytes as a tagger or parser model file (first byte:
 * bit 0 picks which, bit 1 repairs the checksum, bit 2 scores with the
 * file's records instead of the packed copy): the container check, the
 * section loaders, the weight table checks (dy_pw_pack as the runtime
 * loads, or dy_pw_check) and, when they accept the bytes, tagging and
 * parsing a short sentence.  Must never crash, hang or read out of bounds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/pint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    uint32_t kind = (data[0] & 1) ? DY_PM_PARSER : DY_PM_TAGGER;
    size_t n = size - 1;
    char *bytes = malloc(n ? n : 1); /* aligned like a file read into memory */
    if (!bytes) return 0;
    memcpy(bytes, data + 1, n);
    /* Bit 1 of the first byte: repair the checksum so that mutations reach
     * the section checks behind it. */
    if ((data[0] & 2) && n >= 68) {
        uint32_t crc = dy_crc32(bytes, n - 4);
        memcpy(bytes + n - 4, &crc, 4);
    }
    dy_pm_sec secs[8];
    size_t nsec = 0;
    char ver[41], why[160];
    if (dy_pm_read(bytes, n, kind, secs, 8, &nsec, ver, why, sizeof why)) {
        const char *w = NULL;
        dy_arena ar;
        dy_arena_init(&ar, dyad_default_allocator());
        dy_str forms[4] = {DY_STR("Rebels"), DY_STR("seized"), DY_STR("the"), DY_STR("town")};
        dy_pword pw[4];
        dy_pwords_init(&ar, pw, forms, 4);
        const dyad_allocator *A = dyad_default_allocator();
        bool raw = data[0] & 4;
        if (kind == DY_PM_TAGGER) {
            dy_tagger t;
            memset(&t, 0, sizeof t);
            if (dy_tagger_load(&t, secs, nsec, &w) && (raw ? dy_pw_check(&t.pw, &w) : dy_pw_pack(A, &t.pw, &w)))
                dy_tagger_run(&t, pw, 4);
            if (!raw) dy_pw_unpack(A, &t.pw);
        } else {
            dy_parser p;
            memset(&p, 0, sizeof p);
            int32_t head[4];
            uint8_t rel[4];
            /* a split model's label weights are checked (or packed) too */
            if (dy_parser_load(&p, secs, nsec, &w) && (raw ? dy_pw_check(&p.pw, &w) : dy_pw_pack(A, &p.pw, &w)) &&
                (!p.split || (raw ? dy_pw_check(&p.lw, &w) : dy_pw_pack(A, &p.lw, &w))))
                dy_parser_run(&p, &ar, pw, 4, head, rel);
            if (!raw) {
                dy_pw_unpack(A, &p.pw);
                dy_pw_unpack(A, &p.lw);
            }
        }
        dy_arena_free(&ar);
    }
    free(bytes);
    return 0;
}
