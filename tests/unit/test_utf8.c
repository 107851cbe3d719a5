/*
 * test_utf8.c - decoding, encoding and validation of UTF-8, including
 * every class of ill-formed sequence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "marsad.h"

/* Decodes all of s and checks the code points and lengths. */
static void expect_decode(const char *s, size_t len, const uint32_t *cps,
                          const size_t *lens, size_t n)
{
    size_t i = 0, k = 0;
    while (i < len) {
        uint32_t cp = 0;
        size_t w = marsad_utf8_decode(s + i, len - i, &cp);
        assert_true(k < n);
        assert_int_equal(cp, cps[k]);
        assert_int_equal(w, lens[k]);
        i += w;
        k++;
    }
    assert_int_equal(k, n);
}

static void test_valid_sequences(void **state)
{
    const char s[] = "A\xD8\xA7\xE2\x82\xAC\xF0\x9F\x98\x80";
    const uint32_t cps[] = {0x41, 0x627, 0x20AC, 0x1F600};
    const size_t lens[] = {1, 2, 3, 4};
    (void)state;
    expect_decode(s, sizeof s - 1, cps, lens, 4);
}

static void test_overlong_forms(void **state)
{
    /* C0 80 (overlong NUL), E0 80 80, F0 80 80 80: each byte that cannot
     * start or continue a well-formed sequence is one U+FFFD */
    const char s[] = "\xC0\x80" "\xE0\x80\x80" "\xF0\x80\x80\x80";
    const uint32_t cps[] = {0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD,
                            0xFFFD, 0xFFFD, 0xFFFD};
    const size_t lens[] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    (void)state;
    expect_decode(s, sizeof s - 1, cps, lens, 9);
}

static void test_surrogates_and_range(void **state)
{
    const char s[] = "\xED\xA0\x80" "\xF4\x90\x80\x80" "\xF5\x80";
    size_t i;
    (void)state;
    for (i = 0; i < sizeof s - 1;) {
        uint32_t cp;
        i += marsad_utf8_decode(s + i, sizeof s - 1 - i, &cp);
        assert_int_equal(cp, 0xFFFD);
    }
}

static void test_truncated(void **state)
{
    /* E2 82 then ASCII: the maximal subpart E2 82 is one U+FFFD and the
     * 'A' survives */
    const char s[] = "\xE2\x82" "A" "\xF0\x9F\x98";
    const uint32_t cps[] = {0xFFFD, 0x41, 0xFFFD};
    const size_t lens[] = {2, 1, 3};
    (void)state;
    expect_decode(s, sizeof s - 1, cps, lens, 3);
}

static void test_stray_continuation(void **state)
{
    const char s[] = "\x80\xBF" "b";
    const uint32_t cps[] = {0xFFFD, 0xFFFD, 0x62};
    const size_t lens[] = {1, 1, 1};
    (void)state;
    expect_decode(s, sizeof s - 1, cps, lens, 3);
}

static void test_encode_roundtrip_all(void **state)
{
    uint32_t cp;
    (void)state;
    for (cp = 0; cp <= 0x10FFFF; cp++) {
        char buf[4];
        uint32_t back = 0;
        size_t n = marsad_utf8_encode(cp, buf);
        size_t m = marsad_utf8_decode(buf, n, &back);
        assert_int_equal(n, m);
        if (cp >= 0xD800 && cp <= 0xDFFF)
            assert_int_equal(back, 0xFFFD);
        else
            assert_int_equal(back, cp);
        assert_int_equal(marsad_utf8_validate(buf, n, NULL), MARSAD_OK);
    }
}

static void test_validate_reports_offset(void **state)
{
    const char ok[] = "\xEF\xBF\xBD abc \xD9\x85";
    const char bad[] = "abc\xD9" "def";
    size_t off = 99;
    (void)state;
    assert_int_equal(marsad_utf8_validate(ok, sizeof ok - 1, &off),
                     MARSAD_OK);
    assert_int_equal(marsad_utf8_validate(bad, sizeof bad - 1, &off),
                     MARSAD_EUTF8);
    assert_int_equal(off, 3);
    assert_int_equal(marsad_utf8_validate("", 0, NULL), MARSAD_OK);
}

static void test_every_two_byte_lead(void **state)
{
    /* exhaustive over two-byte inputs: decoding always makes progress,
     * never reads past len, and agrees with encode for valid ones */
    unsigned a, b;
    (void)state;
    for (a = 0; a < 256; a++) {
        for (b = 0; b < 256; b++) {
            char s[2];
            uint32_t cp;
            size_t n;
            s[0] = (char)a;
            s[1] = (char)b;
            n = marsad_utf8_decode(s, 2, &cp);
            assert_true(n >= 1 && n <= 2);
            if (n == 2 && cp != 0xFFFD) {
                char e[4];
                assert_int_equal(marsad_utf8_encode(cp, e), 2);
                assert_memory_equal(e, s, 2);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_sequences),
        cmocka_unit_test(test_overlong_forms),
        cmocka_unit_test(test_surrogates_and_range),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_stray_continuation),
        cmocka_unit_test(test_encode_roundtrip_all),
        cmocka_unit_test(test_validate_reports_offset),
        cmocka_unit_test(test_every_two_byte_lead),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
