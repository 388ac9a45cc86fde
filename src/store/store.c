/*
 * store.c — the SQLite event store: open and migrate, ingest event records
 * with cross-story de-duplication, and the filtered queries behind
 * `dyad query`, `dyad stats`, `dyad network --db` and the HTTP API.
 *
 * Why the shape: an event (source, target, code, date as given, place
 * country) may be reported by many stories; each report is a mention that
 * keeps its own record (sentence, status, attribution), and the event row
 * counts them, as GDELT's NumMentions does.  Idempotence comes from two
 * unique keys: the document identity (id, else content hash) and the
 * record id within a document.  Schema: docs/store.md.
 */
#include "store.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/base.h"

/* 'dyad' in ASCII: a store file says what it is (PRAGMA application_id). */
#define DY_STORE_APP_ID 0x64796164

enum {
    ST_DOC_FIND, ST_DOC_INSERT, ST_SENT_INSERT, ST_ACTOR_INSERT, ST_ACTOR_FIND,
    ST_EVENT_FIND, ST_EVENT_INSERT, ST_MENTION_INSERT, ST_EVENT_BUMP, ST_DOC_FINISH,
    ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
    [ST_DOC_FIND] = "SELECT id, hash FROM documents WHERE key = ?1",
    [ST_DOC_INSERT] = "INSERT INTO documents(key, doc_id, hash, report_date, title, source, url) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_SENT_INSERT] = "INSERT OR IGNORE INTO sentences(doc, idx, text) VALUES (?1, ?2, ?3)",
    [ST_ACTOR_INSERT] = "INSERT OR IGNORE INTO actors(code, name, country, role) VALUES (?1, ?2, ?3, ?4)",
    [ST_ACTOR_FIND] = "SELECT id FROM actors WHERE code = ?1 AND name = ?2",
    [ST_EVENT_FIND] = "SELECT id FROM events WHERE key = ?1",
    [ST_EVENT_INSERT] =
        "INSERT INTO events(key, source_code, source_actor, target_code, target_actor, code, "
        "root_code, quad_class, goldstein, date, day, place_country, place_name, lat, lon) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    [ST_MENTION_INSERT] =
        "INSERT OR IGNORE INTO mentions(event, doc, record_id, sentence_index, status, "
        "source_name, source_text, target_name, target_text, attribution_code, trigger, record) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [ST_EVENT_BUMP] = "UPDATE events SET mentions = mentions + 1 WHERE id = ?1",
    [ST_DOC_FINISH] =
        "UPDATE documents SET n_events = (SELECT count(*) FROM mentions WHERE doc = ?1), "
        "n_sentences = (SELECT count(*) FROM sentences WHERE doc = ?1) WHERE id = ?1",
};

struct dy_store {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    struct timespec deadline;   /* tv_sec 0: none */
};

/* MARK: - migrations
 * Each entry takes the schema from version i to i+1 and runs in its own
 * transaction with the user_version bump; never edit a shipped entry, add
 * one.  docs/store.md describes the result. */
static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE documents(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  key TEXT NOT NULL UNIQUE,\n"
    "  doc_id TEXT,\n"
    "  hash TEXT NOT NULL,\n"
    "  report_date TEXT, title TEXT, source TEXT, url TEXT,\n"
    "  n_sentences INTEGER NOT NULL DEFAULT 0,\n"
    "  n_events INTEGER NOT NULL DEFAULT 0,\n"
    "  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));\n"
    "CREATE TABLE sentences(\n"
    "  doc INTEGER NOT NULL REFERENCES documents(id),\n"
    "  idx INTEGER NOT NULL,\n"
    "  text TEXT,\n"
    "  PRIMARY KEY(doc, idx)) WITHOUT ROWID;\n"
    "CREATE TABLE actors(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  code TEXT NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  country TEXT, role TEXT,\n"
    "  UNIQUE(code, name));\n"
    "CREATE TABLE events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  key TEXT NOT NULL UNIQUE,\n"
    "  source_code TEXT NOT NULL,\n"
    "  source_actor INTEGER REFERENCES actors(id),\n"
    "  target_code TEXT,\n"
    "  target_actor INTEGER REFERENCES actors(id),\n"
    "  code TEXT NOT NULL, root_code TEXT, quad_class INTEGER, goldstein REAL,\n"
    "  date TEXT, day TEXT,\n"
    "  place_country TEXT, place_name TEXT, lat REAL, lon REAL,\n"
    "  mentions INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE INDEX events_source ON events(source_code);\n"
    "CREATE INDEX events_target ON events(target_code);\n"
    "CREATE INDEX events_day ON events(day);\n"
    "CREATE TABLE mentions(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  event INTEGER NOT NULL REFERENCES events(id),\n"
    "  doc INTEGER NOT NULL REFERENCES documents(id),\n"
    "  record_id TEXT NOT NULL,\n"
    "  sentence_index INTEGER,\n"
    "  status TEXT,\n"
    "  source_name TEXT, source_text TEXT, target_name TEXT, target_text TEXT,\n"
    "  attribution_code TEXT, trigger TEXT,\n"
    "  record TEXT NOT NULL,\n"
    "  UNIQUE(doc, record_id));\n"
    "CREATE INDEX mentions_event ON mentions(event);\n"
    "CREATE VIEW event_sources AS\n"
    "  SELECT m.event AS event, coalesce(d.doc_id, d.key) AS doc_id, count(*) AS mentions\n"
    "  FROM mentions m JOIN documents d ON d.id = m.doc GROUP BY m.event, m.doc;\n",
};
#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])
_Static_assert(N_MIGRATIONS == DY_STORE_SCHEMA_VERSION, "one migration per schema version");

