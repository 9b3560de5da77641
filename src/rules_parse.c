/* rules_parse.c - rule files to PCRE2 patterns over token classes.
 *
 * Syntax (gazetteers/rules/README.md):
 *   class NAME = CLASSEXPR             a named test on one token
 *   pattern NAME = PATTERN             a named token sequence
 *   rule ID LABEL PRIORITY             then the pattern on indented lines
 * A statement starts at column 1; indented lines continue it; '#' starts a
 * comment.  Inside [ ] a class expression tests one token: | & ! ( ),
 * class names, "word" literals and * (any).  Outside, a pattern is a token
 * sequence: [expr], a bare class name (a list class or entity matches its
 * whole listed phrase), "word", . (any token), ( | ) groups, ? * + {n,m},
 * lookarounds (?= ) (?! ) (?<= ) (?<! ), and < > once around the entity.
 *
 * A class expression becomes a disjunction of conjunctions of bit tests;
 * each conjunction becomes RULE_WIDTH byte classes (rules.h), so PCRE2
 * matches one token per RULE_WIDTH bytes. */
#include "rules.h"
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* ---- growable strings ---- */


static void sb_cat(strbuf *b, const char *s)
{
    strbuf_put(b, s, s ? strlen(s) : 0);
}

/* ---- class names ---- */

static const struct {
    const char *name;
    int bit;
    char phrase;        /* bare use: 'e' entity phrase, 'c' class phrase */
} builtin[] = {
    {"ARABIC", TC_ARABIC, 0}, {"LATIN", TC_LATIN, 0},
    {"NUMBER", TC_NUMBER, 0}, {"PUNCT", TC_PUNCT, 0},
    {"SYMBOL", TC_SYMBOL, 0}, {"QUOTE", TC_QUOTE, 0},
    {"OPEN", TC_OPEN, 0}, {"CLOSE", TC_CLOSE, 0}, {"END", TC_END, 0},
    {"LINE", TC_LINE, 0},
    {"TITLE", TC_TITLE, 'c'}, {"SPEECH_VERB", TC_SPEECH_VERB, 'c'},
    {"ORG_HEAD", TC_ORG_HEAD, 'c'}, {"LOC_HEAD", TC_LOC_HEAD, 'c'},
    {"STATE_HEAD", TC_STATE_HEAD, 'c'}, {"NISBA", TC_NISBA, 'c'},
    {"FIRST_NAME", TC_FIRST_NAME, 'c'},
    {"NAME_PARTICLE", TC_NAME_PARTICLE, 'c'},
    {"DATE", TC_DATE, 0}, {"COMMON", TC_COMMON, 0},
    {"CSTART", TC_CSTART, 0},
    {"PERSON", TC_PERSON, 'e'}, {"ORG", TC_ORG, 'e'},
    {"COUNTRY", TC_COUNTRY, 'e'}, {"LOCATION", TC_LOCATION, 'e'},
    {"AMB", TC_AMB, 0}, {"ESTART", TC_ESTART, 0},
    {"CONJ", TC_CONJ, 0}, {"PREP", TC_PREP, 0}, {"ART", TC_ART, 0},
    {"UNKNOWN", TC_UNKNOWN, 0}, {"WORD", TC_WORD, 0},
    {"MAQSURA", TC_MAQSURA, 0}, {"SUFFIXED", TC_SUFFIXED, 0},
    {"FINAL_YA", TC_FINAL_YA, 0}, {"PREPLIKE", TC_PREPLIKE, 0},
    {"FINAL_IYA", TC_FINAL_IYA, 0}, {"INITIAL", TC_INITIAL, 0},
    {"NAMELIKE", TC_NAMELIKE, 0},
};
#define N_BUILTIN (sizeof builtin / sizeof *builtin)

/* ---- formulas over bits ---- */

enum { F_BIT, F_LIT, F_TRUE, F_NOT, F_AND, F_OR };

typedef struct {
    int op, a, b, v;        /* children are indices; v: bit or literal */
} fnode;

/* A conjunction: required and forbidden bits, and the set of literal
 * codes the token may have (all of them when the test names no word). */
typedef struct {
    uint64_t req, forb;
    uint8_t lits[RULE_WORD_BYTES];
} conj;

static int lits_empty(const uint8_t *l)
{
    for (int i = 0; i < RULE_WORD_BYTES; i++)
        if (l[i])
            return 0;
    return 1;
}

#define MAX_CONJ 64

typedef struct {
    conj v[MAX_CONJ];
    int n;
} dnf;

/* ---- lexer ---- */

enum { K_EOF, K_STMT, K_NAME, K_ID, K_NUM, K_STR, K_SYM };

typedef struct {
    int kind;
    const char *s;          /* into the source */
    size_t n;
    size_t line, col;
} lexeme;

typedef struct {
    char name[64];
    int is_class;           /* class: formula f; pattern: frag */
    int f;
    char *re;
    uint64_t first, first_nf;
    uint8_t first_lit[RULE_WORD_BYTES];
    int first_all, nullable;
    int one, second_all;    /* pattern: what can be its second token */
    uint64_t second;
    uint8_t second_lit[RULE_WORD_BYTES];
    pre_set *pre;           /* pattern: its prefilter (rules_prefilter.c) */
} def;

typedef struct {
    const char *shown;
    const char *src;
    size_t len, pos, line, col;
    lexeme cur;
    fnode *f;
    size_t nf, fcap;
    def *defs;
    size_t ndefs, dcap;
    rule_set_src *set;
    alam_error *err;
    int failed;
    int groups;             /* entity groups in the current rule */
    int in_look;            /* inside a lookaround */
    struct atom_memo *memo; /* compiled tokens, by formula index */
    size_t memo_cap;
    int *fhash;             /* formula indices by content (-1: empty), so
                               that a test written twice is one formula */
    size_t fhcap;
    int phrase_f[TC_COUNT][2];  /* formulas of bare phrases: head, tail */
    strbuf any_word;        /* the test of a token with any word or none */
} parser;

/* A formula compiled once: its regex, what can start it and the test
 * of the prefilter that a token it matches passes. */
struct atom_memo {
    char *re;
    uint64_t first, first_nf;
    uint8_t first_lit[RULE_WORD_BYTES];
    int first_all;
    pre_test test;
};

static int fail_at(parser *p, size_t line, size_t col, const char *fmt, ...)
{
    if (p->failed)
        return -1;
    va_list ap;
    char msg[300];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(p->err->message, sizeof p->err->message, "%s:%zu:%zu: %s",
             p->shown, line, col, msg);
    p->err->status = strstr(msg, "out of memory") ? ALAM_ERR_NOMEM
                                                   : ALAM_ERR_DATA;
    p->failed = 1;
    return -1;
}

static int fail(parser *p, const char *what)
{
    if (p->cur.kind == K_EOF || p->cur.kind == K_STMT)
        return fail_at(p, p->cur.line, p->cur.col, "%s (at end of statement)",
                       what);
    return fail_at(p, p->cur.line, p->cur.col, "%s (at '%.*s')", what,
                   (int)p->cur.n, p->cur.s);
}

static void advance_char(parser *p)
{
    unsigned char c = (unsigned char)p->src[p->pos++];
    if (c == '\n') {
        p->line++;
        p->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        p->col++;
    }
}

/* Skips blanks and comments; returns 1 when a new line starts at column 1
 * with something other than a blank or a comment on it. */
static int skip_blank(parser *p)
{
    int stmt = 0;
    while (p->pos < p->len) {
        char c = p->src[p->pos];
        if (c == '#') {
            while (p->pos < p->len && p->src[p->pos] != '\n')
                advance_char(p);
        } else if (c == '\n') {
            advance_char(p);
            stmt = p->pos < p->len && p->src[p->pos] != ' ' &&
                   p->src[p->pos] != '\t' && p->src[p->pos] != '\n' &&
                   p->src[p->pos] != '\r' && p->src[p->pos] != '#';
        } else if (c == ' ' || c == '\t' || c == '\r') {
            advance_char(p);
        } else {
            break;
        }
    }
    return stmt;
}

