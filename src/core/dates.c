/*
 * dates.c - dates in running text: calendar days, months, years,
 * decades and centuries, absolute or relative to the document's date.
 *
 * One left-to-right walk over the token array.  Each token is screened
 * by its type and, for Arabic words, by one binary search of its base in
 * a small sorted word table (month names of every regional system,
 * weekdays, year and month words, ordinals, markers such as هـ and م);
 * only a token that can start a date runs the matchers, which then read
 * a few tokens ahead: day-month-year with paired month names (5 يناير
 * (كانون الثاني) 2022), numeric dates (29/11/2024, 2024-11-29,
 * 29.11.2024), years (عام 2002, bare 4-digit years that count nothing),
 * Hijri dates converted with the tabular calendar, decades and
 * centuries, weekdays and relative words (أمس، غدا، الشهر الماضي، العام
 * المقبل) resolved against the document's date.  A match consumes its
 * tokens, so the longest reading at a position wins and nothing is
 * reported twice.  No allocation; every read is bounds-checked.
 */
#include <string.h>

#include "facts_internal.h"

/* ------------------------------------------------------------ words */

enum {
    W_NONE = 0,
    W_MONTH,     /* Gregorian month name, one token; value 1..12 */
    W_MONTH_AMB, /* one that is also a common word: آب، ماي، أوت */
    W_MONTH_PREP, /* one that is a month after a preposition: مارس، نيسان */
    W_KANUN,     /* كانون (الثاني / الأول) */
    W_TISHRIN,   /* تشرين (الأول / الثاني) */
    W_HMONTH,    /* Hijri month name, one token; value 1..12 */
    W_RABI,      /* ربيع (الأول / الثاني / الآخر) */
    W_JUMADA,    /* جمادى (الأولى / الآخرة / الثانية) */
    W_DHU,       /* ذو / ذي (القعدة / الحجة) */
    W_QADA,      /* القعدة: 11 */
    W_HIJJA,     /* الحجة: 12 */
    W_WEEKDAY,   /* الأحد .. السبت; value 0 (Sunday) .. 6 */
    W_YESTERDAY, /* أمس، الأمس */
    W_TOMORROW,  /* غدا */
    W_GHAD,      /* غد (يوم غد، بعد غد) */
    W_TODAY,     /* اليوم */
    W_YAWM,      /* يوم */
    W_FIRST,     /* أول (أول أمس، كانون أول) */
    W_AFTER,     /* بعد (بعد غد) */
    W_YEARKW,    /* عام، العام، سنة، عامي ... */
    W_MONTHKW,   /* شهر، الشهر */
    W_THIS,      /* هذا، هذه */
    W_PAST,      /* الماضي، المنصرم، الفائت */
    W_NEXT,      /* المقبل، القادم */
    W_CURRENT,   /* الجاري، الحالي */
    W_CENTURY,   /* القرن */
    W_HMARK,     /* هـ، هجري، للهجرة */
    W_GMARK,     /* م، ميلادي، للميلاد */
    W_MUWAFIQ,   /* الموافق */
    W_MIN,       /* من */
    W_WA,        /* و standing alone */
    W_TO,        /* إلى، حتى */
    W_DAYPART,   /* صباح، مساء، ليلة ... */
    W_PREP,      /* words after which a month name is a month */
    W_ORD,       /* الأول .. العاشر (also الأولى، الآخرة); value 1..10 */
    W_ORD1,      /* الحادي (in الحادي عشر، الحادي والعشرين) */
    W_TEEN,      /* عشر */
    W_TENS,      /* العشرين، الثلاثين; value 20, 30 */
    W_ORDN,      /* ثاني (كانون ثاني) */
    W_DECADE,    /* التسعينيات ...; value 2..9 */
    W_COUNTED,   /* a noun a number counts: 2000 جندي is no year */
    W_APPROX,    /* words before a count: نحو 2000 is no year */
    W_SAWFA,     /* سوف */
    W_VERB       /* verbs after which اليوم means today */
};

typedef struct word {
    const char *w; /* search-normalized */
    unsigned char cls, val;
} word;

