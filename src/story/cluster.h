/*
 * cluster.h - near-duplicate lookup and incremental story clustering, in
 * memory.  The store (src/store/stories.c) feeds them what it has kept
 * and saves what they decide.
 *
 * Near-duplicates: MinHash signatures cut into bands (locality-sensitive
 * hashing); an article meets only the earlier articles that share a band
 * with it, so the cost grows with the corpus, not with its square.
 *
 * Stories: single-pass clustering in order of publication.  Each story
 * keeps the sum of its articles' vectors (its centroid, cut to its
 * strongest terms).  A new article is compared with the stories that
 * share its strongest terms and are active near its date; it joins the
 * most similar one when the cosine with the centroid, discounted by the
 * gap in days, reaches the threshold and its mean similarity to the
 * story's articles reaches a second one (so that a broad story does not
 * draw in every article on its topic); otherwise it starts a story of its
 * own.
 */
#ifndef MARSAD_STORY_CLUSTER_H
#define MARSAD_STORY_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "story/features.h"

/* ------------------------------------------------------ near-duplicates */

typedef struct mh_index mh_index;

mh_index *mh_new(void);
void mh_free(mh_index *ix);
/* Adds an article's signature.  Returns 0, or -1 when out of memory. */
int mh_add(mh_index *ix, int64_t article, const uint32_t *sig);
/*
 * The earlier article most similar to sig among those sharing a band with
 * it, when its estimated Jaccard similarity reaches min_sim: returns its
 * id and sets *sim; returns 0 when none.
 */
int64_t mh_best(const mh_index *ix, const uint32_t *sig, double min_sim,
                double *sim);

/* ------------------------------------------------------------- stories */

typedef struct mv_story {
    int64_t id;         /* the store's id; 0 until stored */
    double first, last; /* days since 1970-01-01 (UTC); NAN when undated */
    mv_term *c;         /* centroid: sum of member vectors, by term */
    size_t nc, capc;
    double norm;        /* length of the centroid */
    int64_t n;          /* articles */
    int touched;        /* changed since loaded */
} mv_story;

typedef struct mv_params {
    double threshold;   /* least cosine with the centroid to join a story */
    double link;        /* and least mean similarity to its articles */
    double window;      /* days a story stays open after its last article */
    double decay;       /* days over which the similarity halves past one
                           day's gap */
    size_t centroid;    /* terms kept in a centroid */
} mv_params;

void mv_params_default(mv_params *p);

typedef struct mv_clusterer mv_clusterer;

mv_clusterer *mv_clusterer_new(const mv_params *p);
void mv_clusterer_free(mv_clusterer *cl);

/* Adds a stored story (its centroid as saved).  Stories must be added in
 * order of their last date.  Returns its index, or -1. */
long mv_add_story(mv_clusterer *cl, int64_t id, double first, double last,
                  int64_t n, const mv_term *c, size_t nc);

/*
 * Places an article with vector v (unit length, by term) dated `day`
 * (NAN when unknown).  Returns the index of the story it joined, or of a
 * new story, and sets *sim to the similarity that decided (0 for a new
 * story); -1 when out of memory.
 */
long mv_assign(mv_clusterer *cl, const mv_term *v, size_t nv, double day,
               double *sim);

/* Adds an article to story `s` whatever its similarity (a near-duplicate
 * of one of its articles).  Returns 0 or -1. */
int mv_join(mv_clusterer *cl, long s, const mv_term *v, size_t nv,
            double day);

size_t mv_count(const mv_clusterer *cl);
mv_story *mv_story_at(mv_clusterer *cl, size_t i);

/* Days since 1970-01-01 of an ISO 8601 date or date-time (the time and
 * an offset, when given, are taken into account); NAN when s is none. */
double mv_days(const char *s);
/* The ISO date (YYYY-MM-DD) of a day number into out[11]; "" for NAN. */
char *mv_iso(double day, char *out);

#endif
