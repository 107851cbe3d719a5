/*
 * ner_internal.h - the parts of the entity recognizer that its trainer
 * (tools/train_ner.c) shares with the tagger: word attributes, gazetteer
 * spans, feature templates, hash tables and the model file layout.
 *
 * Nothing here is public API.  Names use the mn_ prefix.
 *
 * The tagger is a linear-chain model over BIO tags: each token's score for
 * a tag is the sum of the weights of its features for that tag, plus a
 * transition weight from the previous tag; Viterbi search finds the best
 * sequence, with I-X allowed only after B-X or I-X.  Features are 64-bit
 * hashes of (template, offset, value); the model maps each kept feature to
 * a row of per-tag weights.
 */
#ifndef MARSAD_NER_INTERNAL_H
#define MARSAD_NER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "marsad.h"

/*
 * Tags the model scores: 0 is O; entity type t (MARSAD_ENTITY_*, 1..4)
 * has B (first word), I (inside), L (last word) and U (a one-word
 * entity), numbered 4t-3 .. 4t.  This finer scheme learns boundaries
 * better than BIO; the public API speaks BIO (0 O, 2t-1 B-t, 2t I-t).
 */
#define MN_NTAGS 17
enum { MN_B, MN_I, MN_L, MN_U };
#define MN_TAG(t, pos) (4 * (t) - 3 + (pos))
#define MN_TYPE(g) (((g) + 3) / 4)
#define MN_POS(g) (((g) - 1) % 4)
#define MN_BIO_TYPE(g) (((g) + 1) / 2)
#define MN_BIO_IS_I(g) ((g) > 0 && (g) % 2 == 0)

/* Whether tag g may follow tag p (p == MN_NTAGS: the sentence start). */
static inline int mn_allowed(int p, int g)
{
    int open = p > 0 && p < MN_NTAGS && (MN_POS(p) == MN_B ||
                                         MN_POS(p) == MN_I);
    if (open)
        return g > 0 && MN_TYPE(g) == MN_TYPE(p) &&
               (MN_POS(g) == MN_I || MN_POS(g) == MN_L);
    return g == 0 || MN_POS(g) == MN_B || MN_POS(g) == MN_U;
}

/* Whether a sentence may end with tag g. */
static inline int mn_may_end(int g)
{
    return g == 0 || MN_POS(g) == MN_L || MN_POS(g) == MN_U;
}

/* Model tags to BIO codes, and BIO codes to model tags (an I that does
 * not continue an entity of its type begins one, as conlleval reads
 * it). */
void mn_to_bio(const unsigned char *tags, size_t n, unsigned char *bio);
void mn_from_bio(const unsigned char *bio, size_t n, unsigned char *tags);

/* Word attributes, each kept as a 64-bit hash of its value. */
enum {
    MN_A_NORM,  /* search-normalized token, clitics included */
    MN_A_KEY,   /* search-normalized base (clitics removed) */
    MN_A_STEM,  /* light stem of the base */
    MN_A_PRE,   /* proclitics, e.g. "و+ب" */
    MN_A_ENC,   /* enclitics */
    MN_A_P2,    /* first two and three letters of the key */
    MN_A_P3,
    MN_A_S2,    /* last two and three letters of the key */
    MN_A_S3,
    MN_A_P1,    /* first and last letter, first and last four */
    MN_A_S1,
    MN_A_P4,
    MN_A_S4,
    MN_A_SHAPE, /* token class, length band, article, attached marks */
    MN_A_C1,    /* word-cluster ids of the key, coarse to fine */
    MN_A_C2,
    MN_A_C3,
    MN_NATTR
};

/* Gazetteer bits.  Span types can cover several words; the word types
 * only ever match one word. */
#define MN_GZ_LOC 0x01u
#define MN_GZ_PER 0x02u
#define MN_GZ_ORG 0x04u
#define MN_GZ_MISC 0x08u
#define MN_GZ_TITLE 0x10u
#define MN_GZ_NSPAN 5
#define MN_GZ_FIRST 0x20u   /* a given name */
#define MN_GZ_ORGKEY 0x40u  /* a word that heads organization names */
#define MN_GZ_LOCKEY 0x80u  /* a word that heads place names */
#define MN_GZ_PREFIX 0x100u /* the sequence begins a longer entry */
#define MN_GZ_MAXLEN 8      /* longest entry, in words */
/* An entry whose first word the analyzer cuts proclitics off (بلير = ب
 * + لير, "بان كي مون" = ب + ان ...) is also stored under that word's
 * whole form (mn_whole_span) followed by the keys of the others, with
 * MN_GZ_WHOLE and the entry's type bits shifted by MN_GZ_WHOLE_SHIFT:
 * no feature reads them; the tagger starts a name at the proclitic when
 * they match it (ner.c, name_start).  Given names (MN_GZ_FIRST) are so
 * stored too, alone: a person's name may start at the proclitic when its
 * first word, whole, is a given name ("فهمي هويدي", "ليو هي"). */
#define MN_GZ_WHOLE 0x200u
#define MN_GZ_WHOLE_SHIFT 16

