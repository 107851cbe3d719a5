/*
 * test_normalize.c - the folds one by one, the self-check cases generated
 * from data/, profiles, the caller-buffer protocol and idempotence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "normalize_selfcheck.inc"

static char out[4096];

/* Normalizes NUL-terminated s with flags and compares with want. */
static void expect_norm(const char *s, unsigned flags, const char *want)
{
    size_t n = marsad_normalize(s, strlen(s), flags, out, sizeof out);
    assert_true(n < sizeof out);
    out[n] = '\0';
    assert_string_equal(out, want);
}

static void test_selfcheck_table(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof selfcheck / sizeof selfcheck[0]; i++) {
        char in[4], want[4];
        size_t ni = marsad_utf8_encode(selfcheck[i].in, in);
        size_t nw = selfcheck[i].out ? marsad_utf8_encode(selfcheck[i].out,
                                                          want) : 0;
        size_t n = marsad_normalize(in, ni, selfcheck[i].flag, out,
                                    sizeof out);
        assert_int_equal(n, nw);
        assert_memory_equal(out, want, nw);
        /* without its flag the character is left alone */
        n = marsad_normalize(in, ni, 0, out, sizeof out);
        assert_int_equal(n, ni);
        assert_memory_equal(out, in, ni);
    }
}

static void test_tatweel_and_marks(void **state)
{
    (void)state;
    expect_norm("الاستثـمارات", MARSAD_PROFILE_SEARCH, "الاستثمارات");
    expect_norm("يُـظـهِـر", MARSAD_PROFILE_SEARCH, "يظهر");
    expect_norm("يُـظـهِـر", MARSAD_FOLD_TATWEEL, "يُظهِر");
    expect_norm("مُحَمَّدٌ", MARSAD_FOLD_MARKS, "محمد");
    expect_norm("الرَّحْمَٰنِ", MARSAD_FOLD_MARKS, "الرحمن");
}

static void test_letter_folds(void **state)
{
    (void)state;
    expect_norm("أإآٱا", MARSAD_FOLD_ALEF, "ااااا");
    expect_norm("مستشفى", MARSAD_FOLD_YEH, "مستشفي");
    expect_norm("مدرسة", MARSAD_FOLD_TEH_MARBUTA, "مدرسه");
    expect_norm("مسؤول رئيس", MARSAD_PROFILE_SEARCH, "مسؤول رئيس");
    expect_norm("مسؤول رئيس", MARSAD_PROFILE_ALL, "مسوول رييس");
    expect_norm("کتاب ی", MARSAD_PROFILE_SEARCH, "كتاب ي");
}

static void test_digits(void **state)
{
    (void)state;
    expect_norm("٢٠٢٢ ۱۴۰۱ ٣٫٥٪ ١٬٠٠٠", MARSAD_PROFILE_SEARCH,
                "2022 1401 3.5% 1,000");
    expect_norm("٢٠٢٢", MARSAD_PROFILE_DISPLAY, "٢٠٢٢");
}

static void test_presentation_forms(void **state)
{
    (void)state;
    /* lam-alef ligature, the Allah ligature, isolated and final forms */
    expect_norm("\xEF\xBB\xBB", MARSAD_FOLD_COMPAT, "لا");
    expect_norm("\xEF\xB7\xB2", MARSAD_PROFILE_SEARCH, "الله");
    expect_norm("\xEF\xBA\x8D\xEF\xBB\x9F", MARSAD_FOLD_COMPAT, "ال");
    /* isolated tanween form: a mark, removed with the marks */
    expect_norm("\xEF\xB9\xB0", MARSAD_PROFILE_SEARCH, "");
    expect_norm("\xEF\xB9\xB0", MARSAD_FOLD_COMPAT, "\xD9\x8B");
}

static void test_controls(void **state)
{
    (void)state;
    expect_norm("\xE2\x80\x8F" "بوتين" "\xE2\x80\x8E" "\xE2\x80\x8B"
                "\xE2\x81\xA6" "x" "\xE2\x81\xA9" "\xD8\x9C" "\xEF\xBB\xBF"
                "\xC2\xAD",
                MARSAD_PROFILE_SEARCH, "بوتينx");
    expect_norm("\xE2\x80\x8F", 0, "\xE2\x80\x8F");
}

static void test_case(void **state)
{
    (void)state;
    expect_norm("CNN BBC Économie ÀÉÎ", MARSAD_PROFILE_SEARCH,
                "cnn bbc économie àéî");
    expect_norm("CNN", MARSAD_PROFILE_SEARCH & ~MARSAD_FOLD_CASE, "CNN");
}

