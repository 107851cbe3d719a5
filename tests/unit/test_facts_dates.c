/*
 * test_facts_dates.c - the date finder (src/core/dates.c) through
 * marsad_facts_find: day-month-year in the Egyptian/Gulf, Levantine,
 * Maghrebi and Moroccan month names, paired names, ordinal days, numeric
 * dates, years and year ranges, months with and without a year, decades
 * and centuries, Hijri dates, weekdays and relative words resolved
 * against the document date (across month and year ends) or left
 * unresolved, what is not a date, invalid days, hostile input, the ISO
 * strings, and the document date guessed from the text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "facts_internal.h"
#include "marsad.h"

/* ------------------------------------------------------------ helpers */

#define MAXF 64

typedef struct got {
    const char *text;
    marsad_fact f[MAXF];
    size_t n;
} got;

static marsad_facts *fx;

static int collect(void *ud, const marsad_fact *f)
{
    got *g = ud;
    assert_true(g->n < MAXF);
    assert_int_equal(f->kind, MARSAD_FACT_DATE);
    g->f[g->n++] = *f;
    return 0;
}

/* Any kind of fact: counted, not kept. */
static int count_any(void *ud, const marsad_fact *f)
{
    size_t *n = ud;
    (void)f;
    (*n)++;
    return 0;
}

/* The dates of text, with the document date y-m-d (0 for none). */
static void dates(got *g, const char *text, int y, int m, int d)
{
    marsad_facts_doc doc;
    memset(g, 0, sizeof *g);
    memset(&doc, 0, sizeof doc);
    doc.year = y;
    doc.month = m;
    doc.day = d;
    doc.kinds = 1u << MARSAD_FACT_DATE;
    g->text = text;
    assert_int_equal(marsad_facts_find(fx, text, strlen(text), &doc,
                                       collect, g),
                     MARSAD_OK);
}

/* The fact whose span is exactly the first occurrence of surface. */
static const marsad_fact *span(const got *g, const char *surface)
{
    const char *p = strstr(g->text, surface);
    size_t s, e, i;
    if (!p)
        fail_msg("'%s' is not in the text", surface);
    s = (size_t)(p - g->text);
    e = s + strlen(surface);
    for (i = 0; i < g->n; i++)
        if (g->f[i].start == s && g->f[i].end == e)
            return &g->f[i];
    for (i = 0; i < g->n; i++)
        print_message("  have [%.*s]\n", (int)(g->f[i].end - g->f[i].start),
                      g->text + g->f[i].start);
    fail_msg("no date spans '%s'", surface);
    return NULL;
}

static const char *iso(const marsad_fact *f)
{
    static char buf[32];
    return marsad_fact_iso(f, buf);
}

/* The date spanning surface has this ISO value, granularity and at
 * least these flags (and no UNRESOLVED unless asked). */
static void expect(const got *g, const char *surface, const char *value,
                   int gran, unsigned flags)
{
    const marsad_fact *f = span(g, surface);
    assert_string_equal(iso(f), value);
    assert_int_equal(f->granularity, gran);
    assert_int_equal(f->flags & flags, flags);
    if (!(flags & MARSAD_DATE_UNRESOLVED))
        assert_false(f->flags & MARSAD_DATE_UNRESOLVED);
}

/* One date in text, spanning surface. */
static void one(const char *text, int y, int m, int d, const char *surface,
                const char *value, int gran, unsigned flags)
{
    got g;
    dates(&g, text, y, m, d);
    if (g.n != 1)
        print_message("%zu dates in '%s'\n", g.n, text);
    assert_int_equal(g.n, 1);
    expect(&g, surface, value, gran, flags);
}

static void none(const char *text, int y, int m, int d)
{
    got g;
    dates(&g, text, y, m, d);
    if (g.n)
        print_message("unexpected [%.*s] in '%s'\n",
                      (int)(g.f[0].end - g.f[0].start),
                      text + g.f[0].start, text);
    assert_int_equal(g.n, 0);
}

/* Days between two ISO days (b - a). */
static long days_apart(const char *a, const char *b)
{
    int ya, ma, da, yb, mb, db;
    assert_int_equal(sscanf(a, "%d-%d-%d", &ya, &ma, &da), 3);
    assert_int_equal(sscanf(b, "%d-%d-%d", &yb, &mb, &db), 3);
    return mf_days_from_civil(yb, mb, db) - mf_days_from_civil(ya, ma, da);
}

#define DAY MARSAD_GRAN_DAY
#define MONTH MARSAD_GRAN_MONTH
#define YEAR MARSAD_GRAN_YEAR
#define DECADE MARSAD_GRAN_DECADE
#define CENTURY MARSAD_GRAN_CENTURY
#define REL MARSAD_DATE_RELATIVE
#define UNRES MARSAD_DATE_UNRESOLVED
#define HIJRI MARSAD_DATE_HIJRI
#define WDAY MARSAD_DATE_WEEKDAY

static int setup(void **state)
{
    int err = 0;
    (void)state;
    fx = marsad_facts_new(NULL, &err);
    return fx ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    marsad_facts_free(fx);
    fx = NULL;
    return 0;
}

/* ------------------------------------------------------------ day month year */

static void test_day_month_year(void **state)
{
    (void)state;
    one("وقع الانفجار في 5 يناير 2022 صباحا.", 0, 0, 0, "5 يناير 2022",
        "2022-01-05", DAY, 0);
    one("ولد في 29 فبراير 2024 في القاهرة.", 0, 0, 0, "29 فبراير 2024",
        "2024-02-29", DAY, 0);
    one("وصل في 7 يناير عام 2021 إلى المدينة.", 0, 0, 0, "7 يناير عام 2021",
        "2021-01-07", DAY, 0);
    one("وقعت في 3 مارس 2019م في بغداد.", 0, 0, 0, "3 مارس 2019م",
        "2019-03-03", DAY, 0);
}

