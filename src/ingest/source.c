/*
 * source.c - reading one input file into documents (ms_read,
 * ms_read_buffer).
 *
 * A small reader (struct rd) hands out the file's bytes from a file
 * descriptor or from memory; when the first two bytes are gzip's magic it
 * inflates them on the way, member after member, and tells a stream cut
 * short (input ends before the end of the deflate stream) from corrupt
 * data.  It counts the raw bytes consumed for progress.
 *
 * Plain text and HTML are read whole (at most lim->max_doc bytes), then
 * checked: empty, UTF-16, binary (NUL or control bytes in the first
 * 8 KB), then encoding (src_encoding.c).  JSON Lines are streamed through
 * one buffer that holds a chunk and the line being assembled: complete
 * lines are parsed where they lie (src_jsonl.c), so memory is the buffer
 * plus the longest line, and a line over lim->max_line is skipped without
 * being kept.  A bad line is reported with its number and reading goes
 * on; a bad file is reported once and ms_read returns 1.  Running out of
 * memory is not reported: ms_read returns -1 and the caller says so.
 */
#define _POSIX_C_SOURCE 200809L
#define ZLIB_CONST

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "ingest/src_internal.h"

#define RD_INBUF ((size_t)256 << 10)    /* raw input buffer for gzip */
#define RD_MAXIO ((size_t)1 << 30)      /* largest single read */
#define PROGRESS_STEP ((uint64_t)1 << 20)
#define JL_BUF ((size_t)1 << 20)        /* initial JSON Lines buffer */
#define JL_MINREAD ((size_t)64 << 10)   /* least room left for a read */
#define JL_PROBE 10 /* unreadable lines at the start before giving up */

static const ms_limits default_limits = {MS_MAX_DOC, MS_MAX_LINE};

/* ------------------------------------------------------------ reader */

enum { RD_OK = 0, RD_EIO, RD_ETRUNC, RD_ECORRUPT, RD_ENOMEM };

typedef struct rd {
    int fd;                   /* -1: read mem */
    const unsigned char *mem;
    size_t memlen, mempos;
    unsigned char *in;        /* fd only: first bytes, then gzip input */
    size_t inpos, inlen;      /* plain: bytes of in not handed out yet */
    int eof;                  /* the raw source is exhausted */
    int gz, zinit, zend;      /* gzip; inflate set up; member ended */
    z_stream z;
    uint64_t raw;             /* raw bytes consumed */
    uint64_t out;             /* bytes handed out */
    int err;                  /* RD_* */
    int errnum;               /* errno of RD_EIO */
    char zmsg[96];            /* zlib's message for RD_ECORRUPT */
    int trailing;             /* bytes after the last gzip member */
} rd;

/* Raw bytes into dst[0..n): count, 0 at the end, -1 on error. */
static long raw_read(rd *r, unsigned char *dst, size_t n)
{
    if (n > RD_MAXIO)
        n = RD_MAXIO;
    if (r->fd < 0) {
        size_t k = r->memlen - r->mempos;
        if (k > n)
            k = n;
        if (k)
            memcpy(dst, r->mem + r->mempos, k);
        r->mempos += k;
        r->raw += k;
        return (long)k;
    }
    for (;;) {
        ssize_t k = read(r->fd, dst, n);
        if (k >= 0) {
            r->raw += (uint64_t)k;
            return (long)k;
        }
        if (errno != EINTR) {
            r->err = RD_EIO;
            r->errnum = errno;
            return -1;
        }
    }
}

/* Gives inflate more input; only called when avail_in is 0. */
static int z_fill(rd *r)
{
    long k;

    if (r->fd < 0) {
        size_t n = r->memlen - r->mempos;
        if (n > RD_MAXIO)
            n = RD_MAXIO;
        r->z.next_in = r->mem + r->mempos;
        r->z.avail_in = (uInt)n;
        r->mempos += n;
        r->raw += n;
        if (r->mempos == r->memlen)
            r->eof = 1;
        return 0;
    }
    k = raw_read(r, r->in, RD_INBUF);
    if (k < 0)
        return -1;
    if (k == 0)
        r->eof = 1;
    r->z.next_in = r->in;
    r->z.avail_in = (uInt)k;
    return 0;
}

