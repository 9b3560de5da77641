/* lexicon.c - gazetteer store: the tables and matching.
 *
 * Every distinct token key of every phrase is interned to a word id (an
 * open-addressing hash table over a byte pool); phrases are paths in a trie
 * whose edges (node, word id) -> child live in a second hash table.  Each
 * token analysis is looked up once (lexicon_lookup); walking the trie then
 * costs one probe per token.  Lists are read by lexicon_load.c, the
 * compiled image by lexicon_image.c. */
#include "lexicon_impl.h"
#include "normalize.h"
#include "text.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

uint64_t lx_hash64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

void *lx_grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(p, c * elem);
    if (q)
        *cap = c;
    return q;
}

uint32_t lx_pool_add(lexicon *lx, const char *s, size_t n)
{
    char *p = lx_grow(lx->pool, &lx->pool_cap, lx->pool_len + n + 1, 1);
    if (!p)
        return 0;
    lx->pool = p;
    uint32_t off = (uint32_t)lx->pool_len;
    memcpy(p + off, s, n);
    p[off + n] = '\0';
    lx->pool_len += n + 1;
    return off;
}

static atomic_uint_fast64_t serials;

uint64_t lexicon_serial(const lexicon *lx)
{
    return lx->serial;
}

lexicon *lexicon_new(void)
{
    lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    lx->serial = atomic_fetch_add(&serials, 1) + 1;
    doc_init(&lx->scratch);
    lx->words_cap = 1024;
    lx->edges_cap = 1024;
    lx->words = calloc(lx->words_cap, sizeof *lx->words);
    lx->edges = calloc(lx->edges_cap, sizeof *lx->edges);
    lx->nodes = malloc(64 * sizeof *lx->nodes);
    lx->nodes_cap = 64;
    if (!lx->words || !lx->edges || !lx->nodes ||
        lx_pool_add(lx, "", 0) != 0 || lx->pool == NULL) {
        lexicon_free(lx);
        return NULL;
    }
    lx->nodes[0] = (lex_node){-1, -1};   /* the root */
    lx->n_nodes = 1;
    return lx;
}

void lx_free_tables(lexicon *lx)
{
    if (lx->map)
        return;
    free(lx->pool);
    free(lx->words);
    free(lx->edges);
    free(lx->nodes);
    free(lx->word_class);
    free(lx->entries);
}

void lexicon_free(lexicon *lx)
{
    if (!lx)
        return;
    lx_free_tables(lx);
    lx_unmap(lx);
    doc_free(&lx->scratch);
    free(lx->filter);
    free(lx);
}

const char *lexicon_str(const lexicon *lx, uint32_t off)
{
    return off ? lx->pool + off : NULL;
}

size_t lexicon_size(const lexicon *lx)
{
    return lx->n_entries;
}

/* ---- word table ---- */

/* ---- the filter: two bits a word, both in one 64-bit block (one cache
 * miss per test, not two), 2^19 bits at least ---- */

static uint64_t filter_block(const lexicon *lx, uint32_t h, size_t *at)
{
    uint64_t x = lx_hash64(h);
    *at = (size_t)(x & lx->filter_mask) / 64;
    return 1ull << (x >> 52 & 63) | 1ull << (x >> 58 & 63);
}

static int filter_has(const lexicon *lx, uint32_t h)
{
    size_t at;
    uint64_t m = filter_block(lx, h, &at);
    return (lx->filter[at] & m) == m;
}

static void filter_add(lexicon *lx, uint32_t h)
{
    size_t at;
    uint64_t m = filter_block(lx, h, &at);
    lx->filter[at] |= m;
}

int lexicon_build_filter(lexicon *lx)
{
    size_t bits = 1u << 19;
    while (bits < lx->n_words * 32)      /* about 0.5% false positives */
        bits *= 2;
    free(lx->filter);
    lx->filter = calloc(bits / 64, sizeof *lx->filter);
    if (!lx->filter)
        return -1;
    lx->filter_mask = bits - 1;
    for (size_t i = 0; i < lx->words_cap; i++)
        if (lx->words[i].id)
            filter_add(lx, lx->words[i].hash);
    return 0;
}

