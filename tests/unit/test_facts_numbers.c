/*
 * test_facts_numbers.c - the number finder (src/core/numbers.c) through
 * marsad_facts_find: digits in both scripts with group and decimal marks,
 * percentages, number words of every gender and case with their clitics,
 * compounds, scale words after digits, fractions, ordinals, vague
 * quantities, approximation and bound words, ranges, the counted noun,
 * what is not a number (names, years, times, month names, one-of words,
 * duals of nouns), and garbage or truncated input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "marsad.h"

/* ------------------------------------------------------------ helpers */

#define MAXF 64

typedef struct found {
    const char *text;
    size_t n;
    marsad_fact f[MAXF];
} found;

static found got;

static int collect(void *ud, const marsad_fact *f)
{
    found *g = ud;
    assert_int_equal(f->kind, MARSAD_FACT_NUMBER);
    assert_true(f->start < f->end);
    assert_true(f->end <= strlen(g->text));
    assert_true(f->unit_start <= f->unit_end);
    if (g->n < MAXF)
        g->f[g->n++] = *f;
    return 0;
}

/* Runs the finder for numbers only on text. */
static size_t run(const char *text)
{
    int err = 0;
    marsad_facts *fx = marsad_facts_new(NULL, &err);
    marsad_facts_doc doc;
    assert_non_null(fx);
    memset(&doc, 0, sizeof doc);
    doc.kinds = 1u << MARSAD_FACT_NUMBER;
    memset(&got, 0, sizeof got);
    got.text = text;
    assert_int_equal(marsad_facts_find(fx, text, strlen(text), &doc, collect,
                                       &got),
                     MARSAD_OK);
    marsad_facts_free(fx);
    return got.n;
}

/* The fact whose span holds the first occurrence of piece; fails if
 * none does. */
static const marsad_fact *at(const char *piece)
{
    const char *p = strstr(got.text, piece);
    size_t s, e;
    if (!p)
        fail_msg("'%s' is not in the text", piece);
    s = (size_t)(p - got.text);
    e = s + strlen(piece);
    /* spaces at the ends of piece only make it unique */
    while (s < e && got.text[s] == ' ')
        s++;
    while (e > s && got.text[e - 1] == ' ')
        e--;
    for (size_t k = 0; k < got.n; k++)
        if (got.f[k].start <= s && e <= got.f[k].end)
            return &got.f[k];
    fail_msg("no number over '%s'", piece);
    return NULL;
}

/* No fact overlaps the first occurrence of piece. */
static void none_at(const char *piece)
{
    const char *p = strstr(got.text, piece);
    size_t s, e;
    assert_non_null(p);
    s = (size_t)(p - got.text);
    e = s + strlen(piece);
    for (size_t k = 0; k < got.n; k++)
        if (got.f[k].start < e && s < got.f[k].end)
            fail_msg("a number (%g) over '%s'", got.f[k].value, piece);
}

static void value_is(const char *piece, double v)
{
    const marsad_fact *f = at(piece);
    double diff = f->value - v;
    if (diff < 0)
        diff = -diff;
    if (diff > 1e-9 * (v < 0 ? -v : v) + 1e-9)
        fail_msg("'%s': value %.17g, expected %.17g", piece, f->value, v);
}

static void unit_is(const char *piece, const char *unit)
{
    const marsad_fact *f = at(piece);
    size_t n = strlen(unit);
    if (f->unit_end - f->unit_start != n ||
        memcmp(got.text + f->unit_start, unit, n) != 0)
        fail_msg("'%s': unit '%.*s', expected '%s'", piece,
                 (int)(f->unit_end - f->unit_start),
                 got.text + f->unit_start, unit);
}

static void no_unit(const char *piece)
{
    const marsad_fact *f = at(piece);
    assert_int_equal(f->unit_start, f->unit_end);
}

/* The span of the fact over piece is exactly span. */
static void span_is(const char *piece, const char *span)
{
    const marsad_fact *f = at(piece);
    const char *p = strstr(got.text, span);
    assert_non_null(p);
    assert_int_equal(f->start, (size_t)(p - got.text));
    assert_int_equal(f->end, (size_t)(p - got.text) + strlen(span));
}

/* ------------------------------------------------------------ digits */

