/*
 * test_stories.c - near-duplicate signatures, article vectors, story
 * clustering, and the story pass over a store.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/stories.h"
#include "story/cluster.h"
#include "story/features.h"

/* Two reports of one event, and an unrelated one, written for these
 * tests. */
static const char *const report_a =
    "أعلنت وزارة الصحة في مدينة الساحل أن عدد المصابين بالحمى النزفية "
    "ارتفع إلى مئة وعشرين مصابا، بعد تسجيل حالات جديدة في القرى الشمالية. "
    "وقال مدير المستشفى المركزي إن فرق التطعيم وصلت إلى القرى صباح اليوم، "
    "وإن المختبر الوطني يحلل العينات. وطالبت الوزارة السكان بغلي مياه "
    "الشرب وتجنب التجمعات حتى تتراجع العدوى في الأسابيع المقبلة.";
static const char *const report_a_copy =
    "أعلنت وزارة الصحة في مدينة الساحل أن عدد المصابين بالحمى النزفية "
    "ارتفع إلى مئة وعشرين مصابا، بعد تسجيل حالات جديدة في القرى الشمالية. "
    "وقال مدير المستشفى المركزي إن فرق التطعيم وصلت إلى القرى صباح أمس، "
    "وإن المختبر الوطني يحلل العينات. وطالبت الوزارة السكان بغلي مياه "
    "الشرب وتجنب التجمعات حتى تتراجع العدوى في الأسابيع المقبلة.";
static const char *const report_b =
    "ارتفع عدد المصابين بالحمى النزفية في الساحل إلى مئة وعشرين، وفق "
    "وزارة الصحة، فيما وصلت فرق التطعيم إلى القرى الشمالية التي سجلت "
    "فيها الحالات الجديدة. ودعت الوزارة السكان إلى غلي مياه الشرب.";
static const char *const unrelated =
    "فاز فريق النجم بكأس البطولة بعد تغلبه على فريق الوادي بثلاثة أهداف "
    "مقابل هدف في المباراة النهائية التي أقيمت في الملعب الأولمبي أمام "
    "جمهور غفير، وسجل المهاجم الشاب هدفين في الشوط الثاني.";

static void doc_of(mv_extractor *ex, const char *title, const char *text,
                   mv_doc *d, mv_term *vec, size_t *nvec);

static double idf_one(void *ud, uint32_t term)
{
    (void)ud;
    (void)term;
    return 1.0;
}

static void doc_of(mv_extractor *ex, const char *title, const char *text,
                   mv_doc *d, mv_term *vec, size_t *nvec)
{
    assert_int_equal(mv_extract(ex, title, title ? strlen(title) : 0, text,
                                strlen(text), NULL, NULL, 0, d, NULL, NULL),
                     0);
    if (vec)
        *nvec = mv_vector(d, idf_one, NULL, vec, MV_VECTOR_MAX);
}

static void test_minhash(void **state)
{
    mv_extractor *ex = mv_extractor_new();
    mv_doc d;
    uint32_t a[MV_SLOTS], c[MV_SLOTS], b[MV_SLOTS], u[MV_SLOTS];
    (void)state;
    assert_non_null(ex);
    doc_of(ex, NULL, report_a, &d, NULL, NULL);
    assert_true(d.shingles > 20);
    memcpy(a, d.minhash, sizeof a);
    doc_of(ex, NULL, report_a_copy, &d, NULL, NULL);
    memcpy(c, d.minhash, sizeof c);
    doc_of(ex, NULL, report_b, &d, NULL, NULL);
    memcpy(b, d.minhash, sizeof b);
    doc_of(ex, NULL, unrelated, &d, NULL, NULL);
    memcpy(u, d.minhash, sizeof u);

    assert_true(mv_minhash_sim(a, a) == 1.0);
    /* one word changed in a long text: still a near-copy */
    assert_true(mv_minhash_sim(a, c) >= 0.6);
    /* the same news in other words is not a copy */
    assert_true(mv_minhash_sim(a, b) < 0.3);
    assert_true(mv_minhash_sim(a, u) < 0.2);

    /* the index finds the earlier copy, and nothing for the others */
    mh_index *ix = mh_new();
    double s = 0;
    assert_non_null(ix);
    assert_int_equal(mh_add(ix, 10, a), 0);
    assert_int_equal(mh_add(ix, 11, u), 0);
    assert_int_equal(mh_best(ix, c, 0.5, &s), 10);
    assert_true(s >= 0.6);
    assert_int_equal(mh_best(ix, b, 0.5, &s), 0);
    mh_free(ix);
    mv_extractor_free(ex);
}

