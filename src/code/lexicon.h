/*
 * lexicon.h — the loaded event lexicon (data/events/NN-NAME.txt, format in
 * docs/patterns.md), the CAMEO code table (data/cameo/) and the CAMEO→PLOVER
 * table (data/plover/).  Internal to src/code and src/emit; immutable after
 * dy_lexicon_load, shared by threads.
 */
#ifndef DY_LEXICON_H
#define DY_LEXICON_H

#include "code.h"

enum { DY_LEX_VERB = 0, DY_LEX_NOUN = 1 };

/* What an entry does besides (or instead of) being an event. */
enum {
    DY_ROLE_EVENT = 0,  /* a plain event predicate */
    DY_ROLE_SAY,        /* complement is reported by the subject */
    DY_ROLE_CLAIM,      /* complement is alleged by the subject */
    DY_ROLE_DENY,       /* complement is denied by the subject (+ own 016) */
    DY_ROLE_ACCUSE,     /* complement is alleged; own code 112.. */
    DY_ROLE_FAMILY,     /* code comes from the complement via a family */
    DY_ROLE_PASS,       /* "decided to", "began to": the complement is the event */
    DY_ROLE_LIGHT,      /* "launched an attack": subject of the noun event */
    DY_ROLE_NEG,        /* "refrained from", "failed to": complement negated */
    DY_ROLE_HYPO,       /* "considering", "may": complement hypothetical */
    DY_ROLE_TOPIC       /* only a complement's topic ("rights"), never an event */
};

/* A condition's alternatives: words (lemmas, lower case) and class ids. */
typedef struct dy_lex_alts {
    dy_str *words; uint16_t nwords;
    int16_t *classes; uint16_t nclasses;
    bool any;               /* "*" */
} dy_lex_alts;

typedef struct dy_lex_prep {
    dy_str prep;            /* "of", "against", "alongside" */
    dy_lex_alts what;       /* the obl/nmod's lemma; any when empty */
} dy_lex_prep;

typedef struct dy_lex_entry {
    dy_str lemma;           /* head lemma, lower case */
    dy_str prt;             /* verb particle ("down" of "step_down"), or empty */
    dy_str pre[3];          /* nouns: modifier lemmas before the head ("joint") */
    uint8_t npre;
    uint8_t kind;           /* DY_LEX_VERB / DY_LEX_NOUN */
    uint8_t role;           /* DY_ROLE_* */
    uint8_t recip;          /* one event in each direction */
    uint8_t needtgt;        /* emitted only with a target ("hosted X")  */
    uint8_t mutual;         /* conjoined sources without a target: each ordered pair */
    uint8_t ctl_obj;        /* object control: complement's subject is our object */
    uint8_t of_src;         /* nouns: "of X" names the source ("visit of the king") */
    uint8_t noobj;          /* only when there is no direct object */
    uint8_t has_obj;
    int16_t family;         /* family index, or -1 */
    dy_lex_alts obj;        /* obj=..., when has_obj */
    dy_lex_prep preps[2];   /* P=... required prepositional dependents */
    uint8_t npreps;
    char code[5];           /* the CAMEO code (for families: the default) */
    dy_str src;             /* "verbs.txt:123", for --explain */
    dy_str text;            /* the entry line as written */
    uint32_t seq;           /* load order, for a stable sort */
} dy_lex_entry;

typedef struct dy_lex_family {
    dy_str name;            /* "appeal" */
    char dflt[5];
    struct { char from[5]; char to[5]; } *map; /* prefix of complement code → code */
    size_t nmap;
} dy_lex_family;

typedef struct dy_lex_class {
    dy_str name;            /* without '@' */
    dy_str *words; size_t nwords;
} dy_lex_class;

typedef struct dy_plover_row {
    char code[5];
    dy_str type, mode, context;
} dy_plover_row;

struct dy_lexicon {
    dyad_allocator alloc;
    char **texts; size_t ntexts;         /* file contents (entries borrow) */
    dy_lex_entry *ents; size_t nents;    /* sorted: kind, lemma, specificity */
    uint32_t *hslot; size_t hcap;        /* hash of (kind, lemma) → first entry + 1 */
    dy_lex_class *classes; size_t nclasses;
    dy_lex_family *fams; size_t nfams;
    int quantity;                        /* class @quantity ("dozens", "a shipment"), or -1 */
    dy_cameo_entry *cameo; size_t ncameo; /* sorted by code */
    char *cameo_text;
    dy_plover_row *plover; size_t nplover;
    char *plover_text;
    void **allocs; size_t nallocs, capallocs; /* small arrays, freed together */
};

/* Parse one lexicon file's text (kept: the lexicon borrows it; pass a heap
 * copy it may own).  name is used in messages and pattern ids. */
dyad_status dy_lexicon_add_text(dy_lexicon *lx, const char *name, char *text, size_t n,
                                dyad_error *err);
/* Sort entries and build the index after all texts are added; checks that
 * every code is in the CAMEO table (when loaded). */
dyad_status dy_lexicon_finish(dy_lexicon *lx, dyad_error *err);
/* A new empty lexicon (heap). */
dy_lexicon *dy_lexicon_new(const dyad_allocator *a);
/* Parse the CAMEO table text (TSV with a header; the lexicon owns text). */
dyad_status dy_cameo_parse(dy_lexicon *lx, char *text, size_t n, dyad_error *err);

/* Entries for a lemma: *first and count; false when none. */
bool dy_lexicon_lookup(const dy_lexicon *lx, int kind, dy_str lemma, size_t *first, size_t *n);
bool dy_lex_class_has(const dy_lexicon *lx, int cls, dy_str word);
bool dy_lex_alts_match(const dy_lexicon *lx, const dy_lex_alts *a, dy_str word);
/* Map a complement code through a family ("appeal" + "0841" → "0253"). */
const char *dy_lex_family_map(const dy_lexicon *lx, int fam, const char *code);
const dy_plover_row *dy_plover_find(const dy_lexicon *lx, const char *code);

/* Coverage: number of distinct CAMEO codes the lexicon can produce (direct
 * codes plus every family output) and a bitmask of root categories 1..20
 * reached (bit r).  For the README and the unit tests. */
size_t dy_lexicon_coverage(const dy_lexicon *lx, uint32_t *roots);

#endif
