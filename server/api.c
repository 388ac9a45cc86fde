/*
 * api.c — the routes of `dyad serve`:
 *   GET  /api/events    filtered events (JSON: {"events":[records], "count"})
 *   GET  /api/network   the actor network of the filtered events
 *   GET  /api/timeline  events per period for the filtered events (by=)
 *   GET  /api/totals    row counts of the store
 *   POST /api/code      a document in (text, or JSON {"text","date","id"}),
 *                       its events out; nothing stored
 *   POST /api/ingest    the same, stored; needs "Authorization: Bearer T"
 *   GET  /, /<file>     the page from the web directory
 * Every failure is a 4xx/5xx with {"error": "..."}.
 */
#include "api.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit/network.h"

/* MARK: - requests */

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Percent-decode s[0..n) into a new string; NULL on a bad escape or NUL. */
static char *pct_decode(const char *s, size_t n) {
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '+') c = ' ';
        else if (c == '%') {
            if (n - i < 3) { free(out); return NULL; }
            int h = hexval((unsigned char)s[i + 1]), l = hexval((unsigned char)s[i + 2]);
            if (h < 0 || l < 0) { free(out); return NULL; }
            c = h * 16 + l;
            i += 2;
        }
        if (c == 0) { free(out); return NULL; }
        out[o++] = (char)c;
    }
    out[o] = 0;
    return out;
}

bool srv_add_param(srv_request *req, const char *key, const char *val) {
    if (req->nparams >= SRV_MAX_PARAMS) return false;
    char *k = strdup(key), *v = strdup(val ? val : "");
    if (!k || !v) { free(k); free(v); return false; }
    req->params[req->nparams].key = k;
    req->params[req->nparams].val = v;
    req->nparams++;
    return true;
}

void srv_parse_query(srv_request *req, const char *qs, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && qs[e] != '&') e++;
        if (e > i) {
            size_t eq = i;
            while (eq < e && qs[eq] != '=') eq++;
            char *k = pct_decode(qs + i, eq - i);
            char *v = eq < e ? pct_decode(qs + eq + 1, e - eq - 1) : strdup("");
            if (!k || !v || req->nparams >= SRV_MAX_PARAMS) {
                free(k);
                free(v);
                req->bad_query = true;
                return;
            }
            req->params[req->nparams].key = k;
            req->params[req->nparams].val = v;
            req->nparams++;
        }
        i = e + 1;
    }
}

void srv_request_free(srv_request *req) {
    for (size_t i = 0; i < req->nparams; i++) {
        free(req->params[i].key);
        free(req->params[i].val);
    }
    req->nparams = 0;
}

static const char *param(const srv_request *req, const char *key) {
    for (size_t i = 0; i < req->nparams; i++)
        if (!strcmp(req->params[i].key, key)) return req->params[i].val[0] ? req->params[i].val : NULL;
    return NULL;
}

/* MARK: - state and pool */

bool srv_state_init(srv_state *st) {
    st->npool = 0;
    st->writer = NULL;
    if (pthread_mutex_init(&st->lock, NULL)) return false;
    if (pthread_mutex_init(&st->write_lock, NULL)) {
        pthread_mutex_destroy(&st->lock);
        return false;
    }
    return true;
}

void srv_state_free(srv_state *st) {
    for (size_t i = 0; i < st->npool; i++) dy_store_close(st->pool[i]);
    st->npool = 0;
    dy_store_close(st->writer);
    st->writer = NULL;
    pthread_mutex_destroy(&st->lock);
    pthread_mutex_destroy(&st->write_lock);
}

static dy_store *pool_get(srv_state *st, dyad_error *err) {
    dy_store *s = NULL;
    pthread_mutex_lock(&st->lock);
    if (st->npool) s = st->pool[--st->npool];
    pthread_mutex_unlock(&st->lock);
    if (!s && dy_store_open(st->db_path, true, &s, err) != DYAD_OK) return NULL;
    dy_store_set_deadline(s, st->timeout_ms);
    return s;
}

static void pool_put(srv_state *st, dy_store *s) {
    if (!s) return;
    dy_store_set_deadline(s, 0);
    pthread_mutex_lock(&st->lock);
    if (st->npool < SRV_POOL_MAX) {
        st->pool[st->npool++] = s;
        s = NULL;
    }
    pthread_mutex_unlock(&st->lock);
    dy_store_close(s);
}

/* MARK: - responses */