static uint32_t word_find_hashed(const lexicon *lx, const char *s, size_t n,
                                 uint32_t h);

uint32_t lx_word_find(const lexicon *lx, const char *s, size_t n)
{
    return word_find_hashed(lx, s, n, text_hash(s, n));
}

static uint32_t word_find_hashed(const lexicon *lx, const char *s, size_t n,
                                 uint32_t h)
{
    if (lx->filter && !filter_has(lx, h))
        return 0;
    size_t mask = lx->words_cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const word_slot *w = &lx->words[i];
        if (!w->id)
            return 0;
        if (w->hash == h && w->len == n &&
            text_same(n <= WORD_HEAD ? w->head : lx->pool + w->off, s, n))
            return w->id;
    }
}

static int word_rehash(lexicon *lx)
{
    size_t cap = lx->words_cap * 2;
    word_slot *nw = calloc(cap, sizeof *nw);
    if (!nw)
        return -1;
    for (size_t i = 0; i < lx->words_cap; i++) {
        word_slot w = lx->words[i];
        if (!w.id)
            continue;
        size_t j = w.hash & (cap - 1);
        while (nw[j].id)
            j = (j + 1) & (cap - 1);
        nw[j] = w;
    }
    free(lx->words);
    lx->words = nw;
    lx->words_cap = cap;
    return 0;
}

uint32_t lx_word_intern(lexicon *lx, const char *s, size_t n)
{
    uint32_t id = lx_word_find(lx, s, n);
    if (id)
        return id;
    if ((lx->n_words + 1) * 8 > lx->words_cap * 7 && word_rehash(lx) < 0)
        return 0;
    uint32_t off = lx_pool_add(lx, s, n);
    if (!off)
        return 0;
    uint32_t h = text_hash(s, n);
    if (lx->filter)
        filter_add(lx, h);
    size_t mask = lx->words_cap - 1, i = h & mask;
    while (lx->words[i].id)
        i = (i + 1) & mask;
    lx->words[i] = (word_slot){h, off, (uint32_t)n, (uint32_t)++lx->n_words,
                               {0}};
    memcpy(lx->words[i].head, s, n < WORD_HEAD ? n : WORD_HEAD);
    return (uint32_t)lx->n_words;
}

/* ---- trie edges ---- */

static uint64_t edge_key(uint32_t node, uint32_t word)
{
    return ((uint64_t)node << 32) | word;
}

uint32_t lx_edge_find(const lexicon *lx, uint32_t node, uint32_t word)
{
    uint64_t key = edge_key(node, word);
    size_t mask = lx->edges_cap - 1;
    for (size_t i = lx_hash64(key) & mask;; i = (i + 1) & mask) {
        if (!lx->edges[i].key)
            return 0;
        if (lx->edges[i].key == key)
            return lx->edges[i].child;
    }
}

static int edge_rehash(lexicon *lx)
{
    size_t cap = lx->edges_cap * 2;
    edge_slot *ne = calloc(cap, sizeof *ne);
    if (!ne)
        return -1;
    for (size_t i = 0; i < lx->edges_cap; i++) {
        if (!lx->edges[i].key)
            continue;
        size_t j = lx_hash64(lx->edges[i].key) & (cap - 1);
        while (ne[j].key)
            j = (j + 1) & (cap - 1);
        ne[j] = lx->edges[i];
    }
    free(lx->edges);
    lx->edges = ne;
    lx->edges_cap = cap;
    return 0;
}

/* The child of node by word, created when missing; 0 when out of memory. */
uint32_t lx_edge_add(lexicon *lx, uint32_t node, uint32_t word)
{
    uint32_t child = lx_edge_find(lx, node, word);
    if (child)
        return child;
    if ((lx->n_edges + 1) * 4 > lx->edges_cap * 3 && edge_rehash(lx) < 0)
        return 0;
    lex_node *nn = lx_grow(lx->nodes, &lx->nodes_cap, lx->n_nodes + 1,
                           sizeof *nn);
    if (!nn)
        return 0;
    lx->nodes = nn;
    child = (uint32_t)lx->n_nodes++;
    nn[child] = (lex_node){-1, -1};
    uint64_t key = ((uint64_t)node << 32) | word;
    size_t mask = lx->edges_cap - 1, i = lx_hash64(key) & mask;
    while (lx->edges[i].key)
        i = (i + 1) & mask;
    lx->edges[i] = (edge_slot){key, child, 0};
    lx->n_edges++;
    return child;
}

