/* date_words.c - the words of the date grammar.
 *
 * Month and weekday names come from ICU's resource bundles for every
 * Arabic locale (Gregorian and Islamic calendars); the lists below add what
 * ICU does not have: press variants, spelling variants, ordinals, and the
 * nouns and particles around a date.  Every word is folded like a token
 * key (normalize.c), so the patterns match doc.norm directly.  The first
 * word of each also gets first-token classes (C_*) in a small hash table. */
#include "dates_impl.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

/* ---- folded word lists ---- */

/* Folds every non-ASCII code point of s as token keys are folded; ASCII
 * (regex syntax) stays.  Returns the length written (cap > 0). */
size_t dates_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp, f;
        int valid;
        i += text_decode((const unsigned char *)s + i, n - i, &cp, &valid);
        f = cp < 0x80 ? cp : text_fold(cp);
        if (f && o + 4 < cap)
            o += text_encode(f, out + o);
    }
    out[o] = '\0';
    return o;
}

static int dw_add(dwords *l, const char *word, int num)
{
    char key[DW_KEY_MAX];
    if (dates_fold(word, strlen(word), key, sizeof key) == 0)
        return 0;
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].key, key))
            return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        dword *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    memcpy(l->v[l->n].key, key, strlen(key) + 1);
    l->v[l->n++].num = num;
    return 0;
}

/* Does key (words separated by ' ') equal s[0, n) (by ' ' or 0x1f)? */
static int key_eq(const char *key, const char *s, size_t n)
{
    size_t i = 0;
    for (; i < n && key[i]; i++)
        if (key[i] != s[i] && !(key[i] == ' ' && s[i] == DOC_SEP_NONE))
            return 0;
    return i == n && !key[i];
}

int dates_word_num(const dates *dt, list_id l, const char *s, size_t n)
{
    const dwords *w = &dt->list[l];
    for (size_t i = 0; i < w->n; i++)
        if (key_eq(w->v[i].key, s, n))
            return w->v[i].num;
    return -1;
}

int dates_word_in(const dates *dt, list_id l, const char *s, size_t n)
{
    return dates_word_num(dt, l, s, n) >= 0;
}

/* ---- the words ICU does not have ---- */

typedef struct {
    const char *word;
    int num;
} word_num;

static const word_num extra_months[] = {
    {"إبريل", 4}, {"ابريل", 4}, {"يونيه", 6}, {"يوليه", 7}, {"أغسطس", 8},
    {"مايس", 5}, {"كانون 1", 12}, {"كانون 2", 1}, {"تشرين 1", 10},
    {"تشرين 2", 11}, {"كانون اول", 12}, {"كانون ثاني", 1},
    {"تشرين اول", 10}, {"تشرين ثاني", 11},
};

static const word_num extra_hmonths[] = {
    {"المحرم", 1}, {"ربيع الثاني", 4}, {"جمادى الأول", 5},
    {"جمادى الثانية", 6}, {"جمادى الآخر", 6}, {"جمادى الثاني", 6},
    {"ذي القعدة", 11}, {"ذا القعدة", 11}, {"ذي الحجة", 12}, {"ذا الحجة", 12},
};

static const word_num rel_words[] = {
    {"الماضي", REL_PAST}, {"الماضية", REL_PAST}, {"المنصرم", REL_PAST},
    {"المنصرمة", REL_PAST}, {"الفائت", REL_PAST}, {"الفائتة", REL_PAST},
    {"السابق", REL_PAST}, {"السابقة", REL_PAST}, {"المنقضي", REL_PAST},
    {"المقبل", REL_NEXT}, {"المقبلة", REL_NEXT}, {"القادم", REL_NEXT},
    {"القادمة", REL_NEXT}, {"الجاري", REL_THIS}, {"الجارية", REL_THIS},
    {"الحالي", REL_THIS}, {"الحالية", REL_THIS},
};

