/*
 * pipeline.c — the public entry points: model loading, contexts, reading a
 * document, running the stages in order, and writing results.  Each stage's
 * work lives in its own folder; this file only wires them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../clean/clean.h"
#include "../code/code.h"
#include "../emit/emit.h"
#include "../mention/mention.h"
#include "../parse/parse.h"
#include "../read/read.h"
#include "../segment/segment.h"
#include "model.h"

#ifndef DYAD_DEFAULT_DATADIR
#define DYAD_DEFAULT_DATADIR "data"
#endif
#ifndef DYAD_DEFAULT_MODELDIR
#define DYAD_DEFAULT_MODELDIR "models"
#endif

const char *dyad_strerror(dyad_status code) {
    static const char *const names[DYAD_STATUS_COUNT] = {
        "ok", "out of memory", "input/output error", "bad input document",
        "model or data file error", "invalid argument", "limit exceeded",
        "event store error"};
    if ((unsigned)code >= DYAD_STATUS_COUNT) return "unknown error";
    return names[code];
}

const char *dyad_version(void) { return DYAD_VERSION_STRING; }

bool dy_path_join(char *out, size_t n, const char *dir, const char *rel) {
    int k = snprintf(out, n, "%s/%s", dir, rel);
    return k > 0 && (size_t)k < n;
}

dyad_model_options dyad_model_options_default(void) {
    dyad_model_options o = {NULL, NULL, DYAD_LOAD_ALL, NULL, NULL};
    return o;
}

static bool set_dir(char *dst, size_t n, const char *a, const char *b, const char *c) {
    const char *d = a ? a : b ? b : c;
    size_t len = strlen(d);
    while (len > 1 && d[len - 1] == '/') len--;
    if (len >= n) return false;
    memcpy(dst, d, len);
    dst[len] = 0;
    return true;
}

dyad_status dyad_model_load(const dyad_model_options *opts, dyad_model **out, dyad_error *err) {
    *out = NULL;
    dyad_model_options o = opts ? *opts : dyad_model_options_default();
    if (o.load & ~(unsigned)DYAD_LOAD_ALL)
        return dy_err(err, DYAD_EINVAL, "unknown load flags 0x%x", o.load);
    const dyad_allocator *a = o.alloc ? o.alloc : dyad_default_allocator();
    dyad_model *m = dy_malloc(a, sizeof *m);
    if (!m) return dy_err(err, DYAD_ENOMEM, "out of memory loading the model");
    memset(m, 0, sizeof *m);
    m->alloc = *a;
    if (!set_dir(m->data_dir, sizeof m->data_dir, o.data_dir, getenv("DYAD_DATA"),
                 DYAD_DEFAULT_DATADIR) ||
        !set_dir(m->model_dir, sizeof m->model_dir, o.model_dir, getenv("DYAD_MODELS"),
                 DYAD_DEFAULT_MODELDIR)) {
        dy_free(a, m);
        return dy_err(err, DYAD_EINVAL, "data or model directory name too long");
    }
    dyad_status st = DYAD_OK;
    char path[1200];
    if (o.load & DYAD_LOAD_CLEAN) {
        if (!dy_path_join(path, sizeof path, m->data_dir, "clean/rules.txt"))
            st = dy_err(err, DYAD_EINVAL, "data directory name too long");
        else
            st = dy_clean_rules_load(&m->alloc, path, &m->clean, err);
        if (st == DYAD_OK) m->loaded |= DYAD_LOAD_CLEAN;
    }
    if (st == DYAD_OK && (o.load & DYAD_LOAD_PARSE)) {
        /* a model that codes events takes the coder's parser when it is
         * there (faster, as good for coding: docs/models.md) */
        const char *pf = o.parser;
        if (!pf) {
            pf = DYAD_PARSER_JOINT;
            if ((o.load & DYAD_LOAD_CODE) && dy_path_join(path, sizeof path, m->model_dir, DYAD_PARSER_CODE) &&
                access(path, F_OK) == 0)
                pf = DYAD_PARSER_CODE;
        }
        st = dy_parse_model_load(&m->alloc, m->model_dir, pf, m->data_dir, &m->parse, err);
        if (st == DYAD_OK) m->loaded |= DYAD_LOAD_PARSE;
    }
    if (st == DYAD_OK && (o.load & DYAD_LOAD_ACTORS)) {
        st = dy_actors_load(&m->alloc, m->data_dir, &m->actors, err);
        if (st == DYAD_OK) m->loaded |= DYAD_LOAD_ACTORS;
    }
    if (st == DYAD_OK && (o.load & DYAD_LOAD_PLACES)) {
        st = dy_gazetteer_load(&m->alloc, m->data_dir, &m->gaz, err);
        if (st == DYAD_OK) m->loaded |= DYAD_LOAD_PLACES;
    }
    if (st == DYAD_OK && (o.load & DYAD_LOAD_CODE)) {
        st = dy_lexicon_load(&m->alloc, m->data_dir, &m->lexicon, err);
        if (st == DYAD_OK) m->loaded |= DYAD_LOAD_CODE;
    }
    if (st != DYAD_OK) {
        dyad_model_free(m);
        return st;
    }
    snprintf(m->version, sizeof m->version, "dyad %s; parser %s", DYAD_VERSION_STRING,
             m->parse ? dy_parse_model_version(m->parse) : "not loaded");
    *out = m;
    return DYAD_OK;
}