static void test_digits_and_unit(void **state)
{
    (void)state;
    assert_int_equal(run("قتل 2500 جندي في الهجوم."), 1);
    value_is("2500", 2500);
    unit_is("2500", "جندي");
    span_is("2500", "2500 جندي");
    assert_int_equal(got.f[0].flags, 0);
    assert_int_equal(got.f[0].bound, MARSAD_BOUND_NONE);
    assert_true(got.f[0].value_max == 2500);
    assert_int_equal(got.f[0].sentence, 0);
}

static void test_digits_in_parts(void **state)
{
    (void)state;
    /* digits in parts after their scales are one number */
    assert_int_equal(run("بلغ عدد السكان 21 مليونا و835 ألفا و387 نسمة."), 1);
    value_is("21", 21835387);
    /* scale words beyond what an integer holds: read, not parted */
    assert_true(run("قدرت بين 10 و299999999999990 مليون دولار و5.") >= 1);
    assert_true(run("مضى 299999999999990 مليون عام ونصف.") >= 1);
}

static void test_unit_accusative_and_first_noun(void **state)
{
    (void)state;
    run("قطعت القافلة 6846 كيلومترا. وصلت 75 طائرة نقل إلى المطار.");
    value_is("6846", 6846);
    unit_is("6846", "كيلومترا");
    value_is("75", 75);
    unit_is("75", "طائرة");
    assert_int_equal(at("75")->sentence, 1);
}

static void test_arabic_indic_digits(void **state)
{
    (void)state;
    run("سجلت الوزارة ٤٠ حادثة و١٬٢٥٠٬٠٠٠ زائر وبلغ المعدل ٣٫٥ نقطة.");
    value_is("٤٠", 40);
    unit_is("٤٠", "حادثة");
    value_is("١٬٢٥٠٬٠٠٠", 1250000);
    value_is("٣٫٥", 3.5);
}

static void test_group_and_decimal_marks(void **state)
{
    (void)state;
    run("بلغ العدد 1,250,000 ثم 1.250.000 ثم 1.25 ثم 12,5 ثم 1,250 ثم "
        "1,250.75 ثم 14.500 متطوع.");
    value_is("1,250,000", 1250000);
    value_is("1.250.000", 1250000);
    value_is("1.25 ", 1.25);
    value_is("12,5", 12.5);
    value_is("1,250 ", 1250);
    value_is("1,250.75", 1250.75);
    /* a decimal is not written with a trailing zero */
    value_is("14.500", 14500);
}

static void test_bad_marks_are_skipped(void **state)
{
    (void)state;
    run("الإصدار 1.2.3 والعنوان 10.0.0.1 ثم 12,34,5 انتهى.");
    none_at("1.2.3");
    none_at("10.0.0.1");
    none_at("12,34,5");
}

static void test_long_digit_strings(void **state)
{
    char text[1200];
    size_t k = 0;
    (void)state;
    memcpy(text, "العدد ", strlen("العدد "));
    k = strlen("العدد ");
    for (int i = 0; i < 400; i++)
        text[k++] = (char)('1' + i % 9);
    memcpy(text + k, " شخص و", strlen(" شخص و"));
    k += strlen(" شخص و");
    for (int i = 0; i < 300; i++)
        text[k++] = i % 4 == 3 ? ',' : '9';
    memcpy(text + k, " و0.", strlen(" و0."));
    k += strlen(" و0.");
    for (int i = 0; i < 20; i++)
        text[k++] = '5';
    text[k] = 0;
    run(text);
    /* too many digits to be a count: skipped, never inf or UB */
    for (size_t i = 0; i < got.n; i++)
        assert_true(got.f[i].value < 1e16);
    /* a long decimal part is read to nine places */
    value_is("0.555", 0.555555555);
    /* and the 400 digits give no number */
    assert_int_equal(got.n, 1);
}

/* ------------------------------------------------------------ percent */

