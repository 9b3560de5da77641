/* date_values.c - date_parts -> ISO 8601 / TIMEX3 value.
 *
 * Day counts are days since 1970-01-01 in the proleptic Gregorian
 * calendar.  Hijri dates go through ICU's Islamic calendars (Umm al-Qura,
 * or the tabular civil one), opened per conversion: they are rare, and a
 * UCalendar is not to be shared between threads. */
#include "date_values.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>

#define DAY_MS 86400000.0

/* The reference date, when the caller gave one. */
typedef struct {
    int ok;
    long days;
    int y, m, d;
    int civil;          /* tabular Islamic calendar instead of Umm al-Qura */
} ref_date;

/* ---- Gregorian arithmetic ---- */

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int month_days(int y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : md[m - 1];
}

/* Monday = 1 ... Sunday = 7; 1970-01-01 was a Thursday. */
static int weekday_of(long days)
{
    return (int)(((days % 7) + 7 + 3) % 7) + 1;
}

static ref_date get_ref(const alam_options *o)
{
    ref_date r = {0};
    r.civil = o && o->hijri_civil;
    if (!o || o->ref_year < 1 || o->ref_month < 1 || o->ref_month > 12 ||
        o->ref_day < 1 || o->ref_day > month_days(o->ref_year, o->ref_month))
        return r;
    r.ok = 1;
    r.y = o->ref_year;
    r.m = o->ref_month;
    r.d = o->ref_day;
    r.days = days_from_civil(r.y, r.m, r.d);
    return r;
}

/* ---- Hijri through ICU ---- */

static UCalendar *islamic_open(int civil)
{
    static const UChar utc[] = {'U', 'T', 'C', 0};
    UErrorCode st = U_ZERO_ERROR;
    UCalendar *c = ucal_open(utc, -1,
                             civil ? "ar@calendar=islamic-civil"
                                   : "ar@calendar=islamic-umalqura",
                             UCAL_DEFAULT, &st);
    if (U_FAILURE(st)) {
        if (c)
            ucal_close(c);
        return NULL;
    }
    ucal_setAttribute(c, UCAL_LENIENT, 0);
    return c;
}

/* Days of Hijri y-m-d; 0 when ICU has no such day (30 of a short month). */
static int hijri_to_days(int y, int m, int d, int civil, long *out)
{
    UCalendar *c = islamic_open(civil);
    if (!c)
        return 0;
    UErrorCode st = U_ZERO_ERROR;
    ucal_clear(c);
    ucal_set(c, UCAL_ERA, 0);
    ucal_set(c, UCAL_YEAR, y);
    ucal_set(c, UCAL_MONTH, m - 1);
    ucal_set(c, UCAL_DATE, d);
    UDate ms = ucal_getMillis(c, &st);
    ucal_close(c);
    if (U_FAILURE(st))
        return 0;
    long days = (long)(ms / DAY_MS);
    *out = (double)days * DAY_MS > ms ? days - 1 : days;   /* floor */
    return 1;
}

static int hijri_from_days(long days, int civil, int *y, int *m, int *d)
{
    UCalendar *c = islamic_open(civil);
    if (!c)
        return 0;
    UErrorCode st = U_ZERO_ERROR;
    ucal_setMillis(c, (UDate)days * DAY_MS, &st);
    *y = ucal_get(c, UCAL_YEAR, &st);
    *m = ucal_get(c, UCAL_MONTH, &st) + 1;
    *d = ucal_get(c, UCAL_DATE, &st);
    ucal_close(c);
    return U_SUCCESS(st);
}

/* ---- validity ---- */

static int valid_date(const date_parts *p)
{
    int ymin = p->hijri ? 1 : 1000, ymax = p->hijri ? 1700 : 2999;
    if (p->year && (p->year < ymin || p->year > ymax))
        return 0;
    if (p->mon && (p->mon < 1 || p->mon > 12))
        return 0;
    if (p->day) {
        if (p->day < 1 || p->day > 31 || (!p->mon && !p->cur_month))
            return 0;
        if (p->mon && p->day > (p->hijri ? 30
                                : month_days(p->year ? p->year : 2000, p->mon)))
            return 0;
    }
    return p->year || p->mon || p->day;
}

int date_parts_valid(date_kind k, const date_parts *p)
{
    switch (k) {
    case DK_DATE:
        return valid_date(p);
    case DK_WEEKDAY:
        return p->wd >= 1 && p->wd <= 7;
    case DK_RELDAY:
        return p->count >= -2 && p->count <= 2;
    case DK_PERIOD:
        return p->unit != U_NONE || p->vague;
    case DK_AGO:
        return p->unit != U_NONE && p->count != 0 && p->count >= -1000 &&
               p->count <= 1000;
    case DK_DECADE:
        return p->decade >= 1 && p->decade <= 9 && p->century >= 0 &&
               p->century <= 30;
    case DK_CENTURY:
        return p->century >= 1 && p->century <= 30;
    case DK_SEASON:
        return p->season >= 1 && p->season <= 4 &&
               (!p->year || (p->year >= 1000 && p->year <= 2999));
    }
    return 0;
}

