/*
 * text_lex.c - characters, comparison keys and word lists for the
 * plain-text cleaner.
 *
 * Lines are compared through a folded form that keeps only letters and
 * digits: alef forms, yeh and teh marbuta are folded, diacritics, tatweel,
 * punctuation, quotes and spaces are ignored, so that a title repeated with
 * other quote marks or another spelling of hamza still compares equal.
 * The same fold is applied on the fly to the phrases of the tables below,
 * which are therefore written in ordinary spelling.
 *
 * The tables are the only language knowledge the cleaner has: short,
 * general cues (comment prompts, copyright and syndication words, photo
 * agencies, month names).  Nothing here names a particular site.
 */
#include "clean/text_internal.h"

/* ------------------------------------------------------------ word lists */

/* A short line starting with one of these asks for comments. */
const char *const mct_comment_prompts[] = {
    "أضف تعليق", "أضف تعليقك", "أضف تعليقا", "اترك تعليقا", "اترك تعليق",
    "اترك تعليقك", "اترك ردا", "اكتب تعليقك", "اكتب تعليقا", "أرسل تعليقك",
    "التعليقات", "تعليقات", "شارك برأيك", "اكتب رأيك", "علق على الخبر",
    "leave a comment", "leave a reply", "add a comment", "add comment",
    "post a comment", "comments", NULL};

/* A line starting with one of these links to other articles. */
const char *const mct_related_cues[] = {
    "اقرأ أيضا", "اقرأ كذلك", "اقرأ المزيد", "شاهد أيضا", "طالع أيضا",
    "ذات صلة", "أخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة",
    "أخبار متعلقة", "مواضيع متعلقة", "read more", "read also", "see also",
    "related", NULL};

/* A list of headlines often starts with one of these. */
const char *const mct_ticker_cues[] = {
    "شريط الأخبار", "الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا",
    "آخر الأخبار", "أحدث الأخبار", "أهم الأخبار", "most read",
    "latest news", "breaking news", "مقالات أخرى", "أخبار أخرى", NULL};

/* Function words: a line holding one is not a bare personal name. */
const char *const mct_function_words[] = {
    "في", "من", "على", "إلى", "الى", "عن", "مع", "بعد", "قبل", "خلال",
    "أمام", "حول", "عند", "ضد", "بين", "هذا", "هذه", "ذلك", "التي", "الذي",
    "و", "أو", "ثم", "لا", "لم", "لن", "قد", "كل", NULL};

const char *const mct_copyright_cues[] = {
    "حقوق النشر", "حقوق الطبع", "جميع الحقوق محفوظة", "الحقوق محفوظة",
    "copyright", "all rights reserved", NULL};

/* Republication from another outlet. */
const char *const mct_syndication_cues[] = {
    "نقلا عن", "المصدر", "ينشر بالاتفاق مع", "ينشر بالتزامن مع", "source",
    NULL};

/* Found anywhere in a short line: an opinion disclaimer. */
const char *const mct_disclaimer_cues[] = {
    "تمثل رأي كاتبها", "تمثل رأي كتابها", "تعبر عن رأي كاتبها",
    "تعبر عن رأي كتابها", "لا تعبر بالضرورة", "لا تعكس بالضرورة",
    "تعبر عن وجهة نظر كاتبها", NULL};

/* Byline cues; all but the first two need a colon after them. */
const char *const mct_author_cues[] = {
    "بقلم", "by", "كتب", "كتبت", "كتبه", "إعداد", "تحرير", "حوار", NULL};

/* Words of share and follow button rows. */
const char *const mct_social_words[] = {
    "شارك", "شاركها", "مشاركة", "انشر", "تابعونا", "تابعنا", "تابعوا",
    "على", "عبر", "من", "خلال", "في", "و", "أو", "اكتب", "رأيك", "تعليقك",
    "طباعة", "اطبع", "أرسل", "إرسال", "لصديق", "البريد", "الإلكتروني",
    "share", "on", "via", "follow", "us", "print", "email", "tweet", "pin",
    "plus", "اب", "بلس", "بوك", "شات", "توك", "إن", NULL};

