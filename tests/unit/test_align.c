/*
 * test_align.c - claims and the timeline of a story (src/story/align.c).
 * Each test builds a story from short articles, finds their facts with
 * marsad_facts_find and lines them up with ma_align: agreeing numbers
 * from two outlets, near-duplicates and one outlet counted once,
 * contradicting numbers, approximations, bounds and ranges that agree,
 * two values in one article, numbers of different things, small
 * numbers, ordinals and years, percentages, counted nouns with several
 * spellings, dates of one event at different granularities and in
 * contradiction, subjects named by a generic noun, the timeline's order,
 * merging and datelines, and hostile input: nothing, offsets out of
 * range, missing sources and texts.  Entity mentions are given by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "marsad.h"
#include "story/align.h"

/* ------------------------------------------------------------ helpers */

#define MAXA 8
#define MAXM 64
#define MAXF 128

typedef struct story {
    ma_article a[MAXA];
    size_t na;
    ma_mention m[MAXM];
    size_t nm;
    ma_fact f[MAXF];
    size_t nf;
    ma_result res;
} story;

typedef struct sink {
    story *s;
    size_t article;
} sink;

static int collect(void *ud, const marsad_fact *f)
{
    sink *k = ud;
    story *s = k->s;
    assert_true(s->nf < MAXF);
    s->f[s->nf].article = k->article;
    s->f[s->nf].f = *f;
    s->f[s->nf].speaker = 0;
    s->nf++;
    return 0;
}

/* Adds an article of the given outlet and near-duplicate group (0: its
 * own) dated y-m-d (0: unknown) and finds its facts. */
static size_t article_dated(story *s, const char *text, const char *source,
                            int64_t group, int y, int mo, int d)
{
    ma_article *a;
    marsad_facts_doc doc;
    sink k;
    int err = 0;
    marsad_facts *fx = marsad_facts_new(NULL, &err);
    assert_non_null(fx);
    assert_true(s->na < MAXA);
    a = &s->a[s->na];
    memset(a, 0, sizeof *a);
    a->id = (int64_t)s->na + 100;
    a->source = source;
    a->group = group ? group : a->id;
    a->text = text;
    a->len = strlen(text);
    a->year = y;
    a->month = mo;
    a->day = d;
    memset(&doc, 0, sizeof doc);
    doc.year = y;
    doc.month = mo;
    doc.day = d;
    doc.kinds = (1u << MARSAD_FACT_NUMBER) | (1u << MARSAD_FACT_DATE);
    k.s = s;
    k.article = s->na;
    assert_int_equal(marsad_facts_find(fx, text, a->len, &doc, collect, &k),
                     MARSAD_OK);
    marsad_facts_free(fx);
    return s->na++;
}

static size_t article(story *s, const char *text, const char *source,
                      int64_t group)
{
    return article_dated(s, text, source, group, 0, 0, 0);
}

/* Adds a mention of entity id for the nth (from 1) occurrence of name in
 * article ai; keeps the mentions in (article, start) order. */
static void mention(story *s, size_t ai, const char *name, int type,
                    int64_t id, int nth)
{
    const char *p = s->a[ai].text, *q = NULL;
    ma_mention *m;
    size_t i;
    assert_true(s->nm < MAXM);
    while (nth-- > 0) {
        q = strstr(p, name);
        if (!q)
            fail_msg("no \"%s\" in article %zu", name, ai);
        p = q + 1;
    }
    m = &s->m[s->nm];
    m->article = ai;
    m->start = (size_t)(q - s->a[ai].text);
    m->end = m->start + strlen(name);
    m->type = type;
    m->entity = id;
    m->name = name;
    for (i = s->nm; i > 0 &&
                    (s->m[i - 1].article > m->article ||
                     (s->m[i - 1].article == m->article &&
                      s->m[i - 1].start > m->start));
         i--) {
        ma_mention t = s->m[i - 1];
        s->m[i - 1] = s->m[i];
        s->m[i] = t;
    }
    s->nm++;
}

