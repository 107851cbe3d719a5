/*
 * storydf - the background document frequencies of story clustering
 * (models/story-df.tsv), counted over the articles of a marsad store.
 *
 *   storydf [--min N] STORE.db > story-df.tsv
 *
 * Each article is read as the story pass reads it (src/story/features.c:
 * stems of its title and body, and the names of the entities found in
 * it); a term's count is the number of articles it occurs in.  Terms in
 * fewer than N articles (default 3) are left out.  Output: "# documents
 * N", then "term<TAB>count" lines sorted by term.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "story/features.h"

typedef struct entry {
    char *s;
    uint32_t term, df, seen;
} entry;

typedef struct table {
    entry *e;
    size_t cap, n;
    uint32_t doc;
} table;

static int grow(table *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 1 << 16;
    entry *e = calloc(ncap, sizeof *e);
    if (!e)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->e[i].s)
            continue;
        size_t j = t->e[i].term & (ncap - 1);
        while (e[j].s)
            j = (j + 1) & (ncap - 1);
        e[j] = t->e[i];
    }
    free(t->e);
    t->e = e;
    t->cap = ncap;
    return 0;
}

static int failed;

static void on_term(void *ud, uint32_t term, const char *s, size_t n)
{
    table *t = ud;
    size_t j;
    if (failed)
        return;
    if ((t->n + 1) * 2 > t->cap && grow(t)) {
        failed = 1;
        return;
    }
    j = term & (t->cap - 1);
    while (t->e[j].s &&
           (t->e[j].term != term || strlen(t->e[j].s) != n ||
            memcmp(t->e[j].s, s, n) != 0))
        j = (j + 1) & (t->cap - 1);
    if (!t->e[j].s) {
        t->e[j].s = malloc(n + 1);
        if (!t->e[j].s) {
            failed = 1;
            return;
        }
        memcpy(t->e[j].s, s, n);
        t->e[j].s[n] = 0;
        t->e[j].term = term;
        t->n++;
    }
    if (t->e[j].seen != t->doc) {
        t->e[j].seen = t->doc;
        t->e[j].df++;
    }
}

static int by_text(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->s, ((const entry *)b)->s);
}

int main(int argc, char **argv)
{
    long min = 3;
    const char *path = NULL;
    sqlite3 *db;
    sqlite3_stmt *q, *names;
    mv_extractor *ex;
    table t = {0};
    const char **nm = NULL;
    size_t *nl = NULL, ncap = 0;
    char **own = NULL;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--min") == 0 && i + 1 < argc)
            min = atol(argv[++i]);
        else
            path = argv[i];
    }
    if (!path || min < 1) {
        fprintf(stderr, "usage: storydf [--min N] STORE.db > story-df.tsv\n");
        return 2;
    }
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT id, title, text FROM articles", -1,
                           &q, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT e.name FROM mentions m JOIN entities e ON "
                           "e.id = m.entity WHERE m.article = ?1",
                           -1, &names, NULL) != SQLITE_OK) {
        fprintf(stderr, "storydf: %s: %s\n", path, sqlite3_errmsg(db));
        return 1;
    }
    ex = mv_extractor_new();
    if (!ex || grow(&t))
        return 1;
    while (sqlite3_step(q) == SQLITE_ROW) {
        size_t nn = 0;
        mv_doc doc;
        sqlite3_bind_int64(names, 1, sqlite3_column_int64(q, 0));
        while (sqlite3_step(names) == SQLITE_ROW) {
            if (nn == ncap) {
                ncap = ncap ? ncap * 2 : 64;
                nm = realloc(nm, ncap * sizeof *nm);
                nl = realloc(nl, ncap * sizeof *nl);
                own = realloc(own, ncap * sizeof *own);
                if (!nm || !nl || !own)
                    return 1;
            }
            own[nn] = strdup((const char *)sqlite3_column_text(names, 0));
            if (!own[nn])
                return 1;
            nm[nn] = own[nn];
            nl[nn] = strlen(own[nn]);
            nn++;
        }
        sqlite3_reset(names);
        t.doc++;
        if (mv_extract(ex, (const char *)sqlite3_column_text(q, 1),
                       (size_t)sqlite3_column_bytes(q, 1),
                       (const char *)sqlite3_column_text(q, 2),
                       (size_t)sqlite3_column_bytes(q, 2), nm, nl, nn, &doc,
                       on_term, &t) ||
            failed) {
            fprintf(stderr, "storydf: out of memory\n");
            return 1;
        }
        for (size_t i = 0; i < nn; i++)
            free(own[i]);
    }
    sqlite3_finalize(q);
    sqlite3_finalize(names);
    sqlite3_close(db);

    size_t k = 0;
    for (size_t i = 0; i < t.cap; i++)
        if (t.e[i].s && t.e[i].df >= (uint32_t)min)
            t.e[k++] = t.e[i];
    qsort(t.e, k, sizeof *t.e, by_text);
    printf("# documents %u\n", t.doc);
    for (size_t i = 0; i < k; i++)
        if (!strchr(t.e[i].s, '\t') && !strchr(t.e[i].s, '\n'))
            printf("%s\t%u\n", t.e[i].s, t.e[i].df);
    mv_extractor_free(ex);
    return 0;
}
