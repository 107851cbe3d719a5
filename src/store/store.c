/*
 * store.c - the SQLite article store.
 *
 * Schema (docs/store.md has the full description):
 *   meta(key, value)           schema version and index settings
 *   runs(...)                  one row per `marsad ingest`
 *   files(path, size, mtime, ...)   files read to their end
 *   articles(id, key, ...)     one row per article, the cleaned text and
 *                              its metadata; key is the identity (input
 *                              id, else URL, else file#part), hash the
 *                              XXH3-128 of the text
 *   articles_fts               FTS5 over articles(title, text), external
 *                              content, tokenize='marsad'
 *   mentions, entities, entity_names, ner_done
 *                              entity mentions and the merged entities
 *                              (src/entity/entities.c fills them)
 *   facts, facts_done, article_dates
 *                              numbers, dates and quotes, and the date
 *                              of each article (src/store/facts.c)
 *   article_sigs, near_dups, stories, story_articles, term_df
 *                              near-duplicates and stories
 *                              (src/store/stories.c)
 *
 * Every write happens inside the caller's transaction; WAL mode lets
 * readers go on meanwhile, and a crash leaves the last committed state.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xxhash.h>

#include "store/fts5_marsad.h"
#include "store/rank.h"
#include "store/store.h"

enum {
    S_KEY,
    S_HASH,
    S_INS,
    S_UPD,
    S_FTS_INS,
    S_FTS_DEL,
    S_FILE_GET,
    S_FILE_PUT,
    S_MENTIONS_DEL,
    S_NER_UNDO,
    S_FACTS_DEL,
    S_FACTS_UNDO,
    S_STORY_LEAVE,
    S_STORY_UNDO,
    S_SIGS_UNDO,
    S_DUPS_UNDO,
    S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
    [S_KEY] = "SELECT id, hash, title, text FROM articles WHERE key = ?1",
    [S_HASH] = "SELECT id FROM articles WHERE hash = ?1 LIMIT 1",
    [S_INS] = "INSERT INTO articles(key, ext_id, file, part, source, url, "
              "title, author, date, dateline, credit, hash, text, run, "
              "added_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
              "?11, ?12, ?13, ?14, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    [S_UPD] = "UPDATE articles SET ext_id = ?2, file = ?3, part = ?4, "
              "source = ?5, url = ?6, title = ?7, author = ?8, date = ?9, "
              "dateline = ?10, credit = ?11, hash = ?12, text = ?13, "
              "run = ?14, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
              "'now') WHERE id = ?1",
    [S_FTS_INS] = "INSERT INTO articles_fts(rowid, title, text) "
                  "VALUES(?1, ?2, ?3)",
    [S_FTS_DEL] = "INSERT INTO articles_fts(articles_fts, rowid, title, "
                  "text) VALUES('delete', ?1, ?2, ?3)",
    [S_FILE_GET] = "SELECT size, mtime, status FROM files WHERE path = ?1",
    [S_FILE_PUT] = "INSERT OR REPLACE INTO files(path, size, mtime, run, "
                   "articles, status, error, read_at) VALUES(?1, ?2, ?3, "
                   "?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    [S_MENTIONS_DEL] = "DELETE FROM mentions WHERE article = ?1",
    [S_NER_UNDO] = "DELETE FROM ner_done WHERE article = ?1",
    [S_FACTS_DEL] = "DELETE FROM facts WHERE article = ?1",
    [S_FACTS_UNDO] = "DELETE FROM facts_done WHERE article = ?1",
    [S_STORY_LEAVE] = "UPDATE stories SET articles = articles - 1 WHERE "
                      "id = (SELECT story FROM story_articles WHERE "
                      "article = ?1)",
    [S_STORY_UNDO] = "DELETE FROM story_articles WHERE article = ?1",
    [S_SIGS_UNDO] = "DELETE FROM article_sigs WHERE article = ?1",
    [S_DUPS_UNDO] = "DELETE FROM near_dups WHERE article = ?1",
};

struct md_db {
    sqlite3 *db;
    mr_index *rank;
    sqlite3_stmt *st[S_COUNT];
    int readonly;
};

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)"
    " WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS runs(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  started TEXT NOT NULL, finished TEXT, args TEXT,\n"
    "  status TEXT NOT NULL DEFAULT 'running',\n"
    "  files INTEGER, files_skipped INTEGER, files_failed INTEGER,\n"
    "  records_failed INTEGER, added INTEGER, updated INTEGER,\n"
    "  unchanged INTEGER, duplicates INTEGER, bytes INTEGER);\n"
    "CREATE TABLE IF NOT EXISTS files(\n"
    "  path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, run INTEGER,\n"
    "  articles INTEGER, status TEXT, error TEXT, read_at TEXT)"
    " WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS articles(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  key TEXT NOT NULL UNIQUE,\n"
    "  ext_id TEXT, file TEXT, part INTEGER,\n"
    "  source TEXT, url TEXT, title TEXT, author TEXT, date TEXT,\n"
    "  dateline TEXT, credit TEXT,\n"
    "  hash TEXT NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  run INTEGER, added_at TEXT, updated_at TEXT);\n"
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles(hash);\n"
    "CREATE INDEX IF NOT EXISTS articles_date ON articles(date);\n"
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(\n"
    "  title, text, content='articles', content_rowid='id',\n"
    "  tokenize='marsad');\n";

/* Entity tables (schema version 2); a version 1 store gets them when it
 * is first opened for writing, and its articles are then read for
 * entities by the next ingest. */
