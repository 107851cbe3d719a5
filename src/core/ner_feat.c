/*
 * ner_feat.c - what the entity recognizer knows about a word and its
 * neighbours: attributes of each token, gazetteer matches over the
 * sentence, the feature templates, and the Viterbi search.  The tagger
 * (ner.c) and the trainer (tools/train_ner.c) both use these, so that a
 * model sees at run time exactly the features it was trained on.
 */
#include <string.h>

#include "ner_internal.h"

uint64_t mn_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)n;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return mn_mix(h);
}

/* Number of UTF-8 characters in s[0..n). */
static size_t nchars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Byte length of the first k characters of s[0..n). */
static size_t head_bytes(const char *s, size_t n, size_t k)
{
    size_t i = 0;
    while (i < n && k > 0) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k--;
    }
    return i;
}

/* Byte offset where the last k characters of s[0..n) begin. */
static size_t tail_start(const char *s, size_t n, size_t k)
{
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
        k--;
    }
    return i;
}

static uint64_t small(unsigned v)
{
    return mn_mix(0x51ed27a5ULL + v);
}

void mn_word_init(mn_word *w, const mn_lex *lex, const mn_text *t)
{
    size_t len = nchars(t->key, t->nkey);
    unsigned band = len <= 3 ? (unsigned)len : len <= 5 ? 4 : len <= 8 ? 5 : 6;
    unsigned al = t->nkey >= 4 && memcmp(t->key, "\xd8\xa7\xd9\x84", 4) == 0;
    uint32_t c = 0;

    w->a[MN_A_NORM] = mn_hash(t->norm, t->nnorm);
    w->a[MN_A_KEY] = w->keyh = mn_hash(t->key, t->nkey);
    w->a[MN_A_STEM] = mn_hash(t->stem, t->nstem);
    w->a[MN_A_PRE] = mn_hash(t->pre, t->npre);
    w->a[MN_A_ENC] = mn_hash(t->enc, t->nenc);
    w->a[MN_A_P2] = mn_hash(t->key, head_bytes(t->key, t->nkey, 2));
    w->a[MN_A_P3] = mn_hash(t->key, head_bytes(t->key, t->nkey, 3));
    w->a[MN_A_P1] = mn_hash(t->key, head_bytes(t->key, t->nkey, 1));
    w->a[MN_A_P4] = mn_hash(t->key, head_bytes(t->key, t->nkey, 4));
    {
        size_t s1 = tail_start(t->key, t->nkey, 1);
        size_t s2 = tail_start(t->key, t->nkey, 2);
        size_t s3 = tail_start(t->key, t->nkey, 3);
        size_t s4 = tail_start(t->key, t->nkey, 4);
        w->a[MN_A_S1] = mn_hash(t->key + s1, t->nkey - s1);
        w->a[MN_A_S2] = mn_hash(t->key + s2, t->nkey - s2);
        w->a[MN_A_S3] = mn_hash(t->key + s3, t->nkey - s3);
        w->a[MN_A_S4] = mn_hash(t->key + s4, t->nkey - s4);
    }
    w->a[MN_A_SHAPE] = small((unsigned)t->type * 64 + band * 8 + al * 4 +
                             (t->marks & 3));
    if (mn_table_get(&lex->clusters, w->keyh, &c)) {
        w->a[MN_A_C1] = small(0x10000u + (c & 0x3FF));
        w->a[MN_A_C2] = small(0x20000u + ((c >> 10) & 0x3FF));
        w->a[MN_A_C3] = small(0x30000u + (c >> 20));
    } else {
        w->a[MN_A_C1] = w->a[MN_A_C2] = w->a[MN_A_C3] = small(0xFFFFFu);
    }
    w->gz = 0;
    w->lx = 0;
    {
        uint32_t v;
        if (mn_table_get(&lex->stats, w->keyh, &v))
            w->lx = v;
    }
    {
        uint32_t bits;
        if (mn_table_get(&lex->gaz, mn_seq(0, w->keyh), &bits))
            w->gz = bits & ~MN_GZ_PREFIX;
    }
    w->span = 0;
    w->hist = 0;
    w->arabic = t->type == MARSAD_TOKEN_ARABIC;
    w->clitic = t->npre > 0;
    w->number = t->type == MARSAD_TOKEN_NUMBER;
    w->punct = t->type == MARSAD_TOKEN_PUNCT || t->type == MARSAD_TOKEN_SYMBOL;
    w->article = (uint8_t)al;
    w->nisba = al && t->nkey > 6 &&
               (memcmp(t->key + t->nkey - 2, "\xd9\x8a", 2) == 0 ||
                memcmp(t->key + t->nkey - 4, "\xd9\x8a\xd9\x87", 4) == 0 ||
                memcmp(t->key + t->nkey - 4, "\xd9\x8a\xd8\xa9", 4) == 0);
    w->content = (t->type == MARSAD_TOKEN_ARABIC ||
                  t->type == MARSAD_TOKEN_LATIN) && !t->stop && len >= 2;
    w->id = mn_mix(w->a[MN_A_NORM] ^ (w->a[MN_A_SHAPE] * 3) ^
                   (w->a[MN_A_KEY] * 7) ^ ((uint64_t)w->gz << 40) ^ w->lx);
}

