/*
 * test_clean_text.c - the plain-text cleaner: boilerplate removal, the
 * metadata it finds, article splitting, the cross-page memory, and the
 * invariants of its output (ranges inside the input, text made of input
 * bytes).  Longer inputs are in tests/data/clean/; run from the
 * repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clean/clean.h"

/* ------------------------------------------------------------ helpers */

static char *load(const char *name, size_t *n)
{
    char path[256];
    FILE *f;
    char *buf;
    long sz;

    snprintf(path, sizeof path, "tests/data/clean/%s", name);
    f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    sz = ftell(f);
    assert_true(sz >= 0);
    rewind(f);
    buf = malloc((size_t)sz + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)sz, f), (size_t)sz);
    fclose(f);
    buf[sz] = '\0';
    *n = (size_t)sz;
    return buf;
}

/* Output invariants every result must meet. */
static void check_invariants(const char *s, size_t n, const mc_result *r)
{
    size_t prev = 0;
    for (size_t i = 0; i < r->ndrops; i++) {
        const mc_drop *d = &r->drops[i];
        assert_true(d->start < d->end);
        assert_true(d->end <= n);
        assert_true(d->start >= prev);
        assert_non_null(d->reason);
        prev = d->end;
    }
    for (size_t i = 0; i < r->narticles; i++) {
        const mc_article *a = &r->articles[i];
        const char *p = a->text;
        assert_non_null(a->text);
        assert_int_equal(strlen(a->text), a->len);
        assert_true(a->len > 0);
        assert_true(a->start < a->end && a->end <= n);
        /* every kept paragraph is a piece of the input's bytes */
        while (*p) {
            const char *nl = strchr(p, '\n');
            size_t k = nl ? (size_t)(nl - p) : strlen(p);
            int found = 0;
            assert_true(k > 0);
            for (size_t j = a->start; j + k <= a->end && !found; j++)
                found = memcmp(s + j, p, k) == 0;
            assert_true(found);
            p += k + (nl != NULL);
        }
    }
}

static int count_reason(const mc_result *r, const char *reason)
{
    int k = 0;
    for (size_t i = 0; i < r->ndrops; i++)
        k += strcmp(r->drops[i].reason, reason) == 0;
    return k;
}

/* Is line (exactly) one of the paragraphs of text? */
static int has_line(const char *text, const char *line)
{
    size_t k = strlen(line);
    const char *p = text;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len == k && memcmp(p, line, k) == 0)
            return 1;
        p = nl ? nl + 1 : NULL;
    }
    return 0;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* ------------------------------------------------------------ cases */

static void test_empty_input(void **state)
{
    mc_result r;
    (void)state;
    assert_int_equal(mc_clean_text("", 0, NULL, NULL, &r), MC_OK);
    assert_int_equal(r.narticles, 0);
    assert_int_equal(r.ndrops, 0);
    mc_result_free(&r);
    assert_int_equal(mc_clean_text(" \n\n\t\n\xC2\xA0\n", 7, NULL, NULL, &r),
                     MC_OK);
    assert_int_equal(r.narticles, 0);
    mc_result_free(&r);
}

static void test_plain_body_untouched(void **state)
{
    const char *s = "يعمل المهندسون منذ الصباح على إصلاح الجسر الذي تضرر بسبب "
                    "السيول، ويتوقعون أن يفتح أمام السيارات خلال يومين.\n"
                    "وقالت البلدية إن حركة المرور ستحول مؤقتا إلى الطريق "
                    "الساحلي، ودعت السائقين إلى الحذر في أثناء الأمطار.";
    mc_result r;
    (void)state;
    assert_int_equal(mc_clean_text(s, strlen(s), NULL, NULL, &r), MC_OK);
    check_invariants(s, strlen(s), &r);
    assert_int_equal(r.narticles, 1);
    assert_int_equal(r.ndrops, 0);
    assert_string_equal(r.articles[0].text, s);
    assert_null(r.articles[0].meta.title);
    mc_result_free(&r);
}

