/*
 * stem.c - light stemmer for search, and the Arabic stop word test.
 *
 * The stem of a word is a substring of its base piece (the word without
 * proclitics and pronoun suffixes, as marsadi_segment cut it).  Two steps:
 *
 *   1. the definite article ال is removed when the rest is attested as a
 *      word of its own or with the article after ل (للكرملين), and never
 *      from the words of the "keep" list (الذي, الله, الان, ...); after
 *      the proclitic ل the single ل left of an elided article is removed
 *      under the same test, so للحكومة meets الحكومة;
 *   2. at most one inflectional suffix is removed, by the rules of
 *      data/affixes.txt: a suffix goes only when the lexicon confirms the
 *      paradigm it belongs to (two members of the paradigm attested with
 *      comparable counts).  The decision depends on the stem candidate
 *      and the paradigm, not on which member is being stemmed, so all
 *      attested forms of a word meet; a name that only looks inflected
 *      (بوتين, كازاخستان) has no such paradigm and stays whole.
 *
 * The tables come from tools/tables/stem.py.  Everything here is
 * read-only; a call does a bounded number of lexicon look-ups.
 */
#include <string.h>

#include "internal.h"

struct stem_str {     /* a string in STEM_CP */
    uint16_t off;
    uint8_t len;
};

struct stem_group {   /* a paradigm: STEM_MEMBER[first .. first + n) */
    uint8_t first;
    uint8_t n;
    uint8_t ratio;    /* members confirm each other within this ratio */
};

enum {                /* where a strip rule applies */
    STEM_CTX_WORD,    /* anywhere */
    STEM_CTX_CLITIC,  /* only when a pronoun suffix follows the base */
    STEM_CTX_IMPERF   /* only when the stem starts like an imperfect */
};

struct stem_rule {    /* strip suffix if one alternative holds */
    struct stem_str suffix;
    uint8_t minstem;  /* letters that must remain */
    uint8_t context;  /* STEM_CTX_* */
    uint8_t first_alt;
    uint8_t nalt;
};

struct stem_alt {     /* groups that must / must not be confirmed */
    uint16_t need;
    uint16_t forbid;
};

struct stem_word {    /* a word of the closed lists */
    struct stem_str s;
    uint8_t flags;    /* STEM_F_* bits: the lists that hold it */
};

#include "tables/stem.inc"

#define ALEF 0x0627u
#define LAM 0x0644u

/* Room for a stem candidate with ال in front and a suffix behind. */
#define BUFLEN (MARSADI_MAX_WORD + 8)

/* Alef with hamza or madda, and alef wasla, read as bare alef: the
 * spelling of the hamza on the first letter varies in news text. */
static uint32_t fold_alef(uint32_t c)
{
    if (c == 0x0623u || c == 0x0625u || c == 0x0622u || c == 0x0671u)
        return ALEF;
    return c;
}

/*
 * STEM_F_* bits of w[0..n) with alef folded: the closed lists (folded by
 * the generator) that hold it, 0 if none.
 */
static unsigned word_flags(const uint32_t *w, size_t n)
{
    uint32_t h;

    if (n == 0)
        return 0;
    h = STEM_HASH(fold_alef(w[0]), fold_alef(w[n - 1]), n);
    for (unsigned i = STEM_BUCKET[h]; i < STEM_BUCKET[h + 1]; i++) {
        const struct stem_word *e = &STEM_WORD[i];
        const uint32_t *c = STEM_CP + e->s.off;
        size_t k;

        if (e->s.len != n)
            continue;
        for (k = 0; k < n && fold_alef(w[k]) == c[k]; k++)
            ;
        if (k == n)
            return e->flags;
    }
    return 0;
}

int marsadi_is_stopword(const uint32_t *w, size_t n)
{
    if (w == NULL || n == 0 || n > MARSADI_MAX_WORD)
        return 0;
    return (word_flags(w, n) & STEM_F_STOP) != 0;
}

