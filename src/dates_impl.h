/* dates_impl.h - the compiled date grammar, shared by date_grammar.c
 * (building it) and dates.c (running it).  Internal. */
#ifndef ALAM_DATES_IMPL_H
#define ALAM_DATES_IMPL_H

#include "date_values.h"
#include "dates.h"

#include "jit.h"

#include <stdatomic.h>
#include <stdint.h>

#define DW_KEY_MAX 64

/* A folded word or phrase (words separated by ' ') and what it means. */
typedef struct {
    char key[DW_KEY_MAX];
    int num;
} dword;

typedef struct {
    dword *v;
    size_t n, cap;
} dwords;

/* Word lists.  Each is also a {NAME} in the rule templates. */
typedef enum {
    L_MON,      /* Gregorian months (ICU + press variants): 1-12 */
    L_HMON,     /* Hijri months (ICU + spelling variants): 1-12 */
    L_WD,       /* weekdays (ICU): Monday = 1 */
    L_ORD,      /* ordinal day words: 1-31 */
    L_REL,      /* الماضي، المقبل ...: REL_* */
    L_DEC,      /* decade words: the tens digit */
    L_CNT,      /* count words: the number */
    L_CUNIT,    /* counted units: U_* * 10 + implied count (0 = plural) */
    L_PUNIT,    /* period units with the article: U_* */
    L_SEASON,   /* seasons: 1-4 */
    L_ERAH,     /* Hijri era marks */
    L_ERAG,     /* Gregorian era marks */
    L_TOD,      /* times of day before a day: مساء، صباح ... */
    L_MOD,      /* مطلع، أواخر ...: in the span */
    L_PREP,     /* في، منذ ...: context, out of the span */
    L_EVENT,    /* nouns a bare year follows: حرب، انتخابات ... */
    L_COUNTN,   /* nouns that make the number before them a count */
    L_NOTYEAR,  /* words that make the number after them no year */
    L_ADJNOUN,  /* nouns that العام follows as "general" */
    L_N
} list_id;

/* Token classes: a rule is tried at a token only when the token (under
 * some proclitic analysis) has one of the rule's first classes, or one of
 * its lead classes (a preposition) with the next token in its after
 * classes. */
enum {
    C_NUM12 = 1u << 0,       /* a number, 1 or 2 digits first (a day) */
    C_NUM3 = 1u << 1,        /* 3 digits first (a count) */
    C_NUM4 = 1u << 2,        /* 4 digits first (a year) */
    C_PAREN = 1u << 3, C_MON = 1u << 4, C_HMON = 1u << 5, C_WD = 1u << 6,
    C_PREP = 1u << 7,        /* في، منذ ... */
    C_FROM = 1u << 8,        /* من، بين: a range */
    C_AGO = 1u << 9,         /* قبل، منذ، بعد + a count */
    C_MOD = 1u << 10, C_TOD = 1u << 11, C_RELDAY = 1u << 12,
    C_THIS = 1u << 13, C_EVENT = 1u << 14, C_ORD = 1u << 15,
    C_DEC = 1u << 16, C_SEASON = 1u << 17,
    C_YAWM = 1u << 18,       /* يوم، اليوم */
    C_SANA = 1u << 19,       /* عام، سنة، عامي ... */
    C_SHAHR = 1u << 20,      /* شهر، الشهر */
    C_PUNIT = 1u << 21,      /* الأسبوع، الشهر، العام ... */
    C_AQD = 1u << 22, C_QARN = 1u << 23, C_PLUR = 1u << 24,
    C_TARIKH = 1u << 25, C_CNT = 1u << 26, C_CUNIT = 1u << 27
};

/* Named groups a rule may have.  The *2 fields of a range's second part
 * follow their first-part twins in the same order (F_DAY + F_SIDE2 ...). */
typedef enum {
    F_DAY, F_DAYW, F_GHURRA, F_MIN, F_MON, F_MONB, F_HMON, F_SHAHR,
    F_YEAR, F_EH, F_EG,
    F_DAY2, F_DAYW2, F_GHURRA2, F_MIN2, F_MON2, F_MONB2, F_HMON2, F_SHAHR2,
    F_YEAR2, F_EH2, F_EG2,
    F_D, F_MNUM, F_CURMON, F_CREL, F_REL, F_PREP, F_MOD, F_FROM, F_WD,
    F_TOD, F_RM2, F_RM1, F_R0, F_RP1, F_RP2, F_THIS, F_UNIT, F_AGO, F_CNT,
    F_CU, F_DEC, F_CENT, F_CENTN, F_SEASON, F_EPI, F_VU, F_VREL,
    F_N
} field;

