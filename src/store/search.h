/*
 * search.h - running a user query against the store: matching, ranking,
 * filters.  Snippets are made by the caller (snippet.h) from the words
 * left in the parsed query.
 */
#ifndef MARSAD_SEARCH_H
#define MARSAD_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "marsad.h"
#include "store/query.h"
#include "store/rank.h"
#include "store/store.h"

typedef struct md_filter {
    const char *source; /* outlet, compared without case; NULL: any */
    const char *since;  /* ISO date prefix, inclusive; NULL: open */
    const char *until;  /* exclusive upper bound on the date; NULL: open */
    int64_t entity;     /* only articles mentioning this entity; 0: any */
} md_filter;

enum { MD_SEARCH_OK = 0, MD_SEARCH_QUERY = 1, MD_SEARCH_DB = 2 };

/*
 * Parses q, finds the matching articles and returns the k best (BM25 from
 * the ranking index) in out[0..*nout).  The parsed query is left in *mq
 * (free with mq_free in every case) for snippets.  Returns MD_SEARCH_OK,
 * MD_SEARCH_QUERY (bad query: message in err) or MD_SEARCH_DB.
 */
int md_search(md_db *db, marsad_analyzer *an, const char *q,
              const md_filter *f, size_t k, mr_hit *out, size_t *nout,
              mq_query *mq, char *err, size_t errcap);

#endif
