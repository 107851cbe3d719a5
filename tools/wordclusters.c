/*
 * wordclusters.c - word clusters learned from unlabeled news text, for the
 * cluster features of the named-entity recognizer.
 *
 *   wordclusters [options] OUT.tsv FILE.jsonl.gz...
 *
 * (options first; --help lists them with their defaults.)
 *
 * Input: JSON Lines, gzip-compressed or plain, one article per line, an
 * object whose "text" is a string and whose "title" is a string, null or
 * absent.  Both are read.  A line that is not such an object is skipped
 * with a warning naming FILE:LINE; a file that cannot be read stops the
 * run with an error naming it.
 *
 * Steps:
 *   1. Every title and text goes through a libmarsad analyzer with the
 *      default options (search folds, segmentation and stems), reset
 *      before each article.  Each token becomes one item of a context
 *      stream: a word KEY (below), the placeholder "<num>" for number and
 *      percent tokens, or "<p>" for punctuation and symbol tokens, so
 *      the stream keeps the shape of the sentences.  The title and the
 *      text are separate stretches: no context window crosses from one
 *      to the other, nor from one article to the next (a stretch of more
 *      than 1000 words after subsampling is trained in pieces).
 *   2. Keys seen fewer than --min-count times are dropped from the stream
 *      (as word2vec drops them); the rest form the vocabulary.
 *   3. Word vectors are learned with skip-gram and negative sampling, the
 *      word2vec recipe: a dynamic window of up to --window words on each
 *      side, --negative noise words drawn from the unigram distribution
 *      raised to 3/4, subsampling of frequent words with threshold
 *      --sample, a learning rate falling linearly from --alpha to
 *      nearly 0 over all --epochs.  With --positional 1 (the default)
 *      the output vectors come in two sets, one for words that follow
 *      the trained word and one for words that precede it, so a word's
 *      vector encodes what stands on each side of it (structured
 *      skip-gram, as in Ling et al. 2015, with the two sides only); with
 *      a narrow window this makes the clusters less topical and more
 *      syntactic (names with names, capitals with capitals), which suits
 *      entity recognition.  --positional 0 is plain word2vec.  One
 *      thread and seeded generators, so two runs with the same options
 *      and input on the same platform give the same file.
 *   4. The unit-length vectors of the vocabulary words (placeholders
 *      excluded) are clustered by spherical k-means (cosine similarity,
 *      k-means++ seeding) once for each k of --clusters, independently.
 *      Within each clustering the ids are renumbered by the total corpus
 *      frequency of their members, most frequent first, so cluster 0 is
 *      the heaviest.
 *
 * Output: a TSV file, written to OUT.tsv.tmp and renamed into place.  The
 * first line is the header "# key\tc1\tc2\tc3" (one cN column per k, in
 * the order given), then one line per vocabulary word: the key and its
 * cluster id at each granularity, sorted by the bytes of the key.
 * Placeholders are never written.
 *
 * KEY of a token (what a feature extractor must compute to look a token
 * up in this file), with an analyzer made by marsad_analyzer_new with the
 * default options:
 *   - MARSAD_TOKEN_ARABIC: the token's one segment of kind MARSAD_SEG_BASE
 *     (clitics off), taken as bytes of the original input and normalized
 *     with marsad_normalize(..., MARSAD_PROFILE_SEARCH, ...):
 *     وبالرئيس -> الرئيس, لكازاخستان -> كازاخستان.  Should a token not
 *     have exactly one base segment, its key is token.norm.
 *   - MARSAD_TOKEN_LATIN: token.norm (search folds, so lower case).
 *   - any other type (number, percent, punctuation, symbol): no key.
 * A key that is empty or holds a control byte (below 0x20, or 0x7F) is
 * not used.
 *
 * Progress goes to stderr: a self-updating line when stderr is a
 * terminal, otherwise a line every ten seconds; --quiet turns it off.
 * The final figures (vocabulary size, token counts, times) always go to
 * stderr.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#include "marsad.h"

/* ------------------------------------------------------------ defaults */

#define DEF_DIM 100
#define DEF_WINDOW 2
#define DEF_NEGATIVE 5
#define DEF_MIN_COUNT 3
#define DEF_POSITIONAL 1
#define DEF_EPOCHS 3
#define DEF_SAMPLE 1e-4
#define DEF_ALPHA 0.025
#define DEF_KMEANS_ITER 25
#define DEF_SEED 1u
#define MAX_GRANULARITIES 8

/* Stream items with a meaning of their own (vocabulary ids start after
 * the placeholders). */
#define ID_PUNCT 0u           /* "<p>": punctuation and symbols */
#define ID_NUM 1u             /* "<num>": numbers and percentages */
#define ID_BOUNDARY UINT32_MAX /* end of a title or text */
#define ID_DROPPED (UINT32_MAX - 1u) /* a key below the minimum count */
#define ID_LIMIT (UINT32_MAX - 2u)   /* ids stay below this */

#define READ_CHUNK (1u << 18)       /* bytes per gzread */
#define MAX_LINE (256u << 20)       /* longer lines are skipped */
#define WARN_PER_FILE 10            /* warnings shown per file */
#define MAX_SENTENCE 1000           /* words trained together at most */
#define TABLE_SIZE 10000000u        /* entries of the noise table */
#define EXP_TABLE_SIZE 1000
#define MAX_EXP 6.0f
#define LANES 8                     /* vector rows are padded to this */

static const char *const progname = "wordclusters";

/* The temporary output file while it exists; a fatal error removes it. */
static char *out_tmp;

/* ------------------------------------------------------------ progress */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A status line on stderr: redrawn in place on a terminal (at most five
 * times a second), printed as a new line every PLAIN_EVERY seconds
 * otherwise. */
#define PLAIN_EVERY 10.0

typedef struct progress {
    int quiet;
    int tty;
    double last;  /* time of the last status */
} progress;

/* Non-zero while a self-updating status line is on the terminal, so that
 * any other message first ends it. */
static int line_open;