static void align(story *s)
{
    ma_input in;
    in.articles = s->a;
    in.narticles = s->na;
    in.mentions = s->nm ? s->m : NULL;
    in.nmentions = s->nm;
    in.facts = s->nf ? s->f : NULL;
    in.nfacts = s->nf;
    assert_int_equal(ma_align(&in, &s->res), 0);
    /* every index points into the input, every value has facts */
    for (size_t i = 0; i < s->res.nclaims; i++) {
        const ma_claim *c = &s->res.claims[i];
        assert_non_null(c->subject);
        assert_true(c->nvalues >= 1);
        assert_true(c->nsources >= 1);
        if (i > 0)
            assert_true(s->res.claims[i - 1].weight >= c->weight);
        for (size_t j = 0; j < c->nvalues; j++) {
            assert_true(c->values[j].nfacts >= 1);
            assert_int_equal(c->values[j].kind, c->kind);
            for (size_t k = 0; k < c->values[j].nfacts; k++) {
                assert_true(c->values[j].facts[k] < s->nf);
                assert_int_equal(s->f[c->values[j].facts[k]].f.kind,
                                 c->kind);
            }
        }
    }
    for (size_t i = 0; i < s->res.nevents; i++) {
        const ma_event *e = &s->res.events[i];
        assert_non_null(e->clause);
        assert_true(e->nfacts >= 1);
        for (size_t k = 0; k < e->nfacts; k++)
            assert_true(e->facts[k] < s->nf);
    }
}

static void done(story *s)
{
    ma_result_free(&s->res);
    assert_null(s->res.claims);
    assert_int_equal(s->res.nclaims, 0);
}

/* The claims of a kind whose subject is subj. */
static size_t count_claims(const story *s, int kind, const char *subj)
{
    size_t n = 0;
    for (size_t i = 0; i < s->res.nclaims; i++)
        if (s->res.claims[i].kind == kind &&
            (!subj || strcmp(s->res.claims[i].subject, subj) == 0))
            n++;
    return n;
}

static const ma_claim *claim(const story *s, int kind, const char *subj)
{
    for (size_t i = 0; i < s->res.nclaims; i++)
        if (s->res.claims[i].kind == kind &&
            strcmp(s->res.claims[i].subject, subj) == 0)
            return &s->res.claims[i];
    for (size_t i = 0; i < s->res.nclaims; i++)
        print_message("  have: %s \"%s\" %s\n",
                      marsad_fact_kind_name(s->res.claims[i].kind),
                      s->res.claims[i].subject,
                      ma_status_name(s->res.claims[i].status));
    fail_msg("no claim \"%s\"", subj);
    return NULL;
}

static size_t contested(const story *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->res.nclaims; i++)
        n += s->res.claims[i].status == MA_CONTESTED;
    return n;
}

/* The value of claim c that is v (numbers). */
static const ma_value *value(const ma_claim *c, double v)
{
    for (size_t i = 0; i < c->nvalues; i++)
        if (c->values[i].value == v)
            return &c->values[i];
    fail_msg("no value %g", v);
    return NULL;
}

/* ------------------------------------------------------------ numbers */

static void test_corroborated_two_outlets(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "أعلن الجيش أنه أرسل 1500 جندي إلى الحدود الشمالية لحماية "
                "المعابر.", "وكالة أ", 0);
    article(&s, "وصل 1500 جندي إلى الحدود الشمالية صباح اليوم بحسب مصادر "
                "عسكرية.", "صحيفة ب", 0);
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "جندي");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nsources, 2);
    assert_int_equal(c->nvalues, 1);
    assert_true(c->values[0].value == 1500);
    assert_int_equal(c->values[0].nfacts, 2);
    assert_int_equal(c->values[0].nsources, 2);
    assert_ptr_equal(c, &s.res.claims[0]); /* the most notable */
    done(&s);
}

static void test_near_duplicates_count_once(void **state)
{
    story s;
    const char *t = "أعلن الجيش أنه أرسل 1500 جندي إلى الحدود الشمالية.";
    const ma_claim *c;
    size_t a;
    (void)state;
    memset(&s, 0, sizeof s);
    a = article(&s, t, "وكالة أ", 0);
    article(&s, t, "صحيفة ب", s.a[a].id); /* a copy of the first */
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "جندي");
    assert_int_equal(c->status, MA_SINGLE);
    assert_int_equal(c->nsources, 1);
    assert_int_equal(c->values[0].nfacts, 2);
    done(&s);
}

static void test_one_outlet_counts_once(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "أعلن الجيش أنه أرسل 1500 جندي إلى الحدود الشمالية.",
            "وكالة أ", 0);
    article(&s, "وصل 1500 جندي إلى الحدود الشمالية صباح اليوم.", "وكالة أ",
            0);
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "جندي");
    assert_int_equal(c->status, MA_SINGLE);
    assert_int_equal(c->nsources, 1);
    done(&s);
}

static void test_syndicated_copy_keeps_outlets_apart(void **state)
{
    story s;
    const ma_claim *c;
    size_t a;
    (void)state;
    memset(&s, 0, sizeof s);
    /* outlet ب once copied an article of outlet أ; their own reports of
     * the number are still two sources */
    a = article(&s, "بدأت المفاوضات بين الطرفين في العاصمة صباح اليوم.",
                "وكالة أ", 0);
    article(&s, "بدأت المفاوضات بين الطرفين في العاصمة صباح اليوم.",
            "صحيفة ب", s.a[a].id);
    article(&s, "أعلن الجيش أنه أرسل 1500 جندي إلى الحدود الشمالية.",
            "وكالة أ", 0);
    article(&s, "وصل 1500 جندي إلى الحدود الشمالية صباح اليوم.", "صحيفة ب",
            0);
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "جندي");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nsources, 2);
    done(&s);
}

