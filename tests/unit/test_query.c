/*
 * test_query.c - the search query language (src/store/query.c): the
 * exact FTS5 expression for Arabic and Latin queries, operators and
 * their precedence, phrases, prefixes, stop-word removal, reordering of
 * excluded terms, lenient parsing, errors with their byte offsets, the
 * words kept for highlighting, and limits.
 *
 * Every expression produced is also compiled and run by a real FTS5
 * table (default unicode61 tokenizer), so a syntax error in any of them
 * fails the test; a few queries are run against rows to check that the
 * expression means what the query says, and a few against Arabic rows
 * indexed with the marsad tokenizer, end to end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "marsad.h"
#include "store/fts5_marsad.h"
#include "store/query.h"

struct fixture {
    marsad_analyzer *an;
    sqlite3 *db;
    sqlite3_stmt *count;
};

static struct fixture *F;

static int setup(void **state)
{
    static struct fixture fx;
    int err = 0;

    (void)state;
    memset(&fx, 0, sizeof fx);
    fx.an = marsad_analyzer_new(NULL, NULL, &err);
    if (!fx.an)
        return -1;
    if (sqlite3_open(":memory:", &fx.db) != SQLITE_OK)
        return -1;
    if (sqlite3_exec(fx.db,
                     "CREATE VIRTUAL TABLE t USING fts5(x);"
                     "INSERT INTO t VALUES ('apple banana'), ('cherry'),"
                     " ('apple cherry'), ('date'), ('covid 19 wave'),"
                     " ('applesauce');",
                     NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(fx.db, "SELECT count(*) FROM t WHERE t MATCH ?",
                           -1, &fx.count, NULL) != SQLITE_OK)
        return -1;
    F = &fx;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_finalize(F->count);
    sqlite3_close(F->db);
    marsad_analyzer_free(F->an);
    return 0;
}

/* Runs expr in FTS5; returns the number of matching rows, or fails the
 * test on any SQLite error. */
static int fts_count(const char *expr)
{
    int rc, n = -1;

    sqlite3_reset(F->count);
    assert_int_equal(sqlite3_bind_text(F->count, 1, expr, -1, SQLITE_STATIC),
                     SQLITE_OK);
    while ((rc = sqlite3_step(F->count)) == SQLITE_ROW)
        n = sqlite3_column_int(F->count, 0);
    if (rc != SQLITE_DONE)
        fail_msg("FTS5 rejects %s: %s", expr, sqlite3_errmsg(F->db));
    return n;
}

static void parse_ok(const char *q, size_t n, int drop_stop, mq_query *out)
{
    char err[256];
    int rc = mq_parse(q, n, F->an, drop_stop, out, err, sizeof err);

    if (rc != 0)
        fail_msg("mq_parse(%s) failed: %s", q, err);
    assert_non_null(out->fts);
    (void)fts_count(out->fts);
}

/* q (drop_stop set) translates to want, which FTS5 accepts. */
static void expect(const char *q, const char *want)
{
    mq_query out;

    parse_ok(q, strlen(q), 1, &out);
    if (strcmp(out.fts, want) != 0)
        fail_msg("query   %s\nwant    %s\ngot     %s", q, want, out.fts);
    mq_free(&out);
}

/* The same with an index that keeps stop words. */
static void expect_keep(const char *q, const char *want)
{
    mq_query out;

    parse_ok(q, strlen(q), 0, &out);
    if (strcmp(out.fts, want) != 0)
        fail_msg("query   %s\nwant    %s\ngot     %s", q, want, out.fts);
    mq_free(&out);
}

