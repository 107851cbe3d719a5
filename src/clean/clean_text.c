/*
 * clean_text.c - boilerplate removal and article splitting for plain text.
 *
 * One pass cuts the document into lines and measures each one: words,
 * letters by script, digits, sentence punctuation, how it ends, how many
 * blank lines precede it, and a comparison key (text_lex.c) that ignores
 * punctuation, quotes, spacing and spelling variants.  Every rule below
 * works on these figures, never on the text of particular sites:
 *
 *   1. Context-free classes: separators, short Latin-only labels, comment
 *      prompts, share rows, navigation, related links, copyright and
 *      syndication lines, disclaimers, bylines with a cue, photo captions
 *      (a closing parenthesis naming an agency or a photo), date lines.
 *   2. Split: a headline-like line after two or more blank lines starts a
 *      new article when it is repeated soon after, or when a label line
 *      from the start of the document comes back after it.
 *   3. Per article: the first headline-like line before the first body
 *      paragraph is the title (or the hint's title); lines whose key
 *      equals the title's or an earlier line's are repeats; short lines of
 *      the head give the author and the dateline; a "Name - " prefix of a
 *      paragraph is an outlet (cut, meta.source) when it names one, else
 *      a dateline (kept); a long unpunctuated run of headlines at the end
 *      is a ticker; notes after the last paragraph are author notes.
 *   4. Short lines seen on several earlier pages of the same site
 *      (text_sitemem.c) are boilerplate.
 *
 * Rules that may mistake body text (titles, captions, author notes, date
 * lines) give way when an article would otherwise keep nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"
#include "clean/text_internal.h"

/* ------------------------------------------------------------ tunables */

#define PARA_WORDS 15     /* a body paragraph has this many words, */
#define PARA_WORDS_END 8  /* or this many and a final period */
#define HEAD_WORDS 30     /* most words in a headline */
#define HEAD_CHARS 220    /* most characters in a headline */
#define SHORT_WORDS 12    /* lines remembered across pages */
#define SHORT_BYTES 200
#define SITE_PAGES 3      /* earlier pages that make a line boilerplate */
#define TICKER_WORDS 25   /* fewest words in a list of headlines */
#define TICKER_RATIO 50   /* at most one comma or period per this many */
#define TICKER_LONE_WORDS 120 /* fewest words of a ticker with no cue, */
#define TICKER_BODY_RATIO 40  /* in a body with a comma or period at least
                                 every this many words */
#define CAPTION_WORDS 50  /* most words in a caption */
#define NOTE_WORDS 30     /* most words in a starred note after the body */
#define SPLIT_AHEAD 10    /* lines searched for a repeated headline */
#define LABEL_AHEAD 6     /* lines searched for a recurring label */
#define LABEL_NEAR 50     /* lines searched for a label's repeat */
#define MAX_CREDITS 8     /* distinct credits kept per article */

/* How a line ends, closing quotes aside. */
enum {
    END_NONE,
    END_PERIOD,
    END_ELLIPSIS,
    END_QUESTION,
    END_EXCL,
    END_COLON,
    END_PAREN,
    END_DASH
};

/* Context-free classes (step 1). */
enum {
    C_BODY,
    C_SEP,
    C_LABEL,
    C_CONTACT,
    C_COMMENT,
    C_RELATED,
    C_TICKER_CUE,
    C_SOCIAL,
    C_NAV,
    C_COPYRIGHT,
    C_SYND,
    C_DISCLAIMER,
    C_AUTHOR_CUE,
    C_CAPTION,
    C_DATE
};

static const char R_TITLE[] = "title";
static const char R_REP_TITLE[] = "repeated title";
static const char R_REP_LINE[] = "repeated line";
static const char R_TICKER[] = "ticker";
static const char R_CAPTION[] = "caption";
static const char R_LABEL[] = "site label";
static const char R_OUTLET[] = "outlet prefix";
static const char R_COMMENT[] = "comment prompt";
static const char R_COPYRIGHT[] = "copyright";
static const char R_SYND[] = "syndication";
static const char R_NAV[] = "navigation";
static const char R_SOCIAL[] = "share buttons";
static const char R_RELATED[] = "related links";
static const char R_SEP[] = "separator";
static const char R_DISCLAIMER[] = "disclaimer";
static const char R_AUTHOR[] = "author";
static const char R_AUTHOR_NOTE[] = "author note";
static const char R_DATELINE[] = "dateline";
static const char R_DATE[] = "date";
static const char R_CONTACT[] = "contact";
static const char R_SITE[] = "boilerplate repeated across pages";

/* One non-blank line of the input. */
typedef struct tline {
    size_t s, e;        /* trimmed byte range */
    size_t ks;          /* start of the kept part (> s when a prefix is cut) */
    size_t ms, me;      /* metadata found in the line (credit, author) */
    const char *pre;    /* reason for the cut prefix [s, ks), or NULL */
    const char *reason; /* why the line is dropped; NULL when kept */
    uint64_t key;       /* comparison key, 0 when it has no letters */
    unsigned nkey;      /* code points in the comparison form */
    unsigned nword;     /* words (runs between spaces) */
    unsigned nchar;     /* non-space characters */
    unsigned nar, nlat; /* Arabic and Latin letters */
    unsigned ndig;      /* digits */
    unsigned ncomma;    /* , ، ; ؛ */
    unsigned nperiod;   /* sentence periods (not ellipses, abbreviations) */
    unsigned char endc;   /* END_* */
    unsigned char cls;    /* C_* */
    unsigned char blanks; /* blank lines just before (capped) */
    unsigned char star;   /* starts with '*' */
    unsigned char soft;   /* the drop gives way if nothing else is left */
    unsigned char para;   /* body paragraph */
    unsigned char dashpair; /* a short "A - B" line (byline, dateline) */
} tline;

/* Metadata gathered for one article, as ranges of the input. */
typedef struct ameta {
    size_t title_s, title_e;
    size_t author_s, author_e;
    size_t dl_s, dl_e;
    size_t src_s, src_e;
    size_t cred_s[MAX_CREDITS], cred_e[MAX_CREDITS];
    int ncred;
    int has_title, has_author, has_dl, has_src;
    char date[11]; /* YYYY-MM-DD or "" */
} ameta;

/* In-article repetition table slot. */
typedef struct rslot {
    uint64_t key;
    uint32_t art; /* article number + 1; other values count as empty */
} rslot;

/* ------------------------------------------------------------ measuring */

static int is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

