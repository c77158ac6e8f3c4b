/* Link annotations that cost a few dozen bytes each until the save
 * (pdf_links.c). libharu 2.3.0 builds each one from a dozen small objects,
 * some two kilobytes in all; a long report has thousands. Each here is an
 * empty libharu dictionary, for its object number and its place in the
 * page's /Annots, whose write_fn hook (hpdf_objects.h) writes the entries
 * from a compact record, byte for byte as libharu would have. */
#ifndef QREPORT_PDF_LINKS_H
#define QREPORT_PDF_LINKS_H

#include <hpdf.h>
#include <stdbool.h>

#include "arena.h"

/* More entries for an annotation, written after its own; `attr` is what
 * was given to pdf_link_set_tail. */
typedef HPDF_STATUS (*pdf_link_tail_fn)(const void *attr, HPDF_Stream s);

/* A link annotation on `page` over `rect`, opening `uri` when it is not
 * NULL, else going to `dest`. Its record lives in `records`, which must
 * outlive the document's save. NULL if libharu failed (its error is
 * pending). */
HPDF_Annotation pdf_link_new(HPDF_Doc pdf, struct arena *records, HPDF_Page page,
			     HPDF_Rect rect, const char *uri, HPDF_Destination dest);

/* Have `tail` write more entries into annotation `a`; false if `a` was
 * not made by pdf_link_new or has a tail already. */
bool pdf_link_set_tail(HPDF_Annotation a, pdf_link_tail_fn tail, const void *attr);

/* `key`, then a reference to indirect object `obj` ("n 0 R") and a newline,
 * as libharu writes one; for write_fn hooks here and in pdf_outline.c. */
HPDF_STATUS pdf_put_ref(HPDF_Stream s, const char *key, const void *obj);

#endif