void dyad_model_free(dyad_model *m) {
    if (!m) return;
    dyad_allocator a = m->alloc;
    dy_clean_rules_free(&a, m->clean);
    dy_parse_model_free(&a, m->parse);
    dy_actors_free(&a, m->actors);
    dy_gazetteer_free(&a, m->gaz);
    dy_lexicon_free(&a, m->lexicon);
    dy_free(&a, m);
}

const char *dyad_model_version(const dyad_model *m) { return m ? m->version : ""; }

dyad_ctx *dyad_ctx_new(const dyad_model *m) {
    const dyad_allocator *a = m ? &m->alloc : dyad_default_allocator();
    dyad_ctx *c = dy_malloc(a, sizeof *c);
    if (!c) return NULL;
    c->model = m;
    c->prof = NULL;
    c->trace = NULL;
    c->tagcache = NULL;
    dy_arena_init(&c->arena, a);
    return c;
}

void dyad_ctx_reset(dyad_ctx *ctx) {
    if (ctx) dy_arena_reset(&ctx->arena);
}

void dyad_ctx_free(dyad_ctx *ctx) {
    if (!ctx) return;
    dy_parse_ctx_free(ctx);
    dy_arena_free(&ctx->arena);
    dy_free(ctx->arena.alloc, ctx);
}

dyad_status dyad_doc_read(dyad_ctx *ctx, dyad_input format, const char *bytes, size_t n,
                          const dyad_doc_meta *meta, dyad_doc **out, dyad_error *err) {
    *out = NULL;
    if (!ctx || (!bytes && n)) return dy_err(err, DYAD_EINVAL, "no context or no bytes");
    if (format == DYAD_INPUT_AUTO) format = dy_read_detect(bytes, n);
    dyad_doc *doc = DY_ANEW(&ctx->arena, dyad_doc, 1);
    if (!doc) return dy_err(err, DYAD_ENOMEM, "out of memory");
    doc->ctx = ctx;
    doc->input = format;
    if (meta) {
        if (meta->id) doc->id = dy_arena_strdup(&ctx->arena, meta->id, strlen(meta->id));
        if (meta->date) doc->date = dy_arena_strdup(&ctx->arena, meta->date, strlen(meta->date));
        if (meta->title) doc->title = dy_arena_strdup(&ctx->arena, meta->title, strlen(meta->title));
        if (meta->source) doc->source = dy_arena_strdup(&ctx->arena, meta->source, strlen(meta->source));
        if (meta->url) doc->url = dy_arena_strdup(&ctx->arena, meta->url, strlen(meta->url));
    }
    dyad_status st;
    switch (format) {
    case DYAD_INPUT_TEXT: st = dy_read_text(ctx, doc, bytes, n, err); break;
    case DYAD_INPUT_JSONL: st = dy_read_jsonl(ctx, doc, bytes, n, err); break;
    case DYAD_INPUT_HTML: st = dy_read_html(ctx, doc, bytes, n, err); break;
    default: return dy_err(err, DYAD_EINVAL, "unknown input format %d", (int)format);
    }
    if (st != DYAD_OK) return st;
    *out = doc;
    return DYAD_OK;
}

