/*
 * src_collect.c - expanding command-line paths into input files
 * (ms_collect) and telling their kind (ms_guess_kind).
 *
 * Directories are walked depth first; the entries of each are sorted by
 * name (bytewise) so that runs see files in the same order everywhere.
 * Entries whose name starts with '.' are skipped.  Entries are examined
 * with lstat: symbolic links to files are followed, links to directories
 * too, but every directory is entered at most once (a set of device and
 * inode numbers), which also ends link loops.  Devices, sockets and
 * FIFOs met inside directories are left out; given by name they are kept.
 *
 * A file's kind comes from its name when the extension is known, else
 * from its first bytes; gzip is told by the magic bytes 1F 8B.
 */
#define _POSIX_C_SOURCE 200809L
#define ZLIB_CONST

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "ingest/src_internal.h"

#define MAX_DEPTH 256
#define SNIFF_RAW 4096  /* raw bytes read to look at a file */
#define SNIFF_OUT 512   /* decompressed bytes looked at */

/* ------------------------------------------------------------ kinds */

const char *ms_kind_name(ms_kind kind)
{
    switch (kind) {
    case MS_HTML:
        return "html";
    case MS_JSONL:
        return "jsonl";
    default:
        return "text";
    }
}

static int lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/* Case-insensitive: does s[0..n) end with suffix? */
static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix), i;
    if (k > n)
        return 0;
    for (i = 0; i < k; i++)
        if (lower((unsigned char)s[n - k + i]) != suffix[i])
            return 0;
    return 1;
}

/* Kind from the name; 0 when the extension does not tell. */
static int kind_from_name(const char *name, ms_kind *kind)
{
    static const char *const jsonl[] = {".jsonl", ".ndjson", ".json"};
    static const char *const html[] = {".html", ".htm", ".xhtml"};
    static const char *const text[] = {".txt", ".text"};
    const char *base = strrchr(name, '/');
    size_t n, i;

    base = base ? base + 1 : name;
    n = strlen(base);
    if (ends_with(base, n, ".gz"))
        n -= 3;
    for (i = 0; i < sizeof jsonl / sizeof *jsonl; i++)
        if (ends_with(base, n, jsonl[i])) {
            *kind = MS_JSONL;
            return 1;
        }
    for (i = 0; i < sizeof html / sizeof *html; i++)
        if (ends_with(base, n, html[i])) {
            *kind = MS_HTML;
            return 1;
        }
    for (i = 0; i < sizeof text / sizeof *text; i++)
        if (ends_with(base, n, text[i])) {
            *kind = MS_TEXT;
            return 1;
        }
    return 0;
}

/* Does s[0..n) start with the lower-case word w, any case? */
static int starts_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w), i;
    if (n < k)
        return 0;
    for (i = 0; i < k; i++)
        if (lower((unsigned char)s[i]) != w[i])
            return 0;
    return 1;
}

ms_kind ms_guess_kind(const char *name, const char *head, size_t n)
{
    ms_kind kind = MS_TEXT;
    size_t i = 0;

    if (name && kind_from_name(name, &kind))
        return kind;
    if (!head)
        return MS_TEXT;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (head[i] == ' ' || (head[i] >= 0x09 && head[i] <= 0x0D)))
        i++;
    if (i < n && head[i] == '{')
        return MS_JSONL;
    if (starts_ci(head + i, n - i, "<!doctype html") ||
        starts_ci(head + i, n - i, "<html") ||
        starts_ci(head + i, n - i, "<head") ||
        starts_ci(head + i, n - i, "<body"))
        return MS_HTML;
    return MS_TEXT;
}

/* Reads the first bytes of a regular file: whether it is gzip, and its
 * kind when the name does not tell.  A file that cannot be opened keeps
 * what its name says; ms_read reports it later. */
