/* namelike.c - letter n-gram weights of name-like words (namelike.h).
 *
 * An n-gram is at most four code points of a folded Arabic word or its
 * ^ $ marks: at most eight bytes, kept packed in a uint64_t (UTF-8 has no
 * zero byte, so the zero padding tells the length).  The table is open
 * addressed, sized to a power of two at least twice the entries. */
#include "namelike.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NGRAM_MIN 2
#define NGRAM_MAX 4
#define WORD_MAX 64          /* code points scored; a longer word is no name */

struct namelike {
    uint64_t *key;           /* 0: an empty slot */
    int16_t *weight;
    size_t mask;             /* slots - 1 */
    size_t n;
    int unseen;              /* the weight of an n-gram not in the table */
};

/* An image part: this header, then the slots' keys, then their weights. */
typedef struct {
    uint64_t slots, n;
    int64_t unseen;
} image_head;
#define SLOTS_MAX (1u << 24)

void namelike_free(namelike *nl)
{
    if (!nl)
        return;
    free(nl->key);
    free(nl->weight);
    free(nl);
}

static alam_status fail(alam_error *err, alam_status st, const char *path,
                        size_t line, const char *what)
{
    err->status = st;
    if (line)
        snprintf(err->message, sizeof err->message, "%s:%zu: %s", path, line,
                 what);
    else
        snprintf(err->message, sizeof err->message, "%s: %s", path, what);
    return st;
}

static size_t slot_of(uint64_t k, size_t mask)
{
    k ^= k >> 29;
    k *= 0xBF58476D1CE4E5B9ull;
    k ^= k >> 32;
    return (size_t)k & mask;
}

/* The bytes s[0, n) packed, or 0 when they do not fit. */
static uint64_t pack(const char *s, size_t n)
{
    uint64_t k = 0;
    if (n == 0 || n > 8)
        return 0;
    memcpy(&k, s, n);
    return k;
}

/* The slot of k: where it is, or the empty slot where it would go. */
static size_t find(const namelike *nl, uint64_t k)
{
    size_t i = slot_of(k, nl->mask);
    while (nl->key[i] && nl->key[i] != k)
        i = (i + 1) & nl->mask;
    return i;
}

/* Number of code points of s[0, n), or 0 when it is no valid UTF-8 of
 * NGRAM_MAX code points at most. */
static size_t code_points(const char *s, size_t n)
{
    size_t cp = 0;
    for (size_t i = 0; i < n; cp++) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2
                   : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!len || i + len > n)
            return 0;
        for (size_t j = 1; j < len; j++)
            if (((unsigned char)s[i + j] & 0xC0) != 0x80)
                return 0;
        i += len;
    }
    return cp <= NGRAM_MAX ? cp : 0;
}

/* Parses a weight, s[0, n): an integer that an int16_t holds. */
static int parse_weight(const char *s, size_t n, int *out)
{
    size_t i = n && s[0] == '-';
    long v = 0;
    if (i == n || n - i > 5)
        return -1;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    v = s[0] == '-' ? -v : v;
    if (v < INT16_MIN || v > INT16_MAX)
        return -1;
    *out = (int)v;
    return 0;
}

/* Takes one line s[0, n) (no newline), tab its first tab or NULL; NULL or
 * the error's text. */
static const char *take_line(namelike *nl, const char *s, size_t n,
                             const char *tab)
{
    if (!n || s[0] == '#')
        return NULL;
    if (!tab)
        return "expected NGRAM<TAB>WEIGHT";
    size_t g = (size_t)(tab - s);
    int w;
    if (parse_weight(tab + 1, n - g - 1, &w) < 0)
        return "the weight is no integer from -32768 to 32767";
    if (g == 1 && s[0] == '_') {
        nl->unseen = w;
        return NULL;
    }
    uint64_t k = pack(s, g);
    if (!k || code_points(s, g) < 1)
        return "an n-gram is one to four letters (eight bytes at most)";
    size_t i = find(nl, k);
    if (nl->key[i])
        return "the n-gram is listed twice";
    nl->key[i] = k;
    nl->weight[i] = (int16_t)w;
    nl->n++;
    return NULL;
}

/* The slots for lines lines: a power of two, at least twice as many. */
static size_t slots_for(size_t lines)
{
    size_t slots = 64;
    while (slots < 2 * lines)
        slots *= 2;
    return slots;
}

/* Fills nl from the whole file text[0, n). */
static alam_status parse(namelike *nl, const char *text, size_t n,
                         const char *path, alam_error *err)
{
    size_t lines = 0;
    for (const char *p = text; (p = memchr(p, '\n', n - (size_t)(p - text)));
         p++)
        lines++;
    size_t slots = slots_for(lines + 1);
    if (!(nl->key = calloc(slots, sizeof *nl->key)) ||
        !(nl->weight = calloc(slots, sizeof *nl->weight)))
        return fail(err, ALAM_ERR_NOMEM, path, 0, "out of memory");
    nl->mask = slots - 1;
    const char *nul = memchr(text, '\0', n);
    size_t line = 0;
    for (size_t at = 0; at < n; at++) {        /* at: a line's start */
        const char *eol = memchr(text + at, '\n', n - at);
        size_t end = eol ? (size_t)(eol - text) : n;
        line++;
        if (nul && nul < text + end)
            return fail(err, ALAM_ERR_DATA, path, line, "NUL byte");
        size_t len = end - at - (end > at && text[end - 1] == '\r');
        const char *e = take_line(nl, text + at, len,
                                  memchr(text + at, '\t', len));
        if (e)
            return fail(err, ALAM_ERR_DATA, path, line, e);
        at = end;
    }
    return ALAM_OK;
}