/* Platform names in such rows (two are needed to cut a row). */
const char *const mct_social_platforms[] = {
    "واتساب", "واتس", "فيسبوك", "فيس", "تويتر", "إكس", "انستغرام",
    "انستقرام", "انستجرام", "يوتيوب", "تلغرام", "تليغرام", "تيليجرام",
    "جوجل", "قوقل", "لينكدإن", "لينكد", "سناب", "تيك", "ماسنجر",
    "whatsapp", "facebook", "twitter", "instagram", "youtube", "telegram",
    "linkedin", "google", "snapchat", "tiktok", "pinterest", "reddit",
    "messenger", NULL};

/* A line made only of these is page navigation. */
const char *const mct_nav_words[] = {
    "next", "previous", "prev", "home", "menu", "back", "more", "top",
    "print", "التالي", "السابق", "الرئيسية", "المزيد", "للمزيد", "اقرأ",
    "read", NULL};

/* Photo credits: agencies and photo words, inside a closing parenthesis. */
const char *const mct_credit_cues[] = {
    "رويترز", "أ ف ب", "ا ف ب", "د ب أ", "إ ب أ", "أسوشيتد برس",
    "أسوشييتد برس", "الأناضول", "واس", "شينخوا", "الأوروبية", "غيتي",
    "جيتي", "getty", "afp", "reuters", "ap photo", "epa", "dpa", "anadolu",
    "xinhua", "shutterstock", "تصوير", "صورة", "الصورة", "أرشيفية",
    "أرشيف", "photo", NULL};

/* Words that open a caption when a colon follows them. */
const char *const mct_caption_cues[] = {
    "صورة", "الصورة", "صور", "الصور", "تصوير", "photo", "image", NULL};

/* Words that make a paragraph prefix "X - " an outlet, not a place. */
const char *const mct_outlet_cues[] = {
    "أخبار", "جريدة", "صحيفة", "وكالة", "موقع", "بوابة", "شبكة", "قناة",
    "نيوز", "إذاعة", "راديو", "تلفزيون", "مجلة", "news", "tv",
    "net", "online", "post", "times", "press", "agency", "today", NULL};

/* Gregorian months, with their number in mct_month_nums. */
const char *const mct_month_names[] = {
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يونيه", "يوليو",
    "يوليه", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "شباط",
    "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "january",
    "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", NULL};
static const unsigned char mct_month_nums[] = {
    1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 2, 3, 4, 5, 6, 7, 8, 9,
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 6, 7, 8, 9, 9, 10,
    11, 12};

/* Other words of date and time lines: weekdays, Hijri months, "AH",
 * "corresponding to", time of day. */
const char *const mct_date_words[] = {
    "السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء",
    "الخميس", "الجمعة", "محرم", "صفر", "ربيع", "جمادى", "جمادي", "رجب",
    "شعبان", "رمضان", "شوال", "ذو", "ذي", "القعدة", "الحجة", "الأول",
    "الآخر", "الثاني", "الآخرة", "كانون", "تشرين", "هـ", "ه", "م",
    "الموافق", "ص", "مساء", "صباحا", "ظهرا", "بتوقيت", "غرينتش", "تاريخ",
    "النشر", "آخر", "تحديث", "منذ", "ساعة", "ساعات", "دقيقة", "دقائق",
    "يوم", "أيام", "gmt", "utc", "am", "pm", "updated", "published", "at",
    "on", NULL};

/* ------------------------------------------------------------ characters */

uint32_t mct_decode(const char *s, size_t i, size_t e, size_t *w)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t n = e - i;
    uint32_t c = p[0];

    *w = 1;
    if (c < 0x80)
        return c;
    if (c >= 0xC2 && c <= 0xDF) {
        if (n >= 2 && (p[1] & 0xC0) == 0x80) {
            *w = 2;
            return ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
        }
        return 0xFFFD;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        uint32_t v;
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0xFFFD;
        v = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
            return 0xFFFD;
        *w = 3;
        return v;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        uint32_t v;
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80)
            return 0xFFFD;
        v = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
            ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
        if (v < 0x10000 || v > 0x10FFFF)
            return 0xFFFD;
        *w = 4;
        return v;
    }
    return 0xFFFD;
}