static void resp_json(srv_response *r, int status, json_t *j) {
    if (!j) {
        /* json_pack failed: out of memory (or a bug in a format string). */
        r->status = 500;
        r->type = "application/json";
        dy_buf_puts(&r->body, "{\"error\":\"cannot build the response\"}\n");
        return;
    }
    r->status = status;
    r->type = "application/json";
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    if (s) {
        dy_buf_puts(&r->body, s);
        dy_buf_putc(&r->body, '\n');
        free(s);
    }
    json_decref(j);
}

static void resp_error(srv_response *r, int status, const char *msg) {
    dy_buf_clear(&r->body);
    resp_json(r, status, json_pack("{ss}", "error", msg));
}

static int status_of_err(dyad_status s, const dyad_error *err) {
    if (s == DYAD_ELIMIT && !strncmp(err->msg, "store time limit", 16)) return 503;
    switch (s) {
    case DYAD_EINVAL: case DYAD_EINPUT: return 400;
    case DYAD_ELIMIT: return 413;
    default: return 500;
    }
}

void srv_response_free(srv_response *resp) {
    dy_buf_free(&resp->body);
    if (resp->fd >= 0) close(resp->fd);
    resp->fd = -1;
}

/* MARK: - event routes */

static bool parse_num(const char *s, long lo, long hi, long *out) {
    if (!s) return true;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = v;
    return true;
}

/* Filters from the query string; false after filling an error response. */
static bool read_filter(const srv_request *req, dy_filter *f, long def_limit, srv_response *r) {
    memset(f, 0, sizeof *f);
    f->source = param(req, "source");
    f->target = param(req, "target");
    f->any = param(req, "actor_code");
    f->actor = param(req, "actor");
    f->root = param(req, "root");
    f->code = param(req, "code");
    /* What the text says happened, unless asked otherwise (status=all):
     * the same default on every route that lists or counts events. */
    f->status = param(req, "status");
    if (!f->status) f->status = DY_STATUS_FACTUAL_LIST;
    f->since = param(req, "since");
    f->until = param(req, "until");
    f->place = param(req, "place");
    long quad = 0, limit = def_limit, offset = 0;
    if (!parse_num(param(req, "quad"), 1, 4, &quad)) { resp_error(r, 400, "quad must be 1, 2, 3 or 4"); return false; }
    if (!parse_num(param(req, "limit"), 1, 10000, &limit)) { resp_error(r, 400, "limit must be 1 to 10000"); return false; }
    if (!parse_num(param(req, "offset"), 0, 1L << 40, &offset)) { resp_error(r, 400, "offset must be a number"); return false; }
    f->quad = (int)quad;
    f->limit = limit;
    f->offset = offset;
    /* The page asks for cooperation or conflict: quad 1+2 or 3+4. */
    const char *cls = param(req, "class");
    if (cls && strcmp(cls, "cooperation") && strcmp(cls, "conflict") && strcmp(cls, "all")) {
        resp_error(r, 400, "class must be cooperation, conflict or all");
        return false;
    }
    if (cls && !strcmp(cls, "cooperation")) { f->quad_min = 1; f->quad_max = 2; }
    if (cls && !strcmp(cls, "conflict")) { f->quad_min = 3; f->quad_max = 4; }
    dyad_error err = {0};
    if (dy_filter_check(f, &err) != DYAD_OK) { resp_error(r, 400, err.msg); return false; }
    return true;
}

static int collect_event(json_t *rec, void *ud) {
    json_array_append(ud, rec);
    return 0;
}

static void get_events(srv_state *st, const srv_request *req, srv_response *r) {
    dy_filter f;
    if (!read_filter(req, &f, 100, r)) return;
    dyad_error err = {0};
    dy_store *s = pool_get(st, &err);
    if (!s) { resp_error(r, 503, err.msg); return; }
    json_t *arr = json_array();
    dyad_status rc = dy_store_query(s, &f, collect_event, arr, &err);
    pool_put(st, s);
    if (rc != DYAD_OK) { json_decref(arr); resp_error(r, status_of_err(rc, &err), err.msg); return; }
    resp_json(r, 200, json_pack("{sIso}", "count", (json_int_t)json_array_size(arr), "events", arr));
}

static int add_dyad(const dy_dyad_row *row, void *ud) {
    dy_net_actor a = {row->source, row->source_name, row->source_country, row->source_role};
    dy_net_actor b = {row->target, row->target_name, row->target_country, row->target_role};
    return dy_net_add(ud, &a, &b, row->events, row->mentions, row->quad, row->goldstein) ? 0 : 1;
}

