/*
 * bench_ner.c - speed, load time and size of the entity recognizer.
 *
 * Input: gzip JSON Lines news files, read with the ingest reader
 * (ms_collect, ms_read).  Each record gives up to two texts, its title
 * and its body (the "text" field as the reader hands it out, not
 * cleaned), the two fields the store runs the recognizer on.  All of it
 * (or the first --mb N MB, whole records only) is read into memory before
 * anything is timed.
 *
 * Measured, with clock_gettime(CLOCK_MONOTONIC):
 *   load      mx_model_open (find the file, read it, marsad_ner_new on
 *             it) and, apart, marsad_ner_new on the image already in
 *             memory; median of 21 runs each, in ms.  Only the first
 *             run may read the file from disk (its time is shown too);
 *             the others find it in the page cache.  With glibc, large
 *             blocks are always mapped anew (M_MMAP_THRESHOLD fixed), so
 *             every run faults in its memory as a new process does.
 *   size      the model file, in MB (10^6 bytes).
 *   tokens    every token a default marsad_analyzer emits (the
 *             recognizer's own analyzer has the default options too), and
 *             the word tokens among them (arabic, latin, number, percent);
 *             counted in an untimed pass.
 *   tokenize  marsad_analyze with a callback that does nothing, over
 *             every text, marsad_analyzer_reset before each (as
 *             marsad_ner_find does): what finding entities cannot do
 *             without.
 *   entities  marsad_ner_find over every text, counting the mentions.
 * tokenize and entities each run REPS = 3 passes with one handle that
 * starts fresh (a new analyzer; the model's tagger, not used before), so
 * the first pass also fills the word caches and the median is a pass
 * with warm caches, for both alike.  Reported: the median pass in
 * seconds, MB/s (10^6 bytes of UTF-8 input), tokens/s over all tokens and
 * over word tokens.  "beyond tokenization" is (entities - tokenize) /
 * entities.  The process's CPU time is taken too: cpu% (CPU time over
 * wall time of a stage's passes) below 100 means the process waited for
 * the CPU and the wall figures are slower than the code; words per CPU
 * second tells what a free core would give.
 *
 * Floors (the last line; --check makes a failure the exit status):
 *   entity finding >= 200,000 word tokens/s on one core (word tokens, the
 *   smaller count, so punctuation does not help the figure), mx_model_open
 *   <= 200 ms (median), model file <= 50 MB.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "entity/nermodel.h"
#include "ingest/source.h"
#include "marsad.h"
#include "bench_util.h"

#define REPS 3
#define LOAD_RUNS 21
#define FLOOR_TOKPS 200000.0
#define FLOOR_LOAD_MS 200.0
#define FLOOR_SIZE_MB 50.0
/* what the document callback returns to stop reading at the --mb limit */
#define STOP_READING 3
#define NTYPES 8 /* marsad_token_type values, and 0 for any other */

/* The texts in memory: one buffer and the span of each text. */
struct texts {
    char *data;
    size_t ndata, cap;
    size_t *off, *len;
    size_t n, ncap;
    size_t limit;      /* bytes to read at most; 0 for all */
    size_t records;    /* records taken */
    size_t titles;     /* of which with a title */
    size_t files;      /* files read, wholly or in part */
    long problems;     /* warnings and errors the reader reported */
};

/* What the counting pass accumulates. */
struct tally {
    size_t bytype[NTYPES];
};

/* What the mention callback accumulates. */
struct mentions {
    size_t total;
    size_t bytype[5];
};

static void die(const char *what)
{
    fprintf(stderr, "marsad_bench_ner: %s\n", what);
    exit(1);
}

static void usage(FILE *f)
{
    fprintf(f,
"usage: marsad_bench_ner [OPTIONS] FILE.jsonl.gz...\n"
"\n"
"Speed of the entity recognizer over the titles and bodies of JSON Lines\n"
"news files (directories are walked), its model's load time and size,\n"
"against the floors: >= 200,000 word tokens/s, load <= 200 ms, model\n"
"<= 50 MB.\n"
"\n"
"Options:\n"
"  --model FILE  the model (default: $MARSAD_NER_MODEL, else\n"
"                models/ner.model beside the program, else the installed\n"
"                one)\n"
"  --mb N        read at most N MB (10^6 bytes) of text, whole records\n"
"                (default: all)\n"
"  --check       exit status 1 when a floor fails (default: 0)\n"
"  -h, --help    this text\n");
}