/* Counts words, letters, digits and punctuation of s[L->s..L->e). */
static void measure(const char *s, tline *L)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = L->s, e = L->e;
    int inword = 0;

    while (i < e) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
                inword = 0;
                i++;
                continue;
            }
            if (!inword) {
                L->nword++;
                inword = 1;
            }
            L->nchar++;
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
                L->nlat++;
            else if (c >= '0' && c <= '9')
                L->ndig++;
            else if (c == ',' || c == ';')
                L->ncomma++;
            else if (c == '.') {
                int prev_dot = i > L->s && p[i - 1] == '.';
                int next_ok = i + 1 >= e ||
                              (p[i + 1] != '.' && !is_ascii_alnum(p[i + 1]) &&
                               !(p[i + 1] >= 0xD8 && p[i + 1] <= 0xDB));
                if (!prev_dot && next_ok)
                    L->nperiod++;
            }
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < e && p[i + 1] == 0xA0) {
            inword = 0;
            i += 2;
            continue;
        }
        if (!inword) {
            L->nword++;
            inword = 1;
        }
        L->nchar++;
        if ((c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) && i + 1 < e) {
            unsigned char d = p[i + 1];
            if (c == 0xD8 && (d == 0x8C || d == 0x9B))
                L->ncomma++;
            else if (c == 0xD8 && d < 0xA0)
                ; /* other signs and marks */
            else if (c == 0xD9 && (d == 0x80 || (d >= 0x8B && d <= 0x9F)))
                ; /* tatweel, harakat */
            else if (c == 0xD9 && d >= 0xA0 && d <= 0xA9)
                L->ndig++;
            else if (c == 0xDB && d >= 0xB0 && d <= 0xB9)
                L->ndig++;
            else
                L->nar++;
        } else if (c >= 0xC3 && c <= 0xC9 &&
                   !(c == 0xC3 && i + 1 < e &&
                     (p[i + 1] == 0x97 || p[i + 1] == 0xB7))) {
            L->nlat++; /* Latin letters, not the signs × and ÷ */
        }
        i++;
        while (i < e && (p[i] & 0xC0) == 0x80)
            i++;
    }
}

/* A line longer than this that ends with a period is a plain paragraph
 * for every rule that looks at a line's content: it gets the cheaper
 * figures of scan_para. */
#define PARA_BYTES 200

/* Bytes scan_para looks at: tab, comma, semicolon, period, and the second
 * bytes of the Arabic comma and semicolon and of the no-break space. */
static const unsigned char para_class[256] = {
    ['\t'] = 1, [','] = 2, [';'] = 2, ['.'] = 3,
    [0x8C] = 4, [0x9B] = 4, [0xA0] = 5};

/*
 * Figures of a plain paragraph in one cheap pass: words, commas, periods;
 * letters are estimated.  The key hashes the length and the bytes at both
 * ends, so that only exact repeats of such paragraphs compare equal.
 */
static void scan_para(const char *s, tline *L)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i, e = L->e, n = L->e - L->s;
    unsigned spaces = 0, extra = 0, comma = 0, period = 0;
    uint64_t h = 14695981039346656037ull;

    for (i = L->s; i < e; i++) {
        unsigned char c = p[i];
        spaces += c == ' ';
        if (!para_class[c])
            continue;
        switch (para_class[c]) {
        case 1:
            extra++;
            break;
        case 2:
            comma++;
            break;
        case 3:
            if ((i == 0 || p[i - 1] != '.') &&
                (i + 1 >= e || (p[i + 1] != '.' && !is_ascii_alnum(p[i + 1]) &&
                                !(p[i + 1] >= 0xD8 && p[i + 1] <= 0xDB))))
                period++;
            break;
        case 4:
            if (i > 0 && p[i - 1] == 0xD8)
                comma++;
            break;
        default:
            if (i > 0 && p[i - 1] == 0xC2)
                extra++;
            break;
        }
    }
    L->nword = spaces + extra + 1;
    L->ncomma = comma;
    L->nperiod = period;
    L->nar = (unsigned)(n / 2);
    L->nchar = (unsigned)(n / 2);
    for (i = 0; i < 32; i++)
        h = (h ^ p[L->s + i]) * 1099511628211ull;
    for (i = 0; i < 32; i++)
        h = (h ^ p[e - 1 - i]) * 1099511628211ull;
    h ^= (uint64_t)n;
    h *= 0xBF58476D1CE4E5B9ull;
    L->key = h ? h : 1;
    L->nkey = (unsigned)n;
}

static int is_closing_quote(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0xBB || cp == 0xAB ||
           cp == 0x201D || cp == 0x201C || cp == 0x2019 || cp == 0x2018 ||
           cp == 0x203A;
}

/* Code point ending just before s[i] (i > b), its start in *start. */
static uint32_t cp_before(const char *s, size_t b, size_t i, size_t *start)
{
    size_t j = i - 1, w;
    uint32_t cp;

    while (j > b && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    cp = mct_decode(s, j, i, &w);
    if (j + w != i) {
        j = i - 1;
        cp = 0xFFFD;
    }
    *start = j;
    return cp;
}

static unsigned char end_class(const char *s, size_t b, size_t e)
{
    size_t i = e, st;
    uint32_t cp;

    while (i > b) {
        cp = cp_before(s, b, i, &st);
        if (!is_closing_quote(cp) && !mct_is_space(cp))
            break;
        i = st;
    }
    if (i <= b)
        return END_NONE;
    cp = cp_before(s, b, i, &st);
    switch (cp) {
    case '.':
        if (st > b && s[st - 1] == '.')
            return END_ELLIPSIS;
        return END_PERIOD;
    case 0x2026:
        return END_ELLIPSIS;
    case '?':
    case 0x61F:
        return END_QUESTION;
    case '!':
        return END_EXCL;
    case ':':
        return END_COLON;
    case ')':
        return END_PAREN;
    default:
        return mct_is_dash(cp) ? END_DASH : END_NONE;
    }
}

/* ------------------------------------------------------------ words */

/* Next word of s[*i..e): its range in [*ws, *we).  Returns 0 at the end. */
static size_t space_len(const char *s, size_t i, size_t e)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t')
        return 1;
    if (c < 0x80 && c > '\r')
        return 0;
    if (c >= 0xC3 && c <= 0xDF)
        return 0; /* Latin, Arabic: never a space */
    return mct_space_at(s, i, e);
}

static int next_word(const char *s, size_t *i, size_t e, size_t *ws,
                     size_t *we)
{
    size_t k;
    while (*i < e && (k = space_len(s, *i, e)) > 0)
        *i += k;
    if (*i >= e)
        return 0;
    *ws = *i;
    while (*i < e && space_len(s, *i, e) == 0) {
        unsigned char c = (unsigned char)s[*i];
        size_t w = 1;
        if (c >= 0x80)
            (void)mct_decode(s, *i, e, &w);
        *i += w;
    }
    *we = *i;
    return 1;
}

/* Does the word have a letter or digit at all? */
static int word_has_alnum(const char *s, size_t ws, size_t we)
{
    while (ws < we) {
        size_t w;
        if (mct_fold(mct_decode(s, ws, we, &w)))
            return 1;
        ws += w;
    }
    return 0;
}

static int word_has_digit(const char *s, size_t ws, size_t we)
{
    while (ws < we) {
        size_t w;
        uint32_t f = mct_fold(mct_decode(s, ws, we, &w));
        if (f >= '0' && f <= '9')
            return 1;
        ws += w;
    }
    return 0;
}

static size_t skip_space(const char *s, size_t i, size_t e)
{
    size_t k;
    while (i < e && (k = mct_space_at(s, i, e)) > 0)
        i += k;
    return i;
}

/* Trims white space and punctuation (bullets, colons, dashes, brackets,
 * quotes, periods) from both ends of [*a, *b) for a metadata value. */