static int is_in(char c, const char *set)
{
    return c && strchr(set, c) != NULL;
}

static const char *const multi_syms[] = {"(?<=", "(?<!", "(?=", "(?!"};

static void lex_symbol(parser *p)
{
    p->cur.kind = K_SYM;
    p->cur.n = 1;
    for (size_t i = 0; i < 4; i++) {
        size_t n = strlen(multi_syms[i]);
        if (p->len - p->pos >= n && !memcmp(p->src + p->pos, multi_syms[i], n)) {
            p->cur.n = n;
            break;
        }
    }
    for (size_t i = 0; i < p->cur.n; i++)
        advance_char(p);
}

static void lex_string(parser *p)
{
    advance_char(p);
    p->cur.s = p->src + p->pos;
    while (p->pos < p->len && p->src[p->pos] != '"' && p->src[p->pos] != '\n')
        advance_char(p);
    p->cur.n = (size_t)(p->src + p->pos - p->cur.s);
    if (p->pos < p->len && p->src[p->pos] == '"') {
        advance_char(p);
        p->cur.kind = K_STR;
    } else {
        fail_at(p, p->cur.line, p->cur.col, "unterminated \"word\"");
        p->cur.kind = K_EOF;
    }
}

static void lex_word(parser *p, const char *chars, int kind)
{
    p->cur.kind = kind;
    while (p->pos < p->len && is_in(p->src[p->pos], chars))
        advance_char(p);
    p->cur.n = (size_t)(p->src + p->pos - p->cur.s);
}

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGIT "0123456789"

static void next(parser *p)
{
    int stmt = skip_blank(p);
    p->cur.s = p->src + p->pos;
    p->cur.line = p->line;
    p->cur.col = p->col;
    p->cur.n = 0;
    if (p->pos >= p->len) {
        p->cur.kind = K_EOF;
        return;
    }
    if (stmt) {
        p->cur.kind = K_STMT;
        return;
    }
    char c = p->src[p->pos];
    if (is_in(c, UPPER))
        lex_word(p, UPPER DIGIT "_", K_NAME);
    else if (is_in(c, LOWER))
        lex_word(p, LOWER DIGIT "_.-", K_ID);
    else if (is_in(c, DIGIT))
        lex_word(p, DIGIT, K_NUM);
    else if (c == '"')
        lex_string(p);
    else if (is_in(c, "[]()<>|&!?*+{},.=:"))
        lex_symbol(p);
    else {
        fail_at(p, p->line, p->col, "unexpected character");
        p->cur.kind = K_EOF;
    }
}

static int is_sym(const parser *p, const char *s)
{
    return p->cur.kind == K_SYM && p->cur.n == strlen(s) &&
           !memcmp(p->cur.s, s, p->cur.n);
}

static int is_word(const parser *p, const char *s)
{
    return (p->cur.kind == K_ID || p->cur.kind == K_NAME) &&
           p->cur.n == strlen(s) && !memcmp(p->cur.s, s, p->cur.n);
}

static int expect(parser *p, const char *sym)
{
    if (!is_sym(p, sym)) {
        char what[32];
        snprintf(what, sizeof what, "expected '%s'", sym);
        return fail(p, what);
    }
    next(p);
    return 0;
}

/* ---- formulas ---- */

static size_t fnode_hash(const fnode *n)
{
    uint64_t h = ((uint64_t)(unsigned)n->op << 48) ^
                 ((uint64_t)(unsigned)n->a << 32) ^
                 ((uint64_t)(unsigned)n->b << 16) ^ (uint64_t)(unsigned)n->v;
    h *= 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 32);
}

/* The slot of the formula equal to n, or the empty slot where it goes. */
static size_t fhash_slot(const parser *p, const fnode *n)
{
    size_t i = fnode_hash(n) & (p->fhcap - 1);
    while (p->fhash[i] >= 0 && memcmp(&p->f[p->fhash[i]], n, sizeof *n))
        i = (i + 1) & (p->fhcap - 1);
    return i;
}

static int fhash_grow(parser *p)
{
    size_t cap = p->fhcap ? p->fhcap * 2 : 128;
    int *h = malloc(cap * sizeof *h);
    if (!h)
        return -1;
    free(p->fhash);
    p->fhash = h;
    p->fhcap = cap;
    memset(h, 0xff, cap * sizeof *h);
    for (size_t k = 0; k < p->nf; k++)
        h[fhash_slot(p, &p->f[k])] = (int)k;
    return 0;
}

/* The formula (op a b v): a new node, or the equal one made before (nodes
 * never change), so that compiled tokens are memoized by content. */
static int fnew(parser *p, int op, int a, int b, int v)
{
    fnode n = {op, a, b, v};
    if ((p->nf + 1) * 2 > p->fhcap && fhash_grow(p) < 0)
        return fail_at(p, p->cur.line, p->cur.col, "out of memory");
    size_t slot = fhash_slot(p, &n);
    if (p->fhash[slot] >= 0)
        return p->fhash[slot];
    if (p->nf == p->fcap) {
        size_t cap = p->fcap ? p->fcap * 2 : 64;
        fnode *f = realloc(p->f, cap * sizeof *f);
        if (!f)
            return fail_at(p, p->cur.line, p->cur.col, "out of memory");
        p->f = f;
        p->fcap = cap;
    }
    p->f[p->nf] = n;
    p->fhash[slot] = (int)p->nf;
    return (int)p->nf++;
}

static const def *find_def(const parser *p, const char *s, size_t n)
{
    for (size_t i = 0; i < p->ndefs; i++)
        if (strlen(p->defs[i].name) == n && !memcmp(p->defs[i].name, s, n))
            return &p->defs[i];
    return NULL;
}

static int find_builtin(const char *s, size_t n)
{
    for (size_t i = 0; i < N_BUILTIN; i++)
        if (strlen(builtin[i].name) == n && !memcmp(builtin[i].name, s, n))
            return (int)i;
    return -1;
}

/* The code of a literal word (folded), added when new; -1 on error. */
static int literal_code(parser *p, const char *s, size_t n)
{
    char key[64];
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp, f;
        int valid;
        i += text_decode((const unsigned char *)s + i, n - i, &cp, &valid);
        if (!valid || text_is_space(cp) || (!text_is_arabic_letter(cp) &&
                                            !text_is_letter(cp) &&
                                            !text_is_arabic_mark(cp)))
            return fail(p, "a \"word\" holds letters of one word only");
        if ((f = text_fold(cp)) && k + 4 < sizeof key)
            k += text_encode(f, key + k);
    }
    key[k] = '\0';
    if (!k)
        return fail(p, "empty \"word\"");
    rule_set_src *set = p->set;
    for (size_t i = 0; i < set->n_lit; i++)
        if (!strcmp(set->lit[i], key))
            return (int)i + 1;
    if (set->n_lit == RULE_MAX_WORDS)
        return fail(p, "too many distinct \"words\" in the rules (at most "
                       RULE_MAX_WORDS_TEXT ")");
    char (*l)[64] = realloc(set->lit, (set->n_lit + 1) * sizeof *l);
    if (l)
        set->lit = l;
    char (*w)[128] = realloc(set->lit_where, (set->n_lit + 1) * sizeof *w);
    if (w)
        set->lit_where = w;
    if (!l || !w)
        return fail(p, "out of memory");
    snprintf(w[set->n_lit], sizeof *w, "%s:%zu:%zu", p->shown, p->cur.line,
             p->cur.col);
    strcpy(l[set->n_lit++], key);
    return (int)set->n_lit;
}

