/*
 * test_analyze.c - the analyzer handle: tokens and their types, offsets,
 * sentences, segments tiling the surface, options, callbacks, strict
 * mode and allocation failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "marsad.h"

#define MAXTOK 256

struct rec {
    size_t n;
    size_t start[MAXTOK], end[MAXTOK], sentence[MAXTOK];
    int type[MAXTOK];
    unsigned flags[MAXTOK];
    char norm[MAXTOK][64];
    char stem[MAXTOK][64];
    unsigned nseg[MAXTOK];
    int stop_after; /* stop (return 7) after this many tokens, 0 never */
};

static int record(void *ud, const marsad_token *t)
{
    struct rec *r = ud;
    size_t i = r->n, k;
    assert_true(i < MAXTOK);
    r->start[i] = t->start;
    r->end[i] = t->end;
    r->sentence[i] = t->sentence;
    r->type[i] = t->type;
    r->flags[i] = t->flags;
    r->nseg[i] = t->nseg;
    assert_true(t->nnorm < 64);
    memcpy(r->norm[i], t->norm, t->nnorm);
    r->norm[i][t->nnorm] = '\0';
    r->stem[i][0] = '\0';
    if (t->stem) {
        assert_true(t->nstem < 64);
        memcpy(r->stem[i], t->stem, t->nstem);
        r->stem[i][t->nstem] = '\0';
    }
    /* segments tile the token */
    assert_true(t->nseg >= 1 && t->nseg <= MARSAD_MAX_SEGMENTS);
    assert_int_equal(t->seg[0].start, t->start);
    assert_int_equal(t->seg[t->nseg - 1].end, t->end);
    for (k = 1; k < t->nseg; k++) {
        assert_int_equal(t->seg[k].start, t->seg[k - 1].end);
        assert_true(t->seg[k].start < t->seg[k].end);
    }
    assert_int_equal(t->position, i);
    r->n++;
    if (r->stop_after && r->n == (size_t)r->stop_after)
        return 7;
    return 0;
}

static void run(const char *s, const marsad_options *opt, struct rec *r)
{
    int err;
    marsad_analyzer *an = marsad_analyzer_new(opt, NULL, &err);
    assert_non_null(an);
    memset(r, 0, sizeof *r);
    assert_int_equal(marsad_analyze(an, s, strlen(s), record, r),
                     MARSAD_OK);
    marsad_analyzer_free(an);
}

static struct rec R;

static void expect_surface(const char *s, size_t i, const char *want)
{
    assert_true(i < R.n);
    assert_int_equal(R.end[i] - R.start[i], strlen(want));
    assert_memory_equal(s + R.start[i], want, strlen(want));
}

static void test_token_types(void **state)
{
    const char *s = "قال 10% و٣٫٥٪ COVID-19 5G $ «نعم»";
    (void)state;
    run(s, NULL, &R);
    assert_int_equal(R.n, 12);
    expect_surface(s, 0, "قال");
    assert_int_equal(R.type[0], MARSAD_TOKEN_ARABIC);
    expect_surface(s, 1, "10%");
    assert_int_equal(R.type[1], MARSAD_TOKEN_PERCENT);
    assert_int_equal(R.nseg[1], 2);
    expect_surface(s, 2, "و");
    expect_surface(s, 3, "٣٫٥٪");
    assert_int_equal(R.type[3], MARSAD_TOKEN_PERCENT);
    assert_string_equal(R.norm[3], "3.5%");
    expect_surface(s, 4, "COVID");
    assert_int_equal(R.type[4], MARSAD_TOKEN_LATIN);
    assert_string_equal(R.norm[4], "covid");
    expect_surface(s, 5, "-");
    assert_int_equal(R.type[5], MARSAD_TOKEN_PUNCT);
    expect_surface(s, 6, "19");
    assert_int_equal(R.type[6], MARSAD_TOKEN_NUMBER);
    expect_surface(s, 7, "5G");
    assert_int_equal(R.type[7], MARSAD_TOKEN_LATIN);
    expect_surface(s, 8, "$");
    assert_int_equal(R.type[8], MARSAD_TOKEN_SYMBOL);
    expect_surface(s, 9, "«");
    expect_surface(s, 10, "نعم");
    expect_surface(s, 11, "»");
}