static dyad_status db_err(dy_store *s, dyad_error *err, const char *what) {
    if (s && s->db && (sqlite3_errcode(s->db) & 0xff) == SQLITE_INTERRUPT)
        return dy_err(err, DYAD_ELIMIT, "store time limit exceeded (%s)", what);
    return dy_err(err, DYAD_EDB, "%s: %s", what, s && s->db ? sqlite3_errmsg(s->db) : "no database");
}

static bool exec(dy_store *s, const char *sql) {
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static long pragma_int(dy_store *s, const char *sql) {
    sqlite3_stmt *st = NULL;
    long v = -1;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static dyad_status migrate(dy_store *s, dyad_error *err) {
    long app = pragma_int(s, "PRAGMA application_id");
    long ver = pragma_int(s, "PRAGMA user_version");
    if (app < 0 || ver < 0) return db_err(s, err, "cannot read the store header");
    if (app != 0 && app != DY_STORE_APP_ID)
        return dy_err(err, DYAD_EDB, "not a dyad store (application_id 0x%lx)", (unsigned long)app);
    if (app == 0 && ver != 0) return dy_err(err, DYAD_EDB, "not a dyad store (foreign schema)");
    if (ver > DY_STORE_SCHEMA_VERSION)
        return dy_err(err, DYAD_EDB, "store schema %ld is newer than this dyad (%d)", ver,
                      DY_STORE_SCHEMA_VERSION);
    for (long v = ver; v < (long)N_MIGRATIONS; v++) {
        char bump[96];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %ld; PRAGMA application_id = %d;", v + 1,
                 DY_STORE_APP_ID);
        if (!exec(s, "BEGIN IMMEDIATE")) return db_err(s, err, "migration");
        if (!exec(s, migrations[v]) || !exec(s, bump)) {
            dyad_status st = db_err(s, err, "migration");
            exec(s, "ROLLBACK");
            return st;
        }
        if (!exec(s, "COMMIT")) {
            dyad_status st = db_err(s, err, "migration commit");
            exec(s, "ROLLBACK");
            return st;
        }
    }
    return DYAD_OK;
}

dyad_status dy_store_open(const char *path, bool readonly, dy_store **out, dyad_error *err) {
    *out = NULL;
    if (!path || !*path) return dy_err(err, DYAD_EINVAL, "no store file given (--db FILE)");
    dy_store *s = calloc(1, sizeof *s);
    if (!s) return dy_err(err, DYAD_ENOMEM, "out of memory");
    int flags = readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    flags |= SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        dyad_status st = dy_err(err, DYAD_EDB, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
        dy_store_close(s);
        return st;
    }
    sqlite3_busy_timeout(s->db, 10000);
    sqlite3_extended_result_codes(s->db, 1);
    dyad_status st = DYAD_OK;
    if (!readonly) {
        /* WAL: readers (the server) never block the writer; synchronous
         * NORMAL keeps every committed transaction across a killed process
         * (only a power cut may lose the last ones). */
        if (!exec(s, "PRAGMA journal_mode = WAL") || !exec(s, "PRAGMA synchronous = NORMAL"))
            st = dy_err(err, DYAD_EDB, "%s: %s", path, sqlite3_errmsg(s->db));
        if (st == DYAD_OK) st = migrate(s, err);
    } else {
        long app = pragma_int(s, "PRAGMA application_id");
        long ver = pragma_int(s, "PRAGMA user_version");
        if (app < 0) st = dy_err(err, DYAD_EDB, "%s: %s", path, sqlite3_errmsg(s->db));
        else if (app != DY_STORE_APP_ID || ver != DY_STORE_SCHEMA_VERSION)
            st = dy_err(err, DYAD_EDB, "%s: not a dyad store of schema %d (ingest into it to migrate)",
                        path, DY_STORE_SCHEMA_VERSION);
    }
    if (st == DYAD_OK && !exec(s, "PRAGMA foreign_keys = ON"))
        st = dy_err(err, DYAD_EDB, "%s: %s", path, sqlite3_errmsg(s->db));
    if (st != DYAD_OK) {
        dy_store_close(s);
        return st;
    }
    *out = s;
    return DYAD_OK;
}

/* SQLite calls this every 1000 virtual machine steps; non-zero interrupts. */
static int past_deadline(void *ud) {
    const dy_store *s = ud;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > s->deadline.tv_sec ||
           (now.tv_sec == s->deadline.tv_sec && now.tv_nsec >= s->deadline.tv_nsec);
}

void dy_store_set_deadline(dy_store *s, long ms) {
    if (ms <= 0) {
        s->deadline.tv_sec = 0;
        sqlite3_progress_handler(s->db, 0, NULL, NULL);
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &s->deadline);
    s->deadline.tv_sec += ms / 1000;
    s->deadline.tv_nsec += (ms % 1000) * 1000000L;
    if (s->deadline.tv_nsec >= 1000000000L) {
        s->deadline.tv_sec++;
        s->deadline.tv_nsec -= 1000000000L;
    }
    sqlite3_progress_handler(s->db, 1000, past_deadline, s);
}

void dy_store_close(dy_store *s) {
    if (!s) return;
    for (int i = 0; i < ST_COUNT; i++) sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    free(s);
}

static sqlite3_stmt *stmt(dy_store *s, int which) {
    if (!s->st[which] && sqlite3_prepare_v3(s->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                            &s->st[which], NULL) != SQLITE_OK)
        return NULL;
    sqlite3_reset(s->st[which]);
    sqlite3_clear_bindings(s->st[which]);
    return s->st[which];
}

dyad_status dy_store_begin(dy_store *s, dyad_error *err) {
    return exec(s, "BEGIN IMMEDIATE") ? DYAD_OK : db_err(s, err, "begin");
}
dyad_status dy_store_commit(dy_store *s, dyad_error *err) {
    return exec(s, "COMMIT") ? DYAD_OK : db_err(s, err, "commit");
}
void dy_store_rollback(dy_store *s) { exec(s, "ROLLBACK"); }
dyad_status dy_store_savepoint(dy_store *s, dyad_error *err) {
    return exec(s, "SAVEPOINT doc") ? DYAD_OK : db_err(s, err, "savepoint");
}
dyad_status dy_store_release(dy_store *s, dyad_error *err) {
    return exec(s, "RELEASE doc") ? DYAD_OK : db_err(s, err, "release");
}
void dy_store_rollback_to(dy_store *s) {
    exec(s, "ROLLBACK TO doc");
    exec(s, "RELEASE doc");
}

/* MARK: - ingest */

void dy_store_hash(const void *p, size_t n, char *out, size_t outn) {
    snprintf(out, outn, "fnv1a64:%016llx:%zu", (unsigned long long)dy_hash(p, n), n);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v) {
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

dyad_status dy_store_doc_add(dy_store *s, const dy_store_doc *d, dy_doc_state *state,
                             int64_t *rowid, dyad_error *err) {
    size_t idn = d->id ? strlen(d->id) : 0;
    size_t keyn = (idn ? idn : strlen(d->hash)) + 8;
    char *key = malloc(keyn);
    if (!key) return dy_err(err, DYAD_ENOMEM, "out of memory");
    snprintf(key, keyn, "%s%s", idn ? "id:" : "hash:", idn ? d->id : d->hash);
    dyad_status ret = DYAD_OK;
    sqlite3_stmt *st = stmt(s, ST_DOC_FIND);
    if (!st) { ret = db_err(s, err, "find document"); goto done; }
    bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *rowid = sqlite3_column_int64(st, 0);
        const char *h = (const char *)sqlite3_column_text(st, 1);
        *state = h && !strcmp(h, d->hash) ? DY_DOC_SAME : DY_DOC_CONFLICT;
        sqlite3_reset(st);
        goto done;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) { ret = db_err(s, err, "find document"); goto done; }
    st = stmt(s, ST_DOC_INSERT);
    if (!st) { ret = db_err(s, err, "add document"); goto done; }
    bind_text(st, 1, key);
    bind_text(st, 2, idn ? d->id : NULL);
    bind_text(st, 3, d->hash);
    bind_text(st, 4, d->report_date);
    bind_text(st, 5, d->title);
    bind_text(st, 6, d->source);
    bind_text(st, 7, d->url);
    if (sqlite3_step(st) != SQLITE_DONE) { sqlite3_reset(st); ret = db_err(s, err, "add document"); goto done; }
    sqlite3_reset(st);
    *rowid = sqlite3_last_insert_rowid(s->db);
    *state = DY_DOC_NEW;
done:
    free(key);
    return ret;
}

dyad_status dy_store_sentence_add(dy_store *s, int64_t doc, int64_t index, const char *text,
                                  dyad_error *err) {
    sqlite3_stmt *st = stmt(s, ST_SENT_INSERT);
    if (!st) return db_err(s, err, "add sentence");
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int64(st, 2, index);
    bind_text(st, 3, text);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DYAD_OK : db_err(s, err, "add sentence");
}

dyad_status dy_store_doc_finish(dy_store *s, int64_t doc, dyad_error *err) {
    sqlite3_stmt *st = stmt(s, ST_DOC_FINISH);
    if (!st) return db_err(s, err, "finish document");
    sqlite3_bind_int64(st, 1, doc);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? DYAD_OK : db_err(s, err, "finish document");
}

static const char *jstr(const json_t *o, const char *k) {
    return json_string_value(json_object_get(o, k)); /* NULL when absent or not a string */
}

static bool valid_date(const char *d) {
    if (!d) return false;
    size_t n = strlen(d);
    if (n != 4 && n != 7 && n != 10) return false;
    for (size_t i = 0; i < n; i++) {
        if (i == 4 || i == 7) {
            if (d[i] != '-') return false;
        } else if (!isdigit((unsigned char)d[i])) {
            return false;
        }
    }
    if (n >= 7) {
        int mo = (d[5] - '0') * 10 + (d[6] - '0');
        if (mo < 1 || mo > 12) return false;
    }
    if (n == 10) {
        int dd = (d[8] - '0') * 10 + (d[9] - '0');
        if (dd < 1 || dd > 31) return false;
    }
    return true;
}

/* First (or last) day of a date at any precision, into out[11]. */
static void date_bound(const char *d, bool last, char out[11]) {
    size_t n = strlen(d);
    if (n == 10) memcpy(out, d, 11);
    else if (n == 7) snprintf(out, 11, "%.7s-%s", d, last ? "31" : "01");
    else snprintf(out, 11, "%.4s-%s", d, last ? "12-31" : "01-01");
}

dyad_status dy_store_event_check(const json_t *rec, dyad_error *err) {
    if (!json_is_object(rec)) return dy_err(err, DYAD_EINPUT, "event record is not a JSON object");
    if (!jstr(rec, "id") || !*jstr(rec, "id")) return dy_err(err, DYAD_EINPUT, "event record without a string \"id\"");
    if (!jstr(rec, "doc_id")) return dy_err(err, DYAD_EINPUT, "event record without a string \"doc_id\"");
    if (!jstr(rec, "code") || !*jstr(rec, "code")) return dy_err(err, DYAD_EINPUT, "event record without a string \"code\"");
    const json_t *src = json_object_get(rec, "source");
    if (!json_is_object(src) || !jstr(src, "code") || !*jstr(src, "code"))
        return dy_err(err, DYAD_EINPUT, "event record without a source actor code");
    const json_t *tgt = json_object_get(rec, "target");
    if (tgt && !json_is_null(tgt) && (!json_is_object(tgt) || !jstr(tgt, "code")))
        return dy_err(err, DYAD_EINPUT, "event record target is neither null nor an actor");
    const json_t *loc = json_object_get(rec, "location");
    if (loc && !json_is_null(loc) && !json_is_object(loc))
        return dy_err(err, DYAD_EINPUT, "event record location is neither null nor an object");
    const char *date = jstr(rec, "date");
    if (date && !valid_date(date)) return dy_err(err, DYAD_EINPUT, "event record date '%s' is not YYYY[-MM[-DD]]", date);
    return DYAD_OK;
}

/* Find or add the actor (code, name); 0 when no actor. */
static dyad_status actor_id(dy_store *s, const json_t *a, int64_t *id, dyad_error *err) {
    *id = 0;
    if (!json_is_object(a) || !jstr(a, "code")) return DYAD_OK;
    const char *code = jstr(a, "code");
    const char *name = jstr(a, "name") ? jstr(a, "name") : code;
    sqlite3_stmt *st = stmt(s, ST_ACTOR_INSERT);
    if (!st) return db_err(s, err, "add actor");
    bind_text(st, 1, code);
    bind_text(st, 2, name);
    bind_text(st, 3, jstr(a, "country"));
    bind_text(st, 4, jstr(a, "role"));
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return db_err(s, err, "add actor");
    st = stmt(s, ST_ACTOR_FIND);
    if (!st) return db_err(s, err, "find actor");
    bind_text(st, 1, code);
    bind_text(st, 2, name);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? DYAD_OK : db_err(s, err, "find actor");
}

dyad_status dy_store_event_add(dy_store *s, int64_t doc, const json_t *rec, bool *added,
                               dyad_error *err) {
    *added = false;
    dyad_status ret = dy_store_event_check(rec, err);
    if (ret != DYAD_OK) return ret;
    const json_t *src = json_object_get(rec, "source");
    const json_t *tgt = json_object_get(rec, "target");
    const json_t *loc = json_object_get(rec, "location");
    const json_t *attr = json_object_get(rec, "attribution");
    if (!json_is_object(tgt)) tgt = NULL;
    if (!json_is_object(loc)) loc = NULL;
    const char *scode = jstr(src, "code"), *tcode = tgt ? jstr(tgt, "code") : NULL;
    const char *code = jstr(rec, "code");
    const char *date = jstr(rec, "date");
    if (!date && valid_date(jstr(rec, "report_date"))) date = jstr(rec, "report_date");
    const char *place = loc ? jstr(loc, "country") : NULL;
    char day[11] = "";
    if (date) date_bound(date, false, day);

    /* The dedup key: unit separators cannot occur in codes or dates. */
    size_t kn = strlen(scode) + (tcode ? strlen(tcode) : 0) + strlen(code) +
                (date ? strlen(date) : 0) + (place ? strlen(place) : 0) + 8;
    char *key = malloc(kn);
    char *record = NULL;
    json_t *copy = NULL;
    if (!key) return dy_err(err, DYAD_ENOMEM, "out of memory");
    snprintf(key, kn, "%s\x1f%s\x1f%s\x1f%s\x1f%s", scode, tcode ? tcode : "", code, date ? date : "",
             place ? place : "");

    int64_t sa = 0, ta = 0, ev = 0;
    if ((ret = actor_id(s, src, &sa, err)) != DYAD_OK) goto done;
    if ((ret = actor_id(s, tgt, &ta, err)) != DYAD_OK) goto done;

    sqlite3_stmt *st = stmt(s, ST_EVENT_FIND);
    if (!st) { ret = db_err(s, err, "find event"); goto done; }
    bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) ev = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) { ret = db_err(s, err, "find event"); goto done; }
    if (!ev) {
        st = stmt(s, ST_EVENT_INSERT);
        if (!st) { ret = db_err(s, err, "add event"); goto done; }
        bind_text(st, 1, key);
        bind_text(st, 2, scode);
        if (sa) sqlite3_bind_int64(st, 3, sa);
        bind_text(st, 4, tcode);
        if (ta) sqlite3_bind_int64(st, 5, ta);
        bind_text(st, 6, code);
        const char *root = jstr(rec, "root_code");
        char rootbuf[3];
        if (!root) { snprintf(rootbuf, sizeof rootbuf, "%.2s", code); root = rootbuf; }
        bind_text(st, 7, root);
        const json_t *q = json_object_get(rec, "quad_class");
        if (json_is_integer(q)) sqlite3_bind_int64(st, 8, json_integer_value(q));
        const json_t *g = json_object_get(rec, "goldstein");
        if (json_is_number(g)) sqlite3_bind_double(st, 9, json_number_value(g));
        bind_text(st, 10, date);
        bind_text(st, 11, date ? day : NULL);
        bind_text(st, 12, place);
        bind_text(st, 13, loc ? jstr(loc, "name") : NULL);
        const json_t *lat = loc ? json_object_get(loc, "lat") : NULL, *lon = loc ? json_object_get(loc, "lon") : NULL;
        if (json_is_number(lat)) sqlite3_bind_double(st, 14, json_number_value(lat));
        if (json_is_number(lon)) sqlite3_bind_double(st, 15, json_number_value(lon));
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) { ret = db_err(s, err, "add event"); goto done; }
        ev = sqlite3_last_insert_rowid(s->db);
    }

    /* The mention keeps the record as given, minus what the store adds. */
    copy = json_deep_copy(rec);
    if (!copy) { ret = dy_err(err, DYAD_ENOMEM, "out of memory"); goto done; }
    json_object_del(copy, "mentions");
    json_object_del(copy, "sources");
    record = json_dumps(copy, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    if (!record) { ret = dy_err(err, DYAD_ENOMEM, "out of memory"); goto done; }
    st = stmt(s, ST_MENTION_INSERT);
    if (!st) { ret = db_err(s, err, "add mention"); goto done; }
    sqlite3_bind_int64(st, 1, ev);
    sqlite3_bind_int64(st, 2, doc);
    bind_text(st, 3, jstr(rec, "id"));
    const json_t *si = json_object_get(rec, "sentence_index");
    if (json_is_integer(si)) sqlite3_bind_int64(st, 4, json_integer_value(si));
    bind_text(st, 5, jstr(rec, "status"));
    bind_text(st, 6, jstr(src, "name"));
    bind_text(st, 7, jstr(src, "text"));
    bind_text(st, 8, tgt ? jstr(tgt, "name") : NULL);
    bind_text(st, 9, tgt ? jstr(tgt, "text") : NULL);
    bind_text(st, 10, json_is_object(attr) ? jstr(attr, "code") : NULL);
    bind_text(st, 11, jstr(rec, "trigger"));
    bind_text(st, 12, record);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) { ret = db_err(s, err, "add mention"); goto done; }
    if (sqlite3_changes(s->db) > 0) {
        *added = true;
        st = stmt(s, ST_EVENT_BUMP);
        if (!st) { ret = db_err(s, err, "count mention"); goto done; }
        sqlite3_bind_int64(st, 1, ev);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) { ret = db_err(s, err, "count mention"); goto done; }
    }
    /* Keep the sentence text as evidence for the document's sentences. */
    const char *sent = jstr(rec, "sentence");
    if (sent && json_is_integer(si))
        ret = dy_store_sentence_add(s, doc, json_integer_value(si), sent, err);
