/*
 * facts.c - the fact finder's handle: one analysis of the document into
 * an mf_doc, the three finders over it, overlaps settled, facts handed
 * back in order; and the date of a document guessed from its text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_internal.h"
#include "internal.h"

struct marsad_facts {
    marsad_allocator al;
    marsad_analyzer *an;
    /* the document */
    mf_tok *tok;
    size_t n, cap;
    char *arena; /* normalized forms; tokens hold offsets until done */
    size_t alen, acap;
    /* facts found */
    marsad_fact *facts;
    size_t nf, fcap;
    int oom;
};

struct sink {
    mf_sink base;
    marsad_facts *fx;
};

const char *marsad_fact_kind_name(int kind)
{
    switch (kind) {
    case MARSAD_FACT_NUMBER:
        return "number";
    case MARSAD_FACT_DATE:
        return "date";
    case MARSAD_FACT_QUOTE:
        return "quote";
    default:
        return "?";
    }
}

int marsad_fact_kind_parse(const char *name)
{
    if (!name)
        return 0;
    if (!strcmp(name, "number"))
        return MARSAD_FACT_NUMBER;
    if (!strcmp(name, "date"))
        return MARSAD_FACT_DATE;
    if (!strcmp(name, "quote"))
        return MARSAD_FACT_QUOTE;
    return 0;
}

const char *marsad_bound_name(int bound)
{
    switch (bound) {
    case MARSAD_BOUND_MORE:
        return "more";
    case MARSAD_BOUND_LESS:
        return "less";
    case MARSAD_BOUND_ATLEAST:
        return "at-least";
    case MARSAD_BOUND_ATMOST:
        return "at-most";
    default:
        return NULL;
    }
}

const char *marsad_granularity_name(int g)
{
    switch (g) {
    case MARSAD_GRAN_DAY:
        return "day";
    case MARSAD_GRAN_MONTH:
        return "month";
    case MARSAD_GRAN_YEAR:
        return "year";
    case MARSAD_GRAN_DECADE:
        return "decade";
    case MARSAD_GRAN_CENTURY:
        return "century";
    default:
        return "?";
    }
}

static void put_year(char *buf, int y, int digits)
{
    if (y < 0 || y > 9999)
        sprintf(buf, "%+0*d", digits + 1, y);
    else
        sprintf(buf, "%0*d", digits, y);
}

char *marsad_fact_iso(const marsad_fact *f, char *buf)
{
    buf[0] = 0;
    if (!f || f->kind != MARSAD_FACT_DATE ||
        (f->flags & MARSAD_DATE_UNRESOLVED))
        return buf;
    switch (f->granularity) {
    case MARSAD_GRAN_DAY:
        put_year(buf, f->year, 4);
        sprintf(buf + strlen(buf), "-%02d-%02d", f->month % 100,
                f->day % 100);
        break;
    case MARSAD_GRAN_MONTH:
        put_year(buf, f->year, 4);
        sprintf(buf + strlen(buf), "-%02d", f->month % 100);
        break;
    case MARSAD_GRAN_YEAR:
        put_year(buf, f->year, 4);
        break;
    case MARSAD_GRAN_DECADE:
        if (f->year >= 0 && f->year <= 9999)
            sprintf(buf, "%03d", f->year / 10);
        break;
    case MARSAD_GRAN_CENTURY:
        if (f->year >= 0 && f->year <= 9999)
            sprintf(buf, "%02d", f->year / 100);
        break;
    default:
        break;
    }
    return buf;
}

/* ------------------------------------------------------------ helpers */

int mf_base_is(const mf_tok *t, const char *w)
{
    return strcmp(t->base, w) == 0;
}

int mf_norm_is(const mf_tok *t, const char *w)
{
    return strcmp(t->norm, w) == 0;
}

int mf_base_in(const mf_tok *t, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(t->base, list[i]) == 0)
            return i;
    return -1;
}

