/*
 * src_jsonl.c - the fields of one JSON Lines record.
 *
 * News dumps are flat objects of strings, so a record is first read by a
 * small scanner (ms_json_fast) that accepts exactly that shape: an object
 * whose values are strings, null, true, false or short integers, with
 * plain ASCII keys.  It validates as strictly as jansson (UTF-8 per Table
 * 3-7, no control characters, no \u0000, paired surrogates, nothing after
 * the object) and decodes the strings of the fields it wants into one
 * scratch buffer.  On anything else - nested values, odd numbers, escaped
 * keys, and every malformed line - it declines and ms_json_slow parses
 * the line with jansson, which also gives the error message.  So the
 * fast path changes speed, never results; the fuzz target checks that
 * both paths agree on every line the fast one accepts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/src_internal.h"
#include "marsad.h"

static const char *const field_names[MS_F_N] = {
    "id",    "source",   "outlet", "site", "date", "published",
    "datePublished", "url", "title", "headline", "author", "text",
    "body",  "content",
};

static int key_index(const unsigned char *k, size_t n)
{
    int i;

    switch (n) {
    case 2: case 3: case 4: case 5: case 6: case 7: case 8: case 9: case 13:
        break;
    default:
        return -1;
    }
    for (i = 0; i < MS_F_N; i++)
        if (strlen(field_names[i]) == n && memcmp(field_names[i], k, n) == 0)
            return i;
    return -1;
}

void ms_jparser_free(ms_jparser *p)
{
    free(p->scratch);
    free(p->join);
    json_decref(p->root);
    memset(p, 0, sizeof *p);
}

const char *ms_json_type_name(int type)
{
    switch (type) {
    case MS_T_STRING:
        return "a string";
    case MS_T_NULL:
        return "null";
    case MS_T_NUMBER:
        return "a number";
    case MS_T_BOOL:
        return "a boolean";
    case MS_T_ARRAY:
        return "an array";
    case MS_T_OBJECT:
        return "an object";
    default:
        return "absent";
    }
}

/* ------------------------------------------------------------ fast path */

