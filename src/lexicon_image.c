/* lexicon_image.c - the compiled image: every table of a loaded lexicon in
 * one file, mapped read-only at start-up instead of parsing the lists.
 *
 * Layout (host byte order, checked by a marker):
 *   header   magic "ALAMIMG\0", format version, byte-order marker, file
 *            size, checksum of everything after the header, section count
 *   sections id, element size, offset, count (each 8-byte aligned)
 *   tables   pool, words, edges, word classes, nodes, entries, stamp,
 *            then the parts other modules write and check (image_part):
 *            the parsed rules, the date patterns, the letter n-grams of
 *            name-like words
 * The stamp names what the image was built from (alam and ICU versions,
 * each list's and rule file's name, size and modification time): an image
 * whose stamp differs from the data directory is stale.  Nothing in an
 * image is trusted: sizes, offsets, indices and the checksum are checked
 * before use, so a corrupt file is rejected, never read out of bounds. */
#include "lexicon_image.h"
#include "lexicon_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define IMG_MAGIC "ALAMIMG"
#define IMG_VERSION 7u   /* 2: word heads, phrase and literal marks;
                            3: text_hash() reads the tail in two words;
                            4: the checksum in four lanes;
                            5: the parsed rules and date patterns; the
                               lanes' multiplies off their chains;
                            6: the rules' prefilters (rules_image.c);
                            7: the letters of name-like words
                               (namelike.c) */
#define IMG_ENDIAN 0x01020304u

enum { S_POOL = 1, S_WORDS, S_EDGES, S_WCLASS, S_NODES, S_ENTRIES, S_STAMP,
       S_PARTS, S_COUNT = S_PARTS + IMAGE_N_PARTS - 1 };

typedef struct {
    char magic[8];
    uint32_t version, endian;
    uint64_t file_size, checksum;
    uint32_t n_sections, reserved;
} img_header;

typedef struct {
    uint32_t id, elem;
    uint64_t offset, count;
} img_section;

static alam_status image_fail(alam_error *err, alam_status st,
                              const char *path, const char *what)
{
    if (err) {
        err->status = st;
        snprintf(err->message, sizeof err->message, "%s: %s", path, what);
    }
    return st;
}

/* One lane of the checksum: a multiply chain over 8-byte words. */
static uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 31);
}

/* One step of a lane over the blocks: the word's product is off the
 * lane's chain, which is a rotation and an addition (a bijection of the
 * lane and of the word: any one changed word changes the lane). */
static uint64_t step(uint64_t h, uint64_t w)
{
    return ((h << 29) | (h >> 35)) + w * 0x9FB21C651E98DF25ull;
}

/* Four independent lanes over 32-byte blocks, so that their multiplies
 * overlap (one chain over a 5 MB image cost a millisecond of start-up),
 * then the tail word by word. */
static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h[4] = {0x9E3779B97F4A7C15ull ^ n, 0xC2B2AE3D27D4EB4Full,
                     0x165667B19E3779F9ull, 0x27D4EB2F165667C5ull};
    uint64_t w;
    for (; n >= 32; p += 32, n -= 32)
        for (int l = 0; l < 4; l++) {
            memcpy(&w, p + 8 * l, 8);
            h[l] = step(h[l], w);
        }
    uint64_t r = mix(mix(mix(h[0], h[1]), h[2]), h[3]);
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        r = mix(r, w);
    }
    w = 0;
    memcpy(&w, p, n);
    r = (r ^ w) * 0xc4ceb9fe1a85ec53ull;
    return r ^ (r >> 33);
}

/* ---- writing ---- */

typedef struct {
    const void *data;
    size_t elem, count;
} table;

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/* The sections in id order (index = id - 1). */
static void tables_of(const lexicon *lx, const char *stamp,
                      const image_blob *parts, table *t)
{
    t[0] = (table){lx->pool, 1, lx->pool_len};
    t[1] = (table){lx->words, sizeof *lx->words, lx->words_cap};
    t[2] = (table){lx->edges, sizeof *lx->edges, lx->edges_cap};
    t[3] = (table){lx->word_class, sizeof *lx->word_class, lx->word_class_cap};
    t[4] = (table){lx->nodes, sizeof *lx->nodes, lx->n_nodes};
    t[5] = (table){lx->entries, sizeof *lx->entries, lx->n_entries};
    t[6] = (table){stamp, 1, strlen(stamp) + 1};
    for (int i = 0; i < IMAGE_N_PARTS; i++)
        t[S_PARTS - 1 + i] = (table){parts[i].p, 1, parts[i].n};
}

