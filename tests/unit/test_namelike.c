/* test_namelike.c - the letter n-gram weights of name-like words: reading
 * them (errors with file:line) and weighing a word. */
#include "check.h"
#include "namelike.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/alam-namelike-XXXXXX";

/* Writes text to DIR/name; returns the path (static). */
static const char *write_file(const char *name, const char *text, size_t n)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(text, 1, n, f);
        fclose(f);
    }
    return path;
}

/* Loads text; returns the status, the model in *nl (NULL on error). */
static alam_status load_text(const char *text, size_t n, namelike **nl,
                             alam_error *err)
{
    return namelike_load(write_file("w.ngrams", text, n), nl, err);
}

/* The message of the error text gives, or "" when it loads. */
static const char *error_of(const char *text, size_t n)
{
    static alam_error err;
    namelike *nl = NULL;
    err.message[0] = '\0';
    if (load_text(text, n, &nl, &err) == ALAM_OK) {
        namelike_free(nl);
        return "";
    }
    return err.message;
}

#define ERR_HAS(name, text, want)                                             \
    CHECK(name, strstr(error_of(text, sizeof text - 1), want) != NULL)

static void test_weighing(void)
{
    static const char text[] =
        "# comment\n"
        "_\t-1\n"
        "يو\t5\n"
        "و$\t4\n"
        "^ك\t-20\n"
        "\n"
        "كتب\t-3\r\n";
    alam_error err;
    namelike *nl = NULL;
    CHECK("namelike: loads", load_text(text, sizeof text - 1, &nl, &err) ==
                                 ALAM_OK && nl != NULL);
    /* ^يو$: ^ي(-1) يو(5) و$(4); ^يو(-1) يو$(-1); ^يو$(-1): 5 > 0 */
    CHECK("namelike: a word of name n-grams", namelike_test(nl, "يو", 4));
    /* ^كتب$: ^ك(-20) and nine more unseen or negative: not a name */
    CHECK("namelike: a word of word n-grams", !namelike_test(nl, "كتب", 6));
    /* only unseen n-grams: the unseen weight decides (-1 each) */
    CHECK("namelike: unseen n-grams", !namelike_test(nl, "سلم", 6));
    CHECK("namelike: NULL model", !namelike_test(NULL, "يو", 4));
    char longw[400];
    for (size_t i = 0; i < 100; i++)
        memcpy(longw + 4 * i, "يو", 4);
    CHECK("namelike: a word past the longest scored is no name",
          !namelike_test(nl, longw, 400));
    namelike_free(nl);
}

static void test_errors(void)
{
    namelike *nl = (namelike *)1;
    alam_error err;
    char path[300];
    snprintf(path, sizeof path, "%s/none.ngrams", dir);
    CHECK("namelike: a missing file is no error",
          namelike_load(path, &nl, &err) == ALAM_OK && nl == NULL);
    ERR_HAS("namelike: no tab, with file:line", "_\t1\nيو 5\n",
            "w.ngrams:2: expected NGRAM<TAB>WEIGHT");
    ERR_HAS("namelike: a weight no integer", "يو\t5x\n", ":1: the weight");
    ERR_HAS("namelike: a weight too large", "يو\t40000\n", ":1: the weight");
    ERR_HAS("namelike: an empty weight", "يو\t\n", ":1: the weight");
    ERR_HAS("namelike: an n-gram of five letters", "\nابجده\t1\n",
            ":2: an n-gram is one to four letters");
    ERR_HAS("namelike: an empty n-gram", "\t1\n", ":1: an n-gram");
    ERR_HAS("namelike: invalid UTF-8", "\xd9\t1\n", ":1: an n-gram");
    ERR_HAS("namelike: listed twice", "يو\t1\nيو\t2\n", ":2: the n-gram is "
                                                      "listed twice");
    ERR_HAS("namelike: a NUL byte", "يو\t1\nي\0و\t2\n", ":2: NUL byte");
    CHECK("namelike: an empty file loads", !*error_of("", 0));
    CHECK("namelike: no final newline", !*error_of("يو\t-7", 7));
    CHECK("namelike: a negative weight", !*error_of("يو\t-32768\n", 12));
}