static void test_egyptian_gulf_names(void **state)
{
    static const char *const names[][2] = {
        {"يناير", "01"},  {"فبراير", "02"}, {"مارس", "03"},
        {"أبريل", "04"},  {"ابريل", "04"},  {"إبريل", "04"},
        {"مايو", "05"},   {"يونيو", "06"},  {"يونيه", "06"},
        {"يوليو", "07"},  {"يوليه", "07"},  {"أغسطس", "08"},
        {"اغسطس", "08"},  {"سبتمبر", "09"}, {"أكتوبر", "10"},
        {"نوفمبر", "11"}, {"ديسمبر", "12"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char text[128], surf[64], val[32];
        snprintf(surf, sizeof surf, "3 %s 2021", names[i][0]);
        snprintf(text, sizeof text, "اجتمعوا في %s لبحث الأمر.", surf);
        snprintf(val, sizeof val, "2021-%s-03", names[i][1]);
        one(text, 0, 0, 0, surf, val, DAY, 0);
    }
}

static void test_levantine_names(void **state)
{
    static const char *const names[][2] = {
        {"كانون الثاني", "01"}, {"شباط", "02"},  {"آذار", "03"},
        {"نيسان", "04"},        {"أيار", "05"},  {"حزيران", "06"},
        {"تموز", "07"},         {"آب", "08"},    {"أيلول", "09"},
        {"تشرين الأول", "10"},  {"تشرين الثاني", "11"},
        {"كانون الأول", "12"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char text[128], surf[64], val[32];
        snprintf(surf, sizeof surf, "12 %s 2020", names[i][0]);
        snprintf(text, sizeof text, "عقد المؤتمر في %s ببيروت.", surf);
        snprintf(val, sizeof val, "2020-%s-12", names[i][1]);
        one(text, 0, 0, 0, surf, val, DAY, 0);
    }
}

static void test_maghrebi_names(void **state)
{
    static const char *const algeria[] = {
        "جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان",
        "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"};
    static const char *const morocco[] = {
        "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
        "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"};
    (void)state;
    for (int i = 0; i < 12; i++) {
        char text[128], surf[64], val[32];
        snprintf(val, sizeof val, "2019-%02d-01", i + 1);
        snprintf(surf, sizeof surf, "1 %s 2019", algeria[i]);
        snprintf(text, sizeof text, "انطلقت الحملة يوم %s بالعاصمة.", surf);
        {
            got g;
            dates(&g, text, 0, 0, 0);
            assert_int_equal(g.n, 1);
            /* يوم before the day is part of the date */
            assert_string_equal(iso(&g.f[0]), val);
        }
        snprintf(surf, sizeof surf, "1 %s 2019", morocco[i]);
        snprintf(text, sizeof text, "وصدر القرار في %s بالرباط.", surf);
        one(text, 0, 0, 0, surf, val, DAY, 0);
    }
}

static void test_clitics(void **state)
{
    got g;
    (void)state;
    dates(&g, "وفي 5 يناير 2022 وبـ6 يناير 2022 ولـ7 يناير 2022 انتهى.",
          0, 0, 0);
    assert_int_equal(g.n, 3);
    expect(&g, "5 يناير 2022", "2022-01-05", DAY, 0);
    expect(&g, "6 يناير 2022", "2022-01-06", DAY, 0);
    expect(&g, "7 يناير 2022", "2022-01-07", DAY, 0);
    /* a month with و on it, after another month */
    dates(&g, "خلال شهري يونيو ويوليو 2018 زار البلاد.", 0, 0, 0);
    assert_true(g.n >= 1);
    expect(&g, "يوليو 2018", "2018-07", MONTH, 0);
}

static void test_paired_names(void **state)
{
    got g;
    (void)state;
    one("وقع في 5 يناير (كانون الثاني) 2022 هجوم.", 0, 0, 0,
        "5 يناير (كانون الثاني) 2022", "2022-01-05", DAY, 0);
    one("وصل في 10 يناير/ كانون الثاني الوفد.", 2022, 3, 1,
        "10 يناير/ كانون الثاني", "2022-01-10", DAY, REL);
    one("التقيا في آذار/مارس الماضي.", 2022, 5, 10, "آذار/مارس الماضي",
        "2022-03", MONTH, REL);
    one("صدر في يناير/كانون الثاني 2022 قرار.", 0, 0, 0,
        "يناير/كانون الثاني 2022", "2022-01", MONTH, 0);
    one("تراجع العجز في فبراير شباط 2020 بعد ارتفاع.", 0, 0, 0,
        "فبراير شباط 2020", "2020-02", MONTH, 0);
    one("سجل في تموز/يوليو 2018 رقما.", 0, 0, 0, "تموز/يوليو 2018",
        "2018-07", MONTH, 0);
    one("الأسعار في منتصف أبريل (نيسان) نيسان تراجعت.", 2018, 5, 1,
        "أبريل (نيسان) نيسان", "2018-04", MONTH, REL);
    /* two different months are no pair */
    dates(&g, "بين يناير/فبراير 2020 تغيرت.", 0, 0, 0);
    expect(&g, "فبراير 2020", "2020-02", MONTH, 0);
}

static void test_ordinal_days(void **state)
{
    (void)state;
    one("يبدأ في الخامس من يناير 2022 الموسم.", 0, 0, 0,
        "الخامس من يناير 2022", "2022-01-05", DAY, 0);
    one("صدر في الأول من مارس الماضي.", 2021, 6, 1,
        "الأول من مارس الماضي", "2021-03-01", DAY, REL);
    one("تنتهي في الحادي والعشرين من مارس 2021 المهلة.", 0, 0, 0,
        "الحادي والعشرين من مارس 2021", "2021-03-21", DAY, 0);
    one("قبل الثالث عشر من شهر مايو 2020 وصل.", 0, 0, 0,
        "الثالث عشر من شهر مايو 2020", "2020-05-13", DAY, 0);
    one("وفي أول يوليو 2021 تبدأ الانتخابات.", 0, 0, 0, "أول يوليو 2021",
        "2021-07-01", DAY, 0);
    one("حتى الثلاثين من سبتمبر أيلول 2017 تمدد.", 0, 0, 0,
        "الثلاثين من سبتمبر أيلول 2017", "2017-09-30", DAY, 0);
}

static void test_numeric_dates(void **state)
{
    got g;
    (void)state;
    dates(&g, "في 29/11/2024 و29-11-2024 و2024-11-29 و29.11.2024 اجتمعوا.",
          0, 0, 0);
    assert_int_equal(g.n, 4);
    expect(&g, "29/11/2024", "2024-11-29", DAY, 0);
    expect(&g, "29-11-2024", "2024-11-29", DAY, 0);
    expect(&g, "2024-11-29", "2024-11-29", DAY, 0);
    expect(&g, "29.11.2024", "2024-11-29", DAY, 0);
    /* Arabic-Indic digits */
    one("صدر في ٢٩/١١/٢٠٢٤ بيان.", 0, 0, 0, "٢٩/١١/٢٠٢٤", "2024-11-29",
        DAY, 0);
    one("صدر في ٥ يناير ٢٠٢٢ بيان.", 0, 0, 0, "٥ يناير ٢٠٢٢", "2022-01-05",
        DAY, 0);
    /* the month written first when the day cannot be a month */
    one("في 11/29/2024 وصل.", 0, 0, 0, "11/29/2024", "2024-11-29", DAY, 0);
    /* a Hijri numeric date */
    dates(&g, "بتاريخ 1/9/1443هـ صدر.", 0, 0, 0);
    assert_int_equal(g.n, 1);
    assert_true(g.f[0].flags & HIJRI);
    assert_true(labs(days_apart("2022-04-02", iso(&g.f[0]))) <= 2);
}

static void test_numeric_invalid(void **state)
{
    (void)state;
    none("في 31/02/2024 لا شيء.", 0, 0, 0);
    none("في 45/13/2024 لا شيء.", 0, 0, 0);
    none("العنوان 1/2/3/4 هنا.", 0, 0, 0);
    none("النتيجة 12/11 هنا.", 0, 0, 0);
    none("الرقم 29/11/99999999999 هنا.", 0, 0, 0);
}

static void test_years(void **state)
{
    got g;
    (void)state;
    dates(&g, "ولد عام 2002 وتخرج سنة 2010 ثم العام 2015 وفي 2018 ومنذ "
              "2011 ولعام 2020.",
          0, 0, 0);
    assert_int_equal(g.n, 6);
    expect(&g, "عام 2002", "2002", YEAR, 0);
    expect(&g, "سنة 2010", "2010", YEAR, 0);
    expect(&g, "العام 2015", "2015", YEAR, 0);
    expect(&g, "2018", "2018", YEAR, 0);
    expect(&g, "2011", "2011", YEAR, 0);
    expect(&g, "عام 2020", "2020", YEAR, 0);
    one("بني عام 632 م مسجد.", 0, 0, 0, "عام 632 م", "0632", YEAR, 0);
    one("توقع أن يكون العام الماضي 2017 أفضل.", 2018, 5, 1,
        "العام الماضي 2017", "2017", YEAR, 0);
}

static void test_years_that_count(void **state)
{
    (void)state;
    none("وقتل 2000 جندي في المعارك.", 0, 0, 0);
    none("أجلت السلطات نحو 2000 شخص.", 0, 0, 0);
    none("شارك أكثر من 1950 متسابقا.", 0, 0, 0);
    none("بلغ العدد 1,950 هذا.", 0, 0, 0);
    none("يعود إلى 2000 سنة.", 0, 0, 0);
    none("بين 1500 و2000 دولار.", 0, 0, 0);
    none("حصل على 12.2000 نقطة.", 0, 0, 0);
    none("سعر السهم 2018.5 ريال.", 0, 0, 0);
    none("تحقيق #رؤية_2030 هدف.", 0, 0, 0);
    none("الرقم 123456789012345678901234567890 طويل.", 0, 0, 0);
}

static void test_year_ranges(void **state)
{
    got g;
    (void)state;
    dates(&g, "في موسم 2015-2016 فاز.", 0, 0, 0);
    assert_int_equal(g.n, 2);
    expect(&g, "2015", "2015", YEAR, 0);
    expect(&g, "2016", "2016", YEAR, 0);
    dates(&g, "بين عامي 2010 و2015 تضاعف.", 0, 0, 0);
    assert_int_equal(g.n, 2);
    expect(&g, "عامي 2010", "2010", YEAR, 0);
    expect(&g, "2015", "2015", YEAR, 0);
    dates(&g, "خلال الفترة 2017 - 2020 نما.", 0, 0, 0);
    assert_int_equal(g.n, 2);
    expect(&g, "2020", "2020", YEAR, 0);
}

static void test_month_year(void **state)
{
    (void)state;
    one("صدر في يناير 2022 تقرير.", 0, 0, 0, "يناير 2022", "2022-01", MONTH,
        0);
    one("في يناير من عام 2022 صدر.", 0, 0, 0, "يناير من عام 2022", "2022-01",
        MONTH, 0);
    one("في يونيو من العام الماضي صدر.", 2018, 5, 10,
        "يونيو من العام الماضي", "2017-06", MONTH, REL);
    one("منذ شهر سبتمبر العام الماضي تراجع.", 2018, 5, 10,
        "شهر سبتمبر العام الماضي", "2017-09", MONTH, REL);
    one("في شهر آب 2020 زار.", 0, 0, 0, "شهر آب 2020", "2020-08", MONTH, 0);
}

static void test_month_ranges(void **state)
{
    got g;
    (void)state;
    dates(&g, "خلال الفترة من أكتوبر إلى ديسمبر 2017 ارتفع.", 2018, 5, 1);
    assert_int_equal(g.n, 2);
    expect(&g, "أكتوبر", "2017-10", MONTH, 0);
    expect(&g, "ديسمبر 2017", "2017-12", MONTH, 0);
    dates(&g, "بين 5 و7 يناير 2022 أقيم.", 0, 0, 0);
    assert_int_equal(g.n, 2);
    expect(&g, "5", "2022-01-05", DAY, 0);
    expect(&g, "7 يناير 2022", "2022-01-07", DAY, 0);
}

static void test_month_relative(void **state)
{
    (void)state;
    one("أقيم في مارس معرض.", 2022, 5, 10, "مارس", "2022-03", MONTH, REL);
    one("أقيم في مارس الماضي معرض.", 2022, 2, 10, "مارس الماضي", "2021-03",
        MONTH, REL);
    one("أقيم في مارس الماضي معرض.", 2022, 5, 10, "مارس الماضي", "2022-03",
        MONTH, REL);
    one("يقام في يناير المقبل معرض.", 2022, 5, 10, "يناير المقبل", "2023-01",
        MONTH, REL);
    one("يقام في يونيو المقبل معرض.", 2022, 5, 10, "يونيو المقبل",
        "2022-06", MONTH, REL);
    one("ارتفع خلال شهر فبراير الإنتاج.", 2022, 5, 10, "شهر فبراير",
        "2022-02", MONTH, REL);
    one("قال إن فبراير شهد تحسنا.", 2022, 5, 10, "فبراير", "2022-02", MONTH,
        REL);
    one("في 30 يونيو الجاري تنتهي.", 2018, 6, 2, "30 يونيو الجاري",
        "2018-06-30", DAY, REL);
    one("في 9 مايو الماضي هوت.", 2018, 5, 10, "9 مايو الماضي", "2018-05-09",
        DAY, REL);
    one("في 24 أبريل المقبل تعلن.", 2018, 5, 10, "24 أبريل المقبل",
        "2019-04-24", DAY, REL);
    /* مارس the verb, نيسان the car, آب the father */
    none("مارس الضغط على الحكومة.", 2022, 5, 10);
    none("شركات تويوتا ونيسان ومازدا.", 2022, 5, 10);
    none("قال الأب إن ابنه غاب.", 2022, 5, 10);
    none("كان في أب حنون.", 2022, 5, 10);
}

static void test_month_unresolved(void **state)
{
    got g;
    const marsad_fact *f;
    (void)state;
    dates(&g, "أقيم في مارس معرض.", 0, 0, 0);
    assert_int_equal(g.n, 1);
    f = span(&g, "مارس");
    assert_int_equal(f->flags & (REL | UNRES), REL | UNRES);
    assert_int_equal(f->granularity, MONTH);
    assert_int_equal(f->year, 0);
    assert_int_equal(f->month, 0);
    assert_int_equal(f->day, 0);
    assert_string_equal(iso(f), "");
    one("في 5 يناير وصل.", 0, 0, 0, "5 يناير", "", DAY, REL | UNRES);
}

static void test_relative_words(void **state)
{
    got g;
    (void)state;
    dates(&g, "ارتفع الشهر الماضي وسيرتفع الشهر المقبل.", 2022, 1, 15);
    assert_int_equal(g.n, 2);
    expect(&g, "الشهر الماضي", "2021-12", MONTH, REL);
    expect(&g, "الشهر المقبل", "2022-02", MONTH, REL);
    one("يرتفع الشهر المقبل.", 2022, 12, 15, "الشهر المقبل", "2023-01",
        MONTH, REL);
    one("حفلة الشهر الجاري.", 2022, 7, 15, "الشهر الجاري", "2022-07", MONTH,
        REL);
    dates(&g, "العام الماضي والسنة المقبلة وهذا العام والعام المنصرم "
              "والعام الحالي.",
          2022, 5, 10);
    assert_int_equal(g.n, 5);
    expect(&g, "العام الماضي", "2021", YEAR, REL);
    expect(&g, "السنة المقبلة", "2023", YEAR, REL);
    expect(&g, "هذا العام", "2022", YEAR, REL);
    expect(&g, "العام المنصرم", "2021", YEAR, REL);
    expect(&g, "العام الحالي", "2022", YEAR, REL);
    /* two years in one dual: not one year */
    none("خلال العامين الماضيين تراجع.", 2022, 5, 10);
    none("قال المدير العام للشركة.", 2022, 5, 10);
}

static void test_relative_days(void **state)
{
    (void)state;
    one("وصل أمس إلى الرياض.", 2022, 5, 10, "أمس", "2022-05-09", DAY, REL);
    one("وصل أمس إلى الرياض.", 2022, 3, 1, "أمس", "2022-02-28", DAY, REL);
    one("وصل أمس إلى الرياض.", 2024, 3, 1, "أمس", "2024-02-29", DAY, REL);
    one("وصل أمس إلى الرياض.", 2022, 1, 1, "أمس", "2021-12-31", DAY, REL);
    one("يصل غدا إلى الرياض.", 2021, 12, 31, "غدا", "2022-01-01", DAY, REL);
    one("يصل غداً إلى الرياض.", 2022, 5, 10, "غداً", "2022-05-11", DAY, REL);
    one("وصل أول أمس إلى الرياض.", 2022, 5, 1, "أول أمس", "2022-04-29", DAY,
        REL);
    one("وصل أول من أمس إلى الرياض.", 2022, 5, 10, "أول من أمس",
        "2022-05-08", DAY, REL);
    one("يصل بعد غد إلى الرياض.", 2022, 5, 31, "بعد غد", "2022-06-02", DAY,
        REL);
    one("وصل يوم أمس إلى الرياض.", 2022, 5, 10, "يوم أمس", "2022-05-09",
        DAY, REL);
    one("تقام مساء غد مباراة.", 2022, 5, 10, "غد", "2022-05-11", DAY, REL);
    none("كانت في أمس الحاجة إليه.", 2022, 5, 10);
    none("حتى الأمس القريب.", 2022, 5, 10);
}

static void test_today(void **state)
{
    (void)state;
    /* 2022-05-10 is a Tuesday */
    one("قال الوزير اليوم (الاثنين) إن الوضع هادئ.", 2022, 5, 10,
        "اليوم (الاثنين)", "2022-05-09", DAY, REL | WDAY);
    one("أعلنت الحكومة اليوم الثلاثاء خطة.", 2022, 5, 10, "اليوم الثلاثاء",
        "2022-05-10", DAY, REL | WDAY);
    one("عقد صباح اليوم اجتماع.", 2022, 5, 10, "اليوم", "2022-05-10", DAY,
        REL);
    one("وقالت الوزارة اليوم إن العمل بدأ.", 2022, 5, 10, "اليوم",
        "2022-05-10", DAY, REL);
    one("قالت الوزارة، اليوم، إن العمل بدأ.", 2022, 5, 10, "اليوم",
        "2022-05-10", DAY, REL);
    none("احتفلت المملكة باليوم الوطني.", 2022, 5, 10);
    none("في اليوم التالي عاد.", 2022, 5, 10);
    none("نعيش في عالم تغير اليوم كثيرا.", 2022, 5, 10);
    none("نشرت صحيفة اليوم السابع خبرا.", 2022, 5, 10);
}

static void test_weekdays(void **state)
{
    (void)state;
    /* 2022-05-10 is a Tuesday */
    one("التقى الرئيس الخميس وفدا.", 2022, 5, 10, "الخميس", "2022-05-05",
        DAY, REL | WDAY);
    one("التقى الرئيس الثلاثاء وفدا.", 2022, 5, 10, "الثلاثاء",
        "2022-05-10", DAY, REL | WDAY);
    one("يلتقي الرئيس الخميس المقبل وفدا.", 2022, 5, 10, "الخميس المقبل",
        "2022-05-12", DAY, REL | WDAY);
    one("يلتقي الرئيس الثلاثاء المقبل وفدا.", 2022, 5, 10,
        "الثلاثاء المقبل", "2022-05-17", DAY, REL | WDAY);
    one("التقى الرئيس الخميس الماضي وفدا.", 2022, 5, 10, "الخميس الماضي",
        "2022-05-05", DAY, REL | WDAY);
    one("التقى الرئيس الثلاثاء الماضي وفدا.", 2022, 5, 10,
        "الثلاثاء الماضي", "2022-05-03", DAY, REL | WDAY);
    one("تنطلق الجمعة المقبلة البطولة.", 2022, 5, 10, "الجمعة المقبلة",
        "2022-05-13", DAY, REL | WDAY);
    one("سيزور الرئيس الرياض الخميس.", 2022, 5, 10, "الخميس", "2022-05-12",
        DAY, REL | WDAY);
    one("سوف يزور الرئيس الرياض الخميس.", 2022, 5, 10, "الخميس",
        "2022-05-12", DAY, REL | WDAY);
    one("وصل يوم الأحد الماضي.", 2022, 1, 1, "يوم الأحد الماضي",
        "2021-12-26", DAY, REL | WDAY);
    one("وصل أمس الأحد إلى الرياض.", 2022, 5, 9, "أمس الأحد", "2022-05-08",
        DAY, REL | WDAY);
    one("يصل غدا الخميس إلى الرياض.", 2022, 5, 11, "غدا الخميس",
        "2022-05-12", DAY, REL | WDAY);
    none("فاز الأحد عشر لاعبا.", 2022, 5, 10);
    none("تحدث كلا الاثنين.", 2022, 5, 10);
}

static void test_weekday_unresolved(void **state)
{
    got g;
    const marsad_fact *f;
    (void)state;
    dates(&g, "التقى الرئيس الخميس وفدا.", 0, 0, 0);
    assert_int_equal(g.n, 1);
    f = span(&g, "الخميس");
    assert_int_equal(f->flags, REL | UNRES | WDAY);
    assert_int_equal(f->granularity, DAY);
    assert_int_equal(f->year + f->month + f->day, 0);
    one("وصل أمس إلى الرياض.", 0, 0, 0, "أمس", "", DAY, REL | UNRES);
    one("العام الماضي تراجع.", 0, 0, 0, "العام الماضي", "", YEAR,
        REL | UNRES);
    /* a bad document date counts as none */
    one("وصل أمس إلى الرياض.", 2022, 13, 40, "أمس", "", DAY, REL | UNRES);
}

static void test_weekday_with_date(void **state)
{
    got g;
    (void)state;
    one("وصل الخميس 5 يناير 2022 إلى جدة.", 0, 0, 0, "الخميس 5 يناير 2022",
        "2022-01-05", DAY, WDAY);
    one("وصل يوم الخميس الموافق 5 يناير 2022 إلى جدة.", 0, 0, 0,
        "يوم الخميس الموافق 5 يناير 2022", "2022-01-05", DAY, WDAY);
    one("وصل الخميس (5 يناير 2022) إلى جدة.", 0, 0, 0,
        "الخميس (5 يناير 2022)", "2022-01-05", DAY, WDAY);
    one("وصل الأحد، 29/11/2024 إلى جدة.", 0, 0, 0, "الأحد، 29/11/2024",
        "2024-11-29", DAY, WDAY);
    dates(&g, "وصل الخميس 5 يناير 2022 إلى جدة.", 0, 0, 0);
    assert_false(g.f[0].flags & REL);
}

/* ------------------------------------------------------------ decades, centuries */

static void test_decades(void **state)
{
    (void)state;
    one("في تسعينيات القرن العشرين ازدهر.", 0, 0, 0, "تسعينيات القرن العشرين",
        "199", DECADE, 0);
    one("منذ التسعينيات تغير.", 0, 0, 0, "التسعينيات", "199", DECADE, 0);
    one("في الثمانينات تغير.", 0, 0, 0, "الثمانينات", "198", DECADE, 0);
    one("في ستينيات القرن الماضي تغير.", 2022, 5, 10,
        "ستينيات القرن الماضي", "196", DECADE, REL);
    one("في عشرينيات القرن الحادي والعشرين.", 0, 0, 0,
        "عشرينيات القرن الحادي والعشرين", "202", DECADE, 0);
    one("والأربعينيات من القرن التاسع عشر.", 0, 0, 0,
        "الأربعينيات من القرن التاسع عشر", "184", DECADE, 0);
    none("رجل في الستينيات من عمره.", 0, 0, 0);
}

static void test_centuries(void **state)
{
    (void)state;
    one("في القرن العشرين تغير.", 0, 0, 0, "القرن العشرين", "19", CENTURY, 0);
    one("في القرن الحادي والعشرين تغير.", 0, 0, 0, "القرن الحادي والعشرين",
        "20", CENTURY, 0);
    one("في القرن الـ19 تغير.", 0, 0, 0, "القرن الـ19", "18", CENTURY, 0);
    one("في القرن التاسع عشر تغير.", 0, 0, 0, "القرن التاسع عشر", "18",
        CENTURY, 0);
    one("في القرن الماضي تغير.", 2022, 5, 10, "القرن الماضي", "19", CENTURY,
        REL);
    one("في القرن الأول الميلادي بني.", 0, 0, 0, "القرن الأول الميلادي", "00",
        CENTURY, 0);
    none("في القرن الرابع الهجري.", 0, 0, 0);
    none("في القرن السادس قبل الميلاد.", 0, 0, 0);
    none("هذا القرن.", 0, 0, 0);
}

/* ------------------------------------------------------------ Hijri */

static void test_hijri(void **state)
{
    static const struct {
        const char *text, *surface, *near;
    } cases[] = {
        /* Umm al-Qura dates; the tabular calendar is within two days */
        {"بدأ في 1 رمضان 1443 هـ الصيام.", "1 رمضان 1443 هـ", "2022-04-02"},
        {"في 15 رمضان 1443هـ وقع.", "15 رمضان 1443هـ", "2022-04-16"},
        {"في 10 ذو الحجة 1439 هـ العيد.", "10 ذو الحجة 1439 هـ",
         "2018-08-21"},
        {"في 1 محرم 1440 هـ بدأ.", "1 محرم 1440 هـ", "2018-09-11"},
        {"في 1 شوال 1439 للهجرة عيد.", "1 شوال 1439 للهجرة", "2018-06-15"},
        {"في 12 ربيع الأول 1440 هـ احتفل.", "12 ربيع الأول 1440 هـ",
         "2018-11-20"},
        {"في ٥ جمادى الآخرة ١٤٤٠ هـ وصل.", "٥ جمادى الآخرة ١٤٤٠ هـ",
         "2019-02-10"},
    };
    got g;
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const marsad_fact *f;
        dates(&g, cases[i].text, 0, 0, 0);
        assert_int_equal(g.n, 1);
        f = span(&g, cases[i].surface);
        assert_int_equal(f->granularity, DAY);
        assert_true(f->flags & HIJRI);
        if (labs(days_apart(cases[i].near, iso(f))) > 2)
            fail_msg("%s: %s, not near %s", cases[i].surface, iso(f),
                     cases[i].near);
    }
    /* the Gregorian year holding most of the Hijri one (1443: August
     * 2021 to July 2022) */
    one("صدر عام 1443 هـ الكتاب.", 0, 0, 0, "عام 1443 هـ", "2022", YEAR,
        HIJRI);
    one("صدر في 1443 للهجرة الكتاب.", 0, 0, 0, "1443 للهجرة", "2022", YEAR,
        HIJRI);
    /* a year word and a year of the 14th century in a paper of this
     * one: a Hijri year without its mark */
    one("تأسست عام 1376 الجمعية.", 2015, 8, 8, "عام 1376", "1957", YEAR,
        HIJRI);
    one("تأسست عام 1376 الجمعية.", 0, 0, 0, "عام 1376", "1376", YEAR, 0);
    one("فتحت القسطنطينية عام 1453 للميلاد.", 2015, 8, 8,
        "عام 1453 للميلاد", "1453", YEAR, 0);
    one("صدر في رمضان 1443 هـ الكتاب.", 0, 0, 0, "رمضان 1443 هـ", "2022-04",
        MONTH, HIJRI);
    /* dual dating: two dates */
    dates(&g, "في 15 رمضان 1443 هـ الموافق 16 أبريل 2022 م صدر.", 0, 0, 0);
    assert_int_equal(g.n, 2);
    expect(&g, "16 أبريل 2022 م", "2022-04-16", DAY, 0);
    /* occasions without a year are no dates */
    none("في رمضان يكثر الصيام.", 2022, 5, 10);
    none("في 15 رمضان يحتفلون.", 2022, 5, 10);
    none("قبل عيد الفطر وبعد عيد الأضحى.", 2022, 5, 10);
    none("انتهت المباراة بهدف مقابل صفر.", 2022, 5, 10);
}

/* ------------------------------------------------------------ not dates */

static void test_not_dates(void **state)
{
    (void)state;
    none("منذ 3 سنوات لم يزر البلاد.", 2022, 5, 10);
    none("بقي لمدة شهرين في المستشفى.", 2022, 5, 10);
    none("الأسبوع الماضي كان صعبا.", 2022, 5, 10);
    none("وصل الساعة 10:30 صباحا.", 2022, 5, 10);
    none("في الصيف والشتاء.", 2022, 5, 10);
    none("وصل مؤخرا ويعمل حاليا.", 2022, 5, 10);
    none("يقام سوق الاثنين من كل أسبوع.", 2022, 5, 10);
    none("", 2022, 5, 10);
}

static void test_invalid_days(void **state)
{
    got g;
    (void)state;
    dates(&g, "في 31 فبراير 2022 حدث.", 0, 0, 0);
    for (size_t i = 0; i < g.n; i++)
        assert_int_not_equal(g.f[i].granularity, DAY);
    dates(&g, "في 29 فبراير 2023 حدث.", 0, 0, 0);
    for (size_t i = 0; i < g.n; i++)
        assert_int_not_equal(g.f[i].granularity, DAY);
    dates(&g, "في 31 أبريل حدث.", 2022, 5, 1);
    for (size_t i = 0; i < g.n; i++)
        assert_int_not_equal(g.f[i].granularity, DAY);
    /* 29 February without a year, resolved to a common year */
    dates(&g, "في 29 فبراير حدث.", 2023, 5, 1);
    for (size_t i = 0; i < g.n; i++)
        assert_int_not_equal(g.f[i].granularity, DAY);
    dates(&g, "في 32 يناير 2022 حدث.", 0, 0, 0);
    for (size_t i = 0; i < g.n; i++)
        assert_int_not_equal(g.f[i].granularity, DAY);
    dates(&g, "في 31 رمضان 1443 هـ حدث.", 0, 0, 0);
    for (size_t i = 0; i < g.n; i++)
        assert_int_not_equal(g.f[i].granularity, DAY);
}

/* ------------------------------------------------------------ hostile */

static void test_truncated(void **state)
{
    static const char *const texts[] = {
        "في 5 يناير", "القرن", "القرن الحادي", "الخميس الموافق", "5 /",
        "29/11/", "29/11", "عام", "كانون", "تشرين", "ذو", "ربيع", "جمادى",
        "أول", "أول من", "بعد", "يوم", "اليوم (", "هذا", "الشهر", "شهر",
        "5 و", "5 -", "الخامس من", "الحادي و", "التسعينيات من",
        "التسعينيات من القرن", "2015-", "عامي 2010 و", "1443", "15 رمضان",
        "يناير/", "يناير (", "يناير (كانون الثاني", "الخميس (5 يناير",
        "أمس (", "مساء", "مساء يوم",
    };
    got g;
    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        dates(&g, texts[i], 2022, 5, 10);
        for (size_t k = 0; k < g.n; k++) {
            assert_true(g.f[k].start < g.f[k].end);
            assert_true(g.f[k].end <= strlen(texts[i]));
        }
    }
    one("في 5 يناير", 2022, 5, 10, "5 يناير", "2022-01-05", DAY, REL);
}