static void get_network(srv_state *st, const srv_request *req, srv_response *r) {
    dy_filter f;
    if (!read_filter(req, &f, 0, r)) return;
    if (!param(req, "limit")) f.limit = 0;
    const char *format = param(req, "format");
    if (format && strcmp(format, "json") && strcmp(format, "graphml") && strcmp(format, "dot")) {
        resp_error(r, 400, "format must be json, graphml or dot");
        return;
    }
    dyad_error err = {0};
    dy_store *s = pool_get(st, &err);
    if (!s) { resp_error(r, 503, err.msg); return; }
    dy_net *net = dy_net_new();
    dyad_status rc = net ? dy_store_dyads(s, &f, add_dyad, net, &err) : dy_err(&err, DYAD_ENOMEM, "out of memory");
    pool_put(st, s);
    if (rc == DYAD_OK) rc = dy_net_write(net, format ? format : "json", &r->body, &err);
    dy_net_free(net);
    if (rc != DYAD_OK) { resp_error(r, status_of_err(rc, &err), err.msg); return; }
    r->status = 200;
    r->type = !format || !strcmp(format, "json") ? "application/json"
              : !strcmp(format, "graphml")       ? "application/xml"
                                                 : "text/vnd.graphviz";
}

typedef struct timeline {
    json_t *series;
    json_t *cur;   /* borrowed: last element of series */
} timeline;

static int add_period(const dy_stats_row *row, void *ud) {
    timeline *t = ud;
    const char *p = json_string_value(json_object_get(t->cur, "period"));
    if (!t->cur || !p || strcmp(p, row->period)) {
        t->cur = json_pack("{sssIsIs[IIII]sf}", "period", row->period, "events", (json_int_t)0, "mentions",
                           (json_int_t)0, "quad", (json_int_t)0, (json_int_t)0, (json_int_t)0, (json_int_t)0,
                           "goldstein", 0.0);
        if (!t->cur) return 1;
        json_array_append_new(t->series, t->cur);
    }
    json_t *q = json_object_get(t->cur, "quad");
    long ev = row->events;
    for (int k = 0; k < 4; k++) {
        json_array_set_new(q, (size_t)k, json_integer(json_integer_value(json_array_get(q, (size_t)k)) + row->quad[k]));
    }
    json_object_set_new(t->cur, "events", json_integer(json_integer_value(json_object_get(t->cur, "events")) + ev));
    json_object_set_new(t->cur, "mentions",
                        json_integer(json_integer_value(json_object_get(t->cur, "mentions")) + row->mentions));
    json_object_set_new(t->cur, "goldstein", json_real(json_real_value(json_object_get(t->cur, "goldstein")) + row->goldstein));
    return 0;
}

static void get_timeline(srv_state *st, const srv_request *req, srv_response *r) {
    dy_filter f;
    if (!read_filter(req, &f, 0, r)) return;
    if (!param(req, "limit")) f.limit = 0;
    const char *by = param(req, "by");
    if (!by) by = "month";
    if (strcmp(by, "year") && strcmp(by, "month") && strcmp(by, "week") && strcmp(by, "day")) {
        resp_error(r, 400, "by must be year, month, week or day");
        return;
    }
    dyad_error err = {0};
    dy_store *s = pool_get(st, &err);
    if (!s) { resp_error(r, 503, err.msg); return; }
    timeline t = {json_array(), NULL};
    dyad_status rc = dy_store_stats(s, &f, by, add_period, &t, &err);
    pool_put(st, s);
    if (rc != DYAD_OK) { json_decref(t.series); resp_error(r, status_of_err(rc, &err), err.msg); return; }
    resp_json(r, 200, json_pack("{ssssssso}", "by", by, "source", f.source ? f.source : "", "target",
                                f.target ? f.target : "", "series", t.series));
}

static void get_totals(srv_state *st, srv_response *r) {
    dyad_error err = {0};
    dy_store *s = pool_get(st, &err);
    if (!s) { resp_error(r, 503, err.msg); return; }
    dy_store_counts c = {0};
    dyad_status rc = dy_store_counts_get(s, &c, &err);
    pool_put(st, s);
    if (rc != DYAD_OK) { resp_error(r, status_of_err(rc, &err), err.msg); return; }
    resp_json(r, 200, json_pack("{sIsIsIsIsI}", "documents", (json_int_t)c.documents, "sentences",
                                (json_int_t)c.sentences, "events", (json_int_t)c.events, "mentions",
                                (json_int_t)c.mentions, "actors", (json_int_t)c.actors));
}

