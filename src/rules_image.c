/* rules_image.c - the parsed rules as the compiled image keeps them, so
 * that a model loaded from a sound image skips parsing the rule files.
 *
 * Layout (host byte order, as the rest of the image; no alignment: every
 * field is copied out):
 *   header    format version, then TC_COUNT, RULE_WIDTH, RULE_LIT_BASE,
 *             RULE_WORD_BYTES (what the bytes of a regex and the sets of
 *             literal codes mean), PRE_TOKENS, PRE_PATHS and PRE_CLAUSES
 *             (the bounds of a prefilter), the number of rules and of words
 *   per rule  id, regex, place (each NUL-terminated; the place relative to
 *             the rules directory), label, priority, flags (anchored,
 *             has_second), trigger, reject and second bits, the trigger
 *             and second sets of literal codes, then the prefilter: its
 *             number of paths, and per path its length and whether it is
 *             open, then per test the forbidden bits, the number of
 *             clauses, the bits of each, and unless it has none, whether
 *             they test words (0 or 1) and, if so, the set of literal
 *             codes
 *   per word  the folded word (NUL-terminated), its literal code
 * Read back, every count, length and value is checked against what the
 * parser can give, and the bytes must end with the last word: a corrupt
 * section is refused, never read out of bounds.  Bump RULES_IMG_VERSION
 * whenever the parser's output changes meaning. */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULES_IMG_VERSION 2u    /* 2: the prefilter */

enum { RF_ANCHORED = 1, RF_SECOND = 2 };

/* The section's first words, written and expected alike: the format and
 * what the bytes of a regex and a set of literal codes mean. */
static const uint32_t header[] = {RULES_IMG_VERSION, TC_COUNT, RULE_WIDTH,
                                  RULE_LIT_BASE, RULE_WORD_BYTES, PRE_TOKENS,
                                  PRE_PATHS, PRE_CLAUSES};

/* The smallest rule: three one-byte strings, the fixed fields and a
 * prefilter of one path of no test. */
#define RULE_MIN_BYTES (3 * 2 + 3 * 4 + 3 * 8 + 2 * RULE_WORD_BYTES + 3 * 4)
#define ID_MAX 63                       /* as the parser allows */
#define WORD_MAX (sizeof *((rule_set_src *)0)->lit - 1)

/* ---- writing ---- */

static void put_u32(strbuf *b, uint32_t v)
{
    strbuf_put(b, (const char *)&v, sizeof v);
}

static void put_u64(strbuf *b, uint64_t v)
{
    strbuf_put(b, (const char *)&v, sizeof v);
}

static void put_str(strbuf *b, const char *s)
{
    strbuf_put(b, s, strlen(s) + 1);
}

/* The place of a rule without the directory it was parsed from. */
static const char *relative(const char *where, const char *dir)
{
    size_t n = strlen(dir);
    return !strncmp(where, dir, n) && where[n] == '/' ? where + n + 1 : where;
}

static int lits_none(const uint8_t *set)
{
    for (int i = 0; i < RULE_WORD_BYTES; i++)
        if (set[i])
            return 0;
    return 1;
}

static void put_prefilter(strbuf *b, const pre_set *s)
{
    put_u32(b, s->n);
    for (int i = 0; i < s->n; i++) {
        const pre_path *p = &s->p[i];
        put_u32(b, p->len);
        put_u32(b, p->open);
        for (int j = 0; j < p->len; j++) {
            const pre_test *t = &p->t[j];
            int words = !lits_none(t->lit);
            put_u64(b, t->forb);
            put_u32(b, t->n_clauses);
            for (int k = 0; k < t->n_clauses; k++)
                put_u64(b, t->any[k]);
            if (t->n_clauses)
                put_u32(b, (uint32_t)words);
            if (words)
                strbuf_put(b, (const char *)t->lit, RULE_WORD_BYTES);
        }
    }
}