/* Lays the image out in one buffer; NULL when out of memory. */
static unsigned char *build(const lexicon *lx, const char *stamp,
                            const image_blob *parts, size_t *len)
{
    table t[S_COUNT];
    img_section sec[S_COUNT];
    tables_of(lx, stamp, parts, t);
    size_t off = align8(sizeof(img_header) + sizeof sec);
    for (int i = 0; i < S_COUNT; i++) {
        sec[i] = (img_section){(uint32_t)i + 1, (uint32_t)t[i].elem, off,
                               t[i].count};
        off = align8(off + t[i].elem * t[i].count);
    }
    unsigned char *buf = calloc(1, off);
    if (!buf)
        return NULL;
    for (int i = 0; i < S_COUNT; i++)
        if (t[i].count)
            memcpy(buf + sec[i].offset, t[i].data, t[i].elem * t[i].count);
    memcpy(buf + sizeof(img_header), sec, sizeof sec);
    img_header h = {IMG_MAGIC, IMG_VERSION, IMG_ENDIAN, off, 0, S_COUNT, 0};
    h.checksum = checksum(buf + sizeof h, off - sizeof h);
    memcpy(buf, &h, sizeof h);
    *len = off;
    return buf;
}

/* Writes to a temporary name, then renames: readers see the old image or
 * the whole new one. */
alam_status lexicon_save_image(const lexicon *lx, const char *path,
                               const char *stamp, const image_blob *parts,
                               alam_error *err)
{
    size_t len;
    unsigned char *buf = build(lx, stamp, parts, &len);
    char tmp[4200];
    if (!buf)
        return image_fail(err, ALAM_ERR_NOMEM, path, "out of memory");
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(buf, 1, len, f) == len;
    ok = (f && fclose(f) == 0) && ok;
    free(buf);
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return image_fail(err, ALAM_ERR_IO, path, strerror(e));
    }
    return ALAM_OK;
}

/* ---- reading ---- */

static const img_section *section(const unsigned char *base, int id)
{
    return (const img_section *)(base + sizeof(img_header)) + (id - 1);
}

/* Section sizes and places agree with the header and the file. */
static const char *check_layout(const unsigned char *base, size_t len)
{
    const img_header *h = (const img_header *)base;
    if (len < sizeof *h + S_COUNT * sizeof(img_section) ||
        memcmp(h->magic, IMG_MAGIC, 8))
        return "not an alam image";
    if (h->version != IMG_VERSION || h->endian != IMG_ENDIAN)
        return "image format version or byte order differs";
    if (h->file_size != len || h->n_sections != S_COUNT)
        return "image truncated or of a wrong size";
    if (checksum(base + sizeof *h, len - sizeof *h) != h->checksum)
        return "image checksum mismatch (corrupt)";
    static const size_t elem[S_PARTS - 1] = {
        1, sizeof(word_slot), sizeof(edge_slot), sizeof(uint32_t),
        sizeof(lex_node), sizeof(lex_entry), 1};
    for (int id = 1; id <= S_COUNT; id++) {
        const img_section *s = section(base, id);
        size_t e = id < S_PARTS ? elem[id - 1] : 1;
        if (s->id != (uint32_t)id || s->elem != e ||
            s->offset % 8 || s->offset > len ||
            s->count > (len - s->offset) / s->elem)
            return "image section out of bounds";
    }
    return NULL;
}

static int power_of_two(uint64_t n)
{
    return n && !(n & (n - 1));
}

/* The key of word slot w lies in the pool; 1 when it does and w's head
 * is its first bytes, zero-padded. */
static int word_sound(const lexicon *lx, const word_slot *w)
{
    _Static_assert(WORD_HEAD == 16, "a head is two words");
    char head[WORD_HEAD] = {0};
    uint64_t a[2], b[2];
    if ((size_t)w->off + w->len >= lx->pool_len || lx->pool[w->off + w->len])
        return 0;
    memcpy(head, lx->pool + w->off, w->len < WORD_HEAD ? w->len : WORD_HEAD);
    memcpy(a, head, sizeof a);      /* compared inline, no memcmp() call */
    memcpy(b, w->head, sizeof b);
    return a[0] == b[0] && a[1] == b[1];
}

/* Every index in the tables points inside them. */
static const char *check_tables(lexicon *lx)
{
    size_t used = 0, top = 0;
    if (!lx->pool_len || lx->pool[lx->pool_len - 1] || !lx->n_nodes ||
        !power_of_two(lx->words_cap) || !power_of_two(lx->edges_cap))
        return "image tables malformed";
    for (size_t i = 0; i < lx->words_cap; i++) {
        const word_slot *w = &lx->words[i];
        if (!w->id)
            continue;
        used++;
        top = w->id > top ? w->id : top;
        if (!word_sound(lx, w))
            return "image word out of bounds, or its head differs from its key";
    }
    lx->n_words = used;
    if (top > used)
        return "image word id out of range";
    if (used >= lx->words_cap)
        return "image word table full";
    return NULL;
}

static const char *check_trie(lexicon *lx)
{
    size_t used = 0;
    for (size_t i = 0; i < lx->edges_cap; i++) {
        const edge_slot *e = &lx->edges[i];
        if (!e->key)
            continue;
        used++;
        if ((e->key >> 32) >= lx->n_nodes || (e->key & 0xffffffffu) > lx->n_words ||
            !e->child || e->child >= lx->n_nodes)
            return "image edge out of range";
    }
    if (used >= lx->edges_cap)
        return "image edge table full";
    lx->n_edges = used;
    for (size_t i = 0; i < lx->n_nodes; i++) {
        const lex_node *n = &lx->nodes[i];
        if (n->entity < -1 || n->cls < -1 || n->entity >= (int64_t)lx->n_entries ||
            n->cls >= (int64_t)lx->n_entries)
            return "image node out of range";
    }
    for (size_t i = 0; i < lx->n_entries; i++) {
        const lex_entry *e = &lx->entries[i];
        if (e->label > ALAM_DATE || e->iso >= lx->pool_len ||
            e->canon >= lx->pool_len || e->src >= lx->pool_len ||
            e->origin >= lx->pool_len)
            return "image entry out of range";
    }
    return NULL;
}

