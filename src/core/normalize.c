/*
 * normalize.c - Arabic-aware normalization: per-character folds that a
 * caller selects one by one (marsad.h lists them), and the character
 * classes the tokenizer uses.
 *
 * The Arabic block and the presentation forms are table-driven
 * (data/arabic_chars.txt, data/presentation_forms.txt, generated into
 * tables/normalize.inc); other scripts use utf8proc's category and simple
 * lower-case mapping.  Every fold maps a character to a final result, so
 * one pass is enough and normalizing twice changes nothing.
 */
#include <string.h>

#include <utf8proc.h>

#include "internal.h"

struct pf_entry {
    uint8_t cls;  /* MARSADI_C_* */
    uint8_t len;  /* length of the decomposition, 0 for none */
    uint16_t off; /* offset in pf_pool */
};

#include "tables/normalize.inc"

unsigned marsadi_fold_flag(unsigned kind)
{
    static const unsigned flag[] = {
        0,
        MARSAD_FOLD_MARKS,
        MARSAD_FOLD_TATWEEL,
        MARSAD_FOLD_CONTROLS,
        MARSAD_FOLD_ALEF,
        MARSAD_FOLD_YEH,
        MARSAD_FOLD_TEH_MARBUTA,
        MARSAD_FOLD_HAMZA,
        MARSAD_FOLD_DIGITS,
        MARSAD_FOLD_COMPAT,
    };
    return kind < sizeof flag / sizeof flag[0] ? flag[kind] : 0;
}

static const struct pf_entry *pf_lookup(uint32_t cp)
{
    if (cp >= 0xFB50 && cp < 0xFE00)
        return &pf_table[cp - 0xFB50];
    if (cp >= 0xFE70 && cp < 0xFF00)
        return &pf_table[(0xFE00 - 0xFB50) + (cp - 0xFE70)];
    return NULL;
}

/* Invisible format characters outside the Arabic block that
 * MARSAD_FOLD_CONTROLS removes. */
static int is_control(uint32_t cp)
{
    return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

int marsadi_class(uint32_t cp)
{
    const struct pf_entry *pf;
    utf8proc_category_t cat;

    if (cp < 0x80)
        return marsadi_ascii_class[cp];
    if (cp >= 0x600 && cp <= 0x6FF)
        return marsadi_ar_class[cp - 0x600];
    if (cp == MARSAD_REPLACEMENT_CHAR)
        return MARSADI_C_BAD;
    if (is_control(cp))
        return MARSADI_C_IGNORE;
    pf = pf_lookup(cp);
    if (pf && pf->len)
        return pf->cls;
    if (cp > 0x10FFFF)
        return MARSADI_C_BAD;
    cat = utf8proc_category((utf8proc_int32_t)cp);
    switch (cat) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        /* Arabic Supplement and Extended-A/B letters join Arabic words */
        if ((cp >= 0x750 && cp <= 0x77F) || (cp >= 0x870 && cp <= 0x8FF))
            return MARSADI_C_ARLETTER;
        return MARSADI_C_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return MARSADI_C_ARMARK;
    case UTF8PROC_CATEGORY_ND:
        return MARSADI_C_DIGIT;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return MARSADI_C_PUNCT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return MARSADI_C_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return MARSADI_C_IGNORE;
    default:
        return MARSADI_C_SYMBOL;
    }
}

/* Fold of a character of the Arabic block, which folds (if at all) into
 * one ASCII or Arabic-block character whose own fold is none: the data
 * file keeps targets final, and tests/unit checks that. */
static size_t fold_arabic(uint32_t cp, unsigned flags, uint32_t *out)
{
    unsigned k = marsadi_ar_fold[cp - 0x600];
    if (k != MARSADI_FK_NONE && (flags & marsadi_fold_flag(k))) {
        if (k <= MARSADI_FK_CONTROLS)
            return 0; /* marks, tatweel, controls: removed */
        cp = marsadi_ar_target[cp - 0x600];
    }
    out[0] = cp;
    return 1;
}

static int is_extended_mark(uint32_t cp)
{
    /* marks of Arabic Extended-A/B fold with the harakat */
    return (cp >= 0x8D3 && cp <= 0x8FF) || (cp >= 0x898 && cp <= 0x89F) ||
           (cp >= 0x8CA && cp <= 0x8D2);
}

