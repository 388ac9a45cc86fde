/*
 * network.c — actor network building and its GraphML, DOT and JSON writers.
 *
 * Nodes and edges live in growable arrays; a jansson object maps a node
 * code (or "source\x1ftarget" for an edge) to its index, which keeps the
 * lookup O(1) without a hash table of our own.  Writers sort by code so the
 * same events always give the same bytes.
 */
#include "network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct net_node {
    char *code, *name, *country, *role;
    long out_events, in_events;
} net_node;

typedef struct net_edge {
    size_t src, tgt;
    long events, mentions, quad[4];
    double goldstein;
} net_edge;

struct dy_net {
    net_node *nodes;
    size_t nnode, capnode;
    net_edge *edges;
    size_t nedge, capedge;
    json_t *node_ix, *edge_ix;
    json_t *seen; /* record ids already counted */
    unsigned statuses; /* DY_STATUS_* set of the records counted */
};

dy_net *dy_net_new(void) {
    dy_net *n = calloc(1, sizeof *n);
    if (!n) return NULL;
    n->node_ix = json_object();
    n->edge_ix = json_object();
    n->seen = json_object();
    n->statuses = DY_STATUS_FACTUAL;
    if (!n->node_ix || !n->edge_ix || !n->seen) {
        dy_net_free(n);
        return NULL;
    }
    return n;
}

void dy_net_free(dy_net *n) {
    if (!n) return;
    for (size_t i = 0; i < n->nnode; i++) {
        free(n->nodes[i].code);
        free(n->nodes[i].name);
        free(n->nodes[i].country);
        free(n->nodes[i].role);
    }
    free(n->nodes);
    free(n->edges);
    json_decref(n->node_ix);
    json_decref(n->edge_ix);
    json_decref(n->seen);
    free(n);
}

void dy_net_set_statuses(dy_net *n, unsigned statuses) { n->statuses = statuses & DY_STATUS_ALL; }

size_t dy_net_node_count(const dy_net *n) { return n->nnode; }
size_t dy_net_edge_count(const dy_net *n) { return n->nedge; }

static char *dup_or_null(const char *s) {
    return s ? strdup(s) : NULL;
}

/* Index of the node for actor a, added when new; SIZE_MAX on OOM. */
static size_t node_of(dy_net *n, const dy_net_actor *a) {
    json_t *ix = json_object_get(n->node_ix, a->code);
    if (ix) {
        net_node *nd = &n->nodes[json_integer_value(ix)];
        /* Fill what an earlier record did not know. */
        if (!nd->name && a->name) nd->name = dup_or_null(a->name);
        if (!nd->country && a->country) nd->country = dup_or_null(a->country);
        if (!nd->role && a->role) nd->role = dup_or_null(a->role);
        return (size_t)json_integer_value(ix);
    }
    if (n->nnode == n->capnode) {
        size_t cap = n->capnode ? n->capnode * 2 : 64;
        net_node *p = realloc(n->nodes, dy_mul(cap, sizeof *p));
        if (!p) return SIZE_MAX;
        n->nodes = p;
        n->capnode = cap;
    }
    net_node *nd = &n->nodes[n->nnode];
    memset(nd, 0, sizeof *nd);
    nd->code = strdup(a->code);
    nd->name = dup_or_null(a->name);
    nd->country = dup_or_null(a->country);
    nd->role = dup_or_null(a->role);
    if (!nd->code || json_object_set_new(n->node_ix, a->code, json_integer((json_int_t)n->nnode))) {
        free(nd->code);
        free(nd->name);
        free(nd->country);
        free(nd->role);
        return SIZE_MAX;
    }
    return n->nnode++;
}

bool dy_net_add(dy_net *n, const dy_net_actor *src, const dy_net_actor *tgt, long events,
                long mentions, const long quad[4], double g) {
    size_t a = node_of(n, src);
    if (a == SIZE_MAX) return false;
    size_t b = node_of(n, tgt);
    if (b == SIZE_MAX) return false;
    size_t kn = strlen(src->code) + strlen(tgt->code) + 2;
    char *key = malloc(kn);
    if (!key) return false;
    snprintf(key, kn, "%s\x1f%s", src->code, tgt->code);
    json_t *ix = json_object_get(n->edge_ix, key);
    net_edge *e;
    if (ix) {
        e = &n->edges[json_integer_value(ix)];
    } else {
        if (n->nedge == n->capedge) {
            size_t cap = n->capedge ? n->capedge * 2 : 64;
            net_edge *p = realloc(n->edges, dy_mul(cap, sizeof *p));
            if (!p) { free(key); return false; }
            n->edges = p;
            n->capedge = cap;
        }
        if (json_object_set_new(n->edge_ix, key, json_integer((json_int_t)n->nedge))) {
            free(key);
            return false;
        }
        e = &n->edges[n->nedge++];
        memset(e, 0, sizeof *e);
        e->src = a;
        e->tgt = b;
    }
    free(key);
    e->events += events;
    e->mentions += mentions;
    for (int q = 0; q < 4; q++) e->quad[q] += quad[q];
    e->goldstein += g;
    n->nodes[a].out_events += events;
    n->nodes[b].in_events += events;
    return true;
}