static const char entity_sql[] =
    "CREATE TABLE IF NOT EXISTS mentions(\n"
    "  article INTEGER NOT NULL, field INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  type INTEGER NOT NULL, surface TEXT NOT NULL, entity INTEGER,\n"
    "  PRIMARY KEY(article, field, start)) WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);\n"
    "CREATE TABLE IF NOT EXISTS entities(\n"
    "  id INTEGER PRIMARY KEY, type INTEGER NOT NULL, name TEXT NOT NULL,\n"
    "  mentions INTEGER NOT NULL, articles INTEGER NOT NULL,\n"
    "  variants TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS entity_names(\n"
    "  key TEXT NOT NULL, entity INTEGER NOT NULL, count INTEGER,\n"
    "  PRIMARY KEY(key, entity)) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS ner_done(\n"
    "  article INTEGER PRIMARY KEY, mentions INTEGER);\n";

/* Fact tables (schema version 3).  A fact's speaker is the mention that
 * starts at speaker_mention in the same article and field, so that it
 * follows the mention's entity when entities are merged again. */
static const char facts_sql[] =
    "CREATE TABLE IF NOT EXISTS facts(\n"
    "  article INTEGER NOT NULL, field INTEGER NOT NULL,\n"
    "  kind INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  flags INTEGER NOT NULL,\n"
    "  value REAL, value_max REAL, bound INTEGER,\n"
    "  unit_start INTEGER, unit_end INTEGER,\n"
    "  iso TEXT, granularity INTEGER,\n"
    "  text_start INTEGER, text_end INTEGER,\n"
    "  speaker_start INTEGER, speaker_end INTEGER, speaker_mention INTEGER,\n"
    "  medium_start INTEGER, medium_end INTEGER,\n"
    "  PRIMARY KEY(article, field, start, kind)) WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS facts_kind ON facts(kind, iso);\n"
    "CREATE TABLE IF NOT EXISTS facts_done(\n"
    "  article INTEGER PRIMARY KEY, facts INTEGER, with_entities INTEGER);\n"
    "CREATE TABLE IF NOT EXISTS article_dates(\n"
    "  article INTEGER PRIMARY KEY, date TEXT, source TEXT NOT NULL,\n"
    "  confidence REAL NOT NULL);\n";

/* Story tables (schema version 4).  article_sigs keeps what the story
 * pass computed for each article it read (MinHash signature, term
 * vector), so that a later batch is compared with it without reading the
 * old articles again; stories keep their centroid for the same reason. */
