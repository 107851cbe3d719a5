/*
 * marsad.h - public API of libmarsad, the Arabic text core of marsad.
 *
 * libmarsad only computes: it reads no files, opens no sockets and runs no
 * SQL.  Text goes in as (pointer, length) pairs that need not be
 * NUL-terminated and need not be valid UTF-8.  Every span that comes out is
 * a pair of byte offsets into the caller's original input, whatever
 * normalization did to the text in between.
 *
 * Two levels of entry:
 *   - one-call helpers (marsad_normalize, marsad_utf8_*) that keep no state;
 *   - a reusable marsad_analyzer handle (new, analyze many texts, free) for
 *     throughput.  One handle per thread; handles share nothing mutable.
 *
 * Errors are reported as int: MARSAD_OK (0) or a negative MARSAD_E* code;
 * marsad_strerror() gives static text and marsad_errmsg() the detail of the
 * last error on a handle.
 */
#ifndef MARSAD_H
#define MARSAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(MARSAD_BUILDING) && defined(__GNUC__)
#define MARSAD_EXPORT __attribute__((visibility("default")))
#else
#define MARSAD_EXPORT
#endif

/* ------------------------------------------------------------ version */

#define MARSAD_VERSION_MAJOR 0
#define MARSAD_VERSION_MINOR 1
#define MARSAD_VERSION_PATCH 0
/* major * 10000 + minor * 100 + patch */
#define MARSAD_VERSION_NUMBER 100
#define MARSAD_VERSION_STRING "0.1.0"

/* The version the library was built as (MARSAD_VERSION_NUMBER there). */
MARSAD_EXPORT int marsad_version(void);
/* The same as a static string, e.g. "0.1.0". */
MARSAD_EXPORT const char *marsad_version_string(void);

/* ------------------------------------------------------------ errors */

#define MARSAD_OK 0
#define MARSAD_ENOMEM (-1)  /* an allocation failed */
#define MARSAD_EINVAL (-2)  /* an argument or option is invalid */
#define MARSAD_ETOOBIG (-3) /* an input or result exceeds a cap */
#define MARSAD_EUTF8 (-4)   /* invalid UTF-8 (strict mode only) */

/* Static English text for an error code; never NULL. */
MARSAD_EXPORT const char *marsad_strerror(int code);

/* ------------------------------------------------------------ allocator */

/*
 * Allocator hooks.  Every handle takes an optional allocator; NULL means
 * the C library's malloc/realloc/free.  The hooks get `ud` back as their
 * first argument.  realloc and free receive only pointers that came from
 * the same allocator.
 */
typedef struct marsad_allocator {
    void *(*malloc)(void *ud, size_t size);
    void *(*realloc)(void *ud, void *ptr, size_t size);
    void (*free)(void *ud, void *ptr);
    void *ud;
} marsad_allocator;

/* ------------------------------------------------------------ UTF-8 */

/* The replacement character that stands for every invalid sequence. */
#define MARSAD_REPLACEMENT_CHAR 0xFFFDu

/*
 * Decodes the code point at the start of s[0..len), len >= 1.
 * Returns the number of bytes consumed (1..4).  *cp receives the code
 * point, or U+FFFD for an invalid sequence: an overlong form, a surrogate,
 * a value above U+10FFFF, a stray continuation byte, or a sequence
 * truncated by the end of input or by a byte that cannot continue it.
 * An invalid sequence consumes its maximal valid prefix (at least one
 * byte), as the Unicode standard recommends ("substitution of maximal
 * subparts"), so decoding never loses sync for more than one character.
 * With len == 0 returns 0 and leaves *cp untouched.
 */
MARSAD_EXPORT size_t marsad_utf8_decode(const char *s, size_t len,
                                        uint32_t *cp);

/*
 * Writes the UTF-8 form of cp into out (room for 4 bytes) and returns its
 * length (1..4).  Surrogates and values above U+10FFFF are written as
 * U+FFFD.
 */
