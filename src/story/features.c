/*
 * features.c - MinHash signatures and weighted terms of an article (see
 * features.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "marsad.h"
#include "story/features.h"

#define SHINGLE 4     /* words per shingle */
#define LEAD_WORDS 60 /* body words that count as the lead */
#define W_TITLE 3.0f
#define W_LEAD 2.0f
#define W_BODY 1.0f
#define W_ENTITY 1.0f

/* One slot of the term table. */
typedef struct slot {
    uint32_t term;
    uint32_t used; /* 0 free; else 1 + index of the term's text, or 1 */
    float w;
} slot;

struct mv_extractor {
    marsad_analyzer *an;
    slot *tab;          /* open addressing, power-of-two size */
    size_t cap, n;
    mv_term *out;       /* doc->terms */
    size_t outcap;
    char *text;         /* texts of distinct terms (when wanted) */
    size_t ntext, textcap;
    size_t *toff;       /* per distinct term: offset, length in text */
    size_t ntoff, toffcap;
    int want_text, failed;

    /* walk state */
    float weight;       /* of the field being read */
    size_t lead_left;   /* body words still in the lead */
    int body;           /* reading the body: shingle it */
    uint32_t ring[SHINGLE];
    size_t nring;
    uint64_t minh[MV_SLOTS];
    size_t shingles, words;
};

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

uint32_t mv_term_of(const char *s, size_t n) { return XXH32(s, n, 0x6d76u); }

mv_extractor *mv_extractor_new(void)
{
    mv_extractor *ex = calloc(1, sizeof *ex);
    marsad_options opt;
    if (!ex)
        return NULL;
    marsad_options_init(&opt);
    ex->an = marsad_analyzer_new(&opt, NULL, NULL);
    ex->cap = 1024;
    ex->tab = calloc(ex->cap, sizeof *ex->tab);
    if (!ex->an || !ex->tab) {
        mv_extractor_free(ex);
        return NULL;
    }
    return ex;
}

void mv_extractor_free(mv_extractor *ex)
{
    if (!ex)
        return;
    marsad_analyzer_free(ex->an);
    free(ex->tab);
    free(ex->out);
    free(ex->text);
    free(ex->toff);
    free(ex);
}

static int grow_table(mv_extractor *ex)
{
    size_t ncap = ex->cap * 2;
    slot *t = calloc(ncap, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < ex->cap; i++) {
        if (!ex->tab[i].used)
            continue;
        size_t j = ex->tab[i].term & (ncap - 1);
        while (t[j].used)
            j = (j + 1) & (ncap - 1);
        t[j] = ex->tab[i];
    }
    free(ex->tab);
    ex->tab = t;
    ex->cap = ncap;
    return 0;
}

/* Remembers the text of a new term; returns 1 + its index, or 0. */
static uint32_t keep_text(mv_extractor *ex, const char *s, size_t n)
{
    if (ex->ntext + n > ex->textcap) {
        size_t c = ex->textcap ? ex->textcap * 2 : 4096;
        while (c < ex->ntext + n)
            c *= 2;
        char *t = realloc(ex->text, c);
        if (!t)
            return 0;
        ex->text = t;
        ex->textcap = c;
    }
    if (ex->ntoff + 2 > ex->toffcap) {
        size_t c = ex->toffcap ? ex->toffcap * 2 : 512;
        size_t *t = realloc(ex->toff, c * sizeof *t);
        if (!t)
            return 0;
        ex->toff = t;
        ex->toffcap = c;
    }
    memcpy(ex->text + ex->ntext, s, n);
    ex->toff[ex->ntoff++] = ex->ntext;
    ex->toff[ex->ntoff++] = n;
    ex->ntext += n;
    return (uint32_t)(ex->ntoff / 2);
}