/* q fails with code and a message containing want. */
static void expect_error_n(const char *q, size_t n, int code,
                           const char *want)
{
    mq_query out;
    char err[256];
    int rc;

    memset(err, 'x', sizeof err);
    rc = mq_parse(q, n, F->an, 1, &out, err, sizeof err);
    if (rc != code)
        fail_msg("query %s: want code %d, got %d (%s)", q, code, rc,
                 rc ? err : out.fts);
    assert_null(out.fts);
    assert_null(out.words);
    assert_int_equal(out.nwords, 0);
    if (strstr(err, want) == NULL)
        fail_msg("query %s: message \"%s\" lacks \"%s\"", q, err, want);
    mq_free(&out);
}

static void expect_error(const char *q, int code, const char *want)
{
    expect_error_n(q, strlen(q), code, want);
}

/* The words kept for highlighting, joined by '|'. */
static void expect_words(const char *q, const char *want, int prefix)
{
    mq_query out;
    char got[1024];
    size_t i, len = 0;

    parse_ok(q, strlen(q), 1, &out);
    got[0] = '\0';
    for (i = 0; i < out.nwords; i++) {
        size_t w = strlen(out.words[i]);
        assert_true(len + w + 2 < sizeof got);
        if (i)
            got[len++] = '|';
        memcpy(got + len, out.words[i], w + 1);
        len += w;
    }
    if (strcmp(got, want) != 0)
        fail_msg("query %s: words want %s got %s", q, want, got);
    assert_int_equal(out.prefix_any, prefix);
    mq_free(&out);
}

/* ------------------------------------------------------------ tests */

static void test_words_and_implicit_and(void **state)
{
    (void)state;
    expect("الحكومة", "\"الحكومة\"");
    expect("للحكومة", "\"للحكومة\"");
    expect("ألماتي", "\"ألماتي\"");
    expect("الحكومة البرلمان", "\"الحكومة\" AND \"البرلمان\"");
    expect("  الحكومة\t\nالبرلمان  ", "\"الحكومة\" AND \"البرلمان\"");
    expect("Apple banana", "\"Apple\" AND \"banana\"");
    /* no-break space, ideographic space and C0 controls separate */
    expect("a\xc2\xa0" "b\xe3\x80\x80" "c\x01" "d", "\"a\" AND \"b\" AND \"c\" AND \"d\"");
    /* lower-case operator words are words */
    expect("a or b", "\"a\" AND \"or\" AND \"b\"");
    expect("and not", "\"and\" AND \"not\"");
    /* numbers, percents, Arabic-Indic digits */
    expect("10% ٢٠٢٤", "\"10%\" AND \"٢٠٢٤\"");
    expect("3.5", "\"3.5\"");
    /* punctuation around a word is left out */
    expect("الحكومة،", "\"الحكومة\"");
    expect("(الحكومة)؟", "\"الحكومة\"");
}

static void test_split_words_become_phrases(void **state)
{
    (void)state;
    expect("covid-19", "\"covid 19\"");
    expect("O'Brien", "\"O Brien\"");
    expect("U.S.A", "\"U S A\"");
    /* ذا is a stop word: with drop_stop only فويس is indexed */
    expect("ذا-فويس", "\"فويس\"");
    expect_keep("ذا-فويس", "\"ذا فويس\"");
    assert_int_equal(fts_count("\"covid 19\""), 1);
}

static void test_or_and_precedence(void **state)
{
    (void)state;
    expect("a OR b", "\"a\" OR \"b\"");
    expect("a | b", "\"a\" OR \"b\"");
    expect("a|b|c", "\"a\" OR \"b\" OR \"c\"");
    expect("a AND b", "\"a\" AND \"b\"");
    expect("a b OR c", "\"a\" AND \"b\" OR \"c\"");
    expect("a OR b c", "\"a\" OR \"b\" AND \"c\"");
    expect("a OR b AND c OR d", "\"a\" OR \"b\" AND \"c\" OR \"d\"");
    expect("a (b OR c)", "\"a\" AND (\"b\" OR \"c\")");
    expect("(a OR b) (c OR d)", "(\"a\" OR \"b\") AND (\"c\" OR \"d\")");
    expect("(a b) OR (c d)", "\"a\" AND \"b\" OR \"c\" AND \"d\"");
    expect("((a))", "\"a\"");
    expect("(a (b c)) d", "\"a\" AND \"b\" AND \"c\" AND \"d\"");
    expect("(a OR (b OR c)) OR d", "\"a\" OR \"b\" OR \"c\" OR \"d\"");
    expect("(a OR (b c)) d", "(\"a\" OR \"b\" AND \"c\") AND \"d\"");
    expect("الحكومة OR البرلمان الوزير",
           "\"الحكومة\" OR \"البرلمان\" AND \"الوزير\"");
    expect("(انتخابات OR بالانتخابات) -تأجيل",
           "(\"انتخابات\" OR \"بالانتخابات\") NOT \"تأجيل\"");
}