static int cexpr(parser *p);

static int cfactor(parser *p)
{
    if (is_sym(p, "!")) {
        next(p);
        int a = cfactor(p);
        return a < 0 ? -1 : fnew(p, F_NOT, a, -1, 0);
    }
    if (is_sym(p, "(")) {
        next(p);
        int a = cexpr(p);
        return a < 0 || expect(p, ")") < 0 ? -1 : a;
    }
    if (is_sym(p, "*")) {
        next(p);
        return fnew(p, F_TRUE, -1, -1, 0);
    }
    if (p->cur.kind == K_STR) {
        int code = literal_code(p, p->cur.s, p->cur.n);
        next(p);
        return code < 0 ? -1 : fnew(p, F_LIT, -1, -1, code);
    }
    if (p->cur.kind != K_NAME)
        return fail(p, "expected a class name, \"word\", ! or (");
    int b = find_builtin(p->cur.s, p->cur.n);
    const def *d = b < 0 ? find_def(p, p->cur.s, p->cur.n) : NULL;
    if (b < 0 && (!d || !d->is_class))
        return fail(p, d ? "a pattern is no class: use it outside [ ]"
                         : "unknown class name");
    next(p);
    return b >= 0 ? fnew(p, F_BIT, -1, -1, builtin[b].bit) : d->f;
}

static int cterm(parser *p)
{
    int a = cfactor(p);
    while (a >= 0 && is_sym(p, "&")) {
        next(p);
        int b = cfactor(p);
        a = b < 0 ? -1 : fnew(p, F_AND, a, b, 0);
    }
    return a;
}

static int cexpr(parser *p)
{
    int a = cterm(p);
    while (a >= 0 && is_sym(p, "|")) {
        next(p);
        int b = cterm(p);
        a = b < 0 ? -1 : fnew(p, F_OR, a, b, 0);
    }
    return a;
}

/* ---- formulas to disjunctive normal form ---- */

static int conj_merge(const conj *a, const conj *b, conj *out)
{
    *out = *a;
    out->req |= b->req;
    out->forb |= b->forb;
    for (int i = 0; i < RULE_WORD_BYTES; i++)
        out->lits[i] &= b->lits[i];
    return !(out->req & out->forb) && !lits_empty(out->lits);
}

/* Adds c to the disjunction d: to a case with the same bits as a word
 * more (a class of many words stays one case), else as a case of its
 * own; -1 when d is full. */
static int dnf_push(dnf *d, const conj *c)
{
    for (int i = 0; i < d->n; i++)
        if (d->v[i].req == c->req && d->v[i].forb == c->forb) {
            for (int k = 0; k < RULE_WORD_BYTES; k++)
                d->v[i].lits[k] |= c->lits[k];
            return 0;
        }
    if (d->n == MAX_CONJ)
        return -1;
    d->v[d->n++] = *c;
    return 0;
}

static int to_dnf(const parser *p, int f, int neg, dnf *out);

static int dnf_union(const parser *p, int a, int b, int neg, dnf *out)
{
    dnf *y = malloc(sizeof *y);
    int rc = y && to_dnf(p, a, neg, out) == 0 && to_dnf(p, b, neg, y) == 0
                 ? 0 : -1;
    for (int i = 0; rc == 0 && i < y->n; i++)
        rc = dnf_push(out, &y->v[i]);
    free(y);
    return rc;
}

static int dnf_product(const parser *p, int a, int b, int neg, dnf *out)
{
    dnf *x = malloc(sizeof *x), *y = malloc(sizeof *y);
    int rc = x && y && to_dnf(p, a, neg, x) == 0 && to_dnf(p, b, neg, y) == 0
                 ? 0 : -1;
    for (int i = 0; rc == 0 && i < x->n; i++)
        for (int j = 0; rc == 0 && j < y->n; j++) {
            conj c;
            if (conj_merge(&x->v[i], &y->v[j], &c))
                rc = dnf_push(out, &c);
        }
    free(x);
    free(y);
    return rc;
}

/* Appends the DNF of f (negated when neg) to out; -1 when too large. */
static int to_dnf(const parser *p, int f, int neg, dnf *out)
{
    const fnode *n = &p->f[f];
    conj c = {0};
    memset(c.lits, 0xff, sizeof c.lits);
    out->n = 0;
    switch (n->op) {
    case F_BIT:
        *(neg ? &c.forb : &c.req) = 1ull << n->v;
        return dnf_push(out, &c);
    case F_LIT:
        if (!neg)
            memset(c.lits, 0, sizeof c.lits);
        c.lits[n->v / 8] ^= (uint8_t)(1u << (n->v % 8));
        return dnf_push(out, &c);
    case F_TRUE:
        return neg ? 0 : dnf_push(out, &c);
    case F_NOT:
        return to_dnf(p, n->a, !neg, out);
    case F_AND:
        return neg ? dnf_union(p, n->a, n->b, 1, out)
                   : dnf_product(p, n->a, n->b, 0, out);
    default:
        return neg ? dnf_product(p, n->a, n->b, 1, out)
                   : dnf_union(p, n->a, n->b, 0, out);
    }
}

/* ---- simplifying a DNF with what the classes mean ---- */

#define B(x) (1ull << (x))
#define KINDS (B(TC_ARABIC) | B(TC_LATIN) | B(TC_NUMBER) | B(TC_PUNCT) |       \
               B(TC_SYMBOL))
#define WORDY (B(TC_DATE) | B(TC_NISBA) | B(TC_FIRST_NAME) |                   \
               B(TC_NAME_PARTICLE) | B(TC_TITLE) | B(TC_SPEECH_VERB) |          \
               B(TC_ORG_HEAD) | B(TC_LOC_HEAD) | B(TC_STATE_HEAD) |             \
               B(TC_COMMON) | B(TC_CSTART) | B(TC_PERSON) | B(TC_ORG) |         \
               B(TC_COUNTRY) | B(TC_LOCATION) | B(TC_AMB) | B(TC_ESTART))

/* What only a word gets (the inner tokens of a listed phrase, punctuation
 * included, get its class and label bits but none of these). */
#define WORD_ONLY (B(TC_DATE) | B(TC_COMMON) | B(TC_CSTART) | B(TC_ESTART) |   \
                   B(TC_UNKNOWN) | B(TC_NAMELIKE) | B(TC_WORD) | B(TC_CONJ) |  \
                   B(TC_PREP) | B(TC_ART))

/* The bits that cannot be set on a token that has bit r (rules.c). */
static uint64_t excluded_by(int r)
{
    switch (r) {
    case TC_ARABIC: case TC_LATIN: case TC_NUMBER:
        return KINDS & ~B(r);
    case TC_PUNCT: case TC_SYMBOL:
        return (KINDS & ~B(r)) | WORD_ONLY;
    case TC_QUOTE: case TC_OPEN: case TC_CLOSE: case TC_END:
        return (KINDS & ~B(TC_PUNCT)) | WORD_ONLY |
               ((B(TC_QUOTE) | B(TC_OPEN) | B(TC_CLOSE) | B(TC_END)) & ~B(r));
    case TC_UNKNOWN: case TC_NAMELIKE:
        return (KINDS & ~B(TC_ARABIC)) | WORDY;
    default:
        return r >= TC_DATE && r <= TC_ESTART
             ? B(TC_UNKNOWN) | B(TC_NAMELIKE) : 0;
    }
}

/* Drops what the required bits make impossible or certain; 0 when the
 * conjunction cannot hold. */
static int conj_normalize(conj *c)
{
    uint64_t absent = 0;
    for (int r = 0; r < TC_COUNT; r++)
        if (c->req >> r & 1)
            absent |= excluded_by(r);
    if (c->req & absent)
        return 0;
    c->forb &= ~absent;         /* forbidding the impossible says nothing */
    return 1;
}