static void test_ticker_outlet_and_title(void **state)
{
    size_t n;
    char *s = load("ticker_outlet.txt", &n);
    mc_result r;
    const mc_article *a;
    (void)state;

    assert_int_equal(mc_clean_text(s, n, NULL, NULL, &r), MC_OK);
    check_invariants(s, n, &r);
    assert_int_equal(r.narticles, 1);
    a = &r.articles[0];
    assert_string_equal(a->meta.title,
                        "\"موسم الحصاد\".. لماذا تأخرت الأمطار هذا العام "
                        "في الوادي؟");
    assert_string_equal(a->meta.source, "أخبار الوادي");
    assert_int_equal(count_reason(&r, "title"), 1);
    assert_int_equal(count_reason(&r, "repeated title"), 1);
    assert_int_equal(count_reason(&r, "outlet prefix"), 2);
    assert_int_equal(count_reason(&r, "ticker"), 1);
    assert_int_equal(r.ndrops, 5);
    /* the prefix is cut, the paragraph kept */
    assert_true(starts_with(a->text, "يترقب المزارعون في قرى الوادي"));
    /* the in-body subheading is kept */
    assert_true(has_line(a->text, "ما أسباب تأخر الأمطار؟"));
    assert_true(ends_with(a->text, "حتى تتضح الصورة بشكل أفضل."));
    assert_null(strstr(a->text, "شريط الأخبار"));
    mc_result_free(&r);
    free(s);
}

static void test_two_articles(void **state)
{
    size_t n;
    char *s = load("two_articles.txt", &n);
    mc_result r;
    const mc_article *a, *b;
    (void)state;

    assert_int_equal(mc_clean_text(s, n, NULL, NULL, &r), MC_OK);
    check_invariants(s, n, &r);
    assert_int_equal(r.narticles, 2);
    a = &r.articles[0];
    b = &r.articles[1];
    assert_string_equal(a->meta.title,
                        "كيف تغيرت صناعة الخبز في المدن الصغيرة؟");
    assert_string_equal(b->meta.title,
                        "مكتبة المدينة تفتح أبوابها ليلا للمرة الأولى");
    assert_true(a->end <= b->start);
    assert_true(starts_with(a->text, "شهدت المخابز"));
    assert_true(ends_with(a->text, "شراء المعدات الحديثة."));
    assert_true(starts_with(b->text, "قررت إدارة مكتبة المدينة"));
    assert_true(has_line(b->text, "ساعات جديدة"));
    assert_null(a->meta.credit);
    assert_string_equal(b->meta.credit, "رويترز; أ.ف.ب");
    assert_int_equal(count_reason(&r, "caption"), 5);
    assert_int_equal(count_reason(&r, "site label"), 2);
    assert_int_equal(count_reason(&r, "title"), 2);
    assert_int_equal(count_reason(&r, "repeated title"), 2);
    assert_null(strstr(b->text, "(رويترز)"));
    assert_null(strstr(b->text, "AB"));
    mc_result_free(&r);
    free(s);
}

static void test_opinion_page(void **state)
{
    size_t n;
    char *s = load("opinion.txt", &n);
    mc_result r;
    const mc_article *a;
    (void)state;

    assert_int_equal(mc_clean_text(s, n, NULL, NULL, &r), MC_OK);
    check_invariants(s, n, &r);
    assert_int_equal(r.narticles, 1);
    a = &r.articles[0];
    assert_string_equal(a->meta.title, "هل تنجح المدن في التخلص من الزحام؟");
    assert_string_equal(a->meta.author, "سالم بن راشد الكعبي");
    assert_string_equal(a->meta.credit, "صحيفة المستقبل اليومية");
    assert_int_equal(count_reason(&r, "site label"), 1);
    assert_int_equal(count_reason(&r, "repeated title"), 2);
    assert_int_equal(count_reason(&r, "author"), 1);
    assert_int_equal(count_reason(&r, "author note"), 1);
    assert_int_equal(count_reason(&r, "syndication"), 1);
    assert_int_equal(count_reason(&r, "comment prompt"), 1);
    assert_true(has_line(a->text, "النقل العام"));
    assert_true(has_line(a->text, "تجارب ناجحة"));
    assert_true(starts_with(a->text, "تعاني المدن الكبرى"));
    assert_true(ends_with(a->text, "لتحسين شبكة النقل العام."));
    assert_null(strstr(a->text, "Opinion"));
    assert_null(strstr(a->text, "أستاذ التخطيط"));
    mc_result_free(&r);
    free(s);
}