MARSAD_EXPORT size_t marsad_utf8_encode(uint32_t cp, char *out);

/*
 * Checks s[0..len).  Returns MARSAD_OK when it is valid UTF-8, else
 * MARSAD_EUTF8 and, when err_off is not NULL, the byte offset of the first
 * invalid sequence in *err_off.
 */
MARSAD_EXPORT int marsad_utf8_validate(const char *s, size_t len,
                                       size_t *err_off);

/* ------------------------------------------------------------ normalization */

/*
 * Folds, selectable one by one.  Each is a pure per-character mapping or
 * removal, applied in one pass; all folds together are idempotent:
 * normalize(normalize(x)) == normalize(x) for every flag set.  Whatever the
 * flags, invalid UTF-8 becomes U+FFFD, and an Arabic letter followed by a
 * combining hamza or madda (U+0653..U+0655) is composed into the precomposed
 * letter (ا + ٔ → أ), so the two spellings of one letter fold alike.
 */
#define MARSAD_FOLD_MARKS (1u << 0)        /* harakat U+064B..U+065F, U+0670,
                                              Quranic marks U+0610..U+061A,
                                              U+06D6..U+06ED: removed */
#define MARSAD_FOLD_TATWEEL (1u << 1)      /* U+0640 kashida: removed */
#define MARSAD_FOLD_ALEF (1u << 2)         /* أ إ آ ٱ ٲ ٳ → ا */
#define MARSAD_FOLD_YEH (1u << 3)          /* ى and Farsi ی → ي */
#define MARSAD_FOLD_TEH_MARBUTA (1u << 4)  /* ة → ه */
#define MARSAD_FOLD_HAMZA (1u << 5)        /* ؤ → و, ئ → ي (off by default) */
#define MARSAD_FOLD_DIGITS (1u << 6)       /* ٠-٩ and ۰-۹ → 0-9 */
#define MARSAD_FOLD_COMPAT (1u << 7)       /* presentation forms U+FB50..U+FDFF,
                                              U+FE70..U+FEFF → base letters;
                                              Farsi keheh ک → ك */
#define MARSAD_FOLD_CONTROLS (1u << 8)     /* ZWSP..RLM U+200B..U+200F,
                                              U+202A..U+202E, U+2066..U+2069,
                                              ALM U+061C, BOM U+FEFF, soft
                                              hyphen U+00AD: removed */
#define MARSAD_FOLD_CASE (1u << 9)         /* Latin and other cased scripts
                                              → lower case */

/* The search profile, the default: every fold except MARSAD_FOLD_HAMZA. */
#define MARSAD_PROFILE_SEARCH                                              \
    (MARSAD_FOLD_MARKS | MARSAD_FOLD_TATWEEL | MARSAD_FOLD_ALEF |          \
     MARSAD_FOLD_YEH | MARSAD_FOLD_TEH_MARBUTA | MARSAD_FOLD_DIGITS |      \
     MARSAD_FOLD_COMPAT | MARSAD_FOLD_CONTROLS | MARSAD_FOLD_CASE)
/* Display profile: only what is invisible or a rendering artefact. */
#define MARSAD_PROFILE_DISPLAY                                             \
    (MARSAD_FOLD_TATWEEL | MARSAD_FOLD_COMPAT | MARSAD_FOLD_CONTROLS)
/* Every fold, MARSAD_FOLD_HAMZA included. */
#define MARSAD_PROFILE_ALL (MARSAD_PROFILE_SEARCH | MARSAD_FOLD_HAMZA)

/*
 * Parses a comma-separated list of fold names ("marks,tatweel,alef", or a
 * profile name "search", "display", "all", "none"; "+name"/"-name" add to
 * or take from the list so far) into *flags.  Returns MARSAD_OK, or
 * MARSAD_EINVAL for an unknown name (and *flags is left untouched).
 */