static void test_not_and_reordering(void **state)
{
    (void)state;
    expect("a -b", "\"a\" NOT \"b\"");
    expect("-b a", "\"a\" NOT \"b\"");
    expect("NOT b a", "\"a\" NOT \"b\"");
    expect("a NOT b", "\"a\" NOT \"b\"");
    expect("a AND NOT b", "\"a\" NOT \"b\"");
    expect("a -b c", "(\"a\" AND \"c\") NOT \"b\"");
    expect("a b -c -d", "(\"a\" AND \"b\") NOT \"c\" NOT \"d\"");
    expect("-c a -d", "\"a\" NOT \"c\" NOT \"d\"");
    expect("a -(b c)", "\"a\" NOT (\"b\" AND \"c\")");
    expect("a -(b OR c)", "\"a\" NOT (\"b\" OR \"c\")");
    expect("NOT (b OR c) a", "\"a\" NOT (\"b\" OR \"c\")");
    expect("a -(b -c)", "\"a\" NOT (\"b\" NOT \"c\")");
    expect("a -\"b c\"", "\"a\" NOT \"b c\"");
    expect("a -b*", "\"a\" NOT \"b\" *");
    /* a group of only excluded words joins the enclosing one */
    expect("a (-b -c)", "\"a\" NOT (\"b\" OR \"c\")");
    expect("(-b) a", "\"a\" NOT \"b\"");
    /* -b OR -c excludes what has both */
    expect("a (-b OR -c)", "\"a\" NOT (\"b\" AND \"c\")");
    /* double negation */
    expect("a NOT NOT b", "\"a\" AND \"b\"");
    expect("-(-a)", "\"a\"");
    expect("--a b", "\"b\" NOT \"a\"");
    /* after '-' an operator word is a word */
    expect("x -AND", "\"x\" NOT \"AND\"");
    expect("x -OR y", "(\"x\" AND \"y\") NOT \"OR\"");
    /* a '-' inside or at the end of a word, or alone, is no operator */
    expect("a-b", "\"a b\"");
    expect("a -", "\"a\"");
    expect("a - b", "\"a\" AND \"b\"");
    /* an excluded AND inside OR */
    expect("x OR (a -b)", "\"x\" OR \"a\" NOT \"b\"");
    expect("(a -b) OR x", "\"a\" NOT \"b\" OR \"x\"");
    expect("((a b) -c) OR x", "(\"a\" AND \"b\") NOT \"c\" OR \"x\"");
}

