/*
 * facts.c - the fact pass over the store.
 *
 * Like the entity pass it is incremental: facts_done lists the articles
 * read, and a changed article loses its row there (and its facts) when it
 * is stored again.  Quote speakers come from the article's entity
 * mentions, so an article read before its mentions were found
 * (with_entities = 0) is read again once they are.
 *
 * Each article also gets a date in article_dates: the one its metadata
 * gives, else an estimate from its text with a confidence.  Relative
 * dates (أمس, الخميس, العام الماضي) are resolved against that date.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/facts.h"

#define BATCH 2000
/* An estimate from the text below this is not used to resolve dates. */
#define MIN_GUESS 0.5


int mq_parse_date(const char *s, int *y, int *m, int *d)
{
    int v[3] = {0, 0, 0};
    int widths[3] = {4, 2, 2};
    if (!s)
        return -1;
    for (int k = 0; k < 3; k++) {
        if (k && *s++ != '-')
            return -1;
        for (int j = 0; j < widths[k]; j++, s++) {
            if (*s < '0' || *s > '9')
                return -1;
            v[k] = v[k] * 10 + (*s - '0');
        }
    }
    if (*s && *s != 'T' && *s != ' ' && *s != 't')
        return -1;
    if (v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
        return -1;
    *y = v[0];
    *m = v[1];
    *d = v[2];
    return 0;
}

/* ------------------------------------------------------------ one article */

struct ctx {
    sqlite3 *db;
    sqlite3_stmt *ins;
    int64_t article;
    int field;
    const marsad_entity *ents;
    size_t nents;
    mq_stats *st;
    int failed;
};

static void bind_span(sqlite3_stmt *s, int col, size_t a, size_t b)
{
    if (b > a) {
        sqlite3_bind_int64(s, col, (sqlite3_int64)a);
        sqlite3_bind_int64(s, col + 1, (sqlite3_int64)b);
    } else {
        sqlite3_bind_null(s, col);
        sqlite3_bind_null(s, col + 1);
    }
}

static int on_fact(void *ud, const marsad_fact *f)
{
    struct ctx *c = ud;
    sqlite3_stmt *s = c->ins;
    char iso[32];

    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    sqlite3_bind_int64(s, 1, c->article);
    sqlite3_bind_int(s, 2, c->field);
    sqlite3_bind_int(s, 3, f->kind);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)f->start);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)f->end);
    sqlite3_bind_int(s, 6, (int)f->flags);
    switch (f->kind) {
    case MARSAD_FACT_NUMBER:
        sqlite3_bind_double(s, 7, f->value);
        sqlite3_bind_double(s, 8, f->value_max);
        sqlite3_bind_int(s, 9, f->bound);
        bind_span(s, 10, f->unit_start, f->unit_end);
        break;
    case MARSAD_FACT_DATE:
        marsad_fact_iso(f, iso);
        if (iso[0])
            sqlite3_bind_text(s, 12, iso, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(s, 13, f->granularity);
        break;
    case MARSAD_FACT_QUOTE:
        bind_span(s, 14, f->text_start, f->text_end);
        bind_span(s, 16, f->speaker_start, f->speaker_end);
        if (f->speaker >= 0 && (size_t)f->speaker < c->nents)
            sqlite3_bind_int64(s, 18,
                               (sqlite3_int64)c->ents[f->speaker].start);
        bind_span(s, 19, f->medium_start, f->medium_end);
        break;
    default:
        break;
    }
    if (sqlite3_step(s) != SQLITE_DONE) {
        c->failed = 1;
        return 1;
    }
    c->st->facts++;
    if (f->kind > 0 && f->kind < 4)
        c->st->kinds[f->kind]++;
    return 0;
}

