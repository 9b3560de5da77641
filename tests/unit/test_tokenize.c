/* Unit tests: UTF-8 decoding, the folding table, token kinds and offsets. */
#include "check.h"
#include "normalize.h"
#include "text.h"
#include "tokenize.h"

#include <stdlib.h>

static doc D;

static void tokenize(const char *s)
{
    size_t c;
    doc_tokenize(&D, s, 0, strlen(s), 0, &c);
    doc_normalize(&D, s, NULL);
}

static int tok_is(const char *s, size_t i, int kind, const char *text,
                  size_t c0, size_t c1)
{
    const token *t = &D.tok[i];
    return i < D.n && t->kind == kind && span_is(s + t->b0, t->b1 - t->b0, text)
        && t->c0 == c0 && t->c1 == c1;
}

static int key_is(size_t i, const char *want)
{
    size_t n;
    const char *k = tok_key(&D, &D.tok[i], &n);
    return span_is(k, n, want);
}

static void test_decode(void)
{
    uint32_t cp;
    int valid;
    CHECK("decode ascii", text_decode((const unsigned char *)"a", 1, &cp, &valid) == 1 && cp == 'a' && valid);
    CHECK("decode arabic", text_decode((const unsigned char *)"ب", 2, &cp, &valid) == 2 && cp == 0x628);
    CHECK("decode overlong is one invalid byte",
          text_decode((const unsigned char *)"\xC0\xAF", 2, &cp, &valid) == 1 && !valid && cp == 0xFFFD);
    CHECK("decode surrogate is invalid",
          text_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp, &valid) == 1 && !valid);
    CHECK("decode truncated is invalid",
          text_decode((const unsigned char *)"\xD8", 1, &cp, &valid) == 1 && !valid);
}

static void test_fold(void)
{
    CHECK("fold hamza alef", text_fold(0x0623) == 0x0627 && text_fold(0x0625) == 0x0627);
    CHECK("fold madda and wasla", text_fold(0x0622) == 0x0627 && text_fold(0x0671) == 0x0627);
    CHECK("fold alef maqsura", text_fold(0x0649) == 0x064A);
    CHECK("fold ta marbuta", text_fold(0x0629) == 0x0647);
    CHECK("fold drops harakat", text_fold(0x064E) == 0 && text_fold(0x0651) == 0 && text_fold(0x0652) == 0);
    CHECK("fold drops tatweel", text_fold(0x0640) == 0);
    CHECK("fold digits", text_fold(0x0664) == '4' && text_fold(0x06F7) == '7' && text_fold('9') == '9');
    CHECK("fold latin lower", text_fold('A') == 'a' && text_fold(0xC9) == 0xE9);
    CHECK("fold keeps hamza on waw", text_fold(0x0624) == 0x0624);
}

static void test_kinds(void)
{
    const char *s = "قال «ماكرون»، في Paris يوم 4/3/2021 و٢٣ $";
    tokenize(s);
    CHECK("mix: token count", D.n == 12);
    CHECK("mix: arabic word", tok_is(s, 0, TOK_ARABIC, "قال", 0, 3));
    CHECK("mix: guillemet", tok_is(s, 1, TOK_PUNCT, "«", 4, 5));
    CHECK("mix: word inside quotes", tok_is(s, 2, TOK_ARABIC, "ماكرون", 5, 11));
    CHECK("mix: closing quote and comma", tok_is(s, 3, TOK_PUNCT, "»", 11, 12) && tok_is(s, 4, TOK_PUNCT, "،", 12, 13));
    CHECK("mix: latin word", tok_is(s, 6, TOK_LATIN, "Paris", 17, 22));
    CHECK("mix: numeric date is one token", tok_is(s, 8, TOK_NUMBER, "4/3/2021", 27, 35));
    CHECK("mix: waw then arabic-indic digits", tok_is(s, 9, TOK_ARABIC, "و", 36, 37) && tok_is(s, 10, TOK_NUMBER, "٢٣", 37, 39));
    CHECK("mix: digit key is ascii", key_is(10, "23"));
    CHECK("mix: symbol", tok_is(s, 11, TOK_SYMBOL, "$", 40, 41) || tok_is(s, 11, TOK_PUNCT, "$", 40, 41));
}

static void test_marks(void)
{
    const char *s = "مُحَمَّـــد 3.5 2010-2015 x.";
    tokenize(s);
    CHECK("marks: diacritics and tatweel stay in the word", D.n == 5 && tok_is(s, 0, TOK_ARABIC, "مُحَمَّـــد", 0, 11));
    CHECK("marks: key folds them away", key_is(0, "محمد"));
    CHECK("marks: decimal", tok_is(s, 1, TOK_NUMBER, "3.5", 12, 15));
    CHECK("marks: year range", tok_is(s, 2, TOK_NUMBER, "2010-2015", 16, 25));
    CHECK("marks: trailing dot is punctuation", tok_is(s, 4, TOK_PUNCT, ".", 27, 28));
}

static void test_invalid(void)
{
    const char s[] = "أ\xff\xfe ب\0ج";
    size_t c;
    doc_tokenize(&D, s, 0, sizeof s - 1, 0, &c);
    CHECK("invalid: bytes counted", D.invalid_bytes == 2 && D.first_invalid == 2);
    CHECK("invalid: each byte one code point", c == 7);
    CHECK("invalid: NUL separates tokens", D.n == 5 && D.tok[3].b0 == 5 && D.tok[4].c0 == 6);
    D.invalid_bytes = 0;
}

static void test_separators(void)
{
    const char *s = "\xEF\xBB\xBFأ ب\r\nج";
    tokenize(s);
    CHECK("bom skipped, counted as one code point", D.n == 3 && D.tok[0].c0 == 1);
    CHECK("separators recorded", D.tok[1].sep == ' ' && D.tok[2].sep == '\n');
    tokenize("");
    CHECK("empty text has no tokens", D.n == 0);
}

int main(void)
{
    doc_init(&D);
    test_decode();
    test_fold();
    test_kinds();
    test_marks();
    test_invalid();
    test_separators();
    doc_free(&D);
    CHECK_DONE();
}
