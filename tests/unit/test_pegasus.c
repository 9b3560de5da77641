/* The sample article: alam must find at least 90% of the reader's entities
 * (same label, overlapping span) at 90% precision or better, with the
 * project's real gazetteers.  Prints what it missed and what it added. */
#include "check.h"
#include "alam.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
        fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* Index of the first unused predicted entity that overlaps g with its label. */
static int find(const alam_result *r, const cJSON *g, unsigned char *used)
{
    const char *label = cJSON_GetObjectItem(g, "label")->valuestring;
    size_t s = (size_t)cJSON_GetObjectItem(g, "start")->valuedouble;
    size_t e = (size_t)cJSON_GetObjectItem(g, "end")->valuedouble;
    for (size_t i = 0; i < r->count; i++) {
        const alam_entity *p = &r->entities[i];
        if (!used[i] && p->start < e && s < p->end &&
            !strcmp(alam_label_name(p->label), label))
            return (int)i;
    }
    return -1;
}

/* The sentences of the core issue, with the real gazetteers. */
static void issue_sentences(const alam_model *m)
{
    static const char *const s[] = {
        "زار الرئيس الفرنسي إيمانويل ماكرون بغداد يوم الخميس",
        "وصل الوفد إلى الرياض ثم توجه لبيروت وبغداد",
    };
    static const char *const want[] = {
        "PERSON 19 34 إيمانويل ماكرون|LOCATION 35 40 بغداد|DATE 41 51 يوم الخميس|",
        "LOCATION 14 20 الرياض|LOCATION 30 35 بيروت|LOCATION 37 42 بغداد|",
    };
    for (int k = 0; k < 2; k++) {
        char got[512] = "";
        size_t n = 0;
        alam_result *r = NULL;
        alam_annotate(m, s[k], strlen(s[k]), NULL, &r);
        for (size_t i = 0; r && i < r->count; i++) {
            const alam_entity *e = &r->entities[i];
            n += (size_t)snprintf(got + n, sizeof got - n, "%s %zu %zu %.*s|",
                                  alam_label_name(e->label), e->start, e->end,
                                  (int)e->text_len, e->text);
        }
        CHECK(k ? "issue sentence 2 with real lists" : "issue sentence 1 with real lists",
              !strcmp(got, want[k]));
        if (strcmp(got, want[k]))
            printf("#   got %s\n", got);
        alam_result_free(r);
    }
}

int main(void)
{
    size_t tlen, jlen;
    char *text = slurp("examples/pegasus.txt", &tlen);
    char *json = slurp("examples/pegasus.expected.json", &jlen);
    cJSON *gold = json ? cJSON_Parse(json) : NULL;
    alam_load_options lo = {0};
    alam_model *m = NULL;
    alam_result *r = NULL;
    alam_error err;
    lo.data_dir = "gazetteers";
    CHECK("sample and expected entities readable", text && gold);
    CHECK("model loads from gazetteers/", alam_model_load(&lo, &m, &err) == ALAM_OK);
    if (!text || !gold || !m || alam_annotate(m, text, tlen, NULL, &r) != ALAM_OK)
        return 1;
    issue_sentences(m);
    const cJSON *ents = cJSON_GetObjectItem(gold, "entities");
    unsigned char *used = calloc(r->count + 1, 1);
    int n_gold = cJSON_GetArraySize(ents), found = 0;
    for (int i = 0; i < n_gold; i++) {
        const cJSON *g = cJSON_GetArrayItem(ents, i);
        int k = find(r, g, used);
        if (k >= 0) {
            used[k] = 1;
            found++;
        } else {
            printf("# missed %s %s\n", cJSON_GetObjectItem(g, "label")->valuestring,
                   cJSON_GetObjectItem(g, "text")->valuestring);
        }
    }
    for (size_t i = 0; i < r->count; i++)
        if (!used[i])
            printf("# spurious %s %.*s\n", alam_label_name(r->entities[i].label),
                   (int)r->entities[i].text_len, r->entities[i].text);
    printf("# recall %d/%d, precision %d/%zu\n", found, n_gold, found, r->count);
    CHECK("sample recall >= 90%", found * 10 >= n_gold * 9);
    CHECK("sample precision >= 90%", (size_t)found * 10 >= r->count * 9);
    free(used);
    alam_result_free(r);
    alam_model_free(m);
    cJSON_Delete(gold);
    free(text);
    free(json);
    CHECK_DONE();
}
