/*
 * analyze.c - the analyzer handle: tokenizer, sentence splitter, and the
 * per-word pipeline (normalize, segment, stem) with a cache of analyses.
 *
 * Tokens are found in one left-to-right pass over the input.  Arabic
 * letters of the main block (two-byte UTF-8 sequences D8..DB xx) take a
 * table-driven fast path; everything else goes through the general
 * decoder and utf8proc's categories.  Segmentation and stemming depend
 * only on a word's light-normalized letters, so their results are cached
 * per distinct word in a direct-mapped table: in news text a few thousand
 * words make up most tokens, and each is analyzed once.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CACHE_BITS 16
#define CACHE_KEY 24 /* longest word (in letters) that is cached */

struct cache_entry {
    uint8_t len;             /* letters in key; 0: empty slot */
    uint8_t key[CACHE_KEY];  /* letters as offsets from U+0600 */
    marsadi_cuts cuts;       /* segmentation */
    uint8_t stem_start;      /* stem range in the word, in letters */
    uint8_t stem_len;
    uint8_t stop;            /* base is a function word */
};

/*
 * The token cache: the analysis of an Arabic word keyed by its surface
 * bytes.  The tokenizer decides a token's extent and type from its bytes
 * alone, and segments, stem and flags depend only on those bytes and the
 * handle's options, so a word seen before is answered with one hash and
 * one compare.  Entries are 64 bytes, in two-way buckets.
 */
#define TCACHE_BITS 18 /* entries; two per bucket */
#define TC_SURF 24     /* longest surface (bytes) that is cached */
#define TC_WORDS (TC_SURF / 8)
#define TC_STEM 28

struct tcache_entry {
    uint64_t surf[TC_WORDS];              /* surface, zero-padded */
    uint8_t nsurf;                        /* 0: empty slot */
    uint8_t flags;                        /* MARSAD_TOKEN_STOPWORD */
    uint8_t nstem;                        /* 0xFF: no stem */
    uint8_t nseg;
    uint8_t segend[MARSAD_MAX_SEGMENTS];  /* segment ends, from the start */
    uint16_t kinds;                       /* segment kinds, 2 bits each */
    char stem[TC_STEM];
};

_Static_assert(sizeof(struct tcache_entry) == 64,
               "token cache entries fill one cache line");

struct marsad_analyzer {
    marsad_allocator al;        /* allocator hooks */
    marsad_options opt;         /* options as validated */
    size_t sentence;            /* current sentence number */
    size_t position;            /* next token number */
    int started;                /* a token was emitted since reset */
    int pending;                /* 1: sentence ends after closers;
                                   2: the next token starts a sentence */
    int prev_single_letter;     /* last token was a one-letter word */
    int prev_word;              /* last token was an Arabic or Latin word */
    size_t prev_end;            /* its end offset in the current input */
    size_t prev_nchars;         /* its length in characters */
    size_t dot_end;             /* end of the last dot inside a word run
                                   (see inner_dot), or SIZE_MAX */
    int after_dot;              /* last token was a word right after it */
    char *norm;                 /* normalized form of the current token */
    size_t norm_cap;
    struct cache_entry *cache;  /* 1 << CACHE_BITS entries */
    struct tcache_entry *tcache; /* 1 << TCACHE_BITS entries */
    void *tcache_mem;           /* its allocation, before alignment */
    uint32_t ar2[1024];         /* two-byte Arabic sequences, see ar2_init */
    uint32_t key[MARSADI_MAX_WORD]; /* light-normalized letters */
    uint32_t keyoff[MARSADI_MAX_WORD + 1]; /* byte offset of each letter */
    char stem[MARSADI_MAX_WORD * 3]; /* stem, search-normalized UTF-8 */
    char errmsg[160];           /* detail of the last error */
};

int marsad_version(void)
{
    return MARSAD_VERSION_NUMBER;
}

const char *marsad_version_string(void)
{
    return MARSAD_VERSION_STRING;
}

const char *marsad_strerror(int code)
{
    switch (code) {
    case MARSAD_OK:
        return "no error";
    case MARSAD_ENOMEM:
        return "out of memory";
    case MARSAD_EINVAL:
        return "invalid argument";
    case MARSAD_ETOOBIG:
        return "input or result too big";
    case MARSAD_EUTF8:
        return "invalid UTF-8";
    default:
        return "unknown error";
    }
}

const char *marsad_token_type_name(int type)
{
    switch (type) {
    case MARSAD_TOKEN_ARABIC:
        return "arabic";
    case MARSAD_TOKEN_LATIN:
        return "latin";
    case MARSAD_TOKEN_NUMBER:
        return "number";
    case MARSAD_TOKEN_PERCENT:
        return "percent";
    case MARSAD_TOKEN_PUNCT:
        return "punct";
    case MARSAD_TOKEN_SYMBOL:
        return "symbol";
    default:
        return "?";
    }
}

void marsad_options_init(marsad_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->version = 1;
    opt->folds = MARSAD_PROFILE_SEARCH;
    opt->analyses = MARSAD_ANALYZE_ALL;
    opt->max_token = 256;
    opt->strict_utf8 = 0;
}

static void *std_malloc(void *ud, size_t n)
{
    (void)ud;
    return malloc(n);
}

static void *std_realloc(void *ud, void *p, size_t n)
{
    (void)ud;
    return realloc(p, n);
}

static void std_free(void *ud, void *p)
{
    (void)ud;
    free(p);
}

