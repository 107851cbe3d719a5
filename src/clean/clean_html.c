/*
 * clean_html.c - article text and metadata from an HTML page.
 *
 * The page goes through libxml2's HTML parser (recovering, silent, no
 * network) in SAX mode: no tree is built; the parser calls back for each
 * start tag, end tag and run of text in document order, and the callbacks
 * keep a stack of open elements.  One pass does three things:
 *
 *  - it collects metadata: <title>, <meta> (Open Graph, Twitter, article:,
 *    Dublin Core, author, date), <link rel=canonical>, JSON-LD scripts
 *    (an Article-like object, also inside arrays and @graph, with @id
 *    references resolved), the first <h1>, bylines (rel/itemprop=author,
 *    class containing "byline") and <time datetime>;
 *
 *  - it cuts the visible text into blocks: every block-level element
 *    (p, div, li, h1-h6, td, blockquote, pre, figcaption, ...) and every
 *    <br> ends the current block.  Text of script, style, noscript, svg,
 *    iframe, form controls, <dialog>, and of hidden elements is never
 *    read.  For each block it counts characters, characters inside <a>,
 *    words and punctuation;
 *
 *  - it records every block-level element with the range of blocks it
 *    holds (blocks come in document order, so a subtree's blocks are
 *    contiguous), its parent, its pre/post order numbers, and whether it is
 *    a "region": nav, menu, aside, header, footer, form, or an element
 *    whose class/id holds a word such as comment, share, related, sidebar,
 *    cookie, promo, widget, tags.  figure, figcaption, caption and
 *    class/id words like "caption" or "credit" mark caption text.
 *
 * Blocks are then classified: link-dense blocks (half of the characters
 * or more inside links) are navigation; blocks with little link text and
 * either 12 words or more, or 6 words or more and sentence punctuation,
 * are good text; the rest are short.  Each block gets a value: the
 * characters of good text not inside links (scaled down inside regions:
 * nav, aside and footer 0.2, negative class words 0.3, header 0.5), minus
 * a fraction of the characters of navigation, short and caption blocks.
 * With prefix sums over the block values, the score of an element is the
 * sum of the values of its blocks, computed in constant time; elements
 * named article/main or with class/id words such as article, content,
 * body, story, entry, post, text get a small bonus.  The best-scoring
 * element is the main container; its siblings that hold a good share of
 * text (a quarter of the winner's score, or nearly only good text) join
 * it.  This is the family of methods that score text density and link
 * density and pick the node holding most of the good text; class names
 * are only weak signals and there is no rule for any particular site.
 *
 * Inside the container, good blocks are kept; a region below the
 * container is dropped unless it holds most of the container's good text
 * (a page wrapped in <form> or in an oddly named <div> still works);
 * headings are kept when good text follows them, except a heading equal
 * to the page title (or an <h1> before the first good paragraph), which
 * is the repeated title; short blocks are kept between good blocks, and
 * before or after them only when they look like a sentence (five words
 * or more ending in sentence punctuation).  Captions and link lists are
 * always dropped.
 *
 * Each kept block is one line; the lines joined by '\n' go through
 * mc_clean_text() with the page's metadata as the hint, so that the text
 * rules (repeated title, copyright lines, tickers, outlet prefixes,
 * boilerplate repeated across pages through the site memory, article
 * splitting) apply as well.  Metadata found in the page fills what the
 * text cleaner left empty; for a single article the page headline is
 * the title.
 *
 * Byte ranges: when the parser reads the input as it is (valid UTF-8,
 * the common case), its position at each callback is a byte offset of
 * the input, and a block's range runs from its first character to the
 * end of its last run of text (markup between its runs included).  When
 * the parser reads converted text (a legacy encoding, or UTF-8 with
 * invalid bytes replaced), positions are line numbers and ranges cover
 * whole source lines: from the start of the first line a block touches
 * to the end of its last line, newline excluded.  Consecutive drops with
 * the same reason are merged.  What mc_clean_text() drops maps to the
 * range of the blocks that held it, or, for a piece of one block found
 * verbatim in the input, to that piece.  An article's range falls back
 * to the whole input when nothing is known.
 *
 * Encoding: valid UTF-8 input is parsed as UTF-8 whatever the page
 * declares (a real page in a legacy encoding is practically never valid
 * UTF-8, and pages converted before they get here keep their old <meta
 * charset>).  Input that is mostly UTF-8 with stray bad bytes has them
 * replaced with U+FFFD.  Otherwise the charset the page declares, or
 * windows-1256 when it declares none or claims UTF-8, is converted to
 * UTF-8 with iconv first; a UTF-16 byte order mark, or a charset iconv
 * does not know, is left to libxml2.
 *
 * Limits: input longer than INT_MAX bytes is refused (MC_EPARSE).
 * Nothing recurses over the page, and every pass is linear in its size:
 * libxml2's stack of open element names is kept short (see trim_names).
 * libxml2's error reporting is silenced for the call and restored after
 * (its handlers are per thread); the function keeps no global state.
 */
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "clean/clean.h"
#include "marsad.h"

/* ------------------------------------------------------------------ text */

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static int sb_reserve(sbuf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (extra > SIZE_MAX - b->n - 1)
        return -1;
    need = b->n + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->p, cap);
    if (!p)
        return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

static int sb_put(sbuf *b, const char *s, size_t n)
{
    if (sb_reserve(b, n) != 0)
        return -1;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}

static int is_ascii_space(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static int is_unicode_space(uint32_t cp)
{
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0x85;
}

/* Invisible characters dropped from extracted text. */
static int is_invisible(uint32_t cp)
{
    return cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0xFEFF ||
           cp == 0xAD || cp == 0x2060;
}

/*
 * Appends the NUL-terminated UTF-8 string s to b with white space
 * collapsed.  *space tells whether a space is pending; it is written
 * before the next visible character unless b->n == base (no leading
 * space).  Invalid UTF-8 becomes U+FFFD, control characters count as
 * white space.  Returns the number of visible characters added, or -1
 * when out of memory.
 */
static long put_text(sbuf *b, size_t base, const unsigned char *s,
                     size_t len, int *space)
{
    long vis = 0;
    size_t i = 0;

    if (sb_reserve(b, len + len / 2 + 8) != 0)
        return -1;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c <= 0x20 || c == 0x7F || is_ascii_space(c)) {
                *space = 1;
                i++;
                continue;
            }
            if (*space && b->n > base) {
                if (sb_reserve(b, 2) != 0)
                    return -1;
                b->p[b->n++] = ' ';
            }
            *space = 0;
            if (sb_reserve(b, 1) != 0)
                return -1;
            b->p[b->n++] = (char)c;
            vis++;
            i++;
        } else if (c >= 0xC3 && c <= 0xDF && i + 1 < len &&
                   (s[i + 1] & 0xC0) == 0x80) {
            /* two-byte letters (Arabic among them): copied as they are;
             * C2 is left to the general path for NBSP and soft hyphen */
            if (sb_reserve(b, 3) != 0)
                return -1;
            if (*space && b->n > base)
                b->p[b->n++] = ' ';
            *space = 0;
            b->p[b->n++] = (char)c;
            b->p[b->n++] = (char)s[i + 1];
            vis++;
            i += 2;
        } else {
            uint32_t cp = 0;
            char enc[4];
            size_t k = marsad_utf8_decode((const char *)s + i, len - i, &cp);
            size_t w;
            i += k;
            if (is_unicode_space(cp)) {
                *space = 1;
                continue;
            }
            if (is_invisible(cp))
                continue;
            w = marsad_utf8_encode(cp, enc);
            if (sb_reserve(b, w + 1) != 0)
                return -1;
            if (*space && b->n > base)
                b->p[b->n++] = ' ';
            *space = 0;
            memcpy(b->p + b->n, enc, w);
            b->n += w;
            vis++;
        }
    }
    b->p[b->n] = '\0';
    return vis;
}

/* Copy of s with white space collapsed and trimmed, at most cap bytes
 * (cut at a character boundary); NULL when empty.  *oom is set when out
 * of memory. */
static char *clean_copy(const char *s, size_t cap, int *oom)
{
    sbuf b = {0};
    int space = 0;
    size_t len;

    if (!s)
        return NULL;
    len = strlen(s);
    if (len > cap * 2 + 64) {
        len = cap * 2 + 64;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    if (put_text(&b, 0, (const unsigned char *)s, len, &space) < 0) {
        free(b.p);
        *oom = 1;
        return NULL;
    }
    if (b.n == 0) {
        free(b.p);
        return NULL;
    }
    if (b.n > cap) {
        size_t k = cap;
        while (k > 0 && ((unsigned char)b.p[k] & 0xC0) == 0x80)
            k--;
        while (k > 0 && b.p[k - 1] == ' ')
            k--;
        b.n = k;
        b.p[k] = '\0';
        if (k == 0) {
            free(b.p);
            return NULL;
        }
    }
    return b.p;
}

static unsigned char lower_ascii(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static int ascii_ieq(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    while (*a && *b) {
        if (lower_ascii((unsigned char)*a) != lower_ascii((unsigned char)*b))
            return 0;
        a++;
        b++;
    }
    return *a == *b;
}

/* Case-insensitive (ASCII) search of needle in hay[0..n). */
static const char *ascii_find(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle), i, j;
    if (m == 0 || m > n)
        return NULL;
    for (i = 0; i + m <= n; i++) {
        for (j = 0; j < m; j++)
            if (lower_ascii((unsigned char)hay[i + j]) !=
                (unsigned char)needle[j])
                break;
        if (j == m)
            return hay + i;
    }
    return NULL;
}

/* Whether the white-space separated list s holds word w (ASCII case
 * insensitive), as rel="author nofollow" or itemprop="author". */
static int has_word(const char *s, const char *w)
{
    size_t m = strlen(w);
    while (s && *s) {
        size_t k = 0, j;
        while (*s && is_ascii_space((unsigned char)*s))
            s++;
        while (s[k] && !is_ascii_space((unsigned char)s[k]))
            k++;
        if (k == m) {
            for (j = 0; j < m; j++)
                if (lower_ascii((unsigned char)s[j]) != (unsigned char)w[j])
                    break;
            if (j == m)
                return 1;
        }
        s += k;
    }
    return 0;
}

/* --------------------------------------------------------------- tags */

enum {
    K_INLINE = 0, K_BLOCK, K_HEADING, K_LI, K_SKIP, K_SCRIPT, K_NAV,
    K_REGION, K_FIGURE, K_CAPTION, K_BR, K_A, K_ARTICLE, K_TITLE, K_META,
    K_LINK, K_TIME, K_HEAD
};

typedef struct tagdef {
    const char *name;
    unsigned char kind;
} tagdef;

/* Sorted by name (strcmp order) for bsearch. */
static const tagdef TAGS[] = {
    {"a", K_A}, {"address", K_BLOCK}, {"applet", K_SKIP},
    {"area", K_SKIP}, {"article", K_ARTICLE}, {"aside", K_REGION},
    {"audio", K_SKIP}, {"blockquote", K_BLOCK}, {"body", K_BLOCK},
    {"br", K_BR}, {"button", K_SKIP}, {"canvas", K_SKIP},
    {"caption", K_CAPTION}, {"center", K_BLOCK}, {"datalist", K_SKIP},
    {"dd", K_BLOCK}, {"details", K_BLOCK}, {"dialog", K_SKIP},
    {"dir", K_BLOCK}, {"div", K_BLOCK}, {"dl", K_BLOCK}, {"dt", K_BLOCK},
    {"embed", K_SKIP}, {"fieldset", K_BLOCK}, {"figcaption", K_CAPTION},
    {"figure", K_FIGURE}, {"footer", K_REGION}, {"form", K_REGION},
    {"frame", K_SKIP}, {"frameset", K_SKIP}, {"h1", K_HEADING},
    {"h2", K_HEADING}, {"h3", K_HEADING}, {"h4", K_HEADING},
    {"h5", K_HEADING}, {"h6", K_HEADING}, {"head", K_HEAD},
    {"header", K_REGION}, {"hgroup", K_BLOCK}, {"hr", K_BR},
    {"html", K_BLOCK}, {"iframe", K_SKIP}, {"input", K_SKIP},
    {"legend", K_BLOCK}, {"li", K_LI}, {"link", K_LINK},
    {"main", K_ARTICLE}, {"map", K_SKIP}, {"math", K_SKIP},
    {"menu", K_NAV}, {"meta", K_META}, {"meter", K_SKIP}, {"nav", K_NAV},
    {"noembed", K_SKIP}, {"noframes", K_SKIP}, {"noscript", K_SKIP},
    {"object", K_SKIP}, {"ol", K_BLOCK}, {"optgroup", K_SKIP},
    {"option", K_SKIP}, {"p", K_BLOCK}, {"param", K_SKIP},
    {"pre", K_BLOCK}, {"progress", K_SKIP}, {"script", K_SCRIPT},
    {"section", K_BLOCK}, {"select", K_SKIP}, {"source", K_SKIP},
    {"style", K_SKIP}, {"summary", K_BLOCK}, {"svg", K_SKIP},
    {"table", K_BLOCK}, {"tbody", K_BLOCK}, {"td", K_BLOCK},
    {"template", K_SKIP}, {"textarea", K_SKIP}, {"tfoot", K_BLOCK},
    {"th", K_BLOCK}, {"thead", K_BLOCK}, {"time", K_TIME},
    {"title", K_TITLE}, {"tr", K_BLOCK}, {"track", K_SKIP},
    {"ul", K_BLOCK}, {"video", K_SKIP}, {"xmp", K_BLOCK},
};

static int tag_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const tagdef *)elem)->name);
}

