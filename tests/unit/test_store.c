/*
 * test_store.c - the SQLite store, the marsad FTS5 tokenizer, the ranking
 * index and md_search.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/fts5_marsad.h"
#include "store/search.h"
#include "store/snippet.h"
#include "store/store.h"

static char dir[64];
static char path[128];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/marsad-store-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Articles written for these tests. */
static const char *const texts[] = {
    "أعلنت الحكومة الكازاخستانية حالة الطوارئ في ألماتي بعد احتجاجات على "
    "أسعار الغاز.",
    "قال وزير الخارجية إن للحكومة الحق في طلب المساعدة من الحلفاء.",
    "وصلت قوات حفظ السلام إلى كازاخستان صباح الخميس.",
    "ارتفعت أسعار النفط في الأسواق العالمية هذا الأسبوع.",
    "The parliament in Astana met on Monday to discuss the crisis.",
};
static const char *const sources[] = {"alpha", "beta", "alpha", "gamma",
                                      "beta"};
static const char *const dates[] = {"2022-01-05", "2022-01-06",
                                    "2022-01-07", "2021-12-30",
                                    "2022-01-10"};

static md_db *open_rw(void)
{
    md_db *db = NULL;
    char err[256];
    assert_int_equal(md_open(path, 0, &db, err, sizeof err), 0);
    return db;
}

static void put(md_db *db, int i, const char *id, const char *text,
                int expect)
{
    mc_meta m;
    memset(&m, 0, sizeof m);
    char title[32];
    snprintf(title, sizeof title, "title %d", i);
    m.title = title;
    m.source = (char *)sources[i];
    m.date = (char *)dates[i];
    md_article_in a = {"file.txt", i, id, &m, text, strlen(text)};
    int64_t rid;
    int outcome;
    assert_int_equal(md_put_article(db, &a, 1, &rid, &outcome), 0);
    assert_int_equal(outcome, expect);
}

static void load(void)
{
    md_db *db = open_rw();
    assert_int_equal(md_begin(db), 0);
    char id[16];
    for (int i = 0; i < 5; i++) {
        snprintf(id, sizeof id, "a%d", i);
        put(db, i, id, texts[i], MD_ADDED);
    }
    assert_int_equal(md_commit(db), 0);
    md_close(db);
}

/* ids of the articles a query finds, as a string like "1 3" */
static void found(const char *q, const md_filter *f, char *out, size_t cap)
{
    md_db *db;
    char err[256];
    assert_int_equal(md_open(path, 1, &db, err, sizeof err), 0);
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    mr_hit hits[10];
    size_t n;
    mq_query mq;
    int rc = md_search(db, an, q, f, 10, hits, &n, &mq, err, sizeof err);
    if (rc != MD_SEARCH_OK)
        fail_msg("query %s: %s", q, err);
    /* sorted ids for a stable comparison */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && hits[j - 1].id > hits[j].id; j--) {
            mr_hit t = hits[j];
            hits[j] = hits[j - 1];
            hits[j - 1] = t;
        }
    out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(out);
        snprintf(out + l, cap - l, "%s%lld", i ? " " : "",
                 (long long)hits[i].id);
    }
    mq_free(&mq);
    marsad_analyzer_free(an);
    md_close(db);
}

#define FOUND(q, expect)                                                   \
    do {                                                                   \
        char got_[128];                                                    \
        found(q, NULL, got_, sizeof got_);                                 \
        assert_string_equal(got_, expect);                                 \
    } while (0)

static void test_put_outcomes(void **state)
{
    (void)state;
    load();
    md_db *db = open_rw();
    assert_int_equal(md_begin(db), 0);
    /* the same identity and content: unchanged */
    put(db, 0, "a0", texts[0], MD_UNCHANGED);
    /* the same content under another identity: a duplicate */
    put(db, 0, "copy-of-a0", texts[0], MD_DUPLICATE);
    assert_int_equal(md_commit(db), 0);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(md_sqlite(db),
                                        "SELECT count(*) FROM articles", -1,
                                        &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 5);
    sqlite3_finalize(st);
    md_close(db);
}

static void test_clitics_and_spelling(void **state)
{
    (void)state;
    load();
    /* للحكومة <-> الحكومة, in both directions */
    FOUND("للحكومة", "1 2");
    FOUND("الحكومة", "1 2");
    /* ألماتي <-> الماتي */
    FOUND("الماتي", "1");
    /* لكازاخستان <-> كازاخستان */
    FOUND("لكازاخستان", "3");
    /* Latin words fold case */
    FOUND("ASTANA", "5");
}

static void test_operators(void **state)
{
    (void)state;
    load();
    FOUND("أسعار الغاز", "1");
    FOUND("الغاز OR النفط", "1 4");
    FOUND("أسعار -النفط", "1");
    FOUND("أسعار NOT القمح", "1 4");
    FOUND("\"حفظ السلام\"", "3");
    FOUND("«السلام حفظ»", "");
    FOUND("كازاخ*", "1 3");
    /* a stop word inside the query does not make it fail */
    FOUND("حالة في الطوارئ", "1");
}

static void test_filters(void **state)
{
    (void)state;
    load();
    char got[64];
    md_filter f = {"ALPHA", NULL, NULL, 0};
    found("أسعار OR كازاخستان OR الحكومة", &f, got, sizeof got);
    assert_string_equal(got, "1 3");
    md_filter g = {NULL, "2022-01-06", "2022-01-08", 0};
    found("أسعار OR كازاخستان OR الحكومة", &g, got, sizeof got);
    assert_string_equal(got, "2 3");
}