int marsadi_allocator(const marsad_allocator *in, marsad_allocator *out)
{
    if (in) {
        if (!in->malloc || !in->free)
            return 0;
        *out = *in;
    } else {
        out->malloc = std_malloc;
        out->realloc = std_realloc;
        out->free = std_free;
        out->ud = NULL;
    }
    return 1;
}

/*
 * The scan table: for each two-byte sequence with lead byte D8..DB,
 * indexed by ((lead & 3) << 8) | second byte, a word of bits:
 *   bits 0-1    how many bytes it normalizes to (0 or 2)
 *   AR2_LETTER  the character is a letter (else a mark or tatweel)
 *   AR2_STOP    it ends the word: no letter or mark, or the second byte
 *               is no continuation byte
 *   AR2_SLOW    its normalization needs the general path (combining hamza
 *               and madda compose with the letter before; some folds
 *               change the length)
 *   bits 16-31  those bytes, as a uint16_t in memory order
 * so that the scan loop does one load and one two-byte store per
 * character.
 */
#define AR2_LEN_MASK 3u /* bits 0-1: output length */
#define AR2_LETTER 4u
#define AR2_STOP 8u
#define AR2_SLOW 16u
#define AR2_OUT_SHIFT 16

static void ar2_init(uint32_t *ar2, unsigned folds)
{
    unsigned i;

    for (i = 0; i < 1024; i++) {
        unsigned second = i & 0xFF;
        uint32_t cp = 0x600 + (((i >> 8) & 3) << 6) + (second & 0x3F);
        uint32_t out[MARSADI_FOLD_MAX];
        char enc[4];
        size_t k, e;
        uint16_t u;
        int cls;

        cls = marsadi_ar_class[cp - 0x600];
        if ((second & 0xC0) != 0x80 ||
            (cls != MARSADI_C_ARLETTER && cls != MARSADI_C_ARMARK)) {
            ar2[i] = AR2_STOP;
            continue;
        }
        ar2[i] = cls == MARSADI_C_ARLETTER ? AR2_LETTER : 0;
        k = marsadi_fold_char(cp, folds, out);
        if (cp >= 0x653 && cp <= 0x655) {
            ar2[i] |= AR2_SLOW;
            continue;
        }
        if (k == 0)
            continue;
        e = marsad_utf8_encode(out[0], enc);
        if (k > 1 || e != 2) {
            ar2[i] |= AR2_SLOW;
            continue;
        }
        memcpy(&u, enc, 2);
        ar2[i] |= 2u | ((uint32_t)u << AR2_OUT_SHIFT);
    }
}

marsad_analyzer *marsad_analyzer_new(const marsad_options *opt,
                                     const marsad_allocator *alloc, int *err)
{
    marsad_options o;
    marsad_allocator al;
    marsad_analyzer *an;
    size_t cache_bytes = sizeof(struct cache_entry) << CACHE_BITS;
    size_t tcache_bytes = sizeof(struct tcache_entry) << TCACHE_BITS;

    if (opt)
        o = *opt;
    else
        marsad_options_init(&o);
    if (o.version != 1 || (o.folds & ~MARSAD_PROFILE_ALL) ||
        (o.analyses & ~MARSAD_ANALYZE_ALL) || o.max_token < 16 ||
        o.max_token > 65536) {
        if (err)
            *err = MARSAD_EINVAL;
        return NULL;
    }
    if (o.analyses & MARSAD_ANALYZE_STEM)
        o.analyses |= MARSAD_ANALYZE_SEGMENT; /* stems need the base */
    if (!marsadi_allocator(alloc, &al)) {
        if (err)
            *err = MARSAD_EINVAL;
        return NULL;
    }
    an = al.malloc(al.ud, sizeof *an);
    if (!an)
        goto nomem;
    memset(an, 0, sizeof *an);
    an->al = al;
    an->opt = o;
    /* one input character can fold into at most MARSADI_FOLD_MAX code
     * points of at most 3 bytes each, from at least 2 input bytes */
    an->norm_cap = o.max_token * (MARSADI_FOLD_MAX * 3 / 2) + 8;
    an->norm = al.malloc(al.ud, an->norm_cap);
    if (!an->norm)
        goto nomem;
    if (o.analyses & MARSAD_ANALYZE_SEGMENT) {
        an->cache = al.malloc(al.ud, cache_bytes);
        if (!an->cache)
            goto nomem;
        memset(an->cache, 0, cache_bytes);
    }
    if (o.analyses) {
        /* buckets start on a cache line, so a lookup that hits the
         * first slot reads one line */
        an->tcache_mem = al.malloc(al.ud, tcache_bytes + 64);
        if (!an->tcache_mem)
            goto nomem;
        an->tcache = (struct tcache_entry *)(void *)(
            (char *)an->tcache_mem +
            ((64 - (uintptr_t)an->tcache_mem % 64) % 64));
        memset(an->tcache, 0, tcache_bytes);
    }
    ar2_init(an->ar2, o.folds);
    marsad_analyzer_reset(an);
    if (err)
        *err = MARSAD_OK;
    return an;
nomem:
    if (an) {
        if (an->cache)
            al.free(al.ud, an->cache);
        if (an->norm)
            al.free(al.ud, an->norm);
        al.free(al.ud, an);
    }
    if (err)
        *err = MARSAD_ENOMEM;
    return NULL;
}

void marsad_analyzer_free(marsad_analyzer *an)
{
    if (!an)
        return;
    if (an->cache)
        an->al.free(an->al.ud, an->cache);
    if (an->tcache_mem)
        an->al.free(an->al.ud, an->tcache_mem);
    an->al.free(an->al.ud, an->norm);
    an->al.free(an->al.ud, an);
}

