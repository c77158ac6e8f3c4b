/* How the layout engine measures text without knowing which library draws it.
 * The PDF back end supplies real font metrics; tests supply fixed ones. */
#ifndef QREPORT_METRICS_H
#define QREPORT_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "style.h"

struct metrics {
	void *ctx;
	/* Advance width of `len` bytes of UTF-8 in `face`, in thousandths of the size. */
	double (*width)(void *ctx, enum face face, const char *s, size_t len);
	/* Whether `face` has a glyph for the code point. */
	bool (*has_glyph)(void *ctx, enum face face, unsigned cp);
	/* Ascender (positive) and descender (negative), thousandths of the size. */
	double ascent[FACE_COUNT];
	double descent[FACE_COUNT];
};

#endif