/* Sorted by byte value (strcmp order) for the binary search. */
static const word words[] = {
    {"اب", W_MONTH_AMB, 8},
    {"ابريل", W_MONTH, 4},
    {"ابلغ", W_VERB, 0},
    {"اجرت", W_VERB, 0},
    {"اجري", W_VERB, 0},
    {"اجمالي", W_APPROX, 0},
    {"اخر", W_PREP, 0},
    {"اذار", W_MONTH, 3},
    {"اربعينات", W_DECADE, 4},
    {"اربعينيات", W_DECADE, 4},
    {"ارتفع", W_APPROX, 0},
    {"ارتفعت", W_APPROX, 0},
    {"استقبل", W_VERB, 0},
    {"استقبلت", W_VERB, 0},
    {"اسر", W_COUNTED, 0},
    {"اسره", W_COUNTED, 0},
    {"اشخاص", W_COUNTED, 0},
    {"اصابه", W_COUNTED, 0},
    {"اصدر", W_VERB, 0},
    {"اصدرت", W_VERB, 0},
    {"اطفال", W_COUNTED, 0},
    {"اعتقل", W_VERB, 0},
    {"اعتقلت", W_VERB, 0},
    {"اعلن", W_VERB, 0},
    {"اعلنت", W_VERB, 0},
    {"اعوام", W_COUNTED, 0},
    {"اغسطس", W_MONTH, 8},
    {"افاد", W_VERB, 0},
    {"افادت", W_VERB, 0},
    {"افتتح", W_VERB, 0},
    {"افتتحت", W_VERB, 0},
    {"افريل", W_MONTH, 4},
    {"اقل", W_APPROX, 0},
    {"اقيم", W_VERB, 0},
    {"اقيمت", W_VERB, 0},
    {"اكتوبر", W_MONTH, 10},
    {"اكثر", W_APPROX, 0},
    {"اكد", W_VERB, 0},
    {"اكدت", W_VERB, 0},
    {"الاثنين", W_WEEKDAY, 1},
    {"الاحد", W_WEEKDAY, 0},
    {"الاخر", W_ORD, 2},
    {"الاخره", W_ORD, 2},
    {"الاربعاء", W_WEEKDAY, 3},
    {"الاربعينات", W_DECADE, 4},
    {"الاربعينيات", W_DECADE, 4},
    {"الامس", W_YESTERDAY, 0},
    {"الاول", W_ORD, 1},
    {"الاولي", W_ORD, 1},
    {"التاسع", W_ORD, 9},
    {"التسعينات", W_DECADE, 9},
    {"التسعينيات", W_DECADE, 9},
    {"التقي", W_VERB, 0},
    {"الثالث", W_ORD, 3},
    {"الثامن", W_ORD, 8},
    {"الثاني", W_ORD, 2},
    {"الثانيه", W_ORD, 2},
    {"الثلاثاء", W_WEEKDAY, 2},
    {"الثلاثون", W_TENS, 30},
    {"الثلاثين", W_TENS, 30},
    {"الثلاثينات", W_DECADE, 3},
    {"الثلاثينيات", W_DECADE, 3},
    {"الثمانينات", W_DECADE, 8},
    {"الثمانينيات", W_DECADE, 8},
    {"الجاري", W_CURRENT, 0},
    {"الجاريه", W_CURRENT, 0},
    {"الجمعه", W_WEEKDAY, 5},
    {"الحادي", W_ORD1, 1},
    {"الحالي", W_CURRENT, 0},
    {"الحاليه", W_CURRENT, 0},
    {"الحجه", W_HIJJA, 12},
    {"الخامس", W_ORD, 5},
    {"الخمسينات", W_DECADE, 5},
    {"الخمسينيات", W_DECADE, 5},
    {"الخميس", W_WEEKDAY, 4},
    {"الرابع", W_ORD, 4},
    {"الرقم", W_APPROX, 0},
    {"السابع", W_ORD, 7},
    {"السادس", W_ORD, 6},
    {"السبت", W_WEEKDAY, 6},
    {"السبعينات", W_DECADE, 7},
    {"السبعينيات", W_DECADE, 7},
    {"الستينات", W_DECADE, 6},
    {"الستينيات", W_DECADE, 6},
    {"السنتين", W_YEARKW, 2},
    {"السنه", W_YEARKW, 0},
    {"الشهر", W_MONTHKW, 0},
    {"العاشر", W_ORD, 10},
    {"العام", W_YEARKW, 0},
    {"العامين", W_YEARKW, 2},
    {"العشرون", W_TENS, 20},
    {"العشرين", W_TENS, 20},
    {"العشرينات", W_DECADE, 2},
    {"العشرينيات", W_DECADE, 2},
    {"الف", W_COUNTED, 0},
    {"الفا", W_COUNTED, 0},
    {"الفائت", W_PAST, 0},
    {"الفائته", W_PAST, 0},
    {"القادم", W_NEXT, 0},
    {"القادمه", W_NEXT, 0},
    {"القرن", W_CENTURY, 0},
    {"القعده", W_QADA, 11},
    {"الماضي", W_PAST, 0},
    {"الماضيه", W_PAST, 0},
    {"المحرم", W_HMONTH, 1},
    {"المقبل", W_NEXT, 0},
    {"المقبله", W_NEXT, 0},
    {"المنصرم", W_PAST, 0},
    {"المنصرمه", W_PAST, 0},
    {"الموافق", W_MUWAFIQ, 0},
    {"الموافقه", W_MUWAFIQ, 0},
    {"الميلادي", W_GMARK, 0},
    {"الميلاديه", W_GMARK, 0},
    {"الهجره", W_HMARK, 0},
    {"الهجري", W_HMARK, 0},
    {"الهجريه", W_HMARK, 0},
    {"الي", W_TO, 0},
    {"اليوم", W_TODAY, 0},
    {"امراه", W_COUNTED, 0},
    {"امس", W_YESTERDAY, 0},
    {"انخفض", W_APPROX, 0},
    {"انخفضت", W_APPROX, 0},
    {"انطلق", W_VERB, 0},
    {"انطلقت", W_VERB, 0},
    {"اوائل", W_PREP, 0},
    {"اواخر", W_PREP, 0},
    {"اواسط", W_PREP, 0},
    {"اوت", W_MONTH_AMB, 8},
    {"اوضح", W_VERB, 0},
    {"اوضحت", W_VERB, 0},
    {"اول", W_FIRST, 0},
    {"ايار", W_MONTH, 5},
    {"ايام", W_COUNTED, 0},
    {"ايلول", W_MONTH_PREP, 9},
    {"بتكلفه", W_APPROX, 0},
    {"بحلول", W_PREP, 0},
    {"بحوالي", W_APPROX, 0},
    {"بدا", W_VERB, 0},
    {"بدات", W_VERB, 0},
    {"بدايه", W_PREP, 0},
    {"برميل", W_COUNTED, 0},
    {"برميلا", W_COUNTED, 0},
    {"بعد", W_AFTER, 0},
    {"بقيمه", W_APPROX, 0},
    {"بكلفه", W_APPROX, 0},
    {"بلاغ", W_COUNTED, 0},
    {"بلاغا", W_COUNTED, 0},
    {"بلغ", W_APPROX, 0},
    {"بلغت", W_APPROX, 0},
    {"بنحو", W_APPROX, 0},
    {"بواقع", W_APPROX, 0},
    {"بين", W_PREP, 0},
    {"تبدا", W_VERB, 0},
    {"تبلغ", W_APPROX, 0},
    {"تتجاوز", W_APPROX, 0},
    {"تجري", W_VERB, 0},
    {"تزور", W_VERB, 0},
    {"تسعينات", W_DECADE, 9},
    {"تسعينيات", W_DECADE, 9},
    {"تشرين", W_TISHRIN, 0},
    {"تشهد", W_VERB, 0},
    {"تصل", W_VERB, 0},
    {"تعقد", W_VERB, 0},
    {"تقام", W_VERB, 0},
    {"تلتقي", W_VERB, 0},
    {"تم", W_VERB, 0},
    {"تموز", W_MONTH_PREP, 7},
    {"تنطلق", W_VERB, 0},
    {"ثاني", W_ORDN, 1},
    {"ثلاثينات", W_DECADE, 3},
    {"ثلاثينيات", W_DECADE, 3},
    {"ثمانينات", W_DECADE, 8},
    {"ثمانينيات", W_DECADE, 8},
    {"جانفي", W_MONTH, 1},
    {"جرام", W_COUNTED, 0},
    {"جرت", W_VERB, 0},
    {"جري", W_VERB, 0},
    {"جريح", W_COUNTED, 0},
    {"جريحا", W_COUNTED, 0},
    {"جمادي", W_JUMADA, 0},
    {"جندي", W_COUNTED, 0},
    {"جنديا", W_COUNTED, 0},
    {"جنيه", W_COUNTED, 0},
    {"جنيها", W_COUNTED, 0},
    {"جنيهات", W_COUNTED, 0},
    {"جوان", W_MONTH_PREP, 6},
    {"جويليه", W_MONTH, 7},
    {"حاج", W_COUNTED, 0},
    {"حاجا", W_COUNTED, 0},
    {"حادث", W_COUNTED, 0},
    {"حادثا", W_COUNTED, 0},
    {"حالات", W_COUNTED, 0},
    {"حاله", W_COUNTED, 0},
    {"حتي", W_TO, 0},
    {"حزيران", W_MONTH, 6},
    {"حلول", W_PREP, 0},
    {"حوالي", W_APPROX, 0},
    {"خلال", W_PREP, 0},
    {"خمسينات", W_DECADE, 5},
    {"خمسينيات", W_DECADE, 5},
    {"دجنبر", W_MONTH, 12},
    {"دراهم", W_COUNTED, 0},
    {"درهم", W_COUNTED, 0},
    {"درهما", W_COUNTED, 0},
    {"دقائق", W_COUNTED, 0},
    {"دقيقه", W_COUNTED, 0},
    {"دولار", W_COUNTED, 0},
    {"دولارا", W_COUNTED, 0},
    {"دولارات", W_COUNTED, 0},
    {"ديسمبر", W_MONTH, 12},
    {"دينار", W_COUNTED, 0},
    {"دينارا", W_COUNTED, 0},
    {"ذا", W_DHU, 0},
    {"ذكر", W_VERB, 0},
    {"ذكرت", W_VERB, 0},
    {"ذو", W_DHU, 0},
    {"ذي", W_DHU, 0},
    {"ربيع", W_RABI, 0},
    {"رجب", W_HMONTH, 7},
    {"رجل", W_COUNTED, 0},
    {"رحله", W_COUNTED, 0},
    {"رقم", W_APPROX, 0},
    {"رمضان", W_HMONTH, 9},
    {"ريال", W_COUNTED, 0},
    {"ريالا", W_COUNTED, 0},
    {"ريالات", W_COUNTED, 0},
    {"زائر", W_COUNTED, 0},
    {"زائرا", W_COUNTED, 0},
    {"زار", W_VERB, 0},
    {"زارت", W_VERB, 0},
    {"زهاء", W_APPROX, 0},
    {"زياره", W_COUNTED, 0},
    {"سائح", W_COUNTED, 0},
    {"سائحا", W_COUNTED, 0},
    {"ساعات", W_COUNTED, 0},
    {"ساعه", W_COUNTED, 0},
    {"سبتمبر", W_MONTH, 9},
    {"سبعينات", W_DECADE, 7},
    {"سبعينيات", W_DECADE, 7},
    {"ستينات", W_DECADE, 6},
    {"ستينيات", W_DECADE, 6},
    {"سجين", W_COUNTED, 0},
    {"سجينا", W_COUNTED, 0},
    {"سنتي", W_YEARKW, 2},
    {"سنه", W_YEARKW, 0},
    {"سنوات", W_COUNTED, 0},
    {"سهم", W_COUNTED, 0},
    {"سهما", W_COUNTED, 0},
    {"سوف", W_SAWFA, 0},
    {"سياره", W_COUNTED, 0},
    {"شاحنه", W_COUNTED, 0},
    {"شباط", W_MONTH, 2},
    {"شتنبر", W_MONTH, 9},
    {"شخص", W_COUNTED, 0},
    {"شخصا", W_COUNTED, 0},
    {"شركات", W_COUNTED, 0},
    {"شركه", W_COUNTED, 0},
    {"شعبان", W_HMONTH, 8},
    {"شهد", W_VERB, 0},
    {"شهدت", W_VERB, 0},
    {"شهر", W_MONTHKW, 0},
    {"شهري", W_MONTHKW, 2},
    {"شوال", W_HMONTH, 10},
    {"صاروخ", W_COUNTED, 0},
    {"صاروخا", W_COUNTED, 0},
    {"صباح", W_DAYPART, 0},
    {"صبيحه", W_DAYPART, 0},
    {"صرح", W_VERB, 0},
    {"صفر", W_HMONTH, 2},
    {"صوت", W_COUNTED, 0},
    {"صوتا", W_COUNTED, 0},
    {"صوره", W_COUNTED, 0},
    {"طائره", W_COUNTED, 0},
    {"طالب", W_COUNTED, 0},
    {"طالبا", W_COUNTED, 0},
    {"طالبه", W_COUNTED, 0},
    {"طبيب", W_COUNTED, 0},
    {"طبيبا", W_COUNTED, 0},
    {"طفل", W_COUNTED, 0},
    {"طفلا", W_COUNTED, 0},
    {"طلب", W_COUNTED, 0},
    {"طلبا", W_COUNTED, 0},
    {"طن", W_COUNTED, 0},
    {"طنا", W_COUNTED, 0},
    {"طوال", W_PREP, 0},
    {"طيله", W_PREP, 0},
    {"ظهر", W_DAYPART, 0},
    {"ظهيره", W_DAYPART, 0},
    {"عائلات", W_COUNTED, 0},
    {"عائله", W_COUNTED, 0},
    {"عام", W_YEARKW, 0},
    {"عاما", W_COUNTED, 0},
    {"عامل", W_COUNTED, 0},
    {"عاملا", W_COUNTED, 0},
    {"عامي", W_YEARKW, 2},
    {"عدد", W_APPROX, 0},
    {"عشر", W_TEEN, 0},
    {"عشرينات", W_DECADE, 2},
    {"عشرينيات", W_DECADE, 2},
    {"عشيه", W_DAYPART, 0},
    {"عصر", W_DAYPART, 0},
    {"عقد", W_VERB, 0},
    {"عقدا", W_COUNTED, 0},
    {"عقدت", W_VERB, 0},
    {"عنصر", W_COUNTED, 0},
    {"عنصرا", W_COUNTED, 0},
    {"غد", W_GHAD, 0},
    {"غدا", W_TOMORROW, 0},
    {"غرام", W_COUNTED, 0},
    {"غشت", W_MONTH, 8},
    {"غضون", W_PREP, 0},
    {"فبراير", W_MONTH, 2},
    {"فجر", W_DAYPART, 0},
    {"فرد", W_COUNTED, 0},
    {"فردا", W_COUNTED, 0},
    {"فرصه", W_COUNTED, 0},
    {"في", W_PREP, 0},
    {"فيفري", W_MONTH, 2},
    {"قال", W_VERB, 0},
    {"قالت", W_VERB, 0},
    {"قبل", W_PREP, 0},
    {"قتل", W_VERB, 0},
    {"قتلت", W_VERB, 0},
    {"قتيل", W_COUNTED, 0},
    {"قتيلا", W_COUNTED, 0},
    {"قرابه", W_APPROX, 0},
    {"قرر", W_VERB, 0},
    {"قررت", W_VERB, 0},
    {"قضيه", W_COUNTED, 0},
    {"قطعه", W_COUNTED, 0},
    {"قيمته", W_APPROX, 0},
    {"كانون", W_KANUN, 0},
    {"كشف", W_VERB, 0},
    {"كشفت", W_VERB, 0},
    {"كلم", W_COUNTED, 0},
    {"كم", W_COUNTED, 0},
    {"كيلو", W_COUNTED, 0},
    {"كيلوغرام", W_COUNTED, 0},
    {"كيلومتر", W_COUNTED, 0},
    {"كيلومترا", W_COUNTED, 0},
    {"لاجئ", W_COUNTED, 0},
    {"لاجئا", W_COUNTED, 0},
    {"لاعب", W_COUNTED, 0},
    {"لاعبا", W_COUNTED, 0},
    {"لحوالي", W_APPROX, 0},
    {"لسنه", W_YEARKW, 0},
    {"لشهر", W_MONTHKW, 0},
    {"لعام", W_YEARKW, 0},
    {"لميلاد", W_GMARK, 0},
    {"لنحو", W_APPROX, 0},
    {"لهجره", W_HMARK, 0},
    {"ليره", W_COUNTED, 0},
    {"ليل", W_DAYPART, 0},
    {"ليله", W_DAYPART, 0},
    {"م", W_GMARK, 0},
    {"مارس", W_MONTH_PREP, 3},
    {"ماي", W_MONTH_AMB, 5},
    {"مايو", W_MONTH, 5},
    {"مبلغ", W_APPROX, 0},
    {"متابع", W_COUNTED, 0},
    {"متابعا", W_COUNTED, 0},
    {"متر", W_COUNTED, 0},
    {"مترا", W_COUNTED, 0},
    {"مجموعه", W_APPROX, 0},
    {"محرم", W_HMONTH, 1},
    {"مخالفه", W_COUNTED, 0},
    {"مدرسه", W_COUNTED, 0},
    {"مركبه", W_COUNTED, 0},
    {"مره", W_COUNTED, 0},
    {"مريض", W_COUNTED, 0},
    {"مريضا", W_COUNTED, 0},
    {"مساء", W_DAYPART, 0},
    {"مسافر", W_COUNTED, 0},
    {"مسافرا", W_COUNTED, 0},
    {"مستخدم", W_COUNTED, 0},
    {"مشارك", W_COUNTED, 0},
    {"مشاركا", W_COUNTED, 0},
    {"مشاهده", W_COUNTED, 0},
    {"مشروع", W_COUNTED, 0},
    {"مشروعا", W_COUNTED, 0},
    {"مصاب", W_COUNTED, 0},
    {"مصابا", W_COUNTED, 0},
    {"مطلع", W_PREP, 0},
    {"مع", W_PREP, 0},
    {"معتقل", W_COUNTED, 0},
    {"معتقلا", W_COUNTED, 0},
    {"معلم", W_COUNTED, 0},
    {"معلما", W_COUNTED, 0},
    {"مقاتل", W_COUNTED, 0},
    {"مقاتلا", W_COUNTED, 0},
    {"مقاتلين", W_COUNTED, 0},
    {"مقعد", W_COUNTED, 0},
    {"مقعدا", W_COUNTED, 0},
    {"مليار", W_COUNTED, 0},
    {"مليون", W_COUNTED, 0},
    {"مليونا", W_COUNTED, 0},
    {"من", W_MIN, 0},
    {"منتصف", W_PREP, 0},
    {"منذ", W_PREP, 0},
    {"منزل", W_COUNTED, 0},
    {"منزلا", W_COUNTED, 0},
    {"منشاه", W_COUNTED, 0},
    {"منصه", W_COUNTED, 0},
    {"مواطن", W_COUNTED, 0},
    {"مواطنا", W_COUNTED, 0},
    {"موافق", W_MUWAFIQ, 0},
    {"موظف", W_COUNTED, 0},
    {"موظفا", W_COUNTED, 0},
    {"موقع", W_COUNTED, 0},
    {"موقعا", W_COUNTED, 0},
    {"ميجاوات", W_COUNTED, 0},
    {"ميغاوات", W_COUNTED, 0},
    {"ميغاواط", W_COUNTED, 0},
    {"ميلادي", W_GMARK, 0},
    {"ميلاديه", W_GMARK, 0},
    {"نحو", W_APPROX, 0},
    {"نسخه", W_COUNTED, 0},
    {"نشر", W_VERB, 0},
    {"نشرت", W_VERB, 0},
    {"نقطه", W_COUNTED, 0},
    {"نهار", W_DAYPART, 0},
    {"نهايه", W_PREP, 0},
    {"نوفمبر", W_MONTH, 11},
    {"نونبر", W_MONTH, 11},
    {"نيسان", W_MONTH_PREP, 4},
    {"ه", W_HMARK, 0},
    {"هجري", W_HMARK, 0},
    {"هجريه", W_HMARK, 0},
    {"هذا", W_THIS, 0},
    {"هذه", W_THIS, 0},
    {"هكتار", W_COUNTED, 0},
    {"و", W_WA, 0},
    {"وحدات", W_COUNTED, 0},
    {"وحده", W_COUNTED, 0},
    {"وصل", W_VERB, 0},
    {"وصلت", W_VERB, 0},
    {"وظيفه", W_COUNTED, 0},
    {"وفاه", W_COUNTED, 0},
    {"وقع", W_VERB, 0},
    {"وقعت", W_VERB, 0},
    {"يبدا", W_VERB, 0},
    {"يبلغ", W_APPROX, 0},
    {"يتجاوز", W_APPROX, 0},
    {"يجري", W_VERB, 0},
    {"يزور", W_VERB, 0},
    {"يزيد", W_APPROX, 0},
    {"يشهد", W_VERB, 0},
    {"يصل", W_VERB, 0},
    {"يعقد", W_VERB, 0},
    {"يقارب", W_APPROX, 0},
    {"يقام", W_VERB, 0},
    {"يقرب", W_APPROX, 0},
    {"يلتقي", W_VERB, 0},
    {"يناهز", W_APPROX, 0},
    {"يناير", W_MONTH, 1},
    {"ينطلق", W_VERB, 0},
    {"يورو", W_COUNTED, 0},
    {"يوليه", W_MONTH, 7},
    {"يوليو", W_MONTH, 7},
    {"يوليوز", W_MONTH, 7},
    {"يوم", W_YAWM, 0},
    {"يوما", W_COUNTED, 0},
    {"يونيه", W_MONTH, 6},
    {"يونيو", W_MONTH, 6},
};

