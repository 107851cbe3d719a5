/*
 * features.h - what an article looks like to near-duplicate detection and
 * story clustering.
 *
 * Two views of one article, from one walk of the analyzer:
 *
 * - a MinHash signature of its word 4-shingles (normalized words, so
 *   spelling variants of the same copy still match), computed with one
 *   permutation and densified, so that the share of equal slots of two
 *   signatures estimates the Jaccard similarity of their shingle sets;
 * - its terms with weighted counts: light stems of content words (stop
 *   words and one-letter stems left out), Latin words in lower case, and
 *   the canonical names of the entities it mentions ("@" + name).  Words
 *   of the title count three times and words of the lead twice.
 *
 * Terms are 32-bit hashes of their text.  mv_vector turns counts into a
 * unit-length TF-IDF vector of the strongest terms.
 */
#ifndef MARSAD_STORY_FEATURES_H
#define MARSAD_STORY_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#define MV_SLOTS 64      /* MinHash slots */
#define MV_VECTOR_MAX 64 /* terms kept in an article vector */

typedef struct mv_term {
    uint32_t term;
    float w;
} mv_term;

typedef struct mv_doc {
    uint32_t minhash[MV_SLOTS];
    size_t shingles;  /* distinct shingles seen (0: signature empty) */
    mv_term *terms;   /* distinct terms with weighted counts, by term */
    size_t nterms;
    size_t words;     /* content words read */
} mv_doc;

typedef struct mv_extractor mv_extractor;

mv_extractor *mv_extractor_new(void);
void mv_extractor_free(mv_extractor *ex);

/* Called once per distinct term of a document, with its text. */
typedef void (*mv_term_fn)(void *ud, uint32_t term, const char *s, size_t n);

/*
 * Reads one article: its title (may be NULL), body, and the canonical
 * names of the entities mentioned in it (one per mention; may repeat).
 * doc->terms points into the extractor and stays valid until the next
 * call.  fn, when not NULL, receives each distinct term's text.
 * Returns 0, or -1 when out of memory.
 */
int mv_extract(mv_extractor *ex, const char *title, size_t tlen,
               const char *text, size_t len, const char *const *names,
               const size_t *name_lens, size_t nnames, mv_doc *doc,
               mv_term_fn fn, void *ud);

/* The term of a text (as mv_extract names it: a stem, or "@" + name). */
uint32_t mv_term_of(const char *s, size_t n);

/* Estimated Jaccard similarity of two signatures, in [0, 1]. */
double mv_minhash_sim(const uint32_t *a, const uint32_t *b);

/*
 * Inverse document frequency of a term found in df of n documents.
 */
double mv_idf(double df, double n);

/*
 * The weighted vector of a document: (1 + ln count) * idf(term) for each
 * term, the `max` strongest kept, scaled to unit length and sorted by
 * term.  idf(ud, term) gives each term's weight.  Returns the number of
 * entries written to out (room for max).
 */
size_t mv_vector(const mv_doc *doc, double (*idf)(void *ud, uint32_t term),
                 void *ud, mv_term *out, size_t max);

/* qsort orders of vector entries: by term; by weight, strongest first
 * (ties by term). */
int mv_term_cmp(const void *a, const void *b);
int mv_weight_cmp(const void *a, const void *b);

/* Dot product of two vectors sorted by term. */
double mv_dot(const mv_term *a, size_t na, const mv_term *b, size_t nb);

#endif
