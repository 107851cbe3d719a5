/*
 * stories.h - the story pass: near-duplicates and stories of the stored
 * articles, kept up to date batch by batch.
 */
#ifndef MARSAD_STORE_STORIES_H
#define MARSAD_STORE_STORIES_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "story/cluster.h"

typedef struct mt_options {
    mv_params cluster;  /* story clustering */
    double dup_sim;     /* least estimated Jaccard of a near-duplicate */
    const char *df_path;/* background document frequencies (TSV), or NULL */
} mt_options;

void mt_options_default(mt_options *o);

typedef struct mt_stats {
    int64_t articles;       /* articles read */
    int64_t near_dups;      /* of them, near-duplicates of earlier ones */
    int64_t new_stories;    /* stories started */
    int64_t joined;         /* articles that joined an existing story */
    int64_t loaded;         /* open stories loaded from the store */
    double secs;
} mt_stats;

/*
 * Places every article not placed yet: finds whether it is a near-copy of
 * an earlier article, and puts it in a story, in order of publication.
 * Stories still open near the new articles' dates are loaded from the
 * store; the rest stay untouched.  One transaction: a kill leaves the
 * last pass's state and the next ingest does the work again.  progress:
 * a count on stderr.  Returns 0, or -1 with a message in err.
 */
int mt_update(md_db *db, const mt_options *opt, int progress, mt_stats *st,
              char *err, size_t errcap);

/* Forgets every story and near-duplicate link (in the caller's
 * transaction), so that the next mt_update places all articles again. */
int mt_reset(md_db *db);

/* Reads a background document-frequency table ("# documents N" then
 * "term<TAB>df" lines).  Returns 0, or -1 with a message naming the file
 * and line. */
typedef struct mt_df mt_df;
int mt_df_load(const char *path, mt_df **out, char *err, size_t errcap);
void mt_df_free(mt_df *df);

/* Packing of term vectors into BLOBs (little-endian term, float bits). */
size_t mt_vec_pack(const mv_term *v, size_t n, unsigned char *out);
size_t mt_vec_unpack(const void *blob, size_t bytes, mv_term *out,
                     size_t max);

#endif