static int rd_open(rd *r, int fd, const char *mem, size_t n)
{
    const unsigned char *head;
    size_t headlen;

    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->mem = (const unsigned char *)mem;
    r->memlen = n;
    if (fd >= 0) {
        r->in = malloc(RD_INBUF);
        if (!r->in) {
            r->err = RD_ENOMEM;
            return -1;
        }
        while (r->inlen < 2) {
            long k = raw_read(r, r->in + r->inlen, RD_INBUF - r->inlen);
            if (k < 0)
                return -1;
            if (k == 0) {
                r->eof = 1;
                break;
            }
            r->inlen += (size_t)k;
        }
        head = r->in;
        headlen = r->inlen;
    } else {
        head = r->mem;
        headlen = n;
    }
    if (headlen >= 2 && head[0] == 0x1F && head[1] == 0x8B) {
        r->gz = 1;
        if (inflateInit2(&r->z, 16 + MAX_WBITS) != Z_OK) {
            r->err = RD_ENOMEM;
            return -1;
        }
        r->zinit = 1;
        if (fd >= 0) {
            r->z.next_in = r->in;
            r->z.avail_in = (uInt)r->inlen;
        }
    }
    return 0;
}

static void rd_close(rd *r)
{
    if (r->zinit)
        inflateEnd(&r->z);
    free(r->in);
    r->in = NULL;
    r->zinit = 0;
}

/* Looks past the end of a gzip member: another member, the end, or
 * trailing bytes (ignored, remembered for a warning).  Returns 1 when a
 * new member starts, 0 at the end, -1 on error. */
static int next_member(rd *r)
{
    if (r->z.avail_in == 0 && !r->eof && z_fill(r))
        return -1;
    if (r->z.avail_in == 1 && !r->eof && r->fd >= 0) {
        long k;
        r->in[0] = r->z.next_in[0];
        k = raw_read(r, r->in + 1, RD_INBUF - 1);
        if (k < 0)
            return -1;
        if (k == 0)
            r->eof = 1;
        r->z.next_in = r->in;
        r->z.avail_in = (uInt)(k + 1);
    }
    if (r->z.avail_in == 0)
        return 0;
    if (r->z.avail_in >= 2 && r->z.next_in[0] == 0x1F &&
        r->z.next_in[1] == 0x8B) {
        if (inflateReset(&r->z) != Z_OK) {
            r->err = RD_ECORRUPT;
            snprintf(r->zmsg, sizeof r->zmsg, "cannot restart inflate");
            return -1;
        }
        r->zend = 0;
        return 1;
    }
    r->trailing = 1;
    return 0;
}

/* Up to n bytes into dst: the count, 0 at the end, -1 on error (r->err;
 * bytes decoded before an error are handed out first). */
static long rd_read(rd *r, unsigned char *dst, size_t n)
{
    if (r->err)
        return -1;
    if (n > RD_MAXIO)
        n = RD_MAXIO;
    if (!r->gz) {
        long k;
        if (r->inpos < r->inlen) {
            size_t m = r->inlen - r->inpos;
            if (m > n)
                m = n;
            memcpy(dst, r->in + r->inpos, m);
            r->inpos += m;
            r->out += m;
            return (long)m;
        }
        if (r->eof)
            return 0;
        k = raw_read(r, dst, n);
        if (k == 0)
            r->eof = 1;
        if (k > 0)
            r->out += (uint64_t)k;
        return k;
    }
    for (;;) {
        size_t got;
        int zr;
        if (r->zend) {
            int m = next_member(r);
            if (m <= 0)
                return m;
        }
        if (r->z.avail_in == 0 && !r->eof && z_fill(r))
            return -1;
        r->z.next_out = dst;
        r->z.avail_out = (uInt)n;
        zr = inflate(&r->z, Z_NO_FLUSH);
        got = n - r->z.avail_out;
        r->out += got;
        switch (zr) {
        case Z_STREAM_END:
            r->zend = 1;
            break;
        case Z_OK:
        case Z_BUF_ERROR:
            if (got < n && r->z.avail_in == 0 && r->eof)
                r->err = RD_ETRUNC;
            else if (zr == Z_BUF_ERROR && got == 0 && r->z.avail_in > 0) {
                r->err = RD_ECORRUPT;
                snprintf(r->zmsg, sizeof r->zmsg, "inflate made no progress");
            }
            break;
        case Z_MEM_ERROR:
            r->err = RD_ENOMEM;
            break;
        default:
            r->err = RD_ECORRUPT;
            snprintf(r->zmsg, sizeof r->zmsg, "%s",
                     r->z.msg ? r->z.msg : "invalid data");
            break;
        }
        if (got > 0)
            return (long)got;
        if (r->err)
            return -1;
    }
}