static const char stories_sql[] =
    "CREATE TABLE IF NOT EXISTS article_sigs(\n"
    "  article INTEGER PRIMARY KEY, day REAL, minhash BLOB,\n"
    "  vector BLOB NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS near_dups(\n"
    "  article INTEGER PRIMARY KEY, original INTEGER NOT NULL,\n"
    "  similarity REAL NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS near_dups_original ON near_dups(original);\n"
    "CREATE TABLE IF NOT EXISTS stories(\n"
    "  id INTEGER PRIMARY KEY, articles INTEGER NOT NULL,\n"
    "  first REAL, last REAL, label_article INTEGER,\n"
    "  centroid BLOB, updated_at TEXT);\n"
    "CREATE INDEX IF NOT EXISTS stories_last ON stories(last);\n"
    "CREATE TABLE IF NOT EXISTS story_articles(\n"
    "  article INTEGER PRIMARY KEY, story INTEGER NOT NULL,\n"
    "  similarity REAL NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS story_articles_story ON "
    "story_articles(story, article);\n"
    "CREATE TABLE IF NOT EXISTS term_df(\n"
    "  term INTEGER PRIMARY KEY, df INTEGER NOT NULL);\n";

static int set_err(char *err, size_t cap, const char *what, sqlite3 *db)
{
    if (err && cap)
        snprintf(err, cap, "%s: %s", what, db ? sqlite3_errmsg(db) : "");
    return -1;
}

sqlite3 *md_sqlite(md_db *db) { return db->db; }

int md_fail(sqlite3 *db, char *err, size_t cap, const char *what)
{
    snprintf(err, cap, "%s: %s", what, sqlite3_errmsg(db));
    return -1;
}

double md_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
const char *md_errmsg(md_db *db) { return sqlite3_errmsg(db->db); }