static int tag_kind(const xmlChar *name)
{
    const tagdef *t;
    if (!name)
        return K_INLINE;
    t = bsearch(name, TAGS, sizeof TAGS / sizeof TAGS[0], sizeof TAGS[0],
                tag_cmp);
    return t ? t->kind : K_INLINE;
}

static int is_blockish(int kind)
{
    switch (kind) {
    case K_BLOCK: case K_HEADING: case K_LI: case K_NAV: case K_REGION:
    case K_FIGURE: case K_CAPTION: case K_ARTICLE:
        return 1;
    default:
        return 0;
    }
}

/* Value of attribute name in a SAX attribute list (name, value, ...,
 * NULL): NULL when absent, "" when given without a value. */
static const char *att(const xmlChar **atts, const char *name)
{
    size_t i;
    if (!atts)
        return NULL;
    for (i = 0; atts[i]; i += 2) {
        if (ascii_ieq((const char *)atts[i], name))
            return atts[i + 1] ? (const char *)atts[i + 1] : "";
    }
    return NULL;
}

/* Does CSS value v start with word w, after spaces and a colon? */
static int css_is(const char *v, const char *w)
{
    size_t m = strlen(w), n;
    while (*v == ' ' || *v == ':')
        v++;
    n = strlen(v);
    return n >= m && ascii_find(v, m, w) == v;
}

static int is_hidden(const xmlChar **atts)
{
    const char *v;
    if (!atts)
        return 0;
    if (att(atts, "hidden"))
        return 1;
    v = att(atts, "aria-hidden");
    if (v && ascii_ieq(v, "true"))
        return 1;
    v = att(atts, "style");
    if (v) {
        /* "display:none" / "display: none" / "visibility:hidden" */
        size_t n = strlen(v);
        const char *p = ascii_find(v, n, "display");
        if (p && css_is(p + 7, "none"))
            return 1;
        p = ascii_find(v, n, "visibility");
        if (p && css_is(p + 10, "hidden"))
            return 1;
    }
    return 0;
}

/* --------------------------------------------------------- class hints */

static const char *const NEG_EXACT[] = {
    "ad", "ads", "adv", "aside", "comment", "comments", "consent",
    "disqus", "dropdown", "email", "follow", "gdpr", "header", "latest",
    "login", "masthead", "menu", "modal", "more", "most", "nav", "navbar",
    "outbrain", "pager", "pagination", "popular", "popup", "print", "rail",
    "register", "rss", "signup", "tag", "tags", "taboola", "ticker",
    "toolbar", "topbar", NULL};
static const char *const NEG_PREFIX[] = {
    "advert", "banner", "breadcrumb", "comment", "cookie", "footer",
    "navig", "newsletter", "promo", "recommend", "related", "share",
    "sharing", "sidebar", "social", "sponsor", "subscri", "trending",
    "widget", NULL};
static const char *const POS_EXACT[] = {
    "body", "content", "detail", "details", "entry", "main", "news",
    "paragraph", "post", "story", "text", NULL};
static const char *const POS_PREFIX[] = {"article", "content", "story", NULL};

static int word_in(const char *w, const char *const *list, int prefix)
{
    size_t i;
    for (i = 0; list[i]; i++) {
        size_t m = strlen(list[i]);
        if (prefix ? strncmp(w, list[i], m) == 0 : strcmp(w, list[i]) == 0)
            return 1;
    }
    return 0;
}

/* Scans the tokens of a class or id value (split at non-letters and at
 * lower-to-upper case changes) for hint words. */
static void hint_tokens(const char *s, int *pos, int *neg, int *cap)
{
    char w[32];
    size_t k = 0, i;

    if (!s)
        return;
    for (i = 0;; i++) {
        unsigned char c = (unsigned char)s[i];
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        int split = !alpha || (k > 0 && c >= 'A' && c <= 'Z' &&
                               s[i - 1] >= 'a' && s[i - 1] <= 'z');
        if (split && k > 0) {
            w[k < sizeof w ? k : sizeof w - 1] = '\0';
            if (k < sizeof w) {
                if (word_in(w, NEG_EXACT, 0) || word_in(w, NEG_PREFIX, 1))
                    (*neg)++;
                else if (word_in(w, POS_EXACT, 0) || word_in(w, POS_PREFIX, 1))
                    (*pos)++;
                if (strncmp(w, "caption", 7) == 0 || strcmp(w, "credit") == 0)
                    (*cap)++;
            }
            k = 0;
        }
        if (c == '\0')
            break;
        if (alpha) {
            if (k < sizeof w)
                w[k] = (char)lower_ascii(c);
            k++;
        }
    }
}

/* +1 positive, -1 negative, 0 neutral or mixed; *cap set for captions. */
static int class_hint(const char *cls, const char *id, int *cap)
{
    int pos = 0, neg = 0, c = 0;
    hint_tokens(cls, &pos, &neg, &c);
    hint_tokens(id, &pos, &neg, &c);
    *cap = c > 0;
    if (neg && !pos)
        return -1;
    if (pos && !neg)
        return 1;
    return 0;
}

/* ---------------------------------------------------------------- dates */

typedef struct dmon {
    const char *name;
    int mon;
} dmon;

/* Two-word names first so that they win over their first word. */
static const dmon MONTHS[] = {
    {"كانون الثاني", 1}, {"كانون الثانى", 1}, {"كانون الأول", 12},
    {"كانون الاول", 12}, {"تشرين الأول", 10}, {"تشرين الاول", 10},
    {"تشرين الثاني", 11}, {"تشرين الثانى", 11},
    {"يناير", 1}, {"فبراير", 2}, {"مارس", 3}, {"أبريل", 4}, {"ابريل", 4},
    {"إبريل", 4}, {"مايو", 5}, {"يونيو", 6}, {"يونيه", 6}, {"يوليو", 7},
    {"يوليه", 7}, {"أغسطس", 8}, {"اغسطس", 8}, {"سبتمبر", 9},
    {"أكتوبر", 10}, {"اكتوبر", 10}, {"نوفمبر", 11}, {"ديسمبر", 12},
    {"شباط", 2}, {"آذار", 3}, {"اذار", 3}, {"نيسان", 4}, {"أيار", 5},
    {"ايار", 5}, {"حزيران", 6}, {"تموز", 7}, {"آب", 8}, {"أيلول", 9},
    {"ايلول", 9},
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4},
    {"june", 6}, {"july", 7}, {"august", 8}, {"september", 9},
    {"october", 10}, {"november", 11}, {"december", 12}, {"sept", 9},
    {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"may", 5},
    {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10},
    {"nov", 11}, {"dec", 12},
};

typedef struct dtime {
    int y, mo, d, h, mi, s;
    int has_time, tz; /* tz: 0 none, 1 set */
    int tzmin;        /* offset east of UTC in minutes */
} dtime;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Reads 1..max digits at s[*i]; returns the count read (0 for none). */
static int read_num(const char *s, size_t *i, int max, int *val)
{
    int k = 0, v = 0;
    while (k < max && is_digit(s[*i + (size_t)k])) {
        v = v * 10 + (s[*i + (size_t)k] - '0');
        k++;
    }
    if (k == 0 || is_digit(s[*i + (size_t)k]))
        return 0;
    *i += (size_t)k;
    *val = v;
    return k;
}

static int days_in(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int date_ok(const dtime *t)
{
    if (t->y < 1900 || t->y > 2200 || t->mo < 1 || t->mo > 12 || t->d < 1 ||
        t->d > days_in(t->y, t->mo))
        return 0;
    if (t->has_time && (t->h > 23 || t->mi > 59 || t->s > 60))
        return 0;
    return 1;
}

/* Time zone at s[*i]: "z", "gmt"/"utc" with an optional offset, or
 * [+-]hh[:]mm / [+-]hh. */
static void read_zone(const char *s, size_t *i, dtime *t)
{
    size_t j = *i;
    int sign, hh = 0, mm = 0;

    while (s[j] == ' ')
        j++;
    if (s[j] == 'z' && !is_ascii_alpha(s[j + 1])) {
        t->tz = 1;
        t->tzmin = 0;
        *i = j + 1;
        return;
    }
    if (strncmp(s + j, "gmt", 3) == 0 || strncmp(s + j, "utc", 3) == 0) {
        t->tz = 1;
        t->tzmin = 0;
        j += 3;
        *i = j;
    }
    if (s[j] != '+' && s[j] != '-')
        return;
    sign = s[j] == '-' ? -1 : 1;
    j++;
    if (is_digit(s[j]) && is_digit(s[j + 1])) {
        hh = (s[j] - '0') * 10 + (s[j + 1] - '0');
        j += 2;
        if (s[j] == ':')
            j++;
        if (is_digit(s[j]) && is_digit(s[j + 1])) {
            mm = (s[j] - '0') * 10 + (s[j + 1] - '0');
            j += 2;
        }
    } else if (is_digit(s[j]) && !is_digit(s[j + 1])) {
        hh = s[j] - '0';
        j++;
    } else {
        return;
    }
    if (hh > 14 || mm > 59)
        return;
    t->tz = 1;
    t->tzmin = sign * (hh * 60 + mm);
    *i = j;
}

/* hh:mm[:ss[.fff]] at s[*i], then am/pm and zone. */
static int read_time(const char *s, size_t *i, dtime *t)
{
    size_t j = *i;
    int h, mi, sec = 0;

    if (!read_num(s, &j, 2, &h) || s[j] != ':')
        return 0;
    j++;
    if (!is_digit(s[j]) || !is_digit(s[j + 1]) || is_digit(s[j + 2]))
        return 0;
    mi = (s[j] - '0') * 10 + (s[j + 1] - '0');
    j += 2;
    if (s[j] == ':' && is_digit(s[j + 1]) && is_digit(s[j + 2])) {
        sec = (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
        j += 3;
        if (s[j] == '.' || s[j] == ',') {
            j++;
            while (is_digit(s[j]))
                j++;
        }
    }
    {
        size_t k = j;
        while (s[k] == ' ')
            k++;
        if ((strncmp(s + k, "pm", 2) == 0 || strncmp(s + k, "p.m", 3) == 0 ||
             strncmp(s + k, "\xd9\x85", 2) == 0) && h >= 1 && h <= 12) {
            if (h < 12)
                h += 12;
            j = k + 2;
        } else if ((strncmp(s + k, "am", 2) == 0 ||
                    strncmp(s + k, "a.m", 3) == 0 ||
                    strncmp(s + k, "\xd8\xb5", 2) == 0) &&
                   h >= 1 && h <= 12) {
            if (h == 12)
                h = 0;
            j = k + 2;
        }
    }
    t->h = h;
    t->mi = mi;
    t->s = sec;
    t->has_time = 1;
    read_zone(s, &j, t);
    *i = j;
    return 1;
}

/* The first time of day anywhere in s. */
static void find_time(const char *s, dtime *t)
{
    size_t i;
    for (i = 0; s[i]; i++) {
        if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]))) {
            size_t j = i;
            if (read_time(s, &j, t))
                return;
        }
    }
}