static void test_percent_forms(void **state)
{
    (void)state;
    run("ارتفعت النسبة ١٢٫٥٪ و15% و%20 و30 في المئة و40 في المائة "
        "و50 بالمئة و60 بالمائة وثلاثة في المئة و70 %.");
    value_is("١٢٫٥٪", 12.5);
    assert_true(at("١٢٫٥٪")->flags & MARSAD_NUM_PERCENT);
    value_is("15%", 15);
    assert_true(at("15%")->flags & MARSAD_NUM_PERCENT);
    value_is("%20", 20);
    assert_true(at("%20")->flags & MARSAD_NUM_PERCENT);
    span_is("30 في", "30 في المئة");
    assert_true(at("30 في")->flags & MARSAD_NUM_PERCENT);
    assert_true(at("40 في")->flags & MARSAD_NUM_PERCENT);
    assert_true(at("50 بالمئة")->flags & MARSAD_NUM_PERCENT);
    assert_true(at("60 بالمائة")->flags & MARSAD_NUM_PERCENT);
    value_is("ثلاثة في", 3);
    assert_true(at("ثلاثة في")->flags & MARSAD_NUM_PERCENT);
    assert_true(at("ثلاثة في")->flags & MARSAD_NUM_WORDS);
    assert_true(at("70 %")->flags & MARSAD_NUM_PERCENT);
    no_unit("15%");
}

/* ------------------------------------------------------------ words */

static void test_words_genders_and_cases(void **state)
{
    (void)state;
    run("وصل ثلاث نساء وثلاثة رجال وثلاثون طفلا وثلاثين جنديا.");
    value_is("ثلاث نساء", 3);
    unit_is("ثلاث نساء", "نساء");
    value_is("ثلاثة رجال", 3);
    value_is("ثلاثون", 30);
    value_is("ثلاثين", 30);
    assert_true(at("ثلاثون")->flags & MARSAD_NUM_WORDS);
    assert_int_equal(got.n, 4);
}

static void test_word_clitics(void **state)
{
    (void)state;
    run("اكتفى بثلاثة لاعبين ولخمسة أيام فقط.");
    value_is("ثلاثة لاعبين", 3);
    unit_is("ثلاثة لاعبين", "لاعبين");
    value_is("خمسة أيام", 5);
    /* the span starts after the clitics */
    span_is("خمسة أيام", "خمسة أيام");
    span_is("ثلاثة لاعبين", "ثلاثة لاعبين");
}

static void test_compounds(void **state)
{
    (void)state;
    run("حضر ثلاثة وعشرون ألفا من المشجعين. ودفع مئتان وخمسون مشتركا. "
        "وسجل ألف وخمسمئة زائر. وبقي خمسة عشر شخصا. وبلغ إحدى عشرة "
        "دولة. وبيع ثلاث مئة ألف نسخة. وأنفق مليون وخمسمئة ألف دينار.");
    value_is("ثلاثة وعشرون", 23000);
    unit_is("ثلاثة وعشرون", "المشجعين");
    value_is("مئتان وخمسون", 250);
    value_is("ألف وخمسمئة", 1500);
    unit_is("ألف وخمسمئة", "زائر");
    value_is("خمسة عشر", 15);
    value_is("إحدى عشرة", 11);
    value_is("ثلاث مئة ألف", 300000);
    value_is("مليون وخمسمئة", 1500000);
}

static void test_scale_words_alone_and_duals(void **state)
{
    (void)state;
    run("أنفقت ألف دولار ومليون يورو وألفين آخرين ومليوني دولار وملياري "
        "ريال وتريليون دولار.");
    value_is("ألف دولار", 1000);
    value_is("مليون يورو", 1e6);
    value_is("ألفين", 2000);
    value_is("مليوني", 2e6);
    unit_is("مليوني", "دولار");
    value_is("ملياري", 2e9);
    value_is("تريليون", 1e12);
}

static void test_plural_scale_after_number(void **state)
{
    (void)state;
    run("وصل ثمانية آلاف شخص وثلاثة ملايين نسمة وخمسة مليارات دولار.");
    value_is("ثمانية آلاف", 8000);
    unit_is("ثمانية آلاف", "شخص");
    assert_false(at("ثمانية آلاف")->flags & MARSAD_NUM_VAGUE);
    value_is("ثلاثة ملايين", 3e6);
    value_is("خمسة مليارات", 5e9);
}

static void test_mixed_digits_and_scale(void **state)
{
    (void)state;
    run("خصص 100 ألف دولار و2.5 مليون يورو و3 مليارات ريال و100 مليون "
        "دولار ويعيش 3 ملايين نسمة.");
    value_is("100 ألف", 100000);
    unit_is("100 ألف", "دولار");
    assert_true(at("100 ألف")->flags & MARSAD_NUM_WORDS);
    value_is("2.5 مليون", 2500000);
    value_is("3 مليارات", 3e9);
    value_is("100 مليون", 1e8);
    value_is("3 ملايين", 3e6);
    unit_is("3 ملايين", "نسمة");
}

