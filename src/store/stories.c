/*
 * stories.c - the story pass (see stories.h).
 *
 * Articles are read in order of publication (undated ones last, in order
 * of arrival).  For each: its features (src/story/features.c), the
 * near-duplicate lookup over every signature kept so far, then its story
 * (src/story/cluster.c).  Term weights use document frequencies of the
 * store, added to a background table computed from a news corpus when
 * one is found, so that a small store already knows which words are
 * common.  Everything is written in one transaction at the end.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/stories.h"
#include "story/features.h"

/* ------------------------------------------------------ term -> count */

typedef struct u32map {
    uint32_t *k, *v;
    unsigned char *used;
    size_t cap, n;
} u32map;

static int map_init(u32map *m, size_t cap)
{
    m->cap = 1;
    while (m->cap < cap * 2)
        m->cap *= 2;
    m->n = 0;
    m->k = malloc(m->cap * sizeof *m->k);
    m->v = malloc(m->cap * sizeof *m->v);
    m->used = calloc(m->cap, 1);
    return m->k && m->v && m->used ? 0 : -1;
}

static void map_free(u32map *m)
{
    free(m->k);
    free(m->v);
    free(m->used);
    memset(m, 0, sizeof *m);
}

static size_t map_slot(const u32map *m, uint32_t k)
{
    size_t j = (k * 2654435761u) & (m->cap - 1);
    while (m->used[j] && m->k[j] != k)
        j = (j + 1) & (m->cap - 1);
    return j;
}

static uint32_t map_get(const u32map *m, uint32_t k)
{
    if (!m->cap)
        return 0;
    size_t j = map_slot(m, k);
    return m->used[j] ? m->v[j] : 0;
}

/* Adds d to k's count (1: newly stored with used=2 to mark "changed"). */
static int map_add(u32map *m, uint32_t k, uint32_t d, unsigned char mark)
{
    if ((m->n + 1) * 2 > m->cap) {
        u32map b;
        if (map_init(&b, m->cap))
            return -1;
        for (size_t i = 0; i < m->cap; i++)
            if (m->used[i]) {
                size_t j = map_slot(&b, m->k[i]);
                b.used[j] = m->used[i];
                b.k[j] = m->k[i];
                b.v[j] = m->v[i];
                b.n++;
            }
        map_free(m);
        *m = b;
    }
    size_t j = map_slot(m, k);
    if (!m->used[j]) {
        m->k[j] = k;
        m->v[j] = 0;
        m->n++;
    }
    m->used[j] = m->used[j] > mark ? m->used[j] : mark;
    m->v[j] += d;
    return 0;
}

struct mt_df {
    u32map m;
    double n;
};

void mt_df_free(mt_df *df)
{
    if (!df)
        return;
    map_free(&df->m);
    free(df);
}

int mt_df_load(const char *path, mt_df **out, char *err, size_t errcap)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    long ln = 0;
    mt_df *df;

    if (!f) {
        snprintf(err, errcap, "%s: %s", path, strerror(errno));
        return -1;
    }
    df = calloc(1, sizeof *df);
    if (!df || map_init(&df->m, 1 << 16)) {
        fclose(f);
        mt_df_free(df);
        snprintf(err, errcap, "%s: out of memory", path);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        char *tab, *end;
        size_t n = strlen(line);
        ln++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (!n)
            continue;
        if (line[0] == '#') {
            double d;
            if (sscanf(line, "# documents %lf", &d) == 1)
                df->n = d;
            continue;
        }
        tab = strrchr(line, '\t');
        errno = 0;
        unsigned long v = tab ? strtoul(tab + 1, &end, 10) : 0;
        if (!tab || tab == line || errno || *end || !v || v > UINT32_MAX) {
            snprintf(err, errcap, "%s:%ld: expected TERM<TAB>COUNT", path,
                     ln);
            fclose(f);
            mt_df_free(df);
            return -1;
        }
        if (map_add(&df->m, mv_term_of(line, (size_t)(tab - line)),
                    (uint32_t)v, 1)) {
            snprintf(err, errcap, "%s: out of memory", path);
            fclose(f);
            mt_df_free(df);
            return -1;
        }
    }
    fclose(f);
    if (df->n <= 0) {
        snprintf(err, errcap, "%s: no '# documents N' line", path);
        mt_df_free(df);
        return -1;
    }
    *out = df;
    return 0;
}

