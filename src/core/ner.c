/*
 * ner.c - the entity tagger: model image checking, per-sentence scoring
 * and decoding, and mention finding in running text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "facts_internal.h"
#include "internal.h"
#include "ner_internal.h"

/* Longest sentence decoded at once; a longer one is cut. */
#define MAX_SENT 400
/* Words whose feature weights are kept, summed per offset: a direct-
 * mapped cache, since news text repeats its words. */
#define WCACHE_BITS 13

/*
 * Religious formulas said after a name ("صلى الله عليه وسلم", "رضي الله
 * عنه", ...).  A formula ends the name before it and is never part of a
 * longer name; a word of it may still be a one-word name of its own.
 * After a formula's first words, the words of FORMULA_TAIL that follow
 * belong to it too.  A title of the Prophet just before a formula
 * (FORMULA_LEAD) does not continue the name before it either.
 */
#define FORMULA_WORDS 4
static const char *const FORMULAS[][FORMULA_WORDS] = {
    {"صلى", "الله"},           {"رضي", "الله", "عنه"},
    {"رضي", "الله", "عنها"},   {"رضي", "الله", "عنهم"},
    {"رضي", "الله", "عنهما"},  {"رحمه", "الله"},
    {"رحمها", "الله"},         {"رحمهم", "الله"},
    {"عليه", "السلام"},        {"عليها", "السلام"},
    {"عليهم", "السلام"},       {"عليه", "الصلاة", "والسلام"},
    {"سبحانه", "وتعالى"},      {"تعالى"},
    {"جل", "جلاله"},           {"عز", "وجل"},
};
#define NFORMULAS (sizeof FORMULAS / sizeof *FORMULAS)
static const char *const FORMULA_TAIL[] = {"عليه", "وسلم", "وآله",
                                           "وصحبه"};
#define NTAIL (sizeof FORMULA_TAIL / sizeof *FORMULA_TAIL)
/* keys (clitics removed): one word, or "رسول" followed by "الله" */
static const char *const FORMULA_LEAD[] = {"النبي", "الرسول", "رسول"};
#define NLEAD (sizeof FORMULA_LEAD / sizeof *FORMULA_LEAD)

/*
 * Honorifics written right before a person's name (الدكتور الخضر لصور).
 * A name after one that the model leaves untagged, because its words
 * look like common words, is taken as a person's, when it cannot be
 * something else: a word with no proclitic and no article, or a word
 * with the article followed by one more word without it and then by no
 * content word (not a title of its own, not an adjective of relation:
 * المستشار الألماني).  Keys (clitics removed).
 */
static const char *const HONORIFICS[] = {
    "الدكتور", "الدكتورة", "المهندس", "المهندسة", "الأستاذ", "الأستاذة",
    "اللواء",  "العقيد",   "المقدم",  "الكابتن",
    "الشيخ",   "الشيخة",   "السيد",   "السيدة",   "الحاج",   "الحاجة",
    "العميد",  "الرائد",   "النقيب",  "الأمير",   "الأميرة", "الإمام",
};
#define NHONOR (sizeof HONORIFICS / sizeof *HONORIFICS)
/* The first NHONOR_CLOSED never go on a name begun before them: a name
 * stops at them ("اللجنة الأولمبية السعودية الأستاذ تركي آل الشيخ" holds an
 * organization and then a person).  The others are also family names
 * (طارق السيد، محمد الحاج) or in names of places (مستشفى الشيخ خليفة);
 * the ANERcorp training split has none of the first inside a name. */
#define NHONOR_CLOSED 10

/*
 * Month names (mf_month_names) are no names in a date: "5 نيسان" or
 * "نيسان 2024", "شهر جوان", "أبريل (نيسان)".  نيسان is also a maker of
 * cars, جوان a given name and مارس a verb, so a month name is only kept
 * out of names with a number or شهر before it, a number after it, or
 * another month name beside it across a bracket or a slash.  After the
 * head of a name of a place or an organization, or after one of
 * DATE_HEADS, the month (with a number before it) may be part of a name:
 * "مدينة 6 أكتوبر", "حرب يونيو 1967", "ثورة 25 يناير".  Of the 254 month
 * names so placed in the ANERcorp training split, 252 are outside names;
 * of the other two, one is in that city's name (where the rule leaves
 * it) and one is "ابريل / نيسان عام 1936" with نيسان tagged as an
 * organization.
 */