static void sniff(const char *path, ms_file *f)
{
    unsigned char raw[SNIFF_RAW];
    char out[SNIFF_OUT];
    ms_kind kind = MS_TEXT;
    int known = kind_from_name(path, &kind), fd;
    ssize_t n;
    size_t nout = 0;

    f->kind = kind;
    f->gzip = ends_with(path, strlen(path), ".gz");
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return;
    do
        n = read(fd, raw, known ? 2 : sizeof raw);
    while (n < 0 && errno == EINTR);
    close(fd);
    if (n < 0)
        return;
    f->gzip = n >= 2 && raw[0] == 0x1F && raw[1] == 0x8B;
    if (known)
        return;
    if (f->gzip) {
        z_stream z;
        memset(&z, 0, sizeof z);
        if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
            return;
        z.next_in = raw;
        z.avail_in = (uInt)n;
        z.next_out = (unsigned char *)out;
        z.avail_out = sizeof out;
        (void)inflate(&z, Z_NO_FLUSH);
        nout = sizeof out - z.avail_out;
        inflateEnd(&z);
    } else {
        nout = (size_t)n < sizeof out ? (size_t)n : sizeof out;
        memcpy(out, raw, nout);
    }
    f->kind = ms_guess_kind(NULL, out, nout);
}

/* ------------------------------------------------------------ walking */

typedef struct dirkey {
    dev_t dev;
    ino_t ino;
    int used;
} dirkey;

typedef struct walker {
    ms_list *out;
    size_t cap;
    ms_err_fn err;
    void *ud;
    size_t *nerrors;
    dirkey *seen; /* open-addressing set of entered directories */
    size_t seencap, nseen;
} walker;

static void problem(walker *w, int severity, const char *path,
                    const char *msg)
{
    if (severity == MS_ERROR && w->nerrors)
        (*w->nerrors)++;
    if (w->err)
        w->err(severity, path, 0, msg, w->ud);
}

static size_t dirkey_slot(const dirkey *t, size_t cap, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)ino * UINT64_C(0x9E3779B97F4A7C15)) ^
                 ((uint64_t)dev * UINT64_C(0xC2B2AE3D27D4EB4F));
    size_t i = (size_t)(h >> 17) & (cap - 1);
    while (t[i].used && !(t[i].dev == dev && t[i].ino == ino))
        i = (i + 1) & (cap - 1);
    return i;
}

/* 1 when added, 0 when already there, -1 when out of memory. */
static int seen_add(walker *w, dev_t dev, ino_t ino)
{
    size_t i;

    if ((w->nseen + 1) * 2 > w->seencap) {
        size_t ncap = w->seencap ? w->seencap * 2 : 64, j;
        dirkey *t = calloc(ncap, sizeof *t);
        if (!t)
            return -1;
        for (j = 0; j < w->seencap; j++)
            if (w->seen[j].used)
                t[dirkey_slot(t, ncap, w->seen[j].dev, w->seen[j].ino)] =
                    w->seen[j];
        free(w->seen);
        w->seen = t;
        w->seencap = ncap;
    }
    i = dirkey_slot(w->seen, w->seencap, dev, ino);
    if (w->seen[i].used)
        return 0;
    w->seen[i].used = 1;
    w->seen[i].dev = dev;
    w->seen[i].ino = ino;
    w->nseen++;
    return 1;
}

static int add_file(walker *w, const char *path, const struct stat *st)
{
    ms_file *f;
    size_t n = strlen(path);

    if (w->out->n == w->cap) {
        size_t ncap = w->cap ? w->cap * 2 : 64;
        ms_file *nf = realloc(w->out->files, ncap * sizeof *nf);
        if (!nf)
            return -1;
        w->out->files = nf;
        w->cap = ncap;
    }
    f = &w->out->files[w->out->n];
    memset(f, 0, sizeof *f);
    f->path = malloc(n + 1);
    if (!f->path)
        return -1;
    memcpy(f->path, path, n + 1);
    f->size = S_ISREG(st->st_mode) ? (uint64_t)st->st_size : 0;
    f->mtime = (int64_t)st->st_mtime;
    if (S_ISREG(st->st_mode)) {
        sniff(path, f);
    } else {
        ms_kind kind = MS_TEXT;
        kind_from_name(path, &kind);
        f->kind = kind;
        f->gzip = ends_with(path, n, ".gz");
    }
    w->out->n++;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Reads the visible names of a directory, sorted.  Returns 0, 1 when the
 * directory cannot be listed (reported), -1 when out of memory. */
static int list_dir(walker *w, const char *path, char ***names, size_t *n)
{
    DIR *d = opendir(path);
    struct dirent *e;
    size_t cap = 0;

    *names = NULL;
    *n = 0;
    if (!d) {
        problem(w, MS_ERROR, path, strerror(errno));
        return 1;
    }
    for (;;) {
        size_t k;
        errno = 0;
        e = readdir(d);
        if (!e) {
            if (errno) {
                problem(w, MS_ERROR, path, strerror(errno));
                closedir(d);
                return 1;
            }
            break;
        }
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nn = realloc(*names, ncap * sizeof *nn);
            if (!nn)
                goto oom;
            *names = nn;
            cap = ncap;
        }
        k = strlen(e->d_name);
        (*names)[*n] = malloc(k + 1);
        if (!(*names)[*n])
            goto oom;
        memcpy((*names)[*n], e->d_name, k + 1);
        (*n)++;
    }
    closedir(d);
    if (*n > 1)
        qsort(*names, *n, sizeof **names, cmp_names);
    return 0;
oom:
    closedir(d);
    return -1;
}

