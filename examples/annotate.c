/* annotate.c - a program that links the installed libalam.
 *
 *   cc annotate.c $(pkg-config --cflags --libs alam) -o annotate
 *   ./annotate "زار الرئيس الفرنسي إيمانويل ماكرون بغداد يوم الخميس"
 *
 * Prints one line per entity: label, code-point offsets, text. */
#include <alam.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    alam_model *model;
    alam_result *res;
    alam_error err;

    if (argc != 2) {
        fprintf(stderr, "usage: annotate TEXT\n");
        return 2;
    }
    if (alam_model_load(NULL, &model, &err) != ALAM_OK) {
        fprintf(stderr, "annotate: %s\n", err.message);
        return 1;
    }
    if (alam_annotate(model, argv[1], strlen(argv[1]), NULL, &res) != ALAM_OK) {
        alam_model_free(model);
        return 1;
    }
    for (size_t i = 0; i < res->count; i++) {
        const alam_entity *e = &res->entities[i];
        printf("%s\t%zu\t%zu\t%.*s\n", alam_label_name(e->label), e->start,
               e->end, (int)e->text_len, e->text);
    }
    alam_result_free(res);
    alam_model_free(model);
    return 0;
}