static void test_garbage(void **state)
{
    char buf[4096];
    uint32_t x = 12345;
    got g;
    static const char *const pieces[] = {
        "5", " ", "يناير", "/", "-", ".", "2022", "الخميس", "(", ")",
        "القرن", "الـ", "19", "عام", "هـ", "م", "أمس", "اليوم", "الموافق",
        "و", "من", "الخامس", "عشر", "والعشرين", "كانون", "الثاني", "رمضان",
        "1443", "99999999999999999999", "،", "\xff", "\xd8", "٢٩", "ذو",
        "الحجة", "الماضي", "المقبل", "التسعينيات", "شهر", "\n",
    };
    (void)state;
    for (int round = 0; round < 400; round++) {
        size_t len = 0;
        while (len < sizeof buf - 64) {
            const char *p;
            x = x * 1103515245u + 12345u;
            if ((x >> 16) % 9 == 0)
                break;
            p = pieces[(x >> 8) % (sizeof pieces / sizeof pieces[0])];
            memcpy(buf + len, p, strlen(p));
            len += strlen(p);
            if ((x >> 20) & 1)
                buf[len++] = ' ';
        }
        buf[len] = 0;
        memset(&g, 0, sizeof g);
        g.text = buf;
        {
            marsad_facts_doc doc;
            memset(&doc, 0, sizeof doc);
            doc.kinds = 1u << MARSAD_FACT_DATE;
            if (round & 1) {
                doc.year = 2022;
                doc.month = 1 + round % 12;
                doc.day = 1 + round % 28;
            }
            g.n = 0;
            assert_int_equal(
                marsad_facts_find(fx, buf, len, &doc, collect, &g),
                MARSAD_OK);
        }
        for (size_t k = 0; k < g.n; k++) {
            char s[32];
            assert_true(g.f[k].start < g.f[k].end && g.f[k].end <= len);
            assert_true(g.f[k].granularity >= DAY &&
                        g.f[k].granularity <= CENTURY);
            marsad_fact_iso(&g.f[k], s);
            assert_true(strlen(s) < 16);
        }
    }
    /* random bytes */
    for (int round = 0; round < 200; round++) {
        size_t len = 1 + (size_t)round * 7 % 900;
        for (size_t k = 0; k < len; k++) {
            x = x * 1103515245u + 12345u;
            buf[k] = (char)(x >> 16);
        }
        {
            size_t n = 0;
            assert_int_equal(
                marsad_facts_find(fx, buf, len, NULL, count_any, &n),
                MARSAD_OK);
        }
    }
}