/* ------------------------------------------------------------ fractions */

static void test_fractions(void **state)
{
    (void)state;
    run("غادر نصف السكان وربع الموظفين وثلث الأراضي وثلثي المقاعد "
        "وثلاثة أرباع الناخبين ونصف مليون زائر.");
    value_is("نصف السكان", 0.5);
    assert_true(at("نصف السكان")->flags & MARSAD_NUM_FRACTION);
    unit_is("نصف السكان", "السكان");
    value_is("ربع", 0.25);
    value_is("ثلث الأراضي", 1.0 / 3);
    value_is("ثلثي", 2.0 / 3);
    value_is("ثلاثة أرباع", 0.75);
    assert_true(at("ثلاثة أرباع")->flags & MARSAD_NUM_FRACTION);
    value_is("نصف مليون", 500000);
}

static void test_half_after_scale(void **state)
{
    (void)state;
    run("بلغ عدد اللاجئين مليون ونصف لاجئ وثلاثة ملايين ونصف.");
    value_is("مليون ونصف", 1500000);
    value_is("ثلاثة ملايين ونصف", 3500000);
}

static void test_semi_final_is_not_a_half(void **state)
{
    (void)state;
    run("تأهل الفريق إلى الدور نصف النهائي وربع النهائي.");
    none_at("نصف");
    none_at("ربع");
}

/* ------------------------------------------------------------ ordinals */

static void test_ordinals(void **state)
{
    (void)state;
    run("فاز بالمركز الأول للمرة الأولى في الدورة الثانية. وانعقدت الجلسة "
        "الحادية عشرة والذكرى العشرون واحتل المركز الحادي عشر.");
    value_is("الأول", 1);
    assert_true(at("الأول")->flags & MARSAD_NUM_ORDINAL);
    value_is("الأولى", 1);
    value_is("الثانية", 2);
    value_is("الحادية عشرة", 11);
    assert_true(at("الحادية عشرة")->flags & MARSAD_NUM_ORDINAL);
    value_is("العشرون", 20);
    assert_true(at("العشرون")->flags & MARSAD_NUM_ORDINAL);
    value_is("الحادي عشر", 11);
    no_unit("الأول");
}

static void test_compound_and_digit_ordinals(void **state)
{
    (void)state;
    run("احتفلت بالذكرى الخامسة والعشرين وبالدورة الـ30 وللمرة "
        "الـ12 أيضا.");
    value_is("الخامسة والعشرين", 25);
    value_is("الـ30", 30);
    assert_true(at("الـ30")->flags & MARSAD_NUM_ORDINAL);
    value_is("الـ12", 12);
}

static void test_month_name_ordinals_are_skipped(void **state)
{
    (void)state;
    run("في كانون الأول وكانون الثاني وتشرين الأول وتشرين الثاني وربيع "
        "الأول وجمادى الأولى حدث ذلك.");
    assert_int_equal(got.n, 0);
}

static void test_century_and_clock_ordinals_are_skipped(void **state)
{
    (void)state;
    run("في القرن الحادي والعشرين وعند الساعة الثانية عشرة.");
    assert_int_equal(got.n, 0);
}

/* ------------------------------------------------------------ vague */

static void test_vague_quantities(void **state)
{
    (void)state;
    run("تظاهر عشرات الآلاف ومئات الآلاف وعشرات الملايين ثم عشرات ثم "
        "مئات وآلاف من المتظاهرين وملايين الدولارات ومليارات.");
    value_is("عشرات الآلاف", 1e4);
    assert_true(at("عشرات الآلاف")->flags & MARSAD_NUM_VAGUE);
    value_is("مئات الآلاف", 1e5);
    value_is("عشرات الملايين", 1e7);
    value_is("آلاف من", 1000);
    unit_is("آلاف من", "المتظاهرين");
    span_is("آلاف من", "آلاف من المتظاهرين");
    value_is("ملايين الدولارات", 1e6);
    assert_true(at("ملايين الدولارات")->flags & MARSAD_NUM_VAGUE);
    value_is("مليارات", 1e9);
    run("جاء عشرات ثم غادر مئات.");
    value_is("عشرات", 10);
    assert_true(at("عشرات")->flags & MARSAD_NUM_VAGUE);
    value_is("مئات", 100);
    assert_true(at("مئات")->flags & MARSAD_NUM_VAGUE);
}

