/* propagate.c - document-level propagation of names (resolve.h).
 *
 * After each window is resolved, the names it defines are remembered in
 * the call's name set (never in the model): surnames and given names of
 * people (not a given name that is a common word), one-word names of
 * people found by rules, acronyms given in brackets after an organization,
 * and whole names found by rules.  Later mentions of them with no context
 * of their own, in the same document only, get the label; a listed place
 * that a club rule found as a club is the club again when it comes back. */
#include "lexicon.h"
#include "resolve.h"
#include "alam.h"
#include "normalize.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define ACRONYM_MAX_TOKENS 3
#define KEY_MAX 256

/* What the set keeps of a name: its label and how it was learned. */
enum {
    NAME_LABEL = 0x0f,      /* an alam_label */
    NAME_ACRONYM = 0x10,    /* given in brackets after an organization */
    NAME_REPEAT = 0x20,     /* a whole name a rule found */
    NAME_PREFIX = 0x40,     /* the first word of a name of several words */
    NAME_CLUB = 0x80,       /* a place name a club rule found as a club */
};

/* Name parts that never stand for a person alone: particles, and regnal
 * numbers (عبد الله الثاني). */
static const char *const not_surnames[] = {
    "الله", "الدين", "الرحمن", "بن", "ابن", "ابو", "ام", "ال", "عبد",
    "الاول", "الثاني", "الثالث", "الرابع", "الخامس",
};

void name_set_free(name_set *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->slots[i]);
    free(s->slots);
    memset(s, 0, sizeof *s);
}

/* Eight bytes at a time (text.h): most tokens of a document look
 * themselves up here once a name is known. */
static size_t name_hash(const char *k, size_t n)
{
    return text_hash(k, n);
}

/* The slot holding k, or the empty slot where it would go. */
static size_t name_slot(char *const *slots, size_t cap, const char *k, size_t n)
{
    size_t i = name_hash(k, n) & (cap - 1);
    while (slots[i] && !(strlen(slots[i] + 1) == n &&
                         !memcmp(slots[i] + 1, k, n)))
        i = (i + 1) & (cap - 1);
    return i;
}

/* What the set keeps of k (label and NAME_ bits), or 0. */
static int name_entry(const name_set *s, const char *k, size_t n)
{
    if (!(s->lens >> (n & 63) & 1))
        return 0;      /* no key of that length: most lookups end here */
    const char *slot = s->slots[name_slot(s->slots, s->cap, k, n)];
    return slot ? (unsigned char)slot[0] : 0;
}

/* The entry of k if k is a name (not only a first word), or 0. */
static int name_label(const name_set *s, const char *k, size_t n)
{
    int e = name_entry(s, k, n);
    return e & NAME_LABEL ? e : 0;
}

static int name_set_grow(name_set *s)
{
    size_t cap = s->cap ? s->cap * 2 : 16;
    char **slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            slots[name_slot(slots, cap, s->slots[i] + 1,
                            strlen(s->slots[i] + 1))] = s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return 0;
}

static int is_name_part(const char *k, size_t n)
{
    for (size_t i = 0; i < sizeof not_surnames / sizeof *not_surnames; i++)
        if (strlen(not_surnames[i]) == n && !memcmp(not_surnames[i], k, n))
            return 1;
    return 0;
}

/* Adds bits to the entry of k, made if missing; a label given first
 * stays. */
static int name_set_put(name_set *s, const char *k, size_t n, int bits)
{
    char **slot = s->n ? &s->slots[name_slot(s->slots, s->cap, k, n)] : NULL;
    if (slot && *slot) {
        if (!(bits & NAME_LABEL) || !((*slot)[0] & NAME_LABEL))
            (*slot)[0] = (char)((*slot)[0] | bits);
        return 0;
    }
    if ((s->n + 1) * 2 > s->cap && name_set_grow(s) < 0)
        return -1;
    char *copy = malloc(n + 2);
    if (!copy)
        return -1;
    copy[0] = (char)bits;
    memcpy(copy + 1, k, n);
    copy[n + 1] = '\0';
    s->slots[name_slot(s->slots, s->cap, k, n)] = copy;
    s->n++;
    s->lens |= 1ull << (n & 63);
    return 0;
}

/* Remembers k with its label and NAME_ bits (the first label given stays),
 * and the first word of a name of several words as such. */