static int exec(md_db *db, const char *sql)
{
    return sqlite3_exec(db->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int schema_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT value FROM meta WHERE key = "
                           "'schema_version'",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int md_open(const char *path, int readonly, md_db **out, char *err,
            size_t errcap)
{
    *out = NULL;
    md_db *db = calloc(1, sizeof *db);
    if (!db)
        return set_err(err, errcap, "out of memory", NULL);
    db->readonly = readonly;
    int flags = readonly ? SQLITE_OPEN_READONLY
                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &db->db, flags, NULL) != SQLITE_OK) {
        char what[512];
        snprintf(what, sizeof what, "cannot open database %s", path);
        set_err(err, errcap, what, db->db);
        md_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db->db, 10000);
    sqlite3_extended_result_codes(db->db, 1);
    if (!readonly && !(db->rank = mr_new())) {
        set_err(err, errcap, "out of memory", NULL);
        md_close(db);
        return -1;
    }
    if (mt_register(db->db, readonly ? NULL : mr_sink(db->rank)) !=
        SQLITE_OK) {
        set_err(err, errcap, "cannot register the marsad tokenizer", db->db);
        md_close(db);
        return -1;
    }
    if (!readonly) {
        /* 16 KiB pages hold a typical article without overflow pages;
         * checkpoints every 40 MB of WAL instead of 4 MB halve the time
         * a bulk ingest spends copying pages */
        if (exec(db, "PRAGMA page_size = 16384") ||
            exec(db, "PRAGMA journal_mode = WAL") ||
            exec(db, "PRAGMA wal_autocheckpoint = 2500") ||
            exec(db, "PRAGMA synchronous = NORMAL") ||
            exec(db, "PRAGMA cache_size = -16384")) {
            char what[512];
            snprintf(what, sizeof what, "%s is not a usable database", path);
            set_err(err, errcap, what, db->db);
            md_close(db);
            return -1;
        }
        int v = schema_version(db->db);
        if (v > MD_SCHEMA_VERSION) {
            if (err)
                snprintf(err, errcap,
                         "%s has schema version %d; this marsad knows up to "
                         "%d",
                         path, v, MD_SCHEMA_VERSION);
            md_close(db);
            return -1;
        }
        if (v == 0) {
            char *msg = NULL;
            if (sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
                SQLITE_OK) {
                set_err(err, errcap, "cannot create the schema", db->db);
                md_close(db);
                return -1;
            }
            if (sqlite3_exec(db->db, schema_sql, NULL, NULL, &msg) !=
                    SQLITE_OK ||
                sqlite3_exec(db->db, mr_schema_sql, NULL, NULL, &msg) !=
                    SQLITE_OK ||
                sqlite3_exec(db->db, entity_sql, NULL, NULL, &msg) !=
                    SQLITE_OK ||
                sqlite3_exec(db->db, facts_sql, NULL, NULL, &msg) !=
                    SQLITE_OK ||
                sqlite3_exec(db->db, stories_sql, NULL, NULL, &msg) !=
                    SQLITE_OK ||
                sqlite3_exec(db->db,
                             "INSERT INTO articles_fts(articles_fts, rank) "
                             "VALUES('rank', 'bm25(2.0, 1.0)');"
                             "INSERT INTO articles_fts(articles_fts, rank) "
                             "VALUES('automerge', 8);"
                             "INSERT OR REPLACE INTO meta VALUES"
                             "('schema_version', '4'),"
                             "('tokenizer', 'marsad');",
                             NULL, NULL, &msg) != SQLITE_OK ||
                sqlite3_exec(db->db, "COMMIT", NULL, NULL, &msg) !=
                    SQLITE_OK) {
                if (err)
                    snprintf(err, errcap, "cannot create the schema in %s: %s",
                             path, msg ? msg : sqlite3_errmsg(db->db));
                sqlite3_free(msg);
                sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
                md_close(db);
                return -1;
            }
        }
        if (v >= 1 && v <= 3) {
            /* tables of later versions; the next ingest fills them */
            char *msg = NULL;
            if (sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
                    SQLITE_OK ||
                (v == 1 && sqlite3_exec(db->db, entity_sql, NULL, NULL,
                                        &msg) != SQLITE_OK) ||
                (v <= 2 && sqlite3_exec(db->db, facts_sql, NULL, NULL,
                                        &msg) != SQLITE_OK) ||
                sqlite3_exec(db->db, stories_sql, NULL, NULL, &msg) !=
                    SQLITE_OK ||
                sqlite3_exec(db->db,
                             "UPDATE meta SET value = '4' WHERE key = "
                             "'schema_version'; COMMIT",
                             NULL, NULL, &msg) != SQLITE_OK) {
                if (err)
                    snprintf(err, errcap, "cannot add the tables of schema "
                             "version 4 to %s: %s", path,
                             msg ? msg : sqlite3_errmsg(db->db));
                sqlite3_free(msg);
                sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
                md_close(db);
                return -1;
            }
        }
        for (int i = 0; i < S_COUNT; i++)
            if (sqlite3_prepare_v3(db->db, stmt_sql[i], -1,
                                   SQLITE_PREPARE_PERSISTENT, &db->st[i],
                                   NULL) != SQLITE_OK) {
                set_err(err, errcap, "cannot prepare statements", db->db);
                md_close(db);
                return -1;
            }
    } else {
        int v = schema_version(db->db);
        if (v == 0) {
            if (err)
                snprintf(err, errcap,
                         "%s is not a marsad database (run 'marsad ingest' "
                         "first)",
                         path);
            md_close(db);
            return -1;
        }
    }
    *out = db;
    return 0;
}

void md_close(md_db *db)
{
    if (!db)
        return;
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(db->st[i]);
    if (db->db && !db->readonly)
        sqlite3_exec(db->db, "PRAGMA optimize", NULL, NULL, NULL);
    sqlite3_close(db->db);
    mr_free(db->rank);
    free(db);
}

int md_begin(md_db *db) { return exec(db, "BEGIN IMMEDIATE"); }

