/* eval.c - `alam eval`: scores alam against token-per-line gold files.
 *
 * Each gold sentence becomes one document (its tokens joined by single
 * spaces).  alam's entities are mapped onto the gold tokens they overlap,
 * so both sides are token spans and conlleval's exact-span rule applies
 * even where alam starts a name inside a token (بغداد in وبغداد).
 * Files are read one sentence at a time: memory follows the longest
 * sentence and the error tallies, never the corpus. */
#include "alam.h"
#include "cli.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_LABELS = 5, TYPE_MAX = 64, CONTEXT_CHARS = 80 };

#define BLANKS " \t\r\n\v\f"

/* ---- schemes ------------------------------------------------------------ */

typedef struct {
    const char *type;   /* gold entity type, as after B-/I- */
    int label;          /* index into scheme.labels */
} type_map;

typedef struct {
    const char *name;
    int n_labels;
    const char *labels[MAX_LABELS];     /* reported labels, in output order */
    type_map gold[MAX_LABELS + 2];      /* ends with {NULL, 0} */
    int pred[ALAM_DATE + 1];            /* alam_label -> label index, -1 */
    const char *const *generic_heads;   /* see unscored(); NULL-terminated */
    const char *const *place_heads;     /* see place_head(); NULL-terminated */
} scheme;

/* ANERcorp tags an organization only when it has a name of its own: a
 * government, ministry, army, forces or police named by its kind and its
 * country or portfolio (الحكومة العراقية، وزارة الخارجية، الجيش الإسرائيلي)
 * is left untagged in all of its training part (28 of 28 وزارة, 75 of 75
 * الحكومة, 63 of 63 الجيش, 44 of 44 قوات), while alam's convention (and
 * ANNOTATION.md's) makes it ORG.  Under that scheme such spans are not
 * scored, as a MISC gold span is not; --raw scores them. */
static const char *const anercorp_generic[] = {
    "الحكومة", "حكومة", "وزارة", "الجيش", "جيش", "القوات", "قوات", "الشرطة",
    NULL,
};

/* ANERcorp leaves the head word out of a state or a strip named with one,
 * where ANNOTATION.md keeps it in (دولة قطر، قطاع غزة): in its training
 * part دولة X is tagged X 13 times of 13, جمهورية X 12 of 13, قطاع غزة
 * 12 of 12.  Under that scheme such a span is scored from its second word. */
static const char *const anercorp_place_heads[] = {
    "دولة", "جمهورية", "قطاع", NULL,
};

/* Gold types not listed (MISC, OCC, NORP, ...) are ignored, and so are
 * predicted labels mapped to -1: neither side is scored on them. */
static const scheme schemes[] = {
    {"anercorp", 3, {"PERSON", "LOCATION", "ORG"},
     {{"PERS", 0}, {"LOC", 1}, {"ORG", 2}, {NULL, 0}},
     {-1, 0, 2, 1, 1, -1}, anercorp_generic, anercorp_place_heads},
    {"wojood", 4, {"PERSON", "ORG", "LOCATION", "DATE"},
     {{"PERS", 0}, {"ORG", 1}, {"GPE", 2}, {"LOC", 2}, {"DATE", 3}, {NULL, 0}},
     {-1, 0, 1, 2, 2, 3}, NULL, NULL},
    {"plain", 5, {"PERSON", "ORG", "COUNTRY", "LOCATION", "DATE"},
     {{"PERSON", 0}, {"ORG", 1}, {"COUNTRY", 2}, {"LOCATION", 3}, {"DATE", 4},
      {NULL, 0}},
     {-1, 0, 1, 2, 3, 4}, NULL, NULL},
};

static const scheme *find_scheme(const char *name)
{
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
        if (!strcmp(schemes[i].name, name))
            return &schemes[i];
    return NULL;
}

static int gold_label(const scheme *sc, const char *type)
{
    for (const type_map *m = sc->gold; m->type; m++)
        if (!strcmp(m->type, type))
            return m->label;
    return -1;
}

static int pred_label(const scheme *sc, alam_label l)
{
    return l >= ALAM_PERSON && l <= ALAM_DATE ? sc->pred[l] : -1;
}

/* Is the first word of the n bytes at t one of heads?  A definite head
 * after ل, whose article lost its alef (للحكومة: the entity starts at
 * لحكومة), counts as the head. */
static int first_word_in(const char *const *heads, const char *t, size_t n)
{
    static const char lam[] = "\xD9\x84", al[] = "\xD8\xA7\xD9\x84";
    const char *sp = memchr(t, ' ', n);
    size_t w = sp ? (size_t)(sp - t) : n;
    int elided = w > 2 && !memcmp(t, lam, 2);
    for (const char *const *h = heads; h && *h; h++) {
        size_t k = strlen(*h);
        if ((k == w && !memcmp(*h, t, w)) ||
            (elided && k == w + 2 && !memcmp(*h, al, 4) &&
             !memcmp(*h + 4, t + 2, w - 2)))
            return 1;
    }
    return 0;
}