static uint32_t fold_arabic(uint32_t cp)
{
    if (cp <= 0x61F)
        return 0; /* signs, comma, semicolon, question mark, marks */
    switch (cp) {
    case 0x620:
    case 0x626:
    case 0x649:
    case 0x6CC:
        return 0x64A;
    case 0x622:
    case 0x623:
    case 0x625:
    case 0x671:
    case 0x672:
    case 0x673:
    case 0x675:
        return 0x627;
    case 0x624:
        return 0x648;
    case 0x629:
    case 0x6C0:
    case 0x6C1:
    case 0x6D5:
        return 0x647;
    case 0x6A9:
    case 0x6AA:
        return 0x643;
    case 0x640:
    case 0x670:
    case 0x674:
    case 0x6D4:
        return 0;
    default:
        break;
    }
    if (cp >= 0x64B && cp <= 0x65F)
        return 0;
    if (cp >= 0x660 && cp <= 0x669)
        return '0' + (cp - 0x660);
    if (cp >= 0x66A && cp <= 0x66D)
        return 0;
    if (cp >= 0x6D6 && cp <= 0x6ED)
        return 0;
    if (cp >= 0x6F0 && cp <= 0x6F9)
        return '0' + (cp - 0x6F0);
    return cp;
}

uint32_t mct_fold(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z')
            return cp;
        if (cp >= '0' && cp <= '9')
            return cp;
        if (cp >= 'A' && cp <= 'Z')
            return cp + 32;
        return 0;
    }
    if (cp < 0xC0)
        return 0;
    if (cp < 0x250) {
        if (cp == 0xD7 || cp == 0xF7)
            return 0;
        if (cp <= 0xDE)
            return cp + 0x20;
        return cp;
    }
    if (cp >= 0x300 && cp <= 0x36F)
        return 0;
    if (cp >= 0x600 && cp <= 0x6FF)
        return fold_arabic(cp);
    if (cp >= 0x2000 && cp <= 0x2BFF)
        return 0;
    if (cp >= 0x3000 && cp <= 0x303F)
        return 0;
    if (cp >= 0xFE00 && cp <= 0xFE6F)
        return 0;
    if (cp == 0xFEFF || cp == 0xFFFD)
        return 0;
    if (cp >= 0xFF00 && cp <= 0xFF0F)
        return 0;
    if (cp >= 0x1F000 && cp <= 0x1FAFF)
        return 0;
    return cp;
}

int mct_is_space(uint32_t cp)
{
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D))
        return 1;
    if (cp < 0x80)
        return 0;
    return cp == 0x85 || cp == 0xA0 || cp == 0xAD || cp == 0x61C ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
           cp == 0x3000 || cp == 0xFEFF;
}

size_t mct_space_at(const char *s, size_t i, size_t e)
{
    size_t w;
    uint32_t cp;

    if (i >= e)
        return 0;
    cp = mct_decode(s, i, e, &w);
    return mct_is_space(cp) ? w : 0;
}

