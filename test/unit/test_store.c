/* test_store.c — the event store library (src/store/) and the network
 * writers (src/emit/network.c) without the CLI: identity and idempotence,
 * cross-story de-duplication, whole-document rollback, filters, migrations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit/network.h"
#include "harness.h"
#include "store/store.h"

static json_t *rec(const char *doc, int sent, const char *src, const char *tgt, const char *code, const char *date,
                   const char *status) {
    char id[128];
    snprintf(id, sizeof id, "%s-%06d-0", doc, sent);
    json_t *r = json_pack("{sssssisssssssssisf}", "id", id, "doc_id", doc, "sentence_index", sent, "sentence", "S.",
                          "date", date, "code", code, "status", status, "quad_class", code[0] == '1' ? 4 : 1,
                          "goldstein", code[0] == '1' ? -5.0 : 2.5);
    json_object_set_new(r, "source", json_pack("{ssss}", "code", src, "name", src));
    json_object_set_new(r, "target", tgt ? json_pack("{ssss}", "code", tgt, "name", tgt) : json_null());
    json_object_set_new(r, "location", json_null());
    return r;
}

static char *tmpdb(void) {
    static char path[64];
    snprintf(path, sizeof path, "/tmp/dyad-unit-store-%d.db", (int)getpid());
    unlink(path);
    return path;
}

static void rmdb(const char *p) {
    char x[80];
    unlink(p);
    snprintf(x, sizeof x, "%s-wal", p);
    unlink(x);
    snprintf(x, sizeof x, "%s-shm", p);
    unlink(x);
}

static int count(json_t *r, void *ud) {
    (void)r;
    (*(long *)ud)++;
    return 0;
}

static long n_events(dy_store *s, const dy_filter *f) {
    long n = 0;
    return dy_store_query(s, f, count, &n, NULL) == DYAD_OK ? n : -1;
}

static dy_doc_state put(dy_store *s, const char *id, const char *hash, json_t *events) {
    dy_store_doc d = {id, hash, NULL, NULL, NULL, NULL};
    dy_doc_state st = DY_DOC_NEW;
    size_t added = 0;
    dyad_status rc = dy_store_begin(s, NULL);
    if (rc == DYAD_OK) {
        rc = dy_store_put(s, &d, events, NULL, &st, &added, NULL);
        if (dy_store_commit(s, NULL) != DYAD_OK) rc = DYAD_EDB;
    }
    json_decref(events);
    return rc == DYAD_OK ? st : (dy_doc_state)-1;
}

TEST(store_dedup_and_idempotence) {
    char *db = tmpdb();
    dy_store *s = NULL;
    CHECK_EQ_INT(dy_store_open(db, false, &s, NULL), DYAD_OK);
    json_t *a = json_pack("[oo]", rec("a", 0, "RUSGOV", "UKR", "190", "2024-01-02", "asserted"),
                          rec("a", 1, "USA", "RUS", "036", "2024-01", "reported"));
    CHECK_EQ_INT(put(s, "a", "h1", a), DY_DOC_NEW);
    json_t *b = json_pack("[o]", rec("b", 3, "RUSGOV", "UKR", "190", "2024-01-02", "denied"));
    CHECK_EQ_INT(put(s, "b", "h2", b), DY_DOC_NEW);
    /* Same id and hash: nothing; same id, other hash: conflict, nothing. */
    CHECK_EQ_INT(put(s, "b", "h2", json_pack("[o]", rec("b", 3, "RUSGOV", "UKR", "190", "2024-01-02", "denied"))),
                 DY_DOC_SAME);
    CHECK_EQ_INT(put(s, "b", "h3", json_pack("[o]", rec("b", 4, "X", "Y", "010", "2024", "asserted"))),
                 DY_DOC_CONFLICT);
    /* No id: the hash is the identity. */
    CHECK_EQ_INT(put(s, NULL, "h4", json_pack("[o]", rec("", 0, "CHN", "TWN", "138", "2024-02-01", "hypothetical"))),
                 DY_DOC_NEW);
    CHECK_EQ_INT(put(s, "", "h4", json_pack("[o]", rec("", 0, "CHN", "TWN", "138", "2024-02-01", "hypothetical"))),
                 DY_DOC_SAME);
    dy_store_counts c;
    CHECK_EQ_INT(dy_store_counts_get(s, &c, NULL), DYAD_OK);
    CHECK_EQ_INT(c.documents, 3);
    CHECK_EQ_INT(c.events, 3);
    CHECK_EQ_INT(c.mentions, 4);

    dy_filter f = {0};
    f.source = "RUS";
    CHECK_EQ_INT(n_events(s, &f), 1);
    f.status = "denied";
    CHECK_EQ_INT(n_events(s, &f), 1);
    f.status = "negated";
    CHECK_EQ_INT(n_events(s, &f), 0);
    memset(&f, 0, sizeof f);
    f.since = "2024-01";
    f.until = "2024-01";
    CHECK_EQ_INT(n_events(s, &f), 2);
    f.quad_min = 3;
    f.quad_max = 4;
    CHECK_EQ_INT(n_events(s, &f), 1);
    memset(&f, 0, sizeof f);
    f.any = "UKR";
    CHECK_EQ_INT(n_events(s, &f), 1);
    f.any = NULL;
    f.limit = 1;
    f.offset = 2;
    CHECK_EQ_INT(n_events(s, &f), 1);
    f.offset = 3;
    CHECK_EQ_INT(n_events(s, &f), 0);
    dy_store_close(s);
    rmdb(db);
}