/* ------------------------------------------------------------ bounds */

static void test_approximation(void **state)
{
    (void)state;
    run("قتل نحو 50 شخصا وحوالي 30 وحوالى 35 وقرابة 20 وزهاء 10 وما "
        "يقارب 40 وما يناهز 60 و70 جنديا تقريبا.");
    span_is("50", "نحو 50 شخصا");
    assert_true(at("50")->flags & MARSAD_NUM_APPROX);
    assert_true(at("30")->flags & MARSAD_NUM_APPROX);
    assert_true(at("35")->flags & MARSAD_NUM_APPROX);
    assert_true(at("20")->flags & MARSAD_NUM_APPROX);
    assert_true(at("10")->flags & MARSAD_NUM_APPROX);
    span_is("40", "ما يقارب 40");
    assert_true(at("40")->flags & MARSAD_NUM_APPROX);
    assert_true(at("60")->flags & MARSAD_NUM_APPROX);
    span_is("70", "70 جنديا تقريبا");
    assert_true(at("70")->flags & MARSAD_NUM_APPROX);
    unit_is("70", "جنديا");
}

static void test_bounds(void **state)
{
    (void)state;
    run("أصيب أكثر من 100 وما يزيد على 200 وما يزيد عن 250 ويفوق 300 "
        "وأقل من 10 ودون 18 عاما وما يقل عن 15 و5 قتلى على الأقل ولا يقل "
        "عن 20 و6 مرات على الأكثر ولا يتجاوز 30 ولا يزيد على 40.");
    assert_int_equal(at("100")->bound, MARSAD_BOUND_MORE);
    span_is("100", "أكثر من 100");
    assert_int_equal(at("200")->bound, MARSAD_BOUND_MORE);
    assert_int_equal(at("250")->bound, MARSAD_BOUND_MORE);
    assert_int_equal(at("300")->bound, MARSAD_BOUND_MORE);
    assert_int_equal(at(" 10 ")->bound, MARSAD_BOUND_LESS);
    assert_int_equal(at("18")->bound, MARSAD_BOUND_LESS);
    assert_int_equal(at("15")->bound, MARSAD_BOUND_LESS);
    assert_int_equal(at("5 قتلى")->bound, MARSAD_BOUND_ATLEAST);
    span_is("5 قتلى", "5 قتلى على الأقل");
    assert_int_equal(at("عن 20")->bound, MARSAD_BOUND_ATLEAST);
    assert_int_equal(at("6 مرات")->bound, MARSAD_BOUND_ATMOST);
    assert_int_equal(at("يتجاوز 30")->bound, MARSAD_BOUND_ATMOST);
    assert_int_equal(at("على 40")->bound, MARSAD_BOUND_ATMOST);
}

/* ------------------------------------------------------------ ranges */

static void test_ranges(void **state)
{
    const marsad_fact *f;
    (void)state;
    run("تراوح العدد بين 10 و20 ثم من 30 إلى 40 شخصا ثم 50-60 ثم 70 - 80.");
    f = at("بين 10");
    assert_true(f->value == 10 && f->value_max == 20);
    assert_true(f->flags & MARSAD_NUM_RANGE);
    span_is("بين 10", "بين 10 و20");
    f = at("30");
    assert_true(f->value == 30 && f->value_max == 40);
    unit_is("30", "شخصا");
    f = at("50-60");
    assert_true(f->value == 50 && f->value_max == 60);
    f = at("70 - 80");
    assert_true(f->value == 70 && f->value_max == 80);
    assert_int_equal(got.n, 4);
}

static void test_range_shares_scale(void **state)
{
    const marsad_fact *f;
    (void)state;
    run("يتراوح الراتب ما بين 5 و10 آلاف ريال وبين ثلاثة وخمسة ملايين.");
    f = at("5 و10");
    assert_true(f->value == 5000 && f->value_max == 10000);
    span_is("5 و10", "ما بين 5 و10 آلاف ريال");
}

static void test_change_is_not_a_range(void **state)
{
    (void)state;
    run("ارتفع عدد القتلى من 10 إلى 20 خلال يوم.");
    assert_int_equal(got.n, 2);
    assert_false(at("10")->flags & MARSAD_NUM_RANGE);
    value_is("20", 20);
}

