/* model.c - loading a model from a data directory, and compiling the
 * directory's lists into an image.
 *
 * A data directory holds gazetteer lists (*.tsv, loaded in name order),
 * context rules (rules/ *.rules) and, once `alam compile` has run,
 * alam.img: the lists' tables, the rules' words, the parsed rules, the
 * date patterns' sources and the letters of name-like words
 * (namelike.ngrams), mapped read-only (so that loading parses no rule file,
 * expands no date template and reads no n-gram line).
 * The image is used only when its stamp (alam and ICU versions, each list's
 * and rule file's name, size and modification time) matches the
 * directory; a stale or
 * corrupt image is never trusted: the lists are read instead and the model
 * carries a warning saying why. */
#include "alam.h"
#include "dates.h"
#include "lexicon.h"
#include "lexicon_image.h"
#include "model.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uversion.h>
#include <unistd.h>

#ifndef ALAM_DATADIR
#define ALAM_DATADIR "/usr/local/share/alam"
#endif

const char *alam_default_data_dir(void)
{
    return ALAM_DATADIR;
}

const char *alam_model_warning(const alam_model *m)
{
    return m && m->warning[0] ? m->warning : NULL;
}

static alam_status set_error(alam_error *err, alam_status st, const char *fmt,
                             ...)
{
    va_list ap;
    err->status = st;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return st;
}

/* ---- the lists of a directory ---- */

typedef struct {
    char **path;
    size_t n, cap;
} list_set;

static void list_set_free(list_set *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->path[i]);
    free(l->path);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_suffix(const char *n, const char *suffix)
{
    size_t len = strlen(n), k = strlen(suffix);
    return n[0] != '.' && len > k && !strcmp(n + len - k, suffix);
}

static int list_push(list_set *l, const char *dir, const char *name)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->path, cap * sizeof *p);
        if (!p)
            return -1;
        l->path = p;
        l->cap = cap;
    }
    size_t len = strlen(dir) + strlen(name) + 2;
    if (!(l->path[l->n] = malloc(len)))
        return -1;
    snprintf(l->path[l->n++], len, "%s/%s", dir, name);
    return 0;
}

/* Every file of dir named *suffix, sorted. */
static alam_status find_files(const char *dir, const char *suffix,
                              list_set *l, alam_error *err)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return set_error(err, ALAM_ERR_IO, "cannot open data directory %s: %s",
                         dir, strerror(errno));
    alam_status st = ALAM_OK;
    for (struct dirent *e; st == ALAM_OK && (e = readdir(dp));)
        if (has_suffix(e->d_name, suffix) && list_push(l, dir, e->d_name) < 0)
            st = set_error(err, ALAM_ERR_NOMEM, "out of memory");
    closedir(dp);
    if (l->n)
        qsort(l->path, l->n, sizeof *l->path, cmp_str);
    return st;
}

/* Every *.tsv directly in dir. */
static alam_status find_lists(const char *dir, list_set *l, alam_error *err)
{
    alam_status st = find_files(dir, ".tsv", l, err);
    if (st == ALAM_OK && l->n == 0)
        st = set_error(err, ALAM_ERR_DATA, "no gazetteer lists (*.tsv) in %s",
                       dir);
    return st;
}

static void rules_dir(const char *dir, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/rules", dir);
}

static void names_path(const char *dir, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/namelike.ngrams", dir);
}

/* The lists, the letters of name-like words (when there), then the rule
 * files (none when dir has no rules/). */
static alam_status find_inputs(const char *dir, list_set *l, alam_error *err)
{
    char rd[4200], np[4200];
    struct stat st;
    list_set r = {0};
    alam_status s = find_lists(dir, l, err);
    names_path(dir, np, sizeof np);
    if (s == ALAM_OK && stat(np, &st) == 0 &&
        list_push(l, dir, strrchr(np, '/') + 1) < 0)
        s = set_error(err, ALAM_ERR_NOMEM, "out of memory");
    rules_dir(dir, rd, sizeof rd);
    if (s == ALAM_OK && stat(rd, &st) == 0)
        s = find_files(rd, ".rules", &r, err);
    for (size_t i = 0; s == ALAM_OK && i < r.n; i++) {
        if (list_push(l, rd, strrchr(r.path[i], '/') + 1) < 0)
            s = set_error(err, ALAM_ERR_NOMEM, "out of memory");
    }
    list_set_free(&r);
    return s;
}