/* ---- word classes and matching ---- */

int lx_set_word_class(lexicon *lx, uint32_t w, uint32_t cls)
{
    size_t old = lx->word_class_cap;
    uint32_t *wc = lx_grow(lx->word_class, &lx->word_class_cap, (size_t)w + 1,
                        sizeof *wc);
    if (!wc)
        return -1;
    memset(wc + old, 0, (lx->word_class_cap - old) * sizeof *wc);
    lx->word_class = wc;
    wc[w] |= cls;
    return 0;
}

int lexicon_add_word_class(lexicon *lx, const char *key, size_t n,
                           uint32_t cls)
{
    if (lx->map) {      /* frozen: the image must already say so */
        uint32_t w = lx_word_find(lx, key, n);
        return w && (lexicon_word_class(lx, w) & cls) == cls ? 0 : -1;
    }
    uint32_t w = lx_word_intern(lx, key, n);
    return w ? lx_set_word_class(lx, w, cls) : -1;
}

uint32_t lexicon_word_class(const lexicon *lx, uint32_t word)
{
    return word < lx->word_class_cap ? lx->word_class[word] : 0;
}

const char *lexicon_word_iso(const lexicon *lx, uint32_t word)
{
    uint32_t node = word ? lx_edge_find(lx, 0, word) : 0;
    int32_t e = node ? lx->nodes[node].cls : -1;
    return e >= 0 ? lexicon_str(lx, lx->entries[e].iso) : NULL;
}

uint32_t lexicon_word_id(lexicon *lx, const char *key, size_t n, int intern)
{
    if (lx->map || !intern)
        return lx_word_find(lx, key, n);
    return lx_word_intern(lx, key, n);
}

int lexicon_set_word_literal(lexicon *lx, uint32_t word, unsigned code)
{
    uint32_t c = lexicon_word_class(lx, word) & WORD_LITERAL_MASK;
    if (lx->map)
        return c == code << WORD_LITERAL_SHIFT ? 0 : -1;
    if (c && c != code << WORD_LITERAL_SHIFT)
        return -1;
    return lx_set_word_class(lx, word, code << WORD_LITERAL_SHIFT);
}

/* The key of analysis a of t: in the normalized text, or in buf when it
 * needs its alef back (لل); 0 bytes when it is too long to look up. */
static size_t stem_key(const doc *d, const token *t, const analysis *a,
                       char *buf, size_t cap, const char **key)
{
    if (t->k1 - t->k0 + 2 > cap)
        return 0;
    if (a->flags & PRO_LIL) {
        *key = buf;
        return tok_stem_key(d, t, a, buf);
    }
    *key = d->norm + t->k0 + a->koff;
    return t->k1 - t->k0 - a->koff;
}

/* ---- common words by their ending ---- */

/* Endings of a noun or adjective whose stem is a common word: plural
 * ـون ـين ـات, accusative ـا (tanween not written), attached pronouns
 * (not ـه, which folds like ة: الظفرة is no ظفر + ه).
 * After a feminine stem (ـة, folded ه) a pronoun follows ت: حركتها is
 * حركة + ها, and ـات replaces the ـة: حركات.  Measured on ANERcorp with
 * the common words of one part and the text of another, these readings
 * turn away rule matches on words such as متمردون، اقتراحا، انفجارات. */
static const struct {
    const char *s;
    int plural_f;   /* ـات: the feminine plural, in place of ـة */
} common_ending[] = {
    {"\xd9\x88\xd9\x86", 0}, {"\xd9\x8a\xd9\x86", 0},   /* ون ين */
    {"\xd8\xa7\xd8\xaa", 1}, {"\xd8\xa7", 0},             /* ات ا */
    {"\xd9\x87\xd9\x85\xd8\xa7", 0}, {"\xd9\x87\xd8\xa7", 0}, /* هما ها */
    {"\xd9\x87\xd9\x85", 0}, {"\xd9\x83\xd9\x85", 0},   /* هم كم */
    {"\xd9\x86\xd8\xa7", 0},                               /* نا */
};
#define COMMON_STEM_MIN 6   /* bytes: a stem of three letters or more */
#define AR_TA_BYTES "\xd8\xaa"
#define AR_HA_BYTES "\xd9\x87"