static void actor_from(const json_t *o, dy_net_actor *a) {
    a->code = json_string_value(json_object_get(o, "code"));
    a->name = json_string_value(json_object_get(o, "name"));
    a->country = json_string_value(json_object_get(o, "country"));
    a->role = json_string_value(json_object_get(o, "role"));
}

dyad_status dy_net_add_record(dy_net *n, const json_t *rec, dyad_error *err) {
    if (!json_is_object(rec)) return dy_err(err, DYAD_EINPUT, "event record is not a JSON object");
    const json_t *s = json_object_get(rec, "source"), *t = json_object_get(rec, "target");
    dy_net_actor sa = {0}, ta = {0};
    if (!json_is_object(s)) return dy_err(err, DYAD_EINPUT, "event record without a source actor");
    actor_from(s, &sa);
    if (!sa.code || !*sa.code) return dy_err(err, DYAD_EINPUT, "event record without a source actor code");
    if (!json_string_value(json_object_get(rec, "code")))
        return dy_err(err, DYAD_EINPUT, "event record without an event code");
    const json_t *stj = json_object_get(rec, "status");
    int k = 0; /* a record without a status: the writer states it */
    if (json_is_string(stj)) {
        k = dy_status_index(json_string_value(stj), json_string_length(stj));
        if (k < 0) return dy_err(err, DYAD_EINPUT, "event record status '%s' is none of spec/event-record.md's",
                                 json_string_value(stj));
    } else if (stj && !json_is_null(stj)) {
        return dy_err(err, DYAD_EINPUT, "event record status is not a string");
    }
    if (!(n->statuses >> k & 1u)) return DYAD_OK;
    if (json_is_null(t) || !t) return DYAD_OK;
    if (!json_is_object(t)) return dy_err(err, DYAD_EINPUT, "event record target is neither null nor an actor");
    actor_from(t, &ta);
    if (!ta.code || !*ta.code) return dy_err(err, DYAD_EINPUT, "event record target without a code");
    /* The same record read twice (a file given twice, outputs concatenated
     * with overlap) is one record. */
    const char *id = json_string_value(json_object_get(rec, "id"));
    if (id) {
        if (json_object_get(n->seen, id)) return DYAD_OK;
        if (json_object_set_new(n->seen, id, json_true())) return dy_err(err, DYAD_ENOMEM, "out of memory");
    }
    long quad[4] = {0};
    json_int_t qc = json_integer_value(json_object_get(rec, "quad_class"));
    if (qc >= 1 && qc <= 4) quad[qc - 1] = 1;
    const json_t *m = json_object_get(rec, "mentions");
    long mentions = json_is_integer(m) && json_integer_value(m) > 0 ? (long)json_integer_value(m) : 1;
    double g = json_number_value(json_object_get(rec, "goldstein"));
    if (!dy_net_add(n, &sa, &ta, 1, mentions, quad, g)) return dy_err(err, DYAD_ENOMEM, "out of memory");
    return DYAD_OK;
}

/* MARK: - writers */

/* Sort keys carry their own strings: qsort has no user pointer and the
 * library keeps no mutable globals (the server writes nets on many threads). */
typedef struct sort_key {
    const char *a, *b;
    size_t i;
} sort_key;

static int cmp_key(const void *x, const void *y) {
    const sort_key *p = x, *q = y;
    int c = strcmp(p->a, q->a);
    return c ? c : strcmp(p->b, q->b);
}

static void xml_esc(dy_buf *b, const char *s) {
    for (; s && *s; s++) {
        switch (*s) {
        case '&': dy_buf_puts(b, "&amp;"); break;
        case '<': dy_buf_puts(b, "&lt;"); break;
        case '>': dy_buf_puts(b, "&gt;"); break;
        case '"': dy_buf_puts(b, "&quot;"); break;
        default:
            /* XML 1.0 forbids most control characters even escaped. */
            if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r') dy_buf_putc(b, ' ');
            else dy_buf_putc(b, *s);
        }
    }
}

static void dot_esc(dy_buf *b, const char *s) {
    dy_buf_putc(b, '"');
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\') dy_buf_putc(b, '\\');
        if (*s == '\n') { dy_buf_puts(b, "\\n"); continue; }
        dy_buf_putc(b, *s);
    }
    dy_buf_putc(b, '"');
}