/* The whole of f, malloc'd, in *text and *n. */
static alam_status slurp(FILE *f, const char *path, char **text, size_t *n,
                         alam_error *err)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (size_t got; buf; len += got) {
        if (len == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b)
                break;
            buf = b;
        }
        if (!(got = fread(buf + len, 1, cap - len, f)))
            break;
    }
    if (!buf || len == cap) {
        free(buf);
        return fail(err, ALAM_ERR_NOMEM, path, 0, "out of memory");
    }
    if (ferror(f)) {
        free(buf);
        return fail(err, ALAM_ERR_IO, path, 0, strerror(errno));
    }
    *text = buf;
    *n = len;
    return ALAM_OK;
}

alam_status namelike_load(const char *path, namelike **out, alam_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? ALAM_OK
             : fail(err, ALAM_ERR_IO, path, 0, strerror(errno));
    char *text = NULL;
    size_t n = 0;
    alam_status st = slurp(f, path, &text, &n, err);
    fclose(f);
    namelike *nl = st == ALAM_OK ? calloc(1, sizeof *nl) : NULL;
    if (st == ALAM_OK && !nl)
        st = fail(err, ALAM_ERR_NOMEM, path, 0, "out of memory");
    if (st == ALAM_OK)
        st = parse(nl, text, n, path, err);
    free(text);
    if (st != ALAM_OK)
        namelike_free(nl);
    else
        *out = nl;
    return st;
}

int namelike_image_put(const namelike *nl, strbuf *out)
{
    if (!nl)
        return 0;
    size_t slots = nl->mask + 1;
    image_head h = {slots, nl->n, nl->unseen};
    strbuf_put(out, (const char *)&h, sizeof h);
    strbuf_put(out, (const char *)nl->key, slots * sizeof *nl->key);
    strbuf_put(out, (const char *)nl->weight, slots * sizeof *nl->weight);
    return out->failed ? -1 : 0;
}

/* Why the head h of a part of n bytes is unsound, or NULL. */
static const char *check_head(const image_head *h, size_t n)
{
    if (!h->slots || h->slots > SLOTS_MAX || (h->slots & (h->slots - 1)))
        return "name-like letters: bad slot count";
    if (n != sizeof *h + h->slots * (sizeof(uint64_t) + sizeof(int16_t)))
        return "name-like letters: bad size";
    if (h->n >= h->slots)
        return "name-like letters: no empty slot";
    if (h->unseen < INT16_MIN || h->unseen > INT16_MAX)
        return "name-like letters: bad unseen weight";
    return NULL;
}

const char *namelike_from_image(const void *p, size_t n, namelike **out)
{
    image_head h;
    *out = NULL;
    if (!n)
        return NULL;
    if (n < sizeof h)
        return "name-like letters: truncated";
    memcpy(&h, p, sizeof h);
    const char *why = check_head(&h, n);
    if (why)
        return why;
    namelike *nl = calloc(1, sizeof *nl);
    size_t slots = (size_t)h.slots;
    if (!nl || !(nl->key = malloc(slots * sizeof *nl->key)) ||
        !(nl->weight = malloc(slots * sizeof *nl->weight))) {
        namelike_free(nl);
        return "out of memory";
    }
    const char *k = (const char *)p + sizeof h;
    memcpy(nl->key, k, slots * sizeof *nl->key);
    memcpy(nl->weight, k + slots * sizeof *nl->key, slots * sizeof *nl->weight);
    nl->mask = slots - 1;
    nl->n = (size_t)h.n;
    nl->unseen = (int)h.unseen;
    size_t used = 0;
    for (size_t i = 0; i < slots; i++)
        used += nl->key[i] != 0;
    if (used != nl->n) {
        namelike_free(nl);
        return "name-like letters: bad count";
    }
    *out = nl;
    return NULL;
}

static int weight_of(const namelike *nl, const char *s, size_t n)
{
    uint64_t k = pack(s, n);
    if (!k)
        return nl->unseen;
    size_t i = find(nl, k);
    return nl->key[i] ? nl->weight[i] : nl->unseen;
}

int namelike_test(const namelike *nl, const char *key, size_t n)
{
    char w[WORD_MAX * 4 + 2];
    size_t at[WORD_MAX + 3], np = 0, m = 0;
    if (!nl || n + 2 > sizeof w)
        return 0;
    w[m++] = '^';
    memcpy(w + m, key, n);
    m += n;
    w[m++] = '$';
    for (size_t i = 0; i < m; np++) {       /* code point starts */
        if (np > WORD_MAX + 1)
            return 0;
        at[np] = i;
        unsigned char c = (unsigned char)w[i];
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    at[np] = m;
    long sum = 0;
    for (size_t len = NGRAM_MIN; len <= NGRAM_MAX; len++)
        for (size_t i = 0; i + len <= np; i++)
            sum += weight_of(nl, w + at[i], at[i + len] - at[i]);
    return sum > 0;
}
