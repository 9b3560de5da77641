/* Unit tests: the prefilter of a rule (rules_prefilter.c) never refuses a
 * start where the rule's regex matches.  Every anchored rule is tried with
 * its regex alone at every token (rules_try()) of the sentences of the
 * rule tests, annotated with the project's rules and lists, and of random
 * tokens; then made-up rules over random tokens.  A match the prefilter
 * refuses fails the test; the test also asks that matches happen and that
 * the prefilter refuses something, so that it proves something. */
#include "check.h"
#include "lexicon.h"
#include "normalize.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    long tries, matches, refused, missed;   /* missed: refused matches */
} tally;

static unsigned char *SIG;
static size_t CAP;
static pcre2_match_data *MD;

/* Every anchored rule of r at every token of ti[0, n). */
static void try_all(const rules *r, const tok_info *ti, size_t n, tally *t)
{
    for (size_t k = 0; k < rules_count(r); k++)
        for (size_t i = 0; i < n; i++) {
            int fits = 0, m = rules_try(r, k, ti, n, i, &SIG, &CAP, MD, &fits);
            if (m < 0)
                break;              /* not anchored */
            t->tries++;
            t->matches += m;
            t->refused += !fits;
            t->missed += m && !fits;
            if (m && !fits)
                printf("# refused a match of rule %zu at token %zu\n", k, i);
        }
}

/* ---- the project's rules over the sentences of their tests ---- */

static lexicon *project_lexicon(void)
{
    static const char *const files[] = {
        "gazetteers/triggers.tsv", "gazetteers/common-words.tsv",
        "tests/rules/lists/test-lists.tsv"};
    alam_error err;
    lexicon *lx = lexicon_new();
    for (size_t i = 0; lx && i < sizeof files / sizeof *files; i++)
        if (lexicon_load_file(lx, files[i], 0, &err) != ALAM_OK) {
            printf("# %s\n", err.message);
            lexicon_free(lx);
            return NULL;
        }
    return lx;
}

/* The sentences (first column) of a rule test file, each classified and
 * tried. */
static void sentences(const rules *r, const lexicon *lx,
                      const namelike *nl, const char *path, tally *t)
{
    char line[8192];
    FILE *f = fopen(path, "r");
    doc d;
    doc_init(&d);
    while (f && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\t\n"), c;
        if (line[0] == '#' || !n)
            continue;
        line[n] = '\0';
        doc_tokenize(&d, line, 0, n, 0, &c);
        doc_normalize(&d, line, NULL);
        lexicon_lookup(lx, &d);
        tok_info *ti = calloc(d.n ? d.n : 1, sizeof *ti);
        rules_classify(lx, nl, &d, ti);
        try_all(r, ti, d.n, t);
        free(ti);
    }
    if (f)
        fclose(f);
    doc_free(&d);
}

/* ---- random tokens ---- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* n tokens, each with every bit of pool at odds 1 in 3, one kind bit,
 * a literal code up to max_lit at odds 1 in 4, a line break at odds 1 in
 * 40. */
static void random_tokens(tok_info *ti, size_t n, uint64_t pool, int max_lit)
{
    static const int kinds[] = {TC_ARABIC, TC_ARABIC, TC_ARABIC, TC_PUNCT,
                                TC_NUMBER, TC_LATIN};
    for (size_t i = 0; i < n; i++) {
        uint64_t b = 0;
        for (int c = 0; c < TC_COUNT; c++)
            if ((pool >> c & 1) && next_rand() % 3 == 0)
                b |= 1ull << c;
        b |= 1ull << kinds[next_rand() % 6];
        if (next_rand() % 40 == 0)
            b |= 1ull << TC_LINE;
        ti[i] = (tok_info){.bits = b};
        if (max_lit && next_rand() % 4 == 0)
            ti[i].literal = (uint8_t)(1 + next_rand() % (uint64_t)max_lit);
    }
}

static void random_runs(const rules *r, uint64_t pool, int max_lit, int runs,
                        tally *t)
{
    tok_info ti[24];
    for (int k = 0; k < runs; k++) {
        random_tokens(ti, 24, pool, max_lit);
        try_all(r, ti, 24, t);
    }
}

static int max_code(const rule_set_src *s)
{
    int m = 0;
    for (size_t i = 0; i < s->n_lit; i++)
        if (s->lit_code[i] > m)
            m = s->lit_code[i];
    return m;
}

/* The bits the rules of s test first, second or anywhere in a prefilter:
 * random tokens drawn from them match more often. */
static uint64_t tested_bits(const rule_set_src *s)
{
    uint64_t b = 0;
    for (size_t i = 0; i < s->n; i++)
        for (int p = 0; p < s->v[i].pre.n; p++)
            for (int j = 0; j < s->v[i].pre.p[p].len; j++) {
                const pre_test *t = &s->v[i].pre.p[p].t[j];
                for (int c = 0; c < t->n_clauses; c++)
                    b |= t->any[c];
            }
    return b;
}