#define MAX_MONTHS 48
static const char *const DATE_HEADS[] = {"ثورة", "انتفاضة", "حرب", "حركة"};
#define NDATE_HEADS (sizeof DATE_HEADS / sizeof *DATE_HEADS)

struct formulas {
    uint64_t word[NFORMULAS][FORMULA_WORDS]; /* normalized-word hashes */
    size_t len[NFORMULAS];
    uint64_t tail[NTAIL];
    uint64_t lead[NLEAD]; /* key hashes */
    uint64_t god;         /* key hash of الله */
    uint64_t honor[NHONOR]; /* key hashes */
    uint64_t month[MAX_MONTHS]; /* key hashes */
    size_t nmonth;
    uint64_t shahr; /* key hash of شهر */
    uint64_t date_head[NDATE_HEADS];
};

struct wcache {
    uint64_t id; /* mn_word.id, 0 for an empty slot */
    float e[5][MN_NTAGS];
};

/* Scratch for one word's strings (see mn_text_from_token). */
#define TEXT_BUF MN_TEXT_BUF

struct marsad_ner {
    marsad_allocator al;
    marsad_analyzer *an;
    mn_lex lex;
    mn_table feat;
    const float *trans;
    const float *weights;
    uint64_t nrows;
    struct wcache *wc;
    mn_hist *hist;
    struct formulas fm;
    /* the sentence being collected */
    mn_word words[MAX_SENT];
    size_t start[MAX_SENT], base[MAX_SENT], end[MAX_SENT];
    size_t whole[MAX_SENT];     /* mn_whole_span's start ... */
    size_t whole_end[MAX_SENT]; /* ... and end; 0: the word has none */
    size_t n;
    size_t sentence;
    float emit[MAX_SENT * MN_NTAGS];
    unsigned char back[MAX_SENT * MN_NTAGS];
    unsigned char lim[MAX_SENT];  /* MN_LIM_* bits per word */
    unsigned char raw[MAX_SENT];  /* model tags */
    unsigned char tags[MAX_SENT]; /* the same as BIO codes */
    char buf[TEXT_BUF];
    /* marsad_ner_find's text and callback */
    const char *text;
    marsad_entity_fn fn;
    void *ud;
};

const char *marsad_entity_type_name(int type)
{
    switch (type) {
    case MARSAD_ENTITY_PER:
        return "PER";
    case MARSAD_ENTITY_LOC:
        return "LOC";
    case MARSAD_ENTITY_ORG:
        return "ORG";
    case MARSAD_ENTITY_MISC:
        return "MISC";
    default:
        return "?";
    }
}

int marsad_entity_type_parse(const char *name)
{
    if (!name)
        return 0;
    if (!strcasecmp(name, "PER") || !strcasecmp(name, "PERS") ||
        !strcasecmp(name, "PERSON"))
        return MARSAD_ENTITY_PER;
    if (!strcasecmp(name, "LOC") || !strcasecmp(name, "LOCATION"))
        return MARSAD_ENTITY_LOC;
    if (!strcasecmp(name, "ORG") || !strcasecmp(name, "ORGANIZATION"))
        return MARSAD_ENTITY_ORG;
    if (!strcasecmp(name, "MISC"))
        return MARSAD_ENTITY_MISC;
    return 0;
}

const char *marsad_ner_tag_name(int tag)
{
    static const char *const names[9] = {
        "O",     "B-PERS", "I-PERS", "B-LOC", "I-LOC",
        "B-ORG", "I-ORG",  "B-MISC", "I-MISC"};
    return tag >= 0 && tag < 9 ? names[tag] : "?";
}

/*
 * Checks one table of the image: its slot count is a power of two, it
 * has an empty slot (so that a lookup ends), and every value is below
 * limit (when limit is not 0).
 */
static int check_table(const mn_slot *s, uint64_t count, uint64_t limit)
{
    uint64_t empty = 0;
    if (count == 0)
        return 1;
    if (count & (count - 1))
        return 0;
    for (uint64_t i = 0; i < count; i++) {
        if (s[i].key == 0)
            empty++;
        else if (limit && s[i].val >= limit)
            return 0;
    }
    return empty > 0;
}

