/*
 * store.h - the SQLite article store (schema in docs/store.md).
 *
 * One database file holds the articles, their full-text index (FTS5 with
 * the marsad tokenizer, external content over the articles table), the
 * files read and the ingestion runs.  The file is opened in WAL mode, so
 * searches read a consistent snapshot while an ingest writes.
 */
#ifndef MARSAD_STORE_H
#define MARSAD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "clean/clean.h"

typedef struct md_db md_db;

#define MD_SCHEMA_VERSION 4

/* Open (and create or upgrade when writable) the database at path.
 * Returns 0, or -1 with a message in err. */
int md_open(const char *path, int readonly, md_db **out, char *err,
            size_t errcap);
void md_close(md_db *db);
sqlite3 *md_sqlite(md_db *db);
/* Last SQLite error message of the connection. */
const char *md_errmsg(md_db *db);
/* "WHAT: <SQLite's message for db>" into err; returns -1. */
int md_fail(sqlite3 *db, char *err, size_t cap, const char *what);
/* Seconds on the monotonic clock, for timing. */
double md_now(void);

int md_begin(md_db *db);
int md_commit(md_db *db);
/*
 * The end of one article in a pass over n articles (i counts from 0):
 * commits after every `batch` articles and after the last, clearing
 * *in_txn; with progress, prints "\rLABEL: i+1/n articles, COUNT UNIT"
 * on stderr every 250 articles.  Returns 0, or -1 when the commit fails.
 */
int md_pass_step(md_db *db, size_t i, size_t n, size_t batch, int *in_txn,
                 int progress, const char *label, long long count,
                 const char *unit);
int md_rollback(md_db *db);

/* Tidy the indexes after a run that wrote articles: merge the ranking
 * index's segments and let FTS5 merge some of its own.  Own transaction. */
int md_optimize(md_db *db);

/* Ingestion runs. */
int md_run_start(md_db *db, const char *args, int64_t *run);
typedef struct md_run_stats {
    int64_t files, files_skipped, files_failed;
    int64_t records_failed;
    int64_t added, updated, unchanged, duplicates;
    int64_t bytes;
} md_run_stats;
int md_run_finish(md_db *db, int64_t run, const md_run_stats *st,
                  const char *status);

/* Files: *unchanged is set when the same path was read to its end before
 * with the same size and modification time. */
int md_file_check(md_db *db, const char *path, uint64_t size, int64_t mtime,
                  int *unchanged);
int md_file_done(md_db *db, const char *path, uint64_t size, int64_t mtime,
                 int64_t run, int64_t articles, const char *status,
                 const char *error);

/* One article to store. */
typedef struct md_article_in {
    const char *file;   /* input path */
    long part;          /* JSONL line, or index of the article in a file */
    const char *ext_id; /* id given by the input, or NULL */
    const mc_meta *meta;
    const char *text;
    size_t len;
} md_article_in;

enum { MD_ADDED = 1, MD_UPDATED, MD_UNCHANGED, MD_DUPLICATE };

/* Store an article.  Its identity is the input's id when there is one,
 * else its URL, else file and part: the same identity with new content
 * replaces the old version; content already stored under another identity
 * is a duplicate and is not stored again.  *outcome is one of MD_*. */
int md_put_article(md_db *db, const md_article_in *a, int64_t run,
                   int64_t *id, int *outcome);

/* Content hash as stored (32 hex digits of XXH3-128) into out[33]. */
void md_hash_hex(const char *text, size_t len, char out[33]);

#endif
