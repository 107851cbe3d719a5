/*
 * test_facts_quotes.c - quotations (src/core/quotes.c) through
 * marsad_facts_find: reported speech after a verb and إن / أن or a
 * colon, direct quotes before and after their verb, speakers named by a
 * title and a name, by the organization after باسم, by an organization
 * or a country, through a bare verb or a participle, attributions (بحسب،
 * وفقا لما ذكرته، نقلا عن، على حد تعبير), the medium, names and terms in
 * quote marks that are not quotes, unclosed, nested and straight marks,
 * and hostile input: no entities, bad entities, empty text, garbage.
 * The entity mentions are given by hand, as the recognizer would give
 * them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "marsad.h"

/* ------------------------------------------------------------ helpers */

#define MAXE 64
#define MAXF 64

typedef struct run {
    const char *text;
    size_t len;
    marsad_entity e[MAXE];
    size_t ne;
    marsad_fact f[MAXF];
    size_t nf;
} run;

static void start(run *r, const char *text)
{
    memset(r, 0, sizeof *r);
    r->text = text;
    r->len = strlen(text);
}

/* Byte offset of the nth (from 1) occurrence of s in the text. */
static size_t at(const run *r, const char *s, int nth)
{
    const char *p = r->text;
    for (;;) {
        const char *q = strstr(p, s);
        if (!q)
            fail_msg("no \"%s\" (%d) in the text", s, nth);
        if (--nth == 0)
            return (size_t)(q - r->text);
        p = q + 1;
    }
}

/* Adds the mention of name (its nth occurrence); keeps them in order. */
static void ent(run *r, const char *name, int type, int nth)
{
    marsad_entity *e;
    size_t i;
    assert_true(r->ne < MAXE);
    e = &r->e[r->ne];
    e->start = at(r, name, nth);
    e->end = e->start + strlen(name);
    e->type = type;
    e->words = 1;
    for (i = r->ne; i > 0 && r->e[i - 1].start > e->start; i--) {
        marsad_entity t = r->e[i - 1];
        r->e[i - 1] = r->e[i];
        r->e[i] = t;
    }
    r->ne++;
}

static int collect(void *ud, const marsad_fact *f)
{
    run *r = ud;
    assert_true(r->nf < MAXF);
    assert_int_equal(f->kind, MARSAD_FACT_QUOTE);
    r->f[r->nf++] = *f;
    return 0;
}

static void find(run *r)
{
    marsad_facts_doc doc;
    int err = 0;
    marsad_facts *fx = marsad_facts_new(NULL, &err);
    assert_non_null(fx);
    memset(&doc, 0, sizeof doc);
    doc.entities = r->ne ? r->e : NULL;
    doc.nentities = r->ne;
    doc.kinds = 1u << MARSAD_FACT_QUOTE;
    r->nf = 0;
    assert_int_equal(marsad_facts_find(fx, r->text, r->len, &doc, collect, r),
                     MARSAD_OK);
    marsad_facts_free(fx);
    /* every span lies in the text */
    for (size_t i = 0; i < r->nf; i++) {
        const marsad_fact *f = &r->f[i];
        assert_true(f->start < f->end && f->end <= r->len);
        assert_true(f->text_start < f->text_end && f->text_end <= r->len);
        assert_true(f->speaker_start <= f->speaker_end &&
                    f->speaker_end <= r->len);
        assert_true(f->medium_start <= f->medium_end &&
                    f->medium_end <= r->len);
        assert_true(f->speaker >= -1 && f->speaker < (long)r->ne);
    }
}

static int span_is(const run *r, size_t a, size_t b, const char *s)
{
    return b - a == strlen(s) && memcmp(r->text + a, s, b - a) == 0;
}

/* The quote whose words are exactly s. */
static const marsad_fact *quote(const run *r, const char *s)
{
    for (size_t i = 0; i < r->nf; i++)
        if (span_is(r, r->f[i].text_start, r->f[i].text_end, s))
            return &r->f[i];
    for (size_t i = 0; i < r->nf; i++)
        print_message("  have: %.*s\n",
                      (int)(r->f[i].text_end - r->f[i].text_start),
                      r->text + r->f[i].text_start);
    fail_msg("no quote \"%s\"", s);
    return NULL;
}

/* The speaker's mention text, or NULL for none. */
static void speaker_is(const run *r, const marsad_fact *f, const char *name)
{
    if (!name) {
        assert_int_equal(f->speaker, -1);
        return;
    }
    assert_true(f->speaker >= 0);
    if (!span_is(r, r->e[f->speaker].start, r->e[f->speaker].end, name))
        fail_msg("speaker is \"%.*s\", not \"%s\"",
                 (int)(r->e[f->speaker].end - r->e[f->speaker].start),
                 r->text + r->e[f->speaker].start, name);
}

static void speaker_words(const run *r, const marsad_fact *f, const char *s)
{
    if (!span_is(r, f->speaker_start, f->speaker_end, s))
        fail_msg("speaker words \"%.*s\", not \"%s\"",
                 (int)(f->speaker_end - f->speaker_start),
                 r->text + f->speaker_start, s);
}

static void medium_is(const run *r, const marsad_fact *f, const char *s)
{
    if (!s) {
        assert_int_equal(f->medium_start, f->medium_end);
        return;
    }
    if (!span_is(r, f->medium_start, f->medium_end, s))
        fail_msg("medium \"%.*s\", not \"%s\"",
                 (int)(f->medium_end - f->medium_start),
                 r->text + f->medium_start, s);
}

/* ------------------------------------------------------------ bodies */

static void body_is(const run *r, const marsad_fact *f, const char *name)
{
    assert_int_equal(f->speaker, -1);
    if (!name) {
        assert_false(f->flags & MARSAD_QUOTE_BODY);
        return;
    }
    assert_true(f->flags & MARSAD_QUOTE_BODY);
    speaker_words(r, f, name);
}

static void test_body_as_subject(void **state)
{
    run r;
    (void)state;
    /* no mention: the body named by its words, with its adjective */
    start(&r, "وقالت الشرطة المحلية إن سيارتين اصطدمتا قرب الجسر.");
    find(&r);
    assert_int_equal(r.nf, 1);
    body_is(&r, quote(&r, "سيارتين اصطدمتا قرب الجسر"), "الشرطة المحلية");
    /* a head without ال and the noun it governs, then an adjective */
    start(&r, "وأعلنت وزارة الزراعة الأردنية الأحد أن الموسم كان جيدا.");
    find(&r);
    body_is(&r, quote(&r, "الموسم كان جيدا"), "وزارة الزراعة الأردنية");
    /* a body not named (a British company) is no speaker */
    start(&r, "وقالت شركة بريطانية إن الطلب تراجع هذا العام.");
    find(&r);
    body_is(&r, quote(&r, "الطلب تراجع هذا العام"), NULL);
    /* a lone noun that needs more words to name a body */
    start(&r, "وقالت الشركة إن الطلب تراجع هذا العام.");
    find(&r);
    body_is(&r, quote(&r, "الطلب تراجع هذا العام"), NULL);
    /* a kind and a one-word name; the White House */
    start(&r, "وكتب فريق الصقور على حسابه أن المباراة تأجلت.");
    find(&r);
    body_is(&r, quote(&r, "المباراة تأجلت"), "فريق الصقور");
    start(&r, "وقال البيت الأبيض إن الزيارة ستتم.");
    find(&r);
    body_is(&r, quote(&r, "الزيارة ستتم"), "البيت الأبيض");
    /* a lone noun that names one body: the police */
    start(&r, "وقالت الشرطة إن التحقيق مستمر.");
    find(&r);
    body_is(&r, quote(&r, "التحقيق مستمر"), "الشرطة");
}

static void test_body_fuller_naming(void **state)
{
    run r;
    (void)state;
    /* المرصد later stands for the name given in full before */
    start(&r, "أفاد المرصد الوطني لرصد الزلازل بهزة خفيفة. وذكر المرصد أن "
              "الهزة لم تسبب أضرارا.");
    find(&r);
    body_is(&r, quote(&r, "الهزة لم تسبب أضرارا"),
            "المرصد الوطني لرصد الزلازل");
}

static void test_body_spoken_for(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    /* a spokeswoman for a company named in quote marks */
    start(&r, "وقالت متحدثة باسم \"نهر الشمال\" إن المشروع سيكتمل قريبا. "
              "وأضافت أن العمل يسير وفق الخطة.");
    find(&r);
    assert_int_equal(r.nf, 2);
    body_is(&r, quote(&r, "المشروع سيكتمل قريبا"), "نهر الشمال");
    /* a bare verb goes on with the body just quoted */
    f = quote(&r, "العمل يسير وفق الخطة");
    body_is(&r, f, "نهر الشمال");
    assert_true(f->flags & MARSAD_QUOTE_PRONOUN);
    /* officials of a body */
    start(&r, "وقال مسؤولو مطار الواحة الدولي إن الرحلات استؤنفت.");
    find(&r);
    body_is(&r, quote(&r, "الرحلات استؤنفت"), "مطار الواحة الدولي");
    /* a medium after ل is where it was said, not the speaker */
    start(&r, "وقال دبلوماسي غربي لـ\"وكالة الأنباء\" إن الاتفاق قريب.");
    ent(&r, "وكالة الأنباء", MARSAD_ENTITY_ORG, 1);
    find(&r);
    f = quote(&r, "الاتفاق قريب");
    speaker_is(&r, f, NULL);
    medium_is(&r, f, "وكالة الأنباء");
}

