/*
 * ingest.c — one document into the store: code it through the pipeline
 * (the same library calls as `dyad code`), collect its event records and
 * sentences as JSON, and store them whole inside a savepoint.  Shared by
 * `dyad ingest` and the server's POST /api/code and /api/ingest.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/model.h"
#include "store.h"

static int buf_sink(const char *p, size_t n, void *ud) {
    dy_buf *b = ud;
    dy_buf_put(b, p, n);
    return b->err ? -1 : 0;
}

static char *dup_str(dy_str s) {
    if (!s.p || !s.n) return NULL;
    char *c = malloc(s.n + 1);
    if (!c) return NULL;
    memcpy(c, s.p, s.n);
    c[s.n] = 0;
    return c;
}

/* Parse JSON Lines in b into a new array; NULL with err on a bad line. */
static json_t *parse_lines(const dy_buf *b, dyad_error *err) {
    json_t *arr = json_array();
    if (!arr) return NULL;
    size_t i = 0;
    while (i < b->n) {
        const char *nl = memchr(b->p + i, '\n', b->n - i);
        size_t e = nl ? (size_t)(nl - b->p) : b->n;
        if (e > i) {
            json_error_t je;
            json_t *v = json_loadb(b->p + i, e - i, 0, &je);
            if (!v) {
                dy_err(err, DYAD_EINPUT, "coder output is not JSON: %s", je.text);
                json_decref(arr);
                return NULL;
            }
            json_array_append_new(arr, v);
        }
        i = e + 1;
    }
    return arr;
}

void dy_coded_free(dy_coded *c) {
    if (!c) return;
    free(c->id);
    free(c->date);
    free(c->title);
    free(c->source);
    free(c->url);
    json_decref(c->events);
    json_decref(c->sentences);
    memset(c, 0, sizeof *c);
}

dyad_status dy_store_code_doc(dyad_ctx *ctx, dyad_input in, const char *bytes, size_t n,
                        const dyad_doc_meta *meta, dy_coded *out, dyad_error *err) {
    memset(out, 0, sizeof *out);
    dyad_doc *doc = NULL;
    dy_buf ev, se;
    dy_buf_init(&ev, dyad_default_allocator());
    dy_buf_init(&se, dyad_default_allocator());
    dyad_status st = dyad_doc_read(ctx, in, bytes, n, meta, &doc, err);
    if (st == DYAD_OK) st = dyad_doc_process(ctx, doc, DYAD_STAGE_CODE, err);
    if (st == DYAD_OK) st = dyad_doc_write(doc, DYAD_OUT_EVENTS, 0, buf_sink, &ev, err);
    if (st == DYAD_OK) st = dyad_doc_write(doc, DYAD_OUT_SENTENCES, 0, buf_sink, &se, err);
    if (st == DYAD_OK) {
        dy_store_hash(bytes, n, out->hash, sizeof out->hash);
        out->id = dup_str(doc->id);
        out->date = dup_str(doc->date);
        out->title = dup_str(doc->title);
        out->source = dup_str(doc->source);
        out->url = dup_str(doc->url);
        out->events = parse_lines(&ev, err);
        json_t *raw = out->events ? parse_lines(&se, err) : NULL;
        if (!out->events || !raw) {
            st = err && err->code ? err->code : DYAD_ENOMEM;
            json_decref(raw);
        } else {
            /* Keep index and text of each sentence only. */
            out->sentences = json_array();
            size_t i;
            json_t *v;
            json_array_foreach(raw, i, v) {
                json_t *idx = json_object_get(v, "index"), *text = json_object_get(v, "text");
                if (json_is_integer(idx) && json_is_string(text))
                    json_array_append_new(out->sentences, json_pack("{sOsO}", "index", idx, "text", text));
            }
            json_decref(raw);
        }
    }
    dy_buf_free(&ev);
    dy_buf_free(&se);
    dyad_ctx_reset(ctx);
    if (st != DYAD_OK) dy_coded_free(out);
    return st;
}

dyad_status dy_store_put(dy_store *s, const dy_store_doc *d, const json_t *events,
                         const json_t *sentences, dy_doc_state *state, size_t *nadded,
                         dyad_error *err) {
    *nadded = 0;
    /* Check every record first: a bad one rejects the document whole. */
    size_t i;
    json_t *v;
    json_array_foreach(events, i, v) {
        dyad_status st = dy_store_event_check(v, err);
        if (st != DYAD_OK) return st;
    }
    dyad_status st = dy_store_savepoint(s, err);
    if (st != DYAD_OK) return st;
    int64_t doc = 0;
    st = dy_store_doc_add(s, d, state, &doc, err);
    if (st == DYAD_OK && *state == DY_DOC_NEW) {
        if (sentences) {
            json_array_foreach(sentences, i, v) {
                const char *text = json_string_value(json_object_get(v, "text"));
                st = dy_store_sentence_add(s, doc, json_integer_value(json_object_get(v, "index")), text, err);
                if (st != DYAD_OK) break;
            }
        }
        json_array_foreach(events, i, v) {
            if (st != DYAD_OK) break;
            bool added = false;
            st = dy_store_event_add(s, doc, v, &added, err);
            if (added) (*nadded)++;
        }
        if (st == DYAD_OK) st = dy_store_doc_finish(s, doc, err);
    }
    if (st == DYAD_OK) st = dy_store_release(s, err);
    if (st != DYAD_OK) {
        dy_store_rollback_to(s);
        *nadded = 0;
    }
    return st;
}
