/*
 * store.h — the SQLite event store: documents, sentences, events (one row
 * per distinct event after cross-story de-duplication), mentions (one row
 * per event record of one story) and actors.  Schema and migrations in
 * store.c, documented in docs/store.md.
 *
 * A dy_store is one SQLite connection: use it from one thread at a time
 * (the server keeps a pool, one connection per request).  Nothing here
 * prints; failures are a dyad_status (DYAD_EDB, DYAD_EINPUT, DYAD_ENOMEM)
 * with err->msg naming the cause.
 */
#ifndef DY_STORE_H
#define DY_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "dyad.h"

typedef struct dy_store dy_store;

/* Schema version this build writes (PRAGMA user_version). */
#define DY_STORE_SCHEMA_VERSION 1

/* Open (creating and migrating when `readonly` is false) the store at path.
 * WAL journal, foreign keys on, a busy timeout so readers and one writer
 * coexist.  *out is owned: close with dy_store_close.  A file that is not a
 * dyad store (other application_id) or has a newer schema is DYAD_EDB. */
dyad_status dy_store_open(const char *path, bool readonly, dy_store **out, dyad_error *err);
void dy_store_close(dy_store *s);

/* Make statements of this connection fail (DYAD_ELIMIT, "store time limit
 * exceeded") once
 * `ms` milliseconds have passed from now; 0 removes the limit.  The server
 * bounds the time of each request with it. */
void dy_store_set_deadline(dy_store *s, long ms);

/* Transactions: one per batch of documents.  rollback never fails. */
dyad_status dy_store_begin(dy_store *s, dyad_error *err);
dyad_status dy_store_commit(dy_store *s, dyad_error *err);
void dy_store_rollback(dy_store *s);
/* Savepoints: one per document inside a batch, so a bad document leaves the
 * others of its batch intact. */
dyad_status dy_store_savepoint(dy_store *s, dyad_error *err);
dyad_status dy_store_release(dy_store *s, dyad_error *err);
void dy_store_rollback_to(dy_store *s);

/* MARK: - ingest */

/* A document's identity and metadata (strings borrowed, any may be NULL
 * except hash).  The identity key is "id:<id>" when id is non-empty, else
 * "hash:<hash>". */
typedef struct dy_store_doc {
    const char *id;
    const char *hash;        /* content hash, e.g. from dy_store_hash */
    const char *report_date;
    const char *title, *source, *url;
} dy_store_doc;

/* Content hash of bytes as "fnv1a64:<16 hex>:<length>" into out (>= 48). */
void dy_store_hash(const void *p, size_t n, char *out, size_t outn);

typedef enum dy_doc_state {
    DY_DOC_NEW = 0,      /* inserted: add its sentences and events */
    DY_DOC_SAME,         /* already stored with the same content: skip */
    DY_DOC_CONFLICT      /* id stored with different content: skipped */
} dy_doc_state;

/* Insert the document row unless its identity is stored.  *rowid is the
 * new row (DY_DOC_NEW) or the stored one. */
dyad_status dy_store_doc_add(dy_store *s, const dy_store_doc *d, dy_doc_state *state,
                             int64_t *rowid, dyad_error *err);

dyad_status dy_store_sentence_add(dy_store *s, int64_t doc, int64_t index, const char *text,
                                  dyad_error *err);

/* Check that rec is an event record the store can take (spec/event-record.md:
 * string id, doc_id and code, a source object with a string code; target
 * and location null or objects).  DYAD_EINPUT with the reason. */
dyad_status dy_store_event_check(const json_t *rec, dyad_error *err);

/* Store one event record of document `doc` (borrowed JSON): finds or makes
 * the de-duplicated event (key: source code, target code, event code, date
 * as given, place country) and adds the mention.  A record id already
 * stored is ignored (*added false). */
dyad_status dy_store_event_add(dy_store *s, int64_t doc, const json_t *rec, bool *added,
                               dyad_error *err);

/* Update the document's event/sentence counts after its rows are in. */
dyad_status dy_store_doc_finish(dy_store *s, int64_t doc, dyad_error *err);

/* MARK: - queries */

/* Event filters; NULL/0 means no filter.  Codes match by prefix ("RUS"
 * matches "RUSGOV"), actor by case-insensitive substring of a name or text,
 * dates are YYYY[-MM[-DD]] compared on the event's first day. */
