/*
 * cmd_facts_db.c - the fact pass of marsad ingest, and marsad facts over
 * the stored articles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "cli/cli.h"
#include "store/facts.h"

int cli_facts_pass(md_db *db, int progress)
{
    mq_stats st;
    char err[1024];
    if (mq_update(db, progress, &st, err, sizeof err)) {
        fprintf(stderr, "marsad: facts: %s (what was committed stays; the "
                        "next ingest goes on from there)\n", err);
        return -1;
    }
    if (st.articles)
        fprintf(cli_report(), "facts: %lld articles read in %.1f s: %lld numbers, %lld "
               "dates, %lld quotes; %lld articles dated by metadata, %lld "
               "from their text, %lld undated\n",
               (long long)st.articles, st.secs,
               (long long)st.kinds[MARSAD_FACT_NUMBER],
               (long long)st.kinds[MARSAD_FACT_DATE],
               (long long)st.kinds[MARSAD_FACT_QUOTE],
               (long long)st.dated_meta, (long long)st.dated_text,
               (long long)st.undated);
    return 0;
}

static size_t col_size(sqlite3_stmt *q, int i)
{
    return sqlite3_column_type(q, i) == SQLITE_NULL
               ? 0
               : (size_t)sqlite3_column_int64(q, i);
}

int cli_row_fact(sqlite3_stmt *q, size_t len, marsad_fact *f)
{
    const char *iso;
    memset(f, 0, sizeof *f);
    f->kind = sqlite3_column_int(q, 2);
    f->start = col_size(q, 3);
    f->end = col_size(q, 4);
    f->flags = (unsigned)sqlite3_column_int(q, 5);
    f->value = sqlite3_column_double(q, 6);
    f->value_max = sqlite3_column_double(q, 7);
    f->bound = sqlite3_column_int(q, 8);
    f->unit_start = col_size(q, 9);
    f->unit_end = col_size(q, 10);
    iso = (const char *)sqlite3_column_text(q, 11);
    f->granularity = sqlite3_column_int(q, 12);
    if (iso) {
        int y = 0, m = 0, d = 0;
        if (f->granularity == MARSAD_GRAN_DECADE)
            y = atoi(iso) * 10;
        else if (f->granularity == MARSAD_GRAN_CENTURY)
            y = atoi(iso) * 100;
        else
            sscanf(iso, "%d-%d-%d", &y, &m, &d);
        f->year = y;
        f->month = m;
        f->day = d;
    }
    f->text_start = col_size(q, 13);
    f->text_end = col_size(q, 14);
    f->speaker_start = col_size(q, 15);
    f->speaker_end = col_size(q, 16);
    f->speaker = -1;
    f->medium_start = col_size(q, 17);
    f->medium_end = col_size(q, 18);
    if (f->start > f->end || f->end > len || f->unit_end > len ||
        f->text_end > len || f->speaker_end > len || f->medium_end > len ||
        f->unit_start > f->unit_end || f->text_start > f->text_end ||
        f->speaker_start > f->speaker_end || f->medium_start > f->medium_end)
        return -1;
    return 0;
}

int cli_facts_list(const char *path, unsigned kinds, int64_t article,
                   int64_t limit, int json)
{
    md_db *mdb;
    sqlite3 *db;
    sqlite3_stmt *q = NULL, *txt = NULL;
    char err[1024], sql[1400];
    int64_t cur = -1, shown = 0;
    int curfield = -1, status = 0, r;
    char *text = NULL;
    size_t len = 0;

    if (md_open(path, 1, &mdb, err, sizeof err)) {
        fprintf(stderr, "marsad facts: %s\n", err);
        return 1;
    }
    db = md_sqlite(mdb);
    snprintf(sql, sizeof sql,
             "SELECT f.article, f.field, f.kind, f.start, f.end, f.flags, "
             "f.value, f.value_max, f.bound, f.unit_start, f.unit_end, "
             "f.iso, f.granularity, f.text_start, f.text_end, "
             "f.speaker_start, f.speaker_end, f.medium_start, f.medium_end, "
             "e.name, e.id FROM facts f LEFT JOIN mentions m ON "
             "m.article = f.article AND m.field = f.field AND m.start = "
             "f.speaker_mention LEFT JOIN entities e ON e.id = m.entity "
             "WHERE (?1 = 0 OR f.article = ?1) AND (?2 & (1 << f.kind)) "
             "ORDER BY f.article, f.field, f.start, f.kind");
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT CASE ?2 WHEN 0 THEN text ELSE title END "
                           "FROM articles WHERE id = ?1",
                           -1, &txt, NULL) != SQLITE_OK) {
        /* a store from before facts existed */
        fprintf(stderr, "marsad facts: %s has no facts yet (run 'marsad "
                "ingest' again to find them): %s\n", path,
                sqlite3_errmsg(db));
        sqlite3_finalize(q);
        md_close(mdb);
        return 1;
    }
    sqlite3_bind_int64(q, 1, article);
    sqlite3_bind_int64(q, 2, kinds ? (sqlite3_int64)kinds : 0xE);
    while ((limit < 0 || shown < limit) &&
           (r = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t a = sqlite3_column_int64(q, 0);
        int field = sqlite3_column_int(q, 1);
        const char *speaker = (const char *)sqlite3_column_text(q, 19);
        marsad_fact f;

        if (a != cur || field != curfield) {
            const char *t;
            free(text);
            text = NULL;
            len = 0;
            sqlite3_bind_int64(txt, 1, a);
            sqlite3_bind_int(txt, 2, field);
            if (sqlite3_step(txt) == SQLITE_ROW &&
                (t = (const char *)sqlite3_column_text(txt, 0))) {
                len = (size_t)sqlite3_column_bytes(txt, 0);
                text = malloc(len + 1);
                if (text)
                    memcpy(text, t, len + 1);
            }
            sqlite3_reset(txt);
            if (!text) {
                fprintf(stderr, "marsad facts: article %lld: text missing "
                        "or out of memory\n", (long long)a);
                status = 1;
                break;
            }
            if (!json && a != cur)
                printf("# article %lld\n", (long long)a);
            cur = a;
            curfield = field;
        }
        if (cli_row_fact(q, len, &f)) {
            fprintf(stderr, "marsad facts: article %lld: a fact at %lld "
                    "does not fit the text; skipped\n", (long long)a,
                    (long long)sqlite3_column_int64(q, 3));
            status = 1;
            continue;
        }
        if (json) {
            json_t *o = cli_fact_json(&f, text);
            char *s;
            if (!o) {
                status = 1;
                break;
            }
            json_object_set_new(o, "article", json_integer((json_int_t)a));
            json_object_set_new(o, "field",
                                json_string(field ? "title" : "text"));
            if (f.kind == MARSAD_FACT_QUOTE) {
                cli_quote_speaker(o, &f, text, speaker);
                json_object_set_new(o, "speaker_id",
                                    speaker ? json_integer(sqlite3_column_int64(q, 20))
                                            : json_null());
            }
            s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(15));
            json_decref(o);
            if (!s) {
                status = 1;
                break;
            }
            puts(s);
            free(s);
        } else {
            if (field)
                fputs("title ", stdout);
            cli_fact_line(stdout, &f, text, speaker);
        }
        shown++;
    }
    free(text);
    sqlite3_finalize(q);
    sqlite3_finalize(txt);
    md_close(mdb);
    return status;
}