/* Is key[0, n) a common word and nothing else a list knows? */
static int common_only(const lexicon *lx, const char *key, size_t n)
{
    uint32_t c = lexicon_word_class(lx, lx_word_find(lx, key, n));
    return (c & CLASS_COMMON) && !(c & ~(CLASS_COMMON | WORD_INTERNAL));
}

/* Is key[0, n) a common stem followed by one of common_ending[]? */
static int common_by_ending(const lexicon *lx, const char *key, size_t n)
{
    char buf[512];
    for (size_t e = 0; e < sizeof common_ending / sizeof *common_ending; e++) {
        const char *end = common_ending[e].s;
        size_t k = strlen(end);
        if (n < k + COMMON_STEM_MIN || memcmp(key + n - k, end, k))
            continue;
        size_t m = n - k;
        if (common_only(lx, key, m))
            return 1;
        /* the feminine stem: حركتها، حركات → حركة */
        int ta = key[m - 2] == AR_TA_BYTES[0] && key[m - 1] == AR_TA_BYTES[1];
        size_t stem = common_ending[e].plural_f ? m : ta ? m - 2 : 0;
        if (stem >= COMMON_STEM_MIN - 2 && stem + 2 <= sizeof buf) {
            memcpy(buf, key, stem);
            memcpy(buf + stem, AR_HA_BYTES, 2);
            if (common_only(lx, buf, stem + 2))
                return 1;
        }
    }
    return 0;
}

/* ---- given names written in one word: عبدالفتاح ---- */

/* عبد ال + a divine name is mostly written as two words (the lists have
 * عبد الفتاح) but often joined: عبدالفتاح، عبدالعاطي.  No common word
 * starts with عبدال, so a word no list knows that does, with two letters
 * or more after it, is a given name. */
#define ABD_AL "\xd8\xb9\xd8\xa8\xd8\xaf\xd8\xa7\xd9\x84"   /* عبدال */
#define ABD_AL_REST_MIN 4   /* bytes: two letters */

static int joined_abd(const char *key, size_t n)
{
    size_t k = sizeof ABD_AL - 1;
    return n >= k + ABD_AL_REST_MIN && !memcmp(key, ABD_AL, k);
}

/* A word no list knows in any reading is common when a reading of it is
 * a common stem with a regular ending (common_by_ending), and a given
 * name when it is عبدال + a name (joined_abd). */
static void derive_unknown(const lexicon *lx, doc *d, token *t)
{
    char buf[512];
    const char *key;
    if (t->kind != TOK_ARABIC)
        return;
    for (size_t a = 0; a < t->n_an; a++)
        if (t->an[a].word)
            return;
    for (size_t a = 0; a < t->n_an; a++) {
        size_t n = stem_key(d, t, &t->an[a], buf, sizeof buf, &key);
        if (n && joined_abd(key, n) && !(t->an[a].flags & PRO_ART))
            t->an[a].cls |= CLASS_FIRST_NAME;
        else if (n && common_by_ending(lx, key, n))
            t->an[a].cls |= CLASS_COMMON;
    }
}

/* Two passes, so that the tables' cache misses overlap instead of
 * following each other: the first hashes every key (keeping the hash in
 * .word) and prefetches its filter block and first slot; the second looks
 * them up. */
