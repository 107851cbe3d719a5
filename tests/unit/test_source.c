/*
 * test_source.c - the input reader (src/ingest/source.h) on hostile
 * input made at test time in a temporary directory: a tree with nested
 * and hidden entries and symbolic links, unreadable and empty files,
 * binary data, Windows-1256 and broken UTF-8, JSON Lines with bad
 * records, gzip whole, concatenated, truncated and corrupt, a 100 MB
 * line, byte order marks and CRLF.  Each test checks the documents
 * delivered, the problems reported (file, line, message) and the return
 * code.
 */
#define _XOPEN_SOURCE 700

#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "ingest/source.h"
#include "ingest/src_internal.h"
#include "marsad.h"

/* ------------------------------------------------------------ recording */

#define MAXREC 256

typedef struct rec_doc {
    char *path;
    long line;
    int kind;
    char *data;
    size_t len;
    char *ext_id, *title, *source, *date, *url, *author;
    char encoding[32];
} rec_doc;

typedef struct rec {
    rec_doc docs[MAXREC]; /* the first MAXREC documents */
    size_t ndocs;
    size_t count;         /* all documents */
    long lastline;        /* line of the last document */
    int inorder;          /* 0 once a line number did not increase */
    char *errs[MAXREC]; /* "E path:line: msg" or "W ..." */
    long errline[MAXREC];
    size_t nerrs;
    int stop_after; /* return 7 after this many documents; 0 never */
    uint64_t prog[4096];
    size_t nprog;
    int keep_data;  /* 0: keep only the length and a checksum */
    uint64_t sum;
} rec;