typedef struct dy_filter {
    const char *source, *target;   /* actor code prefixes */
    const char *actor;             /* either side's name or text */
    const char *any;               /* actor code prefix on either side */
    const char *root;              /* root code, exact */
    const char *code;              /* event code prefix */
    const char *status;            /* a mention with one of these statuses: a
                                      comma-separated list, or "all" */
    const char *since, *until;
    const char *place;             /* location country */
    int quad;                      /* 1..4, 0 = any */
    int quad_min, quad_max;        /* a range of quad classes (1-2: cooperation,
                                      3-4: conflict); 0 = any */
    long limit;                    /* 0 = no limit */
    long offset;
} dy_filter;

/* Validate filter values (dates, quad, limit): DYAD_EINVAL naming the one. */
dyad_status dy_filter_check(const dy_filter *f, dyad_error *err);

/* Call fn for every matching event, newest first, with the record (owned by
 * the store for the call: fn may keep it with json_incref): the stored
 * record of the first mention (matching status when filtered) plus
 * "mentions" (count) and "sources" (document ids), both of the reports with
 * the filter's statuses when it has some.  fn returns non-zero to
 * stop (the call then returns DYAD_OK). */
typedef int (*dy_event_fn)(json_t *rec, void *ud);
dyad_status dy_store_query(dy_store *s, const dy_filter *f, dy_event_fn fn, void *ud,
                           dyad_error *err);

/* Per period and dyad: event count, mention count (with a status filter,
 * the reports with those statuses), events per quad class, summed
 * Goldstein. */
typedef struct dy_stats_row {
    const char *period, *source, *target;  /* target "" when none */
    long events, mentions, quad[4];
    double goldstein;
} dy_stats_row;
typedef int (*dy_stats_fn)(const dy_stats_row *row, void *ud);
/* by: "year", "month", "week" (YYYY-Www, Monday weeks, %W), or "day". */
dyad_status dy_store_stats(dy_store *s, const dy_filter *f, const char *by, dy_stats_fn fn,
                           void *ud, dyad_error *err);

/* One aggregated row per (source, target) for network building; with a
 * status filter, mentions counts only the reports with those statuses. */
typedef struct dy_dyad_row {
    const char *source, *source_name, *source_country, *source_role;
    const char *target, *target_name, *target_country, *target_role;
    long events, mentions, quad[4];
    double goldstein;
} dy_dyad_row;
typedef int (*dy_dyad_fn)(const dy_dyad_row *row, void *ud);
dyad_status dy_store_dyads(dy_store *s, const dy_filter *f, dy_dyad_fn fn, void *ud,
                           dyad_error *err);

/* Totals for `dyad ingest` reports and the page header. */
typedef struct dy_store_counts {
    long documents, sentences, events, mentions, actors;
} dy_store_counts;
dyad_status dy_store_counts_get(dy_store *s, dy_store_counts *c, dyad_error *err);


/* MARK: - whole documents (ingest.c) */

/* A coded document: its metadata and records, all owned (free with
 * dy_coded_free). */
typedef struct dy_coded {
    char *id, *date, *title, *source, *url;   /* NULL when absent */
    char hash[64];                            /* of the bytes as read */
    json_t *events;                           /* array of event records */
    json_t *sentences;                        /* array of {"index","text"} */
} dy_coded;

/* Read, code and collect one document through ctx (reset before return).
 * Errors as dyad_doc_read/dyad_doc_process; the output is then empty. */
dyad_status dy_store_code_doc(dyad_ctx *ctx, dyad_input in, const char *bytes, size_t n,
                        const dyad_doc_meta *meta, dy_coded *out, dyad_error *err);
void dy_coded_free(dy_coded *c);

/* Store one document whole or not at all (a savepoint inside the caller's
 * transaction): the document row, its sentences (may be NULL) and event
 * records.  A stored identity is skipped (*state SAME or CONFLICT);
 * *nadded counts the mentions added. */
dyad_status dy_store_put(dy_store *s, const dy_store_doc *d, const json_t *events,
                         const json_t *sentences, dy_doc_state *state, size_t *nadded,
                         dyad_error *err);

#endif