static void put_rule(strbuf *b, const rule_src *r, const char *dir)
{
    put_str(b, r->id);
    put_str(b, r->regex);
    put_str(b, relative(r->where, dir));
    put_u32(b, (uint32_t)r->label);
    put_u32(b, (uint32_t)r->priority);
    put_u32(b, (r->anchored ? RF_ANCHORED : 0) |
                   (r->has_second ? RF_SECOND : 0));
    put_u64(b, r->trigger);
    put_u64(b, r->reject);
    put_u64(b, r->second);
    strbuf_put(b, (const char *)r->trigger_lit, RULE_WORD_BYTES);
    strbuf_put(b, (const char *)r->second_lit, RULE_WORD_BYTES);
    put_prefilter(b, &r->pre);
}

int rules_image_put(const rule_set_src *set, const char *dir, strbuf *out)
{
    for (size_t i = 0; i < sizeof header / sizeof *header; i++)
        put_u32(out, header[i]);
    put_u32(out, (uint32_t)set->n);
    put_u32(out, (uint32_t)set->n_lit);
    for (size_t i = 0; i < set->n; i++)
        put_rule(out, &set->v[i], dir);
    for (size_t i = 0; i < set->n_lit; i++) {
        put_str(out, set->lit[i]);
        put_u32(out, set->lit_code[i]);
    }
    return out->failed ? -1 : 0;
}

/* ---- reading ---- */

typedef struct {
    const unsigned char *p;
    size_t n;               /* bytes left */
    int bad;                /* a read ran past the end */
} reader;

static void take(reader *r, void *out, size_t k)
{
    if (r->bad || r->n < k) {
        r->bad = 1;
        memset(out, 0, k);
        return;
    }
    memcpy(out, r->p, k);
    r->p += k;
    r->n -= k;
}

static uint32_t get_u32(reader *r)
{
    uint32_t v;
    take(r, &v, sizeof v);
    return v;
}

static uint64_t get_u64(reader *r)
{
    uint64_t v;
    take(r, &v, sizeof v);
    return v;
}

/* A NUL-terminated string of 1 to max bytes, in place; NULL when there is
 * none. */
static const char *get_str(reader *r, size_t max)
{
    const unsigned char *end = r->bad || !r->n ? NULL
        : memchr(r->p, '\0', r->n < max + 1 ? r->n : max + 1);
    if (!end || end == r->p) {
        r->bad = 1;
        return NULL;
    }
    const char *s = (const char *)r->p;
    r->n -= (size_t)(end + 1 - r->p);
    r->p = end + 1;
    return s;
}

/* A set of literal codes holds no code past the last one. */
static int codes_valid(const uint8_t *set)
{
    size_t first = RULE_MAX_LITERALS + 1;   /* the first bit past them */
    if (set[first / 8] >> (first % 8))
        return 0;
    for (size_t i = first / 8 + 1; i < RULE_WORD_BYTES; i++)
        if (set[i])
            return 0;
    return 1;
}

/* Test t as put_prefilter() wrote it: at most PRE_CLAUSES clauses, then
 * (unless none) a word flag of 0 or 1 and, after a 1, a sound set of
 * codes that is not empty. */
static const char *get_test(reader *rd, pre_test *t)
{
    static const char *const bad = "rules section holds a malformed prefilter";
    t->forb = get_u64(rd);
    uint32_t n = get_u32(rd);
    if (rd->bad || n > PRE_CLAUSES)
        return rd->bad ? "rules section truncated" : bad;
    t->n_clauses = (uint8_t)n;
    for (int k = 0; k < t->n_clauses; k++)
        t->any[k] = get_u64(rd);
    uint32_t words = n ? get_u32(rd) : 0;
    if (words == 1)
        take(rd, t->lit, RULE_WORD_BYTES);
    if (rd->bad)
        return "rules section truncated";
    if (words > 1 || (words && (lits_none(t->lit) || !codes_valid(t->lit))))
        return bad;
    return NULL;
}

/* The prefilter as put_prefilter() wrote it: one path or more, each of at
 * most PRE_TOKENS sound tests. */
