/*
 * dyad.h — the public interface of libdyad, a political event-data coder.
 *
 * A document goes read → clean → segment → tag/parse → mention → code →
 * emit.  A dyad_model holds everything loaded once (rules, weights,
 * dictionaries) and is read-only afterwards: one model may be shared by any
 * number of threads.  A dyad_ctx is per thread: it owns the arena that holds
 * one document's text, tokens, parse, mentions and events.  The library never
 * prints and never exits; every failure is a dyad_status plus, when the
 * caller passes one, a dyad_error with a message naming what went wrong.
 *
 * MIT licensed.  See README.md.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(DYAD_STATIC_NO_VISIBILITY)
#define DYAD_API __attribute__((visibility("default")))
#else
#define DYAD_API
#endif

#define DYAD_VERSION_STRING "0.1.0"

/* MARK: - Status and errors */

typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_ENOMEM,   /* an allocation failed */
    DYAD_EIO,      /* reading or writing a file failed */
    DYAD_EINPUT,   /* a document could not be read (bad JSON, no body, ...) */
    DYAD_EMODEL,   /* a model or data file is missing, truncated or invalid */
    DYAD_EINVAL,   /* a bad argument or option */
    DYAD_ELIMIT,   /* a configured limit was exceeded */
    DYAD_EDB,      /* the event store failed */
    DYAD_STATUS_COUNT
} dyad_status;

/* Details of a failure.  msg is a NUL-terminated text in the struct itself
 * (never heap-owned); line is 1-based where it applies, else 0; offset is a
 * byte offset into the offending input where it applies, else 0. */
typedef struct dyad_error {
    dyad_status code;
    size_t line;
    size_t offset;
    char msg[512];
} dyad_error;

/* A static, human-readable name for a status.  Thread-safe. */
DYAD_API const char *dyad_strerror(dyad_status code);

/* Library and data versions.  Static strings.  Thread-safe. */
DYAD_API const char *dyad_version(void);

/* MARK: - Allocation */

/* Every allocation the library makes goes through one of these.  realloc
 * semantics follow the C library; free accepts NULL.  Tests use it to make
 * each allocation fail in turn. */
typedef struct dyad_allocator {
    void *(*malloc)(size_t n, void *ud);
    void *(*realloc)(void *p, size_t n, void *ud);
    void (*free)(void *p, void *ud);
    void *ud;
} dyad_allocator;

/* The C library's malloc/realloc/free.  Static, thread-safe. */
DYAD_API const dyad_allocator *dyad_default_allocator(void);

/* MARK: - Model: everything loaded once */

typedef struct dyad_model dyad_model;

/* What to load: a verb that only segments needs no parser weights. */
enum {
    DYAD_LOAD_CLEAN = 1u << 0,   /* cleaning rules (data/clean/)          */
    DYAD_LOAD_PARSE = 1u << 1,   /* tagger, lemmatizer, parser (models/)  */
    DYAD_LOAD_ACTORS = 1u << 2,  /* actor and agent dictionaries          */
    DYAD_LOAD_PLACES = 1u << 3,  /* gazetteer                             */
    DYAD_LOAD_CODE = 1u << 4,    /* event lexicon and CAMEO table         */
    DYAD_LOAD_ALL = 0x1f
};

typedef struct dyad_model_options {
    const char *data_dir;   /* NULL: $DYAD_DATA, else the compiled-in dir */
    const char *model_dir;  /* NULL: <data_dir>/../models or compiled-in  */
    unsigned load;          /* DYAD_LOAD_* bits                           */
    const dyad_allocator *alloc; /* NULL: dyad_default_allocator()       */
    /* The parser model file (a name in model_dir, or a path if it has a
     * '/').  NULL: the coder's parser, DYAD_PARSER_CODE, when the load
     * includes DYAD_LOAD_CODE and that file is in model_dir, else
     * DYAD_PARSER_JOINT.  A file named here must exist (no fallback). */
    const char *parser;
} dyad_model_options;

/* The joint parser (the accurate one `dyad parse` uses) and the faster one
 * trained for the coder (docs/models.md). */
#define DYAD_PARSER_JOINT "parser.bin"
#define DYAD_PARSER_CODE "parser-code.bin"

DYAD_API dyad_model_options dyad_model_options_default(void);

/* Load the parts named in opts->load.  On success *out is owned by the
 * caller (free with dyad_model_free) and is immutable: any number of threads
 * may use it at once.  On failure returns DYAD_EMODEL/DYAD_ENOMEM/DYAD_EINVAL,
 * *out is NULL and err (if not NULL) names the file and the problem. */
DYAD_API dyad_status dyad_model_load(const dyad_model_options *opts,
                                     dyad_model **out, dyad_error *err);
DYAD_API void dyad_model_free(dyad_model *m);
/* Description of the loaded data versions ("parser ewt-2.x ..."), borrowed,
 * valid until dyad_model_free. */
DYAD_API const char *dyad_model_version(const dyad_model *m);

/* MARK: - Context: per-thread scratch */

typedef struct dyad_ctx dyad_ctx;

