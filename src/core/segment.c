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
    uint64_t t = v;
    int32_t e = 0;
    uint64_t frac;

    /* e = floor(log2 v) by halving the range, not one bit at a time. */
    if (t >> 32) { t >>= 32; e += 32; }
    if (t >> 16) { t >>= 16; e += 16; }
    if (t >> 8) { t >>= 8; e += 8; }
    if (t >> 4) { t >>= 4; e += 4; }
    if (t >> 2) { t >>= 2; e += 2; }
    if (t >> 1) e += 1;
    /* v = 2^e * (1 + f), f in [0, 1): use f as the fractional part. */
    frac = ((v - ((uint64_t)1 << e)) << 8) >> e;
    return e * 256 + (int32_t)frac;
}

/* CL_F_* bits of w[0..n): the closed lists that name it, 0 if none. */
static unsigned word_flags(const uint32_t *w, size_t n)
{
    uint32_t b;
    size_t i, k;

    if (n == 0 || n > CL_WORDMAX)
        return 0;
    b = CL_HASH(w[0], w[n - 1], n);
    for (i = CL_BUCKET[b]; i < CL_BUCKET[b + 1]; i++) {
        const cl_entry *e = &CL_WORD[i];
        if (e->len != n)
            continue;
        for (k = 0; k < n && w[k] == e->cp[k]; k++)
            ;
        if (k == n)
            return (unsigned)e->weight;
    }
    return 0;
}

/*
 * Stores in out[] the entries of l that w[0..n) starts with (at_end: ends
 * with), in table order, followed by NULL for "none"; returns how many
 * pointers it stored.  at/ix group the entries by the low byte of the
 * letter next to the cut (tools/tables/clitics.py), so only the entries
 * that share the word's edge letter are compared.
 */
static size_t clitics_of(const uint32_t *w, size_t n, const cl_entry *l,
                         const uint8_t *at, const uint8_t *ix, int at_end,
                         const cl_entry **out)
{
    uint32_t edge = (at_end ? w[n - 1] : w[0]) & 0xFFu;
    size_t m = 0, i, k;

    for (i = at[edge]; i < at[edge + 1]; i++) {
        const cl_entry *e = &l[ix[i]];
        const uint32_t *p = at_end ? w + n - e->len : w;

        if (e->len >= n)
            continue;
        for (k = 0; k < e->len && p[k] == e->cp[k]; k++)
            ;
        if (k == e->len)
            out[m++] = e;
    }
    out[m++] = NULL;
    return m;
}

/* Non-zero if w[0..n) starts with the article ال. */
static int has_article(const uint32_t *w, size_t n)
{
    return n > 2 && w[0] == AR_ALEF && w[1] == AR_LAM;
}

/*
 * The word being segmented and what is known about it.  The analyses of
 * one word look up the same substrings again and again (the base of one
 * analysis is the word of another, every enclitic analysis reads the
 * form with the enclitic), so the counts of substrings w[i..j), i at most
 * one past the longest proclitic and j at most the longest enclitic from
 * the end, bare and with the article, are kept in memo; bit k of known
 * says memo[k] is filled.  buf holds the word from index 2 on, which
 * leaves room to write ال in front of any substring, or to change a
 * letter, without copying the word again.
 */
#define MEMO_I (CL_PREMAX + 2)
#define MEMO_J (CL_ENCMAX + 1)
#define MEMO_N (2 * MEMO_I * MEMO_J)
typedef struct seg_word {
    const uint32_t *w;
    size_t n;
    uint64_t known;
    uint32_t memo[MEMO_N];
    uint32_t buf[MARSADI_MAX_WORD + 2];
} seg_word;

_Static_assert(MEMO_N <= 64, "memo does not fit the known bits");

/* Count of w[i..j), with the article in front when art is set. */
static uint32_t sub_freq(seg_word *sw, size_t i, size_t j, int art)
{
    size_t k = 0;
    uint32_t f;
    int memo = i < MEMO_I && sw->n - j < MEMO_J;

    if (memo) {
        k = ((size_t)(art != 0) * MEMO_I + i) * MEMO_J + (sw->n - j);
        if (sw->known >> k & 1u)
            return sw->memo[k];
    }
    if (!art) {
        f = marsadi_lex_freq(sw->w + i, j - i);
    } else {
        /* buf[i + 2 ..] is w[i ..]; the two cells before it become ال
         * for the look-up and get back the letters they held. */
        uint32_t *p = sw->buf + i;
        p[0] = AR_ALEF;
        p[1] = AR_LAM;
        f = marsadi_lex_freq(p, j - i + 2);
        if (i >= 2)
            p[0] = sw->w[i - 2];
        if (i >= 1)
            p[1] = sw->w[i - 1];
    }
    if (memo) {
        sw->memo[k] = f;
        sw->known |= (uint64_t)1 << k;
    }
    return f;
}

/*
 * Corpus count of the base w[i..j) read as a dictionary form: the
 * largest count among its spellings.  after_lam: the base follows the
 * preposition ل, so a leading ل may be the article with its alef elided.
 * before_enc: an enclitic follows, so a final ت ي ا ؤ ئ may stand for
 * ة ى ى ء ء (and a final و for the verb ending وا).
 */