static void trim_meta(const char *s, size_t *a, size_t *b)
{
    while (*a < *b) {
        size_t w;
        uint32_t cp = mct_decode(s, *a, *b, &w);
        if (mct_fold(cp) || cp == 0xFFFD)
            break;
        if (cp == '(' && *b - *a > 1) {
            /* keep an opening parenthesis that is closed later */
            if (memchr(s + *a, ')', *b - *a))
                break;
        }
        *a += w;
    }
    while (*b > *a) {
        size_t st;
        uint32_t cp = cp_before(s, *a, *b, &st);
        if (mct_fold(cp) || cp == 0xFFFD)
            break;
        if (cp == ')' && memchr(s + *a, '(', *b - *a))
            break;
        *b = st;
    }
}

/* ------------------------------------------------------------ classes */

static int in_list(const char *s, size_t ws, size_t we,
                   const char *const *list)
{
    return mct_word_in(s, ws, we, list);
}

/* Share rows: every word is a share word or a platform, and at least
 * `need` are platforms or share verbs.  With prefix set, a leading run
 * is enough and *endp receives its end. */
static int social_run(const char *s, size_t b, size_t e, int prefix,
                      unsigned need, size_t *endp)
{
    size_t i = b, ws, we, end = b;
    unsigned strong = 0, words = 0;

    while (next_word(s, &i, e, &ws, &we)) {
        if (!word_has_alnum(s, ws, we)) {
            end = we;
            continue;
        }
        if (in_list(s, ws, we, mct_social_platforms))
            strong++;
        else if (mct_phrase_at(s, ws, we, "شارك", NULL) ||
                 mct_phrase_at(s, ws, we, "تابعونا", NULL) ||
                 mct_phrase_at(s, ws, we, "share", NULL) ||
                 mct_phrase_at(s, ws, we, "follow", NULL))
            strong++;
        else if (!in_list(s, ws, we, mct_social_words))
            break;
        words++;
        end = we;
    }
    if (strong < need)
        return 0;
    if (!prefix && i < e)
        return 0;
    if (prefix && words < 3)
        return 0;
    *endp = end;
    return 1;
}

/* A line made only of navigation words. */
static int nav_line(const char *s, const tline *L)
{
    size_t i = L->s, ws, we;
    unsigned n = 0;

    if (L->nword > 6)
        return 0;
    while (next_word(s, &i, L->e, &ws, &we)) {
        if (!word_has_alnum(s, ws, we))
            continue;
        if (!in_list(s, ws, we, mct_nav_words))
            return 0;
        n++;
    }
    return n > 0;
}

/* Breadcrumbs: items separated by | › > • · or / (not between digits);
 * not », which Arabic uses as a quotation mark. */
static int breadcrumb_line(const char *s, const tline *L)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned nsep = 0;

    if (L->nword > 20 || L->ncomma || L->nperiod)
        return 0;
    for (size_t i = L->s; i < L->e; i++) {
        unsigned char c = p[i];
        if (c == '|' || c == '>')
            nsep++;
        else if (c == '/') {
            size_t l = i, r = i + 1;
            int dl, dr;
            while (l > L->s && p[l - 1] == ' ')
                l--;
            while (r < L->e && p[r] == ' ')
                r++;
            dl = l > L->s && p[l - 1] >= '0' && p[l - 1] <= '9';
            dr = r < L->e && p[r] >= '0' && p[r] <= '9';
            if (!dl && !dr)
                nsep++;
        } else if (c == 0xC2 && i + 1 < L->e && p[i + 1] == 0xB7)
            nsep++;
        else if (c == 0xE2 && i + 2 < L->e && p[i + 1] == 0x80 &&
                 (p[i + 2] == 0xBA || p[i + 2] == 0xA2))
            nsep++;
    }
    return nsep >= 2 && L->nword <= 4 * (nsep + 1);
}

/* Parses a date out of a date line into iso (YYYY-MM-DD); 0 if none. */
static int parse_date(const char *s, size_t b, size_t e, char iso[11])
{
    size_t i = b, ws, we;
    long num[16];
    int kind[16]; /* 0 other, 1 number, 2 month name */
    int n = 0;

    while (n < 16 && next_word(s, &i, e, &ws, &we)) {
        /* split a word like 2024-11-29 or 29/11/2024 into numbers */
        size_t j = ws;
        int got = 0;
        long v = -1;
        int m = mct_month_number(s, ws, we);
        if (m) {
            num[n] = m;
            kind[n++] = 2;
            continue;
        }
        while (j <= we && n < 16) {
            size_t w = 1;
            uint32_t f = 0;
            if (j < we)
                f = mct_fold(mct_decode(s, j, we, &w));
            if (j < we && f >= '0' && f <= '9') {
                v = (v < 0 ? 0 : v) * 10 + (long)(f - '0');
                if (v > 99999)
                    v = 99999;
            } else if (v >= 0) {
                num[n] = v;
                kind[n++] = 1;
                v = -1;
                got = 1;
            }
            j += w;
        }
        if (!got && n < 16) {
            num[n] = 0;
            kind[n++] = 0;
        }
    }
    for (int k = 0; k < n; k++) {
        long y = -1, mo = -1, d = -1;
        if (kind[k] == 2 && k > 0 && k + 1 < n && kind[k - 1] == 1 &&
            kind[k + 1] == 1) {
            d = num[k - 1];
            mo = num[k];
            y = num[k + 1];
        } else if (k + 2 < n && kind[k] == 1 && kind[k + 1] == 1 &&
                   kind[k + 2] == 1) {
            if (num[k] >= 1900 && num[k] <= 2100) {
                y = num[k];
                mo = num[k + 1];
                d = num[k + 2];
            } else {
                d = num[k];
                mo = num[k + 1];
                y = num[k + 2];
            }
        }
        if (y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 &&
            d <= 31) {
            iso[0] = (char)('0' + y / 1000);
            iso[1] = (char)('0' + y / 100 % 10);
            iso[2] = (char)('0' + y / 10 % 10);
            iso[3] = (char)('0' + y % 10);
            iso[4] = '-';
            iso[5] = (char)('0' + mo / 10);
            iso[6] = (char)('0' + mo % 10);
            iso[7] = '-';
            iso[8] = (char)('0' + d / 10);
            iso[9] = (char)('0' + d % 10);
            iso[10] = '\0';
            return 1;
        }
    }
    return 0;
}

/* A line that is mostly a date or time. */
static int date_line(const char *s, const tline *L)
{
    size_t i = L->s, ws, we;
    unsigned datew = 0, words = 0;
    int year = 0, numeric = 0, named = 0;

    if (!L->ndig || L->nword > 14 || L->endc == END_PERIOD)
        return 0;
    while (next_word(s, &i, L->e, &ws, &we)) {
        if (!word_has_alnum(s, ws, we))
            continue;
        words++;
        if (word_has_digit(s, ws, we)) {
            /* digits, then separated digits: 2024-11-29, 29/11, 10:30 */
            unsigned run = 0, groups = 0, longest = 0;
            size_t j = ws;
            int only = 1;
            while (j < we) {
                size_t w;
                uint32_t f = mct_fold(mct_decode(s, j, we, &w));
                uint32_t cp = (uint32_t)(unsigned char)s[j];
                if (f >= '0' && f <= '9') {
                    run++;
                } else {
                    if (run) {
                        groups++;
                        longest = run > longest ? run : longest;
                    }
                    run = 0;
                    if (cp != '/' && cp != '-' && cp != ':' && cp != '.')
                        only = 0;
                }
                j += w;
            }
            if (run) {
                groups++;
                longest = run > longest ? run : longest;
            }
            if (groups >= 2 && only)
                numeric = 1;
            if (longest == 4)
                year = 1;
            datew++;
        } else if (mct_month_number(s, ws, we) ||
                   in_list(s, ws, we, mct_date_words)) {
            named = 1;
            datew++;
        }
    }
    /* a full numeric date, or a year with a month or another date word */
    if (!numeric && !(year && named))
        return 0;
    return words > 0 && datew * 10 >= words * 6;
}

