#include "pdf_fonts.h"

#include <string.h>

/* Name of a face as a layout file writes it, for messages. */
static const char *face_word(enum face face)
{
	switch (face) {
	case FACE_REGULAR:
		return "regular";
	case FACE_BOLD:
		return "bold";
	case FACE_ITALIC:
		return "italic";
	case FACE_BOLD_ITALIC:
		return "bold-italic";
	case FACE_HEADING:
		return "heading";
	case FACE_FALLBACK:
		return "fallback";
	case FACE_FALLBACK_BOLD:
		return "fallback-bold";
	case FACE_COUNT:
		break;
	}
	return "?";
}

/* One character of UTF-8, decoded as libharu decodes it (see pdf_fonts.h). */
int pdf_utf8_next(const char *s, size_t len, long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned b = p[0];
	size_t n;
	unsigned long v;
	if (b < 0x80) {
		*cp = (long)b;
		return 1;
	} else if ((b & 0xE0) == 0xC0) {
		n = 2, v = b & 0x1F;
	} else if ((b & 0xF0) == 0xE0) {
		n = 3, v = b & 0x0F;
	} else if ((b & 0xF8) == 0xF0) {
		n = 4, v = b & 0x07;
	} else {
		*cp = -1; /* A stray continuation byte: libharu skips it. */
		return 1;
	}
	if (n > len) {
		*cp = -1; /* Cut short at the end: libharu draws nothing. */
		return (int)len;
	}
	/* libharu trusts the continuation bytes without checking them. */
	for (size_t i = 1; i < n; i++)
		v = v << 6 | (p[i] & 0x3F);
	*cp = v > 0xFFFF ? 0x20 : (long)v;
	return (int)n;
}

/* struct metrics: advance of UTF-8 text, thousandths of the size. */
static double fonts_width(void *ctx, enum face face, const char *s, size_t len)
{
	const struct pdf_fonts *f = ctx;
	const unsigned short *w = f->face[face].width;
	unsigned long sum = 0;
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) { /* The common case, kept tight. */
			sum += w[b];
			i++;
			continue;
		}
		long cp;
		i += (size_t)pdf_utf8_next(s + i, len - i, &cp);
		if (cp >= 0)
			sum += w[cp];
	}
	return (double)sum;
}

/* struct metrics: whether a face has a glyph for a code point. */
static bool fonts_has_glyph(void *ctx, enum face face, unsigned cp)
{
	const struct pdf_fonts *f = ctx;
	return ttf_covers(&f->face[face], cp);
}

/* Read every face of the style and set up struct metrics over them. */
bool pdf_fonts_load(struct pdf_fonts *f, const struct style *st, struct diag *d)
{
	memset(f, 0, sizeof *f);
	bool ok = true;
	for (int i = 0; i < FACE_COUNT; i++) {
		const char *path = st->font_path[i];
		if (!path) {
			diag_error(d, st->path, st->font_line[i],
				   "the layout gives no font for the %s face; expected a <font face=\"%s\" file=\"….ttf\"/>",
				   face_word((enum face)i), face_word((enum face)i));
			ok = false;
			continue;
		}
		int same = -1;
		for (int j = 0; j < i && same < 0; j++)
			if (st->font_path[j] && strcmp(st->font_path[j], path) == 0)
				same = j;
		if (same >= 0) {
			f->face[i] = f->face[same];
			continue;
		}
		char why[256];
		if (!ttf_load(path, &f->face[i], why, sizeof why)) {
			diag_error(d, st->path, st->font_line[i], "font file %s for the %s face %s", path,
				   face_word((enum face)i), why);
			ok = false;
			continue;
		}
		f->owned[i] = true;
	}
	if (!ok) {
		pdf_fonts_free(f);
		return false;
	}
	f->metrics.ctx = f;
	f->metrics.width = fonts_width;
	f->metrics.has_glyph = fonts_has_glyph;
	for (int i = 0; i < FACE_COUNT; i++) {
		f->metrics.ascent[i] = f->face[i].ascent;
		f->metrics.descent[i] = f->face[i].descent;
	}
	return true;
}

/* Release the faces this struct owns (shared ones once). */
void pdf_fonts_free(struct pdf_fonts *f)
{
	for (int i = 0; i < FACE_COUNT; i++) {
		if (f->owned[i])
			ttf_free(&f->face[i]);
		f->owned[i] = false;
		f->face[i].width = NULL;
		f->face[i].covered = NULL;
	}
}