/* A context borrows the model (which must outlive it).  NULL on OOM. */
DYAD_API dyad_ctx *dyad_ctx_new(const dyad_model *m);
/* Frees every document read through the context since the last reset. */
DYAD_API void dyad_ctx_reset(dyad_ctx *ctx);
DYAD_API void dyad_ctx_free(dyad_ctx *ctx);

/* MARK: - Documents */

typedef enum dyad_input {
    DYAD_INPUT_AUTO = 0,  /* detect: '<' markup → html, '{' lines → jsonl */
    DYAD_INPUT_TEXT,
    DYAD_INPUT_JSONL,     /* exactly one JSON object (one line)          */
    DYAD_INPUT_HTML
} dyad_input;

/* Metadata a caller may give (CLI --id/--date), each NULL when absent; a
 * JSON or HTML document's own fields win over id only when id is NULL. */
typedef struct dyad_doc_meta {
    const char *id;
    const char *date;     /* YYYY-MM-DD */
    const char *title;
    const char *source;
    const char *url;
} dyad_doc_meta;

typedef struct dyad_doc dyad_doc;

/* Read one document from bytes (any bytes: invalid UTF-8 becomes U+FFFD).
 * format DYAD_INPUT_AUTO guesses.  The document lives in the context's arena
 * and is valid until dyad_ctx_reset/dyad_ctx_free.  The bytes are copied.
 * Errors: DYAD_EINPUT with err->msg saying why (truncated JSON, field of the
 * wrong type, HTML without a body, empty document), DYAD_ELIMIT, DYAD_ENOMEM. */
DYAD_API dyad_status dyad_doc_read(dyad_ctx *ctx, dyad_input format,
                                   const char *bytes, size_t n,
                                   const dyad_doc_meta *meta,
                                   dyad_doc **out, dyad_error *err);

/* Pipeline stages, run in order up to and including the one named; running a
 * stage already run is a no-op.  Each needs the model parts it uses.
 * Processing a document not yet parsed straight to DYAD_STAGE_CODE (as
 * `dyad code` does) parses only the sentences that can give an event or
 * that the coder reads for other sentences; the rest are tagged and
 * lemmatised but not parsed, and the events are the same.  Such a document
 * has no complete parse or mention list to write (DYAD_OUT_CONLLU and
 * DYAD_OUT_MENTIONS give DYAD_EINVAL): process it to DYAD_STAGE_MENTION
 * first when those are wanted too. */
typedef enum dyad_stage {
    DYAD_STAGE_CLEAN = 1,
    DYAD_STAGE_SEGMENT,
    DYAD_STAGE_PARSE,
    DYAD_STAGE_MENTION,
    DYAD_STAGE_CODE
} dyad_stage;

DYAD_API dyad_status dyad_doc_process(dyad_ctx *ctx, dyad_doc *doc,
                                      dyad_stage upto, dyad_error *err);

/* Borrowed views, valid until the context is reset. */
DYAD_API const char *dyad_doc_id(const dyad_doc *doc);
DYAD_API size_t dyad_doc_sentence_count(const dyad_doc *doc);
DYAD_API size_t dyad_doc_event_count(const dyad_doc *doc);

/* MARK: - Output */

/* Output goes through a sink: write n bytes, return 0 or non-zero on
 * failure (the writer stops and returns DYAD_EIO). */
typedef int (*dyad_sink)(const char *p, size_t n, void *ud);

typedef enum dyad_output {
    DYAD_OUT_SENTENCES = 1, /* {"doc_id","index","text","start","end"}     */
    DYAD_OUT_CLEAN,         /* cleaned text, paragraphs split by "\n\n"    */
    DYAD_OUT_CLEAN_EXPLAIN, /* JSON lines: what was dropped, by which rule */
    DYAD_OUT_CONLLU,        /* CoNLL-U of the parse                        */
    DYAD_OUT_MENTIONS,      /* one JSON object per mention                 */
    DYAD_OUT_EVENTS,        /* event records, spec/event-record.md          */
    DYAD_OUT_PHOENIX,       /* Phoenix tab-separated                       */
    DYAD_OUT_PLOVER,        /* PLOVER-style JSON                           */
    DYAD_OUT_EXPLAIN        /* events with pattern, parse paths, status cues */
} dyad_output;

enum {
    DYAD_WRITE_NO_TEXT = 1u << 0, /* leave the sentence text out */
    DYAD_WRITE_TOKENS = 1u << 1,  /* sentences: add a "tokens" array of forms */
    DYAD_WRITE_ACTORS_ONLY = 1u << 2 /* mentions: actor mentions only */
};

/* Write the document's results in the given form.  The document must have
 * been processed up to the stage the form needs (else DYAD_EINVAL).  Output is
 * whole lines only: a failure leaves no half-written line in the sink when
 * the sink itself writes atomically per call (each call is one or more whole
 * lines). */
DYAD_API dyad_status dyad_doc_write(const dyad_doc *doc, dyad_output form,
                                    unsigned flags, dyad_sink sink, void *ud,
                                    dyad_error *err);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
