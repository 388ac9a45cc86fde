/*
 * serve.c — `dyad serve`: libmicrohttpd on a loopback address (default
 * 127.0.0.1:8080) with a pool of polling threads, feeding api.c.  Limits:
 * request bodies (--max-body, 413 beyond it), concurrent connections
 * (--max-connections; more are refused by the library), idle time per
 * connection and store time per request (--timeout).  SIGINT/SIGTERM stop
 * it cleanly.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../tools/cli.h"
#include "api.h"

#ifndef DYAD_DEFAULT_WEBDIR
#define DYAD_DEFAULT_WEBDIR "web"
#endif

static const char serve_help[] =
    "usage: dyad serve --db FILE [--listen HOST:PORT] [--token-file F] [--web DIR]\n"
    "                  [--threads N] [--max-body BYTES] [--max-connections N] [--timeout S]\n"
    "HTTP API and web page over a store (created when missing).\n"
    "  --listen        address (default 127.0.0.1:8080; port 0 picks a free one;\n"
    "                  [::1]:PORT for IPv6).  The address served is printed on stderr.\n"
    "  --token-file F  first line is the token POST /api/ingest needs\n"
    "                  (Authorization: Bearer TOKEN); without it ingest is refused\n"
    "  --web DIR       the page's files (default: the source tree's web/)\n"
    "  --threads N     polling threads (default 4)\n"
    "  --max-body B    largest request body (default 1048576)\n"
    "  --max-connections N  concurrent connections (default 256)\n"
    "  --timeout S     idle seconds per connection and store time per request (default 10)\n"
    "routes: GET /api/events, /api/network, /api/timeline, /api/totals;\n"
    "        POST /api/code, /api/ingest; GET / (the page)\n";

typedef struct conn {
    srv_request req;
    dy_buf body;
    bool too_large;
    bool answered;
} conn;

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    conn *c = cls;
    if (!key || !srv_add_param(&c->req, key, value ? value : "")) {
        c->req.bad_query = true;
        return MHD_NO;
    }
    return MHD_YES;
}

static enum MHD_Result send_response(struct MHD_Connection *mc, srv_response *r) {
    struct MHD_Response *resp;
    if (r->fd >= 0) {
        resp = MHD_create_response_from_fd(r->fd_size, r->fd);
        if (resp) r->fd = -1; /* the library owns and closes it now */
    } else {
        resp = MHD_create_response_from_buffer(r->body.n, r->body.p, MHD_RESPMEM_MUST_COPY);
    }
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type ? r->type : "application/json");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, r->cache ? "max-age=3600" : "no-store");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    enum MHD_Result ret = MHD_queue_response(mc, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result quick_error(struct MHD_Connection *mc, unsigned status, const char *msg) {
    srv_response r;
    memset(&r, 0, sizeof r);
    r.fd = -1;
    r.status = (int)status;
    dy_buf_init(&r.body, dyad_default_allocator());
    dy_buf_puts(&r.body, "{\"error\":");
    dy_buf_json_str(&r.body, msg, strlen(msg));
    dy_buf_puts(&r.body, "}\n");
    enum MHD_Result ret = send_response(mc, &r);
    srv_response_free(&r);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)version;
    srv_state *st = cls;
    conn *c = *con_cls;
    if (!c) {
        c = calloc(1, sizeof *c);
        if (!c) return MHD_NO;
        dy_buf_init(&c->body, dyad_default_allocator());
        *con_cls = c;
        /* Refuse early what cannot succeed, before reading a body. */
        if (!strcmp(url, "/api/ingest") && !strcmp(method, "POST")) {
            int a = srv_check_token(st, MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Authorization"));
            if (a) {
                c->answered = true;
                return quick_error(mc, (unsigned)a, a == 401 ? "POST /api/ingest needs Authorization: Bearer <token>"
                                                              : "wrong token");
            }
        }
        const char *len = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (len && strtoull(len, NULL, 10) > st->max_body) {
            c->answered = true;
            return quick_error(mc, 413, "request body too large");
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!c->answered) {
            if (c->body.n + *upload_data_size > st->max_body) c->too_large = true;
            else dy_buf_put(&c->body, upload_data, *upload_data_size);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (c->answered) return MHD_YES;
    c->answered = true;
    c->req.method = method;
    c->req.path = url;
    MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, add_arg, c);
    c->req.auth = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Authorization");
    c->req.content_type = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    c->req.body = c->body.p ? c->body.p : "";
    c->req.body_n = c->body.n;
    c->req.body_too_large = c->too_large || c->body.err;
    srv_response r;
    srv_handle(st, &c->req, &r);
    enum MHD_Result ret = send_response(mc, &r);
    srv_response_free(&r);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)cls;
    (void)mc;
    (void)toe;
    conn *c = *con_cls;
    if (!c) return;
    srv_request_free(&c->req);
    dy_buf_free(&c->body);
    free(c);
    *con_cls = NULL;
}

/* "HOST:PORT" or "[V6]:PORT" into a socket address. */
static bool parse_listen(const char *s, struct sockaddr_storage *ss, bool *v6) {
    memset(ss, 0, sizeof *ss);
    char host[128];
    const char *colon;
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (!end || end[1] != ':' || (size_t)(end - s - 1) >= sizeof host) return false;
        memcpy(host, s + 1, (size_t)(end - s - 1));
        host[end - s - 1] = 0;
        colon = end + 1;
        *v6 = true;
    } else {
        colon = strrchr(s, ':');
        if (!colon || (size_t)(colon - s) >= sizeof host) return false;
        memcpy(host, s, (size_t)(colon - s));
        host[colon - s] = 0;
        *v6 = false;
    }
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || end == colon + 1 || port < 0 || port > 65535) return false;
    if (*v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        return inet_pton(AF_INET6, host, &a->sin6_addr) == 1;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host[0] ? host : "127.0.0.1", &a->sin_addr) == 1;
}

