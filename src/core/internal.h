/*
 * internal.h - declarations shared between the files of src/core.
 *
 * Nothing here is public API.  Cross-file functions use the marsadi_
 * prefix.
 *
 * The "light" normalization that segmentation, stemming and the lexicon
 * work on: harakat and Quranic marks, tatweel, bidi and zero-width controls
 * removed, presentation forms decomposed to base letters, combining hamza
 * and madda composed with their letter, Arabic-Indic digits kept as they
 * are.  Letters keep their identity: أ إ آ ا stay distinct, as do ى/ي and
 * ة/ه, because those letters tell clitics from stems (the ة of مدرسة is not
 * the pronoun ه).  Each function folds further itself where it needs to.
 */
#ifndef MARSAD_INTERNAL_H
#define MARSAD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "marsad.h"

/* Longest word (in characters) that segmentation and stemming look at;
 * longer words are left whole and unstemmed. */
#define MARSADI_MAX_WORD 64

/*
 * A clitic segmentation of one word of n characters: n_pieces pieces,
 * the first npre of them proclitics, the last nsuf enclitics, the one in
 * between the base.  at[i] is the character index where piece i+1 starts
 * (0 < at[0] < at[1] < ... < n).
 */
typedef struct marsadi_cuts {
    uint8_t n_pieces;                  /* 1..MARSAD_MAX_SEGMENTS */
    uint8_t npre;                      /* proclitic pieces in front */
    uint8_t nsuf;                      /* enclitic pieces at the end */
    uint8_t at[MARSAD_MAX_SEGMENTS];   /* piece boundaries, see above */
} marsadi_cuts;

/*
 * Splits the light-normalized Arabic word w[0..n) (code points, only
 * Arabic letters, 1 <= n <= MARSADI_MAX_WORD) into clitics and base in
 * the convention of the UD Arabic treebanks.  Always fills *out (a word
 * left whole has n_pieces 1).
 */
void marsadi_segment(const uint32_t *w, size_t n, marsadi_cuts *out);

/*
 * Light stem of the base of w[0..n) given its segmentation: the stem is
 * w[*start .. *start + *len), a substring of the base (definite article
 * and inflectional suffixes removed when the lexicon supports it).
 * *len >= 1 for n >= 1.
 */
void marsadi_stem(const uint32_t *w, size_t n, const marsadi_cuts *cuts,
                  size_t *start, size_t *len);

/* Non-zero if the base piece w[0..n) is an Arabic function word. */
int marsadi_is_stopword(const uint32_t *w, size_t n);

/*
 * How often the word form w[0..n) (light-normalized code points) occurs
 * in the reference news corpus the lexicon was built from; 0 if unknown.
 */
uint32_t marsadi_lex_freq(const uint32_t *w, size_t n);

/*
 * The allocator a handle uses: *in, or the C library's when in is NULL.
 * Returns 0 when *in lacks malloc or free.
 */
int marsadi_allocator(const marsad_allocator *in, marsad_allocator *out);

/* Character classes of the tokenizer (normalize.c owns the tables). */
enum {
    MARSADI_C_SPACE = 0, /* white space and separators */
    MARSADI_C_ARLETTER,  /* Arabic letter */
    MARSADI_C_ARMARK,    /* Arabic mark or tatweel: part of a word */
    MARSADI_C_LETTER,    /* other letter (Latin, ...) */
    MARSADI_C_DIGIT,     /* any decimal digit */
    MARSADI_C_PUNCT,     /* punctuation */
    MARSADI_C_SYMBOL,    /* other visible character */
    MARSADI_C_IGNORE,    /* invisible format control: joins nothing */
    MARSADI_C_BAD        /* invalid UTF-8 (U+FFFD): a separator */
};


/* Folds of the light normalization described at the top of this file. */
#define MARSADI_LIGHT                                                    \
    (MARSAD_FOLD_MARKS | MARSAD_FOLD_TATWEEL | MARSAD_FOLD_CONTROLS |    \
     MARSAD_FOLD_COMPAT)
/* Folds that turn light-normalized letters into search-normalized ones. */
#define MARSADI_LETTER_FOLDS                                             \
    (MARSAD_FOLD_ALEF | MARSAD_FOLD_YEH | MARSAD_FOLD_TEH_MARBUTA)

/* Fold kinds of the Arabic block table (tools/tables/normalize.py). */
enum {
    MARSADI_FK_NONE = 0,
    MARSADI_FK_MARKS,
    MARSADI_FK_TATWEEL,
    MARSADI_FK_CONTROLS,
    MARSADI_FK_ALEF,
    MARSADI_FK_YEH,
    MARSADI_FK_TEHM,
    MARSADI_FK_HAMZA,
    MARSADI_FK_DIGITS,
    MARSADI_FK_COMPAT
};

/* Generated tables (src/core/tables/normalize.inc). */
extern const uint8_t marsadi_ar_class[256];   /* class of U+0600 + i */
extern const uint8_t marsadi_ar_fold[256];    /* MARSADI_FK_* of U+0600 + i */
extern const uint16_t marsadi_ar_target[256]; /* what it folds to */
extern const uint8_t marsadi_ascii_class[128];

/* Most code points one character can fold into (U+FDFA). */
#define MARSADI_FOLD_MAX 32

/* Class (MARSADI_C_*) of any code point. */
int marsadi_class(uint32_t cp);

/*
 * Folds one code point with `flags` into out[] (room for MARSADI_FOLD_MAX)
 * and returns how many code points it became (0: removed).  The output
 * is final: folding it again with the same flags changes nothing.
 */
size_t marsadi_fold_char(uint32_t cp, unsigned flags, uint32_t *out);

/* The precomposed letter for base + combining hamza/madda, or 0. */
uint32_t marsadi_compose(uint32_t base, uint32_t mark);

/* Maps a MARSAD_FOLD_* bit to the fold kind it enables in the table. */
unsigned marsadi_fold_flag(unsigned kind);

#endif /* MARSAD_INTERNAL_H */
