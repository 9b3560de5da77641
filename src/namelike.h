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
#include "strbuf.h"

#include <stddef.h>

typedef struct namelike namelike;

/* Reads the weights of path ("NGRAM<TAB>WEIGHT" lines, '#' comments, the
 * n-gram "_" giving the weight of an n-gram not listed).  A missing file
 * is no error: *out is NULL and no word is name-like.  Errors name
 * path:line. */
alam_status namelike_load(const char *path, namelike **out, alam_error *err);
void namelike_free(namelike *nl);

/* Appends nl as an image part (empty when nl is NULL): its table as it
 * is in memory, to be mapped back by namelike_from_image().  Returns 0, or
 * -1 when memory ran out. */
int namelike_image_put(const namelike *nl, strbuf *out);

/* Reads *out from the part p[0, n) of an image (copied: the image may be
 * unmapped later; an empty part is no model: *out NULL).  Returns NULL, or
 * why the part is unsound (every size, the count and the empty slot that
 * lookups stop at are checked). */
const char *namelike_from_image(const void *p, size_t n, namelike **out);

/* Is the folded word key[0, n) name-like?  0 when nl is NULL. */
int namelike_test(const namelike *nl, const char *key, size_t n);

#endif