/* ---- resolving a date without a year ---- */

/* A comparable position of (month, day) in year y; day 0 = whole month. */
static long position(int y, int m, int d)
{
    return ((long)y * 12 + (m - 1)) * 32 + d;
}

/* The year of month m (day d, 0 for the whole month) seen from the
 * reference position (ry, rm, rd): the nearest one, or the last before /
 * the first after it when rel says so. */
static int pick_year(int m, int d, int ry, int rm, int rd, int rel)
{
    long ref = position(ry, rm, d ? rd : 0);
    if (rel == REL_THIS)
        return ry;
    if (rel == REL_PAST)
        return position(ry, m, d) < ref ? ry : ry - 1;
    if (rel == REL_NEXT)
        return position(ry, m, d) > ref ? ry : ry + 1;
    int best = ry - 1;
    long best_dist = ref - position(ry - 1, m, d);
    for (int y = ry; y <= ry + 1; y++) {
        long dist = labs(position(y, m, d) - ref);
        if (dist < best_dist) {
            best = y;
            best_dist = dist;
        }
    }
    return best;
}

/* Gives p a year from the reference date when it has a month but none. */
static int resolve_year(date_parts *p, const ref_date *r)
{
    int ry = r->y, rm = r->m, rd = r->d;
    if (p->year || !p->mon || !r->ok)
        return 1;
    if (p->hijri && !hijri_from_days(r->days, r->civil, &ry, &rm, &rd))
        return 0;
    p->year = pick_year(p->mon, p->day, ry, rm, rd, p->rel);
    return 1;
}

/* ---- writing values ---- */

static void put_days(char *out, size_t cap, long days)
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
}

/* The day of "the current / last / next month". */
static int fmt_cur_month(char *out, size_t cap, const date_parts *p,
                         const ref_date *r)
{
    if (!r->ok) {
        snprintf(out, cap, "XXXX-XX-%02d", p->day);
        return 1;
    }
    int off = p->rel == REL_PAST ? -1 : p->rel == REL_NEXT ? 1 : 0;
    int idx = r->y * 12 + (r->m - 1) + off, y = idx / 12, m = idx % 12 + 1;
    if (p->day > month_days(y, m))
        return 0;
    snprintf(out, cap, "%04d-%02d-%02d", y, m, p->day);
    return 1;
}

static int fmt_date(char *out, size_t cap, date_parts p, const ref_date *r,
                    const char **cal)
{
    *cal = NULL;
    if (p.cur_month)
        return fmt_cur_month(out, cap, &p, r);
    if (!resolve_year(&p, r))
        return 0;
    if (p.hijri && p.day && p.year) {      /* to the Gregorian day */
        long days;
        if (!hijri_to_days(p.year, p.mon, p.day, r->civil, &days))
            return 0;
        put_days(out, cap, days);
        return 1;
    }
    if (p.hijri)
        *cal = "islamic";
    char y[8] = "XXXX";
    if (p.year)
        snprintf(y, sizeof y, "%04d", p.year);
    if (p.day)
        snprintf(out, cap, "%s-%02d-%02d", y, p.mon, p.day);
    else if (p.mon)
        snprintf(out, cap, "%s-%02d", y, p.mon);
    else
        snprintf(out, cap, "%s", y);
    return !p.year || p.hijri || p.day <= month_days(p.year, p.mon ? p.mon : 1);
}

static int fmt_weekday(char *out, size_t cap, const date_parts *p,
                       const ref_date *r)
{
    if (!r->ok) {
        snprintf(out, cap, "XXXX-WXX-%d", p->wd);
        return 1;
    }
    int wr = weekday_of(r->days);
    int back = (wr - p->wd + 7) % 7, ahead = (p->wd - wr + 7) % 7;
    long day = r->days - back;                   /* at or before */
    if (p->rel == REL_PAST)
        day = r->days - (back ? back : 7);
    else if (p->rel == REL_NEXT)
        day = r->days + (ahead ? ahead : 7);
    put_days(out, cap, day);
    return 1;
}

static void fmt_week(char *out, size_t cap, long days)
{
    long thu = days - weekday_of(days) + 4;      /* ISO weeks: by Thursday */
    int y, m, d;
    civil_from_days(thu, &y, &m, &d);
    long week = (thu - days_from_civil(y, 1, 1)) / 7 + 1;
    snprintf(out, cap, "%04d-W%02ld", y, week);
}

