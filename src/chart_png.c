/* A chart picture's PNG, rendered from its SVG by librsvg on a cairo
 * surface, so the PNG is that same drawing and never a second one. The
 * layout's font files are made known to fontconfig first, so the renderer
 * sets the words in the layout's faces even where they are not installed.
 * The pixels are written with libpng: RGB without alpha (the picture has
 * a white ground), each row predicted from the one above and compressed
 * fast, which suits large flat areas: a tenth of the time of cairo's own
 * PNG writer for files a quarter larger.
 *
 * librsvg, cairo and fontconfig (with GLib, Pango and the rest beneath
 * them) are opened only when a run draws charts: linked into the program,
 * they would cost every run 7 MB and their start-up, charts or not. */
#include "chart.h"

#include <dlfcn.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>
#include <png.h>

/* The renderer's functions, from the libraries opened for it. */
struct renderer {
	void *rsvg, *cairo, *fc, *gobject, *glib;
	RsvgHandle *(*handle_new_from_data)(const guint8 *, gsize, GError **);
	gboolean (*render_document)(RsvgHandle *, cairo_t *, const RsvgRectangle *, GError **);
	void (*object_unref)(gpointer);
	void (*error_free)(GError *);
	cairo_surface_t *(*image_surface_create)(cairo_format_t, int, int);
	cairo_t *(*create)(cairo_surface_t *);
	void (*destroy)(cairo_t *);
	cairo_status_t (*status)(cairo_t *);
	const char *(*status_to_string)(cairo_status_t);
	void (*surface_flush)(cairo_surface_t *);
	unsigned char *(*image_surface_get_data)(cairo_surface_t *);
	int (*image_surface_get_stride)(cairo_surface_t *);
	void (*surface_destroy)(cairo_surface_t *);
	FcBool (*fc_init)(void);
	FcConfig *(*fc_current)(void);
	FcBool (*fc_add_file)(FcConfig *, const FcChar8 *);
};

struct chart_raster {
	struct renderer f;
	unsigned char *row; /* One RGB row. */
};

/* Where each function is found: its library (0 rsvg, 1 cairo, 2
 * fontconfig, 3 GObject, 4 GLib), its name, and where it goes. */
#define FN(lib, name, field) {lib, #name, offsetof(struct renderer, field)}
static const struct {
	int lib;
	const char *name;
	size_t at;
} functions[] = {
	FN(0, rsvg_handle_new_from_data, handle_new_from_data),
	FN(0, rsvg_handle_render_document, render_document),
	FN(3, g_object_unref, object_unref),
	FN(4, g_error_free, error_free),
	FN(1, cairo_image_surface_create, image_surface_create),
	FN(1, cairo_create, create),
	FN(1, cairo_destroy, destroy),
	FN(1, cairo_status, status),
	FN(1, cairo_status_to_string, status_to_string),
	FN(1, cairo_surface_flush, surface_flush),
	FN(1, cairo_image_surface_get_data, image_surface_get_data),
	FN(1, cairo_image_surface_get_stride, image_surface_get_stride),
	FN(1, cairo_surface_destroy, surface_destroy),
	FN(2, FcInit, fc_init),
	FN(2, FcConfigGetCurrent, fc_current),
	FN(2, FcConfigAppFontAddFile, fc_add_file),
};
static const char *const libraries[] = {"librsvg-2.so.2", "libcairo.so.2", "libfontconfig.so.1",
					"libgobject-2.0.so.0", "libglib-2.0.so.0"};

/* Open the libraries and find every function; false with `why` naming
 * what is missing. The libraries stay open for the rest of the process:
 * GLib's type system cannot be unloaded. */
static bool open_renderer(struct renderer *f, char *why, size_t whylen)
{
	void **handle[] = {&f->rsvg, &f->cairo, &f->fc, &f->gobject, &f->glib};
	for (size_t i = 0; i < sizeof libraries / sizeof *libraries; i++) {
		*handle[i] = dlopen(libraries[i], RTLD_NOW | RTLD_LOCAL);
		if (!*handle[i]) {
			snprintf(why, whylen, "%s cannot be opened (%s)", libraries[i], dlerror());
			return false;
		}
	}
	for (size_t i = 0; i < sizeof functions / sizeof *functions; i++) {
		void *sym = dlsym(*handle[functions[i].lib], functions[i].name);
		if (!sym) {
			snprintf(why, whylen, "%s has no %s", libraries[functions[i].lib],
				 functions[i].name);
			return false;
		}
		/* POSIX's way from dlsym's object pointer to a function pointer. */
		memcpy((char *)f + functions[i].at, &sym, sizeof sym);
	}
	return true;
}

struct chart_raster *chart_raster_new(const struct style *st, char *why, size_t whylen)
{
	struct renderer f = {0};
	if (!open_renderer(&f, why, whylen))
		return NULL;
	if (!f.fc_init()) {
		snprintf(why, whylen, "fontconfig cannot read its configuration");
		return NULL;
	}
	FcConfig *fc = f.fc_current();
	for (int face = 0; face < FACE_COUNT; face++) {
		bool seen = false;
		for (int g = 0; g < face; g++)
			seen |= st->font_path[g] && st->font_path[face] &&
				strcmp(st->font_path[g], st->font_path[face]) == 0;
		/* A face fontconfig already knows is found either way. */
		if (st->font_path[face] && !seen)
			f.fc_add_file(fc, (const FcChar8 *)st->font_path[face]);
	}
	struct chart_raster *r = xcalloc(1, sizeof *r);
	r->f = f;
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
	const unsigned char *px = r->f.image_surface_get_data(s);
	int stride = r->f.image_surface_get_stride(s);
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
	const struct renderer *f = &r->f;
	GError *err = NULL;
	RsvgHandle *h = f->handle_new_from_data((const guint8 *)svg->s, svg->n, &err);
	if (!h) {
		snprintf(why, whylen, "the renderer could not read the picture: %s",
			 err ? err->message : "no reason given");
		if (err)
			f->error_free(err);
		return false;
	}
	cairo_surface_t *s = f->image_surface_create(CAIRO_FORMAT_RGB24, CHART_WIDTH, CHART_HEIGHT);
	cairo_t *cr = f->create(s);
	RsvgRectangle viewport = {0, 0, CHART_WIDTH, CHART_HEIGHT};
	bool ok = f->render_document(h, cr, &viewport, &err);
	if (!ok)
		snprintf(why, whylen, "the renderer could not draw the picture: %s",
			 err ? err->message : "no reason given");
	if (err)
		f->error_free(err);
	if (ok && f->status(cr) != CAIRO_STATUS_SUCCESS) {
		snprintf(why, whylen, "%s", f->status_to_string(f->status(cr)));
		ok = false;
	}
	f->destroy(cr);
	f->surface_flush(s);
	if (ok)
		ok = encode(r, s, png, why, whylen);
	f->surface_destroy(s);
	f->object_unref(h);
	return ok;
}