static int load(marsad_ner *ner, const void *model, size_t len)
{
    const unsigned char *p = model;
    mn_header h;
    uint64_t off = sizeof h, need;

    if (!model || ((uintptr_t)model & 7) || len < sizeof h)
        return 0;
    memcpy(&h, p, sizeof h);
    if (memcmp(h.magic, MN_MAGIC, sizeof h.magic) != 0 ||
        h.version != MN_VERSION || h.ntags != MN_NTAGS)
        return 0;
    /* Every count is bounded by the file size, so the sums below cannot
     * overflow. */
    if (h.nclusters > len / sizeof(mn_slot) || h.ngaz > len / sizeof(mn_slot) ||
        h.nstats > len / sizeof(mn_slot) || h.nfeat > len / sizeof(mn_slot) ||
        h.nrows > len / sizeof(float))
        return 0;
    need = off +
           (h.nclusters + h.ngaz + h.nstats + h.nfeat) * sizeof(mn_slot) +
           (MN_NTAGS + 1) * MN_NTAGS * sizeof(float) +
           h.nrows * MN_NTAGS * sizeof(float);
    if (need != len)
        return 0;
    ner->lex.clusters.slots = h.nclusters ? (const mn_slot *)(p + off) : NULL;
    ner->lex.clusters.mask = h.nclusters ? h.nclusters - 1 : 0;
    off += h.nclusters * sizeof(mn_slot);
    ner->lex.gaz.slots = h.ngaz ? (const mn_slot *)(p + off) : NULL;
    ner->lex.gaz.mask = h.ngaz ? h.ngaz - 1 : 0;
    off += h.ngaz * sizeof(mn_slot);
    ner->lex.stats.slots = h.nstats ? (const mn_slot *)(p + off) : NULL;
    ner->lex.stats.mask = h.nstats ? h.nstats - 1 : 0;
    off += h.nstats * sizeof(mn_slot);
    ner->feat.slots = h.nfeat ? (const mn_slot *)(p + off) : NULL;
    ner->feat.mask = h.nfeat ? h.nfeat - 1 : 0;
    off += h.nfeat * sizeof(mn_slot);
    ner->trans = (const float *)(p + off);
    off += (MN_NTAGS + 1) * MN_NTAGS * sizeof(float);
    ner->weights = (const float *)(p + off);
    ner->nrows = h.nrows;
    return check_table(ner->lex.clusters.slots, h.nclusters, 0) &&
           check_table(ner->lex.gaz.slots, h.ngaz, 0) &&
           check_table(ner->lex.stats.slots, h.nstats, 0) &&
           check_table(ner->feat.slots, h.nfeat, h.nrows);
}

/* The hash of attribute a of word s, as the tagger computes it. */
static int word_hash(marsad_ner *ner, const char *s, int a, uint64_t *h)
{
    const char *w[1] = {s};
    size_t len[1] = {strlen(s)};
    if (mn_prepare(ner->an, &ner->lex, w, len, 1, &ner->words[0], ner->buf))
        return 0;
    *h = ner->words[0].a[a];
    return 1;
}

static int formulas_init(marsad_ner *ner)
{
    struct formulas *f = &ner->fm;
    for (size_t i = 0; i < NFORMULAS; i++) {
        size_t k = 0;
        while (k < FORMULA_WORDS && FORMULAS[i][k]) {
            if (!word_hash(ner, FORMULAS[i][k], MN_A_NORM, &f->word[i][k]))
                return 0;
            k++;
        }
        f->len[i] = k;
    }
    for (size_t i = 0; i < NTAIL; i++)
        if (!word_hash(ner, FORMULA_TAIL[i], MN_A_NORM, &f->tail[i]))
            return 0;
    for (size_t i = 0; i < NLEAD; i++)
        if (!word_hash(ner, FORMULA_LEAD[i], MN_A_KEY, &f->lead[i]))
            return 0;
    for (size_t i = 0; i < NHONOR; i++)
        if (!word_hash(ner, HONORIFICS[i], MN_A_KEY, &f->honor[i]))
            return 0;
    {
        const char *m[MAX_MONTHS];
        f->nmonth = mf_month_names(m, MAX_MONTHS);
        for (size_t i = 0; i < f->nmonth; i++)
            if (!word_hash(ner, m[i], MN_A_KEY, &f->month[i]))
                return 0;
    }
    for (size_t i = 0; i < NDATE_HEADS; i++)
        if (!word_hash(ner, DATE_HEADS[i], MN_A_KEY, &f->date_head[i]))
            return 0;
    return word_hash(ner, "شهر", MN_A_KEY, &f->shahr) &&
           word_hash(ner, "الله", MN_A_KEY, &f->god);
}