static int is_ws(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int hexval(unsigned c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

/* Four hex digits at s[0..4) (e - s bytes available). */
static int hex4(const unsigned char *s, const unsigned char *e, uint32_t *u)
{
    uint32_t v = 0;
    int i;

    if (e - s < 4)
        return 0;
    for (i = 0; i < 4; i++) {
        int h = hexval(s[i]);
        if (h < 0)
            return 0;
        v = v << 4 | (uint32_t)h;
    }
    *u = v;
    return 1;
}

/* Scans a string body from *ps (after the opening quote) to just past
 * the closing quote.  When po is not NULL, the decoded bytes go to *po,
 * which is advanced.  Returns 0 for anything jansson would reject or
 * decode in some other way. */
static int scan_string(const unsigned char **ps, const unsigned char *e,
                       char **po)
{
    const unsigned char *s = *ps;
    char *o = po ? *po : NULL;

    for (;;) {
        /* a run of bytes that are copied as they are */
        const unsigned char *r = s;
        while (r < e) {
            unsigned c = *r;
            if (c < 0x80) {
                if (c < 0x20 || c == '"' || c == '\\')
                    break;
                r++;
            } else if (c - 0xC2u <= 0xDFu - 0xC2u) {
                /* two-byte characters (Arabic) first */
                if (e - r < 2 || (r[1] & 0xC0) != 0x80)
                    return 0;
                r += 2;
            } else {
                size_t k = ms_utf8_seq(r, (size_t)(e - r));
                if (k == 0)
                    return 0;
                r += k;
            }
        }
        if (o && r > s) {
            memcpy(o, s, (size_t)(r - s));
            o += r - s;
        }
        s = r;
        if (s == e || *s < 0x20)
            return 0;
        if (*s == '"') {
            *ps = s + 1;
            if (po)
                *po = o;
            return 1;
        }
        /* a backslash */
        if (e - s < 2)
            return 0;
        switch (s[1]) {
        case '"':
        case '\\':
        case '/':
            if (o)
                *o++ = (char)s[1];
            s += 2;
            break;
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            if (o)
                *o++ = s[1] == 'b'   ? '\b'
                       : s[1] == 'f' ? '\f'
                       : s[1] == 'n' ? '\n'
                       : s[1] == 'r' ? '\r'
                                     : '\t';
            s += 2;
            break;
        case 'u': {
            uint32_t u, lo;
            if (!hex4(s + 2, e, &u))
                return 0;
            s += 6;
            if (u == 0 || (u >= 0xDC00 && u <= 0xDFFF))
                return 0;
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (e - s < 6 || s[0] != '\\' || s[1] != 'u' ||
                    !hex4(s + 2, e, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return 0;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                s += 6;
            }
            if (o)
                o += marsad_utf8_encode(u, o);
            break;
        }
        default:
            return 0;
        }
    }
}

static const unsigned char *skip_ws(const unsigned char *s,
                                    const unsigned char *e)
{
    while (s < e && is_ws(*s))
        s++;
    return s;
}

/* A literal or a short integer, then something that may follow a value. */
static const unsigned char *scan_scalar(const unsigned char *s,
                                        const unsigned char *e, int *type)
{
    static const char *const lit[3] = {"null", "true", "false"};
    int i;

    for (i = 0; i < 3; i++) {
        size_t k = strlen(lit[i]);
        if ((size_t)(e - s) >= k && memcmp(s, lit[i], k) == 0) {
            *type = i == 0 ? MS_T_NULL : MS_T_BOOL;
            return s + k;
        }
    }
    if (*s == '-' || (*s >= '0' && *s <= '9')) {
        const unsigned char *d;
        if (*s == '-')
            s++;
        d = s;
        while (s < e && *s >= '0' && *s <= '9')
            s++;
        /* no fraction, exponent, leading zero or long digit string: those
         * are left to jansson, with its range checks */
        if (s == d || s - d > 15 || (*d == '0' && s - d > 1))
            return NULL;
        if (s < e && (*s == '.' || *s == 'e' || *s == 'E'))
            return NULL;
        *type = MS_T_NUMBER;
        return s;
    }
    return NULL;
}

int ms_json_fast(ms_jparser *p, const char *line, size_t n,
                 ms_jval v[MS_F_N])
{
    const unsigned char *s = (const unsigned char *)line, *e = s + n;
    char *o;
    int i;

    for (i = 0; i < MS_F_N; i++) {
        v[i].type = MS_T_ABSENT;
        v[i].s = NULL;
        v[i].len = 0;
    }
    if (p->cap < n + 1) {
        size_t ncap = n + 1 > 4096 ? n + 1 + (n >> 2) : 4096;
        char *b = realloc(p->scratch, ncap);
        if (!b)
            return -1;
        p->scratch = b;
        p->cap = ncap;
    }
    o = p->scratch;
    s = skip_ws(s, e);
    if (s == e || *s != '{')
        return 0;
    s = skip_ws(s + 1, e);
    if (s < e && *s == '}')
        return skip_ws(s + 1, e) == e;
    for (;;) {
        const unsigned char *k;
        int idx;
        if (s == e || *s != '"')
            return 0;
        k = ++s;
        while (s < e && *s != '"') {
            if (*s < 0x20 || *s >= 0x80 || *s == '\\')
                return 0;
            s++;
        }
        if (s == e)
            return 0;
        idx = key_index(k, (size_t)(s - k));
        s = skip_ws(s + 1, e);
        if (s == e || *s != ':')
            return 0;
        s = skip_ws(s + 1, e);
        if (s == e)
            return 0;
        if (*s == '"') {
            char *start = o;
            s++;
            if (!scan_string(&s, e, idx >= 0 ? &o : NULL))
                return 0;
            if (idx >= 0) {
                v[idx].type = MS_T_STRING;
                v[idx].s = start;
                v[idx].len = (size_t)(o - start);
                *o++ = '\0';
            }
        } else {
            int type = MS_T_ABSENT;
            s = scan_scalar(s, e, &type);
            if (!s || (type == MS_T_NUMBER && idx == MS_F_ID))
                return 0; /* an id number is formatted by jansson's path */
            if (idx >= 0) {
                v[idx].type = type;
                v[idx].s = NULL;
                v[idx].len = 0;
            }
        }
        s = skip_ws(s, e);
        if (s == e)
            return 0;
        if (*s == ',') {
            s = skip_ws(s + 1, e);
            continue;
        }
        if (*s != '}')
            return 0;
        return skip_ws(s + 1, e) == e;
    }
}

/* ------------------------------------------------------------ jansson */

static int jtype(const json_t *x)
{
    switch (json_typeof(x)) {
    case JSON_OBJECT:
        return MS_T_OBJECT;
    case JSON_ARRAY:
        return MS_T_ARRAY;
    case JSON_STRING:
        return MS_T_STRING;
    case JSON_INTEGER:
    case JSON_REAL:
        return MS_T_NUMBER;
    case JSON_TRUE:
    case JSON_FALSE:
        return MS_T_BOOL;
    default:
        return MS_T_NULL;
    }
}

/* Joins the non-empty strings of an array with an Arabic comma. */
static int join_authors(ms_jparser *p, const json_t *a, ms_jval *out)
{
    static const char sep[] = "\xD8\x8C ";
    size_t i, need = 1, len = 0;
    const json_t *x;

    json_array_foreach(a, i, x) {
        if (json_is_string(x) && json_string_length(x) > 0)
            need += json_string_length(x) + sizeof sep - 1;
    }
    if (need == 1)
        return 0;
    if (p->joincap < need) {
        char *b = realloc(p->join, need);
        if (!b)
            return -1;
        p->join = b;
        p->joincap = need;
    }
    json_array_foreach(a, i, x) {
        size_t k;
        if (!json_is_string(x) || (k = json_string_length(x)) == 0)
            continue;
        if (len) {
            memcpy(p->join + len, sep, sizeof sep - 1);
            len += sizeof sep - 1;
        }
        memcpy(p->join + len, json_string_value(x), k);
        len += k;
    }
    p->join[len] = '\0';
    out->type = MS_T_STRING;
    out->s = p->join;
    out->len = len;
    return 0;
}

int ms_json_slow(ms_jparser *p, const char *line, size_t n,
                 ms_jval v[MS_F_N], int *type, json_error_t *e)
{
    json_t *root;
    int i;

    for (i = 0; i < MS_F_N; i++) {
        v[i].type = MS_T_ABSENT;
        v[i].s = NULL;
        v[i].len = 0;
    }
    json_decref(p->root);
    p->root = NULL;
    root = json_loadb(line, n, JSON_DECODE_ANY, e);
    if (!root)
        return json_error_code(e) == json_error_out_of_memory ? -1 : 0;
    p->root = root;
    *type = jtype(root);
    if (!json_is_object(root))
        return 1;
    for (i = 0; i < MS_F_N; i++) {
        const json_t *x = json_object_get(root, field_names[i]);
        if (!x)
            continue;
        v[i].type = jtype(x);
        if (json_is_string(x)) {
            v[i].s = json_string_value(x);
            v[i].len = json_string_length(x);
        } else if (i == MS_F_ID && json_is_integer(x)) {
            snprintf(p->idbuf, sizeof p->idbuf, "%" JSON_INTEGER_FORMAT,
                     json_integer_value(x));
            v[i].type = MS_T_STRING;
            v[i].s = p->idbuf;
            v[i].len = strlen(p->idbuf);
        } else if (i == MS_F_AUTHOR && json_is_array(x)) {
            if (join_authors(p, x, &v[i]))
                return -1;
        }
    }
    return 1;
}
