/* lexicon_load.c - reading gazetteer lists (TSV) into the tables.
 *
 * Format (gazetteers/README.md):  NAME<TAB>LABEL[<TAB>key=value]...
 * LABEL is an entity label (PERSON ORG COUNTRY LOCATION) or a class label
 * (NISBA FIRST_NAME NAME_PARTICLE TITLE SPEECH_VERB ORG_HEAD LOC_HEAD
 * STATE_HEAD COMMON); keys are iso= (required for COUNTRY and NISBA), canon=,
 * src= and amb=1 (the key is also a common word). */
#include "lexicon_impl.h"
#include "normalize.h"
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static const struct {
    const char *name;
    uint8_t label;
    uint32_t cls;
} labels[] = {
    {"PERSON", ALAM_PERSON, 0},
    {"ORG", ALAM_ORG, 0},
    {"COUNTRY", ALAM_COUNTRY, 0},
    {"LOCATION", ALAM_LOCATION, 0},
    {"NISBA", 0, CLASS_NISBA},
    {"FIRST_NAME", 0, CLASS_FIRST_NAME},
    {"NAME_PARTICLE", 0, CLASS_NAME_PARTICLE},
    {"TITLE", 0, CLASS_TITLE},
    {"SPEECH_VERB", 0, CLASS_SPEECH_VERB},
    {"ORG_HEAD", 0, CLASS_ORG_HEAD},
    {"LOC_HEAD", 0, CLASS_LOC_HEAD},
    {"STATE_HEAD", 0, CLASS_STATE_HEAD},
    {"COMMON", 0, CLASS_COMMON},
};

static int parse_label(const char *s, lex_entry *e)
{
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        if (!strcmp(s, labels[i].name)) {
            e->label = labels[i].label;
            e->classes = labels[i].cls;
            return 0;
        }
    }
    return -1;
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

/* One key=value column into e.  Returns NULL or an error text. */
static const char *parse_field(lexicon *lx, char *col, lex_entry *e)
{
    char *eq = strchr(col, '=');
    if (!eq || eq == col || !eq[1])
        return "field is not key=value";
    *eq = '\0';
    const char *v = eq + 1;
    if (!strcmp(col, "amb")) {
        if (strcmp(v, "1") && strcmp(v, "0"))
            return "amb= takes 1 or 0";
        e->amb = v[0] == '1';
        return NULL;
    }
    uint32_t off = lx_pool_add(lx, v, strlen(v));
    if (!off)
        return "out of memory";
    if (!strcmp(col, "iso")) {
        if (!valid_iso(v))
            return "iso= needs two capital letters (ISO 3166-1)";
        e->iso = off;
    } else if (!strcmp(col, "canon")) {
        e->canon = off;
    } else if (!strcmp(col, "src")) {
        e->origin = off;
    } else {
        return "unknown field (known: iso, canon, src, amb)";
    }
    return NULL;
}

static const char *parse_fields(lexicon *lx, char **cols, size_t n,
                                lex_entry *e)
{
    for (size_t i = 0; i < n; i++) {
        const char *msg = parse_field(lx, cols[i], e);
        if (msg)
            return msg;
    }
    if (e->label == ALAM_COUNTRY && !e->iso)
        return "COUNTRY needs iso=XX";
    if ((e->classes & CLASS_NISBA) && !e->iso)
        return "NISBA needs iso=XX";
    return NULL;
}

static int32_t push_entry(lexicon *lx, const lex_entry *e)
{
    lex_entry *es = lx_grow(lx->entries, &lx->entries_cap, lx->n_entries + 1,
                            sizeof *es);
    if (!es)
        return -1;
    lx->entries = es;
    es[lx->n_entries] = *e;
    return (int32_t)lx->n_entries++;
}

/* An entity entry: a user list wins; else the higher-ranked label; else the
 * first listed. */
static int set_entity(lexicon *lx, uint32_t node, const lex_entry *e)
{
    int32_t old = lx->nodes[node].entity;
    if (old >= 0) {
        const lex_entry *o = &lx->entries[old];
        if (!e->user && (o->user || label_rank(o->label) >= label_rank(e->label)))
            return 0;
    }
    int32_t idx = push_entry(lx, e);
    if (idx < 0)
        return -1;
    lx->nodes[node].entity = idx;
    return 0;
}

/* Class entries merge: the bits add up; the first iso stays. */
static int set_classes(lexicon *lx, uint32_t node, uint32_t word,
                       const lex_entry *e)
{
    int32_t old = lx->nodes[node].cls;
    if (old >= 0) {
        lex_entry *o = &lx->entries[old];
        o->classes |= e->classes;
        if (!o->iso)
            o->iso = e->iso;
    } else {
        int32_t idx = push_entry(lx, e);
        if (idx < 0)
            return -1;
        lx->nodes[node].cls = idx;
    }
    return word ? lx_set_word_class(lx, word, e->classes) : 0;
}

