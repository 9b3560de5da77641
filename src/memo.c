/* memo.c - the memo of word forms (memo.h). */
#include "memo.h"

#include <stdint.h>
#include <stdlib.h>

/* calloc()'s pages are zeroed as they are first touched, unlike
 * aligned_alloc() + memset(): a short run pays only for what it uses. */
memo *memo_new(void)
{
    void *block = calloc(1, sizeof(memo) + MEMO_LINE - 1);
    if (!block)
        return NULL;
    memo *m = (memo *)(((uintptr_t)block + MEMO_LINE - 1) &
                       ~(uintptr_t)(MEMO_LINE - 1));
    m->block = block;
    return m;
}

void memo_free(memo *m)
{
    if (m)
        free(m->block);
}

void memo_bind(memo *m, uint64_t owner)
{
    if (m->owner == owner)
        return;
    memset(m->set, 0, sizeof m->set);
    m->owner = owner;
}

/* The slot of the set for a new form: an empty one, else the least used;
 * the others' counts decay. */
static size_t victim(memo *m, uint32_t set)
{
    size_t v = memo_victim(&m->set[set]);
    if (!m->set[set].tag[v])
        return v;
    for (size_t w = 0; w < MEMO_WAYS; w++)
        if (w != v && m->set[set].use[w])
            m->set[set].use[w]--;
    return v;
}

/* What the rules made of token t alone, kept in its slot (not marked
 * fresh there). */
static void keep_alone(memo_slot *e, const token *t)
{
    e->alone = t->alone;
    e->alone.state &= (uint8_t)~ALONE_FRESH;
}

static void keep(memo *m, const doc *d, const token *t, const char *form)
{
    size_t n = t->b1 - t->b0, klen = t->k1 - t->k0;
    if (n == 0 || n > MEMO_FORM_MAX || klen > MEMO_KEY_MAX)
        return;
    uint32_t h = t->memo_hash ? t->memo_hash : text_hash(form, n);
    uint32_t set = h & (MEMO_SETS - 1);
    size_t w = victim(m, set);
    memo_slot *e = &m->slot[set][w];
    m->set[set].tag[w] = h | 1;
    m->set[set].use[w] = 1;          /* outlives the next newcomer */
    e->form_len = (uint8_t)n;
    e->key_len = (uint8_t)klen;
    e->kind = t->kind;
    e->shape = t->shape;
    e->n_an = t->n_an;
    memcpy(e->form, form, n);
    memcpy(e->key, d->norm + t->k0, klen);
    memcpy(e->an, t->an, sizeof e->an);
    keep_alone(e, t);
}

/* Adds to the slot token t came from what the rules made of it alone,
 * unless the slot went to another form since. */
static void learn(memo *m, const token *t, const char *form)
{
    if (t->memo_way < 0)
        return;
    memo_slot *e = &m->slot[t->memo_hash & (MEMO_SETS - 1)][t->memo_way];
    if (memo_slot_holds(e, form, t->b1 - t->b0, t->kind))
        keep_alone(e, t);
}

void memo_store(memo *m, const doc *d, const char *text)
{
    for (size_t i = 0; i < d->n; i++) {
        const token *t = &d->tok[i];
        if (!t->known)
            keep(m, d, t, text + t->b0);
        else if (t->alone.state & ALONE_FRESH)
            learn(m, t, text + t->b0);
    }
}