size_t mct_space_before(const char *s, size_t b, size_t i)
{
    size_t j = i;

    if (i <= b)
        return 0;
    /* step back over continuation bytes to the start of the character */
    j = i - 1;
    while (j > b && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    {
        size_t w;
        uint32_t cp = mct_decode(s, j, i, &w);
        if (j + w == i && mct_is_space(cp))
            return w;
    }
    return 0;
}

int mct_is_dash(uint32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

uint64_t mct_key(const char *s, size_t n, unsigned *nkey)
{
    uint64_t h = 14695981039346656037ull;
    unsigned k = 0;
    size_t i = 0;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        uint32_t f;
        if (c < 0x80) {
            i++;
            if (c >= 'a' && c <= 'z')
                f = c;
            else if (c >= 'A' && c <= 'Z')
                f = c + 32u;
            else if (c >= '0' && c <= '9')
                f = c;
            else
                continue;
        } else if ((c == 0xD8 || c == 0xD9) && i + 1 < n &&
                   ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            uint32_t cp =
                ((c & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
            i += 2;
            /* plain letters need no table look-up */
            if ((cp >= 0x627 && cp <= 0x63A && cp != 0x629) ||
                (cp >= 0x641 && cp <= 0x648) || cp == 0x64A)
                f = cp;
            else
                f = fold_arabic(cp);
            if (!f)
                continue;
        } else {
            size_t w;
            f = mct_fold(mct_decode(s, i, n, &w));
            i += w;
            if (!f)
                continue;
        }
        h = (h ^ f) * 1099511628211ull;
        k++;
    }
    *nkey = k;
    if (!k)
        return 0;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return h ? h : 1;
}

/* Next folded code point of s[*i..e), skipping ignorable ones; 0 at end. */
static uint32_t next_folded(const char *s, size_t *i, size_t e)
{
    while (*i < e) {
        size_t w;
        uint32_t f = mct_fold(mct_decode(s, *i, e, &w));
        *i += w;
        if (f)
            return f;
    }
    return 0;
}

/* The same on a NUL-terminated, valid UTF-8 string (the tables). */
static uint32_t next_folded_z(const char *z, size_t *i)
{
    while (z[*i]) {
        size_t w;
        /* a valid sequence never runs past the terminator */
        uint32_t f = mct_fold(mct_decode(z, *i, *i + 4, &w));
        *i += w;
        if (f)
            return f;
    }
    return 0;
}

int mct_phrase_at(const char *s, size_t i, size_t e, const char *phrase,
                  size_t *endp)
{
    size_t p = 0;
    size_t j = i;

    for (;;) {
        uint32_t pc = next_folded_z(phrase, &p);
        uint32_t lc;
        if (!pc)
            break;
        lc = next_folded(s, &j, e);
        if (lc != pc)
            return 0;
    }
    if (j == i)
        return 0;
    /* word boundary: marks and tatweel may follow, a letter may not */
    while (j < e) {
        size_t w;
        uint32_t cp = mct_decode(s, j, e, &w);
        if ((cp >= 0x64B && cp <= 0x65F) || cp == 0x640 || cp == 0x670) {
            j += w;
            continue;
        }
        if (mct_fold(cp))
            return 0;
        break;
    }
    if (endp)
        *endp = j;
    return 1;
}

/* First folded code point of a NUL-terminated phrase. */
static uint32_t phrase_first(const char *p)
{
    unsigned char a = (unsigned char)p[0];
    size_t i = 0;

    /* the tables start with a letter: decode it without the general loop */
    if (a >= 'a' && a <= 'z')
        return a;
    if ((a == 0xD8 || a == 0xD9) && ((unsigned char)p[1] & 0xC0) == 0x80) {
        uint32_t cp = ((a & 0x1Fu) << 6) | ((unsigned char)p[1] & 0x3Fu);
        uint32_t f = fold_arabic(cp);
        if (f)
            return f;
    }
    return next_folded_z(p, &i);
}

int mct_phrase_list(const char *s, size_t i, size_t e,
                    const char *const *list, size_t *endp)
{
    size_t j = i;
    uint32_t c1 = next_folded(s, &j, e);

    if (!c1)
        return -1;
    for (int k = 0; list[k]; k++)
        if (phrase_first(list[k]) == c1 &&
            mct_phrase_at(s, i, e, list[k], endp))
            return k;
    return -1;
}

int mct_word_in(const char *s, size_t i, size_t e, const char *const *list)
{
    size_t j0 = i;
    uint32_t c1 = next_folded(s, &j0, e);

    if (!c1)
        return 0;
    for (int k = 0; list[k]; k++) {
        size_t end;
        if (phrase_first(list[k]) != c1)
            continue;
        if (mct_phrase_at(s, i, e, list[k], &end)) {
            size_t j = end;
            if (next_folded(s, &j, e) == 0)
                return 1;
        }
    }
    return 0;
}

int mct_month_number(const char *s, size_t i, size_t e)
{
    size_t j0 = i;
    uint32_t c1 = next_folded(s, &j0, e);

    if (!c1)
        return 0;
    for (int k = 0; mct_month_names[k]; k++) {
        size_t end;
        if (phrase_first(mct_month_names[k]) != c1)
            continue;
        if (mct_phrase_at(s, i, e, mct_month_names[k], &end)) {
            size_t j = end;
            if (next_folded(s, &j, e) == 0)
                return mct_month_nums[k];
        }
    }
    return 0;
}