/* ------------------------------------------------------------ context */

typedef struct rctx {
    const char *path;
    ms_doc_fn doc;
    ms_err_fn err;
    ms_progress_fn progress;
    void *ud;
    const ms_limits *lim;
    rd r;
    uint64_t last_progress;
    ms_conv conv;
    char charset[40]; /* charset an HTML page declares */
} rctx;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void say(rctx *c, int severity, long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    if (!c->err)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->err(severity, c->path, line, msg, c->ud);
}

static void progress(rctx *c, int final)
{
    if (!c->progress)
        return;
    if (final ? c->r.raw != c->last_progress
              : c->r.raw - c->last_progress >= PROGRESS_STEP) {
        c->last_progress = c->r.raw;
        c->progress(c->r.raw, c->ud);
    }
}

/* Reports a reader error; returns what ms_read returns for it. */
static int rd_report(rctx *c, const char *where)
{
    unsigned long long out = (unsigned long long)c->r.out;

    switch (c->r.err) {
    case RD_ENOMEM:
        return -1;
    case RD_EIO:
        say(c, MS_ERROR, 0, "read error: %s%s", strerror(c->r.errnum),
            where);
        return 1;
    case RD_ETRUNC:
        say(c, MS_ERROR, 0,
            "truncated gzip data after %llu bytes (decompressed)%s", out,
            where);
        return 1;
    default:
        say(c, MS_ERROR, 0,
            "corrupt gzip data after %llu bytes (decompressed): %s%s", out,
            c->r.zmsg, where);
        return 1;
    }
}

static void end_of_input(rctx *c)
{
    progress(c, 1);
    if (c->r.trailing)
        say(c, MS_WARN, 0, "data after the end of the gzip stream ignored");
}

/* ------------------------------------------------------------ whole files */

static int only_space(const unsigned char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!(s[i] == ' ' || (s[i] >= 0x09 && s[i] <= 0x0D)))
            return 0;
    return 1;
}

static int utf16_bom(const unsigned char *s, size_t n)
{
    return n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
                      (s[0] == 0xFE && s[1] == 0xFF));
}

/* Checks shared by all kinds.  Returns 0 when the bytes may be text. */
static int reject_non_text(rctx *c, const unsigned char *s, size_t n,
                           int whole)
{
    size_t off;

    if (n == 0) {
        say(c, MS_ERROR, 0, "empty file");
        return 1;
    }
    if (utf16_bom(s, n)) {
        say(c, MS_ERROR, 0,
            "UTF-16 text (byte order mark %02X %02X) is not supported; "
            "convert it to UTF-8", s[0], s[1]);
        return 1;
    }
    if (ms_looks_binary((const char *)s, n, &off)) {
        if (off < n)
            say(c, MS_ERROR, 0, "binary data, not text (NUL byte at offset "
                "%zu)", off);
        else
            say(c, MS_ERROR, 0, "binary data, not text (control bytes%s)",
                whole && n <= 8192 ? "" : " in the first 8 KB");
        return 1;
    }
    return 0;
}

static int is_name_char(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
           ch == '.' || ch == ':';
}

/* The charset an HTML page declares in its first 4 KB ("charset=" of a
 * meta element, or "encoding=" of an XML declaration), lower-cased into
 * c->charset; "" when none. */