/*
 * Caption: ends with a parenthesis naming an agency or a photo, with no
 * sentence punctuation before it; or starts with a photo word and a colon.
 */
static int caption_line(const char *s, tline *L)
{
    if (L->nword > CAPTION_WORDS)
        return 0;
    if (L->endc == END_PAREN) {
        size_t close = L->e, open, st;
        size_t cs, ce, end;
        /* the last ')' may be followed by quotes only; find it */
        while (close > L->s) {
            uint32_t cp = cp_before(s, L->s, close, &st);
            if (cp == ')')
                break;
            close = st;
        }
        if (close <= L->s)
            return 0;
        close--; /* at ')' */
        open = close;
        while (open > L->s && s[open] != '(')
            open--;
        if (s[open] != '(')
            return 0;
        cs = open + 1;
        ce = close;
        if (ce - cs > 60)
            return 0;
        if (mct_phrase_list(s, cs, ce, mct_credit_cues, &end) < 0)
            return 0;
        /* no sentence punctuation before the parenthesis */
        {
            tline before;
            memset(&before, 0, sizeof before);
            before.s = L->s;
            before.e = open;
            measure(s, &before);
            if (before.ncomma || before.nperiod)
                return 0;
        }
        L->ms = cs;
        L->me = ce;
        trim_meta(s, &L->ms, &L->me);
        return 1;
    }
    if (L->nword <= 40 && L->endc != END_PERIOD) {
        size_t end;
        if (mct_phrase_list(s, L->s, L->e, mct_caption_cues, &end) >= 0) {
            end = skip_space(s, end, L->e);
            if (end < L->e && s[end] == ':') {
                L->ms = L->me = 0;
                return 1;
            }
        }
    }
    return 0;
}

/* Step 1: the context-free class of a line; edge is set for the first
 * and last lines of the document, where disclaimers stand. */
static void classify(const char *s, tline *L, int edge)
{
    size_t end;
    int k;

    if (L->nar + L->nlat == 0 && L->ndig == 0) {
        L->cls = C_SEP;
        return;
    }
    if (L->nar + L->nlat > 0 && L->nword <= HEAD_WORDS) {
        if (L->nword <= 8 &&
            mct_phrase_list(s, L->s, L->e, mct_comment_prompts, &end) >= 0) {
            L->cls = C_COMMENT;
            return;
        }
        if (mct_phrase_list(s, L->s, L->e, mct_related_cues, &end) >= 0) {
            L->cls = C_RELATED;
            return;
        }
        if (mct_phrase_list(s, L->s, L->e, mct_ticker_cues, &end) >= 0) {
            L->cls = C_TICKER_CUE;
            return;
        }
        if (L->nword <= 25 &&
            mct_phrase_list(s, L->s, L->e, mct_copyright_cues, &end) >= 0) {
            L->cls = C_COPYRIGHT;
            L->ms = end;
            L->me = L->e;
            trim_meta(s, &L->ms, &L->me);
            return;
        }
        if (L->nword <= 15 &&
            (k = mct_phrase_list(s, L->s, L->e, mct_syndication_cues,
                                 &end)) >= 0) {
            size_t after = skip_space(s, end, L->e);
            /* "source" words need a colon: "المصدر: ..." */
            int need_colon = strcmp(mct_syndication_cues[k], "المصدر") == 0 ||
                             strcmp(mct_syndication_cues[k], "source") == 0;
            if (!need_colon || (after < L->e && s[after] == ':')) {
                L->cls = C_SYND;
                L->ms = end;
                L->me = L->e;
                trim_meta(s, &L->ms, &L->me);
                return;
            }
        }
        if (L->nword <= 8 && L->endc != END_PERIOD &&
            (k = mct_phrase_list(s, L->s, L->e, mct_author_cues, &end)) >=
                0) {
            size_t after = skip_space(s, end, L->e);
            int colon = after < L->e && s[after] == ':';
            if ((k < 2 || colon) && after < L->e) {
                L->cls = C_AUTHOR_CUE;
                L->ms = end;
                L->me = L->e;
                trim_meta(s, &L->ms, &L->me);
                return;
            }
        }
        if (L->nword <= 25 && (edge || L->star)) {
            size_t i = L->s, ws, we;
            while (next_word(s, &i, L->e, &ws, &we))
                if (mct_phrase_list(s, ws, L->e, mct_disclaimer_cues,
                                    &end) >= 0) {
                    L->cls = C_DISCLAIMER;
                    return;
                }
            for (size_t j = L->s; j + 1 < L->e; j++)
                if ((unsigned char)s[j] == 0xC2 &&
                    (unsigned char)s[j + 1] == 0xA9) {
                    L->cls = C_COPYRIGHT;
                    return;
                }
        }
    }
    if (nav_line(s, L)) {
        L->cls = C_NAV;
        return;
    }
    if (L->nar == 0 && L->nlat > 0 && L->nword <= 4 && L->e - L->s <= 40) {
        L->cls = memchr(s + L->s, '@', L->e - L->s) ? C_CONTACT : C_LABEL;
        return;
    }
    if (L->nword <= 15 && L->ncomma == 0 && L->nperiod == 0 &&
        social_run(s, L->s, L->e, 0, 2, &end)) {
        L->cls = C_SOCIAL;
        return;
    }
    if (date_line(s, L)) {
        L->cls = C_DATE;
        return;
    }
    if (breadcrumb_line(s, L)) {
        L->cls = C_NAV;
        return;
    }
    if (caption_line(s, L)) {
        L->cls = C_CAPTION;
        return;
    }
    L->cls = C_BODY;
}

static int headline_like(const tline *L)
{
    return L->cls == C_BODY && !L->reason && L->nword >= 1 &&
           L->nword <= HEAD_WORDS && L->nchar <= HEAD_CHARS &&
           L->endc != END_PERIOD && L->endc != END_COLON &&
           L->endc != END_DASH && L->nperiod == 0 && L->nar + L->nlat >= 2;
}

/* ------------------------------------------------------------ splitting */

/*
 * Should a new article start at line i of [a, n)?  para_before tells
 * whether a paragraph lies in [a, i), last_para is the last paragraph of
 * the document (n if none).  Needs a headline-like line with a body
 * paragraph before it and after it, and two of:
 * a run of blank lines before it, the headline repeated within the next
 * lines, a label line of the article's start recurring right after it.
 */
