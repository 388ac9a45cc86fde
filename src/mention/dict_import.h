/*
 * dict_import.h — convert TABARI and PETRARCH actor/agent dictionaries
 * (`NAME_ [CODE]`, `+SYNONYM` lines, tab-indented `[CODE yymmdd-yymmdd]`,
 * `[CODE >date]`, `[CODE <date]`; agents `PHRASE {PLURALS} [~AGT]`) into
 * dyad's format (docs/dictionaries.md).  Output goes to a sink.
 */
#ifndef DY_DICT_IMPORT_H
#define DY_DICT_IMPORT_H

#include "../base/base.h"

enum { DY_IMPORT_TABARI = 0, DY_IMPORT_PETRARCH = 1 };

typedef struct dy_import_stats {
    size_t entries;     /* actor entries written (agents included) */
    size_t synonyms;    /* aliases written */
    size_t codes;       /* codes written */
    size_t dated;       /* of which date-restricted */
    size_t agents;      /* agent entries */
    size_t skipped;     /* lines not converted (no code: TABARI null actors) */
} dy_import_stats;

/* Convert one file's text.  The two formats differ only in date forms
 * (PETRARCH also takes YYYYMMDD); both are accepted either way.  A line
 * "# imported from NAME" heads the output.  DYAD_ENOMEM or DYAD_EIO (sink
 * failed) only. */
dyad_status dy_dict_import(int format, const char *name, const char *text, size_t n,
                           dyad_sink sink, void *ud, dy_import_stats *stats);

#endif