static void test_hamza_composition(void **state)
{
    (void)state;
    /* alef + combining hamza above is the same letter as أ */
    expect_norm("\xD8\xA7\xD9\x94", 0, "أ");
    expect_norm("\xD8\xA7\xD9\x94", MARSAD_PROFILE_SEARCH, "ا");
    expect_norm("\xD9\x88\xD9\x94", 0, "ؤ");
    expect_norm("\xD8\xA7\xD9\x93", 0, "آ");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    expect_norm("a\xFF" "b\xE2\x82", 0, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    expect_norm("\xC0\x80", MARSAD_PROFILE_SEARCH,
                "\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void test_short_buffer(void **state)
{
    const char *s = "\xEF\xB7\xBA"; /* one ligature, 18 letters */
    char small[5];
    size_t need = marsad_normalize(s, 3, MARSAD_FOLD_COMPAT, NULL, 0);
    size_t n;
    (void)state;
    assert_true(need > 30);
    n = marsad_normalize(s, 3, MARSAD_FOLD_COMPAT, small, sizeof small);
    assert_int_equal(n, need);
    n = marsad_normalize(s, 3, MARSAD_FOLD_COMPAT, out, sizeof out);
    assert_int_equal(n, need);
    assert_memory_equal(out, small, sizeof small);
}

/* normalize(normalize(x)) == normalize(x) for x, under flags */
static void check_idempotent(const char *x, size_t n, unsigned flags)
{
    static char a[1 << 16], b[1 << 16];
    size_t na = marsad_normalize(x, n, flags, a, sizeof a);
    size_t nb;
    assert_true(na <= sizeof a);
    nb = marsad_normalize(a, na, flags, b, sizeof b);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
}

static const unsigned profiles[] = {
    0, MARSAD_PROFILE_SEARCH, MARSAD_PROFILE_DISPLAY, MARSAD_PROFILE_ALL,
    MARSAD_FOLD_MARKS, MARSAD_FOLD_COMPAT, MARSAD_FOLD_ALEF,
    MARSAD_FOLD_CASE, MARSAD_PROFILE_ALL & ~MARSAD_FOLD_MARKS,
};

static void test_idempotent_every_code_point(void **state)
{
    uint32_t cp;
    size_t p;
    (void)state;
    for (cp = 0; cp <= 0x10FFFF; cp++) {
        char s[4];
        size_t n;
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        n = marsad_utf8_encode(cp, s);
        for (p = 0; p < sizeof profiles / sizeof profiles[0]; p++)
            check_idempotent(s, n, profiles[p]);
    }
}

static void test_idempotent_random_arabic(void **state)
{
    /* random strings over the characters most likely to interact:
     * letters that compose with hamza, combining hamza and madda, marks,
     * tatweel, ligatures, controls */
    static const uint32_t pool[] = {
        0x627, 0x648, 0x64A, 0x649, 0x629, 0x6D5, 0x6C1, 0x6D2, 0x653,
        0x654, 0x655, 0x64E, 0x651, 0x670, 0x640, 0xFEFB, 0xFDF2, 0xFE70,
        0xFC5E, 0x200F, 0x41, 0x130, 0x660, 0x6F5, 0x622, 0x623, 0x626,
        0x6A9, 0x6CC, 0x20, 0xFB8E,
    };
    unsigned seed = 12345;
    int iter;
    size_t p;
    (void)state;
    for (iter = 0; iter < 20000; iter++) {
        char s[64];
        size_t n = 0;
        int k, len = 1 + (int)(seed % 8);
        for (k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            n += marsad_utf8_encode(
                pool[(seed >> 16) % (sizeof pool / sizeof pool[0])], s + n);
        }
        for (p = 0; p < sizeof profiles / sizeof profiles[0]; p++)
            check_idempotent(s, n, profiles[p]);
    }
}

static void test_fold_parse(void **state)
{
    unsigned f = 7;
    (void)state;
    assert_int_equal(marsad_fold_parse("search", &f), MARSAD_OK);
    assert_int_equal(f, MARSAD_PROFILE_SEARCH);
    assert_int_equal(marsad_fold_parse("search,+hamza", &f), MARSAD_OK);
    assert_int_equal(f, MARSAD_PROFILE_ALL);
    assert_int_equal(marsad_fold_parse("all,-case", &f), MARSAD_OK);
    assert_int_equal(f, MARSAD_PROFILE_ALL & ~MARSAD_FOLD_CASE);
    assert_int_equal(marsad_fold_parse("marks,tatweel", &f), MARSAD_OK);
    assert_int_equal(f, MARSAD_FOLD_MARKS | MARSAD_FOLD_TATWEEL);
    assert_int_equal(marsad_fold_parse("none", &f), MARSAD_OK);
    assert_int_equal(f, 0);
    f = 5;
    assert_int_equal(marsad_fold_parse("marks,bogus", &f), MARSAD_EINVAL);
    assert_int_equal(f, 5);
    assert_string_equal(marsad_fold_name(MARSAD_FOLD_ALEF), "alef");
    assert_null(marsad_fold_name(1u << 30));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_selfcheck_table),
        cmocka_unit_test(test_tatweel_and_marks),
        cmocka_unit_test(test_letter_folds),
        cmocka_unit_test(test_digits),
        cmocka_unit_test(test_presentation_forms),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_case),
        cmocka_unit_test(test_hamza_composition),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_short_buffer),
        cmocka_unit_test(test_idempotent_every_code_point),
        cmocka_unit_test(test_idempotent_random_arabic),
        cmocka_unit_test(test_fold_parse),
    };
    return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