/* Copies src[0..n) to *at (at most cap bytes); returns the copy. */
static const char *put(char **at, const char *src, size_t n, size_t *out)
{
    char *d = *at;
    if (n > 255)
        n = 255;
    memcpy(d, src, n);
    *at += n;
    *out = n;
    return d;
}

/*
 * The segments of tok of one kind, each search-normalized and cut to
 * `cap` bytes, joined with '+' at *at (which moves past them).
 */
static const char *join_segments(char **at, const char *s,
                                 const marsad_token *tok, int kind,
                                 size_t cap, size_t *len)
{
    char *out = *at, tmp[256];
    size_t n = 0;
    for (unsigned k = 0; k < tok->nseg; k++) {
        const marsad_segment *g = &tok->seg[k];
        size_t m;
        if (g->kind != kind)
            continue;
        m = marsad_normalize(s + g->start, g->end - g->start,
                             MARSAD_PROFILE_SEARCH, tmp, sizeof tmp);
        if (m > cap)
            m = cap;
        if (n)
            out[n++] = '+';
        memcpy(out + n, tmp, m);
        n += m;
    }
    *at += n;
    *len = n;
    return out;
}

void mn_text_from_token(mn_text *t, const char *s, const marsad_token *tok,
                        char *buf)
{
    char *at = buf;

    memset(t, 0, sizeof *t);
    t->type = tok->type;
    t->stop = (tok->flags & MARSAD_TOKEN_STOPWORD) != 0;
    t->norm = put(&at, tok->norm, tok->nnorm, &t->nnorm);
    t->stem = put(&at, tok->stem, tok->nstem, &t->nstem);
    if (tok->type == MARSAD_TOKEN_NUMBER || tok->type == MARSAD_TOKEN_PERCENT) {
        t->key = put(&at, "#", 1, &t->nkey);
        return;
    }
    if (tok->type != MARSAD_TOKEN_ARABIC || tok->nseg <= 1) {
        t->key = put(&at, tok->norm, tok->nnorm, &t->nkey);
        return;
    }
    /* Clitics joined with '+', and the base normalized on its own. */
    t->pre = join_segments(&at, s, tok, MARSAD_SEG_PROCLITIC, 8, &t->npre);
    t->enc = join_segments(&at, s, tok, MARSAD_SEG_ENCLITIC, 8, &t->nenc);
    t->key = join_segments(&at, s, tok, MARSAD_SEG_BASE, 255, &t->nkey);
}