static void report(const char *what, const tally *t)
{
    char name[200];
    printf("# %s: %ld tries, %ld matches, %ld refused\n", what, t->tries,
           t->matches, t->refused);
    snprintf(name, sizeof name, "%s: no match refused", what);
    CHECK(name, t->missed == 0);
    snprintf(name, sizeof name, "%s: matches and refusals to check", what);
    CHECK(name, t->matches > 0 && t->refused > 0);
}

/* ---- made-up rules ---- */

static const char *const MADE_UP =
    "class NAMEW = UNKNOWN | FIRST_NAME & !COMMON\n"
    "class ADJ = ART & (COMMON | UNKNOWN) & !TITLE\n"
    "pattern BETWEEN = ([ADJ] | COUNTRY){0,2} NISBA?\n"
    "rule t.title PERSON 50\n"
    "    [TITLE] BETWEEN <NAMEW{1,3}>\n"
    "rule t.words PERSON 50\n"
    "    (\"قال\" | \"أكد\") [PUNCT]? <[NAMEW & !PREP]> (?=\"إن\" | [END])\n"
    "rule t.phrase ORG 50\n"
    "    ORG_HEAD <[UNKNOWN] ([CONJ] [UNKNOWN])*> (?![ART])\n"
    "rule t.star LOCATION 50\n"
    "    [LOC_HEAD] [ARABIC & !PUNCT]{0,3} [PUNCT] <[UNKNOWN | LATIN]+> [NUMBER]?\n"
    "rule t.nested PERSON 50\n"
    "    ([TITLE] | [SPEECH_VERB] [ART]?) ((?=[FIRST_NAME]) | [NISBA]) <[FIRST_NAME] [UNKNOWN]?> [PUNCT | END]\n"
    "rule t.opt PERSON 50\n"
    "    [FIRST_NAME & !ART] <([NAME_PARTICLE] | \"بن\") [UNKNOWN]{2}>? [UNKNOWN]\n"
    "rule t.look PERSON 50\n"
    "    [TITLE] (?<=[ARABIC]) <PERSON> (?=[NISBA] [ART]) [NISBA]\n"
    "rule t.many PERSON 50\n"
    "    [TITLE] ([ART] | [COMMON] | [NISBA] | [COUNTRY] | [ORG] | [LOCATION] | [UNKNOWN] |"
    " [PUNCT] | [END] | [QUOTE]){0,4} <[FIRST_NAME] [UNKNOWN]>\n";

static void made_up(tally *t)
{
    char dir[64], path[96];
    alam_error err;
    rule_set_src s = {0};
    rules *r = NULL;
    lexicon *lx = lexicon_new();
    snprintf(dir, sizeof dir, "/tmp/alam-prefilter-%ld", (long)getpid());
    snprintf(path, sizeof path, "%s/made-up.rules", dir);
    mkdir(dir, 0700);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(MADE_UP, f);
        fclose(f);
    }
    CHECK("parse the made-up rules", rules_parse_dir(dir, &s, &err) == ALAM_OK);
    CHECK("build the made-up rules", rules_build(&r, lx, &s, 0, &err) == ALAM_OK);
    uint64_t pool = tested_bits(&s) | 1ull << TC_ART | 1ull << TC_END;
    random_runs(r, pool, max_code(&s), 10000, t);
    rules_free(r);
    rule_set_src_free(&s);
    lexicon_free(lx);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    alam_error err;
    rule_set_src s = {0};
    rules *r = NULL;
    lexicon *lx = project_lexicon();
    namelike *names = NULL;
    tally text = {0}, rnd = {0}, made = {0};
    MD = pcre2_match_data_create(8, NULL);
    CHECK("load the rule tests' lists", lx != NULL);
    CHECK("load the letters of name-like words",
          namelike_load("gazetteers/namelike.ngrams", &names, &err) ==
              ALAM_OK && names);
    CHECK("parse the project's rules",
          rules_parse_dir("gazetteers/rules", &s, &err) == ALAM_OK);
    CHECK("build the project's rules",
          lx && rules_build(&r, lx, &s, 0, &err) == ALAM_OK);
    if (r) {
        static const char *const tests[] = {
            "tests/rules/person.tsv", "tests/rules/org.tsv",
            "tests/rules/location.tsv", "tests/rules/propagation.tsv"};
        for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
            sentences(r, lx, names, tests[i], &text);
        report("the project's rules on their test sentences", &text);
        random_runs(r, tested_bits(&s), max_code(&s), 2000, &rnd);
        report("the project's rules on random tokens", &rnd);
    }
    made_up(&made);
    report("made-up rules on random tokens", &made);
    rules_free(r);
    namelike_free(names);
    rule_set_src_free(&s);
    lexicon_free(lx);
    pcre2_match_data_free(MD);
    free(SIG);
    CHECK_DONE();
}