static void test_issued_by(void **state)
{
    run r;
    (void)state;
    /* a statement put out by an organization: the organization speaks */
    start(&r, "وأورد بيان صادر عن وزارة النقل أن الطريق أعيد فتحه.");
    ent(&r, "وزارة النقل", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الطريق أعيد فتحه"), "وزارة النقل");
    /* figures published by a body named in words */
    start(&r, "وتفيد أرقام نشرتها سلطات المدينة أن المياه انحسرت.");
    find(&r);
    body_is(&r, quote(&r, "المياه انحسرت"), "سلطات المدينة");
    /* findings reached by a body, with its adjective */
    start(&r, "وأشارت نتائج توصلت إليها أجهزة الرقابة المالية إلى أن "
              "العجز تراجع.");
    find(&r);
    body_is(&r, quote(&r, "العجز تراجع"), "أجهزة الرقابة المالية");
    /* investigations of a body: that body */
    start(&r, "وأضافت تحقيقات الشرطة أن السائق كان مسرعا.");
    find(&r);
    body_is(&r, quote(&r, "السائق كان مسرعا"), "الشرطة");
    /* a body with its place before the verb */
    start(&r, "وكان مسؤولو جهاز الإطفاء في بيروت ذكروا أن النار انطفأت.");
    ent(&r, "بيروت", MARSAD_ENTITY_LOC, 1);
    find(&r);
    body_is(&r, quote(&r, "النار انطفأت"), "جهاز الإطفاء");
    /* a new report with no issuer named: no speaker */
    start(&r, "وحذر تقرير جديد من أن الأسعار سترتفع.");
    find(&r);
    body_is(&r, quote(&r, "الأسعار سترتفع"), NULL);
}

static void test_name_tail(void **state)
{
    run r;
    (void)state;
    /* the last words of a name given in full earlier */
    start(&r, "استقبل سالم آل الشامي الوفد. وكتب آل الشامي عبر حسابه أن "
              "اللقاء كان مثمرا.");
    ent(&r, "سالم آل الشامي", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "اللقاء كان مثمرا"), "سالم آل الشامي");
    /* two people with those last words: unclear */
    start(&r, "التقى سالم آل الشامي وعمر آل الشامي. وكتب آل الشامي أن "
              "اللقاء كان مثمرا.");
    ent(&r, "سالم آل الشامي", MARSAD_ENTITY_PER, 1);
    ent(&r, "عمر آل الشامي", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "اللقاء كان مثمرا"), NULL);
    /* the name cut short where it was given in full (سالم آل | الشامي) */
    start(&r, "استقبل سالم آل الشامي الوفد. وكتب آل الشامي عبر حسابه أن "
              "اللقاء كان مثمرا.");
    ent(&r, "سالم آل", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "اللقاء كان مثمرا"), "سالم آل");
    /* only whole words: آل الشام is not آل الشامي */
    start(&r, "استقبل سالم آل الشامي الوفد. وكتب آل الشام عبر حسابه أن "
              "اللقاء كان مثمرا.");
    ent(&r, "سالم آل", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "اللقاء كان مثمرا"), NULL);
}

static void test_honorific_formulas(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    /* the Prophet named by title, a formula after it; his fullest naming
     * in the text names him every time */
    start(&r, "وقال النبي صلى الله عليه وسلم: «الدين النصيحة». ثم قال النبي "
              "محمد صلى الله عليه وسلم: «يسروا ولا تعسروا».");
    find(&r);
    assert_int_equal(r.nf, 2);
    body_is(&r, quote(&r, "الدين النصيحة"), "النبي محمد");
    body_is(&r, quote(&r, "يسروا ولا تعسروا"), "النبي محمد");
    /* the formula alone as subject stands for the one named before it */
    start(&r, "سأل رجل رسول الله صلى الله عليه وسلم عن أمه. فقال صلى الله "
              "عليه وسلم: «أحسن إليها».");
    find(&r);
    body_is(&r, quote(&r, "أحسن إليها"), "رسول الله");
    /* narrated from him, a pronoun after */
    start(&r, "وروي عن النبي صلى الله عليه وسلم أنه قال: «الكلمة الطيبة "
              "صدقة».");
    find(&r);
    body_is(&r, quote(&r, "الكلمة الطيبة صدقة"), "النبي");
    /* a formula ends a person's name: the name is the speaker */
    start(&r, "وقال أبو هريرة رضي الله عنه: «كنا جلوسا في المسجد».");
    ent(&r, "أبو هريرة", MARSAD_ENTITY_PER, 1);
    find(&r);
    f = quote(&r, "كنا جلوسا في المسجد");
    speaker_is(&r, f, "أبو هريرة");
    /* قال له X: the subject after the pronoun */
    start(&r, "وقال له المدرب سامي ناصر: «ستلعب غدا».");
    ent(&r, "سامي ناصر", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "ستلعب غدا"), "سامي ناصر");
}

static void test_office_and_medium(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    /* the office of a person speaks as a body */
    start(&r, "وأكد مكتب سامي ناصر الثلاثاء أن الزيارة ألغيت.");
    ent(&r, "سامي ناصر", MARSAD_ENTITY_PER, 1);
    find(&r);
    body_is(&r, quote(&r, "الزيارة ألغيت"), "مكتب سامي ناصر");
    /* a name right before the colon after ل is the medium: the one
     * named before it speaks */
    start(&r, "وقالت الناطقة باسم الدفاع المدني هالة سمير لراديو الشرق: إن "
              "الحريق أخمد.");
    ent(&r, "هالة سمير", MARSAD_ENTITY_PER, 1);
    ent(&r, "راديو الشرق", MARSAD_ENTITY_PER, 1);
    find(&r);
    f = quote(&r, "الحريق أخمد");
    speaker_is(&r, f, "هالة سمير");
    /* an indefinite body with an adjective is not named */
    start(&r, "وحذر تقرير صادر عن مؤسسة رقابية عينها البرلمان من أن الدين "
              "يرتفع.");
    find(&r);
    body_is(&r, quote(&r, "الدين يرتفع"), NULL);
}

static void test_relative_clause(void **state)
{
    run r;
    (void)state;
    /* the one a relative clause is about said it; a time word after the
     * verb is no subject */
    start(&r, "ونقل عن نائب الرئيس، سامي ناصر، الذي قال الأسبوع الماضي أن "
              "الاتفاق قريب.");
    ent(&r, "سامي ناصر", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الاتفاق قريب"), "سامي ناصر");
    /* استبعد أن: ruled out that */
    start(&r, "واستبعد سامي ناصر أن يعود إلى الفريق.");
    ent(&r, "سامي ناصر", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "يعود إلى الفريق"), "سامي ناصر");
}

static void test_body_before_verb(void **state)
{
    run r;
    (void)state;
    /* a body as the subject before the verb */
    start(&r, "وكانت الشرطة المحلية قد قالت إن الطريق مغلق.");
    find(&r);
    body_is(&r, quote(&r, "الطريق مغلق"), "الشرطة المحلية");
    start(&r, "لم يعلق أحد، إلا أن وزارة الزراعة الأردنية ذكرت أن الموسم "
              "جيد.");
    find(&r);
    body_is(&r, quote(&r, "الموسم جيد"), "وزارة الزراعة الأردنية");
    /* a body after a preposition is no subject */
    start(&r, "وفي رسالة إلى وزارة الزراعة الأردنية قال إن الموسم جيد.");
    find(&r);
    body_is(&r, quote(&r, "الموسم جيد"), NULL);
}

static void test_coordinated_verb(void **state)
{
    run r;
    (void)state;
    /* a second verb of the same subject, a country */
    start(&r, "بعدما فرضت واشنطن عقوبات جديدة على طهران وقالت إن الخطوة "
              "ضرورية.");
    ent(&r, "واشنطن", MARSAD_ENTITY_LOC, 1);
    ent(&r, "طهران", MARSAD_ENTITY_LOC, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الخطوة ضرورية"), "واشنطن");
    /* two places that could be the subject: unclear */
    start(&r, "بعدما فرضت واشنطن ولندن عقوبات جديدة وقالت إن الخطوة "
              "ضرورية.");
    ent(&r, "واشنطن", MARSAD_ENTITY_LOC, 1);
    ent(&r, "لندن", MARSAD_ENTITY_LOC, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الخطوة ضرورية"), NULL);
}

static void test_generic_body(void **state)
{
    run r;
    (void)state;
    /* اتحاد اللعبة: the one federation the text names */
    start(&r, "ناقش الاتحاد الأردني لكرة السلة الموسم. وكتب اتحاد اللعبة "
              "عبر بيان: \"سنعلن الجدول قريبا\".");
    ent(&r, "الاتحاد الأردني لكرة السلة", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "سنعلن الجدول قريبا"),
               "الاتحاد الأردني لكرة السلة");
    /* two federations: unclear */
    start(&r, "التقى الاتحاد الأردني لكرة السلة والاتحاد المصري للتنس. "
              "وكتب اتحاد اللعبة عبر بيان: \"سنعلن الجدول قريبا\".");
    ent(&r, "الاتحاد الأردني لكرة السلة", MARSAD_ENTITY_ORG, 1);
    ent(&r, "الاتحاد المصري للتنس", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "سنعلن الجدول قريبا"), NULL);
    /* one federation in other words and in another order */
    start(&r, "ناقش اتحاد السلة الأردني والاتحاد الأردني لكرة السلة "
              "الموسم. وكتب اتحاد اللعبة عبر بيان: \"سنعلن الجدول "
              "قريبا\".");
    ent(&r, "اتحاد السلة الأردني", MARSAD_ENTITY_ORG, 1);
    ent(&r, "الاتحاد الأردني لكرة السلة", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "سنعلن الجدول قريبا"),
               "الاتحاد الأردني لكرة السلة");
}