/* MARK: - coding */

int srv_check_token(const srv_state *st, const char *auth) {
    if (!auth || strncmp(auth, "Bearer ", 7)) return 401;
    const char *t = auth + 7;
    while (*t == ' ') t++;
    size_t a = strlen(t), b = strlen(st->token);
    if (!b) return 403;
    /* Compare in time independent of where the first difference is. */
    unsigned diff = (unsigned)(a ^ b);
    for (size_t i = 0; i < b; i++) diff |= (unsigned char)(i < a ? t[i] : 0) ^ (unsigned char)st->token[i];
    return diff ? 403 : 0;
}

static void post_code(srv_state *st, const srv_request *req, srv_response *r, bool store) {
    if (store) {
        int a = srv_check_token(st, req->auth);
        if (a == 401) { resp_error(r, 401, "POST /api/ingest needs Authorization: Bearer <token>"); return; }
        if (a) { resp_error(r, 403, "wrong token"); return; }
    }
    if (req->body_too_large) { resp_error(r, 413, "request body too large"); return; }
    if (!req->body_n) { resp_error(r, 400, "empty body: send the document text or JSON {\"text\", \"date\", \"id\"}"); return; }
    dyad_input in = DYAD_INPUT_TEXT;
    char *line = NULL;
    const char *bytes = req->body;
    size_t n = req->body_n;
    bool json = req->content_type && !strncmp(req->content_type, "application/json", 16);
    if (json) {
        /* Re-serialise on one line: the reader takes one JSON object per line. */
        json_error_t je;
        json_t *doc = json_loadb(req->body, req->body_n, 0, &je);
        if (!json_is_object(doc)) {
            char msg[300];
            snprintf(msg, sizeof msg, "body is not a JSON object: %s", doc ? "other JSON value" : je.text);
            json_decref(doc);
            resp_error(r, 400, msg);
            return;
        }
        if (!json_is_string(json_object_get(doc, "text")) && !json_is_string(json_object_get(doc, "html"))) {
            json_decref(doc);
            resp_error(r, 400, "JSON document needs a string \"text\" (or \"html\")");
            return;
        }
        line = json_dumps(doc, JSON_COMPACT);
        json_decref(doc);
        if (!line) { resp_error(r, 500, "out of memory"); return; }
        bytes = line;
        n = strlen(line);
        in = DYAD_INPUT_JSONL;
    } else if (req->content_type && !strncmp(req->content_type, "text/html", 9)) {
        in = DYAD_INPUT_HTML;
    }
    const char *date = param(req, "date");
    if (date && (strlen(date) != 10 || date[4] != '-' || date[7] != '-')) {
        free(line);
        resp_error(r, 400, "date must be YYYY-MM-DD");
        return;
    }
    dyad_doc_meta meta = {param(req, "id"), date, NULL, NULL, NULL};
    if (!json && !meta.id) meta.id = "post";
    if (!st->model) { free(line); resp_error(r, 503, "no model loaded"); return; }
    dyad_ctx *ctx = dyad_ctx_new(st->model);
    if (!ctx) { free(line); resp_error(r, 500, "out of memory"); return; }
    dy_coded c;
    dyad_error err = {0};
    dyad_status rc = dy_store_code_doc(ctx, in, bytes, n, &meta, &c, &err);
    dyad_ctx_free(ctx);
    free(line);
    if (rc != DYAD_OK) { resp_error(r, status_of_err(rc, &err), err.msg[0] ? err.msg : dyad_strerror(rc)); return; }
    if (!store) {
        resp_json(r, 200, json_pack("{sssIsO}", "doc_id", c.id ? c.id : "", "count",
                                    (json_int_t)json_array_size(c.events), "events", c.events));
        dy_coded_free(&c);
        return;
    }
    dy_store_doc d = {c.id, c.hash, c.date, c.title, c.source, c.url};
    dy_doc_state state = DY_DOC_NEW;
    size_t added = 0;
    pthread_mutex_lock(&st->write_lock);
    if (!st->writer) rc = dy_store_open(st->db_path, false, &st->writer, &err);
    if (rc == DYAD_OK) {
        dy_store_set_deadline(st->writer, st->timeout_ms);
        rc = dy_store_begin(st->writer, &err);
        if (rc == DYAD_OK) rc = dy_store_put(st->writer, &d, c.events, c.sentences, &state, &added, &err);
        if (rc == DYAD_OK) rc = dy_store_commit(st->writer, &err);
        if (rc != DYAD_OK) dy_store_rollback(st->writer);
        dy_store_set_deadline(st->writer, 0);
    }
    pthread_mutex_unlock(&st->write_lock);
    if (rc != DYAD_OK) {
        resp_error(r, status_of_err(rc, &err), err.msg);
    } else {
        const char *what = state == DY_DOC_NEW ? "stored" : state == DY_DOC_SAME ? "already stored" : "conflict";
        resp_json(r, state == DY_DOC_CONFLICT ? 409 : 200,
                  json_pack("{sssssIsI}", "doc_id", c.id ? c.id : "", "result", what, "count",
                            (json_int_t)json_array_size(c.events), "added", (json_int_t)added));
    }
    dy_coded_free(&c);
}

