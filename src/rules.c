/* rules.c - loading the compiled rules, describing tokens, running rules.
 *
 * A window is encoded as RULE_WIDTH bytes per token (rules.h).  A rule
 * whose first token needs a class (its trigger) is compiled anchored and
 * tried only at the tokens that have one of its trigger bits, as the date
 * grammar is tried only near date words; any other rule is searched over
 * the whole encoding.  Before its regex is tried at a token, an anchored
 * rule's prefilter (rules_prefilter.c) checks the first tokens.  PCRE2 runs
 * JIT-compiled once a rule is busy (jit.h). */
#include "rules.h"
#include "jit.h"
#include "normalize.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *id;
    int label, priority;
    jit_re *re;
    uint64_t trigger, reject;
    uint8_t trigger_lit[RULE_LIT_BYTES];
    int anchored;
    int has_second;        /* rule_src: a second token of a known kind */
    uint64_t second;
    uint8_t second_lit[RULE_LIT_BYTES];
    pre_set pre;           /* anchored: what its first tokens must be */
    pre_index pre_index;
} rule;

struct rules {
    rule *v;
    size_t n;
    uint64_t triggers;     /* the union of the anchored rules' triggers */
    uint8_t trigger_lits[RULE_LIT_BYTES];
    size_t words;          /* (n + 63) / 64: rule sets are bit sets */
    uint64_t *by_bit;      /* [64][words]: anchored rules a bit triggers */
    uint64_t *by_lit;      /* [RULE_MAX_LITERALS + 1][words]: ... a literal
                              word triggers */
    size_t *search;        /* the rules searched along a line (no trigger) */
    size_t n_search;
};

size_t rules_count(const rules *r)
{
    return r ? r->n : 0;
}

void rules_free(rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        jit_re_free(r->v[i].re);
    }
    free(r->v);
    free(r->by_bit);
    free(r->by_lit);
    free(r->search);
    free(r);
}

static alam_status set_err(alam_error *err, alam_status st, const char *fmt,
                           const char *a, const char *b)
{
    err->status = st;
    snprintf(err->message, sizeof err->message, fmt, a, b);
    return st;
}

/* ---- loading ---- */

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return s[0] != '.' && n > m && !strcmp(s + n - m, suf);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.rules of dir, sorted; *n = 0 when dir does not exist. */
static alam_status rule_files(const char *dir, char ***names, size_t *n,
                              alam_error *err)
{
    DIR *dp = opendir(dir);
    *names = NULL;
    *n = 0;
    if (!dp)
        return errno == ENOENT ? ALAM_OK
             : set_err(err, ALAM_ERR_IO, "cannot open %s: %s", dir,
                       strerror(errno));
    size_t cap = 0;
    alam_status st = ALAM_OK;
    for (struct dirent *e; st == ALAM_OK && (e = readdir(dp));) {
        if (!has_suffix(e->d_name, ".rules"))
            continue;
        if (*n == cap) {
            char **v = realloc(*names, (cap = cap ? cap * 2 : 8) * sizeof *v);
            if (!v) {
                st = set_err(err, ALAM_ERR_NOMEM, "out of memory%s%s", "", "");
                break;
            }
            *names = v;
        }
        if (!((*names)[*n] = strdup(e->d_name)))
            st = set_err(err, ALAM_ERR_NOMEM, "out of memory%s%s", "", "");
        else
            ++*n;
    }
    closedir(dp);
    if (*n)
        qsort(*names, *n, sizeof **names, cmp_name);
    return st;
}

