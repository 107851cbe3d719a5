/*
 * test_hostile.c - hostile inputs: every class of invalid UTF-8, 1 MB of
 * tatweel, 10,000 marks on one letter, a 50 MB line without spaces, mixed
 * bidi controls, NUL bytes and CRLF.  Each must give tokens with valid,
 * increasing offsets; ctest's time limit guards against quadratic time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "marsad.h"

struct check {
    const char *s;
    size_t len;
    size_t last_end;
    size_t tokens;
    size_t bytes; /* bytes covered by tokens */
    size_t max_len;
};

static int check_token(void *ud, const marsad_token *t)
{
    struct check *c = ud;
    unsigned i;
    assert_true(t->start < t->end);
    assert_true(t->end <= c->len);
    assert_true(t->start >= c->last_end);
    for (i = 0; i < t->nseg; i++) {
        assert_true(t->seg[i].start >= t->start);
        assert_true(t->seg[i].end <= t->end);
    }
    /* the normalized form is valid UTF-8 */
    assert_int_equal(marsad_utf8_validate(t->norm, t->nnorm, NULL),
                     MARSAD_OK);
    if (t->stem)
        assert_int_equal(marsad_utf8_validate(t->stem, t->nstem, NULL),
                         MARSAD_OK);
    c->last_end = t->end;
    c->tokens++;
    c->bytes += t->end - t->start;
    if (t->end - t->start > c->max_len)
        c->max_len = t->end - t->start;
    return 0;
}

static struct check analyze_all(const char *s, size_t len)
{
    struct check c;
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    assert_non_null(an);
    memset(&c, 0, sizeof c);
    c.s = s;
    c.len = len;
    assert_int_equal(marsad_analyze(an, s, len, check_token, &c), MARSAD_OK);
    marsad_analyzer_free(an);
    return c;
}

/* s repeated until len bytes (cut at a multiple of its length) */
static char *repeat(const char *s, size_t len, size_t *out_len)
{
    size_t n = strlen(s), i;
    char *buf = malloc(len + 1);
    assert_non_null(buf);
    for (i = 0; i + n <= len; i += n)
        memcpy(buf + i, s, n);
    buf[i] = '\0';
    *out_len = i;
    return buf;
}

static void test_invalid_utf8_classes(void **state)
{
    static const char *const bad[] = {
        "\x80", "\xBF", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF",
        "\xF0\x80\x80\xAF", "\xED\xA0\x80", "\xED\xBF\xBF",
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFE", "\xFF",
        "\xE2\x82", "\xF0\x9F\x98", "\xD9",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char buf[64];
        struct check c;
        size_t n = (size_t)snprintf(buf, sizeof buf, "قال%sبوتين", bad[i]);
        c = analyze_all(buf, n);
        /* the bad sequence separates the two words and is in neither */
        assert_int_equal(c.tokens, 2);
        assert_int_equal(c.bytes, 6 + 10);
    }
}

static void test_megabyte_of_tatweel(void **state)
{
    size_t len;
    char *s = repeat("\xD9\x80", 1 << 20, &len);
    struct check c = analyze_all(s, len);
    (void)state;
    assert_int_equal(c.tokens, 0); /* no letters: no word */
    s[0] = '\xD8';
    s[1] = '\xA8'; /* ب then a megabyte of tatweel: one long word */
    c = analyze_all(s, len);
    assert_true(c.tokens >= 1);
    assert_true(c.max_len <= 256);
    free(s);
}

static void test_ten_thousand_marks(void **state)
{
    size_t len, i;
    char *s = repeat("\xD9\x8E", 20000, &len); /* 10,000 fathas */
    struct check c;
    (void)state;
    memcpy(s, "\xD8\xA8", 2);
    c = analyze_all(s, len);
    assert_true(c.tokens >= 1);
    for (i = 0; i < 3; i++) {
        /* marks alone, then letters among them */
        s[i * 4000] = '\xD9';
        s[i * 4000 + 1] = '\x85';
    }
    c = analyze_all(s, len);
    assert_true(c.tokens >= 3);
    free(s);
}

static void test_fifty_megabyte_line(void **state)
{
    size_t len;
    char *s = repeat("\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8", 50u << 20, &len);
    struct check c = analyze_all(s, len);
    (void)state;
    assert_int_equal(c.bytes, len);
    assert_true(c.max_len <= 256);
    assert_int_equal(c.tokens, (len + 255) / 256);
    free(s);
}

static void test_mixed_bidi_controls(void **state)
{
    const char *s = "\xE2\x80\xAB" "قال" "\xE2\x80\xAC" " \xE2\x81\xA7"
                    "Putin" "\xE2\x81\xA9" "\xE2\x80\x8F" "١٢" "\xE2\x80\x8E"
                    "\xE2\x80\xAE" "\xE2\x80\xAD" "\xD8\x9C" "!";
    struct check c = analyze_all(s, strlen(s));
    (void)state;
    assert_int_equal(c.tokens, 4);
}

static void test_nul_crlf_bom(void **state)
{
    const char s[] = "\xEF\xBB\xBF" "سطر\r\nسطر\0آخر\r\n";
    struct check c = analyze_all(s, sizeof s - 1);
    (void)state;
    assert_int_equal(c.tokens, 3);
}

static void test_random_bytes(void **state)
{
    /* a few megabytes of random bytes biased to Arabic lead bytes */
    size_t len = 4u << 20, i;
    char *s = malloc(len);
    unsigned x = 2463534242u;
    struct check c;
    (void)state;
    assert_non_null(s);
    for (i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        s[i] = (char)((x & 3) == 0 ? 0xD8 + ((x >> 8) & 3) : x >> 16);
    }
    c = analyze_all(s, len);
    assert_true(c.tokens > 0);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invalid_utf8_classes),
        cmocka_unit_test(test_megabyte_of_tatweel),
        cmocka_unit_test(test_ten_thousand_marks),
        cmocka_unit_test(test_fifty_megabyte_line),
        cmocka_unit_test(test_mixed_bidi_controls),
        cmocka_unit_test(test_nul_crlf_bom),
        cmocka_unit_test(test_random_bytes),
    };
    return cmocka_run_group_tests_name("hostile", tests, NULL, NULL);
}
