/*
 * bench_analyze.c - analysis throughput of libmarsad on a corpus file.
 *
 * The corpus holds one document per line (the anchor harness's docs.txt:
 * article text with control characters turned into spaces).  The method
 * follows the anchor programs so the figures compare directly: documents
 * are held in memory, each stage runs one untimed warm-up pass and then N
 * timed passes, and the median pass gives MB/s (10^6 bytes of UTF-8 input,
 * newlines excluded) and tokens/s.  One analyzer handle serves a whole
 * stage, with marsad_analyzer_reset between documents, as an indexer
 * would use it.  Empty lines are not documents, as in the anchors.
 *
 * Stages:
 *   tokenize  normalize + tokenize (analyses = 0)
 *   segment   + clitic segmentation (MARSAD_ANALYZE_SEGMENT)
 *   full      + light stems (MARSAD_ANALYZE_ALL)
 *
 * --stream reads the file in fixed-size pieces instead, so the process
 * holds only one piece whatever the input size; run under GNU time
 * (/usr/bin/time -f %M) it shows that analysis memory does not grow with
 * the input.
 *
 * Output: one key=value line per stage on stdout (the anchors' format:
 * engine= ... bytes= tokens= analyze_s= MBps= tokps=), and a human summary
 * on stderr.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "marsad.h"

#define MAX_PASSES 101
#define DEFAULT_CHUNK (64u * 1024u)
#define MIN_CHUNK 4096u

enum stage_id { STAGE_TOKENIZE, STAGE_SEGMENT, STAGE_FULL, NSTAGES };

static const char *const stage_names[NSTAGES] = {"tokenize", "segment",
                                                 "full"};
static const unsigned stage_analyses[NSTAGES] = {
    0u, MARSAD_ANALYZE_SEGMENT, MARSAD_ANALYZE_ALL};

/* What the token callback accumulates. */
struct counter {
    size_t ntok;             /* tokens delivered */
    unsigned long long sum;  /* folds a byte of each result so the work
                                cannot be optimized away */
};

/* The corpus in memory: one buffer and the span of each document. */
struct corpus {
    char *data;    /* the whole file */
    size_t ndata;  /* its length */
    size_t ndocs;  /* non-empty lines */
    size_t *off;   /* start of each document in data */
    size_t *len;   /* length of each document, newline excluded */
    size_t bytes;  /* sum of len[] */
};

static void die(const char *what)
{
    fprintf(stderr, "marsad_bench: %s\n", what);
    exit(1);
}

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of v[0..n), n >= 1; sorts v in place. */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    if (n % 2)
        return v[n / 2];
    return 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Peak resident set size of this process so far, in kB (Linux reports
 * ru_maxrss in kB). */
static long peak_rss_kb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss;
}

/* The token callback: counts, and touches the outputs the stage asked
 * for, so a stage cannot get cheaper by the compiler dropping them. */
static int on_token(void *ud, const marsad_token *t)
{
    struct counter *c = ud;
    c->ntok++;
    c->sum += t->nnorm + t->nstem + t->nseg;
    if (t->nnorm)
        c->sum += (unsigned char)t->norm[0];
    return 0;
}

/*
 * Reads the file at path into a corpus: the whole file in one buffer and
 * the span of every non-empty line.  Exits with a message on any failure,
 * since a benchmark has nothing sensible to do without its input.
 */