alam_status rules_parse_dir(const char *dir, rule_set_src *set,
                            alam_error *err)
{
    char **names;
    size_t n;
    alam_status st = rule_files(dir, &names, &n, err);
    for (size_t i = 0; st == ALAM_OK && i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        if (!path) {
            st = set_err(err, ALAM_ERR_NOMEM, "out of memory%s%s", "", "");
            break;
        }
        snprintf(path, len, "%s/%s", dir, names[i]);
        st = rules_parse_file(path, path, set, err);
        free(path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return st == ALAM_OK ? rules_parse_finish(set, err) : st;
}

/* Interns the literal words and gives them their codes. */
static alam_status map_literals(lexicon *lx, const rule_set_src *s,
                                alam_error *err)
{
    for (size_t i = 0; i < s->n_lit; i++) {
        uint32_t id = lexicon_word_id(lx, s->lit[i], strlen(s->lit[i]), 1);
        if (!id || lexicon_set_word_literal(lx, id, s->lit_code[i]) < 0)
            return set_err(err, ALAM_ERR_DATA,
                           "the lexicon lacks the rule word '%s'%s (a stale "
                           "image, or out of memory)", s->lit[i], "");
    }
    return ALAM_OK;
}

/* The parser writes the entity as the only capturing group: (?<e> ). */
#define ENTITY_GROUP 1

static uint32_t rule_options(const rule_src *s)
{
    return PCRE2_DOTALL | (s->anchored ? PCRE2_ANCHORED : 0);
}

/* The pattern of s, compiled now (errors name the rule) or, lazy, at its
 * first use. */
static alam_status rule_pattern(const rule_src *s, int lazy, jit_re **out,
                                alam_error *err)
{
    int code;
    PCRE2_SIZE off;
    if (lazy)
        *out = jit_re_new_lazy(s->regex, rule_options(s));
    else {
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)s->regex,
                                       PCRE2_ZERO_TERMINATED, rule_options(s),
                                       &code, &off, NULL);
        if (!re) {
            char msg[160];
            pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
            return set_err(err, ALAM_ERR_REGEX, "%.300s: %s", s->where, msg);
        }
        if (pcre2_substring_number_from_name(re, (PCRE2_SPTR)"e") !=
            ENTITY_GROUP) {
            pcre2_code_free(re);
            return set_err(err, ALAM_ERR_REGEX, "%.300s: %s", s->where,
                           "the entity is not the first group");
        }
        if (!(*out = jit_re_new(re)))
            pcre2_code_free(re);
    }
    return *out ? ALAM_OK
                : set_err(err, ALAM_ERR_NOMEM, "out of memory%s%s", "", "");
}

static alam_status compile_one(const rule_src *s, int lazy, rule *out,
                               alam_error *err)
{
    jit_re *j;
    alam_status st = rule_pattern(s, lazy, &j, err);
    if (st != ALAM_OK)
        return st;
    memset(out, 0, sizeof *out);
    out->id = strdup(s->id);
    out->label = s->label;
    out->priority = s->priority;
    out->re = j;
    out->trigger = s->trigger;
    out->reject = s->reject;
    out->anchored = s->anchored;
    out->has_second = s->has_second;
    out->second = s->second;
    out->pre = s->pre;
    memcpy(out->trigger_lit, s->trigger_lit, sizeof out->trigger_lit);
    memcpy(out->second_lit, s->second_lit, sizeof out->second_lit);
    pre_set_index(&out->pre, &out->pre_index);
    if (!out->id) {
        jit_re_free(j);
        return set_err(err, ALAM_ERR_NOMEM, "out of memory%s%s", "", "");
    }
    return ALAM_OK;
}

/* Which anchored rules each trigger bit and literal word can start, so
 * that a token tries only those. */
static alam_status index_triggers(rules *r, alam_error *err)
{
    r->words = (r->n + 63) / 64;
    r->by_bit = calloc(64 * r->words, sizeof *r->by_bit);
    r->by_lit = calloc((RULE_MAX_LITERALS + 1) * r->words, sizeof *r->by_lit);
    r->search = malloc((r->n ? r->n : 1) * sizeof *r->search);
    if (!r->search || (r->words && (!r->by_bit || !r->by_lit)))
        return set_err(err, ALAM_ERR_NOMEM, "out of memory%s%s", "", "");
    for (size_t k = 0; k < r->n; k++) {
        const rule *ru = &r->v[k];
        if (!ru->anchored)
            r->search[r->n_search++] = k;
        uint64_t m = 1ull << (k % 64);
        for (int b = 0; ru->anchored && b < 64; b++)
            if (ru->trigger >> b & 1)
                r->by_bit[b * r->words + k / 64] |= m;
        for (int l = 1; ru->anchored && l <= RULE_MAX_LITERALS; l++)
            if (ru->trigger_lit[l / 8] >> (l % 8) & 1)
                r->by_lit[l * r->words + k / 64] |= m;
    }
    return ALAM_OK;
}

