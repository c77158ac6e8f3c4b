/* Reading TrueType files ourselves: whether libharu can embed a file, and
 * the advance widths and character coverage the layout engine measures with.
 * No libharu here, so the layout file checker can use it too. */
#ifndef QREPORT_TTF_H
#define QREPORT_TTF_H

#include <stdbool.h>
#include <stddef.h>

/* libharu 2.3.0 maps characters through a 16-bit cmap only. */
#define TTF_CODEPOINTS 65536

/* What a font file offers, in thousandths of the em as libharu rounds them
 * (advance * 1000 / unitsPerEm, truncated), so measured and drawn widths agree. */
struct ttf_metrics {
	unsigned short *width;  /* [TTF_CODEPOINTS], heap-owned; .notdef's for missing ones. */
	unsigned char *covered; /* Bit set per code point the cmap maps to a glyph; heap-owned. */
	int ascent;             /* hhea ascender, positive. */
	int descent;            /* hhea descender, negative. */
	int units_per_em;
	unsigned num_glyphs;
};

/* Check that `path` is a TrueType font libharu can embed. On failure writes
 * a phrase such as "is not a TrueType font" into `why` (completing
 * "font file PATH ...") and returns false. */
bool ttf_check(const char *path, char *why, size_t whylen);

/* Read the metrics of `path` into `out`; false with `why` as ttf_check. */
bool ttf_load(const char *path, struct ttf_metrics *out, char *why, size_t whylen);
void ttf_free(struct ttf_metrics *m);

/* How a web page names a font file's face (CSS font-family, font-weight). */
struct ttf_face {
	char family[64]; /* Typographic family (name ID 16, else 1), kept to
			  * letters, digits, spaces and hyphens; "" if none. */
	int weight;      /* OS/2 usWeightClass, 100..900. */
	bool serif;      /* PANOSE says the face has serifs. */
};

/* Read `path`'s names; false (and a face with no family) when it cannot be
 * read: a web page then names only generic families. */
bool ttf_face_read(const char *path, struct ttf_face *out);

/* Whether the font maps code point `cp` to a real glyph. */
static inline bool ttf_covers(const struct ttf_metrics *m, unsigned cp)
{
	return cp < TTF_CODEPOINTS && (m->covered[cp >> 3] >> (cp & 7)) & 1;
}

#endif
