/* date_merge.c - one window's date candidates: overlaps resolved, linked
 * neighbours merged (الخميس 4 مارس، 15 رمضان 1442 الموافق 27 أبريل 2021، من
 * 4 مارس إلى 10 أبريل), values written. */
#include "dates_impl.h"
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

/* The key of token i, or NULL past the ends. */
static const char *key_of(const doc *d, size_t i, size_t *len)
{
    if (i >= d->n)
        return NULL;
    return tok_key(d, &d->tok[i], len);
}

int dates_key_is(const doc *d, size_t i, const char *const *words, size_t n)
{
    size_t len;
    const char *k = key_of(d, i, &len);
    for (size_t w = 0; k && w < n; w++)
        if (strlen(words[w]) == len && !memcmp(words[w], k, len))
            return 1;
    return 0;
}

/* The analysis of token t whose stem is the word w, or -1. */
int dates_stem_is(const doc *d, size_t t, const char *w)
{
    const token *tk = &d->tok[t];
    size_t n = strlen(w);
    for (size_t a = 0; a < tk->n_an; a++)
        if (!(tk->an[a].flags & PRO_LIL) &&
            tk->k1 - tk->k0 - tk->an[a].koff == n &&
            !memcmp(d->norm + tk->k0 + tk->an[a].koff, w, n))
            return (int)a;
    return -1;
}

int dates_stem_in(const doc *d, size_t t, const char *const *words,
                  size_t n)
{
    for (size_t w = 0; t < d->n && w < n; w++)
        if (dates_stem_is(d, t, words[w]) >= 0)
            return 1;
    return 0;
}

/* ---- resolving and merging one window's dates ---- */

static int longer_first(const void *pa, const void *pb)
{
    const dcand *a = pa, *b = pb;
    size_t la = a->c.c1 - a->c.c0, lb = b->c.c1 - b->c.c0;
    if (la != lb)
        return la > lb ? -1 : 1;
    return a->c.c0 < b->c.c0 ? -1 : a->c.c0 > b->c.c0;
}

static int by_start(const void *pa, const void *pb)
{
    const dcand *a = pa, *b = pb;
    return a->c.c0 < b->c.c0 ? -1 : a->c.c0 > b->c.c0;
}

/* Keeps the longest of overlapping dates; returns -1 out of memory. */
static int local_resolve(dlist *l, const doc *d)
{
    unsigned char *taken = calloc(d->n, 1);
    size_t kept = 0;
    if (!taken)
        return -1;
    qsort(l->v, l->n, sizeof *l->v, longer_first);
    for (size_t i = 0; i < l->n; i++) {
        const candidate *c = &l->v[i].c;
        int free_ = 1;
        for (size_t t = c->t0; t < c->t1 && free_; t++)
            free_ = !taken[t];
        if (!free_)
            continue;
        memset(taken + c->t0, 1, c->t1 - c->t0);
        l->v[kept++] = l->v[i];
    }
    l->n = kept;
    qsort(l->v, l->n, sizeof *l->v, by_start);
    free(taken);
    return 0;
}

static const char *const link_words[] = {"،", ",", "الموافق", "الموافقه", "ل"};
/* Folded keys (ى -> ي, ة -> ه). */
static const char *const range_words[] = {"الي", "حتي", "وحتي", "لغايه",
                                          "ولغايه", "-", "–"};
#define NW(a) (sizeof a / sizeof *a)

/* Are the tokens [t0, t1) all link words?  *agree: one is الموافق. */
static int link_gap(const doc *d, size_t t0, size_t t1, int *agree)
{
    *agree = 0;
    for (size_t t = t0; t < t1; t++) {
        if (!dates_key_is(d, t, link_words, NW(link_words)))
            return 0;
        *agree |= dates_key_is(d, t, link_words + 2, 2);
    }
    return t1 - t0 <= 3;
}

static int has_day(const dcand *c)
{
    return c->kind == DK_DATE && !c->range && (c->a.day || c->a.cur_month);
}

/* Weekday + date, relative day + weekday, date الموافق date: one date.
 * Returns which of the two gives the value (0 none, 1 first, 2 second). */
