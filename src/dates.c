/* dates.c - running the date grammar over a doc.
 *
 * The rules (date_grammar.c) are PCRE2 patterns over doc.norm, anchored at
 * token starts.  They run only near trigger tokens (a number, or a word
 * marked WORD_DATE in the lexicon: months, weekdays, calendar nouns), and
 * at each token only the rules whose first token can be that token.  A
 * match becomes date_parts (date_values.h) when its context allows; the
 * candidates of one window are resolved among themselves, then linked
 * ones are merged (الخميس 4 مارس، 15 رمضان الموافق 27 أبريل، من 4 مارس
 * إلى 10 أبريل) before their values are written. */
#include "dates_impl.h"
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRIGGER_BEFORE 4     /* tokens a match may start before a trigger */
#define MAX_GROUPS 160
#define NW(a) (sizeof a / sizeof *a)

/* One successful match being read. */
typedef struct {
    const dates *dt;
    const rule *r;
    const group_map *g;      /* r's groups */
    const doc *d;
    const char *text;        /* the original text of d */
    PCRE2_SIZE *ov;
    size_t anchor;           /* the token the match starts at */
} match;

/* ---- reading groups ---- */

static int grp(const match *m, field f, size_t *b, size_t *e)
{
    for (int k = 0; k < GROUPS_PER_FIELD && m->g->group[f][k]; k++) {
        int g = m->g->group[f][k];
        if (m->ov[2 * g] != PCRE2_UNSET) {
            *b = m->ov[2 * g];
            *e = m->ov[2 * g + 1];
            return 1;
        }
    }
    return 0;
}

static int has(const match *m, field f)
{
    size_t b, e;
    return grp(m, f, &b, &e);
}

/* The ASCII digits of a group as a number; -1 when unset. */
static int num(const match *m, field f)
{
    size_t b, e;
    int v = 0;
    if (!grp(m, f, &b, &e) || e == b || e - b > 6)
        return -1;
    for (size_t i = b; i < e; i++) {
        char ch = m->d->norm[i];
        if (ch < '0' || ch > '9')
            return -1;
        v = v * 10 + (ch - '0');
    }
    return v;
}

/* The list value of a group's words; -1 when unset or not in the list. */
static int word(const match *m, field f, list_id l)
{
    size_t b, e;
    if (!grp(m, f, &b, &e))
        return -1;
    return dates_word_num(m->dt, l, m->d->norm + b, e - b);
}

/* Is the token before the match in list l? */
static int prev_in(const match *m, list_id l)
{
    size_t len;
    const char *k = m->anchor ? tok_key(m->d, &m->d->tok[m->anchor - 1], &len)
                              : NULL;
    return k && dates_word_in(m->dt, l, k, len);
}

#define PREV_IS(m, ...)                                                       \
    ((m)->anchor > 0 &&                                                       \
     dates_stem_in((m)->d, (m)->anchor - 1, (const char *const[]){__VA_ARGS__}, \
            sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *)))

/* The token whose key contains norm offset k. */
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

/* ---- match -> parts ---- */

/* Day, month, year and era of one side of a match (0 or F_SIDE2). */
static void side_parts(const match *m, int o, date_parts *p)
{
    int v;
    if ((v = num(m, F_DAY + o)) >= 0)
        p->day = v;
    else if ((v = word(m, F_DAYW + o, L_ORD)) > 0)
        p->day = v;
    else if (has(m, F_GHURRA + o))
        p->day = 1;
    if ((v = word(m, F_MON + o, L_MON)) > 0)
        p->mon = v;
    else if ((v = word(m, F_HMON + o, L_HMON)) > 0) {
        p->mon = v;
        p->hijri = 1;
    }
    if ((v = num(m, F_YEAR + o)) > 0)
        p->year = v;
    if (has(m, F_EH + o) && !has(m, F_MON + o))
        p->hijri = 1;
}

/* Counted units: (قبل) ثلاثة أيام، (منذ) عامين. */
static int count_parts(const match *m, date_parts *p)
{
    int cu = word(m, F_CU, L_CUNIT), cnt = num(m, F_CNT);
    if (cu < 0)
        return 0;
    if (cnt < 0)
        cnt = word(m, F_CNT, L_CNT);
    p->unit = cu / 10;
    p->count = cnt > 0 ? cnt : cu % 10;
    if (!p->count)
        return 0;                       /* منذ سنوات: no number */
    size_t b = 0, e = 0;
    grp(m, F_AGO, &b, &e);
    if (e - b != 6 || memcmp(m->d->norm + b, "بعد", 6))
        p->count = -p->count;
    return 1;
}