static void add_term(mv_extractor *ex, const char *s, size_t n, float w)
{
    uint32_t h = mv_term_of(s, n);
    size_t j;
    if (ex->n * 2 >= ex->cap && grow_table(ex)) {
        ex->failed = 1;
        return;
    }
    j = h & (ex->cap - 1);
    while (ex->tab[j].used && ex->tab[j].term != h)
        j = (j + 1) & (ex->cap - 1);
    if (!ex->tab[j].used) {
        uint32_t u = 1;
        if (ex->want_text && !(u = keep_text(ex, s, n))) {
            ex->failed = 1;
            return;
        }
        ex->tab[j].term = h;
        ex->tab[j].used = u;
        ex->tab[j].w = 0;
        ex->n++;
    }
    ex->tab[j].w += w;
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static void shingle(mv_extractor *ex, const marsad_token *t)
{
    uint32_t h = XXH32(t->norm, t->nnorm, 0x7368u);
    uint64_t s = 0;
    if (ex->nring == SHINGLE) {
        memmove(ex->ring, ex->ring + 1, (SHINGLE - 1) * sizeof *ex->ring);
        ex->nring--;
    }
    ex->ring[ex->nring++] = h;
    if (ex->nring < SHINGLE)
        return;
    for (size_t i = 0; i < SHINGLE; i++)
        s = (s ^ ex->ring[i]) * 0x100000001b3ULL + i;
    s = mix64(s);
    /* one permutation: the top bits choose the slot, the rest compete */
    size_t k = (size_t)(s >> 58);
    uint64_t v = s & ((1ULL << 58) - 1);
    if (v < ex->minh[k])
        ex->minh[k] = v;
    ex->shingles++;
}

static int on_token(void *ud, const marsad_token *t)
{
    mv_extractor *ex = ud;
    int word = t->type == MARSAD_TOKEN_ARABIC ||
               t->type == MARSAD_TOKEN_LATIN ||
               t->type == MARSAD_TOKEN_NUMBER ||
               t->type == MARSAD_TOKEN_PERCENT;
    if (!word)
        return 0;
    if (ex->body)
        shingle(ex, t);
    if (t->type == MARSAD_TOKEN_ARABIC) {
        const char *s = t->nstem ? t->stem : t->norm;
        size_t n = t->nstem ? t->nstem : t->nnorm;
        if ((t->flags & MARSAD_TOKEN_STOPWORD) || utf8_chars(s, n) < 2)
            return 0;
        float w = ex->weight;
        if (ex->body && ex->lead_left) {
            ex->lead_left--;
            w = W_LEAD;
        }
        add_term(ex, s, n, w);
        ex->words++;
    } else if (t->type == MARSAD_TOKEN_LATIN && t->nnorm >= 2) {
        add_term(ex, t->norm, t->nnorm, ex->weight);
        ex->words++;
    }
    return ex->failed;
}

int mv_term_cmp(const void *a, const void *b)
{
    uint32_t x = ((const mv_term *)a)->term, y = ((const mv_term *)b)->term;
    return (x > y) - (x < y);
}

int mv_extract(mv_extractor *ex, const char *title, size_t tlen,
               const char *text, size_t len, const char *const *names,
               const size_t *name_lens, size_t nnames, mv_doc *doc,
               mv_term_fn fn, void *ud)
{
    char buf[512];

    memset(ex->tab, 0, ex->cap * sizeof *ex->tab);
    ex->n = 0;
    ex->ntext = ex->ntoff = 0;
    ex->want_text = fn != NULL;
    ex->failed = 0;
    ex->nring = 0;
    ex->shingles = ex->words = 0;
    for (size_t i = 0; i < MV_SLOTS; i++)
        ex->minh[i] = UINT64_MAX;

    if (title && tlen) {
        ex->weight = W_TITLE;
        ex->body = 0;
        ex->lead_left = 0;
        marsad_analyzer_reset(ex->an);
        if (marsad_analyze(ex->an, title, tlen, on_token, ex) ==
            MARSAD_ENOMEM)
            ex->failed = 1;
    }
    ex->weight = W_BODY;
    ex->body = 1;
    ex->lead_left = LEAD_WORDS;
    marsad_analyzer_reset(ex->an);
    if (!ex->failed &&
        marsad_analyze(ex->an, text, len, on_token, ex) == MARSAD_ENOMEM)
        ex->failed = 1;
    for (size_t i = 0; i < nnames && !ex->failed; i++) {
        size_t n = marsad_normalize(names[i], name_lens[i],
                                    MARSAD_PROFILE_SEARCH, buf + 1,
                                    sizeof buf - 1);
        if (n == 0 || n > sizeof buf - 1)
            continue;
        buf[0] = '@';
        add_term(ex, buf, n + 1, W_ENTITY);
    }
    if (ex->failed)
        return -1;

    /* the signature: empty slots borrow from the next filled one */
    memset(doc, 0, sizeof *doc);
    doc->shingles = ex->shingles;
    doc->words = ex->words;
    if (ex->shingles) {
        for (size_t i = 0; i < MV_SLOTS; i++) {
            size_t j = i, d = 0;
            while (ex->minh[j] == UINT64_MAX) {
                j = (j + 1) % MV_SLOTS;
                d++;
            }
            doc->minhash[i] =
                (uint32_t)mix64(ex->minh[j] + d * 0x9e3779b97f4a7c15ULL);
        }
    }

    if (ex->n > ex->outcap) {
        mv_term *o = realloc(ex->out, ex->n * sizeof *o);
        if (!o)
            return -1;
        ex->out = o;
        ex->outcap = ex->n;
    }
    size_t k = 0;
    for (size_t i = 0; i < ex->cap; i++) {
        if (!ex->tab[i].used)
            continue;
        ex->out[k].term = ex->tab[i].term;
        ex->out[k].w = ex->tab[i].w;
        if (fn) {
            size_t x = (ex->tab[i].used - 1) * 2;
            fn(ud, ex->tab[i].term, ex->text + ex->toff[x],
               ex->toff[x + 1]);
        }
        k++;
    }
    qsort(ex->out, k, sizeof *ex->out, mv_term_cmp);
    doc->terms = ex->out;
    doc->nterms = k;
    return 0;
}

double mv_minhash_sim(const uint32_t *a, const uint32_t *b)
{
    size_t eq = 0;
    for (size_t i = 0; i < MV_SLOTS; i++)
        eq += a[i] == b[i];
    return (double)eq / MV_SLOTS;
}

double mv_idf(double df, double n)
{
    if (df < 0)
        df = 0;
    return log((n + 1.0) / (df + 1.0)) + 1.0;
}

int mv_weight_cmp(const void *a, const void *b)
{
    float x = ((const mv_term *)a)->w, y = ((const mv_term *)b)->w;
    if (x != y)
        return x < y ? 1 : -1;
    return mv_term_cmp(a, b);
}

size_t mv_vector(const mv_doc *doc, double (*idf)(void *ud, uint32_t term),
                 void *ud, mv_term *out, size_t max)
{
    mv_term *tmp;
    size_t n = doc->nterms, k;
    double norm = 0;

    if (!n || !max)
        return 0;
    tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return 0;
    for (size_t i = 0; i < n; i++) {
        tmp[i].term = doc->terms[i].term;
        tmp[i].w = (float)((1.0 + log(doc->terms[i].w)) *
                           idf(ud, doc->terms[i].term));
    }
    qsort(tmp, n, sizeof *tmp, mv_weight_cmp);
    k = n < max ? n : max;
    for (size_t i = 0; i < k; i++)
        norm += (double)tmp[i].w * tmp[i].w;
    norm = sqrt(norm);
    for (size_t i = 0; i < k; i++) {
        out[i] = tmp[i];
        out[i].w = norm > 0 ? (float)(tmp[i].w / norm) : 0.0f;
    }
    free(tmp);
    qsort(out, k, sizeof *out, mv_term_cmp);
    return k;
}

double mv_dot(const mv_term *a, size_t na, const mv_term *b, size_t nb)
{
    size_t i = 0, j = 0;
    double s = 0;
    while (i < na && j < nb) {
        if (a[i].term < b[j].term)
            i++;
        else if (a[i].term > b[j].term)
            j++;
        else
            s += (double)a[i++].w * b[j++].w;
    }
    return s;
}
