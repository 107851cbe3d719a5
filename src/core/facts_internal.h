/*
 * facts_internal.h - the token view shared by the fact finders.
 *
 * facts.c analyzes a document once into an mf_doc: every token with its
 * offsets, sentence, search-normalized form (digits folded to ASCII,
 * أ/إ/آ → ا, ى → ي, ة → ه, no harakat or tatweel), and the base word
 * without its clitics.  numbers.c, dates.c and quotes.c each walk that
 * array and report what they find through an mf_sink; facts.c then
 * settles overlaps (a number inside a date is not a number) and calls
 * the user's callback in order.
 */
#ifndef MARSAD_FACTS_INTERNAL_H
#define MARSAD_FACTS_INTERNAL_H

#include <stddef.h>

#include "marsad.h"

/* Proclitic letters of a token, as bits of mf_tok.pro. */
enum {
    MF_PRO_W = 1 << 0, /* و */
    MF_PRO_F = 1 << 1, /* ف */
    MF_PRO_B = 1 << 2, /* ب */
    MF_PRO_K = 1 << 3, /* ك */
    MF_PRO_L = 1 << 4, /* ل (also the ل of لل) */
    MF_PRO_S = 1 << 5  /* س */
};

typedef struct mf_tok {
    size_t start, end;           /* the token in the text */
    size_t base_start, base_end; /* its base, without proclitics or
                                    enclitics */
    int type;                    /* a marsad_token_type */
    unsigned flags;              /* MARSAD_TOKEN_* */
    size_t sentence;             /* from 0 in each document */
    unsigned pro;                /* MF_PRO_* bits */
    int enclitic;                /* non-zero if it has an enclitic */
    int space_before;            /* white space before it (or text start) */
    int newline_before;          /* a line break before it (or start) */
    /* search-normalized forms, NUL-terminated, owned by the doc */
    const char *norm;            /* the whole token */
    size_t nnorm;
    const char *base;            /* the base */
    size_t nbase;
} mf_tok;

typedef struct mf_doc {
    const char *text; /* the caller's text */
    size_t len;
    const mf_tok *tok;
    size_t n;
    int year, month, day;         /* document date, 0 when unknown */
    const marsad_entity *ents;    /* entity mentions, in order */
    size_t nents;
} mf_doc;

/*
 * Where finders report facts.  put copies *f; it returns 0 or
 * MARSAD_ENOMEM.  Facts may be put in any order.
 */
typedef struct mf_sink {
    int (*put)(struct mf_sink *s, const marsad_fact *f);
} mf_sink;

/* Token i's base equals the NUL-terminated normalized word w. */
int mf_base_is(const mf_tok *t, const char *w);
/* Token i's whole normalized form equals w. */
int mf_norm_is(const mf_tok *t, const char *w);
/* Index of w in the NULL-terminated list, matched against the base of t;
 * -1 if none. */
int mf_base_in(const mf_tok *t, const char *const *list);

/* The finders.  Each returns 0 or MARSAD_ENOMEM from the sink. */
int mf_numbers(const mf_doc *d, mf_sink *out);
int mf_dates(const mf_doc *d, mf_sink *out);
int mf_quotes(const mf_doc *d, mf_sink *out);

/*
 * Number parsing shared with the date finder: reads a number written in
 * digits or in words starting at token i; on success returns the number
 * of tokens it spans (>= 1) and sets *value and *flags (MARSAD_NUM_WORDS,
 * MARSAD_NUM_ORDINAL, ...); 0 if no number starts there.
 */
size_t mf_read_number(const mf_doc *d, size_t i, double *value,
                      unsigned *flags);

/*
 * The names of the months of the Gregorian year, in the three sets of
 * names the press uses (يناير، كانون الثاني، جانفي), one word each and
 * search-normalized: at most cap of them into out; returns how many.
 * The entity recognizer keeps them out of names in dates (ner.c).
 */
size_t mf_month_names(const char **out, size_t cap);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long mf_days_from_civil(int y, int m, int d);
void mf_civil_from_days(long z, int *y, int *m, int *d);

#endif
