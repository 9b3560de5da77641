/* main.c - the `alam` command: options, the model, and the run.
 * The CLI alone prints; see cli.h for how a run is organised. */
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
"       alam -o OUTDIR [-r] [OPTIONS] FILE|DIR...\n"
"       alam eval [--scheme anercorp|wojood|plain] [--json] [--errors N] GOLD...\n"
"       alam compile [--data DIR]\n"
"\n"
"Finds people, organizations, countries, locations and dates in Arabic text\n"
"and prints them as JSON.  With no FILE, or FILE '-', reads standard input.\n"
"Each FILE (or the whole input) is one document: one JSON object per line.\n"
"\n"
"Input:\n"
"  -l, --lines            each input line is a document (streaming)\n"
"      --jsonl            each input line is a JSON object; its text field\n"
"                         is annotated and \"entities\" added to the object\n"
"      --text-field F     the text field of --jsonl records (default: text)\n"
"Output:\n"
"      --format FMT       json (default), jsonl, table, conll (TOKEN TAG,\n"
"                         IOB2 over whitespace tokens), brat (.ann beside a\n"
"                         .txt, with -o) or html (a right-to-left page)\n"
"      --offsets MODE     chars (default: code points) or bytes\n"
"      --pretty           indented JSON\n"
"      --explain          the table, with the rule or list behind each entity\n"
"  -o, --output DIR       one output file per input, under DIR\n"
"  -r, --recursive        FILE arguments may be directories (with -o)\n"
"      --skip-existing    with -o: skip inputs whose output exists\n"
"Annotation:\n"
"      --date YYYY-MM-DD  reference date for relative dates and weekdays\n"
"      --hijri CAL        Hijri days to Gregorian by umalqura (default) or\n"
"                         civil (the tabular Islamic calendar)\n"
"      --data DIR         data directory (else $ALAM_DATA, else built-in)\n"
"      --gazetteer FILE   extra list, NAME<TAB>LABEL[<TAB>key=value]...\n"
"                         (repeatable; its entries win over built-in ones)\n"
"Running:\n"
"  -j, --jobs N           threads (default: the number of cores); the\n"
"                         output is the same for every N\n"
"      --progress         show progress even when stderr is no terminal\n"
"  -q, --quiet            no progress, no warnings\n"
"  -h, --help             this help\n"
"      --version          version\n"
"\n"
"alam compile writes DIR/alam.img, the lists compiled for instant loading.\n"
"\n"
"Exit status: 0 ok, 1 an input, record or data file failed (the run goes\n"
"on), 2 misuse.\n", f);
}

static int misuse(const char *fmt, const char *arg)
{
    fprintf(stderr, "alam: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'alam --help'.\n");
    return 2;
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

static int parse_format(const char *s, out_format *f)
{
    static const char *const names[] = {"json", "jsonl", "table", "conll",
                                        "brat", "html"};
    for (int i = 0; i < 6; i++)
        if (!strcmp(s, names[i])) {
            *f = (out_format)i;
            return 0;
        }
    return -1;
}

static int parse_jobs(const char *s, int *jobs)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*s == '\0' || *end || n < 1 || n > 1024)
        return -1;
    *jobs = (int)n;
    return 0;
}

enum { OPT_OFFSETS = 256, OPT_FORMAT, OPT_PRETTY, OPT_DATE, OPT_DATA,
       OPT_GAZ, OPT_VERSION, OPT_JSONL, OPT_FIELD, OPT_SKIP, OPT_PROGRESS,
       OPT_HIJRI, OPT_EXPLAIN };

static const struct option longs[] = {
    {"lines", no_argument, NULL, 'l'},
    {"jsonl", no_argument, NULL, OPT_JSONL},
    {"text-field", required_argument, NULL, OPT_FIELD},
    {"offsets", required_argument, NULL, OPT_OFFSETS},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"pretty", no_argument, NULL, OPT_PRETTY},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"output", required_argument, NULL, 'o'},
    {"recursive", no_argument, NULL, 'r'},
    {"skip-existing", no_argument, NULL, OPT_SKIP},
    {"date", required_argument, NULL, OPT_DATE},
    {"hijri", required_argument, NULL, OPT_HIJRI},
    {"data", required_argument, NULL, OPT_DATA},
    {"gazetteer", required_argument, NULL, OPT_GAZ},
    {"jobs", required_argument, NULL, 'j'},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