static void test_phrases(void **state)
{
    (void)state;
    expect("\"وزير الخارجية\"", "\"وزير الخارجية\"");
    expect("«وزير الخارجية»", "\"وزير الخارجية\"");
    expect("“وزير الخارجية”", "\"وزير الخارجية\"");
    /* right-to-left typing often swaps the curly quotes */
    expect("”وزير الخارجية“", "\"وزير الخارجية\"");
    /* stop words inside a phrase are left out */
    expect("«وزير في الحكومة»", "\"وزير الحكومة\"");
    expect("\"وزير في الحكومة\"", "\"وزير الحكومة\"");
    expect_keep("«وزير في الحكومة»", "\"وزير في الحكومة\"");
    /* operators, parentheses and * inside a phrase are plain text */
    expect("\"a OR (b) c*\"", "\"a OR b c\"");
    expect("«a \"b\" c»", "\"a b c\"");
    /* phrase followed by * : its last word is a prefix */
    expect("\"covid 1\"*", "\"covid 1\" *");
    /* a phrase next to a word */
    expect("x\"a b\"y", "\"x\" AND \"a b\" AND \"y\"");
    expect("«a b» OR c", "\"a b\" OR \"c\"");
    /* unterminated: closed by the end of the query */
    expect("x \"a b", "\"x\" AND \"a b\"");
    expect("«وزير الخارجية", "\"وزير الخارجية\"");
    /* a stray closing guillemet separates */
    expect("a»b", "\"a\" AND \"b\"");
    /* empty or stop-word phrases vanish */
    expect("a \"\" b", "\"a\" AND \"b\"");
    expect("الحكومة «في من»", "\"الحكومة\"");
    expect("AND \"AND\"", "\"AND\"");
}

static void test_prefixes(void **state)
{
    mq_query out;

    (void)state;
    expect("الحكو*", "\"الحكو\" *");
    expect("appl*", "\"appl\" *");
    expect("appl**", "\"appl\" *");
    expect("(appl*)", "\"appl\" *");
    expect("a appl* OR b", "\"a\" AND \"appl\" * OR \"b\"");
    /* a prefix that is a stop word goes like the stop word (the
     * tokenizer drops it from prefix queries too) */
    expect("منظ* من*", "\"منظ\" *");
    expect_keep("من*", "\"من\" *");
    expect_keep("في-من*", "\"في من\" *");
    /* '*' alone or inside a word is punctuation */
    expect("a * b", "\"a\" AND \"b\"");
    expect("a*b", "\"a b\"");
    /* an operator word with * is a word */
    expect("AND*", "\"AND\" *");
    assert_int_equal(fts_count("\"appl\" *"), 3);
    parse_ok("x -appl*", 8, 1, &out);
    assert_int_equal(out.prefix_any, 1);
    mq_free(&out);
    parse_ok("x appl", 6, 1, &out);
    assert_int_equal(out.prefix_any, 0);
    mq_free(&out);
}

static void test_stop_words_removed(void **state)
{
    (void)state;
    expect("وزير في الحكومة", "\"وزير\" AND \"الحكومة\"");
    expect_keep("وزير في الحكومة", "\"وزير\" AND \"في\" AND \"الحكومة\"");
    /* removed together with their operator */
    expect("في OR الحكومة", "\"الحكومة\"");
    expect("الحكومة OR في", "\"الحكومة\"");
    expect("الحكومة -في", "\"الحكومة\"");
    expect("الحكومة (في OR من)", "\"الحكومة\"");
    expect("الحكومة AND ، AND البرلمان", "\"الحكومة\" AND \"البرلمان\"");
    expect("(في OR الحكومة) البرلمان", "\"الحكومة\" AND \"البرلمان\"");
    expect("a OR (في من) OR b", "\"a\" OR \"b\"");
    /* ولا carries a clitic and is still a stop word */
    expect("ولا الحكومة", "\"الحكومة\"");
}

static void test_lenient(void **state)
{
    (void)state;
    expect("a OR", "\"a\"");
    expect("OR a", "\"a\"");
    expect("a OR OR b", "\"a\" OR \"b\"");
    expect("a AND", "\"a\"");
    expect("AND a", "\"a\"");
    expect("a AND AND b", "\"a\" AND \"b\"");
    expect("a AND OR b", "\"a\" OR \"b\"");
    expect("a OR AND b", "\"a\" OR \"b\"");
    expect("a NOT", "\"a\"");
    expect("a NOT OR b", "\"a\" OR \"b\"");
    expect("a ||| b", "\"a\" OR \"b\"");
    expect("a () b", "\"a\" AND \"b\"");
    expect("a ( OR ) b", "\"a\" AND \"b\"");
    /* a group left open closes at the end */
    expect("(a OR b", "\"a\" OR \"b\"");
    expect("x (a OR b", "\"x\" AND (\"a\" OR \"b\")");
    expect("((a OR b) c", "(\"a\" OR \"b\") AND \"c\"");
}