static void test_hashtag_words(void **state)
{
    /* a '_' between letters joins words as a space would; other '_'
     * stay tokens */
    const char *s = "#وزارة_الخارجية user_id _x ___";
    (void)state;
    run(s, NULL, &R);
    expect_surface(s, 0, "#");
    expect_surface(s, 1, "وزارة");
    expect_surface(s, 2, "الخارجية");
    expect_surface(s, 3, "user");
    expect_surface(s, 4, "id");
    expect_surface(s, 5, "_");
    expect_surface(s, 6, "x");
    expect_surface(s, 7, "_");
    expect_surface(s, 8, "_");
    expect_surface(s, 9, "_");
    assert_int_equal(R.n, 10);
}

static void test_numbers(void **state)
{
    const char *s = "1,500.25 و2022. ١٬٠٠٠ 3.";
    (void)state;
    run(s, NULL, &R);
    expect_surface(s, 0, "1,500.25");
    assert_int_equal(R.type[0], MARSAD_TOKEN_NUMBER);
    expect_surface(s, 1, "و");
    expect_surface(s, 2, "2022");
    expect_surface(s, 3, ".");
    expect_surface(s, 4, "١٬٠٠٠");
    assert_string_equal(R.norm[4], "1,000");
    expect_surface(s, 5, "3");
    expect_surface(s, 6, ".");
    assert_int_equal(R.n, 7);
}

static void test_sentences(void **state)
{
    const char *s = "وصل الرئيس. وقال: «هذا يوم مهم.» ثم غادر؟! "
                    "قال د. أحمد كلاما...\nعنوان بلا نقطة\nجملة";
    (void)state;
    run(s, NULL, &R);
    /* وصل الرئيس . | وقال : « هذا يوم مهم . » | ثم غادر ؟ ! |
     * قال د . أحمد كلاما ... | عنوان بلا نقطة | جملة */
    assert_int_equal(R.sentence[0], 0);
    assert_int_equal(R.sentence[2], 0);
    expect_surface(s, 3, "وقال");
    assert_int_equal(R.sentence[3], 1);
    expect_surface(s, 10, "»");
    assert_int_equal(R.sentence[10], 1);
    expect_surface(s, 11, "ثم");
    assert_int_equal(R.sentence[11], 2);
    expect_surface(s, 14, "!");
    assert_int_equal(R.sentence[14], 2);
    expect_surface(s, 17, ".");
    assert_int_equal(R.sentence[18], 3); /* أحمد: "د." is an initial */
    expect_surface(s, 20, "...");
    assert_int_equal(R.sentence[20], 3);
    expect_surface(s, 21, "عنوان");
    assert_int_equal(R.sentence[21], 4);
    expect_surface(s, 24, "جملة");
    assert_int_equal(R.sentence[24], 5);
    assert_int_equal(R.n, 25);
}

static void test_inner_dots(void **state)
{
    /* dots inside acronyms and site names end no sentence; a dot glued
     * to two longer words (a space lost in scraping) still does */
    const char *s = "نقلت سي.إن.إن وبي.دبليو.سي عن موقع العربية.نت الخبر "
                    "في المدينة.وقال آخر";
    (void)state;
    run(s, NULL, &R);
    /* نقلت سي . إن . إن وبي . دبليو . سي عن موقع العربية . نت الخبر في
     * المدينة . | وقال آخر */
    expect_surface(s, 2, ".");
    assert_true(R.flags[2] & MARSAD_TOKEN_INNER);
    assert_true(R.flags[4] & MARSAD_TOKEN_INNER);
    assert_true(R.flags[7] & MARSAD_TOKEN_INNER);
    expect_surface(s, 9, ".");
    assert_true(R.flags[9] & MARSAD_TOKEN_INNER); /* after دبليو, in the run */
    expect_surface(s, 14, ".");
    assert_true(R.flags[14] & MARSAD_TOKEN_INNER); /* العربية.نت */
    expect_surface(s, 17, "في");
    assert_int_equal(R.sentence[17], 0);
    expect_surface(s, 19, ".");
    assert_false(R.flags[19] & MARSAD_TOKEN_INNER);
    expect_surface(s, 20, "وقال");
    assert_int_equal(R.sentence[20], 1);
    assert_int_equal(R.n, 22);
}

static void test_invalid_bytes_separate(void **state)
{
    const char *s = "بو\xFFتين a\xC0\x80" "b \xED\xA0\x80";
    (void)state;
    run(s, NULL, &R);
    assert_int_equal(R.n, 4);
    expect_surface(s, 0, "بو");
    expect_surface(s, 1, "تين");
    expect_surface(s, 2, "a");
    expect_surface(s, 3, "b");
}