done:
    free(record);
    json_decref(copy);
    free(key);
    return ret;
}

/* MARK: - queries */

dyad_status dy_filter_check(const dy_filter *f, dyad_error *err) {
    if (f->since && !valid_date(f->since)) return dy_err(err, DYAD_EINVAL, "since: '%s' is not YYYY[-MM[-DD]]", f->since);
    if (f->until && !valid_date(f->until)) return dy_err(err, DYAD_EINVAL, "until: '%s' is not YYYY[-MM[-DD]]", f->until);
    if (f->quad < 0 || f->quad > 4) return dy_err(err, DYAD_EINVAL, "quad class must be 1 to 4");
    if (f->quad_min < 0 || f->quad_max > 4 || f->quad_min > f->quad_max)
        return dy_err(err, DYAD_EINVAL, "quad class range must be within 1 to 4");
    if (f->limit < 0) return dy_err(err, DYAD_EINVAL, "limit must not be negative");
    if (f->offset < 0) return dy_err(err, DYAD_EINVAL, "offset must not be negative");
    const char *const codes[] = {f->source, f->target, f->any, f->root, f->code, f->place};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        if (!codes[i]) continue;
        if (strlen(codes[i]) > 64) return dy_err(err, DYAD_EINVAL, "code '%.20s...' is too long", codes[i]);
        for (const char *p = codes[i]; *p; p++)
            if (!isalnum((unsigned char)*p))
                return dy_err(err, DYAD_EINVAL, "code '%s' may hold only letters and digits", codes[i]);
    }
    if (f->actor && strlen(f->actor) > 200) return dy_err(err, DYAD_EINVAL, "actor name is too long");
    unsigned set;
    if (f->status && (strlen(f->status) > 80 || !dy_status_set(f->status, &set)))
        return dy_err(err, DYAD_EINVAL, "status: '%.80s' is not 'all' nor a list of asserted, reported, alleged, "
                      "denied, negated, hypothetical", f->status);
    return DYAD_OK;
}

