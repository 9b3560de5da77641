/* date_grammar.c - the date rules: templates compiled to PCRE2.
 *
 * Rules are templates: {NAME} is a macro or a word list of date_words.c
 * (called as a DEFINE subroutine, written once per pattern); {NAME:2}
 * expands a macro with the named groups of a range's second part ("@" in a
 * macro becomes the suffix).  Group "d" is the entity; what the pattern
 * matches outside it is context. */
#include "dates_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define N(a) (sizeof a / sizeof *a)

/* ---- templates ---- */

typedef struct {
    const char *name;
    const char *body;
} macro;

static const macro macros[] = {
    {"B", "(?<=[\\n \\x1f])"},
    {"E", "(?=[\\n \\x1f])"},
    {"S", "[ \\x1f]"},
    {"PRO", "(?:و|ف)?(?:ب|ل|ك)?"},
    {"CONJ", "(?:و|ف)?"},
    {"AL", "(?:ال|(?<=ل)ل)?"},
    {"NUMD", "(?:ال\\x1f)?(?<day@>[0-9]{1,2})"},
    {"DAY", "(?:{NUMD}|(?<dayw@>{ORD})|(?<ghurra@>غرة|أول))"},
    {"DSEP", "(?:{S}?/{S}?|{S}(?<min@>من){S}|{S})"},
    {"MONG", "(?<mon@>{MON})(?:{S}?/{S}?(?<monb@>{MON})"
             "|{S}?\\({S}?(?<monb@>{MON}){S}?\\)(?={S}?[0-9]))?"},
    {"MONH", "(?<hmon@>{HMON})(?:{S}(?<epi>المبارك|الكريم|الفضيل|المعظم|الحرام))?"},
    {"MONX", "(?:(?<shahr@>شهر|الشهر){S})?(?:{MONG}|{MONH})"},
    {"CURMON", "(?<curmon>الشهر){S}(?<crel>{REL})"},
    {"ERA", "(?:(?<eh@>{ERAH})|(?<eg@>{ERAG}))(?!{S}(?:مربع|مكعب|2|3){E})"},
    {"YEARN", "(?<year@>[0-9]{4})"},
    {"YEARX", "(?:{AL}(?:عام|سنة){S})?{YEARN}(?:{S}?{ERA})?"},
    {"YSEP", "(?:{S}?[/،,]{S}?|{S})"},
    {"RELX", "(?:{S}(?<rel>{REL}))"},
    {"CONN", "(?:-|–|الى|حتى|وحتى|لغاية|ولغاية|و)"},
    {"NOTCOUNT", "(?!{S}?(?:{COUNTN}){E})(?!{S}?[%$٪])"},
    {"BC", "(?!{S}قبل{S}الميلاد)"},
    {"DM", "(?<day>[0-9]{1,2}){S}?/{S}?(?<mnum>[0-9]{1,2})"},
};

static const char *const list_names[L_N] = {
    "MON", "HMON", "WD", "ORD", "REL", "DEC", "CNT", "CUNIT", "PUNIT",
    "SEASON", "ERAH", "ERAG", "TOD", "MOD", "PREP", "EVENT", "COUNTN",
    "NOTYEAR", "ADJNOUN",
};

static int by_key(const void *pa, const void *pb)
{
    return strcmp(((const dword *)pa)->key, ((const dword *)pb)->key);
}

