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

/* Sorts v[0, n) by cmp, keeping the order of equal candidates as glibc's
 * qsort() (a merge sort) does.  A window has a few candidates, often
 * none: an insertion sort orders them without qsort()'s allocations (its
 * elements are large, so it sorts pointers in a malloc'd array). */
#define INSERTION_MAX 32
static void sort_cands(candidate *v, size_t n,
                       int (*cmp)(const void *, const void *))
{
    if (n > INSERTION_MAX) {
        qsort(v, n, sizeof *v, cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        if (cmp(&v[i - 1], &v[i]) <= 0)
            continue;
        candidate x = v[i];
        size_t j = i;
        for (; j > 0 && cmp(&v[j - 1], &x) > 0; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static int source_rank(int source)
{
    return source == ALAM_SOURCE_LEXICON ? 0
         : source == ALAM_SOURCE_DATE ? 1 : 2;
}

static int priority(const candidate *c)
{
    return c->source == ALAM_SOURCE_RULE ? c->priority : LIST_PRIORITY;
}

static int by_strength(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;
    size_t la = a->c1 - a->c0, lb = b->c1 - b->c0;
    if (priority(a) != priority(b))
        return priority(b) - priority(a);
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

/* By start, the longer first at one start. */
static int by_start_longer(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;
    if (a->c0 != b->c0)
        return a->c0 < b->c0 ? -1 : 1;
    return a->c1 > b->c1 ? -1 : a->c1 < b->c1;
}

/* A rule match that contains a list entry of its label and starts before
 * it extends that name to the left (محمد بن + عبد الكريم الخطابي, a first
 * name before a listed surname): it gets at least the list's priority, so
 * that the longer span wins.  (A rule that only adds words after a listed
 * name does not: كوفي عنان امام.)  l is sorted by by_start_longer. */
static void extend_lists(cand_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        candidate *r = &l->v[i];
        if (r->source != ALAM_SOURCE_RULE || !r->label ||
            r->priority >= LIST_PRIORITY)
            continue;
        for (size_t j = i + 1; j < l->n && l->v[j].c0 < r->c1; j++) {
            const candidate *e = &l->v[j];
            if (e->source == ALAM_SOURCE_LEXICON && e->label == r->label &&
                e->c0 > r->c0 && e->c1 <= r->c1) {
                r->priority = LIST_PRIORITY;
                break;
            }
        }
    }
}

void resolve(cand_list *l, const doc *d, unsigned char *taken)
{
    size_t kept = 0;
    if (d->n)
        memset(taken, 0, d->n);
    if (!l->n)
        return;
    sort_cands(l->v, l->n, by_start_longer);
    extend_lists(l);
    sort_cands(l->v, l->n, by_strength);
    for (size_t i = 0; i < l->n; i++) {
        candidate *c = &l->v[i];
        if (!is_free(taken, c->t0, c->t1))
            continue;
        memset(taken + c->t0, 1, c->t1 - c->t0);
        if (c->label)
            l->v[kept++] = *c;
    }
    l->n = kept;
    cand_sort(l);
}

void cand_sort(cand_list *l)
{
    sort_cands(l->v, l->n, by_start);
}