/* Is the ORG entity e, whose text starts at t, one the scheme's gold leaves
 * untagged by convention: its first word one of the scheme's generic heads? */
static int unscored(const scheme *sc, const alam_entity *e, const char *t)
{
    return e->label == ALAM_ORG &&
           first_word_in(sc->generic_heads, t, e->byte_end - e->byte_start);
}

/* Does the scheme's gold leave out the first word of the place entity e? */
static int place_head(const scheme *sc, const alam_entity *e, const char *t)
{
    return (e->label == ALAM_COUNTRY || e->label == ALAM_LOCATION) &&
           first_word_in(sc->place_heads, t, e->byte_end - e->byte_start);
}

/* ---- state -------------------------------------------------------------- */

typedef struct {
    size_t first, last;   /* gold tokens, inclusive */
    size_t b0, b1;        /* bytes of the span's own text in the sentence */
    int label;
    int exact;            /* has a twin on the other side */
    int matched;          /* paired in the overlap matching */
} span;

typedef struct {
    span *v;
    size_t n, cap;
} span_list;

typedef struct {
    size_t b0, b1;
} tok_range;

/* The span open in one tag column (one nesting level). */
typedef struct {
    char type[TYPE_MAX];
    size_t start;
    int open;
} level;

typedef struct {
    char *text;               /* tokens joined by single spaces */
    size_t len, cap;
    tok_range *tok;
    size_t n_tok, tok_cap;
    level *lv;
    size_t n_lv, lv_cap;
    span_list gold, pred;
    span_list other;          /* gold spans of types the scheme ignores */
    size_t line;              /* first line, for messages */
} sentence;

typedef struct {
    size_t gold, pred, tp, otp;   /* otp: pairs of the overlap matching */
} counts;

typedef struct {
    char *text, *context;
    size_t count, order;
    int label, spurious;
} tally_entry;

/* Open addressing; text == NULL marks a free slot. */
typedef struct {
    tally_entry *v;
    size_t n, cap;
} tally;

typedef struct {
    const scheme *sc;
    int json;
    size_t n_errors;
    const char *data_dir;
    const char **lists;
    size_t n_lists;
    size_t context;           /* sentences before each one, as its document */
    int conventions;          /* map alam's conventions to the gold's */
} eval_opts;

/* The last few sentences' texts, oldest first, each ending in a newline:
 * with --context N a sentence is annotated after them, as one document. */
typedef struct {
    char *text;
    size_t len, cap;
    size_t *ends;             /* end of each kept sentence in text */
    size_t n;
} history;

typedef struct {
    const eval_opts *o;
    alam_model *model;
    counts c[MAX_LABELS];
    size_t sentences;
    tally t;
    sentence s;
    history h;
    char *doc;
    size_t doc_cap;
} evaluator;

static int nomem(void)
{
    cli_message("error", "out of memory");
    return -1;
}

/* Makes room for need items; NULL (v untouched) when memory runs out. */
static void *grow(void *v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return v;
    size_t n = *cap ? *cap : 16;
    while (n < need && n < SIZE_MAX / 2 / size)
        n *= 2;
    if (n < need)
        return NULL;
    void *p = realloc(v, n * size);
    if (p)
        *cap = n;
    return p;
}

static int push_span(span_list *l, const span *s)
{
    span *v = grow(l->v, &l->cap, l->n + 1, sizeof *v);
    if (!v)
        return nomem();
    l->v = v;
    l->v[l->n++] = *s;
    return 0;
}

/* ---- reading gold ------------------------------------------------------- */

/* Ends the span open in l before token end; keeps it if its type maps. */
static int close_level(sentence *s, const scheme *sc, level *l, size_t end)
{
    if (!l->open)
        return 0;
    l->open = 0;
    int label = gold_label(sc, l->type);
    span g = {l->start, end - 1, s->tok[l->start].b0, s->tok[end - 1].b1,
              label, 0, 0};
    return push_span(label < 0 ? &s->other : &s->gold, &g);
}

static int close_levels(sentence *s, const scheme *sc, size_t from)
{
    for (size_t k = from; k < s->n_lv; k++)
        if (close_level(s, sc, &s->lv[k], s->n_tok) < 0)
            return -1;
    return 0;
}

static int ensure_levels(sentence *s, size_t n)
{
    level *v = grow(s->lv, &s->lv_cap, n, sizeof *v);
    if (!v)
        return nomem();
    s->lv = v;
    for (; s->n_lv < n; s->n_lv++)
        s->lv[s->n_lv].open = 0;
    return 0;
}

/* One tag of column col on the token about to be appended.  I-X after O
 * or after another type opens a span: that is IOB1, and it tolerates the
 * same slip in IOB2 files. */