int mn_whole_span(const char *s, const marsad_token *tok, size_t *start,
                  size_t *end)
{
    unsigned k;
    *end = 0;
    if (tok->type != MARSAD_TOKEN_ARABIC || tok->nseg < 2)
        return 0;
    for (k = 0; k < tok->nseg; k++)
        if (tok->seg[k].kind == MARSAD_SEG_BASE)
            *end = tok->seg[k].end;
    for (k = 0; k < tok->nseg && tok->seg[k].kind == MARSAD_SEG_PROCLITIC;
         k++) {
        const marsad_segment *g = &tok->seg[k];
        /* و is D9 88 in UTF-8 */
        if (!(g->end - g->start == 2 && (unsigned char)s[g->start] == 0xD9 &&
              (unsigned char)s[g->start + 1] == 0x88))
            break;
    }
    if (k == tok->nseg || tok->seg[k].kind != MARSAD_SEG_PROCLITIC ||
        !*end || *end - tok->seg[k].start > 255) {
        *end = 0;
        return 0;
    }
    *start = tok->seg[k].start;
    return 1;
}

uint64_t mn_whole_hash(const char *s, size_t start, size_t end)
{
    char tmp[4 * 255 + 16];
    size_t m = marsad_normalize(s + start, end - start, MARSAD_PROFILE_SEARCH,
                                tmp, sizeof tmp);
    return m > sizeof tmp ? 0 : mn_hash(tmp, m);
}

void mn_spans(mn_word *w, size_t n, const mn_lex *lex)
{
    size_t busy[MN_GZ_NSPAN] = {0}; /* first word free for each type */

    for (size_t i = 0; i < n; i++)
        w[i].span = 0;
    for (size_t i = 0; i < n; i++) {
        size_t best[MN_GZ_NSPAN] = {0};
        uint64_t seq = 0;
        for (size_t L = 1; L <= MN_GZ_MAXLEN && i + L <= n; L++) {
            uint32_t bits;
            seq = mn_seq(seq, w[i + L - 1].keyh);
            if (!mn_table_get(&lex->gaz, seq, &bits))
                break;
            for (unsigned k = 0; k < MN_GZ_NSPAN; k++)
                if (bits & (1u << k))
                    best[k] = L;
            if (!(bits & MN_GZ_PREFIX))
                break;
        }
        for (unsigned k = 0; k < MN_GZ_NSPAN; k++) {
            size_t L = best[k];
            if (!L || i < busy[k])
                continue;
            if (L == 1) {
                w[i].span |= 3u << (2 * k);
            } else {
                w[i].span |= 1u << (2 * k);
                for (size_t j = i + 1; j < i + L; j++)
                    w[j].span |= 2u << (2 * k);
            }
            busy[k] = i + L;
        }
    }
}

/*
 * Template codes: the attribute (or kind) in the high bits, the offset
 * (+4) in the low ones.
 */
#define CODE(kind, off) ((uint64_t)(kind) * 16 + (uint64_t)((off) + 4))
#define FEAT(code, v)                                                       \
    (out[k++] = mn_mix((v) ^ ((code) * 0x9E3779B97F4A7C15ULL)))

enum {
    K_BIAS = MN_NATTR + 1,
    K_GZWORD,
    K_SPAN,
    K_KEY2,
    K_KEY2R,
    K_C2PAIR,
    K_C2PAIRR,
    K_SHAPE3,
    K_FIRST,
    K_LX,
    K_LXBAND,
    K_LXTOP,
    K_HIST
};

static const mn_word *at_(const mn_word *w, size_t n, size_t i, int off,
                          const mn_word *edge)
{
    long j = (long)i + off;
    if (j < 0)
        return &edge[0];
    if ((size_t)j >= n)
        return &edge[1];
    return &w[j];
}