/* The mentions of one field of an article, in order of start. */
static int load_mentions(sqlite3_stmt *q, int64_t article, int field,
                         marsad_entity **v, size_t *n, size_t *cap)
{
    *n = 0;
    sqlite3_bind_int64(q, 1, article);
    sqlite3_bind_int(q, 2, field);
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 64;
            marsad_entity *p = realloc(*v, nc * sizeof *p);
            if (!p) {
                sqlite3_reset(q);
                return -1;
            }
            *v = p;
            *cap = nc;
        }
        memset(&(*v)[*n], 0, sizeof **v);
        (*v)[*n].start = (size_t)sqlite3_column_int64(q, 0);
        (*v)[*n].end = (size_t)sqlite3_column_int64(q, 1);
        (*v)[*n].type = sqlite3_column_int(q, 2);
        (*n)++;
    }
    sqlite3_reset(q);
    return 0;
}

int mq_update(md_db *mdb, int progress, mq_stats *st, char *err,
              size_t errcap)
{
    sqlite3 *db = md_sqlite(mdb);
    sqlite3_stmt *list = NULL, *sel = NULL, *ins = NULL, *done = NULL,
                 *del = NULL, *ment = NULL, *dated = NULL;
    int64_t *ids = NULL;
    int *has_ner = NULL;
    size_t n = 0, cap = 0, i;
    marsad_entity *ents = NULL;
    size_t nents = 0, ecap = 0;
    marsad_facts *fx = NULL;
    int rc = -1, in_txn = 0, e = 0;
    double t0 = md_now();

    memset(st, 0, sizeof *st);
    fx = marsad_facts_new(NULL, &e);
    if (!fx) {
        snprintf(err, errcap, "%s", marsad_strerror(e));
        return -1;
    }
    if (sqlite3_prepare_v2(db,
                           "SELECT a.id, EXISTS(SELECT 1 FROM ner_done n "
                           "WHERE n.article = a.id) FROM articles a "
                           "LEFT JOIN facts_done f ON f.article = a.id "
                           "WHERE f.article IS NULL OR (f.with_entities = 0 "
                           "AND EXISTS(SELECT 1 FROM ner_done n WHERE "
                           "n.article = a.id)) ORDER BY a.id",
                           -1, &list, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT title, text, date FROM articles WHERE "
                           "id = ?1",
                           -1, &sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO facts(article, field, "
                           "kind, start, end, flags, value, value_max, "
                           "bound, unit_start, unit_end, iso, granularity, "
                           "text_start, text_end, speaker_start, "
                           "speaker_end, speaker_mention, medium_start, "
                           "medium_end) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                           "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                           "?18, ?19, ?20)",
                           -1, &ins, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO facts_done(article, "
                           "facts, with_entities) VALUES(?1, ?2, ?3)",
                           -1, &done, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "DELETE FROM facts WHERE article = ?1", -1,
                           &del, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT start, end, type FROM mentions WHERE "
                           "article = ?1 AND field = ?2 ORDER BY start",
                           -1, &ment, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO article_dates(article, "
                           "date, source, confidence) VALUES(?1, ?2, ?3, "
                           "?4)",
                           -1, &dated, NULL) != SQLITE_OK) {
        md_fail(db, err, errcap, "cannot prepare the fact pass");
        goto out;
    }
    while (sqlite3_step(list) == SQLITE_ROW) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 1024;
            int64_t *p = realloc(ids, nc * sizeof *p);
            int *q;
            if (!p) {
                snprintf(err, errcap, "out of memory");
                goto out;
            }
            ids = p;
            q = realloc(has_ner, nc * sizeof *q);
            if (!q) {
                snprintf(err, errcap, "out of memory");
                goto out;
            }
            has_ner = q;
            cap = nc;
        }
        ids[n] = sqlite3_column_int64(list, 0);
        has_ner[n] = sqlite3_column_int(list, 1);
        n++;
    }
    for (i = 0; i < n; i++) {
        struct ctx c;
        marsad_facts_doc doc;
        int64_t before = st->facts;
        const char *date;
        char iso[16] = "";
        const char *source;
        double conf;

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
        sqlite3_bind_int64(del, 1, ids[i]);
        if (sqlite3_step(del) != SQLITE_DONE) {
            sqlite3_reset(del);
            sqlite3_reset(sel);
            md_fail(db, err, errcap, "cannot remove old facts");
            goto out;
        }
        sqlite3_reset(del);
        memset(&doc, 0, sizeof doc);
        date = (const char *)sqlite3_column_text(sel, 2);
        if (mq_parse_date(date, &doc.year, &doc.month, &doc.day) == 0) {
            source = "metadata";
            conf = 1.0;
            st->dated_meta++;
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", doc.year % 10000,
                     doc.month, doc.day);
        } else {
            const char *t = (const char *)sqlite3_column_text(sel, 1);
            int len = sqlite3_column_bytes(sel, 1), y, m, d;
            conf = t ? marsad_facts_guess_date(fx, t, (size_t)len, &y, &m, &d)
                     : 0;
            if (conf > 0) {
                source = "text";
                st->dated_text++;
                snprintf(iso, sizeof iso, "%04d-%02d-%02d", y % 10000, m, d);
                if (conf >= MIN_GUESS) {
                    doc.year = y;
                    doc.month = m;
                    doc.day = d;
                }
            } else {
                source = "none";
                st->undated++;
            }
        }
        sqlite3_bind_int64(dated, 1, ids[i]);
        if (iso[0])
            sqlite3_bind_text(dated, 2, iso, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(dated, 2);
        sqlite3_bind_text(dated, 3, source, -1, SQLITE_STATIC);
        sqlite3_bind_double(dated, 4, conf);
        if (sqlite3_step(dated) != SQLITE_DONE) {
            sqlite3_reset(dated);
            sqlite3_reset(sel);
            md_fail(db, err, errcap, "cannot store the article date");
            goto out;
        }
        sqlite3_reset(dated);

        memset(&c, 0, sizeof c);
        c.db = db;
        c.ins = ins;
        c.article = ids[i];
        c.st = st;
        for (int field = 0; field < 2; field++) {
            const char *t =
                (const char *)sqlite3_column_text(sel, field ? 0 : 1);
            int len = sqlite3_column_bytes(sel, field ? 0 : 1);
            int r;
            if (!t || len <= 0)
                continue;
            if (load_mentions(ment, ids[i], field, &ents, &nents, &ecap)) {
                sqlite3_reset(sel);
                snprintf(err, errcap, "out of memory");
                goto out;
            }
            c.field = field;
            c.ents = ents;
            c.nents = nents;
            doc.entities = ents;
            doc.nentities = nents;
            r = marsad_facts_find(fx, t, (size_t)len, &doc, on_fact, &c);
            sqlite3_reset(ins);
            if (c.failed) {
                sqlite3_reset(sel);
                md_fail(db, err, errcap, "cannot store a fact");
                goto out;
            }
            if (r) {
                sqlite3_reset(sel);
                snprintf(err, errcap, "article %lld: %s", (long long)ids[i],
                         marsad_strerror(r));
                goto out;
            }
        }
        sqlite3_reset(sel);
        sqlite3_bind_int64(done, 1, ids[i]);
        sqlite3_bind_int64(done, 2, st->facts - before);
        sqlite3_bind_int(done, 3, has_ner[i]);
        if (sqlite3_step(done) != SQLITE_DONE) {
            sqlite3_reset(done);
            md_fail(db, err, errcap, "cannot store a fact");
            goto out;
        }
        sqlite3_reset(done);
        st->articles++;
        if (md_pass_step(mdb, i, n, BATCH, &in_txn, progress, "facts",
                         (long long)st->facts, "facts")) {
            md_fail(db, err, errcap, "cannot commit");
            goto out;
        }
    }
    if (progress && n)
        fputs("\r\033[K", stderr);
    rc = 0;
out:
    if (in_txn)
        md_rollback(mdb);
    sqlite3_finalize(list);
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sqlite3_finalize(done);
    sqlite3_finalize(del);
    sqlite3_finalize(ment);
    sqlite3_finalize(dated);
    free(ids);
    free(has_ner);
    free(ents);
    marsad_facts_free(fx);
    st->secs = md_now() - t0;
    return rc;
}
