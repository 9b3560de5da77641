/* Unit tests: the resolver keeps one deterministic non-overlapping set. */
#include "check.h"
#include "alam.h"
#include "normalize.h"
#include "resolve.h"

#include <stdlib.h>

static doc D;

static candidate cand(size_t t0, size_t t1, int label, int source)
{
    candidate c = {0};
    cand_span(&c, &D, t0, 0, t1);
    c.label = (uint8_t)label;
    c.source = (uint8_t)source;
    c.priority = LIST_PRIORITY;
    return c;
}

static const char *kept(cand_list *l)
{
    static char out[128];
    static unsigned char taken[64];
    size_t n = 0;
    resolve(l, &D, taken);
    out[0] = '\0';
    for (size_t i = 0; i < l->n; i++)
        n += (size_t)snprintf(out + n, sizeof out - n, "%zu-%zu:%d:%d ",
                              l->v[i].t0, l->v[i].t1, l->v[i].label,
                              l->v[i].source);
    return out;
}

int main(void)
{
    const char *s = "أ ب ج د ه و ز";
    size_t c;
    doc_init(&D);
    doc_tokenize(&D, s, 0, strlen(s), 0, &c);
    doc_normalize(&D, s, NULL);

    cand_list l = {0};
    cand_push(&l, &(candidate){0});
    l.n = 0;
    candidate a = cand(0, 2, ALAM_ORG, ALAM_SOURCE_LEXICON);
    candidate b = cand(1, 4, ALAM_PERSON, ALAM_SOURCE_RULE);
    candidate d = cand(5, 6, ALAM_DATE, ALAM_SOURCE_DATE);
    cand_push(&l, &a); cand_push(&l, &b); cand_push(&l, &d);
    CHECK("longer span wins over an overlapping shorter one",
          !strcmp(kept(&l), "1-4:1:2 5-6:5:3 "));

    l.n = 0;
    candidate e = cand(2, 4, ALAM_PERSON, ALAM_SOURCE_RULE);
    candidate f = cand(2, 4, ALAM_LOCATION, ALAM_SOURCE_LEXICON);
    cand_push(&l, &e); cand_push(&l, &f);
    CHECK("same length: lexicon over rules", !strcmp(kept(&l), "2-4:4:1 "));

    l.n = 0;
    candidate g = cand(0, 2, ALAM_ORG, ALAM_SOURCE_LEXICON);
    candidate h = cand(1, 3, ALAM_ORG, ALAM_SOURCE_LEXICON);
    cand_push(&l, &h); cand_push(&l, &g);
    CHECK("same length and source: the earlier start wins", !strcmp(kept(&l), "0-2:2:1 "));

    l.n = 0;
    cand_push(&l, &d); cand_push(&l, &g);
    CHECK("kept spans come out in text order", !strcmp(kept(&l), "0-2:2:1 5-6:5:3 "));

    l.n = 0;
    candidate p = cand(1, 2, ALAM_ORG, ALAM_SOURCE_RULE);
    p.priority = LIST_PRIORITY + 10;
    cand_push(&l, &a); cand_push(&l, &p);
    CHECK("a rule of higher priority wins over a longer list entry",
          !strcmp(kept(&l), "1-2:2:2 "));

    l.n = 0;
    candidate q = cand(0, 1, ALAM_PERSON, ALAM_SOURCE_LEXICON);
    q.priority = 99;     /* lists always count as LIST_PRIORITY */
    candidate r = cand(0, 1, ALAM_ORG, ALAM_SOURCE_RULE);
    r.priority = LIST_PRIORITY + 1;
    cand_push(&l, &q); cand_push(&l, &r);
    CHECK("list entries have the list priority", !strcmp(kept(&l), "0-1:2:2 "));

    l.n = 0;
    candidate v = cand(0, 2, 0, ALAM_SOURCE_RULE);
    v.priority = LIST_PRIORITY + 5;
    cand_push(&l, &a); cand_push(&l, &v); cand_push(&l, &d);
    CHECK("a veto holds its tokens and is dropped", !strcmp(kept(&l), "5-6:5:3 "));

    l.n = 0;
    CHECK("no candidates, no entities", !strcmp(kept(&l), ""));
    free(l.v);
    doc_free(&D);
    CHECK_DONE();
}
