/*
 * entities.c - the entity pass over the store.
 *
 * Finding is incremental: ner_done lists the articles already read, and
 * a changed article loses its row there (and its mentions) when it is
 * stored again.  Merging looks at all mentions at once, because a new
 * spelling can join entities seen long ago; it keeps entity ids stable by
 * giving each merged entity the id most of its mentions had before.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "entity/entities.h"

#define FIND_BATCH 2000


char *mx_name_key(const char *s, size_t n)
{
    size_t need = marsad_normalize(s, n, MARSAD_PROFILE_SEARCH, NULL, 0);
    char *k = malloc(need + 1), *o;
    int space = 1;
    if (!k)
        return NULL;
    marsad_normalize(s, n, MARSAD_PROFILE_SEARCH, k, need);
    o = k;
    for (size_t i = 0; i < need; i++) {
        char c = k[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '_') {
            if (!space)
                *o++ = ' ';
            space = 1;
        } else {
            *o++ = c;
            space = 0;
        }
    }
    if (o > k && o[-1] == ' ')
        o--;
    *o = 0;
    return k;
}

void mx_hashtag_spaces(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '_')
            s[i] = ' ';
}

/* ------------------------------------------------------------ finding */

struct find_ctx {
    sqlite3_stmt *ins;
    int64_t article;
    int field;
    const char *text;
    int64_t count;
    int failed;
};