/* Lexicon count of p[0..pn) followed by s[0..sn); pn + sn < BUFLEN - 2. */
static uint32_t freq2(const uint32_t *p, size_t pn, const uint32_t *s,
                      size_t sn)
{
    uint32_t buf[BUFLEN];
    memcpy(buf, p, pn * sizeof *buf);
    if (sn > 0)
        memcpy(buf + pn, s, sn * sizeof *buf);
    return marsadi_lex_freq(buf, pn + sn);
}

/*
 * How often x[0..xn) + suffix occurs, bare or with the article: the
 * paradigm test should not depend on whether the corpus happened to use
 * a form definite or indefinite.
 */
static uint32_t form_freq(const uint32_t *x, size_t xn, struct stem_str sfx)
{
    uint32_t buf[BUFLEN];
    uint32_t f, g;
    buf[0] = ALEF;
    buf[1] = LAM;
    memcpy(buf + 2, x, xn * sizeof *buf);
    if (sfx.len > 0)
        memcpy(buf + 2 + xn, STEM_CP + sfx.off, sfx.len * sizeof *buf);
    f = marsadi_lex_freq(buf + 2, xn + sfx.len);
    g = marsadi_lex_freq(buf, xn + sfx.len + 2);
    return f > UINT32_MAX - g ? UINT32_MAX : f + g;
}

/*
 * Non-zero if paradigm g is confirmed for stem candidate x[0..xn): an
 * empty group always, a one-member group when the member is attested,
 * a larger group when two members are attested with counts within
 * the group's ratio of each other (one stray form next to a frequent name is
 * no paradigm).
 */
static int group_ok(const uint32_t *x, size_t xn, unsigned g)
{
    const struct stem_group *gr = &STEM_GROUP[g];
    uint32_t cnt[16];
    size_t k = 0;

    if (gr->n == 0)
        return 1;
    for (unsigned i = 0; i < gr->n && k < 16; i++) {
        uint32_t f = form_freq(x, xn, STEM_MEMBER[gr->first + i]);
        if (f >= STEM_MINFREQ)
            cnt[k++] = f;
    }
    if (gr->n == 1)
        return k == 1;
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++) {
            uint64_t a = cnt[i], b = cnt[j];
            if (a <= b * gr->ratio && b <= a * gr->ratio)
                return 1;
        }
    return 0;
}

/* Non-zero if every group in need and none in forbid is confirmed. */
static int alt_ok(const uint32_t *x, size_t xn, struct stem_alt alt)
{
    for (unsigned g = 0; g < 16; g++) {
        uint16_t bit = (uint16_t)(1u << g);
        if ((alt.need & bit) && !group_ok(x, xn, g))
            return 0;
        if ((alt.forbid & bit) && group_ok(x, xn, g))
            return 0;
    }
    return 1;
}

/* Non-zero for the letters that start an imperfect verb: ي ت ن أ. */
static int imperfect_prefix(uint32_t c)
{
    return c == 0x064Au || c == 0x062Au || c == 0x0646u || c == 0x0623u;
}

/*
 * Length of b[0..bn) once the first suffix rule that applies has
 * removed its suffix (bn if none applies).  clitic: a pronoun suffix
 * follows in the same word.
 */
static size_t strip_suffix(const uint32_t *b, size_t bn, int clitic)
{
    for (size_t r = 0; r < STEM_NRULE; r++) {
        const struct stem_rule *ru = &STEM_RULE[r];
        const uint32_t *sfx = STEM_CP + ru->suffix.off;
        size_t sl = ru->suffix.len, k;
        if (bn < sl + ru->minstem
            || (ru->context == STEM_CTX_CLITIC && !clitic)
            || (ru->context == STEM_CTX_IMPERF && !imperfect_prefix(b[0])))
            continue;
        /* Compared from the end: the last letter rules out most rules
         * without a call. */
        k = sl;
        while (k > 0 && b[bn - sl + k - 1] == sfx[k - 1])
            k--;
        if (k > 0)
            continue;
        for (unsigned a = 0; a < ru->nalt; a++)
            if (alt_ok(b, bn - sl, STEM_ALT[ru->first_alt + a]))
                return bn - sl;
    }
    return bn;
}