static void test_person_in_a_place_name(void **state)
{
    run r;
    (void)state;
    /* مدير جامعة الملك X: the king named in the university's name does
     * not speak */
    start(&r, "وأوضح مدير جامعة الملك خالد المكلف أن المستشفى يفتح غدا.");
    ent(&r, "خالد", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "المستشفى يفتح غدا"), NULL);
    /* a king who speaks himself */
    start(&r, "وأوضح الملك خالد أن المستشفى يفتح غدا.");
    ent(&r, "خالد", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "المستشفى يفتح غدا"), "خالد");
    /* the airport's town, read as a person, does not speak; the manager
     * named after it does */
    start(&r, "وقال مدير مطار كوروني، سامي ناصيف، للصحفيين \"هبطت "
              "الطائرة في البحيرة على بعد مئة متر من المدرج\".");
    ent(&r, "كوروني", MARSAD_ENTITY_PER, 1);
    ent(&r, "سامي ناصيف", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r,
               quote(&r, "هبطت الطائرة في البحيرة على بعد مئة متر من المدرج"),
               "سامي ناصيف");
}

static void test_without_borders(void **state)
{
    run r;
    (void)state;
    start(&r, "وقالت جماعة أطباء بلا حدود إنها أرسلت فريقا.");
    find(&r);
    body_is(&r, quote(&r, "أرسلت فريقا"), "جماعة أطباء بلا حدود");
}

static void test_title_named_elsewhere(void **state)
{
    run r;
    (void)state;
    /* the title in other words before the name earlier in the text */
    start(&r, "التقى وزير الخارجية الأردني سامر الخطيب نظيره. وشدد وزير "
              "خارجية الأردن على أن الحل سياسي.");
    ent(&r, "سامر الخطيب", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الحل سياسي"), "سامر الخطيب");
    /* another country's minister is not this one */
    start(&r, "التقى وزير الخارجية المصري حازم النجار نظيره. وشدد وزير "
              "خارجية الأردن على أن الحل سياسي.");
    ent(&r, "حازم النجار", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الحل سياسي"), NULL);
    /* two people with that title: no one */
    start(&r, "حضر وزير الخارجية الأردني سامر الخطيب ووزير الخارجية الأردني "
              "السابق علي الزين. وشدد وزير خارجية الأردن على أن الحل سياسي.");
    ent(&r, "سامر الخطيب", MARSAD_ENTITY_PER, 1);
    ent(&r, "علي الزين", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الحل سياسي"), NULL);
}

static void test_described_as(void **state)
{
    run r;
    (void)state;
    start(&r, "ووصفت المنظمة الدولية لحماية الغابات القرار بأنه \"خطوة "
              "إلى الوراء في حماية الطبيعة\".");
    ent(&r, "المنظمة الدولية لحماية الغابات", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "خطوة إلى الوراء في حماية الطبيعة"),
               "المنظمة الدولية لحماية الغابات");
}

/* ------------------------------------------------------------ reported */

static void test_said_that(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "قال بوتين إن روسيا لن تتراجع عن مواقفها. وانتهى اللقاء.");
    ent(&r, "بوتين", MARSAD_ENTITY_PER, 1);
    ent(&r, "روسيا", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "روسيا لن تتراجع عن مواقفها");
    speaker_is(&r, f, "بوتين");
    speaker_words(&r, f, "بوتين");
    assert_int_equal(f->flags, 0);
    assert_int_equal(f->start, 0);
    assert_int_equal(f->end, at(&r, ".", 1));
    assert_int_equal(f->sentence, 0);
    medium_is(&r, f, NULL);
}

static void test_said_in_statement(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "وقال أردوغان، في بيان، إن بلاده ستواصل العمليات في الشمال.");
    ent(&r, "أردوغان", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "بلاده ستواصل العمليات في الشمال");
    speaker_is(&r, f, "أردوغان");
    assert_int_equal(f->start, 0);
}

static void test_verb_forms(void **state)
{
    run r;
    (void)state;
    start(&r, "وأكدت ميركل أن الاتفاق صامد. وأعلنوا أن الحوار مستمر. "
              "وتقول سلمى إن المدرسة أغلقت أبوابها. فأوضح عمر أن القرار نهائي.");
    ent(&r, "ميركل", MARSAD_ENTITY_PER, 1);
    ent(&r, "سلمى", MARSAD_ENTITY_PER, 1);
    ent(&r, "عمر", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 4);
    speaker_is(&r, quote(&r, "الاتفاق صامد"), "ميركل");
    speaker_is(&r, quote(&r, "الحوار مستمر"), "ميركل");
    assert_true(quote(&r, "الحوار مستمر")->flags & MARSAD_QUOTE_PRONOUN);
    speaker_is(&r, quote(&r, "المدرسة أغلقت أبوابها"), "سلمى");
    speaker_is(&r, quote(&r, "القرار نهائي"), "عمر");
}

static void test_prepositions_before_that(void **state)
{
    run r;
    (void)state;
    start(&r, "وأشار لافروف إلى أن المفاوضات متعثرة. وحذر غوتيريش من أن "
              "الوضع ينذر بكارثة. وشدد ماكرون على أن فرنسا لن تتدخل.");
    ent(&r, "لافروف", MARSAD_ENTITY_PER, 1);
    ent(&r, "غوتيريش", MARSAD_ENTITY_PER, 1);
    ent(&r, "ماكرون", MARSAD_ENTITY_PER, 1);
    ent(&r, "فرنسا", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 3);
    speaker_is(&r, quote(&r, "المفاوضات متعثرة"), "لافروف");
    speaker_is(&r, quote(&r, "الوضع ينذر بكارثة"), "غوتيريش");
    speaker_is(&r, quote(&r, "فرنسا لن تتدخل"), "ماكرون");
}

static void test_title_and_name(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "قال الرئيس الروسي فلاديمير بوتين إن العقوبات لن تنجح.");
    ent(&r, "فلاديمير بوتين", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "العقوبات لن تنجح");
    speaker_is(&r, f, "فلاديمير بوتين");
    speaker_words(&r, f, "فلاديمير بوتين");
}

static void test_spokesman_of_ministry(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "قال المتحدث باسم وزارة الخارجية الروسية إن موسكو سترد.");
    ent(&r, "وزارة الخارجية الروسية", MARSAD_ENTITY_ORG, 1);
    ent(&r, "موسكو", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "موسكو سترد");
    speaker_is(&r, f, "وزارة الخارجية الروسية");
}

static void test_org_and_country(void **state)
{
    run r;
    (void)state;
    start(&r, "قالت وزارة الدفاع إن الطائرة سقطت فوق البحر. "
              "وقالت روسيا إن العملية انتهت.");
    ent(&r, "وزارة الدفاع", MARSAD_ENTITY_ORG, 1);
    ent(&r, "روسيا", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "الطائرة سقطت فوق البحر"), "وزارة الدفاع");
    speaker_is(&r, quote(&r, "العملية انتهت"), "روسيا");
}

static void test_unnamed_source(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "قال مصدر أمني إن الهجوم استهدف نقطة تفتيش قرب بغداد.");
    ent(&r, "بغداد", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "الهجوم استهدف نقطة تفتيش قرب بغداد");
    speaker_is(&r, f, NULL);
    speaker_words(&r, f, "مصدر أمني");
}

static void test_official_of_org(void **state)
{
    run r;
    (void)state;
    start(&r, "وقال مسؤول في وزارة الخارجية إن المحادثات ستستأنف.");
    ent(&r, "وزارة الخارجية", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "المحادثات ستستأنف"), "وزارة الخارجية");
}

static void test_subject_before_verb(void **state)
{
    run r;
    (void)state;
    start(&r, "وكان نتنياهو قد قال إن الحرب ستستمر.");
    ent(&r, "نتنياهو", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "الحرب ستستمر"), "نتنياهو");
}

static void test_apposition(void **state)
{
    run r;
    (void)state;
    start(&r, "وقال وزير الطاقة، خالد الفالح، إن الإنتاج سيرتفع.");
    ent(&r, "خالد الفالح", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "الإنتاج سيرتفع"), "خالد الفالح");
}

/* ------------------------------------------------------------ direct */

static void test_direct_after_colon(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "قال ترامب: «سنفرض رسوما جديدة على الواردات». ثم غادر.");
    ent(&r, "ترامب", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1); /* one fact, not also a reported one */
    f = quote(&r, "سنفرض رسوما جديدة على الواردات");
    assert_true(f->flags & MARSAD_QUOTE_DIRECT);
    assert_false(f->flags & MARSAD_QUOTE_PRONOUN);
    speaker_is(&r, f, "ترامب");
    assert_int_equal(f->start, 0);
    assert_int_equal(f->end, at(&r, "»", 1) + strlen("»"));
}

