/*
 * fuzz_clean_text.c - libFuzzer target for the plain-text cleaner.
 *
 * The input is made valid UTF-8 first (invalid sequences become U+FFFD),
 * as the cleaner's contract requires, then cleaned three ways: bare, with
 * a hint whose title is the input's first line, and with a hint and a
 * cross-page memory that lives across inputs.  Every result must keep its
 * ranges inside the input and in order, and its texts and metadata must be
 * valid UTF-8 no longer than the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"
#include "marsad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Copies s[0..n) into a new buffer with invalid sequences replaced. */
static char *make_valid(const char *s, size_t n, size_t *out_n)
{
    char *d = malloc(n * 3 + 1);
    size_t i = 0, o = 0;

    if (!d)
        return NULL;
    while (i < n) {
        uint32_t cp;
        size_t w = marsad_utf8_decode(s + i, n - i, &cp);
        o += marsad_utf8_encode(cp, d + o);
        i += w;
    }
    d[o] = '\0';
    *out_n = o;
    return d;
}

static void check_string(const char *v, size_t n)
{
    if (!v)
        return;
    if (strlen(v) > n || marsad_utf8_validate(v, strlen(v), NULL) != 0)
        abort();
}

static void check(const char *s, size_t n, const mc_result *r)
{
    size_t prev = 0;

    for (size_t i = 0; i < r->ndrops; i++) {
        const mc_drop *d = &r->drops[i];
        if (d->start >= d->end || d->end > n || d->start < prev ||
            !d->reason)
            abort();
        prev = d->end;
    }
    for (size_t i = 0; i < r->narticles; i++) {
        const mc_article *a = &r->articles[i];
        const char *p;
        if (!a->text || strlen(a->text) != a->len || a->len == 0 ||
            a->len > n || a->start >= a->end || a->end > n)
            abort();
        if (i > 0 && a->start < r->articles[i - 1].end)
            abort();
        if (marsad_utf8_validate(a->text, a->len, NULL) != 0)
            abort();
        /* fields come from the input or from the hint (< 300 bytes) */
        check_string(a->meta.title, n + 300);
        check_string(a->meta.author, n + 300);
        check_string(a->meta.source, n + 300);
        check_string(a->meta.url, n + 300);
        check_string(a->meta.dateline, n + 300);
        check_string(a->meta.credit, 2 * n + 300);
        check_string(a->meta.date, n + 300);
        /* each kept paragraph is a piece of the article's input bytes */
        if (n > 8192)
            continue;
        p = a->text;
        while (*p) {
            const char *nl = strchr(p, '\n');
            size_t k = nl ? (size_t)(nl - p) : strlen(p);
            int found = 0;
            if (k == 0)
                abort();
            for (size_t j = a->start; j + k <= a->end && !found; j++)
                found = memcmp(s + j, p, k) == 0;
            if (!found)
                abort();
            p += k + (nl != NULL);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mc_sitemem *mem;
    size_t n;
    char *s = make_valid((const char *)data, size, &n);
    char title[256];
    mc_meta hint;
    mc_result r;

    if (!s)
        return 0;
    if (!mem)
        mem = mc_sitemem_new();

    if (mc_clean_text(s, n, NULL, NULL, &r) != MC_OK)
        abort();
    check(s, n, &r);
    mc_result_free(&r);

    /* the first line as the known title, a fixed site */
    {
        size_t k = strcspn(s, "\n");
        if (k >= sizeof title)
            k = sizeof title - 1;
        /* do not cut a character */
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        memcpy(title, s, k);
        title[k] = '\0';
    }
    memset(&hint, 0, sizeof hint);
    hint.title = title;
    hint.source = "fuzz";
    hint.url = "https://fuzz.example/page";
    if (mc_clean_text(s, n, &hint, NULL, &r) != MC_OK)
        abort();
    check(s, n, &r);
    mc_result_free(&r);

    if (mem) {
        if (mc_clean_text(s, n, &hint, mem, &r) != MC_OK)
            abort();
        check(s, n, &r);
        mc_result_free(&r);
    }
    free(s);
    return 0;
}