static void html_charset(rctx *c, const unsigned char *s, size_t n)
{
    static const char *const keys[2] = {"charset", "encoding"};
    size_t m = n < 4096 ? n : 4096, i, k;
    int j;

    c->charset[0] = '\0';
    for (i = 0; i < m; i++) {
        for (j = 0; j < 2; j++) {
            size_t kl = strlen(keys[j]), p = i + kl, q = 0;
            for (k = 0; k < kl && i + k < m; k++) {
                unsigned char ch = s[i + k];
                if (ch >= 'A' && ch <= 'Z')
                    ch = (unsigned char)(ch - 'A' + 'a');
                if (ch != (unsigned char)keys[j][k])
                    break;
            }
            if (k < kl)
                continue;
            while (p < m && (s[p] == ' ' || s[p] == '\t'))
                p++;
            if (p >= m || s[p] != '=')
                continue;
            p++;
            while (p < m && (s[p] == ' ' || s[p] == '\t' || s[p] == '"' ||
                             s[p] == '\''))
                p++;
            while (p < m && is_name_char(s[p]) &&
                   q + 1 < sizeof c->charset) {
                unsigned char ch = s[p++];
                if (ch >= 'A' && ch <= 'Z')
                    ch = (unsigned char)(ch - 'A' + 'a');
                c->charset[q++] = (char)ch;
            }
            c->charset[q] = '\0';
            if (q == 0)
                continue;
            if (!strcmp(c->charset, "cp1256") ||
                !strcmp(c->charset, "x-cp1256") ||
                !strcmp(c->charset, "windows1256"))
                strcpy(c->charset, "windows-1256");
            else if (!strcmp(c->charset, "utf8"))
                strcpy(c->charset, "utf-8");
            return;
        }
    }
}

static int deliver(rctx *c, ms_kind kind, const char *data, size_t len,
                   const char *encoding)
{
    ms_doc d;

    if (!c->doc)
        return 0;
    memset(&d, 0, sizeof d);
    d.path = c->path;
    d.line = 0;
    d.kind = kind;
    d.data = data;
    d.len = len;
    d.encoding = encoding;
    return c->doc(&d, c->ud);
}

/* Text that is not valid UTF-8: converted, repaired or refused.  base is
 * the offset of s in the file, for messages. */
static int deliver_fixed(rctx *c, ms_kind kind, const char *s, size_t n,
                         size_t base)
{
    ms_encstat st;
    char *out = NULL;
    size_t outlen = 0;
    int v, rc;

    ms_enc_stats(s, n, &st);
    v = ms_enc_verdict(&st, n);
    if (v == MS_ENC_BINARY) {
        say(c, MS_ERROR, 0, "binary data, not text (%zu invalid UTF-8 "
            "sequences, first at byte offset %zu, and not windows-1256)",
            st.nbad, st.first_bad + base);
        return 1;
    }
    if (v == MS_ENC_CP1256) {
        rc = ms_cp1256_to_utf8(&c->conv, s, n, &out, &outlen);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            say(c, MS_WARN, 0, "converted from windows-1256");
            rc = deliver(c, kind, out, outlen, "windows-1256");
            free(out);
            return rc;
        }
        say(c, MS_WARN, 0, "looks like windows-1256 but iconv cannot "
            "convert it; invalid bytes replaced instead");
    }
    out = malloc(ms_utf8_repaired_size(&st, n) + 1);
    if (!out)
        return -1;
    outlen = ms_utf8_repair(s, n, out);
    out[outlen] = '\0';
    say(c, MS_WARN, 0, "invalid UTF-8 replaced at byte offset %zu (%zu "
        "place%s)", st.first_bad + base, st.nbad, st.nbad == 1 ? "" : "s");
    rc = deliver(c, kind, out, outlen, "utf-8");
    free(out);
    return rc;
}

static int read_whole(rctx *c, ms_kind kind, uint64_t size_hint)
{
    size_t max = c->lim->max_doc, cap, len = 0, bom;
    unsigned char *buf;
    const char *s;
    int rc;

    if (!c->r.gz && size_hint > max) {
        say(c, MS_ERROR, 0, "file too large (%llu bytes; a document may "
            "have at most %zu)", (unsigned long long)size_hint, max);
        return 1;
    }
    cap = !c->r.gz && size_hint > 0 ? (size_t)size_hint + 1 : (size_t)1 << 20;
    if (cap > max + 1)
        cap = max + 1;
    buf = malloc(cap + 1);
    if (!buf)
        return -1;
    for (;;) {
        long k;
        if (len == cap) {
            size_t ncap = cap > (max + 1) / 2 ? max + 1 : cap * 2;
            unsigned char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                free(buf);
                return -1;
            }
            buf = nb;
            cap = ncap;
        }
        k = rd_read(&c->r, buf + len, cap - len);
        if (k < 0) {
            free(buf);
            return rd_report(c, "");
        }
        if (k == 0)
            break;
        len += (size_t)k;
        if (len > max) {
            free(buf);
            say(c, MS_ERROR, 0, "file too large (more than %zu bytes%s)",
                max, c->r.gz ? " decompressed" : "");
            return 1;
        }
        progress(c, 0);
    }
    end_of_input(c);
    buf[len] = '\0';
    if (reject_non_text(c, buf, len, 1)) {
        free(buf);
        return 1;
    }
    bom = len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF
              ? 3
              : 0;
    if (kind == MS_HTML) {
        /* HTML goes to libxml2 as it is, byte order mark included; only
         * text that claims no other charset is made valid UTF-8 */
        s = (const char *)buf;
        if (ms_utf8_check(s, len) == len) {
            html_charset(c, buf, len);
            rc = deliver(c, kind, s, len,
                         c->charset[0] ? c->charset : "utf-8");
        } else {
            html_charset(c, buf, len);
            if (c->charset[0] && strcmp(c->charset, "utf-8") != 0)
                rc = deliver(c, kind, s, len, c->charset);
            else
                rc = deliver_fixed(c, kind, s, len, 0);
        }
        free(buf);
        return rc;
    }
    s = (const char *)buf + bom;
    if (only_space(buf + bom, len - bom)) {
        say(c, MS_ERROR, 0, "empty file (%s)",
            len == bom ? "only a byte order mark" : "only white space");
        free(buf);
        return 1;
    }
    if (ms_utf8_check(s, len - bom) == len - bom)
        rc = deliver(c, MS_TEXT, s, len - bom, "utf-8");
    else
        rc = deliver_fixed(c, MS_TEXT, s, len - bom, bom);
    free(buf);
    return rc;
}

