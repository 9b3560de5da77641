/* Unit tests: the parsed rules kept in the compiled image (rules_image.c).
 * The project's rules read back from their bytes, and from an image that
 * `alam compile` wrote, equal the rules parsed from the files; truncated
 * or corrupted bytes are refused. */
#include "check.h"
#include "alam.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define RULES "gazetteers/rules"

static int test_eq(const pre_test *a, const pre_test *b)
{
    if (a->forb != b->forb || a->n_clauses != b->n_clauses ||
        memcmp(a->lit, b->lit, RULE_WORD_BYTES))
        return 0;
    for (int k = 0; k < PRE_CLAUSES; k++)
        if (a->any[k] != b->any[k])
            return 0;
    return 1;
}

/* The prefilters are the same, path by path and test by test. */
static int pre_eq(const pre_set *a, const pre_set *b)
{
    if (a->n != b->n)
        return 0;
    for (int i = 0; i < a->n; i++) {
        if (a->p[i].len != b->p[i].len || a->p[i].open != b->p[i].open)
            return 0;
        for (int j = 0; j < a->p[i].len; j++)
            if (!test_eq(&a->p[i].t[j], &b->p[i].t[j]))
                return 0;
    }
    return 1;
}

static int rule_eq(const rule_src *a, const rule_src *b)
{
    return !strcmp(a->id, b->id) && a->label == b->label &&
           a->priority == b->priority && !strcmp(a->regex, b->regex) &&
           a->trigger == b->trigger && a->reject == b->reject &&
           a->anchored == b->anchored && a->has_second == b->has_second &&
           a->second == b->second &&
           !memcmp(a->trigger_lit, b->trigger_lit, sizeof a->trigger_lit) &&
           !memcmp(a->second_lit, b->second_lit, sizeof a->second_lit) &&
           pre_eq(&a->pre, &b->pre) && !strcmp(a->where, b->where);
}

/* Everything rules_build() reads is the same. */
static int set_eq(const rule_set_src *a, const rule_set_src *b)
{
    if (a->n != b->n || a->n_lit != b->n_lit)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (!rule_eq(&a->v[i], &b->v[i]))
            return 0;
    for (size_t i = 0; i < a->n_lit; i++)
        if (strcmp(a->lit[i], b->lit[i]) || a->lit_code[i] != b->lit_code[i])
            return 0;
    return 1;
}

/* Does rules_image_get() refuse b[0, n)? */
static int refused(const char *b, size_t n)
{
    rule_set_src s = {0};
    const char *why = rules_image_get(b, n, RULES, &s);
    int empty = s.n == 0 && s.v == NULL && s.lit == NULL;
    rule_set_src_free(&s);
    return why != NULL && empty;
}

/* A copy of the bytes with byte at set to v. */
static int refused_with(const strbuf *b, size_t at, unsigned char v)
{
    char *c = malloc(b->n);
    memcpy(c, b->s, b->n);
    c[at] = (char)v;
    int r = refused(c, b->n);
    free(c);
    return r;
}

/* Every prefix up to 4 KiB, then one in 997: all refused. */
static int prefixes_refused(const strbuf *b)
{
    for (size_t n = 0; n < b->n; n += n < 4096 ? 1 : 997)
        if (!refused(b->s, n))
            return 0;
    return 1;
}

static int has_words(const uint8_t *set)
{
    for (int w = 0; w < RULE_WORD_BYTES; w++)
        if (set[w])
            return 1;
    return 0;
}

/* Walks rule r, written at *at, as put_rule() wrote it: *at moves past
 * it; returns the place of the first set of words its prefilter holds,
 * or 0. */
static size_t walk_rule(const rule_src *r, size_t *at, const uint8_t **set)
{
    size_t words = 0;
    *at += strlen(r->id) + 1 + strlen(r->regex) + 1 +
           strlen(r->where) - strlen(RULES "/") + 1 + 12 + 24 + 2 * RULE_WORD_BYTES + 4;
    for (int i = 0; i < r->pre.n; i++) {
        *at += 8;
        for (int j = 0; j < r->pre.p[i].len; j++) {
            const pre_test *t = &r->pre.p[i].t[j];
            *at += 12 + 8 * (size_t)t->n_clauses + (t->n_clauses ? 4 : 0);
            if (has_words(t->lit)) {
                if (!words)
                    *set = t->lit;
                words = words ? words : *at;
                *at += RULE_WORD_BYTES;
            }
        }
    }
    return words;
}

