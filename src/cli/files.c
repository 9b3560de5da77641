/* files.c - the inputs named on the command line, the directory trees of
 * -r, and output files written under a temporary name and renamed only
 * when complete (a signal removes the temporary file: an interrupted run
 * leaves only whole files behind). */
#define _DEFAULT_SOURCE    /* DT_DIR, d_type */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file being written, for the signal handler. */
static char tmp_path[4200];
static volatile sig_atomic_t tmp_live;

static void on_signal(int sig)
{
    if (tmp_live)
        unlink(tmp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

void cli_install_signals(void)
{
    signal(SIGPIPE, SIG_IGN);     /* a closed pipe is EPIPE, handled */
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
}

/* Makes every directory above path. */
static int make_parents(const char *path)
{
    char buf[4200];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

FILE *cli_target_open(const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dir = slash ? (size_t)(slash - target + 1) : 0;
    if (make_parents(target) < 0)
        return NULL;
    tmp_live = 0;
    snprintf(tmp_path, sizeof tmp_path, "%.*s.%s.tmp%ld", (int)dir, target,
             target + dir, (long)getpid());
    FILE *f = fopen(tmp_path, "wb");
    tmp_live = f != NULL;
    return f;
}

int cli_target_commit(FILE *f, const char *target)
{
    int rc = ferror(f) | fclose(f);
    if (rc == 0 && rename(tmp_path, target) == 0) {
        tmp_live = 0;
        return 0;
    }
    int e = errno;
    unlink(tmp_path);
    tmp_live = 0;
    errno = e ? e : EIO;
    return -1;
}

void cli_target_abort(FILE *f)
{
    if (f)
        fclose(f);
    unlink(tmp_path);
    tmp_live = 0;
}

/* ---- inputs ---- */

typedef struct {
    cli_input *v;
    size_t n, cap;
} input_list;

static const char *extension(out_format f)
{
    static const char *const ext[] = {".json", ".jsonl", ".txt", ".conll",
                                      ".ann", ".html"};
    return ext[f];
}

/* OUTDIR/REL with REL's last extension replaced by the format's. */
static char *target_of(const cli_opts *o, const char *rel)
{
    while (rel[0] == '/' || (rel[0] == '.' && rel[1] == '/'))
        rel += rel[0] == '/' ? 1 : 2;
    size_t n = strlen(rel);
    const char *dot = strrchr(rel, '.'), *slash = strrchr(rel, '/');
    if (dot && (!slash || dot > slash + 1))
        n = (size_t)(dot - rel);
    size_t len = strlen(o->outdir) + n + 16;
    char *t = malloc(len);
    if (t)
        snprintf(t, len, "%s/%.*s%s", o->outdir, (int)n, rel,
                 extension(o->format));
    return t;
}

static int add_input(input_list *l, const cli_opts *o, const char *path,
                     const char *rel)
{
    struct stat st;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        cli_input *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    cli_input *in = &l->v[l->n];
    memset(in, 0, sizeof *in);
    if (!(in->path = strdup(path)))
        return -1;
    in->shown = strcmp(path, "-") ? in->path : "<stdin>";
    in->size = -1;
    if (strcmp(path, "-") ? stat(path, &st) == 0 : fstat(0, &st) == 0)
        in->size = S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
    if (o->outdir && !(in->target = target_of(o, rel))) {
        free((char *)in->path);
        return -1;
    }
    if (o->skip_existing && in->target && access(in->target, F_OK) == 0) {
        free((char *)in->path);
        free(in->target);
        return 0;
    }
    l->n++;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(input_list *l, const cli_opts *o, const char *dir,
                size_t root_len);

/* The entries of dir in name order, so every run sees the same order. */
static int walk_entries(input_list *l, const cli_opts *o, const char *dir,
                        size_t root_len, char **names, size_t n)
{
    int rc = 0;
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct stat st;
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *p = malloc(len);
        if (!p)
            return -1;
        snprintf(p, len, "%s/%s", dir, names[i]);
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
            rc = walk(l, o, p, root_len);
        else if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
            rc = add_input(l, o, p, p + root_len);
        free(p);
    }
    return rc;
}

static int walk(input_list *l, const cli_opts *o, const char *dir,
                size_t root_len)
{
    DIR *dp = opendir(dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    if (!dp) {
        cli_message("error", "%s: %s", dir, strerror(errno));
        return -1;
    }
    for (struct dirent *e; rc == 0 && (e = readdir(dp));) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) { rc = -1; break; }
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name)))
            rc = -1;
        else
            n++;
    }
    closedir(dp);
    if (rc == 0)
        rc = walk_entries(l, o, dir, root_len, names, n);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int cli_collect_inputs(const cli_opts *o, char **args, int n_args,
                       cli_input **out, size_t *n_out)
{
    input_list l = {0};
    int rc = 0;
    if (n_args == 0)
        rc = add_input(&l, o, "-", "stdin");
    for (int i = 0; i < n_args && rc == 0; i++) {
        struct stat st;
        if (o->recursive && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = walk(&l, o, args[i], strlen(args[i]) + 1);
        else
            rc = add_input(&l, o, args[i], args[i]);
    }
    if (rc < 0) {
        cli_free_inputs(l.v, l.n);
        return -1;
    }
    *out = l.v;
    *n_out = l.n;
    return 0;
}

void cli_free_inputs(cli_input *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free((char *)in[i].path);
        free(in[i].target);
    }
    free(in);
}
