/* Unit tests: the compiled gazetteer image - used when sound, and never
 * trusted when stale, corrupt or truncated (the lists are read instead). */
#include "check.h"
#include "alam.h"
#include "lexicon_image.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64], img[96], tsv[96];

static const char *const text = "قال بيني غانتس في باريس إن فرنسا والولايات المتحدة";

/* Loads the model of dir and annotates text: "LABEL text|..." */
static const char *run(const char **warning, const char *const *extra, size_t n)
{
    static char out[1024];
    alam_load_options lo = {dir, extra, n};
    alam_model *m = NULL;
    alam_result *r = NULL;
    alam_error err;
    size_t o = 0;
    out[0] = '\0';
    static char warn[700];
    if (alam_model_load(&lo, &m, &err) != ALAM_OK) {
        snprintf(out, sizeof out, "load failed: %s", err.message);
        return out;
    }
    snprintf(warn, sizeof warn, "%s", alam_model_warning(m) ? alam_model_warning(m) : "");
    *warning = warn;
    alam_annotate(m, text, strlen(text), NULL, &r);
    for (size_t i = 0; r && i < r->count; i++)
        o += (size_t)snprintf(out + o, sizeof out - o, "%s %.*s|",
                              alam_label_name(r->entities[i].label),
                              (int)r->entities[i].text_len, r->entities[i].text);
    alam_result_free(r);
    alam_model_free(m);
    return out;
}

static void poke(long at, int byte)
{
    FILE *f = fopen(img, "r+b");
    fseek(f, at, at < 0 ? SEEK_END : SEEK_SET);
    fputc(byte, f);
    fclose(f);
}

/* Sets byte at of section id of the image to v ^ what it was (v 0: to
 * 0x7f), and writes the checksum the header must carry: a part that only
 * its reader's checks can refuse. */
static void poke_part(int id, size_t at, int v)
{
    FILE *f = fopen(img, "rb");
    unsigned char *b = malloc(1 << 24);
    size_t n = f ? fread(b, 1, 1 << 24, f) : 0;
    uint64_t off;
    if (f)
        fclose(f);
    memcpy(&off, b + 40 + (size_t)(id - 1) * 24 + 8, 8);
    b[off + at] = (unsigned char)(v ? b[off + at] ^ v : 0x7f);
    uint64_t sum = lexicon_image_checksum(b, n);
    memcpy(b + 24, &sum, 8);
    f = fopen(img, "wb");
    fwrite(b, 1, n, f);
    fclose(f);
    free(b);
}

int main(void)
{
    const char *w;
    alam_error err;
    snprintf(dir, sizeof dir, "/tmp/alam-image-%ld", (long)getpid());
    snprintf(img, sizeof img, "%s/alam.img", dir);
    snprintf(tsv, sizeof tsv, "%s/test.tsv", dir);
    mkdir(dir, 0700);
    copy_file("tests/data/gaz/test.tsv", tsv);

    char want[1024];
    snprintf(want, sizeof want, "%s", run(&w, NULL, 0));
    CHECK("lists alone: no warning, entities found", !*w && strstr(want, "COUNTRY فرنسا|"));

    CHECK("compile writes the image", alam_compile(dir, &err) == ALAM_OK && access(img, F_OK) == 0);
    CHECK("the image gives the same entities", !strcmp(run(&w, NULL, 0), want) && !*w);

    const char *extra[] = {"tests/data/gaz/test.tsv"};
    CHECK("a user list loads on top of the image", !strcmp(run(&w, extra, 1), want) && !*w);

    poke(4000, 0x5A);
    CHECK("a corrupt image is not used", !strcmp(run(&w, NULL, 0), want) && strstr(w, "checksum"));

    alam_compile(dir, &err);
    truncate(img, 1000);
    CHECK("a truncated image is not used", !strcmp(run(&w, NULL, 0), want) && strstr(w, "size"));

    FILE *f = fopen(img, "wb");
    fputs("this is not an image at all, just some text", f);
    fclose(f);
    CHECK("a foreign file is not used", !strcmp(run(&w, NULL, 0), want) && strstr(w, "not an alam image"));

    alam_compile(dir, &err);
    f = fopen(tsv, "ab");
    fputs("غانتس\tLOCATION\n", f);
    fclose(f);
    CHECK("a stale image is not used, the changed list is",
          strstr(run(&w, NULL, 0), "LOCATION باريس") && strstr(w, "stale"));

    /* Rules: from a sound image they are compiled at their first use. */
    char rdir[128], rfile[160];
    snprintf(rdir, sizeof rdir, "%s/rules", dir);
    snprintf(rfile, sizeof rfile, "%s/t.rules", rdir);
    mkdir(rdir, 0700);
    f = fopen(rfile, "wb");
    fputs("rule test.said LOCATION 60\n    \"قال\" <.>\n", f);
    fclose(f);
    snprintf(want, sizeof want, "%s", run(&w, NULL, 0));
    CHECK("rules from the files: a rule's entity", strstr(want, "LOCATION بيني|") != NULL);
    CHECK("compile with rules", alam_compile(dir, &err) == ALAM_OK);
    CHECK("the image's rules, compiled when first used, give the same entities",
          !strcmp(run(&w, NULL, 0), want) && !*w);
    CHECK("... and with a user list on top",
          !strcmp(run(&w, extra, 1), want) && !*w);
    poke_part(8, 0, 0);
    CHECK("an image whose rules section is malformed is not used",
          !strcmp(run(&w, NULL, 0), want) && strstr(w, "rules section"));
    alam_compile(dir, &err);
    poke_part(9, 0, 1);
    CHECK("an image whose date patterns were made from other words is not used",
          !strcmp(run(&w, NULL, 0), want) && strstr(w, "date patterns"));
    alam_compile(dir, &err);
    CHECK("compiled again, the image is used", !strcmp(run(&w, NULL, 0), want) && !*w);
    unlink(rfile);
    rmdir(rdir);

    unlink(img);
    unlink(tsv);
    rmdir(dir);
    CHECK_DONE();
}