/*
 * Non-zero if r[0..rn), found after ال, is the rest of a definite
 * noun: attested on its own, or with the article after ل, which only a
 * separable article produces (للكرملين; there is no للتزام beside
 * التزام), or an inflected form whose paradigm the suffix rules confirm
 * (الطرفان: طرفان is rare, طرف/طرفين are not).  clitic as for
 * strip_suffix.
 */
static int article_rest_ok(const uint32_t *r, size_t rn, int clitic)
{
    static const uint32_t lil[2] = {LAM, LAM};
    if (rn < 2)
        return 0;
    if (marsadi_lex_freq(r, rn) >= STEM_MINFREQ)
        return 1;
    /* لل + two letters is as often ل + a word in ل (للعب = ل + لعب). */
    if (rn > 2 && freq2(lil, 2, r, rn) >= STEM_MINFREQ)
        return 1;
    return strip_suffix(r, rn, clitic) < rn;
}

/*
 * Non-zero if b[0..bn), a base that followed the proclitic ل and starts
 * with ل, is an article-less noun whose article merged with the ل
 * (للحكومة = ل + لحكومة).  The ال form of the rest must be attested and
 * more frequent than the ال form of the whole base, which keeps words
 * that start with ل themselves (للجنة = ل + لجنة, not جنة).
 */
static int elided_article(const uint32_t *b, size_t bn, int clitic)
{
    static const uint32_t al[2] = {ALEF, LAM};
    uint32_t rest = freq2(al, 2, b + 1, bn - 1);
    return rest >= STEM_MINFREQ && rest > freq2(al, 2, b, bn)
           && article_rest_ok(b + 1, bn - 1, clitic);
}

/* Bounds of piece i of a valid segmentation of n characters. */
static void piece(const marsadi_cuts *c, size_t n, size_t i, size_t *from,
                  size_t *to)
{
    *from = i == 0 ? 0 : c->at[i - 1];
    *to = i + 1 == c->n_pieces ? n : c->at[i];
}

/* Non-zero if cuts describe n characters as the header promises. */
static int cuts_valid(const marsadi_cuts *c, size_t n)
{
    if (c == NULL || c->n_pieces < 1 || c->n_pieces > MARSAD_MAX_SEGMENTS
        || (size_t)c->npre + c->nsuf >= c->n_pieces)
        return 0;
    for (size_t i = 0; i + 1 < c->n_pieces; i++)
        if (c->at[i] == 0 || c->at[i] >= n
            || (i > 0 && c->at[i] <= c->at[i - 1]))
            return 0;
    return 1;
}

void marsadi_stem(const uint32_t *w, size_t n, const marsadi_cuts *cuts,
                  size_t *start, size_t *len)
{
    size_t b0 = 0, b1 = n;
    int after_lam = 0, clitic = 0;

    *start = 0;
    *len = n;
    if (w == NULL || n < 2 || n > MARSADI_MAX_WORD)
        return;
    if (cuts_valid(cuts, n)) {
        piece(cuts, n, cuts->npre, &b0, &b1);
        if (cuts->npre > 0) {
            size_t p0, p1;
            piece(cuts, n, cuts->npre - 1u, &p0, &p1);
            after_lam = p1 - p0 == 1 && w[p0] == LAM;
        }
        clitic = cuts->nsuf > 0;
    }

    /* Step 1: the article, spelled out or elided after ل. */
    if (b1 - b0 >= 4 && w[b0] == ALEF && w[b0 + 1] == LAM
        && !(word_flags(w + b0, b1 - b0) & STEM_F_KEEP)
        && article_rest_ok(w + b0 + 2, b1 - b0 - 2, clitic))
        b0 += 2;
    else if (after_lam && b1 - b0 >= 3 && w[b0] == LAM
             && elided_article(w + b0, b1 - b0, clitic))
        b0 += 1;

    /* Step 2: one inflectional suffix. */
    *start = b0;
    *len = strip_suffix(w + b0, b1 - b0, clitic);
}