static void status(progress *pr, int force, const char *fmt, ...)
{
    va_list ap;
    double t;

    if (pr->quiet)
        return;
    t = now();
    if (!force && t - pr->last < (pr->tty ? 0.2 : PLAIN_EVERY))
        return;
    pr->last = t;
    if (pr->tty)
        fputs("\r\033[K", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (pr->tty) {
        line_open = 1;
    } else {
        fputc('\n', stderr);
    }
    fflush(stderr);
}

/* Ends a self-updating line so ordinary output can follow. */
static void status_end(void)
{
    if (line_open) {
        fputc('\n', stderr);
        line_open = 0;
    }
}

/* Ordinary output on stderr, after ending a status line. */
static void info(const char *fmt, ...)
{
    va_list ap;

    status_end();
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* ------------------------------------------------------------ errors */

static void fatal(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    status_end();
    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (out_tmp)
        remove(out_tmp);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        fatal("out of memory (%zu bytes)", n);
    return p;
}

/* n * size bytes, checked for overflow. */
static void *xmalloc_n(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        fatal("out of memory (%zu x %zu bytes)", n, size);
    return xmalloc(n * size);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        fatal("out of memory (%zu x %zu bytes)", n, size);
    return p;
}

/* Grows *p (elements of `size` bytes, capacity *cap) to hold `need`. */
static void grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t c = *cap ? *cap : 16;
    void *q;

    if (need <= *cap)
        return;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            fatal("out of memory");
        c *= 2;
    }
    if (c > SIZE_MAX / size)
        fatal("out of memory");
    q = realloc(*p, c * size);
    if (!q)
        fatal("out of memory (%zu bytes)", c * size);
    *p = q;
    *cap = c;
}

/* ------------------------------------------------------------ vocabulary */

/* Keys, their counts and a hash index on them.  The placeholders have ids
 * 0 and 1 and keys of their own but are not in the index, so no token
 * key can ever be taken for one. */
typedef struct vocab {
    char *keys;       /* every key, back to back, no terminators */
    size_t nkeys, ckeys;
    size_t *koff;     /* per id: offset of its key in keys */
    uint32_t *klen;   /* per id: length of its key */
    uint32_t *khash;  /* per id: hash of its key */
    uint64_t *count;  /* per id: occurrences in the stream */
    size_t n;         /* ids in use */
    size_t cap;       /* room of the per-id arrays */
    uint32_t *slot;   /* open addressing: id + 1, or 0 for empty */
    size_t nslot;     /* a power of two */
} vocab;

static uint32_t hash_key(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a, 64 bits */
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return (uint32_t)(h ^ (h >> 32));
}

static const char *vocab_key(const vocab *v, size_t id)
{
    return v->keys + v->koff[id];
}

/* Appends a key to the per-id arrays and returns its id. */
static uint32_t vocab_append(vocab *v, const char *key, size_t n, uint32_t h)
{
    if (v->n >= ID_LIMIT)
        fatal("too many distinct keys");
    if (n > UINT32_MAX)
        fatal("key too long");
    if (v->n == v->cap) {
        /* the four per-id arrays grow together to the same capacity */
        size_t cap = v->cap;
        grow((void **)&v->koff, &cap, v->n + 1, sizeof *v->koff);
        cap = v->cap;
        grow((void **)&v->klen, &cap, v->n + 1, sizeof *v->klen);
        cap = v->cap;
        grow((void **)&v->khash, &cap, v->n + 1, sizeof *v->khash);
        cap = v->cap;
        grow((void **)&v->count, &cap, v->n + 1, sizeof *v->count);
        v->cap = cap;
    }
    grow((void **)&v->keys, &v->ckeys, v->nkeys + n, 1);
    memcpy(v->keys + v->nkeys, key, n);
    v->koff[v->n] = v->nkeys;
    v->klen[v->n] = (uint32_t)n;
    v->khash[v->n] = h;
    v->count[v->n] = 0;
    v->nkeys += n;
    return (uint32_t)v->n++;
}

static void vocab_rehash(vocab *v, size_t nslot)
{
    size_t i, mask = nslot - 1;

    free(v->slot);
    v->slot = xcalloc(nslot, sizeof *v->slot);
    v->nslot = nslot;
    for (i = 0; i < v->n; i++) {
        size_t j;
        if (i == ID_PUNCT || i == ID_NUM)
            continue;
        j = v->khash[i] & mask;
        while (v->slot[j])
            j = (j + 1) & mask;
        v->slot[j] = (uint32_t)(i + 1);
    }
}

static void vocab_init(vocab *v)
{
    memset(v, 0, sizeof *v);
    vocab_append(v, "<p>", 3, 0);
    vocab_append(v, "<num>", 5, 0);
    vocab_rehash(v, 1u << 16);
}

/* The id of key s[0..n), added with count 0 when new. */
static uint32_t vocab_id(vocab *v, const char *s, size_t n)
{
    uint32_t h = hash_key(s, n);
    size_t mask = v->nslot - 1, j = h & mask;
    uint32_t id;

    while (v->slot[j]) {
        size_t i = v->slot[j] - 1u;
        if (v->khash[i] == h && v->klen[i] == n &&
            memcmp(vocab_key(v, i), s, n) == 0)
            return (uint32_t)i;
        j = (j + 1) & mask;
    }
    id = vocab_append(v, s, n, h);
    v->slot[j] = id + 1u;
    if (v->n * 2 > v->nslot) {
        if (v->nslot > SIZE_MAX / 2)
            fatal("out of memory");
        vocab_rehash(v, v->nslot * 2);
    }
    return id;
}

static void vocab_free(vocab *v)
{
    free(v->keys);
    free(v->koff);
    free(v->klen);
    free(v->khash);
    free(v->count);
    free(v->slot);
    memset(v, 0, sizeof *v);
}

/* Byte order of keys a and b: memcmp, a proper prefix first. */
static int key_cmp(const vocab *v, size_t a, size_t b)
{
    size_t na = v->klen[a], nb = v->klen[b];
    int c = memcmp(vocab_key(v, a), vocab_key(v, b), na < nb ? na : nb);
    if (c)
        return c;
    return na < nb ? -1 : na > nb;
}

/* qsort has no context argument: the vocabulary being sorted. */
static const vocab *sort_vocab;

/* The placeholders first, then the most frequent words, then by key
 * bytes, so the order is total. */
static int cmp_by_count(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    uint64_t ca = sort_vocab->count[a], cb = sort_vocab->count[b];
    int pha = a == ID_PUNCT || a == ID_NUM, phb = b == ID_PUNCT || b == ID_NUM;

    if (pha != phb)
        return pha ? -1 : 1;
    if (ca != cb)
        return ca > cb ? -1 : 1;
    return key_cmp(sort_vocab, a, b);
}

static int cmp_by_key(const void *pa, const void *pb)
{
    return key_cmp(sort_vocab, *(const uint32_t *)pa, *(const uint32_t *)pb);
}

/* ------------------------------------------------------------ stream */