static int parse_date_ascii(const char *s, dtime *t)
{
    size_t i = 0, j;
    int a, b, c;

    memset(t, 0, sizeof *t);
    /* ISO 8601 and its relatives at the start: yyyy-mm-dd[Thh:mm...] */
    if (read_num(s, &i, 4, &a) == 4 && (s[i] == '-' || s[i] == '/' ||
                                        s[i] == '.')) {
        char sep = s[i++];
        if (read_num(s, &i, 2, &b) && s[i] == sep) {
            i++;
            if (read_num(s, &i, 2, &c)) {
                t->y = a;
                t->mo = b;
                t->d = c;
                if (s[i] == 't' || s[i] == ' ') {
                    j = i + 1;
                    while (s[j] == ' ')
                        j++;
                    read_time(s, &j, t);
                }
                return date_ok(t);
            }
        }
    }
    /* a numeric triple anywhere: yyyy-mm-dd or dd/mm/yyyy */
    for (i = 0; s[i]; i++) {
        size_t st = i;
        int k;
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
            continue;
        k = read_num(s, &i, 4, &a);
        if (k == 0 || (s[i] != '-' && s[i] != '/' && s[i] != '.')) {
            i = st;
            continue;
        }
        {
            char sep = s[i];
            j = i + 1;
            if (read_num(s, &j, 2, &b) && s[j] == sep) {
                int kb;
                j++;
                kb = read_num(s, &j, k == 4 ? 2 : 4, &c);
                if (kb) {
                    memset(t, 0, sizeof *t);
                    if (k == 4 && kb <= 2) {
                        t->y = a;
                        t->mo = b;
                        t->d = c;
                    } else if (k <= 2 && kb == 4) {
                        t->y = c;
                        if (b > 12 && a <= 12) {
                            t->mo = a;
                            t->d = b;
                        } else {
                            t->mo = b;
                            t->d = a;
                        }
                    } else {
                        i = st;
                        continue;
                    }
                    find_time(s + j, t);
                    if (date_ok(t))
                        return 1;
                }
            }
        }
        i = st;
    }
    /* a month name with a day and a year */
    {
        size_t m, best = SIZE_MAX;
        int mon = 0;
        for (m = 0; m < sizeof MONTHS / sizeof MONTHS[0]; m++) {
            const char *p = s;
            size_t ml = strlen(MONTHS[m].name);
            while ((p = strstr(p, MONTHS[m].name)) != NULL) {
                size_t at = (size_t)(p - s);
                int ascii = is_ascii_alpha(MONTHS[m].name[0]);
                unsigned char before = at ? (unsigned char)s[at - 1] : ' ';
                unsigned char after = (unsigned char)s[at + ml];
                int ok;
                if (ascii)
                    ok = !is_ascii_alpha((char)before) &&
                         !is_ascii_alpha((char)after);
                else
                    ok = before < 0x80 && after < 0x80;
                if (ok && at < best) {
                    best = at;
                    mon = MONTHS[m].mon;
                }
                p += ml;
            }
        }
        if (mon) {
            int day = 0, year = 0;
            /* the day: the nearest 1-2 digit number before the month, or
             * the first after it; the year: the first 4-digit number */
            for (i = 0; s[i]; i++) {
                size_t st = i;
                int v, k;
                if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
                    continue;
                k = read_num(s, &i, 4, &v);
                if (k == 0) {
                    while (is_digit(s[i]))
                        i++;
                    i--;
                    continue;
                }
                if (s[i] == ':' || (st > 0 && s[st - 1] == ':')) {
                    i--;
                    continue;
                }
                if (k == 4 && !year)
                    year = v;
                else if (k <= 2 && v >= 1 && v <= 31) {
                    if (st < best)
                        day = v;
                    else if (!day)
                        day = v;
                }
                i--;
            }
            memset(t, 0, sizeof *t);
            t->y = year;
            t->mo = mon;
            t->d = day;
            find_time(s, t);
            return date_ok(t);
        }
    }
    return 0;
}

/* ISO 8601 form of a date string, or a trimmed copy when it cannot be
 * read.  NULL when empty; *oom set when out of memory. */
static char *date_normalize(const char *in, int *oom)
{
    char buf[256], out[40];
    size_t i = 0, k = 0, len;
    dtime t;
    char *trim = clean_copy(in, 200, oom);

    if (!trim)
        return NULL;
    len = strlen(trim);
    while (i < len && k + 4 < sizeof buf) {
        unsigned char c = (unsigned char)trim[i];
        /* Arabic-Indic (U+0660..0669) and Eastern (U+06F0..06F9) digits */
        if (c == 0xD9 && i + 1 < len && (unsigned char)trim[i + 1] >= 0xA0 &&
            (unsigned char)trim[i + 1] <= 0xA9) {
            buf[k++] = (char)('0' + ((unsigned char)trim[i + 1] - 0xA0));
            i += 2;
        } else if (c == 0xDB && i + 1 < len &&
                   (unsigned char)trim[i + 1] >= 0xB0 &&
                   (unsigned char)trim[i + 1] <= 0xB9) {
            buf[k++] = (char)('0' + ((unsigned char)trim[i + 1] - 0xB0));
            i += 2;
        } else {
            buf[k++] = (char)lower_ascii(c);
            i++;
        }
    }
    buf[k] = '\0';
    if (!parse_date_ascii(buf, &t))
        return trim;
    if (!t.has_time) {
        snprintf(out, sizeof out, "%04d-%02d-%02d", t.y, t.mo, t.d);
    } else if (!t.tz) {
        snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d", t.y, t.mo,
                 t.d, t.h, t.mi, t.s);
    } else if (t.tzmin == 0) {
        snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.y, t.mo,
                 t.d, t.h, t.mi, t.s);
    } else {
        int z = t.tzmin < 0 ? -t.tzmin : t.tzmin;
        snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                 t.y, t.mo, t.d, t.h, t.mi, t.s, t.tzmin < 0 ? '-' : '+',
                 z / 60, z % 60);
    }
    len = strlen(out);
    if (len > strlen(trim)) {
        char *p = realloc(trim, len + 1);
        if (!p) {
            free(trim);
            *oom = 1;
            return NULL;
        }
        trim = p;
    }
    memcpy(trim, out, len + 1);
    return trim;
}

/* ------------------------------------------------------ titles, names */

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0, i;
    int in = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == ' ')
            in = 0;
        else if (!in) {
            in = 1;
            w++;
        }
    }
    return w;
}

static const char *const TITLE_SEPS[] = {
    " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", " \xc2\xbb ",
    " \xc2\xab ", " \xe2\x80\xba ", " \xe2\x80\xb9 ", " / ", NULL};

/* Removes a site name from the start or end of a title, in place. */
static void strip_title_site(char *t, const char *site)
{
    size_t tl = strlen(t), sl, i;
    if (!site || !*site)
        return;
    sl = strlen(site);
    for (i = 0; TITLE_SEPS[i]; i++) {
        size_t pl = strlen(TITLE_SEPS[i]);
        if (tl > sl + pl && memcmp(t + tl - sl, site, sl) == 0 &&
            memcmp(t + tl - sl - pl, TITLE_SEPS[i], pl) == 0) {
            t[tl - sl - pl] = '\0';
            return;
        }
        if (tl > sl + pl && memcmp(t, site, sl) == 0 &&
            memcmp(t + sl, TITLE_SEPS[i], pl) == 0) {
            memmove(t, t + sl + pl, tl - sl - pl + 1);
            return;
        }
    }
}

/* Removes a short trailing section or site part from a <title>
 * ("headline - Site", "headline | Section | Site"), in place. */
static void strip_title_suffix(char *t, const char *site)
{
    int round;
    size_t before = strlen(t);

    strip_title_site(t, site);
    if (strlen(t) != before)
        return;
    for (round = 0; round < 2; round++) {
        size_t tl = strlen(t), best = 0, bl = 0, i;
        const char *p;
        for (i = 0; TITLE_SEPS[i]; i++) {
            size_t pl = strlen(TITLE_SEPS[i]);
            for (p = strstr(t, TITLE_SEPS[i]); p;
                 p = strstr(p + 1, TITLE_SEPS[i])) {
                if ((size_t)(p - t) >= best) {
                    best = (size_t)(p - t);
                    bl = pl;
                }
            }
        }
        if (bl == 0)
            break;
        {
            size_t hw = count_words(t, best);
            size_t tw = count_words(t + best + bl, tl - best - bl);
            if (tw <= 4 && hw >= 2 && hw >= tw) {
                t[best] = '\0';
                continue;
            }
        }
        /* "Site | headline" with a pipe */
        p = strstr(t, " | ");
        if (p) {
            size_t hw = count_words(t, (size_t)(p - t));
            size_t tw = count_words(p + 3, strlen(p + 3));
            if (hw <= 3 && tw >= hw + 2)
                memmove(t, p + 3, strlen(p + 3) + 1);
        }
        break;
    }
}

/* Length of a byline cue ("بقلم:", "كتب", "By" and the like, with the
 * separators after it) at the start of a[0..n), or 0. */
static size_t byline_cue(const char *a, size_t n)
{
    static const char *const PRE[] = {
        "\xd8\xa8\xd9\x82\xd9\x84\xd9\x85",             /* بقلم */
        "\xd9\x83\xd8\xaa\xd8\xa8\xd8\xaa",             /* كتبت */
        "\xd9\x83\xd8\xaa\xd8\xa8",                     /* كتب */
        "\xd8\xa8\xd9\x88\xd8\xa7\xd8\xb3\xd8\xb7\xd8\xa9", /* بواسطة */
        "\xd8\xa5\xd8\xb9\xd8\xaf\xd8\xa7\xd8\xaf",     /* إعداد */
        "\xd8\xa7\xd8\xb9\xd8\xaf\xd8\xa7\xd8\xaf",     /* اعداد */
        "written by", "posted by", "by", NULL};
    size_t i;

    for (i = 0; PRE[i]; i++) {
        size_t m = strlen(PRE[i]), j;
        if (m >= n)
            continue;
        for (j = 0; j < m; j++)
            if (lower_ascii((unsigned char)a[j]) != (unsigned char)PRE[i][j])
                break;
        if (j == m && (a[m] == ' ' || a[m] == ':')) {
            while (j < n && (a[j] == ' ' || a[j] == ':' || a[j] == '-'))
                j++;
            return j;
        }
    }
    return 0;
}

/* Removes a byline cue from the start of a byline, in place.  Returns 0
 * when nothing usable is left or the value is a URL. */
static int clean_byline(char *a)
{
    size_t n = strlen(a), k;

    if (n == 0)
        return 0;
    if (ascii_find(a, n < 8 ? n : 8, "http") == a ||
        ascii_find(a, n < 4 ? n : 4, "www.") == a)
        return 0;
    k = byline_cue(a, n);
    if (k) {
        memmove(a, a + k, n - k + 1);
        n -= k;
    }
    while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == ':' || a[n - 1] == ','))
        a[--n] = '\0';
    return n > 0 && n <= 200;
}

/* Loose key of a line for title comparison: letters and digits only. */
static size_t loose_key(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, k = 0;
    while (i < n && k + 4 < cap) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((c >= '0' && c <= '9') || is_ascii_alpha((char)c))
                out[k++] = (char)lower_ascii(c);
            i++;
        } else {
            uint32_t cp = 0;
            size_t w = marsad_utf8_decode(s + i, n - i, &cp);
            /* Arabic punctuation, quotes, dashes and tatweel are skipped */
            int punct = cp == 0x060C || cp == 0x061B || cp == 0x061F ||
                        cp == 0x0640 || cp == 0xAB || cp == 0xBB ||
                        (cp >= 0x2010 && cp <= 0x206F) || cp == 0xFFFD ||
                        is_unicode_space(cp);
            if (!punct) {
                memcpy(out + k, s + i, w);
                k += w;
            }
            i += w;
        }
    }
    out[k] = '\0';
    return k;
}

/* ----------------------------------------------------------- structures */

enum {
    SL_OG_TITLE, SL_TW_TITLE, SL_LD_HEADLINE, SL_DOC_TITLE, SL_H1,
    SL_META_AUTHOR, SL_LD_AUTHOR, SL_BYLINE_ART, SL_BYLINE_ANY, SL_BYLINE_TEXT,
    SL_PUB_TIME, SL_LD_DATE, SL_META_DATE, SL_TIME_ART, SL_TIME_ANY,
    SL_OG_SITE, SL_LD_PUBLISHER, SL_APP_NAME,
    SL_CANONICAL, SL_OG_URL, SL_LD_URL, SL_COUNT
};

enum {
    F_HEAD = 1,    /* inside <head> */
    F_CAPTION = 2, /* caption text */
    F_ARTICLE = 4, /* inside <article> or <main> */
    F_SKIP = 8,    /* text never read (script, style, hidden, ...) */
    F_NOBLOCK = 16 /* text read for metadata only (head, title) */
};
enum { C_SHORT = 0, C_GOOD = 1, C_LINKS = 2 };