/* One slot of an open-addressing table: key 0 marks an empty slot. */
typedef struct mn_slot {
    uint64_t key;
    uint32_t val;
    uint32_t aux;
} mn_slot;

typedef struct mn_table {
    const mn_slot *slots;
    uint64_t mask; /* slots - 1; the count is a power of two */
} mn_table;

/* Looks key up; returns 1 and sets *val when present. */
static inline int mn_table_get(const mn_table *t, uint64_t key,
                               uint32_t *val)
{
    uint64_t i = key & t->mask;
    if (!t->slots)
        return 0;
    for (;;) {
        const mn_slot *s = &t->slots[i];
        if (s->key == key) {
            *val = s->val;
            return 1;
        }
        if (s->key == 0)
            return 0;
        i = (i + 1) & t->mask;
    }
}

/* A token as the features see it. */
typedef struct mn_word {
    uint64_t a[MN_NATTR]; /* attribute hashes */
    uint64_t keyh;        /* hash of the key, for gazetteer sequences */
    uint64_t id;          /* identity of everything the word features
                             read: equal ids, equal word features */
    uint32_t gz;          /* word-level gazetteer bits */
    uint32_t lx;          /* its stats value, or 0 */
    uint8_t content;      /* a content word (Arabic or Latin, not a
                             function word): the document history
                             follows it */
    uint8_t hist;         /* how the same key was tagged earlier in the
                             document (mn_hist_get), 0 if it was not */
    uint32_t span;        /* 2 bits per span type: 1 begin, 2 inside,
                             3 a whole one-word match */
    uint8_t arabic;       /* an Arabic word */
    uint8_t clitic;       /* it has proclitics (و ب ل ...) */
    uint8_t article;      /* its key begins with the article ال */
    uint8_t number;       /* a number in digits */
    uint8_t punct;        /* punctuation or another symbol */
    uint8_t nisba;        /* ... and ends in ي or ية: an adjective of
                             relation (الألماني، السياسية) */
} mn_word;

/* Resources the features read: word clusters and gazetteers, and the
 * stand-ins for the words before and after a sentence. */
typedef struct mn_lex {
    mn_table clusters; /* key hash -> c1 | c2 << 10 | c3 << 20 */
    mn_table gaz;      /* hash of a key sequence -> MN_GZ_* bits */
    mn_table stats;    /* key hash -> how a first model labels the word
                          in a large corpus: 3 bits per entity type (share
                          of its occurrences inside such names, banded)
                          and 3 bits of frequency band (see
                          tools/ner_lexstats.c) */
    mn_word edge[2];   /* before the first word, after the last */
} mn_lex;

/* Empty tables and the edge words. */
void mn_lex_init(mn_lex *lex);

/* Hashing: bytes, and the mixing of a value with a template code. */
uint64_t mn_hash(const void *p, size_t n);
static inline uint64_t mn_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x ? x : 1;
}
/* Hash of a gazetteer sequence extended by one more word's key hash. */
static inline uint64_t mn_seq(uint64_t prev, uint64_t keyh)
{
    return mn_mix(prev * 0x9E3779B97F4A7C15ULL + keyh);
}

/*
 * The analysis of one word the attributes are made from: all strings are
 * search-normalized.  Any of them may be empty.
 */
typedef struct mn_text {
    int type;           /* marsad_token_type */
    const char *norm;   size_t nnorm;
    const char *key;    size_t nkey;
    const char *stem;   size_t nstem;
    const char *pre;    size_t npre;
    const char *enc;    size_t nenc;
    unsigned marks;     /* punctuation glued to the word: 1 before, 2
                           after */
    int stop;           /* an Arabic function word */
} mn_text;

/* Fills *w from *t (span is left 0; see mn_spans). */
void mn_word_init(mn_word *w, const mn_lex *lex, const mn_text *t);

/*
 * Turns one analyzer token of input s into an mn_text; buf (at least
 * 4 * (tok->end - tok->start) + 16 bytes) holds the strings it points to.
 */
void mn_text_from_token(mn_text *t, const char *s, const marsad_token *tok,
                        char *buf);

/*
 * Makes out[0..n) from n pre-tokenized words (CoNLL style, punctuation
 * possibly glued on) with analyzer an; buf is scratch of MN_TEXT_BUF
 * bytes.  Returns MARSAD_OK or MARSAD_ENOMEM.
 */
#define MN_TEXT_BUF 2048
int mn_prepare(marsad_analyzer *an, const mn_lex *lex,
               const char *const *words, const size_t *lens, size_t n,
               mn_word *out, char *buf);

/*
 * The whole form of a word the analyzer cut proclitics off runs from its
 * first proclitic that is not the conjunction و (never part of a name)
 * to the end of its base (فورد, بلير; the tagger also tries it without a
 * first ف, for فبلير): mn_whole_span sets *start and *end to
 * its byte offsets in s and returns 1, or returns 0 (and *end = 0) when
 * there is none (no such proclitic, or no base, or over 255 bytes).
 * mn_whole_hash is the hash of s[start..end) search-normalized, the form
 * gazetteer entries are stored under (MN_GZ_WHOLE); 0 if it cannot be
 * made.
 */