/* Does a hold wherever b does (a is no stricter than b)? */
static int conj_covers(const conj *a, const conj *b)
{
    if ((a->req & ~b->req) || (a->forb & ~b->forb))
        return 0;
    for (int i = 0; i < RULE_WORD_BYTES; i++)
        if (b->lits[i] & ~a->lits[i])
            return 0;
    return 1;
}

/* a and b equal but for one bit, required in one and forbidden in the
 * other: their union drops the bit.  a and b equal but for their words:
 * their union allows the words of both. */
static int conj_merge_pair(conj *a, const conj *b)
{
    int same_lits = !memcmp(a->lits, b->lits, sizeof a->lits);
    if (a->req == b->req && a->forb == b->forb) {
        for (int i = 0; i < RULE_WORD_BYTES; i++)
            a->lits[i] |= b->lits[i];
        return 1;
    }
    uint64_t x = (a->req ^ b->req);
    if (!x || (x & (x - 1)) || (a->forb ^ b->forb) != x ||
        ((a->req | a->forb) != (b->req | b->forb)) || !same_lits)
        return 0;
    a->req &= ~x;
    a->forb &= ~x;
    return 1;
}

static void dnf_simplify(dnf *d)
{
    int n = 0;
    for (int i = 0; i < d->n; i++)
        if (conj_normalize(&d->v[i]))
            d->v[n++] = d->v[i];
    d->n = n;
    for (int changed = 1; changed;) {
        changed = 0;
        for (int i = 0; i < d->n; i++)
            for (int j = 0; j < d->n; j++) {
                if (i == j)
                    continue;
                if (conj_covers(&d->v[i], &d->v[j]) ||
                    conj_merge_pair(&d->v[i], &d->v[j])) {
                    d->v[j] = d->v[--d->n];
                    changed = 1;
                    if (i == d->n)
                        i = j;
                    j--;
                }
            }
    }
}

/* ---- DNF to byte classes ---- */

static void hex_byte(strbuf *b, int v)
{
    static const char digits[] = "0123456789abcdef";
    char buf[4] = {'\\', 'x', digits[v >> 4], digits[v & 15]};
    strbuf_put(b, buf, 4);
}

/* Appends the ranges of the values v in [lo, hi) with ok[v] == want;
 * returns their number. */
static size_t ranges(strbuf *b, const uint8_t *ok, int lo, int hi, int want)
{
    size_t n = 0;
    for (int v = lo; v < hi;) {
        if (ok[v] != want) {
            v++;
            continue;
        }
        int e = v;
        while (e + 1 < hi && ok[e + 1] == want)
            e++;
        n++;
        if (b) {
            hex_byte(b, v);
            if (e > v) {
                strbuf_put(b, "-", 1);
                hex_byte(b, e);
            }
        }
        v = e + 1;
    }
    return n;
}

/* A byte holding a value of [lo, hi) (no other can occur there): the
 * class of the values ok, or [^...] of the others when shorter. */
static void byte_class(strbuf *b, const uint8_t *ok, int lo, int hi)
{
    size_t out = ranges(NULL, ok, lo, hi, 0);
    int neg = out > 0 && out < ranges(NULL, ok, lo, hi, 1);
    sb_cat(b, neg ? "[^" : "[");
    ranges(b, ok, lo, hi, !neg);
    sb_cat(b, "]");
}

/* The values of each class byte of a token (rules.h) that satisfy c, at
 * their place in full[] (byte 0, the literal code, is written by
 * word_test()); 0 when no token can. */
static int conj_bytes(const conj *c, uint8_t full[RULE_WIDTH][256])
{
    enum { VALUES = 1 << RULE_BITS, MASK = VALUES - 1 };
    memset(full, 0, (size_t)RULE_WIDTH * 256);
    for (int j = 0; j < RULE_CLASS_BYTES; j++) {
        unsigned req = (unsigned)(c->req >> (RULE_BITS * j)) & MASK;
        unsigned forb = (unsigned)(c->forb >> (RULE_BITS * j)) & MASK;
        int any = 0;
        for (unsigned v = 0; v < VALUES; v++)
            any |= full[j + 1][v] = (v & req) == req && !(v & forb);
        if (!any)
            return 0;
    }
    return 1;
}

#define WSET_REF '\x01'   /* then 4 hex digits: set->wsets[k] */

/* The test of the token's literal byte: any word or none when the
 * conjunction names no word, else a reference to its set of words, which
 * rules_parse_finish() writes as a byte class once the words have their
 * codes.  -1 when out of memory. */
static int word_test(parser *p, const uint8_t *lits, strbuf *b)
{
    uint8_t any[256] = {0};
    size_t k = 0;
    while (k < RULE_WORD_BYTES && lits[k] == 0xff)
        k++;
    if (k == RULE_WORD_BYTES) {
        if (!p->any_word.s) {
            memset(any + RULE_LIT_BASE, 1, 0x100 - RULE_LIT_BASE);
            byte_class(&p->any_word, any, RULE_LIT_BASE, 0x100);
        }
        strbuf_put(b, p->any_word.failed ? NULL : p->any_word.s,
                   p->any_word.n);
        return 0;
    }
    rule_set_src *set = p->set;
    for (k = 0; k < set->n_wsets; k++)
        if (!memcmp(set->wsets[k], lits, RULE_WORD_BYTES))
            break;
    if (k == set->n_wsets) {
        if (k == 0xffff)
            return fail(p, "too many tests of words");
        if (k == set->wsets_cap) {
            size_t cap = k ? 2 * k : 64;
            void *w = realloc(set->wsets, cap * sizeof *set->wsets);
            if (!w)
                return fail(p, "out of memory");
            set->wsets = w;
            set->wsets_cap = cap;
        }
        memcpy(set->wsets[set->n_wsets++], lits, RULE_WORD_BYTES);
    }
    char ref[8];
    int n = snprintf(ref, sizeof ref, "%c%04zx", WSET_REF, k);
    strbuf_put(b, ref, (size_t)n);
    return 0;
}

/* One token matching conjunction c; 0 when no byte can match, -1 when out
 * of memory.  A class byte the conjunction leaves free is "." (patterns
 * are compiled with PCRE2_DOTALL), and runs of equal classes are written
 * once. */
static int conj_regex(parser *p, const conj *c, strbuf *b)
{
    enum { VALUES = 1 << RULE_BITS };
    uint8_t full[RULE_WIDTH][256];
    uint8_t all[256] = {0};
    memset(all, 1, VALUES);
    if (!conj_bytes(c, full))
        return 0;
    if (word_test(p, c->lits, b) < 0)
        return -1;
    for (int j = 1; j < RULE_WIDTH;) {
        int k = j + 1;
        while (k < RULE_WIDTH && !memcmp(full[k], full[j], VALUES))
            k++;
        if (!memcmp(full[j], all, VALUES))
            sb_cat(b, ".");
        else
            byte_class(b, full[j], 0, VALUES);
        if (k - j > 1) {
            char rep[8];
            int n = snprintf(rep, sizeof rep, "{%d}", k - j);
            strbuf_put(b, rep, (size_t)n);
        }
        j = k;
    }
    return 1;
}

/* A fragment of pattern: its regex and what can start it. */
typedef struct {
    strbuf re;
    uint64_t first;      /* trigger bits of the tokens that can start it */
    uint8_t first_lit[RULE_WORD_BYTES]; /* ... or the literal words that can */
    uint64_t first_nf;   /* bits some start token may have (the union of
                            the start tests' unforbidden bits) */
    int first_all;       /* some start token has neither */
    int nullable;        /* can match no token */
    int one;             /* can match exactly one token */
    uint64_t second;     /* trigger bits the second token of any match of */
    uint8_t second_lit[RULE_WORD_BYTES]; /* two tokens or more has, or literal words */
    int second_all;      /* ... unknown: any token */
    pre_set *pre;        /* its prefilter (owned; NULL until set) */
} frag;

