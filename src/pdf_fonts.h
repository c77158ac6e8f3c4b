/* The layout's font faces as the layout engine sees them: advance widths,
 * coverage, ascent and descent, read from the TrueType files themselves so
 * measuring never touches libharu (and never marks glyphs for embedding). */
#ifndef QREPORT_PDF_FONTS_H
#define QREPORT_PDF_FONTS_H

#include <stdbool.h>

#include "diag.h"
#include "metrics.h"
#include "ttf.h"
#include "style.h"

struct pdf_fonts {
	struct ttf_metrics face[FACE_COUNT];
	bool owned[FACE_COUNT]; /* false when a face shares another's file. */
	struct metrics metrics; /* ctx points back at this struct. */
};

/* Read every face the style names. False after reporting errors (with the
 * layout file's line) through `d`; nothing to free then. */
bool pdf_fonts_load(struct pdf_fonts *f, const struct style *st, struct diag *d);
void pdf_fonts_free(struct pdf_fonts *f);

/* Decode one character of UTF-8 the way libharu's UTF-8 encoder does:
 * returns the bytes consumed (at least 1) and sets *cp, or -1 in *cp for a
 * byte libharu skips. Characters above U+FFFF come out as a space, as libharu
 * draws them. */
int pdf_utf8_next(const char *s, size_t len, long *cp);

#endif