typedef struct hblock {
    size_t off, len;     /* text in ctx.text */
    size_t p0, p1;       /* source positions: byte offsets, or lines */
    unsigned chars;      /* visible characters */
    unsigned lchars;     /* of which inside links */
    unsigned words, punct;
    int elem;            /* innermost recorded element */
    int region;          /* innermost region element, -1 for none */
    float factor;        /* region weight */
    unsigned char flags; /* F_CAPTION ... */
    unsigned char term;  /* ends with sentence punctuation */
    unsigned char cls;   /* C_* */
    const char *reason;  /* drop reason, NULL when kept */
} hblock;

typedef struct helem {
    int parent;        /* enclosing recorded element, -1 at the top */
    int region_parent; /* enclosing region, for region elements */
    unsigned pre, post;
    size_t b0, b1;     /* blocks [b0, b1) */
    unsigned char kind, level, region, nav;
    unsigned char weak; /* a region that only wraps (form) */
    signed char hint;
} helem;

/* One open element. */
typedef struct frame {
    int elem, own, region;
    unsigned flags, links;
    float factor;
} frame;

/* Text collected for metadata while an element is open. */
enum { CAP_TITLE, CAP_H1, CAP_BYLINE, CAP_LD, CAP_COUNT };
typedef struct capture {
    size_t depth; /* stack depth of the element, 0 when idle */
    int slot;     /* destination slot */
    size_t cap;   /* most bytes kept */
    int space;
    sbuf buf;
} capture;

typedef struct hctx {
    char *slot[SL_COUNT];
    sbuf text;
    hblock *blocks;
    size_t nblocks, capblocks;
    helem *elems;
    size_t nelems, capelems;
    frame *stack;
    size_t depth, capstack;
    hblock cur;
    int open, space;
    unsigned order;
    int ld_found;
    int oom;
    capture cap[CAP_COUNT];
    xmlParserCtxtPtr ctxt;
    int exact;         /* positions are byte offsets of the input */
    size_t shift;      /* input bytes before the parsed buffer */
    size_t last_pos;   /* position at the end of the previous event */
    size_t detached;   /* frames whose names were cut from the parser's
                          stack (see trim_names) */
} hctx;

static void slot_set(hctx *c, int k, const char *s, size_t cap)
{
    if (c->slot[k] || !s)
        return;
    c->slot[k] = clean_copy(s, cap, &c->oom);
}

/* ------------------------------------------------------------- JSON-LD */

/* Decodes the few HTML entities that JSON-LD strings often carry. */
static char *ld_text(const char *s, size_t cap, int *oom)
{
    static const struct {
        const char *e;
        const char *r;
    } ENT[] = {{"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"},
               {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"},
               {"&nbsp;", " "}, {"&#039;", "'"}};
    sbuf b = {0};
    char *r;
    size_t i = 0, n;

    if (!s)
        return NULL;
    n = strlen(s);
    if (n > cap * 2)
        n = cap * 2;
    if (sb_reserve(&b, n + 1) != 0) {
        *oom = 1;
        return NULL;
    }
    while (i < n) {
        if (s[i] == '&') {
            size_t e;
            int done = 0;
            for (e = 0; e < sizeof ENT / sizeof ENT[0]; e++) {
                size_t m = strlen(ENT[e].e);
                if (i + m <= n && memcmp(s + i, ENT[e].e, m) == 0) {
                    size_t rl = strlen(ENT[e].r);
                    memcpy(b.p + b.n, ENT[e].r, rl);
                    b.n += rl;
                    i += m;
                    done = 1;
                    break;
                }
            }
            if (!done && i + 2 < n && s[i + 1] == '#') {
                size_t j = i + 2;
                uint32_t v = 0;
                int hex = s[j] == 'x' || s[j] == 'X', dig = 0;
                if (hex)
                    j++;
                while (j < n && dig < 7) {
                    char d = s[j];
                    if (is_digit(d))
                        v = v * (hex ? 16u : 10u) + (uint32_t)(d - '0');
                    else if (hex && ((d | 0x20) >= 'a' && (d | 0x20) <= 'f'))
                        v = v * 16u + (uint32_t)((d | 0x20) - 'a' + 10);
                    else
                        break;
                    j++;
                    dig++;
                }
                if (dig > 0 && j < n && s[j] == ';' && v > 0 &&
                    v <= 0x10FFFF) {
                    char enc[4];
                    size_t w = marsad_utf8_encode(v, enc);
                    if (w <= j + 1 - i) {
                        memcpy(b.p + b.n, enc, w);
                        b.n += w;
                        i = j + 1;
                        done = 1;
                    }
                }
            }
            if (done)
                continue;
        }
        b.p[b.n++] = s[i++];
    }
    b.p[b.n] = '\0';
    r = clean_copy(b.p, cap, oom);
    free(b.p);
    return r;
}

static int ld_type_is_article(json_t *o)
{
    static const char *const TYPES[] = {
        "NewsArticle", "Article", "ReportageNews", "BlogPosting",
        "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "LiveBlogPosting", "SatiricalArticle",
        "Report", NULL};
    json_t *t = json_object_get(o, "@type");
    size_t n = json_is_array(t) ? json_array_size(t) : 1, i, k;

    for (i = 0; i < n && i < 16; i++) {
        json_t *v = json_is_array(t) ? json_array_get(t, i) : t;
        const char *s = json_string_value(v), *p;
        if (!s)
            continue;
        p = strrchr(s, '/');
        if (p)
            s = p + 1;
        p = strrchr(s, ':');
        if (p)
            s = p + 1;
        for (k = 0; TYPES[k]; k++)
            if (strcmp(s, TYPES[k]) == 0)
                return 1;
    }
    return 0;
}

static json_t *ld_find(json_t *v, int depth)
{
    size_t i;
    if (depth > 6 || !v)
        return NULL;
    if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v) && i < 1000; i++) {
            json_t *r = ld_find(json_array_get(v, i), depth + 1);
            if (r)
                return r;
        }
        return NULL;
    }
    if (!json_is_object(v))
        return NULL;
    if (ld_type_is_article(v))
        return v;
    {
        json_t *r = ld_find(json_object_get(v, "@graph"), depth + 1);
        if (!r)
            r = ld_find(json_object_get(v, "mainEntity"), depth + 1);
        return r;
    }
}

/* The object with "@id" == id among the top level and @graph lists. */
static json_t *ld_by_id(json_t *root, const char *id, int depth)
{
    size_t i;
    if (!root || depth > 3)
        return NULL;
    if (json_is_array(root)) {
        for (i = 0; i < json_array_size(root) && i < 1000; i++) {
            json_t *r = ld_by_id(json_array_get(root, i), id, depth + 1);
            if (r)
                return r;
        }
        return NULL;
    }
    if (json_is_object(root)) {
        const char *s = json_string_value(json_object_get(root, "@id"));
        if (s && strcmp(s, id) == 0 && json_object_get(root, "name"))
            return root;
        return ld_by_id(json_object_get(root, "@graph"), id, depth + 1);
    }
    return NULL;
}

/* Name of a person or organisation given as a string, an object with
 * "name", or an object with "@id" pointing elsewhere in the document. */
static const char *ld_name(json_t *root, json_t *v)
{
    const char *s;
    if (json_is_string(v))
        return json_string_value(v);
    if (!json_is_object(v))
        return NULL;
    s = json_string_value(json_object_get(v, "name"));
    if (s)
        return s;
    s = json_string_value(json_object_get(v, "@id"));
    if (s) {
        json_t *o = ld_by_id(root, s, 0);
        if (o)
            return json_string_value(json_object_get(o, "name"));
    }
    return NULL;
}

static void ld_article(hctx *c, json_t *root, json_t *a)
{
    json_t *v;
    const char *s;

    s = json_string_value(json_object_get(a, "headline"));
    if (!s)
        s = json_string_value(json_object_get(a, "name"));
    if (s && !c->slot[SL_LD_HEADLINE])
        c->slot[SL_LD_HEADLINE] = ld_text(s, 1000, &c->oom);

    v = json_object_get(a, "author");
    if (v && !c->slot[SL_LD_AUTHOR]) {
        sbuf b = {0};
        size_t n = json_is_array(v) ? json_array_size(v) : 1, i;
        for (i = 0; i < n && i < 8; i++) {
            json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
            char *name = ld_text(ld_name(root, e), 200, &c->oom);
            if (name && clean_byline(name)) {
                if ((b.n && sb_put(&b, ", ", 2) != 0) ||
                    sb_put(&b, name, strlen(name)) != 0)
                    c->oom = 1;
            }
            free(name);
        }
        if (b.n)
            c->slot[SL_LD_AUTHOR] = b.p;
        else
            free(b.p);
    }

    s = json_string_value(json_object_get(a, "datePublished"));
    if (!s)
        s = json_string_value(json_object_get(a, "dateCreated"));
    if (s && !c->slot[SL_LD_DATE])
        c->slot[SL_LD_DATE] = date_normalize(s, &c->oom);

    v = json_object_get(a, "publisher");
    if (json_is_array(v))
        v = json_array_get(v, 0);
    s = v ? ld_name(root, v) : NULL;
    if (s && !c->slot[SL_LD_PUBLISHER])
        c->slot[SL_LD_PUBLISHER] = ld_text(s, 300, &c->oom);

    s = json_string_value(json_object_get(a, "url"));
    if (!s) {
        v = json_object_get(a, "mainEntityOfPage");
        s = json_is_string(v) ? json_string_value(v)
                              : json_string_value(json_object_get(v, "@id"));
    }
    if (s && !c->slot[SL_LD_URL]) {
        /* "#webpage"-style fragments name graph nodes, not the page */
        char *u = clean_copy(s, 2000, &c->oom), *h;
        if (u && (h = strchr(u, '#')) != NULL)
            *h = '\0';
        if (u && !*u) {
            free(u);
            u = NULL;
        }
        c->slot[SL_LD_URL] = u;
    }
}

/* Parses the text of one <script type="application/ld+json">; bad JSON
 * is ignored. */
