/* What the PDF back end's files share: the writer itself and the painting
 * entry points. Only src/render_pdf.c and src/pdf_*.c include this (and
 * libharu); the rest of the program sees render.h. */
#ifndef QREPORT_PDF_INTERNAL_H
#define QREPORT_PDF_INTERNAL_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "boxes.h"
#include "diag.h"
#include "pdf_fonts.h"
#include "pdf_probe.h"
#include "style.h"

#define PDF_MAX_IMAGES 16

struct pdf_tag;

/* libharu reports errors through a callback; we note the first one and
 * check after each step, never jumping out of our own code. */
struct pdf_error {
	HPDF_STATUS code;   /* 0 when nothing went wrong. */
	HPDF_STATUS detail;
};

struct pdf_writer {
	const struct style *st;       /* Borrowed: outlives the writer. */
	struct pdf_fonts fonts;       /* Our own metrics, for the layout engine. */
	HPDF_Doc pdf;                 /* libharu's document during a save, owned. */
	bool failed;                  /* A font or image of the layout was refused. */
	HPDF_Font font[FACE_COUNT];   /* Loaded on first use; NULL before. */
	struct {
		const char *path;     /* Borrowed from the style or the doc. */
		HPDF_Image image;
	} images[PDF_MAX_IMAGES];
	int nimages;
	struct pdf_error err;
	bool untagged;                /* Write no structure (tests compare renders). */
	struct pdf_tag *tag;          /* The tagger during a save, owned; else NULL. */
	char *text;                   /* Scratch for NUL-terminating text boxes; heap. */
	size_t text_cap;
	struct arena links;           /* Link annotations' and bookmarks' records
				       * during a save. */
	char *zbuf;                   /* Scratch for a page's compressed content; heap. */
	size_t zbuf_cap;
};

/* Paint one page of `doc`. `dests` holds a destination per doc.dests entry
 * (NULL where none could be made). False after reporting an error. */
bool pdf_paint_page(struct pdf_writer *w, HPDF_Page page, const struct doc *doc,
		    const struct page *p, HPDF_Destination *dests, struct diag *d);

/* Compress a painted page's content stream now rather than when the
 * document is saved (pdf_squeeze.c); the file written is the same. */
void pdf_squeeze_page(struct pdf_writer *w, HPDF_Page page);

/* Keep a painted page's entries as the bytes libharu would write for
 * them rather than as libharu's objects (pdf_squeeze.c). Entries the
 * page gets later go through pdf_page_add_entry ("/Key value\n"), which
 * is false when the page was left unpacked. */
void pdf_pack_page(HPDF_Page page);
bool pdf_page_add_entry(HPDF_Page page, const char *entry);

/* Longest text kept in the document information and in a bookmark, in
 * bytes of UTF-8. libharu refuses strings over 65535 bytes and readers are
 * built for 32767 (ISO 32000-1, annex C); written as UTF-16, this is at
 * most 32766 bytes. A title that long is a mistake, not a title. */
#define PDF_MAX_TEXT 16383

/* A copy of `s` cut to at most `max` bytes, at a character boundary. Heap. */
char *pdf_clip_text(const char *s, size_t max);

/* Bookmarks from doc.outline (pdf_outline.c), each level under the last
 * item one up; `dests` as for pdf_paint_page. Errors are left pending. */
void pdf_outline_build(struct pdf_writer *w, const struct doc *doc, HPDF_Destination *dests);

/* Draw a status icon in the square with lower-left (x, y) and side `size`,
 * told apart by shape as well as colour: met a disc with a check mark,
 * under a triangle with an exclamation mark, not met a square with a cross,
 * no data a hollow ring with a dash. */
void pdf_draw_icon(HPDF_Page page, double x, double y, double size, enum status status,
		   struct rgb colour);

/* The font for a face, loading it on first use; NULL after reporting. */
HPDF_Font pdf_face(struct pdf_writer *w, enum face face, struct diag *d);

/* The image for `path`, loading it on first use; NULL after reporting. */
HPDF_Image pdf_image(struct pdf_writer *w, const char *path, const char *layout_file, int line,
		     struct diag *d);

/* Repairs to libharu 2.3.0 output (pdf_fixups.c): a proper ToUnicode map
 * for a font loaded with the UTF-8 encoder (false if it has none), and
 * compression for an image's transparency mask. */
bool pdf_fix_tounicode(HPDF_Font font);
void pdf_compress_smask(HPDF_Image image);

/* A sentence for a libharu error code, e.g. "a PNG image it cannot read". */
const char *pdf_error_text(HPDF_STATUS code);

/* Report and clear a pending libharu error; true if there was one. */
bool pdf_take_error(struct pdf_writer *w, const char *file, int line, const char *doing,
		    struct diag *d);

#endif