/* CPU time of this process, to tell how much of a pass's wall time it
 * actually ran. */
static double cpu_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident set size of this process so far, in kB. */
static long peak_rss_kb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss;
}

/* v with thousands separators, in buf. */
static const char *grouped(char *buf, size_t cap, unsigned long long v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%llu", v);
    size_t o = 0;
    for (int i = 0; i < n && o + 2 < cap; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = tmp[i];
    }
    buf[o] = 0;
    return buf;
}

/* ------------------------------------------------------------ input */

static void texts_add(struct texts *t, const char *s, size_t n)
{
    if (t->ndata + n > t->cap) {
        size_t cap = t->cap ? t->cap : (size_t)1 << 24;
        while (cap < t->ndata + n)
            cap *= 2;
        char *p = realloc(t->data, cap);
        if (!p)
            die("out of memory reading the texts");
        t->data = p;
        t->cap = cap;
    }
    if (t->n == t->ncap) {
        size_t cap = t->ncap ? t->ncap * 2 : 4096;
        size_t *o = realloc(t->off, cap * sizeof *o);
        if (!o)
            die("out of memory reading the texts");
        t->off = o;
        size_t *l = realloc(t->len, cap * sizeof *l);
        if (!l)
            die("out of memory reading the texts");
        t->len = l;
        t->ncap = cap;
    }
    memcpy(t->data + t->ndata, s, n);
    t->off[t->n] = t->ndata;
    t->len[t->n] = n;
    t->ndata += n;
    t->n++;
}

static int on_doc(const ms_doc *d, void *ud)
{
    struct texts *t = ud;
    const char *title = d->meta ? d->meta->title : NULL;
    size_t ntitle = title ? strlen(title) : 0;

    if (t->limit && t->ndata + ntitle + d->len > t->limit)
        return STOP_READING;
    t->records++;
    if (ntitle) {
        texts_add(t, title, ntitle);
        t->titles++;
    }
    if (d->len)
        texts_add(t, d->data, d->len);
    return 0;
}

static void on_problem(int severity, const char *path, long line,
                       const char *msg, void *ud)
{
    struct texts *t = ud;
    const char *tag = severity == MS_WARN ? "warning: " : "";
    t->problems++;
    if (line > 0)
        fprintf(stderr, "marsad_bench_ner: %s:%ld: %s%s\n", path, line, tag,
                msg);
    else
        fprintf(stderr, "marsad_bench_ner: %s: %s%s\n", path, tag, msg);
}

/* Reads the texts of every file of paths into t (up to t->limit bytes). */
static void texts_load(struct texts *t, const char *const *paths,
                       size_t npaths)
{
    ms_list list = {0};
    size_t nerr = 0;

    if (ms_collect(paths, npaths, &list, on_problem, t, &nerr))
        die("out of memory listing the inputs");
    if (nerr)
        die("cannot read the inputs");
    for (size_t i = 0; i < list.n; i++) {
        const ms_file *f = &list.files[i];
        int rc;
        if (f->kind != MS_JSONL) {
            fprintf(stderr, "marsad_bench_ner: %s: not JSON Lines\n",
                    f->path);
            exit(1);
        }
        rc = ms_read(f, on_doc, on_problem, NULL, t);
        t->files++;
        if (rc == STOP_READING)
            break;
        if (rc == -1)
            die("out of memory reading the texts");
        if (rc != 0) {
            fprintf(stderr, "marsad_bench_ner: %s: could not be read\n",
                    f->path);
            exit(1);
        }
    }
    ms_list_free(&list);
}

static void texts_free(struct texts *t)
{
    free(t->data);
    free(t->off);
    free(t->len);
}

/* ------------------------------------------------------------ passes */

static marsad_analyzer *new_analyzer(void)
{
    int err = MARSAD_OK;
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, &err);
    if (!an) {
        fprintf(stderr, "marsad_bench_ner: marsad_analyzer_new: %s\n",
                marsad_strerror(err));
        exit(1);
    }
    return an;
}