static int split_here(const tline *ln, size_t a, size_t i, size_t n,
                      int para_before, size_t last_para)
{
    int score = 0;

    if (!headline_like(&ln[i]) || !ln[i].key || ln[i].dashpair)
        return 0;
    if (!para_before || last_para == n || last_para <= i)
        return 0;
    if (ln[i].blanks >= 2)
        score++;
    for (size_t j = i + 1; j < n && j <= i + SPLIT_AHEAD; j++)
        if (ln[j].key == ln[i].key) {
            score++;
            break;
        }
    for (size_t j = i + 1; j < n && j <= i + LABEL_AHEAD; j++) {
        int found = 0;
        if (ln[j].cls != C_LABEL || !ln[j].key)
            continue;
        for (size_t h = a; h < i && h < a + LABEL_AHEAD; h++)
            if (ln[h].cls == C_LABEL && ln[h].key == ln[j].key) {
                found = 1;
                break;
            }
        if (found) {
            score++;
            break;
        }
    }
    return score >= 2;
}

/* ------------------------------------------------------------ articles */

static void add_credit(ameta *m, size_t a, size_t b)
{
    if (a >= b || m->ncred >= MAX_CREDITS)
        return;
    m->cred_s[m->ncred] = a;
    m->cred_e[m->ncred] = b;
    m->ncred++;
}

/* Looks up key in the repetition table for article art; inserts it when
 * absent.  Returns 1 when it was there. */
static int rep_seen(rslot *tab, size_t mask, uint64_t key, uint32_t art)
{
    size_t h = (size_t)(key ^ (key >> 32)) & mask;
    for (;;) {
        rslot *sl = &tab[h];
        if (sl->art != art) {
            sl->key = key;
            sl->art = art;
            return 0;
        }
        if (sl->key == key)
            return 1;
        h = (h + 1) & mask;
    }
}

/*
 * A leading "X - " of a paragraph: X has at most 6 words and no sentence
 * punctuation, and a dash follows it after a space or a ')'.  Sets
 * [*xs, *xe) to X and *rest to the first byte after the dash and spaces.
 */
static int dash_prefix(const char *s, const tline *L, size_t *xs, size_t *xe,
                       size_t *rest)
{
    size_t i = L->s;
    unsigned words = 0;
    int prev_space = 0, prev_paren = 0;

    while (i < L->e && i - L->s <= 120) {
        size_t w;
        uint32_t cp = mct_decode(s, i, L->e, &w);
        int dash = mct_is_dash(cp) ||
                   (cp == 0x640 && prev_space && i + w < L->e &&
                    mct_space_at(s, i + w, L->e));
        if (dash && (prev_space || prev_paren) && words > 0) {
            size_t j = i + w;
            size_t xend = i;
            /* "--" and "—-" count as one dash */
            while (j < L->e) {
                size_t w2;
                uint32_t c2 = mct_decode(s, j, L->e, &w2);
                if (!mct_is_dash(c2))
                    break;
                j += w2;
            }
            j = skip_space(s, j, L->e);
            if (j >= L->e)
                return 0;
            while (xend > L->s && mct_space_before(s, L->s, xend))
                xend -= mct_space_before(s, L->s, xend);
            *xs = L->s;
            *xe = xend;
            *rest = j;
            return xend > L->s;
        }
        if (mct_is_space(cp)) {
            prev_space = 1;
        } else {
            if (prev_space || i == L->s)
                words++;
            if (words > 6)
                return 0;
            if (cp == '.' || cp == ':' || cp == '"' || cp == 0xAB ||
                cp == 0xBB || cp == 0x201C || cp == 0x201D || cp == '?' ||
                cp == 0x61F || cp == ';' || cp == 0x61B || cp == '!')
                return 0;
            prev_space = 0;
        }
        prev_paren = cp == ')';
        i += w;
    }
    return 0;
}

static unsigned count_words(const char *s, size_t a, size_t b)
{
    size_t i = a, ws, we;
    unsigned k = 0;
    while (next_word(s, &i, b, &ws, &we))
        k++;
    return k;
}

/* Does any word of s[a..b) name an outlet ("أخبار", "news", ...)? */
static int names_outlet(const char *s, size_t a, size_t b)
{
    size_t i = a, ws, we;
    while (next_word(s, &i, b, &ws, &we))
        if (in_list(s, ws, we, mct_outlet_cues))
            return 1;
    return 0;
}

/* Does s[i..e) start with the bytes of s[xs..xe) followed by spaces and a
 * dash?  Sets *rest past the dash and the spaces after it. */
static int starts_with_prefix(const char *s, size_t i, size_t e, size_t xs,
                              size_t xe, size_t *rest)
{
    size_t n = xe - xs, j, w;
    if (e - i < n || memcmp(s + i, s + xs, n) != 0)
        return 0;
    j = skip_space(s, i + n, e);
    if (j >= e || !mct_is_dash(mct_decode(s, j, e, &w)))
        return 0;
    j += w;
    while (j < e && mct_is_dash(mct_decode(s, j, e, &w)))
        j += w;
    *rest = skip_space(s, j, e);
    return 1;
}

/* A short line "A - B" (both sides at most 4 words): a byline/dateline. */
static int dash_pair_line(const char *s, const tline *L)
{
    size_t xs, xe, rest;
    tline r;

    if (L->nword > 9 || L->endc == END_PERIOD || L->ncomma > 1 ||
        L->nperiod)
        return 0;
    if (!dash_prefix(s, L, &xs, &xe, &rest))
        return 0;
    memset(&r, 0, sizeof r);
    r.s = rest;
    r.e = L->e;
    measure(s, &r);
    return r.nword >= 1 && r.nword <= 4 && r.nar + r.nlat > 0;
}

/* Does the label at line i come back within LABEL_NEAR lines of it in
 * [a, b)? */
static int label_recurs(const tline *ln, size_t a, size_t b, size_t i)
{
    size_t lo = i > a + LABEL_NEAR ? i - LABEL_NEAR : a;
    size_t hi = b - i > LABEL_NEAR ? i + LABEL_NEAR : b;
    for (size_t j = lo; j < hi; j++)
        if (j != i && ln[j].cls == C_LABEL && ln[j].key == ln[i].key)
            return 1;
    return 0;
}

/* A bare personal name: 2 to 4 Arabic words, no digits or punctuation,
 * no function word, the first word without the article "al-" and at most
 * one word with it. */
static int name_line(const char *s, const tline *L)
{
    size_t i = L->s, ws, we;
    unsigned al = 0, k = 0;

    if (L->cls != C_BODY || L->nword < 2 || L->nword > 4 || L->ndig ||
        L->ncomma || L->nperiod || L->nlat || L->endc != END_NONE)
        return 0;
    if (!mct_fold(mct_decode(s, L->s, L->e, &ws)))
        return 0; /* starts with a bullet, a dash or a quote */
    while (next_word(s, &i, L->e, &ws, &we)) {
        if (!word_has_alnum(s, ws, we))
            return 0;
        if (in_list(s, ws, we, mct_function_words))
            return 0;
        /* the article ال */
        if (we - ws >= 4 && (unsigned char)s[ws] == 0xD8 &&
            (unsigned char)s[ws + 1] == 0xA7 &&
            (unsigned char)s[ws + 2] == 0xD9 &&
            (unsigned char)s[ws + 3] == 0x84) {
            if (k == 0)
                return 0;
            al++;
        }
        k++;
    }
    return al <= 1;
}

static int is_kept(const tline *L)
{
    return L->reason == NULL;
}

static void drop(tline *L, const char *reason, int soft)
{
    L->reason = reason;
    L->soft = (unsigned char)soft;
}

/*
 * Step 3 on the lines [a, b) of article number art (from 0).  Sets
 * reasons, cut prefixes and the metadata ranges in *m.
 */