/* One option; returns -1 to go on, else an exit code. */
static int take_option(int c, char **argv, cli_opts *o)
{
    switch (c) {
    case 'l': o->mode = IN_LINES; return -1;
    case OPT_JSONL: o->mode = IN_JSONL; return -1;
    case OPT_FIELD: o->text_field = optarg; return -1;
    case OPT_PRETTY: o->pretty = 1; return -1;
    case OPT_EXPLAIN: o->explain = 1; o->format = FMT_TABLE; return -1;
    case 'o': o->outdir = optarg; return -1;
    case 'r': o->recursive = 1; return -1;
    case OPT_SKIP: o->skip_existing = 1; return -1;
    case OPT_DATA: o->data_dir = optarg; return -1;
    case OPT_GAZ: o->lists[o->n_lists++] = optarg; return -1;
    case OPT_PROGRESS: o->progress = 1; return -1;
    case 'q': o->quiet = 1; o->progress = 0; return -1;
    case 'h': usage(stdout); return 0;
    case OPT_VERSION: printf("alam %s\n", alam_version()); return 0;
    case OPT_OFFSETS:
        if (!strcmp(optarg, "bytes") || !strcmp(optarg, "chars")) {
            o->byte_offsets = !strcmp(optarg, "bytes");
            return -1;
        }
        return misuse("--offsets takes chars or bytes, not '%s'", optarg);
    case OPT_FORMAT:
        return parse_format(optarg, &o->format) == 0 ? -1
            : misuse("--format takes json, jsonl, table, conll, brat or html, "
                     "not '%s'", optarg);
    case OPT_DATE:
        return parse_date(optarg, &o->aopts) == 0 ? -1
            : misuse("--date takes YYYY-MM-DD, not '%s'", optarg);
    case OPT_HIJRI:
        if (!strcmp(optarg, "umalqura") || !strcmp(optarg, "civil")) {
            o->aopts.hijri_civil = !strcmp(optarg, "civil");
            return -1;
        }
        return misuse("--hijri takes umalqura or civil, not '%s'", optarg);
    case 'j':
        return parse_jobs(optarg, &o->jobs) == 0 ? -1
            : misuse("--jobs takes a number from 1 to 1024, not '%s'", optarg);
    case ':':
        return misuse("option '%s' needs an argument", argv[optind - 1]);
    default:
        return misuse("unknown option '%s'", argv[optind - 1]);
    }
}

/* Combinations that cannot work. */
static int check_opts(const cli_opts *o)
{
    if (o->format == FMT_BRAT && (!o->outdir || o->mode != IN_DOCS))
        return misuse("--format brat needs -o DIR and whole documents%s", "");
    if ((o->recursive || o->skip_existing) && !o->outdir)
        return misuse("-r and --skip-existing go with -o DIR%s", "");
    if (o->mode == IN_JSONL && o->format != FMT_JSON && o->format != FMT_JSONL)
        return misuse("--jsonl writes JSON records; --format %s does not fit",
                      o->format == FMT_TABLE ? "table" : "that");
    return -1;
}

static int parse_opts(int argc, char **argv, cli_opts *o)
{
    int c, rc;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":lho:rj:q", longs, NULL)) != -1)
        if ((rc = take_option(c, argv, o)) >= 0)
            return rc;
    return check_opts(o);
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

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static int run(cli_opts *o, char **args, int n_args)
{
    alam_model *m = NULL;
    cli_input *in = NULL;
    size_t n_in = 0;
    int rc = 1;
    o->files_named = n_args > 0;
    if (cli_collect_inputs(o, args, n_args, &in, &n_in) < 0)
        cli_message("error", "cannot list the inputs");
    else if (cli_load_model(o->data_dir, o->lists, o->n_lists, &m) == 0)
        rc = cli_pipeline(m, o, in, n_in);
    alam_model_free(m);
    cli_free_inputs(in, n_in);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "eval"))
        return cli_eval(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "compile"))
        return cli_compile(argc - 1, argv + 1);
    cli_opts o = {0};
    o.text_field = "text";
    o.jobs = cores();
    o.progress = -1;
    o.lists = calloc((size_t)argc, sizeof *o.lists);
    if (!o.lists) {
        cli_message("error", "out of memory");
        return 1;
    }
    int rc = parse_opts(argc, argv, &o);
    if (rc < 0) {
        cli_install_signals();
        rc = run(&o, argv + optind, argc - optind);
    }
    free(o.lists);
    return rc;
}