/* What an image built from these lists must carry; malloc'd. */
static char *make_stamp(const list_set *l)
{
    size_t cap = 128 + l->n * 320, len;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    len = (size_t)snprintf(s, cap, "alam %s icu %s image\n", ALAM_VERSION_STRING,
                           U_ICU_VERSION);
    for (size_t i = 0; i < l->n && len < cap; i++) {
        struct stat st;
        const char *name = strrchr(l->path[i], '/') + 1;
        if (has_suffix(name, ".rules"))
            name -= strlen("rules/");
        if (stat(l->path[i], &st) != 0)
            memset(&st, 0, sizeof st);
        len += (size_t)snprintf(s + len, cap - len, "%.200s %lld %lld.%09ld\n",
                                name, (long long)st.st_size,
                                (long long)st.st_mtim.tv_sec,
                                (long)st.st_mtim.tv_nsec);
    }
    return s;
}

static alam_status load_lists(lexicon *lx, const list_set *l, alam_error *err)
{
    alam_status st = ALAM_OK;
    for (size_t i = 0; st == ALAM_OK && i < l->n; i++)
        if (has_suffix(l->path[i], ".tsv"))
            st = lexicon_load_file(lx, l->path[i], 0, err);
    return st;
}

/* ---- the model ---- */

static const char *pick_data_dir(const char *dir)
{
    const char *env = getenv("ALAM_DATA");
    if (dir && *dir)
        return dir;
    return env && *env ? env : ALAM_DATADIR;
}

static void image_path(const char *dir, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", dir, LEXICON_IMAGE_NAME);
}

/* What a model is made of besides the lists: the parsed rules and the
 * date patterns' sources.  From a sound image they are copied out at once
 * (a user list thaws the lexicon, which drops the mapping); else the rules
 * are parsed from the rule files, the date patterns expanded from their
 * templates. */
typedef struct {
    rule_set_src rules;
    strbuf dates;           /* empty: not from an image */
} model_src;

static void model_src_free(model_src *ms)
{
    rule_set_src_free(&ms->rules);
    free(ms->dates.s);
    memset(ms, 0, sizeof *ms);
}

/* The error of a part of dir's image that is unsound for reason why. */
static alam_status image_error(const char *dir, const char *why,
                               alam_error *err)
{
    char path[4200];
    image_path(dir, path, sizeof path);
    return set_error(err, !strcmp(why, "out of memory") ? ALAM_ERR_NOMEM
                                                        : ALAM_ERR_DATA,
                     "%s: %s", path, why);
}

/* The parts the image lx maps keeps, into ms; an error naming the image
 * when one is malformed. */
static alam_status image_parts(const lexicon *lx, const char *dir,
                               model_src *ms, alam_error *err)
{
    char rd[4200];
    size_t n, n_dates;
    const void *p = lexicon_image_part(lx, IMAGE_RULES, &n);
    const void *dates = lexicon_image_part(lx, IMAGE_DATES, &n_dates);
    rules_dir(dir, rd, sizeof rd);
    const char *why = rules_image_get(p, n, rd, &ms->rules);
    if (!why && !n_dates)
        why = "no date patterns";
    if (!why)
        strbuf_put(&ms->dates, dates, n_dates);
    if (!why && ms->dates.failed)
        why = "out of memory";
    if (!why)
        return ALAM_OK;
    return image_error(dir, why, err);
}

/* The letter n-gram weights of name-like words (namelike.h): the image's
 * copy, else their file. */
static alam_status load_names(alam_model *m, const char *dir, alam_error *err)
{
    char path[4200];
    size_t n;
    const void *p = m->from_image
                  ? lexicon_image_part(m->lex, IMAGE_NAMES, &n) : NULL;
    if (!p) {
        names_path(dir, path, sizeof path);
        return namelike_load(path, &m->names, err);
    }
    const char *why = namelike_from_image(p, n, &m->names);
    if (!why)
        return ALAM_OK;
    return image_error(dir, why, err);
}

/* The built-in part of a model: the image when sound (with the parts it
 * keeps, into ms), else the lists. */
static alam_status load_base(alam_model *m, const char *dir, int use_image,
                             model_src *ms, alam_error *err)
{
    list_set l = {0};
    char path[4200];
    alam_status st = find_inputs(dir, &l, err);
    char *stamp = st == ALAM_OK ? make_stamp(&l) : NULL;
    if (st == ALAM_OK && !stamp)
        st = set_error(err, ALAM_ERR_NOMEM, "out of memory");
    image_path(dir, path, sizeof path);
    if (st == ALAM_OK && use_image && access(path, F_OK) == 0 &&
        lexicon_load_image(m->lex, path, stamp, m->warning,
                           sizeof m->warning) == 0) {
        m->from_image = 1;
        st = image_parts(m->lex, dir, ms, err);
    } else if (st == ALAM_OK)
        st = load_lists(m->lex, &l, err);
    free(stamp);
    list_set_free(&l);
    return st;
}

