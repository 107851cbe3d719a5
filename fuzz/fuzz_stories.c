/*
 * fuzz_stories.c - libFuzzer target for the story layer: article
 * features and MinHash (src/story/features.c), the near-duplicate index
 * and the clusterer (src/story/cluster.c), the date reader (mv_days), the
 * vector BLOB reader, and fact alignment (src/story/align.c).
 *
 * The input is cut at form feeds into up to 6 articles; the first byte
 * of each chooses its group (so that some articles are copies of one
 * source) and whether it is dated.  Each article's facts are found with
 * the real fact finder and every word after a quote mark becomes an
 * entity mention.  Checks: vectors have unit length and sorted terms;
 * similarities lie in [0, 1]; the clusterer returns a valid story;
 * alignment output points at real facts and articles, statuses are
 * known, a corroborated claim has one value and two or more sources, a
 * contested one two or more values, and timeline events come in date
 * order.  The bytes are also read as a date and as a vector BLOB.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "store/stories.h"
#include "story/align.h"
#include "story/cluster.h"
#include "story/features.h"

#define MAX_ARTS 6

typedef struct acc {
    ma_fact *f;
    size_t n, cap, article;
} acc;

static int on_fact(void *ud, const marsad_fact *f)
{
    acc *a = ud;
    if (a->n == a->cap) {
        size_t c = a->cap ? a->cap * 2 : 32;
        ma_fact *t = realloc(a->f, c * sizeof *t);
        if (!t)
            return 1;
        a->f = t;
        a->cap = c;
    }
    a->f[a->n].article = a->article;
    a->f[a->n].f = *f;
    a->f[a->n].speaker = f->kind == MARSAD_FACT_QUOTE ? 1 : 0;
    a->n++;
    return 0;
}

static double idf_const(void *ud, uint32_t term)
{
    (void)ud;
    return 1.0 + (term % 7) * 0.5;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mv_extractor *ex;
    static marsad_facts *fx;
    ma_article arts[MAX_ARTS];
    ma_mention ments[64];
    size_t narts = 0, nment = 0;
    acc facts = {0};
    char day[24];
    mv_term vec[MV_VECTOR_MAX], back[MV_VECTOR_MAX];
    uint32_t sigs[MAX_ARTS][MV_SLOTS];
    size_t has_sig[MAX_ARTS];

    if (!ex)
        ex = mv_extractor_new();
    if (!fx)
        fx = marsad_facts_new(NULL, NULL);
    CHECK(ex && fx);

    /* the bytes as a date and as a vector */
    memset(day, 0, sizeof day);
    memcpy(day, data, size < sizeof day - 1 ? size : sizeof day - 1);
    double d = mv_days(day);
    if (!isnan(d)) {
        char iso[11];
        mv_iso(d, iso);
        CHECK(strlen(iso) == 10 || iso[0] == 0);
    }
    size_t nb = mt_vec_unpack(data, size, back, MV_VECTOR_MAX);
    CHECK(nb <= MV_VECTOR_MAX && nb <= size / 8);

    /* articles */
    const char *p = (const char *)data, *end = p + size;
    while (p < end && narts < MAX_ARTS) {
        const char *q = memchr(p, '\f', (size_t)(end - p));
        if (!q)
            q = end;
        if (q > p) {
            unsigned char c = (unsigned char)*p;
            ma_article *a = &arts[narts];
            memset(a, 0, sizeof *a);
            a->id = (int64_t)narts + 1;
            a->source = (c & 1) ? "one" : "";
            a->group = (c & 2) && narts ? 1 : a->id;
            a->text = p + 1;
            a->len = (size_t)(q - p - 1);
            if (c & 4) {
                a->year = 2020 + (c >> 5);
                a->month = 1 + (c >> 3) % 12;
                a->day = 1 + c % 28;
            }
            narts++;
        }
        p = q + 1;
    }
    for (size_t i = 0; i < narts; i++) {
        const ma_article *a = &arts[i];
        mv_doc doc;
        CHECK(mv_extract(ex, NULL, 0, a->text, a->len, NULL, NULL, 0, &doc,
                         NULL, NULL) == 0);
        for (size_t k = 1; k < doc.nterms; k++)
            CHECK(doc.terms[k - 1].term < doc.terms[k].term);
        size_t nv = mv_vector(&doc, idf_const, NULL, vec, MV_VECTOR_MAX);
        double len = 0;
        for (size_t k = 0; k < nv; k++) {
            len += (double)vec[k].w * vec[k].w;
            CHECK(k == 0 || vec[k - 1].term < vec[k].term);
        }
        CHECK(nv == 0 || fabs(len - 1.0) < 1e-3);
        memcpy(sigs[i], doc.minhash, sizeof sigs[i]);
        has_sig[i] = doc.shingles;

        /* mentions: the word after each quote mark */
        for (size_t k = 0; k + 1 < a->len && nment < 64; k++) {
            if (a->text[k] != '"')
                continue;
            size_t s = k + 1, e = s;
            while (e < a->len && a->text[e] != ' ' && a->text[e] != '"')
                e++;
            if (e > s)
                ments[nment++] = (ma_mention){i, s, e, 1 + (int)(k % 3),
                                              (int64_t)(k % 5) + 1, "name"};
        }
        facts.article = i;
        marsad_facts_doc fd = {a->year, a->month, a->day, NULL, 0, 0};
        marsad_facts_find(fx, a->text, a->len, &fd, on_fact, &facts);
    }

    /* near-duplicates and clustering */
    mh_index *ix = mh_new();
    mv_clusterer *cl = mv_clusterer_new(NULL);
    CHECK(ix && cl);
    for (size_t i = 0; i < narts; i++) {
        double s = 0;
        if (has_sig[i]) {
            int64_t o = mh_best(ix, sigs[i], 0.5, &s);
            CHECK(o == 0 || (o >= 1 && o <= (int64_t)i && s >= 0.5 && s <= 1));
            CHECK(mh_add(ix, (int64_t)i + 1, sigs[i]) == 0);
        }
        mv_term v[2] = {{(uint32_t)i % 3, 0.6f}, {7, 0.8f}};
        long st = mv_assign(cl, v, 2, (double)(i % 4) * 3, &s);
        CHECK(st >= 0 && (size_t)st < mv_count(cl));
    }
    mh_free(ix);
    mv_clusterer_free(cl);

    /* alignment */
    ma_input in = {arts, narts, ments, nment, facts.f, facts.n};
    ma_result r;
    CHECK(ma_align(&in, &r) == 0);
    for (size_t i = 0; i < r.nclaims; i++) {
        const ma_claim *c = &r.claims[i];
        CHECK(c->status >= MA_CORROBORATED && c->status <= MA_SINGLE);
        CHECK(c->nvalues >= 1);
        CHECK(c->nsources >= 1 && c->nsources <= narts);
        if (c->status == MA_CONTESTED)
            CHECK(c->nvalues >= 2);
        if (c->status == MA_CORROBORATED)
            CHECK(c->nvalues == 1 && c->nsources >= 2);
        for (size_t k = 0; k < c->nvalues; k++)
            for (size_t j = 0; j < c->values[k].nfacts; j++)
                CHECK(c->values[k].facts[j] < facts.n);
    }
    for (size_t i = 0; i < r.nevents; i++) {
        const ma_event *e = &r.events[i];
        CHECK(e->nfacts >= 1 && e->nsources >= 1 && e->nsources <= narts);
        for (size_t j = 0; j < e->nfacts; j++)
            CHECK(e->facts[j] < facts.n);
        if (i)
            CHECK(strcmp(r.events[i - 1].iso, e->iso) <= 0);
    }
    ma_result_free(&r);
    free(facts.f);
    return 0;
}
