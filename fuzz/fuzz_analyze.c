/*
 * fuzz_analyze.c - libFuzzer target for the analyzer: UTF-8 decoding,
 * normalization, tokenization, segmentation and stemming.
 *
 * Checks on every input: token and segment offsets lie inside the input,
 * tokens come in order and segments tile them; normalized forms and
 * stems are valid UTF-8; normalization is idempotent under the fold set
 * chosen by the first byte; the one-word helpers agree with the tokens.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "marsad.h"

#include "fuzz.h"

struct state {
    size_t len;
    size_t last_end;
    const char *text;
};

static int on_token(void *ud, const marsad_token *t)
{
    struct state *st = ud;
    marsad_segment seg[MARSAD_MAX_SEGMENTS];
    unsigned i, n;

    CHECK(t->start < t->end && t->end <= st->len);
    CHECK(t->start >= st->last_end);
    CHECK(t->nseg >= 1 && t->nseg <= MARSAD_MAX_SEGMENTS);
    CHECK(t->seg[0].start == t->start);
    CHECK(t->seg[t->nseg - 1].end == t->end);
    for (i = 0; i < t->nseg; i++) {
        CHECK(t->seg[i].start < t->seg[i].end);
        if (i)
            CHECK(t->seg[i].start == t->seg[i - 1].end);
    }
    CHECK(marsad_utf8_validate(t->norm, t->nnorm, NULL) == MARSAD_OK);
    if (t->stem)
        CHECK(marsad_utf8_validate(t->stem, t->nstem, NULL) == MARSAD_OK);
    if (t->type == MARSAD_TOKEN_ARABIC &&
        !(t->flags & MARSAD_TOKEN_SPLIT)) {
        /* segmenting the word alone gives the same pieces */
        n = marsad_segment_word(st->text + t->start, t->end - t->start, seg);
        CHECK(n == t->nseg);
        for (i = 0; i < n; i++)
            CHECK(seg[i].start + t->start == t->seg[i].start &&
                  seg[i].end + t->start == t->seg[i].end);
    }
    st->last_end = t->end;
    return 0;
}

static void check_idempotent(const char *s, size_t n, unsigned flags)
{
    size_t na = marsad_normalize(s, n, flags, NULL, 0);
    char *a = malloc(na + 1), *b;
    size_t nb;
    CHECK(a);
    CHECK(marsad_normalize(s, n, flags, a, na) == na);
    CHECK(marsad_utf8_validate(a, na, NULL) == MARSAD_OK);
    b = malloc(na + 1);
    CHECK(b);
    nb = marsad_normalize(a, na, flags, b, na);
    CHECK(nb == na && memcmp(a, b, na) == 0);
    free(a);
    free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned fold_sets[] = {
        MARSAD_PROFILE_SEARCH, MARSAD_PROFILE_ALL, MARSAD_PROFILE_DISPLAY,
        0, MARSAD_FOLD_MARKS | MARSAD_FOLD_COMPAT,
        MARSAD_PROFILE_ALL & ~MARSAD_FOLD_MARKS,
    };
    marsad_options opt;
    marsad_analyzer *an;
    struct state st;
    unsigned sel = size ? data[0] : 0;
    const char *text = (const char *)data;

    /* one handle per option set, kept across inputs as a long-lived
     * caller would keep it (its word cache included) */
    static marsad_analyzer *handles[12];
    unsigned h = (sel % 6) * 2 + ((sel & 0x40) ? 1 : 0);

    if (!handles[h]) {
        marsad_options_init(&opt);
        opt.folds = fold_sets[sel % 6];
        opt.max_token = (sel & 0x40) ? 16 : 256;
        handles[h] = marsad_analyzer_new(&opt, NULL, NULL);
        CHECK(handles[h]);
    }
    an = handles[h];
    marsad_analyzer_reset(an);
    st.len = size;
    st.last_end = 0;
    st.text = text;
    CHECK(marsad_analyze(an, text, size, on_token, &st) == MARSAD_OK);
    check_idempotent(text, size, fold_sets[sel % 6]);
    return 0;
}