static const word_num count_words[] = {
    {"ثلاث", 3}, {"ثلاثة", 3}, {"أربع", 4}, {"أربعة", 4}, {"خمس", 5},
    {"خمسة", 5}, {"ست", 6}, {"ستة", 6}, {"سبع", 7}, {"سبعة", 7},
    {"ثماني", 8}, {"ثمانية", 8}, {"ثمان", 8}, {"تسع", 9}, {"تسعة", 9},
    {"عشر", 10}, {"عشرة", 10}, {"عشرين", 20}, {"ثلاثين", 30},
    {"أربعين", 40}, {"خمسين", 50}, {"ستين", 60}, {"سبعين", 70},
    {"ثمانين", 80}, {"تسعين", 90}, {"مئة", 100}, {"مائة", 100},
};

#define CU(unit, implied) ((unit) * 10 + (implied))
static const word_num count_units[] = {
    {"يوم", CU(U_DAY, 1)}, {"يومين", CU(U_DAY, 2)}, {"يومان", CU(U_DAY, 2)},
    {"أيام", CU(U_DAY, 0)}, {"يوما", CU(U_DAY, 0)},
    {"أسبوع", CU(U_WEEK, 1)}, {"أسبوعين", CU(U_WEEK, 2)},
    {"أسابيع", CU(U_WEEK, 0)}, {"أسبوعا", CU(U_WEEK, 0)},
    {"شهر", CU(U_MONTH, 1)}, {"شهرين", CU(U_MONTH, 2)},
    {"أشهر", CU(U_MONTH, 0)}, {"شهور", CU(U_MONTH, 0)},
    {"شهرا", CU(U_MONTH, 0)},
    {"عام", CU(U_YEAR, 1)}, {"عامين", CU(U_YEAR, 2)}, {"أعوام", CU(U_YEAR, 0)},
    {"عاما", CU(U_YEAR, 0)}, {"سنة", CU(U_YEAR, 1)}, {"سنتين", CU(U_YEAR, 2)},
    {"سنوات", CU(U_YEAR, 0)}, {"سنين", CU(U_YEAR, 0)},
    {"عقدين", CU(U_DECADE, 2)},
    {"عقود", CU(U_DECADE, 0)},
    {"قرنين", CU(U_CENTURY, 2)}, {"قرون", CU(U_CENTURY, 0)},
};

static const word_num period_units[] = {
    {"الأسبوع", U_WEEK}, {"الشهر", U_MONTH}, {"العام", U_YEAR},
    {"السنة", U_YEAR}, {"العقد", U_DECADE}, {"القرن", U_CENTURY},
};

static const word_num seasons[] = {
    {"ربيع", 1}, {"الربيع", 1}, {"صيف", 2}, {"الصيف", 2}, {"خريف", 3},
    {"الخريف", 3}, {"شتاء", 4}, {"الشتاء", 4},
};