typedef struct stream {
    uint32_t *w;
    size_t n, cap;
} stream;

static void stream_push(stream *st, uint32_t id)
{
    if (st->n == st->cap)
        grow((void **)&st->w, &st->cap, st->n + 1, sizeof *st->w);
    st->w[st->n++] = id;
}

/* ------------------------------------------------------------ reading */

typedef struct reader {
    marsad_analyzer *an;
    vocab *voc;
    stream *st;
    progress *pr;
    const char *text;     /* the string under analysis */
    char *kbuf;           /* a normalized key */
    size_t kcap;
    const char *path;     /* the file being read */
    uint64_t file_warnings;
    /* figures */
    uint64_t articles;
    uint64_t bad_lines;
    uint64_t words;       /* tokens that gave a key */
    uint64_t items;       /* stream items: words and placeholders */
    uint64_t odd_base;    /* Arabic tokens without exactly one base */
    uint64_t bad_keys;    /* empty keys or keys with control bytes */
    uint64_t text_bytes;  /* bytes of title and text analyzed */
    size_t ifile, nfiles;
    double t0;
} reader;

static void line_warning(reader *r, unsigned long line, const char *fmt, ...)
{
    va_list ap;

    r->bad_lines++;
    if (r->file_warnings++ >= WARN_PER_FILE)
        return;
    status_end();
    fprintf(stderr, "%s: warning: %s:%lu: ", progname, r->path, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("; line skipped\n", stderr);
}

/* Normalizes s[0..n) with the search folds into r->kbuf; returns its
 * length. */
static size_t normalize_key(reader *r, const char *s, size_t n)
{
    size_t need = marsad_normalize(s, n, MARSAD_PROFILE_SEARCH, r->kbuf,
                                   r->kcap);
    if (need > r->kcap) {
        grow((void **)&r->kbuf, &r->kcap, need, 1);
        need = marsad_normalize(s, n, MARSAD_PROFILE_SEARCH, r->kbuf,
                                r->kcap);
    }
    return need;
}

/* Non-zero if the key can be a line field: not empty, no control byte. */
static int key_ok(const char *s, size_t n)
{
    size_t i;

    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F)
            return 0;
    }
    return 1;
}

/* The analyzer's callback: one token -> one stream item. */
static int on_token(void *ud, const marsad_token *t)
{
    reader *r = ud;
    const char *key;
    size_t n;

    r->items++;
    switch (t->type) {
    case MARSAD_TOKEN_ARABIC: {
        const marsad_segment *base = NULL;
        unsigned i, nbase = 0;
        for (i = 0; i < t->nseg; i++) {
            if (t->seg[i].kind == MARSAD_SEG_BASE) {
                base = &t->seg[i];
                nbase++;
            }
        }
        if (nbase == 1) {
            n = normalize_key(r, r->text + base->start,
                              base->end - base->start);
            key = r->kbuf;
        } else {
            r->odd_base++;
            key = t->norm;
            n = t->nnorm;
        }
        break;
    }
    case MARSAD_TOKEN_LATIN:
        key = t->norm;
        n = t->nnorm;
        break;
    case MARSAD_TOKEN_NUMBER:
    case MARSAD_TOKEN_PERCENT:
        stream_push(r->st, ID_NUM);
        r->voc->count[ID_NUM]++;
        return 0;
    default:
        stream_push(r->st, ID_PUNCT);
        r->voc->count[ID_PUNCT]++;
        return 0;
    }
    if (!key_ok(key, n)) {
        r->bad_keys++;
        r->items--;
        return 0;
    }
    {
        uint32_t id = vocab_id(r->voc, key, n);
        r->voc->count[id]++;
        stream_push(r->st, id);
    }
    r->words++;
    return 0;
}

/* Analyzes one field and closes its stretch of the stream. */
static void analyze_field(reader *r, unsigned long line, const char *s,
                          size_t n)
{
    int rc;

    r->text = s;
    rc = marsad_analyze(r->an, s, n, on_token, r);
    if (rc != MARSAD_OK)
        fatal("%s:%lu: analysis failed: %s (%s)", r->path, line,
              marsad_strerror(rc), marsad_errmsg(r->an));
    r->text = NULL;
    r->text_bytes += n;
    if (r->st->n > 0 && r->st->w[r->st->n - 1] != ID_BOUNDARY)
        stream_push(r->st, ID_BOUNDARY);
}

static void process_line(reader *r, unsigned long line, const char *buf,
                         size_t n)
{
    json_error_t err;
    json_t *o, *title, *text;

    if (n > 0 && buf[n - 1] == '\r')
        n--;
    if (n == 0)
        return; /* a blank line holds no record */
    o = json_loadb(buf, n, JSON_ALLOW_NUL, &err);
    if (!o) {
        line_warning(r, line, "malformed JSON at column %d: %s", err.column,
                     err.text);
        return;
    }
    if (!json_is_object(o)) {
        line_warning(r, line, "not a JSON object");
        json_decref(o);
        return;
    }
    title = json_object_get(o, "title");
    text = json_object_get(o, "text");
    if (!json_is_string(text)) {
        line_warning(r, line, "\"text\" is %s", text ? "not a string"
                                                     : "missing");
        json_decref(o);
        return;
    }
    if (title && !json_is_string(title) && !json_is_null(title)) {
        line_warning(r, line, "\"title\" is neither a string nor null");
        json_decref(o);
        return;
    }
    marsad_analyzer_reset(r->an);
    if (json_is_string(title))
        analyze_field(r, line, json_string_value(title),
                      json_string_length(title));
    analyze_field(r, line, json_string_value(text),
                  json_string_length(text));
    r->articles++;
    json_decref(o);
}

static void read_status(reader *r, int force)
{
    double el = now() - r->t0;
    status(r->pr, force,
           "reading %zu/%zu: %llu articles, %.1f MB, %llu words, %.0f s",
           r->ifile + 1, r->nfiles, (unsigned long long)r->articles,
           (double)r->text_bytes / 1e6, (unsigned long long)r->words, el);
}

/* zlib's error text without the "PATH: " it puts in front. */
static const char *zlib_message(const char *path, const char *m)
{
    size_t n = strlen(path);

    if (strncmp(m, path, n) == 0 && m[n] == ':' && m[n + 1] == ' ')
        return m + n + 2;
    return m;
}