static void test_direct_after_that(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "وقال الوزير سامح شكري إن \"مصر لن تقبل بأي مساس بحقوقها\".");
    ent(&r, "سامح شكري", MARSAD_ENTITY_PER, 1);
    ent(&r, "مصر", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "مصر لن تقبل بأي مساس بحقوقها");
    assert_true(f->flags & MARSAD_QUOTE_DIRECT);
    speaker_is(&r, f, "سامح شكري");
}

static void test_direct_before_verb(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "«لن نسمح بتكرار ما حدث مرة أخرى»، قال المالكي للصحفيين.");
    ent(&r, "المالكي", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "لن نسمح بتكرار ما حدث مرة أخرى");
    assert_true(f->flags & MARSAD_QUOTE_DIRECT);
    speaker_is(&r, f, "المالكي");
    assert_int_equal(f->start, 0);
}

static void test_added_direct_pronoun(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "قال جونسون إن بريطانيا مستعدة للخروج.\n"
              "وأضاف: «لا نريد اتفاقا سيئا لشعبنا».");
    ent(&r, "جونسون", MARSAD_ENTITY_PER, 1);
    ent(&r, "بريطانيا", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    f = quote(&r, "لا نريد اتفاقا سيئا لشعبنا");
    assert_true(f->flags & MARSAD_QUOTE_DIRECT);
    assert_true(f->flags & MARSAD_QUOTE_PRONOUN);
    speaker_is(&r, f, "جونسون");
    speaker_words(&r, f, "جونسون");
}

static void test_added_that_pronoun(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "وقالت ميركل إن ألمانيا ستستقبل المزيد. وأضافت أن الأمر يتطلب "
              "تعاونا أوروبيا. وتابعت أن الوقت ينفد.");
    ent(&r, "ميركل", MARSAD_ENTITY_PER, 1);
    ent(&r, "ألمانيا", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 3);
    f = quote(&r, "الأمر يتطلب تعاونا أوروبيا");
    assert_true(f->flags & MARSAD_QUOTE_PRONOUN);
    assert_false(f->flags & MARSAD_QUOTE_DIRECT);
    speaker_is(&r, f, "ميركل");
    speaker_is(&r, quote(&r, "الوقت ينفد"), "ميركل");
}

static void test_pronoun_from_earlier_sentence(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "زار الملك عبدالله الثاني مدينة العقبة أمس. "
              "وأكد أن الأردن ماض في مشاريع التنمية.");
    ent(&r, "عبدالله الثاني", MARSAD_ENTITY_PER, 1);
    ent(&r, "العقبة", MARSAD_ENTITY_LOC, 1);
    ent(&r, "الأردن", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "الأردن ماض في مشاريع التنمية");
    assert_true(f->flags & MARSAD_QUOTE_PRONOUN);
    speaker_is(&r, f, "عبدالله الثاني");
}

static void test_pronoun_unclear(void **state)
{
    run r;
    (void)state;
    /* another person was named after the quote: better no speaker */
    start(&r, "قال بايدن إن الاقتصاد يتعافى. والتقى بايدن لاحقا بالمستشار "
              "شولتس في برلين. وأضاف أن التضخم سينخفض.");
    ent(&r, "بايدن", MARSAD_ENTITY_PER, 1);
    ent(&r, "بايدن", MARSAD_ENTITY_PER, 2);
    ent(&r, "شولتس", MARSAD_ENTITY_PER, 1);
    ent(&r, "برلين", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "التضخم سينخفض"), NULL);
}

static void test_participle_subject(void **state)
{
    run r;
    (void)state;
    /* the participle reports the sentence's subject, not the last name */
    start(&r, "وردت هالة صدقي على المخرج سمير فهمي قائلة \"لم أقصد الإساءة "
              "إلى أي شخص\".");
    ent(&r, "هالة صدقي", MARSAD_ENTITY_PER, 1);
    ent(&r, "سمير فهمي", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "لم أقصد الإساءة إلى أي شخص"), "هالة صدقي");
    assert_true(r.f[0].flags & MARSAD_QUOTE_PRONOUN);
}

static void test_pronoun_organization_since(void **state)
{
    run r;
    (void)state;
    /* a ministry named after the person may be the one speaking */
    start(&r, "نعى رئيس الوزراء خالد حسن الفنان الراحل. ونعته وزارة الثقافة "
              "أيضا. وقالت إن رحيله خسارة كبيرة.");
    ent(&r, "خالد حسن", MARSAD_ENTITY_PER, 1);
    ent(&r, "وزارة الثقافة", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "رحيله خسارة كبيرة"), NULL);
}

static void test_title_elsewhere(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    /* a title without the name, given with the name elsewhere */
    start(&r, "استقبل الرئيس اليمني عبدربه منصور هادي الوفد أمس. "
              "وقال الرئيس اليمني إن الحل السياسي ممكن.");
    ent(&r, "عبدربه منصور هادي", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "الحل السياسي ممكن");
    speaker_is(&r, f, "عبدربه منصور هادي");
    speaker_words(&r, f, "الرئيس اليمني");
}

static void test_title_back_and_honorific(void **state)
{
    run r;
    (void)state;
    start(&r, "قال المتحدث باسم الجيش نبيل عمر إن القوات تقدمت. "
              "وأضاف المتحدث أن المعارك مستمرة. وقال سموه إن الدعم متواصل.");
    ent(&r, "الجيش", MARSAD_ENTITY_ORG, 1);
    ent(&r, "نبيل عمر", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 3);
    speaker_is(&r, quote(&r, "القوات تقدمت"), "نبيل عمر");
    speaker_is(&r, quote(&r, "المعارك مستمرة"), "نبيل عمر");
    speaker_is(&r, quote(&r, "الدعم متواصل"), "نبيل عمر");
    assert_true(quote(&r, "الدعم متواصل")->flags & MARSAD_QUOTE_PRONOUN);
}

static void test_pronoun_gender(void **state)
{
    run r;
    (void)state;
    /* a feminine verb does not go on with a man's words */
    start(&r, "قال الوزير نادر سالم إن الميزانية ستقر قريبا. "
              "وأضافت أن النقاش سيستمر طويلا. وأضاف أن الحكومة متماسكة.");
    ent(&r, "نادر سالم", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 3);
    speaker_is(&r, quote(&r, "النقاش سيستمر طويلا"), NULL);
    speaker_is(&r, quote(&r, "الحكومة متماسكة"), "نادر سالم");
}

static void test_fullest_name(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت. "
              "وقال ماكرون إن لبنان يحتاج إلى إصلاحات عاجلة.");
    ent(&r, "إيمانويل ماكرون", MARSAD_ENTITY_PER, 1);
    ent(&r, "بيروت", MARSAD_ENTITY_LOC, 1);
    ent(&r, "ماكرون", MARSAD_ENTITY_PER, 2);
    ent(&r, "لبنان", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "لبنان يحتاج إلى إصلاحات عاجلة");
    /* the index names the person fully; the words are those said here */
    speaker_is(&r, f, "إيمانويل ماكرون");
    assert_int_equal(f->speaker_start, r.e[2].start);
    assert_int_equal(f->speaker_end, r.e[2].end);
}

static void test_participle(void **state)
{
    run r;
    (void)state;
    start(&r, "أكد الحريري أن الحكومة ستتشكل قريبا، مضيفا أن الخلافات "
              "تراجعت كثيرا. وتابع قائلا: \"نحن على الطريق الصحيح الآن\".");
    ent(&r, "الحريري", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 3);
    speaker_is(&r, quote(&r, "الحكومة ستتشكل قريبا"), "الحريري");
    speaker_is(&r, quote(&r, "الخلافات تراجعت كثيرا"), "الحريري");
    speaker_is(&r, quote(&r, "نحن على الطريق الصحيح الآن"), "الحريري");
}

/* ------------------------------------------------------------ attributions */

static void test_according_to_agency(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "قتل خمسة أشخاص في انفجار بالعاصمة، بحسب وكالة رويترز.");
    ent(&r, "رويترز", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "قتل خمسة أشخاص في انفجار بالعاصمة");
    speaker_is(&r, f, "رويترز");
    assert_false(f->flags & MARSAD_QUOTE_DIRECT);
}

static void test_according_to_newspaper(void **state)
{
    run r;
    (void)state;
    start(&r, "ووفقا لما ذكرته صحيفة الأهرام، فإن الأسعار سترتفع الشهر "
              "المقبل.");
    ent(&r, "الأهرام", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "الأسعار سترتفع الشهر المقبل"), "الأهرام");
    /* مواقع سورية: Syrian sites, not the country */
    start(&r, "وعانى الفتى من الاكتئاب، بحسب ما ذكرته مواقع سورية.");
    ent(&r, "سورية", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "وعانى الفتى من الاكتئاب"), NULL);
}