static int on_mention(void *ud, const marsad_entity *e)
{
    struct find_ctx *c = ud;
    char buf[256];
    size_t n;
    sqlite3_bind_int64(c->ins, 1, c->article);
    sqlite3_bind_int(c->ins, 2, c->field);
    sqlite3_bind_int64(c->ins, 3, (sqlite3_int64)e->start);
    sqlite3_bind_int64(c->ins, 4, (sqlite3_int64)e->end);
    sqlite3_bind_int(c->ins, 5, e->type);
    n = e->end - e->start;
    if (memchr(c->text + e->start, '_', n) && n <= sizeof buf) {
        /* a name in a hashtag (#ستاندرد_آند_بورز) is written with spaces */
        memcpy(buf, c->text + e->start, n);
        mx_hashtag_spaces(buf, n);
        sqlite3_bind_text(c->ins, 6, buf, (int)n, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_text(c->ins, 6, c->text + e->start, (int)n,
                          SQLITE_STATIC);
    }
    if (sqlite3_step(c->ins) != SQLITE_DONE) {
        sqlite3_reset(c->ins);
        c->failed = 1;
        return 1;
    }
    sqlite3_reset(c->ins);
    c->count++;
    return 0;
}

static int find_all(md_db *mdb, marsad_ner *ner, int progress, mx_stats *st,
                    char *err, size_t errcap)
{
    sqlite3 *db = md_sqlite(mdb);
    sqlite3_stmt *list = NULL, *sel = NULL, *ins = NULL, *done = NULL;
    int64_t *ids = NULL;
    size_t n = 0, cap = 0, i;
    int rc = -1, in_txn = 0;
    struct find_ctx c;

    if (sqlite3_prepare_v2(db,
                           "SELECT a.id FROM articles a WHERE NOT EXISTS "
                           "(SELECT 1 FROM ner_done d WHERE d.article = "
                           "a.id) ORDER BY a.id",
                           -1, &list, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT title, text FROM articles WHERE id = ?1",
                           -1, &sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO mentions(article, field, "
                           "start, end, type, surface, entity) VALUES(?1, "
                           "?2, ?3, ?4, ?5, ?6, NULL)",
                           -1, &ins, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO ner_done(article, "
                           "mentions) VALUES(?1, ?2)",
                           -1, &done, NULL) != SQLITE_OK) {
        md_fail(db, err, errcap, "cannot read the entity tables");
        goto out;
    }
    while (sqlite3_step(list) == SQLITE_ROW) {
        if (n == cap) {
            int64_t *p;
            cap = cap ? cap * 2 : 1024;
            p = realloc(ids, cap * sizeof *ids);
            if (!p) {
                snprintf(err, errcap, "out of memory");
                goto out;
            }
            ids = p;
        }
        ids[n++] = sqlite3_column_int64(list, 0);
    }
    memset(&c, 0, sizeof c);
    c.ins = ins;
    for (i = 0; i < n; i++) {
        int64_t before;
        if (!in_txn) {
            if (md_begin(mdb)) {
                md_fail(db, err, errcap, "cannot begin a transaction");
                goto out;
            }
            in_txn = 1;
        }
        sqlite3_bind_int64(sel, 1, ids[i]);
        if (sqlite3_step(sel) != SQLITE_ROW) {
            sqlite3_reset(sel);
            continue;
        }
        before = c.count;
        c.article = ids[i];
        for (int field = 0; field < 2 && !c.failed; field++) {
            const char *t =
                (const char *)sqlite3_column_text(sel, field ? 0 : 1);
            int len = sqlite3_column_bytes(sel, field ? 0 : 1);
            if (!t || len <= 0)
                continue;
            c.field = field;
            c.text = t;
            if (marsad_ner_find(ner, t, (size_t)len, on_mention, &c) ==
                    MARSAD_ENOMEM) {
                snprintf(err, errcap, "out of memory finding entities");
                sqlite3_reset(sel);
                goto out;
            }
        }
        sqlite3_reset(sel);
        if (c.failed) {
            md_fail(db, err, errcap, "cannot store a mention");
            goto out;
        }
        sqlite3_bind_int64(done, 1, ids[i]);
        sqlite3_bind_int64(done, 2, c.count - before);
        if (sqlite3_step(done) != SQLITE_DONE) {
            sqlite3_reset(done);
            md_fail(db, err, errcap, "cannot store a mention");
            goto out;
        }
        sqlite3_reset(done);
        st->articles++;
        if (md_pass_step(mdb, i, n, FIND_BATCH, &in_txn, progress, "entities",
                         (long long)c.count, "mentions")) {
            md_fail(db, err, errcap, "cannot commit");
            goto out;
        }
    }
    if (progress && n)
        fputs("\r\033[K", stderr);
    st->found = c.count;
    rc = 0;
out:
    if (in_txn)
        md_rollback(mdb);
    sqlite3_finalize(list);
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sqlite3_finalize(done);
    free(ids);
    return rc;
}

/* ------------------------------------------------------------ merging */

/* Mentions as loaded for merging. */
typedef struct loaded {
    me_mention *m;
    int64_t *article, *start, *old;
    int *field;
    size_t n;
    char *text;
} loaded;

static void loaded_free(loaded *l)
{
    free(l->m);
    free(l->article);
    free(l->start);
    free(l->old);
    free(l->field);
    free(l->text);
    memset(l, 0, sizeof *l);
}

static int load_mentions(sqlite3 *db, loaded *l, char *err, size_t errcap)
{
    sqlite3_stmt *st;
    size_t cap = 0, tlen = 0, tcap = 0;
    size_t *toff = NULL, *tl = NULL;
    int ok = 1;

    memset(l, 0, sizeof *l);
    if (sqlite3_prepare_v2(db,
                           "SELECT article, field, start, type, surface, "
                           "entity FROM mentions ORDER BY article, field, "
                           "start",
                           -1, &st, NULL) != SQLITE_OK)
        return md_fail(db, err, errcap, "cannot read the mentions");
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 4);
        size_t len = (size_t)sqlite3_column_bytes(st, 4);
        int type = sqlite3_column_int(st, 3);
        if (type < ME_PER || type > ME_MISC)
            continue;
        if (l->n == cap) {
            size_t nc = cap ? cap * 2 : 4096;
            void *p;
#define GROW(f)                                                            \
    if (ok && (p = realloc(f, nc * sizeof *(f))) != NULL)                  \
        f = p;                                                             \
    else                                                                   \
        ok = 0
            GROW(l->m);
            GROW(l->article);
            GROW(l->start);
            GROW(l->old);
            GROW(l->field);
            GROW(toff);
            GROW(tl);
#undef GROW
            if (!ok)
                break;
            cap = nc;
        }
        if (tlen + len + 1 > tcap) {
            size_t nc = tcap ? tcap * 2 : 1 << 16;
            char *p;
            while (nc < tlen + len + 1)
                nc *= 2;
            p = realloc(l->text, nc);
            if (!p) {
                ok = 0;
                break;
            }
            l->text = p;
            tcap = nc;
        }
        memcpy(l->text + tlen, s ? s : "", len);
        l->text[tlen + len] = 0;
        toff[l->n] = tlen;
        tl[l->n] = len;
        tlen += len + 1;
        l->article[l->n] = sqlite3_column_int64(st, 0);
        l->field[l->n] = sqlite3_column_int(st, 1);
        l->start[l->n] = sqlite3_column_int64(st, 2);
        l->old[l->n] = sqlite3_column_type(st, 5) == SQLITE_NULL
                           ? -1
                           : sqlite3_column_int64(st, 5);
        l->m[l->n].type = type;
        l->n++;
    }
    sqlite3_finalize(st);
    if (ok)
        for (size_t i = 0; i < l->n; i++) {
            l->m[i].article = (uint32_t)l->article[i];
            l->m[i].text = l->text + toff[i];
            l->m[i].len = tl[i];
        }
    free(toff);
    free(tl);
    if (!ok) {
        loaded_free(l);
        snprintf(err, errcap, "out of memory loading the mentions");
        return -1;
    }
    return 0;
}

typedef struct pair {
    uint32_t e;
    int64_t old;
} pair;

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->e != y->e)
        return x->e < y->e ? -1 : 1;
    return x->old < y->old ? -1 : x->old > y->old;
}