static bool read_token(const char *path, char *out, size_t n) {
    FILE *f = fopen(path, "r");
    if (!f) { cli_error("%s: %s", path, strerror(errno)); return false; }
    if (!fgets(out, (int)n, f)) out[0] = 0;
    fclose(f);
    size_t len = strlen(out);
    while (len && (out[len - 1] == '\n' || out[len - 1] == '\r' || out[len - 1] == ' ')) out[--len] = 0;
    if (len < 8) { cli_error("%s: the token must be at least 8 characters", path); return false; }
    return true;
}

static bool num_opt(const cli_opts *o, const char *name, long lo, long hi, long *out) {
    const char *v = cli_rest_value(o, name);
    if (!v) return true;
    char *end;
    long x = strtol(v, &end, 10);
    if (*end || end == v || x < lo || x > hi) {
        cli_error("serve: %s takes a number from %ld to %ld, not '%s'", name, lo, hi, v);
        return false;
    }
    *out = x;
    return true;
}

int cmd_serve(cli_opts *o) {
    for (int i = 0; i < o->nrest; i++)
        if (!strcmp(o->rest[i], "--help") || !strcmp(o->rest[i], "-h")) {
            fputs(serve_help, stdout);
            return EXIT_OK;
        }
    static const char *const valued[] = {"--listen", "--token-file", "--web", "--threads", "--max-body",
                                         "--max-connections", "--timeout", NULL};
    if (!cli_parse(o->nrest, o->rest, o, valued) || !cli_rest_check(o, NULL, valued)) return EXIT_USAGE;
    if (!o->db) { cli_error("serve: --db FILE is required"); return EXIT_USAGE; }
    if (o->nfiles) { cli_error("serve: unexpected argument '%s'", o->files[0]); return EXIT_USAGE; }
    long threads = 4, max_body = 1 << 20, max_conn = 256, timeout = 10;
    if (!num_opt(o, "--threads", 1, 64, &threads) || !num_opt(o, "--max-body", 1, 1L << 30, &max_body) ||
        !num_opt(o, "--max-connections", 1, 10000, &max_conn) || !num_opt(o, "--timeout", 1, 3600, &timeout))
        return EXIT_USAGE;
    /* The library splits the connection limit among its threads. */
    if (threads > max_conn) threads = max_conn;
    const char *listen = cli_rest_value(o, "--listen");
    if (!listen) listen = "127.0.0.1:8080";
    struct sockaddr_storage addr;
    bool v6 = false;
    if (!parse_listen(listen, &addr, &v6)) {
        cli_error("serve: --listen takes HOST:PORT or [V6]:PORT, not '%s'", listen);
        return EXIT_USAGE;
    }
    srv_state st;
    memset(&st, 0, sizeof st);
    st.db_path = o->db;
    st.web_dir = cli_rest_value(o, "--web") ? cli_rest_value(o, "--web") : DYAD_DEFAULT_WEBDIR;
    st.timeout_ms = timeout * 1000;
    st.max_body = (size_t)max_body;
    const char *tf = cli_rest_value(o, "--token-file");
    if (tf && !read_token(tf, st.token, sizeof st.token)) return EXIT_USAGE;

    /* No global allocation statistics: their mutex is taken on every
     * SQLite allocation, which serialises the request threads. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    /* Create or migrate the store once; requests then open it read-only. */
    dy_store *s = NULL;
    dyad_error err = {0};
    if (dy_store_open(o->db, false, &s, &err) != DYAD_OK) {
        cli_error("serve: %s", err.msg);
        return EXIT_SOME_FAILED;
    }
    dy_store_close(s);
    /* The store can be browsed without a model: coding routes then answer
     * 503 until the data is there. */
    dyad_model *m = cli_load_model(o, DYAD_LOAD_ALL);
    if (!m) cli_error("serve: POST /api/code and /api/ingest are off (no model)");
    st.model = m;
    if (!srv_state_init(&st)) { dyad_model_free(m); cli_error("serve: cannot make locks"); return EXIT_SOME_FAILED; }

    /* Signals go to sigwait below, not to the library's threads. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
#ifdef __linux__
    flags |= MHD_USE_EPOLL;
#endif
    if (v6) flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &st,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(threads > 1 ? threads : 0),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)max_conn,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_END);
    if (!d) {
        cli_error("serve: cannot listen on %s: %s", listen, strerror(errno));
        srv_state_free(&st);
        dyad_model_free(m);
        return EXIT_SOME_FAILED;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[64] = "127.0.0.1";
    if (v6) inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr, host, sizeof host);
    else inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, host, sizeof host);
    fprintf(stderr, "dyad: serving http://%s%s%s:%u/ (store %s, %ld threads)\n", v6 ? "[" : "", host, v6 ? "]" : "",
            info ? (unsigned)info->port : 0u, o->db, threads);
    fflush(stderr);
    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "dyad: serve: stopping (signal %d)\n", sig);
    MHD_stop_daemon(d);
    srv_state_free(&st);
    dyad_model_free(m);
    return EXIT_OK;
}
