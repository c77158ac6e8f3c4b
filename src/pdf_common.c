/* What the PDF back end's files share: libharu's errors in words, the
 * faces and images a document loads on first use, and text clipped to the
 * lengths readers take. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

/* Words for the libharu errors a user can cause or meet. */
const char *pdf_error_text(HPDF_STATUS code)
{
	switch (code) {
	case HPDF_FAILD_TO_ALLOC_MEM:
		return "ran out of memory";
	case HPDF_FILE_IO_ERROR:
		return "could not read or write a file";
	case HPDF_FILE_OPEN_ERROR:
		return "could not open a file";
	case HPDF_FONT_EXISTS:
		return "was given the same font twice";
	case HPDF_INVALID_PNG_IMAGE:
	case HPDF_LIBPNG_ERROR:
		return "cannot read this PNG image";
	case HPDF_UNSUPPORTED_JPEG_FORMAT:
	case HPDF_INVALID_JPEG_DATA:
		return "cannot read this JPEG image";
	case HPDF_INVALID_IMAGE:
		return "cannot use this image";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT:
		return "may not embed this font (its licence flags forbid it)";
	case HPDF_TTF_INVALID_CMAP:
	case HPDF_TTF_INVALID_FOMAT:
	case HPDF_TTF_MISSING_TABLE:
	case HPDF_INVALID_FONTDEF_DATA:
		return "cannot read this TrueType font";
	case HPDF_PAGE_INVALID_SIZE:
		return "refused the page size (PDF pages are 3 to 14400 points a side)";
	case HPDF_PAGE_INVALID_FONT_SIZE:
		return "refused a type size";
	case HPDF_INVALID_URI:
		return "refused a link address";
	case HPDF_REAL_OUT_OF_RANGE:
		return "was given a coordinate out of range";
	case HPDF_ZLIB_ERROR:
		return "failed to compress a stream";
	case HPDF_INVALID_PARAMETER:
		return "was given an invalid value";
	default:
		return "failed";
	}
}

/* Report a pending libharu error with what we were doing, and clear it. */
bool pdf_take_error(struct pdf_writer *w, const char *file, int line, const char *doing,
		    struct diag *d)
{
	if (!w->err.code)
		return false;
	diag_error(d, file, line, "the PDF library %s (error 0x%04X, detail %u) while %s",
		   pdf_error_text(w->err.code), (unsigned)w->err.code, (unsigned)w->err.detail,
		   doing);
	if (w->pdf)
		HPDF_ResetError(w->pdf);
	w->err.code = 0;
	w->err.detail = 0;
	return true;
}

/* An image by path, loaded once per document. */
HPDF_Image pdf_image(struct pdf_writer *w, const char *path, const char *layout_file, int line,
		     struct diag *d)
{
	for (int i = 0; i < w->nimages; i++)
		if (strcmp(w->images[i].path, path) == 0)
			return w->images[i].image;
	if (w->nimages == PDF_MAX_IMAGES) {
		diag_error(d, layout_file, line, "too many images (more than %d); expected a logo or two",
			   PDF_MAX_IMAGES);
		return NULL;
	}
	/* The logo is embedded from the bytes the layout check read and
	 * passed, never read again; other images are sniffed, not trusted
	 * by their names. */
	const struct style *st = w->st;
	HPDF_Image img = NULL;
	if (st->logo_data && st->logo_path && strcmp(path, st->logo_path) == 0) {
		bool jpeg = st->logo_size >= 3 && st->logo_data[0] == 0xFF && st->logo_data[1] == 0xD8;
		img = jpeg ? HPDF_LoadJpegImageFromMem(w->pdf, st->logo_data, (HPDF_UINT)st->logo_size)
			   : HPDF_LoadPngImageFromMem(w->pdf, st->logo_data, (HPDF_UINT)st->logo_size);
	} else {
		unsigned char magic[3] = {0};
		FILE *f = fopen(path, "rb");
		if (!f) {
			diag_error(d, layout_file, line,
				   "cannot read image %s: %s; expected a readable PNG or JPEG file", path,
				   strerror(errno));
			return NULL;
		}
		size_t got = fread(magic, 1, sizeof magic, f);
		fclose(f);
		bool jpeg = got == 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF;
		img = jpeg ? HPDF_LoadJpegImageFromFile(w->pdf, path)
			   : HPDF_LoadPngImageFromFile(w->pdf, path);
	}
	if (w->err.code || !img) {
		w->failed = true;
		char doing[600];
		snprintf(doing, sizeof doing, "loading image %s", path);
		if (!pdf_take_error(w, layout_file, line, doing, d))
			diag_error(d, layout_file, line, "cannot use image %s; expected a PNG or JPEG file",
				   path);
		return NULL;
	}
	pdf_compress_smask(img);
	w->images[w->nimages].path = path;
	w->images[w->nimages].image = img;
	w->nimages++;
	return img;
}

/* The libharu font for a face, loaded and embedded on first use. */
HPDF_Font pdf_face(struct pdf_writer *w, enum face face, struct diag *d)
{
	if (w->font[face])
		return w->font[face];
	const struct style *st = w->st;
	const char *path = st->font_path[face];
	/* Faces sharing a file share one embedded font. */
	for (int j = 0; j < FACE_COUNT; j++) {
		if (w->font[j] && strcmp(st->font_path[j], path) == 0) {
			w->font[face] = w->font[j];
			return w->font[face];
		}
	}
	/* Embedded, so the report looks the same on every machine. */
	const char *name = HPDF_LoadTTFontFromFile(w->pdf, path, HPDF_TRUE);
	HPDF_Font font = name ? HPDF_GetFont(w->pdf, name, "UTF-8") : NULL;
	if (w->err.code || !font) {
		char doing[600];
		snprintf(doing, sizeof doing, "loading font file %s", path);
		if (!pdf_take_error(w, st->path, st->font_line[face], doing, d))
			diag_error(d, st->path, st->font_line[face],
				   "cannot load font file %s; expected a TrueType font", path);
		w->failed = true;
		return NULL;
	}
	pdf_fix_tounicode(font);
	w->font[face] = font;
	return font;
}

/* A copy of `s` cut to at most `max` bytes, at a character boundary. Heap. */
char *pdf_clip_text(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	char *c = xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}