MARSAD_EXPORT int marsad_fold_parse(const char *spec, unsigned *flags);

/* Name of one fold bit (e.g. "alef"), or NULL for an unknown bit. */
MARSAD_EXPORT const char *marsad_fold_name(unsigned bit);

/*
 * Normalizes s[0..len) with the folds in `flags` into out[0..cap).
 * Returns the number of bytes the whole result needs (no terminator is
 * written).  When that is more than cap, out holds the first cap bytes
 * (possibly cutting a character) and the caller may grow its buffer and
 * call again.  out may be NULL when cap is 0.  Unknown flag bits are
 * ignored here; marsad_analyzer_new rejects them.
 */
MARSAD_EXPORT size_t marsad_normalize(const char *s, size_t len,
                                      unsigned flags, char *out, size_t cap);

/* ------------------------------------------------------------ analysis */

typedef enum marsad_token_type {
    MARSAD_TOKEN_ARABIC = 1, /* a word in Arabic script */
    MARSAD_TOKEN_LATIN,      /* a word in Latin (or other) script, may hold
                                digits: "COVID", "5G" */
    MARSAD_TOKEN_NUMBER,     /* digits with , . ٬ ٫ group and decimal marks */
    MARSAD_TOKEN_PERCENT,    /* a number followed by % or ٪ */
    MARSAD_TOKEN_PUNCT,      /* punctuation: ، ؛ ؟ « » “ ” . , ( ) ... */
    MARSAD_TOKEN_SYMBOL      /* any other visible character */
} marsad_token_type;

/* Name of a token type ("arabic", "latin", ...), or "?" */
MARSAD_EXPORT const char *marsad_token_type_name(int type);

typedef enum marsad_segment_kind {
    MARSAD_SEG_PROCLITIC = 1, /* و ف ب ك ل س before the base */
    MARSAD_SEG_BASE,          /* the word itself */
    MARSAD_SEG_ENCLITIC       /* a pronoun (or the % sign) after the base */
} marsad_segment_kind;

/* Most segments one token can have: 3 proclitics, base, 2 enclitics. */
#define MARSAD_MAX_SEGMENTS 6

/* A piece of a token; offsets are into the caller's input. */
typedef struct marsad_segment {
    size_t start; /* byte offset of the first byte */
    size_t end;   /* byte offset one past the last byte */
    int kind;     /* a marsad_segment_kind */
} marsad_segment;

/* Token flags. */
#define MARSAD_TOKEN_SPLIT 1u      /* cut from a run longer than max_token */
#define MARSAD_TOKEN_STOPWORD 2u   /* the base is an Arabic function word */
#define MARSAD_TOKEN_INNER 4u      /* a dot inside a run of words, in an
                                      acronym or a site name (سي.إن.إن،
                                      العربية.نت): it ends no sentence */

/*
 * One token as the analyzer hands it to the callback.  Pointers are valid
 * only until the callback returns.  Segments tile the surface:
 * seg[0].start == start, seg[nseg-1].end == end, and each segment starts
 * where the previous one ended.
 */
typedef struct marsad_token {
    size_t start;        /* byte offset into the input */
    size_t end;          /* byte offset one past the token */
    int type;            /* a marsad_token_type */
    unsigned flags;      /* MARSAD_TOKEN_* bits */
    size_t sentence;     /* sentence number, from 0 since the last reset */
    size_t position;     /* token number, from 0 since the last reset */
    const char *norm;    /* normalized form with the handle's folds */
    size_t nnorm;        /* its length in bytes */
    const char *stem;    /* light stem of the base, search-normalized */
    size_t nstem;        /* its length in bytes (0 if stemming is off) */
    unsigned nseg;       /* number of segments, 1..MARSAD_MAX_SEGMENTS */
    marsad_segment seg[MARSAD_MAX_SEGMENTS]; /* clitics and base */
} marsad_token;

