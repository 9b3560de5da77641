/* tokenize.h - the scanner, and the token and doc types every stage reads.
 *
 * A doc is the per-call workspace for one window of text: its tokens and
 * (filled by normalize.c) one buffer holding every token's matching key,
 * tokens separated by one byte: ' ' (white space between), '\n' (a line
 * break between) or DOC_SEP_NONE (tokens touch).  The date grammar reads
 * that buffer. */
#ifndef ALAM_TOKENIZE_H
#define ALAM_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TOK_ARABIC = 1,
    TOK_LATIN = 2,
    TOK_NUMBER = 3,
    TOK_PUNCT = 4,
    TOK_SYMBOL = 5
} tok_kind;

#define DOC_SEP_NONE '\x1f'
/* Analyses of a token, at most: the whole token; after و or ف; after ب ل
 * or ك (at most one of the two stems, after و ف or not); then one reading
 * with ال or لل after either (normalize.c analyse()).  More never occur:
 * every token and memo slot carries this many. */
#define TOK_MAX_ANALYSES 4

/* Proclitic flags of an analysis. */
enum {
    PRO_CONJ = 1,      /* و or ف */
    PRO_PREP = 2,      /* ب ل ك */
    PRO_ART = 4,       /* ال stripped from the stem */
    PRO_LIL = 8        /* ل + ال written لل: stem key is "ا" + key from 2nd ل */
};

/* The shape of an Arabic word as written (normalize.c). */
enum {
    SHAPE_MAQSURA = 1,   /* ends in ى */
    SHAPE_SUFFIXED = 2,  /* an attached pronoun, plural verb ending, tanween */
    SHAPE_FINAL_YA = 4,  /* ends in ي */
    SHAPE_PREPLIKE = 8,  /* ب or ل, then a letter names rarely have there */
    SHAPE_FINAL_IYA = 16 /* ends in ية */
};

typedef struct {
    uint32_t word;     /* the stem's id in the model's word table, 0 = none */
    uint32_t cls;      /* its class bits (lexicon.h WORD_*), 0 = none */
    uint8_t koff;      /* stem start in the key, bytes */
    uint8_t flags;
    uint16_t boff;     /* stem start in the original token, bytes */
    uint16_t coff;     /* ... and code points */
} analysis;

/* What the rules make of a word form standing alone, no list phrase
 * marking it (rules.c): a function of the form, so worked out once and
 * kept with the form in the memo (memo.h). */
typedef struct {
    uint64_t bits;     /* its classes (rules.h TC_*), but TC_LINE */
    uint8_t literal, start_an, nisba_an;
    uint8_t state;     /* ALONE_* bits; 0: not worked out */
} tok_alone;

enum {
    ALONE_SET = 1,     /* the fields above hold the form's classes */
    ALONE_STARTS = 2,  /* the form may start a list entity or phrase */
    ALONE_FRESH = 4    /* worked out in this window: for the memo to keep */
};

typedef struct {
    size_t b0, b1;     /* original bytes, absolute, end exclusive */
    size_t c0, c1;     /* original code points, absolute */
    size_t k0, k1;     /* key bytes in doc.norm */
    uint8_t kind;
    char sep;          /* separator before this token */
    uint8_t n_an;      /* analyses[0] is always the whole token */
    uint8_t shape;     /* SHAPE_* of the word as written */
    uint8_t known;     /* 1: key and analyses (looked up) came from a memo */
    int8_t memo_way;   /* the memo slot whose tag matched, or -1 */
    uint32_t memo_hash; /* the hash of the form, for the memo */
    tok_alone alone;   /* from the memo, or filled by rules_classify() */
    analysis an[TOK_MAX_ANALYSES];
} token;

typedef struct memo memo;   /* memo.h */

typedef struct {
    token *tok;
    size_t n, cap;
    const memo *memo;  /* if set, the tokenizer hashes each form for it and
                          prefetches its set (memo_hash()), so that the
                          normalizer finds the memo's lines in cache */
    char *norm;
    size_t norm_len, norm_cap;
    size_t invalid_bytes;
    size_t first_invalid;
    int alloc_failed;
} doc;

void doc_init(doc *d);
void doc_free(doc *d);

/* Tokenizes text[b, end) where b is at absolute code point c; replaces the
 * doc's tokens (kinds and original offsets; keys come from normalize.c).
 * Counts invalid bytes.  Returns 0, or -1 when memory ran out; *c_end
 * receives the absolute code point offset of end. */
int doc_tokenize(doc *d, const char *text, size_t b, size_t end, size_t c,
                 size_t *c_end);

#endif
