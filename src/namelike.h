/* namelike.h - does a word no list knows look like a name by its letters?
 *
 * The press writes foreign names in Arabic letters (أينشتاين، فيرجسون،
 * نيستلروي) with long vowels and letter runs that Arabic words, made on
 * roots and patterns, rarely have.  A model of letter n-grams (two to four
 * letters of the folded word, its start and end marked ^ and $) weighs
 * each n-gram; a word whose n-grams weigh more than zero in sum is
 * name-like (rules.h TC_NAMELIKE).  The weights are data:
 * DATA/namelike.ngrams, made by gazetteers/scripts/namelike.py from the
 * lists alone. */
#ifndef ALAM_NAMELIKE_H
#define ALAM_NAMELIKE_H

#include "alam.h"

#include <stddef.h>

typedef struct namelike namelike;

/* Reads the weights of path ("NGRAM<TAB>WEIGHT" lines, '#' comments, the
 * n-gram "_" giving the weight of an n-gram not listed).  A missing file
 * is no error: *out is NULL and no word is name-like.  Errors name
 * path:line. */
alam_status namelike_load(const char *path, namelike **out, alam_error *err);
void namelike_free(namelike *nl);

/* Is the folded word key[0, n) name-like?  0 when nl is NULL. */
int namelike_test(const namelike *nl, const char *key, size_t n);

#endif