static int apply_tag(sentence *s, const scheme *sc, size_t col, char kind,
                     const char *type)
{
    level *l = &s->lv[col];
    if (kind == 'I' && l->open && !strcmp(l->type, type))
        return 0;
    if (close_level(s, sc, l, s->n_tok) < 0)
        return -1;
    if (kind == 'O')
        return 0;
    strcpy(l->type, type);
    l->start = s->n_tok;
    l->open = 1;
    return 0;
}

static int append_token(sentence *s, const char *t)
{
    size_t n = strlen(t), need = s->len + n + 2;
    char *text = grow(s->text, &s->cap, need, 1);
    tok_range *tok = text ? grow(s->tok, &s->tok_cap, s->n_tok + 1, sizeof *tok)
                          : NULL;
    if (text)
        s->text = text;
    if (!tok)
        return nomem();
    s->tok = tok;
    if (s->len)
        s->text[s->len++] = ' ';
    s->tok[s->n_tok].b0 = s->len;
    memcpy(s->text + s->len, t, n);
    s->len += n;
    s->text[s->len] = '\0';
    s->tok[s->n_tok++].b1 = s->len;
    return 0;
}

static char *next_field(char **p)
{
    char *f = *p + strspn(*p, BLANKS);
    if (!*f)
        return NULL;
    char *e = f + strcspn(f, BLANKS);
    if (*e)
        *e++ = '\0';
    *p = e;
    return f;
}

/* 'O', 'B' or 'I' (with *type set), or 0 when the tag is malformed. */
static char parse_tag(const char *t, const char **type)
{
    if (!strcmp(t, "O"))
        return 'O';
    if ((t[0] == 'B' || t[0] == 'I') && t[1] == '-' && t[2] &&
        strlen(t + 2) < TYPE_MAX) {
        *type = t + 2;
        return t[0];
    }
    return 0;
}

static int bad_line(const char *name, size_t lineno, const char *what,
                    const char *arg)
{
    cli_message("error", "%s:%zu: %s%s", name, lineno, what, arg);
    return -1;
}

/* The tags of one token line, then the token itself. */
static int token_line(evaluator *ev, char *rest, const char *tok,
                      const char *name, size_t lineno)
{
    sentence *s = &ev->s;
    size_t col = 0;
    for (char *t; (t = next_field(&rest)); col++) {
        const char *type = NULL;
        char kind = parse_tag(t, &type);
        if (!kind)
            return bad_line(name, lineno, "malformed tag (want O, B-TYPE or "
                            "I-TYPE): ", t);
        if (ensure_levels(s, col + 1) < 0 ||
            apply_tag(s, ev->o->sc, col, kind, type) < 0)
            return -1;
    }
    if (col == 0)
        return bad_line(name, lineno, "want TOKEN TAG [TAG...], got only ",
                        tok);
    if (s->n_tok == 0)
        s->line = lineno;
    /* A token with fewer tags than the last one is O in the missing
     * columns: Wojood lists levels outermost first. */
    if (close_levels(s, ev->o->sc, col) < 0)
        return -1;
    return append_token(s, tok);
}

static int end_sentence(evaluator *ev, const char *name);

static int gold_line(evaluator *ev, char *line, size_t lineno,
                     const char *name)
{
    if (lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3))
        line += 3;
    char *rest = line;
    char *tok = next_field(&rest);
    if (!tok)
        return end_sentence(ev, name);
    if (!strcmp(tok, "$#$"))   /* Wojood's segment marker, not text */
        return 0;
    return token_line(ev, rest, tok, name, lineno);
}

/* ---- scoring one sentence ----------------------------------------------- */

/* Does the gold give tokens [first, last] a type the scheme does not score? */
static int unscored_gold(const sentence *s, size_t first, size_t last)
{
    for (size_t k = 0; k < s->other.n; k++)
        if (s->other.v[k].first == first && s->other.v[k].last == last)
            return 1;
    return 0;
}

/* Predicted spans, from the entities at byte skip on (the sentence, after
 * its context): each covers every token it overlaps.  One that is exactly
 * a gold span of an unscored type (ANERcorp's MISC) is not scored. */
static int predicted_spans(sentence *s, const eval_opts *o,
                           const alam_result *r, size_t skip, const char *doc)
{
    const scheme *sc = o->sc;
    size_t i = 0;
    for (size_t e = 0; e < r->count; e++) {
        const alam_entity *en = &r->entities[e];
        int label = pred_label(sc, en->label);
        if (en->byte_start < skip ||
            (o->conventions && unscored(sc, en, doc + en->byte_start)))
            continue;
        size_t b0 = en->byte_start - skip, b1 = en->byte_end - skip;
        while (i < s->n_tok && s->tok[i].b1 <= b0)
            i++;
        if (label < 0 || i == s->n_tok || s->tok[i].b0 >= b1)
            continue;
        size_t last = i;
        while (last + 1 < s->n_tok && s->tok[last + 1].b0 < b1)
            last++;
        size_t first = i;
        if (o->conventions && last > i && place_head(sc, en, doc + en->byte_start))
            b0 = s->tok[++first].b0;
        span p = {first, last, b0, b1, label, 0, 0};
        if (o->conventions && unscored_gold(s, first, last))
            continue;
        if (push_span(&s->pred, &p) < 0)
            return -1;
    }
    return 0;
}

