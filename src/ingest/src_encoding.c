/*
 * src_encoding.c - deciding what a file's bytes are: UTF-8, Windows-1256
 * Arabic, UTF-8 with a few bad bytes, or binary data.
 *
 * Valid UTF-8 is the fast, common case (ms_utf8_check skips ASCII a word
 * at a time).  Only text that fails it is looked at closely: ms_enc_stats
 * counts valid multi-byte characters, invalid sequences (maximal subparts,
 * the core library's convention) and how many high bytes would be Arabic
 * letters or marks in Windows-1256.  In Windows-1256 Arabic almost every
 * high byte is a letter in 0xC1..0xFE, and such bytes are UTF-8 lead bytes
 * that a letter never continues, so that text is nearly all invalid
 * sequences; UTF-8 with a stray byte is nearly all valid characters.
 * Conversion uses iconv; bytes it refuses become U+FFFD.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/src_internal.h"
#include "marsad.h"

/* Bit b set: byte b is an Arabic-script letter, mark or punctuation mark
 * (، ؛ ؟) in Windows-1256. */
static const uint32_t cp1256_arabic[8] = {
    0, 0, 0, 0,
    /* 0x80..0x9F: 81 8A 8D 8E 8F 90 98 9A 9F */
    (1u << 0x01) | (1u << 0x0A) | (1u << 0x0D) | (1u << 0x0E) |
        (1u << 0x0F) | (1u << 0x10) | (1u << 0x18) | (1u << 0x1A) |
        (1u << 0x1F),
    /* 0xA0..0xBF: A1 AA BA BF */
    (1u << 0x01) | (1u << 0x0A) | (1u << 0x1A) | (1u << 0x1F),
    /* 0xC0..0xDF: all but D7 (multiplication sign) */
    0xFFFFFFFFu & ~(1u << 0x17),
    /* 0xE0..0xFF: E1 E3-E6 EC ED F0-F3 F5 F6 F8 FA FF */
    (1u << 0x01) | (1u << 0x03) | (1u << 0x04) | (1u << 0x05) |
        (1u << 0x06) | (1u << 0x0C) | (1u << 0x0D) | (1u << 0x10) |
        (1u << 0x11) | (1u << 0x12) | (1u << 0x13) | (1u << 0x15) |
        (1u << 0x16) | (1u << 0x18) | (1u << 0x1A) | (1u << 0x1F),
};

static int is_cp1256_arabic(unsigned b)
{
    return (cp1256_arabic[b >> 5] >> (b & 31)) & 1u;
}

size_t ms_utf8_check(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        size_t k;
        if (p[i] < 0x80) {
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, p + i, 8);
                if (w & UINT64_C(0x8080808080808080))
                    break;
                i += 8;
            }
            while (i < n && p[i] < 0x80)
                i++;
            continue;
        }
        k = ms_utf8_seq(p + i, n - i);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

void ms_enc_stats(const char *s, size_t n, ms_encstat *st)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    memset(st, 0, sizeof *st);
    st->first_bad = n;
    for (i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c >= 0x80) {
            st->high++;
            st->arabic += (size_t)is_cp1256_arabic(c);
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            st->spaces++;
        }
    }
    i = 0;
    while (i < n) {
        size_t k;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        k = ms_utf8_seq(p + i, n - i);
        if (k) {
            st->mbchars++;
        } else {
            uint32_t cp;
            k = marsad_utf8_decode(s + i, n - i, &cp);
            if (st->nbad == 0)
                st->first_bad = i;
            st->nbad++;
            st->badbytes += k;
        }
        i += k;
    }
}

int ms_enc_verdict(const ms_encstat *st, size_t n)
{
    /* Windows-1256: most high bytes are Arabic letters there and most of
     * them do not form UTF-8; prose has spaces.  A word's worth of
     * letters at least: two stray bytes prove nothing. */
    if (st->arabic >= 4 && st->arabic * 10 >= st->high * 7 &&
        st->badbytes * 2 >= st->high && (n < 64 || st->spaces > 0))
        return MS_ENC_CP1256;
    /* More than a quarter of the bytes invalid and fewer valid characters
     * than invalid sequences: not text in any encoding handled here. */
    if (st->badbytes * 4 > n && st->mbchars < st->nbad)
        return MS_ENC_BINARY;
    return MS_ENC_REPAIR;
}

int ms_looks_binary(const char *s, size_t n, size_t *off)
{
    size_t m = n < 8192 ? n : 8192, i, ctrl = 0;
    const unsigned char *p = (const unsigned char *)s;
    const void *z = memchr(s, 0, m);

    if (z) {
        *off = (size_t)((const char *)z - s);
        return 1;
    }
    for (i = 0; i < m; i++) {
        unsigned c = p[i];
        if ((c < 0x20 && !(c >= 0x09 && c <= 0x0D)) || c == 0x7F)
            ctrl++;
    }
    *off = n;
    return ctrl * 10 > m;
}

size_t ms_utf8_repaired_size(const ms_encstat *st, size_t n)
{
    return n - st->badbytes + 3 * st->nbad;
}

size_t ms_utf8_repair(const char *s, size_t n, char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;

    while (i < n) {
        size_t k;
        if (p[i] < 0x80) {
            out[o++] = s[i++];
            continue;
        }
        k = ms_utf8_seq(p + i, n - i);
        if (k) {
            memcpy(out + o, s + i, k);
            o += k;
        } else {
            uint32_t cp;
            k = marsad_utf8_decode(s + i, n - i, &cp);
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        }
        i += k;
    }
    return o;
}

int ms_cp1256_to_utf8(ms_conv *c, const char *s, size_t n, char **out,
                      size_t *outlen)
{
    size_t high = 0, cap, left, inleft = n, i;
    char *buf, *op, *in = (char *)s;
    iconv_t cd;

    if (c->failed)
        return 1;
    if (!c->cd) {
        cd = iconv_open("UTF-8", "WINDOWS-1256");
        if (cd == (iconv_t)-1) {
            c->failed = 1;
            return 1;
        }
        c->cd = (void *)cd;
    }
    cd = (iconv_t)c->cd;
    iconv(cd, NULL, NULL, NULL, NULL);
    for (i = 0; i < n; i++)
        high += (unsigned char)s[i] >= 0x80;
    /* Arabic letters take two bytes in UTF-8; grow for the rare three */
    cap = n + high + 16;
    buf = malloc(cap);
    if (!buf)
        return -1;
    op = buf;
    left = cap - 1;
    while (inleft > 0) {
        size_t r = iconv(cd, &in, &inleft, &op, &left);
        if (r != (size_t)-1)
            continue;
        if (errno == EILSEQ || errno == EINVAL) {
            /* a byte without a mapping: U+FFFD, then go on after it */
            if (left >= 3) {
                memcpy(op, "\xEF\xBF\xBD", 3);
                op += 3;
                left -= 3;
                in++;
                inleft--;
                iconv(cd, NULL, NULL, NULL, NULL);
                continue;
            }
        } else if (errno != E2BIG) {
            free(buf);
            return 1;
        }
        {
            size_t used = (size_t)(op - buf), ncap = cap + cap / 2 + 64;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                return -1;
            }
            buf = nb;
            cap = ncap;
            op = buf + used;
            left = cap - used - 1;
        }
    }
    *op = '\0';
    *out = buf;
    *outlen = (size_t)(op - buf);
    return 0;
}

void ms_conv_close(ms_conv *c)
{
    if (c->cd)
        iconv_close((iconv_t)c->cd);
    c->cd = NULL;
}