/* A set of words past the last code, and an empty one, are refused. */
static void words_corrupted(const strbuf *b, const rule_set_src *parsed)
{
    size_t at = 40, words = 0;
    const uint8_t *set = NULL;
    for (size_t i = 0; i < parsed->n && !words; i++)
        words = walk_rule(&parsed->v[i], &at, &set);
    CHECK("a prefilter tests words, found where it was written",
          words > 0 && !memcmp(b->s + words, set, RULE_WORD_BYTES));
    at = words;
    if (!at)
        return;
    CHECK("a prefilter's literal code past the last is refused",
          refused_with(b, at + RULE_WORD_BYTES - 1, 0x80));
    char *c = malloc(b->n);
    memcpy(c, b->s, b->n);
    memset(c + at, 0, RULE_WORD_BYTES);
    CHECK("a prefilter's empty set of words is refused", refused(c, b->n));
    free(c);
}

static void corruptions(const strbuf *b, const rule_set_src *parsed)
{
    /* header: version, TC_COUNT, RULE_WIDTH, RULE_LIT_BASE, RULE_WORD_BYTES,
     * PRE_TOKENS, PRE_PATHS, PRE_CLAUSES, rules, words; then the first
     * rule: its id, regex, place... */
    size_t id = 40, re = id + strlen(parsed->v[0].id) + 1;
    size_t where = re + strlen(parsed->v[0].regex) + 1;
    size_t label = where + strlen(parsed->v[0].where) - strlen(RULES "/") + 1;
    /* ... its prefilter: paths, then the first path's length, open, then
     * its first test: forb, clauses, their bits, the word flag */
    size_t pre = label + 12 + 24 + 2 * RULE_WORD_BYTES, path = pre + 4;
    size_t test = path + 8;
    size_t flag = test + 12 + 8 * (size_t)parsed->v[0].pre.p[0].t[0].n_clauses;
    CHECK("a section of another format version is refused", refused_with(b, 0, 0x7f));
    CHECK("a section for another encoding is refused", refused_with(b, 4, 0x7f));
    CHECK("a section for other prefilter bounds is refused", refused_with(b, 20, 0x7f));
    CHECK("a rule count past the bytes is refused", refused_with(b, 35, 0x7f));
    CHECK("a word count past the limit is refused", refused_with(b, 39, 0x7f));
    CHECK("a rule id in capitals is refused", refused_with(b, id, 'X'));
    CHECK("an empty rule id is refused", refused_with(b, id, 0));
    CHECK("a regex without its end is refused", refused_with(b, where - 1, 'x'));
    CHECK("a label past LOCATION is refused", refused_with(b, label, 9));
    CHECK("a priority past 100 is refused", refused_with(b, label + 4, 101));
    CHECK("unknown flags are refused", refused_with(b, label + 8, 4));
    CHECK("a literal code past the last is refused",
          refused_with(b, label + 12 + 24 + RULE_WORD_BYTES - 1, 0x80));
    CHECK("the first path has a test to corrupt", parsed->v[0].pre.p[0].len > 0 &&
                                                  parsed->v[0].pre.p[0].t[0].n_clauses > 0);
    CHECK("a prefilter of no path is refused", refused_with(b, pre, 0));
    CHECK("a prefilter of too many paths is refused", refused_with(b, pre, PRE_PATHS + 1));
    CHECK("a path of too many tests is refused", refused_with(b, path, PRE_TOKENS + 1));
    CHECK("a path neither open nor closed is refused", refused_with(b, path + 4, 2));
    CHECK("a test of too many clauses is refused", refused_with(b, test + 8, PRE_CLAUSES + 1));
    CHECK("a test's word flag past 1 is refused", refused_with(b, flag, 2));
    words_corrupted(b, parsed);
    CHECK("a word code of 0 is refused", refused_with(b, b->n - 4, 0));
    CHECK("a word without its end is refused", refused_with(b, b->n - 5, 'x'));
    CHECK("every truncation is refused", prefixes_refused(b));
    strbuf longer = {0};
    strbuf_put(&longer, b->s, b->n);
    strbuf_put(&longer, "", 1);
    CHECK("bytes past the last word are refused", refused(longer.s, longer.n));
    free(longer.s);
    CHECK("no bytes are refused", refused(NULL, 0));
}