static void clean_article(const char *s, tline *ln, size_t a, size_t b,
                          unsigned art, const mc_meta *hint, rslot *rep,
                          size_t rmask, mc_sitemem *mem, uint64_t site,
                          ameta *m)
{
    size_t first_para = b, last_para = b, i;
    uint64_t title_key = 0;
    size_t title_line = (size_t)-1;
    int have_outlet = 0;

    memset(m, 0, sizeof *m);
    /* the body's extent before any rule: labels and lines remembered
     * across pages count as boilerplate only outside it */
    for (i = a; i < b; i++)
        if (ln[i].para) {
            if (first_para == b)
                first_para = i;
            last_para = i;
        }

    /* context-free classes */
    for (i = a; i < b; i++) {
        tline *L = &ln[i];
        switch (L->cls) {
        case C_SEP:
            drop(L, R_SEP, 0);
            break;
        case C_LABEL:
            if (first_para == b || i < first_para || i > last_para ||
                label_recurs(ln, a, b, i))
                drop(L, R_LABEL, 0);
            break;
        case C_CONTACT:
            drop(L, R_CONTACT, 0);
            break;
        case C_COMMENT:
            drop(L, R_COMMENT, 0);
            break;
        case C_RELATED:
            drop(L, R_RELATED, 0);
            break;
        case C_TICKER_CUE:
            drop(L, L->nword > HEAD_WORDS ? R_TICKER : R_NAV, 0);
            break;
        case C_SOCIAL:
            drop(L, R_SOCIAL, 0);
            break;
        case C_NAV:
            drop(L, R_NAV, 0);
            break;
        case C_COPYRIGHT:
            drop(L, R_COPYRIGHT, 0);
            add_credit(m, L->ms, L->me);
            break;
        case C_SYND:
            drop(L, R_SYND, 0);
            add_credit(m, L->ms, L->me);
            break;
        case C_DISCLAIMER:
            drop(L, R_DISCLAIMER, 0);
            break;
        case C_AUTHOR_CUE:
            drop(L, R_AUTHOR, 0);
            if (!m->has_author && L->ms < L->me) {
                m->author_s = L->ms;
                m->author_e = L->me;
                m->has_author = 1;
            }
            break;
        case C_CAPTION:
            drop(L, R_CAPTION, 1);
            add_credit(m, L->ms, L->me);
            break;
        case C_DATE:
            /* inside the body a date is a heading of a timeline */
            if (first_para == b || i < first_para || i > last_para) {
                drop(L, R_DATE, 1);
                if (!m->date[0])
                    parse_date(s, L->s, L->e, m->date);
            }
            break;
        default:
            break;
        }
    }
    /* a share row or navigation words before the text of the first line */
    for (i = a; i < b; i++) {
        tline *L = &ln[i];
        if (!is_kept(L))
            continue;
        if (L->nword > 3) {
            size_t end;
            if (social_run(s, L->s, L->e, 1, 3, &end)) {
                L->ks = skip_space(s, end, L->e);
                L->pre = R_SOCIAL;
            } else {
                size_t j = L->s, ws, we, last = L->s;
                unsigned nn = 0;
                while (next_word(s, &j, L->e, &ws, &we) &&
                       in_list(s, ws, we, mct_nav_words)) {
                    nn++;
                    last = we;
                }
                if (nn >= 2) {
                    L->ks = skip_space(s, last, L->e);
                    L->pre = R_NAV;
                }
            }
            if (L->pre && L->ks >= L->e) {
                drop(L, L->pre, 0);
                L->ks = L->s;
                L->pre = NULL;
            }
        }
        break;
    }
    first_para = b;
    for (i = a; i < b; i++)
        if (ln[i].para && is_kept(&ln[i])) {
            first_para = i;
            break;
        }

    /* title */
    if (art == 0 && hint && hint->title && hint->title[0]) {
        unsigned nk;
        title_key = mct_key(hint->title, strlen(hint->title), &nk);
    } else {
        for (i = a; i < first_para; i++)
            if (headline_like(&ln[i])) {
                tline *L = &ln[i];
                drop(L, R_TITLE, 1);
                m->title_s = L->s;
                m->title_e = L->e;
                m->has_title = 1;
                title_key = L->key;
                title_line = i;
                break;
            }
    }

    /* repeats of the title and of earlier lines */
    for (i = a; i < b; i++) {
        tline *L = &ln[i];
        int seen;
        if (!L->key || i == title_line)
            continue;
        seen = rep_seen(rep, rmask, L->key, art + 1);
        if (!is_kept(L) || L->nkey < 4)
            continue;
        if (L->key == title_key)
            drop(L, R_REP_TITLE, 0);
        else if (seen && L->nword >= 4)
            drop(L, R_REP_LINE, 0);
    }
    if (title_line != (size_t)-1)
        (void)rep_seen(rep, rmask, ln[title_line].key, art + 1);
    for (i = a; i < b; i++)
        if (ln[i].para && is_kept(&ln[i]))
            break;
    first_para = i;

    /* outlet prefix alone on a line, the paragraph after it repeating it */
    for (i = a; i + 1 < b; i++) {
        tline *L = &ln[i];
        size_t xs = L->s, xe = L->e, rest, st;
        if (!is_kept(L) || L->endc != END_DASH || L->nword > 5)
            continue;
        /* X = the line without its final dash */
        while (xe > xs) {
            uint32_t cp = cp_before(s, xs, xe, &st);
            if (!mct_is_dash(cp) && !mct_is_space(cp))
                break;
            xe = st;
        }
        if (xe <= xs)
            continue;
        if (!starts_with_prefix(s, ln[i + 1].s, ln[i + 1].e, xs, xe, &rest))
            continue;
        drop(L, R_OUTLET, 0);
        if (!m->has_src) {
            m->src_s = xs;
            m->src_e = xe;
            m->has_src = 1;
        }
        have_outlet = 1;
    }

    /* the head: byline/dateline lines and an author line */
    for (i = a; i < first_para; i++) {
        tline *L = &ln[i];
        if (!is_kept(L))
            continue;
        if (L->dashpair) {
            drop(L, R_DATELINE, 1);
            if (!m->has_dl) {
                m->dl_s = L->s;
                m->dl_e = L->e;
                m->has_dl = 1;
            }
            continue;
        }
        if (!m->has_author && first_para < b && name_line(s, L)) {
            size_t j = i + 1;
            while (j < first_para && !is_kept(&ln[j]))
                j++;
            if (j == first_para) {
                drop(L, R_AUTHOR, 1);
                m->author_s = L->s;
                m->author_e = L->e;
                m->has_author = 1;
            }
        }
    }

    /* paragraph prefixes: outlet (cut) or dateline (kept) */
    for (i = first_para; i < b; i++) {
        tline *L = &ln[i];
        size_t xs, xe, rest;
        if (!is_kept(L) || L->pre)
            continue;
        if (have_outlet && m->has_src &&
            starts_with_prefix(s, L->s, L->e, m->src_s, m->src_e, &rest)) {
            L->ks = rest;
            L->pre = R_OUTLET;
            continue;
        }
        if (i != first_para || !dash_prefix(s, L, &xs, &xe, &rest))
            continue;
        if (names_outlet(s, xs, xe) && count_words(s, xs, xe) <= 4) {
            L->ks = rest;
            L->pre = R_OUTLET;
            if (!m->has_src) {
                m->src_s = xs;
                m->src_e = xe;
                m->has_src = 1;
            }
            have_outlet = 1;
        } else if (i == first_para && !m->has_dl) {
            m->dl_s = xs;
            m->dl_e = xe;
            trim_meta(s, &m->dl_s, &m->dl_e);
            m->has_dl = m->dl_s < m->dl_e;
        }
    }

    /* tickers: long runs of headlines without sentence punctuation after
     * the body, or after a ticker cue */
    {
        int real_after = 0;
        unsigned long bwords = 0, bpunct = 0;
        size_t end;
        /* how punctuated the body is: a site that writes without commas
         * and periods does not make its paragraphs tickers */
        for (i = a; i < b; i++)
            if (ln[i].para && is_kept(&ln[i])) {
                bwords += ln[i].nword;
                bpunct += ln[i].ncomma + ln[i].nperiod;
            }
        for (i = b; i-- > a;) {
            tline *L = &ln[i];
            int low = L->nword >= TICKER_WORDS &&
                      (L->ncomma + L->nperiod) * TICKER_RATIO <= L->nword;
            if (!is_kept(L))
                continue;
            if (low && (mct_phrase_list(s, L->s, L->e, mct_ticker_cues,
                                        &end) >= 0 ||
                        mct_phrase_list(s, L->s, L->e, mct_related_cues,
                                        &end) >= 0)) {
                drop(L, R_TICKER, 0);
                continue;
            }
            if (low && !real_after && L->nword >= TICKER_LONE_WORDS &&
                L->ncomma + L->nperiod == 0 &&
                bpunct * TICKER_BODY_RATIO >= bwords - L->nword &&
                bwords > L->nword) {
                drop(L, R_TICKER, 0);
                continue;
            }
            if (L->para)
                real_after = 1;
        }
    }

    /* after the last paragraph: author notes */
    {
        size_t last = b, nkept = 0, only = b, nstar = 0;
        for (i = b; i-- > first_para;)
            if (ln[i].para && is_kept(&ln[i]) &&
                !(ln[i].star && ln[i].nword <= NOTE_WORDS)) {
                last = i;
                break;
            }
        if (last < b) {
            for (i = last + 1; i < b; i++)
                if (is_kept(&ln[i]) && ln[i].star)
                    nstar++;
            /* starred paragraphs in the body: the star is a bullet */
            for (i = a; i < last && nstar <= 2; i++)
                if (is_kept(&ln[i]) && ln[i].star && ln[i].nar + ln[i].nlat)
                    nstar = 3;
            for (i = last + 1; i < b; i++) {
                tline *L = &ln[i];
                if (!is_kept(L))
                    continue;
                /* one or two starred notes; more make a list */
                if (L->star && L->nword <= NOTE_WORDS && nstar <= 2) {
                    drop(L, R_AUTHOR_NOTE, 1);
                    continue;
                }
                nkept++;
                only = i;
            }
            if (nkept == 1) {
                tline *L = &ln[only];
                if (!m->has_author && name_line(s, L)) {
                    drop(L, R_AUTHOR, 1);
                    m->author_s = L->s;
                    m->author_e = L->e;
                    m->has_author = 1;
                } else if (L->cls == C_BODY && L->nword <= 6 &&
                           L->ndig == 0 && L->nperiod == 0 &&
                           L->ncomma == 0 && L->endc == END_NONE) {
                    drop(L, R_AUTHOR_NOTE, 1);
                }
            }
        }
    }

    /* lines seen on earlier pages of the same site */
    if (mem && site) {
        for (i = a; i < b; i++) {
            tline *L = &ln[i];
            unsigned seen;
            if (!L->key || L->nword > SHORT_WORDS ||
                L->e - L->s > SHORT_BYTES)
                continue;
            seen = mct_sitemem_visit(mem, site, L->key);
            /* inside the body a recurring short line is a section heading
             * of a regular report; keep it */
            if (seen >= SITE_PAGES && is_kept(L) && L->endc != END_COLON &&
                (first_para == b || i < first_para || i > last_para))
                drop(L, R_SITE, 0);
        }
    }

    /* a cut prefix that took the whole line drops the line */
    for (i = a; i < b; i++) {
        tline *L = &ln[i];
        if (is_kept(L) && L->pre && L->ks >= L->e) {
            drop(L, L->pre, 0);
            L->pre = NULL;
            L->ks = L->s;
        }
    }

    /* nothing left: give the soft rules back, except the title */
    for (i = a; i < b; i++)
        if (is_kept(&ln[i]))
            return;
    for (i = a; i < b; i++)
        if (ln[i].reason && ln[i].soft && ln[i].reason != R_TITLE)
            ln[i].reason = NULL;
}