static void json_s(dy_buf *b, const char *s) {
    if (s) dy_buf_json_str(b, s, strlen(s));
    else dy_buf_puts(b, "null");
}

/* Cooperation (quad 1-2) against conflict (3-4): the colour of an edge. */
static const char *edge_tone(const net_edge *e) {
    long coop = e->quad[0] + e->quad[1], conf = e->quad[2] + e->quad[3];
    if (conf > coop || (conf == coop && e->goldstein < 0)) return "conflict";
    if (coop > conf || e->goldstein > 0) return "cooperation";
    return "neutral";
}

static void write_graphml(const dy_net *n, const size_t *no, const size_t *eo, dy_buf *b) {
    dy_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                   "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
                   "  <key id=\"country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n"
                   "  <key id=\"role\" for=\"node\" attr.name=\"role\" attr.type=\"string\"/>\n"
                   "  <key id=\"out_events\" for=\"node\" attr.name=\"out_events\" attr.type=\"long\"/>\n"
                   "  <key id=\"in_events\" for=\"node\" attr.name=\"in_events\" attr.type=\"long\"/>\n"
                   "  <key id=\"events\" for=\"edge\" attr.name=\"events\" attr.type=\"long\"/>\n"
                   "  <key id=\"mentions\" for=\"edge\" attr.name=\"mentions\" attr.type=\"long\"/>\n"
                   "  <key id=\"q1\" for=\"edge\" attr.name=\"verbal_cooperation\" attr.type=\"long\"/>\n"
                   "  <key id=\"q2\" for=\"edge\" attr.name=\"material_cooperation\" attr.type=\"long\"/>\n"
                   "  <key id=\"q3\" for=\"edge\" attr.name=\"verbal_conflict\" attr.type=\"long\"/>\n"
                   "  <key id=\"q4\" for=\"edge\" attr.name=\"material_conflict\" attr.type=\"long\"/>\n"
                   "  <key id=\"goldstein\" for=\"edge\" attr.name=\"goldstein\" attr.type=\"double\"/>\n"
                   "  <key id=\"tone\" for=\"edge\" attr.name=\"tone\" attr.type=\"string\"/>\n"
                   "  <graph id=\"dyad\" edgedefault=\"directed\">\n");
    for (size_t i = 0; i < n->nnode; i++) {
        const net_node *nd = &n->nodes[no[i]];
        dy_buf_puts(b, "    <node id=\"");
        xml_esc(b, nd->code);
        dy_buf_puts(b, "\">");
        if (nd->name) { dy_buf_puts(b, "<data key=\"name\">"); xml_esc(b, nd->name); dy_buf_puts(b, "</data>"); }
        if (nd->country) { dy_buf_puts(b, "<data key=\"country\">"); xml_esc(b, nd->country); dy_buf_puts(b, "</data>"); }
        if (nd->role) { dy_buf_puts(b, "<data key=\"role\">"); xml_esc(b, nd->role); dy_buf_puts(b, "</data>"); }
        dy_buf_printf(b, "<data key=\"out_events\">%ld</data><data key=\"in_events\">%ld</data></node>\n",
                      nd->out_events, nd->in_events);
    }
    for (size_t i = 0; i < n->nedge; i++) {
        const net_edge *e = &n->edges[eo[i]];
        dy_buf_printf(b, "    <edge id=\"e%zu\" source=\"", i);
        xml_esc(b, n->nodes[e->src].code);
        dy_buf_puts(b, "\" target=\"");
        xml_esc(b, n->nodes[e->tgt].code);
        dy_buf_printf(b, "\"><data key=\"events\">%ld</data><data key=\"mentions\">%ld</data>"
                         "<data key=\"q1\">%ld</data><data key=\"q2\">%ld</data><data key=\"q3\">%ld</data>"
                         "<data key=\"q4\">%ld</data><data key=\"goldstein\">%.1f</data>"
                         "<data key=\"tone\">%s</data></edge>\n",
                      e->events, e->mentions, e->quad[0], e->quad[1], e->quad[2], e->quad[3], e->goldstein,
                      edge_tone(e));
    }
    dy_buf_puts(b, "  </graph>\n</graphml>\n");
}