static void test_quoting_and_in_words_of(void **state)
{
    run r;
    (void)state;
    start(&r, "ارتفع عدد الضحايا إلى عشرين، نقلا عن الصليب الأحمر. "
              "وكانت المدينة منكوبة، على حد تعبير المحافظ سعيد النجار.");
    ent(&r, "الصليب الأحمر", MARSAD_ENTITY_ORG, 1);
    ent(&r, "سعيد النجار", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "ارتفع عدد الضحايا إلى عشرين"), "الصليب الأحمر");
    speaker_is(&r, quote(&r, "وكانت المدينة منكوبة"), "سعيد النجار");
}

static void test_according_to_plan_not_speech(void **state)
{
    run r;
    (void)state;
    start(&r, "وتسير الأعمال حسب الخطة الموضوعة. ووزعت المساعدات وفقا "
              "للأولويات.");
    find(&r);
    assert_int_equal(r.nf, 0);
}

/* ------------------------------------------------------------ medium */

static void test_medium_network(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "وقال بومبيو لشبكة \"سي أن أن\" إن واشنطن لن تتراجع.");
    ent(&r, "بومبيو", MARSAD_ENTITY_PER, 1);
    ent(&r, "سي أن أن", MARSAD_ENTITY_ORG, 1);
    ent(&r, "واشنطن", MARSAD_ENTITY_LOC, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "واشنطن لن تتراجع");
    speaker_is(&r, f, "بومبيو");
    medium_is(&r, f, "سي أن أن");
}

static void test_medium_interview(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "وأضاف الحمدان في حديث لـ\"العربية.نت\" أنه يعمل على ألبوم "
              "جديد. وقالت هند في مقابلة مع الجزيرة إن الفيلم جاهز.");
    ent(&r, "الحمدان", MARSAD_ENTITY_PER, 1);
    ent(&r, "هند", MARSAD_ENTITY_PER, 1);
    ent(&r, "الجزيرة", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    f = quote(&r, "يعمل على ألبوم جديد");
    speaker_is(&r, f, "الحمدان");
    medium_is(&r, f, "العربية.نت");
    f = quote(&r, "الفيلم جاهز");
    speaker_is(&r, f, "هند");
    medium_is(&r, f, "الجزيرة");
}

/* ------------------------------------------------------------ not quotes */

static void test_scare_quotes(void **state)
{
    run r;
    (void)state;
    start(&r, "شن تنظيم \"داعش\" هجوما على قرية قرب الموصل. وفاز المتسابق "
              "في برنامج \"ذا فويس\" باللقب. وعرض فيلم «الطريق إلى دمشق» أمس.");
    find(&r);
    assert_int_equal(r.nf, 0);
}

static void test_short_quote_without_speaker(void **state)
{
    run r;
    (void)state;
    start(&r, "وتناولت الصحف الخطة بعنوان \"خطوة في الاتجاه الصحيح\" دون تفاصيل.");
    find(&r);
    assert_int_equal(r.nf, 0);
}

static void test_long_quote_without_speaker(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "وعلقت لافتة كتب عليها «لن نغادر أرضنا مهما طال الحصار» عند "
              "مدخل القرية.");
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "لن نغادر أرضنا مهما طال الحصار");
    assert_true(f->flags & MARSAD_QUOTE_DIRECT);
    speaker_is(&r, f, NULL);
}

static void test_books_not_writing(void **state)
{
    run r;
    (void)state;
    start(&r, "وله كتب عديدة أخرى، منها \"رحلة في تاريخ المدن العربية القديمة\". "
              "وعلقت لوحة كتب عليها \"ممنوع الدخول إلا للعاملين\".");
    find(&r);
    /* the long title is still a long passage, but كتب is no verb here */
    for (size_t i = 0; i < r.nf; i++)
        assert_int_equal(r.f[i].speaker, -1);
    for (size_t i = 0; i < r.nf; i++)
        assert_true(r.f[i].start == r.f[i].text_start - strlen("\""));
}

static void test_not_that_clauses(void **state)
{
    run r;
    (void)state;
    start(&r, "أعلن الجيش مقتل ثلاثة مسلحين بعد أن حاصر المنزل. "
              "يذكر أن المدينة شهدت اشتباكات سابقة. ويجب أن تنتهي الحرب.");
    ent(&r, "الجيش", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 0);
    /* connectives: however, although, had already */
    start(&r, "وتتهم أنقرة الداعية بتدبير الانقلاب، غير أنه ينفي ذلك. "
              "وحذرت الهيئة من العملات، إذ سبق أن خسر مستثمرون أموالهم. "
              "وأعلن الجيش الهدنة رغم أن القتال مستمر.");
    ent(&r, "أنقرة", MARSAD_ENTITY_LOC, 1);
    ent(&r, "الجيش", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 0);
}

/* ------------------------------------------------------------ marks */

static void test_unclosed_after_verb(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "وقال عباس: \"لن نقبل بأقل من دولة كاملة السيادة\n"
              "وفي سياق آخر، افتتح معرض الكتاب.");
    ent(&r, "عباس", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "لن نقبل بأقل من دولة كاملة السيادة");
    speaker_is(&r, f, "عباس");
    assert_true(f->flags & MARSAD_QUOTE_DIRECT);
}

static void test_stray_mark(void **state)
{
    run r;
    (void)state;
    start(&r, "افتتح المعرض \"الدولي في المدينة وسط حضور كبير من الزوار\n"
              "وقال المدير سالم العلي: «نحن فخورون بهذا الإقبال الكبير».");
    ent(&r, "سالم العلي", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "نحن فخورون بهذا الإقبال الكبير"), "سالم العلي");
}

static void test_nested(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "وقال الكاظمي: «لن نسمح لـ\"داعش\" بالعودة إلى مدننا أبدا».");
    ent(&r, "الكاظمي", MARSAD_ENTITY_PER, 1);
    ent(&r, "داعش", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "لن نسمح لـ\"داعش\" بالعودة إلى مدننا أبدا");
    speaker_is(&r, f, "الكاظمي");
}

static void test_straight_pairs(void **state)
{
    run r;
    (void)state;
    start(&r, "وقال زيد: \"المشروع سينتهي قبل الصيف المقبل\"، ثم قال: "
              "\"والتمويل متوفر بالكامل لدينا الآن\".");
    ent(&r, "زيد", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "المشروع سينتهي قبل الصيف المقبل"), "زيد");
    speaker_is(&r, quote(&r, "والتمويل متوفر بالكامل لدينا الآن"), "زيد");
}

static void test_curly_marks(void **state)
{
    run r;
    (void)state;
    start(&r, "وكتب ماسك: “سنهبط على المريخ خلال عشر سنوات” وأضاف: "
              "‘الأمر ليس مستحيلا على الإطلاق’.");
    ent(&r, "ماسك", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "سنهبط على المريخ خلال عشر سنوات"), "ماسك");
    speaker_is(&r, quote(&r, "الأمر ليس مستحيلا على الإطلاق"), "ماسك");
}

static void test_apostrophe(void **state)
{
    run r;
    (void)state;
    start(&r, "He said: don't go there 'now' please. قال علي: 'الطريق مغلق "
              "تماما منذ الصباح'.");
    ent(&r, "علي", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "الطريق مغلق تماما منذ الصباح"), "علي");
}

/* ------------------------------------------------------------ hostile */

static void test_no_entities(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "قال الرئيس الروسي فلاديمير بوتين إن العقوبات لن تنجح.");
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "العقوبات لن تنجح");
    speaker_is(&r, f, NULL);
    assert_true(f->speaker_end > f->speaker_start);
}

static void test_empty_and_null_doc(void **state)
{
    run r;
    marsad_facts *fx;
    int err = 0;
    (void)state;
    start(&r, "");
    find(&r);
    assert_int_equal(r.nf, 0);
    fx = marsad_facts_new(NULL, &err);
    assert_non_null(fx);
    start(&r, "قال علي إن الجو جميل.");
    assert_int_equal(marsad_facts_find(fx, r.text, r.len, NULL, collect, &r),
                     MARSAD_OK);
    assert_int_equal(r.nf, 1);
    assert_int_equal(r.f[0].speaker, -1);
    marsad_facts_free(fx);
}

static void test_bad_entities(void **state)
{
    run r;
    (void)state;
    start(&r, "قال بوتين إن روسيا لن تتراجع.");
    /* out of order and past the text: ignored, never read past */
    r.e[0].start = 10;
    r.e[0].end = 20;
    r.e[0].type = MARSAD_ENTITY_PER;
    r.e[1].start = 2;
    r.e[1].end = 900;
    r.e[1].type = MARSAD_ENTITY_PER;
    r.e[2].start = 5;
    r.e[2].end = 1;
    r.e[2].type = 77;
    r.ne = 3;
    find(&r);
    assert_int_equal(r.nf, 1);
    /* in order but out of range */
    r.e[0].start = 4;
    r.e[0].end = 5000;
    r.e[1].start = 4000;
    r.e[1].end = 6000;
    r.e[2].start = 7000;
    r.e[2].end = 8000;
    find(&r);
    assert_int_equal(r.nf, 1);
    assert_int_equal(r.f[0].speaker, -1);
}

