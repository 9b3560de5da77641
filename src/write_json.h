/* write_json.h - internal: the JSON writer's second way (write_json.c).
 *
 * alam_result_json() writes compact JSON directly and indented JSON
 * through a cJSON tree.  The tree can print compact JSON too: the
 * reference the direct writer must equal byte for byte (tests). */
#ifndef ALAM_WRITE_JSON_H
#define ALAM_WRITE_JSON_H

#include "alam.h"

/* alam_result_json() through cJSON, indented or not by flags. */
alam_status json_via_cjson(const alam_result *r, unsigned flags, char **out);

#endif