void mn_lex_init(mn_lex *lex)
{
    memset(lex, 0, sizeof *lex);
    for (unsigned e = 0; e < 2; e++) {
        for (unsigned a = 0; a < MN_NATTR; a++)
            lex->edge[e].a[a] = small(0x7000000u + e);
        lex->edge[e].keyh = lex->edge[e].a[0];
        lex->edge[e].id = lex->edge[e].a[0];
    }
}

size_t mn_word_features(const mn_word *o, int off, uint64_t *out)
{
    static const int attrs0[] = {MN_A_NORM, MN_A_KEY, MN_A_STEM, MN_A_PRE,
                                 MN_A_ENC,  MN_A_P2,  MN_A_P3,   MN_A_S2,
                                 MN_A_S3,   MN_A_P1,  MN_A_S1,   MN_A_P4,
                                 MN_A_S4,   MN_A_SHAPE, MN_A_C1, MN_A_C2,
                                 MN_A_C3};
    static const int attrs1[] = {MN_A_NORM, MN_A_KEY, MN_A_STEM, MN_A_SHAPE,
                                 MN_A_C1,   MN_A_C2,  MN_A_C3,   MN_A_S2,
                                 MN_A_S3,   MN_A_P2};
    static const int attrs2[] = {MN_A_KEY, MN_A_C2, MN_A_SHAPE};
    size_t k = 0;

    if (off == 0)
        for (size_t a = 0; a < sizeof attrs0 / sizeof *attrs0; a++)
            FEAT(CODE(attrs0[a], 0), o->a[attrs0[a]]);
    else if (off == -1 || off == 1)
        for (size_t a = 0; a < sizeof attrs1 / sizeof *attrs1; a++)
            FEAT(CODE(attrs1[a], off), o->a[attrs1[a]]);
    else
        for (size_t a = 0; a < sizeof attrs2 / sizeof *attrs2; a++)
            FEAT(CODE(attrs2[a], off), o->a[attrs2[a]]);
    for (unsigned b = 5; b < 8; b++)
        if (o->gz & (1u << b))
            FEAT(CODE(K_GZWORD, off), small(b));
    if (o->lx && off >= -1 && off <= 1) {
        unsigned top = 0, topbin = 0;
        for (unsigned t = 0; t < 4; t++) {
            unsigned b = (o->lx >> (3 * t)) & 7;
            if (b)
                FEAT(CODE(K_LX, off), small(t * 8 + b));
            if (b > topbin) {
                topbin = b;
                top = t + 1;
            }
        }
        FEAT(CODE(K_LXTOP, off), small(top * 8 + topbin));
        if (off == 0)
            FEAT(CODE(K_LXBAND, 0), small(o->lx >> 12));
    }
    return k;
}

const mn_word *mn_at(const mn_lex *lex, const mn_word *w, size_t n,
                     size_t i, int off)
{
    return at_(w, n, i, off, lex->edge);
}

size_t mn_context_features(const mn_lex *lex, const mn_word *w, size_t n,
                           size_t i, uint64_t *out)
{
    const mn_word *c = &w[i];
    const mn_word *p = at_(w, n, i, -1, lex->edge);
    const mn_word *q = at_(w, n, i, 1, lex->edge);
    size_t k = 0;

    FEAT(CODE(K_BIAS, 0), 1);
    for (int off = -2; off <= 2; off++) {
        const mn_word *o = at_(w, n, i, off, lex->edge);
        for (unsigned t = 0; t < MN_GZ_NSPAN; t++) {
            unsigned s = (o->span >> (2 * t)) & 3;
            if (s)
                FEAT(CODE(K_SPAN, off), small(t * 4 + s));
        }
    }
    FEAT(CODE(K_KEY2, 0), mn_mix(p->a[MN_A_KEY] * 31 + c->a[MN_A_KEY]));
    FEAT(CODE(K_KEY2R, 0), mn_mix(c->a[MN_A_KEY] * 31 + q->a[MN_A_KEY]));
    FEAT(CODE(K_C2PAIR, 0), mn_mix(p->a[MN_A_C2] * 31 + c->a[MN_A_C2]));
    FEAT(CODE(K_C2PAIRR, 0), mn_mix(c->a[MN_A_C2] * 31 + q->a[MN_A_C2]));
    FEAT(CODE(K_SHAPE3, 0),
         mn_mix((p->a[MN_A_SHAPE] * 31 + c->a[MN_A_SHAPE]) * 31 +
                q->a[MN_A_SHAPE]));
    if (i == 0)
        FEAT(CODE(K_FIRST, 0), 1);
    if (c->hist)
        FEAT(CODE(K_HIST, 0), small(c->hist));
    if (p->hist)
        FEAT(CODE(K_HIST, -1), small(p->hist));
    if (q->hist)
        FEAT(CODE(K_HIST, 1), small(q->hist));
    return k;
}