TEST(store_bad_record_rolls_back_the_document) {
    char *db = tmpdb();
    dy_store *s = NULL;
    CHECK_EQ_INT(dy_store_open(db, false, &s, NULL), DYAD_OK);
    json_t *bad = rec("c", 1, "RUS", "UKR", "190", "2024-01-02", "asserted");
    json_object_set_new(bad, "date", json_string("January"));
    json_t *evs = json_pack("[oo]", rec("c", 0, "RUS", "UKR", "042", "2024-01-02", "asserted"), bad);
    CHECK(put(s, "c", "h", evs) == (dy_doc_state)-1);
    dy_store_counts c;
    CHECK_EQ_INT(dy_store_counts_get(s, &c, NULL), DYAD_OK);
    CHECK_EQ_INT(c.documents, 0);
    CHECK_EQ_INT(c.mentions, 0);
    CHECK_EQ_INT(c.actors, 0);
    dy_store_close(s);
    rmdb(db);
}

TEST(store_filter_check) {
    dy_filter f = {0};
    dyad_error err = {0};
    f.since = "2024-02-30x";
    CHECK_EQ_INT(dy_filter_check(&f, &err), DYAD_EINVAL);
    f.since = "2024-13";
    CHECK_EQ_INT(dy_filter_check(&f, NULL), DYAD_EINVAL);
    f.since = "2024";
    CHECK_EQ_INT(dy_filter_check(&f, NULL), DYAD_OK);
    f.source = "RUS'; DROP TABLE events; --";
    CHECK_EQ_INT(dy_filter_check(&f, NULL), DYAD_EINVAL);
    f.source = "RUS";
    f.quad = 5;
    CHECK_EQ_INT(dy_filter_check(&f, NULL), DYAD_EINVAL);
}

TEST(store_refuses_foreign_and_newer_files) {
    char *db = tmpdb();
    FILE *fp = fopen(db, "w");
    CHECK(fp != NULL);
    fputs("definitely not sqlite", fp);
    fclose(fp);
    dy_store *s = NULL;
    CHECK_EQ_INT(dy_store_open(db, false, &s, NULL), DYAD_EDB);
    CHECK(s == NULL);
    rmdb(db);
    CHECK_EQ_INT(dy_store_open(db, false, &s, NULL), DYAD_OK);
    dy_store_close(s);
    /* Read-only opens of a missing file fail cleanly. */
    rmdb(db);
    CHECK_EQ_INT(dy_store_open(db, true, &s, NULL), DYAD_EDB);
    rmdb(db);
}

