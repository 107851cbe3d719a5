/*
 * lexicon.c - word-form frequencies from the reference news corpus.
 *
 * The table (tables/lexicon.inc, generated from data/lexicon.tsv by
 * tools/tables/lexicon.py) holds every light-normalized word form seen at
 * least a few times in the corpus, with its count quantized to one byte.
 * Letters are stored as one-byte codes; an open-addressing hash table
 * (FNV-1a, linear probing) maps a form to its entry, so a lookup costs
 * one hash and, on average, less than two probes.  Everything is static
 * const: the lexicon needs no initialization and is safe to share
 * between threads.
 */
#include "internal.h"

#include <string.h>

#include "tables/lexicon.inc"

/*
 * Encodes w[0..n) into the table's one-byte letter codes in buf (room for
 * MARSADI_MAX_WORD bytes).  Returns 0 when a character has no code (such a
 * word cannot be in the lexicon) or n is out of range, else 1.
 */
static int encode(const uint32_t *w, size_t n, unsigned char *buf)
{
    size_t i;

    if (n == 0 || n > MARSADI_MAX_WORD)
        return 0;
    for (i = 0; i < n; i++) {
        uint32_t c = w[i];
        if (c < LEX_CODE_FIRST || c > LEX_CODE_LAST)
            return 0;
        buf[i] = LEX_CODE[c - LEX_CODE_FIRST];
        if (buf[i] == 0)
            return 0;
    }
    return 1;
}

uint32_t marsadi_lex_freq(const uint32_t *w, size_t n)
{
    unsigned char key[MARSADI_MAX_WORD];
    uint32_t h = 0x811C9DC5u;
    uint32_t i;
    size_t k;

    if (!encode(w, n, key))
        return 0;
    for (k = 0; k < n; k++) {
        h ^= key[k];
        h *= 0x01000193u;
    }
    /* The table is at most 3/4 full, so the probe ends at an empty slot. */
    for (i = h & (LEX_NSLOT - 1);; i = (i + 1) & (LEX_NSLOT - 1)) {
        uint32_t off = LEX_SLOT[i];
        const unsigned char *e;

        if (off == LEX_EMPTY)
            return 0;
        e = (const unsigned char *)&LEX_DATA[off / LEX_CHUNK]
                                            [off % LEX_CHUNK];
        if (e[0] == n && memcmp(e + 2, key, n) == 0)
            return LEX_COUNT[e[1]];
    }
}