void marsad_analyzer_reset(marsad_analyzer *an)
{
    an->sentence = 0;
    an->position = 0;
    an->started = 0;
    an->pending = 0;
    an->prev_single_letter = 0;
    an->prev_word = 0;
    an->prev_end = 0;
    an->prev_nchars = 0;
    an->dot_end = SIZE_MAX;
    an->after_dot = 0;
}

const char *marsad_errmsg(const marsad_analyzer *an)
{
    return an ? an->errmsg : "";
}

/* ------------------------------------------------------------ decoding */

/* Decodes the character at p[0..rem) (rem >= 1) into *cp and returns its
 * length; *cls receives its MARSADI_C_* class. */
static inline size_t next_char(const unsigned char *p, size_t rem,
                               uint32_t *cp, int *cls)
{
    unsigned b = p[0];
    size_t n;

    if (b < 0x80) {
        *cp = b;
        *cls = marsadi_ascii_class[b];
        return 1;
    }
    if ((b & 0xFC) == 0xD8 && rem >= 2 && (p[1] & 0xC0) == 0x80) {
        uint32_t c = ((uint32_t)(b & 0x1F) << 6) | (p[1] & 0x3F);
        *cp = c;
        *cls = marsadi_ar_class[c - 0x600];
        return 2;
    }
    n = marsad_utf8_decode((const char *)p, rem, cp);
    if (*cp == MARSAD_REPLACEMENT_CHAR)
        *cls = MARSADI_C_BAD;
    else
        *cls = marsadi_class(*cp);
    return n;
}

/* Backs up `end` (> start) to a character boundary no further than
 * start + max bytes from start, for cutting an over-long run. */
static size_t cut_at_char(const unsigned char *s, size_t start, size_t end,
                          size_t max)
{
    size_t e = end;
    if (e - start <= max)
        return e;
    e = start + max;
    while (e > start + 1 && (s[e] & 0xC0) == 0x80)
        e--;
    return e;
}

/* ------------------------------------------------------------ sentences */

static int is_terminator(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F ||
           cp == 0x06D4 || cp == 0x2026 || cp == 0x061E;
}

static int is_closer(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' ||
           cp == 0x00BB || cp == 0x201D || cp == 0x2019 || cp == 0x203A;
}

/* ------------------------------------------------------------ analysis */

struct walk {
    marsad_analyzer *an;
    const unsigned char *s; /* input */
    size_t len;
    marsad_token_fn fn;
    void *ud;
};

static inline uint32_t hash_key(const uint8_t *k, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= k[i];
        h *= 16777619u;
    }
    return h ^ (h >> 15);
}

/*
 * Builds the light-normalized letters of an Arabic word s[start..end)
 * into key[] (MARSADI_MAX_WORD) with byte offsets relative to start in
 * keyoff[] (MARSADI_MAX_WORD + 1).
 * Returns the number of letters, or 0 when the word is longer than
 * MARSADI_MAX_WORD letters or holds something other than letters after
 * light normalization (then it is left whole).
 */
