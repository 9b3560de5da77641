/* dates.c - the date grammar, first cut.
 *
 * Each rule is a PCRE2 pattern (JIT-compiled) over doc.norm, where every
 * token is its folded key and tokens are separated by ' ', '\n' or
 * DOC_SEP_NONE.  A rule matches whole tokens: the named group "d" is the
 * entity; what precedes it in the match (a preposition, a proclitic) stays
 * out.  Month and weekday names come from ICU's Arabic locales, folded like
 * every key, plus press variants ICU does not list. */
#include "dates.h"
#include "normalize.h"
#include "text.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#define NAME_MAX_BYTES 64
#define MAX_NAMES 160

typedef struct {
    char key[NAME_MAX_BYTES];   /* folded */
    int num;                    /* month 1-12, weekday 1-7 (Monday = 1) */
} named;

typedef enum {
    R_DMY, R_MY, R_NUM_DMY, R_NUM_YMD, R_YEAR, R_YEAR_PREP, R_WEEKDAY
} rule_kind;

typedef struct {
    rule_kind kind;
    pcre2_code *re;
    int group;                  /* number of the group "d": the entity */
} rule;

#define TRIGGER_BEFORE 2     /* tokens a match may start before its trigger */

struct dates {
    named months[MAX_NAMES];
    size_t n_months;
    named weekdays[16];
    size_t n_weekdays;
    rule rules[8];
    size_t n_rules;
};

/* Press spellings ICU does not list (folded forms are computed). */
static const struct { const char *name; int num; } extra_months[] = {
    {"إبريل", 4}, {"يونيه", 6}, {"يوليه", 7}, {"أغسطس", 8},
};

static void fold_utf8(const char *s, char *out, size_t cap)
{
    size_t n = strlen(s), o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp, f;
        int valid;
        i += text_decode((const unsigned char *)s + i, n - i, &cp, &valid);
        if ((f = text_fold(cp)) && o + 4 < cap)
            o += text_encode(f, out + o);
    }
    out[o] = '\0';
}

static void add_name(named *list, size_t *n, size_t max, const char *s, int num)
{
    char key[NAME_MAX_BYTES];
    fold_utf8(s, key, sizeof key);
    if (!key[0] || *n >= max)
        return;
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(list[i].key, key))
            return;
    strcpy(list[*n].key, key);
    list[*n].num = num;
    ++*n;
}

/* Opens calendar/gregorian/<names>/<context>/wide of a locale's resource
 * bundle; NULL when the locale does not have it (its parent then does). */
static UResourceBundle *open_series(const char *loc, const char *names,
                                    const char *context)
{
    const char *path[] = {"calendar", "gregorian", names, context, "wide"};
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

/* Adds one name series of one locale; weekdays start on Sunday in ICU. */
static void icu_series(dates *dt, const char *loc, const char *names,
                       const char *context)
{
    int weekdays = !strcmp(names, "dayNames");
    UResourceBundle *r = open_series(loc, names, context);
    int32_t count = r ? ures_getSize(r) : 0;
    for (int32_t i = 0; i < count; i++) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t len;
        char s[NAME_MAX_BYTES * 2];
        const UChar *u = ures_getStringByIndex(r, i, &len, &st);
        if (U_SUCCESS(st))
            u_strToUTF8(s, sizeof s, NULL, u, len, &st);
        if (U_FAILURE(st))
            continue;
        if (weekdays && i < 7)
            add_name(dt->weekdays, &dt->n_weekdays, 16, s, i == 0 ? 7 : i);
        else if (!weekdays && i < 12)
            add_name(dt->months, &dt->n_months, MAX_NAMES, s, i + 1);
    }
    ures_close(r);
}

static const char *const locales[] = {
    "ar", "ar_EG", "ar_SA", "ar_AE", "ar_IQ", "ar_SY", "ar_LB", "ar_JO",
    "ar_PS", "ar_MA", "ar_DZ", "ar_TN", "ar_LY", "ar_MR", "ar_SD", "ar_YE",
};

/* Month and weekday names of every Arabic locale, read from ICU's
 * resource bundles (far cheaper than opening a date formatter each). */
