/*
 * cmd_ner.c - marsad ner: entity recognition on CoNLL token files or on
 * running text.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "entity/nermodel.h"

/* Progress on a terminal: "marsad ner: NAME: P %" on standard error, at
 * most four times a second. */
struct progress {
    int on;
    const char *name;
    double last;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void progress_at(struct progress *p, uint64_t done, uint64_t total)
{
    double t;
    if (!p->on || total == 0)
        return;
    t = now_s();
    if (t - p->last < 0.25)
        return;
    p->last = t;
    fprintf(stderr, "\r\033[Kmarsad ner: %s: %3d %%", p->name,
            (int)(done * 100 / total));
}

static void progress_end(struct progress *p)
{
    if (p->on && p->last > 0)
        fputs("\r\033[K", stderr);
}

static void usage_ner(FILE *f)
{
    fputs(
"usage: marsad ner [--conll] [--json] [--model FILE] [FILE...]\n"
"\n"
"Finds persons, places, organizations and other names (PER, LOC, ORG,\n"
"MISC) in FILEs, or standard input.\n"
"\n"
"  --conll       the input is one token per line, optionally followed by a\n"
"                space and a tag (ignored), with a blank line between\n"
"                sentences (the ANERcorp format); prints each token, a TAB\n"
"                and its predicted BIO tag, keeping the blank lines\n"
"  --json        (running text) JSON Lines: file, start, end, type,\n"
"                text\n"
"  --model FILE  the model (default: $MARSAD_NER_MODEL, else\n"
"                models/ner.model beside the program, else the installed\n"
"                one)\n"
"\n"
"Running text gives one line per mention: start and end byte offsets,\n"
"type, and the mention.  When standard error is a terminal, it shows how\n"
"far each file has got.  Exit status: 0, 1 when a file could not be\n"
"read, 2 on a usage error or an unusable model.\n", f);
}

/* One sentence of CoNLL tokens. */
struct sent {
    char **w;
    size_t *len;
    int *tags;
    size_t n, cap;
};

static int sent_push(struct sent *s, const char *tok, size_t n)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        char **w = realloc(s->w, cap * sizeof *w);
        size_t *len;
        int *tags;
        if (!w)
            return -1;
        s->w = w;
        len = realloc(s->len, cap * sizeof *len);
        if (!len)
            return -1;
        s->len = len;
        tags = realloc(s->tags, cap * sizeof *tags);
        if (!tags)
            return -1;
        s->tags = tags;
        s->cap = cap;
    }
    s->w[s->n] = malloc(n + 1);
    if (!s->w[s->n])
        return -1;
    memcpy(s->w[s->n], tok, n);
    s->w[s->n][n] = 0;
    s->len[s->n] = n;
    s->n++;
    return 0;
}

static int sent_flush(struct sent *s, marsad_ner *ner, FILE *out)
{
    int rc = 0;
    if (s->n == 0)
        return 0;
    if (marsad_ner_tag(ner, (const char *const *)s->w, s->len, s->n,
                       s->tags) != MARSAD_OK)
        rc = -1;
    for (size_t i = 0; i < s->n; i++) {
        if (rc == 0)
            fprintf(out, "%s\t%s\n", s->w[i], marsad_ner_tag_name(s->tags[i]));
        free(s->w[i]);
    }
    s->n = 0;
    return rc;
}