/* Lists without values (num 1). */
static const char *const era_hijri[] = {
    "هـ", "ه", "هجري", "هجرية", "هجريا", "للهجرة", "الهجري", "الهجرية",
};
static const char *const era_greg[] = {
    "م", "ميلادي", "ميلادية", "ميلاديا", "للميلاد", "الميلادي", "الميلادية",
};
static const char *const times_of_day[] = {
    "مساء", "صباح", "ليلة", "ليل", "فجر", "ظهر", "ظهيرة", "عصر", "ضحى",
    "صبيحة", "عشية", "منتصف ليلة", "منتصف نهار", "نهار",
};
static const char *const modifiers[] = {
    "مطلع", "أوائل", "أواخر", "بداية", "بدايات", "نهاية", "نهايات",
    "منتصف", "أواسط", "مستهل", "مطالع", "آخر", "ختام", "حلول",
};
static const char *const prepositions[] = {
    "في", "منذ", "حتى", "قبل", "بعد", "خلال", "من", "بين", "إلى", "طيلة",
    "طوال", "أثناء", "إبان", "لغاية",
};
static const char *const events[] = {
    "حرب", "انتفاضة", "ثورة", "نكبة", "نكسة", "انتخابات", "أحداث",
    "اتفاقية", "اتفاق", "دستور", "موازنة", "ميزانية", "مونديال", "كأس",
    "أولمبياد", "أولمبياد", "بطولة", "مؤتمر", "قمة", "معاهدة", "عدوان",
    "اجتياح", "غزو", "زلزال", "فيضان", "فيضانات", "إحصاء", "تعداد", "رؤية",
    "خطة", "أزمة", "انقلاب", "مجزرة", "مذبحة", "موسم", "هزيمة", "دورة",
    "احتجاجات", "مظاهرات", "استفتاء", "إضراب", "حراك", "هبة", "مجاعة",
    "جائزة", "نسخة", "طبعة", "إعلان", "ميثاق", "مسيرة",
};
static const char *const count_nouns[] = {
    "ألف", "آلاف", "الف", "مليون", "ملايين", "مليار", "مليارات", "دولار",
    "دولارا", "يورو", "جنيه", "جنيها", "ريال", "ريالا", "درهم", "درهما",
    "دينار", "دينارا", "ليرة", "شخص", "شخصا", "أشخاص", "قتيل", "قتيلا",
    "قتلى", "جريح", "جريحا", "جرحى", "كيلومتر", "كيلومترا", "كلم", "كم",
    "متر", "مترا", "طن", "طنا", "برميل", "عام", "عاما", "سنة", "سنوات",
    "يوم", "يوما", "أيام", "ساعة", "ساعات", "دقيقة", "مرة", "مرات", "نسمة",
    "مواطن", "مواطنا", "لاجئ", "لاجئا", "جندي", "جنديا", "طفل", "طفلا",
    "امرأة", "عنصر", "عنصرا", "مقاتل", "مقاتلا", "منزل", "منزلا", "صاروخ",
    "صاروخا", "موظف", "موظفا", "عامل", "عاملا", "طالب", "طالبا", "حالة",
    "إصابة", "وفاة", "معتقل", "معتقلا", "أسير", "أسيرا", "سجين", "سجينا",
    "هكتار", "دونم", "دونما", "نقطة", "صوت", "صوتا", "مقعد", "مقعدا",
    "عائلة", "أسرة", "مسلح", "مسلحا", "عسكري", "عسكريا", "ضحية", "مهاجر",
    "مهاجرا", "نازح", "نازحا", "شهيد", "شهيدا", "قرية", "مدرسة", "مستوطن",
    "مستوطنا", "وحدة", "سيارة", "طائرة", "دبابة", "رجل", "رجلا", "نائب",
    "نائبا", "عضو", "عضوا", "مرشح", "مرشحا", "ناخب", "مشارك", "مشاركا",
    "كيلوغرام", "كغ", "غرام", "لتر", "ميغاواط", "ميل", "قدم", "بوصة",
};
static const char *const not_year_before[] = {
    "رقم", "الرقم", "قرار", "القرار", "المادة", "مادة", "البند", "بند",
    "الفقرة", "العدد", "عدد", "الصفحة", "صفحة", "ص", "هاتف", "الهاتف",
    "ت", "القانون", "قانون", "الآية", "آية", "الطريق", "طريق", "مجموع",
};
static const char *const adj_nouns[] = {
    "الأمين", "المدعي", "النائب", "الرأي", "القطاع", "المدير", "المفتش",
    "المراقب", "المرشد", "الإضراب", "العفو", "المال", "النظام", "الصالح",
    "الشأن", "الأمن", "الادعاء", "التعليم", "المؤتمر", "الاتحاد", "النفع",
    "الذوق", "الدين", "الحق", "المجال", "الطابع", "الإطار", "التوجه",
    "الوضع", "المزاج", "الانطباع", "المنسق", "المستشار", "القائد",
    "المسؤول", "الرئيس", "المحامي", "الاستقرار", "المشهد", "الخط", "الاتجاه",
    "الإنفاق", "التمويل", "الدعم", "الموقف", "الجو", "المناخ", "السياق",
    "المقرر", "المفوض", "العمل", "الهدف", "المدعى", "الإجماع",
};