/* MARK: - static files */

static const char *mime_of(const char *path) {
    const char *dot = strrchr(path, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
    if (!strcmp(dot, ".js") || !strcmp(dot, ".mjs")) return "text/javascript; charset=utf-8";
    if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (!strcmp(dot, ".svg")) return "image/svg+xml";
    if (!strcmp(dot, ".png")) return "image/png";
    if (!strcmp(dot, ".json")) return "application/json";
    if (!strcmp(dot, ".txt") || !strcmp(dot, ".LICENSE")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

/* Only [A-Za-z0-9._-] segments, none starting with '.': no "..", no hidden
 * files, no encoded tricks (the path is already decoded by the caller). */
static bool safe_path(const char *p) {
    if (*p != '/') return false;
    size_t n = strlen(p);
    if (n > 200) return false;
    bool seg_start = true;
    for (const char *c = p + 1; *c; c++) {
        if (*c == '/') {
            if (seg_start) return false;  /* "//" */
            seg_start = true;
            continue;
        }
        if (seg_start && *c == '.') return false;
        seg_start = false;
        if (!isalnum((unsigned char)*c) && *c != '.' && *c != '_' && *c != '-') return false;
    }
    return true;
}

static void get_file(srv_state *st, const srv_request *req, srv_response *r) {
    if (!st->web_dir) { resp_error(r, 404, "no web directory"); return; }
    const char *p = req->path;
    if (!strcmp(p, "/")) p = "/index.html";
    if (!safe_path(p) || p[strlen(p) - 1] == '/') { resp_error(r, 404, "not found"); return; }
    char full[1400];
    if ((size_t)snprintf(full, sizeof full, "%s%s", st->web_dir, p) >= sizeof full) { resp_error(r, 404, "not found"); return; }
    int fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        if (fd >= 0) close(fd);
        resp_error(r, 404, "not found");
        return;
    }
    r->status = 200;
    r->fd = fd;
    r->fd_size = (size_t)sb.st_size;
    r->type = mime_of(full);
    r->cache = !strncmp(p, "/vendor/", 8);
}

/* MARK: - dispatch */

void srv_handle(srv_state *st, const srv_request *req, srv_response *r) {
    memset(r, 0, sizeof *r);
    r->fd = -1;
    dy_buf_init(&r->body, dyad_default_allocator());
    const char *m = req->method ? req->method : "";
    const char *p = req->path ? req->path : "";
    bool get = !strcmp(m, "GET") || !strcmp(m, "HEAD");
    if (req->bad_query) { resp_error(r, 400, "malformed query string"); return; }
    if (!strncmp(p, "/api/", 5)) {
        const char *api = p + 5;
        if (!strcmp(api, "code") || !strcmp(api, "ingest")) {
            if (strcmp(m, "POST")) { resp_error(r, 405, "use POST"); return; }
            post_code(st, req, r, !strcmp(api, "ingest"));
            return;
        }
        bool known = !strcmp(api, "events") || !strcmp(api, "network") || !strcmp(api, "timeline") ||
                     !strcmp(api, "totals");
        if (!known) { resp_error(r, 404, "no such API route"); return; }
        if (!get) { resp_error(r, 405, "use GET"); return; }
        if (req->body_too_large) { resp_error(r, 413, "request body too large"); return; }
        if (!strcmp(api, "events")) get_events(st, req, r);
        else if (!strcmp(api, "network")) get_network(st, req, r);
        else if (!strcmp(api, "timeline")) get_timeline(st, req, r);
        else get_totals(st, r);
        if (!r->body.err) return;
        resp_error(r, 500, "out of memory");
        return;
    }
    if (!get) { resp_error(r, 405, "use GET"); return; }
    get_file(st, req, r);
}