static void shared_parts(const match *m, date_parts *p)
{
    int v;
    if ((v = num(m, F_MNUM)) > 0)
        p->mon = v;
    if (has(m, F_CURMON))
        p->cur_month = 1;
    if ((v = word(m, F_CREL, L_REL)) > 0 || (v = word(m, F_REL, L_REL)) > 0)
        p->rel = v;
    else if (has(m, F_THIS))
        p->rel = REL_THIS;
    if ((v = word(m, F_WD, L_WD)) > 0)
        p->wd = v;
    static const field rel_days[] = {F_RM2, F_RM1, F_R0, F_RP1, F_RP2};
    for (int i = 0; i < 5; i++)
        if (has(m, rel_days[i]))
            p->count = i - 2;
    if ((v = word(m, F_UNIT, L_PUNIT)) > 0)
        p->unit = v;
    if ((v = word(m, F_DEC, L_DEC)) > 0)
        p->decade = v;
    if ((v = word(m, F_CENT, L_ORD)) > 0 || (v = num(m, F_CENTN)) > 0)
        p->century = v;
    if ((v = word(m, F_SEASON, L_SEASON)) > 0)
        p->season = v;
}

/* d/m/yyyy read as m/d/yyyy when only that makes sense (4/22/1948). */
static void numeric_order(date_parts *p)
{
    if (p->mon > 12 && p->day >= 1 && p->day <= 12) {
        int t = p->mon;
        p->mon = p->day;
        p->day = t;
    }
}

static int plausible_bare_year(const date_parts *p, int era)
{
    return era || (p->year >= 1600 && p->year <= 2099);
}

static int year_range_ok(const date_parts *a, const date_parts *b)
{
    return b->year > a->year && b->year - a->year <= 200;
}

/* آب (August) folds like أب (father) and إب (a Yemeni city): only the
 * spellings آب and اب are the month. */
static int august_spelling_ok(const match *m)
{
    size_t b, e;
    if (!grp(m, F_MON, &b, &e) || e - b != 4 || memcmp(m->d->norm + b, "اب", 4))
        return 1;
    const token *t = &m->d->tok[token_at(m->d, b)];
    for (size_t i = t->b0; i + 4 <= t->b1; i++)
        if (!memcmp(m->text + i, "أب", 4) || !memcmp(m->text + i, "إب", 4))
            return 0;
    return 1;
}

static int accept_month(const match *m, const date_parts *p)
{
    int ctx = p->year || has(m, F_SHAHR) || has(m, F_MOD) || p->rel ||
              has(m, F_MONB) || has(m, F_EPI);
    if (ctx)
        return 1;
    /* after a preposition alone; صفر (zero) and رجب (a name) need more */
    return has(m, F_PREP) && !(p->hijri && (p->mon == 2 || p->mon == 7));
}

