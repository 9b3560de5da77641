/* text.c - UTF-8 decoding and character classes. */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

size_t text_decode_slow(const unsigned char *s, size_t n, uint32_t *cp,
                        int *valid)
{
    unsigned c = s[0];
    size_t len;
    uint32_t v, min;

    *valid = 0;
    *cp = TEXT_REPLACEMENT;
    if (c < 0x80) {
        *cp = c;
        *valid = 1;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 1;
    }
    if (len > n)
        return 1;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 1;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 1;
    *cp = v;
    *valid = 1;
    return len;
}

size_t text_encode_slow(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int text_is_format(uint32_t cp)
{
    return cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x061C || cp == 0x00AD;
}

int text_is_space(uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7F || cp == 0xFEFF)
        return 1;
    if (cp < 0x80)
        return cp == ' ';
    if (cp >= 0x0600 && cp <= 0x06FF)   /* the Arabic block has no space */
        return 0;
    return u_isUWhiteSpace((UChar32)cp) || cp == 0x200B;
}

int text_is_arabic_letter_slow(uint32_t cp)
{
    if (text_is_arabic_mark(cp))
        return 0;
    return (cp >= 0x0620 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3) ||
           cp == 0x06D5 || (cp >= 0x06EE && cp <= 0x06EF) ||
           (cp >= 0x06FA && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
           (cp >= 0x08A0 && cp <= 0x08C9) || (cp >= 0xFB50 && cp <= 0xFDFB) ||
           (cp >= 0xFE70 && cp <= 0xFEFC);
}

int text_digit_value(uint32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return (int)(cp - '0');
    if (cp >= 0x0660 && cp <= 0x0669)
        return (int)(cp - 0x0660);
    if (cp >= 0x06F0 && cp <= 0x06F9)
        return (int)(cp - 0x06F0);
    return -1;
}

int text_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp >= 0x0600 && cp <= 0x06FF)
        return text_is_arabic_letter(cp);
    return u_isalpha((UChar32)cp);
}

int text_is_mark(uint32_t cp)
{
    if (cp < 0x300)
        return 0;
    if (cp >= 0x0600 && cp <= 0x06FF)
        return text_is_arabic_mark(cp);
    int8_t t = u_charType((UChar32)cp);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
           t == U_ENCLOSING_MARK;
}

/* Orthographic folding used by every matching key (ANNOTATION.md). */
uint32_t text_fold_slow(uint32_t cp)
{
    int d;
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (text_is_arabic_mark(cp) || text_is_format(cp))
        return 0;
    switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672:
    case 0x0673:
        return 0x0627;              /* آ أ إ ٱ -> ا */
    case 0x0649: case 0x06CC: case 0x06D2:
        return 0x064A;              /* ى ی ے -> ي */
    case 0x0629: case 0x06C0: case 0x06D5:
        return 0x0647;              /* ة ۀ ە -> ه */
    case 0x06A9: case 0x06AA:
        return 0x0643;              /* ک -> ك */
    default:
        break;
    }
    d = text_digit_value(cp);
    if (d >= 0)
        return (uint32_t)('0' + d);
    if (cp < 0x0800)                /* Arabic, Syriac, Thaana: no case */
        return cp >= 0x0590 ? cp : (uint32_t)u_tolower((UChar32)cp);
    if (cp >= 0xFB50)
        return cp;                  /* presentation forms: kept as they are */
    return (uint32_t)u_tolower((UChar32)cp);
}

char *text_sanitize(const char *s, size_t n)
{
    char *out = malloc(3 * n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int valid;
        size_t len = text_decode((const unsigned char *)s + i, n - i, &cp,
                                 &valid);
        if (!valid || cp == 0) {
            o += text_encode(TEXT_REPLACEMENT, o);
        } else {
            memcpy(o, s + i, len);
            o += len;
        }
        i += len;
    }
    *o = '\0';
    return out;
}