static void ld_parse(hctx *c, const char *text, size_t n)
{
    const char *p = text, *q = text + n;
    json_t *root, *a;
    json_error_t err;

    if (c->ld_found || n == 0)
        return;
    /* comment and CDATA wrappers, trailing semicolons */
    for (;;) {
        while (p < q && is_ascii_space((unsigned char)*p))
            p++;
        while (q > p && (is_ascii_space((unsigned char)q[-1]) || q[-1] == ';'))
            q--;
        if ((size_t)(q - p) >= 4 && memcmp(p, "<!--", 4) == 0)
            p += 4;
        else if ((size_t)(q - p) >= 11 && memcmp(p, "//<![CDATA[", 11) == 0)
            p += 11;
        else if ((size_t)(q - p) >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
            p += 9;
        else if ((size_t)(q - p) >= 3 && memcmp(q - 3, "-->", 3) == 0)
            q -= 3;
        else if ((size_t)(q - p) >= 5 && memcmp(q - 5, "//]]>", 5) == 0)
            q -= 5;
        else if ((size_t)(q - p) >= 3 && memcmp(q - 3, "]]>", 3) == 0)
            q -= 3;
        else
            break;
    }
    root = q > p ? json_loadb(p, (size_t)(q - p), 0, &err) : NULL;
    if (!root)
        return;
    a = ld_find(root, 0);
    if (a) {
        c->ld_found = 1;
        ld_article(c, root, a);
    }
    json_decref(root);
}

/* ----------------------------------------------------------- metadata */

static void on_meta(hctx *c, const xmlChar **atts)
{
    static const struct {
        const char *key;
        int slot;
    } KEYS[] = {
        {"og:title", SL_OG_TITLE}, {"twitter:title", SL_TW_TITLE},
        {"og:site_name", SL_OG_SITE}, {"application-name", SL_APP_NAME},
        {"og:url", SL_OG_URL},
        {"author", SL_META_AUTHOR}, {"article:author", SL_META_AUTHOR},
        {"dc.creator", SL_META_AUTHOR}, {"byl", SL_META_AUTHOR},
        {"sailthru.author", SL_META_AUTHOR},
        {"parsely-author", SL_META_AUTHOR},
        {"article:published_time", SL_PUB_TIME},
        {"og:published_time", SL_PUB_TIME},
        {"og:article:published_time", SL_PUB_TIME},
        {"article:published", SL_PUB_TIME},
        {"date", SL_META_DATE}, {"pubdate", SL_META_DATE},
        {"publishdate", SL_META_DATE}, {"publish-date", SL_META_DATE},
        {"publish_date", SL_META_DATE}, {"dc.date", SL_META_DATE},
        {"dc.date.issued", SL_META_DATE}, {"dcterms.date", SL_META_DATE},
        {"dcterms.issued", SL_META_DATE}, {"datepublished", SL_META_DATE},
        {"sailthru.date", SL_META_DATE}, {"parsely-pub-date", SL_META_DATE},
    };
    const char *keys[3], *content = att(atts, "content");
    size_t i, k;

    if (!content)
        return;
    keys[0] = att(atts, "property");
    keys[1] = att(atts, "name");
    keys[2] = att(atts, "itemprop");
    for (i = 0; i < 3; i++) {
        if (!keys[i])
            continue;
        for (k = 0; k < sizeof KEYS / sizeof KEYS[0]; k++) {
            int sl = KEYS[k].slot;
            if (!ascii_ieq(keys[i], KEYS[k].key) || c->slot[sl])
                continue;
            if (sl == SL_PUB_TIME || sl == SL_META_DATE) {
                c->slot[sl] = date_normalize(content, &c->oom);
            } else if (sl == SL_META_AUTHOR) {
                char *a = clean_copy(content, 400, &c->oom);
                if (a && clean_byline(a))
                    c->slot[sl] = a;
                else
                    free(a);
            } else {
                slot_set(c, sl, content, sl == SL_OG_URL ? 2000 : 1000);
            }
        }
    }
}

static void on_link(hctx *c, const xmlChar **atts)
{
    const char *rel = att(atts, "rel"), *href = att(atts, "href");
    if (rel && href && has_word(rel, "canonical"))
        slot_set(c, SL_CANONICAL, href, 2000);
}

/* Absolute form of a possibly relative URL against base (which may be
 * NULL); a new string, or NULL when empty or out of memory (*oom set). */
static char *resolve_url(const char *u, const char *base, int *oom)
{
    const char *sch, *auth_end, *p;
    sbuf b = {0};
    size_t i;

    for (i = 0; u[i] && (is_ascii_alpha(u[i]) || is_digit(u[i]) ||
                         u[i] == '+' || u[i] == '-' || u[i] == '.');
         i++)
        ;
    if ((i > 0 && u[i] == ':' && is_ascii_alpha(u[0])) || !base ||
        !(sch = strstr(base, "://")))
        return clean_copy(u, 2000, oom);
    auth_end = strchr(sch + 3, '/');
    if (!auth_end)
        auth_end = base + strlen(base);
    if (u[0] == '/' && u[1] == '/') {
        if (sb_put(&b, base, (size_t)(sch - base) + 1) != 0)
            goto fail;
    } else if (u[0] == '/') {
        if (sb_put(&b, base, (size_t)(auth_end - base)) != 0)
            goto fail;
    } else {
        size_t q = strcspn(base, "?#");
        if (u[0] == '?' || u[0] == '#') {
            if (sb_put(&b, base, q) != 0)
                goto fail;
        } else {
            p = base + q;
            while (p > auth_end && p[-1] != '/')
                p--;
            if (p <= auth_end) {
                if (sb_put(&b, base, (size_t)(auth_end - base)) != 0 ||
                    sb_put(&b, "/", 1) != 0)
                    goto fail;
            } else if (sb_put(&b, base, (size_t)(p - base)) != 0) {
                goto fail;
            }
        }
    }
    if (sb_put(&b, u, strlen(u)) != 0)
        goto fail;
    {
        char *r = clean_copy(b.p, 4000, oom);
        free(b.p);
        return r;
    }
fail:
    free(b.p);
    *oom = 1;
    return NULL;
}

/* ----------------------------------------------------------- the walk */

/* Deepest stack of element names left to the parser (see trim_names). */
#define MAX_NEST 128
#define KEEP_BOTTOM 8
#define KEEP_TOP 48

/* The parser calls back for each start tag, end tag and run of text, in
 * document order; start and end tags come in pairs, also for void and
 * implied elements.  Every start pushes a frame and every end pops one,
 * or more after a cut of the parser's name stack (see trim_names). */

static frame *top(hctx *c)
{
    return &c->stack[c->depth - 1];
}

static void set_oom(hctx *c)
{
    c->oom = 1;
    if (c->ctxt)
        xmlStopParser(c->ctxt);
}

static int push(hctx *c, const frame *f)
{
    if (c->depth == c->capstack) {
        size_t cap = c->capstack ? c->capstack * 2 : 64;
        frame *p = realloc(c->stack, cap * sizeof *p);
        if (!p) {
            set_oom(c);
            return -1;
        }
        c->stack = p;
        c->capstack = cap;
    }
    c->stack[c->depth++] = *f;
    return 0;
}

/* Where the parser is: a byte offset of the input, or a line number when
 * the parser reads converted text. */
static size_t cur_pos(const hctx *c)
{
    xmlParserInputPtr in = c->ctxt ? c->ctxt->input : NULL;
    if (!in || !in->cur || !in->base)
        return c->last_pos;
    if (c->exact)
        return (size_t)in->consumed + (size_t)(in->cur - in->base) +
               c->shift;
    return in->line > 0 ? (size_t)in->line : c->last_pos;
}

static void finish_block(hctx *c, hblock *b)
{
    const unsigned char *s = (const unsigned char *)c->text.p + b->off;
    size_t i, n = b->len, last = n;
    unsigned punct = 0, words = n ? 1 : 0;

    /* the text is collapsed: words are separated by single spaces */
    for (i = 0; i < n; i++) {
        unsigned char ch = s[i];
        if (ch >= 0x40 && ch != 0xD8)
            continue;
        if (ch == ' ')
            words++;
        else if (ch == '.' || ch == ',' || ch == ';' || ch == ':' ||
                 ch == '!' || ch == '?')
            punct++;
        else if (ch == 0xD8 && i + 1 < n &&
                 (s[i + 1] == 0x8C || s[i + 1] == 0x9B || s[i + 1] == 0x9F))
            punct++;
    }
    b->words = words;
    b->punct = punct;
    /* the last character, past closing quotes and brackets */
    while (last > 0) {
        size_t st = last - 1;
        while (st > 0 && (s[st] & 0xC0) == 0x80)
            st--;
        if (s[st] == '"' || s[st] == '\'' || s[st] == ')' || s[st] == ' ' ||
            (last - st == 2 && s[st] == 0xC2 && s[st + 1] == 0xBB) ||
            (last - st == 3 && s[st] == 0xE2 && s[st + 1] == 0x80 &&
             (s[st + 2] == 0x9D || s[st + 2] == 0x99))) {
            last = st;
            continue;
        }
        b->term = s[st] == '.' || s[st] == '!' || s[st] == '?' ||
                  s[st] == ':' ||
                  (last - st == 2 && s[st] == 0xD8 && s[st + 1] == 0x9F) ||
                  (last - st == 3 && s[st] == 0xE2 && s[st + 1] == 0x80 &&
                   s[st + 2] == 0xA6);
        break;
    }
}

static void flush(hctx *c)
{
    c->space = 0;
    if (!c->open)
        return;
    c->open = 0;
    c->cur.len = c->text.n - c->cur.off;
    if (c->nblocks == c->capblocks) {
        size_t cap = c->capblocks ? c->capblocks * 2 : 256;
        hblock *p = realloc(c->blocks, cap * sizeof *p);
        if (!p) {
            set_oom(c);
            return;
        }
        c->blocks = p;
        c->capblocks = cap;
    }
    finish_block(c, &c->cur);
    c->blocks[c->nblocks++] = c->cur;
}

static int record_elem(hctx *c, int kind, int level, int hint)
{
    helem *e;
    if (c->nelems == c->capelems) {
        size_t cap = c->capelems ? c->capelems * 2 : 256;
        helem *p;
        if (c->capelems > (size_t)INT_MAX / 2) {
            set_oom(c);
            return -1;
        }
        p = realloc(c->elems, cap * sizeof *p);
        if (!p) {
            set_oom(c);
            return -1;
        }
        c->elems = p;
        c->capelems = cap;
    }
    e = &c->elems[c->nelems];
    memset(e, 0, sizeof *e);
    e->parent = top(c)->elem;
    e->region_parent = -1;
    e->pre = c->order++;
    e->b0 = c->nblocks;
    e->b1 = c->nblocks;
    e->kind = (unsigned char)kind;
    e->level = (unsigned char)level;
    e->hint = (signed char)hint;
    return (int)c->nelems++;
}

static void close_elem(hctx *c, int idx)
{
    c->elems[idx].b1 = c->nblocks;
    c->elems[idx].post = c->order++;
}

/* Starts collecting the text of the element about to be pushed. */
static void cap_start(hctx *c, int k, int slot, size_t cap)
{
    capture *p = &c->cap[k];
    p->depth = c->depth + 1;
    p->slot = slot;
    p->cap = cap;
    p->space = 0;
    p->buf.n = 0;
    if (p->buf.p)
        p->buf.p[0] = '\0';
}

static void cap_text(hctx *c, int k, const xmlChar *s, size_t len)
{
    capture *p = &c->cap[k];
    size_t room;
    if (p->buf.n >= p->cap)
        return;
    room = p->cap - p->buf.n + 64;
    if (len > room) {
        len = room;
        while (len > 0 && (s[len] & 0xC0) == 0x80)
            len--;
    }
    if (k == CAP_LD) {
        if (sb_put(&p->buf, (const char *)s, len) != 0)
            set_oom(c);
    } else if (put_text(&p->buf, 0, s, len, &p->space) < 0) {
        set_oom(c);
    }
}

static void cap_end(hctx *c, int k)
{
    capture *p = &c->cap[k];
    p->depth = 0;
    if (c->oom || p->buf.n == 0)
        return;
    if (k == CAP_LD) {
        ld_parse(c, p->buf.p, p->buf.n);
        return;
    }
    if (c->slot[p->slot])
        return;
    {
        char *v = clean_copy(p->buf.p, p->cap, &c->oom);
        if (v && k == CAP_BYLINE && !clean_byline(v)) {
            free(v);
            v = NULL;
        }
        c->slot[p->slot] = v;
    }
}

/*
 * libxml2 scans its whole stack of open element names at each end tag
 * that matches none of them, which is quadratic on deeply nested input.
 * When that stack grows past MAX_NEST, its middle is cut: the bottom
 * KEEP_BOTTOM names (html, body, ...) and the top KEEP_TOP stay.  The
 * names are dictionary strings the parser does not free one by one.  The
 * cut elements stay open here ("detached") and close when the parser
 * closes an element below them.
 */
static void trim_names(hctx *c)
{
    xmlParserCtxtPtr p = c->ctxt;
    size_t nr, cut;

    if (!p || p->nameNr <= MAX_NEST || !p->nameTab)
        return;
    nr = (size_t)p->nameNr;
    cut = nr - KEEP_BOTTOM - KEEP_TOP;
    memmove(p->nameTab + KEEP_BOTTOM, p->nameTab + KEEP_BOTTOM + cut,
            KEEP_TOP * sizeof *p->nameTab);
    p->nameNr = (int)(nr - cut);
    c->detached += cut;
}

/* Is region r, or one around it, more than a wrapper (a form)? */
static int in_strong_region(const hctx *c, int r)
{
    int steps = 0;
    while (r >= 0 && steps++ < 32) {
        if (!c->elems[r].weak)
            return 1;
        r = c->elems[r].region_parent;
    }
    return r >= 0;
}

/* Metadata carried by an element of the body. */
static void body_meta(hctx *c, const xmlChar *name, const xmlChar **atts,
                      int kind, const frame *nf, const char *cls)
{
    const char *itemprop = att(atts, "itemprop"), *rel = att(atts, "rel");
    int in_region = in_strong_region(c, nf->region);

    if (((itemprop && has_word(itemprop, "author")) ||
         (rel && has_word(rel, "author")) ||
         (cls && ascii_find(cls, strlen(cls), "byline"))) &&
        !c->cap[CAP_BYLINE].depth) {
        int sl = (nf->flags & F_ARTICLE) ? SL_BYLINE_ART : SL_BYLINE_ANY;
        if (!c->slot[sl] && (sl == SL_BYLINE_ART || !in_region))
            cap_start(c, CAP_BYLINE, sl, 300);
    }
    if (itemprop && has_word(itemprop, "datePublished") &&
        !c->slot[SL_META_DATE]) {
        const char *v = att(atts, "content");
        if (!v)
            v = att(atts, "datetime");
        if (v && *v)
            c->slot[SL_META_DATE] = date_normalize(v, &c->oom);
    }
    if (kind == K_TIME) {
        const char *v = att(atts, "datetime");
        int sl = (nf->flags & F_ARTICLE) ? SL_TIME_ART : SL_TIME_ANY;
        if (v && *v && !c->slot[sl] && (sl == SL_TIME_ART || !in_region))
            c->slot[sl] = date_normalize(v, &c->oom);
    }
    if (kind == K_HEADING && name[1] == '1' && !c->slot[SL_H1] &&
        !c->cap[CAP_H1].depth && (!in_region || (nf->flags & F_ARTICLE)))
        cap_start(c, CAP_H1, SL_H1, 1000);
    if (c->oom && c->ctxt)
        xmlStopParser(c->ctxt);
}

static void sax_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
    hctx *c = ud;
    const frame *pf;
    frame nf;
    int kind, hint = 0, capt = 0, k;
    const char *cls = NULL;

    if (c->oom || !name)
        return;
    pf = top(c);
    nf = *pf;
    nf.own = -1;
    kind = tag_kind(name);
    /* metadata text sees element boundaries as spaces */
    if (kind != K_INLINE && kind != K_A && kind != K_TIME)
        for (k = 0; k < CAP_LD; k++)
            if (c->cap[k].depth)
                c->cap[k].space = 1;
    if (kind == K_SCRIPT) {
        /* JSON-LD is read wherever it is, hidden parts included */
        const char *type = att(atts, "type");
        nf.flags |= F_SKIP;
        if (type && ascii_find(type, strlen(type), "ld+json") &&
            !c->ld_found && !c->cap[CAP_LD].depth)
            cap_start(c, CAP_LD, -1, (size_t)4 << 20);
        goto out;
    }
    if (pf->flags & F_SKIP)
        goto out;
    switch (kind) {
    case K_SKIP:
        nf.flags |= F_SKIP;
        goto out;
    case K_TITLE:
        nf.flags |= F_NOBLOCK;
        if (!c->slot[SL_DOC_TITLE] && !c->cap[CAP_TITLE].depth)
            cap_start(c, CAP_TITLE, SL_DOC_TITLE, 1000);
        goto out;
    case K_META:
        on_meta(c, atts);
        nf.flags |= F_SKIP;
        goto out;
    case K_LINK:
        on_link(c, atts);
        nf.flags |= F_SKIP;
        goto out;
    case K_BR:
        flush(c);
        goto out;
    case K_HEAD:
        nf.flags |= F_HEAD | F_NOBLOCK;
        goto out;
    default:
        break;
    }
    if (nf.flags & F_HEAD)
        goto out;
    if (is_hidden(atts)) {
        nf.flags |= F_SKIP;
        goto out;
    }
    if (atts) {
        cls = att(atts, "class");
        hint = class_hint(cls, att(atts, "id"), &capt);
    }
    if (kind == K_A)
        nf.links++;
    if (kind == K_ARTICLE)
        nf.flags |= F_ARTICLE;
    if (is_blockish(kind) || hint != 0 || capt) {
        int idx;
        flush(c);
        idx = record_elem(c, kind, kind == K_HEADING ? name[1] - '0' : 0,
                          hint);
        if (idx < 0)
            return;
        nf.elem = idx;
        nf.own = idx;
        if (kind == K_NAV || kind == K_REGION || hint < 0) {
            helem *he = &c->elems[idx];
            he->region = 1;
            he->region_parent = pf->region;
            he->nav = kind == K_NAV;
            he->weak = kind == K_REGION && name[0] == 'f' && name[1] == 'o' &&
                       name[2] == 'r' && hint >= 0;
            nf.region = idx;
            if (kind == K_NAV || (kind == K_REGION && name[0] == 'a') ||
                (kind == K_REGION && name[0] == 'f' && name[1] == 'o' &&
                 name[2] == 'o'))
                nf.factor *= 0.2f; /* nav, aside, footer */
            else if (kind == K_REGION && name[0] == 'h')
                nf.factor *= 0.5f; /* header */
            else if (hint < 0)
                nf.factor *= 0.3f;
        }
        if (kind == K_CAPTION || kind == K_FIGURE || capt)
            nf.flags |= F_CAPTION;
    }
    body_meta(c, name, atts, kind, &nf, cls);
out:
    if (push(c, &nf) != 0)
        return;
    c->last_pos = cur_pos(c);
    trim_names(c);
}