/* Whether some sentence of doc is marked DY_SENT_WANT_PARSE. */
static bool want_parse(const dyad_doc *doc) {
    for (size_t si = 0; si < doc->nsent; si++)
        if (doc->sents[si].flags & DY_SENT_WANT_PARSE) return true;
    return false;
}

/* Thread CPU time, for ctx->prof. */
static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Add the time since *t0 to stage k of ctx->prof (when timed); *t0 = now. */
static void prof_lap(dyad_ctx *ctx, int k, double *t0) {
    if (!ctx->prof) return;
    double t = cpu_now();
    ctx->prof->t[k] += t - *t0;
    *t0 = t;
}

/* Tag sentence si, timed as DY_PROF_TAG (and taken off the stage around). */
static dyad_status tag_timed(dyad_ctx *ctx, dyad_doc *doc, size_t si, int around, dyad_error *err) {
    double t0 = ctx->prof ? cpu_now() : 0;
    dyad_status st = dy_parse_sent_tag(ctx, doc, si, err);
    if (ctx->prof) {
        double d = cpu_now() - t0;
        ctx->prof->t[DY_PROF_TAG] += d;
        ctx->prof->t[around] -= d;
    }
    return st;
}

/* The parse gate's tagging hook for the actor pass (dy_actors_find_lazy). */
static bool tag_hook(void *ud, dyad_doc *doc, uint32_t si) {
    return tag_timed(ud, doc, si, DY_PROF_ACTORS, NULL) == DYAD_OK;
}

/* The parse gate's parse stage: find the actors on untagged sentences (the
 * pass tags a sentence where it reads a tag), tag every sentence with an
 * actor, parse the sentences the coder may need (doc.h). */
static dyad_status gated_parse(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    double t0 = ctx->prof ? cpu_now() : 0;
    dyad_status st = dy_parse_doc_untagged(ctx, doc, err);
    if (st == DYAD_OK) st = dy_actors_find_lazy(ctx, doc, tag_hook, ctx, err);
    prof_lap(ctx, DY_PROF_ACTORS, &t0);
    /* dy_code_want_parse reads the tags of sentences with an actor only */
    for (size_t i = 0; i < doc->nment && st == DYAD_OK; i++)
        if (doc->ments[i].kind == DY_MENTION_ACTOR && doc->ments[i].sent < doc->nsent)
            st = tag_timed(ctx, doc, doc->ments[i].sent, DY_PROF_GATE, err);
    if (st != DYAD_OK) return st;
    if (ctx->prof)
        for (size_t si = 0; si < doc->nsent; si++) ctx->prof->untagged += (doc->sents[si].flags & DY_SENT_UNTAGGED) != 0;
    dy_code_want_parse(ctx, doc);
    prof_lap(ctx, DY_PROF_GATE, &t0);
    st = dy_parse_doc_wanted(ctx, doc, true, err);
    prof_lap(ctx, DY_PROF_PARSE, &t0);
    return st;
}

/* Its mention stage: times and places (actors are found); when they would
 * have read the tree of an unparsed sentence, parse it and find them again. */
