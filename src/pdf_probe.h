/* A look inside the PDF writer for tests, without libharu's headers. */
#ifndef QREPORT_PDF_PROBE_H
#define QREPORT_PDF_PROBE_H

#include <stdbool.h>

#include "render.h"
#include "style.h"

/* The width libharu itself computes for UTF-8 text in a face, in
 * thousandths of the size: for tests that our own metrics agree with it. */
double pdf_writer_libharu_width(struct pdf_writer *w, enum face face, const char *text);

/* Whether saves write the structure tree and marked content (the default),
 * so a test can compare the pages' looks with and without them. */
void pdf_writer_set_tagged(struct pdf_writer *w, bool tagged);

#endif