/* --------------------------------------------------------------- blobs */

size_t mt_vec_pack(const mv_term *v, size_t n, unsigned char *out)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t w;
        memcpy(&w, &v[i].w, sizeof w);
        for (int b = 0; b < 4; b++) {
            out[i * 8 + (size_t)b] = (unsigned char)(v[i].term >> (8 * b));
            out[i * 8 + 4 + (size_t)b] = (unsigned char)(w >> (8 * b));
        }
    }
    return n * 8;
}

size_t mt_vec_unpack(const void *blob, size_t bytes, mv_term *out,
                     size_t max)
{
    const unsigned char *p = blob;
    size_t n = bytes / 8;
    if (n > max)
        n = max;
    for (size_t i = 0; i < n; i++) {
        uint32_t t = 0, w = 0;
        for (int b = 0; b < 4; b++) {
            t |= (uint32_t)p[i * 8 + (size_t)b] << (8 * b);
            w |= (uint32_t)p[i * 8 + 4 + (size_t)b] << (8 * b);
        }
        out[i].term = t;
        memcpy(&out[i].w, &w, sizeof w);
        if (!isfinite(out[i].w))
            out[i].w = 0;
    }
    return n;
}

static void sig_pack(const uint32_t *s, unsigned char *out)
{
    for (size_t i = 0; i < MV_SLOTS; i++)
        for (int b = 0; b < 4; b++)
            out[i * 4 + (size_t)b] = (unsigned char)(s[i] >> (8 * b));
}

static int sig_unpack(const void *blob, size_t bytes, uint32_t *s)
{
    const unsigned char *p = blob;
    if (!blob || bytes != MV_SLOTS * 4)
        return -1;
    for (size_t i = 0; i < MV_SLOTS; i++) {
        s[i] = 0;
        for (int b = 0; b < 4; b++)
            s[i] |= (uint32_t)p[i * 4 + (size_t)b] << (8 * b);
    }
    return 0;
}

/* ---------------------------------------------------------------- pass */

void mt_options_default(mt_options *o)
{
    mv_params_default(&o->cluster);
    o->dup_sim = 0.5;
    o->df_path = NULL;
}

/* One article of this pass. */
typedef struct item {
    int64_t id;
    double day;        /* NAN when undated */
    long story;        /* clusterer index, or -1 (a closed story) */
    int64_t story_id;  /* the closed story's id when story < 0 */
    int64_t original;  /* near-duplicate of, or 0 */
    double sim, dup_sim;
    mv_term *vec;
    size_t nvec;
    uint32_t sig[MV_SLOTS];
    int has_sig, has_title;
} item;