/* The length of the formula that starts at word i of w[0..n), or 0. */
static size_t formula_at(const struct formulas *f, const mn_word *w,
                         size_t n, size_t i)
{
    size_t best = 0;
    for (size_t k = 0; k < NFORMULAS; k++) {
        size_t j = 0;
        while (j < f->len[k] && i + j < n &&
               w[i + j].a[MN_A_NORM] == f->word[k][j])
            j++;
        if (j == f->len[k] && j > best)
            best = j;
    }
    if (best == 0)
        return 0;
    for (;;) {
        size_t t = 0;
        while (i + best < n && t < NTAIL &&
               w[i + best].a[MN_A_NORM] != f->tail[t])
            t++;
        if (i + best >= n || t == NTAIL)
            return best;
        best++;
    }
}

static int is_lead(const struct formulas *f, uint64_t key)
{
    for (size_t k = 0; k < NLEAD; k++)
        if (key == f->lead[k])
            return 1;
    return 0;
}

/* Marks the formulas of w[0..n) in lim, and the titles before them. */
static void limit_formulas(const struct formulas *f, const mn_word *w,
                           size_t n, unsigned char *lim)
{
    for (size_t i = 0; i < n;) {
        size_t m = formula_at(f, w, n, i), j = i;
        if (m == 0) {
            i++;
            continue;
        }
        for (size_t k = i; k < i + m; k++)
            lim[k] |= MN_LIM_INSIDE | MN_LIM_BEGIN;
        /* an opening bracket or other mark just before it */
        if (j > 0 && !w[j - 1].arabic && !w[j - 1].content) {
            j--;
            lim[j] |= MN_LIM_INSIDE;
        }
        if (j > 0 && is_lead(f, w[j - 1].keyh))
            lim[j - 1] |= MN_LIM_INSIDE;
        else if (j > 1 && w[j - 1].keyh == f->god &&
                 is_lead(f, w[j - 2].keyh))
            lim[j - 2] |= MN_LIM_INSIDE;
        i += m;
    }
}

/* An Arabic word whose base is a month name. */
static int is_month(const struct formulas *f, const mn_word *w)
{
    for (size_t k = 0; k < f->nmonth; k++)
        if (w->keyh == f->month[k])
            return w->arabic;
    return 0;
}

/* A word after which a date may be part of a name (DATE_HEADS). */
static int date_head(const struct formulas *f, const mn_word *w)
{
    if (w->gz & (MN_GZ_LOCKEY | MN_GZ_ORGKEY))
        return 1;
    for (size_t k = 0; k < NDATE_HEADS; k++)
        if (w->keyh == f->date_head[k])
            return 1;
    return 0;
}

/* Marks the month names of w[0..n) that stand in a date as outside any
 * name (see DATE_HEADS). */
static void limit_months(const struct formulas *f, const mn_word *w,
                         size_t n, unsigned char *lim)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_month(f, &w[i]) || (i > 0 && date_head(f, &w[i - 1])) ||
            (i > 1 && w[i - 1].number && date_head(f, &w[i - 2])))
            continue;
        if ((i > 0 && (w[i - 1].number || w[i - 1].keyh == f->shahr)) ||
            (i + 1 < n && w[i + 1].number) ||
            (i > 1 && w[i - 1].punct &&
             (is_month(f, &w[i - 2]) || (i > 2 && is_month(f, &w[i - 3])))) ||
            (i + 2 < n && w[i + 1].punct && is_month(f, &w[i + 2])))
            lim[i] |= MN_LIM_OUT;
    }
}

/* 1 + the index in HONORIFICS of the word with this key, or 0. */
static size_t honorific_rank(const struct formulas *f, uint64_t key)
{
    for (size_t k = 0; k < NHONOR; k++)
        if (key == f->honor[k])
            return k + 1;
    return 0;
}

/* A word that may be part of a person's name after an honorific: an
 * Arabic content word, not a title and not a proclitic's host. */