static int cmp_key(const span *a, const span *b)
{
    if (a->label != b->label)
        return a->label < b->label ? -1 : 1;
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    if (a->last != b->last)
        return a->last < b->last ? -1 : 1;
    return 0;
}

/* Label, then text order; b0 only makes the kept duplicate deterministic. */
static int by_key(const void *pa, const void *pb)
{
    const span *a = pa, *b = pb;
    int d = cmp_key(a, b);
    return d ? d : (a->b0 > b->b0) - (a->b0 < b->b0);
}

/* Nested levels can map to one span twice (GPE in LOC, two entities in
 * one token): the same tokens and label count once. */
static void dedupe(span_list *l)
{
    size_t n = 0;
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_key);
    for (size_t i = 0; i < l->n; i++)
        if (n == 0 || cmp_key(&l->v[n - 1], &l->v[i]))
            l->v[n++] = l->v[i];
    l->n = n;
}

static void mark_exact(span_list *g, span_list *p, counts *c)
{
    size_t i = 0, j = 0;
    while (i < g->n && j < p->n) {
        int d = cmp_key(&g->v[i], &p->v[j]);
        if (d == 0) {
            g->v[i].exact = g->v[i].matched = 1;
            p->v[j].exact = p->v[j].matched = 1;
            c[g->v[i].label].tp++;
            c[g->v[i].label].otp++;
        }
        i += d <= 0;
        j += d >= 0;
    }
}

/* One-to-one, greedy in text order.  Exact twins are paired first (by
 * mark_exact) so that a nested gold span cannot take another one's exact
 * partner: overlap scores are never below exact ones. */
static void match_overlap(span_list *g, span_list *p, counts *c)
{
    size_t j0 = 0;
    for (size_t i = 0; i < g->n; i++) {
        span *a = &g->v[i];
        while (j0 < p->n && p->v[j0].label < a->label)
            j0++;
        for (size_t j = j0; !a->matched && j < p->n &&
             p->v[j].label == a->label && p->v[j].first <= a->last; j++) {
            span *b = &p->v[j];
            if (!b->matched && b->last >= a->first) {
                a->matched = b->matched = 1;
                c[a->label].otp++;
            }
        }
    }
}

static void score(sentence *s, counts *c)
{
    for (size_t i = 0; i < s->gold.n; i++)
        c[s->gold.v[i].label].gold++;
    for (size_t i = 0; i < s->pred.n; i++)
        c[s->pred.v[i].label].pred++;
    mark_exact(&s->gold, &s->pred, c);
    match_overlap(&s->gold, &s->pred, c);
}

/* ---- error tallies ------------------------------------------------------ */

static int is_cont(unsigned char ch)
{
    return (ch & 0xC0) == 0x80;
}

static size_t count_chars(const char *t, size_t b0, size_t b1)
{
    size_t n = 0;
    for (size_t i = b0; i < b1; i++)
        n += !is_cont((unsigned char)t[i]);
    return n;
}

static size_t back_chars(const char *t, size_t p, size_t n)
{
    for (; n && p > 0; n--)
        while (--p > 0 && is_cont((unsigned char)t[p]))
            ;
    return p;
}

static size_t fwd_chars(const char *t, size_t len, size_t p, size_t n)
{
    for (; n && p < len; n--)
        while (++p < len && is_cont((unsigned char)t[p]))
            ;
    return p;
}

/* Where the context window [*l, *r) around [b0, b1) starts and ends:
 * about CONTEXT_CHARS characters, the room split evenly, then pulled in
 * to whole words. */
static void context_window(const char *t, size_t len, size_t b0, size_t b1,
                           size_t *l, size_t *r)
{
    size_t n = count_chars(t, b0, b1);
    size_t room = n < CONTEXT_CHARS ? CONTEXT_CHARS - n : 0;
    size_t have_l = count_chars(t, 0, b0), have_r = count_chars(t, b1, len);
    size_t want_l = room / 2, want_r = room - want_l;
    if (have_l < want_l)
        want_r += want_l - have_l;
    if (have_r < want_r)
        want_l += want_r - have_r;
    *l = back_chars(t, b0, want_l);
    *r = fwd_chars(t, len, b1, want_r);
    const char *sp = *l > 0 && t[*l - 1] != ' '
                     ? memchr(t + *l, ' ', b0 - *l) : NULL;
    if (sp)
        *l = (size_t)(sp - t) + 1;
    for (size_t i = *r; *r < len && t[*r] != ' ' && i > b1; i--)
        if (t[i - 1] == ' ')
            *r = i - 1;
}