static char *dupn(const char *s, size_t n)
{
    char *d;
    if (!s)
        return NULL;
    d = malloc(n + 1);
    assert_non_null(d);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *dups(const char *s)
{
    return s ? dupn(s, strlen(s)) : NULL;
}

static int on_doc(const ms_doc *d, void *ud)
{
    rec *r = ud;
    rec_doc *x;
    /* text is always valid UTF-8; HTML is unless it declares a charset */
    if (d->kind == MS_TEXT || strcmp(d->encoding, "utf-8") == 0)
        assert_int_equal(marsad_utf8_validate(d->data, d->len, NULL),
                         MARSAD_OK);
    assert_non_null(d->path);
    if (r->count > 0 && d->line <= r->lastline)
        r->inorder = 0;
    r->lastline = d->line;
    r->count++;
    if (r->stop_after && r->count == (size_t)r->stop_after)
        return 7;
    if (r->ndocs == MAXREC)
        return 0;
    x = &r->docs[r->ndocs++];
    memset(x, 0, sizeof *x);
    x->path = dups(d->path);
    x->line = d->line;
    x->kind = d->kind;
    x->len = d->len;
    if (r->keep_data) {
        x->data = dupn(d->data, d->len);
    } else {
        size_t i;
        for (i = 0; i < d->len; i += 4096)
            r->sum = r->sum * 31 + (unsigned char)d->data[i];
    }
    x->ext_id = dups(d->ext_id);
    if (d->meta) {
        x->title = dups(d->meta->title);
        x->source = dups(d->meta->source);
        x->date = dups(d->meta->date);
        x->url = dups(d->meta->url);
        x->author = dups(d->meta->author);
    }
    snprintf(x->encoding, sizeof x->encoding, "%s", d->encoding);
    return 0;
}

static void on_err(int severity, const char *path, long line,
                   const char *msg, void *ud)
{
    rec *r = ud;
    char buf[1024];
    assert_non_null(path);
    assert_true(msg[0] != '\0');
    assert_null(strchr(msg, '\n'));
    snprintf(buf, sizeof buf, "%c %s:%ld: %s",
             severity == MS_ERROR ? 'E' : 'W', path, line, msg);
    /* past MAXREC the last slot holds the latest problem */
    if (r->nerrs == MAXREC)
        free(r->errs[--r->nerrs]);
    r->errline[r->nerrs] = line;
    r->errs[r->nerrs++] = dups(buf);
}

static void on_progress(uint64_t done, void *ud)
{
    rec *r = ud;
    if (r->nprog < sizeof r->prog / sizeof r->prog[0])
        r->prog[r->nprog++] = done;
}

static void rec_clear(rec *r)
{
    size_t i;
    for (i = 0; i < r->ndocs; i++) {
        rec_doc *x = &r->docs[i];
        free(x->path);
        free(x->data);
        free(x->ext_id);
        free(x->title);
        free(x->source);
        free(x->date);
        free(x->url);
        free(x->author);
    }
    for (i = 0; i < r->nerrs; i++)
        free(r->errs[i]);
    memset(r, 0, sizeof *r);
    r->keep_data = 1;
    r->inorder = 1;
}

/* The index of the first problem containing every one of the strings
 * (NULL-terminated list), or fails the test showing what there was. */
static size_t find_err(const rec *r, const char *first, ...)
{
    size_t i;
    for (i = 0; i < r->nerrs; i++) {
        va_list ap;
        const char *s = first;
        int ok = 1;
        va_start(ap, first);
        while (s) {
            if (!strstr(r->errs[i], s))
                ok = 0;
            s = va_arg(ap, const char *);
        }
        va_end(ap);
        if (ok)
            return i;
    }
    for (i = 0; i < r->nerrs; i++)
        print_message("  reported: %s\n", r->errs[i]);
    fail_msg("no problem reported with \"%s\"", first);
    return 0;
}

/* ------------------------------------------------------------ files */

static char tmpdir[256];

static void path_of(char *out, size_t cap, const char *name)
{
    int n = snprintf(out, cap, "%s/%s", tmpdir, name);
    assert_true(n > 0 && (size_t)n < cap);
}

static void write_file(const char *name, const void *data, size_t n)
{
    char p[512];
    FILE *f;
    path_of(p, sizeof p, name);
    f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static void write_str(const char *name, const char *s)
{
    write_file(name, s, strlen(s));
}

static void write_gz(const char *name, const char *s, size_t n)
{
    char p[512];
    gzFile g;
    path_of(p, sizeof p, name);
    g = gzopen(p, "wb6");
    assert_non_null(g);
    assert_int_equal(gzwrite(g, s, (unsigned)n), (int)n);
    assert_int_equal(gzclose(g), Z_OK);
}

static char *slurp(const char *name, size_t *n)
{
    char p[512];
    FILE *f;
    char *b;
    long k;
    path_of(p, sizeof p, name);
    f = fopen(p, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    k = ftell(f);
    assert_true(k >= 0);
    rewind(f);
    b = malloc((size_t)k + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)k, f), (size_t)k);
    fclose(f);
    *n = (size_t)k;
    return b;
}

static void mkdir_in(const char *name)
{
    char p[512];
    path_of(p, sizeof p, name);
    assert_int_equal(mkdir(p, 0755), 0);
}

/* Reads tmpdir/name as a file of the given kind. */
static int read_as(const char *name, ms_kind kind, rec *r)
{
    char p[512];
    ms_file f;
    path_of(p, sizeof p, name);
    memset(&f, 0, sizeof f);
    f.path = p;
    f.kind = kind;
    return ms_read(&f, on_doc, on_err, on_progress, r);
}

static int rm_entry(const char *p, const struct stat *st, int flag,
                    struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        return rmdir(p);
    return unlink(p);
}

static int unlock_entry(const char *p, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)ftw;
    if (flag == FTW_D || flag == FTW_DNR)
        chmod(p, 0755);
    else if (flag == FTW_F && (st->st_mode & 0777) == 0)
        chmod(p, 0644);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/marsad-source-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    nftw(tmpdir, unlock_entry, 16, FTW_PHYS);
    return nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ------------------------------------------------------------ collect */

static void test_collect_tree(void **state)
{
    char root[512], p[512], q[512];
    const char *paths[2];
    ms_list l;
    size_t nerr = 99, i;
    rec r;
    static const char *const want[] = {
        "tree/a.jsonl", "tree/b.txt", "tree/data.bin", "tree/link.txt",
        "tree/noext", "tree/page", "tree/sub/c.html", "tree/sub/deeper/d.txt",
        "tree/sub/z.gz",
    };
    static const ms_kind kinds[] = {MS_JSONL, MS_TEXT, MS_JSONL, MS_TEXT,
                                    MS_JSONL, MS_HTML, MS_HTML, MS_TEXT,
                                    MS_HTML};
    static const int gz[] = {0, 0, 1, 0, 0, 0, 0, 0, 1};
    (void)state;

    memset(&r, 0, sizeof r);
    rec_clear(&r);
    mkdir_in("tree");
    mkdir_in("tree/sub");
    mkdir_in("tree/sub/deeper");
    mkdir_in("tree/.hiddendir");
    write_str("tree/b.txt", "نص\n");
    write_str("tree/a.jsonl", "{\"text\":\"x\"}\n");
    write_str("tree/.hidden.txt", "secret\n");
    write_str("tree/.hiddendir/e.txt", "secret\n");
    write_str("tree/sub/c.html", "<p>x</p>");
    write_str("tree/sub/deeper/d.txt", "d");
    write_str("tree/noext", "  {\"text\":\"sniffed\"}\n");
    write_str("tree/page", "\xEF\xBB\xBF\n<!DOCTYPE HTML><title>t</title>");
    write_gz("tree/sub/z.gz", "<html><body>gz</body></html>", 28);
    write_gz("tree/data.bin", "{\"text\":\"a\"}\n", 13);
    path_of(root, sizeof root, "tree");
    path_of(p, sizeof p, "tree/link.txt");
    assert_int_equal(symlink("b.txt", p), 0);
    path_of(p, sizeof p, "tree/sub/loop");
    assert_int_equal(symlink("..", p), 0);
    path_of(p, sizeof p, "tree/dangling");
    assert_int_equal(symlink("nowhere", p), 0);

    paths[0] = root;
    paths[1] = "/nonexistent/marsad/input";
    assert_int_equal(ms_collect(paths, 2, &l, on_err, &r, &nerr), 0);
    assert_int_equal(l.n, sizeof want / sizeof *want);
    for (i = 0; i < l.n; i++) {
        path_of(q, sizeof q, want[i]);
        assert_string_equal(l.files[i].path, q);
        assert_int_equal(l.files[i].kind, kinds[i]);
        assert_int_equal(l.files[i].gzip, gz[i]);
    }
    assert_int_equal(l.files[1].size, strlen("نص\n"));
    assert_true(l.files[1].mtime > 0);
    /* the dangling link and the missing path are errors; the loop is a
     * warning */
    assert_int_equal(nerr, 2);
    find_err(&r, "E ", "tree/dangling:0:", "No such file or directory",
             NULL);
    find_err(&r, "E /nonexistent/marsad/input:0: No such file or directory",
             NULL);
    find_err(&r, "W ", "tree/sub/loop:0:", "already read", NULL);
    ms_list_free(&l);
    assert_null(l.files);

    /* a file given by name is kept even when hidden; a directory given
     * twice is walked once */
    rec_clear(&r);
    path_of(p, sizeof p, "tree/.hidden.txt");
    path_of(q, sizeof q, "tree/sub/deeper/");
    paths[0] = p;
    paths[1] = q;
    assert_int_equal(ms_collect(paths, 2, &l, on_err, &r, &nerr), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.files[0].path, p);
    path_of(p, sizeof p, "tree/sub/deeper/d.txt");
    assert_string_equal(l.files[1].path, p);
    assert_int_equal(nerr, 0);
    ms_list_free(&l);

    /* an unlistable directory (not testable as root, who lists all) */
    path_of(p, sizeof p, "tree/sub/deeper");
    assert_int_equal(chmod(p, 0), 0);
    if (access(p, R_OK) != 0) {
        rec_clear(&r);
        paths[0] = root;
        assert_int_equal(ms_collect(paths, 1, &l, on_err, &r, &nerr), 0);
        assert_int_equal(l.n, sizeof want / sizeof *want - 1);
        find_err(&r, "E ", "tree/sub/deeper:0: Permission denied", NULL);
        ms_list_free(&l);
    }
    assert_int_equal(chmod(p, 0755), 0);
    rec_clear(&r);
}

static void test_guess_kind(void **state)
{
    (void)state;
    assert_int_equal(ms_guess_kind("a/b.JSONL.GZ", NULL, 0), MS_JSONL);
    assert_int_equal(ms_guess_kind("x.ndjson", NULL, 0), MS_JSONL);
    assert_int_equal(ms_guess_kind("x.json.gz", NULL, 0), MS_JSONL);
    assert_int_equal(ms_guess_kind("x.xhtml", "{", 1), MS_HTML);
    assert_int_equal(ms_guess_kind("x.htm.gz", NULL, 0), MS_HTML);
    assert_int_equal(ms_guess_kind("x.txt", "<html>", 6), MS_TEXT);
    assert_int_equal(ms_guess_kind("x.dat", "\xEF\xBB\xBF\r\n {", 7),
                     MS_JSONL);
    assert_int_equal(ms_guess_kind("x", "<HEAD>", 6), MS_HTML);
    assert_int_equal(ms_guess_kind("x", " <!doctype html>", 16), MS_HTML);
    assert_int_equal(ms_guess_kind("x", "<!doctype", 9), MS_TEXT);
    assert_int_equal(ms_guess_kind("x", "plain", 5), MS_TEXT);
    assert_int_equal(ms_guess_kind(".gz", NULL, 0), MS_TEXT);
    assert_string_equal(ms_kind_name(MS_JSONL), "jsonl");
    assert_string_equal(ms_kind_name(MS_HTML), "html");
    assert_string_equal(ms_kind_name(MS_TEXT), "text");
}

/* ------------------------------------------------------------ bad files */

static void test_bad_files(void **state)
{
    rec r;
    char p[512];
    static const unsigned char bin[] = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
    (void)state;

    memset(&r, 0, sizeof r);
    rec_clear(&r);

    /* unreadable */
    write_str("locked.txt", "نص\n");
    path_of(p, sizeof p, "locked.txt");
    assert_int_equal(chmod(p, 0), 0);
    if (access(p, R_OK) != 0) {
        assert_int_equal(read_as("locked.txt", MS_TEXT, &r), 1);
        assert_int_equal(r.ndocs, 0);
        find_err(&r, "E ", "locked.txt:0: cannot open: Permission denied",
                 NULL);
        rec_clear(&r);
    }
    assert_int_equal(chmod(p, 0644), 0);

    /* a directory where a file is expected */
    mkdir_in("adir.txt");
    assert_int_equal(read_as("adir.txt", MS_TEXT, &r), 1);
    find_err(&r, "E ", "adir.txt:0: is a directory", NULL);
    rec_clear(&r);

    /* gone */
    assert_int_equal(read_as("missing.txt", MS_TEXT, &r), 1);
    find_err(&r, "missing.txt:0: cannot open: No such file or directory",
             NULL);
    rec_clear(&r);

    /* empty, in each kind, and empty after decompression */
    write_str("empty.txt", "");
    assert_int_equal(read_as("empty.txt", MS_TEXT, &r), 1);
    assert_int_equal(read_as("empty.txt", MS_JSONL, &r), 1);
    assert_int_equal(read_as("empty.txt", MS_HTML, &r), 1);
    assert_int_equal(r.nerrs, 3);
    find_err(&r, "E ", "empty.txt:0: empty file", NULL);
    rec_clear(&r);
    write_gz("empty.jsonl.gz", "", 0);
    assert_int_equal(read_as("empty.jsonl.gz", MS_JSONL, &r), 1);
    find_err(&r, "E ", "empty.jsonl.gz:0: empty file", NULL);
    rec_clear(&r);
    write_str("blank.txt", "\xEF\xBB\xBF \r\n\t\n");
    assert_int_equal(read_as("blank.txt", MS_TEXT, &r), 1);
    find_err(&r, "blank.txt:0: empty file (only white space)", NULL);
    assert_int_equal(read_as("blank.txt", MS_JSONL, &r), 1);
    find_err(&r, "blank.txt:0: empty file (only blank lines)", NULL);
    assert_int_equal(r.ndocs, 0);
    rec_clear(&r);

    /* binary: NUL bytes, control bytes, random high bytes */
    write_file("zip.txt", bin, sizeof bin);
    assert_int_equal(read_as("zip.txt", MS_TEXT, &r), 1);
    find_err(&r, "E ", "zip.txt:0: binary data, not text (NUL byte at "
             "offset 5)", NULL);
    assert_int_equal(read_as("zip.txt", MS_JSONL, &r), 1);
    assert_int_equal(read_as("zip.txt", MS_HTML, &r), 1);
    assert_int_equal(r.nerrs, 3);
    assert_int_equal(r.ndocs, 0);
    rec_clear(&r);
    write_str("ctrl.txt", "\x01\x02\x03\x04 abc \x05\x06\x07\x08");
    assert_int_equal(read_as("ctrl.txt", MS_TEXT, &r), 1);
    find_err(&r, "ctrl.txt:0: binary data, not text (control bytes)", NULL);
    rec_clear(&r);
    {
        unsigned char junk[4000];
        uint32_t x = 12345;
        size_t i;
        for (i = 0; i < sizeof junk; i++) {
            x = x * 1103515245u + 12345u;
            junk[i] = (unsigned char)(0x80 | (x >> 24));
        }
        write_file("junk.txt", junk, sizeof junk);
        assert_int_equal(read_as("junk.txt", MS_TEXT, &r), 1);
        find_err(&r, "junk.txt:0: binary data, not text (", "invalid UTF-8",
                 "not windows-1256", NULL);
        rec_clear(&r);
    }

    /* UTF-16 */
    write_file("u16.txt", "\xFF\xFE" "a\0b\0", 6);
    assert_int_equal(read_as("u16.txt", MS_TEXT, &r), 1);
    find_err(&r, "u16.txt:0: UTF-16 text", "convert it to UTF-8", NULL);
    rec_clear(&r);
}

/* ------------------------------------------------------------ encodings */

/* "مرحبا بالعالم" and "السلام عليكم" in Windows-1256 */
#define CP_HELLO "\xE3\xD1\xCD\xC8\xC7 \xC8\xC7\xE1\xDA\xC7\xE1\xE3"
#define U8_HELLO "مرحبا بالعالم"
#define CP_PEACE "\xC7\xE1\xD3\xE1\xC7\xE3 \xDA\xE1\xED\xDF\xE3"
#define U8_PEACE "السلام عليكم"

static void test_encodings(void **state)
{
    rec r;
    (void)state;
    memset(&r, 0, sizeof r);
    rec_clear(&r);

    /* Windows-1256 text, with Arabic punctuation (، is A1, ؟ is BF) */
    write_str("cp.txt", CP_HELLO "\xA1 " CP_PEACE "\xBF\n");
    assert_int_equal(read_as("cp.txt", MS_TEXT, &r), 0);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.docs[0].data, U8_HELLO "، " U8_PEACE "؟\n");
    assert_string_equal(r.docs[0].encoding, "windows-1256");
    assert_int_equal(r.docs[0].line, 0);
    assert_null(r.docs[0].title);
    find_err(&r, "W ", "cp.txt:0: converted from windows-1256", NULL);
    rec_clear(&r);

    /* UTF-8 with a few bad bytes: one U+FFFD per maximal subpart */
    write_str("bad.txt", "\xEF\xBB\xBF" "نص \xFF صحيح \xE2\x82( آخر");
    assert_int_equal(read_as("bad.txt", MS_TEXT, &r), 0);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.docs[0].data,
                        "نص \xEF\xBF\xBD صحيح \xEF\xBF\xBD( آخر");
    assert_string_equal(r.docs[0].encoding, "utf-8");
    /* offsets count from the start of the file, byte order mark included */
    find_err(&r, "W ", "bad.txt:0: invalid UTF-8 replaced at byte offset 8 "
             "(2 places)", NULL);
    rec_clear(&r);

    /* valid UTF-8 with a byte order mark and CRLF: the mark goes, the
     * rest stays as it is */
    write_str("bom.txt", "\xEF\xBB\xBF" "سطر\r\nسطر\r\n");
    assert_int_equal(read_as("bom.txt", MS_TEXT, &r), 0);
    assert_string_equal(r.docs[0].data, "سطر\r\nسطر\r\n");
    assert_int_equal(r.nerrs, 0);
    rec_clear(&r);

    /* HTML: UTF-8 as it is; a declared charset passes raw; undeclared
     * Windows-1256 is converted; NUL bytes are refused */
    write_str("u.html", "\xEF\xBB\xBF<html><body>نص</body></html>");
    assert_int_equal(read_as("u.html", MS_HTML, &r), 0);
    assert_string_equal(r.docs[0].data,
                        "\xEF\xBB\xBF<html><body>نص</body></html>");
    assert_int_equal(r.docs[0].kind, MS_HTML);
    assert_string_equal(r.docs[0].encoding, "utf-8");
    rec_clear(&r);
    write_str("d.html", "<html><head><meta http-equiv=\"Content-Type\" "
              "content=\"text/html; charset=Windows-1256\"></head><body>"
              CP_HELLO "</body></html>");
    assert_int_equal(read_as("d.html", MS_HTML, &r), 0);
    assert_string_equal(r.docs[0].encoding, "windows-1256");
    assert_non_null(strstr(r.docs[0].data, CP_HELLO));
    assert_int_equal(r.nerrs, 0);
    rec_clear(&r);
    write_str("n.html", "<html><body><p>" CP_HELLO " " CP_PEACE
              "</p></body></html>");
    assert_int_equal(read_as("n.html", MS_HTML, &r), 0);
    assert_string_equal(r.docs[0].data, "<html><body><p>" U8_HELLO " "
                        U8_PEACE "</p></body></html>");
    assert_string_equal(r.docs[0].encoding, "windows-1256");
    find_err(&r, "W ", "n.html:0: converted from windows-1256", NULL);
    rec_clear(&r);
    write_file("z.html", "<html>\0</html>", 14);
    assert_int_equal(read_as("z.html", MS_HTML, &r), 1);
    find_err(&r, "E ", "z.html:0: binary data, not text", NULL);
    rec_clear(&r);
}