/* A WHERE clause with its parameters (all text but the quad class). */
typedef struct where {
    dy_buf sql;
    const char *param[24];
    char own[4][70];    /* prefix range ends, date bounds */
    int nparam, nown;
} where;

static void w_add(where *w, const char *clause) {
    dy_buf_puts(&w->sql, w->sql.n ? " AND " : " WHERE ");
    dy_buf_puts(&w->sql, clause);
}
static int w_param(where *w, const char *v) {
    w->param[w->nparam] = v;
    return ++w->nparam;
}

/* column >= prefix AND column < prefix+'\x7f': codes are ASCII letters and
 * digits, so this is a prefix match that can use the index. */
static void w_prefix(where *w, const char *col, const char *prefix) {
    char *hi = w->own[w->nown++];
    snprintf(hi, 70, "%s\x7f", prefix);
    int a = w_param(w, prefix), b = w_param(w, hi);
    char c[160];
    snprintf(c, sizeof c, "(%s >= ?%d AND %s < ?%d)", col, a, col, b);
    w_add(w, c);
}

/* "coalesce(M.status, 'asserted') IN ('asserted', ...)" for the statuses
 * of the filter (checked names, written into the SQL; a mention without a
 * status is asserted); false when the filter takes every status. */
static bool status_in(const dy_filter *f, const char *m, char *out, size_t cap) {
    unsigned set = DY_STATUS_ALL;
    if (!f->status || !dy_status_set(f->status, &set) || set == DY_STATUS_ALL) return false;
    int k = snprintf(out, cap, "coalesce(%s.status, 'asserted') IN (", m);
    const char *sep = "";
    for (int i = 0; i < DY_STATUS_NSTATUS; i++)
        if (set >> i & 1u) {
            k += snprintf(out + k, cap - (size_t)k, "%s'%s'", sep, DY_STATUS_NAMES[i]);
            sep = ", ";
        }
    snprintf(out + k, cap - (size_t)k, ")");
    return true;
}