/* The bytes of the UTF-8 code point at k. */
static size_t unit_len(const char *k)
{
    unsigned char c = (unsigned char)*k;
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* One code point (or the word separator) of a key, escaped for a regex. */
static size_t put_unit(strbuf *b, const char *k)
{
    size_t n = 1;
    if (*k == ' ')
        strbuf_put(b, "[ \\x1f]", 7);
    else if (strchr(".()[]?*+|\\^$/-{}", *k))
        strbuf_put(b, (char[]){'\\', *k}, 2);
    else
        strbuf_put(b, k, n = unit_len(k));
    return n;
}

/* Writes keys v[lo, hi) (sorted, sharing their first `at` bytes) as a
 * trie: one branch per next code point, so that a failing match is
 * rejected by one comparison per level instead of one per word. */
static void put_trie(strbuf *b, const dword *v, size_t lo, size_t hi,
                     size_t at)
{
    int ends = !v[lo].key[at];
    size_t first = lo + (size_t)ends;
    if (first == hi)
        return;                         /* the key ends here */
    const char *a = v[first].key + at, *z = v[hi - 1].key + at;
    int many = unit_len(a) != unit_len(z) || memcmp(a, z, unit_len(a)) != 0;
    int group = many || ends;
    if (group)
        strbuf_put(b, "(?:", 3);
    for (size_t i = first; i < hi;) {
        size_t len = put_unit(b, v[i].key + at), j = i + 1;
        while (j < hi && !memcmp(v[j].key + at, v[i].key + at, len))
            j++;
        put_trie(b, v, i, j, at + len);
        if (j < hi)
            strbuf_put(b, "|", 1);
        i = j;
    }
    if (group)
        strbuf_put(b, ends ? ")?" : ")", ends ? 2 : 1);
}

/* A list as a regex alternation (a trie), words separated by {S}. */
static void put_alternation(strbuf *b, dwords *l)
{
    qsort(l->v, l->n, sizeof *l->v, by_key);
    if (l->n)
        put_trie(b, l->v, 0, l->n, 0);
}

/* What one template expansion produces: the pattern, and which word lists
 * it calls (each list is written once, in a DEFINE group at the end). */
typedef struct {
    strbuf b;
    int used[L_N];
} expansion;

static int expand(dates *dt, const char *t, const char *sfx, expansion *x,
                  int depth);

/* Expands {NAME} or {NAME:sfx} at t (after the brace); returns its end. */
static const char *expand_ref(dates *dt, const char *t, const char *sfx,
                              expansion *x, int depth)
{
    size_t n = strcspn(t, ":}");
    char name[16], sub[4] = "";
    if (n >= sizeof name || !t[n])
        return NULL;
    memcpy(name, t, n);
    name[n] = '\0';
    const char *end = t + n;
    if (*end == ':') {
        size_t k = strcspn(end + 1, "}");
        if (k >= sizeof sub)
            return NULL;
        memcpy(sub, end + 1, k);
        sub[k] = '\0';
        sfx = sub;
        end += k + 1;
    }
    for (size_t i = 0; i < N(macros); i++)
        if (!strcmp(macros[i].name, name))
            return expand(dt, macros[i].body, sfx, x, depth + 1) ? NULL
                                                                 : end + 1;
    for (size_t i = 0; i < L_N; i++)
        if (!strcmp(list_names[i], name)) {
            char call[32];
            snprintf(call, sizeof call, "(?&L%s)", list_names[i]);
            strbuf_put(&x->b, call, strlen(call));
            x->used[i] = 1;
            return end + 1;
        }
    return NULL;
}

/* Appends template t with macros expanded; -1 on an unknown name. */
static int expand(dates *dt, const char *t, const char *sfx, expansion *x,
                  int depth)
{
    strbuf *b = &x->b;
    if (depth > 8)
        return -1;
    while (*t) {
        if (*t == '{' && t[1] >= 'A' && t[1] <= 'Z') {
            if (!(t = expand_ref(dt, t + 1, sfx, x, depth)))
                return -1;
        } else if (*t == '@') {
            strbuf_put(b, sfx, strlen(sfx));
            t++;
        } else {
            strbuf_put(b, t++, 1);
        }
    }
    return 0;
}

/* ---- rules ---- */

typedef struct {
    rule_id id;
    date_kind kind;
    uint32_t first, lead, after;
    const char *tpl;
} rule_src;

#define C_DAYSTART (C_NUM12 | C_ORD | C_YAWM | C_RELDAY)
#define C_MONSTART (C_MON | C_HMON | C_SHAHR)

static const rule_src rule_srcs[] = {
    {R_DMY, DK_DATE, C_DAYSTART, 0, 0,
     "{B}{PRO}(?<d>(?:يوم{S})?{DAY}{DSEP}(?:{MONX}|{CURMON})"
     "(?:{YSEP}{YEARX})?{RELX}?){BC}{E}"},
    {R_MDY, DK_DATE, C_MON, 0, 0,
     "{B}{PRO}(?<d>{MONG}{S}(?<day>[0-9]{1,2}){S}?[،,]{S}?{YEARN}){E}"},
    {R_MONTH, DK_DATE, C_MONSTART | C_MOD, C_PREP, C_MONSTART | C_MOD,
     "{B}(?:{CONJ}(?<prep>{PREP}){S})?{PRO}(?<d>(?:(?<mod>{MOD}){S})?{MONX}"
     "(?:{YSEP}{YEARX})?{RELX}?){BC}{E}"},
    {R_NUMERIC, DK_DATE, C_NUM12, 0, 0,
     "{B}(?<d>(?<day>[0-9]{1,2}){S}?(?<sep>[/.-]){S}?(?<mnum>[0-9]{1,2}){S}?"
     "\\k<sep>{S}?{YEARN}(?:{S}?{ERA})?)(?!{S}?[/.-]{S}?[0-9]){E}"},
    {R_YMD, DK_DATE, C_NUM4, 0, 0,
     "{B}(?<d>{YEARN}(?<sep>[/.-])(?<mnum>[0-9]{1,2})\\k<sep>"
     "(?<day>[0-9]{1,2}))(?![/.-]?[0-9]){E}"},
    {R_DM_NUM, DK_DATE, C_TARIKH | C_YAWM, 0, 0,
     "{B}{PRO}(?:تاريخ{S}(?:\\({S}?)?(?<d>{DM})|(?<d>يوم{S}{DM}))"
     "(?!{S}?[/.-]{S}?[0-9]){E}"},
    {R_RANGE_DAYS, DK_DATE, C_DAYSTART, C_FROM, C_DAYSTART,
     "{B}{PRO}(?<d>(?:(?<from>من|بين){S})?(?:{AL}يومي?{S})?{DAY}{S}?{CONN}"
     "{S}?(?:يوم{S})?{DAY:2}{DSEP:2}{MONX}(?:{YSEP}{YEARX})?){BC}{E}"},
    {R_RANGE_MONTHS, DK_DATE, 0, C_FROM, C_MONSTART,
     "{B}{PRO}(?<d>(?<from>من|بين){S}(?:شهري{S})?{MONX}(?:{YSEP}{YEARX})?"
     "{S}?{CONN}{S}?{MONX:2}(?:{YSEP}{YEARX:2})?){BC}{E}"},
    {R_RANGE_YEARS, DK_DATE, 0, C_FROM, C_NUM4 | C_SANA,
     "{B}{PRO}(?<d>(?<from>من|بين){S}(?:{AL}(?:عام|سنة|عامي|سنتي|العامين|"
     "السنتين){S})?{YEARN}(?:{S}?{ERA})?{S}?{CONN}{S}?(?:{AL}(?:عام|سنة){S})?"
     "{YEARN:2}(?:{S}?{ERA:2})?){BC}{E}"},
    {R_RANGE_YEARS_DASH, DK_DATE, C_NUM4 | C_SANA, 0, 0,
     "{B}{PRO}(?<d>(?:{AL}(?:عام|سنة|عامي|سنتي|الأعوام|السنوات){S})?{YEARN}"
     "{S}?[-–/]{S}?(?<year2>[0-9]{4}|[0-9]{2})(?:{S}?{ERA:2})?){BC}"
     "(?!{S}?[-/.][0-9]){E}"},
    {R_YEAR_CAL, DK_DATE, C_MOD | C_SANA, 0, 0,
     "{B}{PRO}(?<d>(?:(?<mod>{MOD}){S})?{AL}(?:عام|سنة){S}{YEARN}"
     "(?:{S}?{ERA})?){BC}{E}"},
    {R_YEAR_CTX, DK_DATE, C_MOD | C_NUM4, C_PREP, C_MOD | C_NUM4,
     "{B}(?:{CONJ}(?<prep>{PREP}){S})?{PRO}(?<d>(?:(?<mod>{MOD}){S})?"
     "{YEARN}(?:{S}?{ERA}|{NOTCOUNT})){BC}{E}"},
    {R_YEAR_PAREN, DK_DATE, C_PAREN, 0, 0,
     "{B}\\({S}?(?<d>{YEARN}(?:{S}?[-/]{S}?{YEARN:2})?(?:{S}?{ERA})?){S}?\\)"
     "(?:{S}?{ERA}|{NOTCOUNT}){BC}{E}"},
    {R_YEAR_EVENT, DK_DATE, C_EVENT, 0, 0,
     "{B}{PRO}{AL}(?:{EVENT})(?:{S}ال[^ \\x1f\\n]+){0,2}{S}"
     "(?<d>{YEARN}(?:{S}?{ERA}|{NOTCOUNT})){BC}{E}"},
    {R_WEEKDAY, DK_WEEKDAY, C_TOD | C_YAWM | C_WD, 0, 0,
     "{B}{PRO}(?<d>(?:(?<tod>{TOD}){S})?(?:{AL}يوم{S})?(?<wd>{WD}){RELX}?)"
     "(?!{S}عشر){E}"},
    {R_RELDAY, DK_RELDAY, C_TOD | C_YAWM | C_RELDAY, 0, 0,
     "{B}{PRO}(?<d>(?:(?<tod>{TOD}){S}|{AL}يوم{S})?(?:(?<rm2>أول{S}(?:من{S})?"
     "أمس)|(?<rm1>أمس|الأمس)|(?<r0>اليوم)(?!{S}(?!(?:{WD}|الموافق){E})ال)"
     "(?!{S}(?:من|ذاته|نفسه|عينه){E})|(?<rp2>بعد{S}غد)|(?<rp1>غدا))"
     "|(?:(?<tod>{TOD})|يوم){S}(?<rp1>الغد|غد)){E}"},
    {R_PERIOD, DK_PERIOD, C_MOD | C_THIS | C_PUNIT, 0, 0,
     "{B}{PRO}(?<d>(?:(?<mod>{MOD}){S})?(?:(?<this>هذا|هذه){S})?"
     "(?<unit>{PUNIT}){RELX}?){E}"},
    {R_AGO, DK_AGO, 0, C_AGO, C_NUM12 | C_NUM3 | C_CNT | C_CUNIT,
     "{B}{CONJ}(?<ago>قبل|منذ|بعد){S}(?<d>(?:(?<cnt>[0-9]{1,3}|{CNT}){S})?"
     "(?<cu>{CUNIT}))(?!{S}(?:من|على){E}){E}"},
    {R_DECADE, DK_DECADE, C_MOD | C_AQD | C_DEC, 0, 0,
     "{B}{PRO}(?<d>(?:(?<mod>{MOD}){S})?(?:عقد{S})?(?<dec>{DEC})(?:{S}(?:من{S})?"
     "{AL}قرن{S}(?:(?<cent>{ORD})|(?:ال\\x1f)?(?<centn>[0-9]{1,2})|"
     "(?<crel>{REL}))(?:{S}(?<eh>الهجري)|{S}(?<eg>الميلادي))?)?)"
     "(?!{S}(?:من{S})?(?:ال)?عمر){E}"},
    {R_CENTURY, DK_CENTURY, C_MOD | C_QARN, 0, 0,
     "{B}{PRO}(?<d>(?:(?<mod>{MOD}){S})?{AL}قرن{S}(?:(?<cent>{ORD})|"
     "(?:ال\\x1f)?(?<centn>[0-9]{1,2}))(?:{S}(?<eh>الهجري|للهجرة)|"
     "{S}(?<eg>الميلادي|للميلاد))?){BC}{E}"},
    {R_VAGUE, DK_PERIOD, C_PLUR, 0, 0,
     "{B}{PRO}(?<d>(?<vu>الأيام|الأسابيع|الأشهر|الشهور|الأعوام|السنوات|السنين|"
     "العقود)(?:{S}القليلة)?{S}(?<vrel>الماضية|الأخيرة|المقبلة|القادمة|"
     "المنصرمة|الفائتة|السابقة)){E}"},
    {R_SEASON, DK_SEASON, C_SEASON, 0, 0,
     "{B}{PRO}(?<d>(?<season>{SEASON})(?:{S}(?:{AL}عام{S})?{YEARN}|{RELX}))"
     "{E}"},
};

static const char *const field_names[F_N] = {
    "day", "dayw", "ghurra", "min", "mon", "monb", "hmon", "shahr", "year",
    "eh", "eg",
    "day2", "dayw2", "ghurra2", "min2", "mon2", "monb2", "hmon2", "shahr2",
    "year2", "eh2", "eg2",
    "d", "mnum", "curmon", "crel", "rel", "prep", "mod", "from", "wd", "tod",
    "rm2", "rm1", "r0", "rp1", "rp2", "this", "unit", "ago", "cnt", "cu",
    "dec", "cent", "centn", "season", "epi", "vu", "vrel",
};

/* Fills g from the name table of code. */
static void map_groups(const pcre2_code *code, group_map *g)
{
    uint32_t count, size;
    PCRE2_SPTR table;
    memset(g, 0, sizeof *g);
    pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &size);
    pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
    for (uint32_t i = 0; i < count; i++) {
        PCRE2_SPTR e = table + i * size;
        uint16_t n = (uint16_t)((e[0] << 8) | e[1]);
        for (int f = 0; f < F_N; f++) {
            if (strcmp((const char *)e + 2, field_names[f]))
                continue;
            for (int k = 0; k < GROUPS_PER_FIELD; k++)
                if (!g->group[f][k]) {
                    g->group[f][k] = n;
                    break;
                }
        }
    }
}

