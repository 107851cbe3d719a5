/*
 * segment.c - clitic segmentation of Arabic words (UD Arabic convention).
 *
 * A word is split into up to three proclitics (conjunctions و ف,
 * prepositions ب ل ك, future س), a base, and a pronoun enclitic.  The
 * article ال stays on its word; after the preposition ل its alef is not
 * written (للسلطة = ل + لسلطة).
 *
 * Method: every analysis allowed by the inventories in data/clitics.txt
 * (tables/clitics.inc) and by a few morphological constraints is scored
 * as a log-probability, in 1/256 bit units:
 *
 *     prior(proclitics) + prior(enclitic) + log2 evidence(base)
 *
 * and compared with the word left whole, log2 evidence(word).  Evidence
 * comes from the corpus lexicon (marsadi_lex_freq): the form's count plus
 * a weighted count of the form with the article in front.  Taking the
 * article shows a form is a noun or adjective in its own right, which
 * argues for keeping it whole (بنك, فكرة: البنك, الفكرة) or, for a base,
 * for the split (بشكل: الشكل); raw counts alone would favour frequent
 * joined forms.  The base is read as its dictionary form: the article
 * restored after ل, and ت, ي, ا, ؤ/ئ before an enclitic read as the
 * ة, ى, ى, ء they stand for (مدينته = مدينة + ه, عليه = على + ه).
 * Constraints: س needs an imperfect verb prefix after it; a base with
 * the article takes no enclitic; bases are at least two letters except
 * the prepositions ل and ب before an enclitic.  Closed lists name the
 * words never split, the function words always split off a proclitic,
 * and the prepositions that host enclitics.
 */
#include "internal.h"

#include <string.h>

#include "tables/clitics.inc"

enum {
    AR_ALEF_HAMZA_ABOVE = 0x0623,
    AR_WAW_HAMZA = 0x0624,
    AR_YEH_HAMZA = 0x0626,
    AR_HAMZA = 0x0621,
    AR_ALEF = 0x0627,
    AR_TEH_MARBUTA = 0x0629,
    AR_TEH = 0x062A,
    AR_SEEN = 0x0633,
    AR_LAM = 0x0644,
    AR_NOON = 0x0646,
    AR_WAW = 0x0648,
    AR_ALEF_MAKSURA = 0x0649,
    AR_YEH = 0x064A
};

/* Bonus for a function word split off a proclitic (the "split" list). */
#define SPLIT_BONUS (64 * 256)
/* Bonus for a base that carries the article after a proclitic: no
 * word begins with و ب ل ك ف followed by ال except by a clitic. */
#ifndef ARTICLE_BONUS
#define ARTICLE_BONUS (8 * 256)
#endif
/* Weight of the article-taking evidence for leaving a word whole. */
#ifndef NOMINAL_WEIGHT
#define NOMINAL_WEIGHT 64
#endif
/* Weight of the same evidence for a base that follows a proclitic. */
#ifndef BASE_NOMINAL_WEIGHT
#define BASE_NOMINAL_WEIGHT 64
#endif
/* Score of a word the lexicon does not know, left whole: a split must
 * find a base at least this frequent (plus its priors) to be preferred,
 * so rare names are not taken apart into a common word and a clitic. */
#ifndef UNKNOWN_WHOLE
#define UNKNOWN_WHOLE 0
#endif
/* Bonus for a preposition or particle from the "host" list carrying an
 * enclitic (له, عليه, أنها): such forms are far more frequent whole than
 * their bases are alone, yet they are always split. */
#ifndef HOST_BONUS
#define HOST_BONUS (64 * 256)
#endif

/*
 * 256 * log2(x + 1), approximated piecewise linearly between powers of
 * two (error < 0.09 bit), so that scoring needs no floating point.
 */
static int32_t lg(uint32_t x)
{
    uint64_t v = (uint64_t)x + 1;
    int32_t e = 0;
    uint64_t frac;

    while ((v >> e) > 1)
        e++;
    /* v = 2^e * (1 + f), f in [0, 1): use f as the fractional part. */
    frac = ((v - ((uint64_t)1 << e)) << 8) >> e;
    return e * 256 + (int32_t)frac;
}

