/* lexicon_image.h - saving and mapping the compiled gazetteer image. */
#ifndef ALAM_LEXICON_IMAGE_H
#define ALAM_LEXICON_IMAGE_H

#include "lexicon.h"

#define LEXICON_IMAGE_NAME "alam.img"

/* Writes every table of lx (atomically: a temporary name, then rename). */
alam_status lexicon_save_image(const lexicon *lx, const char *path,
                               const char *stamp, alam_error *err);

/* Maps the image at path into an empty lx when it is sound and its stamp
 * equals stamp.  Returns 0, or -1 with the reason in why (missing, corrupt,
 * stale); lx is then unchanged. */
int lexicon_load_image(lexicon *lx, const char *path, const char *stamp,
                       char *why, size_t why_len);

#endif
