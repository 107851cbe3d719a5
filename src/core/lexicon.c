/*
 * lexicon.c - word-form frequencies from the reference news corpus.
 *
 * The table (tables/lexicon.inc, generated from data/lexicon.tsv by
 * tools/tables/lexicon.py) holds every light-normalized word form seen at
 * least a few times in the corpus, with its count quantized to one byte.
 * A letter is stored as one byte, its code point minus U+0600, so a word
 * needs no translation table: the bytes are computed while hashing.  An
 * open-addressing hash table (FNV-1a, linear probing, at most 3/8 full)
 * maps a form to its entry; each slot keeps the top bits of the hash next
 * to the entry offset, so a lookup costs one hash, about two slot reads
 * and, only when the hash bits agree, one comparison with an entry.
 * Everything is static const: the lexicon needs no initialization and is
 * safe to share between threads.
 */
#include "internal.h"

#include "tables/lexicon.inc"

#define OFF_MASK ((1u << LEX_OFFBITS) - 1u)

uint32_t marsadi_lex_freq(const uint32_t *w, size_t n)
{
    uint32_t h = 0x811C9DC5u;
    uint32_t bad = 0;
    uint32_t i, tag;
    size_t k;

    /* No form longer than LEX_MAXLEN is stored: skip the hash. */
    if (n == 0 || n > LEX_MAXLEN)
        return 0;
    for (k = 0; k < n; k++) {
        uint32_t c = w[k] - LEX_BASE;
        bad |= c;
        h ^= c;
        h *= 0x01000193u;
    }
    /* A code point outside U+0600..U+06FF has no byte: not stored. */
    if (bad > 0xFFu)
        return 0;
    tag = h >> LEX_OFFBITS;
    /* The table is at most 3/8 full, so the probe ends at an empty slot. */
    for (i = h & (LEX_NSLOT - 1);; i = (i + 1) & (LEX_NSLOT - 1)) {
        uint32_t s = LEX_SLOT[i];
        uint32_t off;
        const unsigned char *e;

        if (s == LEX_EMPTY)
            return 0;
        if (s >> LEX_OFFBITS != tag)
            continue;
        off = s & OFF_MASK;
        e = (const unsigned char *)&LEX_DATA[off / LEX_CHUNK]
                                            [off % LEX_CHUNK];
        if (e[0] != n)
            continue;
        for (k = 0; k < n; k++)
            if (e[2 + k] != (unsigned char)(w[k] - LEX_BASE))
                break;
        if (k == n)
            return LEX_COUNT[e[1]];
    }
}