static alam_status compile_all(rules *r, const rule_set_src *s, int lazy,
                               alam_error *err)
{
    alam_status st = ALAM_OK;
    if (s->n && !(r->v = calloc(s->n, sizeof *r->v)))
        return set_err(err, ALAM_ERR_NOMEM, "out of memory%s%s", "", "");
    for (size_t i = 0; st == ALAM_OK && i < s->n; i++)
        if ((st = compile_one(&s->v[i], lazy, &r->v[i], err)) == ALAM_OK) {
            r->triggers |= r->v[i].anchored ? r->v[i].trigger : 0;
            for (int j = 0; j < RULE_LIT_BYTES && r->v[i].anchored; j++)
                r->trigger_lits[j] |= r->v[i].trigger_lit[j];
            r->n++;
        }
    return st == ALAM_OK ? index_triggers(r, err) : st;
}

alam_status rules_build(rules **out, lexicon *lx, const rule_set_src *set,
                        int lazy, alam_error *err)
{
    rules *r = calloc(1, sizeof *r);
    alam_status st = r ? map_literals(lx, set, err)
                       : set_err(err, ALAM_ERR_NOMEM, "out of memory%s%s", "", "");
    if (st == ALAM_OK)
        st = compile_all(r, set, lazy, err);
    if (st != ALAM_OK) {
        rules_free(r);
        return st;
    }
    *out = r;
    return ALAM_OK;
}

/* ---- describing tokens ---- */

static uint64_t bit(int tc)
{
    return 1ull << tc;
}

static uint64_t punct_bits(const doc *d, const token *t)
{
    const unsigned char *k = (const unsigned char *)d->norm + t->k0;
    uint32_t cp = k[0];
    if (k[0] >= 0xC0 && t->k1 - t->k0 >= 2)
        cp = k[0] < 0xE0 ? ((k[0] & 0x1Fu) << 6) | (k[1] & 0x3F)
           : t->k1 - t->k0 >= 3
               ? ((k[0] & 0x0Fu) << 12) | ((k[1] & 0x3Fu) << 6) | (k[2] & 0x3F)
               : 0;
    switch (cp) {
    case '"': case '\'': case 0xAB: case 0xBB: case 0x2018: case 0x2019:
    case 0x201A: case 0x201C: case 0x201D: case 0x201E: case 0x2039:
    case 0x203A:
        return bit(TC_QUOTE);
    case '(': case '[': case '{':
        return bit(TC_OPEN);
    case ')': case ']': case '}':
        return bit(TC_CLOSE);
    case '.': case '!': case '?': case ':': case 0x061B: case 0x061F:
    case 0x06D4: case 0x2026:
        return bit(TC_END);
    default:
        return 0;
    }
}

static uint64_t shape_bits(const doc *d, const token *t)
{
    static const int kind_bit[] = {0, TC_ARABIC, TC_LATIN, TC_NUMBER,
                                   TC_PUNCT, TC_SYMBOL};
    uint64_t b = t->kind >= 1 && t->kind <= 5 ? bit(kind_bit[t->kind]) : 0;
    if (t->sep == '\n')
        b |= bit(TC_LINE);
    if (t->kind == TOK_PUNCT)
        b |= punct_bits(d, t);
    if (t->kind == TOK_ARABIC && t->k1 - t->k0 == 2)    /* one letter */
        b |= bit(TC_INITIAL);
    return b;
}

static uint64_t class_bits(uint32_t c)
{
    return (uint64_t)(c & ((1u << WORD_CLASS_BITS) - 1)) << TC_DATE;
}

#define LIST_CLASSES (bit(TC_TITLE) | bit(TC_SPEECH_VERB) | bit(TC_ORG_HEAD) | \
                      bit(TC_LOC_HEAD) | bit(TC_STATE_HEAD) | bit(TC_NISBA) |  \
                      bit(TC_FIRST_NAME) | bit(TC_NAME_PARTICLE))
#define ENTITY_BITS (bit(TC_PERSON) | bit(TC_ORG) | bit(TC_COUNTRY) |          \
                     bit(TC_LOCATION))

static uint64_t label_bit(int label)
{
    switch (label) {
    case ALAM_PERSON: return bit(TC_PERSON);
    case ALAM_ORG: return bit(TC_ORG);
    case ALAM_COUNTRY: return bit(TC_COUNTRY);
    case ALAM_LOCATION: return bit(TC_LOCATION);
    default: return 0;
    }
}