static uint32_t base_freq(seg_word *sw, size_t i, size_t j, int after_lam,
                          int before_enc)
{
    const uint32_t *b = sw->w + i;
    size_t n = j - i;
    uint32_t best = sub_freq(sw, i, j, 0);
    uint32_t f;

    if (after_lam && n >= 2 && b[0] == AR_LAM) {
        f = sub_freq(sw, i + 1, j, 1);
        if (f > best)
            best = f;
    }
    if (before_enc) {
        uint32_t last = b[n - 1], alt = 0;
        uint32_t *p = sw->buf + 2 + i;

        switch (last) {
        case AR_TEH: alt = AR_TEH_MARBUTA; break;
        case AR_YEH: alt = AR_ALEF_MAKSURA; break;
        case AR_ALEF: alt = AR_ALEF_MAKSURA; break;
        case AR_WAW_HAMZA: alt = AR_HAMZA; break;
        case AR_YEH_HAMZA: alt = AR_HAMZA; break;
        default: break;
        }
        /* p[0..n) is the base; an enclitic follows it in buf, so p[n]
         * may be overwritten for the look-up and restored. */
        f = 0;
        if (alt) {
            p[n - 1] = alt;
            f = marsadi_lex_freq(p, n);
            p[n - 1] = last;
        } else if (last == AR_WAW) {
            p[n] = AR_ALEF;
            f = marsadi_lex_freq(p, n + 1);
            p[n] = sw->w[j];
        }
        if (f > best)
            best = f;
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
 * Score of splitting the word into proclitics pre, base and enclitic enc
 * (either may be NULL for none); *ok is cleared when the analysis is not
 * allowed.
 */
static int32_t score(seg_word *sw, const cl_entry *pre, const cl_entry *enc,
                     int *ok)
{
    const uint32_t *w = sw->w;
    size_t n = sw->n;
    size_t plen = pre ? pre->len : 0, elen = enc ? enc->len : 0;
    const uint32_t *b = w + plen;
    size_t blen, j;
    uint32_t plast = plen ? pre->cp[plen - 1] : 0;
    uint32_t f, fa;
    unsigned flags;
    int32_t s = 0;

    *ok = 0;
    if (plen + elen >= n)
        return 0;
    blen = n - plen - elen;
    j = n - elen;
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
    flags = word_flags(b, blen);
    if (plen) {
        s += pre->weight;
        if (flags & CL_F_SPLIT)
            s += SPLIT_BONUS;
    }
    f = base_freq(sw, plen, j, plast == AR_LAM, elen != 0);
    if (!has_article(b, blen)) {
        /* A base that takes the article is a noun or adjective: count its
         * definite form too (ب + شكل is supported by الشكل). */
        if (plast == AR_LAM && b[0] == AR_LAM)
            fa = 0;
        else
            fa = sub_freq(sw, plen, j, 1);
        f += BASE_NOMINAL_WEIGHT * fa;
    }
    s += lg(f);
    if (plen && f > 0 && (has_article(b, blen)
                 || (plast == AR_LAM && b[0] == AR_LAM && blen > 2
                     && sub_freq(sw, plen + 1, j, 1) > 0)))
        s += ARTICLE_BONUS;
    if (elen && (flags & CL_F_HOST)
        && !(blen == 1 && b[0] != AR_LAM && enc->cp[0] == AR_YEH))
        s += HOST_BONUS;
    if (elen) {
        /* A form common with the article in front is a noun or adjective
         * whose last letters merely look like an enclitic. */
        uint32_t fw = sub_freq(sw, plen, n, 0);
        fa = sub_freq(sw, plen, n, 1);
        if (fa > fw)
            s -= lg(fa) - lg(fw);
    }
    *ok = 1;
    return s;
}

void marsadi_segment(const uint32_t *w, size_t n, marsadi_cuts *out)
{
    const cl_entry *best_pre = NULL, *best_enc = NULL;
    seg_word sw;
    const cl_entry *pres[CL_NPRE + 1], *encs[CL_NENC + 1];
    size_t npre, nenc;
    int32_t best;
    size_t i, j, k;

    memset(out, 0, sizeof *out);
    out->n_pieces = 1;
    if (n < 2 || n > MARSADI_MAX_WORD
        || (word_flags(w, n) & CL_F_WHOLE))
        return;
    sw.w = w;
    sw.n = n;
    sw.known = 0;
    memcpy(sw.buf + 2, w, n * sizeof *w);
    /* Left whole: the word's own count, plus the count of the word with
     * the article, which only a word without proclitics can take. */
    best = lg(sub_freq(&sw, 0, n, 0)
              + NOMINAL_WEIGHT * sub_freq(&sw, 0, n, 1));
    if (best < UNKNOWN_WHOLE)
        best = UNKNOWN_WHOLE;
    /* The clitics the word starts and ends with, tested once; the
     * analyses are tried in table order, with "none" last. */
    npre = clitics_of(w, n, CL_PRE, CL_PRE_AT, CL_PRE_IX, 0, pres);
    nenc = clitics_of(w, n, CL_ENC, CL_ENC_AT, CL_ENC_IX, 1, encs);
    for (i = 0; i < npre; i++) {
        for (j = 0; j < nenc; j++) {
            int ok;
            int32_t s;
            if (!pres[i] && !encs[j])
                continue;
            s = score(&sw, pres[i], encs[j], &ok);
            if (ok && s > best) {
                best = s;
                best_pre = pres[i];
                best_enc = encs[j];
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