/* ------------------------------------------------------------ JSON lines */

static const char jsonl_mixed[] =
    /* 1 */ "{\"id\":\"a1\",\"source\":\"alarabiya\",\"date\":\"2018-02-18\","
    "\"url\":\"http://x/1\",\"title\":\"عنوان\",\"text\":\"نص \\\"أول\\\"\\n"
    "سطر\"}\n"
    /* 2 */ "{\"text\":\"ثان\",\"headline\":\"ع\\u0646\",\"outlet\":\"o\","
    "\"published\":\"p\",\"author\":\"كاتب\"}\n"
    /* 3 */ "{\"text\": \"x\",\n"
    /* 4 */ "   \t\n"
    /* 5 */ "[1,2]\n"
    /* 6 */ "{\"title\":\"t\"}\n"
    /* 7 */ "{\"text\": 5}\n"
    /* 8 */ "{\"text\": \"\"}\n"
    /* 9 */ "{\"text\":\"crlf\"}\r\n"
    /* 10 */ "{\"body\":\"جسم\",\"text\":null,\"site\":\"s\"}\n"
    /* 11 */ "{\"content\":\"محتوى\",\"datePublished\":\"dp\"}\n"
    /* 12 */ "{\"text\":\"t12\",\"author\":[\"أ\",7,\"ب\",\"\"],"
    "\"extra\":{\"deep\":[1,{\"x\":null}]}}\n"
    /* 13 */ "{\"id\":12345,\"text\":\"t13\"}\n"
    /* 14 */ "{\"text\":\"t14\",\"title\":5,\"source\":null,\"date\":[\"d\"],"
    "\"url\":true,\"id\":{},\"author\":false}\n"
    /* 15 */ "{\"text\":\"bad \xFF byte\",\"title\":\"\xC3(\"}\n"
    /* 16 */ "\"just a string\"\n"
    /* 17 */ "{\"text\":\"a\" \"b\"}\n"
    /* 18 */ "{\"text\":\"lone \\ud800\"}\n"
    /* 19 */ "{\"text\":\"last, no newline\",\"text\":\"dup wins\"}";

