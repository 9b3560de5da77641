/* main.c - the `alam` command: options, input modes, exit codes.
 * The only code that prints. */
#include "alam.h"
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { FMT_JSON, FMT_TABLE, FMT_CONLL } out_format;

typedef struct {
    const char *data_dir;
    const char **lists;          /* --gazetteer files */
    size_t n_lists;
    int lines;
    int pretty;
    int byte_offsets;
    int explain;
    out_format format;
    int n_files_named;
    alam_options aopts;
} cli_opts;

typedef struct {
    const cli_opts *o;
    alam_model *model;
    int failed;
} run;

void cli_message(const char *kind, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "alam: %s: ", kind);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void usage(FILE *f)
{
    fputs(
"usage: alam [OPTIONS] [FILE...]\n"
"       alam eval [--scheme anercorp|wojood|plain] [--json] [--errors N] GOLD...\n"
"       alam compile [--data DIR]\n"
"\n"
"Finds people, organizations, countries, locations and dates in Arabic text\n"
"and prints them as JSON.  With no FILE, or FILE '-', reads standard input.\n"
"Each FILE (or the whole input) is one document: one JSON object per line.\n"
"\n"
"  -l, --lines            each input line is a document (streaming)\n"
"      --offsets MODE     chars (default: code points) or bytes\n"
"      --format FMT       json (default), table (readable) or conll\n"
"                         (TOKEN TAG, IOB2 over whitespace tokens)\n"
"      --pretty           indented JSON\n"
"      --explain          the table, with the rule or list behind each entity\n"
"      --date YYYY-MM-DD  reference date for relative dates and weekdays\n"
"      --data DIR         data directory (else $ALAM_DATA, else built-in)\n"
"      --gazetteer FILE   extra list, NAME<TAB>LABEL[<TAB>key=value]...\n"
"                         (repeatable; its entries win over built-in ones)\n"
"  -h, --help             this help\n"
"      --version          version\n"
"\n"
"\n"
"alam compile writes DIR/alam.img, the lists compiled for instant loading.\n"
"\n"
"Exit status: 0 ok, 1 an input or data file failed, 2 misuse.\n", f);
}

static int parse_date(const char *s, alam_options *o)
{
    int y, m, d;
    char extra;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || y < 1000 ||
        m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    o->ref_year = y;
    o->ref_month = m;
    o->ref_day = d;
    return 0;
}

enum { OPT_OFFSETS = 256, OPT_FORMAT, OPT_PRETTY, OPT_DATE, OPT_DATA,
       OPT_GAZ, OPT_VERSION, OPT_EXPLAIN };

static int misuse(const char *fmt, const char *arg)
{
    fprintf(stderr, "alam: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'alam --help'.\n");
    return 2;
}

/* Returns -1 to go on, else an exit code. */
static int parse_opts(int argc, char **argv, cli_opts *o)
{
    static const struct option longs[] = {
        {"lines", no_argument, NULL, 'l'},
        {"offsets", required_argument, NULL, OPT_OFFSETS},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"pretty", no_argument, NULL, OPT_PRETTY},
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        {"date", required_argument, NULL, OPT_DATE},
        {"data", required_argument, NULL, OPT_DATA},
        {"gazetteer", required_argument, NULL, OPT_GAZ},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":lh", longs, NULL)) != -1) {
        switch (c) {
        case 'l': o->lines = 1; break;
        case OPT_PRETTY: o->pretty = 1; break;
        case OPT_EXPLAIN: o->explain = 1; o->format = FMT_TABLE; break;
        case OPT_DATA: o->data_dir = optarg; break;
        case 'h': usage(stdout); return 0;
        case OPT_VERSION: printf("alam %s\n", alam_version()); return 0;
        case OPT_OFFSETS:
            if (!strcmp(optarg, "bytes")) o->byte_offsets = 1;
            else if (strcmp(optarg, "chars"))
                return misuse("--offsets takes chars or bytes, not '%s'", optarg);
            break;
        case OPT_FORMAT:
            if (!strcmp(optarg, "table")) o->format = FMT_TABLE;
            else if (!strcmp(optarg, "conll")) o->format = FMT_CONLL;
            else if (strcmp(optarg, "json"))
                return misuse("--format takes json, table or conll, not '%s'",
                              optarg);
            break;
        case OPT_DATE:
            if (parse_date(optarg, &o->aopts) < 0)
                return misuse("--date takes YYYY-MM-DD, not '%s'", optarg);
            break;
        case OPT_GAZ:
            o->lists[o->n_lists++] = optarg;
            break;
        case ':':
            return misuse("option '%s' needs an argument", argv[optind - 1]);
        default:
            return misuse("unknown option '%s'", argv[optind - 1]);
        }
    }
    return -1;
}

/* The data directory: --data, $ALAM_DATA, the build tree's gazetteers/
 * beside the binary, then the built-in install location. */
static const char *cli_data_dir(const char *dir, char *buf, size_t cap)
{
    struct stat st;
    if (dir)
        return dir;
    if (getenv("ALAM_DATA") && *getenv("ALAM_DATA"))
        return getenv("ALAM_DATA");
    ssize_t n = readlink("/proc/self/exe", buf, cap - 32);
    if (n > 0) {
        buf[n] = '\0';
        char *slash = strrchr(buf, '/');
        if (slash) {
            strcpy(slash, "/../gazetteers");
            if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
                return buf;
        }
    }
    return alam_default_data_dir();
}

