/* date_values.h - what a date expression means, and its ISO 8601 / TIMEX3
 * value.  The grammar (dates.c) fills date_parts from a match; this file
 * checks them, resolves them against a reference date and writes the value.
 * Everything here is pure computation (ICU calendars for the Hijri ones),
 * safe to call from any number of threads. */
#ifndef ALAM_DATE_VALUES_H
#define ALAM_DATE_VALUES_H

#include "alam.h"

/* What kind of expression a candidate is. */
typedef enum {
    DK_DATE = 1,    /* day / month / year, any subset (numeric or named) */
    DK_WEEKDAY,     /* الخميس، يوم الخميس المقبل */
    DK_RELDAY,      /* أمس، اليوم، غدا: offset days from the reference */
    DK_PERIOD,      /* الأسبوع الماضي، هذا العام: unit + relation;
                       السنوات الأخيرة: PAST_REF */
    DK_AGO,         /* (قبل) يومين: count units before or after */
    DK_DECADE,      /* الثمانينيات */
    DK_CENTURY,     /* القرن العشرين */
    DK_SEASON       /* صيف 2019 */
} date_kind;

/* How a word after a date relates it to the reference date. */
enum { REL_NONE = 0, REL_PAST, REL_NEXT, REL_THIS };

/* Units of periods and counts. */
enum { U_NONE = 0, U_DAY, U_WEEK, U_MONTH, U_YEAR, U_DECADE, U_CENTURY };

/* Every field is 0 when absent. */
typedef struct {
    int year, mon, day;
    int hijri;          /* month and year count in the Islamic calendar */
    int rel;            /* REL_* */
    int cur_month;      /* day of "the current / last / next month" */
    int wd;             /* weekday 1-7, Monday = 1 */
    int unit;           /* U_*: DK_PERIOD, DK_AGO */
    int count;          /* DK_RELDAY / DK_AGO: signed offset in units */
    int decade;         /* DK_DECADE: the tens digit, 2-9 */
    int century;        /* DK_DECADE, DK_CENTURY: 1-based century, 0 = default */
    int season;         /* DK_SEASON: 1 spring, 2 summer, 3 autumn, 4 winter */
    int vague;          /* DK_PERIOD: -1 recent past, 1 near future */
} date_parts;

/* Does p hold a possible date (days within months, years in range)?
 * Checked at match time so that an impossible date is no candidate. */
int date_parts_valid(date_kind k, const date_parts *p);

/* Writes the value of the expression into out (cap bytes): one date, or
 * the interval a/b when b is not NULL.  *calendar becomes "islamic" when
 * the value counts in the Hijri calendar, else NULL.  o (may be NULL)
 * gives the reference date and the Hijri variant.  Returns 0 when there
 * is no value after all (a Hijri date ICU cannot convert). */
int date_value(date_kind k, const date_parts *a, const date_parts *b,
               const alam_options *o, char *out, size_t cap,
               const char **calendar);

#endif