static int has_term(const mv_doc *d, const char *s, float *w)
{
    uint32_t t = mv_term_of(s, strlen(s));
    for (size_t i = 0; i < d->nterms; i++)
        if (d->terms[i].term == t) {
            if (w)
                *w = d->terms[i].w;
            return 1;
        }
    return 0;
}

static void test_terms(void **state)
{
    mv_extractor *ex = mv_extractor_new();
    mv_doc d;
    float w = 0, w2 = 0;
    const char *names[] = {"وزارة الصحة", "الساحل"};
    size_t lens[] = {strlen(names[0]), strlen(names[1])};
    (void)state;
    assert_int_equal(mv_extract(ex, "الحمى في الساحل", strlen("الحمى في الساحل"),
                                report_a, strlen(report_a), names, lens, 2,
                                &d, NULL, NULL),
                     0);
    /* terms are sorted, distinct */
    for (size_t i = 1; i < d.nterms; i++)
        assert_true(d.terms[i - 1].term < d.terms[i].term);
    /* stems, not surface forms; function words left out */
    assert_true(has_term(&d, "مصاب", NULL) || has_term(&d, "مصابين", NULL));
    assert_false(has_term(&d, "في", NULL));
    assert_false(has_term(&d, "إلى", NULL));
    /* entity names as terms of their own, search-normalized */
    assert_true(has_term(&d, "@وزاره الصحه", NULL));
    /* a title word counts more than a word of the body */
    assert_true(has_term(&d, "حمي", &w) || has_term(&d, "الحمي", &w));
    assert_true(has_term(&d, "مختبر", &w2) || has_term(&d, "المختبر", &w2));
    assert_true(w > w2);
    mv_extractor_free(ex);
}

static void test_vectors(void **state)
{
    mv_extractor *ex = mv_extractor_new();
    mv_doc d;
    mv_term a[MV_VECTOR_MAX], b[MV_VECTOR_MAX], u[MV_VECTOR_MAX];
    size_t na, nb, nu;
    double len = 0;
    (void)state;
    doc_of(ex, NULL, report_a, &d, a, &na);
    doc_of(ex, NULL, report_b, &d, b, &nb);
    doc_of(ex, NULL, unrelated, &d, u, &nu);
    assert_true(na > 10 && na <= MV_VECTOR_MAX);
    for (size_t i = 0; i < na; i++)
        len += (double)a[i].w * a[i].w;
    assert_true(fabs(len - 1.0) < 1e-4);
    assert_true(fabs(mv_dot(a, na, a, na) - 1.0) < 1e-4);
    /* same event in other words: closer than an unrelated article */
    assert_true(mv_dot(a, na, b, nb) > 0.25);
    assert_true(mv_dot(a, na, u, nu) < 0.05);

    /* packing round trip */
    unsigned char blob[MV_VECTOR_MAX * 8];
    mv_term back[MV_VECTOR_MAX];
    size_t bytes = mt_vec_pack(a, na, blob);
    assert_int_equal(bytes, na * 8);
    assert_int_equal(mt_vec_unpack(blob, bytes, back, MV_VECTOR_MAX), na);
    assert_memory_equal(back, a, na * sizeof *a);
    /* a truncated blob gives whole entries only */
    assert_int_equal(mt_vec_unpack(blob, 13, back, MV_VECTOR_MAX), 1);
    mv_extractor_free(ex);
}

static void test_days(void **state)
{
    char iso[11];
    (void)state;
    assert_true(mv_days("1970-01-01") == 0.0);
    assert_true(mv_days("2022-01-05") == 18997.0);
    /* time and offset: 02:00 at +04:00 is 22:00 the day before, UTC */
    assert_true(fabs(mv_days("2018-05-14T02:00:00+04:00") -
                     (mv_days("2018-05-14") - 2.0 / 24)) < 1e-9);
    assert_true(isnan(mv_days(NULL)));
    assert_true(isnan(mv_days("")));
    assert_true(isnan(mv_days("2018-13-01")));
    assert_true(isnan(mv_days("yesterday")));
    assert_string_equal(mv_iso(mv_days("2024-02-29"), iso), "2024-02-29");
    assert_string_equal(mv_iso(mv_days("1999-12-31T23:59:00"), iso),
                        "1999-12-31");
    assert_string_equal(mv_iso(NAN, iso), "");
}