static void test_jsonl_records(void **state)
{
    rec r;
    size_t i;
    (void)state;
    memset(&r, 0, sizeof r);
    rec_clear(&r);

    write_str("mixed.jsonl", jsonl_mixed);
    assert_int_equal(read_as("mixed.jsonl", MS_JSONL, &r), 0);
    assert_int_equal(r.ndocs, 10);
    assert_true(r.inorder);

    assert_int_equal(r.docs[0].line, 1);
    assert_int_equal(r.docs[0].kind, MS_TEXT);
    assert_string_equal(r.docs[0].data, "نص \"أول\"\nسطر");
    assert_string_equal(r.docs[0].ext_id, "a1");
    assert_string_equal(r.docs[0].source, "alarabiya");
    assert_string_equal(r.docs[0].date, "2018-02-18");
    assert_string_equal(r.docs[0].url, "http://x/1");
    assert_string_equal(r.docs[0].title, "عنوان");
    assert_null(r.docs[0].author);
    assert_string_equal(r.docs[0].encoding, "utf-8");

    assert_int_equal(r.docs[1].line, 2);
    assert_string_equal(r.docs[1].data, "ثان");
    assert_null(r.docs[1].ext_id);
    assert_string_equal(r.docs[1].title, "عن");
    assert_string_equal(r.docs[1].source, "o");
    assert_string_equal(r.docs[1].date, "p");
    assert_string_equal(r.docs[1].author, "كاتب");

    assert_int_equal(r.docs[2].line, 9);
    assert_string_equal(r.docs[2].data, "crlf");

    assert_int_equal(r.docs[3].line, 10);
    assert_string_equal(r.docs[3].data, "جسم");
    assert_string_equal(r.docs[3].source, "s");

    assert_int_equal(r.docs[4].line, 11);
    assert_string_equal(r.docs[4].data, "محتوى");
    assert_string_equal(r.docs[4].date, "dp");

    assert_int_equal(r.docs[5].line, 12);
    assert_string_equal(r.docs[5].author, "أ، ب");

    assert_int_equal(r.docs[6].line, 13);
    assert_string_equal(r.docs[6].ext_id, "12345");

    assert_int_equal(r.docs[7].line, 14);
    assert_string_equal(r.docs[7].data, "t14");
    assert_null(r.docs[7].title);
    assert_null(r.docs[7].source);
    assert_null(r.docs[7].date);
    assert_null(r.docs[7].url);
    assert_null(r.docs[7].ext_id);
    assert_null(r.docs[7].author);

    assert_int_equal(r.docs[8].line, 15);
    assert_string_equal(r.docs[8].data, "bad \xEF\xBF\xBD byte");
    assert_string_equal(r.docs[8].title, "\xEF\xBF\xBD(");

    /* the last line has no newline; of duplicate keys the last wins */
    assert_int_equal(r.docs[9].line, 19);
    assert_string_equal(r.docs[9].data, "dup wins");

    find_err(&r, "E ", "mixed.jsonl:3: invalid JSON: ", "at column", NULL);
    find_err(&r, "E ", "mixed.jsonl:5: no text field (the line holds an "
             "array, not an object)", NULL);
    find_err(&r, "E ", "mixed.jsonl:6: no text field", NULL);
    find_err(&r, "E ", "mixed.jsonl:7: no text field (\"text\" is a number)",
             NULL);
    find_err(&r, "E ", "mixed.jsonl:8: empty text field \"text\"", NULL);
    find_err(&r, "W ", "mixed.jsonl:15: invalid UTF-8 replaced at byte "
             "offset 13 of the line (2 places)", NULL);
    find_err(&r, "E ", "mixed.jsonl:16: no text field (the line holds a "
             "string, not an object)", NULL);
    find_err(&r, "E ", "mixed.jsonl:17: invalid JSON: ", NULL);
    find_err(&r, "E ", "mixed.jsonl:18: invalid JSON: ", "\\uD800", NULL);
    /* nothing about the blank line 4 */
    for (i = 0; i < r.nerrs; i++)
        assert_int_not_equal(r.errline[i], 4);
    assert_int_equal(r.nerrs, 9);
    rec_clear(&r);
}