static void corpus_load(struct corpus *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1u << 20;
    size_t dcap = 1024;
    size_t i = 0;

    if (!f) {
        fprintf(stderr, "marsad_bench: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    memset(c, 0, sizeof *c);
    c->data = malloc(cap);
    if (!c->data)
        die("out of memory");
    for (;;) {
        size_t r;
        if (cap - c->ndata < (1u << 16)) {
            char *p = realloc(c->data, cap * 2);
            if (!p)
                die("out of memory");
            c->data = p;
            cap *= 2;
        }
        r = fread(c->data + c->ndata, 1, cap - c->ndata, f);
        if (r == 0)
            break;
        c->ndata += r;
    }
    if (ferror(f))
        die("read error");
    fclose(f);

    c->off = malloc(dcap * sizeof *c->off);
    c->len = malloc(dcap * sizeof *c->len);
    if (!c->off || !c->len)
        die("out of memory");
    while (i < c->ndata) {
        const char *nl = memchr(c->data + i, '\n', c->ndata - i);
        size_t e = nl ? (size_t)(nl - c->data) : c->ndata;
        if (e > i) {
            if (c->ndocs == dcap) {
                size_t *o = realloc(c->off, 2 * dcap * sizeof *o);
                size_t *l;
                if (!o)
                    die("out of memory");
                c->off = o;
                l = realloc(c->len, 2 * dcap * sizeof *l);
                if (!l)
                    die("out of memory");
                c->len = l;
                dcap *= 2;
            }
            c->off[c->ndocs] = i;
            c->len[c->ndocs] = e - i;
            c->bytes += e - i;
            c->ndocs++;
        }
        i = e + 1;
    }
}

static void corpus_free(struct corpus *c)
{
    free(c->data);
    free(c->off);
    free(c->len);
}

/* A new analyzer for a stage, or exit with the library's reason. */
static marsad_analyzer *new_analyzer(unsigned folds, unsigned analyses)
{
    marsad_options opt;
    marsad_analyzer *an;
    int err = MARSAD_OK;

    marsad_options_init(&opt);
    opt.folds = folds;
    opt.analyses = analyses;
    an = marsad_analyzer_new(&opt, NULL, &err);
    if (!an) {
        fprintf(stderr, "marsad_bench: marsad_analyzer_new: %s\n",
                marsad_strerror(err));
        exit(1);
    }
    return an;
}

/* Feeds s[0..n) to the analyzer; any error ends the run, since a figure
 * measured over a failed analysis would mean nothing. */
static void analyze_or_die(marsad_analyzer *an, const char *s, size_t n,
                           struct counter *c)
{
    int rc = marsad_analyze(an, s, n, on_token, c);
    if (rc != MARSAD_OK) {
        fprintf(stderr, "marsad_bench: marsad_analyze: %s (%s)\n",
                marsad_strerror(rc), marsad_errmsg(an));
        exit(1);
    }
}

/* One pass over every document; returns its wall time in seconds. */
static double run_pass(marsad_analyzer *an, const struct corpus *cp,
                       struct counter *c)
{
    double t0 = now_sec();
    size_t i;
    for (i = 0; i < cp->ndocs; i++) {
        marsad_analyzer_reset(an);
        analyze_or_die(an, cp->data + cp->off[i], cp->len[i], c);
    }
    return now_sec() - t0;
}

/* Prints the result lines of one stage: key=value on stdout, a summary
 * line on stderr. */
static void report(const char *engine, const char *stage, const char *mode,
                   size_t ndocs, size_t bytes, size_t ntok, int passes,
                   double secs, unsigned long long sum)
{
    double mbps = secs > 0 ? (double)bytes / 1e6 / secs : 0.0;
    double tokps = secs > 0 ? (double)ntok / secs : 0.0;

    printf("engine=%s stage=%s mode=%s docs=%zu bytes=%zu tokens=%zu "
           "passes=%d analyze_s=%.4f MBps=%.2f tokps=%.0f maxrss_kb=%ld "
           "checksum=%llu\n",
           engine, stage, mode, ndocs, bytes, ntok, passes, secs, mbps,
           tokps, peak_rss_kb(), sum);
    fflush(stdout);
    fprintf(stderr,
            "%-9s %-6s %8.1f MB/s %7.2f M tokens/s  (%zu tokens, "
            "%.3f s, median of %d)\n",
            stage, mode, mbps, tokps / 1e6, ntok, secs, passes);
}

/* The in-memory benchmark of one stage. */
static void bench_stage(const struct corpus *cp, enum stage_id st,
                        unsigned folds, int passes, int cold)
{
    marsad_analyzer *an = new_analyzer(folds, stage_analyses[st]);
    struct counter c = {0, 0};
    double t[MAX_PASSES];
    size_t ntok = 0;
    char engine[32];
    int p;

    /* the warm-up pass fills the word cache and faults in the corpus */
    run_pass(an, cp, &c);
    for (p = 0; p < passes; p++) {
        /* per-pass counts, so the checksum matches a --stream run */
        c.ntok = 0;
        c.sum = 0;
        if (cold) {
            /* a new handle: its caches start empty, as when a corpus
             * is analyzed for the first time */
            marsad_analyzer_free(an);
            an = new_analyzer(folds, stage_analyses[st]);
        }
        t[p] = run_pass(an, cp, &c);
        ntok = c.ntok;
    }
    snprintf(engine, sizeof engine, "marsad-%s%s", stage_names[st],
             cold ? "-cold" : "");
    report(engine, stage_names[st], cold ? "memory-cold" : "memory",
           cp->ndocs, cp->bytes, ntok, passes, median(t, passes), c.sum);
    marsad_analyzer_free(an);
}

/*
 * Where to cut a piece of one over-long line held in buf[0..n): after the
 * last space or tab when there is one (the API asks for pieces that end
 * after whitespace, or a word across the cut counts as two), else at the
 * last UTF-8 character boundary, so no character is split.
 */
static size_t piece_cut(const char *buf, size_t n)
{
    size_t k = n;
    while (k > 0 && buf[k - 1] != ' ' && buf[k - 1] != '\t')
        k--;
    if (k > 0)
        return k;
    k = n;
    while (k > 1 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
        k--;
    /* buf[k - 1] now starts a character that may be cut: leave it out */
    return k > 1 ? k - 1 : n;
}

/*
 * The streaming benchmark: one pass over the file, read `chunk` bytes at a
 * time into one buffer.  Every complete line is a document; a line longer
 * than the buffer is fed in pieces without a reset, as a caller with
 * bounded memory would.  The time includes reading the file, which the
 * page cache makes small next to analysis.
 */
static void bench_stream(const char *path, enum stage_id st, unsigned folds,
                         size_t chunk)
{
    marsad_analyzer *an = new_analyzer(folds, stage_analyses[st]);
    struct counter c = {0, 0};
    FILE *f = fopen(path, "rb");
    char *buf = malloc(chunk);
    size_t have = 0;
    size_t ndocs = 0, bytes = 0, linelen = 0;
    int eof = 0;
    char engine[40];
    double t0;

    if (!f) {
        fprintf(stderr, "marsad_bench: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    if (!buf)
        die("out of memory");
    t0 = now_sec();
    while (!eof || have > 0) {
        size_t pos = 0;
        if (!eof && have < chunk) {
            size_t r = fread(buf + have, 1, chunk - have, f);
            if (r == 0) {
                if (ferror(f))
                    die("read error");
                eof = 1;
            }
            have += r;
        }
        for (;;) {
            const char *nl = memchr(buf + pos, '\n', have - pos);
            size_t e;
            if (!nl)
                break;
            e = (size_t)(nl - buf);
            if (e > pos)
                analyze_or_die(an, buf + pos, e - pos, &c);
            linelen += e - pos;
            if (linelen > 0) {
                ndocs++;
                bytes += linelen;
            }
            linelen = 0;
            marsad_analyzer_reset(an);
            pos = e + 1;
        }
        if (pos == 0 && (have == chunk || (eof && have > 0))) {
            /* no newline in a full buffer, or the last line without one */
            size_t cut = eof ? have : piece_cut(buf, have);
            analyze_or_die(an, buf, cut, &c);
            linelen += cut;
            pos = cut;
            if (eof && pos == have && linelen > 0) {
                ndocs++;
                bytes += linelen;
                linelen = 0;
            }
        }
        memmove(buf, buf + pos, have - pos);
        have -= pos;
    }
    fclose(f);
    snprintf(engine, sizeof engine, "marsad-%s-stream", stage_names[st]);
    report(engine, stage_names[st], "stream", ndocs, bytes, c.ntok, 1,
           now_sec() - t0, c.sum);
    free(buf);
    marsad_analyzer_free(an);
}

static void usage(FILE *f)
{
    fprintf(f,
"usage: marsad_bench [OPTIONS] DOCS_FILE\n"
"\n"
"Analysis throughput of libmarsad over DOCS_FILE, one document per line.\n"
"Each stage: one warm-up pass, then N timed passes; the median pass is\n"
"reported as key=value pairs on stdout, and summarized on stderr.\n"
"\n"
"  --passes N     timed passes per stage (default 3, at most 101)\n"
"  --stages LIST  comma list of tokenize, segment, full\n"
"                 (default tokenize,full)\n"
"  --folds SPEC   folds for token.norm (default search; see marsad.h)\n"
"  --stream       one pass reading the file in pieces with bounded\n"
"                 memory, for the last stage of --stages (default full)\n"
"  --chunk BYTES  piece size for --stream (default 65536, >= 4096)\n"
"  --cold         a new analyzer for every timed pass, so no pass reuses\n"
"                 the word caches an earlier pass over the same text\n"
"                 filled\n"
"  -h, --help     this text\n");
}

/* Parses a positive decimal integer no larger than max; returns 0 on any
 * malformed value, which callers treat as a usage error. */
static unsigned long parse_count(const char *s, unsigned long max)
{
    char *end = NULL;
    unsigned long v;
    if (!s || *s < '0' || *s > '9')
        return 0;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || *end != '\0' || v > max)
        return 0;
    return v;
}

/* Parses a comma list of stage names into a bit set; 0 on an error. */
static unsigned parse_stages(const char *spec, enum stage_id *last)
{
    unsigned set = 0;
    const char *p = spec;
    while (*p) {
        size_t n = strcspn(p, ",");
        int i, found = 0;
        for (i = 0; i < NSTAGES; i++) {
            if (strlen(stage_names[i]) == n &&
                memcmp(stage_names[i], p, n) == 0) {
                set |= 1u << i;
                *last = (enum stage_id)i;
                found = 1;
            }
        }
        if (!found)
            return 0;
        p += n;
        if (*p == ',')
            p++;
    }
    return set;
}

int main(int argc, char **argv)
{
    unsigned long passes = 3, chunk = DEFAULT_CHUNK;
    unsigned stages = (1u << STAGE_TOKENIZE) | (1u << STAGE_FULL);
    enum stage_id last = STAGE_FULL;
    unsigned folds = MARSAD_PROFILE_SEARCH;
    const char *path = NULL;
    int stream = 0;
    int cold = 0;
    int i;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--passes") == 0) {
            passes = parse_count(v, MAX_PASSES);
            if (!passes)
                goto bad;
            i++;
        } else if (strcmp(a, "--stages") == 0) {
            stages = v ? parse_stages(v, &last) : 0;
            if (!stages)
                goto bad;
            i++;
        } else if (strcmp(a, "--folds") == 0) {
            if (!v || marsad_fold_parse(v, &folds) != MARSAD_OK)
                goto bad;
            i++;
        } else if (strcmp(a, "--cold") == 0) {
            cold = 1;
        } else if (strcmp(a, "--stream") == 0) {
            stream = 1;
        } else if (strcmp(a, "--chunk") == 0) {
            chunk = parse_count(v, 1ul << 30);
            if (chunk < MIN_CHUNK)
                goto bad;
            i++;
        } else if (a[0] == '-' && a[1] != '\0') {
            goto bad;
        } else if (!path) {
            path = a;
        } else {
            goto bad;
        }
    }
    if (!path)
        goto bad;

    if (stream) {
        bench_stream(path, last, folds, chunk);
    } else {
        struct corpus cp;
        int s;
        corpus_load(&cp, path);
        if (cp.ndocs == 0)
            die("no documents in the input");
        for (s = 0; s < NSTAGES; s++) {
            if (stages & (1u << s))
                bench_stage(&cp, (enum stage_id)s, folds, (int)passes, cold);
        }
        corpus_free(&cp);
    }
    return 0;
bad:
    usage(stderr);
    return 2;
}
