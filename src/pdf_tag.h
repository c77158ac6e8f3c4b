/* A tagged PDF (PDF/UA-1 structure): marked content around everything the
 * pages show, a structure tree built from doc.elems in reading order, and
 * the catalog entries and XMP metadata that readers and checkers look for.
 * libharu 2.3.0 has no tagging API; this works through the object API its
 * development headers install (hpdf_objects.h, hpdf_pages.h, hpdf_doc.h).
 *
 * The painter calls pdf_tag_mark before each box that draws something,
 * pdf_tag_close before every BT and ET (marked content must nest with text
 * objects), and pdf_tag_link for each link annotation. All functions but
 * pdf_tag_new accept NULL and then do nothing, for an untagged document. */
#ifndef QREPORT_PDF_TAG_H
#define QREPORT_PDF_TAG_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

#include "boxes.h"
#include "style.h"

struct pdf_tag;

/* A tagger for one save of `doc` into `pdf`; doc and style are borrowed
 * and must outlive it. Free with pdf_tag_free, after the document is
 * saved: the structure tree's objects are written from its records. */
struct pdf_tag *pdf_tag_new(HPDF_Doc pdf, const struct doc *doc, const struct style *st);
void pdf_tag_free(struct pdf_tag *t);

/* Painting of page `index` (0-based, pages in order) starts or ends;
 * `boxes` is what the page holds, borrowed until the page ends. */
void pdf_tag_begin_page(struct pdf_tag *t, size_t index, HPDF_Page page, const struct page *boxes);
void pdf_tag_end_page(struct pdf_tag *t);

/* Open the marked content box `b` belongs in, unless it is open already.
 * `in_text`: the page is inside a text object (after BT). */
void pdf_tag_mark(struct pdf_tag *t, const struct box *b, bool in_text);

/* Close the open marked content, if any. */
void pdf_tag_close(struct pdf_tag *t);

/* Link annotation `a` was made for link box `b` on the current page. */
void pdf_tag_link(struct pdf_tag *t, const struct box *b, HPDF_Annotation a);

/* After painting: the structure tree, its parent tree, the pages' and
 * annotations' keys into it, and the catalog entries (MarkInfo, Lang from
 * `lang` when not NULL, ViewerPreferences, XMP metadata from the info
 * dictionary, which must be complete by now). False if libharu failed;
 * its error is pending. */
bool pdf_tag_finish(struct pdf_tag *t, const char *lang);

#endif