size_t marsadi_fold_char(uint32_t cp, unsigned flags, uint32_t *out)
{
    const struct pf_entry *pf;

    if (cp < 0x80) {
        if ((flags & MARSAD_FOLD_CASE) && cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        out[0] = cp;
        return 1;
    }
    if (cp >= 0x600 && cp <= 0x6FF)
        return fold_arabic(cp, flags, out);
    if ((flags & MARSAD_FOLD_CONTROLS) && is_control(cp))
        return 0;
    if ((flags & MARSAD_FOLD_MARKS) && is_extended_mark(cp))
        return 0;
    pf = pf_lookup(cp);
    if (pf && pf->len && (flags & MARSAD_FOLD_COMPAT)) {
        size_t i, n = 0;
        for (i = 0; i < pf->len; i++) {
            uint32_t c = pf_pool[pf->off + i];
            if (c >= 0x600 && c <= 0x6FF)
                n += fold_arabic(c, flags, out + n);
            else
                out[n++] = c;
        }
        return n;
    }
    if ((flags & MARSAD_FOLD_CASE) && cp <= 0x10FFFF &&
        !(cp >= 0xD800 && cp <= 0xDFFF)) {
        cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
    }
    out[0] = cp;
    return 1;
}

uint32_t marsadi_compose(uint32_t base, uint32_t mark)
{
    /* canonical compositions of Arabic letters with U+0653..U+0655 */
    switch (mark) {
    case 0x0653:
        return base == 0x0627 ? 0x0622 : 0;
    case 0x0654:
        switch (base) {
        case 0x0627:
            return 0x0623;
        case 0x0648:
            return 0x0624;
        case 0x064A:
            return 0x0626;
        case 0x06C1:
            return 0x06C2;
        case 0x06D2:
            return 0x06D3;
        case 0x06D5:
            return 0x06C0;
        default:
            return 0;
        }
    case 0x0655:
        return base == 0x0627 ? 0x0625 : 0;
    default:
        return 0;
    }
}

/* Appends cp to out if there is room; returns the bytes it takes. */
static size_t put(char *out, size_t cap, size_t at, uint32_t cp)
{
    char tmp[4];
    size_t n = marsad_utf8_encode(cp, tmp);
    if (at + n <= cap)
        memcpy(out + at, tmp, n);
    else if (at < cap)
        memcpy(out + at, tmp, cap - at);
    return n;
}

size_t marsad_normalize(const char *s, size_t len, unsigned flags, char *out,
                        size_t cap)
{
    size_t i = 0;
    size_t at = 0;
    size_t last_at = 0;  /* where the last written code point starts */
    uint32_t last = 0;   /* the last written code point, 0 if none */
    uint32_t buf[MARSADI_FOLD_MAX];

    while (i < len) {
        uint32_t cp;
        size_t n, k;
        unsigned char b = (unsigned char)s[i];

        if (b < 0x80) {
            cp = b;
            n = 1;
        } else if ((b & 0xFC) == 0xD8 && i + 1 < len &&
                   ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            /* fast path: a letter or mark of the Arabic block */
            unsigned fk;
            cp = ((uint32_t)(b & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3F);
            fk = marsadi_ar_fold[cp - 0x600];
            if (!(cp >= 0x0653 && cp <= 0x0655) &&
                (fk == MARSADI_FK_NONE || !(flags & marsadi_fold_flag(fk)))) {
                i += 2;
                last_at = at;
                if (at + 2 <= cap) {
                    out[at] = s[i - 2];
                    out[at + 1] = s[i - 1];
                } else if (at < cap) {
                    out[at] = s[i - 2];
                }
                at += 2;
                last = cp;
                continue;
            }
            n = 2;
        } else {
            n = marsad_utf8_decode(s + i, len - i, &cp);
        }
        i += n;
        if (cp >= 0x0653 && cp <= 0x0655 && last) {
            uint32_t c = marsadi_compose(last, cp);
            if (c) {
                /* replace the base with the composed letter, folded */
                at = last_at;
                last = 0;
                k = marsadi_fold_char(c, flags, buf);
                if (k == 1) {
                    last_at = at;
                    at += put(out, cap, at, buf[0]);
                    last = buf[0];
                }
                continue;
            }
        }
        k = marsadi_fold_char(cp, flags, buf);
        for (n = 0; n < k; n++) {
            last_at = at;
            at += put(out, cap, at, buf[n]);
            last = buf[n];
        }
    }
    return at;
}

static const struct {
    const char *name;
    unsigned bits;
} fold_names[] = {
    {"marks", MARSAD_FOLD_MARKS},
    {"tatweel", MARSAD_FOLD_TATWEEL},
    {"alef", MARSAD_FOLD_ALEF},
    {"yeh", MARSAD_FOLD_YEH},
    {"teh-marbuta", MARSAD_FOLD_TEH_MARBUTA},
    {"hamza", MARSAD_FOLD_HAMZA},
    {"digits", MARSAD_FOLD_DIGITS},
    {"compat", MARSAD_FOLD_COMPAT},
    {"controls", MARSAD_FOLD_CONTROLS},
    {"case", MARSAD_FOLD_CASE},
    {"search", MARSAD_PROFILE_SEARCH},
    {"display", MARSAD_PROFILE_DISPLAY},
    {"all", MARSAD_PROFILE_ALL},
    {"none", 0},
};

const char *marsad_fold_name(unsigned bit)
{
    size_t i;
    for (i = 0; i < 10; i++)
        if (fold_names[i].bits == bit)
            return fold_names[i].name;
    return NULL;
}

int marsad_fold_parse(const char *spec, unsigned *flags)
{
    unsigned acc = 0;
    const char *p = spec;

    if (!spec || !flags)
        return MARSAD_EINVAL;
    while (*p) {
        int op = 0; /* 0 set-add, 1 add, -1 remove */
        size_t n, i;
        int found = 0;
        while (*p == ',' || *p == ' ')
            p++;
        if (!*p)
            break;
        if (*p == '+' || *p == '-') {
            op = *p == '+' ? 1 : -1;
            p++;
        }
        n = strcspn(p, ", ");
        for (i = 0; i < sizeof fold_names / sizeof fold_names[0]; i++) {
            if (strlen(fold_names[i].name) == n &&
                memcmp(fold_names[i].name, p, n) == 0) {
                if (op < 0)
                    acc &= ~fold_names[i].bits;
                else
                    acc |= fold_names[i].bits;
                found = 1;
                break;
            }
        }
        if (!found)
            return MARSAD_EINVAL;
        p += n;
    }
    *flags = acc;
    return MARSAD_OK;
}