/*
 * The token callback.  A non-zero return stops the walk, and
 * marsad_analyze returns that value to its caller.
 */
typedef int (*marsad_token_fn)(void *ud, const marsad_token *tok);

/* What an analyzer computes beyond tokens and normalized forms. */
#define MARSAD_ANALYZE_SEGMENT 1u /* clitic segmentation */
#define MARSAD_ANALYZE_STEM 2u    /* light stems (implies segmentation) */
#define MARSAD_ANALYZE_ALL (MARSAD_ANALYZE_SEGMENT | MARSAD_ANALYZE_STEM)

typedef struct marsad_options {
    int version;          /* set by marsad_options_init; must stay 1 */
    unsigned folds;       /* MARSAD_FOLD_* bits for token.norm */
    unsigned analyses;    /* MARSAD_ANALYZE_* bits */
    size_t max_token;     /* longest token in bytes (>= 16); a longer run is
                             cut into pieces flagged MARSAD_TOKEN_SPLIT */
    int strict_utf8;      /* non-zero: invalid UTF-8 makes marsad_analyze
                             fail with MARSAD_EUTF8 before any callback */
} marsad_options;

/*
 * Fills *opt with the defaults: version 1, search profile folds, every
 * analysis, max_token 256, lenient UTF-8.
 */
MARSAD_EXPORT void marsad_options_init(marsad_options *opt);

typedef struct marsad_analyzer marsad_analyzer;

/*
 * Creates an analyzer.  opt may be NULL for the defaults, alloc NULL for
 * malloc.  On failure returns NULL and, when err is not NULL, stores
 * MARSAD_EINVAL (bad options: unknown bits, max_token < 16 or > 65536,
 * wrong version) or MARSAD_ENOMEM in *err.
 */
MARSAD_EXPORT marsad_analyzer *marsad_analyzer_new(const marsad_options *opt,
                                                   const marsad_allocator
                                                       *alloc,
                                                   int *err);

/* Frees the analyzer and everything it owns.  NULL is a no-op. */
MARSAD_EXPORT void marsad_analyzer_free(marsad_analyzer *an);

/*
 * Analyzes s[0..len) and calls fn(ud, &token) for each token in order.
 * Offsets in the tokens are relative to s.  Sentence and token numbers go
 * on from the previous call on the same handle until marsad_analyzer_reset,
 * so a caller may feed a long text in pieces; a piece should end after
 * whitespace, or a word that runs across the cut is seen as two words.
 * Returns MARSAD_OK, the callback's non-zero value, MARSAD_ENOMEM (the
 * tokens already delivered stand; the handle stays usable), or MARSAD_EUTF8
 * in strict mode.  Time and memory are linear in len; the memory used is
 * bounded by max_token, not by len.
 */
MARSAD_EXPORT int marsad_analyze(marsad_analyzer *an, const char *s,
                                 size_t len, marsad_token_fn fn, void *ud);

/*
 * Starts a new document: sentence and token numbers restart at 0 and a
 * sentence boundary is assumed.
 */
MARSAD_EXPORT void marsad_analyzer_reset(marsad_analyzer *an);

/* Detail of the last error on this handle, or "" ; valid until the next
 * call on the handle. */
MARSAD_EXPORT const char *marsad_errmsg(const marsad_analyzer *an);

/*
 * One-call helpers on search-normalized Arabic words, mostly for tests and
 * tools: the clitic segmentation of one word and its light stem.
 *
 * marsad_segment_word splits w[0..n) (any spelling; it is normalized
 * internally) and writes up to MARSAD_MAX_SEGMENTS segments, offsets into
 * w, into seg; returns the number written (1 for a word left whole, 0 for
 * empty input).
 *
 * marsad_stem_word writes the light stem of w[0..n) into out[0..cap) and
 * returns the bytes it needs, like marsad_normalize.
 */
MARSAD_EXPORT unsigned marsad_segment_word(const char *w, size_t n,
                                           marsad_segment *seg);