static void test_contested_numbers(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "قالت وزارة الصحة إن حصيلة ضحايا الزلزال في مدينة حلب "
                "ارتفعت إلى 320 قتيلا.", "وكالة أ", 0);
    article(&s, "قالت وزارة الصحة إن حصيلة ضحايا الزلزال في مدينة حلب "
                "ارتفعت إلى 450 قتيلا.", "صحيفة ب", 0);
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "قتيل");
    assert_int_equal(c->status, MA_CONTESTED);
    assert_int_equal(c->nsources, 2);
    assert_int_equal(c->nvalues, 2);
    assert_int_equal(value(c, 320)->nsources, 1);
    assert_int_equal(value(c, 450)->nsources, 1);
    assert_int_equal(s.f[value(c, 320)->facts[0]].article, 0);
    assert_int_equal(s.f[value(c, 450)->facts[0]].article, 1);
    done(&s);
}

static void test_contested_majority_first(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "قالت وزارة الصحة إن حصيلة ضحايا الزلزال في مدينة حلب "
                "ارتفعت إلى 320 قتيلا.", "وكالة أ", 0);
    article(&s, "قالت وزارة الصحة إن حصيلة ضحايا الزلزال في مدينة حلب "
                "ارتفعت إلى 450 قتيلا.", "صحيفة ب", 0);
    article(&s, "أفادت وزارة الصحة بأن حصيلة ضحايا الزلزال في مدينة حلب "
                "ارتفعت إلى 450 قتيلا.", "قناة ج", 0);
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "قتيل");
    assert_int_equal(c->status, MA_CONTESTED);
    assert_int_equal(c->nsources, 3);
    assert_true(c->values[0].value == 450);
    assert_int_equal(c->values[0].nsources, 2);
    assert_true(c->values[1].value == 320);
    done(&s);
}

static void test_approximation_agrees(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "اعتقلت الشرطة نحو 2500 شخص خلال احتجاجات العاصمة.",
            "وكالة أ", 0);
    article(&s, "اعتقلت الشرطة 2500 شخص خلال احتجاجات العاصمة.", "صحيفة ب",
            0);
    align(&s);
    assert_int_equal(contested(&s), 0);
    c = claim(&s, MARSAD_FACT_NUMBER, "شخص");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nvalues, 1);
    /* the exact form stands for the value */
    assert_false(c->values[0].flags & MARSAD_NUM_APPROX);
    assert_int_equal(c->values[0].nfacts, 2);
    done(&s);
}

static void test_bound_and_range_agree(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "تجمع أكثر من 2000 متظاهر في ساحة التحرير وسط العاصمة "
                "للمطالبة بالإصلاح.", "وكالة أ", 0);
    article(&s, "تجمع 2500 متظاهر في ساحة التحرير وسط العاصمة للمطالبة "
                "بالإصلاح.", "صحيفة ب", 0);
    article(&s, "تجمع ما بين 2200 و2800 متظاهر في ساحة التحرير وسط العاصمة "
                "للمطالبة بالإصلاح.", "قناة ج", 0);
    align(&s);
    assert_int_equal(contested(&s), 0);
    c = claim(&s, MARSAD_FACT_NUMBER, "متظاهر");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nsources, 3);
    assert_true(c->values[0].value == 2500); /* the most precise */
    done(&s);
}

static void test_far_values_contest_bound(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "تجمع أكثر من 5000 متظاهر في ساحة التحرير وسط العاصمة "
                "للمطالبة بالإصلاح.", "وكالة أ", 0);
    article(&s, "تجمع 2500 متظاهر في ساحة التحرير وسط العاصمة للمطالبة "
                "بالإصلاح.", "صحيفة ب", 0);
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "متظاهر");
    assert_int_equal(c->status, MA_CONTESTED);
    assert_int_equal(value(c, 5000)->bound, MARSAD_BOUND_MORE);
    done(&s);
}