int md_pass_step(md_db *db, size_t i, size_t n, size_t batch, int *in_txn,
                 int progress, const char *label, long long count,
                 const char *unit)
{
    if ((i + 1) % batch == 0 || i + 1 == n) {
        if (md_commit(db))
            return -1;
        *in_txn = 0;
    }
    if (progress && ((i + 1) % 250 == 0 || i + 1 == n))
        fprintf(stderr, "\r%s: %zu/%zu articles, %lld %s", label, i + 1, n,
                count, unit);
    return 0;
}
int md_commit(md_db *db)
{
    if (db->rank && mr_flush(db->rank, db->db) != SQLITE_OK)
        return -1;
    return exec(db, "COMMIT");
}

int md_rollback(md_db *db)
{
    if (db->rank)
        mr_discard(db->rank);
    return exec(db, "ROLLBACK");
}

int md_optimize(md_db *db)
{
    if (md_begin(db))
        return -1;
    if (mr_compact(db->db) != SQLITE_OK) {
        md_rollback(db);
        return -1;
    }
    return md_commit(db);
}

int md_run_start(md_db *db, const char *args, int64_t *run)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db,
                           "INSERT INTO runs(started, args) VALUES("
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, args, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    *run = sqlite3_last_insert_rowid(db->db);
    return 0;
}

int md_run_finish(md_db *db, int64_t run, const md_run_stats *s,
                  const char *status)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            db->db,
            "UPDATE runs SET finished = strftime('%Y-%m-%dT%H:%M:%SZ', "
            "'now'), status = ?2, files = ?3, files_skipped = ?4, "
            "files_failed = ?5, records_failed = ?6, added = ?7, "
            "updated = ?8, unchanged = ?9, duplicates = ?10, bytes = ?11 "
            "WHERE id = ?1",
            -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, s->files);
    sqlite3_bind_int64(st, 4, s->files_skipped);
    sqlite3_bind_int64(st, 5, s->files_failed);
    sqlite3_bind_int64(st, 6, s->records_failed);
    sqlite3_bind_int64(st, 7, s->added);
    sqlite3_bind_int64(st, 8, s->updated);
    sqlite3_bind_int64(st, 9, s->unchanged);
    sqlite3_bind_int64(st, 10, s->duplicates);
    sqlite3_bind_int64(st, 11, s->bytes);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int md_file_check(md_db *db, const char *path, uint64_t size, int64_t mtime,
                  int *unchanged)
{
    sqlite3_stmt *st = db->st[S_FILE_GET];
    *unchanged = 0;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *status = sqlite3_column_text(st, 2);
        *unchanged = (uint64_t)sqlite3_column_int64(st, 0) == size &&
                     sqlite3_column_int64(st, 1) == mtime && status &&
                     strcmp((const char *)status, "done") == 0;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int md_file_done(md_db *db, const char *path, uint64_t size, int64_t mtime,
                 int64_t run, int64_t articles, const char *status,
                 const char *error)
{
    sqlite3_stmt *st = db->st[S_FILE_PUT];
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)size);
    sqlite3_bind_int64(st, 3, mtime);
    sqlite3_bind_int64(st, 4, run);
    sqlite3_bind_int64(st, 5, articles);
    sqlite3_bind_text(st, 6, status, -1, SQLITE_STATIC);
    if (error)
        sqlite3_bind_text(st, 7, error, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 7);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