MARSAD_EXPORT size_t marsad_stem_word(const char *w, size_t n, char *out,
                                      size_t cap);

/* ------------------------------------------------------------ entities */

/*
 * Named-entity recognition with a trained model (see docs/ner.md).  The
 * model is a memory image, for instance a file read or mapped by the
 * caller; it is used in place, so it must stay unchanged and alive until
 * marsad_ner_free, and it must be 8-byte aligned (malloc and mmap are).
 * A handle is not thread-safe; threads may share one model image with a
 * handle each.
 */
typedef enum marsad_entity_type {
    MARSAD_ENTITY_PER = 1, /* a person */
    MARSAD_ENTITY_LOC,     /* a place */
    MARSAD_ENTITY_ORG,     /* an organization */
    MARSAD_ENTITY_MISC     /* another name: event, product, title, ... */
} marsad_entity_type;

/* "PER", "LOC", "ORG", "MISC", or "?". */
MARSAD_EXPORT const char *marsad_entity_type_name(int type);
/* The type named by "PER" (or "PERS"), "LOC", "ORG", "MISC" in any case;
 * 0 if none. */
MARSAD_EXPORT int marsad_entity_type_parse(const char *name);

typedef struct marsad_ner marsad_ner;

/*
 * Opens a model image.  On failure returns NULL and, when err is not
 * NULL, stores MARSAD_EINVAL (not a model, a different version, truncated
 * or inconsistent) or MARSAD_ENOMEM in *err.
 */
MARSAD_EXPORT marsad_ner *marsad_ner_new(const void *model, size_t len,
                                         const marsad_allocator *alloc,
                                         int *err);
MARSAD_EXPORT void marsad_ner_free(marsad_ner *ner);

/*
 * Tags one sentence of n pre-tokenized words (words[i] of lens[i] bytes,
 * as in CoNLL files) with BIO tags: tags[i] is 0 for outside, 2t-1 for
 * the first word of an entity of type t and 2t for a word inside one.
 * Successive calls are taken as the sentences of one document: how a
 * word was tagged in the last 40 sentences informs its tag now, until
 * marsad_ner_reset.  Returns MARSAD_OK or MARSAD_ENOMEM.
 */
MARSAD_EXPORT int marsad_ner_tag(marsad_ner *ner, const char *const *words,
                                 const size_t *lens, size_t n, int *tags);

/* Starts a new document for marsad_ner_tag. */
MARSAD_EXPORT void marsad_ner_reset(marsad_ner *ner);

/* "O", "B-PERS", "I-PERS", "B-LOC", ... (the ANERcorp names), or "?". */
MARSAD_EXPORT const char *marsad_ner_tag_name(int tag);

/* An entity mention found in running text. */
typedef struct marsad_entity {
    size_t start;    /* byte offset of its first byte, after any
                        proclitics (و ب ل ف ك) of its first word */
    size_t end;      /* byte offset one past its last byte */
    int type;        /* a marsad_entity_type */
    size_t sentence; /* sentence number, from 0 in each call */
    size_t words;    /* how many words it spans */
} marsad_entity;

typedef int (*marsad_entity_fn)(void *ud, const marsad_entity *e);

/*
 * Finds the entity mentions in text[0..len), one document, and calls fn
 * for each, in order.  A non-zero return from fn stops the walk and is returned.
 * Otherwise returns MARSAD_OK or MARSAD_ENOMEM.
 */
MARSAD_EXPORT int marsad_ner_find(marsad_ner *ner, const char *text,
                                  size_t len, marsad_entity_fn fn, void *ud);

/* ------------------------------------------------------------ facts */

/*
 * Facts: numbers and quantities, dates, and quotations found in running
 * text (see docs/facts.md).  Every span is a pair of byte offsets into
 * the caller's text.  A handle is not thread-safe; make one per thread.
 */