static dyad_status gated_mentions(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    size_t nactor = doc->nment;
    double t0 = ctx->prof ? cpu_now() : 0;
    for (;;) {
        dyad_status st = dy_times_places_find(ctx, doc, err);
        prof_lap(ctx, DY_PROF_TIMES_PLACES, &t0);
        if (st != DYAD_OK) return st;
        if (!want_parse(doc)) break;
        size_t before = dy_doc_unparsed(doc);
        st = dy_parse_doc_wanted(ctx, doc, true, err);
        prof_lap(ctx, DY_PROF_PARSE, &t0);
        if (st != DYAD_OK) return st;
        if (dy_doc_unparsed(doc) == before) break;  /* nothing new parsed: these stand */
        doc->nment = nactor;
    }
    dyad_status st = dy_mention_sort(ctx, doc, err);
    prof_lap(ctx, DY_PROF_TIMES_PLACES, &t0);
    return st;
}

size_t dy_doc_unparsed(const dyad_doc *doc) {
    size_t k = 0;
    for (size_t si = 0; si < doc->nsent; si++) k += (doc->sents[si].flags & DY_SENT_UNPARSED) != 0;
    return k;
}

dyad_status dyad_doc_process(dyad_ctx *ctx, dyad_doc *doc, dyad_stage upto, dyad_error *err) {
    if (!ctx || !doc || upto < DYAD_STAGE_CLEAN || upto > DYAD_STAGE_CODE)
        return dy_err(err, DYAD_EINVAL, "bad arguments to dyad_doc_process");
    const dyad_model *m = ctx->model;
    dyad_status st = DYAD_OK;
    /* Straight to the events: parse only the sentences that can give one. */
    bool gate = upto == DYAD_STAGE_CODE && doc->stage < DYAD_STAGE_PARSE && m && m->parse && m->actors &&
                m->lexicon;
    double t0 = ctx->prof ? cpu_now() : 0;
    for (int s = doc->stage + 1; s <= (int)upto && st == DYAD_OK; s++) {
        switch ((dyad_stage)s) {
        case DYAD_STAGE_CLEAN: st = dy_clean(ctx, doc, err); prof_lap(ctx, DY_PROF_CLEAN, &t0); break;
        case DYAD_STAGE_SEGMENT: st = dy_segment(ctx, doc, err); prof_lap(ctx, DY_PROF_SEGMENT, &t0); break;
        case DYAD_STAGE_PARSE:
            /* Later stages work on forms alone when no parser is loaded
             * (upos stays 0); only asking for the parse itself is an error. */
            if (!m || !m->parse) {
                if (upto == DYAD_STAGE_PARSE)
                    return dy_err(err, DYAD_EINVAL, "parsing needs a model loaded with DYAD_LOAD_PARSE");
                break;
            }
            /* with actors to find, names are parsed as units */
            st = gate ? gated_parse(ctx, doc, err) : dy_parse_doc(ctx, doc, m->actors != NULL, err);
            if (ctx->prof) t0 = cpu_now();
            break;
        case DYAD_STAGE_MENTION:
            if (!m || !m->actors)
                return dy_err(err, DYAD_EINVAL, "mentions need a model loaded with DYAD_LOAD_ACTORS");
            st = gate ? gated_mentions(ctx, doc, err) : dy_mention_doc(ctx, doc, err);
            if (ctx->prof) t0 = cpu_now();
            break;
        case DYAD_STAGE_CODE:
            if (!m || !m->lexicon)
                return dy_err(err, DYAD_EINVAL, "coding needs a model loaded with DYAD_LOAD_CODE");
            st = dy_code_doc(ctx, doc, err);
            prof_lap(ctx, DY_PROF_CODE, &t0);
            if (ctx->prof && st == DYAD_OK) {
                ctx->prof->sents += doc->nsent;
                ctx->prof->unparsed += dy_doc_unparsed(doc);
            }
            break;
        }
        if (st == DYAD_OK) doc->stage = s;
    }
    return st;
}