static void build_where(const dy_filter *f, where *w) {
    memset(w, 0, sizeof *w);
    dy_buf_init(&w->sql, dyad_default_allocator());
    char c[512];
    if (f->source) w_prefix(w, "e.source_code", f->source);
    if (f->target) w_prefix(w, "e.target_code", f->target);
    if (f->any) {
        char *hi = w->own[w->nown++];
        snprintf(hi, 70, "%s\x7f", f->any);
        int a = w_param(w, f->any), b = w_param(w, hi);
        snprintf(c, sizeof c,
                 "((e.source_code >= ?%d AND e.source_code < ?%d) OR (e.target_code >= ?%d AND e.target_code < ?%d))",
                 a, b, a, b);
        w_add(w, c);
    }
    if (f->code) w_prefix(w, "e.code", f->code);
    if (f->root) {
        snprintf(c, sizeof c, "e.root_code = ?%d", w_param(w, f->root));
        w_add(w, c);
    }
    if (f->place) {
        snprintf(c, sizeof c, "e.place_country = ?%d", w_param(w, f->place));
        w_add(w, c);
    }
    if (f->since) {
        char *d = w->own[w->nown++];
        date_bound(f->since, false, d);
        snprintf(c, sizeof c, "e.day >= ?%d", w_param(w, d));
        w_add(w, c);
    }
    if (f->until) {
        char *d = w->own[w->nown++];
        date_bound(f->until, true, d);
        snprintf(c, sizeof c, "e.day <= ?%d", w_param(w, d));
        w_add(w, c);
    }
    char in[128];
    if (status_in(f, "ms", in, sizeof in)) {
        snprintf(c, sizeof c, "EXISTS (SELECT 1 FROM mentions ms WHERE ms.event = e.id AND %s)", in);
        w_add(w, c);
    }
    if (f->actor) {
        int a = w_param(w, f->actor);
        snprintf(c, sizeof c,
                 "EXISTS (SELECT 1 FROM mentions ma WHERE ma.event = e.id AND ("
                 "instr(lower(ma.source_name), lower(?%d)) OR instr(lower(ma.target_name), lower(?%d)) OR "
                 "instr(lower(ma.source_text), lower(?%d)) OR instr(lower(ma.target_text), lower(?%d))))",
                 a, a, a, a);
        w_add(w, c);
    }
    /* Checked integers: written into the SQL, not bound. */
    if (f->quad > 0) {
        snprintf(c, sizeof c, "e.quad_class = %d", f->quad);
        w_add(w, c);
    }
    if (f->quad_min > 0) {
        snprintf(c, sizeof c, "e.quad_class BETWEEN %d AND %d", f->quad_min, f->quad_max);
        w_add(w, c);
    }
}

