/* lexicon.c - gazetteer store.
 *
 * Every distinct token key of every phrase is interned to a word id (an
 * open-addressing hash table over a byte pool); phrases are paths in a trie
 * whose edges (node, word id) -> child live in a second hash table.  Looking
 * a text token up costs one hash probe per proclitic analysis.
 *
 * List format (gazetteers/README.md):  NAME<TAB>LABEL[<TAB>key=value]...
 * with keys iso= (required for COUNTRY), canon=, src=. */
#include "lexicon.h"
#include "normalize.h"
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t hash, off, len, id;   /* id 0 = empty slot */
} word_slot;

typedef struct {
    uint64_t key;                  /* (node << 32 | word), 0 = empty */
    uint32_t child;
} edge_slot;

struct lexicon {
    char *pool;                    /* keys and value strings */
    size_t pool_len, pool_cap;
    word_slot *words;
    size_t words_cap, n_words;
    edge_slot *edges;
    size_t edges_cap, n_edges;
    uint32_t *word_class;          /* class bits per word id */
    size_t word_class_cap;
    int32_t *node_entry;           /* entry index per node, -1 = none */
    size_t n_nodes, nodes_cap;
    lex_entry *entries;
    size_t n_entries, entries_cap;
    doc scratch;                   /* for tokenizing list phrases */
};

/* Eight bytes at a time: keys are short and this is the hot path. */
static uint32_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    return (uint32_t)h;
}

static uint64_t hash64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
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

static uint32_t pool_add(lexicon *lx, const char *s, size_t n)
{
    char *p = grow(lx->pool, &lx->pool_cap, lx->pool_len + n + 1, 1);
    if (!p)
        return 0;
    lx->pool = p;
    uint32_t off = (uint32_t)lx->pool_len;
    memcpy(p + off, s, n);
    p[off + n] = '\0';
    lx->pool_len += n + 1;
    return off;
}

lexicon *lexicon_new(void)
{
    lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    doc_init(&lx->scratch);
    lx->words_cap = 1024;
    lx->edges_cap = 1024;
    lx->words = calloc(lx->words_cap, sizeof *lx->words);
    lx->edges = calloc(lx->edges_cap, sizeof *lx->edges);
    lx->node_entry = malloc(64 * sizeof *lx->node_entry);
    lx->nodes_cap = 64;
    if (!lx->words || !lx->edges || !lx->node_entry ||
        pool_add(lx, "", 0) != 0 || lx->pool == NULL) {
        lexicon_free(lx);
        return NULL;
    }
    lx->node_entry[0] = -1;        /* the root */
    lx->n_nodes = 1;
    return lx;
}