const group_map *date_rule_groups(const rule *r)
{
    group_map *g = atomic_load_explicit(r->groups, memory_order_acquire);
    if (g)
        return g;
    const pcre2_code *code = jit_re_code(r->re);
    if (!code || !(g = malloc(sizeof *g)))
        return NULL;
    map_groups(code, g);
    group_map *none = NULL;
    if (atomic_compare_exchange_strong(r->groups, &none, g))
        return g;
    free(g);                       /* another thread made it first */
    return none;
}

/* Appends (?(DEFINE)(?<LMON>...)...) for the lists the rule calls. */
static void put_defines(dates *dt, expansion *x)
{
    strbuf_put(&x->b, "(?(DEFINE)", 10);
    for (size_t i = 0; i < L_N; i++) {
        if (!x->used[i])
            continue;
        char open[32];
        snprintf(open, sizeof open, "(?<L%s>", list_names[i]);
        strbuf_put(&x->b, open, strlen(open));
        put_alternation(&x->b, &dt->list[i]);
        strbuf_put(&x->b, ")", 1);
    }
    strbuf_put(&x->b, ")", 1);
}

/* The folded source of rule src, malloc'd; NULL on a template error or
 * when out of memory. */
static char *rule_source(dates *dt, const rule_src *src)
{
    expansion x;
    memset(&x, 0, sizeof x);
    strbuf *b = &x.b;
    char *folded = NULL;
    int ok = expand(dt, src->tpl, "", &x, 0) == 0;
    if (ok)
        put_defines(dt, &x);
    if (ok && !b->failed && (folded = malloc(2 * b->n + 1)))
        dates_fold(b->s, b->n, folded, 2 * b->n + 1);
    free(b->s);
    return folded;
}