static void frag_free(frag *f)
{
    free(f->re.s);
    free(f->pre);
    f->re.s = NULL;
    f->pre = NULL;
}

/* Sets f's prefilter to the empty match; -1 when out of memory. */
static int pre_alloc(parser *p, frag *f)
{
    if (!f->pre && !(f->pre = malloc(sizeof *f->pre)))
        return fail(p, "out of memory");
    pre_set_empty(f->pre);
    return 0;
}

/* Adds what can start g to what can start f. */
static void first_add(frag *f, const frag *g)
{
    f->first |= g->first;
    f->first_nf |= g->first_nf;
    f->first_all |= g->first_all;
    for (int i = 0; i < RULE_WORD_BYTES; i++)
        f->first_lit[i] |= g->first_lit[i];
}

/* Adds what can start g to what can be second in f: the tokens that may
 * follow a first token of f. */
static void second_from_first(frag *f, const frag *g)
{
    f->second |= g->first;
    f->second_all |= g->first_all;
    for (int i = 0; i < RULE_WORD_BYTES; i++)
        f->second_lit[i] |= g->first_lit[i];
}

/* Adds what can be second in g to what can be second in f. */
static void second_add(frag *f, const frag *g)
{
    f->second |= g->second;
    f->second_all |= g->second_all;
    for (int i = 0; i < RULE_WORD_BYTES; i++)
        f->second_lit[i] |= g->second_lit[i];
}

/* The trigger bit of a conjunction: a positive bit, the rarest kind
 * first (a line break before the token: once a line); -1 when it has
 * none. */
static int trigger_bit(const conj *c)
{
    static const int order[] = {
        TC_LINE, TC_TITLE, TC_SPEECH_VERB, TC_ORG_HEAD, TC_LOC_HEAD, TC_STATE_HEAD,
        TC_NAME_PARTICLE, TC_FIRST_NAME, TC_NISBA, TC_PERSON, TC_ORG,
        TC_COUNTRY, TC_LOCATION, TC_ESTART, TC_CSTART, TC_AMB, TC_WORD,
        TC_QUOTE, TC_OPEN, TC_CLOSE, TC_LATIN, TC_NUMBER, TC_DATE, TC_NAMELIKE,
        TC_UNKNOWN,
    };
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        if (c->req >> order[i] & 1)
            return order[i];
    for (int i = 0; i < TC_COUNT; i++)
        if (c->req >> i & 1)
            return i;
    return -1;
}

/* Every class bit, the rarest first (as trigger_bit()), the commonest
 * (words of any Arabic text) last. */
static const int rare_order[] = {
    TC_LINE, TC_TITLE, TC_SPEECH_VERB, TC_ORG_HEAD, TC_LOC_HEAD, TC_STATE_HEAD,
    TC_NAME_PARTICLE, TC_FIRST_NAME, TC_NISBA, TC_PERSON, TC_ORG, TC_COUNTRY,
    TC_LOCATION, TC_ESTART, TC_CSTART, TC_AMB, TC_WORD, TC_QUOTE, TC_OPEN,
    TC_CLOSE, TC_LATIN, TC_NUMBER, TC_DATE, TC_NAMELIKE, TC_UNKNOWN,
    TC_INITIAL, TC_MAQSURA, TC_FINAL_YA, TC_FINAL_IYA, TC_PREPLIKE,
    TC_SUFFIXED, TC_END, TC_SYMBOL, TC_CONJ, TC_PREP, TC_COMMON, TC_ART,
    TC_PUNCT, TC_ARABIC,
};
_Static_assert(sizeof rare_order / sizeof *rare_order == TC_COUNT,
               "rare_order lists every class");

/* The k-th rarest bit of req (its commonest when it has fewer); -1 when
 * req is empty. */
static int rare_bit(uint64_t req, int k)
{
    int last = -1;
    for (size_t i = 0; i < sizeof rare_order / sizeof *rare_order; i++)
        if (req >> rare_order[i] & 1) {
            last = rare_order[i];
            if (k-- == 0)
                break;
        }
    return last;
}

/* Adds to t what a token matching conjunction c has: per clause, one of
 * the words c requires, or its k-th rarest required bit; and t forbids
 * only what c forbids too (rules_prefilter.c).  Returns 0 when c requires
 * nothing t can test (t then passes any token). */
static int test_add(pre_test *t, const conj *c)
{
    int words = !(c->lits[0] & 1);  /* 0, no word, is not among its words */
    t->forb &= c->forb;
    for (int i = 0; words && i < RULE_WORD_BYTES; i++)
        t->lit[i] |= c->lits[i];
    for (int k = 0; k < PRE_CLAUSES && !words; k++) {
        int b = rare_bit(c->req, k);
        if (b < 0)
            return 0;
        t->any[k] |= 1ull << b;
    }
    return 1;
}

static int atom_compile(parser *p, int f, frag *out, pre_test *test);

/* One token satisfying formula f (each formula is compiled once). */
static int atom_frag(parser *p, int f, frag *out)
{
    if (f < 0)
        return -1;
    if ((size_t)f >= p->memo_cap) {
        size_t cap = p->memo_cap ? p->memo_cap : 64;
        while (cap <= (size_t)f)
            cap *= 2;
        struct atom_memo *m = realloc(p->memo, cap * sizeof *m);
        if (!m)
            return fail(p, "out of memory");
        memset(m + p->memo_cap, 0, (cap - p->memo_cap) * sizeof *m);
        p->memo = m;
        p->memo_cap = cap;
    }
    struct atom_memo *m = &p->memo[f];
    if (!m->re) {
        frag a = {0};
        pre_test t;
        if (atom_compile(p, f, &a, &t) < 0 || a.re.failed) {
            free(a.re.s);
            return p->failed ? -1 : fail(p, "out of memory");
        }
        *m = (struct atom_memo){a.re.s, a.first, a.first_nf, {0}, a.first_all,
                                t};
        memcpy(m->first_lit, a.first_lit, sizeof m->first_lit);
    }
    if (!out->pre && !(out->pre = malloc(sizeof *out->pre)))
        return fail(p, "out of memory");
    pre_set_token(out->pre, &m->test);
    sb_cat(&out->re, m->re);
    out->one = 1;
    out->first |= m->first;
    out->first_nf |= m->first_nf;
    out->first_all |= m->first_all;
    for (int i = 0; i < RULE_WORD_BYTES; i++)
        out->first_lit[i] |= m->first_lit[i];
    return 0;
}

static int atom_compile(parser *p, int f, frag *out, pre_test *test)
{
    int all = 0;
    dnf *d = malloc(sizeof *d);
    memset(test, 0, sizeof *test);
    test->forb = ~0ull;
    test->n_clauses = PRE_CLAUSES;
    if (!d || to_dnf(p, f, 0, d) < 0) {
        free(d);
        return fail(p, d ? "class expression too complex (over 64 cases)"
                         : "out of memory");
    }
    dnf_simplify(d);
    int alts = 0;
    sb_cat(&out->re, "(?:");
    for (int i = 0; i < d->n; i++) {
        strbuf one = {0};
        int ok = conj_regex(p, &d->v[i], &one);
        if (ok <= 0) {
            free(one.s);
            if (ok < 0) {
                free(d);
                return -1;
            }
            continue;
        }
        if (alts++)
            sb_cat(&out->re, "|");
        sb_cat(&out->re, one.s);
        free(one.s);
        int t = trigger_bit(&d->v[i]);
        all |= !test_add(test, &d->v[i]);
        out->first_nf |= ~d->v[i].forb;
        if (!(d->v[i].lits[0] & 1))      /* it needs one of its words */
            for (int k = 0; k < RULE_WORD_BYTES; k++)
                out->first_lit[k] |= d->v[i].lits[k];
        else if (t < 0)
            out->first_all = 1;
        else
            out->first |= 1ull << t;
    }
    sb_cat(&out->re, ")");
    free(d);
    if (all) {                  /* a case the clauses cannot test */
        memset(test->any, 0, sizeof test->any);
        memset(test->lit, 0, sizeof test->lit);
        test->n_clauses = 0;
    }
    if (!alts)
        return fail(p, "this class expression can never match");
    return 0;
}