static void test_jsonl_last_line(void **state)
{
    rec r;
    (void)state;
    memset(&r, 0, sizeof r);
    rec_clear(&r);
    write_str("last.jsonl", "\xEF\xBB\xBF{\"text\":\"first\"}\r\n\n"
              "{\"text\":\"a\",\"text\":\"dup wins\"}");
    assert_int_equal(read_as("last.jsonl", MS_JSONL, &r), 0);
    assert_int_equal(r.ndocs, 2);
    assert_string_equal(r.docs[0].data, "first");
    assert_int_equal(r.docs[0].line, 1);
    assert_string_equal(r.docs[1].data, "dup wins");
    assert_int_equal(r.docs[1].line, 3);
    assert_int_equal(r.nerrs, 0);
    rec_clear(&r);
}

static void test_jsonl_cp1256(void **state)
{
    rec r;
    (void)state;
    memset(&r, 0, sizeof r);
    rec_clear(&r);
    write_str("cp.jsonl",
              "{\"title\":\"" CP_PEACE "\",\"text\":\"" CP_HELLO "\"}\n"
              "{\"text\":\"ascii\"}\n"
              "{\"text\":\"" CP_PEACE "\"}\n");
    assert_int_equal(read_as("cp.jsonl", MS_JSONL, &r), 0);
    assert_int_equal(r.ndocs, 3);
    assert_string_equal(r.docs[0].data, U8_HELLO);
    assert_string_equal(r.docs[0].title, U8_PEACE);
    assert_string_equal(r.docs[0].encoding, "windows-1256");
    assert_string_equal(r.docs[1].encoding, "utf-8");
    assert_string_equal(r.docs[2].data, U8_PEACE);
    find_err(&r, "W ", "cp.jsonl:1: converted from windows-1256", NULL);
    find_err(&r, "W ", "cp.jsonl:0: 2 lines converted from windows-1256 "
             "(the first is line 1)", NULL);
    assert_int_equal(r.nerrs, 2);
    rec_clear(&r);
}

