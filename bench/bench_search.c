/*
 * bench_search.c - query latency of a marsad database, measured the way
 * the anchor programs measure theirs.
 *
 * The query file holds one query a line, its terms separated by spaces
 * (the anchor harness's queries_vocab.txt / queries_freq.txt).  Each line
 * becomes "a b c" (op and) or "a OR b OR c" (op or) and is answered as
 * `marsad search` answers it, printing aside: md_search for the best k,
 * then for every hit its title, source, date, url and text are read from
 * the articles table and a snippet of about 32 words is made
 * (msn_terms_new / msn_make), with the statement prepared anew for each
 * query as the command does.  Opening the database and creating the
 * analyzer happen once per process, as in the anchors, which keep their
 * index open too.
 *
 * Method: --warm untimed passes over all queries, then --timed timed
 * passes (clock_gettime(CLOCK_MONOTONIC) around each query); a query's
 * latency is its median over the timed passes; p50/p95/p99 are
 * nearest-rank over the queries.
 *
 * Output: one key=value line on stdout (engine=marsad set= op= queries=
 * ... p50_ms= p95_ms= p99_ms= mean_ms= hit_queries= ...); with --lat FILE
 * also one line per query, "index<TAB>microseconds<TAB>hits", the
 * anchors' latency file format.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "marsad.h"
#include "bench_util.h"
#include "store/query.h"
#include "store/search.h"
#include "store/snippet.h"
#include "store/store.h"

#define MAX_PASSES 101
#define MAX_K 1000

struct options {
    const char *db;
    const char *queries;
    const char *op;   /* "and" or "or" */
    const char *set;  /* label for the output line */
    const char *lat;  /* per-query latency file, or NULL */
    int warm, timed;
    long k;           /* results per query */
    long words;       /* snippet length in words */
    int rank_only;    /* md_search alone: no fetching, no snippets */
};

/* What one query produced, for the checksum and the hit counts. */
struct result {
    size_t nhits;          /* articles returned */
    unsigned long long sum; /* ids and snippet bytes */
    int failed;            /* md_search rejected the query */
};

static void die(const char *what)
{
    fprintf(stderr, "marsad_bench_search: %s\n", what);
    exit(1);
}

static void usage(FILE *f)
{
    fprintf(f,
"usage: marsad_bench_search [OPTIONS] DB QUERIES and|or\n"
"\n"
"Answers every query of QUERIES (one a line, terms separated by spaces)\n"
"against the marsad database DB as `marsad search` does (top k, then\n"
"title, source, date, url, text and a snippet for each hit), and prints\n"
"the latency percentiles.\n"
"\n"
"Options:\n"
"  --warm N     untimed passes over all queries first (default 3)\n"
"  --timed N    timed passes; a query's latency is its median (default 5)\n"
"  --limit K    results per query (default 10)\n"
"  --words N    snippet length in words (default 32)\n"
"  --set NAME   label printed as set= (default: the file name)\n"
"  --lat FILE   write index, microseconds, hits per query to FILE\n"
"  --rank-only  time md_search alone (no fetching, no snippets), to see\n"
"               what ranking costs apart from the rest\n");
}

/* Nearest rank: the ceil(p * n)-th smallest of the sorted v[0..n). */
static double rank_pct(const double *sorted, size_t n, double p)
{
    size_t i = (size_t)(p * (double)n + 0.999999);
    if (i < 1)
        i = 1;
    if (i > n)
        i = n;
    return sorted[i - 1];
}

static long parse_count(const char *s, long lo, long hi, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi) {
        fprintf(stderr, "marsad_bench_search: bad %s '%s'\n", what, s);
        exit(2);
    }
    return v;
}

/* "a b c" -> "a b c" (and) or "a OR b OR c" (or): the terms of a line,
 * spaces collapsed.  NULL for a line without terms. */
static char *make_query(const char *line, int use_or)
{
    size_t n = strlen(line);
    char *q = malloc(n * 4 + 1);
    if (!q)
        die("out of memory");
    size_t o = 0;
    const char *p = line;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (o) {
            const char *sep = use_or ? " OR " : " ";
            memcpy(q + o, sep, strlen(sep));
            o += strlen(sep);
        }
        while (*p && *p != ' ')
            q[o++] = *p++;
    }
    q[o] = 0;
    if (!o) {
        free(q);
        return NULL;
    }
    return q;
}