/* Reads one file line by line; a file that cannot be read is fatal. */
static void read_file(reader *r, const char *path)
{
    gzFile gz;
    char *chunk, *line = NULL;
    size_t nline = 0, cline = 0;
    unsigned long lineno = 0;
    int overlong = 0, zerr = Z_OK;

    r->path = path;
    r->file_warnings = 0;
    errno = 0;
    gz = gzopen(path, "rb");
    if (!gz)
        fatal("%s: cannot open: %s", path,
              errno ? strerror(errno) : "out of memory");
    gzbuffer(gz, 1u << 17);
    chunk = xmalloc(READ_CHUNK);
    for (;;) {
        int got = gzread(gz, chunk, READ_CHUNK);
        size_t i = 0, ngot;
        if (got < 0) {
            const char *m = gzerror(gz, &zerr);
            fatal("%s: read error: %s", path,
                  zerr == Z_ERRNO ? strerror(errno) : zlib_message(path, m));
        }
        if (got == 0)
            break;
        ngot = (size_t)got;
        while (i < ngot) {
            const char *nl = memchr(chunk + i, '\n', ngot - i);
            size_t take = nl ? (size_t)(nl - (chunk + i)) : ngot - i;
            if (!overlong) {
                if (nline + take > MAX_LINE) {
                    overlong = 1;
                    nline = 0;
                } else {
                    grow((void **)&line, &cline, nline + take, 1);
                    memcpy(line + nline, chunk + i, take);
                    nline += take;
                }
            }
            i += take;
            if (nl) {
                i++;
                lineno++;
                if (overlong)
                    line_warning(r, lineno, "longer than %u bytes",
                                 MAX_LINE);
                else
                    process_line(r, lineno, line, nline);
                nline = 0;
                overlong = 0;
                read_status(r, 0);
            }
        }
    }
    {
        /* a truncated or corrupt file ends the reads early with an error */
        const char *m = gzerror(gz, &zerr);
        if (zerr != Z_OK)
            fatal("%s: read error: %s", path, zlib_message(path, m));
    }
    if (nline > 0 || overlong) {
        lineno++; /* a last line without a newline */
        if (overlong)
            line_warning(r, lineno, "longer than %u bytes", MAX_LINE);
        else
            process_line(r, lineno, line, nline);
    }
    zerr = gzclose(gz);
    if (zerr != Z_OK)
        fatal("%s: cannot close (zlib error %d)", path, zerr);
    if (r->file_warnings > WARN_PER_FILE)
        info("%s: %s: %llu more bad lines not shown", progname, path,
             (unsigned long long)(r->file_warnings - WARN_PER_FILE));
    free(line);
    free(chunk);
}

/* ------------------------------------------------------------ vectors */

/* Dot product of two rows of n floats, n a multiple of LANES; the
 * separate partial sums let the compiler use vector instructions. */
static float dot(const float *restrict a, const float *restrict b, size_t n)
{
    float acc[LANES] = {0};
    size_t i, j;

    for (i = 0; i < n; i += LANES)
        for (j = 0; j < LANES; j++)
            acc[j] += a[i + j] * b[i + j];
    return ((acc[0] + acc[4]) + (acc[1] + acc[5])) +
           ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

/* y += g * x over n floats, n a multiple of LANES (blocks of LANES so
 * that the compiler uses vector instructions). */
static void axpy(float *restrict y, float g, const float *restrict x,
                 size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i += LANES)
        for (j = 0; j < LANES; j++)
            y[i + j] += g * x[i + j];
}

/* ------------------------------------------------------------ training */

typedef struct params {
    size_t dim;
    unsigned window;
    unsigned negative;
    uint64_t min_count;
    unsigned epochs;
    double sample;
    double alpha;
    size_t k[MAX_GRANULARITIES];
    unsigned nk;
    unsigned kmeans_iter;
    uint64_t seed;
    int positional;  /* separate output vectors per side */
    int quiet;
} params;

/* The linear congruential generator of word2vec: cheap, and unsigned
 * arithmetic makes its wrap-around well defined. */
static inline uint64_t lcg(uint64_t *s)
{
    *s = *s * 25214903917u + 11u;
    return *s;
}

/* The stream's vocabulary, renumbered by frequency, and the model. */
typedef struct model {
    size_t V;            /* vocabulary size, placeholders included */
    size_t stride;       /* floats per row: dim rounded up to LANES */
    uint32_t *word;      /* new id -> old vocab id */
    uint64_t *count;     /* new id -> count */
    float *in;           /* V x stride: the word vectors */
    float *out;          /* V x stride, or 2V x stride with --positional:
                            the context (output) vectors */
} model;

/* Keeps the keys seen at least min_count times (and the placeholders that
 * occur), numbers them placeholders first, then by falling frequency, and
 * rewrites the stream with the new ids, rare keys removed. */
static void build_model(model *m, const vocab *v, stream *st,
                        const params *p)
{
    uint32_t *order = xmalloc_n(v->n, sizeof *order);
    uint32_t *newid = xmalloc_n(v->n, sizeof *newid);
    size_t i, n = 0, o = 0;

    for (i = 0; i < v->n; i++) {
        int placeholder = i == ID_PUNCT || i == ID_NUM;
        if (placeholder ? v->count[i] > 0 : v->count[i] >= p->min_count)
            order[n++] = (uint32_t)i;
    }
    sort_vocab = v;
    qsort(order, n, sizeof *order, cmp_by_count);
    for (i = 0; i < v->n; i++)
        newid[i] = ID_DROPPED;
    for (i = 0; i < n; i++)
        newid[order[i]] = (uint32_t)i;
    for (i = 0; i < st->n; i++) {
        uint32_t w = st->w[i];
        if (w == ID_BOUNDARY) {
            if (o > 0 && st->w[o - 1] != ID_BOUNDARY)
                st->w[o++] = w;
        } else if (newid[w] != ID_DROPPED) {
            st->w[o++] = newid[w];
        }
    }
    st->n = o;
    free(newid);
    m->V = n;
    m->word = order;
    m->count = xmalloc_n(n ? n : 1, sizeof *m->count);
    for (i = 0; i < n; i++)
        m->count[i] = v->count[order[i]];
    m->stride = (p->dim + LANES - 1) / LANES * LANES;
    m->in = NULL;
    m->out = NULL;
}

static void model_free(model *m)
{
    free(m->word);
    free(m->count);
    free(m->in);
    free(m->out);
    memset(m, 0, sizeof *m);
}