static void test_jsonl_not_jsonl(void **state)
{
    rec r;
    int i;
    char buf[2048] = "";
    (void)state;
    memset(&r, 0, sizeof r);
    rec_clear(&r);
    for (i = 0; i < 30; i++)
        strcat(buf, "هذا نص عادي وليس JSON\n");
    write_str("prose.json", buf);
    assert_int_equal(read_as("prose.json", MS_JSONL, &r), 1);
    assert_int_equal(r.ndocs, 0);
    find_err(&r, "E ", "prose.json:10: invalid JSON", NULL);
    find_err(&r, "E ", "prose.json:0: not JSON Lines", NULL);
    assert_int_equal(r.nerrs, 11);
    rec_clear(&r);
}

static void test_jsonl_stop(void **state)
{
    rec r;
    (void)state;
    memset(&r, 0, sizeof r);
    rec_clear(&r);
    write_str("stop.jsonl", "{\"text\":\"1\"}\n{\"text\":\"2\"}\n"
              "{\"text\":\"3\"}\n");
    r.stop_after = 2;
    assert_int_equal(read_as("stop.jsonl", MS_JSONL, &r), 7);
    assert_int_equal(r.count, 2);
    rec_clear(&r);
    r.stop_after = 1;
    assert_int_equal(read_as("stop.jsonl", MS_TEXT, &r), 7);
    rec_clear(&r);
}

/* ------------------------------------------------------------ gzip */

/* n records of about 300 bytes each. */
static char *make_records(int n, size_t *len)
{
    size_t cap = (size_t)n * 400 + 1, o = 0;
    char *b = malloc(cap);
    int i;
    assert_non_null(b);
    for (i = 0; i < n; i++) {
        int k = snprintf(b + o, cap - o,
                         "{\"id\":\"r%d\",\"title\":\"خبر %d\",\"text\":\"%s "
                         "%d\"}\n",
                         i + 1, i + 1,
                         "قال المتحدث باسم الوزارة إن الاجتماع سيعقد غدا "
                         "في العاصمة بحضور عدد من المسؤولين والخبراء "
                         "لمناقشة الخطة الجديدة",
                         (i * 7919) % 100003);
        assert_true(k > 0 && (size_t)k < cap - o);
        o += (size_t)k;
    }
    *len = o;
    return b;
}