static void test_controls_inside_words(void **state)
{
    /* a bidi mark or ZWNJ inside a word keeps it whole; around it they
     * are left out of the token */
    const char *s = "\xE2\x80\x8F" "كاز\xE2\x80\x8C" "اخستان" "\xE2\x80\x8F";
    (void)state;
    run(s, NULL, &R);
    assert_int_equal(R.n, 1);
    assert_int_equal(R.start[0], 3);
    assert_int_equal(R.end[0], strlen(s) - 3);
    assert_string_equal(R.norm[0], "كازاخستان");
}

static void test_marks_without_letters(void **state)
{
    const char *s = "\xD9\x8E\xD9\x8E \xD9\x80\xD9\x80 كلمة";
    (void)state;
    run(s, NULL, &R);
    assert_int_equal(R.n, 1);
    expect_surface(s, 0, "كلمة");
}

static void test_max_token_split(void **state)
{
    char s[200];
    marsad_options o;
    size_t i;
    (void)state;
    for (i = 0; i < 50; i++)
        memcpy(s + 2 * i, "\xD8\xA8", 2); /* 50 × ب, 100 bytes */
    s[100] = '\0';
    marsad_options_init(&o);
    o.max_token = 16;
    run(s, &o, &R);
    assert_int_equal(R.n, 7); /* 6 × 16 bytes + 4 */
    for (i = 0; i < R.n; i++) {
        assert_true(R.flags[i] & MARSAD_TOKEN_SPLIT);
        assert_true(R.end[i] - R.start[i] <= 16);
        assert_int_equal(R.start[i], i * 16);
    }
}

/* A percentage longer than max_token: only its last piece holds the
 * sign, and no segment is empty (found by fuzzing). */
static void test_long_percentage_split(void **state)
{
    marsad_options o;
    const char *s = "123456789012345678901234567890%";
    (void)state;
    marsad_options_init(&o);
    o.max_token = 16;
    run(s, &o, &R);
    assert_int_equal(R.n, 2);
    assert_int_equal(R.type[0], MARSAD_TOKEN_NUMBER);
    assert_int_equal(R.type[1], MARSAD_TOKEN_PERCENT);
    assert_int_equal(R.nseg[1], 1);
    s = "123456789012345%";
    run(s, &o, &R);
    assert_int_equal(R.n, 1);
    assert_int_equal(R.nseg[0], 2);
}

static void test_options_validation(void **state)
{
    marsad_options o;
    int err = 0;
    (void)state;
    marsad_options_init(&o);
    o.max_token = 4;
    assert_null(marsad_analyzer_new(&o, NULL, &err));
    assert_int_equal(err, MARSAD_EINVAL);
    marsad_options_init(&o);
    o.folds = 1u << 20;
    assert_null(marsad_analyzer_new(&o, NULL, &err));
    assert_int_equal(err, MARSAD_EINVAL);
    marsad_options_init(&o);
    o.version = 2;
    assert_null(marsad_analyzer_new(&o, NULL, &err));
    assert_int_equal(err, MARSAD_EINVAL);
    marsad_options_init(&o);
    o.analyses = 8;
    assert_null(marsad_analyzer_new(&o, NULL, &err));
    assert_int_equal(err, MARSAD_EINVAL);
}

static void test_folds_option(void **state)
{
    marsad_options o;
    const char *s = "أحمد";
    (void)state;
    marsad_options_init(&o);
    o.folds = 0;
    run(s, &o, &R);
    assert_string_equal(R.norm[0], "أحمد");
    /* stems are search-normalized whatever the folds */
    assert_string_equal(R.stem[0], "احمد");
    o.analyses = 0;
    run(s, &o, &R);
    assert_int_equal(R.stem[0][0], '\0');
    assert_int_equal(R.nseg[0], 1);
}

static void test_callback_stops(void **state)
{
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    const char *s = "واحد اثنان ثلاثة أربعة";
    (void)state;
    memset(&R, 0, sizeof R);
    R.stop_after = 2;
    assert_int_equal(marsad_analyze(an, s, strlen(s), record, &R), 7);
    assert_int_equal(R.n, 2);
    marsad_analyzer_free(an);
}