/* Skip-gram with negative sampling over the stream. */
static void train(model *m, const stream *st, const params *p,
                  progress *pr)
{
    size_t V = m->V, S = m->stride, dim = p->dim;
    uint64_t rnd = p->seed, train_words = 0, processed = 0, last_processed = 0;
    uint64_t total;
    uint32_t *table = xmalloc_n(TABLE_SIZE, sizeof *table);
    uint32_t *keep = xmalloc_n(V, sizeof *keep);
    uint32_t *sen = xmalloc_n(MAX_SENTENCE, sizeof *sen);
    float *exptab = xmalloc_n(EXP_TABLE_SIZE + 1, sizeof *exptab);
    float *neu1e = xmalloc_n(S, sizeof *neu1e);
    float alpha = (float)p->alpha;
    double t0 = now(), pw_sum = 0, cum;
    size_t i, j;
    unsigned epoch;

    m->in = xmalloc_n(V, S * sizeof *m->in);
    /* with --positional, rows V..2V-1 stand for words to the right of
     * the trained word, rows 0..V-1 for words to its left */
    m->out = xcalloc(p->positional ? 2 * V : V, S * sizeof *m->out);
    for (i = 0; i < V; i++) {
        float *row = m->in + i * S;
        for (j = 0; j < S; j++) {
            float r = (float)(lcg(&rnd) & 0xFFFF) / 65536.0f;
            row[j] = j < dim ? (r - 0.5f) / (float)dim : 0.0f;
        }
    }
    for (i = 0; i < st->n; i++)
        if (st->w[i] != ID_BOUNDARY)
            train_words++;

    /* noise words: the unigram distribution raised to 3/4 */
    for (i = 0; i < V; i++)
        pw_sum += pow((double)m->count[i], 0.75);
    i = 0;
    cum = V ? pow((double)m->count[0], 0.75) / pw_sum : 1.0;
    for (j = 0; j < TABLE_SIZE; j++) {
        table[j] = (uint32_t)i;
        if ((double)j / TABLE_SIZE > cum && i + 1 < V) {
            i++;
            cum += pow((double)m->count[i], 0.75) / pw_sum;
        }
    }

    /* subsampling: a word of count c is kept with probability
     * (sqrt(c / (s T)) + 1) (s T) / c, T the words of the stream and s
     * the --sample threshold; scaled here to 16 bits */
    for (i = 0; i < V; i++) {
        double th = p->sample * (double)train_words;
        double c = (double)m->count[i];
        double pk = p->sample > 0 ? (sqrt(c / th) + 1) * th / c : 1.0;
        keep[i] = pk >= 1.0 ? 65536u : (uint32_t)(pk * 65536.0);
    }

    for (i = 0; i <= EXP_TABLE_SIZE; i++) {
        double x = ((double)i / EXP_TABLE_SIZE * 2 - 1) * MAX_EXP;
        exptab[i] = (float)(1.0 / (1.0 + exp(-x)));
    }

    total = (uint64_t)p->epochs * train_words;
    for (epoch = 0; epoch < p->epochs; epoch++) {
        size_t pos = 0;
        while (pos < st->n) {
            size_t slen = 0, a;
            /* one stretch (or MAX_SENTENCE kept words of it) */
            while (pos < st->n && st->w[pos] != ID_BOUNDARY &&
                   slen < MAX_SENTENCE) {
                uint32_t w = st->w[pos++];
                processed++;
                if (keep[w] < 65536u && (lcg(&rnd) & 0xFFFF) >= keep[w])
                    continue;
                sen[slen++] = w;
            }
            if (pos < st->n && st->w[pos] == ID_BOUNDARY)
                pos++;
            if (processed - last_processed >= 10000) {
                double el = now() - t0;
                double frac = (double)processed / (double)total;
                last_processed = processed;
                alpha = (float)(p->alpha * (1.0 - frac));
                if (alpha < (float)(p->alpha * 1e-4))
                    alpha = (float)(p->alpha * 1e-4);
                status(pr, 0,
                       "training: epoch %u/%u, %5.1f%%, alpha %.5f, "
                       "%.0fk words/s, %.0f s, about %.0f s left",
                       epoch + 1, p->epochs, 100 * frac, (double)alpha,
                       el > 0 ? (double)processed / el / 1e3 : 0.0, el,
                       frac > 0 ? el / frac - el : 0.0);
            }
            /* each pair (centre a, context c) within a window shrunk by
             * a random b: as in word2vec, the input vector of the context
             * word is trained to predict the centre word against the
             * noise words, and the gradient of the input vector is
             * applied after the whole round of targets */
            for (a = 0; a < slen; a++) {
                uint32_t word = sen[a];
                unsigned b = (unsigned)(lcg(&rnd) % p->window);
                size_t lo = a + b >= p->window ? a + b - p->window : 0;
                size_t hi = a + p->window - b;
                size_t c;
                if (hi >= slen)
                    hi = slen - 1;
                for (c = lo; c <= hi; c++) {
                    float *l1;
                    unsigned d;
                    if (c == a)
                        continue;
                    l1 = m->in + (size_t)sen[c] * S;
                    memset(neu1e, 0, S * sizeof *neu1e);
                    for (d = 0; d <= p->negative; d++) {
                        uint32_t target;
                        float label, f, g, *l2;
                        if (d == 0) {
                            target = word;
                            label = 1.0f;
                        } else {
                            target = table[(lcg(&rnd) >> 16) % TABLE_SIZE];
                            if (target == word)
                                continue;
                            label = 0.0f;
                        }
                        l2 = m->out +
                             ((size_t)target +
                              (p->positional && c < a ? V : 0)) * S;
                        f = dot(l1, l2, S);
                        /* a NaN lands in the last branch, never in the
                         * table index */
                        if (f >= MAX_EXP)
                            g = (label - 1.0f) * alpha;
                        else if (f > -MAX_EXP)
                            g = (label - exptab[(size_t)((f + MAX_EXP) *
                                                         (EXP_TABLE_SIZE /
                                                          MAX_EXP / 2))]) *
                                alpha;
                        else
                            g = label * alpha;
                        axpy(neu1e, g, l2, S);
                        axpy(l2, g, l1, S);
                    }
                    axpy(l1, 1.0f, neu1e, S);
                }
            }
        }
    }
    t0 = now() - t0;
    info("trained: %u epochs over %llu words in %.1f s (%.0fk words/s)",
         p->epochs, (unsigned long long)train_words, t0,
         t0 > 0 ? (double)processed / t0 / 1e3 : 0.0);
    free(table);
    free(keep);
    free(sen);
    free(exptab);
    free(neu1e);
}