/* ------------------------------------------------------------ output */

static void test_iso_strings(void **state)
{
    marsad_fact f;
    char buf[32];
    (void)state;
    memset(&f, 0, sizeof f);
    f.kind = MARSAD_FACT_DATE;
    f.year = 1990;
    f.granularity = DECADE;
    assert_string_equal(marsad_fact_iso(&f, buf), "199");
    f.year = 1900;
    f.granularity = CENTURY;
    assert_string_equal(marsad_fact_iso(&f, buf), "19");
    f.year = 2022;
    f.month = 1;
    f.day = 5;
    f.granularity = DAY;
    assert_string_equal(marsad_fact_iso(&f, buf), "2022-01-05");
    f.granularity = MONTH;
    assert_string_equal(marsad_fact_iso(&f, buf), "2022-01");
    f.granularity = YEAR;
    assert_string_equal(marsad_fact_iso(&f, buf), "2022");
    f.flags = UNRES;
    assert_string_equal(marsad_fact_iso(&f, buf), "");
    f.flags = 0;
    f.kind = MARSAD_FACT_NUMBER;
    assert_string_equal(marsad_fact_iso(&f, buf), "");
    assert_string_equal(marsad_fact_iso(NULL, buf), "");
}

static void test_fields(void **state)
{
    got g;
    const marsad_fact *f;
    (void)state;
    dates(&g, "جملة أولى. وفي 5 يناير 2022 وصل.", 0, 0, 0);
    assert_int_equal(g.n, 1);
    f = &g.f[0];
    assert_int_equal(f->sentence, 1);
    assert_int_equal(f->year, 2022);
    assert_int_equal(f->month, 1);
    assert_int_equal(f->day, 5);
    dates(&g, "في عام 2022 وصل.", 0, 0, 0);
    assert_int_equal(g.f[0].month, 0);
    assert_int_equal(g.f[0].day, 0);
    dates(&g, "في يناير 2022 وصل.", 0, 0, 0);
    assert_int_equal(g.f[0].month, 1);
    assert_int_equal(g.f[0].day, 0);
    dates(&g, "في التسعينيات وصل.", 0, 0, 0);
    assert_int_equal(g.f[0].year, 1990);
    dates(&g, "في القرن العشرين وصل.", 0, 0, 0);
    assert_int_equal(g.f[0].year, 1900);
    /* facts in order of start */
    dates(&g, "في 2010 ثم في 5 يناير 2022 ثم أمس.", 2022, 5, 10);
    assert_int_equal(g.n, 3);
    assert_true(g.f[0].start < g.f[1].start && g.f[1].start < g.f[2].start);
}