/* Closes the top frame. */
static void pop_frame(hctx *c)
{
    frame *f = top(c);
    int k;
    for (k = 0; k < CAP_COUNT; k++)
        if (c->cap[k].depth == c->depth)
            cap_end(c, k);
    if (f->own >= 0) {
        flush(c);
        close_elem(c, f->own);
    }
    c->depth--;
}

static void sax_end(void *ud, const xmlChar *name)
{
    hctx *c = ud;
    size_t want = c->depth - 1;

    (void)name;
    if (c->oom || c->depth <= 1)
        return;
    if (c->detached && c->ctxt && c->ctxt->nameNr > 0) {
        /* the element ending is at index nameNr - 1 of the parser's
         * stack; below KEEP_BOTTOM that is the same frame index (plus
         * the base frame), above it the detached frames come between */
        size_t li = (size_t)c->ctxt->nameNr - 1;
        want = 1 + (li < KEEP_BOTTOM ? li : li + c->detached);
        if (want >= c->depth)
            want = c->depth - 1;
        if (li < KEEP_BOTTOM)
            c->detached = 0;
    }
    while (c->depth - 1 > want && c->depth > 1)
        pop_frame(c);
    if (c->depth > 1)
        pop_frame(c);
    c->last_pos = cur_pos(c);
}

static void sax_text(void *ud, const xmlChar *s, int ilen)
{
    hctx *c = ud;
    const frame *f;
    size_t pos, len;
    long vis;
    int k;

    if (c->oom || ilen <= 0 || !s)
        return;
    len = (size_t)ilen;
    f = top(c);
    pos = cur_pos(c);
    if (c->cap[CAP_LD].depth && c->cap[CAP_LD].depth == c->depth)
        cap_text(c, CAP_LD, s, len);
    if (f->flags & F_SKIP)
        goto out;
    for (k = 0; k < CAP_LD; k++)
        if (c->cap[k].depth)
            cap_text(c, k, s, len);
    if (f->flags & F_NOBLOCK)
        goto out;
    if (!c->open) {
        size_t before = c->text.n;
        int sp = 0;
        vis = put_text(&c->text, before, s, len, &sp);
        if (vis < 0) {
            set_oom(c);
            return;
        }
        if (c->text.n == before)
            goto out;
        c->space = sp;
        memset(&c->cur, 0, sizeof c->cur);
        c->cur.off = before;
        c->cur.elem = f->elem;
        c->cur.region = f->region;
        c->cur.factor = f->factor;
        c->cur.flags = (unsigned char)(f->flags & F_CAPTION);
        c->cur.p0 = c->last_pos;
        c->open = 1;
    } else {
        vis = put_text(&c->text, c->cur.off, s, len, &c->space);
        if (vis < 0) {
            set_oom(c);
            return;
        }
    }
    c->cur.chars += (unsigned)vis;
    if (f->links)
        c->cur.lchars += (unsigned)vis;
    c->cur.p1 = pos;
out:
    c->last_pos = pos;
}

/* ------------------------------------------------------------ scoring */

typedef struct sel {
    double *P;     /* prefix sums of block values */
    double *G;     /* prefix sums of good characters */
    double *V;     /* prefix sums of the values of good blocks */
    int *root;     /* container root of each block, -1 outside */
} sel;

static double score_of(const hctx *c, const sel *s, size_t i)
{
    const helem *e = &c->elems[i];
    double v = s->P[e->b1] - s->P[e->b0];
    if (v > 0 && (e->hint > 0 || e->kind == K_ARTICLE))
        v *= 1.15;
    return v;
}

static double good_of(const hctx *c, const sel *s, size_t i)
{
    return s->G[c->elems[i].b1] - s->G[c->elems[i].b0];
}

static double value_of(const hctx *c, const sel *s, size_t i)
{
    return s->V[c->elems[i].b1] - s->V[c->elems[i].b0];
}

static void classify(hctx *c, int relaxed)
{
    size_t i;
    for (i = 0; i < c->nblocks; i++) {
        hblock *b = &c->blocks[i];
        double ld = b->chars ? (double)b->lchars / b->chars : 0;
        if (ld >= 0.5)
            b->cls = C_LINKS;
        else if (ld < 0.35 &&
                 (b->words >= 12 || (b->words >= 6 && b->term && b->punct) ||
                  (relaxed && b->words >= 3)))
            b->cls = C_GOOD;
        else
            b->cls = C_SHORT;
    }
}

static int is_ancestor_or_self(const hctx *c, int a, int d)
{
    return c->elems[a].pre <= c->elems[d].pre &&
           c->elems[d].post <= c->elems[a].post;
}

/* Reason to drop a block because of a region below its container root,
 * or NULL. */
static const char *region_reason(const hctx *c, const sel *s,
                                 const hblock *b, int root)
{
    int r = b->region, steps = 0;
    while (r >= 0) {
        if (root >= 0 && is_ancestor_or_self(c, r, root))
            return NULL;
        if (++steps > 32)
            return "boilerplate";
        if (root < 0 || value_of(c, s, (size_t)r) <
                            0.6 * value_of(c, s, (size_t)root))
            return c->elems[r].nav ? "navigation" : "boilerplate";
        r = c->elems[r].region_parent;
    }
    return NULL;
}

/* ------------------------------------------------------------ output */

typedef struct para {
    size_t off;   /* in the joined text */
    size_t block;
} para;

/* Turns source positions into byte ranges of the input. */
typedef struct srcmap {
    const char *s;
    size_t total;  /* input length */
    int exact;     /* positions are byte offsets */
    size_t *start; /* line starts, when positions are lines */
    size_t n;      /* number of lines */
} srcmap;

static int srcmap_init(srcmap *m, const char *s, size_t n, int exact)
{
    size_t cnt = 1, i = 0, k = 1;
    const char *p = s, *end = s + n;

    m->s = s;
    m->total = n;
    m->exact = exact;
    m->start = NULL;
    m->n = 0;
    if (exact)
        return 0;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        cnt++;
        p++;
    }
    m->start = malloc(cnt * sizeof *m->start);
    if (!m->start)
        return -1;
    m->start[0] = 0;
    for (i = 0; i < n && k < cnt; i++)
        if (s[i] == '\n')
            m->start[k++] = i + 1;
    m->n = cnt;
    return 0;
}

/* Byte range for positions p0..p1: with byte offsets, from p0 (past white
 * space) to p1; with lines, from the start of line p0 to the end of line
 * p1 (newline excluded).  (0, 0) when unknown. */
static void src_range(const srcmap *m, size_t p0, size_t p1, size_t *start,
                      size_t *end)
{
    if (m->exact) {
        if (p1 > m->total)
            p1 = m->total;
        if (p0 > p1)
            p0 = p1;
        /* a start tag's callback comes with the parser on its '>' */
        if (p0 < p1 && m->s[p0] == '>')
            p0++;
        while (p0 < p1 && is_ascii_space((unsigned char)m->s[p0]))
            p0++;
        *start = p0;
        *end = p1;
        return;
    }
    if (p0 == 0 || p1 == 0 || p0 > m->n) {
        *start = *end = 0;
        return;
    }
    if (p1 < p0)
        p1 = p0;
    if (p1 > m->n)
        p1 = m->n;
    *start = m->start[p0 - 1];
    *end = p1 < m->n ? m->start[p1] - 1 : m->total;
    if (*end < *start)
        *end = *start;
}

static int drop_cmp(const void *a, const void *b)
{
    const mc_drop *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return 0;
}