/* Ordinal words 1-31 for days (and centuries): الأول ... الحادي والثلاثين. */
static int add_ordinals(dwords *l)
{
    static const char *const unit[] = {
        "", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس",
        "السابع", "الثامن", "التاسع",
    };
    static const char *const tens[][2] = {
        {"العشرين", "العشرون"}, {"الثلاثين", "الثلاثون"},
    };
    char buf[DW_KEY_MAX * 2];
    int rc = dw_add(l, "العاشر", 10);
    for (int i = 1; i <= 9 && rc == 0; i++) {
        const char *u = i == 1 ? "الحادي" : unit[i];
        snprintf(buf, sizeof buf, "%s عشر", u);
        rc |= dw_add(l, unit[i], i) | dw_add(l, buf, 10 + i);
        for (int t = 0; t < 2 && rc == 0; t++)
            for (int f = 0; f < 2 && (t == 0 || i == 1); f++) {
                snprintf(buf, sizeof buf, "%s و%s", u, tens[t][f]);
                rc |= dw_add(l, buf, 20 + 10 * t + i);
                if (i == 1) {
                    snprintf(buf, sizeof buf, "الواحد و%s", tens[t][f]);
                    rc |= dw_add(l, buf, 20 + 10 * t + 1);
                }
            }
    }
    for (int t = 0; t < 2 && rc == 0; t++)
        rc |= dw_add(l, tens[t][0], 20 + 10 * t) |
              dw_add(l, tens[t][1], 20 + 10 * t);
    return rc;
}

/* الثمانينيات، الثمانينات، ثمانينيات ... */
static int add_decades(dwords *l)
{
    static const char *const tens[] = {
        "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين",
        "تسعين",
    };
    char buf[DW_KEY_MAX * 2];
    int rc = 0;
    for (int i = 0; i < 8; i++)
        for (int art = 0; art < 2; art++)
            for (int s = 0; s < 2; s++) {
                snprintf(buf, sizeof buf, "%s%s%s", art ? "ال" : "", tens[i],
                         s ? "ات" : "يات");
                rc |= dw_add(l, buf, i + 2);
            }
    return rc;
}

static int add_pairs(dwords *l, const word_num *w, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        rc |= dw_add(l, w[i].word, w[i].num);
    return rc;
}

static int add_words(dwords *l, const char *const *w, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        rc |= dw_add(l, w[i], 1);
    return rc;
}

#define N(a) (sizeof a / sizeof *a)

static int add_typed_lists(dates *dt)
{
    dwords *L = dt->list;
    return add_pairs(&L[L_MON], extra_months, N(extra_months)) |
           add_pairs(&L[L_HMON], extra_hmonths, N(extra_hmonths)) |
           add_ordinals(&L[L_ORD]) | add_decades(&L[L_DEC]) |
           add_pairs(&L[L_REL], rel_words, N(rel_words)) |
           add_pairs(&L[L_CNT], count_words, N(count_words)) |
           add_pairs(&L[L_CUNIT], count_units, N(count_units)) |
           add_pairs(&L[L_PUNIT], period_units, N(period_units)) |
           add_pairs(&L[L_SEASON], seasons, N(seasons)) |
           add_words(&L[L_ERAH], era_hijri, N(era_hijri)) |
           add_words(&L[L_ERAG], era_greg, N(era_greg)) |
           add_words(&L[L_TOD], times_of_day, N(times_of_day)) |
           add_words(&L[L_MOD], modifiers, N(modifiers)) |
           add_words(&L[L_PREP], prepositions, N(prepositions)) |
           add_words(&L[L_EVENT], events, N(events)) |
           add_words(&L[L_COUNTN], count_nouns, N(count_nouns)) |
           add_words(&L[L_NOTYEAR], not_year_before, N(not_year_before)) |
           add_words(&L[L_ADJNOUN], adj_nouns, N(adj_nouns));
}

/* ---- names from ICU ---- */

/* calendar/<cal>/<names>/<context>/wide of a locale, or NULL. */
static UResourceBundle *open_series(const char *loc, const char *cal,
                                    const char *names, const char *context)
{
    const char *path[] = {"calendar", cal, names, context, "wide"};
    UErrorCode st = U_ZERO_ERROR;
    UResourceBundle *r = ures_openDirect(NULL, loc, &st);
    for (size_t i = 0; i < 5 && U_SUCCESS(st); i++) {
        UResourceBundle *child = ures_getByKey(r, path[i], NULL, &st);
        ures_close(r);
        r = child;
    }
    if (U_FAILURE(st)) {
        ures_close(r);
        return NULL;
    }
    return r;
}