/* ------------------------------------------------------------ output */

static char *dup_range(const char *s, size_t a, size_t b)
{
    char *d = malloc(b - a + 1);
    if (!d)
        return NULL;
    memcpy(d, s + a, b - a);
    d[b - a] = '\0';
    return d;
}

/* Replaces *field by a copy of s[a..b) unless it is already set.
 * Returns 0 on allocation failure. */
static int fill(char **field, const char *s, size_t a, size_t b)
{
    if (*field || a >= b)
        return 1;
    *field = dup_range(s, a, b);
    return *field != NULL;
}

static char *join_credits(const char *s, const ameta *m)
{
    size_t len = 0, o = 0;
    char *d;
    int k, used[MAX_CREDITS];

    for (k = 0; k < m->ncred; k++) {
        used[k] = 1;
        for (int j = 0; j < k; j++)
            if (used[j] && m->cred_e[j] - m->cred_s[j] ==
                               m->cred_e[k] - m->cred_s[k] &&
                memcmp(s + m->cred_s[j], s + m->cred_s[k],
                       m->cred_e[k] - m->cred_s[k]) == 0) {
                used[k] = 0;
                break;
            }
        if (used[k])
            len += m->cred_e[k] - m->cred_s[k] + 2;
    }
    d = malloc(len + 1);
    if (!d)
        return NULL;
    for (k = 0; k < m->ncred; k++) {
        if (!used[k])
            continue;
        if (o) {
            d[o++] = ';';
            d[o++] = ' ';
        }
        memcpy(d + o, s + m->cred_s[k], m->cred_e[k] - m->cred_s[k]);
        o += m->cred_e[k] - m->cred_s[k];
    }
    d[o] = '\0';
    return d;
}

/* Builds one article from the lines [a, b) into *A (zeroed by the
 * caller).  Returns MC_OK, MC_ENOMEM (A may hold partial allocations, to
 * be freed by the caller) or -1 when the article keeps nothing. */