static int link_pick(const doc *d, const dcand *x, const dcand *y)
{
    int agree;
    if (!link_gap(d, x->c.t1, y->c.t0, &agree))
        return 0;
    if ((x->kind == DK_WEEKDAY || x->kind == DK_RELDAY) && has_day(y))
        return 2;
    if (x->kind == DK_RELDAY && y->kind == DK_WEEKDAY && y->c.t0 == x->c.t1)
        return 2;
    if (!agree || x->kind != DK_DATE || y->kind != DK_DATE || x->range ||
        y->range)
        return 0;
    if (x->a.hijri && !y->a.hijri)
        return 2;
    return has_day(y) && !has_day(x) ? 2 : 1;
}

/* The analysis of token t that starts at original byte b (0 if none). */
static size_t an_at(const doc *d, size_t t, size_t b)
{
    for (size_t i = 0; i < d->tok[t].n_an; i++)
        if (d->tok[t].b0 + d->tok[t].an[i].boff == b)
            return i;
    return 0;
}

/* من A إلى B، A - B، بين A وB: sets the range's first token (من or بين
 * when present) and its analysis; 0 when x and y make no range. */
static int range_start(const doc *d, const dcand *x, const dcand *y,
                       size_t *t0, size_t *an)
{
    if (x->kind != DK_DATE || y->kind != DK_DATE || x->range || y->range)
        return 0;
    const token *yt = &d->tok[y->c.t0];
    int conn = y->c.t0 == x->c.t1 + 1 &&
               dates_key_is(d, x->c.t1, range_words, NW(range_words));
    int waw = y->c.t0 == x->c.t1 && y->c.b0 > yt->b0 &&
              !memcmp(d->norm + yt->k0, "و", 2);
    int pa = -1, bayn = 0;
    if (x->c.b0 == d->tok[x->c.t0].b0 && x->c.t0 > 0 &&
        (pa = dates_stem_is(d, x->c.t0 - 1, "من")) < 0)
        bayn = (pa = dates_stem_is(d, x->c.t0 - 1, "بين")) >= 0;
    if (!conn && !(bayn && waw))
        return 0;
    *t0 = pa >= 0 ? x->c.t0 - 1 : x->c.t0;
    *an = pa >= 0 ? (size_t)pa : an_at(d, x->c.t0, x->c.b0);
    return 1;
}

/* Merges linked neighbours in place (l sorted by start). */
static void merge_links(dlist *l, const doc *d)
{
    size_t out = 0;
    for (size_t i = 0; i < l->n; i++) {
        dcand *x = out ? &l->v[out - 1] : NULL, *y = &l->v[i];
        size_t t0, an;
        int pick = x ? link_pick(d, x, y) : 0;
        if (pick) {
            dcand keep = pick == 1 ? *x : *y;
            cand_span(&keep.c, d, x->c.t0, an_at(d, x->c.t0, x->c.b0),
                      y->c.t1);
            *x = keep;
        } else if (x && range_start(d, x, y, &t0, &an)) {
            x->b = y->a;
            x->range = 1;
            cand_span(&x->c, d, t0, an, y->c.t1);
        } else {
            l->v[out++] = *y;
        }
    }
    l->n = out;
}

/* Resolves, merges, writes values and hands the dates to out. */
int dates_finish(const doc *d, const alam_options *o, dlist *l,
                 cand_list *out)
{
    if (local_resolve(l, d) < 0)
        return -1;
    merge_links(l, d);
    for (size_t i = 0; i < l->n; i++) {
        dcand *c = &l->v[i];
        const char *cal = NULL;
        if (!date_value(c->kind, &c->a, c->range ? &c->b : NULL, o,
                        c->c.value, sizeof c->c.value, &cal))
            continue;
        c->c.label = ALAM_DATE;
        c->c.source = ALAM_SOURCE_DATE;
        c->c.source_id = "dates";
        c->c.calendar = cal;
        if (cand_push(out, &c->c) < 0)
            return -1;
    }
    return 0;
}