/* Paragraph holding joined-text offset off. */
static size_t para_at(const para *ps, size_t np, size_t off)
{
    size_t lo = 0, hi = np;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (ps[mid].off <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Input range of the joined-text range [s, e): the range of the blocks
 * it touches, or, for a piece of one block found verbatim in the input,
 * that piece exactly. */
static void map_range(const hctx *c, const srcmap *sm, const para *ps,
                      size_t np, const char *joined, size_t s, size_t e,
                      size_t *hs, size_t *he)
{
    size_t i, j;
    if (np == 0) {
        *hs = *he = 0;
        return;
    }
    i = para_at(ps, np, s);
    j = para_at(ps, np, e > s ? e - 1 : s);
    src_range(sm, c->blocks[ps[i].block].p0, c->blocks[ps[j].block].p1, hs,
              he);
    if (sm->exact && i == j && joined) {
        const char *q = joined + s;
        size_t m = e > s ? e - s : 0, k;
        while (m > 0 && q[0] == ' ') {
            q++;
            m--;
        }
        while (m > 0 && q[m - 1] == ' ')
            m--;
        /* bounded, so that the search stays cheap on huge blocks */
        if (m == 0 || m > *he - *hs || m > 4096 || *he - *hs > 65536)
            return;
        for (k = *hs; k + m <= *he; k++) {
            if (sm->s[k] == q[0] && memcmp(sm->s + k, q, m) == 0) {
                *hs = k;
                *he = k + m;
                return;
            }
        }
    }
}

static int fill(char **dst, const char *src)
{
    size_t n;
    if (*dst || !src)
        return 0;
    n = strlen(src);
    *dst = malloc(n + 1);
    if (!*dst)
        return -1;
    memcpy(*dst, src, n + 1);
    return 0;
}

static int replace(char **dst, const char *src)
{
    char *old = *dst;
    if (!src)
        return 0;
    if (old && strcmp(old, src) == 0)
        return 0;
    *dst = NULL;
    if (fill(dst, src) != 0) {
        *dst = old;
        return -1;
    }
    free(old);
    return 0;
}

/* ---------------------------------------------------------- parsing */

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* The charset a <meta> declares in the first 64 KB: 0 none, 1 UTF-8,
 * 2 another one, whose name goes to name[0..cap). */
static int declared_charset(const char *s, size_t n, char *name, size_t cap)
{
    size_t lim = n < 65536 ? n : 65536, i, k = 0;
    const char *p = s;
    while ((p = ascii_find(p, lim - (size_t)(p - s), "charset")) != NULL) {
        const char *lt = p;
        while (lt > s && *lt != '<' && *lt != '>')
            lt--;
        p += 7;
        if (*lt != '<' || (size_t)(p - lt) < 5 ||
            !ascii_find(lt, 5, "<meta"))
            continue;
        i = (size_t)(p - s);
        while (i < lim && (s[i] == ' ' || s[i] == '=' || s[i] == '"' ||
                           s[i] == '\''))
            i++;
        if (i + 5 <= lim && (ascii_find(s + i, 5, "utf-8") == s + i ||
                             ascii_find(s + i, 4, "utf8") == s + i))
            return 1;
        while (i < lim && k + 1 < cap &&
               (is_ascii_alpha(s[i]) || is_digit(s[i]) || s[i] == '-' ||
                s[i] == '_' || s[i] == '.' || s[i] == ':'))
            name[k++] = s[i++];
        name[k] = '\0';
        return k ? 2 : 0;
    }
    return 0;
}

/* How the page is read. */
enum {
    IN_UTF8,  /* valid UTF-8, parsed as it is */
    IN_FIXED, /* mostly UTF-8: invalid sequences replaced first */
    IN_ICONV, /* a legacy charset, converted to UTF-8 first */
    IN_LIBXML /* left to libxml2 (UTF-16 with a byte order mark) */
};

/* Chooses how to read s; for IN_ICONV the charset goes to name. */
static int pick_input(const char *s, size_t n, char *name, size_t cap)
{
    size_t bad = 0, multi = 0, i = 0;

    if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
                   ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF)))
        return IN_LIBXML;
    if (marsad_utf8_validate(s, n, NULL) == MARSAD_OK)
        return IN_UTF8;
    while (i < n) {
        uint32_t cp;
        size_t k;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        k = marsad_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
            bad++;
        else
            multi++;
        i += k;
    }
    if (declared_charset(s, n, name, cap) == 2)
        return IN_ICONV;
    if (multi >= bad * 4)
        return IN_FIXED;
    snprintf(name, cap, "WINDOWS-1256");
    return IN_ICONV;
}

/* Copy of s with each invalid UTF-8 sequence replaced by U+FFFD. */
static char *sanitize_utf8(const char *s, size_t n, size_t *outn)
{
    sbuf b = {0};
    size_t i = 0;
    if (sb_reserve(&b, n + n / 2 + 4) != 0)
        return NULL;
    while (i < n) {
        uint32_t cp;
        size_t k;
        if ((unsigned char)s[i] < 0x80) {
            b.p[b.n++] = s[i++];
            continue;
        }
        k = marsad_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD) {
            if (sb_reserve(&b, 3) != 0) {
                free(b.p);
                return NULL;
            }
            memcpy(b.p + b.n, "\xEF\xBF\xBD", 3);
            b.n += 3;
        } else {
            if (sb_reserve(&b, k) != 0) {
                free(b.p);
                return NULL;
            }
            memcpy(b.p + b.n, s + i, k);
            b.n += k;
        }
        i += k;
    }
    b.p[b.n] = '\0';
    *outn = b.n;
    return b.p;
}

/* s converted from charset `from` to UTF-8; bytes that do not convert
 * become U+FFFD.  NULL with *unknown set when iconv does not know the
 * charset, NULL alone when out of memory. */
