/*
 * fuzz_jsonl.c - libFuzzer target for the input reader: arbitrary bytes
 * (gzip or not) read as a JSON Lines file (with small limits, so that
 * the line-too-long path is reached), as plain text and as HTML.
 *
 * Invariants: the reader returns 0 or 1; every text document is valid
 * UTF-8, and so is its metadata; JSON Lines records come in increasing
 * line order; every problem has a one-line message.  On each line of the
 * input the fast record scanner either declines or agrees with jansson
 * field by field; the UTF-8 helpers agree with the core library.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/source.h"
#include "ingest/src_internal.h"
#include "marsad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct fz {
    const char *name;
    ms_kind kind;
    long lastline;
    size_t ndocs;
} fz;

static void check_utf8(const char *s, size_t n)
{
    if (marsad_utf8_validate(s, n, NULL) != MARSAD_OK)
        abort();
}

static void check_cstr(const char *s)
{
    if (s)
        check_utf8(s, strlen(s));
}

static int on_doc(const ms_doc *d, void *ud)
{
    fz *z = ud;

    if (!d->path || strcmp(d->path, z->name) != 0 || !d->encoding)
        abort();
    if (z->kind == MS_JSONL) {
        if (d->kind != MS_TEXT || d->line <= z->lastline || !d->meta ||
            d->len == 0 || strlen(d->data) != d->len)
            abort();
        z->lastline = d->line;
        check_cstr(d->ext_id);
        check_cstr(d->meta->title);
        check_cstr(d->meta->source);
        check_cstr(d->meta->date);
        check_cstr(d->meta->url);
        check_cstr(d->meta->author);
        if (d->meta->dateline || d->meta->credit)
            abort();
    } else if (d->line != 0 || d->kind != z->kind || d->meta ||
               d->ext_id) {
        abort();
    }
    if (d->kind == MS_TEXT || strcmp(d->encoding, "utf-8") == 0)
        check_utf8(d->data, d->len);
    z->ndocs++;
    return 0;
}

static void on_err(int severity, const char *path, long line,
                   const char *msg, void *ud)
{
    fz *z = ud;

    if ((severity != MS_WARN && severity != MS_ERROR) || line < 0 ||
        strcmp(path, z->name) != 0 || !msg[0] || strchr(msg, '\n'))
        abort();
    if (z->kind != MS_JSONL && line != 0)
        abort();
}

/* The fast scanner and jansson agree on every line the scanner takes. */
static void check_paths(const char *s, size_t n)
{
    ms_jparser a, b;
    size_t i = 0;

    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (s + i)) : n - i;
        ms_jval v1[MS_F_N], v2[MS_F_N];
        json_error_t je;
        int type = 0, k;

        if (ms_json_fast(&a, s + i, len, v1) == 1) {
            if (ms_json_slow(&b, s + i, len, v2, &type, &je) != 1 ||
                type != MS_T_OBJECT)
                abort();
            for (k = 0; k < MS_F_N; k++) {
                if (v1[k].type != v2[k].type || v1[k].len != v2[k].len)
                    abort();
                if (v1[k].type == MS_T_STRING &&
                    (memcmp(v1[k].s, v2[k].s, v1[k].len) != 0 ||
                     v1[k].s[v1[k].len] != '\0'))
                    abort();
            }
        }
        i += len + 1;
    }
    ms_jparser_free(&a);
    ms_jparser_free(&b);
}

/* ms_utf8_check agrees with the core validator; repair gives valid UTF-8
 * of the announced size. */
static void check_encoding(const char *s, size_t n)
{
    size_t off = 0, bad = ms_utf8_check(s, n), out;
    int rc = marsad_utf8_validate(s, n, &off);
    ms_encstat st;
    char *fixed;

    if (rc == MARSAD_OK ? bad != n : bad != off)
        abort();
    ms_enc_stats(s, n, &st);
    if ((st.nbad == 0) != (bad == n) || (st.nbad && st.first_bad != bad))
        abort();
    fixed = malloc(ms_utf8_repaired_size(&st, n) + 1);
    if (!fixed)
        return;
    out = ms_utf8_repair(s, n, fixed);
    if (out != ms_utf8_repaired_size(&st, n))
        abort();
    check_utf8(fixed, out);
    free(fixed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    ms_limits lim = {(size_t)1 << 20, 4096};
    fz z;
    int rc;

    memset(&z, 0, sizeof z);
    z.name = "fuzz.jsonl";
    z.kind = MS_JSONL;
    rc = ms_read_source(z.name, -1, size, s, size, MS_JSONL, &lim, on_doc,
                        on_err, NULL, &z);
    if (rc != 0 && rc != 1)
        abort();

    memset(&z, 0, sizeof z);
    z.name = "fuzz.txt";
    z.kind = MS_TEXT;
    rc = ms_read_buffer(z.name, MS_TEXT, s, size, on_doc, on_err, &z);
    if ((rc != 0 && rc != 1) || z.ndocs > 1 || (rc == 0) != (z.ndocs == 1))
        abort();

    memset(&z, 0, sizeof z);
    z.name = "fuzz.html";
    z.kind = MS_HTML;
    rc = ms_read_buffer(z.name, MS_HTML, s, size, on_doc, on_err, &z);
    if ((rc != 0 && rc != 1) || z.ndocs > 1 || (rc == 0) != (z.ndocs == 1))
        abort();

    (void)ms_guess_kind("fuzz", s, size);
    check_paths(s, size);
    check_encoding(s, size);
    return 0;
}