/* Compares w[0..n) with a list entry in code-point order, like memcmp. */
static int cmp_entry(const uint32_t *w, size_t n, const cl_entry *e)
{
    size_t i;

    for (i = 0; i < n && i < e->len; i++)
        if (w[i] != e->cp[i])
            return w[i] < e->cp[i] ? -1 : 1;
    if (n == e->len)
        return 0;
    return n < e->len ? -1 : 1;
}

/* Non-zero if w[0..n) is in the sorted list l[0..len). */
static int in_list(const uint32_t *w, size_t n, const cl_entry *l,
                   size_t len)
{
    size_t lo = 0, hi = len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_entry(w, n, &l[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

static int has_prefix(const uint32_t *w, size_t n, const cl_entry *e)
{
    return e->len <= n && memcmp(w, e->cp, e->len * sizeof *w) == 0;
}

static int has_suffix(const uint32_t *w, size_t n, const cl_entry *e)
{
    return e->len <= n
           && memcmp(w + n - e->len, e->cp, e->len * sizeof *w) == 0;
}

/* Non-zero if w[0..n) starts with the article ال. */
static int has_article(const uint32_t *w, size_t n)
{
    return n > 2 && w[0] == AR_ALEF && w[1] == AR_LAM;
}

/* Corpus count of ال + w[0..n). */
static uint32_t freq_with_article(const uint32_t *w, size_t n)
{
    uint32_t buf[MARSADI_MAX_WORD + 2];

    buf[0] = AR_ALEF;
    buf[1] = AR_LAM;
    memcpy(buf + 2, w, n * sizeof *w);
    return marsadi_lex_freq(buf, n + 2);
}

/*
 * Corpus count of the base b[0..n) read as a dictionary form: the
 * largest count among its spellings.  after_lam: the base follows the
 * preposition ل, so a leading ل may be the article with its alef elided.
 * before_enc: an enclitic follows, so a final ت ي ا ؤ ئ may stand for
 * ة ى ى ء ء (and a final و for the verb ending وا).
 */
static uint32_t base_freq(const uint32_t *b, size_t n, int after_lam,
                          int before_enc)
{
    uint32_t buf[MARSADI_MAX_WORD + 2];
    uint32_t best = marsadi_lex_freq(b, n);
    uint32_t f;

    if (after_lam && n >= 2 && b[0] == AR_LAM) {
        f = freq_with_article(b + 1, n - 1);
        if (f > best)
            best = f;
    }
    if (before_enc) {
        uint32_t last = b[n - 1], alt = 0;
        size_t m = n;

        switch (last) {
        case AR_TEH: alt = AR_TEH_MARBUTA; break;
        case AR_YEH: alt = AR_ALEF_MAKSURA; break;
        case AR_ALEF: alt = AR_ALEF_MAKSURA; break;
        case AR_WAW_HAMZA: alt = AR_HAMZA; break;
        case AR_YEH_HAMZA: alt = AR_HAMZA; break;
        default: break;
        }
        memcpy(buf, b, n * sizeof *b);
        if (alt) {
            buf[n - 1] = alt;
        } else if (last == AR_WAW) {
            buf[n] = AR_ALEF;
            m = n + 1;
        }
        if (alt || m > n) {
            f = marsadi_lex_freq(buf, m);
            if (f > best)
                best = f;
        }
    }
    return best;
}

/* Non-zero if c can start an imperfect verb (after future س). */
static int imperfect_prefix(uint32_t c)
{
    return c == 0x064A || c == AR_TEH || c == AR_NOON
           || c == AR_ALEF_HAMZA_ABOVE;
}

/*
 * Score of splitting w[0..n) into proclitics pre, base and enclitic enc
 * (either may be NULL for none); *ok is cleared when the analysis is not
 * allowed.
 */
static int32_t score(const uint32_t *w, size_t n, const cl_entry *pre,
                     const cl_entry *enc, int *ok)
{
    size_t plen = pre ? pre->len : 0, elen = enc ? enc->len : 0;
    const uint32_t *b = w + plen;
    size_t blen;
    uint32_t plast = plen ? pre->cp[plen - 1] : 0;
    uint32_t f, fa;
    int32_t s = 0;

    *ok = 0;
    if (plen + elen >= n)
        return 0;
    blen = n - plen - elen;
    if (plast == AR_SEEN && (blen < 3 || !imperfect_prefix(b[0])))
        return 0;
    if (elen) {
        /* The article and a pronoun enclitic exclude each other, also
         * with the article's alef elided after ل. */
        if (has_article(b, blen) || (plast == AR_LAM && b[0] == AR_LAM))
            return 0;
        /* ة and ى are word-final letters. */
        if (b[blen - 1] == AR_TEH_MARBUTA || b[blen - 1] == AR_ALEF_MAKSURA)
            return 0;
        if (blen == 1) {
            /* له, بها: only prepositions ل ب host an enclitic alone, and
             * not after another preposition. */
            if ((b[0] != AR_LAM && b[0] != 0x0628)
                || (plast && plast != AR_WAW && plast != 0x0641))
                return 0;
        }
        s += enc->weight;
    } else if (blen < 2) {
        return 0;
    }
    if (plen) {
        s += pre->weight;
        if (in_list(b, blen, CL_SPLIT, CL_NSPLIT))
            s += SPLIT_BONUS;
    }
    f = base_freq(b, blen, plast == AR_LAM, elen != 0);
    if (!has_article(b, blen)) {
        /* A base that takes the article is a noun or adjective: count its
         * definite form too (ب + شكل is supported by الشكل). */
        if (plast == AR_LAM && b[0] == AR_LAM)
            fa = 0;
        else
            fa = freq_with_article(b, blen);
        f += BASE_NOMINAL_WEIGHT * fa;
    }
    s += lg(f);
    if (plen && f > 0 && (has_article(b, blen)
                 || (plast == AR_LAM && b[0] == AR_LAM && blen > 2
                     && freq_with_article(b + 1, blen - 1) > 0)))
        s += ARTICLE_BONUS;
    if (elen && in_list(b, blen, CL_HOST, CL_NHOST)
        && !(blen == 1 && b[0] != AR_LAM && enc->cp[0] == AR_YEH))
        s += HOST_BONUS;
    if (elen) {
        /* A form common with the article in front is a noun or adjective
         * whose last letters merely look like an enclitic. */
        uint32_t fw = marsadi_lex_freq(b, blen + elen);
        fa = freq_with_article(b, blen + elen);
        if (fa > fw)
            s -= lg(fa) - lg(fw);
    }
    *ok = 1;
    return s;
}

void marsadi_segment(const uint32_t *w, size_t n, marsadi_cuts *out)
{
    const cl_entry *best_pre = NULL, *best_enc = NULL;
    int32_t best;
    size_t i, j, k;

    memset(out, 0, sizeof *out);
    out->n_pieces = 1;
    if (n < 2 || n > MARSADI_MAX_WORD || in_list(w, n, CL_WHOLE, CL_NWHOLE))
        return;
    /* Left whole: the word's own count, plus the count of the word with
     * the article, which only a word without proclitics can take. */
    best = lg(marsadi_lex_freq(w, n)
              + NOMINAL_WEIGHT * freq_with_article(w, n));
    if (best < UNKNOWN_WHOLE)
        best = UNKNOWN_WHOLE;
    for (i = 0; i <= CL_NPRE; i++) {
        const cl_entry *pre = i < CL_NPRE ? &CL_PRE[i] : NULL;
        if (pre && !has_prefix(w, n, pre))
            continue;
        for (j = 0; j <= CL_NENC; j++) {
            const cl_entry *enc = j < CL_NENC ? &CL_ENC[j] : NULL;
            int ok;
            int32_t s;
            if ((!pre && !enc) || (enc && !has_suffix(w, n, enc)))
                continue;
            s = score(w, n, pre, enc, &ok);
            if (ok && s > best) {
                best = s;
                best_pre = pre;
                best_enc = enc;
            }
        }
    }
    /* Pieces: each proclitic letter, the base, the enclitic. */
    k = 0;
    if (best_pre) {
        for (i = 1; i <= best_pre->len; i++)
            out->at[k++] = (uint8_t)i;
        out->npre = best_pre->len;
    }
    if (best_enc) {
        out->at[k++] = (uint8_t)(n - best_enc->len);
        out->nsuf = 1;
    }
    out->n_pieces = (uint8_t)(k + 1);
}