TEST(network_writers) {
    dy_net *n = dy_net_new();
    CHECK(n != NULL);
    json_t *r1 = rec("a", 0, "RUS", "UKR", "190", "2024", "asserted");
    json_t *r2 = rec("a", 1, "RUS", "UKR", "042", "2024", "asserted");
    json_t *r3 = rec("a", 2, "A&B", NULL, "010", "2024", "asserted");
    CHECK_EQ_INT(dy_net_add_record(n, r1, NULL), DYAD_OK);
    CHECK_EQ_INT(dy_net_add_record(n, r2, NULL), DYAD_OK);
    CHECK_EQ_INT(dy_net_add_record(n, r3, NULL), DYAD_OK); /* no target: no edge */
    CHECK_EQ_INT((long)dy_net_edge_count(n), 1);
    CHECK_EQ_INT((long)dy_net_node_count(n), 2);
    dy_buf b;
    dy_buf_init(&b, dyad_default_allocator());
    CHECK_EQ_INT(dy_net_write(n, "json", &b, NULL), DYAD_OK);
    CHECK(strstr(dy_buf_cstr(&b), "\"events\":2,\"mentions\":2,\"quad\":[1,0,0,1],\"goldstein\":-2.5") != NULL);
    dy_buf_clear(&b);
    CHECK_EQ_INT(dy_net_write(n, "svg", &b, NULL), DYAD_EINVAL);
    dy_net_actor x = {"A<&>\"B", "Q\"uote", NULL, NULL}, y = {"C", NULL, NULL, NULL};
    long q[4] = {1, 0, 0, 0};
    CHECK(dy_net_add(n, &x, &y, 1, 1, q, 1.0));
    dy_buf_clear(&b);
    CHECK_EQ_INT(dy_net_write(n, "graphml", &b, NULL), DYAD_OK);
    CHECK(strstr(dy_buf_cstr(&b), "<node id=\"A&lt;&amp;&gt;&quot;B\">") != NULL);
    dy_buf_clear(&b);
    CHECK_EQ_INT(dy_net_write(n, "dot", &b, NULL), DYAD_OK);
    CHECK(strstr(dy_buf_cstr(&b), "\"A<&>\\\"B\" -> \"C\"") != NULL);
    dy_buf_free(&b);
    json_decref(r1);
    json_decref(r2);
    json_decref(r3);
    dy_net_free(n);
}

TEST(store_deadline_interrupts_queries) {
    char *db = tmpdb();
    dy_store *s = NULL;
    CHECK_EQ_INT(dy_store_open(db, false, &s, NULL), DYAD_OK);
    CHECK_EQ_INT(dy_store_begin(s, NULL), DYAD_OK);
    dy_doc_state st;
    int64_t doc = 0;
    dy_store_doc d = {"big", "h", NULL, NULL, NULL, NULL};
    CHECK_EQ_INT(dy_store_doc_add(s, &d, &st, &doc, NULL), DYAD_OK);
    for (int i = 0; i < 400; i++) {
        char src[16];
        snprintf(src, sizeof src, "X%04d", i);
        json_t *r = rec("big", i, src, "RUS", "042", "2024-01-01", "asserted");
        bool added;
        CHECK_EQ_INT(dy_store_event_add(s, doc, r, &added, NULL), DYAD_OK);
        json_decref(r);
    }
    CHECK_EQ_INT(dy_store_commit(s, NULL), DYAD_OK);
    dy_filter f = {0};
    f.actor = "nobody";
    CHECK_EQ_INT(n_events(s, &f), 0);
    /* A deadline already past: the first progress check interrupts. */
    dy_store_set_deadline(s, 1);
    usleep(3000);
    dyad_error err = {0};
    long n = 0;
    CHECK_EQ_INT(dy_store_query(s, &f, count, &n, &err), DYAD_ELIMIT);
    CHECK(strstr(err.msg, "time limit") != NULL);
    dy_store_set_deadline(s, 0);
    CHECK_EQ_INT(n_events(s, &f), 0);
    dy_store_close(s);
    rmdb(db);
}
