/*
 * fuzz_ner.c - libFuzzer target for the entity recognizer: its model
 * image checks (src/core/ner.c) and its tagging of arbitrary text.
 *
 * The first byte of an input chooses the mode:
 *   - even: the rest is text, tagged with the shipped model both as
 *     running text (marsad_ner_find) and as space-separated words
 *     (marsad_ner_tag).  Checks: every mention lies inside the text, in
 *     order, with a known type and at least one word; tags are 0..8 and
 *     an I tag continues an entity of its type.
 *   - odd: the rest is a damaged model: the shipped model with the input
 *     written over it at an offset taken from the input.  Opening it must
 *     either fail cleanly or give a tagger that tags a sentence without
 *     reading out of bounds.
 * The shipped model is found as `marsad ner` finds it (beside the
 * program, or $MARSAD_NER_MODEL).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entity/nermodel.h"
#include "marsad.h"

#include "fuzz.h"

static mx_model *model(void)
{
    static mx_model m;
    static int ready;
    if (!ready) {
        char err[512];
        if (mx_model_open(&m, NULL, err, sizeof err))
            abort();
        ready = 1;
    }
    return &m;
}

struct walk {
    size_t len, last_end;
};

static int on_entity(void *ud, const marsad_entity *e)
{
    struct walk *w = ud;
    CHECK(e->start < e->end && e->end <= w->len);
    CHECK(e->start >= w->last_end);
    CHECK(e->type >= MARSAD_ENTITY_PER && e->type <= MARSAD_ENTITY_MISC);
    CHECK(e->words >= 1);
    w->last_end = e->end;
    return 0;
}

static void tag_words(marsad_ner *ner, const char *s, size_t n)
{
    const char *w[64] = {0};
    size_t len[64] = {0}, k = 0, i = 0;
    int tags[64];
    while (i < n && k < 64) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        w[k] = s + i;
        len[k] = j - i;
        k++;
        i = j + 1;
    }
    CHECK(marsad_ner_tag(ner, w, len, k, tags) == MARSAD_OK);
    for (size_t t = 0; t < k; t++) {
        CHECK(tags[t] >= 0 && tags[t] <= 8);
        if (tags[t] > 0 && tags[t] % 2 == 0)
            CHECK(t > 0 && (tags[t - 1] + 1) / 2 == (tags[t] + 1) / 2 &&
                  tags[t - 1] > 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mx_model *m = model();
    if (size < 1)
        return 0;
    if (!(data[0] & 1)) {
        struct walk w = {size - 1, 0};
        CHECK(marsad_ner_find(m->ner, (const char *)data + 1, size - 1,
                              on_entity, &w) == MARSAD_OK);
        tag_words(m->ner, (const char *)data + 1, size - 1);
    } else if (size >= 5) {
        /* Overwrite the model at the offset given by bytes 1..4. */
        uint32_t at = (uint32_t)data[1] | (uint32_t)data[2] << 8 |
                      (uint32_t)data[3] << 16 | (uint32_t)data[4] << 24;
        size_t n = size - 5;
        uint64_t *copy = malloc(m->len + 8);
        marsad_ner *ner;
        int err = 0;
        CHECK(copy != NULL);
        memcpy(copy, m->data, m->len);
        at %= (uint32_t)(m->len > 4096 ? 4096 : m->len);
        if (n > m->len - at)
            n = m->len - at;
        memcpy((char *)copy + at, data + 5, n);
        ner = marsad_ner_new(copy, m->len, NULL, &err);
        if (ner) {
            static const char s[] = "قال الرئيس فلاديمير بوتين في موسكو";
            struct walk w = {sizeof s - 1, 0};
            CHECK(marsad_ner_find(ner, s, sizeof s - 1, on_entity, &w) ==
                  MARSAD_OK);
            marsad_ner_free(ner);
        } else {
            CHECK(err == MARSAD_EINVAL);
        }
        free(copy);
    }
    return 0;
}