/* Prepare "<head> FROM (filtered events) e <tail>" and bind. */
static dyad_status prepare_filtered(dy_store *s, const dy_filter *f, const char *head,
                                    const char *tail, sqlite3_stmt **out, dyad_error *err) {
    *out = NULL;
    dyad_status st = dy_filter_check(f, err);
    if (st != DYAD_OK) return st;
    where w;
    build_where(f, &w);
    dy_buf q;
    dy_buf_init(&q, dyad_default_allocator());
    dy_buf_puts(&q, head);
    dy_buf_puts(&q, " FROM (SELECT e.* FROM events e");
    if (w.sql.n) dy_buf_put(&q, w.sql.p, w.sql.n);
    dy_buf_printf(&q, " ORDER BY e.day DESC, e.id DESC LIMIT %ld OFFSET %ld) e ", f->limit > 0 ? f->limit : -1L,
                  f->offset);
    dy_buf_puts(&q, tail);
    if (q.err || w.sql.err) {
        st = dy_err(err, DYAD_ENOMEM, "out of memory");
    } else if (sqlite3_prepare_v2(s->db, dy_buf_cstr(&q), -1, out, NULL) != SQLITE_OK) {
        st = db_err(s, err, "query");
    } else {
        for (int i = 0; i < w.nparam; i++) sqlite3_bind_text(*out, i + 1, w.param[i], -1, SQLITE_TRANSIENT);
    }
    dy_buf_free(&q);
    dy_buf_free(&w.sql);
    return st;
}