/* Rule-specific context checks and fixes; 0 rejects the match. */
static int accept(const match *m, dcand *c)
{
    date_parts *a = &c->a, *b = &c->b;
    int era = has(m, F_EH) || has(m, F_EG);
    if (!august_spelling_ok(m))
        return 0;
    switch (m->r->id) {
    case R_DMY:
        return !has(m, F_DAYW) || has(m, F_MIN);
    case R_MONTH:
        return accept_month(m, a);
    case R_NUMERIC:
    case R_YMD:
    case R_DM_NUM:
        numeric_order(a);
        return 1;
    case R_RANGE_DAYS:
        c->range = 1;
        b->mon = a->mon;
        b->hijri = a->hijri;
        b->year = a->year;
        return !has(m, F_DAYW2) || has(m, F_MIN2);
    case R_RANGE_MONTHS:
        c->range = 1;
        return 1;
    case R_RANGE_YEARS_DASH:
        if (b->year < 100)
            b->year += a->year / 100 * 100 + (b->year <= a->year % 100) * 100;
        if (m->d->norm[m->ov[2 * m->g->group[F_D][0]]] <= '9' &&
            (!plausible_bare_year(a, era) || !plausible_bare_year(b, era)))
            return 0;
        /* fall through */
    case R_RANGE_YEARS:
        c->range = 1;
        return year_range_ok(a, b);
    case R_YEAR_CTX:
        return (has(m, F_PREP) || has(m, F_MOD) || era) &&
               plausible_bare_year(a, era);
    case R_YEAR_PAREN:
        if (prev_in(m, L_NOTYEAR) ||
            (!era && (a->year < 1000 || a->year > 2099)))
            return 0;
        c->range = b->year != 0;
        return !c->range || year_range_ok(a, b);
    case R_YEAR_EVENT:
        return plausible_bare_year(a, era);
    case R_WEEKDAY:    /* الاثنين "the two"; سوق الجمعة, a place */
        return !(a->wd == 1 && PREV_IS(m, "بين", "كلا")) &&
               !(a->wd == 7 && PREV_IS(m, "الواحد")) &&
               (has(m, F_TOD) || !PREV_IS(m, "سوق", "حي", "شارع", "مسجد",
                                          "جامع", "ساحه", "سوره", "صلاه",
                                          "خطبه"));
    case R_RELDAY:
        return !(has(m, F_R0) && !has(m, F_TOD) &&
                 PREV_IS(m, "في", "كل", "هذا", "ذلك", "نفس", "ذات", "طوال",
                         "طيله"));
    case R_PERIOD:
        if (!a->rel && !has(m, F_MOD))
            return 0;
        return has(m, F_MOD) || has(m, F_THIS) || a->unit != U_YEAR ||
               !prev_in(m, L_ADJNOUN);
    case R_AGO:
        return count_parts(m, a);
    case R_VAGUE: {     /* السنوات الأخيرة، الأيام المقبلة */
        size_t b0 = 0, e0 = 0;
        grp(m, F_VREL, &b0, &e0);
        a->vague = dates_word_num(m->dt, L_REL, m->d->norm + b0, e0 - b0) ==
                   REL_NEXT ? 1 : -1;
        return 1;
    }
    default:
        return 1;
    }
}

/* ---- alignment ---- */

/* Maps [s, e) of doc.norm onto tokens; 0 if not token-aligned. */
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

static int dlist_push(dlist *l, const dcand *c)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        dcand *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *c;
    return 0;
}

/* Tries one rule at token s; adds a candidate when it matches. */
static int try_rule(const dates *dt, const rule *r, const doc *d,
                    const char *text, pcre2_match_data *md, size_t s,
                    dlist *l)
{
    int rc = jit_re_match(r->re, (const unsigned char *)d->norm, d->norm_len,
                          d->tok[s].k0, PCRE2_NO_UTF_CHECK, md);
    if (rc == PCRE2_ERROR_NOMEMORY)
        return -1;
    if (rc <= 0)
        return 0;
    const group_map *g = date_rule_groups(r);
    if (!g)
        return -1;
    match m = {dt, r, g, d, text, pcre2_get_ovector_pointer(md), s};
    size_t b, e;
    dcand c;
    memset(&c, 0, sizeof c);
    if (!grp(&m, F_D, &b, &e) || b >= e || !align(d, b, e, &c.c))
        return 0;
    c.kind = r->kind;
    c.rule = r->id;
    side_parts(&m, 0, &c.a);
    side_parts(&m, F_SIDE2, &c.b);
    shared_parts(&m, &c.a);
    if (!accept(&m, &c) || !date_parts_valid(c.kind, &c.a) ||
        (c.range && !date_parts_valid(c.kind, &c.b)))
        return 0;
    return dlist_push(l, &c);
}

/* ---- triggers and the scan ---- */

/* Words a date must contain one of (besides numbers): WORD_DATE. */
static int mark_triggers(const dates *dt, lexicon *lx)
{
    static const list_id lists[] = {L_MON, L_HMON, L_WD, L_DEC, L_SEASON,
                                    L_PUNIT, L_CUNIT};
    static const char *const more[] = {"امس", "الامس", "غدا", "غد", "الغد",
                                       "عامي", "سنتي", "قرن", "عقد", "يوم"};
    int rc = 0;
    for (size_t i = 0; i < NW(lists) && rc == 0; i++) {
        const dwords *w = &dt->list[lists[i]];
        for (size_t k = 0; k < w->n && rc == 0; k++)
            rc = lexicon_add_word_class(lx, w->v[k].key,
                                        strcspn(w->v[k].key, " "), WORD_DATE);
    }
    for (size_t i = 0; i < NW(more) && rc == 0; i++)
        rc = lexicon_add_word_class(lx, more[i], strlen(more[i]), WORD_DATE);
    return rc;
}