void lexicon_free(lexicon *lx)
{
    if (!lx)
        return;
    free(lx->pool);
    free(lx->words);
    free(lx->edges);
    free(lx->node_entry);
    free(lx->word_class);
    free(lx->entries);
    doc_free(&lx->scratch);
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

static uint32_t word_find(const lexicon *lx, const char *s, size_t n)
{
    uint32_t h = hash_bytes(s, n);
    size_t mask = lx->words_cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const word_slot *w = &lx->words[i];
        if (!w->id)
            return 0;
        if (w->hash == h && w->len == n && !memcmp(lx->pool + w->off, s, n))
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

static uint32_t word_intern(lexicon *lx, const char *s, size_t n)
{
    uint32_t id = word_find(lx, s, n);
    if (id)
        return id;
    if ((lx->n_words + 1) * 2 > lx->words_cap && word_rehash(lx) < 0)
        return 0;
    uint32_t off = pool_add(lx, s, n);
    if (!off)
        return 0;
    uint32_t h = hash_bytes(s, n);
    size_t mask = lx->words_cap - 1, i = h & mask;
    while (lx->words[i].id)
        i = (i + 1) & mask;
    lx->words[i] = (word_slot){h, off, (uint32_t)n, (uint32_t)++lx->n_words};
    return (uint32_t)lx->n_words;
}

/* ---- trie edges ---- */

static uint32_t edge_find(const lexicon *lx, uint32_t node, uint32_t word)
{
    uint64_t key = ((uint64_t)node << 32) | word;
    size_t mask = lx->edges_cap - 1;
    for (size_t i = hash64(key) & mask;; i = (i + 1) & mask) {
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
        size_t j = hash64(lx->edges[i].key) & (cap - 1);
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
static uint32_t edge_add(lexicon *lx, uint32_t node, uint32_t word)
{
    uint32_t child = edge_find(lx, node, word);
    if (child)
        return child;
    if ((lx->n_edges + 1) * 2 > lx->edges_cap && edge_rehash(lx) < 0)
        return 0;
    int32_t *ne = grow(lx->node_entry, &lx->nodes_cap, lx->n_nodes + 1,
                       sizeof *ne);
    if (!ne)
        return 0;
    lx->node_entry = ne;
    child = (uint32_t)lx->n_nodes++;
    ne[child] = -1;
    uint64_t key = ((uint64_t)node << 32) | word;
    size_t mask = lx->edges_cap - 1, i = hash64(key) & mask;
    while (lx->edges[i].key)
        i = (i + 1) & mask;
    lx->edges[i] = (edge_slot){key, child};
    lx->n_edges++;
    return child;
}

/* ---- word classes and matching ---- */

int lexicon_add_word_class(lexicon *lx, const char *key, size_t n,
                           uint32_t cls)
{
    uint32_t w = word_intern(lx, key, n);
    if (!w)
        return -1;
    size_t old = lx->word_class_cap;
    uint32_t *wc = grow(lx->word_class, &lx->word_class_cap, (size_t)w + 1,
                        sizeof *wc);
    if (!wc)
        return -1;
    memset(wc + old, 0, (lx->word_class_cap - old) * sizeof *wc);
    lx->word_class = wc;
    wc[w] |= cls;
    return 0;
}

uint32_t lexicon_word_class(const lexicon *lx, uint32_t word)
{
    return word < lx->word_class_cap ? lx->word_class[word] : 0;
}

void lexicon_lookup(const lexicon *lx, doc *d)
{
    char buf[512];
    for (size_t i = 0; i < d->n; i++) {
        token *t = &d->tok[i];
        int fits = t->k1 - t->k0 + 2 <= sizeof buf;
        for (size_t a = 0; a < t->n_an; a++) {
            size_t n = fits ? tok_stem_key(d, t, &t->an[a], buf) : 0;
            t->an[a].word = n ? word_find(lx, buf, n) : 0;
        }
    }
}

/* Longest phrase from token i whose first word is w; 0 if none. */
static size_t walk(const lexicon *lx, const doc *d, size_t i, uint32_t w,
                   const lex_entry **e)
{
    size_t best = 0;
    uint32_t node = edge_find(lx, 0, w);
    for (size_t j = i; node; ) {
        if (lx->node_entry[node] >= 0) {
            best = j - i + 1;
            *e = &lx->entries[lx->node_entry[node]];
        }
        if (++j >= d->n || d->tok[j].sep == '\n' || !d->tok[j].an[0].word)
            break;
        node = edge_find(lx, node, d->tok[j].an[0].word);
    }
    return best;
}

int lexicon_match(const lexicon *lx, const doc *d, size_t i, lex_match *m)
{
    const token *t = &d->tok[i];
    for (size_t a = 0; t->kind != TOK_PUNCT && a < t->n_an; a++) {
        if ((t->an[a].flags & PRO_ART) || !t->an[a].word)
            continue;
        m->ntok = walk(lx, d, i, t->an[a].word, &m->entry);
        if (m->ntok) {
            m->an = a;
            return 1;
        }
    }
    return 0;
}

/* ---- loading ---- */

static alam_status fail(alam_error *err, alam_status st, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->status = st;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return st;
}

static int label_from_name(const char *s)
{
    static const char *const names[] = {"PERSON", "ORG", "COUNTRY",
                                        "LOCATION"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, names[i]))
            return i + 1;
    return 0;
}

/* Label priority when one phrase is listed twice in built-in lists. */
static int label_rank(int label)
{
    static const int rank[] = {0, 1, 2, 4, 3}; /* PERSON ORG COUNTRY LOC */
    return rank[label];
}

static int valid_iso(const char *s)
{
    return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
           s[1] <= 'Z';
}

/* Parses the key=value columns into e. Returns NULL or an error text. */
static const char *parse_fields(lexicon *lx, char **cols, size_t n,
                                lex_entry *e)
{
    for (size_t i = 0; i < n; i++) {
        char *eq = strchr(cols[i], '=');
        if (!eq || eq == cols[i] || !eq[1])
            return "field is not key=value";
        *eq = '\0';
        const char *v = eq + 1;
        uint32_t off = pool_add(lx, v, strlen(v));
        if (!off)
            return "out of memory";
        if (!strcmp(cols[i], "iso")) {
            if (!valid_iso(v))
                return "iso= needs two capital letters (ISO 3166-1)";
            e->iso = off;
        } else if (!strcmp(cols[i], "canon")) {
            e->canon = off;
        } else if (!strcmp(cols[i], "src")) {
            e->origin = off;
        } else {
            return "unknown field (known: iso, canon, src)";
        }
    }
    if (e->label == ALAM_COUNTRY && !e->iso)
        return "COUNTRY needs iso=XX";
    return NULL;
}

static void set_entry(lexicon *lx, uint32_t node, int32_t idx)
{
    int32_t old = lx->node_entry[node];
    if (old >= 0) {
        const lex_entry *o = &lx->entries[old], *n = &lx->entries[idx];
        if (!n->user && (o->user || label_rank(o->label) >= label_rank(n->label)))
            return;
    }
    lx->node_entry[node] = idx;
}

/* Adds a phrase; returns NULL or an error text. */
static const char *add_phrase(lexicon *lx, const char *name, const lex_entry *e)
{
    doc *d = &lx->scratch;
    size_t len = strlen(name), cend;
    if (doc_tokenize(d, name, 0, len, 0, &cend) < 0 ||
        doc_normalize(d, name) < 0)
        return "out of memory";
    if (d->n == 0)
        return "empty name";
    uint32_t node = 0;
    for (size_t i = 0; i < d->n; i++) {
        size_t klen;
        const char *k = tok_key(d, &d->tok[i], &klen);
        uint32_t w = word_intern(lx, k, klen);
        if (!w || !(node = edge_add(lx, node, w)))
            return "out of memory";
    }
    lex_entry *es = grow(lx->entries, &lx->entries_cap, lx->n_entries + 1,
                         sizeof *es);
    if (!es)
        return "out of memory";
    lx->entries = es;
    es[lx->n_entries] = *e;
    set_entry(lx, node, (int32_t)lx->n_entries++);
    return NULL;
}

/* Splits line at tabs into cols (at most max); returns the count. */
static size_t split_tabs(char *line, char **cols, size_t max)
{
    size_t n = 0;
    for (char *p = line;;) {
        if (n == max)
            return max + 1;
        cols[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            return n;
        *tab = '\0';
        p = tab + 1;
    }
}

static const char *parse_line(lexicon *lx, char *line, uint32_t src, int user)
{
    char *cols[16];
    size_t n = split_tabs(line, cols, 15);
    if (n > 15)
        return "too many columns";
    if (n < 2)
        return "expected NAME<TAB>LABEL";
    lex_entry e = {0};
    e.label = (uint8_t)label_from_name(cols[1]);
    e.user = (uint8_t)(user != 0);
    e.src = src;
    if (!e.label)
        return "unknown label (PERSON, ORG, COUNTRY or LOCATION)";
    if (!cols[0][0] || cols[0][0] == ' ' || cols[0][strlen(cols[0]) - 1] == ' ')
        return "empty name or space around it";
    const char *msg = parse_fields(lx, cols + 2, n - 2, &e);
    return msg ? msg : add_phrase(lx, cols[0], &e);
}

static int valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int valid;
        i += text_decode((const unsigned char *)s + i, n - i, &cp, &valid);
        if (!valid)
            return 0;
    }
    return 1;
}

static void chomp(char *s, size_t *n)
{
    while (*n && (s[*n - 1] == '\n' || s[*n - 1] == '\r'))
        s[--*n] = '\0';
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

alam_status lexicon_load_file(lexicon *lx, const char *path, int user,
                              alam_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, ALAM_ERR_IO, "%s: %s", path, strerror(errno));
    uint32_t src = pool_add(lx, base_name(path), strlen(base_name(path)));
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    alam_status st = src ? ALAM_OK : ALAM_ERR_NOMEM;
    while (st == ALAM_OK && (got = getline(&line, &cap, f)) >= 0) {
        size_t n = (size_t)got;
        lineno++;
        chomp(line, &n);
        if (memchr(line, '\0', n))
            st = fail(err, ALAM_ERR_DATA, "%s:%zu: NUL byte", path, lineno);
        else if (!valid_utf8(line, n))
            st = fail(err, ALAM_ERR_DATA, "%s:%zu: invalid UTF-8", path, lineno);
        else if (n && line[0] != '#') {
            const char *msg = parse_line(lx, line, src, user);
            if (msg)
                st = fail(err, strcmp(msg, "out of memory") ? ALAM_ERR_DATA
                                                            : ALAM_ERR_NOMEM,
                          "%s:%zu: %s", path, lineno, msg);
        }
    }
    if (st == ALAM_OK && ferror(f))
        st = fail(err, ALAM_ERR_IO, "%s: read error", path);
    free(line);
    fclose(f);
    return st;
}
