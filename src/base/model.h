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

struct dyad_ctx {
    const dyad_model *model;
    dy_arena arena;         /* one document's memory; reset between documents */
};

/* Build "<dir>/<rel>" into out (size n); false when it does not fit. */
bool dy_path_join(char *out, size_t n, const char *dir, const char *rel);

/* The number of sentences of doc the parse gate left unparsed (doc.h);
 * src/base/pipeline.c. */
size_t dy_doc_unparsed(const dyad_doc *doc);

#endif