/* The rules section of the image file at path, read back. */
static const char *rules_of_image(const char *path, const char *dir,
                                  rule_set_src *out)
{
    static char buf[1 << 20];
    FILE *f = fopen(path, "rb");
    uint64_t off = 0, count = 0;
    size_t n = 0;
    const size_t header = 40, section = 24, rules_id = 8;
    if (f && fseek(f, (long)(header + (rules_id - 1) * section + 8), SEEK_SET) == 0 &&
        fread(&off, 8, 1, f) == 1 && fread(&count, 8, 1, f) == 1 &&
        count <= sizeof buf && fseek(f, (long)off, SEEK_SET) == 0)
        n = fread(buf, 1, (size_t)count, f);
    if (f)
        fclose(f);
    return n == count && n ? rules_image_get(buf, n, dir, out) : "unreadable";
}

/* alam compile over the test list and the project's rules, then the
 * image's rules against the files'. */
static void compiled_image(void)
{
    char dir[64], rd[96], path[160], img[96];
    alam_error err;
    const char *const files[] = {"location.rules", "org.rules", "person.rules"};
    snprintf(dir, sizeof dir, "/tmp/alam-rules-image-%ld", (long)getpid());
    snprintf(rd, sizeof rd, "%s/rules", dir);
    snprintf(img, sizeof img, "%s/alam.img", dir);
    mkdir(dir, 0700);
    mkdir(rd, 0700);
    snprintf(path, sizeof path, "%s/test.tsv", dir);
    copy_file("tests/data/gaz/test.tsv", path);
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, RULES "/%s", files[i]);
        char to[160];
        snprintf(to, sizeof to, "%s/%s", rd, files[i]);
        copy_file(path, to);
    }
    rule_set_src parsed = {0}, kept = {0};
    CHECK("compile the test list with the project's rules",
          alam_compile(dir, &err) == ALAM_OK);
    CHECK("parse the copied rules", rules_parse_dir(rd, &parsed, &err) == ALAM_OK);
    CHECK("the image's rules section reads back", !rules_of_image(img, rd, &kept));
    CHECK("the rules from the image are the rules parsed", set_eq(&parsed, &kept));
    rule_set_src_free(&parsed);
    rule_set_src_free(&kept);
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", rd, files[i]);
        unlink(path);
    }
    rmdir(rd);
    unlink(img);
    snprintf(path, sizeof path, "%s/test.tsv", dir);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    alam_error err;
    rule_set_src parsed = {0}, back = {0}, moved = {0};
    strbuf b = {0};
    CHECK("parse the project's rules", rules_parse_dir(RULES, &parsed, &err) == ALAM_OK &&
                                           parsed.n > 0 && parsed.n_lit > 0);
    CHECK("write them as the image keeps them", rules_image_put(&parsed, RULES, &b) == 0);
    CHECK("read them back", !rules_image_get(b.s, b.n, RULES, &back));
    CHECK("the rules read back are the rules parsed", set_eq(&parsed, &back));
    CHECK("read from another directory",
          !rules_image_get(b.s, b.n, "/elsewhere/rules", &moved) && moved.n == parsed.n);
    CHECK("a rule's place names the directory it is read from",
          !strncmp(moved.v[0].where, "/elsewhere/rules/", 17) &&
          !strcmp(moved.v[0].where + 17, parsed.v[0].where + strlen(RULES "/")));
    corruptions(&b, &parsed);
    rule_set_src_free(&parsed);
    rule_set_src_free(&back);
    rule_set_src_free(&moved);
    free(b.s);
    compiled_image();
    CHECK_DONE();
}