static const me_entity *sort_ents;

static int cmp_size(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (sort_ents[x].nmention != sort_ents[y].nmention)
        return sort_ents[x].nmention > sort_ents[y].nmention ? -1 : 1;
    return x < y ? -1 : x > y;
}

/*
 * New ids: each entity, largest first, takes the id most of its mentions
 * had, when no larger entity took it; the rest get fresh ids.
 */
static int64_t *stable_ids(const loaded *l, const me_entity *ents, size_t ne,
                           const uint32_t *assign)
{
    pair *p = malloc((l->n + 1) * sizeof *p);
    int64_t *best = malloc((ne + 1) * sizeof *best);
    int64_t *id = malloc((ne + 1) * sizeof *id);
    uint32_t *order = malloc((ne + 1) * sizeof *order);
    unsigned char *taken = NULL;
    size_t np = 0;
    int64_t maxold = 0, next;

    if (!p || !best || !id || !order)
        goto oom;
    for (size_t i = 0; i < l->n; i++)
        if (l->old[i] > 0) {
            p[np].e = assign[i];
            p[np].old = l->old[i];
            if (l->old[i] > maxold)
                maxold = l->old[i];
            np++;
        }
    qsort(p, np, sizeof *p, cmp_pair);
    for (size_t e = 0; e < ne; e++)
        best[e] = 0;
    for (size_t i = 0; i < np;) {
        size_t j = i, top = 0;
        int64_t arg = 0;
        while (j < np && p[j].e == p[i].e) {
            size_t k = j;
            while (k < np && p[k].e == p[j].e && p[k].old == p[j].old)
                k++;
            if (k - j > top) {
                top = k - j;
                arg = p[j].old;
            }
            j = k;
        }
        best[p[i].e] = arg;
        i = j;
    }
    taken = calloc((size_t)maxold + 1, 1);
    if (!taken)
        goto oom;
    for (size_t e = 0; e < ne; e++)
        order[e] = (uint32_t)e;
    sort_ents = ents;
    qsort(order, ne, sizeof *order, cmp_size);
    next = maxold + 1;
    for (size_t k = 0; k < ne; k++) {
        uint32_t e = order[k];
        if (best[e] > 0 && !taken[best[e]]) {
            id[e] = best[e];
            taken[best[e]] = 1;
        } else {
            id[e] = 0;
        }
    }
    for (size_t e = 0; e < ne; e++)
        if (!id[e])
            id[e] = next++;
    free(p);
    free(best);
    free(order);
    free(taken);
    return id;
oom:
    free(p);
    free(best);
    free(id);
    free(order);
    free(taken);
    return NULL;
}

