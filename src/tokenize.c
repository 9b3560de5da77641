/* tokenize.c - one pass over UTF-8 with an explicit cursor.
 *
 * Token kinds (tok_kind):
 *   ARABIC  Arabic letters; harakat, tatweel and joiners stay inside.
 *   LATIN   letters of any other script, with marks and ASCII digits.
 *   NUMBER  digits of any system (ASCII, ٠-٩, ۰-۹), with / . - , : ٫ ٬
 *           inside when a digit follows (dates, decimals, ranges).
 *   PUNCT   one punctuation character (، ؛ ؟ « » “ ” and ASCII).
 *   SYMBOL  one character of anything else (U+FFFD for invalid bytes).
 * White space, controls, NUL, BOM and direction marks separate tokens. */
#include "tokenize.h"
#include "memo.h"
#include "text.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct {
    const unsigned char *s;
    size_t pos, end;    /* bytes */
    size_t cp;          /* code points before pos */
    doc *d;
} cursor;

/* Peeks the code point at the cursor without moving. */
static inline __attribute__((always_inline)) uint32_t peek(const cursor *k, size_t *len, int *valid)
{
    uint32_t cp;
    *len = text_decode(k->s + k->pos, k->end - k->pos, &cp, valid);
    return cp;
}

static void note_invalid(cursor *k)
{
    if (k->d->invalid_bytes++ == 0)
        k->d->first_invalid = k->pos;
}

/* Moves past the code point just peeked (len bytes), counting invalid
 * bytes. */
static inline __attribute__((always_inline)) void step(cursor *k, size_t len,
                                                       int valid)
{
    if (!valid)
        note_invalid(k);
    k->pos += len;
    k->cp++;
}

void doc_init(doc *d)
{
    memset(d, 0, sizeof *d);
}

void doc_free(doc *d)
{
    free(d->tok);
    free(d->norm);
    memset(d, 0, sizeof *d);
}

static token *push_token(doc *d)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        token *t = realloc(d->tok, cap * sizeof *t);
        if (!t)
            return NULL;
        d->tok = t;
        d->cap = cap;
    }
    token *t = &d->tok[d->n++];
    memset(t, 0, offsetof(token, an));     /* the normalizer fills .an */
    return t;
}

static int is_number_sep(uint32_t cp)
{
    return cp == '/' || cp == '.' || cp == '-' || cp == ',' || cp == ':' ||
           cp == 0x066B || cp == 0x066C;
}

static int is_punct(uint32_t cp)
{
    if (cp < 0x80)
        return u_ispunct((UChar32)cp) || cp == '$' || cp == '+' ||
               cp == '<' || cp == '=' || cp == '>' || cp == '^' ||
               cp == '`' || cp == '|' || cp == '~';
    return u_ispunct((UChar32)cp) || cp == 0x060C || cp == 0x061B ||
           cp == 0x061F || cp == 0x066A || cp == 0x06D4;
}

/* Is the code point after the current one a digit? */
static int digit_follows(const cursor *k)
{
    size_t len, len2;
    int valid;
    uint32_t cp;
    peek(k, &len, &valid);
    if (k->pos + len >= k->end)
        return 0;
    len2 = text_decode(k->s + k->pos + len, k->end - k->pos - len, &cp,
                       &valid);
    (void)len2;
    return valid && text_digit_value(cp) >= 0;
}

/* Is s[0..1] one of the code points most Arabic text is made of: a letter
 * U+0621-063A or U+0641-064A, tatweel or a haraka (U+0640-065F)? */
static inline int common_arabic(const unsigned char *s)
{
    unsigned v = (unsigned)s[0] << 8 | s[1];   /* no branch per letter */
    return (v - 0xD8A1u <= 0x19u) | (v - 0xD980u <= 0x1Fu);
}

#ifdef __SSE2__
/* How many of the 16 bytes at s, from the first, are common_arabic() code
 * points (an even number): eight tests at once. */
static inline size_t common_arabic_16(const unsigned char *s)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i x = _mm_loadu_si128((const __m128i *)s);
    __m128i v = _mm_or_si128(_mm_slli_epi16(x, 8), _mm_srli_epi16(x, 8));
    __m128i a = _mm_subs_epu16(_mm_sub_epi16(v, _mm_set1_epi16((short)0xD8A1)),
                               _mm_set1_epi16(0x19));
    __m128i b = _mm_subs_epu16(_mm_sub_epi16(v, _mm_set1_epi16((short)0xD980)),
                               _mm_set1_epi16(0x1F));
    __m128i ok = _mm_or_si128(_mm_cmpeq_epi16(a, zero),
                              _mm_cmpeq_epi16(b, zero));
    return (size_t)__builtin_ctz(~(unsigned)_mm_movemask_epi8(ok));
}
#endif

