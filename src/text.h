/* text.h - UTF-8 decoding and the character classes alam needs. */
#ifndef ALAM_TEXT_H
#define ALAM_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define TEXT_REPLACEMENT 0xFFFDu

/* Decodes one code point at s[0, n) (n >= 1).  Returns its length in bytes;
 * an invalid or truncated sequence gives *cp = U+FFFD, *valid = 0 and
 * length 1, so each invalid byte counts as one code point. */
size_t text_decode_slow(const unsigned char *s, size_t n, uint32_t *cp,
                        int *valid);

/* The hot path inline: ASCII and two-byte sequences (all of Arabic). */
static inline size_t text_decode(const unsigned char *s, size_t n,
                                 uint32_t *cp, int *valid)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        *valid = 1;
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        *valid = 1;
        return 2;
    }
    return text_decode_slow(s, n, cp, valid);
}

/* Encodes cp as UTF-8 into out (4 bytes room); returns the length. */
size_t text_encode_slow(uint32_t cp, char *out);

static inline size_t text_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    return text_encode_slow(cp, out);
}

/* The n < 8 bytes at s as one number, equal for equal bytes only: two
 * overlapping four-byte reads, or first, middle and last byte. */
static inline uint64_t text_tail(const char *s, size_t n)
{
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return a | (uint64_t)b << 32;
    }
    if (n == 0)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    return u[0] | (uint64_t)u[n >> 1] << 8 | (uint64_t)u[n - 1] << 16;
}

/* A hash of s[0, n), eight bytes at a time: keys and word forms are
 * short and this is on the hot path. */
static inline uint32_t text_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    h = (h ^ text_tail(s, n)) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    return (uint32_t)h;
}

/* Are a[0, n) and b[0, n) the same bytes? (memcmp without the call.) */
static inline int text_same(const char *a, const char *b, size_t n)
{
    for (; n >= 8; a += 8, b += 8, n -= 8) {
        uint64_t x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y)
            return 0;
    }
    return text_tail(a, n) == text_tail(b, n);
}

int text_is_space(uint32_t cp);      /* white space, controls, NUL, BOM */
/* Harakat, tatweel, Quranic marks. */
static inline int text_is_arabic_mark(uint32_t cp)
{
    if (cp < 0x0610 || cp > 0x08FF)
        return 0;
    return cp <= 0x061A || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0640 ||
           cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06DC) ||
           (cp >= 0x06DF && cp <= 0x06E8) || (cp >= 0x06EA && cp <= 0x06ED) ||
           (cp >= 0x08D3 && cp != 0x08E2);
}

int text_is_arabic_letter_slow(uint32_t cp);

static inline int text_is_arabic_letter(uint32_t cp)
{
    if (cp >= 0x0621 && cp <= 0x064A)       /* the 28 letters and hamzas */
        return cp != 0x0640;
    if (cp < 0x0620)
        return 0;
    return text_is_arabic_letter_slow(cp);
}
int text_is_format(uint32_t cp);     /* ZWJ, ZWNJ, direction marks */
int text_digit_value(uint32_t cp);   /* 0-9 for any digit system, else -1 */
int text_is_letter(uint32_t cp);     /* any other letter (Latin, ...) */
int text_is_mark(uint32_t cp);       /* combining marks of any script */

/* Folds one code point for a matching key: 0 means "drop it". */
uint32_t text_fold_slow(uint32_t cp);

static inline uint32_t text_fold(uint32_t cp)
{
    if (cp >= 0x0621 && cp <= 0x063A) {     /* base letters: ء to غ */
        switch (cp) {
        case 0x0622: case 0x0623: case 0x0625: return 0x0627;
        case 0x0629: return 0x0647;
        default: return cp;
        }
    }
    if (cp >= 0x0641 && cp <= 0x064A)       /* ف to ي */
        return cp == 0x0649 ? 0x064A : cp;
    if (cp >= 0x064B && cp <= 0x065F)       /* harakat */
        return 0;
    if (cp >= 'a' && cp <= 'z')
        return cp;
    return text_fold_slow(cp);
}


/* Copies s[0, n) as valid UTF-8 with no NUL: each invalid byte and each
 * NUL becomes U+FFFD.  Returns a malloc'd NUL-terminated string or NULL. */
char *text_sanitize(const char *s, size_t n);

#endif