/* The analysis of t that reads the same proclitics as a, but keeps ال. */
static uint8_t keep_article(const token *t, size_t a)
{
    uint8_t want = t->an[a].flags & (uint8_t)~PRO_ART;
    if (!(t->an[a].flags & PRO_ART))
        return (uint8_t)a;
    for (size_t i = 1; want && i < t->n_an; i++)
        if (t->an[i].flags == want)
            return (uint8_t)i;
    return 0;
}

/* The list entity starting at token i marks its tokens. */
static size_t mark_entity(const lexicon *lx, const doc *d, size_t i,
                          tok_info *ti)
{
    lex_match m;
    if (!lexicon_match(lx, d, i, &m))
        return i;
    uint64_t b = label_bit(m.entry->label) |
                 (m.entry->amb ? bit(TC_AMB) : 0);
    ti[i].ent = m.entry;
    ti[i].ent_ntok = (uint32_t)m.ntok;
    ti[i].ent_an = (uint8_t)m.an;
    ti[i].bits |= bit(TC_ESTART);
    for (size_t j = i; j < i + m.ntok; j++)
        ti[j].bits |= b;
    return i + m.ntok;
}

/* The longest class phrase at token i marks its tokens. */
static size_t mark_class_phrase(const lexicon *lx, const doc *d, size_t i,
                                tok_info *ti)
{
    const token *t = &d->tok[i];
    for (size_t a = 0; a < t->n_an; a++) {
        size_t n;
        if (!(t->an[a].cls & WORD_PHRASE_START))
            continue;
        uint32_t c = lexicon_match_class(lx, d, i, a, &n);
        if (!n)
            continue;
        ti[i].bits |= class_bits(c) | bit(TC_CSTART);
        ti[i].start_an = keep_article(t, a);
        for (size_t j = i + 1; j < i + n; j++)
            ti[j].bits |= class_bits(c) & LIST_CLASSES;
        return i + n;
    }
    return i;
}

/* Is the stem of analysis a read after ك (no ال)?  Foreign names begin
 * with ك far more often than "like" comes before a name (كليمان is no
 * ك + ليمان, كريستيانو no ك + ريستيانو). */
static int after_kaf(const doc *d, const token *t, size_t a)
{
    const unsigned char *k = (const unsigned char *)d->norm + t->k0;
    size_t o = t->an[a].koff;
    return (t->an[a].flags & PRO_PREP) && !(t->an[a].flags & PRO_ART) &&
           o >= 2 && k[o - 2] == 0xD9 && k[o - 1] == 0x83;
}

/* Which classes analysis a may give: a name only from the token as
 * written (or after a proclitic but ك when the token as written is
 * nothing known); a common word not after a bare ب ل ك (كوفي is no
 * ك + وفي), nor after any proclitic when the token as written is known
 * (فيصل is no ف + يصل). */
static uint32_t allowed(const doc *d, const token *t, size_t a,
                        int whole_known)
{
    uint8_t f = t->an[a].flags;
    uint32_t c = ~0u;
    if (a == 0)
        return c;
    if (whole_known)
        c &= ~CLASS_COMMON;
    if (whole_known || (f & (PRO_ART | PRO_LIL)) || after_kaf(d, t, a))
        c &= ~(CLASS_FIRST_NAME | CLASS_NAME_PARTICLE);
    if ((f & PRO_PREP) && !(f & (PRO_ART | PRO_LIL)))
        c &= ~CLASS_COMMON;
    return c;
}

static void word_classes(const doc *d, const token *t, tok_info *x)
{
    uint32_t c0 = t->an[0].cls & ~WORD_INTERNAL;
    int whole_known = c0 || x->ent;
    int start = -1;
    for (size_t a = 0; a < t->n_an; a++) {
        uint32_t wc = t->an[a].cls;   /* a derived common word has no id */
        if (!t->an[a].word && !wc)
            continue;
        uint32_t c = wc & allowed(d, t, a, whole_known);
        uint64_t b = class_bits(c);
        if ((b & LIST_CLASSES) && (wc & WORD_CLASS_AMB))
            b |= bit(TC_AMB);
        if ((b & bit(TC_NISBA)) && !(x->bits & bit(TC_NISBA)))
            x->nisba_an = (uint8_t)a;
        x->bits |= b;
        if ((b & LIST_CLASSES) && start < 0)
            start = keep_article(t, a);
        if (!x->literal && !(t->an[a].flags & PRO_ART))
            x->literal = (uint8_t)((wc & WORD_LITERAL_MASK) >>
                                   WORD_LITERAL_SHIFT);
    }
    if (start >= 0 && !x->start_an)
        x->start_an = (uint8_t)start;
}

