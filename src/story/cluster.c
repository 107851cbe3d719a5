/*
 * cluster.c - near-duplicate lookup (banded MinHash) and single-pass
 * story clustering (see cluster.h).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "story/cluster.h"

/* ------------------------------------------------------ near-duplicates */

#define BANDS 21       /* bands of ROWS slots: 63 of the 64 slots */
#define ROWS 3
#define CHAIN_MAX 64   /* earlier articles looked at per band */

struct mh_index {
    int64_t *ids;
    uint32_t *sigs;    /* MV_SLOTS per article */
    int32_t *prev;     /* BANDS per article: the previous one in the band */
    size_t n, cap;
    uint64_t *keys;    /* band hash table: key -> latest article */
    int32_t *last;
    size_t tcap, tn;
};

mh_index *mh_new(void)
{
    mh_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->tcap = 1024;
    ix->keys = calloc(ix->tcap, sizeof *ix->keys);
    ix->last = malloc(ix->tcap * sizeof *ix->last);
    if (!ix->keys || !ix->last) {
        mh_free(ix);
        return NULL;
    }
    for (size_t i = 0; i < ix->tcap; i++)
        ix->last[i] = -1;
    return ix;
}

void mh_free(mh_index *ix)
{
    if (!ix)
        return;
    free(ix->ids);
    free(ix->sigs);
    free(ix->prev);
    free(ix->keys);
    free(ix->last);
    free(ix);
}

static uint64_t band_key(const uint32_t *sig, size_t b)
{
    uint64_t k = XXH64(sig + b * ROWS, ROWS * sizeof *sig, b + 1);
    return k ? k : 1; /* 0 marks a free slot */
}

static size_t band_find(const mh_index *ix, uint64_t k)
{
    size_t j = (size_t)k & (ix->tcap - 1);
    while (ix->keys[j] && ix->keys[j] != k)
        j = (j + 1) & (ix->tcap - 1);
    return j;
}

static int band_grow(mh_index *ix)
{
    mh_index old = *ix;
    ix->tcap *= 2;
    ix->keys = calloc(ix->tcap, sizeof *ix->keys);
    ix->last = malloc(ix->tcap * sizeof *ix->last);
    if (!ix->keys || !ix->last) {
        free(ix->keys);
        free(ix->last);
        *ix = old;
        return -1;
    }
    for (size_t j = 0; j < old.tcap; j++) {
        if (!old.keys[j])
            continue;
        size_t t = band_find(ix, old.keys[j]);
        ix->keys[t] = old.keys[j];
        ix->last[t] = old.last[j];
    }
    free(old.keys);
    free(old.last);
    return 0;
}

int mh_add(mh_index *ix, int64_t article, const uint32_t *sig)
{
    if (ix->n == ix->cap) {
        size_t c = ix->cap ? ix->cap * 2 : 1024;
        int64_t *ids = realloc(ix->ids, c * sizeof *ids);
        if (!ids)
            return -1;
        ix->ids = ids;
        uint32_t *sigs = realloc(ix->sigs, c * MV_SLOTS * sizeof *sigs);
        if (!sigs)
            return -1;
        ix->sigs = sigs;
        int32_t *prev = realloc(ix->prev, c * BANDS * sizeof *prev);
        if (!prev)
            return -1;
        ix->prev = prev;
        ix->cap = c;
    }
    if ((ix->tn + BANDS) * 2 > ix->tcap && band_grow(ix))
        return -1;
    size_t e = ix->n++;
    ix->ids[e] = article;
    memcpy(ix->sigs + e * MV_SLOTS, sig, MV_SLOTS * sizeof *sig);
    for (size_t b = 0; b < BANDS; b++) {
        uint64_t k = band_key(sig, b);
        size_t j = band_find(ix, k);
        if (!ix->keys[j]) {
            ix->keys[j] = k;
            ix->last[j] = -1;
            ix->tn++;
        }
        ix->prev[e * BANDS + b] = ix->last[j];
        ix->last[j] = (int32_t)e;
    }
    return 0;
}

int64_t mh_best(const mh_index *ix, const uint32_t *sig, double min_sim,
                double *sim)
{
    int64_t best = 0;
    double bs = -1;
    for (size_t b = 0; b < BANDS; b++) {
        size_t j = band_find(ix, band_key(sig, b));
        int32_t e = ix->keys[j] ? ix->last[j] : -1;
        for (int steps = 0; e >= 0 && steps < CHAIN_MAX; steps++) {
            double s = mv_minhash_sim(sig, ix->sigs + (size_t)e * MV_SLOTS);
            if (s > bs || (s == bs && ix->ids[e] < best)) {
                bs = s;
                best = ix->ids[e];
            }
            e = ix->prev[(size_t)e * BANDS + b];
        }
    }
    if (bs < min_sim)
        return 0;
    *sim = bs;
    return best;
}