static void write_dot(const dy_net *n, const size_t *no, const size_t *eo, dy_buf *b) {
    dy_buf_puts(b, "digraph dyad {\n  node [shape=box, fontname=\"Helvetica\"];\n");
    for (size_t i = 0; i < n->nnode; i++) {
        const net_node *nd = &n->nodes[no[i]];
        dy_buf_puts(b, "  ");
        dot_esc(b, nd->code);
        dy_buf_puts(b, " [label=");
        char label[512];
        if (nd->name && strcmp(nd->name, nd->code))
            snprintf(label, sizeof label, "%s\n%s", nd->name, nd->code);
        else
            snprintf(label, sizeof label, "%s", nd->code);
        dot_esc(b, label);
        dy_buf_puts(b, "];\n");
    }
    for (size_t i = 0; i < n->nedge; i++) {
        const net_edge *e = &n->edges[eo[i]];
        const char *tone = edge_tone(e);
        const char *color = !strcmp(tone, "conflict") ? "#c0392b" : !strcmp(tone, "cooperation") ? "#2471a3" : "#7f8c8d";
        dy_buf_puts(b, "  ");
        dot_esc(b, n->nodes[e->src].code);
        dy_buf_puts(b, " -> ");
        dot_esc(b, n->nodes[e->tgt].code);
        double w = 1.0;
        for (long k = e->events; k > 1 && w < 8.0; k /= 2) w += 1.0;
        dy_buf_printf(b, " [label=\"%ld\", color=\"%s\", penwidth=%.0f, events=%ld, mentions=%ld, "
                         "q1=%ld, q2=%ld, q3=%ld, q4=%ld, goldstein=%.1f];\n",
                      e->events, color, w, e->events, e->mentions, e->quad[0], e->quad[1], e->quad[2],
                      e->quad[3], e->goldstein);
    }
    dy_buf_puts(b, "}\n");
}

static void write_json(const dy_net *n, const size_t *no, const size_t *eo, dy_buf *b) {
    dy_buf_puts(b, "{\"nodes\":[");
    for (size_t i = 0; i < n->nnode; i++) {
        const net_node *nd = &n->nodes[no[i]];
        dy_buf_puts(b, i ? ",\n{\"id\":" : "\n{\"id\":");
        json_s(b, nd->code);
        dy_buf_puts(b, ",\"name\":");
        json_s(b, nd->name ? nd->name : nd->code);
        dy_buf_puts(b, ",\"country\":");
        json_s(b, nd->country);
        dy_buf_puts(b, ",\"role\":");
        json_s(b, nd->role);
        dy_buf_printf(b, ",\"out_events\":%ld,\"in_events\":%ld}", nd->out_events, nd->in_events);
    }
    dy_buf_puts(b, "],\n\"edges\":[");
    for (size_t i = 0; i < n->nedge; i++) {
        const net_edge *e = &n->edges[eo[i]];
        dy_buf_puts(b, i ? ",\n{\"source\":" : "\n{\"source\":");
        json_s(b, n->nodes[e->src].code);
        dy_buf_puts(b, ",\"target\":");
        json_s(b, n->nodes[e->tgt].code);
        dy_buf_printf(b, ",\"events\":%ld,\"mentions\":%ld,\"quad\":[%ld,%ld,%ld,%ld],\"goldstein\":%.1f,"
                         "\"tone\":\"%s\"}",
                      e->events, e->mentions, e->quad[0], e->quad[1], e->quad[2], e->quad[3], e->goldstein,
                      edge_tone(e));
    }
    dy_buf_puts(b, "]}\n");
}

dyad_status dy_net_write(const dy_net *n, const char *format, dy_buf *out, dyad_error *err) {
    const char *f = format ? format : "json";
    if (strcmp(f, "graphml") && strcmp(f, "dot") && strcmp(f, "json"))
        return dy_err(err, DYAD_EINVAL, "network format '%s' is not graphml, dot or json", f);
    size_t *no = malloc(dy_mul(n->nnode + 1, sizeof *no));
    size_t *eo = malloc(dy_mul(n->nedge + 1, sizeof *eo));
    sort_key *k = malloc(dy_mul((n->nnode > n->nedge ? n->nnode : n->nedge) + 1, sizeof *k));
    if (!no || !eo || !k) {
        free(no);
        free(eo);
        free(k);
        return dy_err(err, DYAD_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n->nnode; i++) k[i] = (sort_key){n->nodes[i].code, "", i};
    qsort(k, n->nnode, sizeof *k, cmp_key);
    for (size_t i = 0; i < n->nnode; i++) no[i] = k[i].i;
    for (size_t i = 0; i < n->nedge; i++)
        k[i] = (sort_key){n->nodes[n->edges[i].src].code, n->nodes[n->edges[i].tgt].code, i};
    qsort(k, n->nedge, sizeof *k, cmp_key);
    for (size_t i = 0; i < n->nedge; i++) eo[i] = k[i].i;
    free(k);
    if (!strcmp(f, "graphml")) write_graphml(n, no, eo, out);
    else if (!strcmp(f, "dot")) write_dot(n, no, eo, out);
    else write_json(n, no, eo, out);
    free(no);
    free(eo);
    return out->err ? dy_err(err, DYAD_ENOMEM, "out of memory writing the network") : DYAD_OK;
}
