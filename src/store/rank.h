/*
 * rank.h - the ranking index: BM25 top-k without touching every match.
 *
 * FTS5 ranks by calling its bm25() for every matching row, which costs a
 * few microseconds a row: tens of milliseconds for words found in tens of
 * thousands of articles.  marsad keeps, beside the FTS5 index, a compact
 * impact index: for each term, the articles that hold it with one byte of
 * quantized BM25 term weight (tf and length normalization folded in), in
 * table rank_postings(term, seg, data).  A query adds up idf x impact per
 * article in a dense accumulator and keeps the best k; FTS5 is still the
 * judge of which articles match when the query has phrases, prefixes,
 * NOT or grouping.
 */
#ifndef MARSAD_RANK_H
#define MARSAD_RANK_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "store/fts5_marsad.h"

typedef struct mr_index mr_index;

/* SQL of the ranking tables (part of the store's schema). */
extern const char mr_schema_sql[];

mr_index *mr_new(void);
void mr_free(mr_index *x);
/* The sink to register with the tokenizer (mt_register). */
mt_sink *mr_sink(mr_index *x);

/* Collect the terms of the document about to be inserted into FTS5 ... */
void mr_doc_begin(mr_index *x, int64_t docid);
/* ... and turn them into impacts.  Returns -1 when out of memory. */
int mr_doc_end(mr_index *x);

/* Collect the terms FTS5 tokenizes for a 'delete' of docid's old
 * version, then drop docid from their postings (stored and pending). */
void mr_remove_begin(mr_index *x);
int mr_remove_end(mr_index *x, sqlite3 *db, int64_t docid);

/* Write the pending postings as one new segment, inside the caller's
 * transaction.  Returns an SQLite result code. */
int mr_flush(mr_index *x, sqlite3 *db);
/* Merge every term's segments into one row, rewriting the table in term
 * order (inside the caller's transaction). */
int mr_compact(sqlite3 *db);
/* Forget pending postings (after a rollback). */
void mr_discard(mr_index *x);

/* ------------------------------------------------------------ search */

enum { MR_AND = 1, MR_OR = 2 };

typedef struct mr_word {
    const char *term; /* index term (mt_term) */
    size_t n;
    int prefix;       /* every term starting with it */
} mr_word;

typedef struct mr_hit {
    int64_t id;
    double score;
} mr_hit;

/* Keeps an article (nonzero) or not, for filters. */
typedef int (*mr_filter_fn)(void *ud, int64_t id);

/*
 * The k best articles for the words.  mode MR_AND keeps articles holding
 * every word, MR_OR any word; when cand is not NULL only the ncand
 * articles listed there are eligible (the mode then only weighs).
 * filter may be NULL.  Results in out[0..*nout), best first.  Returns an
 * SQLite result code.
 */
int mr_search(sqlite3 *db, const mr_word *w, size_t nw, int mode,
              const int64_t *cand, size_t ncand, mr_filter_fn filter,
              void *fud, size_t k, mr_hit *out, size_t *nout);

#endif