/* ------------------------------------------------------------- stories */

#define QUERY_TERMS 20     /* strongest article terms used to find stories */
#define POSTINGS_SCAN 400  /* latest stories looked at per term */
#define CANDIDATES 24      /* stories compared in full */

typedef struct plist {
    uint32_t term;
    uint32_t n, cap;
    uint32_t *s;           /* story indexes, in order of joining */
} plist;

struct mv_clusterer {
    mv_params p;
    mv_story *st;
    size_t n, cap;
    plist *pl;             /* open addressing by term */
    size_t pcap, pn;
    float *acc;            /* per story: accumulated overlap */
    uint32_t *stamp;       /* per story: query that last touched acc */
    uint32_t query;
    size_t acccap;
    uint32_t *cand;
    size_t ncand, candcap;
};

void mv_params_default(mv_params *p)
{
    p->threshold = 0.25;
    p->link = 0.27;
    p->window = 4.0;
    p->decay = 3.0;
    p->centroid = 160;
}

mv_clusterer *mv_clusterer_new(const mv_params *p)
{
    mv_clusterer *cl = calloc(1, sizeof *cl);
    if (!cl)
        return NULL;
    if (p)
        cl->p = *p;
    else
        mv_params_default(&cl->p);
    cl->pcap = 4096;
    cl->pl = calloc(cl->pcap, sizeof *cl->pl);
    if (!cl->pl) {
        free(cl);
        return NULL;
    }
    return cl;
}

void mv_clusterer_free(mv_clusterer *cl)
{
    if (!cl)
        return;
    for (size_t i = 0; i < cl->n; i++)
        free(cl->st[i].c);
    for (size_t i = 0; i < cl->pcap; i++)
        free(cl->pl[i].s);
    free(cl->st);
    free(cl->pl);
    free(cl->acc);
    free(cl->stamp);
    free(cl->cand);
    free(cl);
}

size_t mv_count(const mv_clusterer *cl) { return cl->n; }
mv_story *mv_story_at(mv_clusterer *cl, size_t i) { return &cl->st[i]; }

static plist *plist_get(mv_clusterer *cl, uint32_t term, int create)
{
    size_t j = (term * 2654435761u) & (cl->pcap - 1);
    while (cl->pl[j].cap && cl->pl[j].term != term)
        j = (j + 1) & (cl->pcap - 1);
    if (cl->pl[j].cap || !create)
        return cl->pl[j].cap ? &cl->pl[j] : NULL;
    if ((cl->pn + 1) * 2 > cl->pcap) {
        size_t ncap = cl->pcap * 2;
        plist *t = calloc(ncap, sizeof *t);
        if (!t)
            return NULL;
        for (size_t i = 0; i < cl->pcap; i++) {
            if (!cl->pl[i].cap)
                continue;
            size_t k = (cl->pl[i].term * 2654435761u) & (ncap - 1);
            while (t[k].cap)
                k = (k + 1) & (ncap - 1);
            t[k] = cl->pl[i];
        }
        free(cl->pl);
        cl->pl = t;
        cl->pcap = ncap;
        return plist_get(cl, term, 1);
    }
    cl->pl[j].term = term;
    cl->pl[j].cap = 4;
    cl->pl[j].s = malloc(4 * sizeof *cl->pl[j].s);
    if (!cl->pl[j].s) {
        cl->pl[j].cap = 0;
        return NULL;
    }
    cl->pn++;
    return &cl->pl[j];
}

static int post(mv_clusterer *cl, uint32_t term, uint32_t s)
{
    plist *l = plist_get(cl, term, 1);
    if (!l)
        return -1;
    if (l->n && l->s[l->n - 1] == s)
        return 0;
    if (l->n == l->cap) {
        uint32_t *t = realloc(l->s, (size_t)l->cap * 2 * sizeof *t);
        if (!t)
            return -1;
        l->s = t;
        l->cap *= 2;
    }
    l->s[l->n++] = s;
    return 0;
}

