/* coord.c - names joined to a person by و (coord.h). */
#include "coord.h"
#include "alam.h"
#include "normalize.h"

#include <string.h>

#define COORD_MAX_WORDS 4
#define COORD_MIN_BYTES 6   /* a stem of three letters (وصل is no و + صل) */

static uint64_t tc(int c)
{
    return 1ull << c;
}

/* Can token info x go on a name?  A word no list knows or a given name
 * that is no common word, not read with ال, not a noun or verb by its
 * shape (an attached pronoun, ب or ل before a noun). */
static int name_word(uint64_t x)
{
    if (x & (tc(TC_ART) | tc(TC_PREP) | tc(TC_SUFFIXED) | tc(TC_PREPLIKE) |
             tc(TC_COMMON) | tc(TC_AMB) | tc(TC_TITLE) | tc(TC_NISBA) |
             tc(TC_SPEECH_VERB)))
        return 0;
    return (x & (tc(TC_UNKNOWN) | tc(TC_FIRST_NAME))) != 0;
}

/* Does the stem of token t read from analysis a start with ال? */
static int stem_has_article(const doc *d, const token *t, size_t a)
{
    size_t o = t->k0 + t->an[a].koff;
    return key_has_article(d->norm + o, t->k1 - o);
}

/* Does token t end in ا?  A word no list knows alone so after و is
 * mostly an indefinite noun with its tanween unwritten (التقى بلير وفدا). */
static int ends_in_alef(const doc *d, const token *t)
{
    const unsigned char *k = (const unsigned char *)d->norm + t->k1;
    return t->k1 - t->k0 >= 2 && k[-2] == 0xD8 && k[-1] == 0xA7;
}

/* Does the list of names end or go on at token j (the end, another
 * entity, a line break, punctuation, the next joined word, a verb)?  A
 * word no list knows alone after و and before anything else is mostly a
 * noun, an adjective or a verb (برلسكوني وأخذن في، مترابط ومنسجم إلى). */
static int ends_list(const doc *d, const tok_info *ti,
                     const unsigned char *taken, size_t j)
{
    return j >= d->n || taken[j] || d->tok[j].sep == '\n' ||
           d->tok[j].kind == TOK_PUNCT || d->tok[j].kind == TOK_SYMBOL ||
           (ti[j].bits & (tc(TC_CONJ) | tc(TC_SPEECH_VERB)));
}

/* Can token j go on the name, and how many tokens does it take (0: no)?
 * A name word; a particle before a word (عبد العزيز، أبو العلا); a word no
 * list knows with ال, which ends the name (وغيث الطراونة). */
static size_t name_part(const doc *d, const tok_info *ti,
                        const unsigned char *taken, size_t j, int *last)
{
    uint64_t x = ti[j].bits;
    if (taken[j] || d->tok[j].sep == '\n' || (x & tc(TC_CONJ)))
        return 0;
    if (name_word(x))
        return 1;
    if ((x & tc(TC_NAME_PARTICLE)) && !(x & (tc(TC_AMB) | tc(TC_COMMON))) &&
        j + 1 < d->n && !taken[j + 1] && d->tok[j + 1].kind == TOK_ARABIC &&
        !(ti[j + 1].bits & (tc(TC_CONJ) | tc(TC_PREP) | tc(TC_TITLE))))
        return 2;
    *last = 1;
    return (x & tc(TC_ART)) && (x & tc(TC_UNKNOWN)) &&
           !(x & (tc(TC_PREP) | tc(TC_SUFFIXED)));
}

/* The person joined at token i, [i, *end), or 0 when none. */
static int joined(const doc *d, const tok_info *ti, const unsigned char *taken,
                  size_t i, size_t *end, size_t *an)
{
    if (i >= d->n || taken[i] || d->tok[i].sep == '\n' ||
        !(ti[i].bits & tc(TC_CONJ)) || !name_word(ti[i].bits) ||
        !(*an = tok_conj_analysis(&d->tok[i])) ||
        d->tok[i].k1 - d->tok[i].k0 - d->tok[i].an[*an].koff < COORD_MIN_BYTES ||
        stem_has_article(d, &d->tok[i], *an))
        return 0;
    size_t j = i + 1, k;
    int last = 0;
    while (j < d->n && j - i < COORD_MAX_WORDS && !last &&
           (k = name_part(d, ti, taken, j, &last)) && j + k <= d->n)
        j += k;
    *end = j;
    return j > i + 1 || (ti[i].bits & tc(TC_FIRST_NAME)) ||
           (!ends_in_alef(d, &d->tok[i]) && ends_list(d, ti, taken, j));
}

/* A given name alone is no person to join to: its و-word is rather its
 * surname (كريستوفر والكن). */
static int joinable(const candidate *c, const tok_info *ti)
{
    return c->label == ALAM_PERSON &&
           !(c->t1 - c->t0 == 1 && (ti[c->t0].bits & tc(TC_FIRST_NAME)));
}

/* The rest of a joined name that a rule found on its own (وسميرة + عبد
 * العزيز): the index of the person starting at token t, or l->n. */
static size_t person_at(const cand_list *l, const tok_info *ti, size_t t)
{
    for (size_t m = 0; m < l->n; m++)
        if (l->v[m].t0 == t && l->v[m].label == ALAM_PERSON &&
            l->v[m].t1 - t < COORD_MAX_WORDS &&
            !(ti[t].bits & tc(TC_CONJ)))     /* not the next joined name */
            return m;
    return l->n;
}

int coordinate(cand_list *l, const doc *d, const tok_info *ti,
               unsigned char *taken)
{
    int added = 0;
    for (size_t k = 0; k < l->n; k++) {
        size_t end, an;
        if (!joinable(&l->v[k], ti) ||
            !joined(d, ti, taken, l->v[k].t1, &end, &an))
            continue;
        size_t t0 = l->v[k].t1, m = end < d->n && taken[end]
                                    ? person_at(l, ti, end) : l->n;
        if (m < l->n) {             /* take the rest in and drop it */
            end = l->v[m].t1;
            memmove(&l->v[m], &l->v[m + 1], (l->n - m - 1) * sizeof *l->v);
            l->n--;
            if (m < k)              /* k was a joined name, m found before */
                k--;
        }
        candidate c = {0};
        cand_span(&c, d, t0, an, end);
        c.label = ALAM_PERSON;
        c.source = ALAM_SOURCE_RULE;
        c.source_id = "coordination";
        for (size_t j = c.t0; j < end; j++)
            taken[j] = 1;
        if (cand_push(l, &c) < 0)
            return -1;
        added = 1;
    }
    if (added)
        cand_sort(l);
    return 0;
}