static int name_set_add(name_set *s, const char *k, size_t n, int label)
{
    if (n < ((label & NAME_LABEL) == ALAM_PERSON ? 6 : 2) ||
        is_name_part(k, n))
        return 0;      /* a person's under 3 letters, or a particle */
    if (name_set_put(s, k, n, label) < 0)
        return -1;
    s->clubs |= (label & NAME_CLUB) != 0;
    const char *space = memchr(k, ' ', n);
    if (!space) {
        s->single = 1;
        return 0;
    }
    s->multi = 1;
    return name_set_put(s, k, (size_t)(space - k), NAME_PREFIX);
}

/* ---- keys ---- */

/* The key of token t read from the analysis starting at byte b, or the
 * whole key; its length, 0 if too long. */
static size_t stem_key_at(const doc *d, const token *t, size_t b, char *buf)
{
    if (t->k1 - t->k0 + 2 > KEY_MAX)
        return 0;
    for (size_t a = 0; a < t->n_an; a++)
        if (t->b0 + t->an[a].boff == b && !(t->an[a].flags & PRO_LIL))
            return tok_stem_key(d, t, &t->an[a], buf);
    return tok_stem_key(d, t, &t->an[0], buf);
}

/* Keys of tokens [i, i + k) joined by spaces; 0 when too long. */
static size_t joined_key(const doc *d, size_t i, size_t k, char *buf)
{
    size_t n = 0;
    for (size_t j = i; j < i + k; j++) {
        size_t len;
        const char *key = tok_key(d, &d->tok[j], &len);
        if (n + len + 1 >= KEY_MAX)
            return 0;
        if (j > i)
            buf[n++] = ' ';
        memcpy(buf + n, key, len);
        n += len;
    }
    return n;
}

/* The key of candidate c's k tokens, its first token read from its stem
 * start (لبرشلونة as برشلونة); 0 when too long. */
static size_t stem_joined_key(const doc *d, const candidate *c, size_t k,
                              char *buf)
{
    if (c->b0 == d->tok[c->t0].b0)
        return joined_key(d, c->t0, k, buf);
    size_t n = stem_key_at(d, &d->tok[c->t0], c->b0, buf);
    if (!n || k == 1)
        return n;
    char rest[KEY_MAX];
    size_t m = joined_key(d, c->t0 + 1, k - 1, rest);
    if (!m || n + 1 + m >= KEY_MAX)
        return 0;
    buf[n] = ' ';
    memcpy(buf + n + 1, rest, m);
    return n + 1 + m;
}

static int is_word(const token *t)
{
    return t->kind == TOK_ARABIC || t->kind == TOK_LATIN;
}

static int punct_is(const doc *d, const token *t, char ch)
{
    size_t n;
    const char *k = tok_key(d, t, &n);
    return t->kind == TOK_PUNCT && n == 1 && k[0] == ch;
}

/* ---- learning names ---- */

/* The analysis of token t starting at byte b, or the whole token. */
static const analysis *analysis_at(const token *t, size_t b)
{
    for (size_t a = 0; a < t->n_an; a++)
        if (t->b0 + t->an[a].boff == b)
            return &t->an[a];
    return &t->an[0];
}

/* The given name of a full name stands for the person later (ليوناردو
 * ... ليوناردو), unless it is a common word, ambiguous or a title. */
#define NOT_GIVEN (CLASS_COMMON | WORD_CLASS_AMB | CLASS_TITLE |             \
                   CLASS_NISBA | CLASS_NAME_PARTICLE | CLASS_SPEECH_VERB)
static int learn_given(const doc *d, const candidate *c, name_set *names)
{
    char buf[KEY_MAX];
    size_t n;
    const token *first = &d->tok[c->t0];
    if (first->kind != TOK_ARABIC || (analysis_at(first, c->b0)->cls & NOT_GIVEN) ||
        !(n = stem_key_at(d, first, c->b0, buf)))
        return 0;
    return name_set_add(names, buf, n, ALAM_PERSON);
}

/* A nationality adjective that ends a name (أبو حمزة المصري) is mostly an
 * adjective when it comes alone later (الأصولي المصري): no surname. */
static int nisba_word(const token *t)
{
    for (size_t a = 0; a < t->n_an; a++)
        if (t->an[a].cls & CLASS_NISBA)
            return 1;
    return 0;
}