typedef enum marsad_fact_kind {
    MARSAD_FACT_NUMBER = 1, /* a number or quantity */
    MARSAD_FACT_DATE,       /* a date, or a span of time that has one */
    MARSAD_FACT_QUOTE       /* direct or reported speech */
} marsad_fact_kind;

/* "number", "date", "quote", or "?". */
MARSAD_EXPORT const char *marsad_fact_kind_name(int kind);
/* The kind named by "number", "date", "quote"; 0 if none. */
MARSAD_EXPORT int marsad_fact_kind_parse(const char *name);

/* Flags of a number. */
#define MARSAD_NUM_APPROX (1u << 0)   /* نحو, حوالي, قرابة, زهاء, ... */
#define MARSAD_NUM_VAGUE (1u << 1)    /* عشرات, مئات, آلاف: value is the
                                         scale (10, 100, 1000) */
#define MARSAD_NUM_RANGE (1u << 2)    /* بين 10 و20, 10-20: value is the
                                         low end, value_max the high */
#define MARSAD_NUM_ORDINAL (1u << 3)  /* الحادية عشرة, الـ30 */
#define MARSAD_NUM_PERCENT (1u << 4)  /* 3.5%, ثلاثة في المئة */
#define MARSAD_NUM_FRACTION (1u << 5) /* نصف, ربع, ثلث, ثلاثة أرباع */
#define MARSAD_NUM_WORDS (1u << 6)    /* written, at least partly, in
                                         words */

/* Bounds of a number. */
typedef enum marsad_bound {
    MARSAD_BOUND_NONE = 0,
    MARSAD_BOUND_MORE,    /* أكثر من, ما يزيد على, يفوق: more than */
    MARSAD_BOUND_LESS,    /* أقل من, دون, ما يقل عن: less than */
    MARSAD_BOUND_ATLEAST, /* على الأقل, لا يقل عن */
    MARSAD_BOUND_ATMOST   /* على الأكثر, حتى, لا يتجاوز */
} marsad_bound;

/* "more", "less", "at-least", "at-most", or NULL for none. */
MARSAD_EXPORT const char *marsad_bound_name(int bound);

/* Granularity of a date. */
typedef enum marsad_granularity {
    MARSAD_GRAN_DAY = 1,
    MARSAD_GRAN_MONTH,
    MARSAD_GRAN_YEAR,
    MARSAD_GRAN_DECADE,
    MARSAD_GRAN_CENTURY
} marsad_granularity;

/* "day", "month", "year", "decade", "century", or "?". */
MARSAD_EXPORT const char *marsad_granularity_name(int g);

/* Flags of a date. */
#define MARSAD_DATE_RELATIVE (1u << 0)   /* أمس, الخميس, العام الماضي:
                                            resolved against the document
                                            date */
#define MARSAD_DATE_UNRESOLVED (1u << 1) /* relative, and no document date
                                            to resolve it: year, month and
                                            day are 0 */
#define MARSAD_DATE_HIJRI (1u << 2)      /* written in the Hijri calendar,
                                            converted */
#define MARSAD_DATE_WEEKDAY (1u << 3)    /* names a day of the week */

/* Flags of a quote. */
#define MARSAD_QUOTE_DIRECT (1u << 0)    /* the words inside quote marks */
#define MARSAD_QUOTE_PRONOUN (1u << 1)   /* the speaker is a pronoun or a
                                            bare verb; speaker_* is the
                                            earlier mention it refers to */
#define MARSAD_QUOTE_BODY (1u << 2)      /* the speaker is a body named by
                                            description, with no entity
                                            mention (وقالت الشرطة المحلية،
                                            المتحدث باسم "دويتشه بان");
                                            speaker_* is its fullest
                                            naming in the text */

/*
 * One fact.  start..end covers the whole expression (bound and
 * approximation words, the counted noun; for a quote, the reporting
 * verb through the quoted words).  Fields for other kinds are zero.
 */
