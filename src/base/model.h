/*
 * model.h — the layouts behind dyad_model (read-only, shared by threads) and
 * dyad_ctx (per thread).  Each stage owns the type of its loaded part and its
 * load/free functions; pipeline.c calls them.
 */
#ifndef DY_MODEL_H
#define DY_MODEL_H

#include "base.h"
#include "doc.h"

struct dy_clean_rules;   /* src/clean/clean.h   */
struct dy_parse_model;   /* src/parse/parse.h   */
struct dy_actor_dict;    /* src/mention/actors.h */
struct dy_gazetteer;     /* src/mention/places.h */
struct dy_lexicon;       /* src/code/code.h     */

struct dyad_model {
    dyad_allocator alloc;
    char data_dir[1024];    /* without trailing slash */
    char model_dir[1024];
    unsigned loaded;        /* DYAD_LOAD_* bits actually loaded */
    struct dy_clean_rules *clean;
    struct dy_parse_model *parse;
    struct dy_actor_dict *actors;
    struct dy_gazetteer *gaz;
    struct dy_lexicon *lexicon;
    char version[512];
};

/* Thread CPU seconds dyad_doc_process spent per stage of the gated
 * pipeline (doc.h), when a caller (bench/bench_code.c) points ctx->prof
 * at one; the actor pass's time excludes the tagging it asks for. */
enum { DY_PROF_CLEAN, DY_PROF_SEGMENT, DY_PROF_ACTORS, DY_PROF_TAG, DY_PROF_GATE, DY_PROF_PARSE,
       DY_PROF_TIMES_PLACES, DY_PROF_CODE, DY_PROF_COUNT };
#define DY_PROF 1
typedef struct dy_prof {
    double t[DY_PROF_COUNT];
    size_t sents, untagged, unparsed;   /* sentences, and those the gate left so */
} dy_prof;

struct dy_tagcache;

/* What the coder considered and did not keep, for `dyad eval code --why`:
 * when a caller points ctx->trace at one (n = 0 before each document),
 * dy_code_doc appends, in ctx's arena, every candidate event it built or
 * began to build and the rule that dropped it (a static string, with the
 * cue in detail), and every trigger word that made no candidate.  NULL:
 * nothing is recorded (the normal path pays one test per dropped
 * candidate). */
typedef struct dy_trace_ev {
    uint32_t sent, tok;         /* sentence, trigger token within it */
    char code[5];               /* the candidate's CAMEO code */
    char src[24], tgt[24];      /* actor codes, "" when none or not yet known */
    const char *why;            /* the rule that dropped it */
    char detail[64];            /* its cue or path, may be "" */
} dy_trace_ev;
typedef struct dy_trace {
    dy_trace_ev *ev;
    size_t n, cap;
} dy_trace;

struct dyad_ctx {
    const dyad_model *model;
    dy_arena arena;         /* one document's memory; reset between documents */
    dy_prof *prof;          /* NULL: not timed */
    dy_trace *trace;        /* NULL: drops not recorded */
    struct dy_tagcache *tagcache;   /* the tagger's word sums (src/parse/tagger.c), made
                                       on first use; NULL before */
};

/* Build "<dir>/<rel>" into out (size n); false when it does not fit. */
bool dy_path_join(char *out, size_t n, const char *dir, const char *rel);

/* The number of sentences of doc the parse gate left unparsed (doc.h);
 * src/base/pipeline.c. */
size_t dy_doc_unparsed(const dyad_doc *doc);

#endif