static alam_status load_names(dates *dt, alam_error *err)
{
    for (size_t i = 0; i < sizeof locales / sizeof *locales; i++) {
        icu_series(dt, locales[i], "monthNames", "format");
        icu_series(dt, locales[i], "monthNames", "stand-alone");
        icu_series(dt, locales[i], "dayNames", "format");
    }
    if (dt->n_months < 12 || dt->n_weekdays < 7) {
        snprintf(err->message, sizeof err->message,
                 "ICU has no Arabic month or weekday names");
        return err->status = ALAM_ERR_DATA;
    }
    for (size_t i = 0; i < sizeof extra_months / sizeof *extra_months; i++)
        add_name(dt->months, &dt->n_months, MAX_NAMES, extra_months[i].name,
                 extra_months[i].num);
    return ALAM_OK;
}

static int longer_first(const void *pa, const void *pb)
{
    const named *a = pa, *b = pb;
    size_t la = strlen(a->key), lb = strlen(b->key);
    return la != lb ? (la > lb ? -1 : 1) : strcmp(a->key, b->key);
}

/* Appends "(?:k1|k2|...)" of the names (longest first) to buf. */
static void alternation(named *list, size_t n, char *buf, size_t cap)
{
    qsort(list, n, sizeof *list, longer_first);
    strncat(buf, "(?:", cap - strlen(buf) - 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(buf, "|", cap - strlen(buf) - 1);
        strncat(buf, list[i].key, cap - strlen(buf) - 1);
    }
    strncat(buf, ")", cap - strlen(buf) - 1);
}

/* Token boundaries in doc.norm, and an optional و/ف + ب/ل/ك proclitic. */
#define B "(?<=[\\n \\x1f])"
#define E "(?=[\\n \\x1f])"
#define PRO "(?:و|ف)?(?:ب|ل|ك)?"
#define SP "[ \\x1f]"

static alam_status add_rule(dates *dt, rule_kind kind, const char *pat,
                            alam_error *err)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_NO_UTF_CHECK |
                                   PCRE2_ANCHORED, &code,
                                   &off, NULL);
    if (!re) {
        char msg[256];
        pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
        snprintf(err->message, sizeof err->message,
                 "date rule %d, offset %zu: %s", (int)kind, (size_t)off, msg);
        return err->status = ALAM_ERR_REGEX;
    }
    /* The interpreter when JIT is missing, or when ALAM_NO_JIT is set (for
     * valgrind, which cannot follow JIT code's reads). */
    if (!getenv("ALAM_NO_JIT"))
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR)"d");
    if (g <= 0) {
        pcre2_code_free(re);
        snprintf(err->message, sizeof err->message,
                 "date rule %d has no group d", (int)kind);
        return err->status = ALAM_ERR_REGEX;
    }
    dt->rules[dt->n_rules++] = (rule){kind, re, g};
    return ALAM_OK;
}

/* ---- triggers: the regexes run only near tokens a date must contain ---- */

/* Marks the first word of every name, and the calendar nouns. */
static int mark_triggers(const dates *dt, lexicon *lx)
{
    static const char *const nouns[] = {"يوم", "عام", "سنه", "العام", "شهر"};
    int rc = 0;
    for (size_t i = 0; i < dt->n_months && rc == 0; i++)
        rc = lexicon_add_word_class(lx, dt->months[i].key,
                                    strcspn(dt->months[i].key, " "), WORD_DATE);
    for (size_t i = 0; i < dt->n_weekdays && rc == 0; i++)
        rc = lexicon_add_word_class(lx, dt->weekdays[i].key,
                                    strlen(dt->weekdays[i].key), WORD_DATE);
    for (size_t i = 0; i < sizeof nouns / sizeof *nouns && rc == 0; i++)
        rc = lexicon_add_word_class(lx, nouns[i], strlen(nouns[i]), WORD_DATE);
    return rc;
}

/* Does token t hold a number or, under any proclitic analysis, a date word? */
static int token_triggers(const lexicon *lx, const token *t)
{
    if (t->kind == TOK_NUMBER)
        return 1;
    for (size_t a = 0; a < t->n_an; a++)
        if (lexicon_word_class(lx, t->an[a].word) & WORD_DATE)
            return 1;
    return 0;
}