static char *to_utf8(const char *s, size_t n, const char *from, size_t *outn,
                     int *unknown)
{
    iconv_t cd = iconv_open("UTF-8", from);
    sbuf b = {0};
    char *in = (char *)(uintptr_t)s;
    size_t inleft = n;

    *unknown = 0;
    if (cd == (iconv_t)-1) {
        *unknown = 1;
        return NULL;
    }
    if (n > SIZE_MAX / 4 || sb_reserve(&b, n * 2 + 16) != 0)
        goto fail;
    while (inleft > 0) {
        char *out = b.p + b.n;
        size_t outleft = b.cap - b.n - 1, r;
        r = iconv(cd, &in, &inleft, &out, &outleft);
        b.n = (size_t)(out - b.p);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            if (sb_reserve(&b, inleft * 2 + 16) != 0)
                goto fail;
        } else {
            /* EILSEQ, EINVAL: one byte becomes U+FFFD */
            if (sb_reserve(&b, 3) != 0)
                goto fail;
            memcpy(b.p + b.n, "\xEF\xBF\xBD", 3);
            b.n += 3;
            in++;
            inleft--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    b.p[b.n] = '\0';
    *outn = b.n;
    return b.p;
fail:
    iconv_close(cd);
    free(b.p);
    return NULL;
}

/* Runs libxml2's parser over buf[0..len), calling back into c.  With
 * utf8 set, buf is UTF-8, read without detection or conversion; else
 * libxml2 detects its encoding.  Returns 0, or -1 when out of memory. */
static int run_parser(hctx *c, const char *buf, size_t len, int utf8)
{
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(buf, (int)len);
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
               HTML_PARSE_NOWARNING | HTML_PARSE_NONET;

    if (!ctxt || !ctxt->sax) {
        if (ctxt)
            htmlFreeParserCtxt(ctxt);
        return -1;
    }
    if (utf8)
        opts |= HTML_PARSE_IGNORE_ENC;
    htmlCtxtUseOptions(ctxt, opts);
    memset(ctxt->sax, 0, sizeof *ctxt->sax);
    ctxt->sax->startElement = sax_start;
    ctxt->sax->endElement = sax_end;
    ctxt->sax->characters = sax_text;
    ctxt->sax->ignorableWhitespace = sax_text;
    ctxt->sax->cdataBlock = sax_text;
    ctxt->sax->initialized = 1;
    ctxt->userData = c;
    ctxt->linenumbers = 1;
    if (utf8) {
        /* UTF-8 as it is: no detection, no conversion */
        ctxt->charset = XML_CHAR_ENCODING_UTF8;
        if (!ctxt->encoding)
            ctxt->encoding = xmlStrdup(BAD_CAST "UTF-8");
    }
    c->ctxt = ctxt;
    htmlParseDocument(ctxt);
    c->ctxt = NULL;
    if (ctxt->errNo == XML_ERR_NO_MEMORY)
        c->oom = 1;
    if (ctxt->myDoc)
        xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = NULL;
    htmlFreeParserCtxt(ctxt);
    return c->oom ? -1 : 0;
}

/* Reads the page: picks the encoding, converts when needed, parses.
 * Returns 0, or -1 when out of memory. */
static int parse(hctx *c, const char *s, size_t n)
{
    char name[64], *copy = NULL;
    int utf8 = 1;
    xmlGenericErrorFunc old_generic;
    void *old_generic_ctx;
    xmlStructuredErrorFunc old_structured;
    void *old_structured_ctx;
    int how = pick_input(s, n, name, sizeof name), rc;

    c->exact = how == IN_UTF8;
    c->shift = 0;
    if (how == IN_FIXED || how == IN_ICONV) {
        size_t m = 0;
        int unknown = 0;
        copy = how == IN_FIXED ? sanitize_utf8(s, n, &m)
                               : to_utf8(s, n, name, &m, &unknown);
        if (!copy && !unknown)
            return -1;
        if (copy) {
            s = copy;
            n = m;
        } else {
            utf8 = 0; /* a charset iconv lacks: libxml2 may know it */
        }
    } else if (how == IN_LIBXML) {
        utf8 = 0;
    }
    if (utf8 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        n -= 3;
        c->shift = 3;
    }
    if (n > INT_MAX) {
        /* converted text can outgrow the input: the rest is not read */
        n = INT_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    old_generic = xmlGenericError;
    old_generic_ctx = xmlGenericErrorContext;
    old_structured = xmlStructuredError;
    old_structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlSetStructuredErrorFunc(NULL, NULL);
    rc = n ? run_parser(c, s, n, utf8) : 0;
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    free(copy);
    return rc;
}

/* ------------------------------------------------------------- driver */

static void ctx_free(hctx *c)
{
    size_t i;
    for (i = 0; i < SL_COUNT; i++)
        free(c->slot[i]);
    free(c->text.p);
    free(c->blocks);
    free(c->elems);
    free(c->stack);
    for (i = 0; i < CAP_COUNT; i++)
        free(c->cap[i].buf.p);
}

/* Picks the page's metadata from the slots, in order of trust. */
static int page_meta(hctx *c, const mc_meta *hint, mc_meta *m)
{
    static const int TITLE[] = {SL_OG_TITLE, SL_TW_TITLE, SL_LD_HEADLINE,
                                SL_DOC_TITLE, SL_H1, -1};
    static const int AUTHOR[] = {SL_META_AUTHOR, SL_LD_AUTHOR, SL_BYLINE_ART,
                                 SL_BYLINE_ANY, -1};
    static const int DATE[] = {SL_PUB_TIME, SL_LD_DATE, SL_META_DATE,
                               SL_TIME_ART, SL_TIME_ANY, -1};
    static const int SOURCE[] = {SL_OG_SITE, SL_LD_PUBLISHER, SL_APP_NAME,
                                 -1};
    const int *lists[4] = {TITLE, AUTHOR, DATE, SOURCE};
    char **dst[4];
    size_t i, k;

    memset(m, 0, sizeof *m);
    dst[0] = &m->title;
    dst[1] = &m->author;
    dst[2] = &m->date;
    dst[3] = &m->source;
    /* site names out of titles */
    {
        const char *site = hint ? hint->source : NULL;
        for (k = 0; SOURCE[k] >= 0; k++)
            if (c->slot[SOURCE[k]]) {
                site = c->slot[SOURCE[k]];
                break;
            }
        if (c->slot[SL_OG_TITLE])
            strip_title_site(c->slot[SL_OG_TITLE], site);
        if (c->slot[SL_TW_TITLE])
            strip_title_site(c->slot[SL_TW_TITLE], site);
        if (c->slot[SL_DOC_TITLE])
            strip_title_suffix(c->slot[SL_DOC_TITLE], site);
    }
    for (i = 0; i < 4; i++) {
        for (k = 0; lists[i][k] >= 0; k++) {
            char *v = c->slot[lists[i][k]];
            if (v && *v) {
                if (fill(dst[i], v) != 0)
                    return -1;
                break;
            }
        }
    }
    /* the URL: canonical, og:url, where the page came from, JSON-LD */
    {
        const char *base = hint && hint->url ? hint->url : c->slot[SL_OG_URL];
        if (c->slot[SL_CANONICAL]) {
            int oom = 0;
            m->url = resolve_url(c->slot[SL_CANONICAL], base, &oom);
            if (oom)
                return -1;
        }
        if (fill(&m->url, c->slot[SL_OG_URL]) != 0 ||
            fill(&m->url, hint ? hint->url : NULL) != 0 ||
            fill(&m->url, c->slot[SL_LD_URL]) != 0)
            return -1;
    }
    if (hint) {
        if (fill(&m->title, hint->title) || fill(&m->author, hint->author) ||
            fill(&m->date, hint->date) || fill(&m->source, hint->source) ||
            fill(&m->dateline, hint->dateline) ||
            fill(&m->credit, hint->credit))
            return -1;
    }
    return 0;
}

/* Decides which blocks stay; fills reasons.  Returns 0, or -1 when out of
 * memory. */
static int select_blocks(hctx *c, const char *title)
{
    sel s = {0};
    size_t i, nb = c->nblocks, ngood = 0;
    int best = -1, relaxed = 0;
    double best_score = 0;
    char tkey[1024], bkey[1024];
    size_t tkl = title ? loose_key(title, strlen(title), tkey, sizeof tkey)
                       : 0;

    s.P = malloc((nb + 1) * sizeof *s.P);
    s.G = malloc((nb + 1) * sizeof *s.G);
    s.V = malloc((nb + 1) * sizeof *s.V);
    s.root = malloc((nb + 1) * sizeof *s.root);
    if (!s.P || !s.G || !s.V || !s.root)
        goto fail;
    for (;;) {
        classify(c, relaxed);
        s.P[0] = s.G[0] = s.V[0] = 0;
        ngood = 0;
        for (i = 0; i < nb; i++) {
            hblock *b = &c->blocks[i];
            double v, g = 0;
            if (b->flags & F_CAPTION)
                v = -0.25 * b->chars;
            else if (b->cls == C_GOOD) {
                v = (double)(b->chars - b->lchars) * b->factor;
                g = b->chars;
                ngood++;
            } else if (b->cls == C_LINKS)
                v = -0.5 * b->chars;
            else
                v = -0.25 * b->chars;
            s.P[i + 1] = s.P[i] + v;
            s.G[i + 1] = s.G[i] + g;
            s.V[i + 1] = s.V[i] + (g > 0 ? v : 0);
        }
        if (ngood || relaxed)
            break;
        relaxed = 1;
    }
    for (i = 0; i < c->nelems; i++) {
        double v;
        if (c->elems[i].b1 == c->elems[i].b0)
            continue;
        v = score_of(c, &s, i);
        if (v > best_score) {
            best_score = v;
            best = (int)i;
        }
    }
    for (i = 0; i < nb; i++)
        s.root[i] = -1;
    if (best >= 0) {
        int p = c->elems[best].parent;
        size_t j;
        for (j = c->elems[best].b0; j < c->elems[best].b1; j++)
            s.root[j] = best;
        if (p >= 0) {
            for (j = (size_t)p + 1;
                 j < c->nelems && c->elems[j].pre < c->elems[p].post; j++) {
                const helem *e = &c->elems[j];
                double v, g;
                size_t k;
                if (e->parent != p || (int)j == best || e->region ||
                    e->kind == K_CAPTION || e->kind == K_FIGURE ||
                    e->b1 == e->b0)
                    continue;
                v = score_of(c, &s, j);
                g = good_of(c, &s, j);
                if (v >= 0.25 * best_score || (g >= 80 && v >= 0.8 * g)) {
                    for (k = e->b0; k < e->b1; k++)
                        s.root[k] = (int)j;
                }
            }
        }
    }
    /* first pass: reasons that do not depend on neighbours */
    for (i = 0; i < nb; i++) {
        hblock *b = &c->blocks[i];
        int root = s.root[i];
        const char *why = NULL;
        if (b->flags & F_CAPTION)
            why = "caption";
        else if (b->cls == C_LINKS)
            why = "navigation";
        else if ((why = region_reason(c, &s, b, root)) != NULL)
            ;
        else if (root < 0)
            why = b->cls == C_GOOD ? "outside main content" : "boilerplate";
        if (why && !(b->flags & F_CAPTION) && b->cls != C_LINKS && tkl &&
            b->len < sizeof bkey / 2 && b->len + 64 >= tkl &&
            b->len <= 2 * tkl + 64) {
            /* the headline outside the body */
            size_t bl = loose_key(c->text.p + b->off, b->len, bkey,
                                  sizeof bkey);
            if (bl == tkl && memcmp(bkey, tkey, bl) == 0)
                why = "repeated title";
        }
        b->reason = why;
    }
    /* second pass: headings and short blocks inside the container */
    {
        size_t first_good = SIZE_MAX, last_good = 0;
        int seen_good = 0;
        for (i = 0; i < nb; i++)
            if (!c->blocks[i].reason && c->blocks[i].cls == C_GOOD &&
                !(c->blocks[i].elem >= 0 &&
                  c->elems[c->blocks[i].elem].kind == K_HEADING)) {
                if (first_good == SIZE_MAX)
                    first_good = i;
                last_good = i;
            }
        for (i = 0; i < nb; i++) {
            hblock *b = &c->blocks[i];
            const helem *e = b->elem >= 0 ? &c->elems[b->elem] : NULL;
            int heading = e && e->kind == K_HEADING;
            if (b->reason)
                continue;
            if (tkl && b->len < sizeof bkey / 2 && b->len + 64 >= tkl &&
                b->len <= 2 * tkl + 64) {
                size_t bl = loose_key(c->text.p + b->off, b->len, bkey,
                                      sizeof bkey);
                if (bl == tkl && memcmp(bkey, tkey, bl) == 0) {
                    b->reason = "repeated title";
                    continue;
                }
            }
            if (b->cls == C_GOOD && !heading) {
                seen_good = 1;
                continue;
            }
            if (heading) {
                /* an h1 before the body is the headline; a one- or
                 * two-word heading before it is a section label */
                if (e->level == 1 && !seen_good)
                    b->reason = "repeated title";
                else if (first_good == SIZE_MAX || i > last_good ||
                         (!seen_good && b->words < 3))
                    b->reason = "boilerplate";
                continue;
            }
            if (b->words >= 5 && b->term)
                continue;
            if (first_good == SIZE_MAX || i < first_good || i > last_good ||
                b->words < 2) {
                const char *t = c->text.p + b->off;
                size_t k = b->words <= 8 ? byline_cue(t, b->len) : 0;
                b->reason = "boilerplate";
                if (k && k < b->len) {
                    /* "بقلم: name" in the text: the author */
                    b->reason = "byline";
                    if (!c->slot[SL_BYLINE_TEXT]) {
                        char *a = malloc(b->len + 1);
                        if (!a)
                            goto fail;
                        memcpy(a, t, b->len);
                        a[b->len] = '\0';
                        if (clean_byline(a))
                            c->slot[SL_BYLINE_TEXT] = a;
                        else
                            free(a);
                    }
                }
            }
        }
    }
    free(s.P);
    free(s.G);
    free(s.V);
    free(s.root);
    return 0;
fail:
    free(s.P);
    free(s.G);
    free(s.V);
    free(s.root);
    return -1;
}

int mc_clean_html(const char *s, size_t n, const mc_meta *hint,
                  mc_sitemem *mem, mc_result *out)
{
    hctx c;
    int rc = MC_OK;
    mc_meta pm;
    sbuf joined = {0};
    para *ps = NULL;
    size_t np = 0, i, nd = 0;
    srcmap sm;
    mc_result tr;
    mc_drop *drops = NULL;
    frame base;

    memset(out, 0, sizeof *out);
    memset(&tr, 0, sizeof tr);
    memset(&pm, 0, sizeof pm);
    memset(&sm, 0, sizeof sm);
    if (n > INT_MAX)
        return MC_EPARSE;
    if (!s) {
        s = "";
        n = 0;
    }
    xmlInitParser();
    memset(&c, 0, sizeof c);
    memset(&base, 0, sizeof base);
    base.elem = -1;
    base.own = -1;
    base.region = -1;
    base.factor = 1.0f;
    if (push(&c, &base) != 0 || parse(&c, s, n) != 0)
        goto nomem;
    flush(&c);
    /* close what the parser left open */
    while (c.depth > 1) {
        if (top(&c)->own >= 0)
            close_elem(&c, top(&c)->own);
        c.depth--;
    }
    if (c.oom)
        goto nomem;
    if (page_meta(&c, hint, &pm) != 0)
        goto nomem;
    if (select_blocks(&c, pm.title) != 0)
        goto nomem;
    /* a byline in the text counts when the page's markup named nobody */
    if (!c.slot[SL_META_AUTHOR] && !c.slot[SL_LD_AUTHOR] &&
        !c.slot[SL_BYLINE_ART] && !c.slot[SL_BYLINE_ANY] &&
        replace(&pm.author, c.slot[SL_BYLINE_TEXT]) != 0)
        goto nomem;
    if (srcmap_init(&sm, s, n, c.exact) != 0)
        goto nomem;

    /* the joined text of the kept blocks, and the drops */
    for (i = 0; i < c.nblocks; i++)
        if (!c.blocks[i].reason)
            np++;
    if (np) {
        ps = malloc(np * sizeof *ps);
        if (!ps)
            goto nomem;
    }
    drops = malloc((c.nblocks + 1) * sizeof *drops);
    if (!drops)
        goto nomem;
    np = 0;
    {
        size_t last_drop_block = SIZE_MAX;
        for (i = 0; i < c.nblocks; i++) {
            const hblock *b = &c.blocks[i];
            if (!b->reason) {
                if ((joined.n && sb_put(&joined, "\n", 1) != 0))
                    goto nomem;
                ps[np].off = joined.n;
                ps[np].block = i;
                np++;
                if (sb_put(&joined, c.text.p + b->off, b->len) != 0)
                    goto nomem;
                continue;
            }
            {
                size_t hs, he;
                src_range(&sm, b->p0, b->p1, &hs, &he);
                if (nd && last_drop_block == i - 1 &&
                    drops[nd - 1].reason == b->reason) {
                    if (he > drops[nd - 1].end)
                        drops[nd - 1].end = he;
                } else {
                    drops[nd].start = hs;
                    drops[nd].end = he;
                    drops[nd].reason = b->reason;
                    nd++;
                }
                last_drop_block = i;
            }
        }
    }

    if (joined.n) {
        rc = mc_clean_text(joined.p, joined.n, &pm, mem, &tr);
        if (rc != MC_OK) {
            mc_result_free(&tr);
            goto done;
        }
    }
    /* articles: ranges back to the page, metadata merged */
    for (i = 0; i < tr.narticles; i++) {
        mc_article *a = &tr.articles[i];
        size_t hs, he;
        map_range(&c, &sm, ps, np, NULL, a->start, a->end, &hs, &he);
        if (hs == 0 && he == 0) {
            hs = 0;
            he = n;
        }
        a->start = hs;
        a->end = he;
        if (tr.narticles == 1 && pm.title) {
            if (replace(&a->meta.title, pm.title) != 0)
                goto nomem_tr;
        }
        if (i == 0) {
            if (fill(&a->meta.title, pm.title) ||
                fill(&a->meta.author, pm.author) ||
                fill(&a->meta.dateline, pm.dateline) ||
                fill(&a->meta.credit, pm.credit))
                goto nomem_tr;
        }
        if (fill(&a->meta.date, pm.date) || fill(&a->meta.source, pm.source) ||
            fill(&a->meta.url, pm.url))
            goto nomem_tr;
    }
    if (tr.ndrops) {
        mc_drop *p = realloc(drops, (nd + tr.ndrops + 1) * sizeof *p);
        if (!p)
            goto nomem_tr;
        drops = p;
        for (i = 0; i < tr.ndrops; i++) {
            size_t hs, he;
            map_range(&c, &sm, ps, np, joined.p, tr.drops[i].start,
                      tr.drops[i].end, &hs, &he);
            drops[nd].start = hs;
            drops[nd].end = he;
            drops[nd].reason = tr.drops[i].reason;
            nd++;
        }
    }
    if (nd > 1)
        qsort(drops, nd, sizeof *drops, drop_cmp);
    out->articles = tr.articles;
    out->narticles = tr.narticles;
    tr.articles = NULL;
    tr.narticles = 0;
    if (nd) {
        out->drops = drops;
        out->ndrops = nd;
        drops = NULL;
    }
    mc_result_free(&tr);
    goto done;

nomem_tr:
    mc_result_free(&tr);
nomem:
    rc = MC_ENOMEM;
    mc_result_free(out);
done:
    free(drops);
    free(ps);
    free(joined.p);
    free(sm.start);
    mc_meta_free(&pm);
    ctx_free(&c);
    return rc;
}