/* Howard Hinnant's civil calendar algorithms, proleptic Gregorian. */
long mf_days_from_civil(int y, int m, int d)
{
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void mf_civil_from_days(long z, int *y, int *m, int *d)
{
    long era, doe, yoe, doy, mp, yy;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* ------------------------------------------------------------ handle */

marsad_facts *marsad_facts_new(const marsad_allocator *alloc, int *err)
{
    marsad_allocator al;
    marsad_options opt;
    marsad_facts *fx;
    int e = MARSAD_ENOMEM;

    if (!marsadi_allocator(alloc, &al)) {
        if (err)
            *err = MARSAD_EINVAL;
        return NULL;
    }
    fx = al.malloc(al.ud, sizeof *fx);
    if (!fx) {
        if (err)
            *err = MARSAD_ENOMEM;
        return NULL;
    }
    memset(fx, 0, sizeof *fx);
    fx->al = al;
    marsad_options_init(&opt);
    opt.folds = MARSAD_PROFILE_SEARCH;
    opt.analyses = MARSAD_ANALYZE_SEGMENT;
    fx->an = marsad_analyzer_new(&opt, &al, &e);
    if (!fx->an) {
        al.free(al.ud, fx);
        if (err)
            *err = e;
        return NULL;
    }
    return fx;
}

void marsad_facts_free(marsad_facts *fx)
{
    if (!fx)
        return;
    marsad_analyzer_free(fx->an);
    fx->al.free(fx->al.ud, fx->tok);
    fx->al.free(fx->al.ud, fx->arena);
    fx->al.free(fx->al.ud, fx->facts);
    fx->al.free(fx->al.ud, fx);
}

static int grow(marsad_facts *fx, void **p, size_t *cap, size_t need,
                size_t size)
{
    size_t nc;
    void *q;
    if (need <= *cap)
        return 0;
    nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    q = fx->al.realloc(fx->al.ud, *p, nc * size);
    if (!q)
        return MARSAD_ENOMEM;
    *p = q;
    *cap = nc;
    return 0;
}

/* Appends s[0..n) and a NUL to the arena; returns its offset. */
static int arena_put(marsad_facts *fx, const char *s, size_t n, size_t *off)
{
    void *p = fx->arena;
    if (grow(fx, &p, &fx->acap, fx->alen + n + 1, 1))
        return MARSAD_ENOMEM;
    fx->arena = p;
    memcpy(fx->arena + fx->alen, s, n);
    fx->arena[fx->alen + n] = 0;
    *off = fx->alen;
    fx->alen += n + 1;
    return 0;
}

struct walk {
    marsad_facts *fx;
    const char *s;
};

static unsigned pro_bit(const char *s, size_t n)
{
    /* s is one proclitic as written; its first letter tells which */
    uint32_t cp = 0;
    if (n == 0)
        return 0;
    marsad_utf8_decode(s, n, &cp);
    switch (cp) {
    case 0x0648:
        return MF_PRO_W;
    case 0x0641:
        return MF_PRO_F;
    case 0x0628:
        return MF_PRO_B;
    case 0x0643:
        return MF_PRO_K;
    case 0x0644:
        return MF_PRO_L;
    case 0x0633:
        return MF_PRO_S;
    default:
        return 0;
    }
}

static int on_token(void *ud, const marsad_token *tk)
{
    struct walk *w = ud;
    marsad_facts *fx = w->fx;
    mf_tok *t;
    void *p = fx->tok;
    size_t off, boff;
    char buf[512];
    size_t bn;

    if (grow(fx, &p, &fx->cap, fx->n + 1, sizeof *fx->tok))
        return MARSAD_ENOMEM;
    fx->tok = p;
    t = &fx->tok[fx->n];
    memset(t, 0, sizeof *t);
    t->start = tk->start;
    t->end = tk->end;
    t->base_start = tk->start;
    t->base_end = tk->end;
    t->type = tk->type;
    t->flags = tk->flags;
    t->sentence = tk->sentence;
    for (unsigned k = 0; k < tk->nseg; k++) {
        const marsad_segment *sg = &tk->seg[k];
        if (sg->kind == MARSAD_SEG_PROCLITIC)
            t->pro |= pro_bit(w->s + sg->start, sg->end - sg->start);
        else if (sg->kind == MARSAD_SEG_BASE) {
            t->base_start = sg->start;
            t->base_end = sg->end;
        } else
            t->enclitic = 1;
    }
    if (tk->start == 0) {
        t->space_before = t->newline_before = 1;
    } else {
        size_t j = tk->start;
        while (j > 0) {
            unsigned char c = (unsigned char)w->s[j - 1];
            if (c == '\n' || c == '\r') {
                t->space_before = t->newline_before = 1;
                break;
            }
            if (c == ' ' || c == '\t') {
                t->space_before = 1;
                j--;
                continue;
            }
            /* U+00A0 no-break space */
            if (c == 0xA0 && j >= 2 && (unsigned char)w->s[j - 2] == 0xC2) {
                t->space_before = 1;
                j -= 2;
                continue;
            }
            break;
        }
        if (j == 0)
            t->space_before = t->newline_before = 1;
    }
    if (arena_put(fx, tk->norm, tk->nnorm, &off))
        return MARSAD_ENOMEM;
    /* the base's normalized form: normalize the base bytes alone */
    bn = marsad_normalize(w->s + t->base_start, t->base_end - t->base_start,
                          MARSAD_PROFILE_SEARCH, buf, sizeof buf);
    if (bn >= sizeof buf) {
        if (arena_put(fx, tk->norm, tk->nnorm, &boff))
            return MARSAD_ENOMEM;
        bn = tk->nnorm;
    } else if (arena_put(fx, buf, bn, &boff))
        return MARSAD_ENOMEM;
    /* offsets for now; pointers once the arena stops moving */
    t->norm = (const char *)(uintptr_t)off;
    t->nnorm = tk->nnorm;
    t->base = (const char *)(uintptr_t)boff;
    t->nbase = bn;
    fx->n++;
    return 0;
}

static int sink_put(mf_sink *s, const marsad_fact *f)
{
    struct sink *k = (struct sink *)s;
    marsad_facts *fx = k->fx;
    void *p = fx->facts;
    if (grow(fx, &p, &fx->fcap, fx->nf + 1, sizeof *fx->facts))
        return MARSAD_ENOMEM;
    fx->facts = p;
    fx->facts[fx->nf++] = *f;
    return 0;
}

static int by_start(const void *a, const void *b)
{
    const marsad_fact *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1; /* longer first */
    return x->kind - y->kind;
}

/* Builds the token view of text; 0 or MARSAD_ENOMEM. */
static int analyze_doc(marsad_facts *fx, const char *text, size_t len,
                       mf_doc *d)
{
    struct walk w = {fx, text};
    int rc;

    fx->n = 0;
    fx->alen = 0;
    marsad_analyzer_reset(fx->an);
    rc = marsad_analyze(fx->an, text, len, on_token, &w);
    marsad_analyzer_reset(fx->an);
    if (rc)
        return rc;
    for (size_t i = 0; i < fx->n; i++) {
        fx->tok[i].norm = fx->arena + (uintptr_t)fx->tok[i].norm;
        fx->tok[i].base = fx->arena + (uintptr_t)fx->tok[i].base;
    }
    memset(d, 0, sizeof *d);
    d->text = text;
    d->len = len;
    d->tok = fx->tok;
    d->n = fx->n;
    return 0;
}

/*
 * Drops numbers that lie inside (or overlap) a date.  Facts are sorted by
 * start; a date that starts earlier overlaps a number when it ends after
 * the number starts (the largest such end is kept as the walk goes), and
 * one that starts later overlaps when it starts before the number ends.
 */
static void settle(marsad_facts *fx)
{
    size_t out = 0, date_end = 0;
    if (fx->nf > 1)
        qsort(fx->facts, fx->nf, sizeof *fx->facts, by_start);
    for (size_t i = 0; i < fx->nf; i++) {
        marsad_fact *f = &fx->facts[i];
        int drop = 0;
        if (f->kind == MARSAD_FACT_NUMBER) {
            drop = date_end > f->start;
            for (size_t j = i + 1;
                 !drop && j < fx->nf && fx->facts[j].start < f->end; j++)
                drop = fx->facts[j].kind == MARSAD_FACT_DATE;
        } else if (f->kind == MARSAD_FACT_DATE && f->end > date_end) {
            date_end = f->end;
        }
        if (!drop)
            fx->facts[out++] = *f;
    }
    fx->nf = out;
}

int marsad_facts_find(marsad_facts *fx, const char *text, size_t len,
                      const marsad_facts_doc *doc, marsad_fact_fn fn,
                      void *ud)
{
    struct sink k;
    mf_doc d;
    unsigned kinds = doc && doc->kinds ? doc->kinds : ~0u;
    int rc;

    rc = analyze_doc(fx, text, len, &d);
    if (rc)
        return rc;
    if (doc) {
        d.year = doc->year;
        d.month = doc->month;
        d.day = doc->day;
        if (d.year == 0 || d.month < 1 || d.month > 12 || d.day < 1 ||
            d.day > 31)
            d.year = d.month = d.day = 0;
        d.ents = doc->entities;
        d.nents = doc->entities ? doc->nentities : 0;
    }
    k.base.put = sink_put;
    k.fx = fx;
    fx->nf = 0;
    /* numbers are found whenever dates are, so that dates can win */
    if ((kinds & (1u << MARSAD_FACT_NUMBER)) ||
        (kinds & (1u << MARSAD_FACT_DATE)))
        rc = mf_numbers(&d, &k.base);
    if (!rc && (kinds & (1u << MARSAD_FACT_DATE)))
        rc = mf_dates(&d, &k.base);
    if (!rc && (kinds & (1u << MARSAD_FACT_QUOTE)))
        rc = mf_quotes(&d, &k.base);
    if (rc)
        return rc;
    settle(fx);
    for (size_t i = 0; i < fx->nf; i++) {
        if (!(kinds & (1u << fx->facts[i].kind)))
            continue;
        rc = fn(ud, &fx->facts[i]);
        if (rc)
            return rc;
    }
    return 0;
}

/* An absolute date of a whole day: the only kind that dates a text. */
static int full_date(const marsad_fact *f)
{
    return f->kind == MARSAD_FACT_DATE && f->granularity == MARSAD_GRAN_DAY &&
           !(f->flags & (MARSAD_DATE_RELATIVE | MARSAD_DATE_UNRESOLVED));
}

/*
 * The full dates of the text vote: the day given most often wins, a day
 * given in the first 200 bytes (a dateline) gets two more votes, and a
 * later day breaks a tie.  The confidence grows with the share of the
 * full dates that agree with the winner.
 */
double marsad_facts_guess_date(marsad_facts *fx, const char *text,
                               size_t len, int *year, int *month, int *day)
{
    struct sink k;
    mf_doc d;
    long best = 0, first_day = 0;
    size_t total = 0, votes = 0, first_at = (size_t)-1;
    double best_score = -1, conf;

    *year = *month = *day = 0;
    if (analyze_doc(fx, text, len, &d))
        return 0;
    k.base.put = sink_put;
    k.fx = fx;
    fx->nf = 0;
    if (mf_dates(&d, &k.base))
        return 0;
    /* the facts' array is reused: keep the days of the full dates */
    for (size_t i = 0; i < fx->nf; i++) {
        const marsad_fact *f = &fx->facts[i];
        if (!full_date(f))
            continue;
        fx->facts[total] = *f;
        fx->facts[total].value =
            (double)mf_days_from_civil(f->year, f->month, f->day);
        if (f->start < first_at) {
            first_at = f->start;
            first_day = (long)fx->facts[total].value;
        }
        total++;
    }
    if (total == 0)
        return 0;
    for (size_t i = 0; i < total; i++) {
        long dd = (long)fx->facts[i].value;
        size_t agree = 0;
        double score;
        for (size_t j = 0; j < total; j++)
            agree += (long)fx->facts[j].value == dd;
        score = (double)agree + (dd == first_day && first_at < 200 ? 2 : 0) +
                (double)dd * 1e-9;
        if (score > best_score) {
            best_score = score;
            best = dd;
            votes = agree;
        }
    }
    mf_civil_from_days(best, year, month, day);
    conf = 0.4 + 0.5 * (double)votes / (double)total;
    if (first_at < 200 && best == first_day)
        conf += 0.1;
    return conf > 1 ? 1 : conf;
}