static int walk_dir(walker *w, const char *path, int depth)
{
    char **names;
    size_t n, i, plen = strlen(path);
    int rc = list_dir(w, path, &names, &n), slash;

    if (rc) {
        if (rc < 0)
            free_names(names, n);
        return rc < 0 ? -1 : 0;
    }
    slash = plen > 0 && path[plen - 1] == '/';
    for (i = 0; i < n && rc == 0; i++) {
        size_t k = strlen(names[i]);
        char *full = malloc(plen + 1 + k + 1);
        struct stat st;
        int link = 0;

        if (!full) {
            rc = -1;
            break;
        }
        memcpy(full, path, plen);
        if (!slash)
            full[plen] = '/';
        memcpy(full + plen + !slash, names[i], k + 1);
        if (lstat(full, &st) != 0) {
            problem(w, MS_ERROR, full, strerror(errno));
        } else {
            if (S_ISLNK(st.st_mode)) {
                link = 1;
                if (stat(full, &st) != 0) {
                    char msg[160];
                    snprintf(msg, sizeof msg, "%s (dangling symbolic link)",
                             strerror(errno));
                    problem(w, MS_ERROR, full, msg);
                    free(full);
                    continue;
                }
            }
            if (S_ISDIR(st.st_mode)) {
                int added = seen_add(w, st.st_dev, st.st_ino);
                if (added < 0)
                    rc = -1;
                else if (added == 0 && link)
                    problem(w, MS_WARN, full, "directory already read "
                            "(symbolic link loop or alias), skipped");
                else if (added > 0 && depth >= MAX_DEPTH)
                    problem(w, MS_ERROR, full, "directories nested too "
                            "deep, skipped");
                else if (added > 0)
                    rc = walk_dir(w, full, depth + 1);
            } else if (S_ISREG(st.st_mode)) {
                rc = add_file(w, full, &st);
            }
        }
        free(full);
    }
    free_names(names, n);
    return rc;
}

int ms_collect(const char *const *paths, size_t npaths, ms_list *out,
               ms_err_fn err, void *ud, size_t *nerrors)
{
    walker w;
    size_t i;
    int rc = 0;

    memset(&w, 0, sizeof w);
    w.out = out;
    w.err = err;
    w.ud = ud;
    w.nerrors = nerrors;
    out->files = NULL;
    out->n = 0;
    if (nerrors)
        *nerrors = 0;
    for (i = 0; i < npaths && rc == 0; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            problem(&w, MS_ERROR, paths[i], strerror(errno));
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            int added = seen_add(&w, st.st_dev, st.st_ino);
            if (added < 0)
                rc = -1;
            else if (added > 0)
                rc = walk_dir(&w, paths[i], 0);
        } else {
            rc = add_file(&w, paths[i], &st);
        }
    }
    free(w.seen);
    return rc;
}

void ms_list_free(ms_list *l)
{
    size_t i;

    if (!l)
        return;
    for (i = 0; i < l->n; i++)
        free(l->files[i].path);
    free(l->files);
    l->files = NULL;
    l->n = 0;
}