static void test_copyright_and_bio(void **state)
{
    size_t n;
    char *s = load("syndicated.txt", &n);
    mc_result r;
    const mc_article *a;
    (void)state;

    assert_int_equal(mc_clean_text(s, n, NULL, NULL, &r), MC_OK);
    check_invariants(s, n, &r);
    assert_int_equal(r.narticles, 1);
    a = &r.articles[0];
    assert_null(a->meta.title); /* starts with a paragraph */
    assert_string_equal(a->meta.credit, "مشروع الرأي العالمي");
    assert_int_equal(r.ndrops, 2);
    assert_string_equal(r.drops[0].reason, "author note");
    assert_string_equal(r.drops[1].reason, "copyright");
    assert_true(ends_with(a->text, "صممت لعالم مختلف."));
    mc_result_free(&r);
    free(s);
}

static void test_dateline_kept_in_text(void **state)
{
    size_t n;
    char *s = load("dateline.txt", &n);
    mc_result r;
    (void)state;

    assert_int_equal(mc_clean_text(s, n, NULL, NULL, &r), MC_OK);
    check_invariants(s, n, &r);
    assert_int_equal(r.narticles, 1);
    assert_string_equal(r.articles[0].meta.dateline, "القاهرة");
    assert_string_equal(r.articles[0].meta.title,
                        "السوق الأسبوعية تعود إلى ساحة البلدة القديمة");
    assert_true(starts_with(r.articles[0].text, "القاهرة – عادت السوق"));
    mc_result_free(&r);
    free(s);
}

static void test_hint_title_and_meta(void **state)
{
    const char *s = "نهائي كأس المدارس: فريق الجبل بطلا\n\n"
                    "فاز فريق مدرسة الجبل بكأس المدارس بعد مباراة مثيرة "
                    "انتهت بهدفين مقابل هدف واحد، أمام جمهور كبير ملأ "
                    "مدرجات الملعب البلدي.\n";
    mc_meta hint;
    mc_result r;
    (void)state;

    memset(&hint, 0, sizeof hint);
    hint.title = "نهائي كأس المدارس.. «فريق الجبل» بطلاً";
    hint.source = "example-news";
    hint.url = "https://www.example.org/sport/1";
    hint.date = "2024-05-01";
    assert_int_equal(mc_clean_text(s, strlen(s), &hint, NULL, &r), MC_OK);
    check_invariants(s, strlen(s), &r);
    assert_int_equal(r.narticles, 1);
    assert_int_equal(r.ndrops, 1);
    assert_string_equal(r.drops[0].reason, "repeated title");
    assert_string_equal(r.articles[0].meta.title, hint.title);
    assert_string_equal(r.articles[0].meta.source, "example-news");
    assert_string_equal(r.articles[0].meta.url, hint.url);
    assert_string_equal(r.articles[0].meta.date, "2024-05-01");
    assert_true(starts_with(r.articles[0].text, "فاز فريق مدرسة الجبل"));
    /* the hint is copied, not kept */
    assert_true(r.articles[0].meta.title != hint.title);
    mc_result_free(&r);
}

static void test_date_line_and_byline(void **state)
{
    const char *s = "الرياض 12 مارس 2024\n"
                    "بقلم: هدى العتيبي\n"
                    "افتتحت الجامعة مركزا جديدا لأبحاث المياه، يضم مختبرات "
                    "حديثة وفريقا من الباحثين المتخصصين في تحلية المياه.\n";
    mc_result r;
    (void)state;
    assert_int_equal(mc_clean_text(s, strlen(s), NULL, NULL, &r), MC_OK);
    check_invariants(s, strlen(s), &r);
    assert_int_equal(r.narticles, 1);
    assert_string_equal(r.articles[0].meta.date, "2024-03-12");
    assert_string_equal(r.articles[0].meta.author, "هدى العتيبي");
    assert_int_equal(count_reason(&r, "date"), 1);
    assert_int_equal(count_reason(&r, "author"), 1);
    assert_true(starts_with(r.articles[0].text, "افتتحت الجامعة"));
    mc_result_free(&r);
}