/* Moves past the common_arabic() code points at the cursor. */
static inline void skip_common_arabic(cursor *k)
{
#ifdef __SSE2__
    while (k->pos + 16 <= k->end) {
        size_t n = common_arabic_16(k->s + k->pos);
        k->pos += n;
        k->cp += n / 2;
        if (n < 16)
            return;
    }
#endif
    while (k->pos + 1 < k->end && common_arabic(k->s + k->pos)) {
        k->pos += 2;
        k->cp++;
    }
}

static void scan_arabic(cursor *k)
{
    size_t len;
    int valid;
    while (k->pos < k->end) {
        skip_common_arabic(k);
        if (k->pos >= k->end || k->s[k->pos] == ' ')
            return;
        uint32_t cp = peek(k, &len, &valid);
        if (!valid || !(text_is_arabic_letter(cp) || text_is_arabic_mark(cp) ||
                        cp == 0x200C || cp == 0x200D || text_is_mark(cp)))
            return;
        step(k, len, valid);
    }
}

static void scan_latin(cursor *k)
{
    size_t len;
    int valid;
    while (k->pos < k->end) {
        uint32_t cp = peek(k, &len, &valid);
        if (!valid || text_is_arabic_letter(cp) ||
            !(text_is_letter(cp) || text_is_mark(cp) ||
              (cp >= '0' && cp <= '9')))
            return;
        step(k, len, valid);
    }
}

static void scan_number(cursor *k)
{
    size_t len;
    int valid;
    while (k->pos < k->end) {
        uint32_t cp = peek(k, &len, &valid);
        if (!valid)
            return;
        if (text_digit_value(cp) >= 0 ||
            (is_number_sep(cp) && digit_follows(k)))
            step(k, len, valid);
        else
            return;
    }
}

/* Skips separators; returns the separator byte the next token gets. */
static char skip_space(cursor *k, char sep)
{
    size_t len;
    int valid;
    while (k->pos < k->end) {
        unsigned char ch = k->s[k->pos];
        if (ch == ' ') {                 /* the common case, inline */
            if (sep != '\n')
                sep = ' ';
            k->pos++;
            k->cp++;
            continue;
        }
        if ((ch > ' ' && ch < 0x7F) ||
            (k->pos + 1 < k->end && common_arabic(k->s + k->pos)))
            break;                       /* a token starts: no need to look */
        uint32_t cp = peek(k, &len, &valid);
        if (!valid || !(text_is_space(cp) || text_is_format(cp)))
            break;
        /* Line breaks and control characters (NUL ...) end a phrase: no
         * entity spans them, so an entity's text never holds one. */
        if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 ||
            cp == 0x85 || (cp < 0x20 && cp != '\t') || cp == 0x7F)
            sep = '\n';
        else if (sep != '\n')
            sep = ' ';
        step(k, len, valid);
    }
    return sep;
}

static uint8_t scan_one(cursor *k)
{
    size_t len;
    int valid;
    uint32_t cp = peek(k, &len, &valid);
    if (valid && text_is_arabic_letter(cp)) {
        scan_arabic(k);
        return TOK_ARABIC;
    }
    if (valid && text_digit_value(cp) >= 0) {
        scan_number(k);
        return TOK_NUMBER;
    }
    if (valid && text_is_letter(cp)) {
        scan_latin(k);
        return TOK_LATIN;
    }
    step(k, len, valid);
    return valid && is_punct(cp) ? TOK_PUNCT : TOK_SYMBOL;
}

int doc_tokenize(doc *d, const char *text, size_t b, size_t end, size_t c,
                 size_t *c_end)
{
    cursor k = {(const unsigned char *)text, b, end, c, d};
    char sep = '\n';

    d->n = 0;
    while (k.pos < k.end) {
        sep = skip_space(&k, sep);
        if (k.pos >= k.end)
            break;
        token *t = push_token(d);
        if (!t)
            return -1;
        t->b0 = k.pos;
        t->c0 = k.cp;
        t->sep = sep;
        t->kind = scan_one(&k);
        t->b1 = k.pos;
        t->c1 = k.cp;
        if (d->memo)
            t->memo_hash = memo_hash(d->memo, text + t->b0, t->b1 - t->b0);
        sep = DOC_SEP_NONE;
    }
    *c_end = k.cp;
    return 0;
}