#define F_SIDE2 (F_DAY2 - F_DAY)
#define GROUPS_PER_FIELD 4

typedef enum {
    R_DMY, R_MDY, R_MONTH, R_NUMERIC, R_YMD, R_DM_NUM, R_RANGE_DAYS,
    R_RANGE_MONTHS, R_RANGE_YEARS, R_RANGE_YEARS_DASH, R_YEAR_CAL,
    R_YEAR_CTX, R_YEAR_PAREN, R_YEAR_EVENT, R_WEEKDAY, R_RELDAY, R_PERIOD,
    R_AGO, R_DECADE, R_CENTURY, R_SEASON, R_VAGUE,
    R_N
} rule_id;

/* The capture groups of each field of a rule's pattern. */
typedef struct {
    uint16_t group[F_N][GROUPS_PER_FIELD];
} group_map;

typedef struct {
    rule_id id;
    date_kind kind;
    uint32_t first;          /* C_* classes its first token may have */
    uint32_t lead, after;    /* or: a first token of lead, then of after */
    jit_re *re;
    /* group numbers of each field, 0-terminated (names may repeat): read
     * from the compiled pattern, so made with it when it is lazy
     * (date_rule_groups()) */
    _Atomic(group_map *) *groups;
} rule;

/* Open addressing from a folded word to its C_* classes. */
typedef struct {
    char *key;               /* NULL = free */
    size_t len;
    uint32_t classes;
} class_slot;

/* A bit per hash of the words of the class table: most tokens near a
 * trigger are no date word, and this answers for them from a few cache
 * lines instead of a probe into the table. */
#define DATE_FILTER_BITS 4096

struct dates {
    dwords list[L_N];
    class_slot *slots;
    size_t n_slots;          /* a power of two */
    uint64_t filter[DATE_FILTER_BITS / 64];
    rule rules[R_N];
    size_t n_rules;
    uint64_t inputs;         /* hash of what the patterns are made of */
};

/* The number a word of a list stands for; -1 if it is not in it.  s[0, n)
 * may separate words with ' ' or DOC_SEP_NONE. */
int dates_word_num(const dates *dt, list_id l, const char *s, size_t n);

/* Is s[0, n) a word of list l? */
int dates_word_in(const dates *dt, list_id l, const char *s, size_t n);

/* The C_* classes of a folded word (0 when none). */
uint32_t dates_word_classes(const dates *dt, const char *s, size_t n);

/* A date candidate of one window: its span, and what it means. */
typedef struct {
    candidate c;             /* span; value written at the end */
    date_kind kind;
    rule_id rule;
    int range;               /* b holds the end of an interval */
    date_parts a, b;
} dcand;

typedef struct {
    dcand *v;
    size_t n, cap;
} dlist;

/* Is the key of token i one of words (folded)?  0 past the end. */
int dates_key_is(const doc *d, size_t i, const char *const *words, size_t n);

/* The analysis of token t whose stem (whole token, or after proclitics)
 * is the folded word w, or -1; dates_stem_in(): is one of words? */
int dates_stem_is(const doc *d, size_t t, const char *w);
int dates_stem_in(const doc *d, size_t t, const char *const *words,
                  size_t n);

/* Resolves the overlaps among l (sorted any way), merges linked dates,
 * writes their values and appends them to out.  Returns 0 or -1 when
 * memory ran out (date_merge.c). */
int dates_finish(const doc *d, const alam_options *o, dlist *l,
                 cand_list *out);

/* Folds s[0, n) like token keys (non-ASCII only: regex syntax stays);
 * returns the length written into out (cap > 0). */
size_t dates_fold(const char *s, size_t n, char *out, size_t cap);

/* Word lists and classes (date_words.c). */
alam_status dates_words_build(dates *dt, alam_error *err);
void dates_words_free(dates *dt);

/* Word lists, classes and rules (date_grammar.c); the rules from kept
 * (dates_new()) when not NULL. */
alam_status dates_grammar_build(dates *dt, int lazy, const void *kept,
                                size_t kept_len, alam_error *err);

/* The group map of rule r, made (with the pattern, if lazy) at the first
 * call and published atomically; NULL when out of memory or when a lazy
 * pattern failed to compile. */
const group_map *date_rule_groups(const rule *r);
void dates_grammar_free(dates *dt);

#endif