static int token_triggers(const token *t)
{
    if (t->kind == TOK_NUMBER)
        return 1;
    for (size_t a = 0; a < t->n_an; a++)
        if (t->an[a].cls & WORD_DATE)
            return 1;
    return 0;
}

/* The C_* classes of token i under any of its analyses. */
static uint32_t token_classes(const dates *dt, const doc *d, size_t i)
{
    const token *t = &d->tok[i];
    char buf[128];
    uint32_t cls = 0;
    if (t->kind == TOK_NUMBER) {      /* 1-2 digits (a day), 4 (a year) */
        size_t n = 0;
        while (t->k0 + n < t->k1 && d->norm[t->k0 + n] >= '0' &&
               d->norm[t->k0 + n] <= '9')
            n++;
        return n == 4 ? C_NUM4 : n == 3 ? C_NUM3 : n && n <= 2 ? C_NUM12 : 0;
    }
    if (t->kind == TOK_PUNCT)
        return t->k1 - t->k0 == 1 && d->norm[t->k0] == '(' ? C_PAREN : 0;
    if (t->kind != TOK_ARABIC || t->k1 - t->k0 + 2 > sizeof buf)
        return 0;
    for (size_t a = 0; a < t->n_an; a++) {
        size_t n = tok_stem_key(d, t, &t->an[a], buf);
        cls |= dates_word_classes(dt, buf, n);
    }
    return cls;
}

alam_status dates_new(dates **out, lexicon *lx, int lazy, const void *kept,
                      size_t kept_len, alam_error *err)
{
    dates *dt = calloc(1, sizeof *dt);
    if (!dt) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return err->status = ALAM_ERR_NOMEM;
    }
    alam_status st = dates_grammar_build(dt, lazy, kept, kept_len, err);
    for (size_t i = 0; st == ALAM_OK && !lazy && i < dt->n_rules; i++) {
        uint32_t groups;
        pcre2_pattern_info(jit_re_code(dt->rules[i].re), PCRE2_INFO_CAPTURECOUNT, &groups);
        if (groups >= MAX_GROUPS) {
            snprintf(err->message, sizeof err->message,
                     "date rule %zu has too many groups", i);
            st = err->status = ALAM_ERR_REGEX;
        }
    }
    if (st == ALAM_OK && mark_triggers(dt, lx) < 0) {
        snprintf(err->message, sizeof err->message,
                 "date words missing from the word table (stale image?)");
        st = err->status = ALAM_ERR_DATA;
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
    dates_grammar_free(dt);
    free(dt);
}

/* Tries at token s the rules it can start: by its own classes, or as a
 * preposition before a token of the rule's after classes. */
static int try_rules(const dates *dt, const doc *d, const char *text,
                     pcre2_match_data *md, size_t s, dlist *l)
{
    uint32_t cls = token_classes(dt, d, s), next = 0;
    int rc = 0, have_next = 0;
    for (size_t k = 0; cls && k < dt->n_rules && rc == 0; k++) {
        const rule *r = &dt->rules[k];
        int go = (r->first & cls) != 0;
        if (!go && (r->lead & cls)) {
            if (!have_next && s + 1 < d->n)
                next = token_classes(dt, d, s + 1);
            have_next = 1;
            go = (r->after & next) != 0;
        }
        if (go)
            rc = try_rule(dt, r, d, text, md, s, l);
    }
    return rc;
}

/* Every rule is tried only at the starts of the tokens up to
 * TRIGGER_BEFORE before a trigger, and only when that token can begin it:
 * the regexes cost nothing on text without dates. */
int dates_scan(const dates *dt, const doc *d, const char *text,
               const alam_options *opts, pcre2_match_data **md,
               cand_list *out)
{
    int rc = 0;
    size_t next = 0;
    dlist l = {0};
    for (size_t i = 0; rc == 0 && i < d->n; i++) {
        if (!token_triggers(&d->tok[i]))
            continue;
        if (!*md && !(*md = pcre2_match_data_create(MAX_GROUPS, NULL)))
            rc = -1;
        size_t s = i > TRIGGER_BEFORE ? i - TRIGGER_BEFORE : 0;
        for (s = s > next ? s : next; s <= i && rc == 0; s++)
            rc = try_rules(dt, d, text, *md, s, &l);
        next = i + 1;
    }
    if (rc == 0 && l.n)
        rc = dates_finish(d, opts, &l, out);
    free(l.v);
    return rc;
}