static void test_clustering(void **state)
{
    mv_extractor *ex = mv_extractor_new();
    mv_doc d;
    mv_term a[MV_VECTOR_MAX], b[MV_VECTOR_MAX], u[MV_VECTOR_MAX];
    size_t na, nb, nu;
    double sim;
    mv_params p;
    (void)state;
    doc_of(ex, NULL, report_a, &d, a, &na);
    doc_of(ex, NULL, report_b, &d, b, &nb);
    doc_of(ex, NULL, unrelated, &d, u, &nu);
    mv_params_default(&p);

    mv_clusterer *cl = mv_clusterer_new(&p);
    long s1 = mv_assign(cl, a, na, 100.0, &sim);
    assert_int_equal(s1, 0);
    assert_true(sim == 0);
    long s2 = mv_assign(cl, u, nu, 100.2, &sim);
    assert_int_equal(s2, 1);
    /* the other report of the same event joins the first story */
    assert_int_equal(mv_assign(cl, b, nb, 100.5, &sim), s1);
    assert_true(sim >= p.threshold);
    assert_int_equal(mv_story_at(cl, 0)->n, 2);
    assert_true(mv_story_at(cl, 0)->last == 100.5);
    /* the same words a month later start a new story */
    assert_int_equal(mv_assign(cl, b, nb, 130.0, &sim), 2);
    assert_int_equal(mv_count(cl), 3);
    mv_clusterer_free(cl);

    /* an undated article is compared with every story */
    cl = mv_clusterer_new(&p);
    assert_int_equal(mv_assign(cl, a, na, 100.0, &sim), 0);
    assert_int_equal(mv_assign(cl, b, nb, NAN, &sim), 0);
    assert_true(mv_story_at(cl, 0)->first == 100.0);
    mv_clusterer_free(cl);

    /* a stored story, loaded again, is joined like a new one */
    cl = mv_clusterer_new(&p);
    assert_int_equal(mv_add_story(cl, 42, 99.0, 100.0, 1, a, na), 0);
    assert_int_equal(mv_assign(cl, b, nb, 101.0, &sim), 0);
    assert_int_equal(mv_story_at(cl, 0)->id, 42);
    assert_true(mv_story_at(cl, 0)->touched);
    mv_clusterer_free(cl);

    /* a stricter threshold keeps them apart */
    p.threshold = 0.99;
    cl = mv_clusterer_new(&p);
    assert_int_equal(mv_assign(cl, a, na, 100.0, &sim), 0);
    assert_int_equal(mv_assign(cl, b, nb, 100.0, &sim), 1);
    mv_clusterer_free(cl);
    mv_extractor_free(ex);
}

/* ------------------------------------------------------- the store */

static char dir[64], path[96];

static void put(md_db *db, const char *id, const char *source,
                const char *date, const char *title, const char *text)
{
    mc_meta m;
    md_article_in a;
    int64_t rid;
    int outcome;
    memset(&m, 0, sizeof m);
    m.source = (char *)source;
    m.date = (char *)date;
    m.title = (char *)title;
    memset(&a, 0, sizeof a);
    a.file = "feed.jsonl";
    a.ext_id = id;
    a.meta = &m;
    a.text = text;
    a.len = strlen(text);
    assert_int_equal(md_put_article(db, &a, 1, &rid, &outcome), 0);
}