#define NWORDS (sizeof words / sizeof words[0])
#define MAXWORD 24 /* no word of the table is longer, in bytes */

/* strcmp, inline: the words differ in their first bytes, so the call
 * would cost more than the comparison. */
static int wordcmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a;
    const unsigned char *y = (const unsigned char *)b;
    while (*x && *x == *y) {
        x++;
        y++;
    }
    return (int)*x - (int)*y;
}

size_t mf_month_names(const char **out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < NWORDS; i++) {
        int c = words[i].cls;
        if ((c == W_MONTH || c == W_MONTH_AMB || c == W_MONTH_PREP ||
             c == W_KANUN || c == W_TISHRIN) &&
            k < cap)
            out[k++] = words[i].w;
    }
    return k;
}

static int find_word(const char *s, size_t n, int *val)
{
    size_t lo = 0, hi = NWORDS;
    if (n < 2 || n > MAXWORD)
        return W_NONE;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = wordcmp(s, words[mid].w);
        if (c == 0) {
            if (val)
                *val = words[mid].val;
            return words[mid].cls;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return W_NONE;
}

static unsigned popcount(unsigned x)
{
    unsigned c = 0;
    for (; x; x &= x - 1)
        c++;
    return c;
}

/*
 * The word class of token i, W_NONE past the end or for anything but an
 * Arabic word.  A token without enclitic is looked up by its base; one
 * with an enclitic by its whole form less its proclitics, because the
 * segmenter may cut a final letter off a name (ماي → ما+ي, يوليه).
 */
static int wcls(const mf_doc *d, size_t i, int *val)
{
    const mf_tok *t;
    size_t strip;
    if (i >= d->n)
        return W_NONE;
    t = &d->tok[i];
    if (t->type != MARSAD_TOKEN_ARABIC)
        return W_NONE;
    if (!t->enclitic) {
        int c = find_word(t->base, t->nbase, val);
        /* للسابع: ل and ال with its alef dropped, read as السابع */
        if (c == W_NONE && (t->pro & MF_PRO_L) && t->nnorm >= 8 &&
            t->nnorm < 64 && memcmp(t->norm, "\xd9\x84\xd9\x84", 4) == 0) {
            char buf[64];
            memcpy(buf, "\xd8\xa7", 2); /* ا */
            memcpy(buf + 2, t->norm + 2, t->nnorm - 2);
            buf[t->nnorm] = 0;
            c = find_word(buf, t->nnorm, val);
            /* only ordinals: للاثنين معا is "to both" */
            if (c != W_ORD && c != W_ORD1 && c != W_TENS)
                c = W_NONE;
        }
        return c;
    }
    strip = 2 * (size_t)popcount(t->pro); /* one Arabic letter each */
    if (strip >= t->nnorm)
        return W_NONE;
    return find_word(t->norm + strip, t->nnorm - strip, val);
}

/* Token j exists and lies in the sentence of token i. */
static int in_sent(const mf_doc *d, size_t i, size_t j)
{
    return j < d->n && i < d->n && d->tok[j].sentence == d->tok[i].sentence;
}

/* Word class of token j, or W_NONE when it is not in i's sentence. */
static int cls_at(const mf_doc *d, size_t i, size_t j, int *val)
{
    return in_sent(d, i, j) ? wcls(d, j, val) : W_NONE;
}

/* Token j is the punctuation p. */
static int is_p(const mf_doc *d, size_t j, const char *p)
{
    return j < d->n &&
           (d->tok[j].type == MARSAD_TOKEN_PUNCT ||
            d->tok[j].type == MARSAD_TOKEN_SYMBOL) &&
           strcmp(d->tok[j].norm, p) == 0;
}

static int is_dash(const mf_doc *d, size_t j)
{
    return is_p(d, j, "-") || is_p(d, j, "\xe2\x80\x93") || /* – */
           is_p(d, j, "\xe2\x80\x94");                      /* — */
}

static int is_comma(const mf_doc *d, size_t j)
{
    return is_p(d, j, ",") || is_p(d, j, "\xd8\x8c"); /* ، */
}

/*
 * The value of token j when it is plain digits (any script, folded), at
 * most 6 of them; -1 otherwise.  *nd gets the number of digits.
 */
static long digits_at(const mf_doc *d, size_t j, int *nd)
{
    const mf_tok *t;
    long v = 0;
    size_t k;
    if (j >= d->n)
        return -1;
    t = &d->tok[j];
    if (t->type != MARSAD_TOKEN_NUMBER || t->nnorm == 0 || t->nnorm > 6)
        return -1;
    for (k = 0; k < t->nnorm; k++) {
        unsigned char c = (unsigned char)t->norm[k];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    if (nd)
        *nd = (int)t->nnorm;
    return v;
}

/* Token j follows token j-1 with no space between them. */
static int glued(const mf_doc *d, size_t j)
{
    return j > 0 && j < d->n && !d->tok[j].space_before;
}

/* ------------------------------------------------------------ calendar */

static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long y, int m)
{
    static const unsigned char len[12] = {31, 28, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/*
 * Days since 1970-01-01 of a Hijri date, by the tabular (arithmetical)
 * Islamic calendar: 30-year cycles with 11 leap years, months of 30 and
 * 29 days alternating, epoch 16 July 622 (Julian).  Official calendars
 * follow the moon (Umm al-Qura, sightings), so the result may be off by
 * a day or two.
 */
static long days_from_hijri(long y, int m, int dd)
{
    return dd + (59L * (m - 1) + 1) / 2 + (y - 1) * 354 +
           (3 + 11 * y) / 30 - 492148L - 1;
}

/* Weekday of a day count, 0 = Sunday. */
static int weekday_of(long z)
{
    return (int)(((z % 7) + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
}

/* ------------------------------------------------------------ results */

/* A date being read: its tokens and value. */
typedef struct dres {
    size_t s, e; /* tokens [s, e) */
    long y;
    int m, dd, gran;
    unsigned flags;
} dres;

/* What one match yields: up to two dates (year ranges, day ranges). */
typedef struct found {
    dres r[2];
    int n;
    size_t end; /* the first token after the match */
    long ctx_y; /* the month the text named last (for في 13 منه), */
    int ctx_m;  /* 0 if none */
} found;

static int doc_known(const mf_doc *d)
{
    return d->year != 0 && d->month >= 1 && d->month <= 12 && d->day >= 1 &&
           d->day <= 31;
}

static long doc_days(const mf_doc *d)
{
    return mf_days_from_civil(d->year, d->month, d->day);
}

static void set_days(dres *r, long z)
{
    int y, m, dd;
    mf_civil_from_days(z, &y, &m, &dd);
    r->y = y;
    r->m = m;
    r->dd = dd;
    r->gran = MARSAD_GRAN_DAY;
}

static int emit(const mf_doc *d, mf_sink *out, const dres *r)
{
    marsad_fact f;
    const mf_tok *a, *b;

    if (r->s >= r->e || r->e > d->n)
        return 0;
    memset(&f, 0, sizeof f);
    f.kind = MARSAD_FACT_DATE;
    f.granularity = r->gran;
    f.flags = r->flags;
    if ((r->flags & MARSAD_DATE_RELATIVE) && !doc_known(d)) {
        f.flags |= MARSAD_DATE_UNRESOLVED;
    } else {
        /* a value out of range (a bad resolution) is no date */
        if (r->y < -9999 || r->y > 9999)
            return 0;
        f.year = (int)r->y;
        switch (r->gran) {
        case MARSAD_GRAN_DAY:
            if (r->dd < 1 || r->dd > month_days(r->y, r->m))
                return 0;
            f.month = r->m;
            f.day = r->dd;
            break;
        case MARSAD_GRAN_MONTH:
            if (r->m < 1 || r->m > 12)
                return 0;
            f.month = r->m;
            break;
        case MARSAD_GRAN_YEAR:
            break;
        case MARSAD_GRAN_DECADE:
            f.year = (int)(r->y - r->y % 10);
            break;
        case MARSAD_GRAN_CENTURY:
            f.year = (int)(r->y - r->y % 100);
            break;
        default:
            return 0;
        }
    }
    a = &d->tok[r->s];
    b = &d->tok[r->e - 1];
    /* a proclitic on the first word is a preposition or و: not ours */
    f.start = a->pro ? a->base_start : a->start;
    f.end = b->end;
    if (f.start >= f.end)
        f.start = a->start;
    f.sentence = a->sentence;
    return out->put(out, &f);
}

/* ------------------------------------------------------------ pieces */

/*
 * A Gregorian month name at j, one token or two (كانون الثاني): its
 * number, and *end the token after it; 0 if none.
 */
static int greg_month(const mf_doc *d, size_t i, size_t j, size_t *end)
{
    int v = 0, v2 = 0, c = cls_at(d, i, j, &v), c2, ord;
    if (c == W_MONTH || c == W_MONTH_AMB || c == W_MONTH_PREP) {
        *end = j + 1;
        return v;
    }
    if (c != W_KANUN && c != W_TISHRIN)
        return 0;
    c2 = cls_at(d, i, j + 1, &v2);
    ord = c2 == W_ORD && v2 <= 2 ? v2 : c2 == W_FIRST ? 1 : c2 == W_ORDN ? 2 : 0;
    if (!ord)
        return 0;
    *end = j + 2;
    if (c == W_KANUN)
        return ord == 2 ? 1 : 12;
    return ord == 1 ? 10 : 11;
}

/* A Hijri month name at j (محرم، ربيع الأول، ذو الحجة ...); 0 if none. */
static int hijri_month(const mf_doc *d, size_t i, size_t j, size_t *end)
{
    int v = 0, v2 = 0, c = cls_at(d, i, j, &v), c2;
    if (c == W_HMONTH) {
        *end = j + 1;
        return v;
    }
    if (c != W_RABI && c != W_JUMADA && c != W_DHU)
        return 0;
    c2 = cls_at(d, i, j + 1, &v2);
    *end = j + 2;
    if (c == W_DHU)
        return c2 == W_QADA ? 11 : c2 == W_HIJJA ? 12 : 0;
    if (c2 == W_ORD && v2 <= 2)
        return (c == W_RABI ? 3 : 5) + v2 - 1;
    if (c2 == W_FIRST)
        return c == W_RABI ? 3 : 5;
    return 0;
}

/*
 * After a month name ending at j: the same month in another system,
 * "/ كانون الثاني", "(كانون الثاني)", "- كانون الثاني", or just after it
 * (فبراير شباط).  Returns the token after the pair (or pairs: أبريل
 * (نيسان) نيسان), or j when there is none.
 */
static size_t month_pair(const mf_doc *d, size_t i, size_t j, int m)
{
    for (int round = 0; round < 2; round++) {
        size_t k = j, e2 = 0;
        int paren = 0;
        if (!in_sent(d, i, k))
            return j;
        if (is_p(d, k, "/") || is_dash(d, k))
            k++;
        else if (is_p(d, k, "(")) {
            k++;
            paren = 1;
        }
        if (greg_month(d, i, k, &e2) != m)
            return j;
        if (paren) {
            if (!is_p(d, e2, ")"))
                return j;
            e2++;
        }
        j = e2;
    }
    return j;
}

/* Past, next or current word at j: -1, 1, 0; 2 when none. */
static int rel_word(const mf_doc *d, size_t i, size_t j)
{
    switch (cls_at(d, i, j, NULL)) {
    case W_PAST:
        return -1;
    case W_NEXT:
        return 1;
    case W_CURRENT:
        return 0;
    default:
        return 2;
    }
}

/* A year-marker at j: 1 Gregorian (م), 2 Hijri (هـ), 0 none. */
static int year_mark(const mf_doc *d, size_t i, size_t j)
{
    int c = cls_at(d, i, j, NULL);
    return c == W_GMARK ? 1 : c == W_HMARK ? 2 : 0;
}

/* A year after a month or a day and month. */
typedef struct ytail {
    int kind;   /* 0 none, 1 a year in digits, 2 relative (offset) */
    long y;     /* the year, or the offset from the document's year */
    int hijri;  /* followed by هـ */
    int greg;   /* followed by م */
    size_t end; /* the token after it */
} ytail;

/*
 * Reads at j: [من] [عام|العام|سنة] 2022 [م|هـ], or [من] العام
 * الماضي/المقبل/الجاري, or من هذا العام.
 */
static void year_tail(const mf_doc *d, size_t i, size_t j, ytail *t)
{
    size_t k = j;
    int kw = 0, c, nd = 0, mark, rel;
    long v;

    memset(t, 0, sizeof *t);
    if (cls_at(d, i, k, NULL) == W_MIN)
        k++;
    c = cls_at(d, i, k, NULL);
    if (c == W_THIS && cls_at(d, i, k + 1, NULL) == W_YEARKW && k > j) {
        t->kind = 2;
        t->y = 0;
        t->end = k + 2;
        return;
    }
    if (c == W_YEARKW) {
        kw = 1;
        k++;
        rel = rel_word(d, i, k);
        if (rel != 2) {
            t->kind = 2;
            t->y = rel;
            t->end = k + 1;
            return;
        }
    }
    if (!in_sent(d, i, k))
        return;
    v = digits_at(d, k, &nd);
    if (v < 0 || nd < 3 || nd > 4 || v < 100)
        return;
    if (!kw && k == j && nd != 4)
        return;
    /* "يناير 2000 جندي": a count, not a year */
    if (!kw && cls_at(d, i, k + 1, NULL) == W_COUNTED)
        return;
    mark = year_mark(d, i, k + 1);
    if (mark == 2 && v > 1600)
        return;
    if (mark != 2 && v > 2100)
        return;
    t->kind = 1;
    t->y = v;
    t->hijri = mark == 2;
    t->greg = mark == 1;
    t->end = k + 1 + (mark != 0);
}

/*
 * An ordinal day or century in words at j: الخامس، الحادي عشر، الحادي
 * والعشرين، العشرين.  Returns its value (1..39) and sets *end; 0 if none.
 */
static int read_ordinal(const mf_doc *d, size_t i, size_t j, size_t *end)
{
    int v = 0, v2 = 0, c = cls_at(d, i, j, &v), c2;
    if (c == W_TENS) {
        *end = j + 1;
        return v;
    }
    if (c != W_ORD && c != W_ORD1 && c != W_FIRST)
        return 0;
    if (c == W_FIRST)
        v = 1;
    /* الأولى، الآخرة are ordinals of months, not of days */
    if (c == W_ORD && d->tok[j].nbase > 0 &&
        (mf_base_is(&d->tok[j], "الاولي") || mf_base_is(&d->tok[j], "الاخر") ||
         mf_base_is(&d->tok[j], "الاخره") ||
         mf_base_is(&d->tok[j], "الثانيه")))
        return 0;
    c2 = cls_at(d, i, j + 1, &v2);
    if (c2 == W_TEEN && v < 10) {
        *end = j + 2;
        return 10 + v;
    }
    if (c2 == W_TENS && v < 10 && (d->tok[j + 1].pro & MF_PRO_W)) {
        *end = j + 2;
        return v2 + v;
    }
    if (c2 == W_WA && v < 10 && cls_at(d, i, j + 2, &v2) == W_TENS) {
        *end = j + 3;
        return v2 + v;
    }
    if (c == W_ORD1 || c == W_FIRST)
        return 0; /* الحادي alone; أول is not a day ordinal here */
    *end = j + 1;
    return v;
}

/* ------------------------------------------------------------ relative */

/* A month with no year: which year, given a past/next/current word (rel
 * -1, 1, 0 as rel_word says; 2 when there is none). */
static long month_year(const mf_doc *d, int m, int day, int rel)
{
    long y = d->year;
    int after, before;
    if (!doc_known(d))
        return 0;
    after = m > d->month || (m == d->month && day > d->day);
    before = m < d->month || (m == d->month && day && day < d->day);
    if (rel == -1 && !before)
        return y - 1;
    if (rel == 1 && !after)
        return y + 1;
    /* with no word to say which, a month more than five months after
     * the document's is most often the one of the year before: news
     * looks back (a March report on "ديسمبر" means the December past) */
    if (rel == 2 && m > d->month + 5)
        return y - 1;
    return y;
}

/*
 * The day a weekday names, from the document's date: dir 0 the closest
 * on or before it, -1 strictly before, 1 strictly after, 2 on or after.
 */
static long weekday_days(const mf_doc *d, int wd, int dir)
{
    long z = doc_days(d);
    int dw = weekday_of(z);
    int back = (dw - wd + 7) % 7, fwd = (wd - dw + 7) % 7;
    switch (dir) {
    case -1:
        return z - (back ? back : 7);
    case 1:
        return z + (fwd ? fwd : 7);
    case 2:
        return z + fwd;
    default:
        return z - back;
    }
}

/* A future verb shortly before token s, in its sentence: سيزور، سوف. */
static int future_before(const mf_doc *d, size_t s)
{
    size_t k, lim = s > 6 ? s - 6 : 0;
    for (k = s; k > lim; k--) {
        const mf_tok *t = &d->tok[k - 1];
        if (t->sentence != d->tok[s].sentence)
            break;
        if (t->type != MARSAD_TOKEN_ARABIC)
            continue;
        if (t->pro & MF_PRO_S)
            return 1;
        if (wcls(d, k - 1, NULL) == W_SAWFA)
            return 1;
        /* وسيزور: the segmenter leaves س on the base after و */
        if ((t->pro & (MF_PRO_W | MF_PRO_F)) && t->nbase >= 8 &&
            (unsigned char)t->base[0] == 0xD8 &&
            (unsigned char)t->base[1] == 0xB3 && /* س */
            ((unsigned char)t->base[2] == 0xD9 &&
             ((unsigned char)t->base[3] == 0x8A || /* ي */
              (unsigned char)t->base[3] == 0x86)) /* ن */
        )
            return 1;
        if ((t->pro & (MF_PRO_W | MF_PRO_F)) && t->nbase >= 8 &&
            (unsigned char)t->base[0] == 0xD8 &&
            (unsigned char)t->base[1] == 0xB3 &&
            (unsigned char)t->base[2] == 0xD8 &&
            (unsigned char)t->base[3] == 0xAA) /* ت */
            return 1;
    }
    return 0;
}

/*
 * An imperfect verb right before token s that sets a weekday ahead:
 * ويلتقي يوم الثلاثاء، التي تقام يوم السبت.  Only a يـ verb that carries
 * و or stands before يوم (a name such as يوسف can stand before a bare
 * weekday), or a تـ verb after التي / الذي.
 */
static int imperfect_before(const mf_doc *d, size_t s)
{
    const mf_tok *t;
    unsigned char b0, b1;
    if (s == 0 || !in_sent(d, s, s - 1))
        return 0;
    t = &d->tok[s - 1];
    if (t->type != MARSAD_TOKEN_ARABIC || t->nbase < 8 ||
        (wcls(d, s - 1, NULL) != W_NONE && wcls(d, s - 1, NULL) != W_VERB))
        return 0;
    b0 = (unsigned char)t->base[0];
    b1 = (unsigned char)t->base[1];
    if (b0 == 0xD9 && b1 == 0x8A) /* ي */
        return (t->pro & MF_PRO_W) || wcls(d, s, NULL) == W_YAWM;
    if (b0 == 0xD8 && b1 == 0xAA && s >= 2 && in_sent(d, s, s - 2)) /* ت */
        return mf_base_is(&d->tok[s - 2], "التي") ||
               mf_base_is(&d->tok[s - 2], "الذي");
    return 0;
}

/* ------------------------------------------------------------ matchers */

static dres *new_res(found *f, size_t s)
{
    dres *r = &f->r[f->n];
    memset(r, 0, sizeof *r);
    r->s = s;
    return r;
}

/* A day of the month at j, in digits (5) or words (الخامس); 0 if none. */
static int read_day(const mf_doc *d, size_t i, size_t j, size_t *end,
                    int *in_words)
{
    int nd = 0, v;
    long n = digits_at(d, j, &nd);
    if (!in_sent(d, i, j))
        return 0;
    if (n >= 0) {
        if (nd > 2 || n < 1 || n > 31)
            return 0;
        *end = j + 1;
        *in_words = 0;
        return (int)n;
    }
    if (d->tok[j].type != MARSAD_TOKEN_ARABIC)
        return 0;
    v = read_ordinal(d, i, j, end);
    if (v >= 1 && v <= 31) {
        *in_words = 1;
        return v;
    }
    {
        /* other ordinals in words, as the number reader spells them */
        double val = 0;
        unsigned fl = 0;
        size_t k = mf_read_number(d, j, &val, &fl);
        if (k > 0 && (fl & MARSAD_NUM_ORDINAL) && (fl & MARSAD_NUM_WORDS) &&
            val >= 1 && val <= 31 && val == (double)(int)val &&
            in_sent(d, i, j + k - 1)) {
            *end = j + k;
            *in_words = 1;
            return (int)val;
        }
    }
    return 0;
}

/*
 * Day and month from token j, the span starting at s: 5 يناير 2022،
 * الخامس من يناير، 5 يناير (كانون الثاني) 2022، 15 رمضان 1443 هـ،
 * 5 يناير الماضي، 5 من شهر مارس من العام المقبل.
 */
static int m_day_month(const mf_doc *d, size_t s, size_t j, found *f)
{
    size_t k = 0, e = 0;
    int day, in_words = 0, m, hij = 0;
    ytail yt;
    dres *r;

    if (wcls(d, j, NULL) == W_FIRST && greg_month(d, s, j + 1, &e)) {
        day = 1; /* أول يوليو */
        k = j + 1;
    } else
        day = read_day(d, s, j, &k, &in_words);
    if (!day)
        return 0;
    /* في 13 منه، الثالث منه: a day of the month the text named last */
    if (in_sent(d, s, k) && mf_norm_is(&d->tok[k], "منه") && f->ctx_m > 0 &&
        (in_words || (j > 0 && in_sent(d, s, j - 1) &&
                      mf_base_is(&d->tok[j - 1], "في")))) {
        if (day > month_days(f->ctx_y, f->ctx_m))
            return 0;
        r = new_res(f, s);
        r->gran = MARSAD_GRAN_DAY;
        r->y = f->ctx_y;
        r->m = f->ctx_m;
        r->dd = day;
        r->e = k + 1;
        f->n++;
        f->end = r->e;
        return 1;
    }
    if (cls_at(d, s, k, NULL) == W_MIN)
        k++;
    else if (in_words)
        return 0;
    /* السابع من الشهر المقبل، 5 من الشهر الماضي */
    if (cls_at(d, s, k, NULL) == W_MONTHKW && doc_known(d) &&
        rel_word(d, s, k + 1) != 2) {
        int rel = rel_word(d, s, k + 1);
        long y = d->year;
        m = d->month + rel;
        if (m < 1) {
            m = 12;
            y--;
        } else if (m > 12) {
            m = 1;
            y++;
        }
        if (day > month_days(y, m))
            return 0;
        r = new_res(f, s);
        r->gran = MARSAD_GRAN_DAY;
        r->flags = MARSAD_DATE_RELATIVE;
        r->y = y;
        r->m = m;
        r->dd = day;
        r->e = k + 2;
        f->n++;
        f->end = r->e;
        return 1;
    }
    if (cls_at(d, s, k, NULL) == W_MONTHKW)
        k++;
    m = greg_month(d, s, k, &e);
    if (m)
        e = month_pair(d, s, e, m);
    else {
        m = hijri_month(d, s, k, &e);
        if (!m)
            return 0;
        hij = 1;
    }
    year_tail(d, s, e, &yt);
    r = new_res(f, s);
    r->gran = MARSAD_GRAN_DAY;
    if (hij) {
        /* a Hijri day needs its year: 15 رمضان alone is an occasion */
        if (yt.kind != 1 || yt.greg || yt.y > 1600 || day > 30)
            return 0;
        set_days(r, days_from_hijri(yt.y, m, day));
        r->flags |= MARSAD_DATE_HIJRI;
        r->e = yt.end;
    } else if (yt.kind == 1) {
        if (yt.hijri || day > month_days(yt.y, m))
            return 0;
        r->y = yt.y;
        r->m = m;
        r->dd = day;
        r->e = yt.end;
    } else {
        int rel = 2;
        if (yt.kind == 2)
            e = yt.end;
        else {
            rel = rel_word(d, s, e);
            if (rel != 2)
                e++;
        }
        if (day > month_days(2000, m)) /* the longest it can be */
            return 0;
        r->flags |= MARSAD_DATE_RELATIVE;
        r->m = m;
        r->dd = day;
        r->y = yt.kind == 2 ? (long)d->year + yt.y : month_year(d, m, day, rel);
        if (doc_known(d) && day > month_days(r->y, m))
            return 0;
        r->e = e;
    }
    f->n++;
    f->end = r->e;
    return 1;
}

/* Separator of a numeric date at j. */
static int date_sep(const mf_doc *d, size_t j)
{
    return is_p(d, j, "/") || is_p(d, j, "-") || is_p(d, j, ".");
}

/* 29.11.2024 as one number token: its three parts; 0 if not that. */
static int dotted(const mf_tok *t, long p[3], int nd[3])
{
    int part = 0;
    size_t k;
    if (t->type != MARSAD_TOKEN_NUMBER || t->nnorm > 12)
        return 0;
    p[0] = p[1] = p[2] = 0;
    nd[0] = nd[1] = nd[2] = 0;
    for (k = 0; k < t->nnorm; k++) {
        unsigned char c = (unsigned char)t->norm[k];
        if (c == '.') {
            if (++part > 2 || nd[part - 1] == 0)
                return 0;
        } else if (c >= '0' && c <= '9') {
            if (nd[part] >= 4)
                return 0;
            p[part] = p[part] * 10 + (c - '0');
            nd[part]++;
        } else
            return 0;
    }
    return part == 2 && nd[2] > 0;
}

/*
 * A numeric date at j: 29/11/2024، 29-11-2024، 29.11.2024 (day first),
 * 2024-11-29 (year first), 15/9/1443 هـ.
 */
static int m_numeric(const mf_doc *d, size_t s, size_t j, found *f)
{
    long p[3];
    int nd[3], mark;
    long y, m, dd;
    size_t e;
    dres *r;

    if (dotted(&d->tok[j], p, nd))
        e = j + 1;
    else {
        int spaced;
        if (!in_sent(d, s, j + 4) || !date_sep(d, j + 1) ||
            strcmp(d->tok[j + 1].norm, d->tok[j + 3].norm) != 0)
            return 0;
        p[0] = digits_at(d, j, &nd[0]);
        p[1] = digits_at(d, j + 2, &nd[1]);
        p[2] = digits_at(d, j + 4, &nd[2]);
        if (p[0] < 0 || p[1] < 0 || p[2] < 0)
            return 0;
        /* all glued, or spaced around a slash */
        spaced = d->tok[j + 1].space_before || d->tok[j + 2].space_before ||
                 d->tok[j + 3].space_before || d->tok[j + 4].space_before;
        if (spaced && !is_p(d, j + 1, "/"))
            return 0;
        e = j + 5;
    }
    /* not a piece of a longer run of numbers (1/2/3/4, an IP address) */
    if (in_sent(d, s, e + 1) && glued(d, e) && date_sep(d, e) &&
        glued(d, e + 1) && d->tok[e + 1].type == MARSAD_TOKEN_NUMBER)
        return 0;
    if (j >= 2 && glued(d, j) && date_sep(d, j - 1) && glued(d, j - 1) &&
        d->tok[j - 2].type == MARSAD_TOKEN_NUMBER)
        return 0;
    if (nd[0] == 4 && nd[1] <= 2 && nd[2] <= 2) {
        y = p[0];
        m = p[1];
        dd = p[2];
    } else if (nd[2] == 4 && nd[0] <= 2 && nd[1] <= 2) {
        dd = p[0];
        m = p[1];
        y = p[2];
    } else
        return 0;
    if (m > 12 && dd <= 12) { /* month first, as in English */
        long x = m;
        m = dd;
        dd = x;
    }
    if (m < 1 || m > 12 || dd < 1)
        return 0;
    mark = year_mark(d, s, e);
    r = new_res(f, s);
    if (mark == 2) {
        if (y < 1 || y > 1600 || dd > 30)
            return 0;
        set_days(r, days_from_hijri(y, (int)m, (int)dd));
        r->flags |= MARSAD_DATE_HIJRI;
    } else {
        if (y < 1000 || y > 2100 || dd > month_days(y, (int)m))
            return 0;
        r->y = y;
        r->m = (int)m;
        r->dd = (int)dd;
        r->gran = MARSAD_GRAN_DAY;
    }
    r->e = e + (mark != 0);
    f->n++;
    f->end = r->e;
    return 1;
}

/* A 4-digit number at j that may be a year (1900..2100 by default). */
static int year_like(const mf_doc *d, size_t j, long *v)
{
    int nd = 0;
    *v = digits_at(d, j, &nd);
    return nd == 4 && *v >= 1900 && *v <= 2100;
}

/*
 * Whether the bare 4-digit number at j is a year, from its neighbours:
 * not when it counts (نحو 2000، 2000 جندي، 2000 سنة) or belongs to a
 * longer number (1.2000، 10:2000).
 */
static int bare_year_ok(const mf_doc *d, size_t j)
{
    size_t p = j - 1, q = j + 1;
    long v;
    if (j > 0 && in_sent(d, j, p)) {
        const mf_tok *t = &d->tok[p];
        int c;
        if (t->type == MARSAD_TOKEN_NUMBER || t->type == MARSAD_TOKEN_PERCENT)
            return 0;
        if (t->type == MARSAD_TOKEN_PUNCT && glued(d, j) && p > 0 &&
            glued(d, p) && d->tok[p - 1].type == MARSAD_TOKEN_NUMBER)
            return 0;
        if (mf_norm_is(t, "\xd8\xa7\xd9\x84")) /* الـ2000: an ordinal */
            return 0;
        if (glued(d, j) && mf_norm_is(t, "_")) /* #رؤية_2030: a tag */
            return 0;
        c = wcls(d, p, NULL);
        if (c == W_APPROX)
            return 0;
        if (c == W_MIN && p > 0 && in_sent(d, j, p - 1) &&
            wcls(d, p - 1, NULL) == W_APPROX)
            return 0;
        /* بين 1500 و2000، من 500 إلى 2000: the far end of a count */
        if ((c == W_WA || c == W_TO || is_dash(d, p)) && p > 0 &&
            in_sent(d, j, p - 1) &&
            d->tok[p - 1].type == MARSAD_TOKEN_NUMBER &&
            !year_like(d, p - 1, &v))
            return 0;
    }
    if (in_sent(d, j, q)) {
        const mf_tok *t = &d->tok[q];
        int c;
        if (t->type == MARSAD_TOKEN_PUNCT && glued(d, q) && q + 1 < d->n &&
            glued(d, q + 1) && d->tok[q + 1].type == MARSAD_TOKEN_NUMBER &&
            !is_dash(d, q) && !is_p(d, q, "/"))
            return 0;
        c = wcls(d, q, NULL);
        if (c == W_COUNTED || (c == W_YEARKW && !t->pro))
            return 0;
    }
    return 1;
}

/* A year in digits at j (after a year word when kw): عام 2002، 2002،
 * 1443 هـ، 2022 م، 2015-2016, عامي 2010 و2015. */
static int m_year(const mf_doc *d, size_t s, size_t j, int kw, found *f)
{
    int nd = 0, mark;
    long v = digits_at(d, j, &nd), v2;
    size_t e;
    dres *r;

    if (v < 0 || !in_sent(d, s, j))
        return 0;
    mark = year_mark(d, s, j + 1);
    r = new_res(f, s);
    r->gran = MARSAD_GRAN_YEAR;
    /* عام 1376 in a paper of this century: a Hijri year written without
     * its mark (Gregorian years of the 14th century are rare in news) */
    if (mark == 0 && kw && nd == 4 && v >= 1300 && v <= 1450 &&
        doc_known(d) && d->year >= 1900)
        mark = 3;
    if (mark == 2 || mark == 3) {
        if (nd < 3 || v < 1 || v > 1600)
            return 0;
        /* a Hijri year is given the Gregorian year that holds most of
         * it, the one of its seventh month */
        set_days(r, days_from_hijri(v, 7, 1));
        r->gran = MARSAD_GRAN_YEAR;
        r->flags |= MARSAD_DATE_HIJRI;
        r->e = j + 1 + (mark == 2);
        f->n++;
        f->end = r->e;
        return 1;
    }
    if (kw) {
        if (nd < 3 || v < 100 || v > 2100)
            return 0;
    } else if (mark == 1) {
        if (nd != 4 || v < 1000 || v > 2100)
            return 0;
    } else if (!year_like(d, j, &v) || !bare_year_ok(d, j))
        return 0;
    r->y = v;
    e = j + 1 + (mark != 0);
    r->e = e;
    f->n++;
    f->end = e;
    /* a second year: 2015-2016، 2017/2018، عامي 2010 و2015 */
    if (in_sent(d, s, e + 1) &&
        (is_dash(d, e) || is_p(d, e, "/") ||
         (kw && wcls(d, e, NULL) == W_WA)) &&
        year_like(d, e + 1, &v2) && v2 > v && v2 <= v + 100 &&
        cls_at(d, s, e + 2, NULL) != W_COUNTED) {
        r = new_res(f, e + 1);
        r->gran = MARSAD_GRAN_YEAR;
        r->y = v2;
        r->e = e + 2 + (year_mark(d, s, e + 2) == 1);
        f->n++;
        f->end = r->e;
    }
    return 1;
}

/* A number at j: a numeric date, a day and month (or a range of days),
 * or a year. */
static int m_number(const mf_doc *d, size_t j, found *f)
{
    size_t k, e = 0;
    int in_words = 0, day;
    if (m_numeric(d, j, j, f))
        return 1;
    if (m_day_month(d, j, j, f))
        return 1;
    /* 5 و6 يناير، 5-6 يناير، 5 إلى 7 يناير: the first day takes the
     * month and year of the second */
    day = read_day(d, j, j, &e, &in_words);
    if (day && !in_words) {
        k = e;
        if (is_dash(d, k) || cls_at(d, j, k, NULL) == W_WA ||
            cls_at(d, j, k, NULL) == W_TO) {
            found g;
            g.n = 0;
            g.ctx_y = f->ctx_y;
            g.ctx_m = f->ctx_m;
            if (in_sent(d, j, k + 1) &&
                d->tok[k + 1].type == MARSAD_TOKEN_NUMBER &&
                m_day_month(d, k + 1, k + 1, &g) && g.r[0].dd > day) {
                f->r[0] = g.r[0];
                f->r[0].s = j;
                f->r[0].e = j + 1;
                f->r[0].dd = day;
                f->r[1] = g.r[0];
                f->n = 2;
                f->end = g.end;
                return 1;
            }
        }
    }
    return m_year(d, j, j, 0, f);
}

/*
 * A weekday at j, the span from s: with the date it names (الخميس 5
 * يناير 2022، الخميس (5 يناير)، يوم الخميس الموافق 5 يناير), or alone,
 * resolved against the document date; hint -9 when nothing before it
 * says which way (else the dir of weekday_days).
 */
static int m_weekday(const mf_doc *d, size_t s, size_t j, int hint,
                     found *f)
{
    int wd = 0, dir, rel;
    size_t k = j + 1;
    dres *r;
    found g;

    wcls(d, j, &wd);
    /* الأحد عشر (eleven); كلا الاثنين (both); الاثنين من كل أسبوع */
    if (cls_at(d, s, j + 1, NULL) == W_TEEN)
        return 0;
    if (j > 0 && in_sent(d, s, j - 1) && mf_base_is(&d->tok[j - 1], "كلا"))
        return 0;
    if (cls_at(d, s, j + 1, NULL) == W_MIN && in_sent(d, s, j + 2) &&
        mf_base_is(&d->tok[j + 2], "كل"))
        return 0;
    if (is_comma(d, k))
        k++;
    if (cls_at(d, s, k, NULL) == W_MUWAFIQ) {
        k++;
        if (in_sent(d, s, k) && mf_base_is(&d->tok[k], "\xd9\x84")) /* لـ */
            k++;
    }
    if (is_p(d, k, "("))
        k++;
    g.n = 0;
    g.ctx_y = f->ctx_y;
    g.ctx_m = f->ctx_m;
    if (in_sent(d, s, k) &&
        (m_numeric(d, s, k, &g) || m_day_month(d, s, k, &g)) && g.n == 1 &&
        g.r[0].gran == MARSAD_GRAN_DAY) {
        size_t e = g.end;
        if (is_p(d, e, ")") && is_p(d, k - 1, "("))
            e++;
        *f = g;
        f->r[0].s = s;
        f->r[0].e = e;
        f->r[0].flags |= MARSAD_DATE_WEEKDAY;
        f->end = e;
        return 1;
    }
    r = new_res(f, s);
    r->gran = MARSAD_GRAN_DAY;
    r->flags = MARSAD_DATE_RELATIVE | MARSAD_DATE_WEEKDAY;
    r->e = j + 1;
    rel = rel_word(d, s, j + 1);
    if (rel == -1 || rel == 1) {
        dir = rel;
        r->e = j + 2;
    } else if (hint != -9)
        dir = hint;
    else
        dir = future_before(d, s) || imperfect_before(d, s) ? 2 : 0;
    if (doc_known(d))
        set_days(r, weekday_days(d, wd, dir));
    f->n++;
    f->end = r->e;
    return 1;
}

/*
 * A weekday right after a relative day word ending at k: اليوم الاثنين،
 * أمس (الأحد), غدا الخميس.  Reads it with the span from s.
 */
static int weekday_after(const mf_doc *d, size_t s, size_t k, int hint,
                         found *f)
{
    int paren = 0;
    if (is_comma(d, k) && cls_at(d, s, k + 1, NULL) == W_WEEKDAY &&
        is_comma(d, k + 2))
        k++; /* اليوم، الاثنين، */
    if (is_p(d, k, "(")) {
        paren = 1;
        k++;
    }
    if (cls_at(d, s, k, NULL) != W_WEEKDAY)
        return 0;
    if (!m_weekday(d, s, k, hint, f))
        return 0;
    if (paren && f->n == 1 && is_p(d, f->end, ")")) {
        f->end++;
        f->r[0].e = f->end;
    }
    return 1;
}

/* Words before اليوم that make it "the day" or "nowadays": ذلك اليوم،
 * نفس اليوم، طوال اليوم، مرتين في اليوم، عالم اليوم. */
static const char *const NOT_TODAY_BEFORE[] = {
    "ذلك", "تلك", "نفس", "ذات", "طوال", "طيله", "مدار", "في", "كل",
    "منتصف", "نهايه", "بدايه", "اخر", "عالم", "شباب", "جيل", "ذاك",
    "حتي", "الي", "منذ", NULL};

/* Adverbs of degree after اليوم that make it "nowadays". */
static const char *const DEGREE_AFTER[] = {"كثيرا", "جدا", "بكثير",
                                           "تماما", "اكثر", NULL};

/*
 * A relative day from j: أمس، الأمس، أول أمس، أول من أمس، أمس الأول،
 * غدا، بعد غد، يوم غد، اليوم (as "today"), each possibly followed by
 * its weekday.  lic: a word before (يوم، صباح) makes اليوم and غد days.
 */
static int m_relday(const mf_doc *d, size_t s, size_t j, int lic, found *f)
{
    int c = wcls(d, j, NULL), off, hint;
    size_t k = j + 1;
    dres *r;

    switch (c) {
    case W_FIRST:
        if (cls_at(d, s, k, NULL) == W_MIN)
            k++;
        if (cls_at(d, s, k, NULL) != W_YESTERDAY)
            return 0;
        k++;
        off = -2;
        break;
    case W_AFTER:
        c = cls_at(d, s, k, NULL);
        if (c != W_GHAD && c != W_TOMORROW)
            return 0;
        k++;
        off = 2;
        break;
    case W_YESTERDAY: {
        int v = 0;
        if (in_sent(d, s, k) &&
            (mf_base_is(&d->tok[k], "القريب") ||
             mf_base_is(&d->tok[k], "الحاجه") ||
             mf_base_is(&d->tok[k], "حاجه")))
            return 0; /* الأمس القريب (lately); أمس الحاجة (most in need) */
        off = -1;
        if (cls_at(d, s, k, &v) == W_ORD && v == 1) {
            k++;
            off = -2;
        }
        break;
    }
    case W_TOMORROW:
        off = 1;
        break;
    case W_GHAD:
        if (!lic)
            return 0;
        off = 1;
        break;
    case W_TODAY: {
        int pc = j > 0 && in_sent(d, s, j - 1) ? wcls(d, j - 1, NULL) : 0;
        size_t w = k;
        if (is_p(d, w, "(") || is_comma(d, w))
            w++;
        if (cls_at(d, s, w, NULL) == W_WEEKDAY)
            ; /* اليوم الاثنين: the weekday says which day */
        else if (in_sent(d, s, k) && d->tok[k].type == MARSAD_TOKEN_ARABIC &&
                 !(d->tok[k].flags & MARSAD_TOKEN_STOPWORD) &&
                 strncmp(d->tok[k].base, "ال", strlen("ال")) == 0)
            return 0; /* اليوم الوطني، اليوم التالي: the noun "day" (not
                         اليوم إلى، اليوم الذي) */
        else if (!lic && in_sent(d, s, k) &&
                 mf_base_in(&d->tok[k], DEGREE_AFTER) >= 0)
            return 0; /* تغير اليوم كثيرا: "nowadays", set against the past */
        else if (!lic && pc != W_VERB && j > 0 && in_sent(d, s, j - 1) &&
                 (pc == W_MIN || pc == W_TO || pc == W_THIS ||
                  mf_base_in(&d->tok[j - 1], NOT_TODAY_BEFORE) >= 0 ||
                  (d->tok[j - 1].type != MARSAD_TOKEN_ARABIC &&
                   d->tok[j - 1].type != MARSAD_TOKEN_PUNCT)))
            /* اليوم as "today" wherever it is an adverb (قالت الوزارة
             * اليوم، واليوم نحن)، not after words that make it "the
             * day" or "our days" (ذلك اليوم، في اليوم، حتى اليوم) */
            return 0;
        off = 0;
        break;
    }
    default:
        return 0;
    }
    hint = off > 0 ? 2 : 0;
    if (weekday_after(d, s, k, hint, f))
        return 1;
    r = new_res(f, s);
    r->gran = MARSAD_GRAN_DAY;
    r->flags = MARSAD_DATE_RELATIVE;
    r->e = k;
    if (doc_known(d))
        set_days(r, doc_days(d) + off);
    f->n++;
    f->end = k;
    return 1;
}

/*
 * After a month with no year ending at e: "إلى ديسمبر 2017"، "و مارس
 * 2018"، "- مارس 2018": the year the other end of the range gives.
 */
static int range_year(const mf_doc *d, size_t s, size_t e, ytail *yt)
{
    size_t k = e, e2 = 0;
    int c = cls_at(d, s, k, NULL);
    int m2;
    if (c != W_TO && c != W_WA && !is_dash(d, k))
        return 0;
    k++;
    m2 = greg_month(d, s, k, &e2);
    if (!m2) {
        /* ومارس: the و is on the month */
        m2 = greg_month(d, s, e, &e2);
        if (!m2 || !(d->tok[e].pro & MF_PRO_W))
            return 0;
    }
    e2 = month_pair(d, s, e2, m2);
    year_tail(d, s, e2, yt);
    return yt->kind == 1 && !yt->hijri;
}

/*
 * A month name at j, the span from s (lic: after شهر): يناير 2022،
 * يناير/كانون الثاني 2022، مارس الماضي، في مارس، رمضان 1443 هـ.
 */
static int m_month(const mf_doc *d, size_t s, size_t j, int lic, found *f)
{
    size_t e = 0, e1;
    int m, c, rel;
    ytail yt;
    dres *r;

    c = wcls(d, j, NULL);
    m = greg_month(d, s, j, &e);
    if (!m) {
        m = hijri_month(d, s, j, &e);
        if (!m)
            return 0;
        year_tail(d, s, e, &yt);
        if (yt.kind != 1 || yt.greg || yt.y > 1600)
            return 0; /* رمضان alone is an occasion */
        r = new_res(f, s);
        set_days(r, days_from_hijri(yt.y, m, 1));
        r->gran = MARSAD_GRAN_MONTH;
        r->flags |= MARSAD_DATE_HIJRI;
        r->e = yt.end;
        f->n++;
        f->end = r->e;
        return 1;
    }
    e1 = e;
    e = month_pair(d, s, e, m);
    year_tail(d, s, e, &yt);
    r = new_res(f, s);
    r->gran = MARSAD_GRAN_MONTH;
    r->m = m;
    if (yt.kind == 1) {
        if (yt.hijri)
            return 0;
        r->y = yt.y;
        r->e = yt.end;
    } else if (yt.kind == 2) {
        r->y = (long)d->year + yt.y;
        r->flags |= MARSAD_DATE_RELATIVE;
        r->e = yt.end;
    } else {
        rel = rel_word(d, s, e);
        if (rel != 2)
            e++;
        else if (range_year(d, s, e, &yt)) {
            /* أكتوبر إلى ديسمبر 2017: the year of the far end */
            r->y = yt.y;
            r->e = e;
            f->n++;
            f->end = e;
            return 1;
        } else if (!lic && e == e1) {
            /* a month name alone (no pair, no year): مارس، نيسان (also
             * a verb, a make of car) only after a preposition or another
             * month, and آب، ماي، أوت (also "father", "my") only after
             * شهر */
            int pc = j > 0 && in_sent(d, s, j - 1) ? wcls(d, j - 1, NULL) : 0;
            if (c == W_MONTH_AMB)
                return 0;
            if (c == W_MONTH_PREP && pc != W_PREP && pc != W_MIN &&
                pc != W_TO && pc != W_AFTER && pc != W_MONTH &&
                !(d->tok[j].pro & (MF_PRO_B | MF_PRO_L)))
                return 0;
        }
        r->y = month_year(d, m, 0, rel);
        r->flags |= MARSAD_DATE_RELATIVE;
        r->e = e;
    }
    f->n++;
    f->end = r->e;
    return 1;
}

/*
 * A century at j (after القرن): العشرين، الحادي والعشرين، الـ19، 19،
 * الماضي، الحالي.  Sets *n (1-based), *end, *relative; 0 if none.
 */
static int read_century(const mf_doc *d, size_t s, size_t j, int *n,
                        size_t *end, int *relative)
{
    size_t k = j, e = 0;
    int nd = 0, v = 0, rel;
    long x;
    *relative = 0;
    if (in_sent(d, s, k) && mf_norm_is(&d->tok[k], "\xd8\xa7\xd9\x84")) /* الـ */
        k++;
    x = digits_at(d, k, &nd);
    if (!in_sent(d, s, k))
        return 0;
    if (x >= 0) {
        if (nd > 2 || x < 1 || x > 30)
            return 0;
        v = (int)x;
        e = k + 1;
    } else if (k == j && (v = read_ordinal(d, s, k, &e)) != 0) {
        if (v > 30)
            return 0;
    } else if (k == j && (rel = rel_word(d, s, k)) != 2) {
        /* the document's century, or the one before or after it */
        *relative = 1;
        v = doc_known(d) ? d->year / 100 + 1 + rel : 1;
        e = k + 1;
    } else
        return 0;
    /* a Hijri century, or one before Christ: not ours */
    if (year_mark(d, s, e) == 2)
        return 0;
    if (cls_at(d, s, e, NULL) == W_PREP && in_sent(d, s, e + 1) &&
        mf_base_is(&d->tok[e], "قبل") &&
        (mf_base_is(&d->tok[e + 1], "الميلاد")))
        return 0;
    if (year_mark(d, s, e) == 1)
        e++;
    if (v < 1)
        return 0;
    *n = v;
    *end = e;
    return 1;
}

/* القرن العشرين، القرن الـ19، القرن الماضي. */
static int m_century(const mf_doc *d, size_t j, found *f)
{
    int n = 0, relative = 0;
    size_t e = 0;
    dres *r;
    if (!read_century(d, j, j + 1, &n, &e, &relative))
        return 0;
    r = new_res(f, j);
    r->gran = MARSAD_GRAN_CENTURY;
    r->y = (long)(n - 1) * 100;
    r->flags = relative ? MARSAD_DATE_RELATIVE : 0;
    r->e = e;
    f->n++;
    f->end = e;
    return 1;
}

/* التسعينيات، تسعينيات القرن العشرين، الستينيات من القرن الماضي. */
static int m_decade(const mf_doc *d, size_t j, found *f)
{
    int v = 0, n = 20, relative = 0;
    size_t k = j + 1, e = j + 1, ce = 0;
    dres *r;

    wcls(d, j, &v);
    /* في الستينيات من عمره: an age */
    if (cls_at(d, j, k, NULL) == W_MIN && in_sent(d, j, k + 1) &&
        (strncmp(d->tok[k + 1].base, "عمر", strlen("عمر")) == 0 ||
         mf_base_is(&d->tok[k + 1], "العمر")))
        return 0;
    /* في الخمسينات أو سن أكبر: an age too */
    if (in_sent(d, j, k + 1) && mf_base_is(&d->tok[k], "او") &&
        (mf_base_is(&d->tok[k + 1], "سن") ||
         mf_base_is(&d->tok[k + 1], "عمر")))
        return 0;
    if (cls_at(d, j, k, NULL) == W_MIN)
        k++;
    if (cls_at(d, j, k, NULL) == W_CENTURY &&
        read_century(d, j, k + 1, &n, &ce, &relative))
        e = ce;
    r = new_res(f, j);
    r->gran = MARSAD_GRAN_DECADE;
    r->y = (long)(n - 1) * 100 + v * 10;
    r->flags = relative ? MARSAD_DATE_RELATIVE : 0;
    r->e = e;
    f->n++;
    f->end = e;
    return 1;
}

/* عام 2002، العام الماضي، السنة المقبلة، عامي 2010 و2015. */
static int m_yearkw(const mf_doc *d, size_t j, found *f)
{
    int dual = 0, rel, nd = 0;
    long v;
    dres *r;
    wcls(d, j, &dual);
    rel = rel_word(d, j, j + 1);
    if (rel != 2) {
        /* العامين الماضي والحالي: two years, left to the year words */
        if (dual == 2)
            return 0;
        r = new_res(f, j);
        r->gran = MARSAD_GRAN_YEAR;
        r->flags = MARSAD_DATE_RELATIVE;
        r->y = (long)d->year + rel;
        r->e = j + 2;
        /* العام الماضي 2017: the year said in digits */
        v = digits_at(d, j + 2, &nd);
        if (in_sent(d, j, j + 2) && nd == 4 && v >= 1000 && v <= 2100 &&
            year_mark(d, j, j + 3) != 2) {
            r->flags = 0;
            r->y = v;
            r->e = j + 3 + (year_mark(d, j, j + 3) == 1);
        }
        f->n++;
        f->end = r->e;
        return 1;
    }
    return m_year(d, j, j + 1, 1, f);
}

/* هذا العام، هذه السنة، هذا الشهر. */
static int m_this(const mf_doc *d, size_t j, found *f)
{
    int c = cls_at(d, j, j + 1, NULL);
    dres *r;
    if (c != W_YEARKW && c != W_MONTHKW)
        return 0;
    if (d->tok[j + 1].enclitic || d->tok[j + 1].pro)
        return 0;
    r = new_res(f, j);
    r->flags = MARSAD_DATE_RELATIVE;
    r->y = d->year;
    r->m = d->month;
    r->gran = c == W_YEARKW ? MARSAD_GRAN_YEAR : MARSAD_GRAN_MONTH;
    r->e = j + 2;
    f->n++;
    f->end = r->e;
    return 1;
}

/* شهر يناير، الشهر الماضي، الشهر المقبل، الشهر الجاري. */
static int m_monthkw(const mf_doc *d, size_t j, found *f)
{
    int rel;
    dres *r;
    if (m_month(d, j, j + 1, 1, f))
        return 1;
    rel = rel_word(d, j, j + 1);
    if (rel == 2)
        return 0;
    r = new_res(f, j);
    r->gran = MARSAD_GRAN_MONTH;
    r->flags = MARSAD_DATE_RELATIVE;
    r->y = d->year;
    r->m = d->month + rel;
    if (r->m < 1) {
        r->m = 12;
        r->y--;
    } else if (r->m > 12) {
        r->m = 1;
        r->y++;
    }
    r->e = j + 2;
    f->n++;
    f->end = r->e;
    return 1;
}

/* ------------------------------------------------------------ walk */

/* The dates starting at token i; their count (0 if none). */
static int match_at(const mf_doc *d, size_t i, found *f)
{
    const mf_tok *t = &d->tok[i];
    int c;

    f->n = 0;
    f->end = i + 1;
    if (t->type == MARSAD_TOKEN_NUMBER)
        return m_number(d, i, f);
    if (t->type != MARSAD_TOKEN_ARABIC)
        return 0;
    c = wcls(d, i, NULL);
    switch (c) {
    case W_MONTH:
    case W_MONTH_AMB:
    case W_MONTH_PREP:
    case W_KANUN:
    case W_TISHRIN:
    case W_HMONTH:
    case W_RABI:
    case W_JUMADA:
    case W_DHU:
        return m_month(d, i, i, 0, f);
    case W_WEEKDAY:
        return m_weekday(d, i, i, -9, f);
    case W_YESTERDAY:
    case W_TOMORROW:
    case W_TODAY:
    case W_AFTER:
        return m_relday(d, i, i, 0, f);
    case W_FIRST:
        return m_relday(d, i, i, 0, f) || m_day_month(d, i, i, f);
    case W_YAWM:
        if (t->enclitic)
            return 0;
        c = cls_at(d, i, i + 1, NULL);
        if (c == W_WEEKDAY)
            return m_weekday(d, i, i + 1, -9, f);
        if (c == W_YESTERDAY || c == W_GHAD || c == W_TOMORROW)
            return m_relday(d, i, i + 1, 1, f);
        if (in_sent(d, i, i + 1) &&
            d->tok[i + 1].type == MARSAD_TOKEN_NUMBER)
            return m_numeric(d, i, i + 1, f) || m_day_month(d, i, i + 1, f);
        return 0;
    case W_DAYPART:
        /* صباح اليوم، مساء غد: the day, without the time of day */
        c = cls_at(d, i, i + 1, NULL);
        if (c == W_TODAY || c == W_GHAD || c == W_YESTERDAY ||
            c == W_TOMORROW)
            return m_relday(d, i + 1, i + 1, 1, f);
        if (c == W_YAWM && i + 2 < d->n) {
            c = cls_at(d, i, i + 2, NULL);
            if (c == W_YESTERDAY || c == W_GHAD || c == W_TOMORROW)
                return m_relday(d, i + 1, i + 2, 1, f);
        }
        return 0;
    case W_YEARKW:
        return m_yearkw(d, i, f);
    case W_MONTHKW:
        return m_monthkw(d, i, f);
    case W_THIS:
        return m_this(d, i, f);
    case W_CENTURY:
        return m_century(d, i, f);
    case W_DECADE:
        return m_decade(d, i, f);
    default:
        /* الخامس من يناير */
        if (c == W_ORD || c == W_ORD1 || c == W_TENS)
            return m_day_month(d, i, i, f);
        return 0;
    }
}

int mf_dates(const mf_doc *d, mf_sink *out)
{
    size_t i = 0;
    found f;

    if (!d || !out)
        return 0;
    f.ctx_y = 0;
    f.ctx_m = 0;
    while (i < d->n) {
        if (match_at(d, i, &f) && f.n > 0) {
            for (int k = 0; k < f.n; k++) {
                int rc = emit(d, out, &f.r[k]);
                if (rc)
                    return rc;
                if ((f.r[k].gran == MARSAD_GRAN_DAY ||
                     f.r[k].gran == MARSAD_GRAN_MONTH) &&
                    f.r[k].m >= 1 && f.r[k].m <= 12 && f.r[k].y != 0) {
                    f.ctx_y = f.r[k].y;
                    f.ctx_m = f.r[k].m;
                }
            }
            i = f.end > i ? f.end : i + 1;
        } else
            i++;
    }
    return 0;
}
