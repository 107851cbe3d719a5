/*
 * src_internal.h - pieces of the input reader shared between its files
 * (source.c, src_collect.c, src_encoding.c, src_jsonl.c), the unit tests
 * and the fuzz target.  Nothing here is part of the ingest API.
 */
#ifndef MARSAD_SRC_INTERNAL_H
#define MARSAD_SRC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "ingest/source.h"

/* ------------------------------------------------------------ limits */

#define MS_MAX_DOC ((size_t)256 << 20)  /* one TEXT or HTML document */
#define MS_MAX_LINE ((size_t)64 << 20)  /* one JSON Lines record */

typedef struct ms_limits {
    size_t max_doc;  /* larger documents: "file too large" */
    size_t max_line; /* longer JSON lines: "line too long", skipped */
} ms_limits;

/*
 * The reader behind ms_read and ms_read_buffer: reads from fd when it is
 * >= 0 (size_hint is then the size on disk of a regular file, or 0),
 * else from mem[0..n).  gzip is recognised by its magic bytes.
 */
int ms_read_source(const char *path, int fd, uint64_t size_hint,
                   const char *mem, size_t n, ms_kind kind,
                   const ms_limits *lim, ms_doc_fn doc, ms_err_fn err,
                   ms_progress_fn progress, void *ud);

/* ------------------------------------------------------------ encoding */

/* Statistics of a byte string that is not valid UTF-8. */
typedef struct ms_encstat {
    size_t first_bad; /* offset of the first invalid sequence */
    size_t nbad;      /* invalid sequences (maximal subparts) */
    size_t badbytes;  /* bytes in them */
    size_t mbchars;   /* valid multi-byte characters */
    size_t high;      /* bytes >= 0x80 */
    size_t arabic;    /* of those, Arabic-script letters and marks in
                         Windows-1256 */
    size_t spaces;    /* ASCII spaces, tabs and line ends */
} ms_encstat;

/* Length of the well-formed UTF-8 sequence at p[0..n) (Table 3-7 of the
 * Unicode standard), or 0 when it is not one.  p[0] >= 0x80. */
static inline size_t ms_utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0], lo = 0x80, hi = 0xBF;

    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        return n >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80
                   ? 3
                   : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
        return n >= 4 && p[1] >= lo && p[1] <= hi &&
                       (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

/* Offset of the first invalid UTF-8 sequence in s[0..n), or n. */
size_t ms_utf8_check(const char *s, size_t n);

/* Fills *st for s[0..n). */
void ms_enc_stats(const char *s, size_t n, ms_encstat *st);

/* Verdicts on text that is not valid UTF-8. */
enum { MS_ENC_REPAIR = 0, MS_ENC_CP1256 = 1, MS_ENC_BINARY = 2 };
int ms_enc_verdict(const ms_encstat *st, size_t n);

/* Nonzero when the first 8 KB of s[0..n) look binary: a NUL byte (its
 * offset goes to *off) or more than a tenth of control characters. */
int ms_looks_binary(const char *s, size_t n, size_t *off);

/* Bytes ms_utf8_repair writes for s[0..n) with statistics st. */
size_t ms_utf8_repaired_size(const ms_encstat *st, size_t n);
/* Copies s[0..n) to out, every invalid sequence (maximal subpart)
 * replaced by U+FFFD; returns the bytes written. */
size_t ms_utf8_repair(const char *s, size_t n, char *out);

/* A Windows-1256 to UTF-8 converter (iconv), opened on first use. */
typedef struct ms_conv {
    void *cd; /* iconv_t, or NULL before first use */
    int failed;
} ms_conv;

/* Converts s[0..n) into a new malloc'ed *out (*outlen bytes, plus a NUL).
 * Returns 0, -1 when out of memory, 1 when iconv cannot do it. */
int ms_cp1256_to_utf8(ms_conv *c, const char *s, size_t n, char **out,
                      size_t *outlen);
void ms_conv_close(ms_conv *c);

/* ------------------------------------------------------------ JSON lines */

/* Fields of a record that the reader looks at. */
enum {
    MS_F_ID, MS_F_SOURCE, MS_F_OUTLET, MS_F_SITE, MS_F_DATE, MS_F_PUBLISHED,
    MS_F_DATEPUB, MS_F_URL, MS_F_TITLE, MS_F_HEADLINE, MS_F_AUTHOR,
    MS_F_TEXT, MS_F_BODY, MS_F_CONTENT, MS_F_N
};

/* JSON types as seen for a field (MS_T_ABSENT when not there). */
enum {
    MS_T_ABSENT, MS_T_STRING, MS_T_NULL, MS_T_NUMBER, MS_T_BOOL,
    MS_T_ARRAY, MS_T_OBJECT
};

/* One field's value: a NUL-terminated UTF-8 string when type is
 * MS_T_STRING (or an id number formatted, or an author array joined). */
typedef struct ms_jval {
    int type;
    const char *s;
    size_t len;
} ms_jval;

/* Scratch space for parsing records; reused from line to line. */
typedef struct ms_jparser {
    char *scratch; /* decoded strings of the fast path */
    size_t cap;
    char *join;    /* joined author array */
    size_t joincap;
    char idbuf[32];
    json_t *root;  /* tree of the last jansson parse */
} ms_jparser;

void ms_jparser_free(ms_jparser *p);

/* The fast path: a flat object whose values are strings, null, booleans
 * or small integers.  Returns 1 with v filled, 0 when the line needs
 * jansson (anything else, including every invalid line), -1 when out of
 * memory.  It accepts only what jansson accepts, with the same values. */
int ms_json_fast(ms_jparser *p, const char *line, size_t n,
                 ms_jval v[MS_F_N]);

/* The general path with jansson (JSON_DECODE_ANY).  Returns 1 with v
 * filled (*type is the type of the top-level value), 0 when the line is
 * not JSON (*e filled), -1 when out of memory. */
int ms_json_slow(ms_jparser *p, const char *line, size_t n,
                 ms_jval v[MS_F_N], int *type, json_error_t *e);

/* Name of a MS_T_* type for messages: "a number", "an array", ... */
const char *ms_json_type_name(int type);

#endif