static void test_year_ranges_are_left(void **state)
{
    (void)state;
    run("خلال الفترة 2015-2016 وفي عام 2020 ومنذ 1990 وفي 2003 شهد البلد "
        "أزمة.");
    assert_int_equal(got.n, 0);
}

static void test_year_like_that_counts(void **state)
{
    (void)state;
    run("أرسلت الوزارة 2000 جندي ونحو 1950 شخصا.");
    value_is("2000", 2000);
    unit_is("2000", "جندي");
    value_is("1950", 1950);
}

/* ------------------------------------------------------------ not numbers */

static void test_one_of_and_one(void **state)
{
    (void)state;
    run("قال أحد المسؤولين إن إحدى الدول أرسلت شخصا واحدا ويوما واحدا "
        "وواحد من أبرز القادة.");
    none_at("أحد");
    none_at("إحدى");
    value_is("واحدا", 1);
    unit_is("شخصا واحدا", "شخصا");
    value_is("يوما واحدا", 1);
    none_at("وواحد");
}

static void test_duals_of_nouns(void **state)
{
    (void)state;
    run("استمر الحصار عامين وتكرر مرتين وقتل شخصان اثنان.");
    none_at("عامين");
    none_at("مرتين");
    value_is("اثنان", 2);
    assert_int_equal(got.n, 1);
}

static void test_naming_numbers(void **state)
{
    (void)state;
    run("صدر القرار 2254 وفق المادة 12 والبند 3 ورقم 5 على الطريق 40 "
        "وفي الحلقة 7.");
    assert_int_equal(got.n, 0);
}

static void test_times_of_day(void **state)
{
    (void)state;
    run("بدأ الاجتماع الساعة 10 وانتهى 10:30 وعاد 8 صباحا.");
    assert_int_equal(got.n, 0);
}

static void test_names_phones_and_tags(void **state)
{
    (void)state;
    run("أطلقت شبكة 5G وفيروس كوفيد-19 وطائرة إف-16 واتصل على "
        "0501234567 أو +966501234567 ووسم #15 وهاتف iPhone 8.");
    assert_int_equal(got.n, 0);
}

static void test_days_before_months(void **state)
{
    (void)state;
    run("وصل الوفد في 15 يناير وغادر في 3 مارس ثم في 20 أيار.");
    assert_int_equal(got.n, 0);
}

static void test_six_and_nine_need_a_noun(void **state)
{
    (void)state;
    run("لست أدري ولم تسع القاعة أحدا لكن ست دول وقعت.");
    none_at("لست");
    none_at("تسع");
    value_is("ست دول", 6);
}

static void test_regnal_ordinal_after_name(void **state)
{
    int err = 0;
    marsad_facts *fx = marsad_facts_new(NULL, &err);
    marsad_facts_doc doc;
    marsad_entity e;
    const char *text = "استقبل الملك عبدالله الثاني الوفد.";
    (void)state;
    assert_non_null(fx);
    memset(&doc, 0, sizeof doc);
    memset(&e, 0, sizeof e);
    e.start = (size_t)(strstr(text, "عبدالله") - text);
    e.end = e.start + strlen("عبدالله");
    e.type = MARSAD_ENTITY_PER;
    doc.kinds = 1u << MARSAD_FACT_NUMBER;
    doc.entities = &e;
    doc.nentities = 1;
    memset(&got, 0, sizeof got);
    got.text = text;
    assert_int_equal(marsad_facts_find(fx, text, strlen(text), &doc, collect,
                                       &got),
                     MARSAD_OK);
    assert_int_equal(got.n, 0);
    marsad_facts_free(fx);
}

/* ------------------------------------------------------------ robustness */

static void test_empty_and_short(void **state)
{
    (void)state;
    assert_int_equal(run(""), 0);
    assert_int_equal(run(" "), 0);
    assert_int_equal(run("."), 0);
    assert_int_equal(run("5"), 1);
    value_is("5", 5);
    assert_int_equal(run("ثلاثة"), 1);
    value_is("ثلاثة", 3);
}

