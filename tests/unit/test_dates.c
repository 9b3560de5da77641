/* Unit tests: the first-cut date rules, their spans and values. */
#include "check.h"
#include "dates.h"
#include "normalize.h"

#include <stdlib.h>

static doc D;
static dates *DT;
static lexicon *LX;

/* Every date in s as "text=value;..." after resolving overlaps. */
static const char *find(const char *s, const alam_options *o)
{
    static char out[512];
    static unsigned char taken[256];
    cand_list l = {0};
    size_t c, n = 0;
    doc_tokenize(&D, s, 0, strlen(s), 0, &c);
    doc_normalize(&D, s);
    lexicon_lookup(LX, &D);
    dates_scan(DT, LX, &D, s, o, &l);
    resolve(&l, &D, taken);
    out[0] = '\0';
    for (size_t i = 0; i < l.n; i++)
        n += (size_t)snprintf(out + n, sizeof out - n, "%.*s=%s;",
                              (int)(l.v[i].b1 - l.v[i].b0), s + l.v[i].b0,
                              l.v[i].value);
    free(l.v);
    return out;
}

#define DATES(name, text, opts, want)                                         \
    do {                                                                      \
        const char *got_ = find(text, opts);                                  \
        CHECK(name, !strcmp(got_, want));                                     \
        if (strcmp(got_, want))                                               \
            printf("#   got %s\n#  want %s\n", got_, want);                  \
    } while (0)

int main(void)
{
    alam_error err;
    alam_options ref = {2021, 7, 22};   /* a Thursday */
    doc_init(&D);
    LX = lexicon_new();
    CHECK("compile date grammar", dates_new(&DT, LX, &err) == ALAM_OK);
    DATES("day month year", "في 4 مارس 2021 قال", NULL, "4 مارس 2021=2021-03-04;");
    DATES("arabic-indic digits", "٢٣ يوليو ١٩٥٢", NULL, "٢٣ يوليو ١٩٥٢=1952-07-23;");
    DATES("levantine month", "في 5 كانون الثاني 2020", NULL, "5 كانون الثاني 2020=2020-01-05;");
    DATES("maghreb month", "يوم 14 جويلية 2019", NULL, "14 جويلية 2019=2019-07-14;");
    DATES("moroccan month", "20 غشت 2018", NULL, "20 غشت 2018=2018-08-20;");
    DATES("press variant", "9 إبريل 2003", NULL, "9 إبريل 2003=2003-04-09;");
    DATES("day and month without year", "في 15 أكتوبر", NULL, "15 أكتوبر=XXXX-10-15;");
    DATES("month and year", "في مارس 2021", NULL, "مارس 2021=2021-03;");
    DATES("numeric d/m/y", "بتاريخ 4/3/2021", NULL, "4/3/2021=2021-03-04;");
    DATES("numeric y-m-d", "2021-03-04", NULL, "2021-03-04=2021-03-04;");
    DATES("numeric d.m.y with arabic digits", "٤.٣.٢٠٢١", NULL, "٤.٣.٢٠٢١=2021-03-04;");
    DATES("impossible day is no date", "31/2/2021", NULL, "");
    DATES("year after عام", "منذ عام 2013", NULL, "عام 2013=2013;");
    DATES("bare year after منذ", "منذ 2016 وقد", NULL, "2016=2016;");
    DATES("bare year alone is no date", "قتل 2016 شخصا", NULL, "");
    DATES("weekday with يوم", "مساء يوم الخميس", NULL, "يوم الخميس=XXXX-WXX-4;");
    DATES("bare weekday", "قالت الثلاثاء إنها", NULL, "الثلاثاء=XXXX-WXX-2;");
    DATES("weekday behind waw", "والأربعاء", NULL, "الأربعاء=XXXX-WXX-3;");
    DATES("weekday resolved at or before the reference", "يوم الخميس", &ref, "يوم الخميس=2021-07-22;");
    DATES("weekday resolved before the reference", "الأحد", &ref, "الأحد=2021-07-18;");
    DATES("أحد meaning one", "أحد المسؤولين", NULL, "");
    DATES("الأحد عشر is a number", "الأحد عشر لاعبا", NULL, "");
    DATES("counts are no dates", "50 ألف رقم و14 رئيس دولة", NULL, "");
    dates_free(DT);
    lexicon_free(LX);
    doc_free(&D);
    CHECK_DONE();
}
