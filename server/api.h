/*
 * api.h — the HTTP API of `dyad serve`, apart from the HTTP library: a
 * request (method, path, decoded query parameters, two headers, body) goes
 * in, a response (status, content type, bytes or a file) comes out.
 * serve.c binds it to libmicrohttpd; test/fuzz/fuzz_http.c drives it
 * directly.
 *
 * Thread-safety: srv_handle may run on any number of threads at once with
 * one srv_state (the store connections are pooled under a mutex, the model
 * is shared read-only, each request gets its own dyad_ctx).
 */
#ifndef DY_SRV_API_H
#define DY_SRV_API_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"
#include "store/store.h"

#define SRV_MAX_PARAMS 32
#define SRV_POOL_MAX 64

typedef struct srv_param {
    char *key, *val;   /* owned, NUL-terminated, percent-decoded */
} srv_param;

typedef struct srv_request {
    const char *method;        /* "GET", "POST", ... */
    const char *path;          /* without the query string */
    srv_param params[SRV_MAX_PARAMS];
    size_t nparams;
    bool bad_query;            /* the query string could not be parsed */
    const char *auth;          /* Authorization header, or NULL */
    const char *content_type;  /* or NULL */
    const char *body;
    size_t body_n;
    bool body_too_large;       /* more than max_body bytes were sent */
} srv_request;

typedef struct srv_response {
    int status;
    const char *type;          /* static string */
    dy_buf body;               /* used when fd < 0 */
    int fd;                    /* a static file to send, owned, or -1 */
    size_t fd_size;
    bool cache;                /* static file: may be cached */
} srv_response;

typedef struct srv_state {
    const char *db_path;
    const dyad_model *model;   /* NULL: /api/code and /api/ingest answer 503 */
    char token[256];           /* empty: /api/ingest is disabled (403) */
    const char *web_dir;       /* static files; NULL: none */
    long timeout_ms;           /* per-request limit on store work */
    size_t max_body;           /* bytes */
    pthread_mutex_t lock;      /* the pool */
    dy_store *pool[SRV_POOL_MAX];
    size_t npool;
    pthread_mutex_t write_lock;/* one writer: POST /api/ingest */
    dy_store *writer;
} srv_state;

/* Initialise/free the state (the caller fills the fields above first;
 * init sets up the locks).  false when a mutex cannot be made. */
bool srv_state_init(srv_state *st);
void srv_state_free(srv_state *st);

/* Split and percent-decode a query string ("a=1&b=x%20y", '+' is a space)
 * into req->params; sets req->bad_query on bad escapes, NUL bytes, or more
 * than SRV_MAX_PARAMS parameters. */
void srv_parse_query(srv_request *req, const char *qs, size_t n);
/* Add one parameter (copies); false when full or out of memory. */
bool srv_add_param(srv_request *req, const char *key, const char *val);
void srv_request_free(srv_request *req);

/* Answer one request.  resp is initialised here; free with
 * srv_response_free after sending. */
void srv_handle(srv_state *st, const srv_request *req, srv_response *resp);
void srv_response_free(srv_response *resp);

/* Whether the request's Authorization header carries the token: 0 yes,
 * 401 missing or not "Bearer", 403 wrong token or none configured. */
int srv_check_token(const srv_state *st, const char *auth);

#endif
