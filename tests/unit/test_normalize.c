/* Unit tests: proclitic analyses and their stem offsets. */
#include "check.h"
#include "normalize.h"

static doc D;

/* The stems of every analysis of a one-token text, as "stem@coff|...". */
static const char *stems(const char *s)
{
    static char out[512];
    char buf[128];
    size_t c, o = 0;
    doc_tokenize(&D, s, 0, strlen(s), 0, &c);
    doc_normalize(&D, s, NULL);
    out[0] = '\0';
    for (size_t a = 0; D.n && a < D.tok[0].n_an; a++) {
        size_t n = tok_stem_key(&D, &D.tok[0], &D.tok[0].an[a], buf);
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s@%u", a ? "|" : "",
                              (int)n, buf, D.tok[0].an[a].coff);
    }
    return out;
}

#define STEMS(name, text, want)                                               \
    do {                                                                      \
        const char *got_ = stems(text);                                       \
        CHECK(name, !strcmp(got_, want));                                     \
        if (strcmp(got_, want))                                               \
            printf("#   got %s\n#  want %s\n", got_, want);                  \
    } while (0)

/* The shape flags of a one-token text. */
static unsigned shape(const char *s)
{
    size_t c;
    doc_tokenize(&D, s, 0, strlen(s), 0, &c);
    doc_normalize(&D, s, NULL);
    return D.n ? D.tok[0].shape : 0xFF;
}

static void test_shapes(void)
{
    CHECK("ى at the end", shape("على") == SHAPE_MAQSURA);
    CHECK("ي at the end", shape("الفرنسي") == SHAPE_FINAL_YA);
    CHECK("ية at the end", shape("أسبوعية") == SHAPE_FINAL_IYA);
    CHECK("ة after another letter", shape("مدرسة") == 0);
    CHECK("an attached pronoun after three letters", shape("اكتشافه") == SHAPE_SUFFIXED);
    CHECK("ـيه is no pronoun", shape("تريزيغيه") == 0);
    CHECK("tanween", shape("جداً") == SHAPE_SUFFIXED);
    CHECK("ب before ت: preposition-like", shape("بتمزق") == SHAPE_PREPLIKE);
    CHECK("ل before ر is a name's start too", shape("لراديو") == 0);
    CHECK("ل before ق: preposition-like", shape("لقطر") == SHAPE_PREPLIKE);
    CHECK("ب before ل or و stays a name's start", shape("بلير") == 0 && shape("بوش") == 0);
    CHECK("two letters have no shape", shape("بم") == 0);
}

int main(void)
{
    doc_init(&D);
    test_shapes();
    STEMS("conjunction waw", "وفرنسا", "وفرنسا@0|فرنسا@1");
    STEMS("waw + preposition + article", "وبالعراق", "وبالعراق@0|بالعراق@1|العراق@2|عراق@4");
    STEMS("preposition ba", "بباريس", "بباريس@0|باريس@1");
    STEMS("lam + article elided (lil)", "للأمم", "للامم@0|لامم@1|الامم@1");
    STEMS("article only", "العراق", "العراق@0|عراق@2");
    STEMS("stem keeps two letters: بغداد", "بغداد", "بغداد@0|غداد@1");
    STEMS("trap بيروت", "بيروت", "بيروت@0|يروت@1");
    STEMS("trap وليد", "وليد", "وليد@0|ليد@1|يد@2");
    STEMS("trap فلسطين", "فلسطين", "فلسطين@0|لسطين@1|سطين@2");
    STEMS("two-letter word has no stems", "ول", "ول@0");
    STEMS("diacritics before the stem", "وَبِفَرَنسا", "وبفرنسا@0|بفرنسا@2|فرنسا@4");
    STEMS("latin has no analyses", "wParis", "wparis@0");
    STEMS("number has no analyses", "٢٠٢١", "2021@0");
    STEMS("a lone tatweel has an empty key", "ـ", "@0");
    doc_free(&D);
    CHECK_DONE();
}
