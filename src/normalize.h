/* normalize.h - matching keys and proclitic analyses. */
#ifndef ALAM_NORMALIZE_H
#define ALAM_NORMALIZE_H

#include "tokenize.h"

#include <string.h>

/* Builds doc.norm (every token's key and the separators) and each token's
 * proclitic analyses and shape.  A token whose form memo m (NULL: none)
 * holds is copied from it, looked up already, and marked known.  Returns 0,
 * or -1 when memory ran out. */
int doc_normalize(doc *d, const char *text, memo *m);

/* The key of token t (not NUL-terminated). */
static inline const char *tok_key(const doc *d, const token *t, size_t *len)
{
    *len = t->k1 - t->k0;
    return d->norm + t->k0;
}

/* Does the key k[0, n) start with the article ال? */
static inline int key_has_article(const char *k, size_t n)
{
    return n >= 4 && !memcmp(k, "\xd8\xa7\xd9\x84", 4);
}

/* The analysis of token t read after و or ف alone, or 0 when none. */
static inline size_t tok_conj_analysis(const token *t)
{
    for (size_t a = 1; a < t->n_an; a++)
        if (t->an[a].flags == PRO_CONJ)
            return a;
    return 0;
}

/* Writes the stem key of analysis a into buf, which has room for the key
 * plus 2 bytes, and returns its length. */
size_t tok_stem_key(const doc *d, const token *t, const analysis *a, char *buf);

#endif