static void test_same_article_two_values(void **state)
{
    story s;
    (void)state;
    memset(&s, 0, sizeof s);
    /* one article gives both: two groups of soldiers */
    article(&s, "أرسلت روسيا 2500 جندي إلى كازاخستان لحماية المطارات، "
                "وأرسلت 3000 جندي إلى بيلاروسيا لحماية المطارات.",
            "وكالة أ", 0);
    article(&s, "أرسلت روسيا 3000 جندي إلى بيلاروسيا لحماية المطارات.",
            "صحيفة ب", 0);
    align(&s);
    assert_int_equal(contested(&s), 0);
    assert_int_equal(count_claims(&s, MARSAD_FACT_NUMBER, "جندي"), 2);
    assert_int_equal(claim(&s, MARSAD_FACT_NUMBER, "جندي")->status,
                     MA_CORROBORATED); /* 3000 from both */
    done(&s);
}

static void test_near_duplicates_never_contest(void **state)
{
    story s;
    size_t a;
    (void)state;
    memset(&s, 0, sizeof s);
    a = article(&s, "قالت وزارة الصحة إن حصيلة ضحايا الزلزال في مدينة حلب "
                    "ارتفعت إلى 320 قتيلا.", "وكالة أ", 0);
    article(&s, "قالت وزارة الصحة إن حصيلة ضحايا الزلزال في مدينة حلب "
                "ارتفعت إلى 450 قتيلا.", "صحيفة ب", s.a[a].id);
    align(&s);
    assert_int_equal(contested(&s), 0);
    assert_int_equal(count_claims(&s, MARSAD_FACT_NUMBER, "قتيل"), 2);
    done(&s);
}

static void test_different_things_not_contested(void **state)
{
    story s;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "وتحشد موسكو نحو 100 ألف جندي على حدود أوكرانيا منذ أسابيع "
                "وسط مخاوف غربية من غزو.", "وكالة أ", 0);
    article(&s, "وأكد الكرملين وصول 2500 جندي إلى كازاخستان لحماية المنشآت "
                "الحكومية في ألماتي.", "صحيفة ب", 0);
    align(&s);
    assert_int_equal(contested(&s), 0);
    assert_int_equal(count_claims(&s, MARSAD_FACT_NUMBER, "جندي"), 2);
    done(&s);
}

static void test_different_places_not_contested(void **state)
{
    story s;
    size_t a, b;
    (void)state;
    memset(&s, 0, sizeof s);
    a = article(&s, "قتل 35 شخصا في انفجار سيارة مفخخة في بغداد مساء أمس.",
                "وكالة أ", 0);
    b = article(&s, "قتل 18 شخصا في انفجار سيارة مفخخة في الموصل مساء أمس.",
                "صحيفة ب", 0);
    align(&s);
    /* without the places, one explosion told two ways */
    assert_int_equal(contested(&s), 1);
    done(&s);
    mention(&s, a, "بغداد", MARSAD_ENTITY_LOC, 41, 1);
    mention(&s, b, "الموصل", MARSAD_ENTITY_LOC, 42, 1);
    align(&s);
    assert_int_equal(contested(&s), 0);
    assert_int_equal(count_claims(&s, MARSAD_FACT_NUMBER, "شخص"), 2);
    done(&s);
}

static void test_updates_days_apart(void **state)
{
    story s;
    (void)state;
    memset(&s, 0, sizeof s);
    article_dated(&s, "قالت وزارة الصحة إن حصيلة ضحايا الزلزال في مدينة حلب "
                      "ارتفعت إلى 320 قتيلا.", "وكالة أ", 0, 2023, 2, 7);
    article_dated(&s, "قالت وزارة الصحة إن حصيلة ضحايا الزلزال في مدينة حلب "
                      "ارتفعت إلى 450 قتيلا.", "صحيفة ب", 0, 2023, 2, 12);
    align(&s);
    assert_int_equal(contested(&s), 0);
    done(&s);
}

static void test_vague_not_contested(void **state)
{
    story s;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "أسفرت المواجهات في مدينة ألماتي عن سقوط عشرات القتلى "
                "بحسب الشرطة.", "وكالة أ", 0);
    article(&s, "أسفرت المواجهات في مدينة ألماتي عن سقوط 164 قتيلا بحسب "
                "الشرطة.", "صحيفة ب", 0);
    align(&s);
    assert_int_equal(contested(&s), 0);
    done(&s);
}

static void test_small_numbers_need_context(void **state)
{
    story s;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "زار الوزير المخيم 3 مرات خلال الشهر الماضي.", "وكالة أ", 0);
    article(&s, "ارتفعت أسعار الخبز 3 مرات منذ بداية الأزمة الاقتصادية.",
            "صحيفة ب", 0);
    align(&s);
    assert_int_equal(count_claims(&s, MARSAD_FACT_NUMBER, "مرة"), 2);
    for (size_t i = 0; i < s.res.nclaims; i++)
        assert_int_equal(s.res.claims[i].status, MA_SINGLE);
    done(&s);
}