dyad_status dy_store_query(dy_store *s, const dy_filter *f, dy_event_fn fn, void *ud,
                           dyad_error *err) {
    /* The representative record: the first mention, or the first with the
     * status asked for. */
    char head[1536], in[128];
    bool by_status = status_in(f, "m", in, sizeof in);
    /* With a status filter, "mentions" and "sources" are the reports with
     * one of those statuses (as the network counts them). */
    snprintf(head, sizeof head,
             "SELECT e.id, %s%s%s, "
             "(SELECT m.record FROM mentions m WHERE m.event = e.id %s%s ORDER BY m.id LIMIT 1), "
             "(SELECT json_group_array(doc_id) FROM (SELECT DISTINCT coalesce(d.doc_id, d.key) AS doc_id "
             "FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.event = e.id %s%s ORDER BY m.id))",
             by_status ? "(SELECT count(*) FROM mentions m WHERE m.event = e.id AND " : "e.mentions",
             by_status ? in : "", by_status ? ")" : "", by_status ? "AND " : "", by_status ? in : "",
             by_status ? "AND " : "", by_status ? in : "");
    sqlite3_stmt *st = NULL;
    dyad_status ret = prepare_filtered(s, f, head, "ORDER BY e.day DESC, e.id DESC", &st, err);
    if (ret != DYAD_OK) return ret;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *rec = (const char *)sqlite3_column_text(st, 2);
        const char *srcs = (const char *)sqlite3_column_text(st, 3);
        json_t *j = rec ? json_loads(rec, 0, NULL) : NULL;
        if (!json_is_object(j)) {
            json_decref(j);
            continue;  /* cannot happen: records are checked on the way in */
        }
        json_object_set_new(j, "mentions", json_integer(sqlite3_column_int64(st, 1)));
        json_t *sj = srcs ? json_loads(srcs, 0, NULL) : NULL;
        json_object_set_new(j, "sources", sj ? sj : json_array());
        int stop = fn(j, ud);
        json_decref(j);
        if (stop) break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) ret = db_err(s, err, "query");
    sqlite3_finalize(st);
    return ret;
}