static int on_token_count(void *ud, const marsad_token *tok)
{
    struct tally *c = ud;
    c->bytype[tok->type > 0 && tok->type < NTYPES ? tok->type : 0]++;
    return 0;
}

static int on_token_noop(void *ud, const marsad_token *tok)
{
    (void)ud;
    (void)tok;
    return 0;
}

static int on_mention(void *ud, const marsad_entity *e)
{
    struct mentions *m = ud;
    m->total++;
    m->bytype[e->type > 0 && e->type < 5 ? e->type : 0]++;
    return 0;
}

static void analyze_or_die(marsad_analyzer *an, const char *s, size_t n,
                           marsad_token_fn fn, void *ud)
{
    int rc;
    marsad_analyzer_reset(an);
    rc = marsad_analyze(an, s, n, fn, ud);
    if (rc != MARSAD_OK) {
        fprintf(stderr, "marsad_bench_ner: marsad_analyze: %s (%s)\n",
                marsad_strerror(rc), marsad_errmsg(an));
        exit(1);
    }
}

/* One tokenization pass over every text; returns its wall time and
 * adds its CPU time to *cpu. */
static double tokenize_pass(marsad_analyzer *an, const struct texts *t,
                            double *cpu)
{
    double c0 = cpu_sec(), t0 = now_sec(), t1;
    for (size_t i = 0; i < t->n; i++)
        analyze_or_die(an, t->data + t->off[i], t->len[i], on_token_noop,
                       NULL);
    t1 = now_sec();
    *cpu += cpu_sec() - c0;
    return t1 - t0;
}

/* One entity-finding pass over every text; returns its wall time and
 * adds its CPU time to *cpu. */
static double ner_pass(marsad_ner *ner, const struct texts *t,
                       struct mentions *m, double *cpu)
{
    double c0 = cpu_sec(), t0 = now_sec(), t1;
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < t->n; i++) {
        int rc = marsad_ner_find(ner, t->data + t->off[i], t->len[i],
                                 on_mention, m);
        if (rc != MARSAD_OK) {
            fprintf(stderr, "marsad_bench_ner: marsad_ner_find: %s\n",
                    marsad_strerror(rc));
            exit(1);
        }
    }
    t1 = now_sec();
    *cpu += cpu_sec() - c0;
    return t1 - t0;
}

/* ------------------------------------------------------------ report */

/* One timed stage: its passes' median, min and max wall times, and the
 * share of the wall time the process was running. */
struct stage {
    const char *name;
    double med, min, max; /* seconds */
    double cpu;           /* CPU time / wall time over all passes */
    double cpu_pass;      /* mean CPU time of a pass, seconds */
};

static void stage_set(struct stage *s, const char *name, double *t, size_t n,
                      double cpu)
{
    double wall = 0;
    for (size_t i = 0; i < n; i++)
        wall += t[i];
    s->name = name;
    s->cpu = wall > 0 ? cpu / wall : 0;
    s->cpu_pass = cpu / (double)n;
    s->med = median(t, n); /* sorts t */
    s->min = t[0];
    s->max = t[n - 1];
}

static void print_stage(const struct stage *s, size_t bytes, size_t all,
                        size_t words)
{
    printf("%-15s %9.3f %9.3f %9.3f %5.0f %8.1f %11.0f %11.0f\n", s->name,
           s->med, s->min, s->max, 100.0 * s->cpu,
           (double)bytes / 1e6 / s->med, (double)all / s->med,
           (double)words / s->med);
}

