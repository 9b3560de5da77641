/* Unit tests: list loading (and its errors), longest match, proclitics. */
#include "check.h"
#include "lexicon.h"
#include "normalize.h"

static doc D;
static lexicon *L;

/* The first match in s as "text/LABEL", or "-". */
static const char *first_match(const char *s)
{
    static char out[256];
    size_t c;
    doc_tokenize(&D, s, 0, strlen(s), 0, &c);
    doc_normalize(&D, s, NULL);
    lexicon_lookup(L, &D);
    for (size_t i = 0; i < D.n; i++) {
        lex_match m;
        if (!lexicon_match(L, &D, i, &m))
            continue;
        const token *a = &D.tok[i], *b = &D.tok[i + m.ntok - 1];
        size_t b0 = a->b0 + a->an[m.an].boff;
        snprintf(out, sizeof out, "%.*s/%s", (int)(b->b1 - b0), s + b0,
                 alam_label_name((alam_label)m.entry->label));
        return out;
    }
    return "-";
}

#define MATCH(name, text, want)                                               \
    do {                                                                      \
        const char *got_ = first_match(text);                                 \
        CHECK(name, !strcmp(got_, want));                                     \
        if (strcmp(got_, want))                                               \
            printf("#   got %s\n#  want %s\n", got_, want);                  \
    } while (0)