dyad_status dy_store_stats(dy_store *s, const dy_filter *f, const char *by, dy_stats_fn fn,
                           void *ud, dyad_error *err) {
    const char *period;
    if (!by || !strcmp(by, "month")) period = "substr(e.day, 1, 7)";
    else if (!strcmp(by, "year")) period = "substr(e.day, 1, 4)";
    else if (!strcmp(by, "week")) period = "strftime('%Y-W%W', e.day)";
    else if (!strcmp(by, "day")) period = "e.day";
    else return dy_err(err, DYAD_EINVAL, "by: '%s' is not year, month, week or day", by);
    /* With a status filter, mentions are the reports with those statuses. */
    char head[1024], in[128], mentions[256] = "e.mentions";
    if (status_in(f, "mm", in, sizeof in))
        snprintf(mentions, sizeof mentions, "(SELECT count(*) FROM mentions mm WHERE mm.event = e.id AND %s)", in);
    snprintf(head, sizeof head,
             "SELECT coalesce(%s, ''), e.source_code, coalesce(e.target_code, ''), count(*), sum(%s), "
             "sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3), sum(e.quad_class = 4), "
             "total(e.goldstein)",
             period, mentions);
    sqlite3_stmt *st = NULL;
    dyad_status ret = prepare_filtered(s, f, head, "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", &st, err);
    if (ret != DYAD_OK) return ret;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        dy_stats_row r;
        r.period = (const char *)sqlite3_column_text(st, 0);
        r.source = (const char *)sqlite3_column_text(st, 1);
        r.target = (const char *)sqlite3_column_text(st, 2);
        r.events = (long)sqlite3_column_int64(st, 3);
        r.mentions = (long)sqlite3_column_int64(st, 4);
        for (int q = 0; q < 4; q++) r.quad[q] = (long)sqlite3_column_int64(st, 5 + q);
        r.goldstein = sqlite3_column_double(st, 9);
        if (fn(&r, ud)) break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) ret = db_err(s, err, "stats");
    sqlite3_finalize(st);
    return ret;
}

dyad_status dy_store_dyads(dy_store *s, const dy_filter *f, dy_dyad_fn fn, void *ud,
                           dyad_error *err) {
    /* With a status filter, an event's mentions are the reports with one of
     * those statuses. */
    char head[1024], in[128], mentions[256] = "e.mentions";
    if (status_in(f, "mm", in, sizeof in))
        snprintf(mentions, sizeof mentions, "(SELECT count(*) FROM mentions mm WHERE mm.event = e.id AND %s)", in);
    snprintf(head, sizeof head,
             "SELECT e.source_code, sa.name, sa.country, sa.role, e.target_code, ta.name, ta.country, ta.role, "
             "count(*), sum(%s), sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3), "
             "sum(e.quad_class = 4), total(e.goldstein)",
             mentions);
    sqlite3_stmt *st = NULL;
    dyad_status ret = prepare_filtered(s, f, head,
                                       "LEFT JOIN actors sa ON sa.id = e.source_actor "
                                       "LEFT JOIN actors ta ON ta.id = e.target_actor "
                                       "WHERE e.target_code IS NOT NULL "
                                       "GROUP BY e.source_code, e.target_code ORDER BY 1, 5",
                                       &st, err);
    if (ret != DYAD_OK) return ret;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        dy_dyad_row r;
        r.source = (const char *)sqlite3_column_text(st, 0);
        r.source_name = (const char *)sqlite3_column_text(st, 1);
        r.source_country = (const char *)sqlite3_column_text(st, 2);
        r.source_role = (const char *)sqlite3_column_text(st, 3);
        r.target = (const char *)sqlite3_column_text(st, 4);
        r.target_name = (const char *)sqlite3_column_text(st, 5);
        r.target_country = (const char *)sqlite3_column_text(st, 6);
        r.target_role = (const char *)sqlite3_column_text(st, 7);
        r.events = (long)sqlite3_column_int64(st, 8);
        r.mentions = (long)sqlite3_column_int64(st, 9);
        for (int q = 0; q < 4; q++) r.quad[q] = (long)sqlite3_column_int64(st, 10 + q);
        r.goldstein = sqlite3_column_double(st, 14);
        if (fn(&r, ud)) break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) ret = db_err(s, err, "network");
    sqlite3_finalize(st);
    return ret;
}

dyad_status dy_store_counts_get(dy_store *s, dy_store_counts *c, dyad_error *err) {
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences), "
                      "(SELECT count(*) FROM events), (SELECT count(*) FROM mentions), "
                      "(SELECT count(*) FROM actors)";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return db_err(s, err, "counts");
    dyad_status ret = DYAD_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        c->documents = (long)sqlite3_column_int64(st, 0);
        c->sentences = (long)sqlite3_column_int64(st, 1);
        c->events = (long)sqlite3_column_int64(st, 2);
        c->mentions = (long)sqlite3_column_int64(st, 3);
        c->actors = (long)sqlite3_column_int64(st, 4);
    } else {
        ret = db_err(s, err, "counts");
    }
    sqlite3_finalize(st);
    return ret;
}
