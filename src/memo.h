/* memo.h - what the normalizer and the lexicon found for recent word forms.
 *
 * News repeats its words: a few thousand forms make most of the tokens of
 * any article.  A memo keeps, per thread, for the forms it saw last (the
 * bytes as written and the token kind), the key, the proclitic analyses
 * with their word ids and classes, the shape, and the rules' classes of
 * the form standing alone once worked out (tok_alone); a form found there
 * skips folding, analysing, the word table and most of describing it for
 * the rules.  Its size is fixed: sets of
 * MEMO_WAYS slots, a form's set chosen by its hash, so a lookup reads one
 * set.  A memo is bound to one lexicon at a time: binding it to another
 * empties it. */
#ifndef ALAM_MEMO_H
#define ALAM_MEMO_H

#include "normalize.h"
#include "text.h"
#include "tokenize.h"

#include <string.h>

#define MEMO_WAYS 4            /* slots per set */
#define MEMO_SETS 4096         /* a power of two; 16384 slots, 3 MiB */
#define MEMO_FORM_MAX 30       /* longer forms are not kept */
#define MEMO_KEY_MAX 32        /* copied whole: a fixed size is cheaper */

/* A slot starts a cache line and fills three: a hit reads them all, and
 * a slot across four lines would cost a fourth. */
#define MEMO_LINE 64

typedef struct {
    _Alignas(MEMO_LINE) uint8_t form_len;
    uint8_t key_len, kind, shape, n_an;
    char form[MEMO_FORM_MAX];
    char key[MEMO_KEY_MAX];
    analysis an[TOK_MAX_ANALYSES];
    tok_alone alone;           /* state 0 until the rules saw it alone */
} memo_slot;
_Static_assert(sizeof(memo_slot) == 3 * MEMO_LINE, "a slot fills 3 lines");

/* A set's tags (the form's hash with its low bit set; 0: an empty slot)
 * sit together, so a probe reads one cache line before any slot; use
 * counts the hits of a slot (a new one starts at 1), decayed by each
 * insertion into its set: the least used slot of a set makes room for a
 * new form, so the frequent words stay while rare ones come and go. */
typedef struct {
    uint32_t tag[MEMO_WAYS];
    uint8_t use[MEMO_WAYS];
    uint8_t pad[32 - 5 * MEMO_WAYS];  /* two sets to a 64-byte line */
} memo_set;

struct memo {
    memo_set set[MEMO_SETS];   /* first: the memo starts a cache line */
    memo_slot slot[MEMO_SETS][MEMO_WAYS];
    uint64_t owner;            /* the serial of the lexicon it holds */
    void *block;               /* what was allocated */
};

/* A new, empty memo, or NULL when memory ran out. */
memo *memo_new(void);
void memo_free(memo *m);

/* Binds m to the lexicon with this serial, emptying it if it held
 * another's. */
void memo_bind(memo *m, uint64_t owner);

/* A lookup has three steps, so that a window's cache misses overlap
 * instead of following each other: hash every form and prefetch its set's
 * tags; find the way whose tag matches and prefetch its slot; check the
 * slot.  memo_hash() gives 0 for a form the memo cannot hold. */
static inline uint32_t memo_hash(const memo *m, const char *s, size_t n)
{
    if (n > MEMO_FORM_MAX)
        return 0;
    uint32_t h = text_hash(s, n);
    __builtin_prefetch(&m->set[h & (MEMO_SETS - 1)]);
    return h;
}

/* The way of set s a new form takes: an empty one, else the least used. */
static inline size_t memo_victim(const memo_set *s)
{
    size_t v = 0;
    for (size_t w = 0; w < MEMO_WAYS; w++) {
        if (!s->tag[w])
            return w;
        if (s->use[w] < s->use[v])
            v = w;
    }
    return v;
}

/* The way of h's set whose tag matches h (its slot prefetched), or -1.
 * A form not there will be stored in the window's memo_store(): the slot
 * it will likely take is prefetched for writing. */
static inline int memo_way(const memo *m, uint32_t h)
{
    uint32_t set = h & (MEMO_SETS - 1), tag = h | 1;
    if (!h)
        return -1;
    for (int w = 0; w < MEMO_WAYS; w++)
        if (m->set[set].tag[w] == tag) {
            const char *e = (const char *)&m->slot[set][w];
            for (size_t b = 0; b < sizeof(memo_slot); b += MEMO_LINE)
                __builtin_prefetch(e + b);
            return w;
        }
    const char *e = (const char *)&m->slot[set][memo_victim(&m->set[set])];
    for (size_t b = 0; b < sizeof(memo_slot); b += MEMO_LINE)
        __builtin_prefetch(e + b, 1);
    return -1;
}

/* Does slot e hold the form s[0, n) of this kind? */
static inline int memo_slot_holds(const memo_slot *e, const char *s, size_t n,
                                  uint8_t kind)
{
    return e->form_len == n && e->kind == kind && text_same(e->form, s, n);
}

/* The slot of way w (memo_way()) if it holds the form s[0, n) of this
 * kind, or NULL. */
static inline const memo_slot *memo_check(memo *m, uint32_t h, int w,
                                          const char *s, size_t n,
                                          uint8_t kind)
{
    if (w < 0)
        return NULL;
    uint32_t set = h & (MEMO_SETS - 1);
    const memo_slot *e = &m->slot[set][w];
    if (!memo_slot_holds(e, s, n, kind))
        return NULL;
    if (m->set[set].use[w] < UINT8_MAX)
        m->set[set].use[w]++;
    return e;
}

/* Keeps every token of d that was not found in m (token.known == 0),
 * and what the rules made of a form found there alone for the first time
 * (ALONE_FRESH); text is the text d was tokenized from. */
void memo_store(memo *m, const doc *d, const char *text);

#endif