/* ------------------------------------------------------------ k-means */

/* splitmix64: the generator of the clustering step. */
static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A uniform double in [0, 1). */
static double unit_rand(uint64_t *s)
{
    return (double)(splitmix(s) >> 11) * (1.0 / 9007199254740992.0);
}

/* Scales row x of n floats to unit length (a zero row stays zero). */
static void unit_length(float *x, size_t n)
{
    double s = 0;
    size_t i;

    for (i = 0; i < n; i++)
        s += (double)x[i] * x[i];
    if (s > 0) {
        float inv = (float)(1.0 / sqrt(s));
        for (i = 0; i < n; i++)
            x[i] *= inv;
    }
}

/* For point row x: the index of the most similar of the k centroids and
 * that similarity. */
static size_t nearest(const float *x, const float *C, size_t k, size_t S,
                      float *sim)
{
    float best = -INFINITY;
    size_t j, bj = 0;

    for (j = 0; j < k; j++) {
        float s = dot(x, C + j * S, S);
        if (s > best) {
            best = s;
            bj = j;
        }
    }
    *sim = best;
    return bj;
}

/*
 * Spherical k-means of the N unit rows of X into k clusters: k-means++
 * seeding (distance 1 - cosine), then rounds of assignment to the most
 * similar centroid and recomputation of each centroid as the normalized
 * mean of its members, until fewer than N/1000 points move or max_iter
 * rounds have run.  A cluster left empty takes the point least similar
 * to its own centroid.  assign[i] receives the cluster of point i,
 * numbered by the total weight of the members, heaviest first.
 */
static void kmeans(const float *X, size_t N, size_t S, size_t k,
                   unsigned max_iter, uint64_t seed, const uint64_t *weight,
                   uint32_t *assign, progress *pr)
{
    float *C = xmalloc_n(k, S * sizeof *C);
    double *sum = xmalloc_n(k, S * sizeof *sum);
    size_t *cnt = xmalloc_n(k, sizeof *cnt);
    float *sim = xmalloc_n(N, sizeof *sim);
    double *dist = xmalloc_n(N, sizeof *dist);
    uint32_t *rank = xmalloc_n(k, sizeof *rank);
    uint64_t *cw = xcalloc(k, sizeof *cw);
    uint64_t rs = seed ^ (0x5851F42D4C957F2Du * (uint64_t)k);
    double t0 = now(), mean_sim = 0;
    size_t i, j, moved = 0;
    unsigned it;

    /* k-means++ seeding */
    j = (size_t)(splitmix(&rs) % N);
    memcpy(C, X + j * S, S * sizeof *C);
    for (i = 0; i < N; i++) {
        double d = 1.0 - (double)dot(X + i * S, C, S);
        dist[i] = d > 0 ? d : 0;
    }
    for (j = 1; j < k; j++) {
        double total = 0, r;
        size_t pick = N - 1;
        for (i = 0; i < N; i++)
            total += dist[i];
        if (total > 0) {
            r = unit_rand(&rs) * total;
            for (i = 0; i < N; i++) {
                r -= dist[i];
                if (r < 0) {
                    pick = i;
                    break;
                }
            }
        } else {
            pick = (size_t)(splitmix(&rs) % N);
        }
        memcpy(C + j * S, X + pick * S, S * sizeof *C);
        for (i = 0; i < N; i++) {
            double d = 1.0 - (double)dot(X + i * S, C + j * S, S);
            if (d < 0)
                d = 0;
            if (d < dist[i])
                dist[i] = d;
        }
        status(pr, 0, "k-means k=%zu: seeding %zu/%zu, %.0f s", k, j + 1, k,
               now() - t0);
    }

    for (i = 0; i < N; i++)
        assign[i] = UINT32_MAX;
    for (it = 0; it < max_iter; it++) {
        moved = 0;
        mean_sim = 0;
        for (i = 0; i < N; i++) {
            uint32_t c = (uint32_t)nearest(X + i * S, C, k, S, &sim[i]);
            if (c != assign[i]) {
                assign[i] = c;
                moved++;
            }
            mean_sim += sim[i];
            if ((i & 1023) == 0)
                status(pr, 0, "k-means k=%zu: round %u, %zu/%zu points, "
                       "%.0f s", k, it + 1, i, N, now() - t0);
        }
        mean_sim /= (double)N;
        /* new centroids: normalized means */
        memset(sum, 0, k * S * sizeof *sum);
        memset(cnt, 0, k * sizeof *cnt);
        for (i = 0; i < N; i++) {
            double *sr = sum + (size_t)assign[i] * S;
            const float *x = X + i * S;
            size_t d;
            cnt[assign[i]]++;
            for (d = 0; d < S; d++)
                sr[d] += x[d];
        }
        for (j = 0; j < k; j++) {
            float *c = C + j * S;
            size_t d;
            if (cnt[j] == 0) {
                /* reseed with the worst-placed point not yet taken */
                size_t w = N;
                for (i = 0; i < N; i++)
                    if (cnt[assign[i]] > 1 && (w == N || sim[i] < sim[w]))
                        w = i;
                if (w == N)
                    continue; /* fewer distinct points than clusters */
                cnt[assign[w]]--;
                assign[w] = (uint32_t)j;
                cnt[j] = 1;
                sim[w] = 1.0f;
                memcpy(c, X + w * S, S * sizeof *c);
                moved++;
                continue;
            }
            for (d = 0; d < S; d++)
                c[d] = (float)sum[j * S + d];
            unit_length(c, S);
        }
        status(pr, 0, "k-means k=%zu: round %u, %zu moved, mean cosine %.4f, "
               "%.0f s", k, it + 1, moved, mean_sim, now() - t0);
        if (moved * 1000 < N)
            break;
    }
    status_end();

    /* renumber by weight */
    for (i = 0; i < N; i++)
        cw[assign[i]] += weight[i];
    for (j = 0; j < k; j++)
        rank[j] = (uint32_t)j;
    for (j = 1; j < k; j++) {
        /* insertion sort: k is small and the order must be total */
        uint32_t x = rank[j];
        size_t q = j;
        while (q > 0 && (cw[rank[q - 1]] < cw[x] ||
                         (cw[rank[q - 1]] == cw[x] && rank[q - 1] > x))) {
            rank[q] = rank[q - 1];
            q--;
        }
        rank[q] = x;
    }
    for (j = 0; j < k; j++)
        cnt[rank[j]] = j; /* reused: old id -> new id */
    for (i = 0; i < N; i++)
        assign[i] = (uint32_t)cnt[assign[i]];
    info("k-means k=%zu: %u rounds in %.1f s; last round: %zu points "
         "moved, mean cosine to the centroid %.4f", k,
         it < max_iter ? it + 1 : max_iter, now() - t0, moved, mean_sim);

    free(C);
    free(sum);
    free(cnt);
    free(sim);
    free(dist);
    free(rank);
    free(cw);
}