/* A bare list class or entity: its whole listed phrase. */
static int phrase_frag(parser *p, int bit, int start, frag *out)
{
    int *hf = p->phrase_f[bit];
    if (!hf[0]) {
        int x = fnew(p, F_BIT, -1, -1, bit), s = fnew(p, F_BIT, -1, -1, start);
        int ns = fnew(p, F_NOT, s, -1, 0);
        hf[0] = fnew(p, F_AND, x, s, 0);
        hf[1] = fnew(p, F_AND, x, ns, 0);
    }
    int head = hf[0], tail = hf[1];
    frag t = {0};
    if (p->failed)
        return -1;
    if (atom_frag(p, head, out) < 0 || atom_frag(p, tail, &t) < 0) {
        frag_free(&t);
        return -1;
    }
    out->first = 1ull << bit;
    second_from_first(out, &t);
    sb_cat(&out->re, "(?:");
    sb_cat(&out->re, t.re.s);
    sb_cat(&out->re, ")*+");
    pre_set_repeat(t.pre, 0, -1);
    pre_set_concat(out->pre, t.pre);
    frag_free(&t);
    return 0;
}

static int alt_frag(parser *p, frag *out);

static int name_frag(parser *p, frag *out)
{
    int b = find_builtin(p->cur.s, p->cur.n);
    const def *d = b < 0 ? find_def(p, p->cur.s, p->cur.n) : NULL;
    if (b < 0 && !d)
        return fail(p, "unknown class or pattern name");
    next(p);
    if (b >= 0 && builtin[b].phrase)
        return phrase_frag(p, builtin[b].bit,
                           builtin[b].phrase == 'e' ? TC_ESTART : TC_CSTART,
                           out);
    if (b >= 0)
        return atom_frag(p, fnew(p, F_BIT, -1, -1, builtin[b].bit), out);
    if (d->is_class)
        return atom_frag(p, d->f, out);
    if (pre_alloc(p, out) < 0)
        return -1;
    *out->pre = *d->pre;
    sb_cat(&out->re, "(?:");
    sb_cat(&out->re, d->re);
    sb_cat(&out->re, ")");
    out->first = d->first;
    out->first_nf = d->first_nf;
    memcpy(out->first_lit, d->first_lit, sizeof out->first_lit);
    out->first_all = d->first_all;
    out->nullable = d->nullable;
    out->one = d->one;
    out->second = d->second;
    memcpy(out->second_lit, d->second_lit, sizeof out->second_lit);
    out->second_all = d->second_all;
    return 0;
}

/* ( alt ), (?= alt ) ..., < alt >. */
static int group_frag(parser *p, frag *out)
{
    static const struct { const char *open, *re, *close; int look; } g[] = {
        {"(", "(?:", ")", 0}, {"(?=", "(?=", ")", 1}, {"(?!", "(?!", ")", 1},
        {"(?<=", "(?<=", ")", 1}, {"(?<!", "(?<!", ")", 1}, {"<", "(?<e>", ">", 0},
    };
    size_t k = 0;
    while (!is_sym(p, g[k].open))
        k++;
    if (k == 5 && (p->in_look || p->groups++))
        return fail(p, p->in_look ? "no entity < > inside a lookaround"
                                  : "one entity < > per rule");
    next(p);
    p->in_look += g[k].look;
    frag in = {0};
    int rc = alt_frag(p, &in);
    p->in_look -= g[k].look;
    if (rc == 0)
        rc = expect(p, g[k].close);
    if (rc == 0) {
        sb_cat(&out->re, g[k].re);
        out->re.failed |= in.re.failed;
        sb_cat(&out->re, in.re.s ? in.re.s : "");
        sb_cat(&out->re, ")");
        /* A lookaround matches no token: it starts nothing.  For the
         * prefilter, the tokens a lookahead reads come next, then anything
         * (rules_prefilter.c); the other lookarounds test nothing. */
        if (!g[k].look || k == 1) {
            free(out->pre);
            out->pre = in.pre;
            in.pre = NULL;
        }
        if (!g[k].look) {
            first_add(out, &in);
            second_add(out, &in);
            out->one = in.one;
        } else if (k == 1) {
            pre_set_open(out->pre);
        } else {
            rc = pre_alloc(p, out);
        }
        out->nullable = g[k].look ? 1 : in.nullable;
    }
    frag_free(&in);
    return rc;
}

static int primary(parser *p, frag *out)
{
    if (is_sym(p, "[")) {
        next(p);
        int f = cexpr(p);
        return f < 0 || expect(p, "]") < 0 ? -1 : atom_frag(p, f, out);
    }
    if (is_sym(p, ".")) {
        next(p);
        return atom_frag(p, fnew(p, F_TRUE, -1, -1, 0), out);
    }
    if (p->cur.kind == K_STR) {
        int code = literal_code(p, p->cur.s, p->cur.n);
        next(p);
        return code < 0 ? -1 : atom_frag(p, fnew(p, F_LIT, -1, -1, code), out);
    }
    if (p->cur.kind == K_NAME)
        return name_frag(p, out);
    if (is_sym(p, "(") || is_sym(p, "(?=") || is_sym(p, "(?!") ||
        is_sym(p, "(?<=") || is_sym(p, "(?<!") || is_sym(p, "<"))
        return group_frag(p, out);
    return fail(p, "expected a token: [class], NAME, \"word\", ., ( or <");
}

static int number(parser *p, int *v)
{
    if (p->cur.kind != K_NUM || p->cur.n > 3)
        return fail(p, "expected a number up to 999");
    *v = atoi(p->cur.s);
    next(p);
    return 0;
}

/* {n}, {n,}, {n,m} after a primary. */
/* {n}, {n,}, {n,m} after a primary: *lo = n, *hi = m (-1: no bound). */
static int braces(parser *p, frag *f, int *lo, int *hi)
{
    char buf[32];
    next(p);
    if (number(p, lo) < 0)
        return -1;
    *hi = *lo;
    if (is_sym(p, ",")) {
        next(p);
        *hi = -1;
        if (p->cur.kind == K_NUM && number(p, hi) < 0)
            return -1;
    }
    if (*hi >= 0 && *hi < *lo)
        return fail(p, "{n,m} needs n <= m");
    if (expect(p, "}") < 0)
        return -1;
    if (*hi < 0)
        snprintf(buf, sizeof buf, "{%d,}", *lo);
    else
        snprintf(buf, sizeof buf, "{%d,%d}", *lo, *hi);
    sb_cat(&f->re, buf);
    f->nullable |= *lo == 0;
    return 0;
}

static int item(parser *p, frag *out)
{
    frag f = {0};
    sb_cat(&f.re, "(?:");
    if (primary(p, &f) < 0) {
        frag_free(&f);
        return -1;
    }
    sb_cat(&f.re, ")");
    int rc = 0, lo = 1, hi = 1;
    int repeats = is_sym(p, "*") || is_sym(p, "+") || is_sym(p, "{");
    if (is_sym(p, "?") || is_sym(p, "*") || is_sym(p, "+")) {
        strbuf_put(&f.re, p->cur.s, 1);
        f.nullable |= *p->cur.s != '+';
        lo = *p->cur.s == '+';
        hi = *p->cur.s == '?' ? 1 : -1;
        next(p);
    } else if (is_sym(p, "{")) {
        rc = braces(p, &f, &lo, &hi);
    }
    if (lo != 1 || hi != 1)
        pre_set_repeat(f.pre, lo, hi);
    if (repeats) {              /* a second repetition may follow a first */
        second_from_first(&f, &f);
        f.one = 1;
    }
    *out = f;
    return rc;
}