static alam_status compile_rules(dates *dt, alam_error *err)
{
    char mon[8192] = "", wd[1024] = "", pat[12288];
    alternation(dt->months, dt->n_months, mon, sizeof mon);
    alternation(dt->weekdays, dt->n_weekdays, wd, sizeof wd);
    struct { rule_kind k; const char *fmt; const char *arg; } r[] = {
        {R_DMY, B PRO "(?<d>(?<day>[0-9]{1,2})" SP "(?:من" SP ")?(?<mon>%s)"
                "(?:" SP "(?<year>[0-9]{4}))?)" E, mon},
        {R_MY, B PRO "(?<d>(?:شهر" SP ")?(?<mon>%s)" SP "(?<year>[0-9]{4}))" E,
         mon},
        {R_NUM_DMY, B PRO "(?<d>(?<day>[0-9]{1,2})(?<s>[/.-])(?<mon>[0-9]{1,2})"
                    "\\k<s>(?<year>[0-9]{4}))" E "%s", ""},
        {R_NUM_YMD, B PRO "(?<d>(?<year>[0-9]{4})(?<s>[/-])(?<mon>[0-9]{1,2})"
                    "\\k<s>(?<day>[0-9]{1,2}))" E "%s", ""},
        {R_YEAR, B PRO "(?<d>(?:عام|سنه|العام)" SP "(?<year>[0-9]{4}))" E "%s",
         ""},
        {R_YEAR_PREP, B "(?:و|ف)?(?:منذ|في|حتى|قبل|بعد|خلال)" SP
                      "(?<d>(?<year>[0-9]{4}))" E "%s", ""},
        {R_WEEKDAY, B PRO "(?<d>(?:يوم" SP ")?(?<wd>%s))(?!" SP "عشر)" E, wd},
    };
    for (size_t i = 0; i < sizeof r / sizeof *r; i++) {
        snprintf(pat, sizeof pat, r[i].fmt, r[i].arg);
        if (add_rule(dt, r[i].k, pat, err) != ALAM_OK)
            return err->status;
    }
    return ALAM_OK;
}

alam_status dates_new(dates **out, lexicon *lx, alam_error *err)
{
    dates *dt = calloc(1, sizeof *dt);
    if (!dt) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return err->status = ALAM_ERR_NOMEM;
    }
    alam_status st = load_names(dt, err);
    if (st == ALAM_OK)
        st = compile_rules(dt, err);
    if (st == ALAM_OK && mark_triggers(dt, lx) < 0) {
        snprintf(err->message, sizeof err->message, "out of memory");
        st = err->status = ALAM_ERR_NOMEM;
    }
    if (st != ALAM_OK) {
        dates_free(dt);
        return st;
    }
    *out = dt;
    return ALAM_OK;
}

void dates_free(dates *dt)
{
    if (!dt)
        return;
    for (size_t i = 0; i < dt->n_rules; i++)
        pcre2_code_free(dt->rules[i].re);
    free(dt);
}

/* ---- matching ---- */

/* The token whose key contains norm offset k (k inside [k0, k1]). */
static size_t token_at(const doc *d, size_t k)
{
    size_t lo = 0, hi = d->n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->tok[mid].k0 <= k)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Maps the match [s, e) of doc.norm onto tokens; 0 if not token-aligned. */
static int align(const doc *d, size_t s, size_t e, candidate *c)
{
    size_t t0 = token_at(d, s), t1 = token_at(d, e - 1);
    const token *a = &d->tok[t0];
    if (d->tok[t1].k1 != e)
        return 0;
    for (size_t i = 0; i < a->n_an; i++) {
        if (!(a->an[i].flags & PRO_LIL) && a->k0 + a->an[i].koff == s) {
            cand_span(c, d, t0, i, t1 + 1);
            return 1;
        }
    }
    return 0;
}

static int group_int(pcre2_match_data *md, const pcre2_code *re,
                     const char *subj, const char *name)
{
    PCRE2_SIZE len;
    int n = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (n < 0 || ov[2 * n] == PCRE2_UNSET)
        return -1;
    len = ov[2 * n + 1] - ov[2 * n];
    int v = 0;
    for (PCRE2_SIZE i = 0; i < len; i++) {
        char ch = subj[ov[2 * n] + i];
        if (ch < '0' || ch > '9')
            return -1;
        v = v * 10 + (ch - '0');
    }
    return v;
}

static int group_name(pcre2_match_data *md, const pcre2_code *re,
                      const char *subj, const char *name, const named *list,
                      size_t n)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
    if (g < 0 || ov[2 * g] == PCRE2_UNSET)
        return -1;
    size_t len = ov[2 * g + 1] - ov[2 * g];
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i].key) == len &&
            !memcmp(list[i].key, subj + ov[2 * g], len))
            return list[i].num;
    return -1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
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