/* Points the lexicon's tables into the mapping. */
static void attach(lexicon *lx, unsigned char *base)
{
#define AT(id) (base + section(base, id)->offset)
#define N(id) ((size_t)section(base, id)->count)
    lx->pool = (char *)AT(S_POOL);
    lx->pool_len = lx->pool_cap = N(S_POOL);
    lx->words = (word_slot *)AT(S_WORDS);
    lx->words_cap = N(S_WORDS);
    lx->edges = (edge_slot *)AT(S_EDGES);
    lx->edges_cap = N(S_EDGES);
    lx->word_class = (uint32_t *)AT(S_WCLASS);
    lx->word_class_cap = N(S_WCLASS);
    lx->nodes = (lex_node *)AT(S_NODES);
    lx->n_nodes = lx->nodes_cap = N(S_NODES);
    lx->entries = (lex_entry *)AT(S_ENTRIES);
    lx->n_entries = lx->entries_cap = N(S_ENTRIES);
#undef AT
#undef N
}

static const char *stamp_of(const unsigned char *base)
{
    const img_section *s = section(base, S_STAMP);
    const char *p = (const char *)base + s->offset;
    return s->count && !p[s->count - 1] ? p : NULL;
}

/* Maps the file read-only; NULL with errno when it cannot. */
static unsigned char *map_file(const char *path, size_t *len)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    void *p = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > 0) {
        *len = (size_t)st.st_size;
        p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
    } else {
        errno = EINVAL;
    }
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

const char *lexicon_use_image(lexicon *lx, void *image, size_t len,
                              const char *stamp)
{
    unsigned char *base = image;
    const char *msg = check_layout(base, len);
    if (!msg && (!stamp_of(base) || strcmp(stamp_of(base), stamp)))
        msg = "image is stale (lists or versions changed since it was built)";
    if (msg)
        return msg;
    lexicon tmp = *lx;
    attach(&tmp, base);
    if ((msg = check_tables(&tmp)) || (msg = check_trie(&tmp)))
        return msg;
    lx_free_tables(lx);
    tmp.map = base;         /* frozen: the tables live in the image */
    tmp.map_len = 0;        /* not ours to unmap (yet) */
    *lx = tmp;
    return NULL;
}

const void *lexicon_image_part(const lexicon *lx, image_part part,
                               size_t *len)
{
    const img_section *s = lx->map ? section(lx->map, S_PARTS + (int)part)
                                   : NULL;
    *len = s ? (size_t)s->count : 0;
    return s ? (const unsigned char *)lx->map + s->offset : NULL;
}

uint64_t lexicon_image_checksum(const void *image, size_t len)
{
    return checksum((const unsigned char *)image + sizeof(img_header),
                    len - sizeof(img_header));
}

int lexicon_load_image(lexicon *lx, const char *path, const char *stamp,
                       char *why, size_t why_len)
{
    size_t len = 0;
    unsigned char *base = map_file(path, &len);
    const char *msg = base ? lexicon_use_image(lx, base, len, stamp)
                           : strerror(errno);
    if (!msg) {
        lx->map_len = len;  /* the mapping is the lexicon's now */
        return 0;
    }
    if (base)
        munmap(base, len);
    snprintf(why, why_len, "%s: %s", path, msg);
    return -1;
}

void lx_unmap(lexicon *lx)
{
    if (lx->map && lx->map_len)
        munmap(lx->map, lx->map_len);
    lx->map = NULL;
}

static void *dup_table(const void *p, size_t n)
{
    void *q = malloc(n ? n : 1);
    if (q && n)
        memcpy(q, p, n);
    return q;
}

int lx_thaw(lexicon *lx)
{
    lexicon h = *lx;
    h.pool = dup_table(lx->pool, lx->pool_len);
    h.words = dup_table(lx->words, lx->words_cap * sizeof *lx->words);
    h.edges = dup_table(lx->edges, lx->edges_cap * sizeof *lx->edges);
    h.word_class = dup_table(lx->word_class,
                             lx->word_class_cap * sizeof *lx->word_class);
    h.nodes = dup_table(lx->nodes, lx->n_nodes * sizeof *lx->nodes);
    h.entries = dup_table(lx->entries, lx->n_entries * sizeof *lx->entries);
    h.map = NULL;
    if (!h.pool || !h.words || !h.edges || !h.word_class || !h.nodes ||
        !h.entries) {
        lx_free_tables(&h);
        return -1;
    }
    lx_unmap(lx);
    *lx = h;
    return 0;
}