static void test_errors(void)
{
    static const struct { const char *file, *want; } cases[] = {
        {"label.tsv", "tests/data/bad/label.tsv:2: unknown label"},
        {"noiso.tsv", "tests/data/bad/noiso.tsv:1: COUNTRY needs iso=XX"},
        {"iso.tsv", "tests/data/bad/iso.tsv:3: iso= needs two capital"},
        {"notab.tsv", "tests/data/bad/notab.tsv:1: expected NAME<TAB>LABEL"},
        {"field.tsv", "tests/data/bad/field.tsv:1: field is not key=value"},
        {"utf8.tsv", "tests/data/bad/utf8.tsv:1: invalid UTF-8"},
        {"missing.tsv", "tests/data/bad/missing.tsv: No such file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[128], name[160];
        alam_error err = {0};
        lexicon *lx = lexicon_new();
        snprintf(path, sizeof path, "tests/data/bad/%s", cases[i].file);
        snprintf(name, sizeof name, "load error names file:line (%s)", cases[i].file);
        alam_status st = lexicon_load_file(lx, path, 0, &err);
        CHECK(name, st != ALAM_OK && err.status == st &&
                    !strncmp(err.message, cases[i].want, strlen(cases[i].want)));
        if (strncmp(err.message, cases[i].want, strlen(cases[i].want)))
            printf("#   got %s\n", err.message);
        lexicon_free(lx);
    }
}

/* Does some reading of the first word of s carry class cls? */
static int word_has_class(lexicon *lx, const char *s, uint32_t cls)
{
    size_t c;
    doc_tokenize(&D, s, 0, strlen(s), 0, &c);
    doc_normalize(&D, s, NULL);
    lexicon_lookup(lx, &D);
    for (size_t a = 0; D.n && a < D.tok[0].n_an; a++)
        if (D.tok[0].an[a].cls & cls)
            return 1;
    return 0;
}

static int common_word(lexicon *lx, const char *s)
{
    return word_has_class(lx, s, CLASS_COMMON);
}

/* A word no list knows is common when it is a common stem with a plural,
 * accusative or pronoun ending; not through ـه (ة folds to it), not when
 * the stem is also a name, not with any other ending. */
static void test_common_endings(void)
{
    alam_error err;
    lexicon *lx = lexicon_new();
    CHECK("load common list",
          lexicon_load_file(lx, "tests/data/gaz/common.tsv", 0, &err) == ALAM_OK);
    CHECK("common: the stem itself", common_word(lx, "معارض"));
    CHECK("common: plural ـون", common_word(lx, "معارضون"));
    CHECK("common: plural ـين after و", common_word(lx, "ومعارضين"));
    CHECK("common: accusative ـا", common_word(lx, "معارضا"));
    CHECK("common: pronoun ـهم", common_word(lx, "معارضهم"));
    CHECK("common: feminine stem, ت + pronoun", common_word(lx, "حركتها"));
    CHECK("common: feminine stem, ـات", common_word(lx, "حركات"));
    CHECK("not common: ـه is also ة (الظفرة)", !common_word(lx, "الظفرة"));
    CHECK("not common: other ending", !common_word(lx, "معارضي"));
    CHECK("not common: stem that is a name too", !common_word(lx, "سعيدون"));
    CHECK("not common: stem under three letters", !common_word(lx, "قدون"));
    lexicon_free(lx);
}

/* عبد ال + a name written as one word is a given name when no list knows
 * it; with و or ل before it too; not with ال before it, nor عبدال alone. */
static void test_joined_abd(void)
{
    alam_error err;
    lexicon *lx = lexicon_new();
    CHECK("load common list",
          lexicon_load_file(lx, "tests/data/gaz/common.tsv", 0, &err) == ALAM_OK);
    CHECK("abd: عبدالفتاح", word_has_class(lx, "عبدالفتاح", CLASS_FIRST_NAME));
    CHECK("abd: after و", word_has_class(lx, "وعبدالعاطي", CLASS_FIRST_NAME));
    CHECK("abd: after ل", word_has_class(lx, "لعبدالقوي", CLASS_FIRST_NAME));
    CHECK("abd: not one letter after", !word_has_class(lx, "عبدالك", CLASS_FIRST_NAME));
    CHECK("abd: not after ال", !word_has_class(lx, "العبدالفتاح", CLASS_FIRST_NAME));
    CHECK("abd: not a plain word", !word_has_class(lx, "معارض", CLASS_FIRST_NAME));
    lexicon_free(lx);
}

int main(void)
{
    alam_error err;
    doc_init(&D);
    L = lexicon_new();
    CHECK("load test list", lexicon_load_file(L, "tests/data/gaz/test.tsv", 0, &err) == ALAM_OK);
    MATCH("bare name", "وصل إلى باريس أمس", "باريس/LOCATION");
    MATCH("longest match wins", "رحبت الولايات المتحدة الأمريكية بالقرار", "الولايات المتحدة الأمريكية/COUNTRY");
    MATCH("shorter phrase when the longer is absent", "قالت الولايات المتحدة إن", "الولايات المتحدة/COUNTRY");
    MATCH("proclitic waw", "وفرنسا", "فرنسا/COUNTRY");
    MATCH("proclitic waw on a phrase", "والولايات المتحدة", "الولايات المتحدة/COUNTRY");
    MATCH("proclitic lam", "توجه لبيروت", "بيروت/LOCATION");
    MATCH("lil: ل + الأمم", "للأمم المتحدة", "لأمم المتحدة/ORG");
    MATCH("whole token beats a stripped one: بغداد", "بغداد", "بغداد/LOCATION");
    MATCH("whole token: وليد", "وليد جنبلاط", "وليد جنبلاط/PERSON");
    MATCH("whole token: فلسطين", "دولة فلسطين", "فلسطين/COUNTRY");
    MATCH("folded spelling", "اسرائيل", "اسرائيل/COUNTRY");
    MATCH("diacritics ignored", "فَرَنْسَا", "فَرَنْسَا/COUNTRY");
    MATCH("label priority: COUNTRY over LOCATION", "الجزائر", "الجزائر/COUNTRY");
    MATCH("punctuation inside a phrase", "غينيا-بيساو", "غينيا-بيساو/COUNTRY");
    MATCH("no match across a line break", "مجلس\nالأمن", "-");
    MATCH("no partial phrase", "الأمم", "-");
    MATCH("article is not stripped for names", "الباريس", "-");
    test_errors();
    test_common_endings();
    test_joined_abd();
    lexicon_free(L);
    doc_free(&D);
    CHECK_DONE();
}
