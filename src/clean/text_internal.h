/*
 * text_internal.h - helpers shared by the plain-text cleaner's files:
 * character decoding and folding for comparison keys, phrase and word
 * look-ups in the boilerplate tables (text_lex.c), and the cross-page line
 * memory (text_sitemem.c).  Not part of the public API.
 */
#ifndef MARSAD_TEXT_INTERNAL_H
#define MARSAD_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "clean/clean.h"

/* ------------------------------------------------------------ characters */

/*
 * Decodes the code point at s[i..e), i < e.  Sets *w to the bytes used
 * (1..4).  An invalid or truncated sequence gives U+FFFD and *w = 1, so
 * the caller always advances.
 */
uint32_t mct_decode(const char *s, size_t i, size_t e, size_t *w);

/*
 * Comparison fold of one code point: 0 for what comparison ignores
 * (spaces, punctuation, symbols, tatweel, Arabic diacritics, format
 * controls), else the folded letter or digit (alef forms to bare alef,
 * alef maqsura and Farsi yeh to yeh, teh marbuta to heh, hamza carriers
 * to their letter, Arabic-Indic digits to ASCII, Latin to lower case).
 */
uint32_t mct_fold(uint32_t cp);

/* Is cp white space (ASCII, no-break, the U+2000 spaces, zero-width and
 * direction marks, BOM)? */
int mct_is_space(uint32_t cp);

/* Bytes of white space starting at s[i] (0 if none). */
size_t mct_space_at(const char *s, size_t i, size_t e);
/* Bytes of white space ending just before s[i], not before b (0 if none). */
size_t mct_space_before(const char *s, size_t b, size_t i);

/* Is cp a dash used as a separator (- – — ـ is not one)? */
int mct_is_dash(uint32_t cp);

/*
 * 64-bit hash of the comparison form of s[0..n): the folded letters and
 * digits only.  *nkey receives the number of code points kept.  Lines that
 * differ only in punctuation, quotes, spacing, tatweel or diacritics get
 * the same key.  Returns 0 when nothing is kept.
 */
uint64_t mct_key(const char *s, size_t n, unsigned *nkey);

/*
 * Does s[i..e) start, after skipping ignorable characters, with phrase
 * (compared in folded form, spaces ignored) followed by a word boundary?
 * On success stores in *endp the offset just past the matched text.
 */
int mct_phrase_at(const char *s, size_t i, size_t e, const char *phrase,
                  size_t *endp);

/* Index of the first entry of a NULL-terminated list that matches at
 * s[i..e) as mct_phrase_at does, or -1. */
int mct_phrase_list(const char *s, size_t i, size_t e,
                    const char *const *list, size_t *endp);

/* Is the word s[i..e) (one word) equal in folded form to an entry of the
 * NULL-terminated list? */
int mct_word_in(const char *s, size_t i, size_t e, const char *const *list);

/* ------------------------------------------------------------ word lists */

extern const char *const mct_comment_prompts[];
extern const char *const mct_related_cues[];
extern const char *const mct_ticker_cues[];
extern const char *const mct_function_words[];
extern const char *const mct_copyright_cues[];
extern const char *const mct_syndication_cues[];
extern const char *const mct_disclaimer_cues[];
extern const char *const mct_author_cues[];
extern const char *const mct_social_words[];
extern const char *const mct_social_platforms[];
extern const char *const mct_nav_words[];
extern const char *const mct_credit_cues[];
extern const char *const mct_caption_cues[];
extern const char *const mct_outlet_cues[];
extern const char *const mct_month_names[];
extern const char *const mct_date_words[];

/* Month number (1..12) of a Gregorian month name (Arabic, Levantine or
 * English), or 0. */
int mct_month_number(const char *s, size_t i, size_t e);

/* ------------------------------------------------------------ site memory */

/* Hash of the site a hint names (its source, else its URL's host), or 0
 * when it names none. */
uint64_t mct_site_hash(const mc_meta *hint);

/* Starts a new page in the memory. */
void mct_sitemem_page(mc_sitemem *m);

/*
 * Notes that line key `key` occurs on the current page of site `site` and
 * returns on how many earlier pages of that site it was seen (saturating).
 */
unsigned mct_sitemem_visit(mc_sitemem *m, uint64_t site, uint64_t key);

#endif