#define DATE_RE_OPTIONS (PCRE2_UTF | PCRE2_ANCHORED | PCRE2_DUPNAMES)

/* The pattern of rule id from its folded source, compiled now. */
static alam_status compile_now(rule_id id, const char *folded, jit_re **out,
                               alam_error *err)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)folded, PCRE2_ZERO_TERMINATED,
                                   DATE_RE_OPTIONS, &code, &off, NULL);
    if (!re) {
        char msg[256];
        pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
        snprintf(err->message, sizeof err->message,
                 "date rule %d, offset %zu: %s", (int)id, (size_t)off, msg);
        return err->status = ALAM_ERR_REGEX;
    }
    if (!(*out = jit_re_new(re)))
        pcre2_code_free(re);
    return ALAM_OK;
}

/* The pattern of src (from kept, its source as an image kept it, when not
 * NULL), compiled now, or at its first use when lazy (a model from a sound
 * image: `alam compile` compiled it). */
static alam_status rule_pattern(dates *dt, const rule_src *src,
                                const char *kept, int lazy, jit_re **out,
                                alam_error *err)
{
    char *made = kept ? NULL : rule_source(dt, src);
    const char *folded = kept ? kept : made;
    alam_status st = ALAM_OK;
    if (!folded) {
        snprintf(err->message, sizeof err->message,
                 "date rule %d: template error or out of memory", (int)src->id);
        return err->status = ALAM_ERR_REGEX;
    }
    *out = NULL;
    if (lazy)
        *out = jit_re_new_lazy(folded, DATE_RE_OPTIONS);
    else
        st = compile_now(src->id, folded, out, err);
    free(made);
    if (st != ALAM_OK || *out)
        return st;
    snprintf(err->message, sizeof err->message, "out of memory");
    return err->status = ALAM_ERR_NOMEM;
}