static void test_small_boilerplate_lines(void **state)
{
    const char *s = "الرئيسية | أخبار | محليات\n"
                    "شارك عبر واتساب تويتر فيسبوك\n"
                    "بدأت أعمال ترميم السور القديم للمدينة هذا الأسبوع، "
                    "وتشرف عليها لجنة من المهندسين وخبراء الآثار.\n"
                    "اقرأ أيضا: افتتاح متحف الحرف اليدوية\n"
                    "وتتوقع اللجنة أن تستمر الأعمال ستة أشهر، على أن يبقى "
                    "السور مفتوحا أمام الزوار في أيام العطل.\n"
                    "* * *\n"
                    "أضف تعليقك\n";
    mc_result r;
    (void)state;
    assert_int_equal(mc_clean_text(s, strlen(s), NULL, NULL, &r), MC_OK);
    check_invariants(s, strlen(s), &r);
    assert_int_equal(r.narticles, 1);
    assert_int_equal(count_reason(&r, "navigation"), 1);
    assert_int_equal(count_reason(&r, "share buttons"), 1);
    assert_int_equal(count_reason(&r, "related links"), 1);
    assert_int_equal(count_reason(&r, "separator"), 1);
    assert_int_equal(count_reason(&r, "comment prompt"), 1);
    assert_int_equal(r.ndrops, 5);
    assert_true(starts_with(r.articles[0].text, "بدأت أعمال ترميم"));
    assert_true(ends_with(r.articles[0].text, "في أيام العطل."));
    mc_result_free(&r);
}

static void test_lone_caption_is_kept(void **state)
{
    /* a document that is only a caption keeps it rather than nothing */
    const char *s = "صيادون يعودون إلى الميناء عند الغروب (رويترز)";
    mc_meta hint;
    mc_result r;
    (void)state;
    memset(&hint, 0, sizeof hint);
    hint.title = "صور اليوم";
    assert_int_equal(mc_clean_text(s, strlen(s), &hint, NULL, &r), MC_OK);
    check_invariants(s, strlen(s), &r);
    assert_int_equal(r.narticles, 1);
    assert_string_equal(r.articles[0].text, s);
    mc_result_free(&r);
}

static void test_single_blank_run_does_not_split(void **state)
{
    const char *s =
        "أسواق المال تغلق على ارتفاع\n\n"
        "أغلقت أسواق المال في المنطقة على ارتفاع جماعي اليوم، بدعم من "
        "أسهم البنوك والشركات الصناعية الكبرى.\n\n"
        "أداء القطاعات\n\n"
        "وتصدر قطاع البنوك قائمة الرابحين، تلاه قطاع الصناعة ثم قطاع "
        "الخدمات، بينما تراجع قطاع العقارات قليلا.\n";
    mc_result r;
    (void)state;
    assert_int_equal(mc_clean_text(s, strlen(s), NULL, NULL, &r), MC_OK);
    check_invariants(s, strlen(s), &r);
    assert_int_equal(r.narticles, 1);
    assert_true(has_line(r.articles[0].text, "أداء القطاعات"));
    assert_int_equal(r.ndrops, 1);
    mc_result_free(&r);
}

/* The same closing line on every page of a site becomes boilerplate after
 * a few pages; other sites and the body are not affected. */