static uint64_t clitic_bits(const token *t, size_t a)
{
    uint8_t f = t->an[a].flags;
    uint64_t b = 0;
    if (f & PRO_CONJ)
        b |= bit(TC_CONJ);
    if (f & (PRO_PREP | PRO_LIL))
        b |= bit(TC_PREP);
    for (size_t i = 0; i < t->n_an; i++)
        if ((t->an[i].flags & PRO_ART) &&
            (t->an[i].flags & ~PRO_ART) == (f & ~PRO_ART))
            b |= bit(TC_ART);
    if (f & PRO_LIL)
        b |= bit(TC_ART);
    return b;
}

/* Is analysis a of t a bare ك before ال (ك + ال + stem, no و ف)? */
static int kaf_article(const token *t, const unsigned char *k, size_t a)
{
    return t->an[a].flags == (PRO_PREP | PRO_ART) && k[0] == 0xD9 &&
           k[1] == 0x83;
}

/* Proclitics of a word no list knows, where they are near certain: a و
 * before a stem or ال (ف begins too many names: فارس، فيصل), ب ل before
 * ال.  Not ك before ال on a word that is no common word either: كال + a
 * stem nothing knows is mostly a foreign name (كالديرون، كاليفورنيا،
 * كالاتايود), rarely "like the ..." (كالهواء is common: ك + ال). */
static uint64_t unknown_clitics(const doc *d, const token *t, int common)
{
    uint64_t b = 0;
    const unsigned char *k = (const unsigned char *)d->norm + t->k0;
    for (size_t a = 1; a < t->n_an; a++) {
        uint8_t f = t->an[a].flags;
        if ((f & ~PRO_ART) == PRO_CONJ && k[0] == 0xD9 && k[1] == 0x88) /* و */
            b |= bit(TC_CONJ) | ((f & PRO_ART) ? bit(TC_ART) : 0);
        if ((f & PRO_LIL) ||
            ((f & PRO_PREP) && (f & PRO_ART) && (common || !kaf_article(t, k, a))))
            b |= bit(TC_PREP) | bit(TC_ART);
    }
    return b;
}

static uint64_t shape_class_bits(const token *t)
{
    return ((t->shape & SHAPE_MAQSURA) ? bit(TC_MAQSURA) : 0) |
           ((t->shape & SHAPE_SUFFIXED) ? bit(TC_SUFFIXED) : 0) |
           ((t->shape & SHAPE_FINAL_YA) ? bit(TC_FINAL_YA) : 0) |
           ((t->shape & SHAPE_PREPLIKE) ? bit(TC_PREPLIKE) : 0) |
           ((t->shape & SHAPE_FINAL_IYA) ? bit(TC_FINAL_IYA) : 0);
}

/* Is token t, which no list knows as written, a common word after a bare
 * ب ل ك (كمقدم، لمهنة), the stem of four letters or more?  Such a
 * word is neither common (كوفي is no ك + وفي) nor one no list knows: it
 * starts and continues no name. */
#define PREP_STEM_MIN 8    /* bytes: four letters (بسر، كشك، كوفي are names) */
static int prep_before_common(const token *t)
{
    for (size_t a = 1; a < t->n_an; a++)
        if ((t->an[a].flags & PRO_PREP) &&
            !(t->an[a].flags & (PRO_ART | PRO_LIL)) &&
            (t->an[a].cls & CLASS_COMMON) &&
            t->k1 - t->k0 - t->an[a].koff >= PREP_STEM_MIN)
            return 1;
    return 0;
}

/* Is the word no list knows that token t is name-like?  Its letters from
 * where a name would start (after a certain و: وفيرجسون). */
static int name_like(const namelike *nl, const doc *d, const token *t,
                     const tok_info *x)
{
    size_t o = t->k0 + (x->start_an < t->n_an ? t->an[x->start_an].koff : 0);
    return namelike_test(nl, d->norm + o, t->k1 - o);
}

