/* normalize.c - matching keys and proclitic analyses.
 *
 * The key folds diacritics, tatweel and joiners away, أ إ آ ٱ -> ا,
 * ى -> ي, ة -> ه, every digit system -> ASCII, Latin -> lower case
 * (text_fold).  The original text and its offsets are never altered.
 *
 * Proclitic analyses of an Arabic token: [و|ف] [ب|ل|ك] [ال] in their legal
 * combinations, and ل + ال written لل.  A stem keeps at least two letters.
 * Analysis 0 is always the whole token. */
#include "normalize.h"
#include "memo.h"
#include "text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define AR_ALEF 0x0627
#define AR_BA 0x0628
#define AR_FA 0x0641
#define AR_KAF 0x0643
#define AR_LAM 0x0644
#define AR_WAW 0x0648
#define PREFIX_MAX 6

/* Where the first key letters of a token came from. */
typedef struct {
    uint32_t cp[PREFIX_MAX];
    size_t koff[PREFIX_MAX], boff[PREFIX_MAX], coff[PREFIX_MAX];
    size_t n;          /* key letters in all */
} prefix_map;

static int norm_reserve(doc *d, size_t more)
{
    if (d->norm_len + more + 1 <= d->norm_cap)
        return 0;
    size_t cap = d->norm_cap ? d->norm_cap : 1024;
    while (cap < d->norm_len + more + 1)
        cap *= 2;
    char *p = realloc(d->norm, cap);
    if (!p)
        return -1;
    d->norm = p;
    d->norm_cap = cap;
    return 0;
}

/* The folds of U+0600-067F (lead bytes D8 D9), where nearly all of the
 * text is, looked up instead of decoded, folded and encoded: the folded
 * code point, 0 when dropped.  Filled from text_fold(), once. */
static uint16_t arabic_fold[2][64];
static pthread_once_t arabic_fold_once = PTHREAD_ONCE_INIT;

static void arabic_fold_init(void)
{
    for (uint32_t cp = 0x0600; cp < 0x0680; cp++) {
        uint32_t f = text_fold(cp);
        arabic_fold[(cp >> 6) & 1][cp & 0x3F] = f < 0x800 ? (uint16_t)f : 0;
    }
}

/* The fold of the code point at s (len bytes) as arabic_fold has it, or
 * through the general path. */
static inline uint32_t fold_at(const unsigned char *s, size_t n, size_t *len)
{
    if (n >= 2 && (s[0] == 0xD8 || s[0] == 0xD9) && (s[1] & 0xC0) == 0x80) {
        *len = 2;
        return arabic_fold[s[0] & 1][s[1] & 0x3F];
    }
    uint32_t cp;
    int valid;
    *len = text_decode(s, n, &cp, &valid);
    return text_fold(cp);
}

/* Appends the folded key of t to d->norm, recording its first letters.
 * The loop keeps its state in locals: stores through the char buffer may
 * alias anything, which would reload every field from memory. */
static int fold_token(doc *d, token *t, const char *text, prefix_map *pm)
{
    const unsigned char *s = (const unsigned char *)text;
    pm->koff[0] = pm->boff[0] = pm->coff[0] = 0;   /* an empty key */
    if (norm_reserve(d, 4 * (t->b1 - t->b0)) < 0)
        return -1;
    char *out = d->norm + d->norm_len;
    size_t b = t->b0, end = t->b1, c = 0, o = 0, n = 0;
    while (b < end) {
        size_t len;
        uint32_t f = fold_at(s + b, end - b, &len);
        if (f) {
            if (n < PREFIX_MAX) {
                pm->cp[n] = f;
                pm->koff[n] = o;
                pm->boff[n] = b - t->b0;
                pm->coff[n] = c;
            }
            n++;
            o += text_encode(f, out + o);
        }
        b += len;
        c++;
    }
    pm->n = n;
    t->k0 = d->norm_len;
    t->k1 = d->norm_len += o;
    return 0;
}

static void add_analysis(token *t, const prefix_map *pm, size_t at,
                         uint8_t flags)
{
    if (t->n_an >= TOK_MAX_ANALYSES || at >= PREFIX_MAX ||
        pm->boff[at] > UINT16_MAX || pm->coff[at] > UINT16_MAX)
        return;
    analysis *a = &t->an[t->n_an++];
    a->koff = (uint8_t)pm->koff[at];
    a->boff = (uint16_t)pm->boff[at];
    a->coff = (uint16_t)pm->coff[at];
    a->flags = flags;
    a->word = a->cls = 0;
}

