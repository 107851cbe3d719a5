/*
 * fuzz_query.c - libFuzzer target for the search query language
 * (src/store/query.c).
 *
 * Each input is parsed as a query twice, once for an index that keeps
 * stop words and once for one that drops them.  Checks on every input:
 * a parse either succeeds with a non-empty, valid UTF-8 expression that
 * a real FTS5 table (in memory, two rows) compiles and runs without
 * error, or fails with a message and an empty result; the highlight
 * words are non-empty pieces of the input; a second parse of the same
 * input gives the same expression.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "marsad.h"
#include "store/query.h"

#include "fuzz.h"

struct env {
    marsad_analyzer *an;
    sqlite3 *db;
    sqlite3_stmt *match;
};

/* one analyzer and one database for the whole run, as a long-lived
 * caller keeps them */
static struct env *get_env(void)
{
    static struct env e;
    static int ready;

    if (!ready) {
        e.an = marsad_analyzer_new(NULL, NULL, NULL);
        CHECK(e.an);
        CHECK(sqlite3_open(":memory:", &e.db) == SQLITE_OK);
        CHECK(sqlite3_exec(e.db,
                           "CREATE VIRTUAL TABLE t USING fts5(x);"
                           "INSERT INTO t VALUES ('الحكومة وزير covid 19'),"
                           " ('apple banana 10%');",
                           NULL, NULL, NULL) == SQLITE_OK);
        CHECK(sqlite3_prepare_v2(e.db,
                                 "SELECT count(*) FROM t WHERE t MATCH ?",
                                 -1, &e.match, NULL) == SQLITE_OK);
        ready = 1;
    }
    return &e;
}

static int contains(const uint8_t *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;

    for (i = 0; k <= n && i <= n - k; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

static void one(struct env *e, const uint8_t *data, size_t size,
                int drop_stop)
{
    const char *q = (const char *)data;
    mq_query a, b;
    char err[256];
    size_t i;
    int rc, rc2, step;

    err[0] = '\0';
    rc = mq_parse(q, size, e->an, drop_stop, &a, err, sizeof err);
    rc2 = mq_parse(q, size, e->an, drop_stop, &b, NULL, 0);
    CHECK(rc == rc2);
    if (rc != 0) {
        CHECK(err[0] != '\0');
        CHECK(a.fts == NULL && a.words == NULL && a.nwords == 0);
        mq_free(&a);
        mq_free(&b);
        return;
    }
    CHECK(a.fts && b.fts && strcmp(a.fts, b.fts) == 0);
    CHECK(a.fts[0] != '\0');
    CHECK(marsad_utf8_validate(a.fts, strlen(a.fts), NULL) == MARSAD_OK);
    CHECK(a.prefix_any == 0 || strchr(a.fts, '*') != NULL);
    for (i = 0; i < a.nwords; i++) {
        CHECK(a.words[i][0] != '\0');
        CHECK(contains(data, size, a.words[i]));
    }
    sqlite3_reset(e->match);
    CHECK(sqlite3_bind_text(e->match, 1, a.fts, -1, SQLITE_STATIC) ==
          SQLITE_OK);
    while ((step = sqlite3_step(e->match)) == SQLITE_ROW)
        ;
    CHECK(step == SQLITE_DONE);
    sqlite3_reset(e->match);
    sqlite3_clear_bindings(e->match);
    mq_free(&a);
    mq_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct env *e = get_env();

    one(e, data, size, 0);
    one(e, data, size, 1);
    return 0;
}