static void test_unit_spellings(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "يمتد خط الأنابيب الجديد على طول 1240 كيلومترا عبر الصحراء.",
            "وكالة أ", 0);
    article(&s, "يمتد خط الأنابيب الجديد على طول 1240 كيلومتر عبر الصحراء.",
            "صحيفة ب", 0);
    article(&s, "نشرت القيادة 850 جنديا في المنطقة الحدودية.", "وكالة أ", 0);
    article(&s, "نشرت القيادة 850 عسكريا في المنطقة الحدودية.", "صحيفة ب",
            0);
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "كيلومتر");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nsources, 2);
    c = claim(&s, MARSAD_FACT_NUMBER, "جندي");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nsources, 2);
    done(&s);
}

static void test_abbreviated_unit(void **state)
{
    story s;
    const ma_claim *c;
    const char *t = "يمتد خط الأنابيب الجديد على طول 1240 كلم عبر الصحراء.";
    ma_fact *f;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "يمتد خط الأنابيب الجديد على طول 1240 كيلومترا عبر الصحراء.",
            "وكالة أ", 0);
    article(&s, t, "صحيفة ب", 0);
    /* the counted noun of the second as a stored fact would give it */
    for (f = s.f; f < s.f + s.nf && f->article != 1; f++)
        ;
    assert_true(f < s.f + s.nf);
    f->f.unit_start = (size_t)(strstr(t, "كلم") - t);
    f->f.unit_end = f->f.unit_start + strlen("كلم");
    f->f.end = f->f.unit_end;
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "كيلومتر");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nsources, 2);
    done(&s);
}

static void test_numbers_without_noun(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "وارتفع عدد ضحايا الفيضانات في ولاية كيرالا الهندية إلى 412 "
                "بحسب السلطات المحلية.", "وكالة أ", 0);
    article(&s, "وارتفع عدد ضحايا الفيضانات في ولاية كيرالا الهندية إلى 412 "
                "وفق السلطات المحلية.", "صحيفة ب", 0);
    article(&s, "ووصل عدد زوار المعرض إلى 412 في يومه الأول.", "قناة ج", 0);
    article(&s, "وبلغت قيمة الصفقة الجديدة 977 وفق البيان.", "قناة ج", 0);
    article(&s, "وبلغت قيمة الصفقة الجديدة 977 بحسب البيان.", "قناة ج", 0);
    align(&s);
    /* the noun after عدد is what is counted */
    c = claim(&s, MARSAD_FACT_NUMBER, "ضحايا");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nsources, 2);
    assert_int_equal(c->values[0].nfacts, 2);
    assert_int_equal(claim(&s, MARSAD_FACT_NUMBER, "زوار")->status,
                     MA_SINGLE);
    /* a number of nothing named, from one outlet, is no claim */
    assert_int_equal(s.res.nclaims, 2);
    done(&s);
}

static void test_count_noun_meets_unit(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "وارتفع عدد القتلى في الاشتباكات القبلية إلى 46 بحسب مصادر "
                "طبية.", "وكالة أ", 0);
    article(&s, "وسقط 46 قتيلا في الاشتباكات القبلية بحسب مصادر طبية.",
            "صحيفة ب", 0);
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "قتيل");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nsources, 2);
    done(&s);
}

static void test_percentages_apart(void **state)
{
    story s;
    const ma_claim *c;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "بلغت نسبة المشاركة في الانتخابات البرلمانية 45% بحسب "
                "اللجنة العليا للانتخابات.", "وكالة أ", 0);
    article(&s, "بلغت نسبة المشاركة في الانتخابات البرلمانية 45 في المئة "
                "بحسب اللجنة العليا للانتخابات.", "صحيفة ب", 0);
    article(&s, "وقتل 45 شخصا في الانتخابات البرلمانية.", "قناة ج", 0);
    align(&s);
    c = &s.res.claims[0];
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nsources, 2);
    assert_true(c->values[0].flags & MARSAD_NUM_PERCENT);
    for (size_t k = 0; k < c->values[0].nfacts; k++)
        assert_true(s.f[c->values[0].facts[k]].article < 2);
    assert_int_equal(claim(&s, MARSAD_FACT_NUMBER, "شخص")->status,
                     MA_SINGLE);
    done(&s);
}

static void test_ordinals_and_years_left_out(void **state)
{
    story s;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "انعقدت القمة للمرة الثالثة عشرة منذ 2005 في الرياض.",
            "وكالة أ", 0);
    article(&s, "انعقدت القمة للمرة الثالثة عشرة منذ 2005 في الرياض.",
            "صحيفة ب", 0);
    align(&s);
    assert_int_equal(count_claims(&s, MARSAD_FACT_NUMBER, NULL), 0);
    done(&s);
}

/* ------------------------------------------------------------ dates */