static void test_text_ending_mid_expression(void **state)
{
    (void)state;
    /* each ends where more words could follow */
    assert_int_equal(run("قتل أكثر من"), 0);
    run("بلغ بين 10 و");
    value_is("10", 10);
    run("وصل ثلاثة و");
    value_is("ثلاثة", 3);
    run("بلغ 30 في");
    value_is("30", 30);
    run("دفع 100 ألف");
    value_is("100", 100000);
    run("الحادي");
    assert_int_equal(got.n, 0);
    run("عشرات");
    value_is("عشرات", 10);
    run("ما");
    assert_int_equal(got.n, 0);
    run("الـ");
    assert_int_equal(got.n, 0);
    run("بلغ 10-");
    value_is("10", 10);
    run("%");
    assert_int_equal(got.n, 0);
}

static void test_garbage(void **state)
{
    unsigned char buf[4096];
    uint32_t x = 12345;
    (void)state;
    for (int round = 0; round < 30; round++) {
        size_t n = 0;
        for (; n < sizeof buf - 1; n++) {
            x = x * 1103515245u + 12345u;
            /* mostly digits, marks, و and Arabic letter bytes */
            switch ((x >> 16) % 8) {
            case 0: buf[n] = (unsigned char)('0' + (x >> 8) % 10); break;
            case 1: buf[n] = ",.%-/ "[(x >> 8) % 6]; break;
            case 2: buf[n] = 0xD8; break;
            case 3: buf[n] = 0xD9; break;
            default: buf[n] = (unsigned char)(0x80 + (x >> 8) % 64); break;
            }
        }
        buf[n] = 0;
        run((const char *)buf);
    }
}

static void test_read_number_words_for_dates(void **state)
{
    (void)state;
    /* the date finder reads day numbers in words through mf_read_number;
     * here through the whole finder: an ordinal day and a cardinal */
    run("في اليوم العاشر وفي الثالث والعشرين وبعد خمسة أيام.");
    value_is("العاشر", 10);
    value_is("الثالث والعشرين", 23);
    value_is("خمسة أيام", 5);
    unit_is("خمسة أيام", "أيام");
}

static void test_sentences_do_not_join(void **state)
{
    (void)state;
    run("وصل ثلاثة. وعشرون آخرون غادروا.");
    value_is("ثلاثة", 3);
    value_is("عشرون", 20);
    assert_int_equal(got.n, 2);
}

static void test_definite_cardinals(void **state)
{
    (void)state;
    run("عاد الجنود الخمسة بعد الأسابيع الثلاثة الماضية، ودرس البنود "
        "الثلاثة عشر مع الدول الست.");
    value_is("الخمسة", 5);
    value_is("الثلاثة", 3);
    no_unit("الثلاثة");
    value_is("الثلاثة عشر", 13);
    value_is("الست", 6);
    run("قالت الست إنها ستعود يوم الاثنين إلى الألف.");
    none_at("الست");
    none_at("الاثنين");
    none_at("الألف");
    run("قطع العداء الألف متر الأولى.");
    value_is("الألف", 1000);
}

static void test_first_without_al(void **state)
{
    (void)state;
    run("كانت أول امرأة تتولى المنصب لأول مرة.");
    value_is("أول", 1);
    assert_int_equal(got.n, 2);
    run("عين الفريق أول سالم قائدا، وارتفعت الأرباح في الربع الأول من "
        "العام، وهو أولى بالمنصب، وعاد أول أمس.");
    none_at("أول سالم");
    none_at("الأول");
    none_at("أولى");
    none_at("أول أمس");
}

static void test_and_a_half(void **state)
{
    (void)state;
    run("أضرب الموظفون منذ شهر ونصف، وسجن لمدة سنتين ونصف، وبقي سبعة "
        "أيام ونصف.");
    value_is("شهر ونصف", 1.5);
    span_is("شهر ونصف", "شهر ونصف");
    unit_is("شهر ونصف", "شهر");
    value_is("سنتين ونصف", 2.5);
    value_is("سبعة أيام ونصف", 7.5);
    span_is("سبعة", "سبعة أيام ونصف");
    assert_int_equal(got.n, 3);
}

static void test_scores(void **state)
{
    (void)state;
    run("فاز الفريق 3/ 1 ثم 2/ صفر وتعادل \"2/2\" وفاز 4 - صفر.");
    value_is("3", 3);
    value_is("1", 1);
    value_is("2", 2);
    value_is("صفر", 0);
    assert_int_equal(got.n, 8);
    run("صدر في 3/4/2022 وفي 5/6 منه.");
    none_at("3/4/2022");
    none_at("5/6");
}

