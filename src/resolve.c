/* resolve.c - one deterministic, non-overlapping set of entities. */
#include "resolve.h"
#include "alam.h"
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

int cand_push(cand_list *l, const candidate *c)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        candidate *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *c;
    return 0;
}

void cand_span(candidate *c, const doc *d, size_t t0, size_t an, size_t t1)
{
    const token *first = &d->tok[t0], *last = &d->tok[t1 - 1];
    c->t0 = t0;
    c->t1 = t1;
    c->b0 = first->b0 + first->an[an].boff;
    c->c0 = first->c0 + first->an[an].coff;
    c->b1 = last->b1;
    c->c1 = last->c1;
}

static int source_rank(int source)
{
    return source == ALAM_SOURCE_LEXICON ? 0
         : source == ALAM_SOURCE_DATE ? 1 : 2;
}

static int by_strength(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;
    size_t la = a->c1 - a->c0, lb = b->c1 - b->c0;
    if (la != lb)
        return la > lb ? -1 : 1;
    if (a->source != b->source)
        return source_rank(a->source) - source_rank(b->source);
    if (a->c0 != b->c0)
        return a->c0 < b->c0 ? -1 : 1;
    return (int)a->label - (int)b->label;
}

static int by_start(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;
    return a->c0 < b->c0 ? -1 : a->c0 > b->c0;
}

static int is_free(const unsigned char *taken, size_t t0, size_t t1)
{
    for (size_t i = t0; i < t1; i++)
        if (taken[i])
            return 0;
    return 1;
}

void resolve(cand_list *l, const doc *d, unsigned char *taken)
{
    size_t kept = 0;
    if (d->n)
        memset(taken, 0, d->n);
    if (!l->n)
        return;
    qsort(l->v, l->n, sizeof *l->v, by_strength);
    for (size_t i = 0; i < l->n; i++) {
        candidate *c = &l->v[i];
        if (!is_free(taken, c->t0, c->t1))
            continue;
        memset(taken + c->t0, 1, c->t1 - c->t0);
        l->v[kept++] = *c;
    }
    l->n = kept;
    qsort(l->v, l->n, sizeof *l->v, by_start);
}

/* ---- document-level propagation ---- */

/* Name parts that never stand for a person alone. */
static const char *const not_surnames[] = {
    "الله", "الدين", "الرحمن", "بن", "ابن", "ابو", "ام", "ال", "عبد",
};

void name_set_free(name_set *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->slots[i]);
    free(s->slots);
    memset(s, 0, sizeof *s);
}

static size_t name_hash(const char *k, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

/* The slot holding k, or the empty slot where it would go. */
static size_t name_slot(char *const *slots, size_t cap, const char *k, size_t n)
{
    size_t i = name_hash(k, n) & (cap - 1);
    while (slots[i] && !(strlen(slots[i]) == n && !memcmp(slots[i], k, n)))
        i = (i + 1) & (cap - 1);
    return i;
}

static int name_set_has(const name_set *s, const char *k, size_t n)
{
    return s->n && s->slots[name_slot(s->slots, s->cap, k, n)] != NULL;
}

static int name_set_grow(name_set *s)
{
    size_t cap = s->cap ? s->cap * 2 : 16;
    char **slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            slots[name_slot(slots, cap, s->slots[i], strlen(s->slots[i]))] =
                s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return 0;
}

static int name_set_add(name_set *s, const char *k, size_t n)
{
    if (n < 6 || name_set_has(s, k, n))    /* fewer than 3 letters */
        return 0;
    for (size_t i = 0; i < sizeof not_surnames / sizeof *not_surnames; i++)
        if (strlen(not_surnames[i]) == n && !memcmp(not_surnames[i], k, n))
            return 0;
    if ((s->n + 1) * 2 > s->cap && name_set_grow(s) < 0)
        return -1;
    char *copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, k, n);
    copy[n] = '\0';
    s->slots[name_slot(s->slots, s->cap, k, n)] = copy;
    s->n++;
    return 0;
}

/* The analysis of token t whose stem is a known surname, or -1. */
static int surname_analysis(const doc *d, const token *t, const name_set *s)
{
    char buf[256];
    if (t->kind != TOK_ARABIC || t->k1 - t->k0 + 2 > sizeof buf)
        return -1;
    for (size_t a = 0; a < t->n_an; a++) {
        if (t->an[a].flags & (PRO_ART | PRO_LIL))
            continue;
        size_t n = tok_stem_key(d, t, &t->an[a], buf);
        if (name_set_has(s, buf, n))
            return (int)a;
    }
    return -1;
}

int propagate(cand_list *l, const doc *d, unsigned char *taken,
              name_set *names)
{
    size_t next = 0, before = l->n;
    for (size_t i = 0; i < d->n; i++) {
        while (next < before && l->v[next].t1 <= i)
            next++;
        if (next < before && l->v[next].t0 == i) {
            const candidate *c = &l->v[next];
            size_t len;
            const char *k = tok_key(d, &d->tok[c->t1 - 1], &len);
            if (c->label == ALAM_PERSON && c->t1 - c->t0 >= 2 &&
                name_set_add(names, k, len) < 0)
                return -1;
            continue;
        }
        int a;
        if (taken[i] || !names->n || (a = surname_analysis(d, &d->tok[i], names)) < 0)
            continue;
        candidate c = {0};
        cand_span(&c, d, i, (size_t)a, i + 1);
        c.label = ALAM_PERSON;
        c.source = ALAM_SOURCE_RULE;
        c.source_id = "propagation";
        taken[i] = 1;
        if (cand_push(l, &c) < 0)
            return -1;
    }
    if (l->n > before)
        qsort(l->v, l->n, sizeof *l->v, by_start);
    return 0;
}