static int learn_person(const doc *d, const candidate *c, name_set *names)
{
    char buf[KEY_MAX];
    size_t n;
    const token *last = &d->tok[c->t1 - 1];
    if (c->t1 - c->t0 >= 2) {
        const char *k = tok_key(d, last, &n);
        if (learn_given(d, c, names) < 0)
            return -1;
        return last->kind == TOK_ARABIC && !nisba_word(last)
                   ? name_set_add(names, k, n, ALAM_PERSON)
                   : 0;
    }
    if (c->source != ALAM_SOURCE_RULE || last->kind != TOK_ARABIC ||
        !(n = stem_key_at(d, last, c->b0, buf)))
        return 0;
    return name_set_add(names, buf, n, ALAM_PERSON);
}

/* Can t be a word of an acronym?  Not a nationality adjective: ( الفرنسية )
 * after a club's name is a news agency's credit (AFP), not its acronym. */
static int acronym_word(const token *t)
{
    return is_word(t) && !(t->an[0].cls & CLASS_NISBA);
}

/* ORG ( X ) with X an acronym of up to three short words: X is ORG. */
static int learn_acronym(cand_list *l, const doc *d, const candidate *c,
                         unsigned char *taken, name_set *names)
{
    size_t i = c->t1, k = 0;
    char buf[KEY_MAX];
    if (i + 2 >= d->n || !punct_is(d, &d->tok[i], '('))
        return 0;
    while (k < ACRONYM_MAX_TOKENS && i + 1 + k < d->n &&
           acronym_word(&d->tok[i + 1 + k]) && !taken[i + 1 + k] &&
           d->tok[i + 1 + k].k1 - d->tok[i + 1 + k].k0 <= 24)
        k++;
    if (!k || i + 1 + k >= d->n || !punct_is(d, &d->tok[i + 1 + k], ')'))
        return 0;
    size_t n = joined_key(d, i + 1, k, buf);
    candidate a = {0};
    cand_span(&a, d, i + 1, 0, i + 1 + k);
    a.label = ALAM_ORG;
    a.source = ALAM_SOURCE_RULE;
    a.source_id = "propagation.acronym";
    memset(taken + i + 1, 1, k);
    if (cand_push(l, &a) < 0)
        return -1;
    return n ? name_set_add(names, buf, n, ALAM_ORG | NAME_ACRONYM) : 0;
}

/* Can the one word t, a name a rule found, stand alone later?  Not with
 * the article or as a common word: صحيفة " الحياة " names a paper, but a
 * later الحياة is "life". */
static int lone_word(const doc *d, const token *t)
{
    size_t n;
    const char *k = tok_key(d, t, &n);
    return !key_has_article(k, n) &&
           !(t->an[0].cls & CLASS_COMMON);
}

/* A club found by the match around it (a score, a match verb, a player's
 * role), not by an adjective's gender alone (org.club-nisba: شمال أفريقيا
 * الروماني is no club). */
static int club_rule(const candidate *c)
{
    return c->source == ALAM_SOURCE_RULE && c->label == ALAM_ORG &&
           c->source_id && !strncmp(c->source_id, "org.club", 8) &&
           strcmp(c->source_id, "org.club-nisba");
}

/* A name of up to three words found by a rule (a town after مدينة, a club
 * after نادي): a later repeat of it, with no context to find it again, is
 * the same name.  A person's one-word name is learned as a surname. */
static int learn_whole(const doc *d, const candidate *c, name_set *names)
{
    char buf[KEY_MAX];
    size_t k = c->t1 - c->t0, n;
    if (c->source != ALAM_SOURCE_RULE || k > ACRONYM_MAX_TOKENS ||
        (k == 1 && (c->label == ALAM_PERSON || !lone_word(d, &d->tok[c->t0]))) ||
        !(n = stem_joined_key(d, c, k, buf)))
        return 0;
    return name_set_add(names, buf, n,
                        c->label | NAME_REPEAT | (club_rule(c) ? NAME_CLUB : 0));
}

/* A listed place that a club rule found as a club earlier in the document
 * (فاز برشلونة على ... then لبرشلونة الفائز) names the club again: one
 * sense per document, as a sports report keeps it.  Not a state: national
 * teams are named by their state and stay places. */