static int seq_end(const parser *p)
{
    return p->cur.kind == K_EOF || p->cur.kind == K_STMT || is_sym(p, "|") ||
           is_sym(p, ")") || is_sym(p, ">");
}

/* What can be second in a sequence out then f: second in out; first in f
 * after one token of out; second in f after none. */
static void seq_second(frag *out, const frag *f)
{
    if (out->one)
        second_from_first(out, f);
    if (out->nullable)
        second_add(out, f);
    out->one = (out->one && f->nullable) || (out->nullable && f->one);
}

static int seq_frag(parser *p, frag *out)
{
    out->nullable = 1;
    if (pre_alloc(p, out) < 0)
        return -1;
    while (!seq_end(p)) {
        frag f = {0};
        if (item(p, &f) < 0) {
            frag_free(&f);
            return -1;
        }
        sb_cat(&out->re, f.re.s);
        seq_second(out, &f);
        if (out->nullable)
            first_add(out, &f);
        out->nullable &= f.nullable;
        pre_set_concat(out->pre, f.pre);
        frag_free(&f);
    }
    return 0;
}

static int alt_frag(parser *p, frag *out)
{
    frag f = {0};
    if (seq_frag(p, &f) < 0) {
        frag_free(&f);
        return -1;
    }
    *out = f;
    while (is_sym(p, "|")) {
        next(p);
        frag g = {0};
        if (seq_frag(p, &g) < 0) {
            frag_free(&g);
            return -1;
        }
        sb_cat(&out->re, "|");
        out->re.failed |= g.re.failed;
        sb_cat(&out->re, g.re.s ? g.re.s : "");
        first_add(out, &g);
        second_add(out, &g);
        out->one |= g.one;
        out->nullable |= g.nullable;
        pre_set_union(out->pre, g.pre);
        frag_free(&g);
    }
    return 0;
}

/* ---- statements ---- */

static int new_def(parser *p, def **out)
{
    if (p->cur.kind != K_NAME || p->cur.n >= sizeof p->defs->name)
        return fail(p, "expected a NAME in capitals");
    if (find_builtin(p->cur.s, p->cur.n) >= 0 ||
        find_def(p, p->cur.s, p->cur.n))
        return fail(p, "name already defined");
    if (p->ndefs == p->dcap) {
        size_t cap = p->dcap ? p->dcap * 2 : 16;
        def *d = realloc(p->defs, cap * sizeof *d);
        if (!d)
            return fail(p, "out of memory");
        p->defs = d;
        p->dcap = cap;
    }
    def *d = &p->defs[p->ndefs];
    memset(d, 0, sizeof *d);
    memcpy(d->name, p->cur.s, p->cur.n);
    next(p);
    *out = d;
    return expect(p, "=");
}

static int class_stmt(parser *p)
{
    def *d;
    if (new_def(p, &d) < 0)
        return -1;
    int f = cexpr(p);
    if (f < 0)
        return -1;
    d->is_class = 1;
    d->f = f;
    p->ndefs++;
    return 0;
}

static int pattern_stmt(parser *p)
{
    def *d;
    if (new_def(p, &d) < 0)
        return -1;
    frag f = {0};
    if (alt_frag(p, &f) < 0 || f.re.failed) {
        frag_free(&f);
        return p->failed ? -1 : fail(p, "out of memory");
    }
    if (!f.re.s) {
        frag_free(&f);
        return fail(p, "empty pattern");
    }
    d->re = f.re.s;
    d->pre = f.pre;
    d->first = f.first;
    d->first_nf = f.first_nf;
    memcpy(d->first_lit, f.first_lit, sizeof d->first_lit);
    d->first_all = f.first_all;
    d->nullable = f.nullable;
    d->one = f.one;
    d->second = f.second;
    memcpy(d->second_lit, f.second_lit, sizeof d->second_lit);
    d->second_all = f.second_all;
    p->ndefs++;
    return 0;
}

static int rule_label(parser *p, int *label)
{
    static const char *const names[] = {"NONE", "PERSON", "ORG", "COUNTRY",
                                        "LOCATION"};
    for (int i = 0; i < 5; i++)
        if (is_word(p, names[i])) {
            *label = i;
            next(p);
            return 0;
        }
    return fail(p, "expected a label: PERSON, ORG, COUNTRY, LOCATION or NONE");
}

static int push_rule(parser *p, const rule_src *r)
{
    rule_set_src *s = p->set;
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i].id, r->id))
            return fail_at(p, p->cur.line, p->cur.col,
                           "rule id '%s' already used (%s)", r->id,
                           s->v[i].where);
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 32;
        rule_src *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return fail(p, "out of memory");
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = *r;
    return 0;
}

/* rule ID LABEL PRIORITY, then the pattern. */
static int rule_stmt(parser *p)
{
    rule_src r = {0};
    snprintf(r.where, sizeof r.where, "%s:%zu:%zu", p->shown, p->cur.line,
             p->cur.col);
    if (p->cur.kind != K_ID || p->cur.n > 63)
        return fail(p, "expected a rule id (lower case, digits, . _ -)");
    const char *id = p->cur.s;
    size_t idn = p->cur.n, line = p->cur.line, col = p->cur.col;
    next(p);
    if (rule_label(p, &r.label) < 0 || number(p, &r.priority) < 0)
        return -1;
    if (r.priority > 100)
        return fail(p, "priority is 0 to 100");
    if (is_sym(p, ":"))
        next(p);
    p->groups = 0;
    frag f = {0};
    if (alt_frag(p, &f) < 0) {
        frag_free(&f);
        return -1;
    }
    if (p->groups != 1) {
        frag_free(&f);
        return fail_at(p, line, col, "rule %.*s: a rule needs one entity < >",
                       (int)idn, id);
    }
    r.id = malloc(idn + 1);
    if (!r.id || f.re.failed) {
        free(r.id);
        frag_free(&f);
        return fail(p, "out of memory");
    }
    r.pre = *f.pre;
    free(f.pre);
    pre_set_finish(&r.pre);
    memcpy(r.id, id, idn);
    r.id[idn] = '\0';
    r.regex = f.re.s;
    r.trigger = f.first;
    r.reject = ~f.first_nf;
    memcpy(r.trigger_lit, f.first_lit, sizeof r.trigger_lit);
    r.anchored = !f.first_all && !f.nullable;
    /* Every match is two tokens or more, the second of a known kind. */
    r.has_second = r.anchored && !f.one && !f.second_all;
    r.second = f.second;
    memcpy(r.second_lit, f.second_lit, sizeof r.second_lit);
    if (push_rule(p, &r) < 0) {
        free(r.id);
        free(r.regex);
        return -1;
    }
    return 0;
}

static int statement(parser *p)
{
    if (is_word(p, "class")) {
        next(p);
        return class_stmt(p);
    }
    if (is_word(p, "pattern")) {
        next(p);
        return pattern_stmt(p);
    }
    if (is_word(p, "rule")) {
        next(p);
        return rule_stmt(p);
    }
    return fail(p, "expected class, pattern or rule");
}

static int parse_all(parser *p)
{
    next(p);
    if (p->cur.kind != K_EOF && p->cur.kind != K_STMT && p->cur.col != 1)
        return fail(p, "a statement starts at column 1");
    while (p->cur.kind != K_EOF) {
        if (p->cur.kind == K_STMT)
            next(p);
        if (statement(p) < 0)
            return -1;
        if (p->cur.kind != K_EOF && p->cur.kind != K_STMT)
            return fail(p, "unexpected text");
    }
    return 0;
}