/* A part's head (namelike.c image_head). */
typedef struct {
    uint64_t slots, n;
    int64_t unseen;
} head;

/* The reason a copy of part, its head changed by edit, is refused. */
static const char *refused(const strbuf *part, void (*edit)(head *, size_t *))
{
    static char buf[1 << 20];
    size_t n = part->n;
    namelike *nl = NULL;
    if (n > sizeof buf)
        return "too big";
    memcpy(buf, part->s, n);
    head h;
    memcpy(&h, buf, sizeof h);
    edit(&h, &n);
    memcpy(buf, &h, sizeof h);
    const char *why = namelike_from_image(buf, n, &nl);
    namelike_free(nl);
    return why ? why : "";
}

static void slots_odd(head *h, size_t *n) { (void)n; h->slots = 48; }
static void slots_zero(head *h, size_t *n) { (void)n; h->slots = 0; }
static void slots_huge(head *h, size_t *n) { (void)n; h->slots = 1ull << 40; }
static void size_short(head *h, size_t *n) { (void)h; *n -= 2; }
static void full(head *h, size_t *n) { (void)n; h->n = h->slots; }
static void count_off(head *h, size_t *n) { (void)n; h->n -= 1; }
static void unseen_far(head *h, size_t *n) { (void)n; h->unseen = 1 << 20; }
static void truncated(head *h, size_t *n) { (void)h; *n = 10; }
static void unchanged(head *h, size_t *n) { (void)h; (void)n; }

static void test_image_part(void)
{
    static const char text[] = "_\t-1\nيو\t5\nو$\t4\n^ك\t-20\n";
    static const char *const words[] = {"يو", "كتب", "سلم", "يويو", "كو"};
    alam_error err;
    namelike *nl = NULL, *back = NULL;
    strbuf part = {0}, none = {0};
    load_text(text, sizeof text - 1, &nl, &err);
    CHECK("namelike image: put", namelike_image_put(nl, &part) == 0 &&
                                     part.n > 24);
    CHECK("namelike image: read back",
          !namelike_from_image(part.s, part.n, &back) && back);
    int same = back != NULL;
    for (size_t i = 0; same && i < sizeof words / sizeof *words; i++)
        same = namelike_test(nl, words[i], strlen(words[i])) ==
               namelike_test(back, words[i], strlen(words[i]));
    CHECK("namelike image: weighs words as the file does", same);
    namelike_free(back);
    CHECK("namelike image: no model, empty part",
          namelike_image_put(NULL, &none) == 0 && none.n == 0 &&
              !namelike_from_image(none.s, 0, &back) && !back);
    CHECK("namelike image: slot count no power of two",
          strstr(refused(&part, slots_odd), "slot count"));
    CHECK("namelike image: no slots", strstr(refused(&part, slots_zero),
                                             "slot count"));
    CHECK("namelike image: too many slots",
          strstr(refused(&part, slots_huge), "slot count"));
    CHECK("namelike image: size", strstr(refused(&part, size_short), "size"));
    CHECK("namelike image: no empty slot (lookups would not stop)",
          strstr(refused(&part, full), "empty slot"));
    CHECK("namelike image: count", strstr(refused(&part, count_off),
                                          "count"));
    CHECK("namelike image: unseen weight",
          strstr(refused(&part, unseen_far), "unseen"));
    CHECK("namelike image: truncated", strstr(refused(&part, truncated),
                                              "truncated"));
    CHECK("namelike image: the part unchanged is sound",
          !*refused(&part, unchanged));
    namelike_free(nl);
    free(part.s);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    test_weighing();
    test_errors();
    test_image_part();
    char path[300];
    snprintf(path, sizeof path, "%s/w.ngrams", dir);
    unlink(path);
    rmdir(dir);
    CHECK_DONE();
}