/* ------------------------------------------------------------ output */

/* Creates path.tmp, where the result is written before it is renamed
 * into place; done first, so that an unwritable destination is found
 * before the long computation. */
static FILE *open_output(const char *path)
{
    size_t plen = strlen(path);
    FILE *f;

    out_tmp = xmalloc(plen + 5);
    memcpy(out_tmp, path, plen);
    memcpy(out_tmp + plen, ".tmp", 5);
    f = fopen(out_tmp, "w");
    if (!f) {
        int e = errno;
        free(out_tmp);
        out_tmp = NULL;
        fatal("%s: cannot create: %s", path, strerror(e));
    }
    return f;
}

/* Writes the TSV to f (open on path.tmp) and renames it to path; returns
 * its size in bytes. */
static long write_clusters(FILE *f, const char *path, const vocab *v,
                           const model *m, size_t first, size_t N,
                           uint32_t *const *assign, const params *p)
{
    uint32_t *order = xmalloc_n(N ? N : 1, sizeof *order);
    size_t i;
    unsigned g;
    long size;

    {
        /* order: point indices, sorted by the key of their word */
        uint32_t *ids = xmalloc_n(N ? N : 1, sizeof *ids);
        uint32_t *pos = xmalloc_n(v->n, sizeof *pos);
        for (i = 0; i < N; i++) {
            ids[i] = m->word[first + i];
            pos[ids[i]] = (uint32_t)i;
        }
        sort_vocab = v;
        qsort(ids, N, sizeof *ids, cmp_by_key);
        for (i = 0; i < N; i++)
            order[i] = pos[ids[i]];
        free(ids);
        free(pos);
    }
    fputs("# key", f);
    for (g = 0; g < p->nk; g++)
        fprintf(f, "\tc%u", g + 1);
    fputc('\n', f);
    for (i = 0; i < N; i++) {
        size_t pt = order[i];
        uint32_t id = m->word[first + pt];
        fwrite(vocab_key(v, id), 1, v->klen[id], f);
        for (g = 0; g < p->nk; g++)
            fprintf(f, "\t%u", (unsigned)assign[g][pt]);
        fputc('\n', f);
    }
    size = ftell(f);
    if (ferror(f) | fclose(f))
        fatal("%s: write error", out_tmp);
    if (rename(out_tmp, path) != 0)
        fatal("%s: cannot rename to %s: %s", out_tmp, path, strerror(errno));
    free(out_tmp);
    out_tmp = NULL;
    free(order);
    return size;
}

/* ------------------------------------------------------------ options */

static void usage(FILE *f)
{
    fprintf(f,
        "usage: %s [options] OUT.tsv FILE.jsonl.gz...\n"
        "Learns word vectors from the title and text of news articles and\n"
        "writes k-means word clusters at several granularities as TSV.\n"
        "  --dim N          vector dimensions (%d)\n"
        "  --window N       context words on each side, at most (%d)\n"
        "  --negative N     noise words per context word (%d)\n"
        "  --min-count N    least occurrences of a vocabulary word (%d)\n"
        "  --epochs N       passes over the text (%d)\n"
        "  --sample F       subsampling threshold, 0 for none (%g)\n"
        "  --alpha F        initial learning rate (%g)\n"
        "  --positional N   1: separate context vectors for the left and\n"
        "                   the right side; 0: one set, plain word2vec (%d)\n"
        "  --clusters LIST  comma-separated k of each granularity "
        "(64,256,1024)\n"
        "  --kmeans-iter N  k-means rounds at most (%d)\n"
        "  --seed N         random seed (%u)\n"
        "  --quiet          no progress on stderr\n"
        "  --help           this text\n",
        progname, DEF_DIM, DEF_WINDOW, DEF_NEGATIVE, DEF_MIN_COUNT,
        DEF_EPOCHS, DEF_SAMPLE, DEF_ALPHA, DEF_POSITIONAL, DEF_KMEANS_ITER,
        DEF_SEED);
}

static unsigned long long parse_uint(const char *opt, const char *s,
                                     unsigned long long lo,
                                     unsigned long long hi)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (!s || !*s || *s == '-')
        fatal("%s: expected a number", opt);
    v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        fatal("%s: '%s' is not a number from %llu to %llu", opt, s, lo, hi);
    return v;
}

static double parse_real(const char *opt, const char *s, double lo,
                         double hi)
{
    char *end;
    double v;

    errno = 0;
    if (!s || !*s)
        fatal("%s: expected a number", opt);
    v = strtod(s, &end);
    if (errno || *end || !(v >= lo && v <= hi))
        fatal("%s: '%s' is not a number from %g to %g", opt, s, lo, hi);
    return v;
}

static void parse_clusters(params *p, const char *s)
{
    const char *q = s;

    if (!s)
        fatal("--clusters: expected a list such as 64,256,1024");
    p->nk = 0;
    while (*q) {
        char buf[32];
        size_t n = strcspn(q, ",");
        if (n == 0 || n >= sizeof buf)
            fatal("--clusters: bad list '%s'", s);
        if (p->nk == MAX_GRANULARITIES)
            fatal("--clusters: at most %d granularities", MAX_GRANULARITIES);
        memcpy(buf, q, n);
        buf[n] = '\0';
        p->k[p->nk++] = (size_t)parse_uint("--clusters", buf, 2, 1u << 20);
        q += n;
        if (*q == ',')
            q++;
    }
    if (p->nk == 0)
        fatal("--clusters: empty list");
}

/* ------------------------------------------------------------ main */