static void test_errors(void **state)
{
    char big[MQ_MAX_BYTES + 2];

    (void)state;
    expect_error("", MARSAD_EINVAL, "empty query");
    expect_error("   \t ", MARSAD_EINVAL, "empty query");
    expect_error("()", MARSAD_EINVAL, "empty query");
    expect_error("AND OR NOT", MARSAD_EINVAL, "empty query");
    expect_error("في", MARSAD_EINVAL,
                 "the query has only stop words or punctuation");
    expect_error("في من ، !", MARSAD_EINVAL,
                 "the query has only stop words or punctuation");
    expect_error("«في من»", MARSAD_EINVAL, "only stop words");
    expect_error("*", MARSAD_EINVAL, "only stop words");
    expect_error("-", MARSAD_EINVAL, "only stop words");
    expect_error("من*", MARSAD_EINVAL, "only stop words");
    expect_error("a)", MARSAD_EINVAL,
                 "unbalanced parenthesis: ')' at byte 1 has no matching '('");
    expect_error("(a) b) c", MARSAD_EINVAL, "')' at byte 5");
    expect_error(")", MARSAD_EINVAL, "')' at byte 0");
    expect_error("-a", MARSAD_EINVAL,
                 "the query only excludes words (the NOT or - at byte 0); "
                 "add a word to search for");
    expect_error("NOT a", MARSAD_EINVAL, "at byte 0");
    expect_error("في -a", MARSAD_EINVAL, "at byte 5");
    expect_error("-a -b", MARSAD_EINVAL, "only excludes");
    expect_error("-(a b)", MARSAD_EINVAL, "only excludes");
    expect_error("a OR -b", MARSAD_EINVAL,
                 "an excluded term cannot be an OR alternative (byte 5)");
    expect_error("-b OR a", MARSAD_EINVAL, "OR alternative (byte 0)");
    expect_error("x (a OR NOT b)", MARSAD_EINVAL, "(byte 8)");
    expect_error_n("ab\xff", 3, MARSAD_EUTF8, "invalid UTF-8 at byte 2");
    expect_error_n("الحكومة \xd8", 16, MARSAD_EUTF8,
                   "invalid UTF-8 at byte 15");
    expect_error_n("a \xed\xa0\x80", 5, MARSAD_EUTF8, "at byte 2");
    memset(big, 'a', sizeof big);
    big[MQ_MAX_BYTES + 1] = '\0';
    expect_error(big, MARSAD_ETOOBIG, "query too long: 4097 bytes");
}

static void test_error_api(void **state)
{
    mq_query out;
    char err[16];

    (void)state;
    /* NULL err, small err, NULL analyzer, NULL text */
    assert_int_equal(mq_parse("a)", 2, F->an, 1, &out, NULL, 0),
                     MARSAD_EINVAL);
    mq_free(&out);
    assert_int_equal(mq_parse("a)", 2, F->an, 1, &out, err, sizeof err),
                     MARSAD_EINVAL);
    assert_int_equal(strlen(err), sizeof err - 1);
    mq_free(&out);
    assert_int_equal(mq_parse("a", 1, NULL, 1, &out, err, sizeof err),
                     MARSAD_EINVAL);
    mq_free(&out);
    assert_int_equal(mq_parse(NULL, 1, F->an, 1, &out, err, sizeof err),
                     MARSAD_EINVAL);
    mq_free(&out);
    assert_int_equal(mq_parse(NULL, 0, F->an, 1, &out, err, sizeof err),
                     MARSAD_EINVAL);
    mq_free(&out);
    assert_int_equal(mq_parse("a", 1, F->an, 1, NULL, err, sizeof err),
                     MARSAD_EINVAL);
    mq_free(NULL);
    /* a NUL byte is a separator */
    parse_ok("a\0b", 3, 1, &out);
    assert_string_equal(out.fts, "\"a\" AND \"b\"");
    mq_free(&out);
    /* the query need not be NUL-terminated */
    parse_ok("abcdef", 3, 1, &out);
    assert_string_equal(out.fts, "\"abc\"");
    mq_free(&out);
}