typedef struct marsad_fact {
    int kind;        /* a marsad_fact_kind */
    size_t start;    /* byte offset of the first byte */
    size_t end;      /* byte offset one past the last byte */
    size_t sentence; /* sentence number, from 0 in each call */
    unsigned flags;  /* MARSAD_NUM_*, MARSAD_DATE_* or MARSAD_QUOTE_* */

    /* MARSAD_FACT_NUMBER */
    double value;      /* the number; the low end of a range */
    double value_max;  /* the high end of a range, else value */
    int bound;         /* a marsad_bound */
    size_t unit_start; /* the noun it counts (2500 جندي, 75 طائرة نقل) */
    size_t unit_end;   /* equal to unit_start when none is said */

    /* MARSAD_FACT_DATE: the proleptic Gregorian date, 0 past the
     * granularity (a decade is its first year, 1990 for التسعينيات; a
     * century the first year of its ISO hundred, 1900 for القرن العشرين) */
    int year, month, day;
    int granularity; /* a marsad_granularity */

    /* MARSAD_FACT_QUOTE */
    size_t text_start;    /* the quoted or reported words */
    size_t text_end;
    long speaker;         /* index into marsad_facts_doc.entities of the
                             speaker's mention, or -1 */
    size_t speaker_start; /* the words naming the speaker (a name, or a
                             description such as مصدر أمني); equal when
                             none */
    size_t speaker_end;
    size_t medium_start;  /* where it was said (لشبكة "سي أن أن") */
    size_t medium_end;
} marsad_fact;

/*
 * Writes the ISO 8601 form of a date fact into buf (at least 16 bytes):
 * "2022-01-05", "2022-01", "2022", and the reduced forms "199" for a
 * decade and "19" for a century (القرن العشرين); "" when unresolved or
 * not a date.  Years before 1 or after 9999 are written with a sign and
 * at least 4 digits.  Returns buf.
 */
MARSAD_EXPORT char *marsad_fact_iso(const marsad_fact *f, char *buf);

/* What the caller knows about a document. */
typedef struct marsad_facts_doc {
    int year, month, day;             /* its date, 0 when unknown */
    const marsad_entity *entities;    /* mentions marsad_ner_find gave
                                         for the same text, in order;
                                         quote speakers point into them */
    size_t nentities;
    unsigned kinds; /* bit (1 << kind) for each kind wanted; 0 for all */
} marsad_facts_doc;

typedef struct marsad_facts marsad_facts;
typedef int (*marsad_fact_fn)(void *ud, const marsad_fact *f);

/* Creates a fact finder; NULL and *err (MARSAD_ENOMEM) on failure. */
MARSAD_EXPORT marsad_facts *marsad_facts_new(const marsad_allocator *alloc,
                                             int *err);
MARSAD_EXPORT void marsad_facts_free(marsad_facts *fx);

/*
 * Finds the facts in text[0..len), one document, and calls fn for each,
 * in order of start.  doc may be NULL.  Numbers inside a date are not
 * numbers; a quote may hold numbers and dates.  A non-zero return from
 * fn stops the walk and is returned; otherwise MARSAD_OK or
 * MARSAD_ENOMEM.
 */
MARSAD_EXPORT int marsad_facts_find(marsad_facts *fx, const char *text,
                                    size_t len, const marsad_facts_doc *doc,
                                    marsad_fact_fn fn, void *ud);

/*
 * Estimates the date of a document from its text alone: a dated
 * dateline, the full dates it gives and how they agree.
 * Returns a confidence in [0, 1] and sets *year, *month, *day; 0 when
 * the text gives no date (the three are then 0).
 */
MARSAD_EXPORT double marsad_facts_guess_date(marsad_facts *fx,
                                             const char *text, size_t len,
                                             int *year, int *month,
                                             int *day);

#ifdef __cplusplus
}
#endif
#endif /* MARSAD_H */
