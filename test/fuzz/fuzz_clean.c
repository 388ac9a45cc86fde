/* fuzz_clean.c — any bytes as plain text, then clean and the clean outputs; the
 * document's invariants (valid map) are checked. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_read_clean(DYAD_INPUT_TEXT, data, size);
    return 0;
}