int main(int argc, char **argv)
{
    const char *model_path = NULL;
    double mb = 0;
    int check = 0;
    const char **paths = calloc((size_t)argc, sizeof *paths);
    size_t npaths = 0;
    char g1[32], g2[32], g3[32];

    if (!paths)
        die("out of memory");
#if defined(__GLIBC__)
    /* A fixed threshold: every large block (the model image, the
     * analyzer's caches) is mapped anew and freed back to the system,
     * so each load run pays the page faults a new process pays, instead
     * of reusing the pages the previous run freed. */
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (strcmp(a, "--model") == 0 && more) {
            model_path = argv[++i];
        } else if (strcmp(a, "--mb") == 0 && more) {
            char *end;
            mb = strtod(argv[++i], &end);
            if (end == argv[i] || *end || !(mb > 0) || mb > 1e9) {
                fprintf(stderr, "marsad_bench_ner: bad --mb '%s'\n", argv[i]);
                free(paths);
                return 2;
            }
        } else if (strcmp(a, "--check") == 0) {
            check = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            free(paths);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            usage(stderr);
            free(paths);
            return 2;
        } else {
            paths[npaths++] = a;
        }
    }
    if (npaths == 0) {
        usage(stderr);
        free(paths);
        return 2;
    }

    if (model_path) {
        /* a wrong path shows before the texts are read, not after */
        FILE *f = fopen(model_path, "rb");
        if (!f) {
            perror(model_path);
            free(paths);
            return 1;
        }
        fclose(f);
    }

    /* the texts, in memory before anything is timed */
    struct texts tx;
    memset(&tx, 0, sizeof tx);
    tx.limit = (size_t)(mb * 1e6);
    texts_load(&tx, paths, npaths);
    free(paths);
    if (tx.n == 0)
        die("no text in the input");

    /* loading: the whole of mx_model_open, then marsad_ner_new alone */
    double t_open[LOAD_RUNS], t_new[LOAD_RUNS], first_open;
    char err[1024];
    mx_model m;
    for (int i = 0; i < LOAD_RUNS; i++) {
        double t0 = now_sec();
        int rc = mx_model_open(&m, model_path, err, sizeof err);
        t_open[i] = now_sec() - t0;
        if (rc)
            die(err);
        if (i + 1 < LOAD_RUNS)
            mx_model_close(&m);
    }
    first_open = t_open[0];
    for (int i = 0; i < LOAD_RUNS; i++) {
        int e = MARSAD_OK;
        double t0 = now_sec();
        marsad_ner *ner = marsad_ner_new(m.data, m.len, NULL, &e);
        t_new[i] = now_sec() - t0;
        if (!ner) {
            fprintf(stderr, "marsad_bench_ner: marsad_ner_new: %s\n",
                    marsad_strerror(e));
            exit(1);
        }
        marsad_ner_free(ner);
    }
    double open_ms = median(t_open, LOAD_RUNS) * 1e3;
    double new_ms = median(t_new, LOAD_RUNS) * 1e3;
    double size_mb = (double)m.len / 1e6;

    /* the token counts, untimed */
    struct tally tl;
    memset(&tl, 0, sizeof tl);
    marsad_analyzer *an = new_analyzer();
    for (size_t i = 0; i < tx.n; i++)
        analyze_or_die(an, tx.data + tx.off[i], tx.len[i], on_token_count,
                       &tl);
    marsad_analyzer_free(an);
    size_t all = 0;
    for (int k = 0; k < NTYPES; k++)
        all += tl.bytype[k];
    size_t words = tl.bytype[MARSAD_TOKEN_ARABIC] +
                   tl.bytype[MARSAD_TOKEN_LATIN] +
                   tl.bytype[MARSAD_TOKEN_NUMBER] +
                   tl.bytype[MARSAD_TOKEN_PERCENT];

    /* tokenization alone, then entity finding */
    double t_tok[REPS], t_ner[REPS], cpu_tok = 0, cpu_ner = 0;
    an = new_analyzer();
    for (int r = 0; r < REPS; r++)
        t_tok[r] = tokenize_pass(an, &tx, &cpu_tok);
    marsad_analyzer_free(an);
    struct mentions mn, first_mn;
    for (int r = 0; r < REPS; r++) {
        t_ner[r] = ner_pass(m.ner, &tx, &mn, &cpu_ner);
        if (r == 0)
            first_mn = mn;
        else if (mn.total != first_mn.total)
            die("the passes found different numbers of mentions");
    }
    struct stage st_tok, st_ner;
    stage_set(&st_tok, "tokenize only", t_tok, REPS, cpu_tok);
    stage_set(&st_ner, "entity finding", t_ner, REPS, cpu_ner);
    double ner_wps = (double)words / st_ner.med;
    double beyond = (st_ner.med - st_tok.med) / st_ner.med;

    /* the table */
    printf("model: %s, %.2f MB (%s bytes)\n", m.path, size_mb,
           grouped(g1, sizeof g1, m.len));
    printf("text: %zu file%s, %s records (%s with a title)", tx.files,
           tx.files == 1 ? "" : "s", grouped(g1, sizeof g1, tx.records),
           grouped(g2, sizeof g2, tx.titles));
    printf(", %s texts, %.1f MB%s\n", grouped(g1, sizeof g1, tx.n),
           (double)tx.ndata / 1e6, tx.limit ? " (--mb limit)" : "");
    printf("tokens: %s in all, %s words (arabic %s",
           grouped(g1, sizeof g1, all), grouped(g2, sizeof g2, words),
           grouped(g3, sizeof g3, tl.bytype[MARSAD_TOKEN_ARABIC]));
    printf(", latin %s",
           grouped(g1, sizeof g1, tl.bytype[MARSAD_TOKEN_LATIN]));
    printf(", number %s",
           grouped(g1, sizeof g1, tl.bytype[MARSAD_TOKEN_NUMBER] +
                                      tl.bytype[MARSAD_TOKEN_PERCENT]));
    printf("), punctuation and symbols %s\n",
           grouped(g1, sizeof g1, all - words));
    if (tx.problems)
        printf("reader: %ld warnings or errors (on stderr)\n", tx.problems);
    printf("\n");
    printf("load (median of %d)   mx_model_open %.2f ms (first run %.2f), "
           "marsad_ner_new %.2f ms\n",
           LOAD_RUNS, open_ms, first_open * 1e3, new_ms);
    printf("\n");
    char label[32];
    snprintf(label, sizeof label, "passes: %d", REPS);
    printf("%-15s %9s %9s %9s %5s %8s %11s %11s\n", label, "median s",
           "min s", "max s", "cpu%", "MB/s", "tokens/s", "words/s");
    print_stage(&st_tok, tx.ndata, all, words);
    print_stage(&st_ner, tx.ndata, all, words);
    printf("\n");
    printf("mentions: %s (PER %s", grouped(g1, sizeof g1, mn.total),
           grouped(g2, sizeof g2, mn.bytype[MARSAD_ENTITY_PER]));
    printf(", LOC %s, ORG %s",
           grouped(g1, sizeof g1, mn.bytype[MARSAD_ENTITY_LOC]),
           grouped(g2, sizeof g2, mn.bytype[MARSAD_ENTITY_ORG]));
    printf(", MISC %s), %.1f per 1,000 words\n",
           grouped(g1, sizeof g1, mn.bytype[MARSAD_ENTITY_MISC]),
           words ? 1000.0 * (double)mn.total / (double)words : 0.0);
    printf("entity finding beyond tokenization: %.1f %% of its time\n",
           100.0 * beyond);
    printf("per CPU second (mean CPU time of a pass, for a busy machine): "
           "tokenize only %.0f words/s, entity finding %.0f words/s\n",
           st_tok.cpu_pass > 0 ? (double)words / st_tok.cpu_pass : 0.0,
           st_ner.cpu_pass > 0 ? (double)words / st_ner.cpu_pass : 0.0);
    printf("peak RSS: %.1f MB\n", (double)peak_rss_kb() * 1024 / 1e6);
    printf("\n");

    int ok_speed = ner_wps >= FLOOR_TOKPS;
    int ok_load = open_ms <= FLOOR_LOAD_MS;
    int ok_size = size_mb <= FLOOR_SIZE_MB;
    printf("floor 200000 tokens/s: %s (%.0f words/s), "
           "load \xe2\x89\xa4 200 ms: %s (%.2f ms), "
           "size \xe2\x89\xa4 50 MB: %s (%.2f MB)\n",
           ok_speed ? "PASS" : "FAIL", ner_wps, ok_load ? "PASS" : "FAIL",
           open_ms, ok_size ? "PASS" : "FAIL", size_mb);

    mx_model_close(&m);
    texts_free(&tx);
    return check && !(ok_speed && ok_load && ok_size) ? 1 : 0;
}