static void test_date_year_against_decade(void **state)
{
    story s;
    const ma_claim *c;
    size_t a, b;
    (void)state;
    memset(&s, 0, sizeof s);
    a = article(&s, "تأسست حركة النهضة في عام 1989 في تونس.", "وكالة أ", 0);
    b = article(&s, "وقد تأسست حركة النهضة في سبعينيات القرن العشرين.",
                "صحيفة ب", 0);
    mention(&s, a, "حركة النهضة", MARSAD_ENTITY_ORG, 7, 1);
    mention(&s, a, "تونس", MARSAD_ENTITY_LOC, 8, 1);
    mention(&s, b, "حركة النهضة", MARSAD_ENTITY_ORG, 7, 1);
    align(&s);
    c = claim(&s, MARSAD_FACT_DATE, "تأسيس حركة النهضة");
    assert_int_equal(c->status, MA_CONTESTED);
    assert_int_equal(c->nvalues, 2);
    assert_int_equal(c->nsources, 2);
    assert_true(strcmp(c->values[0].iso, "1989") == 0 ||
                strcmp(c->values[1].iso, "1989") == 0);
    assert_true(strcmp(c->values[0].iso, "197") == 0 ||
                strcmp(c->values[1].iso, "197") == 0);
    done(&s);
}

static void test_date_granularities_agree(void **state)
{
    story s;
    const ma_claim *c;
    size_t a, b, d;
    (void)state;
    memset(&s, 0, sizeof s);
    a = article(&s, "أعلنت شركة النور للطاقة أرباحها السنوية. وقد تم إنشاء "
                    "الشركة في عام 2002 في الرياض.", "وكالة أ", 0);
    b = article(&s, "تأسست شركة النور للطاقة في 7 مايو 2002 في الرياض.",
                "صحيفة ب", 0);
    d = article(&s, "وكانت الشركة قد تأسست في 2002 وفق موقعها.", "قناة ج",
                0);
    mention(&s, a, "شركة النور للطاقة", MARSAD_ENTITY_ORG, 21, 1);
    mention(&s, a, "الرياض", MARSAD_ENTITY_LOC, 22, 1);
    mention(&s, b, "شركة النور للطاقة", MARSAD_ENTITY_ORG, 21, 1);
    mention(&s, b, "الرياض", MARSAD_ENTITY_LOC, 22, 1);
    (void)d;
    align(&s);
    c = claim(&s, MARSAD_FACT_DATE, "تأسيس شركة النور للطاقة");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->nsources, 3);
    assert_int_equal(c->nvalues, 1);
    assert_string_equal(c->values[0].iso, "2002-05-07"); /* the finest */
    assert_int_equal(c->values[0].granularity, MARSAD_GRAN_DAY);
    assert_int_equal(c->values[0].nfacts, 3);
    assert_int_equal(contested(&s), 0);
    done(&s);
}

static void test_date_other_events_apart(void **state)
{
    story s;
    size_t a, b;
    (void)state;
    memset(&s, 0, sizeof s);
    /* a founding and a withdrawal of one subject are two claims, a
     * relative date without an article date none */
    a = article(&s, "تأسست حركة النهضة في عام 1981 في تونس. وانسحبت حركة "
                    "النهضة من الحكومة في عام 2013.", "وكالة أ", 0);
    b = article(&s, "وقد انسحبت حركة النهضة من الحكومة أمس.", "صحيفة ب", 0);
    mention(&s, a, "حركة النهضة", MARSAD_ENTITY_ORG, 7, 1);
    mention(&s, a, "تونس", MARSAD_ENTITY_LOC, 8, 1);
    mention(&s, a, "حركة النهضة", MARSAD_ENTITY_ORG, 7, 2);
    mention(&s, b, "حركة النهضة", MARSAD_ENTITY_ORG, 7, 1);
    align(&s);
    assert_int_equal(contested(&s), 0);
    assert_int_equal(claim(&s, MARSAD_FACT_DATE, "تأسيس حركة النهضة")->status,
                     MA_SINGLE);
    assert_string_equal(
        claim(&s, MARSAD_FACT_DATE, "انسحاب حركة النهضة")->values[0].iso,
        "2013");
    assert_int_equal(count_claims(&s, MARSAD_FACT_DATE, NULL), 2);
    done(&s);
}

/* ------------------------------------------------------------ timeline */