static char *read_file(const char *path, size_t *len, alam_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
        fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        err->status = ALAM_ERR_IO;
        snprintf(err->message, sizeof err->message, "%s: %s", path,
                 strerror(errno ? errno : EIO));
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    return buf;
}

alam_status rules_parse_file(const char *path, const char *shown,
                             rule_set_src *set, alam_error *err)
{
    size_t len;
    char *src = read_file(path, &len, err);
    if (!src)
        return err->status;
    parser p = {.shown = shown, .src = src, .len = len, .line = 1, .col = 1,
                .set = set, .err = err};
    if (memchr(src, '\0', len))
        fail_at(&p, 1, 1, "NUL byte in a rule file");
    else
        parse_all(&p);
    for (size_t i = 0; i < p.ndefs; i++) {
        free(p.defs[i].re);
        free(p.defs[i].pre);
    }
    for (size_t i = 0; i < p.memo_cap; i++)
        free(p.memo[i].re);
    free(p.memo);
    free(p.any_word.s);
    free(p.defs);
    free(p.f);
    free(p.fhash);
    free(src);
    return p.failed ? err->status : ALAM_OK;
}

void rule_set_src_free(rule_set_src *set)
{
    for (size_t i = 0; i < set->n; i++) {
        free(set->v[i].id);
        free(set->v[i].regex);
    }
    free(set->v);
    free(set->lit);
    free(set->lit_where);
    free(set->lit_code);
    free(set->wsets);
    memset(set, 0, sizeof *set);
}

/* ---- words into literal codes ---- */

static int has_word(const uint8_t *set, size_t v)
{
    return set[v / 8] >> (v % 8) & 1;
}

/* The signature of word v: which of the sets hold it. */
static void word_sig(const rule_set_src *set, size_t v, uint8_t *sig,
                     size_t sb)
{
    memset(sig, 0, sb);
    for (size_t k = 0; k < set->n_wsets; k++)
        if (has_word(set->wsets[k], v))
            sig[k / 8] |= (uint8_t)(1u << (k % 8));
}

/* Gives each word (1..n_lit) the code of the first word of its signature,
 * codes counted from 1 in order of first quotation; fills err when they
 * pass RULE_MAX_LITERALS.  code[0] is 0 (no word). */
static alam_status group_words(rule_set_src *set, uint8_t *code,
                               alam_error *err)
{
    size_t n = set->n_lit, sb = set->n_wsets / 8 + 1, groups = 0;
    uint8_t *sig = malloc((n + 1) * sb);
    size_t *first = malloc((n + 1) * sizeof *first);
    alam_status st = sig && first ? ALAM_OK : ALAM_ERR_NOMEM;
    if (st != ALAM_OK)
        snprintf(err->message, sizeof err->message, "out of memory");
    code[0] = 0;
    for (size_t v = 1; st == ALAM_OK && v <= n; v++) {
        word_sig(set, v, sig + v * sb, sb);
        size_t g = 0;
        while (g < groups && memcmp(sig + first[g] * sb, sig + v * sb, sb))
            g++;
        if (g == groups && groups == RULE_MAX_LITERALS) {
            snprintf(err->message, sizeof err->message,
                     "%s: too many groups of \"words\" in the rules (at most "
                     RULE_MAX_LITERALS_TEXT "; words that every test takes "
                     "or leaves together count once)", set->lit_where[v - 1]);
            st = ALAM_ERR_DATA;
        } else if (g == groups) {
            first[groups++] = v;
        }
        code[v] = (uint8_t)(g + 1);
    }
    code[n + 1] = (uint8_t)groups;   /* the last code given */
    free(sig);
    free(first);
    if (st != ALAM_OK)
        err->status = st;
    return st;
}

/* The codes of the words of set w, as a set of codes.  Codes no word has
 * go with the words past the last (a negated test holds them). */
static void codes_of(const rule_set_src *set, const uint8_t *code,
                     const uint8_t *w, uint8_t out[RULE_WORD_BYTES])
{
    size_t n = set->n_lit;
    memset(out, 0, RULE_WORD_BYTES);
    for (size_t v = 0; v <= n; v++)
        if (has_word(w, v))
            out[code[v] / 8] |= (uint8_t)(1u << (code[v] % 8));
    for (size_t c = (size_t)code[n + 1] + 1; has_word(w, n + 1) &&
                                             c <= RULE_MAX_LITERALS; c++)
        out[c / 8] |= (uint8_t)(1u << (c % 8));
}

/* Set k of words as the byte class of its codes. */
static void code_class(const rule_set_src *set, const uint8_t *code,
                       size_t k, strbuf *b)
{
    uint8_t codes[RULE_WORD_BYTES], ok[256] = {0};
    codes_of(set, code, set->wsets[k], codes);
    for (size_t c = 0; c <= RULE_MAX_LITERALS; c++)
        ok[RULE_LIT_BASE + c] = (uint8_t)has_word(codes, c);
    byte_class(b, ok, RULE_LIT_BASE, 0x100);
}

/* The regex with its references to sets of words written out (each set's
 * class made once, in cls[]); NULL when out of memory. */
static char *write_codes(const rule_set_src *set, const uint8_t *code,
                         strbuf *cls, const char *re)
{
    strbuf b = {0};
    for (const char *s = re; *s;) {
        const char *ref = strchr(s, WSET_REF);
        size_t n = ref ? (size_t)(ref - s) : strlen(s);
        strbuf_put(&b, s, n);
        s += n;
        if (ref) {
            char hex[5] = {ref[1], ref[2], ref[3], ref[4], '\0'};
            size_t k = strtoul(hex, NULL, 16);
            if (!cls[k].s)
                code_class(set, code, k, &cls[k]);
            strbuf_put(&b, cls[k].failed ? NULL : cls[k].s, cls[k].n);
            s = ref + 5;
        }
    }
    if (b.failed || !b.s) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

/* A set of word numbers as a set of codes, in place. */
static void recode(const rule_set_src *set, const uint8_t *code,
                   uint8_t *lits)
{
    uint8_t out[RULE_WORD_BYTES];
    codes_of(set, code, lits, out);
    memcpy(lits, out, sizeof out);
}

alam_status rules_parse_finish(rule_set_src *set, alam_error *err)
{
    uint8_t *code = malloc(set->n_lit + 2);
    strbuf *cls = calloc(set->n_wsets + 1, sizeof *cls);
    set->lit_code = malloc(set->n_lit + 1);
    alam_status st = code && cls && set->lit_code
                         ? group_words(set, code, err) : ALAM_ERR_NOMEM;
    for (size_t i = 0; st == ALAM_OK && i < set->n_lit; i++)
        set->lit_code[i] = code[i + 1];
    for (size_t i = 0; st == ALAM_OK && i < set->n; i++) {
        rule_src *r = &set->v[i];
        char *re = write_codes(set, code, cls, r->regex);
        if (!re) {
            st = ALAM_ERR_NOMEM;
            break;
        }
        free(r->regex);
        r->regex = re;
        recode(set, code, r->trigger_lit);
        recode(set, code, r->second_lit);
        for (int k = 0; k < r->pre.n; k++)
            for (int j = 0; j < r->pre.p[k].len; j++)
                recode(set, code, r->pre.p[k].t[j].lit);
    }
    if (st == ALAM_ERR_NOMEM)
        snprintf(err->message, sizeof err->message, "out of memory");
    for (size_t k = 0; cls && k < set->n_wsets; k++)
        free(cls[k].s);
    free(cls);
    free(code);
    return st == ALAM_OK ? ALAM_OK : (err->status = st);
}