static uint32_t first_word(const lexicon *lx, const doc *d)
{
    size_t klen;
    const char *k = tok_key(d, &d->tok[0], &klen);
    return lx_word_find(lx, k, klen);
}

/* Adds a phrase; returns NULL or an error text. */
static const char *add_phrase(lexicon *lx, const char *name, const lex_entry *e)
{
    doc *d = &lx->scratch;
    size_t len = strlen(name), cend;
    if (doc_tokenize(d, name, 0, len, 0, &cend) < 0 ||
        doc_normalize(d, name, NULL) < 0)
        return "out of memory";
    if (d->n == 0)
        return "empty name";
    uint32_t node = 0, w = 0;
    if (!e->label && d->n == 1 && !e->iso) {
        /* A word of classes only: its bits, no trie node. */
        size_t klen;
        const char *k = tok_key(d, &d->tok[0], &klen);
        w = lx_word_intern(lx, k, klen);
        return !w || lx_set_word_class(lx, w, e->classes |
                                       (e->amb ? WORD_CLASS_AMB : 0)) < 0
            ? "out of memory" : NULL;
    }
    for (size_t i = 0; i < d->n; i++) {
        size_t klen;
        const char *k = tok_key(d, &d->tok[i], &klen);
        w = lx_word_intern(lx, k, klen);
        if (!w || !(node = lx_edge_add(lx, node, w)))
            return "out of memory";
    }
    int rc = e->label ? set_entity(lx, node, e)
                      : set_classes(lx, node, d->n == 1 ? w : 0, e);
    if (rc == 0 && e->label)       /* where an entity walk may start */
        rc = lx_set_word_class(lx, first_word(lx, d), WORD_ENTITY_START);
    else if (rc == 0 && d->n > 1)  /* where a class phrase walk starts */
        rc = lx_set_word_class(lx, first_word(lx, d), WORD_PHRASE_START);
    return rc < 0 ? "out of memory" : NULL;
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
    e.user = (uint8_t)(user != 0);
    e.src = src;
    if (parse_label(cols[1], &e) < 0)
        return "unknown label (PERSON, ORG, COUNTRY, LOCATION, or a class: "
               "NISBA, FIRST_NAME, NAME_PARTICLE, TITLE, SPEECH_VERB, "
               "ORG_HEAD, LOC_HEAD, STATE_HEAD, COMMON)";
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

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* One line: NUL, encoding, then the fields. */
static alam_status load_line(lexicon *lx, char *line, size_t n, uint32_t src,
                             int user, const char *where, alam_error *err)
{
    const char *msg = NULL;
    if (memchr(line, '\0', n))
        msg = "NUL byte";
    else if (!valid_utf8(line, n))
        msg = "invalid UTF-8";
    else if (!is_blank(line, n) && line[0] != '#')
        msg = parse_line(lx, line, src, user);
    if (!msg)
        return ALAM_OK;
    return fail(err, strcmp(msg, "out of memory") ? ALAM_ERR_DATA
                                                 : ALAM_ERR_NOMEM,
                "%s: %s", where, msg);
}

alam_status lexicon_load_stream(lexicon *lx, FILE *f, const char *name,
                                int user, alam_error *err)
{
    if (lx->map && lx_thaw(lx) < 0)
        return fail(err, ALAM_ERR_NOMEM, "out of memory");
    uint32_t src = lx_pool_add(lx, base_name(name), strlen(base_name(name)));
    char *line = NULL, where[4200];
    size_t cap = 0, lineno = 0;
    ssize_t got;
    alam_status st = src ? ALAM_OK : fail(err, ALAM_ERR_NOMEM, "out of memory");
    while (st == ALAM_OK && (got = getline(&line, &cap, f)) >= 0) {
        size_t n = (size_t)got;
        chomp(line, &n);
        snprintf(where, sizeof where, "%s:%zu", name, ++lineno);
        st = load_line(lx, line, n, src, user, where, err);
    }
    if (st == ALAM_OK && ferror(f))
        st = fail(err, ALAM_ERR_IO, "%s: read error", name);
    free(line);
    return st;
}

alam_status lexicon_load_file(lexicon *lx, const char *path, int user,
                              alam_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, ALAM_ERR_IO, "%s: %s", path, strerror(errno));
    alam_status st = lexicon_load_stream(lx, f, path, user, err);
    fclose(f);
    return st;
}
