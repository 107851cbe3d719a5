/*
 * fuzz_clean_html.c - libFuzzer target for the HTML cleaner.
 *
 * Checks on every input: cleaning succeeds; article texts are valid UTF-8
 * of the stated length, with no empty line; every metadata field is valid
 * UTF-8; article and drop ranges lie inside the input; drops come sorted
 * and carry a reason.  The first byte chooses whether a hint is given and
 * whether the page is cleaned twice against one site memory (the second
 * pass must meet the same checks).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"
#include "marsad.h"

#include "fuzz.h"

static void check_str(const char *s)
{
    if (s)
        CHECK(marsad_utf8_validate(s, strlen(s), NULL) == MARSAD_OK);
}

static void check_meta(const mc_meta *m)
{
    check_str(m->title);
    check_str(m->author);
    check_str(m->source);
    check_str(m->date);
    check_str(m->url);
    check_str(m->dateline);
    check_str(m->credit);
}

static void check(const mc_result *r, size_t size)
{
    size_t i;
    for (i = 0; i < r->narticles; i++) {
        const mc_article *a = &r->articles[i];
        CHECK(a->text != NULL);
        CHECK(strlen(a->text) == a->len);
        CHECK(marsad_utf8_validate(a->text, a->len, NULL) == MARSAD_OK);
        CHECK(strstr(a->text, "\n\n") == NULL);
        CHECK(a->start <= a->end && a->end <= size);
        check_meta(&a->meta);
    }
    for (i = 0; i < r->ndrops; i++) {
        const mc_drop *d = &r->drops[i];
        CHECK(d->reason != NULL && d->reason[0] != '\0');
        CHECK(d->start <= d->end && d->end <= size);
        if (i > 0)
            CHECK(r->drops[i - 1].start <= d->start);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    unsigned mode = size ? data[0] : 0;
    mc_meta hint;
    mc_sitemem *mem = NULL;
    mc_result r;
    int pass, passes = 1;

    memset(&hint, 0, sizeof hint);
    hint.url = "https://example.com/section/page.html?id=1";
    hint.source = "example";
    if (mode & 2) {
        mem = mc_sitemem_new();
        CHECK(mem != NULL);
        passes = 2;
    }
    for (pass = 0; pass < passes; pass++) {
        int rc = mc_clean_html(s, size, (mode & 1) ? &hint : NULL, mem, &r);
        CHECK(rc == MC_OK);
        check(&r, size);
        mc_result_free(&r);
        CHECK(r.narticles == 0 && r.articles == NULL && r.ndrops == 0);
    }
    mc_sitemem_free(mem);
    return 0;
}