static void test_timeline_order_and_merge(void **state)
{
    story s;
    const ma_event *e;
    size_t a, b;
    int beirut = 0;
    (void)state;
    memset(&s, 0, sizeof s);
    a = article(&s, "وفي 12 مارس 2021، اقتحم محتجون غاضبون مبنى البرلمان في "
                    "بيروت.\nوكانت الحكومة قد أعلنت في 3 فبراير 2021 خطة "
                    "اقتصادية جديدة لخفض الدين العام.", "وكالة أ", 0);
    b = article(&s, "اقتحم محتجون غاضبون مبنى البرلمان في بيروت يوم 12 مارس "
                    "2021 احتجاجا على انهيار العملة.", "صحيفة ب", 0);
    mention(&s, a, "بيروت", MARSAD_ENTITY_LOC, 31, 1);
    mention(&s, b, "بيروت", MARSAD_ENTITY_LOC, 31, 1);
    align(&s);
    assert_int_equal(s.res.nevents, 2);
    e = &s.res.events[0];
    assert_string_equal(e->iso, "2021-02-03");
    assert_int_equal(e->nsources, 1);
    assert_non_null(strstr(e->clause, "خطة اقتصادية"));
    e = &s.res.events[1];
    assert_string_equal(e->iso, "2021-03-12");
    assert_int_equal(e->year, 2021);
    assert_int_equal(e->month, 3);
    assert_int_equal(e->day, 12);
    assert_int_equal(e->granularity, MARSAD_GRAN_DAY);
    assert_int_equal(e->nsources, 2);
    assert_int_equal(e->nfacts, 2);
    assert_non_null(strstr(e->clause, "اقتحم محتجون"));
    for (size_t i = 0; i < e->nentities; i++)
        beirut += e->entities[i] == 31;
    assert_int_equal(beirut, 1);
    done(&s);
}

static void test_timeline_same_day_other_event(void **state)
{
    story s;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "اقتحم محتجون غاضبون مبنى البرلمان في بيروت يوم 12 مارس "
                "2021.", "وكالة أ", 0);
    article(&s, "فاز المنتخب الوطني على نظيره الياباني في طوكيو يوم 12 مارس "
                "2021 بثلاثة أهداف.", "صحيفة ب", 0);
    align(&s);
    assert_int_equal(s.res.nevents, 2);
    assert_int_equal(s.res.events[0].nsources, 1);
    assert_int_equal(s.res.events[1].nsources, 1);
    done(&s);
}

static void test_timeline_skips_datelines(void **state)
{
    story s;
    (void)state;
    memset(&s, 0, sizeof s);
    article_dated(&s, "الخميس 6 يناير 2022\nقال وزير الداخلية إن الوضع "
                      "الأمني تحت السيطرة في كل المدن.", "وكالة أ", 0, 2022,
                  1, 6);
    align(&s);
    assert_int_equal(s.res.nevents, 0);
    done(&s);
}

static void test_timeline_month_before_days(void **state)
{
    story s;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "وقعت الحكومة اتفاق الهدنة في 20 يناير 2020 بعد مفاوضات "
                "طويلة. وشهد يناير 2020 موجة احتجاجات واسعة في المدن "
                "الكبرى.", "وكالة أ", 0);
    align(&s);
    assert_int_equal(s.res.nevents, 2);
    assert_string_equal(s.res.events[0].iso, "2020-01");
    assert_string_equal(s.res.events[1].iso, "2020-01-20");
    done(&s);
}

/* ------------------------------------------------------------ hostile */

static void test_empty_input(void **state)
{
    story s;
    ma_input in;
    ma_result res;
    (void)state;
    memset(&in, 0, sizeof in);
    assert_int_equal(ma_align(NULL, &res), 0);
    assert_int_equal(res.nclaims, 0);
    assert_int_equal(res.nevents, 0);
    ma_result_free(&res);
    assert_int_equal(ma_align(&in, &res), 0);
    assert_int_equal(res.nclaims + res.nevents, 0);
    ma_result_free(&res);
    assert_int_equal(ma_align(&in, NULL), -1);
    ma_result_free(NULL);
    /* articles without facts, an empty text */
    memset(&s, 0, sizeof s);
    article(&s, "", "وكالة أ", 0);
    article(&s, "لا أرقام هنا ولا تواريخ.", "صحيفة ب", 0);
    align(&s);
    assert_int_equal(s.res.nclaims + s.res.nevents, 0);
    done(&s);
}