/* ------------------------------------------------------------ JSON lines */

typedef struct jstate {
    ms_jparser jp;
    long records;      /* delivered */
    long nonblank;     /* lines that were not blank */
    long failed;       /* of those, not JSON at all */
    long nfixed, first_fixed;   /* lines with invalid UTF-8 replaced */
    long nconv, first_conv;     /* lines converted from windows-1256 */
} jstate;

static const char *pick(const ms_jval *v, int a, int b, int d)
{
    int f[3], i;
    f[0] = a;
    f[1] = b;
    f[2] = d;
    for (i = 0; i < 3; i++)
        if (f[i] >= 0 && v[f[i]].type == MS_T_STRING && v[f[i]].len > 0)
            return v[f[i]].s;
    return NULL;
}

/* Makes a line that jansson found not to be UTF-8 into UTF-8.  Returns
 * 0 with *out set (malloc), -1 when out of memory. */
static int fix_line(rctx *c, jstate *js, const char *s, size_t n,
                    long lineno, char **out, size_t *outlen)
{
    ms_encstat st;
    int rc;

    ms_enc_stats(s, n, &st);
    if (ms_enc_verdict(&st, n) == MS_ENC_CP1256) {
        rc = ms_cp1256_to_utf8(&c->conv, s, n, out, outlen);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            if (js->nconv++ == 0) {
                js->first_conv = lineno;
                say(c, MS_WARN, lineno, "converted from windows-1256");
            }
            return 1;
        }
    }
    *out = malloc(ms_utf8_repaired_size(&st, n) + 1);
    if (!*out)
        return -1;
    *outlen = ms_utf8_repair(s, n, *out);
    (*out)[*outlen] = '\0';
    if (js->nfixed++ == 0) {
        js->first_fixed = lineno;
        say(c, MS_WARN, lineno, "invalid UTF-8 replaced at byte offset %zu "
            "of the line (%zu place%s)", st.first_bad, st.nbad,
            st.nbad == 1 ? "" : "s");
    }
    return 0;
}