size_t mn_features(const mn_lex *lex, const mn_word *w, size_t n, size_t i,
                   uint64_t *out)
{
    size_t k = 0;
    for (int off = -2; off <= 2; off++)
        k += mn_word_features(at_(w, n, i, off, lex->edge), off, out + k);
    return k + mn_context_features(lex, w, n, i, out + k);
}

/* adjoin_never[p][t]: a name of type t that begins with a word without
 * proclitics does not follow a name of type p ending on the word before.
 * Of the 7,490 names of the first 85 % of the ANERcorp training split,
 * 18 persons, 5 organizations and 7 other names follow a name of their
 * own type so (a conjunction or a preposition comes between two names),
 * and 4 places follow an organization, 3 places another name and one
 * organization a place, where the two words are mostly one name
 * ("سبارتاك موسكو", "أسيك أبيدجان": a club and its city).  Places follow
 * places ("كردستان العراق", 20 times) and persons follow their title's
 * organization or place ("الأمم المتحدة كوفي أنان", 58 times) too often
 * to be ruled out. */
static const unsigned char adjoin_never[5][5] = {
    [MARSAD_ENTITY_PER] = {[MARSAD_ENTITY_PER] = 1},
    [MARSAD_ENTITY_LOC] = {[MARSAD_ENTITY_ORG] = 1},
    [MARSAD_ENTITY_ORG] = {[MARSAD_ENTITY_LOC] = 1, [MARSAD_ENTITY_ORG] = 1},
    [MARSAD_ENTITY_MISC] = {[MARSAD_ENTITY_LOC] = 1,
                            [MARSAD_ENTITY_MISC] = 1},
};

void mn_limit_adjoin(const mn_word *w, size_t n, unsigned char *lim)
{
    for (size_t i = 1; i < n; i++)
        if (w[i].arabic && !w[i].clitic && w[i - 1].arabic)
            lim[i] |= MN_LIM_ADJOIN;
}