static int build_article(const char *s, const tline *ln, size_t a, size_t b,
                         unsigned art, const mc_meta *hint, const ameta *m,
                         mc_article *A)
{
    size_t len = 0, nk = 0, o = 0, i;

    for (i = a; i < b; i++)
        if (!ln[i].reason) {
            len += ln[i].e - ln[i].ks;
            nk++;
        }
    if (nk == 0)
        return -1;
    len += nk - 1;
    A->text = malloc(len + 1);
    if (!A->text)
        return MC_ENOMEM;
    for (i = a; i < b; i++) {
        if (ln[i].reason)
            continue;
        if (o)
            A->text[o++] = '\n';
        memcpy(A->text + o, s + ln[i].ks, ln[i].e - ln[i].ks);
        o += ln[i].e - ln[i].ks;
    }
    A->text[o] = '\0';
    A->len = o;
    A->start = ln[a].s;
    A->end = ln[b - 1].e;

    if (mc_meta_copy(&A->meta, hint) != MC_OK)
        return MC_ENOMEM;
    if (art > 0) {
        free(A->meta.title);
        A->meta.title = NULL;
    }
    if (m->has_title && !fill(&A->meta.title, s, m->title_s, m->title_e))
        return MC_ENOMEM;
    if (m->has_author && !fill(&A->meta.author, s, m->author_s, m->author_e))
        return MC_ENOMEM;
    if (m->has_src && !fill(&A->meta.source, s, m->src_s, m->src_e))
        return MC_ENOMEM;
    if (m->has_dl && !fill(&A->meta.dateline, s, m->dl_s, m->dl_e))
        return MC_ENOMEM;
    if (m->date[0] && !A->meta.date) {
        A->meta.date = dup_range(m->date, 0, strlen(m->date));
        if (!A->meta.date)
            return MC_ENOMEM;
    }
    if (m->ncred && !A->meta.credit) {
        A->meta.credit = join_credits(s, m);
        if (!A->meta.credit)
            return MC_ENOMEM;
    }
    return MC_OK;
}

/* ------------------------------------------------------------ entry */

/* Cuts s[0..n) into non-blank lines; returns how many were stored in ln
 * (which has room for cap). */
static size_t cut_lines(const char *s, size_t n, tline *ln, size_t cap)
{
    size_t i = 0, nl = 0;
    unsigned blanks = 0;

    while (i < n && nl < cap) {
        const char *nlp = memchr(s + i, '\n', n - i);
        size_t le = nlp ? (size_t)(nlp - s) : n;
        size_t a = i, b, k;
        /* a NUL byte ends a line too, so no text holds one */
        const char *nul = memchr(s + i, '\0', le - i);
        if (nul)
            le = (size_t)(nul - s);
        b = le;
        while (a < b && (k = mct_space_at(s, a, b)) > 0)
            a += k;
        while (b > a && (k = mct_space_before(s, a, b)) > 0)
            b -= k;
        if (a < b) {
            tline *L = &ln[nl++];
            memset(L, 0, sizeof *L);
            L->s = a;
            L->e = b;
            L->ks = a;
            L->blanks = (unsigned char)(blanks > 255 ? 255 : blanks);
            blanks = 0;
        } else {
            blanks++;
        }
        i = le + 1;
    }
    return nl;
}

int mc_clean_text(const char *s, size_t n, const mc_meta *hint,
                  mc_sitemem *mem, mc_result *out)
{
    size_t cap = 0, nl, i, rsize = 16, nseg = 0, ndrop = 0;
    tline *ln = NULL;
    rslot *rep = NULL;
    size_t *seg = NULL;
    uint64_t site = 0;
    int rc = MC_OK;

    memset(out, 0, sizeof *out);
    if (!s || n == 0)
        return MC_OK;

    /* an upper bound on non-blank lines: one per newline or NUL, plus
     * one */
    {
        const char *p = s, *end = s + n;
        while (p < end) {
            const char *q = memchr(p, '\n', (size_t)(end - p));
            const char *le = q ? q : end;
            const char *c = p;
            /* blank lines of ASCII spaces take no room */
            while (c < le && (*c == ' ' || *c == '\t' || *c == '\r'))
                c++;
            if (c < le)
                cap++;
            p = le + 1;
        }
        for (p = s; (p = memchr(p, '\0', (size_t)(end - p))) != NULL; p++)
            cap++;
        cap++;
    }
    ln = malloc(cap * sizeof *ln);
    if (!ln)
        return MC_ENOMEM;
    nl = cut_lines(s, n, ln, cap);
    if (nl == 0) {
        free(ln);
        return MC_OK;
    }
    for (i = 0; i < nl; i++) {
        tline *L = &ln[i];
        L->endc = end_class(s, L->s, L->e);
        L->star = s[L->s] == '*';
        if (L->e - L->s > PARA_BYTES && L->endc == END_PERIOD && !L->star) {
            scan_para(s, L);
            L->cls = C_BODY;
        } else {
            measure(s, L);
            L->key = mct_key(s + L->s, L->e - L->s, &L->nkey);
            classify(s, L, i < 3 || i + 3 >= nl);
        }
        L->dashpair = L->cls == C_BODY && dash_pair_line(s, L);
        L->para = L->cls == C_BODY &&
                  (L->nword >= PARA_WORDS ||
                   (L->endc == END_PERIOD && L->nword >= PARA_WORDS_END));
    }

    while (rsize < 2 * nl)
        rsize *= 2;
    rep = calloc(rsize, sizeof *rep);
    seg = malloc((nl + 1) * sizeof *seg);
    if (!rep || !seg) {
        rc = MC_ENOMEM;
        goto done;
    }

    /* step 2: article boundaries */
    {
        size_t last_para = nl;
        int para_before = ln[0].para;
        for (i = 0; i < nl; i++)
            if (ln[i].para)
                last_para = i;
        seg[nseg++] = 0;
        for (i = 1; i < nl; i++) {
            if (split_here(ln, seg[nseg - 1], i, nl, para_before,
                           last_para)) {
                seg[nseg++] = i;
                para_before = 0;
            }
            para_before |= ln[i].para;
        }
        seg[nseg] = nl;
    }

    if (mem) {
        site = mct_site_hash(hint);
        if (site)
            mct_sitemem_page(mem);
    }

    out->articles = calloc(nseg, sizeof *out->articles);
    if (!out->articles) {
        rc = MC_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < nseg; k++) {
        ameta m;
        mc_article *A = &out->articles[out->narticles];
        clean_article(s, ln, seg[k], seg[k + 1], (unsigned)k, hint, rep,
                      rsize - 1, mem, site, &m);
        rc = build_article(s, ln, seg[k], seg[k + 1], (unsigned)k, hint, &m,
                           A);
        if (rc == -1) {
            rc = MC_OK;
            continue;
        }
        out->narticles++; /* counted even when partial, so it is freed */
        if (rc != MC_OK)
            goto done;
    }

    for (i = 0; i < nl; i++)
        ndrop += (ln[i].reason != NULL) + (!ln[i].reason && ln[i].pre);
    if (ndrop) {
        size_t d = 0;
        out->drops = malloc(ndrop * sizeof *out->drops);
        if (!out->drops) {
            rc = MC_ENOMEM;
            goto done;
        }
        for (i = 0; i < nl; i++) {
            mc_drop *D;
            if (ln[i].reason) {
                D = &out->drops[d++];
                D->start = ln[i].s;
                D->end = ln[i].e;
                D->reason = ln[i].reason;
            } else if (ln[i].pre) {
                D = &out->drops[d++];
                D->start = ln[i].s;
                D->end = ln[i].ks;
                D->reason = ln[i].pre;
            }
        }
        out->ndrops = d;
    }
    if (out->narticles == 0) {
        free(out->articles);
        out->articles = NULL;
    }

done:
    free(ln);
    free(rep);
    free(seg);
    if (rc != MC_OK)
        mc_result_free(out);
    return rc;
}
