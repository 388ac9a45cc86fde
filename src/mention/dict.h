/*
 * dict.h — the actor dictionary: the text format of data/actors/ files
 * (docs/dictionaries.md), its parser and checker, and the compiled lookup
 * table the recogniser walks (a hash of every alias and every word-prefix of
 * an alias, keyed on normalised words joined by one space).
 *
 * A dy_dict is built once (dy_dict_parse for each file, then
 * dy_dict_compile) and is read-only afterwards: lookups are thread-safe.
 * All memory is the dictionary's own (heap, via its allocator).
 */
#ifndef DY_DICT_H
#define DY_DICT_H

#include "../base/base.h"

/* Entry types (ATTRS type=...).  The first four match DY_ENT_*. */
enum {
    DY_DT_STATE = 0,
    DY_DT_PERSON = 1,
    DY_DT_GROUP = 2,
    DY_DT_ORG = 3,
    DY_DT_AGENT = 4,
    DY_DT_PLACE = 5     /* city/region: only modifies ("Helmand governor") */
};

#define DY_DATE_OPEN_FROM 0
#define DY_DATE_OPEN_TO 99999999

typedef struct dy_dict_code {
    char code[24];      /* NUL-terminated CAMEO code */
    int32_t from, to;   /* yyyymmdd; [from, to); no range: 0 and 99999999 */
    uint8_t ranged;     /* 0 = the default code */
} dy_dict_code;

typedef struct dy_dict_entry {
    const char *name;
    const char *file;   /* file name as given to dy_dict_parse */
    uint32_t line;
    uint32_t code0, ncode;      /* d->codes[code0 .. code0+ncode) */
    char country[4];            /* "" when none */
    char eli[8];                /* country + "ELI", "" when no country */
    uint8_t type;               /* DY_DT_* */
    uint8_t plural;
    uint8_t gender;             /* 0 unknown, 'm', 'f' */
    uint8_t capital;            /* capital=1: a capital city standing for the state */
    uint8_t person;             /* agents: names one person ("minister"), not a body */
} dy_dict_entry;

/* Diagnostics: severity 0 = error, 1 = warning. */
typedef void (*dy_dict_diag)(void *ud, const char *file, unsigned line, int severity,
                             const char *msg);

typedef struct dy_dict_pool dy_dict_pool;
typedef struct dy_dict_slot dy_dict_slot;
typedef struct dy_dict_val dy_dict_val;
typedef struct dy_dict_alias dy_dict_alias;

/* A country code and its first state entry in file order (its name). */
typedef struct dy_dict_country {
    char code[4];
    uint32_t entry;
} dy_dict_country;

typedef struct dy_dict {
    dyad_allocator alloc;
    dy_dict_pool *pool;
    dy_dict_entry *e;
    size_t n, cap;
    dy_dict_code *codes;
    size_t ncodes, capcodes;
    dy_dict_alias *aliases;     /* every alias with its entry */
    size_t naliases, capaliases;
    /* compiled */
    dy_dict_slot *slots;
    size_t nslots, used;
    dy_dict_val *vals;
    size_t nvals, capvals;
    dy_dict_country *countries; /* country codes of state entries, sorted */
    size_t ncountries;
    bool oom;
} dy_dict;

/* One value found for a key: an entry and its case requirements. */
enum { DY_SURNAME = 1, DY_SURNAME_COMMON = 2 };

typedef struct dy_dict_hit {
    uint32_t entry;
    uint8_t nwords;
    uint8_t implicit;           /* made from a person's surname, not written:
                                   DY_SURNAME, or DY_SURNAME_COMMON (only
                                   after a title or once the person was named) */
    uint64_t casemask;          /* 2 bits per word: 0 any, 1 Capital, 2 ALLCAPS,
                                   3 inner capital ("LeT": not "Let") */
} dy_dict_hit;

void dy_dict_init(dy_dict *d, const dyad_allocator *a);
void dy_dict_free(dy_dict *d);

/* Parse one file's text (need not be NUL-terminated).  Syntax errors (field
 * count, bad codes, bad dates, bad attributes) and per-entry problems
 * (overlapping ranges, two default codes) go to diag (may be NULL) and are
 * counted in *nerr; entries with errors are skipped.  DYAD_ENOMEM only. */
dyad_status dy_dict_parse(dy_dict *d, const char *file, const char *text, size_t n,
                          dy_dict_diag diag, void *ud, size_t *nerr);

/* Copy a string into the dictionary's memory; NULL on OOM. */
const char *dy_dict_str(dy_dict *d, const char *s, size_t n);

/* Cross-entry checks over everything parsed so far: the same canonical name
 * twice (error), an alias shared by entries (warning).  Adds to the counts. */
void dy_dict_check(const dy_dict *d, dy_dict_diag diag, void *ud, size_t *nerr, size_t *nwarn);

/* Build the lookup table.  DYAD_ENOMEM only. */
dyad_status dy_dict_compile(dy_dict *d);

/* Normalise one word for keys: ASCII-lowercase, Latin accents folded, dots
 * and apostrophes dropped.  Writes at most cap-1 bytes + NUL; returns the
 * length.  *cap_out (may be NULL) gets 0 lowercase/other, 1 Capitalised,
 * 2 ALL CAPS (two letters or more, or one letter followed by a dot),
 * 3 a short word with a capital inside ("LeT", "McC"). */
size_t dy_dict_norm_word(const char *p, size_t n, char *out, size_t cap, int *case_out);

/* Look a key ("foreign minister") up.  Returns -1 when no alias starts with
 * these words, 0 when some alias starts with them but none is exactly them,
 * else the number of hits (at most max written to hits). */
int dy_dict_lookup(const dy_dict *d, const char *key, size_t n, dy_dict_hit *hits, int max);

/* The code of entry e at date yyyymmdd (0 = no date): the ranged code
 * covering the date; with no date, the latest ranged code when its range is
 * still open (the role held now); else the default code, else (dated, out
 * of every range) the country's ELI code, else the latest ranged code. */
const char *dy_dict_code_at(const dy_dict *d, const dy_dict_entry *e, int32_t date);
/* Whether a ranged code of e covers the date. */
bool dy_dict_active(const dy_dict *d, const dy_dict_entry *e, int32_t date);
/* Whether "ABC" is the country of some state entry. */
bool dy_dict_is_country(const dy_dict *d, const char *code3);
/* The name of the state with this country code ("United States" for
 * USA), or NULL. */
const char *dy_dict_country_name(const dy_dict *d, const char *code3);

/* Date "YYYY", "YYYY-MM" or "YYYY-MM-DD" → yyyymmdd (first day when cut);
 * with end=true, the first day after the period (so ranges are half-open).
 * -1 when malformed. */
int32_t dy_dict_date(const char *p, size_t n, bool end);

/* Whether a CAMEO code is well-formed: 3 to 21 letters/digits in groups of
 * three, uppercase. */
bool dy_dict_code_ok(const char *p, size_t n);

/* Word spans of a piece of text, as the recogniser and the alias compiler
 * see them: hyphens split words, "'s"/"'" after a word is its own possessive
 * word, other punctuation is one word per mark, dots stay in abbreviations
 * ("U.S.", "Gen.") and apostrophes inside words ("d'Ivoire"). */
typedef struct dy_word_span {
    uint32_t off, len;
    uint8_t punct, poss;
} dy_word_span;
/* Returns the number of spans (at most max written). */
size_t dy_dict_split(const char *p, size_t n, dy_word_span *out, size_t max);

#endif