static void test_limits(void **state)
{
    char q[MQ_MAX_BYTES + 1], msg[64];
    mq_query out;
    size_t n = 0;
    int i;

    (void)state;
    /* 64 terms pass, the 65th fails at its offset */
    for (i = 0; i < MQ_MAX_TERMS; i++)
        n += (size_t)sprintf(q + n, "w%02d ", i);
    parse_ok(q, n, 1, &out);
    mq_free(&out);
    strcpy(q + n, "more");
    snprintf(msg, sizeof msg, "the one at byte %zu is term 65", n);
    expect_error(q, MARSAD_ETOOBIG, msg);
    /* stop words count */
    n = 0;
    for (i = 0; i < MQ_MAX_TERMS; i++)
        n += (size_t)sprintf(q + n, "في ");
    strcpy(q + n, "x");
    expect_error(q, MARSAD_ETOOBIG, "too many terms");

    /* 32 levels of parentheses pass, the 33rd fails at its offset */
    n = 0;
    for (i = 0; i < MQ_MAX_DEPTH; i++)
        q[n++] = '(';
    strcpy(q + n, "a");
    expect(q, "\"a\"");
    memmove(q + 1, q, strlen(q) + 1);
    q[0] = '(';
    expect_error(q, MARSAD_ETOOBIG,
                 "parentheses nested too deeply at byte 32 (at most 32");

    /* the deepest alternations keep FTS5's parser stack in bounds */
    n = 0;
    for (i = 0; i < MQ_MAX_DEPTH; i++)
        n += (size_t)sprintf(q + n, "a%d %s (", i, i % 2 ? "OR" : "AND");
    strcpy(q + n, "z");
    parse_ok(q, strlen(q), 1, &out);
    mq_free(&out);
    n = 0;
    for (i = 0; i < MQ_MAX_DEPTH; i++)
        n += (size_t)sprintf(q + n, "a%d -(", i);
    strcpy(q + n, "z");
    parse_ok(q, strlen(q), 1, &out);
    mq_free(&out);
    n = 0;
    for (i = 0; i < MQ_MAX_DEPTH; i++)
        n += (size_t)sprintf(q + n, "(");
    for (i = 0; i < MQ_MAX_DEPTH; i++)
        n += (size_t)sprintf(q + n, "a%d) %s ", i, i % 2 ? "OR" : "-");
    strcpy(q + n, "z");
    parse_ok(q, strlen(q), 1, &out);
    mq_free(&out);
    /* a query FTS5 could not parse is refused, not handed over */
    expect_error(
        "w0 w1 NOT (w2 w3 NOT (w4 w5 NOT (w6 -(w7 w8 NOT (w9* w10* NOT "
        "(w11* w12 NOT (w13* -(w14* -(w15 w16 NOT (w17 -(w18 -(w19 w20 NOT "
        "(w21 -(w22 -(w23 -(w24 w25* NOT (-(w26 -(w27 w28 NOT (w29 w30 NOT "
        "(w31 w32 NOT (w33 w34 NOT (w35* w36 NOT (w37 w38* NOT (w39* w40 "
        "NOT (w41 w42 NOT (w43 w44 NOT (w45* -(w46 w47 NOT (w48 OR w49 (w50 "
        "OR w51 AND (w52))))))))))))))) w53)))))))))))))))))",
        MARSAD_ETOOBIG, "the query is nested too deeply");
}