static void test_sitemem_repeated_across_pages(void **state)
{
    static const char *const bodies[] = {
        "ناقش مجلس البلدية خطة لزراعة ألف شجرة في الأحياء الجديدة، على أن "
        "تبدأ الزراعة مع بداية فصل الخريف.\n",
        "أعلنت إدارة المرور عن إغلاق مؤقت لأحد الجسور الرئيسية لأعمال "
        "الصيانة، ودعت السائقين إلى استخدام الطرق البديلة.\n",
        "حقق فريق الشباب فوزا كبيرا في مباراته الأخيرة، ليقترب من حسم "
        "لقب الدوري قبل جولتين من النهاية.\n",
        "افتتح معرض للكتاب في القاعة الكبرى بمشاركة عشرات دور النشر، "
        "ويستمر المعرض عشرة أيام متتالية.\n",
        "بدأت المدارس استقبال طلبات التسجيل للعام الجديد، وتستمر فترة "
        "التسجيل حتى نهاية الشهر المقبل.\n"};
    const char *tail = "للاشتراك في النشرة اليومية راسلوا فريق التحرير.";
    mc_sitemem *mem = mc_sitemem_new();
    mc_meta hint;
    char buf[1024];
    (void)state;

    assert_non_null(mem);
    memset(&hint, 0, sizeof hint);
    hint.source = "site-a";
    for (int page = 0; page < 5; page++) {
        mc_result r;
        size_t n = (size_t)snprintf(buf, sizeof buf, "%s%s\n", bodies[page],
                                    tail);
        assert_int_equal(mc_clean_text(buf, n, &hint, mem, &r), MC_OK);
        check_invariants(buf, n, &r);
        assert_int_equal(r.narticles, 1);
        if (page < 3) {
            assert_int_equal(r.ndrops, 0);
            assert_true(ends_with(r.articles[0].text, tail));
        } else {
            assert_int_equal(r.ndrops, 1);
            assert_string_equal(r.drops[0].reason,
                                "boilerplate repeated across pages");
            assert_false(ends_with(r.articles[0].text, tail));
        }
        mc_result_free(&r);
    }
    /* another site has not seen it */
    {
        mc_result r;
        size_t n = (size_t)snprintf(buf, sizeof buf, "%s%s\n", bodies[0],
                                    tail);
        hint.source = "site-b";
        assert_int_equal(mc_clean_text(buf, n, &hint, mem, &r), MC_OK);
        assert_int_equal(r.ndrops, 0);
        mc_result_free(&r);
    }
    /* without a site there is no memory */
    {
        mc_result r;
        size_t n = (size_t)snprintf(buf, sizeof buf, "%s%s\n", bodies[0],
                                    tail);
        assert_int_equal(mc_clean_text(buf, n, NULL, mem, &r), MC_OK);
        assert_int_equal(r.ndrops, 0);
        mc_result_free(&r);
    }
    /* the URL's host names the site when the source is missing */
    {
        mc_result r;
        size_t n = 0;
        hint.source = NULL;
        hint.url = "https://www.example.net/a/1";
        for (int page = 0; page < 4; page++) {
            n = (size_t)snprintf(buf, sizeof buf, "%s%s\n", bodies[page],
                                 tail);
            assert_int_equal(mc_clean_text(buf, n, &hint, mem, &r), MC_OK);
            if (page < 3)
                mc_result_free(&r);
        }
        assert_int_equal(r.ndrops, 1);
        mc_result_free(&r);
    }
    mc_sitemem_free(mem);
}

static void test_crlf_and_invalid_free(void **state)
{
    const char *s = "عنوان قصير للخبر\r\n\r\nنص الخبر الأول يصف ما حدث في "
                    "المدينة أمس بالتفصيل، مع آراء عدد من السكان.\r\n";
    mc_result r;
    (void)state;
    assert_int_equal(mc_clean_text(s, strlen(s), NULL, NULL, &r), MC_OK);
    check_invariants(s, strlen(s), &r);
    assert_int_equal(r.narticles, 1);
    assert_string_equal(r.articles[0].meta.title, "عنوان قصير للخبر");
    assert_null(strchr(r.articles[0].text, '\r'));
    mc_result_free(&r);
    mc_result_free(&r); /* freeing twice is harmless */
    mc_sitemem_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_plain_body_untouched),
        cmocka_unit_test(test_ticker_outlet_and_title),
        cmocka_unit_test(test_two_articles),
        cmocka_unit_test(test_opinion_page),
        cmocka_unit_test(test_copyright_and_bio),
        cmocka_unit_test(test_dateline_kept_in_text),
        cmocka_unit_test(test_hint_title_and_meta),
        cmocka_unit_test(test_date_line_and_byline),
        cmocka_unit_test(test_small_boilerplate_lines),
        cmocka_unit_test(test_lone_caption_is_kept),
        cmocka_unit_test(test_single_blank_run_does_not_split),
        cmocka_unit_test(test_sitemem_repeated_across_pages),
        cmocka_unit_test(test_crlf_and_invalid_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
