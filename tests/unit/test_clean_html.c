/*
 * test_clean_html.c - HTML cleaning: metadata from meta tags, JSON-LD,
 * <title> and <h1>; main text kept and boilerplate (menus, sidebars,
 * footers, comment forms, share rows, captions, cookie banners, related
 * links, repeated titles) dropped; encodings; byte ranges; hostile input.
 *
 * Pages are in tests/data/html; tests run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>

#include "clean/clean.h"
#include "marsad.h"

#define DATA "tests/data/html/"

static char *load(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *b;
    long len;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    b = malloc((size_t)len + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    b[len] = '\0';
    *n = (size_t)len;
    return b;
}

/* Structural invariants every result must meet. */
static void check_result(const mc_result *r, size_t n)
{
    size_t i;
    for (i = 0; i < r->narticles; i++) {
        const mc_article *a = &r->articles[i];
        assert_non_null(a->text);
        assert_int_equal(strlen(a->text), a->len);
        assert_int_equal(marsad_utf8_validate(a->text, a->len, NULL),
                         MARSAD_OK);
        assert_true(a->start <= a->end);
        assert_true(a->end <= n);
    }
    for (i = 0; i < r->ndrops; i++) {
        assert_true(r->drops[i].start <= r->drops[i].end);
        assert_true(r->drops[i].end <= n);
        assert_non_null(r->drops[i].reason);
        if (i > 0)
            assert_true(r->drops[i - 1].start <= r->drops[i].start);
    }
}

static void clean_buf(const char *s, size_t n, const mc_meta *hint,
                      mc_result *r)
{
    assert_int_equal(mc_clean_html(s, n, hint, NULL, r), MC_OK);
    check_result(r, n);
}

/* Cleans a page file; the caller frees *page and the result. */
static char *clean_file(const char *name, const mc_meta *hint, mc_result *r,
                        size_t *n)
{
    char *page = load(name, n);
    clean_buf(page, *n, hint, r);
    return page;
}

static void assert_field(const char *got, const char *want)
{
    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
}

/* Does the text hold line as one of its lines? */
static int has_line(const char *text, const char *line)
{
    size_t m = strlen(line);
    const char *p = text;
    while ((p = strstr(p, line)) != NULL) {
        if ((p == text || p[-1] == '\n') && (p[m] == '\0' || p[m] == '\n'))
            return 1;
        p++;
    }
    return 0;
}

static void assert_lines(const mc_result *r, const char *const *lines)
{
    size_t i;
    assert_int_equal(r->narticles, 1);
    for (i = 0; lines[i]; i++) {
        if (!has_line(r->articles[0].text, lines[i]))
            fail_msg("missing paragraph: %s\n--- text:\n%s", lines[i],
                     r->articles[0].text);
    }
}

static void assert_absent(const mc_result *r, const char *const *pieces)
{
    size_t i, k;
    for (k = 0; k < r->narticles; k++)
        for (i = 0; pieces[i]; i++)
            if (strstr(r->articles[k].text, pieces[i]))
                fail_msg("boilerplate kept: %s\n--- text:\n%s", pieces[i],
                         r->articles[k].text);
}