static void test_minutes_and_parentheses(void **state)
{
    (void)state;
    run("تتبعها (9) بلديات، وسجل في الدقيقة 90+3.");
    value_is("9", 9);
    value_is("90+3", 93);
    run("عرض مسلسل الحارة (3) أمس.");
    none_at("(3)");
}

static void test_glued_digits(void **state)
{
    (void)state;
    run("يعمل منذ 16عاما وقال لقناة سبورت1 إن الفوز 3-0عاد.");
    value_is("16عاما", 16);
    none_at("سبورت1");
    value_is("0عاد", 0);
}

static void test_naming_rounds_and_quoted_numbers(void **state)
{
    (void)state;
    run("تأهل إلى دور الـ16 ثم دور الثمانية، وقال صاحب الرقم \"10\" إنه "
        "سعيد بنمو قدره اثنين في المئة.");
    none_at("الـ16");
    none_at("الثمانية");
    none_at("10");
    value_is("اثنين في المئة", 2);
    assert_true(at("اثنين في المئة")->flags & MARSAD_NUM_PERCENT);
}

static void test_scale_words_then_digits(void **state)
{
    (void)state;
    run("روى مساحة مليون و650 ألف فدان، وجمع ثلاثة آلاف و200 توقيع.");
    value_is("مليون و650 ألف", 1650000);
    unit_is("مليون و650 ألف", "فدان");
    value_is("ثلاثة آلاف و200", 3200);
    assert_int_equal(got.n, 2);
}

static void test_one_said_of_a_definite_word(void **state)
{
    (void)state;
    run("قال إن الشعب السوري واحد وإن شخصا واحدا قتل.");
    none_at("السوري واحد");
    value_is("شخصا واحدا", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits_and_unit),
        cmocka_unit_test(test_digits_in_parts),
        cmocka_unit_test(test_unit_accusative_and_first_noun),
        cmocka_unit_test(test_arabic_indic_digits),
        cmocka_unit_test(test_group_and_decimal_marks),
        cmocka_unit_test(test_bad_marks_are_skipped),
        cmocka_unit_test(test_long_digit_strings),
        cmocka_unit_test(test_percent_forms),
        cmocka_unit_test(test_words_genders_and_cases),
        cmocka_unit_test(test_word_clitics),
        cmocka_unit_test(test_compounds),
        cmocka_unit_test(test_scale_words_alone_and_duals),
        cmocka_unit_test(test_plural_scale_after_number),
        cmocka_unit_test(test_mixed_digits_and_scale),
        cmocka_unit_test(test_fractions),
        cmocka_unit_test(test_half_after_scale),
        cmocka_unit_test(test_semi_final_is_not_a_half),
        cmocka_unit_test(test_ordinals),
        cmocka_unit_test(test_compound_and_digit_ordinals),
        cmocka_unit_test(test_month_name_ordinals_are_skipped),
        cmocka_unit_test(test_century_and_clock_ordinals_are_skipped),
        cmocka_unit_test(test_vague_quantities),
        cmocka_unit_test(test_approximation),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_range_shares_scale),
        cmocka_unit_test(test_change_is_not_a_range),
        cmocka_unit_test(test_year_ranges_are_left),
        cmocka_unit_test(test_year_like_that_counts),
        cmocka_unit_test(test_one_of_and_one),
        cmocka_unit_test(test_duals_of_nouns),
        cmocka_unit_test(test_naming_numbers),
        cmocka_unit_test(test_times_of_day),
        cmocka_unit_test(test_names_phones_and_tags),
        cmocka_unit_test(test_days_before_months),
        cmocka_unit_test(test_six_and_nine_need_a_noun),
        cmocka_unit_test(test_regnal_ordinal_after_name),
        cmocka_unit_test(test_empty_and_short),
        cmocka_unit_test(test_text_ending_mid_expression),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_read_number_words_for_dates),
        cmocka_unit_test(test_sentences_do_not_join),
        cmocka_unit_test(test_definite_cardinals),
        cmocka_unit_test(test_first_without_al),
        cmocka_unit_test(test_and_a_half),
        cmocka_unit_test(test_scores),
        cmocka_unit_test(test_minutes_and_parentheses),
        cmocka_unit_test(test_glued_digits),
        cmocka_unit_test(test_naming_rounds_and_quoted_numbers),
        cmocka_unit_test(test_scale_words_then_digits),
        cmocka_unit_test(test_one_said_of_a_definite_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