static void story_norm(mv_story *s)
{
    double n = 0;
    for (size_t i = 0; i < s->nc; i++)
        n += (double)s->c[i].w * s->c[i].w;
    s->norm = sqrt(n);
}

/* Adds v into the story's centroid (both sorted by term). */
static int centroid_add(mv_clusterer *cl, mv_story *s, const mv_term *v,
                        size_t nv)
{
    size_t need = s->nc + nv, i = 0, j = 0, k = 0;
    mv_term *m = malloc((need ? need : 1) * sizeof *m);
    if (!m)
        return -1;
    while (i < s->nc || j < nv) {
        if (j == nv || (i < s->nc && s->c[i].term < v[j].term))
            m[k++] = s->c[i++];
        else if (i == s->nc || v[j].term < s->c[i].term)
            m[k++] = v[j++];
        else {
            m[k] = s->c[i++];
            m[k++].w += v[j++].w;
        }
    }
    if (k > cl->p.centroid + cl->p.centroid / 2) {
        qsort(m, k, sizeof *m, mv_weight_cmp);
        k = cl->p.centroid;
        qsort(m, k, sizeof *m, mv_term_cmp);
    }
    free(s->c);
    s->c = m;
    s->nc = s->capc = k;
    story_norm(s);
    return 0;
}

static int grow_stories(mv_clusterer *cl)
{
    if (cl->n < cl->cap)
        return 0;
    size_t c = cl->cap ? cl->cap * 2 : 256;
    mv_story *st = realloc(cl->st, c * sizeof *st);
    if (!st)
        return -1;
    cl->st = st;
    float *acc = realloc(cl->acc, c * sizeof *acc);
    if (!acc)
        return -1;
    cl->acc = acc;
    uint32_t *stamp = realloc(cl->stamp, c * sizeof *stamp);
    if (!stamp)
        return -1;
    cl->stamp = stamp;
    for (size_t i = cl->cap; i < c; i++)
        cl->stamp[i] = 0;
    cl->cap = c;
    return 0;
}

static long new_story(mv_clusterer *cl, int64_t id, double first,
                      double last, int64_t n)
{
    if (grow_stories(cl))
        return -1;
    mv_story *s = &cl->st[cl->n];
    memset(s, 0, sizeof *s);
    s->id = id;
    s->first = first;
    s->last = last;
    s->n = n;
    return (long)cl->n++;
}

long mv_add_story(mv_clusterer *cl, int64_t id, double first, double last,
                  int64_t n, const mv_term *c, size_t nc)
{
    long i = new_story(cl, id, first, last, n);
    if (i < 0)
        return -1;
    mv_story *s = &cl->st[i];
    s->c = malloc((nc ? nc : 1) * sizeof *s->c);
    if (!s->c)
        return -1;
    memcpy(s->c, c, nc * sizeof *c);
    qsort(s->c, nc, sizeof *s->c, mv_term_cmp);
    s->nc = s->capc = nc;
    story_norm(s);
    for (size_t t = 0; t < nc; t++)
        if (post(cl, c[t].term, (uint32_t)i))
            return -1;
    return i;
}

int mv_join(mv_clusterer *cl, long si, const mv_term *v, size_t nv,
            double day)
{
    mv_story *s = &cl->st[si];
    if (centroid_add(cl, s, v, nv))
        return -1;
    s->n++;
    s->touched = 1;
    if (!isnan(day)) {
        if (isnan(s->first) || day < s->first)
            s->first = day;
        if (isnan(s->last) || day > s->last)
            s->last = day;
    }
    for (size_t t = 0; t < nv; t++)
        if (post(cl, v[t].term, (uint32_t)si))
            return -1;
    return 0;
}

/* The gap in days between a date and a story's span; 0 when either is
 * undated. */
static double gap(const mv_story *s, double day)
{
    if (isnan(day) || isnan(s->first))
        return 0;
    if (day > s->last)
        return day - s->last;
    if (day < s->first)
        return s->first - day;
    return 0;
}

static int add_cand(mv_clusterer *cl, uint32_t s)
{
    if (cl->ncand == cl->candcap) {
        size_t c = cl->candcap ? cl->candcap * 2 : 256;
        uint32_t *t = realloc(cl->cand, c * sizeof *t);
        if (!t)
            return -1;
        cl->cand = t;
        cl->candcap = c;
    }
    cl->cand[cl->ncand++] = s;
    return 0;
}