static void test_gzip(void **state)
{
    rec r;
    size_t n, gzn, i;
    char *plain = make_records(20000, &n), *gz;
    char p[512];
    ms_list l;
    const char *paths[1];
    (void)state;
    memset(&r, 0, sizeof r);
    rec_clear(&r);
    r.keep_data = 0;

    write_gz("news.jsonl.gz", plain, n);
    gz = slurp("news.jsonl.gz", &gzn);
    assert_true(gzn > 100000);

    /* whole: every record, progress in compressed bytes, at most one
     * call per MB and a last one with the file size */
    path_of(p, sizeof p, "news.jsonl.gz");
    paths[0] = p;
    assert_int_equal(ms_collect(paths, 1, &l, on_err, &r, NULL), 0);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.files[0].kind, MS_JSONL);
    assert_int_equal(l.files[0].gzip, 1);
    assert_int_equal(ms_read(&l.files[0], on_doc, on_err, on_progress, &r),
                     0);
    ms_list_free(&l);
    assert_int_equal(r.nerrs, 0);
    assert_int_equal(r.count, 20000);
    assert_true(r.inorder);
    assert_int_equal(r.lastline, 20000);
    assert_string_equal(r.docs[9].ext_id, "r10");
    assert_string_equal(r.docs[9].title, "خبر 10");
    assert_true(r.nprog >= 1 && r.nprog <= gzn / (1 << 20) + 2);
    assert_int_equal(r.prog[r.nprog - 1], gzn);
    for (i = 1; i < r.nprog; i++)
        assert_true(r.prog[i] > r.prog[i - 1]);
    rec_clear(&r);

    /* the same records through ms_read_buffer */
    r.keep_data = 0;
    assert_int_equal(ms_read_buffer("mem.jsonl.gz", MS_JSONL, gz, gzn, on_doc,
                                     on_err, &r),
                     0);
    assert_int_equal(r.nerrs, 0);
    assert_int_equal(r.count, 20000);
    rec_clear(&r);

    /* truncated: what came before stays delivered; the error names the
     * file */
    write_file("cut.jsonl.gz", gz, gzn / 2);
    r.keep_data = 0;
    assert_int_equal(read_as("cut.jsonl.gz", MS_JSONL, &r), 1);
    assert_true(r.count > 1000 && r.count < 20000);
    assert_true(r.inorder);
    assert_int_equal(r.lastline, (long)r.count);
    assert_int_equal(r.nerrs, 1);
    find_err(&r, "E ", "cut.jsonl.gz:0: truncated gzip data after ",
             "bytes (decompressed); line ", "is incomplete", NULL);
    rec_clear(&r);

    /* truncated text: no document */
    write_gz("t.txt.gz", plain, n < 50000 ? n : 50000);
    {
        size_t tn;
        char *t = slurp("t.txt.gz", &tn);
        write_file("tcut.txt.gz", t, tn - 10);
        free(t);
    }
    assert_int_equal(read_as("tcut.txt.gz", MS_TEXT, &r), 1);
    assert_int_equal(r.ndocs, 0);
    find_err(&r, "E ", "tcut.txt.gz:0: truncated gzip data after ", NULL);
    rec_clear(&r);
    assert_int_equal(read_as("t.txt.gz", MS_TEXT, &r), 0);
    assert_int_equal(r.ndocs, 1);
    assert_int_equal(r.docs[0].len, n < 50000 ? n : 50000);
    rec_clear(&r);

    /* corrupt: bytes changed in the middle */
    gz[gzn / 2] ^= 0x55;
    gz[gzn / 2 + 1] ^= 0xAA;
    gz[gzn / 2 + 2] ^= 0x0F;
    write_file("bad.jsonl.gz", gz, gzn);
    r.keep_data = 0;
    r.stop_after = 0;
    assert_int_equal(read_as("bad.jsonl.gz", MS_JSONL, &r), 1);
    find_err(&r, "E ", "bad.jsonl.gz:0: ", "gzip data after", NULL);
    rec_clear(&r);

    free(gz);
    free(plain);
}

/* Counts documents without keeping them. */
static int count_doc(const ms_doc *d, void *ud)
{
    size_t *n = ud;
    assert_int_equal(marsad_utf8_validate(d->data, d->len, NULL), MARSAD_OK);
    (*n)++;
    return 0;
}

static void count_err(int severity, const char *path, long line,
                      const char *msg, void *ud)
{
    (void)ud;
    print_message("  %s %s:%ld: %s\n", severity ? "E" : "W", path, line,
                  msg);
}

static void test_gzip_members(void **state)
{
    rec r;
    size_t n1, n2, ndocs = 0;
    char *a, *b, *both;
    (void)state;
    memset(&r, 0, sizeof r);
    rec_clear(&r);

    /* two gzip members one after the other, as `cat a.gz b.gz` makes;
     * the .gz name is not needed */
    write_gz("m1.gz", "{\"text\":\"one\"}\n", 15);
    write_gz("m2.gz", "{\"text\":\"two\"}\n", 15);
    a = slurp("m1.gz", &n1);
    b = slurp("m2.gz", &n2);
    both = malloc(n1 + n2 + 4);
    assert_non_null(both);
    memcpy(both, a, n1);
    memcpy(both + n1, b, n2);
    write_file("both.data", both, n1 + n2);
    assert_int_equal(read_as("both.data", MS_JSONL, &r), 0);
    assert_int_equal(r.ndocs, 2);
    assert_string_equal(r.docs[1].data, "two");
    assert_int_equal(r.nerrs, 0);
    rec_clear(&r);

    /* trailing bytes after the stream: read, with a warning */
    memcpy(both + n1, "\0\0junk", 6);
    assert_int_equal(ms_read_buffer("trail.gz", MS_JSONL, both, n1 + 6,
                                    on_doc, on_err, &r),
                     0);
    assert_int_equal(r.ndocs, 1);
    find_err(&r, "W trail.gz:0: data after the end of the gzip stream", NULL);
    rec_clear(&r);

    /* a large document in many lines, decompressed in pieces */
    {
        size_t n;
        char *plain = make_records(3000, &n);
        write_gz("big.txt.gz", plain, n);
        assert_int_equal(read_as("big.txt.gz", MS_TEXT, &r), 0);
        assert_int_equal(r.docs[0].len, n);
        assert_memory_equal(r.docs[0].data, plain, n);
        rec_clear(&r);
        ndocs = 0;
        {
            char p[512];
            ms_file f;
            path_of(p, sizeof p, "big.txt.gz");
            memset(&f, 0, sizeof f);
            f.path = p;
            f.kind = MS_JSONL;
            assert_int_equal(ms_read(&f, count_doc, count_err, NULL, &ndocs),
                             0);
        }
        assert_int_equal(ndocs, 3000);
        free(plain);
    }
    free(a);
    free(b);
    free(both);
}

