/*
 * facts.h - the fact pass: numbers, dates and quotes of stored articles,
 * and the date of each article.
 */
#ifndef MARSAD_STORE_FACTS_H
#define MARSAD_STORE_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "marsad.h"
#include "store/store.h"

typedef struct mq_stats {
    int64_t articles; /* articles read */
    int64_t facts;    /* facts stored */
    int64_t kinds[4]; /* by marsad_fact_kind */
    int64_t dated_meta, dated_text, undated; /* how articles got a date */
    double secs;
} mq_stats;

/*
 * Finds the facts of every article not read yet, and again those read
 * before their entities were known (so that quote speakers point at
 * mentions).  Commits every 2,000 articles: a kill loses at most the
 * batch in progress.  progress: a count on stderr.  Returns 0, or -1
 * with a message in err.
 */
int mq_update(md_db *db, int progress, mq_stats *st, char *err,
              size_t errcap);

/*
 * Reads an ISO 8601 date's leading YYYY-MM-DD (the rest, a time and zone,
 * is ignored).  Returns 0 and the parts, or -1 when s has none.
 */
int mq_parse_date(const char *s, int *y, int *m, int *d);

#endif
