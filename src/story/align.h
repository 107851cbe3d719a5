/*
 * align.h - what the articles of one story say, lined up across outlets.
 *
 * Input: the articles of a story (body text, outlet, near-duplicate
 * group), the entity mentions and the facts found in them.  Output:
 *
 * - claims: numbers that count the same thing (troops sent, people
 *   detained, length of a border) and dates of the same event (when an
 *   organization was founded), each with the values the outlets give and
 *   a status: corroborated (one value, from two or more independent
 *   outlets), contested (outlets give values that cannot all be true), or
 *   single-source.  Articles of one near-duplicate group, or of one named
 *   outlet, are one source; one source never contests itself (an article
 *   that gives two values speaks of two things).
 * - a timeline: dated events (the date, the clause it governs, the
 *   entities in that clause), ordered by date, the same event told by
 *   several outlets given once with all of them.
 *
 * Nothing here touches the database; the caller reads the story and owns
 * every input buffer until ma_result_free.  src/story/align.c says how
 * facts are matched.
 */
#ifndef MARSAD_STORY_ALIGN_H
#define MARSAD_STORY_ALIGN_H

#include <stddef.h>
#include <stdint.h>

#include "marsad.h"

typedef struct ma_article {
    int64_t id;         /* article id in the store */
    const char *source; /* outlet, "" or NULL when unknown */
    int64_t group;      /* independence group: the id of the article it is
                           a near-duplicate of, else its own id */
    const char *text;   /* body text (facts and mentions point into it) */
    size_t len;
    int year, month, day; /* its date, 0 when unknown */
} ma_article;

typedef struct ma_mention {
    size_t article;     /* index into ma_input.articles */
    size_t start, end;  /* byte offsets into that article's text */
    int type;           /* a marsad_entity_type */
    int64_t entity;     /* canonical entity id, 0 when none */
    const char *name;   /* the entity's canonical name (or the surface) */
} ma_mention;

typedef struct ma_fact {
    size_t article;     /* index into ma_input.articles */
    marsad_fact f;      /* kind, offsets into the article's text, values;
                           f.speaker is not used */
    int64_t speaker;    /* a quote's speaker entity, 0 when none */
} ma_fact;

typedef struct ma_input {
    const ma_article *articles;
    size_t narticles;
    const ma_mention *mentions; /* in any order; those pointing outside
                                   their article are ignored */
    size_t nmentions;
    const ma_fact *facts;       /* likewise; quotes are not used */
    size_t nfacts;
} ma_input;

enum ma_status { MA_CORROBORATED = 1, MA_CONTESTED, MA_SINGLE };

/* One value of a claim, with the facts that give it. */
typedef struct ma_value {
    int kind;               /* MARSAD_FACT_NUMBER or MARSAD_FACT_DATE */
    double value, value_max;/* numbers: as in marsad_fact */
    int bound;              /* numbers: a marsad_bound */
    unsigned flags;         /* the marsad_fact flags of facts[0] */
    char iso[16];           /* dates: marsad_fact_iso of the value */
    int granularity;        /* dates */
    size_t *facts;          /* indexes into ma_input.facts: the most
                               precise first (exact before approximate,
                               range, bound, vague; a day before a year),
                               whose value this is, then the others */
    size_t nfacts;
    size_t nsources;        /* independent sources behind this value */
} ma_value;

typedef struct ma_claim {
    int kind;               /* MARSAD_FACT_NUMBER or MARSAD_FACT_DATE */
    int status;             /* an ma_status */
    char *subject;          /* what is counted or dated, in words of the
                               articles (e.g. "جندي", "تأسيس منظمة معاهدة
                               الأمن الجماعي"); UTF-8, owned */
    ma_value *values;       /* most sources first */
    size_t nvalues;
    size_t nsources;        /* independent sources over all values */
    double weight;          /* for ordering: higher is more notable (10 a
                               source, 8 more when contested, 1 an
                               article) */
} ma_claim;

typedef struct ma_event {
    int year, month, day, granularity; /* the date */
    char iso[16];
    char *clause;           /* the clause the date governs (at most 25
                               words), from the article of facts[0];
                               UTF-8, owned */
    size_t *facts;          /* the date facts telling it, all outlets, in
                               input order */
    size_t nfacts;
    int64_t *entities;      /* non-zero entity ids of the mentions in the
                               clauses, distinct, those of facts[0] first */
    size_t nentities;
    size_t nsources;        /* independent sources */
} ma_event;

typedef struct ma_result {
    ma_claim *claims;       /* most notable first */
    size_t nclaims;
    ma_event *events;       /* in date order */
    size_t nevents;
} ma_result;

/* Lines up the facts of one story.  Returns 0 (in == NULL is an empty
 * story), or -1 when out of memory or res is NULL (res is then empty).
 * ma_result_free releases res in every case. */
int ma_align(const ma_input *in, ma_result *res);
void ma_result_free(ma_result *res);

const char *ma_status_name(int status); /* "corroborated", ... */

#endif