void mn_viterbi(const float *emit, size_t n, const float *trans,
                const unsigned char *lim, unsigned char *back,
                unsigned char *tags)
{
    float score[MN_NTAGS], next[MN_NTAGS];
    unsigned char ok[MN_NTAGS][MN_NTAGS];
    unsigned adjoin[5] = {0}; /* per type, the tags it never follows */

    if (n == 0)
        return;
    for (int p = 0; p < MN_NTAGS; p++)
        for (int g = 0; g < MN_NTAGS; g++)
            ok[g][p] = (unsigned char)mn_allowed(p, g);
    for (int t = 1; t <= 4; t++)
        for (int pt = 1; pt <= 4; pt++)
            if (adjoin_never[pt][t])
                adjoin[t] |= 1u << MN_TAG(pt, MN_L) | 1u << MN_TAG(pt, MN_U);
    for (int g = 0; g < MN_NTAGS; g++)
        score[g] = mn_allowed(MN_NTAGS, g) &&
                           !(lim && g > 0 &&
                             ((lim[0] & MN_LIM_OUT) ||
                              ((lim[0] & MN_LIM_BEGIN) && MN_POS(g) == MN_B)))
                       ? trans[MN_NTAGS * MN_NTAGS + g] + emit[g]
                       : -1e30f;
    for (size_t i = 1; i < n; i++) {
        unsigned l = lim ? lim[i] : 0;
        for (int g = 0; g < MN_NTAGS; g++) {
            float best = -1e30f;
            int arg = 0;
            unsigned skip = 0; /* tags p that g may not follow */
            if ((l & (MN_LIM_PERSON | MN_LIM_PERSON_ON)) && g == 0) {
                next[g] = -1e30f;
                back[i * MN_NTAGS + (size_t)g] = 0;
                continue;
            }
            if (l && g > 0) {
                int pos = MN_POS(g), t = MN_TYPE(g);
                if ((l & MN_LIM_OUT) ||
                    ((l & MN_LIM_INSIDE) && (pos == MN_I || pos == MN_L)) ||
                    ((l & MN_LIM_BEGIN) && pos == MN_B) ||
                    ((l & MN_LIM_PERSON) &&
                     (t != MARSAD_ENTITY_PER || pos == MN_I ||
                      pos == MN_L)) ||
                    ((l & MN_LIM_PERSON_ON) &&
                     (t != MARSAD_ENTITY_PER || pos == MN_B ||
                      pos == MN_U))) {
                    next[g] = -1e30f;
                    back[i * MN_NTAGS + (size_t)g] = 0;
                    continue;
                }
                /* not right after a name of a type it never follows */
                if ((l & MN_LIM_ADJOIN) && (pos == MN_B || pos == MN_U))
                    skip = adjoin[t];
            }
            for (int p = 0; p < MN_NTAGS; p++) {
                float v;
                if (!ok[g][p] || (skip >> p & 1u))
                    continue;
                v = score[p] + trans[p * MN_NTAGS + g];
                if (v > best) {
                    best = v;
                    arg = p;
                }
            }
            next[g] = best + emit[i * MN_NTAGS + (size_t)g];
            back[i * MN_NTAGS + (size_t)g] = (unsigned char)arg;
        }
        memcpy(score, next, sizeof score);
    }
    {
        int arg = 0;
        for (int g = 1; g < MN_NTAGS; g++)
            if (mn_may_end(g) && score[g] > score[arg])
                arg = g;
        tags[n - 1] = (unsigned char)arg;
        for (size_t i = n - 1; i > 0; i--)
            tags[i - 1] = back[i * MN_NTAGS + tags[i]];
    }
}

void mn_to_bio(const unsigned char *tags, size_t n, unsigned char *bio)
{
    for (size_t i = 0; i < n; i++) {
        int g = tags[i], t = MN_TYPE(g);
        if (g == 0)
            bio[i] = 0;
        else if (MN_POS(g) == MN_B || MN_POS(g) == MN_U)
            bio[i] = (unsigned char)(2 * t - 1);
        else
            bio[i] = (unsigned char)(2 * t);
    }
}

void mn_from_bio(const unsigned char *bio, size_t n, unsigned char *tags)
{
    for (size_t i = 0; i < n;) {
        int t = MN_BIO_TYPE(bio[i]);
        size_t j;
        if (bio[i] == 0) {
            tags[i++] = 0;
            continue;
        }
        j = i + 1;
        while (j < n && bio[j] == 2 * t)
            j++;
        if (j - i == 1) {
            tags[i] = (unsigned char)MN_TAG(t, MN_U);
        } else {
            tags[i] = (unsigned char)MN_TAG(t, MN_B);
            for (size_t k = i + 1; k + 1 < j; k++)
                tags[k] = (unsigned char)MN_TAG(t, MN_I);
            tags[j - 1] = (unsigned char)MN_TAG(t, MN_L);
        }
        i = j;
    }
}

/* ---------------------------------------------------- pre-tokenized words */