static void test_highlight_words(void **state)
{
    (void)state;
    expect_words("الحكومة -البرلمان الوزير", "الحكومة|الوزير", 0);
    expect_words("«وزير في الحكومة» الحكومة", "وزير|الحكومة", 0);
    expect_words("ذا-فويس", "فويس", 0);
    expect_words("covid-19 OR حكو*", "covid-19|حكو", 1);
    expect_words("الحكومة، (البرلمان)", "الحكومة|البرلمان", 0);
    expect_words("a -(b -c)", "a|c", 0);
    expect_words("a NOT NOT b", "a|b", 0);
    expect_words("a -b*", "a", 1);
}

/* Queries run against the rows of the fixture: the expression means what
 * the query says. */
static void test_semantics(void **state)
{
    static const struct {
        const char *q;
        int rows;
    } cases[] = {
        {"apple", 2},
        {"apple banana OR cherry", 3},
        {"cherry OR apple banana", 3},
        {"apple -banana", 1},
        {"-banana apple", 1},
        {"apple -(banana OR cherry)", 0},
        {"apple (-banana OR -cherry)", 2},
        {"apple OR date -cherry", 3},
        {"(apple OR date) -cherry", 2},
        {"(apple -banana) OR date", 2},
        {"appl*", 3},
        {"appl* -cherry", 2},
        {"\"apple cherry\"", 1},
        {"\"cherry apple\"", 0},
        {"covid-19", 1},
        {"19-covid", 0},
        {"a OR", 0},
        {"apple AND", 2},
    };
    mq_query out;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        parse_ok(cases[i].q, strlen(cases[i].q), 1, &out);
        if (fts_count(out.fts) != cases[i].rows)
            fail_msg("%s (%s): want %d rows", cases[i].q, out.fts,
                     cases[i].rows);
        mq_free(&out);
    }
}

/* End to end: Arabic rows indexed by the marsad tokenizer (stop words
 * dropped), queried through mq_parse. */
static void test_marsad_tokenizer(void **state)
{
    static const char *const rows[] = {
        "قال وزير في الحكومة إن الموازنة جاهزة", /* 1 */
        "اجتماع للحكومة الجديدة",                /* 2 */
        "حكومات المنطقة تجتمع",                  /* 3 */
        "برنامج حكومي جديد",                     /* 4 */
        "مهرجان ألماتي السينمائي",               /* 5 */
        "تأجيل الانتخابات البرلمانية",           /* 6 */
        "نتائج انتخابات البلدية",                /* 7 */
        "برنامج ذا-فويس على الشاشة",             /* 8 */
        "إصابات covid-19 في ٢٠٢٤",               /* 9 */
        "وزير الخارجية السعودي",                 /* 10 */
        "مستشفى الأطفال",                        /* 11 */
    };
    static const struct {
        const char *q, *rows;
    } cases[] = {
        {"للحكومة", "1,2,3"},
        {"حكومات", "1,2,3"},
        {"حكوم*", "1,2,3,4"},
        {"الماتي", "5"},
        {"آلماتي", "5"},
        {"«وزير في الحكومة»", "1"},
        {"«الحكومة وزير»", ""},
        {"وزير في الحكومة", "1"},
        {"الانتخابات -البلدية", "6"},
        {"انتخابات OR حكومي", "4,6,7"},
        {"ذا-فويس", "8"},
        {"برنامج -فويس", "4"},
        {"covid-19 2024", "9"},
        {"مستشفي", "11"},
        {"وزير (الخارجية OR الحكومة)", "1,10"},
    };
    sqlite3 *db;
    sqlite3_stmt *ins, *sel;
    mq_query out;
    size_t i;

    (void)state;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(mt_register(db, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE VIRTUAL TABLE a USING fts5(x, "
                                  "tokenize='marsad')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "INSERT INTO a(rowid, x) VALUES "
                                        "(?, ?)",
                                        -1, &ins, NULL),
                     SQLITE_OK);
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sqlite3_bind_int(ins, 1, (int)i + 1);
        sqlite3_bind_text(ins, 2, rows[i], -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT coalesce(group_concat(rowid, ','), '') "
                           "FROM (SELECT rowid FROM a WHERE a MATCH ? "
                           "ORDER BY rowid)",
                           -1, &sel, NULL),
        SQLITE_OK);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got;
        parse_ok(cases[i].q, strlen(cases[i].q), 1, &out);
        sqlite3_bind_text(sel, 1, out.fts, -1, SQLITE_STATIC);
        if (sqlite3_step(sel) != SQLITE_ROW)
            fail_msg("%s: %s", out.fts, sqlite3_errmsg(db));
        got = (const char *)sqlite3_column_text(sel, 0);
        if (strcmp(got, cases[i].rows) != 0)
            fail_msg("%s (%s): want rows %s, got %s", cases[i].q, out.fts,
                     cases[i].rows, got);
        sqlite3_reset(sel);
        sqlite3_clear_bindings(sel);
        mq_free(&out);
    }
    sqlite3_finalize(sel);
    sqlite3_close(db);
}

