/*
 * test_golden.c - runs the golden files of tests/golden through the
 * public API:
 *   segment.txt      word TAB pieces separated by spaces
 *   stem.txt         word TAB expected stem
 *   stem_groups.txt  lines of words with one stem; after "[differ]",
 *                    pairs of words whose stems must differ
 *   tokenize.txt     cases of text, a line "---", then one token per
 *                    line as "surface TAB type TAB sentence"; "===" ends
 *                    a case
 * Every mismatch is printed with its file and line before the test fails.
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

#define LINE_MAX_LEN 4096

static FILE *open_golden(const char *name)
{
    char path[256];
    FILE *f;
    snprintf(path, sizeof path, "tests/golden/%s", name);
    f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s (run from the source tree)", path);
    return f;
}

/* Strips the line end; returns 0 for comment and blank lines. */
static int data_line(char *line)
{
    size_t n = strcspn(line, "\r\n");
    line[n] = '\0';
    return line[0] != '\0' && line[0] != '#';
}

static void test_segment_golden(void **state)
{
    FILE *f = open_golden("segment.txt");
    char line[LINE_MAX_LEN];
    int lineno = 0, bad = 0, cases = 0;
    (void)state;
    while (fgets(line, sizeof line, f)) {
        char *tab, got[LINE_MAX_LEN];
        marsad_segment seg[MARSAD_MAX_SEGMENTS];
        unsigned n, i;
        size_t o = 0;
        lineno++;
        if (!data_line(line))
            continue;
        tab = strchr(line, '\t');
        if (!tab)
            fail_msg("segment.txt:%d: no TAB", lineno);
        *tab = '\0';
        n = marsad_segment_word(line, strlen(line), seg);
        for (i = 0; i < n; i++) {
            if (i)
                got[o++] = ' ';
            memcpy(got + o, line + seg[i].start, seg[i].end - seg[i].start);
            o += seg[i].end - seg[i].start;
        }
        got[o] = '\0';
        cases++;
        if (strcmp(got, tab + 1) != 0) {
            print_error("segment.txt:%d: %s: want '%s', got '%s'\n", lineno,
                        line, tab + 1, got);
            bad++;
        }
    }
    fclose(f);
    assert_true(cases > 0);
    assert_int_equal(bad, 0);
}

static void stem_of(const char *w, char *out, size_t cap)
{
    size_t n = marsad_stem_word(w, strlen(w), out, cap - 1);
    assert_true(n < cap);
    out[n] = '\0';
}

static void test_stem_golden(void **state)
{
    FILE *f = open_golden("stem.txt");
    char line[LINE_MAX_LEN];
    int lineno = 0, bad = 0, cases = 0;
    (void)state;
    while (fgets(line, sizeof line, f)) {
        char *tab, got[256];
        lineno++;
        if (!data_line(line))
            continue;
        tab = strchr(line, '\t');
        if (!tab)
            fail_msg("stem.txt:%d: no TAB", lineno);
        *tab = '\0';
        stem_of(line, got, sizeof got);
        cases++;
        if (strcmp(got, tab + 1) != 0) {
            print_error("stem.txt:%d: %s: want '%s', got '%s'\n", lineno,
                        line, tab + 1, got);
            bad++;
        }
    }
    fclose(f);
    assert_true(cases > 0);
    assert_int_equal(bad, 0);
}

/* Splits at spaces like strtok_r, which strict C11 does not declare. */
static char *next_word(char *s, char **save)
{
    char *p = s ? s : *save;
    char *w;
    while (*p == ' ')
        p++;
    if (!*p)
        return NULL;
    w = p;
    while (*p && *p != ' ')
        p++;
    if (*p)
        *p++ = '\0';
    *save = p;
    return w;
}

static void test_stem_groups(void **state)
{
    FILE *f = open_golden("stem_groups.txt");
    char line[LINE_MAX_LEN];
    int lineno = 0, bad = 0, differ = 0, groups = 0;
    (void)state;
    while (fgets(line, sizeof line, f)) {
        char first[256], got[256], *w, *save = NULL;
        const char *firstw = NULL;
        lineno++;
        if (!data_line(line))
            continue;
        if (strcmp(line, "[differ]") == 0) {
            differ = 1;
            continue;
        }
        groups++;
        for (w = next_word(line, &save); w; w = next_word(NULL, &save)) {
            if (!firstw) {
                firstw = w;
                stem_of(w, first, sizeof first);
                continue;
            }
            stem_of(w, got, sizeof got);
            if (!differ && strcmp(got, first) != 0) {
                print_error("stem_groups.txt:%d: %s -> %s but %s -> %s\n",
                            lineno, firstw, first, w, got);
                bad++;
            } else if (differ && strcmp(got, first) == 0) {
                print_error("stem_groups.txt:%d: %s and %s both -> %s\n",
                            lineno, firstw, w, got);
                bad++;
            }
        }
    }
    fclose(f);
    assert_true(groups > 0);
    assert_int_equal(bad, 0);
}

struct tok_buf {
    char text[LINE_MAX_LEN * 4];
    char got[LINE_MAX_LEN * 8];
    size_t ngot;
};

static int tok_line(void *ud, const marsad_token *t)
{
    struct tok_buf *b = ud;
    int n = snprintf(b->got + b->ngot, sizeof b->got - b->ngot,
                     "%.*s\t%s\t%zu\n", (int)(t->end - t->start),
                     b->text + t->start, marsad_token_type_name(t->type),
                     t->sentence);
    assert_true(n > 0);
    b->ngot += (size_t)n;
    assert_true(b->ngot < sizeof b->got);
    return 0;
}

static void test_tokenize_golden(void **state)
{
    FILE *f = open_golden("tokenize.txt");
    static struct tok_buf b;
    static char want[LINE_MAX_LEN * 8];
    char line[LINE_MAX_LEN];
    int lineno = 0, mode = 0, bad = 0, cases = 0, case_line = 0;
    size_t ntext = 0, nwant = 0;
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    (void)state;
    assert_non_null(an);
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (mode == 0 && line[0] == '#')
            continue;
        if (strcmp(line, "---\n") == 0 && mode == 0) {
            mode = 1;
            continue;
        }
        if (strcmp(line, "===\n") == 0 && mode == 1) {
            if (ntext > 0)
                ntext--; /* the last line end belongs to the separator */
            b.ngot = 0;
            marsad_analyzer_reset(an);
            assert_int_equal(marsad_analyze(an, b.text, ntext, tok_line, &b),
                             MARSAD_OK);
            b.got[b.ngot] = '\0';
            want[nwant] = '\0';
            cases++;
            if (strcmp(b.got, want) != 0) {
                print_error("tokenize.txt:%d: case differs\n--- want\n%s"
                            "--- got\n%s", case_line, want, b.got);
                bad++;
            }
            mode = 0;
            ntext = nwant = 0;
            continue;
        }
        if (mode == 0) {
            size_t n = strlen(line);
            if (ntext == 0)
                case_line = lineno;
            assert_true(ntext + n < sizeof b.text);
            memcpy(b.text + ntext, line, n);
            ntext += n;
        } else {
            size_t n = strlen(line);
            assert_true(nwant + n < sizeof want);
            memcpy(want + nwant, line, n);
            nwant += n;
        }
    }
    fclose(f);
    marsad_analyzer_free(an);
    assert_true(cases > 0);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_segment_golden),
        cmocka_unit_test(test_stem_golden),
        cmocka_unit_test(test_stem_groups),
        cmocka_unit_test(test_tokenize_golden),
    };
    return cmocka_run_group_tests_name("golden", tests, NULL, NULL);
}