static void test_out_of_range_ignored(void **state)
{
    story s;
    const ma_claim *c;
    size_t n;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "أعلن الجيش أنه أرسل 1500 جندي إلى الحدود الشمالية.",
            "وكالة أ", 0);
    article(&s, "وصل 1500 جندي إلى الحدود الشمالية صباح اليوم.", NULL, 0);
    mention(&s, 0, "الجيش", MARSAD_ENTITY_ORG, 3, 1);
    n = s.nf;
    /* broken copies of a good fact */
    for (int k = 0; k < 6; k++) {
        ma_fact *f = &s.f[s.nf];
        *f = s.f[0];
        switch (k) {
        case 0: f->f.start = s.a[0].len + 10; f->f.end = f->f.start + 4; break;
        case 1: f->f.end = s.a[0].len + 1; break;
        case 2: f->article = 9; break;
        case 3: f->f.unit_end = s.a[0].len + 50; break;
        case 4: f->f.start = f->f.end; break;
        default: f->f.kind = 42; break;
        }
        s.nf++;
    }
    /* a mention out of range, another of a missing article */
    s.m[s.nm] = s.m[0];
    s.m[s.nm].start = 1000;
    s.m[s.nm].end = 1010;
    s.nm++;
    s.m[s.nm] = s.m[0];
    s.m[s.nm].article = 5;
    s.nm++;
    /* an article with a length but no text */
    s.a[s.na].id = 77;
    s.a[s.na].group = 77;
    s.a[s.na].text = NULL;
    s.a[s.na].len = 500;
    s.na++;
    align(&s);
    c = claim(&s, MARSAD_FACT_NUMBER, "جندي");
    assert_int_equal(c->status, MA_CORROBORATED);
    assert_int_equal(c->values[0].nfacts, 2);
    for (size_t k = 0; k < c->values[0].nfacts; k++)
        assert_true(c->values[0].facts[k] < n);
    done(&s);
}

static void test_status_names(void **state)
{
    (void)state;
    assert_string_equal(ma_status_name(MA_CORROBORATED), "corroborated");
    assert_string_equal(ma_status_name(MA_CONTESTED), "contested");
    assert_string_equal(ma_status_name(MA_SINGLE), "single-source");
    assert_string_equal(ma_status_name(0), "?");
}

static void test_notability_order(void **state)
{
    story s;
    (void)state;
    memset(&s, 0, sizeof s);
    article(&s, "نشرت القيادة 850 جنديا في المنطقة الحدودية. وأصيب 14 شخصا "
                "في حادث سير.", "وكالة أ", 0);
    article(&s, "نشرت القيادة 850 جنديا في المنطقة الحدودية.", "صحيفة ب", 0);
    article(&s, "نشرت القيادة 850 جنديا في المنطقة الحدودية.", "قناة ج", 0);
    article(&s, "قالت وزارة الصحة إن حصيلة ضحايا الزلزال في مدينة حلب "
                "ارتفعت إلى 320 قتيلا.", "قناة ج", 0);
    article(&s, "قالت وزارة الصحة إن حصيلة ضحايا الزلزال في مدينة حلب "
                "ارتفعت إلى 450 قتيلا.", "صحيفة ب", 0);
    align(&s);
    assert_true(s.res.nclaims >= 3);
    assert_string_equal(s.res.claims[0].subject, "جندي");
    assert_int_equal(s.res.claims[0].nsources, 3);
    assert_int_equal(s.res.claims[1].status, MA_CONTESTED);
    assert_int_equal(s.res.claims[s.res.nclaims - 1].status, MA_SINGLE);
    done(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corroborated_two_outlets),
        cmocka_unit_test(test_near_duplicates_count_once),
        cmocka_unit_test(test_one_outlet_counts_once),
        cmocka_unit_test(test_syndicated_copy_keeps_outlets_apart),
        cmocka_unit_test(test_contested_numbers),
        cmocka_unit_test(test_contested_majority_first),
        cmocka_unit_test(test_approximation_agrees),
        cmocka_unit_test(test_bound_and_range_agree),
        cmocka_unit_test(test_far_values_contest_bound),
        cmocka_unit_test(test_same_article_two_values),
        cmocka_unit_test(test_near_duplicates_never_contest),
        cmocka_unit_test(test_different_things_not_contested),
        cmocka_unit_test(test_different_places_not_contested),
        cmocka_unit_test(test_updates_days_apart),
        cmocka_unit_test(test_vague_not_contested),
        cmocka_unit_test(test_small_numbers_need_context),
        cmocka_unit_test(test_unit_spellings),
        cmocka_unit_test(test_abbreviated_unit),
        cmocka_unit_test(test_numbers_without_noun),
        cmocka_unit_test(test_count_noun_meets_unit),
        cmocka_unit_test(test_percentages_apart),
        cmocka_unit_test(test_ordinals_and_years_left_out),
        cmocka_unit_test(test_date_year_against_decade),
        cmocka_unit_test(test_date_granularities_agree),
        cmocka_unit_test(test_date_other_events_apart),
        cmocka_unit_test(test_timeline_order_and_merge),
        cmocka_unit_test(test_timeline_same_day_other_event),
        cmocka_unit_test(test_timeline_skips_datelines),
        cmocka_unit_test(test_timeline_month_before_days),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_out_of_range_ignored),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_notability_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