/* ------------------------------------------------------------ limits */

static void test_limits(void **state)
{
    rec r;
    ms_limits lim = {1000, 100};
    char line[300];
    char p[512];
    int fd;
    (void)state;
    memset(&r, 0, sizeof r);
    rec_clear(&r);

    /* a JSON line over the limit is skipped, in a buffer or across reads;
     * reading goes on */
    memset(line, 'x', sizeof line);
    memcpy(line, "{\"text\":\"", 9);
    memcpy(line + sizeof line - 3, "\"}\n", 3);
    {
        char data[1024];
        size_t o = 0;
        memcpy(data + o, "{\"text\":\"a\"}\n", 13);
        o += 13;
        memcpy(data + o, line, sizeof line);
        o += sizeof line;
        memcpy(data + o, "{\"text\":\"b\"}\n", 13);
        o += 13;
        memcpy(data + o, line, sizeof line - 1); /* last, no newline */
        o += sizeof line - 1;
        assert_int_equal(ms_read_source("lim.jsonl", -1, o, data, o, MS_JSONL,
                                        &lim, on_doc, on_err, NULL, &r),
                         0);
        assert_int_equal(r.ndocs, 2);
        assert_string_equal(r.docs[1].data, "b");
        assert_int_equal(r.docs[1].line, 3);
        find_err(&r, "E lim.jsonl:2: line too long (299 bytes; the limit is "
                 "100)", NULL);
        find_err(&r, "E lim.jsonl:4: line too long (299 bytes", NULL);
        assert_int_equal(r.nerrs, 2);
        rec_clear(&r);
    }

    /* a document over the limit */
    {
        char big[1500];
        memset(big, 'a', sizeof big);
        assert_int_equal(ms_read_source("big.txt", -1, sizeof big, big,
                                        sizeof big, MS_TEXT, &lim, on_doc,
                                        on_err, NULL, &r),
                         1);
        find_err(&r, "E big.txt:0: file too large (1500 bytes; a document "
                 "may have at most 1000)", NULL);
        rec_clear(&r);
    }

    /* the real limit on a sparse file of 300 MB: refused from its size
     * without being read */
    path_of(p, sizeof p, "sparse.txt");
    fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)300 << 20), 0);
    close(fd);
    assert_int_equal(read_as("sparse.txt", MS_TEXT, &r), 1);
    find_err(&r, "E ", "sparse.txt:0: file too large (314572800 bytes; a "
             "document may have at most 268435456)", NULL);
    rec_clear(&r);
    unlink(p);
}

/* A 100 MB line of Arabic words: one document as text; as JSON Lines
 * over the 64 MB cap, reported and skipped, and the next line read. */
static void test_huge_line(void **state)
{
    static const char word[] = "كلمة ";
    size_t wl = sizeof word - 1, n = (size_t)100 << 20, i;
    char *b = malloc(n + 64);
    char p[512];
    FILE *f;
    rec r;
    struct timespec t0, t1;
    double secs;
    (void)state;
    assert_non_null(b);
    for (i = 0; i + wl <= n; i += wl)
        memcpy(b + i, word, wl);
    memset(b + i, ' ', n - i);
    path_of(p, sizeof p, "huge.txt");
    f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    assert_int_equal(fputs("\n{\"text\":\"after\"}\n", f) >= 0, 1);
    assert_int_equal(fclose(f), 0);

    memset(&r, 0, sizeof r);
    rec_clear(&r);
    r.keep_data = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(read_as("huge.txt", MS_TEXT, &r), 0);
    assert_int_equal(r.ndocs, 1);
    assert_int_equal(r.docs[0].len, n + 18);
    assert_int_equal(r.nerrs, 0);
    rec_clear(&r);

    assert_int_equal(read_as("huge.txt", MS_JSONL, &r), 0);
    find_err(&r, "E ", "huge.txt:1: line too long (104857600 bytes; the "
             "limit is 67108864)", NULL);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.docs[0].data, "after");
    assert_int_equal(r.docs[0].line, 2);
    rec_clear(&r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) +
           (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    print_message("  100 MB line read twice in %.2f s\n", secs);
    free(b);
    unlink(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_collect_tree),
        cmocka_unit_test(test_guess_kind),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_jsonl_records),
        cmocka_unit_test(test_jsonl_last_line),
        cmocka_unit_test(test_jsonl_cp1256),
        cmocka_unit_test(test_jsonl_not_jsonl),
        cmocka_unit_test(test_jsonl_stop),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_gzip_members),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_huge_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