/* One line.  Returns 0 to go on, or what ms_read should return. */
static int do_line(rctx *c, jstate *js, char *s, size_t n, long lineno)
{
    ms_jval v[MS_F_N];
    json_error_t je;
    int rc, type = MS_T_OBJECT, conv = 0, k;
    const char *text = NULL;
    size_t ntext = 0;
    mc_meta meta;
    ms_doc d;

    if (n > 0 && s[n - 1] == '\r')
        n--;
    if (lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        n -= 3;
    }
    if (only_space((const unsigned char *)s, n))
        return 0;
    js->nonblank++;
    rc = ms_json_fast(&js->jp, s, n, v);
    if (rc == 0) {
        rc = ms_json_slow(&js->jp, s, n, v, &type, &je);
        if (rc == 0 && json_error_code(&je) == json_error_invalid_utf8) {
            char *fixed = NULL;
            size_t nfixed = 0;
            conv = fix_line(c, js, s, n, lineno, &fixed, &nfixed);
            if (conv < 0) {
                rc = -1;
            } else {
                rc = ms_json_fast(&js->jp, fixed, nfixed, v);
                if (rc == 0)
                    rc = ms_json_slow(&js->jp, fixed, nfixed, v, &type, &je);
            }
            free(fixed);
        }
    }
    if (rc < 0)
        return -1;
    if (rc == 0) {
        js->failed++;
        say(c, MS_ERROR, lineno, "invalid JSON: %s at column %d", je.text,
            je.column);
        if (js->records == 0 && js->failed == js->nonblank &&
            js->failed >= JL_PROBE) {
            say(c, MS_ERROR, 0, "not JSON Lines: none of the first %d "
                "lines could be read; rest of the file skipped", JL_PROBE);
            return 1;
        }
        return 0;
    }
    if (type != MS_T_OBJECT) {
        say(c, MS_ERROR, lineno, "no text field (the line holds %s, not an "
            "object)", ms_json_type_name(type));
        return 0;
    }
    for (k = MS_F_TEXT; k <= MS_F_CONTENT; k++)
        if (v[k].type == MS_T_STRING && v[k].len > 0) {
            text = v[k].s;
            ntext = v[k].len;
            break;
        }
    if (!text) {
        static const char *const names[3] = {"text", "body", "content"};
        for (k = 0; k < 3; k++) {
            int t = v[MS_F_TEXT + k].type;
            if (t == MS_T_STRING) {
                say(c, MS_ERROR, lineno, "empty text field \"%s\"", names[k]);
                return 0;
            }
            if (t != MS_T_ABSENT && t != MS_T_NULL) {
                say(c, MS_ERROR, lineno, "no text field (\"%s\" is %s)",
                    names[k], ms_json_type_name(t));
                return 0;
            }
        }
        say(c, MS_ERROR, lineno, "no text field");
        return 0;
    }
    memset(&meta, 0, sizeof meta);
    meta.title = (char *)pick(v, MS_F_TITLE, MS_F_HEADLINE, -1);
    meta.source = (char *)pick(v, MS_F_SOURCE, MS_F_OUTLET, MS_F_SITE);
    meta.date = (char *)pick(v, MS_F_DATE, MS_F_PUBLISHED, MS_F_DATEPUB);
    meta.url = (char *)pick(v, MS_F_URL, -1, -1);
    meta.author = (char *)pick(v, MS_F_AUTHOR, -1, -1);
    memset(&d, 0, sizeof d);
    d.path = c->path;
    d.line = lineno;
    d.kind = MS_TEXT;
    d.data = text;
    d.len = ntext;
    d.ext_id = pick(v, MS_F_ID, -1, -1);
    d.meta = &meta;
    d.encoding = conv == 1 ? "windows-1256" : "utf-8";
    js->records++;
    return c->doc ? c->doc(&d, c->ud) : 0;
}

static void line_too_long(rctx *c, jstate *js, long lineno, uint64_t len)
{
    js->nonblank++;
    say(c, MS_ERROR, lineno, "line too long (%llu bytes; the limit is %zu)",
        (unsigned long long)len, c->lim->max_line);
}