/* The sentence around [b0, b1), the span in brackets, "…" where cut. */
static char *context(const char *t, size_t len, size_t b0, size_t b1)
{
    size_t l, r;
    context_window(t, len, b0, b1, &l, &r);
    size_t n = (r - l) + 2 + 2 * strlen("… ") + 1;
    char *c = malloc(n);
    if (c)
        snprintf(c, n, "%s%.*s[%.*s]%.*s%s", l > 0 ? "… " : "",
                 (int)(b0 - l), t + l, (int)(b1 - b0), t + b0,
                 (int)(r - b1), t + b1, r < len ? " …" : "");
    return c;
}

static size_t hash_key(const char *s, size_t n, int label, int spurious)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)(label * 2 + spurious);
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return (size_t)h;
}

static tally_entry *tally_slot(const tally *t, const char *s, size_t n,
                               int label, int spurious)
{
    size_t i = hash_key(s, n, label, spurious) & (t->cap - 1);
    for (;; i = (i + 1) & (t->cap - 1)) {
        tally_entry *e = &t->v[i];
        if (!e->text || (e->label == label && e->spurious == spurious &&
                         !strncmp(e->text, s, n) && !e->text[n]))
            return e;
    }
}

static int tally_grow(tally *t)
{
    size_t cap = t->cap ? t->cap * 2 : 256;
    tally_entry *v = calloc(cap, sizeof *v), *old = t->v;
    if (!v)
        return nomem();
    tally bigger = {v, t->n, cap};
    for (size_t i = 0; i < t->cap; i++)
        if (old[i].text)
            *tally_slot(&bigger, old[i].text, strlen(old[i].text),
                        old[i].label, old[i].spurious) = old[i];
    free(old);
    *t = bigger;
    return 0;
}

/* Counts one unmatched span; the first occurrence gives the context. */
static int tally_add(tally *t, const sentence *s, const span *sp,
                     int spurious)
{
    if (2 * (t->n + 1) > t->cap && tally_grow(t) < 0)
        return -1;
    size_t n = sp->b1 - sp->b0;
    tally_entry *e = tally_slot(t, s->text + sp->b0, n, sp->label, spurious);
    if (e->text) {
        e->count++;
        return 0;
    }
    char *text = malloc(n + 1);
    char *ctx = context(s->text, s->len, sp->b0, sp->b1);
    if (!text || !ctx) {
        free(text);
        free(ctx);
        return nomem();
    }
    memcpy(text, s->text + sp->b0, n);
    text[n] = '\0';
    *e = (tally_entry){text, ctx, 1, t->n++, sp->label, spurious};
    return 0;
}

static int tally_sentence(tally *t, const sentence *s)
{
    for (size_t i = 0; i < s->gold.n; i++)
        if (!s->gold.v[i].exact && tally_add(t, s, &s->gold.v[i], 0) < 0)
            return -1;
    for (size_t i = 0; i < s->pred.n; i++)
        if (!s->pred.v[i].exact && tally_add(t, s, &s->pred.v[i], 1) < 0)
            return -1;
    return 0;
}

static void tally_free(tally *t)
{
    for (size_t i = 0; i < t->cap; i++) {
        free(t->v[i].text);
        free(t->v[i].context);
    }
    free(t->v);
}

/* ---- one sentence, one file --------------------------------------------- */

static void reset_sentence(sentence *s)
{
    s->len = s->n_tok = s->gold.n = s->pred.n = s->other.n = 0;
    for (size_t k = 0; k < s->n_lv; k++)
        s->lv[k].open = 0;
}

/* The document a sentence is annotated in: the kept history, then the
 * sentence; *skip is where the sentence starts in it. */
static const char *document(evaluator *ev, size_t *len, size_t *skip)
{
    const sentence *s = &ev->s;
    const history *h = &ev->h;
    *skip = h->len;
    *len = h->len + s->len;
    if (!h->len)
        return s->text;
    char *d = grow(ev->doc, &ev->doc_cap, *len + 1, 1);
    if (!d)
        return NULL;
    ev->doc = d;
    memcpy(d, h->text, h->len);
    memcpy(d + h->len, s->text, s->len);
    d[*len] = '\0';
    return d;
}

/* Keeps the sentence as context for the next ones, dropping the oldest
 * once there are --context of them. */
