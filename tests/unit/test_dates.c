/* Unit tests of the date grammar: the table tests/dates/cases.tsv (one
 * check per line: every date found, its span, value and calendar), then a
 * few checks of the stage itself. */
#include "check.h"
#include "dates.h"
#include "normalize.h"

#include <stdlib.h>

#define LINE_MAX_BYTES 2048

static doc D;
static dates *DT;
static lexicon *LX;

/* Every date in s as "span=value[~calendar];..." after resolving overlaps,
 * the way alam_annotate() runs the stage. */
static const char *find(const char *s, const alam_options *o)
{
    static char out[LINE_MAX_BYTES];
    static unsigned char taken[LINE_MAX_BYTES];
    cand_list l = {0};
    size_t c, n = 0;
    doc_tokenize(&D, s, 0, strlen(s), 0, &c);
    doc_normalize(&D, s, NULL);
    lexicon_lookup(LX, &D);
    pcre2_match_data *md = NULL;
    dates_scan(DT, &D, s, o, &md, &l);
    pcre2_match_data_free(md);
    resolve(&l, &D, taken);
    out[0] = '\0';
    for (size_t i = 0; i < l.n && n < sizeof out; i++)
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s=%s%s%s",
                              i ? ";" : "", (int)(l.v[i].b1 - l.v[i].b0),
                              s + l.v[i].b0, l.v[i].value,
                              l.v[i].calendar ? "~" : "",
                              l.v[i].calendar ? l.v[i].calendar : "");
    free(l.v);
    return out;
}

static void check_dates(const char *name, const char *text,
                        const alam_options *o, const char *want)
{
    const char *got = find(text, o);
    CHECK(name, !strcmp(got, want));
    if (strcmp(got, want))
        printf("#   got  %s\n#   want %s\n", got, want);
}

/* OPTIONS column: "YYYY-MM-DD" and/or "civil". */
static void parse_options(const char *s, alam_options *o)
{
    memset(o, 0, sizeof *o);
    if (sscanf(s, "%d-%d-%d", &o->ref_year, &o->ref_month, &o->ref_day) != 3)
        o->ref_year = o->ref_month = o->ref_day = 0;
    o->hijri_civil = strstr(s, "civil") != NULL;
}

/* One line of the table; returns 0 for comments and blank lines. */
static int run_case(char *line, size_t lineno, size_t *cases)
{
    char name[LINE_MAX_BYTES + 32];
    line[strcspn(line, "\r\n")] = '\0';
    if (!line[0] || line[0] == '#')
        return 0;
    char *want = strchr(line, '\t');
    char *opts = want ? strchr(want + 1, '\t') : NULL;
    if (!want) {
        snprintf(name, sizeof name, "cases.tsv:%zu has a tab", lineno);
        CHECK(name, 0);
        return 1;
    }
    *want++ = '\0';
    if (opts)
        *opts++ = '\0';
    alam_options o;
    parse_options(opts ? opts : "", &o);
    snprintf(name, sizeof name, "cases.tsv:%zu %s%s%s", lineno, line,
             opts ? " @" : "", opts ? opts : "");
    check_dates(name, line, opts ? &o : NULL, strcmp(want, "-") ? want : "");
    ++*cases;
    return 1;
}

static void run_table(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[LINE_MAX_BYTES];
    size_t lineno = 0, cases = 0;
    CHECK("cases.tsv opens", f != NULL);
    while (f && fgets(line, sizeof line, f))
        run_case(line, ++lineno, &cases);
    if (f)
        fclose(f);
    CHECK("cases.tsv has at least 190 cases", cases >= 190);
}

int main(int argc, char **argv)
{
    alam_error err;
    alam_options ref = {2021, 7, 22, 0};
    doc_init(&D);
    LX = lexicon_new();
    CHECK("compile date grammar", dates_new(&DT, LX, 0, NULL, 0, &err) == ALAM_OK);
    run_table(argc > 1 ? argv[1] : "tests/dates/cases.tsv");
    /* The same cases with each pattern compiled at its first use. */
    dates_free(DT);
    CHECK("date grammar, compiled when first used", dates_new(&DT, LX, 1, NULL, 0, &err) == ALAM_OK);
    run_table(argc > 1 ? argv[1] : "tests/dates/cases.tsv");
    check_dates("dates inside a longer text", "قال يوم الخميس إن الاتفاق "
                "الموقع في 4 مارس 2021 ينتهي عام 2025.", &ref,
                "يوم الخميس=2021-07-22;4 مارس 2021=2021-03-04;"
                "عام 2025=2025");
    check_dates("no date in plain text", "قال الرئيس إن الحكومة ستعمل", NULL,
                "");
    check_dates("empty text", "", NULL, "");
    check_dates("an invalid reference date is none", "أمس",
                &(alam_options){2021, 2, 30, 0}, "أمس=XXXX-XX-XX");
    dates_free(DT);
    lexicon_free(LX);
    doc_free(&D);
    CHECK_DONE();
}