struct one_word {
    const char *s;
    char *buf;
    mn_text text;
    int have;     /* a word-like token was seen */
    int any;      /* any token was seen */
    unsigned marks;
};

static int wordish(int type)
{
    return type == MARSAD_TOKEN_ARABIC || type == MARSAD_TOKEN_LATIN ||
           type == MARSAD_TOKEN_NUMBER || type == MARSAD_TOKEN_PERCENT;
}

/* The first word-like token of a word stands for it; punctuation glued
 * before or after it becomes marks. */
static int on_word_token(void *ud, const marsad_token *tok)
{
    struct one_word *o = ud;
    if (o->have) {
        o->marks |= 2;
        return 0;
    }
    if (wordish(tok->type)) {
        if (o->any)
            o->marks |= 1;
        mn_text_from_token(&o->text, o->s, tok, o->buf);
        o->have = 1;
    } else if (!o->any) {
        mn_text_from_token(&o->text, o->s, tok, o->buf);
    }
    o->any = 1;
    return 0;
}

int mn_prepare(marsad_analyzer *an, const mn_lex *lex,
               const char *const *words, const size_t *lens, size_t n,
               mn_word *out, char *buf)
{
    for (size_t i = 0; i < n; i++) {
        struct one_word o;
        int rc;
        memset(&o, 0, sizeof o);
        o.s = words[i];
        o.buf = buf;
        rc = marsad_analyze(an, o.s, lens[i], on_word_token, &o);
        if (rc == MARSAD_ENOMEM)
            return rc;
        if (!o.any) {
            /* no token at all (an empty or blank word): empty strings,
             * never null pointers, for the hashing below */
            memset(&o.text, 0, sizeof o.text);
            o.text.type = MARSAD_TOKEN_SYMBOL;
            o.text.norm = o.text.stem = o.text.key = "";
            o.text.pre = o.text.enc = "";
        }
        o.text.marks = o.marks;
        mn_word_init(&out[i], lex, &o.text);
    }
    marsad_analyzer_reset(an);
    return MARSAD_OK;
}

/* ------------------------------------------------------------ history */

/* Per key: how often it was tagged O and inside each entity type. */
typedef struct hslot {
    uint64_t key;
    uint16_t n[5];
} hslot;

struct mn_hist {
    hslot *slot;           /* 1 << HBITS slots */
    uint32_t *touched;     /* the slots in use, `used` of them, so that a
                              new document clears only those */
    uint64_t *ring;        /* per sentence, its keys and types */
    unsigned char *rtype;
    size_t rcap;           /* entries the ring holds */
    size_t start[MN_HIST_SENTS + 1]; /* ring offsets of the sentences */
    size_t nsent, head, used;
};

#define HBITS 14
#define HMAX ((size_t)1 << (HBITS - 1)) /* keys before the table is reset */

mn_hist *mn_hist_new(const marsad_allocator *al)
{
    mn_hist *h = al->malloc(al->ud, sizeof *h);
    if (!h)
        return NULL;
    memset(h, 0, sizeof *h);
    h->slot = al->malloc(al->ud, sizeof *h->slot << HBITS);
    h->touched = al->malloc(al->ud, sizeof *h->touched << HBITS);
    h->rcap = 8192;
    h->ring = al->malloc(al->ud, h->rcap * sizeof *h->ring);
    h->rtype = al->malloc(al->ud, h->rcap);
    if (!h->slot || !h->touched || !h->ring || !h->rtype) {
        mn_hist_free(h, al);
        return NULL;
    }
    memset(h->slot, 0, sizeof *h->slot << HBITS);
    return h;
}

void mn_hist_free(mn_hist *h, const marsad_allocator *al)
{
    if (!h)
        return;
    if (h->slot)
        al->free(al->ud, h->slot);
    if (h->touched)
        al->free(al->ud, h->touched);
    if (h->ring)
        al->free(al->ud, h->ring);
    if (h->rtype)
        al->free(al->ud, h->rtype);
    al->free(al->ud, h);
}