static void test_garbage(void **state)
{
    char buf[4096];
    unsigned x = 12345;
    static const char *const pieces[] = {
        "قال", "وأضاف", "إن", "أن", ":", "«", "»", "\"", "'", "“", "”",
        "‘", "’", "،", ".", "\n", " ", "بحسب", "وفقا", "لـ", "على حد تعبير",
        "مضيفا", "باسم", "\xff", "\xd8", "x", "5", "نقلا عن"
    };
    (void)state;
    for (int round = 0; round < 300; round++) {
        run r;
        size_t n = 0;
        while (n < sizeof buf - 32) {
            const char *p;
            x = x * 1103515245u + 12345u;
            if ((x >> 16) % 97 == 0)
                break;
            p = pieces[(x >> 16) % (sizeof pieces / sizeof *pieces)];
            memcpy(buf + n, p, strlen(p));
            n += strlen(p);
            buf[n++] = (x >> 8) % 3 ? ' ' : '\n';
        }
        buf[n] = 0;
        start(&r, buf);
        /* mentions on every few bytes, in order */
        for (size_t k = 0; k + 4 < n && r.ne < MAXE; k += 37) {
            r.e[r.ne].start = k;
            r.e[r.ne].end = k + 3;
            r.e[r.ne].type = 1 + (int)(r.ne % 4);
            r.ne++;
        }
        find(&r);
    }
}

/* ------------------------------------------------------------ round 2 */

static void test_ala_in_window(void **state)
{
    run r;
    (void)state;
    /* على is a preposition on the way to the marks, not على حد تعبير */
    start(&r, "وقال كريم نادر، وهو أستاذ يشرف على هذا البحث «النتائج "
              "تبشر بعلاج قريب للمرض».");
    ent(&r, "كريم نادر", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "النتائج تبشر بعلاج قريب للمرض"), "كريم نادر");
}

static void test_goes_on_with_description(void **state)
{
    run r;
    (void)state;
    start(&r, "وقال سالم عيد إن الفريق جاهز للمباراة. "
              "وأضاف المهاجم الدولي: الجمهور سيصنع الفارق.");
    ent(&r, "سالم عيد", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "الجمهور سيصنع الفارق"), "سالم عيد");
    /* reports are no one */
    start(&r, "وقال سالم عيد إن الفريق جاهز. "
              "وأضافت التقارير أن العقد يمتد عامين.");
    ent(&r, "سالم عيد", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "العقد يمتد عامين"), NULL);
    /* a noun governing a definite one (صاحب الرقم، لاعب X السابق) */
    start(&r, "وقال سالم عيد إن الفريق جاهز. "
              "وأردف صاحب الرقم 9: الجمهور سيصنع الفارق.");
    ent(&r, "سالم عيد", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الجمهور سيصنع الفارق"), "سالم عيد");
    /* far from the last quote: the person the text is about */
    start(&r, "وقال سالم عيد إن الفريق جاهز. وانتقل إلى النادي عام 2015. "
              "وسجل فيها 5 أهداف. ولعب عيد 20 مباراة. "
              "واختتم لاعب الهلال السابق: الجمهور سيصنع الفارق.");
    ent(&r, "سالم عيد", MARSAD_ENTITY_PER, 1);
    ent(&r, "عيد", MARSAD_ENTITY_PER, 2);
    find(&r);
    speaker_is(&r, quote(&r, "الجمهور سيصنع الفارق"), "سالم عيد");
}

static void test_noun_takes_up_org(void **state)
{
    run r;
    (void)state;
    start(&r, "رفعت وكالة موديز تصنيف البلاد. وانخفضت الأسهم في البورصة. "
              "وقالت الوكالة إن الآفاق مستقرة.");
    ent(&r, "وكالة موديز", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "الآفاق مستقرة"), "وكالة موديز");
    /* the kind written before the name */
    start(&r, "نشرت صحيفة «الأيام» تحقيقا مطولا. "
              "وذكرت الصحيفة أن الوثائق مزورة.");
    ent(&r, "الأيام", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الوثائق مزورة"), "الأيام");
    /* the relational adjective of the body's name */
    start(&r, "استدعت وزارة الخارجية السفير. "
              "وقالت الخارجية إن الخطوة ضرورية.");
    ent(&r, "وزارة الخارجية", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الخطوة ضرورية"), "وزارة الخارجية");
    /* a person of a body (مدافع النادي) is not the body */
    start(&r, "وانتقل مدافع الرائد فهد سالم إلى الشباب. "
              "وقال المدافع الشاب إن القرار صعب.");
    ent(&r, "الرائد", MARSAD_ENTITY_ORG, 1);
    ent(&r, "فهد سالم", MARSAD_ENTITY_PER, 1);
    ent(&r, "الشباب", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "القرار صعب"), "فهد سالم");
}

static void test_named_after_unnamed(void **state)
{
    run r;
    (void)state;
    /* a man's verb after unnamed words with a woman's verb: the one
     * named since */
    start(&r, "وأضافت التقارير أن العقد يمتد عامين.\n"
              "وأعرب مدربه، سام عيد عن رغبته في بقائه.\n"
              "وقال: \"العرض يجب أن يكون ضخما\".");
    ent(&r, "سام عيد", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "العقد يمتد عامين"), NULL);
    speaker_is(&r, quote(&r, "العرض يجب أن يكون ضخما"), "سام عيد");
}

static void test_spokesman_of_body(void **state)
{
    run r;
    (void)state;
    /* البنتاغون before the spokesman's name is the body, not his title */
    start(&r, "وقال المتحدث باسم البنتاغون سام عيد إن الضربة نجحت. "
              "وفي وقت لاحق، قالت البنتاغون إن القائد قتل.");
    ent(&r, "سام عيد", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "الضربة نجحت"), "سام عيد");
    body_is(&r, quote(&r, "القائد قتل"), "البنتاغون");
}

static void test_kind_named_before(void **state)
{
    run r;
    (void)state;
    /* a kind and what it does, after one of that kind was named */
    start(&r, "خفضت وكالة #ستاندرد_آند_بورز تصنيف البلاد. "
              "وذكرت وكالة التصنيف الائتماني أن الآفاق سلبية. "
              "وقالت الوكالة في بيان إن الدين يتزايد.");
    ent(&r, "ستاندرد_آند_بورز", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "الآفاق سلبية"), "ستاندرد_آند_بورز");
    speaker_is(&r, quote(&r, "الدين يتزايد"), "ستاندرد_آند_بورز");
    /* the kind is part of another name: not that one */
    start(&r, "نقلت وكالة الأنباء الفرنسية الخبر. "
              "وذكرت وكالة التصنيف الائتماني أن الآفاق سلبية.");
    ent(&r, "وكالة الأنباء الفرنسية", MARSAD_ENTITY_ORG, 1);
    find(&r);
    body_is(&r, quote(&r, "الآفاق سلبية"), "وكالة التصنيف الائتماني");
}

static void test_statement_issuer(void **state)
{
    run r;
    (void)state;
    start(&r, "ونشر بيان أصدرته هيئة الموانئ تفاصيل الحادث. "
              "وقال البيان إن السفينة غرقت قرب الساحل.");
    ent(&r, "هيئة الموانئ", MARSAD_ENTITY_ORG, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "السفينة غرقت قرب الساحل"), "هيئة الموانئ");
    /* the statement of the one just quoted */
    start(&r, "قالت وزارة الصحة في بيان إن الإصابات تراجعت. "
              "وذكر البيان أن المستشفيات جاهزة.");
    ent(&r, "وزارة الصحة", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "المستشفيات جاهزة"), "وزارة الصحة");
    /* X في بيان, then the statement named again before it speaks */
    start(&r, "وصفت إمارة منطقة تبوك في بيان الحادث بالخطير. "
              "وتطرق البيان إلى الأسباب. "
              "وذكر البيان أن السفينة غرقت.");
    ent(&r, "تبوك", MARSAD_ENTITY_LOC, 1);
    find(&r);
    body_is(&r, quote(&r, "السفينة غرقت"), "إمارة منطقة تبوك");
    /* the body that put it out stays, after another speaker */
    start(&r, "وقال سالم عيد إن الطريق مغلق. "
              "ووصفت إمارة منطقة تبوك في بيان الحادث بالخطير. "
              "وذكر البيان أن السفينة غرقت.");
    ent(&r, "سالم عيد", MARSAD_ENTITY_PER, 1);
    ent(&r, "تبوك", MARSAD_ENTITY_LOC, 1);
    find(&r);
    body_is(&r, quote(&r, "السفينة غرقت"), "إمارة منطقة تبوك");
}

static void test_participle_opens_sentence(void **state)
{
    run r;
    (void)state;
    start(&r, "دعا النائب سمير حداد الحكومة إلى الاستقالة. "
              "مشيرا إلى أن الأزمة تتفاقم.");
    ent(&r, "سمير حداد", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "الأزمة تتفاقم"), "سمير حداد");
}

static void test_name_after_li_not_subject(void **state)
{
    run r;
    (void)state;
    /* a name tagged inside لـ ... is a phrase of the subject */
    start(&r, "قال المدرب الجديد لريال بيتيس مانويل بيليغريني إن الفريق "
              "سيتحسن.");
    ent(&r, "ريال بيتيس", MARSAD_ENTITY_PER, 1);
    ent(&r, "مانويل بيليغريني", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "الفريق سيتحسن"), "مانويل بيليغريني");
}