/* Describes token i after the phrases starting before it marked it. */
static void describe(const namelike *nl, const doc *d, size_t i, int inner,
                     tok_info *x)
{
    const token *t = &d->tok[i];
    x->bits |= shape_bits(d, t) | shape_class_bits(t);
    if (t->kind == TOK_PUNCT || t->kind == TOK_SYMBOL)
        return;
    word_classes(d, t, x);
    if (x->ent)
        x->start_an = x->ent_an;
    if ((x->bits & LIST_CLASSES) && !inner)
        x->bits |= bit(TC_CSTART);
    x->bits |= clitic_bits(t, x->start_an);
    if (!(x->bits & (LIST_CLASSES | ENTITY_BITS))) {
        x->bits |= unknown_clitics(d, t, (x->bits & bit(TC_COMMON)) != 0);
        if ((x->bits & bit(TC_CONJ)) && t->n_an > 1)
            x->start_an = (uint8_t)tok_conj_analysis(t);
    }
    if (x->literal)
        x->bits |= bit(TC_WORD);
    if (t->kind == TOK_ARABIC && t->k1 - t->k0 >= 4 &&
        !(x->bits & (LIST_CLASSES | ENTITY_BITS | bit(TC_COMMON) |
                     bit(TC_DATE))) &&
        !prep_before_common(t))
        x->bits |= bit(TC_UNKNOWN) |
                   (name_like(nl, d, t, x) ? bit(TC_NAMELIKE) : 0);
}

/* May token t start a list entity (mark_entity()) or a class phrase
 * (mark_class_phrase())? */
static int may_start(const token *t)
{
    for (size_t a = 0; a < t->n_an; a++)
        if ((t->an[a].cls & WORD_PHRASE_START) ||
            (!(t->an[a].flags & PRO_ART) && t->an[a].word &&
             (t->an[a].cls & WORD_ENTITY_START)))
            return 1;
    return 0;
}

/* Describes token i, which no phrase marked (x is all zero): from what
 * the memo kept of its form, or worked out and kept in the token for the
 * memo.  Only TC_LINE is not the form's. */
static void describe_alone(const namelike *nl, doc *d, size_t i,
                           tok_info *x)
{
    token *t = &d->tok[i];
    uint64_t line = t->sep == '\n' ? bit(TC_LINE) : 0;
    if (!(t->alone.state & ALONE_SET)) {
        describe(nl, d, i, 0, x);
        t->alone = (tok_alone){x->bits & ~line, x->literal, x->start_an,
                               x->nisba_an,
                               (uint8_t)(ALONE_SET | ALONE_FRESH |
                                         (may_start(t) ? ALONE_STARTS : 0))};
        return;
    }
    x->bits = t->alone.bits | line;
    x->literal = t->alone.literal;
    x->start_an = t->alone.start_an;
    x->nisba_an = t->alone.nisba_an;
}

/* Does token t look for list phrases starting at it?  Not when it is
 * punctuation, nor when the memo knows that its form starts none. */
static int looks_up_phrases(const token *t)
{
    return t->kind != TOK_PUNCT && t->kind != TOK_SYMBOL &&
           (t->alone.state & (ALONE_SET | ALONE_STARTS)) != ALONE_SET;
}

void rules_classify(const lexicon *lx, const namelike *nl, doc *d,
                    tok_info *ti)
{
    size_t ent_end = 0, cls_end = 0;
    if (d->n)
        memset(ti, 0, d->n * sizeof *ti);
    for (size_t i = 0; i < d->n; i++)
        if (looks_up_phrases(&d->tok[i]))
            lexicon_prefetch_roots(lx, &d->tok[i]);
    for (size_t i = 0; i < d->n; i++)
        if (looks_up_phrases(&d->tok[i]))
            lexicon_prefetch_steps(lx, d, i);
    for (size_t i = 0; i < d->n; i++) {
        const token *t = &d->tok[i];
        int inner = i < cls_end;
        if (looks_up_phrases(t)) {
            if (i >= ent_end)
                ent_end = mark_entity(lx, d, i, ti);
            if (i >= cls_end)
                cls_end = mark_class_phrase(lx, d, i, ti);
        }
        /* A phrase that marks token i sets a bit of it (ESTART, CSTART,
         * its label or classes) or makes it inner; one that sets none
         * (an entity of no rule label) leaves nothing describe() reads. */
        if (inner || ti[i].bits)
            describe(nl, d, i, inner, &ti[i]);
        else
            describe_alone(nl, d, i, &ti[i]);
    }
}

