/* lexicon.h - gazetteer store: TSV lists or a compiled image, interned
 * keys, a phrase trie, word and phrase classes. */
#ifndef ALAM_LEXICON_H
#define ALAM_LEXICON_H

#include "alam.h"
#include "tokenize.h"

#include <stdint.h>
#include <stdio.h>

/* Class bits: what a word or phrase is besides an entity name.  Classes
 * are inputs to context rules, never entities by themselves. */
enum {
    WORD_DATE = 1u << 0,          /* a word some date expression needs */
    CLASS_NISBA = 1u << 1,        /* nationality adjective (iso=) */
    CLASS_FIRST_NAME = 1u << 2,
    CLASS_NAME_PARTICLE = 1u << 3,
    CLASS_TITLE = 1u << 4,        /* titles and roles before a name */
    CLASS_SPEECH_VERB = 1u << 5,
    CLASS_ORG_HEAD = 1u << 6,     /* وزارة، حزب، منظمة ... */
    CLASS_LOC_HEAD = 1u << 7,     /* مدينة، محافظة ... */
    CLASS_STATE_HEAD = 1u << 8,   /* دولة، جمهورية، مملكة ... */
    CLASS_COMMON = 1u << 9,       /* a common word: no name without support */
    WORD_CLASS_AMB = 1u << 29,    /* a class word listed amb=1 (internal) */
    WORD_ENTITY_START = 1u << 30, /* first word of an entity (internal) */
    WORD_PHRASE_START = 1u << 31  /* first word of a class phrase (internal) */
};
#define WORD_CLASS_BITS 10u          /* bits 0-9 above */
#define WORD_LITERAL_SHIFT 16        /* bits 16-23: a rule literal's code */
#define WORD_LITERAL_MASK (0xFFu << WORD_LITERAL_SHIFT)
#define WORD_INTERNAL (WORD_CLASS_AMB | WORD_ENTITY_START |                  \
                       WORD_PHRASE_START | WORD_LITERAL_MASK)

typedef struct {
    uint8_t label;      /* alam_label, or 0 for an entry of classes only */
    uint8_t user;       /* from a user list */
    uint8_t amb;        /* amb=1: the key is also a common word */
    uint8_t pad;
    uint32_t classes;   /* class bits */
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

/* The same from an open stream; name is used in messages. */
alam_status lexicon_load_stream(lexicon *lx, FILE *f, const char *name,
                                int user, alam_error *err);

/* Interns a folded word and gives it class bits; 0, or -1 when out of
 * memory or when a frozen lexicon (a mapped image) lacks the word or bit. */
int lexicon_add_word_class(lexicon *lx, const char *key, size_t n,
                           uint32_t cls);

/* Looks every analysis of every token of d up once: fills analysis.word
 * and .cls.  Tokens marked known (from a memo) are left as they are. */
void lexicon_lookup(const lexicon *lx, doc *d);

/* A number no other lexicon of this process has: what a memo of word
 * lookups is bound to. */
uint64_t lexicon_serial(const lexicon *lx);

/* The class bits of a word id (0 for 0). */
uint32_t lexicon_word_class(const lexicon *lx, uint32_t word);

/* The iso= of the one-word class entry of a word (a NISBA's country), or
 * NULL. */
const char *lexicon_word_iso(const lexicon *lx, uint32_t word);

/* The id of a folded word, interned when missing unless the lexicon is
 * frozen (a mapped image): then 0 when it lacks the word. 0 also when
 * memory ran out. */
uint32_t lexicon_word_id(lexicon *lx, const char *key, size_t n, int intern);

/* Gives word the code (1-239) of a rule literal (the code of its group of
 * rule words), kept with its class bits
 * so that reading a token's classes reads it too.  0, or -1 when out of
 * memory or when a frozen lexicon (a mapped image) has another code. */
int lexicon_set_word_literal(lexicon *lx, uint32_t word, unsigned code);

/* Longest entity phrase starting at token i: the first proclitic analysis
 * of token i that starts any phrase wins (whole token first).  Returns 1
 * and fills m when found.  (lexicon_lookup() must have run on d.) */
int lexicon_match(const lexicon *lx, const doc *d, size_t i, lex_match *m);

/* The walks of lexicon_match() and lexicon_match_class() probe tables far
 * larger than a cache, each probe waiting on the one before; a window's
 * walks overlap their misses in two steps, each run over every token that
 * will walk before the walks: the first prefetches the edges from the
 * root by token t's words; the second (token i of d) follows them and
 * prefetches the nodes they reach and the edges to the next token. */
void lexicon_prefetch_roots(const lexicon *lx, const token *t);
void lexicon_prefetch_steps(const lexicon *lx, const doc *d, size_t i);

/* The longest class phrase of two or more tokens starting at token i,
 * read by analysis an: returns its class bits and sets *ntok (0 and 0 when
 * there is none). */
uint32_t lexicon_match_class(const lexicon *lx, const doc *d, size_t i,
                             size_t an, size_t *ntok);

/* Builds a Bloom filter of the words, so that looking up a word no list
 * has seldom touches the word table.  Call it once the lexicon is
 * complete (words added later are added to the filter too).  0, or -1
 * when out of memory (the lexicon then works without it). */
int lexicon_build_filter(lexicon *lx);

/* The string at a pool offset, or NULL for 0. */
const char *lexicon_str(const lexicon *lx, uint32_t off);

size_t lexicon_size(const lexicon *lx);

#endif