static void test_numbering_across_calls(void **state)
{
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    (void)state;
    memset(&R, 0, sizeof R);
    assert_int_equal(marsad_analyze(an, "أب بأ. ", 11, record, &R), 0);
    assert_int_equal(marsad_analyze(an, "جد دج", 9, record, &R), 0);
    assert_int_equal(R.n, 5);
    assert_int_equal(R.sentence[3], 1);
    /* after a reset, numbering restarts */
    marsad_analyzer_reset(an);
    R.n = 0;
    assert_int_equal(marsad_analyze(an, "ه", 2, record, &R), 0);
    assert_int_equal(R.sentence[0], 0);
    marsad_analyzer_free(an);
}

static void test_strict_mode(void **state)
{
    marsad_options o;
    marsad_analyzer *an;
    (void)state;
    marsad_options_init(&o);
    o.strict_utf8 = 1;
    an = marsad_analyzer_new(&o, NULL, NULL);
    memset(&R, 0, sizeof R);
    assert_int_equal(marsad_analyze(an, "ok \xFF", 4, record, &R),
                     MARSAD_EUTF8);
    assert_int_equal(R.n, 0);
    assert_string_equal(marsad_errmsg(an), "invalid UTF-8 at byte 3");
    assert_int_equal(marsad_analyze(an, "ok", 2, record, &R), MARSAD_OK);
    assert_int_equal(R.n, 1);
    marsad_analyzer_free(an);
}

static void test_empty_and_null(void **state)
{
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    (void)state;
    memset(&R, 0, sizeof R);
    assert_int_equal(marsad_analyze(an, "", 0, record, &R), MARSAD_OK);
    assert_int_equal(marsad_analyze(an, NULL, 0, record, &R), MARSAD_OK);
    assert_int_equal(marsad_analyze(an, NULL, 3, record, &R), MARSAD_EINVAL);
    assert_int_equal(marsad_analyze(an, "x", 1, NULL, NULL), MARSAD_EINVAL);
    assert_int_equal(R.n, 0);
    marsad_analyzer_free(an);
    marsad_analyzer_free(NULL);
}

/* An allocator that fails the n-th allocation and counts live blocks. */
struct failing {
    int fail_at;
    int count;
    int live;
};

static void *f_malloc(void *ud, size_t n)
{
    struct failing *f = ud;
    if (++f->count == f->fail_at)
        return NULL;
    f->live++;
    return malloc(n);
}

static void *f_realloc(void *ud, void *p, size_t n)
{
    struct failing *f = ud;
    if (++f->count == f->fail_at)
        return NULL;
    return realloc(p, n);
}

static void f_free(void *ud, void *p)
{
    struct failing *f = ud;
    if (p)
        f->live--;
    free(p);
}

static void test_allocation_failures(void **state)
{
    int n, ok = 0;
    (void)state;
    for (n = 1; n < 10; n++) {
        struct failing f = {n, 0, 0};
        marsad_allocator al = {f_malloc, f_realloc, f_free, &f};
        int err = 0;
        marsad_analyzer *an = marsad_analyzer_new(NULL, &al, &err);
        if (!an) {
            assert_int_equal(err, MARSAD_ENOMEM);
            assert_int_equal(f.live, 0);
            continue;
        }
        ok++;
        memset(&R, 0, sizeof R);
        assert_int_equal(marsad_analyze(an, "وقال الرئيس", 21, record, &R),
                         MARSAD_OK);
        assert_int_equal(R.n, 2);
        marsad_analyzer_free(an);
        assert_int_equal(f.live, 0);
    }
    assert_true(ok > 0);
}

static void test_version_and_errors(void **state)
{
    (void)state;
    assert_int_equal(marsad_version(), MARSAD_VERSION_NUMBER);
    assert_string_equal(marsad_version_string(), MARSAD_VERSION_STRING);
    assert_string_equal(marsad_strerror(MARSAD_ENOMEM), "out of memory");
    assert_string_equal(marsad_strerror(-99), "unknown error");
    assert_string_equal(marsad_token_type_name(MARSAD_TOKEN_PERCENT),
                        "percent");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_types),
        cmocka_unit_test(test_hashtag_words),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_inner_dots),
        cmocka_unit_test(test_invalid_bytes_separate),
        cmocka_unit_test(test_controls_inside_words),
        cmocka_unit_test(test_marks_without_letters),
        cmocka_unit_test(test_max_token_split),
        cmocka_unit_test(test_long_percentage_split),
        cmocka_unit_test(test_options_validation),
        cmocka_unit_test(test_folds_option),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_numbering_across_calls),
        cmocka_unit_test(test_strict_mode),
        cmocka_unit_test(test_empty_and_null),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_version_and_errors),
    };
    return cmocka_run_group_tests_name("analyze", tests, NULL, NULL);
}
