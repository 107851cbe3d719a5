/*
 * fuzz_facts.c - libFuzzer target for the fact finders: the number,
 * date and quote parsers (src/core/numbers.c, dates.c, quotes.c) and the
 * date guess.
 *
 * The first byte of an input chooses the document date (none, or one
 * of a few, including month and year ends) and whether entity mentions
 * are made up from the text (every word in Arabic script that starts a
 * line or follows a quote mark becomes a mention); the rest is the text.
 * Checks: every fact lies inside the text, facts come in order of start,
 * kinds are known, inner spans (unit, quoted words, speaker, medium)
 * lie inside the text, a speaker index points into the mentions given,
 * dates have a granularity and sane fields, numbers are not NaN, and the
 * ISO form fits its buffer.  The date guess must give a valid date or 0.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "marsad.h"

#include "fuzz.h"

struct walk {
    size_t len, last_start, nents;
};

static void span_ok(size_t a, size_t b, size_t len)
{
    CHECK(a <= b && b <= len);
}

static int on_fact(void *ud, const marsad_fact *f)
{
    struct walk *w = ud;
    char iso[32];
    CHECK(f->kind >= MARSAD_FACT_NUMBER && f->kind <= MARSAD_FACT_QUOTE);
    CHECK(f->start < f->end && f->end <= w->len);
    CHECK(f->start >= w->last_start);
    w->last_start = f->start;
    span_ok(f->unit_start, f->unit_end, w->len);
    span_ok(f->text_start, f->text_end, w->len);
    span_ok(f->speaker_start, f->speaker_end, w->len);
    span_ok(f->medium_start, f->medium_end, w->len);
    switch (f->kind) {
    case MARSAD_FACT_NUMBER:
        CHECK(!isnan(f->value) && !isnan(f->value_max));
        CHECK(f->bound >= MARSAD_BOUND_NONE && f->bound <= MARSAD_BOUND_ATMOST);
        break;
    case MARSAD_FACT_DATE:
        CHECK(f->granularity >= MARSAD_GRAN_DAY &&
              f->granularity <= MARSAD_GRAN_CENTURY);
        if (!(f->flags & MARSAD_DATE_UNRESOLVED)) {
            CHECK(f->month >= 0 && f->month <= 12);
            CHECK(f->day >= 0 && f->day <= 31);
            if (f->granularity == MARSAD_GRAN_DAY)
                CHECK(f->month >= 1 && f->day >= 1);
        }
        memset(iso, 'x', sizeof iso);
        marsad_fact_iso(f, iso);
        CHECK(strlen(iso) < 16);
        break;
    case MARSAD_FACT_QUOTE:
        CHECK(f->speaker >= -1 && (f->speaker == -1 ||
                                   (size_t)f->speaker < w->nents));
        break;
    default:
        break;
    }
    return 0;
}

static const int dates[][3] = {
    {0, 0, 0}, {2022, 1, 5}, {2020, 12, 31}, {2024, 2, 29}, {2000, 1, 1},
    {1999, 3, 1}, {2023, 12, 1}, {2015, 7, 21}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static marsad_facts *fx;
    marsad_facts_doc doc;
    marsad_entity ents[64];
    struct walk w;
    const char *text;
    size_t len, ne = 0;
    int y, m, d;
    double conf;

    if (size < 1)
        return 0;
    if (!fx) {
        fx = marsad_facts_new(NULL, NULL);
        CHECK(fx);
    }
    text = (const char *)data + 1;
    len = size - 1;
    memset(&doc, 0, sizeof doc);
    doc.year = dates[data[0] & 7][0];
    doc.month = dates[data[0] & 7][1];
    doc.day = dates[data[0] & 7][2];
    if (data[0] & 8) {
        /* made-up mentions: runs of bytes >= 0xD8 (Arabic lead bytes and
         * their continuations) after a line start or a quote mark */
        for (size_t i = 0; i < len && ne < 64; i++) {
            if (i == 0 || text[i - 1] == '\n' || text[i - 1] == '"') {
                size_t j = i;
                while (j < len && (unsigned char)text[j] >= 0x80 &&
                       text[j] != ' ')
                    j++;
                if (j > i) {
                    memset(&ents[ne], 0, sizeof ents[ne]);
                    ents[ne].start = i;
                    ents[ne].end = j;
                    ents[ne].type = 1 + (int)(i % 4);
                    ne++;
                    i = j;
                }
            }
        }
        doc.entities = ents;
        doc.nentities = ne;
    }
    doc.kinds = (data[0] & 16) ? (1u << MARSAD_FACT_DATE) : 0;
    w.len = len;
    w.last_start = 0;
    w.nents = ne;
    CHECK(marsad_facts_find(fx, text, len, &doc, on_fact, &w) == MARSAD_OK);
    conf = marsad_facts_guess_date(fx, text, len, &y, &m, &d);
    CHECK(conf >= 0 && conf <= 1);
    if (conf > 0)
        CHECK(m >= 1 && m <= 12 && d >= 1 && d <= 31);
    else
        CHECK(y == 0 && m == 0 && d == 0);
    return 0;
}