static int by_day(const void *a, const void *b)
{
    const item *x = a, *y = b;
    int nx = isnan(x->day), ny = isnan(y->day);
    if (nx != ny)
        return nx - ny;
    if (!nx && x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

typedef struct idf_ctx {
    const mt_df *bg;
    const u32map *local;
    double n;
} idf_ctx;

static double idf_of(void *ud, uint32_t term)
{
    const idf_ctx *c = ud;
    double df = map_get(c->local, term);
    if (c->bg)
        df += map_get(&c->bg->m, term);
    return mv_idf(df, c->n);
}

/* The root of a near-duplicate chain. */
static int64_t root_of(sqlite3_stmt *q, int64_t a)
{
    for (int hops = 0; hops < 16; hops++) {
        int64_t o = 0;
        sqlite3_bind_int64(q, 1, a);
        if (sqlite3_step(q) == SQLITE_ROW)
            o = sqlite3_column_int64(q, 0);
        sqlite3_reset(q);
        if (!o || o == a)
            break;
        a = o;
    }
    return a;
}

typedef struct pass {
    sqlite3 *db;
    const mt_options *opt;
    mt_stats *st;
    item *it;
    size_t n;
    u32map df;         /* the store's document frequencies; used = 2 marks
                          a changed count */
    double ndocs;      /* documents counted in df */
    mt_df *bg;
    mh_index *mh;
    mv_clusterer *cl;
    int64_t *story_of; /* per clusterer story: its id after saving */
} pass;

static int load_state(pass *p, char *err, size_t errcap)
{
    sqlite3_stmt *q = NULL;
    double min_day = INFINITY;
    int undated = 0, rc = -1;
    mv_term *buf = malloc(p->opt->cluster.centroid * 2 * sizeof *buf);
    uint32_t sig[MV_SLOTS];

    if (!buf) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    /* document frequencies */
    if (sqlite3_prepare_v2(p->db, "SELECT term, df FROM term_df", -1, &q,
                           NULL) != SQLITE_OK)
        goto fail;
    while (sqlite3_step(q) == SQLITE_ROW)
        if (map_add(&p->df, (uint32_t)sqlite3_column_int64(q, 0),
                    (uint32_t)sqlite3_column_int64(q, 1), 1))
            goto oom;
    sqlite3_finalize(q);
    if (sqlite3_prepare_v2(p->db, "SELECT count(*) FROM article_sigs", -1,
                           &q, NULL) != SQLITE_OK)
        goto fail;
    if (sqlite3_step(q) == SQLITE_ROW)
        p->ndocs = (double)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);

    /* every signature kept, for near-duplicates */
    if (sqlite3_prepare_v2(p->db,
                           "SELECT article, minhash FROM article_sigs WHERE "
                           "minhash IS NOT NULL ORDER BY article",
                           -1, &q, NULL) != SQLITE_OK)
        goto fail;
    while (sqlite3_step(q) == SQLITE_ROW)
        if (!sig_unpack(sqlite3_column_blob(q, 1),
                        (size_t)sqlite3_column_bytes(q, 1), sig) &&
            mh_add(p->mh, sqlite3_column_int64(q, 0), sig))
            goto oom;
    sqlite3_finalize(q);

    /* the stories still open near the new articles' dates */
    for (size_t i = 0; i < p->n; i++) {
        if (isnan(p->it[i].day))
            undated = 1;
        else if (p->it[i].day < min_day)
            min_day = p->it[i].day;
    }
    if (sqlite3_prepare_v2(p->db,
                           "SELECT id, first, last, articles, centroid FROM "
                           "stories WHERE ?1 OR last IS NULL OR last >= ?2 "
                           "ORDER BY last IS NOT NULL, last, id",
                           -1, &q, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_int(q, 1, undated);
    sqlite3_bind_double(q, 2, isfinite(min_day)
                                  ? min_day - p->opt->cluster.window - 1
                                  : 0);
    while (sqlite3_step(q) == SQLITE_ROW) {
        size_t nc = mt_vec_unpack(sqlite3_column_blob(q, 4),
                                  (size_t)sqlite3_column_bytes(q, 4), buf,
                                  p->opt->cluster.centroid * 2);
        double first = sqlite3_column_type(q, 1) == SQLITE_NULL
                           ? NAN
                           : sqlite3_column_double(q, 1);
        double last = sqlite3_column_type(q, 2) == SQLITE_NULL
                          ? NAN
                          : sqlite3_column_double(q, 2);
        if (mv_add_story(p->cl, sqlite3_column_int64(q, 0), first, last,
                         sqlite3_column_int64(q, 3), buf, nc) < 0)
            goto oom;
        p->st->loaded++;
    }
    rc = 0;
    goto out;
oom:
    snprintf(err, errcap, "out of memory");
    goto out;
fail:
    md_fail(p->db, err, errcap, "cannot read the story tables");
out:
    sqlite3_finalize(q);
    free(buf);
    return rc;
}

/* An id and an index, for lookups by binary search. */
typedef struct idx {
    int64_t id;
    size_t i;
} idx;

static int by_id(const void *a, const void *b)
{
    int64_t x = ((const idx *)a)->id, y = ((const idx *)b)->id;
    return (x > y) - (x < y);
}

/* The index paired with id in v (sorted by id), or -1. */
static long find_id(const idx *v, size_t n, int64_t id)
{
    const idx key = {id, 0}, *hit = bsearch(&key, v, n, sizeof *v, by_id);
    return hit ? (long)hit->i : -1;
}

static int read_articles(pass *p, int progress, char *err, size_t errcap)
{
    sqlite3_stmt *sel = NULL, *names = NULL, *root = NULL, *story = NULL;
    mv_extractor *ex = mv_extractor_new();
    const char **nm = NULL;
    size_t *nl = NULL, nnm = 0, nmcap = 0;
    char *namebuf = NULL;
    size_t nbuf = 0, nbufcap = 0;
    idf_ctx ic = {p->bg, &p->df, 0};
    size_t nloaded = mv_count(p->cl);
    idx *items = malloc((p->n ? p->n : 1) * sizeof *items);
    idx *loaded = malloc((nloaded ? nloaded : 1) * sizeof *loaded);
    int rc = -1;

    if (!ex || !items || !loaded) {
        snprintf(err, errcap, "out of memory");
        goto out;
    }
    /* this pass's articles and the stories loaded, by id */
    for (size_t i = 0; i < p->n; i++)
        items[i] = (idx){p->it[i].id, i};
    qsort(items, p->n, sizeof *items, by_id);
    for (size_t i = 0; i < nloaded; i++)
        loaded[i] = (idx){mv_story_at(p->cl, i)->id, i};
    qsort(loaded, nloaded, sizeof *loaded, by_id);
    if (sqlite3_prepare_v2(p->db,
                           "SELECT title, text FROM articles WHERE id = ?1",
                           -1, &sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db,
                           "SELECT e.name FROM mentions m JOIN entities e ON "
                           "e.id = m.entity WHERE m.article = ?1",
                           -1, &names, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db,
                           "SELECT original FROM near_dups WHERE article = "
                           "?1",
                           -1, &root, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db,
                           "SELECT story FROM story_articles WHERE article "
                           "= ?1",
                           -1, &story, NULL) != SQLITE_OK) {
        md_fail(p->db, err, errcap, "cannot prepare the story pass");
        goto out;
    }
    for (size_t i = 0; i < p->n; i++) {
        item *a = &p->it[i];
        mv_doc doc;
        const char *title, *text;
        size_t tlen, len;

        sqlite3_bind_int64(sel, 1, a->id);
        if (sqlite3_step(sel) != SQLITE_ROW) {
            sqlite3_reset(sel);
            a->story = -2; /* gone meanwhile */
            continue;
        }
        title = (const char *)sqlite3_column_text(sel, 0);
        tlen = (size_t)sqlite3_column_bytes(sel, 0);
        a->has_title = title && tlen > 0;
        text = (const char *)sqlite3_column_text(sel, 1);
        len = (size_t)sqlite3_column_bytes(sel, 1);

        /* entity names (copied: the next step reuses the row) */
        nnm = nbuf = 0;
        sqlite3_bind_int64(names, 1, a->id);
        while (sqlite3_step(names) == SQLITE_ROW) {
            size_t n = (size_t)sqlite3_column_bytes(names, 0);
            if (nnm == nmcap) {
                size_t c = nmcap ? nmcap * 2 : 64;
                const char **t1 = realloc(nm, c * sizeof *t1);
                if (t1)
                    nm = t1;
                size_t *t2 = realloc(nl, c * sizeof *t2);
                if (t2)
                    nl = t2;
                if (!t1 || !t2)
                    goto oom;
                nmcap = c;
            }
            if (nbuf + n > nbufcap) {
                size_t c = nbufcap ? nbufcap * 2 : 4096;
                while (c < nbuf + n)
                    c *= 2;
                char *t = realloc(namebuf, c);
                if (!t)
                    goto oom;
                namebuf = t;
                nbufcap = c;
            }
            memcpy(namebuf + nbuf, sqlite3_column_text(names, 0), n);
            nl[nnm++] = n;
            nbuf += n;
        }
        sqlite3_reset(names);
        /* the buffer may have moved: pointers once it is filled */
        for (size_t k = 0, off = 0; k < nnm; off += nl[k++])
            nm[k] = namebuf + off;

        if (mv_extract(ex, title, title ? tlen : 0, text ? text : "",
                       text ? len : 0, nm, nl, nnm, &doc, NULL, NULL))
            goto oom;
        sqlite3_reset(sel);

        /* document frequencies count this article too */
        for (size_t k = 0; k < doc.nterms; k++)
            if (map_add(&p->df, doc.terms[k].term, 1, 2))
                goto oom;
        p->ndocs += 1;
        ic.n = p->ndocs + (p->bg ? p->bg->n : 0);
        a->vec = malloc(MV_VECTOR_MAX * sizeof *a->vec);
        if (!a->vec)
            goto oom;
        a->nvec = mv_vector(&doc, idf_of, &ic, a->vec, MV_VECTOR_MAX);

        /* a near-copy of an earlier article joins that article's story */
        if (doc.shingles >= 8) {
            double s = 0;
            int64_t o = mh_best(p->mh, doc.minhash, p->opt->dup_sim, &s);
            if (o) {
                a->original = root_of(root, o);
                a->dup_sim = s;
            }
            if (mh_add(p->mh, a->id, doc.minhash))
                goto oom;
        }
        a->story = -1;
        if (a->original) {
            /* the original's story: from this pass, else the store */
            long k = find_id(items, p->n, a->original);
            if (k >= 0 && (size_t)k < i && p->it[k].story >= 0)
                a->story = p->it[k].story;
            if (a->story < 0) {
                sqlite3_bind_int64(story, 1, a->original);
                if (sqlite3_step(story) == SQLITE_ROW) {
                    a->story_id = sqlite3_column_int64(story, 0);
                    a->story = find_id(loaded, nloaded, a->story_id);
                }
                sqlite3_reset(story);
            }
            if (a->story >= 0) {
                if (mv_join(p->cl, a->story, a->vec, a->nvec, a->day))
                    goto oom;
                a->sim = 1;
            } else if (a->story_id) {
                a->sim = 1; /* a closed story: recorded as it is */
            }
            p->st->near_dups++;
        }
        if (a->story < 0 && !a->story_id) {
            size_t before = mv_count(p->cl);
            a->story = mv_assign(p->cl, a->vec, a->nvec, a->day, &a->sim);
            if (a->story < 0)
                goto oom;
            if (mv_count(p->cl) > before)
                p->st->new_stories++;
        }
        if (a->story_id || a->sim > 0)
            p->st->joined++;
        memcpy(a->sig, doc.minhash, sizeof a->sig);
        a->has_sig = doc.shingles >= 8;
        p->st->articles++;
        if (progress && ((i + 1) % 250 == 0 || i + 1 == p->n))
            fprintf(stderr, "\rstories: %zu/%zu articles", i + 1, p->n);
    }
    if (progress && p->n)
        fputc('\n', stderr);
    rc = 0;
    goto out;
oom:
    snprintf(err, errcap, "out of memory");
out:
    sqlite3_finalize(sel);
    sqlite3_finalize(names);
    sqlite3_finalize(root);
    sqlite3_finalize(story);
    mv_extractor_free(ex);
    free(items);
    free(loaded);
    free(nm);
    free(nl);
    free(namebuf);
    return rc;
}

/* The member closest to the centroid, preferring articles with a title. */
static int choose_label(pass *p, size_t si, sqlite3_stmt *members,
                        int64_t *label)
{
    mv_story *s = mv_story_at(p->cl, si);
    double best = -1;
    mv_term *buf = NULL;

    *label = 0;
    for (size_t i = 0; i < p->n; i++) {
        const item *a = &p->it[i];
        if (a->story != (long)si)
            continue;
        double d = mv_dot(a->vec, a->nvec, s->c, s->nc) +
                   (a->has_title ? 10.0 : 0.0);
        if (d > best) {
            best = d;
            *label = a->id;
        }
    }
    if (s->id) {
        buf = malloc(MV_VECTOR_MAX * sizeof *buf);
        if (!buf)
            return -1;
        sqlite3_bind_int64(members, 1, s->id);
        while (sqlite3_step(members) == SQLITE_ROW) {
            size_t n = mt_vec_unpack(sqlite3_column_blob(members, 1),
                                     (size_t)sqlite3_column_bytes(members, 1),
                                     buf, MV_VECTOR_MAX);
            double d = mv_dot(buf, n, s->c, s->nc) +
                       (sqlite3_column_int(members, 2) ? 10.0 : 0.0);
            if (d > best) {
                best = d;
                *label = sqlite3_column_int64(members, 0);
            }
        }
        sqlite3_reset(members);
        free(buf);
    }
    return 0;
}

static void bind_day(sqlite3_stmt *q, int i, double day)
{
    if (isnan(day))
        sqlite3_bind_null(q, i);
    else
        sqlite3_bind_double(q, i, day);
}

static int save(pass *p, char *err, size_t errcap)
{
    sqlite3_stmt *ins = NULL, *upd = NULL, *sig = NULL, *dup = NULL,
                 *art = NULL, *closed = NULL, *df = NULL, *members = NULL;
    unsigned char *blob = NULL;
    size_t ns = mv_count(p->cl);
    int rc = -1;

    blob = malloc((p->opt->cluster.centroid * 2 + MV_VECTOR_MAX) * 8 +
                  MV_SLOTS * 4);
    p->story_of = calloc(ns ? ns : 1, sizeof *p->story_of);
    if (!blob || !p->story_of) {
        free(blob);
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    if (sqlite3_prepare_v2(p->db,
                           "INSERT INTO stories(articles, first, last, "
                           "label_article, centroid, updated_at) VALUES(?1, "
                           "?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', "
                           "'now'))",
                           -1, &ins, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db,
                           "UPDATE stories SET articles = ?1, first = ?2, "
                           "last = ?3, label_article = ?4, centroid = ?5, "
                           "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
                           "'now') WHERE id = ?6",
                           -1, &upd, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db,
                           "INSERT OR REPLACE INTO article_sigs(article, day, "
                           "minhash, vector) VALUES(?1, ?2, ?3, ?4)",
                           -1, &sig, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db,
                           "INSERT OR REPLACE INTO near_dups(article, "
                           "original, similarity) VALUES(?1, ?2, ?3)",
                           -1, &dup, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db,
                           "INSERT OR REPLACE INTO story_articles(article, "
                           "story, similarity) VALUES(?1, ?2, ?3)",
                           -1, &art, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db,
                           "UPDATE stories SET articles = articles + 1, "
                           "first = min(coalesce(first, ?2), coalesce(?2, "
                           "first)), last = max(coalesce(last, ?2), "
                           "coalesce(?2, last)), updated_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id "
                           "= ?1",
                           -1, &closed, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db,
                           "INSERT OR REPLACE INTO term_df(term, df) "
                           "VALUES(?1, ?2)",
                           -1, &df, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->db,
                           "SELECT s.article, g.vector, coalesce(a.title, "
                           "'') <> '' FROM story_articles s JOIN "
                           "article_sigs g ON g.article = s.article JOIN "
                           "articles a ON a.id = s.article WHERE s.story = "
                           "?1",
                           -1, &members, NULL) != SQLITE_OK)
        goto fail;

    /* stories first: new ones get their ids */
    for (size_t i = 0; i < ns; i++) {
        mv_story *s = mv_story_at(p->cl, i);
        int64_t label;
        sqlite3_stmt *q = s->id ? upd : ins;
        p->story_of[i] = s->id;
        if (!s->touched)
            continue;
        if (choose_label(p, i, members, &label))
            goto oom;
        sqlite3_bind_int64(q, 1, s->n);
        bind_day(q, 2, s->first);
        bind_day(q, 3, s->last);
        if (label)
            sqlite3_bind_int64(q, 4, label);
        else
            sqlite3_bind_null(q, 4);
        {
            size_t nc = s->nc < p->opt->cluster.centroid * 2
                            ? s->nc
                            : p->opt->cluster.centroid * 2;
            size_t bytes = mt_vec_pack(s->c, nc, blob);
            sqlite3_bind_blob(q, 5, blob, (int)bytes, SQLITE_TRANSIENT);
        }
        if (s->id)
            sqlite3_bind_int64(q, 6, s->id);
        if (sqlite3_step(q) != SQLITE_DONE)
            goto fail;
        sqlite3_reset(q);
        if (!s->id)
            p->story_of[i] = s->id = sqlite3_last_insert_rowid(p->db);
    }
    for (size_t i = 0; i < p->n; i++) {
        const item *a = &p->it[i];
        int64_t story;
        if (a->story == -2)
            continue;
        story = a->story >= 0 ? p->story_of[a->story] : a->story_id;
        sqlite3_bind_int64(sig, 1, a->id);
        bind_day(sig, 2, a->day);
        if (a->has_sig) {
            sig_pack(a->sig, blob);
            sqlite3_bind_blob(sig, 3, blob, MV_SLOTS * 4, SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_null(sig, 3);
        }
        {
            size_t bytes = mt_vec_pack(a->vec, a->nvec, blob);
            sqlite3_bind_blob(sig, 4, blob, (int)bytes, SQLITE_TRANSIENT);
        }
        if (sqlite3_step(sig) != SQLITE_DONE)
            goto fail;
        sqlite3_reset(sig);
        if (a->original) {
            sqlite3_bind_int64(dup, 1, a->id);
            sqlite3_bind_int64(dup, 2, a->original);
            sqlite3_bind_double(dup, 3, a->dup_sim);
            if (sqlite3_step(dup) != SQLITE_DONE)
                goto fail;
            sqlite3_reset(dup);
        }
        if (a->story < 0) {
            sqlite3_bind_int64(closed, 1, story);
            bind_day(closed, 2, a->day);
            if (sqlite3_step(closed) != SQLITE_DONE)
                goto fail;
            sqlite3_reset(closed);
        }
        sqlite3_bind_int64(art, 1, a->id);
        sqlite3_bind_int64(art, 2, story);
        sqlite3_bind_double(art, 3, a->sim);
        if (sqlite3_step(art) != SQLITE_DONE)
            goto fail;
        sqlite3_reset(art);
    }
    for (size_t j = 0; j < p->df.cap; j++) {
        if (p->df.used[j] != 2)
            continue;
        sqlite3_bind_int64(df, 1, p->df.k[j]);
        sqlite3_bind_int64(df, 2, p->df.v[j]);
        if (sqlite3_step(df) != SQLITE_DONE)
            goto fail;
        sqlite3_reset(df);
    }
    rc = 0;
    goto out;
oom:
    snprintf(err, errcap, "out of memory");
    goto out;
fail:
    md_fail(p->db, err, errcap, "cannot store the stories");
out:
    sqlite3_finalize(ins);
    sqlite3_finalize(upd);
    sqlite3_finalize(sig);
    sqlite3_finalize(dup);
    sqlite3_finalize(art);
    sqlite3_finalize(closed);
    sqlite3_finalize(df);
    sqlite3_finalize(members);
    free(blob);
    return rc;
}

int mt_update(md_db *mdb, const mt_options *opt, int progress, mt_stats *st,
              char *err, size_t errcap)
{
    pass p;
    sqlite3_stmt *list = NULL;
    mt_options defaults;
    int rc = -1;
    double t0 = md_now();

    memset(st, 0, sizeof *st);
    memset(&p, 0, sizeof p);
    if (!opt) {
        mt_options_default(&defaults);
        opt = &defaults;
    }
    p.db = md_sqlite(mdb);
    p.opt = opt;
    p.st = st;

    /* the articles to place, with their dates */
    if (sqlite3_prepare_v2(p.db,
                           "SELECT a.id, coalesce(d.date, a.date) FROM "
                           "articles a LEFT JOIN article_dates d ON "
                           "d.article = a.id WHERE NOT EXISTS(SELECT 1 FROM "
                           "story_articles s WHERE s.article = a.id) ORDER "
                           "BY a.id",
                           -1, &list, NULL) != SQLITE_OK) {
        md_fail(p.db, err, errcap, "cannot list the articles to place");
        return -1;
    }
    size_t cap = 0;
    int r;
    while ((r = sqlite3_step(list)) == SQLITE_ROW) {
        if (p.n == cap) {
            cap = cap ? cap * 2 : 1024;
            item *t = realloc(p.it, cap * sizeof *t);
            if (!t) {
                snprintf(err, errcap, "out of memory");
                goto out;
            }
            p.it = t;
        }
        memset(&p.it[p.n], 0, sizeof *p.it);
        p.it[p.n].id = sqlite3_column_int64(list, 0);
        p.it[p.n].day = mv_days((const char *)sqlite3_column_text(list, 1));
        p.it[p.n].story = -1;
        p.n++;
    }
    if (r != SQLITE_DONE) {
        md_fail(p.db, err, errcap, "cannot list the articles to place");
        goto out;
    }
    sqlite3_finalize(list);
    list = NULL;
    if (!p.n) {
        rc = 0;
        goto out;
    }
    qsort(p.it, p.n, sizeof *p.it, by_day);

    if (opt->df_path && mt_df_load(opt->df_path, &p.bg, err, errcap))
        goto out;
    if (map_init(&p.df, 1 << 16) || !(p.mh = mh_new()) ||
        !(p.cl = mv_clusterer_new(&opt->cluster))) {
        snprintf(err, errcap, "out of memory");
        goto out;
    }
    if (md_begin(mdb)) {
        md_fail(p.db, err, errcap, "cannot start the story pass");
        goto out;
    }
    if (load_state(&p, err, errcap) ||
        read_articles(&p, progress, err, errcap) || save(&p, err, errcap)) {
        md_rollback(mdb);
        goto out;
    }
    if (md_commit(mdb)) {
        md_fail(p.db, err, errcap, "cannot commit the stories");
        md_rollback(mdb);
        goto out;
    }
    rc = 0;
out:
    sqlite3_finalize(list);
    for (size_t i = 0; i < p.n; i++)
        free(p.it[i].vec);
    free(p.it);
    free(p.story_of);
    map_free(&p.df);
    mt_df_free(p.bg);
    mh_free(p.mh);
    mv_clusterer_free(p.cl);
    st->secs = md_now() - t0;
    return rc;
}

int mt_reset(md_db *db)
{
    return sqlite3_exec(md_sqlite(db),
                        "DELETE FROM story_articles; DELETE FROM stories; "
                        "DELETE FROM near_dups; DELETE FROM article_sigs; "
                        "DELETE FROM term_df;",
                        NULL, NULL, NULL) == SQLITE_OK
               ? 0
               : -1;
}