/* ---- running ---- */

/* The eight nibbles of x, one per byte, lowest first. */
_Static_assert(RULE_BITS == 4 && RULE_CLASS_BYTES <= 16,
               "encode() writes classes as up to 16 nibbles");
static uint64_t spread_nibbles(uint32_t x)
{
    uint64_t v = x;
    v = (v | v << 16) & 0x0000FFFF0000FFFFull;
    v = (v | v << 8) & 0x00FF00FF00FF00FFull;
    return (v | v << 4) & 0x0F0F0F0F0F0F0F0Full;
}

static int encode(const doc *d, const tok_info *ti, unsigned char **sig,
                  size_t *cap)
{
    size_t need = d->n * RULE_WIDTH + 1;
    if (need > *cap) {
        unsigned char *p = realloc(*sig, need);
        if (!p)
            return -1;
        *sig = p;
        *cap = need;
    }
    unsigned char *o = *sig;
    for (size_t i = 0; i < d->n; i++, o += RULE_WIDTH) {
        uint64_t nib[2] = {spread_nibbles((uint32_t)ti[i].bits),
                           spread_nibbles((uint32_t)(ti[i].bits >> 32))};
        o[0] = (unsigned char)(RULE_LIT_BASE + ti[i].literal);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        memcpy(o + 1, nib, RULE_CLASS_BYTES);
#else
        for (int j = 0; j < RULE_CLASS_BYTES; j++)
            o[j + 1] = (unsigned char)(nib[j / 8] >> (8 * (j % 8)));
#endif
    }
    return 0;
}

/* A span never starts or ends on punctuation (quotes and brackets stay
 * out). */
static int is_word_token(const token *t)
{
    return t->kind != TOK_PUNCT && t->kind != TOK_SYMBOL;
}

const char *rules_nisba_iso(const lexicon *lx, const doc *d,
                            const tok_info *ti, size_t i)
{
    if (!(ti[i].bits & bit(TC_NISBA)))
        return NULL;
    return lexicon_word_iso(lx, d->tok[i].an[ti[i].nisba_an].word);
}

static int emit(const rule *ru, const lexicon *lx, const doc *d,
                const tok_info *ti, pcre2_match_data *md, cand_list *out)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    size_t t0 = ov[2 * ENTITY_GROUP] / RULE_WIDTH;
    size_t t1 = ov[2 * ENTITY_GROUP + 1] / RULE_WIDTH;
    if (ov[2 * ENTITY_GROUP] == PCRE2_UNSET || t1 <= t0 ||
        !is_word_token(&d->tok[t0]) || !is_word_token(&d->tok[t1 - 1]))
        return 0;
    candidate c = {0};
    cand_span(&c, d, t0, ti[t0].start_an, t1);
    c.label = (uint8_t)ru->label;
    c.source = ALAM_SOURCE_RULE;
    c.source_id = ru->id;
    c.priority = (int16_t)ru->priority;
    if (ti[t0].ent && ti[t0].ent_ntok == t1 - t0 &&
        ti[t0].ent->label == ru->label) {
        c.iso = lexicon_str(lx, ti[t0].ent->iso);
        c.canon = lexicon_str(lx, ti[t0].ent->canon);
    }
    return cand_push(out, &c);
}

/* Matches never cross a line break: the subject of a match ends where
 * the line of its first token ends. */
static size_t line_end(const tok_info *ti, size_t n, size_t i)
{
    for (size_t j = i + 1; j < n; j++)
        if (ti[j].bits & bit(TC_LINE))
            return j;
    return n;
}

static int has_lit(const uint8_t *set, unsigned lit)
{
    return lit && (set[lit / 8] >> (lit % 8) & 1);
}

/* Can token i + 1 (before e) be the second token of a match of ru? */
static int second_fits(const rule *ru, const tok_info *ti, size_t i, size_t e)
{
    if (!ru->has_second)
        return 1;
    return i + 1 < e && ((ti[i + 1].bits & ru->second) ||
                         has_lit(ru->second_lit, ti[i + 1].literal));
}

