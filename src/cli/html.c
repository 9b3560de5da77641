/* html.c - a self-contained right-to-left page: the text with its entities
 * highlighted by label, a legend, and each entity's value and source on
 * hover.  No script and nothing fetched: it opens anywhere. */
#include "cli.h"
#include "../text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void escape(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\n': fputs("<br>\n", out); break;
        default: fputc(s[i], out);
        }
    }
}

/* Text must be valid UTF-8 in a page: invalid bytes become U+FFFD. */
static void escape_text(FILE *out, const char *s, size_t n)
{
    char *clean = text_sanitize(s, n);
    if (clean)
        escape(out, clean, strlen(clean));
    free(clean);
}

void cli_html_begin(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n"
          "<meta charset=\"utf-8\">\n<title>alam: ", out);
    escape_text(out, title, strlen(title));
    fputs("</title>\n<style>\n"
          "body{font-family:'Noto Naskh Arabic','Amiri','DejaVu Sans',serif;"
          "line-height:2;max-width:56em;margin:2em auto;padding:0 1em;"
          "background:#fdfdfb;color:#222}\n"
          "mark{border-radius:.3em;padding:.1em .25em;cursor:help}\n"
          ".PERSON{background:#ffd7a8}.ORG{background:#b9e3ff}"
          ".COUNTRY{background:#c8f0c0}.LOCATION{background:#e2f7d0}"
          ".DATE{background:#eed6ff}\n"
          ".legend{position:sticky;top:0;background:#fdfdfb;padding:.5em 0;"
          "border-bottom:1px solid #ddd}\n.legend mark{margin-left:.5em}\n"
          "section{border-bottom:1px solid #eee;padding:.5em 0}\n"
          "h2{font-size:1em;color:#666;direction:ltr;text-align:left}\n"
          ".error{color:#b00}\n</style>\n</head>\n<body>\n"
          "<div class=\"legend\"><mark class=\"PERSON\">PERSON</mark>"
          "<mark class=\"ORG\">ORG</mark><mark class=\"COUNTRY\">COUNTRY</mark>"
          "<mark class=\"LOCATION\">LOCATION</mark>"
          "<mark class=\"DATE\">DATE</mark></div>\n", out);
}

/* The hover text: label, value or ISO code, and where it came from. */
static void entity_title(FILE *out, const alam_entity *e)
{
    fprintf(out, "%s", alam_label_name(e->label));
    if (e->value)
        fprintf(out, " = %s", e->value);
    if (e->iso)
        fprintf(out, " (%s)", e->iso);
    fprintf(out, " \xE2\x80\x94 %s", alam_source_name(e->source));
    if (e->source_id) {
        fputs(": ", out);
        escape_text(out, e->source_id, strlen(e->source_id));
    }
}

int cli_html_document(FILE *out, const char *text, size_t len,
                      const alam_result *r, const char *name)
{
    size_t at = 0;
    fputs("<section>\n", out);
    if (name) {
        fputs("<h2>", out);
        escape_text(out, name, strlen(name));
        fputs("</h2>\n", out);
    }
    fputs("<p>", out);
    for (size_t i = 0; i < r->count; i++) {
        const alam_entity *e = &r->entities[i];
        escape_text(out, text + at, e->byte_start - at);
        fprintf(out, "<mark class=\"%s\" title=\"", alam_label_name(e->label));
        entity_title(out, e);
        fputs("\">", out);
        escape_text(out, e->text, e->text_len);
        fputs("</mark>", out);
        at = e->byte_end;
    }
    escape_text(out, text + at, len - at);
    fputs("</p>\n</section>\n", out);
    return 0;
}

void cli_html_end(FILE *out)
{
    fputs("</body>\n</html>\n", out);
}