void mn_hist_clear(mn_hist *h)
{
    for (size_t i = 0; i < h->used; i++)
        memset(&h->slot[h->touched[i]], 0, sizeof *h->slot);
    h->nsent = 0;
    h->head = 0;
    h->used = 0;
}

/* The slot of key, or NULL. */
static hslot *hlook(const mn_hist *h, uint64_t key)
{
    size_t mask = ((size_t)1 << HBITS) - 1, i = (size_t)key & mask;
    while (h->slot[i].key && h->slot[i].key != key)
        i = (i + 1) & mask;
    return h->slot[i].key ? &h->slot[i] : NULL;
}

/* The slot of key, taken when absent.  The table never fills: it holds
 * at most HMAX keys before a sentence is added, and a sentence adds at
 * most rcap / 2. */
static hslot *htake(mn_hist *h, uint64_t key)
{
    size_t mask = ((size_t)1 << HBITS) - 1, i = (size_t)key & mask;
    while (h->slot[i].key && h->slot[i].key != key)
        i = (i + 1) & mask;
    if (!h->slot[i].key) {
        h->slot[i].key = key;
        h->touched[h->used++] = (uint32_t)i;
    }
    return &h->slot[i];
}

void mn_hist_mark(const mn_hist *h, mn_word *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const hslot *s;
        unsigned tot, ent = 0, top = 0;
        w[i].hist = 0;
        if (!w[i].content || !(s = hlook(h, w[i].keyh)))
            continue;
        tot = s->n[0];
        for (unsigned t = 1; t <= 4; t++) {
            tot += s->n[t];
            ent += s->n[t];
            if (s->n[t] > (top ? s->n[top] : 0))
                top = t;
        }
        if (tot == 0)
            continue;
        /* type seen most (0: only outside names), share band, and
         * whether it was seen more than once */
        w[i].hist = (uint8_t)(1 + top * 16 +
                              (ent * 3 <= tot ? 0 : ent * 3 < 2 * tot ? 4
                                                                      : 8) +
                              (tot > 1));
    }
}

/* Takes the oldest sentence out of the counts. */
static void hdrop(mn_hist *h)
{
    size_t from = h->start[0], to = h->start[1];
    for (size_t j = from; j < to; j++) {
        hslot *s = hlook(h, h->ring[j % h->rcap]);
        if (s && s->n[h->rtype[j % h->rcap]])
            s->n[h->rtype[j % h->rcap]]--;
    }
    memmove(h->start, h->start + 1, h->nsent * sizeof *h->start);
    h->nsent--;
}

int mn_hist_add(mn_hist *h, const marsad_allocator *al, const mn_word *w,
                const unsigned char *tags, size_t n)
{
    size_t k = 0;
    (void)al;
    for (size_t i = 0; i < n; i++)
        k += w[i].content;
    if (k > h->rcap / 2) /* a sentence longer than the ring: forget */
        return 0;
    if (h->nsent == 0)
        h->start[0] = h->head;
    while (h->nsent == MN_HIST_SENTS ||
           (h->nsent && h->head + k - h->start[0] > h->rcap))
        hdrop(h);
    if (h->used > HMAX) {
        /* Too many keys for the table: start the document afresh. */
        mn_hist_clear(h);
        h->start[0] = h->head;
    }
    for (size_t i = 0; i < n; i++) {
        hslot *s;
        unsigned t;
        if (!w[i].content)
            continue;
        t = MN_TYPE(tags[i]);
        s = htake(h, w[i].keyh);
        if (s->n[t] < UINT16_MAX)
            s->n[t]++;
        h->ring[h->head % h->rcap] = w[i].keyh;
        h->rtype[h->head % h->rcap] = (unsigned char)t;
        h->head++;
    }
    h->nsent++;
    h->start[h->nsent] = h->head;
    return 0;
}