int cli_load_model(const char *dir, const char *const *lists, size_t n_lists,
                   alam_model **m)
{
    char buf[PATH_MAX + 32];
    alam_load_options lo = {cli_data_dir(dir, buf, sizeof buf), lists, n_lists};
    alam_error err;
    if (alam_model_load(&lo, m, &err) != ALAM_OK) {
        cli_message("error", "%s", err.message);
        return -1;
    }
    if (alam_model_warning(*m))
        cli_message("warning", "%s; read the lists instead (run 'alam compile')",
                    alam_model_warning(*m));
    return 0;
}

/* Prints the result of one document; name is NULL unless files are named. */
static int emit(const run *r, const alam_result *res, const char *text,
                size_t len, const char *name)
{
    if (r->o->format == FMT_TABLE)
        return cli_write_table(stdout, res, name, r->o->byte_offsets,
                               r->o->explain);
    if (r->o->format == FMT_CONLL)
        return cli_write_conll(stdout, text, len, res);
    unsigned flags = (r->o->byte_offsets ? ALAM_JSON_BYTE_OFFSETS : 0) |
                     (r->o->pretty ? ALAM_JSON_PRETTY : 0);
    char *json;
    if (alam_result_json(res, flags, &json) != ALAM_OK)
        return -1;
    if (name) {
        char *q = cli_json_string(name);
        if (!q) {
            alam_free(json);
            return -1;
        }
        printf("{\"file\":%s,%s\n", q, json + 1);
        free(q);
    } else {
        printf("%s\n", json);
    }
    alam_free(json);
    return 0;
}

/* Annotates one document; where names it in messages. */
static void annotate(run *r, const char *text, size_t len, const char *name,
                     const char *where)
{
    alam_result *res;
    alam_status st = alam_annotate(r->model, text, len, &r->o->aopts, &res);
    if (st != ALAM_OK) {
        cli_message("error", "%s: %s", where, alam_strerror(st));
        if (r->o->format == FMT_JSON)
            cli_write_error(stdout, name, alam_strerror(st));
        else if (r->o->format == FMT_CONLL)
            putchar('\n');         /* an empty document keeps the count */
        r->failed = 1;
        return;
    }
    if (res->invalid_bytes)
        cli_message("warning", "%s: invalid UTF-8 at byte %zu (%zu bytes read "
                    "as U+FFFD)", where, res->first_invalid, res->invalid_bytes);
    if (emit(r, res, text, len, name) < 0) {
        cli_message("error", "%s: out of memory", where);
        r->failed = 1;
    }
    alam_result_free(res);
}

static void run_lines(run *r, FILE *f, const char *fname)
{
    char *line = NULL, where[64 + PATH_MAX];
    size_t cap = 0, lineno = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) >= 0) {
        size_t n = (size_t)got;
        lineno++;
        if (n && line[n - 1] == '\n')
            n--;
        if (n && line[n - 1] == '\r')
            n--;
        snprintf(where, sizeof where, "%s: line %zu", fname, lineno);
        annotate(r, line, n, NULL, where);
    }
    if (ferror(f)) {
        cli_message("error", "%s: %s", fname, strerror(errno));
        r->failed = 1;
    }
    free(line);
}

static void run_file(run *r, const char *path)
{
    int is_stdin = !strcmp(path, "-");
    const char *shown = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_message("error", "%s: %s", path, strerror(errno));
        r->failed = 1;
        return;
    }
    if (r->o->lines) {
        run_lines(r, f, shown);
    } else {
        size_t len;
        char *text = cli_read_all(f, &len);
        if (!text) {
            cli_message("error", "%s: %s", shown,
                        errno ? strerror(errno) : "read error");
            r->failed = 1;
        } else {
            annotate(r, text, len, r->o->n_files_named ? path : NULL, shown);
        }
        free(text);
    }
    if (!is_stdin)
        fclose(f);
}

static int finish_output(int failed)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_message("error", "writing output: %s", strerror(errno));
        return 1;
    }
    return failed ? 1 : 0;
}

/* `alam compile [--data DIR]`. */
int cli_compile(int argc, char **argv)
{
    char buf[PATH_MAX + 32];
    const char *dir = NULL;
    alam_error err;
    if (argc == 3 && !strcmp(argv[1], "--data"))
        dir = argv[2];
    else if (argc != 1)
        return misuse("usage: alam compile [--data DIR]%s", "");
    dir = cli_data_dir(dir, buf, sizeof buf);
    if (alam_compile(dir, &err) != ALAM_OK) {
        cli_message("error", "%s", err.message);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "eval"))
        return cli_eval(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "compile"))
        return cli_compile(argc - 1, argv + 1);
    cli_opts o = {0};
    o.lists = calloc((size_t)argc, sizeof *o.lists);
    if (!o.lists)
        return 1;
    int rc = parse_opts(argc, argv, &o);
    if (rc >= 0) {
        free(o.lists);
        return rc;
    }
    run r = {&o, NULL, 0};
    if (cli_load_model(o.data_dir, o.lists, o.n_lists, &r.model) < 0) {
        free(o.lists);
        return 1;
    }
    o.n_files_named = argc - optind > 0;
    if (optind >= argc)
        run_file(&r, "-");
    for (int i = optind; i < argc; i++)
        run_file(&r, argv[i]);
    alam_model_free(r.model);
    free(o.lists);
    return finish_output(r.failed);
}
