/* lexicon.h - gazetteer store: TSV lists, interned keys, a phrase trie. */
#ifndef ALAM_LEXICON_H
#define ALAM_LEXICON_H

#include "alam.h"
#include "tokenize.h"

#include <stdint.h>

typedef struct {
    uint8_t label;      /* alam_label */
    uint8_t user;       /* from a user list */
    uint32_t iso;       /* offsets into the string pool, 0 = none */
    uint32_t canon;
    uint32_t src;       /* the list file */
    uint32_t origin;    /* src= of the line: where the entry came from */
} lex_entry;

typedef struct lexicon lexicon;

/* A match: tokens [first, first + ntok), the first read by analysis an. */
typedef struct {
    size_t ntok;
    size_t an;
    const lex_entry *entry;
} lex_match;

lexicon *lexicon_new(void);
void lexicon_free(lexicon *lx);

/* Loads one TSV list.  user != 0 lets its entries replace built-in ones.
 * On error fills err (file:line: what) and returns its status. */
alam_status lexicon_load_file(lexicon *lx, const char *path, int user,
                              alam_error *err);

/* Longest phrase starting at token i: the first proclitic analysis of
 * token i that starts any phrase wins (whole token first).  Returns 1 and
 * fills m when found. */
int lexicon_match(const lexicon *lx, const doc *d, size_t i, lex_match *m);

/* The string at a pool offset, or NULL for 0. */
const char *lexicon_str(const lexicon *lx, uint32_t off);

size_t lexicon_size(const lexicon *lx);

#endif