static alam_status compile_rule(dates *dt, const rule_src *src,
                                const char *kept, int lazy, alam_error *err)
{
    jit_re *j;
    alam_status st = rule_pattern(dt, src, kept, lazy, &j, err);
    if (st != ALAM_OK)
        return st;
    _Atomic(group_map *) *groups = malloc(sizeof *groups);
    if (!groups) {
        jit_re_free(j);
        snprintf(err->message, sizeof err->message, "out of memory");
        return err->status = ALAM_ERR_NOMEM;
    }
    atomic_init(groups, NULL);
    rule *r = &dt->rules[dt->n_rules++];
    memset(r, 0, sizeof *r);
    r->id = src->id;
    r->kind = src->kind;
    r->first = src->first;
    r->lead = src->lead;
    r->after = src->after;
    r->re = j;
    r->groups = groups;
    if (!lazy && !date_rule_groups(r)) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return err->status = ALAM_ERR_NOMEM;
    }
    return ALAM_OK;
}

/* ---- the sources an image keeps ---- */

static uint64_t hash_str(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return (h ^ 0x100) * 0x100000001b3ull;      /* the end of s */
}

/* What the sources are made of: the templates, the macros and the words
 * of the lists (in the order they were read, before expansion sorts
 * them).  A kept source is used only when they are the same. */