static void test_update_replaces(void **state)
{
    (void)state;
    load();
    md_db *db = open_rw();
    assert_int_equal(md_begin(db), 0);
    put(db, 3, "a3", "انخفضت أسعار القمح بعد موسم حصاد وفير.", MD_UPDATED);
    assert_int_equal(md_commit(db), 0);
    md_close(db);
    FOUND("النفط", "");
    FOUND("القمح", "4");
    FOUND("أسعار", "1 4");
    /* merging the ranking index keeps the answers */
    db = open_rw();
    assert_int_equal(md_optimize(db), 0);
    md_close(db);
    FOUND("القمح", "4");
    FOUND("أسعار", "1 4");
}

static void test_rank_prefers_denser(void **state)
{
    (void)state;
    md_db *db = open_rw();
    assert_int_equal(md_begin(db), 0);
    put(db, 0, "x1", "الغاز الغاز الغاز في المدينة.", MD_ADDED);
    put(db, 1, "x2",
        "تحدث الوزير طويلا عن الموازنة والضرائب والتعليم والصحة والنقل "
        "ثم ذكر الغاز مرة واحدة في آخر كلامه أمام النواب.",
        MD_ADDED);
    assert_int_equal(md_commit(db), 0);
    md_close(db);
    assert_int_equal(md_open(path, 1, &db, NULL, 0), 0);
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    mr_hit hits[4];
    size_t n;
    mq_query mq;
    char err[128];
    assert_int_equal(
        md_search(db, an, "الغاز", NULL, 4, hits, &n, &mq, err, sizeof err),
        MD_SEARCH_OK);
    assert_int_equal(n, 2);
    assert_int_equal(hits[0].id, 1);
    assert_true(hits[0].score > hits[1].score);
    mq_free(&mq);
    marsad_analyzer_free(an);
    md_close(db);
}

/* A document with more distinct terms than the ranking table's first
 * size grows the table while the document is being read. */
static void test_many_terms_in_one_document(void **state)
{
    (void)state;
    size_t cap = 6000 * 8;
    char *big = malloc(cap);
    assert_non_null(big);
    size_t o = 0;
    for (int i = 0; i < 6000; i++)
        o += (size_t)snprintf(big + o, cap - o, "w%d ", i);
    md_db *db = open_rw();
    assert_int_equal(md_begin(db), 0);
    put(db, 0, "big", big, MD_ADDED);
    put(db, 1, "small", "w5999 w5999 w17", MD_ADDED);
    assert_int_equal(md_commit(db), 0);
    md_close(db);
    free(big);
    /* every term finds the big document, once */
    assert_int_equal(md_open(path, 1, &db, NULL, 0), 0);
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    for (int i = 0; i < 6000; i++) {
        char q[16], err[128];
        mr_hit hits[4];
        size_t n;
        mq_query mq;
        snprintf(q, sizeof q, "w%d", i);
        assert_int_equal(
            md_search(db, an, q, NULL, 4, hits, &n, &mq, err, sizeof err),
            MD_SEARCH_OK);
        mq_free(&mq);
        if (n != (i == 17 || i == 5999 ? 2u : 1u))
            fail_msg("w%d: %zu hits", i, n);
    }
    marsad_analyzer_free(an);
    md_close(db);
    char got[64];
    found("w17", NULL, got, sizeof got);
    assert_string_equal(got, "1 2");
    found("w5999", NULL, got, sizeof got);
    assert_string_equal(got, "1 2");
}

static void test_bad_query(void **state)
{
    (void)state;
    load();
    md_db *db;
    assert_int_equal(md_open(path, 1, &db, NULL, 0), 0);
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    mr_hit hits[4];
    size_t n;
    mq_query mq;
    char err[256] = "";
    assert_int_equal(
        md_search(db, an, "في من", NULL, 4, hits, &n, &mq, err, sizeof err),
        MD_SEARCH_QUERY);
    assert_true(strlen(err) > 0);
    mq_free(&mq);
    marsad_analyzer_free(an);
    md_close(db);
}

static void test_readonly_needs_schema(void **state)
{
    (void)state;
    md_db *db = NULL;
    char err[256] = "";
    FILE *f = fopen(path, "w");
    fclose(f);
    assert_int_equal(md_open(path, 1, &db, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a marsad database"));
}

/* The tokenizer on its own, as a user of the extension would use it. */
static void test_tokenizer_in_own_table(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(mt_register(db, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='marsad');"
                     "INSERT INTO t VALUES('وللمحللين رأي آخر في الأزمة');"
                     "INSERT INTO t VALUES('no arabic here');",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT rowid, highlight(t, 0, '[', "
                                        "']') FROM t WHERE t MATCH ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, "المحللون", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    /* offsets point at the original word, clitics included */
    assert_string_equal((const char *)sqlite3_column_text(st, 1),
                        "[وللمحللين] رأي آخر في الأزمة");
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    /* an unknown option is an error */
    assert_int_not_equal(
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='marsad "
                     "bogus')",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
}

static void test_snippet_highlights(void **state)
{
    (void)state;
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    const char *words[] = {"الحكومة"};
    msn_terms *t = msn_terms_new(an, words, 1);
    assert_non_null(t);
    const char *text = texts[1];
    msn_snippet s;
    assert_int_equal(msn_make(an, t, text, strlen(text), 32, &s), 0);
    assert_int_equal(s.nhits, 1);
    assert_true(s.hits[0].end <= s.len);
    assert_memory_equal(s.text + s.hits[0].start, "للحكومة",
                        strlen("للحكومة"));
    msn_free(&s);
    msn_terms_free(t);
    marsad_analyzer_free(an);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_put_outcomes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clitics_and_spelling, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_operators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_replaces, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rank_prefers_denser, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_many_terms_in_one_document,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly_needs_schema, setup,
                                        teardown),
        cmocka_unit_test(test_tokenizer_in_own_table),
        cmocka_unit_test(test_snippet_highlights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
