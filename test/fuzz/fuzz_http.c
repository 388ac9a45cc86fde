/* fuzz_http.c — any bytes as an HTTP request through the server's router
 * (server/api.c): query-string parsing, percent-decoding, parameter
 * validation, the SQL filters against a small store, static-file path
 * checks, token checks and JSON bodies.  Must never crash, and every answer
 * must be a 2xx-5xx with a JSON error body when it is not 2xx.
 *
 * Input: "METHOD PATH[?QUERY]\n" then optional "Authorization: ..." and
 * "Content-Type: ..." lines, a blank line, then the body. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../server/api.c"

static srv_state state;
static char db[64];

static void cleanup(void) {
    char p[80];
    unlink(db);
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
}

/* A store with the CLI test fixtures, made once per process. */
static void setup(void) {
    snprintf(db, sizeof db, "/tmp/dyad-fuzz-http-%d.db", (int)getpid());
    cleanup();
    atexit(cleanup);
    dy_store *s = NULL;
    if (dy_store_open(db, false, &s, NULL) != DYAD_OK) abort();
    const char *files[] = {"events_a.jsonl", "events_b.jsonl", "events_c.jsonl"};
    dy_store_begin(s, NULL);
    for (size_t i = 0; i < 3; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/test/cli/fixtures/%s", DYAD_SOURCE_DIR, files[i]);
        json_t *arr = json_array();
        FILE *f = fopen(path, "r");
        if (!f) abort();
        char line[8192];
        while (fgets(line, sizeof line, f)) json_array_append_new(arr, json_loads(line, 0, NULL));
        fclose(f);
        char hash[64];
        dy_store_hash(files[i], strlen(files[i]), hash, sizeof hash);
        dy_store_doc d = {json_string_value(json_object_get(json_array_get(arr, 0), "doc_id")), hash, NULL, NULL, NULL, NULL};
        dy_doc_state st;
        size_t added;
        if (dy_store_put(s, &d, arr, NULL, &st, &added, NULL) != DYAD_OK) abort();
        json_decref(arr);
    }
    dy_store_commit(s, NULL);
    dy_store_close(s);
    state.db_path = db;
    state.model = NULL;
    snprintf(state.token, sizeof state.token, "fuzz-token-1234");
    state.web_dir = DYAD_SOURCE_DIR "/web";
    state.timeout_ms = 2000;
    state.max_body = 4096;
    if (!srv_state_init(&state)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!state.db_path) setup();
    const char *p = (const char *)data, *end = p + size;
    const char *nl = memchr(p, '\n', size);
    const char *line_end = nl ? nl : end;
    const char *sp = memchr(p, ' ', (size_t)(line_end - p));
    if (!sp) return 0;
    char method[16];
    size_t mn = (size_t)(sp - p) < sizeof method - 1 ? (size_t)(sp - p) : sizeof method - 1;
    memcpy(method, p, mn);
    method[mn] = 0;
    const char *target = sp + 1;
    const char *q = memchr(target, '?', (size_t)(line_end - target));
    const char *path_end = q ? q : line_end;
    srv_request req;
    memset(&req, 0, sizeof req);
    req.method = method;
    char *path = pct_decode(target, (size_t)(path_end - target));
    if (!path) return 0;  /* the HTTP library refuses these */
    req.path = path;
    if (q) srv_parse_query(&req, q + 1, (size_t)(line_end - q - 1));
    char auth[256] = "", ctype[128] = "";
    const char *cur = nl ? nl + 1 : end;
    while (cur < end) {
        const char *e = memchr(cur, '\n', (size_t)(end - cur));
        if (!e) e = end;
        size_t n = (size_t)(e - cur);
        if (n == 0) { cur = e + 1; break; }
        if (n > 15 && !strncmp(cur, "Authorization: ", 15) && n - 15 < sizeof auth) {
            memcpy(auth, cur + 15, n - 15);
            auth[n - 15] = 0;
            if (!memchr(auth, 0, n - 15)) req.auth = auth;
        } else if (n > 14 && !strncmp(cur, "Content-Type: ", 14) && n - 14 < sizeof ctype) {
            memcpy(ctype, cur + 14, n - 14);
            ctype[n - 14] = 0;
            req.content_type = ctype;
        }
        cur = e + 1;
    }
    if (cur > end) cur = end;
    req.body = cur;
    req.body_n = (size_t)(end - cur);
    if (req.body_n > state.max_body) req.body_too_large = true;
    srv_response r;
    srv_handle(&state, &req, &r);
    if (r.status < 200 || r.status > 599) abort();
    if (r.status >= 400 && (r.body.n < 10 || memcmp(r.body.p, "{\"error\":", 9))) abort();
    srv_response_free(&r);
    srv_request_free(&req);
    free(path);
    return 0;
}