static size_t light_key(uint32_t *key, uint32_t *keyoff,
                        const unsigned char *s, size_t start, size_t end)
{
    size_t i = start;
    size_t n = 0;
    uint32_t buf[MARSADI_FOLD_MAX];

    while (i < end) {
        uint32_t cp;
        int cls;
        size_t k, j, w;
        if ((s[i] & 0xFC) == 0xD8 && i + 1 < end &&
            (s[i + 1] & 0xC0) == 0x80) {
            /* fast path for the Arabic block: light normalization drops
             * marks, tatweel and controls and maps keheh; a combining
             * hamza or madda takes the general path below */
            unsigned fk;
            cp = ((uint32_t)(s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);
            fk = marsadi_ar_fold[cp - 0x600];
            if (cp < 0x0653 || cp > 0x0655) {
                if (fk >= MARSADI_FK_MARKS && fk <= MARSADI_FK_CONTROLS) {
                    i += 2;
                    continue;
                }
                if (fk == MARSADI_FK_COMPAT)
                    cp = marsadi_ar_target[cp - 0x600];
                if (n == MARSADI_MAX_WORD ||
                    marsadi_ar_class[cp - 0x600] != MARSADI_C_ARLETTER)
                    return 0;
                key[n] = cp;
                keyoff[n] = (uint32_t)(i - start);
                n++;
                i += 2;
                continue;
            }
        }
        w = next_char(s + i, end - i, &cp, &cls);
        if (cp >= 0x0653 && cp <= 0x0655 && n > 0) {
            uint32_t c = marsadi_compose(key[n - 1], cp);
            if (c) {
                key[n - 1] = c;
                i += w;
                continue;
            }
        }
        k = marsadi_fold_char(cp, MARSADI_LIGHT, buf);
        for (j = 0; j < k; j++) {
            if (n == MARSADI_MAX_WORD)
                return 0;
            if (marsadi_class(buf[j]) != MARSADI_C_ARLETTER)
                return 0;
            key[n] = buf[j];
            /* letters from one expanded character share its offset; a
             * cut between them is dropped when segments are made */
            keyoff[n] = (uint32_t)(i - start);
            n++;
        }
        i += w;
    }
    keyoff[n] = (uint32_t)(end - start);
    return n;
}

/* Light stem range of key[0..n).  The stem must not depend on how an
 * outlet wrote the alef (الأردن / الاردن, ألماتي / الماتي), since search
 * matches on stems: when the word has a hamza or madda alef, the stem is
 * taken from the segmentation of the alef-folded word.  The segments the
 * caller reports stay those of the word as written. */
static void stem_range(const uint32_t *key, size_t n,
                       const marsadi_cuts *cuts, size_t *start, size_t *len)
{
    uint32_t folded[MARSADI_MAX_WORD];
    int any = 0;
    size_t i;

    for (i = 0; i < n && n <= MARSADI_MAX_WORD; i++) {
        uint32_t c = key[i];
        if (c == 0x622 || c == 0x623 || c == 0x625 || c == 0x671) {
            c = 0x627;
            any = 1;
        }
        folded[i] = c;
    }
    if (!any || n > MARSADI_MAX_WORD) {
        marsadi_stem(key, n, cuts, start, len);
        return;
    }
    marsadi_cuts fc;
    marsadi_segment(folded, n, &fc);
    marsadi_stem(folded, n, &fc, start, len);
}

/* Segmentation, stem range and function-word flag of an->key[0..n), from
 * the cache when the word was seen before. */
static void word_analysis(marsad_analyzer *an, size_t n, marsadi_cuts *cuts,
                          size_t *stem_start, size_t *stem_len, int *stop)
{
    uint8_t k[CACHE_KEY];
    struct cache_entry *e = NULL;
    size_t i;
    int cacheable = n <= CACHE_KEY;

    for (i = 0; cacheable && i < n; i++) {
        if (an->key[i] < 0x600 || an->key[i] > 0x6FF)
            cacheable = 0;
        else
            k[i] = (uint8_t)(an->key[i] - 0x600);
    }
    if (cacheable) {
        e = &an->cache[hash_key(k, n) & ((1u << CACHE_BITS) - 1)];
        if (e->len == n && memcmp(e->key, k, n) == 0) {
            *cuts = e->cuts;
            *stem_start = e->stem_start;
            *stem_len = e->stem_len;
            *stop = e->stop;
            return;
        }
    }
    marsadi_segment(an->key, n, cuts);
    if (an->opt.analyses & MARSAD_ANALYZE_STEM) {
        stem_range(an->key, n, cuts, stem_start, stem_len);
    } else {
        *stem_start = 0;
        *stem_len = n;
    }
    {
        size_t b0 = cuts->npre ? cuts->at[cuts->npre - 1] : 0;
        size_t bi = (size_t)cuts->npre;
        size_t b1 = bi < (size_t)cuts->n_pieces - 1 ? cuts->at[bi] : n;
        *stop = marsadi_is_stopword(an->key + b0, b1 - b0);
    }
    if (e) {
        e->len = (uint8_t)n;
        memcpy(e->key, k, n);
        e->cuts = *cuts;
        e->stem_start = (uint8_t)*stem_start;
        e->stem_len = (uint8_t)*stem_len;
        e->stop = (uint8_t)*stop;
    }
}

/* Writes key[0..n) with the letter folds (alef forms, ى, ة) as UTF-8 into
 * out (room for 3 * n bytes); returns the bytes written. */
static size_t encode_stem(const uint32_t *key, size_t n, char *out)
{
    size_t i, o = 0;
    for (i = 0; i < n; i++) {
        uint32_t c = key[i];
        if (c >= 0x600 && c <= 0x6FF) {
            unsigned fk = marsadi_ar_fold[c - 0x600];
            if (fk == MARSADI_FK_ALEF || fk == MARSADI_FK_YEH ||
                fk == MARSADI_FK_TEHM)
                c = marsadi_ar_target[c - 0x600];
        }
        if (c >= 0x80 && c < 0x800) {
            /* every Arabic letter: two bytes */
            out[o] = (char)(0xC0 | (c >> 6));
            out[o + 1] = (char)(0x80 | (c & 0x3F));
            o += 2;
        } else {
            o += marsad_utf8_encode(c, out + o);
        }
    }
    return o;
}

/*
 * Turns cuts in letters into segments with byte offsets: keyoff[i] is the
 * offset of letter i from `start`; the word spans start..end.  Returns
 * the number of segments.  A cut inside one expanded character (a
 * ligature) is dropped, merging the two pieces.
 */
static unsigned make_segments(const marsadi_cuts *cuts,
                              const uint32_t *keyoff, size_t start,
                              size_t end, marsad_segment *seg)
{
    unsigned i, nseg = 0;

    for (i = 0; i < cuts->n_pieces; i++) {
        size_t a = i == 0 ? 0 : keyoff[cuts->at[i - 1]];
        size_t b = i + 1u == cuts->n_pieces ? end - start
                                             : keyoff[cuts->at[i]];
        int kind = i < cuts->npre ? MARSAD_SEG_PROCLITIC
                   : i + cuts->nsuf >= cuts->n_pieces ? MARSAD_SEG_ENCLITIC
                                                     : MARSAD_SEG_BASE;
        if (b <= a)
            continue;
        if (nseg > 0 && seg[nseg - 1].end != start + a) {
            seg[nseg - 1].end = start + b;
            continue;
        }
        seg[nseg].start = start + a;
        seg[nseg].end = start + b;
        seg[nseg].kind = kind;
        nseg++;
    }
    return nseg;
}

/* Fills the segments, stem and flags of an Arabic word token whose
 * norm is set. */
static void analyze_arabic(marsad_analyzer *an, const unsigned char *s,
                           marsad_token *t)
{
    size_t n = 0;
    marsadi_cuts cuts;
    size_t st = 0, sl = 0;
    int stop = 0;

    if (!(t->flags & MARSAD_TOKEN_SPLIT))
        n = light_key(an->key, an->keyoff, s, t->start, t->end);
    if (n == 0) {
        /* left whole: too long, cut from a long run, or not only letters;
         * the stem is then the normalized form */
        if (an->opt.analyses & MARSAD_ANALYZE_STEM) {
            t->stem = t->norm;
            t->nstem = t->nnorm;
        }
        return;
    }
    word_analysis(an, n, &cuts, &st, &sl, &stop);
    if (stop)
        t->flags |= MARSAD_TOKEN_STOPWORD;
    t->nseg = make_segments(&cuts, an->keyoff, t->start, t->end, t->seg);
    if (!(an->opt.analyses & MARSAD_ANALYZE_STEM))
        return;
    t->stem = an->stem;
    t->nstem = encode_stem(an->key + st, sl, an->stem);
}

/* Non-zero on a little-endian host; compilers fold it to a constant. */
static inline int little_endian(void)
{
    const uint16_t one = 1;
    unsigned char first;
    memcpy(&first, &one, 1);
    return first == 1;
}

/*
 * Loads a surface of n <= TC_SURF bytes as zero-padded 64-bit words (the
 * cache key) and returns their hash.  The key is built once per token and
 * serves both for hashing and for comparing.  limit is the end of the
 * input: when eight bytes remain, the tail is read with one load.
 */
static inline uint32_t load_key(const unsigned char *p, size_t n,
                                const unsigned char *limit,
                                uint64_t k[TC_WORDS])
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ n;
    size_t j = 0;

    k[0] = k[1] = k[2] = 0;
    for (; n >= 8; j++, p += 8, n -= 8) {
        memcpy(&k[j], p, 8);
        h = (h ^ k[j]) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    if (n) {
        uint64_t v = 0;
        size_t b;
        if (limit - p >= 8 && little_endian()) {
            /* the input goes on: one load, then keep the n bytes that
             * come first in memory */
            memcpy(&v, p, 8);
            v &= ~(uint64_t)0 >> (64 - 8 * n);
        } else {
            for (b = 0; b < n; b++)
                v |= (uint64_t)p[b] << (8 * b);
        }
        k[j] = v;
        h = (h ^ v) * 0xC4CEB9FE1A85EC53u;
        h ^= h >> 29;
    }
    return (uint32_t)h;
}

static inline int same_key(const struct tcache_entry *e, size_t n,
                           const uint64_t k[TC_WORDS])
{
    return e->nsurf == n && e->surf[0] == k[0] && e->surf[1] == k[1] &&
           e->surf[2] == k[2];
}

/* Keeps the analysis of Arabic word t in the token cache slot e, if it
 * fits. */
static void tcache_store(struct tcache_entry *e, const uint64_t k[TC_WORDS],
                         const marsad_token *t)
{
    size_t n = t->end - t->start;
    unsigned i, kinds = 0;

    if (t->stem && t->nstem > TC_STEM)
        return;
    e->nsurf = (uint8_t)n;
    memcpy(e->surf, k, sizeof e->surf);
    e->flags = (uint8_t)(t->flags & MARSAD_TOKEN_STOPWORD);
    e->nstem = t->stem ? (uint8_t)t->nstem : 0xFF;
    if (t->stem)
        memcpy(e->stem, t->stem, t->nstem);
    e->nseg = (uint8_t)t->nseg;
    for (i = 0; i < t->nseg; i++) {
        e->segend[i] = (uint8_t)(t->seg[i].end - t->start);
        kinds |= (unsigned)t->seg[i].kind << (2 * i);
    }
    e->kinds = (uint16_t)kinds;
}

/* Fills t from the token cache slot e, whose surface matched.  A stem
 * equal to the normalized form is not stored twice. */
static void tcache_load(const struct tcache_entry *e, marsad_token *t)
{
    unsigned i;
    size_t at = t->start;

    t->flags |= e->flags;
    if (e->nstem == 0xFF) {
        t->stem = NULL;
        t->nstem = 0;
    } else {
        t->stem = e->stem;
        t->nstem = e->nstem;
    }
    t->nseg = e->nseg;
    for (i = 0; i < e->nseg; i++) {
        t->seg[i].start = at;
        at = t->start + e->segend[i];
        t->seg[i].end = at;
        t->seg[i].kind = (e->kinds >> (2 * i)) & 3;
    }
}

/* Non-zero if s[0..n) is ASCII that the folds leave as it is. */
static inline int ascii_unchanged(const unsigned char *s, size_t n,
                                  unsigned folds)
{
    size_t i;
    int fold_case = (folds & MARSAD_FOLD_CASE) != 0;
    for (i = 0; i < n; i++) {
        if (s[i] >= 0x80 || (fold_case && s[i] >= 'A' && s[i] <= 'Z'))
            return 0;
    }
    return 1;
}

/*
 * Whether the dot s[start..end) stands inside a run of words, with no
 * space on either side, in an acronym or a site name (سي.إن.إن،
 * بي.دبليو.سي، العربية.نت): the word before it has at most three
 * letters or itself follows such a dot, or the word after it is نت or
 * كوم.  Such a dot ends no sentence.  A dot glued to two longer words
 * ("المدينة.وقال", a space lost in scraping) still does.
 */
static int inner_dot(const marsad_analyzer *an, const struct walk *w,
                     size_t start, size_t end)
{
    static const char *const sites[] = {"نت", "كوم"};
    const unsigned char *s = w->s;
    uint32_t cp;
    int cls;
    if (!an->prev_word || an->prev_end != start || end >= w->len)
        return 0;
    next_char(s + end, w->len - end, &cp, &cls);
    if (cls != MARSADI_C_ARLETTER && cls != MARSADI_C_LETTER)
        return 0;
    if (an->prev_nchars <= 3 || an->after_dot)
        return 1;
    for (size_t k = 0; k < sizeof sites / sizeof *sites; k++) {
        size_t m = strlen(sites[k]);
        if (w->len - end >= m && memcmp(s + end, sites[k], m) == 0) {
            if (end + m == w->len)
                return 1;
            next_char(s + end + m, w->len - end - m, &cp, &cls);
            if (cls != MARSADI_C_ARLETTER && cls != MARSADI_C_LETTER &&
                cls != MARSADI_C_ARMARK)
                return 1;
        }
    }
    return 0;
}

/*
 * Normalizes, analyzes and delivers the token s[start..end).  fnorm is
 * the length of its normalized form when the scan already wrote it to
 * an->norm, else (size_t)-1.
 */
static int emit(struct walk *w, int type, size_t start, size_t end,
                unsigned flags, uint32_t first_cp, size_t nchars,
                size_t fnorm)
{
    marsad_analyzer *an = w->an;
    const unsigned char *s = w->s;
    marsad_token t;
    size_t n = end - start;
    int closer = type == MARSAD_TOKEN_PUNCT && is_closer(first_cp);
    int term = type == MARSAD_TOKEN_PUNCT && is_terminator(first_cp);
    int inner = term && first_cp == '.' && n == 1 &&
                inner_dot(an, w, start, end);

    if (an->pending && an->started &&
        (an->pending == 2 || !(closer || term))) {
        an->sentence++;
        an->pending = 0;
    }
    an->started = 1;
    t.start = start;
    t.end = end;
    t.type = type;
    t.flags = flags | (inner ? MARSAD_TOKEN_INNER : 0u);
    t.sentence = an->sentence;
    t.position = an->position++;
    t.nseg = 1;
    t.seg[0].start = start;
    t.seg[0].end = end;
    t.seg[0].kind = MARSAD_SEG_BASE;
    t.stem = NULL;
    t.nstem = 0;
    if (fnorm != (size_t)-1) {
        t.norm = an->norm; /* written by the scan */
        t.nnorm = fnorm;
    } else if (type != MARSAD_TOKEN_ARABIC &&
               ascii_unchanged(s + start, n, an->opt.folds)) {
        t.norm = (const char *)s + start; /* nothing to fold: no copy */
        t.nnorm = n;
    } else {
        t.norm = an->norm;
        t.nnorm = marsad_normalize((const char *)s + start, n,
                                   an->opt.folds, an->norm, an->norm_cap);
    }
    if (type == MARSAD_TOKEN_ARABIC && an->opt.analyses) {
        if (n <= TC_SURF && !(flags & MARSAD_TOKEN_SPLIT)) {
            /* two-way buckets: a hit in the second slot swaps it to the
             * first, a new entry pushes the first slot to the second, so
             * frequent words stay and rare ones go */
            uint64_t k[TC_WORDS];
            uint32_t h = load_key(s + start, n, s + w->len, k);
            struct tcache_entry *e =
                &an->tcache[(h & ((1u << (TCACHE_BITS - 1)) - 1)) * 2];
            if (same_key(&e[0], n, k)) {
                tcache_load(&e[0], &t);
            } else if (same_key(&e[1], n, k)) {
                struct tcache_entry tmp = e[0];
                e[0] = e[1];
                e[1] = tmp;
                tcache_load(&e[0], &t);
            } else {
                analyze_arabic(an, s, &t);
                if (e[0].nsurf)
                    e[1] = e[0];
                e[0].nsurf = 0;
                tcache_store(&e[0], k, &t);
            }
        } else {
            analyze_arabic(an, s, &t);
        }
    } else if (an->opt.analyses) {
        t.stem = (an->opt.analyses & MARSAD_ANALYZE_STEM) ? t.norm : NULL;
        t.nstem = t.stem ? t.nnorm : 0;
        if (type == MARSAD_TOKEN_PERCENT && !(flags & MARSAD_TOKEN_SPLIT)) {
            /* the sign is a token of its own in the UD convention */
            size_t k = end - 1;
            while (k > start && (s[k] & 0xC0) == 0x80)
                k--;
            t.seg[0].end = k;
            t.seg[1].start = k;
            t.seg[1].end = end;
            t.seg[1].kind = MARSAD_SEG_ENCLITIC;
            t.nseg = 2;
        }
    }
    if (term) {
        /* "د." or "J." is an initial, not the end of a sentence, and
         * neither is a dot inside an acronym */
        if (inner)
            an->dot_end = end;
        else if (!(first_cp == '.' && n == 1 && an->prev_single_letter &&
                   an->prev_end == start))
            an->pending = an->pending ? an->pending : 1;
    }
    an->prev_word = type == MARSAD_TOKEN_ARABIC || type == MARSAD_TOKEN_LATIN;
    an->after_dot = an->prev_word && an->dot_end == start;
    an->prev_single_letter = an->prev_word && nchars == 1;
    an->prev_nchars = nchars;
    an->prev_end = end;
    return w->fn(w->ud, &t);
}

/*
 * Scans a word from i: Arabic letters and marks when `arabic`, else
 * other letters (and ASCII digits).  Returns its end.  *nchars receives
 * its length in characters and *has_letter whether it holds a letter (a
 * run of only marks is no word).  For an Arabic word made only of
 * characters of the Arabic block whose folds keep two bytes or remove
 * them, the normalized form is written to an->norm on the way and its
 * length returned in *nnorm; otherwise *nnorm is (size_t)-1.
 */
static size_t scan_word(marsad_analyzer *an, const unsigned char *s,
                        size_t len, size_t i, int arabic, size_t *nchars,
                        int *has_letter, size_t *nnorm)
{
    size_t end = i;
    size_t n = 0;
    size_t o = 0;
    int fast = arabic;

    *has_letter = 0;
    if (arabic) {
        const uint32_t *ar2 = an->ar2;
        char *out = an->norm;
        size_t lim = i + an->opt.max_token;
        if (lim > len)
            lim = len;
        uint32_t acc = 0;
        size_t i0 = i;
        const unsigned char *p = s + i;
        const unsigned char *last = s + lim - 1; /* room for two bytes */
        /* fast path: two bytes per character, one table load that
         * gives the class and the normalized bytes */
        while (p < last && (p[0] & 0xFC) == 0xD8) {
            uint32_t v = ar2[((p[0] & 3u) << 8) | p[1]];
            uint16_t u = (uint16_t)(v >> AR2_OUT_SHIFT);
            if (v & AR2_STOP)
                break;
            acc |= v;
            memcpy(out + o, &u, 2);
            o += v & AR2_LEN_MASK;
            p += 2;
        }
        i = (size_t)(p - s);
        if (acc & AR2_SLOW)
            fast = 0;
        *has_letter = (acc & AR2_LETTER) != 0;
        /* letters are counted only where the count matters: a word of
         * one letter before a dot is an initial */
        if (*has_letter) {
            if (i < len && s[i] == '.') {
                size_t k;
                for (k = i0; k < i; k += 2)
                    n += (ar2[((s[k] & 3u) << 8) | s[k + 1]] &
                          AR2_LETTER) != 0;
            } else {
                n = 2;
            }
        }
        if (i >= len || s[i] < 0x80) {
            /* no ASCII byte continues an Arabic word */
            *nchars = n;
            *nnorm = fast ? o : (size_t)-1;
            return i;
        }
        end = i;
    }
    while (i < len) {
        uint32_t cp;
        int cls;
        size_t w = next_char(s + i, len - i, &cp, &cls);
        int joined = end == i; /* no format control since the last char */
        if (cls == MARSADI_C_ARMARK && joined) {
            i += w;
            end = i;
            fast = 0;
            continue;
        }
        if (arabic ? cls == MARSADI_C_ARLETTER
                   : (cls == MARSADI_C_LETTER ||
                      (cls == MARSADI_C_DIGIT && cp < 0x80 && joined))) {
            *has_letter = 1;
            n++;
            i += w;
            end = i;
            fast = 0;
            continue;
        }
        if (cls == MARSADI_C_IGNORE) {
            /* a joiner or bidi mark inside a word stays in it; after the
             * word it is left out */
            i += w;
            continue;
        }
        break;
    }
    *nchars = n;
    *nnorm = fast ? o : (size_t)-1;
    return end;
}

/* Scans a number from i (a digit): digits with inner group or decimal
 * marks, or a time or ratio (6:30).  Returns its end. */
static size_t scan_number(const unsigned char *s, size_t len, size_t i)
{
    size_t end = i;

    while (i < len) {
        uint32_t cp;
        int cls;
        size_t w = next_char(s + i, len - i, &cp, &cls);
        if (cls == MARSADI_C_DIGIT) {
            i += w;
            end = i;
            continue;
        }
        if (end == i &&
            (cp == '.' || cp == ',' || cp == ':' || cp == 0x066B ||
             cp == 0x066C) &&
            i + w < len) {
            uint32_t cp2;
            int cls2;
            next_char(s + i + w, len - i - w, &cp2, &cls2);
            if (cls2 == MARSADI_C_DIGIT) {
                i += w;
                continue;
            }
        }
        break;
    }
    return end;
}

/* Delivers the run s[start..end) as one token, or as pieces of at most
 * max_token bytes.  fnorm: length of its normalized form already in
 * an->norm, or (size_t)-1. */
static inline int emit_run(struct walk *w, int type, size_t start,
                           size_t end, uint32_t first_cp, size_t nchars,
                           size_t fnorm)
{
    marsad_analyzer *an = w->an;
    unsigned flags = 0;
    int rc;

    while (end - start > an->opt.max_token) {
        size_t e = cut_at_char(w->s, start, end, an->opt.max_token);
        /* only the last piece of a long percentage holds the sign */
        int piece_type = type == MARSAD_TOKEN_PERCENT ? MARSAD_TOKEN_NUMBER
                                                      : type;
        rc = emit(w, piece_type, start, e, MARSAD_TOKEN_SPLIT, first_cp, 0,
                  (size_t)-1);
        if (rc)
            return rc;
        start = e;
        flags = MARSAD_TOKEN_SPLIT;
        fnorm = (size_t)-1;
    }
    return emit(w, type, start, end, flags, first_cp, nchars, fnorm);
}

int marsad_analyze(marsad_analyzer *an, const char *text, size_t len,
                   marsad_token_fn fn, void *ud)
{
    struct walk w;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;

    an->errmsg[0] = '\0';
    if (!fn || (!text && len)) {
        memcpy(an->errmsg, "no callback or no text", 23);
        return MARSAD_EINVAL;
    }
    if (an->opt.strict_utf8) {
        size_t off = 0;
        if (marsad_utf8_validate(text, len, &off) != MARSAD_OK) {
            static const char msg[] = "invalid UTF-8 at byte ";
            char num[24];
            size_t k = sizeof num;
            num[--k] = '\0';
            do {
                num[--k] = (char)('0' + off % 10);
                off /= 10;
            } while (off && k > 0);
            memcpy(an->errmsg, msg, sizeof msg - 1);
            memcpy(an->errmsg + sizeof msg - 1, num + k, sizeof num - k);
            return MARSAD_EUTF8;
        }
    }
    w.an = an;
    w.s = s;
    w.len = len;
    w.fn = fn;
    w.ud = ud;
    an->prev_end = (size_t)-1;
    while (i < len) {
        uint32_t cp;
        int cls, rc = 0;
        size_t n, end, nchars, fnorm = (size_t)-1;
        int has_letter;

        if (s[i] == ' ') {
            i++; /* the most common byte between tokens */
            continue;
        }
        n = next_char(s + i, len - i, &cp, &cls);

        switch (cls) {
        case MARSADI_C_SPACE:
            if ((cp == '\n' || cp == 0x2029 || cp == 0x2028 ||
                 cp == 0x0B || cp == 0x0C) && an->started)
                an->pending = 2;
            i += n;
            continue;
        case MARSADI_C_IGNORE:
        case MARSADI_C_BAD:
            i += n;
            continue;
        case MARSADI_C_ARLETTER:
        case MARSADI_C_ARMARK:
            end = scan_word(an, s, len, i, 1, &nchars, &has_letter,
                            &fnorm);
            if (cls == MARSADI_C_ARMARK && !has_letter) {
                /* marks with no letter (or on a Latin word's edge) */
                end = end > i ? end : i + n;
                i = end;
                continue;
            }
            rc = emit_run(&w, MARSAD_TOKEN_ARABIC, i, end, cp, nchars, fnorm);
            break;
        case MARSADI_C_LETTER:
            end = scan_word(an, s, len, i, 0, &nchars, &has_letter,
                            &fnorm);
            rc = emit_run(&w, MARSAD_TOKEN_LATIN, i, end, cp, nchars, fnorm);
            break;
        case MARSADI_C_DIGIT: {
            int type = MARSAD_TOKEN_NUMBER;
            end = scan_number(s, len, i);
            if (end < len) {
                uint32_t c2;
                int cls2;
                size_t n2 = next_char(s + end, len - end, &c2, &cls2);
                if (c2 == '%' || c2 == 0x066A) {
                    end += n2;
                    type = MARSAD_TOKEN_PERCENT;
                } else if (cls2 == MARSADI_C_LETTER) {
                    /* "5G", "3D": digits and Latin letters make a word */
                    size_t wend = scan_word(an, s, len, i, 0, &nchars,
                                            &has_letter, &fnorm);
                    if (wend > end) {
                        end = wend;
                        type = MARSAD_TOKEN_LATIN;
                    }
                }
            }
            rc = emit_run(&w, type, i, end, cp, 0, fnorm);
            break;
        }
        case MARSADI_C_PUNCT:
            if (cp == '_' && an->prev_word && an->prev_end == i &&
                i + 1 < len) {
                /* words joined by '_' (a hashtag: #وزارة_الخارجية) are
                 * words apart, the '_' a space */
                uint32_t c2;
                int cls2;
                next_char(s + i + 1, len - i - 1, &c2, &cls2);
                if (cls2 == MARSADI_C_ARLETTER || cls2 == MARSADI_C_LETTER) {
                    i++;
                    continue;
                }
            }
            end = i + n;
            if (cp == '.') {
                /* "..." is one token */
                while (end < len && s[end] == '.')
                    end++;
            }
            rc = emit_run(&w, MARSAD_TOKEN_PUNCT, i, end, cp, 0, fnorm);
            break;
        default:
            end = i + n;
            rc = emit_run(&w, MARSAD_TOKEN_SYMBOL, i, end, cp, 0, fnorm);
            break;
        }
        if (rc)
            return rc;
        i = end;
    }
    return MARSAD_OK;
}

/* ------------------------------------------------------------ one word */

unsigned marsad_segment_word(const char *w, size_t n, marsad_segment *seg)
{
    uint32_t key[MARSADI_MAX_WORD];
    uint32_t keyoff[MARSADI_MAX_WORD + 1];
    marsadi_cuts cuts;
    size_t k;

    if (!w || n == 0)
        return 0;
    k = light_key(key, keyoff, (const unsigned char *)w, 0, n);
    if (k == 0) {
        seg[0].start = 0;
        seg[0].end = n;
        seg[0].kind = MARSAD_SEG_BASE;
        return 1;
    }
    marsadi_segment(key, k, &cuts);
    return make_segments(&cuts, keyoff, 0, n, seg);
}

size_t marsad_stem_word(const char *w, size_t n, char *out, size_t cap)
{
    uint32_t key[MARSADI_MAX_WORD];
    uint32_t keyoff[MARSADI_MAX_WORD + 1];
    char tmp[MARSADI_MAX_WORD * 3];
    marsadi_cuts cuts;
    size_t k, st, sl, len;

    if (!w || n == 0)
        return 0;
    k = light_key(key, keyoff, (const unsigned char *)w, 0, n);
    if (k == 0)
        return marsad_normalize(w, n, MARSAD_PROFILE_SEARCH, out, cap);
    marsadi_segment(key, k, &cuts);
    stem_range(key, k, &cuts, &st, &sl);
    len = encode_stem(key + st, sl, tmp);
    if (cap > 0)
        memcpy(out, tmp, len < cap ? len : cap);
    return len;
}