static int write_entities(sqlite3 *db, const loaded *l, const me_entity *ents,
                          size_t ne, const uint32_t *assign,
                          const int64_t *id, char *err, size_t errcap)
{
    sqlite3_stmt *ie = NULL, *in = NULL, *um = NULL;
    int rc = -1;

    if (sqlite3_exec(db, "DELETE FROM entities; DELETE FROM entity_names",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO entities(id, type, name, mentions, "
                           "articles, variants) VALUES(?1, ?2, ?3, ?4, ?5, "
                           "?6)",
                           -1, &ie, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO entity_names(key, entity, count) "
                           "VALUES(?1, ?2, ?3) ON CONFLICT(key, entity) DO "
                           "UPDATE SET count = count + excluded.count",
                           -1, &in, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "UPDATE mentions SET entity = ?1 WHERE article = "
                           "?2 AND field = ?3 AND start = ?4",
                           -1, &um, NULL) != SQLITE_OK) {
        md_fail(db, err, errcap, "cannot write the entities");
        goto out;
    }
    for (size_t e = 0; e < ne; e++) {
        const me_entity *x = &ents[e];
        json_t *vars = json_array();
        char *vj;
        if (!vars)
            goto oom;
        for (size_t v = 0; v < x->nvariant; v++)
            json_array_append_new(
                vars, json_pack("[s%, i]", x->variant[v].text,
                                x->variant[v].len,
                                (int)x->variant[v].count));
        vj = json_dumps(vars, JSON_COMPACT);
        json_decref(vars);
        if (!vj)
            goto oom;
        sqlite3_bind_int64(ie, 1, id[e]);
        sqlite3_bind_int(ie, 2, x->type);
        sqlite3_bind_text(ie, 3, x->name, (int)x->nname, SQLITE_STATIC);
        sqlite3_bind_int64(ie, 4, x->nmention);
        sqlite3_bind_int64(ie, 5, (sqlite3_int64)x->narticle);
        sqlite3_bind_text(ie, 6, vj, -1, free);
        if (sqlite3_step(ie) != SQLITE_DONE) {
            sqlite3_reset(ie);
            md_fail(db, err, errcap, "cannot write the entities");
            goto out;
        }
        sqlite3_reset(ie);
        for (size_t v = 0; v <= x->nvariant; v++) {
            const char *s = v < x->nvariant ? x->variant[v].text : x->name;
            size_t n = v < x->nvariant ? x->variant[v].len : x->nname;
            char *k = mx_name_key(s, n);
            if (!k)
                goto oom;
            sqlite3_bind_text(in, 1, k, -1, free);
            sqlite3_bind_int64(in, 2, id[e]);
            sqlite3_bind_int64(in, 3,
                               v < x->nvariant ? x->variant[v].count : 0);
            if (sqlite3_step(in) != SQLITE_DONE) {
                sqlite3_reset(in);
                md_fail(db, err, errcap, "cannot write the entity names");
                goto out;
            }
            sqlite3_reset(in);
        }
    }
    for (size_t i = 0; i < l->n; i++) {
        int64_t e = id[assign[i]];
        if (l->old[i] == e)
            continue;
        sqlite3_bind_int64(um, 1, e);
        sqlite3_bind_int64(um, 2, l->article[i]);
        sqlite3_bind_int(um, 3, l->field[i]);
        sqlite3_bind_int64(um, 4, l->start[i]);
        if (sqlite3_step(um) != SQLITE_DONE) {
            sqlite3_reset(um);
            md_fail(db, err, errcap, "cannot write the mentions");
            goto out;
        }
        sqlite3_reset(um);
    }
    rc = 0;
    goto out;
oom:
    snprintf(err, errcap, "out of memory writing the entities");
out:
    sqlite3_finalize(ie);
    sqlite3_finalize(in);
    sqlite3_finalize(um);
    return rc;
}

static int merge_all(md_db *mdb, const me_aliases *al, mx_stats *st,
                     char *err, size_t errcap)
{
    sqlite3 *db = md_sqlite(mdb);
    loaded l;
    me_result *res = NULL;
    int64_t *id = NULL;
    int rc = -1, r;

    if (md_begin(mdb))
        return md_fail(db, err, errcap, "cannot begin a transaction");
    if (load_mentions(db, &l, err, errcap)) {
        md_rollback(mdb);
        return -1;
    }
    r = me_merge(l.m, l.n, al ? al->pair : NULL, al ? al->npair : 0, NULL,
                 &res);
    if (r != MARSAD_OK) {
        snprintf(err, errcap, "cannot merge the entities: %s",
                 marsad_strerror(r));
        goto out;
    }
    id = stable_ids(&l, me_result_entities(res), me_result_count(res),
                    me_result_assign(res));
    if (!id) {
        snprintf(err, errcap, "out of memory merging the entities");
        goto out;
    }
    if (write_entities(db, &l, me_result_entities(res), me_result_count(res),
                       me_result_assign(res), id, err, errcap))
        goto out;
    if (md_commit(mdb)) {
        md_fail(db, err, errcap, "cannot commit the entities");
        goto out;
    }
    st->mentions = (int64_t)l.n;
    st->entities = (int64_t)me_result_count(res);
    rc = 0;
out:
    if (rc)
        md_rollback(mdb);
    free(id);
    me_result_free(res);
    loaded_free(&l);
    return rc;
}

int mx_update(md_db *db, marsad_ner *ner, const me_aliases *al, int remerge,
              int progress, mx_stats *st, char *err, size_t errcap)
{
    double t0 = md_now(), t1;
    memset(st, 0, sizeof *st);
    if (ner && find_all(db, ner, progress, st, err, errcap))
        return -1;
    t1 = md_now();
    st->find_s = t1 - t0;
    if (st->articles == 0 && !remerge) {
        /* Nothing new; an update may still have removed mentions. */
        sqlite3_stmt *q;
        int stale = 0;
        if (sqlite3_prepare_v2(md_sqlite(db),
                               "SELECT EXISTS(SELECT 1 FROM mentions WHERE "
                               "entity IS NULL) OR (SELECT count(*) FROM "
                               "entities) > 0 AND NOT EXISTS(SELECT 1 FROM "
                               "mentions)",
                               -1, &q, NULL) == SQLITE_OK) {
            if (sqlite3_step(q) == SQLITE_ROW)
                stale = sqlite3_column_int(q, 0);
            sqlite3_finalize(q);
        }
        if (!stale)
            return 0;
    }
    if (merge_all(db, al, st, err, errcap))
        return -1;
    st->merge_s = md_now() - t1;
    return 0;
}

/* ------------------------------------------------------------ aliases */

extern const unsigned char mx_aliases_tsv[];
extern const size_t mx_aliases_tsv_len;

int mx_aliases_builtin(me_aliases *out)
{
    return me_aliases_parse((const char *)mx_aliases_tsv, mx_aliases_tsv_len,
                            out, NULL);
}