static void club_again(candidate *c, const doc *d, const name_set *names)
{
    char buf[KEY_MAX];
    size_t k = c->t1 - c->t0, n;
    if (!names->clubs || c->source != ALAM_SOURCE_LEXICON ||
        c->label != ALAM_LOCATION || k > ACRONYM_MAX_TOKENS ||
        !(n = stem_joined_key(d, c, k, buf)) ||
        (name_entry(names, buf, n) & (NAME_CLUB | NAME_LABEL)) !=
            (NAME_CLUB | ALAM_ORG))
        return;
    c->label = ALAM_ORG;
    c->source = ALAM_SOURCE_RULE;
    c->source_id = "propagation.club";
    c->iso = c->canon = NULL;
}

static int learn(cand_list *l, size_t at, const doc *d, unsigned char *taken,
                 name_set *names)
{
    club_again(&l->v[at], d, names);
    candidate c = l->v[at];
    if (c.source_id && !strncmp(c.source_id, "propagation", 11))
        return 0;
    if (learn_whole(d, &c, names) < 0)
        return -1;
    if (c.label == ALAM_PERSON)
        return learn_person(d, &c, names);
    if (c.label == ALAM_ORG)
        return learn_acronym(l, d, &c, taken, names);
    return 0;
}

/* ---- finding mentions ---- */

/* A one-token mention: the analysis (no ال) whose stem is a known name. */
static int mention_one(const doc *d, size_t i, const name_set *s, size_t *an)
{
    char buf[KEY_MAX];
    const token *t = &d->tok[i];
    if (!is_word(t) || t->k1 - t->k0 + 2 > sizeof buf)
        return 0;
    for (size_t a = 0; a < t->n_an; a++) {
        /* (a common word written with ى is no name in ي: على, not علي) */
        if ((t->an[a].flags & (PRO_ART | PRO_LIL)) ||
            ((t->shape & SHAPE_MAQSURA) && (t->an[a].cls & CLASS_COMMON)))
            continue;
        int label = name_label(s, buf, tok_stem_key(d, t, &t->an[a], buf));
        if (label) {
            *an = a;
            return label;
        }
    }
    return 0;
}

/* The longest known name at token i: its label and length (0 if none). */
static int mention(const doc *d, size_t i, const unsigned char *taken,
                   const name_set *s, size_t *len, size_t *an)
{
    char buf[KEY_MAX];
    size_t n1;
    const char *k1 = tok_key(d, &d->tok[i], &n1);
    int multi = s->multi && (name_entry(s, k1, n1) & NAME_PREFIX);
    *an = 0;
    for (size_t k = multi ? ACRONYM_MAX_TOKENS : 1; k >= 2; k--) {
        if (i + k > d->n)
            continue;
        size_t j = i;
        while (j < i + k && !taken[j] && is_word(&d->tok[j]) &&
               (j == i || d->tok[j].sep != '\n'))
            j++;
        size_t n = j == i + k ? joined_key(d, i, k, buf) : 0;
        int label = n ? name_label(s, buf, n) : 0;
        if (label) {
            *len = k;
            return label;
        }
    }
    *len = 1;
    return s->single ? mention_one(d, i, s, an) : 0;
}

int propagate(cand_list *l, const doc *d, unsigned char *taken,
              name_set *names)
{
    size_t next = 0, before = l->n;
    for (size_t i = 0; i < d->n; i++) {
        while (next < before && l->v[next].t1 <= i)
            next++;
        if (next < before && l->v[next].t0 == i) {
            if (learn(l, next, d, taken, names) < 0)
                return -1;
            continue;
        }
        size_t len, an;
        int label;
        if (taken[i] || !names->n ||
            !(label = mention(d, i, taken, names, &len, &an)))
            continue;
        candidate c = {0};
        cand_span(&c, d, i, an, i + len);
        c.label = (uint8_t)(label & NAME_LABEL);
        c.source = ALAM_SOURCE_RULE;
        c.source_id = label & NAME_ACRONYM ? "propagation.acronym"
                      : label & NAME_REPEAT ? "propagation.repeat"
                                            : "propagation";
        memset(taken + i, 1, len);
        if (cand_push(l, &c) < 0)
            return -1;
        i += len - 1;
    }
    if (l->n > before)
        cand_sort(l);
    return 0;
}