const char *dyad_doc_id(const dyad_doc *doc) { return doc && doc->id.p ? doc->id.p : ""; }
size_t dyad_doc_sentence_count(const dyad_doc *doc) { return doc ? doc->nsent : 0; }
size_t dyad_doc_event_count(const dyad_doc *doc) { return doc ? doc->nevent : 0; }

static int needed_stage(dyad_output form) {
    switch (form) {
    case DYAD_OUT_CLEAN:
    case DYAD_OUT_CLEAN_EXPLAIN: return DYAD_STAGE_CLEAN;
    case DYAD_OUT_SENTENCES: return DYAD_STAGE_SEGMENT;
    case DYAD_OUT_CONLLU: return DYAD_STAGE_PARSE;
    case DYAD_OUT_MENTIONS: return DYAD_STAGE_MENTION;
    case DYAD_OUT_EVENTS:
    case DYAD_OUT_PHOENIX:
    case DYAD_OUT_PLOVER:
    case DYAD_OUT_EXPLAIN: return DYAD_STAGE_CODE;
    }
    return -1;
}

dyad_status dyad_doc_write(const dyad_doc *doc, dyad_output form, unsigned flags,
                           dyad_sink sink, void *ud, dyad_error *err) {
    int need = needed_stage(form);
    if (!doc || !sink || need < 0) return dy_err(err, DYAD_EINVAL, "bad arguments to dyad_doc_write");
    if (flags & ~(unsigned)(DYAD_WRITE_NO_TEXT | DYAD_WRITE_TOKENS | DYAD_WRITE_ACTORS_ONLY)) return dy_err(err, DYAD_EINVAL, "unknown write flags 0x%x", flags);
    if (doc->stage < need)
        return dy_err(err, DYAD_EINVAL, "document not processed far enough for this output");
    if ((form == DYAD_OUT_CONLLU || form == DYAD_OUT_MENTIONS) && dy_doc_unparsed(doc))
        return dy_err(err, DYAD_EINVAL, "document coded with sentences left unparsed: process it to "
                                        "DYAD_STAGE_MENTION before DYAD_STAGE_CODE for this output");
    dy_buf b;
    dy_buf_init(&b, doc->ctx->arena.alloc);
    switch (form) {
    case DYAD_OUT_SENTENCES: dy_emit_sentences(doc, flags, &b); break;
    case DYAD_OUT_CLEAN: dy_emit_clean(doc, &b); break;
    case DYAD_OUT_CLEAN_EXPLAIN: dy_emit_clean_explain(doc, &b); break;
    case DYAD_OUT_CONLLU: dy_emit_conllu(doc, &b); break;
    case DYAD_OUT_MENTIONS:
        if (flags & DYAD_WRITE_ACTORS_ONLY) {
            /* a view of the document with its actor mentions only */
            dyad_doc view = *doc;
            dy_mention *a = dy_malloc(b.alloc, dy_mul(doc->nment + 1, sizeof *a));
            if (!a) { b.err = true; break; }
            view.ments = a;
            view.nment = 0;
            for (size_t i = 0; i < doc->nment; i++)
                if (doc->ments[i].kind == DY_MENTION_ACTOR) a[view.nment++] = doc->ments[i];
            dy_emit_mentions(&view, &b);
            dy_free(b.alloc, a);
        } else {
            dy_emit_mentions(doc, &b);
        }
        break;
    case DYAD_OUT_EVENTS: dy_emit_events(doc, flags, &b); break;
    case DYAD_OUT_PHOENIX: dy_emit_phoenix(doc, &b); break;
    case DYAD_OUT_PLOVER: dy_emit_plover(doc, flags, &b); break;
    case DYAD_OUT_EXPLAIN: dy_emit_explain(doc, &b); break;
    }
    dyad_status st = DYAD_OK;
    if (b.err) st = dy_err(err, DYAD_ENOMEM, "out of memory writing output");
    else if (b.n && sink(b.p, b.n, ud) != 0) st = dy_err(err, DYAD_EIO, "cannot write output");
    dy_buf_free(&b);
    return st;
}