static void model_free_parts(alam_model *m)
{
    lexicon_free(m->lex);
    dates_free(m->dates);
    rules_free(m->rules);
    namelike_free(m->names);
    m->lex = NULL;
    m->dates = NULL;
    m->rules = NULL;
    m->names = NULL;
}

/* The model of o's directory; ms receives what it is made of besides the
 * lists (from the image, or the parsed rule files). */
static alam_status model_build(alam_model *m, const alam_load_options *o,
                               int use_image, model_src *ms, alam_error *err)
{
    char rd[4200];
    const char *dir = pick_data_dir(o ? o->data_dir : NULL);
    if (!(m->lex = lexicon_new()))
        return set_error(err, ALAM_ERR_NOMEM, "out of memory");
    alam_status st = load_base(m, dir, use_image, ms, err);
    if (st == ALAM_OK)      /* before a user list thaws the image */
        st = load_names(m, dir, err);
    for (size_t i = 0; st == ALAM_OK && o && i < o->n_extra_lists; i++)
        st = lexicon_load_file(m->lex, o->extra_lists[i], 1, err);
    if (st == ALAM_OK)
        st = dates_new(&m->dates, m->lex, m->from_image, ms->dates.s,
                       ms->dates.n, err);
    rules_dir(dir, rd, sizeof rd);
    if (st == ALAM_OK && !m->from_image)
        st = rules_parse_dir(rd, &ms->rules, err);
    if (st == ALAM_OK)
        st = rules_build(&m->rules, m->lex, &ms->rules, m->from_image, err);
    if (st == ALAM_OK && lexicon_build_filter(m->lex) < 0)
        st = set_error(err, ALAM_ERR_NOMEM, "out of memory");
    return st;
}

alam_status alam_model_load(const alam_load_options *opts, alam_model **out,
                            alam_error *err)
{
    alam_error dummy;
    if (!err)
        err = &dummy;
    err->status = ALAM_OK;
    err->message[0] = '\0';
    if (!out)
        return set_error(err, ALAM_ERR_ARG, "alam_model_load: out is NULL");
    *out = NULL;
    alam_model *m = calloc(1, sizeof *m);
    if (!m)
        return set_error(err, ALAM_ERR_NOMEM, "out of memory");
    model_src ms = {0};
    alam_status st = model_build(m, opts, 1, &ms, err);
    model_src_free(&ms);
    if (st != ALAM_OK && m->from_image) {
        /* An image that disagrees with this build: read the lists. */
        snprintf(m->warning, sizeof m->warning, "%s", err->message);
        model_free_parts(m);
        m->from_image = 0;
        st = model_build(m, opts, 0, &ms, err);
        model_src_free(&ms);
    }
    if (st != ALAM_OK) {
        alam_model_free(m);
        return st;
    }
    *out = m;
    return ALAM_OK;
}

void alam_model_free(alam_model *m)
{
    if (!m)
        return;
    model_free_parts(m);
    free(m);
}

/* The image of the model m built from dir, with the parts ms. */
static alam_status save_image(alam_model *m, const char *dir, model_src *ms,
                              alam_error *err)
{
    char path[4200], rd[4200];
    list_set l = {0};
    char *stamp = NULL;
    strbuf rules = {0}, dates = {0}, names = {0};
    rules_dir(dir, rd, sizeof rd);
    alam_status st = find_inputs(dir, &l, err);
    if (st == ALAM_OK && (!(stamp = make_stamp(&l)) ||
                          rules_image_put(&ms->rules, rd, &rules) < 0 ||
                          dates_sources(m->dates, &dates) < 0 ||
                          namelike_image_put(m->names, &names) < 0))
        st = set_error(err, ALAM_ERR_NOMEM, "out of memory");
    image_blob parts[IMAGE_N_PARTS] = {[IMAGE_RULES] = {rules.s, rules.n},
                                       [IMAGE_DATES] = {dates.s, dates.n},
                                       [IMAGE_NAMES] = {names.s, names.n}};
    image_path(dir, path, sizeof path);
    if (st == ALAM_OK)
        st = lexicon_save_image(m->lex, path, stamp, parts, err);
    free(rules.s);
    free(dates.s);
    free(names.s);
    free(stamp);
    list_set_free(&l);
    return st;
}

alam_status alam_compile(const char *data_dir, alam_error *err)
{
    alam_error dummy;
    alam_model m = {0};
    alam_load_options o = {0};
    model_src ms = {0};
    if (!err)
        err = &dummy;
    o.data_dir = pick_data_dir(data_dir);
    alam_status st = model_build(&m, &o, 0, &ms, err);
    if (st == ALAM_OK)
        st = save_image(&m, o.data_dir, &ms, err);
    model_src_free(&ms);
    model_free_parts(&m);
    return st;
}
