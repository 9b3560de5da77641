/* resolve.h - candidates from every matcher, and choosing the final spans. */
#ifndef ALAM_RESOLVE_H
#define ALAM_RESOLVE_H

#include "tokenize.h"

#include <stddef.h>
#include <stdint.h>

#define CAND_VALUE_MAX 40

typedef struct {
    size_t t0, t1;            /* tokens [t0, t1) */
    size_t b0, b1, c0, c1;    /* original bytes and code points */
    uint8_t label;            /* alam_label */
    uint8_t source;           /* alam_source */
    const char *iso, *canon, *source_id;
    const char *calendar;     /* DATE: "islamic", or NULL (Gregorian) */
    char value[CAND_VALUE_MAX];
} candidate;

typedef struct {
    candidate *v;
    size_t n, cap;
} cand_list;

/* Appends a copy of c; returns 0 or -1 when memory ran out. */
int cand_push(cand_list *l, const candidate *c);

/* Fills a candidate's offsets for tokens [t0, t1), the first token read
 * from analysis an (its stem start). */
void cand_span(candidate *c, const doc *d, size_t t0, size_t an, size_t t1);

/* Keeps one non-overlapping set, in text order: the longer span wins, then
 * lexicon over dates over rules, then the earlier start.  taken is scratch
 * of d->n bytes; on return taken[i] != 0 for every token in a kept span. */
void resolve(cand_list *l, const doc *d, unsigned char *taken);


/* Surnames of the people found so far in one document: a hash set. */
typedef struct {
    char **slots;      /* NULL = empty; cap is a power of two */
    size_t n, cap;
} name_set;

void name_set_free(name_set *s);

/* Document-level propagation, after resolve(): a later lone mention of the
 * last name of a person found earlier (بيني غانتس ... غانتس) becomes
 * PERSON.  Adds to l (kept in text order) and taken; remembers surnames in
 * names across windows.  Returns 0 or -1 when memory ran out. */
int propagate(cand_list *l, const doc *d, unsigned char *taken,
              name_set *names);

#endif