static int read_lines(rctx *c)
{
    size_t max = c->lim->max_line, cap = JL_BUF, start = 0, end = 0,
           scan = 0, ceiling = max + 1 + JL_MINREAD;
    uint64_t skipped = 0;
    int skipping = 0, first = 1, rc = 0;
    long lineno = 0;
    char *buf;
    jstate js;

    if (cap > ceiling)
        cap = ceiling;
    buf = malloc(cap);
    if (!buf)
        return -1;
    memset(&js, 0, sizeof js);
    for (;;) {
        char *nl;
        long k;
        while (scan < end &&
               (nl = memchr(buf + scan, '\n', end - scan)) != NULL) {
            size_t e = (size_t)(nl - buf);
            lineno++;
            if (skipping || e - start > max) {
                line_too_long(c, &js, lineno, skipped + (e - start));
                skipping = 0;
                skipped = 0;
            } else if ((rc = do_line(c, &js, buf + start, e - start,
                                     lineno)) != 0) {
                goto done;
            }
            start = scan = e + 1;
        }
        scan = end;
        if (skipping) {
            skipped += end - start;
            start = scan = end = 0;
        } else if (end - start > max) {
            skipping = 1;
            skipped = end - start;
            start = scan = end = 0;
        }
        if (start == end) {
            start = scan = end = 0;
        } else if (cap - end < JL_MINREAD && start > 0) {
            memmove(buf, buf + start, end - start);
            end -= start;
            scan -= start;
            start = 0;
        }
        if (cap - end < JL_MINREAD && cap < ceiling) {
            size_t ncap = cap > ceiling / 2 ? ceiling : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                rc = -1;
                goto done;
            }
            buf = nb;
            cap = ncap;
        }
        k = rd_read(&c->r, (unsigned char *)buf + end, cap - end);
        if (k < 0) {
            char where[96] = "";
            if (end > start || skipping)
                snprintf(where, sizeof where, "; line %ld is incomplete "
                         "and was skipped", lineno + 1);
            rc = rd_report(c, where);
            goto done;
        }
        if (k == 0)
            break;
        if (first) {
            first = 0;
            if (reject_non_text(c, (const unsigned char *)buf, (size_t)k,
                                0)) {
                rc = 1;
                goto done;
            }
        }
        end += (size_t)k;
        progress(c, 0);
    }
    end_of_input(c);
    if (first) {
        say(c, MS_ERROR, 0, "empty file");
        rc = 1;
        goto done;
    }
    if (skipping) {
        line_too_long(c, &js, ++lineno, skipped + (end - start));
    } else if (end > start) {
        rc = do_line(c, &js, buf + start, end - start, ++lineno);
        if (rc)
            goto done;
    }
    if (js.nonblank == 0 && lineno > 0) {
        say(c, MS_ERROR, 0, "empty file (only blank lines)");
        rc = 1;
    }
    if (js.nfixed > 1)
        say(c, MS_WARN, 0, "invalid UTF-8 replaced in %ld lines (the first "
            "is line %ld)", js.nfixed, js.first_fixed);
    if (js.nconv > 1)
        say(c, MS_WARN, 0, "%ld lines converted from windows-1256 (the "
            "first is line %ld)", js.nconv, js.first_conv);
done:
    ms_jparser_free(&js.jp);
    free(buf);
    return rc;
}

/* ------------------------------------------------------------ entry points */

int ms_read_source(const char *path, int fd, uint64_t size_hint,
                   const char *mem, size_t n, ms_kind kind,
                   const ms_limits *lim, ms_doc_fn doc, ms_err_fn err,
                   ms_progress_fn prog, void *ud)
{
    rctx c;
    int rc;

    memset(&c, 0, sizeof c);
    c.path = path;
    c.doc = doc;
    c.err = err;
    c.progress = prog;
    c.ud = ud;
    c.lim = lim ? lim : &default_limits;
    if (rd_open(&c.r, fd, mem, n) != 0) {
        rc = rd_report(&c, "");
        rd_close(&c.r);
        return rc;
    }
    if (kind == MS_JSONL)
        rc = read_lines(&c);
    else
        rc = read_whole(&c, kind == MS_HTML ? MS_HTML : MS_TEXT, size_hint);
    rd_close(&c.r);
    ms_conv_close(&c.conv);
    return rc;
}

int ms_read(const ms_file *f, ms_doc_fn doc, ms_err_fn err,
            ms_progress_fn prog, void *ud)
{
    struct stat st;
    int fd, rc;

    fd = open(f->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        if (err) {
            char msg[256];
            snprintf(msg, sizeof msg, "cannot open: %s", strerror(e));
            err(MS_ERROR, f->path, 0, msg, ud);
        }
        return 1;
    }
    if (fstat(fd, &st) != 0) {
        int e = errno;
        if (err) {
            char msg[256];
            snprintf(msg, sizeof msg, "cannot read: %s", strerror(e));
            err(MS_ERROR, f->path, 0, msg, ud);
        }
        close(fd);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (err)
            err(MS_ERROR, f->path, 0, "is a directory, not a file", ud);
        close(fd);
        return 1;
    }
    rc = ms_read_source(f->path, fd,
                        S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0, NULL,
                        0, f->kind, NULL, doc, err, prog, ud);
    close(fd);
    return rc;
}

int ms_read_buffer(const char *name, ms_kind kind, const char *data,
                   size_t n, ms_doc_fn doc, ms_err_fn err, void *ud)
{
    return ms_read_source(name, -1, n, data, n, kind, NULL, doc, err, NULL,
                          ud);
}