static int remember(evaluator *ev)
{
    history *h = &ev->h;
    const sentence *s = &ev->s;
    size_t n = ev->o->context;
    if (!n)
        return 0;
    if (h->n == n) {
        size_t cut = h->ends[0];
        memmove(h->text, h->text + cut, h->len - cut);
        h->len -= cut;
        for (size_t i = 1; i < h->n; i++)
            h->ends[i - 1] = h->ends[i] - cut;
        h->n--;
    }
    char *t = grow(h->text, &h->cap, h->len + s->len + 1, 1);
    if (!t)
        return nomem();
    h->text = t;
    if (!h->ends && !(h->ends = malloc(n * sizeof *h->ends)))
        return nomem();
    memcpy(t + h->len, s->text, s->len);
    h->len += s->len;
    t[h->len++] = '\n';
    h->ends[h->n++] = h->len;
    return 0;
}

static int eval_sentence(evaluator *ev, const char *name)
{
    sentence *s = &ev->s;
    alam_result *r;
    size_t len, skip;
    const char *doc = document(ev, &len, &skip);
    if (!doc)
        return nomem();
    alam_status st = alam_annotate(ev->model, doc, len, NULL, &r);
    if (st != ALAM_OK) {
        cli_message("error", "%s:%zu: %s", name, s->line, alam_strerror(st));
        return -1;
    }
    int rc = predicted_spans(s, ev->o, r, skip, doc);
    alam_result_free(r);
    if (rc < 0 || remember(ev) < 0)
        return -1;
    dedupe(&s->gold);
    dedupe(&s->pred);
    score(s, ev->c);
    ev->sentences++;
    return ev->o->n_errors ? tally_sentence(&ev->t, s) : 0;
}

static int end_sentence(evaluator *ev, const char *name)
{
    sentence *s = &ev->s;
    int rc = 0;
    if (s->n_tok)   /* a sentence of $#$ markers alone is no sentence */
        rc = close_levels(s, ev->o->sc, 0) < 0 ? -1 : eval_sentence(ev, name);
    reset_sentence(s);
    return rc;
}

static int read_gold(evaluator *ev, FILE *f, const char *name)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    int rc = 0;
    errno = 0;
    while (rc == 0 && getline(&line, &cap, f) >= 0)
        rc = gold_line(ev, line, ++lineno, name);
    if (rc == 0 && ferror(f)) {
        cli_message("error", "%s: %s", name, strerror(errno));
        rc = -1;
    }
    free(line);
    if (rc == 0)
        rc = end_sentence(ev, name);
    reset_sentence(&ev->s);
    return rc;
}

static int eval_file(evaluator *ev, const char *path)
{
    int is_stdin = !strcmp(path, "-");
    const char *shown = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_message("error", "%s: %s", path, strerror(errno));
        return -1;
    }
    int rc = read_gold(ev, f, shown);
    if (!is_stdin)
        fclose(f);
    return rc;
}

static void free_sentence(sentence *s)
{
    free(s->text);
    free(s->tok);
    free(s->lv);
    free(s->gold.v);
    free(s->other.v);
    free(s->pred.v);
}

/* ---- reports ------------------------------------------------------------ */

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static counts micro(const evaluator *ev)
{
    counts m = {0, 0, 0, 0};
    for (int i = 0; i < ev->o->sc->n_labels; i++) {
        m.gold += ev->c[i].gold;
        m.pred += ev->c[i].pred;
        m.tp += ev->c[i].tp;
        m.otp += ev->c[i].otp;
    }
    return m;
}

static void table_row(const char *name, const counts *c)
{
    double p = ratio(c->tp, c->pred), r = ratio(c->tp, c->gold);
    double op = ratio(c->otp, c->pred), orc = ratio(c->otp, c->gold);
    printf("%-10s %7zu %7zu  %6.2f %6.2f %6.2f  %6.2f %6.2f %6.2f\n", name,
           c->gold, c->pred, 100 * p, 100 * r, 100 * f1(p, r), 100 * op,
           100 * orc, 100 * f1(op, orc));
}

static void print_table(const evaluator *ev)
{
    counts m = micro(ev);
    printf("%-10s %7s %7s  %-20s  %s\n", "", "", "", "exact (%)",
           "overlap (%)");
    printf("%-10s %7s %7s  %6s %6s %6s  %6s %6s %6s\n", "LABEL", "GOLD",
           "PRED", "P", "R", "F1", "P", "R", "F1");
    for (int i = 0; i < ev->o->sc->n_labels; i++)
        table_row(ev->o->sc->labels[i], &ev->c[i]);
    table_row("micro", &m);
    printf("sentences: %zu\n", ev->sentences);
}

/* Most frequent first; ties in order of first appearance. */
static int by_count(const void *pa, const void *pb)
{
    const tally_entry *a = *(const tally_entry *const *)pa;
    const tally_entry *b = *(const tally_entry *const *)pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

/* The top entries of one label and kind, into top (room for t->n);
 * returns how many. */
static size_t top_errors(const tally *t, int label, int spurious, size_t max,
                         const tally_entry **top)
{
    size_t n = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].text && t->v[i].label == label &&
            t->v[i].spurious == spurious)
            top[n++] = &t->v[i];
    if (n)
        qsort(top, n, sizeof *top, by_count);
    return n < max ? n : max;
}