/* ------------------------------------------------------------ guess */

static void test_guess_date(void **state)
{
    int y, m, d;
    double c;
    const char *t1 = "الرياض 5 يناير 2022: أعلنت الوزارة اليوم أن الاجتماع "
                     "المقرر في 5 يناير 2022 انتهى، بعد لقاء 3 يناير 2022.";
    (void)state;
    c = marsad_facts_guess_date(fx, t1, strlen(t1), &y, &m, &d);
    assert_true(c > 0.5);
    assert_int_equal(y, 2022);
    assert_int_equal(m, 1);
    assert_int_equal(d, 5);
    /* relative dates alone say nothing */
    c = marsad_facts_guess_date(fx, "وصل أمس الخميس.", strlen("وصل أمس الخميس."),
                                &y, &m, &d);
    assert_true(c == 0);
    assert_int_equal(y + m + d, 0);
    c = marsad_facts_guess_date(fx, "لا تاريخ هنا.", strlen("لا تاريخ هنا."),
                                &y, &m, &d);
    assert_true(c == 0);
    /* a year alone is not a day */
    c = marsad_facts_guess_date(fx, "في عام 2002.", strlen("في عام 2002."), &y,
                                &m, &d);
    assert_true(c == 0);
    /* a Hijri date counts, converted */
    c = marsad_facts_guess_date(fx, "في 1 رمضان 1443 هـ.",
                                strlen("في 1 رمضان 1443 هـ."), &y, &m, &d);
    assert_true(c > 0);
    assert_int_equal(y, 2022);
    assert_int_equal(m, 4);
    /* the dateline wins over a date given once further down */
    {
        char text[2048];
        snprintf(text, sizeof text,
                 "القاهرة 10 مارس 2021: %s وكان ذلك في 1 يناير 2020.",
                 "نص طويل عن الأحداث المتتالية التي جرت في البلاد خلال الأشهر "
                 "الأخيرة وما تبعها من تطورات وقرارات حكومية متعددة ومتنوعة "
                 "أثرت في حياة الناس اليومية بصورة واضحة وملموسة.");
        c = marsad_facts_guess_date(fx, text, strlen(text), &y, &m, &d);
        assert_true(c > 0.5);
        assert_int_equal(y, 2021);
        assert_int_equal(m, 3);
        assert_int_equal(d, 10);
    }
}

