/* test_namelike.c - the letter n-gram weights of name-like words: reading
 * them (errors with file:line) and weighing a word. */
#include "check.h"
#include "namelike.h"

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

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    test_weighing();
    test_errors();
    char path[300];
    snprintf(path, sizeof path, "%s/w.ngrams", dir);
    unlink(path);
    rmdir(dir);
    CHECK_DONE();
}