int mn_whole_span(const char *s, const marsad_token *tok, size_t *start,
                  size_t *end);
uint64_t mn_whole_hash(const char *s, size_t start, size_t end);

/* Marks gazetteer matches over the sentence w[0..n): longest match,
 * left to right, per span type. */
void mn_spans(mn_word *w, size_t n, const mn_lex *lex);

/*
 * Document history: how each content word was tagged in the last
 * MN_HIST_SENTS sentences of the document (by the tagger itself at run
 * time; in training, by models that did not see the sentences).  A name
 * introduced with its title ("الرئيس X") is often bare later on; the
 * history carries the first decision over.
 */
#define MN_HIST_SENTS 40
typedef struct mn_hist mn_hist;
mn_hist *mn_hist_new(const marsad_allocator *al);
void mn_hist_free(mn_hist *h, const marsad_allocator *al);
void mn_hist_clear(mn_hist *h);
/* Sets w[i].hist for the content words of w[0..n). */
void mn_hist_mark(const mn_hist *h, mn_word *w, size_t n);
/* Records a tagged sentence (model tags).  Returns 0, or -1 when out of
 * memory (the history is then cleared, never wrong). */
int mn_hist_add(mn_hist *h, const marsad_allocator *al, const mn_word *w,
                const unsigned char *tags, size_t n);

/* Most features one token can have. */
#define MN_MAXFEAT 128

/*
 * Writes the feature hashes of token i of w[0..n) into out; returns how
 * many.  They are the word features of each word from offset -2 to +2
 * (a function of that word and the offset alone, so a tagger may cache
 * their weights per word) and the context features (gazetteer spans,
 * bigrams, the sentence start).
 */
size_t mn_features(const mn_lex *lex, const mn_word *w, size_t n, size_t i,
                   uint64_t *out);
size_t mn_word_features(const mn_word *o, int off, uint64_t *out);
size_t mn_context_features(const mn_lex *lex, const mn_word *w, size_t n,
                           size_t i, uint64_t *out);
/* The word at offset off from token i, or an edge word outside w[0..n). */
const mn_word *mn_at(const mn_lex *lex, const mn_word *w, size_t n,
                     size_t i, int off);

/* Limits on the tags of one token, beyond the scheme's (bits of lim[i] in
 * mn_viterbi). */
#define MN_LIM_INSIDE 1u  /* no I or L: the token does not continue a name */
#define MN_LIM_BEGIN 2u   /* no B: it does not begin a longer name */
#define MN_LIM_ADJOIN 4u  /* it does not begin a name of a type that
                             never follows the type of a name ending on
                             the token before (ner_feat.c, adjoin_never) */
#define MN_LIM_PERSON 8u  /* it begins the name of a person */
#define MN_LIM_PERSON_ON 16u /* it goes on with the name of a person */
#define MN_LIM_OUT 32u    /* it is in no name at all */

/* Highest-scoring tag sequence: emit[i * MN_NTAGS + g] is token i's score
 * for tag g, trans[(p) * MN_NTAGS + g] the score of g after p, with row
 * MN_NTAGS for the sentence start; only sequences that mn_allowed and
 * mn_may_end accept, and, when lim is not NULL, that lim[0..n) (MN_LIM_*
 * bits) accepts.  back needs n * MN_NTAGS bytes. */
void mn_viterbi(const float *emit, size_t n, const float *trans,
                const unsigned char *lim, unsigned char *back,
                unsigned char *tags);

/* Sets the MN_LIM_ADJOIN bits of lim[0..n) from the words w[0..n): an
 * Arabic word without proclitics after an Arabic word does not start a
 * name of the type of a name that ends just before it (two names of
 * persons or organizations side by side are joined by a conjunction or a
 * preposition, or written in two scripts; places may be juxtaposed, as in
 * a region followed by its country), nor a place after an organization
 * or another name, nor an organization after a place (a club and its
 * city are one name). */
void mn_limit_adjoin(const mn_word *w, size_t n, unsigned char *lim);

/*
 * Model file layout (little-endian, every section 8-byte aligned):
 *   header   mn_header
 *   clusters mn_slot[nclusters]
 *   gaz      mn_slot[ngaz]
 *   stats    mn_slot[nstats]
 *   features mn_slot[nfeat]          (val = row number)
 *   trans    float[(MN_NTAGS + 1) * MN_NTAGS]
 *   weights  float[nrows * MN_NTAGS]
 */
#define MN_MAGIC "MARSADNER\0\0\0\0\0\0\0"
#define MN_VERSION 3u
typedef struct mn_header {
    char magic[16];
    uint32_t version;
    uint32_t ntags;
    uint64_t nclusters; /* slot counts: powers of two */
    uint64_t ngaz;
    uint64_t nfeat;
    uint64_t nrows;
    uint64_t nstats;
    uint64_t reserved[3];
} mn_header;

#endif /* MARSAD_NER_INTERNAL_H */
