/* Unit tests: the public API end to end, the JSON writer, threads. */
#include "check.h"
#include "alam.h"

#include <pthread.h>
#include <stdlib.h>

static alam_model *M;

static alam_result *annotate(const char *s)
{
    alam_result *r = NULL;
    alam_annotate(M, s, strlen(s), NULL, &r);
    return r;
}

static void test_load(void)
{
    alam_load_options lo = {0};
    alam_error err;
    alam_model *m = (alam_model *)1;
    lo.data_dir = "tests/data/nowhere";
    CHECK("missing data dir is an IO error",
          alam_model_load(&lo, &m, &err) == ALAM_ERR_IO && m == NULL &&
          strstr(err.message, "tests/data/nowhere"));
    lo.data_dir = "tests/data/bad";
    CHECK("malformed list is a data error naming file:line",
          alam_model_load(&lo, &m, &err) == ALAM_ERR_DATA &&
          strstr(err.message, ".tsv:1: "));
    const char *extra[] = {"tests/data/bad/label.tsv"};
    lo.data_dir = "tests/data/gaz";
    lo.extra_lists = extra;
    lo.n_extra_lists = 1;
    CHECK("malformed user list is reported",
          alam_model_load(&lo, &m, &err) == ALAM_ERR_DATA &&
          strstr(err.message, "label.tsv:2: unknown label"));
    CHECK("NULL out is an argument error", alam_model_load(&lo, NULL, &err) == ALAM_ERR_ARG);
}

static void test_offsets(void)
{
    const char *s = "زار الرئيس الفرنسي إيمانويل ماكرون بغداد يوم الخميس";
    alam_result *r = annotate(s);
    CHECK("three entities", r && r->count == 3);
    if (!r || r->count != 3)
        return;
    const alam_entity *e = r->entities;
    CHECK("person span", e[0].label == ALAM_PERSON && e[0].start == 19 && e[0].end == 34 &&
          span_is(e[0].text, e[0].text_len, "إيمانويل ماكرون"));
    CHECK("byte offsets agree with text", e[1].text == s + e[1].byte_start &&
          e[1].byte_end - e[1].byte_start == e[1].text_len);
    CHECK("date with value", e[2].label == ALAM_DATE && e[2].value &&
          !strcmp(e[2].value, "XXXX-WXX-4") && e[2].source == ALAM_SOURCE_DATE);
    CHECK("result counts characters", r->chars == 51);
    alam_result_free(r);
}

static void test_json(void)
{
    alam_entity e = {0};
    const char text[] = "a\"b\\c\x01\xff";
    e.label = ALAM_ORG;
    e.source = ALAM_SOURCE_LEXICON;
    e.end = 7;
    e.byte_end = sizeof text - 1;
    e.text = text;
    e.text_len = sizeof text - 1;
    e.iso = "FR";
    alam_result r = {&e, 1, 0, 0, 7};
    char *json = NULL;
    CHECK("writer succeeds", alam_result_json(&r, 0, &json) == ALAM_OK && json);
    CHECK("quotes, backslash, controls escaped; invalid byte as U+FFFD",
          json && !strcmp(json, "{\"entities\":[{\"start\":0,\"end\":7,\"label\":\"ORG\","
                                "\"text\":\"a\\\"b\\\\c\\u0001\xEF\xBF\xBD\",\"source\":\"lexicon\","
                                "\"iso\":\"FR\"}]}"));
    if (json)
        printf("# %s\n", json);
    alam_free(json);
    e.byte_start = 3;
    e.byte_end = 9;
    CHECK("byte offsets on request", alam_result_json(&r, ALAM_JSON_BYTE_OFFSETS, &json) == ALAM_OK &&
          strstr(json, "\"start\":3,\"end\":9"));
    alam_free(json);
}

static void test_bad_input(void)
{
    alam_result *r = NULL;
    const char s[] = "\xff\xfe\0باريس\xc0";
    CHECK("invalid bytes and NUL are annotated",
          alam_annotate(M, s, sizeof s - 1, NULL, &r) == ALAM_OK && r->count == 1 &&
          r->invalid_bytes == 3 && r->first_invalid == 0 && r->entities[0].start == 3);
    alam_result_free(r);
    CHECK("empty text", alam_annotate(M, "", 0, NULL, &r) == ALAM_OK && r->count == 0);
    alam_result_free(r);
    CHECK("NULL text with length is an error", alam_annotate(M, NULL, 3, NULL, &r) == ALAM_ERR_ARG && !r);
    CHECK("NULL model is an error", alam_annotate(NULL, "x", 1, NULL, &r) == ALAM_ERR_ARG);
}

/* A long text crosses window boundaries: offsets stay exact. */
static void test_long(void)
{
    const char *unit = "زار بيني غانتس باريس. ";
    size_t ul = strlen(unit), reps = 20000;
    char *s = malloc(ul * reps + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(s + i * ul, unit, ul);
    s[ul * reps] = '\0';
    alam_result *r = NULL;
    alam_annotate(M, s, ul * reps, NULL, &r);
    int ok = r && r->count == 2 * reps;
    for (size_t i = 0; ok && i < r->count; i++) {
        const alam_entity *e = &r->entities[i];
        ok = e->byte_start == (i / 2) * ul + (i % 2 ? 27 : 7) &&
             e->start == (i / 2) * 22 + (i % 2 ? 15 : 4);
    }
    CHECK("long text: every entity found at its exact offset", ok);
    alam_result_free(r);
    free(s);
}

static void *worker(void *arg)
{
    const char *s = arg;
    char *first = NULL;
    int same = 1;
    for (int i = 0; i < 200 && same; i++) {
        alam_result *r = annotate(s);
        char *json = NULL;
        alam_result_json(r, 0, &json);
        if (!first)
            first = json;
        else {
            same = json && !strcmp(first, json);
            alam_free(json);
        }
        alam_result_free(r);
    }
    alam_free(first);
    return same ? arg : NULL;
}

static void test_threads(void)
{
    pthread_t th[4];
    const char *s = "قالت فرنسا والولايات المتحدة في 4 مارس 2021 إن بيني غانتس زار باريس";
    int ok = 1;
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, worker, (void *)s);
    for (int i = 0; i < 4; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        ok = ok && ret == s;
    }
    CHECK("four threads share one model, same results", ok);
}

int main(void)
{
    alam_load_options lo = {0};
    alam_error err;
    lo.data_dir = "tests/data/gaz";
    CHECK("version agrees with the header", !strcmp(alam_version(), ALAM_VERSION_STRING));
    CHECK("load test model", alam_model_load(&lo, &M, &err) == ALAM_OK);
    if (!M) {
        printf("# %s\n", err.message);
        return 1;
    }
    test_load();
    test_offsets();
    test_json();
    test_bad_input();
    test_long();
    test_threads();
    alam_model_free(M);
    CHECK_DONE();
}