static int bare_word(const mn_word *w)
{
    return w->arabic && w->content && !w->clitic &&
           !(w->gz & MN_GZ_TITLE) && !((w->span >> 8) & 3);
}

/* A word the corpus counts show often (100 times or more) and seldom
 * (under 5 %) inside a person's name. */
static int common_word(const mn_word *w)
{
    return (w->lx >> 12) >= 3 && (w->lx & 7u) <= 1;
}

/* Marks the honorifics that never continue a name (NHONOR_CLOSED). */
static void limit_honorific_inside(const struct formulas *f,
                                   const mn_word *w, size_t n,
                                   unsigned char *lim)
{
    for (size_t i = 0; i < n; i++) {
        size_t r = honorific_rank(f, w[i].keyh);
        if (r && r <= NHONOR_CLOSED)
            lim[i] |= MN_LIM_INSIDE;
    }
}

/* Sets MN_LIM_PERSON on the word after each honorific that tags[] (model
 * tags) leave outside any name and that must begin a person's name (see
 * HONORIFICS); returns how many it set. */
static size_t limit_honorifics(const struct formulas *f, const mn_word *w,
                               size_t n, const unsigned char *tags,
                               unsigned char *lim)
{
    size_t set = 0;
    for (size_t i = 1; i < n; i++) {
        if (tags[i] != 0 ||
            (lim[i] & (MN_LIM_INSIDE | MN_LIM_BEGIN | MN_LIM_OUT)) ||
            !bare_word(&w[i]) || common_word(&w[i]) ||
            !honorific_rank(f, w[i - 1].keyh))
            continue;
        /* اللواء متقاعد عبد الله: the name the model found comes next */
        if (i + 1 < n && tags[i + 1] != 0)
            continue;
        if (w[i].article) {
            /* الدكتور الخضر لصور عن: the two words together, and then no
             * more content words */
            if (w[i].nisba || i + 1 >= n ||
                (lim[i + 1] & (MN_LIM_INSIDE | MN_LIM_BEGIN | MN_LIM_OUT)) ||
                !w[i + 1].arabic || !w[i + 1].content ||
                w[i + 1].article || (w[i + 1].gz & MN_GZ_TITLE) ||
                (i + 2 < n && w[i + 2].content))
                continue;
            lim[i + 1] |= MN_LIM_PERSON_ON;
        }
        lim[i] |= MN_LIM_PERSON;
        set++;
    }
    return set;
}

marsad_ner *marsad_ner_new(const void *model, size_t len,
                           const marsad_allocator *alloc, int *err)
{
    marsad_allocator al;
    marsad_ner *ner;
    mn_lex lex;
    int e = MARSAD_OK;

    if (!marsadi_allocator(alloc, &al)) {
        if (err)
            *err = MARSAD_EINVAL;
        return NULL;
    }
    ner = al.malloc(al.ud, sizeof *ner);
    if (!ner) {
        if (err)
            *err = MARSAD_ENOMEM;
        return NULL;
    }
    memset(ner, 0, offsetof(marsad_ner, words));
    ner->al = al;
    mn_lex_init(&lex);
    ner->lex = lex;
    if (!load(ner, model, len)) {
        al.free(al.ud, ner);
        if (err)
            *err = MARSAD_EINVAL;
        return NULL;
    }
    ner->wc = al.malloc(al.ud, sizeof *ner->wc << WCACHE_BITS);
    if (!ner->wc) {
        al.free(al.ud, ner);
        if (err)
            *err = MARSAD_ENOMEM;
        return NULL;
    }
    for (size_t i = 0; i < (size_t)1 << WCACHE_BITS; i++)
        ner->wc[i].id = 0;
    ner->hist = mn_hist_new(&ner->al);
    if (!ner->hist) {
        al.free(al.ud, ner->wc);
        al.free(al.ud, ner);
        if (err)
            *err = MARSAD_ENOMEM;
        return NULL;
    }
    ner->an = marsad_analyzer_new(NULL, alloc, &e);
    if (!ner->an) {
        mn_hist_free(ner->hist, &ner->al);
        al.free(al.ud, ner->wc);
        al.free(al.ud, ner);
        if (err)
            *err = e;
        return NULL;
    }
    if (!formulas_init(ner)) {
        marsad_ner_free(ner);
        if (err)
            *err = MARSAD_ENOMEM;
        return NULL;
    }
    return ner;
}