static void test_unnamed_taken_for_name(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    start(&r, "قال منظمون إن المعرض استقبل آلاف الزوار.");
    ent(&r, "منظمون", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    f = quote(&r, "المعرض استقبل آلاف الزوار");
    speaker_is(&r, f, NULL);
    speaker_words(&r, f, "منظمون");
}

static void test_marks_far_from_verb(void **state)
{
    run r;
    (void)state;
    start(&r, "وقال هاني فؤاد وهو أحد القائمين على تنظيم المعرض الذي يختتم "
              "فعالياته غدا بعد أن استمر طوال الشهر في قاعة المدينة الكبرى "
              "\"يزور المعرض آلاف الناس في اليوم الواحد\".");
    ent(&r, "هاني فؤاد", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "يزور المعرض آلاف الناس في اليوم الواحد"),
               "هاني فؤاد");
    /* ونقلت الوكالة عن X «...» */
    start(&r, "ونقلت الوكالة، عن منى صبري \"أوقفنا العمل لأسبوعين "
              "حتى تنتهي المفاوضات\".");
    ent(&r, "منى صبري", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "أوقفنا العمل لأسبوعين حتى تنتهي المفاوضات"),
               "منى صبري");
}

static void test_more_verbs_and_windows(void **state)
{
    run r;
    (void)state;
    start(&r, "وتعهد رامي عادل بأن الامتحانات ستكون نزيهة. "
              "واعترفت سعاد ناجي بأن الشركة أخطأت.");
    ent(&r, "رامي عادل", MARSAD_ENTITY_PER, 1);
    ent(&r, "سعاد ناجي", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "الامتحانات ستكون نزيهة"), "رامي عادل");
    speaker_is(&r, quote(&r, "الشركة أخطأت"), "سعاد ناجي");
    /* what stands between commas does not take أن away from the verb */
    start(&r, "وأعلن وليد سعيد، في مؤتمر صحفي مشترك مع نظيره التونسي "
              "في العاصمة، أن الحدود ستفتح.");
    ent(&r, "وليد سعيد", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الحدود ستفتح"), "وليد سعيد");
    /* قال takes no noun object: a long subject is fine */
    start(&r, "وقال وليد سعيد رئيس قسم الأبحاث في معهد الطب في العاصمة "
              "لوكالة الأنباء هذا الأسبوع إن الوباء ينحسر.");
    ent(&r, "وليد سعيد", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الوباء ينحسر"), "وليد سعيد");
    /* a hashtag on the way */
    start(&r, "وأوضح وليد سعيد رئيس إدارة #الصحة أن المستشفى امتلأ.");
    ent(&r, "وليد سعيد", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "المستشفى امتلأ"), "وليد سعيد");
}

static void test_clause_before_participle(void **state)
{
    run r;
    (void)state;
    start(&r, "واعترف ماهر بأن الشركة تأخرت، لكنه دافع عن خطته قائلا: "
              "\"لن نتراجع عن الخطة\".");
    ent(&r, "ماهر", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "الشركة تأخرت"), "ماهر");
    speaker_is(&r, quote(&r, "لن نتراجع عن الخطة"), "ماهر");
}

static void test_qawluhu(void **state)
{
    run r;
    (void)state;
    start(&r, "ونقل موقع النادي عن اللاعب حسن علي قوله: الفوز مستحق.");
    ent(&r, "حسن علي", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "الفوز مستحق"), "حسن علي");
}

static void test_comma_after_bare_verb(void **state)
{
    run r;
    (void)state;
    start(&r, "وأكد نبيل سمير أن البيع يبدأ قريبا. "
              "وقال، ما يقال عن الأسعار غير صحيح.");
    ent(&r, "نبيل سمير", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "ما يقال عن الأسعار غير صحيح"), "نبيل سمير");
}

static void test_bare_verb_after_new_subject(void **state)
{
    run r;
    (void)state;
    /* someone else named since the last quote, as the subject of the
     * sentence before: the bare verb is theirs */
    start(&r, "وقال ماكرون إن فرنسا لن تتراجع. "
              "وأعرب مدربه، جمال حسن عن رغبته في البقاء. "
              "وقال: \"الشائعات لا أساس لها\".");
    ent(&r, "ماكرون", MARSAD_ENTITY_PER, 1);
    ent(&r, "فرنسا", MARSAD_ENTITY_LOC, 1);
    ent(&r, "جمال حسن", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الشائعات لا أساس لها"), "جمال حسن");
    /* not when the one named since is not a subject */
    start(&r, "وقال ماكرون إن فرنسا لن تتراجع. "
              "وكانت الحكومة قد أرسلت وفدا كبيرا للقاء جمال حسن. "
              "وقال: \"الشائعات لا أساس لها\".");
    ent(&r, "ماكرون", MARSAD_ENTITY_PER, 1);
    ent(&r, "فرنسا", MARSAD_ENTITY_LOC, 1);
    ent(&r, "جمال حسن", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الشائعات لا أساس لها"), NULL);
}

static void test_title_in_construct(void **state)
{
    run r;
    (void)state;
    /* مستشار الوزير X: the adviser speaks, not the one he advises; the
     * adviser is the one given that title before */
    start(&r, "وصل مستشار سامر خليل، الدكتور نادر فهمي إلى المدينة. "
              "وقال مستشار سامر خليل إن الزيارة ناجحة.");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    ent(&r, "نادر فهمي", MARSAD_ENTITY_PER, 1);
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 2);
    find(&r);
    speaker_is(&r, quote(&r, "الزيارة ناجحة"), "نادر فهمي");
    /* a name in apposition after the title still speaks */
    start(&r, "وقال مستشار سامر خليل نادر فهمي إن الزيارة ناجحة.");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    ent(&r, "نادر فهمي", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الزيارة ناجحة"), "نادر فهمي");
    /* with no holder named, no one */
    start(&r, "وقال مستشار سامر خليل إن الزيارة ناجحة.");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الزيارة ناجحة"), NULL);
}

static void test_relative_clause_skipped(void **state)
{
    run r;
    (void)state;
    /* a relative clause between commas after the subject */
    start(&r, "واعتبرت منظمة الرصد، التي تقول إنها مستقلة عن الحكومات، "
              "أن الأحكام قاسية.");
    ent(&r, "منظمة الرصد", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الأحكام قاسية"), "منظمة الرصد");
}

static void test_sentence_subject(void **state)
{
    run r;
    (void)state;
    /* words in marks with no verb of saying: the subject of their
     * sentence, not the one quoted just before */
    start(&r, "وقال نادر فهمي إن الوضع صعب. "
              "وطالب سامر خليل الحضور ببذل الجهد \"لأن البلاد تنتظر منا "
              "الكثير في هذه المرحلة\".");
    ent(&r, "نادر فهمي", MARSAD_ENTITY_PER, 1);
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "لأن البلاد تنتظر منا الكثير في هذه المرحلة"),
               "سامر خليل");
    /* a name after a preposition (also one in marks) is no subject, and
     * words in marks that no one says are no quote */
    start(&r, "وتحدث الحضور مع سامر خليل عن \"الخطة التي أعدتها الوزارة "
              "لتطوير المدارس\".");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 0);
    start(&r, "وختمت المصادر لـ «الرائد»: «الاجتماع سيعقد في موعده المحدد "
              "الأسبوع المقبل».");
    ent(&r, "الرائد", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الاجتماع سيعقد في موعده المحدد الأسبوع المقبل"),
               NULL);
}

static void test_marks_unsaid(void **state)
{
    run r;
    (void)state;
    /* a passage in marks that opens its sentence goes on the speech of
     * the one quoted just before */
    start(&r, "وقال نادر فهمي: \"الوضع صعب في المدينة\". \"نحن نعمل ليلا "
              "ونهارا لإصلاح ما تهدم\".");
    ent(&r, "نادر فهمي", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "نحن نعمل ليلا ونهارا لإصلاح ما تهدم"),
               "نادر فهمي");
    /* one inside a sentence with a subject of its own that is no name is
     * not his, and no quote at all */
    start(&r, "وقال نادر فهمي: \"الوضع صعب في المدينة\". وكانت محكمة محلية "
              "قد أدانت الصحفيين \"بنشر أخبار كاذبة عن الوضع في البلاد\".");
    ent(&r, "نادر فهمي", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    speaker_is(&r, quote(&r, "الوضع صعب في المدينة"), "نادر فهمي");
}

static void test_long_titled_subject(void **state)
{
    run r;
    (void)state;
    /* a title of many words with the person's name last, then a comma
     * and أن: no noun object between the verb and أن */
    start(&r, "وأوضح المشرف على التعاون الدولي في الجامعة الدكتور سامر "
              "بن ناصر خليل، أن المهرجان يستقبل ألف زائر كل يوم.");
    ent(&r, "سامر بن ناصر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "المهرجان يستقبل ألف زائر كل يوم"),
               "سامر بن ناصر خليل");
    /* بين after من جانبه is a verb of saying, elsewhere "between" */
    start(&r, "من جانبه بين مدير النادي سامر خليل أن الفريق سيلعب غدا.");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الفريق سيلعب غدا"), "سامر خليل");
    start(&r, "وجلس سامر خليل بين أن يبقى وأن يرحل.");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 0);
}

