/*
 * alam.h - named-entity extraction for Arabic political news.
 *
 * The whole public API of libalam.
 *
 * Ownership
 *   - alam_model_load() gives a model that the caller frees with
 *     alam_model_free().  A model is immutable once loaded.
 *   - alam_annotate() gives a result that the caller frees with
 *     alam_result_free().  Entity texts point into the caller's text
 *     (never copies): keep the text alive while you read the result.
 *     The string fields iso, canonical, value, source_id, calendar and
 *     country point into the model or the result and live as long as both do.
 *   - alam_result_json() gives a heap string freed with alam_free().
 *
 * Errors
 *   Every function that can fail returns an alam_status (0 = ALAM_OK,
 *   negative otherwise).  Functions that take an alam_error * fill it with
 *   the status and a readable message (file and line for data errors).
 *   The library never prints and never exits.
 *
 * Threads
 *   One model may be shared by any number of threads calling
 *   alam_annotate() at once: all per-call state lives in the call.
 *   A result belongs to the thread that uses it.
 *
 * Offsets
 *   start/end count Unicode code points, end exclusive; byte_start/byte_end
 *   count bytes.  Each invalid UTF-8 byte counts as one code point (it is
 *   read as U+FFFD).  text[byte_start, byte_end) is the entity's text.
 */
#ifndef ALAM_H
#define ALAM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ALAM_VERSION_MAJOR 0
#define ALAM_VERSION_MINOR 1
#define ALAM_VERSION_PATCH 0
#define ALAM_VERSION_STRING "0.1.0"

#if defined(ALAM_BUILDING) && defined(__GNUC__)
#define ALAM_API __attribute__((visibility("default")))
#else
#define ALAM_API
#endif

/* Status codes.  Values are stable. */
typedef enum {
    ALAM_OK = 0,
    ALAM_ERR_NOMEM = -1,   /* out of memory */
    ALAM_ERR_IO = -2,      /* a file could not be read */
    ALAM_ERR_DATA = -3,    /* a data file is malformed */
    ALAM_ERR_ARG = -4,     /* invalid argument */
    ALAM_ERR_REGEX = -5,   /* a pattern failed to compile or run */
    ALAM_ERR_LIMIT = -6    /* input beyond a documented limit */
} alam_status;

/* Entity labels.  Values are stable. */
typedef enum {
    ALAM_PERSON = 1,
    ALAM_ORG = 2,
    ALAM_COUNTRY = 3,
    ALAM_LOCATION = 4,
    ALAM_DATE = 5
} alam_label;

/* Which stage produced an entity.  Values are stable. */
typedef enum {
    ALAM_SOURCE_LEXICON = 1,   /* a gazetteer entry */
    ALAM_SOURCE_RULE = 2,      /* a context rule or document propagation */
    ALAM_SOURCE_DATE = 3       /* the date grammar */
} alam_source;

typedef struct {
    alam_label label;
    alam_source source;
    size_t start, end;            /* code points, end exclusive */
    size_t byte_start, byte_end;  /* bytes, end exclusive */
    const char *text;             /* = caller's text + byte_start */
    size_t text_len;              /* = byte_end - byte_start */
    const char *iso;        /* COUNTRY: ISO 3166-1 alpha-2, else NULL */
    const char *canonical;  /* canonical name, or NULL */
    const char *value;      /* DATE: ISO 8601 / TIMEX3 value, or NULL */
    const char *source_id;  /* list file or rule id behind it, or NULL */
    const char *calendar;   /* DATE: "islamic" when value counts Hijri
                               years and months (1442-09), else NULL */
    const char *country;    /* ORG: ISO 3166-1 alpha-2 of the state its
                               name ends on (a nationality adjective), or
                               NULL */
} alam_entity;

typedef struct {
    const alam_entity *entities;  /* in text order, never overlapping */
    size_t count;
    size_t invalid_bytes;         /* invalid UTF-8 bytes seen */
    size_t first_invalid;         /* byte offset of the first, if any */
    size_t chars;                 /* length of the text in code points */
} alam_result;

typedef struct alam_model alam_model;

typedef struct {
    alam_status status;
    char message[512];
} alam_error;

/* Where and what to load.  Zero-initialise, then set what you need. */
typedef struct {
    const char *data_dir;              /* NULL: $ALAM_DATA, else built-in */
    const char *const *extra_lists;    /* user gazetteers (same TSV format) */
    size_t n_extra_lists;
} alam_load_options;

/* Per-call options.  Zero-initialise. */
typedef struct {
    int ref_year, ref_month, ref_day;  /* reference date, 0 = none */
    int hijri_civil;   /* Hijri days by the tabular (civil) Islamic
                          calendar instead of Umm al-Qura */
} alam_options;

/* Output flags for alam_result_json(). */
enum {
    ALAM_JSON_BYTE_OFFSETS = 1 << 0,  /* start/end in bytes, not chars */
    ALAM_JSON_PRETTY = 1 << 1         /* indented output */
};

ALAM_API const char *alam_version(void);
ALAM_API const char *alam_strerror(alam_status status);
ALAM_API const char *alam_label_name(alam_label label);
ALAM_API const char *alam_source_name(alam_source source);

/* The data directory compiled into the library (install location). */
ALAM_API const char *alam_default_data_dir(void);

ALAM_API alam_status alam_model_load(const alam_load_options *opts,
                                     alam_model **out, alam_error *err);
ALAM_API void alam_model_free(alam_model *model);

/* Why a loaded model did not use the directory's compiled image (stale or
 * corrupt: the lists were read instead), or NULL. */
ALAM_API const char *alam_model_warning(const alam_model *model);

/* Compiles the lists of data_dir (NULL: as alam_model_load) into
 * data_dir/alam.img, which later loads map instead of parsing the lists. */
ALAM_API alam_status alam_compile(const char *data_dir, alam_error *err);

/* Annotates text[0, len).  The text need not be NUL-terminated, may hold
 * NUL bytes and invalid UTF-8.  opts may be NULL. */
ALAM_API alam_status alam_annotate(const alam_model *model, const char *text,
                                   size_t len, const alam_options *opts,
                                   alam_result **out);
ALAM_API void alam_result_free(alam_result *result);

/* Writes {"entities":[...]} as JSON (one line unless ALAM_JSON_PRETTY,
 * no trailing newline) into a new string freed with alam_free(). */
ALAM_API alam_status alam_result_json(const alam_result *result,
                                      unsigned flags, char **out);
ALAM_API void alam_free(void *p);

#ifdef __cplusplus
}
#endif

#endif /* ALAM_H */
