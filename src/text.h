/* text.h - UTF-8 decoding and the character classes alam needs. */
#ifndef ALAM_TEXT_H
#define ALAM_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFDu

/* Decodes one code point at s[0, n) (n >= 1).  Returns its length in bytes;
 * an invalid or truncated sequence gives *cp = U+FFFD, *valid = 0 and
 * length 1, so each invalid byte counts as one code point. */
size_t text_decode(const unsigned char *s, size_t n, uint32_t *cp, int *valid);

/* Encodes cp as UTF-8 into out (4 bytes room); returns the length. */
size_t text_encode(uint32_t cp, char *out);

int text_is_space(uint32_t cp);      /* white space, controls, NUL, BOM */
int text_is_arabic_letter(uint32_t cp);
int text_is_arabic_mark(uint32_t cp); /* harakat, tatweel, Quranic marks */
int text_is_format(uint32_t cp);     /* ZWJ, ZWNJ, direction marks */
int text_digit_value(uint32_t cp);   /* 0-9 for any digit system, else -1 */
int text_is_letter(uint32_t cp);     /* any other letter (Latin, ...) */
int text_is_mark(uint32_t cp);       /* combining marks of any script */

/* Folds one code point for a matching key: 0 means "drop it". */
uint32_t text_fold(uint32_t cp);


/* Copies s[0, n) as valid UTF-8 with no NUL: each invalid byte and each
 * NUL becomes U+FFFD.  Returns a malloc'd NUL-terminated string or NULL. */
char *text_sanitize(const char *s, size_t n);

#endif