static void test_finding(void **state)
{
    run r;
    (void)state;
    /* وجد reports what follows أن right after a subject named or with
     * the article */
    start(&r, "ووجد فريق الدراسة أن النوم المبكر يحسن الذاكرة.");
    find(&r);
    quote(&r, "النوم المبكر يحسن الذاكرة");
    start(&r, "ووجد تحقيق داخلي أن الإدارة أخطأت في الحساب.");
    find(&r);
    quote(&r, "الإدارة أخطأت في الحساب");
    /* not "found oneself ... that", nor إن "if" */
    start(&r, "وجدت نفسي أطلب من صديقي أن يساعدني في العمل.");
    find(&r);
    assert_int_equal(r.nf, 0);
    start(&r, "توضع الخضراوات في الأدراج إن وجدت أو في الرف الأوسط إن لم "
              "توجد الأدراج.");
    find(&r);
    assert_int_equal(r.nf, 0);
}

static void test_contrast_report(void **state)
{
    run r;
    (void)state;
    /* a report set against another with لكن starts a quote of its own */
    start(&r, "وقال سامر خليل إن المبنى سليم لكن آخرين قالوا إنه يحتاج إلى "
              "ترميم.");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 2);
    speaker_is(&r, quote(&r, "المبنى سليم"), "سامر خليل");
    speaker_is(&r, quote(&r, "يحتاج إلى ترميم"), NULL);
    /* لكن with no report after it stays inside the quote */
    start(&r, "وقال سامر خليل إن المبنى سليم لكن الترميم ضروري.");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    quote(&r, "المبنى سليم لكن الترميم ضروري");
}

static void test_relay(void **state)
{
    run r;
    const marsad_fact *f;
    (void)state;
    /* نقلت X عن Y أن: Y speaks, X is the medium */
    start(&r, "ونقلت وكالة الأنباء عن سامر خليل أن المدرب سيرحل قريبا.");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    f = quote(&r, "المدرب سيرحل قريبا");
    speaker_is(&r, f, "سامر خليل");
    medium_is(&r, f, "وكالة الأنباء");
    /* عن unnamed people قولهم: no speaker */
    start(&r, "ونقلت وكالة الأنباء عن ناشطين قولهم إن الطريق مغلق.");
    find(&r);
    speaker_is(&r, quote(&r, "الطريق مغلق"), NULL);
    /* نقل in its other sense */
    start(&r, "ونقلت الشركة مقرها إلى المدينة بعد أن ارتفعت الأسعار.");
    find(&r);
    assert_int_equal(r.nf, 0);
}

static void test_source_in_marks(void **state)
{
    run r;
    (void)state;
    /* وفقا لبيانات "X": the name in marks is the source */
    start(&r, "ووفقا لبيانات \"راصد\"، خسر الحساب نحو ألف متابع.");
    find(&r);
    body_is(&r, quote(&r, "خسر الحساب نحو ألف متابع"), "راصد");
    /* حسبما أفادت X: as حسب ما */
    start(&r, "وخسر الحساب نحو ألف متابع، حسبما أفادت مؤسسة الرائد.");
    ent(&r, "مؤسسة الرائد", MARSAD_ENTITY_ORG, 1);
    find(&r);
    speaker_is(&r, quote(&r, "وخسر الحساب نحو ألف متابع"), "مؤسسة الرائد");
}

static void test_noun_after_ila(void **state)
{
    run r;
    (void)state;
    /* أن after a noun that إلى governs belongs to the noun */
    start(&r, "وقال سامر خليل إن الطبخ فن، منوها إلى خطأ الاعتقاد السائد "
              "بأن الطبخ عمل سهل.");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    assert_int_equal(r.nf, 1);
    /* أشار إلى أن: the words are the speaker's */
    start(&r, "وقال سامر خليل إن الطبخ فن، مشيرا إلى أن الطبخ عمل صعب.");
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الطبخ عمل صعب"), "سامر خليل");
}

static void test_counterpart(void **state)
{
    static const char text[] =
        "قال وزير الخارجية المصري، نادر فهمي، إن القمة مهمة.\n"
        "وأعلن فهمي، في مؤتمر مع نظيره الأردني سامر خليل، أن الحوار "
        "مستمر.\n"
        "وشدد وزير خارجية الأردن على أن الأمن أولوية.\n"
        "وأكد وزير خارجية مصر أن العلاقات قوية.";
    run r;
    (void)state;
    /* نظيره الأردني X: X is the Jordanian holder of the title of the one
     * named before; the Egyptian one keeps his own */
    start(&r, text);
    ent(&r, "نادر فهمي", MARSAD_ENTITY_PER, 1);
    ent(&r, "فهمي", MARSAD_ENTITY_PER, 2);
    ent(&r, "سامر خليل", MARSAD_ENTITY_PER, 1);
    find(&r);
    speaker_is(&r, quote(&r, "الأمن أولوية"), "سامر خليل");
    speaker_is(&r, quote(&r, "العلاقات قوية"), "نادر فهمي");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_said_that),
        cmocka_unit_test(test_said_in_statement),
        cmocka_unit_test(test_verb_forms),
        cmocka_unit_test(test_prepositions_before_that),
        cmocka_unit_test(test_title_and_name),
        cmocka_unit_test(test_spokesman_of_ministry),
        cmocka_unit_test(test_org_and_country),
        cmocka_unit_test(test_unnamed_source),
        cmocka_unit_test(test_official_of_org),
        cmocka_unit_test(test_subject_before_verb),
        cmocka_unit_test(test_apposition),
        cmocka_unit_test(test_direct_after_colon),
        cmocka_unit_test(test_direct_after_that),
        cmocka_unit_test(test_direct_before_verb),
        cmocka_unit_test(test_added_direct_pronoun),
        cmocka_unit_test(test_added_that_pronoun),
        cmocka_unit_test(test_pronoun_from_earlier_sentence),
        cmocka_unit_test(test_pronoun_unclear),
        cmocka_unit_test(test_participle_subject),
        cmocka_unit_test(test_pronoun_organization_since),
        cmocka_unit_test(test_title_elsewhere),
        cmocka_unit_test(test_title_back_and_honorific),
        cmocka_unit_test(test_pronoun_gender),
        cmocka_unit_test(test_fullest_name),
        cmocka_unit_test(test_participle),
        cmocka_unit_test(test_according_to_agency),
        cmocka_unit_test(test_according_to_newspaper),
        cmocka_unit_test(test_quoting_and_in_words_of),
        cmocka_unit_test(test_according_to_plan_not_speech),
        cmocka_unit_test(test_medium_network),
        cmocka_unit_test(test_medium_interview),
        cmocka_unit_test(test_scare_quotes),
        cmocka_unit_test(test_short_quote_without_speaker),
        cmocka_unit_test(test_long_quote_without_speaker),
        cmocka_unit_test(test_books_not_writing),
        cmocka_unit_test(test_not_that_clauses),
        cmocka_unit_test(test_unclosed_after_verb),
        cmocka_unit_test(test_stray_mark),
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_straight_pairs),
        cmocka_unit_test(test_curly_marks),
        cmocka_unit_test(test_apostrophe),
        cmocka_unit_test(test_no_entities),
        cmocka_unit_test(test_empty_and_null_doc),
        cmocka_unit_test(test_bad_entities),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_ala_in_window),
        cmocka_unit_test(test_goes_on_with_description),
        cmocka_unit_test(test_noun_takes_up_org),
        cmocka_unit_test(test_statement_issuer),
        cmocka_unit_test(test_participle_opens_sentence),
        cmocka_unit_test(test_name_after_li_not_subject),
        cmocka_unit_test(test_unnamed_taken_for_name),
        cmocka_unit_test(test_marks_far_from_verb),
        cmocka_unit_test(test_more_verbs_and_windows),
        cmocka_unit_test(test_clause_before_participle),
        cmocka_unit_test(test_qawluhu),
        cmocka_unit_test(test_comma_after_bare_verb),
        cmocka_unit_test(test_bare_verb_after_new_subject),
        cmocka_unit_test(test_title_in_construct),
        cmocka_unit_test(test_relative_clause_skipped),
        cmocka_unit_test(test_sentence_subject),
        cmocka_unit_test(test_marks_unsaid),
        cmocka_unit_test(test_long_titled_subject),
        cmocka_unit_test(test_finding),
        cmocka_unit_test(test_contrast_report),
        cmocka_unit_test(test_relay),
        cmocka_unit_test(test_source_in_marks),
        cmocka_unit_test(test_noun_after_ila),
        cmocka_unit_test(test_counterpart),
        cmocka_unit_test(test_body_as_subject),
        cmocka_unit_test(test_body_fuller_naming),
        cmocka_unit_test(test_body_spoken_for),
        cmocka_unit_test(test_issued_by),
        cmocka_unit_test(test_kind_named_before),
        cmocka_unit_test(test_spokesman_of_body),
        cmocka_unit_test(test_named_after_unnamed),
        cmocka_unit_test(test_name_tail),
        cmocka_unit_test(test_honorific_formulas),
        cmocka_unit_test(test_office_and_medium),
        cmocka_unit_test(test_relative_clause),
        cmocka_unit_test(test_body_before_verb),
        cmocka_unit_test(test_coordinated_verb),
        cmocka_unit_test(test_generic_body),
        cmocka_unit_test(test_person_in_a_place_name),
        cmocka_unit_test(test_without_borders),
        cmocka_unit_test(test_title_named_elsewhere),
        cmocka_unit_test(test_described_as),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