void marsad_ner_free(marsad_ner *ner)
{
    if (!ner)
        return;
    marsad_analyzer_free(ner->an);
    mn_hist_free(ner->hist, &ner->al);
    ner->al.free(ner->al.ud, ner->wc);
    ner->al.free(ner->al.ud, ner);
}

/* Adds the weights of features f[0..k) to e. */
static void add_rows(const marsad_ner *ner, const uint64_t *f, size_t k,
                     float *e)
{
    for (size_t j = 0; j < k; j++) {
        uint32_t row;
        if (mn_table_get(&ner->feat, f[j], &row)) {
            const float *w = &ner->weights[(size_t)row * MN_NTAGS];
            for (int g = 0; g < MN_NTAGS; g++)
                e[g] += w[g];
        }
    }
}

/* The summed weights of word o's word features at each offset. */
static const struct wcache *word_scores(marsad_ner *ner, const mn_word *o)
{
    struct wcache *c = &ner->wc[o->id & (((uint64_t)1 << WCACHE_BITS) - 1)];
    uint64_t f[MN_MAXFEAT];
    if (c->id == o->id)
        return c;
    for (int off = -2; off <= 2; off++) {
        size_t k = mn_word_features(o, off, f);
        memset(c->e[off + 2], 0, sizeof c->e[0]);
        add_rows(ner, f, k, c->e[off + 2]);
    }
    c->id = o->id;
    return c;
}

/*
 * A name the model found inside a longer place or organization name of
 * another type that the gazetteer lists (mn_spans) is that longer name:
 * "السويس" tagged as an organization in "قناة السويس", a place; "باريس"
 * as a place in "باريس سان جيرمان" or "المغرب" in "المغرب الفاسي",
 * clubs; "فلاي" in "فلاي دبي".  The listed name replaces the model's
 * when every name the model found over its words lies inside it, none
 * has its type, they do not already cover it as one name, and no word
 * the model left out is in a date or heads names of another kind: the
 * training annotation leaves the head out of "منتخب مصر", "بورصة لندن",
 * "حركة تحرير السودان" and tags the place alone, so an organization
 * head (or, for an organization, a place head) is not added.  قناة
 * heads both (a channel, a canal).  Other names (events, cups) are left
 * as the model found them: the annotation tags "أوروبا" alone in
 * "دوري أبطال أوروبا".
 */
static void widen_to_listed(const mn_word *w, size_t n,
                            const unsigned char *lim, unsigned char *raw)
{
    static const struct {
        unsigned span; /* mn_spans type */
        int type;
        uint32_t heads; /* a word left out may not be only such a head */
    } to[2] = {{0, MARSAD_ENTITY_LOC, MN_GZ_ORGKEY},
               {2, MARSAD_ENTITY_ORG, MN_GZ_ORGKEY | MN_GZ_LOCKEY}};
    for (unsigned k = 0; k < 2; k++) {
        int u = to[k].type;
        for (size_t a = 0; a < n; a++) {
            size_t b = a + 1;
            int found = 0, ok = 1, same;
            if (((w[a].span >> (2 * to[k].span)) & 3) != 1)
                continue;
            while (b < n && ((w[b].span >> (2 * to[k].span)) & 3) == 2)
                b++;
            for (size_t i = a; i < b && ok; i++) {
                int g = raw[i];
                uint32_t h = w[i].gz & (MN_GZ_ORGKEY | MN_GZ_LOCKEY);
                if (lim[i] & MN_LIM_OUT)
                    ok = 0;
                else if (!g)
                    ok = !(h & to[k].heads) || (h & ~to[k].heads);
                else if (MN_TYPE(g) == u ||
                         (i == a && MN_POS(g) != MN_B && MN_POS(g) != MN_U) ||
                         (i + 1 == b && MN_POS(g) != MN_L &&
                          MN_POS(g) != MN_U))
                    ok = 0;
                found |= g != 0;
            }
            /* one name over exactly these words: the model's type stays */
            same = raw[a] != 0 && MN_POS(raw[a]) == MN_B;
            for (size_t i = a + 1; same && i < b; i++)
                same = raw[i] != 0 &&
                       MN_POS(raw[i]) == (i + 1 < b ? MN_I : MN_L);
            if (!found || !ok || same)
                continue;
            raw[a] = (unsigned char)MN_TAG(u, MN_B);
            for (size_t i = a + 1; i + 1 < b; i++)
                raw[i] = (unsigned char)MN_TAG(u, MN_I);
            raw[b - 1] = (unsigned char)MN_TAG(u, MN_L);
            a = b - 1;
        }
    }
}