void lexicon_lookup(const lexicon *lx, doc *d)
{
    char buf[512];
    const char *key;
    size_t mask = lx->words_cap - 1;
    for (size_t i = 0; i < d->n; i++) {
        token *t = &d->tok[i];
        for (size_t a = 0; a < t->n_an && !t->known; a++) {
            size_t n = stem_key(d, t, &t->an[a], buf, sizeof buf, &key);
            uint32_t h = n ? text_hash(key, n) : 0;
            t->an[a].word = h;
            if (lx->filter) {
                size_t at;
                filter_block(lx, h, &at);
                __builtin_prefetch(&lx->filter[at]);
            }
            __builtin_prefetch(&lx->words[h & mask]);
        }
    }
    for (size_t i = 0; i < d->n; i++) {
        token *t = &d->tok[i];
        for (size_t a = 0; a < t->n_an && !t->known; a++) {
            size_t n = stem_key(d, t, &t->an[a], buf, sizeof buf, &key);
            uint32_t w = n ? word_find_hashed(lx, key, n, t->an[a].word) : 0;
            t->an[a].word = w;
            t->an[a].cls = lexicon_word_class(lx, w);
        }
        if (!t->known)
            derive_unknown(lx, d, t);
    }
}

/* Longest phrase from token i whose first word is w; 0 if none. */
static size_t walk(const lexicon *lx, const doc *d, size_t i, uint32_t w,
                   const lex_entry **e)
{
    size_t best = 0;
    uint32_t node = lx_edge_find(lx, 0, w);
    for (size_t j = i; node; ) {
        if (lx->nodes[node].entity >= 0) {
            best = j - i + 1;
            *e = &lx->entries[lx->nodes[node].entity];
        }
        if (++j >= d->n || d->tok[j].sep == '\n' || !d->tok[j].an[0].word)
            break;
        node = lx_edge_find(lx, node, d->tok[j].an[0].word);
    }
    return best;
}

uint32_t lexicon_match_class(const lexicon *lx, const doc *d, size_t i,
                             size_t an, size_t *ntok)
{
    uint32_t best = 0;
    uint32_t node = lx_edge_find(lx, 0, d->tok[i].an[an].word);
    *ntok = 0;
    for (size_t j = i; node; ) {
        int32_t c = lx->nodes[node].cls;
        if (j > i && c >= 0) {
            best = lx->entries[c].classes;
            *ntok = j - i + 1;
        }
        if (++j >= d->n || d->tok[j].sep == '\n' || !d->tok[j].an[0].word)
            break;
        node = lx_edge_find(lx, node, d->tok[j].an[0].word);
    }
    return best;
}

/* ---- prefetching the walks of a window ---- */

/* Does analysis a start a walk of lexicon_match() or
 * lexicon_match_class()? */
static int walks_from(const analysis *a)
{
    return a->word && ((a->cls & WORD_PHRASE_START) ||
                       (!(a->flags & PRO_ART) && (a->cls & WORD_ENTITY_START)));
}

static void prefetch_edge(const lexicon *lx, uint32_t node, uint32_t word)
{
    __builtin_prefetch(&lx->edges[lx_hash64(edge_key(node, word)) &
                                  (lx->edges_cap - 1)]);
}

void lexicon_prefetch_roots(const lexicon *lx, const token *t)
{
    for (size_t a = 0; a < t->n_an; a++)
        if (walks_from(&t->an[a]))
            prefetch_edge(lx, 0, t->an[a].word);
}

void lexicon_prefetch_steps(const lexicon *lx, const doc *d, size_t i)
{
    const token *t = &d->tok[i], *next = i + 1 < d->n ? t + 1 : NULL;
    uint32_t w1 = next && next->sep != '\n' ? next->an[0].word : 0;
    for (size_t a = 0; a < t->n_an; a++) {
        uint32_t node = walks_from(&t->an[a])
            ? lx_edge_find(lx, 0, t->an[a].word) : 0;
        if (!node)
            continue;
        __builtin_prefetch(&lx->nodes[node]);
        if (w1)
            prefetch_edge(lx, node, w1);
    }
}

int lexicon_match(const lexicon *lx, const doc *d, size_t i, lex_match *m)
{
    const token *t = &d->tok[i];
    for (size_t a = 0; t->kind != TOK_PUNCT && a < t->n_an; a++) {
        if ((t->an[a].flags & PRO_ART) || !t->an[a].word ||
            !(t->an[a].cls & WORD_ENTITY_START))
            continue;
        m->ntok = walk(lx, d, i, t->an[a].word, &m->entry);
        if (m->ntok) {
            m->an = a;
            return 1;
        }
    }
    return 0;
}