/* The reference date moved by off units, at that unit's granularity. */
static void fmt_shift(char *out, size_t cap, int unit, int off,
                      const ref_date *r)
{
    static const char *const unknown[] = {"XXXX", "XXXX-XX-XX", "XXXX-WXX",
                                          "XXXX-XX", "XXXX", "XXXX", "XXXX"};
    if (!r->ok) {
        snprintf(out, cap, "%s", unknown[unit]);
        return;
    }
    int idx = r->y * 12 + (r->m - 1) + off;
    switch (unit) {
    case U_DAY: put_days(out, cap, r->days + off); break;
    case U_WEEK: fmt_week(out, cap, r->days + 7L * off); break;
    case U_MONTH: snprintf(out, cap, "%04d-%02d", idx / 12, idx % 12 + 1); break;
    case U_YEAR: snprintf(out, cap, "%04d", r->y + off); break;
    case U_DECADE: snprintf(out, cap, "%03dX", r->y / 10 + off); break;
    default: snprintf(out, cap, "%02dXX", r->y / 100 + off); break;
    }
}

static int rel_offset(int rel)
{
    return rel == REL_PAST ? -1 : rel == REL_NEXT ? 1 : 0;
}

/* The 1-based century of a decade: named, relative, else the 20th. */
static int decade_century(const date_parts *p, const ref_date *r)
{
    if (p->century)
        return p->century;
    if (p->rel != REL_NONE)
        return (r->ok ? r->y / 100 + 1 : 21) + rel_offset(p->rel);
    return p->hijri ? 14 : 20;
}

static int fmt_season(char *out, size_t cap, const date_parts *p,
                      const ref_date *r)
{
    static const char *const code[] = {"", "SP", "SU", "FA", "WI"};
    if (p->year)
        snprintf(out, cap, "%04d-%s", p->year, code[p->season]);
    else if (r->ok && p->rel != REL_NONE)
        snprintf(out, cap, "%04d-%s", r->y + rel_offset(p->rel),
                 code[p->season]);
    else
        snprintf(out, cap, "XXXX-%s", code[p->season]);
    return 1;
}

static int fmt_one(date_kind k, const date_parts *p, const ref_date *r,
                   char *out, size_t cap, const char **cal)
{
    *cal = NULL;
    switch (k) {
    case DK_DATE:
        return fmt_date(out, cap, *p, r, cal);
    case DK_WEEKDAY:
        return fmt_weekday(out, cap, p, r);
    case DK_RELDAY:
        fmt_shift(out, cap, U_DAY, p->count, r);
        return 1;
    case DK_PERIOD:
        if (p->vague)
            snprintf(out, cap, "%s", p->vague < 0 ? "PAST_REF" : "FUTURE_REF");
        else
            fmt_shift(out, cap, p->unit, rel_offset(p->rel), r);
        return 1;
    case DK_AGO:
        fmt_shift(out, cap, p->unit, p->count, r);
        return 1;
    case DK_DECADE:
        snprintf(out, cap, "%02d%dX", decade_century(p, r) - 1, p->decade);
        *cal = p->hijri ? "islamic" : NULL;
        return 1;
    case DK_CENTURY:
        snprintf(out, cap, "%02dXX", p->century - 1);
        *cal = p->hijri ? "islamic" : NULL;
        return 1;
    case DK_SEASON:
        return fmt_season(out, cap, p, r);
    }
    return 0;
}

/* ---- intervals ---- */

/* The start of a range borrows what only the end says: 5 - 7 مارس 2021. */
static void fill_start(date_parts *a, date_parts *b, const ref_date *r)
{
    if (!a->mon && a->day && b->mon) {
        a->mon = b->mon;
        a->hijri = b->hijri;
    }
    if (!a->year && b->year && (a->mon || a->day))
        a->year = b->year;
    if (!b->year && a->year && b->mon)
        b->year = a->year;
    if (!a->year && !b->year && a->mon && b->mon && r->ok &&
        resolve_year(b, r)) {
        a->year = b->year;
        if (position(0, a->mon, a->day) > position(0, b->mon, b->day))
            a->year--;
    }
}

int date_value(date_kind k, const date_parts *a, const date_parts *b,
               const alam_options *o, char *out, size_t cap,
               const char **calendar)
{
    ref_date r = get_ref(o);
    if (!b)
        return fmt_one(k, a, &r, out, cap, calendar);
    date_parts pa = *a, pb = *b;
    char va[64], vb[64];
    const char *ca, *cb;
    if (k == DK_DATE)
        fill_start(&pa, &pb, &r);
    if (!fmt_one(k, &pa, &r, va, sizeof va, &ca) ||
        !fmt_one(k, &pb, &r, vb, sizeof vb, &cb))
        return 0;
    *calendar = ca && cb ? ca : NULL;
    return snprintf(out, cap, "%s/%s", va, vb) < (int)cap;
}