static int letter_at(const prefix_map *pm, size_t i, uint32_t cp)
{
    return i < PREFIX_MAX && i < pm->n && pm->cp[i] == cp;
}

/* Analyses after the conjunction/preposition prefix of length p. */
static void analyse_after(token *t, const prefix_map *pm, size_t p,
                          uint8_t flags, int prep_is_lam)
{
    if (p > 0 && pm->n >= p + 2)
        add_analysis(t, pm, p, flags);
    if (letter_at(pm, p, AR_ALEF) && letter_at(pm, p + 1, AR_LAM) &&
        pm->n >= p + 4)
        add_analysis(t, pm, p + 2, flags | PRO_ART);
    if (prep_is_lam && letter_at(pm, p, AR_LAM) && pm->n >= p + 3)
        add_analysis(t, pm, p, flags | PRO_LIL);
}

static void analyse(token *t, const prefix_map *pm)
{
    t->n_an = 0;
    add_analysis(t, pm, 0, 0);
    if (t->kind != TOK_ARABIC)
        return;
    for (size_t conj = 0; conj <= 1; conj++) {
        if (conj && !letter_at(pm, 0, AR_WAW) && !letter_at(pm, 0, AR_FA))
            break;
        uint8_t cf = conj ? PRO_CONJ : 0;
        analyse_after(t, pm, conj, cf, 0);
        uint32_t p = pm->n > conj ? pm->cp[conj] : 0;
        if (p == AR_BA || p == AR_LAM || p == AR_KAF)
            analyse_after(t, pm, conj + 1, cf | PRO_PREP, p == AR_LAM);
    }
}

/* ---- the shape of a word as written ---- */

/* The letters of a word as written (Arabic letters are two bytes; marks
 * and tatweel skipped); 0 when not all two-byte. */
static size_t written(const unsigned char *s, size_t len, uint16_t *cp,
                      size_t max, int *tanween)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i += 2) {
        if (n == max || (s[i] & 0xE0) != 0xC0 || i + 1 >= len)
            return 0;
        uint16_t c = (uint16_t)(((s[i] & 0x1Fu) << 6) | (s[i + 1] & 0x3F));
        if (c >= 0x64B && c <= 0x64D)       /* tanween: a noun's ending */
            *tanween = 1;
        if (c != 0x640 && !(c >= 0x64B && c <= 0x652))   /* tatweel, marks */
            cp[n++] = c;
    }
    return n;
}

/* Does the word cp[0, n) end in the letters a, b (n >= 2)? */
static int ends2(const uint16_t *cp, size_t n, uint16_t a, uint16_t b)
{
    return cp[n - 2] == a && cp[n - 1] == b;
}

/* Letters of an attached pronoun or plural verb ending at the end of
 * cp[0, n) (n >= 3): ـهما، ـهم، ـها، ـته، ـوا; 0 when none. */
static size_t suffix_len(const uint16_t *cp, size_t n)
{
    enum { ALEF = 0x627, TA = 0x62A, MIM = 0x645, HA = 0x647, WAW = 0x648 };
    if (cp[n - 3] == HA && ends2(cp, n, MIM, ALEF))
        return 3;
    if (ends2(cp, n, HA, MIM) || ends2(cp, n, HA, ALEF) ||
        ends2(cp, n, TA, HA) || ends2(cp, n, WAW, ALEF))
        return 2;
    return 0;
}

/* Does the word start with ب or ل and a letter that follows them in a
 * preposition before a noun far more often than inside a name?  (Counted
 * on the ANERcorp tuning part: about 70 words end a name for 6 that
 * continue one.) */
static int prep_like(const uint16_t *cp)
{
    static const uint16_t after[] = {0x623, 0x625, 0x62A, 0x62D, 0x62E,
                                     0x62F, 0x632, 0x633, 0x635, 0x636,
                                     0x639, 0x63A, 0x641, 0x642, 0x645};
    if (cp[0] != 0x628 && cp[0] != 0x644)
        return 0;
    for (size_t i = 0; i < sizeof after / sizeof *after; i++)
        if (cp[1] == after[i])
            return 1;
    return 0;
}

/* The shape of an Arabic word as written: ى at the end; ي at the end; ية
 * at the end; ب or ل before a letter of prep_like(); an
 * attached pronoun or a plural verb ending after a stem of three letters
 * or more, ـه after a consonant, tanween (SUFFIXED).  (A future or
 * imperfect prefix, a ta marbuta, ب ل ك before a stem were measured too:
 * names start and end so too often.) */