int main(int argc, char **argv)
{
    params p;
    progress pr;
    reader r;
    vocab voc;
    stream st = {NULL, 0, 0};
    model m;
    marsad_analyzer *an;
    const char *out;
    FILE *outf;
    int i, first_file, err = 0;
    size_t N, first, t;
    float *X;
    uint64_t *wt;
    uint32_t *assign[MAX_GRANULARITIES];
    unsigned g;
    double t_start = now(), t_read, t_train, t_cluster;
    long size;

    p.dim = DEF_DIM;
    p.window = DEF_WINDOW;
    p.negative = DEF_NEGATIVE;
    p.min_count = DEF_MIN_COUNT;
    p.epochs = DEF_EPOCHS;
    p.sample = DEF_SAMPLE;
    p.alpha = DEF_ALPHA;
    p.nk = 3;
    p.k[0] = 64;
    p.k[1] = 256;
    p.k[2] = 1024;
    p.kmeans_iter = DEF_KMEANS_ITER;
    p.seed = DEF_SEED;
    p.positional = DEF_POSITIONAL;
    p.quiet = 0;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            p.quiet = 1;
            continue;
        } else if (strcmp(a, "--dim") == 0) {
            p.dim = (size_t)parse_uint(a, val, 1, 10000);
        } else if (strcmp(a, "--window") == 0) {
            p.window = (unsigned)parse_uint(a, val, 1, 100);
        } else if (strcmp(a, "--negative") == 0) {
            p.negative = (unsigned)parse_uint(a, val, 1, 100);
        } else if (strcmp(a, "--min-count") == 0) {
            p.min_count = parse_uint(a, val, 1, UINT64_MAX);
        } else if (strcmp(a, "--epochs") == 0) {
            p.epochs = (unsigned)parse_uint(a, val, 1, 1000);
        } else if (strcmp(a, "--sample") == 0) {
            p.sample = parse_real(a, val, 0, 1);
        } else if (strcmp(a, "--alpha") == 0) {
            p.alpha = parse_real(a, val, 1e-6, 1);
        } else if (strcmp(a, "--positional") == 0) {
            p.positional = (int)parse_uint(a, val, 0, 1);
        } else if (strcmp(a, "--clusters") == 0) {
            parse_clusters(&p, val);
        } else if (strcmp(a, "--kmeans-iter") == 0) {
            p.kmeans_iter = (unsigned)parse_uint(a, val, 1, 10000);
        } else if (strcmp(a, "--seed") == 0) {
            p.seed = parse_uint(a, val, 0, UINT64_MAX);
        } else {
            fprintf(stderr, "%s: unknown option %s\n", progname, a);
            usage(stderr);
            return 2;
        }
        i++; /* the option's value */
    }
    if (argc - i < 2) {
        usage(stderr);
        return 2;
    }
    out = argv[i];
    first_file = i + 1;

    pr.quiet = p.quiet;
    pr.tty = isatty(STDERR_FILENO);
    pr.last = 0;
    outf = open_output(out);

    an = marsad_analyzer_new(NULL, NULL, &err);
    if (!an)
        fatal("cannot create the analyzer: %s", marsad_strerror(err));
    vocab_init(&voc);
    memset(&r, 0, sizeof r);
    r.an = an;
    r.voc = &voc;
    r.st = &st;
    r.pr = &pr;
    r.nfiles = (size_t)(argc - first_file);
    r.t0 = now();
    for (i = first_file; i < argc; i++) {
        r.ifile = (size_t)(i - first_file);
        read_file(&r, argv[i]);
    }
    status_end();
    marsad_analyzer_free(an);
    free(r.kbuf);
    t_read = now() - t_start;
    info("read %zu files in %.1f s: %llu articles, %.1f MB of text, "
         "%llu bad lines",
         r.nfiles, t_read, (unsigned long long)r.articles,
         (double)r.text_bytes / 1e6, (unsigned long long)r.bad_lines);
    info("tokens: %llu words, %llu numbers, %llu punctuation/symbols; "
         "%llu distinct keys; %llu Arabic tokens without one base, "
         "%llu unusable keys",
         (unsigned long long)r.words, (unsigned long long)voc.count[ID_NUM],
         (unsigned long long)voc.count[ID_PUNCT],
         (unsigned long long)(voc.n - 2), (unsigned long long)r.odd_base,
         (unsigned long long)r.bad_keys);

    build_model(&m, &voc, &st, &p);
    first = 0;
    /* build_model puts the placeholders first */
    while (first < m.V &&
           (m.word[first] == ID_PUNCT || m.word[first] == ID_NUM))
        first++;
    N = m.V - first;
    {
        uint64_t kept = 0;
        for (t = first; t < m.V; t++)
            kept += m.count[t];
        info("vocabulary: %zu words with count >= %llu, covering %llu of "
             "%llu word tokens (%.2f%%)",
             N, (unsigned long long)p.min_count, (unsigned long long)kept,
             (unsigned long long)r.words,
             r.words ? 100.0 * (double)kept / (double)r.words : 0.0);
    }
    if (N < 2)
        fatal("vocabulary too small to cluster (%zu words)", N);
    for (g = 0; g < p.nk; g++) {
        if (p.k[g] > N) {
            info("%s: k=%zu exceeds the vocabulary; using %zu",
                 progname, p.k[g], N);
            p.k[g] = N;
        }
    }
    info("training: dim %zu, window %u, negative %u, sample %g, alpha %g, "
         "%u epochs, positional %d, seed %llu",
         p.dim, p.window, p.negative, p.sample, p.alpha, p.epochs,
         p.positional, (unsigned long long)p.seed);
    {
        double t1 = now();
        train(&m, &st, &p, &pr);
        t_train = now() - t1;
    }
    free(st.w);
    st.w = NULL;

    /* unit vectors of the words, placeholders left out */
    X = xmalloc_n(N, m.stride * sizeof *X);
    wt = xmalloc_n(N, sizeof *wt);
    for (t = 0; t < N; t++) {
        memcpy(X + t * m.stride, m.in + (first + t) * m.stride,
               m.stride * sizeof *X);
        unit_length(X + t * m.stride, m.stride);
        wt[t] = m.count[first + t];
    }
    free(m.in);
    free(m.out);
    m.in = m.out = NULL;
    {
        double t1 = now();
        for (g = 0; g < p.nk; g++) {
            assign[g] = xmalloc_n(N, sizeof *assign[g]);
            kmeans(X, N, m.stride, p.k[g], p.kmeans_iter, p.seed, wt,
                   assign[g], &pr);
        }
        t_cluster = now() - t1;
    }
    size = write_clusters(outf, out, &voc, &m, first, N, assign, &p);
    info("wrote %s: %zu words, %ld bytes; times: read %.1f s, train %.1f s, "
         "cluster %.1f s, total %.1f s",
         out, N, size, t_read, t_train, t_cluster, now() - t_start);

    for (g = 0; g < p.nk; g++)
        free(assign[g]);
    free(X);
    free(wt);
    model_free(&m);
    vocab_free(&voc);
    return 0;
}
