/* resolve.h - candidates from every matcher, and choosing the final spans. */
#ifndef ALAM_RESOLVE_H
#define ALAM_RESOLVE_H

#include "tokenize.h"

#include <stddef.h>
#include <stdint.h>

#define CAND_VALUE_MAX 40
#define LIST_PRIORITY 50

typedef struct {
    size_t t0, t1;            /* tokens [t0, t1) */
    size_t b0, b1, c0, c1;    /* original bytes and code points */
    uint8_t label;            /* alam_label, 0: a veto (dropped) */
    uint8_t source;           /* alam_source */
    int16_t priority;         /* rules: higher wins (lists and dates count
                                 as LIST_PRIORITY whatever this says) */
    const char *iso, *canon, *source_id;
    const char *calendar;     /* DATE: "islamic", or NULL (Gregorian) */
    const char *country;      /* ORG: the ISO code of its ending nisba */
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

/* Puts l in text order (by first code point). */
void cand_sort(cand_list *l);

/* Keeps one non-overlapping set, in text order: the higher priority wins,
 * then the longer span, then lexicon over dates over rules, then the
 * earlier start.  A kept veto (label 0) holds its tokens but is dropped.
 * taken is scratch of d->n bytes; on return taken[i] != 0 for every token
 * in a kept span or veto. */
void resolve(cand_list *l, const doc *d, unsigned char *taken);


/* Names found so far in one document, with their labels: a hash set. */
typedef struct {
    char **slots;      /* label byte, then the key; NULL = empty; cap is a
                          power of two */
    size_t n, cap;
    int multi;         /* some key spans several tokens */
    int single;        /* some name is one token */
    int clubs;         /* some name is a place found as a club */
    uint64_t lens;     /* bit n % 64 set: a key of n bytes is in the set */
} name_set;

void name_set_free(name_set *s);

/* Document-level propagation, after resolve(): a later lone mention of the
 * last name of a person found earlier (بيني غانتس ... غانتس), of the given
 * name of a full name unless it is a common word, or of a
 * one-word name a rule found, becomes PERSON; an acronym in brackets just
 * after an organization (... (ناتو)) is ORG there and wherever it comes
 * back; a name a rule found keeps its label where it comes back.  Adds to l (kept in text order) and taken; remembers the names
 * across windows.  Returns 0 or -1 when memory ran out. */
int propagate(cand_list *l, const doc *d, unsigned char *taken,
              name_set *names);

#endif