/* ------------------------------------------------------------ random */

struct rng {
    uint64_t s;
};

static unsigned rnd(struct rng *r, unsigned n)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (unsigned)(r->s % n);
}

static void put(char *q, size_t *n, size_t cap, const char *s)
{
    size_t len = strlen(s);
    if (*n + len < cap) {
        memcpy(q + *n, s, len);
        *n += len;
        q[*n] = '\0';
    }
}

/* A random query of nested groups, operators and words. */
static void gen(struct rng *r, char *q, size_t *n, size_t cap, int depth)
{
    static const char *const atoms[] = {
        "a", "b", "cherry", "appl*", "الحكومة", "للحكومة", "في", "من*",
        "«وزير في الحكومة»", "\"x y\"", "covid-19", "ذا-فويس", "،",
        "10%", "x*", "\"", "«", "”", "*", "-", "ولا"};
    static const char *const ops[] = {" ", " AND ", " OR ", " | ",
                                      " NOT ", " -", " ", "-"};
    unsigned k = 1 + rnd(r, 4), i;

    for (i = 0; i < k; i++) {
        if (i || rnd(r, 4) == 0)
            put(q, n, cap, ops[rnd(r, 8)]);
        if (depth < 40 && rnd(r, 3) == 0) {
            put(q, n, cap, "(");
            gen(r, q, n, cap, depth + 1);
            if (rnd(r, 10))
                put(q, n, cap, ")");
        } else
            put(q, n, cap, atoms[rnd(r, sizeof atoms / sizeof atoms[0])]);
    }
}

/* Whatever parses yields an expression FTS5 accepts; whatever fails
 * says why. */
static void test_random_queries_fts5_valid(void **state)
{
    struct rng r = {0x9E3779B97F4A7C15ull};
    char q[MQ_MAX_BYTES], err[256];
    mq_query out;
    int i, ok = 0;

    (void)state;
    for (i = 0; i < 20000; i++) {
        size_t n = 0;
        q[0] = '\0';
        gen(&r, q, &n, sizeof q, 0);
        err[0] = '\0';
        if (mq_parse(q, n, F->an, (int)(i & 1), &out, err, sizeof err) ==
            0) {
            (void)fts_count(out.fts);
            ok++;
        } else
            assert_true(err[0] != '\0');
        mq_free(&out);
    }
    assert_true(ok > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_implicit_and),
        cmocka_unit_test(test_split_words_become_phrases),
        cmocka_unit_test(test_or_and_precedence),
        cmocka_unit_test(test_not_and_reordering),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_stop_words_removed),
        cmocka_unit_test(test_lenient),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_api),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_highlight_words),
        cmocka_unit_test(test_semantics),
        cmocka_unit_test(test_marsad_tokenizer),
        cmocka_unit_test(test_random_queries_fts5_valid),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