static uint64_t inputs_hash(const dates *dt)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < N(macros); i++)
        h = hash_str(hash_str(h, macros[i].name), macros[i].body);
    for (size_t i = 0; i < N(rule_srcs); i++)
        h = hash_str(h, rule_srcs[i].tpl);
    for (size_t l = 0; l < L_N; l++)
        for (size_t k = 0; k < dt->list[l].n; k++)
            h = hash_str(h, dt->list[l].v[k].key);
    return h;
}

/* The layout dates_sources() writes: the inputs' hash, the number of
 * rules, then each rule's source, NUL-terminated. */
#define KEPT_HEAD (sizeof(uint64_t) + sizeof(uint32_t))

int dates_sources(dates *dt, strbuf *out)
{
    uint32_t n = N(rule_srcs);
    strbuf_put(out, (const char *)&dt->inputs, sizeof dt->inputs);
    strbuf_put(out, (const char *)&n, sizeof n);
    for (size_t i = 0; i < N(rule_srcs); i++) {
        char *s = rule_source(dt, &rule_srcs[i]);
        strbuf_put(out, s, s ? strlen(s) + 1 : 0);
        free(s);
    }
    return out->failed ? -1 : 0;
}

/* Points v[i] at the kept source of rule i; -1 when p[0, n) is malformed
 * or was made from other inputs. */
static int split_kept(const dates *dt, const char *p, size_t n,
                      const char **v)
{
    uint64_t h;
    uint32_t count;
    if (n < KEPT_HEAD)
        return -1;
    memcpy(&h, p, sizeof h);
    memcpy(&count, p + sizeof h, sizeof count);
    if (h != dt->inputs || count != N(rule_srcs))
        return -1;
    p += KEPT_HEAD;
    n -= KEPT_HEAD;
    for (size_t i = 0; i < N(rule_srcs); i++) {
        const char *end = n ? memchr(p, '\0', n) : NULL;
        if (!end || end == p)
            return -1;
        v[i] = p;
        n -= (size_t)(end + 1 - p);
        p = end + 1;
    }
    return n ? -1 : 0;
}

alam_status dates_grammar_build(dates *dt, int lazy, const void *kept,
                                size_t kept_len, alam_error *err)
{
    const char *src[N(rule_srcs)] = {0};
    alam_status st = dates_words_build(dt, err);
    if (st == ALAM_OK)
        dt->inputs = inputs_hash(dt);
    if (st == ALAM_OK && kept && split_kept(dt, kept, kept_len, src) < 0) {
        snprintf(err->message, sizeof err->message,
                 "the image's date patterns are malformed or were made by "
                 "another build");
        st = err->status = ALAM_ERR_DATA;
    }
    for (size_t i = 0; st == ALAM_OK && i < N(rule_srcs); i++)
        st = compile_rule(dt, &rule_srcs[i], src[i], lazy, err);
    return st;
}

void dates_grammar_free(dates *dt)
{
    for (size_t i = 0; i < dt->n_rules; i++) {
        jit_re_free(dt->rules[i].re);
        if (dt->rules[i].groups)
            free(atomic_load(dt->rules[i].groups));
        free((void *)dt->rules[i].groups);
    }
    dates_words_free(dt);
}