static void test_day_of_a_month_said_before(void **state)
{
    got g;
    (void)state;
    /* 2022-05-10 is a Tuesday */
    one("تبدأ البطولة في السابع من الشهر المقبل.", 2022, 5, 10,
        "السابع من الشهر المقبل", "2022-06-07", DAY, REL);
    one("وقع الحادث في 3 من الشهر الماضي.", 2022, 5, 10,
        "3 من الشهر الماضي", "2022-04-03", DAY, REL);
    dates(&g, "يلعب الفريق في التاسع من مارس ثم في 13 منه.", 2022, 5, 10);
    assert_int_equal(g.n, 2);
    expect(&g, "التاسع من مارس", "2022-03-09", DAY, REL);
    expect(&g, "13 منه", "2022-03-13", DAY, 0);
    dates(&g, "شهد أغسطس 2020 أحداثا، إذ في الثالث منه وقع انفجار.", 0, 0,
          0);
    assert_int_equal(g.n, 2);
    expect(&g, "الثالث منه", "2020-08-03", DAY, 0);
    /* no month before: nothing to resolve against */
    none("قتل 13 منه في الهجوم.", 2022, 5, 10);
}

static void test_ordinal_day_with_lil(void **state)
{
    (void)state;
    one("أحيا الحزب ذكرى اليوم الدامي للسابع من أيار 2008.", 0, 0, 0,
        "لسابع من أيار 2008", "2008-05-07", DAY, 0);
    none("البر للاثنين معا واجب.", 2022, 5, 10);
}

