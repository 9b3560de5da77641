/* lexicon_image.h - saving and mapping the compiled gazetteer image. */
#ifndef ALAM_LEXICON_IMAGE_H
#define ALAM_LEXICON_IMAGE_H

#include "lexicon.h"

#define LEXICON_IMAGE_NAME "alam.img"

/* The parts of an image that other modules write and read: their bytes
 * are opaque here, kept in the file's bounds and under its checksum. */
typedef enum {
    IMAGE_RULES,        /* the parsed rules (rules_image_put()) */
    IMAGE_DATES,        /* the date patterns (dates_sources()) */
    IMAGE_NAMES,        /* the letters of name-like words
                           (namelike_image_put()) */
    IMAGE_N_PARTS
} image_part;

typedef struct {
    const void *p;
    size_t n;
} image_blob;

/* Writes every table of lx and the parts (IMAGE_N_PARTS of them),
 * atomically: a temporary name, then rename. */
alam_status lexicon_save_image(const lexicon *lx, const char *path,
                               const char *stamp, const image_blob *parts,
                               alam_error *err);

/* Maps the image at path into an empty lx when it is sound and its stamp
 * equals stamp.  Returns 0, or -1 with the reason in why (missing, corrupt,
 * stale); lx is then unchanged. */
int lexicon_load_image(lexicon *lx, const char *path, const char *stamp,
                       char *why, size_t why_len);

/* Validates an image in memory (owned by the caller, kept alive while lx
 * is used) and points the empty lx into it.  Returns NULL, or the reason
 * it was rejected (lx unchanged). */
const char *lexicon_use_image(lexicon *lx, void *image, size_t len,
                              const char *stamp);

/* The bytes of a part of the image lx maps (unchecked: their reader
 * checks them), or NULL when lx maps no image (read from the lists, or
 * thawed by a user list). */
const void *lexicon_image_part(const lexicon *lx, image_part part,
                               size_t *len);

/* The checksum an image's header must carry (for tests and fuzzing). */
uint64_t lexicon_image_checksum(const void *image, size_t len);

#endif
