/*
 * ner_lexstats.c - how an entity model labels each word across a large
 * corpus: for every word key (the search-normalized base of ner_feat.c),
 * how often it occurs and how often inside a person, place, organization
 * or other name.  A second model reads these counts as features: a word
 * that a first model finds inside place names in most of its thousands of
 * occurrences is likely a place in a sentence where its own context says
 * little.
 *
 *   marsad_ner_lexstats --model MODEL [--min N] OUT.tsv FILE...
 *
 * FILEs are any input `marsad ingest` reads (JSON Lines, text, HTML;
 * gzip), here read raw: titles and bodies as they are.  OUT.tsv holds
 * "key TAB total TAB per TAB loc TAB org TAB misc" for the keys seen at
 * least N times (default 3), sorted by key.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity/nermodel.h"
#include "ingest/source.h"
#include "ner_internal.h"

typedef struct entry {
    char *key;
    uint64_t h;
    uint32_t total, type[5];
} entry;

typedef struct stats {
    entry *e;
    size_t cap, n;
    marsad_ner *ner;
    marsad_analyzer *an;
    /* mentions of the current text */
    size_t (*m)[3];
    size_t nm, capm;
    const char *text;
    size_t cur; /* first mention that may still cover a token */
    char buf[MN_TEXT_BUF];
    size_t docs;
} stats;

static void die(const char *msg)
{
    fprintf(stderr, "marsad_ner_lexstats: %s\n", msg);
    exit(2);
}

static entry *lookup(stats *s, const char *k, size_t n)
{
    uint64_t h = mn_hash(k, n);
    size_t i;
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1 << 16;
        entry *e = calloc(cap, sizeof *e);
        if (!e)
            die("out of memory");
        for (size_t j = 0; j < s->cap; j++)
            if (s->e[j].key) {
                size_t p = s->e[j].h & (cap - 1);
                while (e[p].key)
                    p = (p + 1) & (cap - 1);
                e[p] = s->e[j];
            }
        free(s->e);
        s->e = e;
        s->cap = cap;
    }
    i = h & (s->cap - 1);
    while (s->e[i].key) {
        if (s->e[i].h == h && strlen(s->e[i].key) == n &&
            memcmp(s->e[i].key, k, n) == 0)
            return &s->e[i];
        i = (i + 1) & (s->cap - 1);
    }
    s->e[i].key = malloc(n + 1);
    if (!s->e[i].key)
        die("out of memory");
    memcpy(s->e[i].key, k, n);
    s->e[i].key[n] = 0;
    s->e[i].h = h;
    s->n++;
    return &s->e[i];
}

static int on_mention(void *ud, const marsad_entity *e)
{
    stats *s = ud;
    if (s->nm == s->capm) {
        size_t cap = s->capm ? s->capm * 2 : 256;
        void *p = realloc(s->m, cap * sizeof *s->m);
        if (!p)
            die("out of memory");
        s->m = p;
        s->capm = cap;
    }
    s->m[s->nm][0] = e->start;
    s->m[s->nm][1] = e->end;
    s->m[s->nm][2] = (size_t)e->type;
    s->nm++;
    return 0;
}

static int on_token(void *ud, const marsad_token *tok)
{
    stats *s = ud;
    mn_text t;
    entry *e;
    if (tok->type != MARSAD_TOKEN_ARABIC && tok->type != MARSAD_TOKEN_LATIN)
        return 0;
    mn_text_from_token(&t, s->text, tok, s->buf);
    if (t.nkey == 0)
        return 0;
    e = lookup(s, t.key, t.nkey);
    e->total++;
    while (s->cur < s->nm && s->m[s->cur][1] <= tok->start)
        s->cur++;
    if (s->cur < s->nm && s->m[s->cur][0] < tok->end &&
        tok->start < s->m[s->cur][1])
        e->type[s->m[s->cur][2]]++;
    return 0;
}

static void one_text(stats *s, const char *text, size_t len)
{
    s->nm = 0;
    s->cur = 0;
    s->text = text;
    if (marsad_ner_find(s->ner, text, len, on_mention, s) != MARSAD_OK)
        die("out of memory");
    marsad_analyzer_reset(s->an);
    marsad_analyze(s->an, text, len, on_token, s);
}

static int on_doc(const ms_doc *d, void *ud)
{
    stats *s = ud;
    if (d->meta && d->meta->title)
        one_text(s, d->meta->title, strlen(d->meta->title));
    one_text(s, d->data, d->len);
    if (++s->docs % 5000 == 0)
        fprintf(stderr, "\r%zu articles, %zu keys", s->docs, s->n);
    return 0;
}

static void on_err(int severity, const char *path, long line,
                   const char *msg, void *ud)
{
    (void)ud;
    if (line)
        fprintf(stderr, "%s:%ld: %s%s\n", path, line,
                severity == MS_WARN ? "warning: " : "", msg);
    else
        fprintf(stderr, "%s: %s%s\n", path,
                severity == MS_WARN ? "warning: " : "", msg);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

int main(int argc, char **argv)
{
    const char *model = NULL, *out = NULL;
    unsigned long min = 3;
    stats s;
    mx_model m;
    ms_list list = {0};
    size_t nerr = 0, k = 0;
    char err[1024];
    int i = 1;
    FILE *f;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc)
            model = argv[++i];
        else if (!strcmp(argv[i], "--min") && i + 1 < argc)
            min = strtoul(argv[++i], NULL, 10);
        else
            die("usage: marsad_ner_lexstats --model MODEL [--min N] OUT.tsv "
                "FILE...");
    }
    if (!model || argc - i < 2)
        die("usage: marsad_ner_lexstats --model MODEL [--min N] OUT.tsv "
            "FILE...");
    out = argv[i++];
    memset(&s, 0, sizeof s);
    if (mx_model_open(&m, model, err, sizeof err))
        die(err);
    s.ner = m.ner;
    s.an = marsad_analyzer_new(NULL, NULL, NULL);
    if (!s.an)
        die("out of memory");
    if (ms_collect((const char *const *)argv + i, (size_t)(argc - i), &list,
                   on_err, NULL, &nerr))
        die("out of memory");
    for (size_t j = 0; j < list.n; j++)
        if (ms_read(&list.files[j], on_doc, on_err, NULL, &s) < 0)
            die("out of memory");
    fprintf(stderr, "\r%zu articles, %zu keys\n", s.docs, s.n);
    for (size_t j = 0; j < s.cap; j++)
        if (s.e[j].key) {
            if (s.e[j].total >= min)
                s.e[k++] = s.e[j];
            else
                free(s.e[j].key);
        }
    qsort(s.e, k, sizeof *s.e, by_key);
    f = fopen(out, "w");
    if (!f)
        die("cannot write the output file");
    fputs("# key\ttotal\tper\tloc\torg\tmisc\n", f);
    for (size_t j = 0; j < k; j++) {
        fprintf(f, "%s\t%u\t%u\t%u\t%u\t%u\n", s.e[j].key, s.e[j].total,
                s.e[j].type[1], s.e[j].type[2], s.e[j].type[3],
                s.e[j].type[4]);
        free(s.e[j].key);
    }
    if (fclose(f) != 0)
        die("write error");
    free(s.e);
    free(s.m);
    ms_list_free(&list);
    marsad_analyzer_free(s.an);
    mx_model_close(&m);
    return nerr ? 1 : 0;
}
