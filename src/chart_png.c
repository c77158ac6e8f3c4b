/* A chart picture's PNG, rendered from its SVG by librsvg on a cairo
 * surface, so the PNG is that same drawing and never a second one. The
 * layout's font files are made known to fontconfig first, so the renderer
 * sets the words in the layout's faces even where they are not installed.
 * The pixels are written with libpng: RGB without alpha (the picture has
 * a white ground), each row predicted from the one above and compressed
 * fast, which suits large flat areas: a tenth of the time of cairo's own
 * PNG writer for files a quarter larger. */
#include "chart.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>
#include <png.h>

struct chart_raster {
	unsigned char *row; /* One RGB row. */
};

struct chart_raster *chart_raster_new(const struct style *st)
{
	if (!FcInit())
		return NULL;
	FcConfig *fc = FcConfigGetCurrent();
	for (int f = 0; f < FACE_COUNT; f++) {
		bool seen = false;
		for (int g = 0; g < f; g++)
			seen |= st->font_path[g] && st->font_path[f] &&
				strcmp(st->font_path[g], st->font_path[f]) == 0;
		/* A face fontconfig already knows is found either way. */
		if (st->font_path[f] && !seen)
			FcConfigAppFontAddFile(fc, (const FcChar8 *)st->font_path[f]);
	}
	struct chart_raster *r = xcalloc(1, sizeof *r);
	r->row = xmalloc((size_t)CHART_WIDTH * 3);
	return r;
}

void chart_raster_free(struct chart_raster *r)
{
	if (!r)
		return;
	free(r->row);
	free(r);
}

/* libpng's output and errors. */
struct png_out {
	struct strbuf *png;
	jmp_buf fail;
	char message[200];
};

static void png_put(png_structp ps, png_bytep data, png_size_t n)
{
	struct png_out *o = png_get_io_ptr(ps);
	sb_addn(o->png, (const char *)data, n);
}

static void png_flush_none(png_structp ps)
{
	(void)ps;
}

static void png_fail(png_structp ps, png_const_charp msg)
{
	struct png_out *o = png_get_error_ptr(ps);
	snprintf(o->message, sizeof o->message, "%s", msg);
	longjmp(o->fail, 1);
}

static void png_note(png_structp ps, png_const_charp msg)
{
	(void)ps;
	(void)msg;
}

/* The surface's pixels (cairo's native 0xXXRRGGBB words) as a PNG. */
static bool encode(struct chart_raster *r, cairo_surface_t *s, struct strbuf *png, char *why,
		   size_t whylen)
{
	const unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	/* On the heap: what the error handler writes must outlive its longjmp. */
	struct png_out *o = xcalloc(1, sizeof *o);
	o->png = png;
	png_structp ps = png_create_write_struct(PNG_LIBPNG_VER_STRING, o, png_fail, png_note);
	png_infop info = ps ? png_create_info_struct(ps) : NULL;
	if (!ps || !info) {
		png_destroy_write_struct(&ps, NULL);
		snprintf(why, whylen, "out of memory");
		free(o);
		return false;
	}
	if (setjmp(o->fail)) {
		png_destroy_write_struct(&ps, &info);
		snprintf(why, whylen, "%s", o->message);
		free(o);
		return false;
	}
	png_set_write_fn(ps, o, png_put, png_flush_none);
	png_set_IHDR(ps, info, CHART_WIDTH, CHART_HEIGHT, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(ps, 1);
	png_set_filter(ps, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
	png_write_info(ps, info);
	for (int y = 0; y < CHART_HEIGHT; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
		unsigned char *d = r->row;
		for (int x = 0; x < CHART_WIDTH; x++) {
			uint32_t v = src[x];
			*d++ = (unsigned char)(v >> 16);
			*d++ = (unsigned char)(v >> 8);
			*d++ = (unsigned char)v;
		}
		png_write_row(ps, r->row);
	}
	png_write_end(ps, info);
	png_destroy_write_struct(&ps, &info);
	free(o);
	return true;
}

bool chart_raster_png(struct chart_raster *r, const struct strbuf *svg, struct strbuf *png,
		      char *why, size_t whylen)
{
	GError *err = NULL;
	RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)svg->s, svg->n, &err);
	if (!h) {
		snprintf(why, whylen, "the renderer could not read the picture: %s",
			 err ? err->message : "no reason given");
		if (err)
			g_error_free(err);
		return false;
	}
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, CHART_WIDTH, CHART_HEIGHT);
	cairo_t *cr = cairo_create(s);
	RsvgRectangle viewport = {0, 0, CHART_WIDTH, CHART_HEIGHT};
	bool ok = rsvg_handle_render_document(h, cr, &viewport, &err);
	if (!ok)
		snprintf(why, whylen, "the renderer could not draw the picture: %s",
			 err ? err->message : "no reason given");
	if (err)
		g_error_free(err);
	if (ok && cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		snprintf(why, whylen, "%s", cairo_status_to_string(cairo_status(cr)));
		ok = false;
	}
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (ok)
		ok = encode(r, s, png, why, whylen);
	cairo_surface_destroy(s);
	g_object_unref(h);
	return ok;
}
