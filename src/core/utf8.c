/*
 * utf8.c - UTF-8 decoding, encoding and validation.
 *
 * Invalid input is never rejected in the lenient path: each ill-formed
 * sequence becomes U+FFFD, consuming its maximal subpart (Unicode 15.0,
 * section 3.9, "U+FFFD Substitution of Maximal Subparts"), so that one bad
 * byte never swallows the valid character after it.  Table 3-7 of that
 * section defines the well-formed byte sequences checked below.
 */
#include "marsad.h"

/* Second-byte bounds per lead byte (Table 3-7): they rule out overlong
 * forms (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code points
 * above U+10FFFF (F4 90..BF). */
static int second_ok(unsigned lead, unsigned b)
{
    switch (lead) {
    case 0xE0:
        return b >= 0xA0 && b <= 0xBF;
    case 0xED:
        return b >= 0x80 && b <= 0x9F;
    case 0xF0:
        return b >= 0x90 && b <= 0xBF;
    case 0xF4:
        return b >= 0x80 && b <= 0x8F;
    default:
        return b >= 0x80 && b <= 0xBF;
    }
}

size_t marsad_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned lead;
    size_t need;
    size_t i;
    uint32_t c;

    if (len == 0)
        return 0;
    lead = p[0];
    if (lead < 0x80) {
        *cp = lead;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        need = 2;
        c = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 3;
        c = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 4;
        c = lead & 0x07;
    } else {
        /* stray continuation byte, C0/C1 (always overlong) or F5..FF */
        *cp = MARSAD_REPLACEMENT_CHAR;
        return 1;
    }
    for (i = 1; i < need; i++) {
        unsigned b;
        if (i >= len) {
            *cp = MARSAD_REPLACEMENT_CHAR; /* truncated by end of input */
            return i;
        }
        b = p[i];
        if (i == 1 ? !second_ok(lead, b) : (b & 0xC0) != 0x80) {
            *cp = MARSAD_REPLACEMENT_CHAR; /* maximal subpart ends here */
            return i;
        }
        c = (c << 6) | (b & 0x3F);
    }
    *cp = c;
    return need;
}

size_t marsad_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;

    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = MARSAD_REPLACEMENT_CHAR;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int marsad_utf8_validate(const char *s, size_t len, size_t *err_off)
{
    size_t i = 0;

    while (i < len) {
        uint32_t cp;
        size_t n;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        n = marsad_utf8_decode(s + i, len - i, &cp);
        /* a literal U+FFFD in the input is 3 bytes long; a substitute
         * for a bad sequence never is */
        if (cp == MARSAD_REPLACEMENT_CHAR && n != 3) {
            if (err_off)
                *err_off = i;
            return MARSAD_EUTF8;
        }
        if (cp == MARSAD_REPLACEMENT_CHAR &&
            !((unsigned char)s[i] == 0xEF &&
              (unsigned char)s[i + 1] == 0xBF &&
              (unsigned char)s[i + 2] == 0xBD)) {
            if (err_off)
                *err_off = i;
            return MARSAD_EUTF8;
        }
        i += n;
    }
    return MARSAD_OK;
}