/* Tries the rules triggered by the tokens of the line [b, e). */
static int run_anchored(const rules *r, const lexicon *lx, const doc *d,
                        const tok_info *ti,
                        const unsigned char *sig, size_t b, size_t e,
                        pcre2_match_data *md, cand_list *out)
{
    for (size_t i = b; i < e; i++) {
        unsigned lit = ti[i].literal;
        uint64_t bits = ti[i].bits & r->triggers;
        if (!bits && !has_lit(r->trigger_lits, lit))
            continue;
        for (size_t w = 0; w < r->words; w++) {
            uint64_t m = lit <= RULE_MAX_LITERALS ? r->by_lit[lit * r->words + w]
                                                  : 0;
            for (uint64_t x = bits; x; x &= x - 1)
                m |= r->by_bit[(size_t)__builtin_ctzll(x) * r->words + w];
            for (; m; m &= m - 1) {
                const rule *ru = &r->v[w * 64 + (size_t)__builtin_ctzll(m)];
                if ((ti[i].bits & ru->reject) || !second_fits(ru, ti, i, e) ||
                    !pre_set_fits(&ru->pre, &ru->pre_index, ti, i, e))
                    continue;
                int rc = jit_re_match(ru->re, sig, e * RULE_WIDTH,
                                      i * RULE_WIDTH, 0, md);
                if (rc == PCRE2_ERROR_NOMEMORY ||
                    (rc > 0 && emit(ru, lx, d, ti, md, out) < 0))
                    return -1;
            }
        }
    }
    return 0;
}

/* Searches the line [b, e) with a rule that has no trigger. */
static int run_search(const rule *ru, const lexicon *lx, const doc *d,
                      const tok_info *ti,
                      const unsigned char *sig, size_t b, size_t e,
                      pcre2_match_data *md, cand_list *out)
{
    size_t at = b * RULE_WIDTH, len = e * RULE_WIDTH;
    int rc = 0;
    while (at < len && (rc = jit_re_match(ru->re, sig, len, at, 0, md)) > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (emit(ru, lx, d, ti, md, out) < 0)
            return -1;
        at = ov[1] > ov[0] ? ov[1] : (ov[0] / RULE_WIDTH + 1) * RULE_WIDTH;
    }
    return rc == PCRE2_ERROR_NOMEMORY ? -1 : 0;
}

static int run_line(const rules *r, const lexicon *lx, const doc *d,
                    const tok_info *ti,
                    const unsigned char *sig, size_t b, size_t e,
                    pcre2_match_data *md, cand_list *out)
{
    int rc = run_anchored(r, lx, d, ti, sig, b, e, md, out);
    for (size_t k = 0; rc == 0 && k < r->n_search; k++)
        rc = run_search(&r->v[r->search[k]], lx, d, ti, sig, b, e, md, out);
    return rc;
}

int rules_try(const rules *r, size_t k, const tok_info *ti, size_t n,
              size_t i, unsigned char **sig, size_t *cap,
              pcre2_match_data *md, int *fits)
{
    doc d = {.n = n};
    if (k >= r->n || !r->v[k].anchored || i >= n || encode(&d, ti, sig, cap) < 0)
        return -1;
    size_t e = line_end(ti, n, i);
    *fits = pre_set_fits(&r->v[k].pre, &r->v[k].pre_index, ti, i, e);
    int rc = jit_re_match(r->v[k].re, *sig, e * RULE_WIDTH, i * RULE_WIDTH, 0,
                          md);
    return rc > 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

int rules_scan(const rules *r, const lexicon *lx, const doc *d,
               const tok_info *ti, unsigned char **sig, size_t *cap,
               pcre2_match_data **md, cand_list *out)
{
    if (!r || !r->n || !d->n)
        return 0;
    if (encode(d, ti, sig, cap) < 0)
        return -1;
    if (!*md && !(*md = pcre2_match_data_create(8, NULL)))
        return -1;
    int rc = 0;
    for (size_t b = 0, e; rc == 0 && b < d->n; b = e) {
        e = line_end(ti, d->n, b);
        rc = run_line(r, lx, d, ti, *sig, b, e, *md, out);
    }
    return rc;
}