static int print_errors(const evaluator *ev)
{
    const tally_entry **top = malloc((ev->t.n + 1) * sizeof *top);
    if (!top)
        return nomem();
    for (int l = 0; l < ev->o->sc->n_labels; l++)
        for (int sp = 0; sp < 2; sp++) {
            size_t n = top_errors(&ev->t, l, sp, ev->o->n_errors, top);
            printf("\n%s %s:%s\n", ev->o->sc->labels[l],
                   sp ? "spurious" : "missed", n ? "" : " none");
            for (size_t i = 0; i < n; i++)
                printf("%6zu  %s\n        %s\n", top[i]->count, top[i]->text,
                       top[i]->context);
        }
    free(top);
    return 0;
}

static int put(cJSON *o, const char *key, double v)
{
    return cJSON_AddNumberToObject(o, key, v) ? 0 : -1;
}

/* Support counts and scores of c into o. */
static int put_scores(cJSON *o, const counts *c)
{
    double p = ratio(c->tp, c->pred), r = ratio(c->tp, c->gold);
    double op = ratio(c->otp, c->pred), orc = ratio(c->otp, c->gold);
    return put(o, "gold", (double)c->gold) | put(o, "pred", (double)c->pred) |
           put(o, "precision", p) | put(o, "recall", r) |
           put(o, "f1", f1(p, r)) | put(o, "overlap_precision", op) |
           put(o, "overlap_recall", orc) | put(o, "overlap_f1", f1(op, orc));
}

static cJSON *json_error_list(const tally_entry *const *top, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < n; i++) {
        cJSON *e = cJSON_CreateObject();
        if (!e || !cJSON_AddItemToArray(a, e) ||   /* a owns e from here */
            !cJSON_AddStringToObject(e, "text", top[i]->text) ||
            put(e, "count", (double)top[i]->count) < 0 ||
            !cJSON_AddStringToObject(e, "context", top[i]->context)) {
            cJSON_Delete(a);
            return NULL;
        }
    }
    return a;
}

static int json_errors(const evaluator *ev, cJSON *root)
{
    const tally_entry **top = malloc((ev->t.n + 1) * sizeof *top);
    cJSON *all = top ? cJSON_AddObjectToObject(root, "errors") : NULL;
    int rc = all ? 0 : -1;
    for (int l = 0; rc == 0 && l < ev->o->sc->n_labels; l++) {
        cJSON *lab = cJSON_AddObjectToObject(all, ev->o->sc->labels[l]);
        for (int sp = 0; lab && sp < 2; sp++) {
            size_t n = top_errors(&ev->t, l, sp, ev->o->n_errors, top);
            cJSON *list = json_error_list(top, n);
            if (!list || !cJSON_AddItemToObject(lab, sp ? "spurious" : "missed",
                                                list)) {
                cJSON_Delete(list);
                lab = NULL;
            }
        }
        rc = lab ? 0 : -1;
    }
    free(top);
    return rc;
}

