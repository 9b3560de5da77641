/* lexicon_impl.h - the gazetteer store's tables, shared by lexicon.c
 * (lookup), lexicon_load.c (TSV lists) and lexicon_image.c (the compiled
 * image).  Internal: nothing here is part of the public API. */
#ifndef ALAM_LEXICON_IMPL_H
#define ALAM_LEXICON_IMPL_H

#include "lexicon.h"

#include <stddef.h>
#include <stdint.h>

#define WORD_HEAD 16

typedef struct {
    uint32_t hash, off, len, id;   /* id 0 = empty slot */
    char head[WORD_HEAD];          /* the key's first bytes, zero-padded:
                                      short keys compare without the pool */
} word_slot;

typedef struct {
    uint64_t key;                  /* (node << 32 | word), 0 = empty */
    uint32_t child;
    uint32_t pad;
} edge_slot;

typedef struct {
    int32_t entity;                /* entry index of the entity, -1 = none */
    int32_t cls;                   /* entry index of the classes, -1 = none */
} lex_node;

/* Every table is a plain array, so that an image can be mapped as it is.
 * A frozen lexicon points into a read-only mapping and never changes. */
struct lexicon {
    char *pool;                    /* keys and value strings, NUL after each */
    size_t pool_len, pool_cap;
    word_slot *words;              /* cap is a power of two */
    size_t words_cap, n_words;
    edge_slot *edges;              /* cap is a power of two */
    size_t edges_cap, n_edges;
    uint32_t *word_class;          /* class bits per word id */
    size_t word_class_cap;
    lex_node *nodes;               /* node 0 is the root */
    size_t n_nodes, nodes_cap;
    lex_entry *entries;
    size_t n_entries, entries_cap;
    void *map;                     /* the image mapping, when frozen */
    size_t map_len;
    doc scratch;                   /* for tokenizing list phrases */
    uint64_t *filter;              /* a Bloom filter of the words (heap,
                                      never in the image), or NULL */
    size_t filter_mask;            /* its size in bits, minus 1 */
    uint64_t serial;               /* lexicon_serial() */
};

void *lx_grow(void *p, size_t *cap, size_t need, size_t elem);
uint32_t lx_pool_add(lexicon *lx, const char *s, size_t n);
uint64_t lx_hash64(uint64_t x);
uint32_t lx_word_find(const lexicon *lx, const char *s, size_t n);
uint32_t lx_word_intern(lexicon *lx, const char *s, size_t n);
uint32_t lx_edge_find(const lexicon *lx, uint32_t node, uint32_t word);
uint32_t lx_edge_add(lexicon *lx, uint32_t node, uint32_t word);
int lx_set_word_class(lexicon *lx, uint32_t word, uint32_t cls);

/* Copies a frozen lexicon's tables to the heap so it can grow. */
int lx_thaw(lexicon *lx);

/* Frees the tables unless they live in the image mapping. */
void lx_free_tables(lexicon *lx);

/* Drops the image mapping, if any. */
void lx_unmap(lexicon *lx);

#endif
