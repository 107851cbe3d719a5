/*
 * text_sitemem.c - memory of short lines seen on earlier pages of a site.
 *
 * A line that comes back on page after page of one site (a disclaimer, a
 * sign-off, a "follow us" row, a byline template) is boilerplate even when
 * no rule recognises it.  The memory keeps, for each (site, line key) pair,
 * on how many pages the line was seen and the last page it was seen on.
 *
 * The table is fixed in size: a 4-way set-associative cache of 2^16 sets
 * (16 bytes an entry, 4 MiB in all).  A full set gives up the entry seen on
 * the fewest pages, counting entries not seen for a long time as empty,
 * so one-off lines make room for new ones and recurring lines stay.
 */
#include <stdlib.h>
#include <string.h>

#include "clean/text_internal.h"

#define SM_SETS_LOG2 16
#define SM_SETS (1u << SM_SETS_LOG2)
#define SM_WAYS 4
#define SM_STALE 200000u /* pages after which an entry counts as empty */

typedef struct sm_entry {
    uint64_t key;   /* mixed (site, line) key; 0 = empty */
    uint32_t count; /* pages the line was seen on (saturating) */
    uint32_t page;  /* last page it was seen on */
} sm_entry;

struct mc_sitemem {
    sm_entry *tab;  /* SM_SETS * SM_WAYS entries */
    uint32_t page;  /* current page number, from 1 */
};

mc_sitemem *mc_sitemem_new(void)
{
    mc_sitemem *m = malloc(sizeof *m);
    if (!m)
        return NULL;
    m->tab = calloc((size_t)SM_SETS * SM_WAYS, sizeof *m->tab);
    if (!m->tab) {
        free(m);
        return NULL;
    }
    m->page = 0;
    return m;
}

void mc_sitemem_free(mc_sitemem *m)
{
    if (!m)
        return;
    free(m->tab);
    free(m);
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

uint64_t mct_site_hash(const mc_meta *hint)
{
    const char *s;
    size_t n;
    uint64_t h = 14695981039346656037ull;

    if (!hint)
        return 0;
    if (hint->source && hint->source[0]) {
        s = hint->source;
        n = strlen(s);
    } else if (hint->url && hint->url[0]) {
        const char *p = strstr(hint->url, "://");
        s = p ? p + 3 : hint->url;
        n = strcspn(s, "/?#");
        /* leave out user info and port; fold "www." */
        {
            const char *at = memchr(s, '@', n);
            if (at) {
                n -= (size_t)(at + 1 - s);
                s = at + 1;
            }
        }
        {
            const char *colon = memchr(s, ':', n);
            if (colon)
                n = (size_t)(colon - s);
        }
        if (n > 4 && strncmp(s, "www.", 4) == 0) {
            s += 4;
            n -= 4;
        }
    } else {
        return 0;
    }
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * 1099511628211ull;
    }
    h = mix64(h);
    return h ? h : 1;
}

void mct_sitemem_page(mc_sitemem *m)
{
    m->page++;
    if (m->page == 0) { /* wrapped: forget everything rather than confuse */
        memset(m->tab, 0, (size_t)SM_SETS * SM_WAYS * sizeof *m->tab);
        m->page = 1;
    }
}

unsigned mct_sitemem_visit(mc_sitemem *m, uint64_t site, uint64_t key)
{
    uint64_t k = mix64(site ^ mix64(key));
    sm_entry *set;
    sm_entry *victim = NULL;
    uint32_t vscore = UINT32_MAX;

    if (k == 0)
        k = 1;
    set = m->tab + (size_t)(k & (SM_SETS - 1)) * SM_WAYS;
    for (int w = 0; w < SM_WAYS; w++) {
        sm_entry *en = &set[w];
        uint32_t score;
        if (en->key == k) {
            unsigned earlier = en->count;
            if (en->page == m->page) {
                earlier = en->count - 1;
            } else {
                if (en->count < UINT32_MAX)
                    en->count++;
                en->page = m->page;
            }
            return earlier;
        }
        if (en->key == 0)
            score = 0;
        else if (m->page - en->page > SM_STALE)
            score = 0;
        else
            score = en->count;
        if (score < vscore) {
            vscore = score;
            victim = en;
        }
    }
    victim->key = k;
    victim->count = 1;
    victim->page = m->page;
    return 0;
}
