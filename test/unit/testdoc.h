/*
 * testdoc.h — compact hand-built parses for the coder's unit tests
 * (test_code.c, test_attach_events.c).  One token per line
 * "FORM LEMMA UPOS HEAD DEPREL" (HEAD 1-based, 0 = root); a line
 * "-- ACTORS" starts the next sentence with its own actors line.
 */
#ifndef DYAD_TESTDOC_H
#define DYAD_TESTDOC_H

#include <stddef.h>

/* Expand the compact form with the first sentence's ACTORS ("1:IRN 3-4:USA")
 * into CoNLL-U with "# actors" lines for dy_code_conllu_doc; out holds cap
 * bytes. */
void testdoc_expand(const char *actors, const char *compact, char *out, size_t cap);

#endif
