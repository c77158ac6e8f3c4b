/* A look inside the PDF writer for tests, without libharu's headers. */
#ifndef QREPORT_PDF_PROBE_H
#define QREPORT_PDF_PROBE_H

#include "render.h"
#include "style.h"

/* The width libharu itself computes for UTF-8 text in a face, in
 * thousandths of the size: for tests that our own metrics agree with it. */
double pdf_writer_libharu_width(struct pdf_writer *w, enum face face, const char *text);

#endif
