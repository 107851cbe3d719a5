/*
 * clean_common.c - ownership helpers shared by the text and HTML cleaners.
 */
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"

static char *dup_or_null(const char *s, int *fail)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (!d) {
        *fail = 1;
        return NULL;
    }
    memcpy(d, s, n + 1);
    return d;
}

void mc_meta_free(mc_meta *m)
{
    if (!m)
        return;
    free(m->title);
    free(m->author);
    free(m->source);
    free(m->date);
    free(m->url);
    free(m->dateline);
    free(m->credit);
    memset(m, 0, sizeof *m);
}

int mc_meta_copy(mc_meta *dst, const mc_meta *src)
{
    int fail = 0;
    memset(dst, 0, sizeof *dst);
    if (!src)
        return MC_OK;
    dst->title = dup_or_null(src->title, &fail);
    dst->author = dup_or_null(src->author, &fail);
    dst->source = dup_or_null(src->source, &fail);
    dst->date = dup_or_null(src->date, &fail);
    dst->url = dup_or_null(src->url, &fail);
    dst->dateline = dup_or_null(src->dateline, &fail);
    dst->credit = dup_or_null(src->credit, &fail);
    if (fail) {
        mc_meta_free(dst);
        return MC_ENOMEM;
    }
    return MC_OK;
}

void mc_result_free(mc_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->narticles; i++) {
        mc_meta_free(&r->articles[i].meta);
        free(r->articles[i].text);
    }
    free(r->articles);
    free(r->drops);
    memset(r, 0, sizeof *r);
}