/* Adds one name series; ICU's weekdays start on Sunday. */
static int icu_series(dwords *l, const char *loc, const char *cal,
                      const char *names, const char *context)
{
    int weekdays = !strcmp(names, "dayNames"), rc = 0;
    UResourceBundle *r = open_series(loc, cal, names, context);
    int32_t count = r ? ures_getSize(r) : 0;
    for (int32_t i = 0; i < count && i < (weekdays ? 7 : 12) && rc == 0; i++) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t len;
        char s[DW_KEY_MAX * 2];
        const UChar *u = ures_getStringByIndex(r, i, &len, &st);
        if (U_SUCCESS(st))
            u_strToUTF8(s, sizeof s, NULL, u, len, &st);
        if (U_SUCCESS(st))
            rc = dw_add(l, s, weekdays ? (i == 0 ? 7 : i) : i + 1);
    }
    ures_close(r);
    return rc;
}

static const char *const locales[] = {
    "ar", "ar_EG", "ar_SA", "ar_AE", "ar_IQ", "ar_SY", "ar_LB", "ar_JO",
    "ar_PS", "ar_MA", "ar_DZ", "ar_TN", "ar_LY", "ar_MR", "ar_SD", "ar_YE",
};

static alam_status load_icu_names(dates *dt, alam_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < N(locales) && rc == 0; i++) {
        rc |= icu_series(&dt->list[L_MON], locales[i], "gregorian",
                         "monthNames", "format");
        rc |= icu_series(&dt->list[L_MON], locales[i], "gregorian",
                         "monthNames", "stand-alone");
        rc |= icu_series(&dt->list[L_HMON], locales[i], "islamic",
                         "monthNames", "format");
        rc |= icu_series(&dt->list[L_WD], locales[i], "gregorian",
                         "dayNames", "format");
    }
    if (rc) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return err->status = ALAM_ERR_NOMEM;
    }
    if (dt->list[L_MON].n < 12 || dt->list[L_HMON].n < 12 ||
        dt->list[L_WD].n < 7) {
        snprintf(err->message, sizeof err->message,
                 "ICU has no Arabic month or weekday names");
        return err->status = ALAM_ERR_DATA;
    }
    return ALAM_OK;
}

/* ---- first-token classes ---- */

/* Eight bytes at a time (text.h): every token near a date trigger looks
 * its readings up here. */
static size_t hash_key(const char *s, size_t n)
{
    return text_hash(s, n);
}

/* The filter bit of hash h: bits the slot index does not use. */
static size_t filter_bit(size_t h)
{
    return (h >> 20) & (DATE_FILTER_BITS - 1);
}

uint32_t dates_word_classes(const dates *dt, const char *s, size_t n)
{
    size_t mask = dt->n_slots - 1, h = hash_key(s, n), b = filter_bit(h);
    if (!(dt->filter[b / 64] >> (b % 64) & 1))
        return 0;
    for (size_t i = h & mask; dt->slots[i].key;
         i = (i + 1) & mask)
        if (dt->slots[i].len == n && text_same(dt->slots[i].key, s, n))
            return dt->slots[i].classes;
    return 0;
}

/* Gives the first word of key (up to a space) the classes cls. */
static int add_class(dates *dt, const char *key, uint32_t cls)
{
    size_t n = strcspn(key, " "), mask = dt->n_slots - 1, i;
    size_t h = hash_key(key, n), b = filter_bit(h);
    dt->filter[b / 64] |= 1ull << (b % 64);
    for (i = h & mask; dt->slots[i].key; i = (i + 1) & mask)
        if (dt->slots[i].len == n && !memcmp(dt->slots[i].key, key, n)) {
            dt->slots[i].classes |= cls;
            return 0;
        }
    if (!(dt->slots[i].key = malloc(n + 1)))
        return -1;
    memcpy(dt->slots[i].key, key, n);
    dt->slots[i].key[n] = '\0';
    dt->slots[i].len = n;
    dt->slots[i].classes = cls;
    return 0;
}