/* Scores and decodes words[0..n) into tags[]. */
static void decode(marsad_ner *ner, size_t n)
{
    uint64_t f[MN_MAXFEAT];

    mn_spans(ner->words, n, &ner->lex);
    mn_hist_mark(ner->hist, ner->words, n);
    for (size_t i = 0; i < n; i++) {
        float *e = &ner->emit[i * MN_NTAGS];
        size_t k = mn_context_features(&ner->lex, ner->words, n, i, f);
        memset(e, 0, MN_NTAGS * sizeof *e);
        add_rows(ner, f, k, e);
        for (int off = -2; off <= 2; off++) {
            const struct wcache *c =
                word_scores(ner, mn_at(&ner->lex, ner->words, n, i, off));
            for (int g = 0; g < MN_NTAGS; g++)
                e[g] += c->e[off + 2][g];
        }
    }
    memset(ner->lim, 0, n);
    mn_limit_adjoin(ner->words, n, ner->lim);
    limit_formulas(&ner->fm, ner->words, n, ner->lim);
    limit_honorific_inside(&ner->fm, ner->words, n, ner->lim);
    limit_months(&ner->fm, ner->words, n, ner->lim);
    mn_viterbi(ner->emit, n, ner->trans, ner->lim, ner->back, ner->raw);
    if (limit_honorifics(&ner->fm, ner->words, n, ner->raw, ner->lim))
        mn_viterbi(ner->emit, n, ner->trans, ner->lim, ner->back,
                   ner->raw);
    widen_to_listed(ner->words, n, ner->lim, ner->raw);
    mn_to_bio(ner->raw, n, ner->tags);
    mn_hist_add(ner->hist, &ner->al, ner->words, ner->raw, n);
}

/* ---------------------------------------------------- pre-tokenized words */

int marsad_ner_tag(marsad_ner *ner, const char *const *words,
                   const size_t *lens, size_t n, int *tags)
{
    size_t done = 0;
    while (done < n) {
        size_t m = n - done < MAX_SENT ? n - done : MAX_SENT;
        int rc = mn_prepare(ner->an, &ner->lex, words + done, lens + done, m,
                            ner->words, ner->buf);
        if (rc)
            return rc;
        decode(ner, m);
        for (size_t i = 0; i < m; i++)
            tags[done + i] = ner->tags[i];
        done += m;
    }
    return MARSAD_OK;
}

/* ---------------------------------------------------------- running text */

/* The gazetteer bit of entity type t. */
static uint32_t gz_bit(int t)
{
    switch (t) {
    case MARSAD_ENTITY_PER:
        return MN_GZ_PER;
    case MARSAD_ENTITY_LOC:
        return MN_GZ_LOC;
    case MARSAD_ENTITY_ORG:
        return MN_GZ_ORG;
    default:
        return MN_GZ_MISC;
    }
}

/* Whether the name of type t over words [i, j) is written with its first
 * word whole from byte from on (see MN_GZ_WHOLE): the gazetteer lists the
 * name so with type t, or, for a person, the whole first word as a given
 * name. */
static int whole_listed(const marsad_ner *ner, size_t from, size_t i,
                        size_t j, int t)
{
    uint64_t h = mn_whole_hash(ner->text, from, ner->whole_end[i]);
    uint64_t seq;
    uint32_t v;
    if (!h)
        return 0;
    seq = mn_seq(0, h);
    if (t == MARSAD_ENTITY_PER && mn_table_get(&ner->lex.gaz, seq, &v) &&
        (v & MN_GZ_WHOLE) && ((v >> MN_GZ_WHOLE_SHIFT) & MN_GZ_FIRST))
        return 1;
    for (size_t k = i + 1; k < j; k++)
        seq = mn_seq(seq, ner->words[k].keyh);
    return mn_table_get(&ner->lex.gaz, seq, &v) && (v & MN_GZ_WHOLE) &&
           ((v >> MN_GZ_WHOLE_SHIFT) & gz_bit(t));
}

