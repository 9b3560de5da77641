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

/* Word classes: bits a word of the table carries besides starting phrases. */
enum {
    WORD_DATE = 1      /* a word some date expression needs (month, weekday) */
};

lexicon *lexicon_new(void);
void lexicon_free(lexicon *lx);

/* Loads one TSV list.  user != 0 lets its entries replace built-in ones.
 * On error fills err (file:line: what) and returns its status. */
alam_status lexicon_load_file(lexicon *lx, const char *path, int user,
                              alam_error *err);

/* Interns a folded word and gives it class bits; 0, or -1 out of memory. */
int lexicon_add_word_class(lexicon *lx, const char *key, size_t n,
                           uint32_t cls);

/* Looks every analysis of every token of d up once: fills analysis.word. */
void lexicon_lookup(const lexicon *lx, doc *d);

/* The class bits of a word id (0 for 0). */
uint32_t lexicon_word_class(const lexicon *lx, uint32_t word);

/* Longest phrase starting at token i: the first proclitic analysis of
 * token i that starts any phrase wins (whole token first).  Returns 1 and
 * fills m when found. */
int lexicon_match(const lexicon *lx, const doc *d, size_t i, lex_match *m);
/* (lexicon_lookup() must have run on d.) */

/* The string at a pool offset, or NULL for 0. */
const char *lexicon_str(const lexicon *lx, uint32_t off);

size_t lexicon_size(const lexicon *lx);

#endif