long mv_assign(mv_clusterer *cl, const mv_term *v, size_t nv, double day,
               double *sim)
{
    mv_term q[QUERY_TERMS];
    size_t nq = 0;
    long best = -1;
    double bs = 0;

    /* the strongest terms of the article */
    for (size_t i = 0; i < nv; i++) {
        if (nq < QUERY_TERMS) {
            q[nq++] = v[i];
            continue;
        }
        size_t m = 0;
        for (size_t k = 1; k < nq; k++)
            if (q[k].w < q[m].w)
                m = k;
        if (v[i].w > q[m].w)
            q[m] = v[i];
    }
    if (++cl->query == 0) {
        memset(cl->stamp, 0, cl->cap * sizeof *cl->stamp);
        cl->query = 1;
    }
    cl->ncand = 0;
    for (size_t i = 0; i < nq; i++) {
        plist *l = plist_get(cl, q[i].term, 0);
        if (!l)
            continue;
        size_t lo = l->n > POSTINGS_SCAN ? l->n - POSTINGS_SCAN : 0;
        for (size_t k = l->n; k-- > lo;) {
            uint32_t s = l->s[k];
            if (cl->stamp[s] != cl->query) {
                if (gap(&cl->st[s], day) > cl->p.window)
                    continue;
                cl->stamp[s] = cl->query;
                cl->acc[s] = 0;
                if (add_cand(cl, s))
                    return -1;
            }
            cl->acc[s] += q[i].w;
        }
    }
    /* the candidates with most overlap, compared in full */
    for (size_t k = 0; k < cl->ncand && k < CANDIDATES; k++) {
        size_t m = k;
        for (size_t j = k + 1; j < cl->ncand; j++)
            if (cl->acc[cl->cand[j]] > cl->acc[cl->cand[m]])
                m = j;
        uint32_t t = cl->cand[k];
        cl->cand[k] = cl->cand[m];
        cl->cand[m] = t;
        mv_story *s = &cl->st[cl->cand[k]];
        if (s->norm <= 0)
            continue;
        double dot = mv_dot(v, nv, s->c, s->nc);
        double c = dot / s->norm, g = gap(s, day);
        /* the mean similarity to its articles guards against a broad
         * story drawing in everything on its topic */
        if (s->n > 0 && dot / (double)s->n < cl->p.link)
            continue;
        if (g > 1)
            c *= pow(0.5, (g - 1) / cl->p.decay);
        if (c > bs) {
            bs = c;
            best = (long)cl->cand[k];
        }
    }
    if (best >= 0 && bs >= cl->p.threshold) {
        if (mv_join(cl, best, v, nv, day))
            return -1;
        *sim = bs;
        return best;
    }
    best = new_story(cl, 0, day, day, 0);
    if (best < 0 || mv_join(cl, best, v, nv, day))
        return -1;
    *sim = 0;
    return best;
}

/* ---------------------------------------------------------------- dates */

static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *s, int n, long *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

double mv_days(const char *s)
{
    long y, m, d, hh = 0, mm = 0, ss = 0, oh = 0, om = 0;
    int sign = 0;
    if (!s || strlen(s) < 10 || digits(s, 4, &y) || s[4] != '-' ||
        digits(s + 5, 2, &m) || s[7] != '-' || digits(s + 8, 2, &d) ||
        m < 1 || m > 12 || d < 1 || d > 31)
        return NAN;
    s += 10;
    if ((*s == 'T' || *s == ' ') && strlen(s) >= 6 &&
        !digits(s + 1, 2, &hh) && s[3] == ':' && !digits(s + 4, 2, &mm)) {
        s += 6;
        if (*s == ':' && !digits(s + 1, 2, &ss))
            s += 3;
        while (*s == '.' || isdigit((unsigned char)*s))
            s++;
        if ((*s == '+' || *s == '-') && strlen(s) >= 6 &&
            !digits(s + 1, 2, &oh) && s[3] == ':' && !digits(s + 4, 2, &om))
            sign = *s == '-' ? -1 : 1;
    }
    double t = (double)days_from_civil(y, m, d) +
               (hh * 3600.0 + mm * 60.0 + ss) / 86400.0;
    if (sign)
        t -= sign * (oh * 3600.0 + om * 60.0) / 86400.0;
    return t;
}

char *mv_iso(double day, char *out)
{
    if (isnan(day) || day < -700000 || day > 2900000) {
        out[0] = 0;
        return out;
    }
    long z = (long)floor(day) + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
             (unsigned)m % 100u, (unsigned)d % 100u);
    return out;
}