static int add_class_words(dates *dt, const char *const *w, size_t n,
                           uint32_t cls)
{
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char key[DW_KEY_MAX];
        dates_fold(w[i], strlen(w[i]), key, sizeof key);
        rc = add_class(dt, key, cls);
    }
    return rc;
}

static int build_classes(dates *dt)
{
    static const struct { list_id l; uint32_t cls; } from_lists[] = {
        {L_MON, C_MON}, {L_HMON, C_HMON}, {L_WD, C_WD}, {L_ORD, C_ORD},
        {L_TOD, C_TOD}, {L_MOD, C_MOD}, {L_PREP, C_PREP}, {L_EVENT, C_EVENT},
        {L_DEC, C_DEC}, {L_SEASON, C_SEASON}, {L_PUNIT, C_PUNIT},
        {L_CNT, C_CNT}, {L_CUNIT, C_CUNIT},
    };
    static const char *const yawm[] = {"يوم", "يومي", "اليوم"};
    static const char *const sana[] = {
        "عام", "العام", "سنة", "السنة", "عامي", "سنتي", "الأعوام", "السنوات",
        "العامين", "السنتين",
    };
    static const char *const shahr[] = {"شهر", "الشهر", "شهري"};
    static const char *const plur[] = {
        "الأيام", "الأسابيع", "الأشهر", "الشهور", "الأعوام", "السنوات",
        "السنين", "العقود",
    };
    static const char *const from[] = {"من", "بين"};
    static const char *const ago[] = {"قبل", "منذ", "بعد"};
    static const char *const relday[] = {"أمس", "الأمس", "غدا", "أول", "بعد"};
    static const char *const first_day[] = {"غرة"};
    static const char *const this_[] = {"هذا", "هذه"};
    static const char *const events_al[] = {"ال"};   /* الـ21 */
    size_t words = 64;
    for (size_t i = 0; i < L_N; i++)
        words += dt->list[i].n;
    for (dt->n_slots = 64; dt->n_slots < 2 * words; dt->n_slots *= 2)
        ;
    if (!(dt->slots = calloc(dt->n_slots, sizeof *dt->slots))) {
        dt->n_slots = 0;
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < N(from_lists); i++) {
        const dwords *l = &dt->list[from_lists[i].l];
        for (size_t k = 0; k < l->n && rc == 0; k++)
            rc = add_class(dt, l->v[k].key, from_lists[i].cls);
    }
    return rc | add_class_words(dt, yawm, N(yawm), C_YAWM) |
           add_class_words(dt, sana, N(sana), C_SANA) |
           add_class_words(dt, shahr, N(shahr), C_SHAHR) |
           add_class_words(dt, plur, N(plur), C_PLUR) |
           add_class_words(dt, from, N(from), C_FROM) |
           add_class_words(dt, ago, N(ago), C_AGO) |
           add_class_words(dt, (const char *const[]){"عقد"}, 1, C_AQD) |
           add_class_words(dt, (const char *const[]){"قرن", "القرن"}, 2,
                           C_QARN) |
           add_class_words(dt, (const char *const[]){"تاريخ"}, 1, C_TARIKH) |
           add_class_words(dt, relday, N(relday), C_RELDAY) |
           add_class_words(dt, first_day, N(first_day), C_ORD) |
           add_class_words(dt, this_, N(this_), C_THIS) |
           add_class_words(dt, events_al, N(events_al), C_NUM12);
}

alam_status dates_words_build(dates *dt, alam_error *err)
{
    alam_status st = load_icu_names(dt, err);
    if (st == ALAM_OK && (add_typed_lists(dt) != 0 || build_classes(dt) != 0)) {
        snprintf(err->message, sizeof err->message, "out of memory");
        st = err->status = ALAM_ERR_NOMEM;
    }
    return st;
}

void dates_words_free(dates *dt)
{
    for (size_t i = 0; i < dt->n_slots; i++)
        free(dt->slots[i].key);
    free(dt->slots);
    for (size_t i = 0; i < L_N; i++)
        free(dt->list[i].v);
}