static int valid_ymd(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 &&
           (d < 0 || (d >= 1 && d <= mdays[m - 1]));
}

/* Weekday value: resolved to the nearest such day at or before the
 * reference date when there is one. */
static void weekday_value(int wd, const alam_options *o, char *v)
{
    if (!o || !o->ref_year) {
        snprintf(v, CAND_VALUE_MAX, "XXXX-WXX-%d", wd);
        return;
    }
    long ref = days_from_civil(o->ref_year, o->ref_month, o->ref_day);
    int ref_wd = (int)(((ref % 7) + 7 + 3) % 7) + 1;   /* 1970-01-01: Thu */
    int y, m, d;
    civil_from_days(ref - ((ref_wd - wd + 7) % 7), &y, &m, &d);
    snprintf(v, CAND_VALUE_MAX, "%04d-%02d-%02d", y, m, d);
}

/* Computes the value of a match; 0 when the match is no date after all. */
static int value_of(const dates *dt, const rule *r, pcre2_match_data *md,
                    const char *s, const alam_options *o, char *v)
{
    int day = group_int(md, r->re, s, "day");
    int year = group_int(md, r->re, s, "year");
    int mon = r->kind == R_DMY || r->kind == R_MY
        ? group_name(md, r->re, s, "mon", dt->months, dt->n_months)
        : group_int(md, r->re, s, "mon");
    switch (r->kind) {
    case R_WEEKDAY:
        weekday_value(group_name(md, r->re, s, "wd", dt->weekdays,
                                 dt->n_weekdays), o, v);
        return 1;
    case R_YEAR:
    case R_YEAR_PREP:
        snprintf(v, CAND_VALUE_MAX, "%04d", year);
        return year >= 1000 && year <= 2999;
    case R_MY:
        snprintf(v, CAND_VALUE_MAX, "%04d-%02d", year, mon);
        return valid_ymd(year, mon, -1);
    default:
        break;
    }
    if (year < 0) {                        /* day and month only */
        snprintf(v, CAND_VALUE_MAX, "XXXX-%02d-%02d", mon, day);
        return valid_ymd(2000, mon, day);
    }
    snprintf(v, CAND_VALUE_MAX, "%04d-%02d-%02d", year, mon, day);
    return valid_ymd(year, mon, day);
}

/* Tries one rule anchored at a token start (its proclitics included). */
static int try_rule(const dates *dt, const rule *r, const doc *d,
                    const alam_options *o, pcre2_match_data *md, size_t at,
                    cand_list *out)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (pcre2_match(r->re, (PCRE2_SPTR)d->norm, d->norm_len, at,
                    PCRE2_NO_UTF_CHECK, md, NULL) <= 0)
        return 0;
    int g = r->group;
    if (ov[2 * g] >= ov[2 * g + 1])
        return 0;
    candidate c = {0};
    c.label = ALAM_DATE;
    c.source = ALAM_SOURCE_DATE;
    c.source_id = "dates";
    if (align(d, ov[2 * g], ov[2 * g + 1], &c) &&
        value_of(dt, r, md, d->norm, o, c.value) && cand_push(out, &c) < 0)
        return -1;
    return 0;
}

/* Every rule is tried only at the starts of the tokens up to TRIGGER_BEFORE
 * before a trigger (a number or a date word): a date must contain one, so
 * the regexes cost nothing on text without dates. */
int dates_scan(const dates *dt, const lexicon *lx, const doc *d,
               const alam_options *opts, cand_list *out)
{
    int rc = 0;
    size_t next = 0;           /* the first token start not tried yet */
    pcre2_match_data *md = NULL;
    for (size_t i = 0; rc == 0 && i < d->n; i++) {
        if (!token_triggers(lx, &d->tok[i]))
            continue;
        if (!md && !(md = pcre2_match_data_create(64, NULL)))
            return -1;
        size_t s = i > TRIGGER_BEFORE ? i - TRIGGER_BEFORE : 0;
        for (s = s > next ? s : next; s <= i && rc == 0; s++)
            for (size_t k = 0; k < dt->n_rules && rc == 0; k++)
                rc = try_rule(dt, &dt->rules[k], d, opts, md, d->tok[s].k0,
                              out);
        next = i + 1;
    }
    pcre2_match_data_free(md);
    return rc;
}