static void test_today_as_adverb(void **state)
{
    (void)state;
    /* 2022-05-10 is a Tuesday */
    one("وقال المدرب: اليوم نحن سعداء.", 2022, 5, 10, "اليوم",
        "2022-05-10", DAY, REL);
    one("وصل الملك اليوم إلى الرياض.", 2022, 5, 10, "اليوم", "2022-05-10",
        DAY, REL);
    one("كانت الجماهير رائعة اليوم وطوال الموسم.", 2022, 5, 10, "اليوم",
        "2022-05-10", DAY, REL);
    none("لم ينس أحد ذلك اليوم أبدا.", 2022, 5, 10);
    none("يتناول الدواء مرتين في اليوم.", 2022, 5, 10);
    none("بقي الوضع كما هو حتى اليوم.", 2022, 5, 10);
}

static void test_weekday_after_imperfect_verb(void **state)
{
    (void)state;
    /* 2022-05-10 is a Tuesday */
    one("ويلتقي يوم الخميس الفريقان.", 2022, 5, 10, "يوم الخميس",
        "2022-05-12", DAY, REL | WDAY);
    one("في المباراة التي تقام يوم السبت.", 2022, 5, 10, "يوم السبت",
        "2022-05-14", DAY, REL | WDAY);
    /* a name before a bare weekday is no verb */
    one("قال يوسف الخميس إن الوضع هادئ.", 2022, 5, 10, "الخميس",
        "2022-05-05", DAY, REL | WDAY);
}