void md_hash_hex(const char *text, size_t len, char out[33])
{
    XXH128_hash_t h = XXH3_128bits(text, len);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int fts_write(md_db *db, int which, int64_t id, const char *title,
                     int ntitle, const char *text, int ntext)
{
    sqlite3_stmt *st = db->st[which];
    sqlite3_bind_int64(st, 1, id);
    /* an empty title rather than NULL: the ranking sink counts columns */
    sqlite3_bind_text(st, 2, title ? title : "", title ? ntitle : 0,
                      SQLITE_STATIC);
    sqlite3_bind_text(st, 3, text, ntext, SQLITE_STATIC);
    if (which == S_FTS_INS)
        mr_doc_begin(db->rank, id);
    else
        mr_remove_begin(db->rank);
    int rc = step_done(st);
    if (which == S_FTS_INS) {
        if (mr_doc_end(db->rank))
            rc = -1;
    } else if (mr_remove_end(db->rank, db->db, id) != SQLITE_OK)
        rc = -1;
    return rc;
}

/* The old text's mentions, facts and story place go; the next passes
 * read the new one. */
static int forget_entities(md_db *db, int64_t id)
{
    for (int k = S_MENTIONS_DEL; k < S_COUNT; k++) {
        sqlite3_stmt *st = db->st[k];
        int r;
        sqlite3_bind_int64(st, 1, id);
        r = sqlite3_step(st);
        sqlite3_reset(st);
        if (r != SQLITE_DONE)
            return -1;
    }
    return 0;
}

int md_put_article(md_db *db, const md_article_in *a, int64_t run,
                   int64_t *id, int *outcome)
{
    const mc_meta *m = a->meta;
    static const mc_meta none;
    if (!m)
        m = &none;
    char hash[33];
    md_hash_hex(a->text, a->len, hash);

    /* identity */
    size_t klen = 64 + strlen(a->file ? a->file : "") +
                  (a->ext_id ? strlen(a->ext_id) : 0) +
                  (m->url ? strlen(m->url) : 0);
    char *key = malloc(klen);
    if (!key)
        return -1;
    if (a->ext_id && *a->ext_id)
        snprintf(key, klen, "id:%s", a->ext_id);
    else if (m->url && *m->url)
        snprintf(key, klen, "url:%s", m->url);
    else
        snprintf(key, klen, "file:%s#%ld", a->file ? a->file : "", a->part);

    int rc = -1;
    int64_t old = 0;
    sqlite3_stmt *st = db->st[S_KEY];
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        old = sqlite3_column_int64(st, 0);
        const char *oh = (const char *)sqlite3_column_text(st, 1);
        if (oh && strcmp(oh, hash) == 0) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            *id = old;
            *outcome = MD_UNCHANGED;
            free(key);
            return 0;
        }
        /* remove the old version from the index while its text is at hand */
        const char *ot = (const char *)sqlite3_column_text(st, 2);
        int not = sqlite3_column_bytes(st, 2);
        const char *ox = (const char *)sqlite3_column_text(st, 3);
        int nox = sqlite3_column_bytes(st, 3);
        int frc = fts_write(db, S_FTS_DEL, old, ot, not, ox ? ox : "", nox);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (frc || forget_entities(db, old))
            goto out;
    } else {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (r != SQLITE_DONE)
            goto out;
    }

    if (!old) {
        st = db->st[S_HASH];
        sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
        r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            *id = sqlite3_column_int64(st, 0);
            *outcome = MD_DUPLICATE;
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            rc = 0;
            goto out;
        }
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (r != SQLITE_DONE)
            goto out;
    }

    st = db->st[old ? S_UPD : S_INS];
    if (old)
        sqlite3_bind_int64(st, 1, old);
    else
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    bind_opt(st, 2, a->ext_id);
    bind_opt(st, 3, a->file);
    sqlite3_bind_int64(st, 4, a->part);
    bind_opt(st, 5, m->source);
    bind_opt(st, 6, m->url);
    bind_opt(st, 7, m->title);
    bind_opt(st, 8, m->author);
    bind_opt(st, 9, m->date);
    bind_opt(st, 10, m->dateline);
    bind_opt(st, 11, m->credit);
    sqlite3_bind_text(st, 12, hash, 32, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, a->text, (int)a->len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 14, run);
    if (step_done(st))
        goto out;
    *id = old ? old : sqlite3_last_insert_rowid(db->db);
    if (fts_write(db, S_FTS_INS, *id, m->title, -1, a->text, (int)a->len))
        goto out;
    *outcome = old ? MD_UPDATED : MD_ADDED;
    rc = 0;
out:
    free(key);
    return rc;
}