/* The queries of a file, one a line; empty lines are skipped. */
static char **load_queries(const char *path, int use_or, size_t *count)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    char **qs = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        char *q = make_query(line, use_or);
        if (!q)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 512;
            char **g = realloc(qs, cap * sizeof *g);
            if (!g)
                die("out of memory");
            qs = g;
        }
        qs[n++] = q;
    }
    free(line);
    fclose(f);
    *count = n;
    return qs;
}

/* Column text of a row, or "" */
static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

/*
 * One query, as `marsad search` runs it: rank, then fetch and make a
 * snippet for every hit.  Returns 0, or -1 on a database or memory error
 * (a query the parser rejects is not an error: r->failed is set).
 */
static int run_query(md_db *db, marsad_analyzer *an, const char *q,
                     const struct options *o, mr_hit *hits,
                     struct result *r)
{
    md_filter filt = {NULL, NULL, NULL, 0};
    mq_query mq;
    char err[1024];
    size_t nhits = 0;
    memset(&mq, 0, sizeof mq);
    memset(r, 0, sizeof *r);
    int rc = md_search(db, an, q, &filt, (size_t)o->k, hits, &nhits, &mq,
                       err, sizeof err);
    if (rc == MD_SEARCH_QUERY) {
        mq_free(&mq);
        r->failed = 1;
        return 0;
    }
    if (rc != MD_SEARCH_OK) {
        fprintf(stderr, "marsad_bench_search: %s: %s\n", q, err);
        mq_free(&mq);
        return -1;
    }
    if (o->rank_only) {
        for (size_t h = 0; h < nhits; h++)
            r->sum += (unsigned long long)hits[h].id;
        r->nhits = nhits;
        mq_free(&mq);
        return 0;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(md_sqlite(db),
                           "SELECT title, source, date, url, text FROM "
                           "articles WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "marsad_bench_search: %s\n", md_errmsg(db));
        mq_free(&mq);
        return -1;
    }
    msn_terms *terms =
        msn_terms_new(an, (const char *const *)mq.words, mq.nwords);
    int status = terms ? 0 : -1;
    for (size_t h = 0; h < nhits && terms; h++) {
        sqlite3_bind_int64(st, 1, hits[h].id);
        if (sqlite3_step(st) != SQLITE_ROW) {
            sqlite3_reset(st);
            continue;
        }
        const char *text = col(st, 4);
        size_t tlen = (size_t)sqlite3_column_bytes(st, 4);
        msn_snippet sn;
        if (msn_make(an, terms, text, tlen, (size_t)o->words, &sn)) {
            sqlite3_reset(st);
            status = -1;
            break;
        }
        /* what the command prints, folded into the checksum */
        r->sum += (unsigned long long)hits[h].id + sn.len + sn.nhits +
                  strlen(col(st, 0)) + strlen(col(st, 1)) +
                  strlen(col(st, 2)) + strlen(col(st, 3));
        r->nhits++;
        msn_free(&sn);
        sqlite3_reset(st);
    }
    msn_terms_free(terms);
    sqlite3_finalize(st);
    mq_free(&mq);
    if (status)
        fprintf(stderr, "marsad_bench_search: out of memory\n");
    return status;
}

int main(int argc, char **argv)
{
    struct options o = {NULL, NULL, NULL, NULL, NULL, 3, 5, 10, 32, 0};
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (strcmp(a, "--warm") == 0 && more)
            o.warm = (int)parse_count(argv[++i], 0, 1000, "--warm");
        else if (strcmp(a, "--timed") == 0 && more)
            o.timed = (int)parse_count(argv[++i], 1, MAX_PASSES, "--timed");
        else if (strcmp(a, "--limit") == 0 && more)
            o.k = parse_count(argv[++i], 1, MAX_K, "--limit");
        else if (strcmp(a, "--words") == 0 && more)
            o.words = parse_count(argv[++i], 1, 10000, "--words");
        else if (strcmp(a, "--set") == 0 && more)
            o.set = argv[++i];
        else if (strcmp(a, "--lat") == 0 && more)
            o.lat = argv[++i];
        else if (strcmp(a, "--rank-only") == 0)
            o.rank_only = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            usage(stderr);
            return 2;
        } else if (npos == 0) {
            o.db = a;
            npos++;
        } else if (npos == 1) {
            o.queries = a;
            npos++;
        } else if (npos == 2) {
            o.op = a;
            npos++;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (npos != 3 || (strcmp(o.op, "and") != 0 && strcmp(o.op, "or") != 0)) {
        usage(stderr);
        return 2;
    }
    if (!o.set) {
        const char *s = strrchr(o.queries, '/');
        o.set = s ? s + 1 : o.queries;
    }
    int use_or = strcmp(o.op, "or") == 0;

    size_t nq;
    char **qs = load_queries(o.queries, use_or, &nq);
    if (nq == 0)
        die("no queries");
    marsad_analyzer *an = marsad_analyzer_new(NULL, NULL, NULL);
    if (!an)
        die("cannot create the analyzer");
    char err[1024];
    md_db *db;
    if (md_open(o.db, 1, &db, err, sizeof err)) {
        fprintf(stderr, "marsad_bench_search: %s\n", err);
        return 1;
    }
    mr_hit *hits = calloc((size_t)o.k, sizeof *hits);
    double *lat = malloc(nq * (size_t)o.timed * sizeof *lat);
    struct result *res = calloc(nq, sizeof *res);
    double *per = malloc(nq * sizeof *per);
    if (!hits || !lat || !res || !per)
        die("out of memory");

    unsigned long long checksum = 0;
    double t_start = now_sec();
    for (int pass = 0; pass < o.warm + o.timed; pass++) {
        for (size_t i = 0; i < nq; i++) {
            struct result r;
            double t0 = now_sec();
            if (run_query(db, an, qs[i], &o, hits, &r))
                return 1;
            double t1 = now_sec();
            if (pass >= o.warm)
                lat[i * (size_t)o.timed + (size_t)(pass - o.warm)] = t1 - t0;
            checksum += r.sum;
            res[i] = r;
        }
    }
    double t_total = now_sec() - t_start;

    size_t hit_queries = 0, failed = 0, returned = 0;
    double sum = 0;
    for (size_t i = 0; i < nq; i++) {
        per[i] = median(lat + i * (size_t)o.timed, (size_t)o.timed);
        sum += per[i];
        hit_queries += res[i].nhits > 0;
        failed += (size_t)res[i].failed;
        returned += res[i].nhits;
    }
    if (o.lat) {
        FILE *f = fopen(o.lat, "w");
        if (!f) {
            perror(o.lat);
            return 1;
        }
        for (size_t i = 0; i < nq; i++)
            fprintf(f, "%zu\t%.1f\t%zu\n", i, per[i] * 1e6, res[i].nhits);
        if (fclose(f)) {
            perror(o.lat);
            return 1;
        }
    }
    qsort(per, nq, sizeof *per, cmp_double);
    printf("engine=marsad set=%s op=%s queries=%zu warmup_passes=%d "
           "timed_passes=%d k=%ld snippet_words=%ld%s p50_ms=%.3f p95_ms=%.3f "
           "p99_ms=%.3f max_ms=%.3f mean_ms=%.3f hit_queries=%zu "
           "rejected=%zu results=%zu total_s=%.3f checksum=%llu\n",
           o.set, o.op, nq, o.warm, o.timed, o.k, o.words,
           o.rank_only ? " rank_only=1" : "",
           rank_pct(per, nq, 0.50) * 1e3, rank_pct(per, nq, 0.95) * 1e3,
           rank_pct(per, nq, 0.99) * 1e3, per[nq - 1] * 1e3,
           sum / (double)nq * 1e3, hit_queries, failed, returned, t_total,
           checksum);

    for (size_t i = 0; i < nq; i++)
        free(qs[i]);
    free(qs);
    free(per);
    free(res);
    free(lat);
    free(hits);
    md_close(db);
    marsad_analyzer_free(an);
    return 0;
}