/* Is there a drop with this reason whose source bytes hold needle? */
static int has_drop(const mc_result *r, const char *page, const char *reason,
                    const char *needle)
{
    size_t i, m = strlen(needle);
    for (i = 0; i < r->ndrops; i++) {
        const mc_drop *d = &r->drops[i];
        size_t j;
        if (strcmp(d->reason, reason) != 0 || d->end - d->start < m)
            continue;
        for (j = d->start; j + m <= d->end; j++)
            if (memcmp(page + j, needle, m) == 0)
                return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ pages */

static void test_og_meta(void **state)
{
    static const char *const body[] = {
        "افتتح وزير المياه صباح اليوم محطة جديدة لتحلية مياه البحر على "
        "الساحل الشمالي، بطاقة إنتاجية تبلغ مئة وخمسين ألف متر مكعب "
        "يومياً.",
        "وقال الوزير في كلمة خلال حفل الافتتاح إن المحطة ستغطي احتياجات "
        "أكثر من نصف مليون نسمة من مياه الشرب، وإنها تعمل بالطاقة الشمسية "
        "في ساعات النهار.",
        "وأوضح مدير المشروع أن أعمال البناء استغرقت ثلاث سنوات، وأن كلفة "
        "المحطة بلغت نحو أربعمئة مليون دولار موّلت بقروض ميسّرة من صناديق "
        "تنمية إقليمية.",
        "ويعاني الساحل الشمالي منذ سنوات من شح المياه الجوفية وارتفاع "
        "ملوحتها، ما دفع الحكومة إلى التوسع في مشاريع التحلية خلال العقد "
        "الأخير.",
        NULL};
    static const char *const junk[] = {
        "الرئيسية", "سياسة", "رياضة", "من نحن", "جميع الحقوق محفوظة",
        "تتبع", "font-family", "pageId", NULL};
    mc_result r;
    size_t n;
    char *page = clean_file(DATA "og_meta.html", NULL, &r, &n);
    const mc_meta *m;
    (void)state;

    assert_lines(&r, body);
    assert_absent(&r, junk);
    m = &r.articles[0].meta;
    assert_field(m->title,
                 "افتتاح محطة جديدة لتحلية مياه البحر في مدينة الساحل");
    assert_field(m->author, "سلمى الحداد");
    assert_field(m->source, "جريدة المرصد");
    assert_field(m->date, "2024-03-12T09:15:00+03:00");
    assert_field(m->url, "https://example.com/news/2024/03/12/desalination");
    /* the headline is not repeated in the body */
    assert_false(has_line(r.articles[0].text, m->title));
    /* ranges point at the page's own lines */
    assert_true(has_drop(&r, page, "navigation", "/politics"));
    assert_true(has_drop(&r, page, "repeated title", m->title));
    assert_true(r.articles[0].start < r.articles[0].end);
    {
        const char *p = strstr(page, "افتتح وزير");
        assert_non_null(p);
        assert_true(r.articles[0].start <= (size_t)(p - page));
        assert_true(r.articles[0].end > (size_t)(p - page));
    }
    mc_result_free(&r);
    free(page);
}

static void test_jsonld_array(void **state)
{
    static const char *const body[] = {
        "فتح معرض الكتاب الدولي أبوابه أمام الزوار مساء الإثنين بمشاركة "
        "أربعمئة دار نشر من ثلاثين دولة، في دورة هي الأكبر منذ تأسيسه قبل "
        "ربع قرن.",
        "وتحل الثقافة المغاربية ضيف شرف على الدورة الحالية، إذ يخصص المعرض "
        "جناحاً كاملاً للمخطوطات النادرة وندوات يومية عن الرواية والشعر.",
        "وقالت إدارة المعرض إن أسعار الكتب ستبقى مدعومة للطلاب طوال أيام "
        "الدورة، وإن حافلات مجانية ستنقل الزوار من وسط المدينة إلى أرض "
        "المعارض.",
        NULL};
    static const char *const junk[] = {"عنوان من نص معطوب", "فيديو",
                                       "@context", "© وكالة", NULL};
    mc_result r;
    size_t n;
    char *page = clean_file(DATA "jsonld_array.html", NULL, &r, &n);
    const mc_meta *m;
    mc_meta hint;
    (void)state;

    assert_lines(&r, body);
    assert_absent(&r, junk);
    m = &r.articles[0].meta;
    assert_field(m->title,
                 "معرض الكتاب الدولي يفتح أبوابه بمشاركة أربعمئة دار نشر");
    assert_field(m->author, "كريم ناصر, ليلى عباس");
    assert_field(m->source, "وكالة الأنباء المستقلة");
    assert_field(m->date, "2024-02-05T18:40:00Z");
    assert_field(m->url, "https://example.org/culture/book-fair");
    mc_result_free(&r);

    /* without a canonical link, the address the page came from wins over
     * JSON-LD's; the page's own fields win over the hint's */
    memset(&hint, 0, sizeof hint);
    hint.url = "https://example.org/fetched?id=7";
    hint.source = "مصدر من الحاوية";
    hint.title = "عنوان من الحاوية";
    clean_buf(page, n, &hint, &r);
    m = &r.articles[0].meta;
    assert_field(m->url, "https://example.org/fetched?id=7");
    assert_field(m->source, "وكالة الأنباء المستقلة");
    assert_field(m->title,
                 "معرض الكتاب الدولي يفتح أبوابه بمشاركة أربعمئة دار نشر");
    mc_result_free(&r);
    free(page);
}

static void test_jsonld_graph(void **state)
{
    static const char *const body[] = {
        "توقعت دائرة الأرصاد الجوية هطول أمطار غزيرة على المرتفعات الغربية "
        "اعتباراً من مساء الخميس، مصحوبة برياح نشطة قد تتجاوز سرعتها ستين "
        "كيلومتراً في الساعة.",
        "ودعت الدائرة السائقين إلى تجنب الطرق الجبلية خلال ساعات الليل، "
        "محذرة من تشكل السيول في الأودية المنخفضة وتدني مدى الرؤية بسبب "
        "الضباب.",
        "وأشارت إلى أن درجات الحرارة ستنخفض بمعدل خمس درجات عن معدلاتها "
        "العامة، على أن يعود الطقس إلى الاستقرار تدريجياً مع بداية الأسبوع "
        "المقبل.",
        NULL};
    static const char *const junk[] = {"آخر الأخبار", "منسوب السدود",
                                       "الانهيارات الصخرية", "قبل يومين",
                                       NULL};
    mc_result r;
    size_t n;
    char *page = clean_file(DATA "jsonld_graph.html", NULL, &r, &n);
    const mc_meta *m;
    (void)state;

    assert_lines(&r, body);
    assert_absent(&r, junk);
    m = &r.articles[0].meta;
    assert_field(m->title, "توقعات بأمطار غزيرة على المرتفعات الغربية "
                           "\"نهاية الأسبوع\"");
    assert_field(m->author, "مها الشريف");
    assert_field(m->source, "موقع الأفق");
    assert_field(m->date, "2023-11-20T07:05:00+02:00");
    assert_field(m->url, "https://example.net/weather/rain-forecast");
    mc_result_free(&r);
    free(page);
}

static void test_boilerplate(void **state)
{
    static const char *const body[] = {
        "أعلنت بلدية المدينة إطلاق ستة خطوط جديدة للحافلات الليلية تعمل "
        "من منتصف الليل حتى الخامسة فجراً، لخدمة العاملين في المناوبات "
        "الليلية والمستشفيات.",
        "وقال رئيس البلدية في مؤتمر صحفي إن الخطوط الجديدة تربط الأحياء "
        "الشرقية بالمنطقة الصناعية والمطار، وإن الحافلات ستنطلق كل عشرين "
        "دقيقة.",
        "وأضاف أن سعر التذكرة الليلية سيبقى مماثلاً لسعر التذكرة النهارية، "
        "مع إمكانية الدفع بالبطاقات المصرفية داخل جميع الحافلات.",
        "ويأتي القرار بعد شكاوى متكررة من السكان بشأن غياب وسائل النقل العام "
        "بعد منتصف الليل، واعتماد كثيرين على سيارات الأجرة المرتفعة "
        "الكلفة.",
        NULL};
    static const char *const junk[] = {
        "ملفات تعريف الارتباط", "موافق", "محليات", "اقتصاد",
        "حافلات جديدة في محطة الانطلاق", "تصوير", "شارك المقال", "فيسبوك",
        "نسخ الرابط", "التعليقات", "آداب الحوار", "إرسال", "تعليقك",
        "الأكثر قراءة", "افتتاح جسر", "مهرجان الربيع", "الشقق الصغيرة",
        "أعلن معنا", "جميع الحقوق", "بقلم", "18 يناير", NULL};
    mc_result r;
    size_t n;
    char *page = clean_file(DATA "boilerplate.html", NULL, &r, &n);
    const mc_meta *m;
    (void)state;

    assert_lines(&r, body);
    assert_absent(&r, junk);
    m = &r.articles[0].meta;
    assert_field(m->title, "البلدية تطلق خطوط حافلات ليلية جديدة");
    assert_field(m->author, "عمر الخطيب");
    assert_field(m->source, "شبكة المدينة الإخبارية");
    assert_field(m->date, "2024-01-18T14:30:00+03:00");
    assert_field(m->url, NULL);
    assert_true(has_drop(&r, page, "caption", "حافلات جديدة في محطة"));
    assert_true(has_drop(&r, page, "navigation", "/local"));
    mc_result_free(&r);
    free(page);
}

static void test_nested_related(void **state)
{
    static const char *const body[] = {
        "بدأ المزارعون في السهول الشرقية حصاد القمح قبل موعده المعتاد "
        "بأسبوعين، بعد موسم شهد أمطاراً وفيرة في الخريف ودرجات حرارة "
        "معتدلة في الربيع.",
        "وتتوقع وزارة الزراعة أن يتجاوز الإنتاج هذا العام مليوني طن، وهو "
        "أعلى مستوى منذ عشر سنوات، ما قد يقلص الحاجة إلى الاستيراد بنسبة "
        "كبيرة.",
        "وأعلنت مؤسسة الحبوب أنها رفعت سعر شراء القمح من المزارعين بنسبة "
        "ثمانية في المئة، وأنها ستدفع المستحقات خلال أسبوع من تسليم "
        "المحصول.",
        "غير أن بعض المزارعين اشتكوا من نقص الحصادات وارتفاع أجورها، ودعوا "
        "الجمعيات التعاونية إلى توفير آلات إضافية قبل ذروة الموسم.",
        NULL};
    static const char *const junk[] = {
        "أسعار الأسمدة", "أضرار البرد", "مخازن الحبوب", "تقنيات ري",
        "اقرأ أيضاً", "الجفاف يهدد", "صادرات الخضار", "قروض ميسرة",
        "فيديو", "زراعة\n", NULL};
    mc_result r;
    size_t n;
    char *page = clean_file(DATA "nested_related.html", NULL, &r, &n);
    const mc_meta *m;
    (void)state;

    assert_lines(&r, body);
    assert_absent(&r, junk);
    assert_false(has_line(r.articles[0].text, "زراعة"));
    m = &r.articles[0].meta;
    assert_field(m->title, "موسم حصاد القمح يبدأ مبكراً في السهول الشرقية");
    assert_field(m->author, "ياسر منصور");
    assert_field(m->source, "الرصد اليومي");
    assert_field(m->date, "2024-04-12T10:20:00");
    mc_result_free(&r);
    free(page);
}

static const char *const CP1256_BODY[] = {
    "أعلنت وزارة التربية اليوم نتائج امتحانات الشهادة الثانوية العامة، "
    "وبلغت نسبة النجاح الإجمالية أربعة وسبعين في المئة بارتفاع طفيف عن "
    "العام الماضي.",
    "وأوضح الوزير أن الطلاب يستطيعون الاطلاع على نتائجهم عبر الموقع "
    "الإلكتروني للوزارة أو من خلال رسالة نصية، اعتباراً من الساعة الرابعة "
    "عصراً.",
    "وتصدرت المدارس الريفية قائمة المتفوقين هذا العام، إذ حصد طلابها "
    "ثلاثة من المراكز العشرة الأولى في الفرع العلمي.",
    NULL};

static void check_cp1256(const mc_result *r)
{
    static const char *const junk[] = {"الرئيسية", "وظائف", NULL};
    const mc_meta *m;
    assert_lines(r, CP1256_BODY);
    assert_absent(r, junk);
    m = &r->articles[0].meta;
    assert_field(m->title, "إعلان نتائج امتحانات الشهادة الثانوية");
    assert_field(m->author, "نادية فرحات");
    assert_field(m->source, "صحيفة الوادي");
    assert_field(m->date, "2024-07-02T16:45:00");
}

static void test_windows_1256(void **state)
{
    mc_result r;
    size_t n;
    char *page = clean_file(DATA "cp1256.html", NULL, &r, &n);
    char *decl;
    static const char meta[] = "<meta charset=\"windows-1256\">";
    (void)state;

    /* the file really is in windows-1256 */
    assert_int_not_equal(marsad_utf8_validate(page, n, NULL), MARSAD_OK);
    check_cp1256(&r);
    mc_result_free(&r);

    /* the same page without its declaration is still read as Arabic */
    decl = strstr(page, meta);
    assert_non_null(decl);
    memmove(decl, decl + sizeof meta - 1,
            n - (size_t)(decl - page) - (sizeof meta - 1) + 1);
    n -= sizeof meta - 1;
    clean_buf(page, n, NULL, &r);
    check_cp1256(&r);
    mc_result_free(&r);
    free(page);

    /* converted to UTF-8 but still declaring windows-1256, as a reader
     * that converts legacy pages hands it over */
    page = clean_file(DATA "cp1256_as_utf8.html", NULL, &r, &n);
    assert_int_equal(marsad_utf8_validate(page, n, NULL), MARSAD_OK);
    assert_non_null(strstr(page, "windows-1256"));
    check_cp1256(&r);
    mc_result_free(&r);
    free(page);
}

static void test_no_meta(void **state)
{
    static const char *const body[] = {
        "ارتفعت أسعار الذهب في الأسواق المحلية خلال تعاملات اليوم بنحو "
        "اثنين في المئة، مدفوعة بتراجع الدولار أمام العملات الرئيسية وزيادة "
        "الطلب قبل موسم الأعراس.",
        "وقال تجار في سوق الصاغة إن الإقبال تركز على السبائك الصغيرة "
        "والجنيهات الذهبية، في حين تراجع الطلب على المشغولات بسبب ارتفاع "
        "أجور الصناعة.",
        "ويتوقع محللون أن تواصل الأسعار صعودها في الأسابيع المقبلة إذا "
        "استمرت البنوك المركزية في شراء الذهب لتعزيز احتياطياتها.",
        NULL};
    mc_result r;
    size_t n;
    char *page = clean_file(DATA "no_meta.html", NULL, &r, &n);
    const mc_meta *m;
    mc_meta hint;
    (void)state;

    assert_lines(&r, body);
    m = &r.articles[0].meta;
    assert_field(m->title,
                 "ارتفاع أسعار الذهب في الأسواق المحلية مع تراجع الدولار");
    assert_false(has_line(r.articles[0].text, m->title));
    assert_field(m->author, NULL);
    assert_field(m->source, NULL);
    assert_field(m->date, NULL);
    assert_field(m->url, NULL);
    mc_result_free(&r);

    /* the hint fills what the page lacks */
    memset(&hint, 0, sizeof hint);
    hint.source = "بوابة الاقتصاد";
    hint.url = "https://example.com/gold";
    hint.date = "2024-06-01";
    hint.title = "عنوان آخر";
    clean_buf(page, n, &hint, &r);
    assert_lines(&r, body);
    m = &r.articles[0].meta;
    assert_field(m->title,
                 "ارتفاع أسعار الذهب في الأسواق المحلية مع تراجع الدولار");
    assert_field(m->source, "بوابة الاقتصاد");
    assert_field(m->url, "https://example.com/gold");
    assert_field(m->date, "2024-06-01");
    mc_result_free(&r);
    free(page);
}

static void test_repeated_title(void **state)
{
    static const char *const body[] = {
        "أطلقت وزارة الصحة حملة وطنية للتبرع بالدم تستمر أسبوعين في جميع "
        "المحافظات، بهدف رفع مخزون بنوك الدم قبل فصل الصيف الذي يشهد عادة "
        "تراجعاً في التبرعات.",
        "وحدات متنقلة في الجامعات",
        "وقالت الوزارة إن وحدات متنقلة ستتوجه إلى الجامعات والأسواق الكبرى "
        "والمساجد بعد صلاة الجمعة، لتسهيل وصول المتبرعين إليها دون مواعيد "
        "مسبقة.",
        "ودعت المواطنين الذين تتراوح أعمارهم بين ثمانية عشر وستين عاماً إلى "
        "المشاركة، مؤكدة أن عملية التبرع لا تستغرق أكثر من عشرين دقيقة.",
        NULL};
    static const char *const junk[] = {"الرئيسية", "مجتمع", "11:05",
                                       "موقع النهار الجديد", NULL};
    mc_result r;
    size_t n;
    char *page = clean_file(DATA "repeated_title.html", NULL, &r, &n);
    const mc_meta *m;
    (void)state;

    assert_lines(&r, body);
    assert_absent(&r, junk);
    m = &r.articles[0].meta;
    assert_field(m->title, "حملة وطنية للتبرع بالدم في جميع المحافظات");
    assert_false(has_line(r.articles[0].text, m->title));
    assert_false(has_line(r.articles[0].text,
                          "حملة وطنية للتبرع بالدم في جميع المحافظات."));
    assert_true(has_drop(&r, page, "repeated title",
                         "حملة وطنية للتبرع بالدم في جميع المحافظات."));
    mc_result_free(&r);
    free(page);
}

/* ------------------------------------------------------ small pages */

/* One-paragraph page with extra head markup. */
static void small_page(const char *head, mc_result *r)
{
    char buf[4096];
    int k = snprintf(buf, sizeof buf,
                     "<html><head>%s</head><body><p>هذه فقرة قصيرة من خبر "
                     "تجريبي تكفي لكي تعدّ نصاً حقيقياً في الصفحة، وفيها "
                     "أكثر من اثنتي عشرة كلمة.</p></body></html>",
                     head);
    assert_true(k > 0 && (size_t)k < sizeof buf);
    clean_buf(buf, (size_t)k, NULL, r);
    assert_int_equal(r->narticles, 1);
}

static void expect_date(const char *value, const char *want)
{
    char head[512];
    mc_result r;
    snprintf(head, sizeof head, "<meta name=\"date\" content=\"%s\">", value);
    small_page(head, &r);
    assert_field(r.articles[0].meta.date, want);
    mc_result_free(&r);
}

static void test_dates(void **state)
{
    (void)state;
    expect_date("2024-05-01T10:30:00.000+0300", "2024-05-01T10:30:00+03:00");
    expect_date("2024-05-01 10:30", "2024-05-01T10:30:00");
    expect_date("2024-05-01", "2024-05-01");
    expect_date("Wed, 01 May 2024 10:30:00 GMT", "2024-05-01T10:30:00Z");
    expect_date("May 1, 2024", "2024-05-01");
    expect_date("1 مايو 2024", "2024-05-01");
    expect_date("الأربعاء 15 تشرين الأول 2023 - 09:10 م",
                "2023-10-15T21:10:00");
    expect_date("٢٠٢٤/٠٥/٠١", "2024-05-01");
    expect_date("03/02/2024", "2024-02-03");
    expect_date("2024-02-30", "2024-02-30");   /* no such day: kept */
    expect_date("غير معروف", "غير معروف");
}

static void test_title_variants(void **state)
{
    mc_result r;
    (void)state;

    small_page("<title>سقوط أمطار غزيرة على العاصمة - الأخبار - "
               "موقع المدينة</title>", &r);
    assert_field(r.articles[0].meta.title, "سقوط أمطار غزيرة على العاصمة");
    mc_result_free(&r);

    /* a dash inside the headline stays */
    small_page("<title>مصر - السودان: مباراة حاسمة في التصفيات</title>", &r);
    assert_field(r.articles[0].meta.title,
                 "مصر - السودان: مباراة حاسمة في التصفيات");
    mc_result_free(&r);

    /* the site name from og:site_name comes off og:title */
    small_page("<meta property=\"og:site_name\" content=\"موقع المدينة\">"
               "<meta property=\"og:title\" content=\"عنوان الخبر هنا | "
               "موقع المدينة\">", &r);
    assert_field(r.articles[0].meta.title, "عنوان الخبر هنا");
    assert_field(r.articles[0].meta.source, "موقع المدينة");
    mc_result_free(&r);

    /* relative canonical links are made absolute against og:url */
    small_page("<meta property=\"og:url\" content=\"https://example.com/a/b?x=1\">"
               "<link rel=\"canonical\" href=\"/news/42\">", &r);
    assert_field(r.articles[0].meta.url, "https://example.com/news/42");
    mc_result_free(&r);

    /* meta author holding a profile URL is not a name */
    small_page("<meta property=\"article:author\" "
               "content=\"https://social.example/someone\">", &r);
    assert_field(r.articles[0].meta.author, NULL);
    mc_result_free(&r);
}

static void test_text_byline(void **state)
{
    static const char page[] =
        "<html><body><div>\n"
        "<p>بقلم: سامي يوسف</p>\n"
        "<p>قررت اللجنة الأولمبية إقامة البطولة الإقليمية للسباحة في الصيف "
        "المقبل، بمشاركة منتخبات من اثنتي عشرة دولة.</p>\n"
        "<p>وقال رئيس اللجنة إن المسبح الجديد سيكون جاهزاً قبل موعد البطولة "
        "بشهرين على الأقل، وإن التذاكر ستطرح للبيع في الربيع.</p>\n"
        "</div></body></html>";
    mc_result r;
    mc_meta hint;
    (void)state;
    memset(&hint, 0, sizeof hint);
    hint.author = "اسم من الحاوية";
    clean_buf(page, sizeof page - 1, &hint, &r);
    assert_int_equal(r.narticles, 1);
    assert_field(r.articles[0].meta.author, "سامي يوسف");
    assert_null(strstr(r.articles[0].text, "بقلم"));
    assert_non_null(strstr(r.articles[0].text, "قررت اللجنة الأولمبية"));
    assert_true(has_drop(&r, page, "byline", "بقلم: سامي يوسف"));
    mc_result_free(&r);
}

/* ---------------------------------------------------------- hostile */

static void test_empty_and_tiny(void **state)
{
    static const char *const inputs[] = {
        "", "<", "<html", "<html><body></body></html>", "\xEF\xBB\xBF",
        "<script>", "<!--", "<![CDATA[", "&", "&#", "&#x110000;",
        "<p>نص</p>", "<title></title><h1></h1>", NULL};
    size_t i;
    (void)state;
    for (i = 0; inputs[i]; i++) {
        mc_result r;
        clean_buf(inputs[i], strlen(inputs[i]), NULL, &r);
        mc_result_free(&r);
    }
    {
        mc_result r;
        assert_int_equal(mc_clean_html(NULL, 0, NULL, NULL, &r), MC_OK);
        assert_int_equal(r.narticles, 0);
        mc_result_free(&r);
    }
}

static void test_binary_junk(void **state)
{
    size_t n = 200000, i, round;
    char *b = malloc(n);
    uint32_t x = 12345;
    (void)state;
    assert_non_null(b);
    for (round = 0; round < 4; round++) {
        mc_result r;
        for (i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            b[i] = (char)(x >> 16);
            /* some rounds are rich in markup characters */
            if (round & 1 && (x >> 8) % 5 == 0)
                b[i] = "<>/\"= pa"[(x >> 4) % 8];
        }
        clean_buf(b, n, NULL, &r);
        mc_result_free(&r);
    }
    free(b);
}

static void test_deep_nesting(void **state)
{
    size_t depth = 100000, i, n = 0;
    static const char para[] =
        "<p>في أعماق الصفحة فقرة طويلة بما يكفي لكي يعدها المنظف نصاً حقيقياً "
        "من نصوص الأخبار، وفيها أكثر من اثنتي عشرة كلمة.</p>";
    char *b = malloc(depth * 11 + sizeof para + 16);
    mc_result r;
    (void)state;
    assert_non_null(b);
    for (i = 0; i < depth; i++) {
        memcpy(b + n, "<div>", 5);
        n += 5;
    }
    memcpy(b + n, para, sizeof para - 1);
    n += sizeof para - 1;
    for (i = 0; i < depth; i++) {
        memcpy(b + n, "</div>", 6);
        n += 6;
    }
    clean_buf(b, n, NULL, &r);
    assert_int_equal(r.narticles, 1);
    assert_non_null(strstr(r.articles[0].text, "في أعماق الصفحة"));
    mc_result_free(&r);
    free(b);
}

static void test_bad_bytes_in_utf8(void **state)
{
    static const char page[] =
        "<html><body><p>انطلقت اليوم فعاليات المؤتمر العلمي السنوي \xff "
        "بمشاركة باحثين من عشرين دولة عربية وأجنبية، ويستمر ثلاثة أيام."
        "</p></body></html>";
    mc_result r;
    (void)state;
    clean_buf(page, sizeof page - 1, NULL, &r);
    assert_int_equal(r.narticles, 1);
    /* the Arabic after the bad byte is intact */
    assert_non_null(strstr(r.articles[0].text, "بمشاركة باحثين من عشرين"));
    assert_non_null(strstr(r.articles[0].text, "\xEF\xBF\xBD"));
    mc_result_free(&r);
}

static void test_many_lines(void **state)
{
    /* more than 65535 lines: ranges still point at the right place */
    size_t lines = 70000, i, n = 0;
    static const char para[] =
        "<p>فقرة في آخر الصفحة بعد سبعين ألف سطر، وهي طويلة بما يكفي لكي "
        "تعدّ نصاً حقيقياً في الخبر.</p>\n";
    char *b = malloc(lines * 16 + sizeof para + 64);
    const char *p;
    mc_result r;
    (void)state;
    assert_non_null(b);
    memcpy(b, "<html><body>\n", 13);
    n = 13;
    for (i = 0; i < lines; i++) {
        memcpy(b + n, "<br>\n", 5);
        n += 5;
    }
    memcpy(b + n, para, sizeof para - 1);
    n += sizeof para - 1;
    clean_buf(b, n, NULL, &r);
    assert_int_equal(r.narticles, 1);
    p = strstr(b, "<p>");
    assert_non_null(p);
    assert_true(r.articles[0].start <= (size_t)(p - b) + 3);
    assert_true(r.articles[0].end >= (size_t)(p - b) + sizeof para - 6);
    assert_true(r.articles[0].start + 10000 > (size_t)(p - b));
    mc_result_free(&r);
    free(b);
}

static void test_exact_ranges(void **state)
{
    /* a minified page on one line: ranges still point at the text */
    static const char page[] =
        "<html><body><nav><a href=\"/\">الرئيسية</a></nav><article><p>"
        "قالت هيئة الطيران المدني إن المطار الجديد سيستقبل أولى رحلاته "
        "التجارية مطلع الشهر المقبل، بعد اكتمال اختبارات التشغيل.</p>"
        "<figure><figcaption>صورة المبنى</figcaption></figure><p>"
        "وأضافت الهيئة أن المطار قادر على استقبال عشرة ملايين مسافر في "
        "السنة الأولى، على أن ترتفع طاقته لاحقاً.</p></article>"
        "</body></html>";
    mc_result r;
    size_t i, nav = 0, cap = 0;
    const char *p;
    (void)state;
    clean_buf(page, sizeof page - 1, NULL, &r);
    assert_int_equal(r.narticles, 1);
    for (i = 0; i < r.ndrops; i++) {
        const mc_drop *d = &r.drops[i];
        if (strcmp(d->reason, "navigation") == 0) {
            assert_int_equal(d->end - d->start, strlen("الرئيسية"));
            assert_memory_equal(page + d->start, "الرئيسية", d->end - d->start);
            nav++;
        } else if (strcmp(d->reason, "caption") == 0) {
            assert_int_equal(d->end - d->start, strlen("صورة المبنى"));
            assert_memory_equal(page + d->start, "صورة المبنى",
                                d->end - d->start);
            cap++;
        }
    }
    assert_int_equal(nav, 1);
    assert_int_equal(cap, 1);
    p = strstr(page, "قالت هيئة");
    assert_int_equal(r.articles[0].start, (size_t)(p - page));
    p = strstr(page, "لاحقاً.");
    assert_int_equal(r.articles[0].end, (size_t)(p - page) + strlen("لاحقاً."));
    mc_result_free(&r);
}

static void test_comments_in_article(void **state)
{
    /* reader comments inside <article>, longer than the article */
    static const char page[] =
        "<html><body><article>\n"
        "<h1>افتتاح مكتبة عامة جديدة في الحي القديم</h1>\n"
        "<p>افتتحت البلدية مكتبة عامة جديدة في الحي القديم تضم أكثر من "
        "عشرين ألف كتاب، إضافة إلى قاعة للمطالعة وركن خاص بالأطفال.</p>\n"
        "<p>وقالت مديرة المكتبة إن الدخول مجاني لجميع السكان، وإن المكتبة "
        "ستفتح أبوابها يومياً من التاسعة صباحاً حتى الثامنة مساءً.</p>\n"
        "<div id=\"comments\"><h3>3 تعليقات</h3>\n"
        "<div class=\"comment-body\"><p>خطوة رائعة من البلدية، أتمنى أن "
        "تنتشر المكتبات في كل الأحياء وأن تهتم بالكتب العلمية والروايات "
        "الحديثة أيضاً لأن الشباب يحتاجونها.</p></div>\n"
        "<div class=\"comment-body\"><p>زرت المكتبة أمس وكانت نظيفة "
        "ومنظمة جداً، لكن ساعات العمل في نهاية الأسبوع قصيرة ونتمنى "
        "تمديدها قليلاً لكي يستفيد الطلاب أكثر.</p></div>\n"
        "<div class=\"comment-body\"><p>أين تقع المكتبة بالضبط؟ أبحث عنها "
        "منذ يومين ولم أجد أي لافتة تدل عليها في الشارع الرئيسي للحي "
        "القديم، أرجو توضيح العنوان.</p></div>\n"
        "</div></article></body></html>";
    static const char *const junk[] = {"تعليقات", "خطوة رائعة", "زرت المكتبة",
                                       "أين تقع", NULL};
    mc_result r;
    (void)state;
    clean_buf(page, sizeof page - 1, NULL, &r);
    assert_int_equal(r.narticles, 1);
    assert_absent(&r, junk);
    assert_non_null(strstr(r.articles[0].text, "افتتحت البلدية"));
    assert_non_null(strstr(r.articles[0].text, "وقالت مديرة المكتبة"));
    assert_field(r.articles[0].meta.title,
                 "افتتاح مكتبة عامة جديدة في الحي القديم");
    mc_result_free(&r);
}

static void test_form_wrapper(void **state)
{
    /* the whole page inside one <form>, as some server frameworks do */
    static const char page[] =
        "<html><body><form id=\"mainForm\" method=\"post\">\n"
        "<div class=\"top\"><a href=\"/\">الرئيسية</a> | "
        "<a href=\"/x\">محليات</a></div>\n"
        "<div id=\"c1\"><h1>تمديد ساعات عمل المراكز الصحية</h1>\n"
        "<span id=\"b1\"><p>قررت وزارة الصحة تمديد ساعات عمل المراكز "
        "الصحية حتى منتصف الليل، لتخفيف الضغط على أقسام الطوارئ في "
        "المستشفيات.</p>\n"
        "<p>وأوضحت الوزارة في بيان أن القرار يشمل مئة وعشرين مركزاً في "
        "مختلف المحافظات، وأن الكوادر الطبية ستعمل بنظام المناوبات.</p>"
        "</span></div></form></body></html>";
    mc_result r;
    (void)state;
    clean_buf(page, sizeof page - 1, NULL, &r);
    assert_int_equal(r.narticles, 1);
    assert_non_null(strstr(r.articles[0].text, "قررت وزارة الصحة"));
    assert_non_null(strstr(r.articles[0].text, "وأوضحت الوزارة"));
    assert_null(strstr(r.articles[0].text, "الرئيسية"));
    assert_field(r.articles[0].meta.title, "تمديد ساعات عمل المراكز الصحية");
    assert_true(has_drop(&r, page, "repeated title",
                         "تمديد ساعات عمل المراكز الصحية"));
    mc_result_free(&r);
}

static void test_stray_end_tags(void **state)
{
    /* deep unclosed elements followed by end tags that match nothing */
    size_t depth = 20000, i, n = 0;
    static const char para[] =
        "<p>بعد آلاف الوسوم المفتوحة فقرة طويلة بما يكفي لكي تعد نصاً "
        "حقيقياً من نصوص الأخبار في الصفحة.</p>";
    char *b = malloc(depth * 12 + sizeof para);
    mc_result r;
    (void)state;
    assert_non_null(b);
    for (i = 0; i < depth; i++) {
        memcpy(b + n, "<div>", 5);
        n += 5;
    }
    for (i = 0; i < depth; i++) {
        memcpy(b + n, "</span>", 7);
        n += 7;
    }
    memcpy(b + n, para, sizeof para - 1);
    n += sizeof para - 1;
    clean_buf(b, n, NULL, &r);
    assert_int_equal(r.narticles, 1);
    assert_non_null(strstr(r.articles[0].text, "بعد آلاف الوسوم"));
    mc_result_free(&r);
    free(b);
}

static int error_calls;

static void count_errors(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
    error_calls++;
}

static void test_libxml_errors_silent(void **state)
{
    static const char page[] =
        "<html><body><p>\xff\xfe</b></i><div <<< &bogus; <p>"
        "نص</div></html></html>";
    mc_result r;
    (void)state;
    xmlSetGenericErrorFunc(NULL, count_errors);
    error_calls = 0;
    clean_buf(page, sizeof page - 1, NULL, &r);
    mc_result_free(&r);
    assert_int_equal(error_calls, 0);
    /* the caller's handler is back in place */
    assert_true(xmlGenericError == count_errors);
    xmlSetGenericErrorFunc(NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_og_meta),
        cmocka_unit_test(test_jsonld_array),
        cmocka_unit_test(test_jsonld_graph),
        cmocka_unit_test(test_boilerplate),
        cmocka_unit_test(test_nested_related),
        cmocka_unit_test(test_windows_1256),
        cmocka_unit_test(test_no_meta),
        cmocka_unit_test(test_repeated_title),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_title_variants),
        cmocka_unit_test(test_text_byline),
        cmocka_unit_test(test_empty_and_tiny),
        cmocka_unit_test(test_binary_junk),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_bad_bytes_in_utf8),
        cmocka_unit_test(test_many_lines),
        cmocka_unit_test(test_libxml_errors_silent),
        cmocka_unit_test(test_exact_ranges),
        cmocka_unit_test(test_comments_in_article),
        cmocka_unit_test(test_form_wrapper),
        cmocka_unit_test(test_stray_end_tags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