static int64_t scalar(md_db *db, const char *sql)
{
    sqlite3_stmt *q;
    int64_t v = -1;
    assert_int_equal(sqlite3_prepare_v2(md_sqlite(db), sql, -1, &q, NULL),
                     SQLITE_OK);
    if (sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

static void test_pass(void **state)
{
    md_db *db;
    mt_stats st;
    char err[512];
    (void)state;
    strcpy(dir, "/tmp/marsad-stories-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.db", dir);
    assert_int_equal(md_open(path, 0, &db, err, sizeof err), 0);

    assert_int_equal(md_begin(db), 0);
    put(db, "a", "outlet-one", "2024-03-01T08:00:00Z", "الحمى في الساحل",
        report_a);
    put(db, "u", "outlet-two", "2024-03-01T09:00:00Z", "النجم بطلا",
        unrelated);
    assert_int_equal(md_commit(db), 0);
    assert_int_equal(mt_update(db, NULL, 0, &st, err, sizeof err), 0);
    assert_int_equal(st.articles, 2);
    assert_int_equal(st.new_stories, 2);
    assert_int_equal(scalar(db, "SELECT count(*) FROM stories"), 2);

    /* a second batch: a copy and another report of the first event join
     * its story, which is loaded from the store, not recomputed */
    assert_int_equal(md_begin(db), 0);
    put(db, "c", "outlet-three", "2024-03-01T12:00:00Z", "الحمى تنتشر",
        report_a_copy);
    put(db, "b", "outlet-four", "2024-03-02T07:00:00Z",
        "ارتفاع المصابين بالحمى", report_b);
    assert_int_equal(md_commit(db), 0);
    assert_int_equal(mt_update(db, NULL, 0, &st, err, sizeof err), 0);
    assert_int_equal(st.articles, 2);
    assert_int_equal(st.near_dups, 1);
    assert_int_equal(st.new_stories, 0);
    assert_true(st.loaded >= 1);
    assert_int_equal(scalar(db, "SELECT count(*) FROM stories"), 2);
    assert_int_equal(scalar(db,
                            "SELECT count(DISTINCT story) FROM story_articles "
                            "s JOIN articles a ON a.id = s.article WHERE "
                            "a.ext_id IN ('a', 'b', 'c')"),
                     1);
    assert_int_equal(scalar(db,
                            "SELECT articles FROM stories WHERE id = (SELECT "
                            "story FROM story_articles s JOIN articles a ON "
                            "a.id = s.article WHERE a.ext_id = 'a')"),
                     3);
    assert_int_equal(scalar(db,
                            "SELECT o.ext_id = 'a' FROM near_dups n JOIN "
                            "articles c ON c.id = n.article JOIN articles o "
                            "ON o.id = n.original WHERE c.ext_id = 'c'"),
                     1);
    /* nothing new: nothing to do */
    assert_int_equal(mt_update(db, NULL, 0, &st, err, sizeof err), 0);
    assert_int_equal(st.articles, 0);

    /* an article whose text changes leaves its story and is placed again */
    assert_int_equal(md_begin(db), 0);
    put(db, "b", "outlet-four", "2024-03-02T07:00:00Z", "النجم بطلا مجددا",
        unrelated);
    assert_int_equal(md_commit(db), 0);
    assert_int_equal(scalar(db,
                            "SELECT articles FROM stories WHERE id = (SELECT "
                            "story FROM story_articles s JOIN articles a ON "
                            "a.id = s.article WHERE a.ext_id = 'a')"),
                     2);
    assert_int_equal(mt_update(db, NULL, 0, &st, err, sizeof err), 0);
    assert_int_equal(st.articles, 1);
    assert_int_equal(scalar(db,
                            "SELECT count(DISTINCT story) FROM story_articles "
                            "s JOIN articles a ON a.id = s.article WHERE "
                            "a.ext_id IN ('a', 'c')"),
                     1);

    /* rebuilding gives the same partition */
    assert_int_equal(md_begin(db), 0);
    assert_int_equal(mt_reset(db), 0);
    assert_int_equal(md_commit(db), 0);
    assert_int_equal(mt_update(db, NULL, 0, &st, err, sizeof err), 0);
    assert_int_equal(st.articles, 4);
    assert_int_equal(scalar(db, "SELECT count(*) FROM stories"), 2);

    md_close(db);
    unlink(path);
    char wal[128];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    rmdir(dir);
}

static void test_df_file(void **state)
{
    char p[128], err[512];
    FILE *f;
    mt_df *df = NULL;
    (void)state;
    strcpy(dir, "/tmp/marsad-df-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(p, sizeof p, "%s/df.tsv", dir);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs("# documents 100\nحمي\t3\nمصاب\t7\n", f);
    fclose(f);
    assert_int_equal(mt_df_load(p, &df, err, sizeof err), 0);
    mt_df_free(df);
    /* a bad line is named */
    f = fopen(p, "w");
    fputs("# documents 100\nحمي\t3\nمصاب 7\n", f);
    fclose(f);
    assert_int_equal(mt_df_load(p, &df, err, sizeof err), -1);
    assert_non_null(strstr(err, "df.tsv:3:"));
    /* the count of documents is required */
    f = fopen(p, "w");
    fputs("حمي\t3\n", f);
    fclose(f);
    assert_int_equal(mt_df_load(p, &df, err, sizeof err), -1);
    assert_non_null(strstr(err, "documents"));
    unlink(p);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minhash),  cmocka_unit_test(test_terms),
        cmocka_unit_test(test_vectors),  cmocka_unit_test(test_days),
        cmocka_unit_test(test_clustering), cmocka_unit_test(test_pass),
        cmocka_unit_test(test_df_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