/* Where the name of type t over words [i, j) begins: after the
 * proclitics of its first word, unless the gazetteer lists the name
 * written with them (بلير، "بان كي مون", فورد; see MN_GZ_WHOLE).  A
 * first ف may be the conjunction before such a name (فبلير). */
static size_t name_start(const marsad_ner *ner, size_t i, size_t j, int t)
{
    size_t from = ner->whole[i];
    if (!ner->whole_end[i])
        return ner->base[i];
    if (whole_listed(ner, from, i, j, t))
        return from;
    /* ف is D9 81 in UTF-8 */
    if (from + 2 < ner->base[i] && (unsigned char)ner->text[from] == 0xD9 &&
        (unsigned char)ner->text[from + 1] == 0x81 &&
        whole_listed(ner, from + 2, i, j, t))
        return from + 2;
    return ner->base[i];
}

/* Reports the entities of the collected sentence and empties it. */
static int flush(marsad_ner *ner)
{
    size_t n = ner->n;
    int rc = 0;

    if (n == 0)
        return 0;
    decode(ner, n);
    ner->n = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        int g = ner->tags[i];
        marsad_entity e;
        size_t j;
        if (g == 0 || MN_BIO_IS_I(g)) {
            /* Decoding never yields I without B; skip defensively. */
            i++;
            continue;
        }
        j = i + 1;
        while (j < n && ner->tags[j] == 2 * MN_BIO_TYPE(g))
            j++;
        /* a name has at least one content word (not only punctuation or
         * function words) */
        size_t k = i;
        while (k < j && !ner->words[k].content)
            k++;
        if (k == j) {
            i = j;
            continue;
        }
        e.type = MN_BIO_TYPE(g);
        e.start = name_start(ner, i, j, e.type);
        e.end = ner->end[j - 1];
        e.sentence = ner->sentence;
        e.words = j - i;
        rc = ner->fn(ner->ud, &e);
        i = j;
    }
    return rc;
}

struct find_walk {
    marsad_ner *ner;
    const char *s;
    size_t sentence; /* analyzer sentence of the collected words */
};

static int on_text_token(void *ud, const marsad_token *tok)
{
    struct find_walk *w = ud;
    marsad_ner *ner = w->ner;
    mn_text t;
    int rc;

    if ((tok->sentence != w->sentence && ner->n > 0) || ner->n == MAX_SENT) {
        rc = flush(ner);
        if (rc)
            return rc;
        if (tok->sentence != w->sentence)
            ner->sentence++;
    }
    w->sentence = tok->sentence;
    /* the model reads an acronym as ANERcorp writes it: سي إن إن */
    if (tok->flags & MARSAD_TOKEN_INNER)
        return 0;
    mn_text_from_token(&t, w->s, tok, ner->buf);
    mn_word_init(&ner->words[ner->n], &ner->lex, &t);
    ner->start[ner->n] = tok->start;
    ner->end[ner->n] = tok->end;
    ner->base[ner->n] = tok->start;
    for (unsigned k = 0; k < tok->nseg; k++)
        if (tok->seg[k].kind == MARSAD_SEG_BASE) {
            ner->base[ner->n] = tok->seg[k].start;
            break;
        }
    ner->whole_end[ner->n] = 0;
    if (ner->base[ner->n] != tok->start)
        (void)mn_whole_span(w->s, tok, &ner->whole[ner->n],
                            &ner->whole_end[ner->n]);
    ner->n++;
    return 0;
}

void marsad_ner_reset(marsad_ner *ner)
{
    mn_hist_clear(ner->hist);
}

int marsad_ner_find(marsad_ner *ner, const char *text, size_t len,
                    marsad_entity_fn fn, void *ud)
{
    struct find_walk w;
    int rc;

    mn_hist_clear(ner->hist);
    w.ner = ner;
    w.s = text;
    w.sentence = 0;
    ner->text = text;
    ner->fn = fn;
    ner->ud = ud;
    ner->n = 0;
    ner->sentence = 0;
    marsad_analyzer_reset(ner->an);
    rc = marsad_analyze(ner->an, text, len, on_text_token, &w);
    if (rc == 0)
        rc = flush(ner);
    ner->n = 0;
    marsad_analyzer_reset(ner->an);
    return rc;
}