static int ner_conll(FILE *in, const char *name, marsad_ner *ner, FILE *out,
                     int progress)
{
    struct sent s = {0};
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    int rc = 0;
    uint64_t total = 0, done = 0;
    struct progress pr = {progress, name, 0};
    struct stat st;

    if (progress && fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
        total = (uint64_t)st.st_size;

    marsad_ner_reset(ner);
    while (rc == 0 && (got = getline(&line, &cap, in)) >= 0) {
        size_t n = (size_t)got, k = 0;
        lineno++;
        done += n;
        if ((lineno & 1023) == 0)
            progress_at(&pr, done, total);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        while (k < n && line[k] != ' ' && line[k] != '\t')
            k++;
        if (k == 0) {
            /* A blank line (or one starting with blanks) ends a sentence. */
            size_t j = 0;
            while (j < n && (line[j] == ' ' || line[j] == '\t'))
                j++;
            if (j < n) {
                fprintf(stderr, "marsad ner: %s:%zu: a line starts with "
                        "a blank; expected 'token [TAG]'\n", name, lineno);
                rc = 1;
                break;
            }
            if (sent_flush(&s, ner, out))
                rc = -1;
            else
                fputc('\n', out);
            continue;
        }
        if (sent_push(&s, line, k))
            rc = -1;
    }
    if (rc == 0 && sent_flush(&s, ner, out))
        rc = -1;
    progress_end(&pr);
    for (size_t i = 0; i < s.n; i++)
        free(s.w[i]);
    free(s.w);
    free(s.len);
    free(s.tags);
    free(line);
    if (rc < 0)
        fprintf(stderr, "marsad ner: %s: out of memory\n", name);
    return rc ? 1 : 0;
}

struct text_out {
    const char *name;
    const char *text;
    size_t len;
    FILE *out;
    int json;
    unsigned count;
    struct progress pr;
};

static int on_entity(void *ud, const marsad_entity *e)
{
    struct text_out *t = ud;
    if ((++t->count & 255) == 0)
        progress_at(&t->pr, e->end, t->len);
    if (t->json) {
        json_t *o = json_pack("{s:s, s:I, s:I, s:s, s:s%}", "file", t->name,
                              "start", (json_int_t)e->start, "end",
                              (json_int_t)e->end, "type",
                              marsad_entity_type_name(e->type), "text",
                              t->text + e->start, e->end - e->start);
        char *s = o ? json_dumps(o, JSON_COMPACT)
                    : NULL;
        if (s)
            fprintf(t->out, "%s\n", s);
        free(s);
        json_decref(o);
    } else {
        fprintf(t->out, "%zu\t%zu\t%s\t%.*s\n", e->start, e->end,
                marsad_entity_type_name(e->type), (int)(e->end - e->start),
                t->text + e->start);
    }
    return 0;
}

char *cli_read_all(FILE *f, size_t *len)
{
    size_t n = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (n < cap) {
            if (ferror(f)) {
                free(buf);
                return NULL;
            }
            break;
        }
        cap *= 2;
        {
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
        }
    }
    *len = n;
    return buf;
}

static int ner_text(FILE *in, const char *name, marsad_ner *ner, int json,
                    int many, FILE *out, int progress)
{
    size_t len;
    char *text = cli_read_all(in, &len);
    struct text_out t;
    int rc;

    if (!text) {
        fprintf(stderr, "marsad ner: %s: read error or out of memory\n",
                name);
        return 1;
    }
    if (many && !json)
        fprintf(out, "# file: %s\n", name);
    t.name = name;
    t.text = text;
    t.len = len;
    t.out = out;
    t.json = json;
    t.count = 0;
    t.pr.on = progress;
    t.pr.name = name;
    t.pr.last = 0;
    rc = marsad_ner_find(ner, text, len, on_entity, &t);
    progress_end(&t.pr);
    free(text);
    if (rc != MARSAD_OK) {
        fprintf(stderr, "marsad ner: %s: %s\n", name, marsad_strerror(rc));
        return 1;
    }
    return 0;
}

int cmd_ner(int argc, char **argv)
{
    const char *model = NULL;
    int conll = 0, json = 0, i, status = 0;
    int progress = isatty(STDERR_FILENO);
    mx_model m;
    char err[512];

    for (i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--conll")) {
            conll = 1;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "--model") && i + 1 < argc) {
            model = argv[++i];
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage_ner(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "marsad ner: unknown option %s\n", argv[i]);
            usage_ner(stderr);
            return 2;
        } else {
            break;
        }
    }
    if (mx_model_open(&m, model, err, sizeof err)) {
        fprintf(stderr, "marsad ner: %s\n", err);
        return 2;
    }
    if (i == argc) {
        status = conll ? ner_conll(stdin, "<stdin>", m.ner, stdout, progress)
                       : ner_text(stdin, "<stdin>", m.ner, json, 0, stdout,
                                  progress);
    }
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        int r;
        if (!f) {
            perror(argv[i]);
            status = 1;
            continue;
        }
        r = conll ? ner_conll(f, argv[i], m.ner, stdout, progress)
                  : ner_text(f, argv[i], m.ner, json, argc - i > 1 || status,
                             stdout, progress);
        fclose(f);
        if (r)
            status = 1;
    }
    mx_model_close(&m);
    return status;
}

void cli_usage_ner(FILE *f)
{
    usage_ner(f);
}