static const char *get_prefilter(reader *rd, pre_set *s)
{
    uint32_t n = get_u32(rd);
    if (rd->bad || n < 1 || n > PRE_PATHS)
        return rd->bad ? "rules section truncated"
                       : "rules section holds a malformed prefilter";
    s->n = (uint8_t)n;
    for (int i = 0; i < s->n; i++) {
        pre_path *p = &s->p[i];
        uint32_t len = get_u32(rd), open = get_u32(rd);
        if (rd->bad || len > PRE_TOKENS || open > 1)
            return rd->bad ? "rules section truncated"
                           : "rules section holds a malformed prefilter";
        p->len = (uint8_t)len;
        p->open = (uint8_t)open;
        for (int j = 0; j < p->len; j++) {
            const char *why = get_test(rd, &p->t[j]);
            if (why)
                return why;
        }
    }
    return NULL;
}

static int id_valid(const char *id)
{
    return id && strlen(id) <= ID_MAX &&
           strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_.-") == strlen(id);
}

/* Rule r as put_rule() wrote it; the strings are copied. */
static const char *get_rule(reader *rd, const char *dir, rule_src *r)
{
    const char *id = get_str(rd, ID_MAX), *re = get_str(rd, rd->n),
               *where = get_str(rd, sizeof r->where - 1);
    uint32_t label = get_u32(rd), priority = get_u32(rd), flags = get_u32(rd);
    r->trigger = get_u64(rd);
    r->reject = get_u64(rd);
    r->second = get_u64(rd);
    take(rd, r->trigger_lit, RULE_WORD_BYTES);
    take(rd, r->second_lit, RULE_WORD_BYTES);
    if (rd->bad)
        return "rules section truncated";
    if (!id_valid(id) || label > ALAM_LOCATION || priority > 100 ||
        flags > (RF_ANCHORED | RF_SECOND) || !codes_valid(r->trigger_lit) ||
        !codes_valid(r->second_lit))
        return "rules section holds a malformed rule";
    const char *why = get_prefilter(rd, &r->pre);
    if (why)
        return why;
    r->label = (int)label;
    r->priority = (int)priority;
    r->anchored = (flags & RF_ANCHORED) != 0;
    r->has_second = (flags & RF_SECOND) != 0;
    snprintf(r->where, sizeof r->where, "%s/%s", dir, where);
    r->id = strdup(id);
    r->regex = strdup(re);
    return r->id && r->regex ? NULL : "out of memory";
}

static const char *get_words(reader *rd, rule_set_src *set, size_t n)
{
    set->lit = calloc(n ? n : 1, sizeof *set->lit);
    set->lit_code = calloc(n ? n : 1, sizeof *set->lit_code);
    if (!set->lit || !set->lit_code)
        return "out of memory";
    for (; set->n_lit < n; set->n_lit++) {
        const char *w = get_str(rd, WORD_MAX);
        uint32_t code = get_u32(rd);
        if (rd->bad)
            return "rules section truncated";
        if (!code || code > RULE_MAX_LITERALS)
            return "rules section holds a malformed word";
        strcpy(set->lit[set->n_lit], w);
        set->lit_code[set->n_lit] = (uint8_t)code;
    }
    return NULL;
}

static const char *get_all(reader *rd, const char *dir, rule_set_src *set)
{
    for (size_t i = 0; i < sizeof header / sizeof *header; i++)
        if (get_u32(rd) != header[i])
            return "rules section of another format";
    size_t n = get_u32(rd), n_lit = get_u32(rd);
    if (rd->bad || n > rd->n / RULE_MIN_BYTES || n_lit > RULE_MAX_WORDS)
        return "rules section counts out of range";
    if (n && !(set->v = calloc(n, sizeof *set->v)))
        return "out of memory";
    set->cap = n;
    for (const char *why; set->n < n; set->n++)
        if ((why = get_rule(rd, dir, &set->v[set->n]))) {
            set->n++;               /* its strings are freed with the set */
            return why;
        }
    const char *why = get_words(rd, set, n_lit);
    return why ? why : rd->n ? "rules section longer than its rules" : NULL;
}

const char *rules_image_get(const void *p, size_t n, const char *dir,
                            rule_set_src *set)
{
    reader rd = {p, p ? n : 0, 0};
    const char *why = get_all(&rd, dir, set);
    if (why)
        rule_set_src_free(set);
    return why;
}