static void test_decade_as_age(void **state)
{
    (void)state;
    none("تصاب النساء في الخمسينات أو سن أكبر.", 2022, 5, 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_month_year),
        cmocka_unit_test(test_egyptian_gulf_names),
        cmocka_unit_test(test_levantine_names),
        cmocka_unit_test(test_maghrebi_names),
        cmocka_unit_test(test_clitics),
        cmocka_unit_test(test_paired_names),
        cmocka_unit_test(test_ordinal_days),
        cmocka_unit_test(test_numeric_dates),
        cmocka_unit_test(test_numeric_invalid),
        cmocka_unit_test(test_years),
        cmocka_unit_test(test_years_that_count),
        cmocka_unit_test(test_year_ranges),
        cmocka_unit_test(test_month_year),
        cmocka_unit_test(test_month_ranges),
        cmocka_unit_test(test_month_relative),
        cmocka_unit_test(test_month_unresolved),
        cmocka_unit_test(test_relative_words),
        cmocka_unit_test(test_relative_days),
        cmocka_unit_test(test_today),
        cmocka_unit_test(test_weekdays),
        cmocka_unit_test(test_weekday_unresolved),
        cmocka_unit_test(test_weekday_with_date),
        cmocka_unit_test(test_decades),
        cmocka_unit_test(test_centuries),
        cmocka_unit_test(test_hijri),
        cmocka_unit_test(test_not_dates),
        cmocka_unit_test(test_invalid_days),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_iso_strings),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_guess_date),
        cmocka_unit_test(test_day_of_a_month_said_before),
        cmocka_unit_test(test_ordinal_day_with_lil),
        cmocka_unit_test(test_today_as_adverb),
        cmocka_unit_test(test_weekday_after_imperfect_verb),
        cmocka_unit_test(test_decade_as_age),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