#define SUFFIX_H_MIN 3   /* letters of a word in ـه, at least */
static uint8_t word_shape(const char *text, const token *t)
{
    const unsigned char *s = (const unsigned char *)text + t->b0;
    size_t len = t->b1 - t->b0;
    uint16_t cp[40];
    int tanween = 0;
    uint8_t b = len >= 2 && s[len - 2] == 0xD9 && s[len - 1] == 0x89
        ? SHAPE_MAQSURA : 0;
    size_t n = written(s, len, cp, sizeof cp / sizeof *cp, &tanween);
    if (tanween)
        b |= SHAPE_SUFFIXED;
    if (n >= 2 && cp[n - 1] == 0x64A)
        b |= SHAPE_FINAL_YA;
    if (n >= 3 && cp[n - 2] == 0x64A && cp[n - 1] == 0x629)
        b |= SHAPE_FINAL_IYA;
    if (n < 3)
        return b;
    if (prep_like(cp))
        b |= SHAPE_PREPLIKE;
    size_t k = suffix_len(cp, n);
    if (k && n - k >= 3)
        b |= SHAPE_SUFFIXED;
    /* ـه after a consonant: حقه، اكتشافه (not ـيه ـاه ـوه: تريزيغيه، شاه) */
    if (cp[n - 1] == 0x647 && n >= SUFFIX_H_MIN && cp[n - 2] != 0x64A &&
        cp[n - 2] != 0x627 && cp[n - 2] != 0x648)
        b |= SHAPE_SUFFIXED;
    return b;
}

/* ---- normalizing ---- */

/* Fills token t (its key appended to d->norm, which has room for
 * MEMO_KEY_MAX bytes) from memo slot e.  Whole arrays are copied: fixed
 * sizes make a few moves instead of calls. */
static void from_memo(doc *d, token *t, const memo_slot *e)
{
    memcpy(d->norm + d->norm_len, e->key, MEMO_KEY_MAX);
    t->k0 = d->norm_len;
    t->k1 = d->norm_len += e->key_len;
    t->shape = e->shape;
    t->n_an = e->n_an;
    memcpy(t->an, e->an, sizeof t->an);
    t->alone = e->alone;
    t->known = 1;
}

/* The first two steps of the memo lookups of every token (memo.h); the
 * tokenizer took the first if d->memo is m. */
static void memo_probe(const doc *d, const char *text, const memo *m)
{
    for (size_t i = 0; d->memo != m && i < d->n; i++) {
        token *t = &d->tok[i];
        t->memo_hash = memo_hash(m, text + t->b0, t->b1 - t->b0);
    }
    for (size_t i = 0; i < d->n; i++)
        d->tok[i].memo_way = (int8_t)memo_way(m, d->tok[i].memo_hash);
}

int doc_normalize(doc *d, const char *text, memo *m)
{
    prefix_map pm;
    pthread_once(&arabic_fold_once, arabic_fold_init);
    d->norm_len = 0;
    if (m)
        memo_probe(d, text, m);
    for (size_t i = 0; i < d->n; i++) {
        token *t = &d->tok[i];
        if (norm_reserve(d, 1 + MEMO_KEY_MAX) < 0)
            return -1;
        d->norm[d->norm_len++] = i ? t->sep : '\n';
        const memo_slot *e =
            m ? memo_check(m, t->memo_hash, t->memo_way, text + t->b0,
                           t->b1 - t->b0, t->kind)
              : NULL;
        if (e) {
            from_memo(d, t, e);
            continue;
        }
        if (fold_token(d, t, text, &pm) < 0)
            return -1;
        analyse(t, &pm);
        t->shape = t->kind == TOK_ARABIC ? word_shape(text, t) : 0;
    }
    if (norm_reserve(d, 1) < 0)
        return -1;
    d->norm[d->norm_len++] = '\n';
    d->norm[d->norm_len] = '\0';
    return 0;
}

size_t tok_stem_key(const doc *d, const token *t, const analysis *a, char *buf)
{
    size_t len = t->k1 - t->k0 - a->koff, n = 0;
    if (a->flags & PRO_LIL)
        n = text_encode(AR_ALEF, buf);
    memcpy(buf + n, d->norm + t->k0 + a->koff, len);
    return n + len;
}