static cJSON *json_report(const evaluator *ev)
{
    counts m = micro(ev);
    cJSON *root = cJSON_CreateObject();
    cJSON *mo = cJSON_AddObjectToObject(root, "micro");
    cJSON *labels = cJSON_AddObjectToObject(root, "labels");
    int rc = mo && labels ? put_scores(mo, &m) : -1;
    for (int i = 0; rc == 0 && i < ev->o->sc->n_labels; i++) {
        cJSON *o = cJSON_AddObjectToObject(labels, ev->o->sc->labels[i]);
        rc = o ? put_scores(o, &ev->c[i]) : -1;
    }
    if (rc == 0)
        rc = put(root, "sentences", (double)ev->sentences);
    if (rc == 0 && ev->o->n_errors)
        rc = json_errors(ev, root);
    if (rc < 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

static int print_json(const evaluator *ev)
{
    cJSON *root = json_report(ev);
    char *s = root ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (!s)
        return nomem();
    printf("%s\n", s);
    cJSON_free(s);
    return 0;
}

static int report(const evaluator *ev)
{
    if (ev->o->json)
        return print_json(ev);
    print_table(ev);
    return ev->o->n_errors ? print_errors(ev) : 0;
}

/* ---- options ------------------------------------------------------------ */

static void usage(FILE *f)
{
    fputs(
"usage: alam eval [OPTIONS] GOLD...\n"
"\n"
"Scores alam against token-per-line gold files: TOKEN TAG [TAG...] per line,\n"
"a blank line between sentences, IOB1 or IOB2 tags, one tag column per\n"
"nesting level; '$#$' tokens are skipped.  Each sentence is annotated as one\n"
"document (tokens joined by spaces), or after the sentences before it with\n"
"--context, and a predicted entity covers every gold token it overlaps.\n"
"Reports precision, recall and F1 per label and micro-averaged, for exact\n"
"spans and for one-to-one overlapping spans.  Gold types outside the scheme\n"
"(MISC) are not scored, nor is a prediction that is exactly such a span;\n"
"under anercorp neither is an ORG named by its kind alone (الحكومة العراقية،\n"
"وزارة الخارجية، الجيش الإسرائيلي), which ANERcorp leaves untagged, and a\n"
"place named with its head word (دولة قطر، قطاع غزة) is scored without it.\n"
"\n"
"      --scheme S         label mapping: anercorp (default: PERS LOC ORG),\n"
"                         wojood (PERS ORG GPE|LOC DATE) or plain (alam's own)\n"
"      --raw              score every predicted entity as it is\n"
"      --context N        annotate each sentence in one document with the N\n"
"                         sentences before it (as in an article), scoring its\n"
"                         own entities only; default 0\n"
"      --json             one JSON object instead of the table\n"
"      --errors N         per label, the N most frequent missed and spurious\n"
"                         strings, each with a context\n"
"      --data DIR         data directory (else $ALAM_DATA, else built-in)\n"
"      --gazetteer FILE   extra list (repeatable)\n"
"  -h, --help             this help\n"
"\n"
"Exit status: 0 ok, 1 a gold or data file failed, 2 misuse.\n", f);
}

static int misuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int misuse(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cli_message("error", "%s", msg);
    fputs("Try 'alam eval --help'.\n", stderr);
    return 2;
}

static int parse_count(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || errno || v > 1000000)
        return -1;
    *out = v;
    return 0;
}

enum {
    OPT_SCHEME = 256, OPT_JSON, OPT_ERRORS, OPT_DATA, OPT_GAZ, OPT_CONTEXT,
    OPT_RAW
};

/* Returns -1 to go on, else an exit code. */
static int parse_opts(int argc, char **argv, eval_opts *o)
{
    static const struct option longs[] = {
        {"scheme", required_argument, NULL, OPT_SCHEME},
        {"json", no_argument, NULL, OPT_JSON},
        {"errors", required_argument, NULL, OPT_ERRORS},
        {"data", required_argument, NULL, OPT_DATA},
        {"gazetteer", required_argument, NULL, OPT_GAZ},
        {"context", required_argument, NULL, OPT_CONTEXT},
        {"raw", no_argument, NULL, OPT_RAW},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longs, NULL)) != -1) {
        switch (c) {
        case OPT_JSON: o->json = 1; break;
        case OPT_RAW: o->conventions = 0; break;
        case OPT_DATA: o->data_dir = optarg; break;
        case OPT_GAZ: o->lists[o->n_lists++] = optarg; break;
        case 'h': usage(stdout); return 0;
        case OPT_SCHEME:
            if (!(o->sc = find_scheme(optarg)))
                return misuse("--scheme takes anercorp, wojood or plain, "
                              "not '%s'", optarg);
            break;
        case OPT_ERRORS:
            if (parse_count(optarg, &o->n_errors) < 0)
                return misuse("--errors takes a count, not '%s'", optarg);
            break;
        case OPT_CONTEXT:
            if (parse_count(optarg, &o->context) < 0 || o->context > 1000)
                return misuse("--context takes a count up to 1000, not '%s'",
                              optarg);
            break;
        case ':':
            return misuse("option '%s' needs an argument", argv[optind - 1]);
        default:
            return misuse("unknown option '%s'", argv[optind - 1]);
        }
    }
    return optind < argc ? -1 : misuse("no GOLD file given");
}

static int finish_output(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_message("error", "writing output: %s", strerror(errno));
        return 1;
    }
    return rc;
}

static int run(const eval_opts *o, int nfiles, char **files)
{
    evaluator ev = {.o = o};
    if (cli_load_model(o->data_dir, o->lists, o->n_lists, &ev.model) < 0)
        return 1;
    int rc = 0;
    /* Scores of part of the gold would pass for the whole: an error in
     * any file stops the run without a report. */
    for (int i = 0; rc == 0 && i < nfiles; i++)
        rc = eval_file(&ev, files[i]);
    if (rc == 0)
        rc = report(&ev);
    free_sentence(&ev.s);
    free(ev.h.text);
    free(ev.h.ends);
    free(ev.doc);
    tally_free(&ev.t);
    alam_model_free(ev.model);
    return finish_output(rc < 0 ? 1 : 0);
}

int cli_eval(int argc, char **argv)
{
    eval_opts o = {.sc = &schemes[0], .conventions = 1};
    o.lists = calloc((size_t)argc, sizeof *o.lists);
    if (!o.lists) {
        nomem();
        return 1;
    }
    int rc = parse_opts(argc, argv, &o);
    if (rc < 0)
        rc = run(&o, argc - optind, argv + optind);
    free(o.lists);
    return rc;
}
